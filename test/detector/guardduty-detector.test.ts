import { RemovalPolicy, Stack } from 'aws-cdk-lib';
import { Match } from 'aws-cdk-lib/assertions';
import { CfnDetector } from 'aws-cdk-lib/aws-guardduty';
import { describe, expect, it } from 'vitest';
import { FindingPublishingFrequency, GuardDutyDetector } from '../../packages/construct-library/src';
import { DEFAULT_FEATURES } from '../helpers/default-features';
import { checkedStack, checkedTemplate } from '../helpers/checked-app';
import { detectorArn } from '../helpers/template-values';

describe('GuardDutyDetector', () => {
  it('creates an enabled detector with every feature explicit, through Features only', () => {
    const stack = checkedStack();
    new GuardDutyDetector(stack, 'Detector');
    const template = checkedTemplate(stack);
    template.resourceCountIs('AWS::GuardDuty::Detector', 1);
    template.hasResourceProperties('AWS::GuardDuty::Detector', {
      Enable: true,
      FindingPublishingFrequency: 'FIFTEEN_MINUTES',
      DataSources: Match.absent(),
      Features: DEFAULT_FEATURES,
    });
  });

  it('is retained on stack delete and on replacement by default', () => {
    const stack = checkedStack();
    new GuardDutyDetector(stack, 'Detector');
    checkedTemplate(stack).hasResource('AWS::GuardDuty::Detector', {
      DeletionPolicy: 'Retain',
      UpdateReplacePolicy: 'Retain',
    });
  });

  it('can be destroyed when asked', () => {
    const stack = checkedStack();
    new GuardDutyDetector(stack, 'Detector', { removalPolicy: RemovalPolicy.DESTROY });
    checkedTemplate(stack).hasResource('AWS::GuardDuty::Detector', { DeletionPolicy: 'Delete' });
  });

  it('applies the publishing frequency and the plans given', () => {
    const stack = checkedStack();
    new GuardDutyDetector(stack, 'Detector', {
      findingPublishingFrequency: FindingPublishingFrequency.ONE_HOUR,
      protectionPlans: {
        eksAuditLogs: false,
        runtimeMonitoring: true,
        runtimeMonitoringAgents: { ec2AgentManagement: true },
      },
    });
    checkedTemplate(stack).hasResourceProperties('AWS::GuardDuty::Detector', {
      FindingPublishingFrequency: 'ONE_HOUR',
      Features: Match.arrayWith([
        { Name: 'EKS_AUDIT_LOGS', Status: 'DISABLED' },
        Match.objectLike({
          Name: 'RUNTIME_MONITORING',
          Status: 'ENABLED',
          AdditionalConfiguration: Match.arrayWith([{ Name: 'EC2_AGENT_MANAGEMENT', Status: 'ENABLED' }]),
        }),
      ]),
    });
  });

  it('exposes a partition-aware ARN', () => {
    const stack = checkedStack();
    const detector = new GuardDutyDetector(stack, 'Detector');
    const logicalId = stack.getLogicalId(detector.cfnDetector);
    expect(stack.resolve(detector.detectorArn)).toEqual(detectorArn({ Ref: logicalId }));
  });

  it('rejects conflicting plans at synth, before anything deploys', () => {
    const stack = new Stack();
    expect(
      () =>
        new GuardDutyDetector(stack, 'Detector', {
          protectionPlans: { runtimeMonitoring: true, eksRuntimeMonitoring: true },
        }),
    ).toThrow(/refuses a request that names both EKS_RUNTIME_MONITORING and RUNTIME_MONITORING/);
  });

  describe('fromDetectorId', () => {
    it('refers to an existing detector and creates nothing', () => {
      const stack = new Stack(undefined, 'Imported', {
        env: { account: '111122223333', region: 'ap-northeast-1' },
      });
      const detector = GuardDutyDetector.fromDetectorId(
        stack,
        'Existing',
        '12abc34d567e8fa901bc2d34e0a1b2c3',
      );
      expect(detector.detectorId).toBe('12abc34d567e8fa901bc2d34e0a1b2c3');
      expect(stack.resolve(detector.detectorArn)).toEqual({
        'Fn::Join': [
          '',
          [
            'arn:',
            { Ref: 'AWS::Partition' },
            ':guardduty:ap-northeast-1:111122223333:detector/12abc34d567e8fa901bc2d34e0a1b2c3',
          ],
        ],
      });
      expect(stack.node.findAll().filter((c) => c instanceof CfnDetector)).toEqual([]);
    });

    it.each(['', 'abc', '12ABC34D567E8FA901BC2D34E0A1B2C3', 'detector/12abc34d567e8fa901bc2d34e0a1b2c3'])(
      'rejects %j, naming the field and where to find the ID',
      (id) => {
        expect(() => GuardDutyDetector.fromDetectorId(new Stack(), 'Existing', id)).toThrow(
          `existingDetectorId ${JSON.stringify(id)} is not a GuardDuty detector ID. A detector ID is 32 lower-case hexadecimal characters; copy it from \`aws guardduty list-detectors\``,
        );
      },
    );
  });
});
