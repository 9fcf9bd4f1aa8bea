import { describe, expect, it } from 'vitest';
import { matchesEventPattern, UnsupportedPatternError } from '../../cli/preview/event-pattern-matcher';

const finding = {
  version: '0',
  id: 'c8c4daa7-a20c-2f03-0070-b7393dd542ad',
  'detail-type': 'GuardDuty Finding',
  source: 'aws.guardduty',
  account: '123456789012',
  time: '2024-01-01T00:00:00Z',
  region: 'us-east-1',
  resources: [],
  detail: {
    type: 'Recon:EC2/PortProbeUnprotectedPort',
    severity: 8,
    title: 'Unprotected port on EC2 instance i-99999999 is being probed.',
    archived: false,
    partition: null,
    emptyText: '',
    tags: ['prod', 'web'],
    ports: [22, 443],
    resource: { resourceType: 'Instance', instanceDetails: { instanceId: 'i-99999999' } },
    findings: [
      { kind: 'a', score: 1 },
      { kind: 'b', score: 9 },
    ],
  },
};

const match = (pattern: unknown, event: unknown = finding) => matchesEventPattern(pattern, event);

describe('exact values', () => {
  it('matches equal strings and rejects different ones', () => {
    expect(match({ source: ['aws.guardduty'] })).toBe(true);
    expect(match({ source: ['aws.ec2'] })).toBe(false);
  });

  it('compares numbers by value and never against strings', () => {
    expect(match({ detail: { severity: [8] } })).toBe(true);
    expect(match({ detail: { severity: [8.0] } })).toBe(true);
    expect(match({ detail: { severity: ['8'] } })).toBe(false);
    expect(match({ detail: { severity: [7] } })).toBe(false);
    expect(match({ detail: { value: [8] } }, { detail: { value: '8' } })).toBe(false);
  });

  it('matches booleans only against booleans', () => {
    expect(match({ detail: { archived: [false] } })).toBe(true);
    expect(match({ detail: { archived: ['false'] } })).toBe(false);
    expect(match({ detail: { archived: [true] } })).toBe(false);
  });

  it('matches null only against a null value, not a missing field or an empty string', () => {
    expect(match({ detail: { partition: [null] } })).toBe(true);
    expect(match({ detail: { missing: [null] } })).toBe(false);
    expect(match({ detail: { emptyText: [null] } })).toBe(false);
    expect(match({ detail: { emptyText: [''] } })).toBe(true);
    expect(match({ detail: { partition: [''] } })).toBe(false);
  });

  it('treats a pattern value list as OR', () => {
    expect(match({ 'detail-type': ['Other', 'GuardDuty Finding'] })).toBe(true);
    expect(match({ 'detail-type': ['Other', 'Another'] })).toBe(false);
  });

  it('matches an event array when any element matches', () => {
    expect(match({ detail: { tags: ['web'] } })).toBe(true);
    expect(match({ detail: { tags: ['dev', 'prod'] } })).toBe(true);
    expect(match({ detail: { tags: ['dev'] } })).toBe(false);
    expect(match({ detail: { ports: [443] } })).toBe(true);
  });

  it('does not match an empty event array, not even with null', () => {
    expect(match({ resources: [null] })).toBe(false);
    expect(match({ resources: ['arn:aws:ec2:us-east-1:123456789012:instance/i-1'] })).toBe(false);
  });

  it('requires every key to match (AND)', () => {
    expect(match({ source: ['aws.guardduty'], 'detail-type': ['GuardDuty Finding'] })).toBe(true);
    expect(match({ source: ['aws.guardduty'], 'detail-type': ['Other'] })).toBe(false);
  });

  it('matches an empty pattern object against any event', () => {
    expect(match({})).toBe(true);
  });
});

describe('nested objects', () => {
  it('descends into nested event objects', () => {
    expect(match({ detail: { resource: { instanceDetails: { instanceId: ['i-99999999'] } } } })).toBe(true);
    expect(match({ detail: { resource: { instanceDetails: { instanceId: ['i-00000000'] } } } })).toBe(false);
  });

  it('fails when a pattern key is absent from the event', () => {
    expect(match({ detail: { service: { action: ['PORT_PROBE'] } } })).toBe(false);
    expect(match({ missing: ['x'] })).toBe(false);
  });

  it('fails when the event holds a scalar where the pattern expects an object', () => {
    expect(match({ source: { name: ['aws.guardduty'] } })).toBe(false);
  });

  it('fails when the event holds an object where the pattern expects a value', () => {
    expect(match({ detail: { resource: ['Instance'] } })).toBe(false);
  });

  it('matches a nested pattern against any object of an event array, within one element', () => {
    expect(match({ detail: { findings: { kind: ['b'], score: [9] } } })).toBe(true);
    expect(match({ detail: { findings: { kind: ['a'], score: [9] } } })).toBe(false);
  });
});

