// Every run reports to its monitors — Sentry Crons check-ins and healthchecks.io pings — against a local server
// that records the requests and checks them against the documented formats: in_progress/start before any work,
// then ok/success or error/fail with the same id, whatever stage failed; an unreachable monitor never fails a run.
import { DeleteBucketPolicyCommand, PutBucketPolicyCommand } from '@aws-sdk/client-s3';
import { afterAll, afterEach, beforeAll, describe, expect, test } from 'vitest';
import { pg, rgw } from '../support/context.js';
import { lockTable } from '../support/locks.js';
import {
  checkIns,
  HC_UUID,
  pings,
  SENTRY_KEY,
  startMonitorServer,
  type MonitorServer,
} from '../support/monitor-server.js';
import { PG_PASSWORD } from '../support/postgres.js';
import { alive, childrenOf } from '../support/procs.js';
import { runAction, runCli, s3Env, type ProcResult } from '../support/run.js';
import {
  createBucket,
  emptyAndDeleteBucket,
  getObject,
  listAllKeys,
  listMultipartUploads,
  makeS3Client,
} from '../support/s3-servers.js';
import { waitUntil } from '../support/wait.js';
import { backupArgs, keepLastArgs, placeArgs } from '../support/cli-args.js';

const pg15 = () => pg(15);
const getText = async (b: string, key: string) => (await getObject(rgw(), b, key)).toString();
const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/;

let mon: MonitorServer;
let bucket: string;
let source: string;

beforeAll(async () => {
  mon = await startMonitorServer();
  bucket = await createBucket(rgw());
  source = await pg15().createDatabase();
  await pg15().exec(
    source,
    `CREATE TABLE items (id int PRIMARY KEY, name text); INSERT INTO items SELECT g, 'item ' || g FROM generate_series(1, 500) g;`,
  );
});
afterAll(async () => {
  await mon.stop();
  await emptyAndDeleteBucket(rgw(), bucket);
});
afterEach(() => {
  mon.requests.length = 0;
});

const monitorInputs = (slug: string) => ({
  'sentry-dsn': mon.dsn,
  'sentry-monitor-slug': slug,
  'healthcheck-url': mon.pingUrl,
});
const backupInputs = (environment: string, db = source) => ({
  'database-url': pg15().url(db),
  bucket,
  endpoint: rgw().endpoint,
  environment,
});

/** The four reports of one run, in order, as documented; returns them for further checks. */
function expectReports(outcome: 'ok' | 'error', environment: string) {
  for (const r of mon.requests) expect(r.problems, `${r.path}: ${r.body}`).toEqual([]);
  const ci = checkIns(mon);
  expect(ci.map((c) => c.status)).toEqual(['in_progress', outcome]);
  expect(ci[1]!.check_in_id).toBe(ci[0]!.check_in_id);
  expect(ci.every((c) => c.environment === environment)).toBe(true);
  expect(ci[0]).not.toHaveProperty('duration');
  expect(ci[1]!.duration).toBeGreaterThan(0);
  expect(ci[1]!.duration).toBeLessThan(300);
  const p = pings(mon);
  expect(p.map((x) => x.kind)).toEqual(['start', outcome === 'ok' ? 'success' : 'fail']);
  expect(p[0]!.rid).toMatch(UUID);
  expect(p[1]!.rid).toBe(p[0]!.rid);
  // one run, one id: the Sentry check-in id is the rid without dashes
  expect(ci[0]!.check_in_id).toBe(p[0]!.rid!.replace(/-/g, ''));
  // the start reports arrive before any end report
  const starts = mon.requests.filter((r) => r.path.endsWith('/start') || r.body.includes('"in_progress"'));
  const ends = mon.requests.filter((r) => !starts.includes(r));
  expect(Math.max(...starts.map((r) => r.at))).toBeLessThanOrEqual(Math.min(...ends.map((r) => r.at)));
  for (const r of mon.requests) expect(r.body).not.toContain(PG_PASSWORD);
  return { checkIns: ci, pings: p };
}

function expectNoMonitorSecrets(r: ProcResult & { shown?: string }) {
  for (const text of [r.shown ?? r.stdout, r.stderr]) {
    expect(text).not.toContain(SENTRY_KEY);
    expect(text).not.toContain(HC_UUID);
  }
}

