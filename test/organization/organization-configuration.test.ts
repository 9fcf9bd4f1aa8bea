import { Stack } from 'aws-cdk-lib';
import { describe, expect, it } from 'vitest';
import { GuardDutyDetector } from '../../packages/construct-library/src';
import { renderOrganizationFeatures } from '../../packages/construct-library/src/detector/protection-plans';
import {
  AutoEnableMembers,
  GuardDutyOrganizationConfiguration,
} from '../../packages/construct-library/src/organization/organization-configuration';
import { checkedStack, checkedTemplate } from '../helpers/checked-app';
import { onlyLogicalId, statementsOf } from '../helpers/template-values';
import { providerRequestsOf } from '../helpers/provider-requests';

const ADMIN_ENV = { account: '222222222222', region: 'eu-west-1' };
const DETECTOR_ID = '12abc34d567e8fa901bc2d34e0a1b2c3';

/** The organization features for the default plans, as the protection-plans module renders them. */
const defaultFeatures = (mode: AutoEnableMembers) => renderOrganizationFeatures({}, mode);

describe('GuardDutyOrganizationConfiguration', () => {
  it('updates the organization configuration of the detector: all members, every feature explicit', () => {
    const stack = checkedStack('Administrator', { env: ADMIN_ENV });
    const detector = new GuardDutyDetector(stack, 'Detector');
    new GuardDutyOrganizationConfiguration(stack, 'Organization', { detector });
    const template = checkedTemplate(stack);
    const detectorRef = `<Ref:${onlyLogicalId(template, 'AWS::GuardDuty::Detector')}>`;
    expect(providerRequestsOf(template)).toEqual([
      {
        logicalId: onlyLogicalId(template, 'Custom::GuardDutyOrganizationConfiguration'),
        type: 'Custom::GuardDutyOrganizationConfiguration',
        action: 'OrganizationConfiguration',
        request: {
          DetectorId: detectorRef,
          AutoEnableOrganizationMembers: 'ALL',
          Features: defaultFeatures(AutoEnableMembers.ALL),
        },
      },
    ]);
    // No error code is ignored: the provider fails with GuardDuty's message.
    expect(JSON.stringify(template.toJSON())).not.toContain('ignoreErrorCodesMatching');
    template.resourceCountIs('Custom::AWS', 0);
  });

  it('works with an existing detector', () => {
    const stack = checkedStack('Administrator', { env: ADMIN_ENV });
    const detector = GuardDutyDetector.fromDetectorId(stack, 'Detector', DETECTOR_ID);
    new GuardDutyOrganizationConfiguration(stack, 'Organization', { detector });
    const [{ request }] = providerRequestsOf(checkedTemplate(stack));
    expect(request).toMatchObject({ DetectorId: DETECTOR_ID });
  });

  it('applies the members mode and the plans given', () => {
    const stack = checkedStack('Administrator', { env: ADMIN_ENV });
    const detector = GuardDutyDetector.fromDetectorId(stack, 'Detector', DETECTOR_ID);
    const plans = {
      s3DataEvents: false,
      runtimeMonitoring: true,
      runtimeMonitoringAgents: { eksAddonManagement: true },
    };
    new GuardDutyOrganizationConfiguration(stack, 'Organization', {
      detector,
      autoEnableMembers: AutoEnableMembers.NEW,
      protectionPlans: plans,
    });
    const [{ request }] = providerRequestsOf(checkedTemplate(stack));
    expect(request).toEqual({
      DetectorId: DETECTOR_ID,
      AutoEnableOrganizationMembers: 'NEW',
      Features: renderOrganizationFeatures(plans, AutoEnableMembers.NEW),
    });
  });

  it('turns auto-enable off everywhere with AutoEnableMembers.NONE', () => {
    const stack = checkedStack('Administrator', { env: ADMIN_ENV });
    const detector = GuardDutyDetector.fromDetectorId(stack, 'Detector', DETECTOR_ID);
    new GuardDutyOrganizationConfiguration(stack, 'Organization', {
      detector,
      autoEnableMembers: AutoEnableMembers.NONE,
    });
    const [{ request }] = providerRequestsOf(checkedTemplate(stack));
    expect(request).toEqual({
      DetectorId: DETECTOR_ID,
      AutoEnableOrganizationMembers: 'NONE',
      Features: defaultFeatures(AutoEnableMembers.NONE),
    });
  });

  it('is run by the provider function after its permission exists, and may not undo anything on delete', () => {
    const stack = checkedStack('Administrator', { env: ADMIN_ENV });
    const detector = GuardDutyDetector.fromDetectorId(stack, 'Detector', DETECTOR_ID);
    const configuration = new GuardDutyOrganizationConfiguration(stack, 'Organization', { detector });
    const template = checkedTemplate(stack);
    const resource =
      template.toJSON().Resources[onlyLogicalId(template, 'Custom::GuardDutyOrganizationConfiguration')];
    expect(resource.Properties.ServiceToken).toEqual({
      'Fn::GetAtt': [onlyLogicalId(template, 'AWS::Lambda::Function'), 'Arn'],
    });
    expect(resource.Properties.Region).toBeUndefined();
    expect(resource.DependsOn).toEqual([stack.getLogicalId(configuration.policy.node.defaultChild as never)]);
    template.hasResourceProperties('AWS::Lambda::Function', {
      Runtime: 'nodejs24.x',
      Handler: 'index.handler',
    });
  });

  it("grants only UpdateOrganizationConfiguration, in the stack's Region", () => {
    const stack = checkedStack('Administrator', { env: ADMIN_ENV });
    const detector = GuardDutyDetector.fromDetectorId(stack, 'Detector', DETECTOR_ID);
    new GuardDutyOrganizationConfiguration(stack, 'Organization', { detector });
    const template = checkedTemplate(stack);
    const policy = {
      Description: 'Sets the GuardDuty organization configuration (auto-enable of members and features)',
    };
    expect(statementsOf(template, 'AWS::IAM::ManagedPolicy', policy)).toEqual([
      {
        Sid: 'UpdateGuardDutyOrganizationConfiguration',
        Effect: 'Allow',
        Action: 'guardduty:UpdateOrganizationConfiguration',
        Resource: '*',
        Condition: { StringEquals: { 'aws:RequestedRegion': 'eu-west-1' } },
      },
    ]);
    template.hasResourceProperties('AWS::IAM::ManagedPolicy', {
      ...policy,
      Roles: [{ Ref: onlyLogicalId(template, 'AWS::IAM::Role') }],
    });
    template.resourceCountIs('AWS::IAM::Policy', 0);
  });

  it('names the Region as a reference in an environment-agnostic stack', () => {
    const stack = checkedStack('Administrator');
    new GuardDutyOrganizationConfiguration(stack, 'Organization', {
      detector: new GuardDutyDetector(stack, 'D'),
    });
    const [statement] = statementsOf(checkedTemplate(stack), 'AWS::IAM::ManagedPolicy', {
      Description: 'Sets the GuardDuty organization configuration (auto-enable of members and features)',
    });
    expect(statement.Condition).toEqual({ StringEquals: { 'aws:RequestedRegion': { Ref: 'AWS::Region' } } });
  });

  it('rejects conflicting plans at synth', () => {
    const stack = new Stack(undefined, 'Administrator', { env: ADMIN_ENV });
    const detector = GuardDutyDetector.fromDetectorId(stack, 'Detector', DETECTOR_ID);
    expect(
      () =>
        new GuardDutyOrganizationConfiguration(stack, 'Organization', {
          detector,
          protectionPlans: { runtimeMonitoring: true, eksRuntimeMonitoring: true },
        }),
    ).toThrow(
      /are both set, but GuardDuty refuses a request that names both EKS_RUNTIME_MONITORING and RUNTIME_MONITORING/,
    );
  });

  it('rejects a detector of another Region or account, naming both and the fix', () => {
    const elsewhere = new Stack(undefined, 'Elsewhere', {
      env: { account: '333333333333', region: 'us-east-1' },
    });
    const detector = GuardDutyDetector.fromDetectorId(elsewhere, 'Detector', DETECTOR_ID);
    const stack = new Stack(undefined, 'Administrator', { env: ADMIN_ENV });
    expect(() => new GuardDutyOrganizationConfiguration(stack, 'Organization', { detector })).toThrow(
      'detector is in the region "us-east-1" but this stack deploys to "eu-west-1". Create ' +
        "GuardDutyOrganizationConfiguration in the stack that holds the administrator's detector for that region.\n" +
        'detector is in the account "333333333333" but this stack deploys to "222222222222".',
    );
  });
});
