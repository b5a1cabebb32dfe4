/**
 * Drill evidence, pure: the record's key (newest first in a listing), the record and its in-toto statement built from
 * what a drill measured, the max-restore-time verdict and the runner a record names.
 */
import type { DrillRecord, DrillRunner, DrillStage, DrillStages, InTotoStatement } from '../model/drill.js';
import type { Check } from '../model/results.js';
import { formatAge } from './format.js';
import { joinKey, stamp } from './naming.js';

/** The predicate type of the drill's statement (documented in docs/drill-evidence.md). */
export const DRILL_PREDICATE_TYPE = 'https://github.com/outtime/s3-backup/drill/v1';

/** Where the drill records are: `<prefix>/drills/`. */
export const drillsPrefix = (prefix: string) => joinKey(prefix, 'drills/');

/** Milliseconds that reverse the time: a later drill gets a smaller, zero-padded number. */
const TIME_CEILING = 9_999_999_999_999;

/**
 * One record's key: `<prefix>/drills/<reverse time>_<YYYYMMDD_HHMMSS>_<what>_<nonce>.json`. S3 lists keys in
 * ascending order, so the newest record is the first key listed: one request of one key finds it.
 */
export function drillKey(prefix: string, at: Date, what: string, nonce: string): string {
  const reverse = String(TIME_CEILING - at.getTime()).padStart(13, '0');
  const slug = what.replace(/[^A-Za-z0-9._-]+/g, '-').slice(0, 80);
  return `${drillsPrefix(prefix)}${reverse}_${stamp(at)}_${slug}_${nonce}.json`;
}

/** The time a record key names (undefined: not a record key). */
export function drillKeyTime(key: string): Date | undefined {
  const m = /(?:^|\/)drills\/(\d{13})_\d{8}_\d{6}_[^/]*\.json$/.exec(key);
  return m ? new Date(TIME_CEILING - Number(m[1])) : undefined;
}

/** The stage that took the most time. */
export function slowestStage(stages: DrillStages): [DrillStage, number] {
  const all = Object.entries(stages) as Array<[DrillStage, number]>;
  return all.reduce((a, b) => (b[1] > a[1] ? b : a));
}

export const recoveryOf = (s: DrillStages) => s.download + s.proof + s.restore + s.compare;

/** A stage's time: 850 ms, 12.3 s, 1h 5m. */
export const drillSeconds = (s: number) =>
  s < 1 ? `${Math.round(s * 1000)} ms` : s < 600 ? `${s.toFixed(1)} s` : formatAge(s);

/** The max-restore-time check: undefined when no limit was given. */
export function restoreTimeCheck(stages: DrillStages, maxSeconds: number | undefined): Check | undefined {
  if (maxSeconds === undefined) return undefined;
  const total = recoveryOf(stages);
  const [stage, took] = slowestStage(stages);
  return {
    check: 'recovery time',
    expected: `at most ${drillSeconds(maxSeconds)} (max-restore-time)`,
    found: `${drillSeconds(total)}, the ${stage} took the most: ${drillSeconds(took)}`,
    ok: total <= maxSeconds,
  };
}

/** The runner a record names: the workflow run on Actions, the host name elsewhere. */
export function drillRunner(env: Record<string, string | undefined>, host: string): DrillRunner {
  const { GITHUB_ACTIONS, GITHUB_SERVER_URL, GITHUB_REPOSITORY, GITHUB_RUN_ID } = env;
  if (GITHUB_ACTIONS === 'true' && GITHUB_REPOSITORY) {
    const url =
      GITHUB_SERVER_URL && GITHUB_RUN_ID
        ? `${GITHUB_SERVER_URL}/${GITHUB_REPOSITORY}/actions/runs/${GITHUB_RUN_ID}`
        : undefined;
    return { kind: 'github-actions', name: GITHUB_REPOSITORY, ...(url ? { url } : {}) };
  }
  return { kind: 'host', name: host };
}

/** The subjects a statement names: the backup, or a set's members. */
function drillSubjects(r: DrillRecord): InTotoStatement<unknown>['subject'] {
  const objects = r.members?.length ? r.members : r.sha256 ? [{ key: r.key, sha256: r.sha256 }] : [];
  return objects.map((m) => ({ name: m.key, digest: { sha256: m.sha256 } }));
}

/** The predicate: the record without its own schema tag. */
export function drillPredicate(r: DrillRecord): Omit<DrillRecord, 'schema'> {
  const { schema: _schema, ...predicate } = r;
  return predicate;
}

/** The record as an in-toto Statement v1 (undefined when it proves no object: a drill that did not run). */
export function drillStatement(r: DrillRecord): InTotoStatement<Omit<DrillRecord, 'schema'>> | undefined {
  const subject = drillSubjects(r);
  if (!subject.length || r.status === 'not-verified') return undefined;
  return {
    _type: 'https://in-toto.io/Statement/v1',
    subject,
    predicateType: DRILL_PREDICATE_TYPE,
    predicate: drillPredicate(r),
  };
}

/** The subjects in sha256sum format (`<hex>  <name>`), as actions/attest's subject-checksums reads them. */
export const subjectChecksums = (r: DrillRecord) =>
  drillSubjects(r)
    .map((s) => `${s.digest.sha256}  ${s.name}\n`)
    .join('');

/** A stored record's text, or undefined when it is not one. */
export function parseDrillRecord(text: string | undefined): DrillRecord | undefined {
  if (!text) return undefined;
  try {
    const r = JSON.parse(text) as Partial<DrillRecord>;
    return r.schema === 's3-backup/drill-record/v1' && typeof r.key === 'string' && r.finishedAt
      ? (r as DrillRecord)
      : undefined;
  } catch {
    return undefined;
  }
}
