import { Stack } from 'aws-cdk-lib';
import { Template } from 'aws-cdk-lib/assertions';
import * as events from 'aws-cdk-lib/aws-events';
import { describe, expect, it } from 'vitest';
import {
  AlertChannelType,
  EmailChannel,
  FindingAlerts,
  FindingSeverity,
  RouteMetadataFormat,
  SeverityRange,
} from '../../packages/construct-library/src';
import {
  addRouteMetadata,
  channelTarget,
  type RouteTargetMetadata,
} from '../../packages/construct-library/src/alerts/route-metadata';
import { checkedStack, checkedTemplate } from '../helpers/checked-app';

type RuleResource = {
  Properties: { Targets: { Id: string; Arn: unknown }[] };
  Metadata: Record<string, unknown>;
};

describe('route metadata', () => {
  it('names the channel of every target under the Id the target has in the template, forwarding failures too', () => {
    const stack = checkedStack();
    const soc = new EmailChannel({ name: 'soc', addresses: ['soc@example.com'] });
    const ops = new EmailChannel({ name: 'ops-team', addresses: ['ops@example.com'] });
    const alerts = new FindingAlerts(stack, 'Alerts', {
      routes: [
        { name: 'all', severity: SeverityRange.atLeast(FindingSeverity.CRITICAL), channels: [soc, ops] },
        { name: 'ops-only', severity: SeverityRange.atLeast(FindingSeverity.CRITICAL), channels: [ops] },
      ],
    });
    const failures = alerts.notifyOnForwardingFailures(['us-east-1'])!;
    const resources = checkedTemplate(stack).toJSON().Resources as Record<string, RuleResource>;
    const rule = (r: events.Rule) => resources[stack.getLogicalId(r.node.defaultChild as events.CfnRule)];
    const metadataOf = (r: events.Rule) => rule(r).Metadata[RouteMetadataFormat.KEY];
    const targetIdsOf = (r: events.Rule) => rule(r).Properties.Targets.map((t) => t.Id);

    expect(alerts.rules.map(metadataOf)).toEqual([
      {
        route: 'all',
        severityLabel: 'CRITICAL',
        targets: {
          [targetIdsOf(alerts.rules[0])[0]]: { channel: 'soc', type: 'email' },
          [targetIdsOf(alerts.rules[0])[1]]: { channel: 'ops-team', type: 'email' },
        },
      },
      {
        route: 'ops-only',
        severityLabel: 'CRITICAL',
        targets: { [targetIdsOf(alerts.rules[1])[0]]: { channel: 'ops-team', type: 'email' } },
      },
    ]);
    expect(metadataOf(failures)).toEqual({
      route: 'forwarding-failures',
      targets: {
        [targetIdsOf(failures)[0]]: { channel: 'soc', type: 'email' },
        [targetIdsOf(failures)[1]]: { channel: 'ops-team', type: 'email' },
      },
    });
  });

  it('records the Id the rule gives the target, not its position among the channels', () => {
    const stack = new Stack();
    const rule = new events.Rule(stack, 'Rule', { eventPattern: { source: ['aws.guardduty'] } });
    const arn = (name: string) => `arn:aws:sns:us-east-1:111122223333:${name}`;
    rule.addTarget({ bind: () => ({ arn: arn('someone-elses') }) });
    const targets: Record<string, RouteTargetMetadata> = {};
    rule.addTarget(
      channelTarget(targets, { channel: 'soc', type: AlertChannelType.SNS_TOPIC }, () => ({
        arn: arn('soc'),
      })),
    );
    addRouteMetadata(rule, { route: 'all', targets });

    const resource = Template.fromStack(stack).toJSON().Resources[
      stack.getLogicalId(rule.node.defaultChild as events.CfnRule)
    ] as RuleResource;
    const socTarget = resource.Properties.Targets.find((t) => t.Arn === arn('soc'))!;
    expect(resource.Metadata[RouteMetadataFormat.KEY]).toEqual({
      route: 'all',
      targets: { [socTarget.Id]: { channel: 'soc', type: 'sns' } },
    });
    expect(socTarget.Id).not.toBe(resource.Properties.Targets[0].Id);
  });

  it('lists exactly the channel types of AlertChannelType', () => {
    expect(RouteMetadataFormat.channelTypes).toEqual(['email', 'slack', 'teams', 'webhook', 'sns']);
    expect(RouteMetadataFormat.channelTypes).toEqual(Object.values(AlertChannelType));
  });
});