describe('a successful run', () => {
  test('action backup: in_progress (upserting the monitor) → ok; /start → success, with the same id', async () => {
    const r = await runAction(
      'backup',
      {
        ...backupInputs('mon-ok'),
        ...monitorInputs('nightly-db'),
        'sentry-monitor-schedule': '0 3 * * *',
        'sentry-max-runtime': '90',
      },
      s3Env(rgw()),
    );
    expect(r.code, r.stdout).toBe(0);
    const { checkIns: ci, pings: p } = expectReports('ok', 'mon-ok');
    expect(mon.requests[0]!.path).toBe(`/api/4508123/cron/nightly-db/${SENTRY_KEY}/`);
    for (const c of ci)
      expect(c.monitor_config).toEqual({
        schedule: { type: 'crontab', value: '0 3 * * *' },
        checkin_margin: 10,
        max_runtime: 90,
        timezone: 'UTC',
      });
    expect(p[1]!.body).toMatch(
      new RegExp(`^s3-backup backup succeeded in [\\d.]+ s: backed up s3://${bucket}/${r.outputs.key}: `),
    );
    expect(p[1]!.body).toContain('done: ');
    expectNoMonitorSecrets(r);
  });

  test('CLI backup with a SENTRY_CRON_CHECKIN_URL in the environment', async () => {
    const r = await runCli(
      backupArgs(pg15().url(source), { bucket, endpoint: rgw().endpoint, environment: 'mon-seed' }),
      { ...s3Env(rgw()), SENTRY_CRON_CHECKIN_URL: mon.checkinUrl('db-backup') },
    );
    expect(r.code, r.stderr).toBe(0);
    for (const req of mon.requests) expect(req.problems).toEqual([]);
    expect(mon.requests.map((q) => q.path)).toEqual([
      `/api/4508123/cron/db-backup/${SENTRY_KEY}/`,
      `/api/4508123/cron/db-backup/${SENTRY_KEY}/`,
    ]);
    const ci = checkIns(mon);
    expect(ci.map((c) => c.status)).toEqual(['in_progress', 'ok']);
    expect(ci[1]!.check_in_id).toBe(ci[0]!.check_in_id);
    expect(ci[0]).not.toHaveProperty('monitor_config');
    expectNoMonitorSecrets(r);
  });

  test("check with the backup's monitor in its environment sends nothing; its own monitor hears it", async () => {
    const place = placeArgs(bucket, rgw().endpoint, 'mon-seed');
    const shared = { ...s3Env(rgw()), SENTRY_CRON_CHECKIN_URL: mon.checkinUrl('db-backup') };
    const quiet = await runCli(['check', ...place], shared);
    expect(quiet.code, quiet.stderr).toBe(0);
    expect(mon.requests).toEqual([]);
    const notes = quiet.stderr.split('\n').filter((l) => l.startsWith('monitor: '));
    expect(notes).toEqual([
      "monitor: the environment's monitor (SENTRY_CRON_CHECKIN_URL) reports only backup runs (monitor-verbs), " +
        'not this check: nothing sent; give the check its own monitor, or list check in monitor-verbs (S3_BACKUP_MONITOR_VERBS)',
    ]);
    // the check unit's own environment file: its monitor, and the verb it reports
    const own = await runCli(['check', ...place], {
      ...s3Env(rgw()),
      SENTRY_CRON_CHECKIN_URL: mon.checkinUrl('hourly-check'),
      S3_BACKUP_MONITOR_VERBS: 'check',
    });
    expect(own.code, own.stderr).toBe(0);
    expect(mon.requests.map((q) => q.path)).toEqual([
      `/api/4508123/cron/hourly-check/${SENTRY_KEY}/`,
      `/api/4508123/cron/hourly-check/${SENTRY_KEY}/`,
    ]);
    expect(checkIns(mon).map((c) => c.status)).toEqual(['in_progress', 'ok']);
    mon.requests.length = 0;
    // a step's own input beside the workflow's shared variable: only its own monitor hears it
    const step = await runAction(
      'check',
      { bucket, endpoint: rgw().endpoint, environment: 'mon-seed', 'healthcheck-url': mon.pingUrl },
      shared,
    );
    expect(step.code, step.stdout).toBe(0);
    expect(checkIns(mon)).toEqual([]);
    expect(pings(mon).map((p) => p.kind)).toEqual(['start', 'success']);
    expectNoMonitorSecrets(own);
    expectNoMonitorSecrets(step);
  });

  test('restore and check report too', async () => {
    const target = await pg15().createDatabase();
    const r = await runAction(
      'restore',
      { ...backupInputs('mon-ok', target), ...monitorInputs('restore-drill') },
      s3Env(rgw()),
    );
    expect(r.code, r.stdout).toBe(0);
    expectReports('ok', 'mon-ok');
    mon.requests.length = 0;
    const c = await runCli(
      [
        'check',
        '--bucket',
        bucket,
        '--endpoint',
        rgw().endpoint,
        '--environment',
        'mon-ok',
        '--healthcheck-url',
        mon.pingUrl,
      ],
      s3Env(rgw()),
    );
    expect(c.code, c.stderr).toBe(0);
    expect(pings(mon).map((p) => p.kind)).toEqual(['start', 'success']);
    expect(pings(mon)[1]!.body).toMatch(
      /^s3-backup check succeeded in [\d.]+ s: newest good backup mon-ok\/\S+ is \d+s old \(max-age 1d 2h\)/,
    );
  });
});

