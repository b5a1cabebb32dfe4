/**
 * Which destination a restore reads: the one asked for (from: primary or copy), or, when not asked, the primary and,
 * when the backup cannot be read there (the endpoint unreachable, the object or its sidecar missing, access denied),
 * the second copy (copy-to), saying so in one line.
 */
import type { S3Client } from '@aws-sdk/client-s3';
import type { RunContext } from '../model/context.js';
import { cancellationOf, errorMessage } from '../core/errors.js';
import type { CommonOptions } from '../model/options.js';
import { clientFor } from '../s3/client.js';
import { type Chosen, chooseBackup } from './download.js';

export async function chooseSource<T extends CommonOptions>(
  o: T,
  selector: string,
  ctx: RunContext,
): Promise<{ o: T; s3: S3Client; chosen: Chosen }> {
  const client = (options: T) => clientFor(ctx, options.s3);
  const s3 = client(o);
  try {
    return { o, s3, chosen: await chooseBackup(o, selector, s3, ctx) };
  } catch (err) {
    if (o.from !== 'default' || !o.copy || cancellationOf(err)) throw err;
    const copy = { ...o, s3: o.copy.s3, other: o.s3 };
    ctx.log.warning(
      `the backup cannot be read from s3://${o.s3.bucket}/${o.s3.prefix} (${errorMessage(err)}): restoring from the copy s3://${copy.s3.bucket}/${copy.s3.prefix}`,
      'Restoring from the copy',
    );
    const copyS3 = client(copy);
    return { o: copy, s3: copyS3, chosen: await chooseBackup(copy, selector, copyS3, ctx) };
  }
}
