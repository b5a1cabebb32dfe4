/**
 * The temporary disk a read-back needs, checked before the download: the stored object(s) and a few MB for the
 * archive's head (and the whole decoded dump when a decoded copy was asked for). Too little is one line.
 */
import { statfs } from 'node:fs/promises';
import type { RunContext } from '../model/context.js';
import { UserError } from '../core/errors.js';
import { formatBytes } from '../core/format.js';
import { inputRef } from '../core/input-ref.js';

export async function checkTempSpace(dir: string, need: number, what: string, ctx: RunContext): Promise<void> {
  let free: number;
  try {
    const s = await statfs(dir);
    free = Number(s.bavail) * Number(s.bsize);
  } catch (err) {
    const code = (err as NodeJS.ErrnoException).code;
    throw new UserError(
      `temp-dir: ${dir} ${code === 'ENOENT' ? 'does not exist' : `cannot be read (${code})`}: create it or set ${inputRef('temp-dir')} to a directory that exists`,
    );
  }
  if (free < need) {
    throw new UserError(
      `temp-dir: ${what} needs ${formatBytes(need)} of temporary disk but ${dir} has ${formatBytes(free)} free: free space there or set ${inputRef('temp-dir')} to a larger disk (nothing was downloaded)`,
    );
  }
  ctx.log.info(`temporary disk: ${formatBytes(need)} needed, ${formatBytes(free)} free in ${dir}`);
}