describe('prefix', () => {
  it('matches strings starting with the prefix', () => {
    expect(match({ detail: { type: [{ prefix: 'Recon:' }] } })).toBe(true);
    expect(match({ detail: { type: [{ prefix: 'Backdoor:' }] } })).toBe(false);
  });

  it('is case sensitive and does not match numbers or missing fields', () => {
    expect(match({ detail: { type: [{ prefix: 'recon:' }] } })).toBe(false);
    expect(match({ detail: { severity: [{ prefix: '8' }] } })).toBe(false);
    expect(match({ detail: { missing: [{ prefix: '' }] } })).toBe(false);
  });

  it('matches any element of an event array', () => {
    expect(match({ detail: { tags: [{ prefix: 'we' }] } })).toBe(true);
  });
});

describe('numeric', () => {
  it('supports a single comparison', () => {
    expect(match({ detail: { severity: [{ numeric: ['>=', 7] }] } })).toBe(true);
    expect(match({ detail: { severity: [{ numeric: ['>', 8] }] } })).toBe(false);
    expect(match({ detail: { severity: [{ numeric: ['<', 9] }] } })).toBe(true);
    expect(match({ detail: { severity: [{ numeric: ['<=', 7.9] }] } })).toBe(false);
    expect(match({ detail: { severity: [{ numeric: ['=', 8] }] } })).toBe(true);
    expect(match({ detail: { severity: [{ numeric: ['=', 8.1] }] } })).toBe(false);
  });

  it('supports a range of two comparisons with open and closed bounds', () => {
    const medium = { detail: { severity: [{ numeric: ['>=', 4, '<', 7] }] } };
    expect(match(medium, { detail: { severity: 4 } })).toBe(true);
    expect(match(medium, { detail: { severity: 6.9 } })).toBe(true);
    expect(match(medium, { detail: { severity: 7 } })).toBe(false);
    expect(match(medium, { detail: { severity: 3.9 } })).toBe(false);
  });

  it('never matches the string "8"', () => {
    expect(match({ detail: { severity: [{ numeric: ['>=', 7] }] } }, { detail: { severity: '8' } })).toBe(
      false,
    );
  });

  it('does not match booleans, null or a missing field', () => {
    const pattern = { detail: { severity: [{ numeric: ['>', 0] }] } };
    expect(match(pattern, { detail: { severity: true } })).toBe(false);
    expect(match(pattern, { detail: { severity: null } })).toBe(false);
    expect(match(pattern, { detail: {} })).toBe(false);
  });

  it('matches when any element of an event array is in range', () => {
    expect(match({ detail: { ports: [{ numeric: ['>', 400] }] } })).toBe(true);
    expect(match({ detail: { ports: [{ numeric: ['>', 1000] }] } })).toBe(false);
  });

  it('throws on malformed numeric arguments', () => {
    expect(() => match({ detail: { severity: [{ numeric: ['>='] }] } })).toThrow(UnsupportedPatternError);
    expect(() => match({ detail: { severity: [{ numeric: ['!=', 1] }] } })).toThrow(/"numeric"/);
    expect(() => match({ detail: { severity: [{ numeric: ['>', '7'] }] } })).toThrow(UnsupportedPatternError);
  });
});

