/**
 * Sentry Crons check-ins over HTTP (pure). Relay's check-in endpoint takes a JSON body:
 *   POST https://<org>.ingest.sentry.io/api/<project>/cron/<monitor_slug>/<public_key>/
 *   {"check_in_id", "monitor_slug", "status": "in_progress" | "ok" | "error", "environment", "duration" (seconds),
 *    "monitor_config": {"schedule": {"type": "crontab", "value"}, "checkin_margin", "max_runtime", "timezone"}}
 * and answers 202. The client chooses check_in_id and sends the same one with the start and the end, so runs that
 * overlap are still paired. https://docs.sentry.io/product/crons/getting-started/http/,
 * https://develop.sentry.dev/sdk/telemetry/check-ins/
 */
import type { SentryTarget } from '../model/monitor.js';
import type { SentryMonitorConfig } from '../model/monitor.js';
import { UserError } from './errors.js';
import type { HttpRequest } from '../model/monitor.js';

export type CheckInStatus = 'in_progress' | 'ok' | 'error';

/** Sentry's slug rule: lower-case letters, digits, "-" and "_", at most 50. */
function checkSlug(input: string, slug: string): string {
  if (!/^[a-z0-9][a-z0-9_-]{0,49}$/.test(slug)) {
    throw new UserError(
      `${input}: "${slug}" is not a monitor slug; use lower-case letters, digits, "-" and "_" (at most 50), as shown on the monitor's page`,
    );
  }
  return slug;
}

/** https://<key>@<host>[/<path>]/<project> → the cron check-in endpoint of that project. */
export function sentryFromDsn(dsn: string, slug: string): SentryTarget {
  const bad = () =>
    new UserError(
      'sentry-dsn: not a Sentry DSN; copy it from Settings → Projects → Client Keys (DSN): https://<key>@<org>.ingest.sentry.io/<project>',
    );
  let u: URL;
  try {
    u = new URL(dsn);
  } catch {
    throw bad();
  }
  const m = /^(.*)\/(\d+)\/?$/.exec(u.pathname);
  if (!['https:', 'http:'].includes(u.protocol) || !u.username || !m) throw bad();
  const publicKey = decodeURIComponent(u.username);
  checkSlug('sentry-monitor-slug', slug);
  return {
    url: `${u.protocol}//${u.host}${m[1]}/api/${m[2]}/cron/${encodeURIComponent(slug)}/${encodeURIComponent(publicKey)}/`,
    slug,
    publicKey,
    host: u.host,
  };
}

/** A Sentry Crons check-in URL (SENTRY_CRON_CHECKIN_URL): https://<host>/api/<project>/cron/<slug>/<key>/ */
export function sentryFromCheckinUrl(url: string): SentryTarget {
  let u: URL;
  try {
    u = new URL(url);
  } catch {
    throw new UserError(
      "sentry-checkin-url: not a URL; use the monitor's check-in URL https://<org>.ingest.sentry.io/api/<project>/cron/<slug>/<key>/",
    );
  }
  if (/\/api\/0\/(organizations\/[^/]+\/)?monitors\//.test(u.pathname)) {
    throw new UserError(
      "sentry-checkin-url: this is Sentry's deprecated check-in API; use the ingest URL https://<org>.ingest.sentry.io/api/<project>/cron/<slug>/<key>/ (or sentry-dsn with sentry-monitor-slug)",
    );
  }
  const m = /\/api\/\d+\/cron\/([^/]+)\/([^/]+)\/?$/.exec(u.pathname);
  if (!['https:', 'http:'].includes(u.protocol) || !m) {
    throw new UserError(
      'sentry-checkin-url: not a Sentry cron check-in URL; use https://<org>.ingest.sentry.io/api/<project>/cron/<slug>/<key>/',
    );
  }
  const slug = checkSlug('sentry-checkin-url', decodeURIComponent(m[1]!));
  u.search = '';
  u.hash = '';
  return { url: u.toString(), slug, publicKey: decodeURIComponent(m[2]!), host: u.host };
}

export function checkCrontab(input: string, value: string): string {
  const v = value.trim().replace(/\s+/g, ' ');
  const field = /^[0-9A-Za-z*/,?-]+$/;
  const fields = v.split(' ');
  if (
    !(fields.length === 5 && fields.every((f) => field.test(f))) &&
    !/^@(yearly|annually|monthly|weekly|daily|hourly)$/.test(v)
  ) {
    throw new UserError(
      `${input}: "${value}" is not a crontab of five fields; use the workflow's schedule, e.g. "0 3 * * *"`,
    );
  }
  return v;
}

export function checkTimezone(input: string, value: string): string {
  // the default needs no look-up (the first one costs a start-up's worth of time zone data)
  if (value === 'UTC') return value;
  try {
    new Intl.DateTimeFormat('en', { timeZone: value });
    return value;
  } catch {
    throw new UserError(`${input}: "${value}" is not a time zone; use an IANA name such as UTC or Europe/Berlin`);
  }
}

export function sentryCheckIn(
  t: SentryTarget,
  c: {
    checkInId: string;
    status: CheckInStatus;
    environment: string;
    durationSeconds?: number;
    monitorConfig?: SentryMonitorConfig;
  },
): HttpRequest {
  const body = {
    check_in_id: c.checkInId.replace(/-/g, ''),
    monitor_slug: t.slug,
    status: c.status,
    environment: c.environment,
    ...(c.durationSeconds !== undefined ? { duration: Math.round(c.durationSeconds * 1000) / 1000 } : {}),
    ...(c.monitorConfig ? { monitor_config: c.monitorConfig } : {}),
  };
  return { method: 'POST', url: t.url, headers: { 'content-type': 'application/json' }, body: JSON.stringify(body) };
}
