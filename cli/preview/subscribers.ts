// How many people an e-mail delivery reaches: the e-mail subscriptions that the template gives the channel's topic.
// A default route without addresses has none, and the preview says so instead of counting the delivery as delivered.
import type { CloudFormationTemplate } from './cloudformation-values';

/**
 * The number of `AWS::SNS::Subscription` resources of protocol `email` (or `email-json`) in `template` whose
 * `TopicArn` is `topicArn`, the target's `Arn` as the template writes it (usually `{"Ref": "<topic>"}`).
 */
export function emailSubscriptionCount(template: CloudFormationTemplate, topicArn: unknown): number {
  const wanted = JSON.stringify(topicArn);
  return Object.values(template.Resources ?? {}).filter((resource) => {
    const r = resource as { Type?: unknown; Properties?: { Protocol?: unknown; TopicArn?: unknown } };
    return (
      r.Type === 'AWS::SNS::Subscription' &&
      (r.Properties?.Protocol === 'email' || r.Properties?.Protocol === 'email-json') &&
      JSON.stringify(r.Properties?.TopicArn) === wanted
    );
  }).length;
}
