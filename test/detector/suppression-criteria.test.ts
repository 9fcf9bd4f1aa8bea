import * as fs from 'node:fs';
import * as path from 'node:path';
import { Lazy, Token } from 'aws-cdk-lib';
import { describe, expect, it } from 'vitest';
import { findingCriteriaProblems } from '../../packages/construct-library/src/detector/finding-criteria';
import {
  FindingCriterion,
  OPERATORS,
  renderFindingCriteria,
} from '../../packages/construct-library/src/detector/finding-criterion';
import {
  editDistance,
  FILTER_FIELDS,
  isFilterField,
  isNumericField,
  isTimestampField,
  NUMBER_FIELDS,
  suggestFilterFields,
  TIMESTAMP_FIELDS,
} from '../../packages/construct-library/src/detector/finding-filter-fields';

const AT = 'rules[0].criteria';
const problemsOf = (criteria: FindingCriterion[]) => findingCriteriaProblems(criteria, AT);
/** For inputs that TypeScript would refuse but a JSON configuration can contain. */
const loose = (criteria: unknown) => problemsOf(criteria as FindingCriterion[]);
const TAGS = 'resource.instanceDetails.tags.value';
const FIELDS_DOC = 'https://docs.aws.amazon.com/guardduty/latest/APIReference/API_CreateFilter.html';
const OPERATOR_LIST =
  'equalTo, notEqualTo, greaterThan, greaterThanOrEqual, lessThan, lessThanOrEqual, matches, notMatches';

/** The field list in the JSDoc of CfnFilter.FindingCriteriaProperty.criterion, as aws-cdk-lib ships it. */
function cdkDocumentedFields(): string[] {
  const dts = fs.readFileSync(
    path.join(__dirname, '../../node_modules/aws-cdk-lib/aws-guardduty/lib/guardduty.generated.d.ts'),
    'utf8',
  );
  const start = dts.indexOf('The following are the available criterion');
  const block = dts.slice(start, dts.indexOf('@see', start));
  return [...block.matchAll(/^\s*\* - ([a-zA-Z][A-Za-z0-9_.]+)\s*$/gm)].map((m) => m[1]);
}

describe('renderFindingCriteria', () => {
  it('emits every operator under its exact CloudFormation name, in a fixed order', () => {
    const rendered = renderFindingCriteria([
      {
        field: 'severity',
        lessThanOrEqual: 8,
        greaterThan: 4,
        lessThan: 9,
        greaterThanOrEqual: 5,
      },
      { field: 'type', notEqualTo: ['Recon:EC2/Portscan'], equalTo: ['Recon:EC2/PortProbeUnprotectedPort'] },
      { field: TAGS, notMatches: ['prod-*'], matches: ['scanner-*'] },
    ]);
    expect(rendered).toEqual({
      severity: { GreaterThan: 4, GreaterThanOrEqual: 5, LessThan: 9, LessThanOrEqual: 8 },
      type: { Equals: ['Recon:EC2/PortProbeUnprotectedPort'], NotEquals: ['Recon:EC2/Portscan'] },
      [TAGS]: { Matches: ['scanner-*'], NotMatches: ['prod-*'] },
    });
    expect(Object.keys(rendered.severity)).toEqual([
      'GreaterThan',
      'GreaterThanOrEqual',
      'LessThan',
      'LessThanOrEqual',
    ]);
    expect(Object.keys(rendered.type)).toEqual(['Equals', 'NotEquals']);
    expect(Object.keys(rendered[TAGS])).toEqual(['Matches', 'NotMatches']);
  });

  it('knows exactly the eight current operators and never the deprecated Eq/Neq/Gt/Gte/Lt/Lte', () => {
    expect(OPERATORS.map((op) => [op.prop, op.cfnName])).toEqual([
      ['equalTo', 'Equals'],
      ['notEqualTo', 'NotEquals'],
      ['greaterThan', 'GreaterThan'],
      ['greaterThanOrEqual', 'GreaterThanOrEqual'],
      ['lessThan', 'LessThan'],
      ['lessThanOrEqual', 'LessThanOrEqual'],
      ['matches', 'Matches'],
      ['notMatches', 'NotMatches'],
    ]);
    const all: FindingCriterion = {
      field: 'severity',
      equalTo: ['7'],
      notEqualTo: ['8'],
      greaterThan: 1,
      greaterThanOrEqual: 2,
      lessThan: 10,
      lessThanOrEqual: 9,
      matches: ['1*'],
      notMatches: ['2*'],
    };
    const keys = Object.keys(renderFindingCriteria([all]).severity);
    expect(keys).toHaveLength(8);
    for (const deprecated of ['Eq', 'Neq', 'Gt', 'Gte', 'Lt', 'Lte']) expect(keys).not.toContain(deprecated);
  });

  it('leaves out operators that are not set and copies the value lists', () => {
    const values = ['123456789012'];
    const rendered = renderFindingCriteria([{ field: 'accountId', equalTo: values }]);
    expect(rendered).toEqual({ accountId: { Equals: ['123456789012'] } });
    values.push('210987654321');
    expect(rendered.accountId.Equals).toEqual(['123456789012']);
  });

  it('renders an empty map for no criteria', () => {
    expect(renderFindingCriteria([])).toEqual({});
  });
});

