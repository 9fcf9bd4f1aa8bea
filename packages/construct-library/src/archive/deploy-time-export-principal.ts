import { Aws, CfnCondition, Fn, Stack } from 'aws-cdk-lib';
import { IConstruct } from 'constructs';
import { ValidationError } from '../private/validation-error';
import {
  GUARDDUTY_GLOBAL_EXPORT_PRINCIPAL,
  guardDutyRegionalExportPrincipal,
  optInRegions,
} from '../regions/region-facts';

/** The ID, at the top of the stack, of the condition {@link deployTimeExportPrincipal} uses; also its logical ID. */
const OPT_IN_REGION_CONDITION_ID = 'GuardDutyExportFromOptInRegion';

/** The principal GuardDuty exports findings with from where the stack is deployed, decided at deploy time. */
export interface DeployTimeExportPrincipal {
  /** `Fn::If` on the condition: the Region-specific principal in opt-in Regions, the global one elsewhere. */
  readonly principal: string;
  /** The condition, true when the stack is deployed to an opt-in Region. */
  readonly condition: CfnCondition;
  /** Whether this call created the condition (the first in its stack). */
  readonly created: boolean;
}

/**
 * The GuardDuty export principal for the Region a stack whose Region is a token (environment-agnostic) is deployed
 * to: a CloudFormation condition, one per stack and created on first use, is true when `AWS::Region` is one of the
 * opt-in Regions aws-cdk-lib knows, and `Fn::If` picks `guardduty.<region>.amazonaws.com` there and
 * `guardduty.amazonaws.com` elsewhere. Nothing is decided at synth on the token's value.
 *
 * A Region aws-cdk-lib does not know (one opened after this aws-cdk-lib release) is not in the condition and gets
 * the global principal at deploy time (as it does at synth, see `guardDutyExportPrincipal`); if it is an opt-in
 * Region, GuardDuty cannot export there until aws-cdk-lib is updated.
 *
 * @see https://docs.aws.amazon.com/guardduty/latest/ug/guardduty_exportfindings.html
 */
export function deployTimeExportPrincipal(scope: IConstruct): DeployTimeExportPrincipal {
  const stack = Stack.of(scope);
  const existing = stack.node.tryFindChild(OPT_IN_REGION_CONDITION_ID);
  if (existing !== undefined && !(existing instanceof CfnCondition)) {
    throw new ValidationError(
      `The stack ${stack.node.path} already has a construct with the ID ${OPT_IN_REGION_CONDITION_ID}, which the ` +
        'findings archive needs for its GuardDuty principal condition. Give that construct another ID.',
      scope,
    );
  }
  const condition =
    existing ??
    new CfnCondition(stack, OPT_IN_REGION_CONDITION_ID, {
      // Fn::Or takes 2 to 10 conditions; Fn.conditionOr nests longer lists in groups of ten (the test checks it).
      // https://docs.aws.amazon.com/AWSCloudFormation/latest/TemplateReference/intrinsic-function-reference-conditions.html#intrinsic-function-reference-conditions-or
      expression: Fn.conditionOr(...optInRegions().map((region) => Fn.conditionEquals(Aws.REGION, region))),
    });
  return {
    principal: Fn.conditionIf(
      condition.logicalId,
      guardDutyRegionalExportPrincipal(Aws.REGION),
      GUARDDUTY_GLOBAL_EXPORT_PRINCIPAL,
    ).toString(),
    condition,
    created: existing === undefined,
  };
}
