import { CfnResource, Stack } from 'aws-cdk-lib';
import { RegionInfo } from 'aws-cdk-lib/region-info';
import type { Construct, IConstruct } from 'constructs';
import { registerStackCheck, resourcesOf } from './stack-checks';

/**
 * A synth-time check of the size and statement quotas of the resource policies in a stack: SQS queue policies, SNS
 * topic policies, S3 bucket policies and KMS key policies. Neither CloudFormation Validate nor cdk-nag looks at
 * them, and a policy over its quota fails only at deploy time, halfway through a stack update.
 *
 * The size is an upper bound of the deployed policy: every CloudFormation intrinsic is replaced by the longest value
 * it can have ({@link MAX_LENGTHS}), and the policy is measured as minified JSON, in UTF-8 bytes.
 */

const longest = (values: string[]) => Math.max(...values.map((v) => v.length));

/**
 * The longest value of each kind of deploy-time value, in characters. Kept small on purpose: anything not listed is
 * taken as a generic ARN.
 */
export const MAX_LENGTHS = {
  /** An account ID: 12 digits. */
  account: 12,
  /** A Region name, the longest CDK knows (`us-isof-south-1` in aws-cdk-lib 2.276), at least `ap-southeast-7`. */
  region: Math.max('ap-southeast-7'.length, longest(RegionInfo.regions.map((r) => r.name))),
  /** A partition, the longest CDK knows: `aws-us-gov`. */
  partition: Math.max('aws-us-gov'.length, longest(RegionInfo.regions.map((r) => r.partition ?? ''))),
  /** `AWS::URLSuffix`: `amazonaws.com.cn` is the longest. */
  urlSuffix: 'amazonaws.com.cn'.length,
  /** A stack name: at most 128 characters. */
  stackName: 128,
  /** A GuardDuty detector ID: 32 hexadecimal characters. */
  detectorId: 32,
  /**
   * The ARN of a rule on the default bus: `arn:<partition>:events:<region>:<account>:rule/` and a name of at most 64
   * characters (CloudFormation's generated names too) is at most 120; 130 leaves a margin. A rule on a custom bus
   * adds `<bus name>/`.
   */
  ruleArn: 130,
  /** Anything else: a generic ARN, a parameter, an imported value, a mapped value. */
  generic: 256,
} as const;

/** The deploy-time values a resolved template can refer to, for sizing `Ref` and `Fn::GetAtt`. */
export interface EstimateContext {
  /** The CloudFormation type of each logical ID of the template. */
  readonly resourceTypes?: Readonly<Record<string, string>>;
  /** Longest values of attributes that differ from the type's, keyed `LogicalId.Attribute` (a rule on a custom bus). */
  readonly attributeLengths?: Readonly<Record<string, number>>;
  /** The template's mappings, for `Fn::FindInMap`; a map that is not given counts as generic. */
  readonly mappings?: Readonly<Record<string, Record<string, Record<string, unknown>>>>;
}

const PSEUDO_LENGTHS: Record<string, number> = {
  'AWS::AccountId': MAX_LENGTHS.account,
  'AWS::Region': MAX_LENGTHS.region,
  'AWS::Partition': MAX_LENGTHS.partition,
  'AWS::URLSuffix': MAX_LENGTHS.urlSuffix,
  'AWS::StackName': MAX_LENGTHS.stackName,
};
const REF_LENGTHS: Record<string, number> = { 'AWS::GuardDuty::Detector': MAX_LENGTHS.detectorId };
const GETATT_LENGTHS: Record<string, number> = { 'AWS::Events::Rule.Arn': MAX_LENGTHS.ruleArn };

/** A stand-in for a deploy-time value: plain characters, so that JSON does not escape them. */
const standIn = (length: number) => 'x'.repeat(length);
const NO_VALUE = Symbol('AWS::NoValue');

/**
 * The widest JSON value `value` can take at deploy time: every intrinsic function replaced by a string of the
 * longest value it can have, `Fn::Join`, `Fn::Sub` and the like worked out over those, `AWS::NoValue` dropped.
 */
export function widestValue(value: unknown, context: EstimateContext = {}): unknown {
  const widest = widen(value, context);
  return widest === NO_VALUE ? undefined : widest;
}

function widen(value: unknown, context: EstimateContext): unknown {
  if (Array.isArray(value)) {
    return value.map((v) => widen(v, context)).filter((v) => v !== NO_VALUE);
  }
  if (typeof value !== 'object' || value === null) return value;
  const entries = Object.entries(value);
  if (entries.length === 1 && (entries[0][0] === 'Ref' || entries[0][0].startsWith('Fn::'))) {
    return widenIntrinsic(entries[0][0], entries[0][1], context);
  }
  return Object.fromEntries(
    entries.map(([k, v]) => [k, widen(v, context)] as const).filter(([, v]) => v !== NO_VALUE),
  );
}

