/** restore: verify a backup's SHA-256 (and decryption), then restore it into a database. */
import { UserError } from '../errors.js';
import { parseRestoreOptions } from '../options/parse.js';
import { restoreOutputs, restoreSummary } from '../report.js';
import { restore } from '../restore.js';
import { outputsJson, type Command } from './command.js';

export const restoreCommand: Command = {
  verb: 'restore',
  description: "verify a backup's SHA-256, then restore it into a database",
  async run(raw, ctx) {
    const options = parseRestoreOptions(raw, ctx.env);
    // the CLI asks before overwriting; the action runs behind the workflow's own approval
    if (ctx.confirm && !options.yes && !ctx.interactive) {
      throw new UserError(
        `restore overwrites database "${options.connection.database}": pass --yes to confirm when not running interactively`,
      );
    }
    const result = await restore(options, ctx, options.yes ? undefined : ctx.confirm);
    const outputs = restoreOutputs(result);
    const line = `restored ${result.key} into ${result.database} (sha256 verified)`;
    return {
      outputs,
      summary: restoreSummary(result),
      text: line,
      json: outputsJson('restore', outputs),
      report: line,
    };
  },
};
