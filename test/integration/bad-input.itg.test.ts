// Bad input, through the bundled CLI (every verb) and, for a subset, the bundled action: each run fails with exit
// code 1 and exactly one error line that names the input (and its value, unless it is a secret) and the fix, and no
// secret — the database password, the S3 secret key, a decryption key, a Sentry DSN — appears anywhere in what the
// run printed. Most rows fail while the inputs are read, before any connection; the few that need a server say so.
//
// Every edge of the checks (each date form, URL shape, key segment) is in the unit table test/unit/input-checks.test.ts;
// here each rule is proven once more end to end, where commander, the hosts, redaction and exit codes come into play.
import { afterAll, describe, expect, test } from 'vitest';
import { fauxqs, rgw } from '../support/context.js';
import { runAction, runCli, s3Env } from '../support/run.js';
import { emptyAndDeleteBucket, uniqueBucketName } from '../support/s3-servers.js';

/** A password with the characters that break unencoded URLs; its pieces are recognisable on their own. */
const PW = 'Zq7hunter@Xk9secret#Wm4tail';
const DSN = 'https://Zq7dsnkeyXk9secretWm4@o1.ingest.sentry.io/1';
const DECRYPTION_KEY = 'Zq7notakeyXk9secretWm4';
/** Nothing listens on port 1: a row that got past the inputs would fail on the connection, with another line. */
const URL = `postgresql://app:${encodeURIComponent(PW)}@127.0.0.1:1/shop`;
const RAW_URL = `postgresql://app:${PW}@127.0.0.1:1/shop`;
const BUCKET = 'bad-input-bucket';
const MISSING = 'bad-input-no-such-bucket';

