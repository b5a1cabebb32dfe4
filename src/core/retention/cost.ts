/**
 * Monthly storage cost of a backup history (pure), by simulating it: one backup a day for years, each object's life
 * split into storage-class segments (upload class, lifecycle transitions, expiry or prune, then the noncurrent
 * version a versioned bucket keeps), priced per class with each class's minimum storage duration (an object that
 * leaves a class early is billed the rest of the minimum). Steady state: the objects created in one year, after
 * a warm-up, divided over twelve months.
 *
 * Prices: Amazon S3, us-east-1 list prices per GB-month (GB = 10^9 bytes here), with each class's minimum billable
 * object size; storage only — requests, retrieval and transfer are left out (a daily backup makes a few requests a
 * day: cents a month; retrieval fees steer the plan, see plan.ts). Override any price with `prices`.
 */
import type { Segment } from '../../model/retention.js';
import type { ClassCost } from '../../model/retention.js';
import type { CostEstimate } from '../../model/retention.js';
import { UserError } from '../errors.js';
import type { ProviderProfile } from '../../model/retention.js';
import { tierPlans } from './lifecycle-rules.js';
import type { TierPlan } from '../../model/retention.js';
import type { RetentionPolicy } from '../../model/retention.js';
import { AWS_US_EAST_1, DAYS_PER_MONTH } from './prices.js';
import type { PriceTable } from '../../model/retention.js';
import { simulate, WINDOW_DAYS } from './simulate.js';

export { AWS_US_EAST_1, DAYS_PER_MONTH, parsePrices } from './prices.js';
export type { PriceTable } from '../../model/retention.js';

export function price(lives: Segment[][], sizeGB: number, prices: PriceTable, label: string): CostEstimate {
  const byClass = new Map<string, ClassCost>();
  let objectDays = 0;
  for (const segs of lives) {
    for (const seg of segs) {
      const p = prices[seg.storageClass];
      if (!p)
        throw new UserError(
          `prices: no price for storage class ${seg.storageClass}; add ${seg.storageClass}=<USD per GB-month>`,
        );
      const c = byClass.get(seg.storageClass) ?? {
        storageClass: seg.storageClass,
        gb: 0,
        storageUsd: 0,
        minimumUsd: 0,
      };
      const days = seg.to - seg.from;
      // an object smaller than the class's minimum billable size is billed as that size
      const billedGB = Math.max(sizeGB, (p.minBytes ?? 0) / 1e9);
      c.gb += (sizeGB * days) / WINDOW_DAYS;
      c.storageUsd += (billedGB * p.perGBMonth * days) / DAYS_PER_MONTH;
      c.minimumUsd += (billedGB * p.perGBMonth * Math.max(0, p.minDays - days)) / DAYS_PER_MONTH;
      byClass.set(seg.storageClass, c);
      objectDays += days;
    }
  }
  const months = WINDOW_DAYS / DAYS_PER_MONTH;
  const classes = [...byClass.values()].map((c) => ({
    ...c,
    storageUsd: c.storageUsd / months,
    minimumUsd: c.minimumUsd / months,
  }));
  return {
    label,
    classes,
    totalUsd: classes.reduce((a, c) => a + c.storageUsd + c.minimumUsd, 0),
    backups: objectDays / WINDOW_DAYS,
  };
}

/**
 * The arithmetic often quoted for 7/4/12: 7 dailies in STANDARD, 4 weeklies in GLACIER_IR, 12 monthlies in
 * DEEP_ARCHIVE, counted as copies (it forgets that each backup lives through every class before it expires).
 */
export function copiesCount(sizeGB: number, prices: PriceTable = AWS_US_EAST_1): CostEstimate {
  const classes: ClassCost[] = [
    { storageClass: 'STANDARD', gb: 7 * sizeGB, storageUsd: 7 * sizeGB * prices.STANDARD!.perGBMonth, minimumUsd: 0 },
    {
      storageClass: 'GLACIER_IR',
      gb: 4 * sizeGB,
      storageUsd: 4 * sizeGB * prices.GLACIER_IR!.perGBMonth,
      minimumUsd: 0,
    },
    {
      storageClass: 'DEEP_ARCHIVE',
      gb: 12 * sizeGB,
      storageUsd: 12 * sizeGB * prices.DEEP_ARCHIVE!.perGBMonth,
      minimumUsd: 0,
    },
  ];
  return {
    label: '7 + 4 + 12 copies counted once each (7 STANDARD, 4 GLACIER_IR, 12 DEEP_ARCHIVE)',
    classes,
    totalUsd: classes.reduce((a, c) => a + c.storageUsd, 0),
    backups: 23,
  };
}

export interface CostInput {
  sizeGB: number;
  policy: RetentionPolicy;
  storageClass: string;
  prices: PriceTable;
  noncurrentDays: number;
  transitions: boolean;
  archive: ProviderProfile['archive'];
  /** The provider's storage classes (STANDARD_IA is a candidate where tier rules can move backups to it). */
  storageClasses?: string[];
  lifecycle?: ProviderProfile['lifecycle'];
}

/** The cheapest plan per tier for this input (the one the lifecycle rules write). */
export function planFor(i: CostInput): TierPlan[] {
  return tierPlans(
    i.policy,
    { archive: i.archive, storageClasses: i.storageClasses, lifecycle: i.lifecycle },
    i.transitions,
    {
      uploadClass: i.storageClass,
      prices: i.prices,
      noncurrentDays: i.noncurrentDays,
    },
  );
}

/** This tool's figures for a policy: S3 lifecycle by tier tags, and prune after each backup. */
export function estimate(i: CostInput): { lifecycle: CostEstimate; prune: CostEstimate } {
  return {
    lifecycle: price(
      simulate(
        { kind: 'lifecycle', policy: i.policy, transitions: i.transitions, archive: i.archive, plans: planFor(i) },
        i.storageClass,
        i.noncurrentDays,
      ),
      i.sizeGB,
      i.prices,
      'lifecycle rules by tier tag',
    ),
    prune: price(
      simulate({ kind: 'prune', policy: i.policy }, i.storageClass, i.noncurrentDays),
      i.sizeGB,
      i.prices,
      'prune after each backup',
    ),
  };
}

/** One lifecycle rule for every daily: GLACIER_IR at 30 days, DEEP_ARCHIVE at 90, expired at 365. */
export function oneRuleForAll(sizeGB: number, prices: PriceTable = AWS_US_EAST_1): CostEstimate {
  return price(
    simulate({ kind: 'one-rule' }, 'STANDARD', 0),
    sizeGB,
    prices,
    'every daily to GLACIER_IR at 30 days, DEEP_ARCHIVE at 90, expired at 365',
  );
}

export const usd = (n: number) => `$${n < 10 ? n.toFixed(2) : n.toFixed(0)}`;
export { simulate };
