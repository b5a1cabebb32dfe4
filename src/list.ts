/** list: backups newest first, with their checksum and manifest status. */
import type { CommonOptions } from './options/parse.js';
import { createS3Client } from './s3/client.js';
import { describeS3Error } from './s3/errors.js';
import { getText, listAll } from './s3/objects.js';
import { backupsIn, type BackupEntry } from './select.js';
import { latestPointerKey } from './naming.js';
import type { S3Client } from '@aws-sdk/client-s3';
import { latestKeyOf } from './manifest.js';

export interface Listing {
  backups: BackupEntry[];
  latestKey?: string;
}

export async function listBackups(o: CommonOptions, client: S3Client = createS3Client(o.s3)): Promise<Listing> {
  try {
    const [objects, pointerText] = await Promise.all([
      listAll(client, o.s3.bucket, o.s3.prefix),
      getText(client, o.s3.bucket, latestPointerKey(o.s3.prefix)),
    ]);
    return {
      backups: backupsIn(objects, { name: o.name, environment: o.environment }),
      latestKey: latestKeyOf(pointerText),
    };
  } catch (err) {
    throw describeS3Error(err, { bucket: o.s3.bucket, key: o.s3.prefix, endpoint: o.s3.endpoint, action: 'listing' });
  }
}
