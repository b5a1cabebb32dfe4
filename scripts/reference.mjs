// The generated reference pages, from the verb table (src/options/verbs.ts) and the input table (src/options/spec.ts);
// scripts/build.mjs calls writeReference:
//   <folder>/README.md        one per sub-action folder (restore/, verify/, …): its inputs and outputs
//   docs/reference/backup.md  the root action's (the root README.md is the hand-written front page)
//   docs/reference/cli.md     every CLI command and its flags
//   docs/reference/README.md  the index
import { mkdir, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { describeInput, inputsFor } from '../src/options/spec.ts';
import { COMMAND_NAMES, VERBS, actionVerbs, cliWords } from '../src/options/verbs.ts';
import { jsonSchema } from '../src/options/json-schemas.ts';

const GENERATED =
  '<!-- Generated from src/options/verbs.ts and spec.ts by `npm run build` (scripts/reference.mjs): edit those, not this file. -->';

/**
 * Inputs without which the verb fails (the parser refuses them empty). action.yml marks every input optional because
 * each of these may come from its environment fallback instead.
 */
const REQUIRED = new Set(['database-url', 'bucket', 'size']);

/** An example value for the usage snippets. */
const EXAMPLE = {
  'database-url': '${{ secrets.DATABASE_URL }}',
  bucket: 'my-company-db-backups',
  environment: 'production',
  size: '100GB',
};

/** Markdown-safe table cell: no line breaks, and |, <, >, _, * shown as themselves. */
const cell = (s) => s.replace(/\s*\n\s*/g, ' ').replace(/([\\|<>_*])/g, '\\$1');
const code = (s) => `\`${s}\``;
const anchor = (heading) =>
  heading
    .toLowerCase()
    .replace(/[^\p{L}\p{N}\s_-]/gu, '')
    .trim()
    .replace(/\s/g, '-');
const cliCommand = (name) => cliWords(name).join(' ');
const cliHeading = (name) => `s3-backup ${cliCommand(name)}`;
const usesOf = (folder) => (folder === '.' ? 'outtime/s3-backup@v1' : `outtime/s3-backup/${folder}@v1`);
/** The action's reference page, from docs/reference/. */
const pageOf = (folder, verb) => (folder === '.' ? `${verb}.md` : `../../${folder}/README.md`);

function inputsTable(verb, { cli = false } = {}) {
  const inputs = inputsFor(verb, { includeCliOnly: cli });
  const rows = inputs.map((i) => {
    const name = cli ? code(i.boolean ? `--${i.name}` : `--${i.name} <value>`) : code(i.name);
    const required = REQUIRED.has(i.name) ? 'yes' : '';
    const fallback = (i.env ?? []).map(code).join(', ');
    const dflt = i.default && !(cli && i.boolean && i.default === 'false') ? code(i.default) : '';
    return `| ${name} | ${required} | ${dflt} | ${fallback} | ${cell(describeInput(i, verb))} |`;
  });
  return [
    `| ${cli ? 'flag' : 'input'} | required | default | env fallback | description |`,
    '|---|---|---|---|---|',
    ...rows,
  ].join('\n');
}

function outputsTable(verb) {
  const outputs = VERBS[verb].outputs;
  if (!outputs.length) return 'None.';
  return [
    '| output | description |',
    '|---|---|',
    ...outputs.map((o) => `| ${code(o.name)} | ${cell(o.description)} |`),
  ].join('\n');
}

function usage(verb, uses) {
  const given = inputsFor(verb).filter((i) => REQUIRED.has(i.name) || i.name === 'environment');
  return [
    '```yaml',
    `- uses: ${uses}`,
    ...(given.length ? ['  with:', ...given.map((i) => `    ${i.name}: ${EXAMPLE[i.name] ?? '…'}`)] : []),
    '```',
  ].join('\n');
}

/** The reference page of one action; `docs` is the path from the page's folder to docs/. */
function actionPage(action, docs) {
  const { guide } = VERBS[action.verb];
  const uses = usesOf(action.folder);
  return [
    `# ${code(uses)} — ${action.title}`,
    '',
    GENERATED,
    '',
    action.description,
    '',
    usage(action.verb, uses),
    '',
    `The same on a shell: [${code(`npx s3-backup ${cliCommand(action.verb)}`)}](${docs}/reference/cli.md#${anchor(cliHeading(action.verb))}) — every input below is the flag ${code('--<input>')}.` +
      (guide ? ` Guide: [${guide.title}](${docs}/${guide.page}).` : ''),
    '',
    '## Inputs',
    '',
    'Every input is optional in `action.yml`; the ones marked required make the step fail when they are empty and their environment fallback is unset too.',
    '',
    inputsTable(action.verb),
    '',
    '## Outputs',
    '',
    outputsTable(action.verb),
    '',
  ].join('\n');
}

function cliPage() {
  const sections = COMMAND_NAMES.map((name) => {
    const { action, guide, description, cliOnly } = VERBS[name];
    const asAction = action
      ? ` As a GitHub Action: [${code(usesOf(action.folder))}](${pageOf(action.folder, name)}).`
      : '';
    const flags = cliOnly ? '' : inputsTable(name, { cli: true });
    return [
      `## ${code(cliHeading(name))}`,
      '',
      `${description}${asAction}${guide ? ` Guide: [${guide.title}](../${guide.page}).` : ''}`,
      '',
      ...(flags ? [flags, ''] : []),
      `Also: ${code('--json')} (print the result as JSON on stdout; see [the JSON output](#json-output)), ${code('--help')}.`,
      '',
    ].join('\n');
  });
  return [
    '# CLI reference: `npx s3-backup`',
    '',
    GENERATED,
    '',
    '```sh',
    'npx s3-backup <command> [flags]      # or: npm install -g s3-backup, then s3-backup <command>',
    'npx s3-backup --help                 # the commands; s3-backup <command> --help: its flags',
    'npx s3-backup --version',
    '```',
    '',
    'Every action input is a flag of the same name; a flag that is not given falls back to its environment variable, then to its default. Logs and progress go to stderr, the result to stdout (`--json` for scripts). Errors are one line, `s3-backup: error: …`, naming the input and the fix; `S3_BACKUP_DEBUG=1` adds a stack trace to unexpected ones.',
    '',
    '| exit code | meaning |',
    '|---|---|',
    '| 0 | done (for `check`: the newest good backup is fresh; for `validate`: the drill passed) |',
    '| 1 | failed: the one-line error says why (a stale backup, a failed drill or audit, a refused restore …) |',
    '| 75 | an archived backup (GLACIER, DEEP_ARCHIVE) is being restored by S3 (`--thaw`): run the same command again once it is readable, or add `--wait` |',
    '| 130 | cancelled (SIGINT or SIGTERM): an upload in progress is aborted, nothing half-written is left |',
    '',
    'Booleans are flags: `--clean` turns one on, `--no-clean` off, and `--clean=true|false` says it either way. A flag that takes a value may be given once: the same flag twice with different values is refused.',
    '',
    '## JSON output',
    '',
    '`--json` prints one JSON document on stdout, and nothing else. Every command follows one convention: the outputs of its action, under the same names in camelCase (`duration-seconds` → `durationSeconds`), typed — numbers as numbers, booleans as booleans, JSON outputs as objects, an empty output as `null` — followed by details the command adds. `list` prints `{ "backups": […], "sets": […] }`. A backup\'s time is `backupTime` wherever it appears; `database` is always the database a backup was taken of, `target` the one restored into. Each command\'s document is described by a JSON Schema (draft 2020-12), below, and the tests validate every command\'s output against it.',
    '',
    ...jsonTables(),
    "AWS credentials come from the AWS SDK's usual chain (environment, shared config and credentials files, SSO, web identity, instance or container role). The database password comes from the URL, `PGPASSWORD` or `~/.pgpass`; it is never put in argv.",
    '',
    '| command | what it does |',
    '|---|---|',
    ...COMMAND_NAMES.map(
      (name) => `| [${code(cliCommand(name))}](#${anchor(cliHeading(name))}) | ${cell(VERBS[name].description)} |`,
    ),
    '',
    ...sections,
  ].join('\n');
}

/** A field's type as the reference shows it, from its JSON Schema. */
function typeOf(schema) {
  if (schema.enum) return schema.enum.map((v) => JSON.stringify(v)).join(' \\| ');
  const types = [schema.type ?? 'any'].flat();
  return types
    .map((t) =>
      t === 'array' ? `array of ${schema.items?.type === 'object' ? 'objects' : (schema.items?.type ?? 'any')}` : t,
    )
    .join(' or ');
}

/** Each command's --json: its fields (name, type, meaning) and its JSON Schema (src/options/json-schemas.ts). */
function jsonTables() {
  return COMMAND_NAMES.filter((name) => !VERBS[name].cliOnly).flatMap((name) => {
    const schema = jsonSchema(name, VERBS[name]);
    // one shape, or several (oneOf): a field is always present when every shape requires it
    const shapes = schema.oneOf ?? [schema];
    const properties = Object.assign({}, ...shapes.map((x) => x.properties));
    const required = new Set(
      Object.keys(properties).filter((f) => shapes.every((x) => (x.required ?? []).includes(f))),
    );
    return [
      `### ${code(`${cliCommand(name)} --json`)}`,
      '',
      '| field | type | meaning |',
      '|---|---|---|',
      ...Object.entries(properties).map(
        ([field, s]) =>
          `| ${code(field)} | ${typeOf(s)} | ${required.has(field) ? '' : '(not always present) '}${cell(s.description ?? '')} |`,
      ),
      '',
      '<details><summary>JSON Schema</summary>',
      '',
      '```json',
      JSON.stringify(schema, null, 2),
      '```',
      '',
      '</details>',
      '',
    ];
  });
}

function indexPage(actions) {
  return [
    '# Reference',
    '',
    GENERATED,
    '',
    '- [CLI: every command and its flags](cli.md)',
    '',
    '| action | CLI | what it does |',
    '|---|---|---|',
    ...actions.map(
      (a) =>
        `| [${code(usesOf(a.folder))}](${pageOf(a.folder, a.verb)}) | [${code(cliCommand(a.verb))}](cli.md#${anchor(cliHeading(a.verb))}) | ${cell(a.description)} |`,
    ),
    '',
  ].join('\n');
}

/** Every action's page (<folder>/README.md; the root action's docs/reference/<verb>.md), the CLI's and the index. */
export async function writeReference(outRoot) {
  const actions = actionVerbs();
  const reference = path.join(outRoot, 'docs', 'reference');
  await mkdir(reference, { recursive: true });
  for (const action of actions) {
    const root = action.folder === '.';
    const file = root ? path.join(reference, `${action.verb}.md`) : path.join(outRoot, action.folder, 'README.md');
    await mkdir(path.dirname(file), { recursive: true });
    await writeFile(file, actionPage(action, root ? '..' : '../docs'));
  }
  await writeFile(path.join(reference, 'cli.md'), cliPage());
  await writeFile(path.join(reference, 'README.md'), indexPage(actions));
}
