import * as path from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { type PreviewResult, previewEvents, type PreviewStack } from '../../cli/preview/preview';
import { synthesizeApp } from '../../cli/preview/synthesize';
import { CDK_CONTEXT } from '../helpers/checked-app';
import { loadSamples } from '../helpers/samples';

const ROOT = path.join(__dirname, '..', '..');

/** GuardDuty's level of a severity. */
const labelOf = (severity: number) =>
  severity >= 9 ? 'CRITICAL' : severity >= 7 ? 'HIGH' : severity >= 4 ? 'MEDIUM' : 'LOW';

describe('preview of the default app (guardduty.config.json: High and above, one e-mail route)', () => {
  const samples = loadSamples();
  let stacks: PreviewStack[];
  let results: PreviewResult[];
  const resultFor = (file: string) => results.find((r) => r.file === file)!;

  beforeAll(() => {
    stacks = synthesizeApp({ configPath: path.join(ROOT, 'guardduty.config.json'), context: CDK_CONTEXT });
    results = previewEvents(
      stacks,
      samples.map((s) => ({ file: s.file, event: s.event })),
    );
  });

  it('previews every sample, with its type, severity and label', () => {
    expect(samples.length).toBeGreaterThanOrEqual(25);
    expect(results.map((r) => r.file)).toEqual(samples.map((s) => s.file));
    for (const { file, event } of samples) {
      expect(resultFor(file)).toMatchObject({
        findingType: event.detail.type,
        severity: event.detail.severity,
        severityLabel: labelOf(event.detail.severity),
      });
    }
  });

  it.each(loadSamples().map((s) => [s.file, s.event.detail.severity] as const))(
    '%s (severity %s) gets the deliveries the default configuration gives it',
    (file, severity) => {
      const { deliveries } = resultFor(file);
      if (severity < 7) {
        expect(deliveries).toEqual([]);
        return;
      }
      expect(deliveries).toHaveLength(1);
      const [delivery] = deliveries;
      const { detail } = samples.find((s) => s.file === file)!.event;
      expect(stacks.map((s) => s.id)).toContain(delivery.stack);
      expect(delivery.via).toBeUndefined();
      expect(delivery.warning).toBeUndefined();
      expect(typeof delivery.route).toBe('string');
      expect([undefined, 'email']).toContain(delivery.channelType);
      const lines = delivery.message.split('\n');
      expect(lines[0]).toBe(`GuardDuty finding: ${labelOf(severity)} severity (${severity})`);
      expect(lines[1]).toBe(detail.title);
      expect(lines).toContain(`Finding type : ${detail.type}`);
      expect(lines).toContain(`Account      : ${detail.accountId}`);
      expect(lines).toContain(`Region       : ${detail.region}`);
      expect(lines).toContain(`Resource type: ${detail.resource.resourceType}`);
      expect(lines).toContain(`Occurrences  : ${detail.service.count}`);
      expect(delivery.message).toContain(`\nDescription:\n${detail.description}\n`);
      expect(lines.at(-1)).toBe(
        `https://${detail.region}.console.aws.amazon.com/guardduty/home?region=${detail.region}#/findings?macros=current&fId=${detail.id}`,
      );
    },
  );

  it.each([
    ['discovery-s3-anomalous-behavior.json', 3.9, undefined],
    ['recon-ec2-portscan.json', 4, undefined],
    ['execution-ec2-malicious-file.json', 6.9, undefined],
    ['credential-access-rds-limitless-successful-brute-force.json', 7, 'HIGH'],
    ['backdoor-ec2-cc-activity.json', 8.9, 'HIGH'],
    ['attack-sequence-iam-compromised-credentials.json', 9, 'CRITICAL'],
    ['attack-sequence-s3-compromised-data.json', 10, 'CRITICAL'],
  ])('boundary: %s (severity %s) is delivered as %s', (file, severity, label) => {
    const result = resultFor(file);
    expect(result.severity).toBe(severity);
    if (label === undefined) {
      expect(result.deliveries).toEqual([]);
    } else {
      expect(result.deliveries).toHaveLength(1);
      expect(result.deliveries[0].message.split('\n')[0]).toBe(
        `GuardDuty finding: ${label} severity (${severity})`,
      );
    }
  });

  it('sends the two CRITICAL attack sequences through one rule, and every HIGH finding through another', () => {
    const rulesOf = (label: string) =>
      new Set(
        results.filter((r) => r.severityLabel === label).flatMap((r) => r.deliveries.map((d) => d.rule)),
      );
    const critical = rulesOf('CRITICAL');
    const high = rulesOf('HIGH');
    expect(results.filter((r) => r.severityLabel === 'CRITICAL').map((r) => r.findingType)).toEqual([
      'AttackSequence:IAM/CompromisedCredentials',
      'AttackSequence:S3/CompromisedData',
    ]);
    expect(critical.size).toBe(1);
    expect(high.size).toBe(1);
    expect([...critical][0]).not.toBe([...high][0]);
  });

  it('keeps characters such as & and $ as they are in the plain-text e-mail', () => {
    const backdoor = resultFor('backdoor-ec2-cc-activity.json').deliveries[0].message;
    expect(backdoor).toContain('Finding type : Backdoor:EC2/C&CActivity.B');
    expect(backdoor).toContain('Command & Control');
  });

  it.each([
    [
      'aws-cn',
      'cn-north-1',
      'https://console.amazonaws.cn/guardduty/home?region=cn-north-1#/findings?macros=current&fId=',
    ],
    [
      'aws-us-gov',
      'us-gov-west-1',
      'https://console.amazonaws-us-gov.com/guardduty/home?region=us-gov-west-1#/findings?macros=current&fId=',
    ],
    [
      'aws',
      'ap-southeast-7',
      'https://ap-southeast-7.console.aws.amazon.com/guardduty/home?region=ap-southeast-7#/findings?macros=current&fId=',
    ],
  ])(
    'links to the console of the partition the finding comes from, %s (Fn::FindInMap on AWS::Partition)',
    (partition, region, link) => {
      const sample = samples.find((s) => s.file === 'backdoor-ec2-cc-activity.json')!;
      const event = structuredClone(sample.event) as typeof sample.event & { detail: { partition: string } };
      event.detail.partition = partition;
      event.detail.region = region;
      event.region = region;
      const [result] = previewEvents(stacks, [{ file: `${partition}.json`, event }]);
      expect(result.deliveries[0].message.split('\n').at(-1)).toBe(`${link}${event.detail.id}`);
    },
  );
});
