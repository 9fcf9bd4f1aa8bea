import { Stack, StackProps } from 'aws-cdk-lib';
import { Construct } from 'constructs';
import type { AppConfig } from './config/app-config';
import { tagStack } from './stack-wiring';
import { GuardDutyDelegatedAdministrator } from 'cdk-guardduty-threat-detection';

/** Properties of the management-account stack. */
export interface OrganizationManagementStackProps extends StackProps {
  readonly config: AppConfig;
  /** Every Region GuardDuty is turned on in. */
  readonly regions: string[];
}

/**
 * The stack for the organization's management account: designates the delegated GuardDuty administrator in every
 * Region. Deployed first, with the management account's credentials.
 */
export class OrganizationManagementStack extends Stack {
  public readonly delegatedAdministrator: GuardDutyDelegatedAdministrator;

  constructor(scope: Construct, id: string, props: OrganizationManagementStackProps) {
    super(scope, id, props);
    this.delegatedAdministrator = new GuardDutyDelegatedAdministrator(this, 'DelegatedAdministrator', {
      administratorAccountId: props.config.organization!.administratorAccountId,
      regions: props.regions,
    });
    tagStack(this, props.config);
  }
}
