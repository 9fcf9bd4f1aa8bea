import { describe, expect, it } from 'vitest';
import {
  type CloudFormationTemplate,
  isIntrinsic,
  resolveCloudFormationValue,
  type ResolveContext,
  UnsupportedIntrinsicError,
} from '../../cli/preview/cloudformation-values';

const template: CloudFormationTemplate = {
  Mappings: {
    ConsoleDomain: {
      aws: { domain: 'console.aws.amazon.com' },
      'aws-cn': { domain: 'console.amazonaws.cn' },
    },
    Nested: { aws: { value: { 'Fn::Join': ['.', ['a', { Ref: 'AWS::Region' }]] } } },
  },
  Parameters: { BootstrapVersion: { Type: 'String', Default: '/cdk-bootstrap/hnb659fds/version' } },
  Resources: {
    Topic: { Type: 'AWS::SNS::Topic' },
    Queue: { Type: 'AWS::SQS::Queue' },
  },
};

const context: ResolveContext = {
  template,
  partition: 'aws',
  region: 'eu-west-1',
  accountId: '111122223333',
  stackName: 'Alerts',
};

const resolve = (value: unknown, ctx: Partial<ResolveContext> = {}) =>
  resolveCloudFormationValue(value, { ...context, ...ctx }, 'Resources.Rule.Properties');

describe('plain values', () => {
  it('returns JSON without intrinsics unchanged', () => {
    const value = { a: [1, 'two', null, true, { b: 'c' }], Ref2: 'x', 'Fn:Join': 'not an intrinsic' };
    expect(resolve(value)).toEqual(value);
    expect(resolve('text')).toBe('text');
  });

  it('recognizes an intrinsic only as an object with a single Ref or Fn:: key', () => {
    expect(isIntrinsic({ Ref: 'X' })).toBe(true);
    expect(isIntrinsic({ 'Fn::Sub': 'x' })).toBe(true);
    expect(isIntrinsic({ Ref: 'X', Other: 1 })).toBe(false);
    expect(isIntrinsic([{ Ref: 'X' }])).toBe(false);
  });
});

describe('pseudo parameters', () => {
  it('resolves AWS::Partition, AWS::Region, AWS::AccountId and AWS::StackName from the context', () => {
    expect(
      resolve({
        'Fn::Join': [
          ':',
          [
            { Ref: 'AWS::Partition' },
            { Ref: 'AWS::Region' },
            { Ref: 'AWS::AccountId' },
            { Ref: 'AWS::StackName' },
          ],
        ],
      }),
    ).toBe('aws:eu-west-1:111122223333:Alerts');
  });

  it.each([
    ['aws', 'amazonaws.com'],
    ['aws-cn', 'amazonaws.com.cn'],
    ['aws-us-gov', 'amazonaws.com'],
  ])('resolves AWS::URLSuffix in partition %s to %s', (partition, suffix) => {
    expect(resolve({ Ref: 'AWS::URLSuffix' }, { partition })).toBe(suffix);
  });

  it('refuses AWS::URLSuffix in an unknown partition', () => {
    expect(() => resolve({ Ref: 'AWS::URLSuffix' }, { partition: 'aws-mars' })).toThrow(
      /unknown partition "aws-mars"/,
    );
  });

  it('refuses other pseudo parameters, naming them', () => {
    expect(() => resolve({ Ref: 'AWS::NoValue' })).toThrow(UnsupportedIntrinsicError);
    expect(() => resolve({ Ref: 'AWS::StackId' })).toThrow(
      /Ref AWS::StackId at Resources\.Rule\.Properties\.Ref/,
    );
    expect(() => resolve({ Ref: 'AWS::StackName' }, { stackName: undefined })).toThrow(/Ref AWS::StackName/);
  });
});

describe('Fn::Join', () => {
  it('joins strings and resolved values with the delimiter', () => {
    expect(resolve({ 'Fn::Join': ['', ['arn:', { Ref: 'AWS::Partition' }, ':sns:::x']] })).toBe(
      'arn:aws:sns:::x',
    );
    expect(resolve({ 'Fn::Join': [', ', ['a', 1, true]] })).toBe('a, 1, true');
    expect(resolve({ 'Fn::Join': ['-', []] })).toBe('');
  });

  it('joins nested joins', () => {
    expect(resolve({ 'Fn::Join': ['/', ['a', { 'Fn::Join': ['.', ['b', 'c']] }]] })).toBe('a/b.c');
  });

  it('refuses malformed arguments and values that are not text', () => {
    expect(() => resolve({ 'Fn::Join': ['', 'not a list'] })).toThrow(/Fn::Join .*not a list/);
    expect(() => resolve({ 'Fn::Join': [''] })).toThrow(/expected \[delimiter, \[values\.\.\.\]\]/);
    expect(() => resolve({ 'Fn::Join': ['', [{ a: 1 }]] })).toThrow(/cannot join \{"a":1\}/);
  });
});

