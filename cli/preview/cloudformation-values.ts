/**
 * Offline resolution of the CloudFormation intrinsic functions that a synthesized rule may carry in its event
 * pattern or target input, so the preview can show the text a target really receives.
 *
 * Supported (https://docs.aws.amazon.com/AWSCloudFormation/latest/UserGuide/intrinsic-function-reference.html):
 * - `Fn::Join` [delimiter, [values...]]; the list itself may be an intrinsic that resolves to a list.
 * - `Fn::FindInMap` [map, top-level key, second-level key], looked up in the template's `Mappings`; the
 *   optional fourth argument `{ "DefaultValue": ... }` (AWS::LanguageExtensions) is used when a key is missing.
 * - `Ref` of the pseudo parameters `AWS::Partition`, `AWS::Region`, `AWS::AccountId`, `AWS::URLSuffix` and
 *   `AWS::StackName`, taken from the {@link ResolveContext}.
 * - `Ref` and `Fn::GetAtt` of a resource of the template: a readable placeholder, `<LogicalId.Ref>` or
 *   `<LogicalId.Attribute>`, since the real value exists only once the stack is deployed.
 *
 * Anything else (`Fn::Sub`, `Fn::Select`, `Fn::If`, `Fn::ImportValue`, a `Ref` to a parameter, other pseudo
 * parameters...) throws {@link UnsupportedIntrinsicError}, which names the function and where it was found.
 */

/** The parts of a CloudFormation template the resolver reads. */
export interface CloudFormationTemplate {
  Resources?: Record<string, { Type?: string; Properties?: Record<string, unknown>; [key: string]: unknown }>;
  Mappings?: Record<string, Record<string, Record<string, unknown>>>;
  Parameters?: Record<string, unknown>;
  [key: string]: unknown;
}

/** Where the template is deployed, as far as the preview knows it. */
export interface ResolveContext {
  readonly template: CloudFormationTemplate;
  /** `AWS::Partition`, e.g. `aws`. */
  readonly partition: string;
  /** `AWS::Region`. */
  readonly region: string;
  /** `AWS::AccountId`. */
  readonly accountId: string;
  /** `AWS::StackName`, when known. */
  readonly stackName?: string;
}

export class UnsupportedIntrinsicError extends Error {
  constructor(
    readonly intrinsic: string,
    readonly location: string,
    reason?: string,
  ) {
    super(
      `CloudFormation ${intrinsic} at ${location} cannot be resolved by the offline preview` +
        (reason ? ` (${reason})` : ''),
    );
    this.name = 'UnsupportedIntrinsicError';
  }
}

/** The DNS suffix of each partition (`AWS::URLSuffix`). */
const URL_SUFFIXES: Record<string, string> = {
  aws: 'amazonaws.com',
  'aws-cn': 'amazonaws.com.cn',
  'aws-us-gov': 'amazonaws.com',
  'aws-iso': 'c2s.ic.gov',
  'aws-iso-b': 'sc2s.sgov.gov',
  'aws-iso-e': 'cloud.adc-e.uk',
  'aws-iso-f': 'csp.hci.ic.gov',
  'aws-eusc': 'amazonaws.eu',
};

/** True for `{ "Ref": ... }` and `{ "Fn::...": ... }`: an object with one key that names an intrinsic function. */
export function isIntrinsic(value: unknown): value is Record<string, unknown> {
  if (!isObject(value)) return false;
  const keys = Object.keys(value);
  return keys.length === 1 && (keys[0] === 'Ref' || keys[0].startsWith('Fn::'));
}

/**
 * Returns `value` with every intrinsic function replaced by its value; plain JSON is returned as it is (copied).
 *
 * @param location where `value` sits in the template, for error messages (e.g. `Resources.Rule.Properties`)
 */
export function resolveCloudFormationValue(value: unknown, context: ResolveContext, location = '$'): unknown {
  if (Array.isArray(value)) {
    return value.map((item, i) => resolveCloudFormationValue(item, context, `${location}[${i}]`));
  }
  if (!isObject(value)) return value;
  if (isIntrinsic(value)) return resolveIntrinsic(value, context, location);
  return Object.fromEntries(
    Object.entries(value).map(([key, item]) => [
      key,
      resolveCloudFormationValue(item, context, `${location}.${key}`),
    ]),
  );
}

function resolveIntrinsic(
  value: Record<string, unknown>,
  context: ResolveContext,
  location: string,
): unknown {
  const [name, args] = Object.entries(value)[0];
  const where = `${location}.${name}`;
  switch (name) {
    case 'Ref':
      return resolveRef(args, context, where);
    case 'Fn::GetAtt':
      return resolveGetAtt(args, context, where);
    case 'Fn::Join':
      return resolveJoin(args, context, where);
    case 'Fn::FindInMap':
      return resolveFindInMap(args, context, where);
    default:
      throw new UnsupportedIntrinsicError(name, location, 'only Fn::Join, Fn::FindInMap, Ref and Fn::GetAtt');
  }
}

