import { Token } from 'aws-cdk-lib';
import { show } from '../private/validation-error';

/**
 * One condition on one finding field. Set one or more operators; GuardDuty ANDs them, and ANDs this criterion with
 * the other criteria of the rule.
 *
 * @see https://docs.aws.amazon.com/guardduty/latest/APIReference/API_Condition.html
 */
export interface FindingCriterion {
  /**
   * The finding field, as a case-sensitive dotted path of the finding format: for example `type`, `severity`,
   * `accountId`, `resource.instanceDetails.tags.value` or
   * `service.action.networkConnectionAction.remoteIpDetails.ipAddressV4`.
   *
   * Only the fields GuardDuty documents for filters are accepted (the list of `FindingCriteria` in the
   * CreateFilter API reference and in `CfnFilter.FindingCriteriaProperty.criterion`); an unknown field is rejected
   * at synth with the closest documented field. A field can appear in one criterion of a rule only.
   *
   * @see https://docs.aws.amazon.com/guardduty/latest/APIReference/API_CreateFilter.html
   */
  readonly field: string;

  /**
   * The field equals one of these values (CloudFormation `Equals`). At most 50 values, none empty.
   *
   * For `severity`, the values are the whole-number strings `"1"` to `"10"` GuardDuty documents for filters: Low
   * `["1", "2", "3"]`, Medium `["4", "5", "6"]`, High `["7", "8"]`, Critical `["9", "10"]`. For a range of
   * severities use `greaterThanOrEqual` and `lessThan` instead.
   *
   * @default - no equality condition
   */
  readonly equals?: string[];

  /**
   * The field equals none of these values (CloudFormation `NotEquals`). At most 50 values, none empty; the same
   * values as `equals` for `severity`.
   *
   * @default - no inequality condition
   */
  readonly notEquals?: string[];

  /**
   * The field is greater than this number (CloudFormation `GreaterThan`). Only on numeric fields, such as `severity`,
   * `confidence`, ports, counts, and timestamps such as `updatedAt`, which GuardDuty compares as Unix epoch
   * milliseconds (`1735689600000`, not `1735689600`). A whole number: CloudFormation types it as a 64-bit integer.
   *
   * @default - no lower bound
   */
  readonly greaterThan?: number;

  /**
   * The field is greater than or equal to this number (CloudFormation `GreaterThanOrEqual`); as `greaterThan`.
   *
   * @default - no lower bound
   */
  readonly greaterThanOrEqual?: number;

  /**
   * The field is less than this number (CloudFormation `LessThan`); as `greaterThan`.
   *
   * @default - no upper bound
   */
  readonly lessThan?: number;

  /**
   * The field is less than or equal to this number (CloudFormation `LessThanOrEqual`); as `greaterThan`.
   *
   * @default - no upper bound
   */
  readonly lessThanOrEqual?: number;

  /**
   * The field matches one of these wildcard patterns (CloudFormation `Matches`). At most 5 patterns of 1 to 512
   * characters. GuardDuty accepts `matches` in filters and suppression rules only, not when listing findings.
   *
   * @default - no pattern condition
   */
  readonly matches?: string[];

  /**
   * The field matches none of these wildcard patterns (CloudFormation `NotMatches`). At most 5 patterns of 1 to
   * 512 characters.
   *
   * @default - no pattern condition
   */
  readonly notMatches?: string[];
}

/** The operators of a {@link FindingCriterion}: property name, CloudFormation name and limits. */
export interface OperatorRow {
  readonly prop: Exclude<keyof FindingCriterion, 'field'>;
  /** The CloudFormation (and API) name, emitted verbatim into `FindingCriteria.Criterion`. */
  readonly cfnName: string;
  readonly kind: 'list' | 'number';
  /** For lists: the most values GuardDuty accepts. */
  readonly maxValues?: number;
  /** For lists: the longest value GuardDuty accepts, where it documents one. */
  readonly maxLength?: number;
  /** For lists: whether a finding matches when its value is in none of the values (notEquals, notMatches). */
  readonly negative?: boolean;
  /** For numbers: which end of a range it bounds, and whether the bound itself is excluded. */
  readonly bound?: 'lower' | 'upper';
  readonly exclusive?: boolean;
}

/**
 * Every operator, in the order it is emitted. Only the current names: the deprecated `Eq`, `Neq`, `Gt`, `Gte`, `Lt`
 * and `Lte` are never emitted.
 */
export const OPERATORS: readonly OperatorRow[] = [
  { prop: 'equals', cfnName: 'Equals', kind: 'list', maxValues: 50 },
  { prop: 'notEquals', cfnName: 'NotEquals', kind: 'list', maxValues: 50, negative: true },
  { prop: 'greaterThan', cfnName: 'GreaterThan', kind: 'number', bound: 'lower', exclusive: true },
  {
    prop: 'greaterThanOrEqual',
    cfnName: 'GreaterThanOrEqual',
    kind: 'number',
    bound: 'lower',
    exclusive: false,
  },
  { prop: 'lessThan', cfnName: 'LessThan', kind: 'number', bound: 'upper', exclusive: true },
  { prop: 'lessThanOrEqual', cfnName: 'LessThanOrEqual', kind: 'number', bound: 'upper', exclusive: false },
  { prop: 'matches', cfnName: 'Matches', kind: 'list', maxValues: 5, maxLength: 512 },
  { prop: 'notMatches', cfnName: 'NotMatches', kind: 'list', maxValues: 5, maxLength: 512, negative: true },
];

/** The most criteria (attributes) GuardDuty accepts in one filter. */
const MAX_CRITERIA = 50;

/**
 * The finding fields GuardDuty documents for filters, sorted: the `FindingCriteria` list of the CreateFilter API
 * reference (botocore 1.43.11 `guardduty` model, 629 fields) together with the list in the JSDoc of
 * `CfnFilter.FindingCriteriaProperty.criterion` of aws-cdk-lib 2.276 (93 distinct fields, all but
 * `resource.s3BucketDetails.publicAccess.effectivePermissions` also in the API reference).
 */
