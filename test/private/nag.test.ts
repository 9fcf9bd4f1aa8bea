import { App, CfnResource, Stack, Validations } from 'aws-cdk-lib';
import { Template } from 'aws-cdk-lib/assertions';
import * as secretsmanager from 'aws-cdk-lib/aws-secretsmanager';
import * as sqs from 'aws-cdk-lib/aws-sqs';
import type { IConstruct } from 'constructs';
import { describe, expect, it } from 'vitest';
import {
  AutoEnableMembers,
  FindingAlerts,
  GuardDutyDelegatedAdministrator,
  GuardDutyMemberRegion,
  GuardDutyOrganizationConfiguration,
  GuardDutyThreatDetection,
  WebhookChannel,
  WebhookFormat,
} from '../../packages/construct-library/src';
import {
  acknowledgeRules,
  NAG_V2_METADATA_KEY,
  nagV2Suppression,
} from '../../packages/construct-library/src/private/nag';

const DETECTOR_WILDCARD =
  'Resource::arn:<AWS::Partition>:guardduty:<AWS::Region>:<AWS::AccountId>:detector/*';

/** The IDs acknowledged through aws-cdk-lib's Validations API on one construct, as recorded. */
function acknowledgedIds(construct: IConstruct): string[] {
  return construct.node.metadata
    .filter((m) => m.type === Validations.ACKNOWLEDGED_RULES_METADATA_KEY)
    .flatMap((m) => Object.keys(m.data as object));
}

describe('nagV2Suppression', () => {
  it('writes a rule of a pack as cdk-nag v2 names it, without the pack', () => {
    expect(nagV2Suppression('AwsSolutions::AwsSolutions-SQS3', 'The reason.')).toEqual({
      id: 'AwsSolutions-SQS3',
      reason: 'The reason.',
    });
    expect(nagV2Suppression('NIST.800.53.R5::NIST.800.53.R5-LambdaDLQ', 'The reason.')).toEqual({
      id: 'NIST.800.53.R5-LambdaDLQ',
      reason: 'The reason.',
    });
  });

  it('writes the finding of a granular rule as applies_to, since v2 refuses a finding in the id', () => {
    expect(nagV2Suppression('AwsSolutions::AwsSolutions-IAM5[Resource::*]', 'The reason.')).toEqual({
      id: 'AwsSolutions-IAM5',
      reason: 'The reason.',
      applies_to: ['Resource::*'],
    });
    expect(nagV2Suppression(`AwsSolutions::AwsSolutions-IAM5[${DETECTOR_WILDCARD}]`, 'The reason.')).toEqual({
      id: 'AwsSolutions-IAM5',
      reason: 'The reason.',
      applies_to: [DETECTOR_WILDCARD],
    });
  });

  it('leaves out an ID that is not a rule of a cdk-nag pack', () => {
    for (const id of [
      'CloudFormation-Validate::W3045',
      'AwsSolutions::IAM5',
      'NIST.800.53.R5::AwsSolutions-IAM5',
      'AwsSolutions-IAM5',
      'AwsSolutions::AwsSolutions-IAM5[]',
    ]) {
      expect(nagV2Suppression(id, 'The reason.'), id).toBeUndefined();
    }
  });
});

describe('acknowledgeRules', () => {
  it('acknowledges through Validations and writes the cdk-nag v2 metadata, on that one resource only', () => {
    const stack = new Stack();
    const queue = new sqs.Queue(stack, 'Queue');
    new sqs.Queue(stack, 'Other');
    acknowledgeRules(queue.node.defaultChild, {
      'AwsSolutions::AwsSolutions-SQS3': 'The dead-letter queue of the rules has none itself.',
      'AwsSolutions::AwsSolutions-IAM5[Resource::*]': 'An action without resource-level permissions.',
      'CloudFormation-Validate::W3045': 'Not a cdk-nag rule: acknowledged, not written for v2.',
    });

    expect(acknowledgedIds(queue.node.defaultChild!)).toEqual([
      'AwsSolutions::AwsSolutions-SQS3',
      'AwsSolutions::AwsSolutions-IAM5[Resource::*]',
      'CloudFormation-Validate::W3045',
    ]);
    const queues = Template.fromStack(stack).findResources('AWS::SQS::Queue');
    const [queueId, otherId] = [queue, stack.node.findChild('Other')].map((q) =>
      stack.getLogicalId(q.node.defaultChild as CfnResource),
    );
    expect(queues[queueId].Metadata).toEqual({
      [NAG_V2_METADATA_KEY]: {
        rules_to_suppress: [
          { id: 'AwsSolutions-SQS3', reason: 'The dead-letter queue of the rules has none itself.' },
          {
            id: 'AwsSolutions-IAM5',
            reason: 'An action without resource-level permissions.',
            applies_to: ['Resource::*'],
          },
        ],
      },
    });
    expect(queues[otherId].Metadata).toBeUndefined();
  });

  it("keeps the app's own v2 suppressions on the resource and repeats none", () => {
    const stack = new Stack();
    const resource = new sqs.Queue(stack, 'Queue').node.defaultChild as CfnResource;
    const own = {
      id: 'AwsSolutions-SQS4',
      reason: "The app's own suppression, as NagSuppressions writes it.",
    };
    resource.addMetadata(NAG_V2_METADATA_KEY, { rules_to_suppress: [own] });
    const reasons = {
      'AwsSolutions::AwsSolutions-SQS3': 'The dead-letter queue of the rules has none itself.',
    };
    acknowledgeRules(resource, reasons);
    acknowledgeRules(resource, reasons);
    expect(resource.getMetadata(NAG_V2_METADATA_KEY)).toEqual({
      rules_to_suppress: [
        own,
        { id: 'AwsSolutions-SQS3', reason: reasons['AwsSolutions::AwsSolutions-SQS3'] },
      ],
    });
  });

  it('writes no v2 metadata when no rule is a cdk-nag rule', () => {
    const resource = new sqs.Queue(new Stack(), 'Queue').node.defaultChild as CfnResource;
    acknowledgeRules(resource, { 'CloudFormation-Validate::W3045': 'Not a cdk-nag rule at all.' });
    expect(resource.getMetadata(NAG_V2_METADATA_KEY)).toBeUndefined();
  });

  it('refuses a construct that is not a CloudFormation resource', () => {
    const queue = new sqs.Queue(new Stack(), 'Queue');
    expect(() => acknowledgeRules(queue, { 'AwsSolutions::AwsSolutions-SQS3': 'The reason.' })).toThrow(
      'acknowledgeRules needs one CloudFormation resource, got Default/Queue',
    );
  });
});

