import { Token } from 'aws-cdk-lib';
import { show } from '../private/validation-error';
import filterFieldData from './finding-filter-fields.generated.json';

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
  readonly equals?: string[];

  /**
   * The field equals none of these values (CloudFormation `NotEquals`). At most 50 values, none empty; the same
   * values as `equals` for `severity`.
   *
   * @default - no inequality condition
   */
  readonly notEquals?: string[];

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
  { prop: 'equals', cfnName: 'Equals', kind: 'list', maxValues: 50 },
  { prop: 'notEquals', cfnName: 'NotEquals', kind: 'list', maxValues: 50, negative: true },
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

/** The most criteria (attributes) GuardDuty accepts in one filter. */
const MAX_CRITERIA = 50;

/** One filter field that GuardDuty documents outside the SDK doc string the generated list is read from. */
export interface ExtraFilterField {
  readonly field: string;
  /** Where it is documented. */
  readonly source: string;
}

const CFN_CRITERION_DOC =
  'the criterion list of AWS::GuardDuty::Filter FindingCriteria in the CloudFormation reference ' +
  '(https://docs.aws.amazon.com/AWSCloudFormation/latest/TemplateReference/aws-properties-guardduty-filter-findingcriteria.html), ' +
  'also the JSDoc of CfnFilter.FindingCriteriaProperty.criterion in aws-cdk-lib 2.276.0';
const OTHER_API_MODEL =
  'the CreateFilter FindingCriteria list of another version of the GuardDuty API model: botocore 1.43.11 (the ' +
  "source of this list before it was generated) and a copy of the AWS SDK for .NET's CreateFilterRequest; " +
  '@aws-sdk/client-guardduty 3.1169.0 does not list it';

/**
 * The filter fields GuardDuty documents elsewhere but the SDK doc string of the generated file does not list, each
 * with its source; kept so that a rule written from that source still synthesizes. Hand-written, because the
 * generator reads only the SDK. When the SDK starts to list one of them, the generated file gains it and
 * test/detector/finding-filter-fields.test.ts asks to remove it here.
 */
export const EXTRA_FILTER_FIELDS: readonly ExtraFilterField[] = [
  { field: 'description', source: OTHER_API_MODEL },
  {
    field: 'resource.rdsDbInstanceDetails.tags.key',
    source: `${CFN_CRITERION_DOC}; and ${OTHER_API_MODEL}`,
  },
  {
    field: 'resource.rdsDbInstanceDetails.tags.value',
    source: `${CFN_CRITERION_DOC}; and ${OTHER_API_MODEL}`,
  },
  {
    // Probably a misspelling of resource.s3BucketDetails.publicAccess.effectivePermission (the finding format's
    // name, which the SDK lists); kept because CloudFormation documents it verbatim.
    field: 'resource.s3BucketDetails.publicAccess.effectivePermissions',
    source: CFN_CRITERION_DOC,
  },
  { field: 'service.action.awsApiCallAction.affectedResources', source: OTHER_API_MODEL },
  { field: 'service.detection.anomaly.profiles', source: OTHER_API_MODEL },
  { field: 'service.detection.anomaly.unusual.behavior', source: OTHER_API_MODEL },
  { field: 'title', source: OTHER_API_MODEL },
];

/**
 * The finding fields GuardDuty documents for filters, sorted: the `FindingCriteria` list of the CreateFilter API
 * reference, as the installed AWS SDK model states it (src/detector/finding-filter-fields.generated.json, written by
 * `npm run generate:filter-fields`), and {@link EXTRA_FILTER_FIELDS}.
 *
 * @see https://docs.aws.amazon.com/guardduty/latest/APIReference/API_CreateFilter.html
 */
export const FILTER_FIELDS: readonly string[] = [
  ...filterFieldData.fields,
  ...EXTRA_FILTER_FIELDS.map((extra) => extra.field),
].sort();

/**
 * The fields the CreateFilter API reference documents as "Timestamp in Unix Epoch millisecond format" (generated).
 */
export const TIMESTAMP_FIELDS: readonly string[] = filterFieldData.timestampFields;

/**
 * The other fields that are numbers (integer, long or double) in the finding format: generated from the member
 * types of the SDK's `Finding` schema.
 */
