import { Token } from 'aws-cdk-lib';
import type * as events from 'aws-cdk-lib/aws-events';
import type * as kms from 'aws-cdk-lib/aws-kms';
import type { Construct } from 'constructs';
import type { AlertTopic } from '../alert-topic';
import type { SeverityLabel } from '../severity';

/** The kinds of alert channel. */
export enum AlertChannelType {
  /** Plain-text e-mail through an encrypted SNS topic. */
  EMAIL = 'email',
  /** Slack, through Amazon Q Developer in chat applications. */
  SLACK = 'slack',
  /** Microsoft Teams, through Amazon Q Developer in chat applications. */
  MICROSOFT_TEAMS = 'teams',
  /** An HTTPS webhook, through an EventBridge API destination. */
  WEBHOOK = 'webhook',
  /** An SNS topic you already have (PagerDuty, Opsgenie and the like). */
  SNS_TOPIC = 'sns',
}

/** What a channel gets from the {@link FindingAlerts} it is bound to. */
export interface AlertChannelBindOptions {
  /** The customer managed key that encrypts the alert topics and the dead-letter queue. */
  readonly encryptionKey: kms.IKey;

  /**
   * The GuardDuty console's host in the stack's partition, for links in messages (a CloudFormation token). In the
   * `aws` partition it starts with the `<region>` input placeholder (`<region>.console.aws.amazon.com`), so a message
   * that uses it must map `region` to `$.detail.region`, as `FINDING_INPUT_PATHS` does.
   */
  readonly consoleDomain: string;
}

/** What a channel gets, for one rule target, about the route the rule belongs to. */
export interface AlertTargetOptions {
  /**
   * Whether the route delivers archived findings too (`AlertRoute.includeArchivedFindings`), so that a console
   * link should open archived findings as well as current ones.
   *
   * @default false
   */
  readonly includesArchivedFindings?: boolean;
}

/** A channel bound into one {@link FindingAlerts}: it renders the rule target for each rule that delivers to it. */
export interface IBoundAlertChannel {
  /**
   * The alert topic created for this channel, if any. The delivery-failure alarm notifies it.
   */
  readonly alarmTopic?: AlertTopic;

  /**
   * The target of one rule: where to deliver and what to send. The caller adds the retry policy and the
   * dead-letter queue.
   *
   * @param rule the rule that delivers to the channel
   * @param label the severity level of the findings that rule matches
   * @param options what the target should know about the rule's route
   */
  targetFor(
    rule: events.IRuleRef,
    label: SeverityLabel,
    options?: AlertTargetOptions,
  ): events.RuleTargetConfig;
}

/**
 * Somewhere alerts are delivered. One channel object can serve several routes; its resources are created once,
 * when it is first bound.
 */
export interface IAlertChannel {
  /** The channel's name, unique within a {@link FindingAlerts}: letters, digits, `-` and `_`. */
  readonly channelName: string;

  /** The kind of channel. */
  readonly channelType: AlertChannelType;

  /** Creates the channel's resources in `scope`. Called once per {@link FindingAlerts}. */
  bind(scope: Construct, options: AlertChannelBindOptions): IBoundAlertChannel;
}

/** Why a channel's resource must be in the Region of the stack whose rules deliver to it. */
export const SAME_REGION_REASONS = {
  // "The targets you associate with a rule must be in the same Region as the rule."
  // (https://repost.aws/knowledge-center/sns-not-getting-eventbridge-notification)
  snsTopic:
    'EventBridge rules deliver only to targets in their own Region ' +
    '(https://repost.aws/knowledge-center/sns-not-getting-eventbridge-notification)',
  // CloudFormation resolves {{resolve:secretsmanager:...}} with Secrets Manager of the stack's Region
  // (https://docs.aws.amazon.com/AWSCloudFormation/latest/UserGuide/dynamic-references-secretsmanager.html).
  secret:
    'the webhook URL reaches the API destination as a {{resolve:secretsmanager:...}} dynamic reference, which ' +
    "CloudFormation resolves in the stack's Region " +
    '(https://docs.aws.amazon.com/AWSCloudFormation/latest/UserGuide/dynamic-references-secretsmanager.html)',
} as const;

/**
 * A resource a channel uses from another Region than the stack's, when both Regions are known at synth (a Region
 * that is a token, such as an environment-agnostic stack's, is not compared).
 */
export function regionMismatchProblems(
  field: string,
  resourceRegion: string | undefined,
  stackRegion: string | undefined,
  reason: string,
): string[] {
  if (resourceRegion === undefined || stackRegion === undefined) return [];
  if (Token.isUnresolved(resourceRegion) || Token.isUnresolved(stackRegion)) return [];
  if (resourceRegion === '' || resourceRegion === stackRegion) return [];
  return [
    `${field} is in ${resourceRegion}, but the stack is in ${stackRegion}: ${reason}. Use one in ${stackRegion} ` +
      `(for example a replica of the secret, or a topic created there), or deploy the alerts in ${resourceRegion}.`,
  ];
}
