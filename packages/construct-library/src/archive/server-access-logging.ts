import { Annotations, Stack } from 'aws-cdk-lib';
import * as iam from 'aws-cdk-lib/aws-iam';
import * as s3 from 'aws-cdk-lib/aws-s3';

/**
 * Turns on S3 server access logging of `bucket` into `logBucket` under `prefix`, and lets the S3 logging service
 * write there with a statement in the log bucket's policy, as the S3 guide recommends
 * (https://docs.aws.amazon.com/AmazonS3/latest/userguide/enable-server-access-logging.html).
 *
 * The L2 Bucket's `serverAccessLogsBucket` is not used: it grants through the log bucket's ACL unless the app's
 * `@aws-cdk/aws-s3:serverAccessLogsUseBucketPolicy` flag is on, and an ACL cannot work with BucketOwnerEnforced.
 * The statement is the one the L2 writes with the flag on: restricted to `bucket` and its account when the log
 * bucket is in the same stack (a reference to `bucket` from another stack's policy would need a cross-stack export).
 */
export function logServerAccessTo(bucket: s3.Bucket, logBucket: s3.IBucket, prefix: string): void {
  (bucket.node.defaultChild as s3.CfnBucket).loggingConfiguration = {
    destinationBucketName: logBucket.bucketName,
    logFilePrefix: prefix,
  };
  const sameStack = Stack.of(logBucket) === Stack.of(bucket);
  const statement = new iam.PolicyStatement({
    principals: [new iam.ServicePrincipal('logging.s3.amazonaws.com')],
    actions: ['s3:PutObject'],
    resources: [logBucket.arnForObjects(`${prefix}*`)],
    conditions: sameStack
      ? {
          ArnLike: { 'aws:SourceArn': bucket.bucketArn },
          StringEquals: { 'aws:SourceAccount': bucket.env.account },
        }
      : undefined,
  });
  if (!logBucket.addToResourcePolicy(statement).statementAdded) {
    Annotations.of(bucket).addWarningV2(
      'cdk-guardduty-threat-detection:accessLogsPolicyNotAdded',
      `The server access logs bucket ${logBucket.node.path} is imported, so its bucket policy cannot be changed ` +
        `from here: allow the service principal logging.s3.amazonaws.com s3:PutObject on ${prefix}* in that ` +
        'bucket yourself, or S3 cannot deliver the access logs.',
    );
  }
}
