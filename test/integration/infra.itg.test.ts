// Proves the integration-test infrastructure itself: both S3 servers, both PostgreSQL servers, the
// awkward fixture and the snapshot comparison across a 15 -> 18 pg_dump/pg_restore.
import { spawn } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { Readable } from 'node:stream';
import {
  CreateMultipartUploadCommand,
  GetObjectCommand,
  ListObjectsV2Command,
  PutObjectCommand,
  UploadPartCommand,
} from '@aws-sdk/client-s3';
import { describe, expect, it } from 'vitest';
import { fauxqs, pg, rgw, s3Servers } from '../support/context.js';
import { snapshotDatabase, type DbSnapshot } from '../support/db-snapshot.js';
import { PG_PASSWORD } from '../support/postgres.js';
import {
  createBucket,
  emptyAndDeleteBucket,
  listAllKeys,
  listMultipartUploads,
  makeS3Client,
} from '../support/s3-servers.js';

const AWKWARD_SQL = fileURLToPath(new URL('../support/fixtures/awkward.sql', import.meta.url));

function run(cmd: string, args: string[]): Promise<string> {
  return new Promise((resolve, reject) => {
    const child = spawn(cmd, args, { stdio: ['ignore', 'pipe', 'pipe'] });
    let out = '';
    child.stdout.on('data', (b: Buffer) => (out += b.toString()));
    child.stderr.on('data', (b: Buffer) => (out += b.toString()));
    child.on('error', reject);
    child.on('close', (code) => (code === 0 ? resolve(out) : reject(new Error(`${cmd} exited ${code}: ${out}`))));
  });
}

/** pg_dump -Fc <from> | pg_restore -d <to> */
function dumpRestore(fromUrl: string, toUrl: string): Promise<void> {
  return new Promise((resolve, reject) => {
    const dump = spawn('pg_dump', ['-Fc', '--dbname', fromUrl], { stdio: ['ignore', 'pipe', 'pipe'] });
    const restore = spawn('pg_restore', ['--exit-on-error', '--no-owner', '--dbname', toUrl], {
      stdio: ['pipe', 'pipe', 'pipe'],
    });
    let errors = '';
    dump.stderr.on('data', (b: Buffer) => (errors += `pg_dump: ${b}`));
    restore.stderr.on('data', (b: Buffer) => (errors += `pg_restore: ${b}`));
    restore.stdout.resume();
    dump.stdout.pipe(restore.stdin);
    let pending = 2;
    const codes: Record<string, number | null> = {};
    const done = (name: string) => (code: number | null) => {
      codes[name] = code;
      if (--pending) return;
      if (codes.pg_dump === 0 && codes.pg_restore === 0) resolve();
      else reject(new Error(`pg_dump ${codes.pg_dump} / pg_restore ${codes.pg_restore}: ${errors}`));
    };
    dump.on('close', done('pg_dump'));
    restore.on('close', done('pg_restore'));
  });
}

describe.each(s3Servers().map((s) => [s.kind, s] as const))('S3 server %s', (_kind, server) => {
  it('round-trips PutObject / GetObject (string, binary and stream bodies) and cleans up', async () => {
    const s3 = makeS3Client(server);
    const bucket = await createBucket(server);
    const binary = Buffer.from([0, 255, 0, 1, 2, 3, 0]);
    await s3.send(new PutObjectCommand({ Bucket: bucket, Key: 'dir/hello.txt', Body: 'hello ✓' }));
    await s3.send(new PutObjectCommand({ Bucket: bucket, Key: 'dir/bin', Body: binary }));
    // stream body of unknown length: what rgw refuses under the SDK's default WHEN_SUPPORTED checksums
    await s3.send(
      new PutObjectCommand({
        Bucket: bucket,
        Key: 'stream',
        Body: Readable.from([Buffer.from('chunk1'), Buffer.from('chunk2')]),
        ContentLength: 12,
      }),
    );

    const text = await (
      await s3.send(new GetObjectCommand({ Bucket: bucket, Key: 'dir/hello.txt' }))
    ).Body!.transformToString();
    expect(text).toBe('hello ✓');
    const bytes = await (
      await s3.send(new GetObjectCommand({ Bucket: bucket, Key: 'dir/bin' }))
    ).Body!.transformToByteArray();
    expect(Buffer.from(bytes)).toEqual(binary);
    const streamed = await (
      await s3.send(new GetObjectCommand({ Bucket: bucket, Key: 'stream' }))
    ).Body!.transformToString();
    expect(streamed).toBe('chunk1chunk2');
    expect(await listAllKeys(server, bucket)).toEqual(['dir/bin', 'dir/hello.txt', 'stream']);
    expect(await listAllKeys(server, bucket, 'dir/')).toEqual(['dir/bin', 'dir/hello.txt']);

    // an unfinished multipart upload is visible to listMultipartUploads
    expect(await listMultipartUploads(server, bucket)).toEqual([]);
    const mpu = await s3.send(new CreateMultipartUploadCommand({ Bucket: bucket, Key: 'half-done' }));
    await s3.send(
      new UploadPartCommand({
        Bucket: bucket,
        Key: 'half-done',
        UploadId: mpu.UploadId,
        PartNumber: 1,
        Body: Buffer.alloc(1024, 1),
      }),
    );
    expect(await listMultipartUploads(server, bucket)).toEqual([
      expect.objectContaining({ key: 'half-done', uploadId: mpu.UploadId }),
    ]);

    await emptyAndDeleteBucket(server, bucket);
    s3.destroy();
  });
});

