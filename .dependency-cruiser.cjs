/**
 * The layers of src/, bottom to top, and the one direction imports run in (docs/architecture.md explains each).
 * A file may import its own layer and the layers below it, never one above. Type imports count: a shape that two
 * layers share lives in the model.
 */
const LAYERS = {
  model: '^src/model/',
  core: '^src/core/',
  adapters: '^src/(postgres|s3|encryption|monitor|notify|github|stream)/',
  store: '^src/store/',
  operations: '^src/(backup|restore|drill|bucket|retention)/',
  reporting: '^src/reporting/',
  options: '^src/options/',
  commands: '^src/commands/',
  hosts: '^src/(hosts|entrypoints|demo)/',
};

/** One rule per layer: what it must not import, and why. */
const forbid = (from, to, comment) => ({
  name: `${from}-not-to-${to.join('-')}`,
  comment,
  severity: 'error',
  from: { path: LAYERS[from] },
  to: { path: to.map((l) => LAYERS[l]).join('|') },
});
const above = (layer) => Object.keys(LAYERS).slice(Object.keys(LAYERS).indexOf(layer) + 1);

module.exports = {
  forbidden: [
    {
      name: 'model-imports-nothing-of-ours',
      comment: 'The model holds the plain shapes every layer shares: it must not depend on any of them.',
      severity: 'error',
      from: { path: LAYERS.model },
      to: { path: '^src/', pathNot: LAYERS.model },
    },
    forbid('core', above('core'), 'The core is pure: naming, selection, plans, retention and pricing, no I/O.'),
    forbid(
      'adapters',
      above('adapters'),
      'An adapter wraps one outside system (PostgreSQL, S3, encryption, monitors, GitHub, processes) for the layers above.',
    ),
    forbid('store', above('store'), 'The backup store knows objects, sidecars, pointers and sets; not what a verb does with them.'),
    forbid('operations', above('operations'), 'Operations do the work and return model results; reporting and options sit above them.'),
    forbid(
      'reporting',
      ['adapters', 'store', 'operations', 'options', 'commands', 'hosts'],
      'Reporting turns results into text and markdown: no I/O, so only the model and the core.',
    ),
    forbid(
      'options',
      ['adapters', 'store', 'operations', 'reporting', 'commands', 'hosts'],
      'Options parse inputs into the model, with the core: no I/O.',
    ),
    forbid('commands', ['hosts'], 'A verb is run by the hosts; it never reaches back into them.'),
    {
      name: 'no-circular',
      comment: 'Imports run one way, type imports included.',
      severity: 'error',
      from: {},
      to: { circular: true },
    },
    {
      name: 'pg-only-in-postgres',
      comment: 'One seam per outside system: node-postgres is imported by src/postgres/ (and its types by the model).',
      severity: 'error',
      from: { path: '^src/', pathNot: '^src/(postgres|model)/' },
      to: { path: 'node_modules/pg/|node_modules/@types/pg/' },
    },
  ],
  options: {
    doNotFollow: { path: 'node_modules' },
    includeOnly: '^(src|node_modules)/',
    tsPreCompilationDeps: true,
    tsConfig: { fileName: 'tsconfig.json' },
  },
};
