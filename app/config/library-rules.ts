/**
 * The constructs' own rules, run on the props the app derives from the file: each rule is the construct's function
 * (`GuardDutyThreatDetection.validateProps`), and only the names differ, as the file names its fields.
 */
import { Stack } from 'aws-cdk-lib';
import { FieldPath, GuardDutyThreatDetection } from 'cdk-guardduty-threat-detection';
import type { AppConfig } from './app-config';
import { toConstructProps } from './to-construct-props';

/** The fields of GuardDutyThreatDetection's props whose name in the file differs, and that name. */
export const CONFIG_FIELD_NAMES: Readonly<Record<string, string>> = {
  exportFindings: 'findingsArchive.exportFindings',
  archive: 'findingsArchive',
  'archive.expiration': 'findingsArchive.expirationDays',
  'archive.transitionToColderStorageAfter': 'findingsArchive.transitionToColderStorageAfterDays',
  'archive.noncurrentVersionExpiration': 'findingsArchive.noncurrentVersionExpirationDays',
  routes: 'alerts.routes',
  notificationEmails: 'alerts.notificationEmails',
  minimumSeverity: 'alerts.minimumSeverity',
  messageLanguage: 'alerts.language',
  retryAttempts: 'alerts.retryAttempts',
  maxEventAge: 'alerts.maxEventAgeHours',
};

/**
 * How the props derived from `config` name their fields in the file: {@link CONFIG_FIELD_NAMES}, and the criteria
 * of suppression rules, which the props number (`criteria[1]`, whose `field` is `severity`) and the file keys by
 * field (`criteria.severity`).
 */
export function configFieldPath(config: AppConfig): FieldPath {
  const names: Record<string, string> = { ...CONFIG_FIELD_NAMES };
  (config.suppressionRules ?? []).forEach((rule, i) => {
    Object.keys(rule.criteria ?? {}).forEach((field, j) => {
      names[`suppressionRules[${i}].criteria[${j}]`] = `suppressionRules[${i}].criteria.${field}`;
      names[`suppressionRules[${i}].criteria[${j}].field`] = `suppressionRules[${i}].criteria.${field}`;
      // The file keeps GuardDuty's operator names, which jsii does not allow as props (equals, notEquals).
      names[`suppressionRules[${i}].criteria[${j}].equalTo`] =
        `suppressionRules[${i}].criteria.${field}.equals`;
      names[`suppressionRules[${i}].criteria[${j}].notEqualTo`] =
        `suppressionRules[${i}].criteria.${field}.notEquals`;
    });
  });
  const archive = config.findingsArchive ?? {};
  if (archive.exportFindings === false) {
    // The archive's props are the other fields of findingsArchive; the rule that they are ignored names them.
    const others = Object.keys(archive).filter((k) => k !== 'exportFindings');
    names.archive = others.map((k) => `findingsArchive.${k}`).join(', ');
  }
  return new FieldPath('', names);
}

/**
 * The problems of the props the app would give GuardDutyThreatDetection, named as the file names them. The props are
 * built in a stack of their own, which holds only the imported secrets and topics of the channels and is never
 * synthesized.
 */
export function libraryRuleProblems(config: AppConfig): string[] {
  return GuardDutyThreatDetection.validateProps(
    toConstructProps(new Stack(), config),
    configFieldPath(config),
  );
}
