/**
 * What a dump needs from the server it is restored onto (pure): the roles it names — object owners, grantees of its
 * privileges and default privileges, the roles its row-level security policies apply to — and its extensions.
 * Read from `pg_restore -l` (the table of contents: each entry's type and owner) and from the SQL of the privilege
 * and policy entries alone (so no function body or row can be mistaken for a statement), or, for a plain dump, from
 * its statements outside COPY data.
 */

export interface DumpNeeds {
  roles: string[];
  extensions: string[];
}

export interface TocEntry {
  /** The line as pg_restore -l printed it (for a -L list). */
  line: string;
  desc: string;
  namespace: string;
  tag: string;
  owner: string;
}

/** Entry types of more than one word; every other type is one word. */
const MULTI_WORD = [
  'DEFAULT ACL',
  'DATABASE PROPERTIES',
  'FK CONSTRAINT',
  'MATERIALIZED VIEW DATA',
  'MATERIALIZED VIEW',
  'ROW SECURITY',
  'SEQUENCE OWNED BY',
  'SEQUENCE SET',
  'TABLE DATA',
  'TABLE ATTACH',
  'INDEX ATTACH',
  'TEXT SEARCH CONFIGURATION',
  'TEXT SEARCH DICTIONARY',
  'TEXT SEARCH PARSER',
  'TEXT SEARCH TEMPLATE',
  'FOREIGN DATA WRAPPER',
  'FOREIGN TABLE',
  'FOREIGN SERVER',
  'USER MAPPING',
  'LARGE OBJECT',
  'BLOB METADATA',
  'PUBLICATION TABLE',
  'PUBLICATION TABLES IN SCHEMA',
  'OPERATOR CLASS',
  'OPERATOR FAMILY',
  'SHELL TYPE',
  'ACCESS METHOD',
  'EVENT TRIGGER',
  'STATISTICS DATA',
];

/** `pg_restore -l` → its entries (comment lines and blank lines skipped). */
export function parseToc(text: string): TocEntry[] {
  const out: TocEntry[] = [];
  for (const line of text.split('\n')) {
    const m = /^\d+; \d+ \d+ (.*)$/.exec(line);
    if (!m) continue;
    const rest = m[1]!;
    const desc = MULTI_WORD.find((d) => rest.startsWith(`${d} `)) ?? rest.split(' ')[0]!;
    const after = rest.slice(desc.length + 1);
    const space = after.indexOf(' ');
    const namespace = space < 0 ? after : after.slice(0, space);
    const tagOwner = space < 0 ? '' : after.slice(space + 1);
    const last = tagOwner.lastIndexOf(' ');
    out.push({
      line,
      desc,
      namespace,
      tag: last < 0 ? tagOwner : tagOwner.slice(0, last),
      owner: last < 0 ? '' : tagOwner.slice(last + 1),
    });
  }
  return out;
}

/** The entries whose SQL names roles beyond their owner: privileges, default privileges, policies. */
export const ROLE_NAMING_ENTRIES = ['ACL', 'DEFAULT ACL', 'POLICY'];

/** Roles that are words of the grammar, not roles. */
const PSEUDO_ROLES = new Set(['public', 'current_user', 'session_user', 'current_role']);

type Token = { text: string; quoted: boolean };

/** SQL tokens: quoted identifiers (unquoted), words (lower-cased), strings skipped, punctuation as itself. */
export function tokenize(sql: string): Token[] {
  const out: Token[] = [];
  const re = /"((?:[^"]|"")*)"|'(?:[^']|'')*'|([A-Za-z_\u0080-\uffff][\w$\u0080-\uffff]*)|(\S)/g;
  for (let m = re.exec(sql); m; m = re.exec(sql)) {
    if (m[1] !== undefined) out.push({ text: m[1].replace(/""/g, '"'), quoted: true });
    else if (m[2] !== undefined) out.push({ text: m[2].toLowerCase(), quoted: false });
    else if (m[3] !== undefined && !m[0].startsWith("'")) out.push({ text: m[3], quoted: false });
  }
  return out;
}

const isWord = (t: Token | undefined, w: string) => t !== undefined && !t.quoted && t.text === w;

/** A comma-separated role list from `from`, until a token that is not part of it (at paren depth 0). */
function roleList(tokens: Token[], from: number, stopWords: string[]): string[] {
  const roles: string[] = [];
  for (let i = from; i < tokens.length; i++) {
    const t = tokens[i]!;
    if (!t.quoted && (stopWords.includes(t.text) || t.text === ';' || t.text === '(')) break;
    if (t.text === ',' && !t.quoted) continue;
    if (!t.quoted && t.text === 'group') continue; // GRANT … TO GROUP x (old syntax)
    if (t.quoted || !PSEUDO_ROLES.has(t.text)) roles.push(t.text);
  }
  return roles;
}

const indexOfWord = (tokens: Token[], w: string, from = 0) => tokens.findIndex((t, i) => i >= from && isWord(t, w));

