// Inputs of the maintenance verbs: backup retention / Object Lock / tags, prune, cost.
import { describe, expect, test } from 'vitest';
import { UserError } from '../../src/core/errors.js';
import { parseCostOptions, parsePruneOptions } from '../../src/options/maintenance.js';
import { parseBackupOptions } from '../../src/options/parse.js';
import { DEFAULT_POLICY } from '../../src/core/retention/policy.js';

const url = 'postgresql://app@db.internal:5432/shop';
const backup = (v: Record<string, string>) =>
  parseBackupOptions((n) => ({ 'database-url': url, bucket: 'b-1', ...v })[n], {});

describe('backup: retention, Object Lock, tags', () => {
  test('defaults: no retention, no lock, no audit', () => {
    expect(backup({})).toMatchObject({ retention: undefined, objectLock: undefined, audit: false });
  });
  test.each([
    [1, { retention: 'on' }, { retention: DEFAULT_POLICY }],
    [
      2,
      { 'object-lock-mode': 'compliance' },
      { objectLock: { mode: 'COMPLIANCE', days: { daily: 7, weekly: 35, monthly: 365, yearly: 365 } } },
    ],
    [
      3,
      { 'object-lock-mode': 'governance', 'object-lock-days': '30' },
      { objectLock: { mode: 'GOVERNANCE', days: { daily: 30, weekly: 30, monthly: 30, yearly: 30 } } },
    ],
    [
      4,
      { 'object-lock-mode': 'governance', 'object-lock-days': 'daily=2, yearly=3650', retention: 'keep-weekly=8' },
      { objectLock: { mode: 'GOVERNANCE', days: { daily: 2, weekly: 63, monthly: 365, yearly: 3650 } } },
    ],
    [5, { provider: 'gcs', 'storage-class': 'nearline' }, { storageClass: 'NEARLINE' }],
  ])('%i: %j', (_n, v, expected) => expect(backup(v)).toMatchObject(expected));
  test.each([
    [
      1,
      { 'object-lock-days': '7' },
      'object-lock-days is set but object-lock-mode is empty: set object-lock-mode to governance or compliance',
    ],
    [2, { 'object-lock-mode': 'strict' }, 'object-lock-mode: "strict" is not one of governance, compliance'],
    [
      3,
      { 'object-lock-mode': 'governance', 'object-lock-days': 'hourly=1' },
      'object-lock-days: "hourly=1" is not tier=days; use e.g. daily=7, weekly=35, monthly=365, yearly=366, or one number',
    ],
    [
      4,
      { provider: 'r2', 'account-id': '0123456789abcdef0123456789abcdef', 'object-lock-mode': 'governance' },
      'object-lock-mode: provider r2 has no S3 Object Lock; leave object-lock-mode empty',
    ],
    [
      5,
      { tags: 's3-backup-tier=monthly' },
      'tags: s3-backup-tier is set by s3-backup itself (the retention tier); remove it',
    ],
    [
      6,
      { tags: Array.from({ length: 10 }, (_, i) => `k${i}=v`).join(',') },
      'tags: at most 9 (S3 allows 10 per object and s3-backup adds its tier tag)',
    ],
    [
      7,
      { provider: 'gcs', 'storage-class': 'GLACIER_IR' },
      'storage-class: "GLACIER_IR" is not one of STANDARD, NEARLINE, COLDLINE, ARCHIVE',
    ],
    [8, { retention: 'keep-daily=x' }, 'keep-daily: "x" is not a whole number; use 0 (off) to 10000'],
  ])('%i: %j is refused with one line', (_n, v, message) => expect(() => backup(v)).toThrow(new UserError(message)));
});

describe('prune and cost options', () => {
  test('prune: the keep-* inputs with their defaults', () => {
    const o = parsePruneOptions((n) => ({ bucket: 'b-1', 'keep-daily': '3', 'dry-run': 'true' })[n], {});
    expect(o).toMatchObject({
      policy: { ...DEFAULT_POLICY, keepDaily: 3 },
      dryRun: true,
      environment: 'production',
      s3: { prefix: 'production' },
    });
  });
  test('cost: sizes, ratio, prices', () => {
    const o = parseCostOptions(
      (n) =>
        ({
          size: '100GB',
          'compression-ratio': '4',
          prices: 'STANDARD=0.021',
          'storage-class': 'STANDARD',
          transitions: 'true',
          'noncurrent-days': '7',
        })[n],
      {},
    );
    expect(o).toMatchObject({
      sizeGB: 100,
      compressionRatio: 4,
      storageClass: 'STANDARD',
      noncurrentDays: 7,
      transitions: true,
    });
    expect(o.prices.STANDARD).toEqual({ perGBMonth: 0.021, minDays: 0 });
    expect(o.prices.GLACIER_IR).toEqual({ perGBMonth: 0.004, minDays: 90, minBytes: 131072, retrievalPerGB: 0.03 });
  });
  test.each([
    [1, {}, 'size is empty: give the database size, e.g. --size 100GB'],
    [2, { size: 'big' }, 'size: "big" is not a size; use e.g. 16MiB, 64MB or a number of bytes'],
    [
      3,
      { size: '1GB', 'compression-ratio': '0.5' },
      'compression-ratio: "0.5" is not a ratio of 1 or more (dump size ÷ stored size, e.g. 4)',
    ],
    [4, { size: '1GB', prices: 'STANDARD=cheap' }, 'prices: "cheap" for STANDARD is not a price in USD per GB-month'],
    [
      5,
      { size: '1GB', prices: 'STANDARD' },
      'prices: "STANDARD" is not CLASS=price (USD per GB-month), e.g. STANDARD=0.023',
    ],
    [
      6,
      { size: '1GB', 'storage-class': 'FLOPPY' },
      'storage-class: no price for FLOPPY; use one of STANDARD, INTELLIGENT_TIERING, STANDARD_IA, ONEZONE_IA, GLACIER_IR, GLACIER, DEEP_ARCHIVE, REDUCED_REDUNDANCY, EXPRESS_ONEZONE or add it with prices',
    ],
  ])('%i: %j is refused with one line', (_n, v, message) => {
    const raw = (n: string) =>
      (
        ({
          'compression-ratio': '1',
          'storage-class': 'STANDARD',
          transitions: 'true',
          'noncurrent-days': '7',
          ...v,
        }) as Record<string, string>
      )[n];
    expect(() => parseCostOptions(raw, {})).toThrow(new UserError(message));
  });
});