function widenIntrinsic(name: string, args: unknown, context: EstimateContext): unknown {
  switch (name) {
    case 'Ref':
      return widenRef(String(args), context);
    case 'Fn::GetAtt': {
      const [id, attribute] = Array.isArray(args) ? args.map(String) : String(args).split(/\.(.*)/);
      return widenGetAtt(id, attribute, context);
    }
    case 'Fn::Join': {
      const [delimiter, list] = args as [string, unknown];
      const items = widen(list, context);
      if (!Array.isArray(items)) return standIn(MAX_LENGTHS.generic);
      return items.map((i) => (typeof i === 'string' ? i : JSON.stringify(i))).join(delimiter);
    }
    case 'Fn::Sub':
      return widenSub(args, context);
    case 'Fn::FindInMap':
      return widenFindInMap(args as unknown[], context);
    case 'Fn::If': {
      // The wider of the two branches.
      const [, whenTrue, whenFalse] = args as unknown[];
      const [a, b] = [widen(whenTrue, context), widen(whenFalse, context)];
      return jsonLength(a) >= jsonLength(b) ? a : b;
    }
    case 'Fn::Select': {
      const [index, list] = args as [unknown, unknown];
      const items = widen(list, context);
      if (!Array.isArray(items) || items.length === 0) return standIn(MAX_LENGTHS.generic);
      const i = Number(widen(index, context));
      if (Number.isInteger(i) && i >= 0 && i < items.length) return items[i];
      return items.reduce((a, b) => (jsonLength(a) >= jsonLength(b) ? a : b));
    }
    case 'Fn::Split': {
      // Exact when the string is known; otherwise one element as long as the whole string (an approximation: the
      // deploy-time value is assumed not to hold the delimiter).
      const [delimiter, source] = args as [string, unknown];
      const text = widen(source, context);
      if (typeof text !== 'string') return [standIn(MAX_LENGTHS.generic)];
      return hasIntrinsic(source) ? [text] : text.split(delimiter);
    }
    default:
      // Fn::ImportValue, Fn::Base64, Fn::GetAZs, Fn::Cidr...: a generic value.
      return standIn(MAX_LENGTHS.generic);
  }
}

function widenRef(name: string, context: EstimateContext): unknown {
  if (name === 'AWS::NoValue') return NO_VALUE;
  const pseudo = PSEUDO_LENGTHS[name];
  if (pseudo !== undefined) return standIn(pseudo);
  const type = context.resourceTypes?.[name];
  return standIn((type ? REF_LENGTHS[type] : undefined) ?? MAX_LENGTHS.generic);
}

function widenGetAtt(id: string, attribute: string, context: EstimateContext): string {
  const own = context.attributeLengths?.[`${id}.${attribute}`];
  if (own !== undefined) return standIn(own);
  const type = context.resourceTypes?.[id];
  return standIn((type ? GETATT_LENGTHS[`${type}.${attribute}`] : undefined) ?? MAX_LENGTHS.generic);
}

function widenSub(args: unknown, context: EstimateContext): string {
  const [text, variables] = Array.isArray(args)
    ? (args as [string, Record<string, unknown>])
    : [String(args), {} as Record<string, unknown>];
  return text.replace(/\$\{(!?)([^}]*)\}/g, (_match, literal: string, name: string) => {
    if (literal) return `\${${name}}`;
    if (Object.hasOwn(variables, name)) {
      const v = widen(variables[name], context);
      return typeof v === 'string' ? v : standIn(MAX_LENGTHS.generic);
    }
    const dot = name.indexOf('.');
    return dot > 0
      ? widenGetAtt(name.slice(0, dot), name.slice(dot + 1), context)
      : String(widenRef(name, context));
  });
}

function widenFindInMap(args: unknown[], context: EstimateContext): unknown {
  const [mapName, topKey, secondKey] = args.map((a) => widen(a, context));
  const map = typeof mapName === 'string' ? context.mappings?.[mapName] : undefined;
  if (!map) return standIn(MAX_LENGTHS.generic);
  const tops =
    typeof topKey === 'string' && !hasIntrinsic(args[1]) && map[topKey] ? [map[topKey]] : Object.values(map);
  const values = tops.flatMap((top) =>
    typeof secondKey === 'string' && !hasIntrinsic(args[2]) ? [top[secondKey]] : Object.values(top),
  );
  const defined = values.filter((v) => v !== undefined).map((v) => widen(v, context));
  if (defined.length === 0) return standIn(MAX_LENGTHS.generic);
  return defined.reduce((a, b) => (jsonLength(a) >= jsonLength(b) ? a : b));
}

