import { describe, expect, it } from 'vitest';
import {
  bandsFrom,
  FindingSeverity,
  SEVERITY_BANDS,
  severityFilter,
  severityLabelOf,
  SeverityLabel,
} from '../../packages/construct-library/src/alerts/severity';

describe('severity', () => {
  it.each([
    [1, 'LOW'],
    [3.9, 'LOW'],
    [4, 'MEDIUM'],
    [6.9, 'MEDIUM'],
    [7, 'HIGH'],
    [8.9, 'HIGH'],
    [8.95, 'HIGH'],
    [9, 'CRITICAL'],
    [10, 'CRITICAL'],
  ])('labels %d as %s', (value, label) => {
    expect(severityLabelOf(value)).toBe(label);
  });

  it('covers 1.0 to 10.0 with the four levels and no gap, Critical without an upper bound', () => {
    expect(SEVERITY_BANDS).toEqual([
      { label: SeverityLabel.LOW, lower: 1, upper: 4 },
      { label: SeverityLabel.MEDIUM, lower: 4, upper: 7 },
      { label: SeverityLabel.HIGH, lower: 7, upper: 9 },
      { label: SeverityLabel.CRITICAL, lower: 9 },
    ]);
  });

  it('selects High and Critical from the default minimum, as numeric ranges', () => {
    const bands = bandsFrom(FindingSeverity.HIGH);
    expect(bands.map((b) => b.label)).toEqual(['HIGH', 'CRITICAL']);
    expect(bands.map(severityFilter)).toEqual([[{ numeric: ['>=', 7, '<', 9] }], [{ numeric: ['>=', 9] }]]);
  });

  it('clips the first band to a minimum inside it', () => {
    expect(bandsFrom(FindingSeverity.of(5.5)).map(severityFilter)).toEqual([
      [{ numeric: ['>=', 5.5, '<', 7] }],
      [{ numeric: ['>=', 7, '<', 9] }],
      [{ numeric: ['>=', 9] }],
    ]);
  });

  it('drops a band that the minimum starts exactly after', () => {
    expect(bandsFrom(FindingSeverity.CRITICAL).map((b) => b.label)).toEqual(['CRITICAL']);
    expect(bandsFrom(FindingSeverity.of(10)).map(severityFilter)).toEqual([[{ numeric: ['>=', 10] }]]);
    expect(bandsFrom(FindingSeverity.LOW)).toHaveLength(4);
  });

  it('names the level of a minimum', () => {
    expect(FindingSeverity.MEDIUM.label).toBe('MEDIUM');
    expect(FindingSeverity.of(8.2).label).toBe('HIGH');
  });

  it.each([0, 0.5, 10.1, 11, Number.NaN, Number.POSITIVE_INFINITY])(
    'rejects minimum severity %d',
    (value) => {
      expect(() => FindingSeverity.of(value)).toThrow(
        /Minimum severity .* is invalid: GuardDuty severities run from 1.0 to 10.0. Use a number from 1 to 10/,
      );
    },
  );
});
