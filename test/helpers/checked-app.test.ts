import * as sns from 'aws-cdk-lib/aws-sns';
import { CfnBucket } from 'aws-cdk-lib/aws-s3';
import { describe, expect, it } from 'vitest';
import { Stack } from 'aws-cdk-lib';
import { CfnDetector } from 'aws-cdk-lib/aws-guardduty';
import { checkedStack, checkedTemplate, CDK_CONTEXT } from './checked-app';
import { namesBothRuntimeFeatures } from './runtime-features';

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

  it('fails on a detector that names both runtime features, even both DISABLED', () => {
    const stack = checkedStack();
    new CfnDetector(stack, 'Both', {
      enable: true,
      features: [
        { name: 'RUNTIME_MONITORING', status: 'DISABLED' },
        { name: 'EKS_RUNTIME_MONITORING', status: 'DISABLED' },
      ],
    });
    expect(() => checkedTemplate(stack)).toThrow('name both RUNTIME_MONITORING and EKS_RUNTIME_MONITORING');
  });
});

describe('namesBothRuntimeFeatures', () => {
  it('finds both names in a custom resource request, also when Fn::Join splits the JSON around a token', () => {
    const stack = new Stack();
    const request = stack.toJsonString({
      DetectorId: stack.account,
      Features: [
        { Name: 'EKS_RUNTIME_MONITORING', Status: 'DISABLED' },
        { Name: 'RUNTIME_MONITORING', Status: 'ENABLED' },
      ],
    });
    expect(namesBothRuntimeFeatures(JSON.stringify(stack.resolve(request)))).toBe(true);
  });

  it('does not mistake EKS_RUNTIME_MONITORING alone, or an agent setting, for both', () => {
    expect(
      namesBothRuntimeFeatures(
        JSON.stringify({
          Features: [
            { Name: 'EKS_RUNTIME_MONITORING', AdditionalConfiguration: [{ Name: 'EKS_ADDON_MANAGEMENT' }] },
          ],
        }),
      ),
    ).toBe(false);
    expect(namesBothRuntimeFeatures(JSON.stringify([{ name: 'RUNTIME_MONITORING' }]))).toBe(false);
  });
});
