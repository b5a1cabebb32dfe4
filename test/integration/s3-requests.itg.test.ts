// What the backup sends to S3, request by request (SDK middleware capture), against the real servers.
import { createHash } from 'node:crypto';
import { HeadObjectCommand, type S3Client } from '@aws-sdk/client-s3';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { backup } from '../../src/backup/database.js';
import { runContext } from '../../src/hosts/runner.js';
import { parseBackupOptions } from '../../src/options/parse.js';
import { isClaimKey } from '../../src/core/naming.js';
import { createS3Client } from '../../src/s3/client.js';
import { fauxqs, pg, rgw } from '../support/context.js';
import { awkwardDatabase } from '../support/fixtures.js';
import { backupArgs } from '../support/cli-args.js';
import { startFaultProxy } from '../support/fault-proxy.js';
import { capture, runCli, s3Env } from '../support/run.js';

import {
  createBucket,
  emptyAndDeleteBucket,
  getObject,
  makeS3Client,
  type S3Descriptor,
} from '../support/s3-servers.js';

interface Sent {
  command: string;
  key?: string;
  headers: Record<string, string>;
  query: Record<string, string | string[] | null>;
  bodySha256?: string;
}

/** Our own client factory with a middleware that records every request as signed and sent. */
function recordingClient(server: S3Descriptor, sent: Sent[]) {
  return (o: Parameters<typeof createS3Client>[0]): S3Client => {
    const client = createS3Client(o);
    client.config.credentials = async () => ({
      accessKeyId: server.accessKeyId,
      secretAccessKey: server.secretAccessKey,
    });
    client.middlewareStack.add(
      (next, context) => async (args) => {
        const req = args.request as { headers: Record<string, string>; query: Record<string, string>; body?: unknown };
        const body = req.body;
        sent.push({
          command: context.commandName as string,
          key: (args.input as { Key?: string }).Key,
          headers: { ...req.headers },
          query: { ...req.query },
          bodySha256:
            Buffer.isBuffer(body) || body instanceof Uint8Array
              ? createHash('sha256')
                  .update(body as Uint8Array)
                  .digest('hex')
              : undefined,
        });
        return next(args);
      },
      { step: 'finalizeRequest', priority: 'low', name: 'recordRequests' },
    );
    return client;
  };
}

const quiet = { info: (m: string) => capture('log', m), warning: (m: string) => capture('warning', m) };

async function runBackup(
  server: S3Descriptor,
  bucket: string,
  db: string,
  inputs: Record<string, string>,
  sent: Sent[],
) {
  const env = { AWS_ACCESS_KEY_ID: server.accessKeyId, AWS_SECRET_ACCESS_KEY: server.secretAccessKey };
  const options = parseBackupOptions(
    (name) =>
      ({
        'database-url': pg(15).url(db),
        bucket,
        endpoint: server.endpoint,
        environment: 'req',
        'part-size': '5MiB',
        ...inputs,
      })[name],
    env,
  );
  const ctx = runContext(quiet, new AbortController().signal, {
    s3Client: recordingClient(server, sent),
    env: { ...process.env, ...env },
  });
  return backup(options, ctx);
}

