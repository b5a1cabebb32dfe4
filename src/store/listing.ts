/** The backups under a prefix (one database's, or every one's), their latest pointer, and the sets beside them. */
import type { S3Client } from '@aws-sdk/client-s3';
import { latestKeyOf } from '../core/manifest.js';
import { latestPointerKey } from '../core/naming.js';
import { backupsIn } from '../core/select.js';
import { latestNamePointerKey } from '../core/set-format.js';
import type { CommonOptions } from '../model/options.js';
import type { BackupEntry } from '../model/objects.js';
import { createS3Client } from '../s3/client.js';
import { describeS3Error } from '../s3/describe-error.js';
import { getText, listAll } from '../s3/objects.js';
import { readSets, type SetListing } from './sets.js';

export interface Listing {
  backups: BackupEntry[];
  latestKey?: string;
  /** With `withSets`: the backup sets, newest first. */
  sets?: SetListing;
}

/** The backups (the databases'; the globals' too with `withSets`, for list) and what latest.json names. */
export async function listBackups(
  o: CommonOptions,
  client: S3Client = createS3Client(o.s3),
  opts: { withSets?: boolean } = {},
): Promise<Listing> {
  try {
    // one database's own latest pointer first; the prefix's latest.json (single-database runs) is the fallback
    const [objects, pointerText, namedText] = await Promise.all([
      listAll(client, o.s3.bucket, o.s3.prefix),
      getText(client, o.s3.bucket, latestPointerKey(o.s3.prefix)),
      o.name ? getText(client, o.s3.bucket, latestNamePointerKey(o.s3.prefix, o.name)) : undefined,
    ]);
    const where = { bucket: o.s3.bucket, prefix: o.s3.prefix, environment: o.environment };
    return {
      backups: backupsIn(objects, { name: o.name, environment: o.environment, withGlobals: opts.withSets }),
      latestKey: latestKeyOf(namedText) ?? latestKeyOf(pointerText),
      ...(opts.withSets ? { sets: await readSets(client, where, objects) } : {}),
    };
  } catch (err) {
    throw describeS3Error(err, { bucket: o.s3.bucket, key: o.s3.prefix, endpoint: o.s3.endpoint, action: 'listing' });
  }
}
