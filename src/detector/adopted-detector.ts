import { ArnFormat, Resource, Stack, Token } from 'aws-cdk-lib';
import type { CfnDetector } from 'aws-cdk-lib/aws-guardduty';
import * as iam from 'aws-cdk-lib/aws-iam';
import * as cr from 'aws-cdk-lib/custom-resources';
import { Construct } from 'constructs';
import { customResourceOptions, grantCalls } from '../private/custom-resource-handler';
import { acknowledgeRules } from '../private/nag';
import { show, ValidationError } from '../private/validation-error';
import { FindingPublishingFrequency, IGuardDutyDetector } from './guardduty-detector';
import { ProtectionPlans, renderDetectorFeatures } from './protection-plans';

/** Properties of an {@link AdoptedDetector}. */
export interface AdoptedDetectorProps {
  /**
   * The protection plans of a detector created because none existed. A detector that already exists keeps its own
   * plans: they are never changed, neither on create nor on update.
   *
   * @default - as GuardDutyDetector: S3, EKS audit logs, EBS malware, RDS and Lambda protection on; Runtime
   * Monitoring and the legacy EKS Runtime Monitoring off
   */
  readonly protectionPlans?: ProtectionPlans;

  /**
   * How often updates of existing findings are published, for a detector created because none existed.
   *
   * @default FindingPublishingFrequency.FIFTEEN_MINUTES (only when the detector is created)
   */
  readonly findingPublishingFrequency?: FindingPublishingFrequency;
}

/** The error GuardDuty's CreateDetector returns when the account already has a detector in the Region. */
const DETECTOR_EXISTS_ERROR = '^BadRequestException$';

/** The physical ID of both custom resources: fixed, so that an update never replaces (or deletes) anything. */
const PHYSICAL_ID = 'guardduty-detector';

/** CreateDetector's `Features` parameter: the CloudFormation feature list in the API's PascalCase shape. */
function toApiFeatures(features: CfnDetector.CFNFeatureConfigurationProperty[]): unknown[] {
  return features.map((feature) => {
    const additional = feature.additionalConfiguration as
      CfnDetector.CFNFeatureAdditionalConfigurationProperty[] | undefined;
    return {
      Name: feature.name,
      Status: feature.status,
      ...(additional
        ? { AdditionalConfiguration: additional.map((c) => ({ Name: c.name, Status: c.status })) }
        : {}),
    };
  });
}

/**
 * A resource as cdk-nag writes it in a finding ID such as `AwsSolutions-IAM5[Resource::...]`: the resolved value with
 * `Fn::Join` joined and each `Ref` written `<Name>`. The partition and account of an ARN are literals or references
 * depending on the stack's environment and feature flags, so the ID is computed rather than written out.
 */
function nagName(scope: Construct, value: string): string {
  const flatten = (node: unknown): string => {
    if (typeof node === 'string') return node;
    const fn = node as Record<string, unknown> | undefined;
    const join = fn?.['Fn::Join'];
    if (Array.isArray(join)) return (join[1] as unknown[]).map(flatten).join(join[0] as string);
    if (fn && 'Ref' in fn) return `<${flatten(fn.Ref)}>`;
    return JSON.stringify(node);
  };
  return flatten(Stack.of(scope).resolve(value));
}

function validateFrequency(frequency: FindingPublishingFrequency): void {
  const allowed: string[] = Object.values(FindingPublishingFrequency);
  if (!Token.isUnresolved(frequency) && !allowed.includes(frequency)) {
    throw new ValidationError(
      `findingPublishingFrequency ${show(frequency)} is not one GuardDuty accepts. Use one of ` +
        `${allowed.join(', ')} (FindingPublishingFrequency).`,
    );
  }
}

/**
 * Uses the GuardDuty detector of the stack's account and Region, whether or not GuardDuty is already on there: at
 * deploy time a custom resource calls CreateDetector, which creates a detector only if none exists (GuardDuty's
 * "a detector already exists" error is ignored), and a second one reads the detector's ID with ListDetectors.
 *
 * Meant for member and delegated-administrator accounts of an AWS Organization, where GuardDuty may create the
 * detector itself. Nothing is decided at synth time. The detector is never deleted, disabled or changed: not on
 * update (an existing detector keeps its plans and frequency), and not when the stack is deleted.
 *
 * The custom resources run on aws-cdk-lib's `AwsCustomResource` handler with the SDK bundled in the Lambda runtime
 * (nothing is downloaded at deploy time); the handler role gets only the permissions below, as a customer managed
 * policy.
 */
