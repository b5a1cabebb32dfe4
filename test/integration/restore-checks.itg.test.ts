// Restores that check themselves, through the bundled CLI against PostgreSQL 15 and Ceph RGW: every restore ends by
// comparing the restored database with its manifest and fails naming the tables that differ (a row count edited in
// the manifest here); compare false skips it; a latest pointer whose object is gone is said in one line.
import { DeleteObjectCommand, PutObjectCommand } from '@aws-sdk/client-s3';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { pg, rgw } from '../support/context.js';
import { snapshotDatabase } from '../support/db-snapshot.js';
import { errorLines, runCli, s3Env } from '../support/run.js';
import { createBucket, emptyAndDeleteBucket, getObject, makeS3Client } from '../support/s3-servers.js';
import { backupArgs, placeArgs } from '../support/cli-args.js';

const ENV = 'chk';
const pg15 = () => pg(15);

describe('restores that check themselves', () => {
  let bucket: string;
  let source: string;
  const where = (name: string) => placeArgs(bucket, rgw().endpoint, ENV, name);
  const restoreInto = async (name: string, ...extra: string[]) => {
    const target = await pg15().createDatabase();
    const r = await runCli(
      ['restore', '--database-url', pg15().url(target), ...where(name), '--yes', ...extra],
      s3Env(rgw()),
    );
    return { r, target };
  };
  const backup = async (name: string) => {
    const place = { bucket, endpoint: rgw().endpoint, environment: ENV, name };
    const b = await runCli([...backupArgs(pg15().url(source), place), '--json'], s3Env(rgw()));
    expect(b.code, b.stderr).toBe(0);
    return (JSON.parse(b.stdout) as { key: string }).key;
  };

  beforeAll(async () => {
    [bucket, source] = await Promise.all([createBucket(rgw()), pg15().createDatabase()]);
    await pg15().exec(
      source,
      `CREATE TABLE orders (id serial PRIMARY KEY, v text); INSERT INTO orders (v) SELECT md5(g::text) FROM generate_series(1, 120) g;
       CREATE TABLE lines (id int PRIMARY KEY); INSERT INTO lines SELECT generate_series(1, 30);`,
    );
  });
  afterAll(async () => {
    await emptyAndDeleteBucket(rgw(), bucket);
  });

  test('a restore compares with the manifest and says so; a row count that differs fails it naming the table', async () => {
    const key = await backup('cmp');
    const ok = await restoreInto('cmp');
    expect(ok.r.code, ok.r.stderr).toBe(0);
    expect(ok.r.stdout).toMatch(
      /^restored \S+ into \S+ and matched the manifest \(2 tables, 150 rows\) in [\d.]+ s \(sha256 verified\)$/m,
    );
    expect(await snapshotDatabase(pg15(), ok.target)).toEqual(await snapshotDatabase(pg15(), source));

    // the manifest is a plain JSON sidecar (the .sha256 covers the backup object only): edit one row count in it
    const meta = JSON.parse((await getObject(rgw(), bucket, `${key}.meta`)).toString());
    const orders = meta.tables.find((t: { name: string }) => t.name === 'orders');
    expect(orders.rows).toBe(120);
    orders.rows = 119;
    const s3 = makeS3Client(rgw());
    await s3.send(new PutObjectCommand({ Bucket: bucket, Key: `${key}.meta`, Body: JSON.stringify(meta) }));
    s3.destroy();

    const bad = await restoreInto('cmp');
    expect(bad.r.code).toBe(1);
    expect(errorLines(bad.r).at(-1)).toBe(
      `s3-backup: error: restore: "${bad.target}" does not match its manifest (1 mismatch: rows of public.orders: expected 119, found 120); the restored data is left in place: inspect it, or restore another backup with clean`,
    );
    const skipped = await restoreInto('cmp', '--compare', 'false');
    expect(skipped.r.code, skipped.r.stderr).toBe(0);
    expect(skipped.r.stdout).toMatch(/^restored \S+ into \S+ in [\d.]+ s \(sha256 verified\)$/m);
  });

  test('latest naming a backup that is gone: the newest complete one is restored, and one line names both', async () => {
    const older = await backup('gone');
    const newer = await backup('gone');
    expect(newer).not.toBe(older);
    const s3 = makeS3Client(rgw());
    for (const k of [newer, `${newer}.sha256`, `${newer}.meta`])
      await s3.send(new DeleteObjectCommand({ Bucket: bucket, Key: k }));
    s3.destroy();
    const { r, target } = await restoreInto('gone');
    expect(r.code, r.stderr).toBe(0);
    const said = r.stderr.split('\n').filter((l) => l.includes('no longer exists'));
    expect(said).toHaveLength(1);
    expect(said[0]).toMatch(/^warning: /);
    expect(said[0]!.replace(/^warning: /, '')).toBe(
      `the latest pointer names ${newer}, which no longer exists (expired or deleted): taking the newest complete backup, ${older}`,
    );
    expect(r.stdout).toContain(`restored ${older} into ${target}`);
  });
});
