/** list's view of the backup sets: one row a set with its members (text, job summary, JSON). */
import type { BackupSet } from '../model/set.js';
import { formatBytes } from '../core/format.js';

export interface SetRow {
  kind: 'set';
  key: string;
  time: string;
  complete: boolean;
  failed: string[];
  latest: boolean;
  serverVersion: string;
  members: Array<{
    name: string;
    kind: 'database' | 'globals';
    status: 'ok' | 'failed';
    key: string | null;
    size: number | null;
    error: string | null;
  }>;
}

export function setListRows(sets: BackupSet[], latestSetKey?: string): SetRow[] {
  return sets.map((s) => ({
    kind: 'set',
    key: s.key,
    time: s.startedAt,
    complete: s.failed.length === 0,
    failed: s.failed,
    latest: s.key === latestSetKey,
    serverVersion: s.server.serverVersion,
    members: s.members.map((m) => ({
      name: m.name,
      kind: m.kind,
      status: m.status,
      key: m.key ?? null,
      size: m.size ?? null,
      error: m.error ?? null,
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
        `${r.time}  ${r.complete ? 'complete' : `${r.failed.length} failed`}  ${r.key}${r.latest ? '  (latest)' : ''}\n` +
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
          `| ${r.time.slice(0, 19).replace('T', ' ')} | \`${r.key}\`${r.latest ? ' (latest)' : ''} | ${r.members.map(memberLine).join(', ')} | ${r.complete ? '✓' : `✗ ${r.failed.join(', ')}`} |`,
      ),
    '',
  ].join('\n');
}
