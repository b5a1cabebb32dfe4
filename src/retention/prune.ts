/**
 * prune: the retention policy applied to the backups under a prefix. Only keys this tool wrote (a backup key of the
 * configured environment, its .sha256 and .meta) directly under the prefix are ever touched; backups are grouped per
 * database; the newest good backup and the one latest.json names always stay; a backup that Object Lock protects is
 * "kept, locked", never a failure. Objects go first, then their sidecars, so an interrupted prune leaves at worst
 * an orphaned sidecar (removed by the next run), never a backup without its checksum.
 */
import { plural } from '../core/format.js';
import type { PlannedBackup } from '../model/results.js';
import type { PruneResult } from '../model/results.js';
import type { S3Client } from '@aws-sdk/client-s3';
import type { RunContext } from '../model/context.js';
import { UserError } from '../core/errors.js';
import { latestKeyOf, parseManifest } from '../core/manifest.js';
import { basename, checksumKey, latestPointerKey, manifestKey, parseBackupKey } from '../core/naming.js';
import { parsePartKey } from '../core/streams.js';
import type { CommonOptions } from '../model/options.js';
import { deleteMany, objectLockOf } from '../s3/bucket.js';
import { clientFor } from '../s3/client.js';
import { describeS3Error, s3ErrorsOf } from '../s3/describe-error.js';
import { getText, listAll } from '../s3/objects.js';
import type { ObjectInfo } from '../model/objects.js';
import { backupsIn } from '../core/select.js';
import type { BackupEntry } from '../model/objects.js';
import { staleClaims } from '../core/stale-claims.js';
import { describePolicy, formatReason, selectRetention } from '../core/retention/policy.js';
import type { RetentionPolicy } from '../model/retention.js';

export interface PruneRequest extends CommonOptions {
  policy: RetentionPolicy;
  dryRun: boolean;
}

const MANIFEST_READS = 8;

async function mapLimit<T, R>(items: T[], limit: number, fn: (t: T) => Promise<R>): Promise<R[]> {
  const out: R[] = new Array(items.length);
  let next = 0;
  await Promise.all(
    Array.from({ length: Math.min(limit, items.length) }, async () => {
      while (next < items.length) {
        const i = next++;
        out[i] = await fn(items[i]!);
      }
    }),
  );
  return out;
}

/** The plan line for one backup: "keep   <key>  newest good backup, keep-daily #1 (2025-01-03)". */
function planLine(b: PlannedBackup, dryRun: boolean): string {
  if (b.locked) return `keep    ${b.key}  locked: ${b.locked}`;
  if (b.keep) return `keep    ${b.key}  ${b.reasons.map(formatReason).join(', ')}`;
  const verb = dryRun ? 'delete' : b.deleted ? 'deleted' : 'delete';
  return `${verb.padEnd(7)} ${b.key}  ${b.why === 'incomplete' ? 'incomplete (no checksum sidecar)' : 'no rule keeps it'}`;
}

export async function prune(o: PruneRequest, ctx: RunContext, client?: S3Client): Promise<PruneResult> {
  const s3 = client ?? clientFor(ctx, o.s3);
  const found = await readBackups(s3, o);
  const { plan, orphans } = planPrune(found, o, ctx.now());
  ctx.log.info(
    `retention: ${describePolicy(o.policy)}; ${plural(found.entries.length, 'backup')} under s3://${o.s3.bucket}/${o.s3.prefix}/` +
      (found.latestKey ? `, latest.json → ${found.latestKey}` : ''),
  );
  const doomed = plan.filter((b) => !b.keep);
  if (!o.dryRun && (doomed.length || orphans.length))
    await applyPrune(s3, o, ctx, { doomed, orphans, present: new Set(found.objects.map((x) => x.key)) });
  const claims = staleClaims(found.objects, o.s3.prefix, ctx.now());
  if (!o.dryRun) await deleteLeftovers(s3, o, ctx, claims, 'leftover claims');
  const locked = plan.filter((b) => b.locked).length;
  const deleted = plan.filter((b) => b.deleted).length;
  const kept = plan.length - (o.dryRun ? doomed.length : deleted);
  return { plan, kept, deleted, locked, orphans, claims, dryRun: o.dryRun };
}

interface Found {
  objects: ObjectInfo[];
  entries: BackupEntry[];
  /** Each entry's time: from its manifest, else from its key. */
  times: Date[];
  latestKey?: string;
}

