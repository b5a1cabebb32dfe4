/** temp-dir and decoded-copy: where a read-back's download goes, and whether a restore decodes to a file first. */
import { UserError } from '../core/errors.js';
import { parseBool } from './values.js';
import { value } from './input-value.js';
import type { RawInputs } from '../model/options.js';

type Env = Record<string, string | undefined>;

export function parseTempDir(raw: RawInputs, env: Env): { tempDir?: string } {
  const dir = value(raw, env, 'temp-dir').trim();
  if (dir && !dir.startsWith('/') && !/^[A-Za-z]:[\\/]/.test(dir))
    throw new UserError(`temp-dir: "${dir}" is not an absolute path: give the directory's full path`);
  return dir ? { tempDir: dir } : {};
}

export function parseDecodedCopy(raw: RawInputs, env: Env): { decodedCopy: boolean } {
  return { decodedCopy: parseBool('decoded-copy', value(raw, env, 'decoded-copy')) };
}
