// @ts-check
'use strict';

// The AWS SDK for JavaScript v3 that the Lambda runtime ships: nothing is bundled, nothing is downloaded.
const { GuardDutyClient } = require('@aws-sdk/client-guardduty');
const { SSMClient } = require('@aws-sdk/client-ssm');

/**
 * The retry settings of every client, explicit rather than the SDK's default of 3 attempts.
 *
 * A deployment fails and rolls back the whole stack when one call fails, so a throttled call should rather wait:
 * GuardDuty and SSM throttle per account and Region, and other automation (the console, Security Hub, Control
 * Tower, other stacks deploying at the same time) shares those limits. 8 attempts in the `standard` mode wait with
 * exponential backoff and full jitter: for a throttling error a random share of 0.5 s doubled per attempt, each
 * wait capped at 20 s, so the seven waits of one call add up to about 35 s on average and 71 s at most, inside the
 * function's timeout even for the four calls of the longest action. The `adaptive` mode adds client-side rate
 * limiting, which helps a long-lived client sending many requests; one invocation sends at most five.
 *
 * @see https://docs.aws.amazon.com/sdkref/latest/guide/feature-retry-behavior.html
 */
const RETRY_CONFIG = Object.freeze({ maxAttempts: 8, retryMode: 'standard' });

/**
 * A GuardDuty client for `region`, with {@link RETRY_CONFIG}.
 *
 * @param {string} region
 * @param {Omit<import('@aws-sdk/client-guardduty').GuardDutyClientConfig, 'region'>} [overrides] for tests only
 */
function guardDutyClient(region, overrides = {}) {
  return new GuardDutyClient({ ...RETRY_CONFIG, ...overrides, region });
}

/**
 * An SSM client for `region`, with {@link RETRY_CONFIG}.
 *
 * @param {string} region
 * @param {Omit<import('@aws-sdk/client-ssm').SSMClientConfig, 'region'>} [overrides] for tests only
 */
function ssmClient(region, overrides = {}) {
  return new SSMClient({ ...RETRY_CONFIG, ...overrides, region });
}

/**
 * Clients by Region, each created once per execution environment.
 *
 * @returns {import('../contract').Clients}
 */
function defaultClients() {
  /** @type {Map<string, GuardDutyClient>} */
  const guardDuty = new Map();
  /** @type {Map<string, SSMClient>} */
  const ssm = new Map();
  return {
    guardDuty(region) {
      const client = guardDuty.get(region) ?? guardDutyClient(region);
      guardDuty.set(region, client);
      return client;
    },
    ssm(region) {
      const client = ssm.get(region) ?? ssmClient(region);
      ssm.set(region, client);
      return client;
    },
  };
}

module.exports = { RETRY_CONFIG, guardDutyClient, ssmClient, defaultClients };
