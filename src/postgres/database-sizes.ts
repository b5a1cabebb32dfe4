/** The size of each database, for the plan of a backup set made by several jobs. */
import type pg from 'pg';

/** pg_database_size of each named database, in bytes (databases that are gone meanwhile are left out). */
export async function databaseSizes(client: pg.Client, names: string[]): Promise<Map<string, number>> {
  const sql =
    'SELECT datname AS name, pg_database_size(oid)::text AS size FROM pg_database WHERE datname = ANY($1::text[])';
  const { rows } = await client.query<{ name: string; size: string }>(sql, [names]);
  return new Map(rows.map((r) => [r.name, Number(r.size)]));
}
