import { Annotations, ArnFormat, Duration, Lazy, RemovalPolicy, Stack, Token } from 'aws-cdk-lib';
import * as iam from 'aws-cdk-lib/aws-iam';
import * as kms from 'aws-cdk-lib/aws-kms';
import * as s3 from 'aws-cdk-lib/aws-s3';
import { Construct, IConstruct, IDependable } from 'constructs';
import type { IGuardDutyDetector } from '../detector/guardduty-detector';
import { acknowledgeRules } from '../private/nag';
import { checkPolicyQuotas } from '../private/policy-quotas';
import { exportRegionProblem, guardDutyExportPrincipal, isKnownRegion } from '../regions/region-facts';
import { deployTimeExportPrincipal } from './deploy-time-export-principal';
import { logServerAccessTo } from './server-access-logging';
import { show, throwIfProblems, ValidationError } from '../private/validation-error';
import {
  DEFAULT_EXPIRATION,
  DEFAULT_NONCURRENT_VERSION_EXPIRATION,
  findingsArchivePropsProblems,
  type FindingsArchiveProps,
} from './findings-archive-props';

export type { FindingsArchiveProps } from './findings-archive-props';

/** Where a detector's findings can be exported to: the bucket and key ARNs, and a way to admit the detector. */
export interface IFindingsArchive extends IConstruct {
  /** The ARN of the bucket findings are exported to. */
  readonly bucketArn: string;

  /** The ARN of the KMS key findings are encrypted with. */
  readonly encryptionKeyArn: string;

  /**
   * Lets a detector export here, and returns what its publishing destination must be created after: GuardDuty checks
   * its access to the bucket and the key when the destination is created.
   */
  allowExportFrom(detector: IGuardDutyDetector): IDependable[];
}

/**
 * The key of the exporters whose principal is decided at deploy time: detectors in the Region an
 * environment-agnostic stack is deployed to. Not a principal name, so it cannot clash with one.
 */
const DEPLOY_TIME = '(the Region of the stack, at deploy time)';

/** The detectors allowed to export through one GuardDuty service principal. */
interface Exporters {
  readonly accounts: string[];
  readonly arns: string[];
}

/**
 * Where GuardDuty findings are kept: an S3 bucket encrypted with a customer managed KMS key (SSE-KMS with an S3
 * Bucket Key), public access blocked, TLS enforced, versioned, with a lifecycle and server access logs.
 *
 * Call `allowExportFrom(detector)` (or use `FindingsPublishingDestination`, which does) to let a detector write
 * to it. The bucket and key policies then follow the GuardDuty export guide: GuardDuty gets only
 * `s3:GetBucketLocation`, `s3:PutObject` and `kms:GenerateDataKey`, scoped by `aws:SourceAccount` and
 * `aws:SourceArn` to the detectors allowed; objects not encrypted with this key are refused.
 *
 * @see https://docs.aws.amazon.com/guardduty/latest/ug/guardduty_exportfindings.html
 */
export class FindingsArchive extends Construct implements IFindingsArchive {
  /** How long findings are kept unless `expiration` says otherwise: 366 days, a year and a day. */
  public static readonly DEFAULT_EXPIRATION: Duration = DEFAULT_EXPIRATION;
  /** How long old versions are kept unless `noncurrentVersionExpiration` says otherwise: 30 days. */
  public static readonly DEFAULT_NONCURRENT_VERSION_EXPIRATION: Duration =
    DEFAULT_NONCURRENT_VERSION_EXPIRATION;

  /** The bucket the findings are exported to. */
  public readonly bucket: s3.IBucket;
  /** The KMS key the findings are encrypted with. */
  public readonly encryptionKey: kms.IKey;
  /** The bucket that receives the server access logs of `bucket`, when the bucket is created here. */
  public readonly serverAccessLogsBucket?: s3.IBucket;

  public readonly bucketArn: string;
  public readonly encryptionKeyArn: string;

  /**
   * Per GuardDuty service principal (global, or Region-specific in opt-in Regions, or {@link DEPLOY_TIME}), the
   * detectors admitted.
   */
  private readonly exporters = new Map<string, Exporters>();