describe('a failure at any stage reports error to every monitor', () => {
  test('bad input, before anything runs', async () => {
    const r = await runAction(
      'backup',
      { ...backupInputs('mon-bad'), ...monitorInputs('nightly-db'), compression: 'lz4' },
      s3Env(rgw()),
    );
    expect(r.code).toBe(1);
    const { pings: p } = expectReports('error', 'mon-bad');
    expect(p[1]!.body).toMatch(
      /^s3-backup backup FAILED in [\d.]+ s: compression: "lz4" is not one of zstd, gzip, none\n/,
    );
  });

  test('the dump: pg_dump refused (permission denied); the failure body carries the last log lines', async () => {
    const role = `mon_${Date.now()}`;
    const db = await pg15().createDatabase();
    await pg15().exec(
      db,
      `CREATE TABLE open_data (id int); CREATE TABLE secrets (id int); INSERT INTO secrets VALUES (1);
      CREATE ROLE ${role} LOGIN PASSWORD 'role-pw-1234'; GRANT SELECT ON open_data TO ${role};`,
    );
    const url = `postgresql://${role}:role-pw-1234@${pg15().host}:${pg15().port}/${db}`;
    const r = await runAction(
      'backup',
      { ...backupInputs('mon-dump'), 'database-url': url, ...monitorInputs('nightly-db') },
      s3Env(rgw()),
    );
    expect(r.code).toBe(1);
    expect(r.shown).toMatch(/::error::.*permission denied for table secrets/);
    const { pings: p } = expectReports('error', 'mon-dump');
    const body = p[1]!.body;
    expect(body).toMatch(/^s3-backup backup FAILED in [\d.]+ s: .*permission denied for table secrets/);
    // the log before the failure: what ran, then the error
    expect(body).toMatch(/\nserver: PostgreSQL 15\.[\s\S]*\npg_dump: 15\.[\s\S]*\nerror: .*permission denied/);
    expect(body).not.toContain('role-pw-1234');
    expect(await listAllKeys(rgw(), bucket, 'mon-dump/')).toEqual([]);
  });

  /** Ceph's "*" in a policy resource stops at dots (AWS's does not): patterns spell out every extension. */
  async function withPolicy(resource: string, run: () => Promise<void>, action = 's3:PutObject') {
    const s3 = makeS3Client(rgw());
    await s3.send(
      new PutBucketPolicyCommand({
        Bucket: bucket,
        Policy: JSON.stringify({
          Version: '2012-10-17',
          Statement: [
            {
              Sid: 'deny',
              Effect: 'Deny',
              Principal: '*',
              Action: action,
              Resource: `arn:aws:s3:::${bucket}/${resource}`,
            },
          ],
        }),
      }),
    );
    try {
      await run();
    } finally {
      await s3.send(new DeleteBucketPolicyCommand({ Bucket: bucket }));
    }
  }

  test('the upload: S3 refuses the object (AccessDenied)', async () => {
    await withPolicy('mon-upload/*.dump.zst', async () => {
      const r = await runAction(
        'backup',
        { ...backupInputs('mon-upload'), ...monitorInputs('nightly-db') },
        s3Env(rgw()),
      );
      expect(r.code).toBe(1);
      const { pings: p } = expectReports('error', 'mon-upload');
      expect(p[1]!.body).toMatch(/^s3-backup backup FAILED .*AccessDenied/);
    });
    expect(await listAllKeys(rgw(), bucket, 'mon-upload/')).toEqual([]);
    expect(await listMultipartUploads(rgw(), bucket)).toEqual([]);
  });

  test('the sidecars: S3 refuses the .sha256 after the object was stored', async () => {
    await withPolicy('mon-sidecar/*.dump.zst.sha256', async () => {
      const r = await runCli(
        [
          'backup',
          '--database-url',
          pg15().url(source),
          '--bucket',
          bucket,
          '--endpoint',
          rgw().endpoint,
          '--environment',
          'mon-sidecar',
          '--sentry-dsn',
          mon.dsn,
          '--sentry-monitor-slug',
          'nightly-db',
          '--healthcheck-url',
          mon.pingUrl,
        ],
        s3Env(rgw()),
      );
      expect(r.code).toBe(1);
      expect(r.stderr.trim().split('\n').at(-1)).toMatch(/^s3-backup: error: .*\.sha256 .*AccessDenied/);
      const { pings: p } = expectReports('error', 'mon-sidecar');
      expect(p[1]!.body).toMatch(/^s3-backup backup FAILED .*\.sha256/);
      expect(p[1]!.body).toContain('writing s3://');
      expectNoMonitorSecrets(r);
    });
    // the object written before the failure was removed again
    expect(await listAllKeys(rgw(), bucket, 'mon-sidecar/')).toEqual([]);
  });

  test('the prune after a stored backup: S3 refuses the deletes; the backup stays, the run reports error (and prune alone reports)', async () => {
    const retention = 'keep-last=1, keep-daily=0, keep-weekly=0, keep-monthly=0';
    const first = await runAction('backup', { ...backupInputs('mon-prune'), retention }, s3Env(rgw()));
    expect(first.code, first.stdout).toBe(0);
    let second!: Awaited<ReturnType<typeof runAction>>;
    await withPolicy(
      'mon-prune/*',
      async () => {
        second = await runAction(
          'backup',
          { ...backupInputs('mon-prune'), retention, ...monitorInputs('nightly-db') },
          s3Env(rgw()),
        );
      },
      's3:DeleteObject',
    );
    expect(second.code).toBe(1);
    expect(second.stdout).toMatch(/::error::prune: deleting s3:\/\/\S+ was refused \(AccessDenied\)/);
    const { pings: p } = expectReports('error', 'mon-prune');
    expect(p[1]!.body).toMatch(/^s3-backup backup FAILED .*prune: deleting .*AccessDenied/);
    expect(p[1]!.body).toContain(`writing s3://${bucket}/${second.outputs.key}`);
    expect(p[1]!.body).toMatch(/^done: .* stored from .*, sha256 [0-9a-f]{64}$/m);
    expectNoMonitorSecrets(second);
    // the new backup is complete and latest; the old one is still there (nothing half-deleted)
    const keys = await listAllKeys(rgw(), bucket, 'mon-prune/');
    for (const k of [first.outputs.key, second.outputs.key])
      expect(keys).toEqual(expect.arrayContaining([k, `${k}.sha256`, `${k}.meta`]));
    expect(JSON.parse(await getText(bucket, 'mon-prune/latest.json')).key).toBe(second.outputs.key);

    // the prune sub-action on its own (a scheduled clean-up) reports too: refused → error, then done → ok
    const pruneInputs = {
      bucket,
      endpoint: rgw().endpoint,
      environment: 'mon-prune',
      'keep-last': '1',
      'keep-daily': '0',
      'keep-weekly': '0',
      'keep-monthly': '0',
      ...monitorInputs('prune'),
    };
    mon.requests.length = 0;
    await withPolicy(
      'mon-prune/*',
      async () => {
        const refused = await runAction('prune', pruneInputs, s3Env(rgw()));
        expect(refused.code).toBe(1);
      },
      's3:DeleteObject',
    );
    expect(pings(mon).at(-1)!.body).toMatch(/^s3-backup prune FAILED .*AccessDenied/);
    expectReports('error', 'mon-prune');
    mon.requests.length = 0;
    const pruned = await runCli(
      [
        'prune',
        ...placeArgs(bucket, rgw().endpoint, 'mon-prune'),
        ...keepLastArgs(1),
        '--healthcheck-url',
        mon.pingUrl,
        '--sentry-checkin-url',
        mon.checkinUrl('prune'),
      ],
      s3Env(rgw()),
    );
    expect(pruned.code, pruned.stderr).toBe(0);
    expectReports('ok', 'mon-prune');
    expect((await listAllKeys(rgw(), bucket, 'mon-prune/')).filter((k) => k.endsWith('.dump.zst'))).toEqual([
      second.outputs.key,
    ]);
  });

  test('cancellation (GitHub sends SIGTERM) while pg_dump runs: nothing is left, and the monitors hear error', async () => {
    const db = await pg15().createDatabase();
    await pg15().exec(db, `CREATE TABLE items (id int PRIMARY KEY); INSERT INTO items SELECT generate_series(1, 100);`);
    // pg_dump waits in LOCK TABLE until the lock is released: the backup cannot end before the signal
    const lock = await lockTable(pg15(), db, 'items');
    let r: ProcResult;
    try {
      let pid = 0;
      const running = runAction(
        'backup',
        { ...backupInputs('mon-cancel', db), ...monitorInputs('nightly-db') },
        s3Env(rgw()),
        { onSpawn: (p) => (pid = p) },
      );
      await lock.waitForWaiter('pg_dump', { run: running });
      const children = [...childrenOf(pid).keys()];
      process.kill(pid, 'SIGTERM');
      // the run stops pg_dump on the signal, while it still waits for the lock
      await waitUntil('pg_dump to be stopped', () => children.every((c) => !alive(c)), { run: running });
      await lock.release();
      r = await running;
    } finally {
      await lock.release();
    }
    expect(r.code).not.toBe(0);
    const { pings: p } = expectReports('error', 'mon-cancel');
    expect(p[1]!.body).toMatch(/^s3-backup backup FAILED .*cancelled by SIGTERM/);
    expect(await listAllKeys(rgw(), bucket, 'mon-cancel/')).toEqual([]);
    expect(await listMultipartUploads(rgw(), bucket)).toEqual([]);
  });

  test('a failed restore (no backup to restore) and a stale check', async () => {
    const target = await pg15().createDatabase();
    const r = await runCli(
      [
        'restore',
        '--database-url',
        pg15().url(target),
        '--bucket',
        bucket,
        '--endpoint',
        rgw().endpoint,
        '--environment',
        'mon-none',
        '--yes',
        '--healthcheck-url',
        mon.pingUrl,
        '--sentry-checkin-url',
        mon.checkinUrl('restore-drill'),
      ],
      s3Env(rgw()),
    );
    expect(r.code).toBe(1);
    expectReports('error', 'mon-none');
    mon.requests.length = 0;
    const c = await runAction(
      'check',
      { bucket, endpoint: rgw().endpoint, environment: 'mon-none', ...monitorInputs('freshness') },
      s3Env(rgw()),
    );
    expect(c.code).toBe(1);
    const { pings: p } = expectReports('error', 'mon-none');
    expect(p[1]!.body).toMatch(/^s3-backup check FAILED .*no good backup/);
  });
});

