import { CfnOutput, Stack, StackProps } from 'aws-cdk-lib';
import { Construct } from 'constructs';
import type { AppConfig } from './config/app-config';
import { toConstructProps } from './config/to-construct-props';
import { addOrganizationConfiguration, tagStack } from './stack-wiring';
import { GuardDutyThreatDetection } from 'cdk-guardduty-threat-detection';

/** Properties of the app's stack. */
export interface GuardDutyThreatDetectionStackProps extends StackProps {
  /** The checked configuration. */
  readonly config: AppConfig;

  /** The other Regions, which forward their findings to this one. */
  readonly forwardedRegions?: string[];
}

/**
 * The app's home stack (the only one without `regions`): wires the `GuardDutyThreatDetection` construct from the
 * configuration file.
 */
export class GuardDutyThreatDetectionStack extends Stack {
  /** The construct that does the work. */
  public readonly threatDetection: GuardDutyThreatDetection;

  constructor(scope: Construct, id: string, props: GuardDutyThreatDetectionStackProps) {
    super(scope, id, props);
    this.threatDetection = new GuardDutyThreatDetection(this, 'ThreatDetection', {
      ...toConstructProps(this, props.config),
      forwardedRegions: props.forwardedRegions,
    });
    addOrganizationConfiguration(this, this.threatDetection.detector, props.config);
    const td = this.threatDetection;
    new CfnOutput(this, 'DetectorId', {
      description: 'GuardDuty detector ID',
      value: td.detector.detectorId,
    });
    for (const topic of td.alerts.alarmTopics) {
      const name = topic.node.id.replace(/[^A-Za-z0-9]/g, '');
      new CfnOutput(this, `${name.charAt(0).toUpperCase()}${name.slice(1)}TopicArn`, {
        description: `SNS topic of the alert channel "${topic.node.id}"`,
        value: topic.topic.topicArn,
      });
    }
    new CfnOutput(this, 'DeadLetterQueueUrl', {
      description: 'Events that could not be delivered after every retry',
      value: td.alerts.deadLetterQueue.queueUrl,
    });
    if (td.archive) {
      new CfnOutput(this, 'FindingsBucketName', {
        description: 'S3 bucket that keeps every exported finding',
        value: td.archive.bucket.bucketName,
      });
    }
    tagStack(this, props.config);
  }
}
