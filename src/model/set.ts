export interface BackupSet {
  schema: 's3-backup/set';
  version: number;
  tool: { name: 's3-backup'; version: string };
  key: string;
  environment: string;
  server: { host: string; serverVersion: string; serverMajor: number };
  startedAt: string;
  finishedAt: string;
  members: SetMember[];
  /** Names of the members that failed; empty when the set is complete. */
  failed: string[];
  github: null | { runUrl: string; repository?: string; sha?: string; workflow?: string; ref?: string };
}

export interface SetMember {
  kind: 'database' | 'globals';
  /** The database's name on the server; for globals, GLOBALS_NAME. */
  database: string;
  /** The name used in the member's key (the database name, or GLOBALS_NAME). */
  name: string;
  status: 'ok' | 'failed';
  /** Present when status is ok. */
  key?: string;
  sha256?: string;
  size?: number;
  /** The database's exported snapshot the dump and the row counts were taken in (databases only). */
  snapshot?: string | null;
  /** Globals only: true when role passwords could not be read (managed servers) and were left out. */
  noRolePasswords?: boolean;
  /** Present when status is failed: one line, no secrets. */
  error?: string;
}
