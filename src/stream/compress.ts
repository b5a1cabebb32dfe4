/**
 * How bytes get (de)compressed. zstd runs as a child process fed straight from pg_dump's stdout (the raw dump never
 * passes through JavaScript: measured ≈20% faster, shared/PERFORMANCE.md) and uses every core; without the zstd
 * binary, Node's own zstd (Node ≥ 22.15) does it in-process. gzip uses Node's zlib (one core: gzip is the wall
 * either way). The plan is pure; running it is pipeline.ts's job.
 */
import zlib from 'node:zlib';
import type { Transform } from 'node:stream';
import { UserError } from '../core/errors.js';
import type { Compression } from '../model/naming.js';

export type CodecPlan =
  | { kind: 'process'; command: string; args: string[]; label: string }
  | { kind: 'stream'; create: () => Transform; label: string }
  | { kind: 'none'; label: string };

export interface Available {
  /** Path of the zstd binary, if any. */
  zstd?: string;
  /** Node's zlib has zstd (Node ≥ 22.15 / 23.8). */
  nodeZstd: boolean;
}

export function nodeHasZstd(): boolean {
  return typeof (zlib as unknown as { createZstdCompress?: unknown }).createZstdCompress === 'function';
}

const NO_ZSTD =
  'zstd is not available (no zstd binary on PATH and this Node has no built-in zstd): install zstd, or use compression: gzip';

export function planCompressor(method: Compression, level: number, available: Available): CodecPlan {
  if (method === 'none') return { kind: 'none', label: 'none' };
  if (method === 'gzip') {
    return { kind: 'stream', label: `gzip -${level} (node:zlib)`, create: () => zlib.createGzip({ level }) };
  }
  if (available.zstd) {
    // -vv prints the exact input byte count at the end (our raw size); --no-progress keeps stderr short
    return {
      kind: 'process',
      command: available.zstd,
      args: [`-${level}`, '-T0', '-c', '-vv', '--no-progress'],
      label: `zstd -${level} -T0`,
    };
  }
  if (available.nodeZstd) {
    const z = zlib as unknown as { createZstdCompress(o: object): Transform; constants: Record<string, number> };
    return {
      kind: 'stream',
      label: `zstd -${level} (node:zlib)`,
      create: () => z.createZstdCompress({ params: { [z.constants.ZSTD_c_compressionLevel!]: level } }),
    };
  }
  throw new UserError(`compression: ${NO_ZSTD}`);
}

export function planDecompressor(method: Compression, available: Available): CodecPlan {
  if (method === 'none') return { kind: 'none', label: 'none' };
  if (method === 'gzip') return { kind: 'stream', label: 'gunzip (node:zlib)', create: () => zlib.createGunzip() };
  if (available.zstd) return { kind: 'process', command: available.zstd, args: ['-d', '-c', '-q'], label: 'zstd -d' };
  if (available.nodeZstd) {
    const z = zlib as unknown as { createZstdDecompress(): Transform };
    return { kind: 'stream', label: 'zstd -d (node:zlib)', create: () => z.createZstdDecompress() };
  }
  throw new UserError(
    `this backup is zstd-compressed but ${NO_ZSTD.replace('compression: gzip', 'gzip for new backups')}`,
  );
}

/** zstd -vv's closing line: "(300000000 B => 9420 B, …)"; older versions: "(300000000 => 9420 bytes, …)". */
export function parseZstdSizes(stderr: string): { raw: number; compressed: number } | undefined {
  const m = /\(\s*(\d+)\s*B?\s*=>\s*(\d+)\s*(?:B|bytes)/.exec(stderr);
  return m ? { raw: Number(m[1]), compressed: Number(m[2]) } : undefined;
}