describe('a monitor that cannot be reached never fails the run', () => {
  test('Sentry answering 500 (retried) and a healthcheck host refusing connections: warnings, backup done', async () => {
    const failing = await startMonitorServer({ status: () => 500 });
    const closed = await startMonitorServer();
    await closed.stop();
    try {
      const r = await runAction(
        'backup',
        {
          ...backupInputs('mon-down'),
          'sentry-dsn': failing.dsn,
          'sentry-monitor-slug': 'nightly-db',
          'healthcheck-url': closed.pingUrl,
        },
        s3Env(rgw()),
      );
      expect(r.code, r.stdout).toBe(0);
      expect(r.outputs.key).toMatch(/^mon-down\//);
      const warnings = r.shown.split('\n').filter((l) => l.startsWith('::warning::monitor: '));
      expect(warnings).toHaveLength(4);
      expect(warnings).toEqual(
        expect.arrayContaining([
          expect.stringMatching(
            /^::warning::monitor: Sentry check-in in_progress \(monitor nightly-db at 127\.0\.0\.1:\d+\) failed after 3 attempts \(HTTP 500: refused: scripted failure\); the backup goes on$/,
          ),
          expect.stringMatching(
            /^::warning::monitor: healthcheck start ping \(127\.0\.0\.1:\d+\) failed after 3 attempts \(ECONNREFUSED\); the backup goes on$/,
          ),
          expect.stringMatching(/^::warning::monitor: Sentry check-in ok .* failed after 3 attempts/),
          expect.stringMatching(
            /^::warning::monitor: healthcheck success ping .* failed after 3 attempts \(ECONNREFUSED\)/,
          ),
        ]),
      );
      // each Sentry report was tried three times
      expect(failing.requests.length).toBe(6);
      expectNoMonitorSecrets(r);
    } finally {
      await failing.stop();
    }
  });
});
