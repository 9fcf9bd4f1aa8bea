import * as fs from 'node:fs';
import * as path from 'node:path';
import { describe, expect, it } from 'vitest';
import { main } from '../../cli/main';
import { explainMismatch } from '../../cli/preview/explain';
import { matchesEventPattern } from '../../cli/preview/event-pattern-matcher';
import { type PreviewStack, previewEvents } from '../../cli/preview/preview';
import { RouteMetadataFormat } from '../../packages/construct-library/src';
import { routeEventPattern } from '../../packages/construct-library/src/alerts/alert-route';
import {
  bandsIn,
  SeverityRange,
  FindingSeverity,
} from '../../packages/construct-library/src/alerts/severity';

const ROOT = path.join(__dirname, '..', '..');
const read = (file: string) => JSON.parse(fs.readFileSync(path.join(ROOT, 'samples', file), 'utf8'));
const PORTSCAN = read('recon-ec2-portscan.json'); // Recon:EC2/Portscan, 4, count 1, not a sample
const SAMPLE_FINDING = read('sample-trojan-ec2-blackhole-traffic.json'); // 5, sample: true
const ARCHIVED = read('unauthorized-access-ec2-ssh-brute-force.json'); // archived: true

type Route = Parameters<typeof routeEventPattern>[0];
/** The pattern the constructs write for a route, in its first severity band, or in the band that holds `severity`. */
function patternOf(route: Route, severity?: number): Record<string, unknown> {
  const patterns = bandsIn(route.severity ?? SeverityRange.atLeast(FindingSeverity.HIGH)).map((band) =>
    routeEventPattern(route, band),
  );
  if (severity === undefined) return patterns[0];
  const inBand = (p: Record<string, unknown>) =>
    matchesEventPattern(
      { detail: { severity: (p.detail as Record<string, unknown>).severity } },
      { detail: { severity } },
    );
  return patterns.find(inBand)!;
}

describe('explainMismatch on the patterns the constructs write', () => {
  it('names the severity and the bound it misses', () => {
    expect(explainMismatch(patternOf({ name: 'r', channels: [] }), PORTSCAN)).toEqual(['severity 4 below 7']);
    const medium = patternOf({
      name: 'r',
      channels: [],
      severity: SeverityRange.atLeast(FindingSeverity.MEDIUM),
    });
    expect(explainMismatch(medium, { ...PORTSCAN, detail: { ...PORTSCAN.detail, severity: 7.2 } })).toEqual([
      'severity 7.2 not below 7',
    ]);
  });

  it('says a type is excluded by a prefix, or not in the list', () => {
    const route = { name: 'r', channels: [], severity: SeverityRange.atLeast(FindingSeverity.LOW) };
    expect(explainMismatch(patternOf({ ...route, excludeFindingTypes: ['Recon:*'] }, 4), PORTSCAN)).toEqual([
      'type excluded by prefix Recon:',
    ]);
    expect(
      explainMismatch(patternOf({ ...route, excludeFindingTypes: ['Recon:EC2/Portscan'] }, 4), PORTSCAN),
    ).toEqual(['type Recon:EC2/Portscan is excluded (Recon:EC2/Portscan)']);
    expect(
      explainMismatch(
        patternOf(
          {
            ...route,
            findingTypes: ['Backdoor:*', 'Trojan:*', 'Policy:IAMUser/RootCredentialUsage'],
          },
          4,
        ),
        PORTSCAN,
      ),
    ).toEqual([
      'type Recon:EC2/Portscan is not Policy:IAMUser/RootCredentialUsage and has none of the prefixes Backdoor:, Trojan:',
    ]);
  });

  it('says "sample finding" and "archived finding"', () => {
    const route = { name: 'r', channels: [], severity: SeverityRange.atLeast(FindingSeverity.LOW) };
    expect(explainMismatch(patternOf(route, 5), SAMPLE_FINDING)).toEqual(['sample finding']);
    expect(explainMismatch(patternOf(route, 2), ARCHIVED)).toEqual(['archived finding']);
  });

  it('lists every failing condition, accounts and resource types included, and nothing for a match', () => {
    const route = {
      name: 'r',
      channels: [],
      accountIds: ['444455556666'],
      resourceTypes: ['S3Bucket', 'AccessKey'],
      firstOccurrenceOnly: true,
    };
    const repeated = {
      ...PORTSCAN,
      detail: { ...PORTSCAN.detail, service: { ...PORTSCAN.detail.service, count: 37 } },
    };
    expect(explainMismatch(patternOf(route), repeated)).toEqual([
      'severity 4 below 7',
      'accountId 111122223333 is not 444455556666',
      'resource.resourceType Instance is not S3Bucket or AccessKey',
      'service.count 37 is not 1',
    ]);
    expect(
      explainMismatch(
        patternOf({ name: 'r', channels: [], severity: SeverityRange.atLeast(FindingSeverity.LOW) }, 4),
        PORTSCAN,
      ),
    ).toEqual([]);
  });

  it('names envelope fields and missing fields', () => {
    expect(
      explainMismatch(
        { source: ['aws.guardduty'], 'detail-type': ['GuardDuty Finding'] },
        { source: 'aws.securityhub' },
      ),
    ).toEqual(['source aws.securityhub is not aws.guardduty', 'detail-type is missing']);
    expect(
      explainMismatch(
        { detail: { resource: { s3BucketDetails: { name: [{ prefix: 'logs-' }] } } } },
        PORTSCAN,
      ),
    ).toEqual(['resource.s3BucketDetails.name is missing']);
  });
});

