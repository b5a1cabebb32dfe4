/**
 * The drill records in the bucket: one object per drill under `<prefix>/drills/`, appended, never rewritten. Their
 * keys start with the reversed time (core/drill.ts), so a listing returns the newest first.
 */
import { randomBytes } from 'node:crypto';
import type { S3Client } from '@aws-sdk/client-s3';
import { drillKey, drillKeyTime, drillsPrefix, parseDrillRecord } from '../core/drill.js';
import type { DrillRecord, StoredDrill } from '../model/drill.js';
import { getText, listAll, putText } from '../s3/objects.js';

/** Writes one record; returns its key. */
export async function appendDrill(s3: S3Client, bucket: string, prefix: string, record: DrillRecord): Promise<string> {
  const what = record.database ?? (record.key.split('/').pop() ?? 'backup').replace(/\.json$/, '');
  const key = drillKey(prefix, new Date(record.finishedAt), `${record.kind}-${what}`, randomBytes(3).toString('hex'));
  await putText(
    s3,
    { Bucket: bucket, Key: key, ContentType: 'application/json' },
    `${JSON.stringify(record, null, 2)}\n`,
  );
  return key;
}

/**
 * The newest records, newest first: at most `limit`, none older than `since`. One listing of the drills folder, then
 * one read per record returned; objects that are not records are skipped.
 */
export async function readDrills(
  s3: S3Client,
  bucket: string,
  prefix: string,
  bounds: { limit: number; since?: Date },
): Promise<StoredDrill[]> {
  const listed = await listAll(s3, bucket, drillsPrefix(prefix).replace(/\/$/, ''));
  const keys = listed
    .map((o) => ({ key: o.key, at: drillKeyTime(o.key) }))
    .filter((k): k is { key: string; at: Date } => k.at !== undefined && (!bounds.since || k.at >= bounds.since))
    .sort((a, b) => b.at.getTime() - a.at.getTime() || a.key.localeCompare(b.key))
    .slice(0, bounds.limit);
  const texts = await Promise.all(keys.map((k) => getText(s3, bucket, k.key)));
  return keys.flatMap((k, i) => {
    const record = parseDrillRecord(texts[i]);
    return record ? [{ objectKey: k.key, record }] : [];
  });
}