export const FILTER_FIELDS: readonly string[] = [
  'accountId',
  'arn',
  'associatedAttackSequenceArn',
  'confidence',
  'createdAt',
  'description',
  'id',
  'partition',
  'region',
  'resource.accessKeyDetails.accessKeyId',
  'resource.accessKeyDetails.principalId',
  'resource.accessKeyDetails.userIdentity.accessKeyId',
  'resource.accessKeyDetails.userIdentity.accountId',
  'resource.accessKeyDetails.userIdentity.arn',
  'resource.accessKeyDetails.userIdentity.principalId',
  'resource.accessKeyDetails.userIdentity.sessionContext.attributes.mfaAuthenticated',
  'resource.accessKeyDetails.userIdentity.sessionContext.ec2RoleDelivery',
  'resource.accessKeyDetails.userIdentity.sessionContext.invokedBy',
  'resource.accessKeyDetails.userIdentity.sessionContext.sessionIssuer.accountId',
  'resource.accessKeyDetails.userIdentity.sessionContext.sessionIssuer.arn',
  'resource.accessKeyDetails.userIdentity.sessionContext.sessionIssuer.principalId',
  'resource.accessKeyDetails.userIdentity.sessionContext.sessionIssuer.type',
  'resource.accessKeyDetails.userIdentity.sessionContext.sessionIssuer.userName',
  'resource.accessKeyDetails.userIdentity.sessionContext.sourceIdentity',
  'resource.accessKeyDetails.userIdentity.sessionContext.webIdFederationData.attributes',
  'resource.accessKeyDetails.userIdentity.sessionContext.webIdFederationData.federatedProvider',
  'resource.accessKeyDetails.userIdentity.type',
  'resource.accessKeyDetails.userIdentity.userName',
  'resource.accessKeyDetails.userName',
  'resource.accessKeyDetails.userType',
  'resource.bedrockGuardrailDetails.guardrailArn',
  'resource.bedrockGuardrailDetails.guardrailVersion',
  'resource.containerDetails.containerRuntime',
  'resource.containerDetails.id',
  'resource.containerDetails.image',
  'resource.containerDetails.imagePrefix',
  'resource.containerDetails.name',
  'resource.containerDetails.securityContext.allowPrivilegeEscalation',
  'resource.containerDetails.securityContext.privileged',
  'resource.containerDetails.volumeMounts.mountPath',
  'resource.containerDetails.volumeMounts.name',
  'resource.ebsSnapshotDetails.snapshotArn',
  'resource.ebsVolumeDetails.scannedVolumeDetails.deviceName',
  'resource.ebsVolumeDetails.scannedVolumeDetails.encryptionType',
  'resource.ebsVolumeDetails.scannedVolumeDetails.kmsKeyArn',
  'resource.ebsVolumeDetails.scannedVolumeDetails.snapshotArn',
  'resource.ebsVolumeDetails.scannedVolumeDetails.volumeArn',
  'resource.ebsVolumeDetails.scannedVolumeDetails.volumeSizeInGB',
  'resource.ebsVolumeDetails.scannedVolumeDetails.volumeType',
  'resource.ebsVolumeDetails.skippedVolumeDetails.deviceName',
  'resource.ebsVolumeDetails.skippedVolumeDetails.encryptionType',
  'resource.ebsVolumeDetails.skippedVolumeDetails.kmsKeyArn',
  'resource.ebsVolumeDetails.skippedVolumeDetails.snapshotArn',
  'resource.ebsVolumeDetails.skippedVolumeDetails.volumeArn',
  'resource.ebsVolumeDetails.skippedVolumeDetails.volumeSizeInGB',
  'resource.ebsVolumeDetails.skippedVolumeDetails.volumeType',
  'resource.ec2ImageDetails.imageArn',
  'resource.ecsClusterDetails.activeServicesCount',
  'resource.ecsClusterDetails.arn',
  'resource.ecsClusterDetails.name',
  'resource.ecsClusterDetails.registeredContainerInstancesCount',
  'resource.ecsClusterDetails.runningTasksCount',
  'resource.ecsClusterDetails.status',
  'resource.ecsClusterDetails.tags.key',
  'resource.ecsClusterDetails.tags.value',
  'resource.ecsClusterDetails.taskDetails.arn',
  'resource.ecsClusterDetails.taskDetails.containers.containerRuntime',
  'resource.ecsClusterDetails.taskDetails.containers.id',
  'resource.ecsClusterDetails.taskDetails.containers.image',
  'resource.ecsClusterDetails.taskDetails.containers.imagePrefix',
  'resource.ecsClusterDetails.taskDetails.containers.name',
  'resource.ecsClusterDetails.taskDetails.containers.securityContext.allowPrivilegeEscalation',
  'resource.ecsClusterDetails.taskDetails.containers.securityContext.privileged',
  'resource.ecsClusterDetails.taskDetails.containers.volumeMounts.mountPath',
  'resource.ecsClusterDetails.taskDetails.containers.volumeMounts.name',
  'resource.ecsClusterDetails.taskDetails.createdAt',
  'resource.ecsClusterDetails.taskDetails.definitionArn',
  'resource.ecsClusterDetails.taskDetails.group',
  'resource.ecsClusterDetails.taskDetails.launchType',
  'resource.ecsClusterDetails.taskDetails.startedAt',
  'resource.ecsClusterDetails.taskDetails.startedBy',
  'resource.ecsClusterDetails.taskDetails.tags.key',
  'resource.ecsClusterDetails.taskDetails.tags.value',
  'resource.ecsClusterDetails.taskDetails.version',
  'resource.ecsClusterDetails.taskDetails.volumes.hostPath.path',
  'resource.ecsClusterDetails.taskDetails.volumes.name',
  'resource.eksClusterDetails.arn',
  'resource.eksClusterDetails.createdAt',
  'resource.eksClusterDetails.name',
  'resource.eksClusterDetails.status',
  'resource.eksClusterDetails.tags.key',
  'resource.eksClusterDetails.tags.value',
  'resource.eksClusterDetails.vpcId',
  'resource.instanceDetails.availabilityZone',
  'resource.instanceDetails.iamInstanceProfile.arn',
  'resource.instanceDetails.iamInstanceProfile.id',
  'resource.instanceDetails.imageDescription',
  'resource.instanceDetails.imageId',
  'resource.instanceDetails.instanceId',
  'resource.instanceDetails.instanceState',
  'resource.instanceDetails.instanceType',
  'resource.instanceDetails.launchTime',
  'resource.instanceDetails.networkInterfaces.ipv6Addresses',
  'resource.instanceDetails.networkInterfaces.networkInterfaceId',
  'resource.instanceDetails.networkInterfaces.privateDnsName',
  'resource.instanceDetails.networkInterfaces.privateIpAddress',
  'resource.instanceDetails.networkInterfaces.privateIpAddresses.privateDnsName',
  'resource.instanceDetails.networkInterfaces.privateIpAddresses.privateIpAddress',
  'resource.instanceDetails.networkInterfaces.publicDnsName',
  'resource.instanceDetails.networkInterfaces.publicIp',
  'resource.instanceDetails.networkInterfaces.securityGroups.groupId',
  'resource.instanceDetails.networkInterfaces.securityGroups.groupName',
  'resource.instanceDetails.networkInterfaces.subnetId',
  'resource.instanceDetails.networkInterfaces.vpcId',
  'resource.instanceDetails.outpostArn',
  'resource.instanceDetails.platform',
  'resource.instanceDetails.productCodes.productCodeId',
  'resource.instanceDetails.productCodes.productCodeType',
  'resource.instanceDetails.tags.key',
  'resource.instanceDetails.tags.value',
  'resource.kubernetesDetails.kubernetesUserDetails.groups',
  'resource.kubernetesDetails.kubernetesUserDetails.impersonatedUser.groups',
  'resource.kubernetesDetails.kubernetesUserDetails.impersonatedUser.username',
  'resource.kubernetesDetails.kubernetesUserDetails.sessionName',
  'resource.kubernetesDetails.kubernetesUserDetails.uid',
  'resource.kubernetesDetails.kubernetesUserDetails.username',
  'resource.kubernetesDetails.kubernetesWorkloadDetails.containers.containerRuntime',
  'resource.kubernetesDetails.kubernetesWorkloadDetails.containers.id',
  'resource.kubernetesDetails.kubernetesWorkloadDetails.containers.image',
  'resource.kubernetesDetails.kubernetesWorkloadDetails.containers.imagePrefix',
  'resource.kubernetesDetails.kubernetesWorkloadDetails.containers.name',
  'resource.kubernetesDetails.kubernetesWorkloadDetails.containers.securityContext.allowPrivilegeEscalation',
  'resource.kubernetesDetails.kubernetesWorkloadDetails.containers.securityContext.privileged',
  'resource.kubernetesDetails.kubernetesWorkloadDetails.containers.volumeMounts.mountPath',
  'resource.kubernetesDetails.kubernetesWorkloadDetails.containers.volumeMounts.name',
  'resource.kubernetesDetails.kubernetesWorkloadDetails.hostIpc',
  'resource.kubernetesDetails.kubernetesWorkloadDetails.hostNetwork',
  'resource.kubernetesDetails.kubernetesWorkloadDetails.hostPid',
  'resource.kubernetesDetails.kubernetesWorkloadDetails.name',
  'resource.kubernetesDetails.kubernetesWorkloadDetails.namespace',
  'resource.kubernetesDetails.kubernetesWorkloadDetails.serviceAccountName',
  'resource.kubernetesDetails.kubernetesWorkloadDetails.type',
  'resource.kubernetesDetails.kubernetesWorkloadDetails.uid',
  'resource.kubernetesDetails.kubernetesWorkloadDetails.volumes.hostPath.path',
  'resource.kubernetesDetails.kubernetesWorkloadDetails.volumes.name',
  'resource.lambdaDetails.description',
  'resource.lambdaDetails.functionArn',
  'resource.lambdaDetails.functionName',
  'resource.lambdaDetails.functionVersion',
  'resource.lambdaDetails.lastModifiedAt',
  'resource.lambdaDetails.revisionId',
  'resource.lambdaDetails.role',
  'resource.lambdaDetails.tags.key',
  'resource.lambdaDetails.tags.value',
  'resource.lambdaDetails.vpcConfig.securityGroups.groupId',
  'resource.lambdaDetails.vpcConfig.securityGroups.groupName',
  'resource.lambdaDetails.vpcConfig.subnetIds',
  'resource.lambdaDetails.vpcConfig.vpcId',
  'resource.rdsDbInstanceDetails.dbClusterIdentifier',
  'resource.rdsDbInstanceDetails.dbInstanceArn',
  'resource.rdsDbInstanceDetails.dbInstanceIdentifier',
  'resource.rdsDbInstanceDetails.dbSecurityGroups.name',
  'resource.rdsDbInstanceDetails.dbSecurityGroups.status',
  'resource.rdsDbInstanceDetails.dbiResourceId',
  'resource.rdsDbInstanceDetails.engine',
  'resource.rdsDbInstanceDetails.engineVersion',
  'resource.rdsDbInstanceDetails.iamDatabaseAuthenticationEnabled',
  'resource.rdsDbInstanceDetails.publiclyAccessible',
  'resource.rdsDbInstanceDetails.tags.key',
  'resource.rdsDbInstanceDetails.tags.value',
  'resource.rdsDbInstanceDetails.vpcId',
  'resource.rdsDbInstanceDetails.vpcSecurityGroups.status',
  'resource.rdsDbInstanceDetails.vpcSecurityGroups.vpcSecurityGroupId',
  'resource.rdsDbUserDetails.application',
  'resource.rdsDbUserDetails.authMethod',
  'resource.rdsDbUserDetails.database',
  'resource.rdsDbUserDetails.ssl',
  'resource.rdsDbUserDetails.user',
  'resource.rdsLimitlessDbDetails.dbClusterIdentifier',
  'resource.rdsLimitlessDbDetails.dbShardGroupArn',
  'resource.rdsLimitlessDbDetails.dbShardGroupIdentifier',
  'resource.rdsLimitlessDbDetails.dbShardGroupResourceId',
  'resource.rdsLimitlessDbDetails.engine',
  'resource.rdsLimitlessDbDetails.engineVersion',
  'resource.rdsLimitlessDbDetails.tags.key',
  'resource.rdsLimitlessDbDetails.tags.value',
  'resource.recoveryPointDetails.backupVaultName',
  'resource.recoveryPointDetails.recoveryPointArn',
  'resource.resourceType',
  'resource.s3BucketDetails.arn',
  'resource.s3BucketDetails.createdAt',
  'resource.s3BucketDetails.defaultServerSideEncryption.encryptionType',
  'resource.s3BucketDetails.defaultServerSideEncryption.kmsMasterKeyArn',
  'resource.s3BucketDetails.name',
  'resource.s3BucketDetails.owner.id',
  'resource.s3BucketDetails.publicAccess.effectivePermission',
  'resource.s3BucketDetails.publicAccess.effectivePermissions',
  'resource.s3BucketDetails.publicAccess.permissionConfiguration.accountLevelPermissions.blockPublicAccess.blockPublicAcls',
  'resource.s3BucketDetails.publicAccess.permissionConfiguration.accountLevelPermissions.blockPublicAccess.blockPublicPolicy',
  'resource.s3BucketDetails.publicAccess.permissionConfiguration.accountLevelPermissions.blockPublicAccess.ignorePublicAcls',
  'resource.s3BucketDetails.publicAccess.permissionConfiguration.accountLevelPermissions.blockPublicAccess.restrictPublicBuckets',
  'resource.s3BucketDetails.publicAccess.permissionConfiguration.bucketLevelPermissions.accessControlList.allowsPublicReadAccess',
  'resource.s3BucketDetails.publicAccess.permissionConfiguration.bucketLevelPermissions.accessControlList.allowsPublicWriteAccess',
  'resource.s3BucketDetails.publicAccess.permissionConfiguration.bucketLevelPermissions.blockPublicAccess.blockPublicAcls',
  'resource.s3BucketDetails.publicAccess.permissionConfiguration.bucketLevelPermissions.blockPublicAccess.blockPublicPolicy',
  'resource.s3BucketDetails.publicAccess.permissionConfiguration.bucketLevelPermissions.blockPublicAccess.ignorePublicAcls',
  'resource.s3BucketDetails.publicAccess.permissionConfiguration.bucketLevelPermissions.blockPublicAccess.restrictPublicBuckets',
  'resource.s3BucketDetails.publicAccess.permissionConfiguration.bucketLevelPermissions.bucketPolicy.allowsPublicReadAccess',
  'resource.s3BucketDetails.publicAccess.permissionConfiguration.bucketLevelPermissions.bucketPolicy.allowsPublicWriteAccess',
  'resource.s3BucketDetails.s3ObjectDetails.eTag',
  'resource.s3BucketDetails.s3ObjectDetails.hash',
  'resource.s3BucketDetails.s3ObjectDetails.key',
  'resource.s3BucketDetails.s3ObjectDetails.objectArn',
  'resource.s3BucketDetails.s3ObjectDetails.versionId',
  'resource.s3BucketDetails.tags.key',
  'resource.s3BucketDetails.tags.value',
  'resource.s3BucketDetails.type',
  'schemaVersion',
  'service.action.actionType',
  'service.action.awsApiCallAction.affectedResources',
  'service.action.awsApiCallAction.api',
  'service.action.awsApiCallAction.callerType',
  'service.action.awsApiCallAction.domainDetails.domain',
  'service.action.awsApiCallAction.errorCode',
  'service.action.awsApiCallAction.remoteAccountDetails.accountId',
  'service.action.awsApiCallAction.remoteAccountDetails.affiliated',
  'service.action.awsApiCallAction.remoteAccountDetails.awsServiceName',
  'service.action.awsApiCallAction.remoteIpDetails.city.cityName',
  'service.action.awsApiCallAction.remoteIpDetails.country.countryCode',
  'service.action.awsApiCallAction.remoteIpDetails.country.countryName',
  'service.action.awsApiCallAction.remoteIpDetails.geoLocation.lat',
  'service.action.awsApiCallAction.remoteIpDetails.geoLocation.lon',
  'service.action.awsApiCallAction.remoteIpDetails.ipAddressV4',
  'service.action.awsApiCallAction.remoteIpDetails.ipAddressV6',
  'service.action.awsApiCallAction.remoteIpDetails.organization.asn',
  'service.action.awsApiCallAction.remoteIpDetails.organization.asnOrg',
  'service.action.awsApiCallAction.remoteIpDetails.organization.isp',
  'service.action.awsApiCallAction.remoteIpDetails.organization.org',
  'service.action.awsApiCallAction.serviceName',
  'service.action.awsApiCallAction.userAgent',
  'service.action.dnsRequestAction.blocked',
  'service.action.dnsRequestAction.domain',
  'service.action.dnsRequestAction.domainWithSuffix',
  'service.action.dnsRequestAction.protocol',
  'service.action.dnsRequestAction.vpcOwnerAccountId',
  'service.action.kubernetesApiCallAction.namespace',
  'service.action.kubernetesApiCallAction.parameters',
  'service.action.kubernetesApiCallAction.remoteIpDetails.city.cityName',
  'service.action.kubernetesApiCallAction.remoteIpDetails.country.countryCode',
  'service.action.kubernetesApiCallAction.remoteIpDetails.country.countryName',
  'service.action.kubernetesApiCallAction.remoteIpDetails.geoLocation.lat',
  'service.action.kubernetesApiCallAction.remoteIpDetails.geoLocation.lon',
  'service.action.kubernetesApiCallAction.remoteIpDetails.ipAddressV4',
  'service.action.kubernetesApiCallAction.remoteIpDetails.ipAddressV6',
  'service.action.kubernetesApiCallAction.remoteIpDetails.organization.asn',
  'service.action.kubernetesApiCallAction.remoteIpDetails.organization.asnOrg',
  'service.action.kubernetesApiCallAction.remoteIpDetails.organization.isp',
  'service.action.kubernetesApiCallAction.remoteIpDetails.organization.org',
  'service.action.kubernetesApiCallAction.requestUri',
  'service.action.kubernetesApiCallAction.resource',
  'service.action.kubernetesApiCallAction.resourceName',
  'service.action.kubernetesApiCallAction.sourceIPs',
  'service.action.kubernetesApiCallAction.statusCode',
  'service.action.kubernetesApiCallAction.subresource',
  'service.action.kubernetesApiCallAction.userAgent',
  'service.action.kubernetesApiCallAction.verb',
  'service.action.kubernetesPermissionCheckedDetails.allowed',
  'service.action.kubernetesPermissionCheckedDetails.namespace',
  'service.action.kubernetesPermissionCheckedDetails.resource',
  'service.action.kubernetesPermissionCheckedDetails.verb',
  'service.action.kubernetesRoleBindingDetails.kind',
  'service.action.kubernetesRoleBindingDetails.name',
  'service.action.kubernetesRoleBindingDetails.roleRefKind',
  'service.action.kubernetesRoleBindingDetails.roleRefName',
  'service.action.kubernetesRoleBindingDetails.uid',
  'service.action.kubernetesRoleDetails.kind',
  'service.action.kubernetesRoleDetails.name',
  'service.action.kubernetesRoleDetails.uid',
  'service.action.networkConnectionAction.blocked',
  'service.action.networkConnectionAction.connectionDirection',
  'service.action.networkConnectionAction.localIpDetails.ipAddressV4',
  'service.action.networkConnectionAction.localIpDetails.ipAddressV6',
  'service.action.networkConnectionAction.localNetworkInterface',
  'service.action.networkConnectionAction.localPortDetails.port',
  'service.action.networkConnectionAction.localPortDetails.portName',
  'service.action.networkConnectionAction.protocol',
  'service.action.networkConnectionAction.remoteIpDetails.city.cityName',
  'service.action.networkConnectionAction.remoteIpDetails.country.countryCode',
  'service.action.networkConnectionAction.remoteIpDetails.country.countryName',
  'service.action.networkConnectionAction.remoteIpDetails.geoLocation.lat',
  'service.action.networkConnectionAction.remoteIpDetails.geoLocation.lon',
  'service.action.networkConnectionAction.remoteIpDetails.ipAddressV4',
  'service.action.networkConnectionAction.remoteIpDetails.ipAddressV6',
  'service.action.networkConnectionAction.remoteIpDetails.organization.asn',
  'service.action.networkConnectionAction.remoteIpDetails.organization.asnOrg',
  'service.action.networkConnectionAction.remoteIpDetails.organization.isp',
  'service.action.networkConnectionAction.remoteIpDetails.organization.org',
  'service.action.networkConnectionAction.remotePortDetails.port',
  'service.action.networkConnectionAction.remotePortDetails.portName',
  'service.action.portProbeAction.blocked',
  'service.action.portProbeAction.portProbeDetails.localIpDetails.ipAddressV4',
  'service.action.portProbeAction.portProbeDetails.localIpDetails.ipAddressV6',
  'service.action.portProbeAction.portProbeDetails.localPortDetails.port',
  'service.action.portProbeAction.portProbeDetails.localPortDetails.portName',
  'service.action.portProbeAction.portProbeDetails.remoteIpDetails.city.cityName',
  'service.action.portProbeAction.portProbeDetails.remoteIpDetails.country.countryCode',
  'service.action.portProbeAction.portProbeDetails.remoteIpDetails.country.countryName',
  'service.action.portProbeAction.portProbeDetails.remoteIpDetails.geoLocation.lat',
  'service.action.portProbeAction.portProbeDetails.remoteIpDetails.geoLocation.lon',
  'service.action.portProbeAction.portProbeDetails.remoteIpDetails.ipAddressV4',
  'service.action.portProbeAction.portProbeDetails.remoteIpDetails.ipAddressV6',
  'service.action.portProbeAction.portProbeDetails.remoteIpDetails.organization.asn',
  'service.action.portProbeAction.portProbeDetails.remoteIpDetails.organization.asnOrg',
  'service.action.portProbeAction.portProbeDetails.remoteIpDetails.organization.isp',
  'service.action.portProbeAction.portProbeDetails.remoteIpDetails.organization.org',
  'service.action.rdsLoginAttemptAction.loginAttributes.application',
  'service.action.rdsLoginAttemptAction.loginAttributes.failedLoginAttempts',
  'service.action.rdsLoginAttemptAction.loginAttributes.successfulLoginAttempts',
  'service.action.rdsLoginAttemptAction.loginAttributes.user',
  'service.action.rdsLoginAttemptAction.remoteIpDetails.city.cityName',
  'service.action.rdsLoginAttemptAction.remoteIpDetails.country.countryCode',
  'service.action.rdsLoginAttemptAction.remoteIpDetails.country.countryName',
  'service.action.rdsLoginAttemptAction.remoteIpDetails.geoLocation.lat',
  'service.action.rdsLoginAttemptAction.remoteIpDetails.geoLocation.lon',
  'service.action.rdsLoginAttemptAction.remoteIpDetails.ipAddressV4',
  'service.action.rdsLoginAttemptAction.remoteIpDetails.ipAddressV6',
  'service.action.rdsLoginAttemptAction.remoteIpDetails.organization.asn',
  'service.action.rdsLoginAttemptAction.remoteIpDetails.organization.asnOrg',
  'service.action.rdsLoginAttemptAction.remoteIpDetails.organization.isp',
  'service.action.rdsLoginAttemptAction.remoteIpDetails.organization.org',
  'service.additionalInfo.agentDetails.agentId',
  'service.additionalInfo.agentDetails.agentVersion',
  'service.additionalInfo.anomalies.anomalousAPIs',
  'service.additionalInfo.authenticationMethod',
  'service.additionalInfo.averagePacketSizeIn',
  'service.additionalInfo.averagePacketSizeOut',
  'service.additionalInfo.context',
  'service.additionalInfo.domain',
  'service.additionalInfo.inBytes',
  'service.additionalInfo.localNetworkInterfaceOwner',
  'service.additionalInfo.localPort',
  'service.additionalInfo.outBytes',
  'service.additionalInfo.packetsIn',
  'service.additionalInfo.packetsOut',
  'service.additionalInfo.policyArn',
  'service.additionalInfo.policyName',
  'service.additionalInfo.remotePort',
  'service.additionalInfo.sample',
  'service.additionalInfo.scannedPort',
  'service.additionalInfo.threatFileSha256',
  'service.additionalInfo.threatListName',
  'service.additionalInfo.threatName',
  'service.additionalInfo.totalBytesIn',
  'service.additionalInfo.totalBytesOut',
  'service.additionalInfo.type',
  'service.additionalInfo.unusual.asnOrg',
  'service.additionalInfo.unusual.port',
  'service.additionalInfo.unusualProtocol',
  'service.additionalInfo.userAgent.fullUserAgent',
  'service.additionalInfo.userAgent.userAgentCategory',
  'service.additionalInfo.value',
  'service.additionalInfo.vpcOwnerAccountId',
  'service.archived',
  'service.count',
  'service.detection.anomaly.profiles',
  'service.detection.anomaly.unusual.behavior',
  'service.detection.sequence.actors.id',
  'service.detection.sequence.actors.process.name',
  'service.detection.sequence.actors.process.path',
  'service.detection.sequence.actors.process.sha256',
  'service.detection.sequence.actors.session.createdTime',
  'service.detection.sequence.actors.session.issuer',
  'service.detection.sequence.actors.session.mfaStatus',
  'service.detection.sequence.actors.session.uid',
  'service.detection.sequence.actors.user.account.account',
  'service.detection.sequence.actors.user.account.uid',
  'service.detection.sequence.actors.user.credentialUid',
  'service.detection.sequence.actors.user.name',
  'service.detection.sequence.actors.user.type',
  'service.detection.sequence.actors.user.uid',
  'service.detection.sequence.additionalSequenceTypes',
  'service.detection.sequence.description',
  'service.detection.sequence.endpoints.autonomousSystem.name',
  'service.detection.sequence.endpoints.autonomousSystem.number',
  'service.detection.sequence.endpoints.connection.direction',
  'service.detection.sequence.endpoints.domain',
  'service.detection.sequence.endpoints.id',
  'service.detection.sequence.endpoints.ip',
  'service.detection.sequence.endpoints.location.city',
  'service.detection.sequence.endpoints.location.country',
  'service.detection.sequence.endpoints.location.lat',
  'service.detection.sequence.endpoints.location.lon',
  'service.detection.sequence.endpoints.port',
  'service.detection.sequence.resources.accountId',
  'service.detection.sequence.resources.cloudPartition',
  'service.detection.sequence.resources.data.accessKey.principalId',
  'service.detection.sequence.resources.data.accessKey.userName',
  'service.detection.sequence.resources.data.accessKey.userType',
  'service.detection.sequence.resources.data.autoscalingAutoScalingGroup.ec2InstanceUids',
  'service.detection.sequence.resources.data.cloudformationStack.ec2InstanceUids',
  'service.detection.sequence.resources.data.container.image',
  'service.detection.sequence.resources.data.container.imageUid',
  'service.detection.sequence.resources.data.ec2Image.ec2InstanceUids',
  'service.detection.sequence.resources.data.ec2Instance.availabilityZone',
  'service.detection.sequence.resources.data.ec2Instance.ec2NetworkInterfaceUids',
  'service.detection.sequence.resources.data.ec2Instance.iamInstanceProfile.arn',
  'service.detection.sequence.resources.data.ec2Instance.iamInstanceProfile.id',
  'service.detection.sequence.resources.data.ec2Instance.imageDescription',
  'service.detection.sequence.resources.data.ec2Instance.instanceState',
  'service.detection.sequence.resources.data.ec2Instance.instanceType',
  'service.detection.sequence.resources.data.ec2Instance.outpostArn',
  'service.detection.sequence.resources.data.ec2Instance.platform',
  'service.detection.sequence.resources.data.ec2Instance.productCodes.productCodeId',
  'service.detection.sequence.resources.data.ec2Instance.productCodes.productCodeType',
  'service.detection.sequence.resources.data.ec2LaunchTemplate.ec2InstanceUids',
  'service.detection.sequence.resources.data.ec2LaunchTemplate.version',
  'service.detection.sequence.resources.data.ec2NetworkInterface.ipv6Addresses',
  'service.detection.sequence.resources.data.ec2NetworkInterface.privateIpAddresses.privateDnsName',
  'service.detection.sequence.resources.data.ec2NetworkInterface.privateIpAddresses.privateIpAddress',
  'service.detection.sequence.resources.data.ec2NetworkInterface.publicIp',
  'service.detection.sequence.resources.data.ec2NetworkInterface.securityGroups.groupId',
  'service.detection.sequence.resources.data.ec2NetworkInterface.securityGroups.groupName',
  'service.detection.sequence.resources.data.ec2NetworkInterface.subNetId',
  'service.detection.sequence.resources.data.ec2NetworkInterface.vpcId',
  'service.detection.sequence.resources.data.ec2Vpc.ec2InstanceUids',
  'service.detection.sequence.resources.data.ecsCluster.ec2InstanceUids',
  'service.detection.sequence.resources.data.ecsCluster.status',
  'service.detection.sequence.resources.data.ecsTask.containerUids',
  'service.detection.sequence.resources.data.ecsTask.createdAt',
  'service.detection.sequence.resources.data.ecsTask.launchType',
  'service.detection.sequence.resources.data.ecsTask.taskDefinitionArn',
  'service.detection.sequence.resources.data.eksCluster.arn',
  'service.detection.sequence.resources.data.eksCluster.createdAt',
  'service.detection.sequence.resources.data.eksCluster.ec2InstanceUids',
  'service.detection.sequence.resources.data.eksCluster.status',
  'service.detection.sequence.resources.data.eksCluster.vpcId',
  'service.detection.sequence.resources.data.iamInstanceProfile.ec2InstanceUids',
  'service.detection.sequence.resources.data.iamInstanceProfile.id',
  'service.detection.sequence.resources.data.kubernetesWorkload.containerUids',
  'service.detection.sequence.resources.data.kubernetesWorkload.namespace',
  'service.detection.sequence.resources.data.kubernetesWorkload.type',
  'service.detection.sequence.resources.data.s3Bucket.accountPublicAccess.publicAclAccess',
  'service.detection.sequence.resources.data.s3Bucket.accountPublicAccess.publicAclIgnoreBehavior',
  'service.detection.sequence.resources.data.s3Bucket.accountPublicAccess.publicBucketRestrictBehavior',
  'service.detection.sequence.resources.data.s3Bucket.accountPublicAccess.publicPolicyAccess',
  'service.detection.sequence.resources.data.s3Bucket.bucketPublicAccess.publicAclAccess',
  'service.detection.sequence.resources.data.s3Bucket.bucketPublicAccess.publicAclIgnoreBehavior',
  'service.detection.sequence.resources.data.s3Bucket.bucketPublicAccess.publicBucketRestrictBehavior',
  'service.detection.sequence.resources.data.s3Bucket.bucketPublicAccess.publicPolicyAccess',
  'service.detection.sequence.resources.data.s3Bucket.createdAt',
  'service.detection.sequence.resources.data.s3Bucket.effectivePermission',
  'service.detection.sequence.resources.data.s3Bucket.encryptionKeyArn',
  'service.detection.sequence.resources.data.s3Bucket.encryptionType',
  'service.detection.sequence.resources.data.s3Bucket.ownerId',
  'service.detection.sequence.resources.data.s3Bucket.publicReadAccess',
  'service.detection.sequence.resources.data.s3Bucket.publicWriteAccess',
  'service.detection.sequence.resources.data.s3Bucket.s3ObjectUids',
  'service.detection.sequence.resources.data.s3Object.eTag',
  'service.detection.sequence.resources.data.s3Object.key',
  'service.detection.sequence.resources.data.s3Object.versionId',
  'service.detection.sequence.resources.name',
  'service.detection.sequence.resources.region',
  'service.detection.sequence.resources.resourceType',
  'service.detection.sequence.resources.service',
  'service.detection.sequence.resources.tags.key',
  'service.detection.sequence.resources.tags.value',
  'service.detection.sequence.resources.uid',
  'service.detection.sequence.sequenceIndicators.key',
  'service.detection.sequence.sequenceIndicators.title',
  'service.detection.sequence.sequenceIndicators.values',
  'service.detection.sequence.signals.actorIds',
  'service.detection.sequence.signals.count',
  'service.detection.sequence.signals.createdAt',
  'service.detection.sequence.signals.description',
  'service.detection.sequence.signals.endpointIds',
  'service.detection.sequence.signals.firstSeenAt',
  'service.detection.sequence.signals.lastSeenAt',
  'service.detection.sequence.signals.name',
  'service.detection.sequence.signals.resourceUids',
  'service.detection.sequence.signals.severity',
  'service.detection.sequence.signals.signalIndicators.key',
  'service.detection.sequence.signals.signalIndicators.title',
  'service.detection.sequence.signals.signalIndicators.values',
  'service.detection.sequence.signals.type',
  'service.detection.sequence.signals.uid',
  'service.detection.sequence.signals.updatedAt',
  'service.detection.sequence.uid',
  'service.detectorId',
  'service.ebsVolumeScanDetails.scanCompletedAt',
  'service.ebsVolumeScanDetails.scanDetections.highestSeverityThreatDetails.count',
  'service.ebsVolumeScanDetails.scanDetections.highestSeverityThreatDetails.severity',
  'service.ebsVolumeScanDetails.scanDetections.highestSeverityThreatDetails.threatName',
  'service.ebsVolumeScanDetails.scanDetections.scannedItemCount.files',
  'service.ebsVolumeScanDetails.scanDetections.scannedItemCount.totalGb',
  'service.ebsVolumeScanDetails.scanDetections.scannedItemCount.volumes',
  'service.ebsVolumeScanDetails.scanDetections.threatDetectedByName.itemCount',
  'service.ebsVolumeScanDetails.scanDetections.threatDetectedByName.shortened',
  'service.ebsVolumeScanDetails.scanDetections.threatDetectedByName.threatNames.filePaths.fileName',
  'service.ebsVolumeScanDetails.scanDetections.threatDetectedByName.threatNames.filePaths.filePath',
  'service.ebsVolumeScanDetails.scanDetections.threatDetectedByName.threatNames.filePaths.hash',
  'service.ebsVolumeScanDetails.scanDetections.threatDetectedByName.threatNames.filePaths.volumeArn',
  'service.ebsVolumeScanDetails.scanDetections.threatDetectedByName.threatNames.itemCount',
  'service.ebsVolumeScanDetails.scanDetections.threatDetectedByName.threatNames.name',
  'service.ebsVolumeScanDetails.scanDetections.threatDetectedByName.threatNames.severity',
  'service.ebsVolumeScanDetails.scanDetections.threatDetectedByName.uniqueThreatNameCount',
  'service.ebsVolumeScanDetails.scanDetections.threatsDetectedItemCount.files',
  'service.ebsVolumeScanDetails.scanId',
  'service.ebsVolumeScanDetails.scanStartedAt',
  'service.ebsVolumeScanDetails.scanType',
  'service.ebsVolumeScanDetails.sources',
  'service.ebsVolumeScanDetails.triggerFindingId',
  'service.eventFirstSeen',
  'service.eventLastSeen',
  'service.evidence.threatIntelligenceDetails.threatFileSha256',
  'service.evidence.threatIntelligenceDetails.threatListName',
  'service.evidence.threatIntelligenceDetails.threatNames',
  'service.featureName',
  'service.malwareScanDetails.scanCategory',
  'service.malwareScanDetails.scanConfiguration.incrementalScanDetails.baselineResourceArn',
  'service.malwareScanDetails.scanConfiguration.triggerType',
  'service.malwareScanDetails.scanId',
  'service.malwareScanDetails.scanType',
  'service.malwareScanDetails.threats.count',
  'service.malwareScanDetails.threats.hash',
  'service.malwareScanDetails.threats.itemDetails.additionalInfo.deviceName',
  'service.malwareScanDetails.threats.itemDetails.additionalInfo.versionId',
  'service.malwareScanDetails.threats.itemDetails.hash',
  'service.malwareScanDetails.threats.itemDetails.itemPath',
  'service.malwareScanDetails.threats.itemDetails.resourceArn',
  'service.malwareScanDetails.threats.itemPaths.hash',
  'service.malwareScanDetails.threats.itemPaths.nestedItemPath',
  'service.malwareScanDetails.threats.name',
  'service.malwareScanDetails.threats.source',
  'service.malwareScanDetails.uniqueThreatCount',
  'service.resourceRole',
  'service.runtimeDetails.context.addressFamily',
  'service.runtimeDetails.context.commandLineExample',
  'service.runtimeDetails.context.fileOperation',
  'service.runtimeDetails.context.filePath',
  'service.runtimeDetails.context.fileSystemType',
  'service.runtimeDetails.context.flags',
  'service.runtimeDetails.context.ianaProtocolNumber',
  'service.runtimeDetails.context.ldPreloadValue',
  'service.runtimeDetails.context.libraryPath',
  'service.runtimeDetails.context.memoryRegions',
  'service.runtimeDetails.context.modifiedAt',
  'service.runtimeDetails.context.modifyingProcess.euid',
  'service.runtimeDetails.context.modifyingProcess.executablePath',
  'service.runtimeDetails.context.modifyingProcess.executableSha256',
  'service.runtimeDetails.context.modifyingProcess.lineage.euid',
  'service.runtimeDetails.context.modifyingProcess.lineage.executablePath',
  'service.runtimeDetails.context.modifyingProcess.lineage.name',
  'service.runtimeDetails.context.modifyingProcess.lineage.namespacePid',
  'service.runtimeDetails.context.modifyingProcess.lineage.parentUuid',
  'service.runtimeDetails.context.modifyingProcess.lineage.pid',
  'service.runtimeDetails.context.modifyingProcess.lineage.startTime',
  'service.runtimeDetails.context.modifyingProcess.lineage.userId',
  'service.runtimeDetails.context.modifyingProcess.lineage.uuid',
  'service.runtimeDetails.context.modifyingProcess.name',
  'service.runtimeDetails.context.modifyingProcess.namespacePid',
  'service.runtimeDetails.context.modifyingProcess.parentUuid',
  'service.runtimeDetails.context.modifyingProcess.pid',
  'service.runtimeDetails.context.modifyingProcess.pwd',
  'service.runtimeDetails.context.modifyingProcess.startTime',
  'service.runtimeDetails.context.modifyingProcess.user',
  'service.runtimeDetails.context.modifyingProcess.userId',
  'service.runtimeDetails.context.modifyingProcess.uuid',
  'service.runtimeDetails.context.moduleFilePath',
  'service.runtimeDetails.context.moduleName',
  'service.runtimeDetails.context.moduleSha256',
  'service.runtimeDetails.context.mountSource',
  'service.runtimeDetails.context.mountTarget',
  'service.runtimeDetails.context.relatedFilePaths',
  'service.runtimeDetails.context.releaseAgentPath',
  'service.runtimeDetails.context.runcBinaryPath',
  'service.runtimeDetails.context.scriptPath',
  'service.runtimeDetails.context.serviceName',
  'service.runtimeDetails.context.shellHistoryFilePath',
  'service.runtimeDetails.context.socketPath',
  'service.runtimeDetails.context.targetProcess.euid',
  'service.runtimeDetails.context.targetProcess.executablePath',
  'service.runtimeDetails.context.targetProcess.executableSha256',
  'service.runtimeDetails.context.targetProcess.lineage.euid',
  'service.runtimeDetails.context.targetProcess.lineage.executablePath',
  'service.runtimeDetails.context.targetProcess.lineage.name',
  'service.runtimeDetails.context.targetProcess.lineage.namespacePid',
  'service.runtimeDetails.context.targetProcess.lineage.parentUuid',
  'service.runtimeDetails.context.targetProcess.lineage.pid',
  'service.runtimeDetails.context.targetProcess.lineage.startTime',
  'service.runtimeDetails.context.targetProcess.lineage.userId',
  'service.runtimeDetails.context.targetProcess.lineage.uuid',
  'service.runtimeDetails.context.targetProcess.name',
  'service.runtimeDetails.context.targetProcess.namespacePid',
  'service.runtimeDetails.context.targetProcess.parentUuid',
  'service.runtimeDetails.context.targetProcess.pid',
  'service.runtimeDetails.context.targetProcess.pwd',
  'service.runtimeDetails.context.targetProcess.startTime',
  'service.runtimeDetails.context.targetProcess.user',
  'service.runtimeDetails.context.targetProcess.userId',
  'service.runtimeDetails.context.targetProcess.uuid',
  'service.runtimeDetails.context.threatFilePath',
  'service.runtimeDetails.context.toolCategory',
  'service.runtimeDetails.context.toolName',
  'service.runtimeDetails.process.euid',
  'service.runtimeDetails.process.executablePath',
  'service.runtimeDetails.process.executableSha256',
  'service.runtimeDetails.process.lineage.euid',
  'service.runtimeDetails.process.lineage.executablePath',
  'service.runtimeDetails.process.lineage.name',
  'service.runtimeDetails.process.lineage.namespacePid',
  'service.runtimeDetails.process.lineage.parentUuid',
  'service.runtimeDetails.process.lineage.pid',
  'service.runtimeDetails.process.lineage.startTime',
  'service.runtimeDetails.process.lineage.userId',
  'service.runtimeDetails.process.lineage.uuid',
  'service.runtimeDetails.process.name',
  'service.runtimeDetails.process.namespacePid',
  'service.runtimeDetails.process.parentUuid',
  'service.runtimeDetails.process.pid',
  'service.runtimeDetails.process.pwd',
  'service.runtimeDetails.process.startTime',
  'service.runtimeDetails.process.user',
  'service.runtimeDetails.process.userId',
  'service.runtimeDetails.process.uuid',
  'service.serviceName',
  'service.userFeedback',
  'severity',
  'title',
  'type',
  'updatedAt',
];

