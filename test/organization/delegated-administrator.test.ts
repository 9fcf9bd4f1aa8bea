import { Aws, CfnElement, RemovalPolicy, Stack } from 'aws-cdk-lib';
import type { Template } from 'aws-cdk-lib/assertions';
import { describe, expect, it } from 'vitest';
import { GuardDutyDelegatedAdministrator } from '../../packages/construct-library/src/organization/delegated-administrator';
import { checkedStack, checkedTemplate } from '../helpers/checked-app';
import { onlyLogicalId, statementsOf } from '../helpers/template-values';
import { providerRequestsOf } from '../helpers/provider-requests';

const MANAGEMENT = { account: '111111111111', region: 'us-east-1' };
const ADMIN = '222222222222';
const POLICY = { Description: 'Designates the GuardDuty delegated administrator of the organization' };

/** What the provider function is asked in each Region: the Region and the request. */
function designations(template: Template): { region?: string; request: Record<string, unknown> }[] {
  return providerRequestsOf(template).map((r) => {
    expect(r.type).toBe('Custom::GuardDutyDelegatedAdministrator');
    expect(r.action).toBe('DelegatedAdministrator');
    return { region: r.region, request: r.request };
  });
}

const READ_ORGANIZATION = {
  Sid: 'ReadOrganization',
  Effect: 'Allow',
  Action: [
    'organizations:DescribeAccount',
    'organizations:DescribeOrganization',
    'organizations:DescribeOrganizationalUnit',
    'organizations:ListAWSServiceAccessForOrganization',
    'organizations:ListAccounts',
    'organizations:ListDelegatedAdministrators',
  ],
  Resource: '*',
};

