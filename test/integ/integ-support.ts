// What the integ tests (integ.*.ts, run by @aws-cdk/integ-runner) share: the app built from a configuration with the
// test-only additions, and the assertions that prove the delivery path on a real account. Not a test itself: the
// runner only picks up files named integ.*.ts, vitest only *.test.ts.
//
// Offline (`npm run integ:snapshot`, what CI runs) the runner only synthesizes these apps and compares the templates
// with the committed *.snapshot folders. Deploying them needs a sandbox account: see the README, "Integration tests".
import * as fs from 'node:fs';
import * as path from 'node:path';
import { AwsApiCall, ExpectedResult, IntegTest, Match, type IApiCall } from '@aws-cdk/integ-tests-alpha';
import { App, Aws, Duration, RemovalPolicies, Stack, type Environment } from 'aws-cdk-lib';
import * as sqs from 'aws-cdk-lib/aws-sqs';
import * as cxapi from 'aws-cdk-lib/cx-api';
import * as subscriptions from 'aws-cdk-lib/aws-sns-subscriptions';
import * as cr from 'aws-cdk-lib/custom-resources';
import type { BuiltApp } from '../../app/build-app';
import type { AppConfig, ChannelConfig, RouteConfig } from '../../app/config/app-config';
import type { FindingsArchive } from 'cdk-guardduty-threat-detection';
import { parseConfig } from '../../app/config/load-config';

const ROOT = path.join(__dirname, '..', '..');

/**
 * The finding type of the sample the tests create: Backdoor:EC2/C&CActivity.B, a High finding about an EC2 instance.
 * One type, so that CreateSampleFindings makes one finding, not one of every type.
 */
export const SAMPLE_FINDING_TYPE = 'Backdoor:EC2/C&CActivity.B';

/** The name of the route the tests add: the only one that delivers the sample finding. */
export const SAMPLE_ROUTE_NAME = 'integ-sample-findings';

/**
 * An app that synthesizes as `cdk synth` does. integ-runner runs the file with its own context: aws-cdk-lib's
 * recommended feature flags, not the project's cdk.json (the runner runs in test/integ, where there is none). The
 * flags of cdk.json are put back over the runner's, and the runner's other feature flags unset, so that the
 * templates are the app's; the runner's other context (no version reporting, no path metadata) stays.
 */
export function integApp(): App {
  const cdkJson = JSON.parse(fs.readFileSync(path.join(ROOT, 'cdk.json'), 'utf8')) as {
    context?: Record<string, unknown>;
  };
  const projectContext = cdkJson.context ?? {};
  // A second App, only to read the context the runner gave: never synthesized (autoSynth would write its empty
  // assembly over this one's when the process exits).
  const runnerContext = new App({ autoSynth: false }).node.getAllContext() as Record<string, unknown>;
  const runnerFlags = Object.keys(runnerContext).filter(
    (k) => k.startsWith('@aws-cdk') && !(k in projectContext),
  );
  return new App({
    // Stack traces hold the absolute paths of this checkout; the snapshots must not depend on where it is. The CDK
    // CLI leaves the stacks' creation traces out unless --debug; integ-runner does not.
    stackTraces: false,
    postCliContext: {
      ...Object.fromEntries(runnerFlags.map((k) => [k, undefined])),
      ...projectContext,
      [cxapi.DISABLE_CREATION_STACK_TRACES]: true,
    },
  });
}

/**
 * The newest cloud assembly schema that @aws-cdk/integ-runner reads. Its latest release (2.197.10) bundles a toolkit
 * that refuses any assembly of a newer major schema version ("AssemblyVersionMismatch: Maximum schema version
 * supported is 53.x.x, but found 55.0.0"), and aws-cdk-lib 2.276 writes 55. Revisions 54 and 55 only added fields
 * (the integ option `allowDeleteFailures`, a metadata entry type) that these tests do not use, so the assembly is
 * readable as 53 once its manifests say so. Remove this (and {@link synthForRunner}'s rewrite) when integ-runner
 * reads the schema aws-cdk-lib writes.
 */
const RUNNER_SCHEMA_MAJOR = 53;

/**
 * Synthesizes the app, then makes two changes to the assembly that integ-runner will read and copy into the snapshot:
 *
 * - the schema version of the manifests it checks (the assembly's, the integ manifest, the asset manifests) is
 *   lowered to {@link RUNNER_SCHEMA_MAJOR};
 * - the stack traces of metadata entries (the `trace` of the cdk-nag acknowledgements, which aws-cdk-lib records
 *   whatever the app's stackTraces) are removed: they hold the absolute paths of this checkout, and the committed
 *   snapshots must not change with the folder or the machine they are made on.
 *
 * Nothing else changes: not the templates, not the metadata entries themselves.
 */
