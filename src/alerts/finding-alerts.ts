import { CfnMapping, Duration, RemovalPolicy, Stack } from 'aws-cdk-lib';
import * as cloudwatch from 'aws-cdk-lib/aws-cloudwatch';
import * as events from 'aws-cdk-lib/aws-events';
import { addToDeadLetterQueueResourcePolicy, bindBaseTargetConfig } from 'aws-cdk-lib/aws-events-targets';
import * as sqs from 'aws-cdk-lib/aws-sqs';
import { Construct } from 'constructs';
import { acknowledgeRules } from '../private/nag';
import { show, ValidationError } from '../private/validation-error';
import { AlertTopic } from './alert-topic';
import { FINDING_INPUT_PATHS, findingEmailTemplate, MessageLanguage } from './finding-email-message';
import { bandsFrom, FindingSeverity, severityFilter } from './severity';

/** Properties of {@link FindingAlerts}. */
export interface FindingAlertsProps {
  /**
   * E-mail addresses that receive the alerts. Each recipient must confirm the subscription first.
   *
   * @default - no subscriptions; subscribe to `topic` yourself
   */
  readonly emailAddresses?: string[];

  /**
   * The lowest severity that is delivered. Matching is numeric (`>=`), so every value from the minimum up to
   * 10.0, Critical included, is delivered.
   *
   * @default FindingSeverity.HIGH - High (7.0-8.9) and Critical (9.0-10.0)
   */
  readonly minimumSeverity?: FindingSeverity;

  /**
   * The language of the e-mail text.
   *
   * @default MessageLanguage.ENGLISH
   */
  readonly language?: MessageLanguage;

  /**
   * How many times EventBridge retries a delivery that fails, before the event goes to the dead-letter queue.
   *
   * @default 185 - EventBridge's maximum
   */
  readonly retryAttempts?: number;

  /**
   * How long EventBridge keeps retrying an event, from 1 minute to 24 hours.
   *
   * @default Duration.hours(24)
   */
  readonly maxEventAge?: Duration;

  /**
   * The event bus GuardDuty findings arrive on.
   *
   * @default - the account's default event bus
   */
  readonly eventBus?: events.IEventBus;

  /**
   * What happens to the alert key when it leaves the stack or the stack is deleted.
   *
   * @default RemovalPolicy.RETAIN
   */
  readonly keyRemovalPolicy?: RemovalPolicy;
}

/** The GuardDuty console's host in each partition; looked up at deploy time from `AWS::Partition`. */
const CONSOLE_DOMAINS: Record<string, string> = {
  aws: 'console.aws.amazon.com',
  'aws-cn': 'console.amazonaws.cn',
  'aws-us-gov': 'console.amazonaws-us-gov.com',
};

/**
 * Sends GuardDuty findings at or above a severity, as plain-text e-mails that a person can read, to an encrypted
 * SNS topic. No Lambda function is involved: one EventBridge rule per severity level matches
 * `detail.severity` numerically and an input transformer writes the text, so the level's label (LOW, MEDIUM,
 * HIGH or CRITICAL) is right for every finding.
 *
 * Every rule target retries, then moves undeliverable events to an encrypted SQS dead-letter queue; a CloudWatch
 * alarm on that queue notifies the same topic.
 */
export class FindingAlerts extends Construct {
  /** The SNS topic the alerts are published to. */
  public readonly topic: AlertTopic;
  /** One rule per severity level delivered, lowest first. */
  public readonly rules: events.Rule[];
  /** Events that could not be delivered after every retry. */
  public readonly deadLetterQueue: sqs.Queue;
  /** Goes off when an event lands in the dead-letter queue. */
  public readonly deliveryFailureAlarm: cloudwatch.Alarm;

