import { spawnSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { describe, expect, it } from 'vitest';
import { type CliIo, expandEventArguments, main } from '../../cli/main';
import type { PreviewStack } from '../../cli/preview/preview';
import { RouteMetadataFormat } from '../../packages/construct-library/src';
import { synthesizeApp } from '../../cli/preview/synthesize';

const ROOT = path.join(__dirname, '..', '..');
const SAMPLE = 'samples/backdoor-ec2-cc-activity.json';
const LOW_SAMPLE = 'samples/discovery-s3-anomalous-behavior.json';

/** Runs the command as a user would, from its TypeScript sources (tsx's loader in one Node.js process, no npx). */
function cli(...args: string[]) {
  return spawnSync(process.execPath, ['--import', 'tsx', 'bin/cli.ts', ...args], {
    cwd: ROOT,
    encoding: 'utf8',
    timeout: 120_000,
  });
}

/** Runs main() in this process as the command does, synthesizing the configured app. */
function runWithApp(args: string[]) {
  let stdout = '';
  let stderr = '';
  const status = main(args, {
    stdout: (t) => (stdout += t),
    stderr: (t) => (stderr += t),
    synthesize: synthesizeApp,
  });
  return { status, stdout, stderr };
}

/** Runs main() in this process with a fixed set of stacks instead of synthesizing the app. */
function run(args: string[], stacks: PreviewStack[]) {
  let stdout = '';
  let stderr = '';
  const io: CliIo = {
    stdout: (t) => (stdout += t),
    stderr: (t) => (stderr += t),
    synthesize: () => stacks,
  };
  const status = main(args, io);
  return { status, stdout, stderr };
}

const rule = (pattern: unknown, metadata?: unknown) => ({
  Type: 'AWS::Events::Rule',
  Properties: {
    EventPattern: pattern,
    State: 'ENABLED',
    Targets: [
      {
        Id: 'Target0',
        InputTransformer: {
          InputPathsMap: { title: '$.detail.title', severity: '$.detail.severity' },
          InputTemplate: '{"text": "<title>", "severity": <severity>}',
        },
      },
    ],
  },
  ...(metadata !== undefined && { Metadata: { [RouteMetadataFormat.KEY]: metadata } }),
});

const HIGH = { source: ['aws.guardduty'], detail: { severity: [{ numeric: ['>=', 7] }] } };

describe('cdk-guardduty-threat-detection preview (the command, and its errors as main() prints them)', () => {
  it('counts the subscribers of an e-mail channel: none says that nobody receives it, addresses are counted', () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'gd-subscribers-'));
    const config = path.join(dir, 'config.json');
    fs.writeFileSync(
      config,
      JSON.stringify({ alerts: { notificationEmails: ['a@example.com', 'b@example.com'] } }),
    );
    const withAddresses = cli('preview', '--json', '--config', config, SAMPLE);
    const without = cli('preview', SAMPLE);
    fs.rmSync(dir, { recursive: true, force: true });
    expect(JSON.parse(withAddresses.stdout)[0].deliveries[0].subscribers).toBe(2);
    expect(without.stdout).toContain(
      'Channel: email (email): no subscribers, so nobody receives this message',
    );
    expect(without.stdout).toContain('1 delivery in all (1 to an e-mail channel with no subscribers).');
  });

  it('prints one JSON object per event file with --json', () => {
    const result = cli('preview', '--json', SAMPLE, LOW_SAMPLE);
    expect(result.stderr).toBe('');
    expect(result.status).toBe(0);
    const output = JSON.parse(result.stdout);
    expect(output).toHaveLength(2);
    for (const item of output) {
      expect(Object.keys(item)).toEqual(['file', 'findingType', 'severity', 'deliveries']);
    }
    expect(output[0]).toMatchObject({
      file: SAMPLE,
      findingType: 'Backdoor:EC2/C&CActivity.B',
      severity: 8.9,
    });
    expect(output[0].deliveries).toHaveLength(1);
    const [delivery] = output[0].deliveries;
    expect(Object.keys(delivery)).toEqual(['stack', 'rule', 'route', 'channel', 'message', 'subscribers']);
    for (const key of ['stack', 'rule', 'route', 'channel', 'message'])
      expect(typeof delivery[key]).toBe('string');
    // The committed configuration has no address: the e-mail reaches nobody until someone subscribes.
    expect(delivery.subscribers).toBe(0);
    expect(delivery.message).toMatch(/^GuardDuty finding: HIGH severity \(8\.9\)\n/);
    expect(output[1]).toEqual({
      file: LOW_SAMPLE,
      findingType: 'Discovery:S3/AnomalousBehavior',
      severity: 3.9,
      deliveries: [],
    });
  });

  it('prints a configuration error without a stack trace and exits 1', () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'gd-preview-cli-'));
    const config = path.join(dir, 'bad.config.json');
    fs.writeFileSync(config, JSON.stringify({ alerts: { minimumSeverity: 12 }, colour: 'blue' }));
    const result = runWithApp(['preview', '--config', config, SAMPLE]);
    fs.rmSync(dir, { recursive: true, force: true });
    expect(result.status).toBe(1);
    expect(result.stdout).toBe('');
    expect(result.stderr).toMatch(/is not a valid configuration:\n {2}- /);
    expect(result.stderr).toContain('colour is not a known field');
    expect(result.stderr).not.toMatch(/\n\s+at /);
  });

  it('exits 1 for a configuration file that does not exist', () => {
    const result = runWithApp(['preview', '--config', 'no-such.config.json', SAMPLE]);
    expect(result.status).toBe(1);
    expect(result.stderr).toContain('no-such.config.json is not a valid configuration');
    expect(result.stderr).not.toMatch(/\n\s+at /);
  });
});

