import { describe, expect, it } from 'vitest';
import { PreviewError, previewEvents, type PreviewStack, stacksOf } from '../../cli/preview/preview';
import { RouteMetadataFormat } from '../../packages/construct-library/src';

// Hand-made templates in the shape aws-cdk-lib synthesizes, with the routing metadata of the contract.

const HIGH_AND_ABOVE = {
  source: ['aws.guardduty'],
  'detail-type': ['GuardDuty Finding'],
  detail: { severity: [{ numeric: ['>=', 7] }] },
};

const TEXT_INPUT = {
  InputTransformer: {
    InputPathsMap: { severity: '$.detail.severity', title: '$.detail.title', type: '$.detail.type' },
    InputTemplate: 'GuardDuty finding (<severity>): <title>\nType: <type>',
  },
};

const JSON_INPUT = {
  InputTransformer: {
    InputPathsMap: { title: '$.detail.title', severity: '$.detail.severity' },
    InputTemplate: '{"text": "*<title>* (severity <severity>)"}',
  },
};

interface RuleOptions {
  pattern?: unknown;
  targets?: Record<string, unknown>[];
  metadata?: unknown;
  state?: unknown;
  bus?: unknown;
  name?: unknown;
}

function rule(options: RuleOptions = {}) {
  return {
    Type: 'AWS::Events::Rule',
    Properties: {
      ...(options.name !== undefined && { Name: options.name }),
      ...(options.bus !== undefined && { EventBusName: options.bus }),
      EventPattern: options.pattern ?? HIGH_AND_ABOVE,
      State: options.state ?? 'ENABLED',
      Targets: options.targets ?? [{ Arn: { Ref: 'Topic' }, Id: 'Target0', ...TEXT_INPUT }],
    },
    Metadata: {
      'aws:cdk:path': 'Stack/Rule/Resource',
      ...(options.metadata !== undefined && { [RouteMetadataFormat.KEY]: options.metadata }),
    },
  };
}

function stack(
  id: string,
  rules: Record<string, ReturnType<typeof rule>>,
  env: { region?: string; account?: string } = {},
  extra: Record<string, unknown> = {},
): PreviewStack {
  return {
    id,
    stackName: id,
    ...env,
    template: { Resources: { Topic: { Type: 'AWS::SNS::Topic' }, ...rules }, ...extra },
  };
}

function finding(overrides: { region?: string; severity?: number; title?: string; partition?: string } = {}) {
  return {
    version: '0',
    id: '5f1c8a2e-0d5b-4c9e-9a57-0e2d1b7c3a44',
    'detail-type': 'GuardDuty Finding',
    source: 'aws.guardduty',
    account: '111122223333',
    time: '2025-11-12T14:00:00Z',
    region: overrides.region ?? 'eu-central-1',
    resources: [],
    detail: {
      accountId: '111122223333',
      region: overrides.region ?? 'eu-central-1',
      partition: overrides.partition ?? 'aws',
      type: 'Recon:EC2/Portscan',
      severity: overrides.severity ?? 8,
      title: overrides.title ?? 'Instance i-1 is performing outbound port scans.',
    },
  };
}

const one = (stacks: PreviewStack[], event: unknown = finding()) =>
  previewEvents(stacks, [{ file: 'event.json', event }])[0];

