import { App, Stack } from 'aws-cdk-lib';
import { describe, expect, it } from 'vitest';
import {
  FindingsArchive,
  FindingsPublishingDestination,
  GuardDutyDetector,
} from '../../packages/construct-library/src';
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

describe('FindingsPublishingDestination, twice for one detector', () => {
  it('fails the synth, naming both: a detector has one publishing destination', () => {
    const app = new App();
    const stack = new Stack(app, 'Twice');
    const detector = new GuardDutyDetector(stack, 'Detector');
    const archive = new FindingsArchive(stack, 'Archive');
    new FindingsPublishingDestination(stack, 'Export', { detector, archive });
    new FindingsPublishingDestination(stack, 'ExportAgain', {
      detector,
      archive: new FindingsArchive(stack, 'Other'),
    });
    expect(() => app.synth()).toThrow(
      'detector Twice/Detector already exports its findings through Twice/Export, and a GuardDuty detector has one ' +
        'publishing destination.',
    );
  });

  it('accepts one destination for each of two detectors', () => {
    const app = new App();
    for (const region of ['eu-west-1', 'us-east-1']) {
      const stack = new Stack(app, region, { env: { region } });
      new FindingsPublishingDestination(stack, 'Export', {
        detector: new GuardDutyDetector(stack, 'Detector'),
        archive: new FindingsArchive(stack, 'Archive'),
      });
    }
    expect(() => app.synth()).not.toThrow();
  });
});
