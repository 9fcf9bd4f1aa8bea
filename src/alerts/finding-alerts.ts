import { Annotations, CfnMapping, Duration, RemovalPolicy, Stack } from 'aws-cdk-lib';
import * as cloudwatch from 'aws-cdk-lib/aws-cloudwatch';
import * as events from 'aws-cdk-lib/aws-events';
import { addToDeadLetterQueueResourcePolicy, bindBaseTargetConfig } from 'aws-cdk-lib/aws-events-targets';
import * as kms from 'aws-cdk-lib/aws-kms';
import * as sqs from 'aws-cdk-lib/aws-sqs';
import { Construct } from 'constructs';
import { acknowledgeRules } from '../private/nag';
import { show, ValidationError } from '../private/validation-error';
import { AlertRoute, routeEventPattern, routeSeverity, validateRoute } from './alert-route';
import { allowServiceToUseKey, AlertTopic } from './alert-topic';
import { IAlertChannel, IBoundAlertChannel } from './channels/alert-channel';
import { EmailChannel } from './channels/email-channel';
import { MessageLanguage } from './finding-email-message';
import { bandsIn, FindingSeverity, SeverityRange } from './severity';

/** Properties of {@link FindingAlerts}. */
export interface FindingAlertsProps {
  /**
   * Which findings go to which channels. Each route becomes one EventBridge rule per severity level it covers.
   * Not allowed together with `emailAddresses`, `minimumSeverity` or `language`, which describe the default route.
   *
   * @default - one route, `default`: findings of `minimumSeverity` and above, no samples, no archived findings, as
   * e-mail to `emailAddresses`
   */
  readonly routes?: AlertRoute[];

  /**
   * E-mail addresses of the default route. Each recipient must confirm the subscription first.
   *
   * @default - no subscriptions; subscribe to the default route's topic yourself
   */
  readonly emailAddresses?: string[];

  /**
   * The lowest severity the default route delivers. Matching is numeric, so every value from the minimum up to
   * 10.0, Critical included, is delivered.
   *
   * @default FindingSeverity.HIGH - High (7.0-8.9) and Critical (9.0-10.0)
   */
  readonly minimumSeverity?: FindingSeverity;

  /**
   * The language of the default route's e-mails.
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

/** The metadata key on each rule that names its route and channels, read by the `preview` command. */
export const ROUTE_METADATA_KEY = 'cdk-guardduty-threat-detection';

const CHANNEL_NAME = /^[A-Za-z0-9_-]{1,64}$/;

/**
 * Delivers GuardDuty findings along routes to channels (e-mail, Slack, Microsoft Teams, webhooks, existing SNS
 * topics), with no Lambda function on the delivery path: one EventBridge rule per route and severity level, whose
 * event pattern holds every condition of the route, and input transformers that write each channel's message with
 * the right level label.
 *
 * Every target retries, then moves undeliverable events to one encrypted SQS dead-letter queue; a CloudWatch alarm on
 * that queue notifies the alert topics.
 */
export class FindingAlerts extends Construct {
  /** The customer managed key that encrypts the alert topics and the dead-letter queue. */
  public readonly encryptionKey: kms.Key;
  /** The routes, as given or the default one. */
  public readonly routes: AlertRoute[];
  /** The rules, per route then per severity level, lowest first. */
  public readonly rules: events.Rule[] = [];
  /** Events that could not be delivered after every retry. */
  public readonly deadLetterQueue: sqs.Queue;
  /** Goes off when an event lands in the dead-letter queue. */
  public readonly deliveryFailureAlarm: cloudwatch.Alarm;
  /** The topics this construct created for its channels (e-mail and chat); the alarm notifies each. */
  public readonly alarmTopics: AlertTopic[] = [];

