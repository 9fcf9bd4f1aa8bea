// Integ test of the default app (guardduty.config.json): one stack, a new detector, the archive, the default e-mail
// route. Deploys to the Region integ-runner is given; GuardDuty must be off there (the stack creates the detector).
// Test-only changes (see integ-support.ts): destroyable archive, detector and keys; the default route written as its
// channel and route; the sample route to the "email" channel, whose topic the test's queue subscribes to.
import { buildApp } from '../../app/build-app';
import {
  deliveryTest,
  destroyable,
  integApp,
  integConfig,
  readConfig,
  synthForRunner,
} from './integ-support';

const app = integApp();
// cdk-nag runs in the unit tests (test/app); here it would also judge the test's own assertion resources.
const built = buildApp(app, integConfig(readConfig('guardduty.config.json')), { checks: false });
destroyable(built);
deliveryTest(app, { name: 'IntegDefault', stacks: built.stacks, home: built.home, channel: 'email' });
synthForRunner(app);
