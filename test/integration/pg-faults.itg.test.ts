// PostgreSQL faults through the bundled CLI, against real servers and Ceph RGW. Each fault is made by construction —
// pg_dump held on a lock this test holds, a postmaster stopped with SIGSTOP, a tablespace on a 12 MiB tmpfs, a role's
// connection limit taken — never by timing. Each row ends in one of two ways: the run fails with one line that gives
// the real reason and leaves nothing in the bucket (no new key, no unfinished multipart upload), or it succeeds and
// the object restores to exactly what the snapshot held.
import { execFileSync } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { chmodSync, mkdtempSync, rmdirSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import pg from 'pg';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { pg as pgServer, rgw } from '../support/context.js';
import { bulkDatabase } from '../support/fixtures.js';
import { startPostgres, type PgHandle, type PgServer } from '../support/postgres.js';
import { errorLines, runCli, s3Env, type ProcResult } from '../support/run.js';
import { DeleteObjectsCommand, PutObjectCommand } from '@aws-sdk/client-s3';
import {
  createBucket,
  emptyAndDeleteBucket,
  getObject,
  listAllKeys,
  listMultipartUploads,
  makeS3Client,
} from '../support/s3-servers.js';
import { placeArgs } from '../support/cli-args.js';
import { lockTable } from '../support/locks.js';
import { waitUntil } from '../support/wait.js';

const ENV = 'ci';
const pg15 = () => pgServer(15);
let bucket: string;
/** A server of this file's own, which may be restarted and stopped (the shared ones may not). */
let own: PgServer;

const backupArgs = (url: string, name: string) => [
  'backup',
  '--database-url',
  url,
  ...placeArgs(bucket, rgw().endpoint, ENV, name),
  // the database's own dump is the subject here: no globals beside it
  '--globals',
  'false',
  '--json',
];

/** pg_dump sessions of a database that wait on a lock. */
const waitingDumps = async (server: PgHandle, db: string): Promise<number[]> =>
  (
    await server.query(
      'postgres',
      `SELECT pid FROM pg_stat_activity WHERE application_name = 'pg_dump' AND datname = $1 AND wait_event_type = 'Lock'`,
      [db],
    )
  ).map((r: { pid: number }) => r.pid);

/** Runs a backup and waits until its pg_dump is held on the lock; `then` does the fault and gets the run's result. */
async function whileDumpWaits(
  server: PgHandle,
  db: string,
  name: string,
  then: (pid: number) => Promise<void>,
): Promise<ProcResult> {
  const run = runCli(backupArgs(server.url(db), name), s3Env(rgw()));
  await waitUntil('pg_dump to wait on the lock', async () => (await waitingDumps(server, db)).length === 1, { run });
  await then((await waitingDumps(server, db))[0]!);
  return run;
}

async function tableDb(server: PgHandle, rows = 1000): Promise<string> {
  const db = await server.createDatabase();
  await server.exec(
    db,
    `CREATE TABLE t (id int PRIMARY KEY, v text); INSERT INTO t SELECT g, md5(g::text) FROM generate_series(1, ${rows}) g;`,
  );
  return db;
}

/** A login role of its own (dropped by the caller), with SELECT on t unless `grant` is false. */
async function role(
  server: PgHandle,
  db: string,
  o: { limit?: number; grant?: string } = {},
): Promise<{ name: string; url: string; drop(): Promise<void> }> {
  const name = `r_${randomBytes(4).toString('hex')}`;
  const password = `pw-${randomBytes(6).toString('hex')}`;
  await server.exec(
    'postgres',
    `CREATE ROLE ${name} LOGIN PASSWORD '${password}'${o.limit !== undefined ? ` CONNECTION LIMIT ${o.limit}` : ''}`,
  );
  await server.exec(db, o.grant ?? `GRANT SELECT ON ALL TABLES IN SCHEMA public TO ${name}`);
  return {
    name,
    url: `postgresql://${name}:${password}@127.0.0.1:${server.port}/${db}`,
    drop: async () => {
      await server.exec('postgres', `SELECT pg_terminate_backend(pid) FROM pg_stat_activity WHERE usename = '${name}'`);
      await server.exec(db, `DROP OWNED BY ${name}`);
      await server.exec('postgres', `DROP ROLE ${name}`);
    },
  };
}

/** Restores a backup key into a new database of `server` and returns the table's rows digest there. */
async function restoredDigest(server: PgHandle, key: string): Promise<unknown> {
  const target = await server.createDatabase();
  const r = await runCli(
    [
      'restore',
      '--database-url',
      server.url(target),
      ...placeArgs(bucket, rgw().endpoint, ENV),
      '--backup',
      key,
      '--yes',
    ],
    s3Env(rgw()),
  );
  expect(r.code, r.stderr).toBe(0);
  return server.query(target, DIGEST);
}
const DIGEST = `SELECT count(*)::int AS n, md5(string_agg(id::text || v, ',' ORDER BY id)) AS h FROM t`;

interface Fault {
  name: string;
  /** Makes the fault and returns the run that met it. */
  run(): Promise<ProcResult>;
  /** Failure: the one line, with the reason. */
  fails?: RegExp;
  /** Success: what the stored object must restore to. */
  succeeds?: (r: ProcResult) => Promise<void>;
}

/** A role's connection limit with one session taken: at the start (limit 1), or once the snapshot holds the other. */
function connectionLimitFaults(): Fault[] {
  return (
    [
      [
        1,
        "too many connections: the role's CONNECTION LIMIT 1 is taken",
        /^database-url: 127\.0\.0\.1:\d+ refuses more connections \(too many connections for role "r_[0-9a-f]+"\): close idle sessions or raise the limit/,
      ],
      [
        2,
        'too many connections mid-run: CONNECTION LIMIT 2 with one taken — the snapshot connects, pg_dump cannot',
        /too many connections for role "r_[0-9a-f]+"/,
      ],
    ] as const
  ).map(([limit, name, fails]) => ({
    name,
    run: async () => {
      const db = await tableDb(pg15());
      const limited = await role(pg15(), db, { limit });
      const held = new pg.Client({ connectionString: limited.url });
      held.on('error', () => undefined);
      await held.connect();
      try {
        return await runCli(backupArgs(limited.url, `limit${limit}`), s3Env(rgw()));
      } finally {
        await held.end().catch(() => undefined);
        await limited.drop();
      }
    },
    fails,
  }));
}

const faults: Fault[] = [
  {
    name: "pg_dump's backend killed while it waits on a lock (pg_terminate_backend): pg_dump's words, nothing stored",
    run: async () => {
      const db = await tableDb(pg15());
      const lock = await lockTable(pg15(), db, 't');
      try {
        return await whileDumpWaits(pg15(), db, 'killed', async (pid) => {
          expect(await pg15().query('postgres', 'SELECT pg_terminate_backend($1) AS ok', [pid])).toEqual([
            { ok: true },
          ]);
          // the row counts wait on the same lock: let them go, pg_dump is gone
          await lock.release();
        });
      } finally {
        await lock.release();
      }
    },
    fails: /^pg_dump failed \(exit code 1\): .*terminating connection due to administrator command/,
  },
  {
    name: 'a stalled server (postmaster stopped: TCP accepted, nothing answers): the connect timeout ends it with one line',
    run: async () => {
      const db = await tableDb(own);
      own.pause();
      try {
        const t0 = Date.now();
        const r = await runCli(backupArgs(own.url(db), 'stalled'), { ...s3Env(rgw()), PGCONNECT_TIMEOUT: '2' });
        expect(Date.now() - t0).toBeGreaterThanOrEqual(2000);
        return r;
      } finally {
        own.resume();
      }
    },
    fails:
      /^database-url: no answer from 127\.0\.0\.1:\d+ within 2 s \(connect_timeout\): is the server up and reachable\? Set PGCONNECT_TIMEOUT or \?connect_timeout= to wait longer$/,
  },
  {
    name: 'a dump that stalls (pg_dump held on a lock past pg-stall-timeout): one line naming the server and the setting',
    run: async () => {
      const db = await tableDb(pg15());
      // pg_dump's LOCK TABLE waits behind this session: the dump cannot send a byte until it is released
      const lock = await lockTable(pg15(), db, 't');
      try {
        const t0 = Date.now();
        const r = await runCli([...backupArgs(pg15().url(db), 'stall'), '--pg-stall-timeout', '3s'], s3Env(rgw()));
        expect(Date.now() - t0).toBeGreaterThanOrEqual(3000);
        return r;
      } finally {
        await lock.release();
      }
    },
    fails:
      /^pg_dump sent nothing for 3s \(pg-stall-timeout\): the dump of "[a-z0-9_]+" from 127\.0\.0\.1:\d+ stalled .*raise pg-stall-timeout$/,
  },
  {
    name: 'permission error: a role without SELECT on one table',
    run: async () => {
      const db = await tableDb(pg15());
      await pg15().exec(
        db,
        'CREATE TABLE payroll (id int, salary int); INSERT INTO payroll VALUES (1, 100); REVOKE ALL ON payroll FROM PUBLIC;',
      );
      const reader = await role(pg15(), db, { grant: 'GRANT SELECT ON t TO PUBLIC' });
      try {
        return await runCli(backupArgs(reader.url, 'denied'), s3Env(rgw()));
      } finally {
        await reader.drop();
      }
    },
    fails: /^pg_dump failed \(exit code 1\): .*permission denied for table payroll/,
  },
  {
    name: 'the server restarts mid-dump (fast shutdown while pg_dump waits): the run fails, nothing stored; the next backup is whole',
    run: async () => {
      const db = await tableDb(own);
      const lock = await lockTable(own, db, 't');
      try {
        const r = await whileDumpWaits(own, db, 'restart', () => own.restart());
        // after the restart: the same backup again, stored whole
        const again = await runCli(backupArgs(own.url(db), 'restart'), s3Env(rgw()));
        expect(again.code, again.stderr).toBe(0);
        const key = JSON.parse(again.stdout).key as string;
        expect(await restoredDigest(own, key)).toEqual(await own.query(db, DIGEST));
        await deleteKeysOf(key, 'restart');
        return r;
      } finally {
        await lock.release();
      }
    },
    fails:
      /^pg_dump failed \(exit code 1\): .*(terminating connection due to administrator command|server closed the connection unexpectedly)/,
  },
  {
    name: "disk full on the restore target (its tablespace on a 12 MiB tmpfs): pg_restore's words, the target left empty",
    run: async () => {
      const dir = mkdtempSync(path.join(os.tmpdir(), 's3b-tiny-'));
      chmodSync(dir, 0o755);
      const space = `tiny_${randomBytes(3).toString('hex')}`;
      const target = `full_${randomBytes(3).toString('hex')}`;
      const uid = execFileSync('id', ['-u', 'postgres']).toString().trim();
      const gid = execFileSync('id', ['-g', 'postgres']).toString().trim();
      execFileSync('mount', ['-t', 'tmpfs', '-o', `size=12m,mode=0700,uid=${uid},gid=${gid}`, 'tmpfs', dir]);
      try {
        await pg15().exec('postgres', `CREATE TABLESPACE ${space} LOCATION '${dir}'`);
        await pg15().exec('postgres', `CREATE DATABASE ${target} TABLESPACE ${space}`);
        const r = await runCli(
          [
            'restore',
            '--database-url',
            pg15().url(target),
            ...placeArgs(bucket, rgw().endpoint, ENV, 'bulk'),
            '--single-transaction',
            '--yes',
          ],
          s3Env(rgw()),
        );
        // one transaction: nothing of the backup is left behind in the target
        expect(
          await pg15().query(target, `SELECT count(*)::int AS n FROM pg_tables WHERE schemaname = 'public'`),
        ).toEqual([{ n: 0 }]);
        return r;
      } finally {
        await pg15().exec('postgres', `DROP DATABASE IF EXISTS ${target}`);
        await pg15().exec('postgres', `DROP TABLESPACE IF EXISTS ${space}`);
        execFileSync('umount', [dir]);
        rmdirSync(dir);
      }
    },
    fails: /^pg_restore failed \(exit code 1\): .*No space left on device/,
  },
  ...connectionLimitFaults(),
  {
    name: "pg_dump waits on a lock while rows are added and committed: the backup completes with the snapshot's rows, not the new ones",
    run: async () => {
      const db = await tableDb(pg15());
      const before = await pg15().query(db, DIGEST);
      const lock = await lockTable(pg15(), db, 't');
      try {
        const r = await whileDumpWaits(pg15(), db, 'waited', async () => {
          await lock.exec(`INSERT INTO t SELECT g, 'added while pg_dump waited' FROM generate_series(1001, 1005) g`);
          await lock.release();
        });
        expect(r.code, r.stderr).toBe(0);
        const key = JSON.parse(r.stdout).key as string;
        const manifest = JSON.parse((await getObject(rgw(), bucket, `${key}.meta`)).toString());
        expect(manifest.tables).toEqual([expect.objectContaining({ name: 't', rows: 1000 })]);
        expect(await restoredDigest(pg15(), key)).toEqual(before);
        await deleteKeysOf(key, 'waited');
        return r;
      } finally {
        await lock.release();
      }
    },
    succeeds: async () => undefined,
  },
];

/** latest.json as the seed backup left it. */
let seededLatest: Buffer;

/**
 * A successful row's object, sidecars and its name's pointer go again and latest.json is put back, so every row
 * starts from the same bucket.
 */
async function deleteKeysOf(key: string, name: string): Promise<void> {
  const client = makeS3Client(rgw());
  try {
    const keys = [key, `${key}.sha256`, `${key}.meta`, `${ENV}/latest/${name}.json`];
    await client.send(new DeleteObjectsCommand({ Bucket: bucket, Delete: { Objects: keys.map((Key) => ({ Key })) } }));
    await client.send(new PutObjectCommand({ Bucket: bucket, Key: `${ENV}/latest.json`, Body: seededLatest }));
  } finally {
    client.destroy();
  }
}

describe('PostgreSQL faults: a clear failure with nothing stored, or a whole backup', () => {
  let seeded: string[];
  const state = async () => ({
    keys: (await listAllKeys(rgw(), bucket)).sort(),
    uploads: await listMultipartUploads(rgw(), bucket),
    latest: (await getObject(rgw(), bucket, `${ENV}/latest.json`)).toString(),
  });

  beforeAll(async () => {
    bucket = await createBucket(rgw());
    const [server, bulk] = await Promise.all([startPostgres(15, { restartable: true }), bulkDatabase(pg15(), 100_000)]);
    own = server;
    // the backup the disk-full restore reads: ≈14 MB of table and index, more than the tmpfs leaves free
    const seed = await runCli(backupArgs(pg15().url(bulk), 'bulk'), s3Env(rgw()));
    expect(seed.code, seed.stderr).toBe(0);
    seededLatest = await getObject(rgw(), bucket, `${ENV}/latest.json`);
    seeded = (await state()).keys;
  });
  afterAll(async () => {
    await own?.stop();
    if (bucket) await emptyAndDeleteBucket(rgw(), bucket);
  });

  test('the table has at least six faults', () => expect(faults.length).toBeGreaterThanOrEqual(6));

  test.each(faults)('$name', async (fault) => {
    const r = await fault.run();
    if (fault.fails) {
      expect(r.code, r.stderr).toBe(1);
      const lines = errorLines(r).filter((l) => l.startsWith('s3-backup: error: '));
      expect(lines, r.stderr).toHaveLength(1);
      expect(errorLines(r).at(-1)).toBe(lines[0]);
      expect(r.stderr).not.toMatch(/^\s+at /m);
      expect(lines[0]!.slice('s3-backup: error: '.length)).toMatch(fault.fails);
    } else {
      await fault.succeeds!(r);
    }
    // nothing partial: the bucket holds what it held before the row, and no unfinished upload
    expect(await state()).toEqual({ keys: seeded, uploads: [], latest: seededLatest.toString() });
  });
});
