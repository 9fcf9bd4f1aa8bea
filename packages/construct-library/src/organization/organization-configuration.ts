import { Annotations, CustomResource, Stack, Token, TokenComparison } from 'aws-cdk-lib';
import * as iam from 'aws-cdk-lib/aws-iam';
import { Construct } from 'constructs';
import type { IGuardDutyDetector } from '../detector/guardduty-detector';
import {
  type ProtectionPlans,
  protectionPlansProblems,
  renderOrganizationFeatures,
} from '../detector/protection-plans';
import { AutoEnableMembers } from './auto-enable-members';
import { acknowledgeRules } from '../private/nag';
import { show, throwIfProblems } from '../private/validation-error';
import { providerResource } from '../private/guardduty-provider';

export { AutoEnableMembers } from './auto-enable-members';

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
   * @default - the `@default` of each `ProtectionPlans` field (AI_ANALYST, a
   * detector-only feature, is never sent here)
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
 * `GuardDutyDetector.fromDetectorId`. CloudFormation has no resource for this, so a custom resource
 * (`Custom::GuardDutyOrganizationConfiguration`, run by the stack's provider function) calls
 * `UpdateOrganizationConfiguration` on create and update. An error of GuardDuty (for instance, the account is not
 * the delegated administrator yet) fails the deployment with GuardDuty's own message.
 *
 * Deleting it (or the stack) leaves the configuration as it is: switching auto-enable off would stop covering new
 * accounts, and it is the administrator's standing policy rather than a resource of this stack. Change it by
 * deploying other settings.
 */
export class GuardDutyOrganizationConfiguration extends Construct {
  /** The auto-enable mode of the member accounts. */
  public readonly autoEnableMembers: AutoEnableMembers;
  /** The customer managed policy with the permission of the custom resource's call. */
  public readonly policy: iam.ManagedPolicy;
  /** The custom resource (`Custom::GuardDutyOrganizationConfiguration`). */
  public readonly resource: CustomResource;

  constructor(scope: Construct, id: string, props: GuardDutyOrganizationConfigurationProps) {
    super(scope, id);
    const stack = Stack.of(this);
    throwIfProblems(this, [
      ...sameEnvironmentProblems(props.detector, stack),
      ...protectionPlansProblems(props.protectionPlans),
    ]);
    this.autoEnableMembers = props.autoEnableMembers ?? AutoEnableMembers.ALL;
    const features = renderOrganizationFeatures(props.protectionPlans, this.autoEnableMembers);
    if (props.protectionPlans?.aiAnalyst === true) {
      // Not an error: the administrator's own detector gets it, which is where investigations run.
      Annotations.of(this).addWarningV2(
        'cdk-guardduty-threat-detection:aiAnalystNotForMembers',
        "protectionPlans.aiAnalyst is true, but GuardDuty's organization configuration has no AI_ANALYST feature " +
          "(it is not in the API's OrgFeature enum), so it is not auto-enabled for member accounts. Only the " +
          "administrator can run investigations: turn it on in the administrator's detector.",
      );
    }

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

    this.resource = providerResource(this, 'Resource', {
      resourceType: 'Custom::GuardDutyOrganizationConfiguration',
      action: 'OrganizationConfiguration',
      request: {
        DetectorId: props.detector.detectorId,
        AutoEnableOrganizationMembers: this.autoEnableMembers,
        Features: features,
      },
      policy: this.policy,
    });
  }
}

/** The detector must be the one of this stack's account and Region: the call is sent there. */
function sameEnvironmentProblems(detector: IGuardDutyDetector, stack: Stack): string[] {
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
  return problems;
}
