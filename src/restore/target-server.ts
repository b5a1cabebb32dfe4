/**
 * The target server of a whole-server restore, read-only: its version, and for each database of the set whether it
 * exists and how many user tables it holds. A database that holds tables is refused unless clean is set.
 */
import { plural } from '../core/format.js';
import type { Connection } from '../model/connection.js';
import { existingDatabases } from '../postgres/admin.js';
import { connect, describePgError, serverInfo, userTableCount } from '../postgres/introspect.js';
import { UserError } from '../core/errors.js';
import { inputRef } from '../core/input-ref.js';

export interface TargetServer {
  serverVersion: string;
  major: number;
  databases: Map<string, { exists: boolean; tables: number }>;
}

export async function inspectServer(c: Connection, names: string[]): Promise<TargetServer> {
  const admin = await connect(c);
  const databases = new Map<string, { exists: boolean; tables: number }>();
  let info: Awaited<ReturnType<typeof serverInfo>>;
  try {
    info = await serverInfo(admin);
    const existing = await existingDatabases(admin, names);
    for (const n of names) databases.set(n, { exists: existing.has(n), tables: 0 });
  } catch (err) {
    throw describePgError(err, c);
  } finally {
    await admin.end().catch(() => undefined);
  }
  for (const [name, d] of databases) {
    if (!d.exists) continue;
    const client = await connect(c, name);
    try {
      d.tables = await userTableCount(client);
    } finally {
      await client.end().catch(() => undefined);
    }
  }
  return { serverVersion: info.version, major: info.major, databases };
}

/** Databases that exist and hold tables are refused, before anything is touched, unless clean. */
export function refuseOccupied(server: TargetServer, clean: boolean, where: string): void {
  if (clean) return;
  const occupied = [...server.databases]
    .filter(([, d]) => d.tables > 0)
    .map(([n, d]) => `${n} (${plural(d.tables, 'table')})`);
  if (occupied.length) {
    throw new UserError(
      `restore: ${occupied.length === 1 ? 'database' : 'databases'} ${occupied.join(', ')} already ${occupied.length === 1 ? 'exists' : 'exist'} at ${where} and ${occupied.length === 1 ? 'holds' : 'hold'} tables: set ${inputRef('clean')} to drop and replace them, or choose others with ${inputRef('databases')} (target untouched)`,
    );
  }
}
