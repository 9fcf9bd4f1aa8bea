// @ts-check
'use strict';

const http = require('node:http');
const https = require('node:https');

/**
 * CloudFormation refuses a response body above 4096 bytes.
 *
 * @see https://docs.aws.amazon.com/AWSCloudFormation/latest/UserGuide/crpg-ref-responses.html
 */
const MAX_RESPONSE_BYTES = 4096;

/** The physical ID of a resource whose Create failed, so that the Delete of the rollback calls nothing. */
const CREATE_FAILED = 'cdk-guardduty-threat-detection::CREATE_FAILED';

/**
 * The response body, at most {@link MAX_RESPONSE_BYTES}: a Reason that is too long is cut, with a note.
 *
 * @param {import('../contract').CloudFormationEvent} event
 * @param {'SUCCESS' | 'FAILED'} status
 * @param {{ physicalResourceId: string, reason: string, data?: Readonly<Record<string, string>> }} outcome
 * @returns {string}
 */
function responseBody(event, status, outcome) {
  /** @param {string} reason */
  const render = (reason) =>
    JSON.stringify(
      /** @type {import('../contract').CloudFormationResponse} */ ({
        Status: status,
        Reason: reason,
        PhysicalResourceId: outcome.physicalResourceId,
        StackId: event.StackId,
        RequestId: event.RequestId,
        LogicalResourceId: event.LogicalResourceId,
        NoEcho: false,
        Data: outcome.data ?? {},
      }),
    );
  const full = render(outcome.reason);
  if (Buffer.byteLength(full) <= MAX_RESPONSE_BYTES) return full;
  const note = ' [cut: see the log of the provider function]';
  let budget = MAX_RESPONSE_BYTES - Buffer.byteLength(render(note));
  let kept = '';
  for (const character of outcome.reason) {
    // A character's size in the body: UTF-8, after JSON escaping.
    budget -= Buffer.byteLength(JSON.stringify(character)) - 2;
    if (budget < 0) break;
    kept += character;
  }
  return render(kept + note);
}

/**
 * PUTs the body to CloudFormation's presigned S3 URL, as CloudFormation's own cfn-response module does (an empty
 * Content-Type, which the presigned URL was signed for), retrying a failed PUT twice.
 *
 * @param {string} url
 * @param {string} body
 * @returns {Promise<void>}
 */
async function putResponse(url, body) {
  let lastError;
  for (let attempt = 1; attempt <= 3; attempt++) {
    try {
      await put(url, body);
      return;
    } catch (error) {
      lastError = error;
      await new Promise((resolve) => setTimeout(resolve, 500 * attempt));
    }
  }
  throw lastError;
}

/**
 * @param {string} url
 * @param {string} body
 * @returns {Promise<void>}
 */
function put(url, body) {
  const target = new URL(url);
  // https for CloudFormation's URL; plain http only for a local server in tests.
  const transport = target.protocol === 'http:' ? http : https;
  return new Promise((resolve, reject) => {
    const request = transport.request(
      target,
      { method: 'PUT', headers: { 'content-type': '', 'content-length': Buffer.byteLength(body) } },
      (response) => {
        response.resume();
        response.on('end', () => {
          const status = response.statusCode ?? 0;
          if (status >= 200 && status < 300) resolve();
          else reject(new Error(`CloudFormation's response URL answered HTTP ${status}`));
        });
      },
    );
    request.setTimeout(10_000, () => request.destroy(new Error('CloudFormation response URL timed out')));
    request.on('error', reject);
    request.end(body);
  });
}

module.exports = { MAX_RESPONSE_BYTES, CREATE_FAILED, responseBody, putResponse };
