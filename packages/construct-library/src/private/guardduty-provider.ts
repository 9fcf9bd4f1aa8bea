import * as path from 'node:path';
import { CustomResource, Duration, Stack } from 'aws-cdk-lib';
import * as iam from 'aws-cdk-lib/aws-iam';
import * as lambda from 'aws-cdk-lib/aws-lambda';
import * as logs from 'aws-cdk-lib/aws-logs';
import { Construct, IConstruct } from 'constructs';
import { acknowledgeRules } from './nag';
import type { Loose, ProviderAction, ProviderRequests } from './provider/contract';

/** The construct ID, at the stack root, of the one provider of a stack. */
export const PROVIDER_ID = 'GuardDutyProvider';

/**
 * The Lambda timeout. The handler answers CloudFormation 15 s before it, whatever happens; the SDK's retries of one
 * throttled call wait at most about 71 s (see handler/clients.js), and the longest action makes four calls.
 */
export const PROVIDER_TIMEOUT = Duration.minutes(5);

/**
 * How long CloudFormation waits for an answer (`ServiceTimeout`) instead of its default hour: the function's timeout
 * and a minute, for the case where the function never runs (for instance, Lambda throttles the invocation).
 */
export const SERVICE_TIMEOUT = PROVIDER_TIMEOUT.plus(Duration.minutes(1));

/** The folder of the handler code: next to this file, in src/ (run through tsx) as in dist/ (compiled by tsc). */
const HANDLER_DIR = path.join(__dirname, 'provider', 'handler');

/**
 * The one Lambda function that runs every `Custom::GuardDuty...` resource of a stack, with its role and log group.
 *
 * The handler is the repository's own code (handler/), run on the newest Node.js runtime aws-cdk-lib offers with the
 * AWS SDK v3 of the runtime: nothing is bundled or downloaded at deploy time. The role has customer managed policies
 * only: its own log group here, and one policy per construct with exactly that construct's calls.
 */
export class GuardDutyProvider extends Construct {
  /** The provider of the stack of `scope`, created at the stack root on first use. */
  public static of(scope: IConstruct): GuardDutyProvider {
    const stack = Stack.of(scope);
    const existing = stack.node.tryFindChild(PROVIDER_ID);
    if (existing) {
      if (!(existing instanceof GuardDutyProvider)) {
        throw new Error(
          `${existing.node.path} is not a GuardDutyProvider; the ID ${PROVIDER_ID} is reserved`,
        );
      }
      return existing;
    }
    return new GuardDutyProvider(stack, PROVIDER_ID);
  }

  public readonly role: iam.Role;
  public readonly logGroup: logs.LogGroup;
  public readonly loggingPolicy: iam.ManagedPolicy;
  public readonly function: lambda.Function;

