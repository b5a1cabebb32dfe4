// The generated reference pages, from src/options/spec.ts (scripts/build.mjs calls writeReference):
//   <folder>/README.md        one per sub-action folder (restore/, verify/, …): its inputs and outputs
//   docs/reference/backup.md  the root action's (the root README.md is the hand-written front page)
//   docs/reference/cli.md     every CLI command and its flags
//   docs/reference/README.md  the index
import { mkdir, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { OUTPUTS, describeInput, inputsFor } from '../src/options/spec.ts';

const GENERATED =
  '<!-- Generated from src/options/spec.ts by `npm run build` (scripts/reference.mjs): edit those, not this file. -->';

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

/**
 * The CLI's commands in the order `s3-backup --help` lists them, and the topic page that explains each. `verb` names
 * the spec's inputs; demo has none. Their one-line descriptions are the verb table's (src/commands/*.ts), read from
 * the built CLI's --help by scripts/build.mjs, which also proves this list is the CLI's.
 */
export const CLI_COMMANDS = [
  {
    verb: 'backup',
    command: 'backup',
    guide: ['how-it-works.md', 'How a backup works'],
  },
  {
    verb: 'restore',
    command: 'restore',
    guide: ['how-it-works.md#restore', 'How a restore works'],
  },
  { verb: 'list', command: 'list' },
  {
    verb: 'check',
    command: 'check',
    guide: ['monitoring.md#gate-deploys-on-a-recent-backup', 'Gate deploys on a recent backup'],
  },
  {
    verb: 'verify',
    command: 'verify',
    guide: ['restore-drills.md', 'Restore drills'],
  },
  {
    verb: 'validate',
    command: 'validate',
    guide: ['restore-drills.md', 'Restore drills'],
  },
  {
    verb: 'thaw',
    command: 'thaw',
    summary: 'ask S3 to restore a backup from GLACIER or DEEP_ARCHIVE (exit 75 until it is readable, or --wait)',
    guide: ['replication-and-archive.md#archive-tiers-thaw-before-restoring', 'Replication and archive tiers'],
  },
  {
    verb: 'prune',
    command: 'prune',
    guide: ['retention-and-cost.md', 'Retention and cost'],
  },
  {
    verb: 'lifecycle',
    command: 'lifecycle',
    guide: ['retention-and-cost.md', 'Retention and cost'],
  },
  {
    verb: 'bucket-init',
    command: 'bucket init',
    guide: ['bucket-setup.md', 'Bucket setup'],
  },
  {
    verb: 'bucket-audit',
    command: 'bucket audit',
    guide: ['bucket-setup.md', 'Bucket setup'],
  },
  {
    verb: 'bucket-replicate',
    command: 'bucket replicate',
    summary: 'replicate the backup prefix to a bucket in another region or account (and print the role policy)',
    guide: ['replication-and-archive.md#replication', 'Replication and archive tiers'],
  },
  {
    verb: 'iam-policy',
    command: 'iam-policy',
    guide: ['bucket-setup.md', 'Bucket setup'],
  },
  {
    verb: 'cost',
    command: 'cost',
    guide: ['retention-and-cost.md', 'Retention and cost'],
  },
  {
    verb: undefined,
    command: 'demo',
  },
];

/** Markdown-safe table cell: no line breaks, and |, <, >, _, * shown as themselves. */
const cell = (s) => s.replace(/\s*\n\s*/g, ' ').replace(/([\\|<>_*])/g, '\\$1');
const code = (s) => `\`${s}\``;
const anchor = (heading) =>
  heading
    .toLowerCase()
    .replace(/[^\p{L}\p{N}\s_-]/gu, '')
    .trim()
    .replace(/\s/g, '-');
const cliHeading = (command) => `s3-backup ${command}`;

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
  const outputs = OUTPUTS[verb] ?? [];
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
  const cli = CLI_COMMANDS.find((c) => c.verb === action.verb);
  const uses = action.dir === '.' ? 'outtime/s3-backup@v1' : `outtime/s3-backup/${action.dir}@v1`;
  return [
    `# ${code(uses)} — ${action.title}`,
    '',
    GENERATED,
    '',
    action.description,
    '',
    usage(action.verb, uses),
    '',
    `The same on a shell: [${code(`npx s3-backup ${cli.command}`)}](${docs}/reference/cli.md#${anchor(cliHeading(cli.command))}) — every input below is the flag ${code('--<input>')}.` +
      (cli.guide ? ` Guide: [${cli.guide[1]}](${docs}/${cli.guide[0]}).` : ''),
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

/** summaries: command → its one-line description, as the built CLI's --help gives it. */
function cliPage(summaries) {
  const summary = (c) => summaries.get(c.command);
  const sections = CLI_COMMANDS.map((c) => {
    const action =
      c.verb && c.verb !== 'list'
        ? ` As a GitHub Action: [${code(c.verb === 'backup' ? 'outtime/s3-backup@v1' : `outtime/s3-backup/${c.verb}@v1`)}](${c.verb === 'backup' ? 'backup.md' : `../../${c.verb}/README.md`}).`
        : '';
    const flags = c.verb ? inputsTable(c.verb, { cli: true }) : '';
    return [
      `## ${code(cliHeading(c.command))}`,
      '',
      `${summary(c)[0].toUpperCase()}${summary(c).slice(1)}.${action}${c.guide ? ` Guide: [${c.guide[1]}](../${c.guide[0]}).` : ''}`,
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
    '`--json` prints one JSON document on stdout, and nothing else. Every command follows one convention: the outputs of its action, under the same names in camelCase (`duration-seconds` → `durationSeconds`), typed — numbers as numbers, booleans as booleans, JSON outputs as objects, an empty output as `null` — followed by details the command adds (named below). `list` prints an array of backups.',
    '',
    ...jsonTables(),
    "AWS credentials come from the AWS SDK's usual chain (environment, shared config and credentials files, SSO, web identity, instance or container role). The database password comes from the URL, `PGPASSWORD` or `~/.pgpass`; it is never put in argv.",
    '',
    '| command | what it does |',
    '|---|---|',
    ...CLI_COMMANDS.map((c) => `| [${code(c.command)}](#${anchor(cliHeading(c.command))}) | ${cell(summary(c))} |`),
    '',
    ...sections,
  ].join('\n');
}

const camel = (s) => s.replace(/-([a-z0-9])/g, (_, c) => c.toUpperCase());

/** The JSON fields of each command with outputs: name, type, meaning (the outputs table, camelCase). */
function jsonTables() {
  const extra = {
    backup: '`trend` (the stored sizes of earlier backups, their change, `shrinkWarning`)',
    check: '`maxAgeSeconds`, `checkedAt`, `skipped` (newer backups that are not good, and why)',
    validate: '`checks` (every check: `check`, `expected`, `found`, `ok`)',
    prune:
      '`dryRun`, `orphans` (sidecars whose backup is gone), `staleClaims` (claims left by runs that did not end cleanly)',
    lifecycle: '`added`, `replaced`, `kept` (rule ids, when applied)',
    cost: '`input`, `estimates`, `comparison`',
  };
  return CLI_COMMANDS.filter((c) => c.verb && OUTPUTS[c.verb]).flatMap((c) => [
    `### ${code(`${c.command} --json`)}`,
    '',
    '| field | type | meaning |',
    '|---|---|---|',
    ...OUTPUTS[c.verb].map(
      (o) =>
        `| ${code(camel(o.name))} | ${o.type === 'json' ? 'object' : (o.type ?? 'string')} | ${cell(o.description)} |`,
    ),
    '',
    ...(extra[c.verb] ? [`Also: ${extra[c.verb]}.`, ''] : []),
  ]);
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
    ...actions.map((a) => {
      const uses = a.dir === '.' ? 'outtime/s3-backup@v1' : `outtime/s3-backup/${a.dir}@v1`;
      const page = a.dir === '.' ? 'backup.md' : `../../${a.dir}/README.md`;
      const cli = CLI_COMMANDS.find((c) => c.verb === a.verb);
      return `| [${code(uses)}](${page}) | [${code(cli.command)}](cli.md#${anchor(cliHeading(cli.command))}) | ${cell(a.description)} |`;
    }),
    '',
  ].join('\n');
}

/** actions: [{ verb, dir, title, description }], dir '.' for the root action; summaries: command → description. */
export async function writeReference(outRoot, actions, summaries) {
  const reference = path.join(outRoot, 'docs', 'reference');
  await mkdir(reference, { recursive: true });
  for (const action of actions) {
    const file =
      action.dir === '.' ? path.join(reference, `${action.verb}.md`) : path.join(outRoot, action.dir, 'README.md');
    await mkdir(path.dirname(file), { recursive: true });
    await writeFile(file, actionPage(action, action.dir === '.' ? '..' : '../docs'));
  }
  await writeFile(path.join(reference, 'cli.md'), cliPage(summaries));
  await writeFile(path.join(reference, 'README.md'), indexPage(actions));
}