export function synthForRunner(app: App): void {
  const dir = app.synth().directory;
  const rewrite = <T>(file: string, change: (json: T) => boolean) => {
    const json = JSON.parse(fs.readFileSync(path.join(dir, file), 'utf8')) as T;
    if (change(json)) fs.writeFileSync(path.join(dir, file), JSON.stringify(json, undefined, 2));
  };
  for (const file of fs.readdirSync(dir)) {
    if (file === 'manifest.json' || file === 'integ.json' || file.endsWith('.assets.json')) {
      rewrite<{ version?: string }>(file, (manifest) => {
        if (!(Number(manifest.version?.split('.')[0]) > RUNNER_SCHEMA_MAJOR)) return false;
        manifest.version = `${RUNNER_SCHEMA_MAJOR}.0.0`;
        return true;
      });
    } else if (file.endsWith('.metadata.json')) {
      rewrite<Record<string, { trace?: string[] }[]>>(file, (metadata) => {
        const traced = Object.values(metadata).flatMap((entries) => entries.filter((e) => e.trace));
        for (const entry of traced) delete entry.trace;
        return traced.length > 0;
      });
    }
  }
}

/** A configuration file of the project, read as JSON for the test to change before it is checked. */
export function readConfig(file: string): AppConfig {
  return JSON.parse(fs.readFileSync(path.join(ROOT, file), 'utf8')) as AppConfig;
}

/**
 * The test-only changes every integ test makes to its configuration, then the app's own check of the result
 * (parseConfig: the schema, the file's rules and the constructs' rules), as `cdk synth` would check the file:
 *
 * - `stackName` prefixed with "Integ", so that a test deploy can never update, then destroy, the app's own stacks
 *   deployed in the same account (GuardDutyThreatDetection by default);
 * - `findingsArchive.removalPolicy: DESTROY` and `autoDeleteObjects: true`, so that destroying the test deletes the
 *   archive buckets and key (the project's default, RETAIN, would keep them, and their objects, after every run);
 * - the default route (notificationEmails, minimumSeverity, language) written as the e-mail channel and route it
 *   stands for, since a route can be added only next to other routes: the same channel ("email"), the same route
 *   ("default"), the same messages;
 * - one more route, {@link SAMPLE_ROUTE_NAME}: the sample finding type, sample findings included, to `channel`.
 */
export function integConfig(config: AppConfig, channel = 'email'): AppConfig {
  const { notificationEmails, minimumSeverity, language, ...others } = config.alerts ?? {};
  const routes: RouteConfig[] = others.routes ?? [
    { name: 'default', severity: { minimum: minimumSeverity ?? 7 }, channels: ['email'] },
  ];
  const channels: Record<string, ChannelConfig> = others.channels ?? {
    email: { type: 'email', addresses: notificationEmails ?? [], language },
  };
  const sampleRoute: RouteConfig = {
    name: SAMPLE_ROUTE_NAME,
    severity: { minimum: 1 },
    findingTypes: [SAMPLE_FINDING_TYPE],
    includeSampleFindings: true,
    channels: [channel],
  };
  return parseConfig(
    {
      ...config,
      stackName: `Integ${config.stackName ?? 'GuardDutyThreatDetection'}`,
      findingsArchive: { ...config.findingsArchive, removalPolicy: 'DESTROY', autoDeleteObjects: true },
      alerts: { ...others, channels, routes: [...routes, sampleRoute] },
    },
    'integ test configuration',
  );
}

/**
 * Replaces the channels a sandbox account cannot deliver to by e-mail channels without addresses, under the same
 * names, so that every route still deploys with its rules and topics:
 *
 * - slack and teams: Amazon Q Developer in chat applications refuses a channel configuration until the workspace or
 *   team has been authorized in its console, by hand;
 * - sns: the example's topic is in an account of its own (111122223333).
 *
 * Their templates are covered by the unit tests (test/app, test/alerts). Webhook channels stay: integ.multi-route.ts
 * deploys the secrets they read.
 */
export function withDeliverableChannels(config: AppConfig): AppConfig {
  const channels = config.alerts?.channels;
  if (!channels) return config;
  const replaced = Object.fromEntries(
    Object.entries(channels).map(([name, c]): [string, ChannelConfig] =>
      c.type === 'slack' || c.type === 'teams' || c.type === 'sns' ? [name, { type: 'email' }] : [name, c],
    ),
  );
  return { ...config, alerts: { ...config.alerts, channels: replaced } };
}

/**
 * Makes the test's detectors and KMS keys deletable. The app has no configuration field for them: the library keeps
 * them by default (ADR 0003), so destroying a test deploy would leave the detector on (billed after the free trial,
 * and in the way of the next run, which creates one) and a key per alert topic ($1 a month each). An adopted
 * detector (`adoptExistingDetector`) is not a CloudFormation resource: its custom resource never deletes it, so the
 * multi-Region and organization tests leave a detector on in each of their Regions (the README says how to delete
 * them).
 */
