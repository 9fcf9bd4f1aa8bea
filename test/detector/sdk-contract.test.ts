// Contract tests against the AWS SDK's GuardDuty service model (@aws-sdk/client-guardduty, a devDependency): the
// enums read here are generated from the model and are what the API accepts today. A value AWS adds makes these
// tests fail with what to add, instead of a detector that silently gets GuardDuty's default for it.
import * as guardduty from '@aws-sdk/client-guardduty';
import { describe, expect, it } from 'vitest';
import {
  FEATURE_TABLE,
  FEATURES_NOT_SENT,
  type ProtectionPlans,
  renderApiDetectorFeatures,
  renderOrganizationFeatures,
} from '../../packages/construct-library/src/detector/protection-plans';
import { AutoEnableMembers } from '../../packages/construct-library/src/organization/auto-enable-members';

/** Plans that turn every plan and sub-setting on, with the unified runtime feature or the legacy one. */
const EVERYTHING_ON: ProtectionPlans = {
  s3DataEvents: true,
  eksAuditLogs: true,
  ebsMalwareProtection: true,
  rdsLoginEvents: true,
  rdsDataActivity: true,
  lambdaNetworkLogs: true,
  runtimeMonitoring: true,
  runtimeMonitoringAgents: {
    eksAddonManagement: true,
    ecsFargateAgentManagement: true,
    ec2AgentManagement: true,
  },
  aiProtection: true,
  aiAnalyst: true,
};
const LEGACY: ProtectionPlans = {
  eksRuntimeMonitoring: true,
  runtimeMonitoringAgents: { eksAddonManagement: true },
};
const PLAN_VARIANTS: ProtectionPlans[] = [{}, EVERYTHING_ON, LEGACY, { eksRuntimeMonitoring: false }];

interface Named {
  readonly Name: string;
  readonly AdditionalConfiguration?: readonly { readonly Name: string }[];
}

function namesSent(render: (plans: ProtectionPlans) => readonly Named[]) {
  const features = new Set<string>();
  const additional = new Set<string>();
  for (const plans of PLAN_VARIANTS) {
    for (const f of render(plans)) {
      features.add(f.Name);
      for (const a of f.AdditionalConfiguration ?? []) additional.add(a.Name);
    }
  }
  return { features, additional };
}

const detectorSent = namesSent(renderApiDetectorFeatures);
const organizationSent = namesSent((plans) => renderOrganizationFeatures(plans, AutoEnableMembers.ALL));

/**
 * The SDK enum values that are neither sent nor listed in FEATURES_NOT_SENT, and the values sent that the SDK does
 * not have. Both lists must be empty.
 */
function contractGaps(sdkValues: readonly string[], sent: ReadonlySet<string>) {
  return {
    unhandled: sdkValues.filter((v) => !sent.has(v) && !(v in FEATURES_NOT_SENT)),
    unknownToSdk: [...sent].filter((v) => !sdkValues.includes(v)),
  };
}

function expectNoGaps(
  enumName: string,
  sdkValues: readonly string[],
  sent: ReadonlySet<string>,
  request: string,
) {
  const { unhandled, unknownToSdk } = contractGaps(sdkValues, sent);
  expect(
    unhandled,
    `The SDK's ${enumName} has ${unhandled.join(', ')}, which ${request} never sends. Add a plan for each to ` +
      'FEATURE_TABLE in src/detector/protection-plans.ts (off by default if it is billed), or list it in ' +
      'FEATURES_NOT_SENT there with the reason.',
  ).toEqual([]);
  expect(
    unknownToSdk,
    `${request} sends ${unknownToSdk.join(', ')}, which the SDK's ${enumName} does not have: GuardDuty would refuse it.`,
  ).toEqual([]);
}

