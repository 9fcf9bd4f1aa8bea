// Issue 9: every field of guardduty.config.schema.json has at least one bad-configuration case, and every message
// names the field, the value as written (shortened when long) and the fix, on one line, once.
import { describe, expect, it } from 'vitest';
import { ConfigError, parseConfig } from '../../app/config/load-config';
import schema from '../../guardduty.config.schema.json';
import { show } from '../../packages/construct-library/src/private/validation-error';

type Node = Record<string, unknown>;
const isNode = (v: unknown): v is Node => typeof v === 'object' && v !== null && !Array.isArray(v);

/** `node` and every schema it defers to: `$ref`, and the branches of oneOf, anyOf, allOf and if/then/else. */
function expand(node: unknown, root: Node, seen: ReadonlySet<string> = new Set()): Node[] {
  if (!isNode(node)) return [];
  const out: Node[] = [node];
  const ref = node.$ref;
  if (typeof ref === 'string' && !seen.has(ref)) {
    if (!ref.startsWith('#')) throw new Error(`the walker follows local references only, not ${ref}`);
    const target = ref
      .slice(1)
      .split('/')
      .slice(1)
      .map((p) => decodeURIComponent(p).replace(/~1/g, '/').replace(/~0/g, '~'))
      .reduce<unknown>((at, p) => (isNode(at) ? at[p] : undefined), root);
    if (!isNode(target)) throw new Error(`${ref} does not point to a schema`);
    out.push(...expand(target, root, new Set([...seen, ref])));
  }
  for (const key of ['oneOf', 'anyOf', 'allOf']) {
    const branches = node[key];
    if (Array.isArray(branches)) for (const b of branches) out.push(...expand(b, root, seen));
  }
  for (const key of ['then', 'else']) out.push(...expand(node[key], root, seen));
  return out;
}

/** The children of one schema (not expanded): named properties, `*` for any key, `[]` for an array item. */
function childrenOf(node: Node): [string, Node][] {
  const children: [string, Node][] = [];
  if (isNode(node.properties)) {
    for (const [key, child] of Object.entries(node.properties))
      if (isNode(child)) children.push([key, child]);
  }
  if (isNode(node.patternProperties)) {
    for (const child of Object.values(node.patternProperties)) if (isNode(child)) children.push(['*', child]);
  }
  if (isNode(node.additionalProperties)) children.push(['*', node.additionalProperties]);
  if (isNode(node.items)) children.push(['[]', node.items]);
  if (Array.isArray(node.items))
    for (const child of node.items) if (isNode(child)) children.push(['[]', child]);
  if (isNode(node.additionalItems)) children.push(['[]', node.additionalItems]);
  return children;
}

const join = (path: string, child: string) =>
  child === '[]' ? `${path}[]` : path ? `${path}.${child}` : child;

/**
 * Every field of a schema in the configuration's notation (`alerts.routes[].severity.from`, `tags.*`), as leaves (no
 * fields below them; an array of scalars such as `regions` is a leaf) and containers (objects, arrays of objects).
 * The top level is the container `(top level)`, as messages name it.
 */
function schemaFields(root: Node): { leaves: Set<string>; containers: Set<string> } {
  const children = new Map<string, Set<string>>();
  const recursive = new Set<string>();
  const visit = (node: Node, path: string, stack: ReadonlySet<Node>): void => {
    if (!children.has(path)) children.set(path, new Set());
    const parts = expand(node, root);
    const below = new Set([...stack, ...parts]);
    for (const part of parts) {
      for (const [name, child] of childrenOf(part)) {
        const childPath = join(path, name);
        children.get(path)!.add(childPath);
        // A schema that contains itself (a $ref to an ancestor) is listed once, as a container.
        if (expand(child, root).some((n) => below.has(n))) recursive.add(childPath);
        else visit(child, childPath, below);
      }
    }
  };
  visit(root, '', new Set());
  const leaves = new Set<string>();
  const containers = new Set<string>([...recursive].filter((path) => !children.has(path)));
  for (const [path, below] of children) {
    if (below.size > 0) {
      const onlyScalarItems = [...below].every((c) => c === `${path}[]` && children.get(c)!.size === 0);
      (onlyScalarItems ? leaves : containers).add(path || '(top level)');
    } else if (!path.endsWith('[]')) {
      leaves.add(path);
    }
  }
  return { leaves, containers };
}

