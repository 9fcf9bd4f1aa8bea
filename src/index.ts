// The public API: constructs, their props, enums and classes only (no free functions), so that it can be compiled
// with jsii for other languages. Pure helpers stay internal to their modules.
export type { ProtectionPlans, RuntimeMonitoringAgents } from './detector/protection-plans';
export * from './detector/guardduty-detector';
export * from './archive/findings-archive';
export * from './archive/findings-publishing-destination';
export { FindingSeverity, SeverityLabel } from './alerts/severity';
export { MessageLanguage } from './alerts/finding-email-message';
export { AlertTopic } from './alerts/alert-topic';
export type { AlertTopicProps } from './alerts/alert-topic';
export * from './alerts/finding-alerts';
export * from './guardduty-threat-detection';
