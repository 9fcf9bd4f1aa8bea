import { Duration, Stack } from 'aws-cdk-lib';
import { Annotations, Match, Template } from 'aws-cdk-lib/assertions';
import type * as cloudwatch from 'aws-cdk-lib/aws-cloudwatch';
import type * as events from 'aws-cdk-lib/aws-events';
import { describe, expect, it } from 'vitest';
import { matchesEventPattern } from '../../cli/preview/event-pattern-matcher';
import {
  EmailChannel,
  FindingAlerts,
  FindingForwarder,
  FindingSeverity,
  MessageLanguage,
} from '../../packages/construct-library/src';
import { checkedStack, checkedTemplate } from '../helpers/checked-app';
import { onlyLogicalId, deadLetterQueueStatements, statementsOf } from '../helpers/template-values';

function alerts(props: ConstructorParameters<typeof FindingAlerts>[2] = {}) {
  const stack = checkedStack();
  const construct = new FindingAlerts(stack, 'Alerts', { emailAddresses: ['soc@example.com'], ...props });
  const template = checkedTemplate(stack);
  const id = (c: { node: { defaultChild?: unknown } }) => stack.getLogicalId(c.node.defaultChild as never);
  return {
    construct,
    template,
    ids: {
      topic: id(construct.alarmTopics[0].topic),
      key: id(construct.encryptionKey),
      queue: id(construct.deadLetterQueue),
      alarm: id(construct.deliveryFailureAlarm),
      rules: construct.rules.map(id),
    },
  };
}

const patternsOf = (template: Template) =>
  Object.values(template.findResources('AWS::Events::Rule')).map((r) => r.Properties.EventPattern);

