/** Objects in the bucket and the backups they make up. */
import type { ParsedKey } from './naming.js';

export interface ObjectInfo {
  key: string;
  size: number;
  lastModified?: Date;
  storageClass?: string;
}

export interface BackupEntry extends ParsedKey {
  size: number;
  hasChecksum: boolean;
  hasManifest: boolean;
  /** As the listing shows it (GLACIER and DEEP_ARCHIVE need a thaw before a GET). */
  storageClass?: string;
  /** A multi-stream backup's data parts found beside it (key and size), in order. */
  parts?: ObjectInfo[];
}
