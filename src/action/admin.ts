/** Action hosts of the issue-4 sub-actions (prune/, lifecycle/, bucket-init/, bucket-audit/, iam-policy/, cost/). */
import * as core from '@actions/core';
import { ADMIN_VERBS, runAdmin, type AdminVerb } from '../admin.js';
import type { Verb } from '../options/spec.js';
import { host, writeResults } from './run.js';

export function runAdminAction(verb: string): Promise<void> {
  return host(verb as Verb, async ({ ctx, log }) => {
    if (!ADMIN_VERBS.includes(verb as AdminVerb)) throw new Error(`no sub-action named ${verb}`);
    const r = await runAdmin(verb as AdminVerb, (name) => core.getInput(name), ctx);
    if (r.text) log.info(r.text);
    await writeResults(r.outputs, r.summary);
    if (r.failure) throw r.failure;
    return `${verb} done`;
  });
}
