/** Retention policy, storage prices and provider profiles. */

export type PolicyKey = 'keep-last' | 'keep-daily' | 'keep-weekly' | 'keep-monthly' | 'keep-yearly';

export type ProviderName = 'aws' | 'r2' | 'b2' | 'spaces' | 'gcs' | 'minio' | 'scaleway' | 'wasabi';

export interface RetentionPolicy {
  keepLast: number;
  keepDaily: number;
  keepWeekly: number;
  keepMonthly: number;
  keepYearly: number;
}

export type Tier = 'daily' | 'weekly' | 'monthly' | 'yearly';

export type PriceTable = Record<string, ClassPrice>;

export interface ProviderProfile {
  name: ProviderName;
  label: string;
  /** Endpoint from region / account; undefined = the SDK's AWS endpoints (aws) or none known (minio: required). */
  endpoint?: (p: { region: string; accountId?: string }) => string;
  /** What the endpoint template needs besides the defaults. */
  needs?: 'region' | 'account-id' | 'endpoint';
  /** Region when none is given (r2 and gcs take any; 'auto' is what their docs show). */
  defaultRegion: string;
  forcePathStyle: boolean;
  /**
   * WHEN_REQUIRED where the provider rejects the SDK's default CRC32 checksums / aws-chunked bodies (since
   * @aws-sdk/client-s3 3.729): parts are then sent as buffers whose SHA-256 is signed (x-amz-content-sha256).
   */
  requestChecksum: 'WHEN_SUPPORTED' | 'WHEN_REQUIRED';
  /** Most parts one multipart upload may have. */
  maxParts: number;
  /** DeleteObjects (up to 1,000 keys a request); false = one DeleteObject per key. */
  bulkDelete: boolean;
  /** x-amz-tagging on upload; false = the tier travels as x-amz-meta-s3-backup-tier metadata instead. */
  tagging: boolean;
  /** What S3 lifecycle rules the provider runs: tag filters, prefix filters only, or none through the S3 API. */
  lifecycle: 'tags' | 'prefix' | 'none';
  objectLock: boolean;
  /** Storage-class names the provider accepts in x-amz-storage-class. */
  storageClasses: string[];
  /** Archive classes for lifecycle transitions, with their minimum storage duration in days. */
  archive: { instant?: { class: string; minDays: number }; deep?: { class: string; minDays: number } };
  note: string;
}

interface ClassPrice {
  perGBMonth: number;
  minDays: number;
  /** Smallest size billed per object (128 KB for the infrequent-access and instant-retrieval classes). */
  minBytes?: number;
  /** Retrieval fee per GB read (the infrequent-access and archive classes). */
  retrievalPerGB?: number;
}

export interface CostEstimate {
  label: string;
  classes: ClassCost[];
  totalUsd: number;
  /** Average number of backups stored (current and noncurrent). */
  backups: number;
}

export interface ClassCost {
  storageClass: string;
  /** Average GB stored in the class. */
  gb: number;
  storageUsd: number;
  /** Minimum-duration charges for objects that left the class early. */
  minimumUsd: number;
}

export interface Decision {
  key: string;
  at: Date;
  good: boolean;
  keep: boolean;
  reasons: Reason[];
  /** Why a backup goes: "expired" or "incomplete". */
  why?: 'expired' | 'incomplete';
}

export type Reason =
  | { rule: 'newest' }
  | { rule: 'latest.json' }
  | { rule: 'keep-last'; n: number }
  | { rule: Exclude<PolicyKey, 'keep-last'>; period: string; n: number }
  | { rule: 'in-progress' };

export interface Segment {
  storageClass: string;
  from: number;
  to: number;
}

export type Scenario =
  | {
      kind: 'lifecycle';
      policy: RetentionPolicy;
      transitions: boolean;
      archive: ProviderProfile['archive'];
      /** The plan per tier; by default the cheapest (tierPlans) for the upload class and noncurrent days. */
      plans?: TierPlan[];
    }
  | { kind: 'prune'; policy: RetentionPolicy }
  /** One rule for every backup: GLACIER_IR at 30 days, DEEP_ARCHIVE at 90, expired at 365. */
  | { kind: 'one-rule' };

export interface TierPlan {
  tier: Tier;
  expireDays: number;
  /** The class the backup is uploaded in (the backup's storage-class). */
  uploadClass: string;
  transitions: Transition[];
}

export interface Transition {
  days: number;
  storageClass: string;
}
