// A backup set made by the jobs of a matrix, as GitHub runs them: plan, one backup process a group at the same time,
// then set close; the set restored whole onto a new server, and a member killed midway named by the close.
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { placeArgs } from '../support/cli-args.js';
import { fauxqs, rgw } from '../support/context.js';
import { snapshotDatabase } from '../support/db-snapshot.js';
import { startFaultProxy, uploadParts } from '../support/fault-proxy.js';
import { startPostgres, type PgServer } from '../support/postgres.js';
import { runCli, s3Env } from '../support/run.js';
import { createBucket, emptyAndDeleteBucket, getObject, listAllKeys } from '../support/s3-servers.js';
import { applicationServer } from '../support/server-fixture.js';
import { beforeRunEnds } from '../support/wait.js';

const DATABASES = ['analytics', 'plain', 'shop'];

/** Roles, memberships, each database's owner and comment, and every database's contents. */
async function serverState(server: PgServer) {
  const roles = await server.query(
    'postgres',
    `SELECT rolname, rolcanlogin, rolinherit FROM pg_roles WHERE rolname !~ '^pg_' AND rolname <> current_user ORDER BY 1`,
  );
  const memberships = await server.query(
    'postgres',
    `SELECT r.rolname AS role, m.rolname AS member FROM pg_auth_members a
       JOIN pg_roles r ON r.oid = a.roleid JOIN pg_roles m ON m.oid = a.member WHERE r.rolname !~ '^pg_' ORDER BY 1, 2`,
  );
  const databases = await server.query(
    'postgres',
    `SELECT datname, pg_get_userbyid(datdba) AS owner, shobj_description(oid, 'pg_database') AS comment
       FROM pg_database WHERE datname = ANY($1::text[]) ORDER BY 1`,
    [DATABASES],
  );
  const contents: Record<string, unknown> = {};
  for (const db of DATABASES) contents[db] = await snapshotDatabase(server, db);
  return { roles, memberships, databases, contents };
}