describe('main (in process)', () => {
  const stacks: PreviewStack[] = [
    {
      id: 'Alerts',
      template: {
        Resources: {
          HighRule: rule(HIGH, {
            route: 'chat',
            severityLabel: 'HIGH',
            targets: { Target0: { channel: 'ops', type: 'slack' } },
          }),
        },
      },
    },
  ];

  it('prints each event, its deliveries and the indented message as text', () => {
    const { status, stdout, stderr } = run(['preview', SAMPLE, LOW_SAMPLE], stacks);
    expect(stderr).toBe('');
    expect(status).toBe(0);
    expect(stdout).toBe(
      [
        SAMPLE,
        '  Finding type: Backdoor:EC2/C&CActivity.B',
        '  Severity:     8.9 (HIGH)',
        '  Delivery 1 of 1',
        '    Stack:   Alerts',
        '    Rule:    HighRule',
        '    Route:   chat (HIGH)',
        '    Channel: ops (slack)',
        '    Message:',
        '      {"text": "Command and Control server IP address queried by EC2 instance i-0c3d5e7f9a1b2c4d6.", "severity": 8.9}',
        '',
        LOW_SAMPLE,
        '  Finding type: Discovery:S3/AnomalousBehavior',
        '  Severity:     3.9 (LOW)',
        '  No route matches.',
        '',
        '2 event files, 1 with a delivery; 1 delivery in all.',
        '',
      ].join('\n'),
    );
  });

  it('shows a warning line in text and a warning field in JSON when a JSON message is not valid JSON', () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'gd-preview-cli-'));
    const file = path.join(dir, 'quoted.json');
    const event = JSON.parse(fs.readFileSync(path.join(ROOT, SAMPLE), 'utf8'));
    event.detail.title = 'Port 22 is being "probed"';
    fs.writeFileSync(file, JSON.stringify(event));
    const text = run(['preview', file], stacks);
    const json = run(['preview', '--json', file], stacks);
    fs.rmSync(dir, { recursive: true, force: true });
    expect(text.stdout).toMatch(
      /\n {4}WARNING: the input template is JSON but the message is not valid JSON \(/,
    );
    expect(text.stdout).toContain('      {"text": "Port 22 is being "probed"", "severity": 8.9}');
    const [delivery] = JSON.parse(json.stdout)[0].deliveries;
    expect(Object.keys(delivery)).toEqual(['stack', 'rule', 'route', 'channel', 'message', 'warning']);
    expect(delivery.warning).toMatch(/an endpoint that expects JSON would reject it$/);
  });

  it('reports forwarded deliveries with via', () => {
    const forwarding: PreviewStack[] = [
      {
        id: 'Virginia',
        region: 'us-east-1',
        template: {
          Resources: {
            Forward: {
              ...rule(HIGH, { forwardTo: { stack: 'Tokyo' } }),
            },
          },
        },
      },
      { ...stacks[0], id: 'Tokyo', region: 'ap-northeast-1' },
    ];
    const json = JSON.parse(run(['preview', '--json', SAMPLE], forwarding).stdout);
    expect(json[0].deliveries).toEqual([
      expect.objectContaining({
        stack: 'Tokyo',
        rule: 'HighRule',
        route: 'chat',
        channel: 'ops',
        via: ['Virginia'],
      }),
    ]);
    expect(run(['preview', SAMPLE], forwarding).stdout).toContain('    Via:     Virginia -> Tokyo\n');
  });

  it('explains an event from a Region that no stack is in', () => {
    const tokyoOnly = [{ ...stacks[0], region: 'ap-northeast-1' }];
    expect(run(['preview', SAMPLE], tokyoOnly).stdout).toContain(
      '  No route matches. No stack of the app receives events from us-east-1 (Alerts in ap-northeast-1).',
    );
  });

  it('exits 2 with the rule, the stack and the operator when a pattern cannot be evaluated', () => {
    const unsupported: PreviewStack[] = [
      {
        id: 'Alerts',
        template: { Resources: { Wild: rule({ detail: { type: [{ wildcard: 'Backdoor:*' }] } }) } },
      },
    ];
    const { status, stdout, stderr } = run(['preview', SAMPLE], unsupported);
    expect(status).toBe(2);
    expect(stdout).toBe('');
    expect(stderr).toBe(
      'The preview cannot evaluate the app: Rule Wild in stack Alerts uses the event pattern operator "wildcard", ' +
        'which the offline preview does not implement: Event pattern operator "wildcard" at $.detail.type[0] is ' +
        'not implemented by the offline preview\n',
    );
  });

  it('exits 1 with the usage for bad arguments', () => {
    for (const args of [[], ['review', SAMPLE], ['preview'], ['preview', '--colour', SAMPLE]]) {
      const { status, stderr } = run(args, stacks);
      expect(status).toBe(1);
      expect(stderr).toContain('Usage: cdk-guardduty-threat-detection preview');
    }
    expect(run(['--help'], stacks)).toMatchObject({ status: 0, stderr: '' });
  });

  it('exits 1 for an event file that is missing or not one JSON event', () => {
    expect(run(['preview', 'samples/nothing.json'], stacks)).toMatchObject({
      status: 1,
      stderr: 'Event file samples/nothing.json does not exist.\n',
    });
    expect(run(['preview', 'samples/README.md'], stacks).stderr).toMatch(
      /^Event file samples\/README\.md is not valid JSON/,
    );
    // An object that is neither a GuardDuty event nor a bare finding (issue 11: an error that says what it holds).
    expect(run(['preview', 'package.json'], stacks)).toMatchObject({
      status: 1,
      stderr: expect.stringMatching(
        /^Event file package\.json holds a JSON object with the keys name, version/,
      ),
    });
  });
});

describe('expandEventArguments', () => {
  const sampleFiles = fs
    .readdirSync(path.join(ROOT, 'samples'))
    .filter((f) => f.endsWith('.json'))
    .sort();

  it('takes a directory as its .json files, sorted', () => {
    expect(expandEventArguments([path.join(ROOT, 'samples')])).toEqual(
      sampleFiles.map((f) => path.join(ROOT, 'samples', f)),
    );
  });

  it('expands a wildcard the shell left alone', () => {
    expect(expandEventArguments([path.join(ROOT, 'samples', 'attack-sequence-*.json')])).toEqual([
      path.join(ROOT, 'samples', 'attack-sequence-iam-compromised-credentials.json'),
      path.join(ROOT, 'samples', 'attack-sequence-s3-compromised-data.json'),
    ]);
  });

  it('keeps plain file names as given', () => {
    expect(expandEventArguments([path.join(ROOT, SAMPLE)])).toEqual([path.join(ROOT, SAMPLE)]);
  });
});
