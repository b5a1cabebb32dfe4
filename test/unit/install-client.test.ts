import { mkdtempSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { describe, expect, test, vi } from 'vitest';
import {
  clientCacheKey,
  installClient,
  installScript,
  ubuntuCodename,
  type InstallSeam,
} from '../../src/github/install-client.js';

describe('installing a PostgreSQL client on a GitHub Ubuntu runner', () => {
  test('cache key by OS, arch and major', () => {
    expect(clientCacheKey(17, 'linux', 'x64', 'noble')).toBe('s3-backup-pg-client-linux-noble-x64-17');
  });

  test("the install script uses the PGDG repository for the runner's codename and gathers bin + libpq", () => {
    const script = installScript(17, 'noble', '/opt/pg/17');
    expect(script).toContain('https://apt.postgresql.org/pub/repos/apt noble-pgdg main');
    expect(script).toContain('apt-get install -y -qq --no-install-recommends postgresql-client-17');
    expect(script).toContain(
      'cp -L /usr/lib/postgresql/17/bin/pg_dump /usr/lib/postgresql/17/bin/pg_restore /usr/lib/postgresql/17/bin/psql /opt/pg/17/bin/',
    );
    expect(script).toMatch(/libpq\.so\.5/);
  });

  test('reads the Ubuntu codename; other systems get none', () => {
    const dir = mkdtempSync(path.join(os.tmpdir(), 'osr-'));
    writeFileSync(path.join(dir, 'ubuntu'), 'NAME="Ubuntu"\nID=ubuntu\nVERSION_CODENAME=noble\n');
    writeFileSync(path.join(dir, 'debian'), 'ID=debian\nVERSION_CODENAME=bookworm\n');
    expect(ubuntuCodename(path.join(dir, 'ubuntu'))).toBe('noble');
    expect(ubuntuCodename(path.join(dir, 'debian'))).toBeUndefined();
    expect(ubuntuCodename(path.join(dir, 'missing'))).toBeUndefined();
  });

  test('outside GitHub Actions nothing is installed', async () => {
    const seam: InstallSeam = { exec: vi.fn(), restoreCache: vi.fn(), saveCache: vi.fn(), log: vi.fn() };
    expect(await installClient(17, seam, {})).toBeUndefined();
    expect(seam.exec).not.toHaveBeenCalled();
  });
});