/**
 * The fields the CreateFilter API reference documents as "Timestamp in Unix Epoch millisecond format".
 */
export const TIMESTAMP_FIELDS: readonly string[] = [
  'createdAt',
  'resource.ecsClusterDetails.taskDetails.createdAt',
  'resource.ecsClusterDetails.taskDetails.startedAt',
  'resource.eksClusterDetails.createdAt',
  'resource.instanceDetails.launchTime',
  'resource.lambdaDetails.lastModifiedAt',
  'resource.s3BucketDetails.createdAt',
  'service.detection.sequence.actors.session.createdTime',
  'service.detection.sequence.resources.data.ecsTask.createdAt',
  'service.detection.sequence.resources.data.eksCluster.createdAt',
  'service.detection.sequence.resources.data.s3Bucket.createdAt',
  'service.detection.sequence.signals.createdAt',
  'service.detection.sequence.signals.firstSeenAt',
  'service.detection.sequence.signals.lastSeenAt',
  'service.detection.sequence.signals.updatedAt',
  'service.ebsVolumeScanDetails.scanCompletedAt',
  'service.ebsVolumeScanDetails.scanStartedAt',
  'service.eventFirstSeen',
  'service.eventLastSeen',
  'service.runtimeDetails.context.modifiedAt',
  'service.runtimeDetails.context.modifyingProcess.lineage.startTime',
  'service.runtimeDetails.context.modifyingProcess.startTime',
  'service.runtimeDetails.context.targetProcess.lineage.startTime',
  'service.runtimeDetails.context.targetProcess.startTime',
  'service.runtimeDetails.process.lineage.startTime',
  'service.runtimeDetails.process.startTime',
  'updatedAt',
];

