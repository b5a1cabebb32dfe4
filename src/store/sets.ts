/** The backup sets under a prefix, newest first, read from their documents (for list). */
import type { S3Client } from '@aws-sdk/client-s3';
import { latestSetPointerKey, parseBackupSet, parseSetKey } from '../core/set-format.js';
import type { BackupSet } from '../model/set.js';
import { latestKeyOf } from '../core/manifest.js';
import { normalizePrefix } from '../core/naming.js';
import { getText } from '../s3/objects.js';
import type { ObjectInfo } from '../model/objects.js';

export interface SetListing {
  sets: BackupSet[];
  /** The set sets/latest.json names. */
  latestSetKey?: string;
  /** Set documents that could not be read as one (named, not fatal). */
  unreadable: string[];
}

const READS = 8;

export async function readSets(
  s3: S3Client,
  o: { bucket: string; prefix: string; environment: string },
  objects: ObjectInfo[],
): Promise<SetListing> {
  const setsFolder = `${normalizePrefix(o.prefix) ? `${normalizePrefix(o.prefix)}/` : ''}sets/`;
  const keys = objects
    .map((x) => x.key)
    .filter((k) => k.startsWith(setsFolder) && !k.slice(setsFolder.length).includes('/'))
    .filter((k) => parseSetKey(k)?.environment === o.environment);
  const docs: Array<BackupSet | undefined> = new Array(keys.length);
  const unreadable: string[] = [];
  let next = 0;
  const worker = async () => {
    while (next < keys.length) {
      const i = next++;
      try {
        const text = await getText(s3, o.bucket, keys[i]!);
        docs[i] = text ? parseBackupSet(text) : undefined;
      } catch {
        unreadable.push(keys[i]!);
      }
    }
  };
  await Promise.all(Array.from({ length: Math.min(READS, keys.length) }, worker));
  const sets = docs.filter((d): d is BackupSet => Boolean(d)).sort(newestSetFirst);
  const pointer = await getText(s3, o.bucket, latestSetPointerKey(o.prefix));
  return { sets, latestSetKey: latestKeyOf(pointer), unreadable };
}

function newestSetFirst(a: BackupSet, b: BackupSet): number {
  const pa = parseSetKey(a.key)!;
  const pb = parseSetKey(b.key)!;
  return pb.stamp.localeCompare(pa.stamp) || pb.seq - pa.seq;
}
