import * as path from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { type PreviewResult, previewEvents } from '../../cli/preview/preview';
import { synthesizeApp } from '../../cli/preview/synthesize';
import { CDK_CONTEXT } from '../helpers/checked-app';
import { loadSamples } from '../helpers/samples';

const ROOT = path.join(__dirname, '..', '..');

const PAGE = ['critical-page:pagerduty', 'critical-page:oncall-mail', 'critical-page:security-slack'];
const HIGH = ['high-security:soc-mail', 'high-security:security-teams', 'high-security:slack-webhook'];
const SIEM = ['everything-to-siem:siem'];

/**
 * Where each sample finding goes under examples/multi-route.config.json, worked out by hand from the routes:
 * - critical-page: Critical only;
 * - high-security: High only, except Backdoor:EC2/C&CActivity.B;
 * - member-account-medium: Medium findings about account 444455556666;
 * - s3-and-iam: severity 4 and above, S3Bucket or AccessKey, types Policy:*, Stealth:*, UnauthorizedAccess:IAMUser/* or
 *   Exfiltration:S3/AnomalousBehavior;
 * - recon-first-occurrence: Low and Medium Recon:* findings on their first publication only;
 * - everything-to-siem: every finding, samples and archived ones included.
 * Samples and archived findings reach no other route. The suppression rule low-severity-sandbox (account 777788889999,
 * severity below 4) archives two samples in GuardDuty, so they reach no route at all.
 */
const EXPECTED: Record<string, string[]> = {
  'attack-sequence-iam-compromised-credentials.json': [...PAGE, ...SIEM],
  'attack-sequence-s3-compromised-data.json': [...PAGE, ...SIEM],
  'backdoor-ec2-cc-activity.json': SIEM, // 8.9 but excluded by type from high-security
  'backdoor-lambda-cc-activity.json': [...HIGH, ...SIEM],
  'credential-access-rds-anomalous-successful-login.json': ['member-account-medium:soc-mail', ...SIEM],
  'credential-access-rds-limitless-successful-brute-force.json': [...HIGH, ...SIEM], // exactly 7.0
  'cryptocurrency-ec2-bitcoin-tool-dns.json': [...HIGH, ...SIEM],
  'discovery-s3-anomalous-behavior.json': [], // 3.9 in 777788889999: archived by low-severity-sandbox
  'execution-container-malicious-file.json': [...HIGH, ...SIEM],
  'execution-ec2-malicious-file.json': SIEM, // 6.9 in account 111122223333
  'execution-runtime-new-binary-executed.json': SIEM,
  'exfiltration-rds-anomalous-behavior.json': [...HIGH, ...SIEM], // 7.5; RDSDBInstance, so not s3-and-iam
  'exfiltration-s3-anomalous-behavior.json': [...HIGH, 's3-and-iam:siem', ...SIEM],
  'impact-iam-anomalous-model-invocation.json': SIEM, // Low 3: below s3-and-iam's minimum, type not in its list
  'impact-iam-prompt-injection-direct.json': SIEM, // Low 2 in the member account: member-account-medium is Medium
  'impact-runtime-crypto-miner-executed.json': [...HIGH, ...SIEM],
  'instance-credential-exfiltration-outside-aws.json': [...HIGH, 's3-and-iam:siem', ...SIEM],
  'object-s3-malicious-file.json': [...HIGH, ...SIEM], // S3Object, not S3Bucket
  'persistence-runtime-sensitive-file-modified.json': ['member-account-medium:soc-mail', ...SIEM], // Medium 5
  'policy-iam-root-credential-usage.json': SIEM, // Low
  'policy-s3-bucket-block-public-access-disabled.json': [], // 2 in 777788889999: archived by low-severity-sandbox
  'privilege-escalation-kubernetes-privileged-container.json': SIEM,
  'recon-ec2-port-probe-unprotected-port.json': SIEM, // count 37: not a first occurrence
  'recon-ec2-portscan.json': ['recon-first-occurrence:soc-mail', ...SIEM],
  'sample-trojan-ec2-blackhole-traffic.json': SIEM, // a sample finding
  'stealth-iam-cloudtrail-logging-disabled.json': SIEM, // Low
  'trojan-ec2-dns-data-exfiltration.json': [...HIGH, ...SIEM],
  'unauthorized-access-ec2-ssh-brute-force-outbound.json': [...HIGH, ...SIEM],
  'unauthorized-access-ec2-ssh-brute-force.json': SIEM, // archived
};

