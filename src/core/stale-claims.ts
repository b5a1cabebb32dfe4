/**
 * Claims that no longer guard anything (pure). A backup claims its key with <prefix>/.claims/<basename>/<run id> and
 * removes the claim when it ends; a run killed outright (SIGKILL, a runner that vanished) leaves it behind. Such a
 * claim can only ever concern runs that start in the same second as its key, so it is harmless soon after; it is
 * treated as gone once it is older than CLAIM_STALE_MS, or once its backup exists (the object guards its key itself).
 */
import { CLAIMS_FOLDER, joinKey } from './naming.js';

/** A claim older than this is a leftover: contenders ignore it, prune removes it. */
export const CLAIM_STALE_MS = 60 * 60 * 1000;

export interface ListedObject {
  key: string;
  lastModified?: Date;
}

/** Older than CLAIM_STALE_MS before `reference` (a claim without a date is never stale by age). */
export function isStale(claim: ListedObject, reference: Date): boolean {
  return !!claim.lastModified && reference.getTime() - claim.lastModified.getTime() > CLAIM_STALE_MS;
}

/** The backup key a claim directly under `prefix` is for, or undefined when `key` is not such a claim. */
export function claimedKey(key: string, prefix: string): string | undefined {
  const folder = joinKey(prefix, `${CLAIMS_FOLDER}/`);
  if (!key.startsWith(folder)) return undefined;
  const rest = key.slice(folder.length).split('/');
  return rest.length === 2 && rest[0] && rest[1] ? joinKey(prefix, rest[0]) : undefined;
}

/** The leftover claims among the objects under a prefix: stale by age at `now`, or their backup exists. */
export function staleClaims(objects: ListedObject[], prefix: string, now: Date): string[] {
  const present = new Set(objects.map((o) => o.key));
  return objects
    .filter((o) => {
      const claimed = claimedKey(o.key, prefix);
      return claimed !== undefined && (present.has(claimed) || isStale(o, now));
    })
    .map((o) => o.key);
}
