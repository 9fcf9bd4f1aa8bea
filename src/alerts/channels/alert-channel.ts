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

  /** The GuardDuty console's host in the stack's partition, for links in messages. */
  readonly consoleDomain: string;
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
   */
  targetFor(rule: events.IRuleRef, label: SeverityLabel): events.RuleTargetConfig;
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
