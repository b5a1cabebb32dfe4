/**
 * The PostgreSQL seam of a restore's pre-flight: the few read-only questions asked of the target server before the
 * first statement runs. The real implementation is one `pg` connection; unit tests pass a fake.
 */
import type { TargetCatalog } from '../model/context.js';
import type pg from 'pg';
import type { Connection } from '../model/connection.js';
import { connect } from './introspect.js';

/** Opens the catalog over one connection to `database` (roles and extensions are server-wide: any database will do). */
export async function openTargetCatalog(c: Connection, database: string): Promise<TargetCatalog> {
  const client = await connect(c, database).catch((err) => {
    if (database !== 'postgres') throw err;
    return connect(c, 'template1');
  });
  return pgTargetCatalog(client);
}

function pgTargetCatalog(client: pg.Client): TargetCatalog {
  const names = async (sql: string, list: string[]) =>
    list.length ? new Set((await client.query<{ n: string }>(sql, [list])).rows.map((r) => r.n)) : new Set<string>();
  return {
    existingRoles: (list) => names('SELECT rolname AS n FROM pg_roles WHERE rolname = ANY($1::text[])', list),
    availableExtensions: (list) =>
      names('SELECT name AS n FROM pg_available_extensions WHERE name = ANY($1::text[])', list),
    close: () => client.end().catch(() => undefined),
  };
}
