/** Which databases a set backs up: asked of the server once, before anything is written. */
import { GLOBALS_NAME } from '../core/set-format.js';
import { UserError } from '../core/errors.js';
import type { BackupOptions } from '../model/options.js';
import { connectableDatabases, globalsAccess, type GlobalsAccess } from '../postgres/admin.js';
import { connect, describePgError, serverInfo, type PgClient } from '../postgres/introspect.js';
import type { ServerInfo } from '../model/catalog.js';
import { keyName } from './steps.js';

export interface PlannedDatabase {
  /** The name on the server. */
  database: string;
  /** The name in its keys. */
  name: string;
}

/**
 * The server, and the databases to back up, with the names their keys use; refuses what cannot be backed up. One
 * database: its connection stays open for its snapshot (`handover`), which saves a connection on the way to pg_dump.
 */
export async function planDatabases(o: BackupOptions): Promise<{
  server: ServerInfo;
  databases: PlannedDatabase[];
  handover: Handover;
  /** With the globals: what pg_dumpall may read, asked on the same connection (undefined: the globals ask). */
  access?: GlobalsAccess;
}> {
  const client = await connect(o.connection);
  const single = o.databases.kind === 'single';
  let server: ServerInfo;
  let existing: string[];
  let access: GlobalsAccess | undefined;
  try {
    server = await serverInfo(client);
    existing = single ? [] : await connectableDatabases(client);
    // a failure here is the globals' own, reported by them as before
    if (o.globals) access = await globalsAccess(client).catch(() => undefined);
  } catch (err) {
    await client.end().catch(() => undefined);
    throw describePgError(err, o.connection);
  }
  if (!single) await client.end().catch(() => undefined);
  const planned = { server, databases: chooseDatabases(o, existing), handover: handover(single ? client : undefined) };
  return access ? { ...planned, access } : planned;
}

/** An open connection given to whoever takes it first, who then closes it; `close` closes it if nobody did. */
export interface Handover {
  take: () => PgClient | undefined;
  close: () => Promise<void>;
}

function handover(client: PgClient | undefined): Handover {
  let held = client;
  const take = () => {
    const c = held;
    held = undefined;
    return c;
  };
  const close = async () => {
    await take()
      ?.end()
      .catch(() => undefined);
  };
  return { take, close };
}

/** The selection applied to what the server has (pure). */
export function chooseDatabases(
  o: Pick<BackupOptions, 'databases' | 'excludeDatabases' | 'connection' | 'name'>,
  existing: string[],
): PlannedDatabase[] {
  const where = `${o.connection.host}:${o.connection.port}`;
  let chosen: string[];
  if (o.databases.kind === 'single') chosen = [o.connection.database];
  else if (o.databases.kind === 'all') chosen = existing.filter((d) => !o.excludeDatabases.includes(d));
  else {
    const missing = o.databases.names.filter((d) => !existing.includes(d));
    if (missing.length)
      throw new UserError(
        `databases: ${missing.map((d) => `"${d}"`).join(', ')} ${missing.length > 1 ? 'do' : 'does'} not exist at ${where} or ${missing.length > 1 ? 'do' : 'does'} not accept connections (there are: ${existing.join(', ') || 'none'})`,
      );
    chosen = o.databases.names.filter((d) => !o.excludeDatabases.includes(d));
  }
  if (!chosen.length)
    throw new UserError(
      `databases: nothing to back up at ${where} (every database is excluded or none accepts connections)`,
    );
  const planned = chosen.map((database) => ({
    database,
    name: o.databases.kind === 'single' ? (o.name ?? keyName(database)) : keyName(database),
  }));
  const seen = new Map<string, string>();
  for (const p of planned) {
    if (p.name === GLOBALS_NAME)
      throw new UserError(
        `databases: "${p.database}" would be named ${GLOBALS_NAME}, the globals' own name: exclude it`,
      );
    const other = seen.get(p.name);
    if (other !== undefined)
      throw new UserError(
        `databases: "${other}" and "${p.database}" would share the key name "${p.name}": back one of them up on its own with name`,
      );
    seen.set(p.name, p.database);
  }
  return planned;
}