export const NUMBER_FIELDS: readonly string[] = filterFieldData.numberFields;

const FIELD_SET: ReadonlySet<string> = new Set(FILTER_FIELDS);
const TIMESTAMP_SET: ReadonlySet<string> = new Set(TIMESTAMP_FIELDS);
const NUMERIC_SET: ReadonlySet<string> = new Set([...TIMESTAMP_FIELDS, ...NUMBER_FIELDS]);

/**
 * On a timestamp field, a positive number below this (1973-03-03 as epoch milliseconds) is almost certainly a time
 * in epoch seconds, which would put the bound in the early 1970s.
 */
const EPOCH_MILLIS_FLOOR = 100_000_000_000;

/** The documented severity values for `equals` and `notEquals` on `severity`: "1" to "10". */
const SEVERITY_VALUE = /^(?:[1-9]|10)$/;

/** Deprecated or mistyped operator names people carry over from the API, the CLI or CloudFormation. */
const OPERATOR_ALIASES: Readonly<Record<string, string>> = {
  eq: 'equals',
  neq: 'notEquals',
  gt: 'greaterThan',
  gte: 'greaterThanOrEqual',
  lt: 'lessThan',
  lte: 'lessThanOrEqual',
};

const FIELDS_DOC = 'https://docs.aws.amazon.com/guardduty/latest/APIReference/API_CreateFilter.html';

/** Whether GuardDuty documents the field for filters. */
export function isFilterField(field: string): boolean {
  return FIELD_SET.has(field);
}

/** Whether numeric operators apply to the field: a number or an epoch-milliseconds timestamp. */
export function isNumericField(field: string): boolean {
  return NUMERIC_SET.has(field);
}

/** Whether the field is a timestamp that GuardDuty compares as Unix epoch milliseconds. */
export function isTimestampField(field: string): boolean {
  return TIMESTAMP_SET.has(field);
}

/** The Levenshtein distance: how many single-character insertions, deletions or substitutions turn a into b. */
export function editDistance(a: string, b: string): number {
  let previous = Array.from({ length: b.length + 1 }, (_, j) => j);
  for (let i = 1; i <= a.length; i++) {
    const current = [i];
    for (let j = 1; j <= b.length; j++) {
      const substitution = previous[j - 1] + (a[i - 1] === b[j - 1] ? 0 : 1);
      current.push(Math.min(previous[j] + 1, current[j - 1] + 1, substitution));
    }
    previous = current;
  }
  return previous[b.length];
}

/**
 * The documented fields closest to an unknown one, best first, at most three: the same field in another case; else
 * the fields within a small edit distance (`severty` -> `severity`); else the fields that end with it
 * (`instanceId` -> `resource.instanceDetails.instanceId`). Empty when nothing is close.
 */
export function suggestFilterFields(input: string): string[] {
  const lower = input.toLowerCase();
  const sameButCase = FILTER_FIELDS.find((f) => f.toLowerCase() === lower);
  if (sameButCase !== undefined) return [sameButCase];
  let best = Number.POSITIVE_INFINITY;
  let closest: string[] = [];
  for (const candidate of FILTER_FIELDS) {
    const distance = editDistance(lower, candidate.toLowerCase());
    if (distance < best) {
      best = distance;
      closest = [candidate];
    } else if (distance === best) {
      closest.push(candidate);
    }
  }
  if (best <= Math.max(2, Math.floor(input.length / 4))) return closest.slice(0, 3);
  return FILTER_FIELDS.filter((f) => f.toLowerCase().endsWith(`.${lower}`)).slice(0, 3);
}

/**
 * The `FindingCriteria.Criterion` map of an `AWS::GuardDuty::Filter`: each field to its condition, with the
 * CloudFormation operator names (`Equals`, `GreaterThanOrEqual`, ...) in a fixed order. CDK types `criterion` as
 * `any` and emits it verbatim, so the names must be exact. Pure: it does not validate; see
 * {@link findingCriteriaProblems}.
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

/**
 * Every problem with a list of criteria that GuardDuty or CloudFormation would reject at deploy time, or that would
 * make the rule archive something other than what was meant. Values that are CDK tokens are not checked.
 *
 * @param path where the list sits in the caller's props or configuration, for example `suppressionRule.criteria`
 */
