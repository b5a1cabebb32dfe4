/**
 * Grandfather-father-son retention (pure). Calendar periods in UTC: the newest backup of each day, ISO week, month
 * and year is that period's representative; a rule keep-daily N keeps the representatives of the N newest days that
 * have a backup (restic's and pgBackRest's sense), and so on. Only good backups (object + checksum sidecar) count.
 */
import type { PolicyKey } from '../../model/retention.js';
import type { Reason } from '../../model/retention.js';
import type { Decision } from '../../model/retention.js';
import type { RetentionPolicy, Tier } from '../../model/retention.js';
import { UserError } from '../errors.js';
import { newestFirst, parseBackupKey } from '../naming.js';

export const DEFAULT_POLICY: RetentionPolicy = {
  keepLast: 0,
  keepDaily: 7,
  keepWeekly: 4,
  keepMonthly: 12,
  keepYearly: 0,
};
export const POLICY_KEYS: readonly PolicyKey[] = [
  'keep-last',
  'keep-daily',
  'keep-weekly',
  'keep-monthly',
  'keep-yearly',
];
const FIELD: Record<PolicyKey, keyof RetentionPolicy> = {
  'keep-last': 'keepLast',
  'keep-daily': 'keepDaily',
  'keep-weekly': 'keepWeekly',
  'keep-monthly': 'keepMonthly',
  'keep-yearly': 'keepYearly',
};
const MAX_KEEP = 10_000;
export const TIERS: Tier[] = ['daily', 'weekly', 'monthly', 'yearly'];
export const TIER_TAG = 's3-backup-tier';

const pad = (n: number) => String(n).padStart(2, '0');
export const dayOf = (d: Date) => `${d.getUTCFullYear()}-${pad(d.getUTCMonth() + 1)}-${pad(d.getUTCDate())}`;
export const monthOf = (d: Date) => `${d.getUTCFullYear()}-${pad(d.getUTCMonth() + 1)}`;
const yearOf = (d: Date) => String(d.getUTCFullYear());
/** ISO 8601 week: weeks start on Monday; week 1 holds the year's first Thursday. "2025-W01" */
export function isoWeekOf(d: Date): string {
  const t = new Date(Date.UTC(d.getUTCFullYear(), d.getUTCMonth(), d.getUTCDate()));
  const dow = t.getUTCDay() || 7;
  t.setUTCDate(t.getUTCDate() + 4 - dow); // the Thursday of this week decides the year
  const yearStart = Date.UTC(t.getUTCFullYear(), 0, 1);
  const week = Math.ceil(((t.getTime() - yearStart) / 86_400_000 + 1) / 7);
  return `${t.getUTCFullYear()}-W${pad(week)}`;
}

/** The rules and their periods, coarsest last. */
export const PERIODS: Array<{ rule: Exclude<PolicyKey, 'keep-last'>; tier: Tier; of: (d: Date) => string }> = [
  { rule: 'keep-daily', tier: 'daily', of: dayOf },
  { rule: 'keep-weekly', tier: 'weekly', of: isoWeekOf },
  { rule: 'keep-monthly', tier: 'monthly', of: monthOf },
  { rule: 'keep-yearly', tier: 'yearly', of: yearOf },
];

/**
 * A backup's tier, decided before it is uploaded from the earlier backups' times: the first backup of a new year is
 * yearly, of a new month monthly, of a new ISO week weekly, anything else daily.
 */
export function tierFor(at: Date, earlier: Date[]): Tier {
  const seen = new Set<string>();
  // the same instant counts as earlier: keys carry whole seconds, so a backup taken in this very second is earlier
  for (const e of earlier) if (e.getTime() <= at.getTime()) markSeen(seen, e);
  return tierFromSeen(at, seen);
}

/** The periods a backup at `at` represents, as keys of one set ("monthly:2025-03" …). */
export function markSeen(seen: Set<string>, at: Date): void {
  for (const p of PERIODS) seen.add(`${p.tier}:${p.of(at)}`);
}

/** tierFor over the periods already seen (an incremental form for long simulations). */
export function tierFromSeen(at: Date, seen: Set<string>): Tier {
  for (const p of [...PERIODS].reverse()) {
    if (p.tier === 'daily') break;
    if (!seen.has(`${p.tier}:${p.of(at)}`)) return p.tier;
  }
  return 'daily';
}

export function policyFromValues(
  values: Partial<Record<PolicyKey, string>>,
  base: RetentionPolicy = DEFAULT_POLICY,
): RetentionPolicy {
  const out = { ...base };
  for (const key of POLICY_KEYS) {
    const text = values[key]?.trim();
    if (!text) continue;
    if (/^-\d+$/.test(text))
      throw new UserError(`${key}: ${text} is negative; it must be 0 (off) or more, up to ${MAX_KEEP}`);
    if (!/^\d+$/.test(text)) throw new UserError(`${key}: "${text}" is not a whole number; use 0 (off) to ${MAX_KEEP}`);
    const n = Number(text);
    if (n > MAX_KEEP) throw new UserError(`${key}: ${n} is out of range; use 0 (off) to ${MAX_KEEP}`);
    out[FIELD[key]] = n;
  }
  if (!out.keepLast && !out.keepDaily && !out.keepWeekly && !out.keepMonthly && !out.keepYearly) {
    throw new UserError(
      'retention: every keep-* rule is 0, which would keep only the newest backup; set at least one (e.g. keep-daily 7)',
    );
  }
  return out;
}

