import { describe, expect, it } from 'vitest';
import { matchesEventPattern } from '../../cli/preview/event-pattern-matcher';
import {
  AlertRoute,
  routeEventPattern,
  routeProblems,
  routeSeverity,
} from '../../packages/construct-library/src/alerts/alert-route';
import { EmailChannel } from '../../packages/construct-library/src/alerts/channels/email-channel';
import {
  bandsIn,
  FindingSeverity,
  SeverityLabel,
  SeverityRange,
} from '../../packages/construct-library/src/alerts/severity';
import { throwIfProblems } from '../../packages/construct-library/src/private/validation-error';
import { loadSamples } from '../helpers/samples';

/** A route's problems thrown as FindingAlerts throws them. */
const validateRoute = (r: AlertRoute, field: string) => throwIfProblems(undefined, routeProblems(r, field));

const email = new EmailChannel({ name: 'email' });
const route = (extra: Partial<AlertRoute> = {}): AlertRoute => ({ name: 'r', channels: [email], ...extra });
const HIGH = { label: SeverityLabel.HIGH, lower: 7, upper: 9 };
const detailOf = (r: AlertRoute) => routeEventPattern(r, HIGH).detail as Record<string, unknown>;

/** Whether any of the route's per-level patterns matches an event, as EventBridge decides. */
const delivers = (r: AlertRoute, event: unknown) =>
  bandsIn(routeSeverity(r)).some((band) => matchesEventPattern(routeEventPattern(r, band), event));

const finding = (detail: Record<string, unknown>, service: Record<string, unknown> = {}) => ({
  source: 'aws.guardduty',
  'detail-type': 'GuardDuty Finding',
  detail: {
    severity: 8,
    type: 'Recon:EC2/PortProbeUnprotectedPort',
    accountId: '111122223333',
    resource: { resourceType: 'Instance' },
    ...detail,
    service: { archived: false, count: 1, additionalInfo: { value: '{}', type: 'default' }, ...service },
  },
});