  constructor(scope: Construct, id: string, props: FindingsArchiveProps = {}) {
    super(scope, id);
    checkPolicyQuotas(
      this,
      'Each exporting Region or account adds its detector to the bucket and key policies: export fewer Regions or ' +
        'accounts into one archive, or use one archive per group of accounts.',
    );
    throwIfProblems(this, findingsArchivePropsProblems(props));

    const removalPolicy = props.removalPolicy ?? RemovalPolicy.RETAIN;
    const autoDeleteObjects = props.autoDeleteObjects ?? false;
    const existingKey = props.encryptionKey ?? props.bucket?.encryptionKey;
    this.encryptionKey =
      existingKey ??
      new kms.Key(this, 'Key', {
        description: 'Encrypts the GuardDuty findings exported to S3',
        enableKeyRotation: true,
        removalPolicy,
      });

    this.encryptionKeyArn = this.encryptionKey.keyArn;
    if (props.bucket) {
      this.bucket = props.bucket;
      this.bucketArn = props.bucket.bucketArn;
      return;
    }

    this.serverAccessLogsBucket =
      props.serverAccessLogsBucket ??
      new s3.Bucket(this, 'AccessLogsBucket', {
        encryption: s3.BucketEncryption.S3_MANAGED,
        blockPublicAccess: s3.BlockPublicAccess.BLOCK_ALL,
        objectOwnership: s3.ObjectOwnership.BUCKET_OWNER_ENFORCED,
        enforceSSL: true,
        versioned: true,
        lifecycleRules: [
          {
            id: 'ExpireAccessLogs',
            expiration: props.expiration ?? FindingsArchive.DEFAULT_EXPIRATION,
            noncurrentVersionExpiration:
              props.noncurrentVersionExpiration ?? FindingsArchive.DEFAULT_NONCURRENT_VERSION_EXPIRATION,
          },
        ],
        removalPolicy,
        autoDeleteObjects,
      });
    if (!props.serverAccessLogsBucket) {
      acknowledgeRules(this.serverAccessLogsBucket.node.defaultChild, {
        'NIST.800.53.R5::NIST.800.53.R5-S3DefaultEncryptionKMS':
          'S3 server access log delivery supports only SSE-S3 on the target bucket, not SSE-KMS.',
        'NIST.800.53.R5::NIST.800.53.R5-S3BucketReplicationEnabled':
          'Accepted: a single-Region copy of the access logs of the findings bucket; losing this bucket loses the ' +
          'record of requests to the archive. It is versioned, keeps the logs as long as the findings ' +
          '(expiration) and is retained when the stack is deleted (RemovalPolicy.RETAIN by default). To replicate ' +
          'or centralize the logs, pass your own bucket as serverAccessLogsBucket.',
      });
    }

    const transitions = props.transitionToColderStorageAfter
      ? [
          {
            storageClass: props.colderStorageClass ?? s3.StorageClass.GLACIER_INSTANT_RETRIEVAL,
            transitionAfter: props.transitionToColderStorageAfter,
          },
        ]
      : undefined;
    const bucket = new s3.Bucket(this, 'Bucket', {
      encryption: s3.BucketEncryption.KMS,
      encryptionKey: this.encryptionKey,
      bucketKeyEnabled: true,
      blockPublicAccess: s3.BlockPublicAccess.BLOCK_ALL,
      objectOwnership: s3.ObjectOwnership.BUCKET_OWNER_ENFORCED,
      enforceSSL: true,
      versioned: true,
      lifecycleRules: [
        {
          id: 'ExpireFindings',
          expiration: props.expiration ?? FindingsArchive.DEFAULT_EXPIRATION,
          noncurrentVersionExpiration:
            props.noncurrentVersionExpiration ?? FindingsArchive.DEFAULT_NONCURRENT_VERSION_EXPIRATION,
          abortIncompleteMultipartUploadAfter: Duration.days(7),
          transitions,
        },
      ],
      removalPolicy,
      autoDeleteObjects,
    });
    // Granted by a bucket policy statement whatever the app's feature flags say (see logServerAccessTo).
    logServerAccessTo(bucket, this.serverAccessLogsBucket, 'findings-bucket/');
    acknowledgeRules(bucket.node.defaultChild, {
      'NIST.800.53.R5::NIST.800.53.R5-S3BucketReplicationEnabled':
        'Accepted: a single-Region copy. Nothing is replicated, so a Regional outage makes the archive unreadable, ' +
        'and losing the bucket or its key loses the findings older than the 90 days GuardDuty keeps them (the ' +
        'archive keeps them for expiration, 366 days by default). Configured instead: versioning keeps an ' +
        'overwritten or deleted finding file for noncurrentVersionExpiration (30 days by default), and the bucket ' +
        'and a key created here are retained when the stack is deleted (RemovalPolicy.RETAIN by default). ' +
        "Cross-Region replication doubles the storage and adds transfer costs, so it is the user's choice: pass " +
        'a replicated bucket as bucket, or add a replication rule to this one.',
    });
    this.bucket = bucket;
    this.bucketArn = bucket.bucketArn;
  }

