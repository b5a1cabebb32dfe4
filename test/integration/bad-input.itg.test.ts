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
  // backup: the explicit-empty rule, key parts, database-url, every malformed value
  {
    what: 'environment given empty (an unset variable) is not production',
    args: [...BACKUP, '--environment', ''],
    input: 'environment',
    line: EMPTY('leave it out to use the default (production)'),
  },
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
    what: 'prefix ../x',
    args: [...BACKUP, '--prefix', '../x'],
    input: 'prefix',
    value: '../x',
    line: /has the folder "\.\.", which tools that map keys to paths read as a path step; use e\.g\. backups\/shop/,
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
    what: 'name ../etc',
    args: [...BACKUP, '--name', '../etc'],
    input: 'name',
    value: '../etc',
    line: /may hold only letters, digits, "\.", "_" and "-", starting with a letter or digit/,
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
    what: 'compression lz4',
    args: [...BACKUP, '--compression', 'lz4'],
    input: 'compression',
    value: 'lz4',
    line: /is not one of zstd, gzip, none/,
  },
  {
    what: 'compression-level 22',
    args: [...BACKUP, '--compression-level', '22'],
    input: 'compression-level',
    value: '22',
    line: /is out of range; use 1 to 19/,
  },
  {
    what: 'format tar',
    args: [...BACKUP, '--format', 'tar'],
    input: 'format',
    value: 'tar',
    line: /is not one of custom, plain/,
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
    what: 'sse kms',
    args: [...BACKUP, '--sse', 'kms'],
    input: 'sse',
    value: 'kms',
    line: /is not one of AES256, aws:kms/,
  },
  {
    what: 'storage-class COLD',
    args: [...BACKUP, '--storage-class', 'COLD'],
    input: 'storage-class',
    value: 'COLD',
    line: /is not one of STANDARD/,
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
    line: /is set but object-lock-mode is empty: set object-lock-mode to governance or compliance/,
  },
  {
    what: 'latest-copy maybe',
    args: [...BACKUP, '--latest-copy', 'maybe'],
    input: 'latest-copy',
    value: 'maybe',
    line: /is not a boolean; use --latest-copy, --no-latest-copy or --latest-copy=true\|false$/,
  },
  {
    what: 'row-counts some',
    args: [...BACKUP, '--row-counts', 'some'],
    input: 'row-counts',
    value: 'some',
    line: /is not one of exact, estimate, off/,
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
  {
    what: 'database-url twice, different (passwords not shown)',
    args: [...BACKUP, '--database-url', URL.replace('/shop', '/other')],
    input: 'database-url',
    line: /given twice with different values; give --database-url once$/,
  },

  // restore: what it overwrites and what it restores
  {
    what: 'database-url twice, different',
    args: [...RESTORE, '--database-url', URL.replace('/shop', '/shop_copy')],
    input: 'database-url',
    line: /given twice with different values; give --database-url once$/,
  },
  {
    what: 'backup twice, different',
    args: [...RESTORE, '--backup', '20250101', '--backup', 'latest'],
    input: 'backup',
    line: /given twice with different values; give --backup once$/,
  },
  {
    what: 'bucket twice, different',
    args: [...RESTORE, '--bucket', 'other-bucket'],
    input: 'bucket',
    line: /given twice with different values; give --bucket once$/,
  },
  {
    what: 'backup 2025-13-45 is not 2026-02-14',
    args: [...RESTORE, '--backup', '2025-13-45'],
    input: 'backup',
    value: '2025-13-45',
    line: /is not a real date \(there is no month 13\)/,
  },
  {
    what: 'backup 20261131',
    args: [...RESTORE, '--backup', '20261131'],
    input: 'backup',
    value: '20261131',
    line: /is not a real date \(November 2026 has 30 days\)/,
  },
  {
    what: 'backup 20250130_246000',
    args: [...RESTORE, '--backup', '20250130_246000'],
    input: 'backup',
    value: '20250130_246000',
    line: /is not a real date \(there is no hour 24\)/,
  },
  {
    what: 'backup 2025-02-29T10:00:00Z',
    args: [...RESTORE, '--backup', '2025-02-29T10:00:00Z'],
    input: 'backup',
    value: '2025-02-29T10:00:00Z',
    line: /is not a real date \(February 2025 has 28 days\)/,
  },
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
    what: 'environment given empty',
    args: [...LIST, '--environment', ''],
    input: 'environment',
    line: EMPTY('leave it out to use the default (production)'),
  },
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
    what: 'provider foo',
    args: [...LIST, '--provider', 'foo'],
    input: 'provider',
    value: 'foo',
    line: /is not one of aws, r2, b2/,
  },
  {
    what: 'request-checksum sometimes',
    args: [...LIST, '--request-checksum', 'sometimes'],
    input: 'request-checksum',
    value: 'sometimes',
    line: /is not one of when-supported, when-required/,
  },
  {
    what: 'force-path-style maybe',
    args: [...LIST, '--force-path-style', 'maybe'],
    input: 'force-path-style',
    value: 'maybe',
    line: /is not a boolean/,
  },
  {
    what: 'provider r2 without account-id',
    args: ['list', '--bucket', BUCKET, '--provider', 'r2'],
    input: 'account-id',
    line: /account-id is empty: provider r2 builds its endpoint from your Cloudflare account id/,
  },
  {
    what: 'environment twice, different',
    args: [...LIST, '--environment', 'staging', '--environment', 'production'],
    input: 'environment',
    line: /given twice with different values; give --environment once$/,
  },

  // check
  {
    what: 'max-age without a unit',
    args: [...CHECK, '--max-age', '26'],
    input: 'max-age',
    value: '26',
    line: /is not a duration; use a number with a unit: 26h, 90m/,
  },
  {
    what: 'max-age 0h',
    args: [...CHECK, '--max-age', '0h'],
    input: 'max-age',
    value: '0h',
    line: /must be longer than zero/,
  },
  {
    what: 'fail-on-stale maybe',
    args: [...CHECK, '--fail-on-stale', 'maybe'],
    input: 'fail-on-stale',
    value: 'maybe',
    line: /is not a boolean/,
  },
  {
    what: 'sentry-monitor-schedule without a monitor',
    args: [...CHECK, '--sentry-monitor-schedule', '0 3 * * *'],
    input: 'sentry-monitor-schedule',
    line: /is set but no Sentry monitor is: set sentry-dsn and sentry-monitor-slug/,
  },
  {
    what: 'max-age given empty',
    args: [...CHECK, '--max-age', ''],
    input: 'max-age',
    line: EMPTY('leave it out to use the default (26h)'),
  },

  // verify
  {
    what: 'backup 2999-13-45 is not "the newest"',
    args: [...VERIFY, '--backup', '2999-13-45'],
    input: 'backup',
    value: '2999-13-45',
    line: /is not a real date \(there is no month 13\)/,
  },
  {
    what: 'prefix ..',
    args: [...VERIFY, '--prefix', '..'],
    input: 'prefix',
    value: '..',
    line: /has the folder "\.\."/,
  },
  {
    what: 'name a/b',
    args: [...VERIFY, '--name', 'a/b'],
    input: 'name',
    value: 'a/b',
    line: /may hold only letters, digits/,
  },
  {
    what: 'backup given empty',
    args: [...VERIFY, '--backup', ''],
    input: 'backup',
    line: EMPTY('leave it out to use the default (latest)'),
  },

  // validate
  {
    what: 'backup 20261131',
    args: [...VALIDATE, '--backup', '20261131'],
    input: 'backup',
    value: '20261131',
    line: /is not a real date \(November 2026 has 30 days\)/,
  },
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
    what: 'name ..',
    args: [...VALIDATE, '--name', '..'],
    input: 'name',
    value: '..',
    line: /may hold only letters, digits/,
  },

  // prune
  {
    what: 'keep-daily -1',
    args: [...PRUNE, '--keep-daily', '-1'],
    input: 'keep-daily',
    value: '-1',
    line: /is negative; it must be 0 \(off\) or more, up to 10000/,
  },
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
  {
    what: 'prefix a/../b',
    args: [...PRUNE, '--prefix', 'a/../b'],
    input: 'prefix',
    value: 'a/../b',
    line: /has the folder "\.\."/,
  },

  // lifecycle
  {
    what: 'noncurrent-days 0',
    args: [...LIFECYCLE, '--noncurrent-days', '0'],
    input: 'noncurrent-days',
    value: '0',
    line: /is out of range; use 1 to 36500/,
  },
  {
    what: 'transitions maybe',
    args: [...LIFECYCLE, '--transitions', 'maybe'],
    input: 'transitions',
    value: 'maybe',
    line: /is not a boolean/,
  },
  {
    what: 'keep-monthly -3',
    args: [...LIFECYCLE, '--keep-monthly', '-3'],
    input: 'keep-monthly',
    value: '-3',
    line: /is negative; it must be 0 \(off\) or more/,
  },
  {
    what: 'environment given empty',
    args: [...LIFECYCLE, '--environment', ''],
    input: 'environment',
    line: EMPTY('leave it out to use the default (production)'),
  },

  // bucket init
  {
    what: 'sse kms',
    args: [...INIT, '--sse', 'kms'],
    input: 'sse',
    value: 'kms',
    line: /is not one of AES256, aws:kms/,
  },
  {
    what: 'sse-kms-key-id without aws:kms',
    args: [...INIT, '--sse-kms-key-id', 'alias/backups'],
    input: 'sse-kms-key-id',
    line: /is set but sse is not aws:kms: set sse: aws:kms/,
  },
  {
    what: 'object-lock on a provider without it',
    args: ['bucket', 'init', '--bucket', BUCKET, '--provider', 'gcs', '--object-lock'],
    input: 'object-lock',
    line: /provider gcs has no S3 Object Lock/,
  },
  {
    what: 'prefix ../x',
    args: [...INIT, '--prefix', '../x'],
    input: 'prefix',
    value: '../x',
    line: /has the folder "\.\."/,
  },
  {
    what: 'a server that answers OK and keeps nothing (fauxqs): init names what it ignored',
    args: ['bucket', 'init', '--bucket', '{fresh}', '--endpoint', '{fauxqs}', '--environment', 'prod'],
    input: '{fresh}',
    logs: true,
    line: /is set up except versioning \(ignored\), default encryption \(ignored\), public access block \(ignored\): the server answered OK but did not keep them; see the table above$/,
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
  {
    what: 'environment given empty',
    args: [...AUDIT, '--environment', ''],
    input: 'environment',
    line: EMPTY('leave it out to use the default (production)'),
  },
  {
    what: 'name ..',
    args: [...AUDIT, '--name', '..'],
    input: 'name',
    value: '..',
    line: /may hold only letters, digits/,
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
  {
    what: 'prefix ../x',
    args: [...IAM, '--prefix', '../x'],
    input: 'prefix',
    value: '../x',
    line: /has the folder "\.\."/,
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
  {
    what: 'keep-daily -1',
    args: ['cost', '--size', '100GB', '--keep-daily', '-1'],
    input: 'keep-daily',
    value: '-1',
    line: /is negative; it must be 0 \(off\) or more/,
  },
];

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
  test('the table covers every verb', () => {
    expect([...verbs].sort()).toEqual([
      'backup',
      'bucket audit',
      'bucket init',
      'check',
      'cost',
      'iam-policy',
      'lifecycle',
      'list',
      'prune',
      'restore',
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
];

describe('the action: one ::error:: line naming the input, the step failed, no secret shown', () => {
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
