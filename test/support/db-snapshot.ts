/**
 * A deterministic, comparable description of a database's schema and contents, for round-trip tests:
 *
 *   expect(await snapshotDatabase(pg(18), restored)).toEqual(await snapshotDatabase(pg(15), original));
 *
 * Designed to be equal across PostgreSQL majors (15 -> 18): no OIDs of catalog objects, no view
 * definitions as text (pretty-printing changes between majors), no NOT NULL constraint rows (PG 18
 * catalogs them as constraints; column `notNull` covers them), no owners/ACLs, no statistics.
 * Objects that belong to extensions are left out (their extension + version is recorded instead).
 * Row contents are compared through an md5 over the md5 of every row's text form, sorted, computed
 * in a session with fixed TimeZone/DateStyle/IntervalStyle/bytea_output/extra_float_digits.
 */
import pg from 'pg';

export interface TableSnapshot {
  /** 'table' | 'partitioned table' */
  kind: string;
  unlogged: boolean;
  /** `name type [not null] [default …] [generated …] [identity …]`, in column order */
  columns: string[];
  rowCount: number;
  /** md5 over the sorted md5s of every row's text form (null for an empty table) */
  rowsMd5: string | null;
  /** `name: definition` of PK/unique/FK/check/exclusion constraints, sorted */
  constraints: string[];
  /** pg_get_indexdef of every index, sorted */
  indexes: string[];
  /** pg_get_triggerdef of every user trigger, sorted */
  triggers: string[];
  /** partition key (partitioned tables) */
  partitionKey: string | null;
  /** partition bound (partitions), e.g. `FOR VALUES FROM (...) TO (...)` */
  partitionBound: string | null;
}

export interface RelationContents {
  rowCount: number;
  rowsMd5: string | null;
}

export interface DbSnapshot {
  schemas: string[];
  /** `name version` (or just `name` with `{ extensionVersions: false }`), sorted */
  extensions: string[];
  /** qualified type name -> labels in sort order */
  enums: Record<string, string[]>;
  /** qualified domain name -> base type, not null, default, check constraints */
  domains: Record<string, { baseType: string; notNull: boolean; default: string | null; checks: string[] }>;
  /** qualified composite type name -> `attr type` list (standalone composite types only) */
  compositeTypes: Record<string, string[]>;
  /** qualified table name (quote_ident style, e.g. `"Sales Data"."Order Items"`) -> table snapshot */
  tables: Record<string, TableSnapshot>;
  views: Record<string, RelationContents & { columns: string[] }>;
  materializedViews: Record<string, RelationContents & { populated: boolean; columns: string[]; indexes: string[] }>;
  /** qualified sequence name -> state (bigint values as strings) */
  sequences: Record<
    string,
    { lastValue: string; isCalled: boolean; start: string; increment: string; min: string; max: string; cycle: boolean }
  >;
  /** `schema.name(args) returns result lang volatility md5(body)`, sorted */
  functions: string[];
  largeObjects: {
    count: number;
    /** sorted */
    oids: number[];
    /** md5 of each large object's content, sorted (compare by content regardless of OIDs) */
    contentMd5s: string[];
    /** oid -> md5 of content */
    byOid: Record<string, string>;
  };
  /** `kind name` -> comment, for user objects (schemas, relations, columns, types, functions, large objects) */
  comments: Record<string, string>;
}

export interface SnapshotOptions {
  /** Record extension versions (default true). Turn off when comparing across majors with an
   *  extension whose default version differs (e.g. pgcrypto 1.3 in PG 15, 1.4 in PG 18). */
  extensionVersions?: boolean;
}

const USER_NS = `n.nspname NOT IN ('pg_catalog', 'information_schema', 'pg_toast')
  AND n.nspname NOT LIKE 'pg_temp_%' AND n.nspname NOT LIKE 'pg_toast_temp_%'`;

/** objid belongs to an extension (classid given as a regclass literal) */
const notExtensionMember = (classid: string, objid: string) =>
  `NOT EXISTS (SELECT 1 FROM pg_depend d WHERE d.classid = '${classid}'::regclass AND d.objid = ${objid} AND d.deptype = 'e')`;

