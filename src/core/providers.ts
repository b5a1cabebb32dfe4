/**
 * S3-compatible providers: what users otherwise learn from bug reports, settled once. A profile fills in what the
 * user did not say (endpoint from region or account, path-style, checksum mode, part limit, bulk delete, tagging,
 * lifecycle and Object Lock support, storage-class names); every explicit input overrides it.
 *
 * The values follow each provider's S3-compatibility documentation at the time of writing. The tests prove the
 * requests each profile makes the SDK send and run the data path with each profile's settings against a local
 * S3 server; they cannot prove that the provider itself accepts them (no network here).
 */
export const PROVIDERS = ['aws', 'r2', 'b2', 'spaces', 'gcs', 'minio', 'scaleway', 'wasabi'] as const;
export type ProviderName = (typeof PROVIDERS)[number];

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

const AWS_CLASSES = [
  'STANDARD',
  'REDUCED_REDUNDANCY',
  'STANDARD_IA',
  'ONEZONE_IA',
  'INTELLIGENT_TIERING',
  'GLACIER',
  'DEEP_ARCHIVE',
  'GLACIER_IR',
  'EXPRESS_ONEZONE',
];

export const PROFILES: Record<ProviderName, ProviderProfile> = {
  aws: {
    name: 'aws',
    label: 'Amazon S3',
    defaultRegion: 'us-east-1',
    forcePathStyle: false,
    requestChecksum: 'WHEN_SUPPORTED',
    maxParts: 10_000,
    bulkDelete: true,
    tagging: true,
    lifecycle: 'tags',
    objectLock: true,
    storageClasses: AWS_CLASSES,
    archive: { instant: { class: 'GLACIER_IR', minDays: 90 }, deep: { class: 'DEEP_ARCHIVE', minDays: 180 } },
    note: 'SDK defaults (CRC32 per request), virtual-hosted addressing',
  },
  r2: {
    name: 'r2',
    label: 'Cloudflare R2',
    needs: 'account-id',
    defaultRegion: 'auto',
    endpoint: ({ accountId }) => `https://${accountId}.r2.cloudflarestorage.com`,
    forcePathStyle: true,
    requestChecksum: 'WHEN_REQUIRED',
    maxParts: 10_000,
    bulkDelete: true,
    tagging: false,
    lifecycle: 'prefix',
    objectLock: false,
    storageClasses: ['STANDARD', 'STANDARD_IA'],
    archive: {},
    note: 'region auto; no object tagging, lifecycle by prefix only (retention by prune)',
  },
  b2: {
    name: 'b2',
    label: 'Backblaze B2',
    needs: 'region',
    defaultRegion: '',
    endpoint: ({ region }) => `https://s3.${region}.backblazeb2.com`,
    forcePathStyle: false,
    requestChecksum: 'WHEN_REQUIRED',
    maxParts: 10_000,
    bulkDelete: true,
    tagging: false,
    lifecycle: 'none',
    objectLock: true,
    storageClasses: ['STANDARD'],
    archive: {},
    note: "rejects the SDK default checksums; lifecycle rules only through B2's own API (retention by prune)",
  },
  spaces: {
    name: 'spaces',
    label: 'DigitalOcean Spaces',
    needs: 'region',
    defaultRegion: '',
    endpoint: ({ region }) => `https://${region}.digitaloceanspaces.com`,
    forcePathStyle: false,
    requestChecksum: 'WHEN_REQUIRED',
    maxParts: 10_000,
    bulkDelete: true,
    tagging: true,
    lifecycle: 'prefix',
    objectLock: false,
    storageClasses: ['STANDARD'],
    archive: {},
    note: 'lifecycle by prefix only (retention by prune)',
  },
  gcs: {
    name: 'gcs',
    label: 'Google Cloud Storage (XML API, HMAC keys)',
    defaultRegion: 'auto',
    endpoint: () => 'https://storage.googleapis.com',
    forcePathStyle: true,
    requestChecksum: 'WHEN_REQUIRED',
    maxParts: 10_000,
    bulkDelete: false,
    tagging: false,
    lifecycle: 'none',
    objectLock: false,
    storageClasses: ['STANDARD', 'NEARLINE', 'COLDLINE', 'ARCHIVE'],
    archive: {},
    note: "no S3 multi-object delete (one DeleteObject per key), no x-amz-tagging, lifecycle in GCS's own format",
  },
  minio: {
    name: 'minio',
    label: 'MinIO',
    needs: 'endpoint',
    defaultRegion: 'us-east-1',
    forcePathStyle: true,
    requestChecksum: 'WHEN_SUPPORTED',
    maxParts: 10_000,
    bulkDelete: true,
    tagging: true,
    lifecycle: 'tags',
    objectLock: true,
    storageClasses: ['STANDARD', 'REDUCED_REDUNDANCY'],
    archive: {},
    note: 'path-style; set endpoint',
  },
  scaleway: {
    name: 'scaleway',
    label: 'Scaleway Object Storage',
    needs: 'region',
    defaultRegion: '',
    endpoint: ({ region }) => `https://s3.${region}.scw.cloud`,
    forcePathStyle: false,
    requestChecksum: 'WHEN_REQUIRED',
    maxParts: 1_000,
    bulkDelete: true,
    tagging: true,
    lifecycle: 'tags',
    objectLock: true,
    storageClasses: ['STANDARD', 'ONEZONE_IA', 'GLACIER'],
    archive: {},
    note: 'at most 1,000 parts per upload (part size grows to fit)',
  },
  wasabi: {
    name: 'wasabi',
    label: 'Wasabi',
    defaultRegion: 'us-east-1',
    endpoint: ({ region }) => `https://s3.${region}.wasabisys.com`,
    forcePathStyle: false,
    requestChecksum: 'WHEN_REQUIRED',
    maxParts: 10_000,
    bulkDelete: true,
    tagging: true,
    lifecycle: 'none',
    objectLock: true,
    storageClasses: ['STANDARD'],
    archive: {},
    note: 'no lifecycle API (retention by prune); Wasabi bills 90 days minimum per object',
  },
};

/** What a custom endpoint without a provider gets: the conservative settings that work on Ceph, B2, GCS …. */
export const CUSTOM_ENDPOINT_DEFAULTS = { forcePathStyle: true, requestChecksum: 'WHEN_REQUIRED' as const };