  constructor(scope: Construct, id: string, props: FindingAlertsProps = {}) {
    super(scope, id);
    const retryAttempts = props.retryAttempts ?? 185;
    const maxEventAge = props.maxEventAge ?? Duration.hours(24);
    validateDelivery(retryAttempts, maxEventAge);

    this.topic = new AlertTopic(this, 'Topic', {
      emailAddresses: props.emailAddresses,
      keyRemovalPolicy: props.keyRemovalPolicy,
    });
    this.deadLetterQueue = new sqs.Queue(this, 'DeadLetterQueue', {
      encryption: sqs.QueueEncryption.KMS,
      encryptionMasterKey: this.topic.encryptionKey,
      enforceSSL: true,
      retentionPeriod: Duration.days(14),
    });
    acknowledgeRules(this.deadLetterQueue.node.defaultChild, {
      'AwsSolutions::AwsSolutions-SQS3':
        'This queue is the dead-letter queue of the EventBridge rule targets; a dead-letter queue has none itself.',
    });
    this.deliveryFailureAlarm = new cloudwatch.Alarm(this, 'DeliveryFailureAlarm', {
      alarmDescription:
        'GuardDuty findings could not be delivered to the alert topic after every retry. Inspect the ' +
        'dead-letter queue for the events and their error attributes.',
      metric: this.deadLetterQueue.metricApproximateNumberOfMessagesVisible({
        period: Duration.minutes(5),
        statistic: cloudwatch.Stats.MAXIMUM,
      }),
      threshold: 1,
      evaluationPeriods: 1,
      comparisonOperator: cloudwatch.ComparisonOperator.GREATER_THAN_OR_EQUAL_TO_THRESHOLD,
      treatMissingData: cloudwatch.TreatMissingData.NOT_BREACHING,
    });
    this.topic.notifyOnAlarm(this.deliveryFailureAlarm);

    const consoleDomain = new CfnMapping(this, 'ConsoleDomain', {
      mapping: Object.fromEntries(Object.entries(CONSOLE_DOMAINS).map(([p, d]) => [p, { domain: d }])),
    }).findInMap(Stack.of(this).partition, 'domain');
    const language = props.language ?? MessageLanguage.ENGLISH;

    this.rules = bandsFrom(props.minimumSeverity ?? FindingSeverity.HIGH).map((band) => {
      const label = band.label.charAt(0) + band.label.slice(1).toLowerCase();
      const rule = new events.Rule(this, `${label}Findings`, {
        description: `GuardDuty findings of severity ${band.lower} ${band.upper ? `to below ${band.upper}` : 'and above'} (${band.label}) to the alert topic`,
        eventBus: props.eventBus,
        eventPattern: {
          source: ['aws.guardduty'],
          detailType: ['GuardDuty Finding'],
          detail: { severity: severityFilter(band) },
        },
      });
      rule.addTarget({
        bind: (boundRule) => {
          this.topic.allowPublishFromRule(boundRule);
          addToDeadLetterQueueResourcePolicy(boundRule, this.deadLetterQueue);
          return {
            ...bindBaseTargetConfig({ deadLetterQueue: this.deadLetterQueue, retryAttempts, maxEventAge }),
            arn: this.topic.topic.topicArn,
            input: new PlainTextInput(
              FINDING_INPUT_PATHS,
              findingEmailTemplate(band.label, language, consoleDomain),
            ),
          };
        },
      });
      return rule;
    });
  }
}

/**
 * An input transformer whose template is plain text, delivered as it is. aws-cdk-lib's `RuleTargetInput.fromText`
 * would wrap every line in JSON quotes, and the quotes would show in the e-mail.
 */
class PlainTextInput extends events.RuleTargetInput {
  constructor(
    private readonly inputPathsMap: Readonly<Record<string, string>>,
    private readonly inputTemplate: string,
  ) {
    super();
  }

  public bind(_rule: events.IRuleRef): events.RuleTargetInputProperties {
    return { inputPathsMap: { ...this.inputPathsMap }, inputTemplate: this.inputTemplate };
  }
}

function validateDelivery(retryAttempts: number, maxEventAge: Duration): void {
  const problems: string[] = [];
  if (!Number.isInteger(retryAttempts) || retryAttempts < 0 || retryAttempts > 185) {
    problems.push(
      `retryAttempts ${show(retryAttempts)} is invalid: EventBridge allows a whole number from 0 to 185.`,
    );
  }
  const seconds = maxEventAge.toSeconds({ integral: false });
  if (seconds < 60 || seconds > 86400) {
    problems.push(
      `maxEventAge ${maxEventAge.toHumanString()} is invalid: EventBridge keeps retrying for 1 minute to 24 hours. ` +
        'Use a Duration in that range.',
    );
  }
  if (problems.length > 0) throw new ValidationError(problems.join('\n'));
}
