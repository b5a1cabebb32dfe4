import { S3_MIN_PART } from '../core/plan.js';
import type {
  CommonOptions,
  BackupOptions,
  RestoreOptions,
  ListOptions,
  VerifyOptions,
  ValidateOptions,
} from '../model/options.js';
/**
 * Raw input values (from action inputs or CLI flags, same names) → one typed options object per verb.
 * Everything is validated here, so the core never sees a bad value.
 */
import { availableParallelism } from 'node:os';
import { UserError } from '../core/errors.js';
import type { Compression } from '../model/naming.js';
import { parseDecryptionKey, parseRecipients } from './encryption-keys.js';
import type { DecryptionOptions } from '../model/options.js';
import { parseBool, parseDuration, parseEnum, parseInteger, parseList, parseSize, parseTags } from './values.js';
import { parseRetention, TIER_TAG } from '../core/retention/policy.js';
import { parseObjectLock } from './object-lock.js';
import type { RawInputs } from '../model/options.js';
import { parseEnvironment, parseName } from './keys.js';
import { parseBackupSelector } from './backup-selector.js';
import { parsePrices } from '../core/retention/cost.js';
import { connection } from './connection.js';
import { value, type Env } from './input-value.js';
import { s3 } from './s3.js';
import { parseThawOptions } from './thaw.js';
import { parseDecodedCopy, parseTempDir } from './temp-dir.js';
import { withCopy } from './copy.js';
import { defaultJobs, parseSetInputs } from './databases.js';
import { parseRestoreAllInputs, validateSetInputs } from './restore-all.js';
import { parseMaxRestoreTime } from './drill.js';
import { parseStreams } from './streams.js';
import { inputRef } from '../core/input-ref.js';

export type { RawInputs } from '../model/options.js';
export type { S3Options } from '../model/options.js';
export { value } from './input-value.js';

// zstd 1: on 2 cores the compressor competes with pg_dump's server backend; level 3 compressed the benchmark's data
// no better (263 vs 266 MiB) for 1.4× the CPU (npm run bench, rows (c) and (c z3))
const DEFAULT_LEVEL: Record<Compression, number> = { zstd: 1, gzip: 6, none: 0 };
const LEVEL_RANGE: Record<Compression, [number, number]> = { zstd: [1, 19], gzip: [1, 9], none: [0, 0] };
const MAX_PART_SIZE = 5 * 2 ** 30;

function environmentName(raw: RawInputs, env: Env): string {
  return parseEnvironment('environment', value(raw, env, 'environment'));
}

export function common(raw: RawInputs, env: Env): CommonOptions {
  const environment = environmentName(raw, env);
  const nameText = value(raw, env, 'name');
  const name = nameText ? parseName('name', nameText) : undefined;
  return { s3: s3(raw, env, environment), environment, name };
}

export function parseBackupOptions(raw: RawInputs, env: Env = process.env): BackupOptions {
  const conn = connection(raw, env);
  const base = withCopy(raw, env, common(raw, env));
  const compression = parseEnum('compression', value(raw, env, 'compression'), ['zstd', 'gzip', 'none'] as const);
  const levelText = value(raw, env, 'compression-level');
  const [lo, hi] = LEVEL_RANGE[compression];
  const compressionLevel =
    levelText && compression !== 'none'
      ? parseInteger('compression-level', levelText, lo, hi)
      : DEFAULT_LEVEL[compression];
  const sseText = value(raw, env, 'sse');
  const sse = sseText ? parseEnum('sse', sseText, ['AES256', 'aws:kms'] as const) : undefined;
  const sseKmsKeyId = value(raw, env, 'sse-kms-key-id') || undefined;
  if (sseKmsKeyId && sse !== 'aws:kms')
    throw new UserError(`sse-kms-key-id is set but sse is not aws:kms: set ${inputRef('sse', 'aws:kms')}`);
  const partText = value(raw, env, 'part-size');
  const partSize = partText ? parseSize('part-size', partText) : undefined;
  if (partSize !== undefined && (partSize < S3_MIN_PART || partSize > MAX_PART_SIZE)) {
    throw new UserError(`part-size: ${partText} is out of range; S3 parts are 5MiB to 5GiB`);
  }
  const latestCopy = parseBool('latest-copy', value(raw, env, 'latest-copy'));
  const format = parseEnum('format', value(raw, env, 'format'), ['custom', 'plain'] as const);
  if (latestCopy && value(raw, env, 'databases'))
    throw new UserError('latest-copy: one fixed name cannot hold several databases; leave it off with databases');
  return {
    ...base,
    connection: conn,
    format,
    compression,
    compressionLevel,
    excludeTables: parseList(value(raw, env, 'exclude-table')),
    schemas: parseList(value(raw, env, 'schema')),
    storageClass: parseEnum('storage-class', value(raw, env, 'storage-class'), base.s3.provider.storageClasses),
    sse,
    sseKmsKeyId,
    tags: backupTags(value(raw, env, 'tags')),
    partSize,
    queueSize: parseInteger('queue-size', value(raw, env, 'queue-size'), 1, 64),
    streams: parseStreams(value(raw, env, 'streams'), { format, latestCopy }),
    latestCopy,
    pgBinDir: value(raw, env, 'pg-bin-dir') || undefined,
    rowCounts: parseEnum('row-counts', value(raw, env, 'row-counts'), ['exact', 'estimate', 'off'] as const),
    stallTimeoutMs: parseDuration('pg-stall-timeout', value(raw, env, 'pg-stall-timeout')) * 1000,
    encryption: parseRecipients('encryption-recipients', value(raw, env, 'encryption-recipients')),
    ...retentionAndLock(raw, env, base),
    ...parseSetInputs({
      databases: value(raw, env, 'databases'),
      excludeDatabases: value(raw, env, 'exclude-databases'),
      globals: value(raw, env, 'globals'),
      jobs: value(raw, env, 'jobs'),
      name: base.name,
    }),
  };
}

