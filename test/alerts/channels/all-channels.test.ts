import { CfnResource, Stack } from 'aws-cdk-lib';
import { Annotations, Match, Template } from 'aws-cdk-lib/assertions';
import * as kms from 'aws-cdk-lib/aws-kms';
import * as secretsmanager from 'aws-cdk-lib/aws-secretsmanager';
import * as sns from 'aws-cdk-lib/aws-sns';
import { beforeAll, describe, expect, it } from 'vitest';
import {
  EmailChannel,
  FindingAlerts,
  FindingSeverity,
  MessageLanguage,
  MicrosoftTeamsChannel,
  SeverityLabel,
  SeverityRange,
  SlackChannel,
  SnsTopicChannel,
  WebhookChannel,
  WebhookFormat,
} from '../../../packages/construct-library/src';
import { resolveCloudFormationValue } from '../../../cli/preview/cloudformation-values';
import { renderInputTransformer } from '../../../cli/preview/input-transformer-renderer';
import { checkedStack, checkedTemplate } from '../../helpers/checked-app';
import { loadSamples } from '../../helpers/samples';
import { onlyLogicalId, statementsOf } from '../../helpers/template-values';

/** One FindingAlerts with every channel type, two routes sharing the e-mail channel. */
function buildAll() {
  const stack = checkedStack();
  const secret = secretsmanager.Secret.fromSecretNameV2(stack, 'WebhookUrl', 'guardduty/webhooks');
  const pagerKey = new kms.Key(stack, 'PagerKey', { enableKeyRotation: true });
  const pager = new sns.Topic(stack, 'Pager', { masterKey: pagerKey, enforceSSL: true });
  const soc = new EmailChannel({
    name: 'soc',
    addresses: ['soc@example.com'],
    language: MessageLanguage.JAPANESE,
  });
  const alerts = new FindingAlerts(stack, 'Alerts', {
    routes: [
      {
        name: 'critical',
        severity: SeverityRange.atLeast(FindingSeverity.CRITICAL),
        channels: [
          soc,
          new SlackChannel({ name: 'slack', slackWorkspaceId: 'T0123ABCD', slackChannelId: 'C0123ABCD' }),
          new MicrosoftTeamsChannel({
            name: 'teams',
            teamId: '11111111-2222-3333-4444-555555555555',
            teamsChannelId: '19%3aabc%40thread.tacv2',
            tenantId: '66666666-7777-8888-9999-000000000000',
          }),
          new SnsTopicChannel({ name: 'pager', topic: pager }),
        ],
      },
      {
        name: 'medium',
        severity: SeverityRange.only(SeverityLabel.MEDIUM),
        excludeFindingTypes: ['Recon:*'],
        channels: [
          soc,
          new WebhookChannel({ name: 'slackHook', format: WebhookFormat.SLACK, endpointSecret: secret }),
          new WebhookChannel({
            name: 'teamsHook',
            format: WebhookFormat.MICROSOFT_TEAMS,
            endpointSecret: secret,
            endpointSecretField: 'teams',
          }),
          new WebhookChannel({
            name: 'siem',
            format: WebhookFormat.JSON,
            endpointSecret: secret,
            endpointSecretField: 'siem',
          }),
        ],
      },
    ],
  });
  const template = checkedTemplate(stack);
  const id = (construct: { node: { defaultChild?: unknown } }) =>
    stack.getLogicalId(construct.node.defaultChild as never);
  return { stack, alerts, template, id, pager, pagerKey };
}

