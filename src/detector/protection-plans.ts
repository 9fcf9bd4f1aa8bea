import type { CfnDetector } from 'aws-cdk-lib/aws-guardduty';
import { ValidationError } from '../private/validation-error';

/**
 * Agent management settings of GuardDuty Runtime Monitoring (the `AdditionalConfiguration` of the
 * `RUNTIME_MONITORING` feature).
 *
 * When a setting is on, GuardDuty installs and updates its security agent for you on that compute type; when it is
 * off, you deploy the agent yourself and GuardDuty monitors only where the agent runs.
 */
export interface RuntimeMonitoringAgents {
  /**
   * Let GuardDuty manage its EKS add-on (`EKS_ADDON_MANAGEMENT`) on every EKS cluster.
   *
   * @default false - no agent is installed into your clusters without your say
   */
  readonly eksAddonManagement?: boolean;

  /**
   * Let GuardDuty inject its sidecar agent into ECS tasks on Fargate (`ECS_FARGATE_AGENT_MANAGEMENT`).
   *
   * @default false
   */
  readonly ecsFargateAgentManagement?: boolean;

  /**
   * Let GuardDuty install its agent on EC2 instances through Systems Manager (`EC2_AGENT_MANAGEMENT`).
   *
   * @default false
   */
  readonly ec2AgentManagement?: boolean;
}

/**
 * The GuardDuty protection plans (detector features) to turn on or off.
 *
 * Every feature GuardDuty accepts is emitted explicitly as `ENABLED` or `DISABLED`, because GuardDuty turns on any
 * feature that a request leaves out. Foundational threat detection (CloudTrail management events, VPC Flow Logs and
 * DNS logs) is always on and is not a setting.
 *
 * @see https://docs.aws.amazon.com/guardduty/latest/APIReference/API_DetectorFeatureConfiguration.html
 */
export interface ProtectionPlans {
  /**
   * S3 Protection: analyse CloudTrail S3 data events (`S3_DATA_EVENTS`).
   *
   * @default true
   */
  readonly s3DataEvents?: boolean;

  /**
   * EKS Protection: analyse Kubernetes audit logs of EKS clusters (`EKS_AUDIT_LOGS`).
   *
   * @default true
   */
  readonly eksAuditLogs?: boolean;

  /**
   * Malware Protection for EC2: scan the EBS volumes of an instance or container workload when GuardDuty reports
   * a finding that suggests malware (`EBS_MALWARE_PROTECTION`).
   *
   * @default true
   */
  readonly ebsMalwareProtection?: boolean;

  /**
   * RDS Protection: analyse login activity on Aurora and RDS databases (`RDS_LOGIN_EVENTS`).
   *
   * @default true
   */
  readonly rdsLoginEvents?: boolean;

  /**
   * Lambda Protection: analyse the network activity of Lambda functions (`LAMBDA_NETWORK_LOGS`).
   *
   * @default true
   */
  readonly lambdaNetworkLogs?: boolean;

  /**
   * Runtime Monitoring for EKS, ECS (Fargate and EC2) and EC2 (`RUNTIME_MONITORING`). It needs a security agent on
   * the workloads: see `runtimeMonitoringAgents`. Cannot be combined with `eksRuntimeMonitoring`.
   *
   * @default false - it is billed per monitored vCPU and needs agents, so it is a deliberate choice
   */
  readonly runtimeMonitoring?: boolean;

  /**
   * Agent management settings of Runtime Monitoring. Only valid when `runtimeMonitoring` is on, except
   * `eksAddonManagement`, which also applies to the legacy `eksRuntimeMonitoring`.
   *
   * @default - every agent management setting is DISABLED
   */
  readonly runtimeMonitoringAgents?: RuntimeMonitoringAgents;

  /**
   * The legacy EKS Runtime Monitoring (`EKS_RUNTIME_MONITORING`), superseded by `runtimeMonitoring`. Kept only for
   * accounts that have not migrated yet. Cannot be combined with `runtimeMonitoring`.
   *
   * @default false
   */
  readonly eksRuntimeMonitoring?: boolean;
}

/** One row of the table that maps a friendly plan name to the GuardDuty feature name. */
interface FeatureRow {
  readonly plan: keyof Omit<ProtectionPlans, 'runtimeMonitoringAgents'>;
  readonly feature: string;
  readonly enabledByDefault: boolean;
}

