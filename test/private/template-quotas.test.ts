import { App, Stack } from 'aws-cdk-lib';
import { describe, expect, it } from 'vitest';
import {
  EmailChannel,
  FindingAlerts,
  FindingSeverity,
  SeverityLabel,
  SeverityRange,
} from '../../packages/construct-library/src';
import {
  measureTemplate,
  templateQuotaProblems,
  TEMPLATE_QUOTAS,
} from '../../packages/construct-library/src/private/template-quotas';
import { checkedStack, checkedTemplate } from '../helpers/checked-app';

const SOURCE = 'https://docs.aws.amazon.com/AWSCloudFormation/latest/UserGuide/cloudformation-limits.html';

/** The error synthesis throws, or undefined. */
function synthError(app: App): string | undefined {
  try {
    app.synth();
    return undefined;
  } catch (e) {
    return String(e);
  }
}

/** FindingAlerts with `count` routes of one severity level each, each to the same `channels` e-mail channels. */
function alertsWithRoutes(count: number, channels: number) {
  const app = new App();
  const stack = new Stack(app, `Routes${count}x${channels}`);
  const emails = Array.from(
    { length: channels },
    (_, i) => new EmailChannel({ name: `soc${i}`, addresses: ['soc@example.com'] }),
  );
  new FindingAlerts(stack, 'Alerts', {
    routes: Array.from({ length: count }, (_, i) => ({
      name: `route${i}`,
      severity: SeverityRange.only(SeverityLabel.CRITICAL),
      accountIds: [String(100000000000 + i)],
      channels: emails,
    })),
  });
  return { app, stack };
}

describe('template quotas', () => {
  it('states the quotas of the CloudFormation documentation', () => {
    expect(TEMPLATE_QUOTAS).toEqual({ resources: 500, bytes: 1_000_000, source: SOURCE });
  });

  it('refuses 600 e-mail addresses on one topic: 600 subscriptions are over 500 resources per template', () => {
    const app = new App();
    const stack = new Stack(app, 'Mail');
    new FindingAlerts(stack, 'Alerts', {
      emailAddresses: Array.from({ length: 600 }, (_, i) => `soc${i}@example.com`),
    });
    expect(measureTemplate(stack).resources).toBe(608);
    const error = synthError(app);
    expect(error).toContain(`Mail: the template would declare 608 resources (AWS::SNS::Subscription 600, `);
    expect(error).toContain(
      `over CloudFormation's 500 resources per template (quotas: ${SOURCE}), so the deployment would fail. ` +
        'FindingAlerts creates one EventBridge rule per route and severity level and one SNS subscription per e-mail ' +
        'address: use fewer routes or fewer severity levels per route, send e-mail to a distribution list',
    );
    // Refused by this check, before aws-cdk-lib's own count when it writes the template.
    expect(error).not.toContain('TooManyResourcesInStack');
  });

  it('refuses 200 routes whose template is over 1 MB, with the estimated size', () => {
    // 200 one-level routes to four e-mail channels: about 215 resources, so only the size is over.
    const { app, stack } = alertsWithRoutes(200, 4);
    const figures = measureTemplate(stack);
    expect(figures.resources).toBeLessThan(500);
    expect(figures.bytes).toBeGreaterThan(1_000_000);
    const error = synthError(app);
    expect(error).toContain(
      `Routes200x4: the template would be at least ${figures.bytes.toLocaleString('en-US')} bytes, over ` +
        `CloudFormation's 1,000,000-byte (1 MB) template size (quotas: ${SOURCE}), so the deployment would fail. ` +
        'FindingAlerts creates one EventBridge rule per route',
    );
  });

  it('estimates the size of the resources within 1 % of the synthesized template, and below it', () => {
    // A stack that synthesizes, so it goes through every check (cdk-nag and strict CloudFormation Validate).
    const stack = checkedStack('Measured');
    const emails = [0, 1].map((i) => new EmailChannel({ name: `soc${i}`, addresses: ['soc@example.com'] }));
    new FindingAlerts(stack, 'Alerts', {
      routes: Array.from({ length: 6 }, (_, i) => ({
        name: `route${i}`,
        severity: SeverityRange.only(SeverityLabel.CRITICAL),
        accountIds: [String(100000000000 + i)],
        channels: emails,
      })),
    });
    const figures = measureTemplate(stack);
    const template = checkedTemplate(stack).toJSON() as { Resources: object };
    const actual = JSON.stringify(template.Resources).length;
    expect(figures.bytes).toBeLessThanOrEqual(actual);
    expect(figures.bytes).toBeGreaterThan(actual * 0.99);
    expect(figures.resources).toBe(Object.keys(template.Resources).length);
  });

  it('says nothing about a template within both quotas', () => {
    const figures = { resources: 500, bytes: 1_000_000, counts: [['AWS::SNS::Subscription', 500]] };
    expect(templateQuotaProblems('S', figures as never, 'Fix.')).toEqual([]);
    expect(templateQuotaProblems('S', { ...figures, resources: 501 } as never, 'Fix.')[0]).toContain(
      'S: the template would declare 501 resources (AWS::SNS::Subscription 500)',
    );
  });

  it('checks each stack once, whoever registers it', () => {
    const app = new App();
    const stack = new Stack(app, 'Twice');
    const addresses = Array.from({ length: 300 }, (_, i) => `soc${i}@example.com`);
    new FindingAlerts(stack, 'A', { emailAddresses: addresses });
    new FindingAlerts(stack, 'B', { emailAddresses: addresses, minimumSeverity: FindingSeverity.MEDIUM });
    const error = synthError(app) ?? '';
    expect(error.match(/the template would declare/g)).toHaveLength(1);
  });
});