  /**
   * Lets a detector export its findings here: adds the statements of the GuardDuty export guide to the bucket
   * policy and the key policy, scoped by `aws:SourceAccount` and `aws:SourceArn` to the detectors allowed so far.
   * Calling it again for another detector adds that detector to the same statements (or, for a detector in an
   * opt-in Region, to statements for that Region's GuardDuty service principal).
   *
   * When neither the detector's stack nor this one names its Region (environment-agnostic stacks), the principal is
   * decided at deploy time: `Fn::If` on a stack condition that is true in the opt-in Regions aws-cdk-lib knows.
   * CDK refuses references between stacks of different environments, so such a detector is deployed to this
   * stack's Region.
   */
  public allowExportFrom(detector: IGuardDutyDetector): IDependable[] {
    const stack = Stack.of(detector);
    const region = knownRegion(stack) ?? knownRegion(Stack.of(this));
    this.checkExportRegion(region);
    this.admit(
      region === undefined ? DEPLOY_TIME : guardDutyExportPrincipal(region),
      stack.account,
      detector.detectorArn,
    );
    return this.exportDependencies();
  }

  /**
   * Lets the detector of an account in another Region export here, whatever its ID: for a detector in another stack,
   * or one that adopt mode finds at deploy time. `aws:SourceArn` then admits `arn:...:guardduty:REGION:ACCOUNT:detector/*`;
   * an account has one detector per Region.
   *
   * @param region the detector's Region
   * @param account the detector's account
   * @default account - the account of this stack
   */
  public allowExportFromRegion(region: string, account?: string): void {
    if (Token.isUnresolved(region) || !isKnownRegion(region)) {
      throw new ValidationError(
        `allowExportFromRegion needs a known Region name such as ap-northeast-1, got ${show(region)}.`,
        this,
      );
    }
    this.checkExportRegion(region);
    const stack = Stack.of(this);
    const sourceAccount = account ?? stack.account;
    this.admit(
      guardDutyExportPrincipal(region),
      sourceAccount,
      stack.formatArn({
        service: 'guardduty',
        region,
        account: sourceAccount,
        resource: 'detector',
        resourceName: '*',
        arnFormat: ArnFormat.SLASH_RESOURCE_NAME,
      }),
    );
  }

  /** Refuses an export that GuardDuty's Region rules forbid. */
  private checkExportRegion(source: string | undefined): void {
    const destination = Stack.of(this).region;
    if (source === undefined || Token.isUnresolved(destination) || !isKnownRegion(destination)) return;
    const problem = exportRegionProblem(source, destination);
    if (problem) {
      throw new ValidationError(
        `The findings archive is in ${destination}, but ${problem}. Put the archive (the home Region) in a ` +
          'commercial Region such as us-east-1 or ap-northeast-1, or leave that Region out.',
        this,
      );
    }
  }

  /** Adds a detector to the statements of a principal (or of {@link DEPLOY_TIME}), created on first use. */
  private admit(key: string, account: string, arn: string): void {
    let exporters = this.exporters.get(key);
    if (!exporters) {
      exporters = { accounts: [], arns: [] };
      this.exporters.set(key, exporters);
      this.addExportStatements(key, exporters);
    }
    if (!exporters.accounts.includes(account)) exporters.accounts.push(account);
    if (!exporters.arns.includes(arn)) exporters.arns.push(arn);
  }

  /** What a publishing destination into this archive must be created after. */
  private exportDependencies(): IDependable[] {
    const policy = this.bucket.policy;
    return policy ? [this.encryptionKey, policy] : [this.encryptionKey];
  }

  /** The `aws:SourceAccount`/`aws:SourceArn` condition that admits only the detectors allowed. */
  private sourceCondition(exporters: Exporters): Record<string, unknown> {
    return {
      StringEquals: { 'aws:SourceAccount': Lazy.list({ produce: () => exporters.accounts }) },
      ArnLike: { 'aws:SourceArn': Lazy.list({ produce: () => exporters.arns }) },
    };
  }

