import { Stack, StackProps } from 'aws-cdk-lib';
import { Construct } from 'constructs';
import type { AppConfig } from './config/app-config';
import { toSuppressionRule } from './config/to-construct-props';
import { addOrganizationConfiguration, tagStack } from './stack-wiring';
import { FindingPublishingFrequency, GuardDutyMemberRegion } from 'cdk-guardduty-threat-detection';

/** Properties of a member-Region stack. */
export interface GuardDutyMemberRegionStackProps extends StackProps {
  readonly config: AppConfig;
  /** The home Region's stack, which must be deployed first. */
  readonly homeStack: Stack;
  /** The SSM parameter in the home Region that holds the archive's ARNs, if findings are exported. */
  readonly archiveParameterName?: string;
}

/** A stack for one Region other than the home Region: wires `GuardDutyMemberRegion` from the configuration. */
export class GuardDutyMemberRegionStack extends Stack {
  public readonly memberRegion: GuardDutyMemberRegion;

  constructor(scope: Construct, id: string, props: GuardDutyMemberRegionStackProps) {
    super(scope, id, props);
    const { config } = props;
    this.memberRegion = new GuardDutyMemberRegion(this, 'ThreatDetection', {
      homeRegion: props.homeStack.region,
      homeStackId: props.homeStack.artifactId,
      archiveParameterName: props.archiveParameterName,
      adoptExistingDetector: config.adoptExistingDetector ?? config.organization !== undefined,
      manageAdoptedDetectorSettings: config.manageAdoptedDetectorSettings,
      enableAdoptedDetectorIfSuspended: config.enableAdoptedDetectorIfSuspended,
      protectionPlans: config.protectionPlans,
      findingPublishingFrequency:
        config.findingPublishingFrequency && FindingPublishingFrequency[config.findingPublishingFrequency],
      suppressionRules: config.suppressionRules?.map(toSuppressionRule),
    });
    addOrganizationConfiguration(this, this.memberRegion.detector, config);
    tagStack(this, config);
    this.addStackDependency(
      props.homeStack,
      'the home Region archive, its parameter and its bus must exist first',
    );
  }
}
