import { App, Stack } from 'aws-cdk-lib';
import * as events from 'aws-cdk-lib/aws-events';
import * as iam from 'aws-cdk-lib/aws-iam';
import * as sqs from 'aws-cdk-lib/aws-sqs';
import { RegionInfo } from 'aws-cdk-lib/region-info';
import { Construct } from 'constructs';
import { describe, expect, it } from 'vitest';
import { AlertTopic } from '../../packages/construct-library/src';
import {
  checkPolicyQuotas,
  MAX_LENGTHS,
  measurePolicy,
  POLICY_QUOTAS,
  policyQuotaViolation,
  quotaExcesses,
  widestValue,
} from '../../packages/construct-library/src/private/policy-quotas';

const x = (n: number) => 'x'.repeat(n);

describe('MAX_LENGTHS', () => {
  it('takes the longest Region and partition CDK knows', () => {
    const longestRegion = Math.max(...RegionInfo.regions.map((r) => r.name.length));
    expect(MAX_LENGTHS.region).toBe(Math.max(longestRegion, 'ap-southeast-7'.length));
    expect(MAX_LENGTHS.region).toBeGreaterThanOrEqual(15); // us-isof-south-1
    expect(MAX_LENGTHS.partition).toBe('aws-us-gov'.length);
    expect(MAX_LENGTHS.account).toBe(12);
  });
});

describe('widestValue', () => {
  it('replaces pseudo parameters by their longest values', () => {
    expect(
      widestValue([
        { Ref: 'AWS::AccountId' },
        { Ref: 'AWS::Region' },
        { Ref: 'AWS::Partition' },
        { Ref: 'AWS::URLSuffix' },
      ]),
    ).toEqual([x(12), x(MAX_LENGTHS.region), x(10), x(16)]);
  });

  it('joins, keeping the literal parts', () => {
    expect(
      widestValue({
        'Fn::Join': ['', ['arn:', { Ref: 'AWS::Partition' }, ':events:', { Ref: 'AWS::Region' }, ':rule/*']],
      }),
    ).toBe(`arn:${x(10)}:events:${x(MAX_LENGTHS.region)}:rule/*`);
    expect(widestValue({ 'Fn::Join': ['/', ['a', 'b', 'c']] })).toBe('a/b/c');
  });

  it('sizes Ref and Fn::GetAtt by resource type, a generic ARN otherwise', () => {
    const context = { resourceTypes: { Rule: 'AWS::Events::Rule', Detector: 'AWS::GuardDuty::Detector' } };
    expect(widestValue({ 'Fn::GetAtt': ['Rule', 'Arn'] }, context)).toBe(x(130));
    expect(widestValue({ 'Fn::GetAtt': 'Rule.Arn' }, context)).toBe(x(130));
    expect(widestValue({ Ref: 'Detector' }, context)).toBe(x(32));
    expect(widestValue({ 'Fn::GetAtt': ['Queue', 'Arn'] }, context)).toBe(x(256));
    expect(widestValue({ Ref: 'SomeParameter' }, context)).toBe(x(256));
    expect(widestValue({ 'Fn::ImportValue': 'Export' }, context)).toBe(x(256));
    expect(
      widestValue({ 'Fn::GetAtt': ['Rule', 'Arn'] }, { ...context, attributeLengths: { 'Rule.Arn': 400 } }),
    ).toBe(x(400));
  });

  it('substitutes Fn::Sub variables, references and attributes, and keeps ${!Literal}', () => {
    const context = { resourceTypes: { Rule: 'AWS::Events::Rule' } };
    expect(
      widestValue(
        { 'Fn::Sub': ['${AWS::Region}/${Rule.Arn}/${Name}/${!Literal}/${Other}', { Name: 'abc' }] },
        context,
      ),
    ).toBe(`${x(MAX_LENGTHS.region)}/${x(130)}/abc/\${Literal}/${x(256)}`);
    expect(widestValue({ 'Fn::Sub': 'arn:${AWS::Partition}:s3:::b' })).toBe(`arn:${x(10)}:s3:::b`);
  });

  it('takes the wider branch of Fn::If and drops AWS::NoValue', () => {
    expect(widestValue({ 'Fn::If': ['C', 'short', { Ref: 'AWS::StackName' }] })).toBe(x(128));
    expect(widestValue({ 'Fn::If': ['C', 'abcdef', { Ref: 'AWS::NoValue' }] })).toBe('abcdef');
    expect(widestValue({ a: { Ref: 'AWS::NoValue' }, b: 1 })).toEqual({ b: 1 });
    expect(widestValue(['a', { Ref: 'AWS::NoValue' }])).toEqual(['a']);
  });

  it('selects, splits and looks up mappings', () => {
    expect(widestValue({ 'Fn::Select': [1, ['a', 'bb', 'ccc']] })).toBe('bb');
    expect(widestValue({ 'Fn::Select': [{ Ref: 'P' }, ['a', 'bb', 'ccc']] })).toBe('ccc');
    expect(widestValue({ 'Fn::Split': [',', 'a,b'] })).toEqual(['a', 'b']);
    expect(widestValue({ 'Fn::Split': [',', { Ref: 'AWS::Region' }] })).toEqual([x(MAX_LENGTHS.region)]);
    const mappings = {
      Domains: {
        aws: { domain: 'console.aws.amazon.com' },
        'aws-us-gov': { domain: 'console.amazonaws-us-gov.com' },
      },
    };
    expect(widestValue({ 'Fn::FindInMap': ['Domains', 'aws', 'domain'] }, { mappings })).toBe(
      'console.aws.amazon.com',
    );
    expect(
      widestValue({ 'Fn::FindInMap': ['Domains', { Ref: 'AWS::Partition' }, 'domain'] }, { mappings }),
    ).toBe('console.amazonaws-us-gov.com');
    expect(widestValue({ 'Fn::FindInMap': ['Unknown', 'a', 'b'] }, { mappings })).toBe(x(256));
  });
});

