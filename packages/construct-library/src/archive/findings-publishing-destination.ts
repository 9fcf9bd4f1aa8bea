import { CfnPublishingDestination } from 'aws-cdk-lib/aws-guardduty';
import { Construct } from 'constructs';
import type { IGuardDutyDetector } from '../detector/guardduty-detector';
import type { IFindingsArchive } from './findings-archive';

/** Properties of a {@link FindingsPublishingDestination}. */
export interface FindingsPublishingDestinationProps {
  /** The detector whose findings are exported. */
  readonly detector: IGuardDutyDetector;

  /**
   * The archive the findings are exported to: a {@link FindingsArchive} (the detector is admitted into its bucket
   * and key policies), or the home Region's archive seen from another Region.
   */
  readonly archive: IFindingsArchive;
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
  /** The detector whose findings are exported. */
  public readonly detector: IGuardDutyDetector;

  constructor(scope: Construct, id: string, props: FindingsPublishingDestinationProps) {
    super(scope, id);
    this.detector = props.detector;
    const prerequisites = props.archive.allowExportFrom(props.detector);
    this.cfnPublishingDestination = new CfnPublishingDestination(this, 'Resource', {
      detectorId: props.detector.detectorId,
      destinationType: 'S3',
      destinationProperties: {
        destinationArn: props.archive.bucketArn,
        kmsKeyArn: props.archive.encryptionKeyArn,
      },
    });
    this.node.addDependency(...prerequisites);
    // Depends on the rest of the app, so it is checked once the app is built: a detector has one publishing
    // destination (https://docs.aws.amazon.com/guardduty/latest/ug/guardduty_exportfindings.html), and a second
    // one for the same detector would fail only at deploy time.
    const detector = props.detector;
    this.node.addValidation({
      validate: () => {
        const first = this.node.root.node
          .findAll()
          .find(
            (c): c is FindingsPublishingDestination =>
              c instanceof FindingsPublishingDestination && c.detector === detector,
          );
        return first === undefined || first === this
          ? []
          : [
              `detector ${detector.node.path} already exports its findings through ${first.node.path}, and a GuardDuty ` +
                'detector has one publishing destination. Export each detector once: remove this one, or the other.',
            ];
      },
    });
  }
}
