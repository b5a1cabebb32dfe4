/**
 * The inputs of a whole-server restore: all, set, databases (a subset of the set) and with-globals. Strict: each
 * refusal is one line naming the input.
 */
import type { RestoreAllInputs } from '../model/options.js';
import { UserError } from '../core/errors.js';
import { parseSetKey } from '../core/set-format.js';
import { parseBool, parseEnum } from './values.js';
import { parseBackupSelector } from './backup-selector.js';
import { parseDatabases } from './databases.js';
import { type Env, value } from './input-value.js';
import type { RawInputs } from '../model/options.js';

export function parseRestoreAllInputs(raw: RawInputs, env: Env): RestoreAllInputs {
  const all = parseBool('all', value(raw, env, 'all'));
  const setText = value(raw, env, 'set');
  const databasesText = value(raw, env, 'databases');
  // set's default is latest: only another value asks for a set
  const setGiven = Boolean(setText) && setText !== 'latest';
  if (!all && (setGiven || databasesText)) {
    throw new UserError(`${setGiven ? 'set' : 'databases'}: only with all (a whole-server restore); set all: true`);
  }
  const selection = parseDatabases('databases', databasesText);
  const set = !setText || setText === 'latest' || parseSetKey(setText) ? setText || 'latest' : parseSetDate(setText);
  return {
    all,
    set,
    databases: selection.kind === 'list' ? selection.names : [],
    withGlobals: parseEnum('with-globals', value(raw, env, 'with-globals'), ['auto', 'true', 'false'] as const),
  };
}

function parseSetDate(text: string): string {
  const date = parseBackupSelector('set', text);
  if (date === 'latest' || /\.(dump|sql)/.test(date)) {
    throw new UserError(`set: "${text}" is not latest, a date or a set key (<prefix>/sets/<environment>_<stamp>.json)`);
  }
  return date;
}

/** validate's all and set: a drill of a whole backup set. */
export function validateSetInputs(raw: RawInputs, env: Env): { all: boolean; set: string } {
  const all = parseBool('all', value(raw, env, 'all'));
  const setText = value(raw, env, 'set');
  if (!all && setText && setText !== 'latest')
    throw new UserError('set: only with all (a drill of a backup set); set all: true');
  return {
    all,
    set: !setText || setText === 'latest' || parseSetKey(setText) ? setText || 'latest' : parseSetDate(setText),
  };
}