describe('preview of examples/multi-route.config.json', () => {
  const samples = loadSamples();
  let results: PreviewResult[];

  beforeAll(() => {
    const stacks = synthesizeApp({
      configPath: path.join(ROOT, 'examples', 'multi-route.config.json'),
      context: CDK_CONTEXT,
    });
    results = previewEvents(
      stacks,
      samples.map((s) => ({ file: s.file, event: s.event })),
    );
  });

  it('has an expectation for every sample', () => {
    expect(Object.keys(EXPECTED).sort()).toEqual(samples.map((s) => s.file).sort());
  });

  it.each(Object.entries(EXPECTED))('routes %s as the table says', (file, expected) => {
    const result = results.find((r) => r.file === file)!;
    const actual = result.deliveries.map((d) => `${d.route}:${d.channel}`);
    expect([...actual].sort()).toEqual([...expected].sort());
  });

  it('shows the two findings low-severity-sandbox archives as suppressed, and no other', () => {
    const suppressed = results.filter((r) => r.suppressions !== undefined);
    expect(suppressed.map((r) => r.file).sort()).toEqual([
      'discovery-s3-anomalous-behavior.json',
      'policy-s3-bucket-block-public-access-disabled.json',
    ]);
    for (const r of suppressed) {
      expect(r.suppressions).toEqual([expect.objectContaining({ name: 'low-severity-sandbox', rank: 2 })]);
    }
  });

  it('renders each channel as it would arrive: Japanese e-mail, Slack and Teams JSON, raw JSON for SNS', () => {
    const exfiltration = results.find((r) => r.file === 'exfiltration-s3-anomalous-behavior.json')!;
    const message = (channel: string) => exfiltration.deliveries.find((d) => d.channel === channel)!.message;
    expect(message('soc-mail')).toMatch(/^GuardDuty 検出結果: 重要度「高」\(HIGH、8\)/);
    expect(JSON.parse(message('slack-webhook')).blocks[0].text.text).toBe(
      'GuardDuty 検出結果: 重要度「高」(HIGH、8)',
    );
    expect(JSON.parse(message('siem'))).toMatchObject({
      severityLabel: 'HIGH',
      type: 'Exfiltration:S3/AnomalousBehavior',
    });
    const attack = results.find((r) => r.file === 'attack-sequence-s3-compromised-data.json')!;
    const pager = attack.deliveries.find((d) => d.channel === 'pagerduty')!;
    expect(JSON.parse(pager.message).detail.type).toBe('AttackSequence:S3/CompromisedData');
    for (const delivery of results.flatMap((r) => r.deliveries)) expect(delivery.warning).toBeUndefined();
  });

  it('links a channel shared by two routes to the console view of each: all findings for the route with archived ones', () => {
    const file = 'exfiltration-s3-anomalous-behavior.json';
    const { detail } = samples.find((s) => s.file === file)!.event;
    const consoleUrl = (route: string) =>
      JSON.parse(
        results
          .find((r) => r.file === file)!
          .deliveries.find((d) => d.route === route && d.channel === 'siem')!.message,
      ).consoleUrl;
    const base = `https://${detail.region}.console.aws.amazon.com/guardduty/home?region=${detail.region}#/findings`;
    expect(consoleUrl('s3-and-iam')).toBe(`${base}?macros=current&fId=${detail.id}`);
    expect(consoleUrl('everything-to-siem')).toBe(`${base}?macros=all&fId=${detail.id}`);
  });
});