/**
 * The backup input `retention`: empty or "off" = no pruning; "on"/"default" = keep-daily 7, keep-weekly 4,
 * keep-monthly 12; or rules "keep-daily=14, keep-monthly=24" (one per line or comma-separated; rules not named keep
 * their default, 0 turns one off).
 */
export function parseRetention(input: string, text: string): RetentionPolicy | undefined {
  const v = text.trim();
  if (!v || /^(off|false|no|none)$/i.test(v)) return undefined;
  if (/^(on|true|yes|default)$/i.test(v)) return { ...DEFAULT_POLICY };
  const values: Partial<Record<PolicyKey, string>> = {};
  for (const item of v
    .split(/[\n,]/)
    .map((s) => s.trim())
    .filter(Boolean)) {
    const m = /^([a-z-]+)\s*[=:]\s*(\S+)$/i.exec(item) ?? /^([a-z-]+)\s+(\S+)$/i.exec(item);
    const key = m?.[1]?.toLowerCase() as PolicyKey | undefined;
    if (!m || !POLICY_KEYS.includes(key!)) {
      throw new UserError(
        `${input}: "${item}" is not a rule; use off, on, or ${POLICY_KEYS.map((k) => `${k}=N`).join(', ')}`,
      );
    }
    values[key!] = m[2]!;
  }
  return policyFromValues(values);
}

export function describePolicy(p: RetentionPolicy): string {
  const parts = POLICY_KEYS.filter((k) => p[FIELD[k]] > 0).map((k) => `${k} ${p[FIELD[k]]}`);
  return parts.join(', ');
}

export interface Candidate {
  key: string;
  at: Date;
  /** Object, checksum sidecar (and, when it exists, a readable manifest): restorable. */
  good: boolean;
}

/** A backup without a checksum this young may be one whose sidecars are being written right now. */
const IN_PROGRESS_MS = 24 * 3_600_000;

export function formatReason(r: Reason): string {
  switch (r.rule) {
    case 'newest':
      return 'newest good backup';
    case 'latest.json':
      return 'latest.json points here';
    case 'keep-last':
      return `keep-last #${r.n}`;
    case 'in-progress':
      return 'no checksum yet, younger than a day (may be in progress)';
    default:
      return `${r.rule} #${r.n} (${r.period})`;
  }
}

/**
 * Which backups of ONE database to keep (pure). Newest first in the result. The newest good backup and the one
 * latest.json names are always kept; every kept backup carries at least one reason, every deleted one none.
 */
export function selectRetention(
  backups: Candidate[],
  policy: RetentionPolicy,
  o: { latestKey?: string; now: Date },
): Decision[] {
  const seq = (key: string) => parseBackupKey(key)?.seq ?? 1;
  const sorted = [...backups].sort((a, b) => newestFirst({ ...a, seq: seq(a.key) }, { ...b, seq: seq(b.key) }));
  const reasons = new Map<string, Reason[]>(sorted.map((b) => [b.key, []]));
  const good = sorted.filter((b) => b.good);
  if (good[0]) reasons.get(good[0].key)!.push({ rule: 'newest' });
  if (o.latestKey && reasons.has(o.latestKey)) reasons.get(o.latestKey)!.push({ rule: 'latest.json' });
  for (const [i, b] of good.slice(0, policy.keepLast).entries())
    reasons.get(b.key)!.push({ rule: 'keep-last', n: i + 1 });
  for (const p of PERIODS) {
    const limit = policy[FIELD[p.rule]];
    if (!limit) continue;
    const seen = new Set<string>();
    for (const b of good) {
      const period = p.of(b.at);
      if (seen.has(period)) continue; // an older backup of a period already represented
      seen.add(period);
      if (seen.size > limit) break;
      reasons.get(b.key)!.push({ rule: p.rule, period, n: seen.size });
    }
  }
  for (const b of sorted) {
    if (!b.good && o.now.getTime() - b.at.getTime() < IN_PROGRESS_MS) reasons.get(b.key)!.push({ rule: 'in-progress' });
  }
  return sorted.map((b) => {
    const rs = reasons.get(b.key)!;
    const keep = rs.length > 0;
    return {
      key: b.key,
      at: b.at,
      good: b.good,
      keep,
      reasons: rs,
      ...(keep ? {} : { why: b.good ? ('expired' as const) : ('incomplete' as const) }),
    };
  });
}
