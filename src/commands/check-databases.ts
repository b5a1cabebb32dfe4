/**
 * check without a name under a prefix of several databases: each database of the newest set (or each backed up
 * there) judged on its own newest good backup; the prefix is fresh only when every one of them is.
 */
import { backupsOf } from '../core/check-scope.js';
import type { BackupEntry } from '../model/objects.js';
import type { CheckOptions } from '../options/check.js';
import type { CheckResult, DatabaseFreshness, GoodBackup } from '../model/results.js';

/** How check finds one database's newest good backup and reads a replication status (check.ts passes its own). */
export interface Judge {
  newestGood(entries: BackupEntry[]): Promise<{ newest?: GoodBackup; skipped: CheckResult['skipped'] }>;
  replicationOf(key: string): Promise<string>;
}

export async function checkDatabases(
  o: CheckOptions,
  judge: Judge,
  input: { names: string[]; backups: BackupEntry[]; now: Date },
): Promise<CheckResult> {
  const databases: DatabaseFreshness[] = [];
  const skipped: CheckResult['skipped'] = [];
  for (const name of input.names) {
    const found = await judge.newestGood(backupsOf(input.backups, name, o.environment));
    skipped.push(...found.skipped);
    const n = found.newest;
    const fresh = n !== undefined && n.ageSeconds <= o.maxAgeSeconds;
    const replicationStatus = o.requireReplicated && n ? await judge.replicationOf(n.key) : undefined;
    databases.push({ name, fresh, ...(n ? { newest: n } : {}), ...(replicationStatus ? { replicationStatus } : {}) });
  }
  const stalest = databases.filter((d) => d.newest).sort((a, b) => b.newest!.ageSeconds - a.newest!.ageSeconds)[0];
  return {
    ...(stalest?.replicationStatus ? { replicationStatus: stalest.replicationStatus } : {}),
    fresh: databases.every((d) => d.fresh),
    maxAgeSeconds: o.maxAgeSeconds,
    checkedAt: input.now.toISOString(),
    bucket: o.s3.bucket,
    prefix: o.s3.prefix,
    newest: stalest?.newest,
    skipped,
    stale: databases.filter((d) => !d.fresh).map((d) => d.name),
    databases,
  };
}
