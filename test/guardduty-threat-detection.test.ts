import { Stack } from 'aws-cdk-lib';
import { Annotations, Match } from 'aws-cdk-lib/assertions';
import { describe, expect, it } from 'vitest';
import {
  FindingPublishingFrequency,
  FindingSeverity,
  GuardDutyThreatDetection,
} from '../packages/construct-library/src';
import { checkedStack, checkedTemplate } from './helpers/checked-app';
import { providerRequestsOf } from './helpers/provider-requests';

describe('GuardDutyThreatDetection', () => {
  it('wires a detector, its export into the archive and the alerts', () => {
    const stack = checkedStack();
    const gd = new GuardDutyThreatDetection(stack, 'GD');
    const template = checkedTemplate(stack);
    template.resourceCountIs('AWS::GuardDuty::Detector', 1);
    template.resourceCountIs('AWS::GuardDuty::PublishingDestination', 1);
    template.resourceCountIs('AWS::Events::Rule', 2);
    template.resourceCountIs('AWS::Lambda::Function', 0);
    expect(gd.publishingDestination).toBeDefined();
    template.hasResourceProperties('AWS::GuardDuty::PublishingDestination', {
      DetectorId: { Ref: stack.getLogicalId(gd.node.findChild('Detector').node.defaultChild as never) },
    });
  });

  it('uses an existing detector: creates none and exports that one', () => {
    const stack = checkedStack();
    const gd = new GuardDutyThreatDetection(stack, 'GD', {
      existingDetectorId: '0123456789abcdef0123456789abcdef',
    });
    const template = checkedTemplate(stack);
    template.resourceCountIs('AWS::GuardDuty::Detector', 0);
    template.hasResourceProperties('AWS::GuardDuty::PublishingDestination', {
      DetectorId: '0123456789abcdef0123456789abcdef',
    });
    expect(JSON.stringify(template.toJSON())).toContain(':detector/0123456789abcdef0123456789abcdef');
    expect(gd.detector.detectorId).toBe('0123456789abcdef0123456789abcdef');
  });

  it('leaves out the export for a detector that already exports elsewhere', () => {
    const stack = checkedStack();
    const gd = new GuardDutyThreatDetection(stack, 'GD', {
      existingDetectorId: '0123456789abcdef0123456789abcdef',
      exportFindings: false,
    });
    const template = checkedTemplate(stack);
    template.resourceCountIs('AWS::GuardDuty::PublishingDestination', 0);
    template.resourceCountIs('AWS::S3::Bucket', 0);
    template.resourceCountIs('AWS::KMS::Key', 1); // the alert key only
    expect(gd.publishingDestination).toBeUndefined();
    expect(gd.archive).toBeUndefined();
  });

  it('rejects archive settings when nothing is exported', () => {
    expect(
      () => new GuardDutyThreatDetection(new Stack(), 'GD', { exportFindings: false, archive: {} }),
    ).toThrow('archive is set but exportFindings is false');
  });

  it('rejects the home Region and repeated Regions in forwardedRegions, in one message', () => {
    const build = () =>
      new GuardDutyThreatDetection(
        new Stack(undefined, 'Home', { env: { region: 'ap-northeast-1' } }),
        'GD',
        {
          forwardedRegions: ['us-east-1', 'ap-northeast-1', 'us-east-1'],
        },
      );
    expect(build).toThrow('forwardedRegions lists "us-east-1" more than once. List each Region once.');
    expect(build).toThrow(
      'forwardedRegions lists "ap-northeast-1", the Region of this stack (the home Region), whose findings arrive ' +
        'here directly. Remove "ap-northeast-1" from forwardedRegions',
    );
  });

  it('accepts any forwardedRegions in an environment-agnostic stack, whose Region is unknown', () => {
    const stack = checkedStack('Agnostic');
    new GuardDutyThreatDetection(stack, 'GD', { forwardedRegions: ['us-east-1', 'eu-west-1'] });
    checkedTemplate(stack).resourceCountIs('AWS::Events::Rule', 3);
  });

  it('rejects detector settings next to an existing detector, in one message', () => {
    expect(
      () =>
        new GuardDutyThreatDetection(new Stack(), 'GD', {
          existingDetectorId: '0123456789abcdef0123456789abcdef',
          protectionPlans: { s3DataEvents: false },
          findingPublishingFrequency: FindingPublishingFrequency.SIX_HOURS,
        }),
    ).toThrow(
      'existingDetectorId is set together with protectionPlans and findingPublishingFrequency, which only configure a detector created here and would be ignored.',
    );
  });

  it('passes the adopted-detector switches to the adopted detector', () => {
    const stack = checkedStack('Adopt', { env: { account: '111122223333', region: 'ap-northeast-1' } });
    new GuardDutyThreatDetection(stack, 'GD', {
      adoptExistingDetector: true,
      manageAdoptedDetectorSettings: true,
      enableAdoptedDetectorIfSuspended: true,
    });
    const [adopt] = providerRequestsOf(checkedTemplate(stack)).filter((r) => r.action === 'AdoptDetector');
    expect(adopt.request).toMatchObject({ ManageSettings: true, EnableIfSuspended: true });
  });

  it.each([
    [{ manageAdoptedDetectorSettings: true }, 'manageAdoptedDetectorSettings is set'],
    [{ enableAdoptedDetectorIfSuspended: false }, 'enableAdoptedDetectorIfSuspended is set'],
    [
      { manageAdoptedDetectorSettings: true, enableAdoptedDetectorIfSuspended: true },
      'manageAdoptedDetectorSettings and enableAdoptedDetectorIfSuspended are set',
    ],
  ])('refuses adopted-detector switches without adoptExistingDetector: %o', (props, message) => {
    expect(() => new GuardDutyThreatDetection(new Stack(), 'GD', props)).toThrow(
      `${message}, but adoptExistingDetector is not true`,
    );
  });

  describe('AI Protection findings, which may be Low', () => {
    const WARNING = 'cdk-guardduty-threat-detection:lowFindingsUnrouted';
    const warningsOf = (stack: Stack) =>
      Annotations.fromStack(stack).findWarning('*', Match.stringLikeRegexp('no route delivers Low findings'));

    it('warns when the plan is on and every route starts at Medium or above', () => {
      const stack = checkedStack('AiUnrouted');
      new GuardDutyThreatDetection(stack, 'GD', { protectionPlans: { aiProtection: true } });
      checkedTemplate(stack);
      const warnings = warningsOf(stack);
      expect(warnings).toHaveLength(1);
      expect(JSON.stringify(warnings[0].entry.data)).toContain(WARNING);
    });

    it.each([
      ['the plan is off', {}, undefined],
      ['a route delivers Low findings', { aiProtection: true }, FindingSeverity.LOW],
    ])('does not warn when %s', (_, protectionPlans, minimumSeverity) => {
      const stack = checkedStack('AiRouted');
      new GuardDutyThreatDetection(stack, 'GD', { protectionPlans, minimumSeverity });
      checkedTemplate(stack);
      expect(warningsOf(stack)).toEqual([]);
    });
  });
});
