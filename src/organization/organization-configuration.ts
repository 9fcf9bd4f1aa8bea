import { Stack, Token, TokenComparison } from 'aws-cdk-lib';
import * as iam from 'aws-cdk-lib/aws-iam';
import { AwsCustomResource, PhysicalResourceId } from 'aws-cdk-lib/custom-resources';
import { Construct } from 'constructs';
import type { IGuardDutyDetector } from '../detector/guardduty-detector';
import {
  AGENT_TABLE,
  FEATURE_TABLE,
  type ProtectionPlans,
  resolvePlans,
  validateProtectionPlans,
} from '../detector/protection-plans';
import { acknowledgeRules } from '../private/nag';
import { show, ValidationError } from '../private/validation-error';
import { sdkCallResource } from '../private/custom-resource-handler';

/** Which member accounts of the organization GuardDuty is turned on for automatically. */
export enum AutoEnableMembers {
  /** Every member account: those already in the organization and those that join later. */
  ALL = 'ALL',
  /** Only accounts that join the organization from now on; existing members stay as they are. */
  NEW = 'NEW',
  /** No account automatically; the administrator manages each member by hand. Every feature is NONE too. */
  NONE = 'NONE',
}

/**
 * One entry of `Features` in the `UpdateOrganizationConfiguration` request (`OrganizationFeatureConfiguration`),
 * with the API's own PascalCase keys, as the SDK call passes it through unchanged. Internal: PascalCase properties
 * are not part of the jsii-compatible public API.
 *
 * @see https://docs.aws.amazon.com/guardduty/latest/APIReference/API_OrganizationFeatureConfiguration.html
 */
export interface OrganizationFeatureConfiguration {
  readonly Name: string;
  readonly AutoEnable: AutoEnableMembers;
  readonly AdditionalConfiguration?: readonly OrganizationAdditionalConfiguration[];
}

/** One entry of a feature's `AdditionalConfiguration` (`OrganizationAdditionalConfiguration`). */
export interface OrganizationAdditionalConfiguration {
  readonly Name: string;
  readonly AutoEnable: AutoEnableMembers;
}

/**
 * The `Features` of the organization configuration: every feature the detector construct sets, each explicitly
 * auto-enabled (`ALL` or `NEW`, as `mode`) when its plan is on and `NONE` when it is off, and every agent setting of
 * Runtime Monitoring the same way. With `AutoEnableMembers.NONE` every entry is `NONE`.
 *
 * Like `renderDetectorFeatures`, it lists both `RUNTIME_MONITORING` and the legacy `EKS_RUNTIME_MONITORING`, the one
 * not in use as `NONE`, so that neither keeps an auto-enable set earlier in the console; turning both on is rejected
 * here, before deployment, because GuardDuty accepts only one of them.
 *
 * @param plans the protection plans, with the detector's defaults
 * @param mode the auto-enable mode of the member accounts
 */
export function renderOrganizationFeatures(
  plans: ProtectionPlans = {},
  mode: AutoEnableMembers,
): OrganizationFeatureConfiguration[] {
  validateProtectionPlans(plans);
  const on = resolvePlans(plans);
  const agents = plans.runtimeMonitoringAgents ?? {};
  const autoEnable = (enabled: boolean): AutoEnableMembers => (enabled ? mode : AutoEnableMembers.NONE);
  return FEATURE_TABLE.map((row) => {
    const feature: OrganizationFeatureConfiguration = {
      Name: row.feature,
      AutoEnable: autoEnable(on[row.plan]),
    };
    if (row.plan === 'runtimeMonitoring') {
      return {
        ...feature,
        AdditionalConfiguration: AGENT_TABLE.map(({ setting, name }) => ({
          Name: name,
          AutoEnable: autoEnable(on.runtimeMonitoring && agents[setting] === true),
        })),
      };
    }
    if (row.plan === 'eksRuntimeMonitoring') {
      return {
        ...feature,
        AdditionalConfiguration: [
          {
            Name: 'EKS_ADDON_MANAGEMENT',
            AutoEnable: autoEnable(on.eksRuntimeMonitoring && agents.eksAddonManagement === true),
          },
        ],
      };
    }
    return feature;
  });
}

/** Properties of a {@link GuardDutyOrganizationConfiguration}. */
export interface GuardDutyOrganizationConfigurationProps {
  /** The delegated administrator's detector in this stack's account and Region. */
  readonly detector: IGuardDutyDetector;

