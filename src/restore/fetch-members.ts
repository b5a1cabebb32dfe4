/**
 * Every member of a set brought down and proven (checksum and whole decryption) before anything touches the target,
 * then decoded once to a file that pg_restore and psql read. Sequential: disk and CPU, not S3, are the limit here.
 */
import { readFile } from 'node:fs/promises';
import type { S3Client } from '@aws-sdk/client-s3';
import type { SetMember } from '../model/set.js';
import type { RunContext } from '../model/context.js';
import { CancelledError, UserError } from '../core/errors.js';
import type { Manifest } from '../model/manifest.js';
import { openDecryption } from '../encryption/decrypt.js';
import type { RestoreOptions } from '../model/options.js';
import { parseToc } from './dump-needs.js';
import { runTool } from '../postgres/process.js';
import { fetchProven, type Proven } from '../store/readback.js';
import { decodedDump } from './prepare.js';
import { chosenMember } from '../store/set-members.js';

export interface FetchedMember {
  member: SetMember;
  manifest?: Manifest;
  proven: Proven;
  /** The decoded dump: a custom archive (databases) or SQL (the globals). */
  dump: string;
}

export async function fetchMembers(
  o: RestoreOptions,
  ctx: RunContext,
  s3: S3Client,
  members: SetMember[],
): Promise<FetchedMember[]> {
  const out: FetchedMember[] = [];
  try {
    for (const member of members) {
      const chosen = await chosenMember(o, member, s3);
      ctx.log.info(`${member.name}: s3://${o.s3.bucket}/${member.key}`);
      const decryption = await openDecryption(o, chosen);
      const proven = await fetchProven(o, chosen, decryption, s3, ctx, (err) =>
        err instanceof UserError && !(err instanceof CancelledError)
          ? new UserError(`${member.name}: ${err.message}; refusing to restore (target untouched)`)
          : err,
      );
      out.push({ member, manifest: chosen.manifest, proven, dump: '' });
      out.at(-1)!.dump = await decodedDump(proven, chosen.entry.format);
    }
    return out;
  } catch (err) {
    await cleanupMembers(out);
    throw err;
  }
}

export async function cleanupMembers(fetched: FetchedMember[]): Promise<void> {
  await Promise.all(fetched.map((f) => f.proven.fetched.cleanup()));
}

export const readGlobalsSql = (f: FetchedMember) => readFile(f.dump, 'utf8');

/** Whether an archive carries its database's own entry (pg_dump --create): owner, settings, comment. */
export async function carriesDatabase(
  dump: string,
  pgRestore: string,
  env: Record<string, string | undefined>,
): Promise<boolean> {
  const toc = parseToc(await runTool('pg_restore', pgRestore, ['--list', '--create', dump], env));
  return toc.some((e) => e.desc === 'DATABASE');
}
