import { Duration, RemovalPolicy, Stack } from 'aws-cdk-lib';
import { Annotations, Match, Template } from 'aws-cdk-lib/assertions';
import * as kms from 'aws-cdk-lib/aws-kms';
import * as s3 from 'aws-cdk-lib/aws-s3';
import { RegionInfo } from 'aws-cdk-lib/region-info';
import { Construct } from 'constructs';
import { describe, expect, it } from 'vitest';
import {
  FindingsArchive,
  FindingsPublishingDestination,
  GuardDutyDetector,
} from '../../packages/construct-library/src';
import { checkedStack, checkedTemplate } from '../helpers/checked-app';
import { detectorArn, onlyLogicalId, statementsOf } from '../helpers/template-values';

/** Picks the findings bucket (SSE-KMS with a Bucket Key) rather than the access-logs bucket. */
const FINDINGS_BUCKET = {
  BucketEncryption: { ServerSideEncryptionConfiguration: [Match.objectLike({ BucketKeyEnabled: true })] },
};

/** The condition an environment-agnostic stack decides the GuardDuty principal with. */
const OPT_IN_CONDITION = 'GuardDutyExportFromOptInRegion';

/**
 * The GuardDuty principal of an environment-agnostic stack: Region-specific in opt-in Regions, global elsewhere.
 * https://docs.aws.amazon.com/guardduty/latest/ug/guardduty_exportfindings.html
 */
const DEPLOY_TIME_PRINCIPAL = {
  'Fn::If': [
    OPT_IN_CONDITION,
    { 'Fn::Join': ['', ['guardduty.', { Ref: 'AWS::Region' }, '.amazonaws.com']] },
    'guardduty.amazonaws.com',
  ],
};

/**
 * Evaluates a condition of `Fn::Or` and `Fn::Equals` on `AWS::Region` as CloudFormation would in `region`; fails on
 * anything else, and on an `Fn::Or` with fewer than 2 or more than 10 conditions, which CloudFormation refuses
 * (https://docs.aws.amazon.com/AWSCloudFormation/latest/TemplateReference/intrinsic-function-reference-conditions.html#intrinsic-function-reference-conditions-or).
 */
function holdsIn(expression: unknown, region: string): boolean {
  const e = expression as Record<string, unknown[]>;
  if (e['Fn::Or']) {
    expect(e['Fn::Or'].length).toBeGreaterThanOrEqual(2);
    expect(e['Fn::Or'].length).toBeLessThanOrEqual(10);
    return e['Fn::Or'].some((c) => holdsIn(c, region));
  }
  expect(Object.keys(e)).toEqual(['Fn::Equals']);
  expect(e['Fn::Equals'][0]).toEqual({ Ref: 'AWS::Region' });
  expect(typeof e['Fn::Equals'][1]).toBe('string');
  return e['Fn::Equals'][1] === region;
}

/** The Region names a condition compares `AWS::Region` with. */
function regionsIn(expression: unknown): string[] {
  const e = expression as Record<string, unknown[]>;
  return e['Fn::Or'] ? e['Fn::Or'].flatMap(regionsIn) : [e['Fn::Equals'][1] as string];
}

/** Every statement of the bucket policy and the key policy whose principal is GuardDuty. */
function guardDutyStatements(template: Template): Record<string, unknown>[] {
  const bucket = onlyLogicalId(template, 'AWS::S3::Bucket', FINDINGS_BUCKET);
  return [
    ...statementsOf(template, 'AWS::S3::BucketPolicy', { Bucket: { Ref: bucket } }),
    ...statementsOf(template, 'AWS::KMS::Key'),
  ].filter((s) => JSON.stringify(s.Principal).includes('guardduty'));
}

