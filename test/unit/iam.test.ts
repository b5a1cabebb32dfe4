// The least-privilege policy and the GitHub OIDC trust policy, and the inputs that build them.
import { describe, expect, test } from 'vitest';
import { backupPolicy, githubTrustPolicy } from '../../src/core/iam-policy.js';
import { UserError } from '../../src/core/errors.js';
import { parseIamPolicyOptions } from '../../src/options/maintenance.js';
import { restorePolicy } from '../../src/core/restore-policy.js';

const opts = (v: Record<string, string>) => parseIamPolicyOptions((n) => ({ bucket: 'db-backups', ...v })[n], {});

describe('backupPolicy', () => {
  test('prefix-scoped listing, object actions on the prefix only, no delete by default but of its own key claims', () => {
    const p = backupPolicy(opts({ environment: 'production' }));
    expect(p.Statement.map((s) => s.Sid)).toEqual([
      'ListThePrefixOnly',
      'ReadWriteBackupsUnderThePrefix',
      'ReleaseKeyClaims',
      'AuditBucketSettings',
    ]);
    expect(p.Statement[0]).toEqual({
      Sid: 'ListThePrefixOnly',
      Effect: 'Allow',
      Action: ['s3:ListBucket'],
      Resource: ['arn:aws:s3:::db-backups'],
      Condition: { StringLike: { 's3:prefix': ['production/', 'production/*'] } },
    });
    expect(p.Statement[1]!.Resource).toEqual(['arn:aws:s3:::db-backups/production/*']);
    expect(p.Statement[1]!.Action).toEqual(
      expect.arrayContaining(['s3:PutObject', 's3:GetObject', 's3:AbortMultipartUpload', 's3:PutObjectTagging']),
    );
    expect(p.Statement[2]).toEqual({
      Sid: 'ReleaseKeyClaims',
      Effect: 'Allow',
      Action: ['s3:DeleteObject'],
      Resource: ['arn:aws:s3:::db-backups/production/.claims/*', 'arn:aws:s3:::db-backups/production/sets/.claims/*'],
    });
    expect(JSON.stringify(p.Statement.filter((s) => s.Sid !== 'ReleaseKeyClaims'))).not.toContain('Delete');
    expect(JSON.stringify(p)).not.toContain('"s3:*"');
  });
  test.each([
    [
      1,
      { 'allow-delete': 'true' },
      [
        'ListThePrefixOnly',
        'ReadWriteBackupsUnderThePrefix',
        'ReleaseKeyClaims',
        'PruneBackupsUnderThePrefix',
        'AuditBucketSettings',
      ],
    ],
    [
      2,
      { prefix: 'db/eu' },
      ['ListThePrefixOnly', 'ReadWriteBackupsUnderThePrefix', 'ReleaseKeyClaims', 'AuditBucketSettings'],
    ],
  ])('%i: %j', (_n, v, sids) => expect(backupPolicy(opts(v)).Statement.map((s) => s.Sid)).toEqual(sids));
  test('the claims folders (backups, sets) follow the prefix', () => {
    expect(backupPolicy(opts({ prefix: 'db/eu' })).Statement[2]!.Resource).toEqual([
      'arn:aws:s3:::db-backups/db/eu/.claims/*',
      'arn:aws:s3:::db-backups/db/eu/sets/.claims/*',
    ]);
  });
  test('as a bucket policy for a principal', () => {
    const p = backupPolicy(opts({ principal: 'arn:aws:iam::123456789012:role/pg-backup' }));
    for (const s of p.Statement) expect(s.Principal).toEqual({ AWS: ['arn:aws:iam::123456789012:role/pg-backup'] });
  });
});

describe('githubTrustPolicy', () => {
  const base = { 'github-repository': 'acme/shop', 'aws-account-id': '123456789012' };
  test.each([
    [
      1,
      {},
      {
        StringEquals: { 'token.actions.githubusercontent.com:aud': 'sts.amazonaws.com' },
        StringLike: { 'token.actions.githubusercontent.com:sub': 'repo:acme/shop:*' },
      },
    ],
    [
      2,
      { 'github-branch': 'main' },
      {
        StringEquals: {
          'token.actions.githubusercontent.com:aud': 'sts.amazonaws.com',
          'token.actions.githubusercontent.com:sub': 'repo:acme/shop:ref:refs/heads/main',
        },
      },
    ],
    [
      3,
      { 'github-environment': 'production' },
      {
        StringEquals: {
          'token.actions.githubusercontent.com:aud': 'sts.amazonaws.com',
          'token.actions.githubusercontent.com:sub': 'repo:acme/shop:environment:production',
        },
      },
    ],
  ])('%i: %j', (_n, v, condition) => {
    const t = githubTrustPolicy(opts({ ...base, ...v }).github!) as {
      Statement: Array<{ Principal: unknown; Action: string; Condition: unknown }>;
    };
    expect(t.Statement[0]!.Principal).toEqual({
      Federated: 'arn:aws:iam::123456789012:oidc-provider/token.actions.githubusercontent.com',
    });
    expect(t.Statement[0]!.Action).toBe('sts:AssumeRoleWithWebIdentity');
    expect(t.Statement[0]!.Condition).toEqual(condition);
  });
  test.each([
    [1, { 'github-repository': 'acme' }, 'github-repository: "acme" is not owner/repo'],
    [
      2,
      { 'github-repository': 'acme/shop' },
      'aws-account-id: the trust policy needs the 12-digit AWS account id that holds the GitHub OIDC provider',
    ],
    [
      3,
      { ...base, 'github-branch': 'main', 'github-environment': 'prod' },
      "github-branch and github-environment both set: a job's OIDC subject names one of them; choose one",
    ],
    [4, { 'github-branch': 'main' }, 'github-branch / github-environment need github-repository (owner/repo)'],
    [5, { principal: 'bob' }, 'principal: "bob" is not an IAM role or user ARN (arn:aws:iam::123456789012:role/NAME)'],
  ])('%i: %j is refused with one line', (_n, v, message) => expect(() => opts(v)).toThrow(new UserError(message)));
});

describe('restorePolicy', () => {
  test('lists the prefix, reads and thaws its objects, nothing else', () => {
    const o = opts({ environment: 'production', role: 'restore' });
    expect(o.role).toBe('restore');
    expect(restorePolicy(o)).toEqual({
      Version: '2012-10-17',
      Statement: [
        {
          Sid: 'ListThePrefixOnly',
          Effect: 'Allow',
          Action: ['s3:ListBucket'],
          Resource: ['arn:aws:s3:::db-backups'],
          Condition: { StringLike: { 's3:prefix': ['production/', 'production/*'] } },
        },
        {
          Sid: 'ReadBackupsUnderThePrefix',
          Effect: 'Allow',
          Action: ['s3:GetObject', 's3:RestoreObject'],
          Resource: ['arn:aws:s3:::db-backups/production/*'],
        },
      ],
    });
    const p = restorePolicy(opts({ role: 'restore', principal: 'arn:aws:iam::123456789012:role/postgres-restore' }));
    for (const st of p.Statement)
      expect(st.Principal).toEqual({ AWS: ['arn:aws:iam::123456789012:role/postgres-restore'] });
  });

  test.each([
    [1, { role: 'restore', 'allow-delete': 'true' }, /^allow-delete: a restore role deletes nothing/],
    [2, { role: 'drill' }, /^role: /],
  ])('%i: refused in one line', (_n, v, message) => {
    expect(() => opts(v)).toThrow(UserError);
    expect(() => opts(v)).toThrow(message);
  });
});
