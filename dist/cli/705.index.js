export const id = 705;
export const ids = [705];
export const modules = {

/***/ 3206:
/***/ ((__unused_webpack_module, __webpack_exports__, __webpack_require__) => {


// EXPORTS
__webpack_require__.d(__webpack_exports__, {
  Hv: () => (/* binding */ claimCopyKey),
  Uu: () => (/* binding */ copyError),
  FK: () => (/* binding */ copyPartsPlan),
  lt: () => (/* binding */ copyStreamPlan),
  WK: () => (/* binding */ discardCopy),
  BZ: () => (/* binding */ finishCopy),
  tO: () => (/* binding */ prepareCopy),
  Ts: () => (/* binding */ releaseCopy)
});

// EXTERNAL MODULE: ./src/core/errors.ts
var errors = __webpack_require__(4296);
// EXTERNAL MODULE: ./src/core/naming.ts
var naming = __webpack_require__(2607);
// EXTERNAL MODULE: ./src/retention/after-backup.ts
var after_backup = __webpack_require__(8987);
// EXTERNAL MODULE: ./src/s3/client.ts + 1 modules
var client = __webpack_require__(4181);
// EXTERNAL MODULE: ./src/s3/describe-error.ts
var describe_error = __webpack_require__(2974);
// EXTERNAL MODULE: ./src/s3/objects.ts + 1 modules
var objects = __webpack_require__(2821);
// EXTERNAL MODULE: ./src/store/sidecars.ts
var sidecars = __webpack_require__(397);
// EXTERNAL MODULE: ./src/s3/upload.ts
var upload = __webpack_require__(8165);
// EXTERNAL MODULE: ./src/backup/steps.ts
var steps = __webpack_require__(6857);
// EXTERNAL MODULE: ./src/core/streams.ts
var streams = __webpack_require__(894);
;// CONCATENATED MODULE: ./src/backup/copy-parts.ts



/** The copy's data parts and their .sha256 (the parts copied first when the server copies); the copy's part list. */
async function storeCopyParts(site, parts, tiered) {
    const own = parts.map((p) => ({ ...p, key: (0,streams/* partKeyFor */.YW)(p.key, site.key) }));
    for (const [i, p] of parts.entries()) {
        const to = own[i].key;
        if (site.serverSideFrom) {
            await (0,objects/* copyObject */.JH)(site.s3, {
                bucket: site.serverSideFrom,
                from: p.key,
                toBucket: site.bucket,
                to,
                size: p.size,
                extra: { ...tiered, StorageClass: site.storageClass },
            }).catch((err) => {
                throw site.s3Error(err, 'copying to', to);
            });
            site.written.push(to);
        }
        const sidecar = (0,naming/* checksumKey */.Rq)(to);
        await (0,objects/* putText */.rb)(site.s3, { ...tiered, Bucket: site.bucket, Key: sidecar, ContentType: 'text/plain', IfNoneMatch: '*' }, (0,naming/* checksumLine */.Ut)(p.sha256, to)).catch((err) => {
            throw site.s3Error(err, 'writing', sidecar);
        });
        site.written.push(sidecar);
    }
    return own;
}

;// CONCATENATED MODULE: ./src/backup/copy.ts











function prepareCopy(o, ctx) {
    if (!o.copy)
        return undefined;
    if (!o.copy.s3.credentials) {
        ctx.log.info(`copy: s3://${o.copy.s3.bucket}/${o.copy.s3.prefix} with the same credentials as the backups (same provider and endpoint)`);
    }
    return { options: o.copy, s3: (0,client/* clientFor */.$)(ctx, o.copy.s3), claims: [] };
}
/** An S3 failure of the copy, in one line that says it is the copy's. */
function copyError(copy, err, action, key) {
    const where = { bucket: copy.options.s3.bucket, key, endpoint: copy.options.s3.endpoint, action };
    const e = (0,describe_error/* describeS3Error */.ye)(err, where);
    if ((0,errors/* cancellationOf */.zg)(e))
        return e;
    const message = `copy: ${e.message.replace(/AWS_ACCESS_KEY_ID \/ AWS_SECRET_ACCESS_KEY/, 'copy-access-key-id / copy-secret-access-key')}`;
    return e instanceof errors/* UserError */.yo ? new errors/* UserError */.yo(message, { cause: err }) : new Error(message, { cause: err });
}
/** The copy's own view of the backup: its bucket and prefix, no SSE (another provider may not have it), no lock. */
function copyRun(run, copy) {
    const s3 = copy.options.s3;
    const o = { ...run.o, s3, sse: undefined, sseKmsKeyId: undefined, objectLock: undefined };
    return { ...run, o, s3: copy.s3, s3Error: (err, action, key) => copyError(copy, err, action, key) };
}
/** Claims the copy's key (the same name under the copy's prefix, _2 … when taken there). A failure drops the copy. */
async function claimCopyKey(run, copy) {
    if (!copy)
        return;
    try {
        copy.key = await (0,steps/* claimKey */.Eo)(copyRun(run, copy), copy.claims);
    }
    catch (err) {
        if ((0,errors/* cancellationOf */.zg)(err))
            throw err;
        copy.error = err;
        run.ctx.log.warning(`${(0,errors/* errorMessage */.gJ)(err)}; the backup goes on without its copy`, 'Copy failed');
    }
}
function copyParams(run, copy, tier) {
    const c = copyRun(run, copy);
    const common = { Bucket: copy.options.s3.bucket };
    return { common, tiered: (0,after_backup/* tieredParams */.WB)(c.o, common, tier, run.startedAt) };
}
/** The copy's multipart upload, fed by the tee; undefined when the copy was already dropped. */
function copySinkFor(run, copy, tier, sizes, key = copy?.key) {
    if (!copy?.key || !key || copy.error || copy.options.serverSide)
        return undefined;
    run.ctx.log.info(`copying to s3://${copy.options.s3.bucket}/${key} (${copy.options.storageClass})`);
    const sink = (0,upload/* uploadSink */.T)(copy.s3, {
        ...copyParams(run, copy, tier).tiered,
        Key: key,
        StorageClass: copy.options.storageClass,
        ContentType: 'application/octet-stream',
        IfNoneMatch: '*',
    }, { ...sizes, signal: run.ctx.signal });
    sink.completed.then(() => {
        if (key === copy.key)
            copy.stored = true;
        else {
            copy.written ??= [];
            copy.written.push(key);
        }
    }, () => undefined);
    copy.sinks ??= [];
    copy.sinks.push(sink);
    return sink;
}
/**
 * What the stream needs of the copy: its upload, given the part size, and what to do when it fails. `part`: one part
 * of a multi-stream backup, its key on the copy and its share of the queue; the first part to fail drops the copy
 * and stops the other parts' uploads.
 */
function copyStreamPlan(run, copy, tier, part) {
    if (!copy)
        return undefined;
    return {
        sink: (partSize) => copySinkFor(run, copy, tier, { partSize, queueSize: part?.queueSize ?? run.o.queueSize }, part?.key ?? copy.key),
        failed: (err) => {
            if (copy.error)
                return;
            copy.error = copyError(copy, err, 'uploading', part?.key ?? copy.key);
            run.ctx.log.warning(`${copy.error.message}; the backup goes on without its copy`, 'Copy failed');
            for (const s of copy.sinks ?? [])
                if (!s.destroyed)
                    s.destroy(copy.error);
        },
    };
}
/** A multi-stream backup: each part's stream feeds the copy's upload of that part too, named after the copy's key. */
function copyPartsPlan(run, copy, tier, ext) {
    return (i, queueSize) => copyStreamPlan(run, copy, tier, copy?.key ? { key: i ? (0,streams/* partKey */.be)(copy.key, ext, i) : copy.key, queueSize } : undefined);
}
/**
 * Once the primary is stored and latest: the copy's sidecars and the same latest pointers as the primary's, under
 * the copy's prefix (or the copy removed on failure). `pointers` are the primary's pointer keys (default latest.json).
 */
async function finishCopy(run, copy, manifest, pointers) {
    if (!copy)
        return undefined;
    const place = copy.options.s3;
    const uri = copy.key ? `s3://${place.bucket}/${copy.key}` : undefined;
    // writeSidecars removes the copy's key itself when it fails
    let keyRemoved = false;
    if (!copy.error && copy.key) {
        const { common, tiered } = copyParams(run, copy, manifest.tier);
        let own = { ...manifest, key: copy.key, storageClass: copy.options.storageClass };
        try {
            if (copy.options.serverSide) {
                await copyOnServer(run, copy, manifest, tiered);
                copy.stored = true;
            }
            if (manifest.parts)
                own = { ...own, parts: await storeCopyParts(copySite(run, copy), manifest.parts, tiered) };
            keyRemoved = true;
            await (0,sidecars/* writeSidecars */.U)({
                s3: copy.s3,
                ctx: run.ctx,
                bucket: place.bucket,
                prefix: place.prefix,
                key: copy.key,
                manifest: own,
                common,
                tiered,
                storageClass: copy.options.storageClass,
                s3Error: (err, action, key) => copyError(copy, err, action, key),
                ...(pointers ? { pointers: pointers.map((k) => (0,naming/* rebaseKey */.iQ)(k, run.o.s3.prefix, place.prefix)) } : {}),
            });
        }
        catch (err) {
            if ((0,errors/* cancellationOf */.zg)(err))
                throw err;
            copy.error = err;
        }
    }
    if (copy.error) {
        await removeCopy(copy, run.ctx, !keyRemoved);
        return { status: 'failed', error: copy.error, ...(copy.key ? { key: copy.key } : {}) };
    }
    copy.whole = true;
    run.ctx.log.info(`copy: ${uri} stored with its sidecars and latest pointers`);
    return { status: 'complete', key: copy.key, uri };
}
/** Same endpoint, region and credentials: the server copies the stored backup (CopyObject, UploadPartCopy). */
async function copyOnServer(run, copy, manifest, tiered) {
    run.ctx.log.info(`copying to s3://${copy.options.s3.bucket}/${copy.key} on the server (${copy.options.storageClass})`);
    try {
        await (0,objects/* copyObject */.JH)(copy.s3, {
            bucket: run.o.s3.bucket,
            from: manifest.key,
            toBucket: copy.options.s3.bucket,
            to: copy.key,
            size: manifest.size,
            extra: { ...tiered, StorageClass: copy.options.storageClass },
        });
    }
    catch (err) {
        throw copyError(copy, err, 'copying to', copy.key);
    }
}
/** The copy's site for the data parts of a multi-stream backup (./copy-parts.ts). */
function copySite(run, copy) {
    copy.written ??= [];
    return {
        s3: copy.s3,
        bucket: copy.options.s3.bucket,
        key: copy.key,
        written: copy.written,
        ...(copy.options.serverSide ? { serverSideFrom: run.o.s3.bucket } : {}),
        storageClass: copy.options.storageClass,
        s3Error: (err, action, key) => copyError(copy, err, action, key),
    };
}
/** The backup failed after the copy's upload completed: the copy goes too (it has no sidecars, and no backup). */
async function discardCopy(copy, ctx) {
    if (!copy || copy.whole)
        return;
    await removeCopy(copy, ctx, true);
}
/** Removes what the copy stored (its object when `withKey`, a multi-stream backup's parts and their .sha256). */
async function removeCopy(copy, ctx, withKey) {
    const keys = [...(withKey && copy.stored && copy.key ? [copy.key] : []), ...(copy.written ?? [])];
    if (!keys.length)
        return;
    const where = `s3://${copy.options.s3.bucket}/${keys[0]}`;
    const what = keys.length > 1 ? `${where} and ${keys.length - 1} more` : where;
    try {
        await (0,objects/* deleteKeys */.IO)(copy.s3, copy.options.s3.bucket, keys);
        copy.stored = false;
        copy.written?.splice(0);
        (0,errors/* noteCleanup */.jS)(ctx.signal, `the copy ${what} was removed`);
    }
    catch (err) {
        ctx.log.warning(`${copyError(copy, err, 'deleting', keys[0]).message}: delete ${what}, it has no sidecars`);
    }
}
/** The copy's claim goes when the run ends, however it ended. */
async function releaseCopy(copy, ctx) {
    for (const c of copy?.claims ?? []) {
        await c
            .release()
            .catch((err) => ctx.log.warning(copyError(copy, err, 'deleting the claim', err.claimKey).message));
    }
}


/***/ }),

/***/ 1252:
/***/ ((__unused_webpack_module, __webpack_exports__, __webpack_require__) => {


// EXPORTS
__webpack_require__.d(__webpack_exports__, {
  R: () => (/* binding */ backup),
  Q: () => (/* binding */ placeBackup)
});

// EXTERNAL MODULE: ./src/core/backup-manifest.ts
var backup_manifest = __webpack_require__(2579);
// EXTERNAL MODULE: ./src/store/sidecars.ts
var sidecars = __webpack_require__(397);
// EXTERNAL MODULE: ./src/core/naming.ts
var naming = __webpack_require__(2607);
// EXTERNAL MODULE: ./src/core/set-format.ts
var set_format = __webpack_require__(887);
// EXTERNAL MODULE: ./src/postgres/catalog.ts + 1 modules
var postgres_catalog = __webpack_require__(7295);
// EXTERNAL MODULE: ./src/postgres/introspect.ts
var introspect = __webpack_require__(9492);
// EXTERNAL MODULE: ./src/core/errors.ts
var errors = __webpack_require__(4296);
;// CONCATENATED MODULE: ./src/postgres/table-sizes.ts

const SIZES = `SELECT n.nspname AS schema, c.relname AS name, pg_table_size(c.oid)::text AS bytes
         FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace
        WHERE c.relkind = 'r' AND n.nspname NOT IN ('pg_catalog', 'information_schema')`;
function sizesOf(rows) {
    return { tables: new Map(rows.map((r) => [`${r.schema}.${r.name}`, Number(r.bytes)])) };
}
async function tableSizes(c) {
    const client = await (0,introspect/* connect */.Ng)(c);
    try {
        return sizesOf((await client.query(SIZES)).rows);
    }
    catch (err) {
        throw (0,introspect/* describePgError */.Ry)(err, c);
    }
    finally {
        await client.end().catch(() => undefined);
    }
}
/**
 * The sizes read in a transaction already open on `client` (the backup's snapshot), as one round trip: in a
 * savepoint, with a short lock_timeout, since pg_table_size takes a table's share lock and a session waiting to
 * lock a table exclusively must not hold the backup up for it. Undefined when they could not be read.
 */
async function tableSizesInTransaction(client) {
    try {
        const results = (await client.query(`SAVEPOINT s3b_sizes; SET LOCAL lock_timeout = '500ms'; ${SIZES}; RELEASE SAVEPOINT s3b_sizes`));
        return sizesOf(results[2].rows);
    }
    catch {
        await client.query('ROLLBACK TO SAVEPOINT s3b_sizes').catch(() => undefined);
        return undefined;
    }
}

;// CONCATENATED MODULE: ./src/postgres/snapshot.ts




/**
 * Counts on a second connection that imports the snapshot, like pg_dump does: a failing count (say, no SELECT on a
 * table) must not abort the exporting transaction while pg_dump may still be importing its snapshot, or pg_dump
 * would fail with "could not import the requested snapshot" instead of its own, real reason.
 */
async function countInSnapshot(c, id, tables) {
    const counter = await (0,introspect/* connect */.Ng)(c);
    try {
        await counter.query('BEGIN ISOLATION LEVEL REPEATABLE READ READ ONLY');
        await counter.query(`SET TRANSACTION SNAPSHOT '${id.replace(/'/g, "''")}'`);
        const counted = await (0,postgres_catalog/* countRows */.BO)(counter, tables);
        await counter.query('COMMIT');
        return counted;
    }
    finally {
        await counter.end().catch(() => undefined);
    }
}
async function openSnapshot(c, o, log, 
/** An open connection to the database, and the server it found: used instead of a new one and asking again. */
opened) {
    const client = opened?.client ?? (await (0,introspect/* connect */.Ng)(c));
    try {
        const server = opened?.server ?? (await (0,introspect/* serverInfo */.CR)(client));
        let id;
        try {
            // not in a savepoint: a snapshot cannot be exported from a subtransaction. Both in one round trip (a simple
            // query of two statements: a result each; a refused export leaves the transaction begun and failed)
            const [, exported] = (await client.query('BEGIN ISOLATION LEVEL REPEATABLE READ READ ONLY; SELECT pg_export_snapshot() AS id'));
            id = exported.rows[0].id;
        }
        catch (err) {
            await client.query('ROLLBACK');
            await client.query('BEGIN ISOLATION LEVEL REPEATABLE READ READ ONLY');
            log.warning(`could not export a snapshot (${(0,errors/* errorMessage */.gJ)(err)}): row counts are estimates`);
        }
        const catalog = await (0,postgres_catalog/* describeCatalog */.Nn)(client, o);
        const rowCounts = o.rowCounts === 'exact' && !id ? 'estimate' : o.rowCounts;
        let sizing;
        return {
            server,
            id,
            catalog,
            rowCounts,
            counts: async () => {
                try {
                    if (rowCounts === 'exact')
                        return await countInSnapshot(c, id, catalog.tables);
                    if (rowCounts === 'off')
                        return catalog.tables.map((t) => ({ ...t, rows: null }));
                    return catalog.tables;
                }
                catch (err) {
                    throw (0,introspect/* describePgError */.Ry)(err, c);
                }
            },
            tableSizes: () => {
                sizing ??= tableSizesInTransaction(client);
                return sizing;
            },
            close: async () => {
                await sizing; // one query at a time on a connection
                await client.query('COMMIT').catch(() => undefined);
                await client.end().catch(() => undefined);
            },
        };
    }
    catch (err) {
        await client.end().catch(() => undefined);
        throw (0,introspect/* describePgError */.Ry)(err, c);
    }
}

// EXTERNAL MODULE: ./src/postgres/tools.ts
var tools = __webpack_require__(8880);
// EXTERNAL MODULE: ./src/s3/client.ts + 1 modules
var client = __webpack_require__(4181);
// EXTERNAL MODULE: ./src/s3/describe-error.ts
var describe_error = __webpack_require__(2974);
// EXTERNAL MODULE: ./src/core/format.ts
var format = __webpack_require__(6228);
// EXTERNAL MODULE: ./src/encryption/encrypt.ts
var encrypt = __webpack_require__(1792);
// EXTERNAL MODULE: ./src/retention/after-backup.ts
var after_backup = __webpack_require__(8987);
// EXTERNAL MODULE: ./src/backup/steps.ts
var steps = __webpack_require__(6857);
// EXTERNAL MODULE: ./src/core/work-progress.ts
var work_progress = __webpack_require__(5916);
// EXTERNAL MODULE: external "node:os"
var external_node_os_ = __webpack_require__(8161);
// EXTERNAL MODULE: ./src/core/streams.ts
var core_streams = __webpack_require__(894);
// EXTERNAL MODULE: ./src/s3/objects.ts + 1 modules
var objects = __webpack_require__(2821);
;// CONCATENATED MODULE: ./src/backup/parts.ts
/**
 * A multi-stream backup: in the one exported snapshot, a schema part at the backup's key (the whole dump but the rows of
 * the parts' tables: pg_dump --exclude-table-data) and N data parts (pg_dump --data-only --table, the tables spread by
 * size) beside it, each its own stream and object with its
 * own .sha256. One part failing stops the others; whatever landed is removed, so a failed run leaves nothing.
 */








/** The data parts to dump, or undefined for one stream (asked, chosen by auto, or all that fits). */
async function planParts(run) {
    const { o, ctx, snap } = run;
    const asked = o.streams ?? 1;
    const cores = (0,external_node_os_.availableParallelism)();
    const streams = (0,core_streams/* chooseStreams */.N_)(asked, snap.server.databaseSize, cores);
    if (streams <= 1)
        return undefined;
    if (asked === 'auto' && (o.format !== 'custom' || o.latestCopy)) {
        const why = o.format !== 'custom' ? 'a plain dump' : 'latest-copy';
        ctx.log.info(`streams: auto would take ${streams} streams, but ${why} needs one object: one stream`);
        return undefined;
    }
    // the snapshot's own connection, already open; a second one only when that could not read them
    const sizes = (await snap.tableSizes()) ?? (await tableSizes(o.connection));
    run.progress?.sized(sizes.tables);
    const tables = snap.catalog.tables
        .filter((t) => t.kind === 'table')
        .map((t) => ({ schema: t.schema, name: t.name, bytes: sizes.tables.get(`${t.schema}.${t.name}`) ?? 0 }));
    const parts = (0,core_streams/* partitionTables */.aG)(tables, streams);
    if (!parts.length) {
        ctx.log.info('streams: no table to spread over data parts: one stream');
        return undefined;
    }
    const how = asked === 'auto' ? `auto, from ${(0,format/* plural */.LS)(cores, 'core')} and ${(0,format/* formatBytes */.z3)(snap.server.databaseSize)}` : 'asked';
    ctx.log.info(`streams: ${parts.length} data parts from one snapshot (${how}): ` +
        parts.map((p, i) => `${i + 1}: ${(0,format/* plural */.LS)(p.tables.length, 'table')} ~${(0,format/* formatBytes */.z3)(p.bytes)}`).join(', '));
    return parts;
}
/** The schema part and every data part at once; all land, with their .sha256, or nothing stays. */
async function streamParts(run, a, parts) {
    const keys = [a.key, ...parts.map((_, i) => (0,core_streams/* partKey */.be)(a.key, a.ext, i + 1))];
    const landed = [];
    const remove = () => removeLanded(run, landed);
    const results = await runAll(run, a, parts, keys, landed).catch(async (err) => {
        await remove();
        throw err;
    });
    try {
        for (const [i, r] of results.entries()) {
            if (i === 0)
                continue;
            const sidecar = (0,naming/* checksumKey */.Rq)(keys[i]);
            await (0,objects/* putText */.rb)(run.s3, { ...a.tiered, Key: sidecar, ContentType: 'text/plain', IfNoneMatch: '*' }, (0,naming/* checksumLine */.Ut)(r.sha256, keys[i])).catch((err) => {
                throw run.s3Error(err, 'writing', sidecar);
            });
            landed.push(sidecar);
        }
    }
    catch (err) {
        await remove();
        throw err;
    }
    const total = results.reduce((n, r) => n + r.bytes, 0);
    run.ctx.log.info(`parts: ${(0,format/* plural */.LS)(keys.length, 'object')} stored, ${(0,format/* formatBytes */.z3)(total)} in all`);
    return { schema: results[0], parts: manifestParts(parts, keys, results), remove };
}
/** Every stream at once under one signal: the first failure stops the others, and is the one reported. */
async function runAll(run, a, parts, keys, landed) {
    const { ctx, o } = run;
    const stop = new AbortController();
    const onCancel = () => stop.abort(ctx.signal.reason);
    if (ctx.signal.aborted)
        onCancel();
    ctx.signal.addEventListener('abort', onCancel, { once: true });
    const partRun = { ...run, ctx: { ...ctx, signal: stop.signal } };
    const queueSize = Math.max(1, Math.floor(o.queueSize / keys.length));
    const uploaded = keys.map(() => 0);
    const all = parts.flatMap((p) => p.tables.map(core_streams/* exactTablePattern */.mN));
    let first;
    const one = async (i) => {
        // the schema part: the whole dump but the parts' tables' rows; a data part: its tables' rows
        const dump = i === 0 ? { excludeTableData: all } : { dataOnly: true, tables: parts[i - 1].tables.map(core_streams/* exactTablePattern */.mN) };
        const onProgress = (bytes) => {
            uploaded[i] = bytes;
            (0,steps/* uploadProgress */.f)(run, uploaded.reduce((n, b) => n + b, 0));
        };
        try {
            const counting = i === 0 ? a.counting : Promise.resolve();
            const copy = a.copyFor?.(i, queueSize);
            const r = await (0,steps/* streamToS3 */.WX)(partRun, {
                ...a,
                key: keys[i],
                counting,
                part: { dump, queueSize, onProgress },
                ...(copy ? { copy } : {}),
            });
            landed.push(keys[i]);
            return r;
        }
        catch (err) {
            first ??= err;
            stop.abort(first);
            throw err;
        }
    };
    try {
        const settled = await Promise.allSettled(keys.map((_, i) => one(i)));
        if (first !== undefined)
            throw first;
        return settled.map((s) => s.value);
    }
    finally {
        ctx.signal.removeEventListener('abort', onCancel);
    }
}
function manifestParts(parts, keys, results) {
    return parts.map((p, i) => ({
        key: keys[i + 1],
        size: results[i + 1].bytes,
        rawSize: results[i + 1].rawBytes ?? null,
        sha256: results[i + 1].sha256,
        tables: p.tables.map((t) => `${t.schema}.${t.name}`),
    }));
}
async function removeLanded(run, landed) {
    if (!landed.length)
        return;
    const keys = landed.splice(0);
    await (0,objects/* deleteKeys */.IO)(run.s3, run.o.s3.bucket, keys).then(() => (0,errors/* noteCleanup */.jS)(run.ctx.signal, `the parts stored so far were removed (${keys.map(naming/* basename */.P8).join(', ')})`), (err) => {
        const line = `could not remove ${keys.join(', ')} after the failure: ${(0,errors/* errorMessage */.gJ)(err)}`;
        run.ctx.log.warning(line);
        (0,errors/* noteCleanup */.jS)(run.ctx.signal, line);
    });
}

// EXTERNAL MODULE: ./src/backup/copy.ts + 1 modules
var backup_copy = __webpack_require__(3206);
;// CONCATENATED MODULE: ./src/backup/database.ts















async function backup(o, given, member = {}) {
    const { label } = member;
    const progress = given.onProgress;
    const ctx = label && progress
        ? { ...given, onProgress: (p) => progress({ ...p, label }) }
        : given;
    const startedAt = ctx.now();
    const s3 = (0,client/* clientFor */.$)(ctx, o.s3);
    // recipients are checked before anything else: a bad key must not cost a connection or a dump
    const encryptor = o.encryption ? await (0,encrypt/* openEncryption */.o)(o.encryption) : undefined;
    // 1. the server, and the snapshot pg_dump will dump (its catalog and row counts go into the manifest)
    const finding = member.server ? (0,steps/* findTools */.f$)(o, ctx, member.server) : undefined;
    if (finding)
        finding.catch(() => undefined);
    else
        (0,tools/* probeAhead */.KZ)('pg_dump', o.pgBinDir);
    const taken = member.server && member.connection?.();
    const opened = taken ? { client: taken, server: member.server } : undefined;
    const snap = await openSnapshot(o.connection, o, ctx.log, opened);
    let result;
    const claims = [];
    const copy = (0,backup_copy/* prepareCopy */.tO)(o, ctx);
    try {
        result = await backupInSnapshot(o, ctx, { snap, s3, startedAt, claims, copy, encryptor, member, finding });
    }
    catch (err) {
        // no copy without its backup: a copy whose upload completed before the backup failed is removed
        await (0,backup_copy/* discardCopy */.WK)(copy, ctx);
        throw err;
    }
    finally {
        await snap.close();
        await (0,backup_copy/* releaseCopy */.Ts)(copy, ctx);
        // the key's claim goes when the run ends, however it ended: a stored backup now guards its key itself
        for (const c of claims) {
            await c.release().catch((err) => ctx.log.warning((0,describe_error/* describeS3Error */.ye)(err, {
                bucket: o.s3.bucket,
                key: err.claimKey,
                endpoint: o.s3.endpoint,
                action: 'deleting the claim',
            }).message));
        }
    }
    // only once the backup is stored: retention, cost estimate, audit (never undoing the backup)
    const name = o.name ?? (0,steps/* keyName */.xT)(o.connection.database);
    result.retention = await (0,after_backup/* afterBackup */.Np)(o, ctx, s3, {
        tier: result.retention.tier,
        size: result.size,
        name,
        at: member.keyAt ?? startedAt,
    });
    return result;
}
async function backupInSnapshot(o, ctx, r) {
    const { snap, s3, startedAt, claims, copy, encryptor } = r;
    const s3Error = (0,describe_error/* s3ErrorsOf */.z7)(o.s3);
    const run = { o, ctx, s3, snap, startedAt, keyAt: r.member.keyAt ?? startedAt, encryptor, s3Error };
    const { server, catalog } = snap;
    ctx.log.info(`server: PostgreSQL ${server.version}, database "${o.connection.database}" ${(0,format/* formatBytes */.z3)(server.databaseSize)}, ${(0,format/* plural */.LS)(catalog.tables.length, 'table')}`);
    // 2.–4. the key claimed and the tier listed while pg_dump starts (the upload waits for them), then the stream
    const name = o.name ?? (0,steps/* keyName */.xT)(o.connection.database);
    const counting = snap.counts();
    counting.catch(() => undefined);
    const ext = (0,naming/* extensionFor */.ly)(o.format, o.compression, encryptor?.method);
    if (o.format === 'custom')
        run.progress = new work_progress/* DumpTables */._(dumpedTables(catalog));
    const { key, tier, common, tiered, bin, compressor, stored, stream, sized } = await dumpPlaced(run, {
        claims,
        copy,
        name,
        counting,
        ext,
        finding: r.finding,
        dumping: r.member.dumping,
    });
    await sized;
    (0,steps/* uploadProgress */.f)(run, stream.bytes + (stored?.parts ?? []).reduce((n, p) => n + p.size, 0), true);
    // 5. sidecars, then pointers; any failure removes what this run wrote
    const manifest = {
        ...manifestOf(run, { key, tier, bin, compressor: compressor.label, stream, tables: await counting }),
        ...(stored ? { parts: stored.parts } : {}),
    };
    const copyKey = o.latestCopy ? (0,naming/* latestCopyKey */._Z)(o.s3.prefix, ext) : undefined;
    const place = {
        bucket: o.s3.bucket,
        prefix: o.s3.prefix,
        storageClass: o.storageClass,
        beforePointers: r.member.beforePointers,
    };
    const pointers = r.member.pointers ?? [(0,set_format/* latestNamePointerKey */.tO)(o.s3.prefix, name), (0,naming/* latestPointerKey */.OV)(o.s3.prefix)];
    await (0,sidecars/* writeSidecars */.U)({ s3, ctx, ...place, key, manifest, common, tiered, copyKey, s3Error, pointers }).catch(async (err) => {
        await stored?.remove();
        throw err;
    });
    ctx.log.info(`done: ${r.member.label ? `${r.member.label}: ` : ''}${(0,format/* formatBytes */.z3)(stream.bytes)} stored${stream.rawBytes ? ` from ${(0,format/* formatBytes */.z3)(stream.rawBytes)}` : ''}, sha256 ${stream.sha256}`);
    const copied = await (0,backup_copy/* finishCopy */.BZ)(run, copy, manifest, pointers);
    const result = resultOf(o.s3.bucket, manifest, bin.version, copyKey);
    // a multi-stream backup's size is what it stores: the schema part and every data part
    for (const p of manifest.parts ?? []) {
        result.size += p.size;
        result.rawSize = result.rawSize === null || p.rawSize === null ? null : result.rawSize + p.rawSize;
    }
    return { ...result, ...(copied ? { copy: copied } : {}) };
}
/** Steps 2 to 4: pg_dump (and the compressor) found and started while the key is claimed and the tier listed. */
async function dumpPlaced(run, r) {
    const placing = placeBackup(run, r.claims, r.copy, r.name);
    placing.catch(() => undefined);
    const copyForParts = async () => (0,backup_copy/* copyPartsPlan */.FK)(run, r.copy, (await placing).tier, r.ext);
    try {
        const { bin, compressor } = await (0,steps/* tools */.Yl)(run, r.finding);
        const dataParts = await planParts(run);
        // one stream: the sizes are read on the snapshot's connection while pg_dump starts
        const sized = dataParts ? undefined : run.snap.tableSizes().then((s) => s && run.progress?.sized(s.tables));
        const { counting, ext } = r;
        const single = dataParts
            ? undefined
            : (0,steps/* streamToS3Placed */.XW)(run, { bin, compressor, counting }, placing.then((pl) => ({ ...pl, copy: (0,backup_copy/* copyStreamPlan */.lt)(run, r.copy, pl.tier) })));
        r.dumping?.();
        const stored = dataParts
            ? await streamParts(run, { ...(await placing), bin, compressor, counting, ext, copyFor: await copyForParts() }, dataParts)
            : undefined;
        const stream = stored?.schema ?? (await single);
        return { ...(await placing), bin, compressor, stored, stream, sized };
    }
    catch (err) {
        // a claim still under way settles before the run's end releases the claims
        await placing.catch(() => undefined);
        throw err;
    }
}
/** The backup's key (and its copy's) claimed, and its tier from the listing of earlier backups, all at once. */
async function placeBackup(run, claims, copy, name) {
    const { o, s3 } = run;
    const [key, copied, tier] = await Promise.allSettled([
        (0,steps/* claimKey */.Eo)(run, claims),
        (0,backup_copy/* claimCopyKey */.Hv)(run, copy),
        (0,after_backup/* tierBeforeUpload */.NT)(s3, o, name, run.keyAt).catch((err) => {
            throw run.s3Error(err, 'listing', o.s3.prefix);
        }),
    ]);
    for (const x of [key, copied, tier])
        if (x.status === 'rejected')
            throw x.reason;
    const k = key.value;
    const t = tier.value;
    return { key: k, tier: t, ...(0,steps/* putParams */.Km)(o, t, run.keyAt) };
}
/** The tables whose rows the dump holds ("schema.name"). */
const dumpedTables = (c) => c.tables.filter((t) => t.kind === 'table').map((t) => `${t.schema}.${t.name}`);
/** the manifest of a stored stream: what was dumped, from where, how, and what the stream measured */
function manifestOf(run, m) {
    const { o, ctx, snap, startedAt, encryptor } = run;
    return (0,backup_manifest/* backupManifest */.i)({
        o,
        ...m,
        server: snap.server,
        catalog: snap.catalog,
        rowCounts: snap.rowCounts,
        snapshot: snap.id,
        encryption: encryptor?.manifest ?? null,
        startedAt,
        finishedAt: ctx.now(),
        env: ctx.env,
    });
}
function resultOf(bucket, manifest, pgDumpVersion, latestCopyKey) {
    const key = manifest.key;
    return {
        key,
        uri: `s3://${bucket}/${key}`,
        size: manifest.size,
        rawSize: manifest.rawSize,
        sha256: manifest.sha256,
        durationSeconds: manifest.durationSeconds,
        serverVersion: manifest.database.serverVersion,
        pgDumpVersion,
        manifestKey: (0,naming/* manifestKey */.Rn)(key),
        checksumKey: (0,naming/* checksumKey */.Rq)(key),
        latestCopyKey,
        manifest,
        retention: { tier: manifest.tier },
    };
}


/***/ }),

/***/ 6857:
/***/ ((__unused_webpack_module, __webpack_exports__, __webpack_require__) => {

/* harmony export */ __webpack_require__.d(__webpack_exports__, {
/* harmony export */   Eo: () => (/* binding */ claimKey),
/* harmony export */   Km: () => (/* binding */ putParams),
/* harmony export */   WX: () => (/* binding */ streamToS3),
/* harmony export */   XW: () => (/* binding */ streamToS3Placed),
/* harmony export */   Yl: () => (/* binding */ tools),
/* harmony export */   f: () => (/* binding */ uploadProgress),
/* harmony export */   f$: () => (/* binding */ findTools),
/* harmony export */   tZ: () => (/* binding */ backupObjectSink),
/* harmony export */   xT: () => (/* binding */ keyName),
/* harmony export */   z3: () => (/* binding */ streamError)
/* harmony export */ });
/* harmony import */ var _stream_compress_js__WEBPACK_IMPORTED_MODULE_0__ = __webpack_require__(9042);
/* harmony import */ var _core_errors_js__WEBPACK_IMPORTED_MODULE_1__ = __webpack_require__(4296);
/* harmony import */ var _core_naming_js__WEBPACK_IMPORTED_MODULE_2__ = __webpack_require__(2607);
/* harmony import */ var _stream_pipeline_js__WEBPACK_IMPORTED_MODULE_3__ = __webpack_require__(6416);
/* harmony import */ var _core_plan_js__WEBPACK_IMPORTED_MODULE_4__ = __webpack_require__(4620);
/* harmony import */ var _postgres_argv_js__WEBPACK_IMPORTED_MODULE_16__ = __webpack_require__(5553);
/* harmony import */ var _postgres_connection_js__WEBPACK_IMPORTED_MODULE_5__ = __webpack_require__(5701);
/* harmony import */ var _postgres_tools_js__WEBPACK_IMPORTED_MODULE_6__ = __webpack_require__(8880);
/* harmony import */ var _store_claims_js__WEBPACK_IMPORTED_MODULE_7__ = __webpack_require__(392);
/* harmony import */ var _s3_upload_js__WEBPACK_IMPORTED_MODULE_8__ = __webpack_require__(8165);
/* harmony import */ var _stream_tee_js__WEBPACK_IMPORTED_MODULE_9__ = __webpack_require__(8978);
/* harmony import */ var _stream_deferred_sink_js__WEBPACK_IMPORTED_MODULE_10__ = __webpack_require__(449);
/* harmony import */ var _s3_multipart_js__WEBPACK_IMPORTED_MODULE_11__ = __webpack_require__(6242);
/* harmony import */ var _stream_which_js__WEBPACK_IMPORTED_MODULE_12__ = __webpack_require__(8929);
/* harmony import */ var _core_format_js__WEBPACK_IMPORTED_MODULE_15__ = __webpack_require__(6228);
/* harmony import */ var _stream_stall_watch_js__WEBPACK_IMPORTED_MODULE_13__ = __webpack_require__(680);
/* harmony import */ var _retention_after_backup_js__WEBPACK_IMPORTED_MODULE_14__ = __webpack_require__(8987);
/* harmony import */ var _postgres_verbose_js__WEBPACK_IMPORTED_MODULE_17__ = __webpack_require__(917);


















/** Database names may hold anything; keys get a safe form. */
function keyName(database) {
    return database.replace(/[^A-Za-z0-9._-]+/g, '-').replace(/^[-.]+/, '') || 'database';
}
/** pg_dump for the server's major, and the compressor; started early, it runs while the snapshot opens. */
async function findTools(o, ctx, server) {
    const bin = await (0,_postgres_tools_js__WEBPACK_IMPORTED_MODULE_6__/* .findPgBin */ .mQ)({
        tool: 'pg_dump',
        required: server.major,
        pgBinDir: o.pgBinDir,
        because: `the server is PostgreSQL ${server.version}`,
        install: ctx.installClient,
    });
    const compressor = (0,_stream_compress_js__WEBPACK_IMPORTED_MODULE_0__/* .planCompressor */ .PM)(o.compression, o.compressionLevel, {
        zstd: await (0,_stream_which_js__WEBPACK_IMPORTED_MODULE_12__/* .which */ .K)('zstd', ctx.env),
        nodeZstd: (0,_stream_compress_js__WEBPACK_IMPORTED_MODULE_0__/* .nodeHasZstd */ .Y5)(),
    });
    return { bin, compressor };
}
/** The tools of the run (those found early, or found now), said in the log. */
async function tools(run, found) {
    const t = await (found ?? findTools(run.o, run.ctx, run.snap.server));
    run.ctx.log.info(`pg_dump: ${t.bin.version} from ${t.bin.dir}`);
    return t;
}
/** The put parameters: the bucket's (encryption, tags), and the backup's own (its tier tag and lock). */
function putParams(o, tier, startedAt) {
    const common = {
        Bucket: o.s3.bucket,
        ...(o.sse ? { ServerSideEncryption: o.sse } : {}),
        ...(o.sseKmsKeyId ? { SSEKMSKeyId: o.sseKmsKeyId } : {}),
        ...((0,_core_plan_js__WEBPACK_IMPORTED_MODULE_4__/* .taggingHeader */ .tS)(o.tags) ? { Tagging: (0,_core_plan_js__WEBPACK_IMPORTED_MODULE_4__/* .taggingHeader */ .tS)(o.tags) } : {}),
    };
    return { common, tiered: (0,_retention_after_backup_js__WEBPACK_IMPORTED_MODULE_14__/* .tieredParams */ .WB)(o, common, tier, startedAt) };
}
/** Backups are never overwritten: a key taken this second (by an object or another run's claim) moves on to _2 … */
async function claimKey(run, claims) {
    const { o, ctx } = run;
    const name = o.name ?? keyName(o.connection.database);
    const keyFor = (seq) => (0,_core_naming_js__WEBPACK_IMPORTED_MODULE_2__/* .backupKey */ .eT)({
        prefix: o.s3.prefix,
        name,
        environment: o.environment,
        at: run.keyAt,
        format: o.format,
        compression: o.compression,
        encryption: run.encryptor?.method,
        seq,
    });
    try {
        claims.push(await (0,_store_claims_js__WEBPACK_IMPORTED_MODULE_7__/* .claimBackupKey */ .u)(run.s3, {
            bucket: o.s3.bucket,
            keyFor,
            signal: ctx.signal,
            onStrayClaim: (err) => ctx.log.warning(run.s3Error(err, 'deleting the claim', err.claimKey).message),
            put: {
                ...(o.sse ? { ServerSideEncryption: o.sse } : {}),
                ...(o.sseKmsKeyId ? { SSEKMSKeyId: o.sseKmsKeyId } : {}),
            },
        }));
    }
    catch (err) {
        const at = err;
        const action = at.claimAction === 'deleting'
            ? 'deleting the claim'
            : at.claimAction === 'writing'
                ? 'writing the claim'
                : 'listing';
        throw run.s3Error(err, action, at.claimKey ?? o.s3.prefix);
    }
    const key = claims[0].key;
    if (key !== keyFor(1))
        ctx.log.info(`${keyFor(1)} is taken (another backup in the same second): this one is ${key}`);
    return key;
}
/** pg_dump → compressor → [encryption] → hash → one multipart upload, completed only if every process exited 0. */
function streamToS3(run, p) {
    return streamToS3Placed(run, p, Promise.resolve(p));
}
/**
 * The same stream, started before its placement is known: pg_dump runs while the key is claimed, and its first chunk
 * waits for the upload (nothing is written before the key is this run's). A placement that fails stops the dump and is
 * the run's error.
 */
async function streamToS3Placed(run, p, placed) {
    const { o, ctx } = run;
    const size = run.snap.server.databaseSize;
    const floor = p.part ? _core_plan_js__WEBPACK_IMPORTED_MODULE_4__/* .S3_MIN_PART */ .gH : _core_plan_js__WEBPACK_IMPORTED_MODULE_4__/* .AUTO_MIN_PART */ .$C;
    const partSize = (0,_core_plan_js__WEBPACK_IMPORTED_MODULE_4__/* .choosePartSize */ .mm)(size, o.compression, o.partSize, o.s3.provider.maxParts, floor);
    let sink;
    const destination = placed.then((pl) => {
        ctx.log.info(`writing s3://${o.s3.bucket}/${pl.key} (${p.compressor.label}${run.encryptor ? `, encrypted: ${run.encryptor.label}` : ''}, parts of ${(0,_core_format_js__WEBPACK_IMPORTED_MODULE_15__/* .formatBytes */ .z3)(partSize)} × ${p.part?.queueSize ?? o.queueSize}, tier ${pl.tier})`);
        sink = backupObjectSink(run, pl.key, pl.tiered, {
            partSize,
            queueSize: p.part?.queueSize ?? o.queueSize,
            onProgress: p.part?.onProgress ?? ((bytes) => uploadProgress(run, bytes)),
            signal: ctx.signal,
        });
        const copySink = pl.copy?.sink(partSize);
        return copySink ? (0,_stream_tee_js__WEBPACK_IMPORTED_MODULE_9__/* .teeSink */ .A)(sink, copySink, (err) => pl.copy.failed(err)) : sink;
    });
    const lines = run.progress?.stream();
    let stream;
    try {
        stream = await (0,_stream_pipeline_js__WEBPACK_IMPORTED_MODULE_3__/* .runBackupStream */ .E)({
            dump: {
                command: `${p.bin.dir}/pg_dump`,
                args: (0,_postgres_argv_js__WEBPACK_IMPORTED_MODULE_16__/* .pgDumpArgs */ .vy)({
                    dbUrl: (0,_postgres_connection_js__WEBPACK_IMPORTED_MODULE_5__/* .connectionUrl */ .C7)(o.connection),
                    format: o.format,
                    excludeTables: o.excludeTables,
                    schemas: o.schemas,
                    snapshot: run.snap.id,
                    create: true,
                    ...(p.part ? { part: p.part.dump } : {}),
                    verbose: !!lines,
                }),
                env: (0,_postgres_connection_js__WEBPACK_IMPORTED_MODULE_5__/* .toolEnv */ .oW)(o.connection, ctx.env),
                ...(lines ? { onLine: (0,_postgres_verbose_js__WEBPACK_IMPORTED_MODULE_17__/* .verboseReader */ .kO)('pg_dump', lines) } : {}),
            },
            compressor: p.compressor,
            ...(run.encryptor ? { stages: [run.encryptor.stage()] } : {}),
            sink: (0,_stream_deferred_sink_js__WEBPACK_IMPORTED_MODULE_10__/* .deferredSink */ .N)(destination),
            signal: ctx.signal,
            alsoWaitFor: p.counting,
            stall: { limitMs: o.stallTimeoutMs, describe: (ms) => stallLine(o, ms) },
        });
    }
    catch (err) {
        // the placement's own failure (a claim or listing refused) is the run's error, not the dump it stopped
        const placing = await placed.then((pl) => ({ key: pl.key }), (e) => ({ error: e }));
        if ('error' in placing)
            throw placing.error;
        throw streamError(run, err, placing.key);
    }
    lines?.end();
    const key = (await placed).key;
    if ((0,_s3_multipart_js__WEBPACK_IMPORTED_MODULE_11__/* .completedByLooking */ .sL)(await sink.completed)) {
        ctx.log.info(`the answer to CompleteMultipartUpload was lost; s3://${o.s3.bucket}/${key} is there with this upload's size and multipart ETag: completed`);
    }
    return stream;
}
/** The bytes uploaded so far, and how far the dump is by its tables once their sizes are known. */
function uploadProgress(run, bytes, final = false) {
    const work = final ? run.progress?.all() : run.progress?.work();
    if (final && !work)
        return;
    run.ctx.onProgress?.({ phase: 'upload', bytes, ...(work ? { work } : {}), ...(final ? { final } : {}) });
}
/** The multipart upload of a backup object under its claimed key, never over an object already there. */
function backupObjectSink(run, key, tiered, options) {
    return (0,_s3_upload_js__WEBPACK_IMPORTED_MODULE_8__/* .uploadSink */ .T)(run.s3, {
        ...tiered,
        Key: key,
        StorageClass: run.o.storageClass,
        ContentType: 'application/octet-stream',
        IfNoneMatch: '*',
    }, options);
}
/** A stream that failed: user and tool errors as they are, anything else as the S3 upload's error. */
function streamError(run, err, key) {
    if (err instanceof _core_errors_js__WEBPACK_IMPORTED_MODULE_1__/* .UserError */ .yo || err.name === 'ToolError')
        return err;
    return run.s3Error(err, 'uploading', key);
}
/** The one line of a dump that stopped sending (pg-stall-timeout): the peer, the likely causes, the setting. */
function stallLine(o, ms) {
    const c = o.connection;
    return (`pg_dump sent nothing for ${(0,_stream_stall_watch_js__WEBPACK_IMPORTED_MODULE_13__/* .formatLimit */ .tW)(ms)} (pg-stall-timeout): the dump of "${c.database}" from ${c.host}:${c.port} ` +
        'stalled (a lock held by another session, or a server that stopped answering) and the backup was stopped; ' +
        'look at pg_stat_activity on the server, or raise pg-stall-timeout');
}


/***/ }),

/***/ 6541:
/***/ ((__unused_webpack_module, __webpack_exports__, __webpack_require__) => {


// EXPORTS
__webpack_require__.d(__webpack_exports__, {
  s: () => (/* binding */ audit)
});

// EXTERNAL MODULE: ./src/core/errors.ts
var errors = __webpack_require__(4296);
// EXTERNAL MODULE: ./src/s3/client.ts + 1 modules
var s3_client = __webpack_require__(4181);
// EXTERNAL MODULE: ./src/core/manifest.ts
var manifest = __webpack_require__(4414);
// EXTERNAL MODULE: ./src/core/naming.ts
var naming = __webpack_require__(2607);
// EXTERNAL MODULE: ./src/core/retention/lifecycle-rules.ts
var lifecycle_rules = __webpack_require__(5388);
// EXTERNAL MODULE: ./src/core/retention/policy.ts
var policy = __webpack_require__(2738);
// EXTERNAL MODULE: ./src/s3/bucket.ts
var s3_bucket = __webpack_require__(4358);
// EXTERNAL MODULE: ./src/s3/describe-error.ts
var describe_error = __webpack_require__(2974);
// EXTERNAL MODULE: ./src/s3/objects.ts + 1 modules
var s3_objects = __webpack_require__(2821);
// EXTERNAL MODULE: ./src/core/select.ts
var core_select = __webpack_require__(3295);
// EXTERNAL MODULE: ./src/core/drill-proof.ts
var drill_proof = __webpack_require__(5593);
// EXTERNAL MODULE: ./src/store/drills.ts
var store_drills = __webpack_require__(6419);
;// CONCATENATED MODULE: ./src/bucket/audit-parts.ts



function manifestParts(meta) {
    if (!meta)
        return undefined;
    try {
        return (0,manifest/* parseManifest */.Ng)(meta).parts ?? [];
    }
    catch {
        return undefined;
    }
}
/** What is wrong with a backup's data parts (undefined: none, or all there and agreeing), given their sidecars' text. */
function partsProblem(b, meta, sums) {
    const named = manifestParts(meta);
    const listed = b.parts ?? [];
    if (!named)
        return listed.length ? `${b.key}: ${listed.length} data parts but no readable manifest naming them` : undefined;
    const bad = [];
    for (const p of named) {
        const part = `data part ${(0,naming/* basename */.P8)(p.key)}`;
        const stored = listed.find((x) => x.key === p.key);
        const line = (0,naming/* parseChecksumLine */.DB)(sums.get(p.key) ?? '');
        if (!stored)
            bad.push(`${part} missing`);
        else if (stored.size !== p.size)
            bad.push(`${part}: ${stored.size} bytes stored, the manifest says ${p.size}`);
        if (!line)
            bad.push(`${part}: no checksum sidecar`);
        else if (line.sha256 !== p.sha256)
            bad.push(`${part}: sidecar and manifest disagree`);
    }
    for (const x of listed.filter((x) => !named.some((p) => p.key === x.key)))
        bad.push(`data part ${(0,naming/* basename */.P8)(x.key)} is not in the manifest`);
    return bad.length ? `${b.key}: ${bad.join(', ')}` : undefined;
}
/** The data parts' problems of one backup: its manifest's parts' sidecars read, then the verdict. */
async function readPartsProblem(s3, bucket, b, meta) {
    const named = manifestParts(meta) ?? [];
    const sums = new Map();
    await Promise.all(named.map(async (p) => sums.set(p.key, await (0,s3_objects/* getText */.q4)(s3, bucket, (0,naming/* checksumKey */.Rq)(p.key)))));
    return partsProblem(b, meta, sums);
}

;// CONCATENATED MODULE: ./src/bucket/audit-checks.ts












const RECENT = 7;
function unknownFrom(err) {
    const code = (0,describe_error/* s3ErrorCode */.az)(err) ?? 'Error';
    if (code === 'AccessDenied' || code === 'Forbidden')
        return 'AccessDenied: these credentials may not read it';
    if (code === 'NotImplemented' || code === 'InvalidArgument' || code === 'InvalidRequest')
        return `${code}: this server does not implement it`;
    return `${code}: ${(0,errors/* errorMessage */.gJ)(err)}`;
}
async function check(name, fn) {
    try {
        const [status, detail] = await fn();
        return { check: name, status, detail };
    }
    catch (err) {
        return { check: name, status: 'unknown', detail: unknownFrom(err) };
    }
}
/** Default encryption, versioning, the public access block and Object Lock, in the report's order around lifecycle. */
function settingsChecks(s3, bucket) {
    return {
        before: [
            check('default encryption', async () => {
                const enc = await (0,s3_bucket/* getEncryption */.Ys)(s3, bucket);
                return enc
                    ? ['ok', `${enc.algorithm}${enc.kmsKeyId ? ` (${enc.kmsKeyId})` : ''}`]
                    : ['fail', 'no default encryption rule'];
            }),
            check('versioning', async () => {
                const v = await (0,s3_bucket/* getVersioning */.Vz)(s3, bucket);
                return v === 'Enabled' ? ['ok', 'enabled'] : ['fail', v ? `versioning is ${v}` : 'never enabled'];
            }),
            check('public access blocked', async () => {
                const pab = await (0,s3_bucket/* getPublicAccessBlock */.xO)(s3, bucket);
                const off = Object.keys(s3_bucket/* ALL_BLOCKED */.nu).filter((k) => !pab?.[k]);
                return off.length ? ['fail', `not set: ${off.join(', ')}`] : ['ok', 'all four settings on'];
            }),
        ],
        objectLock: check('Object Lock', async () => (await (0,s3_bucket/* getObjectLockEnabled */.E7)(s3, bucket))
            ? ['ok', 'enabled']
            : ['fail', 'not enabled (backups can be deleted by anyone with DeleteObject)']),
    };
}
const covers = (r, prefix) => {
    const p = r.Filter?.Prefix ?? r.Filter?.And?.Prefix ?? r.Prefix ?? '';
    return r.Status === 'Enabled' && `${prefix}/`.startsWith(p);
};
/** Do the bucket's lifecycle rules expire backups under the prefix? */
function expirationVerdict(r, prefix) {
    const ours = policy/* TIERS */.iB.map((t) => r.find((x) => x.ID === (0,lifecycle_rules/* ruleId */.IC)(prefix, t) && x.Status === 'Enabled')).filter(Boolean);
    if (ours.length)
        return ['ok', `tier rules: ${ours.map((x) => `${x.ID.split(':').pop()} ${x.Expiration?.Days} d`).join(', ')}`];
    const other = r.find((x) => covers(x, prefix) && (x.Expiration?.Days || x.Expiration?.Date));
    return other
        ? [
            'ok',
            `rule "${other.ID ?? '(no id)'}" expires objects after ${other.Expiration?.Days ?? other.Expiration?.Date} days`,
        ]
        : ['fail', `no rule expires backups under ${prefix}/ (run lifecycle --apply, or use retention)`];
}
/** Do the bucket's lifecycle rules abort unfinished multipart uploads under the prefix? */
function abortVerdict(r, prefix) {
    const rule = r.find((x) => covers(x, prefix) && x.AbortIncompleteMultipartUpload?.DaysAfterInitiation);
    return rule
        ? ['ok', `after ${rule.AbortIncompleteMultipartUpload.DaysAfterInitiation} days ("${rule.ID}")`]
        : ['fail', 'unfinished multipart uploads are kept (and billed) forever'];
}
/** The two lifecycle checks, on one read of the rules (a refused read makes both unknown). */
async function lifecycleChecks(s3, bucket, prefix) {
    let rules;
    let rulesError;
    try {
        rules = await (0,s3_bucket/* getLifecycle */.JK)(s3, bucket);
    }
    catch (err) {
        rulesError = err;
    }
    const fromRules = (fn) => async () => {
        if (rulesError)
            throw rulesError;
        return fn(rules, prefix);
    };
    return [
        check('lifecycle expiration', fromRules(expirationVerdict)),
        check('abort incomplete uploads', fromRules(abortVerdict)),
    ];
}
/** What is wrong with one stored backup's checksum sidecar and manifest (undefined: they agree). */
function backupProblem(b, sum, meta) {
    const line = sum ? (0,naming/* parseChecksumLine */.DB)(sum) : undefined;
    if (!line)
        return `${b.key}: no checksum sidecar`;
    if (!meta)
        return undefined;
    try {
        const m = (0,manifest/* parseManifest */.Ng)(meta);
        if (m.sha256 !== line.sha256)
            return `${b.key}: sidecar and manifest disagree`;
        if (m.size !== b.size)
            return `${b.key}: ${b.size} bytes stored, the manifest says ${m.size}`;
    }
    catch {
        return `${b.key}: unreadable manifest`;
    }
    return undefined;
}
function checksumsCheck(s3, o) {
    const { bucket, prefix } = o.s3;
    return check('recent checksums', async () => {
        const objects = await (0,s3_objects/* listAll */._w)(s3, bucket, prefix);
        const recent = (0,core_select/* backupsIn */.JL)(objects, { environment: o.environment, name: o.name })
            .filter((b) => b.prefix === prefix)
            .slice(0, RECENT);
        if (!recent.length)
            return ['unknown', 'no backups under the prefix yet'];
        const bad = [];
        for (const b of recent) {
            const [sum, meta] = await Promise.all([
                (0,s3_objects/* getText */.q4)(s3, bucket, (0,naming/* checksumKey */.Rq)(b.key)),
                (0,s3_objects/* getText */.q4)(s3, bucket, (0,naming/* manifestKey */.Rn)(b.key)),
            ]);
            const problem = backupProblem(b, sum, meta) ?? (await readPartsProblem(s3, bucket, b, meta));
            if (problem)
                bad.push(problem);
        }
        return bad.length
            ? ['fail', bad.join('; ')]
            : ['ok', `${recent.length} newest: checksum sidecar, manifest and stored size agree`];
    });
}
/** The drill proof of the databases under the prefix, from the drill records (core/drill-proof.ts). */
function drillCheck(s3, o, now) {
    return check('last restore drill', async () => {
        const [objects, drills] = await Promise.all([
            (0,s3_objects/* listAll */._w)(s3, o.s3.bucket, o.s3.prefix),
            (0,store_drills/* readDrills */.f)(s3, o.s3.bucket, o.s3.prefix, { limit: 200 }),
        ]);
        const backups = (0,core_select/* backupsIn */.JL)(objects, { environment: o.environment }).filter((b) => b.prefix === o.s3.prefix);
        return (0,drill_proof/* auditDrillVerdict */.kU)(backups, drills.map((d) => d.record), now());
    });
}

// EXTERNAL MODULE: ./src/s3/archive.ts
var archive = __webpack_require__(100);
// EXTERNAL MODULE: ./src/s3/replication-config.ts
var replication_config = __webpack_require__(8267);
// EXTERNAL MODULE: ./src/core/replication-rules.ts
var replication_rules = __webpack_require__(5679);
;// CONCATENATED MODULE: ./src/bucket/audit-replication.ts






function replicationChecks(s3, o) {
    const { bucket, prefix } = o.s3;
    const config = (0,replication_config/* getReplication */.bE)(s3, bucket);
    config.catch(() => undefined); // read by both checks; the first reports a refusal
    return [
        check('replication', async () => {
            const rule = (0,replication_rules/* ruleFor */.sG)(await config, prefix);
            return rule
                ? ['ok', (0,replication_rules/* describeRule */.IO)(rule)]
                : [
                    'unknown',
                    `no replication rule for ${prefix ? `${prefix}/` : 'the bucket'} (a second copy: bucket replicate)`,
                ];
        }),
        check('newest backup replicated', async () => {
            const configured = Boolean((0,replication_rules/* ruleFor */.sG)(await config.catch(() => undefined), prefix));
            const newest = (0,core_select/* backupsIn */.JL)(await (0,s3_objects/* listAll */._w)(s3, bucket, prefix), { environment: o.environment, name: o.name }).find((b) => b.prefix === prefix && b.hasChecksum);
            if (!newest)
                return ['unknown', 'no backups under the prefix yet'];
            return (0,replication_rules/* replicationStatusVerdict */.KO)((await (0,archive/* headTier */.N)(s3, bucket, newest.key)).replicationStatus, newest.key, configured);
        }),
    ];
}

;// CONCATENATED MODULE: ./src/bucket/audit.ts




async function audit(o, ctx, client) {
    const s3 = client ?? (0,s3_client/* clientFor */.$)(ctx, o.s3);
    const bucket = o.s3.bucket;
    const lifecycle = await lifecycleChecks(s3, bucket, o.s3.prefix);
    const settings = settingsChecks(s3, bucket);
    const checks = await Promise.all([
        ...settings.before,
        ...lifecycle,
        settings.objectLock,
        checksumsCheck(s3, o),
        drillCheck(s3, o, ctx.now),
        ...replicationChecks(s3, o),
    ]);
    // a bucket that is not there is no checklist of unknowns: a typo must not pass the audit
    if (checks.some((c) => c.detail.startsWith('NoSuchBucket'))) {
        throw new errors/* UserError */.yo(`bucket: "${bucket}" does not exist (NoSuchBucket): fix the bucket input, or create it with bucket init`);
    }
    return checks;
}


/***/ }),

/***/ 3155:
/***/ ((__unused_webpack_module, __webpack_exports__, __webpack_require__) => {

/* harmony export */ __webpack_require__.d(__webpack_exports__, {
/* harmony export */   p: () => (/* binding */ outputsJson)
/* harmony export */ });
/* harmony import */ var _options_verbs_js__WEBPACK_IMPORTED_MODULE_0__ = __webpack_require__(7244);

/**
 * The --json form of a verb's outputs: the same names in camelCase, typed as the output table declares (numbers as
 * numbers, booleans as booleans, JSON as JSON), an empty output as null.
 */
function outputsJson(verb, outputs) {
    const types = new Map(_options_verbs_js__WEBPACK_IMPORTED_MODULE_0__/* .VERBS */ .hU[verb].outputs.map((o) => [o.name, o.type]));
    const out = {};
    for (const [name, text] of Object.entries(outputs)) {
        const type = types.get(name);
        out[(0,_options_verbs_js__WEBPACK_IMPORTED_MODULE_0__/* .camelCase */ .xQ)(name)] =
            text === ''
                ? null
                : type === 'number'
                    ? Number(text)
                    : type === 'boolean'
                        ? text === 'true'
                        : type === 'json'
                            ? JSON.parse(text)
                            : text;
    }
    return out;
}


/***/ }),

/***/ 5325:
/***/ ((__unused_webpack_module, __webpack_exports__, __webpack_require__) => {


// EXPORTS
__webpack_require__.d(__webpack_exports__, {
  I: () => (/* binding */ restoreAll)
});

// EXTERNAL MODULE: ./src/core/format.ts
var format = __webpack_require__(6228);
// EXTERNAL MODULE: external "node:path"
var external_node_path_ = __webpack_require__(6760);
var external_node_path_default = /*#__PURE__*/__webpack_require__.n(external_node_path_);
// EXTERNAL MODULE: ./src/core/errors.ts
var errors = __webpack_require__(4296);
// EXTERNAL MODULE: ./src/postgres/argv.ts
var argv = __webpack_require__(5553);
// EXTERNAL MODULE: ./src/postgres/connection.ts + 1 modules
var connection = __webpack_require__(5701);
// EXTERNAL MODULE: ./src/postgres/tools.ts
var tools = __webpack_require__(8880);
// EXTERNAL MODULE: ./src/s3/client.ts + 1 modules
var client = __webpack_require__(4181);
// EXTERNAL MODULE: ./src/stream/decode.ts
var decode = __webpack_require__(8368);
// EXTERNAL MODULE: ./src/restore/temp-space.ts
var temp_space = __webpack_require__(89);
// EXTERNAL MODULE: ./src/core/temp-dirs.ts
var temp_dirs = __webpack_require__(634);
// EXTERNAL MODULE: ./src/core/restore-plan.ts
var restore_plan = __webpack_require__(701);
// EXTERNAL MODULE: ./src/restore/globals-restore.ts
var globals_restore = __webpack_require__(7229);
// EXTERNAL MODULE: ./src/restore/with-globals.ts
var with_globals = __webpack_require__(6593);
// EXTERNAL MODULE: ./src/restore/preflight.ts
var preflight = __webpack_require__(2789);
// EXTERNAL MODULE: ./src/store/set-members.ts
var set_members = __webpack_require__(5823);
// EXTERNAL MODULE: ./src/postgres/target-catalog.ts
var target_catalog = __webpack_require__(3052);
// EXTERNAL MODULE: ./src/postgres/admin.ts
var postgres_admin = __webpack_require__(2748);
// EXTERNAL MODULE: ./src/postgres/introspect.ts
var introspect = __webpack_require__(9492);
// EXTERNAL MODULE: ./src/core/input-ref.ts
var input_ref = __webpack_require__(7571);
;// CONCATENATED MODULE: ./src/restore/target-server.ts
/**
 * The target server of a whole-server restore, read-only: its version, and for each database of the set whether it
 * exists and how many user tables it holds. A database that holds tables is refused unless clean is set.
 */





async function inspectServer(c, names) {
    const admin = await (0,introspect/* connect */.Ng)(c);
    const databases = new Map();
    let info;
    try {
        info = await (0,introspect/* serverInfo */.CR)(admin);
        const existing = await (0,postgres_admin/* existingDatabases */.GJ)(admin, names);
        for (const n of names)
            databases.set(n, { exists: existing.has(n), tables: 0 });
    }
    catch (err) {
        throw (0,introspect/* describePgError */.Ry)(err, c);
    }
    finally {
        await admin.end().catch(() => undefined);
    }
    for (const [name, d] of databases) {
        if (!d.exists)
            continue;
        const client = await (0,introspect/* connect */.Ng)(c, name);
        try {
            d.tables = await (0,introspect/* userTableCount */.Vi)(client);
        }
        finally {
            await client.end().catch(() => undefined);
        }
    }
    return { serverVersion: info.version, major: info.major, databases };
}
/** Databases that exist and hold tables are refused, before anything is touched, unless clean. */
function refuseOccupied(server, clean, where) {
    if (clean)
        return;
    const occupied = [...server.databases]
        .filter(([, d]) => d.tables > 0)
        .map(([n, d]) => `${n} (${(0,format/* plural */.LS)(d.tables, 'table')})`);
    if (occupied.length) {
        throw new errors/* UserError */.yo(`restore: ${occupied.length === 1 ? 'database' : 'databases'} ${occupied.join(', ')} already ${occupied.length === 1 ? 'exists' : 'exist'} at ${where} and ${occupied.length === 1 ? 'holds' : 'hold'} tables: set ${(0,input_ref/* inputRef */.i)('clean')} to drop and replace them, or choose others with ${(0,input_ref/* inputRef */.i)('databases')} (target untouched)`);
    }
}

// EXTERNAL MODULE: ./src/restore/fetch-members.ts
var fetch_members = __webpack_require__(3900);
// EXTERNAL MODULE: ./src/restore/create-database.ts
var create_database = __webpack_require__(1956);
// EXTERNAL MODULE: ./src/restore/compare-restored.ts
var compare_restored = __webpack_require__(3140);
// EXTERNAL MODULE: ./src/restore/early-counts.ts
var early_counts = __webpack_require__(5322);
// EXTERNAL MODULE: ./src/restore/restore-parts.ts
var restore_parts = __webpack_require__(1487);
;// CONCATENATED MODULE: ./src/commands/restore-all.ts
/**
 * restore --all: a whole backup set onto a server. Read the set → check the target read-only (databases that hold
 * tables refused unless clean) → bring every member down and prove it → pre-flight (roles, extensions; the globals'
 * roles count when they will be restored) → only then touch the server: the globals first, then each database
 * created with its properties and restored, up to `jobs` at once.
 */























const memberToMatch = (f, server, counted) => ({
    database: f.member.database,
    manifest: f.manifest,
    tables: server.databases.get(f.member.database)?.tables ?? 0,
    counted: counted.get(f.member.database),
});
async function restoreAll(o, ctx, confirm, countEarly = o.compare) {
    const started = ctx.now();
    if (o.tables.length || o.schemas.length || o.schemaOnly || o.dataOnly || o.name) {
        throw new errors/* UserError */.yo('all restores whole databases: to restore a table or a schema, restore one database with name');
    }
    const s3 = (0,client/* clientFor */.$)(ctx, o.s3);
    const set = await (0,set_members/* readSet */.Rn)(o, o.set, s3);
    const { globals, members } = (0,set_members/* membersToRestore */.vR)(set, o.databases);
    const names = members.map((m) => m.database);
    ctx.log.info(`set: ${set.key}: ${names.join(', ')}${globals ? ' and the globals' : ''}`);
    const server = await inspectServer(o.connection, names);
    refuseOccupied(server, o.clean, `${o.connection.host}:${o.connection.port}`);
    const bins = await findBins(o, ctx, set.server.serverMajor ?? 0);
    const all = [...(globals ? [globals] : []), ...members];
    const chosen = await checkSpace(o, ctx, s3, set.key, all);
    const fetchStart = performance.now();
    const fetched = await (0,fetch_members/* fetchMembers */.O$)(o, ctx, s3, all, bins.pgRestore, chosen);
    const fetchSeconds = (performance.now() - fetchStart) / 1000;
    let touched = false;
    try {
        const g = globals ? fetched[0] : undefined;
        const dbs = fetched.filter((f) => f.member.kind === 'database');
        const { plan, globalRoles } = await checkTarget(o, ctx, bins, dbs, g);
        const question = { key: set.key, database: names.join(', '), host: o.connection.host, existingTables: 0 };
        if (confirm && !(await confirm(question)))
            throw new errors/* UserError */.yo('restore not confirmed: nothing was changed');
        touched = true;
        const globalsReport = plan ? await (0,with_globals/* restoreGlobals */.$)(o, ctx, bins, plan, fetched[0]) : undefined;
        const counted = await restoreDatabases(o, ctx, { bins, server, countEarly }, dbs);
        const matched = await (0,compare_restored/* matchAll */.HD)(o, ctx.log, dbs.map((f) => memberToMatch(f, server, counted)));
        const durationSeconds = (ctx.now().getTime() - started.getTime()) / 1000;
        const size = fetched.reduce((n, f) => n + f.proven.fetched.bytes, 0);
        const result = {
            setKey: set.key,
            databases: names,
            members: dbs.map((f) => ({
                database: f.member.database,
                key: f.member.key ?? '',
                sha256: f.member.sha256 ?? '',
                size: f.proven.fetched.bytes,
            })),
            size,
            serverVersion: server.serverVersion,
            durationSeconds,
            globals: globalsReport,
            globalRoles,
            manifests: Object.fromEntries(dbs.map((f) => [f.member.database, f.manifest])),
            counted,
            created: names.filter((n) => !server.databases.get(n)?.exists),
            matched,
            proven: fetched.map((f) => ({
                database: f.member.database,
                key: f.member.key ?? '',
                sha256: f.proven.fetched.sha256,
            })),
            fetched: drillFetch(fetched, fetchSeconds),
        };
        return result;
    }
    catch (err) {
        if (touched)
            (0,errors/* noteCleanup */.jS)(ctx.signal, 'the restore was stopped: the server may be partly restored');
        throw err;
    }
    finally {
        await (0,fetch_members/* cleanupMembers */.e9)(fetched);
    }
}
/** The temporary disk every member needs, checked before the download; each member's manifest first (its data parts). */
async function checkSpace(o, ctx, s3, setKey, all) {
    const chosen = await Promise.all(all.map((m) => (0,set_members/* chosenMember */.jh)(o, m, s3)));
    const need = chosen.reduce((n, c) => n + (0,fetch_members/* storedSize */.dh)(c) + restore_plan/* HEAD_ALLOWANCE */.Y0, 0);
    await (0,temp_space/* checkTempSpace */.v)((0,temp_dirs/* tempDirOf */.l3)(o, ctx), need, `restoring ${setKey}`, ctx);
    return chosen;
}
/** The members' proofs summed; the rest of the fetching's wall time is the download. */
function drillFetch(fetched, seconds) {
    const proof = fetched.reduce((n, f) => n + f.proven.seconds.proof, 0);
    return { download: Math.max(0, seconds - proof), proof };
}
async function findBins(o, ctx, required) {
    const find = (tool, major) => (0,tools/* findPgBin */.mQ)({
        tool,
        required: major,
        pgBinDir: o.pgBinDir,
        because: `the set was written from PostgreSQL ${required}`,
        install: ctx.installClient,
    });
    const [r, p] = await Promise.all([find('pg_restore', required), find('psql', 0)]);
    return { pgRestore: external_node_path_default().join(r.dir, 'pg_restore'), psql: external_node_path_default().join(p.dir, 'psql') };
}
/**
 * Where the restore connects for server-wide work: the database in database-url, unless the set restores it, then
 * postgres, unless the set restores that too, then template1 (as pg_dumpall --clean does): a clean restore drops
 * and re-creates each database, which PostgreSQL refuses for the one the session is connected to.
 */
function adminDatabase(o, dbs) {
    const restored = new Set(dbs.map((f) => f.member.database));
    return [o.connection.database, 'postgres'].find((d) => !restored.has(d)) ?? 'template1';
}
/**
 * The pre-flight over every database at once (one line for everything missing), and whether the globals are
 * restored: with-globals true, or auto when the target lacks a role the databases name.
 */
async function checkTarget(o, ctx, bins, dbs, g) {
    const env = (0,connection/* toolEnv */.oW)(o.connection, ctx.env);
    const all = await Promise.all(dbs.map((f) => (0,preflight/* readDumpNeeds */.cH)(f.dump, 'custom', bins.pgRestore, { ...o, create: true }, env)));
    const needs = {
        roles: [...new Set(all.flatMap((n) => n.roles))].sort(),
        extensions: [...new Set(all.flatMap((n) => n.extensions))].sort(),
    };
    const catalog = await (ctx.pgCatalog ?? target_catalog/* openTargetCatalog */.V)(o.connection, adminDatabase(o, dbs));
    try {
        const globalsSql = g ? await (0,fetch_members/* readGlobalsSql */.VU)(g) : undefined;
        const plan = await (0,globals_restore/* globalsToApply */.GD)(o.withGlobals, needs.roles, catalog, async () => globalsSql);
        if (o.withGlobals === 'true' && !globalsSql)
            throw new errors/* UserError */.yo('with-globals: the set holds no globals (backed up with globals: false)');
        await (0,preflight/* preflight */.Mz)(needs, catalog, new Set(plan?.created ?? []));
        ctx.log.info(`pre-flight: the target has what the set needs (${(0,format/* plural */.LS)(needs.roles.length, 'role')}, ${(0,format/* plural */.LS)(needs.extensions.length, 'extension')})`);
        return { plan, globalRoles: globalsSql ? (0,globals_restore/* rolesOfGlobals */.hu)(globalsSql) : [] };
    }
    finally {
        await catalog.close();
    }
}
/** Each database created with its properties (pg_restore --create) and restored, up to `jobs` at once. */
async function restoreDatabases(o, ctx, on, dbs) {
    const queue = [...dbs];
    const failures = [];
    const counted = new Map();
    const worker = async () => {
        for (let f = queue.shift(); f; f = queue.shift()) {
            try {
                const early = await restoreOne(o, ctx, on, f, adminDatabase(o, dbs));
                if (early)
                    counted.set(f.member.database, early);
            }
            catch (err) {
                if (ctx.signal.aborted)
                    throw err;
                failures.push(`${f.member.database} (${(0,errors/* errorMessage */.gJ)(err)})`);
            }
        }
    };
    await Promise.all(Array.from({ length: Math.min(o.jobs, dbs.length) }, worker));
    if (failures.length)
        throw new errors/* UserError */.yo(`restore: ${failures.length} of ${(0,format/* plural */.LS)(dbs.length, 'database')} failed: ${failures.join('; ')}`);
    return counted;
}
async function restoreOne(o, ctx, { bins, server, countEarly }, f, admin) {
    const name = f.member.database;
    const target = server.databases.get(name);
    const env = (0,connection/* toolEnv */.oW)(o.connection, ctx.env);
    const flags = { noOwner: o.noOwner, noAcl: o.noAcl, jobs: 1, singleTransaction: false };
    const withProperties = await (0,fetch_members/* carriesDatabase */.Fc)(f.dump, bins.pgRestore, env);
    let first;
    if (withProperties && (!target.exists || o.clean)) {
        if (target.exists)
            ctx.log.info(`clean: dropping database ${name} (${(0,format/* plural */.LS)(target.tables, 'table')}) and re-creating it from the backup`);
        first = { dbUrl: (0,connection/* connectionUrl */.C7)(o.connection, admin), create: true, clean: target.exists };
    }
    else {
        if (!target.exists)
            await (0,create_database/* createDatabase */.c)({ ...o.connection, database: name });
        else if (withProperties)
            ctx.log.warning(`${name}: restored into the existing empty database; its owner, settings and comment were not applied (set ${(0,input_ref/* inputRef */.i)('clean')} to re-create it)`);
        first = { dbUrl: (0,connection/* connectionUrl */.C7)(o.connection, name), create: false, clean: false };
    }
    if (f.parts.length) {
        const into = { flags: { ...flags, clean: false }, dbUrl: (0,connection/* connectionUrl */.C7)(o.connection, name), env };
        const r = { proven: f.proven, parts: f.parts, manifestParts: f.manifest?.parts ?? [], jobs: 1, loads: o.jobs };
        const report = ctx.onProgress;
        const told = report ? { onProgress: (p) => report({ ...p, label: name }) } : {};
        const firstStep = { dbUrl: first.dbUrl, flags: { ...flags, create: first.create, clean: first.clean } };
        const { words } = (0,restore_plan/* partLoads */.FE)(f.parts.length, o.jobs);
        ctx.log.info(`${name}: restoring its schema part and ${f.parts.length} data parts (the data parts ${words})`);
        const db = { ...o.connection, database: name };
        const { counted } = await (0,early_counts/* countingEarly */.b)(db, countEarly ? f.manifest : undefined, (onPartLoaded) => {
            const tell = onPartLoaded ? { onPartLoaded } : {};
            return (0,restore_parts/* restoreParts */.n)({ ...r, ...told, ...tell, first: firstStep }, { ...into, command: bins.pgRestore, signal: ctx.signal });
        });
        ctx.log.info(`${name}: restored`);
        return counted;
    }
    else {
        const args = (0,argv/* pgRestoreArgs */.VZ)({ ...flags, ...first });
        ctx.log.info(`${name}: restoring (one pg_restore reads the decoding stream; no decoded copy)`);
        await (0,decode/* decodeInto */.zT)(f.proven.spec(), { name: 'pg_restore', command: bins.pgRestore, args, env });
    }
    ctx.log.info(`${name}: restored`);
}


/***/ }),

/***/ 6196:
/***/ ((__unused_webpack_module, __webpack_exports__, __webpack_require__) => {


// EXPORTS
__webpack_require__.d(__webpack_exports__, {
  P: () => (/* binding */ restore),
  O: () => (/* binding */ restoreCommand)
});

// EXTERNAL MODULE: ./src/core/format.ts
var format = __webpack_require__(6228);
// EXTERNAL MODULE: external "node:path"
var external_node_path_ = __webpack_require__(6760);
var external_node_path_default = /*#__PURE__*/__webpack_require__.n(external_node_path_);
// EXTERNAL MODULE: ./src/postgres/admin.ts
var admin = __webpack_require__(2748);
// EXTERNAL MODULE: ./src/core/errors.ts
var errors = __webpack_require__(4296);
// EXTERNAL MODULE: ./src/store/readable.ts
var readable = __webpack_require__(7521);
// EXTERNAL MODULE: ./src/s3/client.ts + 1 modules
var s3_client = __webpack_require__(4181);
// EXTERNAL MODULE: ./src/store/download.ts
var download = __webpack_require__(413);
;// CONCATENATED MODULE: ./src/store/source.ts



async function chooseSource(o, selector, ctx) {
    const client = (options) => (0,s3_client/* clientFor */.$)(ctx, options.s3);
    const s3 = client(o);
    try {
        return { o, s3, chosen: await (0,download/* chooseBackup */.S)(o, selector, s3, ctx) };
    }
    catch (err) {
        if (o.from !== 'default' || !o.copy || (0,errors/* cancellationOf */.zg)(err))
            throw err;
        const copy = { ...o, s3: o.copy.s3, other: o.s3 };
        ctx.log.warning(`the backup cannot be read from s3://${o.s3.bucket}/${o.s3.prefix} (${(0,errors/* errorMessage */.gJ)(err)}): restoring from the copy s3://${copy.s3.bucket}/${copy.s3.prefix}`, 'Restoring from the copy');
        const copyS3 = client(copy);
        return { o: copy, s3: copyS3, chosen: await (0,download/* chooseBackup */.S)(copy, selector, copyS3, ctx) };
    }
}

// EXTERNAL MODULE: external "node:fs/promises"
var promises_ = __webpack_require__(1455);
// EXTERNAL MODULE: ./src/postgres/connection.ts + 1 modules
var connection = __webpack_require__(5701);
// EXTERNAL MODULE: ./src/postgres/catalog.ts + 1 modules
var catalog = __webpack_require__(7295);
;// CONCATENATED MODULE: ./src/postgres/database-sql.ts
/**
 * A database's own statements as pg_restore --create writes them (CREATE DATABASE, its owner, comment, settings and
 * privileges), made to run from another database's session, for a target that may bear another name (pure).
 */

const literal = (s) => s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
/** How pg_dump may have written the name: bare (a plain lower-case word) or quoted. */
function nameAlternatives(name) {
    const quoted = literal((0,catalog/* quoteIdent */.v4)(name));
    return /^[a-z_][a-z0-9_$]*$/.test(name) ? `(?:${quoted}|${literal(name)})` : quoted;
}
/**
 * The statements about database `from` renamed to `to`; the \connect lines left out (the properties are set from
 * the session that created the database, which needs no connection to it).
 */
function databaseStatementsFor(sql, from, to) {
    const name = nameAlternatives(from);
    const target = (0,catalog/* quoteIdent */.v4)(to);
    const heads = [
        `^(CREATE DATABASE |ALTER DATABASE |COMMENT ON DATABASE |SECURITY LABEL .* ON DATABASE )${name}(?=[\\s;])`,
        `^((?:GRANT|REVOKE) .* ON DATABASE )${name}(?= (?:TO|FROM) )`,
        `^(ALTER ROLE .* IN DATABASE )${name}(?= )`,
    ].map((re) => new RegExp(re));
    return sql
        .split('\n')
        .filter((line) => !line.startsWith('\\connect '))
        .map((line) => heads.reduce((l, re) => l.replace(re, `$1${target}`), line))
        .join('\n');
}

// EXTERNAL MODULE: ./src/postgres/introspect.ts
var introspect = __webpack_require__(9492);
// EXTERNAL MODULE: ./src/postgres/process.ts
var process = __webpack_require__(4898);
// EXTERNAL MODULE: ./src/restore/create-database.ts
var create_database = __webpack_require__(1956);
// EXTERNAL MODULE: ./src/restore/dump-needs.ts
var dump_needs = __webpack_require__(1166);
;// CONCATENATED MODULE: ./src/restore/database-properties.ts
/**
 * create-database for one database: created with the properties its archive carries (encoding and locale, owner,
 * comment, ALTER DATABASE … SET, privileges), as a whole-server restore creates it, under the target's name. An
 * archive without its database's entry (a plain dump, a backup of some schemas) gets a bare CREATE DATABASE.
 */









const ownEntry = (e) => ['DATABASE', 'DATABASE PROPERTIES'].includes(e.desc) ||
    (['COMMENT', 'ACL', 'SECURITY LABEL'].includes(e.desc) && /^DATABASE /.test(e.tag));
/** The archive's statements about its database, for the target's name; undefined when it carries none. */
async function databaseSql(c, head, src, env) {
    const pgRestore = external_node_path_default().join(src.binDir, 'pg_restore');
    const own = (0,dump_needs/* parseToc */.AI)(await (0,process/* runTool */.qI)('pg_restore', pgRestore, ['--list', '--create', head], env)).filter(ownEntry);
    const database = own.find((e) => e.desc === 'DATABASE');
    if (!database)
        return undefined;
    const list = external_node_path_default().join(external_node_path_default().dirname(head), 'database-entries.list');
    await (0,promises_.writeFile)(list, `${own.map((e) => e.line).join('\n')}\n`, { mode: 0o600 });
    const flags = [...(src.noOwner ? ['--no-owner'] : []), ...(src.noAcl ? ['--no-acl'] : [])];
    const sql = await (0,process/* runTool */.qI)('pg_restore', pgRestore, ['--create', `--use-list=${list}`, ...flags, '--file=-', head], env);
    return databaseStatementsFor(sql, database.tag, c.database);
}
/** Creates the target database; says whether its properties came from the archive, and the server's version. */
async function createTargetDatabase(c, src, env) {
    const sql = src.head ? await databaseSql(c, src.head, src, env) : undefined;
    if (!sql)
        return { version: await (0,create_database/* createDatabase */.c)(c), withProperties: false };
    const file = external_node_path_default().join(external_node_path_default().dirname(src.head), 'database.sql');
    await (0,promises_.writeFile)(file, sql, { mode: 0o600 });
    try {
        const args = [`--dbname=${(0,connection/* connectionUrl */.C7)(c, 'postgres')}`, '--no-password', '--no-psqlrc', '--quiet'];
        const psql = external_node_path_default().join(src.binDir, 'psql');
        await (0,process/* runTool */.qI)('psql', psql, [...args, '--set=ON_ERROR_STOP=1', `--file=${file}`], (0,connection/* toolEnv */.oW)(c, env));
    }
    catch (err) {
        throw new errors/* UserError */.yo(`create-database: could not create "${c.database}" with its properties: ${(0,errors/* errorMessage */.gJ)(err)}`);
    }
    finally {
        await (0,promises_.rm)(file, { force: true });
    }
    const client = await (0,introspect/* connect */.Ng)(c);
    try {
        return { version: (await (0,introspect/* serverInfo */.CR)(client)).version, withProperties: true };
    }
    finally {
        await client.end().catch(() => undefined);
    }
}

// EXTERNAL MODULE: ./src/restore/preflight.ts
var preflight = __webpack_require__(2789);
// EXTERNAL MODULE: ./src/postgres/target-catalog.ts
var target_catalog = __webpack_require__(3052);
;// CONCATENATED MODULE: ./src/restore/prepare.ts
/**
 * Between a proven download and the first statement on the target: the pre-flight, read from the archive's head (or
 * a plain dump's decoding stream: see dump-source.ts).
 */




/** Selection needs pg_restore: a plain dump is restored whole. */
function refuseSelectionOfPlain(key, format, o) {
    const selective = (o.tables?.length ?? 0) + (o.schemas?.length ?? 0) > 0 || o.schemaOnly || o.dataOnly;
    if (format !== 'custom' && selective) {
        throw new errors/* UserError */.yo(`table, schema, schema-only and data-only need a custom-format backup (pg_restore); ${key} is plain SQL: restore it whole`);
    }
}
/**
 * The pre-flight on the target server: the dump's roles exist there (or are created from the globals first, as
 * `globals` chooses), its extensions are available. Asked over the target database when it exists, else `postgres`.
 * Returns the globals' plan when they are to be restored.
 */
async function preflightTarget(ctx, t, globals) {
    const needs = await (0,preflight/* readDumpNeeds */.cH)(t.dump, t.format, t.pgRestore, t.flags, ctx.env);
    const open = ctx.pgCatalog ?? target_catalog/* openTargetCatalog */.V;
    const catalog = await open(t.connection, t.exists ? t.connection.database : 'postgres');
    let chosen = {};
    try {
        if (globals)
            chosen = await globals(needs.roles, catalog);
        await (0,preflight/* preflight */.Mz)(needs, catalog, new Set(chosen.plan?.created ?? []), chosen.note);
    }
    finally {
        await catalog.close();
    }
    const named = needs.roles.length ? `roles ${needs.roles.join(', ')}` : 'no roles';
    const created = chosen.plan?.created.length ? `, the globals to create ${chosen.plan.created.join(', ')}` : '';
    ctx.log.info(`pre-flight: the target has what the dump needs (${named}; ${(0,format/* plural */.LS)(needs.extensions.length, 'extension')}${created})`);
    return chosen.plan;
}

// EXTERNAL MODULE: ./src/restore/dump-source.ts + 2 modules
var dump_source = __webpack_require__(9390);
// EXTERNAL MODULE: ./src/store/parts.ts + 1 modules
var store_parts = __webpack_require__(7);
// EXTERNAL MODULE: ./src/restore/temp-space.ts
var temp_space = __webpack_require__(89);
// EXTERNAL MODULE: ./src/core/temp-dirs.ts
var temp_dirs = __webpack_require__(634);
// EXTERNAL MODULE: ./src/core/restore-plan.ts
var restore_plan = __webpack_require__(701);
// EXTERNAL MODULE: ./src/restore/with-globals.ts
var with_globals = __webpack_require__(6593);
// EXTERNAL MODULE: ./src/encryption/decrypt.ts
var decrypt = __webpack_require__(3720);
// EXTERNAL MODULE: ./src/restore/restore-progress.ts
var restore_progress = __webpack_require__(4950);
// EXTERNAL MODULE: ./src/options/parse.ts + 9 modules
var parse = __webpack_require__(8863);
// EXTERNAL MODULE: ./src/postgres/tools.ts
var tools = __webpack_require__(8880);
// EXTERNAL MODULE: ./src/reporting/results.ts
var results = __webpack_require__(8820);
// EXTERNAL MODULE: ./src/commands/command.ts
var command = __webpack_require__(3155);
// EXTERNAL MODULE: ./src/commands/restore-all.ts + 1 modules
var restore_all = __webpack_require__(5325);
// EXTERNAL MODULE: ./src/restore/compare-restored.ts
var compare_restored = __webpack_require__(3140);
// EXTERNAL MODULE: ./src/restore/early-counts.ts
var early_counts = __webpack_require__(5322);
// EXTERNAL MODULE: ./src/reporting/restore-match.ts
var restore_match = __webpack_require__(9311);
// EXTERNAL MODULE: ./src/core/input-ref.ts
var input_ref = __webpack_require__(7571);
;// CONCATENATED MODULE: ./src/commands/restore.ts



























/** Whether the target database exists and how many user tables it holds (read-only). */
async function inspectTarget(c) {
    try {
        const client = await (0,introspect/* connect */.Ng)(c);
        try {
            const info = await (0,introspect/* serverInfo */.CR)(client);
            return { exists: true, tables: await (0,introspect/* userTableCount */.Vi)(client), serverVersion: info.version, major: info.major };
        }
        finally {
            await client.end().catch(() => undefined);
        }
    }
    catch (err) {
        if (err instanceof errors/* UserError */.yo && /does not exist/.test(err.message)) {
            return { exists: false, tables: 0, serverVersion: '', major: 0 };
        }
        throw err;
    }
}
/**
 * clean: pg_restore --clean drops a partition's constraints before its parent's, which PostgreSQL refuses ("cannot
 * drop inherited constraint"), so the tables the backup re-creates are dropped first, parents with their
 * partitions, in one statement. --clean --if-exists then handles everything else.
 */
async function dropTablesOf(c, tables, log) {
    const client = await (0,introspect/* connect */.Ng)(c);
    try {
        log.info(`clean: dropping the ${(0,format/* plural */.LS)(tables.length, 'table')} the backup re-creates`);
        await (0,admin/* dropTables */.x2)(client, tables);
    }
    catch (err) {
        throw new errors/* UserError */.yo(`clean: could not drop the existing tables in "${c.database}": ${(0,introspect/* describePgError */.Ry)(err, c).message}`);
    }
    finally {
        await client.end().catch(() => undefined);
    }
}
async function restore(given, ctx, confirm) {
    const started = ctx.now();
    // 1. which backup (from the primary, else its copy), readable (thawed when asked), and the target read-only
    const { o, s3, chosen } = await chooseSource(given, given.backup, ctx);
    const where = { s3, bucket: o.s3.bucket, endpoint: o.s3.endpoint, key: chosen.entry.key };
    for (const key of [where.key, ...(chosen.entry.parts ?? []).map((p) => p.key)])
        await (0,readable/* ensureReadable */.H)({ ...where, key }, o.thaw, ctx, 'restore');
    const { entry, manifest } = chosen;
    // a missing or unusable key fails here, before the download
    const decryption = await (0,decrypt/* openDecryption */.C)(o, chosen);
    refuseSelectionOfPlain(entry.key, entry.format, o);
    const target = await inspectTarget(o.connection);
    refuseTarget(o, target);
    const tool = entry.format === 'custom' ? 'pg_restore' : 'psql';
    const bin = await restoreBin(o, ctx, tool, manifest);
    const plan = await planWithDisk(o, ctx, chosen);
    // 2. download and verify (checksum, and the whole decryption), before anything touches the target
    const refusal = (err) => err instanceof errors/* UserError */.yo && !(err instanceof errors/* CancelledError */.cc) && !/target untouched/.test(err.message)
        ? new errors/* UserError */.yo(`${err.message}; refusing to restore (target untouched)`)
        : err;
    const { proven, parts } = await (0,store_parts/* fetchBackupProven */.N)(o, chosen, decryption, s3, ctx, refusal);
    let touched = false;
    const globals = (0,with_globals/* globalsForRestore */.u)(o, ctx, s3, entry.key);
    try {
        const pgRestore = external_node_path_default().join(bin.dir, 'pg_restore');
        const head = await (0,dump_source/* openDumpSource */.YO)(proven, entry.format, pgRestore, ctx.env, ctx.log);
        const src = (0,dump_source/* withParts */.dK)(head, parts, manifest?.parts);
        // a database created from the archive is created with its properties: their owner counts in the pre-flight
        const flags = { ...o, create: !target.exists && entry.format === 'custom' };
        const t = { ...target, connection: o.connection, dump: (0,dump_source/* needsInput */.OB)(src), format: entry.format, pgRestore, flags };
        const globalsPlan = await preflightTarget(ctx, t, globals.choose);
        const question = {
            key: entry.key,
            database: o.connection.database,
            host: o.connection.host,
            existingTables: target.tables,
        };
        if (confirm && !(await confirm(question)))
            throw new errors/* UserError */.yo('restore not confirmed: nothing was changed');
        // 3. the target
        touched = true;
        await globals.apply(globalsPlan, target.exists ? o.connection.database : 'postgres');
        const env = (0,connection/* toolEnv */.oW)(o.connection, ctx.env);
        const created = { head: src.head, binDir: bin.dir, noOwner: o.noOwner, noAcl: o.noAcl, env };
        const serverVersion = await prepareTarget(o, { ...target, created }, manifest, ctx.log);
        const counted = await restoreInto(o, ctx, plan, src, { tool, dir: bin.dir, version: bin.version }, manifest);
        const matched = await (0,compare_restored/* matchAfterRestore */.K9)(o, manifest, {
            ...target,
            connection: o.connection,
            log: ctx.log,
            counted,
        });
        const durationSeconds = (ctx.now().getTime() - started.getTime()) / 1000;
        const { sha256, bytes: size } = proven.fetched;
        const { database } = o.connection;
        return { key: entry.key, sha256, size, database, serverVersion, durationSeconds, manifest, matched };
    }
    catch (err) {
        if (touched)
            (0,errors/* noteCleanup */.jS)(ctx.signal, `the restore was stopped: database "${o.connection.database}" may be partly restored`);
        throw err;
    }
    finally {
        await Promise.all([proven.fetched.cleanup(), ...parts.map((p) => p.fetched.cleanup()), globals.cleanup()]);
    }
}
/** The plan's steps, after one line naming the tool and one on the path and why; the counts taken early, if any. */
async function restoreInto(o, ctx, plan, src, bin, manifest) {
    const label = src.proven.decompress.label;
    ctx.log.info(`restoring into "${o.connection.database}" with ${bin.tool} ${bin.version} (${label})`);
    ctx.log.info(`restore path: ${plan.why}`);
    const env = (0,connection/* toolEnv */.oW)(o.connection, ctx.env);
    const command = external_node_path_default().join(bin.dir, bin.tool);
    const began = ctx.now().getTime();
    const progress = await (0,restore_progress/* restoreProgress */.K)(ctx, src, { flags: o, pgRestore: command, env, parts: manifest?.parts });
    const t = { flags: o, dbUrl: (0,connection/* connectionUrl */.C7)(o.connection), command, env, signal: ctx.signal };
    const { counted } = await (0,early_counts/* countingEarly */.b)(o.connection, (0,compare_restored/* comparedWith */.o3)(o, manifest), (onPartLoaded) => (0,dump_source/* runPlan */.Fo)(plan, src, { ...t, ...(progress ? { progress } : {}), ...(onPartLoaded ? { onPartLoaded } : {}) }));
    progress?.done();
    ctx.log.info(`${bin.tool} finished in ${((ctx.now().getTime() - began) / 1000).toFixed(1)} s`);
    return counted;
}
/** How the backup will be restored, and the temporary disk that needs, checked before the download. */
async function planWithDisk(o, ctx, chosen) {
    const parts = chosen.manifest?.parts;
    const plan = (0,restore_plan/* planRestore */.q8)({ ...o, format: chosen.entry.format, ...(parts ? { parts } : {}) });
    const stored = chosen.entry.size + (chosen.entry.parts ?? []).reduce((n, p) => n + p.size, 0);
    const need = (0,restore_plan/* tempNeed */.XG)(stored, plan, chosen.manifest?.rawSize ?? undefined);
    await (0,temp_space/* checkTempSpace */.v)((0,temp_dirs/* tempDirOf */.l3)(o, ctx), need, `restoring ${chosen.entry.key}`, ctx);
    return plan;
}
/** pg_restore as new as the pg_dump that wrote the backup, or psql for a plain one. */
function restoreBin(o, ctx, tool, manifest) {
    return (0,tools/* findPgBin */.mQ)({
        tool,
        required: tool === 'pg_restore' ? (manifest?.pgDump.major ?? 0) : 0,
        pgBinDir: o.pgBinDir,
        because: `the backup was written by pg_dump ${manifest?.pgDump.version ?? '(unknown)'}`,
        install: ctx.installClient,
    });
}
/** A target that does not exist (without create-database), or holds tables (without clean), is refused untouched. */
function refuseTarget(o, target) {
    if (!target.exists && !o.createDatabase) {
        throw new errors/* UserError */.yo(`database-url: database "${o.connection.database}" does not exist at ${o.connection.host}:${o.connection.port}: create it or set ${(0,input_ref/* inputRef */.i)('create-database')}`);
    }
    if (target.tables > 0 && !o.clean && !o.dataOnly) {
        throw new errors/* UserError */.yo(`database "${o.connection.database}" already holds ${(0,format/* plural */.LS)(target.tables, 'table')}: set ${(0,input_ref/* inputRef */.i)('clean')} to drop and replace them, or restore into an empty database`);
    }
}
/** clean drops the backup's tables first; a missing database is created. Returns the server's version. */
async function prepareTarget(o, target, manifest, log) {
    // a selective restore leaves the tables it does not restore alone: pg_restore --clean drops only what it restores
    const selective = o.tables.length > 0 || o.schemas.length > 0 || o.dataOnly;
    if (o.clean && !selective && target.tables > 0 && manifest?.tables?.length)
        await dropTablesOf(o.connection, manifest.tables, log);
    if (target.exists)
        return target.serverVersion;
    const made = await createTargetDatabase(o.connection, target.created, target.created.env);
    const properties = made.withProperties ? ' with its owner, settings and comment from the backup' : '';
    log.info(`created database "${o.connection.database}"${properties}`);
    return made.version;
}
const restoreCommand = {
    verb: 'restore',
    async run(raw, ctx) {
        const options = (0,parse/* parseRestoreOptions */.A9)(raw, ctx.env);
        // the CLI asks before overwriting; the action runs behind the workflow's own approval
        if (ctx.confirm && !options.yes && !ctx.interactive) {
            throw new errors/* UserError */.yo(`restore overwrites ${options.all ? 'databases on the server' : `database "${options.connection.database}"`}: pass --yes to confirm when not running interactively`);
        }
        if (options.all)
            return restoreAllResult(await (0,restore_all/* restoreAll */.I)(options, ctx, options.yes ? undefined : ctx.confirm));
        const result = await restore(options, ctx, options.yes ? undefined : ctx.confirm);
        const outputs = (0,results/* restoreOutputs */.V2)(result);
        // the result line (stdout) is the one line saying so: the log does not repeat it
        const took = `in ${result.durationSeconds.toFixed(1)} s`;
        const line = `restored ${result.key} into ${result.database}${(0,restore_match/* matchedText */.S)(result.matched)} ${took} (sha256 verified)`;
        return {
            outputs,
            summary: (0,results/* restoreSummary */.rk)(result),
            text: line,
            json: {
                ...(0,command/* outputsJson */.p)('restore', outputs),
                databases: [
                    {
                        database: outputs.database || null,
                        target: result.database,
                        key: result.key,
                        sha256: result.sha256,
                        size: result.size,
                    },
                ],
            },
            report: line,
        };
    },
};
/** A whole-server restore's result: the restore outputs, key naming the set and database listing every database. */
function restoreAllResult(r) {
    const outputs = {
        ...(0,results/* restoreOutputs */.V2)({
            key: r.setKey,
            sha256: '',
            size: r.size,
            database: r.databases.join(','),
            serverVersion: r.serverVersion,
            durationSeconds: r.durationSeconds,
        }),
        database: r.databases.join(','),
    };
    // --json: one entry a database with the SHA-256 it was proven against (each keeps its name on the target)
    const { sha256: _sum, database: _db, target: _target, ...rest } = (0,command/* outputsJson */.p)('restore', outputs);
    const json = { ...rest, databases: r.members.map((m) => ({ ...m, target: m.database })) };
    const line = `restored ${(0,format/* plural */.LS)(r.databases.length, 'database')} of ${r.setKey}${(0,restore_match/* matchedText */.S)(r.matched)} in ${r.durationSeconds.toFixed(1)} s (${r.databases.join(', ')}; every sha256 verified)`;
    const summary = [
        `### ✅ PostgreSQL restore of the set ${r.setKey}`,
        '',
        `Databases: ${r.databases.join(', ')}`,
        r.matched
            ? `Restored and matched the manifests: ${(0,format/* plural */.LS)(r.matched.tables, 'table')}, ${(0,format/* plural */.LS)(r.matched.rows, 'row')}`
            : 'Not compared with the manifests',
        r.globals
            ? `Roles created: ${r.globals.created.join(', ') || 'none'}`
            : 'Globals: not restored (the target had the roles)',
        ...(r.globals?.withoutPassword.length ? [`Roles without a password: ${r.globals.withoutPassword.join(', ')}`] : []),
        '',
    ].join('\n');
    return { outputs, summary, text: line, json, report: line };
}


/***/ }),

/***/ 2579:
/***/ ((__unused_webpack_module, __webpack_exports__, __webpack_require__) => {

/* harmony export */ __webpack_require__.d(__webpack_exports__, {
/* harmony export */   $: () => (/* binding */ manifestOf),
/* harmony export */   i: () => (/* binding */ backupManifest)
/* harmony export */ });
/* harmony import */ var _version_js__WEBPACK_IMPORTED_MODULE_1__ = __webpack_require__(3323);
/* harmony import */ var _manifest_js__WEBPACK_IMPORTED_MODULE_0__ = __webpack_require__(4414);


function backupManifest(m) {
    const { o, server, catalog } = m;
    return manifestOf(m, {
        database: {
            name: o.connection.database,
            host: o.connection.host,
            serverVersion: server.version,
            serverMajor: server.major,
            sizeBytes: server.databaseSize,
        },
        format: o.format,
        encryption: m.encryption,
        rowCounts: m.rowCounts,
        snapshot: m.snapshot ?? null,
        schemas: catalog.schemas,
        tables: m.tables,
        sequences: catalog.sequences,
        extensions: catalog.extensions,
        largeObjects: catalog.largeObjects,
        roles: catalog.roles,
        options: { schemas: o.schemas, excludeTables: o.excludeTables },
    });
}
/** A backup object's manifest from its run and its content (the fields in the order the .meta has them). */
function manifestOf(r, c) {
    const { o, stream } = r;
    return {
        schema: _manifest_js__WEBPACK_IMPORTED_MODULE_0__/* .MANIFEST_SCHEMA */ .KB,
        version: _manifest_js__WEBPACK_IMPORTED_MODULE_0__/* .MANIFEST_VERSION */ .hh,
        tool: { name: 's3-backup', version: _version_js__WEBPACK_IMPORTED_MODULE_1__/* .TOOL_VERSION */ .w },
        key: r.key,
        database: c.database,
        pgDump: { version: r.bin.version, major: r.bin.major },
        format: c.format,
        compression: { method: o.compression, level: o.compressionLevel, tool: r.compressor },
        encryption: c.encryption,
        rawSize: stream.rawBytes ?? null,
        size: stream.bytes,
        sha256: stream.sha256,
        startedAt: r.startedAt.toISOString(),
        finishedAt: r.finishedAt.toISOString(),
        durationSeconds: (r.finishedAt.getTime() - r.startedAt.getTime()) / 1000,
        github: (0,_manifest_js__WEBPACK_IMPORTED_MODULE_0__/* .githubContext */ .h4)(r.env),
        storageClass: o.storageClass,
        tags: o.tags,
        tier: r.tier,
        rowCounts: c.rowCounts,
        snapshot: c.snapshot,
        schemas: c.schemas,
        tables: c.tables,
        sequences: c.sequences,
        extensions: c.extensions,
        largeObjects: c.largeObjects,
        roles: c.roles,
        options: c.options,
    };
}


/***/ }),

/***/ 926:
/***/ ((__unused_webpack_module, __webpack_exports__, __webpack_require__) => {

/* harmony export */ __webpack_require__.d(__webpack_exports__, {
/* harmony export */   r: () => (/* binding */ allBounded)
/* harmony export */ });
/**
 * Tasks run with at most `limit` at once under one signal (pure orchestration, no I/O of its own): the first failure
 * stops the others (running ones see the signal, waiting ones never start), every result that did arrive is handed
 * to `discard`, and that first failure is the one thrown; a cancelled run throws the cancellation.
 */
async function allBounded(tasks, limit, parent, discard) {
    const stop = new AbortController();
    const onCancel = () => stop.abort(parent.reason);
    if (parent.aborted)
        onCancel();
    parent.addEventListener('abort', onCancel, { once: true });
    const results = new Array(tasks.length);
    const arrived = [];
    let failed = false;
    let first;
    let next = 0;
    const worker = async () => {
        while (!stop.signal.aborted && next < tasks.length) {
            const i = next++;
            try {
                results[i] = await tasks[i](stop.signal);
                arrived.push(results[i]);
            }
            catch (err) {
                if (!failed)
                    [failed, first] = [true, err];
                stop.abort(first);
            }
        }
    };
    try {
        await Promise.all(Array.from({ length: Math.max(1, Math.min(limit, tasks.length)) }, worker));
        if (!failed && stop.signal.aborted)
            [failed, first] = [true, stop.signal.reason];
        if (failed) {
            await Promise.all(arrived.map((r) => discard(r).catch(() => undefined)));
            throw parent.aborted ? parent.reason : first;
        }
        return results;
    }
    finally {
        parent.removeEventListener('abort', onCancel);
    }
}


/***/ }),

/***/ 3164:
/***/ ((__unused_webpack_module, __webpack_exports__, __webpack_require__) => {

/* harmony export */ __webpack_require__.d(__webpack_exports__, {
/* harmony export */   o: () => (/* binding */ compareToManifest)
/* harmony export */ });
const id = (s) => `${s.schema}.${s.name}`;
const cols = (t) => t.columns.map((c) => `${c.name} ${c.type}`).join(', ');
function compareToManifest(manifest, found, o) {
    const checks = [];
    let rowsChecked = 0;
    const push = (check, expected, actual) => checks.push({ check, expected: String(expected), found: String(actual), ok: String(expected) === String(actual) });
    const foundSchemas = new Set(found.schemas);
    for (const s of manifest.schemas ?? [])
        push(`schema ${s}`, 'present', foundSchemas.has(s) ? 'present' : 'missing');
    const foundTables = new Map(found.tables.map((t) => [id(t), t]));
    const expectedTables = new Set((manifest.tables ?? []).map(id));
    for (const t of manifest.tables ?? []) {
        const f = foundTables.get(id(t));
        if (!f) {
            push(`table ${id(t)}`, 'present', 'missing');
            continue;
        }
        push(`columns of ${id(t)}`, cols(t), cols(f));
        if (t.kind === 'table' && manifest.rowCounts === 'exact' && t.rows !== null) {
            push(`rows of ${id(t)}`, t.rows, f.rows);
            rowsChecked += t.rows;
        }
    }
    for (const f of found.tables)
        if (!expectedTables.has(id(f)))
            push(`table ${id(f)}`, 'absent (not in the manifest)', 'present');
    const foundSeqs = new Map(found.sequences.map((s) => [id(s), s.lastValue]));
    for (const s of manifest.sequences ?? []) {
        push(`sequence ${id(s)}`, s.lastValue ?? 'not called', foundSeqs.has(id(s)) ? (foundSeqs.get(id(s)) ?? 'not called') : 'missing');
    }
    const foundExts = new Map(found.extensions.map((e) => [e.name, e.version]));
    for (const e of manifest.extensions ?? []) {
        const v = foundExts.get(e.name);
        // a newer server installs its own default version of an extension
        push(`extension ${e.name}`, o.sameMajor ? e.version : 'present', v === undefined ? 'missing' : o.sameMajor ? v : 'present');
    }
    if (manifest.largeObjects !== undefined)
        push('large objects', manifest.largeObjects, found.largeObjects);
    return { checks, rowsChecked, tablesChecked: (manifest.tables ?? []).length };
}


/***/ }),

/***/ 5593:
/***/ ((__unused_webpack_module, __webpack_exports__, __webpack_require__) => {

/* harmony export */ __webpack_require__.d(__webpack_exports__, {
/* harmony export */   kT: () => (/* binding */ drillProof),
/* harmony export */   kU: () => (/* binding */ auditDrillVerdict),
/* harmony export */   ps: () => (/* binding */ proofGroups)
/* harmony export */ });
/* harmony import */ var _format_js__WEBPACK_IMPORTED_MODULE_0__ = __webpack_require__(6228);

/** One group per stem: the newest backup and every backup younger than `withinSeconds` (entries newest first). */
function proofGroups(backups, now, withinSeconds) {
    const groups = new Map();
    for (const b of backups) {
        const g = groups.get(b.stem);
        const within = (now.getTime() - b.at.getTime()) / 1000 <= withinSeconds;
        if (!g)
            groups.set(b.stem, { stem: b.stem, newest: b.key, keys: [b.key] });
        else if (within)
            g.keys.push(b.key);
    }
    return [...groups.values()];
}
/** The verdict over groups and the stored records (any order); `drillAgeSeconds` bounds how old a drill may be. */
function drillProof(groups, records, now, drillAgeSeconds) {
    const age = (r) => (now.getTime() - Date.parse(r.finishedAt)) / 1000;
    const recent = records.filter((r) => age(r) <= drillAgeSeconds).sort((a, b) => age(a) - age(b));
    const proofs = [];
    const unproven = [];
    for (const g of groups) {
        const drill = recent.find((r) => r.status === 'passed' && r.kind !== 'set' && g.keys.includes(r.key));
        if (drill) {
            proofs.push(`${drill.key} restored and matched by the drill of ${drill.finishedAt}`);
            continue;
        }
        unproven.push(g.stem);
        const last = recent.find((r) => g.keys.includes(r.key));
        proofs.push(`${g.newest}: no passing drill within ${(0,_format_js__WEBPACK_IMPORTED_MODULE_0__/* .formatAge */ .nV)(drillAgeSeconds)}` +
            (last ? ` (the drill of ${last.finishedAt} ${last.status === 'failed' ? 'failed' : 'did not run'})` : ''));
    }
    if (!groups.length)
        return { ok: false, detail: 'no backup to prove', unproven };
    return { ok: unproven.length === 0, detail: proofs.join('; '), unproven };
}
/** How old the bucket audit lets the drill that proves a database be: a monthly drill, with a few days to spare. */
const AUDIT_DRILL_DAYS = 35;
/**
 * The bucket audit's "last restore drill": the drill proof of every database backed up within the drill age (all of
 * them when none was), over the records newest first.
 */
function auditDrillVerdict(backups, records, now) {
    const ageSeconds = AUDIT_DRILL_DAYS * 86_400;
    if (!records.length)
        return ['unknown', 'no drill recorded yet (validate appends a record under drills/)'];
    const groups = proofGroups(backups, now, ageSeconds);
    const active = groups.filter((g) => {
        const newest = backups.find((b) => b.key === g.newest);
        return newest && (now.getTime() - newest.at.getTime()) / 1000 <= ageSeconds;
    });
    if (!groups.length) {
        const last = records[0];
        return [
            last.status === 'passed' ? 'ok' : 'fail',
            `the last drill (${last.finishedAt}) ${last.status}: ${last.key}`,
        ];
    }
    const proof = drillProof(active.length ? active : groups, records, now, ageSeconds);
    return [proof.ok ? 'ok' : 'fail', proof.detail];
}


/***/ }),

/***/ 4574:
/***/ ((__unused_webpack_module, __webpack_exports__, __webpack_require__) => {

/* harmony export */ __webpack_require__.d(__webpack_exports__, {
/* harmony export */   Ir: () => (/* binding */ drillRunner),
/* harmony export */   NC: () => (/* binding */ drillKey),
/* harmony export */   RX: () => (/* binding */ drillsPrefix),
/* harmony export */   hd: () => (/* binding */ drillPredicate),
/* harmony export */   kr: () => (/* binding */ restoreTimeCheck),
/* harmony export */   lc: () => (/* binding */ subjectChecksums),
/* harmony export */   nM: () => (/* binding */ drillSeconds),
/* harmony export */   qE: () => (/* binding */ parseDrillRecord),
/* harmony export */   rU: () => (/* binding */ recoveryOf),
/* harmony export */   sV: () => (/* binding */ drillKeyTime),
/* harmony export */   yF: () => (/* binding */ slowestStage),
/* harmony export */   z6: () => (/* binding */ drillStatement)
/* harmony export */ });
/* unused harmony export DRILL_PREDICATE_TYPE */
/* harmony import */ var _format_js__WEBPACK_IMPORTED_MODULE_1__ = __webpack_require__(6228);
/* harmony import */ var _naming_js__WEBPACK_IMPORTED_MODULE_0__ = __webpack_require__(2607);


/** The predicate type of the drill's statement (documented in docs/drill-evidence.md). */
const DRILL_PREDICATE_TYPE = 'https://github.com/outtime/s3-backup/drill/v1';
/** Where the drill records are: `<prefix>/drills/`. */
const drillsPrefix = (prefix) => (0,_naming_js__WEBPACK_IMPORTED_MODULE_0__/* .joinKey */ .ID)(prefix, 'drills/');
/** Milliseconds that reverse the time: a later drill gets a smaller, zero-padded number. */
const TIME_CEILING = 9_999_999_999_999;
/**
 * One record's key: `<prefix>/drills/<reverse time>_<YYYYMMDD_HHMMSS>_<what>_<nonce>.json`. S3 lists keys in
 * ascending order, so the newest record is the first key listed: one request of one key finds it.
 */
function drillKey(prefix, at, what, nonce) {
    const reverse = String(TIME_CEILING - at.getTime()).padStart(13, '0');
    const slug = what.replace(/[^A-Za-z0-9._-]+/g, '-').slice(0, 80);
    return `${drillsPrefix(prefix)}${reverse}_${(0,_naming_js__WEBPACK_IMPORTED_MODULE_0__/* .stamp */ .iE)(at)}_${slug}_${nonce}.json`;
}
/** The time a record key names (undefined: not a record key). */
function drillKeyTime(key) {
    const m = /(?:^|\/)drills\/(\d{13})_\d{8}_\d{6}_[^/]*\.json$/.exec(key);
    return m ? new Date(TIME_CEILING - Number(m[1])) : undefined;
}
/** The stage that took the most time. */
function slowestStage(stages) {
    const all = Object.entries(stages);
    return all.reduce((a, b) => (b[1] > a[1] ? b : a));
}
const recoveryOf = (s) => s.download + s.proof + s.restore + s.compare;
/** A stage's time: 850 ms, 12.3 s, 1h 5m. */
const drillSeconds = (s) => s < 1 ? `${Math.round(s * 1000)} ms` : s < 600 ? `${s.toFixed(1)} s` : (0,_format_js__WEBPACK_IMPORTED_MODULE_1__/* .formatAge */ .nV)(s);
/** The max-restore-time check: undefined when no limit was given. */
function restoreTimeCheck(stages, maxSeconds) {
    if (maxSeconds === undefined)
        return undefined;
    const total = recoveryOf(stages);
    const [stage, took] = slowestStage(stages);
    return {
        check: 'recovery time',
        expected: `at most ${drillSeconds(maxSeconds)} (max-restore-time)`,
        found: `${drillSeconds(total)}, the ${stage} took the most: ${drillSeconds(took)}`,
        ok: total <= maxSeconds,
    };
}
/** The runner a record names: the workflow run on Actions, the host name elsewhere. */
function drillRunner(env, host) {
    const { GITHUB_ACTIONS, GITHUB_SERVER_URL, GITHUB_REPOSITORY, GITHUB_RUN_ID } = env;
    if (GITHUB_ACTIONS === 'true' && GITHUB_REPOSITORY) {
        const url = GITHUB_SERVER_URL && GITHUB_RUN_ID
            ? `${GITHUB_SERVER_URL}/${GITHUB_REPOSITORY}/actions/runs/${GITHUB_RUN_ID}`
            : undefined;
        return { kind: 'github-actions', name: GITHUB_REPOSITORY, ...(url ? { url } : {}) };
    }
    return { kind: 'host', name: host };
}
/** The subjects a statement names: the backup, or a set's members. */
function drillSubjects(r) {
    const objects = r.members?.length ? r.members : r.sha256 ? [{ key: r.key, sha256: r.sha256 }] : [];
    return objects.map((m) => ({ name: m.key, digest: { sha256: m.sha256 } }));
}
/** The predicate: the record without its own schema tag. */
function drillPredicate(r) {
    const { schema: _schema, ...predicate } = r;
    return predicate;
}
/** The record as an in-toto Statement v1 (undefined when it proves no object: a drill that did not run). */
function drillStatement(r) {
    const subject = drillSubjects(r);
    if (!subject.length || r.status === 'not-verified')
        return undefined;
    return {
        _type: 'https://in-toto.io/Statement/v1',
        subject,
        predicateType: DRILL_PREDICATE_TYPE,
        predicate: drillPredicate(r),
    };
}
/** The subjects in sha256sum format (`<hex>  <name>`), as actions/attest's subject-checksums reads them. */
const subjectChecksums = (r) => drillSubjects(r)
    .map((s) => `${s.digest.sha256}  ${s.name}\n`)
    .join('');
/** A stored record's text, or undefined when it is not one. */
function parseDrillRecord(text) {
    if (!text)
        return undefined;
    try {
        const r = JSON.parse(text);
        return r.schema === 's3-backup/drill-record/v1' && typeof r.key === 'string' && r.finishedAt
            ? r
            : undefined;
    }
    catch {
        return undefined;
    }
}


/***/ }),

/***/ 4414:
/***/ ((__unused_webpack_module, __webpack_exports__, __webpack_require__) => {

/* harmony export */ __webpack_require__.d(__webpack_exports__, {
/* harmony export */   KB: () => (/* binding */ MANIFEST_SCHEMA),
/* harmony export */   Ng: () => (/* binding */ parseManifest),
/* harmony export */   cn: () => (/* binding */ latestKeyOf),
/* harmony export */   h4: () => (/* binding */ githubContext),
/* harmony export */   hh: () => (/* binding */ MANIFEST_VERSION)
/* harmony export */ });
const MANIFEST_SCHEMA = 's3-backup/manifest';
const MANIFEST_VERSION = 1;
function githubContext(env) {
    if (env.GITHUB_ACTIONS !== 'true' || !env.GITHUB_RUN_ID)
        return null;
    const server = env.GITHUB_SERVER_URL ?? 'https://github.com';
    return {
        runUrl: `${server}/${env.GITHUB_REPOSITORY}/actions/runs/${env.GITHUB_RUN_ID}`,
        repository: env.GITHUB_REPOSITORY,
        sha: env.GITHUB_SHA,
        workflow: env.GITHUB_WORKFLOW,
        ref: env.GITHUB_REF,
    };
}
function parseManifest(text) {
    const doc = JSON.parse(text);
    if (doc.schema !== MANIFEST_SCHEMA || typeof doc.version !== 'number') {
        throw new Error('not an s3-backup manifest');
    }
    if (Math.floor(doc.version) > MANIFEST_VERSION) {
        throw new Error(`manifest version ${doc.version} is newer than this tool understands (${MANIFEST_VERSION}): upgrade s3-backup`);
    }
    return doc;
}
/** The key latest.json names; undefined when there is no pointer or it cannot be read. */
function latestKeyOf(pointerText) {
    if (!pointerText)
        return undefined;
    try {
        const key = JSON.parse(pointerText).key;
        return typeof key === 'string' ? key : undefined;
    }
    catch {
        return undefined;
    }
}


/***/ }),

/***/ 5679:
/***/ ((__unused_webpack_module, __webpack_exports__, __webpack_require__) => {

/* harmony export */ __webpack_require__.d(__webpack_exports__, {
/* harmony export */   IO: () => (/* binding */ describeRule),
/* harmony export */   JZ: () => (/* binding */ mergeReplication),
/* harmony export */   KO: () => (/* binding */ replicationStatusVerdict),
/* harmony export */   QI: () => (/* binding */ destinationArn),
/* harmony export */   Vr: () => (/* binding */ REPLICATION_TRUST_POLICY),
/* harmony export */   Zx: () => (/* binding */ replicationRolePolicy),
/* harmony export */   pi: () => (/* binding */ bucketOfArn),
/* harmony export */   sG: () => (/* binding */ ruleFor)
/* harmony export */ });
/* unused harmony export replicationRule */
/* harmony import */ var _errors_js__WEBPACK_IMPORTED_MODULE_0__ = __webpack_require__(4296);

const REPLICATION_RULE_PREFIX = 's3-backup:';
const replicationRuleId = (prefix) => `${REPLICATION_RULE_PREFIX}${prefix}:replicate`;
const keyPrefix = (prefix) => (prefix ? `${prefix}/` : '');
/** A bucket ARN from an ARN or a bare bucket name. */
function destinationArn(input, text) {
    const t = text.trim();
    const m = /^arn:(aws|aws-cn|aws-us-gov):s3:::([a-z0-9][a-z0-9.-]{1,61}[a-z0-9])$/.exec(t);
    if (m)
        return t;
    if (/^[a-z0-9][a-z0-9.-]{1,61}[a-z0-9]$/.test(t))
        return `arn:aws:s3:::${t}`;
    throw new _errors_js__WEBPACK_IMPORTED_MODULE_0__/* .UserError */ .yo(`${input}: "${text}" is not a bucket ARN (arn:aws:s3:::BUCKET) or a bucket name`);
}
const bucketOfArn = (arn) => arn.split(':::')[1];
/** Our rule: the backup prefix, delete markers not replicated (a delete at the source never reaches the copy). */
function replicationRule(prefix, t, priority) {
    return {
        ID: replicationRuleId(prefix),
        Priority: priority,
        Status: 'Enabled',
        Filter: { Prefix: keyPrefix(prefix) },
        DeleteMarkerReplication: { Status: 'Disabled' },
        Destination: {
            Bucket: t.destinationArn,
            ...(t.storageClass
                ? { StorageClass: t.storageClass }
                : {}),
            ...(t.timeControl
                ? {
                    ReplicationTime: { Status: 'Enabled', Time: { Minutes: 15 } },
                    Metrics: { Status: 'Enabled', EventThreshold: { Minutes: 15 } },
                }
                : {}),
        },
    };
}
const same = (a, b) => JSON.stringify(normal(a)) === JSON.stringify(normal(b));
/** Key order and absent-vs-undefined do not matter when comparing what S3 returns with what we would write. */
function normal(v) {
    if (Array.isArray(v))
        return v.map(normal);
    if (v && typeof v === 'object')
        return Object.fromEntries(Object.entries(v)
            .filter(([, x]) => x !== undefined)
            .sort(([a], [b]) => a.localeCompare(b))
            .map(([k, x]) => [k, normal(x)]));
    return v;
}
/**
 * Ours replaced by ID, every other rule kept. A bucket has one replication role: another role with other rules
 * in place is refused (changing it would change how their rules replicate).
 */
function mergeReplication(existing, prefix, t) {
    const rules = existing?.Rules ?? [];
    const id = replicationRuleId(prefix);
    const others = rules.filter((r) => r.ID !== id);
    const ours = rules.find((r) => r.ID === id);
    if (existing?.Role && existing.Role !== t.role && others.length) {
        throw new _errors_js__WEBPACK_IMPORTED_MODULE_0__/* .UserError */ .yo(`replication-role: the bucket already replicates with role ${existing.Role} (${others.length} other rule${others.length === 1 ? '' : 's'}); a bucket has one replication role: pass that role`);
    }
    const taken = new Set(others.map((r) => r.Priority ?? 0));
    let priority = ours?.Priority ?? Math.max(0, ...others.map((r) => r.Priority ?? 0)) + 1;
    while (taken.has(priority))
        priority++;
    const rule = replicationRule(prefix, t, priority);
    const config = { Role: t.role, Rules: [...others, rule] };
    const changed = !(existing?.Role === t.role && ours && same(ours, rule));
    return { config, changed, kept: others.length };
}
/** Does an enabled rule replicate the backup prefix? The rule, or undefined. */
function ruleFor(config, prefix) {
    const covers = (r) => {
        const p = r.Filter?.Prefix ?? r.Filter?.And?.Prefix ?? r.Prefix ?? '';
        return r.Status === 'Enabled' && keyPrefix(prefix).startsWith(p) && !r.Filter?.Tag && !r.Filter?.And?.Tags?.length;
    };
    const rules = config?.Rules ?? [];
    return rules.find((r) => r.ID === replicationRuleId(prefix) && r.Status === 'Enabled') ?? rules.find(covers);
}
function describeRule(r) {
    const d = r.Destination;
    return [
        `to ${d?.Bucket ?? '?'}`,
        d?.StorageClass ? `as ${d.StorageClass}` : undefined,
        d?.ReplicationTime?.Status === 'Enabled' ? 'RTC 15 min' : undefined,
        r.DeleteMarkerReplication?.Status === 'Enabled' ? 'delete markers replicated' : undefined,
        `("${r.ID ?? '(no id)'}")`,
    ]
        .filter(Boolean)
        .join(', ');
}
/** The newest backup's replication status, as the audit reads it. */
function replicationStatusVerdict(status, key, configured) {
    switch ((status ?? '').toUpperCase()) {
        case 'COMPLETED':
            return ['ok', `${key}: COMPLETED`];
        case 'REPLICA':
            return ['ok', `${key}: REPLICA (this bucket holds the replicas)`];
        case 'PENDING':
            return ['unknown', `${key}: PENDING (being replicated)`];
        case 'FAILED':
            return ['fail', `${key}: FAILED (check the role's permissions and the destination's versioning)`];
        default:
            return configured
                ? ['fail', `${key}: no replication status (written before the rule, or the rule does not cover it)`]
                : ['unknown', `${key}: not replicated (no replication rule)`];
    }
}
/** The permissions of the role S3 replicates with, and its trust policy (s3.amazonaws.com assumes it). */
function replicationRolePolicy(o) {
    const source = `arn:aws:s3:::${o.bucket}`;
    return {
        Version: '2012-10-17',
        Statement: [
            {
                Sid: 'ReadTheReplicationConfiguration',
                Effect: 'Allow',
                Action: ['s3:GetReplicationConfiguration', 's3:ListBucket'],
                Resource: [source],
            },
            {
                Sid: 'ReadSourceVersionsUnderThePrefix',
                Effect: 'Allow',
                Action: ['s3:GetObjectVersionForReplication', 's3:GetObjectVersionAcl', 's3:GetObjectVersionTagging'],
                Resource: [`${source}/${keyPrefix(o.prefix)}*`],
            },
            {
                Sid: 'WriteReplicasUnderThePrefix',
                Effect: 'Allow',
                Action: ['s3:ReplicateObject', 's3:ReplicateTags'],
                Resource: [`${o.destinationArn}/${keyPrefix(o.prefix)}*`],
            },
        ],
    };
}
const REPLICATION_TRUST_POLICY = {
    Version: '2012-10-17',
    Statement: [
        {
            Sid: 'S3Replicates',
            Effect: 'Allow',
            Principal: { Service: 's3.amazonaws.com' },
            Action: 'sts:AssumeRole',
        },
    ],
};


/***/ }),

/***/ 701:
/***/ ((__unused_webpack_module, __webpack_exports__, __webpack_require__) => {

/* harmony export */ __webpack_require__.d(__webpack_exports__, {
/* harmony export */   FE: () => (/* binding */ partLoads),
/* harmony export */   XG: () => (/* binding */ tempNeed),
/* harmony export */   Y0: () => (/* binding */ HEAD_ALLOWANCE),
/* harmony export */   q8: () => (/* binding */ planRestore)
/* harmony export */ });
/* harmony import */ var _errors_js__WEBPACK_IMPORTED_MODULE_0__ = __webpack_require__(4296);
/**
 * How a backup is restored (pure): a list of steps, each one pg_restore (or psql) reading one source — the decoding
 * stream, the archive's head (header and table of contents: the schema without the data) or a decoded copy — for one
 * section, with its own number of jobs. A multi-stream backup adds its data parts: each part's decoding stream into
 * its own pg_restore, `loads` at a time (one wave), between the schema part's pre-data and post-data.
 */

/** Below this many cores one pg_restore of the stream is faster than the schema split apart from the data (measured). */
const SPLIT_FROM_CORES = 4;
const stream = (why) => ({ steps: [{ source: 'stream', jobs: 1 }], why });
function planRestore(o) {
    if (o.parts?.length)
        return planPartsRestore(o, o.parts.length);
    if (o.format !== 'custom') {
        const unused = [...(o.jobs > 1 ? ['jobs'] : []), ...(o.decodedCopy ? ['decoded-copy'] : [])];
        const note = unused.length ? `; ${unused.join(' and ')} apply to custom-format archives only` : '';
        return stream(`psql reads the decoding stream (plain SQL${note}; no decoded copy)`);
    }
    if (o.decodedCopy)
        return {
            steps: [{ source: 'copy', jobs: o.jobs }],
            why: `decoded-copy: the dump is decoded to a file in temp-dir, then pg_restore --jobs=${o.jobs} reads it`,
        };
    if (o.singleTransaction)
        return stream('one pg_restore reads the decoding stream in one transaction (single-transaction; no decoded copy)');
    if (o.dataOnly)
        return stream('one pg_restore loads the data from the decoding stream (data-only; no decoded copy)');
    if (o.jobs <= 1)
        return stream('one pg_restore reads the decoding stream (jobs 1; no decoded copy)');
    if (o.autoJobs && !o.schemaOnly && o.jobs < SPLIT_FROM_CORES)
        return stream(`one pg_restore reads the decoding stream (jobs auto, ${o.jobs} cores: below ${SPLIT_FROM_CORES}, splitting the schema from the data is slower; no decoded copy)`);
    if (o.schemaOnly)
        return {
            steps: [
                { source: 'head', section: 'pre-data', jobs: 1 },
                { source: 'head', section: 'post-data', jobs: o.jobs },
            ],
            why: `the schema from the archive's head, indexes and constraints with ${o.jobs} jobs (schema-only; no data decoded)`,
        };
    return {
        steps: [
            { source: 'head', section: 'pre-data', jobs: 1 },
            { source: 'stream', section: 'data', jobs: 1 },
            { source: 'head', section: 'post-data', jobs: o.jobs },
        ],
        why: `the schema from the archive's head, the data from the decoding stream, then indexes and constraints with ` +
            `${o.jobs} jobs (no decoded copy; decoded-copy would load the data in parallel too, at the cost of disk for it)`,
    };
}
/**
 * A multi-stream backup: the schema part's pre-data from its head; then its data section (large objects, sequences'
 * values, the rows of tables in no part) from its stream and every data part's stream into its own pg_restore, `loads`
 * of them at a time (more loads than cores slow the largest table's, which the whole restore waits for); then the
 * schema part's post-data (indexes, constraints, triggers, refreshes) with `jobs`. With more than one load at a time, a
 * loaded part's own indexes are built while the last parts load (`earlyIndexes`).
 */
function planPartsRestore(o, parts) {
    if (o.format !== 'custom')
        throw new _errors_js__WEBPACK_IMPORTED_MODULE_0__/* .UserError */ .yo('a multi-stream backup is custom format; this one says otherwise');
    if (o.singleTransaction)
        throw new _errors_js__WEBPACK_IMPORTED_MODULE_0__/* .UserError */ .yo(`single-transaction: this backup is ${parts} data parts loaded over as many connections; leave single-transaction off`);
    const copy = o.decodedCopy ? '; decoded-copy is not needed: the parts load in parallel' : '';
    if (o.schemaOnly)
        return {
            steps: [
                { source: 'head', section: 'pre-data', jobs: 1 },
                { source: 'head', section: 'post-data', jobs: o.jobs },
            ],
            why: `the schema from the schema part, indexes and constraints with ${o.jobs} jobs (schema-only; no data part read)`,
        };
    // data-only: no section, so that pg_restore --data-only takes the large objects with the data, as with one stream
    const section = o.dataOnly ? undefined : 'data';
    const wave = Array.from({ length: parts + 1 }, (_, i) => ({
        source: 'stream',
        ...(section ? { section } : {}),
        ...(i ? { part: i } : {}),
        jobs: 1,
        wave: 1,
    }));
    const { atOnce, words } = partLoads(parts, o.loads ?? o.jobs);
    const loaded = `the schema part's data and ${parts} data parts loaded ${words}, one pg_restore each from its decoding stream`;
    if (o.dataOnly)
        return { steps: wave, atOnce, why: `${loaded} (data-only${copy})` };
    const early = atOnce > 1;
    const indexes = early
        ? `then indexes and constraints with ${o.jobs} jobs, a part's own as soon as it is loaded and no load waits`
        : `then indexes and constraints with ${o.jobs} jobs`;
    return {
        steps: [
            { source: 'head', section: 'pre-data', jobs: 1 },
            ...wave,
            { source: 'head', section: 'post-data', jobs: o.jobs },
        ],
        atOnce,
        ...(early ? { earlyIndexes: true } : {}),
        why: `the schema from the schema part, ${loaded}, ${indexes} (no decoded copy${copy})`,
    };
}
/**
 * How many of a multi-stream backup's loads (its `parts` data parts and the schema part's data) run at a time, given
 * `loads`, and the words for it: "at once" or "2 at a time".
 */
function partLoads(parts, loads) {
    const atOnce = Math.max(1, Math.min(loads, parts + 1));
    return { atOnce, words: atOnce === parts + 1 ? 'at once' : `${atOnce} at a time` };
}
/** Temporary disk a plan needs beyond the download: the head (and the decoded dump for a copy). */
const HEAD_ALLOWANCE = 16 * 1024 * 1024;
function tempNeed(storedBytes, plan, decodedBytes) {
    const copy = plan.steps.some((s) => s.source === 'copy');
    return storedBytes + HEAD_ALLOWANCE + (copy ? (decodedBytes ?? storedBytes) : 0);
}


/***/ }),

/***/ 3295:
/***/ ((__unused_webpack_module, __webpack_exports__, __webpack_require__) => {

/* harmony export */ __webpack_require__.d(__webpack_exports__, {
/* harmony export */   JL: () => (/* binding */ backupsIn),
/* harmony export */   Ml: () => (/* binding */ databaseNames),
/* harmony export */   Vr: () => (/* binding */ selectBackup),
/* harmony export */   _L: () => (/* binding */ unambiguous),
/* harmony export */   xT: () => (/* binding */ dateBound)
/* harmony export */ });
/* harmony import */ var _errors_js__WEBPACK_IMPORTED_MODULE_0__ = __webpack_require__(4296);
/* harmony import */ var _set_format_js__WEBPACK_IMPORTED_MODULE_1__ = __webpack_require__(887);
/* harmony import */ var _naming_js__WEBPACK_IMPORTED_MODULE_2__ = __webpack_require__(2607);
/* harmony import */ var _streams_js__WEBPACK_IMPORTED_MODULE_3__ = __webpack_require__(894);
/* harmony import */ var _input_ref_js__WEBPACK_IMPORTED_MODULE_4__ = __webpack_require__(7571);





/**
 * Our backups among a listing, newest first. `name` filters to one database of the environment; without it, every
 * database's, but not the globals' (roles are no database's backup: a date or `latest` never means them) unless
 * `withGlobals` asks for them too (listing, pruning).
 */
function backupsIn(objects, filter) {
    const keys = new Set(objects.map((o) => o.key));
    const parts = partsByBackup(objects);
    const out = [];
    const globalsStem = `${_set_format_js__WEBPACK_IMPORTED_MODULE_1__/* .GLOBALS_NAME */ .X4}_${filter.environment}`;
    for (const o of objects) {
        const parsed = (0,_naming_js__WEBPACK_IMPORTED_MODULE_2__/* .parseBackupKey */ .lG)(o.key);
        if (!parsed)
            continue;
        const matches = filter.name
            ? parsed.stem === `${filter.name}_${filter.environment}`
            : parsed.stem.endsWith(`_${filter.environment}`) && (filter.withGlobals || parsed.stem !== globalsStem);
        if (!matches)
            continue;
        out.push({
            ...parsed,
            size: o.size,
            hasChecksum: keys.has(`${o.key}.sha256`),
            hasManifest: keys.has(`${o.key}.meta`),
            ...(o.storageClass ? { storageClass: o.storageClass } : {}),
            ...(parts.has(o.key) ? { parts: parts.get(o.key) } : {}),
        });
    }
    return out.sort(_naming_js__WEBPACK_IMPORTED_MODULE_2__/* .newestFirst */ .ll);
}
/** Multi-stream backups' data parts, by the key of the backup they belong to, in order. */
function partsByBackup(objects) {
    const found = new Map();
    for (const o of objects) {
        const part = (0,_streams_js__WEBPACK_IMPORTED_MODULE_3__/* .parsePartKey */ .MV)(o.key);
        if (part)
            found.set(part.backupKey, [...(found.get(part.backupKey) ?? []), { index: part.index, o }]);
    }
    return new Map([...found].map(([k, v]) => [k, v.sort((a, b) => a.index - b.index).map((p) => p.o)]));
}
/** The upper bound a date selector means: a whole day includes all of it. */
function dateBound(selector) {
    let m = /^(\d{4})(\d{2})(\d{2})$/.exec(selector) ?? /^(\d{4})-(\d{2})-(\d{2})$/.exec(selector);
    if (m)
        return new Date(Date.UTC(+m[1], +m[2] - 1, +m[3], 23, 59, 59, 999));
    m = /^(\d{4})(\d{2})(\d{2})_(\d{2})(\d{2})(\d{2})$/.exec(selector);
    if (m)
        return new Date(Date.UTC(+m[1], +m[2] - 1, +m[3], +m[4], +m[5], +m[6], 999));
    if (/^\d{4}-\d{2}-\d{2}T/.test(selector)) {
        const t = Date.parse(/[zZ]|[+-]\d{2}:?\d{2}$/.test(selector) ? selector : `${selector}Z`);
        if (!Number.isNaN(t))
            return new Date(t);
    }
    return undefined;
}
function selectBackup(backups, selector, latestKey) {
    const where = backups.length ? '' : ' (there are no backups under this prefix)';
    if (selector === 'latest') {
        const pointed = latestKey ? backups.find((b) => b.key === latestKey) : undefined;
        // the pointer's object gone (expired, deleted): the newest complete backup, both its sidecars there
        const complete = latestKey ? backups.find((b) => b.hasChecksum && b.hasManifest) : undefined;
        const chosen = pointed ?? complete ?? backups.find((b) => b.hasChecksum);
        if (!chosen)
            throw new _errors_js__WEBPACK_IMPORTED_MODULE_0__/* .UserError */ .yo(`backup: no backup found for "latest"${where}: check bucket, prefix, environment and name`);
        return chosen;
    }
    const bound = dateBound(selector);
    if (bound) {
        const chosen = backups.find((b) => b.at.getTime() <= bound.getTime() && b.hasChecksum);
        if (!chosen)
            throw new _errors_js__WEBPACK_IMPORTED_MODULE_0__/* .UserError */ .yo(`backup: no backup at or before ${selector}${where}; run list to see what exists`);
        return chosen;
    }
    const chosen = backups.find((b) => b.key === selector) ?? backups.find((b) => (0,_naming_js__WEBPACK_IMPORTED_MODULE_2__/* .basename */ .P8)(b.key) === selector);
    if (chosen)
        return chosen;
    if ((0,_naming_js__WEBPACK_IMPORTED_MODULE_2__/* .parseBackupKey */ .lG)(selector))
        throw new _errors_js__WEBPACK_IMPORTED_MODULE_0__/* .UserError */ .yo(`backup: "${selector}" was not found${where}; run list to see what exists`);
    throw new _errors_js__WEBPACK_IMPORTED_MODULE_0__/* .UserError */ .yo(`backup: "${selector}" is not latest, a key, or a date (YYYYMMDD, YYYYMMDD_HHMMSS, ISO 8601)`);
}
/** The databases (names in keys) a listing holds backups of; the server's globals are not a database. */
function databaseNames(backups, environment) {
    const suffix = `_${environment}`;
    const names = backups.filter((b) => b.stem.endsWith(suffix)).map((b) => b.stem.slice(0, -suffix.length));
    return [...new Set(names)].filter((n) => n !== _set_format_js__WEBPACK_IMPORTED_MODULE_1__/* .GLOBALS_NAME */ .X4).sort();
}
/**
 * Without a name, latest (or a date) under a prefix that holds several databases could mean any of them: refused,
 * naming them and how to choose. A key names its backup, so it is never ambiguous. Returns the backups to choose from
 * (the globals are never a database's latest).
 */
function unambiguous(backups, selector, o) {
    if (o.name)
        return backups;
    const globals = `${_set_format_js__WEBPACK_IMPORTED_MODULE_1__/* .GLOBALS_NAME */ .X4}_${o.environment}`;
    const databases = backups.filter((b) => b.stem !== globals);
    const names = databaseNames(databases, o.environment);
    if (names.length > 1 && (selector === 'latest' || dateBound(selector))) {
        throw new _errors_js__WEBPACK_IMPORTED_MODULE_0__/* .UserError */ .yo(`backup: "${selector}" is ambiguous: prefix "${o.prefix}" holds backups of ${names.length} databases (${names.join(', ')}); ` +
            `choose one with ${(0,_input_ref_js__WEBPACK_IMPORTED_MODULE_4__/* .inputRef */ .i)('name', names[0])}, or give a backup key`);
    }
    return databases;
}


/***/ }),

/***/ 6446:
/***/ ((__unused_webpack_module, __webpack_exports__, __webpack_require__) => {

/* harmony export */ __webpack_require__.d(__webpack_exports__, {
/* harmony export */   Ds: () => (/* binding */ staleClaims),
/* harmony export */   QO: () => (/* binding */ isStale)
/* harmony export */ });
/* unused harmony exports CLAIM_STALE_MS, claimedKey */
/* harmony import */ var _naming_js__WEBPACK_IMPORTED_MODULE_0__ = __webpack_require__(2607);
/**
 * Claims that no longer guard anything (pure). A backup claims its key with <prefix>/.claims/<basename>/<run id> and
 * removes the claim when it ends; a run killed outright (SIGKILL, a runner that vanished) leaves it behind. Such a
 * claim can only ever concern runs that start in the same second as its key, so it is harmless soon after; it is
 * treated as gone once it is older than CLAIM_STALE_MS, or once its backup exists (the object guards its key itself).
 */

/** A claim older than this is a leftover: contenders ignore it, prune removes it. */
const CLAIM_STALE_MS = 60 * 60 * 1000;
/** Older than CLAIM_STALE_MS before `reference` (a claim without a date is never stale by age). */
function isStale(claim, reference) {
    return !!claim.lastModified && reference.getTime() - claim.lastModified.getTime() > CLAIM_STALE_MS;
}
/** The backup key a claim directly under `prefix` is for, or undefined when `key` is not such a claim. */
function claimedKey(key, prefix) {
    const folder = (0,_naming_js__WEBPACK_IMPORTED_MODULE_0__/* .joinKey */ .ID)(prefix, `${_naming_js__WEBPACK_IMPORTED_MODULE_0__/* .CLAIMS_FOLDER */ .zN}/`);
    if (!key.startsWith(folder))
        return undefined;
    const rest = key.slice(folder.length).split('/');
    return rest.length === 2 && rest[0] && rest[1] ? (0,_naming_js__WEBPACK_IMPORTED_MODULE_0__/* .joinKey */ .ID)(prefix, rest[0]) : undefined;
}
/** The leftover claims among the objects under a prefix: stale by age at `now`, or their backup exists. */
function staleClaims(objects, prefix, now) {
    const present = new Set(objects.map((o) => o.key));
    return objects
        .filter((o) => {
        const claimed = claimedKey(o.key, prefix);
        return claimed !== undefined && (present.has(claimed) || isStale(o, now));
    })
        .map((o) => o.key);
}


/***/ }),

/***/ 894:
/***/ ((__unused_webpack_module, __webpack_exports__, __webpack_require__) => {

/* harmony export */ __webpack_require__.d(__webpack_exports__, {
/* harmony export */   MV: () => (/* binding */ parsePartKey),
/* harmony export */   N_: () => (/* binding */ chooseStreams),
/* harmony export */   YW: () => (/* binding */ partKeyFor),
/* harmony export */   aG: () => (/* binding */ partitionTables),
/* harmony export */   be: () => (/* binding */ partKey),
/* harmony export */   mN: () => (/* binding */ exactTablePattern)
/* harmony export */ });
/* unused harmony export GIB */
/**
 * Multi-stream backups (pure): how many data streams, which tables each one dumps, and how their objects are named.
 * A backup of N streams is one schema part (the backup's own key: everything but the data parts' tables' rows) and N
 * data parts beside it (pg_dump --data-only of their tables), all dumped from one exported snapshot.
 */
const GIB = 2 ** 30;
/** `auto` keeps databases under this size in one stream: below it, a second pg_dump costs more than it saves. */
const AUTO_STREAMS_MIN_SIZE = GIB;
/** `auto` never takes more data streams than this. */
const AUTO_STREAMS_MAX = 8;
/**
 * `auto`: one stream under 1 GiB; above it, one stream per started GiB, at most one per core and at most 8.
 * A number is taken as given (the partition then uses no more parts than there are tables to spread).
 */
function chooseStreams(asked, databaseSize, cores) {
    if (asked !== 'auto')
        return asked;
    if (databaseSize < AUTO_STREAMS_MIN_SIZE)
        return 1;
    return Math.max(1, Math.min(cores, AUTO_STREAMS_MAX, Math.ceil(databaseSize / GIB)));
}
/**
 * The tables spread over at most `streams` data parts by size: largest first, each into the lightest part so far (so
 * a table larger than its share ends up alone); between parts of equal size, the one with fewer tables, then the
 * lower one. Tables of equal size go by name, so the result is stable.
 * No part is empty: fewer tables than streams give fewer parts. Everything else the dump holds (the schema, large
 * objects, sequences' values, materialized views' refreshes) stays in the schema part.
 */
function partitionTables(tables, streams) {
    const sorted = tables
        .map((t) => ({ ...t, bytes: Math.max(0, t.bytes) }))
        .sort((a, b) => b.bytes - a.bytes || `${a.schema}.${a.name}`.localeCompare(`${b.schema}.${b.name}`));
    const count = Math.min(streams, sorted.length);
    const parts = Array.from({ length: count }, () => ({ tables: [], bytes: 0 }));
    const lighter = (a, b) => a.bytes < b.bytes || (a.bytes === b.bytes && a.tables.length < b.tables.length);
    for (const t of sorted) {
        const lightest = parts.reduce((best, p, i) => (lighter(p, parts[best]) ? i : best), 0);
        parts[lightest].tables.push(t);
        parts[lightest].bytes += t.bytes;
    }
    return parts;
}
/** A name as a pg_dump pattern that matches exactly it: both parts quoted, inner quotes doubled. */
function exactTablePattern(t) {
    const q = (s) => `"${s.replace(/"/g, '""')}"`;
    return `${q(t.schema)}.${q(t.name)}`;
}
const PART_RE = /^(.*)\.part-(\d{4})(\.(?:dump|sql)(?:\.(?:zst|gz))?(?:\.(?:age|gpg))?)$/;
/**
 * The key of a backup's data part `index` (1, 2 …): `.part-NNNN` before the backup key's extension, so
 * `db_prod_20250101_000000.dump.zst` has its parts at `db_prod_20250101_000000.part-0001.dump.zst` …
 */
function partKey(key, ext, index) {
    if (!key.endsWith(ext))
        throw new RangeError(`${key} does not end with ${ext}`);
    if (!Number.isInteger(index) || index < 1 || index > 9999)
        throw new RangeError(`part index ${index} out of range`);
    return `${key.slice(0, key.length - ext.length)}.part-${String(index).padStart(4, '0')}${ext}`;
}
/** A data part's key → the key of the backup it belongs to and its index; undefined for anything else. */
function parsePartKey(key) {
    const m = PART_RE.exec(key);
    if (!m || m[1].endsWith('/') || !m[1])
        return undefined;
    return { backupKey: `${m[1]}${m[3]}`, index: Number(m[2]) };
}
/** A data part's key moved to another backup key (the copy's, named `_2` … when taken there): same index and ext. */
function partKeyFor(part, backupKey) {
    const m = PART_RE.exec(part);
    if (!m)
        throw new RangeError(`${part} is not a data part's key`);
    return partKey(backupKey, m[3], Number(m[2]));
}


/***/ }),

/***/ 634:
/***/ ((__unused_webpack_module, __webpack_exports__, __webpack_require__) => {

/* harmony export */ __webpack_require__.d(__webpack_exports__, {
/* harmony export */   KJ: () => (/* binding */ untrackTempDir),
/* harmony export */   V2: () => (/* binding */ trackTempDir),
/* harmony export */   l3: () => (/* binding */ tempDirOf)
/* harmony export */ });
/* harmony import */ var node_fs__WEBPACK_IMPORTED_MODULE_0__ = __webpack_require__(3024);
/* harmony import */ var node_fs__WEBPACK_IMPORTED_MODULE_0___default = /*#__PURE__*/__webpack_require__.n(node_fs__WEBPACK_IMPORTED_MODULE_0__);
/**
 * The temporary folders this process created (downloads): removed by their owner when it is done, and — whatever
 * ends the process first (a crash, a second signal, the cancel deadline's exit) — by an exit hook, so no run leaves
 * a backup's worth of bytes in the temporary directory.
 */

/** The directory downloads go to: temp-dir, else the run's (RUNNER_TEMP or the system's temporary directory). */
const tempDirOf = (o, ctx) => o.tempDir ?? ctx.tempDir;
const dirs = new Set();
let hooked = false;
/** Remember a folder the run created; it is removed at the latest when the process exits. */
function trackTempDir(dir) {
    dirs.add(dir);
    if (hooked)
        return;
    hooked = true;
    process.once('exit', removeTrackedTempDirs);
}
/** The owner removed it. */
function untrackTempDir(dir) {
    dirs.delete(dir);
}
/** Synchronously removes every folder still tracked (the exit hook; exit handlers cannot wait). */
function removeTrackedTempDirs() {
    for (const dir of dirs) {
        try {
            (0,node_fs__WEBPACK_IMPORTED_MODULE_0__.rmSync)(dir, { recursive: true, force: true });
        }
        catch {
            // nothing more can be done while exiting
        }
    }
    dirs.clear();
}


/***/ }),

/***/ 5916:
/***/ ((__unused_webpack_module, __webpack_exports__, __webpack_require__) => {

/* harmony export */ __webpack_require__.d(__webpack_exports__, {
/* harmony export */   R: () => (/* binding */ RestoreEntries),
/* harmony export */   _: () => (/* binding */ DumpTables)
/* harmony export */ });
/**
 * A backup by its tables: each table weighs its size on disk (heap and TOAST); a table is done when its pg_dump
 * begins the next one or prints anything after it, or exits. The sizes may arrive while the dump runs.
 */
class DumpTables {
    tables;
    sizes;
    finished = new Set();
    total = 0;
    constructor(tables) {
        this.tables = tables;
    }
    /** The tables' sizes ("schema.name" → bytes); until then the share is unknown. */
    sized(sizes) {
        this.sizes = sizes;
        this.total = this.tables.reduce((n, t) => n + (sizes.get(t) ?? 0), 0);
    }
    /** One pg_dump's lines (a multi-stream backup runs several). */
    stream() {
        let current;
        const finish = () => {
            if (current !== undefined)
                this.finished.add(current);
            current = undefined;
        };
        return {
            table: (name) => {
                finish();
                current = name;
            },
            entry: finish,
            other: finish,
            end: finish,
        };
    }
    /** The share done, by size; undefined while the sizes are unknown or all zero. */
    work() {
        if (!this.sizes || this.total <= 0)
            return undefined;
        let done = 0;
        for (const t of this.finished)
            done += this.sizes.get(t) ?? 0;
        return { done: Math.min(done, this.total), total: this.total, measure: 'tables' };
    }
    /** Everything dumped (the last sample). */
    all() {
        const w = this.work();
        return w ? { ...w, done: w.total } : undefined;
    }
}
/**
 * A restore by the archive's entries (its table of contents) and, among them, the tables' data. A step of `jobs`
 * may have that many entries under way: they count once the step goes on past them, or when it exits.
 */
class RestoreEntries {
    entries;
    tables;
    steps = [];
    constructor(entries, tables) {
        this.entries = entries;
        this.tables = tables;
    }
    step(jobs) {
        const s = { started: 0, tables: 0, dataLast: false, jobs: Math.max(1, jobs), ended: false };
        this.steps.push(s);
        return {
            table: () => {
                s.started++;
                s.tables++;
                s.dataLast = true;
            },
            entry: () => {
                s.started++;
                s.dataLast = false;
            },
            other: () => undefined,
            end: () => {
                s.ended = true;
            },
        };
    }
    work() {
        let done = 0;
        let tables = 0;
        for (const s of this.steps) {
            done += s.ended ? s.started : Math.max(0, s.started - s.jobs);
            const underWay = s.jobs > 1 ? s.jobs : s.dataLast ? 1 : 0;
            tables += s.ended ? s.tables : Math.max(0, s.tables - underWay);
        }
        return {
            done: Math.min(done, this.entries),
            total: this.entries,
            measure: 'entries',
            counted: true,
            tables: { done: Math.min(tables, this.tables), total: this.tables },
        };
    }
    /** Everything restored (the last sample). */
    all() {
        return { ...this.work(), done: this.entries, tables: { done: this.tables, total: this.tables } };
    }
}


/***/ }),

/***/ 3720:
/***/ ((__unused_webpack_module, __webpack_exports__, __webpack_require__) => {

/* harmony export */ __webpack_require__.d(__webpack_exports__, {
/* harmony export */   C: () => (/* binding */ openDecryption)
/* harmony export */ });
/* harmony import */ var node_fs__WEBPACK_IMPORTED_MODULE_0__ = __webpack_require__(3024);
/* harmony import */ var node_fs__WEBPACK_IMPORTED_MODULE_0___default = /*#__PURE__*/__webpack_require__.n(node_fs__WEBPACK_IMPORTED_MODULE_0__);
/* harmony import */ var node_stream__WEBPACK_IMPORTED_MODULE_1__ = __webpack_require__(7075);
/* harmony import */ var node_stream__WEBPACK_IMPORTED_MODULE_1___default = /*#__PURE__*/__webpack_require__.n(node_stream__WEBPACK_IMPORTED_MODULE_1__);
/* harmony import */ var node_stream_promises__WEBPACK_IMPORTED_MODULE_2__ = __webpack_require__(6466);
/* harmony import */ var node_stream_promises__WEBPACK_IMPORTED_MODULE_2___default = /*#__PURE__*/__webpack_require__.n(node_stream_promises__WEBPACK_IMPORTED_MODULE_2__);
/* harmony import */ var _core_errors_js__WEBPACK_IMPORTED_MODULE_3__ = __webpack_require__(4296);
/* harmony import */ var _encrypt_js__WEBPACK_IMPORTED_MODULE_4__ = __webpack_require__(1792);
/* harmony import */ var _web_stage_js__WEBPACK_IMPORTED_MODULE_5__ = __webpack_require__(80);
/* harmony import */ var _core_input_ref_js__WEBPACK_IMPORTED_MODULE_6__ = __webpack_require__(7571);







/** Worded by the host at the time of the message. */
const input = () => (0,_core_input_ref_js__WEBPACK_IMPORTED_MODULE_6__/* .inputRef */ .i)('decryption-key');
/**
 * The decryption a chosen backup needs, or undefined when it is not encrypted. Fails before any download when the
 * key is missing, of the other method, cannot be unlocked, or (per the manifest) belongs to none of the recipients.
 */
async function openDecryption(o, backup) {
    const method = backup.entry.encryption;
    if (!method)
        return undefined;
    const key = backup.entry.key;
    const recipients = backup.manifest?.encryption?.method === method ? backup.manifest.encryption.recipients : [];
    const forWhom = recipients.length ? ` (encrypted for ${recipients.join(', ')})` : '';
    const keys = o.decryption;
    if (method === 'age') {
        if (!keys?.age.length) {
            throw new _core_errors_js__WEBPACK_IMPORTED_MODULE_3__/* .UserError */ .yo(`${input()} ${keys ? 'holds no age identity' : 'is empty'}: ${key} is age-encrypted${forWhom}; set ${input()} to the matching identity (AGE-SECRET-KEY-1…)`);
        }
        return openAge(keys.age, key, recipients, forWhom);
    }
    if (!keys?.armored.length && !keys?.binary.length) {
        throw new _core_errors_js__WEBPACK_IMPORTED_MODULE_3__/* .UserError */ .yo(`${input()} ${keys ? 'holds no OpenPGP private key' : 'is empty'}: ${key} is OpenPGP-encrypted${forWhom}; set ${input()} to the matching armored private key (and decryption-passphrase if it has one)`);
    }
    return openPgp(keys, key, recipients, forWhom);
}
async function openAge(identities, key, recipients, forWhom) {
    // imported when needed: see encrypt.ts
    const { Decrypter, identityToRecipient } = await __webpack_require__.e(/* import() */ 539).then(__webpack_require__.bind(__webpack_require__, 1539));
    const decrypter = new Decrypter();
    const mine = [];
    for (const id of identities) {
        try {
            decrypter.addIdentity(id);
            mine.push(await identityToRecipient(id));
        }
        catch (err) {
            throw new _core_errors_js__WEBPACK_IMPORTED_MODULE_3__/* .UserError */ .yo(`${input()}: an age identity is not valid (${(0,_encrypt_js__WEBPACK_IMPORTED_MODULE_4__/* .oneLineMessage */ .W)(err)}); copy the AGE-SECRET-KEY-1… line again from the key file`);
        }
    }
    // the manifest names the recipients: refuse a key that is none of them before downloading gigabytes
    if (recipients.length && !mine.some((r) => recipients.includes(r))) {
        throw new _core_errors_js__WEBPACK_IMPORTED_MODULE_3__/* .UserError */ .yo(`${input()} does not open ${key}: the key is for ${mine.join(', ')}${forWhom}; use the identity of one of those recipients`);
    }
    const fail = (err) => /no identity matched/.test((0,_encrypt_js__WEBPACK_IMPORTED_MODULE_4__/* .oneLineMessage */ .W)(err))
        ? new _core_errors_js__WEBPACK_IMPORTED_MODULE_3__/* .UserError */ .yo(`${input()} does not open ${key}: none of its recipients is ${mine.join(', ')}${forWhom}`)
        : new _core_errors_js__WEBPACK_IMPORTED_MODULE_3__/* .UserError */ .yo(`${key}: the age ciphertext is damaged or truncated (${(0,_encrypt_js__WEBPACK_IMPORTED_MODULE_4__/* .oneLineMessage */ .W)(err)})`);
    return decryption('age', 'age', fail, (mapError) => (0,_web_stage_js__WEBPACK_IMPORTED_MODULE_5__/* .webStage */ .T)((input) => decrypter.decrypt(input), mapError));
}
async function readPrivateKeys(keys) {
    const openpgp = await __webpack_require__.e(/* import() */ 74).then(__webpack_require__.bind(__webpack_require__, 3074));
    const out = [];
    try {
        for (const a of keys.armored)
            out.push(...(await openpgp.readPrivateKeys({ armoredKeys: a })));
        for (const b of keys.binary)
            out.push(...(await openpgp.readPrivateKeys({ binaryKeys: b })));
    }
    catch (err) {
        const msg = (0,_encrypt_js__WEBPACK_IMPORTED_MODULE_4__/* .oneLineMessage */ .W)(err);
        if (/not of type private key|Armored text not of type private/i.test(msg)) {
            throw new _core_errors_js__WEBPACK_IMPORTED_MODULE_3__/* .UserError */ .yo(`${input()}: holds an OpenPGP PUBLIC key: give the private key (gpg --armor --export-secret-keys <id>)`);
        }
        throw new _core_errors_js__WEBPACK_IMPORTED_MODULE_3__/* .UserError */ .yo(`${input()}: the OpenPGP private key could not be read (${msg}); export it again with gpg --armor --export-secret-keys <id>`);
    }
    return out;
}
async function openPgp(keys, key, recipients, forWhom) {
    const openpgp = await __webpack_require__.e(/* import() */ 74).then(__webpack_require__.bind(__webpack_require__, 3074));
    const unlocked = [];
    for (const k of await readPrivateKeys(keys)) {
        const fpr = k.getFingerprint().toUpperCase();
        if (k.isDecrypted()) {
            unlocked.push(k);
            continue;
        }
        if (!keys.passphrase) {
            throw new _core_errors_js__WEBPACK_IMPORTED_MODULE_3__/* .UserError */ .yo(`decryption-passphrase is empty but the OpenPGP key ${fpr} is protected by a passphrase: set ${(0,_core_input_ref_js__WEBPACK_IMPORTED_MODULE_6__/* .inputRef */ .i)('decryption-passphrase')}`);
        }
        try {
            unlocked.push(await openpgp.decryptKey({ privateKey: k, passphrase: keys.passphrase }));
        }
        catch (err) {
            throw new _core_errors_js__WEBPACK_IMPORTED_MODULE_3__/* .UserError */ .yo(`decryption-passphrase does not unlock the OpenPGP key ${fpr} (${(0,_encrypt_js__WEBPACK_IMPORTED_MODULE_4__/* .oneLineMessage */ .W)(err)})`);
        }
    }
    const mine = unlocked.map((k) => k.getFingerprint().toUpperCase());
    if (recipients.length && !mine.some((f) => recipients.includes(f))) {
        throw new _core_errors_js__WEBPACK_IMPORTED_MODULE_3__/* .UserError */ .yo(`${input()} does not open ${key}: the key is ${mine.join(', ')}${forWhom}; use the private key of one of those recipients`);
    }
    const fail = (err) => {
        const msg = (0,_encrypt_js__WEBPACK_IMPORTED_MODULE_4__/* .oneLineMessage */ .W)(err);
        return /No decryption key packets found|Session key decryption failed/i.test(msg)
            ? new _core_errors_js__WEBPACK_IMPORTED_MODULE_3__/* .UserError */ .yo(`${input()} does not open ${key}: none of its recipients is ${mine.join(', ')}${forWhom}`)
            : new _core_errors_js__WEBPACK_IMPORTED_MODULE_3__/* .UserError */ .yo(`${key}: the OpenPGP ciphertext is damaged or truncated (${msg})`);
    };
    // streamed (see the top of this file): authenticate() has already read to the MDC before anyone uses the output
    const config = { allowUnauthenticatedStream: true };
    return decryption('gpg', 'OpenPGP', fail, (mapError) => (0,_web_stage_js__WEBPACK_IMPORTED_MODULE_5__/* .webStage */ .T)(async (input) => {
        const message = await openpgp.readMessage({
            binaryMessage: input,
            config,
        });
        const { data } = await openpgp.decrypt({ message, decryptionKeys: unlocked, format: 'binary', config });
        return data;
    }, mapError));
}
function decryption(method, label, fail, create) {
    // the library's words → one line naming the problem
    const mapped = () => create((err) => (err instanceof _core_errors_js__WEBPACK_IMPORTED_MODULE_3__/* .UserError */ .yo ? err : fail(err)));
    return {
        method,
        label,
        stage: mapped,
        async authenticate(file, signal) {
            let plaintextBytes = 0;
            const discard = new node_stream__WEBPACK_IMPORTED_MODULE_1__.Writable({
                write(chunk, _enc, cb) {
                    plaintextBytes += chunk.length;
                    cb();
                },
            });
            try {
                await (0,node_stream_promises__WEBPACK_IMPORTED_MODULE_2__.pipeline)((0,node_fs__WEBPACK_IMPORTED_MODULE_0__.createReadStream)(file), mapped(), discard, { signal });
            }
            catch (err) {
                if (signal?.aborted)
                    throw signal.reason;
                throw err instanceof _core_errors_js__WEBPACK_IMPORTED_MODULE_3__/* .UserError */ .yo ? err : fail(err);
            }
            return { plaintextBytes };
        },
    };
}


/***/ }),

/***/ 1792:
/***/ ((__unused_webpack_module, __webpack_exports__, __webpack_require__) => {

/* harmony export */ __webpack_require__.d(__webpack_exports__, {
/* harmony export */   W: () => (/* binding */ oneLineMessage),
/* harmony export */   o: () => (/* binding */ openEncryption)
/* harmony export */ });
/* harmony import */ var _core_errors_js__WEBPACK_IMPORTED_MODULE_0__ = __webpack_require__(4296);
/* harmony import */ var _web_stage_js__WEBPACK_IMPORTED_MODULE_1__ = __webpack_require__(80);


const INPUT = 'encryption-recipients';
const plural = (n, what) => `${n} ${what}${n === 1 ? '' : 's'}`;
/** Checks every recipient before anything starts (a bad key fails the run before pg_dump does any work). */
async function openEncryption(spec) {
    return spec.method === 'age' ? openAge(spec.recipients) : openPgp(spec.armored, spec.binary);
}
async function openAge(recipients) {
    const { Encrypter } = await __webpack_require__.e(/* import() */ 539).then(__webpack_require__.bind(__webpack_require__, 1539));
    const encrypter = new Encrypter();
    for (const r of recipients) {
        try {
            encrypter.addRecipient(r);
        }
        catch (err) {
            throw new _core_errors_js__WEBPACK_IMPORTED_MODULE_0__/* .UserError */ .yo(`${INPUT}: ${r} is not a valid age recipient (${(0,_core_errors_js__WEBPACK_IMPORTED_MODULE_0__/* .errorMessage */ .gJ)(err)}); copy it again from age-keygen's "public key:" line`);
        }
    }
    return {
        method: 'age',
        label: `age, ${plural(recipients.length, 'recipient')}`,
        manifest: { method: 'age', recipients },
        // the header (one stanza per recipient) is written first, then STREAM chunks of 64 KiB, each authenticated
        stage: () => (0,_web_stage_js__WEBPACK_IMPORTED_MODULE_1__/* .webStage */ .T)((input) => encrypter.encrypt(input)),
    };
}
async function readPublicKeys(armored, binary) {
    const openpgp = await __webpack_require__.e(/* import() */ 74).then(__webpack_require__.bind(__webpack_require__, 3074));
    const keys = [];
    try {
        for (const a of armored)
            keys.push(...(await openpgp.readKeys({ armoredKeys: a })));
        for (const b of binary)
            keys.push(...(await openpgp.readKeys({ binaryKeys: b })));
    }
    catch (err) {
        throw new _core_errors_js__WEBPACK_IMPORTED_MODULE_0__/* .UserError */ .yo(`${INPUT}: an OpenPGP key could not be read (${oneLineMessage(err)}); export it again with gpg --armor --export <id>`);
    }
    return keys;
}
async function openPgp(armored, binary) {
    const openpgp = await __webpack_require__.e(/* import() */ 74).then(__webpack_require__.bind(__webpack_require__, 3074));
    const keys = await readPublicKeys(armored, binary);
    const fingerprints = [];
    for (const key of keys) {
        const fpr = key.getFingerprint().toUpperCase();
        if (key.isPrivate()) {
            throw new _core_errors_js__WEBPACK_IMPORTED_MODULE_0__/* .UserError */ .yo(`${INPUT}: the OpenPGP key ${fpr} is a PRIVATE key: give the public key (gpg --armor --export ${fpr}); the backup job should never hold the private key`);
        }
        try {
            await key.getEncryptionKey();
        }
        catch (err) {
            throw new _core_errors_js__WEBPACK_IMPORTED_MODULE_0__/* .UserError */ .yo(`${INPUT}: the OpenPGP key ${fpr} cannot encrypt (${oneLineMessage(err)}): use a key with a valid encryption subkey that is not expired or revoked`);
        }
        fingerprints.push(fpr);
    }
    const unique = [...new Set(fingerprints)];
    return {
        method: 'gpg',
        label: `OpenPGP, ${plural(unique.length, 'key')}`,
        manifest: { method: 'gpg', recipients: unique },
        // a literal data packet streamed in partial-length chunks inside one encrypted packet; no OpenPGP compression
        // (the data is already zstd/gzip); SEIPDv1 with MDC unless every key announces SEIPDv2 (gpg 2.2 keys do not)
        stage: () => (0,_web_stage_js__WEBPACK_IMPORTED_MODULE_1__/* .webStage */ .T)(async (input) => {
            const message = await openpgp.createMessage({
                binary: input,
                format: 'binary',
            });
            return (await openpgp.encrypt({
                message,
                encryptionKeys: keys,
                format: 'binary',
            }));
        }),
    };
}
function oneLineMessage(err) {
    return (err?.message ?? String(err)).replace(/\s*\n\s*/g, ' ').trim();
}


/***/ }),

/***/ 80:
/***/ ((__unused_webpack_module, __webpack_exports__, __webpack_require__) => {

/* harmony export */ __webpack_require__.d(__webpack_exports__, {
/* harmony export */   T: () => (/* binding */ webStage)
/* harmony export */ });
/* harmony import */ var node_stream__WEBPACK_IMPORTED_MODULE_0__ = __webpack_require__(7075);
/* harmony import */ var node_stream__WEBPACK_IMPORTED_MODULE_0___default = /*#__PURE__*/__webpack_require__.n(node_stream__WEBPACK_IMPORTED_MODULE_0__);
/**
 * age-encryption and OpenPGP.js work on web streams; the pipelines here are Node streams. A stage is a Node Duplex
 * whose writable side feeds the library's input stream and whose readable side is the library's output, with
 * backpressure end to end (nothing is buffered beyond the web streams' one-chunk queues). Errors travel both ways:
 * the library's error (wrong key, damaged data), passed through `mapError`, fails the Node pipeline, and a failing
 * pipeline cancels the library.
 */

function webStage(start, mapError = (err) => err) {
    const input = new TransformStream();
    const output = new TransformStream();
    start(input.readable)
        // preventAbort: the output fails with the mapped error below, not with the library's raw one
        .then((out) => out.pipeTo(output.writable, { preventAbort: true }))
        .catch((err) => {
        output.writable.abort(mapError(err)).catch(() => undefined);
        input.writable.abort(err).catch(() => undefined);
    });
    return node_stream__WEBPACK_IMPORTED_MODULE_0__.Duplex.fromWeb({ readable: output.readable, writable: input.writable });
}


/***/ }),

/***/ 2748:
/***/ ((__unused_webpack_module, __webpack_exports__, __webpack_require__) => {

/* harmony export */ __webpack_require__.d(__webpack_exports__, {
/* harmony export */   GJ: () => (/* binding */ existingDatabases),
/* harmony export */   Vy: () => (/* binding */ connectableDatabases),
/* harmony export */   Zi: () => (/* binding */ dropDatabase),
/* harmony export */   _g: () => (/* binding */ createMissingRoles),
/* harmony export */   b9: () => (/* binding */ existingRoles),
/* harmony export */   cD: () => (/* binding */ createDatabase),
/* harmony export */   qd: () => (/* binding */ runAssertion),
/* harmony export */   x2: () => (/* binding */ dropTables),
/* harmony export */   z5: () => (/* binding */ globalsAccess)
/* harmony export */ });
/* harmony import */ var _catalog_js__WEBPACK_IMPORTED_MODULE_0__ = __webpack_require__(7295);

/** Every database that accepts connections, templates excluded (the `all` of the databases input). */
async function connectableDatabases(client) {
    const sql = 'SELECT datname AS name FROM pg_database WHERE datallowconn AND NOT datistemplate ORDER BY 1';
    return (await client.query(sql)).rows.map((r) => r.name);
}
/** Which of these databases exist on the server. */
async function existingDatabases(client, names) {
    const sql = 'SELECT datname AS n FROM pg_database WHERE datname = ANY($1::text[])';
    return new Set((await client.query(sql, [names])).rows.map((r) => r.n));
}
/** Which of these roles exist on the server. */
async function existingRoles(client, names) {
    if (!names.length)
        return new Set();
    const sql = 'SELECT rolname AS n FROM pg_roles WHERE rolname = ANY($1::text[])';
    return new Set((await client.query(sql, [names])).rows.map((r) => r.n));
}
async function globalsAccess(client) {
    const { rows } = await client.query("SELECT has_table_privilege('pg_catalog.pg_authid', 'SELECT') AS can");
    const roles = await client.query("SELECT rolname AS name FROM pg_roles WHERE rolname !~ '^pg_' ORDER BY 1");
    return { readsAuthid: rows[0].can, roles: roles.rows.map((r) => r.name) };
}
async function createDatabase(client, name) {
    await client.query(`CREATE DATABASE ${(0,_catalog_js__WEBPACK_IMPORTED_MODULE_0__/* .quoteIdent */ .v4)(name)}`);
}
/** Drops a database; with `force` (PostgreSQL 13 and later) its sessions are ended first. */
async function dropDatabase(client, name, force) {
    await client.query(`DROP DATABASE IF EXISTS ${(0,_catalog_js__WEBPACK_IMPORTED_MODULE_0__/* .quoteIdent */ .v4)(name)}${force ? ' WITH (FORCE)' : ''}`);
}
/** The roles of `names` the server lacks, created without login (owners and grants can then apply). */
async function createMissingRoles(client, names) {
    const existing = await existingRoles(client, names);
    for (const role of names)
        if (!existing.has(role))
            await client.query(`CREATE ROLE ${(0,_catalog_js__WEBPACK_IMPORTED_MODULE_0__/* .quoteIdent */ .v4)(role)} NOLOGIN`);
}
/** Tables and materialized views dropped in one transaction, parents with their partitions (CASCADE). */
async function dropTables(client, tables) {
    const name = (t) => `${(0,_catalog_js__WEBPACK_IMPORTED_MODULE_0__/* .quoteIdent */ .v4)(t.schema)}.${(0,_catalog_js__WEBPACK_IMPORTED_MODULE_0__/* .quoteIdent */ .v4)(t.name)}`;
    const matviews = tables.filter((t) => t.kind === 'matview').map(name);
    const plain = tables.filter((t) => t.kind !== 'matview').map(name);
    await client.query('BEGIN');
    if (matviews.length)
        await client.query(`DROP MATERIALIZED VIEW IF EXISTS ${matviews.join(', ')} CASCADE`);
    if (plain.length)
        await client.query(`DROP TABLE IF EXISTS ${plain.join(', ')} CASCADE`);
    await client.query('COMMIT');
}
/** A user's assertion run as it is: its single value, or the shape of what it returned. */
async function runAssertion(client, statement) {
    const { rows, fields } = await client.query({ text: statement, rowMode: 'array' });
    const single = rows.length === 1 && fields.length === 1;
    const value = single ? rows[0][0] : undefined;
    return { value, shape: single ? String(value) : `${rows.length} rows × ${fields.length} columns` };
}


/***/ }),

/***/ 5553:
/***/ ((__unused_webpack_module, __webpack_exports__, __webpack_require__) => {

/* harmony export */ __webpack_require__.d(__webpack_exports__, {
/* harmony export */   VZ: () => (/* binding */ pgRestoreArgs),
/* harmony export */   YJ: () => (/* binding */ selectionArgs),
/* harmony export */   ue: () => (/* binding */ psqlRestoreArgs),
/* harmony export */   vy: () => (/* binding */ pgDumpArgs)
/* harmony export */ });
function pgDumpArgs(o) {
    const p = o.part ?? {};
    return [
        `--dbname=${o.dbUrl}`,
        '--no-password',
        // custom archives are written uncompressed and compressed by us: faster than pg_dump's built-in gzip
        ...(o.format === 'custom' ? ['--format=custom', '--compress=0'] : ['--format=plain', '--clean', '--if-exists']),
        ...o.schemas.map((s) => `--schema=${s}`),
        ...o.excludeTables.map((t) => `--exclude-table=${t}`),
        ...(o.snapshot ? [`--snapshot=${o.snapshot}`] : []),
        ...(o.create && o.format === 'custom' && !p.dataOnly ? ['--create'] : []),
        ...(p.schemaOnly ? ['--schema-only'] : []),
        ...(p.dataOnly ? ['--data-only'] : []),
        ...(p.tables ?? []).map((t) => `--table=${t}`),
        ...(p.excludeTableData ?? []).map((t) => `--exclude-table-data=${t}`),
        ...(o.verbose && o.format === 'custom' ? ['--verbose'] : []),
    ];
}
/** pg_restore's table-of-contents filters (also given to pg_restore --list, which then lists only what is chosen). */
function selectionArgs(o) {
    return [
        ...(o.schemas ?? []).map((s) => `--schema=${s}`),
        ...(o.tables ?? []).map((t) => `--table=${t}`),
        ...(o.schemaOnly ? ['--schema-only'] : []),
        ...(o.dataOnly ? ['--data-only'] : []),
        ...(o.create ? ['--create'] : []),
    ];
}
/** pg_restore reading a file, or stdin when `file` is undefined. */
function pgRestoreArgs(o) {
    return [
        `--dbname=${o.dbUrl}`,
        '--no-password',
        '--exit-on-error',
        ...(o.clean ? ['--clean', '--if-exists'] : []),
        ...(o.noOwner ? ['--no-owner'] : []),
        ...(o.noAcl ? ['--no-acl'] : []),
        ...(o.jobs > 1 ? [`--jobs=${o.jobs}`] : []),
        ...(o.singleTransaction ? ['--single-transaction'] : []),
        ...selectionArgs(o),
        ...(o.file ? [o.file] : []),
    ];
}
/** psql running a plain dump from stdin; stops at the first error. */
function psqlRestoreArgs(o) {
    return [
        `--dbname=${o.dbUrl}`,
        '--no-password',
        '--no-psqlrc',
        '--quiet',
        '--set=ON_ERROR_STOP=1',
        ...(o.singleTransaction ? ['--single-transaction'] : []),
    ];
}


/***/ }),

/***/ 7295:
/***/ ((__unused_webpack_module, __webpack_exports__, __webpack_require__) => {


// EXPORTS
__webpack_require__.d(__webpack_exports__, {
  BO: () => (/* binding */ countRows),
  Nn: () => (/* binding */ describeCatalog),
  v4: () => (/* binding */ quoteIdent)
});

;// CONCATENATED MODULE: ./src/postgres/patterns.ts
function escapeRegex(c) {
    return /[\\^$.*+?()[\]{}|/]/.test(c) ? `\\${c}` : c;
}
function parseNamePattern(pattern) {
    const parts = [''];
    let quoted = false;
    for (let i = 0; i < pattern.length; i++) {
        const c = pattern[i];
        if (c === '"') {
            if (quoted && pattern[i + 1] === '"') {
                parts[parts.length - 1] += '"';
                i++;
            }
            else
                quoted = !quoted;
        }
        else if (!quoted && c === '.')
            parts.push('');
        else if (!quoted && c === '*')
            parts[parts.length - 1] += '.*';
        else if (!quoted && c === '?')
            parts[parts.length - 1] += '.';
        else
            parts[parts.length - 1] += escapeRegex(quoted ? c : c.toLowerCase());
    }
    const re = (s) => new RegExp(`^(?:${s})$`);
    if (parts.length === 1)
        return { name: re(parts[0]) };
    // db.schema.name: the database part is ignored (pg_dump requires it to be the current one)
    return { schema: re(parts[parts.length - 2]), name: re(parts[parts.length - 1]) };
}
function matchesPattern(p, schema, name) {
    return (p.schema ? p.schema.test(schema) : true) && p.name.test(name);
}
/** What pg_dump dumps given --schema and --exclude-table patterns (tables of other schemas, excluded tables: out). */
function selectedBy(o) {
    const schemas = o.schemas.map((s) => parseNamePattern(s).name);
    const excluded = o.excludeTables.map(parseNamePattern);
    return {
        schema: (schema) => schemas.length === 0 || schemas.some((re) => re.test(schema)),
        table: (schema, name) => (schemas.length === 0 || schemas.some((re) => re.test(schema))) &&
            !excluded.some((p) => matchesPattern(p, schema, name)),
    };
}

;// CONCATENATED MODULE: ./src/postgres/catalog.ts

const USER_NS = `n.nspname NOT IN ('pg_catalog', 'information_schema') AND n.nspname NOT LIKE 'pg\\_toast%' AND n.nspname NOT LIKE 'pg\\_temp%'`;
// objects that belong to an extension are re-created by CREATE EXTENSION, not dumped
const NOT_EXTENSION_MEMBER = `NOT EXISTS (SELECT 1 FROM pg_depend d WHERE d.classid = 'pg_class'::regclass AND d.objid = c.oid AND d.deptype = 'e')`;
function quoteIdent(s) {
    return `"${s.replace(/"/g, '""')}"`;
}
/** Every query describeCatalog runs, sent as one (one round trip; the server runs them one after another). */
const CATALOG_QUERIES = [
    `SELECT n.nspname AS name FROM pg_namespace n WHERE ${USER_NS}
     AND NOT EXISTS (SELECT 1 FROM pg_depend d WHERE d.classid = 'pg_namespace'::regclass AND d.objid = n.oid AND d.deptype = 'e')
   ORDER BY 1`,
    `SELECT n.nspname AS schema, c.relname AS name, c.relkind AS kind, GREATEST(c.reltuples, 0)::bigint::text AS estimate
     FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace
    WHERE c.relkind IN ('r', 'p', 'm') AND ${USER_NS} AND ${NOT_EXTENSION_MEMBER} ORDER BY 1, 2`,
    `SELECT n.nspname AS schema, c.relname AS table, a.attname AS name, format_type(a.atttypid, a.atttypmod) AS type
     FROM pg_attribute a JOIN pg_class c ON c.oid = a.attrelid JOIN pg_namespace n ON n.oid = c.relnamespace
    WHERE c.relkind IN ('r', 'p', 'm') AND a.attnum > 0 AND NOT a.attisdropped AND ${USER_NS}
    ORDER BY n.nspname, c.relname, a.attnum`,
    `SELECT s.schemaname AS schema, s.sequencename AS name, s.last_value::text AS last_value
     FROM pg_sequences s JOIN pg_namespace n ON n.nspname = s.schemaname JOIN pg_class c ON c.relname = s.sequencename AND c.relnamespace = n.oid
    WHERE ${USER_NS} AND ${NOT_EXTENSION_MEMBER} ORDER BY 1, 2`,
    `SELECT e.extname AS name, e.extversion AS version, n.nspname AS schema FROM pg_extension e JOIN pg_namespace n ON n.oid = e.extnamespace
    WHERE e.extname <> 'plpgsql' ORDER BY 1`,
    `SELECT count(*)::text AS n FROM pg_largeobject_metadata`,
    `SELECT rolname AS name FROM pg_roles WHERE rolname !~ '^pg_' ORDER BY 1`,
];
async function readCatalog(client) {
    // several statements in one simple query: pg answers with one result each
    const results = (await client.query(CATALOG_QUERIES.join(';\n')));
    const rows = (i) => results[i].rows;
    return {
        schemas: rows(0),
        tables: rows(1),
        columns: rows(2),
        sequences: rows(3),
        extensions: rows(4),
        largeObjects: rows(5)[0].n,
        roles: rows(6),
    };
}
/** The catalog from its rows, with the backup's schema and table filter applied (pure). */
function assembleCatalog(rows, filter) {
    const selected = selectedBy(filter);
    const columnsOf = new Map();
    for (const c of rows.columns) {
        const k = `${c.schema}.${c.table}`;
        if (!columnsOf.has(k))
            columnsOf.set(k, []);
        columnsOf.get(k).push({ name: c.name, type: c.type });
    }
    const kinds = { r: 'table', p: 'partitioned', m: 'matview' };
    return {
        schemas: rows.schemas.map((r) => r.name).filter((s) => selected.schema(s)),
        tables: rows.tables
            .filter((t) => selected.table(t.schema, t.name))
            .map((t) => ({
            schema: t.schema,
            name: t.name,
            kind: kinds[t.kind],
            rows: t.kind === 'r' ? Number(t.estimate) : null,
            columns: columnsOf.get(`${t.schema}.${t.name}`) ?? [],
        })),
        sequences: rows.sequences
            .filter((s) => selected.schema(s.schema))
            .map((s) => ({ schema: s.schema, name: s.name, lastValue: s.last_value })),
        extensions: rows.extensions,
        // pg_dump leaves large objects out when --schema is given
        largeObjects: filter.schemas.length ? 0 : Number(rows.largeObjects),
        roles: rows.roles.map((r) => r.name),
    };
}
/** Structure and planner estimates; exact counts come from countRows. */
async function describeCatalog(client, filter = { schemas: [], excludeTables: [] }) {
    return assembleCatalog(await readCatalog(client), filter);
}
/**
 * Exact row counts of every table whose rows are in the dump (ONLY: each partition and child counts itself). `known`:
 * counts already taken of tables whose rows can no longer change, by "schema.name".
 */
async function countRows(client, tables, known) {
    const out = [];
    for (const t of tables) {
        if (t.kind !== 'table') {
            // partitioned: rows live in the partitions; matview: re-created by REFRESH on restore, not copied
            out.push({ ...t, rows: null });
            continue;
        }
        const taken = known?.get(`${t.schema}.${t.name}`);
        if (taken !== undefined) {
            out.push({ ...t, rows: taken });
            continue;
        }
        const { rows } = await client.query(`SELECT count(*)::text AS n FROM ONLY ${quoteIdent(t.schema)}.${quoteIdent(t.name)}`);
        out.push({ ...t, rows: Number(rows[0].n) });
    }
    return out;
}


/***/ }),

/***/ 5701:
/***/ ((__unused_webpack_module, __webpack_exports__, __webpack_require__) => {


// EXPORTS
__webpack_require__.d(__webpack_exports__, {
  u_: () => (/* binding */ clientAttempts),
  C7: () => (/* binding */ connectionUrl),
  oW: () => (/* binding */ toolEnv)
});

// EXTERNAL MODULE: external "node:fs"
var external_node_fs_ = __webpack_require__(3024);
// EXTERNAL MODULE: external "node:os"
var external_node_os_ = __webpack_require__(8161);
// EXTERNAL MODULE: external "node:path"
var external_node_path_ = __webpack_require__(6760);
;// CONCATENATED MODULE: ./src/postgres/pgpass.ts
/**
 * The password file (PGPASSFILE, else ~/.pgpass) read as libpq reads it (fe-connect.c, passwordFromFile), so our own
 * connection and the pg tools find the same password: `host:port:database:user:password` lines, `#` comments, `\`
 * escaping the next character (`\:` and `\\`), a field of exactly `*` matching anything, the first matching line
 * winning, a unix-socket host matched as `localhost`, and the file ignored unless it is a plain file without group or
 * world access (0600 or less).
 */



const nodeReader = {
    stat: (file) => {
        try {
            return (0,external_node_fs_.statSync)(file);
        }
        catch {
            return undefined;
        }
    },
    read: (file) => (0,external_node_fs_.readFileSync)(file, 'utf8'),
};
/** Where libpq looks: PGPASSFILE, else ~/.pgpass. */
function passwordFilePath(env, home = (0,external_node_os_.homedir)()) {
    if (env.PGPASSFILE)
        return env.PGPASSFILE;
    return home ? (0,external_node_path_.join)(home, '.pgpass') : undefined;
}
/** The rest of the line after one field matching `value`, or undefined (libpq's pwdfMatchesString). */
function matchField(line, value) {
    if (line.startsWith('*:'))
        return line.slice(2);
    let i = 0;
    let j = 0;
    while (i < line.length) {
        let escaped = false;
        if (line[i] === '\\') {
            i++;
            escaped = true;
        }
        if (line[i] === ':' && j === value.length && !escaped)
            return line.slice(i + 1);
        if (j === value.length || line[i] !== value[j])
            return undefined;
        i++;
        j++;
    }
    return undefined;
}
/** The password field: up to the first unescaped `:`, backslashes removed before the character they escape. */
function unescapePassword(rest) {
    let out = '';
    for (let i = 0; i < rest.length && rest[i] !== ':'; i++) {
        if (rest[i] === '\\' && i + 1 < rest.length)
            i++;
        out += rest[i];
    }
    return out;
}
/** The first matching line's password in the file's text (pure); undefined when none matches or it is empty. */
function passwordFromText(text, c) {
    const host = !c.host || c.host.startsWith('/') ? 'localhost' : c.host;
    for (const raw of text.split('\n')) {
        const line = raw.replace(/\r$/, '');
        if (!line || line.startsWith('#'))
            continue;
        let rest = line;
        for (const value of [host, String(c.port), c.database, c.user]) {
            rest = rest === undefined ? undefined : matchField(rest, value);
        }
        if (rest === undefined)
            continue;
        const password = unescapePassword(rest);
        return password || undefined;
    }
    return undefined;
}
/** The password libpq would take from the password file for this connection, if any. */
function passwordFromFile(c, env = process.env, reader = nodeReader) {
    const file = passwordFilePath(env);
    const st = file ? reader.stat(file) : undefined;
    // libpq ignores (with a warning of its own) a file that is not plain, or that the group or others can access
    if (!file || !st?.isFile() || (st.mode & 0o077) !== 0)
        return undefined;
    try {
        return passwordFromText(reader.read(file), c);
    }
    catch {
        return undefined;
    }
}

// EXTERNAL MODULE: ./src/postgres/tls/index.ts + 5 modules
var tls = __webpack_require__(4302);
;// CONCATENATED MODULE: ./src/postgres/connection.ts





function hostPart(host) {
    if (host.startsWith('/'))
        return ''; // unix socket: passed as ?host=
    return host.includes(':') ? `[${host}]` : encodeURIComponent(host);
}
/** URL for argv and display: never holds the password (nor sslpassword: see toolEnv). */
function connectionUrl(c, database = c.database) {
    const params = new URLSearchParams(c.params);
    params.delete('sslpassword');
    for (const name of c.fromEnv ?? [])
        params.delete(name);
    if (c.host.startsWith('/'))
        params.set('host', c.host);
    const query = params.toString();
    return (`postgresql://${encodeURIComponent(c.user)}@${hostPart(c.host)}:${c.port}/${encodeURIComponent(database)}` +
        (query ? `?${query}` : ''));
}
/** Environment for pg_dump / pg_restore / psql: the password travels here, never in argv. */
function toolEnv(c, base = process.env) {
    const env = { ...base };
    // our own inputs must not leak into, or confuse, the tools
    delete env.DATABASE_URL;
    for (const k of Object.keys(env))
        if (k.startsWith('INPUT_'))
            delete env[k];
    if (c.password !== undefined)
        env.PGPASSWORD = c.password;
    else
        delete env.PGPASSWORD;
    // an empty TLS variable is "not set" to us (resolveLibpqParams); libpq would take it as a value
    for (const name of tls/* TLS_ENV_VARS */.BI)
        if (env[name] !== undefined && !env[name].trim())
            delete env[name];
    // …and the variables it read, as it understood them (trimmed, canonical case)
    for (const name of c.fromEnv ?? [])
        env[tls/* TLS_SETTINGS */.w[name].env] = c.params[name];
    env.PGCONNECT_TIMEOUT = env.PGCONNECT_TIMEOUT ?? '15';
    if (c.params.sslpassword !== undefined) {
        // libpq reads sslpassword from no variable: a private service file carries it, never argv
        env.PGSERVICEFILE = sslPasswordServiceFile(c.params.sslpassword, base.RUNNER_TEMP || (0,external_node_os_.tmpdir)());
        env.PGSERVICE = SERVICE;
    }
    return env;
}
const SERVICE = 's3-backup';
const serviceFiles = new Map();
/** A 0600 pg_service.conf in a 0700 directory, removed when the process exits. */
function sslPasswordServiceFile(password, dir) {
    const known = serviceFiles.get(password);
    if (known)
        return known;
    const folder = (0,external_node_fs_.mkdtempSync)((0,external_node_path_.join)(dir, 's3-backup-pg-'));
    const file = (0,external_node_path_.join)(folder, 'pg_service.conf');
    (0,external_node_fs_.writeFileSync)(file, `[${SERVICE}]\nsslpassword=${password}\n`, { mode: 0o600 });
    if (serviceFiles.size === 0)
        process.once('exit', () => {
            for (const f of serviceFiles.values())
                (0,external_node_fs_.rmSync)((0,external_node_path_.join)(f, '..'), { recursive: true, force: true });
        });
    serviceFiles.set(password, file);
    return file;
}
/** The `pg` client's attempts, in libpq's order (prefer: TLS, then plain; allow: plain, then TLS). */
function clientAttempts(c, database = c.database, fs = tls/* nodeTlsFs */.dE, home = (0,external_node_os_.homedir)()) {
    const s = (0,tls/* tlsSettings */.Bl)(c.params, home || undefined);
    return (0,tls/* sslAttempts */.j2)(s.mode, c.host).map((attempt) => ({
        attempt,
        config: () => ({
            host: c.host,
            port: c.port,
            user: c.user,
            // a function, never undefined: pg would read the password file itself (deprecated, and not as libpq reads
            // it); pg takes a function's undefined as "no password"
            password: (async () => c.password ?? passwordFromFile({ ...c, database })),
            database,
            ssl: attempt === 'tls' ? (0,tls/* tlsOptions */.YF)(s, c.host, fs) : false,
            sslnegotiation: s.negotiation,
            connectionTimeoutMillis: s.connectTimeoutMs,
            application_name: 's3-backup',
        }),
    }));
}


/***/ }),

/***/ 9492:
/***/ ((__unused_webpack_module, __webpack_exports__, __webpack_require__) => {

/* harmony export */ __webpack_require__.d(__webpack_exports__, {
/* harmony export */   CR: () => (/* binding */ serverInfo),
/* harmony export */   Ng: () => (/* binding */ connect),
/* harmony export */   Ry: () => (/* binding */ describePgError),
/* harmony export */   Vi: () => (/* binding */ userTableCount)
/* harmony export */ });
/* harmony import */ var pg__WEBPACK_IMPORTED_MODULE_0__ = __webpack_require__(3849);
/* harmony import */ var _core_errors_js__WEBPACK_IMPORTED_MODULE_1__ = __webpack_require__(4296);
/* harmony import */ var _core_redact_js__WEBPACK_IMPORTED_MODULE_2__ = __webpack_require__(2258);
/* harmony import */ var node_os__WEBPACK_IMPORTED_MODULE_3__ = __webpack_require__(8161);
/* harmony import */ var node_os__WEBPACK_IMPORTED_MODULE_3___default = /*#__PURE__*/__webpack_require__.n(node_os__WEBPACK_IMPORTED_MODULE_3__);
/* harmony import */ var _connection_js__WEBPACK_IMPORTED_MODULE_4__ = __webpack_require__(5701);
/* harmony import */ var _tls_index_js__WEBPACK_IMPORTED_MODULE_5__ = __webpack_require__(4302);






/** Connection failures → one line naming the input and the fix. */
function describePgError(err, c, database = c.database) {
    const e = err;
    const where = `${c.host}:${c.port}`;
    if (err instanceof _core_errors_js__WEBPACK_IMPORTED_MODULE_1__/* .UserError */ .yo)
        return err;
    const tls = (0,_tls_index_js__WEBPACK_IMPORTED_MODULE_5__/* .describeTlsFailure */ .x8)(err, (0,_tls_index_js__WEBPACK_IMPORTED_MODULE_5__/* .tlsSettings */ .Bl)(c.params, (0,node_os__WEBPACK_IMPORTED_MODULE_3__.homedir)() || undefined), c.host, where);
    if (tls)
        return tls;
    switch (e?.code) {
        case '28P01':
            return new _core_errors_js__WEBPACK_IMPORTED_MODULE_1__/* .UserError */ .yo(`database-url: password authentication failed for user "${c.user}" at ${where}: check the password`);
        case '28000':
            if (/certificate/i.test(e.message ?? '')) {
                return new _core_errors_js__WEBPACK_IMPORTED_MODULE_1__/* .UserError */ .yo(`database-url: ${(0,_core_redact_js__WEBPACK_IMPORTED_MODULE_2__/* .redact */ .E$)(e.message ?? 'access refused')} (at ${where}): set sslcert and sslkey to a client certificate for user "${c.user}" signed by the server's CA`);
            }
            return new _core_errors_js__WEBPACK_IMPORTED_MODULE_1__/* .UserError */ .yo(`database-url: ${(0,_core_redact_js__WEBPACK_IMPORTED_MODULE_2__/* .redact */ .E$)(e.message ?? 'access refused')} (at ${where}): check the user and pg_hba.conf`);
        case '3D000':
            return new _core_errors_js__WEBPACK_IMPORTED_MODULE_1__/* .UserError */ .yo(`database-url: database "${database}" does not exist at ${where}: create it or fix the database name`);
        case 'ECONNREFUSED':
            return new _core_errors_js__WEBPACK_IMPORTED_MODULE_1__/* .UserError */ .yo(`database-url: cannot connect to ${where} (connection refused): is PostgreSQL running there?`);
        case 'ENOTFOUND':
        case 'EAI_AGAIN':
            return new _core_errors_js__WEBPACK_IMPORTED_MODULE_1__/* .UserError */ .yo(`database-url: host "${c.host}" not found: check the host name`);
        case '53300':
            return new _core_errors_js__WEBPACK_IMPORTED_MODULE_1__/* .UserError */ .yo(`database-url: ${where} refuses more connections (${(0,_core_redact_js__WEBPACK_IMPORTED_MODULE_2__/* .redact */ .E$)(e.message ?? 'too many connections')}): close idle sessions or raise the limit (a backup holds 3 at once: its snapshot, pg_dump and the row counts)`);
        case '57P03':
            return new _core_errors_js__WEBPACK_IMPORTED_MODULE_1__/* .UserError */ .yo(`database-url: ${where} is starting up or shutting down (${(0,_core_redact_js__WEBPACK_IMPORTED_MODULE_2__/* .redact */ .E$)(e.message ?? 'cannot connect now')}): try again when it is up`);
        case 'ETIMEDOUT':
            return new _core_errors_js__WEBPACK_IMPORTED_MODULE_1__/* .UserError */ .yo(`database-url: connecting to ${where} timed out: check the host, port and firewall`);
        default:
            if (/timeout/i.test(e?.message ?? '')) {
                const ms = (0,_tls_index_js__WEBPACK_IMPORTED_MODULE_5__/* .tlsSettings */ .Bl)(c.params, undefined).connectTimeoutMs;
                return new _core_errors_js__WEBPACK_IMPORTED_MODULE_1__/* .UserError */ .yo(`database-url: no answer from ${where} within ${ms / 1000} s (connect_timeout): is the server up and reachable? ` +
                    'Set PGCONNECT_TIMEOUT or ?connect_timeout= to wait longer');
            }
            return err instanceof Error ? new Error((0,_core_redact_js__WEBPACK_IMPORTED_MODULE_2__/* .redact */ .E$)(err.message), { cause: err }) : new Error((0,_core_redact_js__WEBPACK_IMPORTED_MODULE_2__/* .redact */ .E$)(String(err)));
    }
}
/**
 * Servers that answered "no TLS" to this process (host:port). libpq learns it on the same connection and goes on in
 * plain text; a `pg` client cannot, so later connections under sslmode=prefer skip the attempt it would cost again.
 */
const offersNoTls = new Set();
async function connect(c, database = c.database) {
    const where = `${c.host}:${c.port}`;
    const mode = (0,_tls_index_js__WEBPACK_IMPORTED_MODULE_5__/* .tlsSettings */ .Bl)(c.params, undefined).mode;
    const attempts = (0,_connection_js__WEBPACK_IMPORTED_MODULE_4__/* .clientAttempts */ .u_)(c, database).filter((a) => !(mode === 'prefer' && a.attempt === 'tls' && offersNoTls.has(where)));
    const failures = [];
    for (const [i, a] of attempts.entries()) {
        let client;
        try {
            client = new pg__WEBPACK_IMPORTED_MODULE_0__/* ["default"].Client */ .Ay.Client(a.config());
            client.on('error', () => undefined); // a dropped connection surfaces on the next query
            await client.connect();
            return client;
        }
        catch (err) {
            await client?.end().catch(() => undefined);
            failures.push({ attempt: a.attempt, err });
            if (a.attempt === 'tls' && err?.message === _tls_index_js__WEBPACK_IMPORTED_MODULE_5__/* .NO_TLS */ .cd)
                offersNoTls.add(where);
            if (i === attempts.length - 1 || !(0,_tls_index_js__WEBPACK_IMPORTED_MODULE_5__/* .triesNext */ .fA)(mode, a.attempt, err))
                break;
        }
    }
    throw describePgError((0,_tls_index_js__WEBPACK_IMPORTED_MODULE_5__/* .reportedFailure */ .G0)(failures), c, database);
}
async function serverInfo(client) {
    const { rows } = await client.query(`SELECT current_setting('server_version') AS v, current_setting('server_version_num') AS n,
            pg_database_size(current_database())::text AS size`);
    const row = rows[0];
    const versionNum = Number(row.n);
    return { version: row.v, versionNum, major: Math.floor(versionNum / 10000), databaseSize: Number(row.size) };
}
/** User tables in the target (restore refuses a non-empty target unless clean is set). */
async function userTableCount(client) {
    const { rows } = await client.query(`SELECT count(*)::text AS n FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace
      WHERE c.relkind IN ('r', 'p') AND n.nspname NOT IN ('pg_catalog', 'information_schema')
        AND n.nspname NOT LIKE 'pg\\_toast%' AND n.nspname NOT LIKE 'pg\\_temp%'`);
    return Number(rows[0].n);
}


/***/ }),

/***/ 4898:
/***/ ((__unused_webpack_module, __webpack_exports__, __webpack_require__) => {

/* harmony export */ __webpack_require__.d(__webpack_exports__, {
/* harmony export */   My: () => (/* binding */ spawnTool),
/* harmony export */   qI: () => (/* binding */ runTool),
/* harmony export */   v4: () => (/* binding */ ToolError)
/* harmony export */ });
/* harmony import */ var node_child_process__WEBPACK_IMPORTED_MODULE_0__ = __webpack_require__(1421);
/* harmony import */ var node_child_process__WEBPACK_IMPORTED_MODULE_0___default = /*#__PURE__*/__webpack_require__.n(node_child_process__WEBPACK_IMPORTED_MODULE_0__);
/* harmony import */ var _core_redact_js__WEBPACK_IMPORTED_MODULE_1__ = __webpack_require__(2258);
/**
 * The one seam for child processes (pg_dump, pg_restore, psql, zstd …). A tool's failure carries its own words
 * (the last lines of its stderr, redacted), because that is the real reason the user needs.
 */


class ToolError extends Error {
    tool;
    code;
    signal;
    stderr;
    name = 'ToolError';
    constructor(tool, code, signal, stderr) {
        const why = stderr.trim() ? `: ${stderr.trim()}` : '';
        super((0,_core_redact_js__WEBPACK_IMPORTED_MODULE_1__/* .redact */ .E$)(`${tool} failed (${signal ? `killed by ${signal}` : `exit code ${code}`})${why}`));
        this.tool = tool;
        this.code = code;
        this.signal = signal;
        this.stderr = stderr;
    }
}
const STDERR_LIMIT = 16 * 1024;
function spawnTool(name, command, args, options = {}) {
    const child = (0,node_child_process__WEBPACK_IMPORTED_MODULE_0__.spawn)(command, args, {
        env: options.env,
        stdio: options.stdio ?? ['ignore', 'pipe', 'pipe'],
    });
    let stderr = '';
    const keep = (text) => {
        stderr = (stderr + text).slice(-STDERR_LIMIT);
    };
    child.stderr?.setEncoding('utf8');
    const lines = options.onLine ? linesTo(options.onLine, keep) : undefined;
    child.stderr?.on('data', lines?.data ?? keep);
    if (lines)
        child.stderr?.on('end', lines.end);
    const exited = new Promise((resolve, reject) => {
        child.once('error', (err) => reject(new ToolError(name, null, null, err.code === 'ENOENT' ? `${command} not found` : err.message)));
        child.once('close', (code, signal) => {
            if (code === 0)
                resolve();
            else
                reject(new ToolError(name, code, signal, meaningfulLines(stderr)));
        });
    });
    exited.catch(() => undefined); // observed by whoever awaits it; never an unhandled rejection
    let stopped = false;
    return {
        name,
        child,
        exited,
        stderr: () => stderr,
        kill(signal = 'SIGTERM') {
            if (child.exitCode === null && child.signalCode === null) {
                stopped = true;
                child.kill(signal);
            }
        },
        get stopped() {
            return stopped;
        },
    };
}
/** Whole lines of a stream's chunks to `onLine`; the lines it does not take (and a last partial one) to `keep`. */
function linesTo(onLine, keep) {
    let partial = '';
    return {
        data: (chunk) => {
            const lines = (partial + chunk).split('\n');
            partial = lines.pop();
            // a line longer than what stderr keeps is not a progress line: kept as it comes
            if (partial.length > STDERR_LIMIT) {
                keep(partial);
                partial = '';
            }
            for (const line of lines)
                if (!onLine(line))
                    keep(`${line}\n`);
        },
        end: () => {
            if (partial && !onLine(partial))
                keep(partial);
            partial = '';
        },
    };
}
/** Runs to completion and returns stdout. */
async function runTool(name, command, args, env) {
    const proc = spawnTool(name, command, args, { env });
    let out = '';
    proc.child.stdout.setEncoding('utf8');
    proc.child.stdout.on('data', (c) => (out += c));
    await proc.exited;
    return out;
}
/** The error lines of a tool's stderr (pg tools prefix them with "error:" / "FATAL:"), else its last lines. */
function meaningfulLines(stderr) {
    const lines = stderr
        .split('\n')
        .map((l) => l.trim())
        .filter(Boolean);
    const errors = lines.filter((l) => /error|fatal|failed|could not|denied|terminat/i.test(l));
    return (errors.length ? errors : lines).slice(-3).join(' — ');
}


/***/ }),

/***/ 3052:
/***/ ((__unused_webpack_module, __webpack_exports__, __webpack_require__) => {

/* harmony export */ __webpack_require__.d(__webpack_exports__, {
/* harmony export */   V: () => (/* binding */ openTargetCatalog)
/* harmony export */ });
/* harmony import */ var _introspect_js__WEBPACK_IMPORTED_MODULE_0__ = __webpack_require__(9492);

/** Opens the catalog over one connection to `database` (roles and extensions are server-wide: any database will do). */
async function openTargetCatalog(c, database) {
    const client = await (0,_introspect_js__WEBPACK_IMPORTED_MODULE_0__/* .connect */ .Ng)(c, database).catch((err) => {
        if (database !== 'postgres')
            throw err;
        return (0,_introspect_js__WEBPACK_IMPORTED_MODULE_0__/* .connect */ .Ng)(c, 'template1');
    });
    return pgTargetCatalog(client);
}
function pgTargetCatalog(client) {
    const names = async (sql, list) => list.length ? new Set((await client.query(sql, [list])).rows.map((r) => r.n)) : new Set();
    return {
        existingRoles: (list) => names('SELECT rolname AS n FROM pg_roles WHERE rolname = ANY($1::text[])', list),
        availableExtensions: (list) => names('SELECT name AS n FROM pg_available_extensions WHERE name = ANY($1::text[])', list),
        close: () => client.end().catch(() => undefined),
    };
}


/***/ }),

/***/ 4302:
/***/ ((__unused_webpack_module, __webpack_exports__, __webpack_require__) => {


// EXPORTS
__webpack_require__.d(__webpack_exports__, {
  cd: () => (/* reexport */ NO_TLS),
  BI: () => (/* reexport */ libpq_env/* TLS_ENV_VARS */.B),
  w: () => (/* reexport */ libpq_settings/* TLS_SETTINGS */.w),
  x8: () => (/* reexport */ describeTlsFailure),
  dE: () => (/* reexport */ nodeTlsFs),
  G0: () => (/* reexport */ reportedFailure),
  j2: () => (/* reexport */ sslAttempts),
  YF: () => (/* reexport */ tlsOptions),
  Bl: () => (/* reexport */ libpq_settings/* tlsSettings */.Bl),
  fA: () => (/* reexport */ triesNext)
});

// UNUSED EXPORTS: hostMismatch, parseSubjectAltName, resolveLibpqParams, settingsFromEnv

;// CONCATENATED MODULE: ./src/postgres/tls/attempts.ts
/** The connections libpq tries, in order. Never TLS over a Unix socket (libpq does not ask for it there). */
function sslAttempts(mode, host) {
    if (host.startsWith('/'))
        return ['plain'];
    switch (mode) {
        case 'disable':
            return ['plain'];
        case 'allow':
            return ['plain', 'tls'];
        case 'prefer':
            return ['tls', 'plain'];
        default:
            return ['tls'];
    }
}
const UNREACHABLE = new Set(['ECONNREFUSED', 'ENOTFOUND', 'EAI_AGAIN', 'ETIMEDOUT', 'EHOSTUNREACH', 'ENETUNREACH']);
const NO_TLS = 'The server does not support SSL connections';
function isUnreachable(err) {
    const e = err;
    return UNREACHABLE.has(e?.code ?? '') || /timeout/i.test(e?.message ?? '');
}
/** A server's ErrorResponse (pg's DatabaseError carries a severity). */
function isServerError(err) {
    return typeof err?.severity === 'string';
}
/**
 * Whether libpq goes on to its next attempt after this one failed: prefer drops TLS after any failure of the TLS
 * attempt (no TLS on the server, a failed handshake or verification, an error from the server) but not when the
 * server cannot be reached; allow retries with TLS only after the server refused the plain connection.
 */
function triesNext(mode, attempt, err) {
    if (mode === 'prefer' && attempt === 'tls')
        return !isUnreachable(err);
    if (mode === 'allow' && attempt === 'plain')
        return isServerError(err);
    return false;
}
/** The failure to report when every attempt failed: the TLS attempt's, unless the server offers no TLS at all. */
function reportedFailure(failures) {
    const tls = failures.find((f) => f.attempt === 'tls' && f.err?.message !== NO_TLS);
    return (tls ?? failures.at(-1))?.err;
}

// EXTERNAL MODULE: ./src/core/errors.ts
var errors = __webpack_require__(4296);
// EXTERNAL MODULE: external "node:fs"
var external_node_fs_ = __webpack_require__(3024);
// EXTERNAL MODULE: external "node:tls"
var external_node_tls_ = __webpack_require__(1692);
var external_node_tls_default = /*#__PURE__*/__webpack_require__.n(external_node_tls_);
;// CONCATENATED MODULE: ./src/postgres/tls/files.ts
/** The TLS files as libpq reads them: the file system seam and how a file is named in errors. */



function fileName(f) {
    return f.given ? `${f.setting} file "${f.path}"` : `${f.setting} file "${f.path}" (the default)`;
}
function readOrFail(fs, f) {
    try {
        return fs.read(f.path);
    }
    catch (err) {
        throw new errors/* UserError */.yo(`database-url: could not read ${fileName(f)}: ${(0,errors/* errorMessage */.gJ)(err)}`);
    }
}
/** The real file system. */
const nodeTlsFs = {
    read(path) {
        try {
            return (0,external_node_fs_.readFileSync)(path);
        }
        catch (err) {
            if (['ENOENT', 'ENOTDIR'].includes(err.code ?? ''))
                return undefined;
            throw err;
        }
    },
    stat(path) {
        try {
            const st = (0,external_node_fs_.statSync)(path);
            return { isFile: st.isFile(), mode: st.mode, uid: st.uid };
        }
        catch {
            return undefined;
        }
    },
    list(dir) {
        try {
            return (0,external_node_fs_.readdirSync)(dir);
        }
        catch {
            return [];
        }
    },
    euid: process.geteuid?.(),
    // Node ≥ 22.15 / 23.5 reads the system's store; older versions fall back to Node's bundled CAs
    systemCa: () => (typeof (external_node_tls_default()).getCACertificates === 'function' ? external_node_tls_default().getCACertificates('system') : undefined),
};

;// CONCATENATED MODULE: ./src/postgres/tls/hostname.ts
/** An IP address in canonical form (WHATWG URL's parser accepts what inet_aton/inet_pton do), or undefined. */
function canonicalIp(text) {
    try {
        if (text.includes(':'))
            return new URL(`http://[${text}]/`).hostname.slice(1, -1);
        if (!/^[0-9a-fA-FxX.]+$/.test(text))
            return undefined;
        const h = new URL(`http://${text}/`).hostname;
        return /^\d+\.\d+\.\d+\.\d+$/.test(h) ? h : undefined;
    }
    catch {
        return undefined;
    }
}
/** A certificate name against the host: equal ignoring case, or `*.rest` with `*` standing for one label. */
function nameMatches(pattern, host) {
    if (pattern.toLowerCase() === host.toLowerCase())
        return true;
    if (pattern.length < 3 || !pattern.startsWith('*.') || pattern.length > host.length)
        return false;
    if (pattern.slice(1).toLowerCase() !== host.slice(host.length - pattern.length + 1).toLowerCase())
        return false;
    return host.indexOf('.') >= host.length - pattern.length;
}
/** Node's `subjectaltname` text ("DNS:a, IP Address:127.0.0.1", values JSON-quoted when they need it) → names. */
function parseSubjectAltName(text) {
    const out = [];
    let i = 0;
    const s = text ?? '';
    while (i < s.length) {
        const colon = s.indexOf(':', i);
        if (colon < 0)
            break;
        const type = s.slice(i, colon);
        i = colon + 1;
        let value;
        if (s[i] === '"') {
            let j = i + 1;
            while (j < s.length && s[j] !== '"')
                j += s[j] === '\\' ? 2 : 1;
            value = JSON.parse(s.slice(i, j + 1));
            i = j + 1;
        }
        else {
            const end = s.indexOf(', ', i);
            value = s.slice(i, end < 0 ? s.length : end);
            i = end < 0 ? s.length : end;
        }
        if (s.startsWith(', ', i))
            i += 2;
        if (type === 'DNS')
            out.push({ type: 'DNS', value });
        else if (type === 'IP Address')
            out.push({ type: 'IP', value });
    }
    return out;
}
/** libpq's verify-full check: undefined when `host` matches, else libpq's own words. */
function hostMismatch(host, sans, commonName) {
    const hostIp = canonicalIp(host);
    const hostType = hostIp !== undefined ? 'IP' : 'DNS';
    let checkCn = true;
    let examined = 0;
    let first;
    for (const san of sans) {
        if (san.type === hostType)
            checkCn = false;
        examined++;
        const ip = san.type === 'IP' ? canonicalIp(san.value) : undefined;
        first ??= ip ?? san.value;
        const match = san.type === 'DNS' ? nameMatches(san.value, host) : hostIp !== undefined && ip === hostIp;
        if (match)
            return undefined;
    }
    if (checkCn && commonName !== undefined) {
        examined++;
        first ??= commonName;
        if (nameMatches(commonName, host))
            return undefined;
    }
    if (first === undefined)
        return `could not get the server's host name from its certificate (host "${host}")`;
    const others = examined - 1;
    const and = others ? ` (and ${others} other name${others > 1 ? 's' : ''})` : '';
    return `server certificate for "${first}"${and} does not match host name "${host}"`;
}
const HOST_MISMATCH = 'ERR_TLS_CERT_ALTNAME_INVALID';
/** checkServerIdentity for verify-full: libpq's rules against the host we were given (not Node's servername). */
function libpqHostCheck(host) {
    return (_servername, cert) => {
        const cn = cert.subject?.CN;
        const why = hostMismatch(host, parseSubjectAltName(cert.subjectaltname), Array.isArray(cn) ? cn[0] : cn);
        return why === undefined ? undefined : Object.assign(new Error(why), { code: HOST_MISMATCH });
    };
}

;// CONCATENATED MODULE: ./src/postgres/tls/failures.ts
/** A failed TLS connection, told the way a user can act on it. */




const UNTRUSTED = new Set([
    'UNABLE_TO_VERIFY_LEAF_SIGNATURE',
    'UNABLE_TO_GET_ISSUER_CERT',
    'UNABLE_TO_GET_ISSUER_CERT_LOCALLY',
    'SELF_SIGNED_CERT_IN_CHAIN',
    'DEPTH_ZERO_SELF_SIGNED_CERT',
    'CERT_SIGNATURE_FAILURE',
    'CERT_UNTRUSTED',
    'CERT_REJECTED',
    'INVALID_CA',
]);
/**
 * A failed TLS connection → one line naming the setting and what to do; undefined when it is not about TLS.
 * `where` is host:port.
 */
function describeTlsFailure(err, s, host, where) {
    const e = err;
    const code = e?.code ?? '';
    const reason = (e?.message ?? '').split('\n')[0];
    const root = s.rootCert === 'system'
        ? "the system's trusted CAs (sslrootcert=system)"
        : s.rootCert
            ? `the CA in ${fileName(s.rootCert)}`
            : 'no CA';
    if (code === HOST_MISMATCH) {
        return new errors/* UserError */.yo(`database-url: ${reason} (sslmode=verify-full, at ${where}): connect with a host name the certificate lists, or get a certificate for "${host}"`);
    }
    if (UNTRUSTED.has(code)) {
        return new errors/* UserError */.yo(`database-url: the server's certificate at ${where} is not signed by ${root} (${reason}, sslmode=${s.mode}): ` +
            `set sslrootcert to the CA certificate that issued it (your provider's CA bundle)`);
    }
    if (code === 'CERT_HAS_EXPIRED' || code === 'CERT_NOT_YET_VALID') {
        return new errors/* UserError */.yo(`database-url: the server's certificate at ${where} is not valid now (${reason}): renew the server's certificate`);
    }
    if (code === 'CERT_REVOKED') {
        return new errors/* UserError */.yo(`database-url: the server's certificate at ${where} is revoked (sslcrl): the server needs a new certificate`);
    }
    if (code === 'UNABLE_TO_GET_CRL' || code === 'CRL_HAS_EXPIRED' || code === 'CRL_NOT_YET_VALID') {
        return new errors/* UserError */.yo(`database-url: no usable CRL for the server's certificate at ${where} (${reason}): update sslcrl / sslcrldir, or unset them`);
    }
    if (/ALERT_(UNKNOWN_CA|BAD_CERTIFICATE|CERTIFICATE_REQUIRED|CERTIFICATE_UNKNOWN|DECRYPT_ERROR)/.test(code)) {
        const cert = s.cert ? fileName(s.cert) : 'none';
        return new errors/* UserError */.yo(`database-url: the server at ${where} refused our client certificate (${reason}; ${cert}): set sslcert and sslkey to a certificate its CA signed`);
    }
    if (reason === NO_TLS) {
        return new errors/* UserError */.yo(`database-url: the server at ${where} does not accept TLS (sslmode=${s.mode}): enable ssl on the server, or lower sslmode`);
    }
    if (code.startsWith('ERR_SSL_') || code.startsWith('ERR_OSSL_') || /^ERR_TLS_/.test(code)) {
        return new errors/* UserError */.yo(`database-url: TLS with ${where} failed (${reason}, sslmode=${s.mode})`);
    }
    return undefined;
}

// EXTERNAL MODULE: external "node:crypto"
var external_node_crypto_ = __webpack_require__(7598);
// EXTERNAL MODULE: external "node:path"
var external_node_path_ = __webpack_require__(6760);
;// CONCATENATED MODULE: ./src/postgres/tls/node-options.ts
/** Node TLS options for our own `pg` connection, set up the way libpq sets up its TLS context. */





const PEM_CERT = /-----BEGIN CERTIFICATE-----/;
function loadKey(data, f, password) {
    const text = data.toString('latin1');
    const attempts = text.includes('-----BEGIN')
        ? [{ key: data, format: 'pem', passphrase: password ?? '' }]
        : ['pkcs8', 'pkcs1', 'sec1'].map((type) => ({
            key: data,
            format: 'der',
            type,
            passphrase: password ?? '',
        }));
    let last;
    for (const a of attempts) {
        try {
            return (0,external_node_crypto_.createPrivateKey)(a);
        }
        catch (err) {
            last = err;
        }
    }
    const code = last?.code ?? '';
    if (/ENCRYPTED/.test(text) && password === undefined) {
        throw new errors/* UserError */.yo(`database-url: ${fileName(f)} is encrypted: set sslpassword in the URL to its passphrase`);
    }
    if (password !== undefined && /BAD_DECRYPT|PASSPHRASE|DECRYPT/i.test(`${code} ${last?.message}`)) {
        throw new errors/* UserError */.yo(`database-url: sslpassword does not decrypt ${fileName(f)}: check the passphrase`);
    }
    throw new errors/* UserError */.yo(`database-url: could not load the private key in ${fileName(f)}: ${last?.message ?? 'not a key'}`);
}
/**
 * Node TLS options for a TLS attempt to `host`, as libpq would set up its TLS context: the root certificate,
 * verification, the host name check, the client certificate and key, CRLs and protocol versions.
 * Throws a UserError (one line, naming the setting and the file) when libpq would refuse to go on.
 */
function tlsOptions(s, host, fs) {
    const o = {};
    const { ca, verify } = rootCa(s, fs);
    if (ca)
        o.ca = ca;
    if (verify && s.rootCert !== 'system') {
        const crl = crls(s, fs);
        if (crl.length)
            o.crl = crl;
    }
    o.rejectUnauthorized = verify;
    o.checkServerIdentity = s.mode === 'verify-full' ? libpqHostCheck(host) : () => undefined;
    if (s.sendCert && s.cert)
        Object.assign(o, clientCert(s, s.cert, fs));
    o.minVersion = s.minVersion;
    if (s.maxVersion)
        o.maxVersion = s.maxVersion;
    return o;
}
/** The CAs to verify the server with, and whether to verify at all (only with a root certificate, as libpq). */
function rootCa(s, fs) {
    const mustVerify = s.mode === 'verify-ca' || s.mode === 'verify-full';
    if (s.rootCert === 'system') {
        const ca = fs.systemCa();
        return ca ? { ca, verify: true } : { verify: true };
    }
    if (!s.rootCert) {
        if (mustVerify) {
            throw new errors/* UserError */.yo(`database-url: no home directory to find ~/.postgresql/root.crt (sslmode=${s.mode}): set sslrootcert`);
        }
        return { verify: false };
    }
    const data = readOrFail(fs, s.rootCert);
    if (data === undefined) {
        if (mustVerify) {
            throw new errors/* UserError */.yo(`database-url: ${fileName(s.rootCert)} does not exist (sslmode=${s.mode}): set sslrootcert to the CA certificate ` +
                `of the server (your provider's CA bundle), sslrootcert=system for a public CA, or sslmode=require not to verify`);
        }
        return { verify: false };
    }
    if (!PEM_CERT.test(data.toString('latin1'))) {
        throw new errors/* UserError */.yo(`database-url: ${fileName(s.rootCert)} holds no PEM certificate: use the CA certificate in PEM form (-----BEGIN CERTIFICATE-----)`);
    }
    return { ca: data.toString('latin1'), verify: true };
}
/** The PEM CRLs of sslcrl and of sslcrldir's hashed file names. */
function crls(s, fs) {
    const found = [];
    if (s.crl) {
        const data = fs.read(s.crl.path); // libpq ignores an unreadable CRL
        if (data !== undefined)
            found.push(data.toString('latin1'));
    }
    if (s.crlDir)
        for (const name of fs.list(s.crlDir))
            if (/^[0-9a-f]{8}\.r\d+$/i.test(name))
                found.push(fs.read((0,external_node_path_.join)(s.crlDir, name))?.toString('latin1') ?? '');
    return found.filter((c) => c.includes('-----BEGIN X509 CRL-----'));
}
/** The client certificate and its key, checked as libpq checks them; none when the certificate file does not exist. */
function clientCert(s, certFile, fs) {
    const cert = readOrFail(fs, certFile);
    if (cert === undefined)
        return {};
    if (!PEM_CERT.test(cert.toString('latin1')))
        throw new errors/* UserError */.yo(`database-url: ${fileName(certFile)} holds no PEM certificate`);
    const keyFile = s.key;
    if (!keyFile)
        throw new errors/* UserError */.yo(`database-url: certificate present (${fileName(certFile)}), but no private key: set sslkey`);
    checkKeyFile(fs, keyFile, certFile);
    const key = loadKey(readOrFail(fs, keyFile) ?? Buffer.alloc(0), keyFile, s.password);
    try {
        if (!new external_node_crypto_.X509Certificate(cert).checkPrivateKey(key)) {
            throw new errors/* UserError */.yo(`database-url: ${fileName(certFile)} does not match the private key ${fileName(keyFile)}`);
        }
    }
    catch (err) {
        if (err instanceof errors/* UserError */.yo)
            throw err;
        throw new errors/* UserError */.yo(`database-url: could not read the certificate in ${fileName(certFile)}: ${(0,errors/* errorMessage */.gJ)(err)}`);
    }
    // decrypted in memory only: Node never sees the passphrase
    return { cert: cert.toString('latin1'), key: key.export({ format: 'pem', type: 'pkcs8' }) };
}
/** The key file must exist, be a regular file, and not be readable by group or others. */
function checkKeyFile(fs, keyFile, certFile) {
    const st = fs.stat(keyFile.path);
    if (!st)
        throw new errors/* UserError */.yo(`database-url: certificate present (${fileName(certFile)}), but not the private key ${fileName(keyFile)}: set sslkey`);
    if (!st.isFile)
        throw new errors/* UserError */.yo(`database-url: ${fileName(keyFile)} is not a regular file`);
    const groupOrWorld = st.mode & 0o077;
    if ((st.uid === fs.euid && groupOrWorld) || (st.uid === 0 && st.mode & 0o037)) {
        throw new errors/* UserError */.yo(`database-url: ${fileName(keyFile)} has group or world access: chmod 600 it (0640 if owned by root), as libpq requires`);
    }
}

// EXTERNAL MODULE: ./src/core/libpq-settings.ts
var libpq_settings = __webpack_require__(2257);
// EXTERNAL MODULE: ./src/core/libpq-env.ts
var libpq_env = __webpack_require__(5949);
;// CONCATENATED MODULE: ./src/postgres/tls/index.ts
/**
 * libpq's TLS settings and connect_timeout — from the URL or the PG* variables — with libpq's meaning, for both of
 * our consumers:
 *
 * - the pg tools (pg_dump, pg_restore, psql) read them themselves: `resolveLibpqParams` (settings.ts) folds the PG*
 *   variables into the URL parameters and makes file names absolute, so the tools get exactly the settings our own
 *   connection used; `settingsFromEnv` and `TLS_ENV_VARS` (tools.ts) say what stays in the tools' environment;
 * - our own `pg` connections: `tlsSettings` (settings.ts) → `sslAttempts` (attempts.ts; prefer: TLS, then plain;
 *   allow: plain, then TLS) and `tlsOptions` (node-options.ts: ca, cert, key, rejectUnauthorized, and
 *   checkServerIdentity the way libpq checks, hostname.ts); `describeTlsFailure` (failures.ts) words what went wrong.
 *
 * libpq's rules, as in fe-connect.c / fe-secure-openssl.c:
 * - sslmode disable | allow | prefer (default) | require | verify-ca | verify-full; anything else is an error.
 * - sslrootcert defaults to ~/.postgresql/root.crt. When that file exists, every mode that uses TLS verifies the
 *   chain against it (require then behaves as verify-ca); verify-ca and verify-full refuse to go on without it.
 *   sslrootcert=system: the system's CAs, and sslmode must be verify-full (its default then).
 * - verify-full also checks the host name: the subjectAltName entries of the host's kind (DNS or IP) rule out the
 *   Common Name; a wildcard matches one label.
 * - sslcert / sslkey default to ~/.postgresql/postgresql.crt / .key; a missing certificate means none is sent, a
 *   certificate without its key is an error, and the key must not be readable by group or others.
 * - sslcrl / sslcrldir (default ~/.postgresql/root.crl) are used only with a root certificate.
 * - connect_timeout: whole seconds, 0 or less waits forever, 1 means 2.
 *
 * Not pg-connection-string: without uselibpqcompat it treats prefer, require and verify-ca as verify-full; it reads no
 * PG* variables and no ~/.postgresql defaults, never falls back for prefer/allow, and checks host names Node's way.
 */









/***/ }),

/***/ 8880:
/***/ ((__unused_webpack_module, __webpack_exports__, __webpack_require__) => {

/* harmony export */ __webpack_require__.d(__webpack_exports__, {
/* harmony export */   KZ: () => (/* binding */ probeAhead),
/* harmony export */   MB: () => (/* binding */ discoverBins),
/* harmony export */   mQ: () => (/* binding */ findPgBin),
/* harmony export */   qJ: () => (/* binding */ candidateDirs)
/* harmony export */ });
/* unused harmony exports parseToolVersion, chooseBin */
/* harmony import */ var node_fs_promises__WEBPACK_IMPORTED_MODULE_0__ = __webpack_require__(1455);
/* harmony import */ var node_fs_promises__WEBPACK_IMPORTED_MODULE_0___default = /*#__PURE__*/__webpack_require__.n(node_fs_promises__WEBPACK_IMPORTED_MODULE_0__);
/* harmony import */ var node_fs__WEBPACK_IMPORTED_MODULE_1__ = __webpack_require__(3024);
/* harmony import */ var node_fs__WEBPACK_IMPORTED_MODULE_1___default = /*#__PURE__*/__webpack_require__.n(node_fs__WEBPACK_IMPORTED_MODULE_1__);
/* harmony import */ var node_path__WEBPACK_IMPORTED_MODULE_2__ = __webpack_require__(6760);
/* harmony import */ var node_path__WEBPACK_IMPORTED_MODULE_2___default = /*#__PURE__*/__webpack_require__.n(node_path__WEBPACK_IMPORTED_MODULE_2__);
/* harmony import */ var _core_errors_js__WEBPACK_IMPORTED_MODULE_3__ = __webpack_require__(4296);
/* harmony import */ var _process_js__WEBPACK_IMPORTED_MODULE_4__ = __webpack_require__(4898);
/* harmony import */ var _core_input_ref_js__WEBPACK_IMPORTED_MODULE_5__ = __webpack_require__(7571);
/**
 * Finding pg_dump / pg_restore / psql of the right major version. pg_dump refuses a newer server, so this is the
 * most common failure of every pg_dump-to-S3 tool: we look everywhere a client may live and say exactly what we found.
 */






/** "pg_dump (PostgreSQL) 15.18 (Debian 15.18-0+deb12u1)" → { major: 15, version: "15.18" } */
function parseToolVersion(text) {
    const m = /\(PostgreSQL\)\s+(\d+)(?:\.(\d+))?(?:\.(\d+))?/.exec(text);
    if (!m)
        return undefined;
    const major = Number(m[1]);
    // before 10 the major was two numbers (9.6); those clients cannot dump a supported server anyway
    return { major, version: [m[1], m[2], m[3]].filter((x) => x !== undefined).join('.') };
}
/** The oldest client that is at least `required` (closest to the server: newer pg_dump may emit SQL an older server rejects). */
function chooseBin(found, required) {
    return found.filter((b) => b.major >= required).sort((a, b) => a.major - b.major)[0];
}
async function executable(file) {
    try {
        await (0,node_fs_promises__WEBPACK_IMPORTED_MODULE_0__.access)(file, node_fs__WEBPACK_IMPORTED_MODULE_1__.constants.X_OK);
        return true;
    }
    catch {
        return false;
    }
}
async function globDirs(parent, match, suffix) {
    try {
        return (await (0,node_fs_promises__WEBPACK_IMPORTED_MODULE_0__.readdir)(parent)).filter((d) => match.test(d)).map((d) => node_path__WEBPACK_IMPORTED_MODULE_2___default().join(parent, d, suffix));
    }
    catch {
        return [];
    }
}
/** Every directory that may hold PostgreSQL client tools, PATH first. */
async function candidateDirs(env = process.env) {
    const dirs = [
        ...(env.PATH ?? '').split((node_path__WEBPACK_IMPORTED_MODULE_2___default().delimiter)).filter(Boolean),
        ...(await globDirs('/usr/lib/postgresql', /^\d+$/, 'bin')),
        ...(await globDirs('/usr', /^pgsql-\d+$/, 'bin')),
        ...(await globDirs('/opt/homebrew/opt', /^postgresql@\d+$/, 'bin')),
        ...(await globDirs('/usr/local/opt', /^postgresql@\d+$/, 'bin')),
        ...(await globDirs('/Applications/Postgres.app/Contents/Versions', /^\d+$/, 'bin')),
    ];
    if (env.S3_BACKUP_PG_CACHE)
        dirs.push(...(await globDirs(env.S3_BACKUP_PG_CACHE, /^\d+$/, 'bin')));
    return [...new Set(dirs)];
}
/** The answers of this process's `--version` runs, by file: a run asks for the same client more than once. */
const versions = new Map();
function versionOf(tool, file) {
    let v = versions.get(file);
    if (!v) {
        v = (0,_process_js__WEBPACK_IMPORTED_MODULE_4__/* .runTool */ .qI)(tool, file, ['--version']).then(parseToolVersion, () => undefined);
        versions.set(file, v);
    }
    return v;
}
/**
 * pg_dumpall runs the pg_dump of its own directory and refuses one of another version, so a pg_dump found there
 * (the same real directory, not a link elsewhere) answers for it: one process fewer to start.
 */
async function answeringFile(dir, tool, file) {
    if (tool !== 'pg_dumpall')
        return [tool, file];
    const dump = node_path__WEBPACK_IMPORTED_MODULE_2___default().join(dir, 'pg_dump');
    if (!(await executable(dump)))
        return [tool, file];
    const [a, b] = await Promise.all([(0,node_fs_promises__WEBPACK_IMPORTED_MODULE_0__.realpath)(file), (0,node_fs_promises__WEBPACK_IMPORTED_MODULE_0__.realpath)(dump)]).catch(() => ['', 'unknown']);
    return node_path__WEBPACK_IMPORTED_MODULE_2___default().dirname(a) === node_path__WEBPACK_IMPORTED_MODULE_2___default().dirname(b) ? ['pg_dump', dump] : [tool, file];
}
async function probeDir(dir, tool = 'pg_dump') {
    const file = node_path__WEBPACK_IMPORTED_MODULE_2___default().join(dir, tool);
    if (!(await executable(file)))
        return undefined;
    const v = await versionOf(...(await answeringFile(dir, tool, file)));
    return v ? { dir, ...v } : undefined;
}
/**
 * Starts the `--version` runs a later findPgBin of `tool` will ask for, so that they run while the server is asked
 * which version it is; their answers (and failures) wait for that call.
 */
function probeAhead(tool, pgBinDir) {
    const dirs = pgBinDir ? Promise.resolve([pgBinDir]) : candidateDirs();
    dirs.then((ds) => Promise.all(ds.map((d) => probeDir(d, tool)))).catch(() => undefined);
}
async function discoverBins(dirs, tool = 'pg_dump') {
    const found = await Promise.all(dirs.map((d) => probeDir(d, tool)));
    const seen = new Set();
    return found.filter((b) => {
        if (!b || seen.has(b.version + b.dir))
            return false;
        seen.add(b.version + b.dir);
        return true;
    });
}
function describeFound(found) {
    return found.length ? found.map((b) => `${b.version} in ${b.dir}`).join(', ') : 'none';
}
async function findPgBin(o) {
    if (o.pgBinDir) {
        const bin = await probeDir(o.pgBinDir, o.tool);
        if (!bin)
            throw new _core_errors_js__WEBPACK_IMPORTED_MODULE_3__/* .UserError */ .yo(`pg-bin-dir: no ${o.tool} in ${o.pgBinDir}; point it at the bin directory of a PostgreSQL ${o.required}+ client`);
        if (bin.major < o.required) {
            throw new _core_errors_js__WEBPACK_IMPORTED_MODULE_3__/* .UserError */ .yo(`pg-bin-dir: ${o.tool} ${bin.version} in ${o.pgBinDir} is older than ${o.required}, and ${o.because}; use a PostgreSQL ${o.required}+ client`);
        }
        return bin;
    }
    const found = await discoverBins(await candidateDirs(), o.tool);
    const chosen = chooseBin(found, o.required);
    if (chosen)
        return chosen;
    const installed = o.install ? await o.install(o.required) : undefined;
    if (installed) {
        const bin = await probeDir(installed, o.tool);
        if (bin && bin.major >= o.required)
            return bin;
    }
    throw new _core_errors_js__WEBPACK_IMPORTED_MODULE_3__/* .UserError */ .yo(`${o.tool} ${o.required} or newer is needed (${o.because}) but found ${describeFound(found)}: ` +
        `install postgresql-client-${o.required} (apt.postgresql.org) or set ${(0,_core_input_ref_js__WEBPACK_IMPORTED_MODULE_5__/* .inputRef */ .i)('pg-bin-dir')}`);
}


/***/ }),

/***/ 917:
/***/ ((__unused_webpack_module, __webpack_exports__, __webpack_require__) => {

/* harmony export */ __webpack_require__.d(__webpack_exports__, {
/* harmony export */   kO: () => (/* binding */ verboseReader)
/* harmony export */ });
/* unused harmony exports pgDumpVerbose, pgRestoreVerbose */
/** Whether a line is the tool's own verbose chatter rather than an error, a warning or an error's context. */
function chatter(tool, line) {
    const prefix = `${tool}: `;
    if (!line.startsWith(prefix))
        return undefined;
    const rest = line.slice(prefix.length);
    if (/^(error|warning|detail|hint|fatal):/i.test(rest) || /^(from TOC entry|while )/.test(rest))
        return undefined;
    return rest;
}
/** pg_dump --verbose: `dumping contents of table "public.orders"` begins that table's rows. */
function pgDumpVerbose(line) {
    const rest = chatter('pg_dump', line);
    if (rest === undefined)
        return undefined;
    const m = /^dumping contents of table "(.*)"$/.exec(rest);
    return m ? { kind: 'table-data', table: m[1] } : { kind: 'info' };
}
/**
 * pg_restore --verbose: one line as each entry begins — `creating INDEX …`, `executing SEQUENCE SET …`,
 * `processing data for table "public.orders"`, `processing BLOBS`; with --jobs the leader's `processing item …`,
 * `launching item …` and `finished item …` are chatter (a worker still says `creating …`).
 */
function pgRestoreVerbose(line) {
    const rest = chatter('pg_restore', line);
    if (rest === undefined)
        return undefined;
    const data = /^processing data for table "(.*)"$/.exec(rest);
    if (data)
        return { kind: 'table-data', table: data[1] };
    if (/^(creating|executing) \S/.test(rest) || /^processing (?!item )\S/.test(rest))
        return { kind: 'entry' };
    return { kind: 'info' };
}
/** A stderr line reader for spawnTool's onLine: the chatter goes to `lines` and is not kept; the rest is kept. */
function verboseReader(tool, lines) {
    const parse = tool === 'pg_dump' ? pgDumpVerbose : pgRestoreVerbose;
    return (line) => {
        const v = parse(line);
        if (!v)
            return false;
        if (v.kind === 'table-data')
            lines.table(v.table);
        else if (v.kind === 'entry')
            lines.entry();
        else
            lines.other();
        return true;
    };
}


/***/ }),

/***/ 3640:
/***/ ((__unused_webpack_module, __webpack_exports__, __webpack_require__) => {

/* harmony export */ __webpack_require__.d(__webpack_exports__, {
/* harmony export */   $: () => (/* binding */ auditText),
/* harmony export */   S: () => (/* binding */ auditTable)
/* harmony export */ });
/* harmony import */ var _markdown_js__WEBPACK_IMPORTED_MODULE_0__ = __webpack_require__(1093);

const MARK = { ok: '✓', fail: '✗', unknown: 'unknown' };
function auditTable(checks) {
    return [
        '| check | | detail |',
        '|---|---|---|',
        ...checks.map((c) => `| ${c.check} | ${MARK[c.status]} | ${(0,_markdown_js__WEBPACK_IMPORTED_MODULE_0__/* .cell */ .H)(c.detail)} |`),
    ].join('\n');
}
function auditText(checks) {
    const w = Math.max(...checks.map((c) => c.check.length));
    return checks.map((c) => `${MARK[c.status].padEnd(7)} ${c.check.padEnd(w)}  ${c.detail}`).join('\n');
}


/***/ }),

/***/ 9353:
/***/ ((__unused_webpack_module, __webpack_exports__, __webpack_require__) => {

/* harmony export */ __webpack_require__.d(__webpack_exports__, {
/* harmony export */   MG: () => (/* binding */ rulesJson),
/* harmony export */   U0: () => (/* binding */ backupRetentionRows),
/* harmony export */   Vs: () => (/* binding */ backupAuditSection),
/* harmony export */   fx: () => (/* binding */ initTable),
/* harmony export */   kN: () => (/* binding */ costTable),
/* harmony export */   lb: () => (/* binding */ pruneOutputs),
/* harmony export */   qq: () => (/* binding */ auditSummary),
/* harmony export */   rs: () => (/* binding */ costText),
/* harmony export */   tG: () => (/* binding */ pruneSummary)
/* harmony export */ });
/* harmony import */ var _bucket_audit_js__WEBPACK_IMPORTED_MODULE_0__ = __webpack_require__(3640);
/* harmony import */ var _markdown_js__WEBPACK_IMPORTED_MODULE_3__ = __webpack_require__(1093);
/* harmony import */ var _core_retention_cost_js__WEBPACK_IMPORTED_MODULE_1__ = __webpack_require__(8421);
/* harmony import */ var _core_retention_policy_js__WEBPACK_IMPORTED_MODULE_2__ = __webpack_require__(2738);




function costTable(estimates) {
    const rows = estimates.flatMap((e) => [
        ...e.classes.map((c) => `| ${(0,_markdown_js__WEBPACK_IMPORTED_MODULE_3__/* .cell */ .H)(e.label)} | ${c.storageClass} | ${c.gb.toFixed(0)} | ${(0,_core_retention_cost_js__WEBPACK_IMPORTED_MODULE_1__/* .usd */ .dR)(c.storageUsd)} | ${c.minimumUsd ? (0,_core_retention_cost_js__WEBPACK_IMPORTED_MODULE_1__/* .usd */ .dR)(c.minimumUsd) : '–'} |`),
        `| **${(0,_markdown_js__WEBPACK_IMPORTED_MODULE_3__/* .cell */ .H)(e.label)}** | **total** (${e.backups.toFixed(1)} backups stored on average) | | | **${(0,_core_retention_cost_js__WEBPACK_IMPORTED_MODULE_1__/* .usd */ .dR)(e.totalUsd)}/month** |`,
    ]);
    return [
        '| scenario | storage class | GB stored | storage | minimum-duration charges |',
        '|---|---|---|---|---|',
        ...rows,
    ].join('\n');
}
function costText(estimates) {
    return estimates
        .map((e) => [
        `${e.label}: ${(0,_core_retention_cost_js__WEBPACK_IMPORTED_MODULE_1__/* .usd */ .dR)(e.totalUsd)}/month (${e.backups.toFixed(1)} backups stored on average)`,
        ...e.classes.map((c) => `  ${c.storageClass.padEnd(14)} ${c.gb.toFixed(0).padStart(8)} GB  ${(0,_core_retention_cost_js__WEBPACK_IMPORTED_MODULE_1__/* .usd */ .dR)(c.storageUsd).padStart(8)}${c.minimumUsd ? `  + ${(0,_core_retention_cost_js__WEBPACK_IMPORTED_MODULE_1__/* .usd */ .dR)(c.minimumUsd)} minimum-duration charges` : ''}`),
    ].join('\n'))
        .join('\n');
}
function pruneOutputs(r) {
    return {
        kept: String(r.kept),
        deleted: String(r.deleted),
        locked: String(r.locked),
        plan: JSON.stringify(planJson(r)),
    };
}
function planJson(r) {
    return r.plan.map((b) => ({
        key: b.key,
        backupTime: b.at.toISOString(),
        action: b.locked ? 'keep (locked)' : b.keep ? 'keep' : r.dryRun ? 'delete' : b.deleted ? 'deleted' : 'delete',
        reasons: b.locked
            ? [`locked: ${b.locked}`]
            : b.keep
                ? b.reasons.map(_core_retention_policy_js__WEBPACK_IMPORTED_MODULE_2__/* .formatReason */ .K9)
                : [b.why === 'incomplete' ? 'incomplete (no checksum sidecar)' : 'no rule keeps it'],
    }));
}
function pruneSummary(r, where) {
    const rows = planJson(r).map((p) => `| \`${(0,_markdown_js__WEBPACK_IMPORTED_MODULE_3__/* .cell */ .H)(p.key)}\` | ${p.action} | ${(0,_markdown_js__WEBPACK_IMPORTED_MODULE_3__/* .cell */ .H)(p.reasons.join(', '))} |`);
    return [
        `### ${r.dryRun ? '🔎 Retention plan (dry run)' : '🧹 Retention'}: ${where}`,
        '',
        `kept ${r.kept}, ${r.dryRun ? 'would delete' : 'deleted'} ${r.dryRun ? r.plan.filter((b) => !b.keep).length : r.deleted}${r.locked ? `, ${r.locked} kept by Object Lock` : ''}`,
        '',
        '| backup | action | why |',
        '|---|---|---|',
        ...rows,
        '',
    ].join('\n');
}
/** Extra rows and sections for the backup's own summary. */
function backupRetentionRows(a) {
    if (!a)
        return [];
    const rows = [['Tier', `${a.tier} (tag s3-backup-tier)`]];
    if (a.prune)
        rows.push([
            'Retention',
            `kept ${a.prune.kept}, deleted ${a.prune.deleted}${a.prune.locked ? `, ${a.prune.locked} locked` : ''}`,
        ]);
    if (a.pruneError)
        rows.push(['Retention', `❌ ${a.pruneError.message}`]);
    if (a.cost)
        rows.push([
            'Storage cost (est.)',
            `${(0,_core_retention_cost_js__WEBPACK_IMPORTED_MODULE_1__/* .usd */ .dR)(a.cost.estimate.totalUsd)}/month at this size: ${a.cost.how}, us-east-1 list prices`,
        ]);
    return rows;
}
function backupAuditSection(a) {
    if (!a?.audit)
        return '';
    return ['', '#### Bucket audit', '', (0,_bucket_audit_js__WEBPACK_IMPORTED_MODULE_0__/* .auditTable */ .S)(a.audit), ''].join('\n');
}
function auditSummary(checks, bucket) {
    return [`### Bucket audit: s3://${bucket}`, '', (0,_bucket_audit_js__WEBPACK_IMPORTED_MODULE_0__/* .auditTable */ .S)(checks), ''].join('\n');
}
function initTable(steps) {
    const mark = { done: '✓', already: '✓', partial: '✗', failed: '✗', ignored: '✗', skipped: '–' };
    return [
        '| step | | result |',
        '|---|---|---|',
        ...steps.map((s) => `| ${s.step} | ${mark[s.status]} ${s.status} | ${(0,_markdown_js__WEBPACK_IMPORTED_MODULE_3__/* .cell */ .H)(s.detail)} |`),
    ].join('\n');
}
function rulesJson(rules) {
    return JSON.stringify({ Rules: rules }, null, 2);
}


/***/ }),

/***/ 1093:
/***/ ((__unused_webpack_module, __webpack_exports__, __webpack_require__) => {

/* harmony export */ __webpack_require__.d(__webpack_exports__, {
/* harmony export */   H: () => (/* binding */ cell),
/* harmony export */   t: () => (/* binding */ table)
/* harmony export */ });
/** Markdown for job summaries (pure). */
/** A table cell: a pipe would end the cell and a newline the row. */
const cell = (s) => s.replace(/\|/g, '\\|').replace(/\r?\n/g, ' ');
/** A two-column table of label → value rows. */
function table(rows) {
    return ['| | |', '|---|---|', ...rows.map(([k, v]) => `| ${cell(k)} | ${cell(v)} |`)].join('\n');
}


/***/ }),

/***/ 9311:
/***/ ((__unused_webpack_module, __webpack_exports__, __webpack_require__) => {

/* harmony export */ __webpack_require__.d(__webpack_exports__, {
/* harmony export */   $: () => (/* binding */ matchedRow),
/* harmony export */   S: () => (/* binding */ matchedText)
/* harmony export */ });
/* harmony import */ var _core_format_js__WEBPACK_IMPORTED_MODULE_0__ = __webpack_require__(6228);
/** How a restore reports its comparison with the manifest. */

/** " and matched the manifest (N tables, M rows)", or nothing when the restore was not compared. */
function matchedText(m) {
    return m ? ` and matched the manifest (${(0,_core_format_js__WEBPACK_IMPORTED_MODULE_0__/* .plural */ .LS)(m.tables, 'table')}, ${(0,_core_format_js__WEBPACK_IMPORTED_MODULE_0__/* .plural */ .LS)(m.rows, 'row')})` : '';
}
/** The summary's row for the comparison. */
function matchedRow(m) {
    return [
        'Compared with the manifest',
        m ? `✅ restored and matched the manifest: ${(0,_core_format_js__WEBPACK_IMPORTED_MODULE_0__/* .plural */ .LS)(m.tables, 'table')}, ${(0,_core_format_js__WEBPACK_IMPORTED_MODULE_0__/* .plural */ .LS)(m.rows, 'row')}` : 'not compared',
    ];
}


/***/ }),

/***/ 8820:
/***/ ((__unused_webpack_module, __webpack_exports__, __webpack_require__) => {

/* harmony export */ __webpack_require__.d(__webpack_exports__, {
/* harmony export */   FD: () => (/* binding */ validateOutputs),
/* harmony export */   Il: () => (/* binding */ verifySummary),
/* harmony export */   V2: () => (/* binding */ restoreOutputs),
/* harmony export */   ce: () => (/* binding */ verifyOutputs),
/* harmony export */   fj: () => (/* binding */ backupSummary),
/* harmony export */   nd: () => (/* binding */ validateSummary),
/* harmony export */   rk: () => (/* binding */ restoreSummary),
/* harmony export */   tp: () => (/* reexport safe */ _markdown_js__WEBPACK_IMPORTED_MODULE_1__.t),
/* harmony export */   zW: () => (/* binding */ backupOutputs)
/* harmony export */ });
/* harmony import */ var _core_format_js__WEBPACK_IMPORTED_MODULE_2__ = __webpack_require__(6228);
/* harmony import */ var _markdown_js__WEBPACK_IMPORTED_MODULE_1__ = __webpack_require__(1093);
/* harmony import */ var _maintenance_js__WEBPACK_IMPORTED_MODULE_0__ = __webpack_require__(9353);
/* harmony import */ var _restore_match_js__WEBPACK_IMPORTED_MODULE_3__ = __webpack_require__(9311);




function backupOutputs(r) {
    return {
        key: r.key,
        uri: r.uri,
        size: String(r.size),
        'raw-size': r.rawSize === null ? '' : String(r.rawSize),
        sha256: r.sha256,
        'duration-seconds': r.durationSeconds.toFixed(1),
        'server-version': r.serverVersion,
        'pg-dump-version': r.pgDumpVersion,
        'manifest-key': r.manifestKey,
        tier: r.retention?.tier ?? '',
        pruned: r.retention?.prune ? String(r.retention.prune.deleted) : '',
        'monthly-cost': r.retention?.cost ? r.retention.cost.estimate.totalUsd.toFixed(2) : '',
        'copy-key': r.copy?.status === 'complete' ? (r.copy.key ?? '') : '',
        'copy-status': r.copy?.status ?? '',
        // a backup without a set (globals: false): the set's outputs stay empty
        'set-key': '',
        keys: '',
        failed: '[]',
        'globals-key': '',
    };
}
/** The copy's row of the backup summary. */
function copyRows(r) {
    if (!r.copy)
        return [];
    if (r.copy.status === 'complete')
        return [['Copy', `✅ \`${r.copy.uri}\``]];
    return [['Copy', `❌ failed: ${r.copy.error ? r.copy.error.message : 'unknown'}`]];
}
function restoreOutputs(r) {
    return {
        key: r.key,
        sha256: r.sha256,
        size: String(r.size),
        database: r.manifest?.database.name ?? '',
        target: r.database,
        'server-version': r.serverVersion,
        'duration-seconds': r.durationSeconds.toFixed(1),
    };
}

function backupSummary(r) {
    const m = r.manifest;
    const ratio = r.rawSize ? `${(r.rawSize / Math.max(r.size, 1)).toFixed(1)}×` : 'n/a';
    const mbps = r.rawSize && r.durationSeconds > 0 ? `${(r.rawSize / 2 ** 20 / r.durationSeconds).toFixed(1)} MiB/s` : 'n/a';
    return [
        `### ${r.copy?.status === 'failed' ? '⚠️' : '✅'} PostgreSQL backup: ${m.database.name}${r.copy?.status === 'failed' ? ' (its copy failed)' : ''}`,
        '',
        (0,_markdown_js__WEBPACK_IMPORTED_MODULE_1__/* .table */ .t)([
            ['Object', `\`${r.uri}\``],
            ['Key', `\`${r.key}\``],
            ['Stored size', (0,_core_format_js__WEBPACK_IMPORTED_MODULE_2__/* .formatBytes */ .z3)(r.size)],
            ['Dump size', r.rawSize === null ? 'n/a' : (0,_core_format_js__WEBPACK_IMPORTED_MODULE_2__/* .formatBytes */ .z3)(r.rawSize)],
            ['Compression', `${m.compression.tool} (${ratio})`],
            [
                'Encryption',
                m.encryption
                    ? `${m.encryption.method === 'age' ? 'age' : 'OpenPGP'} for ${m.encryption.recipients.join(', ')}`
                    : 'none',
            ],
            ['Duration', `${r.durationSeconds.toFixed(1)} s (${mbps})`],
            ['SHA-256', `\`${r.sha256}\``],
            ['Server', `PostgreSQL ${r.serverVersion}`],
            ['pg_dump', r.pgDumpVersion],
            ['Format', m.format],
            ['Storage class', m.storageClass],
            ...(m.tags['s3-backup-tier'] ? [['Tier', m.tags['s3-backup-tier']]] : []),
            ['Tables', String(m.tables.length)],
            ...copyRows(r),
            ...(0,_maintenance_js__WEBPACK_IMPORTED_MODULE_0__/* .backupRetentionRows */ .U0)(r.retention),
        ]),
        (0,_maintenance_js__WEBPACK_IMPORTED_MODULE_0__/* .backupAuditSection */ .Vs)(r.retention),
        '',
    ].join('\n');
}
function restoreSummary(r) {
    return [
        `### ✅ PostgreSQL restore into ${r.database}`,
        '',
        (0,_markdown_js__WEBPACK_IMPORTED_MODULE_1__/* .table */ .t)([
            ['Backup', `\`${r.key}\``],
            ['SHA-256 (verified)', `\`${r.sha256}\``],
            ['Size', (0,_core_format_js__WEBPACK_IMPORTED_MODULE_2__/* .formatBytes */ .z3)(r.size)],
            ['Target server', `PostgreSQL ${r.serverVersion}`],
            (0,_restore_match_js__WEBPACK_IMPORTED_MODULE_3__/* .matchedRow */ .$)(r.matched),
            ['Duration', `${r.durationSeconds.toFixed(1)} s`],
        ]),
        '',
    ].join('\n');
}
function verifyOutputs(r) {
    return { key: r.key, sha256: r.sha256, bytes: String(r.bytes), 'duration-seconds': r.durationSeconds.toFixed(1) };
}
function verifySummary(r) {
    return [
        `### ✅ Backup verified: ${r.key}`,
        '',
        (0,_markdown_js__WEBPACK_IMPORTED_MODULE_1__/* .table */ .t)([
            ['SHA-256 (equal to the sidecar)', `\`${r.sha256}\``],
            ['Size', (0,_core_format_js__WEBPACK_IMPORTED_MODULE_2__/* .formatBytes */ .z3)(r.bytes)],
            ['Decoded', "every byte (pg_restore read every data block / the SQL ends with pg_dump's completion marker)"],
            ['Duration', `${r.durationSeconds.toFixed(1)} s`],
        ]),
        '',
    ].join('\n');
}
function validateOutputs(r) {
    return {
        status: r.status,
        key: r.key,
        sha256: r.sha256,
        'tables-checked': String(r.tablesChecked),
        'rows-checked': String(r.rowsChecked),
        mismatches: String(r.mismatches),
        'duration-seconds': r.durationSeconds.toFixed(1),
        'restored-major': String(r.restoredMajor),
    };
}
function validateSummary(r) {
    const head = r.status === 'passed'
        ? '✅ Restore drill passed'
        : `❌ Restore drill failed: ${r.mismatches} mismatch${r.mismatches === 1 ? '' : 'es'}`;
    // failures first: they are what the reader came for
    const rows = [...r.checks].sort((a, b) => Number(a.ok) - Number(b.ok));
    return [
        `### ${head}`,
        '',
        `\`${r.key}\` restored into PostgreSQL ${r.restoredMajor} (scratch database \`${r.scratchDatabase}\`${r.kept ? ', kept' : ', dropped'}), ` +
            `${(0,_core_format_js__WEBPACK_IMPORTED_MODULE_2__/* .plural */ .LS)(r.tablesChecked, 'table')} and ${(0,_core_format_js__WEBPACK_IMPORTED_MODULE_2__/* .plural */ .LS)(r.rowsChecked, 'row')} checked in ${r.durationSeconds.toFixed(1)} s; sha256 \`${r.sha256}\` verified first.`,
        '',
        '| check | expected | found | ok |',
        '|---|---|---|---|',
        ...rows.map((c) => `| ${(0,_markdown_js__WEBPACK_IMPORTED_MODULE_1__/* .cell */ .H)(c.check)} | ${(0,_markdown_js__WEBPACK_IMPORTED_MODULE_1__/* .cell */ .H)(c.expected)} | ${(0,_markdown_js__WEBPACK_IMPORTED_MODULE_1__/* .cell */ .H)(c.found)} | ${c.ok ? '✅' : '❌'} |`),
        '',
    ].join('\n');
}


/***/ }),

/***/ 3140:
/***/ ((__unused_webpack_module, __webpack_exports__, __webpack_require__) => {

/* harmony export */ __webpack_require__.d(__webpack_exports__, {
/* harmony export */   HD: () => (/* binding */ matchAll),
/* harmony export */   K9: () => (/* binding */ matchAfterRestore),
/* harmony export */   o3: () => (/* binding */ comparedWith)
/* harmony export */ });
/* unused harmony exports restoreChecks, mismatchLine */
/* harmony import */ var _core_format_js__WEBPACK_IMPORTED_MODULE_4__ = __webpack_require__(6228);
/* harmony import */ var _core_compare_js__WEBPACK_IMPORTED_MODULE_3__ = __webpack_require__(3164);
/* harmony import */ var _core_errors_js__WEBPACK_IMPORTED_MODULE_0__ = __webpack_require__(4296);
/* harmony import */ var _postgres_catalog_js__WEBPACK_IMPORTED_MODULE_1__ = __webpack_require__(7295);
/* harmony import */ var _postgres_introspect_js__WEBPACK_IMPORTED_MODULE_2__ = __webpack_require__(9492);
/**
 * A restore that checks itself: each restored database against its backup's manifest, as a drill compares its
 * scratch database (tables and columns, exact row counts where recorded, sequences, extensions, large objects). A
 * mismatch fails the run in one line naming the database and what differs.
 */





/**
 * The checks a restore is held to: a database restored into one that held other tables keeps them, so tables the
 * manifest does not name count only when the target held none before (pure).
 */
function restoreChecks(checks, targetHeldTables) {
    return targetHeldTables ? checks.filter((c) => !c.expected.startsWith('absent')) : checks;
}
/** One line for the checks that failed: what was expected and found, naming the tables (pure). */
function mismatchLine(database, failed) {
    const what = failed.map((c) => `${c.check}: expected ${c.expected}, found ${c.found}`);
    return `restore: "${database}" does not match its manifest (${failed.length} mismatch${failed.length === 1 ? '' : 'es'}: ${what.join('; ')}); the restored data is left in place: inspect it, or restore another backup with clean`;
}
/** Compares the restored database with its manifest; throws a UserError naming every mismatch. */
async function matchManifest(c, manifest, o) {
    const db = await (0,_postgres_introspect_js__WEBPACK_IMPORTED_MODULE_2__/* .connect */ .Ng)(c);
    try {
        const major = (await (0,_postgres_introspect_js__WEBPACK_IMPORTED_MODULE_2__/* .serverInfo */ .CR)(db)).major;
        const catalog = await (0,_postgres_catalog_js__WEBPACK_IMPORTED_MODULE_1__/* .describeCatalog */ .Nn)(db, manifest.options ?? { schemas: [], excludeTables: [] });
        catalog.tables = await (0,_postgres_catalog_js__WEBPACK_IMPORTED_MODULE_1__/* .countRows */ .BO)(db, catalog.tables, o.counted);
        const compared = (0,_core_compare_js__WEBPACK_IMPORTED_MODULE_3__/* .compareToManifest */ .o)(manifest, catalog, { sameMajor: major === manifest.database.serverMajor });
        const failed = restoreChecks(compared.checks, o.targetHeldTables).filter((x) => !x.ok);
        if (failed.length)
            throw new _core_errors_js__WEBPACK_IMPORTED_MODULE_0__/* .UserError */ .yo(mismatchLine(c.database, failed));
        o.log.info(`${c.database}: matched the manifest (${(0,_core_format_js__WEBPACK_IMPORTED_MODULE_4__/* .plural */ .LS)(compared.tablesChecked, 'table')}, ${(0,_core_format_js__WEBPACK_IMPORTED_MODULE_4__/* .plural */ .LS)(compared.rowsChecked, 'row')}, ${(0,_core_format_js__WEBPACK_IMPORTED_MODULE_4__/* .plural */ .LS)(compared.checks.length, 'check')})`);
        return { tables: compared.tablesChecked, rows: compared.rowsChecked };
    }
    finally {
        await db.end().catch(() => undefined);
    }
}
/** The manifest a restore of the whole database is compared with afterwards; undefined: none (pure). */
function comparedWith(o, manifest) {
    return o.compare && !isSelective(o) ? manifest : undefined;
}
const isSelective = (o) => o.tables.length > 0 || o.schemas.length > 0 || o.schemaOnly || o.dataOnly;
/**
 * After a restore: the comparison, unless compare is false or the restore was selective (a table, a schema, schema
 * or data only: the manifest describes the whole database), each saying so. Undefined when nothing was compared.
 * `counted`: the exact counts already taken of tables loaded early (see ./early-counts.ts).
 */
async function matchAfterRestore(o, manifest, p) {
    if (!o.compare)
        return undefined;
    const selective = isSelective(o);
    if (selective || !manifest) {
        p.log.info(`${p.connection.database}: not compared with the manifest (${selective ? 'a selective restore: the manifest describes the whole database' : 'the backup has no manifest'})`);
        return undefined;
    }
    return matchManifest(p.connection, manifest, { targetHeldTables: p.tables > 0, log: p.log, counted: p.counted });
}
/** restore --all: every restored database against its manifest; one line naming every database that differs. */
async function matchAll(o, log, dbs) {
    if (!o.compare)
        return undefined;
    const total = { tables: 0, rows: 0 };
    const failures = [];
    for (const d of dbs) {
        const connection = { ...o.connection, database: d.database };
        try {
            const m = await matchAfterRestore(o, d.manifest, { connection, tables: d.tables, log, counted: d.counted });
            total.tables += m?.tables ?? 0;
            total.rows += m?.rows ?? 0;
        }
        catch (err) {
            if (!(err instanceof _core_errors_js__WEBPACK_IMPORTED_MODULE_0__/* .UserError */ .yo))
                throw err;
            failures.push(err.message.replace(/^restore: /, '').replace(/; the restored data is left in place.*$/, ''));
        }
    }
    if (failures.length) {
        throw new _core_errors_js__WEBPACK_IMPORTED_MODULE_0__/* .UserError */ .yo(`restore: ${failures.length} of ${(0,_core_format_js__WEBPACK_IMPORTED_MODULE_4__/* .plural */ .LS)(dbs.length, 'database')} ${failures.length === 1 ? 'does' : 'do'} not match their manifests: ${failures.join('; ')}; the restored data is left in place: inspect it, or restore another set with clean`);
    }
    return total;
}


/***/ }),

/***/ 1956:
/***/ ((__unused_webpack_module, __webpack_exports__, __webpack_require__) => {

/* harmony export */ __webpack_require__.d(__webpack_exports__, {
/* harmony export */   c: () => (/* binding */ createDatabase)
/* harmony export */ });
/* harmony import */ var _core_errors_js__WEBPACK_IMPORTED_MODULE_0__ = __webpack_require__(4296);
/* harmony import */ var _postgres_admin_js__WEBPACK_IMPORTED_MODULE_1__ = __webpack_require__(2748);
/* harmony import */ var _postgres_introspect_js__WEBPACK_IMPORTED_MODULE_2__ = __webpack_require__(9492);
/** Creating a missing target database (create-database, or a whole-server restore of an archive without its own entry). */



async function createDatabase(c) {
    const admin = await (0,_postgres_introspect_js__WEBPACK_IMPORTED_MODULE_2__/* .connect */ .Ng)(c, 'postgres').catch(() => (0,_postgres_introspect_js__WEBPACK_IMPORTED_MODULE_2__/* .connect */ .Ng)(c, 'template1'));
    try {
        await (0,_postgres_admin_js__WEBPACK_IMPORTED_MODULE_1__/* .createDatabase */ .cD)(admin, c.database);
        return (await (0,_postgres_introspect_js__WEBPACK_IMPORTED_MODULE_2__/* .serverInfo */ .CR)(admin)).version;
    }
    catch (err) {
        throw new _core_errors_js__WEBPACK_IMPORTED_MODULE_0__/* .UserError */ .yo(`create-database: could not create "${c.database}": ${(0,_postgres_introspect_js__WEBPACK_IMPORTED_MODULE_2__/* .describePgError */ .Ry)(err, c).message}`);
    }
    finally {
        await admin.end().catch(() => undefined);
    }
}


/***/ }),

/***/ 1166:
/***/ ((__unused_webpack_module, __webpack_exports__, __webpack_require__) => {

/* harmony export */ __webpack_require__.d(__webpack_exports__, {
/* harmony export */   $2: () => (/* binding */ needsOfArchive),
/* harmony export */   AI: () => (/* binding */ parseToc),
/* harmony export */   Ay: () => (/* binding */ keepPlainLine),
/* harmony export */   NG: () => (/* binding */ needsOfPlain),
/* harmony export */   Xv: () => (/* binding */ ROLE_NAMING_ENTRIES),
/* harmony export */   qw: () => (/* binding */ tokenize)
/* harmony export */ });
/* unused harmony exports rolesInStatement, roleStatements */
/**
 * What a dump needs from the server it is restored onto (pure): the roles it names — object owners, grantees of its
 * privileges and default privileges, the roles its row-level security policies apply to — and its extensions.
 * Read from `pg_restore -l` (the table of contents: each entry's type and owner) and from the SQL of the privilege
 * and policy entries alone (so no function body or row can be mistaken for a statement), or, for a plain dump, from
 * its statements outside COPY data.
 */
/** Entry types of more than one word; every other type is one word. */
const MULTI_WORD = [
    'DEFAULT ACL',
    'DATABASE PROPERTIES',
    'FK CONSTRAINT',
    'MATERIALIZED VIEW DATA',
    'MATERIALIZED VIEW',
    'ROW SECURITY',
    'SEQUENCE OWNED BY',
    'SEQUENCE SET',
    'TABLE DATA',
    'TABLE ATTACH',
    'INDEX ATTACH',
    'TEXT SEARCH CONFIGURATION',
    'TEXT SEARCH DICTIONARY',
    'TEXT SEARCH PARSER',
    'TEXT SEARCH TEMPLATE',
    'FOREIGN DATA WRAPPER',
    'FOREIGN TABLE',
    'FOREIGN SERVER',
    'USER MAPPING',
    'LARGE OBJECT',
    'BLOB METADATA',
    'PUBLICATION TABLE',
    'PUBLICATION TABLES IN SCHEMA',
    'OPERATOR CLASS',
    'OPERATOR FAMILY',
    'SHELL TYPE',
    'ACCESS METHOD',
    'EVENT TRIGGER',
    'STATISTICS DATA',
];
/** `pg_restore -l` → its entries (comment lines and blank lines skipped). */
function parseToc(text) {
    const out = [];
    for (const line of text.split('\n')) {
        const m = /^\d+; \d+ \d+ (.*)$/.exec(line);
        if (!m)
            continue;
        const rest = m[1];
        const desc = MULTI_WORD.find((d) => rest.startsWith(`${d} `)) ?? rest.split(' ')[0];
        const after = rest.slice(desc.length + 1);
        const space = after.indexOf(' ');
        const namespace = space < 0 ? after : after.slice(0, space);
        const tagOwner = space < 0 ? '' : after.slice(space + 1);
        const last = tagOwner.lastIndexOf(' ');
        out.push({
            line,
            desc,
            namespace,
            tag: last < 0 ? tagOwner : tagOwner.slice(0, last),
            owner: last < 0 ? '' : tagOwner.slice(last + 1),
        });
    }
    return out;
}
/** The entries whose SQL names roles beyond their owner: privileges, default privileges, policies. */
const ROLE_NAMING_ENTRIES = ['ACL', 'DEFAULT ACL', 'POLICY'];
/** Roles that are words of the grammar, not roles. */
const PSEUDO_ROLES = new Set(['public', 'current_user', 'session_user', 'current_role']);
/** SQL tokens: quoted identifiers (unquoted), words (lower-cased), strings skipped, punctuation as itself. */
function tokenize(sql) {
    const out = [];
    const re = /"((?:[^"]|"")*)"|'(?:[^']|'')*'|([A-Za-z_\u0080-\uffff][\w$\u0080-\uffff]*)|(\S)/g;
    for (let m = re.exec(sql); m; m = re.exec(sql)) {
        if (m[1] !== undefined)
            out.push({ text: m[1].replace(/""/g, '"'), quoted: true });
        else if (m[2] !== undefined)
            out.push({ text: m[2].toLowerCase(), quoted: false });
        else if (m[3] !== undefined && !m[0].startsWith("'"))
            out.push({ text: m[3], quoted: false });
    }
    return out;
}
const isWord = (t, w) => t !== undefined && !t.quoted && t.text === w;
/** A comma-separated role list from `from`, until a token that is not part of it (at paren depth 0). */
function roleList(tokens, from, stopWords) {
    const roles = [];
    for (let i = from; i < tokens.length; i++) {
        const t = tokens[i];
        if (!t.quoted && (stopWords.includes(t.text) || t.text === ';' || t.text === '('))
            break;
        if (t.text === ',' && !t.quoted)
            continue;
        if (!t.quoted && t.text === 'group')
            continue; // GRANT … TO GROUP x (old syntax)
        if (t.quoted || !PSEUDO_ROLES.has(t.text))
            roles.push(t.text);
    }
    return roles;
}
const indexOfWord = (tokens, w, from = 0) => tokens.findIndex((t, i) => i >= from && isWord(t, w));
/** The roles one statement names: OWNER TO, GRANT … TO, REVOKE … FROM, GRANTED BY, FOR ROLE, CREATE POLICY … TO. */
function rolesInStatement(statement) {
    const tokens = tokenize(statement);
    const roles = [];
    const owner = tokens.findIndex((t, i) => isWord(t, 'owner') && isWord(tokens[i + 1], 'to'));
    if (owner >= 0 && isWord(tokens[0], 'alter'))
        roles.push(...roleList(tokens, owner + 2, []));
    let start = 0;
    if (isWord(tokens[0], 'alter') && isWord(tokens[1], 'default') && isWord(tokens[2], 'privileges')) {
        const forRole = tokens.findIndex((t, i) => isWord(t, 'for') && (isWord(tokens[i + 1], 'role') || isWord(tokens[i + 1], 'user')));
        if (forRole >= 0)
            roles.push(...roleList(tokens, forRole + 2, ['in', 'grant', 'revoke']));
        start = tokens.findIndex((t) => isWord(t, 'grant') || isWord(t, 'revoke'));
        if (start < 0)
            return roles;
    }
    if (isWord(tokens[start], 'grant') || isWord(tokens[start], 'revoke')) {
        const to = indexOfWord(tokens, isWord(tokens[start], 'grant') ? 'to' : 'from', start + 1);
        if (to >= 0)
            roles.push(...roleList(tokens, to + 1, ['with', 'granted', 'cascade', 'restrict']));
        const by = tokens.findIndex((t, i) => isWord(t, 'granted') && isWord(tokens[i + 1], 'by'));
        if (by >= 0)
            roles.push(...roleList(tokens, by + 2, []));
    }
    if (isWord(tokens[0], 'create') && isWord(tokens[1], 'policy')) {
        const to = indexOfWord(tokens, 'to', 3);
        const using = tokens.findIndex((t) => isWord(t, 'using') || isWord(t, 'with'));
        if (to >= 0 && (using < 0 || to < using))
            roles.push(...roleList(tokens, to + 1, ['using', 'with']));
    }
    return roles;
}
const ROLE_LINE = /^(ALTER .* OWNER TO |GRANT |REVOKE |ALTER DEFAULT PRIVILEGES |CREATE POLICY )/;
/** Whether a line of a plain dump names roles or extensions; skips COPY data (state carries across lines). */
function keepPlainLine(state, line) {
    if (state.inCopy) {
        if (line === '\\.')
            state.inCopy = false;
        return false;
    }
    if (/^COPY .* FROM stdin;$/.test(line)) {
        state.inCopy = true;
        return false;
    }
    return ROLE_LINE.test(line) || line.startsWith('CREATE EXTENSION ');
}
/** Statements of a SQL text that name roles: one per line, as pg_dump writes them, outside COPY data. */
function roleStatements(sql) {
    const state = { inCopy: false };
    return sql.split('\n').filter((line) => keepPlainLine(state, line) && ROLE_LINE.test(line));
}
/** Extensions a plain dump creates. */
function extensionsInSql(sql) {
    const out = [];
    for (const m of sql.matchAll(/^CREATE EXTENSION IF NOT EXISTS ("(?:[^"]|"")*"|\w+)/gm)) {
        out.push(m[1].startsWith('"') ? m[1].slice(1, -1).replace(/""/g, '"') : m[1]);
    }
    return out;
}
const unique = (xs) => [...new Set(xs.filter(Boolean))].sort();
/**
 * A custom archive's needs: owners from its table of contents (unless ownership is not restored), the roles in the
 * SQL of its privilege and policy entries (privileges only when they are restored), its extensions.
 */
function needsOfArchive(toc, roleSql, o) {
    const owners = o.noOwner ? [] : toc.filter((e) => e.desc !== 'ACL' && e.desc !== 'DEFAULT ACL').map((e) => e.owner);
    return { roles: unique([...owners, ...rolesIn(roleSql, o)]), extensions: unique(extensionsOfToc(toc)) };
}
/** A plain dump's needs, from its SQL. */
function needsOfPlain(sql, o) {
    return { roles: unique(rolesIn(sql, o)), extensions: unique(extensionsInSql(sql)) };
}
function rolesIn(sql, o) {
    return roleStatements(sql)
        .filter((s) => !(o.noOwner && / OWNER TO /.test(s) && s.startsWith('ALTER ') && !s.startsWith('ALTER DEFAULT')))
        .filter((s) => !(o.noAcl && /^(GRANT|REVOKE|ALTER DEFAULT PRIVILEGES) /.test(s)))
        .flatMap(rolesInStatement);
}
const extensionsOfToc = (toc) => toc.filter((e) => e.desc === 'EXTENSION').map((e) => e.tag);


/***/ }),

/***/ 9390:
/***/ ((__unused_webpack_module, __webpack_exports__, __webpack_require__) => {


// EXPORTS
__webpack_require__.d(__webpack_exports__, {
  "if": () => (/* binding */ decodedText),
  OB: () => (/* binding */ needsInput),
  YO: () => (/* binding */ openDumpSource),
  Fo: () => (/* binding */ runPlan),
  dK: () => (/* binding */ withParts)
});

// UNUSED EXPORTS: stepArgs

// EXTERNAL MODULE: external "node:fs/promises"
var promises_ = __webpack_require__(1455);
// EXTERNAL MODULE: external "node:path"
var external_node_path_ = __webpack_require__(6760);
var external_node_path_default = /*#__PURE__*/__webpack_require__.n(external_node_path_);
// EXTERNAL MODULE: ./src/core/bounded.ts
var bounded = __webpack_require__(926);
// EXTERNAL MODULE: ./src/postgres/argv.ts
var argv = __webpack_require__(5553);
// EXTERNAL MODULE: ./src/stream/decode.ts
var decode = __webpack_require__(8368);
// EXTERNAL MODULE: external "node:fs"
var external_node_fs_ = __webpack_require__(3024);
// EXTERNAL MODULE: external "node:stream"
var external_node_stream_ = __webpack_require__(7075);
// EXTERNAL MODULE: external "node:stream/promises"
var external_node_stream_promises_ = __webpack_require__(6466);
// EXTERNAL MODULE: ./src/postgres/process.ts
var process = __webpack_require__(4898);
;// CONCATENATED MODULE: ./src/stream/head.ts
/**
 * The head of a decoding stream, without decoding the rest: a custom archive written to a pipe carries its header and
 * table of contents first, so `pg_restore --list` reading the stream stops after them. The bytes it read are kept in a
 * small file (the archive's head) that serves the schema sections; the decoder is stopped once pg_restore has exited.
 */




/** The decoded bytes of `spec` as a stream (zstd's binary as a child, or Node's own stages). */
function decodedStream(spec) {
    const stages = spec.stages ?? [];
    if (spec.decompress.kind === 'process') {
        const direct = stages.length === 0;
        const dec = (0,process/* spawnTool */.My)('zstd', spec.decompress.command, [...spec.decompress.args, ...(direct ? [spec.file] : [])], {
            stdio: [direct ? 'ignore' : 'pipe', 'pipe', 'pipe'],
        });
        const input = (0,external_node_fs_.createReadStream)(spec.file);
        const feed = direct ? Promise.resolve() : (0,external_node_stream_promises_.pipeline)([input, ...stages, dec.child.stdin]);
        return {
            out: dec.child.stdout,
            done: Promise.allSettled([feed, dec.exited]).then(([f, d]) => firstFailure(dec, f, d)),
            stop: () => {
                input.destroy();
                dec.kill();
            },
        };
    }
    const input = (0,external_node_fs_.createReadStream)(spec.file);
    const decompress = spec.decompress.kind === 'stream' ? [spec.decompress.create()] : [];
    const out = new external_node_stream_.PassThrough();
    let stopped = false;
    const done = (0,external_node_stream_promises_.pipeline)([input, ...stages, ...decompress, out]).then(() => undefined, (err) => (stopped ? undefined : err));
    return {
        out,
        done,
        stop: () => {
            stopped = true;
            input.destroy();
            out.destroy();
        },
    };
}
function firstFailure(dec, ...r) {
    if (dec.stopped)
        return undefined;
    const bad = r.find((x) => x.status === 'rejected');
    return bad?.reason;
}
/**
 * Runs `consumer` (pg_restore --list reading stdin) on the decoding stream and keeps every byte it was given in
 * `headFile`; stops the decoder once it exits. The whole archive is decoded only if its reader never stops.
 */
async function readArchiveHead(spec, consumer, headFile) {
    const decoding = decodedStream(spec);
    const head = (0,external_node_fs_.createWriteStream)(headFile, { mode: 0o600 });
    const proc = (0,process/* spawnTool */.My)(consumer.name, consumer.command, consumer.args, {
        env: consumer.env,
        stdio: ['pipe', 'pipe', 'pipe'],
    });
    let list = '';
    proc.child.stdout.setEncoding('utf8');
    proc.child.stdout.on('data', (chunk) => {
        list += chunk;
    });
    const stdin = proc.child.stdin;
    stdin.on('error', () => undefined); // pg_restore stops reading once it has the table of contents
    let bytes = 0;
    let exited = false;
    const onAbort = () => {
        decoding.stop();
        proc.kill();
    };
    spec.signal?.addEventListener('abort', onAbort, { once: true });
    const feed = (async () => {
        for await (const chunk of decoding.out) {
            if (exited)
                break;
            bytes += chunk.length;
            if (!head.write(chunk))
                await new Promise((r) => head.once('drain', () => r()));
            if (!stdin.write(chunk))
                await new Promise((r) => (exited ? r() : stdin.once('drain', () => r())));
        }
        stdin.end();
    })();
    try {
        await proc.exited.finally(() => {
            exited = true;
            stdin.emit('drain');
            decoding.stop();
        });
        await feed.catch(() => undefined);
        const failed = await decoding.done;
        if (failed && bytes === 0)
            throw failed;
    }
    catch (err) {
        if (spec.signal?.aborted)
            throw spec.signal.reason;
        const failed = await decoding.done;
        throw failed ?? err;
    }
    finally {
        spec.signal?.removeEventListener('abort', onAbort);
        await new Promise((r) => head.end(r));
    }
    return { list, file: headFile, bytes };
}

// EXTERNAL MODULE: ./src/postgres/verbose.ts
var verbose = __webpack_require__(917);
// EXTERNAL MODULE: ./src/restore/dump-needs.ts
var dump_needs = __webpack_require__(1166);
;// CONCATENATED MODULE: ./src/restore/early-post-data.ts
/**
 * A multi-stream restore builds a data part's own indexes and primary, unique and exclusion constraints as soon as that
 * part's rows are in, while the last (largest) parts still load, as `pg_restore --jobs` does for one archive: the
 * post-data that follows the last load is then only that of the tables still loading, and of what spans tables.
 * Pure: read from `pg_restore --list --verbose` of the schema part's head (each entry with its dependencies). Only an
 * entry whose every dependency is a table of one loaded part, or a schema object created before any data (a schema,
 * a function, a type …), is built early; anything else — foreign keys, triggers, what depends on another post-data
 * entry, a table whose name the listing cannot tell apart from another — waits for the post-data step as before.
 */

/** `pg_restore --list --verbose` → its entries with their dependencies (";\tdepends on: 12 34" under an entry). */
function parseTocDeps(text) {
    const out = [];
    for (const line of text.split('\n')) {
        const dep = /^;\s*depends on:(.*)$/.exec(line);
        if (dep) {
            out.at(-1)?.deps.push(...dep[1].trim().split(/\s+/).filter(Boolean).map(Number));
            continue;
        }
        const id = /^(\d+); /.exec(line);
        const [e] = id ? (0,dump_needs/* parseToc */.AI)(line) : [];
        if (e)
            out.push({ id: Number(id[1]), line, desc: e.desc, namespace: e.namespace, tag: e.tag, deps: [] });
    }
    return out;
}
/** What is built early: indexes, and primary key, unique and exclusion constraints (FK and CHECK have types of their own). */
const EARLY = new Set(['INDEX', 'CONSTRAINT']);
/** Dependencies that are created before any data and hold none: an early entry may depend on these. */
const SCHEMA_OBJECTS = new Set([
    'SCHEMA',
    'EXTENSION',
    'FUNCTION',
    'TYPE',
    'DOMAIN',
    'COLLATION',
    'OPERATOR',
    'OPERATOR CLASS',
    'OPERATOR FAMILY',
]);
/**
 * For each data part (1, 2 …), the post-data entries that need its rows and no others, in the listing's order.
 * `all`: the whole listing (for the tables' names); `postData`: the post-data step's own listing; `partTables`: each
 * part's tables by "schema.name", as the manifest names them.
 */
function earlyByPart(all, postData, partTables) {
    const partOf = new Map();
    partTables.forEach((tables, i) => {
        for (const t of tables)
            partOf.set(t, i + 1);
    });
    const byId = new Map(all.map((e) => [e.id, e]));
    const keys = all.filter((e) => e.desc === 'TABLE').map((e) => `${e.namespace}.${e.tag}`);
    const ambiguous = new Set(keys.filter((k, i) => keys.indexOf(k) !== i));
    const tablePart = (e) => {
        const key = `${e.namespace}.${e.tag}`;
        return ambiguous.has(key) ? undefined : partOf.get(key);
    };
    const out = new Map();
    for (const item of postData) {
        if (!EARLY.has(item.desc) || !item.deps.length)
            continue;
        const parts = new Set();
        let schemaOnly = true;
        for (const dep of item.deps.map((id) => byId.get(id))) {
            if (dep?.desc === 'TABLE')
                parts.add(tablePart(dep));
            else if (!dep || !SCHEMA_OBJECTS.has(dep.desc))
                schemaOnly = false;
        }
        const [part] = parts;
        if (!schemaOnly || parts.size !== 1 || part === undefined)
            continue;
        out.set(part, [...(out.get(part) ?? []), item]);
    }
    return out;
}
/** A --use-list file's text: these entries, one line each. */
function useList(items) {
    return `${items.map((e) => e.line).join('\n')}\n`;
}

;// CONCATENATED MODULE: ./src/restore/dump-source.ts
/**
 * A proven download as the restore reads it, with no decoded copy on disk: a custom archive's head (header and table
 * of contents, read from the head of the decoding stream) kept beside the download for the pre-flight and the schema
 * sections, the data read from the decoding stream; plain SQL read from the decoding stream. A decoded copy only when
 * the plan asks for one.
 */









/** Reads a custom archive's head from its decoding stream (pg_restore --list stops after the table of contents). */
async function openDumpSource(proven, format, pgRestore, env, log) {
    if (format !== 'custom')
        return { format, proven };
    const file = external_node_path_default().join(proven.fetched.dir, 'archive-head.dump');
    const consumer = { name: 'pg_restore', command: pgRestore, args: ['--list'], env };
    const head = await readArchiveHead(proven.spec(), consumer, file);
    log?.info(`archive head: ${head.bytes} bytes read from the decoding stream (header and table of contents)`);
    return { format, proven, head: file, headBytes: head.bytes };
}
/** A multi-stream backup's data parts as sources of the plan (each read from its decoding stream only), with their tables. */
function withParts(src, parts, listed = []) {
    if (parts.length)
        src.parts = parts.map((proven, i) => ({ format: 'custom', proven, tables: listed[i]?.tables ?? [] }));
    return src;
}
/** What the pre-flight reads: the archive's head, or the plain SQL's decoding stream. */
function needsInput(src) {
    return src.head ?? (() => decodedStream(src.proven.spec()).out);
}
/** The whole decoded text (the globals: a few kB of SQL), in memory. */
async function decodedText(proven) {
    const chunks = [];
    const decoding = decodedStream(proven.spec());
    for await (const chunk of decoding.out)
        chunks.push(chunk);
    const failed = await decoding.done;
    if (failed)
        throw failed;
    return Buffer.concat(chunks).toString('utf8');
}
/**
 * Runs the plan's steps in order, each one pg_restore (or psql) on its source; the steps of one wave side by side, at
 * most `plan.atOnce` of them at a time: the first to fail stops the others (a waiting one never starts) and is the one
 * reported. With `plan.earlyIndexes`, a wave followed by post-data also builds each loaded part's own indexes and
 * constraints while the other parts load, in one more place of the wave, and the post-data step builds the rest.
 */
async function runPlan(plan, src, t) {
    const steps = plan.steps;
    const postDataAfterWave = steps.some((s, k) => s.wave !== undefined && isPostData(steps[k + 1]));
    const early = plan.earlyIndexes && postDataAfterWave && src.head && src.parts?.length ? earlyIndexes(src, t) : undefined;
    for (let i = 0; i < steps.length;) {
        const wave = steps[i].wave;
        let end = i + 1;
        while (wave !== undefined && end < steps.length && steps[end].wave === wave)
            end++;
        if (end - i === 1) {
            const step = early ? await early.rest(steps[i]) : steps[i];
            if (step)
                await runStep(step, src, t);
        }
        else if (early && isPostData(steps[end])) {
            const loads = steps.slice(i, end).map((step) => async (signal) => {
                await runStep(step, src, { ...t, signal });
                early.loaded(step.part);
            });
            await (0,bounded/* allBounded */.r)([...loads, early.drain], plan.atOnce ?? loads.length + 1, t.signal, async () => undefined);
        }
        else {
            const tasks = steps.slice(i, end).map((step) => (signal) => runStep(step, src, { ...t, signal }));
            await (0,bounded/* allBounded */.r)(tasks, plan.atOnce ?? tasks.length, t.signal, async () => undefined);
        }
        i = end;
    }
}
/**
 * The early indexes of a multi-stream restore: `drain` is the wave's last task, so it starts only once every load has
 * started and one has finished; it builds what the loaded parts allow, one pg_restore at a time, while a load still
 * runs. `rest` turns the post-data step into the entries not built early (the step itself when none was).
 */
function earlyIndexes(src, t) {
    const dir = external_node_path_default().dirname(src.head);
    const listing = listEntries(src, t);
    // a listing that fails leaves the post-data step whole, as without this
    listing.catch(() => undefined);
    const loadedParts = new Set();
    const built = new Set();
    let loadsLeft = (src.parts?.length ?? 0) + 1;
    let wake;
    let batches = 0;
    let postData;
    /** Resolves when the next load ends; rejects when the wave is stopped. */
    const nextLoad = (signal) => new Promise((resolve, reject) => {
        const stop = () => reject(signal.reason);
        if (signal.aborted)
            return stop();
        signal.addEventListener('abort', stop, { once: true });
        wake = () => {
            wake = undefined;
            signal.removeEventListener('abort', stop);
            resolve();
        };
    });
    return {
        loaded(part) {
            loadsLeft--;
            if (part !== undefined)
                loadedParts.add(part);
            wake?.();
        },
        async drain(signal) {
            const listed = await listing.catch(() => undefined);
            if (!listed)
                return;
            postData = listed.postData;
            // once the last load is done, what is left is the post-data step's, with all its jobs
            while (loadsLeft > 0) {
                const ready = [...loadedParts].flatMap((p) => listed.byPart.get(p) ?? []).filter((e) => !built.has(e.id));
                if (ready.length) {
                    const list = external_node_path_default().join(dir, `early-post-data-${++batches}.list`);
                    await (0,promises_.writeFile)(list, useList(ready));
                    await runStep({ source: 'head', section: 'post-data', jobs: 1, list }, src, { ...t, signal });
                    for (const e of ready)
                        built.add(e.id);
                }
                else
                    await nextLoad(signal);
            }
        },
        /** The step itself, the post-data step without what was built early, or undefined when nothing is left of it. */
        async rest(step) {
            if (!built.size || !postData || !isPostData(step))
                return step;
            const left = postData.filter((e) => !built.has(e.id));
            if (!left.length)
                return undefined;
            const list = external_node_path_default().join(dir, 'post-data.list');
            await (0,promises_.writeFile)(list, useList(left));
            return { ...step, list };
        },
    };
}
/** The post-data step read from the archive's head (the schema part's, for a multi-stream backup). */
const isPostData = (step) => step?.source === 'head' && step.section === 'post-data';
/** The schema part's entries (for its tables' names) and the post-data step's, with their dependencies. */
async function listEntries(src, t) {
    const list = (args) => (0,process/* runTool */.qI)('pg_restore', t.command, ['--list', '--verbose', ...args, src.head], t.env).then(parseTocDeps);
    const [all, postData] = await Promise.all([
        list([]),
        list(['--section=post-data', ...(0,argv/* selectionArgs */.YJ)({ ...t.flags, schemaOnly: false, dataOnly: false })]),
    ]);
    const tables = (src.parts ?? []).map((p) => p.tables ?? []);
    return { postData, byPart: earlyByPart(all, postData, tables) };
}
async function runStep(step, whole, t) {
    const src = step.part ? whole.parts?.[step.part - 1] : whole;
    if (!src)
        throw new Error(`the restore plan reads data part ${step.part}, which was not downloaded`);
    const spec = { ...src.proven.spec(), signal: t.signal };
    if (src.format !== 'custom') {
        const args = (0,argv/* psqlRestoreArgs */.ue)({ dbUrl: t.dbUrl, singleTransaction: t.flags.singleTransaction });
        await (0,decode/* decodeInto */.zT)(spec, { name: 'psql', command: t.command, args, env: t.env });
        return;
    }
    const file = await fileOf(step, src);
    const lines = t.progress?.step(step.jobs);
    const args = [...stepArgs(step, t, file), ...(lines ? ['--verbose'] : [])];
    const consumer = { name: 'pg_restore', command: t.command, args, env: t.env };
    if (lines)
        consumer.onLine = (0,verbose/* verboseReader */.kO)('pg_restore', lines);
    if (file)
        await (0,decode/* runConsumer */.cg)(consumer, t.signal);
    else
        await (0,decode/* decodeInto */.zT)(spec, consumer);
    lines?.end();
    if (step.part !== undefined)
        t.onPartLoaded?.(step.part);
}
async function fileOf(step, src) {
    if (step.source === 'head')
        return src.head;
    if (step.source !== 'copy')
        return undefined;
    if (!src.copy) {
        const copy = external_node_path_default().join(src.proven.fetched.dir, 'archive.dump');
        await (0,decode/* decodeToFile */.EX)(src.proven.spec(), copy);
        src.copy = copy;
    }
    return src.copy;
}
/** A section's step drops (clean) only in the schema sections and leaves the selection to --section. */
function stepArgs(step, t, file) {
    const sections = step.section ? [step.section].flat() : [];
    const flags = sections.length
        ? { ...t.flags, schemaOnly: false, dataOnly: false, clean: t.flags.clean && sections.some((s) => s !== 'data') }
        : t.flags;
    return [
        ...(0,argv/* pgRestoreArgs */.VZ)({ ...flags, jobs: step.jobs, dbUrl: t.dbUrl }),
        ...sections.map((s) => `--section=${s}`),
        ...(step.list ? [`--use-list=${step.list}`] : []),
        ...(file ? [file] : []),
    ];
}


/***/ }),

/***/ 5322:
/***/ ((__unused_webpack_module, __webpack_exports__, __webpack_require__) => {

/* harmony export */ __webpack_require__.d(__webpack_exports__, {
/* harmony export */   b: () => (/* binding */ countingEarly)
/* harmony export */ });
/* harmony import */ var _postgres_catalog_js__WEBPACK_IMPORTED_MODULE_0__ = __webpack_require__(7295);
/* harmony import */ var _postgres_introspect_js__WEBPACK_IMPORTED_MODULE_1__ = __webpack_require__(9492);


/** Undefined when there is nothing to count early: a single stream, or one data part. */
function earlyCounts(c, manifest) {
    const parts = manifest.parts ?? [];
    if (parts.length < 2)
        return undefined;
    const byName = new Map(manifest.tables.map((t) => [`${t.schema}.${t.name}`, t]));
    const running = [];
    let loaded = 0;
    let settled;
    return {
        partLoaded(part) {
            loaded++;
            if (settled || loaded === parts.length)
                return;
            const tables = (parts[part - 1]?.tables ?? []).flatMap((name) => byName.get(name) ?? []);
            // a count that fails here is taken again with the rest
            if (tables.length)
                running.push(countPart(c, tables).catch(() => []));
        },
        settle() {
            settled ??= Promise.all(running).then((all) => new Map(all.flat()));
            return settled;
        },
    };
}
/**
 * Runs a restore (`run`, told where to report each loaded part) with the early counts of `manifest` (undefined: none):
 * its result, and the counts taken. However the restore ends, no count is left running on the target.
 */
async function countingEarly(c, manifest, run) {
    const early = manifest ? earlyCounts(c, manifest) : undefined;
    try {
        const value = await run(early && ((part) => early.partLoaded(part)));
        return { value, counted: await early?.settle() };
    }
    finally {
        await early?.settle();
    }
}
async function countPart(c, tables) {
    const client = await (0,_postgres_introspect_js__WEBPACK_IMPORTED_MODULE_1__/* .connect */ .Ng)(c);
    try {
        // one core: the other parts are still loading on the rest
        await client.query('SET max_parallel_workers_per_gather = 0');
        const counted = await (0,_postgres_catalog_js__WEBPACK_IMPORTED_MODULE_0__/* .countRows */ .BO)(client, tables);
        return counted.flatMap((t) => (t.rows === null ? [] : [[`${t.schema}.${t.name}`, t.rows]]));
    }
    finally {
        await client.end().catch(() => undefined);
    }
}


/***/ }),

/***/ 3900:
/***/ ((__unused_webpack_module, __webpack_exports__, __webpack_require__) => {

/* harmony export */ __webpack_require__.d(__webpack_exports__, {
/* harmony export */   Fc: () => (/* binding */ carriesDatabase),
/* harmony export */   O$: () => (/* binding */ fetchMembers),
/* harmony export */   VU: () => (/* binding */ readGlobalsSql),
/* harmony export */   dh: () => (/* binding */ storedSize),
/* harmony export */   e9: () => (/* binding */ cleanupMembers)
/* harmony export */ });
/* harmony import */ var _core_errors_js__WEBPACK_IMPORTED_MODULE_0__ = __webpack_require__(4296);
/* harmony import */ var _encryption_decrypt_js__WEBPACK_IMPORTED_MODULE_1__ = __webpack_require__(3720);
/* harmony import */ var _dump_needs_js__WEBPACK_IMPORTED_MODULE_2__ = __webpack_require__(1166);
/* harmony import */ var _postgres_process_js__WEBPACK_IMPORTED_MODULE_3__ = __webpack_require__(4898);
/* harmony import */ var _dump_source_js__WEBPACK_IMPORTED_MODULE_4__ = __webpack_require__(9390);
/* harmony import */ var _store_set_members_js__WEBPACK_IMPORTED_MODULE_5__ = __webpack_require__(5823);
/* harmony import */ var _store_parts_js__WEBPACK_IMPORTED_MODULE_6__ = __webpack_require__(7);







/** What a member stores: the object at its key and, for a multi-stream backup, every data part its manifest names. */
const storedSize = (c) => c.entry.size + (c.manifest?.parts ?? []).reduce((n, p) => n + p.size, 0);
async function fetchMembers(o, ctx, s3, members, 
/** pg_restore, which reads each database's archive head. */
pgRestore, 
/** The members as chosen already (their manifests read), in the same order; read here when not given. */
given) {
    const out = [];
    try {
        for (const [i, member] of members.entries()) {
            const chosen = given?.[i] ?? (await (0,_store_set_members_js__WEBPACK_IMPORTED_MODULE_5__/* .chosenMember */ .jh)(o, member, s3));
            ctx.log.info(`${member.name}: s3://${o.s3.bucket}/${member.key}`);
            const decryption = await (0,_encryption_decrypt_js__WEBPACK_IMPORTED_MODULE_1__/* .openDecryption */ .C)(o, chosen);
            const progress = ctx.onProgress;
            const label = member.name;
            const own = progress
                ? { ...ctx, onProgress: (p) => progress({ ...p, label }) }
                : ctx;
            const refusal = (err) => err instanceof _core_errors_js__WEBPACK_IMPORTED_MODULE_0__/* .UserError */ .yo && !(err instanceof _core_errors_js__WEBPACK_IMPORTED_MODULE_0__/* .CancelledError */ .cc)
                ? new _core_errors_js__WEBPACK_IMPORTED_MODULE_0__/* .UserError */ .yo(`${member.name}: ${err.message.replace(/; refusing to restore \(target untouched\)$/, '')}; refusing to restore (target untouched)`)
                : err;
            const { proven, parts } = await (0,_store_parts_js__WEBPACK_IMPORTED_MODULE_6__/* .fetchBackupProven */ .N)(o, chosen, decryption, s3, own, refusal);
            out.push({ member, manifest: chosen.manifest, proven, dump: '', parts });
            if (member.kind === 'database' && pgRestore)
                out.at(-1).dump = (await (0,_dump_source_js__WEBPACK_IMPORTED_MODULE_4__/* .openDumpSource */ .YO)(proven, chosen.entry.format, pgRestore, ctx.env)).head ?? '';
        }
        return out;
    }
    catch (err) {
        await cleanupMembers(out);
        throw err;
    }
}
async function cleanupMembers(fetched) {
    await Promise.all(fetched.flatMap((f) => [f.proven, ...f.parts].map((p) => p.fetched.cleanup())));
}
const readGlobalsSql = (f) => (0,_dump_source_js__WEBPACK_IMPORTED_MODULE_4__/* .decodedText */ ["if"])(f.proven);
/** Whether an archive carries its database's own entry (pg_dump --create): owner, settings, comment. */
async function carriesDatabase(dump, pgRestore, env) {
    const toc = (0,_dump_needs_js__WEBPACK_IMPORTED_MODULE_2__/* .parseToc */ .AI)(await (0,_postgres_process_js__WEBPACK_IMPORTED_MODULE_3__/* .runTool */ .qI)('pg_restore', pgRestore, ['--list', '--create', dump], env));
    return toc.some((e) => e.desc === 'DATABASE');
}


/***/ }),

/***/ 7229:
/***/ ((__unused_webpack_module, __webpack_exports__, __webpack_require__) => {

/* harmony export */ __webpack_require__.d(__webpack_exports__, {
/* harmony export */   GD: () => (/* binding */ globalsToApply),
/* harmony export */   hu: () => (/* binding */ rolesOfGlobals),
/* harmony export */   rV: () => (/* binding */ applyGlobals)
/* harmony export */ });
/* unused harmony exports scopeGlobals, planGlobals */
/* harmony import */ var node_fs_promises__WEBPACK_IMPORTED_MODULE_0__ = __webpack_require__(1455);
/* harmony import */ var node_fs_promises__WEBPACK_IMPORTED_MODULE_0___default = /*#__PURE__*/__webpack_require__.n(node_fs_promises__WEBPACK_IMPORTED_MODULE_0__);
/* harmony import */ var node_path__WEBPACK_IMPORTED_MODULE_1__ = __webpack_require__(6760);
/* harmony import */ var node_path__WEBPACK_IMPORTED_MODULE_1___default = /*#__PURE__*/__webpack_require__.n(node_path__WEBPACK_IMPORTED_MODULE_1__);
/* harmony import */ var _postgres_process_js__WEBPACK_IMPORTED_MODULE_2__ = __webpack_require__(4898);
/* harmony import */ var _dump_needs_js__WEBPACK_IMPORTED_MODULE_3__ = __webpack_require__(1166);
/**
 * Restoring a server's globals (pg_dumpall --globals-only) onto a target: roles it lacks are created with their
 * attributes, passwords, settings and memberships; roles it has are left exactly as they are; tablespaces are left
 * out (their directories belong to the old machine). The SQL holds password verifiers: it is written 0600 and removed.
 */




/** The role a CREATE ROLE / ALTER ROLE / COMMENT ON ROLE line is about, and the statement's kind. */
function roleLine(line) {
    const t = (0,_dump_needs_js__WEBPACK_IMPORTED_MODULE_3__/* .tokenize */ .qw)(line);
    const w = (i) => (t[i] && !t[i].quoted ? t[i].text : '');
    if ((w(0) === 'create' || w(0) === 'alter') && w(1) === 'role' && t[2]) {
        return { role: t[2].text, create: w(0) === 'create', attributes: t.slice(3).map((x) => (x.quoted ? '' : x.text)) };
    }
    if (w(0) === 'comment' && w(1) === 'on' && w(2) === 'role' && t[3])
        return { role: t[3].text, create: false, attributes: [] };
    return undefined;
}
/** The roles the globals create (pure). */
function rolesOfGlobals(sql) {
    return [...new Set(sql.split('\n').flatMap((l) => (roleLine(l)?.create ? [roleLine(l).role] : [])))];
}
/** `GRANT role TO member … [GRANTED BY grantor]`: a membership of the globals. */
function membershipLine(line) {
    if (!/^GRANT /.test(line) || / ON /.test(line))
        return undefined;
    const t = (0,_dump_needs_js__WEBPACK_IMPORTED_MODULE_3__/* .tokenize */ .qw)(line);
    if (!t[1] || !(t[2]?.text === 'to' && !t[2].quoted) || !t[3])
        return undefined;
    const by = t.findIndex((x, i) => !x.quoted && x.text === 'granted' && t[i + 1]?.text === 'by');
    return { role: t[1].text, member: t[3].text, grantor: by >= 0 ? t[by + 2]?.text : undefined };
}
/** `from` and every role reached from it by `step` (a membership's one end to its other). */
function reach(from, memberships, step) {
    const out = new Set(from);
    for (let grown = true; grown;) {
        grown = false;
        for (const m of memberships) {
            const [a, b] = step(m);
            if (out.has(a) && !out.has(b))
                grown = Boolean(out.add(b));
        }
    }
    return out;
}
/**
 * The globals cut down to the roles a dump names, the roles they are members of (so they hold their privileges) and
 * the roles that are members of them (the logins that use them): a single database restored onto a new server gets
 * its own roles, not every role of the old server (pure). A grantor left out, and not on the target, is dropped from
 * its GRANTED BY (the restoring user grants instead).
 */
function scopeGlobals(sql, needed, existing) {
    const lines = sql.split('\n');
    const memberships = lines.flatMap((l) => membershipLine(l) ?? []);
    const up = reach(needed, memberships, (m) => [m.member, m.role]);
    const down = reach(needed, memberships, (m) => [m.role, m.member]);
    const scope = new Set([...up, ...down]);
    const kept = [];
    for (const line of lines) {
        const role = roleLine(line)?.role;
        const grant = membershipLine(line);
        if (role !== undefined && !scope.has(role))
            continue;
        if (grant && !(scope.has(grant.member) && scope.has(grant.role)))
            continue;
        const foreign = grant?.grantor && !scope.has(grant.grantor) && !existing.has(grant.grantor);
        kept.push(foreign ? line.replace(/ GRANTED BY .*;$/, ';') : line);
    }
    return kept.join('\n');
}
/** What to run on a target that already has `existing` roles (pure); with `needed`, only the roles a dump names. */
function planGlobals(globals, existing, needed) {
    const sql = needed ? scopeGlobals(globals, needed, existing) : globals;
    const roles = rolesOfGlobals(sql);
    const login = new Set();
    const tablespaces = [];
    const kept = [];
    for (const line of sql.split('\n')) {
        const r = roleLine(line);
        if (r && !existing.has(r.role)) {
            if (r.attributes.includes('login'))
                login.add(r.role);
            if (r.attributes.includes('nologin'))
                login.delete(r.role);
        }
        if (r && existing.has(r.role))
            continue;
        if (/^CREATE TABLESPACE /.test(line)) {
            tablespaces.push((0,_dump_needs_js__WEBPACK_IMPORTED_MODULE_3__/* .tokenize */ .qw)(line)[2]?.text ?? '');
            continue;
        }
        if (/^(ALTER|COMMENT ON|GRANT .* ON) TABLESPACE /.test(line))
            continue;
        kept.push(line);
    }
    return {
        sql: kept.join('\n'),
        roles,
        created: roles.filter((r) => !existing.has(r)),
        kept: roles.filter((r) => existing.has(r)),
        login: [...login].sort(),
        tablespaces,
    };
}
/**
 * Whether the globals are restored: with-globals true, or auto when the target lacks a role the dump names. Only
 * then are they loaded (`load`: undefined when there are none) and planned against the roles the target has;
 * `scoped` (one database) keeps only the roles the dump names and those they are members of.
 */
async function globalsToApply(withGlobals, needed, catalog, load, scoped = false) {
    if (withGlobals === 'false')
        return undefined;
    const present = await catalog.existingRoles(needed);
    if (withGlobals === 'auto' && needed.every((r) => present.has(r)))
        return undefined;
    const sql = await load();
    if (sql === undefined)
        return undefined;
    return planGlobals(sql, await catalog.existingRoles(rolesOfGlobals(sql)), scoped ? needed : undefined);
}
/** Runs the plan's SQL with psql in one transaction (all roles or none), stopping at the first error. */
async function applyGlobals(plan, t) {
    const file = node_path__WEBPACK_IMPORTED_MODULE_1___default().join(t.dir, 'globals.sql');
    await (0,node_fs_promises__WEBPACK_IMPORTED_MODULE_0__.writeFile)(file, plan.sql, { mode: 0o600 });
    try {
        const args = [`--dbname=${t.dbUrl}`, '--no-password', '--no-psqlrc', '--quiet', '--set=ON_ERROR_STOP=1'];
        await (0,_postgres_process_js__WEBPACK_IMPORTED_MODULE_2__/* .runTool */ .qI)('psql', t.psql, [...args, '--single-transaction', `--file=${file}`], t.env);
    }
    finally {
        await (0,node_fs_promises__WEBPACK_IMPORTED_MODULE_0__.rm)(file, { force: true });
    }
    if (plan.tablespaces.length) {
        t.log.warning(`globals: tablespaces ${plan.tablespaces.join(', ')} were left out (their directories belong to the old server): create them yourself if the databases need them`);
    }
}


/***/ }),

/***/ 2789:
/***/ ((__unused_webpack_module, __webpack_exports__, __webpack_require__) => {

/* harmony export */ __webpack_require__.d(__webpack_exports__, {
/* harmony export */   Mz: () => (/* binding */ preflight),
/* harmony export */   cH: () => (/* binding */ readDumpNeeds)
/* harmony export */ });
/* unused harmony export preflightRefusal */
/* harmony import */ var node_fs__WEBPACK_IMPORTED_MODULE_0__ = __webpack_require__(3024);
/* harmony import */ var node_fs__WEBPACK_IMPORTED_MODULE_0___default = /*#__PURE__*/__webpack_require__.n(node_fs__WEBPACK_IMPORTED_MODULE_0__);
/* harmony import */ var node_fs_promises__WEBPACK_IMPORTED_MODULE_1__ = __webpack_require__(1455);
/* harmony import */ var node_fs_promises__WEBPACK_IMPORTED_MODULE_1___default = /*#__PURE__*/__webpack_require__.n(node_fs_promises__WEBPACK_IMPORTED_MODULE_1__);
/* harmony import */ var node_path__WEBPACK_IMPORTED_MODULE_2__ = __webpack_require__(6760);
/* harmony import */ var node_path__WEBPACK_IMPORTED_MODULE_2___default = /*#__PURE__*/__webpack_require__.n(node_path__WEBPACK_IMPORTED_MODULE_2__);
/* harmony import */ var node_readline__WEBPACK_IMPORTED_MODULE_3__ = __webpack_require__(481);
/* harmony import */ var node_readline__WEBPACK_IMPORTED_MODULE_3___default = /*#__PURE__*/__webpack_require__.n(node_readline__WEBPACK_IMPORTED_MODULE_3__);
/* harmony import */ var _core_errors_js__WEBPACK_IMPORTED_MODULE_4__ = __webpack_require__(4296);
/* harmony import */ var _postgres_process_js__WEBPACK_IMPORTED_MODULE_5__ = __webpack_require__(4898);
/* harmony import */ var _dump_needs_js__WEBPACK_IMPORTED_MODULE_6__ = __webpack_require__(1166);
/* harmony import */ var _postgres_argv_js__WEBPACK_IMPORTED_MODULE_7__ = __webpack_require__(5553);
/**
 * The restore's pre-flight, before the first statement runs on the target: every role the dump names exists there
 * (or will be created from the globals), every extension it needs is available there. Otherwise one line naming
 * what is missing and the fix.
 */








const list = (xs) => xs.join(', ');
/** The one-line refusal for what the target lacks; undefined when nothing is missing. */
async function preflightRefusal(needs, catalog, plannedRoles = new Set()) {
    const wanted = needs.roles.filter((r) => !plannedRoles.has(r));
    const [roles, extensions] = await Promise.all([
        catalog.existingRoles(wanted),
        catalog.availableExtensions(needs.extensions),
    ]);
    const missingRoles = wanted.filter((r) => !roles.has(r));
    const missingExtensions = needs.extensions.filter((e) => !extensions.has(e));
    const what = [];
    const fix = [];
    if (missingRoles.length) {
        const one = missingRoles.length === 1;
        what.push(`${one ? 'role' : 'roles'} ${list(missingRoles)} ${one ? 'does' : 'do'} not exist on the target`);
        fix.push(`restore the globals first (with-globals) or create ${one ? 'it' : 'them'}`);
    }
    if (missingExtensions.length) {
        const one = missingExtensions.length === 1;
        what.push(`${one ? 'extension' : 'extensions'} ${list(missingExtensions)} ${one ? 'is' : 'are'} not available on the target server (pg_available_extensions)`);
        fix.push(`install ${one ? 'its' : 'their'} package on the target server`);
    }
    return what.length ? `restore: ${what.join(' and ')}; ${fix.join(', and ')}` : undefined;
}
/** Refuses (UserError) when the target lacks what the dump needs; `note` says why the globals do not help. */
async function preflight(needs, catalog, plannedRoles, note) {
    const refusal = await preflightRefusal(needs, catalog, plannedRoles);
    if (refusal)
        throw new _core_errors_js__WEBPACK_IMPORTED_MODULE_4__/* .UserError */ .yo(`${refusal}${note ? `; ${note}` : ''} (target untouched)`);
}
/**
 * What a dump needs: a custom archive's (its head on disk: header and table of contents) read with pg_restore, plain
 * SQL's read line by line from its decoding stream.
 */
async function readDumpNeeds(file, format, pgRestore, o, env) {
    if (format !== 'custom' || typeof file !== 'string')
        return (0,_dump_needs_js__WEBPACK_IMPORTED_MODULE_6__/* .needsOfPlain */ .NG)(await plainRoleSql(file), { noOwner: false, noAcl: false });
    const toc = (0,_dump_needs_js__WEBPACK_IMPORTED_MODULE_6__/* .parseToc */ .AI)(await (0,_postgres_process_js__WEBPACK_IMPORTED_MODULE_5__/* .runTool */ .qI)('pg_restore', pgRestore, ['--list', ...(0,_postgres_argv_js__WEBPACK_IMPORTED_MODULE_7__/* .selectionArgs */ .YJ)(o), file], env));
    const naming = toc.filter((e) => _dump_needs_js__WEBPACK_IMPORTED_MODULE_6__/* .ROLE_NAMING_ENTRIES */ .Xv.includes(e.desc));
    let roleSql = '';
    if (naming.length) {
        const listFile = node_path__WEBPACK_IMPORTED_MODULE_2___default().join(node_path__WEBPACK_IMPORTED_MODULE_2___default().dirname(file), 'role-entries.list');
        await (0,node_fs_promises__WEBPACK_IMPORTED_MODULE_1__.writeFile)(listFile, `${naming.map((e) => e.line).join('\n')}\n`, { mode: 0o600 });
        roleSql = await (0,_postgres_process_js__WEBPACK_IMPORTED_MODULE_5__/* .runTool */ .qI)('pg_restore', pgRestore, [`--use-list=${listFile}`, '--file=-', file], env);
    }
    return (0,_dump_needs_js__WEBPACK_IMPORTED_MODULE_6__/* .needsOfArchive */ .$2)(toc, roleSql, o);
}
/** The lines of a plain dump that name roles or extensions, streamed (a plain dump can be larger than memory). */
async function plainRoleSql(file) {
    const input = typeof file === 'string' ? (0,node_fs__WEBPACK_IMPORTED_MODULE_0__.createReadStream)(file) : file();
    const lines = node_readline__WEBPACK_IMPORTED_MODULE_3___default().createInterface({ input, crlfDelay: Number.POSITIVE_INFINITY });
    const kept = [];
    const state = { inCopy: false };
    for await (const line of lines)
        if ((0,_dump_needs_js__WEBPACK_IMPORTED_MODULE_6__/* .keepPlainLine */ .Ay)(state, line))
            kept.push(line);
    return kept.join('\n');
}


/***/ }),

/***/ 1487:
/***/ ((__unused_webpack_module, __webpack_exports__, __webpack_require__) => {

/* harmony export */ __webpack_require__.d(__webpack_exports__, {
/* harmony export */   n: () => (/* binding */ restoreParts)
/* harmony export */ });
/* harmony import */ var _core_restore_plan_js__WEBPACK_IMPORTED_MODULE_0__ = __webpack_require__(701);
/* harmony import */ var _dump_source_js__WEBPACK_IMPORTED_MODULE_1__ = __webpack_require__(9390);
/* harmony import */ var _restore_progress_js__WEBPACK_IMPORTED_MODULE_2__ = __webpack_require__(4950);



async function restoreParts(r, t) {
    const plan = (0,_core_restore_plan_js__WEBPACK_IMPORTED_MODULE_0__/* .planRestore */ .q8)({
        format: 'custom',
        jobs: r.jobs,
        singleTransaction: false,
        decodedCopy: false,
        parts: r.manifestParts,
        ...(r.loads ? { loads: r.loads } : {}),
    });
    r.log?.info(`restore path: ${plan.why}`);
    const head = await (0,_dump_source_js__WEBPACK_IMPORTED_MODULE_1__/* .openDumpSource */ .YO)(r.proven, 'custom', t.command, t.env);
    const src = (0,_dump_source_js__WEBPACK_IMPORTED_MODULE_1__/* .withParts */ .dK)(head, r.parts, r.manifestParts);
    const told = { flags: t.flags, pgRestore: t.command, env: t.env, parts: r.manifestParts };
    const progress = r.onProgress ? await (0,_restore_progress_js__WEBPACK_IMPORTED_MODULE_2__/* .restoreProgress */ .K)({ onProgress: r.onProgress }, src, told) : undefined;
    const tp = {
        ...t,
        ...(progress ? { progress } : {}),
        ...(r.onPartLoaded ? { onPartLoaded: r.onPartLoaded } : {}),
    };
    if (!r.first)
        await (0,_dump_source_js__WEBPACK_IMPORTED_MODULE_1__/* .runPlan */ .Fo)(plan, src, tp);
    else {
        await (0,_dump_source_js__WEBPACK_IMPORTED_MODULE_1__/* .runPlan */ .Fo)({ ...plan, steps: plan.steps.slice(0, 1) }, src, { ...tp, ...r.first });
        await (0,_dump_source_js__WEBPACK_IMPORTED_MODULE_1__/* .runPlan */ .Fo)({ ...plan, steps: plan.steps.slice(1) }, src, tp);
    }
    progress?.done();
}


/***/ }),

/***/ 4950:
/***/ ((__unused_webpack_module, __webpack_exports__, __webpack_require__) => {

/* harmony export */ __webpack_require__.d(__webpack_exports__, {
/* harmony export */   K: () => (/* binding */ restoreProgress)
/* harmony export */ });
/* harmony import */ var _core_work_progress_js__WEBPACK_IMPORTED_MODULE_3__ = __webpack_require__(5916);
/* harmony import */ var _postgres_argv_js__WEBPACK_IMPORTED_MODULE_2__ = __webpack_require__(5553);
/* harmony import */ var _postgres_process_js__WEBPACK_IMPORTED_MODULE_0__ = __webpack_require__(4898);
/* harmony import */ var _dump_needs_js__WEBPACK_IMPORTED_MODULE_1__ = __webpack_require__(1166);
/**
 * A restore's progress by the archive's entries: the table of contents of what is restored (the schema part's head,
 * listed as the pre-flight lists it) and a multi-stream backup's data parts (one entry of data per table the manifest
 * names), counted as pg_restore --verbose begins each one. One sample at each step's line (the host shows them at
 * its own cadence) and a last one, 100%, when the restore is done.
 */




/** Undefined when nothing shows progress, or the dump is plain SQL (psql says nothing as it goes). */
async function restoreProgress(ctx, src, r) {
    const report = ctx.onProgress;
    if (!report || src.format !== 'custom' || !src.head)
        return undefined;
    const listed = await (0,_postgres_process_js__WEBPACK_IMPORTED_MODULE_0__/* .runTool */ .qI)('pg_restore', r.pgRestore, ['--list', ...(0,_postgres_argv_js__WEBPACK_IMPORTED_MODULE_2__/* .selectionArgs */ .YJ)(r.flags), src.head], r.env);
    const toc = (0,_dump_needs_js__WEBPACK_IMPORTED_MODULE_1__/* .parseToc */ .AI)(listed);
    const partTables = r.flags.schemaOnly ? 0 : (r.parts ?? []).reduce((n, p) => n + p.tables.length, 0);
    const tables = toc.filter((e) => e.desc === 'TABLE DATA').length + partTables;
    const entries = new _core_work_progress_js__WEBPACK_IMPORTED_MODULE_3__/* .RestoreEntries */ .R(toc.length + partTables, tables);
    const sample = (final = false) => report({ phase: 'restore', bytes: 0, work: final ? entries.all() : entries.work(), ...(final ? { final } : {}) });
    return {
        step: (jobs) => {
            const lines = entries.step(jobs);
            const told = (f) => () => {
                f();
                sample();
            };
            return {
                table: (name) => told(() => lines.table(name))(),
                entry: told(lines.entry),
                other: lines.other,
                end: told(lines.end),
            };
        },
        done: () => sample(true),
    };
}


/***/ }),

/***/ 89:
/***/ ((__unused_webpack_module, __webpack_exports__, __webpack_require__) => {

/* harmony export */ __webpack_require__.d(__webpack_exports__, {
/* harmony export */   v: () => (/* binding */ checkTempSpace)
/* harmony export */ });
/* harmony import */ var node_fs_promises__WEBPACK_IMPORTED_MODULE_0__ = __webpack_require__(1455);
/* harmony import */ var node_fs_promises__WEBPACK_IMPORTED_MODULE_0___default = /*#__PURE__*/__webpack_require__.n(node_fs_promises__WEBPACK_IMPORTED_MODULE_0__);
/* harmony import */ var _core_errors_js__WEBPACK_IMPORTED_MODULE_1__ = __webpack_require__(4296);
/* harmony import */ var _core_format_js__WEBPACK_IMPORTED_MODULE_3__ = __webpack_require__(6228);
/* harmony import */ var _core_input_ref_js__WEBPACK_IMPORTED_MODULE_2__ = __webpack_require__(7571);
/**
 * The temporary disk a read-back needs, checked before the download: the stored object(s) and a few MB for the
 * archive's head (and the whole decoded dump when a decoded copy was asked for). Too little is one line.
 */




async function checkTempSpace(dir, need, what, ctx) {
    let free;
    try {
        const s = await (0,node_fs_promises__WEBPACK_IMPORTED_MODULE_0__.statfs)(dir);
        free = Number(s.bavail) * Number(s.bsize);
    }
    catch (err) {
        const code = err.code;
        throw new _core_errors_js__WEBPACK_IMPORTED_MODULE_1__/* .UserError */ .yo(`temp-dir: ${dir} ${code === 'ENOENT' ? 'does not exist' : `cannot be read (${code})`}: create it or set ${(0,_core_input_ref_js__WEBPACK_IMPORTED_MODULE_2__/* .inputRef */ .i)('temp-dir')} to a directory that exists`);
    }
    if (free < need) {
        throw new _core_errors_js__WEBPACK_IMPORTED_MODULE_1__/* .UserError */ .yo(`temp-dir: ${what} needs ${(0,_core_format_js__WEBPACK_IMPORTED_MODULE_3__/* .formatBytes */ .z3)(need)} of temporary disk but ${dir} has ${(0,_core_format_js__WEBPACK_IMPORTED_MODULE_3__/* .formatBytes */ .z3)(free)} free: free space there or set ${(0,_core_input_ref_js__WEBPACK_IMPORTED_MODULE_2__/* .inputRef */ .i)('temp-dir')} to a larger disk (nothing was downloaded)`);
    }
    ctx.log.info(`temporary disk: ${(0,_core_format_js__WEBPACK_IMPORTED_MODULE_3__/* .formatBytes */ .z3)(need)} needed, ${(0,_core_format_js__WEBPACK_IMPORTED_MODULE_3__/* .formatBytes */ .z3)(free)} free in ${dir}`);
}


/***/ }),

/***/ 6593:
/***/ ((__unused_webpack_module, __webpack_exports__, __webpack_require__) => {

/* harmony export */ __webpack_require__.d(__webpack_exports__, {
/* harmony export */   $: () => (/* binding */ restoreGlobals),
/* harmony export */   u: () => (/* binding */ globalsForRestore)
/* harmony export */ });
/* harmony import */ var node_path__WEBPACK_IMPORTED_MODULE_0__ = __webpack_require__(6760);
/* harmony import */ var node_path__WEBPACK_IMPORTED_MODULE_0___default = /*#__PURE__*/__webpack_require__.n(node_path__WEBPACK_IMPORTED_MODULE_0__);
/* harmony import */ var _core_set_format_js__WEBPACK_IMPORTED_MODULE_1__ = __webpack_require__(887);
/* harmony import */ var _core_errors_js__WEBPACK_IMPORTED_MODULE_2__ = __webpack_require__(4296);
/* harmony import */ var _core_naming_js__WEBPACK_IMPORTED_MODULE_3__ = __webpack_require__(2607);
/* harmony import */ var _postgres_connection_js__WEBPACK_IMPORTED_MODULE_4__ = __webpack_require__(5701);
/* harmony import */ var _postgres_tools_js__WEBPACK_IMPORTED_MODULE_5__ = __webpack_require__(8880);
/* harmony import */ var _s3_describe_error_js__WEBPACK_IMPORTED_MODULE_6__ = __webpack_require__(2974);
/* harmony import */ var _s3_objects_js__WEBPACK_IMPORTED_MODULE_7__ = __webpack_require__(2821);
/* harmony import */ var _fetch_members_js__WEBPACK_IMPORTED_MODULE_8__ = __webpack_require__(3900);
/* harmony import */ var _globals_restore_js__WEBPACK_IMPORTED_MODULE_9__ = __webpack_require__(7229);
/**
 * A restore with its server's globals (with-globals). For one database: the globals backup that belongs with the
 * chosen backup (the set its run wrote, else latest/_globals.json) is brought down and proven like any set member
 * before the target is touched, its roles count in the pre-flight, and it is applied (missing roles only) right
 * before the database is restored. Whole-server restores apply theirs the same way.
 */










/** Applies the plan (one transaction) and says which roles were created and which have no password. */
async function restoreGlobals(o, ctx, bins, plan, g, 
/** The database psql connects to (one that exists: the target may not yet). */
database = o.connection.database) {
    const dbUrl = (0,_postgres_connection_js__WEBPACK_IMPORTED_MODULE_4__/* .connectionUrl */ .C7)(o.connection, database);
    const env = (0,_postgres_connection_js__WEBPACK_IMPORTED_MODULE_4__/* .toolEnv */ .oW)(o.connection, ctx.env);
    await (0,_globals_restore_js__WEBPACK_IMPORTED_MODULE_9__/* .applyGlobals */ .rV)(plan, { psql: bins.psql, dbUrl, env, dir: g.proven.fetched.dir, log: ctx.log });
    ctx.log.info(`globals: created ${plan.created.length ? `roles ${plan.created.join(', ')}` : 'no roles'}${plan.kept.length ? `; left ${plan.kept.join(', ')} as they are` : ''}`);
    const noPasswords = Boolean(g.member.noRolePasswords || g.manifest?.globals?.noRolePasswords);
    const withoutPassword = noPasswords ? plan.login : [];
    if (withoutPassword.length) {
        ctx.log.warning(`globals were backed up without role passwords: ${withoutPassword.join(', ')} can log in but ${withoutPassword.length === 1 ? 'has no password; set it' : 'have no password; set them'} with ALTER ROLE … PASSWORD`, 'Role passwords not restored');
    }
    return { created: plan.created, kept: plan.kept, withoutPassword };
}
const usable = (m) => (m?.status === 'ok' && m.key && m.sha256 ? m : undefined);
function readableSet(text) {
    try {
        return text ? (0,_core_set_format_js__WEBPACK_IMPORTED_MODULE_1__/* .parseBackupSet */ .ud)(text) : undefined;
    }
    catch {
        return undefined;
    }
}
/** The globals of the set whose run wrote `key` (a set is stamped with its run's time, as its members are). */
async function globalsOfSetWith(o, s3, key) {
    const stamp = (0,_core_naming_js__WEBPACK_IMPORTED_MODULE_3__/* .parseBackupKey */ .lG)(key)?.stamp;
    const sets = (await (0,_s3_objects_js__WEBPACK_IMPORTED_MODULE_7__/* .listAll */ ._w)(s3, o.s3.bucket, (0,_core_set_format_js__WEBPACK_IMPORTED_MODULE_1__/* .setsPrefix */ .k$)(o.s3.prefix).replace(/\/$/, '')))
        .map((x) => ({ key: x.key, parsed: (0,_core_set_format_js__WEBPACK_IMPORTED_MODULE_1__/* .parseSetKey */ .FV)(x.key) }))
        .filter((x) => x.parsed?.environment === o.environment && x.parsed.stamp === stamp)
        .sort((a, b) => b.parsed.seq - a.parsed.seq);
    for (const s of sets) {
        const set = readableSet(await (0,_s3_objects_js__WEBPACK_IMPORTED_MODULE_7__/* .getText */ .q4)(s3, o.s3.bucket, s.key));
        if (set?.members.some((m) => m.key === key))
            return usable(set.members.find((m) => m.kind === 'globals'));
    }
    return undefined;
}
/** The globals backup that belongs with `key`: its set's, else the newest (latest/_globals.json); undefined: none. */
async function globalsMemberFor(o, s3, key) {
    const pointerKey = (0,_core_set_format_js__WEBPACK_IMPORTED_MODULE_1__/* .latestNamePointerKey */ .tO)(o.s3.prefix, _core_set_format_js__WEBPACK_IMPORTED_MODULE_1__/* .GLOBALS_NAME */ .X4);
    let where = (0,_core_set_format_js__WEBPACK_IMPORTED_MODULE_1__/* .setsPrefix */ .k$)(o.s3.prefix);
    try {
        const ofSet = await globalsOfSetWith(o, s3, key);
        if (ofSet)
            return ofSet;
        where = pointerKey;
        const text = await (0,_s3_objects_js__WEBPACK_IMPORTED_MODULE_7__/* .getText */ .q4)(s3, o.s3.bucket, pointerKey);
        const pointer = text ? JSON.parse(text) : undefined;
        const base = { kind: 'globals', database: _core_set_format_js__WEBPACK_IMPORTED_MODULE_1__/* .GLOBALS_NAME */ .X4, name: _core_set_format_js__WEBPACK_IMPORTED_MODULE_1__/* .GLOBALS_NAME */ .X4, status: 'ok' };
        return usable(pointer?.key ? { ...base, key: pointer.key, sha256: pointer.sha256, size: pointer.size } : undefined);
    }
    catch (err) {
        if (err instanceof SyntaxError)
            return undefined;
        throw (0,_s3_describe_error_js__WEBPACK_IMPORTED_MODULE_6__/* .describeS3Error */ .ye)(err, { bucket: o.s3.bucket, key: where, endpoint: o.s3.endpoint, action: 'reading' });
    }
}
/**
 * One database's restore with the globals: `choose` (for the pre-flight) decides, and when they are wanted brings
 * them down proven; `apply` restores them (missing roles only); `cleanup` removes what was brought down.
 */
function globalsForRestore(o, ctx, s3, key) {
    const fetched = [];
    let psql = '';
    const choose = async (roles, catalog) => {
        let wanted = false;
        const plan = await (0,_globals_restore_js__WEBPACK_IMPORTED_MODULE_9__/* .globalsToApply */ .GD)(o.withGlobals, roles, catalog, async () => {
            wanted = true;
            const member = await globalsMemberFor(o, s3, key);
            if (!member)
                return undefined;
            fetched.push(...(await (0,_fetch_members_js__WEBPACK_IMPORTED_MODULE_8__/* .fetchMembers */ .O$)(o, ctx, s3, [member])));
            psql = await psqlBin(o, ctx);
            return (0,_fetch_members_js__WEBPACK_IMPORTED_MODULE_8__/* .readGlobalsSql */ .VU)(fetched[0]);
        }, true);
        const none = `no globals backup was found for ${key} (s3://${o.s3.bucket}/${(0,_core_set_format_js__WEBPACK_IMPORTED_MODULE_1__/* .setsPrefix */ .k$)(o.s3.prefix)}, ${(0,_core_set_format_js__WEBPACK_IMPORTED_MODULE_1__/* .latestNamePointerKey */ .tO)(o.s3.prefix, _core_set_format_js__WEBPACK_IMPORTED_MODULE_1__/* .GLOBALS_NAME */ .X4)})`;
        if (wanted && !plan && o.withGlobals === 'true')
            throw new _core_errors_js__WEBPACK_IMPORTED_MODULE_2__/* .UserError */ .yo(`with-globals: ${none}`);
        return { plan, note: wanted && !plan ? none : undefined };
    };
    return {
        choose: o.withGlobals === 'false' ? undefined : choose,
        apply: async (plan, database) => {
            if (plan)
                await restoreGlobals(o, ctx, { psql }, plan, fetched[0], database);
        },
        cleanup: () => (0,_fetch_members_js__WEBPACK_IMPORTED_MODULE_8__/* .cleanupMembers */ .e9)(fetched),
    };
}
async function psqlBin(o, ctx) {
    const bin = await (0,_postgres_tools_js__WEBPACK_IMPORTED_MODULE_5__/* .findPgBin */ .mQ)({
        tool: 'psql',
        required: 0,
        pgBinDir: o.pgBinDir,
        because: 'the globals are restored with psql',
        install: ctx.installClient,
    });
    return node_path__WEBPACK_IMPORTED_MODULE_0___default().join(bin.dir, 'psql');
}


/***/ }),

/***/ 8987:
/***/ ((__unused_webpack_module, __webpack_exports__, __webpack_require__) => {

/* harmony export */ __webpack_require__.d(__webpack_exports__, {
/* harmony export */   NT: () => (/* binding */ tierBeforeUpload),
/* harmony export */   Np: () => (/* binding */ afterBackup),
/* harmony export */   WB: () => (/* binding */ tieredParams)
/* harmony export */ });
/* harmony import */ var _bucket_audit_js__WEBPACK_IMPORTED_MODULE_0__ = __webpack_require__(6541);
/* harmony import */ var _core_plan_js__WEBPACK_IMPORTED_MODULE_1__ = __webpack_require__(4620);
/* harmony import */ var _s3_objects_js__WEBPACK_IMPORTED_MODULE_2__ = __webpack_require__(2821);
/* harmony import */ var _core_select_js__WEBPACK_IMPORTED_MODULE_3__ = __webpack_require__(3295);
/* harmony import */ var _core_retention_cost_js__WEBPACK_IMPORTED_MODULE_4__ = __webpack_require__(8421);
/* harmony import */ var _core_retention_lifecycle_rules_js__WEBPACK_IMPORTED_MODULE_5__ = __webpack_require__(5388);
/* harmony import */ var _core_retention_policy_js__WEBPACK_IMPORTED_MODULE_6__ = __webpack_require__(2738);
/* harmony import */ var _prune_js__WEBPACK_IMPORTED_MODULE_7__ = __webpack_require__(2494);
/* harmony import */ var _core_errors_js__WEBPACK_IMPORTED_MODULE_8__ = __webpack_require__(4296);









/**
 * The backups of one run (a database and its globals, a set's members) share the run's key time, one Date object:
 * they share one listing of the prefix too, taken by the first of them (a failed listing is not kept: the next asks
 * again). The earlier backups it finds are the same for all of them.
 */
const listings = new WeakMap();
function listedOnce(at, where, list) {
    const run = listings.get(at) ?? new Map();
    listings.set(at, run);
    const known = run.get(where);
    if (known)
        return known;
    const listing = list();
    run.set(where, listing);
    listing.catch(() => run.delete(where));
    return listing;
}
const whereOf = (o) => `${o.s3.endpoint ?? ''} ${o.s3.bucket} ${o.s3.prefix}`;
/** The first backup of a new year is yearly, of a new month monthly, of a new ISO week weekly; else daily. */
async function tierBeforeUpload(s3, o, name, at) {
    const objects = await listedOnce(at, whereOf(o), () => (0,_s3_objects_js__WEBPACK_IMPORTED_MODULE_2__/* .listAll */ ._w)(s3, o.s3.bucket, o.s3.prefix));
    const earlier = (0,_core_select_js__WEBPACK_IMPORTED_MODULE_3__/* .backupsIn */ .JL)(objects, { name, environment: o.environment })
        .filter((b) => b.prefix === o.s3.prefix && b.hasChecksum)
        .map((b) => b.at);
    return (0,_core_retention_policy_js__WEBPACK_IMPORTED_MODULE_6__/* .tierFor */ .ic)(at, earlier);
}
const DAY_MS = 86_400_000;
/** Upload parameters of the backup and its two sidecars: the tier tag (or metadata) and the Object Lock. */
function tieredParams(o, common, tier, at) {
    const tags = { ...o.tags, [_core_retention_policy_js__WEBPACK_IMPORTED_MODULE_6__/* .TIER_TAG */ .AM]: tier };
    const out = { ...common };
    if (o.s3.provider.tagging)
        out.Tagging = (0,_core_plan_js__WEBPACK_IMPORTED_MODULE_1__/* .taggingHeader */ .tS)(tags);
    else {
        // no object tagging at this provider: the same facts as metadata (x-amz-meta-*)
        delete out.Tagging;
        out.Metadata = { ...(out.Metadata ?? {}), ...tags };
    }
    if (o.objectLock) {
        out.ObjectLockMode = o.objectLock.mode;
        out.ObjectLockRetainUntilDate = new Date(at.getTime() + o.objectLock.days[tier] * DAY_MS);
    }
    return out;
}
async function afterBackup(o, ctx, s3, b) {
    const out = { tier: b.tier };
    const listing = listings.get(b.at)?.get(whereOf(o));
    if (o.retention) {
        try {
            out.prune = await (0,_prune_js__WEBPACK_IMPORTED_MODULE_7__/* .prune */ .R)({ ...o, name: b.name, policy: o.retention, dryRun: false }, ctx, s3);
            ctx.log.info((0,_prune_js__WEBPACK_IMPORTED_MODULE_7__/* .pruneText */ .a)(out.prune));
        }
        catch (err) {
            out.pruneError = err;
        }
    }
    try {
        const policy = o.retention ?? _core_retention_policy_js__WEBPACK_IMPORTED_MODULE_6__/* .DEFAULT_POLICY */ .zj;
        const sizeGB = b.size / 1e9;
        if (o.retention) {
            out.cost = {
                estimate: (0,_core_retention_cost_js__WEBPACK_IMPORTED_MODULE_4__/* .price */ .q9)((0,_core_retention_cost_js__WEBPACK_IMPORTED_MODULE_4__/* .simulate */ .JV)({ kind: 'prune', policy }, o.storageClass, _core_retention_lifecycle_rules_js__WEBPACK_IMPORTED_MODULE_5__/* .DEFAULT_NONCURRENT_DAYS */ .X2), sizeGB, o.prices, 'prune'),
                policy,
                how: `retention ${(0,_core_retention_policy_js__WEBPACK_IMPORTED_MODULE_6__/* .describePolicy */ .wy)(policy)}, pruned after each daily backup`,
            };
        }
        else {
            const plans = (0,_core_retention_lifecycle_rules_js__WEBPACK_IMPORTED_MODULE_5__/* .tierPlans */ .Xs)(policy, o.s3.provider, true, {
                uploadClass: o.storageClass,
                prices: o.prices,
                noncurrentDays: _core_retention_lifecycle_rules_js__WEBPACK_IMPORTED_MODULE_5__/* .DEFAULT_NONCURRENT_DAYS */ .X2,
            });
            const lives = (0,_core_retention_cost_js__WEBPACK_IMPORTED_MODULE_4__/* .simulate */ .JV)({ kind: 'lifecycle', policy, transitions: true, archive: o.s3.provider.archive, plans }, o.storageClass, _core_retention_lifecycle_rules_js__WEBPACK_IMPORTED_MODULE_5__/* .DEFAULT_NONCURRENT_DAYS */ .X2);
            out.cost = {
                estimate: (0,_core_retention_cost_js__WEBPACK_IMPORTED_MODULE_4__/* .price */ .q9)(lives, sizeGB, o.prices, 'lifecycle'),
                policy,
                how: `lifecycle rules by tier (${(0,_core_retention_policy_js__WEBPACK_IMPORTED_MODULE_6__/* .describePolicy */ .wy)(policy)}), one backup a day`,
            };
        }
    }
    catch (err) {
        ctx.log.warning(`no cost estimate: ${(0,_core_errors_js__WEBPACK_IMPORTED_MODULE_8__/* .errorMessage */ .gJ)(err)}`);
    }
    if (o.audit) {
        try {
            out.audit = await (0,_bucket_audit_js__WEBPACK_IMPORTED_MODULE_0__/* .audit */ .s)(o, ctx, s3);
        }
        catch (err) {
            ctx.log.warning(`bucket audit failed: ${(0,_core_errors_js__WEBPACK_IMPORTED_MODULE_8__/* .errorMessage */ .gJ)(err)}`);
        }
    }
    const listed = listing && !out.pruneError && !out.prune?.deleted ? await listing.catch(() => undefined) : undefined;
    if (listed)
        out.earlier = listed;
    return out;
}


/***/ }),

/***/ 2494:
/***/ ((__unused_webpack_module, __webpack_exports__, __webpack_require__) => {

/* harmony export */ __webpack_require__.d(__webpack_exports__, {
/* harmony export */   R: () => (/* binding */ prune),
/* harmony export */   a: () => (/* binding */ pruneText)
/* harmony export */ });
/* harmony import */ var _core_format_js__WEBPACK_IMPORTED_MODULE_9__ = __webpack_require__(6228);
/* harmony import */ var _core_errors_js__WEBPACK_IMPORTED_MODULE_0__ = __webpack_require__(4296);
/* harmony import */ var _core_manifest_js__WEBPACK_IMPORTED_MODULE_10__ = __webpack_require__(4414);
/* harmony import */ var _core_naming_js__WEBPACK_IMPORTED_MODULE_1__ = __webpack_require__(2607);
/* harmony import */ var _core_streams_js__WEBPACK_IMPORTED_MODULE_11__ = __webpack_require__(894);
/* harmony import */ var _s3_bucket_js__WEBPACK_IMPORTED_MODULE_2__ = __webpack_require__(4358);
/* harmony import */ var _s3_client_js__WEBPACK_IMPORTED_MODULE_3__ = __webpack_require__(4181);
/* harmony import */ var _s3_describe_error_js__WEBPACK_IMPORTED_MODULE_4__ = __webpack_require__(2974);
/* harmony import */ var _s3_objects_js__WEBPACK_IMPORTED_MODULE_5__ = __webpack_require__(2821);
/* harmony import */ var _core_select_js__WEBPACK_IMPORTED_MODULE_6__ = __webpack_require__(3295);
/* harmony import */ var _core_stale_claims_js__WEBPACK_IMPORTED_MODULE_7__ = __webpack_require__(6446);
/* harmony import */ var _core_retention_policy_js__WEBPACK_IMPORTED_MODULE_8__ = __webpack_require__(2738);
/**
 * prune: the retention policy applied to the backups under a prefix. Only keys this tool wrote (a backup key of the
 * configured environment, its .sha256 and .meta) directly under the prefix are ever touched; backups are grouped per
 * database; the newest good backup and the one latest.json names always stay; a backup that Object Lock protects is
 * "kept, locked", never a failure. Objects go first, then their sidecars, so an interrupted prune leaves at worst
 * an orphaned sidecar (removed by the next run), never a backup without its checksum.
 */












const MANIFEST_READS = 8;
async function mapLimit(items, limit, fn) {
    const out = new Array(items.length);
    let next = 0;
    await Promise.all(Array.from({ length: Math.min(limit, items.length) }, async () => {
        while (next < items.length) {
            const i = next++;
            out[i] = await fn(items[i]);
        }
    }));
    return out;
}
/** The plan line for one backup: "keep   <key>  newest good backup, keep-daily #1 (2025-01-03)". */
function planLine(b, dryRun) {
    if (b.locked)
        return `keep    ${b.key}  locked: ${b.locked}`;
    if (b.keep)
        return `keep    ${b.key}  ${b.reasons.map(_core_retention_policy_js__WEBPACK_IMPORTED_MODULE_8__/* .formatReason */ .K9).join(', ')}`;
    const verb = dryRun ? 'delete' : b.deleted ? 'deleted' : 'delete';
    return `${verb.padEnd(7)} ${b.key}  ${b.why === 'incomplete' ? 'incomplete (no checksum sidecar)' : 'no rule keeps it'}`;
}
async function prune(o, ctx, client) {
    const s3 = client ?? (0,_s3_client_js__WEBPACK_IMPORTED_MODULE_3__/* .clientFor */ .$)(ctx, o.s3);
    const found = await readBackups(s3, o);
    const { plan, orphans } = planPrune(found, o, ctx.now());
    ctx.log.info(`retention: ${(0,_core_retention_policy_js__WEBPACK_IMPORTED_MODULE_8__/* .describePolicy */ .wy)(o.policy)}; ${(0,_core_format_js__WEBPACK_IMPORTED_MODULE_9__/* .plural */ .LS)(found.entries.length, 'backup')} under s3://${o.s3.bucket}/${o.s3.prefix}/` +
        (found.latestKey ? `, latest.json → ${found.latestKey}` : ''));
    const doomed = plan.filter((b) => !b.keep);
    if (!o.dryRun && (doomed.length || orphans.length))
        await applyPrune(s3, o, ctx, { doomed, orphans, present: new Set(found.objects.map((x) => x.key)) });
    const claims = (0,_core_stale_claims_js__WEBPACK_IMPORTED_MODULE_7__/* .staleClaims */ .Ds)(found.objects, o.s3.prefix, ctx.now());
    if (!o.dryRun)
        await deleteLeftovers(s3, o, ctx, claims, 'leftover claims');
    const locked = plan.filter((b) => b.locked).length;
    const deleted = plan.filter((b) => b.deleted).length;
    const kept = plan.length - (o.dryRun ? doomed.length : deleted);
    return { plan, kept, deleted, locked, orphans, claims, dryRun: o.dryRun };
}
/** Every object under the prefix, the backups among them with their times, and what latest.json names. */
async function readBackups(s3, o) {
    const bucket = o.s3.bucket;
    const s3Error = (0,_s3_describe_error_js__WEBPACK_IMPORTED_MODULE_4__/* .s3ErrorsOf */ .z7)(o.s3);
    let objects;
    let pointer;
    try {
        [objects, pointer] = await Promise.all([
            (0,_s3_objects_js__WEBPACK_IMPORTED_MODULE_5__/* .listAll */ ._w)(s3, bucket, o.s3.prefix),
            (0,_s3_objects_js__WEBPACK_IMPORTED_MODULE_5__/* .getText */ .q4)(s3, bucket, (0,_core_naming_js__WEBPACK_IMPORTED_MODULE_1__/* .latestPointerKey */ .OV)(o.s3.prefix)),
        ]);
    }
    catch (err) {
        throw s3Error(err, 'listing', o.s3.prefix);
    }
    // only backups directly under the prefix: a nested folder belongs to another configuration
    const entries = (0,_core_select_js__WEBPACK_IMPORTED_MODULE_6__/* .backupsIn */ .JL)(objects, { name: o.name, environment: o.environment, withGlobals: true }).filter((e) => e.prefix === o.s3.prefix);
    const times = await mapLimit(entries, MANIFEST_READS, async (e) => {
        if (!e.hasManifest)
            return e.at;
        try {
            const text = await (0,_s3_objects_js__WEBPACK_IMPORTED_MODULE_5__/* .getText */ .q4)(s3, bucket, (0,_core_naming_js__WEBPACK_IMPORTED_MODULE_1__/* .manifestKey */ .Rn)(e.key));
            const started = text ? Date.parse((0,_core_manifest_js__WEBPACK_IMPORTED_MODULE_10__/* .parseManifest */ .Ng)(text).startedAt) : NaN;
            return Number.isNaN(started) ? e.at : new Date(started);
        }
        catch (err) {
            if ((0,_s3_describe_error_js__WEBPACK_IMPORTED_MODULE_4__/* .describeS3Error */ .ye)(err, { bucket, action: 'reading' }) instanceof _core_errors_js__WEBPACK_IMPORTED_MODULE_0__/* .UserError */ .yo)
                throw s3Error(err, 'reading', (0,_core_naming_js__WEBPACK_IMPORTED_MODULE_1__/* .manifestKey */ .Rn)(e.key));
            return e.at; // an unreadable manifest: the key's time
        }
    });
    return { objects, entries, times, latestKey: (0,_core_manifest_js__WEBPACK_IMPORTED_MODULE_10__/* .latestKeyOf */ .cn)(pointer) };
}
/** The plan (pure): per database the policy's decision for each backup, and the sidecars whose backup is gone. */
function planPrune(found, o, now) {
    const byStem = new Map();
    found.entries.forEach((e, i) => {
        const list = byStem.get(e.stem) ?? [];
        list.push({ key: e.key, at: found.times[i], good: e.hasChecksum });
        byStem.set(e.stem, list);
    });
    const plan = [];
    for (const [stem, backups] of [...byStem.entries()].sort()) {
        for (const d of (0,_core_retention_policy_js__WEBPACK_IMPORTED_MODULE_8__/* .selectRetention */ .Ri)(backups, o.policy, { latestKey: found.latestKey, now }))
            plan.push({ ...d, stem });
    }
    const present = new Set(found.objects.map((x) => x.key));
    const backupKeys = new Set(found.entries.map((e) => e.key));
    const orphans = found.objects
        .map((x) => x.key)
        .filter((k) => /\.(sha256|meta)$/.test(k) || (0,_core_streams_js__WEBPACK_IMPORTED_MODULE_11__/* .parsePartKey */ .MV)(k))
        .filter((k) => {
        // a sidecar, or a multi-stream backup's data part (and its .sha256), whose backup is gone
        const bare = k.replace(/\.(sha256|meta)$/, '');
        const parsed = (0,_core_naming_js__WEBPACK_IMPORTED_MODULE_1__/* .parseBackupKey */ .lG)((0,_core_streams_js__WEBPACK_IMPORTED_MODULE_11__/* .parsePartKey */ .MV)(bare)?.backupKey ?? bare);
        return (parsed &&
            parsed.prefix === o.s3.prefix &&
            !present.has(parsed.key) &&
            !backupKeys.has(parsed.key) &&
            (o.name ? parsed.stem === `${o.name}_${o.environment}` : parsed.stem.endsWith(`_${o.environment}`)));
    });
    return { plan, orphans };
}
/** Deletes what the plan dooms, except what Object Lock protects; objects first, then their sidecars. */
async function applyPrune(s3, o, ctx, p) {
    await markLocked(s3, o, p.doomed, ctx.now(), p.present);
    const gone = await deleteBackups(s3, o, ctx, p.doomed.filter((b) => !b.locked));
    for (const b of gone)
        b.deleted = true;
    await deleteLeftovers(s3, o, ctx, [
        ...gone.flatMap((b) => [(0,_core_naming_js__WEBPACK_IMPORTED_MODULE_1__/* .checksumKey */ .Rq)(b.key), (0,_core_naming_js__WEBPACK_IMPORTED_MODULE_1__/* .manifestKey */ .Rn)(b.key)]).filter((k) => p.present.has(k)),
        // a multi-stream backup's data parts and their .sha256 go with it
        ...[...p.present].filter((k) => gone.some((b) => (0,_core_streams_js__WEBPACK_IMPORTED_MODULE_11__/* .parsePartKey */ .MV)(k.replace(/\.sha256$/, ''))?.backupKey === b.key)),
        ...p.orphans,
    ]);
}
/**
 * Marks the backups Object Lock protects (a legal hold, a retention date still ahead); they are not deleted. A
 * multi-stream backup is protected when any of its parts is: all of it is checked before anything of it goes.
 */
async function markLocked(s3, o, doomed, now, present) {
    const partsOf = new Map();
    for (const k of [...present].sort()) {
        const owner = (0,_core_streams_js__WEBPACK_IMPORTED_MODULE_11__/* .parsePartKey */ .MV)(k)?.backupKey;
        if (owner)
            partsOf.set(owner, [...(partsOf.get(owner) ?? []), k]);
    }
    // Object Lock: a plain delete in a versioned bucket would only hide a locked backup behind a delete marker
    for (const b of doomed) {
        for (const key of [b.key, ...(partsOf.get(b.key) ?? [])]) {
            let lock;
            try {
                lock = await (0,_s3_bucket_js__WEBPACK_IMPORTED_MODULE_2__/* .objectLockOf */ .UF)(s3, o.s3.bucket, key);
            }
            catch (err) {
                throw (0,_s3_describe_error_js__WEBPACK_IMPORTED_MODULE_4__/* .s3ErrorsOf */ .z7)(o.s3)(err, 'reading the retention of', key);
            }
            const part = key === b.key ? '' : ` (its part ${(0,_core_naming_js__WEBPACK_IMPORTED_MODULE_1__/* .basename */ .P8)(key)})`;
            if (lock?.legalHold)
                b.locked = `legal hold${part}`;
            else if (lock?.until && lock.until.getTime() > now.getTime())
                b.locked = `${lock.mode ?? 'retention'} until ${lock.until.toISOString()}${part}`;
            if (b.locked)
                break;
        }
    }
}
/** Deletes the backups; one refused by Object Lock is marked locked, another refusal fails. Returns those deleted. */
async function deleteBackups(s3, o, ctx, go) {
    const bucket = o.s3.bucket;
    let result;
    try {
        result = await (0,_s3_bucket_js__WEBPACK_IMPORTED_MODULE_2__/* .deleteMany */ .RQ)(s3, bucket, go.map((b) => b.key), o.s3.provider.bulkDelete);
    }
    catch (err) {
        throw (0,_s3_describe_error_js__WEBPACK_IMPORTED_MODULE_4__/* .s3ErrorsOf */ .z7)(o.s3)(err, 'deleting under', o.s3.prefix);
    }
    if (result.singleAfterBatchRefused) {
        ctx.log.info(`the server refused a batch delete (${result.singleAfterBatchRefused}); deleted one key at a time instead`);
    }
    const refused = new Map(result.failed.map((f) => [f.key, f]));
    for (const b of go) {
        const f = refused.get(b.key);
        if (!f)
            continue;
        if (/lock|retention|WORM/i.test(`${f.code} ${f.message}`))
            b.locked = `refused by Object Lock (${f.code})`;
        else
            throw new _core_errors_js__WEBPACK_IMPORTED_MODULE_0__/* .UserError */ .yo(`prune: deleting s3://${bucket}/${b.key} was refused (${f.code}): grant s3:DeleteObject on the prefix (iam-policy --allow-delete) or let lifecycle rules expire backups instead`);
    }
    return go.filter((b) => !b.locked);
}
/** Deletes sidecars (of deleted backups, orphaned) or leftover claims; a failure is a warning (the next prune retries). */
async function deleteLeftovers(s3, o, ctx, keys, what = 'sidecars') {
    if (!keys.length)
        return;
    const r = await (0,_s3_bucket_js__WEBPACK_IMPORTED_MODULE_2__/* .deleteMany */ .RQ)(s3, o.s3.bucket, keys, o.s3.provider.bulkDelete).catch((err) => {
        throw (0,_s3_describe_error_js__WEBPACK_IMPORTED_MODULE_4__/* .s3ErrorsOf */ .z7)(o.s3)(err, `deleting ${what} under`, o.s3.prefix);
    });
    if (r.failed.length)
        ctx.log.warning(`could not delete ${r.failed.length} ${what} (e.g. ${r.failed[0].key}: ${r.failed[0].code}); the next prune retries`);
}
/** The plan, one line a backup and an orphaned sidecar, then the totals. */
function pruneText(r) {
    const doomed = r.plan.filter((b) => !b.keep).length;
    return [
        ...r.plan.map((b) => planLine(b, r.dryRun)),
        ...r.orphans.map((k) => `${r.dryRun ? 'delete ' : 'deleted'} ${k}  orphaned sidecar (its backup is gone)`),
        ...r.claims.map((k) => `${r.dryRun ? 'delete ' : 'deleted'} ${k}  claim left by a run that did not end cleanly`),
        r.dryRun
            ? `dry run: would keep ${r.plan.length - doomed}, delete ${doomed} (nothing was deleted)`
            : `kept ${r.plan.length - r.deleted}${r.locked ? ` (${r.locked} locked)` : ''}, deleted ${r.deleted} with their sidecars`,
    ].join('\n');
}


/***/ }),

/***/ 100:
/***/ ((__unused_webpack_module, __webpack_exports__, __webpack_require__) => {

/* harmony export */ __webpack_require__.d(__webpack_exports__, {
/* harmony export */   N: () => (/* binding */ headTier),
/* harmony export */   Y: () => (/* binding */ requestRestore)
/* harmony export */ });
/* harmony import */ var _aws_sdk_client_s3__WEBPACK_IMPORTED_MODULE_1__ = __webpack_require__(3711);
/* harmony import */ var _describe_error_js__WEBPACK_IMPORTED_MODULE_0__ = __webpack_require__(2974);
/** Archive tiers and replication status as S3 reports them: HeadObject's headers, and the restore request. */


async function headTier(client, bucket, key) {
    const h = await client.send(new _aws_sdk_client_s3__WEBPACK_IMPORTED_MODULE_1__.HeadObjectCommand({ Bucket: bucket, Key: key }));
    return {
        storageClass: h.StorageClass,
        restore: h.Restore,
        archiveStatus: h.ArchiveStatus,
        replicationStatus: h.ReplicationStatus,
    };
}
/**
 * RestoreObject: 'requested' (202, or 200 when a restored copy exists and its expiry was extended),
 * 'in-progress' (409 RestoreAlreadyInProgress: an earlier request is still running), 'not-archived' (403
 * InvalidObjectState / ObjectAlreadyInActiveTierError: the object is readable as it is).
 */
async function requestRestore(client, o) {
    try {
        await client.send(new _aws_sdk_client_s3__WEBPACK_IMPORTED_MODULE_1__.RestoreObjectCommand({
            Bucket: o.bucket,
            Key: o.key,
            // Intelligent-Tiering restores move the object back to its frequent tier: Days is refused there
            RestoreRequest: {
                ...(o.intelligentTiering ? {} : { Days: o.days }),
                GlacierJobParameters: { Tier: o.tier },
            },
        }));
        return 'requested';
    }
    catch (err) {
        const code = (0,_describe_error_js__WEBPACK_IMPORTED_MODULE_0__/* .s3ErrorCode */ .az)(err);
        if (code === 'RestoreAlreadyInProgress')
            return 'in-progress';
        if (code === 'InvalidObjectState' || code === 'ObjectAlreadyInActiveTierError')
            return 'not-archived';
        throw err;
    }
}


/***/ }),

/***/ 4358:
/***/ ((__unused_webpack_module, __webpack_exports__, __webpack_require__) => {

/* harmony export */ __webpack_require__.d(__webpack_exports__, {
/* harmony export */   E7: () => (/* binding */ getObjectLockEnabled),
/* harmony export */   JK: () => (/* binding */ getLifecycle),
/* harmony export */   Qi: () => (/* binding */ enableVersioning),
/* harmony export */   RQ: () => (/* binding */ deleteMany),
/* harmony export */   UF: () => (/* binding */ objectLockOf),
/* harmony export */   Vz: () => (/* binding */ getVersioning),
/* harmony export */   Ys: () => (/* binding */ getEncryption),
/* harmony export */   dz: () => (/* binding */ putEncryption),
/* harmony export */   gW: () => (/* binding */ putLifecycle),
/* harmony export */   gb: () => (/* binding */ md5Base64),
/* harmony export */   he: () => (/* binding */ ensureBucket),
/* harmony export */   nu: () => (/* binding */ ALL_BLOCKED),
/* harmony export */   qf: () => (/* binding */ enableObjectLock),
/* harmony export */   s2: () => (/* binding */ putPublicAccessBlock),
/* harmony export */   xO: () => (/* binding */ getPublicAccessBlock)
/* harmony export */ });
/* harmony import */ var node_crypto__WEBPACK_IMPORTED_MODULE_0__ = __webpack_require__(7598);
/* harmony import */ var node_crypto__WEBPACK_IMPORTED_MODULE_0___default = /*#__PURE__*/__webpack_require__.n(node_crypto__WEBPACK_IMPORTED_MODULE_0__);
/* harmony import */ var _aws_sdk_client_s3__WEBPACK_IMPORTED_MODULE_3__ = __webpack_require__(3711);
/* harmony import */ var _core_errors_js__WEBPACK_IMPORTED_MODULE_1__ = __webpack_require__(4296);
/* harmony import */ var _describe_error_js__WEBPACK_IMPORTED_MODULE_2__ = __webpack_require__(2974);
/** Bucket settings and batch deletes: the SDK calls behind bucket init, audit, lifecycle and prune. */




const ALL_BLOCKED = {
    BlockPublicAcls: true,
    IgnorePublicAcls: true,
    BlockPublicPolicy: true,
    RestrictPublicBuckets: true,
};
/** 'created', or 'exists' when the bucket is already ours (idempotent). */
async function ensureBucket(client, bucket, region, objectLock) {
    try {
        await client.send(new _aws_sdk_client_s3__WEBPACK_IMPORTED_MODULE_3__.HeadBucketCommand({ Bucket: bucket }));
        return 'exists';
    }
    catch (err) {
        if (!(0,_describe_error_js__WEBPACK_IMPORTED_MODULE_2__/* .isNotFound */ .c4)(err))
            throw err;
    }
    try {
        await client.send(new _aws_sdk_client_s3__WEBPACK_IMPORTED_MODULE_3__.CreateBucketCommand({
            Bucket: bucket,
            ...(region && region !== 'us-east-1' && region !== 'auto'
                ? { CreateBucketConfiguration: { LocationConstraint: region } }
                : {}),
            ...(objectLock ? { ObjectLockEnabledForBucket: true } : {}),
        }));
        return 'created';
    }
    catch (err) {
        if ((0,_describe_error_js__WEBPACK_IMPORTED_MODULE_2__/* .s3ErrorCode */ .az)(err) === 'BucketAlreadyOwnedByYou')
            return 'exists';
        throw err;
    }
}
async function getVersioning(client, bucket) {
    return (await client.send(new _aws_sdk_client_s3__WEBPACK_IMPORTED_MODULE_3__.GetBucketVersioningCommand({ Bucket: bucket }))).Status;
}
async function enableVersioning(client, bucket) {
    await client.send(new _aws_sdk_client_s3__WEBPACK_IMPORTED_MODULE_3__.PutBucketVersioningCommand({ Bucket: bucket, VersioningConfiguration: { Status: 'Enabled' } }));
}
/** The default encryption rule, or undefined when the bucket has none. */
async function getEncryption(client, bucket) {
    try {
        const out = await client.send(new _aws_sdk_client_s3__WEBPACK_IMPORTED_MODULE_3__.GetBucketEncryptionCommand({ Bucket: bucket }));
        const rule = out.ServerSideEncryptionConfiguration?.Rules?.[0]?.ApplyServerSideEncryptionByDefault;
        return rule?.SSEAlgorithm ? { algorithm: rule.SSEAlgorithm, kmsKeyId: rule.KMSMasterKeyID } : undefined;
    }
    catch (err) {
        if ((0,_describe_error_js__WEBPACK_IMPORTED_MODULE_2__/* .s3ErrorCode */ .az)(err) === 'ServerSideEncryptionConfigurationNotFoundError')
            return undefined;
        throw err;
    }
}
async function putEncryption(client, bucket, sse, kmsKeyId) {
    const config = {
        Rules: [
            {
                ApplyServerSideEncryptionByDefault: { SSEAlgorithm: sse, ...(kmsKeyId ? { KMSMasterKeyID: kmsKeyId } : {}) },
                ...(sse === 'aws:kms' ? { BucketKeyEnabled: true } : {}),
            },
        ],
    };
    await client.send(new _aws_sdk_client_s3__WEBPACK_IMPORTED_MODULE_3__.PutBucketEncryptionCommand({ Bucket: bucket, ServerSideEncryptionConfiguration: config }));
}
async function getPublicAccessBlock(client, bucket) {
    try {
        return (await client.send(new _aws_sdk_client_s3__WEBPACK_IMPORTED_MODULE_3__.GetPublicAccessBlockCommand({ Bucket: bucket }))).PublicAccessBlockConfiguration;
    }
    catch (err) {
        if ((0,_describe_error_js__WEBPACK_IMPORTED_MODULE_2__/* .s3ErrorCode */ .az)(err) === 'NoSuchPublicAccessBlockConfiguration')
            return undefined;
        throw err;
    }
}
async function putPublicAccessBlock(client, bucket, config) {
    await client.send(new _aws_sdk_client_s3__WEBPACK_IMPORTED_MODULE_3__.PutPublicAccessBlockCommand({ Bucket: bucket, PublicAccessBlockConfiguration: config }));
}
async function getLifecycle(client, bucket) {
    try {
        return (await client.send(new _aws_sdk_client_s3__WEBPACK_IMPORTED_MODULE_3__.GetBucketLifecycleConfigurationCommand({ Bucket: bucket }))).Rules ?? [];
    }
    catch (err) {
        if ((0,_describe_error_js__WEBPACK_IMPORTED_MODULE_2__/* .s3ErrorCode */ .az)(err) === 'NoSuchLifecycleConfiguration')
            return [];
        throw err;
    }
}
async function putLifecycle(client, bucket, rules) {
    await client.send(new _aws_sdk_client_s3__WEBPACK_IMPORTED_MODULE_3__.PutBucketLifecycleConfigurationCommand({ Bucket: bucket, LifecycleConfiguration: { Rules: rules } }));
}
async function getObjectLockEnabled(client, bucket) {
    try {
        const out = await client.send(new _aws_sdk_client_s3__WEBPACK_IMPORTED_MODULE_3__.GetObjectLockConfigurationCommand({ Bucket: bucket }));
        return out.ObjectLockConfiguration?.ObjectLockEnabled === 'Enabled';
    }
    catch (err) {
        if ((0,_describe_error_js__WEBPACK_IMPORTED_MODULE_2__/* .s3ErrorCode */ .az)(err) === 'ObjectLockConfigurationNotFoundError')
            return false;
        throw err;
    }
}
/** Turns Object Lock on for an existing (versioned) bucket: AWS allows it since 2023; many servers refuse. */
async function enableObjectLock(client, bucket) {
    await client.send(new _aws_sdk_client_s3__WEBPACK_IMPORTED_MODULE_3__.PutObjectLockConfigurationCommand({
        Bucket: bucket,
        ObjectLockConfiguration: { ObjectLockEnabled: 'Enabled' },
    }));
}
/** Object Lock state of one object; undefined fields when none (or when GetObjectRetention is not granted). */
async function objectLockOf(client, bucket, key) {
    try {
        const head = await client.send(new _aws_sdk_client_s3__WEBPACK_IMPORTED_MODULE_3__.HeadObjectCommand({ Bucket: bucket, Key: key }));
        return {
            mode: head.ObjectLockMode,
            until: head.ObjectLockRetainUntilDate,
            legalHold: head.ObjectLockLegalHoldStatus === 'ON',
        };
    }
    catch (err) {
        if ((0,_describe_error_js__WEBPACK_IMPORTED_MODULE_2__/* .isNotFound */ .c4)(err))
            return undefined;
        throw err;
    }
}
/**
 * Deletes keys in batches of 1,000 (DeleteObjects), or one request per key where the provider has no bulk delete.
 * Per-key failures are returned, not thrown: the caller decides what a refusal means (Object Lock → kept). A batch
 * refused as a whole (AccessDenied: Ceph RGW 16 checks s3:DeleteObject on the bucket, not on each key, so a
 * prefix-scoped policy fails there; NotImplemented: servers without multi-delete) is retried key by key.
 */
async function deleteMany(client, bucket, keys, bulk) {
    const deleted = [];
    const failed = [];
    const one = async (key) => {
        try {
            await client.send(new _aws_sdk_client_s3__WEBPACK_IMPORTED_MODULE_3__.DeleteObjectCommand({ Bucket: bucket, Key: key }));
            deleted.push(key);
        }
        catch (err) {
            const code = (0,_describe_error_js__WEBPACK_IMPORTED_MODULE_2__/* .s3ErrorCode */ .az)(err) ?? 'Error';
            if (!['AccessDenied', 'ObjectLocked', 'InvalidRequest'].includes(code))
                throw err;
            failed.push({ key, code, message: (0,_core_errors_js__WEBPACK_IMPORTED_MODULE_1__/* .errorMessage */ .gJ)(err) });
        }
    };
    let refused;
    for (let i = 0; i < keys.length; i += 1000) {
        const batch = keys.slice(i, i + 1000);
        if (!bulk || refused) {
            for (const key of batch)
                await one(key);
            continue;
        }
        let out;
        try {
            out = await client.send(new _aws_sdk_client_s3__WEBPACK_IMPORTED_MODULE_3__.DeleteObjectsCommand({ Bucket: bucket, Delete: { Objects: batch.map((Key) => ({ Key })), Quiet: false } }));
        }
        catch (err) {
            const code = (0,_describe_error_js__WEBPACK_IMPORTED_MODULE_2__/* .s3ErrorCode */ .az)(err);
            if (code !== 'AccessDenied' && code !== 'NotImplemented')
                throw err;
            refused = code;
            for (const key of batch)
                await one(key);
            continue;
        }
        for (const d of out.Deleted ?? [])
            if (d.Key)
                deleted.push(d.Key);
        for (const e of out.Errors ?? [])
            failed.push({ key: e.Key ?? '', code: e.Code ?? 'Error', message: e.Message ?? '' });
    }
    return { deleted, failed, ...(refused ? { singleAfterBatchRefused: refused } : {}) };
}
const md5Base64 = (data) => (0,node_crypto__WEBPACK_IMPORTED_MODULE_0__.createHash)('md5').update(data).digest('base64');


/***/ }),

/***/ 2821:
/***/ ((__unused_webpack_module, __webpack_exports__, __webpack_require__) => {


// EXPORTS
__webpack_require__.d(__webpack_exports__, {
  JH: () => (/* binding */ copyObject),
  IO: () => (/* binding */ deleteKeys),
  Q: () => (/* reexport */ downloadToFile),
  q4: () => (/* binding */ getText),
  _w: () => (/* binding */ listAll),
  rb: () => (/* binding */ putText)
});

// EXTERNAL MODULE: external "node:stream/promises"
var promises_ = __webpack_require__(6466);
// EXTERNAL MODULE: ./src/core/plan.ts
var plan = __webpack_require__(4620);
// EXTERNAL MODULE: external "node:crypto"
var external_node_crypto_ = __webpack_require__(7598);
// EXTERNAL MODULE: ./node_modules/@aws-sdk/client-s3/dist-cjs/index.js
var dist_cjs = __webpack_require__(3711);
// EXTERNAL MODULE: ./src/s3/describe-error.ts
var describe_error = __webpack_require__(2974);
// EXTERNAL MODULE: ./src/s3/upload.ts
var upload = __webpack_require__(8165);
// EXTERNAL MODULE: external "node:fs/promises"
var external_node_fs_promises_ = __webpack_require__(1455);
// EXTERNAL MODULE: external "node:stream"
var external_node_stream_ = __webpack_require__(7075);
// EXTERNAL MODULE: ./src/core/errors.ts
var errors = __webpack_require__(4296);
// EXTERNAL MODULE: ./src/s3/transport.ts
var s3_transport = __webpack_require__(8835);
;// CONCATENATED MODULE: ./src/s3/resumable-download.ts
/** Downloads an object to a file, resuming a broken body from the last byte written. */







/**
 * Streams an object to a file, hashing on the way. A body that breaks (a reset, a stall past s3-timeout, a connection
 * closed early) is resumed from the last byte written: GetObject with Range: bytes=N- and If-Match: the ETag first
 * seen, so a replaced object is never stitched to the old one. Bytes are hashed as they are written to the file, each
 * exactly once and in order, so the hash is the final file's.
 */
async function downloadToFile(client, bucket, key, file, signal, onProgress, o = {}) {
    const out = new HashingFile(file, await (0,external_node_fs_promises_.open)(file, 'w', 0o600), onProgress);
    const t = { client, bucket, key, signal, out, o, resumes: 0, stuck: 0, switched: false };
    try {
        while (!(await attempt(t))) {
            // resumed: the next attempt asks for the bytes after the last one written
        }
    }
    catch (err) {
        annotateTimeout(t.client, err);
        throw err;
    }
    finally {
        await out.close();
    }
    return { bytes: out.bytes, sha256: out.digest(), resumes: t.resumes };
}
/** One GetObject and its body written to the file: true once every byte is written, false to resume. */
async function attempt(t) {
    const from = t.out.bytes;
    let res;
    try {
        res = from === 0 && t.etag === undefined ? await firstRequest(t) : await resumeRequest(t, t.etag, from);
        await receive(t, res.Body);
        return true;
    }
    catch (err) {
        res?.Body?.destroy();
        return await afterBreak(t, err, from);
    }
}
/** The whole object; its ETag and size are kept for the resumes. */
async function firstRequest(t) {
    const res = await t.client.send(new dist_cjs.GetObjectCommand({ Bucket: t.bucket, Key: t.key }), { abortSignal: t.signal });
    t.etag = res.ETag;
    t.total = res.ContentLength;
    return res;
}
/**
 * The bytes from `from` on, of the same object only (If-Match), checked against the Content-Range answered. Without
 * an ETag (the first request to the alternate) any version answers, and its ETag binds the resumes after it: the
 * whole file's SHA-256 is what proves the result.
 */
async function resumeRequest(t, etag, from) {
    const range = `bytes=${from}-`;
    const res = await t.client
        .send(new dist_cjs.GetObjectCommand({ Bucket: t.bucket, Key: t.key, Range: range, ...(etag ? { IfMatch: etag } : {}) }), {
        abortSignal: t.signal,
    })
        .catch((err) => {
        if (etag && ((0,describe_error/* s3ErrorCode */.az)(err) === 'PreconditionFailed' || statusOf(err) === 412)) {
            throw new Refused(`s3://${t.bucket}/${t.key} was replaced during the download (its ETag is no longer ${etag}): run again`, { cause: err });
        }
        throw err;
    });
    t.etag ??= res.ETag;
    const answered = /^bytes (\d+)-(\d+)\/(\d+)$/.exec(res.ContentRange ?? '');
    if (!answered || Number(answered[1]) !== from || (t.total !== undefined && Number(answered[3]) !== t.total)) {
        res.Body?.destroy();
        throw new Refused(`resuming s3://${t.bucket}/${t.key} at byte ${from}: the server answered ${res.ContentRange ? `Content-Range ${res.ContentRange}` : 'without a Content-Range'}`);
    }
    return res;
}
const statusOf = (err) => err.$metadata?.httpStatusCode;
/** At most this much of a body waits for the disk before the body is read further. */
const HELD_BYTES = 1024 * 1024;
/** Writes a body to the file; a body that ends before the size first answered is a break. */
async function receive(t, raw) {
    // one write at a time, of every chunk received while the one before was written: a chunk goes to disk as soon as
    // the disk is free, and what was received before a break is on disk before the break is handled
    const body = t.signal ? (0,external_node_stream_.addAbortSignal)(t.signal, raw) : raw;
    let held = [];
    let heldBytes = 0;
    let writing;
    let failed;
    const drain = async () => {
        try {
            while (held.length && !failed) {
                const chunks = held;
                held = [];
                heldBytes = 0;
                await t.out.write(chunks);
            }
        }
        catch (err) {
            failed = { err };
        }
        finally {
            writing = undefined;
        }
    };
    try {
        for await (const chunk of body) {
            if (failed)
                break;
            held.push(chunk);
            heldBytes += chunk.length;
            writing ??= drain();
            if (heldBytes >= HELD_BYTES)
                await writing;
        }
    }
    finally {
        await writing;
        await drain();
        // a disk error is the reason, whatever the body did: it is never retried
        // biome-ignore lint/correctness/noUnsafeFinally: the write's failure replaces the body's
        if (failed)
            throw failed.err;
    }
    if (t.total !== undefined && t.out.bytes < t.total)
        throw new BrokenBody(`the connection closed after ${t.out.bytes} of ${t.total} bytes`);
}
/**
 * After a broken body: true when every byte had arrived anyway; false to resume, after a backoff; throws when the
 * break is not to be resumed (cancelled, a disk error, no ETag to resume against, too many attempts without progress).
 */
async function afterBreak(t, err, from) {
    if (t.signal?.aborted)
        throw t.signal.reason ?? err;
    if (err instanceof DiskError || err instanceof Refused)
        throw err;
    if (t.total !== undefined && t.out.bytes >= t.total)
        return true; // every byte arrived before the connection broke
    t.stuck = t.out.bytes > from ? 0 : t.stuck + 1;
    // an answer that retrying cannot change (no such key, access denied), no ETag to resume against, or no progress
    const final = !t.etag || answeredFinally(err) || t.stuck > (t.o.maxRetries ?? 5);
    if (final) {
        if (await switchSource(t, err))
            return false;
        throw err;
    }
    t.resumes++;
    t.o.onResume?.({
        bytes: t.out.bytes,
        total: t.total,
        attempt: t.resumes,
        reason: describeBreak(err, (0,s3_transport/* transportOf */.JH)(t.client)?.timeoutMs),
    });
    await (t.o.sleep ?? abortableSleep)(backoffMs(t.stuck), t.signal);
    return false;
}
/** A 4xx answer but a timeout or throttling: the same request would get it again. */
function answeredFinally(err) {
    const status = statusOf(err);
    return status !== undefined && status >= 400 && status < 500 && status !== 408 && status !== 429;
}
/** Continues from the alternate at the same offset, once; false when there is none or it lacks the bytes. */
async function switchSource(t, err) {
    if (t.switched || !t.o.alternate)
        return false;
    t.switched = true;
    const to = await t.o.alternate().catch(() => undefined);
    if (!to)
        return false;
    const reason = describeBreak(err, (0,s3_transport/* transportOf */.JH)(t.client)?.timeoutMs);
    t.o.onSwitch?.({ bytes: t.out.bytes, total: t.total, to, reason });
    Object.assign(t, { client: to.client, bucket: to.bucket, key: to.key, etag: undefined, stuck: 0 });
    return true;
}
/** Attempts in a row that brought nothing: bounded, and each waits twice as long as the one before. */
function backoffMs(stuck) {
    return Math.min(200 * 2 ** Math.max(0, stuck - 1), 10_000);
}
class BrokenBody extends Error {
    name = 'BrokenBody';
}
/** An answer that says the download cannot go on from this object (replaced, a wrong range): never retried. */
class Refused extends errors/* UserError */.yo {
    name = 'Refused';
}
/** A failure writing the local file (a full disk): never retried. */
class DiskError extends errors/* UserError */.yo {
    name = 'DiskError';
}
function describeBreak(err, timeoutMs) {
    const e = err;
    if ((0,s3_transport/* timeoutOf */.Rq)(err))
        return `nothing received for ${timeoutMs !== undefined ? `${timeoutMs / 1000}s` : 'the s3-timeout'}`;
    return [e.code, e.message].filter(Boolean).join(': ') || String(err);
}
/** A stalled body fails outside the SDK's middleware: name the peer and the timeout as ./transport.ts does. */
function annotateTimeout(client, err) {
    const transport = (0,s3_transport/* transportOf */.JH)(client);
    if (!transport || !(0,s3_transport/* timeoutOf */.Rq)(err) || typeof err !== 'object' || err === null)
        return;
    const e = err;
    e.$peer ??= transport.peer;
    e.$timeoutMs ??= transport.timeoutMs;
}
function abortableSleep(ms, signal) {
    return new Promise((resolve, reject) => {
        if (signal?.aborted)
            return reject(signal.reason);
        const onAbort = () => {
            clearTimeout(timer);
            reject(signal.reason);
        };
        const timer = setTimeout(() => {
            signal?.removeEventListener('abort', onAbort);
            resolve();
        }, ms);
        signal?.addEventListener('abort', onAbort, { once: true });
    });
}
/** The file being downloaded: bytes are counted and hashed once they are written, at their own offset. */
class HashingFile {
    file;
    handle;
    onProgress;
    bytes = 0;
    hash = (0,external_node_crypto_.createHash)('sha256');
    constructor(file, handle, onProgress) {
        this.file = file;
        this.handle = handle;
        this.onProgress = onProgress;
    }
    /** The chunks at their offset in one write (the rest of a short write after it), then hashed and counted. */
    async write(chunks) {
        const size = chunks.reduce((n, c) => n + c.length, 0);
        try {
            let done = (await this.handle.writev(chunks, this.bytes)).bytesWritten;
            if (done < size) {
                const all = Buffer.concat(chunks);
                while (done < size)
                    done += (await this.handle.write(all, done, size - done, this.bytes + done)).bytesWritten;
            }
        }
        catch (err) {
            throw new DiskError(`writing ${this.file} failed: ${(0,errors/* errorMessage */.gJ)(err)}`, { cause: err });
        }
        for (const c of chunks)
            this.hash.update(c);
        this.bytes += size;
        this.onProgress?.(this.bytes);
    }
    digest() {
        return this.hash.digest('hex');
    }
    close() {
        return this.handle.close();
    }
}

;// CONCATENATED MODULE: ./src/s3/objects.ts







async function putText(client, params, text) {
    const body = Buffer.from(text, 'utf8');
    // S3 requires Content-MD5 (or a flexible checksum) on a write that sets Object Lock retention
    const md5 = params.ObjectLockMode && !params.ContentMD5 ? { ContentMD5: (0,external_node_crypto_.createHash)('md5').update(body).digest('base64') } : {};
    await client.send(new dist_cjs.PutObjectCommand({ ...params, ...md5, Body: body }));
}
async function getText(client, bucket, key) {
    try {
        const out = await client.send(new dist_cjs.GetObjectCommand({ Bucket: bucket, Key: key }));
        return await out.Body.transformToString('utf8');
    }
    catch (err) {
        if ((0,describe_error/* isNotFound */.c4)(err))
            return undefined;
        throw err;
    }
}
/** Every object under a prefix, following continuation tokens past 1,000. */
async function listAll(client, bucket, prefix) {
    const out = [];
    let token;
    do {
        const page = await client.send(new dist_cjs.ListObjectsV2Command({ Bucket: bucket, Prefix: prefix ? `${prefix}/` : undefined, ContinuationToken: token }));
        for (const o of page.Contents ?? []) {
            out.push({ key: o.Key, size: o.Size ?? 0, lastModified: o.LastModified, storageClass: o.StorageClass });
        }
        token = page.IsTruncated ? page.NextContinuationToken : undefined;
    } while (token);
    return out;
}
async function deleteKeys(client, bucket, keys) {
    for (const key of keys)
        await client.send(new dist_cjs.DeleteObjectCommand({ Bucket: bucket, Key: key }));
}
const COPY_LIMIT = 5 * 2 ** 30;
const COPY_PART = 512 * 2 ** 20;
/**
 * Server-side copy; multipart (UploadPartCopy) above 5 GB, where CopyObject stops. Some S3-compatible servers
 * cannot copy some objects server-side (Ceph before 17: encrypted objects → 501 NotImplemented): then the bytes
 * are streamed through this process instead, through the same multipart upload as a backup.
 */
async function copyObject(client, o, limits = { copyLimit: COPY_LIMIT, partSize: COPY_PART }) {
    try {
        await serverSideCopy(client, o, limits);
        return 'server-side';
    }
    catch (err) {
        if ((0,describe_error/* s3ErrorCode */.az)(err) !== 'NotImplemented')
            throw err;
    }
    const source = await client.send(new dist_cjs.GetObjectCommand({ Bucket: o.bucket, Key: o.from }));
    const sink = (0,upload/* uploadSink */.T)(client, { Bucket: o.toBucket ?? o.bucket, Key: o.to, ...(o.extra ?? {}) }, { partSize: Math.max(plan/* AUTO_MIN_PART */.$C, Math.ceil(o.size / 10_000)), queueSize: 2 });
    await (0,promises_.pipeline)(source.Body, sink);
    return 'streamed';
}
async function serverSideCopy(client, o, limits = { copyLimit: COPY_LIMIT, partSize: COPY_PART }) {
    const source = `${o.bucket}/${o.from.split('/').map(encodeURIComponent).join('/')}`;
    const extra = o.extra ?? {};
    if (o.size <= limits.copyLimit) {
        await client.send(new dist_cjs.CopyObjectCommand({
            Bucket: o.toBucket ?? o.bucket,
            Key: o.to,
            CopySource: source,
            MetadataDirective: 'COPY',
            ...(extra.Tagging ? { Tagging: extra.Tagging, TaggingDirective: 'REPLACE' } : {}),
            ...(extra.StorageClass ? { StorageClass: extra.StorageClass } : {}),
            ...(extra.ServerSideEncryption ? { ServerSideEncryption: extra.ServerSideEncryption } : {}),
            ...(extra.SSEKMSKeyId ? { SSEKMSKeyId: extra.SSEKMSKeyId } : {}),
        }));
        return;
    }
    await multipartCopy(client, o, source, limits.partSize);
}
/** A copy too large for one CopyObject: UploadPartCopy by ranges, aborted on any failure. */
async function multipartCopy(client, o, source, partSize) {
    const { UploadId } = await client.send(new dist_cjs.CreateMultipartUploadCommand({ Bucket: o.toBucket ?? o.bucket, Key: o.to, ...(o.extra ?? {}) }));
    try {
        const parts = [];
        for (let start = 0, n = 1; start < o.size; start += partSize, n++) {
            const end = Math.min(start + partSize, o.size) - 1;
            const r = await client.send(new dist_cjs.UploadPartCopyCommand({
                Bucket: o.toBucket ?? o.bucket,
                Key: o.to,
                UploadId,
                PartNumber: n,
                CopySource: source,
                CopySourceRange: `bytes=${start}-${end}`,
            }));
            parts.push({ ETag: r.CopyPartResult?.ETag, PartNumber: n });
        }
        await client.send(new dist_cjs.CompleteMultipartUploadCommand({
            Bucket: o.toBucket ?? o.bucket,
            Key: o.to,
            UploadId,
            MultipartUpload: { Parts: parts },
        }));
    }
    catch (err) {
        await client
            .send(new dist_cjs.AbortMultipartUploadCommand({ Bucket: o.toBucket ?? o.bucket, Key: o.to, UploadId }))
            .catch(() => undefined);
        throw err;
    }
}


/***/ }),

/***/ 8267:
/***/ ((__unused_webpack_module, __webpack_exports__, __webpack_require__) => {

/* harmony export */ __webpack_require__.d(__webpack_exports__, {
/* harmony export */   bE: () => (/* binding */ getReplication),
/* harmony export */   ew: () => (/* binding */ putReplication)
/* harmony export */ });
/* unused harmony export putReplicationCommand */
/* harmony import */ var _aws_sdk_client_s3__WEBPACK_IMPORTED_MODULE_1__ = __webpack_require__(3711);
/* harmony import */ var _describe_error_js__WEBPACK_IMPORTED_MODULE_0__ = __webpack_require__(2974);
/** The bucket's replication configuration: read (none → undefined) and written whole. */


async function getReplication(client, bucket) {
    try {
        return (await client.send(new _aws_sdk_client_s3__WEBPACK_IMPORTED_MODULE_1__.GetBucketReplicationCommand({ Bucket: bucket }))).ReplicationConfiguration;
    }
    catch (err) {
        if ((0,_describe_error_js__WEBPACK_IMPORTED_MODULE_0__/* .s3ErrorCode */ .az)(err) === 'ReplicationConfigurationNotFoundError')
            return undefined;
        throw err;
    }
}
/** The command that writes it (built apart so its request can be checked against the S3 API model). */
const putReplicationCommand = (bucket, config) => new _aws_sdk_client_s3__WEBPACK_IMPORTED_MODULE_1__.PutBucketReplicationCommand({ Bucket: bucket, ReplicationConfiguration: config });
async function putReplication(client, bucket, config) {
    await client.send(putReplicationCommand(bucket, config));
}


/***/ }),

/***/ 8165:
/***/ ((__unused_webpack_module, __webpack_exports__, __webpack_require__) => {

/* harmony export */ __webpack_require__.d(__webpack_exports__, {
/* harmony export */   T: () => (/* binding */ uploadSink)
/* harmony export */ });
/* harmony import */ var node_crypto__WEBPACK_IMPORTED_MODULE_0__ = __webpack_require__(7598);
/* harmony import */ var node_crypto__WEBPACK_IMPORTED_MODULE_0___default = /*#__PURE__*/__webpack_require__.n(node_crypto__WEBPACK_IMPORTED_MODULE_0__);
/* harmony import */ var node_stream__WEBPACK_IMPORTED_MODULE_1__ = __webpack_require__(7075);
/* harmony import */ var node_stream__WEBPACK_IMPORTED_MODULE_1___default = /*#__PURE__*/__webpack_require__.n(node_stream__WEBPACK_IMPORTED_MODULE_1__);
/* harmony import */ var _aws_sdk_lib_storage__WEBPACK_IMPORTED_MODULE_2__ = __webpack_require__(2358);
/* harmony import */ var _aws_sdk_client_s3__WEBPACK_IMPORTED_MODULE_7__ = __webpack_require__(3711);
/* harmony import */ var _core_errors_js__WEBPACK_IMPORTED_MODULE_3__ = __webpack_require__(4296);
/* harmony import */ var _describe_error_js__WEBPACK_IMPORTED_MODULE_4__ = __webpack_require__(2974);
/* harmony import */ var _multipart_js__WEBPACK_IMPORTED_MODULE_5__ = __webpack_require__(6242);
/* harmony import */ var _transport_js__WEBPACK_IMPORTED_MODULE_6__ = __webpack_require__(8835);
/**
 * A Writable whose bytes become one S3 object through lib-storage's multipart Upload (turborepo-remote-cache's
 * pattern). The caller writes one `await pipeline(source, …, sink)`. If the pipeline fails or is cancelled, the body
 * is destroyed, the multipart upload is aborted, and we wait for that abort to finish before reporting — so no
 * unfinished upload is left behind, and when one is (the abort itself failed), the error says which.
 *
 * The abort is ours, not lib-storage's (leavePartsOnError: true): lib-storage lets a failed abort replace the
 * original error, and would not tell whether the abort worked. A Complete whose answer was lost is settled by
 * looking (./multipart.ts); the marker in the object's metadata lets it recognise this upload's object.
 */








function uploadSink(client, params, o) {
    const body = new node_stream__WEBPACK_IMPORTED_MODULE_1__.PassThrough({ highWaterMark: 1 << 20 });
    const upload = new _aws_sdk_lib_storage__WEBPACK_IMPORTED_MODULE_2__/* .Upload */ ._({
        client,
        params: { ...params, Metadata: { ...params.Metadata, [_multipart_js__WEBPACK_IMPORTED_MODULE_5__/* .UPLOAD_MARKER */ .VZ]: (0,node_crypto__WEBPACK_IMPORTED_MODULE_0__.randomUUID)() }, Body: body },
        partSize: o.partSize,
        queueSize: o.queueSize,
        leavePartsOnError: true,
    });
    if (o.onProgress)
        upload.on('httpUploadProgress', (p) => p.loaded !== undefined && o.onProgress(p.loaded));
    const completed = upload.done().catch(async (err) => {
        // lib-storage has settled every part request by now: nothing races the abort
        if (upload.uploadId)
            await abortUpload(client, params, upload.uploadId, err, o.signal);
        throw err;
    });
    completed.catch(() => undefined);
    const sink = new node_stream__WEBPACK_IMPORTED_MODULE_1__.Writable({
        highWaterMark: 1 << 20,
        write(chunk, _enc, callback) {
            if (body.write(chunk))
                callback();
            else
                body.once('drain', () => callback());
        },
        final(callback) {
            body.end();
            completed.then(() => callback(), (err) => callback(err));
        },
        destroy(err, callback) {
            if (!body.writableFinished)
                body.destroy(err ?? new Error('upload cancelled'));
            // stopped before the caller heard of success: an upload that completes anyway (its last request was already on
            // its way) leaves an object nothing names, which is removed before the error goes on
            const unannounced = Boolean(err) && !sink.writableFinished;
            // wait for the multipart upload to be aborted before the error goes on
            completed.then(async () => {
                if (unannounced)
                    await removeCompleted(client, params, err, o.signal);
                callback(err);
            }, (uploadErr) => callback(err ?? uploadErr));
        },
    });
    // an S3 failure (after the SDK's retries) fails the pipeline, which stops pg_dump
    completed.catch((err) => sink.destroy(err));
    Object.defineProperty(sink, 'completed', { value: completed });
    return sink;
}
async function removeCompleted(client, params, failure, signal) {
    const where = `s3://${params.Bucket}/${params.Key}`;
    try {
        await client.send(new _aws_sdk_client_s3__WEBPACK_IMPORTED_MODULE_7__.DeleteObjectCommand({ Bucket: params.Bucket, Key: params.Key }));
        (0,_core_errors_js__WEBPACK_IMPORTED_MODULE_3__/* .noteCleanup */ .jS)(signal, `the upload completed as the run stopped, and ${where} was removed`);
    }
    catch (err) {
        const line = `the upload completed as the run stopped, and removing ${where} failed (${(0,_describe_error_js__WEBPACK_IMPORTED_MODULE_4__/* .shortCode */ .ov)(err)}): delete it, it has no sidecars`;
        (0,_multipart_js__WEBPACK_IMPORTED_MODULE_5__/* .addNote */ .gp)(failure, line);
        (0,_core_errors_js__WEBPACK_IMPORTED_MODULE_3__/* .noteCleanup */ .jS)(signal, line);
    }
}
async function abortUpload(client, params, uploadId, failure, signal) {
    try {
        await client.send(new _aws_sdk_client_s3__WEBPACK_IMPORTED_MODULE_7__.AbortMultipartUploadCommand({ Bucket: params.Bucket, Key: params.Key, UploadId: uploadId }));
    }
    catch (err) {
        // already gone: completed and removed by ./multipart.ts, or never there
        if (!((0,_describe_error_js__WEBPACK_IMPORTED_MODULE_4__/* .isNotFound */ .c4)(err) || (0,_describe_error_js__WEBPACK_IMPORTED_MODULE_4__/* .s3ErrorCode */ .az)(err) === 'NoSuchUpload')) {
            const why = (0,_describe_error_js__WEBPACK_IMPORTED_MODULE_4__/* .s3ErrorCode */ .az)(err) === 'AbortError'
                ? `no answer within ${_transport_js__WEBPACK_IMPORTED_MODULE_6__/* .CLEANUP_GRACE_MS */ .VO / 1000}s of the cancellation`
                : ((0,_describe_error_js__WEBPACK_IMPORTED_MODULE_4__/* .s3ErrorCode */ .az)(err) ?? 'error');
            const line = `the unfinished multipart upload ${uploadId} of s3://${params.Bucket}/${params.Key} could not be aborted ` +
                `(${why}): abort it, or let a lifecycle rule (AbortIncompleteMultipartUpload) remove it`;
            (0,_multipart_js__WEBPACK_IMPORTED_MODULE_5__/* .addNote */ .gp)(failure, line);
            (0,_core_errors_js__WEBPACK_IMPORTED_MODULE_3__/* .noteCleanup */ .jS)(signal, line);
            return;
        }
    }
    (0,_core_errors_js__WEBPACK_IMPORTED_MODULE_3__/* .noteCleanup */ .jS)(signal, 'the unfinished upload was aborted', { nothingWritten: true });
}


/***/ }),

/***/ 392:
/***/ ((__unused_webpack_module, __webpack_exports__, __webpack_require__) => {

/* harmony export */ __webpack_require__.d(__webpack_exports__, {
/* harmony export */   u: () => (/* binding */ claimBackupKey)
/* harmony export */ });
/* harmony import */ var node_crypto__WEBPACK_IMPORTED_MODULE_0__ = __webpack_require__(7598);
/* harmony import */ var node_crypto__WEBPACK_IMPORTED_MODULE_0___default = /*#__PURE__*/__webpack_require__.n(node_crypto__WEBPACK_IMPORTED_MODULE_0__);
/* harmony import */ var _aws_sdk_client_s3__WEBPACK_IMPORTED_MODULE_3__ = __webpack_require__(3711);
/* harmony import */ var _core_naming_js__WEBPACK_IMPORTED_MODULE_1__ = __webpack_require__(2607);
/* harmony import */ var _core_stale_claims_js__WEBPACK_IMPORTED_MODULE_2__ = __webpack_require__(6446);
/**
 * A key of its own for every run, even for runs of the same database that start in the same second, on any S3 with
 * strong read-after-write consistency for PUT and LIST (AWS S3 since December 2020, Ceph RGW, MinIO, R2 …):
 *
 *   for each candidate key (the plain key, then _2, _3 …):
 *     the object exists already → next candidate;
 *     PUT a claim object <prefix>/.claims/<basename>/<run id>;
 *     LIST the key's claims and the key itself;
 *     no other claim and no object → the key is this run's;
 *     otherwise delete the claim, wait a random moment, next candidate.
 *
 * Of two runs on one key, the later PUT's LIST sees the earlier claim, so at most one of them takes it (both may step
 * aside, and then both try the next key). The claim stays until the run ends, so that a run arriving while the winner
 * uploads (the object does not exist before its upload completes) sees it too.
 *
 * A run killed outright leaves its claim behind. A claim older than CLAIM_STALE_MS, measured against this run's own
 * claim (the server's clock on both), is a leftover: it no longer holds the key, and this run removes it.
 */




const MAX_CANDIDATES = 100;
const EMPTY_MD5 = (0,node_crypto__WEBPACK_IMPORTED_MODULE_0__.createHash)('md5').update(new Uint8Array(0)).digest('base64');
const defaultBackoff = () => 20 + Math.floor(Math.random() * 180);
const defaultSleep = (ms) => new Promise((resolve) => setTimeout(resolve, ms));
class KeyClaimError extends Error {
    name = 'KeyClaimError';
}
async function step(action, key, request) {
    try {
        return await request;
    }
    catch (err) {
        if (err && typeof err === 'object')
            Object.assign(err, { claimAction: action, claimKey: key });
        throw err;
    }
}
/** Whether the object itself exists (a LIST answers with the S3 error code where a HEAD has none). */
async function exists(s3, bucket, key) {
    const prefix = key.slice(0, Math.max(0, key.lastIndexOf('/')));
    const page = await step('listing', prefix, s3.send(new _aws_sdk_client_s3__WEBPACK_IMPORTED_MODULE_3__.ListObjectsV2Command({ Bucket: bucket, Prefix: key, MaxKeys: 1 })));
    return page.Contents?.some((c) => c.Key === key) ?? false;
}
async function claims(s3, bucket, key) {
    const prefix = (0,_core_naming_js__WEBPACK_IMPORTED_MODULE_1__/* .claimsPrefix */ .EJ)(key);
    const page = await step('listing', prefix, s3.send(new _aws_sdk_client_s3__WEBPACK_IMPORTED_MODULE_3__.ListObjectsV2Command({ Bucket: bucket, Prefix: prefix, MaxKeys: 100 })));
    return (page.Contents ?? []).filter((c) => c.Key).map((c) => ({ key: c.Key, lastModified: c.LastModified }));
}
/** The other runs' claims on a key: live ones contend, stale ones (left by killed runs) are only to be removed. */
function contendersOf(listed, mine) {
    const own = listed.find((c) => c.key === mine);
    const others = listed.filter((c) => c.key !== mine);
    const stale = own?.lastModified ? others.filter((c) => (0,_core_stale_claims_js__WEBPACK_IMPORTED_MODULE_2__/* .isStale */ .QO)(c, own.lastModified)) : [];
    return { live: others.filter((c) => !stale.includes(c)).map((c) => c.key), stale: stale.map((c) => c.key) };
}
/** Removes leftover claims; a failure is only reported (they block nothing). */
async function removeStale(s3, o, keys) {
    for (const k of keys)
        await step('deleting', k, s3.send(new _aws_sdk_client_s3__WEBPACK_IMPORTED_MODULE_3__.DeleteObjectCommand({ Bucket: o.bucket, Key: k }))).catch((err) => o.onStrayClaim?.(err));
}
async function claimBackupKey(s3, o) {
    const runId = o.runId ?? (0,node_crypto__WEBPACK_IMPORTED_MODULE_0__.randomUUID)();
    const max = o.maxCandidates ?? MAX_CANDIDATES;
    const sleep = o.sleep ?? defaultSleep;
    const backoff = o.backoff ?? defaultBackoff;
    const stopIfCancelled = () => {
        if (o.signal?.aborted)
            throw o.signal.reason ?? new Error('cancelled');
    };
    for (let seq = 1; seq <= max; seq++) {
        stopIfCancelled();
        const key = o.keyFor(seq);
        if (await exists(s3, o.bucket, key))
            continue;
        const mine = (0,_core_naming_js__WEBPACK_IMPORTED_MODULE_1__/* .claimObjectKey */ .Z9)(key, runId);
        // Content-MD5: a bucket with a default Object Lock retention requires it on every write
        await step('writing', mine, s3.send(new _aws_sdk_client_s3__WEBPACK_IMPORTED_MODULE_3__.PutObjectCommand({
            Bucket: o.bucket,
            Key: mine,
            Body: new Uint8Array(0),
            ContentLength: 0,
            ContentMD5: EMPTY_MD5,
            ContentType: 'text/plain',
            ...o.put,
        })));
        const release = () => step('deleting', mine, s3.send(new _aws_sdk_client_s3__WEBPACK_IMPORTED_MODULE_3__.DeleteObjectCommand({ Bucket: o.bucket, Key: mine }))).then(() => undefined);
        let won = false;
        try {
            const { live: contenders, stale } = contendersOf(await claims(s3, o.bucket, key), mine);
            await removeStale(s3, o, stale);
            const free = contenders.length === 0 && !(await exists(s3, o.bucket, key));
            stopIfCancelled();
            if (free) {
                won = true;
                return { key, release };
            }
            if (contenders.length)
                await sleep(backoff());
        }
        finally {
            // a claim left behind only blocks a key this run does not want: never a reason to fail the backup
            if (!won)
                await release().catch((err) => o.onStrayClaim?.(err));
        }
    }
    throw new KeyClaimError(`no free key for ${o.keyFor(1)} after ${max} tries (each taken by an object or another run's claim)`);
}


/***/ }),

/***/ 413:
/***/ ((__unused_webpack_module, __webpack_exports__, __webpack_require__) => {

/* harmony export */ __webpack_require__.d(__webpack_exports__, {
/* harmony export */   J: () => (/* binding */ fetchVerified),
/* harmony export */   S: () => (/* binding */ chooseBackup)
/* harmony export */ });
/* harmony import */ var node_fs_promises__WEBPACK_IMPORTED_MODULE_0__ = __webpack_require__(1455);
/* harmony import */ var node_fs_promises__WEBPACK_IMPORTED_MODULE_0___default = /*#__PURE__*/__webpack_require__.n(node_fs_promises__WEBPACK_IMPORTED_MODULE_0__);
/* harmony import */ var _core_temp_dirs_js__WEBPACK_IMPORTED_MODULE_1__ = __webpack_require__(634);
/* harmony import */ var node_path__WEBPACK_IMPORTED_MODULE_2__ = __webpack_require__(6760);
/* harmony import */ var node_path__WEBPACK_IMPORTED_MODULE_2___default = /*#__PURE__*/__webpack_require__.n(node_path__WEBPACK_IMPORTED_MODULE_2__);
/* harmony import */ var _core_errors_js__WEBPACK_IMPORTED_MODULE_3__ = __webpack_require__(4296);
/* harmony import */ var _listing_js__WEBPACK_IMPORTED_MODULE_4__ = __webpack_require__(6080);
/* harmony import */ var _core_manifest_js__WEBPACK_IMPORTED_MODULE_11__ = __webpack_require__(4414);
/* harmony import */ var _core_naming_js__WEBPACK_IMPORTED_MODULE_5__ = __webpack_require__(2607);
/* harmony import */ var _s3_describe_error_js__WEBPACK_IMPORTED_MODULE_6__ = __webpack_require__(2974);
/* harmony import */ var _s3_objects_js__WEBPACK_IMPORTED_MODULE_7__ = __webpack_require__(2821);
/* harmony import */ var _s3_client_js__WEBPACK_IMPORTED_MODULE_8__ = __webpack_require__(4181);
/* harmony import */ var _core_select_js__WEBPACK_IMPORTED_MODULE_9__ = __webpack_require__(3295);
/* harmony import */ var _core_format_js__WEBPACK_IMPORTED_MODULE_10__ = __webpack_require__(6228);
/**
 * Choosing a backup and bringing it down verified: the object goes to a temporary file and its SHA-256 must equal
 * the sidecar's before anyone may use it. Shared by restore, verify and validate.
 */












/** Picks the backup and reads its sidecars; refuses one that cannot be verified. */
async function chooseBackup(o, selector, s3, ctx) {
    const listing = await (0,_listing_js__WEBPACK_IMPORTED_MODULE_4__/* .listBackups */ .C)(o, s3);
    const candidates = (0,_core_select_js__WEBPACK_IMPORTED_MODULE_9__/* .unambiguous */ ._L)(listing.backups, selector, { ...o, prefix: o.s3.prefix });
    const entry = (0,_core_select_js__WEBPACK_IMPORTED_MODULE_9__/* .selectBackup */ .Vr)(candidates, selector, listing.latestKey);
    if (selector === 'latest' &&
        listing.latestKey &&
        entry.key !== listing.latestKey &&
        !listing.backups.some((b) => b.key === listing.latestKey))
        ctx.log.warning(`the latest pointer names ${listing.latestKey}, which no longer exists (expired or deleted): taking the newest complete backup, ${entry.key}`, 'Latest backup missing');
    ctx.log.info(`backup: s3://${o.s3.bucket}/${entry.key} (${(0,_core_format_js__WEBPACK_IMPORTED_MODULE_10__/* .formatBytes */ .z3)(entry.size)})`);
    const missing = `refusing to restore ${entry.key}: its checksum sidecar ${(0,_core_naming_js__WEBPACK_IMPORTED_MODULE_5__/* .basename */ .P8)((0,_core_naming_js__WEBPACK_IMPORTED_MODULE_5__/* .checksumKey */ .Rq)(entry.key))} is missing`;
    if (!entry.hasChecksum)
        throw new _core_errors_js__WEBPACK_IMPORTED_MODULE_3__/* .UserError */ .yo(`${missing}, so the backup cannot be verified`);
    const [sidecarText, manifestText] = await Promise.all([
        (0,_s3_objects_js__WEBPACK_IMPORTED_MODULE_7__/* .getText */ .q4)(s3, o.s3.bucket, (0,_core_naming_js__WEBPACK_IMPORTED_MODULE_5__/* .checksumKey */ .Rq)(entry.key)),
        entry.hasManifest ? (0,_s3_objects_js__WEBPACK_IMPORTED_MODULE_7__/* .getText */ .q4)(s3, o.s3.bucket, (0,_core_naming_js__WEBPACK_IMPORTED_MODULE_5__/* .manifestKey */ .Rn)(entry.key)) : Promise.resolve(undefined),
    ]).catch((err) => {
        throw (0,_s3_describe_error_js__WEBPACK_IMPORTED_MODULE_6__/* .describeS3Error */ .ye)(err, { bucket: o.s3.bucket, key: entry.key, endpoint: o.s3.endpoint, action: 'reading' });
    });
    const expected = sidecarText ? (0,_core_naming_js__WEBPACK_IMPORTED_MODULE_5__/* .parseChecksumLine */ .DB)(sidecarText) : undefined;
    if (!expected)
        throw new _core_errors_js__WEBPACK_IMPORTED_MODULE_3__/* .UserError */ .yo(`${missing} or not in sha256sum format`);
    let manifest;
    try {
        manifest = manifestText ? (0,_core_manifest_js__WEBPACK_IMPORTED_MODULE_11__/* .parseManifest */ .Ng)(manifestText) : undefined;
    }
    catch (err) {
        ctx.log.warning(`ignoring the manifest of ${entry.key}: ${(0,_core_errors_js__WEBPACK_IMPORTED_MODULE_3__/* .errorMessage */ .gJ)(err)}`);
    }
    return { entry, expectedSha256: expected.sha256, manifest };
}
/** Downloads to a private temporary folder and checks the SHA-256; the caller must call cleanup(). */
async function fetchVerified(o, chosen, s3, ctx) {
    const dir = await (0,node_fs_promises__WEBPACK_IMPORTED_MODULE_0__.mkdtemp)(node_path__WEBPACK_IMPORTED_MODULE_2___default().join((0,_core_temp_dirs_js__WEBPACK_IMPORTED_MODULE_1__/* .tempDirOf */ .l3)(o, ctx), 's3-backup-'));
    (0,_core_temp_dirs_js__WEBPACK_IMPORTED_MODULE_1__/* .trackTempDir */ .V2)(dir);
    const cleanup = async () => {
        await (0,node_fs_promises__WEBPACK_IMPORTED_MODULE_0__.rm)(dir, { recursive: true, force: true });
        (0,_core_temp_dirs_js__WEBPACK_IMPORTED_MODULE_1__/* .untrackTempDir */ .KJ)(dir);
        (0,_core_errors_js__WEBPACK_IMPORTED_MODULE_3__/* .noteCleanup */ .jS)(ctx.signal, 'the temporary download was deleted');
    };
    try {
        const file = node_path__WEBPACK_IMPORTED_MODULE_2___default().join(dir, (0,_core_naming_js__WEBPACK_IMPORTED_MODULE_5__/* .basename */ .P8)(chosen.entry.key));
        ctx.log.info(`downloading to ${file}`);
        const total = chosen.entry.size;
        const progress = ctx.onProgress
            ? (bytes) => ctx.onProgress({ phase: 'download', bytes, total })
            : undefined;
        const resumed = ({ bytes, total, attempt, reason, }) => ctx.log.info(`download broke after ${(0,_core_format_js__WEBPACK_IMPORTED_MODULE_10__/* .formatBytes */ .z3)(bytes)}${total !== undefined ? ` of ${(0,_core_format_js__WEBPACK_IMPORTED_MODULE_10__/* .formatBytes */ .z3)(total)}` : ''} (${reason}): resuming from there (resume ${attempt})`);
        const got = await (0,_s3_objects_js__WEBPACK_IMPORTED_MODULE_7__/* .downloadToFile */ .Q)(s3, o.s3.bucket, chosen.entry.key, file, ctx.signal, progress, {
            onResume: resumed,
            ...otherSite(o, chosen, ctx),
        }).catch((err) => {
            if (ctx.signal.aborted)
                throw ctx.signal.reason;
            throw (0,_s3_describe_error_js__WEBPACK_IMPORTED_MODULE_6__/* .describeS3Error */ .ye)(err, {
                bucket: o.s3.bucket,
                key: chosen.entry.key,
                endpoint: o.s3.endpoint,
                action: 'downloading',
            });
        });
        if (got.bytes !== chosen.entry.size) {
            throw new _core_errors_js__WEBPACK_IMPORTED_MODULE_3__/* .UserError */ .yo(`${chosen.entry.key}: downloaded ${got.bytes} bytes but the listing says ${chosen.entry.size}; refusing to restore (target untouched)`);
        }
        if (got.sha256 !== chosen.expectedSha256) {
            throw new _core_errors_js__WEBPACK_IMPORTED_MODULE_3__/* .UserError */ .yo(`checksum mismatch for ${chosen.entry.key}: the sidecar says sha256 ${chosen.expectedSha256} but the object is ${got.sha256}; refusing to restore (target untouched)`);
        }
        ctx.log.info(`sha256 verified: ${got.sha256}`);
        return { file, dir, sha256: got.sha256, bytes: got.bytes, cleanup };
    }
    catch (err) {
        await cleanup();
        throw err;
    }
}
/**
 * The other site (the copy, or the primary when reading the copy) as the download's alternate: used only when it
 * holds the backup under the same name with the same SHA-256, so the bytes are the same and the proof unchanged.
 */
function otherSite(o, chosen, ctx) {
    const other = o.other;
    if (!other)
        return {};
    const key = (0,_core_naming_js__WEBPACK_IMPORTED_MODULE_5__/* .rebaseKey */ .iQ)(chosen.entry.key, o.s3.prefix, other.prefix);
    const where = `s3://${other.bucket}/${key}`;
    return {
        alternate: async () => {
            const client = (0,_s3_client_js__WEBPACK_IMPORTED_MODULE_8__/* .clientFor */ .$)(ctx, other);
            let why;
            try {
                const text = await (0,_s3_objects_js__WEBPACK_IMPORTED_MODULE_7__/* .getText */ .q4)(client, other.bucket, (0,_core_naming_js__WEBPACK_IMPORTED_MODULE_5__/* .checksumKey */ .Rq)(key));
                const sum = text ? (0,_core_naming_js__WEBPACK_IMPORTED_MODULE_5__/* .parseChecksumLine */ .DB)(text) : undefined;
                if (sum?.sha256 === chosen.expectedSha256)
                    return { client, bucket: other.bucket, key };
                why = text === undefined ? 'it holds no such backup' : 'it holds another SHA-256 under that name';
            }
            catch (err) {
                why = (0,_core_errors_js__WEBPACK_IMPORTED_MODULE_3__/* .errorMessage */ .gJ)(err);
            }
            ctx.log.info(`the download cannot go on from ${where}: ${why}`);
            return undefined;
        },
        onSwitch: ({ bytes, total, reason }) => ctx.log.warning(`the download from s3://${o.s3.bucket}/${chosen.entry.key} failed after ${(0,_core_format_js__WEBPACK_IMPORTED_MODULE_10__/* .formatBytes */ .z3)(bytes)}${total !== undefined ? ` of ${(0,_core_format_js__WEBPACK_IMPORTED_MODULE_10__/* .formatBytes */ .z3)(total)}` : ''} (${reason}): continuing from ${where} at that byte (same SHA-256)`, 'Download continued from the other site'),
    };
}


/***/ }),

/***/ 6419:
/***/ ((__unused_webpack_module, __webpack_exports__, __webpack_require__) => {

/* harmony export */ __webpack_require__.d(__webpack_exports__, {
/* harmony export */   f: () => (/* binding */ readDrills),
/* harmony export */   s: () => (/* binding */ appendDrill)
/* harmony export */ });
/* harmony import */ var node_crypto__WEBPACK_IMPORTED_MODULE_0__ = __webpack_require__(7598);
/* harmony import */ var node_crypto__WEBPACK_IMPORTED_MODULE_0___default = /*#__PURE__*/__webpack_require__.n(node_crypto__WEBPACK_IMPORTED_MODULE_0__);
/* harmony import */ var _core_drill_js__WEBPACK_IMPORTED_MODULE_1__ = __webpack_require__(4574);
/* harmony import */ var _s3_objects_js__WEBPACK_IMPORTED_MODULE_2__ = __webpack_require__(2821);
/**
 * The drill records in the bucket: one object per drill under `<prefix>/drills/`, appended, never rewritten. Their
 * keys start with the reversed time (core/drill.ts), so a listing returns the newest first.
 */



/** Writes one record; returns its key. */
async function appendDrill(s3, bucket, prefix, record) {
    const what = record.database ?? (record.key.split('/').pop() ?? 'backup').replace(/\.json$/, '');
    const key = (0,_core_drill_js__WEBPACK_IMPORTED_MODULE_1__/* .drillKey */ .NC)(prefix, new Date(record.finishedAt), `${record.kind}-${what}`, (0,node_crypto__WEBPACK_IMPORTED_MODULE_0__.randomBytes)(3).toString('hex'));
    await (0,_s3_objects_js__WEBPACK_IMPORTED_MODULE_2__/* .putText */ .rb)(s3, { Bucket: bucket, Key: key, ContentType: 'application/json' }, `${JSON.stringify(record, null, 2)}\n`);
    return key;
}
/**
 * The newest records, newest first: at most `limit`, none older than `since`. One listing of the drills folder, then
 * one read per record returned; objects that are not records are skipped.
 */
async function readDrills(s3, bucket, prefix, bounds) {
    const listed = await (0,_s3_objects_js__WEBPACK_IMPORTED_MODULE_2__/* .listAll */ ._w)(s3, bucket, (0,_core_drill_js__WEBPACK_IMPORTED_MODULE_1__/* .drillsPrefix */ .RX)(prefix).replace(/\/$/, ''));
    const keys = listed
        .map((o) => ({ key: o.key, at: (0,_core_drill_js__WEBPACK_IMPORTED_MODULE_1__/* .drillKeyTime */ .sV)(o.key) }))
        .filter((k) => k.at !== undefined && (!bounds.since || k.at >= bounds.since))
        .sort((a, b) => b.at.getTime() - a.at.getTime() || a.key.localeCompare(b.key))
        .slice(0, bounds.limit);
    const texts = await Promise.all(keys.map((k) => (0,_s3_objects_js__WEBPACK_IMPORTED_MODULE_2__/* .getText */ .q4)(s3, bucket, k.key)));
    return keys.flatMap((k, i) => {
        const record = (0,_core_drill_js__WEBPACK_IMPORTED_MODULE_1__/* .parseDrillRecord */ .qE)(texts[i]);
        return record ? [{ objectKey: k.key, record }] : [];
    });
}


/***/ }),

/***/ 6080:
/***/ ((__unused_webpack_module, __webpack_exports__, __webpack_require__) => {


// EXPORTS
__webpack_require__.d(__webpack_exports__, {
  C: () => (/* binding */ listBackups)
});

// EXTERNAL MODULE: ./src/core/manifest.ts
var manifest = __webpack_require__(4414);
// EXTERNAL MODULE: ./src/core/naming.ts
var naming = __webpack_require__(2607);
// EXTERNAL MODULE: ./src/core/select.ts
var core_select = __webpack_require__(3295);
// EXTERNAL MODULE: ./src/core/set-format.ts
var set_format = __webpack_require__(887);
// EXTERNAL MODULE: ./src/s3/client.ts + 1 modules
var s3_client = __webpack_require__(4181);
// EXTERNAL MODULE: ./src/s3/describe-error.ts
var describe_error = __webpack_require__(2974);
// EXTERNAL MODULE: ./src/s3/objects.ts + 1 modules
var s3_objects = __webpack_require__(2821);
;// CONCATENATED MODULE: ./src/store/sets.ts




const READS = 8;
async function readSets(s3, o, objects) {
    const setsFolder = `${(0,naming/* normalizePrefix */.iG)(o.prefix) ? `${(0,naming/* normalizePrefix */.iG)(o.prefix)}/` : ''}sets/`;
    const keys = objects
        .map((x) => x.key)
        .filter((k) => k.startsWith(setsFolder) && !k.slice(setsFolder.length).includes('/'))
        .filter((k) => (0,set_format/* parseSetKey */.FV)(k)?.environment === o.environment);
    const docs = new Array(keys.length);
    const unreadable = [];
    let next = 0;
    const worker = async () => {
        while (next < keys.length) {
            const i = next++;
            try {
                const text = await (0,s3_objects/* getText */.q4)(s3, o.bucket, keys[i]);
                docs[i] = text ? (0,set_format/* parseBackupSet */.ud)(text) : undefined;
            }
            catch {
                unreadable.push(keys[i]);
            }
        }
    };
    await Promise.all(Array.from({ length: Math.min(READS, keys.length) }, worker));
    const sets = docs.filter((d) => Boolean(d)).sort(newestSetFirst);
    const pointer = await (0,s3_objects/* getText */.q4)(s3, o.bucket, (0,set_format/* latestSetPointerKey */.CL)(o.prefix));
    return { sets, latestSetKey: (0,manifest/* latestKeyOf */.cn)(pointer), unreadable };
}
function newestSetFirst(a, b) {
    const pa = (0,set_format/* parseSetKey */.FV)(a.key);
    const pb = (0,set_format/* parseSetKey */.FV)(b.key);
    return pb.stamp.localeCompare(pa.stamp) || pb.seq - pa.seq;
}

;// CONCATENATED MODULE: ./src/store/listing.ts








/** The backups (the databases'; the globals' too with `withSets`, for list) and what latest.json names. */
async function listBackups(o, client = (0,s3_client/* createS3Client */.q)(o.s3), opts = {}) {
    try {
        // one database's own latest pointer first; the prefix's latest.json (single-database runs) is the fallback
        const [objects, pointerText, namedText] = await Promise.all([
            (0,s3_objects/* listAll */._w)(client, o.s3.bucket, o.s3.prefix),
            (0,s3_objects/* getText */.q4)(client, o.s3.bucket, (0,naming/* latestPointerKey */.OV)(o.s3.prefix)),
            o.name ? (0,s3_objects/* getText */.q4)(client, o.s3.bucket, (0,set_format/* latestNamePointerKey */.tO)(o.s3.prefix, o.name)) : undefined,
        ]);
        const where = { bucket: o.s3.bucket, prefix: o.s3.prefix, environment: o.environment };
        return {
            backups: (0,core_select/* backupsIn */.JL)(objects, { name: o.name, environment: o.environment, withGlobals: opts.withSets }),
            latestKey: (0,manifest/* latestKeyOf */.cn)(namedText) ?? (0,manifest/* latestKeyOf */.cn)(pointerText),
            ...(opts.withSets ? { sets: await readSets(client, where, objects) } : {}),
        };
    }
    catch (err) {
        throw (0,describe_error/* describeS3Error */.ye)(err, { bucket: o.s3.bucket, key: o.s3.prefix, endpoint: o.s3.endpoint, action: 'listing' });
    }
}


/***/ }),

/***/ 7:
/***/ ((__unused_webpack_module, __webpack_exports__, __webpack_require__) => {


// EXPORTS
__webpack_require__.d(__webpack_exports__, {
  N: () => (/* binding */ fetchBackupProven)
});

// EXTERNAL MODULE: ./src/core/errors.ts
var errors = __webpack_require__(4296);
// EXTERNAL MODULE: ./src/core/naming.ts
var naming = __webpack_require__(2607);
// EXTERNAL MODULE: ./src/core/bounded.ts
var bounded = __webpack_require__(926);
// EXTERNAL MODULE: ./src/s3/describe-error.ts
var describe_error = __webpack_require__(2974);
// EXTERNAL MODULE: ./src/s3/objects.ts + 1 modules
var objects = __webpack_require__(2821);
// EXTERNAL MODULE: ./src/stream/compress.ts
var compress = __webpack_require__(9042);
// EXTERNAL MODULE: ./src/store/download.ts
var download = __webpack_require__(413);
// EXTERNAL MODULE: ./src/stream/which.ts
var which = __webpack_require__(8929);
;// CONCATENATED MODULE: ./src/store/readback.ts



/** The decompressor for a backup: zstd's binary when there is one, else Node's own; gzip in-process. */
async function decompressorFor(chosen, ctx) {
    return (0,compress/* planDecompressor */.cZ)(chosen.entry.compression, { zstd: await (0,which/* which */.K)('zstd', ctx.env), nodeZstd: (0,compress/* nodeHasZstd */.Y5)() });
}
/**
 * Downloads the chosen backup and proves it: the SHA-256 equals the sidecar's, and the whole ciphertext decrypts with
 * the key, every chunk authenticated. A failed proof removes the download; `refusal` words what is refused.
 */
async function fetchProven(o, chosen, decryption, s3, ctx, refusal) {
    const decompress = await decompressorFor(chosen, ctx);
    const start = performance.now();
    const fetched = await (0,download/* fetchVerified */.J)(o, chosen, s3, ctx);
    const downloaded = performance.now();
    if (decryption) {
        try {
            const { plaintextBytes } = await decryption.authenticate(fetched.file, ctx.signal);
            ctx.log.info(`decryption verified (${decryption.label}): ${plaintextBytes} bytes`);
        }
        catch (err) {
            await fetched.cleanup();
            throw refusal ? refusal(err) : err;
        }
    }
    const seconds = { download: (downloaded - start) / 1000, proof: (performance.now() - downloaded) / 1000 };
    return {
        fetched,
        decompress,
        seconds,
        spec: () => ({
            file: fetched.file,
            decompress,
            signal: ctx.signal,
            ...(decryption ? { stages: [decryption.stage()] } : {}),
        }),
    };
}

;// CONCATENATED MODULE: ./src/store/parts.ts






/**
 * At most this many objects download at once. A restore's `jobs` speaks of the target's cores, not of the link: the
 * downloads are limited by S3's throughput per connection and the SHA-256 and decryption they run on the way, so a
 * few at once fill a runner's link while the disk writes stay sequential enough; the backup's `streams` is at most 8.
 */
const DOWNLOADS_AT_ONCE = 4;
/**
 * The backup's object and its data parts downloaded at once (at most DOWNLOADS_AT_ONCE), each proven; the first
 * failure stops the other downloads and removes every one of them. Progress is one sample for them all: the bytes
 * of every download summed, of the sizes of all. The caller cleans them up.
 */
async function fetchBackupProven(o, chosen, decryption, s3, ctx, refusal) {
    const { entry, manifest } = chosen;
    const parts = manifest?.parts ?? [];
    if (!parts.length && entry.parts?.length)
        throw new errors/* UserError */.yo(`${entry.key} has ${entry.parts.length} data parts but no readable manifest (.meta) naming them; refusing to restore (target untouched)`);
    // a listing shows the parts there; a set's member (no listing) takes the manifest's sizes
    const sizes = parts.map((part) => {
        const listed = entry.parts ? entry.parts.find((p) => p.key === part.key) : { size: part.size };
        if (!listed)
            throw new errors/* UserError */.yo(`${entry.key}: its data part ${(0,naming/* basename */.P8)(part.key)} is missing; refusing to restore (target untouched)`);
        return listed.size;
    });
    const progress = combinedProgress(ctx, [entry.size, ...sizes]);
    const tasks = [
        (signal) => fetchProven(o, chosen, decryption, s3, progress.of(0, signal), refusal),
        ...parts.map((part, i) => async (signal) => {
            // said as it starts: the downloads start in order, whatever order they end in
            ctx.log.info(`data part ${i + 1} of ${parts.length}: ${(0,naming/* basename */.P8)(part.key)}`);
            const own = progress.of(i + 1, signal);
            const expectedSha256 = await partChecksum(o, s3, entry.key, part);
            const partEntry = { ...entry, key: part.key, size: sizes[i], parts: undefined };
            return fetchProven(o, { entry: partEntry, expectedSha256, manifest }, decryption, s3, own, refusal);
        }),
    ];
    const all = await (0,bounded/* allBounded */.r)(tasks, DOWNLOADS_AT_ONCE, ctx.signal, (p) => p.fetched.cleanup());
    return { proven: all[0], parts: all.slice(1) };
}
/** One context per download whose progress adds up to one sample: the bytes of all of them, of all their sizes. */
function combinedProgress(ctx, sizes) {
    const bytes = sizes.map(() => 0);
    const total = sizes.reduce((n, b) => n + b, 0);
    const report = ctx.onProgress;
    return {
        of: (i, signal) => ({
            ...ctx,
            signal,
            ...(report
                ? {
                    onProgress: (p) => {
                        bytes[i] = p.bytes;
                        report({ ...p, bytes: bytes.reduce((n, b) => n + b, 0), total });
                    },
                }
                : {}),
        }),
    };
}
/** The part's own .sha256, which must agree with the manifest's. */
async function partChecksum(o, s3, key, part) {
    const text = await (0,objects/* getText */.q4)(s3, o.s3.bucket, (0,naming/* checksumKey */.Rq)(part.key)).catch((err) => {
        throw (0,describe_error/* describeS3Error */.ye)(err, { bucket: o.s3.bucket, key: part.key, endpoint: o.s3.endpoint, action: 'reading' });
    });
    const line = text ? (0,naming/* parseChecksumLine */.DB)(text) : undefined;
    const sidecar = (0,naming/* basename */.P8)((0,naming/* checksumKey */.Rq)(part.key));
    if (!line)
        throw new errors/* UserError */.yo(`${key}: the checksum sidecar ${sidecar} of its data part is missing or not in sha256sum format; refusing to restore (target untouched)`);
    if (line.sha256 !== part.sha256)
        throw new errors/* UserError */.yo(`${key}: ${sidecar} says sha256 ${line.sha256} but the manifest says ${part.sha256}; refusing to restore (target untouched)`);
    return line.sha256;
}


/***/ }),

/***/ 7521:
/***/ ((__unused_webpack_module, __webpack_exports__, __webpack_require__) => {

/* harmony export */ __webpack_require__.d(__webpack_exports__, {
/* harmony export */   G: () => (/* binding */ chooseReadable),
/* harmony export */   H: () => (/* binding */ ensureReadable)
/* harmony export */ });
/* harmony import */ var node_timers_promises__WEBPACK_IMPORTED_MODULE_0__ = __webpack_require__(8500);
/* harmony import */ var node_timers_promises__WEBPACK_IMPORTED_MODULE_0___default = /*#__PURE__*/__webpack_require__.n(node_timers_promises__WEBPACK_IMPORTED_MODULE_0__);
/* harmony import */ var _core_format_js__WEBPACK_IMPORTED_MODULE_7__ = __webpack_require__(6228);
/* harmony import */ var _core_archive_tiers_js__WEBPACK_IMPORTED_MODULE_1__ = __webpack_require__(529);
/* harmony import */ var _core_errors_js__WEBPACK_IMPORTED_MODULE_2__ = __webpack_require__(4296);
/* harmony import */ var _s3_archive_js__WEBPACK_IMPORTED_MODULE_3__ = __webpack_require__(100);
/* harmony import */ var _s3_describe_error_js__WEBPACK_IMPORTED_MODULE_4__ = __webpack_require__(2974);
/* harmony import */ var _download_js__WEBPACK_IMPORTED_MODULE_5__ = __webpack_require__(413);
/* harmony import */ var _listing_js__WEBPACK_IMPORTED_MODULE_6__ = __webpack_require__(6080);








async function stateOf(w) {
    try {
        return (0,_core_archive_tiers_js__WEBPACK_IMPORTED_MODULE_1__/* .archiveState */ .Cb)(await (0,_s3_archive_js__WEBPACK_IMPORTED_MODULE_3__/* .headTier */ .N)(w.s3, w.bucket, w.key));
    }
    catch (err) {
        throw (0,_s3_describe_error_js__WEBPACK_IMPORTED_MODULE_4__/* .describeS3Error */ .ye)(err, { bucket: w.bucket, key: w.key, endpoint: w.endpoint, action: 'reading' });
    }
}
/** Returns once the object can be read; throws a one-line UserError, or ThawPendingError (run again later). */
async function ensureReadable(w, t, ctx, verb) {
    const state = await stateOf(w);
    const step = (0,_core_archive_tiers_js__WEBPACK_IMPORTED_MODULE_1__/* .nextThawStep */ .gm)(w.key, state, t, verb);
    if (step.do === 'refuse')
        throw new _core_errors_js__WEBPACK_IMPORTED_MODULE_2__/* .UserError */ .yo(step.message);
    if (step.do === 'pending')
        throw new _core_archive_tiers_js__WEBPACK_IMPORTED_MODULE_1__/* .ThawPendingError */ .cY(step.message);
    if (step.do === 'read') {
        if (state.state === 'readable' && state.restoredUntil)
            ctx.log.info(`${w.key} is in ${state.storageClass}; its restored copy is readable until ${state.restoredUntil}`);
        return state;
    }
    if (step.do === 'request') {
        const answer = await (0,_s3_archive_js__WEBPACK_IMPORTED_MODULE_3__/* .requestRestore */ .Y)(w.s3, {
            bucket: w.bucket,
            key: w.key,
            tier: t.tier,
            days: t.days,
            intelligentTiering: state.storageClass === 'INTELLIGENT_TIERING',
        }).catch((err) => {
            throw (0,_s3_describe_error_js__WEBPACK_IMPORTED_MODULE_4__/* .describeS3Error */ .ye)(err, { bucket: w.bucket, key: w.key, endpoint: w.endpoint, action: 'restoring' });
        });
        if (answer === 'not-archived') {
            ctx.log.info(`${w.key}: S3 says it is not in an archive tier (InvalidObjectState): reading it as it is`);
            return { state: 'readable', storageClass: state.storageClass };
        }
        const message = (0,_core_archive_tiers_js__WEBPACK_IMPORTED_MODULE_1__/* .requestedMessage */ .WD)(w.key, state.storageClass, t, verb, answer === 'in-progress');
        if (!t.wait)
            throw new _core_archive_tiers_js__WEBPACK_IMPORTED_MODULE_1__/* .ThawPendingError */ .cY(message);
        ctx.log.info(message.replace(/: run the same .*$/, ''));
    }
    return poll(w, t, ctx, verb);
}
/** HeadObject every poll interval until the restored copy is readable, or thaw-timeout has passed. */
async function poll(w, t, ctx, verb) {
    const started = ctx.now().getTime();
    for (;;) {
        const elapsed = (ctx.now().getTime() - started) / 1000;
        const left = t.timeoutSeconds - elapsed;
        if (left <= 0) {
            throw new _core_archive_tiers_js__WEBPACK_IMPORTED_MODULE_1__/* .ThawPendingError */ .cY(`${w.key} is still being restored after thaw-timeout ${(0,_core_format_js__WEBPACK_IMPORTED_MODULE_7__/* .formatAge */ .nV)(t.timeoutSeconds)}: run the same ${verb} again later`);
        }
        await (0,node_timers_promises__WEBPACK_IMPORTED_MODULE_0__.setTimeout)(Math.min(t.pollSeconds, left) * 1000, undefined, { signal: ctx.signal }).catch(() => {
            throw ctx.signal.reason ?? new Error('cancelled');
        });
        const state = await stateOf(w);
        const waited = (0,_core_format_js__WEBPACK_IMPORTED_MODULE_7__/* .formatAge */ .nV)((ctx.now().getTime() - started) / 1000);
        if (state.state === 'readable') {
            ctx.log.info(`${w.key}: restored after ${waited}, readable${state.restoredUntil ? ` until ${state.restoredUntil}` : ''}`);
            return state;
        }
        ctx.log.info(`thaw: ${w.key} still restoring (${waited} of thaw-timeout ${(0,_core_format_js__WEBPACK_IMPORTED_MODULE_7__/* .formatAge */ .nV)(t.timeoutSeconds)})`);
    }
}
const listedAsArchived = (b) => _core_archive_tiers_js__WEBPACK_IMPORTED_MODULE_1__/* .ARCHIVE_CLASSES */ .CP.includes((b.storageClass ?? '').toUpperCase()) ||
    (b.storageClass ?? '').toUpperCase() === 'INTELLIGENT_TIERING';
/**
 * The drill's choice: the newest backup (with its checksum) readable without a thaw. Objects listed in an
 * archive class are asked with HeadObject (a restored copy counts as readable); others are readable as listed.
 */
async function newestReadable(w, backups, ctx) {
    for (const b of backups.filter((x) => x.hasChecksum)) {
        if (!listedAsArchived(b))
            return b;
        const state = await stateOf({ ...w, key: b.key });
        if (state.state === 'readable')
            return b;
        ctx.log.info(`skipping ${b.key}: in ${state.storageClass}${state.state === 'thawing' ? ' (being restored)' : ''}, not readable without a thaw (typically ${(0,_core_archive_tiers_js__WEBPACK_IMPORTED_MODULE_1__/* .typicalWait */ .eF)(state.storageClass, 'Standard') ?? 'hours'})`);
    }
    return undefined;
}
/**
 * chooseBackup, then the thaw state machine on the choice. `drill`: "latest" means the newest backup readable
 * without a thaw (unless thaw is set), so a scheduled drill never stops at a yearly backup in DEEP_ARCHIVE.
 */
async function chooseReadable(o, s3, ctx, verb, drill = false) {
    let selector = o.backup;
    const where = { s3, bucket: o.s3.bucket, endpoint: o.s3.endpoint };
    if (drill && selector === 'latest' && !o.thaw.thaw) {
        const listing = await (0,_listing_js__WEBPACK_IMPORTED_MODULE_6__/* .listBackups */ .C)(o, s3);
        const pointed = listing.backups.filter((b) => b.key === listing.latestKey);
        const pick = await newestReadable(where, [...pointed, ...listing.backups], ctx);
        if (pick)
            selector = pick.key;
    }
    const chosen = await (0,_download_js__WEBPACK_IMPORTED_MODULE_5__/* .chooseBackup */ .S)(o, selector, s3, ctx);
    // a multi-stream backup: its data parts too
    for (const key of [chosen.entry.key, ...(chosen.entry.parts ?? []).map((p) => p.key)])
        await ensureReadable({ ...where, key }, o.thaw, ctx, verb);
    return chosen;
}


/***/ }),

/***/ 5823:
/***/ ((__unused_webpack_module, __webpack_exports__, __webpack_require__) => {

/* harmony export */ __webpack_require__.d(__webpack_exports__, {
/* harmony export */   Rn: () => (/* binding */ readSet),
/* harmony export */   jh: () => (/* binding */ chosenMember),
/* harmony export */   vR: () => (/* binding */ membersToRestore)
/* harmony export */ });
/* harmony import */ var _core_set_format_js__WEBPACK_IMPORTED_MODULE_0__ = __webpack_require__(887);
/* harmony import */ var _core_errors_js__WEBPACK_IMPORTED_MODULE_1__ = __webpack_require__(4296);
/* harmony import */ var _core_manifest_js__WEBPACK_IMPORTED_MODULE_6__ = __webpack_require__(4414);
/* harmony import */ var _core_naming_js__WEBPACK_IMPORTED_MODULE_2__ = __webpack_require__(2607);
/* harmony import */ var _core_select_js__WEBPACK_IMPORTED_MODULE_3__ = __webpack_require__(3295);
/* harmony import */ var _s3_describe_error_js__WEBPACK_IMPORTED_MODULE_4__ = __webpack_require__(2974);
/* harmony import */ var _s3_objects_js__WEBPACK_IMPORTED_MODULE_5__ = __webpack_require__(2821);
/* harmony import */ var _core_input_ref_js__WEBPACK_IMPORTED_MODULE_7__ = __webpack_require__(7571);









/** YYYYMMDD_HHMMSS (UTC) → its time. */
function stampDate(s) {
    const n = (a, b) => Number(s.slice(a, b));
    return new Date(Date.UTC(n(0, 4), n(4, 6) - 1, n(6, 8), n(9, 11), n(11, 13), n(13, 15)));
}
/** The set key a selector means: the latest pointer, the newest set at or before a date, or the key itself. */
async function setKeyFor(o, selector, s3) {
    if (selector === 'latest') {
        const key = (0,_core_manifest_js__WEBPACK_IMPORTED_MODULE_6__/* .latestKeyOf */ .cn)(await (0,_s3_objects_js__WEBPACK_IMPORTED_MODULE_5__/* .getText */ .q4)(s3, o.s3.bucket, (0,_core_set_format_js__WEBPACK_IMPORTED_MODULE_0__/* .latestSetPointerKey */ .CL)(o.s3.prefix)));
        if (!key) {
            throw new _core_errors_js__WEBPACK_IMPORTED_MODULE_1__/* .UserError */ .yo(`set: no complete backup set under s3://${o.s3.bucket}/${o.s3.prefix}/sets/ (back up with ${(0,_core_input_ref_js__WEBPACK_IMPORTED_MODULE_7__/* .inputRef */ .i)('databases', 'all')} first, or check ${(0,_core_input_ref_js__WEBPACK_IMPORTED_MODULE_7__/* .inputRef */ .i)('bucket')}, ${(0,_core_input_ref_js__WEBPACK_IMPORTED_MODULE_7__/* .inputRef */ .i)('prefix')} and ${(0,_core_input_ref_js__WEBPACK_IMPORTED_MODULE_7__/* .inputRef */ .i)('environment')})`);
        }
        return key;
    }
    if ((0,_core_set_format_js__WEBPACK_IMPORTED_MODULE_0__/* .parseSetKey */ .FV)(selector))
        return selector;
    const bound = (0,_core_select_js__WEBPACK_IMPORTED_MODULE_3__/* .dateBound */ .xT)(selector);
    const sets = (await (0,_s3_objects_js__WEBPACK_IMPORTED_MODULE_5__/* .listAll */ ._w)(s3, o.s3.bucket, (0,_core_set_format_js__WEBPACK_IMPORTED_MODULE_0__/* .setsPrefix */ .k$)(o.s3.prefix).replace(/\/$/, '')))
        .map((x) => ({ key: x.key, parsed: (0,_core_set_format_js__WEBPACK_IMPORTED_MODULE_0__/* .parseSetKey */ .FV)(x.key) }))
        .filter((x) => x.parsed && x.parsed.environment === o.environment)
        .map((x) => ({ key: x.key, at: stampDate(x.parsed.stamp) }))
        .filter((x) => x.at.getTime() <= bound.getTime())
        .sort((a, b) => b.at.getTime() - a.at.getTime() || b.key.localeCompare(a.key));
    if (!sets.length)
        throw new _core_errors_js__WEBPACK_IMPORTED_MODULE_1__/* .UserError */ .yo(`set: no backup set at or before ${selector}; run list to see what exists`);
    return sets[0].key;
}
/** Reads the set a selector means. */
async function readSet(o, selector, s3) {
    let key = selector;
    try {
        key = await setKeyFor(o, selector, s3);
        const text = await (0,_s3_objects_js__WEBPACK_IMPORTED_MODULE_5__/* .getText */ .q4)(s3, o.s3.bucket, key);
        if (text === undefined)
            throw new _core_errors_js__WEBPACK_IMPORTED_MODULE_1__/* .UserError */ .yo(`set: ${key} does not exist; run list to see what exists`);
        return (0,_core_set_format_js__WEBPACK_IMPORTED_MODULE_0__/* .parseBackupSet */ .ud)(text);
    }
    catch (err) {
        if (err instanceof _core_errors_js__WEBPACK_IMPORTED_MODULE_1__/* .UserError */ .yo)
            throw err;
        if (err instanceof SyntaxError || /set document|set version/.test((0,_core_errors_js__WEBPACK_IMPORTED_MODULE_1__/* .errorMessage */ .gJ)(err))) {
            throw new _core_errors_js__WEBPACK_IMPORTED_MODULE_1__/* .UserError */ .yo(`set: ${key} is not a readable set document (${(0,_core_errors_js__WEBPACK_IMPORTED_MODULE_1__/* .errorMessage */ .gJ)(err)})`);
        }
        throw (0,_s3_describe_error_js__WEBPACK_IMPORTED_MODULE_4__/* .describeS3Error */ .ye)(err, { bucket: o.s3.bucket, key, endpoint: o.s3.endpoint, action: 'reading' });
    }
}
/** The members to restore: the chosen databases (all when none are named) and the globals; failed ones refused. */
function membersToRestore(set, databases) {
    const all = set.members.filter((m) => m.kind === 'database');
    const unknown = databases.filter((d) => !all.some((m) => m.database === d));
    if (unknown.length) {
        throw new _core_errors_js__WEBPACK_IMPORTED_MODULE_1__/* .UserError */ .yo(`databases: ${unknown.join(', ')} ${unknown.length === 1 ? 'is' : 'are'} not in the set ${set.key} (it holds ${all.map((m) => m.database).join(', ')})`);
    }
    const members = databases.length ? all.filter((m) => databases.includes(m.database)) : all;
    const failed = members.filter((m) => m.status !== 'ok' || !m.key || !m.sha256);
    if (failed.length) {
        throw new _core_errors_js__WEBPACK_IMPORTED_MODULE_1__/* .UserError */ .yo(`set ${set.key}: ${failed.map((m) => m.database).join(', ')} failed in that run and cannot be restored; choose the others with ${(0,_core_input_ref_js__WEBPACK_IMPORTED_MODULE_7__/* .inputRef */ .i)('databases')}, or an older ${(0,_core_input_ref_js__WEBPACK_IMPORTED_MODULE_7__/* .inputRef */ .i)('set')}`);
    }
    const globals = set.members.find((m) => m.kind === 'globals' && m.name === _core_set_format_js__WEBPACK_IMPORTED_MODULE_0__/* .GLOBALS_NAME */ .X4 && m.status === 'ok');
    return { globals, members };
}
/** A member as a chosen backup: key, size and SHA-256 from the set; its manifest from its .meta. */
async function chosenMember(o, m, s3) {
    const parsed = (0,_core_naming_js__WEBPACK_IMPORTED_MODULE_2__/* .parseBackupKey */ .lG)(m.key);
    if (!parsed)
        throw new _core_errors_js__WEBPACK_IMPORTED_MODULE_1__/* .UserError */ .yo(`set: member ${m.name} has a key this tool does not read: ${m.key}`);
    const text = await (0,_s3_objects_js__WEBPACK_IMPORTED_MODULE_5__/* .getText */ .q4)(s3, o.s3.bucket, (0,_core_naming_js__WEBPACK_IMPORTED_MODULE_2__/* .manifestKey */ .Rn)(m.key)).catch((err) => {
        throw (0,_s3_describe_error_js__WEBPACK_IMPORTED_MODULE_4__/* .describeS3Error */ .ye)(err, { bucket: o.s3.bucket, key: m.key, endpoint: o.s3.endpoint, action: 'reading' });
    });
    const manifest = text ? (0,_core_manifest_js__WEBPACK_IMPORTED_MODULE_6__/* .parseManifest */ .Ng)(text) : undefined;
    return {
        entry: { ...parsed, size: m.size ?? 0, hasChecksum: true, hasManifest: Boolean(text) },
        expectedSha256: m.sha256,
        manifest,
    };
}


/***/ }),

/***/ 397:
/***/ ((__unused_webpack_module, __webpack_exports__, __webpack_require__) => {

/* harmony export */ __webpack_require__.d(__webpack_exports__, {
/* harmony export */   U: () => (/* binding */ writeSidecars)
/* harmony export */ });
/* harmony import */ var _core_errors_js__WEBPACK_IMPORTED_MODULE_0__ = __webpack_require__(4296);
/* harmony import */ var _core_naming_js__WEBPACK_IMPORTED_MODULE_1__ = __webpack_require__(2607);
/* harmony import */ var _s3_describe_error_js__WEBPACK_IMPORTED_MODULE_2__ = __webpack_require__(2974);
/* harmony import */ var _s3_objects_js__WEBPACK_IMPORTED_MODULE_3__ = __webpack_require__(2821);




async function writeSidecars(w) {
    const { s3, manifest, key } = w;
    const written = [key];
    const sidecar = { ...w.common, ContentType: 'text/plain' };
    const tieredSidecar = { ...w.tiered, ContentType: 'text/plain', IfNoneMatch: '*' };
    let current = (0,_core_naming_js__WEBPACK_IMPORTED_MODULE_1__/* .checksumKey */ .Rq)(key);
    let waiting = false;
    try {
        await putNew(s3, { ...tieredSidecar, Key: current }, (0,_core_naming_js__WEBPACK_IMPORTED_MODULE_1__/* .checksumLine */ .Ut)(manifest.sha256, key));
        written.push(current);
        current = (0,_core_naming_js__WEBPACK_IMPORTED_MODULE_1__/* .manifestKey */ .Rn)(key);
        await putNew(s3, { ...tieredSidecar, Key: current, ContentType: 'application/json' }, `${JSON.stringify(manifest, null, 2)}\n`);
        written.push(current);
        if (w.copyKey) {
            current = w.copyKey;
            await (0,_s3_objects_js__WEBPACK_IMPORTED_MODULE_3__/* .copyObject */ .JH)(s3, {
                bucket: w.bucket,
                from: key,
                to: w.copyKey,
                size: manifest.size,
                extra: { ...w.common, StorageClass: w.storageClass },
            });
            current = (0,_core_naming_js__WEBPACK_IMPORTED_MODULE_1__/* .checksumKey */ .Rq)(w.copyKey);
            await (0,_s3_objects_js__WEBPACK_IMPORTED_MODULE_3__/* .putText */ .rb)(s3, { ...sidecar, Key: current }, (0,_core_naming_js__WEBPACK_IMPORTED_MODULE_1__/* .checksumLine */ .Ut)(manifest.sha256, w.copyKey));
        }
        waiting = true;
        await w.beforePointers?.();
        waiting = false;
        const pointer = {
            schema: 's3-backup/latest',
            key,
            sha256: manifest.sha256,
            size: manifest.size,
            finishedAt: manifest.finishedAt,
            manifestKey: (0,_core_naming_js__WEBPACK_IMPORTED_MODULE_1__/* .manifestKey */ .Rn)(key),
        };
        // the last pointer is the one that must stay unchanged on a failure: the ones before it are removed then
        const pointers = w.pointers ?? [(0,_core_naming_js__WEBPACK_IMPORTED_MODULE_1__/* .latestPointerKey */ .OV)(w.prefix)];
        for (const [i, pointerKey] of pointers.entries()) {
            current = pointerKey;
            await (0,_s3_objects_js__WEBPACK_IMPORTED_MODULE_3__/* .putText */ .rb)(s3, { ...sidecar, Key: current, ContentType: 'application/json' }, `${JSON.stringify(pointer, null, 2)}\n`);
            if (i < pointers.length - 1)
                written.push(current);
        }
    }
    catch (err) {
        await removeWritten(w, written);
        throw waiting ? err : w.s3Error(err, 'writing', current);
    }
}
async function removeWritten(w, written) {
    await (0,_s3_objects_js__WEBPACK_IMPORTED_MODULE_3__/* .deleteKeys */ .IO)(w.s3, w.bucket, written).then(() => (0,_core_errors_js__WEBPACK_IMPORTED_MODULE_0__/* .noteCleanup */ .jS)(w.ctx.signal, `the backup and the sidecars written so far were removed (${written.map(_core_naming_js__WEBPACK_IMPORTED_MODULE_1__/* .basename */ .P8).join(', ')}); latest.json is unchanged`), (cleanupErr) => {
        w.ctx.log.warning(`could not remove ${written.join(', ')} after the failure: ${(0,_core_errors_js__WEBPACK_IMPORTED_MODULE_0__/* .errorMessage */ .gJ)(cleanupErr)}`);
        (0,_core_errors_js__WEBPACK_IMPORTED_MODULE_0__/* .noteCleanup */ .jS)(w.ctx.signal, `could not remove ${written.join(', ')}: ${(0,_core_errors_js__WEBPACK_IMPORTED_MODULE_0__/* .errorMessage */ .gJ)(cleanupErr)}`);
    });
}
/**
 * A sidecar written with If-None-Match: a 412 can be this run's own earlier attempt, whose answer was lost before the
 * SDK sent it again: what is there is ours when it holds exactly these bytes (the key is claimed by this run).
 */
async function putNew(s3, params, text) {
    try {
        await (0,_s3_objects_js__WEBPACK_IMPORTED_MODULE_3__/* .putText */ .rb)(s3, params, text);
    }
    catch (err) {
        const status = err.$metadata?.httpStatusCode;
        if ((0,_s3_describe_error_js__WEBPACK_IMPORTED_MODULE_2__/* .s3ErrorCode */ .az)(err) !== 'PreconditionFailed' && status !== 412)
            throw err;
        if ((await (0,_s3_objects_js__WEBPACK_IMPORTED_MODULE_3__/* .getText */ .q4)(s3, params.Bucket, params.Key)) !== text)
            throw err;
    }
}


/***/ }),

/***/ 9042:
/***/ ((__unused_webpack_module, __webpack_exports__, __webpack_require__) => {

/* harmony export */ __webpack_require__.d(__webpack_exports__, {
/* harmony export */   B1: () => (/* binding */ parseZstdSizes),
/* harmony export */   PM: () => (/* binding */ planCompressor),
/* harmony export */   Y5: () => (/* binding */ nodeHasZstd),
/* harmony export */   cZ: () => (/* binding */ planDecompressor)
/* harmony export */ });
/* harmony import */ var node_zlib__WEBPACK_IMPORTED_MODULE_0__ = __webpack_require__(8522);
/* harmony import */ var node_zlib__WEBPACK_IMPORTED_MODULE_0___default = /*#__PURE__*/__webpack_require__.n(node_zlib__WEBPACK_IMPORTED_MODULE_0__);
/* harmony import */ var _core_errors_js__WEBPACK_IMPORTED_MODULE_1__ = __webpack_require__(4296);
/**
 * How bytes get (de)compressed. zstd runs as a child process fed straight from pg_dump's stdout (the raw dump never
 * passes through JavaScript: measured ≈20% faster, shared/PERFORMANCE.md) and uses every core; without the zstd
 * binary, Node's own zstd (Node ≥ 22.15) does it in-process. gzip uses Node's zlib (one core: gzip is the wall
 * either way). The plan is pure; running it is pipeline.ts's job.
 */


function nodeHasZstd() {
    return typeof (node_zlib__WEBPACK_IMPORTED_MODULE_0___default().createZstdCompress) === 'function';
}
const NO_ZSTD = 'zstd is not available (no zstd binary on PATH and this Node has no built-in zstd): install zstd, or use compression: gzip';
function planCompressor(method, level, available) {
    if (method === 'none')
        return { kind: 'none', label: 'none' };
    if (method === 'gzip') {
        return { kind: 'stream', label: `gzip -${level} (node:zlib)`, create: () => node_zlib__WEBPACK_IMPORTED_MODULE_0___default().createGzip({ level }) };
    }
    if (available.zstd) {
        // -vv prints the exact input byte count at the end (our raw size); --no-progress keeps stderr short
        return {
            kind: 'process',
            command: available.zstd,
            args: [`-${level}`, '-T0', '-c', '-vv', '--no-progress'],
            label: `zstd -${level} -T0`,
        };
    }
    if (available.nodeZstd) {
        const z = (node_zlib__WEBPACK_IMPORTED_MODULE_0___default());
        return {
            kind: 'stream',
            label: `zstd -${level} (node:zlib)`,
            create: () => z.createZstdCompress({ params: { [z.constants.ZSTD_c_compressionLevel]: level } }),
        };
    }
    throw new _core_errors_js__WEBPACK_IMPORTED_MODULE_1__/* .UserError */ .yo(`compression: ${NO_ZSTD}`);
}
function planDecompressor(method, available) {
    if (method === 'none')
        return { kind: 'none', label: 'none' };
    if (method === 'gzip')
        return { kind: 'stream', label: 'gunzip (node:zlib)', create: () => node_zlib__WEBPACK_IMPORTED_MODULE_0___default().createGunzip() };
    if (available.zstd)
        return { kind: 'process', command: available.zstd, args: ['-d', '-c', '-q'], label: 'zstd -d' };
    if (available.nodeZstd) {
        const z = (node_zlib__WEBPACK_IMPORTED_MODULE_0___default());
        return { kind: 'stream', label: 'zstd -d (node:zlib)', create: () => z.createZstdDecompress() };
    }
    throw new _core_errors_js__WEBPACK_IMPORTED_MODULE_1__/* .UserError */ .yo(`this backup is zstd-compressed but ${NO_ZSTD.replace('compression: gzip', 'gzip for new backups')}`);
}
/** zstd -vv's closing line: "(300000000 B => 9420 B, …)"; older versions: "(300000000 => 9420 bytes, …)". */
function parseZstdSizes(stderr) {
    const m = /\(\s*(\d+)\s*B?\s*=>\s*(\d+)\s*(?:B|bytes)/.exec(stderr);
    return m ? { raw: Number(m[1]), compressed: Number(m[2]) } : undefined;
}


/***/ }),

/***/ 8368:
/***/ ((__unused_webpack_module, __webpack_exports__, __webpack_require__) => {

/* harmony export */ __webpack_require__.d(__webpack_exports__, {
/* harmony export */   EX: () => (/* binding */ decodeToFile),
/* harmony export */   cg: () => (/* binding */ runConsumer),
/* harmony export */   zT: () => (/* binding */ decodeInto)
/* harmony export */ });
/* harmony import */ var node_fs__WEBPACK_IMPORTED_MODULE_0__ = __webpack_require__(3024);
/* harmony import */ var node_fs__WEBPACK_IMPORTED_MODULE_0___default = /*#__PURE__*/__webpack_require__.n(node_fs__WEBPACK_IMPORTED_MODULE_0__);
/* harmony import */ var node_stream_promises__WEBPACK_IMPORTED_MODULE_1__ = __webpack_require__(6466);
/* harmony import */ var node_stream_promises__WEBPACK_IMPORTED_MODULE_1___default = /*#__PURE__*/__webpack_require__.n(node_stream_promises__WEBPACK_IMPORTED_MODULE_1__);
/* harmony import */ var _postgres_process_js__WEBPACK_IMPORTED_MODULE_2__ = __webpack_require__(4898);
/**
 * Reading a downloaded backup back: file → [decrypt stages] → decompress → a consumer process's stdin
 * (pg_restore, psql, or pg_restore -f /dev/null for verify). Like the backup, uncompressed bytes go from the
 * zstd child straight to the consumer's stdin without passing through JavaScript.
 */



function killOnAbort(signal, procs) {
    const kill = () => {
        for (const p of procs)
            p.kill();
    };
    signal?.addEventListener('abort', kill, { once: true });
    return () => signal?.removeEventListener('abort', kill);
}
const lineReader = (c) => (c.onLine ? { onLine: c.onLine } : {});
/** Runs a consumer that reads its input itself (pg_restore --jobs of a file). */
async function runConsumer(consumer, signal) {
    const proc = (0,_postgres_process_js__WEBPACK_IMPORTED_MODULE_2__/* .spawnTool */ .My)(consumer.name, consumer.command, consumer.args, {
        env: consumer.env,
        stdio: ['ignore', 'ignore', 'pipe'],
        ...lineReader(consumer),
    });
    const release = killOnAbort(signal, [proc]);
    try {
        await proc.exited.catch((err) => {
            throw signal?.aborted ? signal.reason : err;
        });
    }
    finally {
        release();
    }
}
/** Decodes `file` into a consumer process's stdin. */
async function decodeInto(spec, consumer) {
    const stages = spec.stages ?? [];
    const procs = [];
    let feed = Promise.resolve();
    let proc;
    if (spec.decompress.kind === 'process') {
        const direct = stages.length === 0;
        const dec = (0,_postgres_process_js__WEBPACK_IMPORTED_MODULE_2__/* .spawnTool */ .My)('zstd', spec.decompress.command, [...spec.decompress.args, ...(direct ? [spec.file] : [])], {
            stdio: [direct ? 'ignore' : 'pipe', 'pipe', 'pipe'],
        });
        proc = (0,_postgres_process_js__WEBPACK_IMPORTED_MODULE_2__/* .spawnTool */ .My)(consumer.name, consumer.command, consumer.args, {
            env: consumer.env,
            stdio: [dec.child.stdout, 'ignore', 'pipe'],
            ...lineReader(consumer),
        });
        dec.child.stdout.destroy();
        procs.push(proc, dec);
        if (!direct)
            feed = (0,node_stream_promises__WEBPACK_IMPORTED_MODULE_1__.pipeline)([(0,node_fs__WEBPACK_IMPORTED_MODULE_0__.createReadStream)(spec.file), ...stages, dec.child.stdin]);
    }
    else {
        proc = (0,_postgres_process_js__WEBPACK_IMPORTED_MODULE_2__/* .spawnTool */ .My)(consumer.name, consumer.command, consumer.args, {
            env: consumer.env,
            stdio: ['pipe', 'ignore', 'pipe'],
            ...lineReader(consumer),
        });
        procs.push(proc);
        const decompress = spec.decompress.kind === 'stream' ? [spec.decompress.create()] : [];
        feed = (0,node_stream_promises__WEBPACK_IMPORTED_MODULE_1__.pipeline)([(0,node_fs__WEBPACK_IMPORTED_MODULE_0__.createReadStream)(spec.file), ...stages, ...decompress, proc.child.stdin]);
    }
    const release = killOnAbort(spec.signal, procs);
    try {
        const settled = await Promise.allSettled([feed, ...procs.map((p) => p.exited)]);
        if (spec.signal?.aborted)
            throw spec.signal.reason;
        // a damaged or undecryptable input is the reason the consumer saw garbage: report the decoder first,
        // unless the consumer failed on its own (e.g. a SQL error) while the input was fine
        const [feedResult, consumerResult, ...decoders] = settled;
        for (const r of [...decoders, feedResult, consumerResult]) {
            if (r?.status === 'rejected' && !isBrokenPipe(r.reason))
                throw r.reason;
        }
    }
    finally {
        release();
    }
}
function isBrokenPipe(err) {
    const e = err;
    // the consumer stopped reading (it failed, and its failure is the reason): a write error on the socketpair
    return (e?.code === 'EPIPE' || e?.code === 'ECONNRESET' || /broken pipe|connection reset|write error/i.test(e?.stderr ?? ''));
}
/** Decodes `file` to another file (parallel pg_restore needs a seekable archive). */
async function decodeToFile(spec, to) {
    const stages = spec.stages ?? [];
    if (spec.decompress.kind === 'process') {
        const out = (0,node_fs__WEBPACK_IMPORTED_MODULE_0__.createWriteStream)(to, { mode: 0o600 });
        await new Promise((resolve, reject) => {
            out.once('open', () => resolve());
            out.once('error', reject);
        });
        const direct = stages.length === 0;
        const dec = (0,_postgres_process_js__WEBPACK_IMPORTED_MODULE_2__/* .spawnTool */ .My)('zstd', spec.decompress.command, [...spec.decompress.args, ...(direct ? [spec.file] : [])], {
            stdio: [direct ? 'ignore' : 'pipe', out, 'pipe'],
        });
        const feed = direct ? Promise.resolve() : (0,node_stream_promises__WEBPACK_IMPORTED_MODULE_1__.pipeline)([(0,node_fs__WEBPACK_IMPORTED_MODULE_0__.createReadStream)(spec.file), ...stages, dec.child.stdin]);
        try {
            const [f, d] = await Promise.allSettled([feed, dec.exited]);
            if (f.status === 'rejected')
                throw f.reason;
            if (d.status === 'rejected')
                throw d.reason;
        }
        finally {
            out.close();
        }
        return;
    }
    const decompress = spec.decompress.kind === 'stream' ? [spec.decompress.create()] : [];
    await (0,node_stream_promises__WEBPACK_IMPORTED_MODULE_1__.pipeline)([(0,node_fs__WEBPACK_IMPORTED_MODULE_0__.createReadStream)(spec.file), ...stages, ...decompress, (0,node_fs__WEBPACK_IMPORTED_MODULE_0__.createWriteStream)(to, { mode: 0o600 })]);
}


/***/ }),

/***/ 449:
/***/ ((__unused_webpack_module, __webpack_exports__, __webpack_require__) => {

/* harmony export */ __webpack_require__.d(__webpack_exports__, {
/* harmony export */   N: () => (/* binding */ deferredSink)
/* harmony export */ });
/* harmony import */ var node_stream__WEBPACK_IMPORTED_MODULE_0__ = __webpack_require__(7075);
/* harmony import */ var node_stream__WEBPACK_IMPORTED_MODULE_0___default = /*#__PURE__*/__webpack_require__.n(node_stream__WEBPACK_IMPORTED_MODULE_0__);
/* harmony import */ var node_stream_promises__WEBPACK_IMPORTED_MODULE_1__ = __webpack_require__(6466);
/* harmony import */ var node_stream_promises__WEBPACK_IMPORTED_MODULE_1___default = /*#__PURE__*/__webpack_require__.n(node_stream_promises__WEBPACK_IMPORTED_MODULE_1__);
/**
 * A sink whose destination is not known yet: the stream may start (pg_dump connects, the first bytes are compressed)
 * while the upload's key is still being claimed. The first chunk waits until the destination exists, so nothing is
 * written anywhere before then and memory stays one chunk; from there every chunk, the end and a failure pass through.
 * A destination that never comes (the claim failed) fails the stream with that error, which stops the dump.
 */


function deferredSink(destination) {
    let gone;
    const ready = destination.then((s) => {
        gone = (0,node_stream_promises__WEBPACK_IMPORTED_MODULE_1__.finished)(s);
        gone.catch(() => undefined);
        return s;
    });
    ready.catch(() => undefined);
    const sink = new node_stream__WEBPACK_IMPORTED_MODULE_0__.Writable({
        highWaterMark: 1 << 20,
        write(chunk, _enc, callback) {
            ready.then((s) => {
                if (s.write(chunk))
                    callback();
                else {
                    let called = false;
                    const done = () => {
                        if (called)
                            return;
                        called = true;
                        s.off('drain', done);
                        callback(s.errored ?? null);
                    };
                    s.once('drain', done);
                    gone.then(done, done);
                }
            }, (err) => callback(err));
        },
        final(callback) {
            ready.then((s) => {
                s.end();
                gone.then(() => callback(), (err) => callback(err));
            }, (err) => callback(err));
        },
        destroy(err, callback) {
            // a destination that arrives after the stream failed is destroyed too (its upload aborted) before the error goes on
            ready.then((s) => {
                if (!s.destroyed)
                    s.destroy(err ?? undefined);
                gone.then(() => callback(err), () => callback(err));
            }, () => callback(err));
        },
    });
    // the destination failing on its own (an S3 error after its retries) fails the stream, which stops pg_dump
    ready.then(() => gone.catch((err) => sink.destroy(err)), () => undefined);
    return sink;
}


/***/ }),

/***/ 6416:
/***/ ((__unused_webpack_module, __webpack_exports__, __webpack_require__) => {

/* harmony export */ __webpack_require__.d(__webpack_exports__, {
/* harmony export */   E: () => (/* binding */ runBackupStream)
/* harmony export */ });
/* harmony import */ var node_crypto__WEBPACK_IMPORTED_MODULE_0__ = __webpack_require__(7598);
/* harmony import */ var node_crypto__WEBPACK_IMPORTED_MODULE_0___default = /*#__PURE__*/__webpack_require__.n(node_crypto__WEBPACK_IMPORTED_MODULE_0__);
/* harmony import */ var node_stream__WEBPACK_IMPORTED_MODULE_1__ = __webpack_require__(7075);
/* harmony import */ var node_stream__WEBPACK_IMPORTED_MODULE_1___default = /*#__PURE__*/__webpack_require__.n(node_stream__WEBPACK_IMPORTED_MODULE_1__);
/* harmony import */ var node_stream_promises__WEBPACK_IMPORTED_MODULE_2__ = __webpack_require__(6466);
/* harmony import */ var node_stream_promises__WEBPACK_IMPORTED_MODULE_2___default = /*#__PURE__*/__webpack_require__.n(node_stream_promises__WEBPACK_IMPORTED_MODULE_2__);
/* harmony import */ var _compress_js__WEBPACK_IMPORTED_MODULE_3__ = __webpack_require__(9042);
/* harmony import */ var _postgres_process_js__WEBPACK_IMPORTED_MODULE_4__ = __webpack_require__(4898);
/* harmony import */ var _stall_watch_js__WEBPACK_IMPORTED_MODULE_5__ = __webpack_require__(680);






/** Counts and hashes what passes; holds back the end of the stream until `gate` settles. */
class HashGate extends node_stream__WEBPACK_IMPORTED_MODULE_1__.Transform {
    gate;
    hash = (0,node_crypto__WEBPACK_IMPORTED_MODULE_0__.createHash)('sha256');
    bytes = 0;
    constructor(gate) {
        super();
        this.gate = gate;
    }
    _transform(chunk, _enc, cb) {
        this.hash.update(chunk);
        this.bytes += chunk.length;
        cb(null, chunk);
    }
    _flush(cb) {
        this.gate().then(() => cb(), cb);
    }
}
class Counter extends node_stream__WEBPACK_IMPORTED_MODULE_1__.Transform {
    bytes = 0;
    _transform(chunk, _enc, cb) {
        this.bytes += chunk.length;
        cb(null, chunk);
    }
}
async function runBackupStream(spec) {
    const procs = [];
    const dump = (0,_postgres_process_js__WEBPACK_IMPORTED_MODULE_4__/* .spawnTool */ .My)(spec.dump.tool ?? 'pg_dump', spec.dump.command, spec.dump.args, {
        env: spec.dump.env,
        ...(spec.dump.onLine ? { onLine: spec.dump.onLine } : {}),
    });
    procs.push(dump);
    let source;
    let transforms = [];
    let rawCounter;
    let zstd;
    if (spec.compressor.kind === 'process') {
        // hand pg_dump's stdout to the compressor as its stdin: the raw dump never enters this process
        zstd = (0,_postgres_process_js__WEBPACK_IMPORTED_MODULE_4__/* .spawnTool */ .My)('zstd', spec.compressor.command, spec.compressor.args, {
            stdio: [dump.child.stdout, 'pipe', 'pipe'],
        });
        dump.child.stdout.destroy();
        procs.push(zstd);
        source = zstd.child.stdout;
    }
    else {
        source = dump.child.stdout;
        rawCounter = new Counter();
        transforms = spec.compressor.kind === 'stream' ? [rawCounter, spec.compressor.create()] : [rawCounter];
    }
    // pg_dump's verdict first: when it fails, the compressor's EOF is a consequence, not the reason
    const allExited = async () => {
        for (const p of procs)
            await p.exited;
        await spec.alsoWaitFor;
    };
    const gate = new HashGate(allExited);
    const killAll = () => {
        for (const p of procs)
            p.kill('SIGTERM');
    };
    spec.signal?.addEventListener('abort', killAll, { once: true });
    const watch = spec.stall ? [new _stall_watch_js__WEBPACK_IMPORTED_MODULE_5__/* .StallWatch */ .kJ({ ...spec.stall, onStall: killAll })] : [];
    try {
        await (0,node_stream_promises__WEBPACK_IMPORTED_MODULE_2__.pipeline)([source, ...watch, ...transforms, ...(spec.stages ?? []), gate, spec.sink], {
            signal: spec.signal,
        });
    }
    catch (err) {
        killAll();
        // prefer the tool's own words (pg_dump: "permission denied for table …") over a stream-level symptom
        const settled = await Promise.allSettled(procs.map((p) => p.exited));
        if (spec.signal?.aborted)
            throw spec.signal.reason ?? err;
        const toolError = settled.find((s, i) => s.status === 'rejected' &&
            s.reason instanceof _postgres_process_js__WEBPACK_IMPORTED_MODULE_4__/* .ToolError */ .v4 &&
            s.reason.signal === null &&
            // a tool we stopped ourselves (pg_dump answers SIGTERM with exit 1, "terminated by user") or a broken pipe
            // is our own teardown, not the reason: the stream's error (e.g. the S3 error) is
            !procs[i].stopped &&
            !/broken pipe|could not write to output/i.test(s.reason.stderr));
        throw toolError ? toolError.reason : err;
    }
    finally {
        spec.signal?.removeEventListener('abort', killAll);
    }
    const rawBytes = rawCounter ? rawCounter.bytes : zstd ? (0,_compress_js__WEBPACK_IMPORTED_MODULE_3__/* .parseZstdSizes */ .B1)(zstd.stderr())?.raw : undefined;
    return { bytes: gate.bytes, rawBytes, sha256: gate.hash.digest('hex') };
}


/***/ }),

/***/ 680:
/***/ ((__unused_webpack_module, __webpack_exports__, __webpack_require__) => {

/* harmony export */ __webpack_require__.d(__webpack_exports__, {
/* harmony export */   kJ: () => (/* binding */ StallWatch),
/* harmony export */   tW: () => (/* binding */ formatLimit)
/* harmony export */ });
/* unused harmony export StallError */
/* harmony import */ var node_stream__WEBPACK_IMPORTED_MODULE_0__ = __webpack_require__(7075);
/* harmony import */ var node_stream__WEBPACK_IMPORTED_MODULE_0___default = /*#__PURE__*/__webpack_require__.n(node_stream__WEBPACK_IMPORTED_MODULE_0__);
/* harmony import */ var _core_errors_js__WEBPACK_IMPORTED_MODULE_1__ = __webpack_require__(4296);
/**
 * A watchdog on the dump's output: when pg_dump sends nothing for longer than the stall limit (pg-stall-timeout)
 * while the rest of the stream is ready for more, the stream fails with a StallError.
 *
 * Only a silent source counts: while the stages after it hold data back (a part being uploaded, a slow S3 — which
 * s3-timeout bounds), the watch is not waiting on pg_dump, and the clock starts again. With an external compressor
 * the watch sits on the compressor's output, which trails pg_dump by at most one compression job (a few MiB of dump).
 */


class StallError extends _core_errors_js__WEBPACK_IMPORTED_MODULE_1__/* .UserError */ .yo {
    name = 'StallError';
}
class StallWatch extends node_stream__WEBPACK_IMPORTED_MODULE_0__.Transform {
    o;
    last = Date.now();
    timer;
    constructor(o) {
        super();
        this.o = o;
        // check often enough to stop within a quarter of the limit past it
        const every = Math.max(10, Math.min(5_000, Math.floor(o.limitMs / 4)));
        this.timer = setInterval(() => this.check(), every);
        this.timer.unref();
    }
    /** True while what came in has not been taken further: the stream is held downstream, not waiting on its source. */
    get heldDownstream() {
        return this.readableLength > 0 || this.writableLength > 0;
    }
    check() {
        const now = Date.now();
        if (this.heldDownstream) {
            this.last = now;
            return;
        }
        if (now - this.last < this.o.limitMs)
            return;
        this.stop();
        this.o.onStall?.();
        this.destroy(new StallError(this.o.describe(this.o.limitMs)));
    }
    stop() {
        clearInterval(this.timer);
    }
    _transform(chunk, _enc, cb) {
        this.last = Date.now();
        cb(null, chunk);
    }
    _flush(cb) {
        this.stop();
        cb();
    }
    _destroy(err, cb) {
        this.stop();
        cb(err);
    }
}
/** "2s", "10m", "1m30s" for the error line. */
function formatLimit(ms) {
    const s = Math.round(ms / 1000);
    if (s < 60 || s % 60 !== 0)
        return s >= 60 ? `${Math.floor(s / 60)}m${s % 60}s` : `${s}s`;
    return `${s / 60}m`;
}


/***/ }),

/***/ 8978:
/***/ ((__unused_webpack_module, __webpack_exports__, __webpack_require__) => {

/* harmony export */ __webpack_require__.d(__webpack_exports__, {
/* harmony export */   A: () => (/* binding */ teeSink)
/* harmony export */ });
/* harmony import */ var node_stream__WEBPACK_IMPORTED_MODULE_0__ = __webpack_require__(7075);
/* harmony import */ var node_stream__WEBPACK_IMPORTED_MODULE_0___default = /*#__PURE__*/__webpack_require__.n(node_stream__WEBPACK_IMPORTED_MODULE_0__);
/* harmony import */ var node_stream_promises__WEBPACK_IMPORTED_MODULE_1__ = __webpack_require__(6466);
/* harmony import */ var node_stream_promises__WEBPACK_IMPORTED_MODULE_1___default = /*#__PURE__*/__webpack_require__.n(node_stream_promises__WEBPACK_IMPORTED_MODULE_1__);
/**
 * One stream, two uploads: every chunk goes to the primary sink and to the copy's, and the next chunk is taken only
 * once both have accepted it (the slower upload sets the pace; memory stays bounded by their buffers).
 *
 * The two are not equal. The primary failing fails the stream (and the copy's upload is aborted with it). The copy
 * failing never touches the primary: the copy is dropped (its upload aborted by its own sink), `onCopyError` is told
 * once, and the stream goes on to the primary alone.
 */


/** Resolves when `s` took the chunk (at once, or after 'drain'), or when `s` is gone (ended, failed, destroyed). */
function handTo(s, chunk, gone) {
    if (s.destroyed || s.writableEnded)
        return Promise.resolve();
    if (s.write(chunk))
        return Promise.resolve();
    return new Promise((resolve) => {
        const done = () => {
            s.off('drain', done);
            resolve();
        };
        s.once('drain', done);
        gone.then(done, done);
    });
}
function teeSink(primary, copy, onCopyError) {
    let copyFailed = false;
    const copyGone = (0,node_stream_promises__WEBPACK_IMPORTED_MODULE_1__.finished)(copy).then(() => undefined, (err) => {
        copyFailed = true;
        onCopyError(err);
    });
    const primaryGone = (0,node_stream_promises__WEBPACK_IMPORTED_MODULE_1__.finished)(primary);
    primaryGone.catch(() => undefined);
    const tee = new node_stream__WEBPACK_IMPORTED_MODULE_0__.Writable({
        highWaterMark: 1 << 20,
        write(chunk, _enc, callback) {
            Promise.all([handTo(primary, chunk, primaryGone), copyFailed ? undefined : handTo(copy, chunk, copyGone)]).then(() => callback(primary.errored ?? null), callback);
        },
        final(callback) {
            primary.end();
            if (!copyFailed && !copy.destroyed)
                copy.end();
            // both settle: the primary's verdict is the stream's, the copy's was told to onCopyError
            Promise.all([primaryGone, copyGone]).then(() => callback(), (err) => callback(err));
        },
        destroy(err, callback) {
            if (!primary.destroyed)
                primary.destroy(err ?? undefined);
            if (!copy.destroyed)
                copy.destroy(err ?? undefined);
            // wait for both multipart uploads to be aborted before the error goes on
            Promise.allSettled([primaryGone, copyGone]).then(() => callback(err));
        },
    });
    // the primary failing on its own (an S3 error after its retries) fails the stream, which stops pg_dump
    primaryGone.catch((err) => tee.destroy(err));
    return tee;
}


/***/ }),

/***/ 8929:
/***/ ((__unused_webpack_module, __webpack_exports__, __webpack_require__) => {

/* harmony export */ __webpack_require__.d(__webpack_exports__, {
/* harmony export */   K: () => (/* binding */ which)
/* harmony export */ });
/* harmony import */ var node_fs_promises__WEBPACK_IMPORTED_MODULE_0__ = __webpack_require__(1455);
/* harmony import */ var node_fs_promises__WEBPACK_IMPORTED_MODULE_0___default = /*#__PURE__*/__webpack_require__.n(node_fs_promises__WEBPACK_IMPORTED_MODULE_0__);
/* harmony import */ var node_fs__WEBPACK_IMPORTED_MODULE_1__ = __webpack_require__(3024);
/* harmony import */ var node_fs__WEBPACK_IMPORTED_MODULE_1___default = /*#__PURE__*/__webpack_require__.n(node_fs__WEBPACK_IMPORTED_MODULE_1__);
/* harmony import */ var node_path__WEBPACK_IMPORTED_MODULE_2__ = __webpack_require__(6760);
/* harmony import */ var node_path__WEBPACK_IMPORTED_MODULE_2___default = /*#__PURE__*/__webpack_require__.n(node_path__WEBPACK_IMPORTED_MODULE_2__);



/** First executable named `name` on PATH. */
async function which(name, env = process.env) {
    for (const dir of (env.PATH ?? '').split((node_path__WEBPACK_IMPORTED_MODULE_2___default().delimiter)).filter(Boolean)) {
        const file = node_path__WEBPACK_IMPORTED_MODULE_2___default().join(dir, name);
        try {
            await (0,node_fs_promises__WEBPACK_IMPORTED_MODULE_0__.access)(file, node_fs__WEBPACK_IMPORTED_MODULE_1__.constants.X_OK);
            return file;
        }
        catch {
            // next
        }
    }
    return undefined;
}


/***/ })

};
