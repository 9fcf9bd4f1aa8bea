import * as fs from 'node:fs';
import * as path from 'node:path';
import { describe, expect, it } from 'vitest';
import { PreviewError, type PreviewStack, previewEvents } from '../../cli/preview/preview';
import { archivesFinding, type SuppressionFilter, valuesAt } from '../../cli/preview/suppression';
import {
  type FindingCriterion,
  renderFindingCriteria,
} from '../../packages/construct-library/src/detector/finding-criterion';
import { RouteMetadataFormat } from '../../packages/construct-library/src';

const ROOT = path.join(__dirname, '..', '..');
const read = (file: string) => JSON.parse(fs.readFileSync(path.join(ROOT, 'samples', file), 'utf8'));
/** Recon:EC2/Portscan, severity 4, eu-west-1, account 111122223333, tag Name=qa-scanner, remote 203.0.113.201:3306. */
const PORTSCAN = read('recon-ec2-portscan.json');
const finding = PORTSCAN.detail;

/** A filter as the constructs render it (renderFindingCriteria), evaluated on the port scan finding. */
function archives(...criteria: FindingCriterion[]): boolean {
  const filter: SuppressionFilter = {
    stack: 'S',
    logicalId: 'F',
    name: 'f',
    criteria: renderFindingCriteria(criteria),
  };
  return archivesFinding(filter, finding);
}

describe('suppression rule semantics, operator by operator', () => {
  it('equalTo (Equals): any of the values', () => {
    expect(archives({ field: 'type', equalTo: ['Recon:EC2/Portscan'] })).toBe(true);
    expect(archives({ field: 'type', equalTo: ['Backdoor:EC2/Spambot', 'Recon:EC2/Portscan'] })).toBe(true);
    expect(archives({ field: 'type', equalTo: ['Recon:EC2/PortProbeUnprotectedPort'] })).toBe(false);
    expect(archives({ field: 'accountId', equalTo: ['444455556666'] })).toBe(false);
  });

  it('equalTo on severity compares the whole-number part, as the documented "1" to "10" values need', () => {
    expect(archives({ field: 'severity', equalTo: ['4'] })).toBe(true);
    expect(archivesFinding(filterOf({ severity: { Equals: ['3'] } }), { severity: 3.9 })).toBe(true);
    expect(archivesFinding(filterOf({ severity: { Equals: ['4'] } }), { severity: 3.9 })).toBe(false);
  });

  it('notEqualTo (NotEquals): none of the values; a missing field satisfies it', () => {
    expect(archives({ field: 'accountId', notEqualTo: ['444455556666'] })).toBe(true);
    expect(archives({ field: 'accountId', notEqualTo: ['444455556666', '111122223333'] })).toBe(false);
    expect(archives({ field: 'resource.s3BucketDetails.name', notEqualTo: ['x'] })).toBe(true);
  });

  it('numeric comparisons, bounds included or excluded as named', () => {
    expect(archives({ field: 'severity', greaterThan: 3 })).toBe(true);
    expect(archives({ field: 'severity', greaterThan: 4 })).toBe(false);
    expect(archives({ field: 'severity', greaterThanOrEqual: 4 })).toBe(true);
    expect(archives({ field: 'severity', lessThan: 4 })).toBe(false);
    expect(archives({ field: 'severity', lessThanOrEqual: 4 })).toBe(true);
    expect(archives({ field: 'severity', greaterThanOrEqual: 2, lessThan: 4 })).toBe(false); // operators ANDed
    expect(
      archives({ field: 'service.action.networkConnectionAction.remotePortDetails.port', lessThan: 4000 }),
    ).toBe(true);
  });

  it('compares timestamps such as updatedAt as Unix epoch milliseconds', () => {
    const updated = Date.parse(finding.updatedAt); // 2025-11-06T18:11:29.150Z
    expect(archives({ field: 'updatedAt', lessThan: updated + 1 })).toBe(true);
    expect(archives({ field: 'updatedAt', lessThan: updated })).toBe(false);
    expect(archives({ field: 'updatedAt', greaterThanOrEqual: updated })).toBe(true);
  });

  it('matches and notMatches: wildcard patterns with *, every other character literal', () => {
    expect(archives({ field: 'type', matches: ['Recon:*'] })).toBe(true);
    expect(archives({ field: 'type', matches: ['*Portscan'] })).toBe(true);
    expect(archives({ field: 'type', matches: ['Recon:EC2/Port?can'] })).toBe(false);
    expect(archives({ field: 'type', notMatches: ['Recon:*'] })).toBe(false);
    expect(archives({ field: 'type', notMatches: ['Backdoor:*', 'Trojan:*'] })).toBe(true);
  });

  it('ANDs the criteria of a rule', () => {
    expect(
      archives(
        { field: 'type', equalTo: ['Recon:EC2/Portscan'] },
        { field: 'accountId', equalTo: ['111122223333'] },
      ),
    ).toBe(true);
    expect(
      archives(
        { field: 'type', equalTo: ['Recon:EC2/Portscan'] },
        { field: 'accountId', equalTo: ['444455556666'] },
      ),
    ).toBe(false);
  });

  it('takes arrays along the path element by element: any element matches', () => {
    expect(valuesAt(finding, 'resource.instanceDetails.tags.value')).toEqual(['qa-scanner']);
    expect(valuesAt(finding, 'resource.instanceDetails.networkInterfaces.securityGroups.groupName')).toEqual([
      'qa-tools',
    ]);
    const tagged = { resource: { instanceDetails: { tags: [{ value: 'a' }, { value: 'qa-scanner' }] } } };
    expect(
      archivesFinding(
        filterOf({ 'resource.instanceDetails.tags.value': { Equals: ['qa-scanner'] } }),
        tagged,
      ),
    ).toBe(true);
    expect(
      archives({
        field: 'service.action.networkConnectionAction.remoteIpDetails.ipAddressV4',
        equalTo: ['203.0.113.201'],
      }),
    ).toBe(true);
  });

  it('accepts the deprecated Eq, Neq, Gt, Gte, Lt and Lte of hand-written filters', () => {
    expect(archivesFinding(filterOf({ type: { Eq: ['Recon:EC2/Portscan'] } }), finding)).toBe(true);
    expect(archivesFinding(filterOf({ type: { Neq: ['Recon:EC2/Portscan'] } }), finding)).toBe(false);
    expect(archivesFinding(filterOf({ severity: { Gt: 3, Lt: 5 } }), finding)).toBe(true);
    expect(archivesFinding(filterOf({ severity: { Gte: 5 } }), finding)).toBe(false);
    expect(archivesFinding(filterOf({ severity: { Lte: 4 } }), finding)).toBe(true);
  });
});

