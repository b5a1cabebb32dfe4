// Reporting cores: size trend, growth, shrink warning, mermaid chart, progress line, freshness verdicts, durations.
import { describe, expect, test } from 'vitest';
import { judgeBackup, staleMessage } from '../../src/commands/check.js';
import type { CheckResult } from '../../src/model/results.js';
import { databasesToCheck } from '../../src/core/check-scope.js';
import type { BackupSet } from '../../src/model/set.js';
import type { BackupEntry } from '../../src/model/objects.js';
import { formatAge } from '../../src/core/format.js';
import { parseDuration } from '../../src/options/values.js';
import { clock, percent, Progress, progressText, timeLeftMs } from '../../src/reporting/progress.js';
import { shrinkWarning, trendChart, trendSection, trendStats } from '../../src/reporting/trend.js';
import type { TrendPoint } from '../../src/model/results.js';

const MiB = 2 ** 20;
const GiB = 2 ** 30;
const pt = (day: number, size: number, rawSize: number | null = size * 4): TrendPoint => ({
  key: `p/db_production_202501${String(day).padStart(2, '0')}_030000.dump.zst`,
  at: `2025-01-${String(day).padStart(2, '0')}T03:00:00.000Z`,
  size,
  rawSize,
});

describe('trend', () => {
  test.each([
    [1, [], { basis: 'stored' }],
    [2, [pt(1, 10 * MiB)], { basis: 'dump' }],
    [3, [pt(1, 10 * MiB), pt(2, 11 * MiB)], { basis: 'dump', changePercent: 10, growthPercent: 10 }],
    [4, [pt(1, 10 * MiB), pt(2, 20 * MiB), pt(3, 15 * MiB)], { basis: 'dump', changePercent: -25, growthPercent: 50 }],
    // one point without a dump size: stored sizes are compared
    [5, [pt(1, 10 * MiB, null), pt(2, 12 * MiB)], { basis: 'stored', changePercent: 20, growthPercent: 20 }],
    // compression changed (gzip → zstd: stored shrank) but the dump did not: no change
    [
      6,
      [pt(1, 30 * MiB, 100 * MiB), pt(2, 20 * MiB, 100 * MiB)],
      { basis: 'dump', changePercent: 0, growthPercent: 0 },
    ],
  ])('%i: stats', (_n, points, expected) => {
    const s = trendStats(points);
    expect(s.basis).toBe(expected.basis);
    if ('changePercent' in expected) {
      expect(s.changePercent).toBeCloseTo(expected.changePercent!, 6);
      expect(s.growthPercent).toBeCloseTo(expected.growthPercent!, 6);
    } else expect(s.changePercent).toBeUndefined();
  });

  test.each([
    [
      1,
      [pt(1, 100 * MiB), pt(2, 70 * MiB)],
      25,
      /shrank by 30\.0% against the previous one \(dump 280\.0 MiB, was 400\.0 MiB on 2025-01-01 03:00 UTC\), more than shrink-threshold 25%/,
    ],
    [2, [pt(1, 100 * MiB), pt(2, 80 * MiB)], 25, undefined],
    [3, [pt(1, 100 * MiB), pt(2, 75 * MiB)], 25, /shrank by 25\.0%/],
    [4, [pt(1, 100 * MiB), pt(2, 10 * MiB)], 0, undefined],
    [5, [pt(2, 10 * MiB)], 25, undefined],
    // only the newest pair counts: an old drop is old news
    [6, [pt(1, 100 * MiB), pt(2, 10 * MiB), pt(3, 10 * MiB)], 25, undefined],
    [
      7,
      [pt(1, 100 * MiB, null), pt(2, 50 * MiB, null)],
      25,
      /shrank by 50\.0% .*\(stored size 50\.0 MiB, was 100\.0 MiB/,
    ],
  ])('%i: shrink warning', (_n, points, threshold, expected) => {
    const w = shrinkWarning(points, threshold);
    if (expected) expect(w).toMatch(expected);
    else expect(w).toBeUndefined();
  });

  test('chart: unit chosen by the largest point, bars stored, line dump', () => {
    expect(trendChart([pt(1, 10 * MiB), pt(2, 11 * MiB)])).toBe(
      [
        '```mermaid',
        'xychart-beta',
        '  title "Backup size (MiB): bars stored, line dump"',
        '  x-axis ["01-01 03:00", "01-02 03:00"]',
        '  y-axis "MiB" 0 --> 48.4',
        '  bar [10, 11]',
        '  line [40, 44]',
        '```',
      ].join('\n'),
    );
    expect(trendChart([pt(1, 3 * 2 ** 30, null), pt(2, 500 * 2 ** 20, null)])).toContain('bar [3, 0.49]');
    expect(trendChart([pt(1, 3 * 2 ** 30, null)])).not.toContain('line [');
    expect(trendChart([pt(1, 500, 900)])).toContain('y-axis "B" 0 --> 990');
  });

  test('section: newest first, change per row, the chart only with two or more', () => {
    const s = trendSection([pt(1, 10 * MiB), pt(2, 12 * MiB), pt(3, 9 * MiB)]);
    expect(s).toContain(
      'Change against the previous backup: **-25.0%**; over these 3 backups: **-10.0%** (dump size).',
    );
    expect(s).toContain('```mermaid');
    expect(s.split('\n').filter((l) => l.startsWith('| 2025'))).toEqual([
      '| 2025-01-03 03:00:00 | 9.0 MiB | 36.0 MiB | -25.0% |',
      '| 2025-01-02 03:00:00 | 12.0 MiB | 48.0 MiB | +20.0% |',
      '| 2025-01-01 03:00:00 | 10.0 MiB | 40.0 MiB |  |',
    ]);
    expect(trendSection([pt(1, MiB)])).not.toContain('```mermaid');
    expect(trendSection([])).toBe('');
  });
});

describe('progress', () => {
  test.each([
    [1, { phase: 'upload', bytes: 0, elapsedMs: 0 }, 'uploaded 0 B  0 B/s  0:00'],
    [2, { phase: 'upload', bytes: 300 * MiB, elapsedMs: 10_000 }, 'uploaded 300.0 MiB  30.0 MiB/s  0:10'],
    [3, { phase: 'download', bytes: 3 * 2 ** 30, elapsedMs: 3_725_000 }, 'downloaded 3.0 GiB  844.5 KiB/s  1:02:05'],
    [
      4,
      { phase: 'download', bytes: GiB, elapsedMs: 27_000, total: 4 * GiB, leftMs: 63_000 },
      'downloaded 1.0 GiB of 4.0 GiB (25%)  37.9 MiB/s  0:27, 1:03 left',
    ],
    [
      5,
      { phase: 'download', bytes: 0, elapsedMs: 1_000, total: 4 * GiB },
      'downloaded 0 B of 4.0 GiB (0%)  0 B/s  0:01',
    ],
    [
      6,
      { phase: 'download', bytes: 4 * GiB, elapsedMs: 90_000, total: 4 * GiB, leftMs: 0 },
      'downloaded 4.0 GiB of 4.0 GiB (100%)  45.5 MiB/s  1:30, 0:00 left',
    ],
    [7, { phase: 'upload', bytes: MiB, elapsedMs: 1_000, total: 0 }, 'uploaded 1.0 MiB  1.0 MiB/s  0:01'],
    [8, { phase: 'upload', bytes: MiB, elapsedMs: 1_000, label: 'shop' }, 'shop: uploaded 1.0 MiB  1.0 MiB/s  0:01'],
  ])('%i: %j', (_n, sample, text) => expect(progressText(sample)).toBe(text));
  test.each([
    [0, 100, '0%'],
    [1, 100, '1%'],
    [999, 1000, '99%'],
    [9999, 10000, '99%'],
    [100, 100, '100%'],
    [150, 100, '100%'],
  ])('percent(%i, %i) = %s', (bytes, total, text) => expect(percent(bytes, total)).toBe(text));
  test.each([
    ['no time yet', 10, 100, { bytes: 10, ms: 1000 }, 1000, undefined],
    ['nothing moved since the first sample', 10, 100, { bytes: 10, ms: 1000 }, 5000, undefined],
    ['30 moved in 2 s, 60 to go: 4 s', 40, 100, { bytes: 10, ms: 1000 }, 3000, 4000],
    ['done', 100, 100, { bytes: 10, ms: 1000 }, 3000, 0],
  ])('timeLeftMs: %s', (_what, bytes, total, since, now, left) =>
    expect(timeLeftMs(bytes, total, since, now)).toBe(left),
  );
  test("a known total: how far and the time left at the phase's own rate, not the run's", () => {
    let t = 0;
    const out: string[] = [];
    const p = new Progress({ mode: 'lines', write: (s) => out.push(s), now: () => t, intervalMs: 10_000 });
    t = 20_000; // the download starts 20 s into the run
    p.update('download', 0, 100 * MiB);
    t = 30_000;
    p.update('download', 25 * MiB, 100 * MiB);
    expect(out).toEqual([
      'progress: downloaded 0 B of 100.0 MiB (0%)  0 B/s  0:20\n',
      'progress: downloaded 25.0 MiB of 100.0 MiB (25%)  853.3 KiB/s  0:30, 0:30 left\n',
    ]);
  });
  test.each([
    [0, '0:00'],
    [59_999, '0:59'],
    [61_000, '1:01'],
    [3_600_000, '1:00:00'],
  ])('clock(%i)', (ms, c) => expect(clock(ms)).toBe(c));

  test('terminal: redrawn in place, at most every 200 ms, cleared before other output', () => {
    let t = 0;
    const out: string[] = [];
    const p = new Progress({ mode: 'tty', write: (s) => out.push(s), now: () => t });
    t = 1000;
    p.update('upload', MiB);
    t = 1100;
    p.update('upload', 2 * MiB); // too soon
    t = 1300;
    p.update('upload', 4 * MiB);
    p.clear();
    p.clear(); // nothing drawn: nothing to clear
    expect(out).toEqual([
      '\r\x1b[2Kuploaded 1.0 MiB  1.0 MiB/s  0:01',
      '\r\x1b[2Kuploaded 4.0 MiB  3.1 MiB/s  0:01',
      '\r\x1b[2K',
    ]);
  });

  test('log: the first sample at once, then one line per interval', () => {
    let t = 0;
    const out: string[] = [];
    const p = new Progress({ mode: 'lines', write: (s) => out.push(s), now: () => t, intervalMs: 10_000 });
    for (const [at, bytes] of [
      [2000, MiB],
      [5000, 2 * MiB],
      [12_500, 8 * MiB],
      [20_000, 9 * MiB],
      [22_500, 10 * MiB],
    ]) {
      t = at!;
      p.update('upload', bytes!);
    }
    expect(out).toEqual([
      'progress: uploaded 1.0 MiB  512.0 KiB/s  0:02\n',
      'progress: uploaded 8.0 MiB  655.4 KiB/s  0:12\n',
      'progress: uploaded 10.0 MiB  455.1 KiB/s  0:22\n',
    ]);
  });
});

describe('check', () => {
  const key = 'prod/shop_prod_20250130_030000.dump.zst';
  const sha = 'a'.repeat(64);
  const manifest = (over: Record<string, unknown> = {}) =>
    JSON.stringify({
      schema: 's3-backup/manifest',
      version: 1,
      key,
      sha256: sha,
      size: 1234,
      startedAt: '2025-01-30T03:00:00.000Z',
      ...over,
    });
  const entry = { key, size: 1234, hasChecksum: true, hasManifest: true };
  const sidecar = `${sha}  shop_prod_20250130_030000.dump.zst\n`;
  test.each([
    [1, entry, sidecar, manifest(), true],
    [2, { ...entry, hasChecksum: false }, undefined, manifest(), 'no .sha256 sidecar'],
    [3, { ...entry, hasManifest: false }, sidecar, undefined, 'no .meta manifest'],
    [4, entry, 'garbage', manifest(), 'the .sha256 sidecar is not in sha256sum format'],
    [5, entry, `${sha}  other.dump.zst\n`, manifest(), 'the .sha256 sidecar names other.dump.zst'],
    [6, entry, sidecar, '{not json', /^the \.meta manifest is unreadable/],
    [7, entry, sidecar, manifest({ key: 'prod/other.dump.zst' }), 'the .meta manifest describes prod/other.dump.zst'],
    [
      8,
      entry,
      sidecar,
      manifest({ sha256: 'b'.repeat(64) }),
      'the .meta manifest and the .sha256 sidecar disagree on the SHA-256',
    ],
    [9, { ...entry, size: 99 }, sidecar, manifest(), 'the object holds 99 bytes, the manifest says 1234'],
    [
      10,
      entry,
      sidecar,
      manifest({ schema: 'other' }),
      /^the \.meta manifest is unreadable \(not an s3-backup manifest\)/,
    ],
  ])('%i: judge', (_n, e, side, man, expected) => {
    const v = judgeBackup(e, side, man);
    if (expected === true) expect(v).toMatchObject({ ok: true, sha256: sha });
    else {
      expect(v.ok).toBe(false);
      expect((v as { reason: string }).reason).toMatch(expected as string | RegExp);
    }
  });

  test.each([
    [0, '0s'],
    [59, '59s'],
    [60, '1m'],
    [5400, '1h 30m'],
    [7200, '2h'],
    [93784, '1d 2h'],
    [86400 + 59, '1d'],
    [90061, '1d 1h'],
  ])('formatAge(%i) = %s', (s, text) => expect(formatAge(s)).toBe(text));
  test.each([
    ['26h', 93600],
    ['90m', 5400],
    ['2d', 172800],
    ['1d12h', 129600],
    ['1w', 604800],
    ['45s', 45],
    [' 1h 30m ', 5400],
    ['1.5h', 5400],
  ])('parseDuration(%s)', (text, seconds) => expect(parseDuration('max-age', text)).toBe(seconds));
  test.each([['26'], ['h'], ['26 hours'], ['-1h'], ['0h'], ['']])('parseDuration refuses %j', (text) =>
    expect(() => parseDuration('max-age', text)).toThrow(/^max-age: /),
  );

  const result = (over: Partial<CheckResult>): CheckResult => ({
    fresh: false,
    maxAgeSeconds: 93600,
    checkedAt: '',
    bucket: 'b',
    prefix: 'prod',
    skipped: [],
    stale: [],
    ...over,
  });
  test('stale message names the age, the limit and the likely cause', () => {
    expect(
      staleMessage(
        result({
          newest: {
            key,
            uri: '',
            backupTime: '',
            ageSeconds: 3 * 86400,
            sha256: sha,
            size: 1,
            rawSize: 1,
            database: 'shop',
          },
        }),
        'prod',
      ),
    ).toBe(
      `the newest good backup ${key} is 3d old, more than max-age 1d 2h: check that the scheduled backup workflow still runs (GitHub disables schedules after 60 days without repository activity)`,
    );
    expect(staleMessage(result({}), 'prod')).toMatch(
      /^no good backup \(object \+ \.sha256 \+ \.meta\) under s3:\/\/b\/prod\/ for environment "prod"/,
    );
  });

  test('several databases: the stale message names each stale or missing one and why', () => {
    const newest = (ageSeconds: number) => ({
      key,
      uri: '',
      backupTime: '',
      ageSeconds,
      sha256: sha,
      size: 1,
      rawSize: 1,
      database: 'x',
    });
    const r = result({
      databases: [
        { name: 'a', fresh: false, newest: newest(2 * 86400) },
        { name: 'b', fresh: true, newest: newest(60) },
        { name: 'c', fresh: false },
      ],
    });
    expect(staleMessage(r, 'prod')).toBe(
      '2 of 3 databases under s3://b/prod/ have no good backup younger than max-age 1d 2h: a (newest good backup 2d old), ' +
        'c (no good backup): check that the scheduled backup of each still runs (GitHub disables schedules after 60 days without repository activity)',
    );
  });
});

describe('which databases check judges', () => {
  const entry = (stem: string) => ({ stem }) as BackupEntry;
  const backups = [entry('a_prod'), entry('b_prod'), entry('_globals_prod'), entry('a_prod')];
  const set = (names: string[]) =>
    ({ members: names.map((name) => ({ kind: name === '_globals' ? 'globals' : 'database', name })) }) as BackupSet;
  test.each([
    ['a name: that one alone', { name: 'a' }, backups, [], undefined],
    ['one database, no set: judged as one', {}, [entry('a_prod')], [], undefined],
    ['several databases, no set: each', {}, backups, [], ['a', 'b']],
    [
      'the newest set of several: its database members',
      {},
      backups,
      [set(['c', '_globals', 'a']), set(['b', 'd'])],
      ['a', 'c'],
    ],
    [
      'sets of one database (single runs with globals): every database backed up',
      {},
      backups,
      [set(['b', '_globals'])],
      ['a', 'b'],
    ],
    ['a set of one database, one database backed up: judged as one', {}, [entry('a_prod')], [set(['a'])], undefined],
  ])('%s', (_t, o, list, sets, expected) =>
    expect(databasesToCheck({ environment: 'prod', ...o }, list, sets)).toEqual(expected),
  );
});
