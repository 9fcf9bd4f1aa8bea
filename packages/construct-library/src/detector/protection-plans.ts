import type { CfnDetector } from 'aws-cdk-lib/aws-guardduty';
import { AutoEnableMembers } from '../organization/auto-enable-members';
import { throwIfProblems } from '../private/validation-error';

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
 * Every plan is sent explicitly as `ENABLED` or `DISABLED`, because GuardDuty turns on an optional feature that a
 * request leaves out. The one exception is forced by GuardDuty itself: a request may name only one of
 * `RUNTIME_MONITORING` and the legacy `EKS_RUNTIME_MONITORING`, so the legacy one is sent only when
 * `eksRuntimeMonitoring` is set. Foundational threat detection (CloudTrail management events, VPC Flow Logs and DNS
 * logs) is always on and is not a setting.
 *
 * Plans that GuardDuty added after this library's first release (`aiProtection`, `aiAnalyst`, `rdsDataActivity`)
 * are off by default, so that upgrading the library never starts a new charge.
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
   * RDS Protection for data activity: analyse data activity on supported Aurora PostgreSQL and RDS for PostgreSQL
   * databases to detect exfiltration and destructive queries (`RDS_DATA_RISK`, an additional configuration of
   * `RDS_LOGIN_EVENTS`). Needs `rdsLoginEvents`.
   *
   * @default false - billed by database capacity monitored, and added to GuardDuty in 2026: on only when you ask
   */
  readonly rdsDataActivity?: boolean;

  /**
   * Lambda Protection: analyse the network activity of Lambda functions (`LAMBDA_NETWORK_LOGS`).
   *
   * @default true
   */
  readonly lambdaNetworkLogs?: boolean;

  /**
   * Runtime Monitoring for EKS, ECS (Fargate and EC2) and EC2 (`RUNTIME_MONITORING`). It needs a security agent on
   * the workloads: see `runtimeMonitoringAgents`. Cannot be set together with `eksRuntimeMonitoring`.
   *
   * @default false - it is billed per monitored vCPU and needs agents, so it is a deliberate choice
   */
  readonly runtimeMonitoring?: boolean;

  /**
   * Agent management settings of Runtime Monitoring. Only valid when `runtimeMonitoring` is on, except
   * `eksAddonManagement`, which also applies to the legacy `eksRuntimeMonitoring` when that is on.
   *
   * @default - every agent management setting is DISABLED
   */
  readonly runtimeMonitoringAgents?: RuntimeMonitoringAgents;

  /**
   * The legacy EKS Runtime Monitoring (`EKS_RUNTIME_MONITORING`), superseded by `runtimeMonitoring`. Leave it unset
   * unless the account still runs the legacy plan.
   *
   * GuardDuty refuses a request that names both `EKS_RUNTIME_MONITORING` and `RUNTIME_MONITORING`, whatever their
   * status. So when this is set (`true` or `false`) the request names `EKS_RUNTIME_MONITORING` with this status
   * and does not name `RUNTIME_MONITORING`, and `runtimeMonitoring` must be left unset. To migrate, deploy once with
   * `false` (the legacy plan stops and stops being billed), then remove this field and set `runtimeMonitoring`.
   *
   * @default - not sent: the request names `RUNTIME_MONITORING` instead
   */
  readonly eksRuntimeMonitoring?: boolean;

  /**
   * AI Protection: threat detection for Amazon Bedrock, Bedrock AgentCore and SageMaker AI from their CloudTrail
   * events (`AI_PROTECTION`, GA 2026-07). Its findings (for example `Impact:IAMUser/PromptInjection.Direct`) may
   * be of Low severity, below the default route: add a route for them if you turn it on.
   *
   * @default false - billed by the events analysed, and added to GuardDuty in 2026: on only when you ask
   */
  readonly aiProtection?: boolean;

  /**
   * AI-powered investigations of findings (`AI_ANALYST`, preview in 2026). Only the detector of a standalone or
   * administrator account can have it: GuardDuty's organization configuration has no such feature, so it is never
   * auto-enabled for member accounts. It uses Amazon Bedrock cross-Region inference, so finding data may be
   * processed outside the detector's Region.
   *
   * @default false - data may leave the Region, and the feature is in preview
   */
  readonly aiAnalyst?: boolean;
}

