// Lifecycle rules by tier tag, transitions that respect minimum storage durations, and merging that never drops a
// rule this tool did not write.
import type { LifecycleRule } from '@aws-sdk/client-s3';
import { describe, expect, test } from 'vitest';
import {
  archiveAfter30Plans,
  lifecycleRules,
  mergeRules,
  normalizeFilter,
  tierDays,
  tierPlans,
} from '../../src/core/retention/lifecycle-rules.js';
import { DEFAULT_POLICY } from '../../src/core/retention/policy.js';
import { PROFILES } from '../../src/core/providers.js';

describe('tierDays', () => {
  test.each([
    [1, DEFAULT_POLICY, { daily: 7, weekly: 35, monthly: 365, yearly: 365 }],
    [2, { ...DEFAULT_POLICY, keepYearly: 3 }, { daily: 7, weekly: 35, monthly: 365, yearly: 1098 }],
    [
      3,
      { keepLast: 0, keepDaily: 14, keepWeekly: 0, keepMonthly: 0, keepYearly: 0 },
      { daily: 14, weekly: 14, monthly: 14, yearly: 14 },
    ],
    [
      4,
      { keepLast: 0, keepDaily: 0, keepWeekly: 8, keepMonthly: 1, keepYearly: 0 },
      { daily: 1, weekly: 63, monthly: 63, yearly: 63 },
    ],
  ])('%i: %j', (_n, policy, days) => expect(tierDays(policy)).toEqual(days));
});

describe('tierPlans: the cheapest class per tier, minimum-duration charges included', () => {
  const gir = { days: 1, storageClass: 'GLACIER_IR' };
  test('7/4/12 on AWS: dailies stay in STANDARD, weeklies, monthlies and the yearly to GLACIER_IR after a day', () => {
    expect(tierPlans(DEFAULT_POLICY, PROFILES.aws).map((p) => [p.tier, p.expireDays, p.transitions])).toEqual([
      ['daily', 7, []],
      ['weekly', 35, [gir]],
      ['monthly', 365, [gir]],
      ['yearly', 365, [gir]],
    ]);
  });
  test('the archive-after-30-days alternative: GLACIER_IR at 30 d only where its minimum is met', () => {
    expect(archiveAfter30Plans(DEFAULT_POLICY, PROFILES.aws).map((p) => [p.tier, p.transitions])).toEqual([
      ['daily', []],
      ['weekly', []],
      ['monthly', [{ days: 30, storageClass: 'GLACIER_IR' }]],
      [
        'yearly',
        [
          { days: 30, storageClass: 'GLACIER_IR' },
          { days: 120, storageClass: 'DEEP_ARCHIVE' },
        ],
      ],
    ]);
  });
  test('property: nothing needs a thaw while a finer tier counts on it; the deep archive only for yearlies', () => {
    for (const monthly of [1, 3, 4, 6, 12, 24]) {
      for (const yearly of [0, 1, 5]) {
        const policy = { ...DEFAULT_POLICY, keepMonthly: monthly, keepYearly: yearly };
        const days = tierDays(policy);
        for (const plan of tierPlans(policy, PROFILES.aws)) {
          for (const t of plan.transitions) {
            expect(t.days).toBeLessThan(plan.expireDays);
            if (['GLACIER', 'DEEP_ARCHIVE'].includes(t.storageClass)) {
              expect(plan.tier).toBe('yearly');
              expect(t.days).toBeGreaterThanOrEqual(days.monthly);
            }
          }
        }
      }
    }
  });
  test('yearlies kept 5 years: GLACIER_IR after a day, DEEP_ARCHIVE once the monthlies let go', () => {
    const yearly = tierPlans({ ...DEFAULT_POLICY, keepYearly: 5 }, PROFILES.aws).at(-1)!;
    expect(yearly.transitions).toEqual([gir, { days: 365, storageClass: 'DEEP_ARCHIVE' }]);
  });
  test('providers without archive classes get none; transitions can be turned off', () => {
    expect(tierPlans(DEFAULT_POLICY, PROFILES.scaleway).flatMap((p) => p.transitions)).toEqual([]);
    // R2 has STANDARD_IA but runs lifecycle rules by prefix only: no tier can be moved there
    expect(tierPlans(DEFAULT_POLICY, PROFILES.r2).flatMap((p) => p.transitions)).toEqual([]);
    expect(tierPlans(DEFAULT_POLICY, PROFILES.aws, false).flatMap((p) => p.transitions)).toEqual([]);
  });
});

