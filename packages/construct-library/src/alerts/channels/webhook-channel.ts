import { SecretValue, Stack } from 'aws-cdk-lib';
import * as events from 'aws-cdk-lib/aws-events';
import * as targets from 'aws-cdk-lib/aws-events-targets';
import * as iam from 'aws-cdk-lib/aws-iam';
import type * as secretsmanager from 'aws-cdk-lib/aws-secretsmanager';
import { Construct } from 'constructs';
import { throwIfProblems } from '../../private/validation-error';
import { FINDING_INPUT_PATHS, MessageLanguage } from '../finding-email-message';
import type { SeverityLabel } from '../severity';
import {
  AlertChannelBindOptions,
  AlertChannelType,
  AlertTargetOptions,
  IAlertChannel,
  IBoundAlertChannel,
  regionMismatchProblems,
  SAME_REGION_REASONS,
} from './alert-channel';
import { TemplateInput } from './template-input';
import { jsonWebhookBody, slackWebhookBody, teamsWebhookBody } from './webhook-bodies';

/** The body a webhook receives. */
export enum WebhookFormat {
  /** A Slack incoming-webhook message with Block Kit blocks. */
  SLACK = 'slack',
  /** A Microsoft Teams Workflows webhook message with an Adaptive Card. */
  MICROSOFT_TEAMS = 'teams',
  /** A flat JSON object with the finding's main fields. */
  JSON = 'json',
}

/** Properties of a {@link WebhookChannel}. */
export interface WebhookChannelProps {
  /** The channel's name, unique within the alerts: letters, digits, `-` and `_`. */
  readonly name: string;

  /** The body format. */
  readonly format: WebhookFormat;

  /**
   * The Secrets Manager secret that holds the webhook URL. The URL reaches CloudFormation only as a dynamic
   * reference (`{{resolve:secretsmanager:...}}`), resolved at deploy time; it is never written into the template.
   * Rotating the URL needs a stack update to take effect.
   */
  readonly endpointSecret: secretsmanager.ISecret;

  /**
   * The JSON key of the URL inside the secret, when the secret is a JSON object.
   *
   * @default - the whole secret string is the URL
   */
  readonly endpointSecretField?: string;

  /**
   * How EventBridge authenticates to the endpoint. Slack and Teams webhooks carry their credential in the URL.
   *
   * @default - an `X-Alert-Source: cdk-guardduty-threat-detection` header, which is not a credential (an EventBridge
   * connection needs one authorization method)
   */
  readonly authorization?: events.Authorization;

  /**
   * The language of the labels in Slack and Teams messages.
   *
   * @default MessageLanguage.ENGLISH
   */
  readonly language?: MessageLanguage;

  /**
   * The most invocations per second EventBridge sends to the endpoint.
   *
   * @default 10
   */
  readonly rateLimitPerSecond?: number;
}

/**
 * Delivers findings to an HTTPS webhook (Slack, Microsoft Teams or any JSON endpoint) through an EventBridge API
 * destination, with the body built by an input transformer: no Lambda function.
 */
export class WebhookChannel implements IAlertChannel {
  /**
   * The problem of a secret in another Region than the stack's, when both Regions are known at synth (a Region that is
   * a token, such as an environment-agnostic stack's, is not compared); empty otherwise.
   *
   * @param field the name of the secret in the caller's props or configuration
   * @param secretRegion the Region of the secret
   * @param stackRegion the Region of the stack that delivers to it
   */
  public static secretRegionProblems(field: string, secretRegion: string, stackRegion: string): string[] {
    return regionMismatchProblems(field, secretRegion, stackRegion, SAME_REGION_REASONS.secret);
  }

  public readonly channelName: string;
  public readonly channelType = AlertChannelType.WEBHOOK;
  /** The API destination, once the channel is bound. */
  public apiDestination?: events.ApiDestination;

  constructor(private readonly props: WebhookChannelProps) {
    this.channelName = props.name;
  }

  public bind(scope: Construct, options: AlertChannelBindOptions): IBoundAlertChannel {
    const { endpointSecret, endpointSecretField } = this.props;
    throwIfProblems(
      scope,
      WebhookChannel.secretRegionProblems(
        `WebhookChannel ${JSON.stringify(this.channelName)}: endpointSecret`,
        endpointSecret.env.region,
        Stack.of(scope).region,
      ),
    );
    const url = endpointSecretField
      ? endpointSecret.secretValueFromJson(endpointSecretField)
      : endpointSecret.secretValue;
    const connection = new events.Connection(scope, `${this.channelName}Connection`, {
      description: `GuardDuty alerts webhook (${this.channelName})`,
      authorization:
        this.props.authorization ??
        events.Authorization.apiKey(
          'X-Alert-Source',
          SecretValue.unsafePlainText('cdk-guardduty-threat-detection'),
        ),
    });
    const destination = new events.ApiDestination(scope, `${this.channelName}Destination`, {
      description: `GuardDuty alerts webhook (${this.channelName})`,
      connection,
      endpoint: url.unsafeUnwrap(), // a {{resolve:secretsmanager:...}} dynamic reference, not the URL itself
      httpMethod: events.HttpMethod.POST,
      rateLimitPerSecond: this.props.rateLimitPerSecond ?? 10,
    });
    this.apiDestination = destination;
    // A role per webhook with a customer managed policy that allows only this destination. aws-cdk-lib's own
    // target would add an inline policy; passing the role without policy updates stops that.
    const role = new iam.Role(scope, `${this.channelName}InvokeRole`, {
      assumedBy: new iam.ServicePrincipal('events.amazonaws.com'),
      description: `Lets EventBridge call the GuardDuty alerts webhook ${this.channelName}`,
    });
    new iam.ManagedPolicy(scope, `${this.channelName}InvokePolicy`, {
      description: `Invoke the GuardDuty alerts webhook ${this.channelName} only`,
      roles: [role],
      statements: [
        new iam.PolicyStatement({
          actions: ['events:InvokeApiDestination'],
          resources: [destination.apiDestinationArn],
        }),
      ],
    });
    const language = this.props.language ?? MessageLanguage.ENGLISH;
    const body = (label: SeverityLabel, archived: boolean) => {
      switch (this.props.format) {
        case WebhookFormat.SLACK:
          return slackWebhookBody(label, language, options.consoleDomain, archived);
        case WebhookFormat.MICROSOFT_TEAMS:
          return teamsWebhookBody(label, language, options.consoleDomain, archived);
        default:
          return jsonWebhookBody(label, options.consoleDomain, archived);
      }
    };
    return {
      targetFor: (rule: events.IRuleRef, label: SeverityLabel, target?: AlertTargetOptions) =>
        new targets.ApiDestination(destination, {
          event: new TemplateInput(
            FINDING_INPUT_PATHS,
            body(label, target?.includesArchivedFindings ?? false),
          ),
          eventRole: role.withoutPolicyUpdates(),
        }).bind(rule),
    };
  }
}
