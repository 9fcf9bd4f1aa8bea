import { describe, expect, it } from 'vitest';
import { FindingsPublishingDestination, GuardDutyDetector } from '../../src';
import { HomeRegionArchive } from '../../src/regions/home-region-archive';
import { checkedStack, checkedTemplate } from '../helpers/checked-app';
import { statementsOf } from '../helpers/template-values';

describe('HomeRegionArchive', () => {
  const stack = checkedStack('EuWest1', { env: { account: '111122223333', region: 'eu-west-1' } });
  const archive = new HomeRegionArchive(stack, 'Home', {
    homeRegion: 'ap-northeast-1',
    parameterName: '/cdk-guardduty-threat-detection/Home/findings-archive',
  });
  const detector = new GuardDutyDetector(stack, 'Detector');
  new FindingsPublishingDestination(stack, 'Export', { detector, archive });
  const template = checkedTemplate(stack);
  const lookup = stack.getLogicalId(archive.lookup.node.findChild('Resource').node.defaultChild as never);

  it('reads the archive parameter in the home Region at deploy time', () => {
    const resource = template.toJSON().Resources[lookup];
    for (const event of ['Create', 'Update']) {
      expect(JSON.parse(resource.Properties[event])).toMatchObject({
        service: 'SSM',
        action: 'getParameter',
        region: 'ap-northeast-1',
        parameters: { Name: '/cdk-guardduty-threat-detection/Home/findings-archive' },
      });
    }
    expect(resource.Properties.Delete).toBeUndefined();
    expect(resource.Properties.InstallLatestAwsSdk).toBe(false);
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
    const value = { 'Fn::GetAtt': [lookup, 'Parameter.Value'] };
    template.hasResourceProperties('AWS::GuardDuty::PublishingDestination', {
      DestinationProperties: {
        DestinationArn: { 'Fn::Select': [0, { 'Fn::Split': ['|', value] }] },
        KmsKeyArn: { 'Fn::Select': [1, { 'Fn::Split': ['|', value] }] },
      },
    });
    const destination = Object.values(template.findResources('AWS::GuardDuty::PublishingDestination'))[0];
    expect(destination.DependsOn).toContain(lookup);
  });
});
