/** The on-disk size of every ordinary table: how a multi-stream backup spreads its data parts. */
import type { Connection } from '../model/connection.js';
import { connect, describePgError } from './introspect.js';

export interface TableSizes {
  /** "schema.name" → bytes (heap and TOAST, without indexes: what the dump's data is made of). */
  tables: Map<string, number>;
}

export async function tableSizes(c: Connection): Promise<TableSizes> {
  const client = await connect(c);
  try {
    const rows = await client.query<{ schema: string; name: string; bytes: string }>(
      `SELECT n.nspname AS schema, c.relname AS name, pg_table_size(c.oid)::text AS bytes
         FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace WHERE c.relkind = 'r'`,
    );
    return { tables: new Map(rows.rows.map((r) => [`${r.schema}.${r.name}`, Number(r.bytes)])) };
  } catch (err) {
    throw describePgError(err, c);
  } finally {
    await client.end().catch(() => undefined);
  }
}
