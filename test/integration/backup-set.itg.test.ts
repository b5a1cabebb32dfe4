// Backup of a whole server in one run (databases: all or a list, and the globals), against a PostgreSQL server of its
// own per test (`all` means every database on it) and Ceph RGW, through the bundled action and the CLI.
import { execFile } from 'node:child_process';
import { mkdtempSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { promisify } from 'node:util';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { rgw } from '../support/context.js';
import { startPostgres, type PgServer } from '../support/postgres.js';
import { capture, runAction, runCli, s3Env } from '../support/run.js';
import {
  createBucket,
  emptyAndDeleteBucket,
  getObject,
  listAllKeys,
  listMultipartUploads,
} from '../support/s3-servers.js';

const sh = promisify(execFile);

/** Two application databases with an owner role, a group role with a login member, RLS naming the group, default
 * privileges, a database setting and a comment; and a plain database. */
async function applicationServer(server: PgServer): Promise<void> {
  await server.exec(
    'postgres',
    `CREATE ROLE app_owner NOLOGIN;
     CREATE ROLE app_ro NOLOGIN;
     CREATE ROLE app_user LOGIN PASSWORD 'app-user-pw' IN ROLE app_ro;
     ALTER ROLE app_user SET statement_timeout = '5s';`,
  );
  // CREATE DATABASE runs outside a transaction: one statement a call
  for (const sql of ['CREATE DATABASE shop OWNER app_owner', 'CREATE DATABASE analytics OWNER app_owner'])
    await server.exec('postgres', sql);
  await server.createDatabase('plain');
  for (const db of ['shop', 'analytics']) {
    await server.exec(
      'postgres',
      `ALTER DATABASE ${db} SET work_mem = '8MB'; COMMENT ON DATABASE ${db} IS 'the ${db} database'`,
    );
    await server.exec(
      db,
      `SET ROLE app_owner;
       CREATE TABLE public.orders (id int PRIMARY KEY, tenant text NOT NULL, total numeric);
       INSERT INTO public.orders SELECT g, 't' || (g % 3), g * 1.5 FROM generate_series(1, 500) g;
       ALTER TABLE public.orders ENABLE ROW LEVEL SECURITY;
       CREATE POLICY tenant_read ON public.orders FOR SELECT TO app_ro USING (tenant = current_user);
       GRANT SELECT ON public.orders TO app_ro;
       ALTER DEFAULT PRIVILEGES IN SCHEMA public GRANT SELECT ON TABLES TO app_ro;
       RESET ROLE;`,
    );
  }
  await server.exec('plain', 'CREATE TABLE notes (id int, body text); INSERT INTO notes VALUES (1, $$hello$$)');
}

/** The object decoded (zstd, not encrypted) as text. */
async function decodedText(bucket: string, key: string): Promise<string> {
  const dir = mkdtempSync(path.join(os.tmpdir(), 's3b-set-'));
  const file = path.join(dir, path.basename(key));
  writeFileSync(file, await getObject(rgw(), bucket, key));
  const { stdout } = await sh('zstd', ['-dc', file], { maxBuffer: 64 << 20 });
  return stdout;
}

async function json(bucket: string, key: string) {
  return JSON.parse((await getObject(rgw(), bucket, key)).toString());
}

describe('backup of every database of a server, with its globals', () => {
  let server: PgServer;
  let bucket: string;
  beforeAll(async () => {
    [server, bucket] = await Promise.all([startPostgres(15), createBucket(rgw())]);
    await applicationServer(server);
  });
  afterAll(async () => {
    await Promise.all([server?.stop(), emptyAndDeleteBucket(rgw(), bucket)]);
  });

  test('action, databases: all: every member with its sidecars, the globals, the set and the latest pointers', async () => {
    const s3 = rgw();
    const run = await runAction(
      'backup',
      { 'database-url': server.url('postgres'), bucket, endpoint: s3.endpoint, environment: 'dr', databases: 'all' },
      s3Env(s3),
    );
    expect(run.code, run.stdout + run.stderr).toBe(0);
    const o = run.outputs;
    expect(o['set-key']).toMatch(/^dr\/sets\/dr_\d{8}_\d{6}\.json$/);
    expect(o.key).toBe(o['set-key']);
    expect(JSON.parse(o.failed!)).toEqual([]);
    const keys = JSON.parse(o.keys!) as Record<string, string>;
    expect(Object.keys(keys).sort()).toEqual(['_globals', 'analytics', 'plain', 'postgres', 'shop']);
    const stamp = o['set-key']!.slice('dr/sets/dr_'.length, -'.json'.length);
    expect(keys.shop).toBe(`dr/shop_dr_${stamp}.dump.zst`);
    expect(keys._globals).toBe(`dr/_globals_dr_${stamp}.sql.zst`);
    expect(o['globals-key']).toBe(keys._globals);

    const stored = await listAllKeys(s3, bucket, 'dr/');
    const expected = Object.entries(keys).flatMap(([name, key]) => [
      key,
      `${key}.sha256`,
      `${key}.meta`,
      `dr/latest/${name}.json`,
    ]);
    expect(stored.sort()).toEqual([...expected, o['set-key']!, 'dr/sets/latest.json'].sort());
    expect(await listMultipartUploads(s3, bucket)).toEqual([]);

    const set = await json(bucket, o['set-key']!);
    capture('set document', JSON.stringify(set, null, 2));
    expect(set).toMatchObject({
      schema: 's3-backup/set',
      version: 1,
      key: o['set-key'],
      environment: 'dr',
      server: { host: '127.0.0.1', serverMajor: 15 },
      failed: [],
    });
    expect(set.members.map((m: { name: string }) => m.name)).toEqual([
      '_globals',
      'analytics',
      'plain',
      'postgres',
      'shop',
    ]);
    for (const m of set.members) {
      const sidecar = (await getObject(s3, bucket, `${m.key}.sha256`)).toString();
      expect(sidecar.split(' ')[0]).toBe(m.sha256);
      expect((await getObject(s3, bucket, m.key)).length).toBe(m.size);
      expect(m.status).toBe('ok');
      expect(await json(bucket, `dr/latest/${m.name}.json`)).toMatchObject({ key: m.key, sha256: m.sha256 });
      if (m.kind === 'database') expect(m.snapshot).toMatch(/^[0-9A-F]+-[0-9A-F]+-\d+$/);
    }
    const globalsMember = set.members.find((m: { kind: string }) => m.kind === 'globals');
    expect(globalsMember).toMatchObject({ database: '_globals', noRolePasswords: false });
    expect(await json(bucket, 'dr/sets/latest.json')).toMatchObject({ schema: 's3-backup/latest', key: o['set-key'] });

    // the globals: roles, membership, role settings, the login user's password verifier
    const globals = await decodedText(bucket, keys._globals!);
    expect(globals).toMatch(/CREATE ROLE app_owner;/);
    expect(globals).toMatch(/ALTER ROLE app_user WITH .*LOGIN.*PASSWORD 'SCRAM-SHA-256\$/);
    expect(globals).toMatch(/GRANT app_ro TO app_user/);
    expect(globals).toMatch(/ALTER ROLE app_user SET statement_timeout TO '5s'/);
    const gm = await json(bucket, `${keys._globals}.meta`);
    expect(gm).toMatchObject({ format: 'plain', database: { name: '_globals' }, globals: { noRolePasswords: false } });
    expect(gm.globals.roles).toEqual(expect.arrayContaining(['app_owner', 'app_ro', 'app_user']));

    // each database's dump carries its own properties (owner, setting, comment) for a restore that creates it
    const dir = mkdtempSync(path.join(os.tmpdir(), 's3b-set-'));
    writeFileSync(path.join(dir, 'shop.dump.zst'), await getObject(s3, bucket, keys.shop!));
    await sh('zstd', ['-d', '-q', path.join(dir, 'shop.dump.zst')]);
    const { stdout: sql } = await sh('pg_restore', ['--create', '-f', '-', path.join(dir, 'shop.dump')], {
      maxBuffer: 64 << 20,
    });
    expect(sql).toMatch(/CREATE DATABASE shop WITH .*ENCODING = 'UTF8'/);
    expect(sql).toContain('ALTER DATABASE shop OWNER TO app_owner;');
    expect(sql).toContain("ALTER DATABASE shop SET work_mem TO '8MB';");
    expect(sql).toContain("COMMENT ON DATABASE shop IS 'the shop database';");
  });

  test('a database of the set restores alone, as a single backup does (into an existing database)', async () => {
    const s3 = rgw();
    const target = await server.createDatabase();
    const restore = await runCli(
      [
        'restore',
        '--database-url',
        server.url(target),
        '--bucket',
        bucket,
        '--endpoint',
        s3.endpoint,
        '--environment',
        'dr',
        '--name',
        'shop',
        '--yes',
      ],
      s3Env(s3),
    );
    expect(restore.code, restore.stderr).toBe(0);
    expect(await server.query(target, 'SELECT count(*)::int AS n FROM public.orders')).toEqual([{ n: 500 }]);
  });
});
