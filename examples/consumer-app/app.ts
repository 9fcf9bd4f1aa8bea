// A CDK app of its own that uses the library's constructs, with its own routes, channels and suppression rule: the
// example that `preview --app` previews (docs/reference/preview.md). Preview the samples against it, offline:
//
//   npx tsx bin/cli.ts preview --explain --app "node --import tsx examples/consumer-app/app.ts" samples/
//
// or synthesize it once and preview the cloud assembly:
//
//   npx cdk synth --app "node --import tsx examples/consumer-app/app.ts" --output /tmp/consumer.out
//   npx tsx bin/cli.ts preview --cdk-out /tmp/consumer.out samples/
import { App, Stack } from 'aws-cdk-lib';
import * as secretsmanager from 'aws-cdk-lib/aws-secretsmanager';
import {
  EmailChannel,
  GuardDutyThreatDetection,
  SeverityLabel,
  SeverityRange,
  WebhookChannel,
  WebhookFormat,
} from 'cdk-guardduty-threat-detection';

const app = new App();
// Environment-agnostic when no account and Region are configured, so the preview takes events from any Region.
const stack = new Stack(app, 'ConsumerSecurity', {
  env: { account: process.env.CDK_DEFAULT_ACCOUNT, region: process.env.CDK_DEFAULT_REGION },
});

const oncall = new EmailChannel({ name: 'oncall', addresses: ['oncall@example.com'] });
const siem = new WebhookChannel({
  name: 'siem',
  format: WebhookFormat.JSON,
  endpointSecret: secretsmanager.Secret.fromSecretNameV2(stack, 'SiemWebhook', 'consumer/siem-webhook-url'),
});

new GuardDutyThreatDetection(stack, 'ThreatDetection', {
  routes: [
    // Critical findings page the on-call engineer.
    { name: 'page-critical', severity: SeverityRange.only(SeverityLabel.CRITICAL), channels: [oncall] },
    // Medium and High findings go to the SIEM, except reconnaissance, which is noisy.
    {
      name: 'siem-no-recon',
      severity: SeverityRange.between(SeverityLabel.MEDIUM, SeverityLabel.HIGH),
      excludeFindingTypes: ['Recon:*'],
      channels: [siem],
    },
  ],
  suppressionRules: [
    {
      name: 'qa-scanner',
      description: 'The QA port scanner (instances tagged qa-scanner) scans on purpose',
      criteria: [
        { field: 'type', equalTo: ['Recon:EC2/Portscan'] },
        { field: 'resource.instanceDetails.tags.value', equalTo: ['qa-scanner'] },
      ],
    },
  ],
});

app.synth();
