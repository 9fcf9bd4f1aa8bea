// Generated from guardduty.config.schema.json by scripts/generate-config-types.mjs (npm run generate:config-types).
// Do not edit: change the schema and run npm run generate:config-types. npm test fails when this file and the schema
// differ (test/app/config-types.test.ts).

/** One channel. Which other fields apply depends on type. */
export type ChannelConfig =
  EmailChannelConfig | SlackChannelConfig | TeamsChannelConfig | WebhookChannelConfig | SnsChannelConfig;

/** Settings of the GuardDuty threat-detection app. Every field is optional; README.md lists the defaults. */
export interface AppConfig {
  /** Path of this schema, for editors. */
  $schema?: string;
  /** CloudFormation stack name. */
  stackName?: string;
  /** Deploy to this account and Region. Leave out for an environment-agnostic stack that deploys wherever the CLI credentials point. */
  env?: {
    /** 12-digit AWS account ID. */
    account?: string;
    /** AWS Region code, e.g. ap-northeast-1. */
    region?: string;
  };
  /**
   * Regions to turn GuardDuty on in, one stack each; the home Region included. Leave out for one stack in env.region (or wherever the CLI points).
   *
   * @minItems 1
   */
  regions?: string[];
  /** With regions: the Region that holds the findings archive, the routes and the channels; the others forward their findings to it. */
  homeRegion?: string;
  /** With regions: the CloudFormation stack name of the home Region's stack. Default: stackName. Set it only to keep the name <stackName>-<homeRegion> that earlier versions gave the home stack; the other Regions' stacks stay <stackName>-<region>. */
  homeStackName?: string;
  /** Use the detector that exists in each account and Region, or create one if none exists, at deploy time (custom resource); never deleted. Default: true with organization, false otherwise. */
  adoptExistingDetector?: boolean;
  /** With adoptExistingDetector: apply protectionPlans and findingPublishingFrequency to a detector that already exists too (UpdateDetector), except plans an AWS Organizations GuardDuty policy manages. Default: false, an existing detector keeps its settings. */
  manageAdoptedDetectorSettings?: boolean;
  /** With adoptExistingDetector: re-enable a suspended detector instead of failing the deployment. Default: false. */
  enableAdoptedDetectorIfSuspended?: boolean;
  /** AWS Organizations mode: a management-account stack designates the delegated administrator in every Region; the Region stacks, deployed in the administrator account, set auto-enable for the members. */
  organization?: {
    /** The delegated GuardDuty administrator account (usually Audit or Security Tooling). */
    administratorAccountId: string;
    /** The organization's management account, where the management stack is deployed. */
    managementAccountId?: string;
    /** Turn GuardDuty on for ALL member accounts (existing and new), NEW ones only, or NONE. Default ALL. */
    autoEnableMembers?: 'ALL' | 'NEW' | 'NONE';
  };
  /** Use the detector that already exists in the account and Region instead of creating one. */
  existingDetectorId?: string;
  /** How often updates of existing findings are published to EventBridge and S3. */
  findingPublishingFrequency?: 'FIFTEEN_MINUTES' | 'ONE_HOUR' | 'SIX_HOURS';
  /** GuardDuty protection plans. Each is emitted explicitly as ENABLED or DISABLED. */
  protectionPlans?: {
    /** S3 Protection (S3_DATA_EVENTS). */
    s3DataEvents?: boolean;
    /** EKS Protection (EKS_AUDIT_LOGS). */
    eksAuditLogs?: boolean;
    /** Malware Protection for EC2 (EBS_MALWARE_PROTECTION). */
    ebsMalwareProtection?: boolean;
    /** RDS Protection (RDS_LOGIN_EVENTS). */
    rdsLoginEvents?: boolean;
    /** RDS Protection for data activity (RDS_DATA_RISK, a setting of RDS_LOGIN_EVENTS); needs rdsLoginEvents. Off by default. */
    rdsDataActivity?: boolean;
    /** Lambda Protection (LAMBDA_NETWORK_LOGS). */
    lambdaNetworkLogs?: boolean;
    /** Runtime Monitoring (RUNTIME_MONITORING). Off by default. */
    runtimeMonitoring?: boolean;
    /** Agent management of Runtime Monitoring. */
    runtimeMonitoringAgents?: {
      /** EKS_ADDON_MANAGEMENT. */
      eksAddonManagement?: boolean;
      /** ECS_FARGATE_AGENT_MANAGEMENT. */
      ecsFargateAgentManagement?: boolean;
      /** EC2_AGENT_MANAGEMENT. */
      ec2AgentManagement?: boolean;
    };
    /** Legacy EKS Runtime Monitoring (EKS_RUNTIME_MONITORING), superseded by runtimeMonitoring. Leave it out unless the account still runs the legacy plan: when set, the request names EKS_RUNTIME_MONITORING instead of RUNTIME_MONITORING (GuardDuty refuses both), and runtimeMonitoring must be left out. */
    eksRuntimeMonitoring?: boolean;
    /** AI Protection for Amazon Bedrock, Bedrock AgentCore and SageMaker AI (AI_PROTECTION). Off by default. */
    aiProtection?: boolean;
    /** AI-powered investigations (AI_ANALYST, preview; data may be processed outside the Region). Detector only: never auto-enabled for member accounts. Off by default. */
    aiAnalyst?: boolean;
  };
  /** The S3 bucket and KMS key that keep every exported finding. */
  findingsArchive?: {
    /** Create the detector's S3 publishing destination. Turn off only for a detector that already exports elsewhere. */
    exportFindings?: boolean;
    /** Days before exported findings expire (S3 lifecycle Days: a positive integer, at most 2147483647, the largest Integer of the S3 API). */
    expirationDays?: number;
    /** Days before findings move to colderStorageClass (at most 2147483647). */
    transitionToColderStorageAfterDays?: number;
    /** Storage class for transitionToColderStorageAfterDays. */
    colderStorageClass?:
      'STANDARD_IA' | 'ONEZONE_IA' | 'INTELLIGENT_TIERING' | 'GLACIER_IR' | 'GLACIER' | 'DEEP_ARCHIVE';
    /** Days an overwritten or expired version is kept (at most 2147483647). */
    noncurrentVersionExpirationDays?: number;
    /** RETAIN keeps the buckets and the key when the stack is deleted; DESTROY deletes them. */
    removalPolicy?: 'RETAIN' | 'DESTROY';
    /** Empty the buckets on deletion (adds a Lambda-backed custom resource). Needs removalPolicy DESTROY. */
    autoDeleteObjects?: boolean;
  };
  /** Who is alerted, about which findings, and how. Either the default route (notificationEmails, minimumSeverity, language) or channels and routes. */
  alerts?: {
    /** E-mail addresses of the default route (when routes is not set). */
    notificationEmails?: string[];
    /** Lowest severity of the default route: 4 = Medium and above, 7 = High and above, 9 = Critical only. */
    minimumSeverity?: number;
    /** Language of the default route's e-mails. */
    language?: 'en' | 'ja';
    /** EventBridge retries before an event goes to the dead-letter queue. */
    retryAttempts?: number;
    /** Hours EventBridge keeps retrying an event. */
    maxEventAgeHours?: number;
    /** Named alert channels that routes deliver to. */
    channels?: {
      [k: string]: ChannelConfig;
    };
    /** Which findings go to which channels. When set, notificationEmails, minimumSeverity and language are not allowed. */
    routes?: RouteConfig[];
  };
  /** GuardDuty suppression rules: filters with the ARCHIVE action. Matching findings are archived automatically and never reach EventBridge or the S3 export. */
  suppressionRules?: SuppressionRuleConfig[];
  /** Tags applied to every resource of the stack. */
  tags?: {
    [k: string]: string;
  };
}
export interface EmailChannelConfig {
  /** email, slack (Amazon Q Developer), teams (Amazon Q Developer), webhook (EventBridge API destination) or sns (an existing topic). */
  type: 'email';
  /** email: subscribed addresses. */
  addresses?: string[];
  /** email, webhook: language of the message text. */
  language?: 'en' | 'ja';
}
export interface SlackChannelConfig {
  /** email, slack (Amazon Q Developer), teams (Amazon Q Developer), webhook (EventBridge API destination) or sns (an existing topic). */
  type: 'slack';
  /** slack: the workspace ID, e.g. T0123ABCD. */
  slackWorkspaceId: string;
  /** slack: the channel ID, e.g. C0123ABCD. */
  slackChannelId: string;
}
export interface TeamsChannelConfig {
  /** email, slack (Amazon Q Developer), teams (Amazon Q Developer), webhook (EventBridge API destination) or sns (an existing topic). */
  type: 'teams';
  /** teams: the team ID (a GUID). */
  teamId: string;
  /** teams: the channel ID, URL-encoded as in the channel link. */
  teamsChannelId: string;
  /** teams: the Microsoft Entra tenant ID (a GUID). */
  tenantId: string;
}
export interface WebhookChannelConfig {
  /** email, slack (Amazon Q Developer), teams (Amazon Q Developer), webhook (EventBridge API destination) or sns (an existing topic). */
  type: 'webhook';
  /** webhook: the body format. */
  format: 'slack' | 'teams' | 'json';
  /** webhook: ARN of the Secrets Manager secret that holds the URL. */
  endpointSecretArn?: string;
  /** webhook: name of the Secrets Manager secret that holds the URL (instead of endpointSecretArn). */
  endpointSecretName?: string;
  /** webhook: the JSON key of the URL inside the secret; leave out when the whole secret is the URL. */
  endpointSecretField?: string;
  /** email, webhook: language of the message text. */
  language?: 'en' | 'ja';
  /** webhook: most invocations per second. */
  rateLimitPerSecond?: number;
}
export interface SnsChannelConfig {
  /** email, slack (Amazon Q Developer), teams (Amazon Q Developer), webhook (EventBridge API destination) or sns (an existing topic). */
  type: 'sns';
  /** sns: ARN of the existing topic. */
  topicArn: string;
}
export interface RouteConfig {
  /** Route name. */
  name: string;
  /**
   * Names of channels from alerts.channels (1 to 5).
   *
   * @minItems 1
   * @maxItems 5
   */
  channels: string[];
  /** The severities delivered: {"minimum": 7}, or {"from": "MEDIUM", "to": "HIGH"} (levels included; leave out to for no upper bound). */
  severity?: {
    /** Lowest severity delivered (1-10). */
    minimum?: number;
    /** Lowest level delivered. */
    from?: 'LOW' | 'MEDIUM' | 'HIGH' | 'CRITICAL';
    /** Highest level delivered. */
    to?: 'LOW' | 'MEDIUM' | 'HIGH' | 'CRITICAL';
  };
  /** Only these types; an entry ending with * is a prefix, e.g. "Recon:*". */
  findingTypes?: string[];
  /** Never these types (exact types, or one prefix ending with *). */
  excludeFindingTypes?: string[];
  /** Only findings about these accounts. */
  accountIds?: string[];
  /** Only these resource types, e.g. Instance, AccessKey, S3Bucket. */
  resourceTypes?: string[];
  /** Deliver sample findings too. */
  includeSampleFindings?: boolean;
  /** Deliver archived findings too. */
  includeArchivedFindings?: boolean;
  /** Deliver only the first publication of a finding (service.count = 1). */
  firstOccurrenceOnly?: boolean;
}
export interface SuppressionRuleConfig {
  /** Filter name: 3 to 64 letters, digits, ".", "_" or "-". */
  name: string;
  /** What the rule suppresses and why (at most 512 characters). */
  description?: string;
  /** Order of evaluation, 1 to 100. */
  rank?: number;
  /** Conditions keyed by finding field, e.g. {"type": {"equals": ["Recon:EC2/PortProbeUnprotectedPort"]}}. */
  criteria: {
    [k: string]: ConditionConfig;
  };
}
/** Operators on one field; all must hold. */
export interface ConditionConfig {
  /** The field equals one of these values. */
  equals?: string[];
  /** The field equals none of these values. */
  notEquals?: string[];
  /** Numeric field above this value. */
  greaterThan?: number;
  /** Numeric field at or above this value. */
  greaterThanOrEqual?: number;
  /** Numeric field below this value. */
  lessThan?: number;
  /** Numeric field at or below this value. */
  lessThanOrEqual?: number;
  /** The field matches one of these patterns. */
  matches?: string[];
  /** The field matches none of these patterns. */
  notMatches?: string[];
}
