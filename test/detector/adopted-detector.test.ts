import { CfnElement, Stack } from 'aws-cdk-lib';
import { Match, Template } from 'aws-cdk-lib/assertions';
import type { Construct } from 'constructs';
import { describe, expect, it } from 'vitest';
import { FindingPublishingFrequency, FindingsArchive, FindingsPublishingDestination } from '../../src';
import { AdoptedDetector } from '../../src/detector/adopted-detector';
import { DEFAULT_FEATURES } from '../helpers/default-features';
import { checkedStack, checkedTemplate } from '../helpers/checked-app';
import { detectorArn, onlyLogicalId, statementsOf } from '../helpers/template-values';

const PROVIDER = 'AWS679f53fac002430cb0da5b7982bd22872D164C4C';

interface CustomResource {
  readonly Properties: Record<string, unknown> & { Create?: string; Update?: string; Delete?: string };
  readonly DependsOn?: string[];
}

function customResource(template: Template, logicalId: string): CustomResource {
  return template.toJSON().Resources[logicalId];
}

/** A payload of an `AwsCustomResource` (its `Create`/`Update` property is JSON in a string). */
function payload(resource: CustomResource, event: 'Create' | 'Update'): Record<string, unknown> {
  const text = resource.Properties[event];
  if (typeof text !== 'string') throw new Error(`no ${event} payload`);
  return JSON.parse(text) as Record<string, unknown>;
}

function build(props: ConstructorParameters<typeof AdoptedDetector>[2] = {}) {
  const stack = checkedStack();
  const detector = new AdoptedDetector(stack, 'Detector', props);
  const template = checkedTemplate(stack);
  const logicalId = (c: Construct) => stack.getLogicalId(c.node.findChild('Resource') as CfnElement);
  return {
    stack,
    detector,
    template,
    ensureId: logicalId(detector.ensureDetector),
    findId: logicalId(detector.findDetector),
    policyId: stack.getLogicalId(detector.handlerPolicy.node.defaultChild as CfnElement),
  };
}