export function findingCriteriaProblems(criteria: FindingCriterion[], path: string): string[] {
  if (!Array.isArray(criteria)) {
    return [
      `${path} ${show(criteria)} is not a list of criteria; write it as [{ field: 'type', equals: ['...'] }].`,
    ];
  }
  const problems: string[] = [];
  if (criteria.length === 0) {
    problems.push(
      `${path} is empty; GuardDuty needs at least one criterion (a rule without one would archive every finding). ` +
        `Add one, for example { field: 'type', equals: ['Recon:EC2/PortProbeUnprotectedPort'] }.`,
    );
  }
  if (criteria.length > MAX_CRITERIA) {
    problems.push(
      `${path} has ${criteria.length} criteria; GuardDuty accepts at most ${MAX_CRITERIA} per filter. Remove ` +
        `criteria until ${MAX_CRITERIA} remain, knowing that each one removed makes the rule archive more findings.`,
    );
  }
  const firstUse = new Map<string, number>();
  criteria.forEach((criterion, index) => {
    problems.push(...criterionProblems(criterion, `${path}[${index}]`, index, path, firstUse));
  });
  return problems;
}

interface Bound {
  readonly prop: string;
  readonly value: number;
  readonly exclusive: boolean;
}

function criterionProblems(
  criterion: FindingCriterion,
  p: string,
  index: number,
  listPath: string,
  firstUse: Map<string, number>,
): string[] {
  if (typeof criterion !== 'object' || criterion === null || Array.isArray(criterion)) {
    return [`${p} ${show(criterion)} is not a criterion; write it as { field: 'type', equals: ['...'] }.`];
  }
  const problems: string[] = [];
  const field: unknown = criterion.field;
  // Field-dependent checks (numeric operators, severity values, epoch units) run only on a documented field.
  let known: string | undefined;
  if (typeof field !== 'string' || field === '') {
    problems.push(
      `${p}.field is ${field === '' ? 'empty' : 'missing'}; name the finding field to test, such as "type" or ` +
        `"resource.instanceDetails.tags.value".`,
    );
  } else if (Token.isUnresolved(field)) {
    // Resolved at deploy time: nothing to check.
  } else if (!FIELD_SET.has(field)) {
    problems.push(unknownFieldMessage(`${p}.field`, field));
  } else {
    known = field;
    const first = firstUse.get(field);
    if (first === undefined) {
      firstUse.set(field, index);
    } else {
      problems.push(
        `${p}.field ${show(field)} is already tested by ${listPath}[${first}]; GuardDuty keeps one condition per ` +
          `field, so one would silently replace the other. Merge both into one criterion (its operators are ANDed).`,
      );
    }
  }

  for (const key of Object.keys(criterion)) {
    if (key === 'field' || OPERATORS.some((op) => op.prop === key)) continue;
    const hint = operatorFor(key);
    problems.push(
      `${p}.${key} is not a criterion property${hint ? `; did you mean ${hint}?` : '.'} A criterion has a field ` +
        `and one or more of ${OPERATORS.map((op) => op.prop).join(', ')}.`,
    );
  }

  const present = OPERATORS.filter((op) => criterion[op.prop] !== undefined);
  if (present.length === 0) {
    problems.push(
      `${p} (${show(field)}) sets no operator; set at least one of ${OPERATORS.map((op) => op.prop).join(', ')}.`,
    );
  }

  const bounds: Bound[] = [];
  const numericOps: string[] = [];
  for (const op of present) {
    const value: unknown = criterion[op.prop];
    if (Token.isUnresolved(value)) continue;
    if (op.kind === 'list') {
      problems.push(...listProblems(op, value, `${p}.${op.prop}`, known));
      continue;
    }
    numericOps.push(op.prop);
    const at = `${p}.${op.prop}`;
    if (typeof value !== 'number') {
      const asNumber = typeof value === 'string' && value.trim() !== '' ? Number(value) : Number.NaN;
      problems.push(
        `${at} ${show(value)} is not a number; ` +
          (Number.isFinite(asNumber) ? `write ${asNumber} without quotes.` : 'give a whole number.'),
      );
    } else if (!Number.isFinite(value)) {
      problems.push(`${at} ${String(value)} is not a finite number; give a whole number.`);
    } else if (!Number.isInteger(value)) {
      problems.push(
        `${at} ${value} is not a whole number; CloudFormation types ${op.cfnName} as a 64-bit integer. Use a ` +
          `whole number such as ${Math.floor(value)} or ${Math.ceil(value)}, with the operator that keeps the ` +
          `bound you mean.`,
      );
    } else if (!Number.isSafeInteger(value)) {
      problems.push(
        `${at} ${value} is beyond ${Number.MAX_SAFE_INTEGER}, the largest whole number a JavaScript number ` +
          'holds exactly; use a smaller number.',
      );
    } else {
      bounds.push({ prop: op.prop, value, exclusive: op.exclusive === true });
      if (known !== undefined && TIMESTAMP_SET.has(known) && value > 0 && value < EPOCH_MILLIS_FLOOR) {
        problems.push(
          `${at} ${value} is ${new Date(value).toISOString()} as epoch milliseconds, the unit GuardDuty uses for ` +
            `${show(known)}; it looks like epoch seconds. Use ${value * 1000}.`,
        );
      }
    }
  }

  problems.push(...listOverlapProblems(criterion, p, field));

  if (known !== undefined && numericOps.length > 0 && !NUMERIC_SET.has(known)) {
    problems.push(
      `${p} compares ${show(known)} with ${numericOps.join(', ')}, but ${show(known)} is not a numeric field; ` +
        'numeric operators work on numbers such as severity, confidence, ports and counts, and on timestamps such ' +
        'as updatedAt (epoch milliseconds). Use equals, notEquals, matches or notMatches.',
    );
  }

  const lower = tightest(bounds, 'lower');
  const upper = tightest(bounds, 'upper');
  if (
    lower !== undefined &&
    upper !== undefined &&
    (lower.value > upper.value || (lower.value === upper.value && (lower.exclusive || upper.exclusive)))
  ) {
    problems.push(
      `${p} can never match: ${lower.prop} ${lower.value} and ${upper.prop} ${upper.value} leave no value of ` +
        `${show(field)} between them, so the rule would never archive anything. Correct the bounds.`,
    );
  }
  return problems;
}