/** The boolean plans of {@link ProtectionPlans} that map to one GuardDuty feature. */
type FeaturePlan = Exclude<keyof ProtectionPlans, 'runtimeMonitoringAgents' | 'rdsDataActivity'>;

/** A sub-setting of a feature: a plan of its own (`rdsDataActivity`) or an agent setting of Runtime Monitoring. */
interface AdditionalRow {
  /** The GuardDuty name (`FeatureAdditionalConfiguration`). */
  readonly name: string;
  /** Whether it is on, given the user's plans (its feature being on is checked by the caller). */
  readonly on: (plans: ProtectionPlans) => boolean;
}

/** One row of the table that maps a friendly plan name to the GuardDuty feature name. */
interface FeatureRow {
  readonly plan: FeaturePlan;
  /** The GuardDuty name (`DetectorFeature`, and `OrgFeature` unless `detectorOnly`). */
  readonly feature: string;
  readonly enabledByDefault: boolean;
  /** Not a feature of the organization configuration (absent from the SDK's `OrgFeature`). */
  readonly detectorOnly?: boolean;
  readonly additional?: readonly AdditionalRow[];
}

const agent =
  (setting: keyof RuntimeMonitoringAgents) =>
  (plans: ProtectionPlans): boolean =>
    plans.runtimeMonitoringAgents?.[setting] === true;

/**
 * Friendly plan names to GuardDuty feature names, in the order they are sent. Checked against the AWS SDK's
 * `DetectorFeature`, `OrgFeature` and additional-configuration enums by test/detector/sdk-contract.test.ts.
 */
export const FEATURE_TABLE: readonly FeatureRow[] = [
  { plan: 's3DataEvents', feature: 'S3_DATA_EVENTS', enabledByDefault: true },
  { plan: 'eksAuditLogs', feature: 'EKS_AUDIT_LOGS', enabledByDefault: true },
  { plan: 'ebsMalwareProtection', feature: 'EBS_MALWARE_PROTECTION', enabledByDefault: true },
  {
    plan: 'rdsLoginEvents',
    feature: 'RDS_LOGIN_EVENTS',
    enabledByDefault: true,
    additional: [{ name: 'RDS_DATA_RISK', on: (plans) => plans.rdsDataActivity === true }],
  },
  { plan: 'lambdaNetworkLogs', feature: 'LAMBDA_NETWORK_LOGS', enabledByDefault: true },
  {
    plan: 'runtimeMonitoring',
    feature: 'RUNTIME_MONITORING',
    enabledByDefault: false,
    additional: [
      { name: 'EKS_ADDON_MANAGEMENT', on: agent('eksAddonManagement') },
      { name: 'ECS_FARGATE_AGENT_MANAGEMENT', on: agent('ecsFargateAgentManagement') },
      { name: 'EC2_AGENT_MANAGEMENT', on: agent('ec2AgentManagement') },
    ],
  },
  {
    plan: 'eksRuntimeMonitoring',
    feature: 'EKS_RUNTIME_MONITORING',
    enabledByDefault: false,
    additional: [{ name: 'EKS_ADDON_MANAGEMENT', on: agent('eksAddonManagement') }],
  },
  { plan: 'aiProtection', feature: 'AI_PROTECTION', enabledByDefault: false },
  { plan: 'aiAnalyst', feature: 'AI_ANALYST', enabledByDefault: false, detectorOnly: true },
];

/**
 * Values of the AWS SDK's feature enums that no request of this library carries, each with the reason. The SDK
 * contract test fails for any enum value that is neither sent nor listed here.
 */
export const FEATURES_NOT_SENT: Readonly<Record<string, string>> = {
  CLOUD_TRAIL:
    'Foundational data source, always on: it appears only in DetectorFeatureResult (GetDetector) and cannot be set.',
  DNS_LOGS:
    'Foundational data source, always on: it appears only in DetectorFeatureResult (GetDetector) and cannot be set.',
  FLOW_LOGS:
    'Foundational data source, always on: it appears only in DetectorFeatureResult (GetDetector) and cannot be set.',
};