const ruleOf = (route: string, label: string, pattern: unknown) => ({
  Type: 'AWS::Events::Rule',
  Properties: { EventPattern: pattern, Targets: [{ Id: 'T' }] },
  Metadata: {
    [RouteMetadataFormat.KEY]: {
      route,
      severityLabel: label,
      targets: { T: { channel: 'mail', type: 'email' } },
    },
  },
});
const LOW = SeverityRange.atLeast(FindingSeverity.LOW);
const STACKS: PreviewStack[] = [
  {
    id: 'Alerts',
    template: {
      Resources: {
        DefaultHigh: ruleOf('default', 'HIGH', patternOf({ name: 'default', channels: [] })),
        NoReconMedium: ruleOf(
          'no-recon',
          'MEDIUM',
          patternOf({ name: 'no-recon', channels: [], severity: LOW, excludeFindingTypes: ['Recon:*'] }, 4),
        ),
        AllLow: ruleOf(
          'all',
          'LOW',
          routeEventPattern({ name: 'all', channels: [], severity: LOW }, bandsIn(LOW)[0]),
        ),
        AllMedium: ruleOf(
          'all',
          'MEDIUM',
          routeEventPattern({ name: 'all', channels: [], severity: LOW }, bandsIn(LOW)[1]),
        ),
        Unrouted: {
          Type: 'AWS::Events::Rule',
          Properties: { EventPattern: { source: ['aws.health'] }, Targets: [] },
        },
      },
    },
  },
];

describe('explanations in the engine and the command', () => {
  it('explains each rule of a route that does not deliver, skips routes that deliver and rules without metadata', () => {
    const [plain] = previewEvents(STACKS, [{ file: 'e', event: PORTSCAN }]);
    expect(plain.explanations).toBeUndefined();
    const [result] = previewEvents(STACKS, [{ file: 'e', event: PORTSCAN }], { explain: true });
    expect(result.deliveries.map((d) => `${d.route}:${d.rule}`)).toEqual(['all:AllMedium']);
    expect(result.explanations).toEqual([
      {
        stack: 'Alerts',
        rule: 'DefaultHigh',
        route: 'default',
        severityLabel: 'HIGH',
        reasons: ['severity 4 below 7'],
      },
      {
        stack: 'Alerts',
        rule: 'NoReconMedium',
        route: 'no-recon',
        severityLabel: 'MEDIUM',
        reasons: ['type excluded by prefix Recon:'],
      },
    ]);
  });

  it('prints them with --explain, in text and in JSON', () => {
    const run = (args: string[]) => {
      let stdout = '';
      const status = main(['preview', ...args], {
        stdout: (t) => (stdout += t),
        stderr: () => {},
        synthesize: () => STACKS,
      });
      return { status, stdout };
    };
    const file = 'samples/recon-ec2-portscan.json';
    const text = run(['--explain', file]);
    expect(text.status).toBe(0);
    expect(text.stdout).toContain(
      '  Not delivered by:\n' +
        '    default (HIGH), rule DefaultHigh in Alerts: severity 4 below 7\n' +
        '    no-recon (MEDIUM), rule NoReconMedium in Alerts: type excluded by prefix Recon:\n',
    );
    const [json] = JSON.parse(run(['--json', '--explain', file]).stdout);
    expect(Object.keys(json)).toEqual(['file', 'findingType', 'severity', 'deliveries', 'explanations']);
    expect(json.explanations.map((x: { reasons: string[] }) => x.reasons)).toEqual([
      ['severity 4 below 7'],
      ['type excluded by prefix Recon:'],
    ]);
    expect(Object.keys(JSON.parse(run(['--json', file]).stdout)[0])).not.toContain('explanations');
  });
});
