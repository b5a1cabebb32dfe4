// The cheapest plan per tier: minimum-duration charges, the 128 KB minimum, retrieval fees after upload, and the
// figure for 7/4/12 of a 100 GB database stored at a sixth of its size.
import { describe, expect, test } from 'vitest';
import { AWS_US_EAST_1, DAYS_PER_MONTH, price } from '../../src/core/retention/cost.js';
import { costPlan } from '../../src/core/retention/cost-plan.js';
import { tierPlans } from '../../src/core/retention/lifecycle-rules.js';
import {
  candidates,
  cheapestPlan,
  life,
  lifeUsdPerGB,
  type PlanContext,
} from '../../src/core/retention/storage-plan.js';
import { DEFAULT_POLICY } from '../../src/core/retention/policy.js';
import { PROFILES } from '../../src/core/providers.js';

const M = DAYS_PER_MONTH;
const ctx: PlanContext = {
  uploadClass: 'STANDARD',
  prices: AWS_US_EAST_1,
  noncurrentDays: 3,
  instant: ['GLACIER_IR', 'STANDARD_IA'],
  deep: 'DEEP_ARCHIVE',
  readsAfterUpload: 1,
};

describe('lifeUsdPerGB: an object that leaves a class before its minimum is billed the full minimum', () => {
  test.each([
    ['STANDARD 10 d: as stored', [['STANDARD', 0, 10]], 0, (0.023 * 10) / M],
    ['STANDARD_IA 10 d: billed 30', [['STANDARD_IA', 0, 10]], 0, (0.0125 * 30) / M],
    ['STANDARD_IA 45 d: as stored', [['STANDARD_IA', 0, 45]], 0, (0.0125 * 45) / M],
    ['GLACIER_IR 38 d: billed 90', [['GLACIER_IR', 0, 38]], 0, (0.004 * 90) / M],
    ['GLACIER 30 d: billed 90', [['GLACIER', 0, 30]], 0, (0.0036 * 90) / M],
    ['DEEP_ARCHIVE 100 d: billed 180', [['DEEP_ARCHIVE', 0, 100]], 0, (0.00099 * 180) / M],
    [
      'STANDARD 1 d, GLACIER_IR 37 d (billed 90)',
      [
        ['STANDARD', 0, 1],
        ['GLACIER_IR', 1, 38],
      ],
      0,
      (0.023 * 1 + 0.004 * 90) / M,
    ],
    [
      'GLACIER_IR left for DEEP_ARCHIVE after 60 d: both minimums',
      [
        ['GLACIER_IR', 0, 60],
        ['DEEP_ARCHIVE', 60, 200],
      ],
      0,
      (0.004 * 90 + 0.00099 * 180) / M,
    ],
    ['GLACIER_IR uploaded and read once: + $0.03/GB retrieval', [['GLACIER_IR', 0, 100]], 1, (0.004 * 100) / M + 0.03],
    ['STANDARD read once: no retrieval fee', [['STANDARD', 0, 10]], 1, (0.023 * 10) / M],
  ] as Array<[string, Array<[string, number, number]>, number, number]>)('%s', (_what, segs, reads, usd) => {
    const s = segs.map(([storageClass, from, to]) => ({ storageClass, from, to }));
    expect(lifeUsdPerGB(s, AWS_US_EAST_1, reads)).toBeCloseTo(usd, 10);
  });
  test('a class without a price makes no plan', () => {
    expect(lifeUsdPerGB([{ storageClass: 'NEARLINE', from: 0, to: 5 }], AWS_US_EAST_1)).toBeUndefined();
  });
});

