/**
 * What retention adds around a backup: its tier, decided from the earlier backups before the upload; then, only after
 * the backup succeeded, retention (prune), a storage cost estimate at the real stored size and, if asked, the bucket
 * audit. None of these may undo or fail the stored backup: a prune failure is returned for the host to report after
 * the outputs are written.
 */
import type { AfterBackup } from '../model/results.js';
import type { PutObjectCommandInput, S3Client } from '@aws-sdk/client-s3';
import { audit } from '../bucket/audit.js';
import type { RunContext } from '../model/context.js';
import type { BackupOptions } from '../model/options.js';
import { taggingHeader } from '../core/plan.js';
import { listAll } from '../s3/objects.js';
import type { ObjectInfo } from '../model/objects.js';
import { backupsIn } from '../core/select.js';
import { price, simulate } from '../core/retention/cost.js';
import { DEFAULT_NONCURRENT_DAYS, tierPlans } from '../core/retention/lifecycle-rules.js';
import { DEFAULT_POLICY, describePolicy, TIER_TAG, tierFor } from '../core/retention/policy.js';
import type { Tier } from '../model/retention.js';
import { prune, pruneText } from './prune.js';
import { errorMessage } from '../core/errors.js';

/**
 * The backups of one run (a database and its globals, a set's members) share the run's key time, one Date object:
 * they share one listing of the prefix too, taken by the first of them (a failed listing is not kept: the next asks
 * again). The earlier backups it finds are the same for all of them.
 */
const listings = new WeakMap<Date, Map<string, Promise<ObjectInfo[]>>>();
function listedOnce(at: Date, where: string, list: () => Promise<ObjectInfo[]>): Promise<ObjectInfo[]> {
  const run = listings.get(at) ?? new Map<string, Promise<ObjectInfo[]>>();
  listings.set(at, run);
  const known = run.get(where);
  if (known) return known;
  const listing = list();
  run.set(where, listing);
  listing.catch(() => run.delete(where));
  return listing;
}

const whereOf = (o: BackupOptions) => `${o.s3.endpoint ?? ''} ${o.s3.bucket} ${o.s3.prefix}`;

/** The first backup of a new year is yearly, of a new month monthly, of a new ISO week weekly; else daily. */
export async function tierBeforeUpload(s3: S3Client, o: BackupOptions, name: string, at: Date): Promise<Tier> {
  const objects = await listedOnce(at, whereOf(o), () => listAll(s3, o.s3.bucket, o.s3.prefix));
  const earlier = backupsIn(objects, { name, environment: o.environment })
    .filter((b) => b.prefix === o.s3.prefix && b.hasChecksum)
    .map((b) => b.at);
  return tierFor(at, earlier);
}

const DAY_MS = 86_400_000;

/** Upload parameters of the backup and its two sidecars: the tier tag (or metadata) and the Object Lock. */
export function tieredParams<T extends Omit<PutObjectCommandInput, 'Key' | 'Body'>>(
  o: BackupOptions,
  common: T,
  tier: Tier,
  at: Date,
): T {
  const tags = { ...o.tags, [TIER_TAG]: tier };
  const out: T = { ...common };
  if (o.s3.provider.tagging) out.Tagging = taggingHeader(tags);
  else {
    // no object tagging at this provider: the same facts as metadata (x-amz-meta-*)
    delete out.Tagging;
    out.Metadata = { ...(out.Metadata ?? {}), ...tags };
  }
  if (o.objectLock) {
    out.ObjectLockMode = o.objectLock.mode;
    out.ObjectLockRetainUntilDate = new Date(at.getTime() + o.objectLock.days[tier] * DAY_MS);
  }
  return out;
}

export async function afterBackup(
  o: BackupOptions,
  ctx: RunContext,
  s3: S3Client,
  b: { tier: Tier; size: number; name: string; at: Date },
): Promise<AfterBackup> {
  const out: AfterBackup = { tier: b.tier };
  const listing = listings.get(b.at)?.get(whereOf(o));
  if (o.retention) {
    try {
      out.prune = await prune({ ...o, name: b.name, policy: o.retention, dryRun: false }, ctx, s3);
      ctx.log.info(pruneText(out.prune));
    } catch (err) {
      out.pruneError = err as Error;
    }
  }
  try {
    const policy = o.retention ?? DEFAULT_POLICY;
    const sizeGB = b.size / 1e9;
    if (o.retention) {
      out.cost = {
        estimate: price(
          simulate({ kind: 'prune', policy }, o.storageClass, DEFAULT_NONCURRENT_DAYS),
          sizeGB,
          o.prices,
          'prune',
        ),
        policy,
        how: `retention ${describePolicy(policy)}, pruned after each daily backup`,
      };
    } else {
      const plans = tierPlans(policy, o.s3.provider, true, {
        uploadClass: o.storageClass,
        prices: o.prices,
        noncurrentDays: DEFAULT_NONCURRENT_DAYS,
      });
      const lives = simulate(
        { kind: 'lifecycle', policy, transitions: true, archive: o.s3.provider.archive, plans },
        o.storageClass,
        DEFAULT_NONCURRENT_DAYS,
      );
      out.cost = {
        estimate: price(lives, sizeGB, o.prices, 'lifecycle'),
        policy,
        how: `lifecycle rules by tier (${describePolicy(policy)}), one backup a day`,
      };
    }
  } catch (err) {
    ctx.log.warning(`no cost estimate: ${errorMessage(err)}`);
  }
  if (o.audit) {
    try {
      out.audit = await audit(o, ctx, s3);
    } catch (err) {
      ctx.log.warning(`bucket audit failed: ${errorMessage(err)}`);
    }
  }
  const listed = listing && !out.pruneError && !out.prune?.deleted ? await listing.catch(() => undefined) : undefined;
  if (listed) out.earlier = listed;
  return out;
}
