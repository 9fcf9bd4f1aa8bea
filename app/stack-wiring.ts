import { Stack, Tags } from 'aws-cdk-lib';
import type { AppConfig } from './config/app-config';
import {
  AutoEnableMembers,
  GuardDutyOrganizationConfiguration,
  type IGuardDutyDetector,
} from 'cdk-guardduty-threat-detection';

/** Tags every resource of a stack with the configuration's tags. */
export function tagStack(stack: Stack, config: AppConfig): void {
  for (const [key, value] of Object.entries(config.tags ?? {})) Tags.of(stack).add(key, value);
}

/** In organization mode, sets member auto-enable on the administrator's detector of this stack's Region. */
export function addOrganizationConfiguration(
  stack: Stack,
  detector: IGuardDutyDetector,
  config: AppConfig,
): void {
  if (!config.organization) return;
  new GuardDutyOrganizationConfiguration(stack, 'OrganizationConfiguration', {
    detector,
    autoEnableMembers: AutoEnableMembers[config.organization.autoEnableMembers ?? 'ALL'],
    protectionPlans: config.protectionPlans,
  });
}
