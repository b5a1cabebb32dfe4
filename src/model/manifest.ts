/** The .meta document written beside every backup: the catalog it describes, and how the backup was made. */
import type { Catalog, RowCounts } from './catalog.js';
import type { Compression, Encryption, Format } from './naming.js';

export interface Manifest extends Catalog {
  schema: 's3-backup/manifest';
  version: number;
  tool: { name: 's3-backup'; version: string };
  key: string;
  database: { name: string; host: string; serverVersion: string; serverMajor: number; sizeBytes: number };
  pgDump: { version: string; major: number };
  format: Format;
  compression: { method: Compression; level: number; tool: string };
  encryption: null | { method: Encryption; recipients: string[] };
  rawSize: number | null;
  size: number;
  sha256: string;
  startedAt: string;
  finishedAt: string;
  durationSeconds: number;
  github: null | { runUrl: string; repository?: string; sha?: string; workflow?: string; ref?: string };
  storageClass: string;
  tags: Record<string, string>;
  /** Retention tier: also the object's s3-backup-tier tag. */
  tier?: 'daily' | 'weekly' | 'monthly' | 'yearly';
  /** How `tables[].rows` were taken: exact (inside pg_dump's snapshot), estimate (reltuples) or off. */
  rowCounts: RowCounts;
  /** pg_dump's exported snapshot the counts were taken in, when exact. */
  snapshot: string | null;
  options: { schemas: string[]; excludeTables: string[] };
  /**
   * The globals backup only (pg_dumpall --globals-only): the roles it holds, and whether their passwords were left
   * out because pg_authid could not be read (managed servers): such roles need their passwords set after a restore.
   */
  globals?: { roles: string[]; noRolePasswords: boolean };
  /**
   * A multi-stream backup: the object at `key` is its schema part (the whole dump but the rows of the parts' tables)
   * and these are its data parts (pg_dump --data-only of their tables), all dumped from one snapshot; `size` and
   * `sha256` above are the schema part's.
   */
  parts?: ManifestPart[];
}

/** One data part of a multi-stream backup: its own object, with its own .sha256 sidecar. */
export interface ManifestPart {
  key: string;
  size: number;
  rawSize: number | null;
  sha256: string;
  /** The tables it dumps by name ("schema.name"). */
  tables: string[];
}
