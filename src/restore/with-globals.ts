/**
 * A restore with its server's globals (with-globals). For one database: the globals backup that belongs with the
 * chosen backup (the set its run wrote, else latest/_globals.json) is brought down and proven like any set member
 * before the target is touched, its roles count in the pre-flight, and it is applied (missing roles only) right
 * before the database is restored. Whole-server restores apply theirs the same way.
 */
import path from 'node:path';
import type { S3Client } from '@aws-sdk/client-s3';
import {
  GLOBALS_NAME,
  latestNamePointerKey,
  parseBackupSet,
  parseSetKey,
  setsPrefix,
  type NamedLatestPointer,
} from '../core/set-format.js';
import type { SetMember } from '../model/set.js';
import type { RunContext } from '../model/context.js';
import { UserError } from '../core/errors.js';
import { parseBackupKey } from '../core/naming.js';
import type { RestoreOptions } from '../model/options.js';
import { connectionUrl, toolEnv } from '../postgres/connection.js';
import { findPgBin } from '../postgres/tools.js';
import { describeS3Error } from '../s3/describe-error.js';
import { getText, listAll } from '../s3/objects.js';
import { cleanupMembers, fetchMembers, readGlobalsSql, type FetchedMember } from './fetch-members.js';
import { applyGlobals, globalsToApply, type GlobalsPlan } from './globals-restore.js';
import type { GlobalsChoice } from './prepare.js';

/** Applies the plan (one transaction) and says which roles were created and which have no password. */
export async function restoreGlobals(
  o: RestoreOptions,
  ctx: RunContext,
  bins: { psql: string },
  plan: GlobalsPlan,
  g: FetchedMember,
  /** The database psql connects to (one that exists: the target may not yet). */
  database = o.connection.database,
) {
  const dbUrl = connectionUrl(o.connection, database);
  const env = toolEnv(o.connection, ctx.env);
  await applyGlobals(plan, { psql: bins.psql, dbUrl, env, dir: g.proven.fetched.dir, log: ctx.log });
  ctx.log.info(
    `globals: created ${plan.created.length ? `roles ${plan.created.join(', ')}` : 'no roles'}${plan.kept.length ? `; left ${plan.kept.join(', ')} as they are` : ''}`,
  );
  const noPasswords = Boolean(g.member.noRolePasswords || g.manifest?.globals?.noRolePasswords);
  const withoutPassword = noPasswords ? plan.login : [];
  if (withoutPassword.length) {
    ctx.log.warning(
      `globals were backed up without role passwords: ${withoutPassword.join(', ')} can log in but ${withoutPassword.length === 1 ? 'has no password; set it' : 'have no password; set them'} with ALTER ROLE … PASSWORD`,
      'Role passwords not restored',
    );
  }
  return { created: plan.created, kept: plan.kept, withoutPassword };
}

const usable = (m: SetMember | undefined) => (m?.status === 'ok' && m.key && m.sha256 ? m : undefined);

function readableSet(text: string | undefined) {
  try {
    return text ? parseBackupSet(text) : undefined;
  } catch {
    return undefined;
  }
}

/** The globals of the set whose run wrote `key` (a set is stamped with its run's time, as its members are). */
async function globalsOfSetWith(o: RestoreOptions, s3: S3Client, key: string): Promise<SetMember | undefined> {
  const stamp = parseBackupKey(key)?.stamp;
  const sets = (await listAll(s3, o.s3.bucket, setsPrefix(o.s3.prefix).replace(/\/$/, '')))
    .map((x) => ({ key: x.key, parsed: parseSetKey(x.key) }))
    .filter((x) => x.parsed?.environment === o.environment && x.parsed.stamp === stamp)
    .sort((a, b) => b.parsed!.seq - a.parsed!.seq);
  for (const s of sets) {
    const set = readableSet(await getText(s3, o.s3.bucket, s.key));
    if (set?.members.some((m) => m.key === key)) return usable(set.members.find((m) => m.kind === 'globals'));
  }
  return undefined;
}

/** The globals backup that belongs with `key`: its set's, else the newest (latest/_globals.json); undefined: none. */
async function globalsMemberFor(o: RestoreOptions, s3: S3Client, key: string): Promise<SetMember | undefined> {
  const pointerKey = latestNamePointerKey(o.s3.prefix, GLOBALS_NAME);
  let where = setsPrefix(o.s3.prefix);
  try {
    const ofSet = await globalsOfSetWith(o, s3, key);
    if (ofSet) return ofSet;
    where = pointerKey;
    const text = await getText(s3, o.s3.bucket, pointerKey);
    const pointer = text ? (JSON.parse(text) as Partial<NamedLatestPointer>) : undefined;
    const base = { kind: 'globals', database: GLOBALS_NAME, name: GLOBALS_NAME, status: 'ok' } as const;
    return usable(pointer?.key ? { ...base, key: pointer.key, sha256: pointer.sha256, size: pointer.size } : undefined);
  } catch (err) {
    if (err instanceof SyntaxError) return undefined;
    throw describeS3Error(err, { bucket: o.s3.bucket, key: where, endpoint: o.s3.endpoint, action: 'reading' });
  }
}

/**
 * One database's restore with the globals: `choose` (for the pre-flight) decides, and when they are wanted brings
 * them down proven; `apply` restores them (missing roles only); `cleanup` removes what was brought down.
 */
export function globalsForRestore(o: RestoreOptions, ctx: RunContext, s3: S3Client, key: string) {
  const fetched: FetchedMember[] = [];
  let psql = '';
  const choose: GlobalsChoice = async (roles, catalog) => {
    let wanted = false;
    const plan = await globalsToApply(
      o.withGlobals,
      roles,
      catalog,
      async () => {
        wanted = true;
        const member = await globalsMemberFor(o, s3, key);
        if (!member) return undefined;
        fetched.push(...(await fetchMembers(o, ctx, s3, [member])));
        psql = await psqlBin(o, ctx);
        return readGlobalsSql(fetched[0]!);
      },
      true,
    );
    const none = `no globals backup was found for ${key} (s3://${o.s3.bucket}/${setsPrefix(o.s3.prefix)}, ${latestNamePointerKey(o.s3.prefix, GLOBALS_NAME)})`;
    if (wanted && !plan && o.withGlobals === 'true') throw new UserError(`with-globals: ${none}`);
    return { plan, note: wanted && !plan ? none : undefined };
  };
  return {
    choose: o.withGlobals === 'false' ? undefined : choose,
    apply: async (plan: GlobalsPlan | undefined, database: string) => {
      if (plan) await restoreGlobals(o, ctx, { psql }, plan, fetched[0]!, database);
    },
    cleanup: () => cleanupMembers(fetched),
  };
}

async function psqlBin(o: RestoreOptions, ctx: RunContext): Promise<string> {
  const bin = await findPgBin({
    tool: 'psql',
    required: 0,
    pgBinDir: o.pgBinDir,
    because: 'the globals are restored with psql',
    install: ctx.installClient,
  });
  return path.join(bin.dir, 'psql');
}