describe('requests sent', () => {
  let db: string;
  const buckets: Array<[S3Descriptor, string]> = [];
  beforeAll(async () => {
    db = await pg(15).createDatabase();
    // ~12 MB of dump that zstd cannot shrink much: several 5 MiB parts
    await pg(15).exec(
      db,
      `CREATE TABLE noise AS SELECT g AS id, decode(md5(g::text) || md5((g*3)::text), 'hex') || decode(md5((g*5)::text), 'hex') AS b FROM generate_series(1, 200000) g;`,
    );
  });
  afterAll(async () => {
    for (const [server, bucket] of buckets) await emptyAndDeleteBucket(server, bucket);
  });
  async function bucketOn(server: S3Descriptor) {
    const bucket = await createBucket(server);
    buckets.push([server, bucket]);
    return bucket;
  }

  test('Ceph (custom endpoint → when-required): every part is protected by its signed SHA-256 payload hash', async () => {
    const sent: Sent[] = [];
    const bucket = await bucketOn(rgw());
    const r = await runBackup(rgw(), bucket, db, {}, sent);
    const parts = sent.filter((s) => s.command === 'UploadPartCommand');
    expect(parts.length).toBeGreaterThanOrEqual(2);
    for (const p of parts) {
      expect(p.headers['x-amz-content-sha256']).toBe(p.bodySha256);
      expect(Object.keys(p.headers).filter((h) => h.startsWith('x-amz-checksum-'))).toEqual([]);
    }
    expect(sent.map((s) => s.command)).toContain('CompleteMultipartUploadCommand');
    expect(r.size).toBeGreaterThan(5 * 2 ** 20); // more than one part of 5 MiB
    // never an overwrite: the object completes, and its sidecars are written, only if the key is still free there
    const ifNoneMatch = sent.filter((s) => s.headers['if-none-match'] === '*').map((s) => [s.command, s.key]);
    expect(ifNoneMatch).toEqual([
      ['CompleteMultipartUploadCommand', r.key],
      ['PutObjectCommand', r.checksumKey],
      ['PutObjectCommand', r.manifestKey],
    ]);
    // the key was claimed first, and the claim removed at the end
    const claim = sent.find((s) => s.command === 'PutObjectCommand' && isClaimKey(s.key!))!;
    expect(claim.key).toMatch(
      new RegExp(`^req/\\.claims/${r.key.split('/')[1]!.replace(/\./g, '\\.')}/[0-9a-f-]{36}$`),
    );
    expect(sent.indexOf(claim)).toBeLessThan(sent.findIndex((s) => s.command === 'CreateMultipartUploadCommand'));
    expect(sent.filter((s) => s.command === 'DeleteObjectCommand').map((s) => s.key)).toEqual([claim.key]);
  });

  test('S3 servers that take the SDK default (when-supported, as on AWS): every part carries a CRC32 checksum', async () => {
    const sent: Sent[] = [];
    const bucket = await bucketOn(fauxqs());
    await runBackup(fauxqs(), bucket, db, { 'request-checksum': 'when-supported' }, sent);
    const parts = sent.filter((s) => s.command === 'UploadPartCommand');
    expect(parts.length).toBeGreaterThanOrEqual(2);
    for (const p of parts) expect(p.headers['x-amz-checksum-crc32']).toMatch(/^[A-Za-z0-9+/]+=*$/);
  });

  test('SSE-S3 (AES256) through the exact requests sent — Ceph 16 cannot store SSE-S3, MinIO covers it in e2e.yml', async () => {
    const sent: Sent[] = [];
    const bucket = await bucketOn(fauxqs());
    const r = await runBackup(
      fauxqs(),
      bucket,
      await awkwardDatabase(pg(15)),
      { sse: 'AES256', 'storage-class': 'STANDARD_IA', tags: 'team=data' },
      sent,
    );
    const all = sent.filter((s) => ['CreateMultipartUploadCommand', 'PutObjectCommand'].includes(s.command));
    // the key's claim: encrypted as a bucket policy may demand of every write, no tags, no storage class
    const claims = all.filter((w) => isClaimKey(w.key!));
    expect(claims).toHaveLength(1);
    expect(claims[0]!.headers).toMatchObject({ 'x-amz-server-side-encryption': 'AES256' });
    expect(Object.keys(claims[0]!.headers).filter((h) => /tagging|storage-class/.test(h))).toEqual([]);
    const writes = all.filter((w) => !isClaimKey(w.key!));
    // latest.json, and the database's own pointer latest/<name>.json
    const pointers = ['req/latest.json', `req/latest/${r.manifest.database.name}.json`];
    expect(writes.map((w) => w.key).sort()).toEqual([r.key, r.checksumKey, r.manifestKey, ...pointers].sort());
    for (const w of writes) {
      expect(w.headers['x-amz-server-side-encryption']).toBe('AES256');
      // the backup and its sidecars also carry their retention tier; the pointers only the user's tags
      expect(w.headers['x-amz-tagging']).toBe(
        pointers.includes(w.key!) ? 'team=data' : 'team=data&s3-backup-tier=yearly',
      );
    }
    // the backup in the class asked for; small sidecars stay STANDARD (IA bills 128 KiB minimum per object)
    expect(writes.find((w) => w.key === r.key)?.headers['x-amz-storage-class']).toBe('STANDARD_IA');
    expect(writes.find((w) => w.key === r.checksumKey)?.headers['x-amz-storage-class']).toBeUndefined();
  });

  test('SSE-KMS on Ceph (testing KMS backend): stored encrypted with the key asked for, latest-copy included', async () => {
    const sent: Sent[] = [];
    const bucket = await bucketOn(rgw());
    const r = await runBackup(
      rgw(),
      bucket,
      await awkwardDatabase(pg(15)),
      { sse: 'aws:kms', 'sse-kms-key-id': 'testkey-1', 'latest-copy': 'true' },
      sent,
    );
    const client = makeS3Client(rgw());
    for (const key of [r.key, r.checksumKey, r.latestCopyKey!]) {
      const head = await client.send(new HeadObjectCommand({ Bucket: bucket, Key: key }));
      expect([key, head.ServerSideEncryption, head.SSEKMSKeyId]).toEqual([key, 'aws:kms', 'testkey-1']);
    }
    // Ceph 16 cannot copy encrypted objects server-side (501): the copy was streamed instead
    expect(sent.filter((s) => s.command === 'CopyObjectCommand')).toHaveLength(1);
    expect(
      sent.some(
        (s) => ['PutObjectCommand', 'CreateMultipartUploadCommand'].includes(s.command) && s.key === r.latestCopyKey,
      ),
    ).toBe(true);
  });
});

