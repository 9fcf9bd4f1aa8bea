import { Annotations, CfnMapping, Duration, RemovalPolicy, Stack, Token } from 'aws-cdk-lib';
import type * as cloudwatch from 'aws-cdk-lib/aws-cloudwatch';
import * as events from 'aws-cdk-lib/aws-events';
import * as kms from 'aws-cdk-lib/aws-kms';
import type * as sqs from 'aws-cdk-lib/aws-sqs';
import { Construct } from 'constructs';
import {
  deadLetterQueueWithAlarm,
  deadLetterTargetConfig,
  type TargetRetryOptions,
} from '../private/dead-letter-queue';
import { acknowledgeRules } from '../private/nag';
import { forwardingAlarmDescriptionPrefix } from '../regions/finding-forwarder';
import { checkPolicyQuotas } from '../private/policy-quotas';
import { checkTemplateQuotas } from '../private/template-quotas';
import { show, throwIfProblems } from '../private/validation-error';
import { AlertRoute, routeEventPattern, routeSeverity } from './alert-route';
import { allowServiceToUseKey, AlertTopic } from './alert-topic';
import { AlertTargetOptions, IAlertChannel, IBoundAlertChannel } from './channels/alert-channel';
import { TemplateInput } from './channels/template-input';
import { MessageLanguage } from './finding-email-message';
import { addRouteMetadata, channelTarget, RouteTargetMetadata } from './route-metadata';
import {
  DEFAULT_MINIMUM_SEVERITY,
  findingAlertsPropsProblems,
  MAX_EVENT_AGE,
  MAX_RETRY_ATTEMPTS,
  routesOf,
} from './finding-alerts-rules';
import { bandsIn, FindingSeverity } from './severity';

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
   * @default FindingAlerts.DEFAULT_MINIMUM_SEVERITY - High (7.0-8.9) and Critical (9.0-10.0)
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
   * @default FindingAlerts.DEFAULT_RETRY_ATTEMPTS - 185, EventBridge's maximum
   */
  readonly retryAttempts?: number;

  /**
   * How long EventBridge keeps retrying an event, from 1 minute to 24 hours.
   *
   * @default FindingAlerts.DEFAULT_MAX_EVENT_AGE - 24 hours, EventBridge's maximum
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

/**
 * The GuardDuty console's host in each partition; looked up at deploy time from `AWS::Partition`. In `aws` it is the
 * Regional host GuardDuty itself links to from its Security Hub findings (`SourceUrl`), with the finding's Region as
 * the `<region>` input placeholder (https://docs.aws.amazon.com/guardduty/latest/ug/securityhub-integration.html).
 * No Regional host form is documented for China (https://docs.amazonaws.cn/en_us/guardduty/latest/ug/guardduty-access.html)
 * or GovCloud (https://docs.aws.amazon.com/govcloud-us/latest/UserGuide/configure-account.html), so those keep the
 * global host; the `region` query parameter selects the Region there.
 */