  private constructor(scope: Construct, id: string) {
    super(scope, id);
    this.logGroup = new logs.LogGroup(this, 'Logs', { retention: logs.RetentionDays.ONE_YEAR });
    acknowledgeRules(this.logGroup.node.defaultChild, {
      'NIST.800.53.R5::NIST.800.53.R5-CloudWatchLogGroupEncrypted':
        'The log holds only the custom-resource diagnostics of the provider function: the events without their ' +
        'presigned response URL (the same properties as in the template), each AWS call with its input, and ' +
        'results such as account IDs, detector IDs and ARNs; no secrets or finding data. CloudWatch Logs encrypts ' +
        'it at rest with service-owned keys.',
    });
    this.role = new iam.Role(this, 'Role', {
      description: 'Runs the custom resources of cdk-guardduty-threat-detection (its provider function)',
      assumedBy: new iam.ServicePrincipal('lambda.amazonaws.com'),
    });
    this.loggingPolicy = new iam.ManagedPolicy(this, 'LogsPolicy', {
      description: 'Lets the GuardDuty provider function write its own log group',
      roles: [this.role],
      statements: [
        new iam.PolicyStatement({
          actions: ['logs:CreateLogStream', 'logs:PutLogEvents'],
          resources: [this.logGroup.logGroupArn],
        }),
      ],
    });
    this.function = new lambda.Function(this, 'Function', {
      description: 'Provider of the Custom::GuardDuty resources of cdk-guardduty-threat-detection',
      // The newest Node.js runtime of aws-cdk-lib 2.276; its AWS SDK v3 provides the GuardDuty and SSM clients.
      runtime: lambda.Runtime.NODEJS_24_X,
      // x86_64 (the default), not arm64: the function runs seconds per deployment, and x86_64 exists in every
      // Region a stack may deploy to, opt-in Regions included.
      handler: 'index.handler',
      // tsc emits a declaration file next to each compiled handler file; the function needs none of them.
      code: lambda.Code.fromAsset(HANDLER_DIR, { exclude: ['*.d.ts'] }),
      role: this.role,
      logGroup: this.logGroup,
      timeout: PROVIDER_TIMEOUT,
      memorySize: 256,
    });
    this.function.node.addDependency(this.loggingPolicy);
    acknowledgeRules(this.function.node.defaultChild, {
      'NIST.800.53.R5::NIST.800.53.R5-LambdaInsideVPC':
        'CloudFormation custom-resource provider: it makes signed calls to AWS APIs (GuardDuty, SSM) and PUTs its ' +
        "answer to CloudFormation's presigned S3 URL, and handles no workload data; it needs no VPC.",
      'NIST.800.53.R5::NIST.800.53.R5-LambdaDLQ':
        'CloudFormation custom-resource provider: it answers CloudFormation itself, SUCCESS or FAILED, including on ' +
        'errors and 15 s before its timeout; if it cannot answer at all (the invocation throttled, the function ' +
        'crashed), CloudFormation fails the resource after its ServiceTimeout of 6 minutes. Either way the ' +
        'deployment fails, so an event in a dead-letter queue would be a request CloudFormation no longer waits ' +
        'for: replaying it would change nothing.',
      'NIST.800.53.R5::NIST.800.53.R5-LambdaConcurrency':
        'CloudFormation custom-resource provider invoked only by CloudFormation, a few times per deployment; ' +
        'reserved concurrency would take capacity from the account for no benefit.',
    });
  }

  /** Attaches a construct's call permissions to the provider role. */
  public grant(policy: iam.ManagedPolicy): void {
    policy.attachToRole(this.role);
  }
}

/** What {@link providerResource} makes. */
export interface ProviderResourceProps<A extends ProviderAction> {
  /** The CloudFormation type, `Custom::GuardDuty...`. */
  readonly resourceType: `Custom::GuardDuty${string}`;
  /** The action of the provider function. */
  readonly action: A;
  /**
   * The Region the calls go to.
   *
   * @default - the stack's Region
   */
  readonly region?: string;
  /** The request of the action; tokens (a detector ID, lazy tags) resolve at synth. */
  readonly request: Loose<ProviderRequests[A]>;
  /** The customer managed policy with exactly the permissions of the action's calls. */
  readonly policy: iam.ManagedPolicy;
}

/**
 * A custom resource run by the stack's {@link GuardDutyProvider}, after `props.policy` is attached to its role.
 *
 * The request is one JSON string, made with `Stack.toJsonString`, so that booleans and numbers keep their types
 * (CloudFormation passes every property value as a string) and tokens resolve.
 */
export function providerResource<A extends ProviderAction>(
  scope: Construct,
  id: string,
  props: ProviderResourceProps<A>,
): CustomResource {
  const provider = GuardDutyProvider.of(scope);
  provider.grant(props.policy);
  const resource = new CustomResource(scope, id, {
    serviceToken: provider.function.functionArn,
    serviceTimeout: SERVICE_TIMEOUT,
    resourceType: props.resourceType,
    properties: {
      Action: props.action,
      ...(props.region === undefined ? {} : { Region: props.region }),
      Request: Stack.of(scope).toJsonString(props.request),
    },
  });
  resource.node.addDependency(props.policy);
  return resource;
}
