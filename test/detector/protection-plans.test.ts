import { describe, expect, it } from 'vitest';
import {
  FEATURE_TABLE,
  type ProtectionPlans,
  protectionPlansProblems,
  renderApiDetectorFeatures,
  renderDetectorFeatures,
  renderOrganizationFeatures,
} from '../../packages/construct-library/src/detector/protection-plans';
import { AutoEnableMembers } from '../../packages/construct-library/src/organization/auto-enable-members';
import { throwIfProblems } from '../../packages/construct-library/src/private/validation-error';

const statusOf = (features: ReturnType<typeof renderDetectorFeatures>) =>
  Object.fromEntries(features.map((f) => [f.name, f.status]));

const OFF_AGENTS = [
  { name: 'EKS_ADDON_MANAGEMENT', status: 'DISABLED' },
  { name: 'ECS_FARGATE_AGENT_MANAGEMENT', status: 'DISABLED' },
  { name: 'EC2_AGENT_MANAGEMENT', status: 'DISABLED' },
];

describe('protection plans: the detector', () => {
  it('maps every feature GuardDuty accepts today, once, in a stable order', () => {
    expect(FEATURE_TABLE.map((r) => r.feature)).toEqual([
      'S3_DATA_EVENTS',
      'EKS_AUDIT_LOGS',
      'EBS_MALWARE_PROTECTION',
      'RDS_LOGIN_EVENTS',
      'LAMBDA_NETWORK_LOGS',
      'RUNTIME_MONITORING',
      'EKS_RUNTIME_MONITORING',
      'AI_PROTECTION',
      'AI_ANALYST',
    ]);
  });

  it('defaults: usage-billed plans on; runtime monitoring and the 2026 plans off; the legacy feature not named', () => {
    expect(renderDetectorFeatures()).toEqual([
      { name: 'S3_DATA_EVENTS', status: 'ENABLED' },
      { name: 'EKS_AUDIT_LOGS', status: 'ENABLED' },
      { name: 'EBS_MALWARE_PROTECTION', status: 'ENABLED' },
      {
        name: 'RDS_LOGIN_EVENTS',
        status: 'ENABLED',
        additionalConfiguration: [{ name: 'RDS_DATA_RISK', status: 'DISABLED' }],
      },
      { name: 'LAMBDA_NETWORK_LOGS', status: 'ENABLED' },
      { name: 'RUNTIME_MONITORING', status: 'DISABLED', additionalConfiguration: OFF_AGENTS },
      { name: 'AI_PROTECTION', status: 'DISABLED' },
      { name: 'AI_ANALYST', status: 'DISABLED' },
    ]);
  });

  it('emits a plan that is turned off as DISABLED, never leaves it out', () => {
    const features = renderDetectorFeatures({ s3DataEvents: false, lambdaNetworkLogs: false });
    expect(features).toHaveLength(8);
    expect(statusOf(features)).toMatchObject({ S3_DATA_EVENTS: 'DISABLED', LAMBDA_NETWORK_LOGS: 'DISABLED' });
  });

  it('turns the 2026 plans on only when asked', () => {
    const features = renderDetectorFeatures({ aiProtection: true, aiAnalyst: true, rdsDataActivity: true });
    expect(statusOf(features)).toMatchObject({ AI_PROTECTION: 'ENABLED', AI_ANALYST: 'ENABLED' });
    expect(features.find((f) => f.name === 'RDS_LOGIN_EVENTS')).toEqual({
      name: 'RDS_LOGIN_EVENTS',
      status: 'ENABLED',
      additionalConfiguration: [{ name: 'RDS_DATA_RISK', status: 'ENABLED' }],
    });
  });

  it('emits every agent setting of runtime monitoring explicitly', () => {
    const runtime = renderDetectorFeatures({
      runtimeMonitoring: true,
      runtimeMonitoringAgents: { ecsFargateAgentManagement: true },
    }).find((f) => f.name === 'RUNTIME_MONITORING');
    expect(runtime).toEqual({
      name: 'RUNTIME_MONITORING',
      status: 'ENABLED',
      additionalConfiguration: [
        { name: 'EKS_ADDON_MANAGEMENT', status: 'DISABLED' },
        { name: 'ECS_FARGATE_AGENT_MANAGEMENT', status: 'ENABLED' },
        { name: 'EC2_AGENT_MANAGEMENT', status: 'DISABLED' },
      ],
    });
  });

  it.each([true, false])(
    'names only the legacy EKS_RUNTIME_MONITORING when eksRuntimeMonitoring is %s, never RUNTIME_MONITORING',
    (legacy) => {
      const features = renderDetectorFeatures({
        eksRuntimeMonitoring: legacy,
        ...(legacy ? { runtimeMonitoringAgents: { eksAddonManagement: true } } : {}),
      });
      const status = legacy ? 'ENABLED' : 'DISABLED';
      expect(features.find((f) => f.name === 'EKS_RUNTIME_MONITORING')).toEqual({
        name: 'EKS_RUNTIME_MONITORING',
        status,
        additionalConfiguration: [{ name: 'EKS_ADDON_MANAGEMENT', status }],
      });
      expect(features.map((f) => f.name)).not.toContain('RUNTIME_MONITORING');
    },
  );

  it('renders the same features in the CreateDetector/UpdateDetector API shape', () => {
    const plans = {
      runtimeMonitoring: true,
      runtimeMonitoringAgents: { ec2AgentManagement: true },
      aiProtection: true,
    };
    const api = renderApiDetectorFeatures(plans);
    expect(api).toEqual(
      renderDetectorFeatures(plans).map((f) => ({
        Name: f.name,
        Status: f.status,
        ...(f.additionalConfiguration
          ? {
              AdditionalConfiguration: (f.additionalConfiguration as { name: string; status: string }[]).map(
                (a) => ({ Name: a.name, Status: a.status }),
              ),
            }
          : {}),
      })),
    );
    expect(api.find((f) => f.Name === 'RUNTIME_MONITORING')?.AdditionalConfiguration).toContainEqual({
      Name: 'EC2_AGENT_MANAGEMENT',
      Status: 'ENABLED',
    });
  });
});

