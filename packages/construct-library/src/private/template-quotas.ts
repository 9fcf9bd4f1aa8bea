import { type CfnResource, type IInspectable, type Stack, TreeInspector } from 'aws-cdk-lib';
import type { Construct } from 'constructs';
import { registerStackCheck, resourcesOf } from './stack-checks';

/**
 * A synth-time check of a stack against CloudFormation's per-template quotas: the number of resources and the
 * template size. aws-cdk-lib stops at 500 resources with a bare count and only warns about a large template; a
 * template over either quota fails only when it is deployed.
 *
 * Quotas (https://docs.aws.amazon.com/AWSCloudFormation/latest/UserGuide/cloudformation-limits.html): "Resources:
 * Maximum number of resources that you can declare in your CloudFormation template: 500 resources" and "Template
 * body size in an Amazon S3 object: 1 MB" (cdk deploy uploads the template to S3). 1 MB is taken as 1,000,000 bytes,
 * the lower reading.
 */
export const TEMPLATE_QUOTAS = {
  resources: 500,
  bytes: 1_000_000,
  source: 'https://docs.aws.amazon.com/AWSCloudFormation/latest/UserGuide/cloudformation-limits.html',
} as const;

/** What was measured of a stack's template. */
export interface TemplateFigures {
  /** The number of resources. */
  readonly resources: number;
  /** The size of the resources section as minified JSON, in UTF-8 bytes: a lower bound of the template's size. */
  readonly bytes: number;
  /** The number of resources of each CloudFormation type, most frequent first. */
  readonly counts: [string, number][];
}

/** The messages for what in `figures` is over its quota; empty when the template fits. */
export function templateQuotaProblems(path: string, figures: TemplateFigures, fix: string): string[] {
  const n = (v: number) => v.toLocaleString('en-US');
  const problems: string[] = [];
  const largest = figures.counts
    .slice(0, 3)
    .map(([type, count]) => `${type} ${n(count)}`)
    .join(', ');
  if (figures.resources > TEMPLATE_QUOTAS.resources) {
    problems.push(
      `${path}: the template would declare ${n(figures.resources)} resources (${largest}), over CloudFormation's ` +
        `${n(TEMPLATE_QUOTAS.resources)} resources per template (quotas: ${TEMPLATE_QUOTAS.source}), so the ` +
        `deployment would fail. ${fix}`,
    );
  }
  if (figures.bytes > TEMPLATE_QUOTAS.bytes) {
    problems.push(
      `${path}: the template would be at least ${n(figures.bytes)} bytes, over CloudFormation's ` +
        `${n(TEMPLATE_QUOTAS.bytes)}-byte (1 MB) template size (quotas: ${TEMPLATE_QUOTAS.source}), so the ` +
        `deployment would fail. ${fix}`,
    );
  }
  return problems;
}

const GENERIC_FIX = 'Move some of the resources into another stack.';

/**
 * Checks, when the app is synthesized, the resource count and the size of the template of the stack of `scope`
 * against {@link TEMPLATE_QUOTAS}, and fails synthesis with the figure, the quota, its source and `fix`. Registered
 * once per stack, whoever calls it; the fixes of every caller are given.
 */
export function checkTemplateQuotas(scope: Construct, fix?: string): void {
  registerStackCheck(
    scope,
    'CdkGuardDutyTemplateQuotaCheck',
    (stack, advice) => {
      const fixes = [...new Set(advice.values())];
      return templateQuotaProblems(
        stack.node.path,
        measureTemplate(stack),
        fixes.length > 0 ? fixes.join(' ') : GENERIC_FIX,
      );
    },
    fix,
  );
}

/**
 * The resources of `stack` (not of its nested stacks), and their size: each resource's type, resolved properties
 * (the L1 properties as set, which have the template's property names up to the case of the first letter) and
 * metadata, as minified JSON. Raw overrides, the other template sections and the properties of resources that are
 * not generated L1 classes (custom resources, whose properties aws-cdk-lib does not expose) are not counted, so the
 * real template is larger.
 */
export function measureTemplate(stack: Stack): TemplateFigures {
  const resources = resourcesOf(stack);
  const counts = new Map<string, number>();
  let bytes = 0;
  for (const resource of resources) {
    counts.set(resource.cfnResourceType, (counts.get(resource.cfnResourceType) ?? 0) + 1);
    const properties = declaredProperties(resource);
    const entry = {
      [stack.resolve(resource.logicalId)]: {
        Type: resource.cfnResourceType,
        Properties: stack.resolve(properties),
        Metadata: stack.resolve(resource.cfnOptions.metadata),
      },
    };
    bytes += Buffer.byteLength(JSON.stringify(entry), 'utf8');
  }
  return {
    resources: resources.length,
    bytes,
    counts: [...counts.entries()].sort((a, b) => b[1] - a[1]),
  };
}

/**
 * The properties of a resource as its L1 class holds them, read through the construct tree inspector that
 * aws-cdk-lib's generated L1 classes implement (`IInspectable`, the source of tree.json), not through protected
 * members; undefined for a resource that is not inspectable.
 */
function declaredProperties(resource: CfnResource): unknown {
  const inspectable = resource as unknown as Partial<IInspectable>;
  if (typeof inspectable.inspect !== 'function') return undefined;
  const inspector = new TreeInspector();
  inspectable.inspect(inspector);
  return inspector.attributes[CFN_PROPERTIES_ATTRIBUTE];
}

/** The attribute under which a generated L1 class gives its properties to the inspector. */
const CFN_PROPERTIES_ATTRIBUTE = 'aws:cdk:cloudformation:props';