/**
 * The other fields that are numbers (integer, long or double) in the finding format of the GuardDuty API model.
 */
export const NUMBER_FIELDS: readonly string[] = [
  'confidence',
  'resource.ebsVolumeDetails.scannedVolumeDetails.volumeSizeInGB',
  'resource.ebsVolumeDetails.skippedVolumeDetails.volumeSizeInGB',
  'resource.ecsClusterDetails.activeServicesCount',
  'resource.ecsClusterDetails.registeredContainerInstancesCount',
  'resource.ecsClusterDetails.runningTasksCount',
  'service.action.awsApiCallAction.remoteIpDetails.geoLocation.lat',
  'service.action.awsApiCallAction.remoteIpDetails.geoLocation.lon',
  'service.action.kubernetesApiCallAction.remoteIpDetails.geoLocation.lat',
  'service.action.kubernetesApiCallAction.remoteIpDetails.geoLocation.lon',
  'service.action.kubernetesApiCallAction.statusCode',
  'service.action.networkConnectionAction.localPortDetails.port',
  'service.action.networkConnectionAction.remoteIpDetails.geoLocation.lat',
  'service.action.networkConnectionAction.remoteIpDetails.geoLocation.lon',
  'service.action.networkConnectionAction.remotePortDetails.port',
  'service.action.portProbeAction.portProbeDetails.localPortDetails.port',
  'service.action.portProbeAction.portProbeDetails.remoteIpDetails.geoLocation.lat',
  'service.action.portProbeAction.portProbeDetails.remoteIpDetails.geoLocation.lon',
  'service.action.rdsLoginAttemptAction.remoteIpDetails.geoLocation.lat',
  'service.action.rdsLoginAttemptAction.remoteIpDetails.geoLocation.lon',
  'service.count',
  'service.detection.sequence.endpoints.autonomousSystem.number',
  'service.detection.sequence.endpoints.location.lat',
  'service.detection.sequence.endpoints.location.lon',
  'service.detection.sequence.endpoints.port',
  'service.detection.sequence.signals.count',
  'service.detection.sequence.signals.severity',
  'service.ebsVolumeScanDetails.scanDetections.highestSeverityThreatDetails.count',
  'service.ebsVolumeScanDetails.scanDetections.scannedItemCount.files',
  'service.ebsVolumeScanDetails.scanDetections.scannedItemCount.totalGb',
  'service.ebsVolumeScanDetails.scanDetections.scannedItemCount.volumes',
  'service.ebsVolumeScanDetails.scanDetections.threatDetectedByName.itemCount',
  'service.ebsVolumeScanDetails.scanDetections.threatDetectedByName.threatNames.itemCount',
  'service.ebsVolumeScanDetails.scanDetections.threatDetectedByName.uniqueThreatNameCount',
  'service.ebsVolumeScanDetails.scanDetections.threatsDetectedItemCount.files',
  'service.malwareScanDetails.threats.count',
  'service.malwareScanDetails.uniqueThreatCount',
  'service.runtimeDetails.context.ianaProtocolNumber',
  'service.runtimeDetails.context.modifyingProcess.euid',
  'service.runtimeDetails.context.modifyingProcess.lineage.euid',
  'service.runtimeDetails.context.modifyingProcess.lineage.namespacePid',
  'service.runtimeDetails.context.modifyingProcess.lineage.pid',
  'service.runtimeDetails.context.modifyingProcess.lineage.userId',
  'service.runtimeDetails.context.modifyingProcess.namespacePid',
  'service.runtimeDetails.context.modifyingProcess.pid',
  'service.runtimeDetails.context.modifyingProcess.userId',
  'service.runtimeDetails.context.targetProcess.euid',
  'service.runtimeDetails.context.targetProcess.lineage.euid',
  'service.runtimeDetails.context.targetProcess.lineage.namespacePid',
  'service.runtimeDetails.context.targetProcess.lineage.pid',
  'service.runtimeDetails.context.targetProcess.lineage.userId',
  'service.runtimeDetails.context.targetProcess.namespacePid',
  'service.runtimeDetails.context.targetProcess.pid',
  'service.runtimeDetails.context.targetProcess.userId',
  'service.runtimeDetails.process.euid',
  'service.runtimeDetails.process.lineage.euid',
  'service.runtimeDetails.process.lineage.namespacePid',
  'service.runtimeDetails.process.lineage.pid',
  'service.runtimeDetails.process.lineage.userId',
  'service.runtimeDetails.process.namespacePid',
  'service.runtimeDetails.process.pid',
  'service.runtimeDetails.process.userId',
  'severity',
];

