import { describe, expect, it } from 'vitest';
import {
  isJsonTemplate,
  renderInputTransformer,
  renderTargetInput,
  resolveJsonPath,
  UnsupportedJsonPathError,
} from '../../cli/preview/input-transformer-renderer';

const event = {
  version: '0',
  id: 'c8c4daa7',
  'detail-type': 'GuardDuty Finding',
  source: 'aws.guardduty',
  account: '123456789012',
  time: '2024-01-01T00:00:00Z',
  region: 'us-east-1',
  resources: ['arn:aws:ec2:us-east-1:123456789012:instance/i-1'],
  detail: {
    type: 'Recon:EC2/PortProbeUnprotectedPort',
    severity: 8,
    archived: false,
    partition: null,
    title: 'Port 22 is being "probed"',
    description: 'Line one\nLine two',
    resource: { resourceType: 'Instance', ids: ['i-1', 'i-2'] },
    ports: [22, 443],
  },
};

const paths = {
  type: '$.detail.type',
  severity: '$.detail.severity',
  archived: '$.detail.archived',
  partition: '$.detail.partition',
  title: '$.detail.title',
  description: '$.detail.description',
  resource: '$.detail.resource',
  ports: '$.detail.ports',
  firstResource: '$.resources[0]',
  firstId: '$.detail.resource.ids[1]',
  missing: '$.detail.service.action',
};

const render = (template: string, options = {}) =>
  renderInputTransformer({ InputPathsMap: paths, InputTemplate: template }, event, options);

describe('renderTargetInput', () => {
  it('delivers the whole event as JSON when no input is configured', () => {
    expect(renderTargetInput({}, event)).toBe(JSON.stringify(event));
  });

  it('delivers a constant Input as-is', () => {
    expect(renderTargetInput({ Input: '{"fixed": true}' }, event)).toBe('{"fixed": true}');
  });

  it('delivers the JSON of the part selected by InputPath', () => {
    expect(renderTargetInput({ InputPath: '$.detail.resource' }, event)).toBe(
      '{"resourceType":"Instance","ids":["i-1","i-2"]}',
    );
    expect(renderTargetInput({ InputPath: '$.detail.type' }, event)).toBe(
      '"Recon:EC2/PortProbeUnprotectedPort"',
    );
    expect(renderTargetInput({ InputPath: '$' }, event)).toBe(JSON.stringify(event));
    expect(renderTargetInput({ InputPath: '$.nothing' }, event)).toBe('');
  });

  it('delegates to the input transformer', () => {
    const target = { InputTransformer: { InputPathsMap: { s: '$.source' }, InputTemplate: 'From <s>' } };
    expect(renderTargetInput(target, event)).toBe('From aws.guardduty');
  });

  it('refuses more than one input kind', () => {
    expect(() => renderTargetInput({ Input: '"x"', InputPath: '$' }, event)).toThrow(/Only one of/);
  });
});

describe('plain-text templates', () => {
  it('inserts strings, numbers, booleans and null as text', () => {
    expect(render('<type> severity <severity> archived <archived> partition <partition>')).toBe(
      'Recon:EC2/PortProbeUnprotectedPort severity 8 archived false partition null',
    );
  });

  it('inserts objects and arrays as JSON', () => {
    expect(render('Resource: <resource> ports <ports>')).toBe(
      'Resource: {"resourceType":"Instance","ids":["i-1","i-2"]} ports [22,443]',
    );
  });

  it('inserts string values verbatim, without escaping', () => {
    expect(render('Title: <title> / <description>')).toBe(
      'Title: Port 22 is being "probed" / Line one\nLine two',
    );
  });

  it('keeps a multi-line template as it is', () => {
    expect(render('Finding: <type>\nSeverity: <severity>\n\nResource <firstResource>\n')).toBe(
      'Finding: Recon:EC2/PortProbeUnprotectedPort\nSeverity: 8\n\n' +
        'Resource arn:aws:ec2:us-east-1:123456789012:instance/i-1\n',
    );
  });

  it('replaces a variable whose path is missing with nothing', () => {
    expect(render('Action: [<missing>] done')).toBe('Action: [] done');
  });

  it('leaves unknown placeholders and other angle brackets alone', () => {
    expect(render('<b>bold</b> <unknown> a < b > c <type>')).toBe(
      '<b>bold</b> <unknown> a < b > c Recon:EC2/PortProbeUnprotectedPort',
    );
  });
});

