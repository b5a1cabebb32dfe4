// The copy (copy-to) as a complete second site: a whole-server backup puts everything a recovery reads on the copy
// too (each database, the globals, the set document and sets/latest.json, latest/<name>.json), and with the primary's
// endpoint unreachable (a loopback port that drops every connection, and counts them) the copy alone lists, checks, drills and rebuilds the whole server
// on a new, empty one: roles, memberships, database properties, every row, sequences. bucket init and bucket audit
// set up and audit the copy's bucket the same way.
import { createServer, type AddressInfo } from 'node:net';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { fauxqs, pg, rgw } from '../support/context.js';
import { snapshotDatabase } from '../support/db-snapshot.js';
import { startPostgres, type PgServer } from '../support/postgres.js';
import { runCli, s3Env } from '../support/run.js';
import { createBucket, emptyAndDeleteBucket, getObject, listAllKeys, uniqueBucketName } from '../support/s3-servers.js';
import { APP_DATABASES, applicationServer } from '../support/server-fixture.js';
import { placeArgs } from '../support/cli-args.js';
import { startFaultProxy } from '../support/fault-proxy.js';

const ENV = 'site';
const DATABASES = [...APP_DATABASES, 'plain'];

/** Roles, memberships, role settings, database properties and every database's contents (sequences included). */
async function serverState(server: PgServer) {
  const q = (db: string, sql: string) => server.query(db, sql);
  const contents: Record<string, unknown> = {};
  for (const db of DATABASES) contents[db] = await snapshotDatabase(server, db);
  return {
    roles: await q(
      'postgres',
      `SELECT rolname, rolsuper, rolinherit, rolcreaterole, rolcreatedb, rolcanlogin, rolconnlimit
         FROM pg_roles WHERE rolname !~ '^pg_' ORDER BY 1`,
    ),
    memberships: await q(
      'postgres',
      `SELECT r.rolname AS role, m.rolname AS member FROM pg_auth_members a
         JOIN pg_roles r ON r.oid = a.roleid JOIN pg_roles m ON m.oid = a.member
        WHERE r.rolname !~ '^pg_' ORDER BY 1, 2`,
    ),
    settings: await q(
      'postgres',
      `SELECT coalesce(r.rolname, '') AS role, coalesce(d.datname, '') AS db, s.setconfig::text AS config
         FROM pg_db_role_setting s LEFT JOIN pg_roles r ON r.oid = s.setrole
         LEFT JOIN pg_database d ON d.oid = s.setdatabase ORDER BY 1, 2`,
    ),
    databases: await q(
      'postgres',
      `SELECT datname, pg_get_userbyid(datdba) AS owner, shobj_description(oid, 'pg_database') AS comment, encoding
         FROM pg_database WHERE datname IN ('shop', 'analytics', 'plain') ORDER BY 1`,
    ),
    contents,
  };
}

