#!/usr/bin/env node
/**
 * The benchmark's baseline: the resources of the blog post this project started from, written with plain
 * aws-cdk-lib (no construct of this project, no cdk-nag), in one stack. `npm run bench` synthesizes it in a fresh
 * Node.js process exactly like the project's app (`node dist/bench/baseline-app.js`, with CDK_OUTDIR and
 * CDK_CONTEXT_JSON set from cdk.json), so that "project / baseline" is the price of what the project adds: cdk-nag,
 * the configuration file, the routes, the dead-letter queues and the extra checks.
 *
 * The resources: an SNS topic with two e-mail subscriptions; a KMS key with rotation, and a statement letting
 * GuardDuty generate data keys for this detector only; an S3 bucket (public access blocked, SSL enforced, objects
 * expiring after 366 days) whose policy makes GuardDuty write KMS-encrypted objects only; a detector publishing
 * every 15 minutes with S3 logs and EBS malware scans; the S3 publishing destination encrypted with the key; an
 * EventBridge rule sending findings of severity 7 and above to the topic. Removal policies are RETAIN and the
 * bucket has no auto-delete custom resource, as the post says to set them before deploying.
 */
import { App, Duration, RemovalPolicy, Stack, Tags } from 'aws-cdk-lib';
import * as events from 'aws-cdk-lib/aws-events';
import * as targets from 'aws-cdk-lib/aws-events-targets';
import * as guardduty from 'aws-cdk-lib/aws-guardduty';
import * as iam from 'aws-cdk-lib/aws-iam';
import * as kms from 'aws-cdk-lib/aws-kms';
import * as s3 from 'aws-cdk-lib/aws-s3';
import * as sns from 'aws-cdk-lib/aws-sns';
import * as subscriptions from 'aws-cdk-lib/aws-sns-subscriptions';

const app = new App();
const stack = new Stack(app, 'GuardDutyBaseline');
const guardDuty = new iam.ServicePrincipal('guardduty.amazonaws.com');

const topic = new sns.Topic(stack, 'AlertTopic', { displayName: 'GuardDuty Alert Notifications' });
for (const address of ['security@example.com', 'oncall@example.com']) {
  topic.addSubscription(new subscriptions.EmailSubscription(address));
}

const key = new kms.Key(stack, 'FindingsKey', {
  alias: 'alias/guardduty-findings',
  description: 'Encrypts exported GuardDuty findings',
  enableKeyRotation: true,
  removalPolicy: RemovalPolicy.RETAIN,
});
Tags.of(key).add('Name', 'guardduty-findings');

const bucket = new s3.Bucket(stack, 'FindingsBucket', {
  blockPublicAccess: s3.BlockPublicAccess.BLOCK_ALL,
  encryption: s3.BucketEncryption.S3_MANAGED,
  enforceSSL: true,
  removalPolicy: RemovalPolicy.RETAIN,
  lifecycleRules: [{ id: 'expire-after-366-days', expiration: Duration.days(366) }],
});

const detector = new guardduty.CfnDetector(stack, 'Detector', {
  enable: true,
  findingPublishingFrequency: 'FIFTEEN_MINUTES',
  dataSources: {
    s3Logs: { enable: true },
    malwareProtection: { scanEc2InstanceWithFindings: { ebsVolumes: true } },
  },
});
const detectorArn = `arn:${stack.partition}:guardduty:${stack.region}:${stack.account}:detector/${detector.attrId}`;
const objects = bucket.arnForObjects('*');

key.addToResourcePolicy(
  new iam.PolicyStatement({
    sid: 'AllowGuardDutyToEncryptFindings',
    actions: ['kms:GenerateDataKey*'],
    resources: ['*'],
    principals: [guardDuty],
    conditions: {
      StringEquals: { 'aws:SourceAccount': stack.account },
      StringLike: { 'aws:SourceArn': detectorArn },
    },
  }),
);
for (const statement of [
  {
    sid: 'DenyIncorrectEncryptionHeader',
    effect: iam.Effect.DENY,
    actions: ['s3:PutObject'],
    resources: [objects],
    conditions: { StringNotLike: { 's3:x-amz-server-side-encryption-aws-kms-key-id': key.keyArn } },
  },
  {
    sid: 'DenyUnencryptedObjectUploads',
    effect: iam.Effect.DENY,
    actions: ['s3:PutObject'],
    resources: [objects],
    conditions: { StringNotEquals: { 's3:x-amz-server-side-encryption': 'aws:kms' } },
  },
  {
    sid: 'AllowPutObject',
    actions: ['s3:PutObject'],
    resources: [objects],
    conditions: { StringEquals: { 'aws:SourceAccount': stack.account, 'aws:SourceArn': detectorArn } },
  },
  {
    sid: 'AllowGetBucketLocation',
    actions: ['s3:GetBucketLocation'],
    resources: [bucket.bucketArn],
    conditions: { StringEquals: { 'aws:SourceAccount': stack.account, 'aws:SourceArn': detectorArn } },
  },
]) {
  bucket.addToResourcePolicy(new iam.PolicyStatement({ ...statement, principals: [guardDuty] }));
}

const destination = new guardduty.CfnPublishingDestination(stack, 'FindingsExport', {
  detectorId: detector.ref,
  destinationType: 'S3',
  destinationProperties: { destinationArn: bucket.bucketArn, kmsKeyArn: key.keyArn },
});
destination.node.addDependency(bucket, key);

new events.Rule(stack, 'HighSeverityRule', {
  eventPattern: {
    source: ['aws.guardduty'],
    detailType: ['GuardDuty Finding'],
    detail: { severity: [{ numeric: ['>=', 7] }] },
  },
  targets: [new targets.SnsTopic(topic)],
});

app.synth();