describe('route event patterns', () => {
  it('always selects GuardDuty findings', () => {
    const pattern = routeEventPattern(route(), HIGH);
    expect(pattern.source).toEqual(['aws.guardduty']);
    expect(pattern['detail-type']).toEqual(['GuardDuty Finding']);
  });

  it('leaves out archived and sample findings by default, and delivers updates', () => {
    expect(detailOf(route()).service).toEqual({
      archived: [false],
      additionalInfo: { $or: [{ sample: [{ exists: false }] }, { sample: [false] }] },
    });
    expect(delivers(route(), finding({}))).toBe(true);
    expect(delivers(route(), finding({}, { archived: true }))).toBe(false);
    expect(delivers(route(), finding({}, { additionalInfo: { sample: true } }))).toBe(false);
    expect(delivers(route(), finding({}, { additionalInfo: { sample: false } }))).toBe(true);
    expect(delivers(route(), finding({}, { additionalInfo: undefined }))).toBe(true);
    expect(delivers(route(), finding({}, { count: 12 }))).toBe(true);
  });

  it('delivers samples and archived findings when asked', () => {
    const r = route({ includeSampleFindings: true, includeArchivedFindings: true });
    expect(detailOf(r).service).toBeUndefined();
    expect(delivers(r, finding({}, { archived: true, additionalInfo: { sample: true } }))).toBe(true);
  });

  it('delivers only first publications in first-occurrence mode', () => {
    const r = route({ firstOccurrenceOnly: true });
    expect((detailOf(r).service as Record<string, unknown>).count).toEqual([1]);
    expect(delivers(r, finding({}, { count: 1 }))).toBe(true);
    expect(delivers(r, finding({}, { count: 2 }))).toBe(false);
  });

  it('selects exact types and prefixes', () => {
    const r = route({ findingTypes: ['UnauthorizedAccess:EC2/SSHBruteForce', 'Recon:*'] });
    expect(detailOf(r).type).toEqual(['UnauthorizedAccess:EC2/SSHBruteForce', { prefix: 'Recon:' }]);
    expect(delivers(r, finding({ type: 'Recon:EC2/Portscan' }))).toBe(true);
    expect(delivers(r, finding({ type: 'UnauthorizedAccess:EC2/SSHBruteForce' }))).toBe(true);
    expect(delivers(r, finding({ type: 'UnauthorizedAccess:EC2/RDPBruteForce' }))).toBe(false);
  });

  it('excludes exact types with anything-but, and one prefix with anything-but prefix', () => {
    const exact = route({
      excludeFindingTypes: ['Recon:EC2/PortProbeUnprotectedPort', 'Recon:EC2/Portscan'],
    });
    expect(detailOf(exact).type).toEqual([
      { 'anything-but': ['Recon:EC2/PortProbeUnprotectedPort', 'Recon:EC2/Portscan'] },
    ]);
    expect(delivers(exact, finding({}))).toBe(false);
    expect(delivers(exact, finding({ type: 'Backdoor:EC2/C&CActivity.B' }))).toBe(true);
    const prefix = route({ excludeFindingTypes: ['Recon:*'] });
    expect(detailOf(prefix).type).toEqual([{ 'anything-but': { prefix: 'Recon:' } }]);
    expect(delivers(prefix, finding({}))).toBe(false);
  });

  it('folds exclusions into an exact include list', () => {
    const r = route({
      findingTypes: [
        'Recon:EC2/Portscan',
        'Recon:EC2/PortProbeUnprotectedPort',
        'Backdoor:EC2/C&CActivity.B',
      ],
      excludeFindingTypes: ['Recon:*'],
    });
    expect(detailOf(r).type).toEqual(['Backdoor:EC2/C&CActivity.B']);
  });

  it('selects accounts and resource types', () => {
    const r = route({ accountIds: ['444455556666'], resourceTypes: ['S3Bucket', 'AccessKey'] });
    expect(detailOf(r).accountId).toEqual(['444455556666']);
    expect(detailOf(r).resource).toEqual({ resourceType: ['S3Bucket', 'AccessKey'] });
    expect(delivers(r, finding({ accountId: '444455556666', resource: { resourceType: 'S3Bucket' } }))).toBe(
      true,
    );
    expect(delivers(r, finding({ accountId: '111122223333', resource: { resourceType: 'S3Bucket' } }))).toBe(
      false,
    );
    expect(delivers(r, finding({ accountId: '444455556666' }))).toBe(false);
  });

  it('covers the severity range with one numeric pattern per level', () => {
    const medium = route({ severity: SeverityRange.only(SeverityLabel.MEDIUM) });
    expect(bandsIn(routeSeverity(medium)).map((b) => routeEventPattern(medium, b).detail)).toEqual([
      expect.objectContaining({ severity: [{ numeric: ['>=', 4, '<', 7] }] }),
    ]);
    expect(delivers(medium, finding({ severity: 6.9 }))).toBe(true);
    expect(delivers(medium, finding({ severity: 7 }))).toBe(false);
    expect(delivers(medium, finding({ severity: 3.9 }))).toBe(false);
    const span = route({ severity: SeverityRange.between(SeverityLabel.MEDIUM, SeverityLabel.HIGH) });
    expect(bandsIn(routeSeverity(span)).map((b) => b.label)).toEqual(['MEDIUM', 'HIGH']);
    expect(delivers(span, finding({ severity: 9 }))).toBe(false);
    expect(routeSeverity(route()).minimum).toBe(7);
    expect(routeSeverity(route()).below).toBeUndefined();
    expect(
      delivers(
        route({ severity: SeverityRange.atLeast(FindingSeverity.CRITICAL) }),
        finding({ severity: 10 }),
      ),
    ).toBe(true);
  });

  it('routes every sample finding by its own severity, never by a string', () => {
    for (const { event } of loadSamples()) {
      const expected =
        event.detail.severity >= 7 &&
        !event.detail.service.archived &&
        !event.detail.service.additionalInfo?.sample;
      expect(delivers(route(), event), event.detail.type).toBe(expected);
    }
  });
});

