/**
 * The app's configuration file, `guardduty.config.json`, as TypeScript types. `guardduty.config.schema.json` is the
 * authority on what is allowed; `load-config.ts` checks a file against it.
 */
export interface AppConfig {
  readonly stackName?: string;
  readonly env?: { readonly account?: string; readonly region?: string };
  readonly existingDetectorId?: string;
  readonly findingPublishingFrequency?: 'FIFTEEN_MINUTES' | 'ONE_HOUR' | 'SIX_HOURS';
  readonly protectionPlans?: {
    readonly s3DataEvents?: boolean;
    readonly eksAuditLogs?: boolean;
    readonly ebsMalwareProtection?: boolean;
    readonly rdsLoginEvents?: boolean;
    readonly lambdaNetworkLogs?: boolean;
    readonly runtimeMonitoring?: boolean;
    readonly runtimeMonitoringAgents?: {
      readonly eksAddonManagement?: boolean;
      readonly ecsFargateAgentManagement?: boolean;
      readonly ec2AgentManagement?: boolean;
    };
    readonly eksRuntimeMonitoring?: boolean;
  };
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
  };
  readonly tags?: Record<string, string>;
}
