/** The .meta document written beside every backup (pure). Versioned: readers accept any 1.x. */
import type { Encryption } from '../model/naming.js';
import type { Compression, Format } from '../model/naming.js';
import type { ExtensionEntry, RowCounts, SequenceEntry, TableEntry } from '../model/catalog.js';

export const MANIFEST_SCHEMA = 's3-backup/manifest';
export const MANIFEST_VERSION = 1;

export interface Manifest {
  schema: typeof MANIFEST_SCHEMA;
  version: number;
  tool: { name: 's3-backup'; version: string };
  key: string;
  database: { name: string; host: string; serverVersion: string; serverMajor: number; sizeBytes: number };
  pgDump: { version: string; major: number };
  format: Format;
  compression: { method: Compression; level: number; tool: string };
  encryption: null | { method: Encryption; recipients: string[] };
  rawSize: number | null;
  size: number;
  sha256: string;
  startedAt: string;
  finishedAt: string;
  durationSeconds: number;
  github: null | { runUrl: string; repository?: string; sha?: string; workflow?: string; ref?: string };
  storageClass: string;
  tags: Record<string, string>;
  /** Retention tier: also the object's s3-backup-tier tag. */
  tier?: 'daily' | 'weekly' | 'monthly' | 'yearly';
  /** How `tables[].rows` were taken: exact (inside pg_dump's snapshot), estimate (reltuples) or off. */
  rowCounts: RowCounts;
  /** pg_dump's exported snapshot the counts were taken in, when exact. */
  snapshot: string | null;
  schemas: string[];
  tables: TableEntry[];
  sequences: SequenceEntry[];
  extensions: ExtensionEntry[];
  largeObjects: number;
  roles: string[];
  options: { schemas: string[]; excludeTables: string[] };
  /**
   * The globals backup only (pg_dumpall --globals-only): the roles it holds, and whether their passwords were left
   * out because pg_authid could not be read (managed servers): such roles need their passwords set after a restore.
   */
  globals?: { roles: string[]; noRolePasswords: boolean };
}

export function githubContext(env: Record<string, string | undefined>): Manifest['github'] {
  if (env.GITHUB_ACTIONS !== 'true' || !env.GITHUB_RUN_ID) return null;
  const server = env.GITHUB_SERVER_URL ?? 'https://github.com';
  return {
    runUrl: `${server}/${env.GITHUB_REPOSITORY}/actions/runs/${env.GITHUB_RUN_ID}`,
    repository: env.GITHUB_REPOSITORY,
    sha: env.GITHUB_SHA,
    workflow: env.GITHUB_WORKFLOW,
    ref: env.GITHUB_REF,
  };
}

export function parseManifest(text: string): Manifest {
  const doc = JSON.parse(text) as Partial<Manifest>;
  if (doc.schema !== MANIFEST_SCHEMA || typeof doc.version !== 'number') {
    throw new Error('not an s3-backup manifest');
  }
  if (Math.floor(doc.version) > MANIFEST_VERSION) {
    throw new Error(
      `manifest version ${doc.version} is newer than this tool understands (${MANIFEST_VERSION}): upgrade s3-backup`,
    );
  }
  return doc as Manifest;
}

/** latest.json: the newest good backup. */
export interface LatestPointer {
  schema: 's3-backup/latest';
  key: string;
  sha256: string;
  size: number;
  finishedAt: string;
  manifestKey: string;
}

/** The key latest.json names; undefined when there is no pointer or it cannot be read. */
export function latestKeyOf(pointerText: string | undefined): string | undefined {
  if (!pointerText) return undefined;
  try {
    const key = (JSON.parse(pointerText) as Partial<LatestPointer>).key;
    return typeof key === 'string' ? key : undefined;
  } catch {
    return undefined;
  }
}
