import { RemovalPolicy } from 'aws-cdk-lib';
import { Construct } from 'constructs';
import { throwIfProblems } from '../private/validation-error';
import { FieldPath } from '../validation/field-path';
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
 * The problems of how a composite construct is told to get its detector: settings that the chosen way would ignore.
 * Shared by the constructs and the app's configuration check, so that both give the same message.
 *
 * - The switches that apply only to an adopted detector, set while `adoptExistingDetector` is not true.
 * - With `existingDetectorId`, the settings that only configure a detector created or adopted here.
 *
 * @param at where the choice's fields sit; they are fields of the composite's props
 */
export function detectorChoiceProblems(choice: DetectorChoice, at: FieldPath = new FieldPath()): string[] {
  const problems: string[] = [];
  const names = (fields: readonly string[]) => fields.map((f) => at.name(f)).join(' and ');
  if (!choice.adoptExistingDetector) {
    const set = (['manageAdoptedDetectorSettings', 'enableAdoptedDetectorIfSuspended'] as const).filter(
      (k) => choice[k] !== undefined,
    );
    if (set.length > 0) {
      const many = set.length > 1;
      problems.push(
        `${names(set)} ${many ? 'are' : 'is'} set, but ${at.name('adoptExistingDetector')} is not true, so there is ` +
          `no adopted detector for ${many ? 'them' : 'it'} to apply to. Set ${at.name('adoptExistingDetector')} to ` +
          `true, or remove ${names(set)}.`,
      );
    }
  }
  if (choice.existingDetectorId !== undefined) {
    const conflicts = (
      ['adoptExistingDetector', 'protectionPlans', 'findingPublishingFrequency'] as const
    ).filter((k) => choice[k] !== undefined);
    if (conflicts.length > 0) {
      problems.push(
        `${at.name('existingDetectorId')} is set together with ${names(conflicts)}, which only configure a ` +
          `detector created here and would be ignored. Remove ${names(conflicts)}, or remove ` +
          `${at.name('existingDetectorId')} to create the detector.`,
      );
    }
  }
  return problems;
}

/**
 * The detector a composite construct uses: an existing one by ID (nothing created), one adopted at deploy time
 * (created only if none exists), or a new one. The caller has checked the choice with {@link detectorChoiceProblems}.
 */
export function chooseDetector(scope: Construct, id: string, choice: DetectorChoice): IGuardDutyDetector {
  throwIfProblems(scope, detectorChoiceProblems(choice));
  if (choice.existingDetectorId !== undefined) {
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
