// Every verb's --json against its JSON Schema (src/options/json-schemas.ts), on one set of backups: runCli validates
// each document it is given with --json (test/support/run.ts); failures are validated here by hand. The shapes a
// script relies on are asserted too: list's backups and sets, restore --all's members with their own SHA-256, one
// name for a backup's time, database for the source and target for the restored-into.
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { fauxqs, pg, rgw } from '../support/context.js';
import { checkJsonContract, runCli, s3Env } from '../support/run.js';
import { createBucket, emptyAndDeleteBucket, uniqueBucketName } from '../support/s3-servers.js';

const ENV = 'js';
let bucket: string;
let dbs: string[];
const where = () => ['--bucket', bucket, '--endpoint', rgw().endpoint, '--environment', ENV];
const cli = async (args: string[], ok = true) => {
  const r = await runCli([...args, '--json'], s3Env(rgw()));
  if (ok) expect(r.code, r.stderr).toBe(0);
  else checkJsonContract([...args, '--json'], r.stdout);
  return JSON.parse(r.stdout);
};

beforeAll(async () => {
  bucket = await createBucket(rgw());
  dbs = [await pg(15).createDatabase(), await pg(15).createDatabase()];
  for (const db of dbs) await pg(15).exec(db, 'CREATE TABLE t (id int PRIMARY KEY); INSERT INTO t VALUES (1), (2);');
});
afterAll(async () => emptyAndDeleteBucket(rgw(), bucket));

describe('--json of every verb validates against its schema', () => {
  test('backup (a set, then one database), list, restore --all and restore, verify, validate, check', async () => {
    const set = await cli([
      'backup',
      '--database-url',
      pg(15).url('postgres'),
      '--databases',
      dbs.join(','),
      ...where(),
    ]);
    expect(set.set.members.map((m: { database: string }) => m.database).sort()).toEqual(['_globals', ...dbs].sort());
    const one = await cli(['backup', '--database-url', pg(15).url(dbs[0]), ...where(), '--name', 'one']);
    expect(one.trend.points.at(-1)).toMatchObject({ key: one.key, backupTime: expect.any(String) });

    const listed = await cli(['list', ...where()]);
    expect(Object.keys(listed)).toEqual(['backups', 'sets']);
    // a single database's backup writes its globals and a set of its own too: the newest is latest
    expect(listed.sets.map((x: { key: string }) => x.key)).toEqual([one.setKey, set.setKey]);
    expect(listed.sets[1]).toMatchObject({ latest: false, complete: true, serverVersion: expect.any(String) });
    expect(listed.sets[0].latest).toBe(true);
    expect(listed.backups.map((b: { key: string }) => b.key)).toContain(one.key);

    // the whole set onto the other server: one entry a database, each with the checksum it was proven against
    const all = await cli([
      'restore',
      ...where(),
      '--all',
      '--set',
      set.setKey,
      '--database-url',
      pg(18).url('postgres'),
      '--yes',
    ]);
    const byDb = Object.fromEntries(
      set.set.members
        .filter((m: { kind: string }) => m.kind === 'database')
        .map((m: { database: string }) => [m.database, m]),
    );
    expect(all.databases.map((d: { database: string }) => d.database).sort()).toEqual([...dbs].sort());
    for (const d of all.databases) {
      expect(d.target).toBe(d.database);
      expect(d.sha256).toBe(byDb[d.database].sha256);
      expect(d.key).toBe(byDb[d.database].key);
    }
    expect(all).not.toHaveProperty('sha256');

    const target = await pg(15).createDatabase();
    const single = await cli(['restore', ...where(), '--name', 'one', '--database-url', pg(15).url(target), '--yes']);
    expect(single).toMatchObject({ database: dbs[0], target, key: one.key, sha256: one.sha256 });
    expect(single.databases).toEqual([{ database: dbs[0], target, key: one.key, sha256: one.sha256, size: one.size }]);

    await cli(['verify', ...where(), '--name', 'one']);
    await cli(['validate', ...where(), '--name', 'one', '--database-url', pg(18).url('postgres')]);
    const checked = await cli(['check', ...where(), '--name', 'one', '--max-age', '1h']);
    expect(checked.backupTime).toEqual(expect.any(String));
  });

  test('prune, lifecycle, bucket init, bucket audit, iam-policy, cost', async () => {
    const plan = await cli(['prune', ...where(), '--name', 'one', '--keep-last', '1', '--dry-run']);
    expect(plan.plan[0]).toMatchObject({ key: expect.any(String), backupTime: expect.any(String) });
    await cli(['lifecycle', ...where()]);
    const fresh = uniqueBucketName('json');
    const init = await runCli(
      ['bucket', 'init', '--bucket', fresh, '--endpoint', fauxqs().endpoint, '--environment', ENV, '--json'].concat([
        '--allow-unsupported',
        'versioning,encryption,public-access-block',
      ]),
      s3Env(fauxqs()),
    );
    expect(init.code, init.stderr).toBe(0);
    await emptyAndDeleteBucket(fauxqs(), fresh);
    // Ceph 16 has no bucket default encryption: the audit fails, and its JSON still follows the schema
    await cli(['bucket', 'audit', ...where()], false);
    await cli(['iam-policy', '--bucket', bucket, '--environment', ENV, '--role', 'restore']);
    await cli(['cost', '--size', '10GB']);
  });
});
