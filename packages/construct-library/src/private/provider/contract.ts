/**
 * The contract between the constructs and the provider function (handler/): the request each custom resource sends,
 * by action, and the types the handler works with. Type-only: nothing here exists at run time.
 *
 * Every request field that is passed on to an AWS call is picked, by name, from the AWS SDK's own input type of that
 * call, so `tsc` rejects a field the API does not have, on both sides: the construct that writes the request
 * (`Loose<...>`, see below) and the handler that reads it (`// @ts-check`, with these types in JSDoc).
 *
 * Internal: the SDK packages are development dependencies, so no public type may refer to this module.
 */
import type {
  CreateDetectorCommandInput,
  DisableOrganizationAdminAccountCommandInput,
  EnableOrganizationAdminAccountCommandInput,
  GuardDutyClient,
  UpdateDetectorCommandInput,
  UpdateOrganizationConfigurationCommandInput,
} from '@aws-sdk/client-guardduty';
import type { GetParameterCommandInput, SSMClient } from '@aws-sdk/client-ssm';

/** The fields `K` of an SDK input type `T`, each required and defined. */
type Given<T, K extends keyof T> = { readonly [P in K]-?: Exclude<T[P], undefined> };

/**
 * `T` with every string union (an SDK enum such as `DetectorFeature`) widened to `string`, and arrays read-only.
 * The constructs write feature names from their own tables, which a contract test checks against the SDK's enums;
 * GuardDuty validates them at deploy time. The field names stay exactly those of `T`.
 */
export type Loose<T> = T extends string
  ? string
  : T extends readonly (infer U)[]
    ? readonly Loose<U>[]
    : T extends object
      ? { readonly [K in keyof T]: Loose<T[K]> }
      : T;

/**
 * `AdoptDetector`: find the detector of the account and Region, or create it (CreateDetector); optionally apply
 * the settings to an existing one (UpdateDetector) and re-enable a suspended one; tag it.
 */
export type AdoptDetectorRequest = Given<
  CreateDetectorCommandInput,
  'FindingPublishingFrequency' | 'Features' | 'Tags'
> &
  Given<UpdateDetectorCommandInput, 'FindingPublishingFrequency' | 'Features'> & {
    /** Apply `FindingPublishingFrequency` and `Features` to a detector that already exists. */
    readonly ManageSettings: boolean;
    /** Re-enable a suspended detector instead of failing. */
    readonly EnableIfSuspended: boolean;
  };

/**
 * `DelegatedAdministrator`: make `AdminAccountId` the GuardDuty delegated administrator in the request's Region
 * (EnableOrganizationAdminAccount) unless it is already; on delete, remove it (DisableOrganizationAdminAccount)
 * only if `DisableOnDelete`.
 */
export type DelegatedAdministratorRequest = Given<
  EnableOrganizationAdminAccountCommandInput,
  'AdminAccountId'
> &
  Given<DisableOrganizationAdminAccountCommandInput, 'AdminAccountId'> & {
    /** Remove the designation when the resource is deleted (`RemovalPolicy.DESTROY`). */
    readonly DisableOnDelete: boolean;
  };

/** `OrganizationConfiguration`: UpdateOrganizationConfiguration with exactly these fields. */
export type OrganizationConfigurationRequest = Given<
  UpdateOrganizationConfigurationCommandInput,
  'DetectorId' | 'AutoEnableOrganizationMembers' | 'Features'
>;

/** `ReadParameter`: SSM GetParameter of `Name` in the request's Region, a value `BUCKET_ARN|KEY_ARN`. */
export type ReadParameterRequest = Given<GetParameterCommandInput, 'Name'>;

/** The request of each action: the `Action` property of a custom resource names one of these keys. */
export interface ProviderRequests {
  readonly AdoptDetector: AdoptDetectorRequest;
  readonly DelegatedAdministrator: DelegatedAdministratorRequest;
  readonly OrganizationConfiguration: OrganizationConfigurationRequest;
  readonly ReadParameter: ReadParameterRequest;
}

/** The name of an action of the provider function. */
export type ProviderAction = keyof ProviderRequests;

/** The properties every custom resource of the provider has (CloudFormation passes them as strings). */
export interface ProviderProperties {
  readonly ServiceToken: string;
  readonly Action: string;
  /** The Region to call; absent: the stack's own Region. */
  readonly Region?: string;
  /** The request, JSON, so that booleans and numbers survive CloudFormation's stringification. */
  readonly Request: string;
}

/**
 * The event CloudFormation sends a Lambda-backed custom resource.
 *
 * @see https://docs.aws.amazon.com/AWSCloudFormation/latest/UserGuide/crpg-ref.html
 */
export interface CloudFormationEvent {
  readonly RequestType: 'Create' | 'Update' | 'Delete';
  readonly ResponseURL: string;
  readonly StackId: string;
  readonly RequestId: string;
  readonly LogicalResourceId: string;
  readonly ResourceType: string;
  readonly ServiceToken?: string;
  /** Absent on Create. */
  readonly PhysicalResourceId?: string;
  readonly ResourceProperties: ProviderProperties;
  readonly OldResourceProperties?: ProviderProperties;
}

/** The part of the Lambda context the handler uses. */
export interface LambdaContext {
  getRemainingTimeInMillis(): number;
}

/** What an action reports: CloudFormation's physical ID, the attributes (`Fn::GetAtt`) and a human summary. */
export interface Outcome {
  readonly physicalResourceId: string;
  readonly data?: Readonly<Record<string, string>>;
  readonly reason: string;
}

/** The body of the response PUT to CloudFormation's presigned URL. */
export interface CloudFormationResponse {
  readonly Status: 'SUCCESS' | 'FAILED';
  readonly Reason: string;
  readonly PhysicalResourceId: string;
  readonly StackId: string;
  readonly RequestId: string;
  readonly LogicalResourceId: string;
  readonly NoEcho: boolean;
  readonly Data: Readonly<Record<string, string>>;
}

/** Something that sends SDK commands: a real client, or a fake in tests. */
export type GuardDutySender = Pick<GuardDutyClient, 'send'>;
export type SsmSender = Pick<SSMClient, 'send'>;

/** The SDK clients of one invocation, by Region. */
export interface Clients {
  guardDuty(region: string): GuardDutySender;
  ssm(region: string): SsmSender;
}

/** What the handler needs from outside: the clients and the way to answer CloudFormation. */
export interface Dependencies {
  readonly clients: Clients;
  /** PUTs the response body to the presigned URL. */
  readonly putResponse: (url: string, body: string) => Promise<void>;
  /** Writes one structured log line. */
  readonly log: (entry: Record<string, unknown>) => void;
}

/** Where and how an action runs. */
export interface ActionContext {
  readonly requestType: CloudFormationEvent['RequestType'];
  /** The current physical ID; absent on Create. */
  readonly physicalResourceId?: string;
  readonly partition: string;
  readonly account: string;
  /** The Region to call: the request's, or the stack's. */
  readonly region: string;
  readonly clients: Clients;
  /**
   * Runs one AWS call, `run(command)`: logs it, names it in the timeout message while it runs, and wraps an AWS
   * error with the operation and the Region. `run` is `(c) => client.send(c)`, so that the SDK types the output.
   */
  readonly call: <Command extends { readonly input: object }, Output>(
    command: Command,
    run: (command: Command) => Promise<Output>,
  ) => Promise<Output>;
  readonly log: (entry: Record<string, unknown>) => void;
}

/** One action of the provider function. */
export type Action<Request> = (request: Request, context: ActionContext) => Promise<Outcome>;
