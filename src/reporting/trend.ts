/**
 * The size trend of a database's recent backups, read from their manifests, for the job summary: a mermaid chart
 * (GitHub renders mermaid in job summaries), a table, growth in percent, and a warning when a backup shrank
 * suddenly against the previous one — the classic sign of a dump that silently lost data.
 */
import type { S3Client } from '@aws-sdk/client-s3';
import type { Logger } from '../model/context.js';
import { formatBytes } from '../core/format.js';
import { listBackups } from '../commands/list.js';
import { parseManifest } from '../core/manifest.js';
import { manifestKey, parseBackupKey } from '../core/naming.js';
import type { CommonOptions } from '../model/options.js';
import { getText } from '../s3/objects.js';
import { errorMessage } from '../core/errors.js';

export interface TrendPoint {
  key: string;
  /** When the backup was taken (ISO). */
  at: string;
  /** Stored bytes. */
  size: number;
  /** Dump bytes before compression; null when unknown. */
  rawSize: number | null;
}

export interface TrendStats {
  /** Change of the newest against the one before it, in percent; undefined with fewer than two points. */
  changePercent?: number;
  /** Change over the whole window (oldest → newest), in percent. */
  growthPercent?: number;
  /** Which size the percentages compare: the dump's when every point has it (compression settings cannot skew it). */
  basis: 'dump' | 'stored';
}

/** The size two backups are compared by. */
function measure(p: TrendPoint, basis: TrendStats['basis']): number {
  return basis === 'dump' ? p.rawSize! : p.size;
}

const pct = (from: number, to: number) => (from > 0 ? ((to - from) / from) * 100 : undefined);

/** points: oldest first. */
export function trendStats(points: TrendPoint[]): TrendStats {
  const basis = points.length > 0 && points.every((p) => p.rawSize !== null) ? 'dump' : 'stored';
  if (points.length < 2) return { basis };
  const last = measure(points.at(-1)!, basis);
  return {
    basis,
    changePercent: pct(measure(points.at(-2)!, basis), last),
    growthPercent: pct(measure(points[0]!, basis), last),
  };
}

/** The warning for a sudden shrink of the newest backup, or undefined. thresholdPercent 0 never warns. */
export function shrinkWarning(points: TrendPoint[], thresholdPercent: number): string | undefined {
  if (thresholdPercent <= 0 || points.length < 2) return undefined;
  const s = trendStats(points.slice(-2));
  if (s.changePercent === undefined || -s.changePercent < thresholdPercent) return undefined;
  const [prev, cur] = points.slice(-2) as [TrendPoint, TrendPoint];
  const label = s.basis === 'dump' ? 'dump' : 'stored size';
  return (
    `backup ${cur.key} shrank by ${(-s.changePercent).toFixed(1)}% against the previous one ` +
    `(${label} ${formatBytes(measure(cur, s.basis))}, was ${formatBytes(measure(prev, s.basis))} on ${prev.at.slice(0, 16).replace('T', ' ')} UTC), ` +
    `more than shrink-threshold ${thresholdPercent}%: check that no table was lost (a sudden shrink is the classic sign of a broken dump)`
  );
}

const signed = (n: number | undefined) => (n === undefined ? 'n/a' : `${n >= 0 ? '+' : ''}${n.toFixed(1)}%`);

/** Unit for a chart axis: the largest whose values stay ≥ 1 for the biggest point. */
function axisUnit(max: number): [string, number] {
  const units: Array<[string, number]> = [
    ['GiB', 2 ** 30],
    ['MiB', 2 ** 20],
    ['KiB', 2 ** 10],
  ];
  return units.find(([, n]) => max >= n) ?? ['B', 1];
}

const round = (n: number) => Math.round(n * 100) / 100;

/** "2025-01-30T03:00:05Z" → "01-30 03:00" (labels stay unique for backups minutes apart). */
function label(at: string): string {
  return `${at.slice(5, 10)} ${at.slice(11, 16)}`;
}

/** The mermaid xychart: bars = stored size, line = dump size (when known). points: oldest first. */
export function trendChart(points: TrendPoint[]): string {
  const max = Math.max(...points.map((p) => Math.max(p.size, p.rawSize ?? 0)));
  const [unit, div] = axisUnit(max);
  const haveDump = points.every((p) => p.rawSize !== null);
  return [
    '```mermaid',
    'xychart-beta',
    `  title "Backup size (${unit}): bars stored${haveDump ? ', line dump' : ''}"`,
    `  x-axis [${points.map((p) => `"${label(p.at)}"`).join(', ')}]`,
    `  y-axis "${unit}" 0 --> ${round((max / div) * 1.1) || 1}`,
    `  bar [${points.map((p) => round(p.size / div)).join(', ')}]`,
    ...(haveDump ? [`  line [${points.map((p) => round(p.rawSize! / div)).join(', ')}]`] : []),
    '```',
  ].join('\n');
}

/** The job summary section. points: oldest first. */
export function trendSection(points: TrendPoint[]): string {
  if (points.length === 0) return '';
  const s = trendStats(points);
  const rows = [...points].reverse().map((p, i, all) => {
    const prev = all[i + 1];
    const change = prev ? signed(pct(measure(prev, s.basis), measure(p, s.basis))) : '';
    return `| ${p.at.slice(0, 19).replace('T', ' ')} | ${formatBytes(p.size)} | ${p.rawSize === null ? 'n/a' : formatBytes(p.rawSize)} | ${change} |`;
  });
  return [
    `#### Size trend: last ${points.length} backup${points.length === 1 ? '' : 's'}`,
    '',
    points.length > 1
      ? `Change against the previous backup: **${signed(s.changePercent)}**; over these ${points.length} backups: **${signed(s.growthPercent)}** (${s.basis === 'dump' ? 'dump size' : 'stored size'}).`
      : 'The first backup here: the trend starts with the next one.',
    '',
    ...(points.length > 1 ? [trendChart(points), ''] : []),
    '| backup (UTC) | stored | dump | change |',
    '|---|---|---|---|',
    ...rows,
    '',
  ].join('\n');
}

/**
 * The last `count` backups of the same database and environment as `key` that have a manifest, oldest first.
 * Sizes come from the manifests (the listing cannot tell the dump size).
 */
export async function readTrend(
  o: CommonOptions,
  s3: S3Client,
  key: string,
  count: number,
  log: Logger,
): Promise<TrendPoint[]> {
  if (count <= 0) return [];
  const stem = parseBackupKey(key)?.stem;
  const listing = await listBackups(o, s3);
  const entries = listing.backups
    .filter((b) => b.hasManifest && (stem === undefined || b.stem === stem))
    .slice(0, count);
  const points: TrendPoint[] = [];
  // a few at a time: the trend is a courtesy and must not hammer the bucket
  for (let i = 0; i < entries.length; i += 4) {
    const batch = await Promise.all(
      entries.slice(i, i + 4).map(async (e) => {
        try {
          const m = parseManifest((await getText(s3, o.s3.bucket, manifestKey(e.key))) ?? '');
          return { key: e.key, at: m.startedAt ?? e.at.toISOString(), size: m.size, rawSize: m.rawSize ?? null };
        } catch (err) {
          log.warning(`trend: skipping ${e.key}: its manifest is unreadable (${errorMessage(err)})`);
          return undefined;
        }
      }),
    );
    points.push(...batch.filter((p): p is TrendPoint => p !== undefined));
  }
  return points.sort((a, b) => a.at.localeCompare(b.at));
}
