/**
 * A local stand-in for Sentry's check-in endpoint and a healthchecks.io ping endpoint that records every request
 * and checks it against the documented formats, answering as the services do: Relay takes
 * POST /api/<project>/cron/<slug>/<key>/ with a JSON CheckIn and answers 202 (400 for a body it cannot read);
 * healthchecks takes POST /ping/<uuid>[/start|/fail][?rid=<uuid>] and answers 200 "OK".
 */
import { createServer, type IncomingMessage, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { capture } from './run.js';

export interface Recorded {
  service: 'sentry' | 'healthcheck' | 'other';
  method: string;
  path: string;
  query: Record<string, string>;
  headers: IncomingMessage['headers'];
  body: string;
  /** Format problems found; empty when the request is as documented. */
  problems: string[];
  at: number;
}

import { HC_UUID, SENTRY_KEY, SENTRY_PROJECT } from './monitor-secrets.js';

export { HC_UUID, SENTRY_KEY, SENTRY_PROJECT };

const UUID_HEX = /^[0-9a-f]{32}$/;
const UUID_CANONICAL = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/;

/** relay-monitors' CheckIn: what Relay's serde would refuse or Sentry would misread. */
export function checkInProblems(path: string, contentType: string | undefined, body: string): string[] {
  const problems: string[] = [];
  const m = /^\/api\/(\d+)\/cron\/([^/]+)\/([^/]+)\/$/.exec(path);
  if (!m) return [`path ${path} is not /api/<project>/cron/<slug>/<key>/`];
  if (m[3] !== SENTRY_KEY) problems.push('wrong public key');
  if (!contentType?.startsWith('application/json')) problems.push(`content-type ${contentType}`);
  let c: Record<string, unknown>;
  try {
    c = JSON.parse(body);
  } catch {
    return [...problems, 'body is not JSON'];
  }
  if (typeof c.check_in_id !== 'string' || !(UUID_HEX.test(c.check_in_id) || UUID_CANONICAL.test(c.check_in_id)))
    problems.push('check_in_id is not a UUID');
  if (c.monitor_slug !== decodeURIComponent(m[2]!)) problems.push('monitor_slug differs from the path');
  if (!['in_progress', 'ok', 'error'].includes(c.status as string)) problems.push(`status ${String(c.status)}`);
  if (
    c.environment !== undefined &&
    (typeof c.environment !== 'string' || !c.environment || /[\n/]/.test(c.environment))
  )
    problems.push('bad environment');
  if (c.duration !== undefined && (typeof c.duration !== 'number' || c.duration < 0))
    problems.push('duration is not seconds');
  if (c.status === 'in_progress' && c.duration !== undefined) problems.push('duration on in_progress');
  const cfg = c.monitor_config as Record<string, unknown> | undefined;
  if (cfg !== undefined) {
    const s = cfg.schedule as Record<string, unknown> | undefined;
    if (s?.type !== 'crontab' || typeof s.value !== 'string') problems.push('monitor_config.schedule');
    for (const k of ['checkin_margin', 'max_runtime']) {
      if (cfg[k] !== undefined && !(Number.isInteger(cfg[k]) && (cfg[k] as number) >= 0))
        problems.push(`monitor_config.${k} is not whole minutes`);
    }
    if (cfg.timezone !== undefined && typeof cfg.timezone !== 'string') problems.push('monitor_config.timezone');
  }
  const known = new Set([
    'check_in_id',
    'monitor_slug',
    'status',
    'environment',
    'duration',
    'monitor_config',
    'contexts',
  ]);
  for (const k of Object.keys(c)) if (!known.has(k)) problems.push(`unknown field ${k}`);
  return problems;
}

export function pingProblems(path: string, query: Record<string, string>, body: string): string[] {
  const problems: string[] = [];
  if (!new RegExp(`^/ping/${HC_UUID}(/start|/fail)?$`).test(path)) problems.push(`path ${path}`);
  if (query.rid !== undefined && !UUID_CANONICAL.test(query.rid)) problems.push('rid is not a canonical UUID');
  if (Buffer.byteLength(body) > 100_000) problems.push('body over 100 kB');
  return problems;
}

export interface MonitorServer {
  url: string;
  /** sentry-dsn that points here. */
  dsn: string;
  /** The SENTRY_CRON_CHECKIN_URL form, for a slug. */
  checkinUrl(slug: string): string;
  /** healthcheck-url that points here. */
  pingUrl: string;
  requests: Recorded[];
  /** Resolves when a request matching `pred` arrives. */
  waitFor(pred: (r: Recorded) => boolean, timeoutMs?: number): Promise<Recorded>;
  stop(): Promise<void>;
}

/** `status` decides the answer per request (default: as the service would). */
export async function startMonitorServer(
  o: { status?: (r: Recorded) => number | undefined } = {},
): Promise<MonitorServer> {
  const requests: Recorded[] = [];
  const waiters: Array<{ pred: (r: Recorded) => boolean; resolve: (r: Recorded) => void }> = [];
  const server: Server = createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => chunks.push(c));
    req.on('end', () => {
      const u = new URL(req.url ?? '/', 'http://x');
      const body = Buffer.concat(chunks).toString('utf8');
      const service = u.pathname.startsWith('/api/')
        ? 'sentry'
        : u.pathname.startsWith('/ping/')
          ? 'healthcheck'
          : 'other';
      const query = Object.fromEntries(u.searchParams);
      const problems =
        service === 'sentry'
          ? checkInProblems(u.pathname, req.headers['content-type'], body)
          : service === 'healthcheck'
            ? pingProblems(u.pathname, query, body)
            : ['unknown endpoint'];
      if (req.method !== 'POST' && req.method !== 'GET') problems.push(`method ${req.method}`);
      const r: Recorded = {
        service,
        method: req.method ?? '',
        path: u.pathname,
        query,
        headers: req.headers,
        body,
        problems,
        at: Date.now(),
      };
      requests.push(r);
      // what the product sent leaves the process: the suite's secrets check reads it (the URL holds the keys by design)
      capture(`monitor ${service} request body`, body);
      for (const w of [...waiters])
        if (w.pred(r)) {
          waiters.splice(waiters.indexOf(w), 1);
          w.resolve(r);
        }
      const status = o.status?.(r) ?? (problems.length ? 400 : service === 'sentry' ? 202 : 200);
      res.writeHead(status, { 'content-type': 'text/plain' });
      res.end(status === 202 ? '' : status === 200 ? 'OK' : `refused: ${problems.join('; ') || 'scripted failure'}`);
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const url = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  return {
    url,
    dsn: `http://${SENTRY_KEY}@${url.slice(7)}/${SENTRY_PROJECT}`,
    checkinUrl: (slug) => `${url}/api/${SENTRY_PROJECT}/cron/${slug}/${SENTRY_KEY}/`,
    pingUrl: `${url}/ping/${HC_UUID}`,
    requests,
    waitFor(pred, timeoutMs = 60_000) {
      const hit = requests.find(pred);
      if (hit) return Promise.resolve(hit);
      return new Promise((resolve, reject) => {
        const w = {
          pred,
          resolve: (r: Recorded) => {
            clearTimeout(timer);
            resolve(r);
          },
        };
        const timer = setTimeout(() => {
          waiters.splice(waiters.indexOf(w), 1);
          reject(new Error('no such monitor request arrived'));
        }, timeoutMs);
        waiters.push(w);
      });
    },
    stop: () => new Promise<void>((resolve) => server.close(() => resolve())),
  };
}

/** The parsed Sentry check-ins, in arrival order. */
// biome-ignore lint/suspicious/noExplicitAny: check-in bodies are asserted field by field
export function checkIns(s: MonitorServer): Array<Record<string, any>> {
  return s.requests.filter((r) => r.service === 'sentry').map((r) => JSON.parse(r.body));
}

/** The healthcheck pings as "start" | "success" | "fail", with rid and body. */
export function pings(s: MonitorServer): Array<{ kind: string; rid?: string; body: string }> {
  return s.requests
    .filter((r) => r.service === 'healthcheck')
    .map((r) => ({
      kind: r.path.endsWith('/start') ? 'start' : r.path.endsWith('/fail') ? 'fail' : 'success',
      rid: r.query.rid,
      body: r.body,
    }));
}
