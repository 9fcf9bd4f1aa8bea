/**
 * Offline evaluation of an Amazon EventBridge event pattern against one event.
 *
 * Semantics follow EventBridge content filtering as documented in:
 * - https://docs.aws.amazon.com/eventbridge/latest/userguide/eb-event-patterns-content-based-filtering.html
 * - https://docs.aws.amazon.com/eventbridge/latest/userguide/eb-create-pattern-operators.html
 * - https://docs.aws.amazon.com/eventbridge/latest/userguide/eb-event-patterns-arrays.html
 * - https://docs.aws.amazon.com/eventbridge/latest/userguide/eb-event-patterns-null-values.html
 * - the Event Ruler README (the matching engine behind EventBridge): https://github.com/aws/event-ruler
 *
 * Implemented:
 * - Every key of a pattern object must match (AND). A nested pattern object descends into the event;
 *   when the event holds an array of objects there, any one element must match the whole sub-pattern.
 * - A pattern leaf is a non-empty array of entries; the field matches when any entry matches (OR).
 * - The event values a leaf is compared with are the field's "leaf values": a string, number, boolean or
 *   null is one value; an array contributes each of its (nested) scalar elements; an object or a missing
 *   field contributes none. A leaf matches when any entry accepts any of those values, so an event array
 *   matches when any element matches ("the intersection ... is non-empty").
 * - Exact values are compared by JSON type and value: "8" never equals 8, null only equals null,
 *   "" is not null.
 * - `prefix`: string values starting with the given string (strings only).
 * - `numeric`: one or two comparisons among > >= < <= =; only JSON numbers match, never strings like "8".
 * - `anything-but`: a string, a number, a list of strings or numbers, or `{ "prefix": "..." }`. It matches
 *   when some leaf value is not excluded. A missing field has no value and therefore never matches
 *   (EventBridge behaves this way: anything-but does not match an absent field); null, and a number
 *   compared with `{ "prefix": ... }`, are "anything but" and do match. An array matches when at least
 *   one element is not excluded.
 * - `exists`: applies to leaf nodes only. `true` matches when the field has at least one leaf value
 *   (null counts); `false` matches when it has none: absent, an object (not a leaf node, as the docs'
 *   example shows), or an empty array. A missing intermediate object also satisfies `exists: false`.
 * - `$or`: a non-empty list of sub-patterns evaluated against the same object level; any may match.
 *
 * Anything else (`suffix`, `wildcard`, `equals-ignore-case`, `cidr`, prefix with equals-ignore-case,
 * anything-but with suffix/wildcard/equals-ignore-case, unknown keys, malformed arguments) throws
 * UnsupportedPatternError. Every branch of the pattern is evaluated (no short-circuit), so an
 * unsupported operator throws whatever the event contains.
 */

type JsonObject = Record<string, unknown>;

export class UnsupportedPatternError extends Error {
  constructor(
    readonly operator: string,
    readonly path: string,
    reason?: string,
  ) {
    super(
      `Event pattern operator "${operator}" at ${path} is not implemented by the offline preview` +
        (reason ? ` (${reason})` : ''),
    );
    this.name = 'UnsupportedPatternError';
  }
}

const NUMERIC_OPERATORS: Record<string, (a: number, b: number) => boolean> = {
  '>': (a, b) => a > b,
  '>=': (a, b) => a >= b,
  '<': (a, b) => a < b,
  '<=': (a, b) => a <= b,
  '=': (a, b) => a === b,
};

export function matchesEventPattern(pattern: unknown, event: unknown): boolean {
  if (!isObject(pattern)) {
    throw new UnsupportedPatternError(
      `${typeName(pattern)} value`,
      '$',
      'an event pattern must be a JSON object',
    );
  }
  return matchObject(pattern, event, '$');
}

/** Matches one pattern object level against the event value found at the same level. */
function matchObject(pattern: JsonObject, event: unknown, path: string): boolean {
  const results = Object.entries(pattern).map(([key, sub]) => {
    const subPath = `${path}.${key}`;
    if (key === '$or') {
      if (!Array.isArray(sub) || sub.length === 0 || !sub.every(isObject)) {
        throw new UnsupportedPatternError('$or', subPath, 'expected a non-empty list of sub-patterns');
      }
      return sub.map((branch, i) => matchObject(branch, event, `${subPath}[${i}]`)).some(Boolean);
    }
    const value = isObject(event) ? event[key] : undefined;
    if (Array.isArray(sub)) return matchLeaf(sub, leafValues(value), subPath);
    if (isObject(sub)) {
      const candidates = Array.isArray(value) && value.length > 0 ? value : [value];
      return candidates.map((candidate) => matchObject(sub, candidate, subPath)).some(Boolean);
    }
    throw new UnsupportedPatternError(
      `${typeName(sub)} value`,
      subPath,
      'pattern values must be arrays or objects',
    );
  });
  return results.every(Boolean);
}

