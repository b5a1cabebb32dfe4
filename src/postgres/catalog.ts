/**
 * What a database holds, described the same way at backup time (inside pg_dump's exported snapshot, so the numbers
 * are exactly what the dump holds) and after a restore (validate compares the two).
 */
import type { ColumnInfo, TableEntry, ExtensionEntry, Catalog } from '../model/catalog.js';
import type pg from 'pg';
import { selectedBy } from './patterns.js';

const USER_NS = `n.nspname NOT IN ('pg_catalog', 'information_schema') AND n.nspname NOT LIKE 'pg\\_toast%' AND n.nspname NOT LIKE 'pg\\_temp%'`;
// objects that belong to an extension are re-created by CREATE EXTENSION, not dumped
const NOT_EXTENSION_MEMBER = `NOT EXISTS (SELECT 1 FROM pg_depend d WHERE d.classid = 'pg_class'::regclass AND d.objid = c.oid AND d.deptype = 'e')`;

export function quoteIdent(s: string): string {
  return `"${s.replace(/"/g, '""')}"`;
}

type SchemaRow = { name: string };
type TableRow = { schema: string; name: string; kind: string; estimate: string };
type ColumnRow = { schema: string; table: string; name: string; type: string };
type SequenceRow = { schema: string; name: string; last_value: string | null };

/** The catalog's rows as the queries return them, before the filter. */
interface CatalogRows {
  schemas: SchemaRow[];
  tables: TableRow[];
  columns: ColumnRow[];
  sequences: SequenceRow[];
  extensions: ExtensionEntry[];
  largeObjects: string;
  roles: SchemaRow[];
}

/** Every query describeCatalog runs, sent as one (one round trip; the server runs them one after another). */
const CATALOG_QUERIES = [
  `SELECT n.nspname AS name FROM pg_namespace n WHERE ${USER_NS}
     AND NOT EXISTS (SELECT 1 FROM pg_depend d WHERE d.classid = 'pg_namespace'::regclass AND d.objid = n.oid AND d.deptype = 'e')
   ORDER BY 1`,
  `SELECT n.nspname AS schema, c.relname AS name, c.relkind AS kind, GREATEST(c.reltuples, 0)::bigint::text AS estimate
     FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace
    WHERE c.relkind IN ('r', 'p', 'm') AND ${USER_NS} AND ${NOT_EXTENSION_MEMBER} ORDER BY 1, 2`,
  `SELECT n.nspname AS schema, c.relname AS table, a.attname AS name, format_type(a.atttypid, a.atttypmod) AS type
     FROM pg_attribute a JOIN pg_class c ON c.oid = a.attrelid JOIN pg_namespace n ON n.oid = c.relnamespace
    WHERE c.relkind IN ('r', 'p', 'm') AND a.attnum > 0 AND NOT a.attisdropped AND ${USER_NS}
    ORDER BY n.nspname, c.relname, a.attnum`,
  `SELECT s.schemaname AS schema, s.sequencename AS name, s.last_value::text AS last_value
     FROM pg_sequences s JOIN pg_namespace n ON n.nspname = s.schemaname JOIN pg_class c ON c.relname = s.sequencename AND c.relnamespace = n.oid
    WHERE ${USER_NS} AND ${NOT_EXTENSION_MEMBER} ORDER BY 1, 2`,
  `SELECT e.extname AS name, e.extversion AS version, n.nspname AS schema FROM pg_extension e JOIN pg_namespace n ON n.oid = e.extnamespace
    WHERE e.extname <> 'plpgsql' ORDER BY 1`,
  `SELECT count(*)::text AS n FROM pg_largeobject_metadata`,
  `SELECT rolname AS name FROM pg_roles WHERE rolname !~ '^pg_' ORDER BY 1`,
];

async function readCatalog(client: pg.Client): Promise<CatalogRows> {
  // several statements in one simple query: pg answers with one result each
  const results = (await client.query(CATALOG_QUERIES.join(';\n'))) as unknown as pg.QueryResult[];
  const rows = <T>(i: number) => results[i]!.rows as T[];
  return {
    schemas: rows<SchemaRow>(0),
    tables: rows<TableRow>(1),
    columns: rows<ColumnRow>(2),
    sequences: rows<SequenceRow>(3),
    extensions: rows<ExtensionEntry>(4),
    largeObjects: rows<{ n: string }>(5)[0]!.n,
    roles: rows<SchemaRow>(6),
  };
}

type CatalogFilter = { schemas: string[]; excludeTables: string[] };

/** The catalog from its rows, with the backup's schema and table filter applied (pure). */
function assembleCatalog(rows: CatalogRows, filter: CatalogFilter): Catalog {
  const selected = selectedBy(filter);
  const columnsOf = new Map<string, ColumnInfo[]>();
  for (const c of rows.columns) {
    const k = `${c.schema}.${c.table}`;
    if (!columnsOf.has(k)) columnsOf.set(k, []);
    columnsOf.get(k)!.push({ name: c.name, type: c.type });
  }
  const kinds: Record<string, TableEntry['kind']> = { r: 'table', p: 'partitioned', m: 'matview' };
  return {
    schemas: rows.schemas.map((r) => r.name).filter((s) => selected.schema(s)),
    tables: rows.tables
      .filter((t) => selected.table(t.schema, t.name))
      .map((t) => ({
        schema: t.schema,
        name: t.name,
        kind: kinds[t.kind]!,
        rows: t.kind === 'r' ? Number(t.estimate) : null,
        columns: columnsOf.get(`${t.schema}.${t.name}`) ?? [],
      })),
    sequences: rows.sequences
      .filter((s) => selected.schema(s.schema))
      .map((s) => ({ schema: s.schema, name: s.name, lastValue: s.last_value })),
    extensions: rows.extensions,
    // pg_dump leaves large objects out when --schema is given
    largeObjects: filter.schemas.length ? 0 : Number(rows.largeObjects),
    roles: rows.roles.map((r) => r.name),
  };
}

/** Structure and planner estimates; exact counts come from countRows. */
export async function describeCatalog(
  client: pg.Client,
  filter: CatalogFilter = { schemas: [], excludeTables: [] },
): Promise<Catalog> {
  return assembleCatalog(await readCatalog(client), filter);
}

/**
 * Exact row counts of every table whose rows are in the dump (ONLY: each partition and child counts itself). `known`:
 * counts already taken of tables whose rows can no longer change, by "schema.name".
 */
export async function countRows(
  client: pg.Client,
  tables: TableEntry[],
  known?: ReadonlyMap<string, number>,
): Promise<TableEntry[]> {
  const out: TableEntry[] = [];
  for (const t of tables) {
    if (t.kind !== 'table') {
      // partitioned: rows live in the partitions; matview: re-created by REFRESH on restore, not copied
      out.push({ ...t, rows: null });
      continue;
    }
    const taken = known?.get(`${t.schema}.${t.name}`);
    if (taken !== undefined) {
      out.push({ ...t, rows: taken });
      continue;
    }
    const { rows } = await client.query<{ n: string }>(
      `SELECT count(*)::text AS n FROM ONLY ${quoteIdent(t.schema)}.${quoteIdent(t.name)}`,
    );
    out.push({ ...t, rows: Number(rows[0]!.n) });
  }
  return out;
}