/** The roles one statement names: OWNER TO, GRANT … TO, REVOKE … FROM, GRANTED BY, FOR ROLE, CREATE POLICY … TO. */
export function rolesInStatement(statement: string): string[] {
  const tokens = tokenize(statement);
  const roles: string[] = [];
  const owner = tokens.findIndex((t, i) => isWord(t, 'owner') && isWord(tokens[i + 1], 'to'));
  if (owner >= 0 && isWord(tokens[0], 'alter')) roles.push(...roleList(tokens, owner + 2, []));
  let start = 0;
  if (isWord(tokens[0], 'alter') && isWord(tokens[1], 'default') && isWord(tokens[2], 'privileges')) {
    const forRole = tokens.findIndex(
      (t, i) => isWord(t, 'for') && (isWord(tokens[i + 1], 'role') || isWord(tokens[i + 1], 'user')),
    );
    if (forRole >= 0) roles.push(...roleList(tokens, forRole + 2, ['in', 'grant', 'revoke']));
    start = tokens.findIndex((t) => isWord(t, 'grant') || isWord(t, 'revoke'));
    if (start < 0) return roles;
  }
  if (isWord(tokens[start], 'grant') || isWord(tokens[start], 'revoke')) {
    const to = indexOfWord(tokens, isWord(tokens[start], 'grant') ? 'to' : 'from', start + 1);
    if (to >= 0) roles.push(...roleList(tokens, to + 1, ['with', 'granted', 'cascade', 'restrict']));
    const by = tokens.findIndex((t, i) => isWord(t, 'granted') && isWord(tokens[i + 1], 'by'));
    if (by >= 0) roles.push(...roleList(tokens, by + 2, []));
  }
  if (isWord(tokens[0], 'create') && isWord(tokens[1], 'policy')) {
    const to = indexOfWord(tokens, 'to', 3);
    const using = tokens.findIndex((t) => isWord(t, 'using') || isWord(t, 'with'));
    if (to >= 0 && (using < 0 || to < using)) roles.push(...roleList(tokens, to + 1, ['using', 'with']));
  }
  return roles;
}

const ROLE_LINE = /^(ALTER .* OWNER TO |GRANT |REVOKE |ALTER DEFAULT PRIVILEGES |CREATE POLICY )/;

/** Whether a line of a plain dump names roles or extensions; skips COPY data (state carries across lines). */
export function keepPlainLine(state: { inCopy: boolean }, line: string): boolean {
  if (state.inCopy) {
    if (line === '\\.') state.inCopy = false;
    return false;
  }
  if (/^COPY .* FROM stdin;$/.test(line)) {
    state.inCopy = true;
    return false;
  }
  return ROLE_LINE.test(line) || line.startsWith('CREATE EXTENSION ');
}

/** Statements of a SQL text that name roles: one per line, as pg_dump writes them, outside COPY data. */
export function roleStatements(sql: string): string[] {
  const state = { inCopy: false };
  return sql.split('\n').filter((line) => keepPlainLine(state, line) && ROLE_LINE.test(line));
}

/** Extensions a plain dump creates. */
function extensionsInSql(sql: string): string[] {
  const out: string[] = [];
  for (const m of sql.matchAll(/^CREATE EXTENSION IF NOT EXISTS ("(?:[^"]|"")*"|\w+)/gm)) {
    out.push(m[1]!.startsWith('"') ? m[1]!.slice(1, -1).replace(/""/g, '"') : m[1]!);
  }
  return out;
}

const unique = (xs: string[]) => [...new Set(xs.filter(Boolean))].sort();

/**
 * A custom archive's needs: owners from its table of contents (unless ownership is not restored), the roles in the
 * SQL of its privilege and policy entries (privileges only when they are restored), its extensions.
 */
export function needsOfArchive(toc: TocEntry[], roleSql: string, o: { noOwner: boolean; noAcl: boolean }): DumpNeeds {
  const owners = o.noOwner ? [] : toc.filter((e) => e.desc !== 'ACL' && e.desc !== 'DEFAULT ACL').map((e) => e.owner);
  return { roles: unique([...owners, ...rolesIn(roleSql, o)]), extensions: unique(extensionsOfToc(toc)) };
}

/** A plain dump's needs, from its SQL. */
export function needsOfPlain(sql: string, o: { noOwner: boolean; noAcl: boolean }): DumpNeeds {
  return { roles: unique(rolesIn(sql, o)), extensions: unique(extensionsInSql(sql)) };
}

function rolesIn(sql: string, o: { noOwner: boolean; noAcl: boolean }): string[] {
  return roleStatements(sql)
    .filter((s) => !(o.noOwner && / OWNER TO /.test(s) && s.startsWith('ALTER ') && !s.startsWith('ALTER DEFAULT')))
    .filter((s) => !(o.noAcl && /^(GRANT|REVOKE|ALTER DEFAULT PRIVILEGES) /.test(s)))
    .flatMap(rolesInStatement);
}

const extensionsOfToc = (toc: TocEntry[]) => toc.filter((e) => e.desc === 'EXTENSION').map((e) => e.tag);
