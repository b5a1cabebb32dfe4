/**
 * A small GitHub Actions runner for this project's workflow templates: it runs a workflow's jobs and steps in order
 * on this machine, so that the templates are proven to work as shipped, not only to parse.
 *
 * - The workflow is read by GitHub's own parser (`@actions/workflow-parser`, the one behind the Actions language
 *   service): schema, allowed contexts per key, step ids. Any error it reports fails the run before a step runs.
 * - Every `${{ }}` is evaluated by GitHub's own evaluator (`@actions/expressions`) over contexts built here:
 *   github, env, vars, secrets, inputs, steps, job, jobs, needs, runner, matrix, strategy; status functions
 *   success() / failure() / always() / cancelled(). A step `if:` without a status function means
 *   `success() && (…)`, as on GitHub.
 * - `uses: outtime/s3-backup[/<sub>]@v1` and `uses: ./[<sub>]` run this repository's bundled action (`runs.main` of
 *   <sub>/action.yml, e.g. dist/action/validate.js) as the runner does: INPUT_* for every declared input (the given
 *   value or the declared default), GITHUB_OUTPUT / GITHUB_ENV / GITHUB_STEP_SUMMARY files, RUNNER_TEMP. An input the
 *   action does not declare, or a required one left out, fails the step (GitHub only warns).
 * - Third-party actions are not run: a handler given for one (e.g. configure-aws-credentials) returns the environment
 *   it would export; without a handler the step is skipped with that reason.
 * - `run:` steps run with bash (`bash -e {0}`, or `bash --noprofile --norc -eo pipefail {0}` for `shell: bash`) unless
 *   `skipRun` names a reason not to.
 * - `services:` are handed to the `services` option, which starts (or maps) them and returns their port mapping for
 *   `job.services.<id>.ports`; see embeddedPostgresService for a `postgres:<major>` container served by an embedded
 *   PostgreSQL of that major.
 * - Reusable workflows (`jobs.<id>.uses: ./.github/workflows/X.yml`) run from `workflowsDir` with
 *   the evaluated `with:` / `secrets:`; their `on.workflow_call.outputs` become `needs.<id>.outputs`.
 * - Job `environment:` selects that environment's secrets and variables (`environments` option). Approvals,
 *   permissions and concurrency are not enforced; their evaluated values are part of the result.
 *
 * Everything a step prints goes to the suite's capture file (the secrets check at teardown); what a result calls
 * `shown` has secrets and `::add-mask::` values replaced by *** as GitHub's log would.
 */
import { spawn } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { registerHooks } from 'node:module';
import os from 'node:os';
import path from 'node:path';
import { Evaluator, Lexer, Parser, data } from '@actions/expressions';
import type { FunctionDefinition } from '@actions/expressions/funcs/info';
import type { MappingToken, TemplateToken } from '@actions/workflow-parser/templates/tokens/index';
import type { WorkflowTemplate } from '@actions/workflow-parser';
import type {
  Job,
  ReusableWorkflowJob,
  Step as ParsedStep,
  WorkflowJob,
} from '@actions/workflow-parser/model/workflow-template';
import { parse as parseYaml } from 'yaml';
import type { PgHandle } from './postgres.js';
import { ROOT, baseEnv, capture, runNode } from './run.js';
import { errorMessage } from '../../src/core/errors.js';

// @actions/workflow-parser imports its JSON schemas without `with { type: 'json' }`, which Node refuses
// (actions/languageservices#387); vitest hands node_modules to Node's own loader. Add the attribute for exactly
// those files, then load the parser.
registerHooks({
  load(url, context, nextLoad) {
    if (
      url.startsWith('file:') &&
      url.includes('/@actions/workflow-parser/') &&
      url.endsWith('.json') &&
      !context.importAttributes?.type
    ) {
      return nextLoad(url, { ...context, importAttributes: { ...context.importAttributes, type: 'json' } });
    }
    return nextLoad(url, context);
  },
});
const wp = await import('@actions/workflow-parser');
const { ErrorPolicy } = await import('@actions/workflow-parser/model/convert');

// ------------------------------------------------------------------------------------------------ parsing

export interface ParsedWorkflow {
  file: string;
  /** `name:` of the workflow, else its path (what GitHub shows and puts in GITHUB_WORKFLOW) */
  name: string;
  template: WorkflowTemplate;
  /** The parser's token tree of the whole file: `with:`, `shell:`, `on.workflow_call.outputs` are read from it. */
  root: MappingToken;
}

/**
 * A local reusable workflow (`uses: ./.github/workflows/X.yml`) is read from `workflowsDir` (for templates: the
 * folder they are in, since they are copied into .github/workflows together), so that the parser checks the
 * calling job's `with:` and `secrets:` against its `on.workflow_call`.
 */
function localWorkflows(workflowsDir: string) {
  return {
    async getFileContent(ref: { path: string; repository?: string }) {
      const m = /^\.?\/?\.github\/workflows\/([\w.-]+\.ya?ml)$/.exec(ref.path);
      if ('repository' in ref && ref.repository !== undefined)
        throw new Error(`${ref.path}: only local reusable workflows are read`);
      if (!m) throw new Error(`${ref.path}: not a workflow under .github/workflows`);
      const file = path.join(workflowsDir, m[1]!);
      return { name: path.relative(ROOT, file), content: readFileSync(file, 'utf8') };
    },
  };
}

async function parseAndConvert(content: string, file: string, workflowsDir: string) {
  const parsed = wp.parseWorkflow({ name: file, content }, new wp.NoOperationTraceWriter());
  if (!parsed.value)
    return { parsed, errors: [...parsed.context.errors.getErrors().map((e) => e.message), `${file}: no workflow`] };
  // TryConversion: the conversion's own findings (contexts not allowed in if:, duplicate step ids, inputs and
  // secrets of reusable workflow calls …) are reported together with the parser's
  const template = await wp.convertWorkflowTemplate(parsed.context, parsed.value, localWorkflows(workflowsDir), {
    fetchReusableWorkflowDepth: 1,
    errorPolicy: ErrorPolicy.TryConversion,
  });
  const errors = [
    ...new Set([
      ...parsed.context.errors.getErrors().map((e) => e.message),
      ...(template.errors ?? []).map((e) => e.Message),
    ]),
  ];
  return { parsed, template, errors };
}

