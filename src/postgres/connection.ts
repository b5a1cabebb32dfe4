/**
 * A database connection as the user gave it (URL or libpq PG* variables), and the two ways we hand it on:
 * to pg tools (URL without the password in argv, the password in PGPASSWORD) and to the `pg` client.
 * TLS settings mean the same to both: see ./tls/.
 */
import type { Connection } from '../model/connection.js';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { homedir, tmpdir } from 'node:os';
import { join } from 'node:path';
import type pg from 'pg';
import { passwordFromFile } from './pgpass.js';
import {
  nodeTlsFs,
  sslAttempts,
  tlsOptions,
  tlsSettings,
  TLS_ENV_VARS,
  TLS_SETTINGS,
  type Attempt,
  type TlsFs,
} from './tls/index.js';

type Env = Record<string, string | undefined>;

function hostPart(host: string): string {
  if (host.startsWith('/')) return ''; // unix socket: passed as ?host=
  return host.includes(':') ? `[${host}]` : encodeURIComponent(host);
}

/** URL for argv and display: never holds the password (nor sslpassword: see toolEnv). */
export function connectionUrl(c: Connection, database = c.database): string {
  const params = new URLSearchParams(c.params);
  params.delete('sslpassword');
  for (const name of c.fromEnv ?? []) params.delete(name);
  if (c.host.startsWith('/')) params.set('host', c.host);
  const query = params.toString();
  return (
    `postgresql://${encodeURIComponent(c.user)}@${hostPart(c.host)}:${c.port}/${encodeURIComponent(database)}` +
    (query ? `?${query}` : '')
  );
}

/** Environment for pg_dump / pg_restore / psql: the password travels here, never in argv. */
export function toolEnv(c: Connection, base: Env = process.env): Env {
  const env: Env = { ...base };
  // our own inputs must not leak into, or confuse, the tools
  delete env.DATABASE_URL;
  for (const k of Object.keys(env)) if (k.startsWith('INPUT_')) delete env[k];
  if (c.password !== undefined) env.PGPASSWORD = c.password;
  else delete env.PGPASSWORD;
  // an empty TLS variable is "not set" to us (resolveLibpqParams); libpq would take it as a value
  for (const name of TLS_ENV_VARS) if (env[name] !== undefined && !env[name]!.trim()) delete env[name];
  // …and the variables it read, as it understood them (trimmed, canonical case)
  for (const name of c.fromEnv ?? []) env[TLS_SETTINGS[name]!.env!] = c.params[name];
  env.PGCONNECT_TIMEOUT = env.PGCONNECT_TIMEOUT ?? '15';
  if (c.params.sslpassword !== undefined) {
    // libpq reads sslpassword from no variable: a private service file carries it, never argv
    env.PGSERVICEFILE = sslPasswordServiceFile(c.params.sslpassword, base.RUNNER_TEMP || tmpdir());
    env.PGSERVICE = SERVICE;
  }
  return env;
}

const SERVICE = 's3-backup';
const serviceFiles = new Map<string, string>();

/** A 0600 pg_service.conf in a 0700 directory, removed when the process exits. */
function sslPasswordServiceFile(password: string, dir: string): string {
  const known = serviceFiles.get(password);
  if (known) return known;
  const folder = mkdtempSync(join(dir, 's3-backup-pg-'));
  const file = join(folder, 'pg_service.conf');
  writeFileSync(file, `[${SERVICE}]\nsslpassword=${password}\n`, { mode: 0o600 });
  if (serviceFiles.size === 0)
    process.once('exit', () => {
      for (const f of serviceFiles.values()) rmSync(join(f, '..'), { recursive: true, force: true });
    });
  serviceFiles.set(password, file);
  return file;
}

/** One way of connecting as libpq would try it: `tls` says whether this attempt asks for TLS. */
export interface ClientAttempt {
  attempt: Attempt;
  /** Throws a UserError when the TLS files cannot be used (libpq would not connect either). */
  config(): pg.ClientConfig;
}

/** The `pg` client's attempts, in libpq's order (prefer: TLS, then plain; allow: plain, then TLS). */
export function clientAttempts(
  c: Connection,
  database = c.database,
  fs: TlsFs = nodeTlsFs,
  home = homedir(),
): ClientAttempt[] {
  const s = tlsSettings(c.params, home || undefined);
  return sslAttempts(s.mode, c.host).map((attempt) => ({
    attempt,
    config: () => ({
      host: c.host,
      port: c.port,
      user: c.user,
      // a function, never undefined: pg would read the password file itself (deprecated, and not as libpq reads
      // it); pg takes a function's undefined as "no password"
      password: (async () => c.password ?? passwordFromFile({ ...c, database })) as () => Promise<string>,
      database,
      ssl: attempt === 'tls' ? tlsOptions(s, c.host, fs) : false,
      sslnegotiation: s.negotiation,
      connectionTimeoutMillis: s.connectTimeoutMs,
      application_name: 's3-backup',
    }),
  }));
}
