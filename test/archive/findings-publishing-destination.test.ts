import { describe, expect, it } from 'vitest';
import { FindingsArchive, FindingsPublishingDestination, GuardDutyDetector } from '../../src';
import { checkedStack, checkedTemplate } from '../helpers/checked-app';
import { onlyLogicalId } from '../helpers/template-values';

describe('FindingsPublishingDestination', () => {
  const stack = checkedStack();
  const detector = new GuardDutyDetector(stack, 'Detector');
  const archive = new FindingsArchive(stack, 'Archive');
  new FindingsPublishingDestination(stack, 'Export', { detector, archive });
  const template = checkedTemplate(stack);
  const key = onlyLogicalId(template, 'AWS::KMS::Key');
  const bucket = archive.bucket.node.defaultChild
    ? stack.getLogicalId(archive.bucket.node.defaultChild as never)
    : '';
  const policy = onlyLogicalId(template, 'AWS::S3::BucketPolicy', { Bucket: { Ref: bucket } });

  it('exports the detector to the bucket with the key', () => {
    template.hasResourceProperties('AWS::GuardDuty::PublishingDestination', {
      DetectorId: { Ref: onlyLogicalId(template, 'AWS::GuardDuty::Detector') },
      DestinationType: 'S3',
      DestinationProperties: {
        DestinationArn: { 'Fn::GetAtt': [bucket, 'Arn'] },
        KmsKeyArn: { 'Fn::GetAtt': [key, 'Arn'] },
      },
    });
  });

  it('is created after the bucket policy and the key policy, which GuardDuty checks at creation', () => {
    const destination = Object.values(template.findResources('AWS::GuardDuty::PublishingDestination'))[0];
    expect(destination.DependsOn).toEqual(expect.arrayContaining([policy, key]));
  });
});
