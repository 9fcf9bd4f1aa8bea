// The CDK app of the packaging test (scripts/packaging-test.mjs): a user's app that installs the packed library and
// uses its public API through the package name only. In the repository it compiles against the library's sources
// (tsconfig paths), so that it is type-checked and linted with the rest; the packaging test copies it into a fresh
// app and compiles it against the installed package.
//
// The constructs the user owns (and their children) have IDs starting with "Own": the packaging test reports the
// findings on those but asserts none on every other resource, which the library creates.
import { App, Duration, Stack } from 'aws-cdk-lib';
import * as iam from 'aws-cdk-lib/aws-iam';
import * as kms from 'aws-cdk-lib/aws-kms';
import * as s3 from 'aws-cdk-lib/aws-s3';
import * as secretsmanager from 'aws-cdk-lib/aws-secretsmanager';
import * as sns from 'aws-cdk-lib/aws-sns';
import type { Construct } from 'constructs';
import {
  type AlertChannelBindOptions,
  AlertChannelType,
  AutoEnableMembers,
  EmailChannel,
  FindingAlerts,
  FindingPublishingFrequency,
  FindingsArchive,
  FindingSeverity,
  FindingsPublishingDestination,
  GuardDutyDelegatedAdministrator,
  GuardDutyDetector,
  GuardDutyMemberRegion,
  GuardDutyOrganizationConfiguration,
  GuardDutyThreatDetection,
  type IAlertChannel,
  type IBoundAlertChannel,
  MessageLanguage,
  SeverityLabel,
  SeverityRange,
  WebhookChannel,
  WebhookFormat,
} from 'cdk-guardduty-threat-detection';

const env = { account: '111122223333', region: 'eu-west-1' };

/** The prefix of the IDs of the constructs the user owns. */
export const OWN_PREFIX = 'Own';

/** A channel of the user's own: publishes the unmodified finding event to a topic it creates, with the alerts' key. */
class OwnTopicChannel implements IAlertChannel {
  public readonly channelType = AlertChannelType.SNS_TOPIC;

  constructor(public readonly channelName: string) {}

  public bind(scope: Construct, options: AlertChannelBindOptions): IBoundAlertChannel {
    const topic = new sns.Topic(scope, `${OWN_PREFIX}Topic-${this.channelName}`, {
      masterKey: options.encryptionKey,
      enforceSSL: true,
    });
    topic.addToResourcePolicy(
      new iam.PolicyStatement({
        principals: [new iam.ServicePrincipal('events.amazonaws.com')],
        actions: ['sns:Publish'],
        resources: [topic.topicArn],
      }),
    );
    return { targetFor: () => ({ arn: topic.topicArn }) };
  }
}

/**
 * Adds the consumer's stacks to the app: the whole solution, a detector alone, an archive, alerts, and several
 * Regions of an organization (every resource on which the library acknowledges a finding).
 */
export function addConsumerStacks(app: App): Stack[] {
  // The whole solution in one construct, with its defaults.
  const whole = new Stack(app, 'PackagedThreatDetection', { env });
  new GuardDutyThreatDetection(whole, 'ThreatDetection', { notificationEmails: ['soc@example.com'] });

  // A detector alone.
  const detectorOnly = new Stack(app, 'PackagedDetector', { env });
  new GuardDutyDetector(detectorOnly, 'Detector', {
    findingPublishingFrequency: FindingPublishingFrequency.FIFTEEN_MINUTES,
  });

  // The findings archive in the user's own bucket, encrypted with the user's own key, and the export into it.
  const archived = new Stack(app, 'PackagedArchive', { env });
  const key = new kms.Key(archived, `${OWN_PREFIX}Key`, { enableKeyRotation: true });
  const accessLogs = new s3.Bucket(archived, `${OWN_PREFIX}AccessLogs`, {
    encryption: s3.BucketEncryption.S3_MANAGED,
    blockPublicAccess: s3.BlockPublicAccess.BLOCK_ALL,
    enforceSSL: true,
    versioned: true,
  });
  const bucket = new s3.Bucket(archived, `${OWN_PREFIX}Bucket`, {
    encryption: s3.BucketEncryption.KMS,
    encryptionKey: key,
    blockPublicAccess: s3.BlockPublicAccess.BLOCK_ALL,
    enforceSSL: true,
    versioned: true,
    serverAccessLogsBucket: accessLogs,
  });
  const detector = new GuardDutyDetector(archived, 'Detector');
  const archive = new FindingsArchive(archived, 'Archive', { bucket, encryptionKey: key });
  new FindingsPublishingDestination(archived, 'Export', { detector, archive });

  // Alerts with routes of the user's: one to a channel of the user's own and a webhook, one to e-mail.
  const alerting = new Stack(app, 'PackagedAlerts', { env });
  const webhook = new WebhookChannel({
    name: 'siem',
    format: WebhookFormat.JSON,
    endpointSecret: secretsmanager.Secret.fromSecretNameV2(
      alerting,
      `${OWN_PREFIX}SiemUrl`,
      'guardduty/siem-webhook',
    ),
  });
  new FindingAlerts(alerting, 'Alerts', {
    routes: [
      {
        name: 'recon-first-occurrence',
        severity: SeverityRange.between(SeverityLabel.LOW, SeverityLabel.MEDIUM),
        findingTypes: ['Recon:*'],
        firstOccurrenceOnly: true,
        channels: [new OwnTopicChannel('own-topic'), webhook],
      },
      {
        name: 'critical-mail',
        severity: SeverityRange.atLeast(FindingSeverity.CRITICAL),
        channels: [
          new EmailChannel({
            name: 'soc-mail',
            addresses: ['soc@example.com'],
            language: MessageLanguage.JAPANESE,
          }),
        ],
      },
    ],
    maxEventAge: Duration.hours(2),
  });

  // Several Regions of an organization, with the detectors adopted: the provider function, the forwarder and the
  // policies whose granular findings (AwsSolutions-IAM5[Resource::*]) the library acknowledges.
  const management = new Stack(app, 'PackagedManagement', {
    env: { account: '999988887777', region: env.region },
  });
  new GuardDutyDelegatedAdministrator(management, 'DelegatedAdministrator', {
    administratorAccountId: env.account,
    regions: [env.region, 'us-east-1'],
  });
  const home = new Stack(app, 'PackagedHome', { env });
  const homeRegion = new GuardDutyThreatDetection(home, 'ThreatDetection', {
    adoptExistingDetector: true,
    forwardedRegions: ['us-east-1'],
    notificationEmails: ['soc@example.com'],
  });
  new GuardDutyOrganizationConfiguration(home, 'OrganizationConfiguration', {
    detector: homeRegion.detector,
    autoEnableMembers: AutoEnableMembers.ALL,
  });
  const other = new Stack(app, 'PackagedOtherRegion', { env: { ...env, region: 'us-east-1' } });
  new GuardDutyMemberRegion(other, 'ThreatDetection', {
    homeRegion: env.region,
    archiveParameterName: homeRegion.archiveParameterName,
    adoptExistingDetector: true,
  });

  return [whole, detectorOnly, archived, alerting, management, home, other];
}