/** Errors GitHub's workflow parser finds in a workflow (schema, contexts not allowed where used, step ids …). */
export async function workflowErrors(
  content: string,
  file = 'workflow.yml',
  workflowsDir = path.join(ROOT, '.github/workflows'),
): Promise<string[]> {
  return (await parseAndConvert(content, file, workflowsDir)).errors;
}

export async function parseWorkflowFile(
  file: string,
  content = readFileSync(file, 'utf8'),
  workflowsDir = path.dirname(file),
): Promise<ParsedWorkflow> {
  const rel = path.relative(ROOT, file);
  const { parsed, template, errors } = await parseAndConvert(content, rel, workflowsDir);
  if (!errors.length && template && parsed.value && wp.isMapping(parsed.value)) {
    const name = find(parsed.value, 'name');
    return { file, name: name && wp.isString(name) ? name.value : rel, template, root: parsed.value };
  }
  throw new Error(`${rel}: GitHub's workflow parser reports:\n${errors.join('\n') || 'no workflow'}`);
}

function find(mapping: TemplateToken | undefined, ...keys: string[]): TemplateToken | undefined {
  let token = mapping;
  for (const key of keys) {
    if (!token || !wp.isMapping(token)) return undefined;
    token = token.find(key);
  }
  return token;
}

// ------------------------------------------------------------------------------------------------ expressions

export type Contexts = Record<string, unknown>;
type Status = 'success' | 'failure';

/** GitHub's status functions, for one job's state (or, for a job's `if:`, its needs' results). */
function statusFunctions(status: Status): Map<string, FunctionDefinition> {
  const fn = (name: string, value: () => boolean): [string, FunctionDefinition] => [
    name,
    { name, minArgs: 0, maxArgs: 0, call: () => new data.BooleanData(value()) },
  ];
  return new Map([
    fn('success', () => status === 'success'),
    fn('failure', () => status === 'failure'),
    fn('always', () => true),
    fn('cancelled', () => false),
    [
      'hashfiles',
      {
        name: 'hashFiles',
        minArgs: 1,
        maxArgs: 255,
        call: () => {
          throw new Error('hashFiles() is not supported by this runner');
        },
      },
    ],
  ]);
}

/** Evaluates one expression (the text inside `${{ }}`) with GitHub's evaluator. */
export function evaluateExpression(
  expression: string,
  contexts: Contexts,
  status: Status = 'success',
): data.ExpressionData {
  const functions = statusFunctions(status);
  const lexed = new Lexer(expression).lex();
  const tree = new Parser(lexed.tokens, Object.keys(contexts), [...functions.values()]).parse();
  const dictionary = JSON.parse(JSON.stringify(contexts), data.reviver) as data.Dictionary;
  return new Evaluator(tree, dictionary, functions).evaluate();
}

/** ExpressionData → plain JSON value. */
function toJs(d: data.ExpressionData): unknown {
  switch (d.kind) {
    case data.Kind.Null:
      return null;
    case data.Kind.Boolean:
    case data.Kind.Number:
    case data.Kind.String:
      return (d as data.BooleanData | data.NumberData | data.StringData).value;
    case data.Kind.Array:
      return (d as data.Array).values().map(toJs);
    default:
      return Object.fromEntries((d as data.Dictionary).pairs().map((p) => [p.key, toJs(p.value)]));
  }
}

function truthy(d: data.ExpressionData): boolean {
  const v = toJs(d);
  if (v === null || v === false || v === '') return false;
  if (typeof v === 'number') return v !== 0 && !Number.isNaN(v);
  return true;
}

/** A value as an input/env string, as the runner makes it. */
function asString(v: unknown): string {
  if (v === null || v === undefined) return '';
  if (typeof v === 'object') return JSON.stringify(v);
  return String(v);
}