describe('documented filter fields', () => {
  it('accepts every field of the CDK criterion JSDoc, deduplicated', () => {
    const cdk = cdkDocumentedFields();
    expect(cdk.length).toBeGreaterThan(90);
    expect(cdk.filter((f) => !isFilterField(f))).toEqual([]);
  });

  it('is sorted, without duplicates, and includes fields only the API reference documents', () => {
    expect(new Set(FILTER_FIELDS).size).toBe(FILTER_FIELDS.length);
    expect([...FILTER_FIELDS].sort()).toEqual(FILTER_FIELDS);
    for (const field of [
      'service.count',
      'confidence',
      'createdAt',
      'title',
      'service.runtimeDetails.process.executablePath',
      'service.action.portProbeAction.portProbeDetails.localPortDetails.port',
    ]) {
      expect(isFilterField(field)).toBe(true);
    }
  });

  it('treats the documented epoch-millisecond timestamps and number fields as numeric, and nothing else', () => {
    for (const field of [...TIMESTAMP_FIELDS, ...NUMBER_FIELDS]) expect(isFilterField(field)).toBe(true);
    expect(TIMESTAMP_FIELDS).toContain('updatedAt');
    expect(TIMESTAMP_FIELDS).toContain('createdAt');
    expect(TIMESTAMP_FIELDS).toContain('service.eventLastSeen');
    for (const field of [
      'severity',
      'updatedAt',
      'service.count',
      'service.action.networkConnectionAction.localPortDetails.port',
      'service.action.networkConnectionAction.remotePortDetails.port',
      'service.action.kubernetesApiCallAction.statusCode',
    ]) {
      expect(isNumericField(field)).toBe(true);
    }
    for (const field of ['type', 'accountId', 'region', TAGS, 'service.archived']) {
      expect(isNumericField(field)).toBe(false);
    }
    expect(isTimestampField('updatedAt')).toBe(true);
    expect(isTimestampField('severity')).toBe(false);
  });
});

describe('suggestFilterFields', () => {
  it.each([
    ['severty', ['severity']],
    ['Severity', ['severity']],
    ['Resource.InstanceDetails.Tags.Value', [TAGS]],
    ['resource.instanceDetails.tag.value', [TAGS]],
    ['instanceDetails.tags.value', [TAGS]],
    ['instanceId', ['resource.instanceDetails.instanceId']],
    ['xyzzy-nothing', []],
  ])('suggests for %j: %j', (input, expected) => {
    expect(suggestFilterFields(input)).toEqual(expected);
  });

  it('measures edit distance', () => {
    expect(editDistance('', 'abc')).toBe(3);
    expect(editDistance('kitten', 'sitting')).toBe(3);
    expect(editDistance('same', 'same')).toBe(0);
  });
});

