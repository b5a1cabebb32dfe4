// Monitor requests as the services document them (Sentry Crons HTTP check-ins, healthchecks.io pings), and the
// inputs that configure them.
import { describe, expect, test } from 'vitest';
import { errorMessage, UserError } from '../../src/core/errors.js';
import { clip, healthcheckPing, healthcheckTarget, MAX_BODY } from '../../src/core/healthcheck.js';
import { retryable, send } from '../../src/monitor/http.js';
import type { HttpRequest } from '../../src/model/monitor.js';
import { RunMonitors } from '../../src/monitor/monitors.js';
import { checkCrontab, sentryCheckIn, sentryFromCheckinUrl, sentryFromDsn } from '../../src/core/sentry.js';
import { parseMonitorOptions, parseReportOptions } from '../../src/options/monitoring.js';
import { monitorsFor } from '../../src/options/monitor-scope.js';
import { clearSecrets, redact } from '../../src/core/redact.js';

const inputs = (values: Record<string, string>) => (name: string) => values[name];
const KEY = '0123456789abcdef0123456789abcdef';

function userError(fn: () => unknown): string {
  try {
    fn();
  } catch (err) {
    expect(err).toBeInstanceOf(UserError);
    expect(errorMessage(err)).not.toContain('\n');
    return errorMessage(err);
  }
  throw new Error('no error');
}

describe('Sentry: DSN → check-in endpoint', () => {
  test.each([
    [1, `https://${KEY}@o123.ingest.sentry.io/4504`, `https://o123.ingest.sentry.io/api/4504/cron/nightly-db/${KEY}/`],
    [
      2,
      `https://${KEY}@o123.ingest.us.sentry.io/4504/`,
      `https://o123.ingest.us.sentry.io/api/4504/cron/nightly-db/${KEY}/`,
    ],
    [3, `http://${KEY}@sentry.internal:9000/7`, `http://sentry.internal:9000/api/7/cron/nightly-db/${KEY}/`],
    [
      4,
      `https://${KEY}:legacysecret@sentry.example.com/prefix/12`,
      `https://sentry.example.com/prefix/api/12/cron/nightly-db/${KEY}/`,
    ],
  ])('%i: %s', (_n, dsn, url) => {
    expect(sentryFromDsn(dsn, 'nightly-db')).toMatchObject({ url, slug: 'nightly-db', publicKey: KEY });
  });

  test.each([
    [1, 'not a url', /^sentry-dsn: not a Sentry DSN/],
    [2, 'https://o1.ingest.sentry.io/4504', /^sentry-dsn: not a Sentry DSN/],
    [3, `https://${KEY}@o1.ingest.sentry.io/`, /^sentry-dsn: not a Sentry DSN/],
    [4, `ftp://${KEY}@o1.ingest.sentry.io/1`, /^sentry-dsn: not a Sentry DSN/],
  ])('%i: bad DSN → one line', (_n, dsn, message) => {
    expect(userError(() => sentryFromDsn(dsn, 'x'))).toMatch(message);
  });

  test.each([['Nightly Backup'], ['-x'], ['a'.repeat(51)], ['ümlaut']])('bad slug %s', (slug) => {
    expect(userError(() => sentryFromDsn(`https://${KEY}@h/1`, slug))).toMatch(
      /^sentry-monitor-slug: ".*" is not a monitor slug/,
    );
  });
});

describe('Sentry: SENTRY_CRON_CHECKIN_URL', () => {
  test.each([
    [1, `https://o1.ingest.sentry.io/api/4504/cron/db-backup/${KEY}/`, 'db-backup'],
    [2, `https://o1.ingest.sentry.io/api/4504/cron/db-backup/${KEY}`, 'db-backup'],
    [3, `https://o1.ingest.sentry.io/api/4504/cron/db-backup/${KEY}/?status=ok`, 'db-backup'],
  ])('%i: %s', (_n, url, slug) => {
    const t = sentryFromCheckinUrl(url);
    expect(t.slug).toBe(slug);
    expect(t.publicKey).toBe(KEY);
    expect(t.url).not.toContain('?');
  });
  test.each([
    [1, 'https://sentry.io/api/0/organizations/acme/monitors/db/checkins/', /deprecated check-in API/],
    [2, 'https://sentry.io/api/0/monitors/db/checkins/', /deprecated check-in API/],
    [3, 'https://example.com/hook', /not a Sentry cron check-in URL/],
    [4, 'nonsense', /not a URL/],
  ])('%i: refused: %s', (_n, url, message) => {
    expect(userError(() => sentryFromCheckinUrl(url))).toMatch(message);
  });
});