/** The primary's endpoint: a loopback port that drops every connection; close() says how many there were. */
async function primaryUnreachable(): Promise<{ endpoint: string; close(): Promise<number> }> {
  let contacted = 0;
  const server = createServer((socket) => {
    contacted++;
    socket.destroy();
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return {
    endpoint: `http://127.0.0.1:${(server.address() as AddressInfo).port}`,
    close: () => new Promise((resolve) => server.close(() => resolve(contacted))),
  };
}

describe('the copy as a complete second site', () => {
  let source: PgServer;
  let target: PgServer;
  let primary: string;
  let copyBucket: string;
  let expected: Awaited<ReturnType<typeof serverState>>;
  const env = () => ({
    ...s3Env(rgw()),
    S3_BACKUP_COPY_ACCESS_KEY_ID: fauxqs().accessKeyId,
    S3_BACKUP_COPY_SECRET_ACCESS_KEY: fauxqs().secretAccessKey,
  });
  const copyArgs = () => ['--copy-to', `s3://${copyBucket}/second`, '--copy-endpoint', fauxqs().endpoint];

  beforeAll(async () => {
    [source, target, primary, copyBucket] = await Promise.all([
      startPostgres(15),
      startPostgres(15),
      createBucket(rgw()),
      createBucket(fauxqs()),
    ]);
    await applicationServer(source);
    await source.exec(
      'plain',
      `CREATE SEQUENCE invoice_no START 1000; SELECT setval('invoice_no', 1041);
       CREATE TABLE events (id serial PRIMARY KEY, what text); INSERT INTO events (what) SELECT 'e' || g FROM generate_series(1, 37) g;`,
    );
    const b = await runCli(
      [
        'backup',
        ...placeArgs(primary, rgw().endpoint, ENV),
        '--database-url',
        source.url('postgres'),
        '--databases',
        'all',
        ...copyArgs(),
      ],
      env(),
    );
    expect(b.code, b.stderr).toBe(0);
    expected = await serverState(source);
  });
  afterAll(async () => {
    await Promise.all([
      source?.stop(),
      target?.stop(),
      emptyAndDeleteBucket(rgw(), primary),
      emptyAndDeleteBucket(fauxqs(), copyBucket),
    ]);
  });

  test('the copy holds the globals, the set document, sets/latest.json and latest/<name>.json, naming its own keys', async () => {
    const keys = await listAllKeys(fauxqs(), copyBucket, 'second/');
    const pointer = JSON.parse((await getObject(fauxqs(), copyBucket, 'second/sets/latest.json')).toString());
    expect(pointer.key).toMatch(/^second\/sets\/site_\d{8}_\d{6}\.json$/);
    const set = JSON.parse((await getObject(fauxqs(), copyBucket, pointer.key)).toString());
    expect(set.failed).toEqual([]);
    const names = set.members.map((m: { name: string }) => m.name).sort();
    expect(names).toEqual(['_globals', 'analytics', 'plain', 'postgres', 'shop']);
    for (const m of set.members as Array<{ key: string; name: string; sha256: string }>) {
      expect(m.key.startsWith(`second/${m.name}_${ENV}_`), m.key).toBe(true);
      for (const k of [m.key, `${m.key}.sha256`, `${m.key}.meta`]) expect(keys).toContain(k);
      const latest = JSON.parse((await getObject(fauxqs(), copyBucket, `second/latest/${m.name}.json`)).toString());
      expect(latest).toMatchObject({ key: m.key, sha256: m.sha256 });
    }
    // a set run moves latest/<name>.json, not the single-database latest.json: on the copy as on the primary
    expect(keys).not.toContain('second/latest.json');
    expect((await listAllKeys(rgw(), primary, `${ENV}/`)).includes(`${ENV}/latest.json`)).toBe(false);
  });

  test('a download that breaks halfway and is then refused by the primary is finished from the copy, verified', async () => {
    const key = (await listAllKeys(rgw(), primary, `${ENV}/plain_${ENV}_`)).find((k) => k.endsWith('.dump.zst'))!;
    // the first answer breaks after half the body; every later request of the object is refused (credentials revoked)
    const proxy = await startFaultProxy(rgw().endpoint, (r) =>
      r.op === 'GetObject' && r.key === key ? (r.n === 1 ? 'reset-response' : '403') : undefined,
    );
    try {
      const r = await runCli(
        ['verify', ...placeArgs(primary, proxy.endpoint, ENV), ...copyArgs(), '--name', 'plain', '--json'],
        env(),
      );
      expect(r.code, r.stderr).toBe(0);
      expect(proxy.injected.map((f) => f.fault)).toEqual(['reset-response', '403']);
      const copyKey = key.replace(`${ENV}/`, 'second/');
      expect(r.stderr).toMatch(
        new RegExp(
          `the download from s3://${primary}/${key} failed after [\\d.]+ \\w*B of [\\d.]+ \\w*B \\(Access Denied\\): continuing from s3://${copyBucket}/${copyKey} at that byte \\(same SHA-256\\)`,
        ),
      );
      const { sha256 } = JSON.parse((await getObject(rgw(), primary, `${ENV}/latest/plain.json`)).toString());
      expect(r.stderr).toContain(`sha256 verified: ${sha256}`);
    } finally {
      await proxy.close();
    }
  });

  test('the primary unreachable: list, check, validate and restore --all from the copy; the new server identical', async () => {
    const dropper = await primaryUnreachable();
    const closed = dropper.endpoint;
    const offline = [...placeArgs(primary, closed, ENV), ...copyArgs(), '--from', 'copy'];
    const list = await runCli(['list', ...offline], env());
    expect(list.code, list.stderr).toBe(0);
    expect(list.stdout).toMatch(/second\/shop_site_\d{8}_\d{6}\.dump\.zst/);
    const check = await runCli(['check', ...offline, '--json'], env());
    expect(check.code, check.stderr).toBe(0);
    expect(JSON.parse(check.stdout)).toMatchObject({ fresh: true });
    const validate = await runCli(
      ['validate', ...offline, '--name', 'plain', '--database-url', pg(15).url('postgres')],
      env(),
    );
    expect(validate.code, validate.stderr).toBe(0);
    const throwaway = await startPostgres(15);
    try {
      const drill = await runCli(['validate', ...offline, '--all', '--database-url', throwaway.url('postgres')], env());
      expect(drill.code, drill.stderr).toBe(0);
      expect(drill.stdout).toMatch(/^passed: /m);
    } finally {
      await throwaway.stop();
    }

    const r = await runCli(['restore', ...offline, '--all', '--database-url', target.url('postgres'), '--yes'], env());
    expect(r.code, r.stderr).toBe(0);
    expect(r.stdout).toMatch(
      /^restored 4 databases of second\/sets\/site_\d{8}_\d{6}\.json and matched the manifest \(\d+ tables, \d+ rows\)/m,
    );
    expect(r.stderr).toContain('globals: created roles app_owner, app_ro, app_user');
    expect(await dropper.close()).toBe(0);
    expect(await serverState(target)).toEqual(expected);
    const seq = await target.query('plain', `SELECT last_value::int AS v FROM invoice_no`);
    expect(seq).toEqual([{ v: 1041 }]);
  });
});

describe('bucket init and bucket audit of the copy (from: copy)', () => {
  const copyBucket = uniqueBucketName('copyinit');
  afterAll(async () => emptyAndDeleteBucket(rgw(), copyBucket));

  test('init sets up the copy bucket and audit reads it, with the primary unreachable', async () => {
    const dropper = await primaryUnreachable();
    const env = {
      ...s3Env(rgw()),
      S3_BACKUP_COPY_ACCESS_KEY_ID: rgw().accessKeyId,
      S3_BACKUP_COPY_SECRET_ACCESS_KEY: rgw().secretAccessKey,
    };
    const args = [
      ...placeArgs('primary-gone', dropper.endpoint, 'prod'),
      '--from',
      'copy',
      '--copy-to',
      `s3://${copyBucket}/prod`,
      '--copy-endpoint',
      rgw().endpoint,
      '--json',
    ];
    const init = await runCli(['bucket', 'init', ...args], env);
    const steps = JSON.parse(init.stdout).report as Array<{ step: string; status: string; detail: string }>;
    const status = Object.fromEntries(steps.map((x) => [x.step, x.status]));
    expect(status).toMatchObject({ bucket: 'done', versioning: 'done' });
    const audit = await runCli(['bucket', 'audit', ...args], env);
    const checks = JSON.parse(audit.stdout).report as Array<{ check: string; status: string }>;
    expect(Object.fromEntries(checks.map((c) => [c.check, c.status]))).toMatchObject({ versioning: 'ok' });
    expect(await dropper.close()).toBe(0);
  });
});