const STATUS_CALL = /\b(success|failure|always|cancelled)\s*\(/i;

/** A step's or job's `if:` (the converted BasicExpressionToken's text) under GitHub's rules. */
function condition(expression: string | undefined, contexts: Contexts, status: Status): boolean {
  const text = expression?.trim() || 'success()';
  return truthy(evaluateExpression(STATUS_CALL.test(text) ? text : `success() && (${text})`, contexts, status));
}

/** A token of the workflow evaluated to a plain value: mappings, sequences, literals and `${{ }}` expressions. */
export function evaluateToken(
  token: TemplateToken | undefined,
  contexts: Contexts,
  status: Status = 'success',
): unknown {
  if (!token) return undefined;
  if (wp.isBasicExpression(token)) return toJs(evaluateExpression(token.expression, contexts, status));
  if (wp.isMapping(token)) {
    const out: Record<string, unknown> = {};
    for (const pair of token)
      out[asString(evaluateToken(pair.key, contexts, status))] = evaluateToken(pair.value, contexts, status);
    return out;
  }
  if (wp.isSequence(token)) {
    const out: unknown[] = [];
    for (let i = 0; i < token.count; i++) out.push(evaluateToken(token.get(i), contexts, status));
    return out;
  }
  if (wp.isString(token) || wp.isBoolean(token) || wp.isNumber(token)) return token.value;
  return null;
}

function evaluateStrings(
  token: TemplateToken | undefined,
  contexts: Contexts,
  status: Status = 'success',
): Record<string, string> {
  const value = evaluateToken(token, contexts, status);
  if (value === undefined || value === null) return {};
  if (typeof value !== 'object' || Array.isArray(value))
    throw new Error(`expected a mapping, got ${JSON.stringify(value)}`);
  return Object.fromEntries(Object.entries(value).map(([k, v]) => [k, asString(v)]));
}

// ------------------------------------------------------------------------------------------------ options and results

export interface ServiceSpec {
  image: string;
  env: Record<string, string>;
  /** `ports:` as written: '5432', '5432:5432', … */
  ports: string[];
  options: string;
}

export interface StartedService {
  /** container port → host port, for job.services.<id>.ports */
  ports: Record<string, string>;
  stop?(): Promise<void>;
}

export type ThirdPartyAction = (
  inputs: Record<string, string>,
) => Record<string, string> | Promise<Record<string, string>>;

export interface RunOptions {
  /** The event that starts the workflow, with the inputs of a workflow_dispatch. */
  event: { name: string; inputs?: Record<string, string | boolean | number> };
  secrets?: Record<string, string>;
  vars?: Record<string, string>;
  /** GitHub environments: what a job with `environment: <name>` sees on top of the repository's secrets and vars. */
  environments?: Record<string, { secrets?: Record<string, string>; vars?: Record<string, string> }>;
  /** The runner machine's own environment (on top of PATH/HOME/LANG/TMPDIR), e.g. an S3 endpoint. */
  env?: Record<string, string>;
  /** Third-party actions by `owner/repo[/path]` (no ref): what running one amounts to. */
  thirdParty?: Record<string, ThirdPartyAction>;
  /** Starts a service container's stand-in. */
  services?: (id: string, spec: ServiceSpec) => Promise<StartedService>;
  /** A reason not to run a `run:` step here, or undefined to run it with bash. */
  skipRun?: (step: { job: string; name: string; run: string }) => string | undefined;
  /** Where a reusable workflow `./.github/workflows/X.yml` is found: a folder holding X.yml. Default: the caller's folder. */
  workflowsDir?: string;
  /** Overrides of the github context. */
  github?: Record<string, unknown>;
  /** The workflow's text instead of the file's (e.g. with a commented alternative switched on). */
  source?: string;
}

export type Outcome = 'success' | 'failure' | 'skipped';

export interface StepResult {
  id: string;
  name: string;
  kind: 'ours' | 'third-party' | 'run';
  uses?: string;
  /** our action's folder ('.', 'restore', 'verify', 'validate' …) */
  action?: string;
  inputs: Record<string, string>;
  env: Record<string, string>;
  outcome: Outcome;
  /** why a step did not run */
  skipped?: string;
  outputs: Record<string, string>;
  /** stdout and stderr as the log would show them (secrets masked, workflow commands consumed) */
  shown: string;
  summary: string;
  /** `::error …::message` lines, as `title: message` */
  errors: string[];
}

export interface JobResult {
  id: string;
  result: Outcome;
  environment?: string;
  concurrency?: unknown;
  services: Record<string, StartedService & { spec: ServiceSpec }>;
  steps: StepResult[];
  /** steps by id (explicit ids only) */
  step: Record<string, StepResult>;
  outputs: Record<string, string>;
  summary: string;
  /** for a job that calls a reusable workflow */
  called?: WorkflowResult;
  /** for a job with strategy.matrix: each entry's run, in order */
  matrix?: JobResult[];
}

export interface WorkflowResult {
  name: string;
  file: string;
  result: Outcome;
  concurrency?: unknown;
  inputs: Record<string, unknown>;
  jobs: Record<string, JobResult>;
  /** on.workflow_call.outputs, for a called workflow */
  outputs: Record<string, string>;
}

// ------------------------------------------------------------------------------------------------ our actions

interface ActionMeta {
  dir: string;
  inputs: Record<string, { required?: boolean; default?: unknown }>;
  outputs: string[];
  main: string;
}

const OUR_ACTION = /^outtime\/s3-backup(?:\/([\w.-]+))?@v1$/;
const LOCAL_ACTION = /^\.\/([\w.-]*?)\/?$/;

/** The folder of this repository's action that a `uses:` names, or undefined for any other action. */
export function ourActionDir(uses: string): string | undefined {
  const m = OUR_ACTION.exec(uses) ?? LOCAL_ACTION.exec(uses);
  return m ? m[1] || '.' : undefined;
}

export function loadOurAction(dir: string): ActionMeta {
  const file = path.join(ROOT, dir, 'action.yml');
  if (!existsSync(file)) throw new Error(`no action.yml in ${dir}`);
  const meta = parseYaml(readFileSync(file, 'utf8')) as {
    inputs?: Record<string, { required?: boolean; default?: unknown } | null>;
    outputs?: Record<string, unknown>;
    runs: { using: string; main: string };
  };
  if (!/^node\d+$/.test(meta.runs.using))
    throw new Error(`${dir}/action.yml: runs.using ${meta.runs.using} is not a node action`);
  return {
    dir,
    inputs: Object.fromEntries(Object.entries(meta.inputs ?? {}).map(([k, v]) => [k, v ?? {}])),
    outputs: Object.keys(meta.outputs ?? {}),
    main: path.resolve(ROOT, dir, meta.runs.main),
  };
}

// ------------------------------------------------------------------------------------------------ workflow commands

/** GITHUB_OUTPUT / GITHUB_ENV: `name=value` lines and `name<<DELIMITER` blocks. */
export function parseFileCommands(text: string): Record<string, string> {
  const out: Record<string, string> = {};
  const lines = text.split('\n');
  for (let i = 0; i < lines.length; i++) {
    const line = lines[i]!;
    if (!line) continue;
    const heredoc = /^([^=<\s][^=<]*)<<(.+)$/.exec(line);
    if (heredoc) {
      const [, name, delimiter] = heredoc as unknown as [string, string, string];
      const value: string[] = [];
      for (i++; i < lines.length && lines[i] !== delimiter; i++) value.push(lines[i]!);
      if (i >= lines.length) throw new Error(`file command ${name}: no closing ${delimiter}`);
      out[name] = value.join('\n');
      continue;
    }
    const eq = line.indexOf('=');
    if (eq <= 0) throw new Error(`file command line is neither name=value nor name<<DELIMITER: ${line}`);
    out[line.slice(0, eq)] = line.slice(eq + 1);
  }
  return out;
}

class Log {
  readonly masks = new Set<string>();
  constructor(secrets: Iterable<string>) {
    for (const s of secrets) if (s) this.masks.add(s);
  }

  /** Consumes workflow commands from a step's stdout; returns the shown text and the errors. */
  read(stdout: string, stderr: string): { shown: string; errors: string[] } {
    const shown: string[] = [];
    const errors: string[] = [];
    for (const line of `${stdout}${stderr ? `\n${stderr}` : ''}`.split('\n')) {
      const mask = /^::add-mask::(.*)$/.exec(line);
      if (mask) {
        if (mask[1]) this.masks.add(mask[1]);
        continue;
      }
      const error = /^::error(?: ([^:]*))?::(.*)$/.exec(line);
      if (error) {
        const title = /(?:^|,)title=([^,]*)/.exec(error[1] ?? '')?.[1];
        errors.push(this.mask(title ? `${title}: ${error[2]}` : error[2]!));
      }
      shown.push(line);
    }
    return { shown: this.mask(shown.join('\n')), errors };
  }

  mask(text: string): string {
    let out = text;
    for (const m of [...this.masks].sort((a, b) => b.length - a.length)) out = out.split(m).join('***');
    return out;
  }
}

// ------------------------------------------------------------------------------------------------ running

interface WorkflowRunState {
  options: RunOptions;
  github: Record<string, unknown>;
  workspace: string;
}

/** Runs a workflow file for one event; returns every job's and step's result (it throws only on a broken workflow). */
export async function runWorkflow(file: string, options: RunOptions): Promise<WorkflowResult> {
  const parsed = await parseWorkflowFile(file, options.source, options.workflowsDir);
  const workspace = mkdtempSync(path.join(os.tmpdir(), 's3b-workspace-'));
  try {
    const github = githubContext(parsed, options);
    return await runParsed(parsed, options.event.name, options.event.inputs ?? {}, options.secrets ?? {}, {
      options,
      github,
      workspace,
    });
  } finally {
    rmSync(workspace, { recursive: true, force: true });
  }
}

function githubContext(parsed: ParsedWorkflow, options: RunOptions): Record<string, unknown> {
  const inputs = options.event.name === 'workflow_dispatch' ? { inputs: options.event.inputs ?? {} } : {};
  return {
    event_name: options.event.name,
    event: inputs,
    workflow: parsed.name,
    workflow_ref: `acme/shop/${path.relative(ROOT, parsed.file)}@refs/heads/main`,
    repository: 'acme/shop',
    repository_owner: 'acme',
    ref: 'refs/heads/main',
    ref_name: 'main',
    ref_type: 'branch',
    sha: '2b6b1c5e0f1d4a7c9e8b3a2f1d0c9b8a7e6f5d4c',
    run_id: '7777000001',
    run_number: '42',
    run_attempt: '1',
    server_url: 'https://github.com',
    api_url: 'https://api.github.com',
    actor: 'octocat',
    triggering_actor: 'octocat',
    ...options.github,
  };
}

/** The event's inputs, checked and typed as GitHub does (defaults, required, choice options, booleans, numbers). */
function eventInputs(
  parsed: ParsedWorkflow,
  trigger: string,
  given: Record<string, string | boolean | number>,
): Record<string, unknown> {
  const events = parsed.template.events;
  if (!(trigger in events))
    throw new Error(`${parsed.name} does not run on ${trigger} (it runs on ${Object.keys(events).join(', ')})`);
  const config =
    trigger === 'workflow_dispatch'
      ? events.workflow_dispatch
      : trigger === 'workflow_call'
        ? events.workflow_call
        : undefined;
  const specs = config?.inputs ?? {};
  const unknown = Object.keys(given).filter((k) => !(k in specs));
  if (unknown.length)
    throw new Error(
      `${parsed.name}: unexpected inputs ${unknown.join(', ')} (it declares ${Object.keys(specs).join(', ') || 'none'})`,
    );
  const out: Record<string, unknown> = {};
  for (const [name, spec] of Object.entries(specs)) {
    const raw = name in given ? given[name] : typeof spec.default === 'object' ? undefined : spec.default;
    if (raw === undefined || raw === '') {
      if (spec.required) throw new Error(`${parsed.name}: input ${name} is required`);
    }
    const type = String(spec.type ?? 'string');
    if (type === 'boolean') {
      const v =
        raw === undefined || raw === ''
          ? false
          : raw === true || raw === 'true'
            ? true
            : raw === false || raw === 'false'
              ? false
              : undefined;
      if (v === undefined) throw new Error(`${parsed.name}: input ${name} must be true or false, got ${String(raw)}`);
      out[name] = v;
    } else if (type === 'number') {
      const v = raw === undefined || raw === '' ? undefined : Number(raw);
      if (v !== undefined && Number.isNaN(v))
        throw new Error(`${parsed.name}: input ${name} must be a number, got ${String(raw)}`);
      out[name] = v ?? null;
    } else if (type === 'choice') {
      const v = raw === undefined ? '' : String(raw);
      if (!(spec.options ?? []).includes(v))
        throw new Error(`${parsed.name}: input ${name} must be one of ${(spec.options ?? []).join(', ')}, got "${v}"`);
      out[name] = v;
    } else {
      out[name] = raw === undefined ? '' : String(raw);
    }
  }
  return out;
}

async function runParsed(
  parsed: ParsedWorkflow,
  trigger: string,
  givenInputs: Record<string, string | boolean | number>,
  secrets: Record<string, string>,
  state: WorkflowRunState,
): Promise<WorkflowResult> {
  const { options } = state;
  const inputs = eventInputs(parsed, trigger, givenInputs);
  const vars = options.vars ?? {};
  const top: Contexts = { github: state.github, inputs, vars, secrets };
  const workflowEnv = evaluateStrings(parsed.template.env, top);
  const concurrency = evaluateToken(parsed.template.concurrency, { github: state.github, inputs, vars });

  const jobs: Record<string, JobResult> = {};
  for (const job of jobOrder(parsed.template.jobs)) {
    const id = job.id.value;
    const needs = Object.fromEntries(
      (job.needs ?? []).map((n) => [n.value, { result: jobs[n.value]!.result, outputs: jobs[n.value]!.outputs }]),
    );
    const needsOk: Status = Object.values(needs).every((n) => n.result === 'success') ? 'success' : 'failure';
    const jobContexts: Contexts = {
      github: { ...state.github, job: id },
      inputs,
      vars,
      needs,
      matrix: {},
      strategy: {},
    };
    if (!condition(job.if?.expression, jobContexts, needsOk)) {
      jobs[id] = { id, result: 'skipped', services: {}, steps: [], step: {}, outputs: {}, summary: '' };
      continue;
    }
    jobs[id] =
      job.type === 'reusableWorkflowJob'
        ? await runCalledWorkflow(parsed, job, { ...jobContexts, secrets }, secrets, state)
        : await runMatrixJob(parsed, job, { ...jobContexts, secrets }, workflowEnv, state);
  }

  const outputs: Record<string, string> = {};
  if (trigger === 'workflow_call') {
    const declared = find(parsed.root, 'on', 'workflow_call', 'outputs');
    const jobsContext = Object.fromEntries(
      Object.entries(jobs).map(([k, j]) => [k, { result: j.result, outputs: j.outputs }]),
    );
    if (declared && wp.isMapping(declared)) {
      for (const pair of declared) {
        outputs[pair.key.toString()] = asString(
          evaluateToken(find(pair.value, 'value'), { github: state.github, inputs, vars, jobs: jobsContext }),
        );
      }
    }
  }
  const results = Object.values(jobs).map((j) => j.result);
  return {
    name: parsed.name,
    file: parsed.file,
    result: results.includes('failure') ? 'failure' : 'success',
    concurrency,
    inputs,
    jobs,
    outputs,
  };
}

/**
 * A job with strategy.matrix (an include list, as fromJSON of a job's output gives it): run once per entry with its
 * matrix context, one after another; it fails when one entry fails. A job without a matrix runs once.
 */
async function runMatrixJob(
  parsed: ParsedWorkflow,
  job: Job,
  contexts: Contexts,
  workflowEnv: Record<string, string>,
  state: WorkflowRunState,
): Promise<JobResult> {
  const strategy = evaluateToken(job.strategy, contexts) as { matrix?: Record<string, unknown> } | undefined;
  if (!strategy?.matrix) return runJob(parsed, job, contexts, workflowEnv, state);
  const include = strategy.matrix.include;
  if (!Array.isArray(include) || !include.length || Object.keys(strategy.matrix).some((k) => k !== 'include'))
    throw new Error(`${parsed.name}: jobs.${job.id.value}.strategy.matrix: only a non-empty include list runs here`);
  const runs: JobResult[] = [];
  for (const [i, entry] of include.entries()) {
    const strategyContext = { 'job-index': i, 'job-total': include.length, 'fail-fast': false };
    runs.push(await runJob(parsed, job, { ...contexts, matrix: entry, strategy: strategyContext }, workflowEnv, state));
  }
  const failed = runs.some((r) => r.result === 'failure');
  return { ...runs.at(-1)!, result: failed ? 'failure' : 'success', matrix: runs };
}

function jobOrder(jobs: WorkflowJob[]): WorkflowJob[] {
  const done = new Set<string>();
  const order: WorkflowJob[] = [];
  const pending = [...jobs];
  while (pending.length) {
    const i = pending.findIndex((j) => (j.needs ?? []).every((n) => done.has(n.value)));
    if (i < 0)
      throw new Error(`jobs ${pending.map((j) => j.id.value).join(', ')} need each other or a job that does not exist`);
    const [job] = pending.splice(i, 1) as [WorkflowJob];
    order.push(job);
    done.add(job.id.value);
  }
  return order;
}

async function runCalledWorkflow(
  caller: ParsedWorkflow,
  job: ReusableWorkflowJob,
  contexts: Contexts,
  secrets: Record<string, string>,
  state: WorkflowRunState,
): Promise<JobResult> {
  const ref = job.ref.value;
  const local = /^\.\/\.github\/workflows\/([\w.-]+\.ya?ml)$/.exec(ref);
  if (!local)
    throw new Error(
      `${caller.name}: jobs.${job.id.value}.uses: ${ref}: only local reusable workflows (./.github/workflows/X.yml) run here`,
    );
  const file = path.join(state.options.workflowsDir ?? path.dirname(caller.file), local[1]!);
  const called = await parseWorkflowFile(file, undefined, state.options.workflowsDir);
  const withContexts = {
    github: contexts.github,
    inputs: contexts.inputs,
    vars: contexts.vars,
    needs: contexts.needs,
    matrix: {},
    strategy: {},
  };
  const inputs = (evaluateToken(job['input-values'], withContexts) ?? {}) as Record<string, string | boolean | number>;
  const passed = job['inherit-secrets'] ? secrets : evaluateStrings(job['secret-values'], { ...withContexts, secrets });
  const result = await runParsed(called, 'workflow_call', inputs, passed, state);
  return {
    id: job.id.value,
    result: result.result,
    services: {},
    steps: [],
    step: {},
    outputs: result.outputs,
    summary: Object.values(result.jobs)
      .map((j) => j.summary)
      .join(''),
    called: result,
  };
}

async function runJob(
  parsed: ParsedWorkflow,
  job: Job,
  contexts: Contexts,
  workflowEnv: Record<string, string>,
  state: WorkflowRunState,
): Promise<JobResult> {
  const { options } = state;
  const id = job.id.value;
  const environmentValue = evaluateToken(job.environment, contexts);
  const environment =
    environmentValue === undefined || environmentValue === null
      ? undefined
      : typeof environmentValue === 'object'
        ? asString((environmentValue as { name?: unknown }).name)
        : asString(environmentValue);
  const overlay = environment ? options.environments?.[environment] : undefined;
  const secrets = { ...(contexts.secrets as Record<string, string>), ...overlay?.secrets };
  const vars = { ...(contexts.vars as Record<string, string>), ...overlay?.vars };
  const log = new Log(Object.values(secrets));
  const temp = mkdtempSync(path.join(os.tmpdir(), 's3b-runner-'));
  const runner = {
    os: 'Linux',
    arch: 'X64',
    name: 's3-backup-test-runner',
    temp,
    tool_cache: path.join(temp, 'tool-cache'),
  };
  const jobContexts: Contexts = { ...contexts, secrets, vars, runner, env: workflowEnv };
  const jobEnv = { ...workflowEnv, ...evaluateStrings(job.env, jobContexts) };
  const concurrency = evaluateToken(job.concurrency, jobContexts);

  const result: JobResult = {
    id,
    result: 'success',
    environment,
    concurrency,
    services: {},
    steps: [],
    step: {},
    outputs: {},
    summary: '',
  };
  const servicesSpec = (evaluateToken(job.services, jobContexts) ?? {}) as Record<
    string,
    { image?: unknown; env?: Record<string, unknown>; ports?: unknown[]; options?: unknown }
  >;
  try {
    for (const [serviceId, spec] of Object.entries(servicesSpec)) {
      if (!options.services)
        throw new Error(`${parsed.name}: job ${id} has service ${serviceId} but the run has no services option`);
      const service: ServiceSpec = {
        image: asString(spec.image),
        env: Object.fromEntries(Object.entries(spec.env ?? {}).map(([k, v]) => [k, asString(v)])),
        ports: (spec.ports ?? []).map(asString),
        options: asString(spec.options),
      };
      result.services[serviceId] = { spec: service, ...(await options.services(serviceId, service)) };
    }
    const jobContext = () => ({
      status: result.result,
      services: Object.fromEntries(
        Object.entries(result.services).map(([k, s]) => [k, { id: k, network: 'github_network', ports: s.ports }]),
      ),
    });

    const rawSteps = find(parsed.root, 'jobs', id, 'steps');
    if (!rawSteps || !wp.isSequence(rawSteps) || rawSteps.count !== job.steps.length)
      throw new Error(`${parsed.name}: jobs.${id}.steps could not be matched with the parser's steps`);
    const stepsContext: Record<string, { outputs: Record<string, string>; outcome: Outcome; conclusion: Outcome }> = {};
    let exported: Record<string, string> = {};

    for (const [index, step] of job.steps.entries()) {
      const raw = rawSteps.get(index) as MappingToken;
      const status: Status = result.result === 'failure' ? 'failure' : 'success';
      const stepContexts: Contexts = {
        ...jobContexts,
        steps: stepsContext,
        job: jobContext(),
        env: { ...exported, ...jobEnv },
      };
      const name =
        asString(evaluateToken(step.name, stepContexts, status)) ||
        ('uses' in step ? `Run ${step.uses.value}` : `Run ${index + 1}`);
      const stepResult = await runStep(parsed, id, step, raw, name, stepContexts, status, {
        jobEnv,
        exported,
        log,
        temp,
        state,
      });
      exported = { ...exported, ...stepResult.exports };
      stepResult.result.id = step.id;
      result.steps.push(stepResult.result);
      result.summary += stepResult.result.summary;
      if (!step.id.startsWith('__')) {
        result.step[step.id] = stepResult.result;
        stepsContext[step.id] = {
          outputs: stepResult.result.outputs,
          outcome: stepResult.result.outcome,
          conclusion: stepResult.result.outcome,
        };
      }
      const coe = step['continue-on-error'];
      const continueOnError =
        typeof coe === 'boolean'
          ? coe
          : coe
            ? truthy(
                evaluateExpression(
                  coe.isExpression ? (coe as { expression: string } & typeof coe).expression : coe.toString(),
                  stepContexts,
                  status,
                ),
              )
            : false;
      if (stepResult.result.outcome === 'failure') {
        if (continueOnError) stepsContext[step.id]!.conclusion = 'success';
        else result.result = 'failure';
      }
    }

    // job outputs: GitHub drops an output that would reveal a secret
    const outputs = evaluateStrings(job.outputs, { ...jobContexts, steps: stepsContext, job: jobContext() });
    for (const [k, v] of Object.entries(outputs)) if (log.mask(v) === v) result.outputs[k] = v;
    return result;
  } finally {
    for (const service of Object.values(result.services)) await service.stop?.();
    rmSync(temp, { recursive: true, force: true });
  }
}

interface StepRun {
  jobEnv: Record<string, string>;
  exported: Record<string, string>;
  log: Log;
  temp: string;
  state: WorkflowRunState;
}

async function runStep(
  parsed: ParsedWorkflow,
  jobId: string,
  step: ParsedStep,
  raw: MappingToken,
  name: string,
  contexts: Contexts,
  status: Status,
  run: StepRun,
): Promise<{ result: StepResult; exports: Record<string, string> }> {
  const base = { id: step.id, name, inputs: {}, env: {}, outputs: {}, shown: '', summary: '', errors: [] };
  const kind: StepResult['kind'] =
    'uses' in step ? (ourActionDir(step.uses.value) !== undefined ? 'ours' : 'third-party') : 'run';
  const uses = 'uses' in step ? step.uses.value : undefined;
  if (!('uses' in step) && !('run' in step))
    throw new Error(`${parsed.name}: jobs.${jobId}: step ${name} is neither uses nor run`);
  if (!condition('if' in step ? step.if?.expression : undefined, contexts, status)) {
    return { result: { ...base, kind, uses, outcome: 'skipped', skipped: 'if: condition was false' }, exports: {} };
  }
  const stepEnv = evaluateStrings((step as { env?: MappingToken }).env, contexts, status);
  const env = { ...stepEnv };
  const { options } = run.state;

  if (uses !== undefined) {
    const inputs = evaluateStrings(find(raw, 'with'), contexts, status);
    const dir = ourActionDir(uses);
    if (dir === undefined) {
      const handler = options.thirdParty?.[uses.replace(/@.*$/, '')];
      if (!handler)
        return {
          result: { ...base, kind, uses, inputs, env, outcome: 'skipped', skipped: 'third-party action: not run here' },
          exports: {},
        };
      try {
        const exports = await handler(inputs);
        return { result: { ...base, kind, uses, inputs, env, outcome: 'success' }, exports };
      } catch (err) {
        return {
          result: { ...base, kind, uses, inputs, env, outcome: 'failure', errors: [errorMessage(err)] },
          exports: {},
        };
      }
    }
    return runOurAction(dir, uses, inputs, env, name, jobId, run);
  }

  const script = asString(evaluateToken((step as { run: TemplateToken }).run, contexts, status));
  const skip = options.skipRun?.({ job: jobId, name, run: script });
  if (skip) return { result: { ...base, kind, env, outcome: 'skipped', skipped: skip }, exports: {} };
  const shell = asString(evaluateToken(find(raw, 'shell'), contexts, status)) || undefined;
  if (shell !== undefined && shell !== 'bash')
    throw new Error(`${parsed.name}: jobs.${jobId}: step ${name}: shell ${shell} is not supported here`);
  return runShell(script, shell, env, name, jobId, run);
}

function stepFiles(run: StepRun) {
  const dir = mkdtempSync(path.join(run.temp, 'step-'));
  const files = {
    GITHUB_OUTPUT: path.join(dir, 'output'),
    GITHUB_ENV: path.join(dir, 'env'),
    GITHUB_STEP_SUMMARY: path.join(dir, 'summary'),
    GITHUB_STATE: path.join(dir, 'state'),
    GITHUB_PATH: path.join(dir, 'path'),
  };
  for (const f of Object.values(files)) writeFileSync(f, '');
  const read = () => ({
    outputs: parseFileCommands(readFileSync(files.GITHUB_OUTPUT, 'utf8')),
    exports: parseFileCommands(readFileSync(files.GITHUB_ENV, 'utf8')),
    summary: readFileSync(files.GITHUB_STEP_SUMMARY, 'utf8'),
  });
  return { files, read };
}

function processEnv(
  run: StepRun,
  jobId: string,
  files: Record<string, string>,
  stepEnv: Record<string, string>,
): Record<string, string> {
  const g = run.state.github;
  return {
    ...baseEnv(run.state.options.env ?? {}),
    ...run.exported,
    ...run.jobEnv,
    ...stepEnv,
    CI: 'true',
    GITHUB_ACTIONS: 'true',
    GITHUB_WORKFLOW: asString(g.workflow),
    GITHUB_WORKFLOW_REF: asString(g.workflow_ref),
    GITHUB_RUN_ID: asString(g.run_id),
    GITHUB_RUN_NUMBER: asString(g.run_number),
    GITHUB_RUN_ATTEMPT: asString(g.run_attempt),
    GITHUB_REPOSITORY: asString(g.repository),
    GITHUB_REPOSITORY_OWNER: asString(g.repository_owner),
    GITHUB_SHA: asString(g.sha),
    GITHUB_REF: asString(g.ref),
    GITHUB_REF_NAME: asString(g.ref_name),
    GITHUB_SERVER_URL: asString(g.server_url),
    GITHUB_API_URL: asString(g.api_url),
    GITHUB_ACTOR: asString(g.actor),
    GITHUB_EVENT_NAME: asString(g.event_name),
    GITHUB_JOB: jobId,
    GITHUB_WORKSPACE: run.state.workspace,
    RUNNER_OS: 'Linux',
    RUNNER_ARCH: 'X64',
    RUNNER_TEMP: run.temp,
    ...files,
  };
}

async function runOurAction(
  dir: string,
  uses: string,
  inputs: Record<string, string>,
  stepEnv: Record<string, string>,
  name: string,
  jobId: string,
  run: StepRun,
): Promise<{ result: StepResult; exports: Record<string, string> }> {
  const action = loadOurAction(dir);
  const base = {
    id: '',
    name,
    kind: 'ours' as const,
    uses,
    action: dir,
    inputs,
    env: stepEnv,
    outputs: {},
    shown: '',
    summary: '',
  };
  const unexpected = Object.keys(inputs).filter((k) => !(k in action.inputs));
  const missing = Object.entries(action.inputs)
    .filter(([k, s]) => s.required && s.default === undefined && !(k in inputs))
    .map(([k]) => k);
  if (unexpected.length || missing.length) {
    const errors = [
      ...(unexpected.length
        ? [
            `Unexpected input(s) '${unexpected.join("', '")}', valid inputs are ['${Object.keys(action.inputs).join("', '")}']`,
          ]
        : []),
      ...(missing.length ? [`Input required and not supplied: ${missing.join(', ')}`] : []),
    ];
    return { result: { ...base, outcome: 'failure', errors }, exports: {} };
  }
  const inputEnv = Object.fromEntries(
    Object.entries(action.inputs).map(([k, s]) => [
      `INPUT_${k.replace(/ /g, '_').toUpperCase()}`,
      k in inputs ? inputs[k]! : asString(s.default),
    ]),
  );
  const { files, read } = stepFiles(run);
  const proc = await runNode(
    action.main,
    [],
    { ...processEnv(run, jobId, files, stepEnv), ...inputEnv },
    { label: `workflow step ${name} (${uses})` },
  );
  const { outputs, exports, summary } = read();
  capture(`workflow step ${name} outputs+summary`, `${JSON.stringify(outputs)}\n${summary}`);
  const { shown, errors } = run.log.read(proc.stdout, proc.stderr);
  const undeclared = Object.keys(outputs).filter((k) => !action.outputs.includes(k));
  if (undeclared.length)
    errors.push(`the action set outputs its action.yml does not declare: ${undeclared.join(', ')}`);
  const outcome: Outcome = proc.code === 0 && !undeclared.length ? 'success' : 'failure';
  return { result: { ...base, id: '', outcome, outputs, shown, summary, errors }, exports };
}

function runShell(
  script: string,
  shell: string | undefined,
  stepEnv: Record<string, string>,
  name: string,
  jobId: string,
  run: StepRun,
): Promise<{ result: StepResult; exports: Record<string, string> }> {
  const { files, read } = stepFiles(run);
  const scriptFile = path.join(path.dirname(files.GITHUB_OUTPUT), 'script.sh');
  writeFileSync(scriptFile, script);
  // GitHub's defaults: `bash -e {0}` when no shell is named, `bash --noprofile --norc -eo pipefail {0}` for bash
  const argv = shell === 'bash' ? ['--noprofile', '--norc', '-eo', 'pipefail', scriptFile] : ['-e', scriptFile];
  const env = processEnv(run, jobId, files, stepEnv);
  return new Promise((resolve, reject) => {
    const child = spawn('bash', argv, { env, cwd: run.state.workspace, stdio: ['ignore', 'pipe', 'pipe'] });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (d) => (stdout += d));
    child.stderr.on('data', (d) => (stderr += d));
    child.once('error', reject);
    child.once('close', (code) => {
      capture(`workflow step ${name} (run)`, `stdout:\n${stdout}\nstderr:\n${stderr}`);
      try {
        const { outputs, exports, summary } = read();
        const { shown, errors } = run.log.read(stdout, stderr);
        const result: StepResult = {
          id: '',
          name,
          kind: 'run',
          inputs: {},
          env: stepEnv,
          outcome: code === 0 ? 'success' : 'failure',
          outputs,
          shown,
          summary,
          errors,
        };
        resolve({ result, exports });
      } catch (err) {
        reject(err);
      }
    });
  });
}

