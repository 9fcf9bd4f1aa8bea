import { Annotations, Duration, RemovalPolicy, Stack } from 'aws-cdk-lib';
import { Construct } from 'constructs';
import { type AlertRoute, routeSeverity } from './alerts/alert-route';
import { FindingAlerts, type FindingAlertsProps, forwardedRegionsProblems } from './alerts/finding-alerts';
import { MessageLanguage } from './alerts/finding-email-message';
import { FindingSeverity } from './alerts/severity';
import { FindingsArchive, FindingsArchiveProps } from './archive/findings-archive';
import { FindingsPublishingDestination } from './archive/findings-publishing-destination';
import { FindingPublishingFrequency, IGuardDutyDetector } from './detector/guardduty-detector';
import { ProtectionPlans } from './detector/protection-plans';
import {
  createSuppressionRules,
  SuppressionRule,
  SuppressionRuleOptions,
  suppressionRuleProblems,
  suppressionRulesProblems,
} from './detector/suppression-rule';
import { throwIfProblems } from './private/validation-error';
import { chooseDetector, detectorChoiceProblems } from './detector/detector-choice';
import { protectionPlansProblems } from './detector/protection-plans';
import { findingsArchivePropsProblems } from './archive/findings-archive-props';
import { findingAlertsPropsProblems } from './alerts/finding-alerts-rules';
import { FieldPath } from './validation/field-path';
import { archiveParameterName, FindingsArchiveParameter } from './regions/home-region-archive';

/** Properties of {@link GuardDutyThreatDetection}. */
export interface GuardDutyThreatDetectionProps {
  /**
   * The ID of a detector that already exists in this account and Region. Nothing is created for the detector
   * then, and its protection plans and publishing frequency stay as they are; findings are still archived and
   * alerted on. An account and Region can have only one detector, so creating one where GuardDuty is already on
   * fails.
   *
   * @default - a new detector is created
   */
  readonly existingDetectorId?: string;

  /**
   * Adopt the detector of this account and Region at deploy time: a custom resource creates one only if none
   * exists, and never deletes or disables it. For accounts where GuardDuty may already be on, such as the members
   * and the delegated administrator of an organization. Not allowed with `existingDetectorId`.
   *
   * @default false - a detector is created by CloudFormation, and creating it fails where one exists
   */
  readonly adoptExistingDetector?: boolean;

  /**
   * With `adoptExistingDetector`: apply `protectionPlans` and `findingPublishingFrequency` to a detector that already
   * exists too (UpdateDetector), except the plans an AWS Organizations GuardDuty policy manages. Without it, an
   * existing detector keeps its own settings.
   *
   * @default false
   */
  readonly manageAdoptedDetectorSettings?: boolean;

  /**
   * With `adoptExistingDetector`: re-enable a suspended detector instead of failing the deployment.
   *
   * @default false - a suspended detector fails the deployment with a message that says how to re-enable it
   */
  readonly enableAdoptedDetectorIfSuspended?: boolean;

  /**
   * The Regions whose findings are exported to this archive and forwarded to this Region's event bus by a
   * {@link GuardDutyMemberRegion} (opt-in Regions use their Region-specific GuardDuty principal). Their forwarding
   * failures are alerted on here.
   *
   * @default - none: a single-Region setup
   */
  readonly forwardedRegions?: string[];

  /**
   * The protection plans of the new detector. Not allowed with `existingDetectorId`.
   *
   * @default - the `@default` of each `ProtectionPlans` field
   */
  readonly protectionPlans?: ProtectionPlans;

  /**
   * How often updates of existing findings are published. Not allowed with `existingDetectorId`.
   *
   * @default GuardDutyDetector.DEFAULT_FINDING_PUBLISHING_FREQUENCY - FIFTEEN_MINUTES
   */
  readonly findingPublishingFrequency?: FindingPublishingFrequency;

  /**
   * Suppression rules: GuardDuty filters with the ARCHIVE action. Findings they match are archived as soon as
   * they are generated and never reach EventBridge (so no route sees them) nor the S3 export. Use them for known,
   * accepted activity; use route filters to decide only who is notified. They apply to an existing detector too.
   * Names must be unique; rules are created in rank order.
   *
   * @default - none
   */
  readonly suppressionRules?: SuppressionRuleOptions[];