describe('AdoptedDetector', () => {
  const { stack, detector, template, ensureId, findId, policyId } = build();

  it('passes every check and creates no detector resource of its own', () => {
    template.resourceCountIs('AWS::GuardDuty::Detector', 0);
    template.resourceCountIs('Custom::AWS', 2);
    template.resourceCountIs('AWS::Lambda::Function', 1);
  });

  it('creates a detector at deploy time only if none exists, with every feature explicit', () => {
    const create = {
      service: 'GuardDuty',
      action: 'createDetector',
      parameters: { Enable: true, FindingPublishingFrequency: 'FIFTEEN_MINUTES', Features: DEFAULT_FEATURES },
      ignoreErrorCodesMatching: '^BadRequestException$',
      physicalResourceId: { id: 'guardduty-detector' },
    };
    const ensure = customResource(template, ensureId);
    expect(payload(ensure, 'Create')).toEqual(create);
    expect(payload(ensure, 'Update')).toEqual(create);
  });

  it('reads the detector ID with ListDetectors', () => {
    const list = {
      service: 'GuardDuty',
      action: 'listDetectors',
      parameters: {},
      outputPaths: ['DetectorIds.0'],
      physicalResourceId: { id: 'guardduty-detector' },
    };
    const find = customResource(template, findId);
    expect(payload(find, 'Create')).toEqual(list);
    expect(payload(find, 'Update')).toEqual(list);
  });

  it('never deletes or disables the detector: neither custom resource has a Delete call', () => {
    for (const id of [ensureId, findId]) {
      expect(customResource(template, id).Properties.Delete).toBeUndefined();
    }
    for (const resource of Object.values(template.findResources('Custom::AWS'))) {
      expect(JSON.stringify(resource)).not.toMatch(/deleteDetector|updateDetector|"Enable":false/);
    }
  });

  it('uses the SDK of the Lambda runtime: nothing is installed at deploy time', () => {
    for (const id of [ensureId, findId]) {
      expect(customResource(template, id).Properties.InstallLatestAwsSdk).toBe(false);
    }
  });

  it('looks the detector up only after it is ensured, and both run after their permissions exist', () => {
    expect(customResource(template, ensureId).DependsOn).toEqual([policyId]);
    expect(customResource(template, findId).DependsOn).toEqual([ensureId, policyId].sort());
  });

  it('grants the handler only what the two calls need, in a customer managed policy', () => {
    const role = onlyLogicalId(template, 'AWS::IAM::Role');
    expect(
      statementsOf(template, 'AWS::IAM::ManagedPolicy', {
        Description: Match.stringLikeRegexp('AdoptedDetector'),
      }),
    ).toEqual([
      {
        Sid: 'CreateAndListDetector',
        Effect: 'Allow',
        Action: ['guardduty:CreateDetector', 'guardduty:ListDetectors'],
        Resource: '*',
      },
      {
        Sid: 'CreateGuardDutyServiceLinkedRoles',
        Effect: 'Allow',
        Action: 'iam:CreateServiceLinkedRole',
        Resource: {
          'Fn::Join': [
            '',
            [
              'arn:',
              { Ref: 'AWS::Partition' },
              ':iam::',
              { Ref: 'AWS::AccountId' },
              ':role/aws-service-role/*guardduty.amazonaws.com/*',
            ],
          ],
        },
        Condition: {
          StringEquals: {
            'iam:AWSServiceName': ['guardduty.amazonaws.com', 'malware-protection.guardduty.amazonaws.com'],
          },
        },
      },
    ]);
    template.hasResourceProperties('AWS::IAM::ManagedPolicy', {
      Description: Match.stringLikeRegexp('AdoptedDetector'),
      Roles: [{ Ref: role }],
    });
    // The shared handler role writes only its own log group.
    const logGroup = onlyLogicalId(template, 'AWS::Logs::LogGroup');
    expect(
      statementsOf(template, 'AWS::IAM::ManagedPolicy', { Description: Match.stringLikeRegexp('log group') }),
    ).toEqual([
      {
        Effect: 'Allow',
        Action: ['logs:CreateLogStream', 'logs:PutLogEvents'],
        Resource: { 'Fn::GetAtt': [logGroup, 'Arn'] },
      },
    ]);
    // No inline policy and no AWS managed policy on the role.
    template.resourceCountIs('AWS::IAM::Policy', 0);
    template.resourceCountIs('AWS::IAM::Role', 1);
    template.hasResourceProperties('AWS::IAM::Role', {
      AssumeRolePolicyDocument: {
        Statement: [
          { Action: 'sts:AssumeRole', Effect: 'Allow', Principal: { Service: 'lambda.amazonaws.com' } },
        ],
      },
      ManagedPolicyArns: Match.absent(),
      Policies: Match.absent(),
    });
  });

  it('runs the handler with that role, a two-minute timeout and a log group kept for a year', () => {
    const logGroup = onlyLogicalId(template, 'AWS::Logs::LogGroup');
    template.hasResourceProperties('AWS::Logs::LogGroup', { RetentionInDays: 365 });
    template.hasResourceProperties('AWS::Lambda::Function', {
      Role: { 'Fn::GetAtt': [onlyLogicalId(template, 'AWS::IAM::Role'), 'Arn'] },
      LoggingConfig: { LogGroup: { Ref: logGroup } },
      Timeout: 120,
    });
    expect(Object.keys(template.findResources('AWS::Lambda::Function'))).toEqual([PROVIDER]);
  });

  it('exposes the ID read at deploy time and a partition-aware ARN', () => {
    expect(stack.resolve(detector.detectorId)).toEqual({ 'Fn::GetAtt': [findId, 'DetectorIds.0'] });
    expect(stack.resolve(detector.detectorArn)).toEqual(
      detectorArn({ 'Fn::GetAtt': [findId, 'DetectorIds.0'] }),
    );
  });

  it('creates a new detector with the plans and frequency given', () => {
    const custom = build({
      findingPublishingFrequency: FindingPublishingFrequency.ONE_HOUR,
      protectionPlans: {
        eksAuditLogs: false,
        runtimeMonitoring: true,
        runtimeMonitoringAgents: { ec2AgentManagement: true },
      },
    });
    const create = payload(customResource(custom.template, custom.ensureId), 'Create');
    expect(create.parameters).toEqual({
      Enable: true,
      FindingPublishingFrequency: 'ONE_HOUR',
      Features: expect.arrayContaining([
        { Name: 'EKS_AUDIT_LOGS', Status: 'DISABLED' },
        {
          Name: 'RUNTIME_MONITORING',
          Status: 'ENABLED',
          AdditionalConfiguration: [
            { Name: 'EKS_ADDON_MANAGEMENT', Status: 'DISABLED' },
            { Name: 'ECS_FARGATE_AGENT_MANAGEMENT', Status: 'DISABLED' },
            { Name: 'EC2_AGENT_MANAGEMENT', Status: 'ENABLED' },
          ],
        },
      ]),
    });
  });

  it('passes every check in a stack with a concrete environment and partition literals', () => {
    const envStack = checkedStack('Env', { env: { account: '111122223333', region: 'eu-west-1' } });
    envStack.node.setContext('@aws-cdk/core:enablePartitionLiterals', true);
    new AdoptedDetector(envStack, 'Detector');
    const envTemplate = checkedTemplate(envStack);
    const policy = { Description: Match.stringLikeRegexp('AdoptedDetector') };
    expect(statementsOf(envTemplate, 'AWS::IAM::ManagedPolicy', policy)[1].Resource).toBe(
      'arn:aws:iam::111122223333:role/aws-service-role/*guardduty.amazonaws.com/*',
    );
  });

  it("grants its permissions to the shared handler's role when the handler already exists", () => {
    const shared = checkedStack();
    const first = new AdoptedDetector(shared, 'First');
    const second = new AdoptedDetector(shared, 'Second');
    const sharedTemplate = checkedTemplate(shared);
    sharedTemplate.resourceCountIs('AWS::Lambda::Function', 1);
    sharedTemplate.resourceCountIs('AWS::IAM::Role', 1);
    sharedTemplate.resourceCountIs('AWS::Logs::LogGroup', 1);
    const role = onlyLogicalId(sharedTemplate, 'AWS::IAM::Role');
    sharedTemplate.hasResourceProperties('AWS::IAM::ManagedPolicy', {
      Roles: [{ Ref: role }],
      PolicyDocument: {
        Statement: Match.arrayWith([Match.objectLike({ Sid: 'CreateAndListDetector' })]),
      },
    });
    const secondPolicy = shared.getLogicalId(second.handlerPolicy.node.defaultChild as CfnElement);
    const secondEnsure = shared.getLogicalId(second.ensureDetector.node.findChild('Resource') as CfnElement);
    expect(sharedTemplate.toJSON().Resources[secondEnsure].DependsOn).toEqual([secondPolicy]);
    expect(first.detectorId).not.toBe(second.detectorId);
  });

  it('rejects conflicting plans at synth, before anything deploys', () => {
    expect(
      () =>
        new AdoptedDetector(new Stack(), 'Detector', {
          protectionPlans: { runtimeMonitoring: true, eksRuntimeMonitoring: true },
        }),
    ).toThrow(/only one of RUNTIME_MONITORING and EKS_RUNTIME_MONITORING/);
    expect(
      () =>
        new AdoptedDetector(new Stack(), 'Detector', {
          protectionPlans: { runtimeMonitoringAgents: { ec2AgentManagement: true } },
        }),
    ).toThrow(
      /runtimeMonitoringAgents.ec2AgentManagement is true but protectionPlans.runtimeMonitoring is not/,
    );
  });

  it('rejects a publishing frequency GuardDuty does not accept', () => {
    expect(
      () =>
        new AdoptedDetector(new Stack(), 'Detector', {
          findingPublishingFrequency: 'FIVE_MINUTES' as FindingPublishingFrequency,
        }),
    ).toThrow(
      'findingPublishingFrequency "FIVE_MINUTES" is not one GuardDuty accepts. Use one of FIFTEEN_MINUTES, ONE_HOUR, SIX_HOURS (FindingPublishingFrequency).',
    );
  });
});

