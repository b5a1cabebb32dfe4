// Retention enforced by S3 itself, on Ceph RGW with `rgw lc debug interval` = 10 s per lifecycle day: the tier
// rules really expire a daily backup with its sidecars and keep the monthly one, and applying them keeps the
// bucket's other rules.
import { GetBucketLifecycleConfigurationCommand, PutBucketLifecycleConfigurationCommand } from '@aws-sdk/client-s3';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { pg, rgw } from '../support/context.js';
import { fakeKey, writeHistory } from '../support/history.js';
import { runAction, runCli, s3Env } from '../support/run.js';
import { createBucket, emptyAndDeleteBucket, listAllKeys, makeS3Client } from '../support/s3-servers.js';

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

describe('lifecycle rules by tier tag', () => {
  let bucket: string;
  beforeAll(async () => {
    bucket = await createBucket(rgw());
  });
  afterAll(async () => emptyAndDeleteBucket(rgw(), bucket));

  test('printing needs no bucket access; applying merges with the rules already there', async () => {
    const printed = await runCli(['lifecycle', '--bucket', bucket, '--environment', 'lc', '--json'], {});
    expect(printed.code, printed.stderr).toBe(0);
    expect(JSON.parse(printed.stdout)).toMatchObject({ applied: false, rules: { Rules: expect.any(Array) } });

    const s3 = makeS3Client(rgw());
    const logs = { ID: 'logs', Status: 'Enabled' as const, Filter: { Prefix: 'logs/' }, Expiration: { Days: 30 } };
    const scratch = {
      ID: 'scratch',
      Status: 'Enabled' as const,
      Filter: { And: { Prefix: 'tmp/', Tags: [{ Key: 'kind', Value: 'scratch' }] } },
      Expiration: { Days: 2 },
    };
    await s3.send(
      new PutBucketLifecycleConfigurationCommand({
        Bucket: bucket,
        LifecycleConfiguration: { Rules: [logs, scratch] },
      }),
    );
    const r = await runAction(
      'lifecycle',
      {
        bucket,
        endpoint: rgw().endpoint,
        environment: 'lc',
        apply: 'true',
        'keep-daily': '1',
        'keep-weekly': '0',
        'keep-monthly': '12',
        'noncurrent-days': '1',
      },
      s3Env(rgw()),
    );
    expect(r.code, r.stdout).toBe(0);
    expect(r.outputs.applied).toBe('true');
    expect(r.shown).toMatch(/applied to s3:\/\/\S+: 5 added, 0 replaced, 2 other rules kept/);
    const rules = (await s3.send(new GetBucketLifecycleConfigurationCommand({ Bucket: bucket }))).Rules!;
    expect(rules.map((x) => x.ID).sort()).toEqual([
      'logs',
      's3-backup:lc:cleanup',
      's3-backup:lc:daily',
      's3-backup:lc:monthly',
      's3-backup:lc:weekly',
      's3-backup:lc:yearly',
      'scratch',
    ]);
    expect(rules.find((x) => x.ID === 'logs')).toMatchObject({ Filter: { Prefix: 'logs/' }, Expiration: { Days: 30 } });
    const daily = rules.find((x) => x.ID === 's3-backup:lc:daily')!;
    // Ceph echoes the And filter as { Prefix, Tag } side by side
    expect(daily.Filter?.And ?? daily.Filter).toMatchObject({
      Prefix: 'lc/',
      ...(daily.Filter?.And
        ? { Tags: [{ Key: 's3-backup-tier', Value: 'daily' }] }
        : { Tag: { Key: 's3-backup-tier', Value: 'daily' } }),
    });
    expect(daily.Expiration).toEqual({ Days: 1 });
    expect(daily.Transitions ?? []).toEqual([]);
    // the cheapest plan: monthlies to GLACIER_IR after their first day, dailies stay in STANDARD
    const monthly = rules.find((x) => x.ID === 's3-backup:lc:monthly')!;
    expect(monthly.Expiration).toEqual({ Days: 365 });
    expect(monthly.Transitions).toEqual([{ Days: 1, StorageClass: 'GLACIER_IR' }]);
    const cleanup = rules.find((x) => x.ID === 's3-backup:lc:cleanup')!;
    expect(cleanup.NoncurrentVersionExpiration).toMatchObject({ NoncurrentDays: 1 });

    // applied again: ours replaced in place, the other rule still kept
    const again = await runCli(
      [
        'lifecycle',
        '--bucket',
        bucket,
        '--endpoint',
        rgw().endpoint,
        '--environment',
        'lc',
        '--apply',
        '--keep-daily',
        '1',
        '--keep-weekly',
        '0',
        '--keep-monthly',
        '12',
        '--noncurrent-days',
        '1',
        '--json',
      ],
      s3Env(rgw()),
    );
    expect(again.code, again.stderr).toBe(0);
    expect(JSON.parse(again.stdout)).toMatchObject({ applied: true, added: [], kept: ['logs', 'scratch'] });
    expect(JSON.parse(again.stdout).replaced).toHaveLength(5);
    const after = (await s3.send(new GetBucketLifecycleConfigurationCommand({ Bucket: bucket }))).Rules!;
    const kept = after.find((x) => x.ID === 'scratch')!;
    expect(kept.Expiration).toEqual({ Days: 2 });
    expect(kept.Filter?.And?.Tags?.[0] ?? kept.Filter?.Tag).toEqual({ Key: 'kind', Value: 'scratch' });
  });

  test('the server expires the daily backup and its sidecars, and keeps the monthly one and latest.json', async () => {
    const db = await pg(15).createDatabase();
    await pg(15).exec(db, 'CREATE TABLE t (id int); INSERT INTO t VALUES (1);');
    // an earlier backup last month: today's first backup is then the first of a new month
    const now = new Date();
    const lastMonth = new Date(Date.UTC(now.getUTCFullYear(), now.getUTCMonth() - 1, 15, 3));
    const earlier = fakeKey('lc', 'shop', 'lc', lastMonth);
    await writeHistory(makeS3Client(rgw()), bucket, [{ key: earlier, at: lastMonth }]);
    const inputs = [
      'backup',
      '--database-url',
      pg(15).url(db),
      '--bucket',
      bucket,
      '--endpoint',
      rgw().endpoint,
      '--environment',
      'lc',
      '--name',
      'shop',
      // the database's backups only: this test is about their tiers
      '--globals',
      'false',
      '--json',
    ];
    const monthly = await runCli(inputs, s3Env(rgw()));
    expect(monthly.code, monthly.stderr).toBe(0);
    const daily = await runCli(inputs, s3Env(rgw()));
    expect(daily.code, daily.stderr).toBe(0);
    const [m, d] = [JSON.parse(monthly.stdout), JSON.parse(daily.stdout)];
    expect(lastMonth.getUTCFullYear() === now.getUTCFullYear() ? 'monthly' : 'yearly').toBe(m.tier);
    expect(d.tier).toBe('daily');

    const sidecars = (k: string) => [k, `${k}.sha256`, `${k}.meta`];
    expect(await listAllKeys(rgw(), bucket, 'lc/')).toEqual(
      expect.arrayContaining([...sidecars(m.key), ...sidecars(d.key), 'lc/latest.json']),
    );
    // one lifecycle day is 10 s here; the lifecycle worker runs on its own schedule: poll
    const deadline = Date.now() + 240_000;
    let keys: string[] = [];
    for (;;) {
      keys = await listAllKeys(rgw(), bucket, 'lc/');
      if (!sidecars(d.key).some((k) => keys.includes(k)) || Date.now() > deadline) break;
      await sleep(5_000);
    }
    expect(
      keys.filter((k) => sidecars(d.key).includes(k)),
      'the daily backup and its sidecars have expired',
    ).toEqual([]);
    expect(keys.sort()).toEqual(
      [...sidecars(earlier), ...sidecars(m.key), 'lc/latest.json', 'lc/latest/shop.json'].sort(),
    );
  }, 300_000);
});
