/** A backup set made by several jobs (a job matrix): its plan, each member's record, and the verbs' options. */
import type { BackupOptions } from './options.js';
import type { SetMember } from './set.js';

export interface SizedDatabase {
  /** The name on the server. */
  database: string;
  /** The name in its keys. */
  name: string;
  /** pg_database_size, in bytes. */
  size: number;
}

/** One job of the matrix: the databases it backs up, and their total size. */
export interface PlannedGroup {
  group: string;
  size: number;
  databases: SizedDatabase[];
}

/** <prefix>/sets/<set id>/plan.json: what the close step waits for. */
export interface SetPlan {
  schema: 's3-backup/set-plan';
  version: number;
  /** <environment>_<stamp>[_N]: the set document's name, without .json. */
  id: string;
  /** The set document's key, written by the close step. */
  key: string;
  environment: string;
  plannedAt: string;
  server: { host: string; serverVersion: string; serverMajor: number };
  groups: PlannedGroup[];
}

/** <prefix>/sets/<set id>/<name>.member.json: one planned database's outcome, written by the job that backed it up. */
export interface MemberRecord {
  schema: 's3-backup/set-member';
  setId: string;
  startedAt: string;
  finishedAt: string;
  member: SetMember;
  /** Its copy on the second destination (copy-to), when the job made one. */
  copy?: { status: 'complete' | 'failed'; key?: string; error?: string };
}

/** The matrix for strategy.matrix: one entry a job. */
export interface JobMatrix {
  include: Array<{ group: string; databases: string }>;
}

export interface PlanOptions extends BackupOptions {
  /** At most this many groups (jobs). */
  maxJobs: number;
}

export interface SetCloseOptions extends BackupOptions {
  setId: string;
  /** How long to wait for members that have not ended; 0: check once. */
  membersTimeoutSeconds: number;
}
