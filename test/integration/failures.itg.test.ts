// Failures through the bundled action and CLI, against real PostgreSQL, pg tools and Ceph RGW: on any failure the
// multipart upload is aborted, nothing else is written, latest.json never moves, and the run fails with one line
// that names the real reason (pg_dump's own words, the S3 error code, the signal).
import { createHash, randomBytes } from 'node:crypto';
import { PutObjectCommand } from '@aws-sdk/client-s3';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { fauxqs, pg, rgw } from '../support/context.js';
import { startFaultProxy, uploadParts, type Fault } from '../support/fault-proxy.js';
import { bulkDatabase } from '../support/fixtures.js';
import { freePort } from '../support/postgres.js';
import { alive, childrenOf } from '../support/procs.js';
import { errorLines, runAction, runCli, s3Env, type ActionResult, type ProcResult } from '../support/run.js';
import { beforeRunEnds, waitUntil } from '../support/wait.js';
import {
  createBucket,
  emptyAndDeleteBucket,
  getObject,
  listAllKeys,
  listMultipartUploads,
  makeS3Client,
} from '../support/s3-servers.js';
import { backupArgs } from '../support/cli-args.js';

const pg15 = () => pg(15);
const ENV = 'ci';
/** ≈120 MB raw, ≈37 MB with zstd per 500k rows: at 1M rows the dump runs for several seconds. */
const BULK_ROWS = 1_000_000;

/** The CLI's failure line: the last stderr line, one line, no stack trace anywhere. */
function cliReason(r: ProcResult): string {
  expect(r.code, r.stderr).not.toBe(0);
  const last = errorLines(r).at(-1) ?? '';
  expect(last, r.stderr).toMatch(/^s3-backup: error: \S/);
  expect(r.stderr).not.toMatch(/^ {4}at /m);
  return last;
}

/** The action's failure line: the `::error::` line, last in stdout, one line (no escaped newlines). */
function actionReason(r: ActionResult): string {
  expect(r.code, r.stdout).not.toBe(0);
  const last =
    r.stdout
      .split('\n')
      .filter((l) => l.trim())
      .at(-1) ?? '';
  expect(last, r.stdout).toMatch(/^::error::\S/);
  expect(last).not.toMatch(/%0A|%0D/);
  expect(r.stdout + r.stderr).not.toMatch(/^ {4}at /m);
  return last;
}

const pgDumpSessions = async (db: string) =>
  (
    await pg15().query(
      'postgres',
      `SELECT pid FROM pg_stat_activity WHERE application_name = 'pg_dump' AND datname = $1`,
      [db],
    )
  ).length;

