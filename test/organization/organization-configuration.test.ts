import { Stack } from 'aws-cdk-lib';
import { describe, expect, it } from 'vitest';
import { GuardDutyDetector } from '../../src';
import { FEATURE_TABLE } from '../../src/detector/protection-plans';
import {
  AutoEnableMembers,
  GuardDutyOrganizationConfiguration,
  renderOrganizationFeatures,
} from '../../src/organization/organization-configuration';
import { checkedStack, checkedTemplate } from '../helpers/checked-app';
import { onlyLogicalId, statementsOf } from '../helpers/template-values';
import { sdkCallsOf } from '../helpers/sdk-calls';

const ADMIN_ENV = { account: '222222222222', region: 'eu-west-1' };
const DETECTOR_ID = '12abc34d567e8fa901bc2d34e0a1b2c3';

/** The features for the default plans, with `on` for the plans that are on by default. */
function defaultFeatures(on: AutoEnableMembers) {
  return [
    { Name: 'S3_DATA_EVENTS', AutoEnable: on },
    { Name: 'EKS_AUDIT_LOGS', AutoEnable: on },
    { Name: 'EBS_MALWARE_PROTECTION', AutoEnable: on },
    { Name: 'RDS_LOGIN_EVENTS', AutoEnable: on },
    { Name: 'LAMBDA_NETWORK_LOGS', AutoEnable: on },
    {
      Name: 'RUNTIME_MONITORING',
      AutoEnable: 'NONE',
      AdditionalConfiguration: [
        { Name: 'EKS_ADDON_MANAGEMENT', AutoEnable: 'NONE' },
        { Name: 'ECS_FARGATE_AGENT_MANAGEMENT', AutoEnable: 'NONE' },
        { Name: 'EC2_AGENT_MANAGEMENT', AutoEnable: 'NONE' },
      ],
    },
    {
      Name: 'EKS_RUNTIME_MONITORING',
      AutoEnable: 'NONE',
      AdditionalConfiguration: [{ Name: 'EKS_ADDON_MANAGEMENT', AutoEnable: 'NONE' }],
    },
  ];
}

describe('renderOrganizationFeatures', () => {
  it('auto-enables the default plans for all members and sets every other feature to NONE', () => {
    expect(renderOrganizationFeatures({}, AutoEnableMembers.ALL)).toEqual(
      defaultFeatures(AutoEnableMembers.ALL),
    );
  });

  it('uses NEW for the plans that are on when only new members are auto-enabled', () => {
    expect(renderOrganizationFeatures(undefined, AutoEnableMembers.NEW)).toEqual(
      defaultFeatures(AutoEnableMembers.NEW),
    );
  });

  it('sets every feature and agent to NONE when members are not auto-enabled, whatever the plans', () => {
    const features = renderOrganizationFeatures(
      {
        runtimeMonitoring: true,
        runtimeMonitoringAgents: { eksAddonManagement: true, ec2AgentManagement: true },
      },
      AutoEnableMembers.NONE,
    );
    const values = JSON.stringify(features).match(/"AutoEnable":"[A-Z]+"/g);
    expect(values).toHaveLength(7 + 3 + 1);
    expect(new Set(values)).toEqual(new Set(['"AutoEnable":"NONE"']));
  });

  it('sets the plans turned off to NONE', () => {
    expect(
      renderOrganizationFeatures(
        { s3DataEvents: false, eksAuditLogs: false, ebsMalwareProtection: false, lambdaNetworkLogs: false },
        AutoEnableMembers.ALL,
      ).slice(0, 5),
    ).toEqual([
      { Name: 'S3_DATA_EVENTS', AutoEnable: 'NONE' },
      { Name: 'EKS_AUDIT_LOGS', AutoEnable: 'NONE' },
      { Name: 'EBS_MALWARE_PROTECTION', AutoEnable: 'NONE' },
      { Name: 'RDS_LOGIN_EVENTS', AutoEnable: 'ALL' },
      { Name: 'LAMBDA_NETWORK_LOGS', AutoEnable: 'NONE' },
    ]);
  });

  it('auto-enables Runtime Monitoring with exactly the agent settings that are on', () => {
    const features = renderOrganizationFeatures(
      {
        runtimeMonitoring: true,
        runtimeMonitoringAgents: { eksAddonManagement: true, ec2AgentManagement: true },
      },
      AutoEnableMembers.ALL,
    );
    expect(features.slice(5)).toEqual([
      {
        Name: 'RUNTIME_MONITORING',
        AutoEnable: 'ALL',
        AdditionalConfiguration: [
          { Name: 'EKS_ADDON_MANAGEMENT', AutoEnable: 'ALL' },
          { Name: 'ECS_FARGATE_AGENT_MANAGEMENT', AutoEnable: 'NONE' },
          { Name: 'EC2_AGENT_MANAGEMENT', AutoEnable: 'ALL' },
        ],
      },
      {
        Name: 'EKS_RUNTIME_MONITORING',
        AutoEnable: 'NONE',
        AdditionalConfiguration: [{ Name: 'EKS_ADDON_MANAGEMENT', AutoEnable: 'NONE' }],
      },
    ]);
  });

  it('auto-enables the legacy EKS Runtime Monitoring with its add-on and leaves Runtime Monitoring at NONE', () => {
    const features = renderOrganizationFeatures(
      { eksRuntimeMonitoring: true, runtimeMonitoringAgents: { eksAddonManagement: true } },
      AutoEnableMembers.NEW,
    );
    expect(features.slice(5)).toEqual([
      {
        Name: 'RUNTIME_MONITORING',
        AutoEnable: 'NONE',
        AdditionalConfiguration: [
          { Name: 'EKS_ADDON_MANAGEMENT', AutoEnable: 'NONE' },
          { Name: 'ECS_FARGATE_AGENT_MANAGEMENT', AutoEnable: 'NONE' },
          { Name: 'EC2_AGENT_MANAGEMENT', AutoEnable: 'NONE' },
        ],
      },
      {
        Name: 'EKS_RUNTIME_MONITORING',
        AutoEnable: 'NEW',
        AdditionalConfiguration: [{ Name: 'EKS_ADDON_MANAGEMENT', AutoEnable: 'NEW' }],
      },
    ]);
  });

  it('lists every feature of the detector exactly once, in the same order', () => {
    expect(renderOrganizationFeatures({}, AutoEnableMembers.ALL).map((f) => f.Name)).toEqual(
      FEATURE_TABLE.map((row) => row.feature),
    );
  });

  it('rejects Runtime Monitoring together with the legacy EKS Runtime Monitoring', () => {
    expect(() =>
      renderOrganizationFeatures(
        { runtimeMonitoring: true, eksRuntimeMonitoring: true },
        AutoEnableMembers.ALL,
      ),
    ).toThrow(
      'protectionPlans.runtimeMonitoring and protectionPlans.eksRuntimeMonitoring are both true; GuardDuty ' +
        'accepts only one of RUNTIME_MONITORING and EKS_RUNTIME_MONITORING.',
    );
  });

  it('rejects agent management without Runtime Monitoring', () => {
    expect(() =>
      renderOrganizationFeatures(
        { runtimeMonitoringAgents: { ecsFargateAgentManagement: true } },
        AutoEnableMembers.ALL,
      ),
    ).toThrow(
      'protectionPlans.runtimeMonitoringAgents.ecsFargateAgentManagement is true but ' +
        'protectionPlans.runtimeMonitoring is not',
    );
  });
});