describe('Sentry: check-in payloads (relay-monitors CheckIn: duration in seconds, margin/runtime in minutes)', () => {
  const t = sentryFromDsn(`https://${KEY}@o1.ingest.sentry.io/42`, 'db');
  const id = '2f1d2a4c-5b6e-4f70-8a91-b2c3d4e5f607';
  test.each([
    [
      1,
      { status: 'in_progress' as const },
      {
        check_in_id: '2f1d2a4c5b6e4f708a91b2c3d4e5f607',
        monitor_slug: 'db',
        status: 'in_progress',
        environment: 'production',
      },
    ],
    [2, { status: 'ok' as const, durationSeconds: 12.34567 }, { status: 'ok', duration: 12.346 }],
    [3, { status: 'error' as const, durationSeconds: 0 }, { status: 'error', duration: 0 }],
    [
      4,
      {
        status: 'in_progress' as const,
        monitorConfig: {
          schedule: { type: 'crontab' as const, value: '0 3 * * *' },
          checkin_margin: 10,
          max_runtime: 120,
          timezone: 'UTC',
        },
      },
      {
        monitor_config: {
          schedule: { type: 'crontab', value: '0 3 * * *' },
          checkin_margin: 10,
          max_runtime: 120,
          timezone: 'UTC',
        },
      },
    ],
  ])('%i', (_n, c, expected) => {
    const req = sentryCheckIn(t, { checkInId: id, environment: 'production', ...c });
    expect(req).toMatchObject({ method: 'POST', url: t.url, headers: { 'content-type': 'application/json' } });
    const body = JSON.parse(req.body);
    expect(body).toMatchObject(expected);
    if (!('durationSeconds' in c)) expect(body).not.toHaveProperty('duration');
  });

  test.each([['0 3 * * *'], ['*/15 * * * 1-5'], ['@daily'], ['0  3 * *  *']])('crontab %s', (c) =>
    expect(() => checkCrontab('x', c)).not.toThrow(),
  );
  test.each([['0 3 * *'], ['daily'], ['0 3 * * * *'], ['0 3 * * $(id)']])('not a crontab: %s', (c) =>
    expect(userError(() => checkCrontab('x', c))).toMatch(/not a crontab/),
  );
});

describe('healthchecks pings', () => {
  const rid = '6f2a3b4c-1d2e-4f50-9a8b-7c6d5e4f3a2b';
  test.each([
    [
      1,
      'https://hc-ping.com/0f1e2d3c-aaaa-bbbb-cccc-111122223333',
      'start',
      `https://hc-ping.com/0f1e2d3c-aaaa-bbbb-cccc-111122223333/start?rid=${rid}`,
    ],
    [
      2,
      'https://hc-ping.com/0f1e2d3c-aaaa-bbbb-cccc-111122223333',
      'success',
      `https://hc-ping.com/0f1e2d3c-aaaa-bbbb-cccc-111122223333?rid=${rid}`,
    ],
    [
      3,
      'https://hc-ping.com/0f1e2d3c-aaaa-bbbb-cccc-111122223333/',
      'fail',
      `https://hc-ping.com/0f1e2d3c-aaaa-bbbb-cccc-111122223333/fail?rid=${rid}`,
    ],
    [
      4,
      'https://hc-ping.com/pingkey123/db-backup?create=1',
      'fail',
      `https://hc-ping.com/pingkey123/db-backup/fail?create=1&rid=${rid}`,
    ],
    [5, 'http://127.0.0.1:8000/ping/abc', 'start', `http://127.0.0.1:8000/ping/abc/start?rid=${rid}`],
  ] as const)('%i: %s + %s', (_n, url, kind, expected) => {
    const req = healthcheckPing(healthcheckTarget(url), kind, rid.toUpperCase(), 'body');
    expect(req).toEqual({
      method: 'POST',
      url: expected,
      headers: { 'content-type': 'text/plain; charset=utf-8' },
      body: 'body',
    });
  });
  test.each([
    [1, 'hc-ping.com/abc', /not a URL/],
    [2, 'https://hc-ping.com/', /not a ping URL/],
    [3, 'https://hc-ping.com/abc/start', /without \/start, \/fail or an exit code/],
    [4, 'https://hc-ping.com/abc/fail', /without \/start/],
  ])('%i: refused %s', (_n, url, message) => expect(userError(() => healthcheckTarget(url))).toMatch(message));

  test('a long body keeps its last lines, within the limit', () => {
    const lines = Array.from({ length: 2000 }, (_, i) => `line ${i} ${'x'.repeat(20)}`).join('\n');
    const body = clip(lines);
    expect(Buffer.byteLength(body)).toBeLessThanOrEqual(MAX_BODY);
    expect(body.startsWith('[… earlier lines cut]\nline ')).toBe(true);
    expect(body.endsWith(`line 1999 ${'x'.repeat(20)}`)).toBe(true);
  });
});

