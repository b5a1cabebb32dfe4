import { execFile } from 'node:child_process';
import { promisify } from 'node:util';
import { fileURLToPath } from 'node:url';
import type { PgHandle } from './postgres.js';

const run = promisify(execFile);
export const AWKWARD_SQL = fileURLToPath(new URL('./fixtures/awkward.sql', import.meta.url));

/** Loads an SQL file with the real psql, stopping at the first error. */
export async function psqlFile(server: PgHandle, db: string, file: string): Promise<void> {
  await run('psql', ['--no-psqlrc', '-q', '-v', 'ON_ERROR_STOP=1', '--dbname', server.url(db), '-f', file], {
    env: { ...process.env, PGCONNECT_TIMEOUT: '10' },
  });
}

/** A new database holding the awkward-content fixture. */
export async function awkwardDatabase(server: PgHandle): Promise<string> {
  const db = await server.createDatabase();
  await psqlFile(server, db, AWKWARD_SQL);
  return db;
}

/** A database of `rows` rows of incompressible-ish text (md5 chains): large enough that a dump takes a while. */
export async function bulkDatabase(server: PgHandle, rows: number): Promise<string> {
  const db = await server.createDatabase();
  await server.exec(
    db,
    `CREATE TABLE bulk (id bigint PRIMARY KEY, a text, b text);
     INSERT INTO bulk SELECT g, md5(g::text) || md5((g * 7)::text) || md5((g * 13)::text), repeat(md5((g * 31)::text), 4)
       FROM generate_series(1, ${rows}) g;`,
  );
  return db;
}
