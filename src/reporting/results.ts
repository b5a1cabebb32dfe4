/** Outputs and job summaries (pure builders; the action writes them, the CLI prints them). */
import type { BackupResult } from '../model/results.js';
import { formatBytes, plural } from '../core/format.js';
import { cell, table } from './markdown.js';
import type { RestoreResult } from '../model/results.js';
import { backupAuditSection, backupRetentionRows } from './maintenance.js';
import type { VerifyResult } from '../model/results.js';
import type { ValidateResult } from '../model/results.js';

import { matchedRow } from './restore-match.js';

export function backupOutputs(r: BackupResult): Record<string, string> {
  return {
    key: r.key,
    uri: r.uri,
    size: String(r.size),
    'raw-size': r.rawSize === null ? '' : String(r.rawSize),
    sha256: r.sha256,
    'duration-seconds': r.durationSeconds.toFixed(1),
    'server-version': r.serverVersion,
    'pg-dump-version': r.pgDumpVersion,
    'manifest-key': r.manifestKey,
    tier: r.retention?.tier ?? '',
    pruned: r.retention?.prune ? String(r.retention.prune.deleted) : '',
    'monthly-cost': r.retention?.cost ? r.retention.cost.estimate.totalUsd.toFixed(2) : '',
    'copy-key': r.copy?.status === 'complete' ? (r.copy.key ?? '') : '',
    'copy-status': r.copy?.status ?? '',
    // a backup without a set (globals: false): the set's outputs stay empty
    'set-key': '',
    keys: '',
    failed: '[]',
    'globals-key': '',
  };
}

/** The copy's row of the backup summary. */
function copyRows(r: BackupResult): Array<[string, string]> {
  if (!r.copy) return [];
  if (r.copy.status === 'complete') return [['Copy', `✅ \`${r.copy.uri}\``]];
  return [['Copy', `❌ failed: ${r.copy.error ? r.copy.error.message : 'unknown'}`]];
}

export function restoreOutputs(r: RestoreResult): Record<string, string> {
  return {
    key: r.key,
    sha256: r.sha256,
    size: String(r.size),
    database: r.manifest?.database.name ?? '',
    target: r.database,
    'server-version': r.serverVersion,
    'duration-seconds': r.durationSeconds.toFixed(1),
  };
}

export { table };

export function backupSummary(r: BackupResult): string {
  const m = r.manifest;
  const ratio = r.rawSize ? `${(r.rawSize / Math.max(r.size, 1)).toFixed(1)}×` : 'n/a';
  const mbps =
    r.rawSize && r.durationSeconds > 0 ? `${(r.rawSize / 2 ** 20 / r.durationSeconds).toFixed(1)} MiB/s` : 'n/a';
  return [
    `### ${r.copy?.status === 'failed' ? '⚠️' : '✅'} PostgreSQL backup: ${m.database.name}${r.copy?.status === 'failed' ? ' (its copy failed)' : ''}`,
    '',
    table([
      ['Object', `\`${r.uri}\``],
      ['Key', `\`${r.key}\``],
      ['Stored size', formatBytes(r.size)],
      ['Dump size', r.rawSize === null ? 'n/a' : formatBytes(r.rawSize)],
      ['Compression', `${m.compression.tool} (${ratio})`],
      [
        'Encryption',
        m.encryption
          ? `${m.encryption.method === 'age' ? 'age' : 'OpenPGP'} for ${m.encryption.recipients.join(', ')}`
          : 'none',
      ],
      ['Duration', `${r.durationSeconds.toFixed(1)} s (${mbps})`],
      ['SHA-256', `\`${r.sha256}\``],
      ['Server', `PostgreSQL ${r.serverVersion}`],
      ['pg_dump', r.pgDumpVersion],
      ['Format', m.format],
      ['Storage class', m.storageClass],
      ...(m.tags['s3-backup-tier'] ? [['Tier', m.tags['s3-backup-tier']] as [string, string]] : []),
      ['Tables', String(m.tables.length)],
      ...copyRows(r),
      ...backupRetentionRows(r.retention),
    ]),
    backupAuditSection(r.retention),
    '',
  ].join('\n');
}

export function restoreSummary(r: RestoreResult): string {
  return [
    `### ✅ PostgreSQL restore into ${r.database}`,
    '',
    table([
      ['Backup', `\`${r.key}\``],
      ['SHA-256 (verified)', `\`${r.sha256}\``],
      ['Size', formatBytes(r.size)],
      ['Target server', `PostgreSQL ${r.serverVersion}`],
      matchedRow(r.matched),
      ['Duration', `${r.durationSeconds.toFixed(1)} s`],
    ]),
    '',
  ].join('\n');
}

export function verifyOutputs(r: VerifyResult): Record<string, string> {
  return { key: r.key, sha256: r.sha256, bytes: String(r.bytes), 'duration-seconds': r.durationSeconds.toFixed(1) };
}

export function verifySummary(r: VerifyResult): string {
  return [
    `### ✅ Backup verified: ${r.key}`,
    '',
    table([
      ['SHA-256 (equal to the sidecar)', `\`${r.sha256}\``],
      ['Size', formatBytes(r.bytes)],
      ['Decoded', "every byte (pg_restore read every data block / the SQL ends with pg_dump's completion marker)"],
      ['Duration', `${r.durationSeconds.toFixed(1)} s`],
    ]),
    '',
  ].join('\n');
}

export function validateOutputs(r: ValidateResult): Record<string, string> {
  return {
    status: r.status,
    key: r.key,
    sha256: r.sha256,
    'tables-checked': String(r.tablesChecked),
    'rows-checked': String(r.rowsChecked),
    mismatches: String(r.mismatches),
    'duration-seconds': r.durationSeconds.toFixed(1),
    'restored-major': String(r.restoredMajor),
  };
}

export function validateSummary(r: ValidateResult): string {
  const head =
    r.status === 'passed'
      ? '✅ Restore drill passed'
      : `❌ Restore drill failed: ${r.mismatches} mismatch${r.mismatches === 1 ? '' : 'es'}`;
  // failures first: they are what the reader came for
  const rows = [...r.checks].sort((a, b) => Number(a.ok) - Number(b.ok));
  return [
    `### ${head}`,
    '',
    `\`${r.key}\` restored into PostgreSQL ${r.restoredMajor} (scratch database \`${r.scratchDatabase}\`${r.kept ? ', kept' : ', dropped'}), ` +
      `${plural(r.tablesChecked, 'table')} and ${plural(r.rowsChecked, 'row')} checked in ${r.durationSeconds.toFixed(1)} s; sha256 \`${r.sha256}\` verified first.`,
    '',
    '| check | expected | found | ok |',
    '|---|---|---|---|',
    ...rows.map((c) => `| ${cell(c.check)} | ${cell(c.expected)} | ${cell(c.found)} | ${c.ok ? '✅' : '❌'} |`),
    '',
  ].join('\n');
}
