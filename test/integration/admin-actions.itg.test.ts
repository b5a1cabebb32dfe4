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
    // lifecycle by tier, the cheapest plan: 7/4/12, 3 noncurrent days, no compression counted
    expect(Number(r.outputs['monthly-usd'])).toBeCloseTo(29.2, 0);
    expect(report.plan.map((t: { tier: string; transitions: unknown[] }) => [t.tier, t.transitions])).toEqual([
      ['daily', []],
      ['weekly', [{ days: 1, storageClass: 'GLACIER_IR' }]],
      ['monthly', [{ days: 1, storageClass: 'GLACIER_IR' }]],
      ['yearly', [{ days: 1, storageClass: 'GLACIER_IR' }]],
    ]);
    expect(report.alternatives[0].totalUsd).toBeCloseTo(46.5, 0); // STANDARD, then GLACIER_IR after 30 days
    expect(Number(r.outputs['prune-monthly-usd'])).toBeCloseTo(52.6, 0); // 3 noncurrent days
    expect(r.summary).toContain('| **lifecycle rules by tier tag** |');
    expect(r.summary).toContain('| weekly | STANDARD | GLACIER_IR at 1 d | 35 d + 3 d noncurrent | 50 |');
    // with compression counted (zstd often stores a dump at a sixth of its size): under $5 a month
    const compressed = await runCli(['cost', '--size', '100GB', '--compression-ratio', '6', '--json'], {});
    expect(JSON.parse(compressed.stdout).monthlyUsd).toBeCloseTo(4.87, 2);
    const text = await runCli(['cost', '--size', '100GB', '--compression-ratio', '6'], {});
    expect(text.stdout).toContain('plan, lifecycle rules by tier tag: $4.87/month');
    expect(text.stdout).toContain('every daily, weekly, monthly, yearly backup is readable without a thaw');
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
