/**
 * bucket replicate: versioning checked on both buckets (replication needs it), then the bucket's replication
 * configuration read, merged with our rule for the backup prefix and written only when it changes.
 */
import type { S3Client } from '@aws-sdk/client-s3';
import type { RunContext } from '../model/context.js';
import { UserError } from '../core/errors.js';
import type { ReplicateOptions } from '../model/options.js';
import { getVersioning } from '../s3/bucket.js';
import { clientFor } from '../s3/client.js';
import { describeS3Error, s3ErrorCode } from '../s3/describe-error.js';
import { getReplication, putReplication } from '../s3/replication-config.js';
import type { Step } from '../model/results.js';
import { bucketOfArn, describeRule, mergeReplication, type Merged } from '../core/replication-rules.js';

type Ctx = Pick<RunContext, 'log' | 's3Client'>;

async function versioningOn(s3: S3Client, bucket: string, side: string, ctx: Ctx): Promise<void> {
  let status: string | undefined;
  try {
    status = await getVersioning(s3, bucket);
  } catch (err) {
    // a destination in another account may not let these credentials read it: S3 checks it when the rule is written
    if (side === 'destination' && ['AccessDenied', 'Forbidden'].includes(s3ErrorCode(err) ?? '')) {
      ctx.log.warning(`replicate-to: cannot read the versioning of s3://${bucket} (AccessDenied); not checked here`);
      return;
    }
    throw describeS3Error(err, { bucket, action: `reading the versioning of the ${side} bucket` });
  }
  if (status !== 'Enabled') {
    throw new UserError(
      `replication needs versioning on both buckets: it is ${status ? status.toLowerCase() : 'off'} on the ${side} s3://${bucket}; ${side === 'source' ? 'run bucket init (it enables versioning)' : `enable it there (bucket init --bucket ${bucket})`} first`,
    );
  }
}

export interface Replicated {
  step: Step;
  merged: Merged;
}

export async function replicate(o: ReplicateOptions, ctx: Ctx): Promise<Replicated> {
  const s3 = clientFor(ctx, o.s3);
  const destination = bucketOfArn(o.target.destinationArn);
  if (destination === o.s3.bucket) throw new UserError('replicate-to: the destination is the source bucket itself');
  await versioningOn(s3, o.s3.bucket, 'source', ctx);
  await versioningOn(
    clientFor(ctx, { ...o.s3, bucket: destination, region: o.destinationRegion }),
    destination,
    'destination',
    ctx,
  );
  const where = { bucket: o.s3.bucket, endpoint: o.s3.endpoint };
  const existing = await getReplication(s3, o.s3.bucket).catch((err) => {
    throw describeS3Error(err, { ...where, action: 'reading the replication configuration of' });
  });
  const merged = mergeReplication(existing, o.s3.prefix, o.target);
  const ours = merged.config.Rules![merged.config.Rules!.length - 1]!;
  const kept = merged.kept ? `; ${merged.kept} other rule${merged.kept === 1 ? '' : 's'} kept` : '';
  if (!merged.changed)
    return { merged, step: { step: 'replication', status: 'already', detail: describeRule(ours) + kept } };
  await putReplication(s3, o.s3.bucket, merged.config).catch((err) => {
    throw describeS3Error(err, { ...where, action: 'writing the replication configuration of' });
  });
  return { merged, step: { step: 'replication', status: 'done', detail: describeRule(ours) + kept } };
}
