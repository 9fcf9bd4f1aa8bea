import { App, Stack, Validations } from 'aws-cdk-lib';
import type * as CdkNag from 'cdk-nag';
import type { AppConfig } from './config/app-config';
import { stackNamesOf } from './config/stack-names';
import { GuardDutyMemberRegionStack } from './guardduty-member-region-stack';
import { GuardDutyThreatDetectionStack } from './guardduty-threat-detection-stack';
import { OrganizationManagementStack } from './organization-management-stack';

/** The stacks an app built from one configuration holds. */
export interface BuiltApp {
  /** The home Region's stack: the archive, the routes and the channels. */
  readonly home: GuardDutyThreatDetectionStack;
  /** One stack per other Region, in the order of `regions`. */
  readonly members: GuardDutyMemberRegionStack[];
  /** In organization mode, the management account's stack. */
  readonly management?: OrganizationManagementStack;
  /** Every stack, in deploy order. */
  readonly stacks: Stack[];
}

/** Options of {@link buildApp}. */
export interface BuildAppOptions {
  /**
   * Register the cdk-nag packs. Only the offline preview turns them off, to synthesize faster; every deployable
   * synth keeps them.
   *
   * @default true
   */
  readonly checks?: boolean;
}

const DESCRIPTION =
  'Amazon GuardDuty with an encrypted findings archive and readable alerts (cdk-guardduty-threat-detection)';

/**
 * Adds the stacks a configuration describes to an app, and the checks every stack must pass at synth: cdk-nag's
 * AWS Solutions and NIST 800-53 rev 5 packs (CloudFormation Validate runs by itself; the app's context makes its
 * findings errors).
 *
 * Without `regions`: one stack, `<stackName>`. With `regions`: the home Region's stack keeps that name
 * (`homeStackName` overrides it), so that adding `regions` or `homeRegion` never replaces the deployed stack; each
 * other Region gets `<stackName>-<region>`, deployed after the home one. With `organization`: also
 * `<stackName>-OrganizationManagement` in the management account, deployed first.
 */
export function buildApp(app: App, config: AppConfig, options: BuildAppOptions = {}): BuiltApp {
  const names = stackNamesOf(config);
  const account = config.env?.account ?? config.organization?.administratorAccountId;
  const regions = config.regions;
  const homeRegion = regions ? (config.homeRegion ?? regions[0]) : config.env?.region;
  const others = (regions ?? []).filter((r) => r !== homeRegion);

  const management = config.organization
    ? new OrganizationManagementStack(app, names.management, {
        config,
        regions: regions ?? [homeRegion!],
        env: { account: config.organization.managementAccountId, region: homeRegion },
        description: `${DESCRIPTION}: delegated administrator`,
      })
    : undefined;
  const home = new GuardDutyThreatDetectionStack(app, names.home, {
    config,
    forwardedRegions: others,
    env: account || homeRegion ? { account, region: homeRegion } : undefined,
    description: DESCRIPTION,
  });
  const members = others.map(
    (region) =>
      new GuardDutyMemberRegionStack(app, names.region(region), {
        config,
        homeStack: home,
        archiveParameterName: home.threatDetection.archiveParameterName,
        env: { account, region },
        description: `${DESCRIPTION}: ${region}, forwarding to ${homeRegion}`,
      }),
  );
  if (management) {
    for (const stack of [home, ...members]) {
      stack.addStackDependency(management, 'the delegated administrator must be designated first');
    }
  }
  if (options.checks ?? true) {
    // Loaded only here: without cdk-nag's rule packs the preview (checks: false) starts a sixth sooner.
    // eslint-disable-next-line @typescript-eslint/no-require-imports
    const { AwsSolutionsChecks, NIST80053R5Checks } = require('cdk-nag') as typeof CdkNag;
    Validations.of(app).addPlugins(new AwsSolutionsChecks(app), new NIST80053R5Checks(app));
  }
  return { home, members, management, stacks: [...(management ? [management] : []), home, ...members] };
}
