import { ArnFormat, Stack, Token } from 'aws-cdk-lib';
import type * as cloudwatch from 'aws-cdk-lib/aws-cloudwatch';
import * as events from 'aws-cdk-lib/aws-events';
import * as targets from 'aws-cdk-lib/aws-events-targets';
import * as iam from 'aws-cdk-lib/aws-iam';
import type * as sqs from 'aws-cdk-lib/aws-sqs';
import { Construct } from 'constructs';
import { addRouteMetadata } from '../alerts/route-metadata';
import { deadLetterQueueWithAlarm, deadLetterTargetConfig } from '../private/dead-letter-queue';
import { acknowledgeRules } from '../private/nag';
import { checkPolicyQuotas } from '../private/policy-quotas';
import { show, ValidationError } from '../private/validation-error';
import { isKnownRegion } from './region-facts';

/** Properties of a {@link FindingForwarder}. */
export interface FindingForwarderProps {
  /** The home Region, whose default event bus receives the findings. Must differ from this stack's Region. */
  readonly homeRegion: string;

  /**
   * The construct path or artifact ID of the home Region's stack, recorded on the rule so that the `preview` command
   * can follow the forwarding.
   *
   * @default - not recorded
   */
  readonly homeStackId?: string;
}

/**
 * How the description of every forwarder's alarm starts, for the alarms of forwarders that report to `homeRegion`:
 * the home Region's forwarding-failure rule matches these alarms only (`detail.configuration.description` of the
 * CloudWatch alarm state change event), not every alarm of the forwarded Regions whose events reach its bus.
 */
export function forwardingAlarmDescriptionPrefix(homeRegion: string): string {
  return `GuardDuty findings could not be forwarded to ${homeRegion}`;
}

/**
 * Sends every GuardDuty finding of this Region to the home Region's default event bus, where the alert routes live,
 * so that one set of channels receives the findings of all Regions. The event is forwarded unchanged: it still
 * names the Region it came from.
 *
 * EventBridge delivers across Regions with a role that may only put events on the home bus. Failed deliveries are
 * retried with EventBridge's default policy for event-bus targets (24 hours), then kept in an encrypted dead-letter queue in this Region; the queue's alarm state changes are forwarded
 * to the home Region too, where `FindingAlerts.notifyOnForwardingFailures` turns them into alerts.
 */
export class FindingForwarder extends Construct {
  /** The rule that forwards the findings. */
  public readonly rule: events.Rule;
  /** The rule that forwards the dead-letter queue's alarm state changes. */
  public readonly alarmRule: events.Rule;
  /** The role EventBridge assumes to put events on the home bus. */
  public readonly role: iam.Role;
  /** Findings that could not be forwarded after every retry. */
  public readonly deadLetterQueue: sqs.Queue;
  /** Goes off when a finding lands in the dead-letter queue. */
  public readonly deliveryFailureAlarm: cloudwatch.Alarm;

  constructor(scope: Construct, id: string, props: FindingForwarderProps) {
    super(scope, id);
    checkPolicyQuotas(this);
    const stack = Stack.of(this);
    if (Token.isUnresolved(props.homeRegion) || !isKnownRegion(props.homeRegion)) {
      throw new ValidationError(
        `homeRegion ${show(props.homeRegion)} is not a Region name such as ap-northeast-1.`,
        this,
      );
    }
    if (props.homeRegion === stack.region) {
      throw new ValidationError(
        `homeRegion ${props.homeRegion} is the Region of this stack; findings are forwarded from the other Regions only.`,
        this,
      );
    }
    const homeBusArn = stack.formatArn({
      service: 'events',
      region: props.homeRegion,
      resource: 'event-bus',
      resourceName: 'default',
      arnFormat: ArnFormat.SLASH_RESOURCE_NAME,
    });
    const homeBus = events.EventBus.fromEventBusArn(this, 'HomeBus', homeBusArn);

    this.role = new iam.Role(this, 'Role', {
      assumedBy: new iam.ServicePrincipal('events.amazonaws.com'),
      description: `Forwards GuardDuty findings to the default event bus of ${props.homeRegion}`,
    });
    new iam.ManagedPolicy(this, 'Policy', {
      description: `Put events on the default event bus of ${props.homeRegion} only`,
      roles: [this.role],
      statements: [new iam.PolicyStatement({ actions: ['events:PutEvents'], resources: [homeBusArn] })],
    });
    const failures = deadLetterQueueWithAlarm(this, {
      usedBy: 'the forwarding rules',
      alarmDescription: `${forwardingAlarmDescriptionPrefix(props.homeRegion)} after every retry. Inspect the dead-letter queue in this Region.`,
    });
    this.deadLetterQueue = failures.queue;
    this.deliveryFailureAlarm = failures.alarm;
    // The home bus, with EventBridge's default retry policy, and the dead-letter queue added here rather than through
    // the target's `deadLetterQueue` option, which would add a queue policy statement per rule.
    const toHomeBus = (): events.IRuleTarget => ({
      bind: (rule) => ({
        ...new targets.EventBus(homeBus, { role: this.role.withoutPolicyUpdates() }).bind(rule),
        ...deadLetterTargetConfig(this.deadLetterQueue),
      }),
    });
    this.rule = new events.Rule(this, 'Rule', {
      description: `Forwards every GuardDuty finding of this Region to ${props.homeRegion}, where the alert routes are`,
      eventPattern: { source: ['aws.guardduty'], detailType: ['GuardDuty Finding'] },
      targets: [toHomeBus()],
    });

    acknowledgeRules(this.deliveryFailureAlarm.node.defaultChild, {
      'NIST.800.53.R5::NIST.800.53.R5-CloudWatchAlarmAction':
        "Alarm actions can notify only SNS topics in the alarm's own Region, and this stack has none. The " +
        'AlarmRule forwards the alarm state changes to the home Region instead, by the same route as the findings ' +
        '(the home bus, the same retries and dead-letter queue), where FindingAlerts.notifyOnForwardingFailures ' +
        'sends ALARM to the e-mail and chat topics (synth warns if there are none). A failure that stops every ' +
        "delivery to the home bus (the home Region unavailable, the role's permission removed) stops that notice " +
        'too: it then shows only in this Region, as the alarm state and the events in the dead-letter queue.',
    });
    this.alarmRule = new events.Rule(this, 'AlarmRule', {
      description: `Forwards the state changes of the forwarding alarm to ${props.homeRegion}`,
      eventPattern: {
        source: ['aws.cloudwatch'],
        detailType: ['CloudWatch Alarm State Change'],
        resources: [this.deliveryFailureAlarm.alarmArn],
      },
      targets: [toHomeBus()],
    });
    if (props.homeStackId) {
      for (const rule of [this.rule, this.alarmRule]) {
        addRouteMetadata(rule, { forwardTo: { stack: props.homeStackId } });
      }
    }
  }
}
