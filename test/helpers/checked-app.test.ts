import * as sns from 'aws-cdk-lib/aws-sns';
import { CfnBucket } from 'aws-cdk-lib/aws-s3';
import { describe, expect, it } from 'vitest';
import { checkedStack, checkedTemplate, CDK_CONTEXT } from './checked-app';

// The harness every construct test relies on must really fail on findings; otherwise all those tests prove nothing.
describe('checked synth harness', () => {
  it('uses the context of cdk.json, with CloudFormation Validate findings as errors', () => {
    expect(CDK_CONTEXT['@aws-cdk/core:validateAgainstDefaultRules']).toBe(true);
    expect(CDK_CONTEXT['@aws-cdk/core:strictCfnValidateErrors']).toBe(true);
  });

  it('fails on a cdk-nag finding (an unencrypted topic)', () => {
    const stack = checkedStack();
    new sns.Topic(stack, 'Plain');
    expect(() => checkedTemplate(stack)).toThrow(/SNS3|SNSEncryptedKMS/);
  });

  it('fails on a CloudFormation Validate finding, warnings included', () => {
    const stack = checkedStack();
    const bucket = new CfnBucket(stack, 'Raw', {});
    bucket.addPropertyOverride('VersioningConfiguration', { Status: 'Sometimes' });
    expect(() => checkedTemplate(stack)).toThrow(/W3030/);
  });
});
