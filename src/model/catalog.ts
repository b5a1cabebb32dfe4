/** What a database holds and what its server is, as the backup describes it (the manifest's catalog). */

export interface ColumnInfo {
  name: string;
  type: string;
}

export interface TableEntry {
  schema: string;
  name: string;
  /** 'table' (its rows are in the dump) | 'partitioned' (rows live in its partitions) | 'matview' (refreshed on restore) */
  kind: 'table' | 'partitioned' | 'matview';
  /** Exact (row-counts: exact), planner estimate, or null (off). */
  rows: number | null;
  columns: ColumnInfo[];
}

interface SequenceEntry {
  schema: string;
  name: string;
  /** As text: bigint. null when never called. */
  lastValue: string | null;
}

export interface ExtensionEntry {
  name: string;
  version: string;
  schema: string;
}

export interface Catalog {
  schemas: string[];
  tables: TableEntry[];
  sequences: SequenceEntry[];
  extensions: ExtensionEntry[];
  largeObjects: number;
  /** Roles of the cluster (names only): a restore drill creates the missing ones so owners and grants apply. */
  roles: string[];
}

export type RowCounts = 'exact' | 'estimate' | 'off';

export interface ServerInfo {
  version: string;
  versionNum: number;
  major: number;
  databaseSize: number;
}

export interface StreamResult {
  /** Bytes written to the sink (stored size). */
  bytes: number;
  /** Bytes pg_dump produced; undefined when the compressor did not report them. */
  rawBytes?: number;
  sha256: string;
}
