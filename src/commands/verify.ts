/**
 * verify: download, check the SHA-256 against the sidecar, and decode the whole object — no database needed.
 * pg_restore --list reads only the table of contents at the start of a custom archive, so it passes a truncated
 * dump; we make pg_restore write the whole script to /dev/null, which reads every data block. Plain dumps are
 * streamed to the end and must end with pg_dump's completion marker.
 */
import type { VerifyResult } from '../model/results.js';
import { spawn } from 'node:child_process';
import { createReadStream } from 'node:fs';
import path from 'node:path';
import { Writable } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import type { RunContext } from '../model/context.js';
import { decodeInto, type DecodeSpec } from '../stream/decode.js';
import { checkTempSpace } from '../restore/temp-space.js';
import { tempDirOf } from '../core/temp-dirs.js';
import { HEAD_ALLOWANCE } from '../core/restore-plan.js';
import { errorMessage, UserError } from '../core/errors.js';
import { chooseReadable } from '../store/readable.js';
import { fetchBackupProven } from '../store/parts.js';
import { openDecryption } from '../encryption/decrypt.js';
import { parseVerifyOptions } from '../options/parse.js';
import type { VerifyOptions } from '../model/options.js';
import { ToolError } from '../postgres/process.js';
import { findPgBin } from '../postgres/tools.js';
import { clientFor } from '../s3/client.js';
import { formatBytes } from '../core/format.js';
import { verifyOutputs, verifySummary } from '../reporting/results.js';
import { outputsJson, type Command } from './command.js';

const PLAIN_END = '-- PostgreSQL database dump complete';

/** Streams the decoded bytes through JavaScript and keeps the tail (plain dumps end with a marker). */
async function decodedTail(spec: DecodeSpec): Promise<{ bytes: number; tail: string }> {
  let tail = Buffer.alloc(0);
  let bytes = 0;
  const sink = new Writable({
    write(chunk: Buffer, _e, cb) {
      bytes += chunk.length;
      tail = Buffer.concat([tail, chunk]).subarray(-4096);
      cb();
    },
  });
  if (spec.decompress.kind === 'process') {
    const stages = spec.stages ?? [];
    const child = spawn(spec.decompress.command, [...spec.decompress.args, ...(stages.length ? [] : [spec.file])], {
      stdio: ['pipe', 'pipe', 'pipe'],
    });
    // decrypted bytes are fed to zstd's stdin; otherwise zstd reads the file itself
    const feed = stages.length
      ? pipeline([createReadStream(spec.file), ...stages, child.stdin])
      : endInput(child.stdin);
    let stderr = '';
    child.stderr.on('data', (d) => (stderr += d));
    const exited = new Promise<void>((resolve, reject) =>
      child.once('close', (code, signal) =>
        code === 0 ? resolve() : reject(new ToolError('zstd', code, signal, stderr)),
      ),
    );
    await Promise.all([pipeline(child.stdout, sink), exited, feed]);
  } else {
    await pipeline([
      createReadStream(spec.file),
      ...(spec.stages ?? []),
      ...(spec.decompress.kind === 'stream' ? [spec.decompress.create()] : []),
      sink,
    ]);
  }
  return { bytes, tail: tail.toString('utf8') };
}

async function verify(o: VerifyOptions, ctx: RunContext): Promise<VerifyResult> {
  const started = ctx.now();
  const s3 = clientFor(ctx, o.s3);
  const chosen = await chooseReadable(o, s3, ctx, 'verify');
  const { entry, manifest } = chosen;
  const decryption = await openDecryption(o, chosen); // a missing or unusable key fails before the download
  const bin =
    entry.format === 'custom'
      ? await findPgBin({
          tool: 'pg_restore',
          required: manifest?.pgDump.major ?? 0,
          pgBinDir: o.pgBinDir,
          because: `the backup was written by pg_dump ${manifest?.pgDump.version ?? '(unknown)'}`,
          install: ctx.installClient,
        })
      : undefined;
  const stored = entry.size + (entry.parts ?? []).reduce((n, p) => n + p.size, 0);
  await checkTempSpace(tempDirOf(o, ctx), stored + HEAD_ALLOWANCE, `verifying ${entry.key}`, ctx);
  // the checksum, and the whole decryption, before a byte is decoded
  const { proven, parts } = await fetchBackupProven(o, chosen, decryption, s3, ctx);
  const { fetched, decompress, spec: specOf } = proven;
  try {
    const spec = specOf();
    try {
      if (bin) {
        ctx.log.info(`reading every block with pg_restore ${bin.version} (${decompress.label})`);
        // a multi-stream backup: its schema part, then every data part
        for (const s of [spec, ...parts.map((p) => p.spec())])
          await decodeInto(s, {
            name: 'pg_restore',
            command: path.join(bin.dir, 'pg_restore'),
            args: ['--file=/dev/null'],
          });
      } else {
        const { bytes, tail } = await decodedTail(spec);
        ctx.log.info(`decoded ${bytes} bytes of SQL (${decompress.label})`);
        if (!tail.includes(PLAIN_END))
          throw new Error(`the SQL ends early: "${PLAIN_END}" is missing (truncated dump)`);
      }
    } catch (err) {
      if (ctx.signal.aborted) throw ctx.signal.reason;
      throw new UserError(`verify: ${entry.key} does not decode: ${errorMessage(err).replace(/\s*\n\s*/g, ' — ')}`);
    }
    const durationSeconds = (ctx.now().getTime() - started.getTime()) / 1000;
    return { key: entry.key, sha256: fetched.sha256, bytes: fetched.bytes, durationSeconds };
  } finally {
    await Promise.all([fetched.cleanup(), ...parts.map((p) => p.fetched.cleanup())]);
  }
}

/** Nothing to feed: the consumer reads the file itself, its stdin just ends. */
function endInput(stdin: NodeJS.WritableStream): Promise<void> {
  stdin.end();
  return Promise.resolve();
}

export const verifyCommand: Command = {
  verb: 'verify',
  async run(raw, ctx) {
    const result = await verify(parseVerifyOptions(raw, ctx.env), ctx);
    const outputs = verifyOutputs(result);
    return {
      outputs,
      summary: verifySummary(result),
      // the one line saying so (stdout): the log does not repeat it
      text: `verified ${result.key} in ${result.durationSeconds.toFixed(1)} s: sha256 ${result.sha256}, every byte decodes`,
      json: outputsJson('verify', outputs),
      report: `verified ${result.key}: sha256 ${result.sha256}, ${formatBytes(result.bytes)} decoded`,
    };
  },
};
