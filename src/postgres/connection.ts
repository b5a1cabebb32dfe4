/**
 * A database connection as the user gave it (URL or libpq PG* variables), and the two ways we hand it on:
 * to pg tools (URL without the password in argv, the password in PGPASSWORD) and to the `pg` client.
 */
import { UserError } from '../errors.js';
import { addSecret } from '../redact.js';

export interface Connection {
  host: string;
  port: number;
  user: string;
  database: string;
  password?: string;
  /** libpq query parameters (sslmode, sslrootcert, application_name, options …). */
  params: Record<string, string>;
}

type Env = Record<string, string | undefined>;

export function parseDatabaseUrl(input: string, raw: string): Connection {
  let url: URL;
  try {
    // libpq accepts an empty host (postgresql:///db, postgresql://u@/db?host=/socket); WHATWG URL does not
    url = new URL(raw.replace(/^(postgres(?:ql)?:\/\/(?:[^/?#@]*@)?)(?=[/?#]|$)/, '$1localhost'));
  } catch {
    throw new UserError(`${input}: not a URL; use postgresql://user:password@host:5432/dbname`);
  }
  if (url.protocol !== 'postgresql:' && url.protocol !== 'postgres:') {
    throw new UserError(`${input}: scheme "${url.protocol}" is not postgresql:; use postgresql://user:password@host:5432/dbname`);
  }
  const params: Record<string, string> = {};
  url.searchParams.forEach((v, k) => (params[k] = v));
  const password = url.password ? decodeURIComponent(url.password) : params.password;
  delete params.password;
  const host = params.host ?? (url.hostname ? decodeURIComponent(url.hostname) : 'localhost');
  delete params.host;
  const portText = params.port ?? url.port;
  delete params.port;
  const user = params.user ?? (url.username ? decodeURIComponent(url.username) : 'postgres');
  delete params.user;
  const database = params.dbname ?? (decodeURIComponent(url.pathname.replace(/^\//, '')) || user);
  delete params.dbname;
  const port = portText ? Number(portText) : 5432;
  if (!Number.isInteger(port) || port <= 0 || port > 65535) throw new UserError(`${input}: port "${portText}" is not a port number`);
  addSecret(password);
  return { host, port, user, database, password, params };
}

const PARAM_ENV: Record<string, string> = {
  PGSSLMODE: 'sslmode',
  PGSSLROOTCERT: 'sslrootcert',
  PGSSLCERT: 'sslcert',
  PGSSLKEY: 'sslkey',
  PGAPPNAME: 'application_name',
  PGOPTIONS: 'options',
  PGCONNECT_TIMEOUT: 'connect_timeout',
};

/** The libpq environment (PGHOST, PGPORT, PGUSER, PGPASSWORD, PGDATABASE …) as a Connection, or undefined if unset. */
export function connectionFromEnv(env: Env): Connection | undefined {
  if (!env.PGHOST && !env.PGDATABASE && !env.PGUSER && !env.PGPORT) return undefined;
  const user = env.PGUSER ?? 'postgres';
  const params: Record<string, string> = {};
  for (const [name, param] of Object.entries(PARAM_ENV)) if (env[name]) params[param] = env[name]!;
  addSecret(env.PGPASSWORD);
  return {
    host: env.PGHOST ?? 'localhost',
    port: env.PGPORT ? Number(env.PGPORT) : 5432,
    user,
    database: env.PGDATABASE ?? user,
    password: env.PGPASSWORD,
    params,
  };
}

function hostPart(host: string): string {
  if (host.startsWith('/')) return ''; // unix socket: passed as ?host=
  return host.includes(':') ? `[${host}]` : encodeURIComponent(host);
}

/** URL for argv and display: never holds the password. */
export function connectionUrl(c: Connection, database = c.database): string {
  const params = new URLSearchParams(c.params);
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
  env.PGCONNECT_TIMEOUT = env.PGCONNECT_TIMEOUT ?? '15';
  return env;
}

/** Config for the `pg` client. */
export function clientConfig(c: Connection, database = c.database) {
  const sslmode = c.params.sslmode;
  const ssl =
    sslmode === undefined || sslmode === 'disable' || sslmode === 'allow' || sslmode === 'prefer'
      ? false
      : { rejectUnauthorized: sslmode === 'verify-ca' || sslmode === 'verify-full' };
  return {
    host: c.host,
    port: c.port,
    user: c.user,
    password: c.password,
    database,
    ssl,
    connectionTimeoutMillis: 15_000,
    application_name: 's3-backup',
  };
}
