import * as fs from 'node:fs';
import * as path from 'node:path';
import Ajv, { type ErrorObject } from 'ajv';
import { RegionInfo } from 'aws-cdk-lib/region-info';
import { exportRegionProblem, isKnownRegion } from '../../src/regions/region-facts';
import schema from '../../guardduty.config.schema.json';
import { isEmailAddress } from '../../src/alerts/alert-topic';
import { validateRoute } from '../../src/alerts/alert-route';
import {
  type IAlertChannel,
  regionMismatchProblems,
  SAME_REGION_REASONS,
} from '../../src/alerts/channels/alert-channel';
import { suppressionRulesProblems, validateSuppressionRule } from '../../src/detector/suppression-rule';
import { adoptedDetectorSwitchProblems } from '../../src/detector/detector-choice';
import { type ProtectionPlans, protectionPlansProblems } from '../../src/detector/protection-plans';
import { show, ValidationError } from '../../src/private/validation-error';
import type { AppConfig, RouteConfig, SuppressionRuleConfig } from './app-config';
import { stackNamesOf } from './stack-names';
import { severityOf, toSuppressionRule } from './to-construct-props';

/** A configuration the app cannot use. The message lists every problem, each with its field and its fix. */
export class ConfigError extends Error {
  constructor(
    public readonly source: string,
    public readonly problems: string[],
  ) {
    super(`${source} is not a valid configuration:\n${problems.map((p) => `  - ${p}`).join('\n')}`);
    this.name = 'ConfigError';
  }
}

const ajv = new Ajv({ allErrors: true, verbose: true, strict: true });
ajv.addKeyword({ keyword: 'x-fix', schemaType: 'string' });
ajv.addFormat('email', isEmailAddress);
const validate = ajv.compile<AppConfig>(schema);

/** `/alerts/minimumSeverity` as `alerts.minimumSeverity`; `/alerts/notificationEmails/0` as `alerts.notificationEmails[0]`. */
function fieldName(instancePath: string, child?: string): string {
  const parts = instancePath.split('/').slice(1);
  if (child !== undefined) parts.push(child);
  return (
    parts.reduce((acc, p) => (/^\d+$/.test(p) ? `${acc}[${p}]` : acc ? `${acc}.${p}` : p), '') ||
    '(top level)'
  );
}

/**
 * One schema error as a sentence. `written` maps the instance path of a number JSON reads as infinite (`1e999`) to
 * its text in the file, so that the message shows what the user wrote, not `null` or `Infinity`.
 */
function describe(error: ErrorObject, written: ReadonlyMap<string, string> = new Map()): string {
  const field = fieldName(error.instancePath);
  const value = written.get(error.instancePath) ?? show(error.data);
  const fix = (error.parentSchema as { 'x-fix'?: string } | undefined)?.['x-fix'];
  const withFix = (text: string) => (fix ? `${text} ${fix}` : text);
  switch (error.keyword) {
    case 'additionalProperties': {
      const name = (error.params as { additionalProperty: string }).additionalProperty;
      const known = Object.keys((error.parentSchema as { properties?: object }).properties ?? {}).filter(
        (k) => k !== '$schema',
      );
      return `${fieldName(error.instancePath, name)} is not a known field. Remove it or correct its spelling; the known fields here are: ${known.join(', ')}.`;
    }
    case 'type': {
      const type = (error.params as { type: string }).type;
      const hint = type === 'boolean' ? 'Write true or false, without quotes.' : `Write a ${type} value.`;
      if (typeof error.data === 'number' && !Number.isFinite(error.data)) {
        return `${field} is ${value}, which is not a finite number: JSON reads a number this large as infinity. ${fix ?? hint}`;
      }
      return `${field} is ${value}, but must be of type ${type}. ${fix ?? hint}`;
    }
    case 'enum': {
      const allowed = (error.params as { allowedValues: unknown[] }).allowedValues;
      // "high" for "HIGH": say that the spelling, not the choice, is wrong.
      const sameLetters = allowed.find(
        (v) =>
          typeof v === 'string' &&
          typeof error.data === 'string' &&
          v.toLowerCase() === error.data.toLowerCase(),
      );
      const caseHint =
        sameLetters === undefined ? '' : ` The values are case-sensitive: write ${show(sameLetters)}.`;
      return `${field} is ${value}; use one of ${allowed.map((v) => JSON.stringify(v)).join(', ')}.${caseHint}`;
    }
    case 'format':
      return withFix(
        `${field} is ${value}, which is not a valid ${(error.params as { format: string }).format}.`,
      );
    case 'propertyNames':
      return withFix(
        `${field} has the key ${show((error.params as { propertyName: string }).propertyName)}, which is not allowed.`,
      );
    default:
      return withFix(`${field} is ${value}: it ${error.message}.`);
  }
}

