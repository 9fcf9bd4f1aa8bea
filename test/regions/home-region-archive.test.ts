import { describe, expect, it } from 'vitest';
import { FindingsPublishingDestination, GuardDutyDetector } from '../../packages/construct-library/src';
import { HomeRegionArchive } from '../../packages/construct-library/src/regions/home-region-archive';
import { checkedStack, checkedTemplate } from '../helpers/checked-app';
import { providerRequestsOf } from '../helpers/provider-requests';
import { onlyLogicalId, statementsOf } from '../helpers/template-values';

describe('HomeRegionArchive', () => {
  const stack = checkedStack('EuWest1', { env: { account: '111122223333', region: 'eu-west-1' } });
  const archive = new HomeRegionArchive(stack, 'Home', {
    homeRegion: 'ap-northeast-1',
    parameterName: '/cdk-guardduty-threat-detection/Home/findings-archive',
  });
  const detector = new GuardDutyDetector(stack, 'Detector');
  new FindingsPublishingDestination(stack, 'Export', { detector, archive });
  const template = checkedTemplate(stack);
  const lookup = stack.getLogicalId(archive.lookup.node.defaultChild as never);

  it('reads the archive parameter in the home Region at deploy time, with the provider function', () => {
    expect(providerRequestsOf(template)).toEqual([
      {
        logicalId: lookup,
        type: 'Custom::GuardDutyArchiveLookup',
        action: 'ReadParameter',
        region: 'ap-northeast-1',
        request: { Name: '/cdk-guardduty-threat-detection/Home/findings-archive' },
      },
    ]);
    const resource = template.toJSON().Resources[lookup];
    expect(resource.Properties.ServiceToken).toEqual({
      'Fn::GetAtt': [onlyLogicalId(template, 'AWS::Lambda::Function'), 'Arn'],
    });
    const policy = onlyLogicalId(template, 'AWS::IAM::ManagedPolicy', {
      Description: 'Read the GuardDuty findings archive parameter in ap-northeast-1',
    });
    expect(resource.DependsOn).toEqual([policy]);
    template.resourceCountIs('Custom::AWS', 0);
    template.hasResourceProperties('AWS::Lambda::Function', { Runtime: 'nodejs24.x' });
  });

  it('may read only that parameter', () => {
    expect(
      statementsOf(template, 'AWS::IAM::ManagedPolicy', {
        Description: 'Read the GuardDuty findings archive parameter in ap-northeast-1',
      }),
    ).toEqual([
      {
        Effect: 'Allow',
        Action: 'ssm:GetParameter',
        Resource: {
          'Fn::Join': [
            '',
            [
              'arn:',
              { Ref: 'AWS::Partition' },
              ':ssm:ap-northeast-1:111122223333:parameter/cdk-guardduty-threat-detection/Home/findings-archive',
            ],
          ],
        },
      },
    ]);
  });

  it('exports to the bucket and key the parameter names, after reading it', () => {
    template.hasResourceProperties('AWS::GuardDuty::PublishingDestination', {
      DestinationProperties: {
        DestinationArn: { 'Fn::GetAtt': [lookup, 'BucketArn'] },
        KmsKeyArn: { 'Fn::GetAtt': [lookup, 'KeyArn'] },
      },
    });
    const destination = Object.values(template.findResources('AWS::GuardDuty::PublishingDestination'))[0];
    expect(destination.DependsOn).toContain(lookup);
  });
});
