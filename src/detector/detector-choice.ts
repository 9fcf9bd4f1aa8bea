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
  readonly manageAdoptedDetectorSettings?: boolean;
  readonly enableAdoptedDetectorIfSuspended?: boolean;
  readonly protectionPlans?: ProtectionPlans;
  readonly findingPublishingFrequency?: FindingPublishingFrequency;
  readonly removalPolicy?: RemovalPolicy;
}

/**
 * The switches that apply only to an adopted detector, set while `adoptExistingDetector` is not true: nothing would
 * use them. Shared by the constructs and the app's configuration check, so that both give the same message.
 */
export function adoptedDetectorSwitchProblems(
  choice: Pick<
    DetectorChoice,
    'adoptExistingDetector' | 'manageAdoptedDetectorSettings' | 'enableAdoptedDetectorIfSuspended'
  >,
): string[] {
  if (choice.adoptExistingDetector) return [];
  const set = (['manageAdoptedDetectorSettings', 'enableAdoptedDetectorIfSuspended'] as const).filter(
    (k) => choice[k] !== undefined,
  );
  if (set.length === 0) return [];
  const many = set.length > 1;
  return [
    `${set.join(' and ')} ${many ? 'are' : 'is'} set, but adoptExistingDetector is not true, so there is no adopted ` +
      `detector for ${many ? 'them' : 'it'} to apply to. Set adoptExistingDetector to true, or remove ${set.join(' and ')}.`,
  ];
}

/**
 * The detector a composite construct uses: an existing one by ID (nothing created), one adopted at deploy time
 * (created only if none exists), or a new one. Refuses settings that the chosen way would ignore, in one message.
 */
export function chooseDetector(scope: Construct, id: string, choice: DetectorChoice): IGuardDutyDetector {
  const switches = adoptedDetectorSwitchProblems(choice);
  if (switches.length > 0) throw new ValidationError(switches.join('\n'));
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
      manageSettings: choice.manageAdoptedDetectorSettings,
      enableIfSuspended: choice.enableAdoptedDetectorIfSuspended,
    });
  }
  return new GuardDutyDetector(scope, id, {
    protectionPlans: choice.protectionPlans,
    findingPublishingFrequency: choice.findingPublishingFrequency,
    removalPolicy: choice.removalPolicy,
  });
}
