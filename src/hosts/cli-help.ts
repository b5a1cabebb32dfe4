/**
 * The CLI's help, grouped: the inputs a verb cannot run without first, then the common ones, then one group a
 * topic, in this order. Only the verb's own inputs are listed (the input table's `verbs`).
 */
import type { InputSpec } from '../options/spec.js';

/** Inputs a run fails without (unless their environment fallback is set). */
const REQUIRED = new Set(['database-url', 'bucket', 'size']);

const TOPICS: [heading: string, names: string[]][] = [
  [
    'Common:',
    ['environment', 'prefix', 'name', 'backup', 'from', 'databases', 'all', 'set', 'jobs', 'dry-run', 'yes', 'drills'],
  ],
  [
    'S3:',
    [
      'provider',
      'endpoint',
      'region',
      'account-id',
      'force-path-style',
      'request-checksum',
      's3-timeout',
      'storage-class',
      'sse',
      'sse-kms-key-id',
      'tags',
      'part-size',
      'queue-size',
      'latest-copy',
    ],
  ],
  [
    'PostgreSQL and the dump:',
    [
      'exclude-databases',
      'globals',
      'format',
      'compression',
      'compression-level',
      'exclude-table',
      'schema',
      'row-counts',
      'pg-bin-dir',
      'pg-stall-timeout',
      'streams',
    ],
  ],
  [
    'Restore:',
    [
      'clean',
      'create-database',
      'with-globals',
      'table',
      'schema-only',
      'data-only',
      'no-owner',
      'no-acl',
      'single-transaction',
      'compare',
      'decoded-copy',
      'temp-dir',
      'validation-sql',
      'keep',
      'max-restore-time',
    ],
  ],
  ['Encryption:', ['encryption-recipients', 'decryption-key', 'decryption-passphrase']],
  ['Archived backups (thaw):', ['thaw', 'wait', 'thaw-tier', 'thaw-days', 'thaw-timeout', 'thaw-poll-interval']],
  ['Freshness:', ['max-age', 'fail-on-stale', 'require-replicated', 'require-drill']],
  ['A set made by several jobs (plan, set close):', ['set-id', 'max-jobs', 'members-timeout']],
  ['Size trend:', ['trend-count', 'shrink-threshold']],
  [
    'Retention and lifecycle:',
    ['retention', 'keep-last', 'keep-daily', 'keep-weekly', 'keep-monthly', 'keep-yearly', 'transitions'],
  ],
  [
    'Bucket:',
    ['object-lock', 'object-lock-mode', 'object-lock-days', 'noncurrent-days', 'audit', 'apply', 'allow-unsupported'],
  ],
  [
    'Replication:',
    [
      'replicate-to',
      'replicate-to-region',
      'replication-role',
      'replica-storage-class',
      'replication-time-control',
      'allow-delete',
    ],
  ],
  ['IAM policy:', ['role', 'principal', 'github-repository', 'github-branch', 'github-environment', 'aws-account-id']],
  ['Cost:', ['compression-ratio', 'prices']],
  [
    'Monitoring and notifications:',
    ['sentry-', 'healthcheck-url', 'monitor-verbs', 'notify', 'notify-on', 'notify-to', 'notify-secret'],
  ],
];

const matches = (name: string, key: string) => name === key || (key.endsWith('-') && name.startsWith(key));
const COPY = 'Second copy (copy-to):';
const OTHER = 'Other:';

/** The help group an input is listed under for a verb (required ones first, whatever their topic). */
export function helpGroup(spec: InputSpec): string {
  if (REQUIRED.has(spec.name)) return 'Required:';
  if (spec.name.startsWith('copy-')) return COPY;
  const topic = TOPICS.find(([, names]) => names.some((k) => matches(spec.name, k)));
  return topic?.[0] ?? OTHER;
}

const ORDER = ['Required:', ...TOPICS.map(([h]) => h), COPY, OTHER];

/** The verb's inputs in the order of their groups (the help lists groups as their first input comes). */
export function inHelpOrder(specs: InputSpec[]): InputSpec[] {
  return specs
    .map((s, i) => ({ s, i, g: ORDER.indexOf(helpGroup(s)) }))
    .sort((a, b) => a.g - b.g || a.i - b.i)
    .map((x) => x.s);
}
