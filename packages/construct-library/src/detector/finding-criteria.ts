// The checks on a list of criteria: every problem GuardDuty or CloudFormation would reject at deploy time.
import { Token } from 'aws-cdk-lib';
import { fieldPathOf, show } from '../private/validation-error';
import type { FieldPath } from '../validation/field-path';
import { FindingCriterion, OPERATORS, OperatorRow } from './finding-criterion';
import {
  editDistance,
  isFilterField,
  isNumericField,
  isTimestampField,
  suggestFilterFields,
} from './finding-filter-fields';

/** The most criteria (attributes) GuardDuty accepts in one filter. */
const MAX_CRITERIA = 50;

/**
 * On a timestamp field, a positive number below this (1973-03-03 as epoch milliseconds) is almost certainly a time
 * in epoch seconds, which would put the bound in the early 1970s.
 */
const EPOCH_MILLIS_FLOOR = 100_000_000_000;

/** The documented severity values for `equalTo` and `notEqualTo` on `severity`: "1" to "10". */
const SEVERITY_VALUE = /^(?:[1-9]|10)$/;

/** Deprecated or mistyped operator names people carry over from the API, the CLI or CloudFormation. */
const OPERATOR_ALIASES: Readonly<Record<string, string>> = {
  eq: 'equalTo',
  neq: 'notEqualTo',
  gt: 'greaterThan',
  gte: 'greaterThanOrEqual',
  lt: 'lessThan',
  lte: 'lessThanOrEqual',
};

const FIELDS_DOC = 'https://docs.aws.amazon.com/guardduty/latest/APIReference/API_CreateFilter.html';

/**
 * Every problem with a list of criteria that GuardDuty or CloudFormation would reject at deploy time, or that would
 * make the rule archive something other than what was meant. Values that are CDK tokens are not checked.
 *
 * @param path where the list sits in the caller's props or configuration, for example `suppressionRule.criteria`
 */