describe('routes and channels from the rule metadata', () => {
  const metadata = {
    route: 'high-to-mail-and-chat',
    severityLabel: 'HIGH',
    targets: {
      Target0: { channel: 'security-mail', type: 'email' },
      Target1: { channel: 'ops-slack', type: 'slack' },
    },
  };
  const stacks = [
    stack('Alerts', {
      HighRule: rule({
        metadata,
        targets: [
          { Arn: { Ref: 'Topic' }, Id: 'Target0', ...TEXT_INPUT },
          { Arn: 'arn:aws:events:eu-central-1:111122223333:api-destination/x', Id: 'Target1', ...JSON_INPUT },
        ],
      }),
    }),
  ];

  it('reports one delivery per target, with route, channel, type and the rendered message', () => {
    const result = one(stacks);
    expect(result).toMatchObject({
      file: 'event.json',
      findingType: 'Recon:EC2/Portscan',
      severity: 8,
      severityLabel: 'HIGH',
      receivedBy: ['Alerts'],
    });
    expect(result.deliveries).toEqual([
      {
        stack: 'Alerts',
        rule: 'HighRule',
        targetId: 'Target0',
        route: 'high-to-mail-and-chat',
        channel: 'security-mail',
        channelType: 'email',
        severityLabel: 'HIGH',
        message:
          'GuardDuty finding (8): Instance i-1 is performing outbound port scans.\nType: Recon:EC2/Portscan',
        // The fixture's topic has no e-mail subscription.
        subscribers: 0,
      },
      {
        stack: 'Alerts',
        rule: 'HighRule',
        targetId: 'Target1',
        route: 'high-to-mail-and-chat',
        channel: 'ops-slack',
        channelType: 'slack',
        severityLabel: 'HIGH',
        message: '{"text": "*Instance i-1 is performing outbound port scans.* (severity 8)"}',
      },
    ]);
  });

  it('warns when a JSON template renders to invalid JSON because a value holds quotes', () => {
    const [mail, chat] = one(stacks, finding({ title: 'Port 22 is being "probed"' })).deliveries;
    expect(mail.warning).toBeUndefined(); // plain text: nothing to parse
    expect(chat.message).toBe('{"text": "*Port 22 is being "probed"* (severity 8)"}');
    expect(chat.warning).toMatch(
      /^the input template is JSON but the message is not valid JSON \(.+\); an endpoint that expects JSON would reject it$/,
    );
  });

  it('delivers nothing when the pattern does not match', () => {
    expect(one(stacks, finding({ severity: 6.9 })).deliveries).toEqual([]);
  });

  it('reports a rule without metadata as (unnamed), with the target Id as channel', () => {
    const result = one([
      stack('Plain', { Rule: rule({ targets: [{ Arn: { Ref: 'Topic' }, Id: 'Target0' }] }) }),
    ]);
    expect(result.deliveries).toEqual([
      {
        stack: 'Plain',
        rule: 'Rule',
        targetId: 'Target0',
        route: '(unnamed)',
        channel: 'Target0',
        message: JSON.stringify(finding()),
      },
    ]);
  });

  it('falls back and warns when the metadata breaks the contract', () => {
    const [delivery] = one([
      stack('Alerts', {
        Rule: rule({ metadata: { route: 5, targets: { Target0: { channel: 'm', type: 'fax' } } } }),
      }),
    ]).deliveries;
    expect(delivery).toMatchObject({ route: '(unnamed)', channel: 'm', channelType: 'fax' });
    expect(delivery.warning).toBe(
      `rule metadata: Metadata["${RouteMetadataFormat.KEY}"].route is 5; expected a non-empty string.; ` +
        `rule metadata: Metadata["${RouteMetadataFormat.KEY}"].targets["Target0"].type is "fax"; expected one of email, slack, teams, webhook, sns.`,
    );
  });
});

