/**
 * The action host: inputs from the step's `with:`, secrets masked, outputs written, one failure line. Every action
 * runs the same bundle; the file name of the entry is the verb (`dist/action/<verb>.js`).
 */
import * as core from '@actions/core';
import { commandFor } from '../commands/index.js';
import type { Logger } from '../model/context.js';
import { UserError } from '../core/errors.js';
import { onSecret, redact } from '../core/redact.js';
import { installOnRunner } from '../github/install-client.js';
import { actionInputs } from '../options/raw.js';
import { VERBS, type CommandName } from '../options/verbs.js';
import { runCommand, runProcess, type Host } from './runner.js';

const log: Logger = {
  info: (m) => core.info(m),
  warning: (m, title) => core.warning(m, title ? { title } : undefined),
};

// no terminal: a redrawn bar is noise in a log, progress is a line every few seconds
const actionHost: Host = {
  log,
  context: { installClient: installOnRunner },
  write(_command, result) {
    if (result.text) core.info(redact(result.text));
    for (const [name, value] of Object.entries(result.outputs)) core.setOutput(name, value);
  },
};

/** Runs the action named by the entry file. */
export function runAction(verb: string): Promise<never> {
  onSecret((s) => core.setSecret(s));
  return runProcess(
    async (signal) => {
      const isAction = Object.hasOwn(VERBS, verb) && VERBS[verb as CommandName].action !== undefined;
      const command = isAction ? commandFor(verb) : undefined;
      if (!command) throw new Error(`no action named ${verb}`);
      // INPUT_* as the runner sets them: an input given empty is told from one left out (options/raw.ts)
      await runCommand(command, actionInputs(), actionHost, signal);
    },
    (line, err) => {
      core.setFailed(line);
      if (!(err instanceof UserError) && process.env.SHOW_STACK_TRACE === 'true')
        core.debug(redact(String((err as Error).stack)));
    },
    (line) => core.error(redact(line)),
  );
}
