// The freshness gate: `s3-backup check --max-age 26h` and the check action, against real backups in Ceph RGW.
// The newest good backup is the newest whose object, .sha256 and .meta exist and agree; newer incomplete ones are
// named and skipped; a stale or missing backup fails with one line, and the outputs are set either way.
import { CopyObjectCommand, PutObjectCommand } from '@aws-sdk/client-s3';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { pg, rgw } from '../support/context.js';
import { capture, runAction, runCli, s3Env } from '../support/run.js';
import { createBucket, emptyAndDeleteBucket, getObject, makeS3Client } from '../support/s3-servers.js';
import { placeArgs } from '../support/cli-args.js';

let bucket: string;
let good: { key: string; sha256: string; size: string };
/** When the good backup's run started and ended, by this test's clock. */
let made: { from: number; to: number };
const s3 = () => rgw();
const at = (key: string, stamp: string) => key.replace(/\d{8}_\d{6}/, stamp);

beforeAll(async () => {
  bucket = await createBucket(rgw());
  const db = await pg(15).createDatabase();
  await pg(15).exec(db, `CREATE TABLE t (id int); INSERT INTO t SELECT generate_series(1, 100);`);
  const from = Date.now();
  const b = await runAction(
    'backup',
    { 'database-url': pg(15).url(db), bucket, endpoint: s3().endpoint, environment: 'gate', name: 'shop' },
    s3Env(s3()),
  );
  expect(b.code, b.stdout).toBe(0);
  good = { key: b.outputs.key!, sha256: b.outputs.sha256!, size: b.outputs.size! };
  made = { from, to: Date.now() };
});
afterAll(async () => emptyAndDeleteBucket(rgw(), bucket));

const cli = (args: string[]) =>
  runCli(['check', '--bucket', bucket, '--endpoint', s3().endpoint, ...args], s3Env(s3()));