describe('monitor inputs', () => {
  test('nothing configured → no monitors', () => expect(parseMonitorOptions(inputs({}), {})).toBeUndefined());

  test('DSN + slug + schedule, healthcheck, environment', () => {
    const cfg = parseMonitorOptions(
      inputs({
        'sentry-dsn': `https://${KEY}@o1.ingest.sentry.io/42`,
        'sentry-monitor-slug': 'db',
        'sentry-monitor-schedule': '0 3 * * *',
        'sentry-max-runtime': '60',
        'healthcheck-url': 'https://hc-ping.com/abc',
        environment: 'staging',
      }),
      {},
    )!;
    expect(cfg.environment).toBe('staging');
    expect(cfg.sentry!.monitorConfig).toEqual({
      schedule: { type: 'crontab', value: '0 3 * * *' },
      checkin_margin: 10,
      max_runtime: 60,
      timezone: 'UTC',
    });
    expect(cfg.healthcheck!.url).toBe('https://hc-ping.com/abc');
    // every monitor secret is masked
    expect(redact(`x ${KEY} https://hc-ping.com/abc/start`)).toBe('x *** ***/start');
    clearSecrets();
  });

  test('SENTRY_CRON_CHECKIN_URL from the environment (the URL form)', () => {
    const cfg = parseMonitorOptions(inputs({}), {
      SENTRY_CRON_CHECKIN_URL: `https://o1.ingest.sentry.io/api/42/cron/db/${KEY}/`,
    })!;
    expect(cfg.sentry!.target.slug).toBe('db');
    expect(cfg.sentry!.monitorConfig).toBeUndefined();
    expect(cfg.environment).toBe('production');
    clearSecrets();
  });

  test.each([
    [1, { 'sentry-dsn': `https://${KEY}@h/1` }, /^sentry-dsn is set but sentry-monitor-slug is empty/],
    [2, { 'sentry-monitor-slug': 'db' }, /^sentry-monitor-slug is set but sentry-dsn is empty/],
    [
      3,
      { 'sentry-checkin-url': `https://h/api/1/cron/db/${KEY}/`, 'sentry-monitor-slug': 'db' },
      /name the same monitor twice/,
    ],
    [4, { 'sentry-monitor-schedule': '0 3 * * *' }, /^sentry-monitor-schedule is set but no Sentry monitor is/],
    [
      5,
      { 'sentry-dsn': `https://${KEY}@h/1`, 'sentry-monitor-slug': 'db', 'sentry-monitor-schedule': 'nightly' },
      /^sentry-monitor-schedule: "nightly" is not a crontab/,
    ],
    [6, { 'sentry-timezone': 'Mars/Olympus' }, /^sentry-timezone: "Mars\/Olympus" is not a time zone/],
    [7, { 'sentry-checkin-margin': '0' }, /^sentry-checkin-margin: 0 is out of range/],
    [8, { 'sentry-max-runtime': 'long' }, /^sentry-max-runtime: "long" is not a whole number/],
    [9, { 'healthcheck-url': 'hc-ping.com/x' }, /^healthcheck-url: not a URL/],
  ])('%i: bad monitor input → one line naming it', (_n, values, message) => {
    expect(userError(() => parseMonitorOptions(inputs(values), {}))).toMatch(message);
    clearSecrets();
  });

  test.each([
    [1, {}, { trendCount: 10, shrinkThreshold: 25 }],
    [2, { 'trend-count': '0', 'shrink-threshold': '0' }, { trendCount: 0, shrinkThreshold: 0 }],
    [3, { 'shrink-threshold': '12.5' }, { trendCount: 10, shrinkThreshold: 12.5 }],
  ])('%i: report inputs', (_n, values, expected) => expect(parseReportOptions(inputs(values), {})).toEqual(expected));
  test.each([
    [1, { 'trend-count': '-1' }, /^trend-count: -1 is negative; it must be 0 or more, up to 100$/],
    [2, { 'shrink-threshold': '150%' }, /^shrink-threshold: "150%" is not a percentage/],
    [3, { 'shrink-threshold': 'big' }, /^shrink-threshold: "big" is not a percentage/],
  ])('%i: bad report input', (_n, values, message) =>
    expect(userError(() => parseReportOptions(inputs(values), {}))).toMatch(message),
  );
});

