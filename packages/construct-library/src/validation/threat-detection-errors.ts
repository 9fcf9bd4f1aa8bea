import { show, VALIDATION_ERROR_SYMBOL } from '../private/validation-error';

/**
 * Recognises the errors this library throws for input the user got wrong, without importing its internals: a CLI or
 * an app prints their message (every problem, one a line) instead of a stack trace.
 */
export class ThreatDetectionErrors {
  /**
   * Whether `x` is a validation error of this library (of any copy of it loaded in the process).
   *
   * @param x anything caught
   */
  public static isValidationError(x: unknown): x is Error {
    return x instanceof Error && (x as unknown as Record<symbol, unknown>)[VALIDATION_ERROR_SYMBOL] === true;
  }

  /**
   * The problems of a validation error, one sentence each; empty for any other value.
   *
   * @param x anything caught
   */
  public static problemsOf(x: unknown): string[] {
    return ThreatDetectionErrors.isValidationError(x)
      ? [...(x as unknown as { problems: string[] }).problems]
      : [];
  }

  /**
   * The path of the construct whose input a validation error is about, if a construct threw it.
   *
   * @param x anything caught
   */
  public static constructPathOf(x: unknown): string | undefined {
    return ThreatDetectionErrors.isValidationError(x)
      ? (x as unknown as { constructPath?: string }).constructPath
      : undefined;
  }

  /**
   * A value as validation messages show it: JSON, shortened to 200 characters (with its full length) when longer.
   *
   * @param value the value the user gave
   */
  public static showValue(value: unknown): string {
    return show(value);
  }

  private constructor() {}
}
