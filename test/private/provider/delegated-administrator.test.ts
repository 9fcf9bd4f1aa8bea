import {
  BadRequestException,
  DisableOrganizationAdminAccountCommand,
  EnableOrganizationAdminAccountCommand,
  ListOrganizationAdminAccountsCommand,
} from '@aws-sdk/client-guardduty';
import { describe, expect, it } from 'vitest';
import type { DelegatedAdministratorRequest } from '../../../packages/construct-library/src/private/provider/contract';
import { type Answers, cfnEvent, fakeClients, invoke } from './fakes';

const ADMIN = '222222222222';
const OTHER = '333333333333';
const REGION = 'ap-northeast-1';
const PHYSICAL_ID = `guardduty-delegated-administrator-${REGION}`;

function request(disableOnDelete = false): DelegatedAdministratorRequest {
  return { AdminAccountId: ADMIN, DisableOnDelete: disableOnDelete };
}

function administrators(...accounts: { AdminAccountId: string; AdminStatus: string }[]): Answers {
  return [
    [ListOrganizationAdminAccountsCommand, () => ({ AdminAccounts: accounts })],
    [EnableOrganizationAdminAccountCommand, () => ({})],
    [DisableOrganizationAdminAccountCommand, () => ({})],
  ];
}

const event = (type: 'Create' | 'Update' | 'Delete', disableOnDelete = false) =>
  cfnEvent('DelegatedAdministrator', request(disableOnDelete), {
    type,
    region: REGION,
    physicalResourceId: PHYSICAL_ID,
  });

describe('DelegatedAdministrator', () => {
  it('designates the account when there is no administrator, in the requested Region', async () => {
    const { clients, calls } = fakeClients(administrators());
    const { response } = await invoke(event('Create'), clients);
    expect(calls).toEqual([
      { command: 'ListOrganizationAdminAccounts', input: { NextToken: undefined }, region: REGION },
      { command: 'EnableOrganizationAdminAccount', input: { AdminAccountId: ADMIN }, region: REGION },
    ]);
    expect(response).toMatchObject({
      Status: 'SUCCESS',
      PhysicalResourceId: PHYSICAL_ID,
      Reason: `Designated ${ADMIN} as the delegated administrator in ${REGION}.`,
    });
  });

  it('leaves an account that already is the administrator alone: no Enable call', async () => {
    const { clients, calls } = fakeClients(administrators({ AdminAccountId: ADMIN, AdminStatus: 'ENABLED' }));
    const { response } = await invoke(event('Update'), clients);
    expect(calls.map((c) => c.command)).toEqual(['ListOrganizationAdminAccounts']);
    expect(response).toMatchObject({ Status: 'SUCCESS', PhysicalResourceId: PHYSICAL_ID });
  });

  it('reads every page of ListOrganizationAdminAccounts', async () => {
    const { clients, calls } = fakeClients([
      [
        ListOrganizationAdminAccountsCommand,
        (input: { NextToken?: string }) =>
          input.NextToken
            ? { AdminAccounts: [{ AdminAccountId: ADMIN, AdminStatus: 'ENABLED' }] }
            : { AdminAccounts: [], NextToken: 'next' },
      ],
    ]);
    const { response } = await invoke(event('Create'), clients);
    expect(calls.map((c) => c.input)).toEqual([{ NextToken: undefined }, { NextToken: 'next' }]);
    expect(response.Status).toBe('SUCCESS');
  });

  it('fails when ANOTHER account is the administrator, naming both accounts and the way out', async () => {
    const { clients, calls } = fakeClients(administrators({ AdminAccountId: OTHER, AdminStatus: 'ENABLED' }));
    const { response } = await invoke(event('Create'), clients);
    expect(calls.map((c) => c.command)).toEqual(['ListOrganizationAdminAccounts']);
    expect(response.Status).toBe('FAILED');
    expect(response.Reason).toBe(
      `Account ${OTHER} is already the GuardDuty delegated administrator in ${REGION}, so ${ADMIN} cannot be ` +
        'designated: an organization has one. To move the role, first remove the current one in the management ' +
        `account with \`aws guardduty disable-organization-admin-account --admin-account-id ${OTHER} --region ` +
        `${REGION}\` (its member accounts are disassociated from it), then deploy again. To keep ${OTHER}, set ` +
        `administratorAccountId to ${OTHER}.`,
    );
  });

  it('fails while another administrator is being removed, saying to wait', async () => {
    const { clients } = fakeClients(
      administrators({ AdminAccountId: OTHER, AdminStatus: 'DISABLE_IN_PROGRESS' }),
    );
    const { response } = await invoke(event('Update'), clients);
    expect(response).toMatchObject({ Status: 'FAILED', PhysicalResourceId: PHYSICAL_ID });
    expect(response.Reason).toContain('(AdminStatus DISABLE_IN_PROGRESS)');
    expect(response.Reason).toContain(`aws guardduty list-organization-admin-accounts --region ${REGION}`);
  });

  it("fails with GuardDuty's own message when Enable is refused", async () => {
    const { clients } = fakeClients([
      [ListOrganizationAdminAccountsCommand, () => ({ AdminAccounts: [] })],
      [
        EnableOrganizationAdminAccountCommand,
        () => {
          throw new BadRequestException({
            message: 'The request is rejected because the account is not a member of the organization.',
            $metadata: { requestId: 'req-1' },
          });
        },
      ],
    ]);
    const { response } = await invoke(event('Create'), clients);
    expect(response).toMatchObject({
      Status: 'FAILED',
      Reason:
        `EnableOrganizationAdminAccount in ${REGION} failed: BadRequestException: The request is rejected because ` +
        'the account is not a member of the organization. (request ID req-1)',
    });
  });

  describe('Delete', () => {
    it('calls nothing without RemovalPolicy.DESTROY', async () => {
      const { clients, calls } = fakeClients(
        administrators({ AdminAccountId: ADMIN, AdminStatus: 'ENABLED' }),
      );
      const { response } = await invoke(event('Delete', false), clients);
      expect(calls).toEqual([]);
      expect(response).toMatchObject({ Status: 'SUCCESS', PhysicalResourceId: PHYSICAL_ID });
    });

    it('removes the administrator with DESTROY when it still is the administrator', async () => {
      const { clients, calls } = fakeClients(
        administrators({ AdminAccountId: ADMIN, AdminStatus: 'ENABLED' }),
      );
      const { response } = await invoke(event('Delete', true), clients);
      expect(calls.map((c) => [c.command, c.input, c.region])).toEqual([
        ['ListOrganizationAdminAccounts', { NextToken: undefined }, REGION],
        ['DisableOrganizationAdminAccount', { AdminAccountId: ADMIN }, REGION],
      ]);
      expect(response).toMatchObject({ Status: 'SUCCESS', PhysicalResourceId: PHYSICAL_ID });
    });

    it('succeeds without a call when the account is no longer the administrator, and says so', async () => {
      const { clients, calls } = fakeClients(
        administrators({ AdminAccountId: OTHER, AdminStatus: 'ENABLED' }),
      );
      const { response, logs } = await invoke(event('Delete', true), clients);
      expect(calls.map((c) => c.command)).toEqual(['ListOrganizationAdminAccounts']);
      const reason = `${ADMIN} is no longer the delegated administrator in ${REGION}; nothing to remove.`;
      expect(response).toMatchObject({ Status: 'SUCCESS', Reason: reason });
      expect(logs).toContainEqual(expect.objectContaining({ status: 'SUCCESS', reason }));
    });
  });
});
