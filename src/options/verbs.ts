/**
 * Every CLI command and action, described once: the CLI's help, the action.yml files and the reference pages are
 * written from this table. It imports only types: the build reads it with Node's type stripping, without the runtime.
 * A verb's inputs are rows in spec.ts; what it does is its file in src/commands/, registered in commands/index.ts.
 */

import type { VerbSpec } from '../model/verb.js';

/** In the order `s3-backup --help` lists them. */
const TABLE = {
  backup: {
    action: { folder: '.', title: 'PostgreSQL backup to S3' },
    description: 'Dump a database, compress and hash it, and stream it to S3 with its .sha256 and .meta sidecars.',
    guide: { page: 'how-it-works.md', title: 'How a backup works' },
    outputs: [
      { name: 'key', description: 'Object key of the backup.' },
      { name: 'uri', description: 's3:// URI of the backup.' },
      { name: 'size', description: 'Stored size in bytes (compressed).', type: 'number' },
      { name: 'raw-size', description: 'Size of the dump before compression, in bytes.', type: 'number' },
      { name: 'sha256', description: 'SHA-256 of the stored object (also in <key>.sha256).' },
      { name: 'duration-seconds', description: 'Wall time of the backup.', type: 'number' },
      { name: 'server-version', description: 'PostgreSQL server version that was dumped.' },
      { name: 'pg-dump-version', description: 'pg_dump version used.' },
      { name: 'manifest-key', description: 'Object key of the JSON manifest (<key>.meta).' },
      { name: 'tier', description: 'Retention tier the backup was tagged with (daily, weekly, monthly, yearly).' },
      {
        name: 'pruned',
        description: 'Backups deleted by retention after this backup (empty when retention is off).',
        type: 'number',
      },
      {
        name: 'monthly-cost',
        description: "Estimated monthly storage cost in USD at this backup's stored size under the retention policy.",
        type: 'number',
      },
      {
        name: 'copy-key',
        description:
          'Object key of the second copy (copy-to); empty when there is none, it failed, or several databases were backed up.',
      },
      {
        name: 'copy-status',
        description: 'complete or failed: what became of the second copy; empty without copy-to.',
      },
      {
        name: 'set-key',
        description:
          'Object key of the backup set document (<prefix>/sets/<environment>_<timestamp>.json); with databases (a ' +
          'list or all), key and uri name it too, size is the sum of the members and sha256 / manifest-key / tier are empty.',
      },
      {
        name: 'keys',
        description: "Every stored member's object key by name (each database, and _globals), as JSON.",
        type: 'json',
      },
      { name: 'failed', description: 'Names of the members that failed, as JSON (empty list: none).', type: 'json' },
      { name: 'globals-key', description: "Object key of the globals' backup (empty when globals is false)." },
    ],
    json: '`trend` (the stored sizes of earlier backups, their change, `shrinkWarning`)',
  },
  plan: {
    action: { folder: 'plan', title: 'Plan a PostgreSQL backup set across jobs' },
    description: "Split a server's databases into groups of similar size for a job matrix, and plan a set for them.",
    guide: { page: 'disaster-recovery.md#a-set-made-by-several-jobs', title: 'A set made by several jobs' },
    outputs: [
      {
        name: 'matrix',
        description:
          'The jobs for strategy.matrix, as JSON: {"include":[{"group":"1","databases":"app,analytics"},…]}, ' +
          'groups balanced by size, at most max-jobs.',
        type: 'json',
      },
      { name: 'set-id', description: "The set's id (<environment>_<timestamp>): give it to every job and the close." },
      { name: 'set-key', description: 'Object key the set document will have once closed.' },
    ],
  },
  'set-close': {
    cli: ['set', 'close'],
    action: { folder: 'set-close', title: 'Close a PostgreSQL backup set made by several jobs' },
    description: 'Check every planned member, back up the globals and write the set; latest only when all are stored.',
    guide: { page: 'disaster-recovery.md#a-set-made-by-several-jobs', title: 'A set made by several jobs' },
    outputs: [
      { name: 'set-key', description: 'Object key of the set document.' },
      {
        name: 'keys',
        description: "Every stored member's object key by name (each database, and _globals), as JSON.",
        type: 'json',
      },
      {
        name: 'failed',
        description: 'Names of the members that failed or did not end, as JSON (empty list: none).',
        type: 'json',
      },
      { name: 'globals-key', description: "Object key of the globals' backup (empty when globals is false)." },
    ],
  },
  restore: {
    action: { folder: 'restore', title: 'PostgreSQL restore from S3' },
    description: "Verify a backup's SHA-256, then restore it into a database with pg_restore or psql.",
    guide: { page: 'how-it-works.md#restore', title: 'How a restore works' },
    outputs: [
      { name: 'key', description: 'Object key of the backup that was restored.' },
      { name: 'sha256', description: 'SHA-256 verified before restoring.' },
      { name: 'size', description: 'Size of the restored object in bytes.', type: 'number' },
      {
        name: 'database',
        description:
          'Database the backup was taken of (its name on the source server; empty without a manifest). With all: every database of the set restored, comma-separated.',
      },
      {
        name: 'target',
        description: 'Database restored into. With all: the same list (each database keeps its name).',
      },
      { name: 'server-version', description: 'PostgreSQL version of the target server.' },
      { name: 'duration-seconds', description: 'Wall time of the restore.', type: 'number' },
    ],
  },
  list: {
    description: 'List backups, newest first.',
    outputs: [],
  },
  check: {
    action: { folder: 'check', title: 'PostgreSQL backup freshness gate' },
    description: 'Fail unless the newest good backup (object, .sha256 and .meta agreeing) is no older than max-age.',
    guide: { page: 'monitoring.md#gate-deploys-on-a-recent-backup', title: 'Gate deploys on a recent backup' },
    outputs: [
      {
        name: 'fresh',
        description:
          'true when the newest good backup is no older than max-age (with several databases: every one of them has one).',
        type: 'boolean',
      },
      {
        name: 'key',
        description:
          'Object key of the newest good backup (empty when there is none). With several databases, this and the ' +
          "outputs below describe the stalest of them: the one database's newest good backup that is oldest.",
      },
      { name: 'uri', description: 's3:// URI of the newest good backup.' },
      { name: 'backup-time', description: 'When that backup was taken (ISO 8601, UTC).' },
      { name: 'age-seconds', description: 'Its age in seconds.', type: 'number' },
      { name: 'age', description: 'Its age, for people (e.g. 3h 12m).' },
      { name: 'sha256', description: 'Its SHA-256, as its .sha256 sidecar and manifest agree.' },
      { name: 'size', description: 'Its stored size in bytes.', type: 'number' },
      {
        name: 'replication-status',
        description: 'Its replication status with require-replicated: COMPLETED, PENDING, FAILED, REPLICA or none.',
      },
      {
        name: 'stale',
        description:
          'Names (as in keys) of the databases judged that have no good backup younger than max-age, as JSON (empty ' +
          'list: none; also empty when no name was given and the prefix holds no backup at all).',
        type: 'json',
      },
    ],
    json: '`maxAgeSeconds`, `checkedAt`, `skipped` (newer backups that are not good, and why), `databases` (without a name, under a prefix of several databases: each one judged)',
  },
  verify: {
    action: { folder: 'verify', title: 'PostgreSQL backup verify' },
    description: 'Download a backup, check its SHA-256 against its sidecar and decode every byte; no database needed.',
    guide: { page: 'restore-drills.md', title: 'Restore drills' },
    outputs: [
      { name: 'key', description: 'Object key of the backup that was verified.' },
      { name: 'sha256', description: 'SHA-256 of the object, equal to its sidecar.' },
      { name: 'bytes', description: 'Size of the object in bytes.', type: 'number' },
      { name: 'duration-seconds', description: 'Wall time of the verification.', type: 'number' },
    ],
  },
  validate: {
    action: { folder: 'validate', title: 'PostgreSQL restore drill' },
    description: 'Restore drill: restore a backup into a scratch database and prove it matches its manifest.',
    guide: { page: 'restore-drills.md', title: 'Restore drills' },
    outputs: [
      { name: 'status', description: 'passed, failed, or not-verified (the drill could not run).' },
      { name: 'key', description: 'Object key of the backup that was validated.' },
      { name: 'sha256', description: 'SHA-256 verified before restoring.' },
      { name: 'tables-checked', description: 'Tables compared against the manifest.', type: 'number' },
      { name: 'rows-checked', description: 'Rows whose count was compared exactly.', type: 'number' },
      { name: 'mismatches', description: 'Number of failed checks.', type: 'number' },
      { name: 'duration-seconds', description: 'Wall time of the validation.', type: 'number' },
      { name: 'restored-major', description: 'PostgreSQL major version the backup was restored into.', type: 'number' },
      { name: 'drill-statement', description: "Path of the drill's in-toto statement (JSON); empty: it did not run." },
      { name: 'drill-predicate', description: "Path of its predicate alone (actions/attest's predicate-path)." },
      { name: 'drill-subjects', description: "Path of its subjects, sha256sum format (attest's subject-checksums)." },
    ],
    json: '`checks` (every check: `check`, `expected`, `found`, `ok`)',
  },
  thaw: {
    action: { folder: 'thaw', title: 'Thaw an archived PostgreSQL backup' },
    description: 'Ask S3 to restore a backup from GLACIER or DEEP_ARCHIVE; exit 75 until it is readable, or wait.',
    guide: {
      page: 'replication-and-archive.md#archive-tiers-thaw-before-restoring',
      title: 'Replication and archive tiers',
    },
    outputs: [
      { name: 'key', description: 'Object key of the backup.' },
      { name: 'storage-class', description: 'Its storage class (GLACIER, DEEP_ARCHIVE, or an instant class).' },
      {
        name: 'readable',
        description: 'true once it can be read (a run that stops before, exit status 75, sets no outputs).',
        type: 'boolean',
      },
    ],
  },
  prune: {
    action: { folder: 'prune', title: 'PostgreSQL backup retention' },
    description: 'Delete backups the retention policy no longer keeps, with their sidecars; dry-run prints the plan.',
    guide: { page: 'retention-and-cost.md', title: 'Retention and cost' },
    outputs: [
      { name: 'kept', description: 'Number of backups kept.', type: 'number' },
      {
        name: 'deleted',
        description: 'Number of backups deleted (with their sidecars); 0 on a dry run.',
        type: 'number',
      },
      {
        name: 'locked',
        description: 'Backups due for deletion but kept because Object Lock protects them.',
        type: 'number',
      },
      {
        name: 'plan',
        description: 'The plan as JSON: every backup, keep or delete, and the rules that kept it.',
        type: 'json',
      },
    ],
    json: '`dryRun`, `orphans` (sidecars whose backup is gone), `staleClaims` (claims left by runs that did not end cleanly)',
  },
  lifecycle: {
    action: { folder: 'lifecycle', title: 'S3 lifecycle rules for PostgreSQL backups' },
    description: "Print or apply lifecycle rules that expire backups by their tier tag, merged with the bucket's.",
    guide: { page: 'retention-and-cost.md', title: 'Retention and cost' },
    outputs: [
      {
        name: 'rules',
        description: "The lifecycle configuration (merged with the bucket's rules when applied), as JSON.",
        type: 'json',
      },
      { name: 'applied', description: 'true when the rules were applied.', type: 'boolean' },
    ],
    json: '`added`, `replaced`, `kept` (rule ids, when applied)',
  },
  'bucket-init': {
    cli: ['bucket', 'init'],
    action: { folder: 'bucket-init', title: 'Set up the S3 bucket for PostgreSQL backups' },
    description: 'Create or complete the bucket: versioning, encryption, public access blocked, lifecycle rules.',
    guide: { page: 'bucket-setup.md', title: 'Bucket setup' },
    outputs: [{ name: 'report', description: 'Every step and its result, as JSON.', type: 'json' }],
  },
  'bucket-audit': {
    cli: ['bucket', 'audit'],
    action: { folder: 'bucket-audit', title: 'Audit the S3 bucket of PostgreSQL backups' },
    description: 'Check the bucket against the security checklist: passed, failed or unknown for each check.',
    guide: { page: 'bucket-setup.md', title: 'Bucket setup' },
    outputs: [
      { name: 'passed', description: 'Checks that passed.', type: 'number' },
      { name: 'failed', description: 'Checks that failed.', type: 'number' },
      { name: 'unknown', description: 'Checks that could not be read (e.g. AccessDenied).', type: 'number' },
      { name: 'report', description: 'Every check, as JSON.', type: 'json' },
    ],
  },
  'bucket-replicate': {
    cli: ['bucket', 'replicate'],
    action: { folder: 'bucket-replicate', title: 'Replicate PostgreSQL backups to another bucket' },
    description: "Replicate the backup prefix to a bucket in another region or account; print the role's policies.",
    guide: { page: 'replication-and-archive.md#replication', title: 'Replication and archive tiers' },
    outputs: [
      {
        name: 'configuration',
        description: "The bucket's replication configuration as written, as JSON.",
        type: 'json',
      },
      { name: 'changed', description: 'true when it was written (false: it was already so).', type: 'boolean' },
      { name: 'role-policy', description: 'The permissions policy of the replication role, as JSON.', type: 'json' },
      {
        name: 'trust-policy',
        description: 'The trust policy of the replication role (S3 assumes it), as JSON.',
        type: 'json',
      },
    ],
  },
  'iam-policy': {
    action: { folder: 'iam-policy', title: 'Least-privilege IAM policy for PostgreSQL backups' },
    description: 'Print the least-privilege IAM policy for the backup prefix, and the GitHub OIDC trust policy.',
    guide: { page: 'bucket-setup.md', title: 'Bucket setup' },
    outputs: [
      { name: 'policy', description: 'The least-privilege policy JSON.', type: 'json' },
      {
        name: 'trust-policy',
        description: 'The GitHub OIDC trust policy JSON (when github-repository is set).',
        type: 'json',
      },
    ],
  },
  cost: {
    action: { folder: 'cost', title: 'Storage cost of PostgreSQL backups' },
    description: 'Estimate the monthly storage cost of a retention policy, minimum-duration charges included.',
    guide: { page: 'retention-and-cost.md', title: 'Retention and cost' },
    outputs: [
      {
        name: 'monthly-usd',
        description: 'Estimated monthly storage cost in USD with lifecycle rules by tier.',
        type: 'number',
      },
      {
        name: 'prune-monthly-usd',
        description: 'Estimated monthly storage cost in USD with prune instead.',
        type: 'number',
      },
      { name: 'report', description: 'The estimate per storage class, as JSON.', type: 'json' },
    ],
    json: '`input`, `estimates`, `comparison`',
  },
  demo: {
    cliOnly: true,
    description: 'Start a local PostgreSQL and S3 server, back up, list, restore and compare; no credentials needed.',
    outputs: [],
  },
} satisfies Record<string, VerbSpec>;

/** Every CLI command, the demo included. */
export type CommandName = keyof typeof TABLE;
/** A verb: a CLI command with inputs (all but list are also actions). */
export type Verb = Exclude<CommandName, 'demo'>;
export const VERBS: Record<CommandName, VerbSpec> = TABLE;
/** Every CLI command, in the table's order. */
export const COMMAND_NAMES = Object.keys(VERBS) as CommandName[];

/** The CLI's words for a command: `bucket-init` → ['bucket', 'init']. */
export const cliWords = (name: CommandName): string[] => VERBS[name].cli ?? [name];

/** The verbs that are GitHub Actions, with their folder and name. */
export function actionVerbs(): Array<{ verb: Verb; folder: string; title: string; description: string }> {
  return COMMAND_NAMES.flatMap((name) => {
    const { action, description } = VERBS[name];
    return action ? [{ verb: name as Verb, ...action, description }] : [];
  });
}

/** The one kebab → camelCase rule: an output's --json name (`duration-seconds` → durationSeconds), a flag's value. */
export const camelCase = (name: string): string => name.replace(/-([a-z0-9])/g, (_, c: string) => c.toUpperCase());