export function destroyable(built: BuiltApp): void {
  for (const stack of built.stacks) {
    RemovalPolicies.of(stack).destroy({
      applyToResourceTypes: ['AWS::GuardDuty::Detector', 'AWS::KMS::Key'],
    });
  }
}

/** Options of {@link deliveryTest}. */
export interface DeliveryTestOptions {
  /** The test's name: the construct ID of the IntegTest and the prefix of the assertion stack's. */
  readonly name: string;
  /** The app's stacks to deploy. */
  readonly stacks: Stack[];
  /** The app's home stack: the archive, the routes and the topic the queue subscribes to. */
  readonly home: BuiltApp['home'];
  /** The channel of the sample route, whose topic the queue subscribes to. */
  readonly channel: string;
  /**
   * The home stack's account and Region when the configuration fixes them: the assertion stack references the home
   * stack's resources, so it must be in the same environment.
   *
   * @default - environment-agnostic, like the home stack
   */
  readonly env?: Environment;
  /** The Regions integ-runner may deploy to: the home Region, for stacks whose Region is fixed. */
  readonly regions?: string[];
  /**
   * The app's stacks of the other Regions: a sample finding is created in each, and its alert and export are
   * expected in the home Region's queue and archive.
   */
  readonly members?: Stack[];
  /** Stacks of the app that are synthesized but not deployed (the organization's management stack). */
  readonly notDeployed?: Stack[];
}

/** What {@link deliveryTest} made, for the tests that assert more. */
export interface DeliveryTest {
  readonly integ: IntegTest;
  /** The stack of the assertions and the queue, in the home stack's environment. */
  readonly assertionStack: Stack;
  /** The queue subscribed to the channel's topic (raw message delivery: each body is one alert's text). */
  readonly queue: sqs.Queue;
  /** The sample finding of the home Region, created once the stacks are deployed. */
  readonly createSample: IApiCall;
}

/**
 * The integ test of an app, with the assertions that prove the delivery path in the home Region once it is deployed:
 *
 * 1. GuardDuty CreateSampleFindings on the home detector: one sample of {@link SAMPLE_FINDING_TYPE};
 * 2. an SQS queue subscribed to the sample route's topic receives the alert (EventBridge rule of the route, input
 *    transformer, encrypted topic), polled for up to 15 minutes; GuardDuty sends new findings to EventBridge within
 *    about 5 minutes;
 * 3. the finding is exported to the archive bucket under AWSLogs/<account>/GuardDuty/<region>/, polled for up to
 *    20 minutes (GuardDuty exports new findings within about 5 minutes);
 *
 * and the same for a sample in each of `members`' Regions, forwarded to the home Region.
 */
export function deliveryTest(app: App, options: DeliveryTestOptions): DeliveryTest {
  const { home } = options;
  const assertionStack = new Stack(app, `${options.name}Assertions`, {
    env: options.env,
    description: 'Integration test assertions of cdk-guardduty-threat-detection (deleted after the test)',
  });

  const topic = home.threatDetection.alerts.alarmTopics.find((t) => t.node.id === options.channel);
  if (!topic) throw new Error(`The home stack has no topic for the channel "${options.channel}".`);
  const queue = new sqs.Queue(assertionStack, 'AlertQueue', {
    encryption: sqs.QueueEncryption.SQS_MANAGED,
    enforceSSL: true,
    retentionPeriod: Duration.hours(4),
  });
  topic.topic.addSubscription(new subscriptions.SqsSubscription(queue, { rawMessageDelivery: true }));

  const destroyOthers = (options.notDeployed ?? []).length > 0;
  const integ = new IntegTest(app, options.name, {
    testCases: options.stacks,
    assertionStack,
    regions: options.regions,
    // The update workflow would deploy the committed snapshot first, then this one: twice the time and cost, for
    // stacks that hold nothing between runs.
    stackUpdateWorkflow: false,
    cdkCommandOptions: {
      // Only the test's stacks: not the stacks they depend on that the test does not deploy.
      deploy: destroyOthers ? { args: { exclusively: true } } : undefined,
      destroy: {
        args: {
          force: true,
          ...(destroyOthers
            ? {
                all: false,
                exclusively: true,
                stacks: [...options.stacks, assertionStack].map((s) => s.artifactId),
              }
            : {}),
        },
      },
    },
  });

  const archive = home.threatDetection.archive;
  if (!archive)
    throw new Error('The home stack exports no findings (findingsArchive.exportFindings is false).');

  const createSample = integ.assertions.awsApiCall('GuardDuty', 'createSampleFindings', {
    DetectorId: home.threatDetection.detector.detectorId,
    FindingTypes: [SAMPLE_FINDING_TYPE],
  });
  const received = expectAlert(integ, queue, home.region);
  createSample.next(received).next(expectArchived(integ, archive, home.region));

  // The other Regions: a sample there, forwarded to the home Region's bus and routed there; exported to the archive
  // by that Region's detector under its own Region's prefix.
  for (const member of options.members ?? []) {
    assertionStack.addStackDependency(member, "the sample finding needs the Region's detector and forwarder");
    const sample = createSampleIn(
      assertionStack,
      `SampleFinding${member.region.replace(/-/g, '')}`,
      member.region,
    );
    const forwarded = expectAlert(integ, queue, member.region);
    forwarded.node.addDependency(sample);
    forwarded.next(expectArchived(integ, archive, member.region));
  }

  return { integ, assertionStack, queue, createSample };
}