  /**
   * Which member accounts get GuardDuty automatically.
   *
   * The default is `ALL` so that GuardDuty is on everywhere in the organization: `NEW` would leave every account
   * that is already a member uncovered until someone enables it by hand.
   *
   * @default AutoEnableMembers.ALL
   */
  readonly autoEnableMembers?: AutoEnableMembers;

  /**
   * The protection plans to auto-enable for the member accounts. Every plan is set explicitly: on plans follow
   * `autoEnableMembers`, off plans are `NONE`. Give the administrator's detector the same plans.
   *
   * @default - the detector's defaults: S3, EKS audit logs, EBS malware, RDS and Lambda protection on; Runtime
   * Monitoring and the legacy EKS Runtime Monitoring off
   */
  readonly protectionPlans?: ProtectionPlans;
}

/**
 * Sets the organization-wide GuardDuty configuration in one Region: which member accounts get GuardDuty
 * automatically and which protection plans they get, every plan explicitly on or off.
 *
 * Deploy it in the DELEGATED ADMINISTRATOR account, in the stack of each Region, next to that Region's detector,
 * after `GuardDutyDelegatedAdministrator` designated the account there (the call fails otherwise). The designation
 * turns GuardDuty on in the administrator account, so its detector usually exists already: refer to it with
 * `GuardDutyDetector.fromDetectorId`. CloudFormation has no resource for this, so an `AwsCustomResource` calls
 * `UpdateOrganizationConfiguration` on create and update.
 *
 * Deleting it (or the stack) leaves the configuration as it is: switching auto-enable off would stop covering new
 * accounts, and it is the administrator's standing policy rather than a resource of this stack. Change it by
 * deploying other settings.
 */
export class GuardDutyOrganizationConfiguration extends Construct {
  /** The auto-enable mode of the member accounts. */
  public readonly autoEnableMembers: AutoEnableMembers;
  /** The customer managed policy with the permission of the SDK call. */
  public readonly policy: iam.ManagedPolicy;
  /** The custom resource. */
  public readonly resource: AwsCustomResource;

  constructor(scope: Construct, id: string, props: GuardDutyOrganizationConfigurationProps) {
    super(scope, id);
    const stack = Stack.of(this);
    validateSameEnvironment(props.detector, stack);
    this.autoEnableMembers = props.autoEnableMembers ?? AutoEnableMembers.ALL;
    const features = renderOrganizationFeatures(props.protectionPlans, this.autoEnableMembers);

    this.policy = new iam.ManagedPolicy(this, 'Policy', {
      description: 'Sets the GuardDuty organization configuration (auto-enable of members and features)',
      statements: [
        new iam.PolicyStatement({
          sid: 'UpdateGuardDutyOrganizationConfiguration',
          actions: ['guardduty:UpdateOrganizationConfiguration'],
          resources: ['*'],
          conditions: { StringEquals: { 'aws:RequestedRegion': stack.region } },
        }),
      ],
    });
    acknowledgeRules(this.policy.node.defaultChild, {
      'AwsSolutions::AwsSolutions-IAM5[Resource::*]':
        'guardduty:UpdateOrganizationConfiguration supports no resource type in the Service Authorization ' +
        'Reference (not even the detector), so "*" is the only resource that matches; the statement allows ' +
        "this one action, in this stack's Region only (aws:RequestedRegion).",
    });

    this.resource = sdkCallResource(this, 'Resource', {
      onCreateAndUpdate: {
        service: 'GuardDuty',
        action: 'updateOrganizationConfiguration',
        parameters: {
          DetectorId: props.detector.detectorId,
          AutoEnableOrganizationMembers: this.autoEnableMembers,
          Features: features,
        },
        physicalResourceId: PhysicalResourceId.of('guardduty-organization-configuration'),
      },
      policy: this.policy,
    });
  }
}

/** The detector must be the one of this stack's account and Region: the call is sent there. */
function validateSameEnvironment(detector: IGuardDutyDetector, stack: Stack): void {
  const problems: string[] = [];
  for (const key of ['region', 'account'] as const) {
    const own = stack[key];
    const theirs = detector.env[key];
    if (Token.compareStrings(own, theirs) === TokenComparison.DIFFERENT) {
      problems.push(
        `detector is in the ${key} ${show(theirs)} but this stack deploys to ${show(own)}. Create ` +
          "GuardDutyOrganizationConfiguration in the stack that holds the administrator's detector for that " +
          `${key}.`,
      );
    }
  }
  if (problems.length > 0) {
    throw new ValidationError(problems.join('\n'));
  }
}
