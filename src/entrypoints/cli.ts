import { TOOL_VERSION } from '../core/version.js';

// The AWS SDK's banner about its own future Node.js support says nothing about this command: off, unless the user set it
process.env.AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED ??= 'true';
// --version is answered before anything else is loaded; the CLI itself is a chunk of its own (see hosts/cli.ts)
const args = process.argv.slice(2);
if (args.length === 1 && (args[0] === '--version' || args[0] === '-V')) process.stdout.write(`${TOOL_VERSION}\n`);
else void import('../hosts/cli.js').then(({ main }) => main());
