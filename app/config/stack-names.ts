import type { AppConfig } from './app-config';

/** The names (and construct IDs) of the app's stacks. */
export interface StackNames {
  /**
   * The home stack: `homeStackName`, or else `stackName`, with or without `regions`. Adding `regions` (even with
   * only the current Region) or `homeRegion` must not rename it: a renamed stack is a new stack, which would try to
   * create a second detector and a second publishing destination next to the old ones.
   */
  readonly home: string;
  /** The management account's stack, in organization mode. */
  readonly management: string;
  /** The stack of a Region other than the home Region. */
  region(region: string): string;
}

/** The stack names a configuration gives. */
export function stackNamesOf(config: Pick<AppConfig, 'stackName' | 'homeStackName'>): StackNames {
  const name = config.stackName ?? 'GuardDutyThreatDetection';
  return {
    home: config.homeStackName ?? name,
    management: `${name}-OrganizationManagement`,
    region: (region) => `${name}-${region}`,
  };
}
