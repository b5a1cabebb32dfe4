/**
 * A backup set made by a job matrix (pure): the databases split into groups of similar size, one group a job; the
 * set's id and the keys of its plan and of its members' records.
 *
 *   <prefix>/sets/<id>.json                 the set document (<id> = <environment>_<stamp>[_N]), written by the close
 *   <prefix>/sets/<id>/plan.json            the plan: every group and its databases
 *   <prefix>/sets/<id>/<name>.member.json   one planned database's outcome, written by its job
 */
import type { JobMatrix, MemberRecord, PlannedGroup, SetPlan, SizedDatabase } from '../model/set-plan.js';
import { joinKey } from './naming.js';
import { SETS_FOLDER } from './set-format.js';

export const PLAN_SCHEMA: SetPlan['schema'] = 's3-backup/set-plan';
export const PLAN_VERSION = 1;
export const MEMBER_SCHEMA: MemberRecord['schema'] = 's3-backup/set-member';

/**
 * At most `maxJobs` groups of similar total size: the largest database first, each into the group that holds the
 * least so far (ties: the one with fewer databases, then the lower group). Deterministic: equal sizes go by name.
 */
export function groupBySize(databases: SizedDatabase[], maxJobs: number): PlannedGroup[] {
  if (!Number.isInteger(maxJobs) || maxJobs < 1) throw new RangeError(`maxJobs must be a whole number ≥ 1: ${maxJobs}`);
  const count = Math.min(maxJobs, databases.length);
  const groups: PlannedGroup[] = Array.from({ length: count }, (_, i) => ({
    group: String(i + 1),
    size: 0,
    databases: [],
  }));
  const order = [...databases].sort((a, b) => b.size - a.size || a.database.localeCompare(b.database));
  for (const db of order) {
    const lighter = (g: PlannedGroup, best: PlannedGroup) =>
      g.size < best.size || (g.size === best.size && g.databases.length < best.databases.length);
    const lightest = groups.reduce((best, g) => (lighter(g, best) ? g : best), groups[0]!);
    lightest.databases.push(db);
    lightest.size += db.size;
  }
  return groups;
}

/** The matrix strategy.matrix reads: one entry a group, its databases comma-separated as the databases input takes. */
export function matrixOf(groups: PlannedGroup[]): JobMatrix {
  return { include: groups.map((g) => ({ group: g.group, databases: g.databases.map((d) => d.database).join(',') })) };
}

const SET_ID_RE = /^(.+)_(\d{8}_\d{6})(?:_(\d+))?$/;

/** A set id → its environment, stamp and sequence; undefined when it is not one. */
export function parseSetId(id: string): { environment: string; stamp: string; seq: number } | undefined {
  const m = SET_ID_RE.exec(id);
  if (!m || m[1]!.includes('/')) return undefined;
  return { environment: m[1]!, stamp: m[2]!, seq: m[3] ? Number(m[3]) : 1 };
}

/** The set document's key → the set id (its name without .json). */
export const setIdOf = (setKey: string): string => setKey.slice(setKey.lastIndexOf('/') + 1).replace(/\.json$/, '');
export const planKey = (prefix: string, id: string): string => joinKey(prefix, `${SETS_FOLDER}/${id}/plan.json`);
const memberRecordsPrefix = (prefix: string, id: string): string => joinKey(prefix, `${SETS_FOLDER}/${id}/`);
export const memberRecordKey = (prefix: string, id: string, name: string): string =>
  `${memberRecordsPrefix(prefix, id)}${name}.member.json`;

/** YYYYMMDD_HHMMSS (UTC) → its time. */
export function stampTime(stamp: string): Date {
  const n = (a: number, b: number) => Number(stamp.slice(a, b));
  return new Date(Date.UTC(n(0, 4), n(4, 6) - 1, n(6, 8), n(9, 11), n(11, 13), n(13, 15)));
}

export function parseSetPlan(text: string): SetPlan {
  const doc = JSON.parse(text) as Partial<SetPlan>;
  if (doc.schema !== PLAN_SCHEMA || typeof doc.version !== 'number' || !Array.isArray(doc.groups))
    throw new Error('not an s3-backup set plan');
  if (Math.floor(doc.version) > PLAN_VERSION)
    throw new Error(`set plan version ${doc.version} is newer than this tool understands: upgrade s3-backup`);
  return doc as SetPlan;
}

export function parseMemberRecord(text: string): MemberRecord {
  const doc = JSON.parse(text) as Partial<MemberRecord>;
  if (doc.schema !== MEMBER_SCHEMA || !doc.member || typeof doc.member.name !== 'string')
    throw new Error('not an s3-backup set member record');
  return doc as MemberRecord;
}

/** Every planned database, in the plan's order (group by group). */
export const plannedDatabases = (plan: SetPlan): SizedDatabase[] => plan.groups.flatMap((g) => g.databases);