  constructor(scope: Construct, id: string, props: FindingAlertsProps = {}) {
    super(scope, id);
    const retryAttempts = props.retryAttempts ?? 185;
    const maxEventAge = props.maxEventAge ?? Duration.hours(24);
    this.routes = routesOf(props);
    validateAlerts(this.routes, retryAttempts, maxEventAge);

    this.encryptionKey = new kms.Key(this, 'Key', {
      description: 'Encrypts GuardDuty alert topics and the alert dead-letter queue',
      enableKeyRotation: true,
      removalPolicy: props.keyRemovalPolicy ?? RemovalPolicy.RETAIN,
    });
    allowServiceToUseKey(this.encryptionKey, 'events.amazonaws.com', 'AllowEventBridgeToUseTheKey');
    this.deadLetterQueue = new sqs.Queue(this, 'DeadLetterQueue', {
      encryption: sqs.QueueEncryption.KMS,
      encryptionMasterKey: this.encryptionKey,
      enforceSSL: true,
      retentionPeriod: Duration.days(14),
    });
    acknowledgeRules(this.deadLetterQueue.node.defaultChild, {
      'AwsSolutions::AwsSolutions-SQS3':
        'This queue is the dead-letter queue of the EventBridge rule targets; a dead-letter queue has none itself.',
    });

    // The partition's console host, looked up at deploy time. The mapping exists only if a message links to it;
    // CloudFormation Validate flags a mapping nobody reads.
    let consoleDomains: CfnMapping | undefined;
    const consoleDomain = () => {
      consoleDomains ??= new CfnMapping(this, 'ConsoleDomain', {
        mapping: Object.fromEntries(Object.entries(CONSOLE_DOMAINS).map(([p, d]) => [p, { domain: d }])),
      });
      return consoleDomains.findInMap(Stack.of(this).partition, 'domain');
    };
    const bindOptions = {
      encryptionKey: this.encryptionKey,
      get consoleDomain(): string {
        return consoleDomain();
      },
    };
    const bound = new Map<IAlertChannel, IBoundAlertChannel>();
    const bind = (channel: IAlertChannel) => {
      let b = bound.get(channel);
      if (!b) {
        b = channel.bind(this, bindOptions);
        bound.set(channel, b);
        if (b.alarmTopic) this.alarmTopics.push(b.alarmTopic);
      }
      return b;
    };

    for (const route of this.routes) {
      const channels = route.channels.map((channel) => ({ channel, bound: bind(channel) }));
      for (const band of bandsIn(routeSeverity(route))) {
        const level = band.label.charAt(0) + band.label.slice(1).toLowerCase();
        const rule = new events.Rule(this, `${route.name}${level}`, {
          description: `GuardDuty route ${route.name}: ${band.label} findings (severity ${band.lower}${band.upper ? ` to below ${band.upper}` : ' and above'}) to ${route.channels.map((c) => c.channelName).join(', ')}`,
          eventBus: props.eventBus,
          eventPattern: routeEventPattern(route, band) as events.EventPattern,
        });
        channels.forEach(({ bound: channel }) =>
          rule.addTarget({
            bind: (boundRule) => {
              addToDeadLetterQueueResourcePolicy(boundRule, this.deadLetterQueue);
              return {
                ...channel.targetFor(boundRule, band.label),
                ...bindBaseTargetConfig({
                  deadLetterQueue: this.deadLetterQueue,
                  retryAttempts,
                  maxEventAge,
                }),
              };
            },
          }),
        );
        (rule.node.defaultChild as events.CfnRule).addMetadata(ROUTE_METADATA_KEY, {
          route: route.name,
          severityLabel: band.label,
          targets: Object.fromEntries(
            channels.map(({ channel }, i) => [
              `Target${i}`,
              { channel: channel.channelName, type: channel.channelType },
            ]),
          ),
        });
        this.rules.push(rule);
      }
    }

    this.deliveryFailureAlarm = new cloudwatch.Alarm(this, 'DeliveryFailureAlarm', {
      alarmDescription:
        'GuardDuty findings could not be delivered to an alert channel after every retry. Inspect the dead-letter ' +
        'queue for the events and their error attributes (ERROR_CODE, ERROR_MESSAGE, RULE_ARN, TARGET_ARN).',
      metric: this.deadLetterQueue.metricApproximateNumberOfMessagesVisible({
        period: Duration.minutes(5),
        statistic: cloudwatch.Stats.MAXIMUM,
      }),
      threshold: 1,
      evaluationPeriods: 1,
      comparisonOperator: cloudwatch.ComparisonOperator.GREATER_THAN_OR_EQUAL_TO_THRESHOLD,
      treatMissingData: cloudwatch.TreatMissingData.NOT_BREACHING,
    });
    // CloudWatch allows five actions per alarm state.
    for (const topic of this.alarmTopics.slice(0, 5)) topic.notifyOnAlarm(this.deliveryFailureAlarm);
    if (this.alarmTopics.length > 5) {
      Annotations.of(this).addWarningV2(
        'cdk-guardduty-threat-detection:alarmActions',
        `The delivery-failure alarm notifies the first five of ${this.alarmTopics.length} alert topics ` +
          `(${this.alarmTopics
            .slice(0, 5)
            .map((t) => t.node.id)
            .join(', ')}); CloudWatch allows five actions per state.`,
      );
    }
    if (this.alarmTopics.length === 0) {
      acknowledgeRules(this.deliveryFailureAlarm.node.defaultChild, {
        'NIST.800.53.R5::NIST.800.53.R5-CloudWatchAlarmAction':
          'No channel of these alerts has an SNS topic (webhooks only), so there is no topic to notify; the alarm ' +
          'state is visible in CloudWatch.',
      });
    }
  }
}

function routesOf(props: FindingAlertsProps): AlertRoute[] {
  if (props.routes === undefined) {
    return [
      {
        name: 'default',
        severity: SeverityRange.atLeast(props.minimumSeverity ?? FindingSeverity.HIGH),
        channels: [
          new EmailChannel({ name: 'email', addresses: props.emailAddresses, language: props.language }),
        ],
      },
    ];
  }
  const conflicts = (['emailAddresses', 'minimumSeverity', 'language'] as const).filter(
    (k) => props[k] !== undefined,
  );
  if (conflicts.length > 0) {
    throw new ValidationError(
      `routes is set together with ${conflicts.join(', ')}, which only describe the default route and would be ` +
        'ignored. Put them into a route (an EmailChannel with addresses and language, and the route severity), or ' +
        'remove routes.',
    );
  }
  return props.routes;
}

function validateAlerts(routes: AlertRoute[], retryAttempts: number, maxEventAge: Duration): void {
  const problems: string[] = [];
  if (routes.length === 0) {
    problems.push(
      'routes is empty, so no finding would be delivered. Give at least one route, or leave routes out.',
    );
  }
  const routeNames = new Set<string>();
  const channels = new Map<string, IAlertChannel>();
  routes.forEach((route, i) => {
    try {
      validateRoute(route, `routes[${i}]`);
    } catch (e) {
      if (!(e instanceof ValidationError)) throw e;
      problems.push(e.message);
    }
    if (routeNames.has(route.name)) {
      problems.push(
        `routes[${i}].name ${show(route.name)} is used by another route. Give each route its own name.`,
      );
    }
    routeNames.add(route.name);
    for (const channel of route.channels) {
      if (!CHANNEL_NAME.test(channel.channelName)) {
        problems.push(
          `routes[${i}] has a channel named ${show(channel.channelName)}: use 1 to 64 letters, digits, "-" or "_".`,
        );
      }
      const other = channels.get(channel.channelName);
      if (other && other !== channel) {
        problems.push(
          `Two different channels are named ${show(channel.channelName)}. Give each channel its own name, or pass the ` +
            'same channel object to every route that uses it.',
        );
      }
      channels.set(channel.channelName, channel);
    }
  });
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
