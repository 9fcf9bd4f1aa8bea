/**
 * Why an event pattern does not match an event, in words: one reason per pattern key that fails, derived from the
 * pattern itself (the same semantics as `event-pattern-matcher.ts`, which decides; this module only describes).
 * Fields of `detail` are named by their path inside the finding (`severity`, `type`, `service.archived`), the
 * envelope's by their name (`source`, `detail-type`). Examples: `severity 5 below 7`, `type excluded by prefix
 * Recon:`, `sample finding`, `archived finding`, `accountId 444455556666 is not 111122223333`.
 */
import { matchesEventPattern } from './event-pattern-matcher';

type JsonObject = Record<string, unknown>;

/** The reasons `pattern` does not match `event`; empty when it matches. */
export function explainMismatch(pattern: unknown, event: unknown): string[] {
  if (!isObject(pattern) || matchesEventPattern(pattern, event)) return [];
  return explainObject(pattern, event, []);
}

function explainObject(pattern: JsonObject, event: unknown, path: readonly string[]): string[] {
  const reasons: string[] = [];
  for (const [key, sub] of Object.entries(pattern)) {
    if (key === '$or') {
      const branches = sub as JsonObject[];
      if (branches.some((branch) => matchesEventPattern(branch, event))) continue;
      reasons.push(explainOr(branches, event, path));
      continue;
    }
    const value = isObject(event) ? event[key] : undefined;
    const subPath = [...path, key];
    if (Array.isArray(sub)) {
      const reason = explainLeaf(sub, value, subPath);
      if (reason !== undefined) reasons.push(reason);
    } else if (isObject(sub)) {
      const candidates = Array.isArray(value) && value.length > 0 ? value : [value];
      if (candidates.some((candidate) => matchesEventPattern(sub, candidate))) continue;
      reasons.push(...explainObject(sub, candidates[0], subPath));
    }
  }
  return reasons;
}

function explainOr(branches: JsonObject[], event: unknown, path: readonly string[]): string {
  // The constructs' "not a sample finding": { $or: [{ sample: [{ exists: false }] }, { sample: [false] }] }.
  if (branches.every((b) => Object.keys(b).length === 1 && 'sample' in b) && isObject(event)) {
    return event.sample === true ? 'sample finding' : `${name([...path, 'sample'])} is ${show(event.sample)}`;
  }
  const parts = branches.map((branch) => explainObject(branch, event, path).join(' and '));
  return `none of the alternatives holds: ${parts.join('; or ')}`;
}

/** The reason a leaf (a list of alternatives) fails, or undefined when it matches. */
function explainLeaf(entries: unknown[], value: unknown, path: readonly string[]): string | undefined {
  const values = leafValues(value);
  if (matchesEventPattern(nest(path, entries), nest(path, value))) return undefined;
  const field = name(path);
  if (field === 'service.archived' && values.includes(true)) return 'archived finding';
  const subject = values.length === 0 ? field : `${field} ${showValues(values)}`;
  const parts: string[] = [];
  const exact = entries.filter((e) => !isObject(e));
  if (exact.length > 0) parts.push(`is not ${exact.map(show).join(' or ')}`);
  const prefixes = entries.filter(isObject).flatMap((e) => (typeof e.prefix === 'string' ? [e.prefix] : []));
  if (prefixes.length > 1) parts.push(`has none of the prefixes ${prefixes.join(', ')}`);
  else if (prefixes.length === 1) parts.push(`does not start with ${prefixes[0]}`);
  for (const entry of entries.filter(isObject)) {
    const [operator] = Object.keys(entry);
    const arg = entry[operator];
    if (operator === 'exists') return arg === true ? `${field} is missing` : `${field} is present`;
    if (values.length === 0) return `${field} is missing`;
    if (operator === 'numeric') parts.push(numericReason(arg as unknown[], values));
    else if (operator === 'anything-but') {
      if (isObject(arg) && typeof arg.prefix === 'string') {
        if (entries.length === 1) return `${field} excluded by prefix ${arg.prefix}`;
        parts.push(`is excluded by prefix ${arg.prefix}`);
      } else parts.push(`is excluded (${[arg].flat().map(show).join(', ')})`);
    }
  }
  if (values.length === 0) return `${field} is missing`;
  return `${subject} ${parts.join(' and ')}`;
}

const NUMERIC_WORDS: Record<string, string> = {
  '>': 'not above',
  '>=': 'below',
  '<': 'not below',
  '<=': 'above',
  '=': 'is not',
};

/** The first comparison that fails, for the first value: "below 7", "not below 9". */
function numericReason(arg: unknown[], values: unknown[]): string {
  const numbers = values.filter((v): v is number => typeof v === 'number');
  if (numbers.length === 0) return 'is not a number';
  const comparisons = [arg.slice(0, 2), arg.slice(2)].filter((c) => c.length === 2);
  for (const [op, bound] of comparisons) {
    const holds = numbers.some((v) => matchesEventPattern({ v: [{ numeric: [op, bound] }] }, { v }));
    if (!holds) return `${NUMERIC_WORDS[op as string]} ${String(bound)}`;
  }
  return `is not in ${comparisons.map(([op, bound]) => `${String(op)} ${String(bound)}`).join(' and ')}`;
}

/** `{ a: { b: leaf } }` for the path [a, b], to reuse the matcher on one leaf. */
function nest(path: readonly string[], leaf: unknown): JsonObject {
  return path.reduceRight<unknown>((inner, key) => ({ [key]: inner }), leaf) as JsonObject;
}

function name(path: readonly string[]): string {
  const inner = path[0] === 'detail' && path.length > 1 ? path.slice(1) : path;
  return inner.join('.');
}

function leafValues(value: unknown): unknown[] {
  if (value === undefined || isObject(value)) return [];
  return Array.isArray(value) ? value.flatMap(leafValues) : [value];
}

function showValues(values: unknown[]): string {
  return values.length === 1 ? show(values[0]) : `[${values.map(show).join(', ')}]`;
}

function show(value: unknown): string {
  return typeof value === 'string' ? value : JSON.stringify(value);
}

function isObject(value: unknown): value is JsonObject {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}
