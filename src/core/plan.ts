/** Pure decisions taken before a backup starts. */
export const MIB = 2 ** 20;
export const AUTO_MIN_PART = 8 * MIB;
/** S3's smallest part (but the last). */
export const S3_MIN_PART = 5 * MIB;
const MAX_PARTS = 10_000;

/**
 * Part size so that 10,000 parts cover at least the database's on-disk size (an uncompressed dump can be larger
 * than the data — bytea doubles as hex — so `none` gets twice the room), never below `floor`, rounded to a MiB. The
 * floor is 8 MiB (the AWS CLI's part size; memory is about part size × (queue + 2)); the streams of a multi-stream
 * backup take S3's smallest, 5 MiB, so that their buffers together stay near one stream's (measured: peak RSS of 4
 * streams 205 MiB at 8 MiB parts, 165 MiB at 5 MiB, one stream 162–171 MiB, no slower).
 */
export function choosePartSize(
  databaseSize: number,
  compression: 'zstd' | 'gzip' | 'none',
  override?: number,
  maxParts = MAX_PARTS,
  floor = AUTO_MIN_PART,
): number {
  if (override) return override;
  const cover = compression === 'none' ? databaseSize * 2 : databaseSize;
  // maxParts: the provider's limit (Scaleway: 1,000)
  const needed = Math.ceil(cover / maxParts / MIB) * MIB;
  return Math.max(floor, needed);
}

/** "application_name" style key-value tags → S3 Tagging header. */
export function taggingHeader(tags: Record<string, string>): string | undefined {
  const entries = Object.entries(tags);
  if (!entries.length) return undefined;
  return entries.map(([k, v]) => `${encodeURIComponent(k)}=${encodeURIComponent(v)}`).join('&');
}
