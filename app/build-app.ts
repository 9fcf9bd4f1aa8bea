import { App, Validations } from 'aws-cdk-lib';
import { AwsSolutionsChecks, NIST80053R5Checks } from 'cdk-nag';
import type { AppConfig } from './config/app-config';
import { GuardDutyThreatDetectionStack } from './guardduty-threat-detection-stack';

/** The stacks an app built from one configuration holds. */
export interface BuiltApp {
  readonly stacks: GuardDutyThreatDetectionStack[];
}

/**
 * Adds the stacks a configuration describes to an app, and the checks every stack must pass at synth: cdk-nag's
 * AWS Solutions and NIST 800-53 rev 5 packs (CloudFormation Validate runs by itself; the app's context makes its
 * findings errors).
 */
export interface BuildAppOptions {
  /**
   * Register the cdk-nag packs. Only the offline preview turns them off, to synthesize faster; every deployable
   * synth keeps them.
   *
   * @default true
   */
  readonly checks?: boolean;
}

export function buildApp(app: App, config: AppConfig, options: BuildAppOptions = {}): BuiltApp {
  const stack = new GuardDutyThreatDetectionStack(app, config.stackName ?? 'GuardDutyThreatDetection', {
    config,
    env: config.env?.account || config.env?.region ? { ...config.env } : undefined,
    description:
      'Amazon GuardDuty with an encrypted findings archive and readable alerts (cdk-guardduty-threat-detection)',
  });
  if (options.checks ?? true) {
    Validations.of(app).addPlugins(new AwsSolutionsChecks(app), new NIST80053R5Checks(app));
  }
  return { stacks: [stack] };
}
