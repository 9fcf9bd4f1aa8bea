import { RegionInfo } from 'aws-cdk-lib/region-info';

/**
 * The commercial Regions that are enabled in every account by default and where GuardDuty is available: the
 * Regions a first multi-Region rollout covers. Opt-in Regions (af-south-1, ap-east-1, eu-south-1, me-south-1, ...)
 * must be enabled in the account first and use a Region-specific GuardDuty service principal.
 *
 * @see https://docs.aws.amazon.com/guardduty/latest/ug/guardduty_regions.html
 */
export const GUARDDUTY_DEFAULT_REGIONS: readonly string[] = [
  'us-east-1',
  'us-east-2',
  'us-west-1',
  'us-west-2',
  'ca-central-1',
  'sa-east-1',
  'eu-west-1',
  'eu-west-2',
  'eu-west-3',
  'eu-central-1',
  'eu-north-1',
  'ap-northeast-1',
  'ap-northeast-2',
  'ap-northeast-3',
  'ap-southeast-1',
  'ap-southeast-2',
  'ap-south-1',
];

/** Whether CDK knows the Region. */
export function isKnownRegion(region: string): boolean {
  return RegionInfo.regions.some((r) => r.name === region);
}

/** Whether the Region must be enabled (opted in) in an account before use. */
function isOptInRegion(region: string): boolean {
  return RegionInfo.get(region).isOptInRegion === true;
}

/** The partition of a known Region (`aws`, `aws-cn`, `aws-us-gov`, ...). */
function partitionOf(region: string): string | undefined {
  return RegionInfo.get(region).partition;
}

/** The opt-in Regions aws-cdk-lib knows, in its order. */
export function optInRegions(): string[] {
  return RegionInfo.regions.filter((r) => r.isOptInRegion === true).map((r) => r.name);
}

/** The service principal GuardDuty exports findings with from the Regions enabled by default. */
export const GUARDDUTY_GLOBAL_EXPORT_PRINCIPAL = 'guardduty.amazonaws.com';

/**
 * The Region-specific service principal GuardDuty exports findings with from an opt-in Region. `region` may be a
 * token (`Aws.REGION`), for a principal decided at deploy time.
 */
export function guardDutyRegionalExportPrincipal(region: string): string {
  return `guardduty.${region}.amazonaws.com`;
}

/**
 * The service principal GuardDuty uses to export findings from a Region known at synth: the global one, or in
 * opt-in Regions the Region-specific one. A Region that aws-cdk-lib does not know gets the global one. For a Region
 * that is a token, `FindingsArchive` decides at deploy time instead.
 *
 * @see https://docs.aws.amazon.com/guardduty/latest/ug/guardduty_exportfindings.html
 */
export function guardDutyExportPrincipal(region: string): string {
  return isKnownRegion(region) && isOptInRegion(region)
    ? guardDutyRegionalExportPrincipal(region)
    : GUARDDUTY_GLOBAL_EXPORT_PRINCIPAL;
}

/**
 * Why findings from `source` cannot be exported to a bucket in `destination`, or undefined when they can.
 * GuardDuty's rules: the bucket must be in the same partition; findings from a commercial Region may go to any
 * commercial Region but not to an opt-in Region; findings from an opt-in Region may go to the same opt-in Region or
 * to a commercial Region, never to another opt-in Region.
 */
export function exportRegionProblem(source: string, destination: string): string | undefined {
  if (source === destination) return undefined;
  if (partitionOf(source) !== partitionOf(destination)) {
    return `${source} (${partitionOf(source)}) and ${destination} (${partitionOf(destination)}) are in different partitions`;
  }
  if (isOptInRegion(destination)) {
    return isOptInRegion(source)
      ? `findings from the opt-in Region ${source} cannot be exported to another opt-in Region, ${destination}`
      : `findings from the commercial Region ${source} cannot be exported to the opt-in Region ${destination}`;
  }
  return undefined;
}

/** What the library knows of Regions, for apps that check a list of Regions before building stacks. */
export class GuardDutyRegions {
  /**
   * Whether aws-cdk-lib knows the Region.
   *
   * @param region a Region code such as ap-northeast-1
   */
  public static isKnown(region: string): boolean {
    return isKnownRegion(region);
  }

  /**
   * Why findings of `sourceRegion` cannot be exported to an archive in `destinationRegion` (GuardDuty's partition
   * and opt-in Region rules), or undefined when they can. Both Regions must be known.
   *
   * @param sourceRegion the Region of the detector
   * @param destinationRegion the Region of the archive
   */
  public static exportProblem(sourceRegion: string, destinationRegion: string): string | undefined {
    return exportRegionProblem(sourceRegion, destinationRegion);
  }

  private constructor() {}
}
