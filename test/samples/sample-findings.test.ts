import * as fs from 'node:fs';
import * as path from 'node:path';
import { describe, expect, it } from 'vitest';

/**
 * Validates the sample GuardDuty finding events in samples/*.json: envelope shape, camelCase detail keys,
 * severity bands that agree with each finding type's documented default, and the coverage the corpus
 * promises (see samples/README.md).
 */

type Json = null | boolean | number | string | Json[] | { [key: string]: Json };
type JsonObject = { [key: string]: Json };
type Band = 'Low' | 'Medium' | 'High' | 'Critical';

const SAMPLES_DIR = path.join(__dirname, '..', '..', 'samples');

const ACCOUNTS = new Set(['111122223333', '444455556666', '777788889999']);
const MEMBER_ACCOUNT = '444455556666';

/**
 * Documented default severity of each finding type in the corpus (GuardDuty User Guide, finding type pages).
 * Several bands = the type's severity varies with context (e.g. "Low*", "Variable", "Varies depending on the
 * detected threat").
 */
const DOCUMENTED_BANDS: Record<string, readonly Band[]> = {
  // Low*: High when the probed port is used by Elasticsearch (9200 or 9300).
  'Recon:EC2/PortProbeUnprotectedPort': ['Low', 'High'],
  // Low*: Low when the instance is the target, High when it performs the attack.
  'UnauthorizedAccess:EC2/SSHBruteForce': ['Low', 'High'],
  'Recon:EC2/Portscan': ['Medium'],
  'CryptoCurrency:EC2/BitcoinTool.B!DNS': ['High'],
  'Backdoor:EC2/C&CActivity.B': ['High'],
  'Trojan:EC2/DNSDataExfiltration': ['High'],
  'Trojan:EC2/BlackholeTraffic': ['Medium'],
  'UnauthorizedAccess:IAMUser/InstanceCredentialExfiltration.OutsideAWS': ['High'],
  'Policy:IAMUser/RootCredentialUsage': ['Low'],
  'Stealth:IAMUser/CloudTrailLoggingDisabled': ['Low'],
  'Discovery:S3/AnomalousBehavior': ['Low'],
  'Exfiltration:S3/AnomalousBehavior': ['High'],
  'Policy:S3/BucketBlockPublicAccessDisabled': ['Low'],
  'PrivilegeEscalation:Kubernetes/PrivilegedContainer': ['Medium'],
  'Execution:Runtime/NewBinaryExecuted': ['Medium'],
  'Impact:Runtime/CryptoMinerExecuted': ['High'],
  // Variable: Low (private IP), Medium (public IP), High (after a pattern of failed logins).
  'CredentialAccess:RDS/AnomalousBehavior.SuccessfulLogin': ['Low', 'Medium', 'High'],
  'CredentialAccess:RDS/AnomalousBehavior.SuccessfulBruteForce': ['High'],
  'Backdoor:Lambda/C&CActivity.B': ['High'],
  // Varies depending on the detected threat.
  'Execution:EC2/MaliciousFile': ['Low', 'Medium', 'High'],
  'Execution:Container/MaliciousFile': ['Low', 'Medium', 'High'],
  'Object:S3/MaliciousFile': ['High'],
  'AttackSequence:IAM/CompromisedCredentials': ['Critical'],
  'AttackSequence:S3/CompromisedData': ['Critical'],
  // AI Protection (https://docs.aws.amazon.com/guardduty/latest/ug/findings-ai-protection.html gives the types and the
  // AccessKey resource type). Their default severity is unverified: Low comes from a third-party write-up, so the
  // Low severities of these samples are illustrative.
  'Impact:IAMUser/AnomalousModelInvocation': ['Low'],
  'Impact:IAMUser/PromptInjection.Direct': ['Low'],
  // RDS Protection for data activity. Unverified, from a third-party summary of the 2026-10-08 launch: Variable, Low
  // (private network), Medium (public IP), High (unknown network or a high-privilege role reading in bulk).
  'Exfiltration:RDS/AnomalousBehavior': ['Low', 'Medium', 'High'],
  // Runtime Monitoring, launched 2026-07-01. Unverified: one third-party summary gives Medium, another High.
  'Persistence:Runtime/SensitiveFileModified': ['Medium', 'High'],
};

