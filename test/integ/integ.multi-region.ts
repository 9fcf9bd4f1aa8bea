// Integ test of examples/all-regions.config.json: a home Region (ap-northeast-1) with the archive and the routes,
// and other Regions whose detectors export to that archive and forward their findings to its event bus; detectors
// adopted (adoptExistingDetector), default route in Japanese.
//
// Test-only changes (see integ-support.ts): `regions` cut to the home Region and ap-northeast-3. The example's 17 Regions
// would need 17 bootstrapped Regions and a detector billed in each after the trial, to prove nothing one other Region
// does not: every member stack is the same construct (the 17-Region synth is covered by
// test/app/multi-region-app.test.ts). Destroyable archive and keys; the default route written as its channel and
// route; the sample route to "email". The assertion stack is in the home Region (it subscribes the queue to the home
// topic and reads the home archive); the ap-northeast-3 sample is created from there through an AwsCustomResource.
//
// Left behind after the destroy: the two adopted detectors (the adopt custom resource never deletes a detector);
// the README says how to delete them.
import { buildApp } from '../../app/build-app';
import {
  deliveryTest,
  destroyable,
  integApp,
  integConfig,
  readConfig,
  synthForRunner,
} from './integ-support';

const HOME_REGION = 'ap-northeast-1';
const OTHER_REGION = 'ap-northeast-3';

const app = integApp();
const example = readConfig('examples/all-regions.config.json');
const config = integConfig({ ...example, regions: [HOME_REGION, OTHER_REGION], homeRegion: HOME_REGION });
const built = buildApp(app, config, { checks: false });
destroyable(built);
deliveryTest(app, {
  name: 'IntegMultiRegion',
  stacks: built.stacks,
  home: built.home,
  members: built.members,
  channel: 'email',
  env: { region: HOME_REGION },
  regions: [HOME_REGION],
});
synthForRunner(app);
