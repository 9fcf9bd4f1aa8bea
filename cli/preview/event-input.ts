/**
 * What an event file may hold, and what the preview makes of it:
 * - an EventBridge event with `source: "aws.guardduty"` (normally `detail-type: "GuardDuty Finding"`): used as is;
 * - a bare finding as EventBridge carries it in `detail` (camelCase fields: `schemaVersion`, `type`, `severity`,
 *   `accountId`, `region`...), for example the `detail` of a captured event: wrapped in a `GuardDuty Finding` event
 *   whose `account`, `region` and `time` come from the finding's `accountId`, `region` and `updatedAt`;
 * - anything else is refused with a message that says what the file holds: an event of another source, a JSON array,
 *   a GetFindings response (`Findings`/`findings`) or a finding with the API's PascalCase field names (`AccountId`,
 *   `Severity`), which the preview does not convert, because EventBridge patterns and input transformers see the
 *   camelCase form and a conversion would have to guess names such as `ECSClusterDetails`.
 */

/** The event to preview, and whether the file held a bare finding that was wrapped in an event. */
export interface EventInput {
  readonly event: Record<string, unknown>;
  readonly wrappedFinding: boolean;
}

/** The file does not hold a GuardDuty finding event or a bare finding; the message says what it holds. */
export class EventInputError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'EventInputError';
  }
}

const GUARDDUTY_SOURCE = 'aws.guardduty';
const FINDING_DETAIL_TYPE = 'GuardDuty Finding';

/** The event to preview from the parsed content of `file`. Throws {@link EventInputError}. */
export function toPreviewEvent(file: string, content: unknown): EventInput {
  const holds = (what: string, fix: string) =>
    new EventInputError(`Event file ${file} holds ${what}, not a GuardDuty finding event. ${fix}`);
  const oneEvent =
    `Give an EventBridge "${FINDING_DETAIL_TYPE}" event (source "${GUARDDUTY_SOURCE}"), one per file, or a bare ` +
    'finding as the event\'s "detail" holds it, which the preview wraps in an event.';
  if (Array.isArray(content)) {
    throw holds(`a JSON array of ${content.length} item${content.length === 1 ? '' : 's'}`, `${oneEvent}`);
  }
  if (!isObject(content)) throw holds(`a JSON ${content === null ? 'null' : typeof content}`, oneEvent);

  if ('detail-type' in content || 'source' in content) {
    if (content.source === GUARDDUTY_SOURCE) return { event: content, wrappedFinding: false };
    throw holds(
      `an event from ${JSON.stringify(content.source)} (detail-type ${JSON.stringify(content['detail-type'])})`,
      `The preview evaluates only events from "${GUARDDUTY_SOURCE}".`,
    );
  }
  const findings = content.Findings ?? content.findings;
  if (Array.isArray(findings)) {
    throw holds(
      `a GetFindings response with ${findings.length} finding${findings.length === 1 ? '' : 's'}`,
      'The API (and the AWS CLI) name the fields in PascalCase (AccountId, Severity), while EventBridge rules and ' +
        'input transformers see the camelCase finding of the event\'s "detail"; the preview does not convert one ' +
        'into the other. Save the finding as EventBridge delivers it (for example with a rule that sends GuardDuty ' +
        'findings to CloudWatch Logs), or write the camelCase finding, one per file.',
    );
  }
  if (typeof content.SchemaVersion === 'string' || typeof content.Type === 'string') {
    throw holds(
      "a finding with the API's PascalCase field names (SchemaVersion, Type, Severity)",
      'EventBridge rules and input transformers see the camelCase finding of the event\'s "detail" ' +
        '(schemaVersion, type, severity); the preview does not convert one into the other. Give the finding in ' +
        'that form, or the whole event.',
    );
  }
  if (
    typeof content.type === 'string' &&
    typeof content.severity === 'number' &&
    'schemaVersion' in content
  ) {
    return { event: wrapFinding(content), wrappedFinding: true };
  }
  const keys = Object.keys(content);
  throw holds(
    keys.length === 0
      ? 'an empty JSON object'
      : `a JSON object with the keys ${keys.slice(0, 8).join(', ')}${keys.length > 8 ? ', ...' : ''}`,
    `A bare finding has at least "schemaVersion", "type" and a numeric "severity". ${oneEvent}`,
  );
}

/** A `GuardDuty Finding` event around a bare finding, as EventBridge would deliver it. */
export function wrapFinding(finding: Record<string, unknown>): Record<string, unknown> {
  const text = (value: unknown) => (typeof value === 'string' ? value : undefined);
  const time = text(finding.updatedAt) ?? text(finding.createdAt);
  const account = text(finding.accountId);
  const region = text(finding.region);
  return {
    version: '0',
    id: text(finding.id) ?? '00000000-0000-0000-0000-000000000000',
    'detail-type': FINDING_DETAIL_TYPE,
    source: GUARDDUTY_SOURCE,
    ...(account !== undefined && { account }),
    ...(time !== undefined && { time: time.replace(/\.\d+Z$/, 'Z') }),
    ...(region !== undefined && { region }),
    resources: [],
    detail: finding,
  };
}

function isObject(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}