describe('protection plans: the organization', () => {
  it('auto-enables the default plans, sets every other feature to NONE, and leaves out the detector-only AI_ANALYST', () => {
    expect(renderOrganizationFeatures({}, AutoEnableMembers.ALL)).toEqual([
      { Name: 'S3_DATA_EVENTS', AutoEnable: 'ALL' },
      { Name: 'EKS_AUDIT_LOGS', AutoEnable: 'ALL' },
      { Name: 'EBS_MALWARE_PROTECTION', AutoEnable: 'ALL' },
      {
        Name: 'RDS_LOGIN_EVENTS',
        AutoEnable: 'ALL',
        AdditionalConfiguration: [{ Name: 'RDS_DATA_RISK', AutoEnable: 'NONE' }],
      },
      { Name: 'LAMBDA_NETWORK_LOGS', AutoEnable: 'ALL' },
      {
        Name: 'RUNTIME_MONITORING',
        AutoEnable: 'NONE',
        AdditionalConfiguration: [
          { Name: 'EKS_ADDON_MANAGEMENT', AutoEnable: 'NONE' },
          { Name: 'ECS_FARGATE_AGENT_MANAGEMENT', AutoEnable: 'NONE' },
          { Name: 'EC2_AGENT_MANAGEMENT', AutoEnable: 'NONE' },
        ],
      },
      { Name: 'AI_PROTECTION', AutoEnable: 'NONE' },
    ]);
  });

  it('uses NEW for the plans that are on when only new members are auto-enabled', () => {
    const features = renderOrganizationFeatures(
      { aiProtection: true, rdsDataActivity: true },
      AutoEnableMembers.NEW,
    );
    expect(features.find((f) => f.Name === 'AI_PROTECTION')).toEqual({
      Name: 'AI_PROTECTION',
      AutoEnable: 'NEW',
    });
    expect(features.find((f) => f.Name === 'RDS_LOGIN_EVENTS')).toEqual({
      Name: 'RDS_LOGIN_EVENTS',
      AutoEnable: 'NEW',
      AdditionalConfiguration: [{ Name: 'RDS_DATA_RISK', AutoEnable: 'NEW' }],
    });
    expect(features.find((f) => f.Name === 'S3_DATA_EVENTS')?.AutoEnable).toBe('NEW');
  });

  it('sets every feature and sub-setting to NONE when members are not auto-enabled, whatever the plans', () => {
    const features = renderOrganizationFeatures(
      { runtimeMonitoring: true, runtimeMonitoringAgents: { eksAddonManagement: true }, aiProtection: true },
      AutoEnableMembers.NONE,
    );
    const all = features.flatMap((f) => [
      f.AutoEnable,
      ...(f.AdditionalConfiguration ?? []).map((a) => a.AutoEnable),
    ]);
    expect(new Set(all)).toEqual(new Set(['NONE']));
  });

  it('names only the legacy feature when the legacy plan is chosen', () => {
    const names = renderOrganizationFeatures({ eksRuntimeMonitoring: false }, AutoEnableMembers.ALL).map(
      (f) => f.Name,
    );
    expect(names).toContain('EKS_RUNTIME_MONITORING');
    expect(names).not.toContain('RUNTIME_MONITORING');
  });
});

