/** validate: the restore drill — restore into a scratch database and compare it with the manifest. */
import { UserError } from '../errors.js';
import { parseValidateOptions } from '../options/parse.js';
import { validateOutputs, validateSummary } from '../report.js';
import { failureLine, validate } from '../validate.js';
import { outputsJson, type Command } from './command.js';

export const validateCommand: Command = {
  verb: 'validate',
  description: 'restore drill: restore into a scratch database and compare it with the manifest',
  async run(raw, ctx) {
    const result = await validate(parseValidateOptions(raw, ctx.env), ctx);
    const outputs = validateOutputs(result);
    return {
      // the report comes first, pass or fail: the table of checks is what the reader needs
      outputs,
      summary: validateSummary(result),
      text: [
        ...result.checks.filter((c) => !c.ok).map((c) => `✗ ${c.check}: expected ${c.expected}, found ${c.found}`),
        `${result.status}: ${result.checks.length - result.mismatches}/${result.checks.length} checks, ${result.tablesChecked} tables, ${result.rowsChecked} rows (${result.key})`,
      ].join('\n'),
      json: { ...outputsJson('validate', outputs), checks: result.checks },
      report: `validated ${result.key}: ${result.tablesChecked} tables, ${result.rowsChecked} rows as the manifest says (restored into PostgreSQL ${result.restoredMajor})`,
      failure: result.status === 'failed' ? new UserError(failureLine(result)) : undefined,
    };
  },
};
