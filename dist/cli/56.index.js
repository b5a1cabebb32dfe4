export const id = 56;
export const ids = [56];
export const modules = {

/***/ 4296:
/***/ ((__unused_webpack_module, __webpack_exports__, __webpack_require__) => {

/* harmony export */ __webpack_require__.d(__webpack_exports__, {
/* harmony export */   TN: () => (/* binding */ oneLine),
/* harmony export */   cc: () => (/* binding */ CancelledError),
/* harmony export */   gJ: () => (/* binding */ errorMessage),
/* harmony export */   jS: () => (/* binding */ noteCleanup),
/* harmony export */   yo: () => (/* binding */ UserError),
/* harmony export */   zg: () => (/* binding */ cancellationOf)
/* harmony export */ });
/**
 * A problem the user can fix: bad input, unreachable server, wrong credentials, missing backup.
 * Its message is one line — what is wrong, which input, what to do — and is printed without a stack trace.
 */
class UserError extends Error {
    name = 'UserError';
    constructor(message, options) {
        super(message, options);
    }
}
/**
 * A run stopped by SIGINT/SIGTERM (GitHub sends these when a workflow is cancelled). The code that cleans up after the
 * signal notes what it did (`noteCleanup`), and the message says it: "cancelled by SIGTERM: the unfinished upload was
 * aborted and nothing was written".
 */
class CancelledError extends UserError {
    signal;
    name = 'CancelledError';
    /** What was cleaned up (or could not be), in order; empty: the run had written nothing. */
    cleanup = [];
    /** A cleanup noted so far dealt with something the run had written (removed it, or could not). */
    #wrote = false;
    constructor(signal) {
        super(`cancelled by ${signal}`);
        this.signal = signal;
        Object.defineProperty(this, 'message', {
            get: () => `cancelled by ${signal}: ${this.#what()}`,
            configurable: true,
        });
    }
    /** Notes a cleanup once; `nothingWritten`: it leaves nothing written (an unfinished upload aborted). */
    note(what, nothingWritten) {
        if (!this.cleanup.includes(what))
            this.cleanup.push(what);
        if (!nothingWritten)
            this.#wrote = true;
    }
    #what() {
        if (!this.cleanup.length)
            return 'nothing was written';
        const done = this.cleanup.join('; ');
        return this.#wrote ? done : `${done} and nothing was written`;
    }
}
/** The CancelledError behind an error (an aborted S3 request carries it as its cause), if any. */
function cancellationOf(err) {
    for (let e = err, depth = 0; e && depth < 10; e = e.cause, depth++) {
        if (e instanceof CancelledError)
            return e;
    }
    return undefined;
}
/**
 * Records, for the cancellation line, what was cleaned up after the run's signal; a no-op when not cancelled. The line
 * says "nothing was written" only when every cleanup noted says `nothingWritten` (or none was needed).
 */
function noteCleanup(signal, what, o) {
    const reason = signal?.aborted ? signal.reason : undefined;
    if (reason instanceof CancelledError)
        reason.note(what, o?.nothingWritten ?? false);
}
function errorMessage(err) {
    if (err instanceof Error)
        return err.message;
    return String(err);
}
/** One line for any error; user errors verbatim, others prefixed so they read as our bug or an unexpected failure. */
function oneLine(err) {
    const message = errorMessage(err)
        .replace(/\s*\n\s*/g, ' — ')
        .trim();
    return message || 'unknown error';
}


/***/ }),

/***/ 6228:
/***/ ((__unused_webpack_module, __webpack_exports__, __webpack_require__) => {

/* harmony export */ __webpack_require__.d(__webpack_exports__, {
/* harmony export */   LS: () => (/* binding */ plural),
/* harmony export */   nV: () => (/* binding */ formatAge),
/* harmony export */   z3: () => (/* binding */ formatBytes)
/* harmony export */ });
function formatBytes(n) {
    const units = ['B', 'KiB', 'MiB', 'GiB', 'TiB'];
    let i = 0;
    let v = n;
    while (v >= 1024 && i < units.length - 1) {
        v /= 1024;
        i++;
    }
    return `${i === 0 ? Math.round(v) : v.toFixed(1)} ${units[i]}`;
}
/** 93784 → "1d 2h": the two largest units, seconds only under a minute. */
function formatAge(seconds) {
    const s = Math.max(0, Math.round(seconds));
    if (s < 60)
        return `${s}s`;
    const parts = [
        [Math.floor(s / 86400), 'd'],
        [Math.floor((s % 86400) / 3600), 'h'],
        [Math.floor((s % 3600) / 60), 'm'],
    ];
    const first = parts.findIndex(([n]) => n > 0);
    return parts
        .slice(first, first + 2)
        .filter(([n]) => n > 0)
        .map(([n, u]) => `${n}${u}`)
        .join(' ');
}
/** "1 table", "2 tables": a count with its noun in the right number. */
function plural(n, one, many = `${one}s`) {
    return `${n} ${n === 1 ? one : many}`;
}


/***/ }),

/***/ 7571:
/***/ ((__unused_webpack_module, __webpack_exports__, __webpack_require__) => {

/* harmony export */ __webpack_require__.d(__webpack_exports__, {
/* harmony export */   C: () => (/* binding */ useInputWording),
/* harmony export */   i: () => (/* binding */ inputRef)
/* harmony export */ });
const actionWording = (name, value) => (value === undefined ? name : `${name}: ${value}`);
let wording = actionWording;
function useInputWording(w) {
    wording = w;
}
/** The input `name` (with `value`: the input set to it) as the host words it. */
function inputRef(name, value) {
    return wording(name, value);
}


/***/ }),

/***/ 2258:
/***/ ((__unused_webpack_module, __webpack_exports__, __webpack_require__) => {

/* harmony export */ __webpack_require__.d(__webpack_exports__, {
/* harmony export */   Ck: () => (/* binding */ addSecret),
/* harmony export */   E$: () => (/* binding */ redact)
/* harmony export */ });
/* unused harmony exports onSecret, clearSecrets */
/**
 * Every secret the run learns is registered here; every line that leaves the process (logs, errors, summaries,
 * manifests, state) goes through `redact`. The action also calls core.setSecret so the runner masks them too.
 */
const secrets = new Set();
const listeners = [];
function addSecret(value) {
    if (!value || value.length < 3 || secrets.has(value))
        return;
    const forms = new Set([value, encodeURIComponent(value)]);
    for (const form of forms) {
        secrets.add(form);
        for (const listener of listeners)
            listener(form);
    }
}
function onSecret(listener) {
    listeners.push(listener);
    for (const secret of secrets)
        listener(secret);
}
function redact(text) {
    let out = text;
    // longest first, so a secret that contains another is masked whole
    for (const secret of [...secrets].sort((a, b) => b.length - a.length)) {
        out = out.split(secret).join('***');
    }
    // a password inside any connection URL, registered or not
    return out.replace(/(postgres(?:ql)?:\/\/[^:/@\s]*:)[^@\s]*@/gi, '$1***@');
}
/** For tests. */
function clearSecrets() {
    secrets.clear();
}


/***/ }),