export async function snapshotDatabase(
  server: { url(db?: string): string },
  db: string,
  options: SnapshotOptions = {},
): Promise<DbSnapshot> {
  const client = new pg.Client({ connectionString: server.url(db) });
  await client.connect();
  // biome-ignore lint/suspicious/noExplicitAny: rows of ad-hoc catalog queries, typed by each caller
  const q = async <R = any>(sql: string, params?: unknown[]): Promise<R[]> =>
    (await client.query(sql, params)).rows as R[];
  try {
    await client.query(`SET TimeZone = 'UTC'; SET DateStyle = 'ISO, MDY'; SET IntervalStyle = 'postgres';
      SET bytea_output = 'hex'; SET extra_float_digits = 1; SET search_path = pg_catalog;
      SET lc_monetary = 'C'; SET default_transaction_read_only = on`);

    const schemas = (
      await q<{ nspname: string }>(`SELECT n.nspname FROM pg_namespace n
        WHERE ${USER_NS} AND ${notExtensionMember('pg_namespace', 'n.oid')} ORDER BY 1`)
    ).map((r) => r.nspname);

    const extensions = (
      await q<{ extname: string; extversion: string }>(`SELECT extname, extversion FROM pg_extension ORDER BY 1`)
    ).map((r) => (options.extensionVersions === false ? r.extname : `${r.extname} ${r.extversion}`));

    const enums: DbSnapshot['enums'] = {};
    for (const r of await q<{ name: string; labels: string[] }>(`
      SELECT format('%I.%I', n.nspname, t.typname) AS name,
             array_agg(e.enumlabel ORDER BY e.enumsortorder) AS labels
      FROM pg_type t JOIN pg_namespace n ON n.oid = t.typnamespace JOIN pg_enum e ON e.enumtypid = t.oid
      WHERE ${USER_NS} AND ${notExtensionMember('pg_type', 't.oid')}
      GROUP BY 1 ORDER BY 1`)) {
      enums[r.name] = r.labels;
    }

    const domains: DbSnapshot['domains'] = {};
    for (const r of await q<{ name: string; base: string; notnull: boolean; def: string | null; checks: string[] }>(`
      SELECT format('%I.%I', n.nspname, t.typname) AS name,
             format_type(t.typbasetype, t.typtypmod) AS base, t.typnotnull AS notnull, t.typdefault AS def,
             coalesce((SELECT array_agg(c.conname || ': ' || pg_get_constraintdef(c.oid) ORDER BY c.conname)
                       FROM pg_constraint c WHERE c.contypid = t.oid AND c.contype = 'c'), '{}') AS checks
      FROM pg_type t JOIN pg_namespace n ON n.oid = t.typnamespace
      WHERE t.typtype = 'd' AND ${USER_NS} AND ${notExtensionMember('pg_type', 't.oid')}
      ORDER BY 1`)) {
      domains[r.name] = { baseType: r.base, notNull: r.notnull, default: r.def, checks: r.checks };
    }

    const compositeTypes: DbSnapshot['compositeTypes'] = {};
    for (const r of await q<{ name: string; attrs: string[] }>(`
      SELECT format('%I.%I', n.nspname, t.typname) AS name,
             array_agg(format('%I %s', a.attname, format_type(a.atttypid, a.atttypmod)) ORDER BY a.attnum) AS attrs
      FROM pg_type t JOIN pg_namespace n ON n.oid = t.typnamespace
        JOIN pg_class c ON c.oid = t.typrelid AND c.relkind = 'c'
        JOIN pg_attribute a ON a.attrelid = c.oid AND a.attnum > 0 AND NOT a.attisdropped
      WHERE ${USER_NS} AND ${notExtensionMember('pg_type', 't.oid')}
      GROUP BY 1 ORDER BY 1`)) {
      compositeTypes[r.name] = r.attrs;
    }

    // all relations of interest, with their column descriptions
    const rels = await q<{
      oid: number;
      name: string;
      relkind: string;
      relpersistence: string;
      ispopulated: boolean;
      partkey: string | null;
      partbound: string | null;
      columns: string[] | null;
    }>(`
      SELECT c.oid::int AS oid, format('%I.%I', n.nspname, c.relname) AS name, c.relkind, c.relpersistence,
             c.relispopulated AS ispopulated,
             CASE WHEN c.relkind = 'p' THEN pg_get_partkeydef(c.oid) END AS partkey,
             CASE WHEN c.relispartition THEN pg_get_expr(c.relpartbound, c.oid) END AS partbound,
             (SELECT array_agg(
                       format('%I %s', a.attname, format_type(a.atttypid, a.atttypmod))
                       || CASE WHEN a.attnotnull THEN ' not null' ELSE '' END
                       || CASE WHEN a.attgenerated <> '' THEN ' generated ' || a.attgenerated::text || ' as ' || pg_get_expr(ad.adbin, ad.adrelid)
                               WHEN ad.adbin IS NOT NULL THEN ' default ' || pg_get_expr(ad.adbin, ad.adrelid)
                               ELSE '' END
                       || CASE WHEN a.attidentity <> '' THEN ' identity ' || a.attidentity::text ELSE '' END
                       ORDER BY a.attnum)
              FROM pg_attribute a LEFT JOIN pg_attrdef ad ON ad.adrelid = a.attrelid AND ad.adnum = a.attnum
              WHERE a.attrelid = c.oid AND a.attnum > 0 AND NOT a.attisdropped) AS columns
      FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace
      WHERE c.relkind IN ('r', 'p', 'v', 'm', 'S') AND ${USER_NS}
        AND ${notExtensionMember('pg_class', 'c.oid')}
      ORDER BY 2`);

    const contents = async (name: string): Promise<RelationContents> => {
      const [r] = await q<{ n: number; md5: string | null }>(`
        SELECT count(*)::int AS n,
               md5(string_agg(h, '' ORDER BY h COLLATE "C")) AS md5
        FROM (SELECT md5(t::text) AS h FROM ${name} t) s`);
      return { rowCount: r!.n, rowsMd5: r!.md5 };
    };
    const listOf = async (sql: string, oid: number): Promise<string[]> =>
      (await q<{ d: string }>(sql, [oid])).map((r) => r.d).sort();

    const tables: DbSnapshot['tables'] = {};
    const views: DbSnapshot['views'] = {};
    const materializedViews: DbSnapshot['materializedViews'] = {};
    const sequences: DbSnapshot['sequences'] = {};
    const indexSql = `SELECT pg_get_indexdef(indexrelid) AS d FROM pg_index WHERE indrelid = $1`;
    for (const rel of rels) {
      const columns = rel.columns ?? [];
      if (rel.relkind === 'r' || rel.relkind === 'p') {
        tables[rel.name] = {
          kind: rel.relkind === 'p' ? 'partitioned table' : 'table',
          unlogged: rel.relpersistence === 'u',
          columns,
          ...(await contents(rel.name)),
          constraints: await listOf(
            `SELECT conname || ': ' || pg_get_constraintdef(oid) AS d FROM pg_constraint
             WHERE conrelid = $1 AND contype IN ('p', 'u', 'f', 'c', 'x')`,
            rel.oid,
          ),
          indexes: await listOf(indexSql, rel.oid),
          triggers: await listOf(
            `SELECT pg_get_triggerdef(oid) AS d FROM pg_trigger WHERE tgrelid = $1 AND NOT tgisinternal`,
            rel.oid,
          ),
          partitionKey: rel.partkey,
          partitionBound: rel.partbound,
        };
      } else if (rel.relkind === 'v') {
        views[rel.name] = { columns, ...(await contents(rel.name)) };
      } else if (rel.relkind === 'm') {
        materializedViews[rel.name] = {
          columns,
          populated: rel.ispopulated,
          ...(rel.ispopulated ? await contents(rel.name) : { rowCount: 0, rowsMd5: null }),
          indexes: await listOf(indexSql, rel.oid),
        };
      } else if (rel.relkind === 'S') {
        const [s] = await q<{ last_value: string; is_called: boolean }>(
          `SELECT last_value::text, is_called FROM ${rel.name}`,
        );
        const [def] = await q<{ start: string; inc: string; min: string; max: string; cycle: boolean }>(
          `SELECT seqstart::text AS start, seqincrement::text AS inc, seqmin::text AS min, seqmax::text AS max,
                  seqcycle AS cycle FROM pg_sequence WHERE seqrelid = $1`,
          [rel.oid],
        );
        sequences[rel.name] = {
          lastValue: s!.last_value,
          isCalled: s!.is_called,
          start: def!.start,
          increment: def!.inc,
          min: def!.min,
          max: def!.max,
          cycle: def!.cycle,
        };
      }
    }

    const functions = (
      await q<{ d: string }>(`
        SELECT format('%I.%I(%s) returns %s %s %s %s', n.nspname, p.proname, pg_get_function_identity_arguments(p.oid),
                      coalesce(pg_get_function_result(p.oid), ''), l.lanname, p.provolatile, md5(p.prosrc)) AS d
        FROM pg_proc p JOIN pg_namespace n ON n.oid = p.pronamespace JOIN pg_language l ON l.oid = p.prolang
        WHERE ${USER_NS} AND ${notExtensionMember('pg_proc', 'p.oid')}`)
    )
      .map((r) => r.d)
      .sort();

    const los = await q<{ oid: number; md5: string }>(
      `SELECT oid::bigint::float8 AS oid, md5(lo_get(oid)) AS md5 FROM pg_largeobject_metadata ORDER BY oid`,
    );
    const largeObjects: DbSnapshot['largeObjects'] = {
      count: los.length,
      oids: los.map((l) => Number(l.oid)).sort((a, b) => a - b),
      contentMd5s: los.map((l) => l.md5).sort(),
      byOid: Object.fromEntries(los.map((l) => [String(l.oid), l.md5])),
    };

    const comments: DbSnapshot['comments'] = {};
    for (const r of await q<{ k: string; description: string }>(`
      SELECT 'schema ' || quote_ident(n.nspname) AS k, d.description
        FROM pg_description d JOIN pg_namespace n ON d.classoid = 'pg_namespace'::regclass AND d.objoid = n.oid
        WHERE ${USER_NS} AND ${notExtensionMember('pg_namespace', 'n.oid')} AND n.nspname <> 'public'
      UNION ALL
      SELECT CASE WHEN d.objsubid = 0 THEN 'relation ' || format('%I.%I', n.nspname, c.relname)
                  ELSE 'column ' || format('%I.%I.%I', n.nspname, c.relname, a.attname) END, d.description
        FROM pg_description d JOIN pg_class c ON d.classoid = 'pg_class'::regclass AND d.objoid = c.oid
          JOIN pg_namespace n ON n.oid = c.relnamespace
          LEFT JOIN pg_attribute a ON a.attrelid = c.oid AND a.attnum = d.objsubid AND d.objsubid > 0
        WHERE ${USER_NS} AND ${notExtensionMember('pg_class', 'c.oid')}
      UNION ALL
      SELECT 'type ' || format('%I.%I', n.nspname, t.typname), d.description
        FROM pg_description d JOIN pg_type t ON d.classoid = 'pg_type'::regclass AND d.objoid = t.oid
          JOIN pg_namespace n ON n.oid = t.typnamespace
        WHERE ${USER_NS} AND ${notExtensionMember('pg_type', 't.oid')}
      UNION ALL
      SELECT 'function ' || format('%I.%I(%s)', n.nspname, p.proname, pg_get_function_identity_arguments(p.oid)),
             d.description
        FROM pg_description d JOIN pg_proc p ON d.classoid = 'pg_proc'::regclass AND d.objoid = p.oid
          JOIN pg_namespace n ON n.oid = p.pronamespace
        WHERE ${USER_NS} AND ${notExtensionMember('pg_proc', 'p.oid')}
      UNION ALL
      SELECT 'large object ' || d.objoid::text, d.description
        FROM pg_description d WHERE d.classoid = 'pg_largeobject'::regclass
      UNION ALL
      SELECT 'constraint ' || c.conname || ' on ' || coalesce(c.conrelid::regclass::text, c.contypid::regtype::text),
             d.description
        FROM pg_description d JOIN pg_constraint c ON d.classoid = 'pg_constraint'::regclass AND d.objoid = c.oid
      ORDER BY 1`)) {
      comments[r.k] = r.description;
    }

    return {
      schemas,
      extensions,
      enums,
      domains,
      compositeTypes,
      tables,
      views,
      materializedViews,
      sequences,
      functions,
      largeObjects,
      comments,
    };
  } finally {
    await client.end().catch(() => undefined);
  }
}
