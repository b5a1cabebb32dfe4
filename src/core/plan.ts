/** Pure decisions taken before a backup starts. */
export const MIB = 2 ** 20;
export const AUTO_MIN_PART = 8 * MIB;
const MAX_PARTS = 10_000;

/**
 * Part size so that 10,000 parts cover at least the database's on-disk size (an uncompressed dump can be larger
 * than the data — bytea doubles as hex — so `none` gets twice the room), never below 8 MiB (the AWS CLI's part size; memory is about part size × (queue + 2)), rounded to a MiB.
 */
export function choosePartSize(
  databaseSize: number,
  compression: 'zstd' | 'gzip' | 'none',
  override?: number,
  maxParts = MAX_PARTS,
): number {
  if (override) return override;
  const cover = compression === 'none' ? databaseSize * 2 : databaseSize;
  // maxParts: the provider's limit (Scaleway: 1,000)
  const needed = Math.ceil(cover / maxParts / MIB) * MIB;
  return Math.max(AUTO_MIN_PART, needed);
}

/** "application_name" style key-value tags → S3 Tagging header. */
export function taggingHeader(tags: Record<string, string>): string | undefined {
  const entries = Object.entries(tags);
  if (!entries.length) return undefined;
  return entries.map(([k, v]) => `${encodeURIComponent(k)}=${encodeURIComponent(v)}`).join('&');
}
