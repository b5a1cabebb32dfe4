/**
 * Retention enforced by S3 itself (pure): lifecycle rules filtered by the tier tag every backup carries, the
 * cheapest storage class transitions per tier (minimum storage durations included), and a cleanup rule (unfinished
 * multipart uploads, noncurrent versions, expired delete markers). Merging never drops a rule this tool did not write.
 */
import type { TierPlan } from '../../model/retention.js';
import type { LifecycleRule } from '@aws-sdk/client-s3';
import type { ProviderProfile } from '../../model/retention.js';
import { cheapestPlan, type PlanContext } from './storage-plan.js';
import { AWS_US_EAST_1 } from './prices.js';
import type { PriceTable } from '../../model/retention.js';
import { TIER_TAG, TIERS } from './policy.js';
import type { RetentionPolicy, Tier } from '../../model/retention.js';

const RULE_PREFIX = 's3-backup:';
const ABORT_INCOMPLETE_DAYS = 7;
/**
 * Days a versioned bucket keeps what expired or was pruned: a mistaken prune or delete is seen by the next daily
 * run (check, monitors) and can be undone over a weekend; longer protection is Object Lock's.
 */
export const DEFAULT_NONCURRENT_DAYS = 3;
/** The wait before an archive transition in the archive-after-30-days alternative (archiveAfter30Plans). */
const TRANSITION_AFTER_DAYS = 30;

/**
 * Days each tier lives: dailies keep-daily days, weeklies (keep-weekly + 1) weeks, monthlies keep-monthly × 365/12
 * days, yearlies keep-yearly × 366 days. A coarser tier never expires before a finer one (a monthly is also its
 * week's and day's backup).
 */
export function tierDays(p: RetentionPolicy): Record<Tier, number> {
  const daily = Math.max(1, p.keepDaily, p.keepLast);
  const weekly = Math.max(daily, p.keepWeekly ? (p.keepWeekly + 1) * 7 : 0);
  const monthly = Math.max(weekly, p.keepMonthly ? Math.round((p.keepMonthly * 365) / 12) : 0);
  const yearly = Math.max(monthly, p.keepYearly * 366);
  return { daily, weekly, monthly, yearly };
}

/** What the plan is priced with: the class backups are uploaded in, the prices, the noncurrent days. */
export interface PlanOptions {
  uploadClass?: string;
  prices?: PriceTable;
  noncurrentDays?: number;
  /** Whole reads of each backup on its first day (the verify or drill of the newest backup): 1 by default. */
  readsAfterUpload?: number;
  /** Allow ONEZONE_IA (one Availability Zone: lost with it). Off by default. */
  oneZone?: boolean;
}

type PlanProvider = Pick<ProviderProfile, 'archive'> & Partial<Pick<ProviderProfile, 'storageClasses' | 'lifecycle'>>;

/**
 * The cheapest plan per tier (see plan.ts), minimum-duration charges included: with 7/4/12 on AWS, dailies stay in
 * STANDARD (a week there costs less than GLACIER_IR's 90-day minimum), weeklies and monthlies move to GLACIER_IR
 * after their first day. Every tier stays readable without a thaw as long as a finer tier still counts on it: only
 * yearlies reach the deep archive, after the monthlies' days.
 */
export function tierPlans(
  p: RetentionPolicy,
  provider: PlanProvider,
  transitions = true,
  o: PlanOptions = {},
): TierPlan[] {
  const days = tierDays(p);
  const uploadClass = o.uploadClass ?? 'STANDARD';
  const { instant, deep } = provider.archive;
  const ctx: PlanContext = {
    uploadClass,
    prices: o.prices ?? AWS_US_EAST_1,
    noncurrentDays: o.noncurrentDays ?? DEFAULT_NONCURRENT_DAYS,
    instant: [
      ...(instant ? [instant.class] : []),
      // the infrequent-access classes where tier rules can move backups to them
      ...(provider.lifecycle === 'tags' ? (provider.storageClasses ?? []) : []).filter(
        (c) => c === 'STANDARD_IA' || (o.oneZone && c === 'ONEZONE_IA'),
      ),
    ],
    deep: deep?.class,
    readsAfterUpload: o.readsAfterUpload ?? 1,
  };
  return TIERS.map((tier) => {
    const expireDays = days[tier];
    const thawFree = tier === 'yearly' ? days.monthly : expireDays;
    const plan = transitions ? cheapestPlan(expireDays, thawFree, ctx).transitions : [];
    return { tier, expireDays, uploadClass, transitions: plan };
  });
}

/**
 * A common plan, priced by `cost` as an alternative: everything uploaded in STANDARD, GLACIER_IR after 30 days only
 * where its minimum is then met, DEEP_ARCHIVE for yearlies after their GLACIER_IR minimum.
 */
