/** Which backup a `backup:` input means (pure). */
import type { BackupEntry } from '../model/objects.js';
import { UserError } from './errors.js';
import { GLOBALS_NAME } from './set-format.js';
import { basename, newestFirst, parseBackupKey } from './naming.js';
import type { ObjectInfo } from '../model/objects.js';
import { parsePartKey } from './streams.js';
import { inputRef } from './input-ref.js';

/**
 * Our backups among a listing, newest first. `name` filters to one database of the environment; without it, every
 * database's, but not the globals' (roles are no database's backup: a date or `latest` never means them) unless
 * `withGlobals` asks for them too (listing, pruning).
 */
export function backupsIn(
  objects: ObjectInfo[],
  filter: { name?: string; environment: string; withGlobals?: boolean },
): BackupEntry[] {
  const keys = new Set(objects.map((o) => o.key));
  const parts = partsByBackup(objects);
  const out: BackupEntry[] = [];
  const globalsStem = `${GLOBALS_NAME}_${filter.environment}`;
  for (const o of objects) {
    const parsed = parseBackupKey(o.key);
    if (!parsed) continue;
    const matches = filter.name
      ? parsed.stem === `${filter.name}_${filter.environment}`
      : parsed.stem.endsWith(`_${filter.environment}`) && (filter.withGlobals || parsed.stem !== globalsStem);
    if (!matches) continue;
    out.push({
      ...parsed,
      size: o.size,
      hasChecksum: keys.has(`${o.key}.sha256`),
      hasManifest: keys.has(`${o.key}.meta`),
      ...(o.storageClass ? { storageClass: o.storageClass } : {}),
      ...(parts.has(o.key) ? { parts: parts.get(o.key)! } : {}),
    });
  }
  return out.sort(newestFirst);
}

/** Multi-stream backups' data parts, by the key of the backup they belong to, in order. */
function partsByBackup(objects: ObjectInfo[]): Map<string, ObjectInfo[]> {
  const found = new Map<string, { index: number; o: ObjectInfo }[]>();
  for (const o of objects) {
    const part = parsePartKey(o.key);
    if (part) found.set(part.backupKey, [...(found.get(part.backupKey) ?? []), { index: part.index, o }]);
  }
  return new Map([...found].map(([k, v]) => [k, v.sort((a, b) => a.index - b.index).map((p) => p.o)]));
}

/** The upper bound a date selector means: a whole day includes all of it. */
export function dateBound(selector: string): Date | undefined {
  let m = /^(\d{4})(\d{2})(\d{2})$/.exec(selector) ?? /^(\d{4})-(\d{2})-(\d{2})$/.exec(selector);
  if (m) return new Date(Date.UTC(+m[1]!, +m[2]! - 1, +m[3]!, 23, 59, 59, 999));
  m = /^(\d{4})(\d{2})(\d{2})_(\d{2})(\d{2})(\d{2})$/.exec(selector);
  if (m) return new Date(Date.UTC(+m[1]!, +m[2]! - 1, +m[3]!, +m[4]!, +m[5]!, +m[6]!, 999));
  if (/^\d{4}-\d{2}-\d{2}T/.test(selector)) {
    const t = Date.parse(/[zZ]|[+-]\d{2}:?\d{2}$/.test(selector) ? selector : `${selector}Z`);
    if (!Number.isNaN(t)) return new Date(t);
  }
  return undefined;
}

export function selectBackup(backups: BackupEntry[], selector: string, latestKey?: string): BackupEntry {
  const where = backups.length ? '' : ' (there are no backups under this prefix)';
  if (selector === 'latest') {
    const pointed = latestKey ? backups.find((b) => b.key === latestKey) : undefined;
    // the pointer's object gone (expired, deleted): the newest complete backup, both its sidecars there
    const complete = latestKey ? backups.find((b) => b.hasChecksum && b.hasManifest) : undefined;
    const chosen = pointed ?? complete ?? backups.find((b) => b.hasChecksum);
    if (!chosen)
      throw new UserError(`backup: no backup found for "latest"${where}: check bucket, prefix, environment and name`);
    return chosen;
  }
  const bound = dateBound(selector);
  if (bound) {
    const chosen = backups.find((b) => b.at.getTime() <= bound.getTime() && b.hasChecksum);
    if (!chosen) throw new UserError(`backup: no backup at or before ${selector}${where}; run list to see what exists`);
    return chosen;
  }
  const chosen = backups.find((b) => b.key === selector) ?? backups.find((b) => basename(b.key) === selector);
  if (chosen) return chosen;
  if (parseBackupKey(selector))
    throw new UserError(`backup: "${selector}" was not found${where}; run list to see what exists`);
  throw new UserError(`backup: "${selector}" is not latest, a key, or a date (YYYYMMDD, YYYYMMDD_HHMMSS, ISO 8601)`);
}

/** The databases (names in keys) a listing holds backups of; the server's globals are not a database. */
export function databaseNames(backups: BackupEntry[], environment: string): string[] {
  const suffix = `_${environment}`;
  const names = backups.filter((b) => b.stem.endsWith(suffix)).map((b) => b.stem.slice(0, -suffix.length));
  return [...new Set(names)].filter((n) => n !== GLOBALS_NAME).sort();
}

/**
 * Without a name, latest (or a date) under a prefix that holds several databases could mean any of them: refused,
 * naming them and how to choose. A key names its backup, so it is never ambiguous. Returns the backups to choose from
 * (the globals are never a database's latest).
 */
export function unambiguous(
  backups: BackupEntry[],
  selector: string,
  o: { name?: string; environment: string; prefix: string },
): BackupEntry[] {
  if (o.name) return backups;
  const globals = `${GLOBALS_NAME}_${o.environment}`;
  const databases = backups.filter((b) => b.stem !== globals);
  const names = databaseNames(databases, o.environment);
  if (names.length > 1 && (selector === 'latest' || dateBound(selector))) {
    throw new UserError(
      `backup: "${selector}" is ambiguous: prefix "${o.prefix}" holds backups of ${names.length} databases (${names.join(', ')}); ` +
        `choose one with ${inputRef('name', names[0])}, or give a backup key`,
    );
  }
  return databases;
}
