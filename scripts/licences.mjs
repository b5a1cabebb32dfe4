// The licences of every package a bundle contains, from the files the bundler read: each package's name, version,
// licence and its licence file(s), sorted by name. ncc's own list leaves out most packages, so the build writes this
// as the bundle's licenses.txt.
import { readdir, readFile } from 'node:fs/promises';
import path from 'node:path';

const NM = `${path.sep}node_modules${path.sep}`;
const LICENCE_FILE = /^(licen[cs]e|copying|notice)(\b.*)?$/i;

/** The package folders that hold the given files (the innermost node_modules entry of each). */
function packageDirs(files) {
  const dirs = new Set();
  for (const f of files) {
    const i = f.lastIndexOf(NM);
    if (i < 0) continue;
    const parts = f.slice(i + NM.length).split(path.sep);
    const depth = parts[0].startsWith('@') ? 2 : 1;
    if (parts.length > depth) dirs.add(f.slice(0, i + NM.length) + parts.slice(0, depth).join(path.sep));
  }
  return [...dirs];
}

async function describe(dir) {
  const pkg = JSON.parse(await readFile(path.join(dir, 'package.json'), 'utf8'));
  const licence = typeof pkg.license === 'string' ? pkg.license : (pkg.license?.type ?? 'UNKNOWN');
  const names = (await readdir(dir)).filter((n) => LICENCE_FILE.test(n)).sort();
  const texts = await Promise.all(names.map((n) => readFile(path.join(dir, n), 'utf8')));
  const body = texts.length ? texts.map((t) => t.trim()).join('\n\n') : `(the package ships no licence file)`;
  return { id: `${pkg.name} ${pkg.version}`, text: `${pkg.name} ${pkg.version}\n${licence}\n${body}\n` };
}

export async function licencesText(files) {
  const entries = new Map();
  for (const dir of packageDirs(files)) {
    const d = await describe(dir).catch(() => undefined);
    if (d && !entries.has(d.id)) entries.set(d.id, d.text);
  }
  return [...entries.keys()]
    .sort()
    .map((id) => entries.get(id))
    .join('\n');
}
