/**
 * check's require-drill: the gate fails unless each database it judged has its newest backup, or a backup within
 * max-age, restored and matched by a passing drill younger than require-drill (the verdict: core/drill-proof.ts).
 */
import type { RunContext } from '../model/context.js';
import type { CheckResult } from '../model/results.js';
import { UserError } from '../core/errors.js';
import { drillProof, proofGroups } from '../core/drill-proof.js';
import { parseBackupKey } from '../core/naming.js';
import type { CheckOptions } from '../options/check.js';
import { clientFor } from '../s3/client.js';
import { readDrills } from '../store/drills.js';
import { listBackups } from '../store/listing.js';

/** Throws the gate's one line when no passing drill proves the backups judged; logs which drill proved them. */
export async function assertDrilled(o: CheckOptions, ctx: RunContext, r: CheckResult): Promise<void> {
  if (o.requireDrillSeconds === undefined) return;
  const now = ctx.now();
  const judged = (r.databases ?? [{ newest: r.newest }]).flatMap((d) => (d.newest ? [d.newest.key] : []));
  const stems = new Set(judged.flatMap((k) => parseBackupKey(k)?.stem ?? []));
  if (!stems.size) throw new UserError('require-drill: there is no good backup for a drill to have proven');
  const s3 = clientFor(ctx, o.s3);
  const since = new Date(now.getTime() - o.requireDrillSeconds * 1000);
  const [listing, drills] = await Promise.all([
    listBackups(o, s3),
    readDrills(s3, o.s3.bucket, o.s3.prefix, { limit: 1000, since }),
  ]);
  const groups = proofGroups(
    listing.backups.filter((b) => stems.has(b.stem)),
    now,
    o.maxAgeSeconds,
  );
  const proof = drillProof(
    groups,
    drills.map((d) => d.record),
    now,
    o.requireDrillSeconds,
  );
  if (!proof.ok) throw new UserError(`require-drill: ${proof.detail}; run a restore drill (validate) of the backup`);
  ctx.log.info(`require-drill: ${proof.detail}`);
}
