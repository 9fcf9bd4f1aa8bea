import type { Template } from 'aws-cdk-lib/assertions';
import { expect } from 'vitest';

/** The logical ID of the only resource of a type in a template; fails if there is not exactly one. */
export function onlyLogicalId(template: Template, type: string, props?: Record<string, unknown>): string {
  const ids = Object.keys(template.findResources(type, props ? { Properties: props } : undefined));
  if (ids.length !== 1) throw new Error(`expected one ${type}, found ${ids.length}: ${ids.join(', ')}`);
  return ids[0];
}

/** The statements of the only resource policy of a type (`AWS::S3::BucketPolicy` ...) or of a key policy. */
export function statementsOf(
  template: Template,
  type: string,
  props?: Record<string, unknown>,
): Record<string, unknown>[] {
  const id = onlyLogicalId(template, type, props);
  const properties = template.toJSON().Resources[id].Properties;
  return (properties.PolicyDocument ?? properties.KeyPolicy).Statement;
}

/** The CloudFormation expression of the ARN of a GuardDuty detector whose ID is `detectorId`, in the stack's Region. */
export function detectorArn(detectorId: unknown): unknown {
  return {
    'Fn::Join': [
      '',
      [
        'arn:',
        { Ref: 'AWS::Partition' },
        ':guardduty:',
        { Ref: 'AWS::Region' },
        ':',
        { Ref: 'AWS::AccountId' },
        ':detector/',
        detectorId,
      ],
    ],
  };
}

/**
 * The policy every dead-letter queue gets: the TLS deny, then one statement that lets the EventBridge rules of the
 * stack's account and Region (`region` when the stack names it, else `AWS::Region`) send to it.
 */
export function deadLetterQueueStatements(queueLogicalId: string, region?: string): unknown[] {
  const ruleArns = region
    ? ['arn:', { Ref: 'AWS::Partition' }, `:events:${region}:`, { Ref: 'AWS::AccountId' }, ':rule/*']
    : [
        'arn:',
        { Ref: 'AWS::Partition' },
        ':events:',
        { Ref: 'AWS::Region' },
        ':',
        { Ref: 'AWS::AccountId' },
        ':rule/*',
      ];
  return [
    expect.objectContaining({ Effect: 'Deny', Condition: { Bool: { 'aws:SecureTransport': 'false' } } }),
    {
      Sid: 'AllowEventBridgeRulesOfThisAccount',
      Effect: 'Allow',
      Principal: { Service: 'events.amazonaws.com' },
      Action: 'sqs:SendMessage',
      Resource: { 'Fn::GetAtt': [queueLogicalId, 'Arn'] },
      Condition: { ArnLike: { 'aws:SourceArn': { 'Fn::Join': ['', ruleArns] } } },
    },
  ];
}
