import { App } from 'aws-cdk-lib';
import { describe, expect, it } from 'vitest';
import { buildApp } from '../../app/build-app';
import { parseConfig } from '../../app/config/load-config';

describe('the app against CloudFormation template quotas', () => {
  it('refuses at synth 600 notification e-mails, one subscription resource each, naming the quota and the fix', () => {
    const config = parseConfig({
      alerts: { notificationEmails: Array.from({ length: 600 }, (_, i) => `soc${i}@example.com`) },
    });
    const app = new App();
    buildApp(app, config);
    expect(() => app.synth()).toThrow(
      /the template would declare \d+ resources \(AWS::SNS::Subscription 600, .*over CloudFormation's 500 resources per template \(quotas: https:\/\/docs\.aws\.amazon\.com\/AWSCloudFormation\/latest\/UserGuide\/cloudformation-limits\.html\).*send e-mail to a distribution list/,
    );
  });
});
