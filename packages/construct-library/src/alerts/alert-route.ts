import { Token } from 'aws-cdk-lib';
import { fieldPathOf, show } from '../private/validation-error';
import type { FieldPath } from '../validation/field-path';
import type { IAlertChannel } from './channels/alert-channel';
import { bandsIn, FindingSeverity, SeverityBand, severityFilter, SeverityRange } from './severity';

/**
 * One alert route: which findings go to which channels. Every condition is expressed in the EventBridge event
 * pattern itself, so what is not delivered never leaves EventBridge.
 */
export interface AlertRoute {
  /** A name for the route, shown in messages and in the preview: letters, digits, `-` and `_`. */
  readonly name: string;

  /**
   * The channels this route delivers to: at most 5, EventBridge's limit of targets per rule.
   */
  readonly channels: IAlertChannel[];

  /**
   * The severities delivered.
   *
   * @default SeverityRange.atLeast(FindingSeverity.HIGH) - High and Critical
   */
  readonly severity?: SeverityRange;

  /**
   * Only these finding types. An entry is an exact type (`UnauthorizedAccess:EC2/SSHBruteForce`) or, when it ends
   * with `*`, a prefix (`Recon:*`, `CryptoCurrency:EC2/*`).
   *
   * @default - every finding type
   */
  readonly findingTypes?: string[];

  /**
   * Never these finding types; exact types or prefixes ending with `*`, as in `findingTypes`.
   *
   * @default - no type is excluded
   */
  readonly excludeFindingTypes?: string[];

  /**
   * Only findings about these accounts (`detail.accountId`), for example member accounts of an organization.
   *
   * @default - every account
   */
  readonly accountIds?: string[];

  /**
   * Only findings about these resource types (`detail.resource.resourceType`), such as `Instance`, `AccessKey`,
   * `S3Bucket`, `EKSCluster`.
   *
   * @default - every resource type
   */
  readonly resourceTypes?: string[];

  /**
   * Deliver sample findings (`detail.service.additionalInfo.sample: true`), which `CreateSampleFindings` and the
   * console's "Generate sample findings" produce.
   *
   * @default false
   */
  readonly includeSampleFindings?: boolean;

  /**
   * Deliver findings that are already archived (`detail.service.archived: true`), for example when someone archives
   * a finding by hand and GuardDuty publishes the update.
   *
   * @default false
   */
  readonly includeArchivedFindings?: boolean;

  /**
   * Deliver a finding only when it is first published (`detail.service.count` is 1), not its re-publications.
   * GuardDuty aggregates repeated activity into the same finding and publishes it again, with the count
   * incremented, at the detector's publishing frequency. Limit: a finding whose first publication already counts
   * several occurrences is not delivered at all; it is still archived in S3.
   *
   * @default false - every publication, first and updates, is delivered
   */
  readonly firstOccurrenceOnly?: boolean;
}

const NAME = /^[A-Za-z0-9_-]{1,64}$/;
const FINDING_TYPE = /^[A-Za-z0-9:/.!&_-]+\*?$/;
const ACCOUNT = /^\d{12}$/;
const isPrefix = (type: string) => type.endsWith('*');
const stem = (type: string) => type.slice(0, -1);

/**
 * The problems of a route that EventBridge could not express or that would match nothing, each naming the field, the
 * value and the fix; empty when the route is fine. Values that are tokens are not checked.
 *
 * @param path where the route sits in the caller's props or configuration
 */
export function routeProblems(route: AlertRoute, path?: string | FieldPath): string[] {
  const at = fieldPathOf(path);
  const field = at.name();
  const problems: string[] = [];
  if (!NAME.test(route.name)) {
    problems.push(
      `${at.name('name')} ${show(route.name)} is invalid: use 1 to 64 letters, digits, "-" or "_".`,
    );
  }
  if (route.channels.length < 1 || route.channels.length > 5) {
    problems.push(
      `${at.name('channels')} has ${route.channels.length} channels: give 1 to 5 (EventBridge allows 5 targets per rule); ` +
        'split the channels over two routes if you need more.',
    );
  }
  const names = route.channels.map((c) => c.channelName);
  const repeated = names.filter((n, i) => names.indexOf(n) !== i);
  if (repeated.length > 0) {
    problems.push(`${at.name('channels')} lists ${show(repeated[0])} twice. List each channel once.`);
  }
  // An empty list is left out of the event pattern, so it would match everything: refuse what is surely a slip.
  for (const key of ['findingTypes', 'excludeFindingTypes', 'accountIds', 'resourceTypes'] as const) {
    const list = route[key];
    if (list !== undefined && !Token.isUnresolved(list) && list.length === 0) {
      problems.push(
        `${at.name(key)} is empty, which would not narrow the route at all. List at least one value, or leave ` +
          `${at.name(key)} out.`,
      );
    }
  }
  for (const key of ['findingTypes', 'excludeFindingTypes'] as const) {
    for (const type of route[key] ?? []) {
      if (!Token.isUnresolved(type) && (!FINDING_TYPE.test(type) || type === '*')) {
        problems.push(
          `${at.name(key)} has ${show(type)}, which is not a finding type or a prefix. Use an exact type such as ` +
            '"Recon:EC2/PortProbeUnprotectedPort" or a prefix ending with "*", such as "Recon:*".',
        );
      }
    }
  }
  const include = route.findingTypes ?? [];
  const exclude = route.excludeFindingTypes ?? [];
  if (include.some(isPrefix) && exclude.length > 0) {
    problems.push(
      `${field} has a prefix in findingTypes and also excludeFindingTypes: EventBridge cannot require a prefix and ` +
        'exclude values of the same field in one rule. List exact types in findingTypes, or split the route in two, ' +
        'or turn the exclusion into a suppression rule.',
    );
  } else if (include.length === 0 && exclude.some(isPrefix) && exclude.length > 1) {
    problems.push(
      `${at.name('excludeFindingTypes')} mixes a prefix with other entries: EventBridge excludes either a list of exact ` +
        'types or one prefix. Keep one prefix, or list exact types, or use a suppression rule for the rest.',
    );
  } else if (include.length > 0 && include.every((t) => foldedOut(t, exclude))) {
    problems.push(
      `${at.name('excludeFindingTypes')} removes every entry of findingTypes, so the route would never deliver anything. ` +
        'Remove the route or correct the lists.',
    );
  }
  for (const account of route.accountIds ?? []) {
    if (!Token.isUnresolved(account) && !ACCOUNT.test(account)) {
      problems.push(`${at.name('accountIds')} has ${show(account)}: give 12-digit account IDs as strings.`);
    }
  }
  for (const type of route.resourceTypes ?? []) {
    if (!Token.isUnresolved(type) && !/^[A-Za-z0-9]+$/.test(type)) {
      problems.push(
        `${at.name('resourceTypes')} has ${show(type)}: give resource types as GuardDuty writes them, such as "Instance", ` +
          '"AccessKey", "S3Bucket" or "EKSCluster".',
      );
    }
  }
  if (problems.length === 0) problems.push(...eventPatternSizeProblems(route, field));
  return problems;
}

