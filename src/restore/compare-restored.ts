/**
 * A restore that checks itself: each restored database against its backup's manifest, as a drill compares its
 * scratch database (tables and columns, exact row counts where recorded, sequences, extensions, large objects). A
 * mismatch fails the run in one line naming the database and what differs.
 */
import { plural } from '../core/format.js';
import type { Matched } from '../model/results.js';
import type { Logger } from '../model/context.js';
import type { Check } from '../model/results.js';
import { compareToManifest } from '../core/compare.js';
import { UserError } from '../core/errors.js';
import type { Manifest } from '../model/manifest.js';
import { countRows, describeCatalog } from '../postgres/catalog.js';
import type { Connection } from '../model/connection.js';
import type { RestoreOptions } from '../model/options.js';
import { connect, serverInfo } from '../postgres/introspect.js';

/**
 * The checks a restore is held to: a database restored into one that held other tables keeps them, so tables the
 * manifest does not name count only when the target held none before (pure).
 */
export function restoreChecks(checks: Check[], targetHeldTables: boolean): Check[] {
  return targetHeldTables ? checks.filter((c) => !c.expected.startsWith('absent')) : checks;
}

/** One line for the checks that failed: what was expected and found, naming the tables (pure). */
export function mismatchLine(database: string, failed: Check[]): string {
  const what = failed.map((c) => `${c.check}: expected ${c.expected}, found ${c.found}`);
  return `restore: "${database}" does not match its manifest (${failed.length} mismatch${failed.length === 1 ? '' : 'es'}: ${what.join('; ')}); the restored data is left in place: inspect it, or restore another backup with clean`;
}

/** Compares the restored database with its manifest; throws a UserError naming every mismatch. */
async function matchManifest(
  c: Connection,
  manifest: Manifest,
  o: { targetHeldTables: boolean; log: Logger; counted?: ReadonlyMap<string, number> },
): Promise<Matched> {
  const db = await connect(c);
  try {
    const major = (await serverInfo(db)).major;
    const catalog = await describeCatalog(db, manifest.options ?? { schemas: [], excludeTables: [] });
    catalog.tables = await countRows(db, catalog.tables, o.counted);
    const compared = compareToManifest(manifest, catalog, { sameMajor: major === manifest.database.serverMajor });
    const failed = restoreChecks(compared.checks, o.targetHeldTables).filter((x) => !x.ok);
    if (failed.length) throw new UserError(mismatchLine(c.database, failed));
    o.log.info(
      `${c.database}: matched the manifest (${plural(compared.tablesChecked, 'table')}, ${plural(compared.rowsChecked, 'row')}, ${plural(compared.checks.length, 'check')})`,
    );
    return { tables: compared.tablesChecked, rows: compared.rowsChecked };
  } finally {
    await db.end().catch(() => undefined);
  }
}

/** The manifest a restore of the whole database is compared with afterwards; undefined: none (pure). */
export function comparedWith(o: RestoreOptions, manifest: Manifest | undefined): Manifest | undefined {
  return o.compare && !isSelective(o) ? manifest : undefined;
}

const isSelective = (o: RestoreOptions) => o.tables.length > 0 || o.schemas.length > 0 || o.schemaOnly || o.dataOnly;

/**
 * After a restore: the comparison, unless compare is false or the restore was selective (a table, a schema, schema
 * or data only: the manifest describes the whole database), each saying so. Undefined when nothing was compared.
 * `counted`: the exact counts already taken of tables loaded early (see ./early-counts.ts).
 */
export async function matchAfterRestore(
  o: RestoreOptions,
  manifest: Manifest | undefined,
  p: { connection: Connection; tables: number; log: Logger; counted?: ReadonlyMap<string, number> },
): Promise<Matched | undefined> {
  if (!o.compare) return undefined;
  const selective = isSelective(o);
  if (selective || !manifest) {
    p.log.info(
      `${p.connection.database}: not compared with the manifest (${selective ? 'a selective restore: the manifest describes the whole database' : 'the backup has no manifest'})`,
    );
    return undefined;
  }
  return matchManifest(p.connection, manifest, { targetHeldTables: p.tables > 0, log: p.log, counted: p.counted });
}

/** restore --all: every restored database against its manifest; one line naming every database that differs. */
export async function matchAll(
  o: RestoreOptions,
  log: Logger,
  dbs: Array<{ database: string; manifest?: Manifest; tables: number; counted?: ReadonlyMap<string, number> }>,
): Promise<Matched | undefined> {
  if (!o.compare) return undefined;
  const total: Matched = { tables: 0, rows: 0 };
  const failures: string[] = [];
  for (const d of dbs) {
    const connection = { ...o.connection, database: d.database };
    try {
      const m = await matchAfterRestore(o, d.manifest, { connection, tables: d.tables, log, counted: d.counted });
      total.tables += m?.tables ?? 0;
      total.rows += m?.rows ?? 0;
    } catch (err) {
      if (!(err instanceof UserError)) throw err;
      failures.push(err.message.replace(/^restore: /, '').replace(/; the restored data is left in place.*$/, ''));
    }
  }
  if (failures.length) {
    throw new UserError(
      `restore: ${failures.length} of ${plural(dbs.length, 'database')} ${failures.length === 1 ? 'does' : 'do'} not match their manifests: ${failures.join('; ')}; the restored data is left in place: inspect it, or restore another set with clean`,
    );
  }
  return total;
}
