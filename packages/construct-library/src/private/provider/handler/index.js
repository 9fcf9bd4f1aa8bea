// @ts-check
'use strict';

/**
 * The provider function of the custom resources of cdk-guardduty-threat-detection (`Custom::GuardDuty...`).
 *
 * CloudFormation invokes it with a Create, Update or Delete event whose properties are `{ Action, Region?, Request }`;
 * it runs the action and always answers CloudFormation itself: SUCCESS, or FAILED with the reason, including on an
 * unexpected exception and shortly before the Lambda timeout, so that a stack never waits an hour for an answer.
 * No AWS error is ignored: a failed call fails the resource with the operation, the Region and AWS's own message.
 */

const { adoptDetector } = require('./adopt-detector');
const { CREATE_FAILED, putResponse, responseBody } = require('./cfn-response');
const { defaultClients } = require('./clients');
const { delegatedAdministrator } = require('./delegated-administrator');
const { CallError, ProviderError, describeError } = require('./errors');
const { organizationConfiguration } = require('./organization-configuration');
const { readParameter } = require('./read-parameter');

/**
 * The actions, by the `Action` property of the custom resource.
 *
 * @type {{ readonly [A in import('../contract').ProviderAction]: import('../contract').Action<import('../contract').ProviderRequests[A]> }}
 */
const ACTIONS = {
  AdoptDetector: adoptDetector,
  DelegatedAdministrator: delegatedAdministrator,
  OrganizationConfiguration: organizationConfiguration,
  ReadParameter: readParameter,
};

/** How long before the Lambda timeout the function answers FAILED if the action has not finished. */
const DEADLINE_MARGIN_MS = 15_000;

/**
 * The partition, Region and account of the stack, from its ID
 * (`arn:<partition>:cloudformation:<region>:<account>:stack/<name>/<id>`).
 *
 * @param {string} stackId
 */
function stackEnvironment(stackId) {
  const [arn, partition, service, region, account] = stackId.split(':');
  if (arn !== 'arn' || service !== 'cloudformation' || !partition || !region || !account) {
    throw new ProviderError(
      `The event's StackId ${JSON.stringify(stackId)} is not a CloudFormation stack ARN.`,
    );
  }
  return { partition, region, account };
}

/**
 * @param {import('../contract').CloudFormationEvent} event
 * @returns {string}
 */
function physicalIdOnFailure(event) {
  // Keeping the current ID on a failed Update or Delete: a new one would make CloudFormation replace the resource.
  return event.PhysicalResourceId ?? CREATE_FAILED;
}

/**
 * Runs the action of the event and returns what to answer.
 *
 * @param {import('../contract').CloudFormationEvent} event
 * @param {import('../contract').Dependencies} deps
 * @param {{ current?: string }} progress the call in progress, for the timeout message
 * @returns {Promise<{ status: 'SUCCESS' | 'FAILED', outcome: import('../contract').Outcome }>}
 */
async function run(event, deps, progress) {
  try {
    if (event.RequestType === 'Delete' && event.PhysicalResourceId === CREATE_FAILED) {
      const reason = 'The resource was never created (its Create failed); nothing to delete.';
      return { status: 'SUCCESS', outcome: { physicalResourceId: CREATE_FAILED, reason } };
    }
    const properties = event.ResourceProperties;
    const name = properties.Action;
    if (!Object.prototype.hasOwnProperty.call(ACTIONS, name)) {
      throw new ProviderError(
        `Unknown Action ${JSON.stringify(name)}; the provider function knows ${Object.keys(ACTIONS).join(', ')}. ` +
          'The custom resource and the function come from different versions of cdk-guardduty-threat-detection.',
      );
    }
    const action = /** @type {import('../contract').Action<unknown>} */ (
      ACTIONS[/** @type {import('../contract').ProviderAction} */ (name)]
    );
    const stack = stackEnvironment(event.StackId);
    const region = properties.Region ?? stack.region;
    /** @type {import('../contract').ActionContext['call']} */
    const call = async (command, send) => {
      const operation = command.constructor.name.replace(/Command$/, '');
      progress.current = `${operation} in ${region}`;
      deps.log({ call: operation, region, input: command.input });
      try {
        return await send(command);
      } catch (error) {
        throw new CallError(operation, region, error);
      } finally {
        progress.current = undefined;
      }
    };
    const outcome = await action(JSON.parse(properties.Request), {
      requestType: event.RequestType,
      physicalResourceId: event.PhysicalResourceId,
      partition: stack.partition,
      account: stack.account,
      region,
      clients: deps.clients,
      call,
      log: deps.log,
    });
    return { status: 'SUCCESS', outcome };
  } catch (error) {
    return {
      status: 'FAILED',
      outcome: { physicalResourceId: physicalIdOnFailure(event), reason: describeError(error) },
    };
  }
}

/**
 * The handler, with its dependencies injected (tests pass fake clients and a fake PUT).
 *
 * @param {Partial<import('../contract').Dependencies>} [overrides]
 * @returns {(event: import('../contract').CloudFormationEvent, context: import('../contract').LambdaContext) => Promise<void>}
 */
function createHandler(overrides = {}) {
  /** @type {import('../contract').Dependencies} */
  const deps = {
    clients: overrides.clients ?? defaultClients(),
    putResponse: overrides.putResponse ?? putResponse,
    log: overrides.log ?? ((entry) => console.log(JSON.stringify(entry))),
  };
  return async (event, context) => {
    // The response URL is a presigned URL: not logged.
    const { ResponseURL: _url, ...logged } = event;
    deps.log({ event: logged });
    /** @type {{ current?: string }} */
    const progress = {};
    /** @type {NodeJS.Timeout | undefined} */
    let timer;
    const deadline = new Promise((resolve) => {
      const wait = Math.max(0, context.getRemainingTimeInMillis() - DEADLINE_MARGIN_MS);
      timer = setTimeout(() => {
        const waiting = progress.current ? ` while waiting for ${progress.current}` : '';
        resolve({
          status: 'FAILED',
          outcome: {
            physicalResourceId: physicalIdOnFailure(event),
            reason:
              `The provider function ran out of time${waiting}: AWS kept throttling the calls or did not answer. ` +
              'Deploy again; the log group of the provider function lists every call it made.',
          },
        });
      }, wait);
    });
    try {
      const { status, outcome } = /** @type {Awaited<ReturnType<typeof run>>} */ (
        await Promise.race([run(event, deps, progress), deadline])
      );
      deps.log({ status, ...outcome });
      await deps.putResponse(event.ResponseURL, responseBody(event, status, outcome));
    } finally {
      clearTimeout(timer);
    }
  };
}

/** The Lambda entry point (`index.handler`). */
const handler = createHandler();

module.exports = { handler, createHandler, ACTIONS, DEADLINE_MARGIN_MS, stackEnvironment };
