/** A backup set's outputs and job summary (pure builders). */
import type { SetResult } from '../model/results.js';
import { GLOBALS_NAME } from '../core/set-format.js';
import { formatBytes, plural } from '../core/format.js';
import { cell } from './markdown.js';

/** The set's own outputs, for every run that wrote a set (a single database with its globals too). */
export function setOutputs(r: SetResult): Record<string, string> {
  const keys: Record<string, string> = {};
  for (const m of r.set.members) if (m.key) keys[m.name] = m.key;
  const globals = r.set.members.find((m) => m.kind === 'globals');
  return {
    'set-key': r.set.key,
    keys: JSON.stringify(keys),
    failed: JSON.stringify(r.set.failed),
    'globals-key': globals?.key ?? '',
  };
}

/** The outputs a single backup has, for a run of several databases: the set document stands for "the backup". */
export function multiOutputs(r: SetResult): Record<string, string> {
  const results = r.outcomes.flatMap((x) => (x.result ? [x.result] : []));
  const stored = r.set.members.filter((m) => m.status === 'ok');
  const raws = results.map((x) => x.rawSize);
  const sum = (xs: number[]) => xs.reduce((a, b) => a + b, 0);
  const pruned = results.filter((x) => x.retention?.prune);
  const costs = results.filter((x) => x.retention?.cost);
  return {
    key: r.set.key,
    uri: `s3://${r.bucket}/${r.set.key}`,
    size: String(sum(stored.map((m) => m.size ?? 0))),
    'raw-size': raws.length && raws.every((x) => x !== null) ? String(sum(raws as number[])) : '',
    sha256: '',
    'duration-seconds': ((Date.parse(r.set.finishedAt) - Date.parse(r.set.startedAt)) / 1000).toFixed(1),
    'server-version': r.set.server.serverVersion,
    'pg-dump-version': results[0]?.pgDumpVersion ?? '',
    'manifest-key': '',
    tier: '',
    pruned: pruned.length ? String(sum(pruned.map((x) => x.retention!.prune!.deleted))) : '',
    'monthly-cost': costs.length ? sum(costs.map((x) => x.retention!.cost!.estimate.totalUsd)).toFixed(2) : '',
    ...copyOutputs(results),
  };
}

export function setSummary(r: SetResult): string {
  const ok = !r.set.failed.length;
  const rows = r.set.members.map((m) => [
    m.kind === 'globals' ? `${GLOBALS_NAME} (roles${m.noRolePasswords ? ', without passwords' : ''})` : m.database,
    m.status === 'ok' ? '✅' : `❌ ${cell(m.error ?? '')}`,
    m.key ? `\`${m.key}\`` : '',
    m.size === undefined ? '' : formatBytes(m.size),
  ]);
  return [
    `### ${ok ? '✅' : '❌'} Backup set: ${plural(r.set.members.length, 'member')}${ok ? '' : `, ${r.set.failed.length} failed`}`,
    '',
    `Set document \`${r.set.key}\` (PostgreSQL ${r.set.server.serverVersion} at ${r.set.server.host})`,
    '',
    '| member | status | key | stored |',
    '|---|---|---|---|',
    ...rows.map((x) => `| ${x.join(' | ')} |`),
    '',
  ].join('\n');
}

/** The CLI's text: one line a member. */
export function setText(r: SetResult): string {
  return [
    `s3://${r.bucket}/${r.set.key}`,
    ...r.set.members.map((m) =>
      m.status === 'ok'
        ? `  ${m.name.padEnd(20)} ${m.key}  ${formatBytes(m.size ?? 0)}`
        : `  ${m.name.padEnd(20)} FAILED: ${m.error}`,
    ),
  ].join('\n');
}

/** The second copies of a run of several databases: failed when one failed, complete when every one is. */
function copyOutputs(results: { copy?: { status: string } }[]): Record<string, string> {
  const copies = results.flatMap((x) => (x.copy ? [x.copy.status] : []));
  const status = !copies.length ? '' : copies.every((s) => s === 'complete') ? 'complete' : 'failed';
  return { 'copy-key': '', 'copy-status': status };
}
