import { CfnElement, Stack, Tags, Validations } from 'aws-cdk-lib';
import { Match } from 'aws-cdk-lib/assertions';
import { describe, expect, it } from 'vitest';
import {
  FindingPublishingFrequency,
  FindingsArchive,
  FindingsPublishingDestination,
} from '../../packages/construct-library/src';
import {
  AdoptedDetector,
  type AdoptedDetectorProps,
} from '../../packages/construct-library/src/detector/adopted-detector';
import { DEFAULT_FEATURES } from '../helpers/default-features';
import { checkedApp, checkedStack, checkedTemplate } from '../helpers/checked-app';
import { providerRequestsOf } from '../helpers/provider-requests';
import { detectorArn, onlyLogicalId, statementsOf } from '../helpers/template-values';

const POLICY = { Description: Match.stringLikeRegexp('AdoptedDetector') };

function build(
  props: AdoptedDetectorProps = {},
  configure: (stack: Stack, detector: AdoptedDetector) => void = () => {},
) {
  const stack = checkedStack();
  const detector = new AdoptedDetector(stack, 'Detector', props);
  configure(stack, detector);
  const template = checkedTemplate(stack);
  return {
    stack,
    detector,
    template,
    resourceId: stack.getLogicalId(detector.resource.node.defaultChild as CfnElement),
    policyId: stack.getLogicalId(detector.handlerPolicy.node.defaultChild as CfnElement),
  };
}

/** The ARN pattern of every detector of the stack's account and Region. */
const ANY_DETECTOR = {
  'Fn::Join': [
    '',
    [
      'arn:',
      { Ref: 'AWS::Partition' },
      ':guardduty:',
      { Ref: 'AWS::Region' },
      ':',
      { Ref: 'AWS::AccountId' },
      ':detector/*',
    ],
  ],
};

/** The ARN of a service-linked role of the stack's account. */
const serviceLinkedRole = (path: string) => ({
  'Fn::Join': [
    '',
    [
      'arn:',
      { Ref: 'AWS::Partition' },
      ':iam::',
      { Ref: 'AWS::AccountId' },
      `:role/aws-service-role/${path}`,
    ],
  ],
});

const SERVICE_LINKED_ROLES = {
  Sid: 'CreateGuardDutyServiceLinkedRoles',
  Effect: 'Allow',
  Action: 'iam:CreateServiceLinkedRole',
  Resource: [
    serviceLinkedRole('guardduty.amazonaws.com/AWSServiceRoleForAmazonGuardDuty'),
    serviceLinkedRole(
      'malware-protection.guardduty.amazonaws.com/AWSServiceRoleForAmazonGuardDutyMalwareProtection',
    ),
  ],
  Condition: {
    StringEquals: {
      'iam:AWSServiceName': ['guardduty.amazonaws.com', 'malware-protection.guardduty.amazonaws.com'],
    },
  },
};

