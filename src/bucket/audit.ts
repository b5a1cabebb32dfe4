/**
 * bucket audit: the security checklist of a backup bucket, read from the bucket. Each check is ✓, ✗ or unknown; a setting
 * the credentials may not read (AccessDenied) or the server does not implement is "unknown", never a crash.
 */
import type { AuditCheck } from '../model/results.js';
import type { S3Client } from '@aws-sdk/client-s3';
import type { RunContext } from '../model/context.js';
import { UserError } from '../core/errors.js';
import type { CommonOptions } from '../model/options.js';
import { clientFor } from '../s3/client.js';
import { checksumsCheck, drillCheck, lifecycleChecks, settingsChecks } from './audit-checks.js';
import { replicationChecks } from './audit-replication.js';

export async function audit(
  o: CommonOptions,
  ctx: Pick<RunContext, 'now' | 's3Client'>,
  client?: S3Client,
): Promise<AuditCheck[]> {
  const s3 = client ?? clientFor(ctx, o.s3);
  const bucket = o.s3.bucket;
  const lifecycle = await lifecycleChecks(s3, bucket, o.s3.prefix);
  const settings = settingsChecks(s3, bucket);
  const checks = await Promise.all([
    ...settings.before,
    ...lifecycle,
    settings.objectLock,
    checksumsCheck(s3, o),
    drillCheck(s3, o, ctx.now),
    ...replicationChecks(s3, o),
  ]);
  // a bucket that is not there is no checklist of unknowns: a typo must not pass the audit
  if (checks.some((c) => c.detail.startsWith('NoSuchBucket'))) {
    throw new UserError(
      `bucket: "${bucket}" does not exist (NoSuchBucket): fix the bucket input, or create it with bucket init`,
    );
  }
  return checks;
}
