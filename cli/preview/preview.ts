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
 * - Suppression rules (`AWS::GuardDuty::Filter` with `Action: ARCHIVE`, see `suppression.ts`) act in GuardDuty, before
 *   EventBridge: a `GuardDuty Finding` event that an ARCHIVE filter of any stack receiving it matches is archived and
 *   delivered nowhere (forwarding included). The filters evaluated are those of the stacks in the event's Region and
 *   of environment-agnostic stacks, that is, of the detector that produced the finding; the account is not compared,
 *   because an administrator's suppression rules also archive its members' findings.
 * - With `explain`, each rule with routing metadata whose pattern does not match says why (see `explain.ts`), unless
 *   another rule of the same route in the same stack delivers the event.
 *
 * Intrinsic functions in patterns and target inputs are resolved by `cloudformation-values.ts`, with the partition
 * from the event's `detail.partition` (default `aws`), and the Region and account of the stack, or of the event
 * when the stack is environment-agnostic.
 */
import { FindingSeverity } from 'cdk-guardduty-threat-detection';
import { matchesEventPattern, UnsupportedPatternError } from './event-pattern-matcher';
import { emailSubscriptionCount } from './subscribers';
import { explainMismatch } from './explain';
import { isJsonTemplate, renderTargetInput, type TargetInputSpec } from './input-transformer-renderer';
import {
  type CloudAssemblyLike,
  type PreviewDelivery,
  PreviewError,
  type PreviewEvent,
  type PreviewExplanation,
  type PreviewOptions,
  type PreviewResult,
  type PreviewStack,
  stacksOf,
  UNNAMED_ROUTE,
} from './preview-model';
import {
  type LoadedStack,
  type ResolvedRule,
  resolveContextFor,
  resolveRule,
  rulesOf,
} from './rule-resolution';
import { archivesFinding, type SuppressionFilter, suppressionFiltersOf } from './suppression';

// The engine's types and errors, for the callers that import the engine.
export * from './preview-model';

/** Previews every event against the rules of every stack. Throws {@link PreviewError}. */
export function previewEvents(
  source: CloudAssemblyLike | readonly PreviewStack[],
  events: readonly PreviewEvent[],
  options: PreviewOptions = {},
): PreviewResult[] {
  return events.map(createPreviewer(source, options));
}

/**
 * A function that previews one event at a time against the rules of every stack, for a caller that reads events
 * as it goes and keeps none of them: the rules are read once, and resolved once per partition, Region and account.
 * The function throws {@link PreviewError}.
 */
export function createPreviewer(
  source: CloudAssemblyLike | readonly PreviewStack[],
  options: PreviewOptions = {},
): (event: PreviewEvent) => PreviewResult {
  const engine = new PreviewEngine(stacksOf(source), options);
  return (event) => engine.preview(event);
}

class PreviewEngine {
  private readonly stacks: Map<string, LoadedStack>;
  private readonly resolved = new Map<string, ResolvedRule[]>();
  private readonly filters = new Map<string, SuppressionFilter[]>();

  constructor(
    stacks: readonly PreviewStack[],
    private readonly options: PreviewOptions,
  ) {
    this.stacks = new Map(stacks.map((s) => [s.id, { ...s, rules: rulesOf(s) }]));
  }

  preview({ file, event, wrappedFinding }: PreviewEvent): PreviewResult {
    const detail = isObject(event) && isObject(event.detail) ? event.detail : {};
    const region = isObject(event) && typeof event.region === 'string' ? event.region : undefined;
    const severity = typeof detail.severity === 'number' ? detail.severity : undefined;
    const receivers = [...this.stacks.values()].filter(
      (s) => s.region === undefined || region === undefined || s.region === region,
    );
    const base = {
      file,
      findingType: typeof detail.type === 'string' ? detail.type : undefined,
      severity,
      severityLabel: severity === undefined ? undefined : FindingSeverity.labelOf(severity),
      region,
      receivedBy: receivers.map((s) => s.id),
      ...(wrappedFinding && { wrappedFinding }),
    };
    const isFinding = isObject(event) && event['detail-type'] === 'GuardDuty Finding';
    const suppressions = isFinding
      ? receivers.flatMap((stack) => this.filtersFor(stack, event).filter((f) => archivesFinding(f, detail)))
      : [];
    if (suppressions.length > 0) {
      suppressions.sort((a, b) => (a.rank ?? Infinity) - (b.rank ?? Infinity));
      return {
        ...base,
        deliveries: [],
        suppressions: suppressions.map((f) => ({
          stack: f.stack,
          filter: f.logicalId,
          name: f.name,
          ...(f.rank !== undefined && { rank: f.rank }),
        })),
      };
    }
    const explanations: PreviewExplanation[] = [];
    const deliveries = receivers.flatMap((stack) => this.deliver(stack, event, [], explanations));
    if (!this.options.explain) return { ...base, deliveries };
    const delivered = new Set(deliveries.map((d) => JSON.stringify([d.stack, d.route])));
    return {
      ...base,
      deliveries,
      explanations: explanations.filter((x) => !delivered.has(JSON.stringify([x.stack, x.route]))),
    };
  }

  /**
   * The deliveries of an event arriving on a stack's default bus, having been forwarded by `via`; with `explain`, the
   * reasons of the rules that do not match are added to `explanations`.
   */
  private deliver(
    stack: LoadedStack,
    event: unknown,
    via: readonly string[],
    explanations: PreviewExplanation[],
  ): PreviewDelivery[] {
    const deliveries: PreviewDelivery[] = [];
    for (const resolved of this.rulesFor(stack, event)) {
      const { rule } = resolved;
      if (resolved.pattern === undefined) continue;
      if (!this.matches(stack, resolved, event)) {
        if (this.options.explain && rule.metadata.present) {
          explanations.push({
            stack: stack.id,
            rule: rule.logicalId,
            route: rule.metadata.route ?? UNNAMED_ROUTE,
            ...(rule.metadata.severityLabel !== undefined && { severityLabel: rule.metadata.severityLabel }),
            reasons: explainMismatch(resolved.pattern, event),
          });
        }
        continue;
      }
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
        const rawTarget = (rule.properties.Targets as { Id?: unknown; Arn?: unknown }[] | undefined)?.find(
          (t) => t.Id === target.Id,
        );
        const subscribers =
          channel?.type === 'email' ? emailSubscriptionCount(stack.template, rawTarget?.Arn) : undefined;
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
          ...(subscribers !== undefined && { subscribers }),
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
        deliveries.push(...this.deliver(next, event, chain, explanations));
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

  /** The stack's ARCHIVE filters, resolved for the event's partition, Region and account (cached likewise). */
  private filtersFor(stack: LoadedStack, event: unknown): SuppressionFilter[] {
    const context = resolveContextFor(stack, event);
    const key = JSON.stringify([stack.id, context.partition, context.region, context.accountId]);
    let filters = this.filters.get(key);
    if (filters === undefined) {
      filters = suppressionFiltersOf(stack, context);
      this.filters.set(key, filters);
    }
    return filters;
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

function isObject(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}