describe('FindingAlerts', () => {
  describe('defaults', () => {
    const { template, ids } = alerts();

    it('has no Lambda function on the delivery path', () => {
      template.resourceCountIs('AWS::Lambda::Function', 0);
    });

    it('encrypts the topic with its own rotated customer managed key', () => {
      template.hasResourceProperties('AWS::SNS::Topic', {
        KmsMasterKeyId: { 'Fn::GetAtt': [ids.key, 'Arn'] },
      });
      template.hasResourceProperties('AWS::KMS::Key', { EnableKeyRotation: true });
    });

    it('subscribes the e-mail addresses', () => {
      template.hasResourceProperties('AWS::SNS::Subscription', {
        Protocol: 'email',
        Endpoint: 'soc@example.com',
        TopicArn: { Ref: ids.topic },
      });
    });

    it('matches High and Critical with numeric ranges, one rule per level, leaving out samples and archived findings', () => {
      const service = {
        archived: [false],
        additionalInfo: { $or: [{ sample: [{ exists: false }] }, { sample: [false] }] },
      };
      expect(patternsOf(template)).toEqual([
        {
          source: ['aws.guardduty'],
          'detail-type': ['GuardDuty Finding'],
          detail: { severity: [{ numeric: ['>=', 7, '<', 9] }], service },
        },
        {
          source: ['aws.guardduty'],
          'detail-type': ['GuardDuty Finding'],
          detail: { severity: [{ numeric: ['>=', 9] }], service },
        },
      ]);
    });

    it('names the route and channel of every target in the rule metadata, for the preview', () => {
      const metadata = ids.rules.map(
        (r) => template.toJSON().Resources[r].Metadata['cdk-guardduty-threat-detection'],
      );
      expect(metadata).toEqual([
        {
          route: 'default',
          severityLabel: 'HIGH',
          targets: { Target0: { channel: 'email', type: 'email' } },
        },
        {
          route: 'default',
          severityLabel: 'CRITICAL',
          targets: { Target0: { channel: 'email', type: 'email' } },
        },
      ]);
    });

    it('delivers through an input transformer with a plain-text template naming the level', () => {
      const targets = ids.rules.map((r) => template.toJSON().Resources[r].Properties.Targets);
      expect(targets.map((t) => t.length)).toEqual([1, 1]);
      const [high, critical] = targets.map((t) => t[0]);
      for (const target of [high, critical]) {
        expect(target).toMatchObject({
          Arn: { Ref: ids.topic },
          DeadLetterConfig: { Arn: { 'Fn::GetAtt': [ids.queue, 'Arn'] } },
          RetryPolicy: { MaximumRetryAttempts: 185, MaximumEventAgeInSeconds: 86400 },
          InputTransformer: {
            InputPathsMap: expect.objectContaining({ severity: '$.detail.severity', id: '$.detail.id' }),
          },
        });
      }
      expect(high.InputTransformer.InputTemplate['Fn::Join'][1][0]).toMatch(
        /^GuardDuty finding: HIGH severity \(<severity>\)\n<title>\n/,
      );
      expect(critical.InputTransformer.InputTemplate['Fn::Join'][1][0]).toMatch(
        /^GuardDuty finding: CRITICAL severity/,
      );
    });

    it('links to the console of the partition it is deployed in, decided at deploy time', () => {
      const target = template.toJSON().Resources[ids.rules[0]].Properties.Targets[0];
      const [, parts] = target.InputTransformer.InputTemplate['Fn::Join'];
      expect(parts[1]).toEqual({
        'Fn::FindInMap': [expect.any(String), { Ref: 'AWS::Partition' }, 'domain'],
      });
      expect(parts[0]).toMatch(/\nhttps:\/\/$/);
      expect(parts[2]).toBe('/guardduty/home?region=<region>#/findings?macros=current&fId=<id>');
      const mapping = template.toJSON().Mappings[parts[1]['Fn::FindInMap'][0]];
      expect(mapping).toEqual({
        aws: { domain: '<region>.console.aws.amazon.com' },
        'aws-cn': { domain: 'console.amazonaws.cn' },
        'aws-us-gov': { domain: 'console.amazonaws-us-gov.com' },
      });
    });

    it('lets EventBridge publish only from these rules, CloudWatch only from this alarm, and nobody without TLS', () => {
      expect(statementsOf(template, 'AWS::SNS::TopicPolicy')).toEqual([
        {
          Sid: 'AllowPublishThroughSSLOnly',
          Effect: 'Deny',
          Principal: '*',
          Action: 'sns:Publish',
          Resource: { Ref: ids.topic },
          Condition: { Bool: { 'aws:SecureTransport': 'false' } },
        },
        {
          Sid: 'AllowEventBridgeRules',
          Effect: 'Allow',
          Principal: { Service: 'events.amazonaws.com' },
          Action: 'sns:Publish',
          Resource: { Ref: ids.topic },
          Condition: {
            StringEquals: { 'aws:SourceAccount': { Ref: 'AWS::AccountId' } },
            ArnEquals: { 'aws:SourceArn': ids.rules.map((r) => ({ 'Fn::GetAtt': [r, 'Arn'] })) },
          },
        },
        {
          Sid: 'AllowCloudWatchAlarms',
          Effect: 'Allow',
          Principal: { Service: 'cloudwatch.amazonaws.com' },
          Action: 'sns:Publish',
          Resource: { Ref: ids.topic },
          Condition: {
            StringEquals: { 'aws:SourceAccount': { Ref: 'AWS::AccountId' } },
            ArnEquals: { 'aws:SourceArn': [{ 'Fn::GetAtt': [ids.alarm, 'Arn'] }] },
          },
        },
      ]);
    });

    it('lets EventBridge and CloudWatch use the key, without the source conditions that would drop deliveries', () => {
      const statements = statementsOf(template, 'AWS::KMS::Key');
      expect(statements.slice(1)).toEqual([
        {
          Sid: 'AllowEventBridgeToUseTheKey',
          Effect: 'Allow',
          Principal: { Service: 'events.amazonaws.com' },
          Action: ['kms:Decrypt', 'kms:GenerateDataKey*'],
          Resource: '*',
        },
        {
          Sid: 'AllowCloudWatchAlarmsToUseTheKey',
          Effect: 'Allow',
          Principal: { Service: 'cloudwatch.amazonaws.com' },
          Action: ['kms:Decrypt', 'kms:GenerateDataKey*'],
          Resource: '*',
        },
      ]);
      expect(statements[0]).toMatchObject({ Action: 'kms:*', Principal: { AWS: expect.anything() } });
    });

    it('keeps undeliverable events in an encrypted dead-letter queue that only EventBridge rules of this account and Region can write to, with one statement', () => {
      template.hasResourceProperties('AWS::SQS::Queue', {
        KmsMasterKeyId: { 'Fn::GetAtt': [ids.key, 'Arn'] },
        MessageRetentionPeriod: 1209600,
      });
      const statements = statementsOf(template, 'AWS::SQS::QueuePolicy');
      expect(statements).toEqual(deadLetterQueueStatements(ids.queue));
    });

    it('sends every target to the dead-letter queue, with the retry policy, and no aws-events-targets statement per rule', () => {
      for (const rule of ids.rules) {
        expect(template.toJSON().Resources[rule].Properties.Targets).toEqual([
          expect.objectContaining({
            DeadLetterConfig: { Arn: { 'Fn::GetAtt': [ids.queue, 'Arn'] } },
            RetryPolicy: { MaximumRetryAttempts: 185, MaximumEventAgeInSeconds: 86400 },
          }),
        ]);
      }
      expect(JSON.stringify(statementsOf(template, 'AWS::SQS::QueuePolicy'))).not.toContain('AllowEventRule');
    });

    it('raises an alarm to the same topic as soon as one event is in the dead-letter queue', () => {
      template.hasResourceProperties('AWS::CloudWatch::Alarm', {
        Namespace: 'AWS/SQS',
        MetricName: 'ApproximateNumberOfMessagesVisible',
        Dimensions: [{ Name: 'QueueName', Value: { 'Fn::GetAtt': [ids.queue, 'QueueName'] } }],
        Threshold: 1,
        ComparisonOperator: 'GreaterThanOrEqualToThreshold',
        TreatMissingData: 'notBreaching',
        AlarmActions: [{ Ref: ids.topic }],
      });
    });

    it('retains the alert key', () => {
      template.hasResource('AWS::KMS::Key', { DeletionPolicy: 'Retain' });
    });
  });

  it('delivers every level from a lower minimum, the first one clipped', () => {
    const { template } = alerts({ minimumSeverity: FindingSeverity.of(5) });
    expect(patternsOf(template).map((p) => p.detail.severity[0].numeric)).toEqual([
      ['>=', 5, '<', 7],
      ['>=', 7, '<', 9],
      ['>=', 9],
    ]);
  });

  it('writes Japanese e-mails when asked', () => {
    const { template, ids } = alerts({
      minimumSeverity: FindingSeverity.CRITICAL,
      language: MessageLanguage.JAPANESE,
    });
    const target = template.toJSON().Resources[ids.rules[0]].Properties.Targets[0];
    expect(target.InputTransformer.InputTemplate['Fn::Join'][1][0]).toMatch(
      /^GuardDuty 検出結果: 重要度「重大」\(CRITICAL、<severity>\)/,
    );
  });

  it('uses the retry settings given', () => {
    const { template } = alerts({ retryAttempts: 10, maxEventAge: Duration.hours(2) });
    template.hasResourceProperties('AWS::Events::Rule', {
      Targets: [
        Match.objectLike({ RetryPolicy: { MaximumRetryAttempts: 10, MaximumEventAgeInSeconds: 7200 } }),
      ],
    });
  });

  it('creates no subscription without addresses', () => {
    const stack = checkedStack();
    new FindingAlerts(stack, 'Alerts');
    checkedTemplate(stack).resourceCountIs('AWS::SNS::Subscription', 0);
  });

  describe('a default route without subscribers', () => {
    const warningsOf = (props: ConstructorParameters<typeof FindingAlerts>[2]) => {
      const stack = new Stack();
      new FindingAlerts(stack, 'A', props);
      return Annotations.fromStack(stack)
        .findWarning('*', Match.anyValue())
        .map((w) => String(w.entry.data));
    };

    it('is warned about at synth: its alerts reach nobody until someone subscribes', () => {
      expect(warningsOf({}).filter((w) => w.includes('has no e-mail address'))).toHaveLength(1);
      expect(warningsOf({ emailAddresses: [] }).filter((w) => w.includes('reach nobody'))).toHaveLength(1);
    });

    it('is not warned about with an address, nor for routes of the user', () => {
      expect(
        warningsOf({ emailAddresses: ['soc@example.com'] }).filter((w) => w.includes('reach nobody')),
      ).toEqual([]);
      expect(
        warningsOf({ routes: [{ name: 'r', channels: [new EmailChannel({ name: 'soc' })] }] }).filter((w) =>
          w.includes('reach nobody'),
        ),
      ).toEqual([]);
    });
  });

  describe('forwarding failures', () => {
    /** A CloudWatch alarm state change from us-east-1, as a forwarder's AlarmRule sends it to the home bus. */
    const alarmEvent = (description: string) => ({
      source: 'aws.cloudwatch',
      'detail-type': 'CloudWatch Alarm State Change',
      region: 'us-east-1',
      detail: { alarmName: 'any', state: { value: 'ALARM' }, configuration: { description } },
    });

    it("alert on the forwarders' alarms only, not on another alarm of the forwarded Region", () => {
      const stack = new Stack(undefined, 'Home', { env: { region: 'eu-west-1' } });
      const alerts = new FindingAlerts(stack, 'A', { emailAddresses: ['soc@example.com'] });
      const rule = alerts.notifyOnForwardingFailures(['us-east-1'])!;
      const pattern = stack.resolve((rule.node.defaultChild as events.CfnRule).eventPattern);
      const forwarder = new Stack(undefined, 'Member', { env: { region: 'us-east-1' } });
      const { deliveryFailureAlarm } = new FindingForwarder(forwarder, 'F', { homeRegion: 'eu-west-1' });
      const description = forwarder.resolve(
        (deliveryFailureAlarm.node.defaultChild as cloudwatch.CfnAlarm).alarmDescription,
      ) as string;
      expect(matchesEventPattern(pattern, alarmEvent(description))).toBe(true);
      expect(matchesEventPattern(pattern, alarmEvent('CPU utilization is too high'))).toBe(false);
    });
  });

  describe('bad input', () => {
    it('rejects addresses that are not e-mail addresses, naming each', () => {
      expect(
        () => new FindingAlerts(new Stack(), 'A', { emailAddresses: ['ok@example.com', 'soc', 'a@b'] }),
      ).toThrow(
        'emailAddresses has "soc", "a@b", which are not e-mail addresses. Give addresses such as security@example.com, or remove them.',
      );
    });

    it('rejects forwarding failures of its own Region or of a Region twice', () => {
      const stack = new Stack(undefined, 'Home', { env: { region: 'eu-west-1' } });
      const construct = new FindingAlerts(stack, 'A', { emailAddresses: ['soc@example.com'] });
      expect(() => construct.notifyOnForwardingFailures(['eu-west-1'])).toThrow(
        'regions lists "eu-west-1", the Region of this stack (the home Region), whose findings arrive here directly.',
      );
      expect(() => construct.notifyOnForwardingFailures(['us-east-1', 'us-east-1'])).toThrow(
        'regions lists "us-east-1" more than once. List each Region once.',
      );
      expect(construct.notifyOnForwardingFailures(['us-east-1'])).toBeDefined();
    });

    it.each([-1, 186, 2.5])('rejects %d retry attempts', (retryAttempts) => {
      expect(() => new FindingAlerts(new Stack(), 'A', { retryAttempts })).toThrow(
        `retryAttempts ${retryAttempts} is invalid: EventBridge allows a whole number from 0 to 185.`,
      );
    });

    it.each([Duration.seconds(30), Duration.hours(25)])(
      'rejects a maximum event age of %s',
      (maxEventAge) => {
        expect(() => new FindingAlerts(new Stack(), 'A', { maxEventAge })).toThrow(
          /maxEventAge .* is invalid: EventBridge keeps retrying for 1 minute to 24 hours/,
        );
      },
    );
  });

  it('names one rule per level it creates', () => {
    const { construct, template } = alerts({ minimumSeverity: FindingSeverity.MEDIUM });
    expect(construct.rules.map((r) => r.node.id)).toEqual([
      'defaultMedium',
      'defaultHigh',
      'defaultCritical',
    ]);
    expect(onlyLogicalId(template, 'AWS::SNS::Topic')).toBeTruthy();
  });
});
