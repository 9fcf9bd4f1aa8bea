import { spawnSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { App } from 'aws-cdk-lib';
import { describe, expect, it } from 'vitest';
import { buildApp } from '../../app/build-app';
import { parseConfig } from '../../app/config/load-config';

const ROOT = path.join(__dirname, '..', '..');

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

describe('bin/app.ts, as cdk synth runs it', () => {
  /** Runs the app on a configuration file, as `cdk synth -c config=FILE` would, into a temporary directory. */
  function runApp(config: unknown) {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'gd-bin-app-'));
    const file = path.join(dir, 'config.json');
    fs.writeFileSync(file, JSON.stringify(config));
    const result = spawnSync(process.execPath, ['--import', 'tsx', path.join(ROOT, 'bin', 'app.ts')], {
      cwd: ROOT,
      encoding: 'utf8',
      env: {
        ...process.env,
        CDK_CONTEXT_JSON: JSON.stringify({ config: file }),
        CDK_OUTDIR: path.join(dir, 'out'),
      },
    });
    fs.rmSync(dir, { recursive: true, force: true });
    return result;
  }

  it('reports a check that fails at synth (600 e-mail subscriptions) with its message and no stack trace', () => {
    const result = runApp({
      alerts: { notificationEmails: Array.from({ length: 600 }, (_, i) => `soc${i}@example.com`) },
    });
    expect(result.status).toBe(1);
    expect(result.stderr).toContain("over CloudFormation's 500 resources per template");
    expect(result.stderr).not.toMatch(/^\s+at /m);
  });
});
