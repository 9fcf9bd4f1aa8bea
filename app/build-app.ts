import { App, Stack, Validations } from 'aws-cdk-lib';
import { AwsSolutionsChecks, NIST80053R5Checks } from 'cdk-nag';
import type { AppConfig } from './config/app-config';
import { GuardDutyMemberRegionStack } from './guardduty-member-region-stack';
import { GuardDutyThreatDetectionStack } from './guardduty-threat-detection-stack';
import { OrganizationManagementStack } from './organization-management-stack';

/** The stacks an app built from one configuration holds. */
export interface BuiltApp {
  /** The home Region's stack: the archive, the routes and the channels. */
  readonly home: GuardDutyThreatDetectionStack;
  /** One stack per other Region, in the order of `regions`. */
  readonly members: GuardDutyMemberRegionStack[];
  /** In organization mode, the management account's stack. */
  readonly management?: OrganizationManagementStack;
  /** Every stack, in deploy order. */
  readonly stacks: Stack[];
}

/** Options of {@link buildApp}. */
export interface BuildAppOptions {
  /**
   * Register the cdk-nag packs. Only the offline preview turns them off, to synthesize faster; every deployable
   * synth keeps them.
   *
   * @default true
   */
  readonly checks?: boolean;
}

const DESCRIPTION =
  'Amazon GuardDuty with an encrypted findings archive and readable alerts (cdk-guardduty-threat-detection)';

/**
 * Adds the stacks a configuration describes to an app, and the checks every stack must pass at synth: cdk-nag's
 * AWS Solutions and NIST 800-53 rev 5 packs (CloudFormation Validate runs by itself; the app's context makes its
 * findings errors).
 *
 * Without `regions`: one stack. With `regions`: one stack per Region, named `<stackName>-<region>`; the home one
 * first. With `organization`: also `<stackName>-OrganizationManagement` in the management account, deployed first.
 */
export function buildApp(app: App, config: AppConfig, options: BuildAppOptions = {}): BuiltApp {
  const name = config.stackName ?? 'GuardDutyThreatDetection';
  const account = config.env?.account ?? config.organization?.administratorAccountId;
  const regions = config.regions;
  const homeRegion = regions ? (config.homeRegion ?? regions[0]) : config.env?.region;
  const others = (regions ?? []).filter((r) => r !== homeRegion);

  const management = config.organization
    ? new OrganizationManagementStack(app, `${name}-OrganizationManagement`, {
        config,
        regions: regions ?? [homeRegion!],
        env: { account: config.organization.managementAccountId, region: homeRegion },
        description: `${DESCRIPTION}: delegated administrator`,
      })
    : undefined;
  const home = new GuardDutyThreatDetectionStack(app, regions ? `${name}-${homeRegion}` : name, {
    config,
    forwardedRegions: others,
    env: account || homeRegion ? { account, region: homeRegion } : undefined,
    description: DESCRIPTION,
  });
  const members = others.map(
    (region) =>
      new GuardDutyMemberRegionStack(app, `${name}-${region}`, {
        config,
        homeStack: home,
        archiveParameterName: home.threatDetection.archiveParameterName,
        env: { account, region },
        description: `${DESCRIPTION}: ${region}, forwarding to ${homeRegion}`,
      }),
  );
  if (management) {
    for (const stack of [home, ...members]) {
      stack.addStackDependency(management, 'the delegated administrator must be designated first');
    }
  }
  if (options.checks ?? true) {
    Validations.of(app).addPlugins(new AwsSolutionsChecks(app), new NIST80053R5Checks(app));
  }
  return { home, members, management, stacks: [...(management ? [management] : []), home, ...members] };
}
