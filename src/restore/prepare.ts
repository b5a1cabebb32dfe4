/**
 * Between a proven download and the first statement on the target: the pre-flight, read from the archive's head (or
 * a plain dump's decoding stream: see dump-source.ts).
 */
import { plural } from '../core/format.js';
import type { Readable } from 'node:stream';
import type { RunContext } from '../model/context.js';
import { UserError } from '../core/errors.js';
import type { RestoreFlags } from '../postgres/argv.js';
import type { Connection } from '../model/connection.js';
import type { GlobalsPlan } from './globals-restore.js';
import { preflight, readDumpNeeds } from './preflight.js';
import { openTargetCatalog } from '../postgres/target-catalog.js';
import type { TargetCatalog } from '../model/context.js';

/** Whether the globals are restored before the dump, given the roles it names: the plan, or a note saying why not. */
export type GlobalsChoice = (roles: string[], catalog: TargetCatalog) => Promise<{ plan?: GlobalsPlan; note?: string }>;

/** Selection needs pg_restore: a plain dump is restored whole. */
export function refuseSelectionOfPlain(key: string, format: string, o: RestoreFlags): void {
  const selective = (o.tables?.length ?? 0) + (o.schemas?.length ?? 0) > 0 || o.schemaOnly || o.dataOnly;
  if (format !== 'custom' && selective) {
    throw new UserError(
      `table, schema, schema-only and data-only need a custom-format backup (pg_restore); ${key} is plain SQL: restore it whole`,
    );
  }
}

/**
 * The pre-flight on the target server: the dump's roles exist there (or are created from the globals first, as
 * `globals` chooses), its extensions are available. Asked over the target database when it exists, else `postgres`.
 * Returns the globals' plan when they are to be restored.
 */
export async function preflightTarget(
  ctx: RunContext,
  t: {
    connection: Connection;
    exists: boolean;
    dump: string | (() => Readable);
    format: string;
    pgRestore: string;
    flags: RestoreFlags;
  },
  globals?: GlobalsChoice,
): Promise<GlobalsPlan | undefined> {
  const needs = await readDumpNeeds(t.dump, t.format, t.pgRestore, t.flags, ctx.env);
  const open = ctx.pgCatalog ?? openTargetCatalog;
  const catalog = await open(t.connection, t.exists ? t.connection.database : 'postgres');
  let chosen: Awaited<ReturnType<GlobalsChoice>> = {};
  try {
    if (globals) chosen = await globals(needs.roles, catalog);
    await preflight(needs, catalog, new Set(chosen.plan?.created ?? []), chosen.note);
  } finally {
    await catalog.close();
  }
  const named = needs.roles.length ? `roles ${needs.roles.join(', ')}` : 'no roles';
  const created = chosen.plan?.created.length ? `, the globals to create ${chosen.plan.created.join(', ')}` : '';
  ctx.log.info(
    `pre-flight: the target has what the dump needs (${named}; ${plural(needs.extensions.length, 'extension')}${created})`,
  );
  return chosen.plan;
}
