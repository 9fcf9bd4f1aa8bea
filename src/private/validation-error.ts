/**
 * An input the user got wrong. The message names the field, the value and the fix; the error is thrown at synth,
 * before anything is deployed.
 */
export class ValidationError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'ValidationError';
  }
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
