import { BadRequestException, UpdateOrganizationConfigurationCommand } from '@aws-sdk/client-guardduty';
import { describe, expect, it } from 'vitest';
import type { OrganizationConfigurationRequest } from '../../../packages/construct-library/src/private/provider/contract';
import { cfnEvent, fakeClients, invoke } from './fakes';

const REQUEST: OrganizationConfigurationRequest = {
  DetectorId: '12abc34d567e8fa901bc2d34e0a1b2c3',
  AutoEnableOrganizationMembers: 'ALL',
  Features: [
    { Name: 'S3_DATA_EVENTS', AutoEnable: 'ALL' },
    {
      Name: 'RUNTIME_MONITORING',
      AutoEnable: 'NONE',
      AdditionalConfiguration: [{ Name: 'EKS_ADDON_MANAGEMENT', AutoEnable: 'NONE' }],
    },
  ],
};

describe('OrganizationConfiguration', () => {
  it.each(['Create', 'Update'] as const)('sends exactly the request on %s', async (type) => {
    const { clients, calls } = fakeClients([[UpdateOrganizationConfigurationCommand, () => ({})]]);
    const { response } = await invoke(
      cfnEvent('OrganizationConfiguration', REQUEST, {
        type,
        physicalResourceId: 'guardduty-organization-configuration',
      }),
      clients,
    );
    expect(calls).toEqual([
      { command: 'UpdateOrganizationConfiguration', input: REQUEST, region: 'eu-west-1' },
    ]);
    expect(response).toMatchObject({
      Status: 'SUCCESS',
      PhysicalResourceId: 'guardduty-organization-configuration',
    });
  });

  it("fails with GuardDuty's message, e.g. before the account is the delegated administrator", async () => {
    const { clients } = fakeClients([
      [
        UpdateOrganizationConfigurationCommand,
        () => {
          throw new BadRequestException({
            message:
              'The request is rejected because the current account is not the delegated administrator.',
            $metadata: {},
          });
        },
      ],
    ]);
    const { response } = await invoke(cfnEvent('OrganizationConfiguration', REQUEST), clients);
    expect(response).toMatchObject({
      Status: 'FAILED',
      Reason:
        'UpdateOrganizationConfiguration in eu-west-1 failed: BadRequestException: The request is rejected because ' +
        'the current account is not the delegated administrator.',
    });
  });

  it('leaves the configuration in place on Delete: no call', async () => {
    const { clients, calls } = fakeClients([]);
    const { response } = await invoke(
      cfnEvent('OrganizationConfiguration', REQUEST, {
        type: 'Delete',
        physicalResourceId: 'guardduty-organization-configuration',
      }),
      clients,
    );
    expect(calls).toEqual([]);
    expect(response.Status).toBe('SUCCESS');
  });
});
