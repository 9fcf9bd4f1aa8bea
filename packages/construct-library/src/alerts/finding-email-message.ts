import { SeverityLabel } from './severity';

/** The language of the e-mail text. Finding titles and descriptions stay as GuardDuty writes them (English). */
export enum MessageLanguage {
  /** English. */
  ENGLISH = 'en',
  /** Japanese. */
  JAPANESE = 'ja',
}

/**
 * The fields of a GuardDuty finding event that a message shows, as EventBridge input paths. The envelope's
 * `account` is the account that received the event (an administrator, for member findings); `detail.accountId` is
 * the account the finding is about, so the message shows that.
 */
export const FINDING_INPUT_PATHS: Readonly<Record<string, string>> = {
  severity: '$.detail.severity',
  title: '$.detail.title',
  type: '$.detail.type',
  account: '$.detail.accountId',
  region: '$.detail.region',
  resourceType: '$.detail.resource.resourceType',
  firstSeen: '$.detail.service.eventFirstSeen',
  lastSeen: '$.detail.service.eventLastSeen',
  count: '$.detail.service.count',
  description: '$.detail.description',
  id: '$.detail.id',
};

/** GuardDuty's Japanese console names of the severity levels. */
export const JAPANESE_LABELS: Record<SeverityLabel, string> = {
  [SeverityLabel.LOW]: '低',
  [SeverityLabel.MEDIUM]: '中',
  [SeverityLabel.HIGH]: '高',
  [SeverityLabel.CRITICAL]: '重大',
};

/**
 * The console link to one finding, with the `<region>` and `<id>` placeholders of {@link FINDING_INPUT_PATHS}.
 *
 * The form is the one GuardDuty itself writes into the `SourceUrl` of the findings it sends to Security Hub:
 * `https://<region>.console.aws.amazon.com/guardduty/home?region=<region>#/findings?macros=current&fId=<id>`
 * (https://docs.aws.amazon.com/guardduty/latest/ug/securityhub-integration.html); `fId` opens the finding's detail
 * panel. `macros=current` is the console's "current" view, which leaves archived findings out, so for a route that
 * delivers archived findings the link uses `macros=all` instead. That form is seen only in third-party code, and is
 * verified only by opening a link from a live account [unverified].
 *
 * @param consoleDomain the console's host in the partition, `<region>.console.aws.amazon.com` in `aws` (a
 * CloudFormation token is fine)
 * @param includesArchivedFindings whether the route delivers archived findings too
 */
export function findingConsoleLink(consoleDomain: string, includesArchivedFindings: boolean): string {
  const view = includesArchivedFindings ? 'all' : 'current';
  return `https://${consoleDomain}/guardduty/home?region=<region>#/findings?macros=${view}&fId=<id>`;
}

/**
 * A plain-text e-mail body for one severity band, as an EventBridge input template. It must not start with `{`,
 * `[` or `"`, or EventBridge would take it for a JSON template. The label is fixed per band
 * (one rule per band), so that it is right for every severity without code on the delivery path.
 *
 * @param consoleDomain the GuardDuty console's host for the stack's partition (a CloudFormation token is fine)
 * @param includesArchivedFindings whether the route delivers archived findings too (see {@link findingConsoleLink})
 */
export function findingEmailTemplate(
  label: SeverityLabel,
  language: MessageLanguage,
  consoleDomain: string,
  includesArchivedFindings = false,
): string {
  const link = findingConsoleLink(consoleDomain, includesArchivedFindings);
  const lines =
    language === MessageLanguage.JAPANESE
      ? [
          `GuardDuty 検出結果: 重要度「${JAPANESE_LABELS[label]}」(${label}、<severity>)`,
          '<title>',
          '',
          '検出タイプ    : <type>',
          'アカウント    : <account>',
          'リージョン    : <region>',
          'リソースタイプ: <resourceType>',
          '初回検出日時  : <firstSeen>',
          '最終検出日時  : <lastSeen>',
          '発生回数      : <count>',
          '',
          '説明:',
          '<description>',
          '',
          'GuardDuty コンソールで検出結果を開く:',
          link,
        ]
      : [
          `GuardDuty finding: ${label} severity (<severity>)`,
          '<title>',
          '',
          'Finding type : <type>',
          'Account      : <account>',
          'Region       : <region>',
          'Resource type: <resourceType>',
          'First seen   : <firstSeen>',
          'Last seen    : <lastSeen>',
          'Occurrences  : <count>',
          '',
          'Description:',
          '<description>',
          '',
          'Open the finding in the GuardDuty console:',
          link,
        ];
  return lines.join('\n');
}
