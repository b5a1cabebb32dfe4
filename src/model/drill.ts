/** The evidence a restore drill leaves: one record per drill in the bucket, and its in-toto statement. */

/** One check of the drill (the shape of results.ts's Check, kept here so the two files need not import each other). */
interface DrillCheck {
  check: string;
  expected: string;
  found: string;
  ok: boolean;
}

/** The stages of a drill's recovery, in seconds. */
export interface DrillStages {
  /** Bringing the stored object down (its SHA-256 computed on the way). */
  download: number;
  /** The checksum compared with the sidecar and, when encrypted, the whole decryption authenticated. */
  proof: number;
  /** pg_restore (or psql) into the throwaway server. */
  restore: number;
  /** The restored database(s) against the manifest, and the user's assertions. */
  compare: number;
}

export type DrillStage = keyof DrillStages;

/** passed: every check held; failed: a check did not (or it took longer than max-restore-time); not-verified: the drill could not run. */
type DrillStatus = 'passed' | 'failed' | 'not-verified';

/** Where the drill ran. */
export interface DrillRunner {
  /** github-actions, or host (anything else: the host name says where). */
  kind: 'github-actions' | 'host';
  /** owner/repo on Actions, else the host name. */
  name: string;
  /** The workflow run's page on Actions. */
  url?: string;
}

export interface DrillRecord {
  schema: 's3-backup/drill-record/v1';
  /** backup: one backup (validate); set: a whole set (validate all); member: one database of a set drill. */
  kind: 'backup' | 'set' | 'member';
  status: DrillStatus;
  /** Why the drill could not run, or which check failed first. */
  reason?: string;
  /** The backup's object key (for a set: the set document's key). */
  key: string;
  /** The SHA-256 proven before the restore ('' for a set, whose members carry theirs). */
  sha256: string;
  /** The set the backup belongs to (set and member records). */
  set?: string;
  database?: string;
  /** A set record's members. */
  members?: Array<{ database: string; key: string; sha256: string }>;
  startedAt: string;
  finishedAt: string;
  stages: DrillStages;
  /** Download to compared: the recovery time the drill measured. */
  recoverySeconds: number;
  /** max-restore-time, when given. */
  maxRestoreSeconds?: number;
  checks: DrillCheck[];
  /** The tables compared with the manifest (schema.name). */
  tables: string[];
  tablesChecked: number;
  rowsChecked: number;
  mismatches: number;
  restoredMajor: number;
  runner: DrillRunner;
  tool: { name: 's3-backup'; version: string };
}

/** A stored record and its object key. */
export interface StoredDrill {
  objectKey: string;
  record: DrillRecord;
}

/** An in-toto Statement v1 (https://github.com/in-toto/attestation/blob/main/spec/v1/statement.md). */
export interface InTotoStatement<P> {
  _type: 'https://in-toto.io/Statement/v1';
  subject: Array<{ name: string; digest: { sha256: string } }>;
  predicateType: string;
  predicate: P;
}
