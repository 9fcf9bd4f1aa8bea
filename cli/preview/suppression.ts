/**
 * Suppression rules: the `AWS::GuardDuty::Filter` resources of a stack whose `Action` is `ARCHIVE`, evaluated on a
 * finding (the event's `detail`) with GuardDuty's filter semantics, as far as GuardDuty documents them
 * (https://docs.aws.amazon.com/guardduty/latest/APIReference/API_Condition.html, API_CreateFilter.html):
 * - every field of `FindingCriteria.Criterion` must hold (AND), and so must every operator of one field;
 * - a field is a dotted path of the finding (`resource.instanceDetails.tags.value`); an array along the path, or at
 *   its end, contributes each of its elements, and a condition holds when any of the values satisfies it;
 * - `Equals`/`Eq` (also written `EqualTo`): some value equals one of the strings. A number is compared as a number,
 *   a boolean as `"true"`/`"false"`; `severity` is compared by its whole-number part, because GuardDuty documents
 *   severity filter values as `"1"` to `"10"` (Low is `["1", "2", "3"]`, which must cover 3.9);
 * - `NotEquals`/`Neq`: no value equals any of the strings (a finding without the field satisfies it);
 * - `GreaterThan`/`Gt`, `GreaterThanOrEqual`/`Gte`, `LessThan`/`Lt`, `LessThanOrEqual`/`Lte`: some value compares so;
 *   numbers as they are, numeric strings as numbers, timestamps (`updatedAt`) as Unix epoch milliseconds;
 * - `Matches`/`NotMatches`: a wildcard pattern where `*` stands for any run of characters and every other character
 *   is literal; some value matches one of the patterns / no value matches any of them.
 * An unknown operator, a criterion that is not an object, or a filter without criteria is refused (PreviewError)
 * rather than guessed. Filters are reported lowest rank first; a finding is archived when any ARCHIVE filter matches.
 * Filters with another action (`NOOP`, saved filters) are ignored.
 */
import {
  resolveCloudFormationValue,
  type ResolveContext,
  UnsupportedIntrinsicError,
} from './cloudformation-values';
import { PreviewError, type PreviewStack } from './preview-model';

/** One ARCHIVE filter of a stack, with its values resolved. */
export interface SuppressionFilter {
  readonly stack: string;
  readonly logicalId: string;
  /** The filter's `Name`, or its logical ID when the name is not a string. */
  readonly name: string;
  /** The filter's `Rank`; undefined when it has none. */
  readonly rank?: number;
  readonly criteria: Readonly<Record<string, Readonly<Record<string, unknown>>>>;
}

type Check = (values: readonly unknown[], field: string, operand: unknown) => boolean;

const equalsAny: Check = (values, field, operand) =>
  strings(operand).some((expected) => values.some((v) => valueEquals(v, expected, field)));
const matchesAny: Check = (values, _field, operand) =>
  strings(operand).some((pattern) => values.some((v) => typeof v === 'string' && wildcard(pattern).test(v)));
const compare =
  (test: (a: number, b: number) => boolean): Check =>
  (values, _field, operand) =>
    values.some((v) => {
      const n = numberOf(v);
      return n !== undefined && test(n, operand as number);
    });

const CHECKS: Record<string, { check: Check; kind: 'list' | 'number'; negative?: boolean }> = {
  Equals: { check: equalsAny, kind: 'list' },
  EqualTo: { check: equalsAny, kind: 'list' },
  Eq: { check: equalsAny, kind: 'list' },
  NotEquals: { check: equalsAny, kind: 'list', negative: true },
  Neq: { check: equalsAny, kind: 'list', negative: true },
  GreaterThan: { check: compare((a, b) => a > b), kind: 'number' },
  Gt: { check: compare((a, b) => a > b), kind: 'number' },
  GreaterThanOrEqual: { check: compare((a, b) => a >= b), kind: 'number' },
  Gte: { check: compare((a, b) => a >= b), kind: 'number' },
  LessThan: { check: compare((a, b) => a < b), kind: 'number' },
  Lt: { check: compare((a, b) => a < b), kind: 'number' },
  LessThanOrEqual: { check: compare((a, b) => a <= b), kind: 'number' },
  Lte: { check: compare((a, b) => a <= b), kind: 'number' },
  Matches: { check: matchesAny, kind: 'list' },
  NotMatches: { check: matchesAny, kind: 'list', negative: true },
};

