// Retention against Ceph RGW: prune pages past 1,000 objects, deletes backups with their sidecars and nothing it
// did not write, keeps what latest.json names, prints its plan on a dry run, runs after a successful backup only,
// and keeps Object-Locked backups ("kept, locked") instead of failing.
import {
  DeleteObjectCommand,
  GetObjectCommand,
  HeadObjectCommand,
  ListObjectVersionsCommand,
  PutObjectCommand,
  PutObjectLegalHoldCommand,
} from '@aws-sdk/client-s3';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { checksumKey, manifestKey } from '../../src/core/naming.js';
import { DEFAULT_POLICY, selectRetention } from '../../src/core/retention/policy.js';
import { pg, rgw } from '../support/context.js';
import { dailyHistory, fakeKey, writeHistory } from '../support/history.js';
import { runAction, runCli, s3Env } from '../support/run.js';
import { createBucket, emptyAndDeleteBucket, listAllKeys, makeS3Client } from '../support/s3-servers.js';
import { backupArgs, keepLastArgs, placeArgs } from '../support/cli-args.js';

describe('prune: a year of daily backups, foreign keys and a second database under one prefix', () => {
  let bucket: string;
  const prefix = 'hist';
  const app = dailyHistory(prefix, 'app', 'prod', '2024-01-01', 400); // to 2025-02-03: 1,200 objects with sidecars
  const billing = dailyHistory(prefix, 'billing', 'prod', '2025-01-20', 10);
  const incomplete = {
    key: fakeKey(prefix, 'app', 'prod', new Date('2024-06-15T12:00:00Z')),
    at: new Date('2024-06-15T12:00:00Z'),
    incomplete: true,
  };
  const pointed = app.find((b) => b.at.toISOString().startsWith('2024-03-01'))!;
  const orphan = checksumKey(fakeKey(prefix, 'app', 'prod', new Date('2023-01-01T03:00:00Z')));
  const foreign = [
    'hist/notes.txt',
    'hist/app_prod_20240101_030000.dump.zst.bak',
    'hist/nested/app_prod_20240101_030000.dump.zst', // another configuration's folder
    'hist/app_staging_20240101_030000.dump.zst', // another environment
    'elsewhere/app_prod_20240101_030000.dump.zst',
    'hist/latest.json',
  ];
  const cli = (args: string[]) =>
    runCli(
      ['prune', '--bucket', bucket, '--endpoint', rgw().endpoint, '--environment', 'prod', '--prefix', prefix, ...args],
      s3Env(rgw()),
    );

  beforeAll(async () => {
    bucket = await createBucket(rgw());
    const s3 = makeS3Client(rgw());
    await writeHistory(s3, bucket, [...app, ...billing, incomplete]);
    for (const key of foreign.filter((k) => k !== 'hist/latest.json'))
      await s3.send(new PutObjectCommand({ Bucket: bucket, Key: key, Body: Buffer.from('x') }));
    await s3.send(new PutObjectCommand({ Bucket: bucket, Key: orphan, Body: Buffer.from('x') }));
    await s3.send(
      new PutObjectCommand({
        Bucket: bucket,
        Key: 'hist/latest.json',
        Body: Buffer.from(JSON.stringify({ schema: 's3-backup/latest', key: pointed.key })),
      }),
    );
  }, 300_000);
  afterAll(async () => emptyAndDeleteBucket(rgw(), bucket));

  test('dry run: the plan with the rule that keeps each backup, and nothing deleted', async () => {
    const before = await listAllKeys(rgw(), bucket);
    expect(before.length).toBeGreaterThan(1_200);
    const r = await cli(['--dry-run', '--json']);
    expect(r.code, r.stderr).toBe(0);
    const out = JSON.parse(r.stdout) as {
      deleted: number;
      orphans: string[];
      plan: Array<{ key: string; action: string; reasons: string[] }>;
    };
    const plan = out.plan;
    expect(plan).toHaveLength(app.length + billing.length + 1);
    const byKey = Object.fromEntries(plan.map((p) => [p.key, p]));
    expect(byKey[app.at(-1)!.key]).toMatchObject({
      action: 'keep',
      reasons: [
        'newest good backup',
        'keep-daily #1 (2025-02-03)',
        'keep-weekly #1 (2025-W06)',
        'keep-monthly #1 (2025-02)',
      ],
    });
    expect(byKey[pointed.key]).toMatchObject({ action: 'keep', reasons: ['latest.json points here'] });
    expect(byKey[incomplete.key]).toMatchObject({ action: 'delete', reasons: ['incomplete (no checksum sidecar)'] });
    expect(byKey[app[10]!.key]).toMatchObject({ action: 'delete', reasons: ['no rule keeps it'] });
    expect(out).toMatchObject({ deleted: 0, orphans: [orphan] });
    // without --json the plan is the text on stdout
    const text = await cli(['--dry-run']);
    expect(text.stdout).toMatch(/^dry run: would keep \d+, delete \d+ \(nothing was deleted\)$/m);
    expect(text.stdout).toContain(`delete  ${orphan}  orphaned sidecar`);
    expect(await listAllKeys(rgw(), bucket)).toEqual(before);
  });

  test("prune deletes exactly the plan's backups with their sidecars, in batches, and nothing else", async () => {
    const r = await cli([]);
    expect(r.code, r.stderr).toBe(0);
    const expectKept = (history: typeof app) =>
      selectRetention(
        history.map((b) => ({ ...b, good: true })),
        DEFAULT_POLICY,
        { now: new Date(), latestKey: pointed.key },
      )
        .filter((d) => d.keep)
        .map((d) => d.key);
    const keptApp = expectKept(app);
    // 7 days, 2 more weeks (the newest two are dailies already), 10 more month ends, and what latest.json names
    expect(keptApp).toHaveLength(7 + 2 + 10 + 1);
    const keptBilling = expectKept(billing);
    expect(keptBilling).toHaveLength(7); // its two ISO weeks and its month are covered by the dailies
    const expected = [...keptApp, ...keptBilling].flatMap((k) => [k, checksumKey(k), manifestKey(k)]);
    const remaining = await listAllKeys(rgw(), bucket);
    expect(remaining.sort()).toEqual([...expected, ...foreign].sort());
    expect(r.stdout).toMatch(
      new RegExp(
        `kept ${keptApp.length + keptBilling.length}, deleted ${app.length + billing.length + 1 - keptApp.length - keptBilling.length} with their sidecars`,
      ),
    );

    // idempotent: a second run deletes nothing
    const again = await cli(['--json']);
    expect(again.code, again.stderr).toBe(0);
    expect(JSON.parse(again.stdout).plan.every((p: { action: string }) => p.action === 'keep')).toBe(true);

    // an orphaned sidecar alone (its backup deleted by hand) is cleaned up too
    const lone = `${app[5]!.key}.meta`;
    await makeS3Client(rgw()).send(new PutObjectCommand({ Bucket: bucket, Key: lone, Body: Buffer.from('{}') }));
    const third = await cli([]);
    expect(third.code, third.stderr).toBe(0);
    expect(third.stdout).toContain(`deleted ${lone}  orphaned sidecar (its backup is gone)`);
    expect(await listAllKeys(rgw(), bucket, lone)).toEqual([]);
  });
});

