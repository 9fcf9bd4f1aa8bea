/**
 * The routing metadata each EventBridge rule of these constructs carries: which route it belongs to, and which
 * channel each of its targets delivers to. The `preview` command (cli/preview/route-metadata.ts) reads it to report
 * deliveries in the configuration's names. In the template:
 *
 * ```json
 * "Metadata": {
 *   "cdk-guardduty-threat-detection": {
 *     "route": "<route name>",
 *     "severityLabel": "HIGH",
 *     "targets": { "<target Id>": { "channel": "<channel name>", "type": "email" } },
 *     "forwardTo": { "stack": "<stack artifact id>" }
 *   }
 * }
 * ```
 */
import { Lazy } from 'aws-cdk-lib';
import type * as events from 'aws-cdk-lib/aws-events';
import { AlertChannelType } from './channels/alert-channel';
import type { SeverityLabel } from './severity';

/** What one target of a rule delivers to. */
export interface RouteTargetMetadata {
  /** The channel's name (`IAlertChannel.channelName`). */
  readonly channel: string;
  /** The kind of channel. */
  readonly type: AlertChannelType;
}

/** Where a forwarding rule sends the events it matches. */
export interface RouteForwardingMetadata {
  /** The artifact ID of the stack whose default event bus receives them. */
  readonly stack: string;
}

/** The routing metadata of one rule. Every field is optional. */
export interface RouteMetadata {
  /** The route's name, or `forwarding-failures` for the rule that alerts on failed cross-Region forwarding. */
  readonly route?: string;
  /** The severity level of the findings the rule matches. */
  readonly severityLabel?: SeverityLabel;
  /**
   * The channel of each target, by the target's `Id` in the template. A target a forwarding rule sends on to another
   * stack's bus is not listed.
   */
  readonly targets?: { readonly [targetId: string]: RouteTargetMetadata };
  /**
   * Set on a rule whose targets send the events, unchanged, to the default event bus of another stack of the same
   * cloud assembly (cross-Region forwarding).
   */
  readonly forwardTo?: RouteForwardingMetadata;
}

/** The names and values of the routing metadata, shared by the constructs that write it and the preview that reads it. */
export class RouteMetadataFormat {
  /** The key of a rule resource's `Metadata` that holds its {@link RouteMetadata}. */
  public static readonly KEY = 'cdk-guardduty-threat-detection';

  /** The values a target's `type` can take: those of {@link AlertChannelType}, in its order. */
  public static get channelTypes(): AlertChannelType[] {
    return Object.values(AlertChannelType);
  }

  private constructor() {}
}

/**
 * Writes `metadata` on the rule's resource. It is rendered at synth, so `targets` may still be filled in after this
 * call, as {@link channelTarget} does when the rule binds its targets.
 */
export function addRouteMetadata(rule: events.Rule, metadata: RouteMetadata): void {
  (rule.node.defaultChild as events.CfnRule).addMetadata(
    RouteMetadataFormat.KEY,
    Lazy.any({ produce: () => metadata }),
  );
}

/**
 * A rule target delivering to `channel`, rendered by `bind`, that records the channel in `targets` under the
 * target's Id: the ID the rule passes to `IRuleTarget.bind`, which is the target's `Id` in the template. Nothing is
 * assumed about how the rule makes its IDs.
 */
export function channelTarget(
  targets: Record<string, RouteTargetMetadata>,
  channel: RouteTargetMetadata,
  bind: (rule: events.IRuleRef) => events.RuleTargetConfig,
): events.IRuleTarget {
  return {
    bind: (rule, id) => {
      if (id === undefined) {
        throw new Error(
          `The rule gave the target for channel ${channel.channel} no ID to record in its metadata`,
        );
      }
      targets[id] = channel;
      return bind(rule);
    },
  };
}
