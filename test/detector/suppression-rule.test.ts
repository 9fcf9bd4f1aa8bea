import { Lazy, Stack } from 'aws-cdk-lib';
import { CfnFilter } from 'aws-cdk-lib/aws-guardduty';
import { describe, expect, it } from 'vitest';
import { GuardDutyDetector } from '../../packages/construct-library/src/detector/guardduty-detector';
import {
  createSuppressionRules,
  DEFAULT_SUPPRESSION_RULE_DESCRIPTION,
  SuppressionRule,
  SuppressionRuleOptions,
  suppressionRuleProblems,
  suppressionRulesProblems,
} from '../../packages/construct-library/src/detector/suppression-rule';
import {
  throwIfProblems,
  ValidationError,
} from '../../packages/construct-library/src/private/validation-error';

/** The rule's problems thrown as the construct throws them, under the path the messages below expect. */
const validateSuppressionRule = (options: SuppressionRuleOptions, field = 'suppressionRule') =>
  throwIfProblems(undefined, suppressionRuleProblems(options, field));
import { checkedStack, checkedTemplate } from '../helpers/checked-app';

const PORT_PROBE = {
  name: 'ignore-port-probes-on-scanners',
  criteria: [
    { field: 'type', equalTo: ['Recon:EC2/PortProbeUnprotectedPort'] },
    { field: 'resource.instanceDetails.tags.value', equalTo: ['vulnerability-scanner'] },
  ],
};

const EVERY_OPERATOR = [
  { field: 'type', equalTo: ['Recon:EC2/PortProbeUnprotectedPort'], notEqualTo: ['Recon:EC2/Portscan'] },
  { field: 'severity', greaterThan: 1, greaterThanOrEqual: 2, lessThan: 7, lessThanOrEqual: 6 },
  { field: 'resource.instanceDetails.tags.value', matches: ['scanner-*'], notMatches: ['prod-*'] },
  { field: 'updatedAt', greaterThanOrEqual: 1735689600000 },
];

const validate = (options: Partial<SuppressionRuleOptions>, field?: string) => () =>
  validateSuppressionRule({ ...PORT_PROBE, ...options } as SuppressionRuleOptions, field);