/***/ 4056:
/***/ ((__unused_webpack_module, __webpack_exports__, __webpack_require__) => {

// ESM COMPAT FLAG
__webpack_require__.r(__webpack_exports__);

// EXPORTS
__webpack_require__.d(__webpack_exports__, {
  buildProgram: () => (/* binding */ buildProgram),
  main: () => (/* binding */ main)
});

// EXTERNAL MODULE: ./src/core/format.ts
var format = __webpack_require__(6228);
// EXTERNAL MODULE: external "node:readline/promises"
var promises_ = __webpack_require__(6848);
// EXTERNAL MODULE: ./node_modules/commander/index.js + 6 modules
var commander = __webpack_require__(7375);
// EXTERNAL MODULE: ./src/core/version.ts
var version = __webpack_require__(3323);
// EXTERNAL MODULE: ./src/core/errors.ts
var errors = __webpack_require__(4296);
// EXTERNAL MODULE: ./src/options/spec.ts
var options_spec = __webpack_require__(2739);
// EXTERNAL MODULE: ./src/options/verbs.ts
var verbs = __webpack_require__(7244);
// EXTERNAL MODULE: ./src/core/redact.ts
var redact = __webpack_require__(2258);
;// CONCATENATED MODULE: ./src/hosts/cli-errors.ts
/**
 * Commander's own refusals (an unknown option and its suggestion, a missing value, an unknown command) as the one
 * `s3-backup: error: …` line every other error is: what is wrong, the suggestion, where the flags are listed.
 */

function commanderErrorLine(text) {
    const [first = '', ...rest] = text
        .split('\n')
        .map((l) => l.trim())
        .filter(Boolean);
    const what = first.replace(/^error:\s*/i, '');
    const hints = rest.map((l) => l.replace(/^\((.*)\)$/, '$1').replace(/^Did you mean/, 'did you mean'));
    return `s3-backup: error: ${what}${hints.length ? ` (${hints.join('; ')})` : ''}; --help lists the flags`;
}
/** An input as the CLI names it in messages: its flag (a boolean set to false: its --no- form), and its variable. */
function cliInputWording(name, value) {
    let spec;
    try {
        spec = (0,options_spec/* inputSpec */.mm)(name);
    }
    catch {
        spec = undefined;
    }
    const env = spec?.env?.[0] && value === undefined ? ` (or ${spec.env[0]})` : '';
    if (spec?.boolean && value === 'false')
        return `--no-${name}`;
    if (spec?.boolean && value === 'true')
        return `--${name}`;
    return `--${name}${value === undefined ? '' : ` ${value}`}${env}`;
}

;// CONCATENATED MODULE: ./src/hosts/cli-help.ts
/** Inputs a run fails without (unless their environment fallback is set). */
const REQUIRED = new Set(['database-url', 'bucket', 'size']);
const TOPICS = [
    [
        'Common:',
        ['environment', 'prefix', 'name', 'backup', 'from', 'databases', 'all', 'set', 'jobs', 'dry-run', 'yes', 'drills'],
    ],
    [
        'S3:',
        [
            'provider',
            'endpoint',
            'region',
            'account-id',
            'force-path-style',
            'request-checksum',
            's3-timeout',
            'storage-class',
            'sse',
            'sse-kms-key-id',
            'tags',
            'part-size',
            'queue-size',
            'latest-copy',
        ],
    ],
    [
        'PostgreSQL and the dump:',
        [
            'exclude-databases',
            'globals',
            'format',
            'compression',
            'compression-level',
            'exclude-table',
            'schema',
            'row-counts',
            'pg-bin-dir',
            'pg-stall-timeout',
            'streams',
        ],
    ],
    [
        'Restore:',
        [
            'clean',
            'create-database',
            'with-globals',
            'table',
            'schema-only',
            'data-only',
            'no-owner',
            'no-acl',
            'single-transaction',
            'compare',
            'decoded-copy',
            'temp-dir',
            'validation-sql',
            'keep',
            'max-restore-time',
        ],
    ],
    ['Encryption:', ['encryption-recipients', 'decryption-key', 'decryption-passphrase']],
    ['Archived backups (thaw):', ['thaw', 'wait', 'thaw-tier', 'thaw-days', 'thaw-timeout', 'thaw-poll-interval']],
    ['Freshness:', ['max-age', 'fail-on-stale', 'require-replicated', 'require-drill']],
    ['A set made by several jobs (plan, set close):', ['set-id', 'max-jobs', 'members-timeout']],
    ['Size trend:', ['trend-count', 'shrink-threshold']],
    [
        'Retention and lifecycle:',
        ['retention', 'keep-last', 'keep-daily', 'keep-weekly', 'keep-monthly', 'keep-yearly', 'transitions'],
    ],
    [
        'Bucket:',
        ['object-lock', 'object-lock-mode', 'object-lock-days', 'noncurrent-days', 'audit', 'apply', 'allow-unsupported'],
    ],
    [
        'Replication:',
        [
            'replicate-to',
            'replicate-to-region',
            'replication-role',
            'replica-storage-class',
            'replication-time-control',
            'allow-delete',
        ],
    ],
    ['IAM policy:', ['role', 'principal', 'github-repository', 'github-branch', 'github-environment', 'aws-account-id']],
    ['Cost:', ['compression-ratio', 'prices']],
    [
        'Monitoring and notifications:',
        ['sentry-', 'healthcheck-url', 'monitor-verbs', 'notify', 'notify-on', 'notify-to', 'notify-secret'],
    ],
];
const matches = (name, key) => name === key || (key.endsWith('-') && name.startsWith(key));
const COPY = 'Second copy (copy-to):';
const OTHER = 'Other:';
/** The help group an input is listed under for a verb (required ones first, whatever their topic). */
function helpGroup(spec) {
    if (REQUIRED.has(spec.name))
        return 'Required:';
    if (spec.name.startsWith('copy-'))
        return COPY;
    const topic = TOPICS.find(([, names]) => names.some((k) => matches(spec.name, k)));
    return topic?.[0] ?? OTHER;
}
const ORDER = ['Required:', ...TOPICS.map(([h]) => h), COPY, OTHER];
/** The verb's inputs in the order of their groups (the help lists groups as their first input comes). */
function inHelpOrder(specs) {
    return specs
        .map((s, i) => ({ s, i, g: ORDER.indexOf(helpGroup(s)) }))
        .sort((a, b) => a.g - b.g || a.i - b.i)
        .map((x) => x.s);
}

// EXTERNAL MODULE: ./src/core/input-ref.ts
var input_ref = __webpack_require__(7571);
;// CONCATENATED MODULE: ./src/hosts/cli.ts
/**
 * `s3-backup <verb>`: the same verbs and core as the action. Every action input is a flag of the same name, with the
 * same environment fallbacks. Logs go to stderr; results (plans, tables, --json) go to stdout. The help comes from the
 * tables alone: the commands and the run wrapper (the S3 SDK, the PostgreSQL client, ...) are loaded when a verb runs.
 */











/** In a GitHub Actions step a warning becomes an annotation (stderr carries workflow commands too). */
const inActions = () => process.env.GITHUB_ACTIONS === 'true';
const escapeData = (s) => s.replace(/%/g, '%25').replace(/\r/g, '%0D').replace(/\n/g, '%0A');
/** Logs go to stderr (the run wrapper clears a progress line on the terminal first, so the two never mix). */
const stderrLog = {
    info: (m) => process.stderr.write(`${m}\n`),
    warning: (m) => process.stderr.write(inActions() ? `::warning::${escapeData(m)}\n` : `warning: ${m}\n`),
};
async function confirmOnTerminal(s) {
    const rl = (0,promises_.createInterface)({ input: process.stdin, output: process.stderr });
    try {
        const answer = await rl.question(`Restore ${s.key} into database "${s.database}" on ${s.host}` +
            (s.existingTables ? `, replacing its ${(0,format/* plural */.LS)(s.existingTables, 'table')}` : '') +
            '?\nType the database name to continue: ');
        return answer.trim() === s.database;
    }
    finally {
        rl.close();
    }
}
function cliHost(json) {
    return {
        log: stderrLog,
        terminal: process.stderr.isTTY ? (text) => process.stderr.write(text) : undefined,
        context: { confirm: confirmOnTerminal, interactive: Boolean(process.stdin.isTTY) },
        write(_command, result) {
            if (json)
                process.stdout.write(`${JSON.stringify(result.json, null, 2)}\n`);
            else if (result.text)
                process.stdout.write(`${result.text}\n`);
        },
    };
}
/** `--flag`, `--flag=true|false`, `--no-flag`. */
function booleanValue(name) {
    return (value) => {
        if (/^(true|false)$/i.test(value))
            return value.toLowerCase() === 'true';
        throw new errors/* UserError */.yo(`${name}: "${value}" is not a boolean; use --${name}, --no-${name} or --${name}=true|false`);
    };
}
/** A value flag given twice with different values is refused: the last one silently winning could pick the target. */
function onceValue(name) {
    return (value, previous) => {
        if (previous !== undefined && previous !== value) {
            throw new errors/* UserError */.yo(`${name}: given twice with different values; give --${name} once`);
        }
        return value;
    };
}
function helpOf(spec, verb) {
    return (0,options_spec/* describeInput */.eG)(spec, verb) + (spec.env ? ` [env: ${spec.env.join(', ')}]` : '');
}
function addInputs(cmd, verb) {
    for (const spec of inHelpOrder((0,options_spec/* inputsFor */.pz)(verb, { includeCliOnly: true }))) {
        const help = helpOf(spec, verb);
        const group = helpGroup(spec);
        if (spec.boolean && spec.name.startsWith('no-')) {
            // the input's name is already the negative (`--no-owner`): `--owner` is its positive form
            const base = spec.name.slice(3);
            cmd.addOption(new commander/* Option */.c$(`--${spec.name}`, help).helpGroup(group));
            cmd.addOption(new commander/* Option */.c$(`--${base}`, `undo --${spec.name}`).hideHelp().helpGroup(group));
        }
        else if (spec.boolean) {
            cmd.addOption(new commander/* Option */.c$(`--${spec.name} [true|false]`, help).argParser(booleanValue(spec.name)).helpGroup(group));
            cmd.addOption(new commander/* Option */.c$(`--no-${spec.name}`, `not --${spec.name}`).hideHelp().helpGroup(group));
        }
        else {
            const withDefault = spec.default ? `${help} (default: ${spec.default})` : help;
            cmd.addOption(new commander/* Option */.c$(`--${spec.name} <value>`, withDefault).argParser(onceValue(spec.name)).helpGroup(group));
        }
    }
}
/** Commander's parsed flags → the same raw inputs the action reads. */
function rawFrom(opts) {
    return (name) => {
        // `--no-owner` is the input no-owner; commander keeps it as owner=false
        const v = name.startsWith('no-') &&
            opts[(0,verbs/* camelCase */.xQ)(name)] === undefined &&
            typeof opts[(0,verbs/* camelCase */.xQ)(name.slice(3))] === 'boolean'
            ? !opts[(0,verbs/* camelCase */.xQ)(name.slice(3))]
            : opts[(0,verbs/* camelCase */.xQ)(name)];
        return v === undefined ? undefined : String(v);
    };
}
/** A verb's command, loaded when it runs (the demo is the CLI's alone: the action bundle never carries it). */
async function commandNamed(name) {
    if (name === 'demo')
        return (await __webpack_require__.e(/* import() */ 108).then(__webpack_require__.bind(__webpack_require__, 9108))).demoCommand;
    return (await Promise.all(/* import() */[__webpack_require__.e(711), __webpack_require__.e(262), __webpack_require__.e(320), __webpack_require__.e(705), __webpack_require__.e(306)]).then(__webpack_require__.bind(__webpack_require__, 4306))).COMMANDS[name];
}
/** Thrown by a verb's action on the help-only pass: the arguments ask for more than help after all. */
class NotHelp extends Error {
}
function addCommand(program, parents, name, signal, withInputs) {
    const words = (0,verbs/* cliWords */.q3)(name);
    let parent = program;
    for (const group of words.slice(0, -1)) {
        let next = parents.get(group);
        if (!next) {
            const subcommands = verbs/* COMMAND_NAMES */.nZ.filter((n) => (0,verbs/* cliWords */.q3)(n)[0] === group).map((n) => (0,verbs/* cliWords */.q3)(n)[1]);
            next = program.command(group).description(`${group} ${subcommands.join(' | ')}`);
            parents.set(group, next);
        }
        parent = next;
    }
    const cmd = parent.command(words[words.length - 1]).description(verbs/* VERBS */.hU[name].description);
    if (withInputs && !verbs/* VERBS */.hU[name].cliOnly)
        addInputs(cmd, name);
    cmd.addOption(new commander/* Option */.c$('--json', 'print the result as JSON on stdout').helpGroup('Output:'));
    // long flags ([true|false] ones) leave a narrow column: wrap it all the same
    cmd.configureHelp({ minWidthToWrap: 24 });
    cmd.action(async (opts) => {
        if (!signal)
            throw new NotHelp();
        const [command, { runCommand }] = await Promise.all([commandNamed(name), Promise.all(/* import() */[__webpack_require__.e(711), __webpack_require__.e(320), __webpack_require__.e(270)]).then(__webpack_require__.bind(__webpack_require__, 270))]);
        await runCommand(command, rawFrom(opts), cliHost(Boolean(opts.json)), signal);
    });
}
/** The command the arguments name (`backup`, `bucket init`), if they start with one. */
function commandIn(args) {
    return verbs/* COMMAND_NAMES */.nZ.find((name) => (0,verbs/* cliWords */.q3)(name).every((word, i) => args[i] === word));
}
/**
 * The program; without a signal (the help-only pass) a verb's action throws NotHelp instead of running. Given the
 * arguments of a run, only the command they name gets its inputs: the others' would be built for nothing.
 */
function buildProgram(signal, args) {
    // messages name inputs as flags and variables here
    (0,input_ref/* useInputWording */.C)(cliInputWording);
    const program = new commander/* Command */.uB('s3-backup')
        .description('PostgreSQL backups to S3 you can trust: pg_dump → compress → hash → streaming upload, verified restores.')
        .version(version/* TOOL_VERSION */.w)
        // one line, like every other error (the subcommands inherit it)
        .configureOutput({ outputError: (text, write) => write(`${commanderErrorLine(text)}\n`) });
    const parents = new Map();
    const only = args && commandIn(args);
    for (const name of verbs/* COMMAND_NAMES */.nZ)
        addCommand(program, parents, name, signal, !only || name === only);
    return program;
}
/** No verb, `help`, or -h/--help before `--`: commander may answer from the tables alone. */
function asksForHelp(args) {
    const end = args.indexOf('--');
    const before = end < 0 ? args : args.slice(0, end);
    return before.length === 0 || before[0] === 'help' || before.some((a) => a === '--help' || a === '-h');
}
async function main(argv = process.argv) {
    if (asksForHelp(argv.slice(2))) {
        // commander prints the help (or its one error line) and exits; a verb that runs after all comes back as NotHelp
        await buildProgram(undefined)
            .parseAsync(argv)
            .catch((err) => {
            if (!(err instanceof NotHelp))
                throw err;
        });
    }
    const { runProcess } = await Promise.all(/* import() */[__webpack_require__.e(711), __webpack_require__.e(320), __webpack_require__.e(270)]).then(__webpack_require__.bind(__webpack_require__, 270));
    return runProcess((signal) => buildProgram(signal, argv.slice(2))
        .parseAsync(argv)
        .then(() => undefined), (line, err) => {
        process.stderr.write(`s3-backup: error: ${line}\n`);
        if (!(err instanceof errors/* UserError */.yo) && process.env.S3_BACKUP_DEBUG)
            process.stderr.write(`${(0,redact/* redact */.E$)(String(err.stack))}\n`);
    }, (line) => process.stderr.write(`s3-backup: error: ${line}\n`));
}


/***/ }),

