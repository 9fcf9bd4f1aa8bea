import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { App, Stack } from 'aws-cdk-lib';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  EmailChannel,
  GuardDutyThreatDetection,
  SeverityLabel,
  SeverityRange,
} from '../../packages/construct-library/src';
import { CDK_CONTEXT } from '../helpers/checked-app';
import { runPreview } from '../helpers/run-preview';

const BACKDOOR = 'samples/backdoor-ec2-cc-activity.json'; // 8.9, us-east-1
const PORTSCAN = 'samples/recon-ec2-portscan.json'; // Recon:EC2/Portscan, 4, tag qa-scanner
const PROBE = 'samples/recon-ec2-port-probe-unprotected-port.json'; // Recon, Low 2
const EXAMPLE = 'node --import tsx examples/consumer-app/app.ts';

/** main() in this process; the default app must not be synthesized with --app or --cdk-out. */
const run = (...args: string[]) =>
  runPreview(args, () => {
    throw new Error('the default app was synthesized');
  });

describe('preview --cdk-out', () => {
  const outdir = fs.mkdtempSync(path.join(os.tmpdir(), 'gd-preview-assembly-'));
  afterAll(() => fs.rmSync(outdir, { recursive: true, force: true }));

  beforeAll(() => {
    // A consumer's own app: one route of its own, Critical only, to its own channel, and a suppression rule.
    const app = new App({ outdir, context: CDK_CONTEXT });
    const stack = new Stack(app, 'Consumer', { env: { region: 'us-east-1', account: '111122223333' } });
    new GuardDutyThreatDetection(stack, 'Detection', {
      routes: [
        {
          name: 'pager',
          severity: SeverityRange.between(SeverityLabel.HIGH, SeverityLabel.CRITICAL),
          channels: [new EmailChannel({ name: 'pager-mail', addresses: ['pager@example.com'] })],
        },
      ],
      suppressionRules: [
        {
          name: 'lab-account',
          criteria: [{ field: 'resource.instanceDetails.instanceId', equalTo: ['i-lab'] }],
        },
      ],
    });
    app.synth();
  });

  it("previews the assembly's own routes and channels", () => {
    const result = run('--json', '--cdk-out', outdir, BACKDOOR);
    expect(result.stderr).toBe('');
    expect(result.status).toBe(0);
    const [backdoor] = JSON.parse(result.stdout);
    expect(backdoor.deliveries.map((d: { stack: string; route: string; channel: string }) => d)).toEqual([
      expect.objectContaining({ stack: 'Consumer', route: 'pager', channel: 'pager-mail' }),
    ]);
  });

  it('exits 1 for a directory that is not a cloud assembly', () => {
    const empty = fs.mkdtempSync(path.join(os.tmpdir(), 'gd-preview-empty-'));
    const result = run('--cdk-out', empty, BACKDOOR);
    fs.rmSync(empty, { recursive: true, force: true });
    expect(result.status).toBe(1);
    expect(result.stderr).toBe(
      `${empty} is not a cloud assembly: it has no manifest.json. Give the directory that \`cdk synth\` writes ` +
        '(cdk.out unless --output or "output" in cdk.json says otherwise).\n',
    );
  });

  it('refuses two ways of naming the app at once', () => {
    const result = run('--config', 'guardduty.config.json', '--cdk-out', outdir, BACKDOOR);
    expect(result.status).toBe(1);
    expect(result.stderr).toMatch(
      /^Give only one of --config and --cdk-out: each names the app to preview\.\n\nUsage:/,
    );
  });
});

// Run from the repository's root, as vitest runs (the paths of the samples and of the example are relative to it).
describe('preview --app', () => {
  it('runs examples/consumer-app with CDK_OUTDIR set and previews its routes, channels and suppression rule', () => {
    const result = run('--json', '--explain', '--app', EXAMPLE, BACKDOOR, PORTSCAN, PROBE);
    expect(result.stderr).toBe('');
    expect(result.status).toBe(0);
    const [backdoor, portscan, probe] = JSON.parse(result.stdout);
    expect(backdoor.deliveries).toEqual([
      expect.objectContaining({ stack: 'ConsumerSecurity', route: 'siem-no-recon', channel: 'siem' }),
    ]);
    expect(backdoor.explanations).toEqual([
      expect.objectContaining({ route: 'page-critical', reasons: ['severity 8.9 below 9'] }),
    ]);
    expect(portscan.deliveries).toEqual([]);
    expect(portscan.suppressions).toEqual([
      expect.objectContaining({ stack: 'ConsumerSecurity', name: 'qa-scanner', rank: 1 }),
    ]);
    expect(probe.deliveries).toEqual([]);
    expect(probe.explanations).toContainEqual(
      expect.objectContaining({
        route: 'siem-no-recon',
        reasons: ['severity 2 below 4', 'type excluded by prefix Recon:'],
      }),
    );
  }, 120_000);

  it('exits 1 with the output of an app command that fails, or that writes no assembly', () => {
    const failing = run(
      '--app',
      `"${process.execPath}" -e "console.error('no such stack'); process.exit(3)"`,
      BACKDOOR,
    );
    expect(failing.status).toBe(1);
    expect(failing.stderr).toMatch(/^The app command ".*" failed \(exit status 3\):\nno such stack\n$/);
    const silent = run('--app', `"${process.execPath}" -e "0"`, BACKDOOR);
    expect(silent.status).toBe(1);
    expect(silent.stderr).toMatch(/wrote no cloud assembly to CDK_OUTDIR/);
  });
});
