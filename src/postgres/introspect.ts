/** What we ask the server before and around a dump, over one `pg` connection. */
import type { ServerInfo } from '../model/catalog.js';
import pg from 'pg';
import { UserError } from '../core/errors.js';
import { redact } from '../core/redact.js';
import { homedir } from 'node:os';
import { clientAttempts } from './connection.js';
import type { Connection } from '../model/connection.js';
import { describeTlsFailure, NO_TLS, reportedFailure, tlsSettings, triesNext, type Attempt } from './tls/index.js';

/** Connection failures → one line naming the input and the fix. */
export function describePgError(err: unknown, c: Connection, database = c.database): Error {
  const e = err as { code?: string; message?: string };
  const where = `${c.host}:${c.port}`;
  if (err instanceof UserError) return err;
  const tls = describeTlsFailure(err, tlsSettings(c.params, homedir() || undefined), c.host, where);
  if (tls) return tls;
  switch (e?.code) {
    case '28P01':
      return new UserError(
        `database-url: password authentication failed for user "${c.user}" at ${where}: check the password`,
      );
    case '28000':
      if (/certificate/i.test(e.message ?? '')) {
        return new UserError(
          `database-url: ${redact(e.message ?? 'access refused')} (at ${where}): set sslcert and sslkey to a client certificate for user "${c.user}" signed by the server's CA`,
        );
      }
      return new UserError(
        `database-url: ${redact(e.message ?? 'access refused')} (at ${where}): check the user and pg_hba.conf`,
      );
    case '3D000':
      return new UserError(
        `database-url: database "${database}" does not exist at ${where}: create it or fix the database name`,
      );
    case 'ECONNREFUSED':
      return new UserError(
        `database-url: cannot connect to ${where} (connection refused): is PostgreSQL running there?`,
      );
    case 'ENOTFOUND':
    case 'EAI_AGAIN':
      return new UserError(`database-url: host "${c.host}" not found: check the host name`);
    case '53300':
      return new UserError(
        `database-url: ${where} refuses more connections (${redact(e.message ?? 'too many connections')}): close idle sessions or raise the limit (a backup holds 3 at once: its snapshot, pg_dump and the row counts)`,
      );
    case '57P03':
      return new UserError(
        `database-url: ${where} is starting up or shutting down (${redact(e.message ?? 'cannot connect now')}): try again when it is up`,
      );
    case 'ETIMEDOUT':
      return new UserError(`database-url: connecting to ${where} timed out: check the host, port and firewall`);
    default:
      if (/timeout/i.test(e?.message ?? '')) {
        const ms = tlsSettings(c.params, undefined).connectTimeoutMs;
        return new UserError(
          `database-url: no answer from ${where} within ${ms / 1000} s (connect_timeout): is the server up and reachable? ` +
            'Set PGCONNECT_TIMEOUT or ?connect_timeout= to wait longer',
        );
      }
      return err instanceof Error ? new Error(redact(err.message), { cause: err }) : new Error(redact(String(err)));
  }
}

/** Connects as libpq would (sslmode prefer: TLS, then without; allow: without, then TLS). */
/** An open connection, as ./introspect.ts and ./admin.ts take it. */
export type PgClient = pg.Client;

/**
 * Servers that answered "no TLS" to this process (host:port). libpq learns it on the same connection and goes on in
 * plain text; a `pg` client cannot, so later connections under sslmode=prefer skip the attempt it would cost again.
 */
const offersNoTls = new Set<string>();

export async function connect(c: Connection, database = c.database): Promise<pg.Client> {
  const where = `${c.host}:${c.port}`;
  const mode = tlsSettings(c.params, undefined).mode;
  const attempts = clientAttempts(c, database).filter(
    (a) => !(mode === 'prefer' && a.attempt === 'tls' && offersNoTls.has(where)),
  );
  const failures: Array<{ attempt: Attempt; err: unknown }> = [];
  for (const [i, a] of attempts.entries()) {
    let client: pg.Client | undefined;
    try {
      client = new pg.Client(a.config());
      client.on('error', () => undefined); // a dropped connection surfaces on the next query
      await client.connect();
      return client;
    } catch (err) {
      await client?.end().catch(() => undefined);
      failures.push({ attempt: a.attempt, err });
      if (a.attempt === 'tls' && (err as Error)?.message === NO_TLS) offersNoTls.add(where);
      if (i === attempts.length - 1 || !triesNext(mode, a.attempt, err)) break;
    }
  }
  throw describePgError(reportedFailure(failures), c, database);
}

export async function serverInfo(client: pg.Client): Promise<ServerInfo> {
  const { rows } = await client.query<{ v: string; n: string; size: string }>(
    `SELECT current_setting('server_version') AS v, current_setting('server_version_num') AS n,
            pg_database_size(current_database())::text AS size`,
  );
  const row = rows[0]!;
  const versionNum = Number(row.n);
  return { version: row.v, versionNum, major: Math.floor(versionNum / 10000), databaseSize: Number(row.size) };
}

/** User tables in the target (restore refuses a non-empty target unless clean is set). */
export async function userTableCount(client: pg.Client): Promise<number> {
  const { rows } = await client.query<{ n: string }>(
    `SELECT count(*)::text AS n FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace
      WHERE c.relkind IN ('r', 'p') AND n.nspname NOT IN ('pg_catalog', 'information_schema')
        AND n.nspname NOT LIKE 'pg\\_toast%' AND n.nspname NOT LIKE 'pg\\_temp%'`,
  );
  return Number(rows[0]!.n);
}
