import * as fs from 'node:fs';
import * as path from 'node:path';
import { Match, Template } from 'aws-cdk-lib/assertions';
import { beforeAll, describe, expect, it } from 'vitest';
import { buildApp, type BuiltApp } from '../../app/build-app';
import { loadConfig } from '../../app/config/load-config';
import { GUARDDUTY_DEFAULT_REGIONS } from '../../packages/construct-library/src/regions/region-facts';
import { checkedApp, checkedTemplate } from '../helpers/checked-app';
import { providerRequestsOf } from '../helpers/provider-requests';
import { statementsOf } from '../helpers/template-values';

const ROOT = path.join(__dirname, '..', '..');

const built = new Map<string, { built: BuiltApp; templates: Map<string, Template> }>();

/**
 * An example configuration built with every check on (buildApp adds the cdk-nag packs; the harness fails on any
 * finding), and every stack's template by stack name; built once per file, as several tests read the same example.
 */
function build(file: string): { built: BuiltApp; templates: Map<string, Template> } {
  let result = built.get(file);
  if (!result) {
    const app = buildApp(checkedApp({ nag: false }), loadConfig(path.join(ROOT, 'examples', file)));
    result = { built: app, templates: new Map(app.stacks.map((s) => [s.stackName, checkedTemplate(s)])) };
    built.set(file, result);
  }
  return result;
}

describe('every committed example configuration', () => {
  const examples = fs.readdirSync(path.join(ROOT, 'examples')).filter((f) => f.endsWith('.config.json'));

  it('exist', () => {
    expect(examples.length).toBeGreaterThan(0);
  });

  it.each(examples)('%s synthesizes with every check passing', (file) => {
    const { built: app, templates } = build(file);
    const config = loadConfig(path.join(ROOT, 'examples', file));
    const adopts = config.adoptExistingDetector ?? config.organization !== undefined;
    expect(templates.size).toBe(app.stacks.length);
    // Only custom resources (adopt mode, Regions, organization) bring the provider function.
    if (!adopts && !config.regions) {
      for (const template of templates.values()) template.resourceCountIs('AWS::Lambda::Function', 0);
    }
  });
});

const homeBus = (region: string) => ({
  'Fn::Join': [
    '',
    [
      'arn:',
      { Ref: 'AWS::Partition' },
      `:events:${region}:`,
      { Ref: 'AWS::AccountId' },
      ':event-bus/default',
    ],
  ],
});
const anyDetector = (region: string, account: unknown = { Ref: 'AWS::AccountId' }) => ({
  'Fn::Join': [
    '',
    typeof account === 'string'
      ? ['arn:', { Ref: 'AWS::Partition' }, `:guardduty:${region}:${account}:detector/*`]
      : ['arn:', { Ref: 'AWS::Partition' }, `:guardduty:${region}:`, account, ':detector/*'],
  ],
});
const createsDetector = (template: Template) =>
  providerRequestsOf(template).filter((r) => r.action === 'AdoptDetector').length;

