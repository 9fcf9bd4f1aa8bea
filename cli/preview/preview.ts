/**
 * The preview engine: which EventBridge rules of a synthesized app match a GuardDuty finding event, and the exact
 * message each of their targets receives. It reads only CloudFormation templates (from a cloud assembly or given
 * directly), so tests can feed it hand-made templates; argument parsing and printing live in `cli/main.ts`.
 *
 * How an event travels, as modelled here:
 * - An event file arrives on the default event bus of the Region in its `region` field. Every stack deployed to
 *   that Region receives it, and so does every environment-agnostic stack (no Region in its environment); an event
 *   without a `region` reaches every stack. The account is not compared: an administrator account's bus also
 *   receives its members' findings.
 * - Of a stack's `AWS::Events::Rule` resources, only those on the default bus (no `EventBusName`, `default`, or a
 *   default-bus ARN) are evaluated, and a rule whose `State` is `DISABLED` never matches.
 * - A matching rule delivers to each of its targets. The route and channel names come from the rule's metadata
 *   (see `route-metadata.ts`); a rule without it is reported with route `(unnamed)` and the target Id as channel.
 * - A matching rule whose metadata has `forwardTo: { stack }` also sends the event, unchanged, to that stack's
 *   default event bus, where the same evaluation runs again; those deliveries carry `via`, the forwarding stacks.
 *
 * Intrinsic functions in patterns and target inputs are resolved by `cloudformation-values.ts`, with the partition
 * from the event's `detail.partition` (default `aws`), and the Region and account of the stack, or of the event
 * when the stack is environment-agnostic.
 */
import { severityLabelOf } from '../../src/alerts/severity';
import {
  type CloudFormationTemplate,
  resolveCloudFormationValue,
  type ResolveContext,
  UnsupportedIntrinsicError,
} from './cloudformation-values';
import { matchesEventPattern, UnsupportedPatternError } from './event-pattern-matcher';
import { isJsonTemplate, renderTargetInput, type TargetInputSpec } from './input-transformer-renderer';
import { readRouteMetadata, type RouteMetadata } from './route-metadata';

/** One stack of the app: its template and where it is deployed. */
export interface PreviewStack {
  /** The stack's artifact ID in the cloud assembly (what `forwardTo.stack` names). */
  readonly id: string;
  readonly stackName?: string;
  /** The stack's Region; undefined for an environment-agnostic stack. */
  readonly region?: string;
  /** The stack's account; undefined for an environment-agnostic stack. */
  readonly account?: string;
  readonly template: CloudFormationTemplate;
}

/** The parts of a cloud assembly (`aws-cdk-lib/cx-api` CloudAssembly) the engine reads. */
export interface CloudAssemblyLike {
  readonly stacks: readonly StackArtifactLike[];
  readonly stacksRecursively?: readonly StackArtifactLike[];
}

/** The parts of a `CloudFormationStackArtifact` the engine reads. */
export interface StackArtifactLike {
  readonly id: string;
  readonly stackName: string;
  readonly environment: { readonly account: string; readonly region: string };
  readonly template: unknown;
}

/** One event to preview, with the name it is reported under. */
export interface PreviewEvent {
  readonly file: string;
  readonly event: unknown;
}

/** One message that one target of one rule receives. */
export interface PreviewDelivery {
  /** The artifact ID of the stack that holds the rule. */
  readonly stack: string;
  /** The rule's logical ID. */
  readonly rule: string;
  readonly targetId: string;
  /** The route name from the rule's metadata, or `(unnamed)`. */
  readonly route: string;
  /** The channel name from the rule's metadata, or the target Id. */
  readonly channel: string;
  /** `email`, `slack`, `teams`, `webhook` or `sns`, when the metadata says. */
  readonly channelType?: string;
  /** The severity label the rule's metadata declares, if any. */
  readonly severityLabel?: string;
  /** The text the target receives. */
  readonly message: string;
  /** The stacks that forwarded the event to `stack`, first one first; absent when it arrived directly. */
  readonly via?: readonly string[];
  /** Something the reader should know about this delivery, such as a JSON message that is not valid JSON. */
  readonly warning?: string;
}

/** What happens to one event. */
export interface PreviewResult {
  readonly file: string;
  /** `detail.type`, when it is a string. */
  readonly findingType?: string;
  /** `detail.severity`, when it is a number. */
  readonly severity?: number;
  /** GuardDuty's label for `severity`: LOW, MEDIUM, HIGH or CRITICAL. */
  readonly severityLabel?: string;
  /** The event's `region`, when it is a string. */
  readonly region?: string;
  /** The stacks whose default event bus receives the event directly (before any forwarding). */
  readonly receivedBy: readonly string[];
  readonly deliveries: readonly PreviewDelivery[];
}

