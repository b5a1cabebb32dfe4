// GFS retention: calendar periods, tiers, the policy input, and the selection as numbered tables and properties.
import fc from 'fast-check';
import { describe, expect, test } from 'vitest';
import { UserError } from '../../src/core/errors.js';
import {
  dayOf,
  DEFAULT_POLICY,
  isoWeekOf,
  markSeen,
  monthOf,
  parseRetention,
  PERIODS,
  selectRetention,
  tierFor,
  tierFromSeen,
  type Candidate,
} from '../../src/core/retention/policy.js';
import type { RetentionPolicy } from '../../src/model/retention.js';

const d = (s: string) => new Date(`${s}Z`);

describe('isoWeekOf', () => {
  test.each([
    [1, '2025-01-01T00:00:00', '2025-W01'], // a Wednesday
    [2, '2024-12-30T00:00:00', '2025-W01'], // Monday of the week holding 2 Jan 2025's Thursday
    [3, '2024-12-29T23:59:59', '2024-W52'], // the Sunday before
    [4, '2021-01-03T12:00:00', '2020-W53'], // 2020 had 53 ISO weeks
    [5, '2026-12-31T00:00:00', '2026-W53'],
    [6, '2027-01-04T00:00:00', '2027-W01'],
  ])('%i: %s → %s', (_n, at, week) => expect(isoWeekOf(d(at))).toBe(week));
});

describe('tierFor: decided from the earlier backups before the upload', () => {
  test.each([
    [1, '2025-03-05T03:00:00', [], 'yearly'], // the first backup ever
    [2, '2025-03-05T03:00:00', ['2025-03-04T03:00:00'], 'daily'], // same ISO week (Tue → Wed), same month
    [3, '2025-03-10T03:00:00', ['2025-03-09T03:00:00'], 'weekly'], // Monday: a new ISO week
    [4, '2025-04-01T03:00:00', ['2025-03-31T03:00:00'], 'monthly'], // same ISO week (Mon → Tue), new month
    [5, '2026-01-01T03:00:00', ['2025-12-31T03:00:00'], 'yearly'],
    [6, '2025-03-05T15:00:00', ['2025-03-05T03:00:00'], 'daily'], // the second backup of a day
    [7, '2025-03-05T03:00:00', ['2025-03-05T15:00:00'], 'yearly'], // only later backups: they do not count
    [8, '2025-04-01T03:00:00', ['2025-04-01T03:00:00'], 'daily'], // another backup in the same second came first
  ])('%i: %s after %j → %s', (_n, at, earlier, tier) => expect(tierFor(d(at), earlier.map(d))).toBe(tier));
});

describe('parseRetention (the backup input)', () => {
  test.each([
    [1, '', undefined],
    [2, 'off', undefined],
    [3, 'on', DEFAULT_POLICY],
    [4, 'default', DEFAULT_POLICY],
    [5, 'keep-daily=14, keep-monthly=24', { ...DEFAULT_POLICY, keepDaily: 14, keepMonthly: 24 }],
    [6, 'keep-last 3\nkeep-yearly: 5', { ...DEFAULT_POLICY, keepLast: 3, keepYearly: 5 }],
    [7, 'keep-weekly=0', { ...DEFAULT_POLICY, keepWeekly: 0 }],
  ])('%i: %j', (_n, text, policy) => expect(parseRetention('retention', text)).toEqual(policy));

  test.each([
    [
      1,
      'keep-dialy=7',
      'retention: "keep-dialy=7" is not a rule; use off, on, or keep-last=N, keep-daily=N, keep-weekly=N, keep-monthly=N, keep-yearly=N',
    ],
    [2, 'keep-daily=-1', 'keep-daily: -1 is negative; it must be 0 (off) or more, up to 10000'],
    [3, 'keep-daily=7.5', 'keep-daily: "7.5" is not a whole number; use 0 (off) to 10000'],
    [
      4,
      'keep-daily=0, keep-weekly=0, keep-monthly=0',
      'retention: every keep-* rule is 0, which would keep only the newest backup; set at least one (e.g. keep-daily 7)',
    ],
  ])('%i: %j is refused with one line', (_n, text, message) => {
    expect(() => parseRetention('retention', text)).toThrow(new UserError(message));
  });
});

const daily = (from: string, days: number, hour = 3): Candidate[] =>
  Array.from({ length: days }, (_, i) => {
    const at = new Date(d(from).getTime() + i * 86_400_000 + hour * 3_600_000);
    return { key: `p/app_prod_${at.toISOString()}.dump.zst`, at, good: true };
  });

const keptStamps = (backups: Candidate[], policy: RetentionPolicy, o: { latestKey?: string; now?: Date } = {}) =>
  selectRetention(backups, policy, { now: o.now ?? d('2030-01-01T00:00:00'), latestKey: o.latestKey })
    .filter((x) => x.keep)
    .map((x) => x.at.toISOString().slice(0, 10));

