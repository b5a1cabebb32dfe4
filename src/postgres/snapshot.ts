/**
 * The backup's view of the database: one connection opens a REPEATABLE READ transaction and exports its snapshot;
 * pg_dump runs with --snapshot=<id>, and the manifest's catalog and exact row counts are read in that same
 * transaction, while pg_dump runs. The counts are then exactly what the dump holds.
 */
import type pg from 'pg';
import type { Logger } from '../model/context.js';
import type { Connection } from '../model/connection.js';
import { countRows, describeCatalog } from './catalog.js';
import type { Catalog, RowCounts, TableEntry } from '../model/catalog.js';
import { connect, describePgError, serverInfo } from './introspect.js';
import type { ServerInfo } from '../model/catalog.js';
import { errorMessage } from '../core/errors.js';
import { tableSizesInTransaction, type TableSizes } from './table-sizes.js';

export interface DumpSnapshot {
  server: ServerInfo;
  /** Exported snapshot id for pg_dump --snapshot; undefined when the server would not export one. */
  id?: string;
  catalog: Catalog;
  /** How the manifest's counts are taken: 'exact' falls back to 'estimate' without a snapshot. */
  rowCounts: RowCounts;
  /** Row counts as chosen; run while pg_dump runs. */
  counts(): Promise<TableEntry[]>;
  /** The tables' sizes, read once on the snapshot's own connection (idle while pg_dump runs); undefined: unknown. */
  tableSizes(): Promise<TableSizes | undefined>;
  close(): Promise<void>;
}

/**
 * Counts on a second connection that imports the snapshot, like pg_dump does: a failing count (say, no SELECT on a
 * table) must not abort the exporting transaction while pg_dump may still be importing its snapshot, or pg_dump
 * would fail with "could not import the requested snapshot" instead of its own, real reason.
 */
async function countInSnapshot(c: Connection, id: string, tables: TableEntry[]): Promise<TableEntry[]> {
  const counter = await connect(c);
  try {
    await counter.query('BEGIN ISOLATION LEVEL REPEATABLE READ READ ONLY');
    await counter.query(`SET TRANSACTION SNAPSHOT '${id.replace(/'/g, "''")}'`);
    const counted = await countRows(counter, tables);
    await counter.query('COMMIT');
    return counted;
  } finally {
    await counter.end().catch(() => undefined);
  }
}

export async function openSnapshot(
  c: Connection,
  o: { schemas: string[]; excludeTables: string[]; rowCounts: RowCounts },
  log: Logger,
  /** An open connection to the database, and the server it found: used instead of a new one and asking again. */
  opened?: { client: pg.Client; server: ServerInfo },
): Promise<DumpSnapshot> {
  const client: pg.Client = opened?.client ?? (await connect(c));
  try {
    const server = opened?.server ?? (await serverInfo(client));
    let id: string | undefined;
    try {
      // not in a savepoint: a snapshot cannot be exported from a subtransaction. Both in one round trip (a simple
      // query of two statements: a result each; a refused export leaves the transaction begun and failed)
      const [, exported] = (await client.query(
        'BEGIN ISOLATION LEVEL REPEATABLE READ READ ONLY; SELECT pg_export_snapshot() AS id',
      )) as unknown as [pg.QueryResult, pg.QueryResult<{ id: string }>];
      id = exported.rows[0]!.id;
    } catch (err) {
      await client.query('ROLLBACK');
      await client.query('BEGIN ISOLATION LEVEL REPEATABLE READ READ ONLY');
      log.warning(`could not export a snapshot (${errorMessage(err)}): row counts are estimates`);
    }
    const catalog = await describeCatalog(client, o);
    const rowCounts: RowCounts = o.rowCounts === 'exact' && !id ? 'estimate' : o.rowCounts;
    let sizing: Promise<TableSizes | undefined> | undefined;
    return {
      server,
      id,
      catalog,
      rowCounts,
      counts: async () => {
        try {
          if (rowCounts === 'exact') return await countInSnapshot(c, id!, catalog.tables);
          if (rowCounts === 'off') return catalog.tables.map((t) => ({ ...t, rows: null }));
          return catalog.tables;
        } catch (err) {
          throw describePgError(err, c);
        }
      },
      tableSizes: () => {
        sizing ??= tableSizesInTransaction(client);
        return sizing;
      },
      close: async () => {
        await sizing; // one query at a time on a connection
        await client.query('COMMIT').catch(() => undefined);
        await client.end().catch(() => undefined);
      },
    };
  } catch (err) {
    await client.end().catch(() => undefined);
    throw describePgError(err, c);
  }
}