/** The app's rules cannot be evaluated offline. The message names the stack and the rule. */
export class PreviewError extends Error {
  constructor(message: string, options?: { cause?: unknown }) {
    super(message, options);
    this.name = 'PreviewError';
  }
}

/** The route reported for a rule without routing metadata. */
export const UNNAMED_ROUTE = '(unnamed)';

/** The stacks of a cloud assembly, nested stages included, with their templates read into memory. */
export function stacksOf(source: CloudAssemblyLike | readonly PreviewStack[]): PreviewStack[] {
  if (Array.isArray(source)) return [...(source as readonly PreviewStack[])];
  const assembly = source as CloudAssemblyLike;
  return (assembly.stacksRecursively ?? assembly.stacks).map((artifact) => ({
    id: artifact.id,
    stackName: artifact.stackName,
    region: known(artifact.environment.region, /^[a-z]{2}(-[a-z]+)+-\d+$/),
    account: known(artifact.environment.account, /^\d{12}$/),
    template: artifact.template as CloudFormationTemplate,
  }));
}

/** Previews every event against the rules of every stack. Throws {@link PreviewError}. */
export function previewEvents(
  source: CloudAssemblyLike | readonly PreviewStack[],
  events: readonly PreviewEvent[],
): PreviewResult[] {
  return events.map(createPreviewer(source));
}

/**
 * A function that previews one event at a time against the rules of every stack, for a caller that reads events
 * as it goes and keeps none of them: the rules are read once, and resolved once per partition, Region and account.
 * The function throws {@link PreviewError}.
 */
export function createPreviewer(
  source: CloudAssemblyLike | readonly PreviewStack[],
): (event: PreviewEvent) => PreviewResult {
  const engine = new PreviewEngine(stacksOf(source));
  return (event) => engine.preview(event);
}

interface RuleResource {
  readonly logicalId: string;
  readonly properties: Record<string, unknown>;
  readonly metadata: RouteMetadata;
}

interface LoadedStack extends PreviewStack {
  readonly rules: readonly RuleResource[];
}

/** A rule with its intrinsic functions resolved for one deployment context. */
interface ResolvedRule {
  readonly rule: RuleResource;
  /** Undefined when the rule never sees events arriving on the default bus (disabled, other bus, schedule). */
  readonly pattern?: unknown;
  readonly name: string;
  readonly arn: string;
  readonly targets: readonly (TargetInputSpec & { Id: string })[];
}

class PreviewEngine {
  private readonly stacks: Map<string, LoadedStack>;
  private readonly resolved = new Map<string, ResolvedRule[]>();

  constructor(stacks: readonly PreviewStack[]) {
    this.stacks = new Map(stacks.map((s) => [s.id, { ...s, rules: rulesOf(s) }]));
  }

  preview({ file, event }: PreviewEvent): PreviewResult {
    const detail = isObject(event) && isObject(event.detail) ? event.detail : {};
    const region = isObject(event) && typeof event.region === 'string' ? event.region : undefined;
    const severity = typeof detail.severity === 'number' ? detail.severity : undefined;
    const receivers = [...this.stacks.values()].filter(
      (s) => s.region === undefined || region === undefined || s.region === region,
    );
    return {
      file,
      findingType: typeof detail.type === 'string' ? detail.type : undefined,
      severity,
      severityLabel: severity === undefined ? undefined : severityLabelOf(severity),
      region,
      receivedBy: receivers.map((s) => s.id),
      deliveries: receivers.flatMap((stack) => this.deliver(stack, event, [])),
    };
  }

