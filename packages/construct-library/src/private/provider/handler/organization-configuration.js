// @ts-check
'use strict';

const { UpdateOrganizationConfigurationCommand } = require('@aws-sdk/client-guardduty');

/** The physical ID: fixed, so that an update never replaces the resource. */
const PHYSICAL_ID = 'guardduty-organization-configuration';

/**
 * `OrganizationConfiguration`: on Create and Update, sets the organization configuration of the administrator's
 * detector in the Region (UpdateOrganizationConfiguration). Delete calls nothing: the configuration is the
 * administrator's standing policy, and switching auto-enable off would stop covering new accounts.
 *
 * @type {import('../contract').Action<import('../contract').OrganizationConfigurationRequest>}
 */
async function organizationConfiguration(request, context) {
  const physicalResourceId = context.physicalResourceId ?? PHYSICAL_ID;
  if (context.requestType === 'Delete') {
    return { physicalResourceId, reason: 'The organization configuration is left as it is.' };
  }
  const client = context.clients.guardDuty(context.region);
  await context.call(
    new UpdateOrganizationConfigurationCommand({
      DetectorId: request.DetectorId,
      AutoEnableOrganizationMembers: request.AutoEnableOrganizationMembers,
      Features: [...request.Features],
    }),
    (c) => client.send(c),
  );
  return {
    physicalResourceId,
    reason:
      `Set the organization configuration of detector ${request.DetectorId} in ${context.region}: members ` +
      `${request.AutoEnableOrganizationMembers}, ${request.Features.length} features.`,
  };
}

module.exports = { organizationConfiguration };
