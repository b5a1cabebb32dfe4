/** The database connection inputs: database-url (or the PG* variables), PGPASSWORD, and libpq's TLS settings. */
import { UserError } from '../core/errors.js';
import type { Connection } from '../model/connection.js';
import { settingsFromEnv } from '../core/libpq-env.js';
import { resolveLibpqParams } from '../core/libpq-settings.js';
import { addSecret } from '../core/redact.js';
import { parseConnection } from './database-url.js';
import { type Env, value } from './input-value.js';
import type { RawInputs } from '../model/options.js';
import { inputRef } from '../core/input-ref.js';

export function connection(raw: RawInputs, env: Env): Connection {
  const url = value(raw, env, 'database-url');
  // an unencoded password, a port out of range: refused before anything reads the URL otherwise
  const c = parseConnection('database-url', url, env);
  // as libpq: a URL without a password takes PGPASSWORD (the pg tools get it from us, never from argv)
  if (c && c.password === undefined && env.PGPASSWORD) {
    c.password = env.PGPASSWORD;
    addSecret(c.password);
  }
  if (!c) {
    throw new UserError(`database-url is empty: set ${inputRef('database-url')}, or the PG* variables`);
  }
  // the TLS settings of the URL and the PG* variables, as libpq reads them: the same for our client and the pg tools
  return {
    ...c,
    params: resolveLibpqParams(c.params, env, { input: url ? 'database-url' : 'PG* variables', cwd: process.cwd() }),
    fromEnv: settingsFromEnv(c.params, env),
  };
}