  /** The deliveries of an event arriving on a stack's default bus, having been forwarded by `via`. */
  private deliver(stack: LoadedStack, event: unknown, via: readonly string[]): PreviewDelivery[] {
    const deliveries: PreviewDelivery[] = [];
    for (const resolved of this.rulesFor(stack, event)) {
      const { rule } = resolved;
      if (resolved.pattern === undefined || !this.matches(stack, resolved, event)) continue;
      const { metadata } = rule;
      if (metadata.forwardToInvalid) {
        throw new PreviewError(
          `Rule ${rule.logicalId} in stack ${stack.id} has invalid forwarding metadata: ${metadata.problems.join(' ')}`,
        );
      }
      const metadataWarnings = metadata.problems.map((p) => `rule metadata: ${p}`);
      for (const target of resolved.targets) {
        const channel = metadata.targets.get(target.Id);
        if (channel === undefined && metadata.forwardTo) continue; // a forwarding target
        const message = this.render(stack, resolved, target, event);
        const warnings = [...metadataWarnings, ...jsonWarnings(target, message)];
        deliveries.push({
          stack: stack.id,
          rule: rule.logicalId,
          targetId: target.Id,
          route: metadata.route ?? UNNAMED_ROUTE,
          channel: channel?.channel ?? target.Id,
          ...(channel?.type !== undefined && { channelType: channel.type }),
          ...(metadata.severityLabel !== undefined && { severityLabel: metadata.severityLabel }),
          message,
          ...(via.length > 0 && { via: [...via] }),
          ...(warnings.length > 0 && { warning: warnings.join('; ') }),
        });
      }
      if (metadata.forwardTo) {
        const next = this.stacks.get(metadata.forwardTo.stack);
        if (next === undefined) {
          throw new PreviewError(
            `Rule ${rule.logicalId} in stack ${stack.id} forwards to stack "${metadata.forwardTo.stack}", ` +
              `which is not in the cloud assembly (stacks: ${[...this.stacks.keys()].join(', ')})`,
          );
        }
        const chain = [...via, stack.id];
        if (chain.includes(next.id)) {
          throw new PreviewError(
            `Rule ${rule.logicalId} in stack ${stack.id} forwards the event back to stack ${next.id}: ` +
              `forwarding loop ${[...chain, next.id].join(' -> ')}`,
          );
        }
        deliveries.push(...this.deliver(next, event, chain));
      }
    }
    return deliveries;
  }

  private matches(stack: LoadedStack, resolved: ResolvedRule, event: unknown): boolean {
    try {
      return matchesEventPattern(resolved.pattern, event);
    } catch (e) {
      if (e instanceof UnsupportedPatternError) {
        throw new PreviewError(
          `Rule ${resolved.rule.logicalId} in stack ${stack.id} uses the event pattern operator ` +
            `"${e.operator}", which the offline preview does not implement: ${e.message}`,
          { cause: e },
        );
      }
      throw e;
    }
  }

  private render(
    stack: LoadedStack,
    resolved: ResolvedRule,
    target: TargetInputSpec & { Id: string },
    event: unknown,
  ): string {
    try {
      return renderTargetInput(target, event, { ruleName: resolved.name, ruleArn: resolved.arn });
    } catch (e) {
      // An UnsupportedJsonPathError, or more than one of Input, InputPath and InputTransformer on the target.
      if (!(e instanceof Error)) throw e;
      throw new PreviewError(
        `Rule ${resolved.rule.logicalId} in stack ${stack.id}, target ${target.Id}: ${e.message}`,
        {
          cause: e,
        },
      );
    }
  }

  /** The stack's rules, resolved for the event's partition, Region and account (cached per combination). */
  private rulesFor(stack: LoadedStack, event: unknown): ResolvedRule[] {
    const context = resolveContextFor(stack, event);
    const key = JSON.stringify([stack.id, context.partition, context.region, context.accountId]);
    let rules = this.resolved.get(key);
    if (rules === undefined) {
      rules = stack.rules.map((rule) => resolveRule(stack, rule, context));
      this.resolved.set(key, rules);
    }
    return rules;
  }
}

function rulesOf(stack: PreviewStack): RuleResource[] {
  return Object.entries(stack.template.Resources ?? {})
    .filter(([, resource]) => isObject(resource) && resource.Type === 'AWS::Events::Rule')
    .map(([logicalId, resource]) => ({
      logicalId,
      properties: isObject(resource.Properties) ? resource.Properties : {},
      metadata: readRouteMetadata(resource),
    }));
}

function resolveContextFor(stack: PreviewStack, event: unknown): ResolveContext {
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

function resolveRule(stack: PreviewStack, rule: RuleResource, context: ResolveContext): ResolvedRule {
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

/** A warning when a JSON input template (first non-blank character `{` or `[`) renders to invalid JSON. */
function jsonWarnings(target: TargetInputSpec, message: string): string[] {
  const template = target.InputTransformer?.InputTemplate;
  if (typeof template !== 'string' || !isJsonTemplate(template)) return [];
  try {
    JSON.parse(message);
    return [];
  } catch (e) {
    return [
      `the input template is JSON but the message is not valid JSON (${(e as Error).message}); ` +
        'an endpoint that expects JSON would reject it',
    ];
  }
}

function known(value: string, pattern: RegExp): string | undefined {
  return pattern.test(value) ? value : undefined;
}

function isObject(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}