describe('AdoptedDetector', () => {
  const { stack, detector, template, resourceId, policyId } = build();

  it('passes every check and is one provider custom resource, no detector resource and no AwsCustomResource', () => {
    template.resourceCountIs('AWS::GuardDuty::Detector', 0);
    template.resourceCountIs('Custom::GuardDutyDetector', 1);
    template.resourceCountIs('Custom::AWS', 0);
    template.resourceCountIs('AWS::Lambda::Function', 1);
    expect(JSON.stringify(template.toJSON())).not.toMatch(/ignoreErrorCodesMatching/);
  });

  it('asks the provider to find or create the detector, with every feature explicit and nothing changed otherwise', () => {
    expect(providerRequestsOf(template)).toEqual([
      {
        logicalId: resourceId,
        type: 'Custom::GuardDutyDetector',
        action: 'AdoptDetector',
        request: {
          FindingPublishingFrequency: 'FIFTEEN_MINUTES',
          Features: DEFAULT_FEATURES,
          Tags: {},
          ManageSettings: false,
          EnableIfSuspended: false,
        },
      },
    ]);
  });

  it('is run by the provider function, after its permissions exist, with a ServiceTimeout instead of an hour', () => {
    const resource = template.toJSON().Resources[resourceId];
    expect(resource.Properties.ServiceToken).toEqual({
      'Fn::GetAtt': [onlyLogicalId(template, 'AWS::Lambda::Function'), 'Arn'],
    });
    expect(resource.Properties.ServiceTimeout).toBe('360');
    expect(resource.DependsOn).toEqual([policyId]);
  });

  it('may only find, create, read and tag the detector by default: no UpdateDetector, nothing that deletes', () => {
    expect(statementsOf(template, 'AWS::IAM::ManagedPolicy', POLICY)).toEqual([
      {
        Sid: 'FindOrCreateDetector',
        Effect: 'Allow',
        Action: ['guardduty:ListDetectors', 'guardduty:CreateDetector'],
        Resource: '*',
      },
      {
        Sid: 'ReadAndTagDetector',
        Effect: 'Allow',
        Action: ['guardduty:GetDetector', 'guardduty:TagResource'],
        Resource: ANY_DETECTOR,
      },
      SERVICE_LINKED_ROLES,
    ]);
    template.hasResourceProperties('AWS::IAM::ManagedPolicy', {
      ...POLICY,
      Roles: [{ Ref: onlyLogicalId(template, 'AWS::IAM::Role') }],
    });
  });

  it('runs the function with only customer managed policies: its log group, and one policy per construct', () => {
    const role = onlyLogicalId(template, 'AWS::IAM::Role');
    const logGroup = onlyLogicalId(template, 'AWS::Logs::LogGroup');
    expect(
      statementsOf(template, 'AWS::IAM::ManagedPolicy', {
        Description: 'Lets the GuardDuty provider function write its own log group',
      }),
    ).toEqual([
      {
        Effect: 'Allow',
        Action: ['logs:CreateLogStream', 'logs:PutLogEvents'],
        Resource: { 'Fn::GetAtt': [logGroup, 'Arn'] },
      },
    ]);
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
    expect(
      Object.values(template.findResources('AWS::IAM::ManagedPolicy')).map((p) => p.Properties.Roles),
    ).toEqual([[{ Ref: role }], [{ Ref: role }]]);
  });

  it('runs on nodejs24.x with its own handler, a 5-minute timeout and a log group kept for a year', () => {
    const fn = Object.values(template.findResources('AWS::Lambda::Function'))[0];
    expect(fn.Properties).toMatchObject({
      Runtime: 'nodejs24.x',
      Handler: 'index.handler',
      Timeout: 300,
      MemorySize: 256,
      Role: { 'Fn::GetAtt': [onlyLogicalId(template, 'AWS::IAM::Role'), 'Arn'] },
      LoggingConfig: { LogGroup: { Ref: onlyLogicalId(template, 'AWS::Logs::LogGroup') } },
    });
    // x86_64, the default: available in every Region.
    expect(fn.Properties.Architectures).toBeUndefined();
    template.hasResourceProperties('AWS::Logs::LogGroup', { RetentionInDays: 365 });
  });

  it('exposes the ID the provider returns and a partition-aware ARN', () => {
    const id = { 'Fn::GetAtt': [resourceId, 'DetectorId'] };
    expect(stack.resolve(detector.detectorId)).toEqual(id);
    expect(stack.resolve(detector.detectorArn)).toEqual(detectorArn(id));
  });

  it('manages the settings of an existing detector and re-enables it only when asked, and then may update it', () => {
    const managed = build({ manageSettings: true, enableIfSuspended: true });
    expect(providerRequestsOf(managed.template)[0].request).toMatchObject({
      ManageSettings: true,
      EnableIfSuspended: true,
    });
    expect(statementsOf(managed.template, 'AWS::IAM::ManagedPolicy', POLICY)[1]).toEqual({
      Sid: 'ReadUpdateAndTagDetector',
      Effect: 'Allow',
      Action: ['guardduty:GetDetector', 'guardduty:TagResource', 'guardduty:UpdateDetector'],
      Resource: ANY_DETECTOR,
    });
    for (const props of [{ manageSettings: true }, { enableIfSuspended: true }]) {
      const { template: t } = build(props);
      expect(statementsOf(t, 'AWS::IAM::ManagedPolicy', POLICY)[1].Action).toContain(
        'guardduty:UpdateDetector',
      );
    }
  });

  it("tags the detector with the stack's tags and its own, resolved after the Tags aspects ran", () => {
    const stack = new Stack(checkedApp(), 'Tagged', { tags: { owner: 'platform' } });
    const tagged = new AdoptedDetector(stack, 'Detector');
    Tags.of(stack).add('team', 'security');
    Tags.of(tagged).add('team', 'detection');
    Tags.of(tagged).add('data', 'findings');
    const [request] = providerRequestsOf(checkedTemplate(stack));
    expect(request.request.Tags).toEqual({ owner: 'platform', team: 'detection', data: 'findings' });
  });

  it('creates or updates the detector with the plans and frequency given', () => {
    const custom = build({
      findingPublishingFrequency: FindingPublishingFrequency.ONE_HOUR,
      protectionPlans: {
        eksAuditLogs: false,
        runtimeMonitoring: true,
        runtimeMonitoringAgents: { ec2AgentManagement: true },
      },
    });
    const { request } = providerRequestsOf(custom.template)[0];
    expect(request.FindingPublishingFrequency).toBe('ONE_HOUR');
    expect(request.Features).toEqual(
      expect.arrayContaining([
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
    );
  });

  it('passes every check in a stack with a concrete environment and partition literals', () => {
    const envStack = checkedStack('Env', { env: { account: '111122223333', region: 'eu-west-1' } });
    envStack.node.setContext('@aws-cdk/core:enablePartitionLiterals', true);
    new AdoptedDetector(envStack, 'Detector');
    const statements = statementsOf(checkedTemplate(envStack), 'AWS::IAM::ManagedPolicy', POLICY);
    expect(statements.map((s) => s.Resource)).toEqual([
      '*',
      // The pseudo parameters, whatever the environment: the cdk-nag acknowledgement of detector/* names them.
      ANY_DETECTOR,
      [
        'arn:aws:iam::111122223333:role/aws-service-role/guardduty.amazonaws.com/AWSServiceRoleForAmazonGuardDuty',
        'arn:aws:iam::111122223333:role/aws-service-role/malware-protection.guardduty.amazonaws.com/AWSServiceRoleForAmazonGuardDutyMalwareProtection',
      ],
    ]);
  });

  it('acknowledges exactly the two wildcards cdk-nag reports, with constant finding IDs', () => {
    const { detector: d } = build();
    const acknowledged = d.handlerPolicy.node
      .defaultChild!.node.metadata.filter((m) => m.type === Validations.ACKNOWLEDGED_RULES_METADATA_KEY)
      .flatMap((m) => Object.keys(m.data as object));
    expect(acknowledged.map((id) => id.replace(/^annotation::/i, ''))).toEqual([
      'AwsSolutions::AwsSolutions-IAM5[Resource::*]',
      'AwsSolutions::AwsSolutions-IAM5[Resource::arn:<AWS::Partition>:guardduty:<AWS::Region>:<AWS::AccountId>:detector/*]',
    ]);
  });

  it('shares the one provider function of the stack, with one policy per construct', () => {
    const shared = checkedStack();
    const first = new AdoptedDetector(shared, 'First');
    const second = new AdoptedDetector(shared, 'Second');
    const sharedTemplate = checkedTemplate(shared);
    sharedTemplate.resourceCountIs('AWS::Lambda::Function', 1);
    sharedTemplate.resourceCountIs('AWS::IAM::Role', 1);
    sharedTemplate.resourceCountIs('AWS::Logs::LogGroup', 1);
    sharedTemplate.resourceCountIs('AWS::IAM::ManagedPolicy', 3);
    const secondPolicy = shared.getLogicalId(second.handlerPolicy.node.defaultChild as CfnElement);
    const secondResource = shared.getLogicalId(second.resource.node.defaultChild as CfnElement);
    expect(sharedTemplate.toJSON().Resources[secondResource].DependsOn).toEqual([secondPolicy]);
    expect(shared.resolve(first.detectorId)).not.toEqual(shared.resolve(second.detectorId));
  });

  it('rejects conflicting plans at synth, before anything deploys', () => {
    expect(
      () =>
        new AdoptedDetector(new Stack(), 'Detector', {
          protectionPlans: { runtimeMonitoring: true, eksRuntimeMonitoring: true },
        }),
    ).toThrow(
      /are both set, but GuardDuty refuses a request that names both EKS_RUNTIME_MONITORING and RUNTIME_MONITORING/,
    );
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
  const resourceId = stack.getLogicalId(detector.resource.node.defaultChild as CfnElement);
  const detectorId = { 'Fn::GetAtt': [resourceId, 'DetectorId'] };

  it('exports the adopted detector, whose ID is known at deploy time', () => {
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
