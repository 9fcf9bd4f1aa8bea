// Integ test of examples/multi-route.config.json: six routes over e-mail, chat, webhook and SNS channels, and two
// suppression rules, in one environment-agnostic stack. Deploys to the Region integ-runner is given; GuardDuty must
// be off there (the stack creates the detector).
//
// Test-only changes (see integ-support.ts): destroyable archive, detector and keys; the Slack, Teams and SNS
// channels made e-mail channels without addresses (a sandbox has no authorized chat workspace, and the example's
// topic is another account's); the sample route to "soc-mail", whose topic the test's queue subscribes to; and a
// fixture stack with the two webhook secrets the example names, pointing at https://webhook.invalid/ (a reserved
// name that never resolves: the "everything-to-siem" route, which includes samples, fails to deliver the sample
// there, EventBridge retries, and nothing leaves the account).
import { SecretValue, Stack } from 'aws-cdk-lib';
import * as secretsmanager from 'aws-cdk-lib/aws-secretsmanager';
import { buildApp } from '../../app/build-app';
import {
  deliveryTest,
  destroyable,
  integApp,
  integConfig,
  readConfig,
  synthForRunner,
  withDeliverableChannels,
} from './integ-support';

const app = integApp();
const config = integConfig(
  withDeliverableChannels(readConfig('examples/multi-route.config.json')),
  'soc-mail',
);
const built = buildApp(app, config, { checks: false });
destroyable(built);

const fixtures = new Stack(app, 'IntegMultiRouteFixtures', {
  description: 'Webhook secrets for the multi-route integration test of cdk-guardduty-threat-detection',
});
for (const [id, name, value] of [
  ['SiemWebhook', 'guardduty/siem-webhook', 'https://webhook.invalid/siem'],
  ['Webhooks', 'guardduty/webhooks', JSON.stringify({ slack: 'https://webhook.invalid/slack' })],
] as const) {
  // Not a secret: an endpoint that does not exist, in the shape the channels read.
  new secretsmanager.Secret(fixtures, id, {
    secretName: name,
    secretStringValue: SecretValue.unsafePlainText(value),
  });
}
built.home.addStackDependency(fixtures, 'the webhook channels read these secrets at deploy time');

deliveryTest(app, {
  name: 'IntegMultiRoute',
  stacks: [fixtures, ...built.stacks],
  home: built.home,
  channel: 'soc-mail',
});
synthForRunner(app);
