/**
 * The password file (PGPASSFILE, else ~/.pgpass) read as libpq reads it (fe-connect.c, passwordFromFile), so our own
 * connection and the pg tools find the same password: `host:port:database:user:password` lines, `#` comments, `\`
 * escaping the next character (`\:` and `\\`), a field of exactly `*` matching anything, the first matching line
 * winning, a unix-socket host matched as `localhost`, and the file ignored unless it is a plain file without group or
 * world access (0600 or less).
 */
import { readFileSync, statSync } from 'node:fs';
import { homedir } from 'node:os';
import { join } from 'node:path';

type Env = Record<string, string | undefined>;

export interface PasswordFileReader {
  stat(file: string): { isFile(): boolean; mode: number } | undefined;
  read(file: string): string;
}

const nodeReader: PasswordFileReader = {
  stat: (file) => {
    try {
      return statSync(file);
    } catch {
      return undefined;
    }
  },
  read: (file) => readFileSync(file, 'utf8'),
};

/** Where libpq looks: PGPASSFILE, else ~/.pgpass. */
function passwordFilePath(env: Env, home = homedir()): string | undefined {
  if (env.PGPASSFILE) return env.PGPASSFILE;
  return home ? join(home, '.pgpass') : undefined;
}

/** The rest of the line after one field matching `value`, or undefined (libpq's pwdfMatchesString). */
function matchField(line: string, value: string): string | undefined {
  if (line.startsWith('*:')) return line.slice(2);
  let i = 0;
  let j = 0;
  while (i < line.length) {
    let escaped = false;
    if (line[i] === '\\') {
      i++;
      escaped = true;
    }
    if (line[i] === ':' && j === value.length && !escaped) return line.slice(i + 1);
    if (j === value.length || line[i] !== value[j]) return undefined;
    i++;
    j++;
  }
  return undefined;
}

/** The password field: up to the first unescaped `:`, backslashes removed before the character they escape. */
function unescapePassword(rest: string): string {
  let out = '';
  for (let i = 0; i < rest.length && rest[i] !== ':'; i++) {
    if (rest[i] === '\\' && i + 1 < rest.length) i++;
    out += rest[i];
  }
  return out;
}

/** The first matching line's password in the file's text (pure); undefined when none matches or it is empty. */
export function passwordFromText(
  text: string,
  c: { host: string; port: number; database: string; user: string },
): string | undefined {
  const host = !c.host || c.host.startsWith('/') ? 'localhost' : c.host;
  for (const raw of text.split('\n')) {
    const line = raw.replace(/\r$/, '');
    if (!line || line.startsWith('#')) continue;
    let rest: string | undefined = line;
    for (const value of [host, String(c.port), c.database, c.user]) {
      rest = rest === undefined ? undefined : matchField(rest, value);
    }
    if (rest === undefined) continue;
    const password = unescapePassword(rest);
    return password || undefined;
  }
  return undefined;
}

/** The password libpq would take from the password file for this connection, if any. */
export function passwordFromFile(
  c: { host: string; port: number; database: string; user: string },
  env: Env = process.env,
  reader: PasswordFileReader = nodeReader,
): string | undefined {
  const file = passwordFilePath(env);
  const st = file ? reader.stat(file) : undefined;
  // libpq ignores (with a warning of its own) a file that is not plain, or that the group or others can access
  if (!file || !st?.isFile() || (st.mode & 0o077) !== 0) return undefined;
  try {
    return passwordFromText(reader.read(file), c);
  } catch {
    return undefined;
  }
}