/** Friendly plan names to GuardDuty feature names, in the order they are emitted. */
export const FEATURE_TABLE: readonly FeatureRow[] = [
  { plan: 's3DataEvents', feature: 'S3_DATA_EVENTS', enabledByDefault: true },
  { plan: 'eksAuditLogs', feature: 'EKS_AUDIT_LOGS', enabledByDefault: true },
  { plan: 'ebsMalwareProtection', feature: 'EBS_MALWARE_PROTECTION', enabledByDefault: true },
  { plan: 'rdsLoginEvents', feature: 'RDS_LOGIN_EVENTS', enabledByDefault: true },
  { plan: 'lambdaNetworkLogs', feature: 'LAMBDA_NETWORK_LOGS', enabledByDefault: true },
  { plan: 'runtimeMonitoring', feature: 'RUNTIME_MONITORING', enabledByDefault: false },
  { plan: 'eksRuntimeMonitoring', feature: 'EKS_RUNTIME_MONITORING', enabledByDefault: false },
];

/** Agent settings to GuardDuty additional-configuration names. */
export const AGENT_TABLE: readonly {
  readonly setting: keyof RuntimeMonitoringAgents;
  readonly name: string;
}[] = [
  { setting: 'eksAddonManagement', name: 'EKS_ADDON_MANAGEMENT' },
  { setting: 'ecsFargateAgentManagement', name: 'ECS_FARGATE_AGENT_MANAGEMENT' },
  { setting: 'ec2AgentManagement', name: 'EC2_AGENT_MANAGEMENT' },
];

/** The status GuardDuty expects for a feature or an additional configuration. */
function featureStatus(enabled: boolean): 'ENABLED' | 'DISABLED' {
  return enabled ? 'ENABLED' : 'DISABLED';
}

/** Each plan's on/off state after defaults are applied. */
export function resolvePlans(plans: ProtectionPlans = {}): Record<FeatureRow['plan'], boolean> {
  const resolved = {} as Record<FeatureRow['plan'], boolean>;
  for (const row of FEATURE_TABLE) {
    resolved[row.plan] = plans[row.plan] ?? row.enabledByDefault;
  }
  return resolved;
}

/**
 * Rejects combinations GuardDuty refuses at deploy time, with one message that lists every problem.
 *
 * @param field the path of the plans in the caller's props or configuration, used in the message
 */
export function validateProtectionPlans(plans: ProtectionPlans = {}, field = 'protectionPlans'): void {
  const on = resolvePlans(plans);
  const agents = plans.runtimeMonitoringAgents ?? {};
  const problems: string[] = [];
  if (on.runtimeMonitoring && on.eksRuntimeMonitoring) {
    problems.push(
      `${field}.runtimeMonitoring and ${field}.eksRuntimeMonitoring are both true; GuardDuty accepts only one ` +
        `of RUNTIME_MONITORING and EKS_RUNTIME_MONITORING. Keep runtimeMonitoring (it covers EKS) and set ` +
        `eksRuntimeMonitoring to false.`,
    );
  }
  for (const { setting } of AGENT_TABLE) {
    if (agents[setting] !== true || on.runtimeMonitoring) continue;
    if (setting === 'eksAddonManagement' && on.eksRuntimeMonitoring) continue;
    problems.push(
      `${field}.runtimeMonitoringAgents.${setting} is true but ${field}.runtimeMonitoring is not; agent ` +
        `management needs Runtime Monitoring. Set ${field}.runtimeMonitoring to true or ${setting} to false.`,
    );
  }
  if (problems.length > 0) {
    throw new ValidationError(problems.join('\n'));
  }
}

/**
 * The detector's `Features` list: every feature GuardDuty accepts, each explicitly ENABLED or DISABLED, and the
 * agent settings as additional configuration of the runtime monitoring features.
 */
export function renderDetectorFeatures(
  plans: ProtectionPlans = {},
): CfnDetector.CFNFeatureConfigurationProperty[] {
  validateProtectionPlans(plans);
  const on = resolvePlans(plans);
  const agents = plans.runtimeMonitoringAgents ?? {};
  return FEATURE_TABLE.map((row) => {
    const feature: CfnDetector.CFNFeatureConfigurationProperty = {
      name: row.feature,
      status: featureStatus(on[row.plan]),
    };
    if (row.plan === 'runtimeMonitoring') {
      return {
        ...feature,
        additionalConfiguration: AGENT_TABLE.map(({ setting, name }) => ({
          name,
          status: featureStatus(on.runtimeMonitoring && agents[setting] === true),
        })),
      };
    }
    if (row.plan === 'eksRuntimeMonitoring') {
      return {
        ...feature,
        additionalConfiguration: [
          {
            name: 'EKS_ADDON_MANAGEMENT',
            status: featureStatus(on.eksRuntimeMonitoring && agents.eksAddonManagement === true),
          },
        ],
      };
    }
    return feature;
  });
}