  /**
   * Settings of the findings archive (bucket, key, lifecycle).
   *
   * @default - a new bucket and key, findings kept `FindingsArchive.DEFAULT_EXPIRATION` (366 days), everything
   * retained on stack delete
   */
  readonly archive?: FindingsArchiveProps;

  /**
   * Export the detector's findings to an archive created here. Turn it off only for a detector that already
   * exports elsewhere (a detector has at most one publishing destination); no archive is created then.
   *
   * @default true
   */
  readonly exportFindings?: boolean;

  /**
   * Which findings go to which channels. Not allowed together with `notificationEmails`, `minimumSeverity` or
   * `messageLanguage`, which describe the default route.
   *
   * @default - one e-mail route for `minimumSeverity` and above
   */
  readonly routes?: AlertRoute[];

  /**
   * E-mail addresses of the default route. Each recipient must confirm the subscription first.
   *
   * @default - no subscriptions
   */
  readonly notificationEmails?: string[];

  /**
   * The lowest severity the default route alerts on. Critical (9.0-10.0) is always included.
   *
   * @default FindingAlerts.DEFAULT_MINIMUM_SEVERITY - High
   */
  readonly minimumSeverity?: FindingSeverity;

  /**
   * The language of the default route's e-mails.
   *
   * @default MessageLanguage.ENGLISH
   */
  readonly messageLanguage?: MessageLanguage;

  /**
   * How many times EventBridge retries a failed delivery before the event goes to the dead-letter queue.
   *
   * @default FindingAlerts.DEFAULT_RETRY_ATTEMPTS - 185, EventBridge's maximum
   */
  readonly retryAttempts?: number;

  /**
   * How long EventBridge keeps retrying a delivery.
   *
   * @default FindingAlerts.DEFAULT_MAX_EVENT_AGE - 24 hours, EventBridge's maximum
   */
  readonly maxEventAge?: Duration;

  /**
   * What happens to the detector and the alert key when they leave the stack or the stack is deleted. The
   * archive's buckets and key follow `archive.removalPolicy`.
   *
   * @default RemovalPolicy.RETAIN
   */
  readonly removalPolicy?: RemovalPolicy;
}

/**
 * Turns on Amazon GuardDuty, keeps every finding encrypted in S3 and e-mails readable alerts for the findings that
 * matter.
 *
 * Composed of a {@link GuardDutyDetector}, a {@link FindingsArchive} with a {@link FindingsPublishingDestination},
 * and {@link FindingAlerts}; each can also be used on its own.
 */
export class GuardDutyThreatDetection extends Construct {
  /** The detector: created here, or the existing one. */
  public readonly detector: IGuardDutyDetector;
  /** The bucket and key that hold the exported findings, unless `exportFindings` is false. */
  public readonly archive?: FindingsArchive;
  /** The export of the detector's findings to the archive, unless `exportFindings` is false. */
  public readonly publishingDestination?: FindingsPublishingDestination;
  /** The alert rules, topic, dead-letter queue and alarm. */
  public readonly alerts: FindingAlerts;
  /**
   * The SSM parameter that tells the other Regions' stacks where the archive is, when `forwardedRegions` is set.
   */
  public readonly archiveParameterName?: string;
  /** The suppression rules, in rank order. */
  public readonly suppressionRules: SuppressionRule[];