describe('a failed or cancelled backup leaves the bucket as it was', () => {
  let bucket: string;
  let bulk: string;
  let before: { keys: string[]; latest: string };

  const state = async () => ({
    keys: (await listAllKeys(rgw(), bucket)).sort(),
    latest: (await getObject(rgw(), bucket, `${ENV}/latest.json`)).toString(),
  });
  /** No new key, latest.json unchanged, no unfinished multipart upload. */
  const expectUntouched = async () => {
    expect(await listMultipartUploads(rgw(), bucket)).toEqual([]);
    expect(await state()).toEqual(before);
  };
  // the failing runs are about the database's own stream: no globals beside it
  const cliBackup = (url: string, name: string, extra: string[] = [], endpoint = rgw().endpoint) =>
    backupArgs(url, { bucket, endpoint, environment: ENV, name }, '--globals', 'false', ...extra);

  beforeAll(async () => {
    bucket = await createBucket(rgw());
    const seed = await pg15().createDatabase();
    await pg15().exec(
      seed,
      `CREATE TABLE t (id int PRIMARY KEY, v text); INSERT INTO t SELECT g, md5(g::text) FROM generate_series(1, 1000) g;`,
    );
    const [good, bulkDb] = await Promise.all([
      // the good backup as by default, with the server's globals and the set
      runCli(
        backupArgs(pg15().url(seed), { bucket, endpoint: rgw().endpoint, environment: ENV, name: 'app' }),
        s3Env(rgw()),
      ),
      bulkDatabase(pg15(), BULK_ROWS),
    ]);
    expect(good.code, good.stderr).toBe(0);
    bulk = bulkDb;
    before = await state();
    // one good backup: the object and its two sidecars, the globals and theirs, the set and the pointers
    const stamp = JSON.parse(before.latest).key.match(/^ci\/app_ci_(\d{8}_\d{6})\.dump\.zst$/)?.[1];
    expect(stamp, before.latest).toBeDefined();
    const dump = `ci/app_ci_${stamp}.dump.zst`;
    const globals = `ci/_globals_ci_${stamp}.sql.zst`;
    expect(before.keys).toEqual(
      [
        dump,
        `${dump}.sha256`,
        `${dump}.meta`,
        globals,
        `${globals}.sha256`,
        `${globals}.meta`,
        `ci/sets/ci_${stamp}.json`,
        'ci/sets/latest.json',
        'ci/latest.json',
        'ci/latest/app.json',
        'ci/latest/_globals.json',
      ].sort(),
    );
  });
  afterAll(async () => {
    if (bucket) await emptyAndDeleteBucket(rgw(), bucket);
  });

  test('pg_dump failing at start (no SELECT on a table): "permission denied for table …", nothing written', async () => {
    const db = await pg15().createDatabase();
    const role = `reader_${randomBytes(4).toString('hex')}`;
    await pg15().exec('postgres', `CREATE ROLE ${role} LOGIN PASSWORD 'reader-pw-1'`);
    await pg15().exec(
      db,
      `CREATE TABLE open_data (id int); INSERT INTO open_data VALUES (1);
       CREATE TABLE payroll (id int, salary int); INSERT INTO payroll VALUES (1, 100);
       REVOKE ALL ON payroll FROM PUBLIC; GRANT SELECT ON open_data TO ${role};`,
    );
    const url = `postgresql://${role}:reader-pw-1@127.0.0.1:${pg15().port}/${db}`;
    const r = await runCli(cliBackup(url, 'denied'), s3Env(rgw()));
    expect(r.code).toBe(1);
    expect(cliReason(r)).toMatch(
      /^s3-backup: error: pg_dump failed \(exit code 1\): .*permission denied for table payroll/,
    );
    await expectUntouched();
  });

  test("pg_dump killed midway (pg_terminate_backend while parts are uploading): pg_dump's words, upload aborted", async () => {
    // every part waits in the proxy: the upload is in progress and pg_dump cannot finish until the test says so
    const proxy = await startFaultProxy(
      rgw().endpoint,
      uploadParts(() => 'hold'),
    );
    let r: ProcResult;
    try {
      const run = runCli(cliBackup(pg15().url(bulk), 'midway', ['--part-size', '5MiB'], proxy.endpoint), s3Env(rgw()));
      await beforeRunEnds('a part is uploading', proxy.whenHeld(1), run);
      expect(await listMultipartUploads(rgw(), bucket)).toHaveLength(1);
      const terminated = await pg15().query(
        'postgres',
        `SELECT pg_terminate_backend(pid) AS ok FROM pg_stat_activity WHERE application_name = 'pg_dump' AND datname = $1`,
        [bulk],
      );
      expect(terminated).toEqual([{ ok: true }]);
      proxy.release();
      r = await run;
    } finally {
      await proxy.close();
    }
    expect(r.code).toBe(1);
    expect(cliReason(r)).toMatch(
      /^s3-backup: error: pg_dump failed \(exit code 1\): .*(terminating connection|server closed the connection)/,
    );
    await expectUntouched();
  });

  test('an S3 error that persists after the retries (every part 500 InternalError): the S3 code, nothing left', async () => {
    const proxy = await startFaultProxy(
      rgw().endpoint,
      uploadParts(() => '500'),
    );
    try {
      const r = await runCli(
        cliBackup(pg15().url(bulk), 'persist500', ['--part-size', '5MiB'], proxy.endpoint),
        s3Env(rgw()),
      );
      expect(r.code).toBe(1);
      expect(cliReason(r)).toMatch(
        /^s3-backup: error: uploading s3:\/\/[\w-]+\/ci\/persist500_ci_\d{8}_\d{6}\.dump\.zst failed \(InternalError 500\)/,
      );
      // the SDK retried each part (maxAttempts 5) before giving up
      expect(Math.max(...proxy.injected.map((f) => f.n))).toBe(5);
    } finally {
      await proxy.close();
    }
    await expectUntouched();
  });

  test('S3 403 AccessDenied on a part (not retried): the S3 code, nothing left', async () => {
    const proxy = await startFaultProxy(
      rgw().endpoint,
      uploadParts(() => '403'),
    );
    try {
      const r = await runCli(
        cliBackup(pg15().url(bulk), 'denied403', ['--part-size', '5MiB'], proxy.endpoint),
        s3Env(rgw()),
      );
      expect(r.code).toBe(1);
      expect(cliReason(r)).toMatch(
        /^s3-backup: error: uploading s3:\/\/[\w-]+\/ci\/denied403_ci_\d{8}_\d{6}\.dump\.zst failed \(AccessDenied 403\): the credentials lack permission/,
      );
    } finally {
      await proxy.close();
    }
    await expectUntouched();
  });

  /** The signal arrives while every part waits in the proxy: mid-upload by construction, whatever the machine's speed. */
  async function cancelDuringUpload(
    start: (endpoint: string, onSpawn: (pid: number) => void) => Promise<ProcResult>,
    signal: NodeJS.Signals,
  ): Promise<ProcResult> {
    const proxy = await startFaultProxy(
      rgw().endpoint,
      uploadParts(() => 'hold'),
    );
    try {
      let pid = 0;
      const run = start(proxy.endpoint, (p) => (pid = p));
      await beforeRunEnds('a part is uploading', proxy.whenHeld(1), run);
      expect(await listMultipartUploads(rgw(), bucket)).toHaveLength(1);
      const children = childrenOf(pid);
      expect([...children.values()].sort()).toEqual(['pg_dump', 'zstd']);
      expect(await pgDumpSessions(bulk)).toBe(1);
      process.kill(pid, signal);
      // the run stops its children on the signal, while its parts are still held
      await waitUntil('pg_dump and zstd to exit', () => [...children.keys()].every((c) => !alive(c)), { run });
      proxy.release();
      const r = await run;
      // no pg_dump session left on the server
      await waitUntil('the pg_dump session to end', async () => (await pgDumpSessions(bulk)) === 0);
      return r;
    } finally {
      await proxy.close();
    }
  }

  test('the globals beside the database: either failing (its .sha256 refused, 403) stops the other, nothing left', async () => {
    const db = await pg15().createDatabase();
    await pg15().exec(db, `CREATE TABLE t (id int PRIMARY KEY); INSERT INTO t SELECT generate_series(1, 100);`);
    const refusals = [
      ['_globals', /\/_globals_ci_\d{8}_\d{6}\.sql\.zst\.sha256$/],
      ['both', /\/both_ci_\d{8}_\d{6}\.dump\.zst\.sha256$/],
    ] as const;
    for (const [name, refused] of refusals) {
      const proxy = await startFaultProxy(rgw().endpoint, (q) =>
        q.op === 'PutObject' && refused.test(q.key ?? '') ? '403' : undefined,
      );
      try {
        // the defaults: the globals with the database, and the set
        const place = { bucket, endpoint: proxy.endpoint, environment: ENV, name: 'both' };
        const r = await runCli(backupArgs(pg15().url(db), place), s3Env(rgw()));
        expect(cliReason(r)).toMatch(
          new RegExp(`^s3-backup: error: writing s3://\\S+/ci/${name}_ci_\\S+ .*AccessDenied`),
        );
        expect(proxy.injected.map((f) => f.op)).toEqual(['PutObject']);
      } finally {
        await proxy.close();
      }
      await expectUntouched();
    }
  });

  test('cancellation: SIGTERM to the CLI during the upload → exit 130, "cancelled", upload aborted, no child left', async () => {
    const r = await cancelDuringUpload(
      (endpoint, onSpawn) =>
        runCli(cliBackup(pg15().url(bulk), 'cancel', ['--part-size', '5MiB'], endpoint), s3Env(rgw()), { onSpawn }),
      'SIGTERM',
    );
    expect(r.code).toBe(130);
    expect(cliReason(r)).toBe(
      's3-backup: error: cancelled by SIGTERM: the unfinished upload was aborted and nothing was written',
    );
    await expectUntouched();
  });

  test('cancellation: SIGINT to the action (as GitHub sends on cancel) → exit 130, "cancelled", upload aborted, no child left', async () => {
    const r = (await cancelDuringUpload(
      (endpoint, onSpawn) =>
        runAction(
          'backup',
          {
            'database-url': pg15().url(bulk),
            bucket,
            endpoint,
            environment: ENV,
            name: 'cancel',
            'part-size': '5MiB',
            globals: 'false',
          },
          s3Env(rgw()),
          { onSpawn },
        ),
      'SIGINT',
    )) as ActionResult;
    expect(r.code).toBe(130);
    expect(actionReason(r)).toBe(
      '::error::cancelled by SIGINT: the unfinished upload was aborted and nothing was written',
    );
    expect(r.outputs).toEqual({});
    await expectUntouched();
  });

  describe('wrong inputs: one clear line each, no stack trace, nothing written', () => {
    const cases: { name: string; args: () => Promise<string[]>; env?: () => Record<string, string>; line: RegExp }[] = [
      {
        name: 'wrong database password',
        args: async () => cliBackup(`postgresql://tester:not-the-password@127.0.0.1:${pg15().port}/postgres`, 'x'),
        line: /^s3-backup: error: database-url: password authentication failed for user "tester" at 127\.0\.0\.1:\d+: check the password$/,
      },
      {
        name: 'missing database',
        args: async () => cliBackup(pg15().url('no_such_database'), 'x'),
        line: /^s3-backup: error: database-url: database "no_such_database" does not exist at 127\.0\.0\.1:\d+: create it or fix the database name$/,
      },
      {
        name: 'unreachable database port',
        args: async () => cliBackup(`postgresql://tester:pw@127.0.0.1:${await freePort()}/postgres`, 'x'),
        line: /^s3-backup: error: database-url: cannot connect to 127\.0\.0\.1:\d+ \(connection refused\): is PostgreSQL running there\?$/,
      },
      {
        name: 'missing bucket',
        args: async () => [
          'backup',
          '--database-url',
          pg15().url('postgres'),
          '--bucket',
          'no-such-bucket-here',
          '--endpoint',
          rgw().endpoint,
          '--environment',
          ENV,
          '--globals',
          'false',
        ],
        line: /^s3-backup: error: bucket: "no-such-bucket-here" does not exist \(NoSuchBucket\): create it or fix the bucket input$/,
      },
      {
        name: 'wrong S3 secret',
        args: async () => cliBackup(pg15().url('postgres'), 'x'),
        env: () => ({ ...s3Env(rgw()), AWS_SECRET_ACCESS_KEY: 'definitely-not-the-secret-key-000000000' }),
        line: /^s3-backup: error: listing s3:\/\/[\w-]+\/ci failed \(SignatureDoesNotMatch 403\): S3 rejected the credentials; check AWS_ACCESS_KEY_ID \/ AWS_SECRET_ACCESS_KEY/,
      },
      {
        name: 'PostgreSQL 18 server with only pg_dump 15 here',
        args: async () => cliBackup(pg(18).url('postgres'), 'x'),
        line: /^s3-backup: error: pg_dump 18 or newer is needed \(the server is PostgreSQL 18\.\d+\) but found 15\.\d+ in \/\S+(, 15\.\d+ in \/\S+)*: install postgresql-client-18 \(apt\.postgresql\.org\) or set --pg-bin-dir$/,
      },
    ];
    test.each(cases)('$name', async ({ args, env, line }) => {
      const r = await runCli(await args(), env ? env() : s3Env(rgw()));
      expect(r.code).toBe(1);
      expect(cliReason(r)).toMatch(line);
      await expectUntouched();
    });
  });
});

