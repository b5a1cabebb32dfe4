/**
 * The least-privilege policy for the backup role (pure): list only the prefix, read and write only objects under
 * it, abort its own unfinished uploads, tag, read retention, remove its own key claims (<prefix>/.claims/…, <prefix>/sets/.claims/…); delete
 * backups only when asked (prune). Plus the GitHub OIDC trust policy, so a workflow assumes the role without stored
 * keys.
 */
import { CLAIMS_FOLDER } from './naming.js';
import { SETS_FOLDER } from './set-format.js';
import type { IamPolicyOptions } from '../model/options.js';

interface Statement {
  Sid: string;
  Effect: 'Allow';
  Principal?: { AWS: string[] };
  Action: string[];
  Resource: string[];
  Condition?: Record<string, Record<string, string | string[]>>;
}

export interface PolicyDocument {
  Version: '2012-10-17';
  Statement: Statement[];
}

const OBJECT_ACTIONS = [
  's3:PutObject',
  's3:GetObject',
  's3:AbortMultipartUpload',
  's3:ListMultipartUploadParts',
  's3:PutObjectTagging',
  's3:GetObjectTagging',
  's3:GetObjectRetention',
  's3:PutObjectRetention',
];
/** Read-only bucket settings: what `bucket audit` (and the backup's `audit`) reads. */
const AUDIT_ACTIONS = [
  's3:GetBucketVersioning',
  's3:GetEncryptionConfiguration',
  's3:GetBucketPublicAccessBlock',
  's3:GetLifecycleConfiguration',
  's3:GetBucketObjectLockConfiguration',
  's3:GetReplicationConfiguration',
];

/** Listing, only under the prefix: every role's first statement. */
export function listPrefixStatement(o: Pick<IamPolicyOptions, 'bucket' | 'prefix' | 'principal'>): Statement {
  const principal = o.principal ? { Principal: { AWS: [o.principal] } } : {};
  return {
    Sid: 'ListThePrefixOnly',
    Effect: 'Allow',
    ...principal,
    Action: ['s3:ListBucket'],
    Resource: [`arn:aws:s3:::${o.bucket}`],
    ...(o.prefix ? { Condition: { StringLike: { 's3:prefix': [`${o.prefix}/`, `${o.prefix}/*`] } } } : {}),
  };
}

export function backupPolicy(
  o: Pick<IamPolicyOptions, 'bucket' | 'prefix' | 'allowDelete' | 'principal'>,
): PolicyDocument {
  const bucketArn = `arn:aws:s3:::${o.bucket}`;
  const objects = o.prefix ? `${bucketArn}/${o.prefix}/*` : `${bucketArn}/*`;
  const principal = o.principal ? { Principal: { AWS: [o.principal] } } : {};
  const list = listPrefixStatement(o);
  return {
    Version: '2012-10-17',
    Statement: [
      list,
      {
        Sid: 'ReadWriteBackupsUnderThePrefix',
        Effect: 'Allow',
        ...principal,
        Action: OBJECT_ACTIONS,
        Resource: [objects],
      },
      // a backup claims its key with a small object there and deletes it when it ends; backups stay undeletable
      {
        Sid: 'ReleaseKeyClaims',
        Effect: 'Allow',
        ...principal,
        Action: ['s3:DeleteObject'],
        Resource: [
          `${bucketArn}/${o.prefix ? `${o.prefix}/` : ''}${CLAIMS_FOLDER}/*`,
          `${bucketArn}/${o.prefix ? `${o.prefix}/` : ''}${SETS_FOLDER}/${CLAIMS_FOLDER}/*`,
        ],
      },
      ...(o.allowDelete
        ? [
            {
              Sid: 'PruneBackupsUnderThePrefix',
              Effect: 'Allow' as const,
              ...principal,
              Action: ['s3:DeleteObject'],
              Resource: [objects],
            },
          ]
        : []),
      { Sid: 'AuditBucketSettings', Effect: 'Allow', ...principal, Action: AUDIT_ACTIONS, Resource: [bucketArn] },
    ],
  };
}

export function githubTrustPolicy(g: NonNullable<IamPolicyOptions['github']>): object {
  const sub = g.environment
    ? `repo:${g.repository}:environment:${g.environment}`
    : g.branch
      ? `repo:${g.repository}:ref:refs/heads/${g.branch}`
      : `repo:${g.repository}:*`;
  return {
    Version: '2012-10-17',
    Statement: [
      {
        Sid: 'GitHubActionsOidc',
        Effect: 'Allow',
        Principal: { Federated: `arn:aws:iam::${g.awsAccountId}:oidc-provider/token.actions.githubusercontent.com` },
        Action: 'sts:AssumeRoleWithWebIdentity',
        Condition: sub.endsWith('*')
          ? {
              StringEquals: { 'token.actions.githubusercontent.com:aud': 'sts.amazonaws.com' },
              StringLike: { 'token.actions.githubusercontent.com:sub': sub },
            }
          : {
              StringEquals: {
                'token.actions.githubusercontent.com:aud': 'sts.amazonaws.com',
                'token.actions.githubusercontent.com:sub': sub,
              },
            },
      },
    ],
  };
}