describe('lifecycleRules', () => {
  test('tag-filtered tier rules under the prefix, and one cleanup rule', () => {
    const rules = lifecycleRules({ prefix: 'production', policy: DEFAULT_POLICY, provider: PROFILES.aws });
    expect(rules.map((r) => r.ID)).toEqual([
      's3-backup:production:daily',
      's3-backup:production:weekly',
      's3-backup:production:monthly',
      's3-backup:production:yearly',
      's3-backup:production:cleanup',
    ]);
    expect(rules[0]).toEqual({
      ID: 's3-backup:production:daily',
      Status: 'Enabled',
      Filter: { And: { Prefix: 'production/', Tags: [{ Key: 's3-backup-tier', Value: 'daily' }] } },
      Expiration: { Days: 7 },
    });
    expect(rules[4]).toEqual({
      ID: 's3-backup:production:cleanup',
      Status: 'Enabled',
      Filter: { Prefix: 'production/' },
      AbortIncompleteMultipartUpload: { DaysAfterInitiation: 7 },
      NoncurrentVersionExpiration: { NoncurrentDays: 3 },
      Expiration: { ExpiredObjectDeleteMarker: true },
    });
    expect(rules[1]).toMatchObject({
      Expiration: { Days: 35 },
      Transitions: [{ Days: 1, StorageClass: 'GLACIER_IR' }],
    });
  });
  test('prefix-only providers get only the cleanup rule', () => {
    expect(lifecycleRules({ prefix: 'p', policy: DEFAULT_POLICY, provider: PROFILES.r2 }).map((r) => r.ID)).toEqual([
      's3-backup:p:cleanup',
    ]);
  });
});

test("normalizeFilter: Ceph's { Prefix, Tag } echo becomes the standard And filter; other shapes stay", () => {
  const ceph: LifecycleRule = {
    ID: 'x',
    Status: 'Enabled',
    Filter: { Prefix: 'p/', Tag: { Key: 'k', Value: 'v' } },
    Expiration: { Days: 3 },
  };
  expect(normalizeFilter(ceph)).toEqual({
    ...ceph,
    Filter: { And: { Prefix: 'p/', Tags: [{ Key: 'k', Value: 'v' }] } },
  });
  for (const f of [{ Prefix: 'p/' }, { Tag: { Key: 'k', Value: 'v' } }, { And: { Prefix: 'p/', Tags: [] } }]) {
    const r: LifecycleRule = { ID: 'y', Status: 'Enabled', Filter: f };
    expect(normalizeFilter(r)).toBe(r);
  }
});

describe('mergeRules', () => {
  const seed: LifecycleRule = {
    ID: 'DeleteOldBackups',
    Status: 'Enabled',
    Filter: { Prefix: 'production/' },
    Transitions: [
      { Days: 30, StorageClass: 'GLACIER_IR' },
      { Days: 90, StorageClass: 'DEEP_ARCHIVE' },
    ],
    Expiration: { Days: 365 },
  };
  const logs: LifecycleRule = { ID: 'logs', Status: 'Enabled', Filter: { Prefix: 'logs/' }, Expiration: { Days: 30 } };
  const staging: LifecycleRule = {
    ID: 's3-backup:staging:daily',
    Status: 'Enabled',
    Filter: { Prefix: 'staging/' },
    Expiration: { Days: 3 },
  };
  const ours = lifecycleRules({ prefix: 'production', policy: DEFAULT_POLICY, provider: PROFILES.aws });
  const oldOurs = { ...ours[0]!, Expiration: { Days: 3 } };

  test.each([
    [1, 'empty bucket', [], { added: 5, replaced: 0, kept: [], overlapping: [] }],
    [
      2,
      "others' rules stay, in place",
      [logs, staging],
      { added: 5, replaced: 0, kept: ['logs', 's3-backup:staging:daily'], overlapping: [] },
    ],
    [3, 'our earlier rules are replaced', [oldOurs, logs], { added: 4, replaced: 1, kept: ['logs'], overlapping: [] }],
    [
      4,
      "the seed's rule stays, and is named as overlapping",
      [seed],
      { added: 5, replaced: 0, kept: ['DeleteOldBackups'], overlapping: ['DeleteOldBackups'] },
    ],
  ])('%i: %s', (_n, _label, existing, expected) => {
    const m = mergeRules(existing, ours, 'production');
    expect({ added: m.added.length, replaced: m.replaced.length, kept: m.kept, overlapping: m.overlapping }).toEqual(
      expected,
    );
    for (const r of existing.filter((x) => !x.ID!.startsWith('s3-backup:production:')))
      expect(m.rules).toContainEqual(r);
    expect(m.rules.filter((r) => r.ID!.startsWith('s3-backup:production:'))).toEqual(ours);
  });
});
