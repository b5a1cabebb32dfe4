/**
 * database-url (or the libpq PG* variables), checked before anything reads it: a URL that a reserved character in
 * the password cuts somewhere else (`host "pa" not found`), a port out of range. The password is never part of a
 * message. (sslmode, the other TLS settings and connect_timeout are checked by resolveLibpqParams, ../postgres/tls.ts.)
 */
import { UserError } from '../core/errors.js';
import { connectionFromEnv, parseDatabaseUrl } from '../core/database-url.js';
import type { Connection } from '../model/connection.js';
import { addSecret } from '../core/redact.js';

type Env = Record<string, string | undefined>;

const ENCODE_HINT =
  'percent-encode it, e.g. encodeURIComponent(password) in JavaScript or urllib.parse.quote(password, safe="") in Python: ' +
  '"@" → %40, "#" → %23, "/" → %2F, "?" → %3F, "%" → %25';
/** Characters a URL reserves, and a "%" that does not start a %XX escape. */
const NEEDS_ENCODING = /[@#/?[\]\s]|%(?![0-9A-Fa-f]{2})/;
/** What may follow the "@" of the user info: host (or [IPv6]), port, /database, ?query. */
const AFTER_AT = /^(?:\[[0-9A-Fa-f:.]*\]|[^/?#@[\]\s:]*)(?::([^/?#@]*))?(?:\/[^?#@]*)?(?:\?[^#]*)?$/;
const HOST_PORT = /^(?:\[[0-9A-Fa-f:.]*\]|[^/?#@[\]\s:]*)(?::([^/?#@]*))?/;

function checkPort(input: string, text: string | undefined): void {
  if (text === undefined || text === '') return;
  if (!/^\d+$/.test(text))
    throw new UserError(`${input}: the port "${text}" is not a number; use 1 to 65535 (PostgreSQL's default is 5432)`);
  const port = Number(text);
  if (port < 1 || port > 65535)
    throw new UserError(`${input}: the port ${port} is out of range; use 1 to 65535 (PostgreSQL's default is 5432)`);
}

/** The raw URL's user info and what follows it, found the way a reader means it even when the password is not encoded. */
function checkRawUrl(input: string, url: string): void {
  const m = /^postgres(?:ql)?:\/\/(.*)$/is.exec(url);
  if (!m) return; // the scheme is parseDatabaseUrl's to report
  const rest = m[1]!;
  // the first "@" that a host can follow; else the first one followed by a host and a "#…" (refused below)
  const after = (re: RegExp) => {
    for (let i = rest.indexOf('@'); i >= 0; i = rest.indexOf('@', i + 1)) if (re.test(rest.slice(i + 1))) return i;
    return -1;
  };
  let at = after(AFTER_AT);
  if (at < 0) at = after(new RegExp(`${AFTER_AT.source.slice(0, -1)}#`));
  if (at < 0 && rest.includes('@')) {
    throw new UserError(
      `${input}: the URL holds an "@" that cannot end the user name and password; if it is in the password, ${ENCODE_HINT}`,
    );
  }
  const userinfo = at >= 0 ? rest.slice(0, at) : '';
  const colon = userinfo.indexOf(':');
  const user = colon >= 0 ? userinfo.slice(0, colon) : userinfo;
  const password = colon >= 0 ? userinfo.slice(colon + 1) : '';
  addSecret(password);
  if (NEEDS_ENCODING.test(password)) {
    throw new UserError(
      `${input}: the password holds a character that must be percent-encoded in a URL (@ # / ? [ ] %, or a space); ${ENCODE_HINT}`,
    );
  }
  if (NEEDS_ENCODING.test(user)) {
    throw new UserError(
      `${input}: the user name holds a character that must be percent-encoded in a URL (@ # / ? [ ] %, or a space); ${ENCODE_HINT.replace('(password)', '(user)').replace('(password,', '(user,')}`,
    );
  }
  const tail = rest.slice(at + 1);
  if (tail.includes('#')) {
    throw new UserError(
      `${input}: "#" has no meaning in a PostgreSQL URL; if it belongs to the password or another value, percent-encode it as %23`,
    );
  }
  checkPort(input, HOST_PORT.exec(tail)?.[1]);
  checkPort(input, /[?&]port=([^&]*)/.exec(tail)?.[1]);
}

/** PGPORT as libpq would read it (the TLS variables and PGCONNECT_TIMEOUT are checked with the URL's settings). */
function checkEnv(env: Env): void {
  if (env.PGPORT) checkPort('PGPORT', env.PGPORT.trim());
}

/** database-url, checked; then the libpq variables; undefined when neither names a database. */
export function parseConnection(input: string, url: string, env: Env): Connection | undefined {
  checkEnv(env);
  if (!url) return connectionFromEnv(env);
  checkRawUrl(input, url);
  return parseDatabaseUrl(input, url);
}
