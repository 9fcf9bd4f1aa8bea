import {
  ArnFormat,
  Aws,
  CustomResource,
  ITaggable,
  Lazy,
  Resource,
  Stack,
  TagManager,
  TagType,
  Token,
} from 'aws-cdk-lib';
import * as iam from 'aws-cdk-lib/aws-iam';
import { Construct } from 'constructs';
import { providerResource } from '../private/guardduty-provider';
import { acknowledgeRules } from '../private/nag';
import { show, throwIfProblems } from '../private/validation-error';
import { FindingPublishingFrequency, GuardDutyDetector, IGuardDutyDetector } from './guardduty-detector';
import { ProtectionPlans, protectionPlansProblems, renderApiDetectorFeatures } from './protection-plans';

/** Properties of an {@link AdoptedDetector}. */
export interface AdoptedDetectorProps {
  /**
   * The protection plans of a detector created because none existed, and of an existing detector when
   * `manageSettings` is on. Otherwise a detector that already exists keeps its own plans.
   *
   * @default - the `@default` of each `ProtectionPlans` field
   */
  readonly protectionPlans?: ProtectionPlans;

  /**
   * How often updates of existing findings are published, for a detector created because none existed, and for an
   * existing detector when `manageSettings` is on.
   *
   * @default GuardDutyDetector.DEFAULT_FINDING_PUBLISHING_FREQUENCY - FIFTEEN_MINUTES
   */
  readonly findingPublishingFrequency?: FindingPublishingFrequency;

  /**
   * Apply `protectionPlans` and `findingPublishingFrequency` to a detector that already exists too (UpdateDetector,
   * on every deployment that changes them). Features that an AWS Organizations GuardDuty policy manages are
   * read-only through the API: they are left as they are and listed in the resource's `SkippedFeatures` attribute.
   *
   * Off, an existing detector keeps its plans and frequency; only a detector created because none existed gets them.
   *
   * @default false
   */
  readonly manageSettings?: boolean;

  /**
   * Re-enable an existing detector that is suspended (UpdateDetector with Enable). Off, a suspended detector fails
   * the deployment with a message naming the detector, the account, the Region and both ways out, because
   * re-enabling GuardDuty starts its charges again.
   *
   * @default false
   */
  readonly enableIfSuspended?: boolean;
}

/**
 * Every detector of the stack's account and Region: the ID is known only at deploy time. Written with the pseudo
 * parameters, which are `{ Ref: AWS::... }` whatever the stack's environment and feature flags, so that cdk-nag's
 * finding ID for it is the constant {@link ANY_DETECTOR_NAG_ID}.
 */
const ANY_DETECTOR_ARN = `arn:${Aws.PARTITION}:guardduty:${Aws.REGION}:${Aws.ACCOUNT_ID}:detector/*`;

/** cdk-nag's finding ID for the wildcard of {@link ANY_DETECTOR_ARN}: each `Ref` written `<Name>`. */
const ANY_DETECTOR_NAG_ID =
  'AwsSolutions::AwsSolutions-IAM5[Resource::arn:<AWS::Partition>:guardduty:<AWS::Region>:<AWS::AccountId>:detector/*]';

/** The problem of a publishing frequency GuardDuty does not accept (a value cast from a string). */
function frequencyProblems(frequency: FindingPublishingFrequency): string[] {
  const allowed: string[] = Object.values(FindingPublishingFrequency);
  if (Token.isUnresolved(frequency) || allowed.includes(frequency)) return [];
  return [
    `findingPublishingFrequency ${show(frequency)} is not one GuardDuty accepts. Use one of ` +
      `${allowed.join(', ')} (FindingPublishingFrequency).`,
  ];
}

/**
 * Uses the GuardDuty detector of the stack's account and Region, whether or not GuardDuty is already on there: at
 * deploy time one custom resource (`Custom::GuardDutyDetector`) lists the detectors and creates one only if there is
 * none, with the configured plans, frequency and tags.
 *
 * Meant for member and delegated-administrator accounts of an AWS Organization, where GuardDuty may create the
 * detector itself. Nothing is decided at synth time. An existing detector is adopted:
 *
 * - its plans and frequency are kept, unless `manageSettings` is on (then UpdateDetector applies them, except the
 *   features an AWS Organizations GuardDuty policy manages, which are skipped and reported in `SkippedFeatures`);
 * - if it is suspended, the deployment fails with a clear message, unless `enableIfSuspended` is on;
 * - it gets the tags of the stack and of this construct (TagResource), because Security Hub control GuardDuty.4
 *   flags untagged detectors. Tags are added, never removed.
 *
 * The detector is never deleted or disabled: not on update, and not when the stack is deleted. Every other error of
 * GuardDuty fails the deployment with GuardDuty's own message.
 *
 * The custom resource runs on the stack's provider function (the repository's own code, with the AWS SDK of the
 * Lambda runtime); its role gets only the permissions below, as a customer managed policy.
 */
export class AdoptedDetector extends Resource implements IGuardDutyDetector, ITaggable {
  /** The detector ID, read or created at deploy time. */
  public readonly detectorId: string;
  /** The detector ARN, `arn:<partition>:guardduty:<region>:<account>:detector/<id>`. */
  public readonly detectorArn: string;
  /**
   * The custom resource that finds or creates the detector (`Custom::GuardDutyDetector`). Its attributes:
   * `DetectorId`; `Created`, `"true"` or `"false"`; `SkippedFeatures`, the features and additional configurations a
   * GuardDuty policy manages, which `manageSettings` left as they are (empty if none).
   */
  public readonly resource: CustomResource;
  /** The customer managed policy with the permissions of the custom resource's calls. */
  public readonly handlerPolicy: iam.ManagedPolicy;
  /** Tags for the detector, added to the stack's own tags (`Tags.of(this).add(...)`). */
  public readonly tags: TagManager;