function resolveRef(name: unknown, context: ResolveContext, where: string): string {
  if (typeof name !== 'string') {
    throw new UnsupportedIntrinsicError('Ref', where, `expected a logical ID, got ${JSON.stringify(name)}`);
  }
  switch (name) {
    case 'AWS::Partition':
      return context.partition;
    case 'AWS::Region':
      return context.region;
    case 'AWS::AccountId':
      return context.accountId;
    case 'AWS::URLSuffix': {
      const suffix = URL_SUFFIXES[context.partition];
      if (suffix === undefined) {
        throw new UnsupportedIntrinsicError(
          'Ref AWS::URLSuffix',
          where,
          `unknown partition ${JSON.stringify(context.partition)}`,
        );
      }
      return suffix;
    }
    case 'AWS::StackName':
      if (context.stackName !== undefined) return context.stackName;
      break;
  }
  if (name.startsWith('AWS::')) {
    throw new UnsupportedIntrinsicError(`Ref ${name}`, where, 'pseudo parameter not supported');
  }
  if (context.template.Resources && Object.hasOwn(context.template.Resources, name)) return `<${name}.Ref>`;
  if (context.template.Parameters && Object.hasOwn(context.template.Parameters, name)) {
    throw new UnsupportedIntrinsicError(
      `Ref ${name}`,
      where,
      'a parameter: its value is known only at deploy time',
    );
  }
  throw new UnsupportedIntrinsicError(
    `Ref ${name}`,
    where,
    'no resource or parameter of that name in the template',
  );
}

function resolveGetAtt(args: unknown, context: ResolveContext, where: string): string {
  let parts: unknown[] | undefined;
  if (typeof args === 'string' && args.includes('.')) {
    const dot = args.indexOf('.');
    parts = [args.slice(0, dot), args.slice(dot + 1)];
  } else if (Array.isArray(args)) {
    parts = args;
  }
  if (!parts || parts.length !== 2 || typeof parts[0] !== 'string' || typeof parts[1] !== 'string') {
    throw new UnsupportedIntrinsicError(
      'Fn::GetAtt',
      where,
      `expected [logicalId, attribute], got ${JSON.stringify(args)}`,
    );
  }
  const [logicalId, attribute] = parts as [string, string];
  if (!context.template.Resources || !Object.hasOwn(context.template.Resources, logicalId)) {
    throw new UnsupportedIntrinsicError(
      `Fn::GetAtt ${logicalId}.${attribute}`,
      where,
      'no resource of that name in the template',
    );
  }
  return `<${logicalId}.${attribute}>`;
}

function resolveJoin(args: unknown, context: ResolveContext, where: string): string {
  if (!Array.isArray(args) || args.length !== 2 || typeof args[0] !== 'string') {
    throw new UnsupportedIntrinsicError('Fn::Join', where, 'expected [delimiter, [values...]]');
  }
  const values = resolveCloudFormationValue(args[1], context, `${where}[1]`);
  if (!Array.isArray(values)) {
    throw new UnsupportedIntrinsicError('Fn::Join', where, 'the second argument is not a list');
  }
  return values
    .map((item, i) => {
      if (typeof item === 'string') return item;
      if (typeof item === 'number' || typeof item === 'boolean') return String(item);
      throw new UnsupportedIntrinsicError(
        'Fn::Join',
        `${where}[1][${i}]`,
        `cannot join ${JSON.stringify(item)}`,
      );
    })
    .join(args[0]);
}

function resolveFindInMap(args: unknown, context: ResolveContext, where: string): unknown {
  if (!Array.isArray(args) || args.length < 3 || args.length > 4) {
    throw new UnsupportedIntrinsicError(
      'Fn::FindInMap',
      where,
      'expected [map, top-level key, second-level key]',
    );
  }
  const keys = args.slice(0, 3).map((arg, i) => resolveCloudFormationValue(arg, context, `${where}[${i}]`));
  if (!keys.every((k) => typeof k === 'string')) {
    throw new UnsupportedIntrinsicError(
      'Fn::FindInMap',
      where,
      `keys must be strings, got ${JSON.stringify(keys)}`,
    );
  }
  const [mapName, topKey, secondKey] = keys as string[];
  const fallback = args[3];
  const map = context.template.Mappings?.[mapName];
  const top = map && Object.hasOwn(map, topKey) ? map[topKey] : undefined;
  if (top && Object.hasOwn(top, secondKey)) {
    return resolveCloudFormationValue(top[secondKey], context, `Mappings.${mapName}.${topKey}.${secondKey}`);
  }
  if (isObject(fallback) && Object.hasOwn(fallback, 'DefaultValue')) {
    return resolveCloudFormationValue(fallback.DefaultValue, context, `${where}[3].DefaultValue`);
  }
  const missing = !map
    ? `no mapping ${mapName}`
    : !top
      ? `no key ${topKey} in ${mapName}`
      : `no key ${secondKey} in ${mapName}.${topKey}`;
  throw new UnsupportedIntrinsicError(
    `Fn::FindInMap ${mapName}.${topKey}.${secondKey}`,
    where,
    `${missing} in the template's Mappings`,
  );
}

function isObject(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}