/** Every object under the prefix, the backups among them with their times, and what latest.json names. */
async function readBackups(s3: S3Client, o: PruneRequest): Promise<Found> {
  const bucket = o.s3.bucket;
  const s3Error = s3ErrorsOf(o.s3);
  let objects: ObjectInfo[];
  let pointer: string | undefined;
  try {
    [objects, pointer] = await Promise.all([
      listAll(s3, bucket, o.s3.prefix),
      getText(s3, bucket, latestPointerKey(o.s3.prefix)),
    ]);
  } catch (err) {
    throw s3Error(err, 'listing', o.s3.prefix);
  }
  // only backups directly under the prefix: a nested folder belongs to another configuration
  const entries = backupsIn(objects, { name: o.name, environment: o.environment, withGlobals: true }).filter(
    (e) => e.prefix === o.s3.prefix,
  );
  const times = await mapLimit(entries, MANIFEST_READS, async (e) => {
    if (!e.hasManifest) return e.at;
    try {
      const text = await getText(s3, bucket, manifestKey(e.key));
      const started = text ? Date.parse(parseManifest(text).startedAt) : NaN;
      return Number.isNaN(started) ? e.at : new Date(started);
    } catch (err) {
      if (describeS3Error(err, { bucket, action: 'reading' }) instanceof UserError)
        throw s3Error(err, 'reading', manifestKey(e.key));
      return e.at; // an unreadable manifest: the key's time
    }
  });
  return { objects, entries, times, latestKey: latestKeyOf(pointer) };
}

/** The plan (pure): per database the policy's decision for each backup, and the sidecars whose backup is gone. */
function planPrune(
  found: Found,
  o: Pick<PruneRequest, 'policy' | 'name' | 'environment' | 's3'>,
  now: Date,
): { plan: PlannedBackup[]; orphans: string[] } {
  const byStem = new Map<string, Array<{ key: string; at: Date; good: boolean }>>();
  found.entries.forEach((e, i) => {
    const list = byStem.get(e.stem) ?? [];
    list.push({ key: e.key, at: found.times[i]!, good: e.hasChecksum });
    byStem.set(e.stem, list);
  });
  const plan: PlannedBackup[] = [];
  for (const [stem, backups] of [...byStem.entries()].sort()) {
    for (const d of selectRetention(backups, o.policy, { latestKey: found.latestKey, now })) plan.push({ ...d, stem });
  }
  const present = new Set(found.objects.map((x) => x.key));
  const backupKeys = new Set(found.entries.map((e) => e.key));
  const orphans = found.objects
    .map((x) => x.key)
    .filter((k) => /\.(sha256|meta)$/.test(k) || parsePartKey(k))
    .filter((k) => {
      // a sidecar, or a multi-stream backup's data part (and its .sha256), whose backup is gone
      const bare = k.replace(/\.(sha256|meta)$/, '');
      const parsed = parseBackupKey(parsePartKey(bare)?.backupKey ?? bare);
      return (
        parsed &&
        parsed.prefix === o.s3.prefix &&
        !present.has(parsed.key) &&
        !backupKeys.has(parsed.key) &&
        (o.name ? parsed.stem === `${o.name}_${o.environment}` : parsed.stem.endsWith(`_${o.environment}`))
      );
    });
  return { plan, orphans };
}

/** Deletes what the plan dooms, except what Object Lock protects; objects first, then their sidecars. */
async function applyPrune(
  s3: S3Client,
  o: PruneRequest,
  ctx: RunContext,
  p: { doomed: PlannedBackup[]; orphans: string[]; present: Set<string> },
): Promise<void> {
  await markLocked(s3, o, p.doomed, ctx.now(), p.present);
  const gone = await deleteBackups(
    s3,
    o,
    ctx,
    p.doomed.filter((b) => !b.locked),
  );
  for (const b of gone) b.deleted = true;
  await deleteLeftovers(s3, o, ctx, [
    ...gone.flatMap((b) => [checksumKey(b.key), manifestKey(b.key)]).filter((k) => p.present.has(k)),
    // a multi-stream backup's data parts and their .sha256 go with it
    ...[...p.present].filter((k) => gone.some((b) => parsePartKey(k.replace(/\.sha256$/, ''))?.backupKey === b.key)),
    ...p.orphans,
  ]);
}

/**
 * Marks the backups Object Lock protects (a legal hold, a retention date still ahead); they are not deleted. A
 * multi-stream backup is protected when any of its parts is: all of it is checked before anything of it goes.
 */
