// The 7/4/12 figures often quoted, both ways, and this tool's figure for the same 7/4/12 coverage.
import { describe, expect, test } from 'vitest';
import {
  AWS_US_EAST_1,
  estimate,
  parsePrices,
  copiesCount,
  oneRuleForAll,
  simulate,
} from '../../src/core/retention/cost.js';
import { DEFAULT_POLICY } from '../../src/core/retention/policy.js';
import { PROFILES } from '../../src/core/providers.js';
import { UserError } from '../../src/core/errors.js';

const base = {
  sizeGB: 100,
  policy: DEFAULT_POLICY,
  storageClass: 'STANDARD',
  prices: AWS_US_EAST_1,
  noncurrentDays: 7,
  transitions: true,
  archive: PROFILES.aws.archive,
};

describe('a 100 GB database, backed up daily', () => {
  test('its claim: 7 STANDARD + 4 GLACIER_IR + 12 DEEP_ARCHIVE copies ≈ $19/month', () => {
    const c = copiesCount(100);
    expect(c.totalUsd).toBeCloseTo(16.1 + 1.6 + 1.188, 6);
    expect(Math.round(c.totalUsd)).toBe(19);
  });
  test('what its rule really costs: every daily kept a year (30 STANDARD, 60 GLACIER_IR, 275 DEEP_ARCHIVE) ≈ $120/month of storage', () => {
    const r = oneRuleForAll(100);
    expect(r.backups).toBeCloseTo(365, 0);
    const by = Object.fromEntries(r.classes.map((c) => [c.storageClass, c]));
    expect(by.STANDARD!.gb).toBeCloseTo(3000, -1);
    expect(by.GLACIER_IR!.gb).toBeCloseTo(6000, -1);
    expect(by.DEEP_ARCHIVE!.gb).toBeCloseTo(27500, -1);
    const storage = r.classes.reduce((a, c) => a + c.storageUsd, 0);
    expect(storage).toBeCloseTo(69 + 24 + 27.225, 0); // ≈ $120
    // and GLACIER_IR's 90-day minimum is billed in full though the rule moves objects on after 60 days: +$12
    expect(by.GLACIER_IR!.minimumUsd).toBeCloseTo(12, 0);
    expect(by.STANDARD!.minimumUsd + by.DEEP_ARCHIVE!.minimumUsd).toBe(0);
    expect(r.totalUsd).toBeCloseTo(132.2, 0);
  });
  test('this tool, same 7/4/12 coverage, no compression counted: lifecycle by tier tag ≈ $37, prune ≈ $62', () => {
    const e = estimate(base);
    const by = Object.fromEntries(e.lifecycle.classes.map((c) => [c.storageClass, c]));
    expect(e.lifecycle.totalUsd).toBeCloseTo(36.9, 0);
    // weeklies go to GLACIER_IR after a day and pay its 90-day minimum: still cheaper than 35 days in STANDARD
    expect(by.GLACIER_IR!.minimumUsd).toBeGreaterThan(0);
    expect(by.STANDARD!.minimumUsd).toBe(0);
    expect(Object.keys(by).sort()).toEqual(['GLACIER_IR', 'STANDARD']);
    // ≈ 30 objects stored: 7 days + 5 weeks + 12 months, overlapping, each noncurrent 7 more days
    expect(e.lifecycle.backups).toBeGreaterThan(25);
    expect(e.lifecycle.backups).toBeLessThan(35);
    expect(e.prune.totalUsd).toBeCloseTo(61.8, 0);
    expect(e.prune.classes.map((c) => c.storageClass)).toEqual(['STANDARD']);
    // without the noncurrent days, prune keeps exactly the GFS set: 7 + 2 + 10 or 11 distinct backups
    const bare = estimate({ ...base, noncurrentDays: 0 });
    expect(bare.prune.backups).toBeGreaterThan(19);
    expect(bare.prune.backups).toBeLessThan(21);
  });
  test('compression divides the figure; an overridden price table is used; STANDARD_IA uploads pay their 30-day minimum', () => {
    expect(estimate({ ...base, sizeGB: 25 }).lifecycle.totalUsd).toBeCloseTo(estimate(base).lifecycle.totalUsd / 4, 6);
    const cheaper = estimate({ ...base, prices: parsePrices('prices', 'STANDARD=0.0115') });
    expect(cheaper.prune.totalUsd).toBeCloseTo(61.8 / 2, 0);
    const ia = estimate({ ...base, storageClass: 'STANDARD_IA' });
    expect(ia.lifecycle.classes.find((c) => c.storageClass === 'STANDARD_IA')!.minimumUsd).toBeGreaterThan(0);
  });
  test('simulate: one life per backup of the window, segments in order', () => {
    const lives = simulate({ kind: 'one-rule' }, 'STANDARD', 0);
    expect(lives).toHaveLength(365);
    expect(lives[0]).toEqual([
      { storageClass: 'STANDARD', from: 0, to: 30 },
      { storageClass: 'GLACIER_IR', from: 30, to: 90 },
      { storageClass: 'DEEP_ARCHIVE', from: 90, to: 365 },
    ]);
  });
  test.each([
    [1, '{"STANDARD": 0.02}', 0.02],
    [2, 'standard=0.019', 0.019],
  ])('%i: prices %s', (_n, text, standard) => expect(parsePrices('prices', text).STANDARD!.perGBMonth).toBe(standard));
  test('a bad price table is refused with one line', () => {
    expect(() => parsePrices('prices', '{nope')).toThrow(
      new UserError('prices: not valid JSON; use CLASS=price pairs, e.g. STANDARD=0.023, GLACIER_IR=0.004'),
    );
  });
});
