import { describe, expect, it } from 'vitest';
import {
  FEATURE_TABLE,
  renderDetectorFeatures,
  resolvePlans,
  validateProtectionPlans,
} from '../../src/detector/protection-plans';

const statusOf = (features: ReturnType<typeof renderDetectorFeatures>) =>
  Object.fromEntries(features.map((f) => [f.name, f.status]));

describe('protection plans', () => {
  it('maps every feature GuardDuty accepts today, once', () => {
    expect(FEATURE_TABLE.map((r) => r.feature)).toEqual([
      'S3_DATA_EVENTS',
      'EKS_AUDIT_LOGS',
      'EBS_MALWARE_PROTECTION',
      'RDS_LOGIN_EVENTS',
      'LAMBDA_NETWORK_LOGS',
      'RUNTIME_MONITORING',
      'EKS_RUNTIME_MONITORING',
    ]);
  });

  it('defaults: usage-billed plans on, agent-based runtime monitoring off', () => {
    expect(statusOf(renderDetectorFeatures())).toEqual({
      S3_DATA_EVENTS: 'ENABLED',
      EKS_AUDIT_LOGS: 'ENABLED',
      EBS_MALWARE_PROTECTION: 'ENABLED',
      RDS_LOGIN_EVENTS: 'ENABLED',
      LAMBDA_NETWORK_LOGS: 'ENABLED',
      RUNTIME_MONITORING: 'DISABLED',
      EKS_RUNTIME_MONITORING: 'DISABLED',
    });
  });

  it('emits a plan that is turned off as DISABLED, never leaves it out', () => {
    const features = renderDetectorFeatures({ s3DataEvents: false, lambdaNetworkLogs: false });
    expect(features).toHaveLength(7);
    expect(statusOf(features)).toMatchObject({ S3_DATA_EVENTS: 'DISABLED', LAMBDA_NETWORK_LOGS: 'DISABLED' });
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

  it('lets the legacy EKS runtime monitoring manage its add-on', () => {
    const features = renderDetectorFeatures({
      eksRuntimeMonitoring: true,
      runtimeMonitoringAgents: { eksAddonManagement: true },
    });
    expect(features.find((f) => f.name === 'EKS_RUNTIME_MONITORING')).toEqual({
      name: 'EKS_RUNTIME_MONITORING',
      status: 'ENABLED',
      additionalConfiguration: [{ name: 'EKS_ADDON_MANAGEMENT', status: 'ENABLED' }],
    });
    // The add-on setting belongs to the legacy feature here; the unified feature stays off with its agents.
    expect(features.find((f) => f.name === 'RUNTIME_MONITORING')?.status).toBe('DISABLED');
  });

  it('resolves defaults without touching explicit values', () => {
    expect(resolvePlans({ rdsLoginEvents: false, runtimeMonitoring: true })).toEqual({
      s3DataEvents: true,
      eksAuditLogs: true,
      ebsMalwareProtection: true,
      rdsLoginEvents: false,
      lambdaNetworkLogs: true,
      runtimeMonitoring: true,
      eksRuntimeMonitoring: false,
    });
  });

  it('rejects runtime monitoring together with the legacy EKS runtime monitoring', () => {
    expect(() => validateProtectionPlans({ runtimeMonitoring: true, eksRuntimeMonitoring: true })).toThrow(
      'protectionPlans.runtimeMonitoring and protectionPlans.eksRuntimeMonitoring are both true',
    );
  });

  it.each(['ecsFargateAgentManagement', 'ec2AgentManagement', 'eksAddonManagement'] as const)(
    'rejects agent setting %s without runtime monitoring',
    (agent) => {
      expect(() => validateProtectionPlans({ runtimeMonitoringAgents: { [agent]: true } })).toThrow(
        `protectionPlans.runtimeMonitoringAgents.${agent} is true but protectionPlans.runtimeMonitoring is not`,
      );
    },
  );

  it('rejects Fargate agents with only the legacy EKS feature, which has no such setting', () => {
    expect(() =>
      validateProtectionPlans({
        eksRuntimeMonitoring: true,
        runtimeMonitoringAgents: { ecsFargateAgentManagement: true },
      }),
    ).toThrow('runtimeMonitoringAgents.ecsFargateAgentManagement is true');
  });

  it('lists every problem in one message', () => {
    expect(() =>
      validateProtectionPlans({
        eksRuntimeMonitoring: true,
        runtimeMonitoringAgents: { ec2AgentManagement: true, ecsFargateAgentManagement: true },
      }),
    ).toThrow(/ecsFargateAgentManagement is true[^\n]*\n[^\n]*ec2AgentManagement is true/);
  });
});