describe('Ceph RGW auth', () => {
  it('rejects a wrong secret with SignatureDoesNotMatch', async () => {
    const server = rgw();
    const bucket = await createBucket(server);
    const bad = makeS3Client(server, {
      credentials: { accessKeyId: server.accessKeyId, secretAccessKey: 'not-the-secret' },
      maxAttempts: 1,
    });
    await expect(bad.send(new ListObjectsV2Command({ Bucket: bucket }))).rejects.toMatchObject({
      name: 'SignatureDoesNotMatch',
    });
    bad.destroy();
    await emptyAndDeleteBucket(server, bucket);
  });

  it("gives the other user AccessDenied on tester's bucket", async () => {
    const server = rgw();
    expect(server.other).toBeDefined();
    const bucket = await createBucket(server);
    await makeS3Client(server).send(new PutObjectCommand({ Bucket: bucket, Key: 'secret', Body: 'x' }));
    const other = makeS3Client(server, { credentials: server.other!, maxAttempts: 1 });
    await expect(other.send(new GetObjectCommand({ Bucket: bucket, Key: 'secret' }))).rejects.toMatchObject({
      name: 'AccessDenied',
    });
    await expect(
      other.send(new PutObjectCommand({ Bucket: bucket, Key: 'intruder', Body: 'x' })),
    ).rejects.toMatchObject({
      name: 'AccessDenied',
    });
    other.destroy();
    await emptyAndDeleteBucket(server, bucket);
  });

  it('fauxqs has no second user (no auth at all)', () => {
    expect(fauxqs().other).toBeUndefined();
  });
});

describe('PostgreSQL 15 and 18 with the awkward fixture', () => {
  // LO OIDs are assigned by each server (public.documents stores them) when the fixture is loaded twice
  const withoutLoOids = (s: DbSnapshot) => ({
    ...s,
    largeObjects: { ...s.largeObjects, oids: [], byOid: {} },
    tables: { ...s.tables, 'public.documents': { ...s.tables['public.documents']!, rowsMd5: null } },
  });

  it('percent-encodes the URL-special password', () => {
    const url = pg(15).url('postgres');
    expect(pg(15).password).toBe(PG_PASSWORD);
    expect(url).not.toContain(PG_PASSWORD);
    expect(url).toContain(encodeURIComponent(PG_PASSWORD));
  });

  it('loads into both majors, and a 15 -> 18 pg_dump | pg_restore compares equal', async () => {
    const pg15 = pg(15);
    const pg18 = pg(18);
    const [v15] = await pg15.query('postgres', 'SHOW server_version_num');
    const [v18] = await pg18.query('postgres', 'SHOW server_version_num');
    expect(Math.floor(Number(v15.server_version_num) / 10000)).toBe(15);
    expect(Math.floor(Number(v18.server_version_num) / 10000)).toBe(18);

    const src = await pg15.createDatabase();
    const direct18 = await pg18.createDatabase();
    await run('psql', ['-X', '-q', '-v', 'ON_ERROR_STOP=1', '-f', AWKWARD_SQL, '--dbname', pg15.url(src)]);
    await run('psql', ['-X', '-q', '-v', 'ON_ERROR_STOP=1', '-f', AWKWARD_SQL, '--dbname', pg18.url(direct18)]);

    const original = await snapshotDatabase(pg15, src);
    // sanity: the snapshot sees what the fixture put there
    expect(original.tables['"Sales Data"."Order Items"']!.rowCount).toBe(152);
    expect(original.tables['"Sales Data".events']!.rowCount).toBe(120);
    expect(original.tables['"Sales Data"."events 2023"']!.rowCount).toBeGreaterThan(0);
    expect(original.tables['"Sales Data"."events 2024"']!.rowCount).toBeGreaterThan(0);
    expect(original.tables['"Sales Data".events_default']!.rowCount).toBeGreaterThan(0);
    expect(original.sequences['"Sales Data"."Customers_id_seq"']).toMatchObject({ lastValue: '1000', isCalled: true });
    expect(original.sequences['public.invoice_no']).toMatchObject({ lastValue: '1000', isCalled: false });
    expect(original.largeObjects.count).toBe(4);
    expect(original.materializedViews['"Sales Data"."Customer Totals"']).toMatchObject({
      populated: true,
      rowCount: 10,
    });
    expect(original.extensions).toEqual(['hstore 1.8', 'pg_trgm 1.6', 'plpgsql 1.0']);
    expect(original.enums['"Sales Data".order_status']).toContain('refunded');

    // the snapshot itself is version independent (LO OIDs are assigned by each server)
    expect(withoutLoOids(await snapshotDatabase(pg18, direct18))).toEqual(withoutLoOids(original));

    const restored = await pg18.createDatabase();
    await dumpRestore(pg15.url(src), pg18.url(restored));
    expect(await snapshotDatabase(pg18, restored)).toEqual(original);

    // and a change is noticed
    await pg18.exec(restored, `UPDATE "Sales Data"."Customers" SET "Full Name" = 'changed' WHERE id = 2`);
    expect(await snapshotDatabase(pg18, restored)).not.toEqual(original);
  });
});
