/** bucket audit's checklist as a job-summary table and as CLI text (pure builders). */
import type { AuditCheck, Status } from '../model/results.js';
import { cell } from './markdown.js';

const MARK: Record<Status, string> = { ok: '✓', fail: '✗', unknown: 'unknown' };

export function auditTable(checks: AuditCheck[]): string {
  return [
    '| check | | detail |',
    '|---|---|---|',
    ...checks.map((c) => `| ${c.check} | ${MARK[c.status]} | ${cell(c.detail)} |`),
  ].join('\n');
}

export function auditText(checks: AuditCheck[]): string {
  const w = Math.max(...checks.map((c) => c.check.length));
  return checks.map((c) => `${MARK[c.status].padEnd(7)} ${c.check.padEnd(w)}  ${c.detail}`).join('\n');
}
