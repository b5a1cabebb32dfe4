/** demo: a local PostgreSQL and S3 server; backup, list, restore and compare — no credentials needed. */
import type { Command } from '../commands/command.js';

export const demoCommand: Command = {
  verb: 'demo',
  async run(_raw, ctx) {
    const { runDemo } = await import('./demo-steps.js');
    const result = await runDemo(ctx.log, ctx.signal);
    return { outputs: {}, summary: '', text: '', json: result, report: `demo passed: ${result.key}` };
  },
};