  constructor(scope: Construct, id: string, props: AdoptedDetectorProps = {}) {
    super(scope, id);
    const frequency =
      props.findingPublishingFrequency ?? GuardDutyDetector.DEFAULT_FINDING_PUBLISHING_FREQUENCY;
    throwIfProblems(this, [
      ...frequencyProblems(frequency),
      ...protectionPlansProblems(props.protectionPlans),
    ]);
    const features = renderApiDetectorFeatures(props.protectionPlans);
    const manageSettings = props.manageSettings ?? false;
    const enableIfSuspended = props.enableIfSuspended ?? false;
    this.tags = new TagManager(TagType.MAP, 'Custom::GuardDutyDetector');

    const stack = Stack.of(this);
    this.handlerPolicy = new iam.ManagedPolicy(this, 'HandlerPolicy', {
      description:
        'Lets the GuardDuty AdoptedDetector custom resource find, create and tag the GuardDuty detector',
      statements: adoptStatements(this, manageSettings || enableIfSuspended),
    });
    acknowledgeRules(this.handlerPolicy.node.defaultChild, {
      'AwsSolutions::AwsSolutions-IAM5[Resource::*]':
        'guardduty:CreateDetector and guardduty:ListDetectors support no resource-level permissions (the Service ' +
        'Authorization Reference lists no resource type for them), so their Resource must be "*".',
      [ANY_DETECTOR_NAG_ID]:
        "The detector's ID is known only at deploy time (ListDetectors or CreateDetector returns it), and an " +
        'account has at most one detector per Region, so detector/* in this account and Region names exactly that ' +
        'detector.',
    });

    this.resource = providerResource(this, 'Resource', {
      resourceType: 'Custom::GuardDutyDetector',
      action: 'AdoptDetector',
      request: {
        FindingPublishingFrequency: frequency,
        Features: features,
        // Resolved at synth, after the aspects of Tags.of(...) have run.
        Tags: Lazy.any({ produce: () => this.tagValues() }) as unknown as Record<string, string>,
        ManageSettings: manageSettings,
        EnableIfSuspended: enableIfSuspended,
      },
      policy: this.handlerPolicy,
    });

    this.detectorId = this.resource.getAttString('DetectorId');
    this.detectorArn = stack.formatArn({
      service: 'guardduty',
      resource: 'detector',
      resourceName: this.detectorId,
      arnFormat: ArnFormat.SLASH_RESOURCE_NAME,
    });
  }

  /** The stack's tags (those given to the Stack and those of `Tags.of(stack)`) and this construct's own. */
  private tagValues(): Record<string, string> {
    return { ...Stack.of(this).tags.tagValues(), ...this.tags.tagValues() };
  }
}

/**
 * The service-linked roles GuardDuty needs when a detector is created or a plan is turned on, in the stack's
 * account: GuardDuty's own and Malware Protection's, by their exact paths and names
 * (https://docs.aws.amazon.com/guardduty/latest/ug/slr-permissions.html,
 * https://docs.aws.amazon.com/guardduty/latest/ug/slr-permissions-malware-protection.html; the ARNs as in
 * https://docs.aws.amazon.com/securityhub/latest/userguide/asff-resourcedetails-awsguardduty.html).
 */
function serviceLinkedRoles(scope: Construct): string[] {
  return [
    'guardduty.amazonaws.com/AWSServiceRoleForAmazonGuardDuty',
    'malware-protection.guardduty.amazonaws.com/AWSServiceRoleForAmazonGuardDutyMalwareProtection',
  ].map((role) =>
    Stack.of(scope).formatArn({
      service: 'iam',
      region: '',
      resource: 'role',
      resourceName: `aws-service-role/${role}`,
    }),
  );
}

/**
 * Exactly the permissions of the calls the custom resource can make. Resource types per action, from the Service
 * Authorization Reference (https://docs.aws.amazon.com/service-authorization/latest/reference/list_amazonguardduty.html):
 * CreateDetector and ListDetectors have none; GetDetector, UpdateDetector and TagResource take the detector. The
 * CreateDetector operation also authorizes guardduty:TagResource for the tags it sets, on the new detector.
 *
 * @param mayUpdate whether UpdateDetector can be called (`manageSettings` or `enableIfSuspended`)
 */
function adoptStatements(scope: Construct, mayUpdate: boolean): iam.PolicyStatement[] {
  return [
    new iam.PolicyStatement({
      sid: 'FindOrCreateDetector',
      actions: ['guardduty:ListDetectors', 'guardduty:CreateDetector'],
      resources: ['*'],
    }),
    new iam.PolicyStatement({
      sid: mayUpdate ? 'ReadUpdateAndTagDetector' : 'ReadAndTagDetector',
      actions: [
        'guardduty:GetDetector',
        'guardduty:TagResource',
        ...(mayUpdate ? ['guardduty:UpdateDetector'] : []),
      ],
      resources: [ANY_DETECTOR_ARN],
    }),
    new iam.PolicyStatement({
      sid: 'CreateGuardDutyServiceLinkedRoles',
      actions: ['iam:CreateServiceLinkedRole'],
      resources: serviceLinkedRoles(scope),
      conditions: {
        StringEquals: {
          'iam:AWSServiceName': ['guardduty.amazonaws.com', 'malware-protection.guardduty.amazonaws.com'],
        },
      },
    }),
  ];
}
