import * as fs from 'node:fs';
import { builtinModules } from 'node:module';
import * as path from 'node:path';
import { App, Stack, Validations } from 'aws-cdk-lib';
import { Construct } from 'constructs';
import { describe, expect, it } from 'vitest';
import { GuardDutyDetector } from '../../packages/construct-library/src';
import { AdoptedDetector } from '../../packages/construct-library/src/detector/adopted-detector';
import { GuardDutyDelegatedAdministrator } from '../../packages/construct-library/src/organization/delegated-administrator';
import { GuardDutyOrganizationConfiguration } from '../../packages/construct-library/src/organization/organization-configuration';
import {
  GuardDutyProvider,
  PROVIDER_ID,
} from '../../packages/construct-library/src/private/guardduty-provider';
import { ACTIONS } from '../../packages/construct-library/src/private/provider/handler';
import { HomeRegionArchive } from '../../packages/construct-library/src/regions/home-region-archive';
import { checkedStack, checkedTemplate } from '../helpers/checked-app';
import { providerRequestsOf } from '../helpers/provider-requests';
import { onlyLogicalId } from '../helpers/template-values';

const ENV = { account: '222222222222', region: 'eu-west-1' };
const DETECTOR_ID = '12abc34d567e8fa901bc2d34e0a1b2c3';

/** Every construct of the library that uses the provider, in one stack. */
function everyConstruct(stack: Stack): void {
  new GuardDutyDelegatedAdministrator(stack, 'Admin', {
    administratorAccountId: '444444444444',
    regions: ['eu-west-1', 'us-east-1'],
  });
  new GuardDutyOrganizationConfiguration(stack, 'Organization', {
    detector: GuardDutyDetector.fromDetectorId(stack, 'Existing', DETECTOR_ID),
  });
  new AdoptedDetector(stack, 'Detector');
  new HomeRegionArchive(stack, 'HomeArchive', {
    homeRegion: 'ap-northeast-1',
    parameterName: '/cdk-guardduty-threat-detection/Home/findings-archive',
  });
}

/** Every acknowledgement recorded in the stack: construct path (below the stack) to acknowledged rule IDs. */
function acknowledgements(stack: Stack): Record<string, string[]> {
  const found: Record<string, string[]> = {};
  for (const construct of stack.node.findAll()) {
    const entries = construct.node.metadata.filter(
      (m) => m.type === Validations.ACKNOWLEDGED_RULES_METADATA_KEY,
    );
    if (entries.length === 0) continue;
    const path = construct.node.path.slice(stack.node.path.length + 1);
    found[path] = entries.flatMap((m) => Object.keys(m.data as object));
  }
  return found;
}

