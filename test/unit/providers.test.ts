// Provider profiles: what each resolves to, what explicit inputs override, and the exact requests each makes the
// SDK send (signed, captured before the network; the data path against a real server is in providers.itg.test.ts).
import { createHash } from 'node:crypto';
import { Readable } from 'node:stream';
import { PutObjectCommand, UploadPartCommand } from '@aws-sdk/client-s3';
import { describe, expect, test } from 'vitest';
import { UserError } from '../../src/core/errors.js';
import { parseListOptions, type S3Options } from '../../src/options/parse.js';
import { choosePartSize } from '../../src/core/plan.js';
import { createS3Client } from '../../src/s3/client.js';
import { PROFILES } from '../../src/core/providers.js';

const ACCOUNT = '0123456789abcdef0123456789abcdef';
const s3Of = (values: Record<string, string>, env: Record<string, string> = {}): S3Options =>
  parseListOptions((name) => ({ bucket: 'backups', ...values })[name], env).s3;

describe('profile → client settings', () => {
  test.each([
    [
      1,
      { provider: 'aws' },
      { endpoint: undefined, region: 'us-east-1', forcePathStyle: false, requestChecksum: 'WHEN_SUPPORTED' },
    ],
    [
      2,
      { provider: 'aws', endpoint: 'http://127.0.0.1:9000' },
      { endpoint: 'http://127.0.0.1:9000', forcePathStyle: true, requestChecksum: 'WHEN_REQUIRED' },
    ],
    [
      3,
      { provider: 'r2', 'account-id': ACCOUNT },
      {
        endpoint: `https://${ACCOUNT}.r2.cloudflarestorage.com`,
        region: 'auto',
        forcePathStyle: true,
        requestChecksum: 'WHEN_REQUIRED',
      },
    ],
    [
      4,
      { provider: 'b2', region: 'us-west-004' },
      {
        endpoint: 'https://s3.us-west-004.backblazeb2.com',
        region: 'us-west-004',
        forcePathStyle: false,
        requestChecksum: 'WHEN_REQUIRED',
      },
    ],
    [
      5,
      { provider: 'spaces', region: 'nyc3' },
      { endpoint: 'https://nyc3.digitaloceanspaces.com', forcePathStyle: false, requestChecksum: 'WHEN_REQUIRED' },
    ],
    [
      6,
      { provider: 'gcs' },
      {
        endpoint: 'https://storage.googleapis.com',
        region: 'auto',
        forcePathStyle: true,
        requestChecksum: 'WHEN_REQUIRED',
      },
    ],
    [
      7,
      { provider: 'minio', endpoint: 'http://minio:9000' },
      { endpoint: 'http://minio:9000', forcePathStyle: true, requestChecksum: 'WHEN_SUPPORTED' },
    ],
    [
      8,
      { provider: 'scaleway', region: 'fr-par' },
      { endpoint: 'https://s3.fr-par.scw.cloud', forcePathStyle: false, requestChecksum: 'WHEN_REQUIRED' },
    ],
    [
      9,
      { provider: 'wasabi' },
      { endpoint: 'https://s3.us-east-1.wasabisys.com', region: 'us-east-1', requestChecksum: 'WHEN_REQUIRED' },
    ],
    // explicit inputs override the profile
    [
      10,
      {
        provider: 'b2',
        region: 'eu-central-003',
        endpoint: 'http://127.0.0.1:7480',
        'force-path-style': 'true',
        'request-checksum': 'when-supported',
      },
      {
        endpoint: 'http://127.0.0.1:7480',
        region: 'eu-central-003',
        forcePathStyle: true,
        requestChecksum: 'WHEN_SUPPORTED',
      },
    ],
    [
      11,
      { provider: 'scaleway', region: 'nl-ams', 'force-path-style': 'true' },
      { endpoint: 'https://s3.nl-ams.scw.cloud', forcePathStyle: true },
    ],
  ])('%i: %j', (_n, inputs, expected) => expect(s3Of(inputs)).toMatchObject(expected));

  test('the account id may come from CLOUDFLARE_ACCOUNT_ID', () => {
    expect(s3Of({ provider: 'r2' }, { CLOUDFLARE_ACCOUNT_ID: ACCOUNT }).endpoint).toBe(
      `https://${ACCOUNT}.r2.cloudflarestorage.com`,
    );
  });

  test.each([
    [1, { provider: 'dropbox' }, 'provider: "dropbox" is not one of aws, r2, b2, spaces, gcs, minio, scaleway, wasabi'],
    [
      2,
      { provider: 'b2' },
      'region is empty: provider b2 builds its endpoint from the region (e.g. us-west-004); set region or endpoint',
    ],
    [
      3,
      { provider: 'r2' },
      'account-id is empty: provider r2 builds its endpoint from your Cloudflare account id; set account-id (or CLOUDFLARE_ACCOUNT_ID) or endpoint',
    ],
    [4, { provider: 'r2', 'account-id': 'abc' }, 'account-id: "abc" is not a Cloudflare account id (32 hex digits)'],
    [5, { provider: 'minio' }, 'endpoint is empty: provider minio needs its URL (e.g. https://minio.example.com:9000)'],
  ])('%i: %j is refused with one line', (_n, inputs, message) =>
    expect(() => s3Of(inputs)).toThrow(new UserError(message)),
  );

  test('the part limit: Scaleway takes 1,000 parts, so a 100 GB dump gets 96 MiB parts instead of 10 MiB', () => {
    expect(choosePartSize(100e9, 'zstd', undefined, PROFILES.aws.maxParts)).toBe(10 * 2 ** 20);
    expect(choosePartSize(100e9, 'zstd', undefined, PROFILES.scaleway.maxParts)).toBe(96 * 2 ** 20);
    expect(Math.ceil(100e9 / (96 * 2 ** 20))).toBeLessThanOrEqual(1000);
  });

  test('no bulk delete on GCS; storage-class names per provider', () => {
    expect(
      Object.values(PROFILES)
        .filter((p) => !p.bulkDelete)
        .map((p) => p.name),
    ).toEqual(['gcs']);
    expect(PROFILES.gcs.storageClasses).toContain('NEARLINE');
    expect(PROFILES.scaleway.storageClasses).toContain('GLACIER');
  });
});

