import type { IConstruct } from 'constructs';
import { FieldPath } from '../validation/field-path';

/** Marks the errors of this library, whichever copy of it threw them (see `ThreatDetectionErrors`). */
export const VALIDATION_ERROR_SYMBOL = Symbol.for('cdk-guardduty-threat-detection.ValidationError');

/**
 * An input the user got wrong. The message lists every problem, one a line, each naming the field, the value and the
 * fix; the error is thrown at synth, before anything is deployed. Like aws-cdk-lib's own errors, it carries the path
 * of the construct whose input it is.
 */
export class ValidationError extends Error {
  /** The problems, one sentence each. */
  public readonly problems: string[];
  /** The path of the construct whose input is wrong, when a construct threw the error. */
  public readonly constructPath?: string;

  constructor(problems: string | string[], scope?: IConstruct) {
    const list = typeof problems === 'string' ? [problems] : problems;
    super(list.join('\n'));
    this.name = 'ValidationError';
    this.problems = list;
    this.constructPath = scope?.node.path;
    Object.defineProperty(this, VALIDATION_ERROR_SYMBOL, { value: true });
  }
}

/** Throws one {@link ValidationError} for `scope` with every problem, if there is any. */
export function throwIfProblems(scope: IConstruct | undefined, problems: readonly string[]): void {
  if (problems.length > 0) throw new ValidationError([...problems], scope);
}

/** A rule's `path` argument as a {@link FieldPath}: a string is a prefix without renames. */
export function fieldPathOf(path: string | FieldPath | undefined, fallback = ''): FieldPath {
  if (path instanceof FieldPath) return path;
  return new FieldPath(path ?? fallback);
}

/** The longest rendering of a value in a message: a 60 KB value must not flood the terminal. */
export const SHOWN_VALUE_LIMIT = 200;

/**
 * Renders a user-supplied value for an error message, as JSON, shortened to {@link SHOWN_VALUE_LIMIT} characters
 * (with its full length) when longer. Infinite numbers, which JSON.stringify would render as null, keep their name.
 */
export function show(value: unknown): string {
  const text =
    typeof value === 'number' && !Number.isFinite(value)
      ? String(value)
      : (JSON.stringify(value) ?? String(value));
  return shorten(text);
}

/** `text`, or its first {@link SHOWN_VALUE_LIMIT} characters with an ellipsis and the full length. */
export function shorten(text: string): string {
  return text.length <= SHOWN_VALUE_LIMIT
    ? text
    : `${text.slice(0, SHOWN_VALUE_LIMIT)}… (${text.length} characters)`;
}