describe('sending: retries and verdicts (the HTTP seam with a scripted fetch)', () => {
  const req: HttpRequest = { method: 'POST', url: 'http://monitor.test/x', headers: {}, body: '' };
  const script = (...answers: Array<number | Error>) => {
    const calls: number[] = [];
    const fetch = (async () => {
      const a = answers[calls.length] ?? answers.at(-1)!;
      calls.push(1);
      if (a instanceof Error) throw a;
      return new Response(a === 400 ? '{"detail":"bad slug"}' : 'OK', { status: a });
    }) as unknown as typeof globalThis.fetch;
    return { fetch, calls, sleep: async () => undefined };
  };
  test.each([
    [1, [202], { ok: true, status: 202, attempts: 1 }],
    [2, [503, 200], { ok: true, status: 200, attempts: 2 }],
    [3, [429, 429, 429], { ok: false, status: 429, attempts: 3, problem: 'HTTP 429: OK' }],
    [4, [400], { ok: false, status: 400, attempts: 1, problem: 'HTTP 400: {"detail":"bad slug"}' }],
    [
      5,
      [Object.assign(new TypeError('fetch failed'), { cause: { code: 'ECONNREFUSED' } })],
      { ok: false, attempts: 3, problem: 'ECONNREFUSED' },
    ],
  ])('%i', async (_n, answers, verdict) => {
    const s = script(...(answers as Array<number | Error>));
    expect(await send(req, s)).toEqual(verdict);
    expect(s.calls.length).toBe(verdict.attempts);
  });
  test.each([
    [undefined, true],
    [429, true],
    [500, true],
    [503, true],
    [400, false],
    [404, false],
  ])('retryable(%s) = %s', (status, yes) => expect(retryable(status)).toBe(yes));
});

describe("a run's reports", () => {
  const cfg = {
    sentry: { target: sentryFromDsn(`https://${KEY}@o1.ingest.sentry.io/42`, 'db') },
    healthcheck: healthcheckTarget('https://hc-ping.com/abc'),
    environment: 'production',
  };
  const quiet = { info: () => undefined, warning: () => undefined };
  test('start and end share one id; the end carries the duration; the failure body ends with the last log lines', () => {
    const m = new RunMonitors(cfg, quiet, 'backup');
    const start = m.startPings().map((p) => p.request);
    const end = m
      .finishPings(
        {
          ok: false,
          message: 'pg_dump: error: permission denied for table secrets',
          logTail: ['server: PostgreSQL 15.10', 'error: pg_dump: error: permission denied'],
        },
        12.5,
      )
      .map((p) => p.request);
    const [sIn, sEnd] = [JSON.parse(start[0]!.body), JSON.parse(end[0]!.body)];
    expect(sIn.check_in_id).toBe(sEnd.check_in_id);
    expect(sIn.check_in_id).toBe(m.runId.replace(/-/g, ''));
    expect(sEnd).toMatchObject({ status: 'error', duration: 12.5 });
    expect(start[1]!.url).toBe(`https://hc-ping.com/abc/start?rid=${m.runId}`);
    expect(end[1]!.url).toBe(`https://hc-ping.com/abc/fail?rid=${m.runId}`);
    expect(end[1]!.body).toBe(
      's3-backup backup FAILED in 12.5 s: pg_dump: error: permission denied for table secrets\n\nserver: PostgreSQL 15.10\nerror: pg_dump: error: permission denied',
    );
    clearSecrets();
  });
});

