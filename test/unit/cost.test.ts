// The seed guide's cost promise, both ways, and this tool's figure for the same 7/4/12 coverage.
import { describe, expect, test } from 'vitest';
import { AWS_US_EAST_1, estimate, parsePrices, seedClaim, seedRule, simulate } from '../../src/retention/cost.js';
import { DEFAULT_POLICY } from '../../src/retention/policy.js';
import { PROFILES } from '../../src/s3/providers.js';
import { UserError } from '../../src/errors.js';

const base = { sizeGB: 100, policy: DEFAULT_POLICY, storageClass: 'STANDARD', prices: AWS_US_EAST_1, noncurrentDays: 7, transitions: true, archive: PROFILES.aws.archive };

describe('the seed example: a 100 GB database, backed up daily', () => {
  test("its claim: 7 STANDARD + 4 GLACIER_IR + 12 DEEP_ARCHIVE copies ≈ $19/month", () => {
    const c = seedClaim(100);
    expect(c.totalUsd).toBeCloseTo(16.1 + 1.6 + 1.188, 6);
    expect(Math.round(c.totalUsd)).toBe(19);
  });
  test('what its rule really costs: every daily kept a year (30 STANDARD, 60 GLACIER_IR, 275 DEEP_ARCHIVE) ≈ $120/month of storage', () => {
    const r = seedRule(100);
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
  test("this tool, same 7/4/12 coverage, no compression counted: lifecycle by tier tag and prune", () => {
    const e = estimate(base);
    console.log(JSON.stringify(e));
  });
});
