/**
 * Which backup set a whole-server restore means (latest, a date, a key) and its members as backups to fetch: each
 * member's key, size and SHA-256 come from the set document, its manifest from its own .meta sidecar.
 */
import type { S3Client } from '@aws-sdk/client-s3';
import { GLOBALS_NAME, latestSetPointerKey, parseBackupSet, parseSetKey, setsPrefix } from '../core/set-format.js';
import type { SetMember } from '../model/set.js';
import type { BackupSet } from '../model/set.js';
import { errorMessage, UserError } from '../core/errors.js';
import { latestKeyOf } from '../core/manifest.js';
import { parseManifest } from '../core/manifest.js';
import { manifestKey, parseBackupKey } from '../core/naming.js';
import { dateBound } from '../core/select.js';
import type { CommonOptions } from '../model/options.js';
import type { Chosen } from './download.js';
import { describeS3Error } from '../s3/describe-error.js';
import { getText, listAll } from '../s3/objects.js';
import { inputRef } from '../core/input-ref.js';

/** YYYYMMDD_HHMMSS (UTC) → its time. */
function stampDate(s: string): Date {
  const n = (a: number, b: number) => Number(s.slice(a, b));
  return new Date(Date.UTC(n(0, 4), n(4, 6) - 1, n(6, 8), n(9, 11), n(11, 13), n(13, 15)));
}

/** The set key a selector means: the latest pointer, the newest set at or before a date, or the key itself. */
async function setKeyFor(o: CommonOptions, selector: string, s3: S3Client): Promise<string> {
  if (selector === 'latest') {
    const key = latestKeyOf(await getText(s3, o.s3.bucket, latestSetPointerKey(o.s3.prefix)));
    if (!key) {
      throw new UserError(
        `set: no complete backup set under s3://${o.s3.bucket}/${o.s3.prefix}/sets/ (back up with ${inputRef('databases', 'all')} first, or check ${inputRef('bucket')}, ${inputRef('prefix')} and ${inputRef('environment')})`,
      );
    }
    return key;
  }
  if (parseSetKey(selector)) return selector;
  const bound = dateBound(selector)!;
  const sets = (await listAll(s3, o.s3.bucket, setsPrefix(o.s3.prefix).replace(/\/$/, '')))
    .map((x) => ({ key: x.key, parsed: parseSetKey(x.key) }))
    .filter((x) => x.parsed && x.parsed.environment === o.environment)
    .map((x) => ({ key: x.key, at: stampDate(x.parsed!.stamp) }))
    .filter((x) => x.at.getTime() <= bound.getTime())
    .sort((a, b) => b.at.getTime() - a.at.getTime() || b.key.localeCompare(a.key));
  if (!sets.length) throw new UserError(`set: no backup set at or before ${selector}; run list to see what exists`);
  return sets[0]!.key;
}

/** Reads the set a selector means. */
export async function readSet(o: CommonOptions, selector: string, s3: S3Client): Promise<BackupSet> {
  let key = selector;
  try {
    key = await setKeyFor(o, selector, s3);
    const text = await getText(s3, o.s3.bucket, key);
    if (text === undefined) throw new UserError(`set: ${key} does not exist; run list to see what exists`);
    return parseBackupSet(text);
  } catch (err) {
    if (err instanceof UserError) throw err;
    if (err instanceof SyntaxError || /set document|set version/.test(errorMessage(err))) {
      throw new UserError(`set: ${key} is not a readable set document (${errorMessage(err)})`);
    }
    throw describeS3Error(err, { bucket: o.s3.bucket, key, endpoint: o.s3.endpoint, action: 'reading' });
  }
}

/** The members to restore: the chosen databases (all when none are named) and the globals; failed ones refused. */
export function membersToRestore(set: BackupSet, databases: string[]): { globals?: SetMember; members: SetMember[] } {
  const all = set.members.filter((m) => m.kind === 'database');
  const unknown = databases.filter((d) => !all.some((m) => m.database === d));
  if (unknown.length) {
    throw new UserError(
      `databases: ${unknown.join(', ')} ${unknown.length === 1 ? 'is' : 'are'} not in the set ${set.key} (it holds ${all.map((m) => m.database).join(', ')})`,
    );
  }
  const members = databases.length ? all.filter((m) => databases.includes(m.database)) : all;
  const failed = members.filter((m) => m.status !== 'ok' || !m.key || !m.sha256);
  if (failed.length) {
    throw new UserError(
      `set ${set.key}: ${failed.map((m) => m.database).join(', ')} failed in that run and cannot be restored; choose the others with ${inputRef('databases')}, or an older ${inputRef('set')}`,
    );
  }
  const globals = set.members.find((m) => m.kind === 'globals' && m.name === GLOBALS_NAME && m.status === 'ok');
  return { globals, members };
}

/** A member as a chosen backup: key, size and SHA-256 from the set; its manifest from its .meta. */
export async function chosenMember(o: CommonOptions, m: SetMember, s3: S3Client): Promise<Chosen> {
  const parsed = parseBackupKey(m.key!);
  if (!parsed) throw new UserError(`set: member ${m.name} has a key this tool does not read: ${m.key}`);
  const text = await getText(s3, o.s3.bucket, manifestKey(m.key!)).catch((err) => {
    throw describeS3Error(err, { bucket: o.s3.bucket, key: m.key!, endpoint: o.s3.endpoint, action: 'reading' });
  });
  const manifest = text ? parseManifest(text) : undefined;
  return {
    entry: { ...parsed, size: m.size ?? 0, hasChecksum: true, hasManifest: Boolean(text) },
    expectedSha256: m.sha256!,
    manifest,
  };
}
