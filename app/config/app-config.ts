/**
 * The app's configuration file, `guardduty.config.json`, as TypeScript types. `guardduty.config.schema.json` is the
 * authority on what is allowed; `load-config.ts` checks a file against it.
 */
import type { AlertRoute } from '../../src/alerts/alert-route';
import type { ProtectionPlans } from '../../src/detector/protection-plans';
import type { FindingCriterion } from '../../src/detector/suppression-rule';

export type SeverityLevel = 'LOW' | 'MEDIUM' | 'HIGH' | 'CRITICAL';

/** One alert channel; which fields apply depends on `type`. */
export interface ChannelConfig {
  readonly type: 'email' | 'slack' | 'teams' | 'webhook' | 'sns';
  readonly addresses?: string[];
  readonly language?: 'en' | 'ja';
  readonly slackWorkspaceId?: string;
  readonly slackChannelId?: string;
  readonly teamId?: string;
  readonly teamsChannelId?: string;
  readonly tenantId?: string;
  readonly format?: 'slack' | 'teams' | 'json';
  readonly endpointSecretArn?: string;
  readonly endpointSecretName?: string;
  readonly endpointSecretField?: string;
  readonly rateLimitPerSecond?: number;
  readonly topicArn?: string;
}

/** One alert route: the library's route, with channels named and the severity as in the file. */
export type RouteConfig = Omit<AlertRoute, 'channels' | 'severity'> & {
  readonly channels: string[];
  readonly severity?: {
    readonly minimum?: number;
    readonly from?: SeverityLevel;
    readonly to?: SeverityLevel;
  };
};

/** The operators of one suppression-rule condition; the file keys conditions by field name. */
export type ConditionConfig = Omit<FindingCriterion, 'field'>;

/** One suppression rule. */
export interface SuppressionRuleConfig {
  readonly name: string;
  readonly description?: string;
  readonly rank?: number;
  readonly criteria: Record<string, ConditionConfig>;
}

export interface AppConfig {
  readonly stackName?: string;
  readonly env?: { readonly account?: string; readonly region?: string };
  readonly regions?: string[];
  readonly homeRegion?: string;
  /** With `regions`: the home stack's name, `stackName` by default (see the schema). */
  readonly homeStackName?: string;
  readonly adoptExistingDetector?: boolean;
  readonly manageAdoptedDetectorSettings?: boolean;
  readonly enableAdoptedDetectorIfSuspended?: boolean;
  readonly organization?: {
    readonly administratorAccountId: string;
    readonly managementAccountId?: string;
    readonly autoEnableMembers?: 'ALL' | 'NEW' | 'NONE';
  };
  readonly existingDetectorId?: string;
  readonly findingPublishingFrequency?: 'FIFTEEN_MINUTES' | 'ONE_HOUR' | 'SIX_HOURS';
  readonly protectionPlans?: ProtectionPlans;
  readonly findingsArchive?: {
    readonly exportFindings?: boolean;
    readonly expirationDays?: number;
    readonly transitionToColderStorageAfterDays?: number;
    readonly colderStorageClass?:
      'STANDARD_IA' | 'ONEZONE_IA' | 'INTELLIGENT_TIERING' | 'GLACIER_IR' | 'GLACIER' | 'DEEP_ARCHIVE';
    readonly noncurrentVersionExpirationDays?: number;
    readonly removalPolicy?: 'RETAIN' | 'DESTROY';
    readonly autoDeleteObjects?: boolean;
  };
  readonly alerts?: {
    readonly notificationEmails?: string[];
    readonly minimumSeverity?: number;
    readonly language?: 'en' | 'ja';
    readonly retryAttempts?: number;
    readonly maxEventAgeHours?: number;
    readonly channels?: Record<string, ChannelConfig>;
    readonly routes?: RouteConfig[];
  };
  readonly suppressionRules?: SuppressionRuleConfig[];
  readonly tags?: Record<string, string>;
}