/***/ 2739:
/***/ ((__unused_webpack_module, __webpack_exports__, __webpack_require__) => {

/* harmony export */ __webpack_require__.d(__webpack_exports__, {
/* harmony export */   So: () => (/* binding */ MONITORED),
/* harmony export */   eG: () => (/* binding */ describeInput),
/* harmony export */   mm: () => (/* binding */ inputSpec),
/* harmony export */   pz: () => (/* binding */ inputsFor)
/* harmony export */ });
/** Maintenance verbs that talk to S3 (retention, lifecycle, bucket setup and audit). */
const ADMIN_S3 = ['prune', 'lifecycle', 'bucket-init', 'bucket-audit', 'bucket-replicate'];
const S3 = [
    'backup',
    'plan',
    'set-close',
    'restore',
    'list',
    'verify',
    'validate',
    'check',
    'thaw',
    ...ADMIN_S3,
];
/** The verbs that read a backup back: an archived one needs a thaw first. */
const READ_BACK = ['restore', 'verify', 'validate'];
/** Where the backups are: also what an IAM policy is written for. */
const WHERE = [...S3, 'iam-policy'];
const POLICY = ['prune', 'lifecycle', 'bucket-init', 'cost'];
const DB = ['backup', 'plan', 'set-close', 'restore', 'validate'];
/** Verbs that read (or prune) either destination: the backups or their second copy. */
const FROM = [
    'restore',
    'list',
    'verify',
    'validate',
    'check',
    'prune',
    'lifecycle',
    'bucket-init',
    'bucket-audit',
];
/** Verbs that know the second copy's place and credentials. */
const COPY = ['backup', 'set-close', ...FROM];
/** Verbs whose runs report to the monitors (Sentry Crons, healthchecks). */
const MONITORED = [
    'backup',
    'set-close',
    'restore',
    'verify',
    'validate',
    'check',
    'prune',
    'bucket-audit',
];
const INPUTS = [
    {
        name: 'database-url',
        description: 'PostgreSQL connection URL of the database to back up (postgresql://user:password@host:5432/db?sslmode=require). ' +
            'Masked in logs. Falls back to DATABASE_URL, then the libpq PG* variables.',
        meaning: {
            plan: 'PostgreSQL connection URL of the server (any database on it, e.g. postgres) whose databases are planned. Masked in logs.',
            'set-close': "PostgreSQL connection URL of the set's server (any database on it): its globals are backed up. Masked in logs.",
            restore: 'PostgreSQL connection URL of the target database: the backup is restored into it ' +
                '(postgresql://user:password@host:5432/db). Masked in logs. Falls back to DATABASE_URL, then the libpq PG* variables.',
            validate: 'PostgreSQL connection URL of a throwaway server (any database on it): a scratch database is created there, ' +
                'restored into, compared and dropped. Masked in logs. Falls back to DATABASE_URL, then the libpq PG* variables.',
        },
        default: '',
        verbs: DB,
        env: ['DATABASE_URL'],
        secret: true,
    },
    {
        name: 'bucket',
        description: 'S3 bucket that holds the backups.',
        default: '',
        verbs: WHERE,
        env: ['S3_BACKUP_BUCKET'],
    },
    {
        name: 'environment',
        description: 'Environment name used in object keys (<name>_<environment>_<timestamp>) and as the default prefix.',
        default: 'production',
        verbs: WHERE,
    },
    {
        name: 'prefix',
        description: "Key prefix (folder) for this database's backups. Default: the environment.",
        default: '',
        verbs: WHERE,
    },
    {
        name: 'name',
        description: 'Name used in object keys. Default: the database name.',
        default: '',
        verbs: ['backup', 'restore', 'list', 'verify', 'validate', 'check', 'prune', 'bucket-audit', 'thaw'],
        meaning: {
            list: 'Only the backups of this name (the database name in their keys). Default: every name under the prefix.',
            verify: 'Which database (the name in its keys). Default: the one under the prefix; a prefix of several is refused, naming them.',
            thaw: 'Which database (the name in its keys). Default: the one under the prefix; a prefix of several is refused, naming them.',
            'bucket-audit': 'Only the backups of this name (the database name in their keys) count for the recent-backup checks. Default: every name.',
            prune: 'Prune only the backups of this name (the database name in their keys). Default: every name under the prefix.',
            check: 'The one database (the name in its keys) to judge. Default: every database of the newest backup set of several ' +
                'databases under the prefix (without one, every database backed up there); the gate fails naming each stale one.',
        },
    },
    {
        name: 'format',
        description: 'pg_dump format: custom (pg_restore, selective and parallel restore) or plain (SQL for psql).',
        default: 'custom',
        verbs: ['backup'],
    },
    {
        name: 'compression',
        description: 'zstd (fast, multi-threaded), gzip (readable everywhere) or none.',
        default: 'zstd',
        verbs: ['backup', 'set-close'],
    },
    {
        name: 'compression-level',
        description: 'Compression level: zstd 1-19 (default 1, the fastest; 3 and up trade CPU for a few % smaller objects), gzip 1-9 (default 6).',
        default: '',
        verbs: ['backup', 'set-close'],
    },
    {
        name: 'exclude-table',
        description: 'Tables to leave out (pg_dump --exclude-table patterns), one per line or comma-separated.',
        default: '',
        verbs: ['backup'],
    },
    {
        name: 'schema',
        description: 'Dump only these schemas (pg_dump --schema patterns), one per line or comma-separated.',
        meaning: {
            restore: 'Restore only these schemas (pg_restore --schema, exact names), one per line or comma-separated. Custom format only.',
        },
        default: '',
        verbs: ['backup', 'restore'],
    },
    {
        name: 'databases',
        description: 'Which databases to back up: empty (the database in database-url), a list (app,analytics), or all (every ' +
            'database that accepts connections, templates excluded). With a list or all, database-url names the server ' +
            '(any database on it, e.g. postgres); each database is its own backup (<name>_<environment>_<timestamp>) and ' +
            'a backup set document (<prefix>/sets/<environment>_<timestamp>.json) ties the run together.',
        meaning: {
            restore: 'With all: which databases of the set to restore, a list (app,analytics); empty or all: every database of the set.',
        },
        default: '',
        verbs: ['backup', 'plan', 'restore'],
    },
    {
        name: 'exclude-databases',
        description: 'Databases to leave out of a list or all, one per line or comma-separated.',
        default: '',
        verbs: ['backup', 'plan'],
    },
    // a set made by several jobs: plan → a job matrix of backups → set close
    {
        name: 'max-jobs',
        description: 'At most this many jobs (groups of databases of similar total size) in the matrix, 1 to 256; fewer when there ' +
            'are fewer databases.',
        default: '4',
        verbs: ['plan'],
    },
    {
        name: 'set-id',
        description: "The set this job's databases belong to: plan's set-id output. With it, databases is this job's group (its " +
            'matrix entry), each outcome is recorded beside the plan and the set document is left to set close, which ' +
            'also takes the globals.',
        meaning: { 'set-close': "The set to close: plan's set-id output." },
        default: '',
        verbs: ['backup', 'set-close'],
    },
    {
        name: 'members-timeout',
        description: 'How long to wait for planned members whose job has not ended (10m, 1h), asking every 10 s; 0: check once ' +
            '(the close runs after every job of the matrix has ended).',
        default: '0',
        verbs: ['set-close'],
    },
    {
        name: 'globals',
        description: "Also back up the server's globals (pg_dumpall --globals-only: roles, memberships, role settings, tablespaces) " +
            "as <prefix>/_globals_<environment>_<timestamp>.sql…: auto (on, for a single database too: a database's dump " +
            'is useless on a new server without the roles it names), true or false. Where role passwords cannot be read ' +
            '(managed servers), they are left out with a warning and the manifest says so.',
        default: 'auto',
        verbs: ['backup', 'set-close'],
    },
    {
        name: 'endpoint',
        description: 'S3-compatible endpoint URL (MinIO, R2, B2, Ceph …). Empty for AWS S3.',
        default: '',
        verbs: S3,
        env: ['AWS_ENDPOINT_URL_S3', 'AWS_ENDPOINT_URL'],
    },
    {
        name: 'region',
        description: 'S3 region. Default: AWS_REGION / AWS_DEFAULT_REGION, else us-east-1.',
        default: '',
        verbs: S3,
        env: ['AWS_REGION', 'AWS_DEFAULT_REGION'],
    },
    {
        name: 'force-path-style',
        description: 'Address buckets as <endpoint>/<bucket> instead of <bucket>.<endpoint>. Default: true when endpoint is set.',
        default: '',
        verbs: S3,
        boolean: true,
    },
    {
        name: 'request-checksum',
        description: 'when-supported (AWS default: CRC32 on every request) or when-required (for S3-compatible servers that reject ' +
            'these checksums: Ceph, B2, GCS …; parts are then protected by the signed payload hash). ' +
            'Default: when-supported on AWS, when-required with a custom endpoint.',
        default: '',
        verbs: S3,
    },
    {
        name: 's3-timeout',
        description: 'How long S3 may stay silent before a request is given up: no connection within it, or no byte sent or ' +
            'received on an open request for that long (60s, 2m, 90s). A slow link is fine while bytes flow. A request that ' +
            'timed out is retried (downloads resume where they broke) unless the endpoint has never answered at all.',
        default: '60s',
        verbs: S3,
    },
    {
        name: 'storage-class',
        description: 'S3 storage class of the backup (STANDARD, STANDARD_IA, GLACIER_IR, …).',
        default: 'STANDARD',
        verbs: ['backup', 'cost', 'set-close'],
    },
    {
        name: 'sse',
        description: 'Server-side encryption: AES256 or aws:kms. Empty: the bucket default (bucket init: AES256).',
        default: '',
        verbs: ['backup', 'bucket-init', 'plan', 'set-close'],
    },
    {
        name: 'sse-kms-key-id',
        description: 'KMS key id or ARN for sse: aws:kms.',
        default: '',
        verbs: ['backup', 'bucket-init', 'plan', 'set-close'],
    },
    {
        name: 'tags',
        description: 'Object tags, key=value, one per line or comma-separated.',
        default: '',
        verbs: ['backup', 'set-close'],
    },
    {
        name: 'part-size',
        description: 'Multipart part size (e.g. 16MiB, 64MB). Default: automatic — 10,000 parts cover the database size, at least 8 MiB.',
        default: '',
        verbs: ['backup'],
    },
    {
        name: 'queue-size',
        description: 'Parts uploaded in parallel. Memory use is about part-size × (queue-size + 1).',
        default: '2',
        verbs: ['backup'],
    },
    {
        name: 'streams',
        description: 'Parallel dump streams from one snapshot: 1 (one object), a number N (a schema part at the backup key and N ' +
            'data parts beside it, <key stem>.part-0001.<ext> …, the tables spread by size; format custom), or auto: 1 ' +
            'under 1 GiB, else one per started GiB, at most one per core and 8. queue-size is shared among the streams.',
        default: 'auto',
        verbs: ['backup'],
    },
    {
        name: 'latest-copy',
        description: 'Also keep a server-side copy <prefix>/latest-backup.<ext> with its .sha256 (a stable name to download the newest backup and check it with sha256sum -c).',
        default: 'false',
        verbs: ['backup'],
        boolean: true,
    },
    {
        name: 'row-counts',
        description: "Row counts in the manifest: exact (counted inside pg_dump's snapshot while it runs: exactly what the dump holds), " +
            'estimate (planner statistics, for very large databases) or off.',
        default: 'exact',
        verbs: ['backup'],
    },
    {
        name: 'encryption-recipients',
        description: 'Encrypt the backup for these public keys (client-side, after compression): age recipients (age1…) or armored ' +
            'OpenPGP public keys, one or more, or the path of a file holding them. The key gets .age or .gpg appended. ' +
            'The job needs only the public half; keep the secret half out of CI.',
        default: '',
        verbs: ['backup', 'set-close'],
        env: ['S3_BACKUP_ENCRYPTION_RECIPIENTS'],
    },
    {
        name: 'pg-bin-dir',
        description: 'Directory holding pg_dump / pg_restore / psql. Default: found on PATH and the usual install locations.',
        default: '',
        verbs: ['backup', 'restore', 'verify', 'validate', 'set-close'],
    },
    {
        name: 'pg-stall-timeout',
        description: 'How long pg_dump may send nothing before the backup is stopped (10m, 30m, 1h): a lock held by another ' +
            'session or a server that stopped answering ends the run with one line instead of waiting for the job timeout. ' +
            'Time spent waiting on S3 does not count (s3-timeout bounds that).',
        default: '10m',
        verbs: ['backup'],
    },
    {
        name: 'backup',
        description: 'Which backup: latest, an object key, or a date (YYYYMMDD, YYYYMMDD_HHMMSS, ISO) meaning the newest at or before it.',
        meaning: {
            validate: 'Which backup: latest (the newest readable without a thaw, unless thaw is set), an object key, or a date ' +
                '(YYYYMMDD, YYYYMMDD_HHMMSS, ISO) meaning the newest at or before it.',
        },
        default: 'latest',
        verbs: [...READ_BACK, 'thaw'],
    },
    // archive tiers: a backup in GLACIER or DEEP_ARCHIVE is restored by S3 (a thaw) before it can be read
    {
        name: 'thaw',
        description: 'When the backup is in GLACIER or DEEP_ARCHIVE: ask S3 to restore it (RestoreObject), then stop with exit ' +
            'status 75 and a message to run again once it is readable (or wait, with wait). Without it such a backup is refused.',
        default: 'false',
        verbs: READ_BACK,
        boolean: true,
    },
    {
        name: 'wait',
        description: 'With thaw: poll S3 (HeadObject, every thaw-poll-interval) until the restored copy is readable, up to thaw-timeout, then go on.',
        default: 'false',
        verbs: [...READ_BACK, 'thaw'],
        boolean: true,
    },
    {
        name: 'thaw-tier',
        description: 'S3 retrieval tier of the thaw: Standard (GLACIER 3-5 h, DEEP_ARCHIVE within 12 h), Bulk (5-12 h, within 48 h; ' +
            'cheapest) or Expedited (GLACIER only, 1-5 minutes; costliest).',
        default: 'Standard',
        verbs: [...READ_BACK, 'thaw'],
    },
    {
        name: 'thaw-days',
        description: 'Days S3 keeps the restored copy readable (billed as STANDARD storage meanwhile).',
        default: '3',
        verbs: [...READ_BACK, 'thaw'],
    },
    {
        name: 'thaw-timeout',
        description: 'With wait: how long to wait for the restored copy (6h, 12h, 2d); then stop with exit status 75.',
        default: '6h',
        verbs: [...READ_BACK, 'thaw'],
    },
    {
        name: 'thaw-poll-interval',
        description: 'With wait: how often to ask S3 whether the restored copy is readable (HeadObject).',
        default: '5m',
        verbs: [...READ_BACK, 'thaw'],
    },
    {
        name: 'validation-sql',
        description: 'Your own assertions, run in the restored database after the manifest checks: a file path or inline SQL. ' +
            'Each statement must return a single true or non-zero value; a failing statement is shown with its text.',
        default: '',
        verbs: ['validate'],
    },
    {
        name: 'max-restore-time',
        description: 'Fail the drill when its recovery time (download, proof, restore and comparison) is longer than this: 45m, ' +
            '2h, 90s, 500ms; the failure names the stage that took the most time. Empty: no limit.',
        default: '',
        verbs: ['validate'],
    },
    {
        name: 'keep',
        description: 'Keep the scratch database after validation (for inspection) instead of dropping it.',
        default: 'false',
        verbs: ['validate'],
        boolean: true,
    },
    {
        name: 'clean',
        description: 'Drop existing objects before restoring (pg_restore --clean --if-exists). Required when the target has tables.',
        default: 'false',
        verbs: ['restore'],
        boolean: true,
    },
    {
        name: 'compare',
        description: "After the restore, compare every restored database with its backup's manifest (tables, exact row counts, sequences, large objects) and fail on a mismatch. false to skip.",
        default: 'true',
        verbs: ['restore'],
        boolean: true,
    },
    {
        name: 'no-owner',
        description: 'Do not restore object ownership (pg_restore --no-owner).',
        default: 'false',
        verbs: ['restore'],
        boolean: true,
    },
    {
        name: 'no-acl',
        description: 'Do not restore privileges (pg_restore --no-acl).',
        default: 'false',
        verbs: ['restore'],
        boolean: true,
    },
    {
        name: 'jobs',
        description: 'Parallel pg_restore jobs (custom format), a whole number from 1; auto: from the cores (at most 8; under 4 cores ' +
            'one pg_restore reads the stream, which is faster there). More than 1: ' +
            "the schema from the archive's head, the data from the decoding stream, then indexes and constraints in parallel. " +
            'A backup of several streams loads this many of its data parts at a time. ' +
            'With all: databases restored at once; auto: from the cores (at least 2, at most 8).',
        meaning: {
            backup: 'Databases dumped at once (with databases: a list or all), a whole number from 1; auto: from the cores (at ' +
                'least 2, at most 8). Memory stays bounded as for one backup: queue-size is shared among them.',
        },
        default: 'auto',
        verbs: ['backup', 'restore'],
    },
    {
        name: 'decoded-copy',
        description: 'Decode the backup to a file in temp-dir first and restore it with pg_restore --jobs, so that its data loads ' +
            'in parallel too; needs temporary disk for the whole decoded dump. Default: no decoded copy (the data is ' +
            "read from the decoding stream, the schema from the archive's head, indexes and constraints with jobs).",
        default: 'false',
        verbs: ['restore'],
        boolean: true,
    },
    {
        name: 'temp-dir',
        description: "Directory for the download (the stored object and the archive's head, a few MB). Its free space is checked " +
            "before the download. Default: $RUNNER_TEMP, else the system's temporary directory.",
        default: '',
        verbs: READ_BACK,
    },
    {
        name: 'create-database',
        description: 'Create the target database (named in database-url) if it does not exist.',
        default: 'false',
        verbs: ['restore'],
        boolean: true,
    },
    {
        name: 'all',
        description: 'Restore a whole backup set onto the server in database-url (any database on it, e.g. postgres): the globals ' +
            'first (see with-globals), then every database created with its owner, settings and comment, up to jobs at ' +
            'once. Every member is verified (checksum, decryption) and the target checked before the first statement.',
        meaning: {
            validate: 'Drill a whole backup set (see set) on the throwaway server: the globals, then every database restored under ' +
                'its own name, the roles checked present and every database compared with its manifest; the databases the ' +
                'drill created are dropped afterwards (unless keep).',
        },
        default: 'false',
        verbs: ['restore', 'validate'],
        boolean: true,
    },
    {
        name: 'set',
        description: 'With all: which backup set, latest, a date (YYYYMMDD, YYYYMMDD_HHMMSS, ISO) meaning the newest at or before ' +
            'it, or a set key (<prefix>/sets/<environment>_<timestamp>.json).',
        default: 'latest',
        verbs: ['restore', 'validate'],
    },
    {
        name: 'with-globals',
        description: 'Restore the globals (roles, memberships, role settings) first: auto (when the target lacks a role the dump ' +
            "names), true or false. With all, the set's; for one database, those of the set its backup belongs to, else the " +
            'newest (latest/_globals.json), verified before the target is touched. Missing roles are created; existing ' +
            'roles are left as they are.',
        default: 'auto',
        verbs: ['restore'],
    },
    {
        name: 'table',
        description: 'Restore only these tables (pg_restore --table, exact names; with schema to pick the schema), one per line or ' +
            'comma-separated. Custom format only.',
        default: '',
        verbs: ['restore'],
    },
    {
        name: 'schema-only',
        description: 'Restore only the definitions, no data (pg_restore --schema-only). Custom format only.',
        default: 'false',
        verbs: ['restore'],
        boolean: true,
    },
    {
        name: 'data-only',
        description: 'Restore only the data, into tables that already exist (pg_restore --data-only; not with clean). Custom format only.',
        default: 'false',
        verbs: ['restore'],
        boolean: true,
    },
    {
        name: 'single-transaction',
        description: 'Restore in one transaction: all or nothing (not with jobs > 1).',
        default: 'false',
        verbs: ['restore'],
        boolean: true,
    },
    // ---- providers, retention, lifecycle, bucket setup, IAM, cost
    {
        name: 'provider',
        description: 'S3 provider profile: aws, r2, b2, spaces, gcs, minio, scaleway, wasabi. Sets the endpoint (from region or ' +
            'account-id), path-style, checksum mode, part limit, bulk delete, tagging and storage classes; explicit inputs override it.',
        default: 'aws',
        verbs: [...S3, 'cost'],
    },
    {
        name: 'account-id',
        description: 'Cloudflare account id (provider r2 builds its endpoint from it).',
        default: '',
        verbs: S3,
        env: ['CLOUDFLARE_ACCOUNT_ID'],
    },
    {
        name: 'copy-to',
        description: 'A second copy of every backup, written from the same stream: s3://bucket/prefix on another bucket, region or ' +
            'provider (no prefix: the same prefix as the backups). The copy gets its own .sha256, .meta and latest.json; ' +
            'a failed copy fails the run and leaves the backup itself complete. See docs/copies.md.',
        meaning: {
            restore: 'Where the second copy is (s3://bucket/prefix): read with from: copy, and when the backup cannot be read.',
        },
        default: '',
        verbs: COPY,
        env: ['S3_BACKUP_COPY_TO'],
    },
    {
        name: 'copy-endpoint',
        description: "The copy's S3-compatible endpoint URL. Empty: the copy provider's (AWS S3 for aws).",
        default: '',
        verbs: COPY,
        env: ['S3_BACKUP_COPY_ENDPOINT'],
    },
    {
        name: 'copy-region',
        description: "The copy's region. Default: the copy provider's, else us-east-1.",
        default: '',
        verbs: COPY,
        env: ['S3_BACKUP_COPY_REGION'],
    },
    {
        name: 'copy-provider',
        description: "The copy's provider profile (aws, r2, b2, spaces, gcs, minio, scaleway, wasabi).",
        default: '',
        verbs: COPY,
        env: ['S3_BACKUP_COPY_PROVIDER'],
    },
    {
        name: 'copy-force-path-style',
        description: "Path-style addressing for the copy's endpoint. Default: true when copy-endpoint is set.",
        default: '',
        verbs: COPY,
        boolean: true,
    },
    {
        name: 'copy-storage-class',
        description: 'S3 storage class of the copy (STANDARD, STANDARD_IA, GLACIER_IR, …). Default: STANDARD.',
        default: '',
        verbs: ['backup'],
    },
    {
        name: 'copy-access-key-id',
        description: "Access key id of the copy's credentials. Required unless the copy is on the same provider and endpoint as " +
            'the backups (then their credentials are used). Masked in logs.',
        default: '',
        verbs: COPY,
        env: ['S3_BACKUP_COPY_ACCESS_KEY_ID'],
        secret: true,
    },
    {
        name: 'copy-secret-access-key',
        description: "Secret access key of the copy's credentials. Masked in logs.",
        default: '',
        verbs: COPY,
        env: ['S3_BACKUP_COPY_SECRET_ACCESS_KEY'],
        secret: true,
    },
    {
        name: 'copy-session-token',
        description: "Session token of the copy's credentials (temporary credentials only). Masked in logs.",
        default: '',
        verbs: COPY,
        env: ['S3_BACKUP_COPY_SESSION_TOKEN'],
        secret: true,
    },
    {
        name: 'from',
        description: 'Which destination to read: primary (the bucket) or copy (copy-to). Not set: the primary; restore then falls ' +
            'back to the copy when the primary cannot be read or the backup is missing there, saying so.',
        meaning: {
            prune: 'Which destination to prune: primary (the bucket) or copy (copy-to), each with the retention inputs given.',
            lifecycle: 'Which destination the lifecycle rules are for: primary (the bucket) or copy (copy-to).',
            'bucket-init': 'Which bucket to set up: primary (the bucket) or copy (copy-to), with the copy credentials.',
            'bucket-audit': 'Which bucket to audit: primary (the bucket) or copy (copy-to), with the copy credentials.',
        },
        default: '',
        verbs: FROM,
    },
    {
        name: 'retention',
        description: 'Prune after a successful backup: off, on (keep-daily 7, keep-weekly 4, keep-monthly 12), or rules such as ' +
            '"keep-daily=14, keep-monthly=24" (rules not named keep their default; 0 turns one off).',
        default: '',
        verbs: ['backup', 'set-close'],
    },
    {
        name: 'keep-last',
        description: 'Keep the N newest backups.',
        default: '0',
        verbs: POLICY,
    },
    {
        name: 'keep-daily',
        description: 'Keep the newest backup of each of the N newest days (UTC) that have one.',
        default: '7',
        verbs: POLICY,
    },
    {
        name: 'keep-weekly',
        description: 'Keep the newest backup of each of the N newest ISO weeks that have one.',
        default: '4',
        verbs: POLICY,
    },
    {
        name: 'keep-monthly',
        description: 'Keep the newest backup of each of the N newest months that have one.',
        default: '12',
        verbs: POLICY,
    },
    {
        name: 'keep-yearly',
        description: 'Keep the newest backup of each of the N newest years that have one.',
        default: '0',
        verbs: POLICY,
    },
    {
        name: 'dry-run',
        description: 'Print the plan (keep / delete, and the rule that keeps each backup) without deleting anything.',
        default: 'false',
        verbs: ['prune'],
        boolean: true,
    },
    {
        name: 'object-lock-mode',
        description: 'Object Lock on upload: governance or compliance (the bucket must have Object Lock enabled). Empty: none.',
        default: '',
        verbs: ['backup'],
    },
    {
        name: 'object-lock-days',
        description: 'Object Lock retention per tier (daily=7, weekly=35, monthly=365, yearly=366) or one number for all. ' +
            'Default: the days the lifecycle rules keep each tier.',
        default: '',
        verbs: ['backup'],
    },
    {
        name: 'audit',
        description: 'Add the bucket audit (encryption, versioning, public access, lifecycle, Object Lock …) to the job summary; never fails the backup.',
        default: 'false',
        verbs: ['backup'],
        boolean: true,
    },
    {
        name: 'apply',
        description: 'Apply the lifecycle rules (get → merge → put, keeping every rule this tool did not write) instead of printing them.',
        default: 'false',
        verbs: ['lifecycle'],
        boolean: true,
    },
    {
        name: 'transitions',
        description: 'Move backups to the cheapest class their tier allows, minimum storage durations included (AWS 7/4/12: weeklies and monthlies to GLACIER_IR after a day, dailies stay in STANDARD; DEEP_ARCHIVE only for yearlies, once no monthly rule counts on them).',
        default: 'true',
        verbs: ['lifecycle', 'bucket-init', 'cost'],
        boolean: true,
    },
    {
        name: 'noncurrent-days',
        description: 'Days a versioned bucket keeps a backup after it expired or was pruned (noncurrent version), then deletes it: long enough to undo a mistaken prune over a weekend; Object Lock protects for longer.',
        default: '3',
        verbs: ['lifecycle', 'bucket-init', 'cost'],
    },
    {
        name: 'object-lock',
        description: 'Create the bucket with Object Lock enabled (only possible at creation on most servers).',
        default: 'false',
        verbs: ['bucket-init'],
        boolean: true,
    },
    {
        name: 'allow-unsupported',
        description: 'Settings this S3 server may refuse or ignore without failing bucket init: one or more of versioning, ' +
            'encryption, public-access-block, lifecycle, object-lock, replication (e.g. versioning on an emulator that ' +
            'does not keep it). Each gap is still shown and warned about; an AccessDenied is never accepted. Default: none.',
        default: '',
        verbs: ['bucket-init'],
    },
    // replication of the prefix to a bucket in another region or account (S3 replicates; versioning on both)
    {
        name: 'replicate-to',
        description: 'Replicate the backup prefix to this bucket (its ARN, arn:aws:s3:::BUCKET, or its name): S3 copies every new ' +
            'backup there; delete markers are not replicated. Both buckets need versioning. Empty: no replication.',
        default: '',
        verbs: ['bucket-init', 'bucket-replicate'],
    },
    {
        name: 'replication-role',
        description: 'IAM role S3 assumes to replicate (arn:aws:iam::123456789012:role/NAME); bucket replicate prints its policy.',
        default: '',
        verbs: ['bucket-init', 'bucket-replicate'],
    },
    {
        name: 'replica-storage-class',
        description: "Storage class of the replicas (STANDARD_IA, GLACIER_IR, GLACIER, DEEP_ARCHIVE …). Empty: the source object's class.",
        default: '',
        verbs: ['bucket-init', 'bucket-replicate'],
    },
    {
        name: 'replication-time-control',
        description: 'S3 Replication Time Control: 99.99 % of new backups replicated within 15 minutes, with replication metrics (billed extra).',
        default: 'false',
        verbs: ['bucket-init', 'bucket-replicate'],
        boolean: true,
    },
    {
        name: 'replicate-to-region',
        description: "Region of the replicate-to bucket, where its versioning is read. Default: the source's region.",
        default: '',
        verbs: ['bucket-init', 'bucket-replicate'],
    },
    {
        name: 'role',
        description: 'Which role the policy is for: backup (write and read backups under the prefix, audit the bucket) or restore ' +
            '(read-only: list and read the backups under the prefix, and thaw an archived one; nothing written or deleted).',
        default: 'backup',
        verbs: ['iam-policy'],
    },
    {
        name: 'allow-delete',
        description: 'Grant s3:DeleteObject on the prefix (needed by retention/prune; not needed when lifecycle rules expire backups).',
        default: 'false',
        verbs: ['iam-policy'],
        boolean: true,
    },
    {
        name: 'principal',
        description: 'Write a bucket policy for this principal (role or user ARN) instead of an IAM identity policy.',
        default: '',
        verbs: ['iam-policy'],
    },
    {
        name: 'github-repository',
        description: 'owner/repo allowed to assume the role through GitHub OIDC: adds the trust policy.',
        default: '',
        verbs: ['iam-policy'],
    },
    {
        name: 'github-branch',
        description: 'Restrict the OIDC trust policy to this branch (sub repo:owner/repo:ref:refs/heads/BRANCH).',
        default: '',
        verbs: ['iam-policy'],
    },
    {
        name: 'github-environment',
        description: 'Restrict the OIDC trust policy to this GitHub environment (sub repo:owner/repo:environment:NAME).',
        default: '',
        verbs: ['iam-policy'],
    },
    {
        name: 'aws-account-id',
        description: 'AWS account id holding the GitHub OIDC provider (for the trust policy).',
        default: '',
        verbs: ['iam-policy'],
    },
    {
        name: 'size',
        description: 'Database size for the cost estimate (e.g. 100GB).',
        default: '',
        verbs: ['cost'],
    },
    {
        name: 'compression-ratio',
        description: 'Dump size ÷ stored size for the cost estimate (zstd often gives 3-10). Default: 1 (the size as stored uncompressed).',
        default: '1',
        verbs: ['cost'],
    },
    {
        name: 'prices',
        description: 'Override the price table (USD per GB-month, us-east-1 list prices by default): CLASS=price pairs, e.g. STANDARD=0.021.',
        default: '',
        verbs: ['cost', 'backup'],
    },
    {
        name: 'decryption-key',
        description: 'For encrypted backups: an age identity (AGE-SECRET-KEY-1…) or an armored OpenPGP private key, or the path of a ' +
            'file holding it. Masked in logs. Decryption is proven over the whole backup before the target is touched.',
        default: '',
        verbs: ['restore', 'verify', 'validate'],
        env: ['S3_BACKUP_DECRYPTION_KEY'],
        secret: true,
    },
    {
        name: 'decryption-passphrase',
        description: 'Passphrase of the OpenPGP private key in decryption-key, if it has one. Masked in logs.',
        default: '',
        verbs: ['restore', 'verify', 'validate'],
        env: ['S3_BACKUP_DECRYPTION_PASSPHRASE'],
        secret: true,
    },
    {
        name: 'yes',
        description: 'Do not ask for confirmation before restoring.',
        default: 'false',
        verbs: ['restore'],
        cliOnly: true,
        boolean: true,
    },
    // monitoring: every monitored run reports its start and its end, ok or error
    {
        name: 'sentry-dsn',
        description: 'Sentry DSN (https://<key>@<org>.ingest.sentry.io/<project>) of the project that holds the cron monitor; ' +
            'with sentry-monitor-slug the run sends in_progress, then ok or error check-ins. Masked in logs.',
        default: '',
        verbs: MONITORED,
        secret: true,
    },
    {
        name: 'sentry-monitor-slug',
        description: 'Slug of the Sentry cron monitor (lower-case letters, digits, "-" and "_").',
        default: '',
        verbs: MONITORED,
    },
    {
        name: 'sentry-checkin-url',
        description: "Instead of sentry-dsn + sentry-monitor-slug: the monitor's check-in URL " +
            '(https://<org>.ingest.sentry.io/api/<project>/cron/<slug>/<key>/). Masked in logs.',
        default: '',
        verbs: MONITORED,
        env: ['SENTRY_CRON_CHECKIN_URL'],
        secret: true,
    },
    {
        name: 'sentry-monitor-schedule',
        description: 'Crontab of the workflow (e.g. "0 3 * * *"). When set, every check-in creates or updates the monitor ' +
            '(schedule, margin, max runtime, timezone), so a run that never starts alerts too.',
        default: '',
        verbs: MONITORED,
    },
    {
        name: 'sentry-checkin-margin',
        description: 'Minutes after the scheduled time before Sentry reports a missed run (with sentry-monitor-schedule).',
        default: '10',
        verbs: MONITORED,
    },
    {
        name: 'sentry-max-runtime',
        description: 'Minutes a run may stay in progress before Sentry reports it failed (with sentry-monitor-schedule).',
        default: '120',
        verbs: MONITORED,
    },
    {
        name: 'sentry-timezone',
        description: 'Time zone of sentry-monitor-schedule (GitHub schedules are UTC).',
        default: 'UTC',
        verbs: MONITORED,
    },
    {
        name: 'healthcheck-url',
        description: 'healthchecks.io-style ping URL (https://hc-ping.com/<uuid>): /start when the run starts, the URL itself on ' +
            'success, /fail with the last lines of the log on failure, one rid per run. Masked in logs.',
        default: '',
        verbs: MONITORED,
        env: ['S3_BACKUP_HEALTHCHECK_URL'],
        secret: true,
    },
    {
        name: 'monitor-verbs',
        description: 'Which verbs report to a monitor read from the environment (SENTRY_CRON_CHECKIN_URL, S3_BACKUP_HEALTHCHECK_URL): ' +
            'one or more of backup, restore, verify, validate, check, prune, bucket-audit. Default: backup, so an hourly ' +
            "check never reports to the nightly backup's monitor. A monitor given to the run itself (a flag, a step's " +
            'with:) is always its own.',
        default: 'backup',
        verbs: MONITORED,
        env: ['S3_BACKUP_MONITOR_VERBS'],
    },
    // notifications: a message in the team's chat or mail when a monitored run ends (docs/notifications.md)
    {
        name: 'notify',
        description: 'Where to send a message when the run ends: one or more URLs (one per line or comma-separated), each recognised ' +
            'by its form: Slack, Discord, Microsoft Teams workflow and Google Chat webhooks, ntfy topics, smtp:// or ' +
            'smtps:// (e-mail to notify-to), any other https:// URL as a JSON webhook. A failed or slow notification only ' +
            'warns. Masked in logs.',
        default: '',
        verbs: MONITORED,
        env: ['S3_BACKUP_NOTIFY'],
        secret: true,
    },
    {
        name: 'notify-on',
        description: 'When notify sends: failure (any failed run), success, always, or not-verified (only a verify or validate run ' +
            'that could not prove the backup good).',
        default: 'failure',
        verbs: MONITORED,
    },
    {
        name: 'notify-to',
        description: 'E-mail recipients of a smtp:// or smtps:// notify URL, one per line or comma-separated.',
        default: '',
        verbs: MONITORED,
        env: ['S3_BACKUP_NOTIFY_TO'],
    },
    {
        name: 'notify-secret',
        description: 'Key that signs the JSON webhook notifications: header X-S3-Backup-Signature-256 is "sha256=" and the hex ' +
            'HMAC-SHA256 of the exact body bytes. Masked in logs.',
        default: '',
        verbs: MONITORED,
        env: ['S3_BACKUP_NOTIFY_SECRET'],
        secret: true,
    },
    // reporting
    {
        name: 'trend-count',
        description: "How many recent backups the job summary's size trend shows, read from their manifests (0: no trend).",
        default: '10',
        verbs: ['backup'],
    },
    {
        name: 'shrink-threshold',
        description: "Warn (an annotation) when a backup's dump is this much smaller than the previous one, e.g. 25% (0: never). " +
            'A sudden shrink is the classic sign of a broken dump.',
        default: '25%',
        verbs: ['backup'],
    },
    // gates
    {
        name: 'max-age',
        description: 'Fail when the newest good backup (object + .sha256 + .meta) is older than this: 26h, 90m, 2d, 1d12h.',
        default: '26h',
        verbs: ['check'],
    },
    {
        name: 'fail-on-stale',
        description: 'Fail the step when there is no good backup younger than max-age; false: only set the outputs (fresh=false).',
        default: 'true',
        verbs: ['check'],
        boolean: true,
    },
    {
        name: 'require-replicated',
        description: "Also fail unless the newest good backup's replication status is COMPLETED (or REPLICA): its copy exists in the replication destination.",
        default: 'false',
        verbs: ['check'],
        boolean: true,
    },
    {
        name: 'require-drill',
        description: 'Also fail unless a passing restore drill (validate) younger than this (e.g. 35d) proved the newest backup or ' +
            'one within max-age, read from the drill records. Empty: no drill required.',
        default: '',
        verbs: ['check'],
    },
    {
        name: 'drills',
        description: 'List the restore drills recorded under the prefix (drills/), newest first, instead of the backups.',
        default: 'false',
        verbs: ['list'],
        boolean: true,
    },
];
function inputsFor(verb, opts = {}) {
    return INPUTS.filter((i) => i.verbs.includes(verb) && (opts.includeCliOnly || !i.cliOnly));
}
/** What an input means for one verb: its own wording where it differs, else the shared description. */
function describeInput(spec, verb) {
    return spec.meaning?.[verb] ?? spec.description;
}
function inputSpec(name) {
    const spec = INPUTS.find((i) => i.name === name);
    if (!spec)
        throw new Error(`no input named ${name}`);
    return spec;
}


/***/ }),

