import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { App, Stack, Validations } from 'aws-cdk-lib';
import { Template } from 'aws-cdk-lib/assertions';
import { AwsSolutionsChecks, NIST80053R5Checks } from 'cdk-nag';
import { resourcesNamingBothRuntimeFeatures } from './runtime-features';

/** The context of cdk.json, so that tests synthesize exactly as `cdk synth` does. */
export const CDK_CONTEXT: Record<string, unknown> = JSON.parse(
  fs.readFileSync(path.join(__dirname, '..', '..', 'cdk.json'), 'utf8'),
).context;

/**
 * An app that runs every check the project requires at synth: cdk-nag's AwsSolutions and NIST 800-53 rev 5 packs,
 * and CloudFormation Validate with its findings (warnings too) as errors.
 */
export function checkedApp(options: { nag?: boolean } = {}): App {
  const app = new App({
    outdir: fs.mkdtempSync(path.join(os.tmpdir(), 'cdk-gd-test-')),
    context: { ...CDK_CONTEXT },
  });
  if (options.nag ?? true) {
    Validations.of(app).addPlugins(new AwsSolutionsChecks(app), new NIST80053R5Checks(app));
  }
  return app;
}

/** A stack in a {@link checkedApp}. */
export function checkedStack(
  id = 'Test',
  props: { env?: { account?: string; region?: string } } = {},
): Stack {
  return new Stack(checkedApp(), id, props);
}

/** What the checks reported, from the validation report CDK writes into the cloud assembly. */
export interface Violation {
  readonly plugin: string;
  readonly rule: string;
  readonly severity: string;
  readonly paths: string[];
}

export function violationsOf(outdir: string): Violation[] {
  const file = path.join(outdir, 'validation-report.json');
  if (!fs.existsSync(file)) return [];
  const report = JSON.parse(fs.readFileSync(file, 'utf8')) as {
    pluginReports: {
      pluginName: string;
      violations: { ruleName: string; severity: string; violatingConstructs: { constructPath: string }[] }[];
    }[];
  };
  return report.pluginReports.flatMap((r) =>
    r.violations.map((v) => ({
      plugin: r.pluginName,
      rule: v.ruleName,
      severity: v.severity,
      paths: v.violatingConstructs.map((c) => c.constructPath),
    })),
  );
}

/**
 * Synthesizes the stack's app with every check on, fails on any finding that is not acknowledged or on a GuardDuty
 * request that names both runtime features, and returns the stack's template.
 */
export function checkedTemplate(stack: Stack): Template {
  const app = stack.node.root as App;
  const assembly = app.synth();
  const violations = violationsOf(assembly.directory);
  if (violations.length > 0) {
    throw new Error(`Unacknowledged findings:\n${JSON.stringify(violations, undefined, 2)}`);
  }
  const template = assembly.getStackArtifact(stack.artifactId).template;
  const refused = resourcesNamingBothRuntimeFeatures(template);
  if (refused.length > 0) {
    throw new Error(
      `${refused.join(', ')} name both RUNTIME_MONITORING and EKS_RUNTIME_MONITORING in one request, which GuardDuty refuses`,
    );
  }
  return Template.fromJSON(template);
}