/** The stack's ARCHIVE filters, resolved in `context`, lowest rank first. Throws {@link PreviewError}. */
export function suppressionFiltersOf(stack: PreviewStack, context: ResolveContext): SuppressionFilter[] {
  const filters: SuppressionFilter[] = [];
  for (const [logicalId, resource] of Object.entries(stack.template.Resources ?? {})) {
    if (!isObject(resource) || resource.Type !== 'AWS::GuardDuty::Filter') continue;
    const fail = (message: string) =>
      new PreviewError(`Suppression rule ${logicalId} in stack ${stack.id}: ${message}`);
    const raw = isObject(resource.Properties) ? resource.Properties : {};
    // Only the properties the preview reads: DetectorId may be anything (an import, a parameter).
    const properties: Record<string, unknown> = {};
    for (const name of ['Action', 'Name', 'Rank', 'FindingCriteria']) {
      try {
        properties[name] = resolveCloudFormationValue(
          raw[name],
          context,
          `Resources.${logicalId}.Properties.${name}`,
        );
      } catch (e) {
        if (e instanceof UnsupportedIntrinsicError) throw fail(e.message);
        throw e;
      }
    }
    if (properties.Action !== 'ARCHIVE') continue;
    const criterion = isObject(properties.FindingCriteria) ? properties.FindingCriteria.Criterion : undefined;
    if (!isObject(criterion) || Object.keys(criterion).length === 0) {
      throw fail('FindingCriteria.Criterion is missing or empty; GuardDuty requires at least one criterion');
    }
    for (const [field, condition] of Object.entries(criterion)) {
      if (!isObject(condition) || Object.keys(condition).length === 0) {
        throw fail(`the condition of ${field} is not an object of operators`);
      }
      for (const [operator, operand] of Object.entries(condition)) {
        const row = CHECKS[operator];
        if (row === undefined) {
          throw fail(
            `the operator ${operator} of ${field} is not one the offline preview implements ` +
              `(${Object.keys(CHECKS).join(', ')})`,
          );
        }
        const valid =
          row.kind === 'number'
            ? typeof operand === 'number'
            : Array.isArray(operand) && operand.every((v) => typeof v === 'string');
        if (!valid) {
          throw fail(
            `${field}.${operator} is ${JSON.stringify(operand)}; expected ${row.kind === 'number' ? 'a number' : 'a list of strings'}`,
          );
        }
      }
    }
    filters.push({
      stack: stack.id,
      logicalId,
      name: typeof properties.Name === 'string' ? properties.Name : logicalId,
      ...(typeof properties.Rank === 'number' && { rank: properties.Rank }),
      criteria: criterion as Record<string, Record<string, unknown>>,
    });
  }
  return filters.sort((a, b) => (a.rank ?? Infinity) - (b.rank ?? Infinity));
}

/** Whether the filter archives the finding. */
export function archivesFinding(filter: SuppressionFilter, finding: unknown): boolean {
  return Object.entries(filter.criteria).every(([field, condition]) => {
    const values = valuesAt(finding, field);
    return Object.entries(condition).every(([operator, operand]) => {
      const { check, negative } = CHECKS[operator];
      return check(values, field, operand) !== (negative ?? false);
    });
  });
}

/** The scalar values of a dotted path in the finding; arrays along the path contribute each element. */
export function valuesAt(finding: unknown, field: string): unknown[] {
  let current: unknown[] = [finding];
  for (const key of field.split('.')) {
    current = current.flatMap((value) => {
      const next = isObject(value) ? value[key] : undefined;
      return Array.isArray(next) ? next : next === undefined ? [] : [next];
    });
  }
  return current.flatMap(function scalars(v): unknown[] {
    if (Array.isArray(v)) return v.flatMap(scalars);
    return v === null || isObject(v) ? [] : [v];
  });
}

function valueEquals(value: unknown, expected: string, field: string): boolean {
  if (typeof value === 'string') return value === expected;
  if (typeof value === 'boolean') return String(value) === expected;
  if (typeof value === 'number') {
    const n = Number(expected);
    if (expected.trim() === '' || !Number.isFinite(n)) return false;
    return (field === 'severity' ? Math.floor(value) : value) === n;
  }
  return false;
}

function numberOf(value: unknown): number | undefined {
  if (typeof value === 'number') return value;
  if (typeof value !== 'string' || value.trim() === '') return undefined;
  if (/^-?\d+(\.\d+)?$/.test(value)) return Number(value);
  if (/^\d{4}-\d{2}-\d{2}T/.test(value)) {
    const time = Date.parse(value);
    return Number.isNaN(time) ? undefined : time;
  }
  return undefined;
}

function wildcard(pattern: string): RegExp {
  return new RegExp(`^${pattern.split('*').map(escape).join('.*')}$`, 's');
}

function escape(text: string): string {
  return text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}

function strings(operand: unknown): string[] {
  return operand as string[];
}

function isObject(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}