async function markLocked(
  s3: S3Client,
  o: PruneRequest,
  doomed: PlannedBackup[],
  now: Date,
  present: Set<string>,
): Promise<void> {
  const partsOf = new Map<string, string[]>();
  for (const k of [...present].sort()) {
    const owner = parsePartKey(k)?.backupKey;
    if (owner) partsOf.set(owner, [...(partsOf.get(owner) ?? []), k]);
  }
  // Object Lock: a plain delete in a versioned bucket would only hide a locked backup behind a delete marker
  for (const b of doomed) {
    for (const key of [b.key, ...(partsOf.get(b.key) ?? [])]) {
      let lock: Awaited<ReturnType<typeof objectLockOf>>;
      try {
        lock = await objectLockOf(s3, o.s3.bucket, key);
      } catch (err) {
        throw s3ErrorsOf(o.s3)(err, 'reading the retention of', key);
      }
      const part = key === b.key ? '' : ` (its part ${basename(key)})`;
      if (lock?.legalHold) b.locked = `legal hold${part}`;
      else if (lock?.until && lock.until.getTime() > now.getTime())
        b.locked = `${lock.mode ?? 'retention'} until ${lock.until.toISOString()}${part}`;
      if (b.locked) break;
    }
  }
}

/** Deletes the backups; one refused by Object Lock is marked locked, another refusal fails. Returns those deleted. */
async function deleteBackups(
  s3: S3Client,
  o: PruneRequest,
  ctx: RunContext,
  go: PlannedBackup[],
): Promise<PlannedBackup[]> {
  const bucket = o.s3.bucket;
  let result: Awaited<ReturnType<typeof deleteMany>>;
  try {
    result = await deleteMany(
      s3,
      bucket,
      go.map((b) => b.key),
      o.s3.provider.bulkDelete,
    );
  } catch (err) {
    throw s3ErrorsOf(o.s3)(err, 'deleting under', o.s3.prefix);
  }
  if (result.singleAfterBatchRefused) {
    ctx.log.info(
      `the server refused a batch delete (${result.singleAfterBatchRefused}); deleted one key at a time instead`,
    );
  }
  const refused = new Map(result.failed.map((f) => [f.key, f]));
  for (const b of go) {
    const f = refused.get(b.key);
    if (!f) continue;
    if (/lock|retention|WORM/i.test(`${f.code} ${f.message}`)) b.locked = `refused by Object Lock (${f.code})`;
    else
      throw new UserError(
        `prune: deleting s3://${bucket}/${b.key} was refused (${f.code}): grant s3:DeleteObject on the prefix (iam-policy --allow-delete) or let lifecycle rules expire backups instead`,
      );
  }
  return go.filter((b) => !b.locked);
}

/** Deletes sidecars (of deleted backups, orphaned) or leftover claims; a failure is a warning (the next prune retries). */
async function deleteLeftovers(
  s3: S3Client,
  o: PruneRequest,
  ctx: RunContext,
  keys: string[],
  what = 'sidecars',
): Promise<void> {
  if (!keys.length) return;
  const r = await deleteMany(s3, o.s3.bucket, keys, o.s3.provider.bulkDelete).catch((err) => {
    throw s3ErrorsOf(o.s3)(err, `deleting ${what} under`, o.s3.prefix);
  });
  if (r.failed.length)
    ctx.log.warning(
      `could not delete ${r.failed.length} ${what} (e.g. ${r.failed[0]!.key}: ${r.failed[0]!.code}); the next prune retries`,
    );
}

/** The plan, one line a backup and an orphaned sidecar, then the totals. */
export function pruneText(r: PruneResult): string {
  const doomed = r.plan.filter((b) => !b.keep).length;
  return [
    ...r.plan.map((b) => planLine(b, r.dryRun)),
    ...r.orphans.map((k) => `${r.dryRun ? 'delete ' : 'deleted'} ${k}  orphaned sidecar (its backup is gone)`),
    ...r.claims.map((k) => `${r.dryRun ? 'delete ' : 'deleted'} ${k}  claim left by a run that did not end cleanly`),
    r.dryRun
      ? `dry run: would keep ${r.plan.length - doomed}, delete ${doomed} (nothing was deleted)`
      : `kept ${r.plan.length - r.deleted}${r.locked ? ` (${r.locked} locked)` : ''}, deleted ${r.deleted} with their sidecars`,
  ].join('\n');
}