describe('protection plans: validation', () => {
  it.each([
    [true, true],
    [false, false],
    [true, false],
    [false, true],
  ])(
    'refuses runtimeMonitoring %s together with eksRuntimeMonitoring %s, whatever the values',
    (runtime, legacy) => {
      expect(() =>
        validateProtectionPlans({ runtimeMonitoring: runtime, eksRuntimeMonitoring: legacy }),
      ).toThrow(
        `protectionPlans.eksRuntimeMonitoring (${legacy}) and protectionPlans.runtimeMonitoring (${runtime}) are ` +
          'both set, but GuardDuty refuses a request that names both EKS_RUNTIME_MONITORING and RUNTIME_MONITORING',
      );
    },
  );

  it('names the caller-given field path', () => {
    expect(() => renderDetectorFeatures({ runtimeMonitoring: false, eksRuntimeMonitoring: false })).toThrow(
      'protectionPlans.eksRuntimeMonitoring (false)',
    );
    expect(() =>
      validateProtectionPlans({ runtimeMonitoring: false, eksRuntimeMonitoring: false }, 'plans'),
    ).toThrow('plans.eksRuntimeMonitoring (false) and plans.runtimeMonitoring (false)');
  });

  it.each(['ecsFargateAgentManagement', 'ec2AgentManagement'] as const)(
    'rejects agent setting %s without runtime monitoring',
    (agent) => {
      expect(() => validateProtectionPlans({ runtimeMonitoringAgents: { [agent]: true } })).toThrow(
        `protectionPlans.runtimeMonitoringAgents.${agent} is true but protectionPlans.runtimeMonitoring is not`,
      );
    },
  );

  it('rejects the EKS add-on setting when neither runtime feature is on', () => {
    expect(() => validateProtectionPlans({ runtimeMonitoringAgents: { eksAddonManagement: true } })).toThrow(
      'protectionPlans.runtimeMonitoringAgents.eksAddonManagement is true but protectionPlans.runtimeMonitoring ' +
        '(or the legacy eksRuntimeMonitoring) is not',
    );
    expect(() =>
      validateProtectionPlans({
        eksRuntimeMonitoring: false,
        runtimeMonitoringAgents: { eksAddonManagement: true },
      }),
    ).toThrow('eksAddonManagement is true');
  });

  it('lets the legacy EKS runtime monitoring manage its add-on', () => {
    expect(() =>
      validateProtectionPlans({
        eksRuntimeMonitoring: true,
        runtimeMonitoringAgents: { eksAddonManagement: true },
      }),
    ).not.toThrow();
  });

  it('rejects Fargate agents with only the legacy EKS feature, which has no such setting', () => {
    expect(() =>
      validateProtectionPlans({
        eksRuntimeMonitoring: true,
        runtimeMonitoringAgents: { ecsFargateAgentManagement: true },
      }),
    ).toThrow('runtimeMonitoringAgents.ecsFargateAgentManagement is true');
  });

  it('rejects RDS data activity without RDS login events, its parent feature', () => {
    expect(() => validateProtectionPlans({ rdsDataActivity: true, rdsLoginEvents: false })).toThrow(
      'protectionPlans.rdsDataActivity is true but protectionPlans.rdsLoginEvents is false',
    );
    expect(() => validateProtectionPlans({ rdsDataActivity: true })).not.toThrow();
  });

  it('lists every problem in one message', () => {
    expect(() =>
      validateProtectionPlans({
        eksRuntimeMonitoring: true,
        rdsDataActivity: true,
        rdsLoginEvents: false,
        runtimeMonitoringAgents: { ec2AgentManagement: true, ecsFargateAgentManagement: true },
      }),
    ).toThrow(
      /ecsFargateAgentManagement is true[^\n]*\n[^\n]*ec2AgentManagement is true[^\n]*\n[^\n]*rdsDataActivity/,
    );
  });
});

/** The plans' problems thrown as the constructs throw them. */
function validateProtectionPlans(plans: ProtectionPlans = {}, field = 'protectionPlans'): void {
  throwIfProblems(undefined, protectionPlansProblems(plans, field));
}
