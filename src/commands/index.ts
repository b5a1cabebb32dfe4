/** The verb table: both hosts loop over it. Adding a verb = its rows in the input table + one file here. */
import { backupCommand } from './backup.js';
import { bucketAuditCommand } from './bucket-audit.js';
import { bucketInitCommand } from './bucket-init.js';
import { bucketReplicateCommand } from './bucket-replicate.js';
import { checkCommand } from './check.js';
import type { Command } from './command.js';
import { costCommand } from './cost.js';
import { iamPolicyCommand } from './iam-policy.js';
import { lifecycleCommand } from './lifecycle.js';
import { listCommand } from './list.js';
import { pruneCommand } from './prune.js';
import { restoreCommand } from './restore.js';
import { thawCommand } from './thaw.js';
import { validateCommand } from './validate.js';
import { verifyCommand } from './verify.js';

export const COMMANDS: Command[] = [
  backupCommand,
  restoreCommand,
  listCommand,
  checkCommand,
  verifyCommand,
  validateCommand,
  thawCommand,
  pruneCommand,
  lifecycleCommand,
  bucketInitCommand,
  bucketAuditCommand,
  bucketReplicateCommand,
  iamPolicyCommand,
  costCommand,
];

export function commandFor(verb: string): Command | undefined {
  return COMMANDS.find((c) => c.verb === verb);
}
