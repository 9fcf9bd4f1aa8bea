import type { Template } from 'aws-cdk-lib/assertions';

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
