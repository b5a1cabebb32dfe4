// A restore never touches its target before the backup is verified: tampered objects and missing or bad sidecars
// are refused with one line, and the target database is exactly as it was.
import { DeleteObjectCommand, PutObjectCommand } from '@aws-sdk/client-s3';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { pg, rgw } from '../support/context.js';
import { snapshotDatabase } from '../support/db-snapshot.js';
import { awkwardDatabase } from '../support/fixtures.js';
import { runAction, runCli, s3Env } from '../support/run.js';
import { createBucket, emptyAndDeleteBucket, makeS3Client } from '../support/s3-servers.js';

describe('restore refuses an unverifiable backup, target untouched', () => {
  let bucket: string;
  let key: string;
  let target: string;
  const s3 = () => rgw();
  const common = () => ['--bucket', bucket, '--endpoint', s3().endpoint, '--environment', 'refuse'];

  beforeAll(async () => {
    bucket = await createBucket(rgw());
    const source = await awkwardDatabase(pg(15));
    const b = await runAction(
      'backup',
      { 'database-url': pg(15).url(source), bucket, endpoint: s3().endpoint, environment: 'refuse' },
      s3Env(s3()),
    );
    expect(b.code, b.stdout).toBe(0);
    key = b.outputs.key!;
    // a target that holds data; clean is set, so only the verification stands between it and the restore
    target = await pg(15).createDatabase();
    await pg(15).exec(
      target,
      `CREATE TABLE precious (id int PRIMARY KEY, note text); INSERT INTO precious VALUES (1, 'keep me');`,
    );
  });
  afterAll(async () => emptyAndDeleteBucket(rgw(), bucket));

  async function expectRefused(args: string[], message: RegExp) {
    const before = await snapshotDatabase(pg(15), target);
    const r = await runCli(
      ['restore', ...common(), '--database-url', pg(15).url(target), '--clean', '--yes', ...args],
      s3Env(s3()),
    );
    expect(r.code).toBe(1);
    const last = r.stderr.trim().split('\n').at(-1)!;
    expect(last).toMatch(message);
    expect(r.stderr).not.toMatch(/^\s+at /m);
    expect(await snapshotDatabase(pg(15), target)).toEqual(before);
    return last;
  }

  test('a tampered object: checksum mismatch named, nothing restored', async () => {
    const client = makeS3Client(s3());
    await client.send(
      new PutObjectCommand({ Bucket: bucket, Key: key, Body: Buffer.from('not the backup you are looking for') }),
    );
    const line = await expectRefused(
      ['--backup', key],
      /^s3-backup: error: checksum mismatch for refuse\/\S+\.dump\.zst: the sidecar says sha256 [0-9a-f]{64} but the object is [0-9a-f]{64}; refusing to restore \(target untouched\)$/,
    );
    expect(line).toContain(key);
  });

  test('a missing sidecar: refused, naming the .sha256', async () => {
    await makeS3Client(s3()).send(new DeleteObjectCommand({ Bucket: bucket, Key: `${key}.sha256` }));
    await expectRefused(
      ['--backup', key],
      /^s3-backup: error: refusing to restore refuse\/\S+\.dump\.zst: its checksum sidecar \S+\.dump\.zst\.sha256 is missing/,
    );
  });

  test('a sidecar that is not in sha256sum format: refused', async () => {
    await makeS3Client(s3()).send(new PutObjectCommand({ Bucket: bucket, Key: `${key}.sha256`, Body: 'garbage' }));
    await expectRefused(['--backup', key], /is missing or not in sha256sum format/);
  });

  test('the action refuses too, with one ::error:: line', async () => {
    const before = await snapshotDatabase(pg(15), target);
    const r = await runAction(
      'restore',
      {
        'database-url': pg(15).url(target),
        bucket,
        endpoint: s3().endpoint,
        environment: 'refuse',
        backup: key,
        clean: 'true',
      },
      s3Env(s3()),
    );
    expect(r.code).toBe(1);
    expect(r.stdout.split('\n').filter((l) => l.startsWith('::error::'))).toEqual([
      expect.stringMatching(/^::error::refusing to restore .* is missing or not in sha256sum format/),
    ]);
    expect(await snapshotDatabase(pg(15), target)).toEqual(before);
  });

  test('without --yes and no terminal, the CLI asks for --yes before doing anything', async () => {
    const r = await runCli(['restore', ...common(), '--database-url', pg(15).url(target)], s3Env(s3()));
    expect(r.code).toBe(1);
    expect(r.stderr.trim()).toBe(
      `s3-backup: error: restore overwrites database "${target}": pass --yes to confirm when not running interactively`,
    );
  });
});
