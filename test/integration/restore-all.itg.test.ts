// A whole server back on new, empty servers (PostgreSQL 15, and 18 from a 15 source) from one backup set: roles,
// memberships, role settings, passwords, database owners, settings and comments, schema, privileges and every row.
import { execFile } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { promisify } from 'node:util';
import pg from 'pg';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { rgw } from '../support/context.js';
import { snapshotDatabase } from '../support/db-snapshot.js';
import { PG_PASSWORD, startPostgres, type PgServer } from '../support/postgres.js';
import { runAction, runCli, s3Env } from '../support/run.js';
import { createBucket, emptyAndDeleteBucket } from '../support/s3-servers.js';
import { APP_DATABASES, applicationServer } from '../support/server-fixture.js';
import { placeArgs } from '../support/cli-args.js';

const sh = promisify(execFile);
const DATABASES = [...APP_DATABASES, 'plain'];

/** Everything server-wide and per database that a whole-server restore must carry over, comparable across majors. */
async function serverState(server: PgServer) {
  const q = (db: string, sql: string) => server.query(db, sql);
  const roles = await q(
    'postgres',
    `SELECT rolname, rolsuper, rolinherit, rolcreaterole, rolcreatedb, rolcanlogin, rolbypassrls, rolconnlimit
       FROM pg_roles WHERE rolname !~ '^pg_' ORDER BY 1`,
  );
  const memberships = await q(
    'postgres',
    `SELECT r.rolname AS role, m.rolname AS member FROM pg_auth_members a
       JOIN pg_roles r ON r.oid = a.roleid JOIN pg_roles m ON m.oid = a.member
      WHERE r.rolname !~ '^pg_' ORDER BY 1, 2`,
  );
  const settings = await q(
    'postgres',
    `SELECT coalesce(r.rolname, '') AS role, coalesce(d.datname, '') AS db, s.setconfig::text AS config
       FROM pg_db_role_setting s LEFT JOIN pg_roles r ON r.oid = s.setrole LEFT JOIN pg_database d ON d.oid = s.setdatabase
      ORDER BY 1, 2`,
  );
  const databases = await q(
    'postgres',
    `SELECT datname, pg_get_userbyid(datdba) AS owner, shobj_description(oid, 'pg_database') AS comment, encoding
       FROM pg_database WHERE datname IN ('shop', 'analytics', 'plain') ORDER BY 1`,
  );
  const privileges: Record<string, unknown> = {};
  for (const db of DATABASES) {
    privileges[db] = {
      tables: await q(
        db,
        `SELECT relname, pg_get_userbyid(relowner) AS owner, relacl::text AS acl, relrowsecurity
                             FROM pg_class WHERE relnamespace = 'public'::regnamespace AND relkind = 'r' ORDER BY 1`,
      ),
      policies: await q(db, 'SELECT polname, polroles::regrole[]::text AS roles FROM pg_policy ORDER BY 1'),
      defaults: await q(
        db,
        'SELECT pg_get_userbyid(defaclrole) AS role, defaclacl::text AS acl FROM pg_default_acl ORDER BY 1',
      ),
      contents: await snapshotDatabase(server, db),
    };
  }
  return { roles, memberships, settings, databases, privileges };
}

/** pg_dump --schema-only (owners and privileges included), without the per-run \restrict key. */
async function schemaDump(server: PgServer, db: string): Promise<string> {
  const { stdout } = await sh('pg_dump', ['--schema-only', `--dbname=${server.url(db)}`], {
    env: { ...process.env, PGPASSWORD: PG_PASSWORD },
    maxBuffer: 64 << 20,
  });
  return stdout.replace(/^\\(un)?restrict .*$/gm, '');
}

async function logsInAsAppUser(server: PgServer): Promise<number> {
  const client = new pg.Client({
    host: server.host,
    port: server.port,
    user: 'app_user',
    password: 'app-user-pw',
    database: 'shop',
  });
  await client.connect();
  try {
    return (await client.query('SELECT 1 AS ok')).rows[0].ok;
  } finally {
    await client.end();
  }
}