function listProblems(op: OperatorRow, value: unknown, at: string, field: string | undefined): string[] {
  if (!Array.isArray(value)) {
    return [
      `${at} ${show(value)} is not a list of strings; ` +
        (typeof value === 'string' ? `write it as [${show(value)}].` : 'give a list such as ["value"].'),
    ];
  }
  const problems: string[] = [];
  const max = op.maxValues ?? Number.POSITIVE_INFINITY;
  if (value.length === 0) {
    problems.push(`${at} is empty; give at least one value or leave ${op.prop} out.`);
  } else if (value.length > max) {
    problems.push(
      `${at} has ${value.length} values; GuardDuty accepts at most ${max}. ` +
        (op.negative
          ? 'Shorten the list: splitting it across several rules is not the same, because each rule would ' +
            'archive the findings the other list is meant to keep.'
          : 'Split the values across several suppression rules that repeat the other criteria.'),
    );
  }
  value.forEach((item: unknown, j) => {
    if (Token.isUnresolved(item)) return;
    const itemAt = `${at}[${j}]`;
    if (typeof item !== 'string') {
      problems.push(
        `${itemAt} ${show(item)} is not a string; GuardDuty compares filter values as strings. ` +
          `Write ${show(String(item))}.`,
      );
    } else if (item === '') {
      problems.push(`${itemAt} is an empty string; remove it or give the value to compare.`);
    } else if (op.maxLength !== undefined && item.length > op.maxLength) {
      problems.push(
        `${itemAt} is ${item.length} characters long; GuardDuty accepts patterns of at most ${op.maxLength}.`,
      );
    } else if (
      field === 'severity' &&
      (op.prop === 'equals' || op.prop === 'notEquals') &&
      !SEVERITY_VALUE.test(item)
    ) {
      problems.push(
        `${itemAt} ${show(item)} is not a severity value GuardDuty filters on: use the whole-number strings ` +
          '"1" to "10" (Low "1"-"3", Medium "4"-"6", High "7"-"8", Critical "9"-"10"), or greaterThanOrEqual ' +
          'and lessThan for a range.',
      );
    }
  });
  return problems;
}