describe('price: minimum duration and the 128 KB minimum billable size, in dollars a month', () => {
  const year = 365 / M; // the simulation window, in months
  test.each([
    ['1 GB, STANDARD 10 d', 1, [['STANDARD', 0, 10]], (0.023 * 10) / M, 0],
    ['1 GB, GLACIER_IR 10 d: 80 d of minimum', 1, [['GLACIER_IR', 0, 10]], (0.004 * 10) / M, (0.004 * 80) / M],
    ['1 GB, STANDARD_IA 31 d: no minimum', 1, [['STANDARD_IA', 0, 31]], (0.0125 * 31) / M, 0],
    ['10 KB, STANDARD 30 d: as stored', 10e3 / 1e9, [['STANDARD', 0, 30]], (1e-5 * 0.023 * 30) / M, 0],
    [
      '10 KB, GLACIER_IR 90 d: billed as 128 KB',
      10e3 / 1e9,
      [['GLACIER_IR', 0, 90]],
      ((131072 / 1e9) * 0.004 * 90) / M,
      0,
    ],
    [
      '10 KB, STANDARD_IA 10 d: 128 KB for 30 d',
      10e3 / 1e9,
      [['STANDARD_IA', 0, 10]],
      ((131072 / 1e9) * 0.0125 * 10) / M,
      ((131072 / 1e9) * 0.0125 * 20) / M,
    ],
  ] as Array<[string, number, Array<[string, number, number]>, number, number]>)(
    '%s',
    (_what, gb, segs, storage, minimum) => {
      const e = price([segs.map(([storageClass, from, to]) => ({ storageClass, from, to }))], gb, AWS_US_EAST_1, 'x');
      expect(e.classes[0]!.storageUsd * year).toBeCloseTo(storage, 12);
      expect(e.classes[0]!.minimumUsd * year).toBeCloseTo(minimum, 12);
      expect(e.totalUsd * year).toBeCloseTo(storage + minimum, 12);
    },
  );
});

describe('cheapestPlan', () => {
  const gir = (days: number) => ({ days, storageClass: 'GLACIER_IR' });
  const deep = (days: number) => ({ days, storageClass: 'DEEP_ARCHIVE' });
  test.each([
    ['daily, 7 d: a week in STANDARD beats 90 d of GLACIER_IR', 7, 7, [], (0.023 * 10) / M],
    ['weekly, 35 d: GLACIER_IR after a day, its 90-day minimum paid', 35, 35, [gir(1)], (0.023 + 0.004 * 90) / M],
    ['monthly, 365 d: GLACIER_IR after a day', 365, 365, [gir(1)], (0.023 + 0.004 * 367) / M],
    ['daily, 30 d: GLACIER_IR after a day', 30, 30, [gir(1)], (0.023 + 0.004 * 90) / M],
    ['daily, 13 d: 16 d in STANDARD still under 1 d + 90 d of GLACIER_IR', 13, 13, [], (0.023 * 16) / M],
    ['daily, 14 d: 17 d in STANDARD costs more than 1 d + 90 d of GLACIER_IR', 14, 14, [gir(1)], (0.023 + 0.36) / M],
    [
      'yearly kept 3 years, monthly for a year: DEEP_ARCHIVE only after the 365 thaw-free days',
      1098,
      365,
      [gir(1), deep(365)],
      (0.023 + 0.004 * 364 + 0.00099 * 736) / M,
    ],
    [
      'yearly kept 400 d, monthly for 365: DEEP_ARCHIVE would cost its 180-day minimum for 38 days',
      400,
      365,
      [gir(1)],
      (0.023 + 0.004 * 402) / M,
    ],
  ] as Array<[string, number, number, Array<{ days: number; storageClass: string }>, number]>)(
    '%s',
    (_what, expire, thawFree, transitions, usd) => {
      const p = cheapestPlan(expire, thawFree, ctx);
      expect(p.transitions).toEqual(transitions);
      expect(p.uploadClass).toBe('STANDARD');
      expect(p.usdPerGB).toBeCloseTo(usd, 10);
    },
  );
  test('uploading straight into GLACIER_IR loses to a day in STANDARD when the new backup is read once, wins when never', () => {
    const both = { ...ctx, uploadAlternatives: ['GLACIER_IR'] };
    expect(cheapestPlan(35, 35, both)).toMatchObject({ uploadClass: 'STANDARD', transitions: [gir(1)] });
    expect(cheapestPlan(35, 35, { ...both, readsAfterUpload: 0 })).toMatchObject({
      uploadClass: 'GLACIER_IR',
      transitions: [],
    });
  });
  test('STANDARD_IA only after 30 days in STANDARD (an S3 rule); never the deep archive before the thaw-free days', () => {
    expect(candidates(35, 35, ctx)).toContainEqual([{ days: 30, storageClass: 'STANDARD_IA' }]);
    for (const c of candidates(1098, 365, ctx))
      for (const t of c) if (t.storageClass === 'DEEP_ARCHIVE') expect(t.days).toBeGreaterThanOrEqual(365);
  });
  test('property: the plan is never dearer than any candidate, nor than staying in STANDARD', () => {
    for (const expire of [1, 7, 14, 20, 35, 63, 90, 120, 365, 730]) {
      for (const noncurrentDays of [0, 1, 3, 7, 30]) {
        const c = { ...ctx, noncurrentDays };
        const best = cheapestPlan(expire, expire, c);
        for (const t of candidates(expire, expire, c))
          expect(best.usdPerGB).toBeLessThanOrEqual(
            lifeUsdPerGB(life('STANDARD', t, expire, noncurrentDays), AWS_US_EAST_1, 1)! + 1e-9,
          );
      }
    }
  });
});

