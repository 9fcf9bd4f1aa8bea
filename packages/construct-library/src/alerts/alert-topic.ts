import { Annotations, Lazy, RemovalPolicy, Stack, Token } from 'aws-cdk-lib';
import * as cloudwatch from 'aws-cdk-lib/aws-cloudwatch';
import * as events from 'aws-cdk-lib/aws-events';
import * as iam from 'aws-cdk-lib/aws-iam';
import * as kms from 'aws-cdk-lib/aws-kms';
import * as sns from 'aws-cdk-lib/aws-sns';
import * as subscriptions from 'aws-cdk-lib/aws-sns-subscriptions';
import { Construct } from 'constructs';
import { checkPolicyQuotas } from '../private/policy-quotas';
import { show, ValidationError } from '../private/validation-error';

/** Properties of an {@link AlertTopic}. */
export interface AlertTopicProps {
  /**
   * E-mail addresses to subscribe. Each recipient must confirm the subscription from the e-mail SNS sends.
   *
   * @default - no subscriptions
   */
  readonly emailAddresses?: string[];

  /**
   * The display name of the topic, shown as the sender of SNS e-mails.
   *
   * @default 'GuardDuty findings'
   */
  readonly displayName?: string;

  /**
   * The customer managed key that encrypts the topic. EventBridge and CloudWatch are allowed to use it for this
   * topic's deliveries (an imported key's policy cannot be changed from here: a warning lists what to add).
   *
   * @default - a new key with yearly rotation
   */
  readonly encryptionKey?: kms.IKey;

  /**
   * What happens to the key created here when it leaves the stack or the stack is deleted.
   *
   * @default RemovalPolicy.RETAIN
   */
  readonly keyRemovalPolicy?: RemovalPolicy;
}

const EMAIL =
  /^[^@\s"(),:;<>[\\\]]+@[A-Za-z0-9](?:[A-Za-z0-9-]*[A-Za-z0-9])?(?:\.[A-Za-z0-9](?:[A-Za-z0-9-]*[A-Za-z0-9])?)+$/;

/** Whether a string looks like an e-mail address SNS accepts. */
export function isEmailAddress(value: string): boolean {
  return EMAIL.test(value);
}

/**
 * An SNS topic for alerts, encrypted with its own customer managed KMS key that EventBridge and CloudWatch can use
 * (the AWS managed `aws/sns` key cannot be shared with them, and deliveries would be dropped silently).
 *
 * The topic policy denies publishing without TLS and lets EventBridge publish only from the rules passed to
 * `allowPublishFromRule`, and CloudWatch only from the alarms passed to `allowPublishFromAlarm`.
 */
export class AlertTopic extends Construct {
  /**
   * Whether a string looks like an e-mail address that SNS accepts for an e-mail subscription.
   *
   * @param value the address
   */
  public static isEmailAddress(value: string): boolean {
    return isEmailAddress(value);
  }

  /** The topic. */
  public readonly topic: sns.Topic;
  /** The key that encrypts the topic. */
  public readonly encryptionKey: kms.IKey;

  private readonly ruleArns: string[] = [];
  private readonly alarmArns: string[] = [];

  constructor(scope: Construct, id: string, props: AlertTopicProps = {}) {
    super(scope, id);
    checkPolicyQuotas(
      this,
      'Each EventBridge rule allowed to publish adds its ARN to the topic policy (FindingAlerts creates one rule per ' +
        'route and severity level): let fewer rules publish to this topic, for example with fewer routes or fewer ' +
        'severity levels per route, or spread the routes over channels with topics of their own.',
    );
    const bad = (props.emailAddresses ?? []).filter((a) => !Token.isUnresolved(a) && !isEmailAddress(a));
    if (bad.length > 0) {
      throw new ValidationError(
        `emailAddresses has ${bad.map(show).join(', ')}, which ${bad.length > 1 ? 'are not e-mail addresses' : 'is not an e-mail address'}. ` +
          'Give addresses such as security@example.com, or remove them.',
        this,
      );
    }
    this.encryptionKey =
      props.encryptionKey ??
      new kms.Key(this, 'Key', {
        description: 'Encrypts GuardDuty alert messages',
        enableKeyRotation: true,
        removalPolicy: props.keyRemovalPolicy ?? RemovalPolicy.RETAIN,
      });
    this.topic = new sns.Topic(this, 'Topic', {
      displayName: props.displayName ?? 'GuardDuty findings',
      masterKey: this.encryptionKey,
      enforceSSL: true,
    });
    for (const address of props.emailAddresses ?? []) {
      this.topic.addSubscription(new subscriptions.EmailSubscription(address));
    }
  }

  /**
   * Lets an EventBridge rule publish to the topic: `sns:Publish` for `events.amazonaws.com` with `aws:SourceArn`
   * the rule's ARN, and use of the key. Rules added later join the same statement.
   */
  public allowPublishFromRule(rule: events.IRuleRef): void {
    if (this.ruleArns.length === 0) {
      this.allowService('events.amazonaws.com', 'AllowEventBridgeRules', this.ruleArns);
    }
    const arn = rule.ruleRef.ruleArn;
    if (!this.ruleArns.includes(arn)) this.ruleArns.push(arn);
  }

  /** Lets a CloudWatch alarm publish to the topic, scoped to the alarm's ARN, and adds it as an alarm action. */
  public notifyOnAlarm(alarm: cloudwatch.Alarm): void {
    if (this.alarmArns.length === 0) {
      this.allowService('cloudwatch.amazonaws.com', 'AllowCloudWatchAlarms', this.alarmArns);
    }
    this.alarmArns.push(alarm.alarmArn);
    alarm.addAlarmAction({ bind: () => ({ alarmActionArn: this.topic.topicArn }) });
  }

  private allowService(service: string, sid: string, sourceArns: string[]): void {
    const principal = new iam.ServicePrincipal(service);
    this.topic.addToResourcePolicy(
      new iam.PolicyStatement({
        sid,
        principals: [principal],
        actions: ['sns:Publish'],
        resources: [this.topic.topicArn],
        conditions: {
          StringEquals: { 'aws:SourceAccount': Stack.of(this).account },
          ArnEquals: { 'aws:SourceArn': Lazy.list({ produce: () => sourceArns }) },
        },
      }),
    );
    allowServiceToUseKey(this.encryptionKey, service, `${sid}ToUseTheKey`);
  }
}

/**
 * Lets an AWS service encrypt messages with a key, as SNS and SQS ask it to when it delivers to an encrypted topic
 * or queue. Added once per key and service. Conditions on aws:SourceArn or aws:SourceAccount are not supported here
 * for EventBridge and would drop every delivery silently, so there are none.
 */
export function allowServiceToUseKey(key: kms.IKey, service: string, sid: string): void {
  // Which services already have the statement is kept in the construct tree, as a marker under the key.
  const marker = `AllowedService${service.replace(/[^A-Za-z0-9]/g, '')}`;
  if (key.node.tryFindChild(marker)) return;
  new Construct(key, marker);
  const added = key.addToResourcePolicy(
    new iam.PolicyStatement({
      sid,
      principals: [new iam.ServicePrincipal(service)],
      actions: ['kms:Decrypt', 'kms:GenerateDataKey*'],
      resources: ['*'],
    }),
  ).statementAdded;
  if (!added) {
    Annotations.of(key).addWarningV2(
      'cdk-guardduty-threat-detection:importedAlertKey',
      `The alert key is imported, so its policy cannot be changed here. Allow ${service} kms:Decrypt and ` +
        'kms:GenerateDataKey* on it, or deliveries to the encrypted topic or queue are dropped.',
    );
  }
}
