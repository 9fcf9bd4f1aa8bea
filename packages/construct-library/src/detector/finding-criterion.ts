// The criterion of a suppression rule as users write it, its operators, and its CloudFormation form.

/**
 * One condition on one finding field. Set one or more operators; GuardDuty ANDs them, and ANDs this criterion with
 * the other criteria of the rule.
 *
 * @see https://docs.aws.amazon.com/guardduty/latest/APIReference/API_Condition.html
 */
export interface FindingCriterion {
  /**
   * The finding field, as a case-sensitive dotted path of the finding format: for example `type`, `severity`,
   * `accountId`, `resource.instanceDetails.tags.value` or
   * `service.action.networkConnectionAction.remoteIpDetails.ipAddressV4`.
   *
   * Only the fields GuardDuty documents for filters are accepted (the list of `FindingCriteria` in the
   * CreateFilter API reference and in `CfnFilter.FindingCriteriaProperty.criterion`); an unknown field is rejected
   * at synth with the closest documented field. A field can appear in one criterion of a rule only.
   *
   * @see https://docs.aws.amazon.com/guardduty/latest/APIReference/API_CreateFilter.html
   */
  readonly field: string;

  /**
   * The field equals one of these values (CloudFormation `Equals`). At most 50 values, none empty.
   *
   * For `severity`, the values are the whole-number strings `"1"` to `"10"` GuardDuty documents for filters: Low
   * `["1", "2", "3"]`, Medium `["4", "5", "6"]`, High `["7", "8"]`, Critical `["9", "10"]`. For a range of
   * severities use `greaterThanOrEqual` and `lessThan` instead.
   *
   * @default - no equality condition
   */
  readonly equalTo?: string[];

  /**
   * The field equals none of these values (CloudFormation `NotEquals`). At most 50 values, none empty; the same
   * values as `equalTo` for `severity`.
   *
   * @default - no inequality condition
   */
  readonly notEqualTo?: string[];

  /**
   * The field is greater than this number (CloudFormation `GreaterThan`). Only on numeric fields, such as `severity`,
   * `confidence`, ports, counts, and timestamps such as `updatedAt`, which GuardDuty compares as Unix epoch
   * milliseconds (`1735689600000`, not `1735689600`). A whole number: CloudFormation types it as a 64-bit integer.
   *
   * @default - no lower bound
   */
  readonly greaterThan?: number;

  /**
   * The field is greater than or equal to this number (CloudFormation `GreaterThanOrEqual`); as `greaterThan`.
   *
   * @default - no lower bound
   */
  readonly greaterThanOrEqual?: number;

  /**
   * The field is less than this number (CloudFormation `LessThan`); as `greaterThan`.
   *
   * @default - no upper bound
   */
  readonly lessThan?: number;

  /**
   * The field is less than or equal to this number (CloudFormation `LessThanOrEqual`); as `greaterThan`.
   *
   * @default - no upper bound
   */
  readonly lessThanOrEqual?: number;

  /**
   * The field matches one of these wildcard patterns (CloudFormation `Matches`). At most 5 patterns of 1 to 512
   * characters. GuardDuty accepts `matches` in filters and suppression rules only, not when listing findings.
   *
   * @default - no pattern condition
   */
  readonly matches?: string[];

  /**
   * The field matches none of these wildcard patterns (CloudFormation `NotMatches`). At most 5 patterns of 1 to
   * 512 characters.
   *
   * @default - no pattern condition
   */
  readonly notMatches?: string[];
}

/** The operators of a {@link FindingCriterion}: property name, CloudFormation name and limits. */
export interface OperatorRow {
  readonly prop: Exclude<keyof FindingCriterion, 'field'>;
  /** The CloudFormation (and API) name, emitted verbatim into `FindingCriteria.Criterion`. */
  readonly cfnName: string;
  readonly kind: 'list' | 'number';
  /** For lists: the most values GuardDuty accepts. */
  readonly maxValues?: number;
  /** For lists: the longest value GuardDuty accepts, where it documents one. */
  readonly maxLength?: number;
  /** For lists: whether a finding matches when its value is in none of the values (notEquals, notMatches). */
  readonly negative?: boolean;
  /** For numbers: which end of a range it bounds, and whether the bound itself is excluded. */
  readonly bound?: 'lower' | 'upper';
  readonly exclusive?: boolean;
}

/**
 * Every operator, in the order it is emitted. Only the current names: the deprecated `Eq`, `Neq`, `Gt`, `Gte`, `Lt`
 * and `Lte` are never emitted.
 */
export const OPERATORS: readonly OperatorRow[] = [
  { prop: 'equalTo', cfnName: 'Equals', kind: 'list', maxValues: 50 },
  { prop: 'notEqualTo', cfnName: 'NotEquals', kind: 'list', maxValues: 50, negative: true },
  { prop: 'greaterThan', cfnName: 'GreaterThan', kind: 'number', bound: 'lower', exclusive: true },
  {
    prop: 'greaterThanOrEqual',
    cfnName: 'GreaterThanOrEqual',
    kind: 'number',
    bound: 'lower',
    exclusive: false,
  },
  { prop: 'lessThan', cfnName: 'LessThan', kind: 'number', bound: 'upper', exclusive: true },
  { prop: 'lessThanOrEqual', cfnName: 'LessThanOrEqual', kind: 'number', bound: 'upper', exclusive: false },
  { prop: 'matches', cfnName: 'Matches', kind: 'list', maxValues: 5, maxLength: 512 },
  { prop: 'notMatches', cfnName: 'NotMatches', kind: 'list', maxValues: 5, maxLength: 512, negative: true },
];

/**
 * The `FindingCriteria.Criterion` map of an `AWS::GuardDuty::Filter`: each field to its condition, with the
 * CloudFormation operator names (`Equals`, `GreaterThanOrEqual`, ...) in a fixed order. CDK types `criterion` as
 * `any` and emits it verbatim, so the names must be exact. Pure: it does not validate; see
 * `findingCriteriaProblems` in ./finding-criteria.
 */
export function renderFindingCriteria(criteria: FindingCriterion[]): Record<string, Record<string, unknown>> {
  const rendered: Record<string, Record<string, unknown>> = {};
  for (const criterion of criteria) {
    const condition: Record<string, unknown> = {};
    for (const op of OPERATORS) {
      const value = criterion[op.prop];
      if (value === undefined) continue;
      condition[op.cfnName] = Array.isArray(value) ? [...value] : value;
    }
    rendered[criterion.field] = condition;
  }
  return rendered;
}