describe('the log tail a failure report carries', () => {
  test('keeps the last lines; a progress line replaces the previous one', async () => {
    const { LogTail } = await import('../../src/monitor/log-tail.js');
    const tail = new LogTail(4);
    tail.push('server: PostgreSQL 15.10');
    tail.progress('progress: uploaded 16 MiB');
    tail.progress('progress: uploaded 32 MiB');
    tail.progress('progress: uploaded 48 MiB');
    expect(tail.lines()).toEqual(['server: PostgreSQL 15.10', 'progress: uploaded 48 MiB']);
    tail.push('a\nb');
    tail.progress('progress: uploaded 64 MiB');
    tail.push('error: boom');
    expect(tail.lines()).toEqual(['a', 'b', 'progress: uploaded 64 MiB', 'error: boom']);
  });
});

describe('which verbs a monitor hears', () => {
  const url = `https://o1.ingest.sentry.io/api/42/cron/nightly/${KEY}/`;
  const hc = 'https://hc-ping.com/0f0e';

  test("a monitor from the environment is the backup's: check sends nothing and says so once", () => {
    expect(monitorsFor('backup', inputs({}), { SENTRY_CRON_CHECKIN_URL: url }).monitors!.sentry!.target.slug).toBe(
      'nightly',
    );
    const scoped = monitorsFor('check', inputs({}), { SENTRY_CRON_CHECKIN_URL: url, S3_BACKUP_HEALTHCHECK_URL: hc });
    expect(scoped.monitors).toBeUndefined();
    expect(scoped.note).toBe(
      "monitor: the environment's monitor (SENTRY_CRON_CHECKIN_URL, S3_BACKUP_HEALTHCHECK_URL) reports only backup runs " +
        '(monitor-verbs), not this check: nothing sent; give the check its own monitor, or list check in monitor-verbs (S3_BACKUP_MONITOR_VERBS)',
    );
    expect(monitorsFor('check', inputs({}), {})).toEqual({ monitors: undefined });
    clearSecrets();
  });

  test("monitor-verbs lists the verb: the environment's monitor is its own", () => {
    const env = { SENTRY_CRON_CHECKIN_URL: url, S3_BACKUP_MONITOR_VERBS: 'check' };
    expect(monitorsFor('check', inputs({}), env).monitors!.sentry!.target.slug).toBe('nightly');
    // and the backup, not listed, no longer reads it
    const backup = monitorsFor('backup', inputs({}), env);
    expect(backup.monitors).toBeUndefined();
    expect(backup.note).toMatch(/reports only check runs \(monitor-verbs\), not this backup: nothing sent/);
    const both = monitorsFor('prune', inputs({ 'monitor-verbs': 'backup, prune' }), { S3_BACKUP_HEALTHCHECK_URL: hc });
    expect(both.monitors!.healthcheck!.url).toBe(hc);
    clearSecrets();
  });

  test('a monitor given to the run itself is always its own, beside an environment one it ignores', () => {
    const scoped = monitorsFor('check', inputs({ 'healthcheck-url': hc }), { SENTRY_CRON_CHECKIN_URL: url });
    expect(scoped.note).toBeUndefined();
    expect(scoped.monitors!.healthcheck!.url).toBe(hc);
    expect(scoped.monitors!.sentry).toBeUndefined();
    clearSecrets();
  });

  test.each([
    [
      1,
      'nightly',
      /^monitor-verbs: "nightly" is not a verb that reports to monitors; use backup, set-close, restore, /,
    ],
    [2, 'list', /^monitor-verbs: "list" is not a verb that reports to monitors/],
    [3, ' , ', /^monitor-verbs: no verb given/],
  ])('%i: bad monitor-verbs → one line naming it', (_n, text, message) => {
    expect(userError(() => monitorsFor('check', inputs({ 'monitor-verbs': text }), {}))).toMatch(message);
  });
});