/** Checks that need more than the schema: Regions, and fields that contradict each other. */
function semanticProblems(data: Record<string, unknown>): string[] {
  const problems: string[] = [];
  const object = (v: unknown) => (typeof v === 'object' && v !== null ? (v as Record<string, unknown>) : {});
  problems.push(...regionProblems(data));
  const region = object(data.env).region;
  if (typeof region === 'string' && !RegionInfo.regions.some((r) => r.name === region)) {
    problems.push(
      `env.region is ${show(region)}, which is not an AWS Region. Use a Region code such as ap-northeast-1 or us-east-1, or remove env.region for an environment-agnostic stack.`,
    );
  }
  const archive = object(data.findingsArchive);
  const expiration = typeof archive.expirationDays === 'number' ? archive.expirationDays : 366;
  const transition = archive.transitionToColderStorageAfterDays;
  if (typeof transition === 'number' && transition >= expiration) {
    problems.push(
      `findingsArchive.transitionToColderStorageAfterDays (${transition}) must be below findingsArchive.expirationDays (${expiration}). Lower it or remove it.`,
    );
  }
  if (archive.colderStorageClass !== undefined && transition === undefined) {
    problems.push(
      'findingsArchive.colderStorageClass is set without findingsArchive.transitionToColderStorageAfterDays. Set both or neither.',
    );
  }
  const minimumDays: Record<string, number> = { STANDARD_IA: 30, ONEZONE_IA: 30 };
  const storageClass = String(archive.colderStorageClass);
  if (typeof transition === 'number' && minimumDays[storageClass] && transition < minimumDays[storageClass]) {
    problems.push(
      `findingsArchive.transitionToColderStorageAfterDays is ${transition}, but S3 moves objects to ${storageClass} only after at least ${minimumDays[storageClass]} days. Use ${minimumDays[storageClass]} or more, or another findingsArchive.colderStorageClass.`,
    );
  }
  if (archive.exportFindings === false) {
    const ignored = Object.keys(archive).filter((k) => k !== 'exportFindings');
    if (ignored.length > 0) {
      problems.push(
        `findingsArchive.exportFindings is false, so no archive is created and findingsArchive.${ignored.join(', findingsArchive.')} would be ignored. Remove them, or set exportFindings to true.`,
      );
    }
  }
  if (archive.autoDeleteObjects === true && archive.removalPolicy !== 'DESTROY') {
    problems.push(
      'findingsArchive.autoDeleteObjects is true but findingsArchive.removalPolicy is not "DESTROY": only a bucket that is deleted can be emptied. Set removalPolicy to "DESTROY" as well, or remove autoDeleteObjects.',
    );
  }
  if (data.existingDetectorId !== undefined) {
    for (const field of ['protectionPlans', 'findingPublishingFrequency']) {
      if (data[field] !== undefined) {
        problems.push(
          `${field} is set together with existingDetectorId; it only configures a detector created by this app and would be ignored. Remove ${field}, or remove existingDetectorId.`,
        );
      }
    }
  }
  // The constructs' own rules, with the configuration's field paths (the same names at the top level).
  problems.push(
    ...adoptedDetectorSwitchProblems({
      ...(data as AppConfig),
      adoptExistingDetector:
        data.adoptExistingDetector === true ||
        (data.adoptExistingDetector === undefined && data.organization !== undefined),
    }),
  );
  problems.push(
    ...protectionPlansProblems(object(data.protectionPlans) as ProtectionPlans, 'protectionPlans'),
  );
  problems.push(...alertProblems(object(data.alerts), data));
  const rules = Array.isArray(data.suppressionRules) ? data.suppressionRules : [];
  rules.forEach((rule, i) => {
    // The construct numbers criteria; the file keys them by field name.
    const fields = Object.keys(object(object(rule).criteria));
    const named = (message: string) =>
      message.replace(/criteria\[(\d+)\]/g, (whole, n: string) =>
        fields[Number(n)] !== undefined ? `criteria.${fields[Number(n)]}` : whole,
      );
    problems.push(
      ...caught(() =>
        validateSuppressionRule(toSuppressionRule(rule as SuppressionRuleConfig), `suppressionRules[${i}]`),
      ).map(named),
    );
  });
  // The app creates every rule in each Region's detector, so the per-detector limit applies to the whole list.
  problems.push(...suppressionRulesProblems(rules, 'suppressionRules'));
  return problems;
}