describe('selectRetention', () => {
  const policy = (p: Partial<RetentionPolicy>): RetentionPolicy => ({
    keepLast: 0,
    keepDaily: 0,
    keepWeekly: 0,
    keepMonthly: 0,
    keepYearly: 0,
    ...p,
  });

  test.each([
    [
      1,
      'keep-daily 3 of 10 daily backups',
      policy({ keepDaily: 3 }),
      daily('2025-03-01T00:00:00', 10),
      ['2025-03-10', '2025-03-09', '2025-03-08'],
    ],
    [2, 'keep-last 2', policy({ keepLast: 2 }), daily('2025-03-01T00:00:00', 5), ['2025-03-05', '2025-03-04']],
    // weeks (Mon–Sun): 10–16 Mar, 3–9 Mar, 24 Feb–2 Mar; the newest backup of each
    [
      3,
      'keep-weekly 3',
      policy({ keepWeekly: 3 }),
      daily('2025-02-24T00:00:00', 21),
      ['2025-03-16', '2025-03-09', '2025-03-02'],
    ],
    [
      4,
      'keep-monthly 2 over Jan–Mar',
      policy({ keepMonthly: 2 }),
      daily('2025-01-01T00:00:00', 70),
      ['2025-03-11', '2025-02-28'],
    ],
    [5, 'keep-yearly 2', policy({ keepYearly: 2 }), daily('2023-12-25T00:00:00', 400), ['2025-01-27', '2024-12-31']],
    [
      6,
      '7/4/12 over 100 days: dailies, Sundays, month ends',
      DEFAULT_POLICY,
      daily('2025-01-01T00:00:00', 100),
      [
        '2025-04-10',
        '2025-04-09',
        '2025-04-08',
        '2025-04-07',
        '2025-04-06',
        '2025-04-05',
        '2025-04-04', // 7 days
        '2025-03-30',
        '2025-03-23', // weeks 4 and 3 back (this week and last are dailies already)
        '2025-03-31',
        '2025-02-28',
        '2025-01-31', // month ends
      ]
        .sort()
        .reverse(),
    ],
  ])('%i: %s', (_n, _label, p, backups, kept) => expect(keptStamps(backups, p)).toEqual(kept));

  test('two backups a day: only the newest of each day counts for keep-daily', () => {
    const backups = [...daily('2025-03-01T00:00:00', 3, 3), ...daily('2025-03-01T00:00:00', 3, 15)];
    const kept = selectRetention(backups, policy({ keepDaily: 2 }), { now: d('2030-01-01T00:00:00') }).filter(
      (x) => x.keep,
    );
    expect(kept.map((x) => x.at.toISOString())).toEqual(['2025-03-03T15:00:00.000Z', '2025-03-02T15:00:00.000Z']);
  });

  test('latest.json and the newest good backup are kept whatever the policy says', () => {
    const backups = daily('2025-03-01T00:00:00', 10);
    const latest = backups[2]!.key;
    const out = selectRetention(backups, policy({ keepDaily: 1 }), {
      now: d('2030-01-01T00:00:00'),
      latestKey: latest,
    });
    expect(
      out.filter((x) => x.keep).map((x) => [x.at.toISOString().slice(0, 10), x.reasons.map((r) => r.rule)]),
    ).toEqual([
      ['2025-03-10', ['newest', 'keep-daily']],
      ['2025-03-03', ['latest.json']],
    ]);
  });

  test('backups of one second (times from their keys): the highest number is the newest', () => {
    const at = d('2025-03-05T03:00:00');
    const keys = [
      'p/app_prod_20250305_030000.dump.zst',
      'p/app_prod_20250305_030000_10.dump.zst',
      'p/app_prod_20250305_030000_9.dump.zst',
    ];
    const out = selectRetention(
      keys.map((key) => ({ key, at, good: true })),
      policy({ keepLast: 1, keepDaily: 0, keepWeekly: 0, keepMonthly: 0 }),
      { now: d('2030-01-01T00:00:00') },
    );
    expect(out.map((x) => [x.key, x.keep])).toEqual([
      ['p/app_prod_20250305_030000_10.dump.zst', true],
      ['p/app_prod_20250305_030000_9.dump.zst', false],
      ['p/app_prod_20250305_030000.dump.zst', false],
    ]);
  });

  test('incomplete backups (no checksum) never count; young ones may be in progress, old ones go', () => {
    const backups = [
      ...daily('2025-03-01T00:00:00', 3),
      { key: 'p/app_prod_old-incomplete', at: d('2025-03-02T12:00:00'), good: false },
      { key: 'p/app_prod_new-incomplete', at: d('2025-03-04T01:00:00'), good: false },
    ];
    const out = selectRetention(backups, policy({ keepDaily: 7 }), { now: d('2025-03-04T02:00:00') });
    const by = Object.fromEntries(out.map((x) => [x.key, x]));
    expect(by['p/app_prod_new-incomplete']).toMatchObject({ keep: true, reasons: [{ rule: 'in-progress' }] });
    expect(by['p/app_prod_old-incomplete']).toMatchObject({ keep: false, why: 'incomplete' });
    expect(out.filter((x) => x.good).every((x) => x.keep)).toBe(true);
  });
});

