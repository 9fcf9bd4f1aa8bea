/**
 * GuardDuty refuses a request that names both RUNTIME_MONITORING and EKS_RUNTIME_MONITORING, whatever their status
 * ("Specifying both ... will cause an error", API reference of CreateDetector, UpdateDetector,
 * UpdateOrganizationConfiguration and DetectorFeatureConfiguration). One CloudFormation resource carries one
 * request: the detector's `Features`, or the request of a custom resource (a JSON string, possibly split by
 * `Fn::Join` around tokens). This finds every resource whose properties name both, in any of these shapes.
 */
const NAMES = (feature: string) => new RegExp(`\\bname\\\\*"\\s*:\\s*\\\\*"${feature}\\\\*"`, 'i');
const RUNTIME = NAMES('RUNTIME_MONITORING');
const EKS_RUNTIME = NAMES('EKS_RUNTIME_MONITORING');

/** Whether one request text names both runtime features. */
export function namesBothRuntimeFeatures(text: string): boolean {
  return RUNTIME.test(text) && EKS_RUNTIME.test(text);
}

/** The logical IDs of the resources of a template whose request names both runtime features. */
export function resourcesNamingBothRuntimeFeatures(template: {
  Resources?: Record<string, { Properties?: unknown }>;
}): string[] {
  return Object.entries(template.Resources ?? {})
    .filter(([, resource]) => namesBothRuntimeFeatures(JSON.stringify(resource.Properties ?? {})))
    .map(([id]) => id);
}