describe('GuardDutyDelegatedAdministrator', () => {
  it('designates the administrator in each Region with its own provider resource, ignoring no error', () => {
    const stack = checkedStack('Management', { env: MANAGEMENT });
    new GuardDutyDelegatedAdministrator(stack, 'Admin', {
      administratorAccountId: ADMIN,
      regions: ['us-east-1', 'eu-west-1', 'ap-northeast-1'],
    });
    const template = checkedTemplate(stack);
    expect(designations(template)).toEqual(
      ['us-east-1', 'eu-west-1', 'ap-northeast-1'].map((region) => ({
        region,
        request: { AdminAccountId: ADMIN, DisableOnDelete: false },
      })),
    );
    expect(JSON.stringify(template.toJSON())).not.toContain('ignoreErrorCodesMatching');
    template.resourceCountIs('Custom::AWS', 0);
    template.hasResourceProperties('AWS::Lambda::Function', {
      Runtime: 'nodejs24.x',
      Handler: 'index.handler',
    });
  });

  it('designates the Regions one after the other', () => {
    const stack = checkedStack('Management', { env: MANAGEMENT });
    const admin = new GuardDutyDelegatedAdministrator(stack, 'Admin', {
      administratorAccountId: ADMIN,
      regions: ['us-east-1', 'eu-west-1', 'ap-northeast-1'],
    });
    const template = checkedTemplate(stack).toJSON();
    const logicalId = (c: { node: { defaultChild?: unknown } }) =>
      stack.getLogicalId(c.node.defaultChild as CfnElement);
    const ids = admin.designations.map((d) => logicalId(d));
    const policyId = logicalId(admin.policy);
    const dependsOn = (id: string) => [...template.Resources[id].DependsOn].sort();
    expect(dependsOn(ids[0])).toEqual([policyId]);
    expect(dependsOn(ids[1])).toEqual([policyId, ids[0]].sort());
    expect(dependsOn(ids[2])).toEqual([policyId, ids[1]].sort());
  });

  it('keeps the administrator on stack delete by default', () => {
    const stack = checkedStack('Management', { env: MANAGEMENT });
    new GuardDutyDelegatedAdministrator(stack, 'Admin', {
      administratorAccountId: ADMIN,
      regions: ['us-east-1'],
    });
    const [designation] = designations(checkedTemplate(stack));
    expect(designation.request.DisableOnDelete).toBe(false);
    expect(
      JSON.stringify(statementsOf(checkedTemplate(stack), 'AWS::IAM::ManagedPolicy', POLICY)),
    ).not.toMatch(/Disable|Deregister/);
  });

  it.each([RemovalPolicy.RETAIN, RemovalPolicy.SNAPSHOT, RemovalPolicy.RETAIN_ON_UPDATE_OR_DELETE])(
    'keeps the administrator with removalPolicy %s',
    (removalPolicy) => {
      const stack = checkedStack('Management', { env: MANAGEMENT });
      new GuardDutyDelegatedAdministrator(stack, 'Admin', {
        administratorAccountId: ADMIN,
        regions: ['us-east-1'],
        removalPolicy,
      });
      const [designation] = designations(checkedTemplate(stack));
      expect(designation.request.DisableOnDelete).toBe(false);
    },
  );

  it('removes the administrator in every Region on delete with RemovalPolicy.DESTROY', () => {
    const stack = checkedStack('Management', { env: MANAGEMENT });
    new GuardDutyDelegatedAdministrator(stack, 'Admin', {
      administratorAccountId: ADMIN,
      regions: ['us-east-1', 'eu-west-1'],
      removalPolicy: RemovalPolicy.DESTROY,
    });
    const template = checkedTemplate(stack);
    expect(designations(template)).toEqual([
      { region: 'us-east-1', request: { AdminAccountId: ADMIN, DisableOnDelete: true } },
      { region: 'eu-west-1', request: { AdminAccountId: ADMIN, DisableOnDelete: true } },
    ]);
    expect(statementsOf(template, 'AWS::IAM::ManagedPolicy', POLICY).slice(0, 2)).toEqual([
      {
        Sid: 'DesignateGuardDutyAdministrator',
        Effect: 'Allow',
        Action: [
          'guardduty:ListOrganizationAdminAccounts',
          'guardduty:EnableOrganizationAdminAccount',
          'guardduty:DisableOrganizationAdminAccount',
        ],
        Resource: '*',
        Condition: { StringEquals: { 'aws:RequestedRegion': ['us-east-1', 'eu-west-1'] } },
      },
      {
        Sid: 'RegisterGuardDutyInOrganizations',
        Effect: 'Allow',
        Action: [
          'organizations:EnableAWSServiceAccess',
          'organizations:RegisterDelegatedAdministrator',
          'organizations:DeregisterDelegatedAdministrator',
        ],
        Resource: '*',
        Condition: { StringEquals: { 'organizations:ServicePrincipal': 'guardduty.amazonaws.com' } },
      },
    ]);
  });

  describe('IAM', () => {
    it('grants exactly the documented permissions, narrowed by Region and service principal', () => {
      const stack = checkedStack('Management', { env: MANAGEMENT });
      new GuardDutyDelegatedAdministrator(stack, 'Admin', {
        administratorAccountId: ADMIN,
        regions: ['us-east-1', 'eu-west-1'],
      });
      const template = checkedTemplate(stack);
      expect(statementsOf(template, 'AWS::IAM::ManagedPolicy', POLICY)).toEqual([
        {
          Sid: 'DesignateGuardDutyAdministrator',
          Effect: 'Allow',
          Action: ['guardduty:ListOrganizationAdminAccounts', 'guardduty:EnableOrganizationAdminAccount'],
          Resource: '*',
          Condition: { StringEquals: { 'aws:RequestedRegion': ['us-east-1', 'eu-west-1'] } },
        },
        {
          Sid: 'RegisterGuardDutyInOrganizations',
          Effect: 'Allow',
          Action: ['organizations:EnableAWSServiceAccess', 'organizations:RegisterDelegatedAdministrator'],
          Resource: '*',
          Condition: { StringEquals: { 'organizations:ServicePrincipal': 'guardduty.amazonaws.com' } },
        },
        READ_ORGANIZATION,
      ]);
    });

    it('allows creating only the GuardDuty service-linked role when the administrator is the management account', () => {
      const stack = checkedStack('Management', { env: MANAGEMENT });
      new GuardDutyDelegatedAdministrator(stack, 'Admin', {
        administratorAccountId: MANAGEMENT.account,
        regions: ['us-east-1'],
      });
      const statements = statementsOf(checkedTemplate(stack), 'AWS::IAM::ManagedPolicy', POLICY);
      expect(statements).toHaveLength(4);
      expect(statements[3]).toEqual({
        Sid: 'CreateGuardDutyServiceLinkedRole',
        Effect: 'Allow',
        Action: 'iam:CreateServiceLinkedRole',
        Resource: {
          'Fn::Join': [
            '',
            [
              'arn:',
              { Ref: 'AWS::Partition' },
              ':iam::111111111111:role/aws-service-role/guardduty.amazonaws.com/AWSServiceRoleForAmazonGuardDuty',
            ],
          ],
        },
        Condition: { StringLike: { 'iam:AWSServiceName': 'guardduty.amazonaws.com' } },
      });
    });

    it('keeps the service-linked role statement when the stack account is not known at synth', () => {
      const stack = checkedStack('Management');
      new GuardDutyDelegatedAdministrator(stack, 'Admin', {
        administratorAccountId: ADMIN,
        regions: ['us-east-1'],
      });
      const statements = statementsOf(checkedTemplate(stack), 'AWS::IAM::ManagedPolicy', POLICY);
      expect(statements.map((s) => s.Sid)).toEqual([
        'DesignateGuardDutyAdministrator',
        'RegisterGuardDutyInOrganizations',
        'ReadOrganization',
        'CreateGuardDutyServiceLinkedRole',
      ]);
      expect(statements[3].Resource).toEqual({
        'Fn::Join': [
          '',
          [
            'arn:',
            { Ref: 'AWS::Partition' },
            ':iam::',
            { Ref: 'AWS::AccountId' },
            ':role/aws-service-role/guardduty.amazonaws.com/AWSServiceRoleForAmazonGuardDuty',
          ],
        ],
      });
    });

    it('attaches the policy to the function role and runs the function without AWS managed or inline policies', () => {
      const stack = checkedStack('Management', { env: MANAGEMENT });
      new GuardDutyDelegatedAdministrator(stack, 'Admin', {
        administratorAccountId: ADMIN,
        regions: ['us-east-1'],
      });
      const template = checkedTemplate(stack);
      const roleId = onlyLogicalId(template, 'AWS::IAM::Role');
      template.hasResourceProperties('AWS::IAM::ManagedPolicy', { ...POLICY, Roles: [{ Ref: roleId }] });
      template.resourceCountIs('AWS::IAM::Policy', 0);
      expect(template.findResources('AWS::IAM::Role')[roleId].Properties.ManagedPolicyArns).toBeUndefined();
      template.hasResourceProperties('AWS::Lambda::Function', {
        Role: { 'Fn::GetAtt': [roleId, 'Arn'] },
        LoggingConfig: { LogGroup: { Ref: onlyLogicalId(template, 'AWS::Logs::LogGroup') } },
      });
      template.hasResourceProperties('AWS::Logs::LogGroup', { RetentionInDays: 365 });
    });
  });

  describe('validation', () => {
    it.each([
      '12345',
      '1234567890123',
      '12345678901a',
      '',
      ' 222222222222',
      'arn:aws:iam::222222222222:root',
    ])('rejects the account ID %j, naming the field and the fix', (administratorAccountId) => {
      expect(
        () =>
          new GuardDutyDelegatedAdministrator(new Stack(), 'Admin', {
            administratorAccountId,
            regions: ['us-east-1'],
          }),
      ).toThrow(
        `administratorAccountId ${JSON.stringify(administratorAccountId)} is not an AWS account ID. An account ID ` +
          'is exactly 12 digits',
      );
    });

    it('accepts an account ID that is a token', () => {
      const stack = checkedStack('Management', { env: MANAGEMENT });
      new GuardDutyDelegatedAdministrator(stack, 'Admin', {
        administratorAccountId: Aws.ACCOUNT_ID,
        regions: ['us-east-1'],
      });
      expect(designations(checkedTemplate(stack))).toEqual([
        { region: 'us-east-1', request: { AdminAccountId: '<Ref:AWS::AccountId>', DisableOnDelete: false } },
      ]);
    });

    it('rejects an empty list of Regions', () => {
      expect(
        () =>
          new GuardDutyDelegatedAdministrator(new Stack(), 'Admin', {
            administratorAccountId: ADMIN,
            regions: [],
          }),
      ).toThrow(/^regions is empty\. List every Region to designate the GuardDuty administrator in/);
    });

    it('rejects an unknown Region', () => {
      expect(
        () =>
          new GuardDutyDelegatedAdministrator(new Stack(), 'Admin', {
            administratorAccountId: ADMIN,
            regions: ['us-east-1', 'us-east-9'],
          }),
      ).toThrow('regions[1] "us-east-9" is not a known AWS Region. Use a Region code such as "eu-west-1"');
    });

    it('rejects a Region listed twice', () => {
      expect(
        () =>
          new GuardDutyDelegatedAdministrator(new Stack(), 'Admin', {
            administratorAccountId: ADMIN,
            regions: ['us-east-1', 'eu-west-1', 'us-east-1'],
          }),
      ).toThrow('regions lists "us-east-1" more than once. List each Region once.');
    });

    it('rejects a Region that is a token', () => {
      expect(
        () =>
          new GuardDutyDelegatedAdministrator(new Stack(), 'Admin', {
            administratorAccountId: ADMIN,
            regions: [Aws.REGION],
          }),
      ).toThrow(/^regions\[0\] is a token .*Write the Region codes as literal strings\.$/);
    });

    it("rejects Regions outside the partition of the stack's Region", () => {
      const stack = new Stack(undefined, 'Management', { env: MANAGEMENT });
      expect(
        () =>
          new GuardDutyDelegatedAdministrator(stack, 'Admin', {
            administratorAccountId: ADMIN,
            regions: ['us-east-1', 'cn-north-1'],
          }),
      ).toThrow(
        `regions ["cn-north-1"] are outside the partition "aws" of this stack's Region "us-east-1"; credentials ` +
          'of one partition cannot call another.',
      );
    });

    it('rejects Regions of several partitions in an environment-agnostic stack', () => {
      expect(
        () =>
          new GuardDutyDelegatedAdministrator(new Stack(), 'Admin', {
            administratorAccountId: ADMIN,
            regions: ['us-east-1', 'us-gov-west-1'],
          }),
      ).toThrow('regions mixes the partitions ["aws","aws-us-gov"]');
    });

    it('lists every problem of the Regions at once', () => {
      expect(
        () =>
          new GuardDutyDelegatedAdministrator(new Stack(), 'Admin', {
            administratorAccountId: ADMIN,
            regions: ['mars-1', 'eu-west-1', 'eu-west-1'],
          }),
      ).toThrow(/"mars-1" is not a known AWS Region[^]*"eu-west-1" more than once/);
    });
  });
});
