import { Stack, StackProps, Tags } from 'aws-cdk-lib';
import { Construct } from 'constructs';
import { GuardDutyThreatDetection } from '../src/guardduty-threat-detection';
import type { AppConfig } from './config/app-config';
import { toConstructProps } from './config/to-construct-props';

/** Properties of the app's stack. */
export interface GuardDutyThreatDetectionStackProps extends StackProps {
  /** The checked configuration. */
  readonly config: AppConfig;
}

/** The app's one stack: wires the `GuardDutyThreatDetection` construct from the configuration file. */
export class GuardDutyThreatDetectionStack extends Stack {
  /** The construct that does the work. */
  public readonly threatDetection: GuardDutyThreatDetection;

  constructor(scope: Construct, id: string, props: GuardDutyThreatDetectionStackProps) {
    super(scope, id, props);
    this.threatDetection = new GuardDutyThreatDetection(
      this,
      'ThreatDetection',
      toConstructProps(props.config),
    );
    for (const [key, value] of Object.entries(props.config.tags ?? {})) {
      Tags.of(this).add(key, value);
    }
  }
}