describe('which rules are evaluated', () => {
  it('never matches a disabled rule, even one the preview could not evaluate', () => {
    const stacks = [
      stack('Alerts', {
        Disabled: rule({ state: 'DISABLED', pattern: { source: [{ suffix: 'duty' }] } }),
        Enabled: rule({ state: 'ENABLED' }),
        AllEvents: rule({ state: 'ENABLED_WITH_ALL_CLOUDTRAIL_MANAGEMENT_EVENTS' }),
      }),
    ];
    expect(one(stacks).deliveries.map((d) => d.rule)).toEqual(['Enabled', 'AllEvents']);
  });

  it('evaluates only rules on the default event bus', () => {
    const stacks = [
      stack('Alerts', {
        CustomBus: rule({ bus: { Ref: 'Topic' } }),
        ImportedBus: rule({ bus: { 'Fn::ImportValue': 'SecurityBusName' } }),
        NamedBus: rule({ bus: 'security-findings' }),
        DefaultByName: rule({ bus: 'default' }),
        DefaultByArn: rule({ bus: 'arn:aws:events:eu-central-1:111122223333:event-bus/default' }),
        NoBus: rule(),
      }),
    ];
    expect(one(stacks).deliveries.map((d) => d.rule)).toEqual(['DefaultByName', 'DefaultByArn', 'NoBus']);
  });

  it('skips rules without an event pattern (schedules)', () => {
    const scheduled = rule();
    delete (scheduled.Properties as Record<string, unknown>).EventPattern;
    expect(one([stack('Alerts', { Scheduled: scheduled })]).deliveries).toEqual([]);
  });

  it('accepts an event pattern written as a JSON string', () => {
    expect(
      one([stack('Alerts', { Rule: rule({ pattern: JSON.stringify(HIGH_AND_ABOVE) }) })]).deliveries,
    ).toHaveLength(1);
  });

  it('lets an event reach the stacks of its Region and the environment-agnostic ones', () => {
    const stacks = [
      stack('Tokyo', { Rule: rule() }, { region: 'ap-northeast-1' }),
      stack('Frankfurt', { Rule: rule() }, { region: 'eu-central-1' }),
      stack('Anywhere', { Rule: rule() }),
    ];
    const result = one(stacks);
    expect(result.receivedBy).toEqual(['Frankfurt', 'Anywhere']);
    expect(result.deliveries.map((d) => d.stack)).toEqual(['Frankfurt', 'Anywhere']);
    expect(one(stacks.slice(0, 1)).deliveries).toEqual([]);
  });
});

describe('intrinsic functions in the template', () => {
  const linkInput = {
    InputTransformer: {
      InputPathsMap: { id: '$.detail.id' },
      InputTemplate: {
        'Fn::Join': [
          '',
          [
            'https://',
            { 'Fn::FindInMap': ['ConsoleDomain', { Ref: 'AWS::Partition' }, 'domain'] },
            '/guardduty/home?region=',
            { Ref: 'AWS::Region' },
            ' account ',
            { Ref: 'AWS::AccountId' },
            ' suffix ',
            { Ref: 'AWS::URLSuffix' },
            ' topic ',
            { Ref: 'Topic' },
          ],
        ],
      },
    },
  };
  const mappings = {
    Mappings: {
      ConsoleDomain: {
        aws: { domain: 'console.aws.amazon.com' },
        'aws-cn': { domain: 'console.amazonaws.cn' },
      },
    },
  };
  const rules = { Rule: rule({ targets: [{ Arn: { Ref: 'Topic' }, Id: 'Target0', ...linkInput }] }) };

  it('takes Region and account from an environment-agnostic stack’s event, the partition from detail.partition', () => {
    const [delivery] = one(
      [stack('Anywhere', rules, {}, mappings)],
      finding({ partition: 'aws-cn' }),
    ).deliveries;
    expect(delivery.message).toBe(
      'https://console.amazonaws.cn/guardduty/home?region=eu-central-1 account 111122223333 ' +
        'suffix amazonaws.com.cn topic <Topic.Ref>',
    );
  });

  it('takes Region and account from the stack when it has them', () => {
    const stacks = [stack('Frankfurt', rules, { region: 'eu-central-1', account: '999988887777' }, mappings)];
    expect(one(stacks).deliveries[0].message).toBe(
      'https://console.aws.amazon.com/guardduty/home?region=eu-central-1 account 999988887777 ' +
        'suffix amazonaws.com topic <Topic.Ref>',
    );
  });

  it('supplies the rule name and ARN to the predefined variables', () => {
    const input = {
      InputTransformer: { InputTemplate: 'rule <aws.events.rule-name> <aws.events.rule-arn>' },
    };
    const named = rule({ name: 'gd-high', targets: [{ Id: 'Target0', ...input }] });
    const unnamed = rule({ targets: [{ Id: 'Target0', ...input }] });
    const stacks = [stack('Frankfurt', { Named: named, Unnamed: unnamed }, { region: 'eu-central-1' })];
    expect(one(stacks).deliveries.map((d) => d.message)).toEqual([
      'rule gd-high arn:aws:events:eu-central-1:111122223333:rule/gd-high',
      'rule <Unnamed.Ref> <Unnamed.Arn>',
    ]);
  });

  it('names the rule, the stack and the function it cannot resolve', () => {
    const stacks = [
      stack('Alerts', {
        SubRule: rule({ targets: [{ Id: 'Target0', Input: { 'Fn::Sub': '"${AWS::Region}"' } }] }),
      }),
    ];
    expect(() => one(stacks)).toThrow(PreviewError);
    expect(() => one(stacks)).toThrow(
      'Rule SubRule in stack Alerts: CloudFormation Fn::Sub at Resources.SubRule.Properties.Targets[0].Input ' +
        'cannot be resolved by the offline preview (only Fn::Join, Fn::FindInMap, Ref and Fn::GetAtt)',
    );
  });
});