/***/ 7244:
/***/ ((__unused_webpack_module, __webpack_exports__, __webpack_require__) => {

/* harmony export */ __webpack_require__.d(__webpack_exports__, {
/* harmony export */   hU: () => (/* binding */ VERBS),
/* harmony export */   nZ: () => (/* binding */ COMMAND_NAMES),
/* harmony export */   q3: () => (/* binding */ cliWords),
/* harmony export */   xQ: () => (/* binding */ camelCase)
/* harmony export */ });
/* unused harmony export actionVerbs */
/**
 * Every CLI command and action, described once: the CLI's help, the action.yml files and the reference pages are
 * written from this table. It imports only types: the build reads it with Node's type stripping, without the runtime.
 * A verb's inputs are rows in spec.ts; what it does is its file in src/commands/, registered in commands/index.ts.
 */
/** In the order `s3-backup --help` lists them. */
const TABLE = {
    backup: {
        action: { folder: '.', title: 'PostgreSQL backup to S3' },
        description: 'Dump a database, compress and hash it, and stream it to S3 with its .sha256 and .meta sidecars.',
        guide: { page: 'how-it-works.md', title: 'How a backup works' },
        outputs: [
            { name: 'key', description: 'Object key of the backup.' },
            { name: 'uri', description: 's3:// URI of the backup.' },
            { name: 'size', description: 'Stored size in bytes (compressed).', type: 'number' },
            { name: 'raw-size', description: 'Size of the dump before compression, in bytes.', type: 'number' },
            { name: 'sha256', description: 'SHA-256 of the stored object (also in <key>.sha256).' },
            { name: 'duration-seconds', description: 'Wall time of the backup.', type: 'number' },
            { name: 'server-version', description: 'PostgreSQL server version that was dumped.' },
            { name: 'pg-dump-version', description: 'pg_dump version used.' },
            { name: 'manifest-key', description: 'Object key of the JSON manifest (<key>.meta).' },
            { name: 'tier', description: 'Retention tier the backup was tagged with (daily, weekly, monthly, yearly).' },
            {
                name: 'pruned',
                description: 'Backups deleted by retention after this backup (empty when retention is off).',
                type: 'number',
            },
            {
                name: 'monthly-cost',
                description: "Estimated monthly storage cost in USD at this backup's stored size under the retention policy.",
                type: 'number',
            },
            {
                name: 'copy-key',
                description: 'Object key of the second copy (copy-to); empty when there is none, it failed, or several databases were backed up.',
            },
            {
                name: 'copy-status',
                description: 'complete or failed: what became of the second copy; empty without copy-to.',
            },
            {
                name: 'set-key',
                description: 'Object key of the backup set document (<prefix>/sets/<environment>_<timestamp>.json); with databases (a ' +
                    'list or all), key and uri name it too, size is the sum of the members and sha256 / manifest-key / tier are empty.',
            },
            {
                name: 'keys',
                description: "Every stored member's object key by name (each database, and _globals), as JSON.",
                type: 'json',
            },
            { name: 'failed', description: 'Names of the members that failed, as JSON (empty list: none).', type: 'json' },
            { name: 'globals-key', description: "Object key of the globals' backup (empty when globals is false)." },
        ],
        json: '`trend` (the stored sizes of earlier backups, their change, `shrinkWarning`)',
    },
    plan: {
        action: { folder: 'plan', title: 'Plan a PostgreSQL backup set across jobs' },
        description: "Split a server's databases into groups of similar size for a job matrix, and plan a set for them.",
        guide: { page: 'disaster-recovery.md#a-set-made-by-several-jobs', title: 'A set made by several jobs' },
        outputs: [
            {
                name: 'matrix',
                description: 'The jobs for strategy.matrix, as JSON: {"include":[{"group":"1","databases":"app,analytics"},…]}, ' +
                    'groups balanced by size, at most max-jobs.',
                type: 'json',
            },
            { name: 'set-id', description: "The set's id (<environment>_<timestamp>): give it to every job and the close." },
            { name: 'set-key', description: 'Object key the set document will have once closed.' },
        ],
    },
    'set-close': {
        cli: ['set', 'close'],
        action: { folder: 'set-close', title: 'Close a PostgreSQL backup set made by several jobs' },
        description: 'Check every planned member, back up the globals and write the set; latest only when all are stored.',
        guide: { page: 'disaster-recovery.md#a-set-made-by-several-jobs', title: 'A set made by several jobs' },
        outputs: [
            { name: 'set-key', description: 'Object key of the set document.' },
            {
                name: 'keys',
                description: "Every stored member's object key by name (each database, and _globals), as JSON.",
                type: 'json',
            },
            {
                name: 'failed',
                description: 'Names of the members that failed or did not end, as JSON (empty list: none).',
                type: 'json',
            },
            { name: 'globals-key', description: "Object key of the globals' backup (empty when globals is false)." },
        ],
    },
    restore: {
        action: { folder: 'restore', title: 'PostgreSQL restore from S3' },
        description: "Verify a backup's SHA-256, then restore it into a database with pg_restore or psql.",
        guide: { page: 'how-it-works.md#restore', title: 'How a restore works' },
        outputs: [
            { name: 'key', description: 'Object key of the backup that was restored.' },
            { name: 'sha256', description: 'SHA-256 verified before restoring.' },
            { name: 'size', description: 'Size of the restored object in bytes.', type: 'number' },
            {
                name: 'database',
                description: 'Database the backup was taken of (its name on the source server; empty without a manifest). With all: every database of the set restored, comma-separated.',
            },
            {
                name: 'target',
                description: 'Database restored into. With all: the same list (each database keeps its name).',
            },
            { name: 'server-version', description: 'PostgreSQL version of the target server.' },
            { name: 'duration-seconds', description: 'Wall time of the restore.', type: 'number' },
        ],
    },
    list: {
        description: 'List backups, newest first.',
        outputs: [],
    },
    check: {
        action: { folder: 'check', title: 'PostgreSQL backup freshness gate' },
        description: 'Fail unless the newest good backup (object, .sha256 and .meta agreeing) is no older than max-age.',
        guide: { page: 'monitoring.md#gate-deploys-on-a-recent-backup', title: 'Gate deploys on a recent backup' },
        outputs: [
            {
                name: 'fresh',
                description: 'true when the newest good backup is no older than max-age (with several databases: every one of them has one).',
                type: 'boolean',
            },
            {
                name: 'key',
                description: 'Object key of the newest good backup (empty when there is none). With several databases, this and the ' +
                    "outputs below describe the stalest of them: the one database's newest good backup that is oldest.",
            },
            { name: 'uri', description: 's3:// URI of the newest good backup.' },
            { name: 'backup-time', description: 'When that backup was taken (ISO 8601, UTC).' },
            { name: 'age-seconds', description: 'Its age in seconds.', type: 'number' },
            { name: 'age', description: 'Its age, for people (e.g. 3h 12m).' },
            { name: 'sha256', description: 'Its SHA-256, as its .sha256 sidecar and manifest agree.' },
            { name: 'size', description: 'Its stored size in bytes.', type: 'number' },
            {
                name: 'replication-status',
                description: 'Its replication status with require-replicated: COMPLETED, PENDING, FAILED, REPLICA or none.',
            },
            {
                name: 'stale',
                description: 'Names (as in keys) of the databases judged that have no good backup younger than max-age, as JSON (empty ' +
                    'list: none; also empty when no name was given and the prefix holds no backup at all).',
                type: 'json',
            },
        ],
        json: '`maxAgeSeconds`, `checkedAt`, `skipped` (newer backups that are not good, and why), `databases` (without a name, under a prefix of several databases: each one judged)',
    },
    verify: {
        action: { folder: 'verify', title: 'PostgreSQL backup verify' },
        description: 'Download a backup, check its SHA-256 against its sidecar and decode every byte; no database needed.',
        guide: { page: 'restore-drills.md', title: 'Restore drills' },
        outputs: [
            { name: 'key', description: 'Object key of the backup that was verified.' },
            { name: 'sha256', description: 'SHA-256 of the object, equal to its sidecar.' },
            { name: 'bytes', description: 'Size of the object in bytes.', type: 'number' },
            { name: 'duration-seconds', description: 'Wall time of the verification.', type: 'number' },
        ],
    },
    validate: {
        action: { folder: 'validate', title: 'PostgreSQL restore drill' },
        description: 'Restore drill: restore a backup into a scratch database and prove it matches its manifest.',
        guide: { page: 'restore-drills.md', title: 'Restore drills' },
        outputs: [
            { name: 'status', description: 'passed, failed, or not-verified (the drill could not run).' },
            { name: 'key', description: 'Object key of the backup that was validated.' },
            { name: 'sha256', description: 'SHA-256 verified before restoring.' },
            { name: 'tables-checked', description: 'Tables compared against the manifest.', type: 'number' },
            { name: 'rows-checked', description: 'Rows whose count was compared exactly.', type: 'number' },
            { name: 'mismatches', description: 'Number of failed checks.', type: 'number' },
            { name: 'duration-seconds', description: 'Wall time of the validation.', type: 'number' },
            { name: 'restored-major', description: 'PostgreSQL major version the backup was restored into.', type: 'number' },
            { name: 'drill-statement', description: "Path of the drill's in-toto statement (JSON); empty: it did not run." },
            { name: 'drill-predicate', description: "Path of its predicate alone (actions/attest's predicate-path)." },
            { name: 'drill-subjects', description: "Path of its subjects, sha256sum format (attest's subject-checksums)." },
        ],
        json: '`checks` (every check: `check`, `expected`, `found`, `ok`)',
    },
    thaw: {
        action: { folder: 'thaw', title: 'Thaw an archived PostgreSQL backup' },
        description: 'Ask S3 to restore a backup from GLACIER or DEEP_ARCHIVE; exit 75 until it is readable, or wait.',
        guide: {
            page: 'replication-and-archive.md#archive-tiers-thaw-before-restoring',
            title: 'Replication and archive tiers',
        },
        outputs: [
            { name: 'key', description: 'Object key of the backup.' },
            { name: 'storage-class', description: 'Its storage class (GLACIER, DEEP_ARCHIVE, or an instant class).' },
            {
                name: 'readable',
                description: 'true once it can be read (a run that stops before, exit status 75, sets no outputs).',
                type: 'boolean',
            },
        ],
    },
    prune: {
        action: { folder: 'prune', title: 'PostgreSQL backup retention' },
        description: 'Delete backups the retention policy no longer keeps, with their sidecars; dry-run prints the plan.',
        guide: { page: 'retention-and-cost.md', title: 'Retention and cost' },
        outputs: [
            { name: 'kept', description: 'Number of backups kept.', type: 'number' },
            {
                name: 'deleted',
                description: 'Number of backups deleted (with their sidecars); 0 on a dry run.',
                type: 'number',
            },
            {
                name: 'locked',
                description: 'Backups due for deletion but kept because Object Lock protects them.',
                type: 'number',
            },
            {
                name: 'plan',
                description: 'The plan as JSON: every backup, keep or delete, and the rules that kept it.',
                type: 'json',
            },
        ],
        json: '`dryRun`, `orphans` (sidecars whose backup is gone), `staleClaims` (claims left by runs that did not end cleanly)',
    },
    lifecycle: {
        action: { folder: 'lifecycle', title: 'S3 lifecycle rules for PostgreSQL backups' },
        description: "Print or apply lifecycle rules that expire backups by their tier tag, merged with the bucket's.",
        guide: { page: 'retention-and-cost.md', title: 'Retention and cost' },
        outputs: [
            {
                name: 'rules',
                description: "The lifecycle configuration (merged with the bucket's rules when applied), as JSON.",
                type: 'json',
            },
            { name: 'applied', description: 'true when the rules were applied.', type: 'boolean' },
        ],
        json: '`added`, `replaced`, `kept` (rule ids, when applied)',
    },
    'bucket-init': {
        cli: ['bucket', 'init'],
        action: { folder: 'bucket-init', title: 'Set up the S3 bucket for PostgreSQL backups' },
        description: 'Create or complete the bucket: versioning, encryption, public access blocked, lifecycle rules.',
        guide: { page: 'bucket-setup.md', title: 'Bucket setup' },
        outputs: [{ name: 'report', description: 'Every step and its result, as JSON.', type: 'json' }],
    },
    'bucket-audit': {
        cli: ['bucket', 'audit'],
        action: { folder: 'bucket-audit', title: 'Audit the S3 bucket of PostgreSQL backups' },
        description: 'Check the bucket against the security checklist: passed, failed or unknown for each check.',
        guide: { page: 'bucket-setup.md', title: 'Bucket setup' },
        outputs: [
            { name: 'passed', description: 'Checks that passed.', type: 'number' },
            { name: 'failed', description: 'Checks that failed.', type: 'number' },
            { name: 'unknown', description: 'Checks that could not be read (e.g. AccessDenied).', type: 'number' },
            { name: 'report', description: 'Every check, as JSON.', type: 'json' },
        ],
    },
    'bucket-replicate': {
        cli: ['bucket', 'replicate'],
        action: { folder: 'bucket-replicate', title: 'Replicate PostgreSQL backups to another bucket' },
        description: "Replicate the backup prefix to a bucket in another region or account; print the role's policies.",
        guide: { page: 'replication-and-archive.md#replication', title: 'Replication and archive tiers' },
        outputs: [
            {
                name: 'configuration',
                description: "The bucket's replication configuration as written, as JSON.",
                type: 'json',
            },
            { name: 'changed', description: 'true when it was written (false: it was already so).', type: 'boolean' },
            { name: 'role-policy', description: 'The permissions policy of the replication role, as JSON.', type: 'json' },
            {
                name: 'trust-policy',
                description: 'The trust policy of the replication role (S3 assumes it), as JSON.',
                type: 'json',
            },
        ],
    },
    'iam-policy': {
        action: { folder: 'iam-policy', title: 'Least-privilege IAM policy for PostgreSQL backups' },
        description: 'Print the least-privilege IAM policy for the backup prefix, and the GitHub OIDC trust policy.',
        guide: { page: 'bucket-setup.md', title: 'Bucket setup' },
        outputs: [
            { name: 'policy', description: 'The least-privilege policy JSON.', type: 'json' },
            {
                name: 'trust-policy',
                description: 'The GitHub OIDC trust policy JSON (when github-repository is set).',
                type: 'json',
            },
        ],
    },
    cost: {
        action: { folder: 'cost', title: 'Storage cost of PostgreSQL backups' },
        description: 'Estimate the monthly storage cost of a retention policy, minimum-duration charges included.',
        guide: { page: 'retention-and-cost.md', title: 'Retention and cost' },
        outputs: [
            {
                name: 'monthly-usd',
                description: 'Estimated monthly storage cost in USD with lifecycle rules by tier.',
                type: 'number',
            },
            {
                name: 'prune-monthly-usd',
                description: 'Estimated monthly storage cost in USD with prune instead.',
                type: 'number',
            },
            { name: 'report', description: 'The estimate per storage class, as JSON.', type: 'json' },
        ],
        json: '`input`, `estimates`, `comparison`',
    },
    demo: {
        cliOnly: true,
        description: 'Start a local PostgreSQL and S3 server, back up, list, restore and compare; no credentials needed.',
        outputs: [],
    },
};
const VERBS = TABLE;
/** Every CLI command, in the table's order. */
const COMMAND_NAMES = Object.keys(VERBS);
/** The CLI's words for a command: `bucket-init` → ['bucket', 'init']. */
const cliWords = (name) => VERBS[name].cli ?? [name];
/** The verbs that are GitHub Actions, with their folder and name. */
function actionVerbs() {
    return COMMAND_NAMES.flatMap((name) => {
        const { action, description } = VERBS[name];
        return action ? [{ verb: name, ...action, description }] : [];
    });
}
/** The one kebab → camelCase rule: an output's --json name (`duration-seconds` → durationSeconds), a flag's value. */
const camelCase = (name) => name.replace(/-([a-z0-9])/g, (_, c) => c.toUpperCase());


/***/ })

};
