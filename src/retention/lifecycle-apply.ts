/** lifecycle: print the tier rules, or apply them (get → merge → put) without dropping anyone else's rules. */
import type { LifecycleRule } from '@aws-sdk/client-s3';
import type { RunContext } from '../model/context.js';
import { UserError } from '../core/errors.js';
import type { LifecycleOptions } from '../model/options.js';
import { getLifecycle, putLifecycle } from '../s3/bucket.js';
import { clientFor } from '../s3/client.js';
import { describeS3Error } from '../s3/describe-error.js';
import { lifecycleRules, mergeRules, tierPlans, type Merged } from '../core/retention/lifecycle-rules.js';
import { describePolicy } from '../core/retention/policy.js';

export interface LifecycleResult {
  rules: LifecycleRule[];
  applied: boolean;
  merged?: Merged;
}

export async function lifecycleCommand(
  o: LifecycleOptions,
  ctx: Pick<RunContext, 'log' | 's3Client'>,
): Promise<LifecycleResult> {
  const p = o.s3.provider;
  if (p.lifecycle === 'none') {
    throw new UserError(
      `provider ${p.name} (${p.label}) has no S3 lifecycle API: use the backup's retention input or s3-backup prune instead`,
    );
  }
  if (p.lifecycle === 'prefix') {
    ctx.log.warning(
      `provider ${p.name} runs lifecycle rules by prefix only, not by tag: only the cleanup rule is written; retention needs prune`,
    );
  }
  const ours = lifecycleRules({
    prefix: o.s3.prefix,
    policy: o.policy,
    provider: p,
    transitions: o.transitions,
    noncurrentDays: o.noncurrentDays,
  });
  if (p.lifecycle === 'tags') {
    for (const t of tierPlans(o.policy, p, o.transitions, { noncurrentDays: o.noncurrentDays })) {
      const moves = t.transitions.map((x) => `${x.storageClass} at ${x.days} d`).join(', ');
      ctx.log.info(
        `${t.tier.padEnd(8)} expire after ${t.expireDays} d; uploaded in ${t.uploadClass}${moves ? `, ${moves}` : ''}`,
      );
    }
    ctx.log.info(`(${describePolicy(o.policy)}; every backup is tagged s3-backup-tier at upload)`);
  }
  if (!o.apply) return { rules: ours, applied: false };
  const bucket = o.s3.bucket;
  const s3 = clientFor(ctx, o.s3);
  try {
    const merged = mergeRules(await getLifecycle(s3, bucket), ours, o.s3.prefix);
    await putLifecycle(s3, bucket, merged.rules);
    ctx.log.info(
      `applied to s3://${bucket}: ${merged.added.length} added, ${merged.replaced.length} replaced, ${merged.kept.length} other rules kept`,
    );
    if (merged.overlapping.length) {
      ctx.log.warning(
        `lifecycle rules not written by s3-backup also act on ${o.s3.prefix}/: ${merged.overlapping.join(', ')}; they may expire or archive backups before the tier rules would`,
      );
    }
    return { rules: merged.rules, applied: true, merged };
  } catch (err) {
    throw describeS3Error(err, { bucket, endpoint: o.s3.endpoint, action: 'applying lifecycle rules to' });
  }
}