function hasIntrinsic(value: unknown): boolean {
  if (Array.isArray(value)) return value.some(hasIntrinsic);
  if (typeof value !== 'object' || value === null) return false;
  return (
    Object.keys(value).some((k) => k === 'Ref' || k.startsWith('Fn::')) ||
    Object.values(value).some(hasIntrinsic)
  );
}

function jsonLength(value: unknown): number {
  return value === NO_VALUE || value === undefined ? 0 : JSON.stringify(value).length;
}

/** What a policy's quotas are measured on. */
export interface PolicyFigures {
  /** The minified JSON of the widest deployed policy, in UTF-8 bytes. */
  readonly bytes: number;
  readonly statements: number;
  /** Condition keys, over all statements (`StringEquals: { a, b }` is two). */
  readonly conditions: number;
  /** Principals, over all statements (each ARN, service or `*` is one). */
  readonly principals: number;
  /** The most actions (or not-actions) of any one statement. */
  readonly actionsPerStatement: number;
}

/** Measures a resolved policy document (plain JSON with CloudFormation intrinsics). */
export function measurePolicy(document: unknown, context: EstimateContext = {}): PolicyFigures {
  const widest = widestValue(document, context) as { Statement?: unknown } | undefined;
  const statements = asList(widest?.Statement) as Record<string, unknown>[];
  const count = (v: unknown) => asList(v).length;
  return {
    bytes: Buffer.byteLength(JSON.stringify(widest ?? {}), 'utf8'),
    statements: statements.length,
    conditions: statements.reduce(
      (n, s) =>
        n +
        Object.values(asObject(s.Condition)).reduce(
          (m: number, keys) => m + Object.keys(asObject(keys)).length,
          0,
        ),
      0,
    ),
    principals: statements.reduce((n, s) => {
      const p = s.Principal ?? s.NotPrincipal;
      if (p === undefined) return n;
      return (
        n + (typeof p === 'string' ? 1 : Object.values(asObject(p)).reduce((m: number, v) => m + count(v), 0))
      );
    }, 0),
    actionsPerStatement: Math.max(0, ...statements.map((s) => count(s.Action) + count(s.NotAction))),
  };
}

const asList = (v: unknown): unknown[] => (v === undefined ? [] : Array.isArray(v) ? v : [v]);
const asObject = (v: unknown): Record<string, unknown> =>
  typeof v === 'object' && v !== null && !Array.isArray(v) ? (v as Record<string, unknown>) : {};

/** The documented quotas of one kind of resource policy. */
export interface PolicyQuota {
  /** What the policy is, for messages. */
  readonly name: string;
  /** The property of the L1 resource that holds the policy document. */
  readonly property: string;
  readonly bytes: number;
  readonly statements?: number;
  readonly conditions?: number;
  readonly principals?: number;
  readonly actionsPerStatement?: number;
  /** Where AWS documents the quotas. */
  readonly source: string;
}

/** The policy quotas, per CloudFormation resource type. "KB" is taken as 1,024 bytes, as KMS states for its own. */
export const POLICY_QUOTAS: Readonly<Record<string, PolicyQuota>> = {
  // "Bytes 8,192 / Conditions 10 / Principals 50 / Statements 20 / Actions per statement 7". The page does not say
  // whether conditions and principals count per statement or per policy; they are counted per policy, the stricter
  // reading.
  'AWS::SQS::QueuePolicy': {
    name: 'SQS queue policy',
    property: 'policyDocument',
    bytes: 8192,
    statements: 20,
    conditions: 10,
    principals: 50,
    actionsPerStatement: 7,
    source: 'https://docs.aws.amazon.com/AWSSimpleQueueService/latest/SQSDeveloperGuide/quotas-policies.html',
  },
  // "Bytes 30 kb / Statements 100 / Principals 1 to 200"; principals are counted per policy, the stricter reading.
  'AWS::SNS::TopicPolicy': {
    name: 'SNS topic policy',
    property: 'policyDocument',
    bytes: 30 * 1024,
    statements: 100,
    principals: 200,
    source:
      'https://docs.aws.amazon.com/sns/latest/dg/sns-access-policy-language-api-permissions-reference.html',
  },
  // "Bucket policies are limited to 20 KB in size."
  'AWS::S3::BucketPolicy': {
    name: 'S3 bucket policy',
    property: 'policyDocument',
    bytes: 20 * 1024,
    source: 'https://docs.aws.amazon.com/AmazonS3/latest/userguide/using-iam-policies.html',
  },
  // "Key policy document size: 32 KB (32,768 bytes)", not adjustable.
  'AWS::KMS::Key': {
    name: 'KMS key policy',
    property: 'keyPolicy',
    bytes: 32 * 1024,
    source: 'https://docs.aws.amazon.com/kms/latest/developerguide/resource-limits.html',
  },
};