function archiveWithExport(props: ConstructorParameters<typeof FindingsArchive>[2] = {}) {
  const stack = checkedStack();
  const detector = new GuardDutyDetector(stack, 'Detector');
  const archive = new FindingsArchive(stack, 'Archive', props);
  new FindingsPublishingDestination(stack, 'Export', { detector, archive });
  const template = checkedTemplate(stack);
  const ids = {
    detector: onlyLogicalId(template, 'AWS::GuardDuty::Detector'),
    key: onlyLogicalId(template, 'AWS::KMS::Key'),
    bucket: onlyLogicalId(template, 'AWS::S3::Bucket', FINDINGS_BUCKET),
  };
  return { stack, template, ids };
}

describe('FindingsArchive', () => {
  it('encrypts the bucket with its customer managed key (SSE-KMS and an S3 Bucket Key), rotated yearly', () => {
    const { template, ids } = archiveWithExport();
    template.hasResourceProperties('AWS::KMS::Key', { EnableKeyRotation: true });
    template.hasResourceProperties('AWS::S3::Bucket', {
      BucketEncryption: {
        ServerSideEncryptionConfiguration: [
          {
            BucketKeyEnabled: true,
            ServerSideEncryptionByDefault: {
              SSEAlgorithm: 'aws:kms',
              KMSMasterKeyID: { 'Fn::GetAtt': [ids.key, 'Arn'] },
            },
          },
        ],
      },
    });
  });

  it('blocks public access, enforces bucket ownership and versioning', () => {
    const { template } = archiveWithExport();
    template.hasResourceProperties('AWS::S3::Bucket', {
      ...FINDINGS_BUCKET,
      PublicAccessBlockConfiguration: {
        BlockPublicAcls: true,
        BlockPublicPolicy: true,
        IgnorePublicAcls: true,
        RestrictPublicBuckets: true,
      },
      OwnershipControls: { Rules: [{ ObjectOwnership: 'BucketOwnerEnforced' }] },
      VersioningConfiguration: { Status: 'Enabled' },
    });
  });

  it('expires findings after 366 days and old versions after 30 by default, with no transition', () => {
    const { template } = archiveWithExport();
    template.hasResourceProperties('AWS::S3::Bucket', {
      ...FINDINGS_BUCKET,
      LifecycleConfiguration: {
        Rules: [
          {
            Id: 'ExpireFindings',
            Status: 'Enabled',
            ExpirationInDays: 366,
            NoncurrentVersionExpiration: { NoncurrentDays: 30 },
            AbortIncompleteMultipartUpload: { DaysAfterInitiation: 7 },
          },
        ],
      },
    });
  });

  it('moves findings to a colder storage class when asked', () => {
    const { template } = archiveWithExport({
      expiration: Duration.days(730),
      transitionToColderStorageAfter: Duration.days(90),
    });
    template.hasResourceProperties('AWS::S3::Bucket', {
      ...FINDINGS_BUCKET,
      LifecycleConfiguration: {
        Rules: [
          Match.objectLike({
            ExpirationInDays: 730,
            Transitions: [{ StorageClass: 'GLACIER_IR', TransitionInDays: 90 }],
          }),
        ],
      },
    });
  });

  it('sends server access logs to a separate SSE-S3 bucket through a bucket policy', () => {
    const { template, ids } = archiveWithExport();
    const logs = onlyLogicalId(template, 'AWS::S3::Bucket', {
      BucketEncryption: {
        ServerSideEncryptionConfiguration: [{ ServerSideEncryptionByDefault: { SSEAlgorithm: 'AES256' } }],
      },
    });
    template.hasResourceProperties('AWS::S3::Bucket', {
      ...FINDINGS_BUCKET,
      LoggingConfiguration: { DestinationBucketName: { Ref: logs }, LogFilePrefix: 'findings-bucket/' },
    });
    expect(statementsOf(template, 'AWS::S3::BucketPolicy', { Bucket: { Ref: logs } })).toContainEqual(
      expect.objectContaining({
        Effect: 'Allow',
        Principal: { Service: 'logging.s3.amazonaws.com' },
        Action: 's3:PutObject',
        Condition: {
          ArnLike: { 'aws:SourceArn': { 'Fn::GetAtt': [ids.bucket, 'Arn'] } },
          StringEquals: { 'aws:SourceAccount': { Ref: 'AWS::AccountId' } },
        },
      }),
    );
  });

  it.each([
    ['created here', (stack: Stack) => stack],
    ['of yours', (stack: Stack) => new s3.Bucket(stack, 'MyLogs', { enforceSSL: true })],
  ])(
    'grants log delivery to an access-logs bucket %s by its policy, with no ACL, whatever the S3 feature flag',
    (_, logBucket) => {
      const stack = new Stack();
      stack.node.setContext('@aws-cdk/aws-s3:serverAccessLogsUseBucketPolicy', false);
      const given = logBucket(stack);
      const archive = new FindingsArchive(stack, 'Archive', {
        ...(given instanceof s3.Bucket && { serverAccessLogsBucket: given }),
      });
      const template = Template.fromStack(stack);
      const logs = stack.resolve(archive.serverAccessLogsBucket!.bucketName);
      expect(statementsOf(template, 'AWS::S3::BucketPolicy', { Bucket: logs })).toContainEqual(
        expect.objectContaining({
          Principal: { Service: 'logging.s3.amazonaws.com' },
          Action: 's3:PutObject',
        }),
      );
      for (const bucket of Object.values(template.findResources('AWS::S3::Bucket'))) {
        expect(bucket.Properties?.AccessControl).toBeUndefined();
        expect(JSON.stringify(bucket.Properties?.OwnershipControls ?? {})).not.toContain('ObjectWriter');
      }
    },
  );

  it('warns that an imported access-logs bucket needs the log delivery statement added by hand', () => {
    const stack = new Stack();
    const logs = s3.Bucket.fromBucketName(stack, 'ImportedLogs', 'my-access-logs');
    new FindingsArchive(stack, 'Archive', { serverAccessLogsBucket: logs });
    Template.fromStack(stack).hasResourceProperties('AWS::S3::Bucket', {
      LoggingConfiguration: { DestinationBucketName: 'my-access-logs', LogFilePrefix: 'findings-bucket/' },
    });
    Annotations.fromStack(stack).hasWarning(
      '/Default/Archive/Bucket',
      Match.stringLikeRegexp(
        'allow the service principal logging.s3.amazonaws.com s3:PutObject on findings-bucket/\\*',
      ),
    );
  });

  it('has exactly the bucket policy of the GuardDuty export guide, scoped by source account and detector ARN', () => {
    const { template, ids } = archiveWithExport();
    const bucketArn = { 'Fn::GetAtt': [ids.bucket, 'Arn'] };
    const objects = { 'Fn::Join': ['', [bucketArn, '/*']] };
    const source = {
      StringEquals: { 'aws:SourceAccount': [{ Ref: 'AWS::AccountId' }] },
      ArnLike: { 'aws:SourceArn': [detectorArn({ Ref: ids.detector })] },
    };
    const guardduty = { Service: DEPLOY_TIME_PRINCIPAL };
    expect(statementsOf(template, 'AWS::S3::BucketPolicy', { Bucket: { Ref: ids.bucket } })).toEqual([
      {
        Effect: 'Deny',
        Principal: { AWS: '*' },
        Action: 's3:*',
        Resource: [bucketArn, objects],
        Condition: { Bool: { 'aws:SecureTransport': 'false' } },
      },
      {
        Sid: 'AllowGuardDutyGetBucketLocation',
        Effect: 'Allow',
        Principal: guardduty,
        Action: 's3:GetBucketLocation',
        Resource: bucketArn,
        Condition: source,
      },
      {
        Sid: 'AllowGuardDutyPutObject',
        Effect: 'Allow',
        Principal: guardduty,
        Action: 's3:PutObject',
        Resource: objects,
        Condition: source,
      },
      {
        Sid: 'DenyUnencryptedObjectUploads',
        Effect: 'Deny',
        Principal: guardduty,
        Action: 's3:PutObject',
        Resource: objects,
        Condition: { StringNotEquals: { 's3:x-amz-server-side-encryption': 'aws:kms' } },
      },
      {
        Sid: 'DenyIncorrectEncryptionKey',
        Effect: 'Deny',
        Principal: guardduty,
        Action: 's3:PutObject',
        Resource: objects,
        Condition: {
          StringNotEquals: {
            's3:x-amz-server-side-encryption-aws-kms-key-id': { 'Fn::GetAtt': [ids.key, 'Arn'] },
          },
        },
      },
    ]);
  });

  it('lets GuardDuty only generate data keys, for the same account and detector', () => {
    const { template, ids } = archiveWithExport();
    const statements = statementsOf(template, 'AWS::KMS::Key');
    expect(statements).toHaveLength(2);
    expect(statements[0]).toMatchObject({ Action: 'kms:*', Principal: { AWS: expect.anything() } });
    expect(statements[1]).toEqual({
      Sid: 'AllowGuardDutyGenerateDataKey',
      Effect: 'Allow',
      Principal: { Service: DEPLOY_TIME_PRINCIPAL },
      Action: 'kms:GenerateDataKey',
      Resource: '*',
      Condition: {
        StringEquals: { 'aws:SourceAccount': [{ Ref: 'AWS::AccountId' }] },
        ArnLike: { 'aws:SourceArn': [detectorArn({ Ref: ids.detector })] },
      },
    });
  });

  it('admits a second detector into the same statements', () => {
    const stack = checkedStack();
    const archive = new FindingsArchive(stack, 'Archive');
    archive.allowExportFrom(GuardDutyDetector.fromDetectorId(stack, 'A', 'a'.repeat(32)));
    archive.allowExportFrom(GuardDutyDetector.fromDetectorId(stack, 'B', 'b'.repeat(32)));
    const template = checkedTemplate(stack);
    const bucket = onlyLogicalId(template, 'AWS::S3::Bucket', FINDINGS_BUCKET);
    const put = statementsOf(template, 'AWS::S3::BucketPolicy', { Bucket: { Ref: bucket } }).find(
      (s) => s.Sid === 'AllowGuardDutyPutObject',
    ) as { Condition: { StringEquals: Record<string, unknown[]>; ArnLike: Record<string, unknown[]> } };
    expect(put.Condition.StringEquals['aws:SourceAccount']).toEqual([{ Ref: 'AWS::AccountId' }]);
    expect(put.Condition.ArnLike['aws:SourceArn']).toHaveLength(2);
    expect(JSON.stringify(put.Condition.ArnLike['aws:SourceArn'])).toContain(`detector/${'b'.repeat(32)}`);
  });

  describe('detectors of other Regions', () => {
    const stack = checkedStack('Home', { env: { account: '111122223333', region: 'ap-northeast-1' } });
    const archive = new FindingsArchive(stack, 'Archive');
    archive.allowExportFrom(new GuardDutyDetector(stack, 'Detector'));
    archive.allowExportFromRegion('us-east-1');
    archive.allowExportFromRegion('eu-west-1');
    archive.allowExportFromRegion('ap-east-1');
    archive.allowExportFromRegion('me-south-1');
    const template = checkedTemplate(stack);
    const statements = statementsOf(template, 'AWS::S3::BucketPolicy', {
      Bucket: { Ref: onlyLogicalId(template, 'AWS::S3::Bucket', FINDINGS_BUCKET) },
    });
    const wildcard = (region: string) => ({
      'Fn::Join': ['', ['arn:', { Ref: 'AWS::Partition' }, `:guardduty:${region}:111122223333:detector/*`]],
    });

    it('lists commercial Regions under the global principal, by Region and account', () => {
      const put = statements.find((s) => s.Sid === 'AllowGuardDutyPutObject')!;
      expect(put.Principal).toEqual({ Service: 'guardduty.amazonaws.com' });
      expect(put.Condition).toEqual({
        StringEquals: { 'aws:SourceAccount': ['111122223333'] },
        ArnLike: {
          'aws:SourceArn': [
            {
              'Fn::Join': [
                '',
                [
                  'arn:',
                  { Ref: 'AWS::Partition' },
                  ':guardduty:ap-northeast-1:111122223333:detector/',
                  { Ref: expect.any(String) },
                ],
              ],
            },
            wildcard('us-east-1'),
            wildcard('eu-west-1'),
          ],
        },
      });
    });

    it('gives each opt-in Region its Region-specific principal, in the bucket policy and the key policy', () => {
      for (const [region, suffix] of [
        ['ap-east-1', 'ApEast1'],
        ['me-south-1', 'MeSouth1'],
      ]) {
        const principal = { Service: `guardduty.${region}.amazonaws.com` };
        const sids = statements
          .filter((s) => JSON.stringify(s.Principal) === JSON.stringify(principal))
          .map((s) => s.Sid);
        expect(sids).toEqual([
          `AllowGuardDutyGetBucketLocation${suffix}`,
          `AllowGuardDutyPutObject${suffix}`,
          `DenyUnencryptedObjectUploads${suffix}`,
          `DenyIncorrectEncryptionKey${suffix}`,
        ]);
        expect(statements.find((s) => s.Sid === `AllowGuardDutyPutObject${suffix}`)!.Condition).toEqual({
          StringEquals: { 'aws:SourceAccount': ['111122223333'] },
          ArnLike: { 'aws:SourceArn': [wildcard(region)] },
        });
        expect(statementsOf(template, 'AWS::KMS::Key')).toContainEqual({
          Sid: `AllowGuardDutyGenerateDataKey${suffix}`,
          Effect: 'Allow',
          Principal: principal,
          Action: 'kms:GenerateDataKey',
          Resource: '*',
          Condition: {
            StringEquals: { 'aws:SourceAccount': ['111122223333'] },
            ArnLike: { 'aws:SourceArn': [wildcard(region)] },
          },
        });
      }
    });
  });

  describe('the GuardDuty principal of an environment-agnostic stack, decided at deploy time', () => {
    const { template } = archiveWithExport();
    const conditions = template.toJSON().Conditions as Record<string, unknown>;

    it('is Fn::If on the opt-in condition in every GuardDuty statement of the bucket and key policies', () => {
      const statements = guardDutyStatements(template);
      expect(statements.map((s) => s.Sid)).toEqual([
        'AllowGuardDutyGetBucketLocation',
        'AllowGuardDutyPutObject',
        'DenyUnencryptedObjectUploads',
        'DenyIncorrectEncryptionKey',
        'AllowGuardDutyGenerateDataKey',
      ]);
      for (const statement of statements) {
        expect(statement.Principal).toEqual({ Service: DEPLOY_TIME_PRINCIPAL });
      }
    });

    it('has one condition, true exactly in the opt-in Regions aws-cdk-lib knows', () => {
      expect(Object.keys(conditions)).toEqual([OPT_IN_CONDITION]);
      const optIn = RegionInfo.regions.filter((r) => r.isOptInRegion).map((r) => r.name);
      expect(optIn.length).toBeGreaterThan(10); // so that Fn::Or has to be nested
      expect([...regionsIn(conditions[OPT_IN_CONDITION])].sort()).toEqual([...optIn].sort());
      for (const region of RegionInfo.regions) {
        expect(holdsIn(conditions[OPT_IN_CONDITION], region.name), region.name).toBe(
          region.isOptInRegion === true,
        );
      }
      // A Region this aws-cdk-lib does not know gets the global principal.
      expect(holdsIn(conditions[OPT_IN_CONDITION], 'xx-future-1')).toBe(false);
    });

    it('creates the condition once per stack, however many archives and detectors', () => {
      const stack = checkedStack();
      for (const id of ['A', 'B']) {
        const archive = new FindingsArchive(stack, id);
        archive.allowExportFrom(GuardDutyDetector.fromDetectorId(stack, `${id}Detector`, 'a'.repeat(32)));
        archive.allowExportFrom(GuardDutyDetector.fromDetectorId(stack, `${id}Other`, 'b'.repeat(32)));
      }
      expect(Object.keys(checkedTemplate(stack).toJSON().Conditions)).toEqual([OPT_IN_CONDITION]);
    });

    it('creates no condition for an archive nothing exports to', () => {
      const stack = checkedStack();
      new FindingsArchive(stack, 'Archive');
      expect(checkedTemplate(stack).toJSON().Conditions).toBeUndefined();
    });

    it('keeps the Sids unique next to a commercial Region admitted by name', () => {
      const stack = checkedStack();
      const archive = new FindingsArchive(stack, 'Archive');
      archive.allowExportFrom(new GuardDutyDetector(stack, 'Detector'));
      archive.allowExportFromRegion('us-east-1', '111122223333');
      const statements = guardDutyStatements(checkedTemplate(stack));
      const put = (sid: string) => statements.find((s) => s.Sid === sid)!;
      expect(put('AllowGuardDutyPutObject').Principal).toEqual({ Service: DEPLOY_TIME_PRINCIPAL });
      expect(put('AllowGuardDutyPutObjectGlobal').Principal).toEqual({ Service: 'guardduty.amazonaws.com' });
      expect(new Set(statements.map((s) => s.Sid)).size).toBe(statements.length);
    });

    it('refuses a construct of the stack that already has the condition ID', () => {
      const stack = new Stack();
      new Construct(stack, OPT_IN_CONDITION);
      const archive = new FindingsArchive(stack, 'Archive');
      expect(() => archive.allowExportFrom(new GuardDutyDetector(stack, 'Detector'))).toThrow(
        `The stack Default already has a construct with the ID ${OPT_IN_CONDITION}`,
      );
    });
  });

  describe('the GuardDuty principal of a stack that names its Region', () => {
    it.each([
      ['ap-east-1', 'guardduty.ap-east-1.amazonaws.com', 'ApEast1'],
      ['me-south-1', 'guardduty.me-south-1.amazonaws.com', 'MeSouth1'],
      ['us-east-1', 'guardduty.amazonaws.com', ''],
      ['ap-northeast-1', 'guardduty.amazonaws.com', ''],
    ])('is literal in %s: %s, without a condition', (region, principal, suffix) => {
      const stack = checkedStack('Test', { env: { account: '111122223333', region } });
      const archive = new FindingsArchive(stack, 'Archive');
      new FindingsPublishingDestination(stack, 'Export', {
        detector: new GuardDutyDetector(stack, 'Detector'),
        archive,
      });
      const template = checkedTemplate(stack);
      expect(template.toJSON().Conditions).toBeUndefined();
      const statements = guardDutyStatements(template);
      expect(statements.map((s) => s.Sid)).toEqual(
        [
          'AllowGuardDutyGetBucketLocation',
          'AllowGuardDutyPutObject',
          'DenyUnencryptedObjectUploads',
          'DenyIncorrectEncryptionKey',
          'AllowGuardDutyGenerateDataKey',
        ].map((sid) => `${sid}${suffix}`),
      );
      for (const statement of statements) expect(statement.Principal).toEqual({ Service: principal });
    });
  });

  describe("GuardDuty's export Region rules", () => {
    it('refuses an export from a commercial Region into an archive in an opt-in Region', () => {
      const archive = new FindingsArchive(
        new Stack(undefined, 'S', { env: { region: 'ap-east-1' } }),
        'Archive',
      );
      expect(() => archive.allowExportFromRegion('us-east-1')).toThrow(
        'The findings archive is in ap-east-1, but findings from the commercial Region us-east-1 cannot be exported to the opt-in Region ap-east-1.',
      );
    });

    it('refuses an export from one opt-in Region into another', () => {
      const archive = new FindingsArchive(
        new Stack(undefined, 'S', { env: { region: 'me-south-1' } }),
        'Archive',
      );
      expect(() => archive.allowExportFromRegion('af-south-1')).toThrow(
        'findings from the opt-in Region af-south-1 cannot be exported to another opt-in Region, me-south-1',
      );
    });

    it('refuses an export across partitions', () => {
      const archive = new FindingsArchive(
        new Stack(undefined, 'S', { env: { region: 'us-east-1' } }),
        'Archive',
      );
      expect(() => archive.allowExportFromRegion('cn-north-1')).toThrow('are in different partitions');
    });

    it('refuses an unknown Region', () => {
      const archive = new FindingsArchive(new Stack(), 'Archive');
      expect(() => archive.allowExportFromRegion('mars-east-1')).toThrow(
        'allowExportFromRegion needs a known Region name such as ap-northeast-1, got "mars-east-1".',
      );
    });

    it('accepts an opt-in Region exporting into a commercial one', () => {
      const archive = new FindingsArchive(
        new Stack(undefined, 'S', { env: { region: 'us-east-1' } }),
        'Archive',
      );
      expect(() => archive.allowExportFromRegion('af-south-1')).not.toThrow();
    });
  });

  it('retains the key and both buckets by default', () => {
    const { template } = archiveWithExport();
    for (const type of ['AWS::KMS::Key', 'AWS::S3::Bucket']) {
      const resources = Object.values(template.findResources(type));
      expect(resources.length).toBeGreaterThan(0);
      for (const r of resources)
        expect(r).toMatchObject({ DeletionPolicy: 'Retain', UpdateReplacePolicy: 'Retain' });
    }
  });

  it('destroys on request without a clean-up Lambda unless autoDeleteObjects is asked for', () => {
    const { template } = archiveWithExport({ removalPolicy: RemovalPolicy.DESTROY });
    for (const r of Object.values(template.findResources('AWS::S3::Bucket')))
      expect(r.DeletionPolicy).toBe('Delete');
    template.resourceCountIs('AWS::Lambda::Function', 0);
    template.resourceCountIs('Custom::S3AutoDeleteObjects', 0);
  });

  it('adds the clean-up custom resource only with autoDeleteObjects and DESTROY', () => {
    const stack = new Stack();
    new FindingsArchive(stack, 'Archive', { removalPolicy: RemovalPolicy.DESTROY, autoDeleteObjects: true });
    expect(stack.node.findAll().some((c) => c.node.id === 'AutoDeleteObjectsCustomResource')).toBe(true);
  });

  describe('bad input', () => {
    const cases: [string, ConstructorParameters<typeof FindingsArchive>[2], string][] = [
      [
        'autoDeleteObjects without DESTROY',
        { autoDeleteObjects: true },
        'autoDeleteObjects is true but removalPolicy is not DESTROY',
      ],
      [
        'a transition after expiry',
        { expiration: Duration.days(90), transitionToColderStorageAfter: Duration.days(90) },
        'transitionToColderStorageAfter (90 days) must be shorter than expiration (90 days)',
      ],
      [
        'a storage class without a transition',
        { colderStorageClass: s3.StorageClass.GLACIER },
        'colderStorageClass is set without transitionToColderStorageAfter',
      ],
      [
        'Standard-IA before 30 days',
        {
          transitionToColderStorageAfter: Duration.days(10),
          colderStorageClass: s3.StorageClass.INFREQUENT_ACCESS,
        },
        'S3 moves objects to STANDARD_IA only after at least 30 days',
      ],
      [
        'a fractional expiry',
        { expiration: Duration.hours(36) },
        'expiration 1 day 12 hours is invalid: S3 lifecycle rules count whole days',
      ],
    ];
    it.each(cases)('rejects %s', (_name, props, message) => {
      expect(() => new FindingsArchive(new Stack(), 'Archive', props)).toThrow(message);
    });

    it('rejects bucket-only settings next to an existing bucket, all in one message', () => {
      const stack = new Stack();
      const bucket = s3.Bucket.fromBucketName(stack, 'Mine', 'my-findings');
      expect(
        () =>
          new FindingsArchive(stack, 'Archive', {
            bucket,
            expiration: Duration.days(30),
            removalPolicy: RemovalPolicy.DESTROY,
          }),
      ).toThrow(
        /expiration, removalPolicy only apply to a bucket created here[\s\S]*bucket is given without encryptionKey/,
      );
    });
  });

  describe('bring your own bucket and key', () => {
    it('uses them, creates no bucket or key, and warns with the statements to add to imported policies', () => {
      const stack = checkedStack();
      const bucket = s3.Bucket.fromBucketName(stack, 'Mine', 'my-findings');
      const encryptionKey = kms.Key.fromKeyArn(
        stack,
        'MyKey',
        'arn:aws:kms:us-east-1:111122223333:key/1234abcd-12ab-34cd-56ef-1234567890ab',
      );
      const detector = new GuardDutyDetector(stack, 'Detector');
      const archive = new FindingsArchive(stack, 'Archive', { bucket, encryptionKey });
      new FindingsPublishingDestination(stack, 'Export', { detector, archive });
      const template = checkedTemplate(stack);
      template.resourceCountIs('AWS::S3::Bucket', 0);
      template.resourceCountIs('AWS::KMS::Key', 0);
      template.hasResourceProperties('AWS::GuardDuty::PublishingDestination', {
        DestinationProperties: {
          DestinationArn: { 'Fn::Join': ['', ['arn:', { Ref: 'AWS::Partition' }, ':s3:::my-findings']] },
          KmsKeyArn: 'arn:aws:kms:us-east-1:111122223333:key/1234abcd-12ab-34cd-56ef-1234567890ab',
        },
      });
      const annotations = Annotations.fromStack(stack);
      annotations.hasWarning(
        '/Test/Archive',
        Match.stringLikeRegexp('findings bucket is imported[\\s\\S]*AllowGuardDutyPutObject'),
      );
      annotations.hasWarning(
        '/Test/Archive',
        Match.stringLikeRegexp('findings key is imported[\\s\\S]*kms:GenerateDataKey'),
      );
      // The stack is environment-agnostic: the warnings say which principal to write, and no statement in the
      // template uses the opt-in condition, so there is none (CloudFormation Validate flags an unused condition).
      annotations.hasWarning(
        '/Test/Archive',
        Match.stringLikeRegexp(
          'Add these statements to it \\(as principal, guardduty.amazonaws.com, or guardduty.<region>.amazonaws.com in an opt-in Region\\)',
        ),
      );
      expect(template.toJSON().Conditions).toBeUndefined();
    });

    it('creates the bucket with a key of yours, and adds the GuardDuty statement to it', () => {
      const stack = checkedStack();
      const encryptionKey = new kms.Key(stack, 'MyKey', { enableKeyRotation: true });
      const archive = new FindingsArchive(stack, 'Archive', { encryptionKey });
      archive.allowExportFrom(new GuardDutyDetector(stack, 'Detector'));
      const template = checkedTemplate(stack);
      template.resourceCountIs('AWS::KMS::Key', 1);
      expect(statementsOf(template, 'AWS::KMS::Key').map((s) => s.Sid)).toContain(
        'AllowGuardDutyGenerateDataKey',
      );
      expect(archive.encryptionKey).toBe(encryptionKey);
    });
  });
});
