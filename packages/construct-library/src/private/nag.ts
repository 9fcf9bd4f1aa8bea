import { CfnResource, Validations } from 'aws-cdk-lib';
import type { IConstruct } from 'constructs';

/** The CloudFormation metadata key that cdk-nag v2 reads suppressions from (its `NagSuppressions` writes it). */
export const NAG_V2_METADATA_KEY = 'cdk_nag';

/** One suppression as cdk-nag v2 keeps it in a resource's CloudFormation metadata, under `rules_to_suppress`. */
export interface NagV2Suppression {
  /** The rule, such as `AwsSolutions-IAM5`, without a finding. */
  readonly id: string;
  readonly reason: string;
  /** The findings of a granular rule that are suppressed, such as `Resource::*`; all of them when absent. */
  readonly applies_to?: string[];
}

/**
 * The cdk-nag v2 suppression of an acknowledged rule ID: `<pack>::<pack>-<rule>` becomes `{ id: '<pack>-<rule>' }`,
 * and `<pack>::<pack>-<rule>[<finding>]` becomes `{ id: '<pack>-<rule>', applies_to: ['<finding>'] }`, as
 * `NagSuppressions.addResourceSuppressions` writes them. Undefined for an ID that is not a cdk-nag rule (no pack name
 * before the rule's own, such as a CloudFormation Validate rule).
 */
export function nagV2Suppression(id: string, reason: string): NagV2Suppression | undefined {
  const match = /^([^:[\]]+)::(\1-[^[\]]+)(?:\[(.+)\])?$/.exec(id);
  if (!match) return undefined;
  const [, , rule, finding] = match;
  return finding === undefined ? { id: rule, reason } : { id: rule, reason, applies_to: [finding] };
}

/**
 * Acknowledges validation rules (cdk-nag, CloudFormation Validate) on exactly one CloudFormation resource, each
 * with the reason a reviewer needs. Uses aws-cdk-lib's own `Validations` API, which cdk-nag v3 reads, and also writes
 * the cdk-nag rules into the resource's `cdk_nag` CloudFormation metadata, which cdk-nag v2 reads (apps that add its
 * packs with `Aspects.of(app).add(...)`). Either way the library does not depend on cdk-nag at run time, and each
 * suppression names this one resource.
 */
export function acknowledgeRules(resource: IConstruct | undefined, reasons: Record<string, string>): void {
  if (!resource || !CfnResource.isCfnResource(resource)) {
    throw new Error(`acknowledgeRules needs one CloudFormation resource, got ${resource?.node.path}`);
  }
  const entries = Object.entries(reasons);
  Validations.of(resource).acknowledge(...entries.map(([id, reason]) => ({ id, reason })));
  const suppressions = entries.flatMap(([id, reason]) => nagV2Suppression(id, reason) ?? []);
  if (suppressions.length === 0) return;
  // Kept next to what is there already (the app's own NagSuppressions, an earlier call), without repeating one.
  const metadata = resource.getMetadata(NAG_V2_METADATA_KEY) ?? {};
  const existing: NagV2Suppression[] = metadata.rules_to_suppress ?? [];
  const serialized = [...new Set([...existing, ...suppressions].map((s) => JSON.stringify(s)))];
  resource.addMetadata(NAG_V2_METADATA_KEY, {
    ...metadata,
    rules_to_suppress: serialized.map((s) => JSON.parse(s) as NagV2Suppression),
  });
}