describe('SuppressionRule', () => {
  it('creates a filter that archives the matching findings of the detector', () => {
    const stack = checkedStack();
    const detector = new GuardDutyDetector(stack, 'Detector');
    new SuppressionRule(stack, 'PortProbes', { detector, ...PORT_PROBE });
    const template = checkedTemplate(stack);
    template.resourceCountIs('AWS::GuardDuty::Filter', 1);
    template.hasResourceProperties('AWS::GuardDuty::Filter', {
      Action: 'ARCHIVE',
      DetectorId: { Ref: stack.getLogicalId(detector.cfnDetector) },
      Name: 'ignore-port-probes-on-scanners',
      Description: DEFAULT_SUPPRESSION_RULE_DESCRIPTION,
      Rank: 1,
      FindingCriteria: {
        Criterion: {
          type: { Equals: ['Recon:EC2/PortProbeUnprotectedPort'] },
          'resource.instanceDetails.tags.value': { Equals: ['vulnerability-scanner'] },
        },
      },
    });
  });

  it('emits the criteria exactly, with nothing else in FindingCriteria', () => {
    const stack = checkedStack();
    const rule = new SuppressionRule(stack, 'Rule', {
      detector: new GuardDutyDetector(stack, 'Detector'),
      ...PORT_PROBE,
    });
    const filter = checkedTemplate(stack).toJSON().Resources[stack.getLogicalId(rule.cfnFilter)];
    expect(filter.Properties.FindingCriteria).toStrictEqual({
      Criterion: {
        type: { Equals: ['Recon:EC2/PortProbeUnprotectedPort'] },
        'resource.instanceDetails.tags.value': { Equals: ['vulnerability-scanner'] },
      },
    });
  });

  it('passes CloudFormation Validate and cdk-nag with every operator at once', () => {
    const stack = checkedStack();
    new SuppressionRule(stack, 'Everything', {
      detector: new GuardDutyDetector(stack, 'Detector'),
      name: 'every.operator_at-once',
      description: 'Exercises every operator: Equals and NotEquals with ranges (1-7) and patterns [scanner-]',
      rank: 100,
      criteria: EVERY_OPERATOR,
    });
    checkedTemplate(stack).hasResourceProperties('AWS::GuardDuty::Filter', {
      Name: 'every.operator_at-once',
      Description: 'Exercises every operator: Equals and NotEquals with ranges (1-7) and patterns [scanner-]',
      Rank: 100,
      Action: 'ARCHIVE',
      FindingCriteria: {
        Criterion: {
          type: { Equals: ['Recon:EC2/PortProbeUnprotectedPort'], NotEquals: ['Recon:EC2/Portscan'] },
          severity: { GreaterThan: 1, GreaterThanOrEqual: 2, LessThan: 7, LessThanOrEqual: 6 },
          'resource.instanceDetails.tags.value': { Matches: ['scanner-*'], NotMatches: ['prod-*'] },
          updatedAt: { GreaterThanOrEqual: 1735689600000 },
        },
      },
    });
  });

  it('works with an imported detector, creating no detector', () => {
    const stack = checkedStack('Imported', { env: { account: '111122223333', region: 'ap-northeast-1' } });
    const detector = GuardDutyDetector.fromDetectorId(stack, 'Existing', '12abc34d567e8fa901bc2d34e0a1b2c3');
    new SuppressionRule(stack, 'Rule', { detector, ...PORT_PROBE, rank: 3 });
    const template = checkedTemplate(stack);
    template.resourceCountIs('AWS::GuardDuty::Detector', 0);
    template.hasResourceProperties('AWS::GuardDuty::Filter', {
      DetectorId: '12abc34d567e8fa901bc2d34e0a1b2c3',
      Action: 'ARCHIVE',
      Rank: 3,
    });
  });

  it('keeps its own name, rank and criteria when a detector has several rules', () => {
    const stack = checkedStack();
    const detector = new GuardDutyDetector(stack, 'Detector');
    new SuppressionRule(stack, 'First', { detector, ...PORT_PROBE });
    new SuppressionRule(stack, 'Second', {
      detector,
      name: 'ignore-low-severity',
      rank: 2,
      criteria: [{ field: 'severity', lessThan: 4 }],
    });
    const template = checkedTemplate(stack);
    template.resourceCountIs('AWS::GuardDuty::Filter', 2);
    template.hasResourceProperties('AWS::GuardDuty::Filter', {
      Name: 'ignore-low-severity',
      Rank: 2,
      FindingCriteria: { Criterion: { severity: { LessThan: 4 } } },
    });
  });

  it('uses a default description that GuardDuty documents as valid', () => {
    expect(DEFAULT_SUPPRESSION_RULE_DESCRIPTION).toMatch(/^[A-Za-z0-9 .\-:_/(){}[\]]{1,512}$/);
    expect(DEFAULT_SUPPRESSION_RULE_DESCRIPTION).toContain('cdk-guardduty-threat-detection');
  });

  it('rejects a bad rule at synth, before anything is added to the stack', () => {
    const stack = new Stack();
    const detector = GuardDutyDetector.fromDetectorId(stack, 'Existing', '12abc34d567e8fa901bc2d34e0a1b2c3');
    expect(
      () =>
        new SuppressionRule(stack, 'Rule', {
          detector,
          name: 'bad name',
          criteria: [{ field: 'type', greaterThan: 1 }],
        }),
    ).toThrow(ValidationError);
    expect(stack.node.findAll().filter((c) => c instanceof CfnFilter)).toEqual([]);
  });
});

