// The public API: constructs, their props, enums and classes only (no free functions), so that it can be compiled
// with jsii for other languages. Pure helpers stay internal to their modules.
export type { ProtectionPlans, RuntimeMonitoringAgents } from './detector/protection-plans';
export * from './detector/guardduty-detector';
export * from './detector/adopted-detector';
export { SuppressionRule } from './detector/suppression-rule';
export type {
  FindingCriterion,
  SuppressionRuleOptions,
  SuppressionRuleProps,
} from './detector/suppression-rule';
export { FindingsArchive } from './archive/findings-archive';
export type { FindingsArchiveProps, IFindingsArchive } from './archive/findings-archive';
export * from './archive/findings-publishing-destination';
export { FindingSeverity, SeverityLabel, SeverityRange } from './alerts/severity';
export type { AlertRoute } from './alerts/alert-route';
export { AlertChannelType } from './alerts/channels/alert-channel';
export type {
  AlertChannelBindOptions,
  AlertTargetOptions,
  IAlertChannel,
  IBoundAlertChannel,
} from './alerts/channels/alert-channel';
export * from './alerts/channels/email-channel';
export * from './alerts/channels/chat-channels';
export * from './alerts/channels/webhook-channel';
export * from './alerts/channels/sns-topic-channel';
export { MessageLanguage } from './alerts/finding-email-message';
export { AlertTopic } from './alerts/alert-topic';
export type { AlertTopicProps } from './alerts/alert-topic';
export { FindingAlerts } from './alerts/finding-alerts';
export type { FindingAlertsProps } from './alerts/finding-alerts';
export * from './guardduty-threat-detection';
export { FindingForwarder } from './regions/finding-forwarder';
export type { FindingForwarderProps } from './regions/finding-forwarder';
export { FindingsArchiveParameter, HomeRegionArchive } from './regions/home-region-archive';
export type { FindingsArchiveParameterProps, HomeRegionArchiveProps } from './regions/home-region-archive';
export { GuardDutyMemberRegion } from './regions/guardduty-member-region';
export type { GuardDutyMemberRegionProps } from './regions/guardduty-member-region';
export { GuardDutyDelegatedAdministrator } from './organization/delegated-administrator';
export type { GuardDutyDelegatedAdministratorProps } from './organization/delegated-administrator';
export {
  AutoEnableMembers,
  GuardDutyOrganizationConfiguration,
} from './organization/organization-configuration';
export type { GuardDutyOrganizationConfigurationProps } from './organization/organization-configuration';
export { RouteMetadataFormat } from './alerts/route-metadata';
export type { RouteForwardingMetadata, RouteMetadata, RouteTargetMetadata } from './alerts/route-metadata';
export { FieldPath } from './validation/field-path';
export { ThreatDetectionErrors } from './validation/threat-detection-errors';
export { GuardDutyRegions } from './regions/region-facts';
