/**
 * The EventBridge rules of a stack's template, as the preview engine evaluates them: read once per stack with their
 * routing metadata, then resolved (intrinsic functions, bus, state, targets) for one partition, Region and account.
 */
import {
  resolveCloudFormationValue,
  type ResolveContext,
  UnsupportedIntrinsicError,
} from './cloudformation-values';
import type { TargetInputSpec } from './input-transformer-renderer';
import { PreviewError, type PreviewStack } from './preview-model';
import { readRouteMetadata, type RouteMetadataReading } from './route-metadata';

/** One `AWS::Events::Rule` of a template, as written, with its routing metadata. */
export interface RuleResource {
  readonly logicalId: string;
  readonly properties: Record<string, unknown>;
  readonly metadata: RouteMetadataReading;
}

/** A stack with its rules read once. */
export interface LoadedStack extends PreviewStack {
  readonly rules: readonly RuleResource[];
}

/** A rule with its intrinsic functions resolved for one deployment context. */
export interface ResolvedRule {
  readonly rule: RuleResource;
  /** Undefined when the rule never sees events arriving on the default bus (disabled, other bus, schedule). */
  readonly pattern?: unknown;
  readonly name: string;
  readonly arn: string;
  readonly targets: readonly (TargetInputSpec & { Id: string })[];
}

/** The `AWS::Events::Rule` resources of the stack's template, with their routing metadata. */
export function rulesOf(stack: PreviewStack): RuleResource[] {
  return Object.entries(stack.template.Resources ?? {})
    .filter(([, resource]) => isObject(resource) && resource.Type === 'AWS::Events::Rule')
    .map(([logicalId, resource]) => ({
      logicalId,
      properties: isObject(resource.Properties) ? resource.Properties : {},
      metadata: readRouteMetadata(resource),
    }));
}

/** The partition, Region and account the stack's rules are resolved with for `event`. */
export function resolveContextFor(stack: PreviewStack, event: unknown): ResolveContext {
  const envelope = isObject(event) ? event : {};
  const detail = isObject(envelope.detail) ? envelope.detail : {};
  const text = (value: unknown) => (typeof value === 'string' && value !== '' ? value : undefined);
  return {
    template: stack.template,
    partition: text(detail.partition) ?? 'aws',
    region: stack.region ?? text(envelope.region) ?? '<AWS::Region>',
    accountId: stack.account ?? text(envelope.account) ?? '<AWS::AccountId>',
    stackName: stack.stackName,
  };
}

/** The rule with its intrinsic functions resolved in `context`. Throws {@link PreviewError}. */
export function resolveRule(stack: PreviewStack, rule: RuleResource, context: ResolveContext): ResolvedRule {
  const location = `Resources.${rule.logicalId}.Properties`;
  const fail = (message: string, cause?: unknown) =>
    new PreviewError(`Rule ${rule.logicalId} in stack ${stack.id}: ${message}`, { cause });
  const resolve = (value: unknown, where: string): unknown => {
    try {
      return resolveCloudFormationValue(value, context, where);
    } catch (e) {
      if (e instanceof UnsupportedIntrinsicError) throw fail(e.message, e);
      throw e;
    }
  };
  const property = (name: string) => resolve(rule.properties[name], `${location}.${name}`);

  const state = property('State');
  let bus: unknown;
  try {
    bus = property('EventBusName');
  } catch (e) {
    // A bus name the preview cannot work out (Fn::ImportValue, an ARN taken apart with Fn::Split...) is taken to
    // be a custom bus; the default bus is written "default" or left out.
    if (!(e instanceof PreviewError)) throw e;
    bus = `<${rule.logicalId}.EventBusName>`;
  }
  const onDefaultBus =
    bus === undefined || bus === 'default' || (typeof bus === 'string' && /:event-bus\/default$/.test(bus));
  if (state === 'DISABLED' || !onDefaultBus || rule.properties.EventPattern === undefined) {
    return { rule, name: rule.logicalId, arn: rule.logicalId, targets: [] };
  }

  const name = property('Name');
  let pattern = property('EventPattern');
  if (typeof pattern === 'string') {
    try {
      pattern = JSON.parse(pattern);
    } catch (e) {
      throw fail(`EventPattern is not valid JSON (${(e as Error).message})`, e);
    }
  }
  const targets = Array.isArray(rule.properties.Targets) ? rule.properties.Targets : [];
  return {
    rule,
    pattern,
    name: typeof name === 'string' ? name : `<${rule.logicalId}.Ref>`,
    arn:
      typeof name === 'string'
        ? `arn:${context.partition}:events:${context.region}:${context.accountId}:rule/${name}`
        : `<${rule.logicalId}.Arn>`,
    targets: targets.map((target, i) => {
      const where = `${location}.Targets[${i}]`;
      if (!isObject(target)) throw fail(`${where} is not an object`);
      const input: Record<string, unknown> = { Id: typeof target.Id === 'string' ? target.Id : `#${i}` };
      for (const key of ['Input', 'InputPath', 'InputTransformer']) {
        if (target[key] !== undefined) input[key] = resolve(target[key], `${where}.${key}`);
      }
      const transformer = input.InputTransformer;
      if (
        (input.Input !== undefined && typeof input.Input !== 'string') ||
        (input.InputPath !== undefined && typeof input.InputPath !== 'string') ||
        (transformer !== undefined &&
          (!isObject(transformer) ||
            typeof transformer.InputTemplate !== 'string' ||
            (transformer.InputPathsMap !== undefined && !isObject(transformer.InputPathsMap))))
      ) {
        throw fail(`${where} has an Input, InputPath or InputTransformer of an unexpected shape`);
      }
      return input as unknown as TargetInputSpec & { Id: string };
    }),
  };
}

function isObject(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}