const CONSOLE_DOMAINS: Record<string, string> = {
  aws: '<region>.console.aws.amazon.com',
  'aws-cn': 'console.amazonaws.cn',
  'aws-us-gov': 'console.amazonaws-us-gov.com',
};

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
  /** Retries of a failed delivery unless `retryAttempts` says otherwise: 185, the most EventBridge allows. */
  public static readonly DEFAULT_RETRY_ATTEMPTS: number = MAX_RETRY_ATTEMPTS;
  /** How long EventBridge retries unless `maxEventAge` says otherwise: 24 hours, the most EventBridge allows. */
  public static readonly DEFAULT_MAX_EVENT_AGE: Duration = MAX_EVENT_AGE;
  /** The lowest severity of the default route unless `minimumSeverity` says otherwise: High (7.0). */
  public static readonly DEFAULT_MINIMUM_SEVERITY: FindingSeverity = DEFAULT_MINIMUM_SEVERITY;

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

  private readonly eventBus?: events.IEventBus;
  /** The retries of every target of these alerts, the forwarding-failure rule's included. */
  private readonly retry: TargetRetryOptions;
  private readonly alarmChannels = new Map<AlertTopic, IAlertChannel>();

  constructor(scope: Construct, id: string, props: FindingAlertsProps = {}) {
    super(scope, id);
    throwIfProblems(this, findingAlertsPropsProblems(props));
    if (props.routes === undefined && (props.emailAddresses ?? []).length === 0) {
      // Not an error: a subscription may be added to the topic outside this app. But nobody gets an alert until then.
      Annotations.of(this).addWarningV2(
        'cdk-guardduty-threat-detection:defaultRouteWithoutSubscribers',
        'The default route has no e-mail address, so its alerts reach nobody until someone subscribes to its topic. ' +
          'Give emailAddresses (notificationEmails in the app), or subscribe to the topic of the "email" channel ' +
          'yourself.',
      );
    }
    this.retry = {
      retryAttempts: props.retryAttempts ?? FindingAlerts.DEFAULT_RETRY_ATTEMPTS,
      maxEventAge: props.maxEventAge ?? FindingAlerts.DEFAULT_MAX_EVENT_AGE,
    };
    this.routes = routesOf(props);
    checkPolicyQuotas(
      this,
      'FindingAlerts creates one EventBridge rule per route and severity level, and each rule adds its ARN to the ' +
        'policy of every topic it publishes to: use fewer routes or fewer severity levels per route.',
    );
    checkTemplateQuotas(
      this,
      'FindingAlerts creates one EventBridge rule per route and severity level and one SNS subscription per e-mail ' +
        'address: use fewer routes or fewer severity levels per route, send e-mail to a distribution list rather ' +
        'than to many addresses, or split the routes and channels over FindingAlerts in more than one stack.',
    );

    this.encryptionKey = new kms.Key(this, 'Key', {
      description: 'Encrypts GuardDuty alert topics and the alert dead-letter queue',
      enableKeyRotation: true,
      removalPolicy: props.keyRemovalPolicy ?? RemovalPolicy.RETAIN,
    });
    allowServiceToUseKey(this.encryptionKey, 'events.amazonaws.com', 'AllowEventBridgeToUseTheKey');
    const failures = deadLetterQueueWithAlarm(this, {
      encryptionKey: this.encryptionKey,
      usedBy: 'the EventBridge rule targets',
      alarmDescription:
        'GuardDuty findings could not be delivered to an alert channel after every retry. Inspect the dead-letter ' +
        'queue for the events and their error attributes (ERROR_CODE, ERROR_MESSAGE, RULE_ARN, TARGET_ARN).',
    });
    this.deadLetterQueue = failures.queue;
    this.deliveryFailureAlarm = failures.alarm;

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
        if (b.alarmTopic) {
          this.alarmTopics.push(b.alarmTopic);
          this.alarmChannels.set(b.alarmTopic, channel);
        }
      }
      return b;
    };

    for (const route of this.routes) {
      const channels = route.channels.map((channel) => ({ channel, bound: bind(channel) }));
      const targetOptions: AlertTargetOptions = {
        includesArchivedFindings: route.includeArchivedFindings ?? false,
      };
      for (const band of bandsIn(routeSeverity(route))) {
        const level = band.label.charAt(0) + band.label.slice(1).toLowerCase();
        const rule = new events.Rule(this, `${route.name}${level}`, {
          description: `GuardDuty route ${route.name}: ${band.label} findings (severity ${band.lower}${band.upper ? ` to below ${band.upper}` : ' and above'}) to ${route.channels.map((c) => c.channelName).join(', ')}`,
          eventBus: props.eventBus,
          eventPattern: routeEventPattern(route, band) as events.EventPattern,
        });
        const targets: Record<string, RouteTargetMetadata> = {};
        for (const { channel, bound: boundChannel } of channels) {
          rule.addTarget(
            channelTarget(
              targets,
              { channel: channel.channelName, type: channel.channelType },
              (boundRule) => ({
                ...boundChannel.targetFor(boundRule, band.label, targetOptions),
                ...deadLetterTargetConfig(this.deadLetterQueue, this.retry),
              }),
            ),
          );
        }
        addRouteMetadata(rule, { route: route.name, severityLabel: band.label, targets });
        this.rules.push(rule);
      }
    }

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
    this.eventBus = props.eventBus;
    if (this.alarmTopics.length === 0) {
      acknowledgeRules(this.deliveryFailureAlarm.node.defaultChild, {
        'NIST.800.53.R5::NIST.800.53.R5-CloudWatchAlarmAction':
          'These alerts create no topic of their own (their channels are webhooks or SNS topics passed in), so the ' +
          'alarm has no action and nobody is notified when a delivery fails after every retry: the event is kept ' +
          '14 days in the dead-letter queue and the alarm goes to ALARM in CloudWatch. Add an action yourself ' +
          '(deliveryFailureAlarm.addAlarmAction), or an e-mail or chat channel, whose topic the alarm then notifies.',
      });
    }
  }

  /**
   * Alerts the alert topics when a {@link FindingForwarder} in one of `regions` cannot forward findings here: its
   * alarm's state changes arrive on this Region's bus, and a rule sends the ALARM ones to every alert topic.
   *
   * @param regions the Regions whose forwarders report here
   */
  public notifyOnForwardingFailures(regions: string[]): events.Rule | undefined {
    throwIfProblems(this, forwardedRegionsProblems(regions, Stack.of(this).region, 'regions'));
    if (regions.length === 0) return undefined;
    if (this.alarmTopics.length === 0) {
      Annotations.of(this).addWarningV2(
        'cdk-guardduty-threat-detection:forwardingFailuresNotAlerted',
        `Forwarding failures of ${regions.join(', ')} are not alerted on: these alerts create no topic of their own ` +
          '(their channels are webhooks or existing SNS topics). Add an e-mail or chat channel, or watch the ' +
          "forwarders' alarms in each Region.",
      );
      return undefined;
    }
    const rule = new events.Rule(this, 'ForwardingFailures', {
      description: `Alerts when GuardDuty findings of ${regions.join(', ')} cannot be forwarded to this Region`,
      eventBus: this.eventBus,
      eventPattern: {
        source: ['aws.cloudwatch'],
        detailType: ['CloudWatch Alarm State Change'],
        region: [...regions],
        // The forwarders' alarms only: their description starts the same way, and the event carries it
        // (https://docs.aws.amazon.com/AmazonCloudWatch/latest/monitoring/cloudwatch-and-eventbridge.html).
        detail: {
          state: { value: ['ALARM'] },
          configuration: {
            description: [{ prefix: forwardingAlarmDescriptionPrefix(Stack.of(this).region) }],
          },
        },
      },
    });
    const template = [
      'GuardDuty findings of <region> could not be forwarded to the home Region.',
      '',
      'Alarm : <alarm>',
      'State : <state>',
      'Reason: <reason>',
      '',
      'The findings are kept in the dead-letter queue of the forwarder in <region>, and in the S3 archive.',
    ].join('\n');
    const paths = {
      region: '$.region',
      alarm: '$.detail.alarmName',
      state: '$.detail.state.value',
      reason: '$.detail.state.reason',
    };
    const targets: Record<string, RouteTargetMetadata> = {};
    for (const topic of this.alarmTopics.slice(0, 5)) {
      const channel = this.alarmChannels.get(topic)!;
      rule.addTarget(
        channelTarget(targets, { channel: channel.channelName, type: channel.channelType }, (boundRule) => {
          topic.allowPublishFromRule(boundRule);
          return {
            arn: topic.topic.topicArn,
            input: new TemplateInput(paths, template),
            ...deadLetterTargetConfig(this.deadLetterQueue, this.retry),
          };
        }),
      );
    }
    addRouteMetadata(rule, { route: 'forwarding-failures', targets });
    return rule;
  }
}

/**
 * The Regions whose forwarders report to `homeRegion`: each once, and never the home Region itself, whose findings
 * arrive on its own bus (a forwarder there would send them to itself). A home Region that is a token is not compared.
 */
export function forwardedRegionsProblems(regions: string[], homeRegion: string, field: string): string[] {
  const problems: string[] = [];
  const repeated = regions.filter((r, i) => regions.indexOf(r) !== i);
  for (const region of new Set(repeated)) {
    problems.push(`${field} lists ${show(region)} more than once. List each Region once.`);
  }
  if (!Token.isUnresolved(homeRegion) && regions.includes(homeRegion)) {
    problems.push(
      `${field} lists ${show(homeRegion)}, the Region of this stack (the home Region), whose findings arrive here ` +
        `directly. Remove ${show(homeRegion)} from ${field}: list only the other Regions.`,
    );
  }
  return problems;
}
