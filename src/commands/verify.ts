/** verify: download a backup, check its SHA-256 and decode every byte (no database needed). */
import { formatBytes } from '../format.js';
import { parseVerifyOptions } from '../options/parse.js';
import { verifyOutputs, verifySummary } from '../report.js';
import { verify } from '../verify.js';
import { outputsJson, type Command } from './command.js';

export const verifyCommand: Command = {
  verb: 'verify',
  description: 'download a backup, check its SHA-256 and decode every byte (no database needed)',
  async run(raw, ctx) {
    const result = await verify(parseVerifyOptions(raw, ctx.env), ctx);
    const outputs = verifyOutputs(result);
    return {
      outputs,
      summary: verifySummary(result),
      text: `verified ${result.key}: sha256 ${result.sha256}, every byte decodes`,
      json: outputsJson('verify', outputs),
      report: `verified ${result.key}: sha256 ${result.sha256}, ${formatBytes(result.bytes)} decoded`,
    };
  },
};
