import { Annotations, CfnMapping, Duration, RemovalPolicy, Stack, Token } from 'aws-cdk-lib';
import type * as cloudwatch from 'aws-cdk-lib/aws-cloudwatch';
import * as events from 'aws-cdk-lib/aws-events';
import * as kms from 'aws-cdk-lib/aws-kms';
import type * as sqs from 'aws-cdk-lib/aws-sqs';
import { Construct } from 'constructs';
import { deadLetterQueueWithAlarm, deadLetterTargetConfig } from '../private/dead-letter-queue';
import { acknowledgeRules } from '../private/nag';
import { checkPolicyQuotas } from '../private/policy-quotas';
import { checkTemplateQuotas } from '../private/template-quotas';
import { show, ValidationError } from '../private/validation-error';
import { AlertRoute, routeEventPattern, routeSeverity, validateRoute } from './alert-route';
import { allowServiceToUseKey, AlertTopic } from './alert-topic';
import { AlertTargetOptions, IAlertChannel, IBoundAlertChannel } from './channels/alert-channel';
import { EmailChannel } from './channels/email-channel';
import { TemplateInput } from './channels/template-input';
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

  private readonly eventBus?: events.IEventBus;
  private readonly alarmChannels = new Map<AlertTopic, IAlertChannel>();

  constructor(scope: Construct, id: string, props: FindingAlertsProps = {}) {
    super(scope, id);
    const retryAttempts = props.retryAttempts ?? 185;
    const maxEventAge = props.maxEventAge ?? Duration.hours(24);
    this.routes = routesOf(props);
    validateAlerts(this.routes, retryAttempts, maxEventAge);
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
        channels.forEach(({ bound: channel }) =>
          rule.addTarget({
            bind: (boundRule) => ({
              ...channel.targetFor(boundRule, band.label, targetOptions),
              ...deadLetterTargetConfig(this.deadLetterQueue, { retryAttempts, maxEventAge }),
            }),
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
          'These alerts create no topic of their own (their channels are webhooks or existing SNS topics), so the ' +
          'alarm has no topic to notify; its state is visible in CloudWatch.',
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
    const problems = forwardedRegionsProblems(regions, Stack.of(this).region, 'regions');
    if (problems.length > 0) throw new ValidationError(problems.join('\n'));
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
        detail: { state: { value: ['ALARM'] } },
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
    this.alarmTopics.slice(0, 5).forEach((topic) =>
      rule.addTarget({
        bind: (boundRule) => {
          topic.allowPublishFromRule(boundRule);
          return {
            arn: topic.topic.topicArn,
            input: new TemplateInput(paths, template),
            ...deadLetterTargetConfig(this.deadLetterQueue),
          };
        },
      }),
    );
    (rule.node.defaultChild as events.CfnRule).addMetadata(ROUTE_METADATA_KEY, {
      route: 'forwarding-failures',
      targets: Object.fromEntries(
        this.alarmTopics.slice(0, 5).map((t, i) => {
          const channel = this.alarmChannels.get(t)!;
          return [`Target${i}`, { channel: channel.channelName, type: channel.channelType }];
        }),
      ),
    });
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