export function findingCriteriaProblems(criteria: FindingCriterion[], path: string | FieldPath): string[] {
  const at = fieldPathOf(path);
  if (!Array.isArray(criteria)) {
    return [
      `${at.name()} ${show(criteria)} is not a list of criteria; write it as [{ field: 'type', equalTo: ['...'] }].`,
    ];
  }
  const problems: string[] = [];
  if (criteria.length === 0) {
    problems.push(
      `${at.name()} is empty; GuardDuty needs at least one criterion (a rule without one would archive every finding). ` +
        `Add one, for example { field: 'type', equalTo: ['Recon:EC2/PortProbeUnprotectedPort'] }.`,
    );
  }
  if (criteria.length > MAX_CRITERIA) {
    problems.push(
      `${at.name()} has ${criteria.length} criteria; GuardDuty accepts at most ${MAX_CRITERIA} per filter. Remove ` +
        `criteria until ${MAX_CRITERIA} remain, knowing that each one removed makes the rule archive more findings.`,
    );
  }
  const firstUse = new Map<string, number>();
  criteria.forEach((criterion, index) => {
    problems.push(...criterionProblems(criterion, at.child(`[${index}]`), index, at, firstUse));
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
  p: FieldPath,
  index: number,
  list: FieldPath,
  firstUse: Map<string, number>,
): string[] {
  if (typeof criterion !== 'object' || criterion === null || Array.isArray(criterion)) {
    return [
      `${p.name()} ${show(criterion)} is not a criterion; write it as { field: 'type', equalTo: ['...'] }.`,
    ];
  }
  const problems: string[] = [];
  const field: unknown = criterion.field;
  // Field-dependent checks (numeric operators, severity values, epoch units) run only on a documented field.
  let known: string | undefined;
  if (typeof field !== 'string' || field === '') {
    problems.push(
      `${p.name('field')} is ${field === '' ? 'empty' : 'missing'}; name the finding field to test, such as "type" or ` +
        `"resource.instanceDetails.tags.value".`,
    );
  } else if (Token.isUnresolved(field)) {
    // Resolved at deploy time: nothing to check.
  } else if (!isFilterField(field)) {
    problems.push(unknownFieldMessage(`${p.name('field')}`, field));
  } else {
    known = field;
    const first = firstUse.get(field);
    if (first === undefined) {
      firstUse.set(field, index);
    } else {
      problems.push(
        `${p.name('field')} ${show(field)} is already tested by ${list.name(`[${first}]`)}; GuardDuty keeps one condition per ` +
          `field, so one would silently replace the other. Merge both into one criterion (its operators are ANDed).`,
      );
    }
  }

  for (const key of Object.keys(criterion)) {
    if (key === 'field' || OPERATORS.some((op) => op.prop === key)) continue;
    const hint = operatorFor(key);
    problems.push(
      `${p.name(key)} is not a criterion property${hint ? `; did you mean ${hint}?` : '.'} A criterion has a field ` +
        `and one or more of ${OPERATORS.map((op) => op.prop).join(', ')}.`,
    );
  }

  const present = OPERATORS.filter((op) => criterion[op.prop] !== undefined);
  if (present.length === 0) {
    problems.push(
      `${p.name()} (${show(field)}) sets no operator; set at least one of ${OPERATORS.map((op) => op.prop).join(', ')}.`,
    );
  }

  const bounds: Bound[] = [];
  const numericOps: string[] = [];
  for (const op of present) {
    const value: unknown = criterion[op.prop];
    if (Token.isUnresolved(value)) continue;
    if (op.kind === 'list') {
      problems.push(...listProblems(op, value, p.name(op.prop), known));
      continue;
    }
    numericOps.push(op.prop);
    const at = p.name(op.prop);
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
      if (known !== undefined && isTimestampField(known) && value > 0 && value < EPOCH_MILLIS_FLOOR) {
        problems.push(
          `${at} ${value} is ${new Date(value).toISOString()} as epoch milliseconds, the unit GuardDuty uses for ` +
            `${show(known)}; it looks like epoch seconds. Use ${value * 1000}.`,
        );
      }
    }
  }

  problems.push(...listOverlapProblems(criterion, p, field));

  if (known !== undefined && numericOps.length > 0 && !isNumericField(known)) {
    problems.push(
      `${p.name()} compares ${show(known)} with ${numericOps.join(', ')}, but ${show(known)} is not a numeric field; ` +
        'numeric operators work on numbers such as severity, confidence, ports and counts, and on timestamps such ' +
        `as updatedAt (epoch milliseconds). Use ${operatorName(p, 'equalTo')}, ${operatorName(p, 'notEqualTo')}, ` +
        'matches or notMatches.',
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
      `${p.name()} can never match: ${lower.prop} ${lower.value} and ${upper.prop} ${upper.value} leave no value of ` +
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
      (op.prop === 'equalTo' || op.prop === 'notEqualTo') &&
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
 * Values listed twice in one operator (a slip, often of a value meant to be different), and values that `equalTo`
 * requires and `notEqualTo` excludes: GuardDuty ANDs the operators of a criterion, so no finding has such a value.
 * Only plain, non-empty strings are compared; the other items already have a problem of their own.
 */
function listOverlapProblems(criterion: FindingCriterion, p: FieldPath, field: unknown): string[] {
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
        `${p.name(op.prop)} lists ${valueList(repeated)} more than once; remove the repetition, or correct it if ` +
          'another value was meant.',
      );
    }
  }
  const excluded = new Set(strings(criterion.notEqualTo));
  const equals = strings(criterion.equalTo);
  const both = [...new Set(equals.filter((v) => excluded.has(v)))];
  const [eq, neq] = [operatorName(p, 'equalTo'), operatorName(p, 'notEqualTo')];
  if (both.length > 0) {
    problems.push(
      equals.every((v) => excluded.has(v))
        ? `${p.name()} (${show(field)}) can never match: ${eq} and ${neq} both list ${valueList(both)}, and a ` +
            'finding cannot both equal and not equal a value, so the rule would never archive anything. Remove ' +
            'the values from one of the two lists.'
        : `${p.name()} (${show(field)}) lists ${valueList(both)} in both ${eq} and ${neq}; a finding with that ` +
            `value fails ${neq}, so listing it in ${eq} contradicts itself. Remove it from one of the two lists.`,
    );
  }
  return problems;
}

/** An operator as the caller names it: `equalTo` for the construct, `equals` in the app's file. */
function operatorName(criterion: FieldPath, operator: string): string {
  const full = criterion.name(operator);
  return full.slice(full.lastIndexOf('.') + 1);
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