describe('contract with the AWS SDK GuardDuty model', () => {
  it('the detector request covers every DetectorFeature, and sends nothing else', () => {
    expectNoGaps(
      'DetectorFeature',
      Object.values(guardduty.DetectorFeature),
      detectorSent.features,
      'CreateDetector',
    );
  });

  it('the detector request covers every FeatureAdditionalConfiguration, and sends nothing else', () => {
    expectNoGaps(
      'FeatureAdditionalConfiguration',
      Object.values(guardduty.FeatureAdditionalConfiguration),
      detectorSent.additional,
      'CreateDetector',
    );
  });

  it('the organization request covers every OrgFeature, and sends nothing else (no AI_ANALYST)', () => {
    expectNoGaps(
      'OrgFeature',
      Object.values(guardduty.OrgFeature),
      organizationSent.features,
      'UpdateOrganizationConfiguration',
    );
    expect(organizationSent.features.has('AI_ANALYST')).toBe(false);
  });

  it('the organization request covers every OrgFeatureAdditionalConfiguration, and sends nothing else', () => {
    expectNoGaps(
      'OrgFeatureAdditionalConfiguration',
      Object.values(guardduty.OrgFeatureAdditionalConfiguration),
      organizationSent.additional,
      'UpdateOrganizationConfiguration',
    );
  });

  it('every feature GetDetector can report is either sent or listed as not sent', () => {
    const { unhandled } = contractGaps(Object.values(guardduty.DetectorFeatureResult), detectorSent.features);
    expect(
      unhandled,
      'Add these to FEATURE_TABLE or FEATURES_NOT_SENT in src/detector/protection-plans.ts',
    ).toEqual([]);
  });

  it('lists as not sent only values the SDK has, each with a reason', () => {
    const known = new Set<string>(Object.values(guardduty.DetectorFeatureResult));
    for (const [name, reason] of Object.entries(FEATURES_NOT_SENT)) {
      expect(known.has(name), `${name} in FEATURES_NOT_SENT is not in the SDK any more: remove it`).toBe(
        true,
      );
      expect(reason.length).toBeGreaterThan(20);
    }
  });

  it('marks as detector-only exactly the detector features the organization enum lacks', () => {
    const orgFeatures = new Set<string>(Object.values(guardduty.OrgFeature));
    expect(FEATURE_TABLE.filter((r) => r.detectorOnly).map((r) => r.feature)).toEqual(
      FEATURE_TABLE.map((r) => r.feature).filter((f) => !orgFeatures.has(f)),
    );
  });

  it('uses only statuses and auto-enable modes the SDK has', () => {
    const statuses = new Set<string>(Object.values(guardduty.FeatureStatus));
    for (const f of renderApiDetectorFeatures(EVERYTHING_ON)) {
      expect(statuses.has(f.Status)).toBe(true);
    }
    expect(Object.values(AutoEnableMembers).sort()).toEqual(Object.values(guardduty.OrgFeatureStatus).sort());
    expect(Object.values(AutoEnableMembers).sort()).toEqual(
      Object.values(guardduty.AutoEnableMembers).sort(),
    );
  });

  it('never names RUNTIME_MONITORING and EKS_RUNTIME_MONITORING in one request', () => {
    for (const plans of PLAN_VARIANTS) {
      for (const names of [
        renderApiDetectorFeatures(plans).map((f) => f.Name),
        renderOrganizationFeatures(plans, AutoEnableMembers.ALL).map((f) => f.Name),
      ]) {
        expect(names.includes('RUNTIME_MONITORING') && names.includes('EKS_RUNTIME_MONITORING')).toBe(false);
      }
    }
  });

  it('the API-shaped feature lists type-check against the SDK input types', () => {
    // Compile-time contract: tsc fails here if the shapes drift from the SDK's request types.
    const create: guardduty.CreateDetectorCommandInput = {
      Enable: true,
      Features: renderApiDetectorFeatures(EVERYTHING_ON).map((f) => ({
        Name: f.Name as guardduty.DetectorFeature,
        Status: f.Status,
        AdditionalConfiguration: f.AdditionalConfiguration?.map((a) => ({
          Name: a.Name as guardduty.FeatureAdditionalConfiguration,
          Status: a.Status,
        })),
      })),
    };
    const org: guardduty.UpdateOrganizationConfigurationCommandInput = {
      DetectorId: '12abc34d567e8fa901bc2d34e0a1b2c3',
      AutoEnableOrganizationMembers: AutoEnableMembers.ALL,
      Features: renderOrganizationFeatures(EVERYTHING_ON, AutoEnableMembers.ALL).map((f) => ({
        Name: f.Name as guardduty.OrgFeature,
        AutoEnable: f.AutoEnable,
        AdditionalConfiguration: f.AdditionalConfiguration?.map((a) => ({
          Name: a.Name as guardduty.OrgFeatureAdditionalConfiguration,
          AutoEnable: a.AutoEnable,
        })),
      })),
    };
    expect(create.Features).toHaveLength(8);
    expect(org.Features).toHaveLength(7);
  });
});

describe('contractGaps', () => {
  it('reports an SDK value the project does not send, and a sent value the SDK lacks', () => {
    expect(contractGaps(['A', 'B', 'CLOUD_TRAIL'], new Set(['A', 'Z']))).toEqual({
      unhandled: ['B'],
      unknownToSdk: ['Z'],
    });
  });
});