describe('every commercial Region GuardDuty supports (examples/all-regions.config.json)', () => {
  let app: ReturnType<typeof build>;
  const HOME = 'GuardDutyAllRegions';
  beforeAll(() => {
    app = build('all-regions.config.json');
  });

  it('has one stack per Region, each in its Region, all passing cdk-nag and CloudFormation Validate', () => {
    expect(GUARDDUTY_DEFAULT_REGIONS.length).toBeGreaterThanOrEqual(17);
    expect(app.built.stacks.map((s) => s.region).sort()).toEqual([...GUARDDUTY_DEFAULT_REGIONS].sort());
    expect(app.built.home.stackName).toBe(HOME);
    expect(app.built.members).toHaveLength(16);
    expect(app.templates.size).toBe(17);
  });

  it('deploys the home stack first, so that one cdk deploy --all succeeds', () => {
    for (const member of app.built.members) {
      expect(member.dependencies.map((d) => (d as { stackName: string }).stackName)).toEqual([HOME]);
    }
  });

  it('adopts the detector of every Region at deploy time instead of creating it with CloudFormation', () => {
    for (const template of app.templates.values()) {
      template.resourceCountIs('AWS::GuardDuty::Detector', 0);
      expect(createsDetector(template)).toBe(1);
    }
  });

  it('admits the detector of every other Region into the home archive, under the global principal', () => {
    const home = app.templates.get(HOME)!;
    const put = statementsOf(home, 'AWS::S3::BucketPolicy', {
      Bucket: Match.anyValue(),
      PolicyDocument: Match.objectLike({
        Statement: Match.arrayWith([Match.objectLike({ Sid: 'AllowGuardDutyPutObject' })]),
      }),
    }).find((s) => s.Sid === 'AllowGuardDutyPutObject')!;
    expect(put.Principal).toEqual({ Service: 'guardduty.amazonaws.com' });
    const arns = (put.Condition as { ArnLike: { 'aws:SourceArn': unknown[] } }).ArnLike['aws:SourceArn'];
    expect(arns).toHaveLength(17);
    for (const member of app.built.members) expect(arns).toContainEqual(anyDetector(member.region));
    expect(
      statementsOf(home, 'AWS::KMS::Key', { Description: 'Encrypts the GuardDuty findings exported to S3' }),
    ).toContainEqual(
      expect.objectContaining({
        Sid: 'AllowGuardDutyGenerateDataKey',
        Condition: expect.objectContaining({ ArnLike: { 'aws:SourceArn': arns } }),
      }),
    );
  });

  it('publishes where the archive is for the other Regions, and alerts when one cannot forward', () => {
    const home = app.templates.get(HOME)!;
    home.hasResourceProperties('AWS::SSM::Parameter', {
      Name: '/cdk-guardduty-threat-detection/GuardDutyAllRegions/findings-archive',
      Type: 'String',
    });
    home.hasResourceProperties('AWS::Events::Rule', {
      EventPattern: {
        source: ['aws.cloudwatch'],
        'detail-type': ['CloudWatch Alarm State Change'],
        region: app.built.members.map((m) => m.region),
        // The forwarders' alarms only, by the start of their description, which each forwarder's alarm carries.
        detail: {
          state: { value: ['ALARM'] },
          configuration: {
            description: [{ prefix: 'GuardDuty findings could not be forwarded to ap-northeast-1' }],
          },
        },
      },
    });
    for (const member of app.built.members) {
      app.templates.get(member.stackName)!.hasResourceProperties('AWS::CloudWatch::Alarm', {
        AlarmDescription: Match.stringLikeRegexp(
          '^GuardDuty findings could not be forwarded to ap-northeast-1 ',
        ),
      });
    }
  });

  it('forwards every finding of each other Region to the home bus, and exports into the home archive', () => {
    for (const member of app.built.members) {
      const template = app.templates.get(member.stackName)!;
      template.hasResourceProperties('AWS::Events::Rule', {
        EventPattern: { source: ['aws.guardduty'], 'detail-type': ['GuardDuty Finding'] },
        Targets: [Match.objectLike({ Arn: homeBus('ap-northeast-1'), RoleArn: Match.anyValue() })],
      });
      expect(providerRequestsOf(template).filter((r) => r.action === 'ReadParameter')).toEqual([
        expect.objectContaining({ type: 'Custom::GuardDutyArchiveLookup', region: 'ap-northeast-1' }),
      ]);
      template.resourceCountIs('AWS::GuardDuty::PublishingDestination', 1);
      // The routes and channels live in the home Region only.
      template.resourceCountIs('AWS::SNS::Topic', 0);
      template.resourceCountIs('AWS::S3::Bucket', 0);
    }
  });
});

