/**
 * The app's configuration file, `guardduty.config.json`, as TypeScript types. `guardduty.config.schema.json` is the one
 * source of its shape: the types are generated from it into `app-config.generated.ts` (`npm run
 * generate:config-types`; `npm test` fails when they differ), and `schema-problems.ts` checks a file against it.
 */
import type { RouteConfig } from './app-config.generated';

export type {
  AppConfig,
  ChannelConfig,
  ConditionConfig,
  EmailChannelConfig,
  RouteConfig,
  SlackChannelConfig,
  SnsChannelConfig,
  SuppressionRuleConfig,
  TeamsChannelConfig,
  WebhookChannelConfig,
} from './app-config.generated';

/** A severity level of a route's `severity.from` and `severity.to`. */
export type SeverityLevel = NonNullable<NonNullable<RouteConfig['severity']>['from']>;
