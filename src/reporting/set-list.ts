/** list's view of the backup sets: one row a set with its members (text, job summary, JSON). */
import type { BackupSet } from '../model/set.js';
import { formatBytes } from '../core/format.js';

/** A backup set as list and backup --json show it (the same shape for both). */
export interface SetRow {
  key: string;
  /** When the set's run started: its backups were taken from then on. */
  backupTime: string;
  complete: boolean;
  failed: string[];
  latest: boolean;
  serverVersion: string;
  members: Array<{
    /** The database's name on the source server (globals: the globals' name). */
    database: string;
    name: string;
    kind: 'database' | 'globals';
    status: 'ok' | 'failed';
    key: string | null;
    sha256: string | null;
    size: number | null;
    error: string | null;
    /** Globals only: role passwords could not be read and were left out; null for a database. */
    noRolePasswords: boolean | null;
  }>;
}

export function setListRows(sets: BackupSet[], latestSetKey?: string): SetRow[] {
  return sets.map((s) => ({
    key: s.key,
    backupTime: s.startedAt,
    complete: s.failed.length === 0,
    failed: s.failed,
    latest: s.key === latestSetKey,
    serverVersion: s.server.serverVersion,
    members: s.members.map((m) => ({
      database: m.database,
      name: m.name,
      kind: m.kind,
      status: m.status,
      key: m.key ?? null,
      sha256: m.sha256 ?? null,
      size: m.size ?? null,
      error: m.error ?? null,
      noRolePasswords: m.kind === 'globals' ? (m.noRolePasswords ?? false) : null,
    })),
  }));
}

const memberLine = (m: SetRow['members'][number]) =>
  m.status === 'ok' ? `${m.name}: ${formatBytes(m.size ?? 0)}` : `${m.name}: FAILED`;

export function setsText(rows: SetRow[]): string {
  if (!rows.length) return '';
  return `\n\nsets:\n${rows
    .map(
      (r) =>
        `${r.backupTime}  ${r.complete ? 'complete' : `${r.failed.length} failed`}  ${r.key}${r.latest ? '  (latest)' : ''}\n` +
        `    ${r.members.map(memberLine).join(', ')}`,
    )
    .join('\n')}`;
}

export function setsSummary(rows: SetRow[]): string {
  if (!rows.length) return '';
  return [
    '',
    `### Backup sets: ${rows.length}`,
    '',
    '| started (UTC) | set | members | status |',
    '|---|---|---|---|',
    ...rows
      .slice(0, 50)
      .map(
        (r) =>
          `| ${r.backupTime.slice(0, 19).replace('T', ' ')} | \`${r.key}\`${r.latest ? ' (latest)' : ''} | ${r.members.map(memberLine).join(', ')} | ${r.complete ? '✓' : `✗ ${r.failed.join(', ')}`} |`,
      ),
    '',
  ].join('\n');
}
