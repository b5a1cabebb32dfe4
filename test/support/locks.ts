/**
 * A table held under ACCESS EXCLUSIVE in a session of its own, to make a backup slow by construction: pg_dump (with
 * the snapshot it was given) waits in its LOCK TABLE, and the exact row count waits too, until `release()`.
 *
 *   const lock = await lockTable(pg(15), db, 'items');
 *   const run = runCli(['backup', …]);
 *   await lock.waitForWaiter('pg_dump');   // pg_dump is stuck: whatever the test does now happens mid-backup
 *   …
 *   await lock.release();
 */
import pg from 'pg';
import type { PgHandle } from './postgres.js';
import { waitUntil } from './wait.js';
import type { ProcResult } from './run.js';

export interface TableLock {
  /** The locking session's backend pid. */
  pid: number;
  /** Runs SQL inside the locking transaction (committed by `release`). */
  exec(sql: string): Promise<void>;
  /** Sessions with this application_name that wait for this lock now. */
  waiters(applicationName: string): Promise<number>;
  /** Settles once a session with this application_name waits for this lock. */
  waitForWaiter(applicationName: string, o?: { run?: Promise<ProcResult> }): Promise<void>;
  /** Commits and disconnects: the waiters go on. */
  release(): Promise<void>;
}

export async function lockTable(server: PgHandle, db: string, table: string): Promise<TableLock> {
  const client = new pg.Client({
    host: server.host,
    port: server.port,
    user: server.user,
    password: server.password,
    database: db,
    application_name: 'test-lock',
  });
  // a test that restarts or stops the server ends this session too: its error is expected, not a crash
  client.on('error', () => undefined);
  await client.connect();
  await client.query('BEGIN');
  await client.query(`LOCK TABLE ${client.escapeIdentifier(table)} IN ACCESS EXCLUSIVE MODE`);
  const pid = (await client.query<{ pid: number }>('SELECT pg_backend_pid() AS pid')).rows[0]!.pid;
  let released = false;
  const waiters = async (applicationName: string) =>
    Number(
      (
        await server.query(
          'postgres',
          `SELECT count(*)::int AS n FROM pg_stat_activity WHERE application_name = $1 AND $2 = ANY(pg_blocking_pids(pid))`,
          [applicationName, pid],
        )
      )[0].n,
    );
  return {
    pid,
    async exec(sql) {
      await client.query(sql);
    },
    waiters,
    waitForWaiter: (applicationName, o = {}) =>
      waitUntil(
        `a ${applicationName} session waiting for the lock on ${table}`,
        async () => (await waiters(applicationName)) > 0,
        o,
      ),
    async release() {
      if (released) return;
      released = true;
      // nothing to commit when the server ended the session (a restart, a kill)
      await client.query('COMMIT').catch(() => undefined);
      await client.end().catch(() => undefined);
    },
  };
}
