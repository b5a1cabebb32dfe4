/**
 * The issue-4 verbs as plain functions both hosts call: each returns its outputs, its job summary and the text the
 * CLI prints, and throws a UserError (one line) when the verb failed.
 */
import { audit, auditText } from './bucket/audit.js';
import { backupPolicy, githubTrustPolicy } from './bucket/iam.js';
import { bucketInit, initFailure } from './bucket/init.js';
import type { RunContext } from './context.js';
import { UserError } from './errors.js';
import {
  parseBucketAuditOptions, parseBucketInitOptions, parseCostOptions, parseIamPolicyOptions, parseLifecycleOptions, parsePruneOptions,
} from './options/admin.js';
import type { RawInputs } from './options/parse.js';
import type { Verb } from './options/spec.js';
import { estimate, seedClaim, seedRule } from './retention/cost.js';
import { lifecycleCommand } from './retention/lifecycle-command.js';
import { describePolicy } from './retention/policy.js';
import { prune } from './retention/prune.js';
import { auditSummary, costTable, costText, initTable, planJson, pruneOutputs, pruneSummary, rulesJson } from './retention/report.js';

export type AdminVerb = Extract<Verb, 'prune' | 'lifecycle' | 'bucket-init' | 'bucket-audit' | 'iam-policy' | 'cost'>;
export const ADMIN_VERBS: AdminVerb[] = ['prune', 'lifecycle', 'bucket-init', 'bucket-audit', 'iam-policy', 'cost'];

export interface AdminResult {
  outputs: Record<string, string>;
  summary: string;
  /** What the CLI prints on stdout (human form) and with --json. */
  text: string;
  json: unknown;
  /** Set when the verb ran but must fail (after outputs and summary are written). */
  failure?: Error;
}

export async function runAdmin(verb: AdminVerb, raw: RawInputs, ctx: RunContext, env: Record<string, string | undefined> = process.env): Promise<AdminResult> {
  switch (verb) {
    case 'prune': {
      const o = parsePruneOptions(raw, env);
      const r = await prune(o, ctx);
      return { outputs: pruneOutputs(r), summary: pruneSummary(r, `s3://${o.s3.bucket}/${o.s3.prefix}/`), text: '', json: planJson(r) };
    }
    case 'lifecycle': {
      const o = parseLifecycleOptions(raw, env);
      const r = await lifecycleCommand(o, ctx);
      const json = rulesJson(r.rules);
      return {
        outputs: { rules: JSON.stringify({ Rules: r.rules }), applied: String(r.applied) },
        summary: [`### Lifecycle rules ${r.applied ? 'applied to' : 'for'} s3://${o.s3.bucket}/${o.s3.prefix}/`, '', '```json', json, '```', ''].join('\n'),
        text: json,
        json: { Rules: r.rules, applied: r.applied, ...(r.merged ? { added: r.merged.added, replaced: r.merged.replaced, kept: r.merged.kept } : {}) },
      };
    }
    case 'bucket-init': {
      const o = parseBucketInitOptions(raw, env);
      const steps = await bucketInit(o, ctx);
      return {
        outputs: { report: JSON.stringify(steps) },
        summary: [`### Bucket setup: s3://${o.s3.bucket}`, '', initTable(steps), ''].join('\n'),
        text: steps.map((s) => `${s.status.padEnd(8)} ${s.step}: ${s.detail}`).join('\n'),
        json: steps,
        failure: initFailure(steps, o.s3.bucket),
      };
    }
    case 'bucket-audit': {
      const o = parseBucketAuditOptions(raw, env);
      const checks = await audit(o, ctx);
      const count = (s: string) => String(checks.filter((c) => c.status === s).length);
      const failed = checks.filter((c) => c.status === 'fail');
      return {
        outputs: { passed: count('ok'), failed: count('fail'), unknown: count('unknown'), report: JSON.stringify(checks) },
        summary: auditSummary(checks, o.s3.bucket),
        text: auditText(checks),
        json: checks,
        failure: failed.length ? new UserError(`bucket audit: ${failed.length} of ${checks.length} checks failed (${failed.map((c) => c.check).join(', ')}); see the table above`) : undefined,
      };
    }
    case 'iam-policy': {
      const o = parseIamPolicyOptions(raw, env);
      const policy = backupPolicy(o);
      const trust = o.github ? githubTrustPolicy(o.github) : undefined;
      const text = JSON.stringify(policy, null, 2) + (trust ? `\n\n// trust policy of the role (GitHub OIDC)\n${JSON.stringify(trust, null, 2)}` : '');
      return {
        outputs: { policy: JSON.stringify(policy), 'trust-policy': trust ? JSON.stringify(trust) : '' },
        summary: ['### Least-privilege policy', '', '```json', JSON.stringify(policy, null, 2), '```', ...(trust ? ['', '### GitHub OIDC trust policy', '', '```json', JSON.stringify(trust, null, 2), '```'] : []), ''].join('\n'),
        text,
        json: trust ? { policy, trustPolicy: trust } : { policy },
      };
    }
    case 'cost': {
      const o = parseCostOptions(raw, env);
      const stored = o.sizeGB / o.compressionRatio;
      const ours = estimate({ sizeGB: stored, policy: o.policy, storageClass: o.storageClass, prices: o.prices, noncurrentDays: o.noncurrentDays, transitions: o.transitions, archive: o.provider.archive });
      const all = [ours.lifecycle, ours.prune];
      const seed = [seedClaim(o.sizeGB, o.prices), seedRule(o.sizeGB, o.prices)];
      const head = `${o.sizeGB.toFixed(0)} GB database${o.compressionRatio > 1 ? ` stored at ${stored.toFixed(1)} GB (ratio ${o.compressionRatio})` : ''}, one backup a day, ${describePolicy(o.policy)}, ${o.storageClass}, noncurrent versions kept ${o.noncurrentDays} days`;
      return {
        outputs: { 'monthly-usd': ours.lifecycle.totalUsd.toFixed(2), 'prune-monthly-usd': ours.prune.totalUsd.toFixed(2), report: JSON.stringify({ ours: all, seed }) },
        summary: [`### Storage cost estimate`, '', head, '', costTable([...all, ...seed]), ''].join('\n'),
        text: [head, '', costText(all), '', 'for comparison, the seed guide (uncompressed size, its own rule):', costText(seed), '', 'prices: Amazon S3 us-east-1 list prices per GB-month, storage only; override with --prices CLASS=price'].join('\n'),
        json: { input: { ...o, provider: o.provider.name }, estimates: all, seed, monthlyUsd: Math.round(ours.lifecycle.totalUsd * 100) / 100 },
      };
    }
  }
}