describe('S3 faults that the SDK retries', () => {
  test('a part answered 500 InternalError, then a part whose connection is reset: the backup succeeds, checksum and restore hold', async () => {
    const s3 = rgw();
    const bucket = await createBucket(s3);
    // ≈7.5 MB with zstd: two parts of 5 MiB
    const source = await bulkDatabase(pg15(), 200_000);
    const faults: Fault[] = ['500', 'reset'];
    const proxy = await startFaultProxy(
      s3.endpoint,
      uploadParts((n) => faults[n - 1]),
    );
    try {
      const r = await runCli(
        [
          'backup',
          '--database-url',
          pg15().url(source),
          '--bucket',
          bucket,
          '--endpoint',
          proxy.endpoint,
          '--environment',
          ENV,
          '--part-size',
          '5MiB',
          '--json',
        ],
        s3Env(s3),
      );
      expect(r.code, r.stderr).toBe(0);
      expect(proxy.injected.map((f) => f.fault)).toEqual(['500', 'reset']);
      // every part was sent again after its fault
      expect(proxy.count('UploadPart')).toBeGreaterThanOrEqual(
        new Set(proxy.injected.map((f) => f.partNumber)).size + 2,
      );
      const out = JSON.parse(r.stdout);
      expect(await listMultipartUploads(s3, bucket)).toEqual([]);
      const object = await getObject(s3, bucket, out.key);
      expect(object.length).toBe(Number(out.size));
      expect(object.length).toBeGreaterThan(5 * 2 ** 20);
      const sha = createHash('sha256').update(object).digest('hex');
      expect(sha).toBe(out.sha256);
      expect((await getObject(s3, bucket, `${out.key}.sha256`)).toString()).toBe(
        `${sha}  ${out.key.split('/').at(-1)}\n`,
      );

      const target = await pg15().createDatabase();
      const restored = await runCli(
        [
          'restore',
          '--database-url',
          pg15().url(target),
          '--bucket',
          bucket,
          '--endpoint',
          s3.endpoint,
          '--environment',
          ENV,
          '--yes',
        ],
        s3Env(s3),
      );
      expect(restored.code, restored.stderr).toBe(0);
      const digest = `SELECT count(*)::int AS n, md5(string_agg(id::text || a || b, ',' ORDER BY id)) AS h FROM bulk`;
      expect(await pg15().query(target, digest)).toEqual(await pg15().query(source, digest));
    } finally {
      await proxy.close();
      await emptyAndDeleteBucket(s3, bucket);
    }
  });
});

