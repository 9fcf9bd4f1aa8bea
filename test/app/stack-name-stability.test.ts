import { beforeAll, describe, expect, it } from 'vitest';
import { buildApp, type BuiltApp } from '../../app/build-app';
import type { AppConfig } from '../../app/config/app-config';
import { parseConfig } from '../../app/config/load-config';
import { checkedApp, checkedTemplate } from '../helpers/checked-app';

/**
 * Going from one Region to several must not rename the home stack: CloudFormation would take the renamed stack for
 * a new one and try to create a second detector and a second publishing destination next to the deployed ones
 * (issue 7). Nor may it move a stateful resource to a new logical ID, which replaces the resource.
 */

/** The resource types whose replacement loses state or fails because the old resource still exists. */
const STATEFUL_TYPES = [
  'AWS::GuardDuty::Detector',
  'AWS::GuardDuty::PublishingDestination',
  'AWS::GuardDuty::Filter',
  'AWS::S3::Bucket',
  'AWS::KMS::Key',
  'AWS::SNS::Topic',
  'AWS::SQS::Queue',
];

const ACCOUNT = '111122223333';

/** A single-Region configuration with every kind of stateful resource: archive, alerts, suppression rules. */
function singleRegion(extra: Partial<AppConfig> = {}): Record<string, unknown> {
  return {
    env: { account: ACCOUNT, region: 'ap-northeast-1' },
    alerts: { notificationEmails: ['secops@example.com'] },
    suppressionRules: [
      { name: 'scanner', criteria: { type: { equals: ['Recon:EC2/PortProbeUnprotectedPort'] } } },
    ],
    ...extra,
  };
}

/**
 * The same configuration with `regions`. The schema refuses `env.region` next to `regions` (with `regions`, each
 * stack goes to its own Region), so it moves from `env.region` to `regions`; `env.account` stays.
 */
function withRegions(regions: string[], extra: Partial<AppConfig> = {}): Record<string, unknown> {
  return { ...singleRegion(extra), env: { account: ACCOUNT }, regions };
}

interface Built {
  readonly built: BuiltApp;
  /** The home stack's template. */
  readonly template: Record<string, unknown>;
  /** `<type> <logical ID>` of every stateful resource of the home stack, sorted. */
  readonly stateful: string[];
}

/** Checks the configuration and builds the app from it as `bin/app.ts` does, with every check on. */
function build(data: Record<string, unknown>): Built {
  const config = parseConfig(data, 'test.json');
  const built = buildApp(checkedApp({ nag: false }), config);
  const template = checkedTemplate(built.home).toJSON();
  const resources = template.Resources as Record<string, { Type: string }>;
  const stateful = Object.entries(resources)
    .filter(([, r]) => STATEFUL_TYPES.includes(r.Type))
    .map(([id, r]) => `${r.Type} ${id}`)
    .sort();
  return { built, template, stateful };
}

describe.each([
  ['an explicit stackName', { stackName: 'GuardDuty' }, 'GuardDuty'],
  ['the default stackName', {}, 'GuardDutyThreatDetection'],
])('from one Region to several, with %s', (_name, extra: Partial<AppConfig>, stackName) => {
  let single: Built;
  let oneRegion: Built;
  let twoRegions: Built;
  beforeAll(() => {
    single = build(singleRegion(extra));
    oneRegion = build(withRegions(['ap-northeast-1'], extra));
    twoRegions = build({
      ...withRegions(['ap-northeast-1', 'us-east-1'], extra),
      homeRegion: 'ap-northeast-1',
    });
  });
  const all = () => [single, oneRegion, twoRegions];

  it('keeps the home stack name and artifact ID, in the same account and Region', () => {
    for (const { built } of all()) {
      expect(built.home.stackName).toBe(stackName);
      expect(built.home.artifactId).toBe(stackName);
      expect(built.home.account).toBe(ACCOUNT);
      expect(built.home.region).toBe('ap-northeast-1');
    }
  });

  it('gives only the other Region a new stack, <stackName>-<region>', () => {
    expect(single.built.stacks.map((s) => s.stackName)).toEqual([stackName]);
    expect(oneRegion.built.stacks.map((s) => s.stackName)).toEqual([stackName]);
    expect(twoRegions.built.stacks.map((s) => s.stackName)).toEqual([stackName, `${stackName}-us-east-1`]);
  });

  it('has every kind of stateful resource in the home stack', () => {
    const types = new Set(single.stateful.map((s) => s.split(' ')[0]));
    expect([...types].sort()).toEqual([...STATEFUL_TYPES].sort());
  });

  it('keeps the logical ID of every stateful resource of the home stack', () => {
    expect(oneRegion.stateful).toEqual(single.stateful);
    expect(twoRegions.stateful).toEqual(single.stateful);
  });

  it('names the archive parameter of the other Regions after the home stack', () => {
    expect(twoRegions.built.home.threatDetection.archiveParameterName).toBe(
      `/cdk-guardduty-threat-detection/${stackName}/findings-archive`,
    );
  });
});

describe('from an environment-agnostic stack (the default app) to regions', () => {
  it('keeps the stack name and the logical IDs; only the GuardDuty principal becomes literal', () => {
    const agnostic = singleRegion();
    delete agnostic.env;
    const before = build(agnostic);
    const after = build({ ...agnostic, regions: ['ap-northeast-1'] });
    expect(before.built.home.environment).toBe('aws://unknown-account/unknown-region');
    expect(after.built.home.stackName).toBe(before.built.home.stackName);
    expect(after.built.home.artifactId).toBe(before.built.home.artifactId);
    expect(after.stateful).toEqual(before.stateful);
    // The Region is known now: the principal is written out, and the deploy-time condition goes.
    expect(Object.keys(before.template.Conditions as object)).toEqual(['GuardDutyExportFromOptInRegion']);
    expect(after.template.Conditions).toBeUndefined();
  });
});

describe('a home stack deployed by an earlier version as <stackName>-<homeRegion>', () => {
  let legacy: Built;
  beforeAll(() => {
    legacy = build({
      ...withRegions(['ap-northeast-1', 'us-east-1'], { stackName: 'GuardDuty' }),
      homeRegion: 'ap-northeast-1',
      homeStackName: 'GuardDuty-ap-northeast-1',
    });
  });

  it('keeps its name with homeStackName, while the other Regions keep <stackName>-<region>', () => {
    expect(legacy.built.stacks.map((s) => s.stackName)).toEqual([
      'GuardDuty-ap-northeast-1',
      'GuardDuty-us-east-1',
    ]);
    expect(legacy.built.home.artifactId).toBe('GuardDuty-ap-northeast-1');
  });

  it('keeps the archive parameter name the other Regions already read', () => {
    expect(legacy.built.home.threatDetection.archiveParameterName).toBe(
      '/cdk-guardduty-threat-detection/GuardDuty-ap-northeast-1/findings-archive',
    );
  });

  it('keeps the logical IDs of the stateful resources', () => {
    expect(legacy.stateful).toEqual(build(singleRegion({ stackName: 'GuardDuty' })).stateful);
  });
});
