import { CfnPublishingDestination } from 'aws-cdk-lib/aws-guardduty';
import * as s3 from 'aws-cdk-lib/aws-s3';
import { Construct, IConstruct } from 'constructs';
import type { IGuardDutyDetector } from '../detector/guardduty-detector';
import type { FindingsArchive } from './findings-archive';

/** Properties of a {@link FindingsPublishingDestination}. */
export interface FindingsPublishingDestinationProps {
  /** The detector whose findings are exported. */
  readonly detector: IGuardDutyDetector;

  /** The archive the findings are exported to. The detector is allowed into its bucket and key policies. */
  readonly archive: FindingsArchive;
}

/**
 * Exports a detector's findings to a {@link FindingsArchive}: a GuardDuty publishing destination of type S3 with
 * the archive's KMS key.
 *
 * GuardDuty checks that it can write to the bucket and use the key when the destination is created, so the
 * destination depends on the bucket policy and on the key (whose policy holds the GuardDuty statement). A detector
 * has at most one publishing destination.
 */
export class FindingsPublishingDestination extends Construct {
  /** The underlying CloudFormation resource. */
  public readonly cfnPublishingDestination: CfnPublishingDestination;

  constructor(scope: Construct, id: string, props: FindingsPublishingDestinationProps) {
    super(scope, id);
    props.archive.allowExportFrom(props.detector);
    this.cfnPublishingDestination = new CfnPublishingDestination(this, 'Resource', {
      detectorId: props.detector.detectorId,
      destinationType: 'S3',
      destinationProperties: {
        destinationArn: props.archive.bucket.bucketArn,
        kmsKeyArn: props.archive.encryptionKey.keyArn,
      },
    });
    const prerequisites: IConstruct[] = [props.archive.encryptionKey];
    const bucketPolicy = (props.archive.bucket as s3.IBucket).policy;
    if (bucketPolicy) prerequisites.push(bucketPolicy);
    this.node.addDependency(...prerequisites);
  }
}
