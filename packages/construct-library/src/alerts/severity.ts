import { Token } from 'aws-cdk-lib';
import { show, ValidationError } from '../private/validation-error';

/** The four GuardDuty severity levels. */
export enum SeverityLabel {
  /** 1.0 to 3.9: suspicious activity that was blocked or is of low consequence. */
  LOW = 'LOW',
  /** 4.0 to 6.9: activity that deviates from normal and should be investigated. */
  MEDIUM = 'MEDIUM',
  /** 7.0 to 8.9: a resource is compromised or is being actively used for unauthorised purposes. */
  HIGH = 'HIGH',
  /** 9.0 to 10.0: an attack sequence may be in progress or has recently happened. */
  CRITICAL = 'CRITICAL',
}

/** A severity level's numeric range: `lower <= severity < upper`; CRITICAL has no upper bound. */
export interface SeverityBand {
  readonly label: SeverityLabel;
  readonly lower: number;
  readonly upper?: number;
}

/**
 * GuardDuty's severity levels, lowest first.
 *
 * @see https://docs.aws.amazon.com/guardduty/latest/ug/guardduty_findings-severity.html
 */
export const SEVERITY_BANDS: readonly SeverityBand[] = [
  { label: SeverityLabel.LOW, lower: 1, upper: 4 },
  { label: SeverityLabel.MEDIUM, lower: 4, upper: 7 },
  { label: SeverityLabel.HIGH, lower: 7, upper: 9 },
  { label: SeverityLabel.CRITICAL, lower: 9 },
];

/** The label GuardDuty gives a numeric severity. */
export function severityLabelOf(severity: number): SeverityLabel {
  const band = [...SEVERITY_BANDS].reverse().find((b) => severity >= b.lower);
  return band ? band.label : SeverityLabel.LOW;
}

/**
 * A minimum finding severity: findings at or above it are delivered.
 *
 * Use a level (`FindingSeverity.HIGH`) or any number from 1 to 10 (`FindingSeverity.of(5.5)`).
 */
export class FindingSeverity {
  /** Every finding: Low, Medium, High and Critical (1.0 and above). */
  public static readonly LOW = new FindingSeverity(1);
  /** Medium, High and Critical findings (4.0 and above). */
  public static readonly MEDIUM = new FindingSeverity(4);
  /** High and Critical findings (7.0 and above). */
  public static readonly HIGH = new FindingSeverity(7);
  /** Critical findings only (9.0 and above): attack sequences. */
  public static readonly CRITICAL = new FindingSeverity(9);

  /**
   * A minimum severity from a number between 1 and 10.
   *
   * @param value the lowest severity to deliver, for example 7 or 5.5
   */
  public static of(value: number): FindingSeverity {
    return new FindingSeverity(value);
  }

  /**
   * The level a GuardDuty severity falls into: LOW below 4.0, MEDIUM below 7.0, HIGH below 9.0, CRITICAL from 9.0.
   *
   * @param severity a finding's `severity`
   */
  public static labelOf(severity: number): SeverityLabel {
    return severityLabelOf(severity);
  }

  /** The lowest severity delivered. */
  public readonly value: number;

  private constructor(value: number) {
    if (Token.isUnresolved(value) || !Number.isFinite(value) || value < 1 || value > 10) {
      throw new ValidationError(
        `Minimum severity ${show(value)} is invalid: GuardDuty severities run from 1.0 to 10.0. ` +
          'Use a number from 1 to 10 (4 = Medium and above, 7 = High and above, 9 = Critical only).',
      );
    }
    this.value = value;
  }

  /** The label of the level this minimum falls into. */
  public get label(): SeverityLabel {
    return severityLabelOf(this.value);
  }
}

const LEVEL_ORDER = SEVERITY_BANDS.map((b) => b.label);

function bandOf(label: SeverityLabel): SeverityBand {
  const band = SEVERITY_BANDS.find((b) => b.label === label);
  if (!band)
    throw new ValidationError(`Unknown severity level ${show(label)}; use LOW, MEDIUM, HIGH or CRITICAL.`);
  return band;
}

/**
 * Which severities a route delivers: from a minimum up, one level, or a span of levels.
 *
 * Matching is numeric on `detail.severity`, never a list of decimals, so values such as 8.95 or 10.0 are covered.
 */
export class SeverityRange {
  /**
   * Every finding at or above a minimum, Critical included: `SeverityRange.atLeast(FindingSeverity.HIGH)`.
   */
  public static atLeast(minimum: FindingSeverity): SeverityRange {
    return new SeverityRange(minimum.value, undefined);
  }

  /** One level only, for example `SeverityRange.only(SeverityLabel.MEDIUM)` for 4.0 to 6.9. */
  public static only(label: SeverityLabel): SeverityRange {
    return SeverityRange.between(label, label);
  }

  /** A span of levels, both included: `SeverityRange.between(SeverityLabel.MEDIUM, SeverityLabel.HIGH)`. */
  public static between(lowest: SeverityLabel, highest: SeverityLabel): SeverityRange {
    const low = bandOf(lowest);
    const high = bandOf(highest);
    const problems = SeverityRange.betweenProblems(lowest, highest);
    if (problems.length > 0) throw new ValidationError(problems);
    return new SeverityRange(low.lower, high.upper);
  }

  /**
   * The problem of a span of levels that {@link between} refuses: one whose lowest level is above its highest.
   *
   * @param lowest the lowest level delivered
   * @param highest the highest level delivered
   * @param field the name of the range in the caller's props or configuration, to start the message with
   * @default field - the message names the range by its levels only
   */
  public static betweenProblems(lowest: SeverityLabel, highest: SeverityLabel, field?: string): string[] {
    if (LEVEL_ORDER.indexOf(lowest) <= LEVEL_ORDER.indexOf(highest)) return [];
    return [
      `${field ? `${field}: s` : 'S'}everity range from ${lowest} to ${highest} is empty: ${lowest} is above ` +
        `${highest}. Swap them.`,
    ];
  }

  /** The lowest severity delivered. */
  public readonly minimum: number;
  /** Severities from this value up are not delivered; undefined when there is no upper bound. */
  public readonly below?: number;

  private constructor(minimum: number, below: number | undefined) {
    this.minimum = minimum;
    this.below = below;
  }
}

/**
 * The severity bands inside a range, each clipped to it, so that one EventBridge rule per band can name the
 * band's label in its message.
 */
export function bandsIn(range: SeverityRange): SeverityBand[] {
  return SEVERITY_BANDS.filter(
    (b) =>
      (b.upper === undefined || b.upper > range.minimum) &&
      (range.below === undefined || b.lower < range.below),
  ).map((b) => ({
    label: b.label,
    lower: Math.max(b.lower, range.minimum),
    upper:
      range.below === undefined
        ? b.upper
        : b.upper === undefined
          ? range.below
          : Math.min(b.upper, range.below),
  }));
}

/** The bands from a minimum severity up. */
export function bandsFrom(minimum: FindingSeverity): SeverityBand[] {
  return bandsIn(SeverityRange.atLeast(minimum));
}

/** The EventBridge numeric-matching filter for a band, for `detail.severity`. */
export function severityFilter(band: SeverityBand): { numeric: (string | number)[] }[] {
  const numeric: (string | number)[] = ['>=', band.lower];
  if (band.upper !== undefined) numeric.push('<', band.upper);
  return [{ numeric }];
}
