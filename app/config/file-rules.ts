/**
 * The rules that exist only in the configuration file, not in any construct: the Regions and the home Region,
 * `env`, organization mode, how channels are named and referenced, and which channel settings go together. They run
 * on whatever JSON the file holds, so each reads its fields defensively: a field of the wrong shape is the schema's
 * problem, reported there.
 *
 * Every rule a construct owns is checked by the construct's own function instead (see `library-rules.ts`).
 */
import {
  GuardDutyRegions,
  SeverityLabel,
  SeverityRange,
  SnsTopicChannel,
  ThreatDetectionErrors,
  WebhookChannel,
} from 'cdk-guardduty-threat-detection';
import { stackNamesOf } from './stack-names';

type Json = Record<string, unknown>;

const show = (value: unknown) => ThreatDetectionErrors.showValue(value);
const object = (value: unknown): Json =>
  typeof value === 'object' && value !== null && !Array.isArray(value) ? (value as Json) : {};
const strings = (value: unknown): string[] | undefined =>
  Array.isArray(value) ? value.filter((v): v is string => typeof v === 'string') : undefined;
const text = (value: unknown): string | undefined => (typeof value === 'string' ? value : undefined);

/** Every problem of the file-only rules. */
export function fileRuleProblems(data: Json): string[] {
  return [
    ...regionProblems(data),
    ...homeStackNameProblems(data),
    ...organizationProblems(data),
    ...channelProblems(data),
    ...routeReferenceProblems(data),
  ];
}

/** The Region of the home stack, where the routes and the archive are: `homeRegion`, `regions[0]` or `env.region`. */
function homeRegionOf(data: Json): string | undefined {
  return text(data.homeRegion) ?? strings(data.regions)?.[0] ?? text(object(data.env).region);
}

/** Regions, the home Region, `env.region` and GuardDuty's export rules. */
function regionProblems(data: Json): string[] {
  const problems: string[] = [];
  const env = object(data.env);
  const regions = strings(data.regions);
  const home = text(data.homeRegion);
  const region = text(env.region);
  if (region !== undefined && !GuardDutyRegions.isKnown(region)) {
    problems.push(
      `env.region is ${show(region)}, which is not an AWS Region. Use a Region code such as ap-northeast-1 or us-east-1, or remove env.region for an environment-agnostic stack.`,
    );
  }
  for (const [i, r] of (regions ?? []).entries()) {
    if (!GuardDutyRegions.isKnown(r)) {
      problems.push(
        `regions[${i}] is ${show(r)}, which is not an AWS Region. Use Region codes such as ap-northeast-1.`,
      );
    }
  }
  if (home !== undefined && !GuardDutyRegions.isKnown(home)) {
    problems.push(
      `homeRegion is ${show(home)}, which is not an AWS Region. Use a Region code such as ap-northeast-1.`,
    );
  }
  if (regions === undefined) {
    if (home !== undefined) {
      problems.push(
        'homeRegion is set without regions. List the Regions in regions, the home Region among them, or remove homeRegion and set env.region.',
      );
    }
    return problems;
  }
  if (env.region !== undefined) {
    problems.push(
      'env.region is set together with regions. Remove env.region: with regions, each stack goes to its own Region, and homeRegion names the home Region.',
    );
  }
  const distinct = new Set(regions).size;
  if (home === undefined && distinct > 1) {
    problems.push(
      `homeRegion is missing: with ${distinct} regions, say which one holds the archive and the routes, e.g. "homeRegion": ${JSON.stringify(regions[0])}.`,
    );
  }
  if (home !== undefined && GuardDutyRegions.isKnown(home) && !regions.includes(home)) {
    problems.push(
      `homeRegion ${show(home)} is not in regions (${regions.join(', ')}). Add it to regions, or choose one of them.`,
    );
  }
  const destination = home ?? regions[0];
  if (destination !== undefined && GuardDutyRegions.isKnown(destination)) {
    for (const source of regions.filter((r) => GuardDutyRegions.isKnown(r))) {
      const problem = GuardDutyRegions.exportProblem(source, destination);
      if (problem) {
        problems.push(
          `regions: ${problem}. Choose a commercial homeRegion such as us-east-1 or ap-northeast-1, or leave ${source} out.`,
        );
      }
    }
  }
  if (data.existingDetectorId !== undefined && regions.length > 1) {
    problems.push(
      'existingDetectorId names one detector, but regions lists several Regions, each with its own detector. Use "adoptExistingDetector": true instead.',
    );
  }
  return problems;
}

/**
 * `homeStackName` only names the home stack of a multi-Region layout, and must not be the name of another stack of
 * the app.
 */