export function archiveAfter30Plans(
  p: RetentionPolicy,
  provider: Pick<ProviderProfile, 'archive'>,
  transitions = true,
): TierPlan[] {
  const days = tierDays(p);
  return TIERS.map((tier) => {
    const expireDays = days[tier];
    const plan: TierPlan = { tier, expireDays, uploadClass: 'STANDARD', transitions: [] };
    const { instant, deep } = provider.archive;
    if (!transitions) return plan;
    let at = TRANSITION_AFTER_DAYS;
    if (instant && expireDays - at >= instant.minDays) {
      plan.transitions.push({ days: at, storageClass: instant.class });
      at += instant.minDays;
    }
    if (tier === 'yearly' && deep && expireDays - at >= deep.minDays)
      plan.transitions.push({ days: at, storageClass: deep.class });
    return plan;
  });
}

export const ruleId = (prefix: string, name: Tier | 'cleanup') => `${RULE_PREFIX}${prefix}:${name}`;
const keyPrefix = (prefix: string) => (prefix ? `${prefix}/` : '');

export function lifecycleRules(o: {
  prefix: string;
  policy: RetentionPolicy;
  provider: Pick<ProviderProfile, 'archive' | 'lifecycle'> & Partial<Pick<ProviderProfile, 'storageClasses'>>;
  transitions?: boolean;
  noncurrentDays?: number;
}): LifecycleRule[] {
  const rules: LifecycleRule[] = [];
  if (o.provider.lifecycle === 'tags') {
    const plans = tierPlans(o.policy, o.provider, o.transitions ?? true, { noncurrentDays: o.noncurrentDays });
    for (const plan of plans) {
      rules.push({
        ID: ruleId(o.prefix, plan.tier),
        Status: 'Enabled',
        Filter: { And: { Prefix: keyPrefix(o.prefix), Tags: [{ Key: TIER_TAG, Value: plan.tier }] } },
        Expiration: { Days: plan.expireDays },
        ...(plan.transitions.length
          ? {
              Transitions: plan.transitions.map((t) => ({
                Days: t.days,
                StorageClass: t.storageClass as 'GLACIER_IR',
              })),
            }
          : {}),
      });
    }
  }
  rules.push({
    ID: ruleId(o.prefix, 'cleanup'),
    Status: 'Enabled',
    Filter: { Prefix: keyPrefix(o.prefix) },
    AbortIncompleteMultipartUpload: { DaysAfterInitiation: ABORT_INCOMPLETE_DAYS },
    // versioning keeps what expired or was pruned as a noncurrent version: for this long, then it goes too
    NoncurrentVersionExpiration: { NoncurrentDays: o.noncurrentDays ?? DEFAULT_NONCURRENT_DAYS },
    Expiration: { ExpiredObjectDeleteMarker: true },
  });
  return rules;
}

const isOurs = (prefix: string, id: string | undefined) =>
  (['cleanup', ...TIERS] as const).some((name) => id === ruleId(prefix, name));

function rulePrefix(r: LifecycleRule): string | undefined {
  return (
    r.Filter?.Prefix ??
    r.Filter?.And?.Prefix ??
    (r as { Prefix?: string }).Prefix ??
    (r.Filter && !r.Filter.Tag && !r.Filter.And ? '' : undefined)
  );
}

export interface Merged {
  rules: LifecycleRule[];
  replaced: string[];
  added: string[];
  kept: string[];
  /** Rules of others that also act on our keys (they may expire or archive backups sooner or keep them longer). */
  overlapping: string[];
}

/**
 * Ceph RGW echoes an And filter as { Prefix, Tag } side by side, which S3 itself refuses on the way back in: the
 * same filter in the standard form, with nothing else changed.
 */
export function normalizeFilter(r: LifecycleRule): LifecycleRule {
  const f = r.Filter;
  if (!f || f.And || f.Tag === undefined || f.Prefix === undefined) return r;
  return { ...r, Filter: { And: { Prefix: f.Prefix, Tags: [f.Tag] } } };
}

/** get → merge → put: our rules for this prefix are replaced, every other rule stays as it was. */
export function mergeRules(existing: LifecycleRule[], ours: LifecycleRule[], prefix: string): Merged {
  const others = existing.filter((r) => !isOurs(prefix, r.ID)).map(normalizeFilter);
  const replaced = existing.filter((r) => isOurs(prefix, r.ID)).map((r) => r.ID!);
  const ourPrefix = keyPrefix(prefix);
  const overlapping = others
    .filter((r) => r.Status === 'Enabled' && !r.ID?.startsWith(RULE_PREFIX))
    .filter((r) => {
      const p = rulePrefix(r);
      return p !== undefined && (ourPrefix.startsWith(p) || p.startsWith(ourPrefix));
    })
    .filter((r) => r.Expiration?.Days || r.Expiration?.Date || r.Transitions?.length)
    .map((r) => r.ID ?? '(no id)');
  return {
    rules: [...others, ...ours],
    replaced,
    added: ours.map((r) => r.ID!).filter((id) => !replaced.includes(id)),
    kept: others.map((r) => r.ID ?? '(no id)'),
    overlapping,
  };
}
