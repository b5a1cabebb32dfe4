/** The drill history: `list --drills` as text, JSON rows and markdown; the recovery-time trend of validate's summary. */
import { drillSeconds, slowestStage } from '../core/drill.js';
import type { DrillRecord, StoredDrill } from '../model/drill.js';
import type { ValidateResult } from '../model/results.js';
import { cell } from './markdown.js';

const secs = drillSeconds;
const mark = (s: DrillRecord['status']) => (s === 'passed' ? '✅' : s === 'failed' ? '❌' : '⚠️');
const runnerOf = (r: DrillRecord) => r.runner.url ?? r.runner.name;

/** One JSON row a drill (list --drills --json). */
export function drillRow(d: StoredDrill) {
  const r = d.record;
  return {
    record: d.objectKey,
    finishedAt: r.finishedAt,
    kind: r.kind,
    status: r.status,
    key: r.key,
    sha256: r.sha256,
    ...(r.database ? { database: r.database } : {}),
    recoverySeconds: r.recoverySeconds,
    stages: r.stages,
    mismatches: r.mismatches,
    ...(r.reason ? { reason: r.reason } : {}),
    runner: r.runner,
    version: r.tool.version,
  };
}

export function drillsText(drills: StoredDrill[]): string {
  if (!drills.length) return 'no drills recorded';
  return drills
    .map(({ record: r }) => {
      const [stage, took] = slowestStage(r.stages);
      const time = r.status === 'not-verified' ? '' : `  ${secs(r.recoverySeconds)} (${stage} ${secs(took)})`;
      return `${r.finishedAt}  ${r.status.padEnd(12)} ${r.kind.padEnd(6)} ${r.key}${time}  ${runnerOf(r)}`;
    })
    .join('\n');
}

export function drillsSummary(bucket: string, drills: StoredDrill[]): string {
  return [
    `### Restore drills in \`${bucket}\``,
    '',
    '| finished | result | backup | recovery time | slowest stage | runner |',
    '|---|---|---|---|---|---|',
    ...drills.map(({ record: r }) => {
      const [stage, took] = slowestStage(r.stages);
      return `| ${r.finishedAt} | ${mark(r.status)} ${r.status} | \`${cell(r.key)}\` | ${secs(r.recoverySeconds)} | ${stage} ${secs(took)} | ${cell(runnerOf(r))} |`;
    }),
    '',
  ].join('\n');
}

/** The recovery time of the last drills (newest first, this one included), for validate's summary. */
export function recoveryTrend(drills: StoredDrill[]): string {
  const ran = drills.filter((d) => d.record.kind !== 'member' && d.record.status !== 'not-verified').slice(0, 8);
  if (!ran.length) return '';
  return [
    '#### Recovery time, last drills',
    '',
    '| finished | backup | download | proof | restore | compare | total | result |',
    '|---|---|---|---|---|---|---|---|',
    ...ran.map(({ record: r }) => {
      const s = r.stages;
      return `| ${r.finishedAt} | \`${cell(r.key)}\` | ${secs(s.download)} | ${secs(s.proof)} | ${secs(s.restore)} | ${secs(s.compare)} | **${secs(r.recoverySeconds)}** | ${mark(r.status)} |`;
    }),
    '',
  ].join('\n');
}

/** The summary of a drill that could not run: not verified, never a pass. */
export function notVerifiedSummary(r: ValidateResult): string {
  return [
    '### ⚠️ Restore drill not verified',
    '',
    `The drill of \`${r.key}\` could not run: ${cell(r.reason ?? 'unknown reason')}.`,
    'Nothing was proven: do not count on this backup until a drill passes.',
    '',
  ].join('\n');
}

/** The lines after the drill's own summary: where its statement and record went. */
export function evidenceLines(statement: string | undefined, records: string[]): string {
  const lines = [
    ...(records.length ? [`Drill record: \`${records[0]}\``] : []),
    ...(statement ? [`In-toto statement: \`${statement}\``] : []),
  ];
  return lines.length ? `${lines.join('  \n')}\n` : '';
}