/** The resource.*Details member that must be present for each resource type. */
const DETAILS_FOR_RESOURCE_TYPE: Record<string, string> = {
  Instance: 'instanceDetails',
  AccessKey: 'accessKeyDetails',
  S3Bucket: 's3BucketDetails',
  S3Object: 's3BucketDetails',
  EKSCluster: 'eksClusterDetails',
  ECSCluster: 'ecsClusterDetails',
  Container: 'containerDetails',
  Lambda: 'lambdaDetails',
  RDSDBInstance: 'rdsDbInstanceDetails',
  RDSLimitlessDB: 'rdsLimitlessDbDetails',
};

/** Keys that GuardDuty itself serialises in PascalCase (no locationName in the API model), by parent key. */
const WIRE_PASCAL_CASE_KEYS: Record<string, readonly string[]> = {
  rdsLoginAttemptAction: ['LoginAttributes'],
};
/**
 * Maps whose keys are data, not schema member names: resource type names (`affectedResources`) and the profile and
 * feature names of an anomaly (`detection.anomaly.profiles`, `detection.anomaly.unusual.behavior`).
 */
const DATA_KEYED_MAPS = new Set(['affectedResources', 'profiles', 'behavior']);

const HEX32 = /^[0-9a-f]{32}$/;
const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/;
const ISO_TIME = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(\.\d{3})?Z$/;
const FINDING_TYPE = /^[A-Za-z]+:[A-Za-z0-9]+\/[A-Za-z0-9.!&]+$/;

