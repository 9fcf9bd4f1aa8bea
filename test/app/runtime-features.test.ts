import * as path from 'node:path';
import { describe, expect, it } from 'vitest';
import { buildApp } from '../../app/build-app';
import { loadConfig } from '../../app/config/load-config';
import { checkedApp } from '../helpers/checked-app';
import { resourcesNamingBothRuntimeFeatures } from '../helpers/runtime-features';

const ROOT = path.join(__dirname, '..', '..');
/** Every template of the app built from `config`, synthesized (CloudFormation Validate on; cdk-nag is tested elsewhere). */
function templatesOf(config: ReturnType<typeof loadConfig>) {
  const app = checkedApp({ nag: false });
  const built = buildApp(app, config);
  const assembly = app.synth();
  return built.stacks.map((s) => ({
    name: s.stackName,
    template: assembly.getStackArtifact(s.artifactId).template,
  }));
}

// GuardDuty refuses a request naming both RUNTIME_MONITORING and EKS_RUNTIME_MONITORING. The checked-synth harness
// (test/helpers/checked-app.ts) refuses such a template in every test, the default app and every committed example
// included (test/app/default-app.test.ts). These add the plan variants a user can choose, in every stack of the
// organization example, whose custom resources carry the organization and adopt-mode requests.
describe('no request names both runtime features', () => {
  it.each([
    [
      'Runtime Monitoring on, with agents',
      { runtimeMonitoring: true, runtimeMonitoringAgents: { eksAddonManagement: true } },
    ],
    [
      'the legacy plan kept',
      { eksRuntimeMonitoring: true, runtimeMonitoringAgents: { eksAddonManagement: true } },
    ],
    ['the legacy plan being switched off', { eksRuntimeMonitoring: false }],
  ])('the organization example with %s, in every stack and in adopt mode', (_, protectionPlans) => {
    const config = loadConfig(path.join(ROOT, 'examples', 'organization.config.json'));
    const stacks = templatesOf({ ...config, protectionPlans });
    const named = stacks.flatMap(
      ({ template }) => JSON.stringify(template).match(/RUNTIME_MONITORING/g) ?? [],
    );
    expect(named.length).toBeGreaterThan(0);
    for (const { name, template } of stacks) {
      expect(resourcesNamingBothRuntimeFeatures(template), name).toEqual([]);
    }
  });
});
