/**
 * Every verb's command. Adding a verb: its row in the verb table (options/verbs.ts), its inputs' rows (options/spec.ts),
 * its file here, and its line below.
 */
import { backupCommand } from './backup.js';
import { bucketAuditCommand } from './bucket-audit.js';
import { bucketInitCommand } from './bucket-init.js';
import { bucketReplicateCommand } from './bucket-replicate.js';
import { checkCommand } from './check.js';
import type { Command } from './command.js';
import type { Verb } from '../options/verbs.js';
import { costCommand } from './cost.js';
import { iamPolicyCommand } from './iam-policy.js';
import { lifecycleCommand } from './lifecycle.js';
import { listCommand } from './list.js';
import { planCommand } from './plan.js';
import { pruneCommand } from './prune.js';
import { restoreCommand } from './restore.js';
import { setCloseCommand } from './set-close.js';
import { thawCommand } from './thaw.js';
import { validateCommand } from './validate.js';
import { verifyCommand } from './verify.js';

/** Every verb's command; the compiler refuses a verb of the verb table (options/verbs.ts) without one. */
export const COMMANDS: Record<Verb, Command> = {
  backup: backupCommand,
  plan: planCommand,
  'set-close': setCloseCommand,
  restore: restoreCommand,
  list: listCommand,
  check: checkCommand,
  verify: verifyCommand,
  validate: validateCommand,
  thaw: thawCommand,
  prune: pruneCommand,
  lifecycle: lifecycleCommand,
  'bucket-init': bucketInitCommand,
  'bucket-audit': bucketAuditCommand,
  'bucket-replicate': bucketReplicateCommand,
  'iam-policy': iamPolicyCommand,
  cost: costCommand,
};

export function commandFor(verb: string): Command | undefined {
  return Object.hasOwn(COMMANDS, verb) ? COMMANDS[verb as Verb] : undefined;
}
