/** After a backup: its size trend and the shrink check. Optional parts: a failure here warns, never fails the run. */
import type { BackupResult } from '../model/results.js';
import type { RunContext } from '../model/context.js';
import type { BackupOptions } from '../model/options.js';
import type { ReportOptions } from '../model/options.js';
import { clientFor } from '../s3/client.js';
import { shrinkWarning, trendSection, trendStats } from '../reporting/trend.js';
import { readTrend } from '../store/trend.js';
import type { TrendPoint, TrendStats } from '../model/results.js';
import { errorMessage } from '../core/errors.js';

export interface BackupTrend {
  points: TrendPoint[];
  stats: TrendStats;
  /** Markdown for the job summary ('' when there is no trend). */
  section: string;
  /** Set when the backup shrank by more than the threshold. */
  shrink?: string;
}

export async function backupTrend(
  o: BackupOptions,
  r: BackupResult,
  rep: ReportOptions,
  ctx: RunContext,
): Promise<BackupTrend> {
  let points: TrendPoint[] = [];
  if (rep.trendCount > 0 || rep.shrinkThreshold > 0) {
    try {
      const s3 = clientFor(ctx, o.s3);
      // the shrink check needs the previous backup even when the summary shows no trend
      points = await readTrend(o, s3, r.key, Math.max(rep.trendCount, 2), ctx.log, r.retention?.earlier);
    } catch (err) {
      ctx.log.warning(
        `trend: could not read the recent backups' manifests (${errorMessage(err)}); the summary shows this backup only`,
      );
    }
  }
  // the listing may lag behind the write on some S3-compatible stores: this backup is always the newest point
  if (!points.some((p) => p.key === r.key)) {
    points.push({ key: r.key, at: r.manifest.startedAt, size: r.size, rawSize: r.rawSize });
    points.sort((a, b) => a.at.localeCompare(b.at));
  }
  const shrink = shrinkWarning(points, rep.shrinkThreshold);
  const shown = rep.trendCount > 0 ? points.slice(-rep.trendCount) : [];
  return { points: shown, stats: trendStats(shown), section: trendSection(shown), ...(shrink ? { shrink } : {}) };
}

/** The trend in --json: each point's time under the one name every timestamp of a backup has (backupTime). */
export function trendJson(trend: Awaited<ReturnType<typeof backupTrend>>) {
  return {
    points: trend.points.map((p) => ({ key: p.key, backupTime: p.at, size: p.size, rawSize: p.rawSize })),
    ...trend.stats,
    shrinkWarning: trend.shrink ?? null,
  };
}
