import { Duration, Stack } from 'aws-cdk-lib';
import * as iam from 'aws-cdk-lib/aws-iam';
import type * as lambda from 'aws-cdk-lib/aws-lambda';
import * as logs from 'aws-cdk-lib/aws-logs';
import * as cr from 'aws-cdk-lib/custom-resources';
import { Construct, IConstruct } from 'constructs';
import { acknowledgeRules } from './nag';

/**
 * The construct ID aws-cdk-lib gives the singleton Lambda function behind every `AwsCustomResource` of a stack:
 * `AWS` followed by `AwsCustomResource.PROVIDER_FUNCTION_UUID` without dashes, at the stack root.
 */
export const SDK_CALL_FUNCTION_ID = `AWS${cr.AwsCustomResource.PROVIDER_FUNCTION_UUID.replace(/-/g, '')}`;

/** The construct ID, at the stack root, of the role and log group this module gives that function. */
export const HANDLER_ID = 'GuardDutyCustomResourceHandler';

/**
 * The execution role and log group of the singleton function, created once per stack before the function exists,
 * so that the function gets them instead of aws-cdk-lib's defaults (the AWS managed `AWSLambdaBasicExecutionRole`,
 * inline policies per call, a log group kept forever). The role has no inline policy: each construct attaches a
 * customer managed policy with exactly the permissions of its own calls.
 */
class CustomResourceHandler extends Construct {
  public readonly role: iam.Role;
  public readonly logGroup: logs.LogGroup;
  public readonly loggingPolicy: iam.ManagedPolicy;

  constructor(scope: Construct, id: string) {
    super(scope, id);
    this.logGroup = new logs.LogGroup(this, 'Logs', { retention: logs.RetentionDays.ONE_YEAR });
    acknowledgeRules(this.logGroup.node.defaultChild, {
      'NIST.800.53.R5::NIST.800.53.R5-CloudWatchLogGroupEncrypted':
        'The log holds only custom-resource diagnostics (the AWS API requests, which are also in the template, and ' +
        'their results such as account IDs, detector IDs and ARNs), no secrets or finding data; CloudWatch Logs ' +
        'encrypts it at rest with service-owned keys.',
    });
    this.role = new iam.Role(this, 'Role', {
      description: 'Runs the custom resources of cdk-guardduty-threat-detection (AwsCustomResource)',
      assumedBy: new iam.ServicePrincipal('lambda.amazonaws.com'),
    });
    this.loggingPolicy = new iam.ManagedPolicy(this, 'LogsPolicy', {
      description: 'Lets the custom-resource function write its own log group',
      roles: [this.role],
      statements: [
        new iam.PolicyStatement({
          actions: ['logs:CreateLogStream', 'logs:PutLogEvents'],
          resources: [this.logGroup.logGroupArn],
        }),
      ],
    });
  }
}

/**
 * The role the stack's singleton function runs with: ours, created on first use; or, if another construct made the
 * function first, that function's role (aws-cdk-lib ignores a role given to later custom resources).
 */
function handlerOf(scope: IConstruct): { role: iam.IRole; handler?: CustomResourceHandler } {
  const stack = Stack.of(scope);
  const handler = stack.node.tryFindChild(HANDLER_ID) as CustomResourceHandler | undefined;
  if (handler) return { role: handler.role, handler };
  const existing = stack.node.tryFindChild(SDK_CALL_FUNCTION_ID) as lambda.Function | undefined;
  if (existing) {
    if (!existing.role)
      throw new Error(`The AwsCustomResource function ${existing.node.path} has no execution role`);
    return { role: existing.role };
  }
  const created = new CustomResourceHandler(stack, HANDLER_ID);
  return { role: created.role, handler: created };
}

/** The options every `AwsCustomResource` of this library is created with. */
export function customResourceOptions(
  scope: IConstruct,
): Pick<cr.AwsCustomResourceProps, 'role' | 'logGroup' | 'timeout' | 'installLatestAwsSdk'> {
  const { role, handler } = handlerOf(scope);
  return {
    role,
    logGroup: handler?.logGroup,
    timeout: Duration.minutes(2),
    // The SDK of the Lambda runtime is used: nothing is downloaded at deploy time.
    installLatestAwsSdk: false,
  };
}

const acknowledged = new WeakSet<IConstruct>();

/**
 * Attaches a construct's call permissions (a customer managed policy) to the handler role; the custom resources
 * wait for it, so the role has them before the first call. Acknowledges, once per stack, what the singleton
 * function draws from cdk-nag and cannot change through properties.
 */
export function attachToHandler(policy: iam.ManagedPolicy, dependents: cr.AwsCustomResource[]): void {
  const stack = Stack.of(policy);
  const { role, handler } = handlerOf(policy);
  policy.attachToRole(role);
  for (const dependent of dependents) dependent.node.addDependency(policy);
  const fn = stack.node.tryFindChild(SDK_CALL_FUNCTION_ID);
  if (!fn || !handler || acknowledged.has(fn)) return;
  acknowledged.add(fn);
  fn.node.addDependency(handler.loggingPolicy);
  acknowledgeRules(fn.node.defaultChild, {
    'NIST.800.53.R5::NIST.800.53.R5-LambdaInsideVPC':
      'CloudFormation custom-resource handler: it makes signed calls to AWS APIs (GuardDuty, Organizations, SSM) ' +
      'and the CloudFormation response URL, and handles no workload data; it needs no VPC.',
    'NIST.800.53.R5::NIST.800.53.R5-LambdaDLQ':
      'CloudFormation custom-resource handler: every outcome is reported to CloudFormation, which fails and rolls ' +
      'back the deployment on error; a dead-letter queue would hold events nobody can replay.',
    'NIST.800.53.R5::NIST.800.53.R5-LambdaConcurrency':
      'CloudFormation custom-resource handler invoked only by CloudFormation, a few times per deployment; reserved ' +
      'concurrency would take capacity from the account for no benefit.',
  });
}

/** A customer managed policy with exactly `statements`, attached to the handler role for `dependents`. */
export function grantCalls(
  scope: Construct,
  description: string,
  statements: iam.PolicyStatement[],
  dependents: cr.AwsCustomResource[],
): iam.ManagedPolicy {
  const policy = new iam.ManagedPolicy(scope, 'HandlerPolicy', { description, statements });
  attachToHandler(policy, dependents);
  return policy;
}

/** What {@link sdkCallResource} makes. */
export interface SdkCallResourceProps {
  /** The SDK call made when the resource is created and when it is updated. */
  readonly onCreateAndUpdate: cr.AwsSdkCall;
  /**
   * The SDK call made when the resource is deleted.
   *
   * @default - nothing is called; deleting the resource leaves the setting as it is
   */
  readonly onDelete?: cr.AwsSdkCall;
  /** The customer managed policy with exactly the permissions of the calls. */
  readonly policy: iam.ManagedPolicy;
}

/** An `AwsCustomResource` that runs with the handler role and `props.policy`, and passes the project's checks. */
export function sdkCallResource(
  scope: Construct,
  id: string,
  props: SdkCallResourceProps,
): cr.AwsCustomResource {
  const resource = new cr.AwsCustomResource(scope, id, {
    ...customResourceOptions(scope),
    onCreate: props.onCreateAndUpdate,
    onUpdate: props.onCreateAndUpdate,
    onDelete: props.onDelete,
  });
  attachToHandler(props.policy, [resource]);
  return resource;
}