/** Regions, the home Region, GuardDuty's export rules, adopt mode and the organization settings. */
function regionProblems(data: Record<string, unknown>): string[] {
  const problems: string[] = [];
  const env = (typeof data.env === 'object' && data.env !== null ? data.env : {}) as Record<string, unknown>;
  const regions = Array.isArray(data.regions)
    ? data.regions.filter((r): r is string => typeof r === 'string')
    : undefined;
  const home = typeof data.homeRegion === 'string' ? data.homeRegion : undefined;
  for (const [i, region] of (regions ?? []).entries()) {
    if (!isKnownRegion(region)) {
      problems.push(
        `regions[${i}] is ${show(region)}, which is not an AWS Region. Use Region codes such as ap-northeast-1.`,
      );
    }
  }
  if (home !== undefined && !isKnownRegion(home)) {
    problems.push(
      `homeRegion is ${show(home)}, which is not an AWS Region. Use a Region code such as ap-northeast-1.`,
    );
  }
  problems.push(...homeStackNameProblems(data, regions, home));
  if (regions === undefined) {
    if (home !== undefined)
      problems.push(
        'homeRegion is set without regions. List the Regions in regions, the home Region among them, or remove homeRegion and set env.region.',
      );
  } else {
    if (env.region !== undefined) {
      problems.push(
        'env.region is set together with regions. Remove env.region: with regions, each stack goes to its own Region, and homeRegion names the home Region.',
      );
    }
    if (home === undefined && regions.length > 1) {
      problems.push(
        `homeRegion is missing: with ${regions.length} regions, say which one holds the archive and the routes, e.g. "homeRegion": ${JSON.stringify(regions[0])}.`,
      );
    }
    if (home !== undefined && !regions.includes(home)) {
      problems.push(
        `homeRegion ${show(home)} is not in regions (${regions.join(', ')}). Add it to regions, or choose one of them.`,
      );
    }
    const destination = home ?? regions[0];
    if (destination !== undefined && isKnownRegion(destination)) {
      for (const source of regions.filter(isKnownRegion)) {
        const problem = exportRegionProblem(source, destination);
        if (problem)
          problems.push(
            `regions: ${problem}. Choose a commercial homeRegion such as us-east-1 or ap-northeast-1, or leave ${source} out.`,
          );
      }
    }
    if (data.existingDetectorId !== undefined && regions.length > 1) {
      problems.push(
        'existingDetectorId names one detector, but regions lists several Regions, each with its own detector. Use "adoptExistingDetector": true instead.',
      );
    }
  }
  if (data.existingDetectorId !== undefined && data.adoptExistingDetector !== undefined) {
    problems.push(
      'existingDetectorId and adoptExistingDetector are both set. Keep one: existingDetectorId uses a known ID, adoptExistingDetector finds or creates the detector at deploy time.',
    );
  }
  if (data.organization !== undefined) {
    const org = (
      typeof data.organization === 'object' && data.organization !== null ? data.organization : {}
    ) as Record<string, unknown>;
    if (org.administratorAccountId === undefined) {
      problems.push(
        'organization.administratorAccountId is missing: organization mode needs the delegated administrator account. Give its 12-digit ID.',
      );
    }
    if (
      typeof env.account === 'string' &&
      typeof org.administratorAccountId === 'string' &&
      env.account !== org.administratorAccountId
    ) {
      problems.push(
        `env.account ${env.account} is not organization.administratorAccountId ${org.administratorAccountId}: in organization mode the Region stacks go to the administrator account. Make them equal, or remove env.account.`,
      );
    }
    if (regions === undefined && typeof env.region !== 'string') {
      problems.push(
        'organization needs to know the Regions to designate the administrator in: set regions (and homeRegion), or env.region.',
      );
    }
    if (data.adoptExistingDetector === false) {
      problems.push(
        'adoptExistingDetector is false in organization mode, but designating the delegated administrator turns GuardDuty on in its account, so creating a detector there would fail. Remove adoptExistingDetector (it defaults to true here).',
      );
    }
    if (data.existingDetectorId !== undefined) {
      problems.push(
        "existingDetectorId is set in organization mode; the administrator account's detectors are adopted at deploy time. Remove existingDetectorId.",
      );
    }
  }
  return problems;
}