describe('AdoptedDetector with the findings archive', () => {
  const stack = checkedStack();
  const detector = new AdoptedDetector(stack, 'Detector');
  const archive = new FindingsArchive(stack, 'Archive');
  new FindingsPublishingDestination(stack, 'Export', { detector, archive });
  const template = checkedTemplate(stack);
  const findId = stack.getLogicalId(detector.findDetector.node.findChild('Resource') as CfnElement);
  const detectorId = { 'Fn::GetAtt': [findId, 'DetectorIds.0'] };

  it('exports the adopted detector, whose ID is read at deploy time', () => {
    template.hasResourceProperties('AWS::GuardDuty::PublishingDestination', {
      DetectorId: detectorId,
      DestinationType: 'S3',
    });
  });

  it('admits the adopted detector, by ARN, to the bucket policy', () => {
    const bucket = stack.getLogicalId(archive.bucket.node.defaultChild as CfnElement);
    const statements = statementsOf(template, 'AWS::S3::BucketPolicy', { Bucket: { Ref: bucket } });
    const putObject = statements.find((s) => s.Sid === 'AllowGuardDutyPutObject');
    // Whatever the condition operator, the adopted detector's ARN is the source admitted.
    expect(JSON.stringify(putObject?.Condition)).toContain(JSON.stringify(detectorArn(detectorId)));
  });
});
