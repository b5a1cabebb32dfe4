/**
 * The restore's pre-flight, before the first statement runs on the target: every role the dump names exists there
 * (or will be created from the globals), every extension it needs is available there. Otherwise one line naming
 * what is missing and the fix.
 */
import { createReadStream } from 'node:fs';
import { writeFile } from 'node:fs/promises';
import path from 'node:path';
import readline from 'node:readline';
import type { Readable } from 'node:stream';
import { UserError } from '../core/errors.js';
import { runTool } from '../postgres/process.js';
import type { TargetCatalog } from '../model/context.js';
import {
  keepPlainLine,
  needsOfArchive,
  needsOfPlain,
  parseToc,
  ROLE_NAMING_ENTRIES,
  type DumpNeeds,
} from './dump-needs.js';
import { selectionArgs, type RestoreFlags } from '../postgres/argv.js';

const list = (xs: string[]) => xs.join(', ');

/** The one-line refusal for what the target lacks; undefined when nothing is missing. */
export async function preflightRefusal(
  needs: DumpNeeds,
  catalog: TargetCatalog,
  plannedRoles: ReadonlySet<string> = new Set(),
): Promise<string | undefined> {
  const wanted = needs.roles.filter((r) => !plannedRoles.has(r));
  const [roles, extensions] = await Promise.all([
    catalog.existingRoles(wanted),
    catalog.availableExtensions(needs.extensions),
  ]);
  const missingRoles = wanted.filter((r) => !roles.has(r));
  const missingExtensions = needs.extensions.filter((e) => !extensions.has(e));
  const what: string[] = [];
  const fix: string[] = [];
  if (missingRoles.length) {
    const one = missingRoles.length === 1;
    what.push(`${one ? 'role' : 'roles'} ${list(missingRoles)} ${one ? 'does' : 'do'} not exist on the target`);
    fix.push(`restore the globals first (with-globals) or create ${one ? 'it' : 'them'}`);
  }
  if (missingExtensions.length) {
    const one = missingExtensions.length === 1;
    what.push(
      `${one ? 'extension' : 'extensions'} ${list(missingExtensions)} ${one ? 'is' : 'are'} not available on the target server (pg_available_extensions)`,
    );
    fix.push(`install ${one ? 'its' : 'their'} package on the target server`);
  }
  return what.length ? `restore: ${what.join(' and ')}; ${fix.join(', and ')}` : undefined;
}

/** Refuses (UserError) when the target lacks what the dump needs; `note` says why the globals do not help. */
export async function preflight(
  needs: DumpNeeds,
  catalog: TargetCatalog,
  plannedRoles?: ReadonlySet<string>,
  note?: string,
): Promise<void> {
  const refusal = await preflightRefusal(needs, catalog, plannedRoles);
  if (refusal) throw new UserError(`${refusal}${note ? `; ${note}` : ''} (target untouched)`);
}

/**
 * What a dump needs: a custom archive's (its head on disk: header and table of contents) read with pg_restore, plain
 * SQL's read line by line from its decoding stream.
 */
export async function readDumpNeeds(
  file: string | (() => Readable),
  format: string,
  pgRestore: string,
  o: RestoreFlags,
  env?: Record<string, string | undefined>,
): Promise<DumpNeeds> {
  if (format !== 'custom' || typeof file !== 'string')
    return needsOfPlain(await plainRoleSql(file), { noOwner: false, noAcl: false });
  const toc = parseToc(await runTool('pg_restore', pgRestore, ['--list', ...selectionArgs(o), file], env));
  const naming = toc.filter((e) => ROLE_NAMING_ENTRIES.includes(e.desc));
  let roleSql = '';
  if (naming.length) {
    const listFile = path.join(path.dirname(file), 'role-entries.list');
    await writeFile(listFile, `${naming.map((e) => e.line).join('\n')}\n`, { mode: 0o600 });
    roleSql = await runTool('pg_restore', pgRestore, [`--use-list=${listFile}`, '--file=-', file], env);
  }
  return needsOfArchive(toc, roleSql, o);
}

/** The lines of a plain dump that name roles or extensions, streamed (a plain dump can be larger than memory). */
async function plainRoleSql(file: string | (() => Readable)): Promise<string> {
  const input = typeof file === 'string' ? createReadStream(file) : file();
  const lines = readline.createInterface({ input, crlfDelay: Number.POSITIVE_INFINITY });
  const kept: string[] = [];
  const state = { inCopy: false };
  for await (const line of lines) if (keepPlainLine(state, line)) kept.push(line);
  return kept.join('\n');
}