  /**
   * Every problem of the props that can be known without building anything, each naming the field, the value and the
   * fix: the rules of the detector choice, the protection plans, the suppression rules, the archive and the alerts.
   * The constructor throws them all at once; the app calls this with the names of its configuration file's fields.
   *
   * @param props the props to check
   * @param path where the props sit, and how to name their fields
   * @default path - the props' own field names
   */
  public static validateProps(props: GuardDutyThreatDetectionProps, path?: FieldPath): string[] {
    const at = path ?? new FieldPath();
    const problems = [
      ...detectorChoiceProblems(props, at),
      ...protectionPlansProblems(props.protectionPlans, at.name('protectionPlans')),
      ...suppressionRulesProblems(props.suppressionRules ?? [], at.child('suppressionRules')),
      ...(props.suppressionRules ?? []).flatMap((rule, i) =>
        suppressionRuleProblems(rule, at.child(`suppressionRules[${i}]`)),
      ),
    ];
    if (props.exportFindings === false && props.archive !== undefined) {
      problems.push(
        `${at.name('archive')} is set but ${at.name('exportFindings')} is false, so no archive is created and its ` +
          `settings would be ignored. Remove ${at.name('archive')}, or remove ${at.name('exportFindings')}.`,
      );
    } else {
      problems.push(...findingsArchivePropsProblems(props.archive ?? {}, at.child('archive')));
    }
    problems.push(
      ...findingAlertsPropsProblems(
        alertsPropsOf(props),
        at.withNames({ emailAddresses: 'notificationEmails', language: 'messageLanguage' }),
      ),
    );
    return problems;
  }

  constructor(scope: Construct, id: string, props: GuardDutyThreatDetectionProps = {}) {
    super(scope, id);
    throwIfProblems(this, [
      ...GuardDutyThreatDetection.validateProps(props),
      ...forwardedRegionsProblems(props.forwardedRegions ?? [], Stack.of(this).region, 'forwardedRegions'),
    ]);
    const removalPolicy = props.removalPolicy ?? RemovalPolicy.RETAIN;
    this.detector = chooseDetector(this, 'Detector', { ...props, removalPolicy });

    this.suppressionRules = createSuppressionRules(this, this.detector, props.suppressionRules ?? []);

    if (props.exportFindings ?? true) {
      this.archive = new FindingsArchive(this, 'Archive', props.archive);
      this.publishingDestination = new FindingsPublishingDestination(this, 'Export', {
        detector: this.detector,
        archive: this.archive,
      });
    }

    this.alerts = new FindingAlerts(this, 'Alerts', {
      ...alertsPropsOf(props),
      keyRemovalPolicy: removalPolicy,
    });
    warnIfLowFindingsUnrouted(this, props.protectionPlans, this.alerts.routes);

    const forwarded = props.forwardedRegions ?? [];
    if (forwarded.length > 0) {
      if (this.archive) {
        for (const region of forwarded) this.archive.allowExportFromRegion(region);
        this.archiveParameterName = archiveParameterName(Stack.of(this).stackName);
        new FindingsArchiveParameter(this, 'ArchiveParameter', {
          archive: this.archive,
          parameterName: this.archiveParameterName,
        });
      }
      this.alerts.notifyOnForwardingFailures(forwarded);
    }
  }
}

/** The props of the composite's FindingAlerts: the alert fields, under the names FindingAlerts gives them. */
function alertsPropsOf(props: GuardDutyThreatDetectionProps): FindingAlertsProps {
  return {
    routes: props.routes,
    emailAddresses: props.notificationEmails,
    minimumSeverity: props.minimumSeverity,
    language: props.messageLanguage,
    retryAttempts: props.retryAttempts,
    maxEventAge: props.maxEventAge,
  };
}

/**
 * AI Protection's finding types may be of Low severity (a third-party report; GuardDuty's documentation does not
 * give their default severity), below the default route's High. With the plan on and no route delivering Low
 * findings, its findings would be archived and never alerted on: say so at synth, without failing.
 */
function warnIfLowFindingsUnrouted(
  scope: Construct,
  plans: ProtectionPlans | undefined,
  routes: AlertRoute[],
): void {
  if (plans?.aiProtection !== true) return;
  if (routes.some((route) => routeSeverity(route).minimum < FindingSeverity.MEDIUM.value)) return;
  Annotations.of(scope).addWarningV2(
    'cdk-guardduty-threat-detection:lowFindingsUnrouted',
    'protectionPlans.aiProtection is on, but no route delivers Low findings (every route starts at Medium or ' +
      'above), and AI Protection findings such as Impact:IAMUser/PromptInjection.Direct may be of Low severity. ' +
      'Add a route with a severity from Low (for example for findingTypes "Impact:IAMUser/*"), or accept that they ' +
      'are only kept in the archive and the console.',
  );
}
