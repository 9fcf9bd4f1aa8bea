import { findingConsoleLink, JAPANESE_LABELS, MessageLanguage } from '../finding-email-message';
import { SeverityLabel } from '../severity';

/**
 * Webhook bodies as EventBridge input templates (JSON with placeholders).
 *
 * EventBridge does not escape a value it inserts inside a quoted string, so free text from the finding (title,
 * description) is only ever placed as a whole JSON value, unquoted, where EventBridge writes it as a JSON string
 * itself. Inside quoted strings go only values whose characters are safe: severity, finding type, account, Region,
 * resource type, timestamps, count and finding ID.
 */

const LABELS = {
  [MessageLanguage.ENGLISH]: {
    heading: (label: SeverityLabel) => `GuardDuty finding: ${label} severity (<severity>)`,
    type: 'Finding type',
    account: 'Account',
    region: 'Region',
    resource: 'Resource type',
    first: 'First seen',
    last: 'Last seen',
    count: 'Occurrences',
    open: 'Open in the GuardDuty console',
  },
  [MessageLanguage.JAPANESE]: {
    heading: (label: SeverityLabel) =>
      `GuardDuty 検出結果: 重要度「${JAPANESE_LABELS[label]}」(${label}、<severity>)`,
    type: '検出タイプ',
    account: 'アカウント',
    region: 'リージョン',
    resource: 'リソースタイプ',
    first: '初回検出日時',
    last: '最終検出日時',
    count: '発生回数',
    open: 'GuardDuty コンソールで開く',
  },
};

/** The finding fields every chat body lists, as label and placeholder; all safe inside quoted strings. */
function labelledFields(language: MessageLanguage): [string, string][] {
  const l = LABELS[language];
  return [
    [l.type, '<type>'],
    [l.account, '<account>'],
    [l.region, '<region>'],
    [l.resource, '<resourceType>'],
    [l.first, '<firstSeen>'],
    [l.last, '<lastSeen>'],
    [l.count, '<count>'],
  ];
}

/**
 * A Slack incoming-webhook body with Block Kit blocks; `text` is the notification fallback.
 *
 * @param includesArchivedFindings whether the route delivers archived findings too (see findingConsoleLink)
 */
export function slackWebhookBody(
  label: SeverityLabel,
  language: MessageLanguage,
  consoleDomain: string,
  includesArchivedFindings = false,
): string {
  const l = LABELS[language];
  const field = (name: string, value: string) => `{"type":"plain_text","text":"${name}: ${value}"}`;
  return [
    '{"text":<title>,"blocks":[',
    `{"type":"header","text":{"type":"plain_text","text":"${l.heading(label)}"}},`,
    '{"type":"section","text":{"type":"plain_text","text":<title>}},',
    '{"type":"section","fields":[',
    labelledFields(language)
      .map(([name, value]) => field(name, value))
      .join(','),
    ']},',
    '{"type":"section","text":{"type":"plain_text","text":<description>}},',
    `{"type":"actions","elements":[{"type":"button","text":{"type":"plain_text","text":"${l.open}"},"url":"${findingConsoleLink(consoleDomain, includesArchivedFindings)}"}]}`,
    ']}',
  ].join('');
}

/** A Microsoft Teams Workflows webhook body: a message with one Adaptive Card. */
export function teamsWebhookBody(
  label: SeverityLabel,
  language: MessageLanguage,
  consoleDomain: string,
  includesArchivedFindings = false,
): string {
  const l = LABELS[language];
  const fact = (title: string, value: string) => `{"title":"${title}","value":"${value}"}`;
  const color =
    label === SeverityLabel.LOW ? 'Default' : label === SeverityLabel.MEDIUM ? 'Warning' : 'Attention';
  return [
    '{"type":"message","attachments":[{"contentType":"application/vnd.microsoft.card.adaptive","content":{',
    '"type":"AdaptiveCard","version":"1.4","body":[',
    `{"type":"TextBlock","size":"Large","weight":"Bolder","color":"${color}","wrap":true,"text":"${l.heading(label)}"},`,
    '{"type":"TextBlock","weight":"Bolder","wrap":true,"text":<title>},',
    '{"type":"FactSet","facts":[',
    labelledFields(language)
      .map(([name, value]) => fact(name, value))
      .join(','),
    ']},',
    '{"type":"TextBlock","wrap":true,"text":<description>}],',
    `"actions":[{"type":"Action.OpenUrl","title":"${l.open}","url":"${findingConsoleLink(consoleDomain, includesArchivedFindings)}"}]`,
    '}}]}',
  ].join('');
}

/** A generic JSON body with the finding's main fields, for any HTTPS endpoint. */
export function jsonWebhookBody(
  label: SeverityLabel,
  consoleDomain: string,
  includesArchivedFindings = false,
): string {
  return [
    '{"source":"cdk-guardduty-threat-detection",',
    `"severityLabel":"${label}","severity":<severity>,"type":<type>,"title":<title>,"description":<description>,`,
    '"accountId":<account>,"region":<region>,"resourceType":<resourceType>,',
    '"firstSeen":<firstSeen>,"lastSeen":<lastSeen>,"count":<count>,"findingId":<id>,',
    `"consoleUrl":"${findingConsoleLink(consoleDomain, includesArchivedFindings)}"}`,
  ].join('');
}