// ------------------------------------------------------------------------------------------------ services

/**
 * `services: <id>: image: postgres:<major>` served by the suite's embedded PostgreSQL of that major, set up as the
 * official image's entrypoint sets up a new container: the POSTGRES_USER superuser (default postgres) with
 * POSTGRES_PASSWORD, and the POSTGRES_DB database (default: the user's name). The container port maps to the
 * server's port; the image's health command (`--health-cmd "…"`) must pass against it. The role is dropped when the
 * job ends, as the container would be removed.
 */
export function embeddedPostgresService(server: (major: number) => PgHandle) {
  return async (id: string, spec: ServiceSpec): Promise<StartedService> => {
    const major = /^(?:docker\.io\/)?(?:library\/)?postgres:(\d+)(?:[.-][\w.-]*)?$/.exec(spec.image)?.[1];
    if (!major) throw new Error(`service ${id}: image "${spec.image}" is not postgres:<major>`);
    const pg = server(Number(major));
    const user = spec.env.POSTGRES_USER || 'postgres';
    const password = spec.env.POSTGRES_PASSWORD;
    if (!password) throw new Error(`service ${id}: the postgres image refuses to start without POSTGRES_PASSWORD`);
    const database = spec.env.POSTGRES_DB || user;
    const ident = (s: string) => `"${s.replace(/"/g, '""')}"`;
    const literal = (s: string) => `'${s.replace(/'/g, "''")}'`;
    const existed = (await pg.query('postgres', 'SELECT 1 FROM pg_roles WHERE rolname = $1', [user])).length > 0;
    if (!existed) await pg.exec('postgres', `CREATE ROLE ${ident(user)} SUPERUSER LOGIN PASSWORD ${literal(password)}`);
    const createdDb =
      (await pg.query('postgres', 'SELECT 1 FROM pg_database WHERE datname = $1', [database])).length === 0;
    if (createdDb) await pg.exec('postgres', `CREATE DATABASE ${ident(database)} OWNER ${ident(user)}`);

    const health = /--health-cmd\s+(?:"([^"]*)"|'([^']*)'|(\S+))/.exec(spec.options);
    if (health) {
      const command = health[1] ?? health[2] ?? health[3]!;
      const ok = await new Promise<boolean>((resolve) => {
        const child = spawn('bash', ['-c', command], {
          env: { ...baseEnv(), PGHOST: pg.host, PGPORT: String(pg.port) },
          stdio: 'ignore',
        });
        child.once('error', () => resolve(false));
        child.once('close', (code) => resolve(code === 0));
      });
      if (!ok) throw new Error(`service ${id}: health command failed: ${command}`);
    }
    const ports = Object.fromEntries(
      spec.ports.map((p) => [p.split(':').at(-1)!.replace(/\/.*$/, ''), String(pg.port)]),
    );
    return {
      ports,
      async stop() {
        if (createdDb) await pg.exec('postgres', `DROP DATABASE IF EXISTS ${ident(database)} WITH (FORCE)`);
        if (!existed) {
          await pg.exec('postgres', `DROP OWNED BY ${ident(user)}`);
          await pg.exec('postgres', `DROP ROLE ${ident(user)}`);
        }
      },
    };
  };
}