describe('anything-but', () => {
  it('with a single string matches any other value', () => {
    expect(match({ detail: { type: [{ 'anything-but': 'Other' }] } })).toBe(true);
    expect(match({ detail: { type: [{ 'anything-but': 'Recon:EC2/PortProbeUnprotectedPort' }] } })).toBe(
      false,
    );
  });

  it('with a single number matches any other value, including the same number as a string', () => {
    expect(match({ detail: { severity: [{ 'anything-but': 5 }] } })).toBe(true);
    expect(match({ detail: { severity: [{ 'anything-but': 8 }] } })).toBe(false);
    expect(match({ detail: { severity: [{ 'anything-but': 8 }] } }, { detail: { severity: '8' } })).toBe(
      true,
    );
  });

  it('does not match a missing field', () => {
    expect(match({ detail: { missing: [{ 'anything-but': 'x' }] } })).toBe(false);
    expect(match({ detail: { missing: [{ 'anything-but': ['x', 'y'] }] } })).toBe(false);
    expect(match({ detail: { missing: [{ 'anything-but': { prefix: 'x' } }] } })).toBe(false);
  });

  it('matches a null value', () => {
    expect(match({ detail: { partition: [{ 'anything-but': 'aws' }] } })).toBe(true);
  });

  it('with a list excludes every listed value', () => {
    expect(match({ detail: { severity: [{ 'anything-but': [1, 2, 3] }] } })).toBe(true);
    expect(match({ detail: { severity: [{ 'anything-but': [2, 8] }] } })).toBe(false);
    expect(match({ source: [{ 'anything-but': ['aws.ec2', 'aws.s3'] }] })).toBe(true);
    expect(match({ source: [{ 'anything-but': ['aws.ec2', 'aws.guardduty'] }] })).toBe(false);
  });

  it('with a prefix matches values not starting with it, including non-strings', () => {
    expect(match({ detail: { type: [{ 'anything-but': { prefix: 'Backdoor:' } }] } })).toBe(true);
    expect(match({ detail: { type: [{ 'anything-but': { prefix: 'Recon:' } }] } })).toBe(false);
    expect(match({ detail: { severity: [{ 'anything-but': { prefix: '8' } }] } })).toBe(true);
  });

  it('matches an event array when at least one element is not excluded', () => {
    expect(match({ detail: { tags: [{ 'anything-but': 'prod' }] } })).toBe(true);
    expect(match({ detail: { tags: [{ 'anything-but': ['prod', 'web'] }] } })).toBe(false);
    expect(match({ detail: { tags: [{ 'anything-but': { prefix: 'p' } }] } })).toBe(true);
  });

  it('throws for anything-but with unsupported nested operators or arguments', () => {
    expect(() => match({ source: [{ 'anything-but': { suffix: '.png' } }] })).toThrow(
      'Event pattern operator "suffix" at $.source[0].anything-but is not implemented by the offline preview',
    );
    expect(() => match({ source: [{ 'anything-but': { 'equals-ignore-case': 'x' } }] })).toThrow(
      /"equals-ignore-case" at \$\.source\[0\]\.anything-but/,
    );
    expect(() => match({ source: [{ 'anything-but': null }] })).toThrow(UnsupportedPatternError);
    expect(() => match({ source: [{ 'anything-but': ['a', 1] }] })).toThrow(UnsupportedPatternError);
  });
});

describe('exists', () => {
  it('exists: true matches a present leaf, including null, and not a missing field', () => {
    expect(match({ detail: { title: [{ exists: true }] } })).toBe(true);
    expect(match({ detail: { partition: [{ exists: true }] } })).toBe(true);
    expect(match({ detail: { missing: [{ exists: true }] } })).toBe(false);
  });

  it('exists: true does not match an intermediate object node', () => {
    expect(match({ detail: { resource: [{ exists: true }] } })).toBe(false);
  });

  it('exists: false matches a missing field and not a present one', () => {
    expect(match({ detail: { missing: [{ exists: false }] } })).toBe(true);
    expect(match({ detail: { title: [{ exists: false }] } })).toBe(false);
    expect(match({ detail: { partition: [{ exists: false }] } })).toBe(false);
  });

  it('exists: false matches when intermediate objects are missing too', () => {
    expect(match({ detail: { service: { action: [{ exists: false }] } } })).toBe(true);
    expect(match({ nothing: { here: [{ exists: false }] } })).toBe(true);
  });

  it('exists: false matches an object value, which is not a leaf node', () => {
    expect(match({ detail: { resource: [{ exists: false }] } })).toBe(true);
  });

  it('exists on event arrays: true for non-empty arrays of values, false for empty ones', () => {
    expect(match({ detail: { tags: [{ exists: true }] } })).toBe(true);
    expect(match({ resources: [{ exists: true }] })).toBe(false);
    expect(match({ resources: [{ exists: false }] })).toBe(true);
  });

  it('throws on a non-boolean argument', () => {
    expect(() => match({ detail: { title: [{ exists: 'yes' }] } })).toThrow(UnsupportedPatternError);
  });
});

