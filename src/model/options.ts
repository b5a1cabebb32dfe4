/** The typed options of every verb: what the options layer builds from raw inputs and the layers below read. */
import type { Connection } from './connection.js';
import type { DecryptionKeys, EncryptionRecipients } from './encryption.js';
import type { Compression, Format } from './naming.js';
import type { PriceTable, ProviderProfile, RetentionPolicy, Tier } from './retention.js';

export type ThawTier = 'Standard' | 'Bulk' | 'Expedited';

export interface CommonOptions {
  s3: S3Options;
  environment: string;
  /** Name used in keys; undefined = the database name. */
  name?: string;
  /** The second destination (copy-to), for the verbs that know it. */
  copy?: CopyOptions;
  /** Which destination a reading verb was asked to read (`from`); s3 is already that one's. */
  from?: Source;
  /** With no `from`: the other destination of the two, where a download that fails for good goes on. */
  other?: S3Options;
}

export interface BackupOptions extends CommonOptions, SetInputs {
  connection: Connection;
  format: Format;
  compression: Compression;
  compressionLevel: number;
  excludeTables: string[];
  schemas: string[];
  storageClass: string;
  sse?: 'AES256' | 'aws:kms';
  sseKmsKeyId?: string;
  tags: Record<string, string>;
  partSize?: number;
  queueSize: number;
  /** Data streams: 1 (one object), N (a schema part and N data parts from one snapshot) or auto; default 1. */
  streams?: number | 'auto';
  latestCopy: boolean;
  pgBinDir?: string;
  /** Prune after a successful backup; undefined = off. */
  retention?: RetentionPolicy;
  objectLock?: ObjectLockOptions;
  audit: boolean;
  prices: PriceTable;
  rowCounts: 'exact' | 'estimate' | 'off';
  /** pg-stall-timeout: how long pg_dump may send nothing before the backup is stopped, in milliseconds. */
  stallTimeoutMs: number;
  /** Client-side encryption; undefined = none. */
  encryption?: EncryptionRecipients;
}

export interface RestoreOptions extends CommonOptions, DecryptionOptions, RestoreAllInputs {
  connection: Connection;
  backup: string;
  clean: boolean;
  /** Compare every restored database with its manifest afterwards (a mismatch fails the run). */
  compare: boolean;
  noOwner: boolean;
  noAcl: boolean;
  jobs: number;
  /** jobs was auto: chosen from the cores, so the restore may take one pg_restore where that is faster. */
  autoJobs?: boolean;
  createDatabase: boolean;
  singleTransaction: boolean;
  yes: boolean;
  pgBinDir?: string;
  /** Where the download goes; undefined: the run's temporary directory. */
  tempDir?: string;
  /** Decode to a file first and restore it with pg_restore --jobs. */
  decodedCopy: boolean;
  thaw: ThawOptions;
  /** Selective restore (custom format): only these tables / schemas, only the schema or only the data. */
  tables: string[];
  schemas: string[];
  schemaOnly: boolean;
  dataOnly: boolean;
}

export type ListOptions = CommonOptions;

export interface VerifyOptions extends CommonOptions, DecryptionOptions {
  backup: string;
  pgBinDir?: string;
  /** Where the download goes; undefined: the run's temporary directory. */
  tempDir?: string;
  /** An archived backup (GLACIER, DEEP_ARCHIVE): ask S3 to restore it, and wait or stop. */
  thaw: ThawOptions;
}

export interface ValidateOptions extends VerifyOptions {
  connection: Connection;
  validationSql?: string;
  keep: boolean;
  /** Drill a whole backup set instead of one backup. */
  all: boolean;
  set: string;
  /** max-restore-time in seconds: a drill whose recovery takes longer fails. */
  maxRestoreSeconds?: number;
}

export interface S3Credentials {
  accessKeyId: string;
  secretAccessKey: string;
  sessionToken?: string;
}

export interface S3Options {
  bucket: string;
  prefix: string;
  endpoint?: string;
  region: string;
  forcePathStyle: boolean;
  requestChecksum: 'WHEN_SUPPORTED' | 'WHEN_REQUIRED';
  /** The provider profile: part limit, bulk delete, tagging, lifecycle, storage classes. */
  provider: ProviderProfile;
  /** s3-timeout: connect and idle timeout of every S3 request, in milliseconds. */
  timeoutMs: number;
  /** Credentials of their own (the copy's); undefined: the SDK's chain (AWS_ACCESS_KEY_ID …, a role). */
  credentials?: S3Credentials;
}