describe('measurePolicy', () => {
  const literal = {
    Version: '2012-10-17',
    Statement: [
      {
        Effect: 'Allow',
        Principal: {
          AWS: ['arn:aws:iam::111122223333:root', 'arn:aws:iam::444455556666:root'],
          Service: 's',
        },
        Action: ['sqs:SendMessage', 'sqs:ReceiveMessage', 'sqs:DeleteMessage'],
        Resource: '*',
        Condition: {
          StringEquals: { 'aws:SourceAccount': '1', 'aws:PrincipalOrgID': 'o-1' },
          Bool: { b: 'é' },
        },
      },
      { Effect: 'Deny', Principal: '*', NotAction: 'sqs:*', Resource: '*' },
    ],
  };

  it('counts the minified JSON in UTF-8 bytes, statements, condition keys, principals and actions', () => {
    expect(measurePolicy(literal)).toEqual({
      bytes: JSON.stringify(literal).length + 1, // é is two bytes
      statements: 2,
      conditions: 3,
      principals: 4,
      actionsPerStatement: 3,
    });
  });

  it('takes a single statement object as one statement, and an intrinsic at its widest', () => {
    const document = {
      Statement: { Effect: 'Allow', Action: 'sns:Publish', Resource: { Ref: 'Topic' } },
    };
    expect(measurePolicy(document)).toMatchObject({ statements: 1, principals: 0, actionsPerStatement: 1 });
    expect(measurePolicy(document).bytes).toBe(
      JSON.stringify({ Statement: { Effect: 'Allow', Action: 'sns:Publish', Resource: x(256) } }).length,
    );
  });
});

