/** The inputs of a set made by several jobs: plan's max-jobs, the set-id of its jobs and close, members-timeout. */
import { UserError } from '../core/errors.js';
import { parseSetId } from '../core/matrix-plan.js';
import type { RawInputs } from '../model/options.js';
import type { PlanOptions, SetCloseOptions } from '../model/set-plan.js';
import { type Env, value } from './input-value.js';
import { parseBackupOptions } from './parse.js';
import { parseDuration, parseInteger } from './values.js';

/** set-id: <environment>_<YYYYMMDD_HHMMSS>[_N], of this environment; undefined when not given. */
export function parseSetIdInput(raw: RawInputs, env: Env, environment: string): string | undefined {
  const text = value(raw, env, 'set-id');
  if (!text) return undefined;
  const id = parseSetId(text);
  if (!id)
    throw new UserError(
      `set-id: "${text}" is not a set id (<environment>_<YYYYMMDD_HHMMSS>, as plan's set-id output gives it)`,
    );
  if (id.environment !== environment)
    throw new UserError(
      `set-id: "${text}" was planned for environment "${id.environment}", not "${environment}"; give the same environment as plan`,
    );
  return text;
}

export function parsePlanOptions(raw: RawInputs, env: Env = process.env): PlanOptions {
  const o = parseBackupOptions(raw, env);
  if (o.databases.kind === 'single')
    throw new UserError('databases: plan needs a list (app,analytics) or all: the databases to share among the jobs');
  return { ...o, maxJobs: parseInteger('max-jobs', value(raw, env, 'max-jobs'), 1, 256) };
}

export function parseSetCloseOptions(raw: RawInputs, env: Env = process.env): SetCloseOptions {
  const o = parseBackupOptions(raw, env);
  const setId = parseSetIdInput(raw, env, o.environment);
  if (!setId)
    throw new UserError(
      'set-id: required: the set plan made (its set-id output, e.g. ${{ needs.plan.outputs.set-id }})',
    );
  const timeout = value(raw, env, 'members-timeout');
  return {
    ...o,
    setId,
    membersTimeoutSeconds: timeout === '0' ? 0 : parseDuration('members-timeout', timeout),
  };
}