describe('listing past 1,000 objects', () => {
  test('list --json returns all 1,005 backups newest first; restore --backup <date> picks the one at or before it', async () => {
    const s3 = fauxqs();
    const bucket = await createBucket(s3);
    try {
      const client = makeS3Client(s3);
      const pad = (n: number) => String(n).padStart(2, '0');
      const stamp = (d: Date) =>
        `${d.getUTCFullYear()}${pad(d.getUTCMonth() + 1)}${pad(d.getUTCDate())}_${pad(d.getUTCHours())}${pad(d.getUTCMinutes())}${pad(d.getUTCSeconds())}`;
      const t0 = Date.UTC(2025, 0, 1, 3, 4, 5);
      // one backup every 67 minutes: 1,005 of them span January to March 2025
      const keys = Array.from(
        { length: 1005 },
        (_, i) => `${ENV}/app_ci_${stamp(new Date(t0 + i * 67 * 60_000))}.dump.zst`,
      );
      // each sidecar holds the hash of its own key, so a mismatch message tells which sidecar was read
      const fakeSha = (key: string) => createHash('sha256').update(key).digest('hex');
      const puts = keys.flatMap((key) => [
        () =>
          client.send(new PutObjectCommand({ Bucket: bucket, Key: key, Body: new Uint8Array(0), ContentLength: 0 })),
        () =>
          client.send(
            new PutObjectCommand({
              Bucket: bucket,
              Key: `${key}.sha256`,
              Body: `${fakeSha(key)}  ${key.split('/')[1]}\n`,
            }),
          ),
      ]);
      for (let i = 0; i < puts.length; i += 50) await Promise.all(puts.slice(i, i + 50).map((p) => p()));
      expect(await listAllKeys(s3, bucket)).toHaveLength(2010);

      const common = ['--bucket', bucket, '--endpoint', s3.endpoint, '--environment', ENV, '--name', 'app'];
      const listed = await runCli(['list', ...common, '--json'], s3Env(s3));
      expect(listed.code, listed.stderr).toBe(0);
      const rows = (
        JSON.parse(listed.stdout) as {
          backups: { key: string; backupTime: string; hasChecksum: boolean; latest: boolean }[];
        }
      ).backups;
      expect(rows.map((r) => r.key)).toEqual([...keys].reverse());
      expect(rows.every((r) => r.hasChecksum && !r.latest)).toBe(true);
      expect(rows[0]!.backupTime).toBe(new Date(t0 + 1004 * 67 * 60_000).toISOString());

      // a time in the middle, between two backups: the one before it (index 500) is chosen
      const wanted = keys[500]!;
      const selector = stamp(new Date(t0 + 500 * 67 * 60_000 + 30 * 60_000));
      const target = await pg15().createDatabase();
      const r = await runCli(
        ['restore', ...common, '--backup', selector, '--database-url', pg15().url(target), '--yes'],
        s3Env(s3),
      );
      expect(r.stderr).toContain(`backup: s3://${bucket}/${wanted} (0 B)`);
      expect(r.code).toBe(1);
      expect(cliReason(r)).toBe(
        `s3-backup: error: checksum mismatch for ${wanted}: the sidecar says sha256 ${fakeSha(wanted)} but the object is ` +
          `${createHash('sha256').digest('hex')}; refusing to restore (target untouched)`,
      );
      client.destroy();
    } finally {
      await emptyAndDeleteBucket(s3, bucket);
    }
  });
});
