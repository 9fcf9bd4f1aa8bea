import { App, Stack, Validations } from 'aws-cdk-lib';
import { Template } from 'aws-cdk-lib/assertions';
import * as iam from 'aws-cdk-lib/aws-iam';
import * as cr from 'aws-cdk-lib/custom-resources';
import { describe, expect, it } from 'vitest';
import { GuardDutyDetector } from '../../src';
import { GuardDutyDelegatedAdministrator } from '../../src/organization/delegated-administrator';
import { GuardDutyOrganizationConfiguration } from '../../src/organization/organization-configuration';
import {
  HANDLER_ID as SDK_CALL_PROVIDER_ID,
  SDK_CALL_FUNCTION_ID,
} from '../../src/private/custom-resource-handler';
import { checkedStack, checkedTemplate } from '../helpers/checked-app';
import { onlyLogicalId } from '../helpers/template-values';

const ENV = { account: '222222222222', region: 'eu-west-1' };
const DETECTOR_ID = '12abc34d567e8fa901bc2d34e0a1b2c3';

function bothConstructs(stack: Stack): void {
  new GuardDutyDelegatedAdministrator(stack, 'Admin', {
    administratorAccountId: '444444444444',
    regions: ['eu-west-1', 'us-east-1'],
  });
  new GuardDutyOrganizationConfiguration(stack, 'Organization', {
    detector: GuardDutyDetector.fromDetectorId(stack, 'Detector', DETECTOR_ID),
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

describe('the AwsCustomResource function shared by the custom resources of a stack', () => {
  it('is shared by every call of the stack, with one role, one log group and one policy per construct', () => {
    const stack = checkedStack('Both', { env: ENV });
    bothConstructs(stack);
    const template = checkedTemplate(stack);
    template.resourceCountIs('AWS::Lambda::Function', 1);
    template.resourceCountIs('AWS::IAM::Role', 1);
    template.resourceCountIs('AWS::Logs::LogGroup', 1);
    template.resourceCountIs('AWS::IAM::Policy', 0);
    template.resourceCountIs('Custom::AWS', 3);
    const roleId = onlyLogicalId(template, 'AWS::IAM::Role');
    expect(
      Object.values(template.findResources('AWS::IAM::ManagedPolicy')).map((p) => p.Properties.Roles),
    ).toEqual([[{ Ref: roleId }], [{ Ref: roleId }], [{ Ref: roleId }]]);
  });

  it('writes to its own log group only after it may', () => {
    const stack = checkedStack('Both', { env: ENV });
    bothConstructs(stack);
    const template = checkedTemplate(stack);
    const loggingPolicy = onlyLogicalId(template, 'AWS::IAM::ManagedPolicy', {
      Description: 'Lets the custom-resource function write its own log group',
    });
    const logGroup = onlyLogicalId(template, 'AWS::Logs::LogGroup');
    template.hasResourceProperties('AWS::IAM::ManagedPolicy', {
      PolicyDocument: {
        Statement: [
          {
            Effect: 'Allow',
            Action: ['logs:CreateLogStream', 'logs:PutLogEvents'],
            Resource: { 'Fn::GetAtt': [logGroup, 'Arn'] },
          },
        ],
      },
    });
    const fn = Object.values(template.findResources('AWS::Lambda::Function'))[0];
    expect(fn.DependsOn).toContain(loggingPolicy);
  });

  it('acknowledges each finding once, on exactly the resource that draws it', () => {
    const stack = checkedStack('Both', { env: ENV });
    bothConstructs(stack);
    checkedTemplate(stack);
    expect(acknowledgements(stack)).toEqual({
      [`${SDK_CALL_PROVIDER_ID}/Logs/Resource`]: [
        'NIST.800.53.R5::NIST.800.53.R5-CloudWatchLogGroupEncrypted',
      ],
      'Admin/Policy/Resource': ['AwsSolutions::AwsSolutions-IAM5[Resource::*]'],
      [`${SDK_CALL_FUNCTION_ID}/Resource`]: [
        'NIST.800.53.R5::NIST.800.53.R5-LambdaInsideVPC',
        'NIST.800.53.R5::NIST.800.53.R5-LambdaDLQ',
        'NIST.800.53.R5::NIST.800.53.R5-LambdaConcurrency',
      ],
      'Organization/Policy/Resource': ['AwsSolutions::AwsSolutions-IAM5[Resource::*]'],
    });
  });

  it("attaches its policy to the role of a function another construct created first, and leaves that function's setup alone", () => {
    const stack = new Stack(new App(), 'Shared', { env: ENV });
    new cr.AwsCustomResource(stack, 'Other', {
      onCreate: {
        service: 'STS',
        action: 'getCallerIdentity',
        physicalResourceId: cr.PhysicalResourceId.of('other'),
      },
      policy: cr.AwsCustomResourcePolicy.fromStatements([
        new iam.PolicyStatement({ actions: ['sts:GetCallerIdentity'], resources: ['*'] }),
      ]),
      installLatestAwsSdk: false,
    });
    new GuardDutyOrganizationConfiguration(stack, 'Organization', {
      detector: GuardDutyDetector.fromDetectorId(stack, 'Detector', DETECTOR_ID),
    });
    expect(stack.node.tryFindChild(SDK_CALL_PROVIDER_ID)).toBeUndefined();
    const template = Template.fromStack(stack);
    template.resourceCountIs('AWS::Lambda::Function', 1);
    const roleId = onlyLogicalId(template, 'AWS::IAM::Role');
    template.hasResourceProperties('AWS::IAM::ManagedPolicy', {
      Description: 'Sets the GuardDuty organization configuration (auto-enable of members and features)',
      Roles: [{ Ref: roleId }],
    });
  });
});
