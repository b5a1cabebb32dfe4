/**
 * Which databases `check` judges (pure). With a name: that one. Without: under a prefix holding several databases,
 * every database of the newest backup set of several databases (without one, every database backed up there), so a
 * gate cannot call the prefix fresh because some other database was backed up last. A single-database run that
 * keeps the globals writes a set of one database: that set says nothing about the others.
 */
import type { BackupSet } from '../model/set.js';
import { GLOBALS_NAME } from './set-format.js';
import { databaseNames } from './select.js';
import type { BackupEntry } from '../model/objects.js';

const databasesOf = (set: BackupSet) => [
  ...new Set(set.members.filter((m) => m.kind === 'database').map((m) => m.name)),
];

/** The names to judge one by one (sorted); undefined when the prefix is judged as one (a name, or one database). */
export function databasesToCheck(
  o: { name?: string; environment: string },
  backups: BackupEntry[],
  sets: BackupSet[] = [],
): string[] | undefined {
  if (o.name) return undefined;
  const newestSet = sets.find((s) => databasesOf(s).length > 1);
  const names = newestSet ? databasesOf(newestSet).sort() : databaseNames(backups, o.environment);
  return names.length > 1 ? names : undefined;
}

/** One database's backups among a listing (its own name in the key, never the globals'). */
export function backupsOf(backups: BackupEntry[], name: string, environment: string): BackupEntry[] {
  return name === GLOBALS_NAME ? [] : backups.filter((b) => b.stem === `${name}_${environment}`);
}
