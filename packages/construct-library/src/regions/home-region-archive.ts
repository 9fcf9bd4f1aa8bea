import { ArnFormat, CustomResource, Stack, Token } from 'aws-cdk-lib';
import * as iam from 'aws-cdk-lib/aws-iam';
import * as ssm from 'aws-cdk-lib/aws-ssm';
import { Construct, IDependable } from 'constructs';
import type { FindingsArchive, IFindingsArchive } from '../archive/findings-archive';
import type { IGuardDutyDetector } from '../detector/guardduty-detector';
import { providerResource } from '../private/guardduty-provider';
import { show, ValidationError } from '../private/validation-error';
import { isKnownRegion } from './region-facts';

/** The SSM parameter, in the home Region, that tells other Regions where the findings archive is. */
export function archiveParameterName(homeStackName: string): string {
  return `/cdk-guardduty-threat-detection/${homeStackName}/findings-archive`;
}

/** Properties of a {@link FindingsArchiveParameter}. */
export interface FindingsArchiveParameterProps {
  /** The archive whose bucket and key ARNs are published. */
  readonly archive: FindingsArchive;

  /** The name of the SSM parameter, which the other Regions' stacks read (`archiveParameterName`). */
  readonly parameterName: string;
}

/**
 * Publishes the findings archive's bucket and key ARNs in an SSM parameter of the home Region (`BUCKET_ARN|KEY_ARN`),
 * for the {@link HomeRegionArchive} of the other Regions' stacks to read at deploy time.
 */
export class FindingsArchiveParameter extends Construct {
  /** The parameter. */
  public readonly parameter: ssm.StringParameter;

  constructor(scope: Construct, id: string, props: FindingsArchiveParameterProps) {
    super(scope, id);
    this.parameter = new ssm.StringParameter(this, 'Parameter', {
      description:
        'Bucket and KMS key ARNs of the GuardDuty findings archive, read by the stacks of the other Regions',
      parameterName: props.parameterName,
      stringValue: `${props.archive.bucketArn}|${props.archive.encryptionKeyArn}`,
    });
  }
}

/** Properties of a {@link HomeRegionArchive}. */
export interface HomeRegionArchiveProps {
  /** The home Region, where the findings archive is. */
  readonly homeRegion: string;

  /** The name of the SSM parameter a {@link FindingsArchiveParameter} wrote there. */
  readonly parameterName: string;
}

/**
 * The home Region's findings archive, seen from another Region: a custom resource (`Custom::GuardDutyArchiveLookup`,
 * run by the stack's provider function) reads the bucket and key ARNs from the home Region's SSM parameter at deploy
 * time (CloudFormation cannot reference another Region's stack). A missing parameter or a value that is not
 * `BUCKET_ARN|KEY_ARN` fails the deployment with a clear message.
 *
 * `allowExportFrom` admits nothing by itself: the home archive must admit this Region with
 * `FindingsArchive.allowExportFromRegion`, and the home stack must be deployed first.
 */
export class HomeRegionArchive extends Construct implements IFindingsArchive {
  public readonly bucketArn: string;
  public readonly encryptionKeyArn: string;
  /**
   * The custom resource that reads the parameter (`Custom::GuardDutyArchiveLookup`), with the attributes
   * `BucketArn` and `KeyArn`.
   */
  public readonly lookup: CustomResource;

  constructor(scope: Construct, id: string, props: HomeRegionArchiveProps) {
    super(scope, id);
    if (Token.isUnresolved(props.homeRegion) || !isKnownRegion(props.homeRegion)) {
      throw new ValidationError(
        `homeRegion ${show(props.homeRegion)} is not a Region name such as ap-northeast-1.`,
        this,
      );
    }
    const stack = Stack.of(this);
    const policy = new iam.ManagedPolicy(this, 'HandlerPolicy', {
      description: `Read the GuardDuty findings archive parameter in ${props.homeRegion}`,
      statements: [
        new iam.PolicyStatement({
          actions: ['ssm:GetParameter'],
          resources: [
            stack.formatArn({
              service: 'ssm',
              region: props.homeRegion,
              resource: 'parameter',
              resourceName: props.parameterName.replace(/^\//, ''),
              arnFormat: ArnFormat.SLASH_RESOURCE_NAME,
            }),
          ],
        }),
      ],
    });
    // The parameter value is the physical ID: a new value makes CloudFormation update what depends on it.
    this.lookup = providerResource(this, 'Lookup', {
      resourceType: 'Custom::GuardDutyArchiveLookup',
      action: 'ReadParameter',
      region: props.homeRegion,
      request: { Name: props.parameterName },
      policy,
    });
    this.bucketArn = this.lookup.getAttString('BucketArn');
    this.encryptionKeyArn = this.lookup.getAttString('KeyArn');
  }

  public allowExportFrom(_detector: IGuardDutyDetector): IDependable[] {
    return [this.lookup];
  }
}