/**
 * `homeStackName` only names the home stack of a multi-Region layout, and must not be the name of another stack of
 * the app.
 */
function homeStackNameProblems(
  data: Record<string, unknown>,
  regions: string[] | undefined,
  home: string | undefined,
): string[] {
  if (typeof data.homeStackName !== 'string') return [];
  const value = show(data.homeStackName);
  if (regions === undefined) {
    return [
      `homeStackName is ${value} but regions is not set, so the only stack is named by stackName. Set stackName instead, or remove homeStackName.`,
    ];
  }
  const names = stackNamesOf({
    stackName: typeof data.stackName === 'string' ? data.stackName : undefined,
    homeStackName: data.homeStackName,
  });
  const others = [
    ...regions.filter((r) => r !== (home ?? regions[0])).map(names.region),
    ...(data.organization !== undefined ? [names.management] : []),
  ];
  return others.includes(names.home)
    ? [
        `homeStackName is ${value}, which is also the name of another stack of the app (${others.join(', ')}). Choose another name: to keep a home stack deployed by an earlier version, use ${JSON.stringify(names.region(home ?? regions[0]))}.`,
      ]
    : [];
}

/** The messages of a check that throws a ValidationError, or none. */
function caught(check: () => void): string[] {
  try {
    check();
    return [];
  } catch (e) {
    if (e instanceof ValidationError) return e.message.split('\n');
    throw e;
  }
}

/** Which channel fields apply to which channel type; the first list is required. */
const CHANNEL_FIELDS: Record<string, [string[], string[]]> = {
  email: [[], ['addresses', 'language']],
  slack: [['slackWorkspaceId', 'slackChannelId'], []],
  teams: [['teamId', 'teamsChannelId', 'tenantId'], []],
  webhook: [
    ['format'],
    ['endpointSecretArn', 'endpointSecretName', 'endpointSecretField', 'language', 'rateLimitPerSecond'],
  ],
  sns: [['topicArn'], []],
};

