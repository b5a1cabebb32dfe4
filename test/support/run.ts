/**
 * Running the product as users do — the bundled action entry as GitHub runs it (INPUT_* variables, GITHUB_OUTPUT,
 * GITHUB_STEP_SUMMARY, RUNNER_TEMP) and the bundled CLI — and capturing everything it prints, so that the suite can
 * assert at the end that no secret ever appeared in any output (see global-setup.ts).
 */
import { spawn } from 'node:child_process';
import { appendFileSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { parse } from 'yaml';
import { expect, inject } from 'vitest';
import { Ajv2020, type ValidateFunction } from 'ajv/dist/2020.js';
import { jsonSchema } from '../../src/options/json-schemas.js';
import { VERBS, type Verb } from '../../src/options/verbs.js';
import type { S3Descriptor } from './s3-servers.js';

export const ROOT = path.resolve(import.meta.dirname, '../..');

declare module 'vitest' {
  export interface ProvidedContext {
    captureFile: string;
  }
}

/** Everything a test saw the product print, write or store, for the secrets check at teardown. */
export function capture(label: string, text: string): void {
  appendFileSync(inject('captureFile'), `\n----- ${label}\n${text}`);
}

export function s3Env(s3: S3Descriptor): Record<string, string> {
  return { AWS_ACCESS_KEY_ID: s3.accessKeyId, AWS_SECRET_ACCESS_KEY: s3.secretAccessKey, AWS_REGION: s3.region };
}

/** A clean environment: no stray AWS/PG variables from the developer's shell. */
export function baseEnv(extra: Record<string, string> = {}): Record<string, string> {
  const env: Record<string, string> = {};
  for (const k of ['PATH', 'HOME', 'LANG', 'TMPDIR', 'SYSTEMROOT']) if (process.env[k]) env[k] = process.env[k]!;
  return { ...env, ...extra };
}

export interface ProcResult {
  code: number | null;
  signal: NodeJS.Signals | null;
  stdout: string;
  stderr: string;
}

export function runNode(
  script: string,
  args: string[],
  env: Record<string, string>,
  o: { onSpawn?: (pid: number) => void; label?: string; stdin?: string } = {},
): Promise<ProcResult> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, [script, ...args], { env, cwd: ROOT, stdio: ['pipe', 'pipe', 'pipe'] });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (d) => (stdout += d));
    child.stderr.on('data', (d) => (stderr += d));
    child.stdin.end(o.stdin ?? '');
    child.once('error', reject);
    if (o.onSpawn) o.onSpawn(child.pid!);
    child.once('close', (code, signal) => {
      // ::add-mask:: lines hand secrets to the runner, which consumes them: they are not output anyone sees
      const seen = stdout
        .split('\n')
        .filter((l) => !l.startsWith('::add-mask::'))
        .join('\n');
      capture(`${o.label ?? path.basename(script)} ${args[0] ?? ''}`, `stdout:\n${seen}\nstderr:\n${stderr}`);
      resolve({ code, signal, stdout, stderr });
    });
  });
}

export interface ActionResult extends ProcResult {
  outputs: Record<string, string>;
  summary: string;
  /** Lines the runner shows (workflow commands such as ::add-mask:: are consumed by the runner, not shown). */
  shown: string;
}

/** GITHUB_OUTPUT's `name<<delimiter` blocks → record. */
export function parseOutputFile(text: string): Record<string, string> {
  const out: Record<string, string> = {};
  const re = /^([^\n<]+)<<(\S+)\n([\s\S]*?)\n\2$/gm;
  for (const m of text.matchAll(re)) out[m[1]!] = m[3]!;
  return out;
}

export async function runAction(
  entry: string,
  inputs: Record<string, string>,
  env: Record<string, string> = {},
  o: { onSpawn?: (pid: number) => void } = {},
): Promise<ActionResult> {
  const dir = mkdtempSync(path.join(os.tmpdir(), 's3-backup-action-'));
  const files = {
    GITHUB_OUTPUT: path.join(dir, 'output'),
    GITHUB_STEP_SUMMARY: path.join(dir, 'summary'),
    GITHUB_STATE: path.join(dir, 'state'),
  };
  for (const f of Object.values(files)) writeFileSync(f, '');
  const inputEnv = Object.fromEntries(Object.entries(inputs).map(([k, v]) => [`INPUT_${k.toUpperCase()}`, v]));
  const result = await runNode(
    // every action runs dist/action/<verb>.js (one shared bundle), as its action.yml says
    path.join(ROOT, 'dist', 'action', `${entry}.js`),
    [],
    baseEnv({ ...files, RUNNER_TEMP: dir, GITHUB_ACTIONS: 'true', ...inputEnv, ...env }),
    { ...o, label: `action ${entry}` },
  );
  const outputText = readFileSync(files.GITHUB_OUTPUT, 'utf8');
  const summary = readFileSync(files.GITHUB_STEP_SUMMARY, 'utf8');
  capture(`action ${entry} outputs+summary`, `${outputText}\n${summary}\n${readFileSync(files.GITHUB_STATE, 'utf8')}`);
  const shown = result.stdout
    .split('\n')
    .filter((l) => !l.startsWith('::add-mask::'))
    .join('\n');
  const outputs = parseOutputFile(outputText);
  // the contract: a run that wrote its outputs wrote exactly the ones its action.yml declares
  if (Object.keys(outputs).length) expect(Object.keys(outputs).sort()).toEqual(declaredOutputs(entry));
  return { ...result, outputs, summary, shown };
}

/** The outputs an action's action.yml declares. */
export function declaredOutputs(verb: string): string[] {
  const file = path.join(ROOT, verb === 'backup' ? '' : verb, 'action.yml');
  return Object.keys((parse(readFileSync(file, 'utf8')) as { outputs?: object }).outputs ?? {}).sort();
}

const ajv = new Ajv2020({ allErrors: true, strict: true, allowUnionTypes: true });
const validators = new Map<string, ValidateFunction>();

/** The contract of --json: the document validates against the verb's JSON Schema (src/options/json-schemas.ts). */
export function checkJsonContract(args: string[], stdout: string): void {
  if (!args.includes('--json')) return;
  const verb = (args[0] === 'bucket' ? `bucket-${args[1]}` : args[0]) as Verb;
  if (!VERBS[verb] || VERBS[verb].cliOnly) return;
  let validate = validators.get(verb);
  if (!validate) {
    validate = ajv.compile(jsonSchema(verb, VERBS[verb]));
    validators.set(verb, validate);
  }
  const ok = validate(JSON.parse(stdout));
  expect(ok ? [] : ajv.errorsText(validate.errors, { separator: '\n' }).split('\n'), `${verb} --json`).toEqual([]);
}

export async function runCli(
  args: string[],
  env: Record<string, string> = {},
  o: { onSpawn?: (pid: number) => void; stdin?: string } = {},
) {
  const r = await runNode(path.join(ROOT, 'dist', 'cli', 'index.js'), args, baseEnv(env), { ...o, label: 's3-backup' });
  if (r.code === 0) checkJsonContract(args, r.stdout);
  return r;
}

/** The error line a failed run printed, and nothing else. */
export function errorLines(r: ProcResult): string[] {
  return r.stderr.split('\n').filter((l) => l.trim());
}
