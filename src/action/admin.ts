/** Action hosts of the issue-4 sub-actions (prune/, lifecycle/, bucket-init/, bucket-audit/, iam-policy/, cost/). */
import * as core from '@actions/core';
import { ADMIN_VERBS, runAdmin, type AdminVerb } from '../admin.js';
import { UserError } from '../errors.js';
import { host, writeResults } from './run.js';

export function runAdminAction(verb: string): Promise<void> {
  if (!ADMIN_VERBS.includes(verb as AdminVerb)) throw new Error(`no sub-action named ${verb}`);
  return host(verb as AdminVerb, async ({ log, ctx }) => {
    const r = await runAdmin(verb as AdminVerb, (name) => core.getInput(name), ctx);
    if (r.text) log.info(r.text);
    await writeResults(r.outputs, r.summary);
    if (r.failure) throw r.failure instanceof UserError ? r.failure : new UserError(r.failure.message);
    return `${verb}: done`;
  });
}