describe('a fresh backup', () => {
  test('action: passes, outputs its key, age and checksum; summary ✅', async () => {
    const r = await runAction(
      'check',
      { bucket, endpoint: s3().endpoint, environment: 'gate', 'max-age': '26h' },
      s3Env(s3()),
    );
    expect(r.code, r.stdout).toBe(0);
    expect(r.outputs).toMatchObject({
      fresh: 'true',
      key: good.key,
      uri: `s3://${bucket}/${good.key}`,
      sha256: good.sha256,
      size: good.size,
    });
    expect(Number(r.outputs['age-seconds'])).toBeLessThan(600);
    expect(r.outputs.age).toMatch(/^\d+(s|m)( \d+s)?$|^\d+m$/);
    expect(Date.parse(r.outputs['backup-time']!)).toBeLessThanOrEqual(Date.now());
    expect(r.summary).toMatch(/^### ✅ Backup freshness: the newest good backup is \S+ old/);
    expect(r.summary).toContain(good.sha256);
  });

  test('CLI --json', async () => {
    const from = Date.now();
    const r = await cli(['--environment', 'gate', '--max-age', '1d', '--json']);
    const to = Date.now();
    expect(r.code, r.stderr).toBe(0);
    const out = JSON.parse(r.stdout);
    expect(out).toMatchObject({
      fresh: true,
      maxAgeSeconds: 86400,
      key: good.key,
      sha256: good.sha256,
      size: Number(good.size),
      skipped: [],
    });
    // the backup's time is its run's start (the key keeps whole seconds), the check's is its own run's
    expect(Date.parse(out.backupTime)).toBeGreaterThanOrEqual(made.from - 1000);
    expect(Date.parse(out.backupTime)).toBeLessThanOrEqual(made.to);
    expect(Date.parse(out.checkedAt)).toBeGreaterThanOrEqual(from);
    expect(Date.parse(out.checkedAt)).toBeLessThanOrEqual(to);
    expect(out.ageSeconds).toBe(Math.round((Date.parse(out.checkedAt) - Date.parse(out.backupTime)) / 1000));
  });
});

/** While `fn` runs, the good backup's manifest says it was taken two hours earlier: stale by construction, no waiting. */
async function takenTwoHoursEarlier<T>(fn: () => Promise<T>, key = good.key): Promise<T> {
  const client = makeS3Client(s3());
  const Key = `${key}.meta`;
  const original = (await getObject(s3(), bucket, Key)).toString();
  const m = JSON.parse(original);
  const earlier = (t: string) => new Date(Date.parse(t) - 2 * 3_600_000).toISOString();
  await client.send(
    new PutObjectCommand({
      Bucket: bucket,
      Key,
      Body: JSON.stringify({ ...m, startedAt: earlier(m.startedAt), finishedAt: earlier(m.finishedAt) }),
    }),
  );
  try {
    return await fn();
  } finally {
    await client.send(new PutObjectCommand({ Bucket: bucket, Key, Body: original }));
  }
}

describe('stale or missing', () => {
  test('older than max-age: fails with one line, outputs still set (fresh=false)', async () => {
    const r = await takenTwoHoursEarlier(() =>
      runAction('check', { bucket, endpoint: s3().endpoint, environment: 'gate', 'max-age': '1h' }, s3Env(s3())),
    );
    expect(r.code).toBe(1);
    const errors = r.shown.split('\n').filter((l) => l.startsWith('::error::'));
    expect(errors).toEqual([
      expect.stringMatching(
        new RegExp(
          `^::error::the newest good backup ${good.key} is 2h( \\d+m)? old, more than max-age 1h: check that the scheduled backup workflow still runs`,
        ),
      ),
    ]);
    expect(r.outputs).toMatchObject({ fresh: 'false', key: good.key });
    expect(Number(r.outputs['age-seconds'])).toBeGreaterThanOrEqual(7200);
    expect(r.summary).toMatch(/^### ❌ Backup freshness: the newest good backup is 2h( \d+m)? old, more than 1h/);
  });

  test('fail-on-stale false: passes, fresh=false, so a workflow can decide to take a fresh backup', async () => {
    const r = await takenTwoHoursEarlier(() =>
      runAction(
        'check',
        { bucket, endpoint: s3().endpoint, environment: 'gate', 'max-age': '1h', 'fail-on-stale': 'false' },
        s3Env(s3()),
      ),
    );
    expect(r.code, r.stdout).toBe(0);
    expect(r.outputs).toMatchObject({ fresh: 'false', key: good.key });
  });

  test('no backup at all: one line naming where it looked', async () => {
    const r = await cli(['--environment', 'nowhere', '--json']);
    expect(r.code).toBe(1);
    expect(JSON.parse(r.stdout)).toMatchObject({ fresh: false, key: null });
    expect(r.stderr.trim().split('\n').at(-1)).toBe(
      `s3-backup: error: no good backup (object + .sha256 + .meta) under s3://${bucket}/nowhere/ for environment "nowhere": run a backup, and check that the backup workflow is enabled`,
    );
  });

  test.each([
    [
      1,
      ['--max-age', '26'],
      /^s3-backup: error: max-age: "26" is not a duration; use a number with a unit: 26h, 90m, 2d, 1d12h/,
    ],
    [2, ['--fail-on-stale', 'maybe'], /^s3-backup: error: fail-on-stale: "maybe" is not a boolean/],
  ])('%i: bad input → one line', async (_n, args, message) => {
    const r = await cli(['--environment', 'gate', ...args]);
    expect(r.code).toBe(1);
    expect(r.stderr.trim().split('\n')).toEqual([expect.stringMatching(message)]);
  });
});

describe('newer backups that are not good are skipped and named', () => {
  test('no manifest, a manifest that disagrees, no checksum: the good one is still found', async () => {
    const client = makeS3Client(s3());
    const copy = (from: string, to: string) =>
      client.send(new CopyObjectCommand({ Bucket: bucket, Key: to, CopySource: `${bucket}/${from}` }));
    // newer than the good one (keys carry the time; these are in the future of the real backup)
    const noMeta = at(good.key, '29990101_000000');
    const badMeta = at(good.key, '29990102_000000');
    const noSum = at(good.key, '29990103_000000');
    await copy(good.key, noMeta);
    await copy(`${good.key}.sha256`, `${noMeta}.sha256`);
    await copy(good.key, badMeta);
    await client.send(
      new PutObjectCommand({
        Bucket: bucket,
        Key: `${badMeta}.sha256`,
        Body: `${good.sha256}  ${badMeta.split('/').pop()}\n`,
      }),
    );
    await copy(`${good.key}.meta`, `${badMeta}.meta`); // describes the good key, not this one
    await copy(good.key, noSum);
    const r = await cli(['--environment', 'gate', '--json']);
    capture('check skipped', r.stdout);
    expect(r.code, r.stderr).toBe(0);
    const out = JSON.parse(r.stdout);
    expect(out.key).toBe(good.key);
    expect(out.skipped).toEqual([
      { key: noSum, reason: 'no .sha256 sidecar' },
      { key: badMeta, reason: `the .meta manifest describes ${good.key}` },
      { key: noMeta, reason: 'no .meta manifest' },
    ]);
    expect(r.stderr).toContain(`warning: check: skipping ${noSum}: no .sha256 sidecar`);

    const a = await runAction('check', { bucket, endpoint: s3().endpoint, environment: 'gate' }, s3Env(s3()));
    expect(a.code, a.stdout).toBe(0);
    expect(a.summary).toContain('Newer backups that are not good (3):');
    expect(a.summary).toContain(`- \`${badMeta}\`: the .meta manifest describes ${good.key}`);
  });
});

describe('several databases under one prefix: each judged on its own newest good backup', () => {
  const staleLine = (env: string, name: string) =>
    new RegExp(
      `^s3-backup: error: 1 of 2 databases under s3://[^/]+/${env}/ has no good backup younger than max-age 1h: ` +
        `${name} \\(newest good backup 2h( \\d+m)? old\\): check that the scheduled backup of each still runs`,
    );
  let names: string[];
  let keys: Record<string, string>;
  beforeAll(async () => {
    names = [await pg(15).createDatabase(), await pg(15).createDatabase()].sort();
    const b = await runCli(
      [
        'backup',
        '--database-url',
        pg(15).url(names[0]),
        '--databases',
        names.join(','),
        '--globals',
        'false',
        ...placeArgs(bucket, s3().endpoint, 'multi'),
        '--json',
      ],
      s3Env(s3()),
    );
    expect(b.code, b.stderr).toBe(0);
    keys = JSON.parse(b.stdout).keys;
  });

  test('a set whose older member is stale fails naming it, though the other member is fresh', async () => {
    const [stale, fresh] = names as [string, string];
    const r = await takenTwoHoursEarlier(
      () => cli([...placeArgs(bucket, s3().endpoint, 'multi').slice(4), '--max-age', '1h', '--json']),
      keys[stale],
    );
    expect(r.code, r.stderr).toBe(1);
    expect(r.stderr.trim().split('\n').at(-1)).toMatch(staleLine('multi', stale));
    const out = JSON.parse(r.stdout);
    expect(out).toMatchObject({ fresh: false, stale: [stale], key: keys[stale] });
    expect(out.databases).toEqual([
      expect.objectContaining({ name: stale, fresh: false, key: keys[stale] }),
      expect.objectContaining({ name: fresh, fresh: true, key: keys[fresh] }),
    ]);
    expect(out.databases[0].ageSeconds).toBeGreaterThanOrEqual(7200);
  });

  test('all members fresh: passes; the action says so per database', async () => {
    const r = await runAction(
      'check',
      { bucket, endpoint: s3().endpoint, environment: 'multi', 'max-age': '1h' },
      s3Env(s3()),
    );
    expect(r.code, r.stdout).toBe(0);
    expect(r.outputs).toMatchObject({ fresh: 'true', stale: '[]' });
    expect(r.summary).toMatch(/^### ✅ Backup freshness: 2 databases, each with a good backup younger than 1h/);
  });

  test('--name judges that database only: the fresh one passes, the stale one fails', async () => {
    const [stale, fresh] = names as [string, string];
    await takenTwoHoursEarlier(async () => {
      const ok = await cli([...placeArgs(bucket, s3().endpoint, 'multi', fresh).slice(4), '--max-age', '1h', '--json']);
      expect(ok.code, ok.stderr).toBe(0);
      expect(JSON.parse(ok.stdout)).toMatchObject({ fresh: true, key: keys[fresh], stale: [] });
      const bad = await cli([...placeArgs(bucket, s3().endpoint, 'multi', stale).slice(4), '--max-age', '1h']);
      expect(bad.code).toBe(1);
      expect(bad.stderr.trim().split('\n').at(-1)).toMatch(
        new RegExp(`^s3-backup: error: the newest good backup ${keys[stale]} is 2h( \\d+m)? old, more than max-age 1h`),
      );
    }, keys[stale]);
  });

  test('without a set: every database backed up under the prefix is judged', async () => {
    const single: Record<string, string> = {};
    for (const name of names) {
      const b = await runCli(
        ['backup', '--database-url', pg(15).url(name), ...placeArgs(bucket, s3().endpoint, 'solo', name), '--json'],
        s3Env(s3()),
      );
      expect(b.code, b.stderr).toBe(0);
      single[name] = JSON.parse(b.stdout).key;
    }
    const r = await takenTwoHoursEarlier(
      () => cli([...placeArgs(bucket, s3().endpoint, 'solo').slice(4), '--max-age', '1h']),
      single[names[0]!],
    );
    expect(r.code).toBe(1);
    expect(r.stderr.trim().split('\n').at(-1)).toMatch(staleLine('solo', names[0]!));
    expect(r.stdout).toContain(`STALE: ${names[0]}: s3://${bucket}/${single[names[0]!]}`);
    expect(r.stdout).toContain(`fresh: ${names[1]}: s3://${bucket}/${single[names[1]!]}`);
  });
});
