/** The recent backups of one database, read from their manifests: the points of its size trend. */
import type { S3Client } from '@aws-sdk/client-s3';
import { errorMessage } from '../core/errors.js';
import { parseManifest } from '../core/manifest.js';
import { manifestKey, parseBackupKey } from '../core/naming.js';
import type { Logger } from '../model/context.js';
import type { CommonOptions } from '../model/options.js';
import type { TrendPoint } from '../model/results.js';
import type { ObjectInfo } from '../model/objects.js';
import { backupsIn } from '../core/select.js';
import { getText, listAll } from '../s3/objects.js';

/**
 * The `count − 1` backups before `key` of the same database and environment that have a manifest, oldest first:
 * with `key` itself (its caller adds it from the manifest it holds), the last `count`. Sizes come from the manifests
 * (the listing cannot tell the dump size).
 */
export async function readTrend(
  o: CommonOptions,
  s3: S3Client,
  key: string,
  count: number,
  log: Logger,
  listed?: ObjectInfo[],
): Promise<TrendPoint[]> {
  if (count <= 0) return [];
  const stem = parseBackupKey(key)?.stem;
  // the listing alone (no latest pointer to read), or the one the backup took before its upload; the backup itself is
  // not read back: its caller has its manifest
  const objects = listed ?? (await listAll(s3, o.s3.bucket, o.s3.prefix));
  const backups = backupsIn(objects, { name: o.name, environment: o.environment });
  const entries = backups
    .filter((b) => b.hasManifest && b.key !== key && (stem === undefined || b.stem === stem))
    .slice(0, count - 1);
  const points: TrendPoint[] = [];
  // a few at a time: the trend is a courtesy and must not hammer the bucket
  for (let i = 0; i < entries.length; i += 4) {
    const batch = await Promise.all(
      entries.slice(i, i + 4).map(async (e) => {
        try {
          const m = parseManifest((await getText(s3, o.s3.bucket, manifestKey(e.key))) ?? '');
          return { key: e.key, at: m.startedAt ?? e.at.toISOString(), size: m.size, rawSize: m.rawSize ?? null };
        } catch (err) {
          log.warning(`trend: skipping ${e.key}: its manifest is unreadable (${errorMessage(err)})`);
          return undefined;
        }
      }),
    );
    points.push(...batch.filter((p): p is TrendPoint => p !== undefined));
  }
  return points.sort((a, b) => a.at.localeCompare(b.at));
}
