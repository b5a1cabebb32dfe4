/**
 * A backup set: one run that backed up several databases of a server and, usually, its globals (roles, memberships,
 * role settings, tablespaces). Each member is a backup like any other (its own object, .sha256 and .meta, so one
 * database can be restored alone); the set document ties the run together. Pure: shapes, keys and parsing only.
 *
 * Keys (under the backup prefix):
 *   <prefix>/<name>_<environment>_<stamp>[_N].<ext>       each database, as a single backup is named today
 *   <prefix>/_globals_<environment>_<stamp>[_N].sql…      the globals (pg_dumpall --globals-only), a plain-format backup
 *   <prefix>/sets/<environment>_<stamp>[_N].json          the set document
 *   <prefix>/sets/latest.json                             the newest set that completed without a failed member
 *   <prefix>/latest/<name>.json                           the newest good backup of one database (or of _globals)
 *   <prefix>/latest.json                                  kept for single-database runs, so older readers still work
 */
import type { BackupSet } from '../model/set.js';
import { joinKey, stamp } from './naming.js';

export const GLOBALS_NAME = '_globals';
export const SET_SCHEMA: BackupSet['schema'] = 's3-backup/set';
export const SET_VERSION = 1;
export const SETS_FOLDER = 'sets';
const LATEST_FOLDER = 'latest';

/** The latest pointer of one database or of a set. */
export interface NamedLatestPointer {
  schema: 's3-backup/latest';
  key: string;
  sha256?: string;
  size?: number;
  finishedAt: string;
}

export const setsPrefix = (prefix: string) => joinKey(prefix, `${SETS_FOLDER}/`);

export function setKey(o: { prefix: string; environment: string; at: Date; seq?: number }): string {
  const seq = o.seq ?? 1;
  return joinKey(o.prefix, `${SETS_FOLDER}/${o.environment}_${stamp(o.at)}${seq > 1 ? `_${seq}` : ''}.json`);
}

export const latestSetPointerKey = (prefix: string) => joinKey(prefix, `${SETS_FOLDER}/latest.json`);
export const latestNamePointerKey = (prefix: string, name: string) => joinKey(prefix, `${LATEST_FOLDER}/${name}.json`);

const SET_KEY_RE = /(?:^|\/)sets\/(.+)_(\d{8}_\d{6})(?:_(\d+))?\.json$/;

/** A set document's key → its environment, stamp and sequence; undefined for anything else (latest.json included). */
export function parseSetKey(key: string): { environment: string; stamp: string; seq: number } | undefined {
  const m = SET_KEY_RE.exec(key);
  return m ? { environment: m[1]!, stamp: m[2]!, seq: m[3] ? Number(m[3]) : 1 } : undefined;
}

export function parseBackupSet(text: string): BackupSet {
  const doc = JSON.parse(text) as Partial<BackupSet>;
  if (doc.schema !== SET_SCHEMA || typeof doc.version !== 'number' || !Array.isArray(doc.members)) {
    throw new Error('not an s3-backup set document');
  }
  if (Math.floor(doc.version) > SET_VERSION) {
    throw new Error(
      `set version ${doc.version} is newer than this tool understands (${SET_VERSION}): upgrade s3-backup`,
    );
  }
  return doc as BackupSet;
}
