/**
 * The set on the second copy (copy-to): once the primary's set document is written, the copy gets its own, naming
 * the copy's keys of the members, under a key claimed there, and its own sets/latest.json when every member reached
 * the copy. A recovery from the copy alone (restore --all from: copy) reads it as it reads the primary's.
 */
import type { BackupSet, SetMember } from '../model/set.js';
import type { RunContext } from '../model/context.js';
import { cancellationOf, errorMessage } from '../core/errors.js';
import type { BackupOptions } from '../model/options.js';
import { clientFor } from '../s3/client.js';
import { copyError, type CopyRun } from './copy.js';
import type { CopyOutcome } from '../model/results.js';
import { claimSetKey, writeSetDocument } from './set-document.js';
import type { MemberOutcome } from '../model/results.js';

/** A member as the copy holds it: its copy's key, or failed when its copy failed (pure). */
export function copyMember(member: SetMember, copy: CopyOutcome | undefined): SetMember {
  if (member.status !== 'ok') return member;
  if (copy?.status === 'complete' && copy.key) return { ...member, key: copy.key };
  const { key: _key, sha256: _sha, size: _size, ...rest } = member;
  return { ...rest, status: 'failed', error: copy?.error?.message ?? 'copy: not written' };
}

const copyOf = (x: MemberOutcome) => x.copy ?? x.result?.copy ?? x.globals?.copy;

/**
 * Writes the copy's set document; returns the error that fails the run (a member's copy, or the document), if any.
 * `single`: a one-database run whose database has no copy leaves no set on the copy.
 */
export async function writeCopySet(
  o: BackupOptions,
  ctx: RunContext,
  p: { set: BackupSet; outcomes: MemberOutcome[]; at: Date; single: boolean },
): Promise<Error | undefined> {
  if (!o.copy) return undefined;
  const memberError = p.outcomes.map((x) => copyOf(x)?.error).find((e) => e);
  const database = p.outcomes.find((x) => x.member.kind === 'database');
  if (p.single && database && copyOf(database)?.status !== 'complete') return memberError;
  const copy: CopyRun = { options: o.copy, s3: clientFor(ctx, o.copy.s3), claims: [] };
  const co: BackupOptions = { ...o, s3: o.copy.s3, sse: undefined, sseKmsKeyId: undefined };
  const s3Error = (err: unknown, action: string, key?: string) => copyError(copy, err, action, key);
  try {
    const claim = await claimSetKey(copy.s3, co, p.at, ctx.signal, s3Error);
    try {
      const members = p.outcomes.map((x) => copyMember(x.member, copyOf(x)));
      const failed = members.filter((m) => m.status === 'failed').map((m) => m.name);
      await writeSetDocument(copy.s3, co, { ...p.set, key: claim.key, members, failed }, s3Error);
      ctx.log.info(
        `copy: set s3://${o.copy.s3.bucket}/${claim.key}${failed.length ? `, failed: ${failed.join(', ')}` : ''}`,
      );
    } finally {
      await claim.release().catch((err) => ctx.log.warning(s3Error(err, 'deleting the claim').message));
    }
  } catch (err) {
    if (cancellationOf(err)) throw err;
    ctx.log.warning(`${errorMessage(err)}; the set is stored on the primary`, 'Copy failed');
    return memberError ?? (err as Error);
  }
  return memberError;
}
