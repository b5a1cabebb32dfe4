/** CLI verbs of issue 4: prune, lifecycle, bucket init|audit, iam-policy, cost — flags are the action's inputs. */
import type { Command } from 'commander';
import { runAdmin, type AdminVerb } from './admin.js';
import type { Logger, RunContext } from './context.js';
import type { RawInputs } from './options/parse.js';
import type { Verb } from './options/spec.js';

interface CliParts {
  addInputs(cmd: Command, verb: Verb): Command;
  rawFrom(opts: Record<string, unknown>): RawInputs;
  print(json: boolean, data: unknown, human: string): void;
  /** One run of a verb: monitored when the verb is (prune, bucket-audit), with progress and the CLI's log. */
  run(verb: Verb, raw: RawInputs, work: (ctx: RunContext, log: Logger) => Promise<string>): Promise<void>;
}

export function addAdminCommands(program: Command, p: CliParts): void {
  const verb = (cmd: Command, name: AdminVerb) =>
    p.addInputs(cmd, name)
      .option('--json', 'print the result as JSON')
      .action(async (opts: Record<string, unknown>) => {
        const raw = p.rawFrom(opts);
        await p.run(name, raw, async (ctx) => {
          const r = await runAdmin(name, raw, ctx);
          if (r.text || opts.json) p.print(Boolean(opts.json), r.json, r.text);
          if (r.failure) throw r.failure;
          return `${name} done`;
        });
      });
  verb(program.command('prune').description('apply the retention policy: delete expired backups with their sidecars (--dry-run prints the plan)'), 'prune');
  verb(program.command('lifecycle').description('print (or --apply) S3 lifecycle rules that expire backups by their tier tag'), 'lifecycle');
  const bucket = program.command('bucket').description('set up or audit the bucket');
  verb(bucket.command('init').description('create or complete the bucket: versioning, encryption, public access blocked, lifecycle rules'), 'bucket-init');
  verb(bucket.command('audit').description('check the bucket against the security checklist: ✓ / ✗ / unknown'), 'bucket-audit');
  verb(program.command('iam-policy').description('print the least-privilege IAM policy (and the GitHub OIDC trust policy)'), 'iam-policy');
  verb(program.command('cost').description('estimate the monthly storage cost of a retention policy'), 'cost');
}