function alertProblems(alerts: Record<string, unknown>, data: Record<string, unknown>): string[] {
  const env = (typeof data.env === 'object' && data.env !== null ? data.env : {}) as Record<string, unknown>;
  const problems: string[] = [];
  const channels = (
    typeof alerts.channels === 'object' && alerts.channels !== null ? alerts.channels : {}
  ) as Record<string, Record<string, unknown>>;
  const routes = Array.isArray(alerts.routes) ? (alerts.routes as Record<string, unknown>[]) : undefined;
  if (routes) {
    const shorthand = ['notificationEmails', 'minimumSeverity', 'language'].filter(
      (k) => alerts[k] !== undefined,
    );
    if (shorthand.length > 0) {
      problems.push(
        `alerts.${shorthand.join(', alerts.')} ${shorthand.length > 1 ? 'describe' : 'describes'} the default route, which alerts.routes replaces. Move ${shorthand.length > 1 ? 'them' : 'it'} into a channel (addresses, language) and a route (severity), or remove alerts.routes.`,
      );
    }
    if (routes.length === 0)
      problems.push(
        'alerts.routes is empty, so nothing would be delivered. Add a route, or remove alerts.routes for the default e-mail route.',
      );
  } else if (Object.keys(channels).length > 0) {
    problems.push(
      'alerts.channels is set without alerts.routes; channels only receive findings through routes. Add alerts.routes, or remove alerts.channels.',
    );
  }
  for (const [name, channel] of Object.entries(channels)) {
    if (typeof channel !== 'object' || channel === null || !(String(channel.type) in CHANNEL_FIELDS))
      continue;
    const [required, optional] = CHANNEL_FIELDS[String(channel.type)];
    for (const field of required) {
      if (channel[field] === undefined)
        problems.push(`alerts.channels.${name}.${field} is missing: a ${channel.type} channel needs it.`);
    }
    for (const field of Object.keys(channel)) {
      if (field !== 'type' && !required.includes(field) && !optional.includes(field)) {
        problems.push(
          `alerts.channels.${name}.${field} does not apply to a ${channel.type} channel. Remove it, or change the type.`,
        );
      }
    }
    if (channel.type === 'webhook' && channel.format === 'json' && channel.language !== undefined) {
      problems.push(
        `alerts.channels.${name}.language has no effect on a json webhook, whose body has no text. Remove it.`,
      );
    }
    if (channel.type === 'sns' && typeof channel.topicArn === 'string') {
      const topicRegion = channel.topicArn.split(':')[3];
      const home = typeof data.homeRegion === 'string' ? data.homeRegion : env.region;
      if (typeof home === 'string' && topicRegion !== home) {
        problems.push(
          `alerts.channels.${name}.topicArn is in ${topicRegion}, but the routes are in ${home}: EventBridge rules deliver only to topics in their own Region. Use a topic in ${home}.`,
        );
      }
    }
    if (channel.type === 'webhook' && typeof channel.endpointSecretArn === 'string') {
      const regions = Array.isArray(data.regions) ? (data.regions as unknown[]) : [];
      const home = [data.homeRegion, regions[0], env.region].find((r) => typeof r === 'string');
      problems.push(
        ...regionMismatchProblems(
          `alerts.channels.${name}.endpointSecretArn`,
          channel.endpointSecretArn.split(':')[3],
          home as string | undefined,
          SAME_REGION_REASONS.secret,
        ),
      );
    }
    if (
      channel.type === 'webhook' &&
      (channel.endpointSecretArn === undefined) === (channel.endpointSecretName === undefined)
    ) {
      problems.push(
        `alerts.channels.${name} needs exactly one of endpointSecretArn and endpointSecretName: the Secrets Manager secret that holds the webhook URL.`,
      );
    }
  }
  const used = new Set<string>();
  (routes ?? []).forEach((route, i) => {
    const names = Array.isArray(route.channels) ? (route.channels as unknown[]).map(String) : [];
    for (const name of names) {
      used.add(name);
      if (!(name in channels)) {
        problems.push(
          `alerts.routes[${i}].channels names "${name}", which is not in alerts.channels. Known channels: ${Object.keys(channels).join(', ') || '(none)'}.`,
        );
      }
    }
    const severity = (
      typeof route.severity === 'object' && route.severity !== null ? route.severity : {}
    ) as Record<string, unknown>;
    if (severity.minimum !== undefined && (severity.from !== undefined || severity.to !== undefined)) {
      problems.push(
        `alerts.routes[${i}].severity has minimum together with from/to. Give either {"minimum": 7} or {"from": "MEDIUM", "to": "HIGH"}.`,
      );
    }
    if (severity.to !== undefined && severity.from === undefined) {
      problems.push(
        `alerts.routes[${i}].severity has to without from. Add from (the lowest level delivered).`,
      );
    }
    // A level the schema refused ("high" for "HIGH") is reported there; the route cannot be built from it.
    const levels: unknown[] = ['LOW', 'MEDIUM', 'HIGH', 'CRITICAL'];
    if ([severity.from, severity.to].some((l) => l !== undefined && !levels.includes(l))) return;
    problems.push(
      ...caught(() => {
        const config = route as unknown as RouteConfig;
        validateRoute(
          {
            ...config,
            severity: severityOf(config.severity),
            channels: names.map((n) => ({ channelName: n }) as IAlertChannel),
          },
          `alerts.routes[${i}]`,
        );
      }),
    );
  });
  for (const name of Object.keys(channels)) {
    if (routes && !used.has(name)) {
      problems.push(
        `alerts.channels.${name} is used by no route. Add it to a route's channels, or remove it.`,
      );
    }
  }
  return problems;
}

