/**
 * On a GitHub-hosted Ubuntu runner without a pg_dump of the server's major: install postgresql-client-N from the
 * PostgreSQL apt repository once, keep bin/ and the libpq it needs in a folder, and cache that folder with
 * @actions/cache (key: OS, arch, major), so later runs restore it in seconds instead of running apt.
 */
import { existsSync, readFileSync } from 'node:fs';
import path from 'node:path';
import os from 'node:os';
import * as cache from '@actions/cache';
import * as core from '@actions/core';
import * as exec from '@actions/exec';

export interface InstallSeam {
  exec(command: string, args: string[]): Promise<number>;
  restoreCache(paths: string[], key: string): Promise<string | undefined>;
  saveCache(paths: string[], key: string): Promise<number>;
  log(message: string): void;
}

export function clientCacheKey(
  major: number,
  platform = process.platform,
  arch = process.arch,
  osId = ubuntuCodename(),
): string {
  return `s3-backup-pg-client-${platform}-${osId ?? 'unknown'}-${arch}-${major}`;
}

export function ubuntuCodename(file = '/etc/os-release'): string | undefined {
  if (!existsSync(file)) return undefined;
  const text = readFileSync(file, 'utf8');
  if (!/^ID=ubuntu$/m.test(text)) return undefined;
  return /^VERSION_CODENAME=(\S+)$/m.exec(text)?.[1];
}

/** The shell script that installs one client major from apt.postgresql.org and gathers it into `dest` (pure). */
export function installScript(major: number, codename: string, dest: string): string {
  return [
    'set -euo pipefail',
    'sudo install -d /usr/share/postgresql-common/pgdg',
    'sudo curl -fsSL -o /usr/share/postgresql-common/pgdg/apt.postgresql.org.asc https://www.postgresql.org/media/keys/ACCC4CF8.asc',
    `echo "deb [signed-by=/usr/share/postgresql-common/pgdg/apt.postgresql.org.asc] https://apt.postgresql.org/pub/repos/apt ${codename}-pgdg main" | sudo tee /etc/apt/sources.list.d/pgdg.list >/dev/null`,
    'sudo apt-get update -qq -o Dir::Etc::sourcelist=sources.list.d/pgdg.list -o Dir::Etc::sourceparts=- -o APT::Get::List-Cleanup=0',
    `sudo DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends postgresql-client-${major}`,
    `mkdir -p ${dest}/bin ${dest}/lib`,
    `cp -L /usr/lib/postgresql/${major}/bin/pg_dump /usr/lib/postgresql/${major}/bin/pg_restore /usr/lib/postgresql/${major}/bin/psql ${dest}/bin/`,
    // the client links libpq.so.5; keep the one it was built against beside it
    `cp -L "$(ldconfig -p | awk '/libpq\\.so\\.5 /{print $NF; exit}')" ${dest}/lib/libpq.so.5`,
  ].join('\n');
}

export async function installClient(major: number, seam: InstallSeam, env = process.env): Promise<string | undefined> {
  const codename = ubuntuCodename();
  if (env.GITHUB_ACTIONS !== 'true' || process.platform !== 'linux' || !codename) return undefined;
  const root = path.join(env.RUNNER_TOOL_CACHE || os.tmpdir(), 's3-backup-pg-client');
  const dest = path.join(root, String(major));
  const key = clientCacheKey(major, process.platform, process.arch, codename);
  const hit = await seam.restoreCache([dest], key).catch(() => undefined);
  if (hit && existsSync(path.join(dest, 'bin', 'pg_dump'))) {
    seam.log(`PostgreSQL ${major} client restored from the cache (${key})`);
  } else {
    seam.log(`installing postgresql-client-${major} from apt.postgresql.org`);
    const code = await seam.exec('bash', ['-c', installScript(major, codename, dest)]);
    if (code !== 0) return undefined;
    await seam.saveCache([dest], key).catch((err: Error) => seam.log(`could not cache the client: ${err.message}`));
  }
  // the tools find their libpq through LD_LIBRARY_PATH
  env.LD_LIBRARY_PATH = [path.join(dest, 'lib'), env.LD_LIBRARY_PATH].filter(Boolean).join(':');
  return path.join(dest, 'bin');
}

/** The installer bound to the runner: @actions/exec runs apt, @actions/cache keeps the result between runs. */
export function installOnRunner(major: number): Promise<string | undefined> {
  return installClient(major, {
    exec: (command, args) => exec.exec(command, args, { ignoreReturnCode: true }),
    restoreCache: (paths, key) => cache.restoreCache(paths, key),
    saveCache: (paths, key) => cache.saveCache(paths, key),
    log: (m) => core.info(m),
  });
}