/** The two features GuardDuty accepts only one of per request. */
const RUNTIME_FEATURES = ['RUNTIME_MONITORING', 'EKS_RUNTIME_MONITORING'] as const;

/** A feature to send, with its status and sub-settings, before it is written in one request shape or another. */
export interface ResolvedFeature {
  readonly name: string;
  readonly enabled: boolean;
  readonly detectorOnly: boolean;
  readonly additional?: readonly { readonly name: string; readonly enabled: boolean }[];
}

/** Whether the legacy EKS Runtime Monitoring is the runtime feature the request names. */
function usesLegacyRuntime(plans: ProtectionPlans): boolean {
  return plans.eksRuntimeMonitoring !== undefined;
}

/**
 * The features a request sends for these plans, defaults applied: every feature of {@link FEATURE_TABLE} except the
 * runtime feature not in use (only one of `RUNTIME_MONITORING` and `EKS_RUNTIME_MONITORING` is ever named).
 * Validates the plans first.
 */
export function resolveFeatures(plans: ProtectionPlans = {}, field = 'protectionPlans'): ResolvedFeature[] {
  throwIfProblems(undefined, protectionPlansProblems(plans, field));
  const excluded = usesLegacyRuntime(plans) ? 'RUNTIME_MONITORING' : 'EKS_RUNTIME_MONITORING';
  return FEATURE_TABLE.filter((row) => row.feature !== excluded).map((row) => {
    const enabled = plans[row.plan] ?? row.enabledByDefault;
    return {
      name: row.feature,
      enabled,
      detectorOnly: row.detectorOnly === true,
      ...(row.additional
        ? { additional: row.additional.map((a) => ({ name: a.name, enabled: enabled && a.on(plans) })) }
        : {}),
    };
  });
}

/**
 * Every problem with the plans, each naming the field under `field`, the value and the fix: combinations GuardDuty
 * refuses at deploy time, and sub-settings whose feature is off (they would be sent as DISABLED against the user's
 * wish).
 */
export function protectionPlansProblems(plans: ProtectionPlans = {}, field = 'protectionPlans'): string[] {
  const problems: string[] = [];
  const agents = plans.runtimeMonitoringAgents ?? {};
  if (plans.eksRuntimeMonitoring !== undefined && plans.runtimeMonitoring !== undefined) {
    problems.push(
      `${field}.eksRuntimeMonitoring (${plans.eksRuntimeMonitoring}) and ${field}.runtimeMonitoring ` +
        `(${plans.runtimeMonitoring}) are both set, but GuardDuty refuses a request that names both ` +
        `${RUNTIME_FEATURES[1]} and ${RUNTIME_FEATURES[0]}, even DISABLED. Remove ${field}.eksRuntimeMonitoring ` +
        `unless the account still runs the legacy EKS Runtime Monitoring; to migrate from it, deploy ` +
        `eksRuntimeMonitoring: false without runtimeMonitoring first, then remove it and set runtimeMonitoring.`,
    );
  }
  const runtimeOn = plans.runtimeMonitoring === true;
  const legacyOn = plans.eksRuntimeMonitoring === true;
  for (const setting of ['eksAddonManagement', 'ecsFargateAgentManagement', 'ec2AgentManagement'] as const) {
    if (agents[setting] !== true || runtimeOn) continue;
    if (setting === 'eksAddonManagement' && legacyOn) continue;
    const needs =
      setting === 'eksAddonManagement'
        ? 'runtimeMonitoring (or the legacy eksRuntimeMonitoring)'
        : 'runtimeMonitoring';
    problems.push(
      `${field}.runtimeMonitoringAgents.${setting} is true but ${field}.${needs} is not; agent management needs ` +
        `Runtime Monitoring. Set ${field}.runtimeMonitoring to true, or ${setting} to false.`,
    );
  }
  if (plans.rdsDataActivity === true && plans.rdsLoginEvents === false) {
    problems.push(
      `${field}.rdsDataActivity is true but ${field}.rdsLoginEvents is false; RDS_DATA_RISK is a setting of ` +
        `RDS_LOGIN_EVENTS and works only with it. Set rdsLoginEvents to true, or rdsDataActivity to false.`,
    );
  }
  return problems;
}

