// The maintenance sub-actions as GitHub runs them (bundled dist/action/<verb>.js, INPUT_* variables): cost and
// iam-policy need no bucket; bucket-init sets one up on Ceph RGW.
import { afterAll, describe, expect, test } from 'vitest';
import { rgw } from '../support/context.js';
import { runAction, runCli, s3Env } from '../support/run.js';
import { emptyAndDeleteBucket, uniqueBucketName } from '../support/s3-servers.js';

describe('sub-actions', () => {
  const bucket = uniqueBucketName('act');
  afterAll(async () => emptyAndDeleteBucket(rgw(), bucket));

  test("cost: the seed example both ways and this tool's figure, as outputs and a summary table", async () => {
    const r = await runAction('cost', { size: '100GB', 'keep-daily': '7', 'keep-weekly': '4', 'keep-monthly': '12' });
    expect(r.code, r.stdout).toBe(0);
    const report = JSON.parse(r.outputs.report!);
    expect(Math.round(report.comparison[0].totalUsd)).toBe(19); // 7 + 4 + 12 copies counted once
    const rule = report.comparison[1];
    expect(rule.classes.reduce((a: number, c: { storageUsd: number }) => a + c.storageUsd, 0)).toBeCloseTo(120.2, 0); // what its rule stores
    expect(Number(r.outputs['monthly-usd'])).toBeCloseTo(46.5, 0); // lifecycle by tier: 7/4/12, 7 noncurrent days
    expect(Number(r.outputs['prune-monthly-usd'])).toBeCloseTo(61.8, 0);
    expect(r.summary).toContain('| **lifecycle rules by tier tag** |');
    // with compression counted (zstd often stores a dump at a quarter of its size or less)
    const compressed = await runCli(['cost', '--size', '100GB', '--compression-ratio', '4', '--json'], {});
    expect(JSON.parse(compressed.stdout).monthlyUsd).toBeCloseTo(46.5 / 4, 0);
  });

  test('iam-policy: the policy and the trust policy as outputs', async () => {
    const r = await runAction('iam-policy', {
      bucket: 'db-backups',
      environment: 'production',
      'github-repository': 'acme/shop',
      'github-environment': 'production',
      'aws-account-id': '123456789012',
    });
    expect(r.code, r.stdout).toBe(0);
    expect(JSON.parse(r.outputs.policy!).Statement[1].Resource).toEqual(['arn:aws:s3:::db-backups/production/*']);
    expect(
      JSON.parse(r.outputs['trust-policy']!).Statement[0].Condition.StringEquals[
        'token.actions.githubusercontent.com:sub'
      ],
    ).toBe('repo:acme/shop:environment:production');
  });

  test('bucket-init: every step in the summary and the report output; the step fails naming what the server refused', async () => {
    const r = await runAction('bucket-init', { bucket, endpoint: rgw().endpoint, environment: 'prod' }, s3Env(rgw()));
    expect(r.code).toBe(1);
    expect(JSON.parse(r.outputs.report!).map((s: { step: string }) => s.step)).toEqual([
      'bucket',
      'versioning',
      'default encryption',
      'public access block',
      'lifecycle',
    ]);
    expect(r.summary).toContain('| versioning | ✓ done | enabled |');
    expect(r.stdout).toMatch(
      /::error::bucket init: s3:\/\/\S+ is set up except default encryption \(InvalidArgument\)/,
    );
  });
});
