import { describe, expect, it } from 'vitest';
import { renderInputTransformer } from '../../cli/preview/input-transformer-renderer';
import {
  FINDING_INPUT_PATHS,
  findingConsoleLink,
  findingEmailTemplate,
  MessageLanguage,
} from '../../packages/construct-library/src/alerts/finding-email-message';
import { severityLabelOf } from '../../packages/construct-library/src/alerts/severity';
import { loadSamples } from '../helpers/samples';

const render = (event: unknown, language: MessageLanguage) =>
  renderInputTransformer(
    {
      InputPathsMap: { ...FINDING_INPUT_PATHS },
      InputTemplate: findingEmailTemplate(
        severityLabelOf((event as { detail: { severity: number } }).detail.severity),
        language,
        '<region>.console.aws.amazon.com',
      ),
    },
    event,
  );

describe('finding e-mail', () => {
  const samples = loadSamples();

  it('has samples to render', () => {
    expect(samples.length).toBeGreaterThanOrEqual(20);
  });

  describe.each([MessageLanguage.ENGLISH, MessageLanguage.JAPANESE])('in %s', (language) => {
    it.each(samples.map((s) => [s.file, s.event] as const))(
      'renders %s with every field filled in',
      (_file, event) => {
        const text = render(event, language);
        const d = event.detail;
        for (const value of [
          d.title,
          d.type,
          d.accountId,
          d.region,
          d.resource.resourceType,
          d.service.eventFirstSeen,
          d.service.eventLastSeen,
          String(d.service.count),
          String(d.severity),
        ]) {
          expect(text).toContain(value);
        }
        expect(text).toContain(d.description);
        expect(text.split('\n').at(-1)).toBe(
          `https://${d.region}.console.aws.amazon.com/guardduty/home?region=${d.region}#/findings?macros=current&fId=${d.id}`,
        );
        expect(text).not.toMatch(/\bnull\b|\bundefined\b|<[a-zA-Z]+>/);
        // No labelled field above the description is left with nothing after its label.
        const fields = text.split(/\n(?:Description|説明):\n/)[0];
        expect(fields.split('\n').filter((line) => /[:：] *$/.test(line))).toEqual([]);
        expect(text.startsWith('"')).toBe(false);
      },
    );
  });

  it('names the right level for each band, Critical included', () => {
    const label = (severity: number, language: MessageLanguage) =>
      render({ detail: { ...samples[0].event.detail, severity } }, language).split('\n')[0];
    expect(label(2, MessageLanguage.ENGLISH)).toBe('GuardDuty finding: LOW severity (2)');
    expect(label(5.3, MessageLanguage.ENGLISH)).toBe('GuardDuty finding: MEDIUM severity (5.3)');
    expect(label(8.9, MessageLanguage.ENGLISH)).toBe('GuardDuty finding: HIGH severity (8.9)');
    expect(label(9, MessageLanguage.ENGLISH)).toBe('GuardDuty finding: CRITICAL severity (9)');
    expect(label(10, MessageLanguage.JAPANESE)).toBe('GuardDuty 検出結果: 重要度「重大」(CRITICAL、10)');
    expect(label(7, MessageLanguage.JAPANESE)).toBe('GuardDuty 検出結果: 重要度「高」(HIGH、7)');
  });

  it('is plain text: no JSON quoting that would show up in the e-mail', () => {
    for (const language of [MessageLanguage.ENGLISH, MessageLanguage.JAPANESE]) {
      expect(findingEmailTemplate(severityLabelOf(8), language, 'x')).not.toMatch(/^\s*["{[]/);
    }
    const template = findingEmailTemplate(
      severityLabelOf(8),
      MessageLanguage.ENGLISH,
      'console.aws.amazon.com',
    );
    expect(template.split('\n').every((line) => !line.startsWith('"'))).toBe(true);
  });

  describe('console link', () => {
    const event = { detail: { region: 'eu-west-1', id: 'abc123' } };
    const link = (host: string, archived: boolean) =>
      renderInputTransformer(
        { InputPathsMap: { ...FINDING_INPUT_PATHS }, InputTemplate: findingConsoleLink(host, archived) },
        event,
      );

    it.each([
      [
        'aws',
        '<region>.console.aws.amazon.com',
        'https://eu-west-1.console.aws.amazon.com/guardduty/home?region=eu-west-1#/findings?macros=current&fId=abc123',
      ],
      [
        'aws-cn',
        'console.amazonaws.cn',
        'https://console.amazonaws.cn/guardduty/home?region=eu-west-1#/findings?macros=current&fId=abc123',
      ],
      [
        'aws-us-gov',
        'console.amazonaws-us-gov.com',
        'https://console.amazonaws-us-gov.com/guardduty/home?region=eu-west-1#/findings?macros=current&fId=abc123',
      ],
    ])("is GuardDuty's own form in %s", (_partition, host, expected) => {
      expect(link(host, false)).toBe(expected);
    });

    it('opens archived findings too (macros=all) for a route that delivers them', () => {
      expect(link('<region>.console.aws.amazon.com', true)).toBe(
        'https://eu-west-1.console.aws.amazon.com/guardduty/home?region=eu-west-1#/findings?macros=all&fId=abc123',
      );
      const template = findingEmailTemplate(severityLabelOf(8), MessageLanguage.ENGLISH, 'h', true);
      expect(template.split('\n').at(-1)).toBe(
        'https://h/guardduty/home?region=<region>#/findings?macros=all&fId=<id>',
      );
    });
  });

  it('reads every value from the finding itself (the member account, not the receiving one)', () => {
    expect(FINDING_INPUT_PATHS).toEqual({
      severity: '$.detail.severity',
      title: '$.detail.title',
      type: '$.detail.type',
      account: '$.detail.accountId',
      region: '$.detail.region',
      resourceType: '$.detail.resource.resourceType',
      firstSeen: '$.detail.service.eventFirstSeen',
      lastSeen: '$.detail.service.eventLastSeen',
      count: '$.detail.service.count',
      description: '$.detail.description',
      id: '$.detail.id',
    });
  });
});