function filterOf(criteria: Record<string, Record<string, unknown>>): SuppressionFilter {
  return { stack: 'S', logicalId: 'F', name: 'f', criteria };
}

const filter = (name: string, criterion: unknown, rank?: number, action = 'ARCHIVE') => ({
  Type: 'AWS::GuardDuty::Filter',
  Properties: {
    DetectorId: { 'Fn::ImportValue': 'detector-id' },
    Action: action,
    Name: name,
    ...(rank !== undefined && { Rank: rank }),
    FindingCriteria: { Criterion: criterion },
  },
});

const anyRule = {
  Type: 'AWS::Events::Rule',
  Properties: {
    EventPattern: { source: ['aws.guardduty'] },
    Targets: [{ Id: 'T' }],
  },
  Metadata: {
    [RouteMetadataFormat.KEY]: { route: 'all', targets: { T: { channel: 'mail', type: 'email' } } },
  },
};

const stack = (id: string, resources: Record<string, unknown>, region?: string): PreviewStack => ({
  id,
  ...(region && { region }),
  template: { Resources: { Rule: anyRule, ...resources } },
});

const preview = (stacks: PreviewStack[], event: unknown = PORTSCAN) =>
  previewEvents(stacks, [{ file: 'e.json', event }])[0];

describe('suppression rules in the preview engine', () => {
  const recon = renderFindingCriteria([{ field: 'type', matches: ['Recon:*'] }]);
  const qa = renderFindingCriteria([
    { field: 'resource.instanceDetails.tags.value', equalTo: ['qa-scanner'] },
  ]);

  it('archives a finding an ARCHIVE filter matches: no delivery, the filters lowest rank first', () => {
    const result = preview([
      stack('Home', { Qa: filter('qa-scanner', qa, 5), Recon: filter('no-recon', recon, 2) }),
    ]);
    expect(result.deliveries).toEqual([]);
    expect(result.suppressions).toEqual([
      { stack: 'Home', filter: 'Recon', name: 'no-recon', rank: 2 },
      { stack: 'Home', filter: 'Qa', name: 'qa-scanner', rank: 5 },
    ]);
  });

  it('delivers when no filter matches, and ignores filters whose action is not ARCHIVE', () => {
    const other = renderFindingCriteria([{ field: 'type', equalTo: ['Backdoor:EC2/Spambot'] }]);
    const result = preview([
      stack('Home', { Other: filter('other', other), Saved: filter('saved', recon, 1, 'NOOP') }),
    ]);
    expect(result.suppressions).toBeUndefined();
    expect(result.deliveries.map((d) => d.route)).toEqual(['all']);
  });

  it("applies only the filters of the stacks in the finding's Region, and of environment-agnostic stacks", () => {
    const elsewhere = preview([
      stack('Home', {}, 'eu-west-1'),
      stack('Tokyo', { Recon: filter('r', recon) }, 'ap-northeast-1'),
    ]);
    expect(elsewhere.suppressions).toBeUndefined();
    expect(elsewhere.deliveries.map((d) => d.stack)).toEqual(['Home']);
    const agnostic = preview([
      stack('Home', {}, 'eu-west-1'),
      stack('Everywhere', { Recon: filter('r', recon) }),
    ]);
    expect(agnostic.suppressions).toEqual([expect.objectContaining({ stack: 'Everywhere' })]);
    expect(agnostic.deliveries).toEqual([]);
  });

  it('evaluates filters only on GuardDuty Finding events', () => {
    const other = { ...PORTSCAN, 'detail-type': 'GuardDuty Malware Protection Object Scan Result' };
    expect(preview([stack('Home', { Recon: filter('r', recon) })], other).suppressions).toBeUndefined();
  });

  it('refuses an operator it does not implement, or a rule without criteria (PreviewError)', () => {
    expect(() => preview([stack('Home', { Odd: filter('odd', { type: { Like: ['Recon%'] } }) })])).toThrow(
      new PreviewError(
        'Suppression rule Odd in stack Home: the operator Like of type is not one the offline preview implements ' +
          '(Equals, EqualTo, Eq, NotEquals, Neq, GreaterThan, Gt, GreaterThanOrEqual, Gte, LessThan, Lt, ' +
          'LessThanOrEqual, Lte, Matches, NotMatches)',
      ),
    );
    expect(() => preview([stack('Home', { Empty: filter('empty', {}) })])).toThrow(
      /Empty in stack Home: .*empty/,
    );
    expect(() =>
      preview([stack('Home', { Bad: filter('bad', { severity: { GreaterThan: '4' } }) })]),
    ).toThrow(/severity\.GreaterThan is "4"; expected a number/);
  });
});