/** Matches a pattern leaf (a list of entries, OR-ed) against the leaf values of one event field. */
function matchLeaf(entries: unknown[], values: unknown[], path: string): boolean {
  if (entries.length === 0) throw new UnsupportedPatternError('[]', path, 'empty value list');
  const results = entries.map((entry, i): boolean => {
    const entryPath = `${path}[${i}]`;
    if (entry === null || ['string', 'number', 'boolean'].includes(typeof entry)) {
      return values.some((v) => v === entry);
    }
    if (!isObject(entry)) throw new UnsupportedPatternError(`${typeName(entry)} value`, entryPath);
    const keys = Object.keys(entry);
    if (keys.length !== 1) {
      throw new UnsupportedPatternError(keys.join(', ') || '{}', entryPath, 'expected exactly one operator');
    }
    const operator = keys[0];
    const arg = entry[operator];
    const argPath = `${entryPath}.${operator}`;
    switch (operator) {
      case 'prefix':
        if (typeof arg !== 'string') throw unsupportedArgument(operator, arg, argPath);
        return values.some((v) => typeof v === 'string' && v.startsWith(arg));
      case 'numeric': {
        const inRange = numericPredicate(arg, argPath);
        return values.some((v) => typeof v === 'number' && inRange(v));
      }
      case 'anything-but': {
        const excluded = anythingButPredicate(arg, argPath);
        return values.some((v) => !excluded(v));
      }
      case 'exists':
        if (typeof arg !== 'boolean') throw unsupportedArgument(operator, arg, argPath);
        return arg === values.length > 0;
      default:
        throw new UnsupportedPatternError(operator, entryPath);
    }
  });
  return results.some(Boolean);
}

function numericPredicate(arg: unknown, path: string): (v: number) => boolean {
  const valid =
    Array.isArray(arg) &&
    (arg.length === 2 || arg.length === 4) &&
    arg.every((item, i) =>
      i % 2 === 0 ? typeof item === 'string' && item in NUMERIC_OPERATORS : Number.isFinite(item),
    );
  if (!valid) throw unsupportedArgument('numeric', arg, path);
  const comparisons = [arg.slice(0, 2), arg.slice(2)].filter((c) => c.length === 2);
  return (v) => comparisons.every(([op, bound]) => NUMERIC_OPERATORS[op as string](v, bound as number));
}

/** Returns a predicate telling whether an event value is excluded by an anything-but argument. */
function anythingButPredicate(arg: unknown, path: string): (v: unknown) => boolean {
  if (typeof arg === 'string' || typeof arg === 'number') return (v) => v === arg;
  if (
    Array.isArray(arg) &&
    arg.length > 0 &&
    (arg.every((a) => typeof a === 'string') || arg.every((a) => typeof a === 'number'))
  ) {
    const excluded: unknown[] = arg;
    return (v) => excluded.includes(v);
  }
  if (isObject(arg) && Object.keys(arg).length === 1 && typeof arg.prefix === 'string') {
    const prefix = arg.prefix;
    return (v) => typeof v === 'string' && v.startsWith(prefix);
  }
  throw unsupportedArgument('anything-but', arg, path);
}

/** Names the nested operator when the argument is an operator object (e.g. equals-ignore-case). */
function unsupportedArgument(operator: string, arg: unknown, path: string): UnsupportedPatternError {
  const nested = isObject(arg) ? Object.keys(arg) : [];
  return nested.length > 0
    ? new UnsupportedPatternError(nested.join(', '), path)
    : new UnsupportedPatternError(operator, path, `unsupported argument ${JSON.stringify(arg)}`);
}

function leafValues(value: unknown): unknown[] {
  if (value === undefined || isObject(value)) return [];
  return Array.isArray(value) ? value.flatMap(leafValues) : [value];
}

function isObject(value: unknown): value is JsonObject {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

function typeName(value: unknown): string {
  if (value === null) return 'null';
  return Array.isArray(value) ? 'array' : typeof value;
}
