import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { EventInputError, toPreviewEvent } from '../../cli/preview/event-input';
import type { PreviewStack } from '../../cli/preview/preview';
import { RouteMetadataFormat } from '../../packages/construct-library/src';
import { runPreview } from '../helpers/run-preview';

const ROOT = path.join(__dirname, '..', '..');
const SAMPLE = JSON.parse(
  fs.readFileSync(path.join(ROOT, 'samples', 'backdoor-ec2-cc-activity.json'), 'utf8'),
);
const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'gd-preview-input-'));
afterAll(() => fs.rmSync(dir, { recursive: true, force: true }));

function write(name: string, content: unknown): string {
  const file = path.join(dir, name);
  fs.writeFileSync(file, JSON.stringify(content));
  return file;
}

const STACKS: PreviewStack[] = [
  {
    id: 'Alerts',
    region: 'us-east-1',
    template: {
      Resources: {
        High: {
          Type: 'AWS::Events::Rule',
          Properties: {
            EventPattern: {
              source: ['aws.guardduty'],
              'detail-type': ['GuardDuty Finding'],
              detail: { severity: [{ numeric: ['>=', 7] }] },
            },
            Targets: [{ Id: 'T', InputPath: '$.region' }],
          },
          Metadata: { [RouteMetadataFormat.KEY]: { route: 'high', targets: { T: { channel: 'mail' } } } },
        },
      },
    },
  },
];

const run = (...args: string[]) => runPreview(args, () => STACKS);

describe('event files that are not GuardDuty events', () => {
  it('exits 1 for an event of another source, saying what the file holds', () => {
    const file = write('hub.json', {
      ...SAMPLE,
      source: 'aws.securityhub',
      'detail-type': 'Security Hub Findings - Imported',
    });
    expect(run(file)).toEqual({
      status: 1,
      stdout: '',
      stderr:
        `Event file ${file} holds an event from "aws.securityhub" (detail-type "Security Hub Findings - Imported"), ` +
        'not a GuardDuty finding event. The preview evaluates only events from "aws.guardduty".\n',
    });
  });

  it('exits 1 for an array, a scalar, and an object that is neither an event nor a finding', () => {
    expect(run(write('array.json', [SAMPLE, SAMPLE])).stderr).toMatch(
      /holds a JSON array of 2 items, not a GuardDuty/,
    );
    expect(run(write('number.json', 42)).stderr).toMatch(
      /holds a JSON number, not a GuardDuty finding event/,
    );
    const other = run(write('other.json', { name: 'x', version: '1' }));
    expect(other.status).toBe(1);
    expect(other.stderr).toMatch(
      /holds a JSON object with the keys name, version, not a GuardDuty finding event/,
    );
  });

  it('refuses a GetFindings response and a PascalCase finding with instructions', () => {
    const response = run(write('get-findings.json', { Findings: [{ AccountId: '1', Severity: 8 }] }));
    expect(response.status).toBe(1);
    expect(response.stderr).toContain(
      'holds a GetFindings response with 1 finding, not a GuardDuty finding event',
    );
    expect(response.stderr).toContain('the preview does not convert one into the other');
    const pascal = run(
      write('pascal.json', { SchemaVersion: '2.0', Type: 'Backdoor:EC2/C&CActivity.B', Severity: 8 }),
    );
    expect(pascal.status).toBe(1);
    expect(pascal.stderr).toContain("holds a finding with the API's PascalCase field names");
  });
});

describe('a bare finding', () => {
  it('is wrapped in a GuardDuty Finding event with the account, Region and time of the finding', () => {
    const { event, wrappedFinding } = toPreviewEvent('f.json', SAMPLE.detail);
    expect(wrappedFinding).toBe(true);
    expect(event).toEqual({
      version: '0',
      id: SAMPLE.detail.id,
      'detail-type': 'GuardDuty Finding',
      source: 'aws.guardduty',
      account: SAMPLE.detail.accountId,
      time: SAMPLE.detail.updatedAt.replace(/\.\d+Z$/, 'Z'),
      region: SAMPLE.detail.region,
      resources: [],
      detail: SAMPLE.detail,
    });
    expect(() => toPreviewEvent('f.json', { type: 'x' })).toThrow(EventInputError);
  });

  it('is previewed like the event it came from, and the output says it was wrapped', () => {
    const finding = write('finding.json', SAMPLE.detail);
    const event = write('event.json', SAMPLE);
    const [fromFinding] = JSON.parse(run('--json', finding).stdout);
    const [fromEvent] = JSON.parse(run('--json', event).stdout);
    expect(fromFinding.wrappedFinding).toBe(true);
    expect(fromEvent.wrappedFinding).toBeUndefined();
    expect(fromFinding.deliveries).toEqual(fromEvent.deliveries);
    expect(fromFinding.deliveries).toHaveLength(1);
    expect(run(finding).stdout).toContain(
      '\n  Input:        a bare finding, wrapped in a GuardDuty Finding event\n',
    );
  });
});