/** `alerts.routes[0].channels[1]` as ["alerts", "routes", 0, "channels", 1]; `(top level)` as []. */
function segmentsOf(field: string): (string | number)[] {
  if (field === '(top level)') return [];
  const segments: (string | number)[] = [];
  const part = /(?:^|\.)([^.[\]]+)|\[(\d+)\]/gy;
  let read = 0;
  for (let m = part.exec(field); m !== null; m = part.exec(field)) {
    segments.push(m[2] !== undefined ? Number(m[2]) : m[1]);
    read = part.lastIndex;
  }
  if (read !== field.length) throw new Error(`cannot read the field path ${field}`);
  return segments;
}

/**
 * The schema field of a concrete path, as ajv resolves it: a named property before patternProperties and
 * additionalProperties (`*`), and an item of an array of scalars as the array (`regions[1]` is `regions`).
 */
function schemaFieldOf(field: string, root: Node, fields: { leaves: Set<string> }): string {
  let nodes = expand(root, root);
  let path = '';
  for (const segment of segmentsOf(field)) {
    const next: Node[] = [];
    let name: string | undefined;
    const take = (as: string, child: Node) => {
      name = as;
      next.push(child);
    };
    for (const node of nodes) {
      const props = isNode(node.properties) ? node.properties : {};
      if (typeof segment === 'number') {
        if (isNode(node.items)) take('[]', node.items);
      } else if (isNode(props[segment])) {
        take(segment, props[segment]);
      }
    }
    if (name === undefined && typeof segment === 'string') {
      for (const node of nodes) {
        const patterns = isNode(node.patternProperties) ? node.patternProperties : {};
        for (const [pattern, child] of Object.entries(patterns)) {
          if (isNode(child) && new RegExp(pattern, 'u').test(segment)) take('*', child);
        }
        if (isNode(node.additionalProperties)) take('*', node.additionalProperties);
      }
    }
    if (name === undefined)
      throw new Error(`${field}: the schema has no field ${String(segment)} at ${path}`);
    if (name === '[]' && fields.leaves.has(path)) return path;
    path = join(path, name);
    nodes = next.flatMap((n) => expand(n, root));
  }
  return path || '(top level)';
}

/**
 * One bad configuration: the field the message must name (a concrete path, as in the message), the configuration,
 * and, when the value at that path is not what the message shows, the value the message must show.
 */
interface Case {
  readonly field: string;
  readonly data: Node;
  /** The value the message shows, when it is not the one at `field` (an item of a list, a key). */
  readonly shown?: unknown;
  /**
   * `missing`: the field is left out, so the message must say that it is missing instead of showing a value.
   * `misplaced`: the field does not belong there; its name, in the field path, is the bad value.
   */
  readonly kind?: 'missing' | 'misplaced';
  /** A known defect of the message, reported to the lead: the case is expected to fail until it is fixed. */
  readonly fails?: string;
}

/** The value at a concrete path of `data`. */
function valueAt(data: unknown, field: string): unknown {
  return segmentsOf(field).reduce<unknown>(
    (at, s) => (typeof at === 'object' && at !== null ? (at as Record<string, unknown>)[s] : undefined),
    data,
  );
}

// Siblings that make the cases minimal but valid apart from the one problem.
const mail = { type: 'email', addresses: ['soc@example.com'] };
/** `alerts` with one channel `c` and one route to it; `route` and `channel` override fields. */
const routed = (channel: Node = mail, route: Node = {}): Node => ({
  alerts: { channels: { c: channel }, routes: [{ name: 'soc', channels: ['c'], ...route }] },
});
const slack = { type: 'slack', slackWorkspaceId: 'T0123ABCD', slackChannelId: 'C0123ABCD' };
const teams = {
  type: 'teams',
  teamId: '0a1b2c3d-4e5f-4a6b-8c7d-9e0f1a2b3c4d',
  teamsChannelId: '19%3aabc123%40thread.tacv2',
  tenantId: '5f6e7d8c-9b0a-4c1d-8e2f-3a4b5c6d7e8f',
};
const webhook = { type: 'webhook', format: 'slack', endpointSecretName: 'guardduty/slack-webhook' };
/** One suppression rule `rule` with `criteria` (default: one on type) and other fields of `rule`. */
const suppress = (rule: Node = {}): Node => ({
  suppressionRules: [
    { name: 'ignore-scanner', criteria: { type: { equals: ['Recon:EC2/Portscan'] } }, ...rule },
  ],
});
const criterion = (condition: unknown, field = 'severity'): Node =>
  suppress({ criteria: { [field]: condition } });
