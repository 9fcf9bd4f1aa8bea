import { Duration, RemovalPolicy } from 'aws-cdk-lib';
import * as s3 from 'aws-cdk-lib/aws-s3';
import { MessageLanguage } from '../../src/alerts/finding-email-message';
import { FindingSeverity } from '../../src/alerts/severity';
import { FindingPublishingFrequency } from '../../src/detector/guardduty-detector';
import type { GuardDutyThreatDetectionProps } from '../../src/guardduty-threat-detection';
import type { AppConfig } from './app-config';

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

/** Maps a checked configuration to the props of the `GuardDutyThreatDetection` construct. */
export function toConstructProps(config: AppConfig): GuardDutyThreatDetectionProps {
  const archive = config.findingsArchive ?? {};
  const alerts = config.alerts ?? {};
  return {
    existingDetectorId: config.existingDetectorId,
    protectionPlans: config.protectionPlans,
    findingPublishingFrequency:
      config.findingPublishingFrequency && FindingPublishingFrequency[config.findingPublishingFrequency],
    exportFindings: archive.exportFindings,
    archive:
      archive.exportFindings === false
        ? undefined
        : {
            expiration: days(archive.expirationDays),
            transitionToColderStorageAfter: days(archive.transitionToColderStorageAfterDays),
            colderStorageClass: archive.colderStorageClass && STORAGE_CLASSES[archive.colderStorageClass],
            noncurrentVersionExpiration: days(archive.noncurrentVersionExpirationDays),
            removalPolicy: archive.removalPolicy && RemovalPolicy[archive.removalPolicy],
            autoDeleteObjects: archive.autoDeleteObjects,
          },
    notificationEmails: alerts.notificationEmails,
    minimumSeverity:
      alerts.minimumSeverity === undefined ? undefined : FindingSeverity.of(alerts.minimumSeverity),
    messageLanguage:
      alerts.language === 'ja' ? MessageLanguage.JAPANESE : alerts.language && MessageLanguage.ENGLISH,
    retryAttempts: alerts.retryAttempts,
    maxEventAge:
      alerts.maxEventAgeHours === undefined
        ? undefined
        : Duration.minutes(Math.round(alerts.maxEventAgeHours * 60)),
  };
}
