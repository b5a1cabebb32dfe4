/** The facts of a finished run for its notification (pure): from the verb's outputs, its inputs and the runner. */
import { parseBackupKey } from '../core/naming.js';
import type { RawInputs } from '../model/options.js';
import type { NoteStatus, RunNote } from '../model/notify.js';

/** The verbs whose failure means the backup could not be proven good: the drill's "not verified". */
const DRILLS = ['verify', 'validate'];

export interface FinishedRun {
  verb: string;
  ok: boolean;
  /** What the verb wrote, when it got that far. */
  outputs: Record<string, string>;
  /** One redacted line, when it failed. */
  reason?: string;
  durationSeconds: number;
  at: Date;
}

function databaseOf(url: string | undefined): string | undefined {
  if (!url) return undefined;
  try {
    const name = decodeURIComponent(new URL(url).pathname.slice(1));
    return name || undefined;
  } catch {
    return undefined;
  }
}

/**
 * A database, the databases of a set, the backup a drill or check read, or at least the environment. The database
 * URL names the backup's source only for a backup: for the other verbs it is a restore target or a scratch server.
 */
function subjectOf(run: FinishedRun, raw: RawInputs, env: Record<string, string | undefined>): string {
  const { outputs } = run;
  if (outputs.database) return `database ${outputs.database}`;
  const read = run.verb === 'backup' || !outputs.key ? undefined : parseBackupKey(outputs.key);
  if (read) return `backup ${read.stem}`;
  const set = outputs['set-key'] ? ` (set ${outputs['set-key']})` : '';
  const databases = raw('databases')?.trim();
  if (databases) return `databases ${databases.split(/[\s,]+/).join(', ')}${set}`;
  const db = run.verb === 'backup' ? databaseOf(raw('database-url') ?? env.DATABASE_URL) : undefined;
  if (db) return `database ${db}`;
  if (set) return set.slice(2, -1);
  const name = raw('name')?.trim();
  const environment = raw('environment') ?? 'production';
  return name ? `${name} (${environment})` : `environment ${environment}`;
}

/** The workflow run's page on GitHub, when running there. */
function runUrlOf(env: Record<string, string | undefined>): string | undefined {
  const { GITHUB_SERVER_URL, GITHUB_REPOSITORY, GITHUB_RUN_ID } = env;
  if (!GITHUB_SERVER_URL || !GITHUB_REPOSITORY || !GITHUB_RUN_ID) return undefined;
  return `${GITHUB_SERVER_URL}/${GITHUB_REPOSITORY}/actions/runs/${GITHUB_RUN_ID}`;
}

export function runNote(
  run: FinishedRun,
  raw: RawInputs,
  env: Record<string, string | undefined>,
  host: string,
): RunNote {
  const status: NoteStatus = run.ok ? 'succeeded' : DRILLS.includes(run.verb) ? 'not verified' : 'failed';
  const size = run.outputs.size ?? run.outputs.bytes;
  const runUrl = runUrlOf(env);
  return {
    verb: run.verb,
    status,
    subject: subjectOf(run, raw, env),
    environment: raw('environment') ?? 'production',
    ...(run.outputs.key ? { key: run.outputs.key } : {}),
    ...(size && /^\d+$/.test(size) ? { sizeBytes: Number(size) } : {}),
    durationSeconds: run.durationSeconds,
    ...(run.reason ? { reason: run.reason } : {}),
    ...(runUrl ? { runUrl } : {}),
    host,
    at: run.at.toISOString(),
  };
}
