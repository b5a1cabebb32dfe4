/**
 * Object keys and sidecar names (pure). Keys: <prefix>/<name>_<environment>_<YYYYMMDD_HHMMSS>.<ext>;
 * a second backup of the same database in the same second gets <…_HHMMSS>_2.<ext>, a third _3, and so on (see
 * s3/claim.ts): a backup never overwrites another.
 */
export type Format = 'custom' | 'plain';

export type Compression = 'zstd' | 'gzip' | 'none';

export interface ParsedKey {
  key: string;
  prefix: string;
  /** "<name>_<environment>" — the split is ambiguous when either holds "_", so callers match it against known values. */
  stem: string;
  at: Date;
  stamp: string;
  /** 1 for the plain key, N for a key ending in _N (the N-th backup of that second). */
  seq: number;
  format: Format;
  compression: Compression;
  encryption?: Encryption;
  ext: string;
}

export type Encryption = 'age' | 'gpg';
