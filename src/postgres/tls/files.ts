/** The TLS files as libpq reads them: the file system seam and how a file is named in errors. */
import { readdirSync, readFileSync, statSync } from 'node:fs';
import tls from 'node:tls';
import { errorMessage, UserError } from '../../core/errors.js';
import type { TlsFile } from '../../core/libpq-settings.js';

/** The file system as `tlsOptions` needs it (a seam for the unit tests). */
export interface TlsFs {
  /** Contents, or undefined when the file does not exist (ENOENT, ENOTDIR); other errors throw. */
  read(path: string): Buffer | undefined;
  stat(path: string): { isFile: boolean; mode: number; uid: number } | undefined;
  /** Regular files in a directory (sslcrldir). */
  list(dir: string): string[];
  euid: number | undefined;
  /** The system's trusted CAs (sslrootcert=system). */
  systemCa(): string[] | undefined;
}

export function fileName(f: TlsFile): string {
  return f.given ? `${f.setting} file "${f.path}"` : `${f.setting} file "${f.path}" (the default)`;
}

export function readOrFail(fs: TlsFs, f: TlsFile): Buffer | undefined {
  try {
    return fs.read(f.path);
  } catch (err) {
    throw new UserError(`database-url: could not read ${fileName(f)}: ${errorMessage(err)}`);
  }
}

/** The real file system. */
export const nodeTlsFs: TlsFs = {
  read(path) {
    try {
      return readFileSync(path);
    } catch (err) {
      if (['ENOENT', 'ENOTDIR'].includes((err as NodeJS.ErrnoException).code ?? '')) return undefined;
      throw err;
    }
  },
  stat(path) {
    try {
      const st = statSync(path);
      return { isFile: st.isFile(), mode: st.mode, uid: st.uid };
    } catch {
      return undefined;
    }
  },
  list(dir) {
    try {
      return readdirSync(dir);
    } catch {
      return [];
    }
  },
  euid: process.geteuid?.(),
  // Node ≥ 22.15 / 23.5 reads the system's store; older versions fall back to Node's bundled CAs
  systemCa: () => (typeof tls.getCACertificates === 'function' ? tls.getCACertificates('system') : undefined),
};
