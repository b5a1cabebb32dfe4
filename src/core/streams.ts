/**
 * Multi-stream backups (pure): how many data streams, which tables each one dumps, and how their objects are named.
 * A backup of N streams is one schema part (the backup's own key: everything but the data parts' tables' rows) and N
 * data parts beside it (pg_dump --data-only of their tables), all dumped from one exported snapshot.
 */

export const GIB = 2 ** 30;
/** `auto` keeps databases under this size in one stream: below it, a second pg_dump costs more than it saves. */
const AUTO_STREAMS_MIN_SIZE = GIB;
/** `auto` never takes more data streams than this. */
const AUTO_STREAMS_MAX = 8;

/**
 * `auto`: one stream under 1 GiB; above it, one stream per started GiB, at most one per core and at most 8.
 * A number is taken as given (the partition then uses no more parts than there are tables to spread).
 */
export function chooseStreams(asked: number | 'auto', databaseSize: number, cores: number): number {
  if (asked !== 'auto') return asked;
  if (databaseSize < AUTO_STREAMS_MIN_SIZE) return 1;
  return Math.max(1, Math.min(cores, AUTO_STREAMS_MAX, Math.ceil(databaseSize / GIB)));
}

export interface SizedTable {
  schema: string;
  name: string;
  bytes: number;
}

export interface DataPart {
  /** The tables this part dumps by name (`pg_dump --data-only --table`). */
  tables: SizedTable[];
  /** The bytes it is expected to hold (its tables' on-disk sizes). */
  bytes: number;
}

/**
 * The tables spread over at most `streams` data parts by size: largest first, each into the lightest part so far (so
 * a table larger than its share ends up alone); between parts of equal size, the one with fewer tables, then the
 * lower one. Tables of equal size go by name, so the result is stable.
 * No part is empty: fewer tables than streams give fewer parts. Everything else the dump holds (the schema, large
 * objects, sequences' values, materialized views' refreshes) stays in the schema part.
 */
export function partitionTables(tables: SizedTable[], streams: number): DataPart[] {
  const sorted = tables
    .map((t) => ({ ...t, bytes: Math.max(0, t.bytes) }))
    .sort((a, b) => b.bytes - a.bytes || `${a.schema}.${a.name}`.localeCompare(`${b.schema}.${b.name}`));
  const count = Math.min(streams, sorted.length);
  const parts: DataPart[] = Array.from({ length: count }, () => ({ tables: [], bytes: 0 }));
  const lighter = (a: DataPart, b: DataPart) =>
    a.bytes < b.bytes || (a.bytes === b.bytes && a.tables.length < b.tables.length);
  for (const t of sorted) {
    const lightest = parts.reduce((best, p, i) => (lighter(p, parts[best]!) ? i : best), 0);
    parts[lightest]!.tables.push(t);
    parts[lightest]!.bytes += t.bytes;
  }
  return parts;
}

/** A name as a pg_dump pattern that matches exactly it: both parts quoted, inner quotes doubled. */
export function exactTablePattern(t: { schema: string; name: string }): string {
  const q = (s: string) => `"${s.replace(/"/g, '""')}"`;
  return `${q(t.schema)}.${q(t.name)}`;
}

const PART_RE = /^(.*)\.part-(\d{4})(\.(?:dump|sql)(?:\.(?:zst|gz))?(?:\.(?:age|gpg))?)$/;

/**
 * The key of a backup's data part `index` (1, 2 …): `.part-NNNN` before the backup key's extension, so
 * `db_prod_20250101_000000.dump.zst` has its parts at `db_prod_20250101_000000.part-0001.dump.zst` …
 */
export function partKey(key: string, ext: string, index: number): string {
  if (!key.endsWith(ext)) throw new RangeError(`${key} does not end with ${ext}`);
  if (!Number.isInteger(index) || index < 1 || index > 9999) throw new RangeError(`part index ${index} out of range`);
  return `${key.slice(0, key.length - ext.length)}.part-${String(index).padStart(4, '0')}${ext}`;
}

/** A data part's key → the key of the backup it belongs to and its index; undefined for anything else. */
export function parsePartKey(key: string): { backupKey: string; index: number } | undefined {
  const m = PART_RE.exec(key);
  if (!m || m[1]!.endsWith('/') || !m[1]) return undefined;
  return { backupKey: `${m[1]}${m[3]}`, index: Number(m[2]) };
}

/** A data part's key moved to another backup key (the copy's, named `_2` … when taken there): same index and ext. */
export function partKeyFor(part: string, backupKey: string): string {
  const m = PART_RE.exec(part);
  if (!m) throw new RangeError(`${part} is not a data part's key`);
  return partKey(backupKey, m[3]!, Number(m[2]));
}
