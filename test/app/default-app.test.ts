import { execFileSync, spawnSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { Match, Template } from 'aws-cdk-lib/assertions';
import { beforeAll, describe, expect, it } from 'vitest';
import { buildApp } from '../../app/build-app';
import { CDK_CONTEXT, checkedApp, checkedTemplate, violationsOf } from '../helpers/checked-app';
import { resourcesNamingBothRuntimeFeatures } from '../helpers/runtime-features';

const ROOT = path.join(__dirname, '..', '..');

// Asset hashes change with every aws-cdk-lib release; they are not what the snapshot is about.
expect.addSnapshotSerializer({
  test: (value) => typeof value === 'string' && /[0-9a-f]{64}/.test(value),
  serialize: (value: string) => JSON.stringify(value.replace(/[0-9a-f]{64}/g, '<asset-hash>')),
});

/**
 * Runs `npx cdk synth` as a user does on a fresh machine: the aws-cdk CLI, cdk.json's app command and context, no AWS
 * credentials. Version reporting and path metadata are off so that the template is the one the constructs make.
 */
function cdkSynth(outdir: string): void {
  const env = Object.fromEntries(
    Object.entries(process.env).filter(([k]) => !k.startsWith('AWS_') && !k.startsWith('CDK_')),
  );
  execFileSync(
    path.join(ROOT, 'node_modules', '.bin', 'cdk'),
    ['synth', '--quiet', '--no-version-reporting', '--no-path-metadata', '--output', outdir],
    {
      cwd: ROOT,
      env: {
        ...env,
        AWS_CONFIG_FILE: '/dev/null',
        AWS_SHARED_CREDENTIALS_FILE: '/dev/null',
        CDK_DISABLE_VERSION_CHECK: 'true',
      },
      stdio: 'pipe',
    },
  );
}

// The default app is synthesized once, by the CDK CLI (which is what the Quick start promises), and every test
// below reads that cloud assembly: its checks are the app's own (cdk-nag's packs and strict CloudFormation Validate,
// whose findings make `cdk synth` fail).
describe('the default app (guardduty.config.json), by npx cdk synth', () => {
  const outdir = fs.mkdtempSync(path.join(os.tmpdir(), 'gd-cdk-out-'));
  let template: Template;
  let resources: { Type: string; DeletionPolicy?: string }[];
  let manifest: { artifacts: Record<string, { type: string; environment?: string }> };
  beforeAll(() => {
    cdkSynth(outdir);
    const read = (file: string) => JSON.parse(fs.readFileSync(path.join(outdir, file), 'utf8'));
    template = Template.fromJSON(read('GuardDutyThreatDetection.template.json'));
    resources = Object.values(template.toJSON().Resources);
    manifest = read('manifest.json');
  });

  it('synthesizes the committed configuration with no AWS credentials, every check passing', () => {
    // The report of cdk-nag's packs and CloudFormation Validate: written, and without a finding.
    expect(fs.existsSync(path.join(outdir, 'validation-report.json'))).toBe(true);
    expect(violationsOf(outdir)).toEqual([]);
    expect(resourcesNamingBothRuntimeFeatures(template.toJSON())).toEqual([]);
  });

  it('builds one environment-agnostic stack named in the configuration', () => {
    const stacks = Object.entries(manifest.artifacts).filter(
      ([, a]) => a.type === 'aws:cloudformation:stack',
    );
    expect(stacks.map(([id]) => id)).toEqual(['GuardDutyThreatDetection']);
    expect(stacks[0][1].environment).toBe('aws://unknown-account/unknown-region');
  });

  it('has a detector with every settable feature explicit (one runtime feature only) and no DataSources', () => {
    template.hasResourceProperties('AWS::GuardDuty::Detector', {
      DataSources: Match.absent(),
      Features: [
        'S3_DATA_EVENTS',
        'EKS_AUDIT_LOGS',
        'EBS_MALWARE_PROTECTION',
        'RDS_LOGIN_EVENTS',
        'LAMBDA_NETWORK_LOGS',
        'RUNTIME_MONITORING',
        'AI_PROTECTION',
        'AI_ANALYST',
      ].map((Name) => Match.objectLike({ Name, Status: Match.stringLikeRegexp('^(ENABLED|DISABLED)$') })),
    });
  });

  it('has a bucket with SSE-KMS on a customer managed key and a Bucket Key', () => {
    template.hasResourceProperties('AWS::S3::Bucket', {
      BucketEncryption: {
        ServerSideEncryptionConfiguration: [
          {
            BucketKeyEnabled: true,
            ServerSideEncryptionByDefault: {
              SSEAlgorithm: 'aws:kms',
              KMSMasterKeyID: { 'Fn::GetAtt': [Match.anyValue(), 'Arn'] },
            },
          },
        ],
      },
    });
  });

  it('has a publishing destination that depends on the bucket policy', () => {
    const policies = Object.keys(template.findResources('AWS::S3::BucketPolicy'));
    const destination = Object.values(template.findResources('AWS::GuardDuty::PublishingDestination'))[0];
    expect(policies.some((p) => destination.DependsOn.includes(p))).toBe(true);
  });

  it('has an encrypted topic and numeric severity rules', () => {
    template.hasResourceProperties('AWS::SNS::Topic', { KmsMasterKeyId: Match.anyValue() });
    const rules = Object.values(template.findResources('AWS::Events::Rule'));
    expect(rules.length).toBeGreaterThan(0);
    for (const rule of rules)
      expect(rule.Properties.EventPattern.detail.severity[0]).toHaveProperty('numeric');
  });

  it('has no Lambda function', () => {
    expect(resources.filter((r) => r.Type === 'AWS::Lambda::Function')).toEqual([]);
  });

  it('retains the bucket, the keys and the detector', () => {
    for (const type of ['AWS::S3::Bucket', 'AWS::KMS::Key', 'AWS::GuardDuty::Detector']) {
      const ofType = resources.filter((r) => r.Type === type);
      expect(ofType.length).toBeGreaterThan(0);
      expect(ofType.map((r) => r.DeletionPolicy)).toEqual(ofType.map(() => 'Retain'));
    }
  });

  it('tags every taggable resource from the configuration', () => {
    template.hasResourceProperties('AWS::SNS::Topic', {
      Tags: Match.arrayWith([{ Key: 'Application', Value: 'guardduty-threat-detection' }]),
    });
  });

  it('outputs what an operator looks for after deploying', () => {
    expect(Object.keys(template.toJSON().Outputs).sort()).toEqual([
      'DeadLetterQueueUrl',
      'DetectorId',
      'EmailTopicArn',
      'FindingsBucketName',
    ]);
  });

  it('matches the snapshot', () => {
    expect(template.toJSON()).toMatchSnapshot();
  });
});

describe('an app with an account and Region', () => {
  it('deploys to exactly that environment', () => {
    const app = checkedApp({ nag: false });
    const { stacks } = buildApp(app, { env: { account: '111122223333', region: 'ap-northeast-1' } });
    expect(stacks[0].environment).toBe('aws://111122223333/ap-northeast-1');
    checkedTemplate(stacks[0]);
  });
});

describe("cdk.json's app command", () => {
  it('fails with the configuration problems and no stack trace', () => {
    // cdk.json's app command, run as the CDK CLI runs it (the CLI itself is exercised by the test above).
    const [command, ...args] = JSON.parse(fs.readFileSync(path.join(ROOT, 'cdk.json'), 'utf8')).app.split(
      ' ',
    );
    expect(command).toBe('node');
    const file = path.join(fs.mkdtempSync(path.join(os.tmpdir(), 'gd-bad-')), 'bad.json');
    fs.writeFileSync(file, JSON.stringify({ alerts: { minimumSeverity: 12 } }));
    const result = spawnSync(process.execPath, args, {
      cwd: ROOT,
      encoding: 'utf8',
      env: {
        ...process.env,
        CDK_OUTDIR: path.dirname(file),
        // CDK's feature flags (CDK_CONTEXT) and a mistyped -c key: only the mistyped key is warned about.
        CDK_CONTEXT_JSON: JSON.stringify({
          ...CDK_CONTEXT,
          config: file,
          notificationEmail: 'a@example.com',
        }),
      },
    });
    expect(result.stderr.match(/^Warning: .*$/gm)).toEqual([
      'Warning: the context key "notificationEmail" (-c notificationEmail=...) is not read by this app and is ignored. Did you mean notificationEmails? The app reads: config, notificationEmails.',
    ]);
    expect(result.status).toBe(1);
    expect(result.stderr).toContain(
      'is not a valid configuration:\n  - alerts.minimumSeverity is 12: it must be <= 10.',
    );
    expect(result.stderr).not.toMatch(/\n\s+at /);
  });
});
