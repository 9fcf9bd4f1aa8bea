import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { describe, expect, it } from 'vitest';
import { ConfigError, infiniteNumbersAsWritten, loadConfig } from '../../app/config/load-config';
import { configProblems } from '../helpers/config-problems';

const ROOT = path.join(__dirname, '..', '..');

const problemsOf = configProblems;

describe('configuration', () => {
  it('accepts the committed default configuration', () => {
    const config = loadConfig(path.join(ROOT, 'guardduty.config.json'));
    expect(config.alerts?.notificationEmails).toEqual([]);
    expect(config.alerts?.minimumSeverity).toBe(7);
    expect(config.env).toBeUndefined();
  });

  it('accepts an empty configuration: every field has a default', () => {
    expect(problemsOf({})).toEqual([]);
  });

  it('accepts the committed multi-route example', () => {
    expect(() => loadConfig(path.join(ROOT, 'examples', 'multi-route.config.json'))).not.toThrow();
  });

  it('accepts a full configuration', () => {
    expect(
      problemsOf({
        stackName: 'SecurityGuardDuty',
        env: { account: '111122223333', region: 'ap-northeast-1' },
        findingPublishingFrequency: 'ONE_HOUR',
        protectionPlans: { runtimeMonitoring: true, runtimeMonitoringAgents: { ec2AgentManagement: true } },
        findingsArchive: {
          expirationDays: 730,
          transitionToColderStorageAfterDays: 90,
          colderStorageClass: 'GLACIER_IR',
        },
        alerts: {
          notificationEmails: ['soc@example.com'],
          minimumSeverity: 4,
          language: 'ja',
          retryAttempts: 10,
          maxEventAgeHours: 2,
        },
        tags: { CostCenter: 'security' },
      }),
    ).toEqual([]);
  });

  // Each bad configuration is rejected with a message that names the field, the value and the fix.
  const bad: [string, unknown, string][] = [
    [
      'an unknown top-level field',
      { alert: {} },
      'alert is not a known field. Remove it or correct its spelling; the known fields here are: stackName, env, regions, homeRegion',
    ],
    [
      'an unknown nested field',
      { alerts: { minSeverity: 7 } },
      'alerts.minSeverity is not a known field. Remove it or correct its spelling; the known fields here are: notificationEmails, minimumSeverity',
    ],
    [
      'a severity above 10',
      { alerts: { minimumSeverity: 11 } },
      'alerts.minimumSeverity is 11: it must be <= 10. Give a number from 1 to 10',
    ],
    [
      'a severity below 1',
      { alerts: { minimumSeverity: 0 } },
      'alerts.minimumSeverity is 0: it must be >= 1. Give a number from 1 to 10',
    ],
    [
      'a severity as a string',
      { alerts: { minimumSeverity: 'HIGH' } },
      'alerts.minimumSeverity is "HIGH", but must be of type number. Give a number from 1 to 10',
    ],
    [
      'an invalid e-mail',
      { alerts: { notificationEmails: ['soc@example.com', 'not-an-address'] } },
      'alerts.notificationEmails[1] is "not-an-address", which is not a valid email. Give an address such as "security@example.com".',
    ],
    [
      'e-mails as a string',
      { alerts: { notificationEmails: 'soc@example.com' } },
      'alerts.notificationEmails is "soc@example.com", but must be of type array.',
    ],
    [
      'a duplicated e-mail',
      { alerts: { notificationEmails: ['a@example.com', 'a@example.com'] } },
      'alerts.notificationEmails is ["a@example.com","a@example.com"]: it must NOT have duplicate items',
    ],
    [
      'an unknown Region',
      { env: { region: 'ap-northeast-9' } },
      'env.region is "ap-northeast-9", which is not an AWS Region. Use a Region code such as ap-northeast-1',
    ],
    [
      'a short account ID',
      { env: { account: '1234' } },
      'env.account is "1234": it must match pattern "^[0-9]{12}$". Give the 12-digit account ID as a string',
    ],
    [
      'an account ID as a number',
      { env: { account: 111122223333 } },
      'env.account is 111122223333, but must be of type string. Give the 12-digit account ID as a string',
    ],
    [
      'an unknown publishing frequency',
      { findingPublishingFrequency: 'DAILY' },
      'findingPublishingFrequency is "DAILY"; use one of "FIFTEEN_MINUTES", "ONE_HOUR", "SIX_HOURS".',
    ],
    [
      'a plan as a string',
      { protectionPlans: { s3DataEvents: 'yes' } },
      'protectionPlans.s3DataEvents is "yes", but must be of type boolean. Write true or false, without quotes.',
    ],
    [
      'both runtime monitoring features',
      { protectionPlans: { runtimeMonitoring: true, eksRuntimeMonitoring: true } },
      'protectionPlans.eksRuntimeMonitoring (true) and protectionPlans.runtimeMonitoring (true) are both set, but GuardDuty refuses a request that names both EKS_RUNTIME_MONITORING and RUNTIME_MONITORING, even DISABLED.',
    ],
    [
      'an agent without runtime monitoring',
      { protectionPlans: { runtimeMonitoringAgents: { ecsFargateAgentManagement: true } } },
      'protectionPlans.runtimeMonitoringAgents.ecsFargateAgentManagement is true but protectionPlans.runtimeMonitoring is not',
    ],
    [
      'both runtime monitoring features, as the default configuration of 0.1 had them (both false)',
      { protectionPlans: { runtimeMonitoring: false, eksRuntimeMonitoring: false } },
      'protectionPlans.eksRuntimeMonitoring (false) and protectionPlans.runtimeMonitoring (false) are both set, but GuardDuty refuses a request that names both EKS_RUNTIME_MONITORING and RUNTIME_MONITORING, even DISABLED. Remove protectionPlans.eksRuntimeMonitoring unless the account still runs the legacy EKS Runtime Monitoring',
    ],
    [
      'RDS data activity without RDS login events',
      { protectionPlans: { rdsLoginEvents: false, rdsDataActivity: true } },
      'protectionPlans.rdsDataActivity is true but protectionPlans.rdsLoginEvents is false; RDS_DATA_RISK is a setting of RDS_LOGIN_EVENTS',
    ],
    [
      'an adopted-detector switch without adopt mode',
      { manageAdoptedDetectorSettings: true },
      'manageAdoptedDetectorSettings is set, but adoptExistingDetector is not true, so there is no adopted detector for it to apply to. Set adoptExistingDetector to true, or remove manageAdoptedDetectorSettings.',
    ],
    [
      'a malformed detector ID',
      { existingDetectorId: 'abc' },
      'existingDetectorId is "abc": it must match pattern "^[0-9a-f]{32}$". Copy the 32-character ID from `aws guardduty list-detectors`',
    ],
    [
      'plans next to an existing detector',
      { existingDetectorId: 'a'.repeat(32), protectionPlans: {} },
      'existingDetectorId is set together with protectionPlans, which only configure a detector created here and would be ignored. Remove protectionPlans, or remove existingDetectorId to create the detector.',
    ],
    [
      'a fractional expiry',
      { findingsArchive: { expirationDays: 30.5 } },
      'findingsArchive.expirationDays is 30.5, but must be of type integer. Give a whole number of days',
    ],
    [
      'a transition after expiry',
      { findingsArchive: { expirationDays: 90, transitionToColderStorageAfterDays: 120 } },
      'findingsArchive.transitionToColderStorageAfterDays (120 days) must be shorter than findingsArchive.expirationDays (90 days). Lower it, or remove it',
    ],
    [
      'an unknown storage class',
      { findingsArchive: { transitionToColderStorageAfterDays: 30, colderStorageClass: 'COLD' } },
      'findingsArchive.colderStorageClass is "COLD"; use one of "STANDARD_IA"',
    ],
    [
      'auto-delete without DESTROY',
      { findingsArchive: { autoDeleteObjects: true } },
      'findingsArchive.autoDeleteObjects is true but findingsArchive.removalPolicy is not DESTROY: only a bucket that is deleted can be emptied. Set findingsArchive.removalPolicy to DESTROY as well',
    ],
    [
      'a lower-case removal policy',
      { findingsArchive: { removalPolicy: 'destroy' } },
      'findingsArchive.removalPolicy is "destroy"; use one of "RETAIN", "DESTROY".',
    ],
    [
      'an unknown language',
      { alerts: { language: 'fr' } },
      'alerts.language is "fr"; use one of "en", "ja".',
    ],
    [
      'too many retries',
      { alerts: { retryAttempts: 500 } },
      'alerts.retryAttempts is 500: it must be <= 185. Give a whole number from 0 to 185.',
    ],
    [
      'a reserved tag key',
      { tags: { 'aws:owner': 'me' } },
      'tags has the key "aws:owner", which is not allowed.',
    ],
    ['a non-string tag value', { tags: { Owner: 1 } }, 'tags.Owner is 1, but must be of type string.'],
    ['an invalid stack name', { stackName: 'my stack' }, 'stackName is "my stack": it must match pattern'],
    [
      'Standard-IA before 30 days',
      { findingsArchive: { transitionToColderStorageAfterDays: 7, colderStorageClass: 'STANDARD_IA' } },
      'findingsArchive.transitionToColderStorageAfterDays is 7 days, but S3 moves objects to STANDARD_IA only after at least 30 days. Use 30 or more',
    ],
    [
      'archive settings without an export',
      { findingsArchive: { exportFindings: false, expirationDays: 30 } },
      'findingsArchive.expirationDays is set but findingsArchive.exportFindings is false, so no archive is created and its settings would be ignored. Remove findingsArchive.expirationDays, or remove findingsArchive.exportFindings.',
    ],
    [
      'routes next to the default-route fields',
      {
        alerts: {
          notificationEmails: ['a@example.com'],
          routes: [{ name: 'r', channels: ['m'] }],
          channels: { m: { type: 'email' } },
        },
      },
      'alerts.routes is set together with alerts.notificationEmails, which only describe the default route and would be ignored.',
    ],
    [
      'channels without routes',
      { alerts: { channels: { m: { type: 'email' } } } },
      'alerts.channels is set without alerts.routes',
    ],
    [
      'a route naming an unknown channel',
      { alerts: { channels: { m: { type: 'email' } }, routes: [{ name: 'r', channels: ['m', 'slack'] }] } },
      'alerts.routes[0].channels names "slack", which is not in alerts.channels. Known channels: m.',
    ],
    [
      'a channel no route uses',
      {
        alerts: {
          channels: { m: { type: 'email' }, n: { type: 'email' } },
          routes: [{ name: 'r', channels: ['m'] }],
        },
      },
      'alerts.channels.n is used by no route.',
    ],
    [
      'a Slack channel without its IDs',
      { alerts: { channels: { s: { type: 'slack' } }, routes: [{ name: 'r', channels: ['s'] }] } },
      'alerts.channels.s.slackWorkspaceId is missing: a slack channel needs it.',
    ],
    [
      'a field of another channel type',
      {
        alerts: {
          channels: { m: { type: 'email', topicArn: 'arn:aws:sns:us-east-1:111122223333:t' } },
          routes: [{ name: 'r', channels: ['m'] }],
        },
      },
      'alerts.channels.m.topicArn does not apply to an email channel.',
    ],
    [
      'a webhook with two secrets',
      {
        alerts: {
          channels: {
            h: {
              type: 'webhook',
              format: 'json',
              endpointSecretName: 'a',
              endpointSecretArn: 'arn:aws:secretsmanager:us-east-1:111122223333:secret:a-AbCdEf',
            },
          },
          routes: [{ name: 'r', channels: ['h'] }],
        },
      },
      'alerts.channels.h needs exactly one of endpointSecretArn and endpointSecretName',
    ],
    [
      'a Teams channel ID that is not URL-encoded',
      {
        alerts: {
          channels: {
            t: {
              type: 'teams',
              teamId: '11111111-2222-3333-4444-555555555555',
              tenantId: '11111111-2222-3333-4444-555555555555',
              teamsChannelId: '19:abc@thread.tacv2',
            },
          },
          routes: [{ name: 'r', channels: ['t'] }],
        },
      },
      'alerts.channels.t.teamsChannelId is "19:abc@thread.tacv2": it must match pattern',
    ],
    [
      'an unknown channel type',
      { alerts: { channels: { x: { type: 'pager' } }, routes: [{ name: 'r', channels: ['x'] }] } },
      'alerts.channels.x.type is "pager"; use one of "email", "slack", "teams", "webhook", "sns".',
    ],
    [
      'a route severity with minimum and from',
      {
        alerts: {
          channels: { m: { type: 'email' } },
          routes: [{ name: 'r', channels: ['m'], severity: { minimum: 7, from: 'HIGH' } }],
        },
      },
      'alerts.routes[0].severity has minimum together with from/to.',
    ],
    [
      'a reversed route severity',
      {
        alerts: {
          channels: { m: { type: 'email' } },
          routes: [{ name: 'r', channels: ['m'], severity: { from: 'HIGH', to: 'LOW' } }],
        },
      },
      'alerts.routes[0].severity: severity range from HIGH to LOW is empty: HIGH is above LOW. Swap them.',
    ],
    [
      'a route with six channels',
      {
        alerts: {
          channels: Object.fromEntries([1, 2, 3, 4, 5, 6].map((i) => [`m${i}`, { type: 'email' }])),
          routes: [{ name: 'r', channels: ['m1', 'm2', 'm3', 'm4', 'm5', 'm6'] }],
        },
      },
      'alerts.routes[0].channels is ["m1","m2","m3","m4","m5","m6"]: it must NOT have more than 5 items',
    ],
    [
      'include prefixes next to exclusions',
      {
        alerts: {
          channels: { m: { type: 'email' } },
          routes: [
            {
              name: 'r',
              channels: ['m'],
              findingTypes: ['Recon:*'],
              excludeFindingTypes: ['Recon:EC2/Portscan'],
            },
          ],
        },
      },
      'alerts.routes[0] has a prefix in findingTypes and also excludeFindingTypes',
    ],
    [
      'a suppression rule on an unknown field',
      {
        suppressionRules: [
          { name: 'scanner', criteria: { 'service.remoteIp': { equals: ['198.51.100.10'] } } },
        ],
      },
      'suppressionRules[0].criteria.service.remoteIp',
    ],
    [
      'a suppression rule with a short name',
      { suppressionRules: [{ name: 'ab', criteria: { type: { equals: ['Recon:EC2/Portscan'] } } }] },
      'suppressionRules[0].name',
    ],
    [
      'a suppression rule with a numeric operator on text',
      { suppressionRules: [{ name: 'abc', criteria: { type: { greaterThan: 3 } } }] },
      'suppressionRules[0].criteria.type compares "type" with greaterThan, but "type" is not a numeric field',
    ],
    [
      'a suppression operator that does not exist',
      { suppressionRules: [{ name: 'abc', criteria: { type: { eq: ['x'] } } }] },
      'suppressionRules[0].criteria.type.eq is not a known field',
    ],
    [
      'a suppression rule description with characters GuardDuty refuses',
      {
        suppressionRules: [
          { name: 'abc', description: "Scanner's probes, ignored", criteria: { type: { equals: ['x'] } } },
        ],
      },
      `suppressionRules[0].description "Scanner's probes, ignored" contains "'", ",", which GuardDuty does not accept`,
    ],
    [
      'more than 100 suppression rules, the GuardDuty filters of a detector',
      {
        suppressionRules: Array.from({ length: 101 }, (_, i) => ({
          name: `ignore-instance-${i}`,
          criteria: { 'resource.instanceDetails.instanceId': { equals: [`i-${i}`] } },
        })),
      },
      'suppressionRules has 101 rules; GuardDuty allows at most 100 filters',
    ],
    [
      'a suppression criterion whose equals and notEquals list the same value',
      {
        suppressionRules: [
          { name: 'abc', criteria: { region: { equals: ['us-east-1'], notEquals: ['us-east-1'] } } },
        ],
      },
      'suppressionRules[0].criteria.region ("region") can never match: equals and notEquals both list "us-east-1"',
    ],
    [
      'a suppression criterion that repeats a value',
      { suppressionRules: [{ name: 'abc', criteria: { region: { equals: ['us-east-1', 'us-east-1'] } } }] },
      'suppressionRules[0].criteria.region.equals lists "us-east-1" more than once',
    ],
    [
      'an SNS topic in another Region',
      {
        env: { region: 'ap-northeast-1' },
        alerts: {
          channels: { p: { type: 'sns', topicArn: 'arn:aws:sns:us-east-1:111122223333:pager' } },
          routes: [{ name: 'r', channels: ['p'] }],
        },
      },
      'alerts.channels.p.topicArn is in us-east-1, but the stack is in ap-northeast-1: EventBridge rules deliver only to targets in their own Region',
    ],
    [
      'a language on a JSON webhook',
      {
        alerts: {
          channels: { h: { type: 'webhook', format: 'json', endpointSecretName: 'h', language: 'ja' } },
          routes: [{ name: 'r', channels: ['h'] }],
        },
      },
      'alerts.channels.h.language has no effect on a json webhook',
    ],
    [
      'a home Region missing from regions',
      { regions: ['us-east-1', 'eu-west-1'], homeRegion: 'ap-northeast-1' },
      'homeRegion "ap-northeast-1" is not in regions (us-east-1, eu-west-1).',
    ],
    [
      'several regions without a home Region',
      { regions: ['us-east-1', 'eu-west-1'] },
      'homeRegion is missing: with 2 regions, say which one holds the archive and the routes',
    ],
    [
      'an unknown Region in regions',
      { regions: ['us-east-1', 'us-middle-1'], homeRegion: 'us-east-1' },
      'regions[1] is "us-middle-1", which is not an AWS Region.',
    ],
    [
      'an export from a commercial Region into an opt-in home Region',
      { regions: ['ap-east-1', 'us-east-1'], homeRegion: 'ap-east-1' },
      'regions: findings from the commercial Region us-east-1 cannot be exported to the opt-in Region ap-east-1.',
    ],
    [
      'an export across partitions',
      { regions: ['us-east-1', 'cn-north-1'], homeRegion: 'us-east-1' },
      'regions: cn-north-1 (aws-cn) and us-east-1 (aws) are in different partitions.',
    ],
    [
      'env.region next to regions',
      { env: { region: 'us-east-1' }, regions: ['us-east-1'] },
      'env.region is set together with regions.',
    ],
    [
      'homeStackName without regions',
      { stackName: 'GuardDuty', homeStackName: 'GuardDuty-ap-northeast-1' },
      'homeStackName is "GuardDuty-ap-northeast-1" but regions is not set, so the only stack is named by stackName. Set stackName instead, or remove homeStackName.',
    ],
    [
      "homeStackName taking another Region's stack name",
      {
        stackName: 'GuardDuty',
        homeStackName: 'GuardDuty-us-east-1',
        regions: ['ap-northeast-1', 'us-east-1'],
        homeRegion: 'ap-northeast-1',
      },
      'homeStackName is "GuardDuty-us-east-1", which is also the name of another stack of the app (GuardDuty-us-east-1). Choose another name: to keep a home stack deployed by an earlier version, use "GuardDuty-ap-northeast-1".',
    ],
    [
      "homeStackName taking the management stack's name",
      {
        homeStackName: 'GuardDutyThreatDetection-OrganizationManagement',
        regions: ['us-east-1'],
        organization: { administratorAccountId: '111122223333' },
      },
      'homeStackName is "GuardDutyThreatDetection-OrganizationManagement", which is also the name of another stack of the app (GuardDutyThreatDetection-OrganizationManagement).',
    ],
    [
      'an invalid homeStackName',
      { homeStackName: '1-stack', regions: ['us-east-1'] },
      'homeStackName is "1-stack": it must match pattern',
    ],
    [
      'an existing detector ID for several Regions',
      { regions: ['us-east-1', 'eu-west-1'], homeRegion: 'us-east-1', existingDetectorId: 'a'.repeat(32) },
      'existingDetectorId names one detector, but regions lists several Regions',
    ],
    [
      'an organization without an administrator account',
      { regions: ['us-east-1'], organization: { autoEnableMembers: 'ALL' } },
      'organization.administratorAccountId is missing: organization needs it. Give the 12-digit account ID as a string.',
    ],
    [
      'an organization without Regions',
      { organization: { administratorAccountId: '111122223333' } },
      'organization needs to know the Regions to designate the administrator in',
    ],
    [
      'Region stacks outside the administrator account',
      {
        env: { account: '444455556666' },
        regions: ['us-east-1'],
        organization: { administratorAccountId: '111122223333' },
      },
      'env.account 444455556666 is not organization.administratorAccountId 111122223333',
    ],
    [
      'an unknown auto-enable mode',
      {
        regions: ['us-east-1'],
        organization: { administratorAccountId: '111122223333', autoEnableMembers: 'SOME' },
      },
      'organization.autoEnableMembers is "SOME"; use one of "ALL", "NEW", "NONE".',
    ],
    [
      'an organization that creates the administrator detector',
      {
        regions: ['us-east-1'],
        adoptExistingDetector: false,
        organization: { administratorAccountId: '111122223333' },
      },
      'adoptExistingDetector is false in organization mode, but designating the delegated administrator turns GuardDuty on in its account',
    ],
    ['a configuration that is not an object', [], '(top level) is [], but must be of type object.'],
    [
      "a route whose event pattern is over EventBridge's size quota",
      {
        alerts: {
          channels: { m: { type: 'email' } },
          routes: [
            {
              name: 'members',
              channels: ['m'],
              accountIds: Array.from({ length: 150 }, (_, i) => String(100000000000 + i)),
            },
          ],
        },
      },
      'alerts.routes[0] (route "members") has an event pattern of ',
    ],
    [
      'a webhook secret in another Region than the routes',
      {
        env: { region: 'ap-northeast-1' },
        alerts: {
          channels: {
            h: {
              type: 'webhook',
              format: 'json',
              endpointSecretArn: 'arn:aws:secretsmanager:us-west-2:111122223333:secret:hook-AbCdEf',
            },
          },
          routes: [{ name: 'r', channels: ['h'] }],
        },
      },
      'alerts.channels.h.endpointSecretArn is in us-west-2, but the stack is in ap-northeast-1: the webhook URL',
    ],
    [
      'a route severity level in lower case',
      {
        alerts: {
          channels: { soc: { type: 'email', addresses: ['soc@example.com'] } },
          routes: [{ name: 'soc', channels: ['soc'], severity: { from: 'high' } }],
        },
      },
      'alerts.routes[0].severity.from is "high"; use one of "LOW", "MEDIUM", "HIGH", "CRITICAL". The values are case-sensitive: write "HIGH".',
    ],
    [
      'an expiration beyond the S3 API Integer',
      { findingsArchive: { expirationDays: 1e12 } },
      'findingsArchive.expirationDays is 1000000000000: it must be <= 2147483647. Give a whole number of days, 1 or more and at most 2147483647',
    ],
    [
      'a transition beyond the S3 API Integer',
      { findingsArchive: { transitionToColderStorageAfterDays: 2147483648 } },
      'findingsArchive.transitionToColderStorageAfterDays is 2147483648: it must be <= 2147483647.',
    ],
    [
      'a noncurrent-version expiration beyond the S3 API Integer',
      { findingsArchive: { noncurrentVersionExpirationDays: 2147483648 } },
      'findingsArchive.noncurrentVersionExpirationDays is 2147483648: it must be <= 2147483647. Give a whole number of days, 1 or more and at most 2147483647.',
    ],
  ];

  it('has at least 15 bad configurations under test', () => {
    expect(bad.length).toBeGreaterThanOrEqual(15);
  });

  it.each(bad)('rejects %s', (_name, data, message) => {
    const problems = problemsOf(data);
    expect(
      problems.some((p) => p.includes(message)),
      `${JSON.stringify(problems)} should include ${message}`,
    ).toBe(true);
  });

  it('reports a route severity in another case once, without a stack trace', () => {
    const problems = problemsOf({
      alerts: {
        channels: { soc: { type: 'email', addresses: ['soc@example.com'] } },
        routes: [{ name: 'soc', channels: ['soc'], severity: { from: 'HIGH', to: 'Critical' } }],
      },
    });
    expect(problems).toEqual([
      'alerts.routes[0].severity.to is "Critical"; use one of "LOW", "MEDIUM", "HIGH", "CRITICAL". The values are case-sensitive: write "CRITICAL".',
    ]);
  });

  it('shortens a long value to 200 characters with its length, once per problem', () => {
    const problems = problemsOf({ regions: 'x'.repeat(60_000) });
    expect(problems).toEqual([
      `regions is "${'x'.repeat(199)}… (60002 characters), but must be of type array. List Region codes such as "ap-northeast-1", each once, the home Region among them.`,
    ]);
    expect(problemsOf({ tags: Array(20_000).fill(1) })[0]).toMatch(
      /^tags is \[1,1,.{190,}… \(40001 characters\), but/,
    );
  });

  it('reports every problem of a file at once', () => {
    expect(
      problemsOf({ env: { region: 'mars-1' }, alerts: { minimumSeverity: 12, language: 'fr' } }),
    ).toHaveLength(3);
  });

  describe('loading a file', () => {
    const write = (text: string) => {
      const file = path.join(fs.mkdtempSync(path.join(os.tmpdir(), 'gd-config-')), 'config.json');
      fs.writeFileSync(file, text);
      return file;
    };

    it('takes e-mail addresses from -c notificationEmails=...', () => {
      const config = loadConfig(write('{"alerts":{"minimumSeverity":9}}'), {
        notificationEmails: 'a@example.com, b@example.com',
      });
      expect(config.alerts).toEqual({
        minimumSeverity: 9,
        notificationEmails: ['a@example.com', 'b@example.com'],
      });
    });

    it('checks addresses given on the command line too', () => {
      expect(() => loadConfig(write('{}'), { notificationEmails: 'a@example.com,nobody' })).toThrow(
        'alerts.notificationEmails[1] is "nobody", which is not a valid email.',
      );
    });

    it('names a file that cannot be read', () => {
      expect(() => loadConfig('/nonexistent/guardduty.config.json')).toThrow(
        /the file cannot be read. Check the path given with -c config=PATH/,
      );
    });

    it('reads a file that starts with a UTF-8 byte-order mark', () => {
      expect(loadConfig(write('\uFEFF{"alerts":{"minimumSeverity":9}}')).alerts).toEqual({
        minimumSeverity: 9,
      });
    });

    it('shows a number JSON reads as infinite as written', () => {
      let problems: string[] = [];
      try {
        loadConfig(write('{"findingsArchive":{"expirationDays":1e999},"alerts":{"minimumSeverity":-1E400}}'));
      } catch (e) {
        problems = (e as ConfigError).problems;
      }
      expect(problems).toEqual([
        'findingsArchive.expirationDays is 1e999, which is not a finite number: JSON reads a number this large as infinity. Give a whole number of days, 1 or more and at most 2147483647 (366 keeps a year and a day).',
        'alerts.minimumSeverity is -1E400, which is not a finite number: JSON reads a number this large as infinity. Give a number from 1 to 10, e.g. 7 for High and Critical.',
      ]);
    });

    it('finds infinite numbers outside strings only', () => {
      const text = '{"a":"1e999 \\" 2e999","b":[1,-3e999]}';
      expect(infiniteNumbersAsWritten(text, JSON.parse(text))).toEqual(new Map([['/b/1', '-3e999']]));
    });

    it('refuses an empty -c notificationEmails= rather than removing every subscription', () => {
      expect(() => loadConfig(write('{}'), { notificationEmails: ' , ' })).toThrow(
        '-c notificationEmails is " , ", which names no address. Give addresses separated by commas (-c notificationEmails=a@example.com,b@example.com), or drop the option',
      );
      expect(() => loadConfig(write('{}'), { notificationEmails: '' })).toThrow('which names no address');
    });

    it('names a file that is not JSON', () => {
      expect(() => loadConfig(write('{ "alerts": '))).toThrow(/the file is not valid JSON/);
    });
  });
});
