import * as path from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { type PreviewResult, previewEvents } from '../../cli/preview/preview';
import { synthesizeApp } from '../../cli/preview/synthesize';
import { CDK_CONTEXT } from '../helpers/checked-app';
import { loadSamples } from '../helpers/samples';

const ROOT = path.join(__dirname, '..', '..');

/** A sample finding as if GuardDuty had raised it in another Region. */
function inRegion(file: string, region: string) {
  const sample = loadSamples().find((s) => s.file === file)!;
  const event = structuredClone(sample.event);
  event.region = region;
  event.detail.region = region;
  return { file: `${region}/${file}`, event };
}

describe('preview across Regions (examples/organization.config.json)', () => {
  let results: PreviewResult[];
  beforeAll(() => {
    const stacks = synthesizeApp({
      configPath: path.join(ROOT, 'examples', 'organization.config.json'),
      context: CDK_CONTEXT,
    });
    results = previewEvents(stacks, [
      inRegion('attack-sequence-s3-compromised-data.json', 'us-east-1'),
      inRegion('backdoor-lambda-cc-activity.json', 'ap-east-1'),
      inRegion('backdoor-lambda-cc-activity.json', 'ap-northeast-1'),
      inRegion('policy-iam-root-credential-usage.json', 'ap-northeast-3'),
    ]);
  });

  it('follows the forwarding of a member Region to the channels of the home Region', () => {
    const [critical] = results;
    expect(critical.receivedBy).toEqual(['GuardDutyOrganization-us-east-1']);
    expect(critical.deliveries.map((d) => [d.stack, d.route, d.channel, d.via])).toEqual([
      ['GuardDutyOrganization', 'critical', 'soc-mail', ['GuardDutyOrganization-us-east-1']],
      ['GuardDutyOrganization', 'critical', 'security-slack', ['GuardDutyOrganization-us-east-1']],
    ]);
    // The message still names the Region the finding came from.
    expect(critical.deliveries[0].message).toContain('リージョン    : us-east-1');
    // And the link opens it in that Region's console.
    const { id } = inRegion('attack-sequence-s3-compromised-data.json', 'us-east-1').event.detail;
    expect(critical.deliveries[0].message.split('\n').at(-1)).toBe(
      `https://us-east-1.console.aws.amazon.com/guardduty/home?region=us-east-1#/findings?macros=current&fId=${id}`,
    );
  });

  it('routes a member account finding from an opt-in Region like one from the home Region', () => {
    const [, fromOptIn, fromHome] = results;
    const routes = (r: PreviewResult) => r.deliveries.map((d) => `${d.route}:${d.channel}`).sort();
    expect(routes(fromOptIn)).toEqual(['high:security-slack', 'member-high:soc-mail']);
    expect(routes(fromHome)).toEqual(routes(fromOptIn));
    expect(fromHome.deliveries.every((d) => d.via === undefined)).toBe(true);
    expect(fromOptIn.deliveries.every((d) => d.via?.[0] === 'GuardDutyOrganization-ap-east-1')).toBe(true);
  });

  it('delivers nothing for a Low finding, wherever it comes from', () => {
    expect(results[3].deliveries).toEqual([]);
  });
});