/**
 * Values listed twice in one operator (a slip, often of a value meant to be different), and values that `equals`
 * requires and `notEquals` excludes: GuardDuty ANDs the operators of a criterion, so no finding has such a value.
 * Only plain, non-empty strings are compared; the other items already have a problem of their own.
 */
function listOverlapProblems(criterion: FindingCriterion, p: string, field: unknown): string[] {
  const strings = (value: unknown): string[] =>
    Array.isArray(value)
      ? value.filter((v): v is string => typeof v === 'string' && v !== '' && !Token.isUnresolved(v))
      : [];
  const problems: string[] = [];
  for (const op of OPERATORS) {
    if (op.kind !== 'list') continue;
    const values = strings(criterion[op.prop]);
    const repeated = [...new Set(values.filter((v, i) => values.indexOf(v) !== i))];
    if (repeated.length > 0) {
      problems.push(
        `${p}.${op.prop} lists ${valueList(repeated)} more than once; remove the repetition, or correct it if ` +
          'another value was meant.',
      );
    }
  }
  const excluded = new Set(strings(criterion.notEquals));
  const equals = strings(criterion.equals);
  const both = [...new Set(equals.filter((v) => excluded.has(v)))];
  if (both.length > 0) {
    problems.push(
      equals.every((v) => excluded.has(v))
        ? `${p} (${show(field)}) can never match: equals and notEquals both list ${valueList(both)}, and a ` +
            'finding cannot both equal and not equal a value, so the rule would never archive anything. Remove ' +
            'the values from one of the two lists.'
        : `${p} (${show(field)}) lists ${valueList(both)} in both equals and notEquals; a finding with that ` +
            'value fails notEquals, so listing it in equals contradicts itself. Remove it from one of the two lists.',
    );
  }
  return problems;
}

/** Values for a message: at most five, each cut to its first 40 characters. */
function valueList(values: string[]): string {
  const shown = values
    .slice(0, 5)
    .map((v) => (v.length > 40 ? `${show(v.slice(0, 40))}...` : show(v)))
    .join(', ');
  return values.length > 5 ? `${shown} and ${values.length - 5} more` : shown;
}

/** The strictest lower (or upper) bound: the highest (lowest) value; on a tie, the exclusive one. */
function tightest(bounds: Bound[], side: 'lower' | 'upper'): Bound | undefined {
  const sideOf = (b: Bound) => OPERATORS.find((op) => op.prop === b.prop)?.bound;
  let result: Bound | undefined;
  for (const b of bounds.filter((x) => sideOf(x) === side)) {
    const stricter =
      result === undefined ||
      (side === 'lower' ? b.value > result.value : b.value < result.value) ||
      (b.value === result.value && b.exclusive && !result.exclusive);
    if (stricter) result = b;
  }
  return result;
}

function operatorFor(key: string): string | undefined {
  const lower = key.toLowerCase();
  if (OPERATOR_ALIASES[lower] !== undefined) return OPERATOR_ALIASES[lower];
  const byName = OPERATORS.find((op) => op.prop.toLowerCase() === lower);
  if (byName !== undefined) return byName.prop;
  const near = OPERATORS.find((op) => editDistance(lower, op.prop.toLowerCase()) <= 2);
  return near?.prop;
}

function unknownFieldMessage(at: string, field: string): string {
  const suggestions = suggestFilterFields(field);
  const start = `${at} ${show(field)} is not a field GuardDuty can filter on.`;
  if (suggestions.length > 0) {
    return (
      `${start} Did you mean ${suggestions.map((s) => show(s)).join(' or ')}? Fields are case-sensitive paths ` +
      `in the finding format, listed under findingCriteria in ${FIELDS_DOC}.`
    );
  }
  return (
    `${start} Use a field listed under findingCriteria in ${FIELDS_DOC}, such as "type", "severity" or ` +
    `"resource.instanceDetails.tags.value".`
  );
}