export class AdoptedDetector extends Resource implements IGuardDutyDetector {
  /** The detector ID, read at deploy time. */
  public readonly detectorId: string;
  /** The detector ARN, `arn:<partition>:guardduty:<region>:<account>:detector/<id>`. */
  public readonly detectorArn: string;
  /** The custom resource that creates a detector if none exists. */
  public readonly ensureDetector: cr.AwsCustomResource;
  /** The custom resource that reads the detector ID; it runs after `ensureDetector`. */
  public readonly findDetector: cr.AwsCustomResource;
  /** The customer managed policy that holds the permissions of the custom-resource handler. */
  public readonly handlerPolicy: iam.ManagedPolicy;

  constructor(scope: Construct, id: string, props: AdoptedDetectorProps = {}) {
    super(scope, id);
    const frequency = props.findingPublishingFrequency ?? FindingPublishingFrequency.FIFTEEN_MINUTES;
    validateFrequency(frequency);
    const features = toApiFeatures(renderDetectorFeatures(props.protectionPlans));

    const stack = Stack.of(this);
    const serviceLinkedRoles = stack.formatArn({
      service: 'iam',
      region: '',
      resource: 'role',
      resourceName: 'aws-service-role/*guardduty.amazonaws.com/*',
    });
    const create: cr.AwsSdkCall = {
      service: 'GuardDuty',
      action: 'createDetector',
      parameters: { Enable: true, FindingPublishingFrequency: frequency, Features: features },
      ignoreErrorCodesMatching: DETECTOR_EXISTS_ERROR,
      physicalResourceId: cr.PhysicalResourceId.of(PHYSICAL_ID),
    };
    const list: cr.AwsSdkCall = {
      service: 'GuardDuty',
      action: 'listDetectors',
      parameters: {},
      outputPaths: ['DetectorIds.0'],
      physicalResourceId: cr.PhysicalResourceId.of(PHYSICAL_ID),
    };
    // No onDelete: the detector is kept when the stack or this construct is deleted.
    this.ensureDetector = new cr.AwsCustomResource(this, 'EnsureDetector', {
      ...customResourceOptions(this),
      onCreate: create,
      onUpdate: create,
    });
    this.findDetector = new cr.AwsCustomResource(this, 'FindDetector', {
      ...customResourceOptions(this),
      onCreate: list,
      onUpdate: list,
    });
    this.findDetector.node.addDependency(this.ensureDetector);
    this.handlerPolicy = grantCalls(
      this,
      'Lets the GuardDuty AdoptedDetector custom resources create and list the GuardDuty detector',
      [
        new iam.PolicyStatement({
          sid: 'CreateAndListDetector',
          actions: ['guardduty:CreateDetector', 'guardduty:ListDetectors'],
          // Neither action supports resource-level permissions.
          resources: ['*'],
        }),
        new iam.PolicyStatement({
          sid: 'CreateGuardDutyServiceLinkedRoles',
          actions: ['iam:CreateServiceLinkedRole'],
          resources: [serviceLinkedRoles],
          conditions: {
            StringEquals: {
              'iam:AWSServiceName': ['guardduty.amazonaws.com', 'malware-protection.guardduty.amazonaws.com'],
            },
          },
        }),
      ],
      [this.ensureDetector, this.findDetector],
    );
    acknowledgeRules(this.handlerPolicy.node.defaultChild, {
      'AwsSolutions::AwsSolutions-IAM5[Resource::*]':
        'guardduty:CreateDetector and guardduty:ListDetectors support no resource-level permissions (the Service ' +
        'Authorization Reference lists no resource type for them), so their Resource must be "*".',
      [`AwsSolutions::AwsSolutions-IAM5[Resource::${nagName(this, serviceLinkedRoles)}]`]:
        'iam:CreateServiceLinkedRole is limited to the GuardDuty service-linked-role paths of this account and, by ' +
        'the iam:AWSServiceName condition, to the GuardDuty and GuardDuty Malware Protection roles GuardDuty needs ' +
        'when a detector is created; the AWS managed AmazonGuardDutyFullAccess_v2 grants the same on every resource.',
    });

    this.detectorId = this.findDetector.getResponseField('DetectorIds.0');
    this.detectorArn = stack.formatArn({
      service: 'guardduty',
      resource: 'detector',
      resourceName: this.detectorId,
      arnFormat: ArnFormat.SLASH_RESOURCE_NAME,
    });
  }
}