const FIELD_SET: ReadonlySet<string> = new Set(FILTER_FIELDS);
const TIMESTAMP_SET: ReadonlySet<string> = new Set(TIMESTAMP_FIELDS);
const NUMERIC_SET: ReadonlySet<string> = new Set([...TIMESTAMP_FIELDS, ...NUMBER_FIELDS]);

/**
 * On a timestamp field, a positive number below this (1973-03-03 as epoch milliseconds) is almost certainly a time
 * in epoch seconds, which would put the bound in the early 1970s.
 */
const EPOCH_MILLIS_FLOOR = 100_000_000_000;

/** The documented severity values for `equals` and `notEquals` on `severity`: "1" to "10". */
const SEVERITY_VALUE = /^(?:[1-9]|10)$/;

/** Deprecated or mistyped operator names people carry over from the API, the CLI or CloudFormation. */
const OPERATOR_ALIASES: Readonly<Record<string, string>> = {
  eq: 'equals',
  neq: 'notEquals',
  gt: 'greaterThan',
  gte: 'greaterThanOrEqual',
  lt: 'lessThan',
  lte: 'lessThanOrEqual',
};

const FIELDS_DOC = 'https://docs.aws.amazon.com/guardduty/latest/APIReference/API_CreateFilter.html';

/** Whether GuardDuty documents the field for filters. */
export function isFilterField(field: string): boolean {
  return FIELD_SET.has(field);
}