describe('errors the preview cannot get past', () => {
  it('names the rule, the stack and the operator of an unsupported pattern', () => {
    const stacks = [
      stack('Alerts', {
        Fine: rule(),
        Suffix: rule({ pattern: { ...HIGH_AND_ABOVE, detail: { type: [{ suffix: '/Portscan' }] } } }),
      }),
    ];
    let error: unknown;
    try {
      one(stacks);
    } catch (e) {
      error = e;
    }
    expect(error).toBeInstanceOf(PreviewError);
    expect((error as Error).message).toBe(
      'Rule Suffix in stack Alerts uses the event pattern operator "suffix", which the offline preview does not ' +
        'implement: Event pattern operator "suffix" at $.detail.type[0] is not implemented by the offline preview',
    );
  });

  it('names the rule and target of an unsupported input path', () => {
    const input = { InputTransformer: { InputPathsMap: { r: '$.resources[*]' }, InputTemplate: '<r>' } };
    expect(() => one([stack('Alerts', { Rule: rule({ targets: [{ Id: 'Target0', ...input }] }) })])).toThrow(
      /^Rule Rule in stack Alerts, target Target0: JSONPath "\$\.resources\[\*\]" is not supported/,
    );
  });
});

describe('forwarding to another stack', () => {
  const central = (extra: Record<string, ReturnType<typeof rule>> = {}) =>
    stack(
      'Central',
      {
        Mail: rule({
          metadata: { route: 'all-high', targets: { Target0: { channel: 'soc-mail', type: 'email' } } },
          targets: [
            {
              Id: 'Target0',
              InputTransformer: {
                InputPathsMap: { region: '$.region' },
                InputTemplate: {
                  'Fn::Join': ['', ['Finding from <region>, alerted from ', { Ref: 'AWS::Region' }]],
                },
              },
            },
          ],
        }),
        ...extra,
      },
      { region: 'us-east-1' },
    );
  const forwarder = (id: string, region: string, to: string, extraTargets: Record<string, unknown> = {}) =>
    stack(
      id,
      {
        Forward: rule({
          metadata: { route: 'forward', forwardTo: { stack: to }, targets: extraTargets },
          targets: [
            { Id: 'Target0', Arn: `arn:aws:events:us-east-1:111122223333:event-bus/default` },
            ...Object.keys(extraTargets).map((Id) => ({ Id, ...TEXT_INPUT })),
          ],
        }),
      },
      { region },
    );

  it('evaluates the unchanged event against the rules of the stack it is forwarded to', () => {
    const result = one([forwarder('Frankfurt', 'eu-central-1', 'Central'), central()]);
    expect(result.receivedBy).toEqual(['Frankfurt']);
    expect(result.deliveries).toEqual([
      {
        stack: 'Central',
        rule: 'Mail',
        targetId: 'Target0',
        route: 'all-high',
        channel: 'soc-mail',
        channelType: 'email',
        message: 'Finding from eu-central-1, alerted from us-east-1',
        via: ['Frankfurt'],
        subscribers: 0,
      },
    ]);
  });

  it('reports no via for an event that reaches the central stack directly', () => {
    const result = one(
      [forwarder('Frankfurt', 'eu-central-1', 'Central'), central()],
      finding({ region: 'us-east-1' }),
    );
    expect(result.deliveries.map((d) => [d.stack, d.via])).toEqual([['Central', undefined]]);
  });

  it('delivers the channels a forwarding rule lists itself, besides forwarding', () => {
    const stacks = [
      forwarder('Frankfurt', 'eu-central-1', 'Central', { Target1: { channel: 'local' } }),
      central(),
    ];
    expect(one(stacks).deliveries.map((d) => [d.stack, d.channel, d.via])).toEqual([
      ['Frankfurt', 'local', undefined],
      ['Central', 'soc-mail', ['Frankfurt']],
    ]);
  });

  it('does not forward what the forwarding rule does not match', () => {
    expect(
      one([forwarder('Frankfurt', 'eu-central-1', 'Central'), central()], finding({ severity: 5 }))
        .deliveries,
    ).toEqual([]);
  });

  it('follows a chain of forwarding stacks', () => {
    const stacks = [
      forwarder('Frankfurt', 'eu-central-1', 'Ireland'),
      forwarder('Ireland', 'eu-west-1', 'Central'),
      central(),
    ];
    expect(one(stacks).deliveries.map((d) => [d.stack, d.via])).toEqual([
      ['Central', ['Frankfurt', 'Ireland']],
    ]);
  });

  it('refuses a forwarding loop', () => {
    const stacks = [
      forwarder('Frankfurt', 'eu-central-1', 'Ireland'),
      forwarder('Ireland', 'eu-west-1', 'Frankfurt'),
    ];
    expect(() => one(stacks)).toThrow(
      'Rule Forward in stack Ireland forwards the event back to stack Frankfurt: forwarding loop Frankfurt -> Ireland -> Frankfurt',
    );
  });

  it('refuses forwarding to a stack that is not in the assembly', () => {
    expect(() => one([forwarder('Frankfurt', 'eu-central-1', 'Nowhere')])).toThrow(
      'Rule Forward in stack Frankfurt forwards to stack "Nowhere", which is not in the cloud assembly (stacks: Frankfurt)',
    );
  });

  it('refuses forwarding metadata without a stack', () => {
    const stacks = [stack('Frankfurt', { Forward: rule({ metadata: { forwardTo: 'us-east-1' } }) })];
    expect(() => one(stacks)).toThrow(
      /^Rule Forward in stack Frankfurt has invalid forwarding metadata: .*forwardTo/,
    );
  });
});

describe('stacksOf', () => {
  const artifact = (id: string, region: string, account: string) => ({
    id,
    stackName: `${id}Stack`,
    environment: { region, account },
    template: { Resources: {} },
  });

  it('reads the stacks of a cloud assembly, nested ones included, without unknown environments', () => {
    const assembly = {
      stacks: [artifact('Top', 'unknown-region', 'unknown-account')],
      stacksRecursively: [
        artifact('Top', 'unknown-region', 'unknown-account'),
        artifact('Stage-Tokyo', 'ap-northeast-1', '111122223333'),
      ],
    };
    expect(stacksOf(assembly)).toEqual([
      {
        id: 'Top',
        stackName: 'TopStack',
        region: undefined,
        account: undefined,
        template: { Resources: {} },
      },
      {
        id: 'Stage-Tokyo',
        stackName: 'Stage-TokyoStack',
        region: 'ap-northeast-1',
        account: '111122223333',
        template: { Resources: {} },
      },
    ]);
  });
});