describe('the provider function shared by the custom resources of a stack', () => {
  const stack = checkedStack('Every', { env: ENV });
  everyConstruct(stack);
  const template = checkedTemplate(stack);

  it('is one function, one role and one log group, with one customer managed policy per construct', () => {
    template.resourceCountIs('AWS::Lambda::Function', 1);
    template.resourceCountIs('AWS::IAM::Role', 1);
    template.resourceCountIs('AWS::Logs::LogGroup', 1);
    template.resourceCountIs('AWS::IAM::Policy', 0);
    template.resourceCountIs('Custom::AWS', 0);
    const roleId = onlyLogicalId(template, 'AWS::IAM::Role');
    const policies = Object.values(template.findResources('AWS::IAM::ManagedPolicy'));
    // Its own log group, then the administrator, the organization configuration, the detector and the archive.
    expect(policies).toHaveLength(5);
    for (const policy of policies) expect(policy.Properties.Roles).toEqual([{ Ref: roleId }]);
    expect(template.findResources('AWS::IAM::Role')[roleId].Properties.ManagedPolicyArns).toBeUndefined();
  });

  it('is the only function: no AwsCustomResource singleton, and no error code is ignored anywhere', () => {
    const [id] = Object.keys(template.findResources('AWS::Lambda::Function'));
    expect(id).toMatch(new RegExp(`^${PROVIDER_ID}Function`));
    expect(JSON.stringify(template.toJSON())).not.toMatch(
      /ignoreErrorCodesMatching|AWS679f53fac002430cb0da5b7982bd2287/,
    );
  });

  it('runs every Custom::GuardDuty resource, each with an action the handler knows', () => {
    const fn = onlyLogicalId(template, 'AWS::Lambda::Function');
    const requests = providerRequestsOf(template);
    expect(requests.map((r) => [r.type, r.action, r.region])).toEqual([
      ['Custom::GuardDutyDelegatedAdministrator', 'DelegatedAdministrator', 'eu-west-1'],
      ['Custom::GuardDutyDelegatedAdministrator', 'DelegatedAdministrator', 'us-east-1'],
      ['Custom::GuardDutyOrganizationConfiguration', 'OrganizationConfiguration', undefined],
      ['Custom::GuardDutyDetector', 'AdoptDetector', undefined],
      ['Custom::GuardDutyArchiveLookup', 'ReadParameter', 'ap-northeast-1'],
    ]);
    const resources = template.toJSON().Resources;
    for (const { logicalId, action } of requests) {
      expect(Object.keys(ACTIONS)).toContain(action);
      expect(resources[logicalId].Properties.ServiceToken).toEqual({ 'Fn::GetAtt': [fn, 'Arn'] });
      expect(resources[logicalId].Properties.ServiceTimeout).toBe('360');
    }
  });

  it('writes to its own log group only after it may', () => {
    const loggingPolicy = onlyLogicalId(template, 'AWS::IAM::ManagedPolicy', {
      Description: 'Lets the GuardDuty provider function write its own log group',
    });
    const fn = Object.values(template.findResources('AWS::Lambda::Function'))[0];
    expect(fn.DependsOn).toContain(loggingPolicy);
  });

  it('acknowledges each finding once, on exactly the resource that draws it', () => {
    expect(acknowledgements(stack)).toEqual({
      'Admin/Policy/Resource': ['AwsSolutions::AwsSolutions-IAM5[Resource::*]'],
      [`${PROVIDER_ID}/Logs/Resource`]: ['NIST.800.53.R5::NIST.800.53.R5-CloudWatchLogGroupEncrypted'],
      [`${PROVIDER_ID}/Function/Resource`]: [
        'NIST.800.53.R5::NIST.800.53.R5-LambdaInsideVPC',
        'NIST.800.53.R5::NIST.800.53.R5-LambdaDLQ',
        'NIST.800.53.R5::NIST.800.53.R5-LambdaConcurrency',
      ],
      'Organization/Policy/Resource': ['AwsSolutions::AwsSolutions-IAM5[Resource::*]'],
      'Detector/HandlerPolicy/Resource': [
        'AwsSolutions::AwsSolutions-IAM5[Resource::*]',
        'AwsSolutions::AwsSolutions-IAM5[Resource::arn:<AWS::Partition>:guardduty:<AWS::Region>:<AWS::AccountId>:detector/*]',
      ],
    });
  });

  it("ships the repository's handler and nothing else: no bundled package, only the runtime's AWS SDK", () => {
    const fn = Object.values(template.findResources('AWS::Lambda::Function'))[0];
    const hash = String(fn.Properties.Code.S3Key).replace(/\.zip$/, '');
    const dir = path.join((stack.node.root as App).outdir, `asset.${hash}`);
    const files = fs.readdirSync(dir).sort();
    expect(files).toEqual([
      'adopt-detector.js',
      'cfn-response.js',
      'clients.js',
      'delegated-administrator.js',
      'errors.js',
      'index.js',
      'organization-configuration.js',
      'read-parameter.js',
    ]);
    const required = files.flatMap((file) =>
      [...fs.readFileSync(path.join(dir, file), 'utf8').matchAll(/require\('([^']+)'\)/g)].map((m) => m[1]),
    );
    for (const name of new Set(required)) {
      if (name.startsWith('./')) expect(files).toContain(`${name.slice(2)}.js`);
      else if (name.startsWith('node:')) expect(builtinModules).toContain(name.slice(5));
      else expect(['@aws-sdk/client-guardduty', '@aws-sdk/client-ssm']).toContain(name);
    }
  });
});

describe('GuardDutyProvider.of', () => {
  it('returns the one provider of the stack', () => {
    const stack = new Stack();
    expect(GuardDutyProvider.of(stack)).toBe(GuardDutyProvider.of(new AdoptedDetector(stack, 'Detector')));
  });

  it('refuses a construct of another kind under its ID', () => {
    const stack = new Stack();
    new Construct(stack, PROVIDER_ID);
    expect(() => GuardDutyProvider.of(stack)).toThrow(
      `is not a GuardDutyProvider; the ID ${PROVIDER_ID} is reserved`,
    );
  });
});