describe('GuardDutyOrganizationConfiguration', () => {
  it('updates the organization configuration of the detector: all members, every feature explicit', () => {
    const stack = checkedStack('Administrator', { env: ADMIN_ENV });
    const detector = new GuardDutyDetector(stack, 'Detector');
    new GuardDutyOrganizationConfiguration(stack, 'Organization', { detector });
    const template = checkedTemplate(stack);
    const detectorRef = `<Ref:${onlyLogicalId(template, 'AWS::GuardDuty::Detector')}>`;
    const call = {
      service: 'GuardDuty',
      action: 'updateOrganizationConfiguration',
      parameters: {
        DetectorId: detectorRef,
        AutoEnableOrganizationMembers: 'ALL',
        Features: defaultFeatures(AutoEnableMembers.ALL),
      },
      physicalResourceId: { id: 'guardduty-organization-configuration' },
    };
    expect(Object.values(sdkCallsOf(template))).toEqual([{ Create: call, Update: call }]);
  });

  it('works with an existing detector', () => {
    const stack = checkedStack('Administrator', { env: ADMIN_ENV });
    const detector = GuardDutyDetector.fromDetectorId(stack, 'Detector', DETECTOR_ID);
    new GuardDutyOrganizationConfiguration(stack, 'Organization', { detector });
    const [calls] = Object.values(sdkCallsOf(checkedTemplate(stack)));
    expect(calls.Create?.parameters).toMatchObject({ DetectorId: DETECTOR_ID });
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
    const [calls] = Object.values(sdkCallsOf(checkedTemplate(stack)));
    expect(calls.Update?.parameters).toEqual({
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
    const [calls] = Object.values(sdkCallsOf(checkedTemplate(stack)));
    expect(calls.Create?.parameters).toEqual({
      DetectorId: DETECTOR_ID,
      AutoEnableOrganizationMembers: 'NONE',
      Features: defaultFeatures(AutoEnableMembers.NONE),
    });
  });

  it('leaves the configuration in place on delete', () => {
    const stack = checkedStack('Administrator', { env: ADMIN_ENV });
    const detector = GuardDutyDetector.fromDetectorId(stack, 'Detector', DETECTOR_ID);
    new GuardDutyOrganizationConfiguration(stack, 'Organization', { detector });
    const [calls] = Object.values(sdkCallsOf(checkedTemplate(stack)));
    expect(calls.Delete).toBeUndefined();
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
    ).toThrow(/only one of RUNTIME_MONITORING and EKS_RUNTIME_MONITORING/);
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