describe('every channel type together', () => {
  let built: ReturnType<typeof buildAll>;
  let template: Template;
  let resources: Record<string, { Type: string; Properties: Record<string, unknown> }>;
  const targetsOf = (ruleIndex: number) =>
    resources[built.id(built.alerts.rules[ruleIndex])].Properties.Targets as Record<string, unknown>[];
  beforeAll(() => {
    built = buildAll();
    template = built.template;
    resources = template.toJSON().Resources;
  });

  it('passes cdk-nag and CloudFormation Validate, and has no Lambda function', () => {
    template.resourceCountIs('AWS::Lambda::Function', 0);
  });

  it('creates one rule per route and level, with a target per channel, each retried into the dead-letter queue', () => {
    expect(built.alerts.rules.map((r) => r.node.id)).toEqual(['criticalCritical', 'mediumMedium']);
    const queue = built.id(built.alerts.deadLetterQueue);
    for (const index of [0, 1]) {
      const targets = targetsOf(index);
      expect(targets).toHaveLength(4);
      for (const target of targets) {
        expect(target).toMatchObject({
          DeadLetterConfig: { Arn: { 'Fn::GetAtt': [queue, 'Arn'] } },
          RetryPolicy: { MaximumRetryAttempts: 185, MaximumEventAgeInSeconds: 86400 },
        });
      }
    }
  });

  it('records route and channels of every target for the preview', () => {
    expect(resources[built.id(built.alerts.rules[1])]).toMatchObject({
      Metadata: {
        'cdk-guardduty-threat-detection': {
          route: 'medium',
          severityLabel: 'MEDIUM',
          targets: {
            Target0: { channel: 'soc', type: 'email' },
            Target1: { channel: 'slackHook', type: 'webhook' },
            Target2: { channel: 'teamsHook', type: 'webhook' },
            Target3: { channel: 'siem', type: 'webhook' },
          },
        },
      },
    });
  });

  describe('e-mail', () => {
    it('binds a channel used by two routes once, and lets both rules publish', () => {
      template.resourceCountIs('AWS::SNS::Subscription', 1);
      const topic = built.id(built.alerts.alarmTopics[0].topic);
      const statement = statementsOf(template, 'AWS::SNS::TopicPolicy', { Topics: [{ Ref: topic }] }).find(
        (s) => s.Sid === 'AllowEventBridgeRules',
      );
      expect(statement?.Condition).toEqual({
        StringEquals: { 'aws:SourceAccount': { Ref: 'AWS::AccountId' } },
        ArnEquals: {
          'aws:SourceArn': built.alerts.rules.map((r) => ({ 'Fn::GetAtt': [built.id(r), 'Arn'] })),
        },
      });
    });

    it('writes Japanese text', () => {
      const target = targetsOf(0)[0] as {
        InputTransformer: { InputTemplate: { 'Fn::Join': [string, string[]] } };
      };
      expect(target.InputTransformer.InputTemplate['Fn::Join'][1][0]).toMatch(
        /^GuardDuty 検出結果: 重要度「重大」\(CRITICAL、<severity>\)/,
      );
    });
  });

  describe('chat (Amazon Q Developer)', () => {
    it('subscribes Slack and Teams configurations to their own topics, which receive the unmodified event', () => {
      const [, slack, teams] = targetsOf(0);
      for (const target of [slack, teams]) {
        expect(target.InputTransformer).toBeUndefined();
        expect(target.Input).toBeUndefined();
      }
      template.hasResourceProperties('AWS::Chatbot::SlackChannelConfiguration', {
        SlackWorkspaceId: 'T0123ABCD',
        SlackChannelId: 'C0123ABCD',
        SnsTopicArns: [slack.Arn],
        LoggingLevel: 'ERROR',
      });
      template.hasResourceProperties('AWS::Chatbot::MicrosoftTeamsChannelConfiguration', {
        TeamId: '11111111-2222-3333-4444-555555555555',
        TeamsChannelId: '19%3aabc%40thread.tacv2',
        TeamsTenantId: '66666666-7777-8888-9999-000000000000',
        SnsTopicArns: [teams.Arn],
      });
    });

    it('gives the channel role no permissions and the AWSDenyAll guardrail, never ReadOnlyAccess', () => {
      const denyAll = {
        'Fn::Join': ['', ['arn:', { Ref: 'AWS::Partition' }, ':iam::aws:policy/AWSDenyAll']],
      };
      for (const type of [
        'AWS::Chatbot::SlackChannelConfiguration',
        'AWS::Chatbot::MicrosoftTeamsChannelConfiguration',
      ]) {
        const config = Object.values(template.findResources(type))[0].Properties;
        expect(config.GuardrailPolicies).toEqual([denyAll]);
        const role = resources[config.IamRoleArn['Fn::GetAtt'][0]].Properties;
        expect(role).toEqual({
          AssumeRolePolicyDocument: {
            Statement: [
              { Action: 'sts:AssumeRole', Effect: 'Allow', Principal: { Service: 'chatbot.amazonaws.com' } },
            ],
            Version: '2012-10-17',
          },
          Description: expect.stringContaining('notifications only, no permissions'),
        });
      }
      expect(JSON.stringify(template.toJSON())).not.toContain('ReadOnlyAccess');
    });

    it('rejects a Teams channel ID that is not URL-encoded', () => {
      const channel = new MicrosoftTeamsChannel({
        name: 't',
        teamId: 'x',
        teamsChannelId: '19:abc@thread.tacv2',
        tenantId: 'y',
      });
      expect(
        () => new FindingAlerts(new Stack(), 'A', { routes: [{ name: 'r', channels: [channel] }] }),
      ).toThrow('teamsChannelId "19:abc@thread.tacv2" of channel "t" is not URL-encoded.');
    });
  });

  describe('webhooks', () => {
    it('take the endpoint from Secrets Manager as a dynamic reference, never in clear', () => {
      const endpoints = Object.values(template.findResources('AWS::Events::ApiDestination')).map((r) =>
        JSON.stringify(r.Properties.InvocationEndpoint),
      );
      expect(endpoints).toHaveLength(3);
      for (const endpoint of endpoints)
        expect(endpoint).toMatch(/^\{"Fn::Join":\["",\["\{\{resolve:secretsmanager:arn:/);
      expect(endpoints[1]).toContain(':secret:guardduty/webhooks:SecretString:teams::}}');
      expect(JSON.stringify(template.toJSON())).not.toMatch(/hooks\.slack\.com|https:\/\/[^"]*webhook/);
    });

    it('call each destination with a role that may invoke only that destination, without inline policies', () => {
      template.resourceCountIs('AWS::IAM::Policy', 0);
      const [, ...hooks] = targetsOf(1) as {
        Arn: { 'Fn::GetAtt': string[] };
        RoleArn: { 'Fn::GetAtt': string[] };
      }[];
      for (const hook of hooks) {
        const role = hook.RoleArn['Fn::GetAtt'][0];
        const policy = onlyLogicalId(template, 'AWS::IAM::ManagedPolicy', { Roles: [{ Ref: role }] });
        expect(resources[policy].Properties.PolicyDocument).toEqual({
          Statement: [{ Action: 'events:InvokeApiDestination', Effect: 'Allow', Resource: hook.Arn }],
          Version: '2012-10-17',
        });
      }
    });

    it('send a Slack, a Teams and a JSON body, naming the level', () => {
      const [, slack, teams, json] = targetsOf(1).map(
        (t) =>
          (t as { InputTransformer: { InputTemplate: { 'Fn::Join': [string, unknown[]] } } }).InputTransformer
            .InputTemplate['Fn::Join'][1][0] as string,
      );
      expect(slack).toMatch(
        /^\{"text":<title>,"blocks":\[\{"type":"header","text":\{"type":"plain_text","text":"GuardDuty finding: MEDIUM severity \(<severity>\)"\}\}/,
      );
      expect(teams).toMatch(
        /^\{"type":"message","attachments":\[\{"contentType":"application\/vnd.microsoft.card.adaptive"/,
      );
      expect(teams).toContain('"color":"Warning"');
      expect(json).toMatch(
        /^\{"source":"cdk-guardduty-threat-detection","severityLabel":"MEDIUM","severity":<severity>,"type":<type>,"title":<title>,"description":<description>/,
      );
    });
  });

  describe('existing SNS topic', () => {
    it('gets the unmodified event, a publish grant scoped to its rules, and use of its key', () => {
      const [, , , pager] = targetsOf(0);
      expect(pager).toMatchObject({ Arn: { Ref: built.id(built.pager) } });
      expect(pager.InputTransformer).toBeUndefined();
      const statement = statementsOf(template, 'AWS::SNS::TopicPolicy', {
        Topics: [{ Ref: built.id(built.pager) }],
      })[1];
      expect(statement).toEqual({
        Sid: expect.stringMatching(/^AllowGuardDutyAlerts[A-Za-z0-9]+$/),
        Effect: 'Allow',
        Principal: { Service: 'events.amazonaws.com' },
        Action: 'sns:Publish',
        Resource: { Ref: built.id(built.pager) },
        Condition: {
          ArnEquals: { 'aws:SourceArn': [{ 'Fn::GetAtt': [built.id(built.alerts.rules[0]), 'Arn'] }] },
        },
      });
      const keyStatements = statementsOf(template, 'AWS::KMS::Key', { Description: Match.absent() });
      expect(keyStatements).toContainEqual({
        Sid: 'AllowEventBridgeToUseTheKey',
        Effect: 'Allow',
        Principal: { Service: 'events.amazonaws.com' },
        Action: ['kms:Decrypt', 'kms:GenerateDataKey*'],
        Resource: '*',
      });
    });

    it('grants every rule in one statement, however many routes use the topic (SNS allows 100 statements)', () => {
      const stack = checkedStack('ManyRoutes');
      const topic = new sns.Topic(stack, 'Pager', {
        enforceSSL: true,
        masterKey: new kms.Key(stack, 'K', { enableKeyRotation: true }),
      });
      const channel = new SnsTopicChannel({ name: 'pd', topic });
      const alerts = new FindingAlerts(stack, 'Alerts', {
        routes: Array.from({ length: 30 }, (_, i) => ({
          name: `route${i}`,
          severity: SeverityRange.atLeast(FindingSeverity.LOW),
          accountIds: [String(100000000000 + i)],
          channels: [channel],
        })),
      });
      const t = checkedTemplate(stack);
      const statements = statementsOf(t, 'AWS::SNS::TopicPolicy').filter((st) => st.Effect === 'Allow');
      expect(alerts.rules).toHaveLength(120);
      expect(statements).toHaveLength(1);
      expect(statements[0].Condition).toEqual({
        ArnEquals: {
          'aws:SourceArn': alerts.rules.map((r) => ({
            'Fn::GetAtt': [stack.getLogicalId(r.node.defaultChild as CfnResource), 'Arn'],
          })),
        },
      });
    });

    it('warns that an imported topic needs the grants added by hand', () => {
      const stack = checkedStack('Imported');
      const topic = sns.Topic.fromTopicArn(stack, 'Ext', 'arn:aws:sns:us-east-1:111122223333:pagerduty');
      new FindingAlerts(stack, 'Alerts', {
        routes: [{ name: 'page', channels: [new SnsTopicChannel({ name: 'pd', topic })] }],
      });
      checkedTemplate(stack);
      Annotations.fromStack(stack).hasWarning(
        '/Imported/Alerts',
        Match.stringLikeRegexp('Allow events.amazonaws.com sns:Publish'),
      );
    });
  });

  describe('Regions', () => {
    const inTokyo = () => new Stack(undefined, 'Tokyo', { env: { region: 'ap-northeast-1' } });

    it('rejects an SNS topic in another Region than the stack', () => {
      const stack = inTokyo();
      const topic = sns.Topic.fromTopicArn(stack, 'Ext', 'arn:aws:sns:us-east-1:111122223333:pagerduty');
      expect(
        () =>
          new FindingAlerts(stack, 'Alerts', {
            routes: [{ name: 'page', channels: [new SnsTopicChannel({ name: 'pd', topic })] }],
          }),
      ).toThrow(
        'SnsTopicChannel "pd": topic is in us-east-1, but the stack is in ap-northeast-1: EventBridge rules deliver ' +
          'only to targets in their own Region',
      );
    });

    it('rejects a webhook secret in another Region than the stack', () => {
      const stack = inTokyo();
      const secret = secretsmanager.Secret.fromSecretCompleteArn(
        stack,
        'Url',
        'arn:aws:secretsmanager:us-west-2:111122223333:secret:hook-AbCdEf',
      );
      const hook = new WebhookChannel({ name: 'siem', format: WebhookFormat.JSON, endpointSecret: secret });
      expect(() => new FindingAlerts(stack, 'Alerts', { routes: [{ name: 'r', channels: [hook] }] })).toThrow(
        'WebhookChannel "siem": endpointSecret is in us-west-2, but the stack is in ap-northeast-1: the webhook URL ' +
          'reaches the API destination as a {{resolve:secretsmanager:...}} dynamic reference, which CloudFormation ' +
          "resolves in the stack's Region",
      );
    });

    it("accepts a topic and a secret of the stack's Region, and any Region in an environment-agnostic stack", () => {
      const stack = inTokyo();
      const topic = sns.Topic.fromTopicArn(stack, 'Ext', 'arn:aws:sns:ap-northeast-1:111122223333:pagerduty');
      const secret = secretsmanager.Secret.fromSecretCompleteArn(
        stack,
        'Url',
        'arn:aws:secretsmanager:ap-northeast-1:111122223333:secret:hook-AbCdEf',
      );
      const channels = [
        new SnsTopicChannel({ name: 'pd', topic }),
        new WebhookChannel({ name: 'siem', format: WebhookFormat.JSON, endpointSecret: secret }),
      ];
      expect(() => new FindingAlerts(stack, 'Alerts', { routes: [{ name: 'r', channels }] })).not.toThrow();
      const agnostic = new Stack();
      const far = sns.Topic.fromTopicArn(agnostic, 'Ext', 'arn:aws:sns:us-east-1:111122223333:pagerduty');
      expect(
        () =>
          new FindingAlerts(agnostic, 'Alerts', {
            routes: [{ name: 'r', channels: [new SnsTopicChannel({ name: 'pd', topic: far })] }],
          }),
      ).not.toThrow();
    });
  });

  it('alarms on undeliverable events to every alert topic it created', () => {
    const alarm = Object.values(template.findResources('AWS::CloudWatch::Alarm'))[0].Properties;
    expect(alarm.AlarmActions).toEqual(built.alerts.alarmTopics.map((t) => ({ Ref: built.id(t.topic) })));
    expect(built.alerts.alarmTopics.map((t) => t.node.id)).toEqual(['soc', 'slack', 'teams']);
  });
});

describe('console links', () => {
  /** Two routes sharing an e-mail and a JSON webhook channel; the second delivers archived findings too. */
  function linksOf(partition: string) {
    const stack = checkedStack(`Links${partition.replace(/-/g, '')}`);
    const secret = secretsmanager.Secret.fromSecretNameV2(stack, 'Url', 'hook');
    const mail = new EmailChannel({ name: 'mail' });
    const siem = new WebhookChannel({ name: 'siem', format: WebhookFormat.JSON, endpointSecret: secret });
    const slack = new WebhookChannel({ name: 'slack', format: WebhookFormat.SLACK, endpointSecret: secret });
    const teams = new WebhookChannel({
      name: 'teams',
      format: WebhookFormat.MICROSOFT_TEAMS,
      endpointSecret: secret,
    });
    const severity = SeverityRange.only(SeverityLabel.HIGH);
    const alerts = new FindingAlerts(stack, 'Alerts', {
      routes: [
        { name: 'current', severity, channels: [mail, siem, slack, teams] },
        {
          name: 'withArchived',
          severity,
          includeArchivedFindings: true,
          channels: [mail, siem, slack, teams],
        },
      ],
    });
    const template = checkedTemplate(stack).toJSON();
    const event = structuredClone(loadSamples()[0].event);
    Object.assign(event.detail, { region: 'eu-west-1', id: 'f0e1d2c3' });
    return alerts.rules.map((rule) => {
      const targets =
        template.Resources[stack.getLogicalId(rule.node.defaultChild as never)].Properties.Targets;
      const [mailText, json, slackBody, teamsBody] = targets.map((t: { InputTransformer: unknown }) => {
        const transformer = resolveCloudFormationValue(t.InputTransformer, {
          template,
          partition,
          region: 'eu-west-1',
          accountId: '111122223333',
        }) as { InputPathsMap: Record<string, string>; InputTemplate: string };
        return renderInputTransformer(transformer, event);
      });
      return {
        mail: (mailText as string).split('\n').at(-1),
        json: JSON.parse(json).consoleUrl,
        slack: JSON.parse(slackBody).blocks.at(-1).elements[0].url,
        teams: JSON.parse(teamsBody).attachments[0].content.actions[0].url,
      };
    });
  }

  it.each([
    ['aws', 'https://eu-west-1.console.aws.amazon.com'],
    ['aws-cn', 'https://console.amazonaws.cn'],
    ['aws-us-gov', 'https://console.amazonaws-us-gov.com'],
  ])(
    'open the finding in the %s console, in every channel, with the archived view for the route that delivers archived findings',
    (partition, host) => {
      const [current, withArchived] = linksOf(partition);
      const link = (macros: string) =>
        `${host}/guardduty/home?region=eu-west-1#/findings?macros=${macros}&fId=f0e1d2c3`;
      expect(current).toEqual({
        mail: link('current'),
        json: link('current'),
        slack: link('current'),
        teams: link('current'),
      });
      expect(withArchived).toEqual({
        mail: link('all'),
        json: link('all'),
        slack: link('all'),
        teams: link('all'),
      });
    },
  );
});

describe('webhook-only alerts', () => {
  it('keep the alarm, acknowledged as having no topic to notify', () => {
    const stack = checkedStack();
    const secret = secretsmanager.Secret.fromSecretNameV2(stack, 'Url', 'hook');
    new FindingAlerts(stack, 'Alerts', {
      routes: [
        {
          name: 'hook',
          channels: [new WebhookChannel({ name: 'h', format: WebhookFormat.JSON, endpointSecret: secret })],
        },
      ],
    });
    const template = checkedTemplate(stack);
    template.hasResourceProperties('AWS::CloudWatch::Alarm', { AlarmActions: Match.absent() });
  });

  it('warn that forwarding failures of other Regions cannot be alerted on', () => {
    const stack = checkedStack();
    const secret = secretsmanager.Secret.fromSecretNameV2(stack, 'Url', 'hook');
    const alerts = new FindingAlerts(stack, 'Alerts', {
      routes: [
        {
          name: 'hook',
          channels: [new WebhookChannel({ name: 'h', format: WebhookFormat.JSON, endpointSecret: secret })],
        },
      ],
    });
    expect(alerts.notifyOnForwardingFailures(['us-east-1'])).toBeUndefined();
    Annotations.fromStack(stack).hasWarning(
      '/Test/Alerts',
      Match.stringLikeRegexp('Forwarding failures of us-east-1 are not alerted on'),
    );
  });
});