/** Reads one input by its kebab-case name: undefined when not given, else its text ("" when given empty). */
export type RawInputs = (name: string) => string | undefined;

export interface CopyOptions {
  /** Where the copy goes, with its own credentials (undefined: the primary's, on the same provider and endpoint). */
  s3: S3Options;
  storageClass: string;
  /** Same endpoint, region and credentials as the primary: the copy is made by the server (CopyObject). */
  serverSide: boolean;
}

/** Which destination a reading verb reads: the primary (default, restore falls back to the copy) or the copy. */
export type Source = 'primary' | 'copy' | 'default';

export interface SetInputs {
  databases: DatabaseSelection;
  excludeDatabases: string[];
  /** Back up the server's globals (pg_dumpall --globals-only) beside the databases. */
  globals: boolean;
  /** Databases dumped at once. */
  jobs: number;
}

export interface RestoreAllInputs {
  /** Restore a whole backup set onto the server in database-url. */
  all: boolean;
  /** latest, a date (the newest set at or before it) or a set document's key. */
  set: string;
  /** A subset of the set's databases; empty = all of them. */
  databases: string[];
  /** Restore the set's globals (roles) first: auto = when the target lacks a role the databases name. */
  withGlobals: 'auto' | 'true' | 'false';
}

export interface ObjectLockOptions {
  mode: 'GOVERNANCE' | 'COMPLIANCE';
  days: Record<Tier, number>;
}

export interface ThawOptions extends ThawChoice {
  timeoutSeconds: number;
  pollSeconds: number;
}

/** The part of a verb's options that decryption needs (restore, verify, validate). */
export interface DecryptionOptions {
  decryption?: DecryptionKeys;
}

export interface IamPolicyOptions {
  bucket: string;
  prefix: string;
  /** The role the policy is for: the backup job's, or a read-only restore job's. */
  role: 'backup' | 'restore';
  allowDelete: boolean;
  principal?: string;
  github?: { repository: string; branch?: string; environment?: string; awsAccountId: string };
}

/** Which databases a backup run dumps: the one in database-url, a list, or every database that accepts connections. */
export type DatabaseSelection = { kind: 'single' } | { kind: 'list'; names: string[] } | { kind: 'all' };

export interface ThawChoice {
  /** Ask for the restore when the object is archived. */
  thaw: boolean;
  /** Poll until the object is readable (up to the timeout) instead of stopping. */
  wait: boolean;
  tier: ThawTier;
  days: number;
}

export interface LifecycleOptions extends CommonOptions {
  policy: RetentionPolicy;
  apply: boolean;
  transitions: boolean;
  noncurrentDays: number;
}

export interface BucketInitOptions extends CommonOptions {
  policy: RetentionPolicy;
  transitions: boolean;
  noncurrentDays: number;
  objectLock: boolean;
  sse: 'AES256' | 'aws:kms';
  sseKmsKeyId?: string;
  /** allow-unsupported: the steps (by their report name) whose refusal or silent gap does not fail the command. */
  allowUnsupported: string[];
  /** replicate-to: a replication rule for the prefix, as bucket replicate writes it. */
  replication?: Omit<ReplicateOptions, keyof CommonOptions>;
}

export interface ReplicateOptions extends CommonOptions {
  target: ReplicationTarget;
  /** Region of the destination bucket (its versioning is read there). */
  destinationRegion: string;
}

export interface ReportOptions {
  /** Backups in the size trend; 0 = none. */
  trendCount: number;
  /** Percent; 0 = never warn. */
  shrinkThreshold: number;
}

export interface ReplicationTarget {
  /** arn:aws:s3:::bucket */
  destinationArn: string;
  /** The IAM role S3 assumes to replicate. */
  role: string;
  /** Replica storage class; undefined: the source object's class. */
  storageClass?: string;
  /** Replication Time Control: 99.99 % of objects within 15 minutes, with its metrics (billed extra). */
  timeControl: boolean;
}
