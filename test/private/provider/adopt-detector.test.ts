import {
  AccessDeniedException,
  BadRequestException,
  CreateDetectorCommand,
  GetDetectorCommand,
  type GetDetectorCommandOutput,
  ListDetectorsCommand,
  TagResourceCommand,
  UpdateDetectorCommand,
} from '@aws-sdk/client-guardduty';
import { describe, expect, it } from 'vitest';
import type {
  AdoptDetectorRequest,
  Clients,
} from '../../../packages/construct-library/src/private/provider/contract';
import { guardDutyClient } from '../../../packages/construct-library/src/private/provider/handler/clients';
import { DEFAULT_FEATURES } from '../../helpers/default-features';
import { type Answers, cfnEvent, fakeClients, invoke, STACK_ID } from './fakes';

const DETECTOR_ID = '12abc34d567e8fa901bc2d34e0a1b2c3';
const DETECTOR_ARN = `arn:aws:guardduty:eu-west-1:111122223333:detector/${DETECTOR_ID}`;
const FEATURES = DEFAULT_FEATURES as unknown as AdoptDetectorRequest['Features'];

function request(overrides: Partial<AdoptDetectorRequest> = {}): AdoptDetectorRequest {
  return {
    FindingPublishingFrequency: 'FIFTEEN_MINUTES',
    Features: FEATURES,
    Tags: { team: 'security', 'cost-center': '42' },
    ManageSettings: false,
    EnableIfSuspended: false,
    ...overrides,
  };
}

/** GetDetector's answer for an existing detector. */
function existing(status: 'ENABLED' | 'DISABLED', features: GetDetectorCommandOutput['Features'] = []) {
  return {
    Status: status,
    ServiceRole:
      'arn:aws:iam::111122223333:role/aws-service-role/guardduty.amazonaws.com/AWSServiceRoleForAmazonGuardDuty',
    FindingPublishingFrequency: 'SIX_HOURS',
    Features: features,
  };
}

function oneDetector(detector: ReturnType<typeof existing>, extra: Answers = []): Answers {
  return [
    [ListDetectorsCommand, () => ({ DetectorIds: [DETECTOR_ID] })],
    [GetDetectorCommand, () => detector],
    [UpdateDetectorCommand, () => ({})],
    [TagResourceCommand, () => ({})],
    ...extra,
  ];
}

