import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { type CliIo, main } from '../../cli/main';
import { JsonWriter, TextWriter, toJson } from '../../cli/preview/format';
import type { PreviewResult, PreviewStack } from '../../cli/preview/preview';
import { RouteMetadataFormat } from '../../packages/construct-library/src';

const ROOT = path.join(__dirname, '..', '..');
const SAMPLE = path.join(ROOT, 'samples', 'backdoor-ec2-cc-activity.json');

const result = (file: string, messages: string[], extra: Partial<PreviewResult> = {}): PreviewResult => ({
  file,
  findingType: 'Recon:EC2/Portscan',
  severity: 8,
  severityLabel: 'HIGH',
  receivedBy: ['Alerts'],
  deliveries: messages.map((message, i) => ({
    stack: 'Alerts',
    rule: `Rule${i}`,
    targetId: 'Target0',
    route: 'chat',
    channel: 'ops',
    message,
    ...(i === 1 && { via: ['Virginia', 'Ohio'], warning: 'a "warning"' }),
  })),
  ...extra,
});

describe('JsonWriter', () => {
  const write = (results: PreviewResult[]) => {
    const writer = new JsonWriter();
    return results.map((r) => writer.result(r)).join('') + writer.end();
  };

  it('writes, one event file at a time, the text JSON.stringify writes for the whole array', () => {
    const results = [
      result('a.json', ['line 1\nline 2\n\n  indented', 'quotes " and \\ and \t tab']),
      result('b.json', []),
      // U+2028 and U+2029 are line terminators to a regular expression but stay raw in JSON.stringify's output.
      result('c.json', ['separator \u2028 and \u2029 and \r'], {
        findingType: undefined,
        severity: undefined,
      }),
    ];
    expect(write(results)).toBe(`${JSON.stringify(toJson(results), null, 2)}\n`);
  });

  it('writes an empty array for no event file', () => {
    expect(write([])).toBe(`${JSON.stringify([], null, 2)}\n`);
  });
});

describe('TextWriter', () => {
  it('separates event files by an empty line and counts them in the summary', () => {
    const writer = new TextWriter();
    const text = writer.result(result('a.json', ['hi'])) + writer.result(result('b.json', [])) + writer.end();
    expect(text).toMatch(
      /^a\.json\n[^]*\n {6}hi\n\nb\.json\n[^]*No route matches\.\n\n2 event files, 1 with a/,
    );
    expect(text.endsWith('; 1 delivery in all.\n')).toBe(true);
    expect(new TextWriter().end()).toBe('0 event files, 0 with a delivery; 0 deliveries in all.\n');
  });
});

describe('main streams the event files', () => {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'gd-preview-stream-'));
  afterAll(() => fs.rmSync(dir, { recursive: true, force: true }));
  const stacks: PreviewStack[] = [
    {
      id: 'Alerts',
      template: {
        Resources: {
          All: {
            Type: 'AWS::Events::Rule',
            Properties: {
              EventPattern: { source: ['aws.guardduty'] },
              Targets: [{ Id: 'Target0', InputPath: '$.detail.title' }],
            },
            Metadata: {
              [RouteMetadataFormat.KEY]: { route: 'all', targets: { Target0: { channel: 'ops' } } },
            },
          },
        },
      },
    },
  ];
  const run = (args: string[]) => {
    const chunks: string[] = [];
    let stderr = '';
    const io: CliIo = {
      stdout: (t) => chunks.push(t),
      stderr: (t) => (stderr += t),
      synthesize: () => stacks,
    };
    return { status: main(args, io), chunks, stderr };
  };

  it('writes many files in several chunks that each end with a whole event file', () => {
    const many = path.join(dir, 'many');
    fs.mkdirSync(many);
    for (let i = 0; i < 600; i++)
      fs.copyFileSync(SAMPLE, path.join(many, `e${String(i).padStart(3, '0')}.json`));
    const json = run(['preview', '--json', many]);
    expect(json.status).toBe(0);
    expect(json.chunks.length).toBeGreaterThan(1);
    for (const chunk of json.chunks.slice(0, -1)) expect(chunk.endsWith('\n  }')).toBe(true);
    const parsed = JSON.parse(json.chunks.join(''));
    expect(parsed).toHaveLength(600);
    expect(parsed[599].file).toBe(path.join(many, 'e599.json'));

    const text = run(['preview', many]);
    expect(text.chunks.length).toBeGreaterThan(1);
    for (const chunk of text.chunks.slice(1)) expect(chunk.startsWith('\n\n')).toBe(true);
    expect(text.chunks.join('')).toMatch(
      /\n\n600 event files, 600 with a delivery; 600 deliveries in all\.\n$/,
    );
  });

  it('prints nothing on stdout when a later file of a short run is not JSON', () => {
    const bad = path.join(dir, 'bad.json');
    fs.writeFileSync(bad, '{ not json');
    const { status, chunks, stderr } = run(['preview', SAMPLE, bad]);
    expect(status).toBe(1);
    expect(chunks).toEqual([]);
    expect(stderr).toMatch(/^Event file .*bad\.json is not valid JSON/);
  });
});