describe('7/4/12 of a 100 GB database stored at a sixth (zstd), noncurrent versions 3 days', () => {
  const input = {
    sizeGB: 100 / 6,
    policy: DEFAULT_POLICY,
    storageClass: 'STANDARD',
    prices: AWS_US_EAST_1,
    noncurrentDays: 3,
    transitions: true,
    archive: PROFILES.aws.archive,
    storageClasses: PROFILES.aws.storageClasses,
    lifecycle: PROFILES.aws.lifecycle,
  };
  test('under $5 a month, every daily, weekly and monthly readable without a thaw', () => {
    const r = costPlan(input);
    expect(r.chosen.totalUsd).toBeLessThanOrEqual(5);
    expect(r.chosen.totalUsd).toBeCloseTo(4.87, 2);
    expect(r.plan.map((t) => [t.tier, t.uploadClass, t.transitions, t.backupsPerYear])).toEqual([
      ['daily', 'STANDARD', [], 303],
      ['weekly', 'STANDARD', [{ days: 1, storageClass: 'GLACIER_IR' }], 50],
      ['monthly', 'STANDARD', [{ days: 1, storageClass: 'GLACIER_IR' }], 11],
      ['yearly', 'STANDARD', [{ days: 1, storageClass: 'GLACIER_IR' }], 1],
    ]);
    for (const t of r.plan) expect(t.thawFreeDays).toBe(t.expireDays);
    // the tiers add up to the whole; weeklies pay GLACIER_IR's minimum for the 53 days they do not stay (1 + 37 d)
    expect(r.plan.reduce((a, t) => a + t.usd, 0)).toBeCloseTo(r.chosen.totalUsd, 10);
    expect(r.plan.find((t) => t.tier === 'weekly')!.minimumUsd).toBeCloseTo((50 * (100 / 6) * 0.004 * 53) / 365, 10);
  });
  test('the alternatives: GLACIER_IR after 30 days $7.75, all STANDARD, prune, one rule for every daily', () => {
    const [after30, standard, prune, oneRule] = costPlan(input).alternatives;
    expect(after30!.label).toBe(
      'STANDARD, then GLACIER_IR after 30 days only where its minimum is met, noncurrent versions 7 days',
    );
    expect(after30!.totalUsd).toBeCloseTo(7.75, 2);
    expect(standard!.classes.map((c) => c.storageClass)).toEqual(['STANDARD']);
    expect(standard!.totalUsd).toBeCloseTo(9.82, 2);
    expect(prune!.totalUsd).toBeCloseTo(8.76, 2);
    expect(oneRule!.totalUsd).toBeCloseTo(132.2 / 6, 1);
  });
  test('the lifecycle rules write that plan', () => {
    const plans = tierPlans(DEFAULT_POLICY, PROFILES.aws, true, { noncurrentDays: 3 });
    expect(plans.map((p) => p.transitions)).toEqual(costPlan(input).plan.map((t) => t.transitions));
  });
});