describe('quotas', () => {
  it('has the documented figures, each with its source', () => {
    expect(POLICY_QUOTAS['AWS::SQS::QueuePolicy']).toMatchObject({
      bytes: 8192,
      statements: 20,
      conditions: 10,
      principals: 50,
      actionsPerStatement: 7,
    });
    expect(POLICY_QUOTAS['AWS::SNS::TopicPolicy']).toMatchObject({
      bytes: 30720,
      statements: 100,
      principals: 200,
    });
    expect(POLICY_QUOTAS['AWS::S3::BucketPolicy'].bytes).toBe(20480);
    expect(POLICY_QUOTAS['AWS::KMS::Key']).toMatchObject({ bytes: 32768, property: 'keyPolicy' });
    for (const quota of Object.values(POLICY_QUOTAS))
      expect(quota.source).toMatch(/^https:\/\/docs\.aws\.amazon\.com\//);
  });

  it('reports a policy over its quota, naming the path, the figures, the quota, its source and the fix', () => {
    const statements = Array.from({ length: 21 }, (_, i) => ({
      Sid: `S${i}`,
      Effect: 'Allow',
      Principal: { Service: 'events.amazonaws.com' },
      Action: 'sqs:SendMessage',
      Resource: { 'Fn::GetAtt': ['Queue', 'Arn'] },
      Condition: { ArnEquals: { 'aws:SourceArn': { 'Fn::GetAtt': [`Rule${i}`, 'Arn'] } } },
    }));
    const figures = measurePolicy(
      { Version: '2012-10-17', Statement: statements },
      { resourceTypes: Object.fromEntries(statements.map((_, i) => [`Rule${i}`, 'AWS::Events::Rule'])) },
    );
    const quota = POLICY_QUOTAS['AWS::SQS::QueuePolicy'];
    expect(quotaExcesses(figures, quota)).toEqual([
      `up to ${figures.bytes.toLocaleString('en-US')} bytes (quota 8,192)`,
      '21 statements (quota 20)',
      '21 condition keys (quota 10)',
    ]);
    expect(figures.bytes).toBeGreaterThan(8192);
    expect(policyQuotaViolation('App/Stack/Queue/Policy/Resource', figures, quota, 'Use fewer routes.')).toBe(
      `App/Stack/Queue/Policy/Resource: the SQS queue policy would have up to ${figures.bytes.toLocaleString('en-US')} ` +
        'bytes (quota 8,192), 21 statements (quota 20), 21 condition keys (quota 10), so the deployment would fail ' +
        '(quotas: https://docs.aws.amazon.com/AWSSimpleQueueService/latest/SQSDeveloperGuide/quotas-policies.html). ' +
        'Use fewer routes.',
    );
  });

  it('reports nothing for a policy within its quotas', () => {
    const figures = { bytes: 8192, statements: 20, conditions: 10, principals: 50, actionsPerStatement: 7 };
    expect(quotaExcesses(figures, POLICY_QUOTAS['AWS::SQS::QueuePolicy'])).toEqual([]);
    expect(policyQuotaViolation('p', figures, POLICY_QUOTAS['AWS::SQS::QueuePolicy'], 'fix')).toBeUndefined();
  });
});

describe('checkPolicyQuotas', () => {
  /** A stack with a queue whose policy has `count` statements. */
  function queueStack(count: number) {
    const stack = new Stack(new App(), 'S');
    const owner = new Construct(stack, 'Owner');
    const queue = new sqs.Queue(owner, 'Queue');
    for (let i = 0; i < count; i++) {
      queue.addToResourcePolicy(
        new iam.PolicyStatement({
          principals: [new iam.AccountRootPrincipal()],
          actions: [`sqs:SendMessage`],
          resources: [queue.queueArn],
          conditions: { StringEquals: { 'aws:PrincipalTag/team': `team${i}` } },
        }),
      );
    }
    return { stack, owner };
  }

  it('registers one validation per stack, however often it is called', () => {
    const { stack, owner } = queueStack(21);
    checkPolicyQuotas(stack);
    checkPolicyQuotas(owner);
    checkPolicyQuotas(owner);
    expect(stack.node.validate()).toHaveLength(1);
  });

  it('gives the advice of the nearest construct that registered one', () => {
    const { stack, owner } = queueStack(21);
    checkPolicyQuotas(stack, 'Advice of the stack.');
    checkPolicyQuotas(owner, 'Advice of the owner.');
    expect(stack.node.validate()[0]).toMatch(/^S\/Owner\/Queue\/Policy\/Resource: .* Advice of the owner\.$/);
  });

  it('passes a policy within its quotas', () => {
    const { stack } = queueStack(3);
    checkPolicyQuotas(stack);
    expect(stack.node.validate()).toEqual([]);
  });

  it('sizes the ARN of a rule on a custom bus with the bus name', () => {
    const topicWith = (customBus: boolean) => {
      const stack = new Stack(new App(), 'S');
      const topic = new AlertTopic(stack, 'Topic');
      const eventBus = customBus ? events.EventBus.fromEventBusName(stack, 'Bus', x(250)) : undefined;
      for (let i = 0; i < 100; i++) {
        topic.allowPublishFromRule(
          new events.Rule(stack, `R${i}`, { eventBus, eventPattern: { source: ['a'] } }),
        );
      }
      return stack.node.validate();
    };
    // 100 rule ARNs: 13 KB on the default bus, 38 KB on a bus with a 250-character name.
    expect(topicWith(false)).toEqual([]);
    expect(topicWith(true)).toEqual([
      expect.stringMatching(
        /^S\/Topic\/Topic\/Policy\/Resource: the SNS topic policy would have up to 3\d,\d{3} bytes/,
      ),
    ]);
  });
});