describe('restore --all: a whole server onto new, empty servers', () => {
  let source: PgServer;
  let target15: PgServer;
  let target18: PgServer;
  let bucket: string;
  let expected: Awaited<ReturnType<typeof serverState>>;
  const s3 = () => rgw();
  const where = () => placeArgs(bucket, s3().endpoint, 'dr');

  beforeAll(async () => {
    [source, target15, target18, bucket] = await Promise.all([
      startPostgres(15),
      startPostgres(15),
      startPostgres(18),
      createBucket(rgw()),
    ]);
    await applicationServer(source);
    // a role no database uses: a whole server restores it, one database does not
    await source.exec('postgres', `CREATE ROLE reporting LOGIN PASSWORD 'reporting-pw'`);
    const b = await runCli(
      ['backup', ...where(), '--database-url', source.url('postgres'), '--databases', 'all'],
      s3Env(s3()),
    );
    expect(b.code, b.stderr).toBe(0);
    // in a set, each database's closing line names it
    for (const db of DATABASES) expect(b.stderr).toMatch(new RegExp(`^done: ${db}: \\S+ \\S+ stored`, 'm'));
    expected = await serverState(source);
  });
  afterAll(async () => {
    await Promise.all([source?.stop(), target15?.stop(), target18?.stop(), emptyAndDeleteBucket(rgw(), bucket)]);
  });

  test('CLI onto an empty PostgreSQL 15: everything equal, pg_dump --schema-only equal, the password works', async () => {
    const r = await runCli(
      ['restore', ...where(), '--all', '--database-url', target15.url('postgres'), '--yes'],
      s3Env(s3()),
    );
    expect(r.code, r.stderr).toBe(0);
    expect(r.stderr).toContain('globals: created roles app_owner, app_ro, app_user');
    expect(r.stdout).toMatch(/^restored 4 databases of dr\/sets\/dr_\d{8}_\d{6}\.json/m);
    expect(await serverState(target15)).toEqual(expected);
    for (const db of DATABASES) expect(await schemaDump(target15, db)).toBe(await schemaDump(source, db));
    expect(await logsInAsAppUser(target15)).toBe(1);
  });

  test('action onto an empty PostgreSQL 18 from the 15 source: everything equal, the password works', async () => {
    const a = await runAction(
      'restore',
      {
        'database-url': target18.url('postgres'),
        bucket,
        endpoint: s3().endpoint,
        environment: 'dr',
        all: 'true',
        jobs: '2',
      },
      s3Env(s3()),
    );
    expect(a.code, a.stdout).toBe(0);
    expect(a.outputs.key).toMatch(/^dr\/sets\/dr_\d{8}_\d{6}\.json$/);
    expect(a.outputs.database!.split(',').sort()).toEqual([...DATABASES, 'postgres'].sort());
    // PostgreSQL 17 gave owners the MAINTAIN privilege (m): a difference of the major, not of the restore
    const state = await serverState(target18);
    const withoutMaintain = JSON.parse(JSON.stringify(state).replace(/=([a-zA-Z*]*)m([a-zA-Z*]*)\//g, '=$1$2/'));
    expect(withoutMaintain).toEqual(expected);
    expect(await logsInAsAppUser(target18)).toBe(1);
  });

  test('a server whose databases hold tables is refused before anything is touched', async () => {
    const before = await serverState(target15);
    const r = await runCli(
      ['restore', ...where(), '--all', '--database-url', target15.url('postgres'), '--yes'],
      s3Env(s3()),
    );
    expect(r.code).toBe(1);
    expect(r.stderr.trim().split('\n').at(-1)).toMatch(
      /^s3-backup: error: restore: databases analytics \(2 tables\), plain \(1 table\), shop \(2 tables\) already exist at 127\.0\.0\.1:\d+ and hold tables: set --clean to drop and replace them, or choose others with --databases \(target untouched\)$/,
    );
    expect(await serverState(target15)).toEqual(before);
  });

  test('clean: each whole database it drops is named in one line before it is dropped', async () => {
    const r = await runCli(
      [
        'restore',
        ...where(),
        '--all',
        '--databases',
        'analytics,shop',
        '--clean',
        '--database-url',
        target15.url('postgres'),
        '--yes',
      ],
      s3Env(s3()),
    );
    expect(r.code, r.stderr).toBe(0);
    const lines = r.stderr.split('\n');
    for (const [name, tables] of [
      ['analytics', '2 tables'],
      ['shop', '2 tables'],
    ]) {
      const drop = lines.indexOf(`clean: dropping database ${name} (${tables}) and re-creating it from the backup`);
      expect(drop, r.stderr).toBeGreaterThanOrEqual(0);
      const restoring = lines.findIndex((l) => l.startsWith(`${name}: restoring`));
      expect(restoring, r.stderr).toBeGreaterThan(drop);
    }
  });

  test('clean with postgres among the databases: postgres is dropped and re-created from another database', async () => {
    await target15.exec('postgres', 'CREATE TABLE leftover (id int)');
    const r = await runCli(
      [
        'restore',
        ...where(),
        '--all',
        '--databases',
        'postgres,plain',
        '--clean',
        '--database-url',
        target15.url('postgres'),
        '--yes',
      ],
      s3Env(s3()),
    );
    expect(r.code, r.stderr).toBe(0);
    expect(r.stderr).toContain('clean: dropping database postgres (1 table) and re-creating it from the backup');
    expect(await target15.query('postgres', `SELECT to_regclass('public.leftover') AS t`)).toEqual([{ t: null }]);
    expect(await snapshotDatabase(target15, 'plain')).toEqual(await snapshotDatabase(source, 'plain'));
  });

  test('one database of the set onto a new server: created with its properties, only the roles its dump names', async () => {
    const fresh = await startPostgres(15);
    try {
      const r = await runCli(
        ['restore', ...where(), '--name', 'shop', '--create-database', '--database-url', fresh.url('shop'), '--yes'],
        s3Env(s3()),
      );
      expect(r.code, r.stderr).toBe(0);
      // app_user logs in through app_ro: it comes with it; the server's other roles do not
      expect(r.stderr).toContain('globals: created roles app_owner, app_ro, app_user\n');
      expect(r.stderr).toContain('created database "shop" with its owner, settings and comment from the backup');
      const roles = `SELECT rolname FROM pg_roles WHERE rolname LIKE 'app\\_%' OR rolname = 'reporting' ORDER BY 1`;
      expect(await fresh.query('postgres', roles)).toEqual([
        { rolname: 'app_owner' },
        { rolname: 'app_ro' },
        { rolname: 'app_user' },
      ]);
      const properties = `SELECT pg_get_userbyid(datdba) AS owner, shobj_description(d.oid, 'pg_database') AS comment,
          (SELECT setconfig::text FROM pg_db_role_setting WHERE setdatabase = d.oid AND setrole = 0) AS settings
        FROM pg_database d WHERE datname = 'shop'`;
      expect(await fresh.query('postgres', properties)).toEqual([
        { owner: 'app_owner', comment: 'the shop database', settings: '{work_mem=8MB}' },
      ]);
      expect(await snapshotDatabase(fresh, 'shop')).toEqual(await snapshotDatabase(source, 'shop'));
    } finally {
      await fresh.stop();
    }
  });

  test('validate --all drills the set on a throwaway server: roles present, every database as its manifest says', async () => {
    const throwaway = await startPostgres(15);
    try {
      const v = await runAction(
        'validate',
        { 'database-url': throwaway.url('postgres'), bucket, endpoint: s3().endpoint, environment: 'dr', all: 'true' },
        s3Env(s3()),
      );
      expect(v.code, v.stdout).toBe(0);
      expect(v.outputs.status).toBe('passed');
      expect(v.outputs.key).toMatch(/^dr\/sets\/dr_\d{8}_\d{6}\.json$/);
      expect(Number(v.outputs['tables-checked'])).toBe(5);
      // one record for the set, one for each database, each with its own key and SHA-256; the statement names them all
      const drills = await runCli(['list', ...where(), '--drills', '--json'], s3Env(s3()));
      const rows = (
        JSON.parse(drills.stdout).drills as Array<{ kind: string; key: string; database?: string; status: string }>
      )
        .map((d) => [d.kind, d.database ?? d.key, d.status])
        .sort();
      expect(rows).toEqual([
        ['member', 'analytics', 'passed'],
        ['member', 'plain', 'passed'],
        ['member', 'postgres', 'passed'],
        ['member', 'shop', 'passed'],
        ['set', v.outputs.key, 'passed'],
      ]);
      const subjects = readFileSync(v.outputs['drill-subjects']!, 'utf8').trim().split('\n');
      expect(subjects).toHaveLength(5); // the globals and the four databases
      // the drill's databases are dropped afterwards; the roles stay on the throwaway server
      const left = await throwaway.query(
        'postgres',
        `SELECT datname FROM pg_database WHERE datname IN ('shop', 'analytics', 'plain')`,
      );
      expect(left).toEqual([]);
      expect(
        (await throwaway.query('postgres', `SELECT count(*)::int AS n FROM pg_roles WHERE rolname LIKE 'app\\_%'`))[0]
          .n,
      ).toBe(3);
    } finally {
      await throwaway.stop();
    }
  });

  test('one database, and one table, out of the set', async () => {
    const one = await target15.createDatabase();
    const r = await runCli(
      ['restore', ...where(), '--name', 'shop', '--table', 'orders', '--database-url', target15.url(one), '--yes'],
      s3Env(s3()),
    );
    expect(r.code, r.stderr).toBe(0);
    expect(
      await target15.query(one, `SELECT tablename, tableowner FROM pg_tables WHERE schemaname = 'public'`),
    ).toEqual([{ tablename: 'orders', tableowner: 'app_owner' }]);
    expect((await target15.query(one, 'SELECT count(*)::int AS n FROM orders'))[0].n).toBe(500);
  });
});