describe('findingCriteriaProblems', () => {
  it('accepts a rule that uses every operator correctly', () => {
    expect(
      problemsOf([
        {
          field: 'type',
          equalTo: ['Recon:EC2/PortProbeUnprotectedPort'],
          notEqualTo: ['Recon:EC2/Portscan'],
        },
        { field: 'severity', greaterThanOrEqual: 1, lessThan: 4 },
        { field: 'updatedAt', greaterThan: 1735689600000, lessThanOrEqual: 1767225600000 },
        { field: TAGS, matches: ['scanner-*'], notMatches: ['prod-*'] },
      ]),
    ).toEqual([]);
  });

  describe('the list of criteria', () => {
    it('rejects an empty list: it would archive every finding', () => {
      expect(problemsOf([])).toEqual([
        `${AT} is empty; GuardDuty needs at least one criterion (a rule without one would archive every finding). ` +
          `Add one, for example { field: 'type', equalTo: ['Recon:EC2/PortProbeUnprotectedPort'] }.`,
      ]);
    });

    it('accepts 50 criteria and rejects 51', () => {
      const criteria = FILTER_FIELDS.slice(0, 51).map((field) => ({ field, equalTo: ['x'] }));
      expect(problemsOf(criteria.slice(0, 50))).toEqual([]);
      expect(problemsOf(criteria)).toEqual([
        `${AT} has 51 criteria; GuardDuty accepts at most 50 per filter. Remove criteria until 50 remain, ` +
          'knowing that each one removed makes the rule archive more findings.',
      ]);
    });

    it('rejects something that is not a list, and a criterion that is not an object', () => {
      expect(loose('type')).toEqual([
        `${AT} "type" is not a list of criteria; write it as [{ field: 'type', equalTo: ['...'] }].`,
      ]);
      expect(loose(['type'])).toEqual([
        `${AT}[0] "type" is not a criterion; write it as { field: 'type', equalTo: ['...'] }.`,
      ]);
    });
  });

  describe('fields', () => {
    it('rejects an unknown field with the closest documented one', () => {
      expect(problemsOf([{ field: 'severty', equalTo: ['8'] }])).toEqual([
        `${AT}[0].field "severty" is not a field GuardDuty can filter on. Did you mean "severity"? Fields are ` +
          `case-sensitive paths in the finding format, listed under findingCriteria in ${FIELDS_DOC}.`,
      ]);
    });

    it('rejects a field in the wrong case, suggesting the right case', () => {
      expect(problemsOf([{ field: 'Type', equalTo: ['x'] }])).toEqual([
        expect.stringContaining(
          `${AT}[0].field "Type" is not a field GuardDuty can filter on. Did you mean "type"?`,
        ),
      ]);
    });

    it('rejects an unknown field without a close match, pointing to the list', () => {
      expect(problemsOf([{ field: 'xyzzy-nothing', equalTo: ['x'] }])).toEqual([
        `${AT}[0].field "xyzzy-nothing" is not a field GuardDuty can filter on. Use a field listed under ` +
          `findingCriteria in ${FIELDS_DOC}, such as "type", "severity" or "resource.instanceDetails.tags.value".`,
      ]);
    });

    it('rejects a missing or empty field', () => {
      const fix = 'name the finding field to test, such as "type" or "resource.instanceDetails.tags.value".';
      expect(loose([{ equalTo: ['x'] }])).toEqual([`${AT}[0].field is missing; ${fix}`]);
      expect(problemsOf([{ field: '', equalTo: ['x'] }])).toEqual([`${AT}[0].field is empty; ${fix}`]);
    });

    it('rejects a field used twice, naming where it was first used', () => {
      expect(
        problemsOf([
          { field: 'type', equalTo: ['a'] },
          { field: 'region', equalTo: ['us-east-1'] },
          { field: 'type', notEqualTo: ['b'] },
        ]),
      ).toEqual([
        `${AT}[2].field "type" is already tested by ${AT}[0]; GuardDuty keeps one condition per field, so one ` +
          'would silently replace the other. Merge both into one criterion (its operators are ANDed).',
      ]);
    });
  });

  describe('operators', () => {
    it('rejects a criterion without an operator', () => {
      expect(problemsOf([{ field: 'accountId' }])).toEqual([
        `${AT}[0] ("accountId") sets no operator; set at least one of ${OPERATOR_LIST}.`,
      ]);
    });

    it.each([
      ['eq', 'equalTo'],
      ['Gte', 'greaterThanOrEqual'],
      ['NotEquals', 'notEqualTo'],
      ['greaterThen', 'greaterThan'],
    ])('rejects the unknown property %j, suggesting %j', (key, suggestion) => {
      expect(loose([{ field: 'type', equalTo: ['x'], [key]: ['y'] }])).toEqual([
        `${AT}[0].${key} is not a criterion property; did you mean ${suggestion}? A criterion has a field and ` +
          `one or more of ${OPERATOR_LIST}.`,
      ]);
    });

    it('rejects an unknown property without a close operator', () => {
      expect(loose([{ field: 'type', equalTo: ['x'], values: ['y'] }])).toEqual([
        `${AT}[0].values is not a criterion property. A criterion has a field and one or more of ${OPERATOR_LIST}.`,
      ]);
    });
  });

  describe('numeric operators', () => {
    it('rejects them on a field that is not numeric', () => {
      expect(problemsOf([{ field: 'type', greaterThan: 3, lessThan: 9 }])).toEqual([
        `${AT}[0] compares "type" with greaterThan, lessThan, but "type" is not a numeric field; numeric ` +
          'operators work on numbers such as severity, confidence, ports and counts, and on timestamps such as ' +
          'updatedAt (epoch milliseconds). Use equalTo, notEqualTo, matches or notMatches.',
      ]);
    });

    it('accepts them on severity, ports, status codes, counts and timestamps', () => {
      expect(
        problemsOf([
          { field: 'severity', greaterThanOrEqual: 7 },
          { field: 'service.action.networkConnectionAction.localPortDetails.port', lessThan: 1024 },
          { field: 'service.action.networkConnectionAction.remotePortDetails.port', greaterThan: 1023 },
          { field: 'service.action.kubernetesApiCallAction.statusCode', greaterThanOrEqual: 400 },
          { field: 'service.count', greaterThan: 100 },
          { field: 'updatedAt', lessThan: 1767225600000 },
        ]),
      ).toEqual([]);
    });

    it('rejects a fraction: CloudFormation types the operators as 64-bit integers', () => {
      expect(problemsOf([{ field: 'severity', greaterThanOrEqual: 6.5 }])).toEqual([
        `${AT}[0].greaterThanOrEqual 6.5 is not a whole number; CloudFormation types GreaterThanOrEqual as a ` +
          '64-bit integer. Use a whole number such as 6 or 7, with the operator that keeps the bound you mean.',
      ]);
    });

    it('rejects NaN, infinities and numbers beyond the exact range', () => {
      expect(
        problemsOf([
          { field: 'severity', greaterThan: Number.NaN },
          { field: 'service.count', lessThan: Number.POSITIVE_INFINITY },
          { field: 'updatedAt', lessThanOrEqual: 2 ** 60 },
        ]),
      ).toEqual([
        `${AT}[0].greaterThan NaN is not a finite number; give a whole number.`,
        `${AT}[1].lessThan Infinity is not a finite number; give a whole number.`,
        `${AT}[2].lessThanOrEqual ${2 ** 60} is beyond 9007199254740991, the largest whole number a JavaScript ` +
          'number holds exactly; use a smaller number.',
      ]);
    });

    it('rejects a number written as a string', () => {
      expect(loose([{ field: 'severity', greaterThanOrEqual: '7' }])).toEqual([
        `${AT}[0].greaterThanOrEqual "7" is not a number; write 7 without quotes.`,
      ]);
      expect(loose([{ field: 'severity', greaterThanOrEqual: 'high' }])).toEqual([
        `${AT}[0].greaterThanOrEqual "high" is not a number; give a whole number.`,
      ]);
    });

    it('rejects epoch seconds on a timestamp, which GuardDuty compares in milliseconds', () => {
      expect(problemsOf([{ field: 'updatedAt', greaterThan: 1735689600 }])).toEqual([
        `${AT}[0].greaterThan 1735689600 is 1970-01-21T02:08:09.600Z as epoch milliseconds, the unit GuardDuty ` +
          'uses for "updatedAt"; it looks like epoch seconds. Use 1735689600000.',
      ]);
      expect(problemsOf([{ field: 'updatedAt', greaterThanOrEqual: 0 }])).toEqual([]);
      expect(problemsOf([{ field: 'service.count', greaterThan: 1735689600 }])).toEqual([]);
    });

    it.each([
      [{ greaterThan: 5, lessThan: 5 }, 'greaterThan 5 and lessThan 5'],
      [{ greaterThanOrEqual: 6, lessThanOrEqual: 5 }, 'greaterThanOrEqual 6 and lessThanOrEqual 5'],
      [{ greaterThan: 5, lessThanOrEqual: 5 }, 'greaterThan 5 and lessThanOrEqual 5'],
      [{ greaterThanOrEqual: 5, lessThan: 5 }, 'greaterThanOrEqual 5 and lessThan 5'],
      [{ greaterThanOrEqual: 3, greaterThan: 7, lessThan: 6 }, 'greaterThan 7 and lessThan 6'],
      [{ greaterThanOrEqual: 5, greaterThan: 5, lessThanOrEqual: 5 }, 'greaterThan 5 and lessThanOrEqual 5'],
    ])('rejects the empty range %j', (range, bounds) => {
      expect(problemsOf([{ field: 'severity', ...range }])).toEqual([
        `${AT}[0] can never match: ${bounds} leave no value of "severity" between them, so the rule would never ` +
          'archive anything. Correct the bounds.',
      ]);
    });

    it.each([
      { greaterThanOrEqual: 5, lessThanOrEqual: 5 },
      { greaterThan: 7, lessThan: 8 },
      { greaterThan: 1, greaterThanOrEqual: 2, lessThan: 10, lessThanOrEqual: 9 },
    ])('accepts the range %j, which a severity can fall in', (range) => {
      expect(problemsOf([{ field: 'severity', ...range }])).toEqual([]);
    });
  });

  describe('list operators', () => {
    it.each(['equalTo', 'notEqualTo', 'matches', 'notMatches'] as const)('rejects an empty %s', (op) => {
      expect(problemsOf([{ field: 'type', [op]: [] }])).toEqual([
        `${AT}[0].${op} is empty; give at least one value or leave ${op} out.`,
      ]);
    });

    it('accepts 50 values for equalTo and 5 patterns for matches', () => {
      const values = Array.from({ length: 50 }, (_, i) => `i-${i}`);
      expect(problemsOf([{ field: 'resource.instanceDetails.instanceId', equalTo: values }])).toEqual([]);
      expect(problemsOf([{ field: TAGS, matches: values.slice(0, 5) }])).toEqual([]);
    });

    it('rejects 51 values for equalTo, suggesting to split the rule', () => {
      const values = Array.from({ length: 51 }, (_, i) => `i-${i}`);
      expect(problemsOf([{ field: 'resource.instanceDetails.instanceId', equalTo: values }])).toEqual([
        `${AT}[0].equalTo has 51 values; GuardDuty accepts at most 50. Split the values across several ` +
          'suppression rules that repeat the other criteria.',
      ]);
    });

    it('rejects 51 values for notEqualTo, warning that splitting a negative list changes its meaning', () => {
      const values = Array.from({ length: 51 }, (_, i) => `i-${i}`);
      expect(problemsOf([{ field: 'resource.instanceDetails.instanceId', notEqualTo: values }])).toEqual([
        `${AT}[0].notEqualTo has 51 values; GuardDuty accepts at most 50. Shorten the list: splitting it across ` +
          'several rules is not the same, because each rule would archive the findings the other list is meant ' +
          'to keep.',
      ]);
    });

    it('rejects 6 patterns for matches and notMatches', () => {
      const patterns = ['a*', 'b*', 'c*', 'd*', 'e*', 'f*'];
      expect(problemsOf([{ field: TAGS, matches: patterns, notMatches: patterns }])).toEqual([
        `${AT}[0].matches has 6 values; GuardDuty accepts at most 5. Split the values across several suppression ` +
          'rules that repeat the other criteria.',
        expect.stringMatching(
          /^rules\[0\]\.criteria\[0\]\.notMatches has 6 values; GuardDuty accepts at most 5\. Shorten/,
        ),
      ]);
    });

    it('rejects a pattern longer than 512 characters', () => {
      expect(problemsOf([{ field: TAGS, matches: ['x'.repeat(512)] }])).toEqual([]);
      expect(problemsOf([{ field: TAGS, notMatches: ['x'.repeat(513)] }])).toEqual([
        `${AT}[0].notMatches[0] is 513 characters long; GuardDuty accepts patterns of at most 512.`,
      ]);
    });

    it('rejects empty strings, non-strings and a bare value', () => {
      expect(
        loose([{ field: 'service.action.networkConnectionAction.localPortDetails.port', equalTo: ['', 22] }]),
      ).toEqual([
        `${AT}[0].equalTo[0] is an empty string; remove it or give the value to compare.`,
        `${AT}[0].equalTo[1] 22 is not a string; GuardDuty compares filter values as strings. Write "22".`,
      ]);
      expect(loose([{ field: 'region', equalTo: 'us-east-1' }])).toEqual([
        `${AT}[0].equalTo "us-east-1" is not a list of strings; write it as ["us-east-1"].`,
      ]);
    });

    it('rejects equalTo and notEqualTo of the same values: the criterion can never match', () => {
      expect(problemsOf([{ field: 'region', equalTo: ['us-east-1'], notEqualTo: ['us-east-1'] }])).toEqual([
        `${AT}[0] ("region") can never match: equalTo and notEqualTo both list "us-east-1", and a finding cannot ` +
          'both equal and not equal a value, so the rule would never archive anything. Remove the values from ' +
          'one of the two lists.',
      ]);
    });

    it('rejects a value in both equalTo and notEqualTo when equalTo has others too', () => {
      expect(
        problemsOf([
          { field: 'region', equalTo: ['us-east-1', 'eu-west-1'], notEqualTo: ['us-east-1', 'x'] },
        ]),
      ).toEqual([
        `${AT}[0] ("region") lists "us-east-1" in both equalTo and notEqualTo; a finding with that value fails ` +
          'notEqualTo, so listing it in equalTo contradicts itself. Remove it from one of the two lists.',
      ]);
      expect(problemsOf([{ field: 'region', equalTo: ['us-east-1'], notEqualTo: ['eu-west-1'] }])).toEqual(
        [],
      );
    });

    it.each(['equalTo', 'notEqualTo', 'matches', 'notMatches'] as const)(
      'rejects a value repeated in %s',
      (op) => {
        expect(problemsOf([{ field: TAGS, [op]: ['scanner', 'prod', 'scanner'] }])).toEqual([
          `${AT}[0].${op} lists "scanner" more than once; remove the repetition, or correct it if another value ` +
            'was meant.',
        ]);
      },
    );

    it('shortens long values and long lists of values in the message', () => {
      const long = ['a', 'b', 'c', 'd', 'e', 'f', 'x'.repeat(100)];
      const [message] = problemsOf([{ field: TAGS, equalTo: long, notEqualTo: long }]);
      expect(message).toContain(`both list "a", "b", "c", "d", "e" and 2 more, and`);
      const [repeated] = problemsOf([{ field: TAGS, equalTo: ['y'.repeat(100), 'y'.repeat(100)] }]);
      expect(repeated).toBe(
        `${AT}[0].equalTo lists "${'y'.repeat(40)}"... more than once; remove the repetition, or correct it if ` +
          'another value was meant.',
      );
    });
  });

  describe('severity values', () => {
    it('accepts the documented whole-number strings "1" to "10"', () => {
      const all = ['1', '2', '3', '4', '5', '6', '7', '8', '9', '10'];
      expect(problemsOf([{ field: 'severity', equalTo: all }])).toEqual([]);
      expect(problemsOf([{ field: 'severity', notEqualTo: ['1', '2', '3'] }])).toEqual([]);
    });

    it.each(['0', '11', '7.5', 'High', ' 7'])('rejects %j', (value) => {
      expect(problemsOf([{ field: 'severity', notEqualTo: [value] }])).toEqual([
        `${AT}[0].notEqualTo[0] ${JSON.stringify(value)} is not a severity value GuardDuty filters on: use the ` +
          'whole-number strings "1" to "10" (Low "1"-"3", Medium "4"-"6", High "7"-"8", Critical "9"-"10"), or ' +
          'greaterThanOrEqual and lessThan for a range.',
      ]);
    });
  });

  it('skips the checks of values that are tokens', () => {
    expect(
      problemsOf([
        { field: Lazy.string({ produce: () => 'Whatever' }), equalTo: ['x'] },
        { field: 'type', equalTo: Token.asList(Lazy.any({ produce: () => ['a'] })) },
        { field: 'region', notEqualTo: [Lazy.string({ produce: () => '' })] },
        { field: 'severity', greaterThan: Lazy.number({ produce: () => 9.5 }), lessThan: 2 },
      ]),
    ).toEqual([]);
  });

  it('lists every problem of every criterion, in order', () => {
    expect(
      problemsOf([
        { field: 'severty', equalTo: ['8'] },
        { field: 'type', greaterThan: 3 },
        { field: 'updatedAt', greaterThan: 1735689600, lessThan: 1 },
      ]),
    ).toEqual([
      expect.stringMatching(/^rules\[0\]\.criteria\[0\]\.field "severty"/),
      expect.stringMatching(/^rules\[0\]\.criteria\[1\] compares "type" with greaterThan/),
      expect.stringMatching(/^rules\[0\]\.criteria\[2\]\.greaterThan 1735689600 is .* epoch seconds/),
      expect.stringMatching(/^rules\[0\]\.criteria\[2\]\.lessThan 1 is .* epoch seconds/),
      expect.stringMatching(
        /^rules\[0\]\.criteria\[2\] can never match: greaterThan 1735689600 and lessThan 1/,
      ),
    ]);
  });
});