describe('a set made by a job matrix: plan → one backup a group, all at once → set close', () => {
  let source: PgServer;
  let target: PgServer;
  let bucket: string;
  let closedKey: string;
  let copyBucket: string;
  const s3 = () => rgw();
  // the happy path writes a copy too (copy-to on the second S3 server): the close gives the copy its set
  const copyArgs = () => ['--copy-to', `s3://${copyBucket}/second`, '--copy-endpoint', fauxqs().endpoint];
  const copyEnv = () => ({
    ...s3Env(s3()),
    S3_BACKUP_COPY_ACCESS_KEY_ID: fauxqs().accessKeyId,
    S3_BACKUP_COPY_SECRET_ACCESS_KEY: fauxqs().secretAccessKey,
  });
  const where = (endpoint = s3().endpoint) => placeArgs(bucket, endpoint, 'mx');
  const json = async (key: string) => JSON.parse((await getObject(s3(), bucket, key)).toString());
  const plan = async (...args: string[]) => {
    const r = await runCli(
      ['plan', ...where(), '--database-url', source.url('postgres'), ...args, '--json'],
      s3Env(s3()),
    );
    expect(r.code, r.stderr).toBe(0);
    return JSON.parse(r.stdout) as {
      matrix: { include: Array<{ group: string; databases: string }> };
      setId: string;
      setKey: string;
    };
  };
  const member = (
    setId: string,
    databases: string,
    o: { endpoint?: string; onSpawn?: (pid: number) => void; copy?: boolean } = {},
  ) =>
    runCli(
      [
        'backup',
        ...where(o.endpoint),
        '--database-url',
        source.url('postgres'),
        '--set-id',
        setId,
        '--databases',
        databases,
        ...(o.copy ? copyArgs() : []),
      ],
      o.copy ? copyEnv() : s3Env(s3()),
      { onSpawn: o.onSpawn },
    );
  const close = (setId: string, copy = false) =>
    runCli(
      [
        'set',
        'close',
        ...where(),
        '--database-url',
        source.url('postgres'),
        '--set-id',
        setId,
        ...(copy ? copyArgs() : []),
      ],
      copy ? copyEnv() : s3Env(s3()),
    );

  beforeAll(async () => {
    [source, target, bucket, copyBucket] = await Promise.all([
      startPostgres(15),
      startPostgres(15),
      createBucket(rgw()),
      createBucket(fauxqs()),
    ]);
    await applicationServer(source);
    await source.createDatabase('victim');
    // larger than what the upload buffers: with its parts held in the proxy, the victim's backup stays mid-upload
    await source.exec(
      'victim',
      `CREATE TABLE big AS SELECT g AS id,
         (SELECT string_agg(md5(g::text || '-' || i::text || random()::text), '') FROM generate_series(1, 32) i) AS v
       FROM generate_series(1, 40000) g`,
    );
  });
  afterAll(async () => {
    await Promise.all([
      source?.stop(),
      target?.stop(),
      emptyAndDeleteBucket(rgw(), bucket),
      emptyAndDeleteBucket(fauxqs(), copyBucket),
    ]);
  });

  test('three databases, three jobs at once, closed: a set like any other, restore --all gives the server back', async () => {
    const p = await plan('--databases', 'all', '--exclude-databases', 'postgres,victim', '--max-jobs', '3');
    expect(p.setKey).toBe(`mx/sets/${p.setId}.json`);
    expect(p.matrix.include.map((g) => g.group)).toEqual(['1', '2', '3']);
    expect(p.matrix.include.map((g) => g.databases).sort()).toEqual(DATABASES);

    const runs = await Promise.all(p.matrix.include.map((g) => member(p.setId, g.databases, { copy: true })));
    for (const r of runs) expect(r.code, r.stderr).toBe(0);
    // the members are stored; the set is the close's
    const before = await listAllKeys(s3(), bucket, 'mx/');
    expect(before).not.toContain(p.setKey);
    expect(before).not.toContain('mx/sets/latest.json');
    expect(before.filter((k) => k.endsWith('.member.json')).sort()).toEqual(
      DATABASES.map((d) => `mx/sets/${p.setId}/${d}.member.json`),
    );

    const c = await close(p.setId, true);
    expect(c.code, c.stderr).toBe(0);
    const set = await json(p.setKey);
    expect(set).toMatchObject({ schema: 's3-backup/set', key: p.setKey, failed: [] });
    expect(set.members.map((m: { name: string; status: string }) => `${m.name} ${m.status}`).sort()).toEqual([
      '_globals ok',
      'analytics ok',
      'plain ok',
      'shop ok',
    ]);
    const keys = await listAllKeys(s3(), bucket, 'mx/');
    for (const m of set.members)
      expect(keys).toEqual(expect.arrayContaining([m.key, `${m.key}.sha256`, `${m.key}.meta`]));
    expect(await json('mx/sets/latest.json')).toMatchObject({ key: p.setKey });
    expect(keys.filter((k) => k.includes('/.claims/'))).toEqual([]);
    // the copy is a second site for this set too: its own set document naming the copy's keys, and its latest
    const copyKeys = await listAllKeys(fauxqs(), copyBucket, 'second/');
    const copyPointer = JSON.parse((await getObject(fauxqs(), copyBucket, 'second/sets/latest.json')).toString());
    const copySet = JSON.parse((await getObject(fauxqs(), copyBucket, copyPointer.key)).toString());
    expect(copySet.failed).toEqual([]);
    expect(copySet.members.map((m: { name: string }) => m.name).sort()).toEqual(['_globals', ...DATABASES]);
    for (const m of copySet.members as Array<{ key: string }>) {
      expect(m.key.startsWith('second/')).toBe(true);
      expect(copyKeys).toEqual(expect.arrayContaining([m.key, `${m.key}.sha256`]));
    }
    closedKey = p.setKey;
    // the freshness gate reads the matrix-made set as any other: each of its databases judged
    const gate = await runCli(['check', ...where(), '--max-age', '1h', '--json'], s3Env(s3()));
    expect(gate.code, gate.stderr).toBe(0);
    const judged = JSON.parse(gate.stdout);
    expect(judged).toMatchObject({ fresh: true, stale: [] });
    expect(judged.databases.map((d: { name: string }) => d.name).sort()).toEqual(DATABASES);

    const again = await close(p.setId);
    expect(again.code).toBe(1);
    expect(again.stderr).toMatch(new RegExp(`set-id: set ${p.setId} is closed already`));

    const r = await runCli(
      ['restore', ...where(), '--all', '--database-url', target.url('postgres'), '--yes'],
      s3Env(s3()),
    );
    expect(r.code, r.stderr).toBe(0);
    expect(r.stdout).toContain(`restored 3 databases of ${p.setKey}`);
    expect(await serverState(target)).toEqual(await serverState(source));
  });

  test('a member killed during its upload: the close names it, the set records it, latest.json stays', async () => {
    expect(closedKey).toBeDefined();
    const p = await plan('--databases', 'plain,victim', '--max-jobs', '2');
    // the larger database first: the victim is group 1, alone
    expect(p.matrix.include).toEqual([
      { group: '1', databases: 'victim' },
      { group: '2', databases: 'plain' },
    ]);
    const ok = await member(p.setId, 'plain');
    expect(ok.code, ok.stderr).toBe(0);

    const proxy = await startFaultProxy(
      s3().endpoint,
      uploadParts(() => 'hold'),
    );
    try {
      let pid = 0;
      const run = member(p.setId, 'victim', { endpoint: proxy.endpoint, onSpawn: (n) => (pid = n) });
      await beforeRunEnds('a part of the upload held in the proxy', proxy.whenHeld(1), run);
      process.kill(pid, 'SIGKILL');
      expect((await run).signal).toBe('SIGKILL');
    } finally {
      proxy.release();
      await proxy.close();
    }

    const c = await close(p.setId);
    expect(c.code).toBe(1);
    const last = c.stderr.trim().split('\n').at(-1)!;
    expect(last).toMatch(/set close: 1 of 3 members failed or did not end: "victim" \(no result: its job did not end/);
    expect(last).toMatch(/sets\/latest\.json was not moved/);
    const set = await json(p.setKey);
    expect(set.failed).toEqual(['victim']);
    const byName = Object.fromEntries(set.members.map((m: { name: string }) => [m.name, m]));
    expect(byName.victim).toMatchObject({ status: 'failed', database: 'victim' });
    expect(byName.victim.key).toBeUndefined();
    expect(byName.plain).toMatchObject({ status: 'ok' });
    expect(byName._globals).toMatchObject({ status: 'ok' });
    expect(await json('mx/sets/latest.json')).toMatchObject({ key: closedKey });

    // refused in one line, before anything is written: a database the plan does not hold, a set never planned
    const stray = await member(p.setId, 'shop');
    expect(stray.code).toBe(1);
    expect(stray.stderr.trim()).toBe(
      `s3-backup: error: databases: "shop" is not planned in set ${p.setId} (it plans victim, plain); pass the matrix entry's databases`,
    );
    const unplanned = await close('mx_20000101_000000');
    expect(unplanned.code).toBe(1);
    expect(unplanned.stderr.trim()).toMatch(
      /^s3-backup: error: set-id: no plan mx_20000101_000000 at s3:\/\/[\w-]+\/mx\/sets\/mx_20000101_000000\/plan\.json; run plan first/,
    );
  });
});
