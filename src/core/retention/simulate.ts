/**
 * The life of a daily backup history, simulated (pure): one backup a day for a warm-up and then a one-year window,
 * each backup of the window's life as storage-class segments (days from its upload).
 */
import type { Scenario, Segment } from '../../model/retention.js';
import { tierPlans } from './lifecycle-rules.js';
import { life } from './storage-plan.js';
import type { Transition } from '../../model/retention.js';
import { markSeen, selectRetention, tierFromSeen } from './policy.js';
import type { Tier } from '../../model/retention.js';

const WARMUP_DAYS = 3 * 366;
export const WINDOW_DAYS = 365;
const DAY_MS = 86_400_000;
const TOTAL = WARMUP_DAYS + WINDOW_DAYS;
const SIM_START = new Date(Date.UTC(2021, 0, 1, 3));

const dayDates = (start: Date, from: number, count: number) =>
  Array.from({ length: count }, (_, i) => new Date(start.getTime() + (from + i) * DAY_MS));

const ONE_RULE: Transition[] = [
  { days: 30, storageClass: 'GLACIER_IR' },
  { days: 90, storageClass: 'DEEP_ARCHIVE' },
];

/** The tier of each backup of the window, decided as the backup does: from the backups before it. */
export function windowTiers(start = SIM_START): Tier[] {
  const dates = dayDates(start, 0, TOTAL);
  const seen = new Set<string>();
  const tiers: Tier[] = [];
  for (let i = 0; i < TOTAL; i++) {
    const tier: Tier = tierFromSeen(dates[i]!, seen);
    markSeen(seen, dates[i]!);
    if (i >= WARMUP_DAYS) tiers.push(tier);
  }
  return tiers;
}

/** S3 lifecycle rules by tier tag: each backup's tier decides its upload class, transitions and expiry. */
function lifecycleLives(
  s: Extract<Scenario, { kind: 'lifecycle' }>,
  storageClass: string,
  noncurrentDays: number,
  start: Date,
): Segment[][] {
  const all =
    s.plans ??
    tierPlans(s.policy, { archive: s.archive }, s.transitions, { uploadClass: storageClass, noncurrentDays });
  const plans = new Map(all.map((p) => [p.tier, p]));
  return windowTiers(start).map((tier) => {
    const plan = plans.get(tier)!;
    return life(plan.uploadClass, plan.transitions, plan.expireDays, noncurrentDays);
  });
}

/** Prune after every backup: an object lives until the first prune that lets it go. */
function pruneLives(
  s: Extract<Scenario, { kind: 'prune' }>,
  storageClass: string,
  noncurrentDays: number,
  start: Date,
): Segment[][] {
  const p = s.policy;
  const longest = p.keepLast + p.keepDaily + p.keepWeekly * 7 + p.keepMonthly * 31 + p.keepYearly * 366 + 31;
  const until = TOTAL + longest;
  const dates = dayDates(start, 0, until);
  const deletedOn = new Map<number, number>();
  let alive: number[] = [];
  for (let i = 0; i < until; i++) {
    alive.push(i);
    const decisions = selectRetention(
      alive.map((j) => ({ key: String(j), at: dates[j]!, good: true })),
      s.policy,
      { now: dates[i]!, latestKey: String(i) },
    );
    const keep = new Set(decisions.filter((d) => d.keep).map((d) => Number(d.key)));
    for (const j of alive) if (!keep.has(j)) deletedOn.set(j, i);
    alive = alive.filter((j) => keep.has(j));
  }
  const lives: Segment[][] = [];
  for (let i = WARMUP_DAYS; i < TOTAL; i++)
    lives.push(life(storageClass, [], (deletedOn.get(i) ?? until) - i, noncurrentDays));
  return lives;
}

/** The life of every backup created in the window, as class segments (days from the window's start). */
export function simulate(s: Scenario, storageClass: string, noncurrentDays: number, start = SIM_START): Segment[][] {
  if (s.kind === 'lifecycle') return lifecycleLives(s, storageClass, noncurrentDays, start);
  if (s.kind === 'prune') return pruneLives(s, storageClass, noncurrentDays, start);
  return Array.from({ length: WINDOW_DAYS }, () => life(storageClass, ONE_RULE, 365, noncurrentDays));
}
