/** What check says when it judged several databases one by one (pure builders). */
import type { CheckResult, DatabaseFreshness } from '../model/results.js';
import { formatAge } from '../core/format.js';
import { table } from './results.js';

type Judged = CheckResult & { databases: DatabaseFreshness[] };

const stale = (r: Judged) => r.databases.filter((d) => !d.fresh);
const plural = (n: number, one: string, many: string) => `${n} ${n === 1 ? one : many}`;

/** Why one database is stale, in a few words. */
function why(d: DatabaseFreshness): string {
  return d.newest ? `newest good backup ${formatAge(d.newest.ageSeconds)} old` : 'no good backup';
}

/** The one line a failed gate prints: which databases, and why each. */
export function databasesStaleMessage(r: CheckResult, where: string): string {
  const bad = stale(r as Judged);
  const list = bad.map((d) => `${d.name} (${why(d)})`).join(', ');
  return (
    `${bad.length} of ${plural(r.databases!.length, 'database', 'databases')} under ${where} ` +
    `${bad.length === 1 ? 'has' : 'have'} no good backup younger than max-age ${formatAge(r.maxAgeSeconds)}: ${list}: ` +
    'check that the scheduled backup of each still runs (GitHub disables schedules after 60 days without repository activity)'
  );
}

/** One line a database for the terminal. */
export function databasesText(r: CheckResult): string {
  return r
    .databases!.map((d) => {
      const verdict = d.fresh ? 'fresh' : 'STALE';
      const n = d.newest;
      if (!n) return `${verdict}: ${d.name}: no good backup`;
      const replication = d.replicationStatus ? `, replication ${d.replicationStatus}` : '';
      return `${verdict}: ${d.name}: ${n.uri} taken ${n.backupTime} (${formatAge(n.ageSeconds)} ago, max-age ${formatAge(r.maxAgeSeconds)})${replication}`;
    })
    .join('\n');
}

export function databasesReport(r: CheckResult): string {
  const bad = stale(r as Judged);
  const total = plural(r.databases!.length, 'database', 'databases');
  return bad.length ? `${bad.length} of ${total} stale: ${bad.map((d) => d.name).join(', ')}` : `${total} fresh`;
}

/** The job summary's heading and one row a database. */
export function databasesSummary(r: CheckResult): string {
  const bad = stale(r as Judged);
  const total = plural(r.databases!.length, 'database', 'databases');
  const head = bad.length
    ? `### ❌ Backup freshness: ${bad.length} of ${total} without a good backup younger than ${formatAge(r.maxAgeSeconds)}`
    : `### ✅ Backup freshness: ${total}, each with a good backup younger than ${formatAge(r.maxAgeSeconds)}`;
  const rows: Array<[string, string]> = r.databases!.map((d) => [
    d.name,
    d.newest
      ? `${d.fresh ? '✅' : '❌'} ${formatAge(d.newest.ageSeconds)} old: \`${d.newest.uri}\``
      : '❌ no good backup',
  ]);
  return [head, '', table(rows), ''].join('\n');
}

/** Each database for --json. */
export function databasesJson(r: CheckResult) {
  return r.databases!.map((d) => ({
    name: d.name,
    fresh: d.fresh,
    key: d.newest?.key ?? null,
    backupTime: d.newest?.backupTime ?? null,
    ageSeconds: d.newest?.ageSeconds ?? null,
    ...(d.replicationStatus ? { replicationStatus: d.replicationStatus } : {}),
  }));
}