describe('retention after a backup', () => {
  let bucket: string;
  beforeAll(async () => {
    bucket = await createBucket(rgw());
  });
  afterAll(async () => emptyAndDeleteBucket(rgw(), bucket));

  test('the backup action prunes after it succeeded; the summary shows the tier, the retention and the cost', async () => {
    const db = await pg(15).createDatabase();
    await pg(15).exec(db, 'CREATE TABLE t (id int); INSERT INTO t SELECT generate_series(1, 100);');
    const old = dailyHistory('ret', 'shop', 'ret', '2024-05-01', 20);
    await writeHistory(makeS3Client(rgw()), bucket, old);
    const inputs = {
      'database-url': pg(15).url(db),
      bucket,
      endpoint: rgw().endpoint,
      environment: 'ret',
      name: 'shop',
      retention: 'keep-daily=3, keep-weekly=0, keep-monthly=0',
    };
    const r = await runAction('backup', inputs, s3Env(rgw()));
    expect(r.code, r.stdout).toBe(0);
    expect(r.outputs.tier).toBe('yearly'); // the first backup of this year
    expect(r.outputs.pruned).toBe('18'); // of 21: today's and the 2 newest old days stay
    // 3 dailies kept, each also 3 days as a noncurrent version: 6 copies in STANDARD at $0.023 per GB-month
    expect(r.outputs['monthly-cost']).toBe(((Number(r.outputs.size) / 1e9) * 6 * 0.023).toFixed(2));
    expect(r.summary).toMatch(/\| Tier \| yearly \(tag s3-backup-tier\) \|/);
    expect(r.summary).toMatch(/\| Retention \| kept 3, deleted 18 \|/);
    expect(r.summary).toMatch(
      /\| Storage cost \(est\.\) \| \$[\d.]+\/month at this size: retention keep-daily 3, pruned after each daily backup, us-east-1 list prices \|/,
    );
    const keys = await listAllKeys(rgw(), bucket, 'ret/');
    expect(keys.filter((k) => k.endsWith('.dump.zst')).sort()).toEqual(
      [old[18]!.key, old[19]!.key, r.outputs.key!].sort(),
    );

    // the backup and its sidecars carry the tier; latest.json does not (lifecycle must never expire it)
    const s3 = makeS3Client(rgw());
    const { GetObjectTaggingCommand } = await import('@aws-sdk/client-s3');
    for (const key of [r.outputs.key!, `${r.outputs.key}.sha256`, `${r.outputs.key}.meta`]) {
      const t = await s3.send(new GetObjectTaggingCommand({ Bucket: bucket, Key: key }));
      expect(t.TagSet).toContainEqual({ Key: 's3-backup-tier', Value: 'yearly' });
    }
    const latestTags = await s3.send(new GetObjectTaggingCommand({ Bucket: bucket, Key: 'ret/latest.json' }));
    expect(latestTags.TagSet ?? []).toEqual([]);
    const manifest = JSON.parse(
      await (
        await s3.send(new GetObjectCommand({ Bucket: bucket, Key: `${r.outputs.key}.meta` }))
      ).Body!.transformToString(),
    );
    expect(manifest.tier).toBe('yearly');

    // a second backup the same day is a daily
    const second = await runAction('backup', inputs, s3Env(rgw()));
    expect(second.code, second.stdout).toBe(0);
    expect(second.outputs.tier).toBe('daily');
  });

  test('a failed backup prunes nothing', async () => {
    const inputs = {
      'database-url': pg(15).url('no_such_database'),
      bucket,
      endpoint: rgw().endpoint,
      environment: 'ret',
      name: 'shop',
      retention: 'keep-last=1, keep-daily=0, keep-weekly=0, keep-monthly=0',
    };
    const before = await listAllKeys(rgw(), bucket, 'ret/');
    const r = await runAction('backup', inputs, s3Env(rgw()));
    expect(r.code).toBe(1);
    expect(await listAllKeys(rgw(), bucket, 'ret/')).toEqual(before);
  });
});

