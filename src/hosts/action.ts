/**
 * The action host: inputs from the step's `with:`, secrets masked, outputs and the job summary written, one failure
 * line. Every action runs the same bundle; the file name of the entry is the verb (`dist/action/<verb>.js`).
 */
import * as core from '@actions/core';
import type { Command } from '../commands/command.js';
import { commandFor } from '../commands/index.js';
import type { Logger } from '../model/context.js';
import { errorMessage, UserError } from '../core/errors.js';
import { installOnRunner } from '../github/install-client.js';
import { actionInputs } from '../options/raw.js';
import { onSecret, redact } from '../core/redact.js';
import { Progress } from '../reporting/progress.js';
import { runCommand, runProcess, type Host } from './runner.js';

const log: Logger = {
  info: (m) => core.info(m),
  warning: (m, title) => core.warning(m, title ? { title } : undefined),
};

const actionHost: Host = {
  log,
  // a redrawn bar is noise in a log: a line every few seconds instead
  progress: (tail) =>
    new Progress({
      mode: 'lines',
      write: (text) => {
        tail.progress(text.trimEnd());
        core.info(redact(text.trimEnd()));
      },
    }),
  context: { installClient: installOnRunner },
  async write(_command, result) {
    if (result.text) core.info(redact(result.text));
    for (const [name, value] of Object.entries(result.outputs)) core.setOutput(name, value);
    if (!result.summary) return;
    try {
      await core.summary.addRaw(redact(result.summary)).write();
    } catch (err) {
      core.warning(`could not write the job summary: ${errorMessage(err)}`);
    }
  },
};

/** Runs the action named by the entry file. */
export function runAction(verb: string): Promise<never> {
  onSecret((s) => core.setSecret(s));
  return runProcess(
    async (signal) => {
      const command: Command | undefined = commandFor(verb);
      if (!command || command.cliOnly) throw new Error(`no action named ${verb}`);
      // INPUT_* as the runner sets them: an input given empty is told from one left out (options/raw.ts)
      await runCommand(command, actionInputs(), actionHost, signal);
    },
    (line, err) => {
      core.setFailed(line);
      // a thaw under way has its own status (75), as on the CLI
      const code = (err as { exitCode?: number }).exitCode;
      if (code) process.exitCode = code;
      if (!(err instanceof UserError) && process.env.SHOW_STACK_TRACE === 'true')
        core.debug(redact(String((err as Error).stack)));
    },
    (line) => core.error(redact(line)),
  );
}
