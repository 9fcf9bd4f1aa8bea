import * as http from 'node:http';
import type { AddressInfo } from 'node:net';
import { ListDetectorsCommand } from '@aws-sdk/client-guardduty';
import { describe, expect, it } from 'vitest';
import type {
  AdoptDetectorRequest,
  Clients,
} from '../../../packages/construct-library/src/private/provider/contract';
import {
  createHandler,
  DEADLINE_MARGIN_MS,
} from '../../../packages/construct-library/src/private/provider/handler';
import {
  MAX_RESPONSE_BYTES,
  responseBody,
} from '../../../packages/construct-library/src/private/provider/handler/cfn-response';
import { cfnEvent, fakeClients, invoke, lambdaContext, STACK_ID } from './fakes';

const REQUEST: AdoptDetectorRequest = {
  FindingPublishingFrequency: 'FIFTEEN_MINUTES',
  Features: [],
  Tags: {},
  ManageSettings: false,
  EnableIfSuspended: false,
};

describe('the answer to CloudFormation', () => {
  it('is PUT to the presigned URL with an empty Content-Type and the whole body', async () => {
    const received: { method?: string; url?: string; headers: http.IncomingHttpHeaders; body: string }[] = [];
    const server = http.createServer((req, res) => {
      let body = '';
      req.on('data', (chunk) => (body += chunk));
      req.on('end', () => {
        received.push({ method: req.method, url: req.url, headers: req.headers, body });
        res.writeHead(200).end();
      });
    });
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    try {
      const { port } = server.address() as AddressInfo;
      const event = {
        ...cfnEvent('AdoptDetector', REQUEST, { type: 'Delete', physicalResourceId: 'detector-1' }),
        ResponseURL: `http://127.0.0.1:${port}/response?X-Amz-Signature=abc`,
      };
      // The real PUT: only the clients are fakes.
      const handler = createHandler({ clients: fakeClients([]).clients, log: () => undefined });
      await handler(event, lambdaContext());
      expect(received).toHaveLength(1);
      expect(received[0].method).toBe('PUT');
      expect(received[0].url).toBe('/response?X-Amz-Signature=abc');
      expect(received[0].headers['content-type']).toBe('');
      expect(received[0].headers['content-length']).toBe(String(Buffer.byteLength(received[0].body)));
      expect(JSON.parse(received[0].body)).toEqual({
        Status: 'SUCCESS',
        Reason: 'The detector is kept: deleting the resource or the stack never deletes or disables it.',
        PhysicalResourceId: 'detector-1',
        StackId: STACK_ID,
        RequestId: 'request-1',
        LogicalResourceId: 'Resource',
        NoEcho: false,
        Data: {},
      });
    } finally {
      server.close();
    }
  });

  it('is FAILED, with the error, on an unexpected exception', async () => {
    const { clients } = fakeClients([
      [
        ListDetectorsCommand,
        () => {
          throw new TypeError("Cannot read properties of undefined (reading 'DetectorIds')");
        },
      ],
    ]);
    const { response } = await invoke(cfnEvent('AdoptDetector', REQUEST), clients);
    expect(response).toMatchObject({
      Status: 'FAILED',
      PhysicalResourceId: 'cdk-guardduty-threat-detection::CREATE_FAILED',
      Reason:
        "ListDetectors in eu-west-1 failed: TypeError: Cannot read properties of undefined (reading 'DetectorIds')",
    });
  });

  it('is FAILED when a client cannot even be created', async () => {
    const clients = {
      guardDuty: () => {
        throw new Error('no Region configured');
      },
    } as unknown as Clients;
    const { response } = await invoke(cfnEvent('AdoptDetector', REQUEST), clients);
    expect(response).toMatchObject({
      Status: 'FAILED',
      Reason: 'Unexpected error in the provider function: Error: no Region configured',
    });
  });

  it('is FAILED on malformed properties, naming what is wrong', async () => {
    const event = cfnEvent('AdoptDetector', REQUEST);
    const bad = { ...event, ResourceProperties: { ...event.ResourceProperties, Request: '{not json' } };
    const { response } = await invoke(bad, fakeClients([]).clients);
    expect(response.Status).toBe('FAILED');
    expect(response.Reason).toMatch(/^Unexpected error in the provider function: SyntaxError: /);
  });

  it('is FAILED for an unknown action, keeping the physical ID of an Update', async () => {
    const event = cfnEvent('AdoptDetector', REQUEST, { type: 'Update', physicalResourceId: 'kept' });
    const unknown = {
      ...event,
      ResourceProperties: { ...event.ResourceProperties, Action: 'DeleteDetector' },
    };
    const { response } = await invoke(unknown, fakeClients([]).clients);
    expect(response).toMatchObject({
      Status: 'FAILED',
      PhysicalResourceId: 'kept',
      Reason:
        'Unknown Action "DeleteDetector"; the provider function knows AdoptDetector, DelegatedAdministrator, ' +
        'OrganizationConfiguration, ReadParameter. The custom resource and the function come from different ' +
        'versions of cdk-guardduty-threat-detection.',
    });
  });

  it('is FAILED before the Lambda timeout when a call never returns, naming the call', async () => {
    const { clients } = fakeClients([[ListDetectorsCommand, () => new Promise(() => undefined)]]);
    const started = Date.now();
    const { response } = await invoke(
      cfnEvent('AdoptDetector', REQUEST, { type: 'Update', physicalResourceId: 'detector-1' }),
      clients,
      lambdaContext(DEADLINE_MARGIN_MS + 50),
    );
    expect(Date.now() - started).toBeLessThan(5_000);
    expect(response).toMatchObject({
      Status: 'FAILED',
      PhysicalResourceId: 'detector-1',
      Reason:
        'The provider function ran out of time while waiting for ListDetectors in eu-west-1: AWS kept throttling the ' +
        'calls or did not answer. Deploy again; the log group of the provider function lists every call it made.',
    });
  });

  it('answers the Delete of a resource whose Create failed without calling anything', async () => {
    const { clients, calls } = fakeClients([]);
    const { response } = await invoke(
      cfnEvent(
        'DelegatedAdministrator',
        { AdminAccountId: '222222222222', DisableOnDelete: true },
        { type: 'Delete', physicalResourceId: 'cdk-guardduty-threat-detection::CREATE_FAILED' },
      ),
      clients,
    );
    expect(calls).toEqual([]);
    expect(response).toMatchObject({
      Status: 'SUCCESS',
      PhysicalResourceId: 'cdk-guardduty-threat-detection::CREATE_FAILED',
    });
  });

  it('never exceeds 4096 bytes: a long Reason is cut, with a note', () => {
    const event = cfnEvent('AdoptDetector', REQUEST);
    const body = responseBody(event, 'FAILED', { physicalResourceId: 'x', reason: 'é'.repeat(5000) });
    expect(Buffer.byteLength(body)).toBeLessThanOrEqual(MAX_RESPONSE_BYTES);
    expect(JSON.parse(body).Reason).toMatch(/é \[cut: see the log of the provider function\]$/);
    const short = responseBody(event, 'FAILED', { physicalResourceId: 'x', reason: 'short' });
    expect(JSON.parse(short).Reason).toBe('short');
  });

  it('logs the event without its presigned URL, each call with its input, and the outcome', async () => {
    const { clients } = fakeClients([[ListDetectorsCommand, () => ({ DetectorIds: [] })]]);
    const { logs } = await invoke(cfnEvent('AdoptDetector', REQUEST), clients);
    expect(JSON.stringify(logs)).not.toContain('presigned');
    expect(logs[0]).toMatchObject({ event: { RequestType: 'Create', LogicalResourceId: 'Resource' } });
    expect(logs).toContainEqual({
      call: 'ListDetectors',
      region: 'eu-west-1',
      input: { NextToken: undefined },
    });
    expect(logs.at(-1)).toMatchObject({ status: 'FAILED' });
  });
});