  private addExportStatements(key: string, exporters: Exporters): void {
    const deployTime = key === DEPLOY_TIME ? deployTimeExportPrincipal(this) : undefined;
    const guardduty = new iam.ServicePrincipal(deployTime?.principal ?? key);
    const objects = this.bucket.arnForObjects('*');
    const regional = sidSuffix(key, Token.isUnresolved(Stack.of(this).region));
    const bucketStatements = [
      new iam.PolicyStatement({
        sid: `AllowGuardDutyGetBucketLocation${regional}`,
        principals: [guardduty],
        actions: ['s3:GetBucketLocation'],
        resources: [this.bucket.bucketArn],
        conditions: this.sourceCondition(exporters),
      }),
      new iam.PolicyStatement({
        sid: `AllowGuardDutyPutObject${regional}`,
        principals: [guardduty],
        actions: ['s3:PutObject'],
        resources: [objects],
        conditions: this.sourceCondition(exporters),
      }),
      new iam.PolicyStatement({
        sid: `DenyUnencryptedObjectUploads${regional}`,
        effect: iam.Effect.DENY,
        principals: [guardduty],
        actions: ['s3:PutObject'],
        resources: [objects],
        conditions: { StringNotEquals: { 's3:x-amz-server-side-encryption': 'aws:kms' } },
      }),
      new iam.PolicyStatement({
        sid: `DenyIncorrectEncryptionKey${regional}`,
        effect: iam.Effect.DENY,
        principals: [guardduty],
        actions: ['s3:PutObject'],
        resources: [objects],
        conditions: {
          StringNotEquals: { 's3:x-amz-server-side-encryption-aws-kms-key-id': this.encryptionKey.keyArn },
        },
      }),
    ];
    const keyStatement = new iam.PolicyStatement({
      sid: `AllowGuardDutyGenerateDataKey${regional}`,
      principals: [guardduty],
      actions: ['kms:GenerateDataKey'],
      resources: ['*'],
      conditions: this.sourceCondition(exporters),
    });

    // Where the principal is decided at deploy time, say which one to write by hand.
    const which = deployTime
      ? ' (as principal, guardduty.amazonaws.com, or guardduty.<region>.amazonaws.com in an opt-in Region)'
      : '';
    // The statements are for the user to paste, so they are given whole (show() shortens a long user value).
    const bucketAdded = bucketStatements.map((s) => this.bucket.addToResourcePolicy(s).statementAdded);
    if (bucketAdded.includes(false)) {
      Annotations.of(this).addWarningV2(
        'cdk-guardduty-threat-detection:importedBucketPolicy',
        `The findings bucket is imported, so its policy cannot be changed here. Add these statements to it${which}, or ` +
          `GuardDuty cannot export: ${JSON.stringify(Stack.of(this).resolve(bucketStatements.map((s) => s.toStatementJson())))}`,
      );
    }
    const keyAdded = this.encryptionKey.addToResourcePolicy(keyStatement).statementAdded;
    if (!keyAdded) {
      Annotations.of(this).addWarningV2(
        'cdk-guardduty-threat-detection:importedKeyPolicy',
        `The findings key is imported, so its policy cannot be changed here. Add this statement to it${which}, or ` +
          `GuardDuty cannot export: ${JSON.stringify(Stack.of(this).resolve(keyStatement.toStatementJson()))}`,
      );
    }
    // A condition that no statement uses would be an unused condition in the template.
    if (deployTime?.created && !keyAdded && !bucketAdded.includes(true)) {
      Stack.of(this).node.tryRemoveChild(deployTime.condition.node.id);
    }
  }
}

/** The stack's Region, if it is known at synth. */
function knownRegion(stack: Stack): string | undefined {
  return Token.isUnresolved(stack.region) ? undefined : stack.region;
}

/**
 * What keeps the Sids of the statements for one principal unique: the Region for a Region-specific principal;
 * nothing for the principal decided at deploy time and, in a stack that names its Region, for the global one.
 * In an environment-agnostic stack the global principal's statements end in `Global`, since both may be there.
 */
function sidSuffix(key: string, agnosticStack: boolean): string {
  if (key === DEPLOY_TIME) return '';
  const parts = key.split('.');
  if (parts.length > 3) return pascalCase(parts[1]);
  return agnosticStack ? 'Global' : '';
}

/** `ap-east-1` as `ApEast1`. */
function pascalCase(text: string): string {
  return text
    .split(/[^A-Za-z0-9]/)
    .map((w) => w.charAt(0).toUpperCase() + w.slice(1))
    .join('');
}
