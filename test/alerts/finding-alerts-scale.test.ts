import * as fs from 'node:fs';
import * as path from 'node:path';
import { App, Stack } from 'aws-cdk-lib';
import * as events from 'aws-cdk-lib/aws-events';
import * as iam from 'aws-cdk-lib/aws-iam';
import * as sqs from 'aws-cdk-lib/aws-sqs';
import { describe, expect, it } from 'vitest';
import {
  AlertTopic,
  EmailChannel,
  FindingAlerts,
  FindingSeverity,
  SeverityRange,
} from '../../packages/construct-library/src';
import { checkPolicyQuotas, measurePolicy } from '../../packages/construct-library/src/private/policy-quotas';
import { checkedStack, checkedTemplate } from '../helpers/checked-app';
import { onlyLogicalId, statementsOf } from '../helpers/template-values';

/** FindingAlerts with `count` routes of every severity level (4 rules each) to one e-mail channel. */
function alertsWithRoutes(count: number) {
  const stack = checkedStack(`Routes${count}`);
  const email = new EmailChannel({ name: 'soc', addresses: ['soc@example.com'] });
  const alerts = new FindingAlerts(stack, 'Alerts', {
    routes: Array.from({ length: count }, (_, i) => ({
      name: `route${i}`,
      severity: SeverityRange.atLeast(FindingSeverity.LOW),
      accountIds: [String(100000000000 + i)],
      channels: [email],
    })),
  });
  const template = checkedTemplate(stack);
  const app = stack.node.root as App;
  const file = path.join(app.outdir, stack.templateFile);
  return { stack, alerts, template, bytes: fs.statSync(file).size };
}

/** The estimate of the deployed size of the only policy of a type, as the synth-time check makes it. */
function estimatedPolicy(template: ReturnType<typeof alertsWithRoutes>['template'], type: string) {
  const json = template.toJSON();
  const id = onlyLogicalId(template, type);
  const resourceTypes = Object.fromEntries(
    Object.entries(json.Resources as Record<string, { Type: string }>).map(([k, r]) => [k, r.Type]),
  );
  return measurePolicy(json.Resources[id].Properties.PolicyDocument, {
    resourceTypes,
    mappings: json.Mappings,
  });
}

describe('FindingAlerts with 30 routes of every severity level', () => {
  const one = alertsWithRoutes(1);
  const thirty = alertsWithRoutes(30);

  it('creates 4 rules per route', () => {
    expect(thirty.alerts.rules).toHaveLength(120);
    thirty.template.resourceCountIs('AWS::Events::Rule', 120);
  });

  it('keeps the dead-letter queue policy to one statement for EventBridge, within the SQS quotas', () => {
    const statements = statementsOf(thirty.template, 'AWS::SQS::QueuePolicy');
    expect(statements.filter((s) => s.Effect === 'Allow')).toHaveLength(1);
    expect(statements.length).toBeLessThanOrEqual(20);
    const figures = estimatedPolicy(thirty.template, 'AWS::SQS::QueuePolicy');
    expect(figures.statements).toBe(2);
    expect(figures.bytes).toBeLessThan(8192);
    // Constant: the same as with one route.
    expect(figures).toEqual(estimatedPolicy(one.template, 'AWS::SQS::QueuePolicy'));
  });

  it('keeps the topic policy, which lists the 120 rules, within the SNS quotas', () => {
    const figures = estimatedPolicy(thirty.template, 'AWS::SNS::TopicPolicy');
    expect(figures.statements).toBe(3);
    expect(figures.bytes).toBeGreaterThan(120 * 130);
    expect(figures.bytes).toBeLessThan(30 * 1024);
  });

  it('grows the template file by less than 16 KB per route, so the 1 MB template quota is past 60 routes', () => {
    // The template file CDK writes and uploads (JSON indented by one space). Measured at about 11.2 KB per route with
    // this configuration (4 levels, one shared e-mail channel); each further channel on a route adds its own
    // targets (about 10 KB more per route for a Slack webhook).
    const perRoute = (thirty.bytes - one.bytes) / 29;
    expect(perRoute).toBeGreaterThan(4 * 1024);
    expect(perRoute).toBeLessThan(16 * 1024);
    expect(one.bytes + 59 * perRoute).toBeLessThan(1024 * 1024);
  });
});

describe('the synth-time policy quota check', () => {
  it('fails synthesis for a queue policy over the SQS quotas, naming the policy, the figures and the source', () => {
    const app = new App();
    const stack = new Stack(app, 'Bloated');
    const queue = new sqs.Queue(stack, 'Queue');
    for (let i = 0; i < 25; i++) {
      queue.addToResourcePolicy(
        new iam.PolicyStatement({
          sid: `Statement${i}`,
          principals: [new iam.ServicePrincipal('events.amazonaws.com')],
          actions: ['sqs:SendMessage'],
          resources: [queue.queueArn],
          conditions: { ArnEquals: { 'aws:SourceArn': `arn:aws:events:us-east-1:111122223333:rule/r${i}` } },
        }),
      );
    }
    checkPolicyQuotas(stack);
    expect(() => app.synth()).toThrow(
      /\[Bloated\] Bloated\/Queue\/Policy\/Resource: the SQS queue policy would have up to 1\d,\d{3} bytes \(quota 8,192\), 25 statements \(quota 20\), 25 condition keys \(quota 10\), so the deployment would fail \(quotas: https:\/\/docs\.aws\.amazon\.com\/AWSSimpleQueueService\/latest\/SQSDeveloperGuide\/quotas-policies\.html\)\. Shorten the policy/,
    );
  });

  it('passes a queue policy within the quotas', () => {
    const app = new App();
    const stack = new Stack(app, 'Fits');
    const queue = new sqs.Queue(stack, 'Queue');
    queue.addToResourcePolicy(
      new iam.PolicyStatement({
        principals: [new iam.ServicePrincipal('events.amazonaws.com')],
        actions: ['sqs:SendMessage'],
        resources: [queue.queueArn],
      }),
    );
    checkPolicyQuotas(stack);
    expect(() => app.synth()).not.toThrow();
  });

  it('fails for an alert topic that too many rules publish to, with the advice of AlertTopic', () => {
    const app = new App();
    const stack = new Stack(app, 'BusyTopic');
    const topic = new AlertTopic(stack, 'Alerts');
    for (let i = 0; i < 240; i++) {
      topic.allowPublishFromRule(
        new events.Rule(stack, `Rule${i}`, { eventPattern: { source: ['aws.guardduty'] } }),
      );
    }
    expect(() => app.synth()).toThrow(
      /BusyTopic\/Alerts\/Topic\/Policy\/Resource: the SNS topic policy would have up to 3\d,\d{3} bytes \(quota 30,720\), so the deployment would fail \(quotas: https:\/\/docs\.aws\.amazon\.com\/sns\/latest\/dg\/sns-access-policy-language-api-permissions-reference\.html\)\. Each EventBridge rule allowed to publish adds its ARN to the topic policy/,
    );
  });
});