/**
 * Checks a parsed configuration; returns it typed, or throws a {@link ConfigError} that lists every problem.
 * `written` gives the text in the file of numbers JSON read as infinite (see {@link infiniteNumbersAsWritten}).
 */
export function parseConfig(
  data: unknown,
  source = 'configuration',
  written: ReadonlyMap<string, string> = new Map(),
): AppConfig {
  const valid = validate(data);
  // A failed propertyNames check reports twice: once for the key (with propertyName set), once for the object.
  const problems = [
    ...new Set(
      (validate.errors ?? []).filter((e) => e.propertyName === undefined).map((e) => describe(e, written)),
    ),
  ];
  if (typeof data === 'object' && data !== null && !Array.isArray(data)) {
    problems.push(...semanticProblems(data as Record<string, unknown>));
  }
  if (!valid || problems.length > 0) throw new ConfigError(source, problems);
  return data;
}

/** Overrides given on the command line with `-c NAME=VALUE`. */
export interface ContextOverrides {
  /** `-c notificationEmails=a@example.com,b@example.com`: replaces alerts.notificationEmails. */
  readonly notificationEmails?: string;
}

/** Reads, checks and returns a configuration file, with command-line overrides applied. */
export function loadConfig(file: string, overrides: ContextOverrides = {}): AppConfig {
  const source = path.relative(process.cwd(), path.resolve(file)) || file;
  let text: string;
  try {
    text = fs.readFileSync(file, 'utf8');
  } catch {
    throw new ConfigError(source, [
      `the file cannot be read. Check the path given with -c config=PATH (relative to ${process.cwd()}).`,
    ]);
  }
  // Editors on Windows may start a UTF-8 file with a byte-order mark, which JSON.parse refuses.
  if (text.startsWith('\uFEFF')) text = text.slice(1);
  let data: unknown;
  try {
    data = JSON.parse(text);
  } catch (e) {
    throw new ConfigError(source, [`the file is not valid JSON: ${(e as Error).message}.`]);
  }
  if (overrides.notificationEmails !== undefined && typeof data === 'object' && data !== null) {
    const emails = overrides.notificationEmails
      .split(',')
      .map((e) => e.trim())
      .filter((e) => e !== '');
    // `-c notificationEmails=` (nothing after =) would silently remove every subscription.
    if (emails.length === 0) {
      throw new ConfigError(source, [
        `-c notificationEmails is ${show(overrides.notificationEmails)}, which names no address. Give addresses separated by commas (-c notificationEmails=a@example.com,b@example.com), or drop the option to keep alerts.notificationEmails from the file.`,
      ]);
    }
    const record = data as Record<string, unknown>;
    record.alerts = { ...(record.alerts as object | undefined), notificationEmails: emails };
  }
  return parseConfig(data, source, infiniteNumbersAsWritten(text, data));
}

/**
 * The numbers of a JSON text that JSON.parse reads as infinite (`1e999`), by instance path (`/alerts/minimumSeverity`),
 * as written in the text. Numbers are matched to paths in document order; when they cannot be (a duplicate key),
 * the map is empty and messages show `Infinity`.
 */
export function infiniteNumbersAsWritten(text: string, data: unknown): Map<string, string> {
  const written: string[] = [];
  const number = /-?\d+(?:\.\d+)?(?:[eE][+-]?\d+)?/y;
  for (let i = 0; i < text.length; i++) {
    if (text[i] === '"') {
      for (i++; i < text.length && text[i] !== '"'; i++) if (text[i] === '\\') i++;
    } else if (/[-\d]/.test(text[i])) {
      number.lastIndex = i;
      const token = number.exec(text)?.[0] ?? text[i];
      if (!Number.isFinite(Number(token))) written.push(token);
      i += token.length - 1;
    }
  }
  const paths: string[] = [];
  const walk = (value: unknown, at: string): void => {
    if (typeof value === 'number' && !Number.isFinite(value)) paths.push(at);
    else if (typeof value === 'object' && value !== null)
      for (const [key, child] of Object.entries(value)) walk(child, `${at}/${key}`);
  };
  walk(data, '');
  return new Map(paths.length === written.length ? paths.map((p, i) => [p, written[i]]) : []);
}
