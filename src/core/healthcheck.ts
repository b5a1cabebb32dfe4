/**
 * healthchecks.io-style pings (pure): <url>/start when a run starts, <url> on success, <url>/fail on failure, each
 * with ?rid=<uuid> (the same for one run, so overlapping runs are paired) and a plain-text body that the service
 * keeps as the event's log (healthchecks.io keeps the first 100 kB). Works for UUID and slug URLs and self-hosted
 * instances alike. https://healthchecks.io/docs/http_api/, https://healthchecks.io/docs/measuring_script_run_time/
 */
import type { HealthcheckTarget } from '../model/monitor.js';
import { UserError } from './errors.js';
import type { HttpRequest } from '../model/monitor.js';

export type PingKind = 'start' | 'success' | 'fail';

/** What we send as a body at most (the service keeps 100 kB). */
export const MAX_BODY = 10_000;

export function healthcheckTarget(url: string): HealthcheckTarget {
  let u: URL;
  try {
    u = new URL(url);
  } catch {
    throw new UserError("healthcheck-url: not a URL; use the check's ping URL, e.g. https://hc-ping.com/<uuid>");
  }
  if (!['https:', 'http:'].includes(u.protocol) || u.pathname.replace(/\/+$/, '') === '') {
    throw new UserError("healthcheck-url: not a ping URL; use the check's ping URL, e.g. https://hc-ping.com/<uuid>");
  }
  if (/\/(start|fail|log|\d{1,3})\/?$/.test(u.pathname)) {
    throw new UserError(
      "healthcheck-url: give the check's ping URL itself, without /start, /fail or an exit code: s3-backup adds them",
    );
  }
  return { url, host: u.host };
}

/** Keeps the end of a body within MAX_BODY bytes (the last lines matter most). */
export function clip(text: string, max = MAX_BODY): string {
  const buf = Buffer.from(text, 'utf8');
  if (buf.length <= max) return text;
  const tail = buf
    .subarray(buf.length - max + 20)
    .toString('utf8')
    .replace(/^[^\n]*\n/, '');
  return `[… earlier lines cut]\n${tail}`;
}

export function healthcheckPing(t: HealthcheckTarget, kind: PingKind, rid: string, body: string): HttpRequest {
  const u = new URL(t.url);
  const path = u.pathname.replace(/\/+$/, '');
  u.pathname = kind === 'success' ? path : `${path}/${kind}`;
  u.searchParams.set('rid', rid.toLowerCase());
  return {
    method: 'POST',
    url: u.toString(),
    headers: { 'content-type': 'text/plain; charset=utf-8' },
    body: clip(body),
  };
}
