import { main } from '../hosts/cli.js';

// The AWS SDK's banner about its own future Node.js support says nothing about this command: off, unless the user set it
process.env.AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED ??= 'true';
void main();