const organization = (org: Node): Node => ({
  regions: ['us-east-1'],
  organization: { administratorAccountId: '111122223333', ...org },
});

const cases: Case[] = [
  { field: '(top level)', data: ['alerts'] as unknown as Node },
  { field: '$schema', data: { $schema: true } },
  { field: 'notificationEmails', kind: 'misplaced', data: { notificationEmails: ['soc@example.com'] } },
  { field: 'stackName', data: { stackName: 'Guard Duty' } },
  { field: 'stackName', data: { stackName: `G${'d'.repeat(128)}` } },
  { field: 'env', data: { env: 'ap-northeast-1' } },
  { field: 'env.account', data: { env: { account: 123456789012 } } },
  { field: 'env.account', data: { env: { account: '1234-5678-9012' } } },
  { field: 'env.region', data: { env: { region: 'ap-northeast-9' } } },
  { field: 'env.region', data: { env: { region: 'Tokyo' } } },
  { field: 'env.acount', kind: 'misplaced', data: { env: { acount: '111122223333' } } },
  { field: 'regions', data: { regions: 'us-east-1' } },
  { field: 'regions', data: { regions: [] } },
  {
    field: 'regions',
    data: { regions: ['us-east-1', 'us-east-1'] },
  },
  { field: 'regions[0]', data: { regions: ['us-middle-1'] } },
  { field: 'regions[0]', data: { regions: [1] } },
  { field: 'homeRegion', data: { regions: ['us-east-1', 'eu-west-1'], homeRegion: 'ap-northeast-1' } },
  {
    field: 'homeRegion',
    data: { regions: ['us-east-1', 'eu-west-1'], homeRegion: 'eu-west-9' },
  },
  { field: 'homeRegion', data: { regions: ['us-east-1'], homeRegion: 42 } },
  { field: 'homeStackName', data: { regions: ['us-east-1'], homeStackName: 'GuardDuty_home' } },
  { field: 'adoptExistingDetector', data: { adoptExistingDetector: 'true' } },
  {
    field: 'manageAdoptedDetectorSettings',
    data: { adoptExistingDetector: true, manageAdoptedDetectorSettings: 1 },
  },
  {
    field: 'enableAdoptedDetectorIfSuspended',
    data: { adoptExistingDetector: true, enableAdoptedDetectorIfSuspended: 'yes' },
  },
  { field: 'organization', data: { regions: ['us-east-1'], organization: '111122223333' } },
  {
    field: 'organization.administratorAccountId',
    data: organization({ administratorAccountId: '11112222333' }),
  },
  {
    field: 'organization.administratorAccountId',
    kind: 'missing',
    data: { regions: ['us-east-1'], organization: { autoEnableMembers: 'ALL' } },
  },
  {
    field: 'organization.administratorAccountId',
    data: organization({ administratorAccountId: 111122223333 }),
  },
  { field: 'organization.managementAccountId', data: organization({ managementAccountId: 'o-a1b2c3d4e5' }) },
  { field: 'organization.autoEnableMembers', data: organization({ autoEnableMembers: 'all' }) },
  { field: 'organization.autoEnableMembers', data: organization({ autoEnableMembers: true }) },
  { field: 'existingDetectorId', data: { existingDetectorId: '12ABC34D567E8FA901BC2D34E56789F0' } },
  { field: 'findingPublishingFrequency', data: { findingPublishingFrequency: 'ONE_DAY' } },
  { field: 'protectionPlans', data: { protectionPlans: 'ALL' } },
  {
    field: 'protectionPlans.s3Protection',
    kind: 'misplaced',
    data: { protectionPlans: { s3Protection: true } },
  },
  ...[
    's3DataEvents',
    'eksAuditLogs',
    'ebsMalwareProtection',
    'rdsLoginEvents',
    'rdsDataActivity',
    'lambdaNetworkLogs',
    'runtimeMonitoring',
    'eksRuntimeMonitoring',
    'aiProtection',
    'aiAnalyst',
  ].map((plan) => ({ field: `protectionPlans.${plan}`, data: { protectionPlans: { [plan]: 'ENABLED' } } })),
  {
    field: 'protectionPlans.rdsDataActivity',
    data: { protectionPlans: { rdsLoginEvents: false, rdsDataActivity: true } },
  },
  {
    field: 'protectionPlans.eksRuntimeMonitoring',
    data: { protectionPlans: { runtimeMonitoring: true, eksRuntimeMonitoring: false } },
    // The message names both plans; the value shown is the one of eksRuntimeMonitoring, in parentheses.
  },
  {
    field: 'protectionPlans.runtimeMonitoringAgents',
    data: { protectionPlans: { runtimeMonitoringAgents: true } },
  },
  ...['eksAddonManagement', 'ecsFargateAgentManagement', 'ec2AgentManagement'].map((agent) => ({
    field: `protectionPlans.runtimeMonitoringAgents.${agent}`,
    data: { protectionPlans: { runtimeMonitoring: true, runtimeMonitoringAgents: { [agent]: 'ENABLED' } } },
  })),
  {
    field: 'protectionPlans.runtimeMonitoringAgents.ec2AgentManagement',
    data: { protectionPlans: { runtimeMonitoringAgents: { ec2AgentManagement: true } } },
  },
  { field: 'findingsArchive', data: { findingsArchive: true } },
  { field: 'findingsArchive.exportFindings', data: { findingsArchive: { exportFindings: 'false' } } },
  { field: 'findingsArchive.expirationDays', data: { findingsArchive: { expirationDays: 0 } } },
  { field: 'findingsArchive.expirationDays', data: { findingsArchive: { expirationDays: 365.25 } } },
  {
    field: 'findingsArchive.transitionToColderStorageAfterDays',
    data: { findingsArchive: { transitionToColderStorageAfterDays: 0 } },
  },
  {
    field: 'findingsArchive.transitionToColderStorageAfterDays',
    data: { findingsArchive: { transitionToColderStorageAfterDays: 10, colderStorageClass: 'STANDARD_IA' } },
  },
  {
    field: 'findingsArchive.colderStorageClass',
    data: {
      findingsArchive: {
        transitionToColderStorageAfterDays: 90,
        colderStorageClass: 'GLACIER_FLEXIBLE_RETRIEVAL',
      },
    },
  },
  {
    field: 'findingsArchive.noncurrentVersionExpirationDays',
    data: { findingsArchive: { noncurrentVersionExpirationDays: 0 } },
  },
  { field: 'findingsArchive.removalPolicy', data: { findingsArchive: { removalPolicy: 'SNAPSHOT' } } },
  { field: 'findingsArchive.autoDeleteObjects', data: { findingsArchive: { autoDeleteObjects: 'true' } } },
  { field: 'findingsArchive.autoDeleteObjects', data: { findingsArchive: { autoDeleteObjects: true } } },
  { field: 'alerts', data: { alerts: 'security@example.com' } },
  { field: 'alerts.notificationEmails', data: { alerts: { notificationEmails: 'security@example.com' } } },
  {
    field: 'alerts.notificationEmails[0]',
    data: { alerts: { notificationEmails: ['security.example.com'] } },
  },
  {
    field: 'alerts.notificationEmails',
    data: { alerts: { notificationEmails: ['soc@example.com', 'soc@example.com'] } },
  },
  { field: 'alerts.minimumSeverity', data: { alerts: { minimumSeverity: 0 } } },
  { field: 'alerts.minimumSeverity', data: { alerts: { minimumSeverity: 'HIGH' } } },
  { field: 'alerts.language', data: { alerts: { language: 'jp' } } },
  { field: 'alerts.retryAttempts', data: { alerts: { retryAttempts: 186 } } },
  { field: 'alerts.maxEventAgeHours', data: { alerts: { maxEventAgeHours: 48 } } },
  {
    field: 'alerts.channels',
    data: { alerts: { channels: [mail], routes: [{ name: 'soc', channels: ['0'] }] } },
  },
  {
    field: 'alerts.channels',
    data: { alerts: { channels: { 'soc team': mail }, routes: [{ name: 'soc', channels: ['soc team'] }] } },
    shown: 'soc team',
  },
  { field: 'alerts.channels.c', data: routed('soc@example.com' as unknown as Node) },
  { field: 'alerts.channels.c.type', kind: 'missing', data: routed({ addresses: ['soc@example.com'] }) },
  { field: 'alerts.channels.c.type', data: routed({ type: 'chime' }) },
  { field: 'alerts.channels.c.type', data: routed({ type: 'Email' }) },
  { field: 'alerts.channels.c.addresses', data: routed({ type: 'email', addresses: 'soc@example.com' }) },
  { field: 'alerts.channels.c.addresses[0]', data: routed({ type: 'email', addresses: ['soc'] }) },
  {
    field: 'alerts.channels.c.addresses',
    kind: 'misplaced',
    data: routed({ ...slack, addresses: ['soc@example.com'] }),
  },
  { field: 'alerts.channels.c.language', data: routed({ ...mail, language: 'fr' }) },
  { field: 'alerts.channels.c.slackWorkspaceId', data: routed({ ...slack, slackWorkspaceId: 't0123abcd' }) },
  {
    field: 'alerts.channels.c.slackWorkspaceId',
    kind: 'missing',
    data: routed({ type: 'slack', slackChannelId: 'C0123ABCD' }),
  },
  { field: 'alerts.channels.c.slackChannelId', data: routed({ ...slack, slackChannelId: '#security' }) },
  { field: 'alerts.channels.c.teamId', data: routed({ ...teams, teamId: 'security-team' }) },
  {
    field: 'alerts.channels.c.teamsChannelId',
    data: routed({ ...teams, teamsChannelId: '19:abc123@thread.tacv2' }),
  },
  { field: 'alerts.channels.c.tenantId', data: routed({ ...teams, tenantId: 'contoso.onmicrosoft.com' }) },
  { field: 'alerts.channels.c.format', data: routed({ ...webhook, format: 'html' }) },
  {
    field: 'alerts.channels.c.format',
    kind: 'missing',
    data: routed({ type: 'webhook', endpointSecretName: 'guardduty/hook' }),
  },
  {
    field: 'alerts.channels.c.endpointSecretArn',
    data: routed({
      type: 'webhook',
      format: 'slack',
      endpointSecretArn: 'arn:aws:secretsmanager:us-east-1:111122223333:guardduty/slack-webhook',
    }),
  },
  {
    field: 'alerts.channels.c.endpointSecretName',
    data: routed({ ...webhook, endpointSecretName: 'guardduty slack' }),
  },
  {
    field: 'alerts.channels.c.endpointSecretField',
    data: routed({ ...webhook, endpointSecretField: '' }),
  },
  { field: 'alerts.channels.c.rateLimitPerSecond', data: routed({ ...webhook, rateLimitPerSecond: 301 }) },
  { field: 'alerts.channels.c.topicArn', data: routed({ type: 'sns', topicArn: 'pagerduty' }) },
  { field: 'alerts.channels.c.topicArn', kind: 'missing', data: routed({ type: 'sns' }) },
  {
    field: 'alerts.channels.c.topicArn',
    data: routed({ type: 'sns', topicArn: 'arn:aws:sqs:us-east-1:111122223333:pagerduty' }),
  },
  {
    field: 'alerts.routes',
    data: { alerts: { channels: { c: mail }, routes: { name: 'soc', channels: ['c'] } } },
  },
  { field: 'alerts.routes', data: { alerts: { routes: [] } } },
  {
    field: 'alerts.routes[0]',
    data: { alerts: { channels: { c: mail }, routes: ['c'] } },
  },
  {
    field: 'alerts.routes[0].name',
    kind: 'missing',
    data: { alerts: { channels: { c: mail }, routes: [{ channels: ['c'] }] } },
  },
  { field: 'alerts.routes[0].channels', kind: 'missing', data: { alerts: { routes: [{ name: 'soc' }] } } },
  { field: 'alerts.routes[0].name', data: routed(mail, { name: 'SOC team' }) },
  {
    field: 'alerts.routes[0].channels',
    data: routed(mail, { channels: 'c' }),
  },
  {
    field: 'alerts.routes[0].channels',
    data: routed(mail, { channels: ['c', 'pager'] }),
    shown: 'pager',
  },
  {
    field: 'alerts.routes[0].channels[0]',
    data: routed(mail, { channels: [1] }),
  },
  { field: 'alerts.routes[0].channels', data: routed(mail, { channels: ['c', 'c'] }) },
  { field: 'alerts.routes[0].severity', data: routed(mail, { severity: 7 }) },
  { field: 'alerts.routes[0].severity.minimum', data: routed(mail, { severity: { minimum: 0 } }) },
  { field: 'alerts.routes[0].severity.minimum', data: routed(mail, { severity: { minimum: '7' } }) },
  { field: 'alerts.routes[0].severity.min', kind: 'misplaced', data: routed(mail, { severity: { min: 7 } }) },
  { field: 'alerts.routes[0].severity.from', data: routed(mail, { severity: { from: 'SEVERE' } }) },
  {
    field: 'alerts.routes[0].severity.to',
    data: routed(mail, { severity: { from: 'HIGH', to: 'Critical' } }),
  },
  { field: 'alerts.routes[0].severity', data: routed(mail, { severity: {} }) },
  { field: 'alerts.routes[0].findingTypes', data: routed(mail, { findingTypes: 'Recon:*' }) },
  { field: 'alerts.routes[0].findingTypes', data: routed(mail, { findingTypes: [] }) },
  { field: 'alerts.routes[0].excludeFindingTypes', data: routed(mail, { excludeFindingTypes: [] }) },
  { field: 'alerts.routes[0].accountIds', data: routed(mail, { accountIds: [] }) },
  { field: 'alerts.routes[0].resourceTypes', data: routed(mail, { resourceTypes: [] }) },
  { field: 'alerts.routes[0].findingTypes', data: routed(mail, { findingTypes: ['*'] }), shown: '*' },
  {
    field: 'alerts.routes[0].excludeFindingTypes',
    data: routed(mail, { excludeFindingTypes: ['Recon EC2 Portscan'] }),
    shown: 'Recon EC2 Portscan',
  },
  { field: 'alerts.routes[0].accountIds', data: routed(mail, { accountIds: '111122223333' }) },
  { field: 'alerts.routes[0].accountIds[0]', data: routed(mail, { accountIds: ['1111-2222-3333'] }) },
  {
    field: 'alerts.routes[0].resourceTypes',
    data: routed(mail, { resourceTypes: ['AWS::EC2::Instance'] }),
    shown: 'AWS::EC2::Instance',
  },
  { field: 'alerts.routes[0].includeSampleFindings', data: routed(mail, { includeSampleFindings: 'true' }) },
  { field: 'alerts.routes[0].includeArchivedFindings', data: routed(mail, { includeArchivedFindings: 0 }) },
  { field: 'alerts.routes[0].firstOccurrenceOnly', data: routed(mail, { firstOccurrenceOnly: 'yes' }) },
  { field: 'suppressionRules', data: { suppressionRules: { name: 'ignore-scanner' } } },
  { field: 'suppressionRules[0]', data: { suppressionRules: ['ignore-scanner'] } },
  {
    field: 'suppressionRules[0].criteria',
    kind: 'missing',
    data: { suppressionRules: [{ name: 'ignore-scanner' }] },
  },
  {
    field: 'suppressionRules[0].name',
    kind: 'missing',
    data: { suppressionRules: [{ criteria: { type: { equals: ['Recon:EC2/Portscan'] } } }] },
  },
  { field: 'suppressionRules[0].name', data: suppress({ name: 'ignore port scans' }) },
  { field: 'suppressionRules[0].name', data: suppress({ name: 42 }) },
  { field: 'suppressionRules[0].description', data: suppress({ description: 'Scanner; ignored' }) },
  {
    field: 'suppressionRules[0].description',
    data: suppress({ description: 'x'.repeat(513) }),
  },
  { field: 'suppressionRules[0].description', data: suppress({ description: 42 }) },
  { field: 'suppressionRules[0].rank', data: suppress({ rank: 101 }) },
  { field: 'suppressionRules[0].rank', data: suppress({ rank: 1.5 }) },
  { field: 'suppressionRules[0].criteria', data: suppress({ criteria: {} }) },
  { field: 'suppressionRules[0].criteria', data: suppress({ criteria: [{ field: 'type' }] }) },
  { field: 'suppressionRules[0].criteria.type', data: criterion(['Recon:EC2/Portscan'], 'type') },
  {
    field: 'suppressionRules[0].criteria.type',
    data: criterion({}, 'type'),
  },
  {
    field: 'suppressionRules[0].criteria.type.equals',
    data: criterion({ equals: 'Recon:EC2/Portscan' }, 'type'),
  },
  { field: 'suppressionRules[0].criteria.severity.equals[0]', data: criterion({ equals: ['HIGH'] }) },
  {
    field: 'suppressionRules[0].criteria.type.notEquals',
    data: criterion({ notEquals: 'Recon:EC2/Portscan' }, 'type'),
  },
  { field: 'suppressionRules[0].criteria.severity.greaterThan', data: criterion({ greaterThan: '7' }) },
  {
    field: 'suppressionRules[0].criteria.severity.greaterThanOrEqual',
    data: criterion({ greaterThanOrEqual: '7' }),
  },
  { field: 'suppressionRules[0].criteria.severity.lessThan', data: criterion({ lessThan: '4' }) },
  {
    field: 'suppressionRules[0].criteria.severity.lessThanOrEqual',
    data: criterion({ lessThanOrEqual: '4' }),
  },
  { field: 'suppressionRules[0].criteria.type.matches', data: criterion({ matches: 'Recon:*' }, 'type') },
  {
    field: 'suppressionRules[0].criteria.type.notMatches',
    data: criterion({ notMatches: 'Recon:*' }, 'type'),
  },
  { field: 'tags', data: { tags: ['Application=guardduty'] } },
  { field: 'tags', data: { tags: { 'aws:application': 'guardduty' } }, shown: 'aws:application' },
  { field: 'tags', data: { tags: { [`k${'e'.repeat(128)}`]: 'guardduty' } }, shown: `k${'e'.repeat(128)}` },
  {
    field: 'tags',
    data: { tags: { '': 'guardduty' } },
    shown: '',
  },
  { field: 'tags.Application', data: { tags: { Application: 42 } } },
  {
    field: 'tags.Application',
    data: { tags: { Application: 'x'.repeat(257) } },
  },
];

