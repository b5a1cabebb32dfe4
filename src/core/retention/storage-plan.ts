/**
 * The cheapest storage plan for one tier (pure). A backup is uploaded in one class; S3 lifecycle rules may then move
 * it to a cheaper class, once. Every candidate is priced over the backup's whole life (kept days plus the days a
 * versioned bucket keeps it noncurrent) with each class's minimum storage duration billed in full and the reads
 * after upload paid at the upload class's retrieval fee; the cheapest wins, the simplest on a tie. Only classes
 * readable without a thaw are used while a finer tier still counts on the backup; the deep archive comes after.
 */
import type { Transition } from '../../model/retention.js';
import type { Segment } from '../../model/retention.js';
import { DAYS_PER_MONTH } from './prices.js';
import type { PriceTable } from '../../model/retention.js';

/**
 * The first day a lifecycle rule moves a backup to an instant class: day 0 would move it at the first midnight
 * (UTC), possibly minutes after the upload, while the newest backup is the one verified, drilled and restored.
 */
const EARLIEST_TRANSITION_DAYS = 1;
/** S3 moves nothing from STANDARD to STANDARD_IA or ONEZONE_IA before it is 30 days old. */
const IA_AFTER_DAYS = 30;
const IA_CLASSES = new Set(['STANDARD_IA', 'ONEZONE_IA']);

/** One object's segments: uploaded in `cls`, moved by the transitions before `end`, then kept noncurrent. */
export function life(cls: string, transitions: Transition[], end: number, noncurrentDays: number): Segment[] {
  const segs: Segment[] = [];
  let from = 0;
  let current = cls;
  for (const t of transitions.filter((t) => t.days < end)) {
    segs.push({ storageClass: current, from, to: t.days });
    from = t.days;
    current = t.storageClass;
  }
  segs.push({ storageClass: current, from, to: end + noncurrentDays });
  return segs;
}

/**
 * USD per GB of one object's life: each segment billed at least its class's minimum storage duration, plus `reads`
 * whole reads on the first day at the upload class's retrieval fee. Undefined when a class has no price.
 */
export function lifeUsdPerGB(segs: Segment[], prices: PriceTable, reads = 0): number | undefined {
  let usd = 0;
  for (const s of segs) {
    const p = prices[s.storageClass];
    if (!p) return undefined;
    usd += (p.perGBMonth * Math.max(s.to - s.from, p.minDays)) / DAYS_PER_MONTH;
  }
  return usd + reads * (prices[segs[0]!.storageClass]?.retrievalPerGB ?? 0);
}

export interface PlanContext {
  /** The class backups are uploaded in (the backup's storage-class). */
  uploadClass: string;
  /**
   * Other classes a backup could be uploaded in directly, priced against uploading in `uploadClass` and moving it
   * a day later: with one read after upload, the day in STANDARD costs less than an instant class's retrieval fee.
   */
  uploadAlternatives?: string[];
  prices: PriceTable;
  noncurrentDays: number;
  /** Classes readable without a thaw that the plan may move a backup to. */
  instant: string[];
  /** The archive class that needs a thaw (S3 restore) before a read: only after `thawFreeDays`. */
  deep?: string;
  /** Whole reads of a backup on its first day (the verify or drill of the newest backup). */
  readsAfterUpload: number;
}

const earliest = (from: string, to: string) =>
  from === 'STANDARD' && IA_CLASSES.has(to) ? IA_AFTER_DAYS : EARLIEST_TRANSITION_DAYS;

/**
 * Every plan worth pricing from one upload class: stay; one move to an instant class; then, after `thawFreeDays`,
 * the deep archive.
 */
export function candidates(
  expireDays: number,
  thawFreeDays: number,
  ctx: PlanContext,
  uploadClass = ctx.uploadClass,
): Transition[][] {
  const out: Transition[][] = [[]];
  for (const cls of ctx.instant) {
    const days = earliest(uploadClass, cls);
    if (cls !== uploadClass && days < expireDays) out.push([{ days, storageClass: cls }]);
  }
  const deep = ctx.deep;
  if (!deep || thawFreeDays >= expireDays) return out;
  for (const base of [...out]) {
    const last = base.at(-1);
    const stay = last ? [last.days + 1, last.days + (ctx.prices[last.storageClass]?.minDays ?? 0)] : [1];
    for (const at of new Set(stay.map((d) => Math.max(thawFreeDays, d))))
      if (at < expireDays) out.push([...base, { days: at, storageClass: deep }]);
  }
  return out;
}

export interface Plan {
  uploadClass: string;
  transitions: Transition[];
  /** USD per GB over one backup's life: storage, minimum-duration charges, reads after upload. */
  usdPerGB: number;
}

/** The cheapest candidate over every upload class allowed. */
export function cheapestPlan(expireDays: number, thawFreeDays: number, ctx: PlanContext): Plan {
  let best: Plan | undefined;
  for (const uploadClass of [ctx.uploadClass, ...(ctx.uploadAlternatives ?? [])]) {
    for (const transitions of candidates(expireDays, thawFreeDays, ctx, uploadClass)) {
      const segs = life(uploadClass, transitions, expireDays, ctx.noncurrentDays);
      const usdPerGB = lifeUsdPerGB(segs, ctx.prices, ctx.readsAfterUpload);
      if (usdPerGB === undefined) continue;
      // a cheaper plan must be cheaper by more than rounding: the simpler one wins a tie
      if (!best || usdPerGB < best.usdPerGB - 1e-9) best = { uploadClass, transitions, usdPerGB };
    }
  }
  return best ?? { uploadClass: ctx.uploadClass, transitions: [], usdPerGB: Number.NaN };
}
