import { RemovalPolicy } from 'aws-cdk-lib';
import { Construct } from 'constructs';
import { ValidationError } from '../private/validation-error';
import { AdoptedDetector } from './adopted-detector';
import { FindingPublishingFrequency, GuardDutyDetector, IGuardDutyDetector } from './guardduty-detector';
import { ProtectionPlans } from './protection-plans';

/** How a composite construct gets its detector. */
export interface DetectorChoice {
  readonly existingDetectorId?: string;
  readonly adoptExistingDetector?: boolean;
  readonly protectionPlans?: ProtectionPlans;
  readonly findingPublishingFrequency?: FindingPublishingFrequency;
  readonly removalPolicy?: RemovalPolicy;
}

/**
 * The detector a composite construct uses: an existing one by ID (nothing created), one adopted at deploy time
 * (created only if none exists), or a new one. Refuses settings that the chosen way would ignore, in one message.
 */
export function chooseDetector(scope: Construct, id: string, choice: DetectorChoice): IGuardDutyDetector {
  if (choice.existingDetectorId !== undefined) {
    const conflicts = (
      ['adoptExistingDetector', 'protectionPlans', 'findingPublishingFrequency'] as const
    ).filter((k) => choice[k] !== undefined);
    if (conflicts.length > 0) {
      throw new ValidationError(
        `existingDetectorId is set together with ${conflicts.join(' and ')}, which only configure a detector ` +
          'created here and would be ignored. Remove them, or remove existingDetectorId to create the detector.',
      );
    }
    return GuardDutyDetector.fromDetectorId(scope, id, choice.existingDetectorId);
  }
  if (choice.adoptExistingDetector) {
    // An adopted detector is never deleted, whatever the removal policy says.
    return new AdoptedDetector(scope, id, {
      protectionPlans: choice.protectionPlans,
      findingPublishingFrequency: choice.findingPublishingFrequency,
    });
  }
  return new GuardDutyDetector(scope, id, {
    protectionPlans: choice.protectionPlans,
    findingPublishingFrequency: choice.findingPublishingFrequency,
    removalPolicy: choice.removalPolicy,
  });
}
