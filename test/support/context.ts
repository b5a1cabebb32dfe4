/**
 * What integration tests use to reach the servers started once by ./global-setup.ts:
 *
 *   import { rgw, fauxqs, pg, s3Servers } from './context.js';
 *   const s3 = makeS3Client(rgw());
 *   const db = await pg(15).createDatabase();
 *
 * Global setup provides plain JSON descriptors; these helpers rebuild the server helpers around them
 * (without `stop()`: the servers belong to global setup).
 */
import { inject } from 'vitest';
import { pgHelpers, type PgDescriptor, type PgHandle, type PgMajor } from './postgres.js';
import type { S3Descriptor } from './s3-servers.js';

declare module 'vitest' {
  export interface ProvidedContext {
    s3rgw: S3Descriptor;
    s3fauxqs: S3Descriptor;
    pg15: PgDescriptor;
    pg18: PgDescriptor;
  }
}

/** Ceph RGW: real S3 semantics (auth, AccessDenied for `other`, versioning, Object Lock, lifecycle...). */
export function rgw(): S3Descriptor {
  return inject('s3rgw');
}

/** fauxqs: in-process S3 emulator (no auth; accepts SDK defaults). */
export function fauxqs(): S3Descriptor {
  return inject('s3fauxqs');
}

/** Both S3 servers, e.g. for `describe.each(s3Servers())('... on $kind', (server) => ...)`. */
export function s3Servers(): S3Descriptor[] {
  return [rgw(), fauxqs()];
}

/** The PostgreSQL server of that major: url(db) / createDatabase() / query() / exec(). */
export function pg(major: PgMajor): PgHandle {
  return pgHelpers(inject(major === 15 ? 'pg15' : 'pg18'));
}
