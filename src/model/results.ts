import type { ObjectInfo } from './objects.js';
/** What the verbs' operations return: the reporting layer and the hosts read these. */
import type { Manifest } from './manifest.js';
import type { CostEstimate, Decision, RetentionPolicy, Tier } from './retention.js';
import type { BackupSet, SetMember } from './set.js';
import type { DrillStages } from './drill.js';

export interface AfterBackup {
  tier: Tier;
  prune?: PruneResult;
  pruneError?: Error;
  cost?: { estimate: CostEstimate; policy: RetentionPolicy; how: string };
  audit?: AuditCheck[];
  /** The prefix as listed before the upload (for the tier), kept when nothing was pruned since: the trend's listing. */
  earlier?: ObjectInfo[];
}

export interface PruneResult {
  plan: PlannedBackup[];
  kept: number;
  deleted: number;
  locked: number;
  orphans: string[];
  /** Claims left behind by runs that were killed (stale, or their backup exists): removed unless a dry run. */
  claims: string[];
  dryRun: boolean;
}

export type Status = 'ok' | 'fail' | 'unknown';

export interface AuditCheck {
  check: string;
  status: Status;
  detail: string;
}

export interface Step {
  step: string;
  /** ignored: the server answered OK but reads the setting back unchanged (it does not implement it). */
  status: 'done' | 'already' | 'partial' | 'failed' | 'ignored' | 'skipped';
  detail: string;
}

export interface SetResult {
  set: BackupSet;
  bucket: string;
  outcomes: MemberOutcome[];
  /** The single database of a run without `databases` (its backup, as a backup on its own reports it). */
  single?: BackupResult;
  /** Set when a member failed: the run fails with it, after the outputs are written. */
  failure?: Error;
}

export interface BackupResult {
  key: string;
  uri: string;
  size: number;
  rawSize: number | null;
  sha256: string;
  durationSeconds: number;
  serverVersion: string;
  pgDumpVersion: string;
  manifestKey: string;
  checksumKey: string;
  latestCopyKey?: string;
  manifest: Manifest;
  /** The retention tier, prune result, cost estimate and audit (never failing the backup itself). */
  retention?: AfterBackup;
  /** The second copy (copy-to); a failed one fails the run once the backup is stored. */
  copy?: CopyOutcome;
}

export interface RestoreResult {
  key: string;
  sha256: string;
  size: number;
  database: string;
  serverVersion: string;
  durationSeconds: number;
  manifest?: Manifest;
  /** What the comparison with the manifest covered (undefined: not compared). */
  matched?: Matched;
}

export interface VerifyResult {
  key: string;
  sha256: string;
  bytes: number;
  durationSeconds: number;
}

export interface ValidateResult {
  /** not-verified: the drill could not run (no server, no backup readable without a thaw …): never a pass. */
  status: 'passed' | 'failed' | 'not-verified';
  key: string;
  sha256: string;
  checks: Check[];
  tablesChecked: number;
  rowsChecked: number;
  mismatches: number;
  durationSeconds: number;
  restoredMajor: number;
  scratchDatabase: string;
  kept: boolean;
  /** The evidence of a drill that ran: when it started, each stage's seconds, the tables compared. */
  startedAt?: string;
  stages?: DrillStages;
  tables?: string[];
  /** A set drill's members as proven (the globals too), each with the tables compared. */
  members?: Array<{ database: string; key: string; sha256: string; tables: string[] }>;
  /** Why a drill that could not run stopped. */
  reason?: string;
}

export interface CheckResult {
  fresh: boolean;
  maxAgeSeconds: number;
  checkedAt: string;
  bucket: string;
  prefix: string;
  newest?: GoodBackup;
  /** With require-replicated: the newest good backup's x-amz-replication-status ('none' when S3 sent none). */
  replicationStatus?: string;
  /** Newer backups that are not good, and why. */
  skipped: Array<{ key: string; reason: string }>;
  /** Names (as in keys) of the databases judged that have no good backup younger than max-age. */
  stale: string[];
  /** Without a name, under a prefix of several databases: each one judged (newest above is the stalest's). */
  databases?: DatabaseFreshness[];
}

/** What became of the copy, for the outputs, the summary and the run's verdict. */
export interface CopyOutcome {
  key?: string;
  uri?: string;
  status: 'complete' | 'failed';
  error?: Error;
}

export interface GoodBackup {
  key: string;
  uri: string;
  /** When the backup was taken (its snapshot): the manifest's start, else the key's timestamp. */
  backupTime: string;
  ageSeconds: number;
  sha256: string;
  size: number;
  rawSize: number | null;
  database: string;
}

export interface MemberOutcome {
  member: SetMember;
  /** A database's backup, when stored. */
  result?: BackupResult;
  globals?: GlobalsResult;
  /** Its copy, when known from the member's record only (a set closed by another job). */
  copy?: CopyOutcome;
  error?: unknown;
}

export interface PlannedBackup extends Decision {
  stem: string;
  /** Set when Object Lock kept a backup the policy would delete. */
  locked?: string;
  deleted?: boolean;
}

export interface GlobalsResult {
  key: string;
  manifest: Manifest;
  /** The globals' second copy (copy-to). */
  copy?: CopyOutcome;
}

export interface Check {
  check: string;
  expected: string;
  found: string;
  ok: boolean;
}

export interface TrendPoint {
  key: string;
  /** When the backup was taken (ISO). */
  at: string;
  /** Stored bytes. */
  size: number;
  /** Dump bytes before compression; null when unknown. */
  rawSize: number | null;
}

export interface TrendStats {
  /** Change of the newest against the one before it, in percent; undefined with fewer than two points. */
  changePercent?: number;
  /** Change over the whole window (oldest → newest), in percent. */
  growthPercent?: number;
  /** Which size the percentages compare: the dump's when every point has it (compression settings cannot skew it). */
  basis: 'dump' | 'stored';
}

export interface Matched {
  tables: number;
  rows: number;
}

export interface DatabaseFreshness {
  /** The name in its keys. */
  name: string;
  fresh: boolean;
  newest?: GoodBackup;
  replicationStatus?: string;
}
