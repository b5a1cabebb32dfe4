/**
 * Whether backups are proven by drills (pure): the verdict of `check`'s require-drill and of the bucket audit's "last
 * restore drill". Each database's newest backup, or one of its backups within a window, must have been restored and
 * matched by a passing drill no older than the drill age.
 */
import type { DrillRecord } from '../model/drill.js';
import { formatAge } from './format.js';
import type { Status } from '../model/results.js';

/** The backups a drill may prove for one database: its newest and those within the window. */
export interface ProofGroup {
  /** The database's key stem (`<name>_<environment>`). */
  stem: string;
  newest: string;
  keys: string[];
}

/** One group per stem: the newest backup and every backup younger than `withinSeconds` (entries newest first). */
export function proofGroups(
  backups: Array<{ key: string; stem: string; at: Date }>,
  now: Date,
  withinSeconds: number,
): ProofGroup[] {
  const groups = new Map<string, ProofGroup>();
  for (const b of backups) {
    const g = groups.get(b.stem);
    const within = (now.getTime() - b.at.getTime()) / 1000 <= withinSeconds;
    if (!g) groups.set(b.stem, { stem: b.stem, newest: b.key, keys: [b.key] });
    else if (within) g.keys.push(b.key);
  }
  return [...groups.values()];
}

export interface DrillProof {
  ok: boolean;
  /** One line: which drill proved each database, or which database no drill proved. */
  detail: string;
  /** The stems no passing drill proved. */
  unproven: string[];
}

/** The verdict over groups and the stored records (any order); `drillAgeSeconds` bounds how old a drill may be. */
export function drillProof(
  groups: ProofGroup[],
  records: DrillRecord[],
  now: Date,
  drillAgeSeconds: number,
): DrillProof {
  const age = (r: DrillRecord) => (now.getTime() - Date.parse(r.finishedAt)) / 1000;
  const recent = records.filter((r) => age(r) <= drillAgeSeconds).sort((a, b) => age(a) - age(b));
  const proofs: string[] = [];
  const unproven: string[] = [];
  for (const g of groups) {
    const drill = recent.find((r) => r.status === 'passed' && r.kind !== 'set' && g.keys.includes(r.key));
    if (drill) {
      proofs.push(`${drill.key} restored and matched by the drill of ${drill.finishedAt}`);
      continue;
    }
    unproven.push(g.stem);
    const last = recent.find((r) => g.keys.includes(r.key));
    proofs.push(
      `${g.newest}: no passing drill within ${formatAge(drillAgeSeconds)}` +
        (last ? ` (the drill of ${last.finishedAt} ${last.status === 'failed' ? 'failed' : 'did not run'})` : ''),
    );
  }
  if (!groups.length) return { ok: false, detail: 'no backup to prove', unproven };
  return { ok: unproven.length === 0, detail: proofs.join('; '), unproven };
}

/** How old the bucket audit lets the drill that proves a database be: a monthly drill, with a few days to spare. */
const AUDIT_DRILL_DAYS = 35;

/**
 * The bucket audit's "last restore drill": the drill proof of every database backed up within the drill age (all of
 * them when none was), over the records newest first.
 */
export function auditDrillVerdict(
  backups: Array<{ key: string; stem: string; at: Date }>,
  records: DrillRecord[],
  now: Date,
): [Status, string] {
  const ageSeconds = AUDIT_DRILL_DAYS * 86_400;
  if (!records.length) return ['unknown', 'no drill recorded yet (validate appends a record under drills/)'];
  const groups = proofGroups(backups, now, ageSeconds);
  const active = groups.filter((g) => {
    const newest = backups.find((b) => b.key === g.newest);
    return newest && (now.getTime() - newest.at.getTime()) / 1000 <= ageSeconds;
  });
  if (!groups.length) {
    const last = records[0]!;
    return [
      last.status === 'passed' ? 'ok' : 'fail',
      `the last drill (${last.finishedAt}) ${last.status}: ${last.key}`,
    ];
  }
  const proof = drillProof(active.length ? active : groups, records, now, ageSeconds);
  return [proof.ok ? 'ok' : 'fail', proof.detail];
}
