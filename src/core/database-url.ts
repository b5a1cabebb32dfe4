/** A connection as the user gave it: a postgresql:// URL, or the libpq PG* variables (pure). */
import type { Connection } from '../model/connection.js';
import { UserError } from './errors.js';
import { addSecret } from './redact.js';

type Env = Record<string, string | undefined>;

export function parseDatabaseUrl(input: string, raw: string): Connection {
  let url: URL;
  try {
    // libpq accepts an empty host (postgresql:///db, postgresql://u@/db?host=/socket); WHATWG URL does not
    url = new URL(raw.replace(/^(postgres(?:ql)?:\/\/(?:[^/?#@]*@)?)(?=[/?#]|$)/, '$1localhost'));
  } catch {
    throw new UserError(
      `${input}: not a URL; use e.g. postgresql://app@db.example.com:5432/shop (a password goes after the user name, app:PASSWORD@…, percent-encoded)`,
    );
  }
  if (url.protocol !== 'postgresql:' && url.protocol !== 'postgres:') {
    throw new UserError(
      `${input}: scheme "${url.protocol}" is not postgresql:; use e.g. postgresql://app@db.example.com:5432/shop (a password goes after the user name, app:PASSWORD@…, percent-encoded)`,
    );
  }
  const params: Record<string, string> = {};
  for (const [k, v] of url.searchParams) params[k] = v;
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
  if (!Number.isInteger(port) || port <= 0 || port > 65535)
    throw new UserError(`${input}: port "${portText}" is not a port number`);
  addSecret(password);
  return { host, port, user, database, password, params };
}

// the TLS variables and PGCONNECT_TIMEOUT are read by resolveLibpqParams (./tls/settings.ts), for URLs too
const PARAM_ENV: Record<string, string> = {
  PGAPPNAME: 'application_name',
  PGOPTIONS: 'options',
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