describe("the library's acknowledgements", () => {
  // Every construct that acknowledges a finding: the archive, the alerts (the alarm only without topics), adopt
  // mode with its provider function, the other Regions' forwarder, and the organization's policies.
  const app = new App();
  const env = { account: '111122223333', region: 'eu-west-1' };
  const home = new Stack(app, 'Home', { env });
  const threatDetection = new GuardDutyThreatDetection(home, 'ThreatDetection', {
    adoptExistingDetector: true,
    forwardedRegions: ['us-east-1'],
    notificationEmails: ['soc@example.com'],
  });
  new GuardDutyOrganizationConfiguration(home, 'OrganizationConfiguration', {
    detector: threatDetection.detector,
    autoEnableMembers: AutoEnableMembers.ALL,
  });
  new FindingAlerts(home, 'WebhookAlerts', {
    routes: [
      {
        name: 'siem',
        channels: [
          new WebhookChannel({
            name: 'siem',
            format: WebhookFormat.JSON,
            endpointSecret: secretsmanager.Secret.fromSecretNameV2(home, 'SiemUrl', 'guardduty/siem'),
          }),
        ],
      },
    ],
  });
  const other = new Stack(app, 'Other', { env: { ...env, region: 'us-east-1' } });
  new GuardDutyMemberRegion(other, 'ThreatDetection', {
    homeRegion: env.region,
    archiveParameterName: threatDetection.archiveParameterName,
    adoptExistingDetector: true,
  });
  const management = new Stack(app, 'Management', { env: { account: '999988887777', region: env.region } });
  new GuardDutyDelegatedAdministrator(management, 'DelegatedAdministrator', {
    administratorAccountId: env.account,
    regions: [env.region, 'us-east-1'],
  });
  const constructs = app.node.findAll();

  it('are on CloudFormation resources only', () => {
    const elsewhere = constructs.filter(
      (c) => !CfnResource.isCfnResource(c) && acknowledgedIds(c).length > 0,
    );
    expect(elsewhere.map((c) => c.node.path)).toEqual([]);
  });

  it("are each in the resource's cdk-nag v2 metadata too, with the same reason", () => {
    const rules = new Set<string>();
    for (const resource of constructs.filter(CfnResource.isCfnResource)) {
      const expected = resource.node.metadata
        .filter((m) => m.type === Validations.ACKNOWLEDGED_RULES_METADATA_KEY)
        .flatMap((m) => Object.entries(m.data as Record<string, string>))
        .map(([id, reason]) => nagV2Suppression(id.replace(/^annotation::/i, ''), reason));
      expect(expected, resource.node.path).not.toContain(undefined);
      const written = resource.getMetadata(NAG_V2_METADATA_KEY)?.rules_to_suppress;
      expect(written, resource.node.path).toEqual(expected.length > 0 ? expected : undefined);
      for (const s of expected) rules.add(s?.applies_to ? `${s.id}[${s.applies_to.join()}]` : `${s?.id}`);
    }
    // Every rule of the table in docs/reference/checks.md: a test that found none would prove nothing.
    expect([...rules].sort()).toEqual([
      'AwsSolutions-IAM5[Resource::*]',
      `AwsSolutions-IAM5[${DETECTOR_WILDCARD}]`,
      'AwsSolutions-SQS3',
      'NIST.800.53.R5-CloudWatchAlarmAction',
      'NIST.800.53.R5-CloudWatchLogGroupEncrypted',
      'NIST.800.53.R5-LambdaConcurrency',
      'NIST.800.53.R5-LambdaDLQ',
      'NIST.800.53.R5-LambdaInsideVPC',
      'NIST.800.53.R5-S3BucketReplicationEnabled',
      'NIST.800.53.R5-S3DefaultEncryptionKMS',
    ]);
  });
});