/** The status GuardDuty expects for a feature or an additional configuration. */
function featureStatus(enabled: boolean): 'ENABLED' | 'DISABLED' {
  return enabled ? 'ENABLED' : 'DISABLED';
}

/** The detector's `Features` for `AWS::GuardDuty::Detector` (CloudFormation's camelCase shape). */
export function renderDetectorFeatures(
  plans: ProtectionPlans = {},
): CfnDetector.CFNFeatureConfigurationProperty[] {
  return resolveFeatures(plans).map((f) => ({
    name: f.name,
    status: featureStatus(f.enabled),
    ...(f.additional
      ? {
          additionalConfiguration: f.additional.map((a) => ({
            name: a.name,
            status: featureStatus(a.enabled),
          })),
        }
      : {}),
  }));
}

/**
 * One entry of `Features` in a CreateDetector or UpdateDetector request (`DetectorFeatureConfiguration`), with the
 * API's own PascalCase keys. Internal: not part of the jsii-compatible public API.
 */
export interface ApiDetectorFeature {
  readonly Name: string;
  readonly Status: 'ENABLED' | 'DISABLED';
  readonly AdditionalConfiguration?: readonly {
    readonly Name: string;
    readonly Status: 'ENABLED' | 'DISABLED';
  }[];
}

/** The detector's `Features` for the CreateDetector and UpdateDetector APIs (PascalCase). */
export function renderApiDetectorFeatures(plans: ProtectionPlans = {}): ApiDetectorFeature[] {
  return resolveFeatures(plans).map((f) => ({
    Name: f.name,
    Status: featureStatus(f.enabled),
    ...(f.additional
      ? {
          AdditionalConfiguration: f.additional.map((a) => ({
            Name: a.name,
            Status: featureStatus(a.enabled),
          })),
        }
      : {}),
  }));
}

/**
 * One entry of `Features` in the `UpdateOrganizationConfiguration` request (`OrganizationFeatureConfiguration`),
 * with the API's own PascalCase keys. Internal: not part of the jsii-compatible public API.
 *
 * @see https://docs.aws.amazon.com/guardduty/latest/APIReference/API_OrganizationFeatureConfiguration.html
 */
export interface OrganizationFeatureConfiguration {
  readonly Name: string;
  readonly AutoEnable: AutoEnableMembers;
  readonly AdditionalConfiguration?: readonly {
    readonly Name: string;
    readonly AutoEnable: AutoEnableMembers;
  }[];
}

/**
 * The `Features` of the organization configuration: every feature the detector gets except the detector-only ones
 * (`AI_ANALYST`), each explicitly auto-enabled (`ALL` or `NEW`, as `mode`) when its plan is on and `NONE` when it
 * is off, and every sub-setting the same way. With `NONE` every entry is `NONE`. Like the detector, it names only
 * one of the two runtime features.
 *
 * @param plans the protection plans, with the detector's defaults
 * @param mode the auto-enable mode of the member accounts
 */
export function renderOrganizationFeatures(
  plans: ProtectionPlans = {},
  mode: AutoEnableMembers,
): OrganizationFeatureConfiguration[] {
  const autoEnable = (enabled: boolean): AutoEnableMembers => (enabled ? mode : AutoEnableMembers.NONE);
  return resolveFeatures(plans)
    .filter((f) => !f.detectorOnly)
    .map((f) => ({
      Name: f.name,
      AutoEnable: autoEnable(f.enabled),
      ...(f.additional
        ? {
            AdditionalConfiguration: f.additional.map((a) => ({
              Name: a.name,
              AutoEnable: autoEnable(a.enabled),
            })),
          }
        : {}),
    }));
}
