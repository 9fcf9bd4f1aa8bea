// Integ test of examples/organization.config.json, administrator side only: the home Region's stack and the other
// Regions' stacks, deployed in the delegated administrator account. The management account's stack is synthesized
// (and in the snapshot) but not deployed: it needs the management account's credentials, and designating an
// administrator is not something a test should undo. A deploy therefore needs an organization whose GuardDuty
// administrator is already the sandbox account in both Regions (README: "Integration tests").
//
// The accounts: INTEG_ADMINISTRATOR_ACCOUNT_ID and INTEG_MANAGEMENT_ACCOUNT_ID when set (for a deploy), otherwise
// the example's placeholders (the committed snapshot, which must be made without them).
//
// Test-only changes (see integ-support.ts): `regions` cut to the home Region and ap-northeast-3 (the four-Region synth,
// opt-in Region included, is covered by test/app/multi-region-app.test.ts); `autoEnableMembers: NONE`, because the
// example's ALL would turn GuardDuty on in every member account of the organization, and destroying the stack leaves
// the organization configuration as it is; the Slack channel made an e-mail channel without addresses; destroyable
// archive and keys; the sample route to "soc-mail". Assertions in the home Region, plus a sample in ap-northeast-3.
//
// Left behind after the destroy: the administrator's detectors in both Regions (adopted, never deleted), and the
// organization configuration (auto-enable NONE).
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

const HOME_REGION = 'ap-northeast-1';
const OTHER_REGION = 'ap-northeast-3';

const app = integApp();
const example = readConfig('examples/organization.config.json');
const administratorAccountId =
  process.env.INTEG_ADMINISTRATOR_ACCOUNT_ID ?? example.organization!.administratorAccountId;
const config = integConfig(
  withDeliverableChannels({
    ...example,
    regions: [HOME_REGION, OTHER_REGION],
    homeRegion: HOME_REGION,
    organization: {
      ...example.organization!,
      administratorAccountId,
      managementAccountId:
        process.env.INTEG_MANAGEMENT_ACCOUNT_ID ?? example.organization!.managementAccountId,
      autoEnableMembers: 'NONE',
    },
  }),
  'soc-mail',
);
const built = buildApp(app, config, { checks: false });
destroyable(built);
deliveryTest(app, {
  name: 'IntegOrganization',
  stacks: [built.home, ...built.members],
  notDeployed: [built.management!],
  home: built.home,
  members: built.members,
  channel: 'soc-mail',
  env: { account: administratorAccountId, region: HOME_REGION },
  regions: [HOME_REGION],
});
synthForRunner(app);