describe('JSON templates', () => {
  it('quotes strings and writes other values as JSON when placeholders are unquoted', () => {
    const output = render(
      '{"type": <type>, "severity": <severity>, "archived": <archived>, "partition": <partition>, ' +
        '"resource": <resource>, "ports": <ports>}',
    );
    expect(output).toBe(
      '{"type": "Recon:EC2/PortProbeUnprotectedPort", "severity": 8, "archived": false, "partition": null, ' +
        '"resource": {"resourceType":"Instance","ids":["i-1","i-2"]}, "ports": [22,443]}',
    );
    expect(JSON.parse(output).resource.ids).toEqual(['i-1', 'i-2']);
  });

  it('inserts string content without extra quotes when placeholders are quoted', () => {
    expect(
      render('{"summary": "<type> (severity <severity>, archived <archived>)", "id": "<firstId>"}'),
    ).toBe('{"summary": "Recon:EC2/PortProbeUnprotectedPort (severity 8, archived false)", "id": "i-2"}');
  });

  it('inserts string values placed inside quotes raw, without escaping, as EventBridge does', () => {
    const output = render('{"title": "<title>", "text": "Description: <description>"}');
    expect(output).toBe('{"title": "Port 22 is being "probed"", "text": "Description: Line one\nLine two"}');
    expect(() => JSON.parse(output)).toThrow(SyntaxError);
  });

  it('inserts a backslash inside quotes as it is', () => {
    const output = renderInputTransformer(
      { InputPathsMap: { path: '$.detail.path' }, InputTemplate: '{"path": "<path>"}' },
      { detail: { path: 'C:\\Temp\\x.exe' } },
    );
    expect(output).toBe('{"path": "C:\\Temp\\x.exe"}');
    expect(() => JSON.parse(output)).toThrow(SyntaxError);
  });

  it('stays valid JSON when the inserted values need no escaping', () => {
    const output = render('{"type": "<type>", "resource": "<firstResource>"}');
    expect(JSON.parse(output)).toEqual({
      type: 'Recon:EC2/PortProbeUnprotectedPort',
      resource: 'arn:aws:ec2:us-east-1:123456789012:instance/i-1',
    });
  });

  it('escapes string values in unquoted value positions', () => {
    const output = render('{"title": <title>, "text": <description>}');
    expect(output).toBe('{"title": "Port 22 is being \\"probed\\"", "text": "Line one\\nLine two"}');
    expect(JSON.parse(output).text).toBe('Line one\nLine two');
  });

  it('removes the quotes of an object or array referenced inside a string', () => {
    expect(render('{"text": "Resource is <resource>, ports <ports>"}')).toBe(
      '{"text": "Resource is {resourceType:Instance,ids:[i-1,i-2]}, ports [22,443]"}',
    );
  });

  it('does not treat escaped quotes of the template as string boundaries', () => {
    expect(render('{"text": "type \\"<type>\\" is <severity>", "raw": <severity>}')).toBe(
      '{"text": "type \\"Recon:EC2/PortProbeUnprotectedPort\\" is 8", "raw": 8}',
    );
  });

  it('supports array templates', () => {
    expect(render('[<severity>, "<type>", <ports>]')).toBe(
      '[8, "Recon:EC2/PortProbeUnprotectedPort", [22,443]]',
    );
  });

  it('replaces a missing variable with nothing, quoted or not', () => {
    expect(render('{"quoted": "<missing>", "unquoted": <missing>}')).toBe('{"quoted": "", "unquoted": }');
  });

  it('renders the quoted-lines form used for multi-line text', () => {
    const template = '"Finding <type>"\n"Title: <title>"\n"Severity: <severity>"';
    expect(render(template)).toBe(
      '"Finding Recon:EC2/PortProbeUnprotectedPort"\n"Title: Port 22 is being "probed""\n"Severity: 8"',
    );
  });
});

