import { Duration, RemovalPolicy } from 'aws-cdk-lib';
import * as s3 from 'aws-cdk-lib/aws-s3';
import * as secretsmanager from 'aws-cdk-lib/aws-secretsmanager';
import * as sns from 'aws-cdk-lib/aws-sns';
import { Construct } from 'constructs';
import type { AppConfig, ChannelConfig, RouteConfig, SuppressionRuleConfig } from './app-config';
import {
  type AlertRoute,
  EmailChannel,
  FindingPublishingFrequency,
  FindingSeverity,
  type GuardDutyThreatDetectionProps,
  type IAlertChannel,
  MessageLanguage,
  MicrosoftTeamsChannel,
  SeverityLabel,
  SeverityRange,
  SlackChannel,
  SnsTopicChannel,
  type SuppressionRuleOptions,
  WebhookChannel,
  WebhookFormat,
} from 'cdk-guardduty-threat-detection';

const STORAGE_CLASSES: Record<
  NonNullable<NonNullable<AppConfig['findingsArchive']>['colderStorageClass']>,
  s3.StorageClass
> = {
  STANDARD_IA: s3.StorageClass.INFREQUENT_ACCESS,
  ONEZONE_IA: s3.StorageClass.ONE_ZONE_INFREQUENT_ACCESS,
  INTELLIGENT_TIERING: s3.StorageClass.INTELLIGENT_TIERING,
  GLACIER_IR: s3.StorageClass.GLACIER_INSTANT_RETRIEVAL,
  GLACIER: s3.StorageClass.GLACIER,
  DEEP_ARCHIVE: s3.StorageClass.DEEP_ARCHIVE,
};

const days = (n: number | undefined) => (n === undefined ? undefined : Duration.days(n));
const language = (l: 'en' | 'ja' | undefined) =>
  l === undefined ? undefined : l === 'ja' ? MessageLanguage.JAPANESE : MessageLanguage.ENGLISH;
const WEBHOOK_FORMATS = {
  slack: WebhookFormat.SLACK,
  teams: WebhookFormat.MICROSOFT_TEAMS,
  json: WebhookFormat.JSON,
};

/** A route's severity range from `{minimum}` or `{from, to}`. */
function severityOf(severity: RouteConfig['severity']): SeverityRange | undefined {
  if (!severity) return undefined;
  if (severity.minimum !== undefined) return SeverityRange.atLeast(FindingSeverity.of(severity.minimum));
  if (severity.from === undefined) return undefined;
  return severity.to === undefined
    ? SeverityRange.atLeast(FindingSeverity[severity.from])
    : SeverityRange.between(SeverityLabel[severity.from], SeverityLabel[severity.to]);
}

/** A suppression rule from the configuration's `{field: {operator: value}}` criteria. */
export function toSuppressionRule(rule: SuppressionRuleConfig): SuppressionRuleOptions {
  return {
    name: rule.name,
    description: rule.description,
    rank: rule.rank,
    criteria: Object.entries(rule.criteria ?? {}).map(([field, { equals, notEquals, ...others }]) => ({
      field,
      equalTo: equals,
      notEqualTo: notEquals,
      ...others,
    })),
  };
}

function channelOf(scope: Construct, name: string, c: ChannelConfig): IAlertChannel {
  switch (c.type) {
    case 'email':
      return new EmailChannel({ name, addresses: c.addresses, language: language(c.language) });
    case 'slack':
      return new SlackChannel({
        name,
        slackWorkspaceId: c.slackWorkspaceId,
        slackChannelId: c.slackChannelId,
      });
    case 'teams':
      return new MicrosoftTeamsChannel({
        name,
        teamId: c.teamId,
        teamsChannelId: c.teamsChannelId,
        tenantId: c.tenantId,
      });
    case 'webhook':
      return new WebhookChannel({
        name,
        format: WEBHOOK_FORMATS[c.format],
        endpointSecret: c.endpointSecretArn
          ? secretsmanager.Secret.fromSecretCompleteArn(scope, `${name}Secret`, c.endpointSecretArn)
          : secretsmanager.Secret.fromSecretNameV2(scope, `${name}Secret`, c.endpointSecretName!),
        endpointSecretField: c.endpointSecretField,
        language: language(c.language),
        rateLimitPerSecond: c.rateLimitPerSecond,
      });
    case 'sns':
      return new SnsTopicChannel({ name, topic: sns.Topic.fromTopicArn(scope, `${name}Topic`, c.topicArn) });
  }
}

function routesOf(scope: Construct, alerts: NonNullable<AppConfig['alerts']>): AlertRoute[] | undefined {
  if (!alerts.routes) return undefined;
  const channels = new Map(
    Object.entries(alerts.channels ?? {}).map(([name, c]) => [name, channelOf(scope, name, c)] as const),
  );
  return alerts.routes.map((r) => ({
    name: r.name,
    channels: r.channels.map((n) => channels.get(n)!),
    severity: severityOf(r.severity),
    findingTypes: r.findingTypes,
    excludeFindingTypes: r.excludeFindingTypes,
    accountIds: r.accountIds,
    resourceTypes: r.resourceTypes,
    includeSampleFindings: r.includeSampleFindings,
    includeArchivedFindings: r.includeArchivedFindings,
    firstOccurrenceOnly: r.firstOccurrenceOnly,
  }));
}

/**
 * Maps a checked configuration to the props of the `GuardDutyThreatDetection` construct. Imported resources that
 * channels name (secrets, topics) are referenced in `scope`.
 */
export function toConstructProps(scope: Construct, config: AppConfig): GuardDutyThreatDetectionProps {
  const archive = config.findingsArchive ?? {};
  const alerts = config.alerts ?? {};
  return {
    existingDetectorId: config.existingDetectorId,
    // In an organization, GuardDuty may turn itself on in the administrator account: adopt by default.
    adoptExistingDetector: config.adoptExistingDetector ?? (config.organization ? true : undefined),
    manageAdoptedDetectorSettings: config.manageAdoptedDetectorSettings,
    enableAdoptedDetectorIfSuspended: config.enableAdoptedDetectorIfSuspended,
    protectionPlans: config.protectionPlans,
    findingPublishingFrequency:
      config.findingPublishingFrequency && FindingPublishingFrequency[config.findingPublishingFrequency],
    suppressionRules: config.suppressionRules?.map(toSuppressionRule),
    exportFindings: archive.exportFindings,
    // Settings next to `exportFindings: false` are passed on, for the construct's rule to refuse them.
    archive:
      archive.exportFindings === false && Object.keys(archive).length === 1
        ? undefined
        : {
            expiration: days(archive.expirationDays),
            transitionToColderStorageAfter: days(archive.transitionToColderStorageAfterDays),
            colderStorageClass: archive.colderStorageClass && STORAGE_CLASSES[archive.colderStorageClass],
            noncurrentVersionExpiration: days(archive.noncurrentVersionExpirationDays),
            removalPolicy: archive.removalPolicy && RemovalPolicy[archive.removalPolicy],
            autoDeleteObjects: archive.autoDeleteObjects,
          },
    routes: routesOf(scope, alerts),
    notificationEmails: alerts.notificationEmails,
    minimumSeverity:
      alerts.minimumSeverity === undefined ? undefined : FindingSeverity.of(alerts.minimumSeverity),
    messageLanguage: language(alerts.language),
    retryAttempts: alerts.retryAttempts,
    maxEventAge:
      alerts.maxEventAgeHours === undefined
        ? undefined
        : Duration.minutes(Math.round(alerts.maxEventAgeHours * 60)),
  };
}