describe('an organization across four Regions with an opt-in Region (examples/organization.config.json)', () => {
  let app: ReturnType<typeof build>;
  beforeAll(() => {
    app = build('organization.config.json');
  });

  it('adds the management stack, deployed first, in the management account', () => {
    const management = app.built.management!;
    expect(management.stackName).toBe('GuardDutyOrganization-OrganizationManagement');
    expect(management.account).toBe('999988887777');
    expect(app.built.stacks[0]).toBe(management);
    for (const stack of [app.built.home, ...app.built.members]) {
      expect(stack.account).toBe('111122223333');
      expect(stack.dependencies).toContain(management);
    }
  });

  it('designates the administrator in every configured Region', () => {
    const management = app.templates.get('GuardDutyOrganization-OrganizationManagement')!;
    const requests = providerRequestsOf(management);
    expect(requests.map((c) => [c.action, c.region, c.request.AdminAccountId])).toEqual(
      ['ap-northeast-1', 'ap-northeast-3', 'us-east-1', 'ap-east-1'].map((r) => [
        'DelegatedAdministrator',
        r,
        '111122223333',
      ]),
    );
  });

  it('sets auto-enable for all members with every feature explicit, in every Region stack', () => {
    for (const stack of [app.built.home, ...app.built.members]) {
      const template = app.templates.get(stack.stackName)!;
      const update = providerRequestsOf(template).find((c) => c.action === 'OrganizationConfiguration')!
        .request as Record<string, unknown> & { Features: { Name: string; AutoEnable: string }[] };
      expect(update.AutoEnableOrganizationMembers).toBe('ALL');
      expect(
        update.Features.map((f: { Name: string; AutoEnable: string }) => `${f.Name}=${f.AutoEnable}`),
      ).toEqual([
        'S3_DATA_EVENTS=ALL',
        'EKS_AUDIT_LOGS=ALL',
        'EBS_MALWARE_PROTECTION=ALL',
        'RDS_LOGIN_EVENTS=ALL',
        'LAMBDA_NETWORK_LOGS=ALL',
        'RUNTIME_MONITORING=ALL',
        'AI_PROTECTION=NONE',
      ]);
      // The administrator's own detector is adopted: designation may already have turned GuardDuty on there.
      expect(createsDetector(template)).toBe(1);
    }
  });

  it('admits the opt-in Region with its Region-specific principal', () => {
    const home = app.templates.get('GuardDutyOrganization')!;
    const statements = statementsOf(home, 'AWS::S3::BucketPolicy', {
      Bucket: Match.anyValue(),
      PolicyDocument: Match.objectLike({
        Statement: Match.arrayWith([Match.objectLike({ Sid: 'AllowGuardDutyPutObject' })]),
      }),
    });
    expect(statements.find((s) => s.Sid === 'AllowGuardDutyPutObjectApEast1')).toMatchObject({
      Principal: { Service: 'guardduty.ap-east-1.amazonaws.com' },
      Condition: { ArnLike: { 'aws:SourceArn': [anyDetector('ap-east-1', '111122223333')] } },
    });
  });
});

describe('every delivery path of every app shape', () => {
  const shapes = [
    'guardduty.config.json',
    ...fs.readdirSync(path.join(ROOT, 'examples')).filter((f) => f.endsWith('.config.json')),
  ];
  /** The default configuration at the root, an example under examples/. */
  const templatesOf = (file: string) =>
    file === 'guardduty.config.json'
      ? new Map(
          buildApp(checkedApp({ nag: false }), loadConfig(path.join(ROOT, file))).stacks.map((s) => [
            s.stackName,
            checkedTemplate(s),
          ]),
        )
      : build(file).templates;

  it.each(shapes)(
    '%s: each target of each rule retries, has a dead-letter queue, and the queue an alarm',
    (file) => {
      let targets = 0;
      for (const [stackName, template] of templatesOf(file)) {
        type GetAtt = { 'Fn::GetAtt': [string, string] };
        interface Target {
          Id: string;
          Arn: unknown;
          DeadLetterConfig?: { Arn?: GetAtt };
          RetryPolicy?: unknown;
        }
        interface Resource {
          Type: string;
          Properties: {
            Namespace?: string;
            Dimensions?: { Name: string; Value: GetAtt }[];
            Targets?: Target[];
          };
        }
        const resources = template.toJSON().Resources as Record<string, Resource>;
        const alarmedQueues = new Set(
          Object.values(resources)
            .filter((r) => r.Type === 'AWS::CloudWatch::Alarm' && r.Properties.Namespace === 'AWS/SQS')
            .flatMap((r) => r.Properties.Dimensions ?? [])
            .filter((d) => d.Name === 'QueueName')
            .map((d) => d.Value['Fn::GetAtt'][0]),
        );
        for (const [ruleId, rule] of Object.entries(resources).filter(
          ([, r]) => r.Type === 'AWS::Events::Rule',
        )) {
          for (const target of rule.Properties.Targets ?? []) {
            targets++;
            const where = `${stackName}/${ruleId}/${target.Id}`;
            const queue = target.DeadLetterConfig?.Arn?.['Fn::GetAtt']?.[0] ?? '';
            expect(queue, `${where} has no dead-letter queue`).not.toBe('');
            expect(resources[queue]?.Type, where).toBe('AWS::SQS::Queue');
            expect(alarmedQueues.has(queue), `${where}: no alarm on its dead-letter queue ${queue}`).toBe(
              true,
            );
            // An event bus target keeps EventBridge's own retry policy for buses (24 hours, 185 attempts);
            // every other target states its own.
            const toBus = JSON.stringify(target.Arn).includes(':event-bus/');
            if (!toBus) expect(target.RetryPolicy, `${where} has no retry policy`).toBeDefined();
          }
        }
      }
      expect(targets).toBeGreaterThan(0);
    },
  );

  it('the default configuration has no Lambda function at all', () => {
    for (const template of templatesOf('guardduty.config.json').values()) {
      template.resourceCountIs('AWS::Lambda::Function', 0);
    }
  });
});
