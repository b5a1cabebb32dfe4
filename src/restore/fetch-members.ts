/**
 * Every member of a set brought down and proven (checksum and whole decryption) before anything touches the target;
 * a database's archive head is then read from its decoding stream (see dump-source.ts), the globals' SQL decoded in
 * memory. Sequential: disk and CPU, not S3, are the limit here.
 */
import type { S3Client } from '@aws-sdk/client-s3';
import type { SetMember } from '../model/set.js';
import type { RunContext } from '../model/context.js';
import { CancelledError, UserError } from '../core/errors.js';
import type { Manifest } from '../model/manifest.js';
import { openDecryption } from '../encryption/decrypt.js';
import type { RestoreOptions } from '../model/options.js';
import { parseToc } from './dump-needs.js';
import { runTool } from '../postgres/process.js';
import type { Proven } from '../store/readback.js';
import { decodedText, openDumpSource } from './dump-source.js';
import { chosenMember } from '../store/set-members.js';
import { fetchBackupProven } from '../store/parts.js';
import type { Chosen } from '../store/download.js';

/** What a member stores: the object at its key and, for a multi-stream backup, every data part its manifest names. */
export const storedSize = (c: Chosen) => c.entry.size + (c.manifest?.parts ?? []).reduce((n, p) => n + p.size, 0);

export interface FetchedMember {
  member: SetMember;
  manifest?: Manifest;
  proven: Proven;
  /** A database's archive head (header and table of contents); '' for the globals. */
  dump: string;
  /** A multi-stream backup's data parts, proven. */
  parts: Proven[];
}

export async function fetchMembers(
  o: RestoreOptions,
  ctx: RunContext,
  s3: S3Client,
  members: SetMember[],
  /** pg_restore, which reads each database's archive head. */
  pgRestore?: string,
  /** The members as chosen already (their manifests read), in the same order; read here when not given. */
  given?: Chosen[],
): Promise<FetchedMember[]> {
  const out: FetchedMember[] = [];
  try {
    for (const [i, member] of members.entries()) {
      const chosen = given?.[i] ?? (await chosenMember(o, member, s3));
      ctx.log.info(`${member.name}: s3://${o.s3.bucket}/${member.key}`);
      const decryption = await openDecryption(o, chosen);
      const progress = ctx.onProgress;
      const label = member.name;
      const own = progress
        ? { ...ctx, onProgress: (p: { phase: string; bytes: number; total?: number }) => progress({ ...p, label }) }
        : ctx;
      const refusal = (err: unknown) =>
        err instanceof UserError && !(err instanceof CancelledError)
          ? new UserError(
              `${member.name}: ${err.message.replace(/; refusing to restore \(target untouched\)$/, '')}; refusing to restore (target untouched)`,
            )
          : err;
      const { proven, parts } = await fetchBackupProven(o, chosen, decryption, s3, own, refusal);
      out.push({ member, manifest: chosen.manifest, proven, dump: '', parts });
      if (member.kind === 'database' && pgRestore)
        out.at(-1)!.dump = (await openDumpSource(proven, chosen.entry.format, pgRestore, ctx.env)).head ?? '';
    }
    return out;
  } catch (err) {
    await cleanupMembers(out);
    throw err;
  }
}

export async function cleanupMembers(fetched: FetchedMember[]): Promise<void> {
  await Promise.all(fetched.flatMap((f) => [f.proven, ...f.parts].map((p) => p.fetched.cleanup())));
}

export const readGlobalsSql = (f: FetchedMember) => decodedText(f.proven);

/** Whether an archive carries its database's own entry (pg_dump --create): owner, settings, comment. */
export async function carriesDatabase(
  dump: string,
  pgRestore: string,
  env: Record<string, string | undefined>,
): Promise<boolean> {
  const toc = parseToc(await runTool('pg_restore', pgRestore, ['--list', '--create', dump], env));
  return toc.some((e) => e.desc === 'DATABASE');
}
