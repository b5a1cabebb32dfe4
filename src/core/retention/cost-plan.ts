/**
 * The chosen storage plan priced per tier, and the alternatives at the same stored size (pure): GLACIER_IR after 30
 * days, everything in STANDARD, prune after each backup, and one rule for every daily.
 */
import { estimate, oneRuleForAll, planFor, price, simulate, type CostInput } from './cost.js';
import type { CostEstimate } from '../../model/retention.js';
import { archiveAfter30Plans } from './lifecycle-rules.js';
import type { TierPlan } from '../../model/retention.js';
import { windowTiers } from './simulate.js';

/** The noncurrent days of the archive-after-30-days alternative. */
const ARCHIVE_AFTER_30_NONCURRENT_DAYS = 7;

export interface TierCost extends TierPlan {
  noncurrentDays: number;
  /** Backups of this tier made in a year. */
  backupsPerYear: number;
  /** USD a month for the tier, minimum-duration charges included. */
  usd: number;
  /** The minimum-duration charges in `usd`. */
  minimumUsd: number;
  /** Days from upload during which the backup is readable without a thaw (its whole life: expireDays). */
  thawFreeDays: number;
}

export interface CostPlan {
  plan: TierCost[];
  chosen: CostEstimate;
  prune: CostEstimate;
  alternatives: CostEstimate[];
}

const THAW_CLASSES = new Set(['GLACIER', 'DEEP_ARCHIVE']);

function tierCosts(i: CostInput, plans: TierPlan[]): TierCost[] {
  const lives = simulate(
    { kind: 'lifecycle', policy: i.policy, transitions: i.transitions, archive: i.archive, plans },
    i.storageClass,
    i.noncurrentDays,
  );
  const tiers = windowTiers();
  return plans.map((p) => {
    const mine = lives.filter((_, n) => tiers[n] === p.tier);
    const e = price(mine, i.sizeGB, i.prices, p.tier);
    const thaw = p.transitions.find((t) => THAW_CLASSES.has(t.storageClass));
    return {
      ...p,
      noncurrentDays: i.noncurrentDays,
      backupsPerYear: mine.length,
      usd: e.totalUsd,
      minimumUsd: e.classes.reduce((a, c) => a + c.minimumUsd, 0),
      thawFreeDays: thaw ? thaw.days : p.expireDays,
    };
  });
}

export function costPlan(i: CostInput): CostPlan {
  const plans = planFor(i);
  const ours = estimate(i);
  const lifecycle = (label: string, plansOf: TierPlan[], noncurrentDays: number) =>
    price(
      simulate(
        { kind: 'lifecycle', policy: i.policy, transitions: i.transitions, archive: i.archive, plans: plansOf },
        i.storageClass,
        noncurrentDays,
      ),
      i.sizeGB,
      i.prices,
      label,
    );
  const alternatives = [
    lifecycle(
      `STANDARD, then GLACIER_IR after 30 days only where its minimum is met, noncurrent versions ${ARCHIVE_AFTER_30_NONCURRENT_DAYS} days`,
      archiveAfter30Plans(i.policy, { archive: i.archive }, i.transitions),
      ARCHIVE_AFTER_30_NONCURRENT_DAYS,
    ),
    lifecycle(
      'lifecycle rules by tier tag, everything in STANDARD',
      planFor({ ...i, transitions: false }),
      i.noncurrentDays,
    ),
    ours.prune,
    oneRuleForAll(i.sizeGB, i.prices),
  ];
  return { plan: tierCosts(i, plans), chosen: ours.lifecycle, prune: ours.prune, alternatives };
}
