import * as events from 'aws-cdk-lib/aws-events';
import { Construct } from 'constructs';
import { AlertTopic } from '../alert-topic';
import { FINDING_INPUT_PATHS, findingEmailTemplate, MessageLanguage } from '../finding-email-message';
import type { SeverityLabel } from '../severity';
import {
  AlertChannelBindOptions,
  AlertChannelType,
  AlertTargetOptions,
  IAlertChannel,
  IBoundAlertChannel,
} from './alert-channel';
import { TemplateInput } from './template-input';

/** Properties of an {@link EmailChannel}. */
export interface EmailChannelProps {
  /** The channel's name, unique within the alerts: letters, digits, `-` and `_`. */
  readonly name: string;

  /**
   * The addresses subscribed. Each recipient must confirm the subscription from the e-mail SNS sends first.
   *
   * @default - no subscriptions; subscribe to `topic` yourself
   */
  readonly addresses?: string[];

  /**
   * The language of the e-mail text. Finding titles and descriptions stay as GuardDuty writes them.
   *
   * @default MessageLanguage.ENGLISH
   */
  readonly language?: MessageLanguage;
}

/**
 * Plain-text e-mails a person can read, through an SNS topic encrypted with the alerts' customer managed key.
 * An EventBridge input transformer writes the text; there is no Lambda function.
 */
export class EmailChannel implements IAlertChannel {
  public readonly channelName: string;
  public readonly channelType = AlertChannelType.EMAIL;
  /** The topic of this channel, once it is bound. */
  public topic?: AlertTopic;

  constructor(private readonly props: EmailChannelProps) {
    this.channelName = props.name;
  }

  public bind(scope: Construct, options: AlertChannelBindOptions): IBoundAlertChannel {
    const topic = new AlertTopic(scope, this.channelName, {
      emailAddresses: this.props.addresses,
      encryptionKey: options.encryptionKey,
    });
    this.topic = topic;
    const language = this.props.language ?? MessageLanguage.ENGLISH;
    return {
      alarmTopic: topic,
      targetFor: (rule: events.IRuleRef, label: SeverityLabel, target?: AlertTargetOptions) => {
        topic.allowPublishFromRule(rule);
        return {
          arn: topic.topic.topicArn,
          input: new TemplateInput(
            FINDING_INPUT_PATHS,
            findingEmailTemplate(
              label,
              language,
              options.consoleDomain,
              target?.includesArchivedFindings ?? false,
            ),
          ),
        };
      },
    };
  }
}
