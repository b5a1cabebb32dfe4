/**
 * The on-disk size of every ordinary table: how a multi-stream backup spreads its data parts, and what a backup's
 * progress weighs its tables by.
 */
import type pg from 'pg';
import type { Connection } from '../model/connection.js';
import { connect, describePgError } from './introspect.js';

export interface TableSizes {
  /** "schema.name" → bytes (heap and TOAST, without indexes: what the dump's data is made of). */
  tables: Map<string, number>;
}

const SIZES = `SELECT n.nspname AS schema, c.relname AS name, pg_table_size(c.oid)::text AS bytes
         FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace
        WHERE c.relkind = 'r' AND n.nspname NOT IN ('pg_catalog', 'information_schema')`;

function sizesOf(rows: Array<{ schema: string; name: string; bytes: string }>): TableSizes {
  return { tables: new Map(rows.map((r) => [`${r.schema}.${r.name}`, Number(r.bytes)])) };
}

export async function tableSizes(c: Connection): Promise<TableSizes> {
  const client = await connect(c);
  try {
    return sizesOf((await client.query<{ schema: string; name: string; bytes: string }>(SIZES)).rows);
  } catch (err) {
    throw describePgError(err, c);
  } finally {
    await client.end().catch(() => undefined);
  }
}

/**
 * The sizes read in a transaction already open on `client` (the backup's snapshot), as one round trip: in a
 * savepoint, with a short lock_timeout, since pg_table_size takes a table's share lock and a session waiting to
 * lock a table exclusively must not hold the backup up for it. Undefined when they could not be read.
 */
export async function tableSizesInTransaction(client: pg.Client): Promise<TableSizes | undefined> {
  try {
    const results = (await client.query(
      `SAVEPOINT s3b_sizes; SET LOCAL lock_timeout = '500ms'; ${SIZES}; RELEASE SAVEPOINT s3b_sizes`,
    )) as unknown as pg.QueryResult[];
    return sizesOf(results[2]!.rows);
  } catch {
    await client.query('ROLLBACK TO SAVEPOINT s3b_sizes').catch(() => undefined);
    return undefined;
  }
}