function isObject(value: Json | undefined): value is JsonObject {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

function obj(value: Json | undefined, where: string): JsonObject {
  if (!isObject(value)) throw new Error(`${where} is not an object`);
  return value;
}

function str(value: Json | undefined, where: string): string {
  if (typeof value !== 'string') throw new Error(`${where} is not a string`);
  return value;
}

function num(value: Json | undefined, where: string): number {
  if (typeof value !== 'number') throw new Error(`${where} is not a number`);
  return value;
}

function bandOf(severity: number): Band | undefined {
  if (severity >= 1 && severity < 4) return 'Low';
  if (severity >= 4 && severity < 7) return 'Medium';
  if (severity >= 7 && severity < 9) return 'High';
  if (severity >= 9 && severity <= 10) return 'Critical';
  return undefined;
}

/** Every object key below `value`, with its parent key, skipping data-keyed maps. */
function collectKeys(value: Json, parentKey: string, out: { key: string; parent: string }[]): void {
  if (Array.isArray(value)) {
    for (const item of value) collectKeys(item, parentKey, out);
    return;
  }
  if (!isObject(value)) return;
  for (const [key, child] of Object.entries(value)) {
    out.push({ key, parent: parentKey });
    if (!DATA_KEYED_MAPS.has(key)) collectKeys(child, key, out);
  }
}

interface Sample {
  file: string;
  raw: string;
  event: JsonObject;
  detail: JsonObject;
  service: JsonObject;
  resource: JsonObject;
}

function loadSamples(): Sample[] {
  const files = fs
    .readdirSync(SAMPLES_DIR)
    .filter((name) => name.endsWith('.json'))
    .sort();
  return files.map((file) => {
    const raw = fs.readFileSync(path.join(SAMPLES_DIR, file), 'utf8');
    const event = obj(JSON.parse(raw) as Json, `${file}`);
    const detail = obj(event.detail, `${file}: detail`);
    return {
      file,
      raw,
      event,
      detail,
      service: obj(detail.service, `${file}: detail.service`),
      resource: obj(detail.resource, `${file}: detail.resource`),
    };
  });
}

const samples = loadSamples();

describe('samples/*.json', () => {
  it('contains sample files, each listed in the table of samples/README.md', () => {
    expect(samples.length).toBeGreaterThanOrEqual(22);
    const readme = fs.readFileSync(path.join(SAMPLES_DIR, 'README.md'), 'utf8');
    expect(samples.filter((s) => !readme.includes(`| \`${s.file}\``)).map((s) => s.file)).toEqual([]);
  });

  describe.each(samples.map((s) => [s.file, s] as const))('%s', (file, s) => {
    it('has a kebab-case file name', () => {
      expect(file).toMatch(/^[a-z0-9]+(-[a-z0-9]+)*\.json$/);
    });

    it('is an EventBridge "GuardDuty Finding" envelope', () => {
      const e = s.event;
      expect(Object.keys(e).sort()).toEqual(
        ['account', 'detail', 'detail-type', 'id', 'region', 'resources', 'source', 'time', 'version'].sort(),
      );
      expect(e.version).toBe('0');
      expect(str(e.id, 'id')).toMatch(UUID);
      expect(e['detail-type']).toBe('GuardDuty Finding');
      expect(e.source).toBe('aws.guardduty');
      expect(str(e.account, 'account')).toMatch(/^\d{12}$/);
      expect(ACCOUNTS.has(str(e.account, 'account'))).toBe(true);
      expect(str(e.time, 'time')).toMatch(ISO_TIME);
      expect(str(e.region, 'region')).toMatch(/^[a-z]{2}(-[a-z]+)+-\d$/);
      expect(e.resources).toEqual([]);
    });

    it('has the required finding fields with the right types', () => {
      const d = s.detail;
      expect(d.schemaVersion).toBe('2.0');
      expect(d.accountId).toBe(s.event.account);
      expect(d.region).toBe(s.event.region);
      expect(d.partition).toBe('aws');
      const id = str(d.id, 'detail.id');
      expect(id).toMatch(HEX32);
      const detectorId = str(s.service.detectorId, 'service.detectorId');
      expect(detectorId).toMatch(HEX32);
      expect(d.arn).toBe(
        `arn:aws:guardduty:${str(d.region, 'region')}:${str(d.accountId, 'accountId')}:detector/${detectorId}/finding/${id}`,
      );
      expect(str(d.type, 'type')).toMatch(FINDING_TYPE);
      expect(typeof d.severity).toBe('number');
      expect(str(d.createdAt, 'createdAt')).toMatch(ISO_TIME);
      expect(str(d.updatedAt, 'updatedAt')).toMatch(ISO_TIME);
      expect(Date.parse(str(d.updatedAt, 'updatedAt'))).toBeGreaterThanOrEqual(
        Date.parse(str(d.createdAt, 'createdAt')),
      );
      expect(Date.parse(str(s.event.time, 'time'))).toBeGreaterThanOrEqual(
        Date.parse(str(d.createdAt, 'createdAt')),
      );
      expect(str(d.title, 'title').trim()).not.toBe('');
      expect(str(d.description, 'description').trim()).not.toBe('');
      expect(typeof s.resource.resourceType).toBe('string');
    });

    it('has the required service fields with the right types', () => {
      const sv = s.service;
      expect(sv.serviceName).toBe('guardduty');
      expect(isObject(sv.additionalInfo)).toBe(true);
      expect(typeof sv.archived).toBe('boolean');
      const count = num(sv.count, 'service.count');
      expect(Number.isInteger(count)).toBe(true);
      expect(count).toBeGreaterThanOrEqual(1);
      const first = str(sv.eventFirstSeen, 'eventFirstSeen');
      const last = str(sv.eventLastSeen, 'eventLastSeen');
      expect(first).toMatch(ISO_TIME);
      expect(last).toMatch(ISO_TIME);
      expect(Date.parse(last)).toBeGreaterThanOrEqual(Date.parse(first));
      if (sv.resourceRole !== undefined) expect(['TARGET', 'ACTOR']).toContain(sv.resourceRole);
      // Each finding says what happened somewhere: an action, an attack sequence, runtime or malware-scan details.
      const evidence = [
        'action',
        'detection',
        'runtimeDetails',
        'ebsVolumeScanDetails',
        'malwareScanDetails',
      ];
      expect(evidence.some((k) => sv[k] !== undefined)).toBe(true);
      if (sv.action !== undefined) expect(typeof obj(sv.action, 'service.action').actionType).toBe('string');
    });

    it('uses camelCase keys inside detail (only the documented PascalCase wire keys are allowed)', () => {
      const keys: { key: string; parent: string }[] = [];
      collectKeys(s.detail, 'detail', keys);
      const offenders = keys
        .filter(({ key }) => /^[A-Z]/.test(key))
        .filter(({ key, parent }) => !(WIRE_PASCAL_CASE_KEYS[parent] ?? []).includes(key))
        .map(({ key, parent }) => `${parent}.${key}`);
      expect(offenders).toEqual([]);
      for (const banned of ['AccountId', 'Severity', 'Resource', 'Service', 'Type', 'Id', 'Arn']) {
        expect(keys.map((k) => k.key)).not.toContain(banned);
      }
    });

    it('has a severity within the band of its documented default severity', () => {
      const type = str(s.detail.type, 'type');
      const severity = num(s.detail.severity, 'severity');
      const band = bandOf(severity);
      expect(band, `severity ${severity} is outside 1.0-10.0`).toBeDefined();
      const allowed = DOCUMENTED_BANDS[type];
      expect(allowed, `${type} is missing from DOCUMENTED_BANDS`).toBeDefined();
      expect(allowed).toContain(band);
    });

    it('agrees with the context rules of variable-severity types', () => {
      const type = str(s.detail.type, 'type');
      const band = bandOf(num(s.detail.severity, 'severity'));
      if (type === 'UnauthorizedAccess:EC2/SSHBruteForce') {
        expect(band).toBe(s.service.resourceRole === 'ACTOR' ? 'High' : 'Low');
      }
      if (type === 'Recon:EC2/PortProbeUnprotectedPort') {
        const probe = obj(obj(s.service.action, 'action').portProbeAction, 'portProbeAction');
        const details = probe.portProbeDetails as Json[];
        const ports = details.map((p) => num(obj(obj(p, 'probe').localPortDetails, 'port').port, 'port'));
        const elasticsearch = ports.some((p) => p === 9200 || p === 9300);
        expect(band).toBe(elasticsearch ? 'High' : 'Low');
      }
    });

    it('carries the details that match its resource type', () => {
      const resourceType = str(s.resource.resourceType, 'resourceType');
      if (resourceType === 'AttackSequence') {
        const sequence = obj(obj(s.service.detection, 'detection').sequence, 'sequence');
        expect(typeof sequence.uid).toBe('string');
        expect(typeof sequence.description).toBe('string');
        const signals = sequence.signals as Json[];
        expect(signals.length).toBeGreaterThanOrEqual(1);
        for (const signal of signals) {
          const sg = obj(signal, 'signal');
          for (const key of ['uid', 'type', 'name']) expect(typeof sg[key]).toBe('string');
          for (const key of ['createdAt', 'firstSeenAt', 'lastSeenAt', 'count'])
            expect(typeof sg[key]).toBe('number');
        }
        return;
      }
      const member = DETAILS_FOR_RESOURCE_TYPE[resourceType];
      expect(member, `unknown resourceType ${resourceType}`).toBeDefined();
      expect(s.resource[member]).toBeDefined();
      if (resourceType === 'S3Bucket' || resourceType === 'S3Object') {
        const buckets = s.resource.s3BucketDetails as Json[];
        expect(buckets.length).toBeGreaterThanOrEqual(1);
        if (resourceType === 'S3Object') {
          expect((obj(buckets[0], 'bucket').s3ObjectDetails as Json[]).length).toBeGreaterThanOrEqual(1);
        }
      }
    });

    it('uses only documentation or private IPv4 addresses and example.com DNS names', () => {
      const ips = s.raw.match(/\b\d{1,3}\.\d{1,3}\.\d{1,3}\.\d{1,3}\b/g) ?? [];
      const allowed = /^(192\.0\.2\.|198\.51\.100\.|203\.0\.113\.|10\.)/;
      expect(ips.filter((ip) => !allowed.test(ip))).toEqual([]);
      const action = s.service.action;
      if (isObject(action) && isObject(action.dnsRequestAction)) {
        expect(str(action.dnsRequestAction.domain, 'domain')).toMatch(/(^|\.)example\.com$/);
      }
    });
  });
});

describe('corpus coverage', () => {
  const types = new Set(samples.map((s) => str(s.detail.type, 'type')));
  const bandCounts = new Map<Band, number>();
  for (const s of samples) {
    const band = bandOf(num(s.detail.severity, 'severity'));
    if (band) bandCounts.set(band, (bandCounts.get(band) ?? 0) + 1);
  }

  it('has at least 22 distinct finding types, all listed in DOCUMENTED_BANDS', () => {
    expect(types.size).toBeGreaterThanOrEqual(22);
    for (const type of types) expect(Object.keys(DOCUMENTED_BANDS)).toContain(type);
  });

  it('covers all four severity bands with at least two findings each', () => {
    for (const band of ['Low', 'Medium', 'High', 'Critical'] as const) {
      expect(bandCounts.get(band) ?? 0, band).toBeGreaterThanOrEqual(2);
    }
  });

  it('includes fractional and band-boundary severities', () => {
    const severities = samples.map((s) => num(s.detail.severity, 'severity'));
    expect(severities.some((v) => !Number.isInteger(v))).toBe(true);
    for (const boundary of [3.9, 4, 6.9, 7, 8.9, 9]) expect(severities).toContain(boundary);
  });

  it('has at least 7 distinct resource types', () => {
    const resourceTypes = new Set(samples.map((s) => str(s.resource.resourceType, 'resourceType')));
    expect(resourceTypes.size).toBeGreaterThanOrEqual(7);
  });

  it('has exactly the coverage that samples/README.md states (update both together)', () => {
    const resourceTypes = new Set(samples.map((s) => str(s.resource.resourceType, 'resourceType')));
    const regions = new Set(samples.map((s) => str(s.detail.region, 'region')));
    expect({
      files: samples.length,
      types: types.size,
      bands: Object.fromEntries(
        ['Low', 'Medium', 'High', 'Critical'].map((b) => [b, bandCounts.get(b as Band)]),
      ),
      resourceTypes: resourceTypes.size,
      regions: regions.size,
    }).toEqual({
      files: 29,
      types: 28,
      bands: { Low: 8, Medium: 7, High: 12, Critical: 2 },
      resourceTypes: 11,
      regions: 5,
    });
  });

  it('includes the 2026 finding families: AI Protection, RDS data activity and sensitive-file modification', () => {
    const byType = (type: string) => samples.filter((s) => s.detail.type === type);
    for (const type of ['Impact:IAMUser/AnomalousModelInvocation', 'Impact:IAMUser/PromptInjection.Direct']) {
      expect(byType(type).map((s) => s.resource.resourceType)).toEqual(['AccessKey']);
    }
    const [invocation] = byType('Impact:IAMUser/AnomalousModelInvocation');
    expect((invocation.resource.modelDetails as Json[]).length).toBeGreaterThanOrEqual(1);
    const [injection] = byType('Impact:IAMUser/PromptInjection.Direct');
    expect(obj(injection.resource.bedrockGuardrailDetails, 'bedrockGuardrailDetails').guardrailAction).toBe(
      'GUARDRAIL_INTERVENED',
    );
    const [rds] = byType('Exfiltration:RDS/AnomalousBehavior');
    expect(['RDSDBInstance', 'RDSDBCluster']).toContain(rds.resource.resourceType);
    const [sensitive] = byType('Persistence:Runtime/SensitiveFileModified');
    const context = obj(obj(sensitive.service.runtimeDetails, 'runtimeDetails').context, 'context');
    expect(typeof context.filePath).toBe('string');
    expect(typeof context.fileOperation).toBe('string');
  });

  it('has exactly one sample finding, titled "[SAMPLE] ..."', () => {
    const flagged = samples.filter((s) => obj(s.service.additionalInfo, 'additionalInfo').sample === true);
    expect(flagged.map((s) => s.file)).toHaveLength(1);
    expect(str(flagged[0].detail.title, 'title').startsWith('[SAMPLE]')).toBe(true);
    const titled = samples.filter((s) => str(s.detail.title, 'title').startsWith('[SAMPLE]'));
    expect(titled.map((s) => s.file)).toEqual(flagged.map((s) => s.file));
  });

  it('has exactly one archived finding', () => {
    expect(samples.filter((s) => s.service.archived === true)).toHaveLength(1);
  });

  it('has exactly one re-published finding (count > 1) whose last-seen and updated times moved on', () => {
    const republished = samples.filter((s) => num(s.service.count, 'count') > 1);
    expect(republished).toHaveLength(1);
    const r = republished[0];
    expect(Date.parse(str(r.service.eventLastSeen, 'eventLastSeen'))).toBeGreaterThan(
      Date.parse(str(r.service.eventFirstSeen, 'eventFirstSeen')),
    );
    expect(Date.parse(str(r.detail.updatedAt, 'updatedAt'))).toBeGreaterThan(
      Date.parse(str(r.detail.createdAt, 'createdAt')),
    );
  });

  it('has at least one Critical attack sequence finding', () => {
    const sequences = samples.filter(
      (s) =>
        str(s.detail.type, 'type').startsWith('AttackSequence:') &&
        bandOf(num(s.detail.severity, 'severity')) === 'Critical',
    );
    expect(sequences.length).toBeGreaterThanOrEqual(1);
    for (const s of sequences) expect(s.resource.resourceType).toBe('AttackSequence');
  });

  it('includes a member-account finding and at least two Regions besides us-east-1, one of them ap-northeast-1', () => {
    expect(samples.some((s) => s.detail.accountId === MEMBER_ACCOUNT)).toBe(true);
    const regions = new Set(samples.map((s) => str(s.detail.region, 'region')));
    regions.delete('us-east-1');
    expect(regions.size).toBeGreaterThanOrEqual(2);
    expect(regions.has('ap-northeast-1')).toBe(true);
  });

  it('has realistic gaps: findings without instanceDetails and an instance without a public IP', () => {
    expect(samples.some((s) => s.resource.instanceDetails === undefined)).toBe(true);
    const privateOnly = samples.filter((s) => {
      const details = s.resource.instanceDetails;
      if (!isObject(details)) return false;
      return (details.networkInterfaces as Json[]).every((eni) => obj(eni, 'eni').publicIp === undefined);
    });
    expect(privateOnly.length).toBeGreaterThanOrEqual(1);
  });

  it('has a description with quotes and a newline to exercise escaping', () => {
    expect(
      samples.some((s) => {
        const description = str(s.detail.description, 'description');
        return description.includes('"') && description.includes('\n');
      }),
    ).toBe(true);
  });

  it('uses unique event ids and finding ids', () => {
    const eventIds = samples.map((s) => s.event.id);
    const findingIds = samples.map((s) => s.detail.id);
    expect(new Set(eventIds).size).toBe(eventIds.length);
    expect(new Set(findingIds).size).toBe(findingIds.length);
  });
});
