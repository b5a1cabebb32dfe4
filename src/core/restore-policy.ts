/**
 * The least-privilege policy for a restore role (pure): list only the prefix, read only the objects under it, and ask
 * S3 to bring an archived one back (`thaw`). It can write, tag or delete nothing, so the credentials a restore job
 * holds cannot touch the backups.
 */
import { listPrefixStatement, type PolicyDocument } from './iam-policy.js';
import type { IamPolicyOptions } from '../model/options.js';

export function restorePolicy(o: Pick<IamPolicyOptions, 'bucket' | 'prefix' | 'principal'>): PolicyDocument {
  const bucketArn = `arn:aws:s3:::${o.bucket}`;
  const principal = o.principal ? { Principal: { AWS: [o.principal] } } : {};
  return {
    Version: '2012-10-17',
    Statement: [
      listPrefixStatement(o),
      {
        Sid: 'ReadBackupsUnderThePrefix',
        Effect: 'Allow',
        ...principal,
        Action: ['s3:GetObject', 's3:RestoreObject'],
        Resource: [o.prefix ? `${bucketArn}/${o.prefix}/*` : `${bucketArn}/*`],
      },
    ],
  };
}