const secrets = () => [
  PW,
  encodeURIComponent(PW),
  ...PW.split(/[@#]/),
  'Zq7dsnkeyXk9secretWm4',
  DECRYPTION_KEY,
  rgw().secretAccessKey,
  encodeURIComponent(rgw().secretAccessKey),
  'Zq7copyXk9secretWm4',
];

/** Placeholders filled in the test, once the servers are known. */
const fill = (args: string[], vars: Record<string, string>) =>
  args.map((a) => a.replace(/\{(\w+)\}/g, (_, k: string) => vars[k] ?? `{${k}}`));

const W = ['--bucket', BUCKET, '--endpoint', '{endpoint}'];
const BACKUP = ['backup', '--database-url', URL, ...W];
const RESTORE = ['restore', '--database-url', URL, ...W, '--yes'];
const LIST = ['list', ...W];
const CHECK = ['check', ...W];
const VERIFY = ['verify', ...W];
const VALIDATE = ['validate', '--database-url', URL, ...W];
const PRUNE = ['prune', ...W];
const LIFECYCLE = ['lifecycle', ...W];
const INIT = ['bucket', 'init', ...W];
const AUDIT = ['bucket', 'audit', ...W];
const IAM = ['iam-policy', '--bucket', BUCKET];
const EMPTY = (instead: string) =>
  new RegExp(
    `: given empty \\(""\\); give a value or ${instead.replace(/[()]/g, '\\$&')} — an unset variable or secret`,
  );
const DATE_FORMS = /is not latest, an object key, or a date: YYYYMMDD, YYYY-MM-DD, YYYYMMDD_HHMMSS or ISO 8601/;

interface Row {
  what: string;
  args: string[];
  /** The input the line must name. */
  input: string;
  /** Its value, when the line must show it. */
  value?: string;
  line: RegExp;
  env?: Record<string, string>;
  /** The run logs before it fails (it reached a server): other stderr lines are allowed, one error line still. */
  logs?: boolean;
}

const rows: Row[] = [
  // flags the CLI does not know, or that lack their value: one line, the suggestion folded in
  {
    what: 'a mistyped flag: one line with the suggestion',
    args: [...BACKUP, '--enviroment', 'production'],
    input: '--enviroment',
    line: /^unknown option '--enviroment' \(did you mean --environment\?\); --help lists the flags$/,
  },
  {
    what: 'a flag without its value',
    args: [...CHECK, '--max-age'],
    input: '--max-age',
    line: /^option '--max-age <value>' argument missing; --help lists the flags$/,
  },
  // backup: the explicit-empty rule, key parts, database-url, every malformed value
  {
    what: 'database-url given empty is not DATABASE_URL',
    args: ['backup', '--database-url', '', ...W],
    env: { DATABASE_URL: URL },
    input: 'database-url',
    line: EMPTY('leave it out to fall back to DATABASE_URL'),
  },
  {
    what: 'encryption-recipients given empty is not "unencrypted"',
    args: [...BACKUP, '--encryption-recipients', ' '],
    input: 'encryption-recipients',
    line: EMPTY('leave it out to fall back to S3_BACKUP_ENCRYPTION_RECIPIENTS'),
  },
  {
    what: 'prefix with an empty folder',
    args: [...BACKUP, '--prefix', 'db//shop'],
    input: 'prefix',
    value: 'db//shop',
    line: /has an empty folder \("\/\/"\)/,
  },
  {
    what: 'prefix with a space',
    args: [...BACKUP, '--prefix', 'db/my shop'],
    input: 'prefix',
    value: 'my shop',
    line: /folders may hold only letters, digits and/,
  },
  {
    what: 'environment with "_"',
    args: [...BACKUP, '--environment', 'prod_eu'],
    input: 'environment',
    value: 'prod_eu',
    line: /may hold only letters, digits, "\." and "-"/,
  },
  {
    what: 'password with raw "@" and "#"',
    args: ['backup', '--database-url', RAW_URL, ...W],
    input: 'database-url',
    line: /the password holds a character that must be percent-encoded in a URL .*encodeURIComponent\(password\).*"@" → %40, "#" → %23/,
  },
  {
    what: 'password with a raw "/"',
    args: ['backup', '--database-url', 'postgresql://app:Zq7hunter/Wm4tail@127.0.0.1:1/shop', ...W],
    input: 'database-url',
    line: /the password holds a character that must be percent-encoded/,
  },
  {
    what: 'port 99999',
    args: ['backup', '--database-url', 'postgresql://app@127.0.0.1:99999/shop', ...W],
    input: 'database-url',
    value: '99999',
    line: /the port 99999 is out of range; use 1 to 65535/,
  },
  {
    what: 'port that is not a number',
    args: ['backup', '--database-url', 'postgresql://app@127.0.0.1:5x432/shop', ...W],
    input: 'database-url',
    value: '5x432',
    line: /the port "5x432" is not a number/,
  },
  {
    what: 'sslmode=bogus is not "require"',
    args: ['backup', '--database-url', `${URL}?sslmode=bogus`, ...W],
    input: 'sslmode',
    value: 'bogus',
    line: /sslmode=bogus is not valid: use disable, allow, prefer, require, verify-ca or verify-full$/,
  },
  {
    what: 'scheme mysql',
    args: ['backup', '--database-url', 'mysql://app@127.0.0.1/shop', ...W],
    input: 'database-url',
    value: 'mysql:',
    line: /is not postgresql:; use e\.g\. postgresql:\/\/app@db\.example\.com:5432\/shop/,
  },
  {
    what: 'not a URL: the example is not masked',
    args: ['backup', '--database-url', 'postgresql://db host/shop', ...W],
    input: 'database-url',
    line: /not a URL; use e\.g\. postgresql:\/\/app@db\.example\.com:5432\/shop \(a password goes after the user name, app:PASSWORD@…, percent-encoded\)$/,
  },
  {
    what: 'PGSSLMODE bogus',
    args: ['backup', ...W],
    env: { PGHOST: '127.0.0.1', PGPORT: '1', PGSSLMODE: 'bogus' },
    input: 'PGSSLMODE',
    value: 'bogus',
    line: /^PGSSLMODE=bogus is not valid: use disable, allow/,
  },
  {
    what: 'PGCONNECT_TIMEOUT not a number',
    args: [...BACKUP],
    env: { PGCONNECT_TIMEOUT: 'soon' },
    input: 'PGCONNECT_TIMEOUT',
    value: 'soon',
    line: /^PGCONNECT_TIMEOUT=soon is not valid: use a whole number of seconds/,
  },
  {
    what: 'compression-level 22',
    args: [...BACKUP, '--compression-level', '22'],
    input: 'compression-level',
    value: '22',
    line: /is out of range; use 1 to 19/,
  },
  {
    what: 'part-size 1MiB',
    args: [...BACKUP, '--part-size', '1MiB'],
    input: 'part-size',
    value: '1MiB',
    line: /is out of range; S3 parts are 5MiB to 5GiB/,
  },
  {
    what: 'queue-size 0',
    args: [...BACKUP, '--queue-size', '0'],
    input: 'queue-size',
    value: '0',
    line: /is out of range; use 1 to 64/,
  },
  {
    what: 'databases: all combined with names',
    args: [...BACKUP, '--databases', 'all,shop'],
    input: 'databases',
    value: 'all',
    line: /cannot be combined with names; use all with exclude-databases, or a list/,
  },
  {
    what: 'databases: a name longer than PostgreSQL allows',
    args: [...BACKUP, '--databases', `shop,${'d'.repeat(64)}`],
    input: 'databases',
    value: 'd'.repeat(64),
    line: /is longer than PostgreSQL's 63-byte limit/,
  },
  {
    what: 'exclude-databases without databases',
    args: [...BACKUP, '--exclude-databases', 'postgres'],
    input: 'exclude-databases',
    line: /needs databases \(a list or all\); set databases: all/,
  },
  {
    what: 'exclude-databases leaving nothing of the list',
    args: [...BACKUP, '--databases', 'shop', '--exclude-databases', 'shop'],
    input: 'exclude-databases',
    line: /leaves none of the databases listed/,
  },
  {
    what: 'globals maybe',
    args: [...BACKUP, '--globals', 'maybe'],
    input: 'globals',
    value: 'maybe',
    line: /is not one of auto, true, false/,
  },
  {
    what: 'jobs 0',
    args: [...BACKUP, '--databases', 'all', '--jobs', '0'],
    input: 'jobs',
    value: '0',
    line: /is out of range; use 1 to 64/,
  },
  {
    what: 'jobs two',
    args: [...BACKUP, '--databases', 'all', '--jobs', 'two'],
    input: 'jobs',
    value: 'two',
    line: /is not a whole number/,
  },
  {
    what: 'name with databases: all',
    args: [...BACKUP, '--databases', 'all', '--name', 'shop'],
    input: 'name',
    line: /cannot be used with databases \(a list or all\): each database is named by itself/,
  },
  {
    what: 'latest-copy with databases',
    args: [...BACKUP, '--databases', 'shop,analytics', '--latest-copy'],
    input: 'latest-copy',
    line: /one fixed name cannot hold several databases/,
  },
  {
    what: 'tags without "="',
    args: [...BACKUP, '--tags', 'novalue'],
    input: 'tags',
    value: 'novalue',
    line: /is not key=value/,
  },
  {
    what: 'endpoint without a scheme',
    args: ['backup', '--database-url', URL, '--bucket', BUCKET, '--endpoint', 'localhost:9000'],
    input: 'endpoint',
    value: 'localhost:9000',
    line: /is not an http\(s\) URL; use e\.g\. https:\/\/s3\.example\.com/,
  },
  {
    what: 'bucket B_ad',
    args: ['backup', '--database-url', URL, '--bucket', 'B_ad', '--endpoint', '{endpoint}'],
    input: 'bucket',
    value: 'B_ad',
    line: /is not a valid bucket name/,
  },
  {
    what: 'retention keep-daily=-1',
    args: [...BACKUP, '--retention', 'keep-daily=-1'],
    input: 'keep-daily',
    value: '-1',
    line: /is negative; it must be 0 \(off\) or more/,
  },
  {
    what: 'object-lock-days without a mode',
    args: [...BACKUP, '--object-lock-days', '7'],
    input: 'object-lock-days',
    line: /is set but object-lock-mode is empty: set --object-lock-mode to governance or compliance/,
  },
  {
    what: 'shrink-threshold 150%',
    args: [...BACKUP, '--shrink-threshold', '150%'],
    input: 'shrink-threshold',
    value: '150%',
    line: /is not a percentage from 0 to 100/,
  },
  {
    what: 'trend-count -1',
    args: [...BACKUP, '--trend-count', '-1'],
    input: 'trend-count',
    value: '-1',
    line: /is negative; it must be 0 or more/,
  },
  {
    what: 'sentry-dsn without a slug (the DSN not shown)',
    args: [...BACKUP, '--sentry-dsn', DSN],
    input: 'sentry-dsn',
    line: /sentry-monitor-slug is empty: set the slug/,
  },
  {
    what: 'healthcheck-url not a URL',
    args: [...BACKUP, '--healthcheck-url', 'hc-ping'],
    input: 'healthcheck-url',
    line: /not a URL; use the check's ping URL/,
  },

  // restore: what it overwrites and what it restores
  {
    what: 'backup yesterday',
    args: [...RESTORE, '--backup', 'yesterday'],
    input: 'backup',
    value: 'yesterday',
    line: DATE_FORMS,
  },
  {
    what: 'jobs 4 with single-transaction',
    args: [...RESTORE, '--jobs', '4', '--single-transaction'],
    input: 'single-transaction',
    line: /cannot be combined with jobs > 1/,
  },
  {
    what: 'temp-dir relative',
    args: [...RESTORE, '--temp-dir', 'scratch'],
    input: 'temp-dir',
    value: 'scratch',
    line: /is not an absolute path: give the directory's full path/,
  },
  {
    what: 'jobs 0',
    args: [...RESTORE, '--jobs', '0'],
    input: 'jobs',
    value: '0',
    line: /is out of range; use 1 to 64/,
  },
  {
    what: 'decryption-key given empty',
    args: [...RESTORE, '--decryption-key', ''],
    input: 'decryption-key',
    line: EMPTY('leave it out to fall back to S3_BACKUP_DECRYPTION_KEY'),
  },
  {
    what: 'decryption-key that is no key (not shown)',
    args: [...RESTORE, '--decryption-key', DECRYPTION_KEY],
    input: 'decryption-key',
    line: /is neither an age identity/,
  },
  {
    what: 'jobs given empty',
    args: [...RESTORE, '--jobs', ''],
    input: 'jobs',
    line: EMPTY('leave it out to use the default (auto)'),
  },

  // list
  {
    what: 'prefix ./x',
    args: [...LIST, '--prefix', './x'],
    input: 'prefix',
    value: './x',
    line: /has the folder "\."/,
  },
  {
    what: 'bucket given empty is not S3_BACKUP_BUCKET',
    args: ['list', '--bucket', '', '--endpoint', '{endpoint}'],
    env: { S3_BACKUP_BUCKET: BUCKET },
    input: 'bucket',
    line: EMPTY('leave it out to fall back to S3_BACKUP_BUCKET'),
  },
  {
    what: 'provider r2 without account-id',
    args: ['list', '--bucket', BUCKET, '--provider', 'r2'],
    input: 'account-id',
    line: /account-id is empty: provider r2 builds its endpoint from your Cloudflare account id/,
  },

  // check
  {
    what: 'max-age 0h',
    args: [...CHECK, '--max-age', '0h'],
    input: 'max-age',
    value: '0h',
    line: /must be longer than zero/,
  },
  {
    what: 'sentry-monitor-schedule without a monitor',
    args: [...CHECK, '--sentry-monitor-schedule', '0 3 * * *'],
    input: 'sentry-monitor-schedule',
    line: /is set but no Sentry monitor is: set --sentry-dsn and --sentry-monitor-slug/,
  },

  // verify

  // validate
  {
    what: 'password with raw "#"',
    args: ['validate', '--database-url', 'postgresql://app:Zq7hunter#Wm4tail@127.0.0.1:1/postgres', ...W],
    input: 'database-url',
    line: /the password holds a character that must be percent-encoded/,
  },
  {
    what: 'validation-sql given empty',
    args: [...VALIDATE, '--validation-sql', ''],
    input: 'validation-sql',
    line: EMPTY('leave it out'),
  },
  {
    what: 'max-restore-time without a unit',
    args: [...VALIDATE, '--max-restore-time', '90'],
    input: 'max-restore-time',
    line: /"90" is not a duration; use a number with a unit/,
  },
  {
    what: 'require-drill without a unit',
    args: [...CHECK, '--require-drill', '35'],
    input: 'require-drill',
    line: /"35" is not a duration; use a number with a unit/,
  },

  // prune
  {
    what: 'keep-weekly 1.5',
    args: [...PRUNE, '--keep-weekly', '1.5'],
    input: 'keep-weekly',
    value: '1.5',
    line: /is not a whole number; use 0 \(off\) to 10000/,
  },
  {
    what: 'keep-last 100000',
    args: [...PRUNE, '--keep-last', '100000'],
    input: 'keep-last',
    value: '100000',
    line: /is out of range; use 0 \(off\) to 10000/,
  },
  {
    what: 'every keep-* 0',
    args: [...PRUNE, '--keep-daily', '0', '--keep-weekly', '0', '--keep-monthly', '0'],
    input: 'retention',
    line: /every keep-\* rule is 0, which would keep only the newest backup/,
  },

  // lifecycle
  {
    what: 'noncurrent-days 0',
    args: [...LIFECYCLE, '--noncurrent-days', '0'],
    input: 'noncurrent-days',
    value: '0',
    line: /is out of range; use 1 to 36500/,
  },

  // bucket init
  {
    what: 'sse-kms-key-id without aws:kms',
    args: [...INIT, '--sse-kms-key-id', 'alias/backups'],
    input: 'sse-kms-key-id',
    line: /is set but sse is not aws:kms: set --sse aws:kms/,
  },
  {
    what: 'object-lock on a provider without it',
    args: ['bucket', 'init', '--bucket', BUCKET, '--provider', 'gcs', '--object-lock'],
    input: 'object-lock',
    line: /provider gcs has no S3 Object Lock/,
  },
  {
    what: 'a server that answers OK and keeps nothing (fauxqs): init names what it ignored',
    args: ['bucket', 'init', '--bucket', '{fresh}', '--endpoint', '{fauxqs}', '--environment', 'prod'],
    input: '{fresh}',
    logs: true,
    line: /is set up except versioning \(ignored\), default encryption \(ignored\), public access block \(ignored\): the server answered OK but did not keep them; see the table above, or accept the gaps with allow-unsupported: versioning,encryption,public-access-block$/,
  },
  {
    what: 'a setting bucket init does not know in allow-unsupported',
    args: ['bucket', 'init', '--bucket', BUCKET, '--allow-unsupported', 'versionning'],
    input: 'allow-unsupported',
    line: /allow-unsupported: "versionning" is not a bucket init setting; use versioning, encryption, public-access-block, lifecycle, object-lock, replication$/,
  },

  // bucket audit
  {
    what: 'a bucket that does not exist is a failure, not a table of unknowns',
    args: ['bucket', 'audit', '--bucket', MISSING, '--endpoint', '{endpoint}'],
    input: 'bucket',
    value: MISSING,
    line: /does not exist \(NoSuchBucket\): fix the bucket input, or create it with bucket init$/,
    logs: true,
  },

  // iam-policy
  {
    what: 'principal that is no ARN',
    args: [...IAM, '--principal', 'bob'],
    input: 'principal',
    value: 'bob',
    line: /is not an IAM role or user ARN/,
  },
  {
    what: 'github-repository not owner/repo',
    args: [...IAM, '--github-repository', 'acme'],
    input: 'github-repository',
    value: 'acme',
    line: /is not owner\/repo/,
  },
  {
    what: 'github-repository without aws-account-id',
    args: [...IAM, '--github-repository', 'acme/shop'],
    input: 'aws-account-id',
    line: /the trust policy needs the 12-digit AWS account id/,
  },
  {
    what: 'github-branch without a repository',
    args: [...IAM, '--github-branch', 'main'],
    input: 'github-repository',
    line: /need github-repository/,
  },
  {
    what: 'github-branch and github-environment',
    args: [
      ...IAM,
      '--github-repository',
      'acme/shop',
      '--aws-account-id',
      '123456789012',
      '--github-branch',
      'main',
      '--github-environment',
      'prod',
    ],
    input: 'github-environment',
    line: /both set: .* choose one/,
  },

  // cost
  {
    what: 'size without a unit is not 100 bytes',
    args: ['cost', '--size', '100'],
    input: 'size',
    value: '100',
    line: /has no unit; say which, e\.g\. 100GB/,
  },
  { what: 'size big', args: ['cost', '--size', 'big'], input: 'size', value: 'big', line: /is not a size/ },
  { what: 'size 0GB', args: ['cost', '--size', '0GB'], input: 'size', value: '0GB', line: /is not a positive size/ },
  {
    what: 'no size',
    args: ['cost'],
    input: 'size',
    line: /size is empty: give the database size, e\.g\. --size 100GB/,
  },
  {
    what: 'compression-ratio 0.5',
    args: ['cost', '--size', '100GB', '--compression-ratio', '0.5'],
    input: 'compression-ratio',
    value: '0.5',
    line: /is not a ratio of 1 or more/,
  },
  {
    what: 'prices STANDARD=cheap',
    args: ['cost', '--size', '100GB', '--prices', 'STANDARD=cheap'],
    input: 'prices',
    value: 'cheap',
    line: /is not a price in USD per GB-month/,
  },
  {
    what: 'storage-class COLD',
    args: ['cost', '--size', '100GB', '--storage-class', 'COLD'],
    input: 'storage-class',
    value: 'COLD',
    line: /no price for COLD/,
  },

  // archive tiers: thaw, wait, thaw-tier, thaw-days, thaw-timeout, thaw-poll-interval
  {
    what: 'thaw-tier Glacial',
    args: [...VERIFY, '--thaw', '--thaw-tier', 'Glacial'],
    input: 'thaw-tier',
    value: 'Glacial',
    line: /is not one of Standard, Bulk, Expedited/,
  },
  {
    what: 'thaw-days 0',
    args: [...RESTORE, '--thaw', '--thaw-days', '0'],
    input: 'thaw-days',
    line: /0 is out of range; use 1 to 365/,
  },
  {
    what: 'thaw-timeout without a unit',
    args: ['thaw', ...W, '--wait', '--thaw-timeout', '6'],
    input: 'thaw-timeout',
    value: '6',
    line: /is not a duration; use a number with a unit/,
  },
  {
    what: 'wait without thaw',
    args: [...VALIDATE, '--wait'],
    input: 'wait',
    line: /^wait needs thaw: add --thaw \(thaw: true\) to ask S3 to restore the backup$/,
  },
  {
    what: 'thaw-poll-interval longer than thaw-timeout',
    args: ['thaw', ...W, '--thaw-poll-interval', '2h', '--thaw-timeout', '1h'],
    input: 'thaw-poll-interval',
    line: /is longer than thaw-timeout: the wait would end before the first look/,
  },

  // replication: replicate-to, replication-role, replica-storage-class; check's require-replicated
  {
    what: 'bucket replicate without replicate-to',
    args: ['bucket', 'replicate', ...W],
    input: 'replicate-to',
    line: /replicate-to is empty: give the destination bucket ARN \(arn:aws:s3:::BUCKET\) or name/,
  },
  {
    what: 'replicate-to an s3:// URI',
    args: [
      'bucket',
      'replicate',
      ...W,
      '--replicate-to',
      's3://copies',
      '--replication-role',
      'arn:aws:iam::123456789012:role/r',
    ],
    input: 'replicate-to',
    value: 's3://copies',
    line: /is not a bucket ARN \(arn:aws:s3:::BUCKET\) or a bucket name/,
  },
  {
    what: 'replicate-to without replication-role',
    args: [...INIT, '--replicate-to', 'arn:aws:s3:::copies'],
    input: 'replication-role',
    line: /replication-role is empty: replication needs the IAM role S3 replicates with/,
  },
  {
    what: 'replication-role a user ARN',
    args: [
      'bucket',
      'replicate',
      ...W,
      '--replicate-to',
      'copies',
      '--replication-role',
      'arn:aws:iam::123456789012:user/me',
    ],
    input: 'replication-role',
    value: 'arn:aws:iam::123456789012:user/me',
    line: /is not an IAM role ARN \(arn:aws:iam::123456789012:role\/NAME\)/,
  },
  {
    what: 'replica-storage-class COLD',
    args: [
      'bucket',
      'replicate',
      ...W,
      '--replicate-to',
      'copies',
      '--replication-role',
      'arn:aws:iam::123456789012:role/r',
      '--replica-storage-class',
      'COLD',
    ],
    input: 'replica-storage-class',
    value: 'COLD',
    line: /is not one of STANDARD, STANDARD_IA, ONEZONE_IA, INTELLIGENT_TIERING, GLACIER_IR, GLACIER, DEEP_ARCHIVE/,
  },
  {
    what: 'require-replicated maybe',
    args: [...CHECK, '--require-replicated', 'maybe'],
    input: 'require-replicated',
    value: 'maybe',
    line: /is not a boolean; use --require-replicated, --no-require-replicated or --require-replicated=true\|false/,
  },
  ...generatedRows(),
  // the second copy (copy-to): its place, its credentials (never the primary's by accident), from
  {
    what: 'copy-to not an s3:// URI',
    args: [...BACKUP, '--copy-to', 'https://copy-bucket/x'],
    input: 'copy-to',
    value: 'https://copy-bucket/x',
    line: /is not an s3:\/\/ URI; use s3:\/\/bucket\/prefix/,
  },
  {
    what: 'copy-to with a bad bucket name',
    args: [...BACKUP, '--copy-to', 's3://Copy_Bucket/x'],
    input: 'copy-to',
    value: 'Copy_Bucket',
    line: /is not a valid bucket name/,
  },
  {
    what: 'copy-to with a ".." folder',
    args: [...BACKUP, '--copy-to', 's3://copy-bucket/../x'],
    input: 'copy-to',
    value: '..',
    line: /which tools that map keys to paths read as a path step/,
  },
  {
    what: "copy-to on another endpoint without copy credentials (never the primary's)",
    args: [...BACKUP, '--copy-to', 's3://copy-bucket/x', '--copy-endpoint', 'http://127.0.0.1:1'],
    input: 'copy-access-key-id',
    line: /is empty: a copy on another provider or endpoint needs its own credentials; set copy-access-key-id and copy-secret-access-key \(or S3_BACKUP_COPY_ACCESS_KEY_ID and S3_BACKUP_COPY_SECRET_ACCESS_KEY\)/,
  },
  {
    what: 'copy-to on another provider without copy credentials',
    args: [...BACKUP, '--copy-to', 's3://copy-bucket/x', '--copy-provider', 'b2', '--copy-region', 'us-west-004'],
    input: 'copy-access-key-id',
    line: /needs its own credentials/,
  },
  {
    what: 'copy-access-key-id without its secret',
    args: [...BACKUP, '--copy-to', 's3://copy-bucket/x', '--copy-endpoint', 'http://127.0.0.1:1'],
    env: { S3_BACKUP_COPY_ACCESS_KEY_ID: 'AKIACOPY0001' },
    input: 'copy-secret-access-key',
    line: /is empty: the copy's credentials are copy-access-key-id and copy-secret-access-key together/,
  },
  {
    what: 'copy-endpoint not a URL',
    args: [...BACKUP, '--copy-to', 's3://copy-bucket/x', '--copy-endpoint', 'copy.example.com'],
    env: { S3_BACKUP_COPY_ACCESS_KEY_ID: 'AKIACOPY0001', S3_BACKUP_COPY_SECRET_ACCESS_KEY: 'Zq7copyXk9secretWm4' },
    input: 'copy-endpoint',
    value: 'copy.example.com',
    line: /is not an http\(s\) URL/,
  },
  {
    what: 'copy-provider unknown',
    args: [...BACKUP, '--copy-to', 's3://copy-bucket/x', '--copy-provider', 'dropbox'],
    input: 'copy-provider',
    value: 'dropbox',
    line: /is not one of aws, r2/,
  },
  {
    what: 'copy-storage-class COLD',
    args: [...BACKUP, '--copy-to', 's3://copy-bucket/x', '--copy-storage-class', 'COLD'],
    env: { S3_BACKUP_COPY_ACCESS_KEY_ID: 'AKIACOPY0001', S3_BACKUP_COPY_SECRET_ACCESS_KEY: 'Zq7copyXk9secretWm4' },
    input: 'copy-storage-class',
    value: 'COLD',
    line: /is not one of STANDARD/,
  },
  {
    what: 'copy-endpoint without copy-to',
    args: [...BACKUP, '--copy-endpoint', 'http://127.0.0.1:1'],
    input: 'copy-endpoint',
    line: /is set but copy-to is empty: set --copy-to( \(or \w+\))? \(s3:\/\/bucket\/prefix\)/,
  },
  {
    what: 'copy-to the primary itself',
    args: [...BACKUP, '--copy-to', `s3://${BUCKET}/production`, '--copy-endpoint', '{endpoint}'],
    input: 'copy-to',
    line: /is where the backups go already; choose another bucket or prefix/,
  },
  {
    what: 'from copy without copy-to',
    args: [...RESTORE, '--from', 'copy'],
    input: 'from',
    line: /copy-to is empty/,
  },
  {
    what: 'from elsewhere',
    args: [...LIST, '--from', 'elsewhere'],
    input: 'from',
    value: 'elsewhere',
    line: /is not one of primary, copy/,
  },
  {
    what: 'copy-secret-access-key given empty',
    args: [...PRUNE, '--from', 'copy', '--copy-to', 's3://copy-bucket/x', '--copy-secret-access-key', ''],
    input: 'copy-secret-access-key',
    line: EMPTY('leave it out to fall back to S3_BACKUP_COPY_SECRET_ACCESS_KEY'),
  },
];

/** A rule proven on several verbs, and the malformed values of one kind: generated from small lists. */
function generatedRows(): Row[] {
  const COST = ['cost', '--size', '100GB'];
  const opt = (base: readonly string[], input: string, value: string) => [...base, `--${input}`, value];
  return [
    // an explicitly empty value is not the default, on every verb
    ...(
      [
        [BACKUP, 'environment', 'use the default (production)'],
        [LIST, 'environment', 'use the default (production)'],
        [LIFECYCLE, 'environment', 'use the default (production)'],
        [AUDIT, 'environment', 'use the default (production)'],
        [RESTORE, 'jobs', 'use the default (auto)'],
        [CHECK, 'max-age', 'use the default (26h)'],
        [VERIFY, 'backup', 'use the default (latest)'],
        [BACKUP, 'pg-stall-timeout', 'use the default (10m)'],
      ] as const
    ).map(([base, input, instead]) => ({
      what: `${input} given empty is not the default`,
      args: opt(base, input, ''),
      input,
      line: EMPTY(`leave it out to ${instead}`),
    })),
    // a ".." folder in the key prefix
    ...(
      [
        [BACKUP, '../x'],
        [VERIFY, '..'],
        [PRUNE, 'a/../b'],
        [INIT, '../x'],
        [IAM, '../x'],
      ] as const
    ).map(([base, value]) => ({
      what: `prefix ${value}`,
      args: opt(base, 'prefix', value),
      input: 'prefix',
      value,
      line: /has the folder "\.\.", which tools that map keys to paths read as a path step; use e\.g\. backups\/shop/,
    })),
    // a name that is no key segment
    ...(
      [
        [BACKUP, '../etc'],
        [VERIFY, 'a/b'],
        [VALIDATE, '..'],
        [AUDIT, '..'],
      ] as const
    ).map(([base, value]) => ({
      what: `name ${value}`,
      args: opt(base, 'name', value),
      input: 'name',
      value,
      line: /may hold only letters, digits, "\.", "_" and "-", starting with a letter or digit/,
    })),
    // a value outside its list
    ...(
      [
        [BACKUP, 'compression', 'lz4', 'zstd, gzip, none'],
        [BACKUP, 'format', 'tar', 'custom, plain'],
        [BACKUP, 'sse', 'kms', 'AES256, aws:kms'],
        [BACKUP, 'storage-class', 'COLD', 'STANDARD'],
        [BACKUP, 'row-counts', 'some', 'exact, estimate, off'],
        [LIST, 'provider', 'foo', 'aws, r2, b2'],
        [LIST, 'request-checksum', 'sometimes', 'when-supported, when-required'],
        [INIT, 'sse', 'kms', 'AES256, aws:kms'],
      ] as const
    ).map(([base, input, value, choices]) => ({
      what: `${input} ${value}`,
      args: opt(base, input, value),
      input,
      value,
      line: new RegExp(`is not one of ${choices}`),
    })),
    // a boolean that is neither
    ...(
      [
        [BACKUP, 'latest-copy'],
        [LIST, 'force-path-style'],
        [CHECK, 'fail-on-stale'],
        [LIFECYCLE, 'transitions'],
      ] as const
    ).map(([base, input]) => ({
      what: `${input} maybe`,
      args: opt(base, input, 'maybe'),
      input,
      value: 'maybe',
      line: new RegExp(`is not a boolean; use --${input}, --no-${input} or --${input}=true\\|false$`),
    })),
    // the same flag twice with different values, where it changes the target
    ...(
      [
        [BACKUP, 'database-url', undefined, URL.replace('/shop', '/other')],
        [RESTORE, 'database-url', undefined, URL.replace('/shop', '/shop_copy')],
        [RESTORE, 'backup', '20250101', 'latest'],
        [RESTORE, 'bucket', undefined, 'other-bucket'],
        [LIST, 'environment', 'staging', 'production'],
      ] as const
    ).map(([base, input, first, second]) => ({
      what: `${input} twice, different`,
      args: [...(first ? opt(base, input, first) : base), `--${input}`, second],
      input,
      line: new RegExp(`given twice with different values; give --${input} once$`),
    })),
    // impossible dates are not a backup
    ...(
      [
        [RESTORE, '2025-13-45', 'there is no month 13'],
        [RESTORE, '20261131', 'November 2026 has 30 days'],
        [RESTORE, '20250130_246000', 'there is no hour 24'],
        [RESTORE, '2025-02-29T10:00:00Z', 'February 2025 has 28 days'],
        [VERIFY, '2999-13-45', 'there is no month 13'],
        [VALIDATE, '20261131', 'November 2026 has 30 days'],
      ] as const
    ).map(([base, value, why]) => ({
      what: `backup ${value}`,
      args: opt(base, 'backup', value),
      input: 'backup',
      value,
      line: new RegExp(`is not a real date \\(${why}\\)`),
    })),
    // a negative retention count
    ...(
      [
        [PRUNE, 'keep-daily', '-1'],
        [LIFECYCLE, 'keep-monthly', '-3'],
        [COST, 'keep-daily', '-1'],
      ] as const
    ).map(([base, input, value]) => ({
      what: `${input} ${value}`,
      args: opt(base, input, value),
      input,
      value,
      line: /is negative; it must be 0 \(off\) or more/,
    })),
    // durations without a unit
    ...(
      [
        [CHECK, 'max-age'],
        [BACKUP, 'pg-stall-timeout'],
        [LIST, 's3-timeout'],
      ] as const
    ).map(([base, input]) => ({
      what: `${input} without a unit`,
      args: opt(base, input, '26'),
      input,
      value: '26',
      line: /is not a duration; use a number with a unit: 26h, 90m/,
    })),
  ];
}

const fresh: Array<{ server: 'fauxqs'; bucket: string }> = [];
afterAll(async () => {
  for (const f of fresh) await emptyAndDeleteBucket(fauxqs(), f.bucket).catch(() => undefined);
});

function vars(): Record<string, string> {
  const bucket = uniqueBucketName('badinput');
  fresh.push({ server: 'fauxqs', bucket });
  return { endpoint: rgw().endpoint, fauxqs: fauxqs().endpoint, fresh: bucket };
}

function noSecrets(text: string): void {
  for (const s of secrets()) expect(text, `a secret (${s.slice(0, 3)}…) was printed`).not.toContain(s);
}

describe('the CLI: one line naming the input and the fix, exit 1, no secret', () => {
  const verbs = new Set(rows.map((r) => (r.args[0] === 'bucket' ? `bucket ${r.args[1]}` : r.args[0])));
  test(`the table covers every verb: ${rows.length} rows`, () => {
    expect([...verbs].sort()).toEqual([
      'backup',
      'bucket audit',
      'bucket init',
      'bucket replicate',
      'check',
      'cost',
      'iam-policy',
      'lifecycle',
      'list',
      'prune',
      'restore',
      'thaw',
      'validate',
      'verify',
    ]);
    expect(rows.length).toBeGreaterThanOrEqual(60);
  });

  test.each(
    rows.map((r) => ({ ...r, name: `${r.args[0] === 'bucket' ? `bucket ${r.args[1]}` : r.args[0]}: ${r.what}` })),
  )('$name', async (row) => {
    const v = vars();
    const r = await runCli(fill(row.args, v), { ...s3Env(rgw()), ...(row.env ?? {}) });
    expect(r.code, r.stderr).toBe(1);
    const lines = r.stderr.split('\n').filter((l) => l.trim());
    const errors = lines.filter((l) => l.startsWith('s3-backup: error: '));
    expect(errors, r.stderr).toHaveLength(1);
    expect(lines.at(-1)).toBe(errors[0]);
    if (!row.logs) expect(lines, r.stderr).toHaveLength(1);
    expect(r.stderr).not.toMatch(/^\s+at /m);
    const line = errors[0]!.slice('s3-backup: error: '.length);
    expect(line).toContain(fill([row.input], v)[0]);
    if (row.value) expect(line).toContain(row.value);
    expect(line).toMatch(row.line);
    noSecrets(r.stdout + r.stderr);
  });
});

interface ActionRow {
  entry: string;
  inputs: Record<string, string>;
  input: string;
  value?: string;
  line: RegExp;
}

const where = { bucket: BUCKET, endpoint: '{endpoint}' };
const actionRows: ActionRow[] = [
  {
    entry: 'backup',
    inputs: { 'database-url': URL, ...where, environment: '' },
    input: 'environment',
    line: EMPTY('leave it out to use the default (production)'),
  },
  {
    entry: 'backup',
    inputs: { 'database-url': RAW_URL, ...where },
    input: 'database-url',
    line: /the password holds a character that must be percent-encoded/,
  },
  {
    entry: 'backup',
    inputs: { 'database-url': `${URL}?sslmode=bogus`, ...where },
    input: 'sslmode',
    value: 'bogus',
    line: /sslmode=bogus is not valid: use disable, allow, prefer, require, verify-ca or verify-full$/,
  },
  {
    entry: 'thaw',
    inputs: { ...where, 'thaw-tier': 'Glacial' },
    input: 'thaw-tier',
    value: 'Glacial',
    line: /is not one of Standard, Bulk, Expedited/,
  },
  {
    entry: 'bucket-replicate',
    inputs: { ...where, 'replicate-to': 'copies', 'replication-role': 'role/r' },
    input: 'replication-role',
    value: 'role/r',
    line: /is not an IAM role ARN/,
  },
  {
    entry: 'restore',
    inputs: { 'database-url': URL, ...where, backup: '2025-13-45' },
    input: 'backup',
    value: '2025-13-45',
    line: /is not a real date \(there is no month 13\)/,
  },
  {
    entry: 'restore',
    inputs: { 'database-url': URL, ...where, jobs: '' },
    input: 'jobs',
    line: EMPTY('leave it out to use the default (auto)'),
  },
  {
    entry: 'verify',
    inputs: { ...where, prefix: '../x' },
    input: 'prefix',
    value: '../x',
    line: /has the folder "\.\."/,
  },
  {
    entry: 'validate',
    inputs: { 'database-url': URL, ...where, backup: '20261131' },
    input: 'backup',
    value: '20261131',
    line: /November 2026 has 30 days/,
  },
  { entry: 'check', inputs: { ...where, 'max-age': '26' }, input: 'max-age', value: '26', line: /is not a duration/ },
  {
    entry: 'prune',
    inputs: { ...where, 'keep-daily': '-1' },
    input: 'keep-daily',
    value: '-1',
    line: /is negative; it must be 0 \(off\) or more/,
  },
  {
    entry: 'lifecycle',
    inputs: { ...where, 'noncurrent-days': '0' },
    input: 'noncurrent-days',
    value: '0',
    line: /is out of range/,
  },
  {
    entry: 'bucket-init',
    inputs: { bucket: '{fresh}', endpoint: '{fauxqs}', environment: 'prod' },
    input: '{fresh}',
    line: /versioning \(ignored\), default encryption \(ignored\), public access block \(ignored\): the server answered OK but did not keep them/,
  },
  {
    entry: 'bucket-audit',
    inputs: { bucket: MISSING, endpoint: '{endpoint}' },
    input: 'bucket',
    value: MISSING,
    line: /does not exist \(NoSuchBucket\)/,
  },
  {
    entry: 'iam-policy',
    inputs: { bucket: BUCKET, principal: 'bob' },
    input: 'principal',
    value: 'bob',
    line: /is not an IAM role or user ARN/,
  },
  { entry: 'cost', inputs: { size: '100' }, input: 'size', value: '100', line: /has no unit/ },
  {
    entry: 'backup',
    inputs: {
      ...where,
      'database-url': URL,
      'copy-to': 's3://copy-bucket/x',
      'copy-endpoint': 'http://127.0.0.1:1',
      'copy-secret-access-key': 'Zq7copyXk9secretWm4',
    },
    input: 'copy-secret-access-key',
    line: /is empty: the copy's credentials are copy-access-key-id and copy-secret-access-key together/,
  },
];

describe('the action: one ::error:: line naming the input, the step failed, no secret shown', () => {
  test(`the action table: ${actionRows.length} rows`, () => expect(actionRows.length).toBeGreaterThanOrEqual(10));

  test.each(
    actionRows.map((r) => ({
      ...r,
      name: `${r.entry}: ${Object.entries(r.inputs)
        .filter(([k]) => !['bucket', 'endpoint', 'database-url'].includes(k) || r.input === k)
        .map(([k, v]) => `${k}=${JSON.stringify(v.includes('@') ? '…' : v)}`)
        .join(' ')}`,
    })),
  )('$name', async (row) => {
    const v = vars();
    const inputs = Object.fromEntries(Object.entries(row.inputs).map(([k, x]) => [k, fill([x], v)[0]!]));
    const r = await runAction(row.entry, inputs, s3Env(rgw()));
    expect(r.code, r.stdout).toBe(1);
    const errors = r.shown.split('\n').filter((l) => l.startsWith('::error::'));
    expect(errors, r.shown).toHaveLength(1);
    expect(r.shown + r.stderr).not.toMatch(/^\s+at /m);
    const line = errors[0]!.slice('::error::'.length);
    expect(line).toContain(fill([row.input], v)[0]);
    if (row.value) expect(line).toContain(row.value);
    expect(line).toMatch(row.line);
    noSecrets(r.shown + r.stderr + r.summary + JSON.stringify(r.outputs));
  });
});