/** The user's tags: the tier tag is the tool's own, and S3 allows ten tags an object. */
function backupTags(text: string): Record<string, string> {
  const tags = parseTags('tags', text);
  if (TIER_TAG in tags)
    throw new UserError(`tags: ${TIER_TAG} is set by s3-backup itself (the retention tier); remove it`);
  if (Object.keys(tags).length > 9)
    throw new UserError('tags: at most 9 (S3 allows 10 per object and s3-backup adds its tier tag)');
  return tags;
}

function retentionAndLock(raw: RawInputs, env: Env, base: CommonOptions) {
  const retention = parseRetention('retention', value(raw, env, 'retention'));
  const objectLock = parseObjectLock(
    value(raw, env, 'object-lock-mode'),
    value(raw, env, 'object-lock-days'),
    retention,
    base.s3.provider,
  );
  return {
    retention,
    objectLock,
    audit: parseBool('audit', value(raw, env, 'audit')),
    prices: parsePrices('prices', value(raw, env, 'prices')),
  };
}

/** jobs auto for one database's restore (and the loads of a drill): the cores, at most 8. */
export const autoRestoreJobs = (): number => Math.min(8, availableParallelism());

/** decryption-key + decryption-passphrase, for every verb that reads backups back (restore, verify, validate). */
function parseDecryptionOptions(raw: RawInputs, env: Env = process.env): DecryptionOptions {
  const passphrase = value(raw, env, 'decryption-passphrase') || undefined;
  return { decryption: parseDecryptionKey('decryption-key', value(raw, env, 'decryption-key'), passphrase) };
}

export function parseRestoreOptions(raw: RawInputs, env: Env = process.env): RestoreOptions {
  const conn = connection(raw, env);
  const base = withCopy(raw, env, common(raw, env));
  const jobsText = value(raw, env, 'jobs');
  const whole = parseRestoreAllInputs(raw, env);
  const singleTransaction = parseBool('single-transaction', value(raw, env, 'single-transaction'));
  // auto: for a whole server, databases at once; for one database, pg_restore's jobs; both from the cores
  const auto = jobsText.toLowerCase() === 'auto';
  const jobs = auto
    ? whole.all
      ? defaultJobs()
      : singleTransaction
        ? 1
        : autoRestoreJobs()
    : parseInteger('jobs', jobsText, 1, 64);
  if (singleTransaction && jobs > 1) {
    throw new UserError('single-transaction cannot be combined with jobs > 1 (pg_restore refuses it): choose one');
  }
  const backup = parseBackupSelector('backup', value(raw, env, 'backup') || 'latest');
  const clean = parseBool('clean', value(raw, env, 'clean'));
  return {
    ...base,
    connection: conn,
    backup,
    clean,
    ...restoreSelection(raw, env, clean),
    ...whole,
    ...(auto && !whole.all ? { autoJobs: true } : {}),
    compare: parseBool('compare', value(raw, env, 'compare')),
    noOwner: parseBool('no-owner', value(raw, env, 'no-owner')),
    noAcl: parseBool('no-acl', value(raw, env, 'no-acl')),
    jobs,
    createDatabase: parseBool('create-database', value(raw, env, 'create-database')),
    singleTransaction,
    yes: parseBool('yes', value(raw, env, 'yes')),
    pgBinDir: value(raw, env, 'pg-bin-dir') || undefined,
    ...parseTempDir(raw, env),
    ...parseDecodedCopy(raw, env),
    ...parseDecryptionOptions(raw, env),
    thaw: parseThawOptions(raw, env),
  };
}

/** table / schema / schema-only / data-only: what pg_restore accepts together. */
function restoreSelection(raw: RawInputs, env: Env, clean: boolean) {
  const schemaOnly = parseBool('schema-only', value(raw, env, 'schema-only'));
  const dataOnly = parseBool('data-only', value(raw, env, 'data-only'));
  if (schemaOnly && dataOnly) {
    throw new UserError('schema-only and data-only exclude each other: set one (neither restores both)');
  }
  if (dataOnly && clean) {
    throw new UserError('data-only cannot be combined with clean (pg_restore refuses it): empty the tables yourself');
  }
  return {
    tables: parseList(value(raw, env, 'table')),
    schemas: parseList(value(raw, env, 'schema')),
    schemaOnly,
    dataOnly,
  };
}

export function parseVerifyOptions(raw: RawInputs, env: Env = process.env): VerifyOptions {
  return {
    ...withCopy(raw, env, common(raw, env)),
    backup: parseBackupSelector('backup', value(raw, env, 'backup') || 'latest'),
    pgBinDir: value(raw, env, 'pg-bin-dir') || undefined,
    ...parseTempDir(raw, env),
    ...parseDecryptionOptions(raw, env),
    thaw: parseThawOptions(raw, env),
  };
}

export function parseValidateOptions(raw: RawInputs, env: Env = process.env): ValidateOptions {
  const conn = connection(raw, env);
  return {
    ...parseVerifyOptions(raw, env),
    connection: conn,
    validationSql: value(raw, env, 'validation-sql') || undefined,
    keep: parseBool('keep', value(raw, env, 'keep')),
    ...validateSetInputs(raw, env),
    ...parseMaxRestoreTime(raw, env),
  };
}

export function parseListOptions(raw: RawInputs, env: Env = process.env): ListOptions {
  return withCopy(raw, env, common(raw, env));
}