/** Whether numeric operators apply to the field: a number or an epoch-milliseconds timestamp. */
export function isNumericField(field: string): boolean {
  return NUMERIC_SET.has(field);
}

/** Whether the field is a timestamp that GuardDuty compares as Unix epoch milliseconds. */
export function isTimestampField(field: string): boolean {
  return TIMESTAMP_SET.has(field);
}

/** The Levenshtein distance: how many single-character insertions, deletions or substitutions turn a into b. */
export function editDistance(a: string, b: string): number {
  let previous = Array.from({ length: b.length + 1 }, (_, j) => j);
  for (let i = 1; i <= a.length; i++) {
    const current = [i];
    for (let j = 1; j <= b.length; j++) {
      const substitution = previous[j - 1] + (a[i - 1] === b[j - 1] ? 0 : 1);
      current.push(Math.min(previous[j] + 1, current[j - 1] + 1, substitution));
    }
    previous = current;
  }
  return previous[b.length];
}

/**
 * The documented fields closest to an unknown one, best first, at most three: the same field in another case; else
 * the fields within a small edit distance (`severty` -> `severity`); else the fields that end with it
 * (`instanceId` -> `resource.instanceDetails.instanceId`). Empty when nothing is close.
 */
export function suggestFilterFields(input: string): string[] {
  const lower = input.toLowerCase();
  const sameButCase = FILTER_FIELDS.find((f) => f.toLowerCase() === lower);
  if (sameButCase !== undefined) return [sameButCase];
  let best = Number.POSITIVE_INFINITY;
  let closest: string[] = [];
  for (const candidate of FILTER_FIELDS) {
    const distance = editDistance(lower, candidate.toLowerCase());
    if (distance < best) {
      best = distance;
      closest = [candidate];
    } else if (distance === best) {
      closest.push(candidate);
    }
  }
  if (best <= Math.max(2, Math.floor(input.length / 4))) return closest.slice(0, 3);
  return FILTER_FIELDS.filter((f) => f.toLowerCase().endsWith(`.${lower}`)).slice(0, 3);
}

