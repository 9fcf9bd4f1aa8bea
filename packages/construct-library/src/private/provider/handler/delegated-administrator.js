// @ts-check
'use strict';

const {
  DisableOrganizationAdminAccountCommand,
  EnableOrganizationAdminAccountCommand,
  ListOrganizationAdminAccountsCommand,
} = require('@aws-sdk/client-guardduty');
const { ProviderError } = require('./errors');

/** @typedef {import('@aws-sdk/client-guardduty').AdminAccount} AdminAccount */

/**
 * The delegated administrators GuardDuty lists in the Region, following NextToken.
 *
 * @param {import('../contract').ActionContext} context
 * @returns {Promise<AdminAccount[]>}
 */
async function listAdministrators(context) {
  const client = context.clients.guardDuty(context.region);
  /** @type {AdminAccount[]} */
  const accounts = [];
  /** @type {string | undefined} */
  let token;
  do {
    const page = await context.call(new ListOrganizationAdminAccountsCommand({ NextToken: token }), (c) =>
      client.send(c),
    );
    accounts.push(...(page.AdminAccounts ?? []));
    token = page.NextToken;
  } while (token);
  return accounts;
}

/**
 * Why `wanted` cannot be designated while `other` is (or is becoming no longer) the administrator, and the way out.
 *
 * @param {string} wanted
 * @param {AdminAccount} other
 * @param {string} region
 */
function otherAdministratorMessage(wanted, other, region) {
  const otherId = other.AdminAccountId ?? '(unknown)';
  if (other.AdminStatus === 'DISABLE_IN_PROGRESS') {
    return (
      `Account ${otherId} is being removed as the GuardDuty delegated administrator in ${region} ` +
      `(AdminStatus DISABLE_IN_PROGRESS), so ${wanted} cannot be designated yet. Wait until ` +
      `\`aws guardduty list-organization-admin-accounts --region ${region}\` no longer lists it, then deploy again.`
    );
  }
  return (
    `Account ${otherId} is already the GuardDuty delegated administrator in ${region}, so ${wanted} cannot be ` +
    'designated: an organization has one. To move the role, first remove the current one in the management ' +
    `account with \`aws guardduty disable-organization-admin-account --admin-account-id ${otherId} --region ` +
    `${region}\` (its member accounts are disassociated from it), then deploy again. To keep ${otherId}, set ` +
    `administratorAccountId to ${otherId}.`
  );
}

/**
 * `DelegatedAdministrator`: on Create and Update, designates `AdminAccountId` in the Region unless it already is
 * the administrator there, and fails, naming both accounts, if another account is. On Delete, removes it only with
 * `DisableOnDelete` and only if it still is the administrator there. No GuardDuty error is ignored.
 *
 * @type {import('../contract').Action<import('../contract').DelegatedAdministratorRequest>}
 */
async function delegatedAdministrator(request, context) {
  const physicalResourceId =
    context.physicalResourceId ?? `guardduty-delegated-administrator-${context.region}`;
  const wanted = request.AdminAccountId;
  const client = context.clients.guardDuty(context.region);

  if (context.requestType === 'Delete') {
    if (!request.DisableOnDelete) {
      return {
        physicalResourceId,
        reason: `Kept ${wanted} as the delegated administrator in ${context.region} (the removal policy is not DESTROY).`,
      };
    }
    const current = (await listAdministrators(context)).find((a) => a.AdminAccountId === wanted);
    if (current?.AdminStatus !== 'ENABLED') {
      return {
        physicalResourceId,
        reason: `${wanted} is no longer the delegated administrator in ${context.region}; nothing to remove.`,
      };
    }
    await context.call(new DisableOrganizationAdminAccountCommand({ AdminAccountId: wanted }), (c) =>
      client.send(c),
    );
    return {
      physicalResourceId,
      reason: `Removed ${wanted} as the delegated administrator in ${context.region}.`,
    };
  }

  const administrators = await listAdministrators(context);
  if (administrators.some((a) => a.AdminAccountId === wanted && a.AdminStatus === 'ENABLED')) {
    return {
      physicalResourceId,
      reason: `${wanted} already is the delegated administrator in ${context.region}; nothing changed.`,
    };
  }
  const other = administrators.find((a) => a.AdminAccountId !== wanted);
  if (other) throw new ProviderError(otherAdministratorMessage(wanted, other, context.region));
  await context.call(new EnableOrganizationAdminAccountCommand({ AdminAccountId: wanted }), (c) =>
    client.send(c),
  );
  return {
    physicalResourceId,
    reason: `Designated ${wanted} as the delegated administrator in ${context.region}.`,
  };
}

module.exports = { delegatedAdministrator };
