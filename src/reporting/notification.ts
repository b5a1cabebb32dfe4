/**
 * The text of a run's notification (pure): one shape for every verb — what ran, on what, the result, the key, the
 * size, the duration, the one-line reason of a failure and where it ran (the workflow run's link, or the host).
 * Each service's payload (src/notify/) lays these same facts out in its own format.
 */
import type { RunNote } from '../model/notify.js';
import { formatBytes } from '../core/format.js';

export const noteOk = (n: RunNote): boolean => n.status === 'succeeded';

export function noteTitle(n: RunNote): string {
  return `s3-backup ${n.verb} ${n.status}: ${n.subject}`;
}

function duration(seconds: number): string {
  if (seconds < 60) return `${seconds.toFixed(1)} s`;
  const m = Math.floor(seconds / 60);
  return m < 60 ? `${m} min ${Math.round(seconds % 60)} s` : `${Math.floor(m / 60)} h ${m % 60} min`;
}

/** The facts, in order, as label → value; absent facts are left out. */
export function noteFacts(n: RunNote): Array<[string, string]> {
  const facts: Array<[string, string] | undefined> = [
    ['Result', n.status],
    ['Verb', n.verb],
    ['On', n.subject],
    ['Environment', n.environment],
    n.key ? ['Key', n.key] : undefined,
    n.sizeBytes !== undefined ? ['Size', formatBytes(n.sizeBytes)] : undefined,
    ['Duration', duration(n.durationSeconds)],
    n.reason ? ['Reason', n.reason] : undefined,
    n.runUrl ? ['Run', n.runUrl] : ['Host', n.host],
  ];
  return facts.filter((f): f is [string, string] => f !== undefined);
}

/** The plain-text form: the title, then one "Label: value" line per fact. */
export function notePlainText(n: RunNote): string {
  return [noteTitle(n), '', ...noteFacts(n).map(([k, v]) => `${k}: ${v}`), ''].join('\n');
}

const escapeHtml = (s: string) =>
  s.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;');

/** The HTML part of an e-mail: the title and the facts as a table. */
export function noteHtml(n: RunNote): string {
  const rows = noteFacts(n)
    .map(([k, v]) => {
      const value = k === 'Run' ? `<a href="${escapeHtml(v)}">${escapeHtml(v)}</a>` : escapeHtml(v);
      return `<tr><th align="left">${escapeHtml(k)}</th><td>${value}</td></tr>`;
    })
    .join('');
  return `<p><strong>${escapeHtml(noteTitle(n))}</strong></p><table>${rows}</table>`;
}
