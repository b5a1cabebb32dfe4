/**
 * The size trend of a database's recent backups, read from their manifests, for the job summary: a mermaid chart
 * (GitHub renders mermaid in job summaries), a table, growth in percent, and a warning when a backup shrank
 * suddenly against the previous one — the classic sign of a dump that silently lost data.
 */
import type { TrendPoint, TrendStats } from '../model/results.js';
import { formatBytes } from '../core/format.js';

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