function homeStackNameProblems(data: Json): string[] {
  const homeStackName = text(data.homeStackName);
  if (homeStackName === undefined) return [];
  const regions = strings(data.regions);
  const home = text(data.homeRegion);
  const value = show(homeStackName);
  if (regions === undefined) {
    return [
      `homeStackName is ${value} but regions is not set, so the only stack is named by stackName. Set stackName instead, or remove homeStackName.`,
    ];
  }
  const names = stackNamesOf({ stackName: text(data.stackName), homeStackName });
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

/** Organization mode: the administrator account, its Regions, and the detector settings it implies. */
function organizationProblems(data: Json): string[] {
  const problems: string[] = [];
  if (data.organization === undefined) return problems;
  const org = object(data.organization);
  const env = object(data.env);
  const administrator = text(org.administratorAccountId);
  if (typeof env.account === 'string' && administrator !== undefined && env.account !== administrator) {
    problems.push(
      `env.account ${env.account} is not organization.administratorAccountId ${administrator}: in organization mode the Region stacks go to the administrator account. Make them equal, or remove env.account.`,
    );
  }
  if (data.regions === undefined && typeof env.region !== 'string') {
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
  return problems;
}

/** Channel settings that go together, and the Region of the resources a channel names. */
function channelProblems(data: Json): string[] {
  const problems: string[] = [];
  const home = homeRegionOf(data);
  for (const [name, value] of Object.entries(object(object(data.alerts).channels))) {
    const channel = object(value);
    const at = `alerts.channels.${name}`;
    if (channel.type === 'webhook') {
      if (channel.format === 'json' && channel.language !== undefined) {
        problems.push(`${at}.language has no effect on a json webhook, whose body has no text. Remove it.`);
      }
      if ((channel.endpointSecretArn === undefined) === (channel.endpointSecretName === undefined)) {
        problems.push(
          `${at} needs exactly one of endpointSecretArn and endpointSecretName: the Secrets Manager secret that holds the webhook URL.`,
        );
      }
      const arn = text(channel.endpointSecretArn);
      if (arn !== undefined && home !== undefined) {
        problems.push(
          ...WebhookChannel.secretRegionProblems(`${at}.endpointSecretArn`, arn.split(':')[3], home),
        );
      }
    }
    const topicArn = text(channel.topicArn);
    if (channel.type === 'sns' && topicArn !== undefined && home !== undefined) {
      problems.push(...SnsTopicChannel.topicRegionProblems(`${at}.topicArn`, topicArn.split(':')[3], home));
    }
  }
  return problems;
}

/** Channels are named in `alerts.channels` and used by name in `alerts.routes`: each name used must exist, and each
 * channel must be used. A route's severity is `{minimum}` or `{from, to}`. */
function routeReferenceProblems(data: Json): string[] {
  const problems: string[] = [];
  const alerts = object(data.alerts);
  // A list or a string where an object or a list belongs is the schema's problem; names cannot be compared then.
  const isRecord = (v: unknown) => typeof v === 'object' && v !== null && !Array.isArray(v);
  if (alerts.channels !== undefined && !isRecord(alerts.channels)) return problems;
  if (alerts.routes !== undefined && !Array.isArray(alerts.routes)) return problems;
  const channels = object(alerts.channels);
  const routes = Array.isArray(alerts.routes) ? alerts.routes.map(object) : undefined;
  if (routes === undefined) {
    if (Object.keys(channels).length > 0) {
      problems.push(
        'alerts.channels is set without alerts.routes; channels only receive findings through routes. Add alerts.routes, or remove alerts.channels.',
      );
    }
    return problems;
  }
  const used = new Set<string>();
  routes.forEach((route, i) => {
    for (const name of strings(route.channels) ?? []) {
      used.add(name);
      if (!(name in channels)) {
        problems.push(
          `alerts.routes[${i}].channels names ${show(name)}, which is not in alerts.channels. Known channels: ${Object.keys(channels).join(', ') || '(none)'}. Add the channel to alerts.channels, or correct the name.`,
        );
      }
    }
    const severity = object(route.severity);
    if (isRecord(route.severity) && Object.keys(severity).length === 0) {
      problems.push(
        `alerts.routes[${i}].severity is {}, which says nothing. Give {"minimum": 7} or {"from": "MEDIUM", "to": "HIGH"}, or leave severity out for High and above.`,
      );
    }
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
    const levels: unknown[] = Object.values(SeverityLabel);
    if (levels.includes(severity.from) && levels.includes(severity.to)) {
      problems.push(
        ...SeverityRange.betweenProblems(
          severity.from as SeverityLabel,
          severity.to as SeverityLabel,
          `alerts.routes[${i}].severity`,
        ),
      );
    }
  });
  // Which channels are used is known only when every route lists its channels by name.
  const readable = (alerts.routes as unknown[]).every(
    (r) =>
      isRecord(r) &&
      Array.isArray(object(r).channels) &&
      (object(r).channels as unknown[]).every((c) => typeof c === 'string'),
  );
  for (const name of readable ? Object.keys(channels) : []) {
    if (!used.has(name)) {
      problems.push(
        `alerts.channels.${name} is used by no route. Add it to a route's channels, or remove it.`,
      );
    }
  }
  return problems;
}
