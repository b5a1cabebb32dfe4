/** Job summaries and outputs of check and list (pure builders). */
import type { CheckResult } from '../model/results.js';
import { formatAge } from '../core/format.js';
import { formatBytes } from '../core/format.js';
import { table } from './results.js';
import type { BackupEntry } from '../model/objects.js';
import { databasesJson, databasesSummary } from './check-databases.js';

export function checkOutputs(r: CheckResult): Record<string, string> {
  const n = r.newest;
  return {
    fresh: String(r.fresh),
    key: n?.key ?? '',
    uri: n?.uri ?? '',
    'backup-time': n?.backupTime ?? '',
    'age-seconds': n ? String(n.ageSeconds) : '',
    age: n ? formatAge(n.ageSeconds) : '',
    sha256: n?.sha256 ?? '',
    size: n ? String(n.size) : '',
    'replication-status': r.replicationStatus ?? '',
    stale: JSON.stringify(r.stale),
  };
}

/** The same result for `--json`. */
export function checkJson(r: CheckResult) {
  return {
    fresh: r.fresh,
    maxAgeSeconds: r.maxAgeSeconds,
    checkedAt: r.checkedAt,
    ...(r.newest
      ? {
          key: r.newest.key,
          uri: r.newest.uri,
          backupTime: r.newest.backupTime,
          ageSeconds: r.newest.ageSeconds,
          age: formatAge(r.newest.ageSeconds),
          sha256: r.newest.sha256,
          size: r.newest.size,
        }
      : { key: null }),
    skipped: r.skipped,
    ...(r.databases ? { databases: databasesJson(r) } : {}),
  };
}

export function checkSummary(r: CheckResult): string {
  if (r.databases) return databasesSummary(r);
  const n = r.newest;
  const head = r.fresh
    ? `### ✅ Backup freshness: the newest good backup is ${formatAge(n!.ageSeconds)} old`
    : n
      ? `### ❌ Backup freshness: the newest good backup is ${formatAge(n.ageSeconds)} old, more than ${formatAge(r.maxAgeSeconds)}`
      : `### ❌ Backup freshness: no good backup under \`s3://${r.bucket}/${r.prefix}\``;
  const rows: Array<[string, string]> = n
    ? [
        ['Backup', `\`${n.uri}\``],
        ['Taken', `${n.backupTime.slice(0, 19).replace('T', ' ')} UTC`],
        ['Age', `${formatAge(n.ageSeconds)} (max-age ${formatAge(r.maxAgeSeconds)})`],
        ['Stored size', formatBytes(n.size)],
        ['Dump size', n.rawSize === null ? 'n/a' : formatBytes(n.rawSize)],
        ['SHA-256', `\`${n.sha256}\``],
        ['Checked', '.sha256 and .meta present and agreeing with the object'],
      ]
    : [['Max age', formatAge(r.maxAgeSeconds)]];
  const skipped = r.skipped.length
    ? [
        '',
        `Newer backups that are not good (${r.skipped.length}):`,
        '',
        ...r.skipped.slice(0, 10).map((s) => `- \`${s.key}\`: ${s.reason}`),
        ...(r.skipped.length > 10 ? [`- … and ${r.skipped.length - 10} more`] : []),
      ]
    : [];
  return [head, '', table(rows), ...skipped, ''].join('\n');
}

export function listSummary(bucket: string, prefix: string, backups: BackupEntry[], latestKey?: string): string {
  const rows = backups
    .slice(0, 50)
    .map(
      (b) =>
        `| ${b.at.toISOString().slice(0, 19).replace('T', ' ')} | \`${b.key}\`${b.key === latestKey ? ' (latest)' : ''} | ${formatBytes(b.size)} | ${b.format} | ${b.hasChecksum ? '✓' : '✗'} | ${b.hasManifest ? '✓' : '✗'} |`,
    );
  return [
    `### PostgreSQL backups in \`s3://${bucket}/${prefix}\`: ${backups.length}`,
    '',
    ...(backups.length
      ? [
          '| taken (UTC) | key | stored | format | .sha256 | .meta |',
          '|---|---|---|---|---|---|',
          ...rows,
          ...(backups.length > 50 ? [`\n… and ${backups.length - 50} older`] : []),
        ]
      : ['No backups.']),
    '',
  ].join('\n');
}
