import { Duration } from 'aws-cdk-lib';
import * as cloudwatch from 'aws-cdk-lib/aws-cloudwatch';
import type * as kms from 'aws-cdk-lib/aws-kms';
import * as sqs from 'aws-cdk-lib/aws-sqs';
import { Construct } from 'constructs';
import { acknowledgeRules } from './nag';

/**
 * A dead-letter queue for EventBridge rule targets, kept 14 days (the SQS maximum) and TLS-only, encrypted with the
 * given key or else with SQS-managed keys, and an alarm that goes off as soon as one event is in it.
 */
export function deadLetterQueueWithAlarm(
  scope: Construct,
  options: { readonly encryptionKey?: kms.IKey; readonly alarmDescription: string; readonly usedBy: string },
): { queue: sqs.Queue; alarm: cloudwatch.Alarm } {
  const queue = new sqs.Queue(scope, 'DeadLetterQueue', {
    ...(options.encryptionKey
      ? { encryption: sqs.QueueEncryption.KMS, encryptionMasterKey: options.encryptionKey }
      : { encryption: sqs.QueueEncryption.SQS_MANAGED }),
    enforceSSL: true,
    retentionPeriod: Duration.days(14),
  });
  acknowledgeRules(queue.node.defaultChild, {
    'AwsSolutions::AwsSolutions-SQS3': `This queue is the dead-letter queue of ${options.usedBy}; a dead-letter queue has none itself.`,
  });
  const alarm = new cloudwatch.Alarm(scope, 'DeliveryFailureAlarm', {
    alarmDescription: options.alarmDescription,
    metric: queue.metricApproximateNumberOfMessagesVisible({
      period: Duration.minutes(5),
      statistic: cloudwatch.Stats.MAXIMUM,
    }),
    threshold: 1,
    evaluationPeriods: 1,
    comparisonOperator: cloudwatch.ComparisonOperator.GREATER_THAN_OR_EQUAL_TO_THRESHOLD,
    treatMissingData: cloudwatch.TreatMissingData.NOT_BREACHING,
  });
  return { queue, alarm };
}
