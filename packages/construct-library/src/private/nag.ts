import { CfnResource, Validations } from 'aws-cdk-lib';
import type { IConstruct } from 'constructs';

/**
 * Acknowledges validation rules (cdk-nag, CloudFormation Validate) on exactly one CloudFormation resource, each
 * with the reason a reviewer needs. Uses aws-cdk-lib's own `Validations` API, so the library does not depend on
 * cdk-nag at run time.
 */
export function acknowledgeRules(resource: IConstruct | undefined, reasons: Record<string, string>): void {
  if (!resource || !CfnResource.isCfnResource(resource)) {
    throw new Error(`acknowledgeRules needs one CloudFormation resource, got ${resource?.node.path}`);
  }
  Validations.of(resource).acknowledge(...Object.entries(reasons).map(([id, reason]) => ({ id, reason })));
}