describe('$or', () => {
  it('at the top level matches when any branch matches', () => {
    const pattern = {
      $or: [{ source: ['aws.ec2'] }, { 'detail-type': ['GuardDuty Finding'] }],
    };
    expect(match(pattern)).toBe(true);
    expect(match({ $or: [{ source: ['aws.ec2'] }, { 'detail-type': ['Other'] }] })).toBe(false);
  });

  it('is AND-ed with the other keys of the same object', () => {
    const branches = [{ severity: [{ numeric: ['>=', 7] }] }, { type: [{ prefix: 'Backdoor:' }] }];
    expect(match({ source: ['aws.guardduty'], detail: { $or: branches } })).toBe(true);
    expect(match({ source: ['aws.ec2'], detail: { $or: branches } })).toBe(false);
  });

  it('nested under an object evaluates against that object level', () => {
    const pattern = { detail: { $or: [{ severity: [{ numeric: ['<', 4] }] }, { archived: [false] }] } };
    expect(match(pattern)).toBe(true);
    expect(match(pattern, { detail: { severity: 5, archived: true } })).toBe(false);
    expect(match(pattern, { detail: { severity: 2, archived: true } })).toBe(true);
  });

  it('supports nested $or inside a branch', () => {
    const pattern = {
      $or: [
        { source: ['aws.ec2'] },
        { source: ['aws.guardduty'], $or: [{ region: ['eu-west-1'] }, { account: ['123456789012'] }] },
      ],
    };
    expect(match(pattern)).toBe(true);
    expect(match(pattern, { ...finding, account: '999999999999' })).toBe(false);
  });

  it('throws when $or is not a non-empty list of objects', () => {
    expect(() => match({ $or: [] })).toThrow(/"\$or" at \$\.\$or/);
    expect(() => match({ $or: { source: ['x'] } })).toThrow(UnsupportedPatternError);
  });
});

describe('unsupported operators', () => {
  it.each([
    ['suffix', { detail: { type: [{ suffix: 'Port' }] } }, '$.detail.type[0]'],
    ['wildcard', { detail: { type: [{ wildcard: 'Recon:*' }] } }, '$.detail.type[0]'],
    ['equals-ignore-case', { source: [{ 'equals-ignore-case': 'AWS.GUARDDUTY' }] }, '$.source[0]'],
    ['cidr', { detail: { ip: [{ cidr: '10.0.0.0/24' }] } }, '$.detail.ip[0]'],
    ['contains', { source: [{ contains: 'guard' }] }, '$.source[0]'],
    ['equals-ignore-case', { source: [{ prefix: { 'equals-ignore-case': 'AWS.' } }] }, '$.source[0].prefix'],
  ])('throws for %s, naming the operator and its path', (operator, pattern, path) => {
    let error: unknown;
    try {
      match(pattern);
    } catch (e) {
      error = e;
    }
    expect(error).toBeInstanceOf(UnsupportedPatternError);
    expect((error as UnsupportedPatternError).operator).toBe(operator);
    expect((error as UnsupportedPatternError).path).toBe(path);
    expect((error as Error).message).toBe(
      `Event pattern operator "${operator}" at ${path} is not implemented by the offline preview`,
    );
  });

  it('throws even when another entry of the same list already matches', () => {
    expect(() => match({ source: ['aws.guardduty', { suffix: 'duty' }] })).toThrow(UnsupportedPatternError);
  });

  it('throws even when another key already fails', () => {
    expect(() => match({ source: ['aws.ec2'], detail: { type: [{ wildcard: '*' }] } })).toThrow(
      UnsupportedPatternError,
    );
  });

  it('throws for operator objects with several keys', () => {
    expect(() => match({ source: [{ prefix: 'aws.', suffix: 'duty' }] })).toThrow(
      'Event pattern operator "prefix, suffix" at $.source[0] is not implemented by the offline preview',
    );
  });

  it('throws for malformed pattern shapes', () => {
    expect(() => match({ source: 'aws.guardduty' })).toThrow(UnsupportedPatternError);
    expect(() => match({ source: [] })).toThrow(UnsupportedPatternError);
    expect(() => match({ source: [['aws.guardduty']] })).toThrow(UnsupportedPatternError);
    expect(() => matchesEventPattern(['aws.guardduty'], finding)).toThrow(UnsupportedPatternError);
  });
});

describe('a GuardDuty alert rule', () => {
  const rule = {
    source: ['aws.guardduty'],
    'detail-type': ['GuardDuty Finding'],
    detail: { severity: [{ numeric: ['>=', 7] }], type: [{ 'anything-but': { prefix: 'Policy:' } }] },
  };

  it('matches a high-severity finding and rejects a low-severity one', () => {
    expect(match(rule)).toBe(true);
    expect(match(rule, { ...finding, detail: { ...finding.detail, severity: 2 } })).toBe(false);
  });

  it('does not match when the event is not an object', () => {
    expect(match(rule, 'not an event')).toBe(false);
    expect(match(rule, null)).toBe(false);
  });
});
