import * as nodeModule from 'node:module';
import { homedir } from 'node:os';
import path from 'node:path';
import { TOOL_VERSION } from '../core/version.js';

// The AWS SDK's banner about its own future Node.js support says nothing about this command: off, unless the user set it
process.env.AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED ??= 'true';
// --version is answered before anything else is loaded; the CLI itself is a chunk of its own (see hosts/cli.ts)
const args = process.argv.slice(2);
if (args.length === 1 && (args[0] === '--version' || args[0] === '-V')) process.stdout.write(`${TOOL_VERSION}\n`);
else {
  keepCompiledCode();
  void import('../hosts/cli.js').then(({ main }) => main());
}

/**
 * V8 keeps the bundle's compiled code between runs, as tsc does: a run after the first skips most of the compiling of
 * the ~2.5 MB it loads. The cache lives with the user's other caches (XDG_CACHE_HOME, else ~/.cache), never in the
 * temporary directory a restore works in. Node ≥ 22.1 (a no-op before); NODE_COMPILE_CACHE chooses another folder,
 * NODE_DISABLE_COMPILE_CACHE=1 turns it off; a cache that cannot be written costs nothing.
 */
function keepCompiledCode(): void {
  try {
    const base = process.env.XDG_CACHE_HOME || path.join(homedir(), '.cache');
    (nodeModule as { enableCompileCache?: (dir: string) => unknown }).enableCompileCache?.(
      path.join(base, 's3-backup', 'compile-cache'),
    );
  } catch {
    // compiled as usual
  }
}