describe('Fn::FindInMap', () => {
  it('looks up the template Mappings, with keys that are intrinsics', () => {
    const domain = { 'Fn::FindInMap': ['ConsoleDomain', { Ref: 'AWS::Partition' }, 'domain'] };
    expect(resolve(domain)).toBe('console.aws.amazon.com');
    expect(resolve(domain, { partition: 'aws-cn' })).toBe('console.amazonaws.cn');
  });

  it('resolves intrinsics inside the mapped value', () => {
    expect(resolve({ 'Fn::FindInMap': ['Nested', 'aws', 'value'] })).toBe('a.eu-west-1');
  });

  it('uses DefaultValue when the key is missing', () => {
    const domain = {
      'Fn::FindInMap': ['ConsoleDomain', { Ref: 'AWS::Partition' }, 'domain', { DefaultValue: 'fallback' }],
    };
    expect(resolve(domain, { partition: 'aws-iso' })).toBe('fallback');
  });

  it('names the missing mapping or key', () => {
    const domain = { 'Fn::FindInMap': ['ConsoleDomain', { Ref: 'AWS::Partition' }, 'domain'] };
    expect(() => resolve(domain, { partition: 'aws-iso' })).toThrow(
      /Fn::FindInMap ConsoleDomain\.aws-iso\.domain .*no key aws-iso in ConsoleDomain/,
    );
    expect(() => resolve({ 'Fn::FindInMap': ['Nope', 'aws', 'domain'] })).toThrow(/no mapping Nope/);
    expect(() => resolve({ 'Fn::FindInMap': ['ConsoleDomain', 'aws', 'host'] })).toThrow(
      /no key host in ConsoleDomain\.aws/,
    );
    expect(() => resolve({ 'Fn::FindInMap': ['ConsoleDomain', 'aws', { toString: 1 }] })).toThrow(
      /keys must be strings/,
    );
  });
});

describe('resources', () => {
  it('turns Ref and Fn::GetAtt of a resource into readable placeholders', () => {
    expect(resolve({ Ref: 'Topic' })).toBe('<Topic.Ref>');
    expect(resolve({ 'Fn::GetAtt': ['Queue', 'Arn'] })).toBe('<Queue.Arn>');
    expect(resolve({ 'Fn::GetAtt': 'Queue.Arn' })).toBe('<Queue.Arn>');
    expect(resolve({ Arn: { 'Fn::Join': ['', [{ 'Fn::GetAtt': ['Queue', 'Arn'] }, '/x']] } })).toEqual({
      Arn: '<Queue.Arn>/x',
    });
  });

  it('refuses references to what the template does not hold, and parameters', () => {
    expect(() => resolve({ Ref: 'Missing' })).toThrow(/Ref Missing .*no resource or parameter/);
    expect(() => resolve({ 'Fn::GetAtt': ['Missing', 'Arn'] })).toThrow(/Fn::GetAtt Missing\.Arn/);
    expect(() => resolve({ Ref: 'BootstrapVersion' })).toThrow(/Ref BootstrapVersion .*a parameter/);
  });
});

describe('unsupported intrinsics', () => {
  it.each(['Fn::Sub', 'Fn::Select', 'Fn::If', 'Fn::ImportValue', 'Fn::Split', 'Fn::Base64', 'Fn::GetAZs'])(
    'throws for %s, naming it and its location',
    (name) => {
      let error: unknown;
      try {
        resolve({ Targets: [{ Input: { [name]: ['x'] } }] });
      } catch (e) {
        error = e;
      }
      expect(error).toBeInstanceOf(UnsupportedIntrinsicError);
      expect((error as UnsupportedIntrinsicError).intrinsic).toBe(name);
      expect((error as Error).message).toBe(
        `CloudFormation ${name} at Resources.Rule.Properties.Targets[0].Input cannot be resolved by the offline ` +
          'preview (only Fn::Join, Fn::FindInMap, Ref and Fn::GetAtt)',
      );
    },
  );

  it('throws for an unsupported intrinsic nested in a supported one', () => {
    expect(() => resolve({ 'Fn::Join': ['', ['a', { 'Fn::Sub': '${AWS::Region}' }]] })).toThrow(
      /Fn::Sub at Resources\.Rule\.Properties\.Fn::Join\[1\]\[1\]/,
    );
  });
});