/**
 * EventBridge's "Event pattern size" quota: 2,048 characters by default, adjustable
 * (https://docs.aws.amazon.com/eventbridge/latest/userguide/eb-quota.html). CloudFormation hands the pattern to
 * EventBridge as minified JSON, so that is what is measured, for the widest severity level of the route.
 */
export const MAX_EVENT_PATTERN_CHARACTERS = 2048;

/** The size of the route's largest event pattern over its severity levels, or none when it fits. */
function eventPatternSizeProblems(route: AlertRoute, field: string): string[] {
  const sizes = bandsIn(routeSeverity(route)).map((band) => JSON.stringify(routeEventPattern(route, band)));
  if (sizes.some((json) => Token.isUnresolved(json))) return [];
  const size = Math.max(0, ...sizes.map((json) => json.length));
  if (size <= MAX_EVENT_PATTERN_CHARACTERS) return [];
  return [
    `${field} (route ${show(route.name)}) has an event pattern of ${size.toLocaleString('en-US')} characters, over ` +
      `EventBridge's ${MAX_EVENT_PATTERN_CHARACTERS.toLocaleString('en-US')}-character quota per event pattern ` +
      '(https://docs.aws.amazon.com/eventbridge/latest/userguide/eb-quota.html), so the deployment would fail. ' +
      'Split the route into several routes with shorter findingTypes or accountIds lists, or use prefixes such as ' +
      '"Recon:*" instead of many exact types.',
  ];
}

/** Whether an exact finding type is taken out by the exclusions (an equal type or a matching prefix). */
function foldedOut(type: string, exclude: string[]): boolean {
  return exclude.some((e) => (isPrefix(e) ? type.startsWith(stem(e)) : e === type));
}

/** The `detail.type` condition of a route, or undefined when the route takes every type. */
function typeCondition(route: AlertRoute): unknown[] | undefined {
  const include = route.findingTypes ?? [];
  const exclude = route.excludeFindingTypes ?? [];
  if (include.length > 0) {
    // Exclusions fold into an exact include list (routeProblems refuses them next to include prefixes).
    return include
      .filter((t) => isPrefix(t) || !foldedOut(t, exclude))
      .map((t) => (isPrefix(t) ? { prefix: stem(t) } : t));
  }
  if (exclude.length === 0) return undefined;
  return exclude.some(isPrefix)
    ? [{ 'anything-but': { prefix: stem(exclude[0]) } }]
    : [{ 'anything-but': [...exclude] }];
}

/** The EventBridge event pattern of a route for one severity band. */
export function routeEventPattern(route: AlertRoute, band: SeverityBand): Record<string, unknown> {
  const detail: Record<string, unknown> = { severity: severityFilter(band) };
  const type = typeCondition(route);
  if (type) detail.type = type;
  if (route.accountIds?.length) detail.accountId = [...route.accountIds];
  if (route.resourceTypes?.length) detail.resource = { resourceType: [...route.resourceTypes] };
  const service: Record<string, unknown> = {};
  if (!route.includeArchivedFindings) service.archived = [false];
  if (route.firstOccurrenceOnly) service.count = [1];
  if (!route.includeSampleFindings) {
    // Real findings carry no `sample` key, or `sample: false`; anything-but alone would not match a missing key.
    service.additionalInfo = { $or: [{ sample: [{ exists: false }] }, { sample: [false] }] };
  }
  if (Object.keys(service).length > 0) detail.service = service;
  return { source: ['aws.guardduty'], 'detail-type': ['GuardDuty Finding'], detail };
}

/** The severity range of a route, High and above unless it says otherwise. */
export function routeSeverity(route: AlertRoute): SeverityRange {
  return route.severity ?? SeverityRange.atLeast(FindingSeverity.HIGH);
}
