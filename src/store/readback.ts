/**
 * Reading a backup back, shared by restore, verify and validate: the chosen backup downloaded, its checksum proven
 * and, when it is encrypted, its whole decryption proven — before anything may read it — and the plan to decode it.
 */
import type { S3Client } from '@aws-sdk/client-s3';
import { nodeHasZstd, planDecompressor, type CodecPlan } from '../stream/compress.js';
import type { RunContext } from '../model/context.js';
import type { DecodeSpec } from '../stream/decode.js';
import type { Decryption } from '../encryption/decrypt.js';
import { fetchVerified, type Chosen, type Fetched } from './download.js';
import type { CommonOptions } from '../model/options.js';
import { which } from '../stream/which.js';

export interface Proven {
  fetched: Fetched;
  decompress: CodecPlan;
  /** How long the download (the SHA-256 computed on the way) and the proof after it took, in seconds. */
  seconds: { download: number; proof: number };
  /** What decodes it: the file, its decryption stage and its decompressor. */
  spec(): DecodeSpec;
}

/** The decompressor for a backup: zstd's binary when there is one, else Node's own; gzip in-process. */
async function decompressorFor(chosen: Chosen, ctx: RunContext): Promise<CodecPlan> {
  return planDecompressor(chosen.entry.compression, { zstd: await which('zstd', ctx.env), nodeZstd: nodeHasZstd() });
}

/**
 * Downloads the chosen backup and proves it: the SHA-256 equals the sidecar's, and the whole ciphertext decrypts with
 * the key, every chunk authenticated. A failed proof removes the download; `refusal` words what is refused.
 */
export async function fetchProven(
  o: CommonOptions & { tempDir?: string },
  chosen: Chosen,
  decryption: Decryption | undefined,
  s3: S3Client,
  ctx: RunContext,
  refusal?: (err: unknown) => unknown,
): Promise<Proven> {
  const decompress = await decompressorFor(chosen, ctx);
  const start = performance.now();
  const fetched = await fetchVerified(o, chosen, s3, ctx);
  const downloaded = performance.now();
  if (decryption) {
    try {
      const { plaintextBytes } = await decryption.authenticate(fetched.file, ctx.signal);
      ctx.log.info(`decryption verified (${decryption.label}): ${plaintextBytes} bytes`);
    } catch (err) {
      await fetched.cleanup();
      throw refusal ? refusal(err) : err;
    }
  }
  const seconds = { download: (downloaded - start) / 1000, proof: (performance.now() - downloaded) / 1000 };
  return {
    fetched,
    decompress,
    seconds,
    spec: () => ({
      file: fetched.file,
      decompress,
      signal: ctx.signal,
      ...(decryption ? { stages: [decryption.stage()] } : {}),
    }),
  };
}
