import { Stack } from 'aws-cdk-lib';
import { describe, expect, it } from 'vitest';
import { FindingForwarder } from '../../packages/construct-library/src/regions/finding-forwarder';
import { checkedStack, checkedTemplate } from '../helpers/checked-app';
import { onlyLogicalId, deadLetterQueueStatements, statementsOf } from '../helpers/template-values';

describe('FindingForwarder', () => {
  const stack = checkedStack('UsEast1', { env: { region: 'us-east-1' } });
  const forwarder = new FindingForwarder(stack, 'Forwarder', {
    homeRegion: 'ap-northeast-1',
    homeStackId: 'Home',
  });
  const template = checkedTemplate(stack);
  const resources = template.toJSON().Resources;
  const id = (c: { node: { defaultChild?: unknown } }) => stack.getLogicalId(c.node.defaultChild as never);
  const homeBus = {
    'Fn::Join': [
      '',
      [
        'arn:',
        { Ref: 'AWS::Partition' },
        ':events:ap-northeast-1:',
        { Ref: 'AWS::AccountId' },
        ':event-bus/default',
      ],
    ],
  };

  it('forwards every GuardDuty finding, unchanged, to the home Region default bus', () => {
    const rule = resources[id(forwarder.rule)].Properties;
    expect(rule.EventPattern).toEqual({ source: ['aws.guardduty'], 'detail-type': ['GuardDuty Finding'] });
    expect(rule.Targets).toEqual([
      {
        Id: 'Target0',
        Arn: homeBus,
        RoleArn: { 'Fn::GetAtt': [id(forwarder.role), 'Arn'] },
        DeadLetterConfig: { Arn: { 'Fn::GetAtt': [id(forwarder.deadLetterQueue), 'Arn'] } },
      },
    ]);
  });

  it('uses a role that may only put events on that bus, through a customer managed policy', () => {
    template.resourceCountIs('AWS::IAM::Policy', 0);
    expect(statementsOf(template, 'AWS::IAM::ManagedPolicy')).toEqual([
      { Effect: 'Allow', Action: 'events:PutEvents', Resource: homeBus },
    ]);
    template.hasResourceProperties('AWS::IAM::ManagedPolicy', { Roles: [{ Ref: id(forwarder.role) }] });
    template.hasResourceProperties('AWS::IAM::Role', {
      AssumeRolePolicyDocument: {
        Statement: [
          { Action: 'sts:AssumeRole', Effect: 'Allow', Principal: { Service: 'events.amazonaws.com' } },
        ],
        Version: '2012-10-17',
      },
    });
  });

  it('keeps undeliverable findings in an encrypted queue, alarms on it and forwards the alarm home', () => {
    template.hasResourceProperties('AWS::SQS::Queue', {
      SqsManagedSseEnabled: true,
      MessageRetentionPeriod: 1209600,
    });
    const alarmRule = resources[id(forwarder.alarmRule)].Properties;
    expect(alarmRule.EventPattern).toEqual({
      source: ['aws.cloudwatch'],
      'detail-type': ['CloudWatch Alarm State Change'],
      resources: [{ 'Fn::GetAtt': [id(forwarder.deliveryFailureAlarm), 'Arn'] }],
    });
    expect(alarmRule.Targets[0].Arn).toEqual(homeBus);
    expect(onlyLogicalId(template, 'AWS::CloudWatch::Alarm')).toBe(id(forwarder.deliveryFailureAlarm));
  });

  it('lets EventBridge rules of this account and Region, and only them, write to the dead-letter queue, in one statement', () => {
    const queue = id(forwarder.deadLetterQueue);
    const statements = statementsOf(template, 'AWS::SQS::QueuePolicy');
    expect(statements).toEqual(deadLetterQueueStatements(queue, 'us-east-1'));
    const alarmRule = resources[id(forwarder.alarmRule)].Properties;
    expect(alarmRule.Targets).toEqual([
      {
        Id: 'Target0',
        Arn: homeBus,
        RoleArn: { 'Fn::GetAtt': [id(forwarder.role), 'Arn'] },
        DeadLetterConfig: { Arn: { 'Fn::GetAtt': [queue, 'Arn'] } },
      },
    ]);
  });

  it('records the home stack for the preview', () => {
    for (const rule of [forwarder.rule, forwarder.alarmRule]) {
      expect(resources[id(rule)].Metadata['cdk-guardduty-threat-detection']).toEqual({
        forwardTo: { stack: 'Home' },
      });
    }
  });

  it('refuses to forward to its own Region, or to an unknown one', () => {
    const east = new Stack(undefined, 'S', { env: { region: 'us-east-1' } });
    expect(() => new FindingForwarder(east, 'A', { homeRegion: 'us-east-1' })).toThrow(
      'homeRegion us-east-1 is the Region of this stack; findings are forwarded from the other Regions only.',
    );
    expect(() => new FindingForwarder(east, 'B', { homeRegion: 'tokyo' })).toThrow(
      'homeRegion "tokyo" is not a Region name such as ap-northeast-1.',
    );
  });
});
