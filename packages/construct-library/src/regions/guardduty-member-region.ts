import { RemovalPolicy } from 'aws-cdk-lib';
import { Construct } from 'constructs';
import { FindingsPublishingDestination } from '../archive/findings-publishing-destination';
import { chooseDetector } from '../detector/detector-choice';
import { FindingPublishingFrequency, IGuardDutyDetector } from '../detector/guardduty-detector';
import { ProtectionPlans } from '../detector/protection-plans';
import {
  createSuppressionRules,
  SuppressionRule,
  SuppressionRuleOptions,
} from '../detector/suppression-rule';
import { FindingForwarder } from './finding-forwarder';
import { HomeRegionArchive } from './home-region-archive';

/** Properties of a {@link GuardDutyMemberRegion}. */
export interface GuardDutyMemberRegionProps {
  /** The home Region: where the archive, the routes and the channels are. */
  readonly homeRegion: string;

  /**
   * The name of the SSM parameter in the home Region that holds the archive's ARNs
   * (`GuardDutyThreatDetection.archiveParameterName`).
   *
   * @default - findings are not exported from this Region
   */
  readonly archiveParameterName?: string;

  /**
   * The construct path or artifact ID of the home Region's stack, recorded for the `preview` command.
   *
   * @default - not recorded
   */
  readonly homeStackId?: string;

  /**
   * Adopt the detector of this account and Region at deploy time instead of creating one.
   *
   * @default false
   */
  readonly adoptExistingDetector?: boolean;

  /**
   * With `adoptExistingDetector`: apply `protectionPlans` and `findingPublishingFrequency` to a detector that already
   * exists too (UpdateDetector), except the plans an AWS Organizations GuardDuty policy manages. Without it, an
   * existing detector keeps its own settings.
   *
   * @default false
   */
  readonly manageAdoptedDetectorSettings?: boolean;

  /**
   * With `adoptExistingDetector`: re-enable a suspended detector instead of failing the deployment.
   *
   * @default false - a suspended detector fails the deployment with a message that says how to re-enable it
   */
  readonly enableAdoptedDetectorIfSuspended?: boolean;

  /**
   * The protection plans of a detector created here.
   *
   * @default - as {@link GuardDutyDetector}
   */
  readonly protectionPlans?: ProtectionPlans;

  /**
   * How often updates of existing findings are published.
   *
   * @default GuardDutyDetector.DEFAULT_FINDING_PUBLISHING_FREQUENCY - FIFTEEN_MINUTES
   */
  readonly findingPublishingFrequency?: FindingPublishingFrequency;

  /**
   * Suppression rules for this Region's detector (GuardDuty filters are regional).
   *
   * @default - none
   */
  readonly suppressionRules?: SuppressionRuleOptions[];

  /**
   * What happens to a detector created here when the stack is deleted.
   *
   * @default RemovalPolicy.RETAIN
   */
  readonly removalPolicy?: RemovalPolicy;
}

/**
 * GuardDuty in a Region other than the home Region: the detector (created or adopted), its suppression rules, the
 * export of its findings into the home Region's archive, and the forwarding of its findings to the home Region's
 * event bus, where the alert routes deliver them.
 */
export class GuardDutyMemberRegion extends Construct {
  /** The detector of this Region. */
  public readonly detector: IGuardDutyDetector;
  /** The export into the home Region's archive, if an archive parameter was given. */
  public readonly publishingDestination?: FindingsPublishingDestination;
  /** The forwarding of findings to the home Region. */
  public readonly forwarder: FindingForwarder;
  /** The suppression rules, in rank order. */
  public readonly suppressionRules: SuppressionRule[];

  constructor(scope: Construct, id: string, props: GuardDutyMemberRegionProps) {
    super(scope, id);
    this.detector = chooseDetector(this, 'Detector', {
      adoptExistingDetector: props.adoptExistingDetector,
      manageAdoptedDetectorSettings: props.manageAdoptedDetectorSettings,
      enableAdoptedDetectorIfSuspended: props.enableAdoptedDetectorIfSuspended,
      protectionPlans: props.protectionPlans,
      findingPublishingFrequency: props.findingPublishingFrequency,
      removalPolicy: props.removalPolicy ?? RemovalPolicy.RETAIN,
    });
    this.suppressionRules = createSuppressionRules(this, this.detector, props.suppressionRules ?? []);
    if (props.archiveParameterName) {
      this.publishingDestination = new FindingsPublishingDestination(this, 'Export', {
        detector: this.detector,
        archive: new HomeRegionArchive(this, 'HomeArchive', {
          homeRegion: props.homeRegion,
          parameterName: props.archiveParameterName,
        }),
      });
    }
    this.forwarder = new FindingForwarder(this, 'Forwarder', {
      homeRegion: props.homeRegion,
      homeStackId: props.homeStackId,
    });
  }
}
