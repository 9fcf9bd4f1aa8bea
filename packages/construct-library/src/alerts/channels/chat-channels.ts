import { Names, Token } from 'aws-cdk-lib';
import { show, ValidationError } from '../../private/validation-error';
import * as chatbot from 'aws-cdk-lib/aws-chatbot';
import * as events from 'aws-cdk-lib/aws-events';
import * as iam from 'aws-cdk-lib/aws-iam';
import { Construct } from 'constructs';
import { AlertTopic } from '../alert-topic';
import {
  AlertChannelBindOptions,
  AlertChannelType,
  IAlertChannel,
  IBoundAlertChannel,
} from './alert-channel';

/**
 * What every chat channel creates: a topic, encrypted with the alerts key, that receives the unmodified finding event
 * (Amazon Q Developer in chat applications renders AWS events itself and drops text it does not recognise), and a
 * channel role that can do nothing, behind the AWS managed `AWSDenyAll` guardrail, so the chat channel only
 * notifies and nobody can run AWS commands from it.
 */
function chatResources(scope: Construct, name: string, options: AlertChannelBindOptions) {
  const topic = new AlertTopic(scope, name, { encryptionKey: options.encryptionKey });
  const role = new iam.Role(scope, `${name}ChannelRole`, {
    assumedBy: new iam.ServicePrincipal('chatbot.amazonaws.com'),
    description: `Amazon Q Developer channel role for GuardDuty alerts (${name}); notifications only, no permissions`,
  });
  const guardrail = iam.ManagedPolicy.fromAwsManagedPolicyName('AWSDenyAll');
  const configurationName = Names.uniqueResourceName(topic, { maxLength: 128, separator: '-' });
  const bound: IBoundAlertChannel = {
    alarmTopic: topic,
    targetFor: (rule: events.IRuleRef) => {
      topic.allowPublishFromRule(rule);
      return { arn: topic.topic.topicArn };
    },
  };
  return { topic, role, guardrail, configurationName, bound };
}

/** Properties of a {@link SlackChannel}. */
export interface SlackChannelProps {
  /** The channel's name, unique within the alerts: letters, digits, `-` and `_`. */
  readonly name: string;
  /** The Slack workspace ID, from the Amazon Q Developer console after you authorise the workspace (e.g. `T0123ABCD`). */
  readonly slackWorkspaceId: string;
  /** The Slack channel ID (e.g. `C0123ABCD`); invite the Amazon Q app to a private channel first. */
  readonly slackChannelId: string;
}

/** Findings in a Slack channel, rendered by Amazon Q Developer in chat applications (formerly AWS Chatbot). */
export class SlackChannel implements IAlertChannel {
  public readonly channelName: string;
  public readonly channelType = AlertChannelType.SLACK;
  /** The channel configuration, once the channel is bound. */
  public configuration?: chatbot.SlackChannelConfiguration;

  constructor(private readonly props: SlackChannelProps) {
    this.channelName = props.name;
  }

  public bind(scope: Construct, options: AlertChannelBindOptions): IBoundAlertChannel {
    const r = chatResources(scope, this.channelName, options);
    this.configuration = new chatbot.SlackChannelConfiguration(scope, `${this.channelName}Configuration`, {
      slackChannelConfigurationName: r.configurationName,
      slackWorkspaceId: this.props.slackWorkspaceId,
      slackChannelId: this.props.slackChannelId,
      notificationTopics: [r.topic.topic],
      role: r.role,
      guardrailPolicies: [r.guardrail],
      loggingLevel: chatbot.LoggingLevel.ERROR,
    });
    return r.bound;
  }
}

/** Properties of a {@link MicrosoftTeamsChannel}. */
export interface MicrosoftTeamsChannelProps {
  /** The channel's name, unique within the alerts: letters, digits, `-` and `_`. */
  readonly name: string;
  /** The Microsoft Teams team ID, from the Amazon Q Developer console after you authorise the team. */
  readonly teamId: string;
  /**
   * The Teams channel ID, URL-encoded as it appears in the channel's link (e.g. `19%3aabc123%40thread.tacv2`).
   */
  readonly teamsChannelId: string;
  /** The Microsoft Entra tenant ID of the team. */
  readonly tenantId: string;
}

/** Findings in a Microsoft Teams channel, rendered by Amazon Q Developer in chat applications. */
export class MicrosoftTeamsChannel implements IAlertChannel {
  public readonly channelName: string;
  public readonly channelType = AlertChannelType.MICROSOFT_TEAMS;
  /** The channel configuration, once the channel is bound. */
  public configuration?: chatbot.CfnMicrosoftTeamsChannelConfiguration;

  constructor(private readonly props: MicrosoftTeamsChannelProps) {
    this.channelName = props.name;
  }

  public bind(scope: Construct, options: AlertChannelBindOptions): IBoundAlertChannel {
    const channelId = this.props.teamsChannelId;
    if (
      !Token.isUnresolved(channelId) &&
      !/^[A-Za-z0-9-_=+/.,]*%3[aA][A-Za-z0-9-_=+/.,]*%40[A-Za-z0-9-_=+/.,]*$/.test(channelId)
    ) {
      throw new ValidationError(
        `teamsChannelId ${show(channelId)} of channel "${this.channelName}" is not URL-encoded. Copy it from the ` +
          'channel link, where ":" is written %3a and "@" %40, e.g. 19%3aabc123%40thread.tacv2.',
        scope,
      );
    }
    const r = chatResources(scope, this.channelName, options);
    this.configuration = new chatbot.CfnMicrosoftTeamsChannelConfiguration(
      scope,
      `${this.channelName}Configuration`,
      {
        configurationName: r.configurationName,
        iamRoleArn: r.role.roleArn,
        teamId: this.props.teamId,
        teamsChannelId: this.props.teamsChannelId,
        teamsTenantId: this.props.tenantId,
        snsTopicArns: [r.topic.topic.topicArn],
        guardrailPolicies: [r.guardrail.managedPolicyArn],
        loggingLevel: 'ERROR',
      },
    );
    return r.bound;
  }
}