describe('isJsonTemplate', () => {
  it('is true when the first non-blank character is { or [', () => {
    expect(isJsonTemplate('{"a": 1}')).toBe(true);
    expect(isJsonTemplate('\n  [1, 2]')).toBe(true);
  });

  it('is false for plain text and quoted-lines templates', () => {
    expect(isJsonTemplate('GuardDuty finding: <type>')).toBe(false);
    expect(isJsonTemplate('"Finding <type>"')).toBe(false);
    expect(isJsonTemplate('')).toBe(false);
  });
});

describe('predefined variables', () => {
  const options = {
    ruleName: 'high-severity',
    ruleArn: 'arn:aws:events:us-east-1:123456789012:rule/high-severity',
  };

  it('inserts the rule name and ARN given in the options', () => {
    expect(render('{"rule": <aws.events.rule-name>, "arn": "<aws.events.rule-arn>"}', options)).toBe(
      '{"rule": "high-severity", "arn": "arn:aws:events:us-east-1:123456789012:rule/high-severity"}',
    );
    expect(render('<aws.events.rule-name> triggered', options)).toBe('high-severity triggered');
  });

  it('leaves rule placeholders untouched when no rule is given', () => {
    expect(render('<aws.events.rule-name> triggered')).toBe('<aws.events.rule-name> triggered');
  });

  it('uses the ingestion time from the options, else the event time', () => {
    expect(render('at <aws.events.event.ingestion-time>')).toBe('at 2024-01-01T00:00:00Z');
    expect(render('at <aws.events.event.ingestion-time>', { ingestionTime: '2024-01-01T00:00:05Z' })).toBe(
      'at 2024-01-01T00:00:05Z',
    );
  });

  it('inserts the whole event for aws.events.event.json', () => {
    const output = render('{"original": <aws.events.event.json>}');
    expect(output).toBe(`{"original": ${JSON.stringify(event)}}`);
    expect(JSON.parse(output).original).toEqual(event);
  });

  it('inserts the event without its detail for aws.events.event', () => {
    const output = JSON.parse(render('{"envelope": <aws.events.event>}'));
    expect(output.envelope.source).toBe('aws.guardduty');
    expect(output.envelope).not.toHaveProperty('detail');
  });
});

describe('JSONPath', () => {
  it('resolves $, dot notation and array indices', () => {
    expect(resolveJsonPath('$', event)).toBe(event);
    expect(resolveJsonPath('$.detail-type', event)).toBe('GuardDuty Finding');
    expect(resolveJsonPath('$.detail.resource.ids[0]', event)).toBe('i-1');
    expect(resolveJsonPath('$.detail.partition', event)).toBeNull();
  });

  it('returns undefined for missing paths, out-of-range indices and inherited properties', () => {
    expect(resolveJsonPath('$.detail.nothing.deeper', event)).toBeUndefined();
    expect(resolveJsonPath('$.resources[5]', event)).toBeUndefined();
    expect(resolveJsonPath('$.detail[0]', event)).toBeUndefined();
    expect(resolveJsonPath('$.detail.constructor', event)).toBeUndefined();
  });

  it.each(['$.resources[*]', "$['detail']", '$..type', 'detail.type', '$.detail.'])(
    'rejects unsupported syntax %s',
    (path) => {
      expect(() => resolveJsonPath(path, event)).toThrow(UnsupportedJsonPathError);
      expect(() =>
        renderInputTransformer({ InputPathsMap: { x: path }, InputTemplate: '<x>' }, event),
      ).toThrow(`JSONPath "${path}" is not supported by the offline preview`);
    },
  );
});