describe('the round trips of a default backup, counted at a recording proxy', () => {
  let db: string;
  let bucket: string;
  beforeAll(async () => {
    [db, bucket] = await Promise.all([pg(15).createDatabase(), createBucket(rgw())]);
    await pg(15).exec(
      db,
      `CREATE TABLE t (id int PRIMARY KEY, v text); INSERT INTO t SELECT g, md5(g::text) FROM generate_series(1, 1000) g;`,
    );
  });
  afterAll(async () => emptyAndDeleteBucket(rgw(), bucket));

  test('CLI backup with the defaults (one database and the globals, the set): exactly these requests by kind', async () => {
    const proxy = await startFaultProxy(rgw().endpoint, () => undefined);
    let r: Awaited<ReturnType<typeof runCli>>;
    try {
      r = await runCli(
        backupArgs(pg(15).url(db), { bucket, endpoint: proxy.endpoint, environment: 'rt' }),
        s3Env(rgw()),
      );
    } finally {
      await proxy.close();
    }
    expect(r.code, r.stderr).toBe(0);
    const byKind: Record<string, number> = {};
    for (const s of proxy.seen) byKind[s.op] = (byKind[s.op] ?? 0) + 1;
    // a new round trip is a visible change here. Each of the three keys (the database, the globals, the set) is
    // claimed: LIST (is the key taken?), PUT claim, LIST claims, LIST the key again, DELETE the claim at the end. The database and the globals share
    // one LIST of the prefix for their tiers, which the size trend reads again instead of listing. PUT: the two
    // objects, their .sha256 and .meta, latest/<name>.json, latest.json, latest/_globals.json, the set and
    // sets/latest.json. Nothing is read back.
    expect(byKind).toEqual({ ListObjectsV2: 3 * 3 + 1, PutObject: 3 + 2 * 3 + 3 + 2, DeleteObject: 3 });
    expect(proxy.seen.length).toBe(27);
    const latest = JSON.parse((await getObject(rgw(), bucket, 'rt/latest.json')).toString()) as { key: string };
    expect(proxy.seen.filter((q) => q.op === 'PutObject').map((q) => q.key)).toContain(latest.key);
  });
});
