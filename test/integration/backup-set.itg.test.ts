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
import { startFaultProxy, uploadParts } from '../support/fault-proxy.js';
import { capture, runAction, runCli, s3Env } from '../support/run.js';
import { waitUntil } from '../support/wait.js';
import { applicationServer } from '../support/server-fixture.js';
import {
  createBucket,
  emptyAndDeleteBucket,
  getObject,
  listAllKeys,
  listMultipartUploads,
} from '../support/s3-servers.js';
import { placeArgs } from '../support/cli-args.js';

const sh = promisify(execFile);

/** The object decoded (zstd, and age when an identity file is given) as text. */
async function decodedText(bucket: string, key: string, ageIdentity?: string): Promise<string> {
  const dir = mkdtempSync(path.join(os.tmpdir(), 's3b-set-'));
  const file = path.join(dir, path.basename(key));
  writeFileSync(file, await getObject(rgw(), bucket, key));
  const decrypt = ageIdentity ? `age -d -i "${ageIdentity}" "${file}" | zstd -dc` : `zstd -dc "${file}"`;
  const { stdout } = await sh('bash', ['-c', `set -o pipefail; ${decrypt}`], { maxBuffer: 64 << 20 });
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
      ['restore', '--database-url', server.url(target), ...placeArgs(bucket, s3.endpoint, 'dr', 'shop'), '--yes'],
      s3Env(s3),
    );
    expect(restore.code, restore.stderr).toBe(0);
    expect(await server.query(target, 'SELECT count(*)::int AS n FROM public.orders')).toEqual([{ n: 500 }]);
  });
});

describe('backup of a server as a role that is not a superuser', () => {
  let server: PgServer;
  let bucket: string;
  beforeAll(async () => {
    [server, bucket] = await Promise.all([startPostgres(15), createBucket(rgw())]);
    await applicationServer(server);
    // reads the tables it backs up (past row-level security), but not pg_authid: as on a managed server
    await server.exec('postgres', `CREATE ROLE backup_bot LOGIN BYPASSRLS PASSWORD 'bot-pw'`);
    for (const db of ['shop', 'plain'])
      await server.exec(db, 'GRANT SELECT ON ALL TABLES IN SCHEMA public TO backup_bot');
  });
  afterAll(async () => {
    await Promise.all([server?.stop(), emptyAndDeleteBucket(rgw(), bucket)]);
  });

  test('CLI, a list, encrypted: the globals without passwords, one warning, and the manifest and the set say so', async () => {
    const s3 = rgw();
    const identity = path.join(mkdtempSync(path.join(os.tmpdir(), 's3b-set-age-')), 'key.txt');
    await sh('age-keygen', ['-o', identity]);
    const recipient = (await sh('age-keygen', ['-y', identity])).stdout.trim();
    const url = server.url('postgres').replace(/\/\/[^@]+@/, '//backup_bot:bot-pw@');
    const run = await runCli(
      [
        'backup',
        '--database-url',
        url,
        ...placeArgs(bucket, s3.endpoint, 'bot'),
        '--databases',
        'shop,plain',
        '--encryption-recipients',
        recipient,
        '--json',
      ],
      s3Env(s3),
    );
    expect(run.code, run.stderr).toBe(0);
    expect(run.stderr.match(/role passwords cannot be read/g)).toHaveLength(1);
    // the warning says how to stop it: back up the databases without the globals
    expect(run.stderr).toMatch(
      /^warning: globals: the role passwords cannot be read .*, or set --globals false to back up the databases alone$/m,
    );
    const out = JSON.parse(run.stdout);
    expect(out.failed).toEqual([]);
    expect(Object.keys(out.keys).sort()).toEqual(['_globals', 'plain', 'shop']);
    const globalsMember = out.set.members.find((m: { kind: string }) => m.kind === 'globals');
    expect(globalsMember).toMatchObject({ status: 'ok', noRolePasswords: true });
    // the globals hold password verifiers where they can be read: encrypted like every member
    expect(out.globalsKey).toMatch(/^bot\/_globals_bot_\d{8}_\d{6}\.sql\.zst\.age$/);
    expect(out.keys.shop).toMatch(/\.dump\.zst\.age$/);
    const gm = await json(bucket, `${out.globalsKey}.meta`);
    expect(gm.globals).toMatchObject({ noRolePasswords: true });
    expect(gm.encryption).toEqual({ method: 'age', recipients: [recipient] });
    const globals = await decodedText(bucket, out.globalsKey, identity);
    expect(globals).toMatch(/CREATE ROLE app_user;/);
    expect(globals).toMatch(/GRANT app_ro TO app_user/);
    expect(globals).not.toMatch(/PASSWORD/);
    expect(await json(bucket, 'bot/sets/latest.json')).toMatchObject({ key: out.setKey });
  });
});