/**
 * An assertion that GuardDuty exported a finding of `region` to the archive: an object under
 * AWSLogs/<account>/GuardDuty/<region>/ (GuardDuty's own layout), ending .jsonl.gz.
 */
export function expectArchived(integ: IntegTest, archive: FindingsArchive, region: string): IApiCall {
  const listed = integ.assertions
    .awsApiCall('S3', 'listObjectsV2', {
      Bucket: archive.bucket.bucketName,
      Prefix: `AWSLogs/${Aws.ACCOUNT_ID}/GuardDuty/${region}/`,
    })
    .expect(
      ExpectedResult.objectLike({
        Contents: Match.arrayWith([Match.objectLike({ Key: Match.stringLikeRegexp('\\.jsonl\\.gz$') })]),
      }),
    )
    .waitForAssertions({ totalTimeout: Duration.minutes(20), interval: Duration.seconds(30) });
  allowListBucket(listed, archive.bucket.bucketArn);
  return listed;
}

/**
 * An assertion that the queue receives the alert of the sample finding from `region`: a message whose text names
 * the sample's type, then that Region (the "Region" line and the console link come after the type, in English and
 * Japanese alike). Messages stay visible (VisibilityTimeout 0), so that every poll, and every other assertion on the
 * queue, sees them all.
 */
export function expectAlert(integ: IntegTest, queue: sqs.IQueue, region: string): IApiCall {
  const type = SAMPLE_FINDING_TYPE.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
  return integ.assertions
    .awsApiCall('SQS', 'receiveMessage', {
      QueueUrl: queue.queueUrl,
      MaxNumberOfMessages: 10,
      WaitTimeSeconds: 10,
      VisibilityTimeout: 0,
    })
    .expect(
      ExpectedResult.objectLike({
        Messages: Match.arrayWith([
          Match.objectLike({ Body: Match.stringLikeRegexp(`${type}[\\s\\S]*${region}`) }),
        ]),
      }),
    )
    .waitForAssertions({ totalTimeout: Duration.minutes(15), interval: Duration.seconds(30) });
}

/**
 * A sample finding in another Region than the assertion stack's: the assertions of integ-tests-alpha call the API
 * in their own Region only, so this is an AwsCustomResource with `region`. The detector ID comes from ListDetectors
 * there (one detector per account and Region; a cross-Region reference to the stack's would need
 * crossRegionReferences).
 */
export function createSampleIn(scope: Stack, id: string, region: string): cr.AwsCustomResource {
  const policy = cr.AwsCustomResourcePolicy.fromSdkCalls({
    resources: cr.AwsCustomResourcePolicy.ANY_RESOURCE,
  });
  const detectors = new cr.AwsCustomResource(scope, `${id}Detector`, {
    onCreate: {
      service: 'GuardDuty',
      action: 'listDetectors',
      region,
      physicalResourceId: cr.PhysicalResourceId.of(`${id}-detector`),
      outputPaths: ['DetectorIds.0'],
    },
    policy,
    installLatestAwsSdk: false,
  });
  return new cr.AwsCustomResource(scope, id, {
    onCreate: {
      service: 'GuardDuty',
      action: 'createSampleFindings',
      region,
      parameters: {
        DetectorId: detectors.getResponseField('DetectorIds.0'),
        FindingTypes: [SAMPLE_FINDING_TYPE],
      },
      physicalResourceId: cr.PhysicalResourceId.of(`${id}-sample`),
    },
    policy,
    installLatestAwsSdk: false,
  });
}

/**
 * ListObjectsV2 is authorized by the IAM action s3:ListBucket; the policy integ-tests-alpha derives from the API
 * name (s3:ListObjectsV2) does not exist. Both the first call's function and the waiter's need it.
 */
function allowListBucket(call: IApiCall, bucketArn: string): void {
  const statement = { Effect: 'Allow', Action: ['s3:ListBucket'], Resource: [bucketArn] };
  call.provider.addToRolePolicy(statement);
  if (call instanceof AwsApiCall) call.waiterProvider?.addToRolePolicy(statement);
}