describe('validateSuppressionRule', () => {
  it('accepts a valid rule and the limits themselves', () => {
    expect(validate({})).not.toThrow();
    expect(validate({ name: 'abc', description: 'd'.repeat(512), rank: 1 })).not.toThrow();
    expect(validate({ name: `a.b_c-${'x'.repeat(58)}`, rank: 100 })).not.toThrow();
  });

  it.each([
    ['ab', 'it is 2 characters long', ''],
    ['x'.repeat(65), 'it is 65 characters long', `, for example "${'x'.repeat(64)}"`],
    ['ignore port probes', 'it contains " "', ', for example "ignore-port-probes"'],
    ['scanners/probes:prod', 'it contains "/", ":"', ', for example "scanners-probes-prod"'],
    ['é!', 'it is 2 characters long and it contains "é", "!"', ''],
  ])('rejects the name %j', (name, reason, example) => {
    expect(validate({ name })).toThrow(
      `suppressionRule.name ${JSON.stringify(name)} is not a valid GuardDuty filter name: ${reason}. A name is 3 ` +
        `to 64 characters of letters, digits, '.', '_' and '-'${example}.`,
    );
  });

  it('rejects a description longer than 512 characters', () => {
    expect(validate({ description: 'd'.repeat(513) })).toThrow(
      `suppressionRule.description "${'d'.repeat(199)}… (515 characters) is 513 characters long; GuardDuty accepts ` +
        'at most 512. Shorten it.',
    );
  });

  it('accepts a description of every character GuardDuty documents, and letters of any script', () => {
    expect(
      validate({ description: 'Scanner 10.0.0.1: ignore (ticket SEC-42) [prod]/{a_b}\t\n\v\f\r' }),
    ).not.toThrow();
    expect(validate({ description: '脆弱性スキャナーのポートプローブ' })).not.toThrow();
  });

  it.each([
    ["Ignore the scanner's probes, for now!", '"\'", ",", "!"'],
    ['Alert #1 @ops; "noisy"', '"#", "@", ";", "\\""'],
  ])('rejects the description %j, with characters GuardDuty refuses', (description, characters) => {
    expect(validate({ description })).toThrow(
      `suppressionRule.description ${JSON.stringify(description)} contains ${characters}, which GuardDuty does ` +
        "not accept in a filter description. Use only letters, digits, spaces and '.', '-', ':', '_', '/', '(', " +
        "')', '[', ']', '{', '}'.",
    );
  });

  it('shortens a long description in the message, and reports its length too', () => {
    const description = `${'d'.repeat(520)}!`;
    expect(suppressionRuleProblems({ ...PORT_PROBE, description }, 'suppressionRule')).toEqual([
      `suppressionRule.description "${'d'.repeat(199)}… (523 characters) is 521 characters long; GuardDuty accepts ` +
        'at most 512. Shorten it.',
      `suppressionRule.description "${'d'.repeat(199)}… (523 characters) contains "!", which GuardDuty does ` +
        "not accept in a filter description. Use only letters, digits, spaces and '.', '-', ':', '_', '/', '(', " +
        "')', '[', ']', '{', '}'.",
    ]);
  });

  it.each([0, 101, 1.5, -1])('rejects the rank %j', (rank) => {
    expect(validate({ rank })).toThrow(
      `suppressionRule.rank ${rank} is not a whole number from 1 to 100; GuardDuty evaluates filters in rank ` +
        'order, 1 first. Use a whole number between 1 and 100.',
    );
  });

  it('checks the criteria with their path', () => {
    expect(validate({ criteria: [{ field: 'type', greaterThanOrEqual: 3 }] })).toThrow(
      'suppressionRule.criteria[0] compares "type" with greaterThanOrEqual, but "type" is not a numeric field',
    );
  });

  it('names the rule by the path the caller gives', () => {
    expect(validate({ rank: 0 }, 'suppressionRules[2]')).toThrow(/^suppressionRules\[2\]\.rank 0 is not/);
  });

  it('lists every problem in one message, one per line', () => {
    let message = '';
    try {
      validateSuppressionRule({ name: 'x', rank: 0, criteria: [{ field: 'severity', greaterThan: 2.5 }] });
    } catch (e) {
      expect(e).toBeInstanceOf(ValidationError);
      message = (e as Error).message;
    }
    expect(message.split('\n')).toEqual([
      expect.stringMatching(
        /^suppressionRule\.name "x" is not a valid GuardDuty filter name: it is 1 character long/,
      ),
      expect.stringMatching(/^suppressionRule\.rank 0 is not a whole number from 1 to 100/),
      expect.stringMatching(/^suppressionRule\.criteria\[0\]\.greaterThan 2\.5 is not a whole number/),
    ]);
  });

  it('skips the checks of values that are tokens', () => {
    expect(
      validate({
        name: Lazy.string({ produce: () => 'x' }),
        description: Lazy.string({ produce: () => 'd'.repeat(600) }),
        rank: Lazy.number({ produce: () => 0 }),
      }),
    ).not.toThrow();
  });
});

describe('createSuppressionRules', () => {
  const rules = (count: number) =>
    Array.from({ length: count }, (_, i) => ({
      name: `ignore-instance-${i}`,
      criteria: [{ field: 'resource.instanceDetails.instanceId', equalTo: [`i-${i}`] }],
    }));

  it('creates 100 rules, the most GuardDuty allows per detector', () => {
    const stack = new Stack();
    const detector = GuardDutyDetector.fromDetectorId(stack, 'Existing', '12abc34d567e8fa901bc2d34e0a1b2c3');
    expect(createSuppressionRules(stack, detector, rules(100))).toHaveLength(100);
    expect(suppressionRulesProblems(rules(100))).toEqual([]);
  });

  it('rejects 101 rules at synth, saying how many and to merge rules, before creating any', () => {
    const stack = new Stack();
    const detector = GuardDutyDetector.fromDetectorId(stack, 'Existing', '12abc34d567e8fa901bc2d34e0a1b2c3');
    const message =
      'suppressionRules has 101 rules; GuardDuty allows at most 100 filters (suppression rules and saved ' +
      "filters together) per detector, that is per account and Region, and every rule is created in each Region's " +
      'detector. Merge rules until at most 100 remain: rules that differ only in the values of one field can be ' +
      'one rule whose list for that field holds all their values.';
    expect(() => createSuppressionRules(stack, detector, rules(101))).toThrow(message);
    expect(stack.node.findAll().filter((c) => c instanceof CfnFilter)).toEqual([]);
    expect(suppressionRulesProblems(rules(101), 'suppressionRules')).toEqual([message]);
  });
});
