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

/** Renders a user-supplied value for an error message. */
export function show(value: unknown): string {
  return JSON.stringify(value) ?? String(value);
}