interface Sent {
  command: string;
  url: string;
  headers: Record<string, string>;
  bodySha256?: string;
}

/** The product's client; a last middleware records the signed request and answers 200 instead of the network. */
function capturingClient(o: S3Options, sent: Sent[]) {
  const client = createS3Client(o);
  client.config.credentials = async () => ({
    accessKeyId: 'AKIDEXAMPLE',
    secretAccessKey: 'wJalrXUtnFEMI/K7MDENG+bPxRfiCYEXAMPLEKEY',
  });
  client.middlewareStack.add(
    (_next, context) => async (args) => {
      const req = args.request as {
        protocol: string;
        hostname: string;
        port?: number;
        path: string;
        headers: Record<string, string>;
        body?: unknown;
      };
      sent.push({
        command: context.commandName as string,
        url: `${req.protocol}//${req.hostname}${req.port ? `:${req.port}` : ''}${req.path}`,
        headers: Object.fromEntries(Object.entries(req.headers).map(([k, v]) => [k.toLowerCase(), v])),
        bodySha256:
          Buffer.isBuffer(req.body) || req.body instanceof Uint8Array
            ? createHash('sha256')
                .update(req.body as Uint8Array)
                .digest('hex')
            : undefined,
      });
      const body = context.commandName === 'DeleteObjectsCommand' ? '<DeleteResult></DeleteResult>' : '';
      return {
        response: { statusCode: 200, headers: { etag: '"x"' }, body: Readable.from([Buffer.from(body)]) } as never,
      };
    },
    { step: 'deserialize', priority: 'low', name: 'captureAndAnswer' },
  );
  return client;
}