/** What in `figures` is over `quota`, as phrases such as "up to 9,300 bytes (quota 8,192)"; empty when all fit. */
export function quotaExcesses(figures: PolicyFigures, quota: PolicyQuota): string[] {
  const n = (v: number) => v.toLocaleString('en-US');
  const checks: [number, number | undefined, string][] = [
    [figures.bytes, quota.bytes, 'bytes'],
    [figures.statements, quota.statements, 'statements'],
    [figures.conditions, quota.conditions, 'condition keys'],
    [figures.principals, quota.principals, 'principals'],
    [figures.actionsPerStatement, quota.actionsPerStatement, 'actions in one statement'],
  ];
  return checks
    .filter(([value, max]) => max !== undefined && value > max)
    .map(([value, max, what]) => `${what === 'bytes' ? 'up to ' : ''}${n(value)} ${what} (quota ${n(max!)})`);
}

/** The message for a policy over its quota, or undefined when it fits. */
export function policyQuotaViolation(
  path: string,
  figures: PolicyFigures,
  quota: PolicyQuota,
  fix: string,
): string | undefined {
  const excesses = quotaExcesses(figures, quota);
  if (excesses.length === 0) return undefined;
  return (
    `${path}: the ${quota.name} would have ${excesses.join(', ')}, so the deployment would fail ` +
    `(quotas: ${quota.source}). ${fix}`
  );
}

const GENERIC_FIX =
  'Shorten the policy: merge statements that differ only in one value, use fewer principals or conditions.';

/**
 * Checks, when the app is synthesized, every SQS queue policy, SNS topic policy, S3 bucket policy and KMS key policy
 * of the stack of `scope` against its quotas ({@link POLICY_QUOTAS}), and fails synthesis with a message per policy
 * over a quota. Registered once per stack, whoever calls it; a policy that belongs to `scope` gets `fix` as advice.
 *
 * Policies whose document is not set through the L1 property (a raw `CfnResource`, a property override) are not seen.
 */
export function checkPolicyQuotas(scope: Construct, fix?: string): void {
  registerStackCheck(scope, 'CdkGuardDutyPolicyQuotaCheck', policyQuotaViolations, fix);
}

function policyQuotaViolations(stack: Stack, hints: ReadonlyMap<IConstruct, string>): string[] {
  const resources = resourcesOf(stack);
  const context: EstimateContext = {
    resourceTypes: Object.fromEntries(resources.map((r) => [stack.resolve(r.logicalId), r.cfnResourceType])),
    attributeLengths: ruleArnLengths(stack, resources),
  };
  const fixFor = (c: IConstruct) => c.node.scopes.reverse().find((s) => hints.has(s));
  return resources.flatMap((resource) => {
    const quota = POLICY_QUOTAS[resource.cfnResourceType];
    const document = quota && (resource as unknown as Record<string, unknown>)[quota.property];
    if (document === undefined) return [];
    const figures = measurePolicy(stack.resolve(document), context);
    const owner = fixFor(resource);
    const message = policyQuotaViolation(
      resource.node.path,
      figures,
      quota,
      (owner && hints.get(owner)) ?? GENERIC_FIX,
    );
    return message ? [message] : [];
  });
}

/** The ARN of a rule on a custom bus is `rule/<bus name>/<rule name>`, longer than on the default bus. */
function ruleArnLengths(stack: Stack, resources: CfnResource[]): Record<string, number> {
  const lengths: Record<string, number> = {};
  for (const r of resources) {
    if (r.cfnResourceType !== 'AWS::Events::Rule') continue;
    const bus = stack.resolve((r as unknown as { eventBusName?: unknown }).eventBusName);
    if (bus === undefined || bus === 'default') continue;
    const widest = widestValue(bus);
    const busLength = typeof widest === 'string' ? widest.length : MAX_LENGTHS.generic;
    lengths[`${stack.resolve(r.logicalId)}.Arn`] = MAX_LENGTHS.ruleArn + busLength + 1;
  }
  return lengths;
}
