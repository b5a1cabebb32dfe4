/**
 * A backup history written straight into a bucket, as the tool would have left it over months: objects with their
 * .sha256 and .meta sidecars at chosen times (bodies are a few bytes; retention only reads keys and manifests).
 */
import { createHash } from 'node:crypto';
import { PutObjectCommand, type S3Client } from '@aws-sdk/client-s3';
import { backupKey, checksumKey, checksumLine, manifestKey } from '../../src/core/naming.js';

export interface FakeBackup {
  key: string;
  at: Date;
}

export function fakeKey(prefix: string, name: string, environment: string, at: Date): string {
  return backupKey({ prefix, name, environment, at, format: 'custom', compression: 'zstd' });
}

async function inParallel<T>(items: T[], n: number, fn: (t: T) => Promise<unknown>): Promise<void> {
  let i = 0;
  await Promise.all(
    Array.from({ length: n }, async () => {
      while (i < items.length) await fn(items[i++]!);
    }),
  );
}

/** Writes each backup (and, unless `incomplete`, its sidecars). */
export async function writeHistory(
  s3: S3Client,
  bucket: string,
  backups: Array<FakeBackup & { incomplete?: boolean }>,
): Promise<void> {
  const puts: Array<[string, string]> = [];
  for (const b of backups) {
    const body = `fake dump ${b.key}\n`;
    const sha = createHash('sha256').update(body).digest('hex');
    puts.push([b.key, body]);
    if (b.incomplete) continue;
    puts.push([checksumKey(b.key), checksumLine(sha, b.key)]);
    puts.push([
      manifestKey(b.key),
      JSON.stringify({
        schema: 's3-backup/manifest',
        version: 1,
        key: b.key,
        sha256: sha,
        size: body.length,
        startedAt: b.at.toISOString(),
      }),
    ]);
  }
  await inParallel(puts, 16, ([Key, text]) =>
    s3.send(new PutObjectCommand({ Bucket: bucket, Key, Body: Buffer.from(text) })),
  );
}

/** One backup a day at 03:00 UTC from `from`, for `days` days. */
export function dailyHistory(
  prefix: string,
  name: string,
  environment: string,
  from: string,
  days: number,
): FakeBackup[] {
  const start = Date.parse(`${from}T03:00:00Z`);
  return Array.from({ length: days }, (_, i) => {
    const at = new Date(start + i * 86_400_000);
    return { key: fakeKey(prefix, name, environment, at), at };
  });
}
