// @ts-check
'use strict';

/**
 * A failure the provider itself detected (a suspended detector, another delegated administrator, a malformed
 * parameter): its message is complete, names what is wrong and the way out, and is passed to CloudFormation as is.
 */
class ProviderError extends Error {
  /** @param {string} message */
  constructor(message) {
    super(message);
    this.name = 'ProviderError';
  }
}

/** An AWS call that failed, with the operation and the Region it was sent to. */
class CallError extends Error {
  /**
   * @param {string} operation e.g. `CreateDetector`
   * @param {string} region
   * @param {unknown} cause the SDK's error
   */
  constructor(operation, region, cause) {
    super(`${operation} in ${region} failed: ${awsMessage(cause)}`, { cause });
    this.name = 'CallError';
  }
}

/**
 * An SDK error as AWS wrote it: its name (the error code, such as `BadRequestException`), its message, and the
 * request ID for AWS Support.
 *
 * @param {unknown} error
 * @returns {string}
 */
function awsMessage(error) {
  if (!(error instanceof Error)) return String(error);
  const requestId = /** @type {{ $metadata?: { requestId?: string } }} */ (error).$metadata?.requestId;
  const message = error.message ? `: ${error.message}` : '';
  return `${error.name}${message}${requestId ? ` (request ID ${requestId})` : ''}`;
}

/**
 * The text CloudFormation shows for a failure: the provider's own message, or the failed call with AWS's error.
 *
 * @param {unknown} error
 * @returns {string}
 */
function describeError(error) {
  if (error instanceof ProviderError || error instanceof CallError) return error.message;
  if (error instanceof Error)
    return `Unexpected error in the provider function: ${error.name}: ${error.message}`;
  return `Unexpected error in the provider function: ${String(error)}`;
}

module.exports = { ProviderError, CallError, awsMessage, describeError };