/**
 * The `FindingCriteria.Criterion` map of an `AWS::GuardDuty::Filter`: each field to its condition, with the
 * CloudFormation operator names (`Equals`, `GreaterThanOrEqual`, ...) in a fixed order. CDK types `criterion` as
 * `any` and emits it verbatim, so the names must be exact. Pure: it does not validate; see
 * {@link findingCriteriaProblems}.
 */
export function renderFindingCriteria(criteria: FindingCriterion[]): Record<string, Record<string, unknown>> {
  const rendered: Record<string, Record<string, unknown>> = {};
  for (const criterion of criteria) {
    const condition: Record<string, unknown> = {};
    for (const op of OPERATORS) {
      const value = criterion[op.prop];
      if (value === undefined) continue;
      condition[op.cfnName] = Array.isArray(value) ? [...value] : value;
    }
    rendered[criterion.field] = condition;
  }
  return rendered;
}

/**
 * Every problem with a list of criteria that GuardDuty or CloudFormation would reject at deploy time, or that would
 * make the rule archive something other than what was meant. Values that are CDK tokens are not checked.
 *
 * @param path where the list sits in the caller's props or configuration, for example `suppressionRule.criteria`
 */
export function findingCriteriaProblems(criteria: FindingCriterion[], path: string): string[] {
  if (!Array.isArray(criteria)) {
    return [
      `${path} ${show(criteria)} is not a list of criteria; write it as [{ field: 'type', equals: ['...'] }].`,
    ];
  }
  const problems: string[] = [];
  if (criteria.length === 0) {
    problems.push(
      `${path} is empty; GuardDuty needs at least one criterion (a rule without one would archive every finding). ` +
        `Add one, for example { field: 'type', equals: ['Recon:EC2/PortProbeUnprotectedPort'] }.`,
    );
  }
  if (criteria.length > MAX_CRITERIA) {
    problems.push(
      `${path} has ${criteria.length} criteria; GuardDuty accepts at most ${MAX_CRITERIA} per filter. Remove ` +
        `criteria until ${MAX_CRITERIA} remain, knowing that each one removed makes the rule archive more findings.`,
    );
  }
  const firstUse = new Map<string, number>();
  criteria.forEach((criterion, index) => {
    problems.push(...criterionProblems(criterion, `${path}[${index}]`, index, path, firstUse));
  });
  return problems;
}

interface Bound {
  readonly prop: string;
  readonly value: number;
  readonly exclusive: boolean;
}