const PROFILE_INPUTS: Record<string, Record<string, string>> = {
  aws: { region: 'eu-west-1' },
  r2: { 'account-id': ACCOUNT },
  b2: { region: 'us-west-004' },
  spaces: { region: 'nyc3' },
  gcs: {},
  minio: { endpoint: 'https://minio.example.com:9000' },
  scaleway: { region: 'fr-par' },
  wasabi: { region: 'eu-central-1' },
};
const HOST: Record<string, string> = {
  aws: 'https://backups.s3.eu-west-1.amazonaws.com/',
  r2: `https://${ACCOUNT}.r2.cloudflarestorage.com/backups/`,
  b2: 'https://backups.s3.us-west-004.backblazeb2.com/',
  spaces: 'https://backups.nyc3.digitaloceanspaces.com/',
  gcs: 'https://storage.googleapis.com/backups/',
  minio: 'https://minio.example.com:9000/backups/',
  scaleway: 'https://backups.s3.fr-par.scw.cloud/',
  wasabi: 'https://backups.s3.eu-central-1.wasabisys.com/',
};

describe.each(Object.keys(PROFILES))('requests the %s profile sends', (name) => {
  const o = s3Of({ provider: name, ...PROFILE_INPUTS[name] });
  const part = Buffer.alloc(5 * 2 ** 20, 7);

  test('address (virtual-hosted or path-style) and a part upload: CRC32, or a signed SHA-256 payload hash only', async () => {
    const sent: Sent[] = [];
    const client = capturingClient(o, sent);
    await client.send(
      new UploadPartCommand({
        Bucket: 'backups',
        Key: 'production/x.dump.zst',
        UploadId: 'u1',
        PartNumber: 1,
        Body: part,
      }),
    );
    await client.send(
      new PutObjectCommand({ Bucket: 'backups', Key: 'production/x.dump.zst.sha256', Body: Buffer.from('abc  x\n') }),
    );
    const [up, put] = sent;
    expect(up!.url.startsWith(`${HOST[name]}production/x.dump.zst`)).toBe(true);
    expect(up!.headers.authorization).toMatch(new RegExp(`/${o.region}/s3/aws4_request`));
    const checksums = Object.keys(up!.headers).filter(
      (h) => h.startsWith('x-amz-checksum-') || h === 'x-amz-sdk-checksum-algorithm',
    );
    if (PROFILES[name as keyof typeof PROFILES].requestChecksum === 'WHEN_SUPPORTED') {
      expect(checksums.length).toBeGreaterThan(0);
      expect(up!.headers['x-amz-checksum-crc32'] ?? up!.headers['x-amz-trailer']).toBeTruthy();
    } else {
      expect(checksums).toEqual([]);
      expect(up!.headers['x-amz-content-sha256']).toBe(createHash('sha256').update(part).digest('hex'));
      expect(put!.headers['x-amz-content-sha256']).toBe(put!.bodySha256);
    }
  });

  test('a prune batch: DeleteObjects where the provider has it', async () => {
    const sent: Sent[] = [];
    const client = capturingClient(o, sent);
    const { deleteMany } = await import('../../src/s3/bucket.js');
    await deleteMany(client, 'backups', ['production/a', 'production/a.sha256'], o.provider.bulkDelete);
    expect(sent.map((s) => s.command)).toEqual(
      o.provider.bulkDelete ? ['DeleteObjectsCommand'] : ['DeleteObjectCommand', 'DeleteObjectCommand'],
    );
    if (o.provider.bulkDelete) {
      // DeleteObjects requires an integrity header: the SDK sends one even in when-required mode
      expect(Object.keys(sent[0]!.headers).some((h) => h === 'content-md5' || h.startsWith('x-amz-checksum-'))).toBe(
        true,
      );
    }
  });
});

test('deletes go in batches of at most 1,000 keys (DeleteObjects), and one request per key without bulk delete', async () => {
  const { deleteMany } = await import('../../src/s3/bucket.js');
  const keys = Array.from({ length: 2500 }, (_, i) => `production/k${i}`);
  const sent: Sent[] = [];
  await deleteMany(capturingClient(s3Of({ provider: 'aws' }), sent), 'backups', keys, true);
  expect(sent.map((s) => s.command)).toEqual(['DeleteObjectsCommand', 'DeleteObjectsCommand', 'DeleteObjectsCommand']);
  const single: Sent[] = [];
  await deleteMany(capturingClient(s3Of({ provider: 'gcs' }), single), 'backups', keys.slice(0, 3), false);
  expect(single.map((s) => [s.command, s.url])).toEqual(
    keys.slice(0, 3).map((k) => ['DeleteObjectCommand', `https://storage.googleapis.com/backups/${k}`]),
  );
});