describe('Object Lock', () => {
  let bucket: string;
  beforeAll(async () => {
    bucket = await createBucket(rgw(), undefined, { ObjectLockEnabledForBucket: true });
  });
  // GOVERNANCE: the test's cleanup may bypass it (COMPLIANCE could not be cleaned up before it expires)
  afterAll(async () => emptyAndDeleteBucket(rgw(), bucket));

  test('backups locked at upload; prune keeps a locked backup as "kept, locked" and deletes the unlocked one', async () => {
    const db = await pg(15).createDatabase();
    await pg(15).exec(db, 'CREATE TABLE t (id int);');
    const inputs = {
      'database-url': pg(15).url(db),
      bucket,
      endpoint: rgw().endpoint,
      environment: 'lock',
      name: 'shop',
      'object-lock-mode': 'governance',
      'object-lock-days': '1',
    };
    const first = await runAction('backup', inputs, s3Env(rgw()));
    expect(first.code, first.stdout).toBe(0);
    const second = await runAction('backup', inputs, s3Env(rgw()));
    expect(second.code, second.stdout).toBe(0);
    const s3 = makeS3Client(rgw());
    for (const key of [first.outputs.key!, `${first.outputs.key}.sha256`, `${first.outputs.key}.meta`]) {
      const head = await s3.send(new HeadObjectCommand({ Bucket: bucket, Key: key }));
      expect(head.ObjectLockMode).toBe('GOVERNANCE');
      expect(head.ObjectLockRetainUntilDate!.getTime()).toBeGreaterThan(Date.now() + 23 * 3_600_000);
    }
    // the lock is real: deleting that version is refused by the server
    const versions = await s3.send(new ListObjectVersionsCommand({ Bucket: bucket, Prefix: first.outputs.key }));
    const version = versions.Versions!.find((v) => v.Key === first.outputs.key)!.VersionId;
    await expect(
      s3.send(new DeleteObjectCommand({ Bucket: bucket, Key: first.outputs.key, VersionId: version })),
    ).rejects.toMatchObject({ name: 'AccessDenied' });

    const unlocked = dailyHistory('lock', 'shop', 'lock', '2024-02-01', 1);
    await writeHistory(s3, bucket, unlocked);
    const r = await runCli(
      ['prune', ...placeArgs(bucket, rgw().endpoint, 'lock', 'shop'), ...keepLastArgs(1), '--json'],
      s3Env(rgw()),
    );
    expect(r.code, r.stderr).toBe(0);
    const plan = Object.fromEntries(
      (JSON.parse(r.stdout).plan as Array<{ key: string; action: string; reasons: string[] }>).map((p) => [p.key, p]),
    );
    expect(plan[second.outputs.key!]!.action).toBe('keep');
    expect(plan[first.outputs.key!]).toMatchObject({
      action: 'keep (locked)',
      reasons: [expect.stringMatching(/^locked: GOVERNANCE until \d{4}-/)],
    });
    expect(plan[unlocked[0]!.key]!.action).toBe('deleted');
    expect(JSON.parse(r.stdout)).toMatchObject({ kept: 2, locked: 1, deleted: 1 });
    const keys = await listAllKeys(rgw(), bucket, 'lock/');
    expect(keys).toContain(first.outputs.key);
    expect(keys).toContain(`${first.outputs.key}.sha256`);
    expect(keys).not.toContain(unlocked[0]!.key);
  });
  test('a multi-stream backup: every part and its .sha256 locked at upload; prune keeps a backup one part of which is held', async () => {
    const db = await pg(15).createDatabase();
    await pg(15).exec(
      db,
      'CREATE TABLE a (id int); CREATE TABLE b (id int); INSERT INTO a VALUES (1); INSERT INTO b VALUES (2);',
    );
    const s3 = makeS3Client(rgw());
    const place = { bucket, endpoint: rgw().endpoint, environment: 'lock', name: 'parts' };
    const backup = async (...extra: string[]) => {
      const r = await runCli(
        [...backupArgs(pg(15).url(db), place, '--streams', '2', '--globals', 'false', '--json', ...extra)],
        s3Env(rgw()),
      );
      expect(r.code, r.stderr).toBe(0);
      const key = JSON.parse(r.stdout).key as string;
      const stem = key.replace(/\.dump\.zst$/, '');
      return { key, parts: [1, 2].map((i) => `${stem}.part-000${i}.dump.zst`) };
    };
    // the older one: no retention, but a legal hold on its second data part only
    const held = await backup();
    const hold = (Status: 'ON' | 'OFF') =>
      s3.send(new PutObjectLegalHoldCommand({ Bucket: bucket, Key: held.parts[1], LegalHold: { Status } }));
    await hold('ON');
    try {
      const locked = await backup('--object-lock-mode', 'governance', '--object-lock-days', '1');
      for (const key of [locked.key, ...locked.parts].flatMap((k) => [k, `${k}.sha256`])) {
        const head = await s3.send(new HeadObjectCommand({ Bucket: bucket, Key: key }));
        expect(head.ObjectLockMode, key).toBe('GOVERNANCE');
        expect(head.ObjectLockRetainUntilDate!.getTime()).toBeGreaterThan(Date.now() + 23 * 3_600_000);
      }
      const r = await runCli(
        ['prune', ...placeArgs(bucket, rgw().endpoint, 'lock', 'parts'), ...keepLastArgs(1), '--json'],
        s3Env(rgw()),
      );
      expect(r.code, r.stderr).toBe(0);
      const plan = JSON.parse(r.stdout).plan as Array<{ key: string; action: string; reasons: string[] }>;
      expect(plan.find((p) => p.key === held.key)).toMatchObject({
        action: 'keep (locked)',
        reasons: [`locked: legal hold (its part ${held.parts[1]!.split('/').pop()})`],
      });
      // nothing of it was deleted: not its schema part, not its free part, not a sidecar
      const keys = await listAllKeys(rgw(), bucket, 'lock/');
      for (const k of [held.key, ...held.parts].flatMap((x) => [x, `${x}.sha256`])) expect(keys).toContain(k);
      expect(keys).toContain(`${held.key}.meta`);
    } finally {
      await hold('OFF');
    }
  });
});
