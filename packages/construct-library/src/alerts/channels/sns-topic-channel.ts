import { Annotations, Names, Stack } from 'aws-cdk-lib';
import * as events from 'aws-cdk-lib/aws-events';
import * as iam from 'aws-cdk-lib/aws-iam';
import * as sns from 'aws-cdk-lib/aws-sns';
import { Construct } from 'constructs';
import { throwIfProblems } from '../../private/validation-error';
import { allowServiceToUseKey } from '../alert-topic';
import {
  AlertChannelBindOptions,
  AlertChannelType,
  IAlertChannel,
  IBoundAlertChannel,
  regionMismatchProblems,
  SAME_REGION_REASONS,
} from './alert-channel';

/** Properties of an {@link SnsTopicChannel}. */
export interface SnsTopicChannelProps {
  /** The channel's name, unique within the alerts: letters, digits, `-` and `_`. */
  readonly name: string;

  /**
   * The topic that receives the unmodified GuardDuty finding event as JSON, for example one that PagerDuty,
   * Opsgenie or a SIEM subscribes to. Use `sns.Topic.fromTopicArn` for a topic outside this app.
   */
  readonly topic: sns.ITopic;
}

/**
 * Delivers the unmodified finding event to an SNS topic you already have.
 *
 * For a topic created in the same app, one statement allowing `sns:Publish` for EventBridge is added to its policy,
 * scoped to the rules (`aws:SourceArn` lists them). For an imported topic nothing can be added from here: its topic policy must allow
 * `events.amazonaws.com` to `sns:Publish` (ideally with `aws:SourceArn` of these rules), and if it is encrypted
 * with a customer managed key, that key's policy must allow `events.amazonaws.com` `kms:Decrypt` and
 * `kms:GenerateDataKey*`. A warning at synth repeats this.
 */
export class SnsTopicChannel implements IAlertChannel {
  /**
   * The problem of a topic in another Region than the stack's, when both Regions are known at synth (a Region that is
   * a token, such as an environment-agnostic stack's, is not compared); empty otherwise.
   *
   * @param field the name of the topic in the caller's props or configuration
   * @param topicRegion the Region of the topic
   * @param stackRegion the Region of the stack that delivers to it
   */
  public static topicRegionProblems(field: string, topicRegion: string, stackRegion: string): string[] {
    return regionMismatchProblems(field, topicRegion, stackRegion, SAME_REGION_REASONS.snsTopic);
  }

  public readonly channelName: string;
  public readonly channelType = AlertChannelType.SNS_TOPIC;

  constructor(private readonly props: SnsTopicChannelProps) {
    this.channelName = props.name;
  }

  public bind(scope: Construct, _options: AlertChannelBindOptions): IBoundAlertChannel {
    const topic = this.props.topic;
    throwIfProblems(
      scope,
      SnsTopicChannel.topicRegionProblems(
        `SnsTopicChannel ${JSON.stringify(this.channelName)}: topic`,
        topic.env.region,
        Stack.of(scope).region,
      ),
    );
    if (topic.masterKey)
      allowServiceToUseKey(topic.masterKey, 'events.amazonaws.com', 'AllowEventBridgeToUseTheKey');
    // One statement for every rule of these alerts, whose ARN list grows as rules bind: a statement per rule would
    // pass SNS's 100 statements per topic policy at about 25 four-level routes
    // (https://docs.aws.amazon.com/sns/latest/dg/sns-access-policy-language-api-permissions-reference.html).
    const ruleArns: string[] = [];
    let added: boolean | undefined;
    return {
      targetFor: (rule: events.IRuleRef) => {
        ruleArns.push(rule.ruleRef.ruleArn);
        if (added === undefined) {
          added = topic.addToResourcePolicy(
            new iam.PolicyStatement({
              sid: `AllowGuardDutyAlerts${Names.uniqueId(scope).replace(/[^A-Za-z0-9]/g, '')}`,
              principals: [new iam.ServicePrincipal('events.amazonaws.com')],
              actions: ['sns:Publish'],
              resources: [topic.topicArn],
              conditions: { ArnEquals: { 'aws:SourceArn': ruleArns } },
            }),
          ).statementAdded;
          if (!added) {
            Annotations.of(scope).addWarningV2(
              'cdk-guardduty-threat-detection:importedTopic',
              `Channel "${this.channelName}" publishes to an imported topic, whose policy cannot be changed here. ` +
                'Allow events.amazonaws.com sns:Publish in its topic policy and, if it is encrypted with a customer ' +
                'managed key, kms:Decrypt and kms:GenerateDataKey* in the key policy; otherwise deliveries fail and ' +
                'land in the dead-letter queue.',
            );
          }
        }
        return { arn: topic.topicArn };
      },
    };
  }
}
