/**
 * The one seam for child processes (pg_dump, pg_restore, psql, zstd …). A tool's failure carries its own words
 * (the last lines of its stderr, redacted), because that is the real reason the user needs.
 */
import { spawn, type ChildProcess, type StdioOptions } from 'node:child_process';
import { redact } from '../core/redact.js';

export class ToolError extends Error {
  override name = 'ToolError';
  constructor(
    readonly tool: string,
    readonly code: number | null,
    readonly signal: NodeJS.Signals | null,
    readonly stderr: string,
  ) {
    const why = stderr.trim() ? `: ${stderr.trim()}` : '';
    super(redact(`${tool} failed (${signal ? `killed by ${signal}` : `exit code ${code}`})${why}`));
  }
}

export interface Proc {
  name: string;
  child: ChildProcess;
  /** Resolves on exit 0; rejects with ToolError otherwise. Never left unhandled. */
  exited: Promise<void>;
  stderr(): string;
  kill(signal?: NodeJS.Signals): void;
  /** True once kill() signalled it while it was still running: its failure is then our teardown, not a reason. */
  readonly stopped: boolean;
}

const STDERR_LIMIT = 16 * 1024;

export function spawnTool(
  name: string,
  command: string,
  args: string[],
  options: {
    env?: Record<string, string | undefined>;
    stdio?: StdioOptions;
    /** Told each whole line of stderr (a --verbose tool's progress); a line it returns true for is not kept. */
    onLine?: (line: string) => boolean;
  } = {},
): Proc {
  const child = spawn(command, args, {
    env: options.env as NodeJS.ProcessEnv,
    stdio: options.stdio ?? ['ignore', 'pipe', 'pipe'],
  });
  let stderr = '';
  const keep = (text: string) => {
    stderr = (stderr + text).slice(-STDERR_LIMIT);
  };
  child.stderr?.setEncoding('utf8');
  const lines = options.onLine ? linesTo(options.onLine, keep) : undefined;
  child.stderr?.on('data', lines?.data ?? keep);
  if (lines) child.stderr?.on('end', lines.end);
  const exited = new Promise<void>((resolve, reject) => {
    child.once('error', (err: NodeJS.ErrnoException) =>
      reject(new ToolError(name, null, null, err.code === 'ENOENT' ? `${command} not found` : err.message)),
    );
    child.once('close', (code, signal) => {
      if (code === 0) resolve();
      else reject(new ToolError(name, code, signal, meaningfulLines(stderr)));
    });
  });
  exited.catch(() => undefined); // observed by whoever awaits it; never an unhandled rejection
  let stopped = false;
  return {
    name,
    child,
    exited,
    stderr: () => stderr,
    kill(signal = 'SIGTERM') {
      if (child.exitCode === null && child.signalCode === null) {
        stopped = true;
        child.kill(signal);
      }
    },
    get stopped() {
      return stopped;
    },
  };
}

/** Whole lines of a stream's chunks to `onLine`; the lines it does not take (and a last partial one) to `keep`. */
function linesTo(onLine: (line: string) => boolean, keep: (text: string) => void) {
  let partial = '';
  return {
    data: (chunk: string) => {
      const lines = (partial + chunk).split('\n');
      partial = lines.pop()!;
      // a line longer than what stderr keeps is not a progress line: kept as it comes
      if (partial.length > STDERR_LIMIT) {
        keep(partial);
        partial = '';
      }
      for (const line of lines) if (!onLine(line)) keep(`${line}\n`);
    },
    end: () => {
      if (partial && !onLine(partial)) keep(partial);
      partial = '';
    },
  };
}

/** Runs to completion and returns stdout. */
export async function runTool(
  name: string,
  command: string,
  args: string[],
  env?: Record<string, string | undefined>,
): Promise<string> {
  const proc = spawnTool(name, command, args, { env });
  let out = '';
  proc.child.stdout!.setEncoding('utf8');
  proc.child.stdout!.on('data', (c: string) => (out += c));
  await proc.exited;
  return out;
}

/** The error lines of a tool's stderr (pg tools prefix them with "error:" / "FATAL:"), else its last lines. */
function meaningfulLines(stderr: string): string {
  const lines = stderr
    .split('\n')
    .map((l) => l.trim())
    .filter(Boolean);
  const errors = lines.filter((l) => /error|fatal|failed|could not|denied|terminat/i.test(l));
  return (errors.length ? errors : lines).slice(-3).join(' — ');
}