describe('AdoptDetector', () => {
  it('creates the detector when there is none, with the settings and the tags', async () => {
    const { clients, calls } = fakeClients([
      [ListDetectorsCommand, () => ({ DetectorIds: [] })],
      [CreateDetectorCommand, () => ({ DetectorId: DETECTOR_ID })],
    ]);
    const { response } = await invoke(cfnEvent('AdoptDetector', request()), clients);
    expect(calls).toEqual([
      { command: 'ListDetectors', input: { NextToken: undefined }, region: 'eu-west-1' },
      {
        command: 'CreateDetector',
        input: {
          Enable: true,
          FindingPublishingFrequency: 'FIFTEEN_MINUTES',
          Features: DEFAULT_FEATURES,
          Tags: { team: 'security', 'cost-center': '42' },
        },
        region: 'eu-west-1',
      },
    ]);
    expect(response).toEqual({
      Status: 'SUCCESS',
      Reason: `Created the detector ${DETECTOR_ID} with the requested settings and tags.`,
      PhysicalResourceId: DETECTOR_ID,
      StackId: STACK_ID,
      RequestId: 'request-1',
      LogicalResourceId: 'Resource',
      NoEcho: false,
      Data: { DetectorId: DETECTOR_ID, Created: 'true', SkippedFeatures: '' },
    });
  });

  it('creates the detector without Tags when the stack has none', async () => {
    const { clients, calls } = fakeClients([
      [ListDetectorsCommand, () => ({ DetectorIds: [] })],
      [CreateDetectorCommand, () => ({ DetectorId: DETECTOR_ID })],
    ]);
    await invoke(cfnEvent('AdoptDetector', request({ Tags: {} })), clients);
    expect(calls[1].input.Tags).toBeUndefined();
  });

  it('reads every page of ListDetectors', async () => {
    const { clients, calls } = fakeClients([
      [
        ListDetectorsCommand,
        (input: { NextToken?: string }) =>
          input.NextToken ? { DetectorIds: [DETECTOR_ID] } : { DetectorIds: [], NextToken: 'page-2' },
      ],
      [GetDetectorCommand, () => existing('ENABLED')],
      [TagResourceCommand, () => ({})],
    ]);
    const { response } = await invoke(cfnEvent('AdoptDetector', request()), clients);
    expect(calls.slice(0, 2).map((c) => c.input)).toEqual([
      { NextToken: undefined },
      { NextToken: 'page-2' },
    ]);
    expect(response.Data.DetectorId).toBe(DETECTOR_ID);
  });

  it('adopts the one detector and keeps its settings when manageSettings is off, but tags it', async () => {
    const { clients, calls } = fakeClients(oneDetector(existing('ENABLED')));
    const { response } = await invoke(cfnEvent('AdoptDetector', request()), clients);
    expect(calls.map((c) => c.command)).toEqual(['ListDetectors', 'GetDetector', 'TagResource']);
    expect(calls[1].input).toEqual({ DetectorId: DETECTOR_ID });
    expect(calls[2].input).toEqual({
      ResourceArn: DETECTOR_ARN,
      Tags: { team: 'security', 'cost-center': '42' },
    });
    expect(response).toMatchObject({
      Status: 'SUCCESS',
      PhysicalResourceId: DETECTOR_ID,
      Data: { DetectorId: DETECTOR_ID, Created: 'false', SkippedFeatures: '' },
      Reason: `Adopted the existing detector ${DETECTOR_ID}: kept its settings; tagged it.`,
    });
  });

  it('calls no TagResource when there are no tags', async () => {
    const { clients, calls } = fakeClients(oneDetector(existing('ENABLED')));
    await invoke(cfnEvent('AdoptDetector', request({ Tags: {} })), clients);
    expect(calls.map((c) => c.command)).toEqual(['ListDetectors', 'GetDetector']);
  });

  it('applies the features and frequency to an existing detector with manageSettings', async () => {
    const { clients, calls } = fakeClients(oneDetector(existing('ENABLED')));
    const { response } = await invoke(cfnEvent('AdoptDetector', request({ ManageSettings: true })), clients);
    expect(calls.map((c) => c.command)).toEqual([
      'ListDetectors',
      'GetDetector',
      'UpdateDetector',
      'TagResource',
    ]);
    expect(calls[2].input).toEqual({
      DetectorId: DETECTOR_ID,
      Enable: undefined,
      FindingPublishingFrequency: 'FIFTEEN_MINUTES',
      Features: DEFAULT_FEATURES,
    });
    expect(response.Status).toBe('SUCCESS');
    expect(response.Reason).toContain('applied the requested settings');
  });

  describe('a suspended detector', () => {
    it('fails the deployment by default, naming the detector, account, Region and both ways out', async () => {
      const { clients, calls } = fakeClients(oneDetector(existing('DISABLED')));
      const { response } = await invoke(
        cfnEvent('AdoptDetector', request({ ManageSettings: true })),
        clients,
      );
      expect(calls.map((c) => c.command)).toEqual(['ListDetectors', 'GetDetector']);
      expect(response.Status).toBe('FAILED');
      expect(response.Reason).toBe(
        `The GuardDuty detector ${DETECTOR_ID} of account 111122223333, Region eu-west-1 is suspended (GetDetector ` +
          'reports Status DISABLED), so GuardDuty is not monitoring there and this stack does not re-enable it ' +
          `unasked. Either re-enable it yourself (\`aws guardduty update-detector --detector-id ${DETECTOR_ID} ` +
          '--enable --region eu-west-1`) and deploy again, or let the deployment re-enable it: ' +
          '"enableAdoptedDetectorIfSuspended": true in the app\'s configuration (enableIfSuspended: true on an ' +
          'AdoptedDetector of your own CDK app).',
      );
      expect(response.PhysicalResourceId).toBe('cdk-guardduty-threat-detection::CREATE_FAILED');
    });

    it('is re-enabled, and nothing else changed, with enableIfSuspended', async () => {
      const { clients, calls } = fakeClients(oneDetector(existing('DISABLED')));
      const { response } = await invoke(
        cfnEvent('AdoptDetector', request({ EnableIfSuspended: true })),
        clients,
      );
      expect(calls.map((c) => c.command)).toEqual([
        'ListDetectors',
        'GetDetector',
        'UpdateDetector',
        'TagResource',
      ]);
      expect(calls[2].input).toEqual({ DetectorId: DETECTOR_ID, Enable: true });
      expect(response.Reason).toContain('re-enabled it (its settings are kept)');
    });

    it('is re-enabled with the settings in one UpdateDetector with both options', async () => {
      const { clients, calls } = fakeClients(oneDetector(existing('DISABLED')));
      await invoke(
        cfnEvent('AdoptDetector', request({ EnableIfSuspended: true, ManageSettings: true })),
        clients,
      );
      expect(calls.filter((c) => c.command === 'UpdateDetector').map((c) => c.input)).toEqual([
        {
          DetectorId: DETECTOR_ID,
          Enable: true,
          FindingPublishingFrequency: 'FIFTEEN_MINUTES',
          Features: DEFAULT_FEATURES,
        },
      ]);
    });
  });

  describe('features managed by an AWS Organizations GuardDuty policy', () => {
    const managed = existing('ENABLED', [
      { Name: 'S3_DATA_EVENTS', Status: 'ENABLED' },
      { Name: 'AI_PROTECTION', Status: 'ENABLED', ManagedBy: 'GUARDDUTY_POLICY' },
      {
        Name: 'RUNTIME_MONITORING',
        Status: 'DISABLED',
        AdditionalConfiguration: [
          { Name: 'EKS_ADDON_MANAGEMENT', Status: 'ENABLED', ManagedBy: 'GUARDDUTY_POLICY' },
          { Name: 'EC2_AGENT_MANAGEMENT', Status: 'DISABLED' },
        ],
      },
      {
        Name: 'RDS_LOGIN_EVENTS',
        Status: 'ENABLED',
        AdditionalConfiguration: [
          { Name: 'RDS_DATA_RISK', Status: 'ENABLED', ManagedBy: 'GUARDDUTY_POLICY' },
        ],
      },
    ]);

    it('are left out of UpdateDetector, exactly those, and reported; the deployment succeeds', async () => {
      const { clients, calls } = fakeClients(oneDetector(managed));
      const { response } = await invoke(
        cfnEvent('AdoptDetector', request({ ManageSettings: true })),
        clients,
      );
      const update = calls.find((c) => c.command === 'UpdateDetector');
      expect(update?.input.Features).toEqual([
        { Name: 'S3_DATA_EVENTS', Status: 'ENABLED' },
        { Name: 'EKS_AUDIT_LOGS', Status: 'ENABLED' },
        { Name: 'EBS_MALWARE_PROTECTION', Status: 'ENABLED' },
        // Its only additional configuration is managed: the feature is sent without any.
        { Name: 'RDS_LOGIN_EVENTS', Status: 'ENABLED' },
        { Name: 'LAMBDA_NETWORK_LOGS', Status: 'ENABLED' },
        {
          Name: 'RUNTIME_MONITORING',
          Status: 'DISABLED',
          AdditionalConfiguration: [
            { Name: 'ECS_FARGATE_AGENT_MANAGEMENT', Status: 'DISABLED' },
            { Name: 'EC2_AGENT_MANAGEMENT', Status: 'DISABLED' },
          ],
        },
        { Name: 'AI_ANALYST', Status: 'DISABLED' },
      ]);
      const skipped =
        'RDS_LOGIN_EVENTS/RDS_DATA_RISK (managed by GUARDDUTY_POLICY), ' +
        'RUNTIME_MONITORING/EKS_ADDON_MANAGEMENT (managed by GUARDDUTY_POLICY), ' +
        'AI_PROTECTION (managed by GUARDDUTY_POLICY)';
      expect(response).toMatchObject({
        Status: 'SUCCESS',
        Data: { DetectorId: DETECTOR_ID, Created: 'false', SkippedFeatures: skipped },
      });
      expect(response.Reason).toBe(
        `Adopted the existing detector ${DETECTOR_ID}: applied the requested settings; tagged it; left ${skipped} ` +
          'as they are, because an AWS Organizations GuardDuty policy manages them.',
      );
    });

    it('are not reported when manageSettings is off: nothing is set at all', async () => {
      const { clients, calls } = fakeClients(oneDetector(managed));
      const { response } = await invoke(cfnEvent('AdoptDetector', request()), clients);
      expect(calls.map((c) => c.command)).not.toContain('UpdateDetector');
      expect(response.Data.SkippedFeatures).toBe('');
    });
  });

  it("fails with GuardDuty's own error when access is denied", async () => {
    const { clients } = fakeClients([
      [ListDetectorsCommand, () => ({ DetectorIds: [] })],
      [
        CreateDetectorCommand,
        () => {
          throw new AccessDeniedException({
            message:
              'User: arn:aws:sts::111122223333:assumed-role/provider/fn is not authorized to perform: ' +
              'guardduty:CreateDetector',
            $metadata: { requestId: 'req-403' },
          });
        },
      ],
    ]);
    const { response } = await invoke(cfnEvent('AdoptDetector', request()), clients);
    expect(response).toMatchObject({
      Status: 'FAILED',
      PhysicalResourceId: 'cdk-guardduty-threat-detection::CREATE_FAILED',
      Reason:
        'CreateDetector in eu-west-1 failed: AccessDeniedException: User: ' +
        'arn:aws:sts::111122223333:assumed-role/provider/fn is not authorized to perform: guardduty:CreateDetector ' +
        '(request ID req-403)',
      Data: {},
    });
  });

  it("fails an update with GuardDuty's message and keeps the physical ID, so nothing is replaced", async () => {
    const refused = new BadRequestException({
      message:
        'The request is rejected because an invalid or out-of-range value is specified as an input parameter.',
      $metadata: { requestId: 'req-400' },
    });
    const { clients } = fakeClients(
      oneDetector(existing('ENABLED')).map(([type, answer]) =>
        type === UpdateDetectorCommand
          ? [
              type,
              () => {
                throw refused;
              },
            ]
          : [type, answer],
      ),
    );
    const { response } = await invoke(
      cfnEvent('AdoptDetector', request({ ManageSettings: true }), {
        type: 'Update',
        physicalResourceId: DETECTOR_ID,
      }),
      clients,
    );
    expect(response).toMatchObject({
      Status: 'FAILED',
      PhysicalResourceId: DETECTOR_ID,
      Reason: `UpdateDetector in eu-west-1 failed: BadRequestException: ${refused.message} (request ID req-400)`,
    });
  });

  it('runs the whole logic again on an Update', async () => {
    const { clients, calls } = fakeClients([
      [ListDetectorsCommand, () => ({ DetectorIds: [] })],
      [CreateDetectorCommand, () => ({ DetectorId: 'recreated' })],
    ]);
    const { response } = await invoke(
      cfnEvent('AdoptDetector', request(), { type: 'Update', physicalResourceId: DETECTOR_ID }),
      clients,
    );
    expect(calls.map((c) => c.command)).toEqual(['ListDetectors', 'CreateDetector']);
    expect(response).toMatchObject({ Status: 'SUCCESS', PhysicalResourceId: 'recreated' });
  });

  it('keeps the physical ID on an Update that finds the same detector: the resource is not replaced', async () => {
    const { clients } = fakeClients(oneDetector(existing('ENABLED')));
    const { response } = await invoke(
      cfnEvent('AdoptDetector', request(), { type: 'Update', physicalResourceId: DETECTOR_ID }),
      clients,
    );
    expect(response.PhysicalResourceId).toBe(DETECTOR_ID);
  });

  it('calls nothing on Delete and answers SUCCESS: the detector is kept', async () => {
    const { clients, calls } = fakeClients([]);
    const { response } = await invoke(
      cfnEvent('AdoptDetector', request({ ManageSettings: true, EnableIfSuspended: true }), {
        type: 'Delete',
        physicalResourceId: DETECTOR_ID,
      }),
      clients,
    );
    expect(calls).toEqual([]);
    expect(response).toMatchObject({ Status: 'SUCCESS', PhysicalResourceId: DETECTOR_ID });
  });

  it('fails clearly if GuardDuty lists more than one detector', async () => {
    const { clients } = fakeClients([[ListDetectorsCommand, () => ({ DetectorIds: ['a', 'b'] })]]);
    const { response } = await invoke(cfnEvent('AdoptDetector', request()), clients);
    expect(response.Status).toBe('FAILED');
    expect(response.Reason).toMatch(
      /^ListDetectors returned 2 detectors \(a, b\) for account 111122223333 in eu-west-1/,
    );
  });

  it('retries a throttled call with the real GuardDuty client and its retry settings', async () => {
    const requests: string[] = [];
    const json = (statusCode: number, body: unknown, headers: Record<string, string> = {}) => ({
      response: {
        statusCode,
        headers: { 'content-type': 'application/json', ...headers },
        body: Buffer.from(JSON.stringify(body)),
      },
    });
    const requestHandler = {
      handle: async (httpRequest: { method: string; path: string }) => {
        requests.push(`${httpRequest.method} ${httpRequest.path}`);
        if (httpRequest.method === 'GET' && requests.length === 1) {
          return json(429, { message: 'Rate exceeded' }, { 'x-amzn-errortype': 'ThrottlingException' });
        }
        if (httpRequest.method === 'GET') return json(200, { detectorIds: [] });
        return json(200, { detectorId: DETECTOR_ID });
      },
    };
    const client = guardDutyClient('eu-west-1', {
      credentials: { accessKeyId: 'AKIDEXAMPLE', secretAccessKey: 'secret' },
      requestHandler,
    });
    const clients = { guardDuty: () => client, ssm: () => client } as unknown as Clients;
    const { response } = await invoke(cfnEvent('AdoptDetector', request()), clients);
    expect(requests).toEqual(['GET /detector', 'GET /detector', 'POST /detector']);
    expect(response).toMatchObject({ Status: 'SUCCESS', PhysicalResourceId: DETECTOR_ID });
    // The retry settings are the handler's, not the SDK's default of 3 attempts.
    expect(await client.config.maxAttempts()).toBe(8);
    const mode = client.config.retryMode;
    expect(typeof mode === 'function' ? await mode() : mode).toBe('standard');
  });
});
