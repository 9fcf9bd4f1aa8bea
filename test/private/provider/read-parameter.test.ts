import { GetParameterCommand, ParameterNotFound } from '@aws-sdk/client-ssm';
import { describe, expect, it } from 'vitest';
import { cfnEvent, fakeClients, invoke } from './fakes';

const NAME = '/cdk-guardduty-threat-detection/Home/findings-archive';
const BUCKET = 'arn:aws:s3:::home-findings-archive-bucket';
const KEY = 'arn:aws:kms:ap-northeast-1:111122223333:key/1234abcd-12ab-34cd-56ef-1234567890ab';

function parameter(value: string | undefined) {
  return fakeClients([[GetParameterCommand, () => ({ Parameter: { Name: NAME, Value: value } })]]);
}

describe('ReadParameter', () => {
  it('reads the parameter in the home Region and returns the bucket and key ARNs', async () => {
    const { clients, calls } = parameter(`${BUCKET}|${KEY}`);
    const { response } = await invoke(
      cfnEvent('ReadParameter', { Name: NAME }, { region: 'ap-northeast-1' }),
      clients,
    );
    expect(calls).toEqual([{ command: 'GetParameter', input: { Name: NAME }, region: 'ap-northeast-1' }]);
    expect(response).toMatchObject({
      Status: 'SUCCESS',
      // The value is the physical ID: a new value replaces the resource, so that its dependents update.
      PhysicalResourceId: `${BUCKET}|${KEY}`,
      Data: { BucketArn: BUCKET, KeyArn: KEY },
    });
  });

  it.each([
    ['no separator', BUCKET],
    ['three parts', `${BUCKET}|${KEY}|extra`],
    ['a bucket name instead of an ARN', `home-findings-archive-bucket|${KEY}`],
    ['the two ARNs swapped', `${KEY}|${BUCKET}`],
    ['an empty key', `${BUCKET}|`],
  ])('fails clearly on a malformed value (%s)', async (_case, value) => {
    const { clients } = parameter(value);
    const { response } = await invoke(
      cfnEvent('ReadParameter', { Name: NAME }, { region: 'ap-northeast-1' }),
      clients,
    );
    expect(response.Status).toBe('FAILED');
    expect(response.Reason).toBe(
      `The SSM parameter ${NAME} in ap-northeast-1 holds ${JSON.stringify(value)}, not "BUCKET_ARN|KEY_ARN" (an S3 ` +
        "bucket ARN and a KMS key ARN). The home Region's stack writes it (FindingsArchiveParameter): deploy that " +
        'stack first, and do not change the parameter by hand.',
    );
  });

  it("fails with SSM's error, and what to do, when the parameter does not exist", async () => {
    const { clients } = fakeClients([
      [
        GetParameterCommand,
        () => {
          throw new ParameterNotFound({ message: '', $metadata: { requestId: 'req-ssm' } });
        },
      ],
    ]);
    const { response } = await invoke(
      cfnEvent('ReadParameter', { Name: NAME }, { region: 'ap-northeast-1' }),
      clients,
    );
    expect(response).toMatchObject({
      Status: 'FAILED',
      Reason:
        "GetParameter in ap-northeast-1 failed: ParameterNotFound (request ID req-ssm). The home Region's stack " +
        'creates this parameter (FindingsArchiveParameter): deploy that stack first.',
    });
  });

  it('calls nothing on Delete', async () => {
    const { clients, calls } = parameter(`${BUCKET}|${KEY}`);
    const { response } = await invoke(
      cfnEvent('ReadParameter', { Name: NAME }, { type: 'Delete', physicalResourceId: `${BUCKET}|${KEY}` }),
      clients,
    );
    expect(calls).toEqual([]);
    expect(response).toMatchObject({ Status: 'SUCCESS', PhysicalResourceId: `${BUCKET}|${KEY}` });
  });
});
