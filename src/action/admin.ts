/** Action hosts of the issue-4 sub-actions (prune/, lifecycle/, bucket-init/, bucket-audit/, iam-policy/, cost/). */
import * as core from '@actions/core';
import { ADMIN_VERBS, runAdmin, type AdminVerb } from '../admin.js';
import { runContext } from '../host.js';
import { host, log, writeResults } from './run.js';

export function runAdminAction(verb: string): Promise<void> {
  return host(async (signal) => {
    if (!ADMIN_VERBS.includes(verb as AdminVerb)) throw new Error(`no sub-action named ${verb}`);
    const r = await runAdmin(verb as AdminVerb, (name) => core.getInput(name), runContext(log, signal));
    if (r.text) log.info(r.text);
    await writeResults(r.outputs, r.summary);
    if (r.failure) throw r.failure;
  });
}
