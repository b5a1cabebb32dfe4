/**
 * Retention enforced by S3 itself (pure): lifecycle rules filtered by the tier tag every backup carries, storage
 * class transitions that respect minimum storage durations, and a cleanup rule (unfinished multipart uploads,
 * noncurrent versions, expired delete markers). Merging never drops a rule this tool did not write.
 */
import type { LifecycleRule } from '@aws-sdk/client-s3';
import type { ProviderProfile } from '../s3/providers.js';
import { TIER_TAG, TIERS, type RetentionPolicy, type Tier } from './policy.js';

export const RULE_PREFIX = 's3-backup:';
export const ABORT_INCOMPLETE_DAYS = 7;
export const DEFAULT_NONCURRENT_DAYS = 7;
/** Backups stay in their upload class this long before an archive transition: recent ones are the likely restores. */
export const TRANSITION_AFTER_DAYS = 30;

export interface TierPlan {
  tier: Tier;
  expireDays: number;
  transitions: Array<{ days: number; storageClass: string }>;
}

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

/**
 * Transitions only where the object then stays at least the class's minimum storage duration (else S3 bills the
 * minimum anyway): the instant-retrieval archive after 30 days, and the deep archive (hours to restore) for yearly
 * backups only, after their time in the instant class is paid for.
 */
export function tierPlans(
  p: RetentionPolicy,
  provider: Pick<ProviderProfile, 'archive'>,
  transitions = true,
): TierPlan[] {
  const days = tierDays(p);
  return TIERS.map((tier) => {
    const expireDays = days[tier];
    const plan: TierPlan = { tier, expireDays, transitions: [] };
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
  provider: Pick<ProviderProfile, 'archive' | 'lifecycle'>;
  transitions?: boolean;
  noncurrentDays?: number;
}): LifecycleRule[] {
  const rules: LifecycleRule[] = [];
  if (o.provider.lifecycle === 'tags') {
    for (const plan of tierPlans(o.policy, o.provider, o.transitions ?? true)) {
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
