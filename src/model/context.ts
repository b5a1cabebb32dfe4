/** What a run needs from its host (action or CLI): where to log, when to stop, what time it is, its seams. */
import type { S3Client } from '@aws-sdk/client-s3';
import type { Connection } from './connection.js';
import type { S3Options } from './options.js';

/** What a run needs from its host (action or CLI): where to log, when to stop, what time it is. */
export interface Logger {
  info(message: string): void;
  /** A warning; in Actions an annotation, with the title when given. */
  warning(message: string, title?: string): void;
}

/** What a restore is about to do, for the question asked before it. */
export interface RestorePlanSummary {
  key: string;
  database: string;
  host: string;
  existingTables: number;
}

export interface RunContext {
  log: Logger;
  signal: AbortSignal;
  env: Record<string, string | undefined>;
  now: () => Date;
  /** Temporary directory for restores (RUNNER_TEMP in Actions). */
  tempDir: string;
  /** Installs a PostgreSQL client of a major when none is found (GitHub runners); returns its bin dir. */
  installClient?: (major: number) => Promise<string | undefined>;
  /** Bytes moved in a phase, the phase's whole size when it is known, and which database when a run moves several. */
  onProgress?: (p: ProgressEvent) => void;
  /** Asks before a restore overwrites a database (the CLI on a terminal); undefined = no question (the action). */
  confirm?: (s: RestorePlanSummary) => Promise<boolean>;
  /** A person can answer `confirm` (stdin is a terminal). */
  interactive?: boolean;
  /** The S3 seam: the host binds its clients to the run's signal; tests pass a client with request-capturing middleware. */
  s3Client?: (o: S3Options) => S3Client;
  /** The PostgreSQL seam of a restore's pre-flight (roles, extensions); tests pass a fake. */
  pgCatalog?: (c: Connection, database: string) => Promise<TargetCatalog>;
}

/** One sample of a phase's progress (upload, download, restore). */
export interface ProgressEvent {
  phase: string;
  bytes: number;
  /** The phase's whole size in bytes, when known. */
  total?: number;
  /** Which database, when a run moves several. */
  label?: string;
  /** How far by another measure than bytes (the tables dumped, the archive's entries restored). */
  work?: ProgressWork;
  /** The phase's last sample: shown whatever the interval. */
  final?: boolean;
}

export interface ProgressWork {
  done: number;
  total: number;
  /** What is counted: "tables" (weighed by their size), "entries" (counted one by one). */
  measure: string;
  /** Whole items, shown as done/total; else only the percentage. */
  counted?: boolean;
  /** The tables' data among them (a restore), when known. */
  tables?: { done: number; total: number };
}

export interface TargetCatalog {
  /** Which of these roles exist on the server. */
  existingRoles(names: string[]): Promise<Set<string>>;
  /** Which of these extensions the server can create (pg_available_extensions). */
  availableExtensions(names: string[]): Promise<Set<string>>;
  close(): Promise<void>;
}
