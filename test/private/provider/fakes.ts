import { createHandler } from '../../../packages/construct-library/src/private/provider/handler';
import type {
  CloudFormationEvent,
  CloudFormationResponse,
  Clients,
  ProviderAction,
  ProviderRequests,
} from '../../../packages/construct-library/src/private/provider/contract';

/** A call a fake client received: the SDK command class's name, its input and the client's Region. */
export interface RecordedCall {
  readonly command: string;
  readonly input: Record<string, unknown>;
  readonly region: string;
}

// eslint-disable-next-line @typescript-eslint/no-explicit-any -- the SDK command classes have many constructor shapes
type CommandClass = abstract new (...args: any[]) => { readonly input: object };

/** How a fake client answers one SDK command class: a value, or a function of the input (which may throw). */
export type Answers = ReadonlyArray<readonly [CommandClass, (input: never) => unknown]>;

/**
 * Clients whose `send(command)` dispatches on the command's class (the SDK's own classes, as the handler uses) and
 * records `command.input`; a command without an answer fails the test.
 */
export function fakeClients(answers: Answers): { clients: Clients; calls: RecordedCall[] } {
  const calls: RecordedCall[] = [];
  const client = (region: string) => ({
    send: async (command: { readonly input: object; constructor: CommandClass }) => {
      calls.push({
        command: command.constructor.name.replace(/Command$/, ''),
        input: command.input as Record<string, unknown>,
        region,
      });
      const answer = answers.find(([type]) => command instanceof type);
      if (!answer) throw new Error(`unexpected call ${command.constructor.name}`);
      return answer[1](command.input as never);
    },
  });
  return { clients: { guardDuty: client, ssm: client } as unknown as Clients, calls };
}

export const STACK_ID =
  'arn:aws:cloudformation:eu-west-1:111122223333:stack/Test/0a1b2c3d-4e5f-6789-abcd-ef0123456789';

/** A CloudFormation event for `action`. */
export function cfnEvent<A extends ProviderAction>(
  action: A,
  request: ProviderRequests[A],
  options: {
    readonly type?: CloudFormationEvent['RequestType'];
    readonly physicalResourceId?: string;
    readonly region?: string;
  } = {},
): CloudFormationEvent {
  const type = options.type ?? 'Create';
  return {
    RequestType: type,
    ResponseURL: 'https://cloudformation-custom-resource-response-euwest1.s3.amazonaws.com/presigned',
    StackId: STACK_ID,
    RequestId: 'request-1',
    LogicalResourceId: 'Resource',
    ResourceType: 'Custom::GuardDutyTest',
    ...(type === 'Create' ? {} : { PhysicalResourceId: options.physicalResourceId ?? 'physical-1' }),
    ResourceProperties: {
      ServiceToken: 'arn:aws:lambda:eu-west-1:111122223333:function:provider',
      Action: action,
      ...(options.region ? { Region: options.region } : {}),
      Request: JSON.stringify(request),
    },
  };
}

/** A Lambda context with `remainingMs` left. */
export function lambdaContext(remainingMs = 300_000) {
  return { getRemainingTimeInMillis: () => remainingMs };
}

/** Runs the handler with `clients` and returns the one response it PUT, parsed, and its log lines. */
export async function invoke(
  event: CloudFormationEvent,
  clients: Clients,
  context = lambdaContext(),
): Promise<{ response: CloudFormationResponse; url: string; logs: Record<string, unknown>[] }> {
  const responses: { url: string; body: string }[] = [];
  const logs: Record<string, unknown>[] = [];
  const handler = createHandler({
    clients,
    putResponse: async (url, body) => {
      responses.push({ url, body });
    },
    log: (entry) => logs.push(entry),
  });
  await handler(event, context);
  if (responses.length !== 1) throw new Error(`expected one response, got ${responses.length}`);
  return { response: JSON.parse(responses[0].body), url: responses[0].url, logs };
}
