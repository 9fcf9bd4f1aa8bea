import { ArnFormat, IResource, RemovalPolicy, Resource, Stack, Token } from 'aws-cdk-lib';
import { CfnDetector } from 'aws-cdk-lib/aws-guardduty';
import { Construct } from 'constructs';
import { show, throwIfProblems, ValidationError } from '../private/validation-error';
import { ProtectionPlans, protectionPlansProblems, renderDetectorFeatures } from './protection-plans';

/**
 * How often GuardDuty publishes updates of existing findings to EventBridge and the S3 export. New findings are
 * published within about five minutes whatever this is.
 */
export enum FindingPublishingFrequency {
  /** Every 15 minutes. */
  FIFTEEN_MINUTES = 'FIFTEEN_MINUTES',
  /** Every hour. */
  ONE_HOUR = 'ONE_HOUR',
  /** Every six hours: GuardDuty's own default. */
  SIX_HOURS = 'SIX_HOURS',
}

/** A GuardDuty detector, created by this stack or already present in the account and Region. */
export interface IGuardDutyDetector extends IResource {
  /**
   * The detector ID.
   *
   * @attribute
   */
  readonly detectorId: string;

  /**
   * The detector ARN, `arn:<partition>:guardduty:<region>:<account>:detector/<id>`.
   *
   * @attribute
   */
  readonly detectorArn: string;
}

/** Properties of a {@link GuardDutyDetector}. */
export interface GuardDutyDetectorProps {
  /**
   * The protection plans to turn on or off. Every plan is emitted explicitly as ENABLED or DISABLED.
   *
   * @default - the `@default` of each `ProtectionPlans` field
   */
  readonly protectionPlans?: ProtectionPlans;

  /**
   * How often updates of existing findings are published to EventBridge and the S3 export.
   *
   * @default GuardDutyDetector.DEFAULT_FINDING_PUBLISHING_FREQUENCY - FIFTEEN_MINUTES
   */
  readonly findingPublishingFrequency?: FindingPublishingFrequency;

  /**
   * What happens to the detector when it leaves the stack or the stack is deleted. Deleting a detector deletes
   * all its findings, so it is kept by default.
   *
   * @default RemovalPolicy.RETAIN
   */
  readonly removalPolicy?: RemovalPolicy;
}

function detectorArnOf(scope: Construct, detectorId: string): string {
  return Stack.of(scope).formatArn({
    service: 'guardduty',
    resource: 'detector',
    resourceName: detectorId,
    arnFormat: ArnFormat.SLASH_RESOURCE_NAME,
  });
}

/**
 * Turns on GuardDuty in one account and Region: a detector with every protection plan set explicitly, through
 * `Features` only (never the deprecated `DataSources`).
 *
 * An account and Region can have only one detector. Where GuardDuty is already on, use
 * `GuardDutyDetector.fromDetectorId` instead, and nothing is created.
 */
export class GuardDutyDetector extends Resource implements IGuardDutyDetector {
  /**
   * How often updates of findings are published unless `findingPublishingFrequency` says otherwise: every 15
   * minutes, the most often GuardDuty allows, instead of GuardDuty's own six hours.
   */
  public static readonly DEFAULT_FINDING_PUBLISHING_FREQUENCY: FindingPublishingFrequency =
    FindingPublishingFrequency.FIFTEEN_MINUTES;

  /**
   * Refers to a detector that already exists in the stack's account and Region.
   *
   * @param detectorId the ID that `aws guardduty list-detectors` prints: 32 lower-case hexadecimal characters
   */
  public static fromDetectorId(scope: Construct, id: string, detectorId: string): IGuardDutyDetector {
    if (!Token.isUnresolved(detectorId) && !/^[0-9a-f]{32}$/.test(detectorId)) {
      throw new ValidationError(
        `existingDetectorId ${show(detectorId)} is not a GuardDuty detector ID. A detector ID is 32 lower-case ` +
          'hexadecimal characters; copy it from `aws guardduty list-detectors` in the target account and Region.',
        scope,
      );
    }
    class Import extends Resource implements IGuardDutyDetector {
      public readonly detectorId = detectorId;
      public readonly detectorArn = detectorArnOf(this, detectorId);
    }
    return new Import(scope, id);
  }

  public readonly detectorId: string;
  public readonly detectorArn: string;
  /** The underlying CloudFormation resource. */
  public readonly cfnDetector: CfnDetector;

  constructor(scope: Construct, id: string, props: GuardDutyDetectorProps = {}) {
    super(scope, id);
    throwIfProblems(this, protectionPlansProblems(props.protectionPlans));
    this.cfnDetector = new CfnDetector(this, 'Resource', {
      enable: true,
      findingPublishingFrequency:
        props.findingPublishingFrequency ?? GuardDutyDetector.DEFAULT_FINDING_PUBLISHING_FREQUENCY,
      features: renderDetectorFeatures(props.protectionPlans),
    });
    this.cfnDetector.applyRemovalPolicy(props.removalPolicy ?? RemovalPolicy.RETAIN);
    this.detectorId = this.cfnDetector.ref;
    this.detectorArn = detectorArnOf(this, this.detectorId);
  }
}
