/**
 * The detector features of the default protection plans, as CloudFormation and the GuardDuty API both spell them
 * (PascalCase): written out by hand, so that a change of the defaults shows in the tests. The legacy
 * EKS_RUNTIME_MONITORING is not named: GuardDuty refuses it next to RUNTIME_MONITORING.
 */
export const DEFAULT_FEATURES = [
  { Name: 'S3_DATA_EVENTS', Status: 'ENABLED' },
  { Name: 'EKS_AUDIT_LOGS', Status: 'ENABLED' },
  { Name: 'EBS_MALWARE_PROTECTION', Status: 'ENABLED' },
  {
    Name: 'RDS_LOGIN_EVENTS',
    Status: 'ENABLED',
    AdditionalConfiguration: [{ Name: 'RDS_DATA_RISK', Status: 'DISABLED' }],
  },
  { Name: 'LAMBDA_NETWORK_LOGS', Status: 'ENABLED' },
  {
    Name: 'RUNTIME_MONITORING',
    Status: 'DISABLED',
    AdditionalConfiguration: [
      { Name: 'EKS_ADDON_MANAGEMENT', Status: 'DISABLED' },
      { Name: 'ECS_FARGATE_AGENT_MANAGEMENT', Status: 'DISABLED' },
      { Name: 'EC2_AGENT_MANAGEMENT', Status: 'DISABLED' },
    ],
  },
  { Name: 'AI_PROTECTION', Status: 'DISABLED' },
  { Name: 'AI_ANALYST', Status: 'DISABLED' },
];
