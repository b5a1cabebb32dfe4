/** Command lines for the pg tools (pure). The password is never here: it travels in PGPASSWORD. */
import type { Format } from '../model/naming.js';

export function pgDumpArgs(o: {
  dbUrl: string;
  format: Format;
  excludeTables: string[];
  schemas: string[];
  snapshot?: string;
  /**
   * Custom format only: the archive also carries the database's own properties (owner, encoding, locale, comment,
   * ALTER DATABASE … SET), restored only when pg_restore is asked to create the database; a restore into an existing
   * database (-d) skips them, so this changes nothing for it. A plain dump would CREATE and \connect: not for plain.
   */
  create?: boolean;
  /** One part of a multi-stream backup: the schema only, or the data only of these tables or of all but these. */
  part?: { schemaOnly?: boolean; dataOnly?: boolean; tables?: string[]; excludeTableData?: string[] };
  /** A line on stderr as each table's rows begin (progress); custom format only: a plain dump would carry comments. */
  verbose?: boolean;
}): string[] {
  const p = o.part ?? {};
  return [
    `--dbname=${o.dbUrl}`,
    '--no-password',
    // custom archives are written uncompressed and compressed by us: faster than pg_dump's built-in gzip
    ...(o.format === 'custom' ? ['--format=custom', '--compress=0'] : ['--format=plain', '--clean', '--if-exists']),
    ...o.schemas.map((s) => `--schema=${s}`),
    ...o.excludeTables.map((t) => `--exclude-table=${t}`),
    ...(o.snapshot ? [`--snapshot=${o.snapshot}`] : []),
    ...(o.create && o.format === 'custom' && !p.dataOnly ? ['--create'] : []),
    ...(p.schemaOnly ? ['--schema-only'] : []),
    ...(p.dataOnly ? ['--data-only'] : []),
    ...(p.tables ?? []).map((t) => `--table=${t}`),
    ...(p.excludeTableData ?? []).map((t) => `--exclude-table-data=${t}`),
    ...(o.verbose && o.format === 'custom' ? ['--verbose'] : []),
  ];
}

export interface RestoreFlags {
  clean: boolean;
  noOwner: boolean;
  noAcl: boolean;
  jobs: number;
  singleTransaction: boolean;
  /** pg_restore's selection: only these tables / schemas, only the schema or only the data. */
  tables?: string[];
  schemas?: string[];
  schemaOnly?: boolean;
  dataOnly?: boolean;
  /** Create the database the archive names, with its properties (pg_restore --create; --dbname is then any database). */
  create?: boolean;
}

/** pg_restore's table-of-contents filters (also given to pg_restore --list, which then lists only what is chosen). */
export function selectionArgs(
  o: Pick<RestoreFlags, 'tables' | 'schemas' | 'schemaOnly' | 'dataOnly' | 'create'>,
): string[] {
  return [
    ...(o.schemas ?? []).map((s) => `--schema=${s}`),
    ...(o.tables ?? []).map((t) => `--table=${t}`),
    ...(o.schemaOnly ? ['--schema-only'] : []),
    ...(o.dataOnly ? ['--data-only'] : []),
    ...(o.create ? ['--create'] : []),
  ];
}

/** pg_restore reading a file, or stdin when `file` is undefined. */
export function pgRestoreArgs(o: RestoreFlags & { dbUrl: string; file?: string }): string[] {
  return [
    `--dbname=${o.dbUrl}`,
    '--no-password',
    '--exit-on-error',
    ...(o.clean ? ['--clean', '--if-exists'] : []),
    ...(o.noOwner ? ['--no-owner'] : []),
    ...(o.noAcl ? ['--no-acl'] : []),
    ...(o.jobs > 1 ? [`--jobs=${o.jobs}`] : []),
    ...(o.singleTransaction ? ['--single-transaction'] : []),
    ...selectionArgs(o),
    ...(o.file ? [o.file] : []),
  ];
}

/** psql running a plain dump from stdin; stops at the first error. */
export function psqlRestoreArgs(o: { dbUrl: string; singleTransaction: boolean }): string[] {
  return [
    `--dbname=${o.dbUrl}`,
    '--no-password',
    '--no-psqlrc',
    '--quiet',
    '--set=ON_ERROR_STOP=1',
    ...(o.singleTransaction ? ['--single-transaction'] : []),
  ];
}