describe('route validation', () => {
  const rejects = (r: AlertRoute, message: string) =>
    expect(() => validateRoute(r, 'routes[0]')).toThrow(message);

  it('accepts a plain route', () => {
    validateRoute(route(), 'routes[0]');
  });

  it('rejects a bad name', () =>
    rejects(route({ name: 'has space' }), 'routes[0].name "has space" is invalid'));
  it('rejects no channel', () =>
    rejects(route({ channels: [] }), 'routes[0].channels has 0 channels: give 1 to 5'));
  it('rejects six channels', () =>
    rejects(
      route({ channels: [1, 2, 3, 4, 5, 6].map((i) => new EmailChannel({ name: `e${i}` })) }),
      'routes[0].channels has 6 channels: give 1 to 5 (EventBridge allows 5 targets per rule)',
    ));
  it('rejects a channel listed twice', () =>
    rejects(route({ channels: [email, email] }), 'routes[0].channels lists "email" twice'));
  it('rejects a malformed finding type', () =>
    rejects(
      route({ findingTypes: ['Recon EC2'] }),
      'routes[0].findingTypes has "Recon EC2", which is not a finding type or a prefix',
    ));
  it('rejects a bare wildcard', () =>
    rejects(
      route({ excludeFindingTypes: ['*'] }),
      'routes[0].excludeFindingTypes has "*", which is not a finding type',
    ));
  it('rejects include prefixes next to exclusions', () =>
    rejects(
      route({ findingTypes: ['Recon:*'], excludeFindingTypes: ['Recon:EC2/Portscan'] }),
      'routes[0] has a prefix in findingTypes and also excludeFindingTypes',
    ));
  it('rejects an exclusion prefix mixed with other exclusions', () =>
    rejects(
      route({ excludeFindingTypes: ['Recon:*', 'Policy:IAMUser/RootCredentialUsage'] }),
      'routes[0].excludeFindingTypes mixes a prefix with other entries',
    ));
  it('rejects exclusions that remove every included type', () =>
    rejects(
      route({ findingTypes: ['Recon:EC2/Portscan'], excludeFindingTypes: ['Recon:EC2/Portscan'] }),
      'routes[0].excludeFindingTypes removes every entry of findingTypes',
    ));
  it('rejects a short account ID', () =>
    rejects(route({ accountIds: ['4444'] }), 'routes[0].accountIds has "4444": give 12-digit account IDs'));
  it('rejects a resource type with spaces', () =>
    rejects(route({ resourceTypes: ['EC2 Instance'] }), 'routes[0].resourceTypes has "EC2 Instance"'));
  const accounts = (n: number) => Array.from({ length: n }, (_, i) => String(100000000000 + i));
  it("accepts an event pattern within EventBridge's 2,048 characters", () => {
    const r = route({ accountIds: accounts(100) });
    expect(JSON.stringify(routeEventPattern(r, HIGH)).length).toBeLessThanOrEqual(2048);
    validateRoute(r, 'routes[0]');
  });
  it("rejects an event pattern over EventBridge's 2,048 characters, with its size", () => {
    const r = route({ name: 'members', accountIds: accounts(150) });
    const size = Math.max(
      ...bandsIn(routeSeverity(r)).map((band) => JSON.stringify(routeEventPattern(r, band)).length),
    );
    expect(size).toBeGreaterThan(2048);
    rejects(
      r,
      `routes[0] (route "members") has an event pattern of ${size.toLocaleString('en-US')} characters, over ` +
        "EventBridge's 2,048-character quota per event pattern",
    );
    rejects(r, 'Split the route into several routes');
  });
  it('rejects a reversed severity span', () =>
    expect(() => SeverityRange.between(SeverityLabel.HIGH, SeverityLabel.LOW)).toThrow(
      'Severity range from HIGH to LOW is empty: HIGH is above LOW. Swap them.',
    ));
});