describe('one database failing midway', () => {
  let server: PgServer;
  let bucket: string;
  beforeAll(async () => {
    [server, bucket] = await Promise.all([startPostgres(15), createBucket(rgw())]);
    for (const db of ['small1', 'small2', 'victim']) await server.createDatabase(db);
    for (const db of ['small1', 'small2'])
      await server.exec(db, 'CREATE TABLE t AS SELECT g AS id, md5(g::text) AS v FROM generate_series(1, 1000) g');
    // larger than what the upload buffers (a part in flight and the next one): with parts held, pg_dump's COPY blocks
    await server.exec(
      'victim',
      `CREATE TABLE big AS SELECT g AS id,
         (SELECT string_agg(md5(g::text || '-' || i::text || random()::text), '') FROM generate_series(1, 32) i) AS v
       FROM generate_series(1, 60000) g`,
    );
  });
  afterAll(async () => {
    await Promise.all([server?.stop(), emptyAndDeleteBucket(rgw(), bucket)]);
  });

  test('its backend killed during its COPY: the others are stored, the set records it, nothing of it is left', async () => {
    const s3 = rgw();
    const args = (endpoint: string, databases: string) => [
      'backup',
      '--database-url',
      server.url('postgres'),
      ...placeArgs(bucket, endpoint, 'fail'),
      '--databases',
      databases,
    ];
    const first = await runCli(args(s3.endpoint, 'small1'), s3Env(s3));
    expect(first.code, first.stderr).toBe(0);
    const before = await json(bucket, 'fail/sets/latest.json');

    // every UploadPart waits in the proxy: the victim's dump (several parts) fills its pipe and stays in its COPY
    const proxy = await startFaultProxy(
      s3.endpoint,
      uploadParts(() => 'hold'),
    );
    try {
      const run = runCli(args(proxy.endpoint, 'all'), s3Env(s3));
      let pid = 0;
      await waitUntil(
        "the victim's COPY in pg_stat_activity",
        async () => {
          const rows = await server.query(
            'postgres',
            `SELECT pid FROM pg_stat_activity WHERE datname = 'victim' AND application_name = 'pg_dump'
                AND state = 'active' AND query LIKE 'COPY public.big %'`,
          );
          pid = rows[0]?.pid ?? 0;
          return pid > 0;
        },
        { run },
      );
      expect(await server.query('postgres', 'SELECT pg_terminate_backend($1) AS ok', [pid])).toEqual([{ ok: true }]);
      proxy.release();
      const r = await run;
      expect(r.code).toBe(1);
      expect(r.stderr).toMatch(/database "victim" failed: pg_dump failed/);
      const last = r.stderr.trim().split('\n').at(-1)!;
      // the client sees the termination notice, or only the closed connection when the notice is lost in the race
      const terminated =
        /terminating connection due to administrator command|server closed the connection unexpectedly/;
      expect(last).toMatch(/1 of 5 members failed: "victim" \(pg_dump failed /);
      expect(last).toMatch(terminated);
      expect(last).toMatch(/sets\/latest\.json was not moved/);

      const keys = await listAllKeys(s3, bucket, 'fail/');
      expect(keys.filter((k) => k.includes('victim'))).toEqual([]);
      expect(keys.filter((k) => k.includes('/.claims/'))).toEqual([]);
      expect(await listMultipartUploads(s3, bucket)).toEqual([]);
      const setKey = keys.find((k) => k.startsWith('fail/sets/fail_') && k !== before.key)!;
      const set = await json(bucket, setKey);
      expect(set.failed).toEqual(['victim']);
      const byName = Object.fromEntries(set.members.map((m: { name: string }) => [m.name, m]));
      expect(byName.victim).toMatchObject({ status: 'failed', database: 'victim' });
      expect(byName.victim.key).toBeUndefined();
      expect(byName.victim.error).toMatch(terminated);
      for (const name of ['_globals', 'postgres', 'small1', 'small2']) {
        expect(byName[name]).toMatchObject({ status: 'ok' });
        expect(keys).toEqual(
          expect.arrayContaining([byName[name].key, `${byName[name].key}.sha256`, `${byName[name].key}.meta`]),
        );
      }
      expect(await json(bucket, 'fail/sets/latest.json')).toEqual(before);
    } finally {
      proxy.release();
      await proxy.close();
    }
  });
});
