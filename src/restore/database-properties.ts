/**
 * create-database for one database: created with the properties its archive carries (encoding and locale, owner,
 * comment, ALTER DATABASE … SET, privileges), as a whole-server restore creates it, under the target's name. An
 * archive without its database's entry (a plain dump, a backup of some schemas) gets a bare CREATE DATABASE.
 */
import { rm, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { errorMessage, UserError } from '../core/errors.js';
import type { Connection } from '../model/connection.js';
import { connectionUrl, toolEnv } from '../postgres/connection.js';
import { databaseStatementsFor } from '../postgres/database-sql.js';
import { connect, serverInfo } from '../postgres/introspect.js';
import { runTool } from '../postgres/process.js';
import { createDatabase } from './create-database.js';
import { parseToc, type TocEntry } from './dump-needs.js';

const ownEntry = (e: TocEntry) =>
  ['DATABASE', 'DATABASE PROPERTIES'].includes(e.desc) ||
  (['COMMENT', 'ACL', 'SECURITY LABEL'].includes(e.desc) && /^DATABASE /.test(e.tag));

export interface DatabaseSource {
  /** A custom archive's head (header and table of contents); undefined for plain SQL. */
  head?: string;
  /** The pg tools' directory (pg_restore and psql). */
  binDir: string;
  noOwner: boolean;
  noAcl: boolean;
}

type Env = Record<string, string | undefined>;

/** The archive's statements about its database, for the target's name; undefined when it carries none. */
async function databaseSql(c: Connection, head: string, src: DatabaseSource, env: Env) {
  const pgRestore = path.join(src.binDir, 'pg_restore');
  const own = parseToc(await runTool('pg_restore', pgRestore, ['--list', '--create', head], env)).filter(ownEntry);
  const database = own.find((e) => e.desc === 'DATABASE');
  if (!database) return undefined;
  const list = path.join(path.dirname(head), 'database-entries.list');
  await writeFile(list, `${own.map((e) => e.line).join('\n')}\n`, { mode: 0o600 });
  const flags = [...(src.noOwner ? ['--no-owner'] : []), ...(src.noAcl ? ['--no-acl'] : [])];
  const sql = await runTool(
    'pg_restore',
    pgRestore,
    ['--create', `--use-list=${list}`, ...flags, '--file=-', head],
    env,
  );
  return databaseStatementsFor(sql, database.tag, c.database);
}

/** Creates the target database; says whether its properties came from the archive, and the server's version. */
export async function createTargetDatabase(
  c: Connection,
  src: DatabaseSource,
  env: Env,
): Promise<{ version: string; withProperties: boolean }> {
  const sql = src.head ? await databaseSql(c, src.head, src, env) : undefined;
  if (!sql) return { version: await createDatabase(c), withProperties: false };
  const file = path.join(path.dirname(src.head!), 'database.sql');
  await writeFile(file, sql, { mode: 0o600 });
  try {
    const args = [`--dbname=${connectionUrl(c, 'postgres')}`, '--no-password', '--no-psqlrc', '--quiet'];
    const psql = path.join(src.binDir, 'psql');
    await runTool('psql', psql, [...args, '--set=ON_ERROR_STOP=1', `--file=${file}`], toolEnv(c, env));
  } catch (err) {
    throw new UserError(`create-database: could not create "${c.database}" with its properties: ${errorMessage(err)}`);
  } finally {
    await rm(file, { force: true });
  }
  const client = await connect(c);
  try {
    return { version: (await serverInfo(client)).version, withProperties: true };
  } finally {
    await client.end().catch(() => undefined);
  }
}