function criterionProblems(
  criterion: FindingCriterion,
  p: string,
  index: number,
  listPath: string,
  firstUse: Map<string, number>,
): string[] {
  if (typeof criterion !== 'object' || criterion === null || Array.isArray(criterion)) {
    return [`${p} ${show(criterion)} is not a criterion; write it as { field: 'type', equals: ['...'] }.`];
  }
  const problems: string[] = [];
  const field: unknown = criterion.field;
  // Field-dependent checks (numeric operators, severity values, epoch units) run only on a documented field.
  let known: string | undefined;
  if (typeof field !== 'string' || field === '') {
    problems.push(
      `${p}.field is ${field === '' ? 'empty' : 'missing'}; name the finding field to test, such as "type" or ` +
        `"resource.instanceDetails.tags.value".`,
    );
  } else if (Token.isUnresolved(field)) {
    // Resolved at deploy time: nothing to check.
  } else if (!FIELD_SET.has(field)) {
    problems.push(unknownFieldMessage(`${p}.field`, field));
  } else {
    known = field;
    const first = firstUse.get(field);
    if (first === undefined) {
      firstUse.set(field, index);
    } else {
      problems.push(
        `${p}.field ${show(field)} is already tested by ${listPath}[${first}]; GuardDuty keeps one condition per ` +
          `field, so one would silently replace the other. Merge both into one criterion (its operators are ANDed).`,
      );
    }
  }

  for (const key of Object.keys(criterion)) {
    if (key === 'field' || OPERATORS.some((op) => op.prop === key)) continue;
    const hint = operatorFor(key);
    problems.push(
      `${p}.${key} is not a criterion property${hint ? `; did you mean ${hint}?` : '.'} A criterion has a field ` +
        `and one or more of ${OPERATORS.map((op) => op.prop).join(', ')}.`,
    );
  }

  const present = OPERATORS.filter((op) => criterion[op.prop] !== undefined);
  if (present.length === 0) {
    problems.push(
      `${p} (${show(field)}) sets no operator; set at least one of ${OPERATORS.map((op) => op.prop).join(', ')}.`,
    );
  }

  const bounds: Bound[] = [];
  const numericOps: string[] = [];
  for (const op of present) {
    const value: unknown = criterion[op.prop];
    if (Token.isUnresolved(value)) continue;
    if (op.kind === 'list') {
      problems.push(...listProblems(op, value, `${p}.${op.prop}`, known));
      continue;
    }
    numericOps.push(op.prop);
    const at = `${p}.${op.prop}`;
    if (typeof value !== 'number') {
      const asNumber = typeof value === 'string' && value.trim() !== '' ? Number(value) : Number.NaN;
      problems.push(
        `${at} ${show(value)} is not a number; ` +
          (Number.isFinite(asNumber) ? `write ${asNumber} without quotes.` : 'give a whole number.'),
      );
    } else if (!Number.isFinite(value)) {
      problems.push(`${at} ${String(value)} is not a finite number; give a whole number.`);
    } else if (!Number.isInteger(value)) {
      problems.push(
        `${at} ${value} is not a whole number; CloudFormation types ${op.cfnName} as a 64-bit integer. Use a ` +
          `whole number such as ${Math.floor(value)} or ${Math.ceil(value)}, with the operator that keeps the ` +
          `bound you mean.`,
      );
    } else if (!Number.isSafeInteger(value)) {
      problems.push(
        `${at} ${value} is beyond ${Number.MAX_SAFE_INTEGER}, the largest whole number a JavaScript number ` +
          'holds exactly; use a smaller number.',
      );
    } else {
      bounds.push({ prop: op.prop, value, exclusive: op.exclusive === true });
      if (known !== undefined && TIMESTAMP_SET.has(known) && value > 0 && value < EPOCH_MILLIS_FLOOR) {
        problems.push(
          `${at} ${value} is ${new Date(value).toISOString()} as epoch milliseconds, the unit GuardDuty uses for ` +
            `${show(known)}; it looks like epoch seconds. Use ${value * 1000}.`,
        );
      }
    }
  }

  if (known !== undefined && numericOps.length > 0 && !NUMERIC_SET.has(known)) {
    problems.push(
      `${p} compares ${show(known)} with ${numericOps.join(', ')}, but ${show(known)} is not a numeric field; ` +
        'numeric operators work on numbers such as severity, confidence, ports and counts, and on timestamps such ' +
        'as updatedAt (epoch milliseconds). Use equals, notEquals, matches or notMatches.',
    );
  }

  const lower = tightest(bounds, 'lower');
  const upper = tightest(bounds, 'upper');
  if (
    lower !== undefined &&
    upper !== undefined &&
    (lower.value > upper.value || (lower.value === upper.value && (lower.exclusive || upper.exclusive)))
  ) {
    problems.push(
      `${p} can never match: ${lower.prop} ${lower.value} and ${upper.prop} ${upper.value} leave no value of ` +
        `${show(field)} between them, so the rule would never archive anything. Correct the bounds.`,
    );
  }
  return problems;
}

function listProblems(op: OperatorRow, value: unknown, at: string, field: string | undefined): string[] {
  if (!Array.isArray(value)) {
    return [
      `${at} ${show(value)} is not a list of strings; ` +
        (typeof value === 'string' ? `write it as [${show(value)}].` : 'give a list such as ["value"].'),
    ];
  }
  const problems: string[] = [];
  const max = op.maxValues ?? Number.POSITIVE_INFINITY;
  if (value.length === 0) {
    problems.push(`${at} is empty; give at least one value or leave ${op.prop} out.`);
  } else if (value.length > max) {
    problems.push(
      `${at} has ${value.length} values; GuardDuty accepts at most ${max}. ` +
        (op.negative
          ? 'Shorten the list: splitting it across several rules is not the same, because each rule would ' +
            'archive the findings the other list is meant to keep.'
          : 'Split the values across several suppression rules that repeat the other criteria.'),
    );
  }
  value.forEach((item: unknown, j) => {
    if (Token.isUnresolved(item)) return;
    const itemAt = `${at}[${j}]`;
    if (typeof item !== 'string') {
      problems.push(
        `${itemAt} ${show(item)} is not a string; GuardDuty compares filter values as strings. ` +
          `Write ${show(String(item))}.`,
      );
    } else if (item === '') {
      problems.push(`${itemAt} is an empty string; remove it or give the value to compare.`);
    } else if (op.maxLength !== undefined && item.length > op.maxLength) {
      problems.push(
        `${itemAt} is ${item.length} characters long; GuardDuty accepts patterns of at most ${op.maxLength}.`,
      );
    } else if (
      field === 'severity' &&
      (op.prop === 'equals' || op.prop === 'notEquals') &&
      !SEVERITY_VALUE.test(item)
    ) {
      problems.push(
        `${itemAt} ${show(item)} is not a severity value GuardDuty filters on: use the whole-number strings ` +
          '"1" to "10" (Low "1"-"3", Medium "4"-"6", High "7"-"8", Critical "9"-"10"), or greaterThanOrEqual ' +
          'and lessThan for a range.',
      );
    }
  });
  return problems;
}

/** The strictest lower (or upper) bound: the highest (lowest) value; on a tie, the exclusive one. */
function tightest(bounds: Bound[], side: 'lower' | 'upper'): Bound | undefined {
  const sideOf = (b: Bound) => OPERATORS.find((op) => op.prop === b.prop)?.bound;
  let result: Bound | undefined;
  for (const b of bounds.filter((x) => sideOf(x) === side)) {
    const stricter =
      result === undefined ||
      (side === 'lower' ? b.value > result.value : b.value < result.value) ||
      (b.value === result.value && b.exclusive && !result.exclusive);
    if (stricter) result = b;
  }
  return result;
}

function operatorFor(key: string): string | undefined {
  const lower = key.toLowerCase();
  if (OPERATOR_ALIASES[lower] !== undefined) return OPERATOR_ALIASES[lower];
  const byName = OPERATORS.find((op) => op.prop.toLowerCase() === lower);
  if (byName !== undefined) return byName.prop;
  const near = OPERATORS.find((op) => editDistance(lower, op.prop.toLowerCase()) <= 2);
  return near?.prop;
}

function unknownFieldMessage(at: string, field: string): string {
  const suggestions = suggestFilterFields(field);
  const start = `${at} ${show(field)} is not a field GuardDuty can filter on.`;
  if (suggestions.length > 0) {
    return (
      `${start} Did you mean ${suggestions.map((s) => show(s)).join(' or ')}? Fields are case-sensitive paths ` +
      `in the finding format, listed under findingCriteria in ${FIELDS_DOC}.`
    );
  }
  return (
    `${start} Use a field listed under findingCriteria in ${FIELDS_DOC}, such as "type", "severity" or ` +
    `"resource.instanceDetails.tags.value".`
  );
}
