// @ts-check
'use strict';

const { GetParameterCommand } = require('@aws-sdk/client-ssm');
const { CallError, ProviderError } = require('./errors');

/** A bucket ARN and a KMS key ARN, as `FindingsArchiveParameter` writes them: `BUCKET_ARN|KEY_ARN`. */
const ARCHIVE_VALUE = /^(arn:[a-z-]+:s3:::[^|\s]+)\|(arn:[a-z-]+:kms:[a-z0-9-]+:\d{12}:key\/[^|\s]+)$/;

/**
 * The bucket and key ARNs of a parameter value, or a clear error.
 *
 * @param {string} name
 * @param {string} region
 * @param {string | undefined} value
 */
function parseArchiveValue(name, region, value) {
  const match = value === undefined ? null : ARCHIVE_VALUE.exec(value);
  if (!match) {
    throw new ProviderError(
      `The SSM parameter ${name} in ${region} holds ${JSON.stringify(value)}, not "BUCKET_ARN|KEY_ARN" (an S3 ` +
        "bucket ARN and a KMS key ARN). The home Region's stack writes it (FindingsArchiveParameter): deploy that " +
        'stack first, and do not change the parameter by hand.',
    );
  }
  return { bucketArn: match[1], keyArn: match[2] };
}

/**
 * `ReadParameter`: on Create and Update, reads the findings-archive parameter in the home Region and returns
 * `BucketArn` and `KeyArn`. The value is the physical ID, so that a new value makes CloudFormation update what
 * depends on it. Delete calls nothing.
 *
 * @type {import('../contract').Action<import('../contract').ReadParameterRequest>}
 */
async function readParameter(request, context) {
  if (context.requestType === 'Delete') {
    return {
      physicalResourceId: context.physicalResourceId ?? request.Name,
      reason: 'Nothing to delete: the parameter belongs to the home stack.',
    };
  }
  const client = context.clients.ssm(context.region);
  const result = await context
    .call(new GetParameterCommand({ Name: request.Name }), (c) => client.send(c))
    .catch((error) => {
      if (
        !(error instanceof CallError) ||
        !(error.cause instanceof Error) ||
        error.cause.name !== 'ParameterNotFound'
      ) {
        throw error;
      }
      throw new ProviderError(
        `${error.message}. The home Region's stack creates this parameter (FindingsArchiveParameter): deploy ` +
          'that stack first.',
      );
    });
  const value = result.Parameter?.Value;
  const { bucketArn, keyArn } = parseArchiveValue(request.Name, context.region, value);
  return {
    physicalResourceId: /** @type {string} */ (value),
    data: { BucketArn: bucketArn, KeyArn: keyArn },
    reason: `Read ${request.Name} in ${context.region}: bucket ${bucketArn}, key ${keyArn}.`,
  };
}

module.exports = { readParameter, parseArchiveValue };