describe('selectRetention properties (fast-check)', () => {
  const start = d('2020-01-01T00:00:00').getTime();
  const history = fc
    .uniqueArray(fc.record({ offset: fc.integer({ min: 0, max: 4 * 366 * 24 }), good: fc.boolean() }), {
      selector: (b) => b.offset,
      maxLength: 120,
    })
    .map((items) =>
      items.map((b, i) => ({ key: `p/app_prod_${i}`, at: new Date(start + b.offset * 3_600_000), good: b.good })),
    );
  const policies = fc.record({
    keepLast: fc.integer({ min: 0, max: 5 }),
    keepDaily: fc.integer({ min: 0, max: 10 }),
    keepWeekly: fc.integer({ min: 0, max: 6 }),
    keepMonthly: fc.integer({ min: 0, max: 14 }),
    keepYearly: fc.integer({ min: 0, max: 3 }),
  });
  const input = fc.tuple(
    history,
    policies,
    fc.option(fc.nat(), { nil: undefined }),
    fc.integer({ min: 0, max: 5 * 366 * 24 }),
  );

  test('the newest good backup and latest.json survive; every kept backup is justified; deleted ones are not', () => {
    fc.assert(
      fc.property(input, ([backups, policy, latestIndex, nowOffset]) => {
        const latestKey =
          latestIndex !== undefined && backups.length ? backups[latestIndex % backups.length]!.key : undefined;
        const now = new Date(start + nowOffset * 3_600_000);
        const out = selectRetention(backups, policy, { latestKey, now });
        expect(out).toHaveLength(backups.length);
        const good = backups.filter((b) => b.good).sort((a, b) => b.at.getTime() - a.at.getTime());
        if (good[0]) expect(out.find((x) => x.key === good[0]!.key)!.keep).toBe(true);
        if (latestKey) expect(out.find((x) => x.key === latestKey)!.keep).toBe(true);
        for (const x of out) {
          expect(x.keep).toBe(x.reasons.length > 0);
          for (const r of x.reasons) {
            if (r.rule === 'newest') expect(x.key).toBe(good[0]!.key);
            if (r.rule === 'latest.json') expect(x.key).toBe(latestKey);
            if (r.rule === 'in-progress') expect(!x.good && now.getTime() - x.at.getTime() < 86_400_000).toBe(true);
            if (r.rule === 'keep-last') {
              expect(x.good && r.n <= policy.keepLast).toBe(true);
              expect(good[r.n - 1]!.key).toBe(x.key);
            }
            const period = PERIODS.find((p) => p.rule === r.rule);
            if (period && 'period' in r) {
              // the newest good backup of its period, and its period among the N newest periods with a good backup
              expect(x.good).toBe(true);
              expect(good.find((g) => period.of(g.at) === r.period)!.key).toBe(x.key);
              const periods = [...new Set(good.map((g) => period.of(g.at)))];
              expect(periods.indexOf(r.period) + 1).toBe(r.n);
              expect(r.n).toBeLessThanOrEqual(
                policy[
                  (
                    {
                      'keep-daily': 'keepDaily',
                      'keep-weekly': 'keepWeekly',
                      'keep-monthly': 'keepMonthly',
                      'keep-yearly': 'keepYearly',
                    } as const
                  )[period.rule]
                ],
              );
            }
          }
        }
      }),
      { numRuns: 300 },
    );
  });

  test('a rule keeps exactly min(N, periods with a good backup) backups', () => {
    fc.assert(
      fc.property(history, fc.integer({ min: 1, max: 10 }), (backups, n) => {
        const good = backups.filter((b) => b.good);
        for (const [key, rule, of] of [
          ['keepDaily', 'keep-daily', dayOf],
          ['keepMonthly', 'keep-monthly', monthOf],
        ] as const) {
          const policy = { keepLast: 0, keepDaily: 0, keepWeekly: 0, keepMonthly: 0, keepYearly: 0, [key]: n };
          const out = selectRetention(backups, policy, { now: new Date(0) });
          const byRule = out.filter((x) => x.reasons.some((r) => r.rule === rule));
          expect(byRule.length).toBe(Math.min(n, new Set(good.map((g) => of(g.at))).size));
        }
      }),
      { numRuns: 200 },
    );
  });
});

test('tierFromSeen (incremental) agrees with tierFor over any history', () => {
  fc.assert(
    fc.property(fc.array(fc.integer({ min: 0, max: 3 * 366 * 24 }), { maxLength: 60 }), (offsets) => {
      const times = [...new Set(offsets)]
        .sort((a, b) => a - b)
        .map((h) => new Date(Date.UTC(2021, 0, 1) + h * 3_600_000));
      const seen = new Set<string>();
      times.forEach((t, i) => {
        expect(tierFromSeen(t, seen)).toBe(tierFor(t, times.slice(0, i)));
        markSeen(seen, t);
      });
    }),
    { numRuns: 200 },
  );
});