/** A sentence that tells the user what to do: an imperative at the start of a sentence or a clause. */
const FIX =
  /(?:^|[.:;,]\s|\()(?:use|give|write|remove|add|set|copy|list|choose|name|lower|shorten|merge|make|move|keep|correct|split|rename|delete|turn|replace|leave|quote|for example)\b/i;

function problemsOf(data: unknown): string[] {
  let error: unknown;
  try {
    parseConfig(data, 'test.json');
  } catch (e) {
    error = e;
  }
  if (error === undefined) expect.fail(`${JSON.stringify(data).slice(0, 300)} was accepted`);
  if (!(error instanceof ConfigError)) throw error;
  return error.problems;
}

const fields = schemaFields(schema as Node);

/** The schema field a case tests; for a misplaced field, the object that holds it. */
function schemaFieldOfCase(c: Case): string {
  const field =
    c.kind === 'misplaced' ? c.field.replace(/(?:^|\.)[^.[\]]+$|\[\d+\]$/, '') || '(top level)' : c.field;
  return schemaFieldOf(field, schema as Node, fields);
}

describe('every field of the configuration schema', () => {
  for (const c of cases) {
    const value = show(c.shown ?? valueAt(c.data, c.field));
    const name = `${c.field} ${c.kind ?? `is ${value.length > 60 ? `${value.slice(0, 60)}…` : value}`}`;
    // A case with a known defect is expected to fail; it.fails turns red once the message is fixed, to remove `fails`.
    (c.fails === undefined ? it : it.fails)(name, () => {
      const problems = problemsOf(c.data);
      const listed = problems.map((p) => `\n  - ${p}`).join('');
      expect(problems.length, `one problem expected:${listed}`).toBe(1);
      const [problem] = problems;
      const field = new RegExp(`(?:^|[\\s(])${c.field.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}(?![\\w.[])`);
      expect(problem, `should name the field ${c.field}`).toMatch(field);
      if (c.kind === 'missing') {
        expect(problem, 'should say that the field is missing').toMatch(/\b(?:missing|required)\b/);
      } else if (c.kind === undefined) {
        // An empty list or object may be called empty instead of [] or {}.
        const shown =
          problem.includes(value) || (/^(?:\[\]|\{\}|"")$/.test(value) && /\bempty\b/.test(problem));
        expect(shown, `${problem}\nshould show the value ${value}`).toBe(true);
      }
      expect(problem, 'should tell how to fix it').toMatch(FIX);
      expect(problem, 'should be one line, without a stack trace').not.toMatch(/\n|\s{4}at /);
      expect(problem.length, problem).toBeLessThanOrEqual(600);
    });
  }

  it('has a bad-configuration case for every leaf of the schema', () => {
    const covered = new Set(cases.map(schemaFieldOfCase));
    const missing = [...fields.leaves].filter((f) => !covered.has(f));
    expect(missing, `schema fields without a bad-configuration case: ${missing.join(', ')}`).toEqual([]);
  });

  it('has a bad-configuration case for every object and array of the schema', () => {
    const covered = new Set(cases.map(schemaFieldOfCase));
    const missing = [...fields.containers].filter((f) => !covered.has(f));
    expect(
      missing,
      `schema objects and arrays without a bad-configuration case: ${missing.join(', ')}`,
    ).toEqual([]);
  });

  it('lists the field of every case among the walked fields', () => {
    const walked = new Set([...fields.leaves, ...fields.containers]);
    const unlisted = [...new Set(cases.map(schemaFieldOfCase))].filter((f) => !walked.has(f));
    expect(unlisted, `fields of cases that the walk of the schema missed: ${unlisted.join(', ')}`).toEqual(
      [],
    );
  });

  it('finds the fields below additionalProperties, items and patternProperties', () => {
    for (const leaf of [
      'stackName',
      'regions',
      'alerts.routes[].severity.from',
      'alerts.routes[].channels',
      'alerts.channels.*.topicArn',
      'suppressionRules[].criteria.*.equals',
      'tags.*',
    ]) {
      expect(fields.leaves, leaf).toContain(leaf);
    }
    expect([...fields.containers]).toEqual(
      expect.arrayContaining(['(top level)', 'alerts.routes[]', 'tags']),
    );
  });

  it('walks oneOf, anyOf, allOf, $ref and patternProperties', () => {
    const walked = schemaFields({
      type: 'object',
      definitions: {
        address: { type: 'string', format: 'email' },
        tree: {
          type: 'object',
          properties: { name: { type: 'string' }, child: { $ref: '#/definitions/tree' } },
        },
      },
      properties: {
        channels: {
          type: 'object',
          additionalProperties: {
            oneOf: [
              {
                properties: {
                  type: { const: 'email' },
                  addresses: { type: 'array', items: { $ref: '#/definitions/address' } },
                },
              },
              { allOf: [{ properties: { type: { const: 'sns' }, topicArn: { type: 'string' } } }] },
            ],
          },
        },
        tree: { $ref: '#/definitions/tree' },
        labels: {
          anyOf: [{ type: 'string' }, { type: 'object', patternProperties: { '^x-': { type: 'number' } } }],
        },
      },
    });
    expect([...walked.leaves].sort()).toEqual([
      'channels.*.addresses',
      'channels.*.topicArn',
      'channels.*.type',
      'labels.*',
      'tree.name',
    ]);
    expect([...walked.containers].sort()).toEqual([
      '(top level)',
      'channels',
      'channels.*',
      'labels',
      'tree',
      'tree.child',
    ]);
  });

  it('maps a message path to its schema field', () => {
    expect(schemaFieldOf('alerts.routes[0].severity.from', schema as Node, fields)).toBe(
      'alerts.routes[].severity.from',
    );
    expect(schemaFieldOf('alerts.channels.c.addresses[1]', schema as Node, fields)).toBe(
      'alerts.channels.*.addresses',
    );
    expect(schemaFieldOf('(top level)', schema as Node, fields)).toBe('(top level)');
    expect(() => schemaFieldOf('alerts.route[0]', schema as Node, fields)).toThrow(/no field route/);
  });
});
