// Leftover claims (a run killed outright): the pure rule, and the claim protocol against a scripted bucket whose
// clock the test sets — a claim an hour and more older than this run's own no longer holds the key.
import { DeleteObjectCommand, ListObjectsV2Command, PutObjectCommand, type S3Client } from '@aws-sdk/client-s3';
import { describe, expect, test } from 'vitest';
import { claimObjectKey } from '../../src/core/naming.js';
import { CLAIM_STALE_MS, claimedKey, staleClaims } from '../../src/core/stale-claims.js';
import { claimBackupKey } from '../../src/store/claims.js';

const T = new Date('2026-03-01T03:00:00Z');
const ago = (ms: number) => new Date(T.getTime() - ms);
const KEY = 'prod/app_prod_20260301_030000.dump.zst';

describe('staleClaims', () => {
  const claim = (run: string, at: Date, key = KEY) => ({ key: claimObjectKey(key, run), lastModified: at });
  test('older than the limit, or its backup exists: stale; a young claim of a missing backup: kept', () => {
    const objects = [
      claim('young', ago(CLAIM_STALE_MS - 1000)),
      claim('old', ago(CLAIM_STALE_MS + 1000)),
      claim('done', T, 'prod/app_prod_20260301_020000.dump.zst'),
      { key: 'prod/app_prod_20260301_020000.dump.zst', lastModified: T },
      { key: 'prod/nested/.claims/x.dump.zst/run', lastModified: ago(10 * CLAIM_STALE_MS) },
    ];
    expect(staleClaims(objects, 'prod', T)).toEqual([objects[1]!.key, objects[2]!.key]);
  });
  test('claimedKey: only claims directly under the prefix', () => {
    expect(claimedKey(claimObjectKey(KEY, 'r1'), 'prod')).toBe(KEY);
    expect(claimedKey('prod/.claims/r1', 'prod')).toBeUndefined();
    expect(claimedKey(KEY, 'prod')).toBeUndefined();
  });
});

/** A bucket in memory whose clock the test moves: PUT stamps LastModified with it. */
function scriptedBucket(clock: { now: Date }) {
  const objects = new Map<string, Date>();
  const client = {
    async send(command: unknown) {
      const input = (command as { input: { Key?: string; Prefix?: string } }).input;
      if (command instanceof PutObjectCommand) objects.set(input.Key!, clock.now);
      else if (command instanceof DeleteObjectCommand) objects.delete(input.Key!);
      else if (command instanceof ListObjectsV2Command)
        return {
          Contents: [...objects]
            .filter(([k]) => k.startsWith(input.Prefix ?? ''))
            .map(([Key, LastModified]) => ({ Key, LastModified })),
        };
      return {};
    },
  };
  return { objects, client: client as unknown as S3Client };
}

describe('claimBackupKey and a claim left by a killed run', () => {
  const keyFor = (seq: number) => (seq > 1 ? KEY.replace('.dump.zst', `_${seq}.dump.zst`) : KEY);
  const claimAt = async (leftAgo: number) => {
    const clock = { now: ago(leftAgo) };
    const bucket = scriptedBucket(clock);
    bucket.objects.set(claimObjectKey(KEY, 'killed'), clock.now);
    clock.now = T;
    const claim = await claimBackupKey(bucket.client, { bucket: 'b', keyFor, runId: 'me', sleep: async () => {} });
    return { claim, left: [...bucket.objects.keys()] };
  };
  test('a young claim still holds the key: this run steps aside to _2', async () => {
    const { claim, left } = await claimAt(60_000);
    expect(claim.key).toBe(keyFor(2));
    expect(left.sort()).toEqual([claimObjectKey(KEY, 'killed'), claimObjectKey(keyFor(2), 'me')].sort());
  });
  test('a stale claim does not: this run takes the key and removes the leftover', async () => {
    const { claim, left } = await claimAt(CLAIM_STALE_MS + 60_000);
    expect(claim.key).toBe(KEY);
    expect(left).toEqual([claimObjectKey(KEY, 'me')]);
  });
});
