export const id = 306;
export const ids = [306];
export const modules = {

/***/ 4306:
/***/ ((__unused_webpack_module, __webpack_exports__, __webpack_require__) => {

// ESM COMPAT FLAG
__webpack_require__.r(__webpack_exports__);

// EXPORTS
__webpack_require__.d(__webpack_exports__, {
  COMMANDS: () => (/* binding */ COMMANDS),
  commandFor: () => (/* binding */ commandFor)
});

// EXTERNAL MODULE: ./src/core/format.ts
var format = __webpack_require__(6228);
// EXTERNAL MODULE: ./src/backup/database.ts + 3 modules
var database = __webpack_require__(1252);
// EXTERNAL MODULE: ./src/options/parse.ts + 9 modules
var parse = __webpack_require__(8863);
// EXTERNAL MODULE: ./src/options/monitoring.ts
var monitoring = __webpack_require__(4426);
// EXTERNAL MODULE: ./src/reporting/results.ts
var results = __webpack_require__(8820);
// EXTERNAL MODULE: ./src/s3/client.ts + 1 modules
var client = __webpack_require__(4181);
;// CONCATENATED MODULE: ./src/reporting/trend.ts

/** The size two backups are compared by. */
function measure(p, basis) {
    return basis === 'dump' ? p.rawSize : p.size;
}
const pct = (from, to) => (from > 0 ? ((to - from) / from) * 100 : undefined);
/** points: oldest first. */
function trendStats(points) {
    const basis = points.length > 0 && points.every((p) => p.rawSize !== null) ? 'dump' : 'stored';
    if (points.length < 2)
        return { basis };
    const last = measure(points.at(-1), basis);
    return {
        basis,
        changePercent: pct(measure(points.at(-2), basis), last),
        growthPercent: pct(measure(points[0], basis), last),
    };
}
/** The warning for a sudden shrink of the newest backup, or undefined. thresholdPercent 0 never warns. */
function shrinkWarning(points, thresholdPercent) {
    if (thresholdPercent <= 0 || points.length < 2)
        return undefined;
    const s = trendStats(points.slice(-2));
    if (s.changePercent === undefined || -s.changePercent < thresholdPercent)
        return undefined;
    const [prev, cur] = points.slice(-2);
    const label = s.basis === 'dump' ? 'dump' : 'stored size';
    return (`backup ${cur.key} shrank by ${(-s.changePercent).toFixed(1)}% against the previous one ` +
        `(${label} ${(0,format/* formatBytes */.z3)(measure(cur, s.basis))}, was ${(0,format/* formatBytes */.z3)(measure(prev, s.basis))} on ${prev.at.slice(0, 16).replace('T', ' ')} UTC), ` +
        `more than shrink-threshold ${thresholdPercent}%: check that no table was lost (a sudden shrink is the classic sign of a broken dump)`);
}
const signed = (n) => (n === undefined ? 'n/a' : `${n >= 0 ? '+' : ''}${n.toFixed(1)}%`);
/** Unit for a chart axis: the largest whose values stay ≥ 1 for the biggest point. */
function axisUnit(max) {
    const units = [
        ['GiB', 2 ** 30],
        ['MiB', 2 ** 20],
        ['KiB', 2 ** 10],
    ];
    return units.find(([, n]) => max >= n) ?? ['B', 1];
}
const round = (n) => Math.round(n * 100) / 100;
/** "2025-01-30T03:00:05Z" → "01-30 03:00" (labels stay unique for backups minutes apart). */
function label(at) {
    return `${at.slice(5, 10)} ${at.slice(11, 16)}`;
}
/** The mermaid xychart: bars = stored size, line = dump size (when known). points: oldest first. */
function trendChart(points) {
    const max = Math.max(...points.map((p) => Math.max(p.size, p.rawSize ?? 0)));
    const [unit, div] = axisUnit(max);
    const haveDump = points.every((p) => p.rawSize !== null);
    return [
        '```mermaid',
        'xychart-beta',
        `  title "Backup size (${unit}): bars stored${haveDump ? ', line dump' : ''}"`,
        `  x-axis [${points.map((p) => `"${label(p.at)}"`).join(', ')}]`,
        `  y-axis "${unit}" 0 --> ${round((max / div) * 1.1) || 1}`,
        `  bar [${points.map((p) => round(p.size / div)).join(', ')}]`,
        ...(haveDump ? [`  line [${points.map((p) => round(p.rawSize / div)).join(', ')}]`] : []),
        '```',
    ].join('\n');
}
/** The job summary section. points: oldest first. */
function trendSection(points) {
    if (points.length === 0)
        return '';
    const s = trendStats(points);
    const rows = [...points].reverse().map((p, i, all) => {
        const prev = all[i + 1];
        const change = prev ? signed(pct(measure(prev, s.basis), measure(p, s.basis))) : '';
        return `| ${p.at.slice(0, 19).replace('T', ' ')} | ${(0,format/* formatBytes */.z3)(p.size)} | ${p.rawSize === null ? 'n/a' : (0,format/* formatBytes */.z3)(p.rawSize)} | ${change} |`;
    });
    return [
        `#### Size trend: last ${points.length} backup${points.length === 1 ? '' : 's'}`,
        '',
        points.length > 1
            ? `Change against the previous backup: **${signed(s.changePercent)}**; over these ${points.length} backups: **${signed(s.growthPercent)}** (${s.basis === 'dump' ? 'dump size' : 'stored size'}).`
            : 'The first backup here: the trend starts with the next one.',
        '',
        ...(points.length > 1 ? [trendChart(points), ''] : []),
        '| backup (UTC) | stored | dump | change |',
        '|---|---|---|---|',
        ...rows,
        '',
    ].join('\n');
}

// EXTERNAL MODULE: ./src/core/errors.ts
var errors = __webpack_require__(4296);
// EXTERNAL MODULE: ./src/core/manifest.ts
var core_manifest = __webpack_require__(4414);
// EXTERNAL MODULE: ./src/core/naming.ts
var naming = __webpack_require__(2607);
// EXTERNAL MODULE: ./src/core/select.ts
var core_select = __webpack_require__(3295);
// EXTERNAL MODULE: ./src/s3/objects.ts + 1 modules
var s3_objects = __webpack_require__(2821);
;// CONCATENATED MODULE: ./src/store/trend.ts





/**
 * The `count − 1` backups before `key` of the same database and environment that have a manifest, oldest first:
 * with `key` itself (its caller adds it from the manifest it holds), the last `count`. Sizes come from the manifests
 * (the listing cannot tell the dump size).
 */
async function readTrend(o, s3, key, count, log, listed) {
    if (count <= 0)
        return [];
    const stem = (0,naming/* parseBackupKey */.lG)(key)?.stem;
    // the listing alone (no latest pointer to read), or the one the backup took before its upload; the backup itself is
    // not read back: its caller has its manifest
    const objects = listed ?? (await (0,s3_objects/* listAll */._w)(s3, o.s3.bucket, o.s3.prefix));
    const backups = (0,core_select/* backupsIn */.JL)(objects, { name: o.name, environment: o.environment });
    const entries = backups
        .filter((b) => b.hasManifest && b.key !== key && (stem === undefined || b.stem === stem))
        .slice(0, count - 1);
    const points = [];
    // a few at a time: the trend is a courtesy and must not hammer the bucket
    for (let i = 0; i < entries.length; i += 4) {
        const batch = await Promise.all(entries.slice(i, i + 4).map(async (e) => {
            try {
                const m = (0,core_manifest/* parseManifest */.Ng)((await (0,s3_objects/* getText */.q4)(s3, o.s3.bucket, (0,naming/* manifestKey */.Rn)(e.key))) ?? '');
                return { key: e.key, at: m.startedAt ?? e.at.toISOString(), size: m.size, rawSize: m.rawSize ?? null };
            }
            catch (err) {
                log.warning(`trend: skipping ${e.key}: its manifest is unreadable (${(0,errors/* errorMessage */.gJ)(err)})`);
                return undefined;
            }
        }));
        points.push(...batch.filter((p) => p !== undefined));
    }
    return points.sort((a, b) => a.at.localeCompare(b.at));
}

;// CONCATENATED MODULE: ./src/commands/backup-trend.ts




async function backupTrend(o, r, rep, ctx) {
    let points = [];
    if (rep.trendCount > 0 || rep.shrinkThreshold > 0) {
        try {
            const s3 = (0,client/* clientFor */.$)(ctx, o.s3);
            // the shrink check needs the previous backup even when the summary shows no trend
            points = await readTrend(o, s3, r.key, Math.max(rep.trendCount, 2), ctx.log, r.retention?.earlier);
        }
        catch (err) {
            ctx.log.warning(`trend: could not read the recent backups' manifests (${(0,errors/* errorMessage */.gJ)(err)}); the summary shows this backup only`);
        }
    }
    // the listing may lag behind the write on some S3-compatible stores: this backup is always the newest point
    if (!points.some((p) => p.key === r.key)) {
        points.push({ key: r.key, at: r.manifest.startedAt, size: r.size, rawSize: r.rawSize });
        points.sort((a, b) => a.at.localeCompare(b.at));
    }
    const shrink = shrinkWarning(points, rep.shrinkThreshold);
    const shown = rep.trendCount > 0 ? points.slice(-rep.trendCount) : [];
    return { points: shown, stats: trendStats(shown), section: trendSection(shown), ...(shrink ? { shrink } : {}) };
}
/** The trend in --json: each point's time under the one name every timestamp of a backup has (backupTime). */
function trendJson(trend) {
    return {
        points: trend.points.map((p) => ({ key: p.key, backupTime: p.at, size: p.size, rawSize: p.rawSize })),
        ...trend.stats,
        shrinkWarning: trend.shrink ?? null,
    };
}

// EXTERNAL MODULE: ./src/commands/command.ts
var command = __webpack_require__(3155);
// EXTERNAL MODULE: ./src/core/set-format.ts
var set_format = __webpack_require__(887);
// EXTERNAL MODULE: ./src/encryption/encrypt.ts
var encrypt = __webpack_require__(1792);
// EXTERNAL MODULE: ./src/s3/describe-error.ts
var describe_error = __webpack_require__(2974);
// EXTERNAL MODULE: ./src/postgres/admin.ts
var postgres_admin = __webpack_require__(2748);
// EXTERNAL MODULE: ./src/postgres/introspect.ts
var introspect = __webpack_require__(9492);
// EXTERNAL MODULE: ./src/backup/steps.ts
var steps = __webpack_require__(6857);
;// CONCATENATED MODULE: ./src/backup/set-databases.ts
/** Which databases a set backs up: asked of the server once, before anything is written. */





/**
 * The server, and the databases to back up, with the names their keys use; refuses what cannot be backed up. One
 * database: its connection stays open for its snapshot (`handover`), which saves a connection on the way to pg_dump.
 */
async function planDatabases(o) {
    const client = await (0,introspect/* connect */.Ng)(o.connection);
    const single = o.databases.kind === 'single';
    let server;
    let existing;
    let access;
    try {
        server = await (0,introspect/* serverInfo */.CR)(client);
        existing = single ? [] : await (0,postgres_admin/* connectableDatabases */.Vy)(client);
        // a failure here is the globals' own, reported by them as before
        if (o.globals)
            access = await (0,postgres_admin/* globalsAccess */.z5)(client).catch(() => undefined);
    }
    catch (err) {
        await client.end().catch(() => undefined);
        throw (0,introspect/* describePgError */.Ry)(err, o.connection);
    }
    if (!single)
        await client.end().catch(() => undefined);
    const planned = { server, databases: chooseDatabases(o, existing), handover: handover(single ? client : undefined) };
    return access ? { ...planned, access } : planned;
}
function handover(client) {
    let held = client;
    const take = () => {
        const c = held;
        held = undefined;
        return c;
    };
    const close = async () => {
        await take()
            ?.end()
            .catch(() => undefined);
    };
    return { take, close };
}
/** The selection applied to what the server has (pure). */
function chooseDatabases(o, existing) {
    const where = `${o.connection.host}:${o.connection.port}`;
    let chosen;
    if (o.databases.kind === 'single')
        chosen = [o.connection.database];
    else if (o.databases.kind === 'all')
        chosen = existing.filter((d) => !o.excludeDatabases.includes(d));
    else {
        const missing = o.databases.names.filter((d) => !existing.includes(d));
        if (missing.length)
            throw new errors/* UserError */.yo(`databases: ${missing.map((d) => `"${d}"`).join(', ')} ${missing.length > 1 ? 'do' : 'does'} not exist at ${where} or ${missing.length > 1 ? 'do' : 'does'} not accept connections (there are: ${existing.join(', ') || 'none'})`);
        chosen = o.databases.names.filter((d) => !o.excludeDatabases.includes(d));
    }
    if (!chosen.length)
        throw new errors/* UserError */.yo(`databases: nothing to back up at ${where} (every database is excluded or none accepts connections)`);
    const planned = chosen.map((database) => ({
        database,
        name: o.databases.kind === 'single' ? (o.name ?? (0,steps/* keyName */.xT)(database)) : (0,steps/* keyName */.xT)(database),
    }));
    const seen = new Map();
    for (const p of planned) {
        if (p.name === set_format/* GLOBALS_NAME */.X4)
            throw new errors/* UserError */.yo(`databases: "${p.database}" would be named ${set_format/* GLOBALS_NAME */.X4}, the globals' own name: exclude it`);
        const other = seen.get(p.name);
        if (other !== undefined)
            throw new errors/* UserError */.yo(`databases: "${other}" and "${p.database}" would share the key name "${p.name}": back one of them up on its own with name`);
        seen.set(p.name, p.database);
    }
    return planned;
}

// EXTERNAL MODULE: external "node:crypto"
var external_node_crypto_ = __webpack_require__(7598);
// EXTERNAL MODULE: ./src/core/version.ts
var version = __webpack_require__(3323);
// EXTERNAL MODULE: ./src/store/claims.ts
var claims = __webpack_require__(392);
;// CONCATENATED MODULE: ./src/backup/set-document.ts
/**
 * The set document of a run, written once every member has ended (stored or failed), under a claimed key, never over
 * another; then sets/latest.json, only when no member failed.
 */






/** Claims the set's key at the start of the run: a second run in the same second takes _2. */
async function claimSetKey(s3, o, at, signal, s3Error) {
    try {
        return await (0,claims/* claimBackupKey */.u)(s3, {
            bucket: o.s3.bucket,
            keyFor: (seq) => (0,set_format/* setKey */.qL)({ prefix: o.s3.prefix, environment: o.environment, at, seq }),
            signal,
            put: {
                ...(o.sse ? { ServerSideEncryption: o.sse } : {}),
                ...(o.sseKmsKeyId ? { SSEKMSKeyId: o.sseKmsKeyId } : {}),
            },
        });
    }
    catch (err) {
        const at = err;
        throw s3Error(err, at.claimAction === 'writing' ? 'writing the claim' : 'listing', at.claimKey ?? o.s3.prefix);
    }
}
function setDocument(p) {
    return {
        schema: set_format/* SET_SCHEMA */.L8,
        version: set_format/* SET_VERSION */.KM,
        tool: { name: 's3-backup', version: version/* TOOL_VERSION */.w },
        key: p.key,
        environment: p.o.environment,
        server: { host: p.o.connection.host, serverVersion: p.server.version, serverMajor: p.server.major },
        startedAt: p.startedAt.toISOString(),
        finishedAt: p.finishedAt.toISOString(),
        members: p.members,
        failed: p.members.filter((m) => m.status === 'failed').map((m) => m.name),
        github: (0,core_manifest/* githubContext */.h4)(p.env),
    };
}
/** The document (never over another), then sets/latest.json when the set is complete. */
async function writeSetDocument(s3, o, doc, s3Error) {
    const text = `${JSON.stringify(doc, null, 2)}\n`;
    const common = {
        Bucket: o.s3.bucket,
        ContentType: 'application/json',
        ...(o.sse ? { ServerSideEncryption: o.sse } : {}),
        ...(o.sseKmsKeyId ? { SSEKMSKeyId: o.sseKmsKeyId } : {}),
    };
    try {
        await (0,s3_objects/* putText */.rb)(s3, { ...common, Key: doc.key, IfNoneMatch: '*' }, text);
    }
    catch (err) {
        throw s3Error(err, 'writing', doc.key);
    }
    if (doc.failed.length)
        return;
    const pointer = {
        schema: 's3-backup/latest',
        key: doc.key,
        sha256: (0,external_node_crypto_.createHash)('sha256').update(text).digest('hex'),
        size: Buffer.byteLength(text),
        finishedAt: doc.finishedAt,
    };
    const latest = (0,set_format/* latestSetPointerKey */.CL)(o.s3.prefix);
    try {
        await (0,s3_objects/* putText */.rb)(s3, { ...common, Key: latest }, `${JSON.stringify(pointer, null, 2)}\n`);
    }
    catch (err) {
        throw s3Error(err, 'writing', latest);
    }
}

// EXTERNAL MODULE: ./src/backup/copy.ts + 1 modules
var backup_copy = __webpack_require__(3206);
;// CONCATENATED MODULE: ./src/backup/copy-set.ts




/** A member as the copy holds it: its copy's key, or failed when its copy failed (pure). */
function copyMember(member, copy) {
    if (member.status !== 'ok')
        return member;
    if (copy?.status === 'complete' && copy.key)
        return { ...member, key: copy.key };
    const { key: _key, sha256: _sha, size: _size, ...rest } = member;
    return { ...rest, status: 'failed', error: copy?.error?.message ?? 'copy: not written' };
}
const copyOf = (x) => x.copy ?? x.result?.copy ?? x.globals?.copy;
/**
 * Writes the copy's set document; returns the error that fails the run (a member's copy, or the document), if any.
 * `single`: a one-database run whose database has no copy leaves no set on the copy.
 */
async function writeCopySet(o, ctx, p) {
    if (!o.copy)
        return undefined;
    const memberError = p.outcomes.map((x) => copyOf(x)?.error).find((e) => e);
    const database = p.outcomes.find((x) => x.member.kind === 'database');
    if (p.single && database && copyOf(database)?.status !== 'complete')
        return memberError;
    const copy = { options: o.copy, s3: (0,client/* clientFor */.$)(ctx, o.copy.s3), claims: [] };
    const co = { ...o, s3: o.copy.s3, sse: undefined, sseKmsKeyId: undefined };
    const s3Error = (err, action, key) => (0,backup_copy/* copyError */.Uu)(copy, err, action, key);
    try {
        const claim = await claimSetKey(copy.s3, co, p.at, ctx.signal, s3Error);
        try {
            const members = p.outcomes.map((x) => copyMember(x.member, copyOf(x)));
            const failed = members.filter((m) => m.status === 'failed').map((m) => m.name);
            await writeSetDocument(copy.s3, co, { ...p.set, key: claim.key, members, failed }, s3Error);
            ctx.log.info(`copy: set s3://${o.copy.s3.bucket}/${claim.key}${failed.length ? `, failed: ${failed.join(', ')}` : ''}`);
        }
        finally {
            await claim.release().catch((err) => ctx.log.warning(s3Error(err, 'deleting the claim').message));
        }
    }
    catch (err) {
        if ((0,errors/* cancellationOf */.zg)(err))
            throw err;
        ctx.log.warning(`${(0,errors/* errorMessage */.gJ)(err)}; the set is stored on the primary`, 'Copy failed');
        return memberError ?? err;
    }
    return memberError;
}

// EXTERNAL MODULE: ./src/core/backup-manifest.ts
var backup_manifest = __webpack_require__(2579);
// EXTERNAL MODULE: ./src/core/plan.ts
var plan = __webpack_require__(4620);
// EXTERNAL MODULE: ./src/postgres/connection.ts + 1 modules
var connection = __webpack_require__(5701);
// EXTERNAL MODULE: ./src/postgres/tools.ts
var tools = __webpack_require__(8880);
// EXTERNAL MODULE: ./src/s3/multipart.ts
var multipart = __webpack_require__(6242);
// EXTERNAL MODULE: ./src/store/sidecars.ts
var sidecars = __webpack_require__(397);
// EXTERNAL MODULE: ./src/stream/compress.ts
var compress = __webpack_require__(9042);
// EXTERNAL MODULE: ./src/stream/pipeline.ts
var pipeline = __webpack_require__(6416);
// EXTERNAL MODULE: ./src/stream/which.ts
var which = __webpack_require__(8929);
// EXTERNAL MODULE: ./src/stream/tee.ts
var tee = __webpack_require__(8978);
// EXTERNAL MODULE: ./src/stream/deferred-sink.ts
var deferred_sink = __webpack_require__(449);
// EXTERNAL MODULE: ./src/core/input-ref.ts
var input_ref = __webpack_require__(7571);
;// CONCATENATED MODULE: ./src/backup/globals-backup.ts



















const waits = (p) => (p.beforePointers ? { beforePointers: p.beforePointers } : {});
/** What pg_dumpall may read: pg_authid (with the passwords) or only pg_roles; and the roles themselves. */
async function probeGlobals(o) {
    const client = await (0,introspect/* connect */.Ng)(o.connection);
    try {
        return await (0,postgres_admin/* globalsAccess */.z5)(client);
    }
    catch (err) {
        throw (0,introspect/* describePgError */.Ry)(err, o.connection);
    }
    finally {
        await client.end().catch(() => undefined);
    }
}
function pgDumpallArgs(dbUrl, noRolePasswords) {
    return [`--dbname=${dbUrl}`, '--no-password', '--globals-only', ...(noRolePasswords ? ['--no-role-passwords'] : [])];
}
/** Backs up the globals; `g` carries the set's time (keyAt), the server the set found, the wait before the pointer. */
async function backupGlobals(o, ctx, g) {
    const startedAt = ctx.now();
    const finding = (0,tools/* findPgBin */.mQ)({
        tool: 'pg_dumpall',
        required: g.server.major,
        pgBinDir: o.pgBinDir,
        because: `the server is PostgreSQL ${g.server.version}`,
        install: ctx.installClient,
    });
    finding.catch(() => undefined);
    const probe = g.access ?? (await probeGlobals(o));
    const noRolePasswords = !probe.readsAuthid;
    if (noRolePasswords)
        ctx.log.warning(`globals: the role passwords cannot be read (no access to pg_authid: a managed server, or a backup role that is not a superuser); they are left out (pg_dumpall --no-role-passwords): set them after a restore, or set ${(0,input_ref/* inputRef */.i)('globals', 'false')} to back up the databases alone`, 'Role passwords not backed up');
    const bin = await finding;
    const go = { ...o, format: 'plain', name: set_format/* GLOBALS_NAME */.X4, latestCopy: false };
    const claims = [];
    // no snapshot: pg_dumpall reads the shared catalogs, which a database's snapshot does not cover
    const run = { o: go, ctx, s3: g.s3, snap: undefined, startedAt, keyAt: g.keyAt, s3Error: g.s3Error };
    if (g.encryptor)
        run.encryptor = g.encryptor;
    // the copy (copy-to) gets the globals too, from the same stream: a recovery from the copy needs them
    const copy = (0,backup_copy/* prepareCopy */.tO)(go, ctx);
    try {
        return await storeGlobals(run, { ...g, claims, copy, bin, probe, noRolePasswords, startedAt });
    }
    catch (err) {
        await (0,backup_copy/* discardCopy */.WK)(copy, ctx);
        throw err;
    }
    finally {
        await (0,backup_copy/* releaseCopy */.Ts)(copy, ctx);
        for (const c of claims)
            await c.release().catch(() => undefined);
    }
}
async function storeGlobals(run, p) {
    const { o, ctx, s3 } = run;
    // the key claimed and the tier listed while pg_dumpall starts (the upload waits for them)
    const placing = placeGlobals(run, p.claims, p.copy);
    placing.catch(() => undefined);
    let streamed;
    try {
        streamed = await streamGlobals(run, { ...p, placed: placing });
    }
    catch (err) {
        // a claim still under way settles before the run's end releases the claims
        await placing.catch(() => undefined);
        throw err;
    }
    const { stream, compressor } = streamed;
    const { key, tier, common, tiered } = await placing;
    const manifest = globalsManifest(o, ctx, { ...p, key, compressor, stream, tier });
    manifest.encryption = run.encryptor?.manifest ?? null;
    manifest.globals = { roles: p.probe.roles, noRolePasswords: p.noRolePasswords };
    const place = { bucket: o.s3.bucket, prefix: o.s3.prefix, storageClass: o.storageClass, ...waits(p) };
    const pointers = [(0,set_format/* latestNamePointerKey */.tO)(o.s3.prefix, set_format/* GLOBALS_NAME */.X4)];
    await (0,sidecars/* writeSidecars */.U)({ s3, ctx, ...place, key, manifest, common, tiered, s3Error: run.s3Error, pointers });
    ctx.log.info(`globals: s3://${o.s3.bucket}/${key}, ${(0,format/* plural */.LS)(p.probe.roles.length, 'role')}, sha256 ${stream.sha256}`);
    const copied = await (0,backup_copy/* finishCopy */.BZ)(run, p.copy, manifest, pointers);
    return { key, manifest, ...(copied ? { copy: copied } : {}) };
}
/** The globals' key (and its copy's) claimed and their tier listed, as a database's are; then their copy's plan. */
async function placeGlobals(run, claims, copy) {
    const placed = await (0,database/* placeBackup */.Q)(run, claims, copy, set_format/* GLOBALS_NAME */.X4);
    return { ...placed, copy: (0,backup_copy/* copyStreamPlan */.lt)(run, copy, placed.tier) };
}
async function streamGlobals(run, p) {
    const { o, ctx } = run;
    // a few kilobytes: compressed in this process when it can, which costs less than starting zstd for them
    const nodeZstd = (0,compress/* nodeHasZstd */.Y5)();
    const compressor = (0,compress/* planCompressor */.PM)(o.compression, o.compressionLevel, {
        zstd: nodeZstd ? undefined : await (0,which/* which */.K)('zstd', ctx.env),
        nodeZstd,
    });
    const partSize = (0,plan/* choosePartSize */.mm)(0, o.compression, o.partSize, o.s3.provider.maxParts);
    let sink;
    const destination = p.placed.then((pl) => {
        sink = (0,steps/* backupObjectSink */.tZ)(run, pl.key, pl.tiered, { partSize, queueSize: 1, signal: ctx.signal });
        const copySink = pl.copy?.sink(partSize);
        return copySink ? (0,tee/* teeSink */.A)(sink, copySink, (err) => pl.copy.failed(err)) : sink;
    });
    let stream;
    try {
        stream = await (0,pipeline/* runBackupStream */.E)({
            dump: {
                tool: 'pg_dumpall',
                command: `${p.bin.dir}/pg_dumpall`,
                args: pgDumpallArgs((0,connection/* connectionUrl */.C7)(o.connection), p.noRolePasswords),
                env: (0,connection/* toolEnv */.oW)(o.connection, ctx.env),
            },
            compressor,
            ...(run.encryptor ? { stages: [run.encryptor.stage()] } : {}),
            sink: (0,deferred_sink/* deferredSink */.N)(destination),
            signal: ctx.signal,
        });
    }
    catch (err) {
        // the placement's own failure (a claim or listing refused) is the run's error, not the dump it stopped
        const placing = await p.placed.then((pl) => ({ key: pl.key }), (e) => ({ error: e }));
        if ('error' in placing)
            throw placing.error;
        throw (0,steps/* streamError */.z3)(run, err, placing.key);
    }
    const key = (await p.placed).key;
    if ((0,multipart/* completedByLooking */.sL)(await sink.completed))
        ctx.log.info(`the answer to CompleteMultipartUpload was lost; s3://${o.s3.bucket}/${key} is there: completed`);
    return { stream, compressor: compressor.label };
}
function globalsManifest(o, ctx, m) {
    const run = { ...m, o, finishedAt: ctx.now(), env: ctx.env };
    return (0,backup_manifest/* manifestOf */.$)(run, {
        database: {
            name: set_format/* GLOBALS_NAME */.X4,
            host: o.connection.host,
            serverVersion: m.server.version,
            serverMajor: m.server.major,
            sizeBytes: 0,
        },
        format: 'plain',
        encryption: null,
        rowCounts: 'off',
        snapshot: null,
        schemas: [],
        tables: [],
        sequences: [],
        extensions: [],
        largeObjects: 0,
        roles: [],
        options: { schemas: [], excludeTables: [] },
    });
}

;// CONCATENATED MODULE: ./src/backup/side-by-side.ts
/** A promise opened (or failed) from outside, once. */
function latch() {
    let open;
    let fail;
    const promise = new Promise((resolve, reject) => {
        open = resolve;
        fail = reject;
    });
    promise.catch(() => undefined);
    return { promise, open, fail };
}
/** Rejects with the signal's reason once it aborts. */
function abortedOf(signal) {
    return new Promise((_, reject) => {
        if (signal.aborted)
            reject(signal.reason);
        else
            signal.addEventListener('abort', () => reject(signal.reason), { once: true });
    });
}
function sideBySide(ctx) {
    const controller = new AbortController();
    const signal = AbortSignal.any([ctx.signal, controller.signal]);
    const stored = [latch(), latch()];
    let bothStored = false;
    let first;
    const failed = (err) => {
        first ??= { err };
        for (const l of stored)
            l.fail(err);
        if (!bothStored && !controller.signal.aborted)
            controller.abort(err);
    };
    const aborted = abortedOf(signal);
    aborted.catch(() => undefined);
    const side = (i) => ({
        ctx: { ...ctx, signal },
        beforePointers: async () => {
            stored[i].open();
            await Promise.race([stored[i === 0 ? 1 : 0].promise, aborted]);
            bothStored = true;
        },
        failed,
    });
    return { sides: [side(0), side(1)], firstError: () => first?.err };
}

// EXTERNAL MODULE: ./src/retention/prune.ts
var prune = __webpack_require__(2494);
;// CONCATENATED MODULE: ./src/backup/set-run.ts
/**
 * A backup set: the globals and every chosen database, each a backup like any other (the single-database backup,
 * called once a database), up to `jobs` at once; one member failing loses none of the others. The set document then
 * records every member, stored or failed; the run fails naming the failed ones.
 */














/** Runs `tasks` with at most `limit` at once, in order. */
async function pool(tasks, limit) {
    const out = new Array(tasks.length);
    let next = 0;
    const worker = async () => {
        while (next < tasks.length) {
            const i = next++;
            out[i] = await tasks[i]();
        }
    };
    await Promise.all(Array.from({ length: Math.min(limit, tasks.length) }, worker));
    return out;
}
function databaseTask(r, db, side) {
    return async () => {
        const base = { kind: 'database', database: db.database, name: db.name, status: 'ok' };
        const o = {
            ...r.o,
            connection: { ...r.o.connection, database: db.database },
            name: db.name,
            queueSize: r.queueSize,
            latestCopy: r.single && r.o.latestCopy,
            audit: r.single && r.o.audit,
        };
        try {
            const pointers = r.single ? undefined : [(0,set_format/* latestNamePointerKey */.tO)(r.o.s3.prefix, db.name)];
            const result = await (0,database/* backup */.R)(o, r.ctx, {
                keyAt: r.at,
                pointers,
                label: r.single ? undefined : db.name,
                beforePointers: side?.beforePointers,
                server: r.server,
                dumping: r.dumpStarted?.open,
                connection: r.connection,
            });
            const m = result.manifest;
            return {
                // the object at the key (a multi-stream backup's schema part; its manifest names the data parts)
                member: { ...base, key: result.key, sha256: result.sha256, size: m.size, snapshot: m.snapshot },
                result,
            };
        }
        catch (err) {
            side?.failed(err);
            if (!r.single)
                r.ctx.log.warning(`database "${db.database}" failed: ${(0,errors/* oneLine */.TN)(err)}`, 'Database not backed up');
            return { member: { ...base, status: 'failed', error: (0,errors/* oneLine */.TN)(err) }, error: err };
        }
        finally {
            r.dumpStarted?.open();
        }
    };
}
function globalsTask(r, side) {
    return async () => {
        const base = { kind: 'globals', database: set_format/* GLOBALS_NAME */.X4, name: set_format/* GLOBALS_NAME */.X4, status: 'ok' };
        try {
            // the globals are small: the database's dump starts first, and they are dumped while it runs
            await r.dumpStarted?.promise;
            if (r.ctx.signal.aborted)
                throw r.ctx.signal.reason;
            const g = await backupGlobals(r.o, r.ctx, {
                ...r,
                keyAt: r.at,
                beforePointers: side?.beforePointers,
                ...(r.globalsAccess ? { access: r.globalsAccess } : {}),
            });
            await pruneGlobals(r);
            const m = g.manifest;
            const noRolePasswords = m.globals?.noRolePasswords ?? false;
            return { member: { ...base, key: g.key, sha256: m.sha256, size: m.size, noRolePasswords }, globals: g };
        }
        catch (err) {
            side?.failed(err);
            // stopped (the database beside them failed, or the run was cancelled): the run's own error says why
            if (!r.ctx.signal.aborted)
                r.ctx.log.warning(`globals failed: ${(0,errors/* oneLine */.TN)(err)}`, 'Globals not backed up');
            return { member: { ...base, status: 'failed', error: (0,errors/* oneLine */.TN)(err) }, error: err };
        }
    };
}
/** The globals' backups are pruned by the same policy, as a database of their own (a failure only warns). */
async function pruneGlobals(r) {
    if (!r.o.retention)
        return;
    try {
        const pruned = await (0,prune/* prune */.R)({ ...r.o, name: set_format/* GLOBALS_NAME */.X4, policy: r.o.retention, dryRun: false }, r.ctx, r.s3);
        r.ctx.log.info((0,prune/* pruneText */.a)(pruned));
    }
    catch (err) {
        r.ctx.log.warning(`retention of the globals: ${(0,errors/* oneLine */.TN)(err)}`);
    }
}
async function backupSet(o, ctx) {
    const at = ctx.now();
    const s3 = (0,client/* clientFor */.$)(ctx, o.s3);
    const s3Error = (0,describe_error/* s3ErrorsOf */.z7)(o.s3);
    // recipients are checked before anything else: a bad key must not cost a connection or a dump
    const encryptor = o.encryption ? await (0,encrypt/* openEncryption */.o)(o.encryption) : undefined;
    (0,tools/* probeAhead */.KZ)('pg_dump', o.pgBinDir);
    const { server, databases, handover, access } = await planDatabases(o);
    try {
        return await backupPlanned(o, ctx, { at, s3, s3Error, encryptor, server, databases, handover, access });
    }
    finally {
        await handover.close();
    }
}
async function backupPlanned(o, ctx, p) {
    const { at, s3, s3Error, encryptor, server, databases } = p;
    const single = o.databases.kind === 'single';
    const parallel = Math.min(o.jobs, databases.length + (o.globals ? 1 : 0));
    ctx.log.info(`backup set: ${databases.length} database${databases.length === 1 ? '' : 's'} (${databases.map((d) => d.database).join(', ')})${o.globals ? ' and the globals' : ''}, ${single ? 1 : parallel} at a time`);
    const r = { o, ctx, s3, server, at, encryptor, s3Error, single, queueSize: o.queueSize };
    if (p.access)
        r.globalsAccess = p.access;
    if (single) {
        r.dumpStarted = latch();
        r.connection = p.handover.take;
    }
    else
        r.queueSize = Math.max(1, Math.floor(o.queueSize / parallel));
    // the set's key is claimed while its members run (one database: once its pg_dump has started), so its round trips
    // cost no time; released however the run ends
    const claiming = Promise.resolve(r.dumpStarted?.promise).then(() => claimSetKey(s3, o, at, ctx.signal, s3Error));
    claiming.catch(() => undefined);
    let outcomes;
    try {
        outcomes = single ? await singleRun(r, databases[0]) : await setRun(r, databases, parallel);
    }
    catch (err) {
        await claiming.then((c) => c.release().catch((e) => ctx.log.warning(s3Error(e, 'deleting the claim').message)), () => undefined);
        throw err;
    }
    const claim = await claiming;
    try {
        const set = setDocument({
            key: claim.key,
            o,
            server,
            startedAt: at,
            finishedAt: ctx.now(),
            members: outcomes.map((x) => x.member),
            env: ctx.env,
        });
        await writeSetDocument(s3, o, set, s3Error);
        ctx.log.info(`set: s3://${o.s3.bucket}/${set.key}${set.failed.length ? `, failed: ${set.failed.join(', ')}` : ''}`);
        const copyFailure = await writeCopySet(o, ctx, { set, outcomes, at, single });
        const result = { set, bucket: o.s3.bucket, outcomes, failure: failureOf(set, outcomes) ?? copyFailure };
        if (single)
            result.single = outcomes.find((x) => x.member.kind === 'database').result;
        return result;
    }
    finally {
        await claim.release().catch((err) => ctx.log.warning(s3Error(err, 'deleting the claim').message));
    }
}
/**
 * One database and the globals, side by side: either failing stops the other, nothing of the run is left and no
 * pointer moves. With a copy (copy-to) the globals follow the database: a database whose copy failed gives the copy
 * nothing of this run.
 */
async function singleRun(r, db) {
    if (r.o.globals && !r.o.copy) {
        const pair = sideBySide(r.ctx);
        const [g, d] = pair.sides;
        const outcomes = await Promise.all([
            globalsTask({ ...r, ctx: g.ctx }, g)(),
            databaseTask({ ...r, ctx: d.ctx }, db, d)(),
        ]);
        if (pair.firstError() !== undefined)
            throw pair.firstError();
        return outcomes;
    }
    const first = await databaseTask(r, db)();
    if (first.error)
        throw first.error;
    // a database whose copy failed: the copy gets nothing of this run, not its globals either
    const g = first.result?.copy?.status === 'failed' ? { ...r, o: { ...r.o, copy: undefined } } : r;
    return [...(r.o.globals ? [await globalsTask(g)()] : []), first];
}
async function setRun(r, databases, parallel) {
    const tasks = [...(r.o.globals ? [globalsTask(r)] : []), ...databases.map((d) => databaseTask(r, d))];
    const outcomes = await pool(tasks, parallel);
    // cancelled: the run stops with the cancellation, not with a set that says every member failed
    if (r.ctx.signal.aborted)
        throw outcomes.find((x) => x.error)?.error ?? r.ctx.signal.reason;
    return outcomes;
}
function failureOf(set, outcomes) {
    const failed = outcomes.filter((x) => x.member.status === 'failed');
    if (!failed.length)
        return undefined;
    const what = failed.map((x) => `${x.member.kind === 'globals' ? 'the globals' : `"${x.member.database}"`} (${x.member.error})`);
    return new errors/* UserError */.yo(`backup: ${failed.length} of ${(0,format/* plural */.LS)(outcomes.length, 'member')} failed: ${what.join('; ')}. The others are stored; ` +
        `the set ${set.key} records the failure and sets/latest.json was not moved`);
}

// EXTERNAL MODULE: ./src/reporting/markdown.ts
var markdown = __webpack_require__(1093);
;// CONCATENATED MODULE: ./src/reporting/set-results.ts



/** The set's own outputs, for every run that wrote a set (a single database with its globals too). */
function setOutputs(r) {
    const keys = {};
    for (const m of r.set.members)
        if (m.key)
            keys[m.name] = m.key;
    const globals = r.set.members.find((m) => m.kind === 'globals');
    return {
        'set-key': r.set.key,
        keys: JSON.stringify(keys),
        failed: JSON.stringify(r.set.failed),
        'globals-key': globals?.key ?? '',
    };
}
/** The outputs a single backup has, for a run of several databases: the set document stands for "the backup". */
function multiOutputs(r) {
    const results = r.outcomes.flatMap((x) => (x.result ? [x.result] : []));
    const stored = r.set.members.filter((m) => m.status === 'ok');
    const raws = results.map((x) => x.rawSize);
    const sum = (xs) => xs.reduce((a, b) => a + b, 0);
    const pruned = results.filter((x) => x.retention?.prune);
    const costs = results.filter((x) => x.retention?.cost);
    return {
        key: r.set.key,
        uri: `s3://${r.bucket}/${r.set.key}`,
        size: String(sum(stored.map((m) => m.size ?? 0))),
        'raw-size': raws.length && raws.every((x) => x !== null) ? String(sum(raws)) : '',
        sha256: '',
        'duration-seconds': ((Date.parse(r.set.finishedAt) - Date.parse(r.set.startedAt)) / 1000).toFixed(1),
        'server-version': r.set.server.serverVersion,
        'pg-dump-version': results[0]?.pgDumpVersion ?? '',
        'manifest-key': '',
        tier: '',
        pruned: pruned.length ? String(sum(pruned.map((x) => x.retention.prune.deleted))) : '',
        'monthly-cost': costs.length ? sum(costs.map((x) => x.retention.cost.estimate.totalUsd)).toFixed(2) : '',
        ...copyOutputs(results),
    };
}
function setSummary(r) {
    const ok = !r.set.failed.length;
    const rows = r.set.members.map((m) => [
        m.kind === 'globals' ? `${set_format/* GLOBALS_NAME */.X4} (roles${m.noRolePasswords ? ', without passwords' : ''})` : m.database,
        m.status === 'ok' ? '✅' : `❌ ${(0,markdown/* cell */.H)(m.error ?? '')}`,
        m.key ? `\`${m.key}\`` : '',
        m.size === undefined ? '' : (0,format/* formatBytes */.z3)(m.size),
    ]);
    return [
        `### ${ok ? '✅' : '❌'} Backup set: ${(0,format/* plural */.LS)(r.set.members.length, 'member')}${ok ? '' : `, ${r.set.failed.length} failed`}`,
        '',
        `Set document \`${r.set.key}\` (PostgreSQL ${r.set.server.serverVersion} at ${r.set.server.host})`,
        '',
        '| member | status | key | stored |',
        '|---|---|---|---|',
        ...rows.map((x) => `| ${x.join(' | ')} |`),
        '',
    ].join('\n');
}
/** The CLI's text: one line a member. */
function setText(r) {
    return [
        `s3://${r.bucket}/${r.set.key}`,
        ...r.set.members.map((m) => m.status === 'ok'
            ? `  ${m.name.padEnd(20)} ${m.key}  ${(0,format/* formatBytes */.z3)(m.size ?? 0)}`
            : `  ${m.name.padEnd(20)} FAILED: ${m.error}`),
    ].join('\n');
}
/** The second copies of a run of several databases: failed when one failed, complete when every one is. */
function copyOutputs(results) {
    const copies = results.flatMap((x) => (x.copy ? [x.copy.status] : []));
    const status = !copies.length ? '' : copies.every((s) => s === 'complete') ? 'complete' : 'failed';
    return { 'copy-key': '', 'copy-status': status };
}

;// CONCATENATED MODULE: ./src/reporting/set-list.ts

function setListRows(sets, latestSetKey) {
    return sets.map((s) => ({
        key: s.key,
        backupTime: s.startedAt,
        complete: s.failed.length === 0,
        failed: s.failed,
        latest: s.key === latestSetKey,
        serverVersion: s.server.serverVersion,
        members: s.members.map((m) => ({
            database: m.database,
            name: m.name,
            kind: m.kind,
            status: m.status,
            key: m.key ?? null,
            sha256: m.sha256 ?? null,
            size: m.size ?? null,
            error: m.error ?? null,
            noRolePasswords: m.kind === 'globals' ? (m.noRolePasswords ?? false) : null,
        })),
    }));
}
const memberLine = (m) => m.status === 'ok' ? `${m.name}: ${(0,format/* formatBytes */.z3)(m.size ?? 0)}` : `${m.name}: FAILED`;
function setsText(rows) {
    if (!rows.length)
        return '';
    return `\n\nsets:\n${rows
        .map((r) => `${r.backupTime}  ${r.complete ? 'complete' : `${r.failed.length} failed`}  ${r.key}${r.latest ? '  (latest)' : ''}\n` +
        `    ${r.members.map(memberLine).join(', ')}`)
        .join('\n')}`;
}
function setsSummary(rows) {
    if (!rows.length)
        return '';
    return [
        '',
        `### Backup sets: ${rows.length}`,
        '',
        '| started (UTC) | set | members | status |',
        '|---|---|---|---|',
        ...rows
            .slice(0, 50)
            .map((r) => `| ${r.backupTime.slice(0, 19).replace('T', ' ')} | \`${r.key}\`${r.latest ? ' (latest)' : ''} | ${r.members.map(memberLine).join(', ')} | ${r.complete ? '✓' : `✗ ${r.failed.join(', ')}`} |`),
        '',
    ].join('\n');
}

;// CONCATENATED MODULE: ./src/commands/backup-set.ts







async function runBackupSet(o, report, ctx) {
    const r = await backupSet(o, ctx);
    const set = setOutputs(r);
    // the set as list shows it; latest.json moves only to a set without failures
    const json = { set: setListRows([r.set], r.set.failed.length ? undefined : r.set.key)[0] };
    if (!r.single) {
        const outputs = { ...multiOutputs(r), ...set };
        return {
            outputs,
            summary: setSummary(r),
            text: setText(r),
            json: { ...(0,command/* outputsJson */.p)('backup', outputs), ...json },
            report: `backed up set ${outputs.uri}: ${(0,format/* plural */.LS)(r.set.members.length, 'member')}, ${(0,format/* formatBytes */.z3)(Number(outputs.size))}${r.set.failed.length ? `, failed: ${r.set.failed.join(', ')}` : ''}`,
            // the members are stored and reported; a failed member, copy or retention still fails the run
            failure: r.failure ?? afterStored(r.outcomes.flatMap((x) => (x.result ? [x.result] : []))),
        };
    }
    // one database (and its server's globals): reported as a backup on its own is, the set beside it
    const result = r.single;
    const trend = await backupTrend(o, result, report, ctx);
    const outputs = { ...(0,results/* backupOutputs */.zW)(result), ...set };
    return {
        outputs,
        summary: `${(0,results/* backupSummary */.fj)(result)}${trend.section ? `\n${trend.section}` : ''}\n${setSummary(r)}`,
        text: `${result.uri}\nsha256 ${result.sha256}  ${(0,format/* formatBytes */.z3)(result.size)}${set['globals-key'] ? `\nglobals s3://${r.bucket}/${set['globals-key']}` : ''}`,
        json: {
            ...(0,command/* outputsJson */.p)('backup', outputs),
            trend: trendJson(trend),
            ...json,
        },
        report: `backed up ${result.uri}: ${(0,format/* formatBytes */.z3)(result.size)}, sha256 ${result.sha256}${trend.shrink ? ` — warning: ${trend.shrink}` : ''}`,
        warnings: trend.shrink ? [{ message: trend.shrink, title: 'Backup shrank' }] : [],
        failure: r.failure ?? afterStored([result]),
    };
}
/** What fails a run after its backups are stored: a second copy that failed, then a prune that failed. */
function afterStored(results) {
    return (results.find((x) => x.copy?.error)?.copy?.error ??
        results.find((x) => x.retention?.pruneError)?.retention?.pruneError);
}

;// CONCATENATED MODULE: ./src/core/matrix-plan.ts


const PLAN_SCHEMA = 's3-backup/set-plan';
const PLAN_VERSION = 1;
const MEMBER_SCHEMA = 's3-backup/set-member';
/**
 * At most `maxJobs` groups of similar total size: the largest database first, each into the group that holds the
 * least so far (ties: the one with fewer databases, then the lower group). Deterministic: equal sizes go by name.
 */
function groupBySize(databases, maxJobs) {
    if (!Number.isInteger(maxJobs) || maxJobs < 1)
        throw new RangeError(`maxJobs must be a whole number ≥ 1: ${maxJobs}`);
    const count = Math.min(maxJobs, databases.length);
    const groups = Array.from({ length: count }, (_, i) => ({
        group: String(i + 1),
        size: 0,
        databases: [],
    }));
    const order = [...databases].sort((a, b) => b.size - a.size || a.database.localeCompare(b.database));
    for (const db of order) {
        const lighter = (g, best) => g.size < best.size || (g.size === best.size && g.databases.length < best.databases.length);
        const lightest = groups.reduce((best, g) => (lighter(g, best) ? g : best), groups[0]);
        lightest.databases.push(db);
        lightest.size += db.size;
    }
    return groups;
}
/** The matrix strategy.matrix reads: one entry a group, its databases comma-separated as the databases input takes. */
function matrixOf(groups) {
    return { include: groups.map((g) => ({ group: g.group, databases: g.databases.map((d) => d.database).join(',') })) };
}
const SET_ID_RE = /^(.+)_(\d{8}_\d{6})(?:_(\d+))?$/;
/** A set id → its environment, stamp and sequence; undefined when it is not one. */
function parseSetId(id) {
    const m = SET_ID_RE.exec(id);
    if (!m || m[1].includes('/'))
        return undefined;
    return { environment: m[1], stamp: m[2], seq: m[3] ? Number(m[3]) : 1 };
}
/** The set document's key → the set id (its name without .json). */
const setIdOf = (setKey) => setKey.slice(setKey.lastIndexOf('/') + 1).replace(/\.json$/, '');
const planKey = (prefix, id) => (0,naming/* joinKey */.ID)(prefix, `${set_format/* SETS_FOLDER */.dQ}/${id}/plan.json`);
const memberRecordsPrefix = (prefix, id) => (0,naming/* joinKey */.ID)(prefix, `${set_format/* SETS_FOLDER */.dQ}/${id}/`);
const memberRecordKey = (prefix, id, name) => `${memberRecordsPrefix(prefix, id)}${name}.member.json`;
/** YYYYMMDD_HHMMSS (UTC) → its time. */
function stampTime(stamp) {
    const n = (a, b) => Number(stamp.slice(a, b));
    return new Date(Date.UTC(n(0, 4), n(4, 6) - 1, n(6, 8), n(9, 11), n(11, 13), n(13, 15)));
}
function parseSetPlan(text) {
    const doc = JSON.parse(text);
    if (doc.schema !== PLAN_SCHEMA || typeof doc.version !== 'number' || !Array.isArray(doc.groups))
        throw new Error('not an s3-backup set plan');
    if (Math.floor(doc.version) > PLAN_VERSION)
        throw new Error(`set plan version ${doc.version} is newer than this tool understands: upgrade s3-backup`);
    return doc;
}
function parseMemberRecord(text) {
    const doc = JSON.parse(text);
    if (doc.schema !== MEMBER_SCHEMA || !doc.member || typeof doc.member.name !== 'string')
        throw new Error('not an s3-backup set member record');
    return doc;
}
/** Every planned database, in the plan's order (group by group). */
const plannedDatabases = (plan) => plan.groups.flatMap((g) => g.databases);

;// CONCATENATED MODULE: ./src/store/set-plans.ts



const json = (doc) => `${JSON.stringify(doc, null, 2)}\n`;
function putParams(o, key) {
    return {
        Bucket: o.s3.bucket,
        Key: key,
        ContentType: 'application/json',
        ...(o.sse ? { ServerSideEncryption: o.sse } : {}),
        ...(o.sseKmsKeyId ? { SSEKMSKeyId: o.sseKmsKeyId } : {}),
    };
}
/** The plan, never over another. */
async function writePlan(s3, o, plan, s3Error) {
    const key = planKey(o.s3.prefix, plan.id);
    await (0,s3_objects/* putText */.rb)(s3, { ...putParams(o, key), IfNoneMatch: '*' }, json(plan)).catch((err) => {
        throw s3Error(err, 'writing', key);
    });
}
/** The plan of a set id; a UserError naming set-id when there is none. */
async function readPlan(s3, o, id, s3Error) {
    const key = planKey(o.s3.prefix, id);
    const text = await (0,s3_objects/* getText */.q4)(s3, o.s3.bucket, key).catch((err) => {
        throw s3Error(err, 'reading', key);
    });
    if (text === undefined)
        throw new errors/* UserError */.yo(`set-id: no plan ${id} at s3://${o.s3.bucket}/${key}; run plan first with the same bucket, prefix and environment, and pass its set-id output`);
    try {
        return parseSetPlan(text);
    }
    catch (err) {
        throw new errors/* UserError */.yo(`set-id: s3://${o.s3.bucket}/${key} is not a readable plan (${(0,errors/* errorMessage */.gJ)(err)})`);
    }
}
/** One member's outcome; a job run again replaces its earlier record. */
async function writeMemberRecord(s3, o, record, s3Error) {
    const key = memberRecordKey(o.s3.prefix, record.setId, record.member.name);
    await (0,s3_objects/* putText */.rb)(s3, putParams(o, key), json(record)).catch((err) => {
        throw s3Error(err, 'writing', key);
    });
}
/** The records of the planned members that have one (a member whose job did not end has none). */
async function readMemberRecords(s3, o, plan, names, s3Error) {
    const out = new Map();
    for (const name of names) {
        const key = memberRecordKey(o.s3.prefix, plan.id, name);
        const text = await (0,s3_objects/* getText */.q4)(s3, o.s3.bucket, key).catch((err) => {
            throw s3Error(err, 'reading', key);
        });
        if (text === undefined)
            continue;
        try {
            out.set(name, parseMemberRecord(text));
        }
        catch (err) {
            throw new errors/* UserError */.yo(`set-id: s3://${o.s3.bucket}/${key} is not a readable member record (${(0,errors/* errorMessage */.gJ)(err)})`);
        }
    }
    return out;
}

;// CONCATENATED MODULE: ./src/backup/set-members-run.ts
/**
 * One job of a set made by several jobs: its group of the planned databases, each a backup like any other under the
 * set's time, each outcome recorded beside the plan. The set document is the close step's (backup/set-close.ts).
 */








/** The server as the plan found it. */
const planServer = (plan) => ({
    version: plan.server.serverVersion,
    versionNum: 0,
    major: plan.server.serverMajor,
    databaseSize: 0,
});
/** The time in the members' keys: the set's, as in a set of one run. */
const planTime = (plan) => stampTime(parseSetId(plan.id).stamp);
/** This job's databases: the ones given, each of them planned in the set. */
function groupOf(o, plan) {
    if (o.databases.kind !== 'list')
        throw new errors/* UserError */.yo("databases: with set-id, give this job's group: the databases of its matrix entry (${{ matrix.databases }})");
    const planned = plan.groups.flatMap((g) => g.databases);
    const names = o.databases.names.filter((n) => !o.excludeDatabases.includes(n));
    const unknown = names.filter((n) => !planned.some((d) => d.database === n));
    if (unknown.length)
        throw new errors/* UserError */.yo(`databases: ${unknown.map((n) => `"${n}"`).join(', ')} ${unknown.length === 1 ? 'is' : 'are'} not planned in set ${plan.id} (it plans ${planned.map((d) => d.database).join(', ')}); pass the matrix entry's databases`);
    return planned.filter((d) => names.includes(d.database)).map((d) => ({ database: d.database, name: d.name }));
}
async function backupPlannedMembers(o, setId, ctx) {
    const s3 = (0,client/* clientFor */.$)(ctx, o.s3);
    const s3Error = (0,describe_error/* s3ErrorsOf */.z7)(o.s3);
    const encryptor = o.encryption ? await (0,encrypt/* openEncryption */.o)(o.encryption) : undefined;
    const plan = await readPlan(s3, o, setId, s3Error);
    const databases = groupOf(o, plan);
    const at = planTime(plan);
    const parallel = Math.min(o.jobs, databases.length);
    ctx.log.info(`set ${plan.id}: ${databases.map((d) => d.database).join(', ')}, ${parallel} at a time`);
    const mo = { ...o, globals: false };
    const queueSize = Math.max(1, Math.floor(o.queueSize / parallel));
    const r = { o: mo, ctx, s3, server: planServer(plan), at, encryptor, s3Error, single: false, queueSize };
    const tasks = databases.map((d) => async () => {
        const startedAt = ctx.now().toISOString();
        const outcome = await databaseTask(r, d)();
        if (ctx.signal.aborted)
            return outcome;
        const record = {
            schema: MEMBER_SCHEMA,
            setId: plan.id,
            startedAt,
            finishedAt: ctx.now().toISOString(),
            member: outcome.member,
            ...copyRecord(outcome.result?.copy),
        };
        try {
            await writeMemberRecord(s3, o, record, s3Error);
        }
        catch (err) {
            ctx.log.warning(`database "${d.database}": its record was not written: ${(0,errors/* oneLine */.TN)(err)}`);
            return { ...outcome, error: outcome.error ?? err };
        }
        return outcome;
    });
    const outcomes = await pool(tasks, parallel);
    if (ctx.signal.aborted)
        throw outcomes.find((x) => x.error)?.error ?? ctx.signal.reason;
    const members = outcomes.map((x) => x.member);
    const set = setDocument({
        key: plan.key,
        o,
        server: planServer(plan),
        startedAt: at,
        finishedAt: ctx.now(),
        members,
        env: ctx.env,
    });
    return { set, bucket: o.s3.bucket, outcomes, failure: set_members_run_failureOf(plan, outcomes) };
}
function set_members_run_failureOf(plan, outcomes) {
    const failed = outcomes.filter((x) => x.error);
    if (!failed.length)
        return undefined;
    const what = failed.map((x) => `"${x.member.database}" (${x.member.error ?? (0,errors/* oneLine */.TN)(x.error)})`);
    return new errors/* UserError */.yo(`backup: ${failed.length} of ${outcomes.length} databases of set ${plan.id} failed: ${what.join('; ')}. The others are stored; the close step records the failure`);
}
/** A member's copy as its record keeps it (the error as its message). */
function copyRecord(copy) {
    if (!copy)
        return {};
    return {
        copy: {
            status: copy.status,
            ...(copy.key ? { key: copy.key } : {}),
            ...(copy.error ? { error: copy.error.message } : {}),
        },
    };
}

;// CONCATENATED MODULE: ./src/commands/backup-members.ts
/** backup with set-id: one job's group of a planned set; its outputs as a set's, the document left to set close. */



async function runSetMembers(o, setId, ctx) {
    const r = await backupPlannedMembers(o, setId, ctx);
    const outputs = { ...multiOutputs(r), ...setOutputs(r) };
    const stored = r.set.members.filter((m) => m.status === 'ok').map((m) => m.name);
    return {
        outputs,
        summary: setSummary(r),
        text: setText(r),
        json: { ...(0,command/* outputsJson */.p)('backup', outputs), set: r.set },
        report: `backed up ${stored.join(', ') || 'nothing'} for set ${setId}${r.set.failed.length ? `, failed: ${r.set.failed.join(', ')}` : ''}`,
        failure: r.failure ?? r.outcomes.find((x) => x.result?.copy?.error)?.result?.copy?.error,
    };
}

// EXTERNAL MODULE: ./src/options/input-value.ts + 1 modules
var input_value = __webpack_require__(30);
// EXTERNAL MODULE: ./src/options/values.ts
var values = __webpack_require__(2262);
;// CONCATENATED MODULE: ./src/options/set-plan.ts
/** The inputs of a set made by several jobs: plan's max-jobs, the set-id of its jobs and close, members-timeout. */





/** set-id: <environment>_<YYYYMMDD_HHMMSS>[_N], of this environment; undefined when not given. */
function parseSetIdInput(raw, env, environment) {
    const text = (0,input_value/* value */.U)(raw, env, 'set-id');
    if (!text)
        return undefined;
    const id = parseSetId(text);
    if (!id)
        throw new errors/* UserError */.yo(`set-id: "${text}" is not a set id (<environment>_<YYYYMMDD_HHMMSS>, as plan's set-id output gives it)`);
    if (id.environment !== environment)
        throw new errors/* UserError */.yo(`set-id: "${text}" was planned for environment "${id.environment}", not "${environment}"; give the same environment as plan`);
    return text;
}
function parsePlanOptions(raw, env = process.env) {
    const o = (0,parse/* parseBackupOptions */.k3)(raw, env);
    if (o.databases.kind === 'single')
        throw new errors/* UserError */.yo('databases: plan needs a list (app,analytics) or all: the databases to share among the jobs');
    return { ...o, maxJobs: (0,values/* parseInteger */.cG)('max-jobs', (0,input_value/* value */.U)(raw, env, 'max-jobs'), 1, 256) };
}
function parseSetCloseOptions(raw, env = process.env) {
    const o = (0,parse/* parseBackupOptions */.k3)(raw, env);
    const setId = parseSetIdInput(raw, env, o.environment);
    if (!setId)
        throw new errors/* UserError */.yo('set-id: required: the set plan made (its set-id output, e.g. ${{ needs.plan.outputs.set-id }})');
    const timeout = (0,input_value/* value */.U)(raw, env, 'members-timeout');
    return {
        ...o,
        setId,
        membersTimeoutSeconds: timeout === '0' ? 0 : (0,values/* parseDuration */.E9)('members-timeout', timeout),
    };
}

;// CONCATENATED MODULE: ./src/commands/backup.ts
/** backup: one database, or a set of them with the globals; its outputs, summary and text. */










const backupCommand = {
    verb: 'backup',
    async run(raw, ctx) {
        const options = (0,parse/* parseBackupOptions */.k3)(raw, ctx.env);
        const report = (0,monitoring/* parseReportOptions */.s)(raw, ctx.env);
        const setId = parseSetIdInput(raw, ctx.env, options.environment);
        if (setId)
            return runSetMembers(options, setId, ctx);
        if (options.databases.kind !== 'single' || options.globals)
            return runBackupSet(options, report, ctx);
        const result = await (0,database/* backup */.R)(options, ctx);
        const trend = await backupTrend(options, result, report, ctx);
        const outputs = (0,results/* backupOutputs */.zW)(result);
        return {
            outputs,
            summary: (0,results/* backupSummary */.fj)(result) + (trend.section ? `\n${trend.section}` : ''),
            text: `${result.uri}\nsha256 ${result.sha256}  ${(0,format/* formatBytes */.z3)(result.size)}`,
            json: {
                ...(0,command/* outputsJson */.p)('backup', outputs),
                trend: trendJson(trend),
            },
            report: `backed up ${result.uri}: ${(0,format/* formatBytes */.z3)(result.size)}, sha256 ${result.sha256}${trend.shrink ? ` — warning: ${trend.shrink}` : ''}`,
            warnings: trend.shrink ? [{ message: trend.shrink, title: 'Backup shrank' }] : [],
            // the backup is stored and reported; a failed copy or retention still fails the run
            failure: result.copy?.error ?? result.retention?.pruneError,
        };
    },
};

// EXTERNAL MODULE: ./src/bucket/audit.ts + 3 modules
var audit = __webpack_require__(6541);
// EXTERNAL MODULE: ./src/reporting/bucket-audit.ts
var bucket_audit = __webpack_require__(3640);
// EXTERNAL MODULE: ./src/options/copy.ts
var copy = __webpack_require__(1729);
// EXTERNAL MODULE: ./src/core/retention/policy.ts
var policy = __webpack_require__(2738);
// EXTERNAL MODULE: ./src/core/retention/cost.ts
var cost = __webpack_require__(8421);
// EXTERNAL MODULE: ./src/core/providers.ts
var providers = __webpack_require__(8201);
;// CONCATENATED MODULE: ./src/core/init-settings.ts
/** The settings bucket init sets, by the name an input gives them, and the step that reports each. */
const INIT_SETTINGS = {
    versioning: 'versioning',
    encryption: 'default encryption',
    'public-access-block': 'public access block',
    lifecycle: 'lifecycle',
    'object-lock': 'Object Lock',
    replication: 'replication',
};

// EXTERNAL MODULE: ./src/core/replication-rules.ts
var replication_rules = __webpack_require__(5679);
;// CONCATENATED MODULE: ./src/options/replication.ts




/** The classes S3 accepts for replicas (Destination.StorageClass). */
const REPLICA_CLASSES = [
    'STANDARD',
    'STANDARD_IA',
    'ONEZONE_IA',
    'INTELLIGENT_TIERING',
    'GLACIER_IR',
    'GLACIER',
    'DEEP_ARCHIVE',
];
/** undefined when replicate-to is empty (bucket init without replication). */
function parseReplication(base, raw, env) {
    const to = (0,input_value/* value */.U)(raw, env, 'replicate-to');
    if (!to)
        return undefined;
    const role = (0,input_value/* value */.U)(raw, env, 'replication-role');
    if (!/^arn:(aws|aws-cn|aws-us-gov):iam::\d{12}:role\/[\w+=,.@/-]+$/.test(role)) {
        throw new errors/* UserError */.yo(role
            ? `replication-role: "${role}" is not an IAM role ARN (arn:aws:iam::123456789012:role/NAME)`
            : 'replication-role is empty: replication needs the IAM role S3 replicates with (arn:aws:iam::123456789012:role/NAME); bucket replicate prints its policy');
    }
    const cls = (0,input_value/* value */.U)(raw, env, 'replica-storage-class').toUpperCase();
    return {
        target: {
            destinationArn: (0,replication_rules/* destinationArn */.QI)('replicate-to', to),
            role,
            storageClass: cls ? (0,values/* parseEnum */.nL)('replica-storage-class', cls, REPLICA_CLASSES) : undefined,
            timeControl: (0,values/* parseBool */.q6)('replication-time-control', (0,input_value/* value */.U)(raw, env, 'replication-time-control')),
        },
        destinationRegion: (0,input_value/* value */.U)(raw, env, 'replicate-to-region') || base.s3.region,
    };
}

;// CONCATENATED MODULE: ./src/options/maintenance.ts










function maintenance_policy(raw, env) {
    return (0,policy/* policyFromValues */.dC)(Object.fromEntries(policy/* POLICY_KEYS */.cN.map((k) => [k, (0,parse/* value */.Uq)(raw, env, k)])));
}
function parsePruneOptions(raw, env = process.env) {
    return {
        ...(0,copy/* withCopy */.k)(raw, env, (0,parse/* common */.sh)(raw, env)),
        policy: maintenance_policy(raw, env),
        dryRun: (0,values/* parseBool */.q6)('dry-run', (0,parse/* value */.Uq)(raw, env, 'dry-run')),
    };
}
function lifecycleParts(raw, env) {
    return {
        policy: maintenance_policy(raw, env),
        transitions: (0,values/* parseBool */.q6)('transitions', (0,parse/* value */.Uq)(raw, env, 'transitions')),
        noncurrentDays: (0,values/* parseInteger */.cG)('noncurrent-days', (0,parse/* value */.Uq)(raw, env, 'noncurrent-days'), 1, 36_500),
    };
}
function parseLifecycleOptions(raw, env = process.env) {
    return {
        ...(0,copy/* withCopy */.k)(raw, env, (0,parse/* common */.sh)(raw, env)),
        ...lifecycleParts(raw, env),
        apply: (0,values/* parseBool */.q6)('apply', (0,parse/* value */.Uq)(raw, env, 'apply')),
    };
}
function parseBucketInitOptions(raw, env = process.env) {
    const base = (0,copy/* withCopy */.k)(raw, env, (0,parse/* common */.sh)(raw, env));
    const sseText = (0,parse/* value */.Uq)(raw, env, 'sse');
    const sse = sseText ? (0,values/* parseEnum */.nL)('sse', sseText, ['AES256', 'aws:kms']) : 'AES256';
    const sseKmsKeyId = (0,parse/* value */.Uq)(raw, env, 'sse-kms-key-id') || undefined;
    if (sseKmsKeyId && sse !== 'aws:kms')
        throw new errors/* UserError */.yo(`sse-kms-key-id is set but sse is not aws:kms: set ${(0,input_ref/* inputRef */.i)('sse', 'aws:kms')}`);
    const objectLock = (0,values/* parseBool */.q6)('object-lock', (0,parse/* value */.Uq)(raw, env, 'object-lock'));
    if (objectLock && !base.s3.provider.objectLock)
        throw new errors/* UserError */.yo(`object-lock: provider ${base.s3.provider.name} has no S3 Object Lock`);
    const replication = parseReplication(base, raw, env);
    return {
        ...base,
        ...lifecycleParts(raw, env),
        objectLock,
        sse,
        sseKmsKeyId,
        allowUnsupported: parseAllowUnsupported((0,parse/* value */.Uq)(raw, env, 'allow-unsupported')),
        ...(replication ? { replication } : {}),
    };
}
function parseReplicateOptions(raw, env = process.env) {
    const base = (0,parse/* common */.sh)(raw, env);
    const replication = parseReplication(base, raw, env);
    if (!replication)
        throw new errors/* UserError */.yo('replicate-to is empty: give the destination bucket ARN (arn:aws:s3:::BUCKET) or name');
    return { ...base, ...replication };
}
function parseBucketAuditOptions(raw, env = process.env) {
    return (0,copy/* withCopy */.k)(raw, env, (0,parse/* common */.sh)(raw, env));
}
function parseIamPolicyOptions(raw, env = process.env) {
    const base = (0,parse/* common */.sh)(raw, env);
    const principal = (0,parse/* value */.Uq)(raw, env, 'principal') || undefined;
    if (principal && !/^(arn:[a-z-]+:iam::\d*:(role|user)\/\S+|\*)$/.test(principal)) {
        throw new errors/* UserError */.yo(`principal: "${principal}" is not an IAM role or user ARN (arn:aws:iam::123456789012:role/NAME)`);
    }
    const repository = (0,parse/* value */.Uq)(raw, env, 'github-repository');
    const branch = (0,parse/* value */.Uq)(raw, env, 'github-branch') || undefined;
    const environment = (0,parse/* value */.Uq)(raw, env, 'github-environment') || undefined;
    const awsAccountId = (0,parse/* value */.Uq)(raw, env, 'aws-account-id');
    let github;
    if (repository) {
        if (!/^[A-Za-z0-9_.-]+\/[A-Za-z0-9_.-]+$/.test(repository))
            throw new errors/* UserError */.yo(`github-repository: "${repository}" is not owner/repo`);
        if (!/^\d{12}$/.test(awsAccountId))
            throw new errors/* UserError */.yo('aws-account-id: the trust policy needs the 12-digit AWS account id that holds the GitHub OIDC provider');
        if (branch && environment)
            throw new errors/* UserError */.yo("github-branch and github-environment both set: a job's OIDC subject names one of them; choose one");
        github = { repository, branch, environment, awsAccountId };
    }
    else if (branch || environment) {
        throw new errors/* UserError */.yo('github-branch / github-environment need github-repository (owner/repo)');
    }
    const role = (0,values/* parseEnum */.nL)('role', (0,parse/* value */.Uq)(raw, env, 'role'), ['backup', 'restore']);
    const allowDelete = (0,values/* parseBool */.q6)('allow-delete', (0,parse/* value */.Uq)(raw, env, 'allow-delete'));
    if (role === 'restore' && allowDelete)
        throw new errors/* UserError */.yo('allow-delete: a restore role deletes nothing; leave it off with role: restore');
    return {
        bucket: base.s3.bucket,
        prefix: base.s3.prefix,
        role,
        allowDelete,
        principal,
        github,
    };
}
function parseCostOptions(raw, env = process.env) {
    const sizeText = (0,parse/* value */.Uq)(raw, env, 'size');
    if (!sizeText)
        throw new errors/* UserError */.yo('size is empty: give the database size, e.g. --size 100GB');
    // a bare number would be bytes: "100" priced as 100 bytes is $0.00, never what was meant
    if (/^\s*\d+(?:\.\d+)?\s*$/.test(sizeText))
        throw new errors/* UserError */.yo(`size: "${sizeText}" has no unit; say which, e.g. ${sizeText.trim()}GB (or MB, TB, GiB …)`);
    const bytes = (0,values/* parseSize */.DB)('size', sizeText);
    if (bytes <= 0)
        throw new errors/* UserError */.yo(`size: ${sizeText} is not a positive size`);
    const ratioText = (0,parse/* value */.Uq)(raw, env, 'compression-ratio');
    const compressionRatio = Number(ratioText);
    if (!/^\d*\.?\d+$/.test(ratioText) || !(compressionRatio >= 1) || compressionRatio > 1000) {
        throw new errors/* UserError */.yo(`compression-ratio: "${ratioText}" is not a ratio of 1 or more (dump size ÷ stored size, e.g. 4)`);
    }
    const provider = providers/* PROFILES */.j[(0,values/* parseEnum */.nL)('provider', (0,parse/* value */.Uq)(raw, env, 'provider') || 'aws', providers/* PROVIDERS */.x)];
    const prices = (0,cost/* parsePrices */.ap)('prices', (0,parse/* value */.Uq)(raw, env, 'prices'));
    const storageClass = (0,parse/* value */.Uq)(raw, env, 'storage-class').toUpperCase();
    if (!prices[storageClass])
        throw new errors/* UserError */.yo(`storage-class: no price for ${storageClass}; use one of ${Object.keys(prices).join(', ')} or add it with prices`);
    return {
        sizeGB: bytes / 1e9,
        compressionRatio,
        storageClass,
        prices,
        ...lifecycleParts(raw, env),
        provider,
    };
}
function parseAllowUnsupported(text) {
    const names = Object.keys(INIT_SETTINGS);
    return (0,values/* parseList */.E1)(text).map((t) => {
        if (!names.includes(t))
            throw new errors/* UserError */.yo(`allow-unsupported: "${t}" is not a bucket init setting; use ${names.join(', ')}`);
        return INIT_SETTINGS[t];
    });
}

// EXTERNAL MODULE: ./src/reporting/maintenance.ts
var maintenance = __webpack_require__(9353);
;// CONCATENATED MODULE: ./src/commands/bucket-audit.ts
/** bucket audit: the bucket against the security checklist — ✓ / ✗ / unknown. */






const bucketAuditCommand = {
    verb: 'bucket-audit',
    async run(raw, ctx) {
        const o = parseBucketAuditOptions(raw, ctx.env);
        const checks = await (0,audit/* audit */.s)(o, ctx);
        const count = (s) => String(checks.filter((c) => c.status === s).length);
        const failed = checks.filter((c) => c.status === 'fail');
        const outputs = {
            passed: count('ok'),
            failed: count('fail'),
            unknown: count('unknown'),
            report: JSON.stringify(checks),
        };
        return {
            outputs,
            summary: (0,maintenance/* auditSummary */.qq)(checks, o.s3.bucket),
            text: (0,bucket_audit/* auditText */.$)(checks),
            json: (0,command/* outputsJson */.p)('bucket-audit', outputs),
            report: `bucket audit: ${outputs.passed} passed, ${outputs.failed} failed, ${outputs.unknown} unknown`,
            failure: failed.length
                ? new errors/* UserError */.yo(`bucket audit: ${failed.length} of ${checks.length} checks failed (${failed.map((c) => c.check).join(', ')}); see the table above`)
                : undefined,
        };
    },
};

// EXTERNAL MODULE: ./node_modules/@aws-sdk/client-s3/dist-cjs/index.js
var dist_cjs = __webpack_require__(3711);
// EXTERNAL MODULE: ./src/core/retention/lifecycle-rules.ts
var lifecycle_rules = __webpack_require__(5388);
// EXTERNAL MODULE: ./src/s3/bucket.ts
var s3_bucket = __webpack_require__(4358);
;// CONCATENATED MODULE: ./src/bucket/init-steps.ts
/**
 * bucket init, one function per step. Each step returns its report row and never throws (a refused request is a
 * "failed" row); the bucket step alone throws, since nothing else can work without the bucket.
 */







const failed = (step, err) => ({
    step,
    status: 'failed',
    detail: `${(0,describe_error/* s3ErrorCode */.az)(err) ?? 'Error'}: ${(0,errors/* errorMessage */.gJ)(err) || 'refused'}`.slice(0, 300),
});
/** Is the bucket's default encryption the one asked for? */
const encryptionWanted = (e, sse, kmsKeyId) => e?.algorithm === sse && (!kmsKeyId || e.kmsKeyId === kmsKeyId);
/** What reads back wrong in the public access block, or undefined when every setting in `set` is on. */
function blocksOff(set, now) {
    const off = Object.keys(set).filter((k) => set[k] && !now?.[k]);
    return off.length ? `it reads back with ${off.join(', ')} off` : undefined;
}
/** What reads back wrong in the lifecycle rules, or undefined when all of ours are there. */
function rulesMissing(ours, now) {
    const missing = ours.filter((r) => !now.some((x) => x.ID === r.ID && x.Status === r.Status));
    return missing.length ? `${missing.length} of its ${ours.length} rules are missing when read back` : undefined;
}
/**
 * A setting the server accepted, read back: some S3-compatible servers answer 200 to a PUT they do not implement and
 * keep nothing. `problem` says what reads back wrong (undefined: as set); a refused read leaves the step as done.
 */
async function readBack(done, problem) {
    try {
        const wrong = await problem();
        return wrong
            ? {
                step: done.step,
                status: 'ignored',
                detail: `the server answered OK, but ${wrong}: it does not keep this setting`,
            }
            : done;
    }
    catch (err) {
        return { ...done, detail: `${done.detail} (not read back: ${(0,describe_error/* s3ErrorCode */.az)(err) ?? 'Error'})` };
    }
}
/** Can the credentials still upload? (Ceph RGW 16 refuses every PutObject while BlockPublicAcls is set.) */
async function canUpload(s3, bucket, key) {
    const body = Buffer.from('s3-backup bucket init probe\n');
    try {
        await s3.send(new dist_cjs.PutObjectCommand({ Bucket: bucket, Key: key, Body: body, ContentMD5: (0,s3_bucket/* md5Base64 */.gb)(body) }));
    }
    catch (err) {
        if ((0,describe_error/* s3ErrorCode */.az)(err) === 'AccessDenied')
            return false;
        throw err;
    }
    await (0,s3_objects/* deleteKeys */.IO)(s3, bucket, [key]);
    return true;
}
/** 1. the bucket; throws, since nothing else can work without it. */
async function bucketStep(s3, o) {
    let state;
    try {
        state = await (0,s3_bucket/* ensureBucket */.he)(s3, o.s3.bucket, o.s3.region, o.objectLock);
    }
    catch (err) {
        throw (0,describe_error/* describeS3Error */.ye)(err, { bucket: o.s3.bucket, endpoint: o.s3.endpoint, action: 'creating' });
    }
    const created = state === 'created';
    return {
        created,
        step: {
            step: 'bucket',
            status: created ? 'done' : 'already',
            detail: created ? `created in ${o.s3.region}${o.objectLock ? ' with Object Lock' : ''}` : 'exists and is yours',
        },
    };
}
/** 2. versioning (Object Lock needs it too). */
async function versioningStep(s3, bucket) {
    try {
        if ((await (0,s3_bucket/* getVersioning */.Vz)(s3, bucket)) === 'Enabled')
            return { step: 'versioning', status: 'already', detail: 'enabled' };
        await (0,s3_bucket/* enableVersioning */.Qi)(s3, bucket);
        return await readBack({ step: 'versioning', status: 'done', detail: 'enabled' }, async () => {
            const now = await (0,s3_bucket/* getVersioning */.Vz)(s3, bucket);
            return now === 'Enabled' ? undefined : `versioning reads back as ${now ?? 'never enabled'}`;
        });
    }
    catch (err) {
        return failed('versioning', err);
    }
}
/** 3. Object Lock on an existing bucket (AWS allows it since 2023; most other servers only at creation). */
async function objectLockStep(s3, bucket, created) {
    try {
        if (await (0,s3_bucket/* getObjectLockEnabled */.E7)(s3, bucket))
            return { step: 'Object Lock', status: created ? 'done' : 'already', detail: 'enabled' };
        await (0,s3_bucket/* enableObjectLock */.qf)(s3, bucket);
        return await readBack({ step: 'Object Lock', status: 'done', detail: 'enabled on the existing bucket' }, async () => ((await (0,s3_bucket/* getObjectLockEnabled */.E7)(s3, bucket)) ? undefined : 'Object Lock reads back as not enabled'));
    }
    catch (err) {
        return failed('Object Lock', err);
    }
}
/** 4. default encryption. */
async function encryptionStep(s3, bucket, sse, kmsKeyId) {
    try {
        const current = await (0,s3_bucket/* getEncryption */.Ys)(s3, bucket).catch(() => undefined);
        if (current && encryptionWanted(current, sse, kmsKeyId))
            return { step: 'default encryption', status: 'already', detail: current.algorithm };
        await (0,s3_bucket/* putEncryption */.dz)(s3, bucket, sse, kmsKeyId);
        return await readBack({ step: 'default encryption', status: 'done', detail: `${sse}${kmsKeyId ? ` (${kmsKeyId})` : ''}` }, async () => {
            const now = await (0,s3_bucket/* getEncryption */.Ys)(s3, bucket);
            return encryptionWanted(now, sse, kmsKeyId)
                ? undefined
                : now
                    ? `default encryption reads back as ${now.algorithm}`
                    : 'the bucket reads back with no default encryption';
        });
    }
    catch (err) {
        return failed('default encryption', err);
    }
}
/** 5. public access, all four blocks — unless the server then refuses every upload. */
async function publicAccessStep(s3, bucket, prefix) {
    try {
        await (0,s3_bucket/* putPublicAccessBlock */.s2)(s3, bucket, s3_bucket/* ALL_BLOCKED */.nu);
        const probe = (0,naming/* joinKey */.ID)(prefix, '.s3-backup-init-probe');
        const kept = (set) => async () => blocksOff(set, await (0,s3_bucket/* getPublicAccessBlock */.xO)(s3, bucket));
        if (await canUpload(s3, bucket, probe)) {
            return await readBack({ step: 'public access block', status: 'done', detail: 'all four settings on' }, kept(s3_bucket/* ALL_BLOCKED */.nu));
        }
        const three = { ...s3_bucket/* ALL_BLOCKED */.nu, BlockPublicAcls: false };
        await (0,s3_bucket/* putPublicAccessBlock */.s2)(s3, bucket, three);
        const ok = await canUpload(s3, bucket, probe);
        const step = {
            step: 'public access block',
            status: ok ? 'partial' : 'failed',
            detail: ok
                ? 'this server refuses every upload while BlockPublicAcls is set (Ceph RGW 16 does): left it off; IgnorePublicAcls, BlockPublicPolicy and RestrictPublicBuckets are on, so no ACL or policy can make an object public'
                : 'uploads are refused even with BlockPublicAcls off: check the credentials',
        };
        return ok ? await readBack(step, kept(three)) : step;
    }
    catch (err) {
        return failed('public access block', err);
    }
}
/** 6. lifecycle rules, merged with the bucket's own. */
async function lifecycleStep(s3, o, log) {
    const { bucket, prefix, provider } = o.s3;
    if (provider.lifecycle === 'none') {
        return {
            step: 'lifecycle',
            status: 'skipped',
            detail: `provider ${provider.name} has no S3 lifecycle API: use retention (prune)`,
        };
    }
    try {
        const ours = (0,lifecycle_rules/* lifecycleRules */.EM)({
            prefix,
            policy: o.policy,
            provider,
            transitions: o.transitions,
            noncurrentDays: o.noncurrentDays,
        });
        const merged = (0,lifecycle_rules/* mergeRules */.ub)(await (0,s3_bucket/* getLifecycle */.JK)(s3, bucket), ours, prefix);
        await (0,s3_bucket/* putLifecycle */.gW)(s3, bucket, merged.rules);
        const step = await readBack({
            step: 'lifecycle',
            status: 'done',
            detail: `${ours.length} rules for ${prefix}/ (${merged.kept.length} other rules kept)`,
        }, async () => rulesMissing(ours, await (0,s3_bucket/* getLifecycle */.JK)(s3, bucket)));
        if (merged.overlapping.length)
            log.warning(`lifecycle rules not written by s3-backup also act on ${prefix}/: ${merged.overlapping.join(', ')}; they may expire or archive backups before the tier rules would`);
        return step;
    }
    catch (err) {
        return failed('lifecycle', err);
    }
}

// EXTERNAL MODULE: ./src/s3/replication-config.ts
var replication_config = __webpack_require__(8267);
;// CONCATENATED MODULE: ./src/bucket/replicate.ts






async function versioningOn(s3, bucket, side, ctx) {
    let status;
    try {
        status = await (0,s3_bucket/* getVersioning */.Vz)(s3, bucket);
    }
    catch (err) {
        // a destination in another account may not let these credentials read it: S3 checks it when the rule is written
        if (side === 'destination' && ['AccessDenied', 'Forbidden'].includes((0,describe_error/* s3ErrorCode */.az)(err) ?? '')) {
            ctx.log.warning(`replicate-to: cannot read the versioning of s3://${bucket} (AccessDenied); not checked here`);
            return;
        }
        throw (0,describe_error/* describeS3Error */.ye)(err, { bucket, action: `reading the versioning of the ${side} bucket` });
    }
    if (status !== 'Enabled') {
        throw new errors/* UserError */.yo(`replication needs versioning on both buckets: it is ${status ? status.toLowerCase() : 'off'} on the ${side} s3://${bucket}; ${side === 'source' ? 'run bucket init (it enables versioning)' : `enable it there (bucket init --bucket ${bucket})`} first`);
    }
}
async function replicate(o, ctx) {
    const s3 = (0,client/* clientFor */.$)(ctx, o.s3);
    const destination = (0,replication_rules/* bucketOfArn */.pi)(o.target.destinationArn);
    if (destination === o.s3.bucket)
        throw new errors/* UserError */.yo('replicate-to: the destination is the source bucket itself');
    await versioningOn(s3, o.s3.bucket, 'source', ctx);
    await versioningOn((0,client/* clientFor */.$)(ctx, { ...o.s3, bucket: destination, region: o.destinationRegion }), destination, 'destination', ctx);
    const where = { bucket: o.s3.bucket, endpoint: o.s3.endpoint };
    const existing = await (0,replication_config/* getReplication */.bE)(s3, o.s3.bucket).catch((err) => {
        throw (0,describe_error/* describeS3Error */.ye)(err, { ...where, action: 'reading the replication configuration of' });
    });
    const merged = (0,replication_rules/* mergeReplication */.JZ)(existing, o.s3.prefix, o.target);
    const ours = merged.config.Rules[merged.config.Rules.length - 1];
    const kept = merged.kept ? `; ${merged.kept} other rule${merged.kept === 1 ? '' : 's'} kept` : '';
    if (!merged.changed)
        return { merged, step: { step: 'replication', status: 'already', detail: (0,replication_rules/* describeRule */.IO)(ours) + kept } };
    await (0,replication_config/* putReplication */.ew)(s3, o.s3.bucket, merged.config).catch((err) => {
        throw (0,describe_error/* describeS3Error */.ye)(err, { ...where, action: 'writing the replication configuration of' });
    });
    return { merged, step: { step: 'replication', status: 'done', detail: (0,replication_rules/* describeRule */.IO)(ours) + kept } };
}

;// CONCATENATED MODULE: ./src/bucket/init.ts





/** replicate-to: after versioning is on, the same rule bucket replicate writes; a refusal is a failed step. */
async function replicationStep(o, ctx) {
    try {
        return (await replicate({ ...o, ...o.replication }, ctx)).step;
    }
    catch (err) {
        return { step: 'replication', status: 'failed', detail: (0,errors/* errorMessage */.gJ)(err).slice(0, 300) };
    }
}
/** Runs every step in order; the report is the command's result, printed once at the end. */
async function bucketInit(o, ctx) {
    const s3 = (0,client/* clientFor */.$)(ctx, o.s3);
    const bucket = o.s3.bucket;
    const { created, step } = await bucketStep(s3, o);
    const steps = [step, await versioningStep(s3, bucket)];
    if (o.objectLock)
        steps.push(await objectLockStep(s3, bucket, created));
    steps.push(await encryptionStep(s3, bucket, o.sse, o.sseKmsKeyId));
    steps.push(await publicAccessStep(s3, bucket, o.s3.prefix));
    steps.push(await lifecycleStep(s3, o, ctx.log));
    if (o.replication)
        steps.push(await replicationStep(o, ctx));
    return steps;
}
const settingOf = (step) => Object.entries(INIT_SETTINGS).find(([, name]) => name === step)?.[0] ?? step;
/** A step the server refused or did not keep, and whether allow-unsupported accepts it (never an AccessDenied). */
function gaps(steps, allowed) {
    return steps
        .filter((s) => s.status === 'failed' || s.status === 'ignored')
        .map((step) => ({ step, accepted: allowed.includes(step.step) && !step.detail.startsWith('AccessDenied') }));
}
/** One warning for each gap allow-unsupported accepts. */
function acceptedGaps(steps, allowed) {
    return gaps(steps, allowed)
        .filter((g) => g.accepted)
        .map(({ step }) => ({
        title: 'bucket init',
        message: `bucket init: ${step.step} ${step.status === 'ignored' ? 'ignored by the server' : `refused (${step.detail.split(':')[0]})`}; accepted (allow-unsupported)`,
    }));
}
function initFailure(steps, bucket, allowed = []) {
    const bad = gaps(steps, allowed)
        .filter((g) => !g.accepted)
        .map((g) => g.step);
    if (!bad.length)
        return undefined;
    const ignored = bad.filter((s) => s.status === 'ignored').length;
    const it = bad.length === 1 ? 'it' : 'them';
    const why = !ignored
        ? `the server refused ${it}`
        : ignored === bad.length
            ? `the server answered OK but did not keep ${it}`
            : 'the server refused or did not keep them';
    const acceptable = bad.filter((s) => !s.detail.startsWith('AccessDenied')).map((s) => settingOf(s.step));
    const accept = acceptable.length
        ? `, or accept ${acceptable.length === 1 ? 'the gap' : 'the gaps'} with allow-unsupported: ${acceptable.join(',')}`
        : '';
    return new errors/* UserError */.yo(`bucket init: s3://${bucket} is set up except ${bad.map((s) => `${s.step} (${s.status === 'ignored' ? 'ignored' : s.detail.split(':')[0]})`).join(', ')}: ${why}; see the table above${accept}`);
}

;// CONCATENATED MODULE: ./src/commands/bucket-init.ts
/** bucket init: create or complete the bucket — versioning, encryption, public access blocked, lifecycle rules. */




const bucketInitCommand = {
    verb: 'bucket-init',
    async run(raw, ctx) {
        const o = parseBucketInitOptions(raw, ctx.env);
        const steps = await bucketInit(o, ctx);
        const outputs = { report: JSON.stringify(steps) };
        return {
            outputs,
            summary: [`### Bucket setup: s3://${o.s3.bucket}`, '', (0,maintenance/* initTable */.fx)(steps), ''].join('\n'),
            text: steps.map((s) => `${s.status.padEnd(8)} ${s.step}: ${s.detail}`).join('\n'),
            json: (0,command/* outputsJson */.p)('bucket-init', outputs),
            report: `bucket s3://${o.s3.bucket} set up`,
            warnings: acceptedGaps(steps, o.allowUnsupported),
            failure: initFailure(steps, o.s3.bucket, o.allowUnsupported),
        };
    },
};

;// CONCATENATED MODULE: ./src/commands/bucket-replicate.ts
/** bucket replicate: replicate the backup prefix to another bucket (region or account), and the role it needs. */




const block = (title, doc) => [`### ${title}`, '', '```json', JSON.stringify(doc, null, 2), '```'];
const bucketReplicateCommand = {
    verb: 'bucket-replicate',
    async run(raw, ctx) {
        const o = parseReplicateOptions(raw, ctx.env);
        // the role's policies are printed even when S3 refuses the rule (the role may not exist yet)
        let failure;
        const done = await replicate(o, ctx).catch((err) => {
            failure = err;
            return undefined;
        });
        const rolePolicy = (0,replication_rules/* replicationRolePolicy */.Zx)({
            bucket: o.s3.bucket,
            prefix: o.s3.prefix,
            destinationArn: o.target.destinationArn,
        });
        const outputs = {
            configuration: done ? JSON.stringify(done.merged.config) : '',
            changed: String(done?.merged.changed ?? false),
            'role-policy': JSON.stringify(rolePolicy),
            'trust-policy': JSON.stringify(replication_rules/* REPLICATION_TRUST_POLICY */.Vr),
        };
        const where = `s3://${o.s3.bucket}/${o.s3.prefix ? `${o.s3.prefix}/` : ''}`;
        const line = done
            ? `replication of ${where} ${done.step.status === 'done' ? 'written' : 'already in place'}: ${done.step.detail}`
            : `replication of ${where} not written (see the error below); the role it needs:`;
        return {
            outputs,
            summary: [
                line,
                '',
                ...block(`Permissions of ${o.target.role}`, rolePolicy),
                '',
                ...block('Its trust policy', replication_rules/* REPLICATION_TRUST_POLICY */.Vr),
                '',
            ].join('\n'),
            text: [
                line,
                '',
                `// permissions policy of the replication role ${o.target.role}`,
                JSON.stringify(rolePolicy, null, 2),
                '',
                '// trust policy of the replication role (S3 assumes it)',
                JSON.stringify(replication_rules/* REPLICATION_TRUST_POLICY */.Vr, null, 2),
            ].join('\n'),
            json: (0,command/* outputsJson */.p)('bucket-replicate', outputs),
            report: line,
            failure,
        };
    },
};

// EXTERNAL MODULE: ./src/store/listing.ts + 1 modules
var store_listing = __webpack_require__(6080);
// EXTERNAL MODULE: ./src/options/drill.ts
var drill = __webpack_require__(4491);
;// CONCATENATED MODULE: ./src/options/check.ts
/** Inputs of `check` (the freshness gate). */



function parseCheckOptions(raw, env = process.env) {
    return {
        ...(0,parse/* parseListOptions */.Ic)(raw, env),
        maxAgeSeconds: (0,values/* parseDuration */.E9)('max-age', (0,parse/* value */.Uq)(raw, env, 'max-age')),
        failOnStale: (0,values/* parseBool */.q6)('fail-on-stale', (0,parse/* value */.Uq)(raw, env, 'fail-on-stale')),
        requireReplicated: (0,values/* parseBool */.q6)('require-replicated', (0,parse/* value */.Uq)(raw, env, 'require-replicated')),
        ...(0,drill/* parseRequireDrill */.s)(raw, env),
    };
}

// EXTERNAL MODULE: ./src/s3/archive.ts
var archive = __webpack_require__(100);
;// CONCATENATED MODULE: ./src/reporting/check-databases.ts


const stale = (r) => r.databases.filter((d) => !d.fresh);
const plural = (n, one, many) => `${n} ${n === 1 ? one : many}`;
/** Why one database is stale, in a few words. */
function why(d) {
    return d.newest ? `newest good backup ${(0,format/* formatAge */.nV)(d.newest.ageSeconds)} old` : 'no good backup';
}
/** The one line a failed gate prints: which databases, and why each. */
function databasesStaleMessage(r, where) {
    const bad = stale(r);
    const list = bad.map((d) => `${d.name} (${why(d)})`).join(', ');
    return (`${bad.length} of ${plural(r.databases.length, 'database', 'databases')} under ${where} ` +
        `${bad.length === 1 ? 'has' : 'have'} no good backup younger than max-age ${(0,format/* formatAge */.nV)(r.maxAgeSeconds)}: ${list}: ` +
        'check that the scheduled backup of each still runs (GitHub disables schedules after 60 days without repository activity)');
}
/** One line a database for the terminal. */
function databasesText(r) {
    return r
        .databases.map((d) => {
        const verdict = d.fresh ? 'fresh' : 'STALE';
        const n = d.newest;
        if (!n)
            return `${verdict}: ${d.name}: no good backup`;
        const replication = d.replicationStatus ? `, replication ${d.replicationStatus}` : '';
        return `${verdict}: ${d.name}: ${n.uri} taken ${n.backupTime} (${(0,format/* formatAge */.nV)(n.ageSeconds)} ago, max-age ${(0,format/* formatAge */.nV)(r.maxAgeSeconds)})${replication}`;
    })
        .join('\n');
}
function databasesReport(r) {
    const bad = stale(r);
    const total = plural(r.databases.length, 'database', 'databases');
    return bad.length ? `${bad.length} of ${total} stale: ${bad.map((d) => d.name).join(', ')}` : `${total} fresh`;
}
/** The job summary's heading and one row a database. */
function databasesSummary(r) {
    const bad = stale(r);
    const total = plural(r.databases.length, 'database', 'databases');
    const head = bad.length
        ? `### ❌ Backup freshness: ${bad.length} of ${total} without a good backup younger than ${(0,format/* formatAge */.nV)(r.maxAgeSeconds)}`
        : `### ✅ Backup freshness: ${total}, each with a good backup younger than ${(0,format/* formatAge */.nV)(r.maxAgeSeconds)}`;
    const rows = r.databases.map((d) => [
        d.name,
        d.newest
            ? `${d.fresh ? '✅' : '❌'} ${(0,format/* formatAge */.nV)(d.newest.ageSeconds)} old: \`${d.newest.uri}\``
            : '❌ no good backup',
    ]);
    return [head, '', (0,results/* table */.tp)(rows), ''].join('\n');
}
/** Each database for --json. */
function databasesJson(r) {
    return r.databases.map((d) => ({
        name: d.name,
        fresh: d.fresh,
        key: d.newest?.key ?? null,
        backupTime: d.newest?.backupTime ?? null,
        ageSeconds: d.newest?.ageSeconds ?? null,
        ...(d.replicationStatus ? { replicationStatus: d.replicationStatus } : {}),
    }));
}

;// CONCATENATED MODULE: ./src/reporting/summaries.ts




function checkOutputs(r) {
    const n = r.newest;
    return {
        fresh: String(r.fresh),
        key: n?.key ?? '',
        uri: n?.uri ?? '',
        'backup-time': n?.backupTime ?? '',
        'age-seconds': n ? String(n.ageSeconds) : '',
        age: n ? (0,format/* formatAge */.nV)(n.ageSeconds) : '',
        sha256: n?.sha256 ?? '',
        size: n ? String(n.size) : '',
        'replication-status': r.replicationStatus ?? '',
        stale: JSON.stringify(r.stale),
    };
}
/** The same result for `--json`. */
function checkJson(r) {
    return {
        fresh: r.fresh,
        maxAgeSeconds: r.maxAgeSeconds,
        checkedAt: r.checkedAt,
        ...(r.newest
            ? {
                key: r.newest.key,
                uri: r.newest.uri,
                backupTime: r.newest.backupTime,
                ageSeconds: r.newest.ageSeconds,
                age: (0,format/* formatAge */.nV)(r.newest.ageSeconds),
                sha256: r.newest.sha256,
                size: r.newest.size,
            }
            : { key: null }),
        skipped: r.skipped,
        ...(r.databases ? { databases: databasesJson(r) } : {}),
    };
}
function checkSummary(r) {
    if (r.databases)
        return databasesSummary(r);
    const n = r.newest;
    const head = r.fresh
        ? `### ✅ Backup freshness: the newest good backup is ${(0,format/* formatAge */.nV)(n.ageSeconds)} old`
        : n
            ? `### ❌ Backup freshness: the newest good backup is ${(0,format/* formatAge */.nV)(n.ageSeconds)} old, more than ${(0,format/* formatAge */.nV)(r.maxAgeSeconds)}`
            : `### ❌ Backup freshness: no good backup under \`s3://${r.bucket}/${r.prefix}\``;
    const rows = n
        ? [
            ['Backup', `\`${n.uri}\``],
            ['Taken', `${n.backupTime.slice(0, 19).replace('T', ' ')} UTC`],
            ['Age', `${(0,format/* formatAge */.nV)(n.ageSeconds)} (max-age ${(0,format/* formatAge */.nV)(r.maxAgeSeconds)})`],
            ['Stored size', (0,format/* formatBytes */.z3)(n.size)],
            ['Dump size', n.rawSize === null ? 'n/a' : (0,format/* formatBytes */.z3)(n.rawSize)],
            ['SHA-256', `\`${n.sha256}\``],
            ['Checked', '.sha256 and .meta present and agreeing with the object'],
        ]
        : [['Max age', (0,format/* formatAge */.nV)(r.maxAgeSeconds)]];
    const skipped = r.skipped.length
        ? [
            '',
            `Newer backups that are not good (${r.skipped.length}):`,
            '',
            ...r.skipped.slice(0, 10).map((s) => `- \`${s.key}\`: ${s.reason}`),
            ...(r.skipped.length > 10 ? [`- … and ${r.skipped.length - 10} more`] : []),
        ]
        : [];
    return [head, '', (0,results/* table */.tp)(rows), ...skipped, ''].join('\n');
}
function listSummary(bucket, prefix, backups, latestKey) {
    const rows = backups
        .slice(0, 50)
        .map((b) => `| ${b.at.toISOString().slice(0, 19).replace('T', ' ')} | \`${b.key}\`${b.key === latestKey ? ' (latest)' : ''} | ${(0,format/* formatBytes */.z3)(b.size)} | ${b.format} | ${b.hasChecksum ? '✓' : '✗'} | ${b.hasManifest ? '✓' : '✗'} |`);
    return [
        `### PostgreSQL backups in \`s3://${bucket}/${prefix}\`: ${backups.length}`,
        '',
        ...(backups.length
            ? [
                '| taken (UTC) | key | stored | format | .sha256 | .meta |',
                '|---|---|---|---|---|---|',
                ...rows,
                ...(backups.length > 50 ? [`\n… and ${backups.length - 50} older`] : []),
            ]
            : ['No backups.']),
        '',
    ].join('\n');
}

;// CONCATENATED MODULE: ./src/core/check-scope.ts


const databasesOf = (set) => [
    ...new Set(set.members.filter((m) => m.kind === 'database').map((m) => m.name)),
];
/** The names to judge one by one (sorted); undefined when the prefix is judged as one (a name, or one database). */
function databasesToCheck(o, backups, sets = []) {
    if (o.name)
        return undefined;
    const newestSet = sets.find((s) => databasesOf(s).length > 1);
    const names = newestSet ? databasesOf(newestSet).sort() : (0,core_select/* databaseNames */.Ml)(backups, o.environment);
    return names.length > 1 ? names : undefined;
}
/** One database's backups among a listing (its own name in the key, never the globals'). */
function backupsOf(backups, name, environment) {
    return name === set_format/* GLOBALS_NAME */.X4 ? [] : backups.filter((b) => b.stem === `${name}_${environment}`);
}

;// CONCATENATED MODULE: ./src/commands/check-databases.ts
/**
 * check without a name under a prefix of several databases: each database of the newest set (or each backed up
 * there) judged on its own newest good backup; the prefix is fresh only when every one of them is.
 */

async function checkDatabases(o, judge, input) {
    const databases = [];
    const skipped = [];
    for (const name of input.names) {
        const found = await judge.newestGood(backupsOf(input.backups, name, o.environment));
        skipped.push(...found.skipped);
        const n = found.newest;
        const fresh = n !== undefined && n.ageSeconds <= o.maxAgeSeconds;
        const replicationStatus = o.requireReplicated && n ? await judge.replicationOf(n.key) : undefined;
        databases.push({ name, fresh, ...(n ? { newest: n } : {}), ...(replicationStatus ? { replicationStatus } : {}) });
    }
    const stalest = databases.filter((d) => d.newest).sort((a, b) => b.newest.ageSeconds - a.newest.ageSeconds)[0];
    return {
        ...(stalest?.replicationStatus ? { replicationStatus: stalest.replicationStatus } : {}),
        fresh: databases.every((d) => d.fresh),
        maxAgeSeconds: o.maxAgeSeconds,
        checkedAt: input.now.toISOString(),
        bucket: o.s3.bucket,
        prefix: o.s3.prefix,
        newest: stalest?.newest,
        skipped,
        stale: databases.filter((d) => !d.fresh).map((d) => d.name),
        databases,
    };
}

// EXTERNAL MODULE: ./src/core/drill-proof.ts
var drill_proof = __webpack_require__(5593);
// EXTERNAL MODULE: ./src/store/drills.ts
var store_drills = __webpack_require__(6419);
;// CONCATENATED MODULE: ./src/commands/check-drill.ts






/** Throws the gate's one line when no passing drill proves the backups judged; logs which drill proved them. */
async function assertDrilled(o, ctx, r) {
    if (o.requireDrillSeconds === undefined)
        return;
    const now = ctx.now();
    const judged = (r.databases ?? [{ newest: r.newest }]).flatMap((d) => (d.newest ? [d.newest.key] : []));
    const stems = new Set(judged.flatMap((k) => (0,naming/* parseBackupKey */.lG)(k)?.stem ?? []));
    if (!stems.size)
        throw new errors/* UserError */.yo('require-drill: there is no good backup for a drill to have proven');
    const s3 = (0,client/* clientFor */.$)(ctx, o.s3);
    const since = new Date(now.getTime() - o.requireDrillSeconds * 1000);
    const [listing, drills] = await Promise.all([
        (0,store_listing/* listBackups */.C)(o, s3),
        (0,store_drills/* readDrills */.f)(s3, o.s3.bucket, o.s3.prefix, { limit: 1000, since }),
    ]);
    const groups = (0,drill_proof/* proofGroups */.ps)(listing.backups.filter((b) => stems.has(b.stem)), now, o.maxAgeSeconds);
    const proof = (0,drill_proof/* drillProof */.kT)(groups, drills.map((d) => d.record), now, o.requireDrillSeconds);
    if (!proof.ok)
        throw new errors/* UserError */.yo(`require-drill: ${proof.detail}; run a restore drill (validate) of the backup`);
    ctx.log.info(`require-drill: ${proof.detail}`);
}

;// CONCATENATED MODULE: ./src/commands/check.ts

















/** Sidecar fetches at most: a prefix full of broken backups must not turn a gate into a crawl. */
const MAX_READS = 10;
/** Whether an object with these sidecars is a good backup (pure). */
function judgeBackup(entry, sidecarText, manifestText) {
    if (!entry.hasChecksum)
        return { ok: false, reason: 'no .sha256 sidecar' };
    if (!entry.hasManifest)
        return { ok: false, reason: 'no .meta manifest' };
    const sum = sidecarText === undefined ? undefined : (0,naming/* parseChecksumLine */.DB)(sidecarText);
    if (!sum)
        return { ok: false, reason: 'the .sha256 sidecar is not in sha256sum format' };
    if (sum.file !== (0,naming/* basename */.P8)(entry.key))
        return { ok: false, reason: `the .sha256 sidecar names ${sum.file}` };
    let manifest;
    try {
        manifest = (0,core_manifest/* parseManifest */.Ng)(manifestText ?? '');
    }
    catch (err) {
        return { ok: false, reason: `the .meta manifest is unreadable (${(0,errors/* errorMessage */.gJ)(err)})` };
    }
    if (manifest.key !== entry.key)
        return { ok: false, reason: `the .meta manifest describes ${manifest.key}` };
    if (manifest.sha256 !== sum.sha256)
        return { ok: false, reason: 'the .meta manifest and the .sha256 sidecar disagree on the SHA-256' };
    if (manifest.size !== entry.size)
        return { ok: false, reason: `the object holds ${entry.size} bytes, the manifest says ${manifest.size}` };
    // a multi-stream backup: every data part the manifest names is there, with its size
    for (const part of manifest.parts ?? []) {
        const listed = entry.parts?.find((x) => x.key === part.key);
        if (!listed)
            return { ok: false, reason: `its data part ${(0,naming/* basename */.P8)(part.key)} is missing` };
        if (listed.size !== part.size)
            return {
                ok: false,
                reason: `its data part ${(0,naming/* basename */.P8)(part.key)} holds ${listed.size} bytes, the manifest says ${part.size}`,
            };
    }
    return { ok: true, sha256: sum.sha256, manifest };
}
/** What `check` reports of the newest good backup; its age from the manifest's start, else the key's time. */
function goodBackup(o, entry, v, now) {
    const taken = Date.parse(v.manifest.startedAt);
    const backupTime = new Date(Number.isNaN(taken) ? entry.at.getTime() : taken);
    return {
        key: entry.key,
        uri: `s3://${o.s3.bucket}/${entry.key}`,
        backupTime: backupTime.toISOString(),
        ageSeconds: Math.max(0, Math.round((now.getTime() - backupTime.getTime()) / 1000)),
        sha256: v.sha256,
        size: entry.size + (entry.parts ?? []).reduce((n, p) => n + p.size, 0),
        rawSize: v.manifest.rawSize ?? null,
        database: v.manifest.database?.name ?? '',
    };
}
/** The newest good backup among these entries (newest first), and the newer ones that are not good. */
async function newestGood(o, s3, entries, now) {
    const skipped = [];
    let reads = 0;
    for (const entry of entries) {
        if (!entry.hasChecksum || !entry.hasManifest) {
            skipped.push({ key: entry.key, reason: entry.hasChecksum ? 'no .meta manifest' : 'no .sha256 sidecar' });
            continue;
        }
        if (reads === MAX_READS) {
            skipped.push({ key: entry.key, reason: `not read: the ${MAX_READS} newer backups with sidecars were all bad` });
            break;
        }
        reads++;
        const [sidecar, manifestText] = await Promise.all([
            (0,s3_objects/* getText */.q4)(s3, o.s3.bucket, (0,naming/* checksumKey */.Rq)(entry.key)),
            (0,s3_objects/* getText */.q4)(s3, o.s3.bucket, (0,naming/* manifestKey */.Rn)(entry.key)),
        ]).catch((err) => {
            throw (0,describe_error/* describeS3Error */.ye)(err, { bucket: o.s3.bucket, key: entry.key, endpoint: o.s3.endpoint, action: 'reading' });
        });
        const v = judgeBackup(entry, sidecar, manifestText);
        if (!v.ok) {
            skipped.push({ key: entry.key, reason: v.reason });
            continue;
        }
        return { newest: goodBackup(o, entry, v, now), skipped };
    }
    return { skipped };
}
async function checkFreshness(o, ctx) {
    const s3 = (0,client/* clientFor */.$)(ctx, o.s3);
    const now = ctx.now();
    const listing = await (0,store_listing/* listBackups */.C)(o, s3, { withSets: !o.name });
    const names = databasesToCheck(o, listing.backups, listing.sets?.sets);
    if (names) {
        const judge = {
            newestGood: (entries) => newestGood(o, s3, entries, now),
            replicationOf: (key) => replicationOf(o, s3, key),
        };
        const result = await checkDatabases(o, judge, { names, backups: listing.backups, now });
        logSkipped(ctx, result.skipped);
        return result;
    }
    const globals = `${set_format/* GLOBALS_NAME */.X4}_${o.environment}`;
    const { newest, skipped } = await newestGood(o, s3, listing.backups.filter((b) => b.stem !== globals), now);
    logSkipped(ctx, skipped);
    const fresh = newest !== undefined && newest.ageSeconds <= o.maxAgeSeconds;
    // the verdict is the result line (stdout), not repeated in the log
    const replicationStatus = o.requireReplicated && newest ? await replicationOf(o, s3, newest.key) : undefined;
    return {
        ...(replicationStatus ? { replicationStatus } : {}),
        fresh,
        maxAgeSeconds: o.maxAgeSeconds,
        checkedAt: now.toISOString(),
        bucket: o.s3.bucket,
        prefix: o.s3.prefix,
        newest,
        skipped,
        stale: fresh ? [] : staleName(o, newest),
    };
}
/** The name a stale single-database check is about: the one asked for, else the one in the newest backup's key. */
function staleName(o, newest) {
    const stem = newest ? (0,naming/* parseBackupKey */.lG)(newest.key)?.stem : undefined;
    const name = o.name ?? stem?.slice(0, -(o.environment.length + 1));
    return name ? [name] : [];
}
function logSkipped(ctx, skipped) {
    for (const s of skipped.slice(0, 5))
        ctx.log.warning(`check: skipping ${s.key}: ${s.reason}`);
    if (skipped.length > 5)
        ctx.log.warning(`check: skipping ${skipped.length - 5} more newer backups that are not good`);
}
async function replicationOf(o, s3, key) {
    try {
        return (await (0,archive/* headTier */.N)(s3, o.s3.bucket, key)).replicationStatus ?? 'none';
    }
    catch (err) {
        throw (0,describe_error/* describeS3Error */.ye)(err, { bucket: o.s3.bucket, key, endpoint: o.s3.endpoint, action: 'reading' });
    }
}
/** require-replicated: the newest good backup's copy (each database's, when several) must exist in the destination. */
function assertReplicated(r, o) {
    if (!o.requireReplicated)
        return;
    const judged = (r.databases ?? [{ newest: r.newest, replicationStatus: r.replicationStatus }]).flatMap((d) => d.newest ? [{ key: d.newest.key, status: d.replicationStatus ?? 'none' }] : []);
    const bad = judged.find((j) => j.status !== 'COMPLETED' && j.status !== 'REPLICA');
    if (!bad)
        return;
    const why = {
        PENDING: 'S3 is still copying it (PENDING)',
        FAILED: "S3 could not copy it (FAILED): check the replication role's permissions and the destination's versioning",
        none: 'it has no replication status: no replication rule covers the prefix (bucket replicate), or the backup was written before it',
    };
    throw new errors/* UserError */.yo(`require-replicated: the newest good backup ${bad.key} is not replicated: ${why[bad.status] ?? bad.status}`);
}
/** The one line a failed gate prints. */
function staleMessage(r, environment) {
    const where = `s3://${r.bucket}/${r.prefix ? `${r.prefix}/` : ''}`;
    if (r.databases)
        return databasesStaleMessage(r, where);
    if (!r.newest) {
        return `no good backup (object + .sha256 + .meta) under ${where} for environment "${environment}": run a backup, and check that the backup workflow is enabled`;
    }
    return (`the newest good backup ${r.newest.key} is ${(0,format/* formatAge */.nV)(r.newest.ageSeconds)} old, more than max-age ${(0,format/* formatAge */.nV)(r.maxAgeSeconds)}: ` +
        'check that the scheduled backup workflow still runs (GitHub disables schedules after 60 days without repository activity)');
}
function assertFresh(r, o) {
    if (!r.fresh && o.failOnStale)
        throw new errors/* UserError */.yo(staleMessage(r, o.environment));
}
const checkCommand = {
    verb: 'check',
    async run(raw, ctx) {
        const options = parseCheckOptions(raw, ctx.env);
        const result = await checkFreshness(options, ctx);
        const n = result.newest;
        const outputs = checkOutputs(result);
        let failure;
        try {
            assertFresh(result, options);
            assertReplicated(result, options);
            await assertDrilled(options, ctx, result);
        }
        catch (err) {
            failure = err;
        }
        return {
            // outputs first, pass or fail: a failed gate still tells the next steps what it found
            outputs,
            summary: checkSummary(result),
            text: result.databases
                ? databasesText(result)
                : n
                    ? `${result.fresh ? 'fresh' : 'STALE'}: ${n.uri} taken ${n.backupTime} (${(0,format/* formatAge */.nV)(n.ageSeconds)} ago, max-age ${(0,format/* formatAge */.nV)(result.maxAgeSeconds)})${result.replicationStatus ? `, replication ${result.replicationStatus}` : ''}`
                    : 'STALE: no good backup',
            json: { ...(0,command/* outputsJson */.p)('check', outputs), ...checkJson(result) },
            report: result.databases
                ? databasesReport(result)
                : n
                    ? `newest good backup ${n.key} is ${(0,format/* formatAge */.nV)(n.ageSeconds)} old (max-age ${(0,format/* formatAge */.nV)(result.maxAgeSeconds)})${result.fresh ? '' : ': stale'}`
                    : 'no good backup',
            failure,
        };
    },
};

// EXTERNAL MODULE: ./src/core/retention/simulate.ts
var simulate = __webpack_require__(9562);
;// CONCATENATED MODULE: ./src/core/retention/cost-plan.ts
/**
 * The chosen storage plan priced per tier, and the alternatives at the same stored size (pure): GLACIER_IR after 30
 * days, everything in STANDARD, prune after each backup, and one rule for every daily.
 */



/** The noncurrent days of the archive-after-30-days alternative. */
const ARCHIVE_AFTER_30_NONCURRENT_DAYS = 7;
const THAW_CLASSES = new Set(['GLACIER', 'DEEP_ARCHIVE']);
function tierCosts(i, plans) {
    const lives = (0,cost/* simulate */.JV)({ kind: 'lifecycle', policy: i.policy, transitions: i.transitions, archive: i.archive, plans }, i.storageClass, i.noncurrentDays);
    const tiers = (0,simulate/* windowTiers */.QK)();
    return plans.map((p) => {
        const mine = lives.filter((_, n) => tiers[n] === p.tier);
        const e = (0,cost/* price */.q9)(mine, i.sizeGB, i.prices, p.tier);
        const thaw = p.transitions.find((t) => THAW_CLASSES.has(t.storageClass));
        return {
            ...p,
            noncurrentDays: i.noncurrentDays,
            backupsPerYear: mine.length,
            usd: e.totalUsd,
            minimumUsd: e.classes.reduce((a, c) => a + c.minimumUsd, 0),
            thawFreeDays: thaw ? thaw.days : p.expireDays,
        };
    });
}
function costPlan(i) {
    const plans = (0,cost/* planFor */.bJ)(i);
    const ours = (0,cost/* estimate */.jA)(i);
    const lifecycle = (label, plansOf, noncurrentDays) => (0,cost/* price */.q9)((0,cost/* simulate */.JV)({ kind: 'lifecycle', policy: i.policy, transitions: i.transitions, archive: i.archive, plans: plansOf }, i.storageClass, noncurrentDays), i.sizeGB, i.prices, label);
    const alternatives = [
        lifecycle(`STANDARD, then GLACIER_IR after 30 days only where its minimum is met, noncurrent versions ${ARCHIVE_AFTER_30_NONCURRENT_DAYS} days`, (0,lifecycle_rules/* archiveAfter30Plans */.E_)(i.policy, { archive: i.archive }, i.transitions), ARCHIVE_AFTER_30_NONCURRENT_DAYS),
        lifecycle('lifecycle rules by tier tag, everything in STANDARD', (0,cost/* planFor */.bJ)({ ...i, transitions: false }), i.noncurrentDays),
        ours.prune,
        (0,cost/* oneRuleForAll */.jM)(i.sizeGB, i.prices),
    ];
    return { plan: tierCosts(i, plans), chosen: ours.lifecycle, prune: ours.prune, alternatives };
}

;// CONCATENATED MODULE: ./src/reporting/cost-report.ts


const moves = (t) => t.transitions.map((x) => `${x.storageClass} at ${x.days} d`).join(', ') || '–';
const kept = (t) => `${t.expireDays} d + ${t.noncurrentDays} d noncurrent`;
const money = (t) => `${(0,cost/* usd */.dR)(t.usd)}${t.minimumUsd >= 0.005 ? ` (incl. ${(0,cost/* usd */.dR)(t.minimumUsd)} minimum-duration charges)` : ''}`;
const made = (plan) => plan.filter((t) => t.backupsPerYear > 0);
/** Which tiers are readable without a thaw, said in one line. */
function thawLine(plan) {
    const late = made(plan).filter((t) => t.thawFreeDays < t.expireDays);
    const free = made(plan)
        .filter((t) => t.thawFreeDays >= t.expireDays)
        .map((t) => t.tier);
    return [
        free.length ? `every ${free.join(', ')} backup is readable without a thaw` : '',
        ...late.map((t) => `${t.tier} backups need a thaw (S3 restore) after ${t.thawFreeDays} days`),
    ]
        .filter(Boolean)
        .join('; ');
}
function planText(plan, total) {
    const rows = made(plan).map((t) => `  ${t.tier.padEnd(8)} ${t.uploadClass.padEnd(10)} ${moves(t).padEnd(40)} ${kept(t).padEnd(24)} ${String(t.backupsPerYear).padStart(5)}  ${money(t)}`);
    return [
        `plan, ${total.label}: ${(0,cost/* usd */.dR)(total.totalUsd)}/month`,
        `  ${'tier'.padEnd(8)} ${'upload'.padEnd(10)} ${'then'.padEnd(40)} ${'kept'.padEnd(24)} ${'a year'.padStart(5)}  per month`,
        ...rows,
        `  ${thawLine(plan)}`,
    ].join('\n');
}
function planTable(plan) {
    return [
        '| tier | uploaded in | then | kept | backups a year | per month |',
        '|---|---|---|---|---|---|',
        ...made(plan).map((t) => `| ${t.tier} | ${t.uploadClass} | ${moves(t)} | ${kept(t)} | ${t.backupsPerYear} | ${money(t)} |`),
        '',
        thawLine(plan),
    ].join('\n');
}
function alternativesText(alternatives) {
    return alternatives.map((e) => `  ${(0,cost/* usd */.dR)(e.totalUsd).padStart(7)}/month  ${e.label}`).join('\n');
}
/** The cost verb's CLI text: the plan, the alternatives, the classes, the rules of thumb. */
function costPlanText(head, r, comparison) {
    return [
        head,
        '',
        planText(r.plan, r.chosen),
        '',
        'alternatives, same stored size:',
        alternativesText(r.alternatives),
        '',
        'by storage class:',
        (0,maintenance/* costText */.rs)([r.chosen, ...r.alternatives]),
        '',
        'for comparison, the uncompressed size under common rules of thumb:',
        (0,maintenance/* costText */.rs)(comparison),
        '',
        'prices: Amazon S3 us-east-1 list prices per GB-month, storage only; override with --prices CLASS=price',
    ].join('\n');
}

;// CONCATENATED MODULE: ./src/commands/cost.ts
/** cost: the monthly storage cost of a retention policy: the cheapest plan per tier, and the alternatives. */







const costCommand = {
    verb: 'cost',
    async run(raw, ctx) {
        const o = parseCostOptions(raw, ctx.env);
        const stored = o.sizeGB / o.compressionRatio;
        const r = costPlan({
            sizeGB: stored,
            policy: o.policy,
            storageClass: o.storageClass,
            prices: o.prices,
            noncurrentDays: o.noncurrentDays,
            transitions: o.transitions,
            archive: o.provider.archive,
            storageClasses: o.provider.storageClasses,
            lifecycle: o.provider.lifecycle,
        });
        const all = [r.chosen, r.prune];
        const comparison = [(0,cost/* copiesCount */.BJ)(o.sizeGB, o.prices), (0,cost/* oneRuleForAll */.jM)(o.sizeGB, o.prices)];
        const head = `${o.sizeGB.toFixed(0)} GB database${o.compressionRatio > 1 ? ` stored at ${stored.toFixed(1)} GB (ratio ${o.compressionRatio})` : ''}, ` +
            `one backup a day, ${(0,policy/* describePolicy */.wy)(o.policy)}, uploaded in ${o.storageClass}, noncurrent versions kept ${o.noncurrentDays} days`;
        const outputs = {
            'monthly-usd': r.chosen.totalUsd.toFixed(2),
            'prune-monthly-usd': r.prune.totalUsd.toFixed(2),
            report: JSON.stringify({ ours: all, plan: r.plan, alternatives: r.alternatives, comparison }),
        };
        return {
            outputs,
            summary: [
                '### Storage cost estimate',
                '',
                head,
                '',
                planTable(r.plan),
                '',
                (0,maintenance/* costTable */.kN)([r.chosen, ...r.alternatives, ...comparison]),
                '',
            ].join('\n'),
            text: costPlanText(head, r, comparison),
            json: {
                ...(0,command/* outputsJson */.p)('cost', outputs),
                input: { ...o, provider: o.provider.name },
                plan: r.plan,
                estimates: all,
                alternatives: r.alternatives,
                comparison,
            },
            report: `estimated $${outputs['monthly-usd']} a month`,
        };
    },
};

;// CONCATENATED MODULE: ./src/core/iam-policy.ts
/**
 * The least-privilege policy for the backup role (pure): list only the prefix, read and write only objects under
 * it, abort its own unfinished uploads, tag, read retention, remove its own key claims (<prefix>/.claims/…, <prefix>/sets/.claims/…); delete
 * backups only when asked (prune). Plus the GitHub OIDC trust policy, so a workflow assumes the role without stored
 * keys.
 */


const OBJECT_ACTIONS = [
    's3:PutObject',
    's3:GetObject',
    's3:AbortMultipartUpload',
    's3:ListMultipartUploadParts',
    's3:PutObjectTagging',
    's3:GetObjectTagging',
    's3:GetObjectRetention',
    's3:PutObjectRetention',
];
/** Read-only bucket settings: what `bucket audit` (and the backup's `audit`) reads. */
const AUDIT_ACTIONS = [
    's3:GetBucketVersioning',
    's3:GetEncryptionConfiguration',
    's3:GetBucketPublicAccessBlock',
    's3:GetLifecycleConfiguration',
    's3:GetBucketObjectLockConfiguration',
    's3:GetReplicationConfiguration',
];
/** Listing, only under the prefix: every role's first statement. */
function listPrefixStatement(o) {
    const principal = o.principal ? { Principal: { AWS: [o.principal] } } : {};
    return {
        Sid: 'ListThePrefixOnly',
        Effect: 'Allow',
        ...principal,
        Action: ['s3:ListBucket'],
        Resource: [`arn:aws:s3:::${o.bucket}`],
        ...(o.prefix ? { Condition: { StringLike: { 's3:prefix': [`${o.prefix}/`, `${o.prefix}/*`] } } } : {}),
    };
}
function backupPolicy(o) {
    const bucketArn = `arn:aws:s3:::${o.bucket}`;
    const objects = o.prefix ? `${bucketArn}/${o.prefix}/*` : `${bucketArn}/*`;
    const principal = o.principal ? { Principal: { AWS: [o.principal] } } : {};
    const list = listPrefixStatement(o);
    return {
        Version: '2012-10-17',
        Statement: [
            list,
            {
                Sid: 'ReadWriteBackupsUnderThePrefix',
                Effect: 'Allow',
                ...principal,
                Action: OBJECT_ACTIONS,
                Resource: [objects],
            },
            // a backup claims its key with a small object there and deletes it when it ends; backups stay undeletable
            {
                Sid: 'ReleaseKeyClaims',
                Effect: 'Allow',
                ...principal,
                Action: ['s3:DeleteObject'],
                Resource: [
                    `${bucketArn}/${o.prefix ? `${o.prefix}/` : ''}${naming/* CLAIMS_FOLDER */.zN}/*`,
                    `${bucketArn}/${o.prefix ? `${o.prefix}/` : ''}${set_format/* SETS_FOLDER */.dQ}/${naming/* CLAIMS_FOLDER */.zN}/*`,
                ],
            },
            ...(o.allowDelete
                ? [
                    {
                        Sid: 'PruneBackupsUnderThePrefix',
                        Effect: 'Allow',
                        ...principal,
                        Action: ['s3:DeleteObject'],
                        Resource: [objects],
                    },
                ]
                : []),
            { Sid: 'AuditBucketSettings', Effect: 'Allow', ...principal, Action: AUDIT_ACTIONS, Resource: [bucketArn] },
        ],
    };
}
function githubTrustPolicy(g) {
    const sub = g.environment
        ? `repo:${g.repository}:environment:${g.environment}`
        : g.branch
            ? `repo:${g.repository}:ref:refs/heads/${g.branch}`
            : `repo:${g.repository}:*`;
    return {
        Version: '2012-10-17',
        Statement: [
            {
                Sid: 'GitHubActionsOidc',
                Effect: 'Allow',
                Principal: { Federated: `arn:aws:iam::${g.awsAccountId}:oidc-provider/token.actions.githubusercontent.com` },
                Action: 'sts:AssumeRoleWithWebIdentity',
                Condition: sub.endsWith('*')
                    ? {
                        StringEquals: { 'token.actions.githubusercontent.com:aud': 'sts.amazonaws.com' },
                        StringLike: { 'token.actions.githubusercontent.com:sub': sub },
                    }
                    : {
                        StringEquals: {
                            'token.actions.githubusercontent.com:aud': 'sts.amazonaws.com',
                            'token.actions.githubusercontent.com:sub': sub,
                        },
                    },
            },
        ],
    };
}

;// CONCATENATED MODULE: ./src/core/restore-policy.ts
/**
 * The least-privilege policy for a restore role (pure): list only the prefix, read only the objects under it, and ask
 * S3 to bring an archived one back (`thaw`). It can write, tag or delete nothing, so the credentials a restore job
 * holds cannot touch the backups.
 */

function restorePolicy(o) {
    const bucketArn = `arn:aws:s3:::${o.bucket}`;
    const principal = o.principal ? { Principal: { AWS: [o.principal] } } : {};
    return {
        Version: '2012-10-17',
        Statement: [
            listPrefixStatement(o),
            {
                Sid: 'ReadBackupsUnderThePrefix',
                Effect: 'Allow',
                ...principal,
                Action: ['s3:GetObject', 's3:RestoreObject'],
                Resource: [o.prefix ? `${bucketArn}/${o.prefix}/*` : `${bucketArn}/*`],
            },
        ],
    };
}

;// CONCATENATED MODULE: ./src/commands/iam-policy.ts
/** iam-policy: the least-privilege IAM policy for the backup or the restore role (and the GitHub OIDC trust policy). */




const iam_policy_block = (title, doc) => [`### ${title}`, '', '```json', JSON.stringify(doc, null, 2), '```'];
const iamPolicyCommand = {
    verb: 'iam-policy',
    async run(raw, ctx) {
        const o = parseIamPolicyOptions(raw, ctx.env);
        const policy = o.role === 'restore' ? restorePolicy(o) : backupPolicy(o);
        const trust = o.github ? githubTrustPolicy(o.github) : undefined;
        const outputs = { policy: JSON.stringify(policy), 'trust-policy': trust ? JSON.stringify(trust) : '' };
        return {
            outputs,
            summary: [
                ...iam_policy_block('Least-privilege policy', policy),
                ...(trust ? ['', ...iam_policy_block('GitHub OIDC trust policy', trust)] : []),
                '',
            ].join('\n'),
            text: JSON.stringify(policy, null, 2) +
                (trust ? `\n\n// trust policy of the role (GitHub OIDC)\n${JSON.stringify(trust, null, 2)}` : ''),
            json: (0,command/* outputsJson */.p)('iam-policy', outputs),
            report: 'policy written',
        };
    },
};

;// CONCATENATED MODULE: ./src/retention/lifecycle-apply.ts






async function lifecycleCommand(o, ctx) {
    const p = o.s3.provider;
    if (p.lifecycle === 'none') {
        throw new errors/* UserError */.yo(`provider ${p.name} (${p.label}) has no S3 lifecycle API: use the backup's retention input or s3-backup prune instead`);
    }
    if (p.lifecycle === 'prefix') {
        ctx.log.warning(`provider ${p.name} runs lifecycle rules by prefix only, not by tag: only the cleanup rule is written; retention needs prune`);
    }
    const ours = (0,lifecycle_rules/* lifecycleRules */.EM)({
        prefix: o.s3.prefix,
        policy: o.policy,
        provider: p,
        transitions: o.transitions,
        noncurrentDays: o.noncurrentDays,
    });
    if (p.lifecycle === 'tags') {
        for (const t of (0,lifecycle_rules/* tierPlans */.Xs)(o.policy, p, o.transitions, { noncurrentDays: o.noncurrentDays })) {
            const moves = t.transitions.map((x) => `${x.storageClass} at ${x.days} d`).join(', ');
            ctx.log.info(`${t.tier.padEnd(8)} expire after ${t.expireDays} d; uploaded in ${t.uploadClass}${moves ? `, ${moves}` : ''}`);
        }
        ctx.log.info(`(${(0,policy/* describePolicy */.wy)(o.policy)}; every backup is tagged s3-backup-tier at upload)`);
    }
    if (!o.apply)
        return { rules: ours, applied: false };
    const bucket = o.s3.bucket;
    const s3 = (0,client/* clientFor */.$)(ctx, o.s3);
    try {
        const merged = (0,lifecycle_rules/* mergeRules */.ub)(await (0,s3_bucket/* getLifecycle */.JK)(s3, bucket), ours, o.s3.prefix);
        await (0,s3_bucket/* putLifecycle */.gW)(s3, bucket, merged.rules);
        ctx.log.info(`applied to s3://${bucket}: ${merged.added.length} added, ${merged.replaced.length} replaced, ${merged.kept.length} other rules kept`);
        if (merged.overlapping.length) {
            ctx.log.warning(`lifecycle rules not written by s3-backup also act on ${o.s3.prefix}/: ${merged.overlapping.join(', ')}; they may expire or archive backups before the tier rules would`);
        }
        return { rules: merged.rules, applied: true, merged };
    }
    catch (err) {
        throw (0,describe_error/* describeS3Error */.ye)(err, { bucket, endpoint: o.s3.endpoint, action: 'applying lifecycle rules to' });
    }
}

;// CONCATENATED MODULE: ./src/commands/lifecycle.ts
/** lifecycle: print (or --apply) the S3 lifecycle rules that expire backups by their tier tag. */




const lifecycle_lifecycleCommand = {
    verb: 'lifecycle',
    async run(raw, ctx) {
        const o = parseLifecycleOptions(raw, ctx.env);
        const r = await lifecycleCommand(o, ctx);
        const json = (0,maintenance/* rulesJson */.MG)(r.rules);
        const outputs = { rules: JSON.stringify({ Rules: r.rules }), applied: String(r.applied) };
        return {
            outputs,
            summary: [
                `### Lifecycle rules ${r.applied ? 'applied to' : 'for'} s3://${o.s3.bucket}/${o.s3.prefix}/`,
                '',
                '```json',
                json,
                '```',
                '',
            ].join('\n'),
            text: json,
            json: {
                ...(0,command/* outputsJson */.p)('lifecycle', outputs),
                ...(r.merged ? { added: r.merged.added, replaced: r.merged.replaced, kept: r.merged.kept } : {}),
            },
            report: r.applied ? `lifecycle rules applied to s3://${o.s3.bucket}` : 'lifecycle rules printed',
        };
    },
};

// EXTERNAL MODULE: ./src/core/drill.ts
var core_drill = __webpack_require__(4574);
;// CONCATENATED MODULE: ./src/reporting/drills.ts
/** The drill history: `list --drills` as text, JSON rows and markdown; the recovery-time trend of validate's summary. */


const secs = core_drill/* drillSeconds */.nM;
const mark = (s) => (s === 'passed' ? '✅' : s === 'failed' ? '❌' : '⚠️');
const runnerOf = (r) => r.runner.url ?? r.runner.name;
/** One JSON row a drill (list --drills --json). */
function drillRow(d) {
    const r = d.record;
    return {
        record: d.objectKey,
        finishedAt: r.finishedAt,
        kind: r.kind,
        status: r.status,
        key: r.key,
        sha256: r.sha256,
        ...(r.database ? { database: r.database } : {}),
        recoverySeconds: r.recoverySeconds,
        stages: r.stages,
        mismatches: r.mismatches,
        ...(r.reason ? { reason: r.reason } : {}),
        runner: r.runner,
        version: r.tool.version,
    };
}
function drillsText(drills) {
    if (!drills.length)
        return 'no drills recorded';
    return drills
        .map(({ record: r }) => {
        const [stage, took] = (0,core_drill/* slowestStage */.yF)(r.stages);
        const time = r.status === 'not-verified' ? '' : `  ${secs(r.recoverySeconds)} (${stage} ${secs(took)})`;
        return `${r.finishedAt}  ${r.status.padEnd(12)} ${r.kind.padEnd(6)} ${r.key}${time}  ${runnerOf(r)}`;
    })
        .join('\n');
}
function drillsSummary(bucket, drills) {
    return [
        `### Restore drills in \`${bucket}\``,
        '',
        '| finished | result | backup | recovery time | slowest stage | runner |',
        '|---|---|---|---|---|---|',
        ...drills.map(({ record: r }) => {
            const [stage, took] = (0,core_drill/* slowestStage */.yF)(r.stages);
            return `| ${r.finishedAt} | ${mark(r.status)} ${r.status} | \`${(0,markdown/* cell */.H)(r.key)}\` | ${secs(r.recoverySeconds)} | ${stage} ${secs(took)} | ${(0,markdown/* cell */.H)(runnerOf(r))} |`;
        }),
        '',
    ].join('\n');
}
/** The recovery time of the last drills (newest first, this one included), for validate's summary. */
function recoveryTrend(drills) {
    const ran = drills.filter((d) => d.record.kind !== 'member' && d.record.status !== 'not-verified').slice(0, 8);
    if (!ran.length)
        return '';
    return [
        '#### Recovery time, last drills',
        '',
        '| finished | backup | download | proof | restore | compare | total | result |',
        '|---|---|---|---|---|---|---|---|',
        ...ran.map(({ record: r }) => {
            const s = r.stages;
            return `| ${r.finishedAt} | \`${(0,markdown/* cell */.H)(r.key)}\` | ${secs(s.download)} | ${secs(s.proof)} | ${secs(s.restore)} | ${secs(s.compare)} | **${secs(r.recoverySeconds)}** | ${mark(r.status)} |`;
        }),
        '',
    ].join('\n');
}
/** The summary of a drill that could not run: not verified, never a pass. */
function notVerifiedSummary(r) {
    return [
        '### ⚠️ Restore drill not verified',
        '',
        `The drill of \`${r.key}\` could not run: ${(0,markdown/* cell */.H)(r.reason ?? 'unknown reason')}.`,
        'Nothing was proven: do not count on this backup until a drill passes.',
        '',
    ].join('\n');
}
/** The lines after the drill's own summary: where its statement and record went. */
function evidenceLines(statement, records) {
    const lines = [
        ...(records.length ? [`Drill record: \`${records[0]}\``] : []),
        ...(statement ? [`In-toto statement: \`${statement}\``] : []),
    ];
    return lines.length ? `${lines.join('  \n')}\n` : '';
}

;// CONCATENATED MODULE: ./src/commands/list-drills.ts



/** The history shown: enough for a year of weekly drills of a few databases. */
const SHOWN = 200;
async function listDrills(o, ctx) {
    const drills = await (0,store_drills/* readDrills */.f)((0,client/* clientFor */.$)(ctx, o.s3), o.s3.bucket, o.s3.prefix, { limit: SHOWN });
    return {
        outputs: {},
        summary: drillsSummary(o.s3.bucket, drills),
        text: drillsText(drills),
        json: { drills: drills.map(drillRow) },
        report: `${drills.length} drills`,
    };
}

;// CONCATENATED MODULE: ./src/commands/list.ts
/** list: backups newest first, with their checksum and manifest status. */









const listCommand = {
    verb: 'list',
    async run(raw, ctx) {
        const options = (0,parse/* parseListOptions */.Ic)(raw, ctx.env);
        if ((0,values/* parseBool */.q6)('drills', (0,parse/* value */.Uq)(raw, ctx.env, 'drills')))
            return listDrills(options, ctx);
        const listing = await (0,store_listing/* listBackups */.C)(options, ctx.s3Client?.(options.s3), { withSets: true });
        const { backups, latestKey } = listing;
        const sets = listing.sets?.sets ?? [];
        const setOf = new Map(sets.flatMap((s) => s.members.flatMap((m) => (m.key ? [[m.key, s.key]] : []))));
        const rows = backups.map((b) => ({
            key: b.key,
            backupTime: b.at.toISOString(),
            // a multi-stream backup: its schema part and its data parts
            size: b.size + (b.parts ?? []).reduce((n, p) => n + p.size, 0),
            objects: 1 + (b.parts?.length ?? 0),
            format: b.format,
            compression: b.compression,
            encryption: b.encryption ?? null,
            hasChecksum: b.hasChecksum,
            hasManifest: b.hasManifest,
            latest: b.key === latestKey,
            kind: b.stem === `${set_format/* GLOBALS_NAME */.X4}_${options.environment}` ? 'globals' : 'database',
            set: setOf.get(b.key) ?? null,
        }));
        const setRows = setListRows(sets, listing.sets?.latestSetKey);
        const text = rows.length
            ? rows
                .map((r) => `${r.backupTime}  ${(0,format/* formatBytes */.z3)(r.size).padStart(10)}  ${r.format.padEnd(6)} ${r.hasChecksum ? 'sha256' : 'NO-SUM'}  ${r.key}${r.objects > 1 ? `  (${r.objects} objects)` : ''}${r.latest ? '  (latest)' : ''}`)
                .join('\n')
            : 'no backups';
        return {
            outputs: {},
            summary: listSummary(options.s3.bucket, options.s3.prefix, backups, latestKey) + setsSummary(setRows),
            text: text + setsText(setRows),
            json: { backups: rows, sets: setRows },
            report: `${(0,format/* plural */.LS)(rows.length, 'backup')}${setRows.length ? `, ${(0,format/* plural */.LS)(setRows.length, 'set')}` : ''}`,
        };
    },
};

;// CONCATENATED MODULE: ./src/postgres/database-sizes.ts
/** pg_database_size of each named database, in bytes (databases that are gone meanwhile are left out). */
async function databaseSizes(client, names) {
    const sql = 'SELECT datname AS name, pg_database_size(oid)::text AS size FROM pg_database WHERE datname = ANY($1::text[])';
    const { rows } = await client.query(sql, [names]);
    return new Map(rows.map((r) => [r.name, Number(r.size)]));
}

;// CONCATENATED MODULE: ./src/backup/set-plan.ts










/** The server, and the chosen databases with their sizes. */
async function sizedDatabases(o) {
    const client = await (0,introspect/* connect */.Ng)(o.connection);
    try {
        const server = await (0,introspect/* serverInfo */.CR)(client);
        const chosen = chooseDatabases(o, await (0,postgres_admin/* connectableDatabases */.Vy)(client));
        const sizes = await databaseSizes(client, chosen.map((d) => d.database));
        return { server, databases: chosen.map((d) => ({ ...d, size: sizes.get(d.database) ?? 0 })) };
    }
    catch (err) {
        throw err instanceof errors/* UserError */.yo ? err : (0,introspect/* describePgError */.Ry)(err, o.connection);
    }
    finally {
        await client.end().catch(() => undefined);
    }
}
async function planSet(o, ctx) {
    const at = ctx.now();
    const s3 = (0,client/* clientFor */.$)(ctx, o.s3);
    const s3Error = (0,describe_error/* s3ErrorsOf */.z7)(o.s3);
    const { server, databases } = await sizedDatabases(o);
    // a matrix entry carries its databases comma-separated, as the databases input reads them
    const comma = databases.find((d) => /[,\n]/.test(d.database));
    if (comma)
        throw new errors/* UserError */.yo(`databases: "${comma.database}" holds a comma or a line break, which a job's databases list cannot carry; exclude it with exclude-databases and back it up on its own`);
    const groups = groupBySize(databases, o.maxJobs);
    const claim = await claimSetKey(s3, o, at, ctx.signal, s3Error);
    try {
        const plan = {
            schema: PLAN_SCHEMA,
            version: PLAN_VERSION,
            id: setIdOf(claim.key),
            key: claim.key,
            environment: o.environment,
            plannedAt: at.toISOString(),
            server: { host: o.connection.host, serverVersion: server.version, serverMajor: server.major },
            groups,
        };
        await writePlan(s3, o, plan, s3Error);
        ctx.log.info(`plan ${plan.id}: ${databases.length} databases in ${groups.length} group${groups.length === 1 ? '' : 's'}`);
        return { plan, matrix: matrixOf(groups), bucket: o.s3.bucket };
    }
    finally {
        await claim.release().catch((err) => ctx.log.warning(s3Error(err, 'deleting the claim').message));
    }
}

;// CONCATENATED MODULE: ./src/reporting/set-plan.ts
/** The job summary of a plan: each job's databases and their size. */


function planSummary(plan) {
    const count = plan.groups.reduce((n, g) => n + g.databases.length, 0);
    return [
        `### Backup set planned: ${count} databases in ${plan.groups.length} jobs`,
        '',
        `Set \`${plan.id}\` (PostgreSQL ${plan.server.serverVersion} at ${plan.server.host}); its document \`${plan.key}\` is written by set close.`,
        '',
        '| job | databases | size |',
        '|---|---|---|',
        ...plan.groups.map((g) => `| ${g.group} | ${(0,markdown/* cell */.H)(g.databases.map((d) => `${d.database} (${(0,format/* formatBytes */.z3)(d.size)})`).join(', '))} | ${(0,format/* formatBytes */.z3)(g.size)} |`),
        '',
    ].join('\n');
}

;// CONCATENATED MODULE: ./src/commands/plan.ts
/** plan: the databases of a server shared among the jobs of a matrix, and the set they will make. */





const planCommand = {
    verb: 'plan',
    async run(raw, ctx) {
        const r = await planSet(parsePlanOptions(raw, ctx.env), ctx);
        const outputs = { matrix: JSON.stringify(r.matrix), 'set-id': r.plan.id, 'set-key': r.plan.key };
        const total = r.plan.groups.reduce((sum, g) => sum + g.size, 0);
        return {
            outputs,
            summary: planSummary(r.plan),
            text: `${r.plan.id}\n${JSON.stringify(r.matrix)}`,
            json: { ...(0,command/* outputsJson */.p)('plan', outputs), plan: r.plan },
            report: `planned set ${r.plan.id}: ${r.plan.groups.length} jobs, ${(0,format/* formatBytes */.z3)(total)}`,
        };
    },
};

;// CONCATENATED MODULE: ./src/commands/prune.ts
/** prune: apply the retention policy — delete expired backups with their sidecars (--dry-run prints the plan). */




const pruneCommand = {
    verb: 'prune',
    async run(raw, ctx) {
        const o = parsePruneOptions(raw, ctx.env);
        const r = await (0,prune/* prune */.R)(o, ctx);
        const outputs = (0,maintenance/* pruneOutputs */.lb)(r);
        return {
            outputs,
            summary: (0,maintenance/* pruneSummary */.tG)(r, `s3://${o.s3.bucket}/${o.s3.prefix}/`),
            text: (0,prune/* pruneText */.a)(r),
            json: { ...(0,command/* outputsJson */.p)('prune', outputs), dryRun: r.dryRun, orphans: r.orphans, staleClaims: r.claims },
            report: r.dryRun
                ? `prune dry run: ${r.plan.length - r.kept} would be deleted`
                : `pruned: kept ${r.kept}, deleted ${r.deleted}`,
        };
    },
};

// EXTERNAL MODULE: ./src/commands/restore.ts + 4 modules
var restore = __webpack_require__(6196);
;// CONCATENATED MODULE: ./src/backup/set-close.ts











const POLL_MS = 10_000;
const NOT_ENDED = 'no result: its job did not end (killed, cancelled or not run)';
/** The members' records, asked again every POLL_MS until every planned one has one or the timeout has passed. */
async function awaitRecords(s3, o, ctx, p) {
    const names = plannedDatabases(p.plan).map((d) => d.name);
    const deadline = Date.now() + o.membersTimeoutSeconds * 1000;
    for (;;) {
        const records = await readMemberRecords(s3, o, p.plan, names, p.s3Error);
        const waiting = names.filter((n) => !records.has(n));
        if (!waiting.length || Date.now() + POLL_MS > deadline)
            return records;
        ctx.log.info(`set ${p.plan.id}: waiting for ${waiting.join(', ')}`);
        await new Promise((resolve) => {
            const t = setTimeout(resolve, POLL_MS);
            const stop = () => {
                clearTimeout(t);
                resolve();
            };
            ctx.signal.addEventListener('abort', stop, { once: true });
        });
        if (ctx.signal.aborted)
            throw ctx.signal.reason;
    }
}
async function closeSet(o, ctx) {
    const s3 = (0,client/* clientFor */.$)(ctx, o.s3);
    const s3Error = (0,describe_error/* s3ErrorsOf */.z7)(o.s3);
    const encryptor = o.encryption ? await (0,encrypt/* openEncryption */.o)(o.encryption) : undefined;
    const plan = await readPlan(s3, o, o.setId, s3Error);
    const closed = await (0,s3_objects/* getText */.q4)(s3, o.s3.bucket, plan.key).catch((err) => {
        throw s3Error(err, 'reading', plan.key);
    });
    if (closed !== undefined)
        throw new errors/* UserError */.yo(`set-id: set ${plan.id} is closed already (s3://${o.s3.bucket}/${plan.key}); plan a new set`);
    const records = await awaitRecords(s3, o, ctx, { plan, s3Error });
    const at = planTime(plan);
    const r = {
        o,
        ctx,
        s3,
        server: planServer(plan),
        at,
        encryptor,
        s3Error,
        single: false,
        queueSize: o.queueSize,
    };
    const globals = o.globals ? [await globalsTask(r)()] : [];
    if (ctx.signal.aborted)
        throw globals[0]?.error ?? ctx.signal.reason;
    const databases = plannedDatabases(plan).map((d) => {
        const record = records.get(d.name);
        const member = record?.member ?? {
            kind: 'database',
            database: d.database,
            name: d.name,
            status: 'failed',
            error: NOT_ENDED,
        };
        const copy = record?.copy && {
            ...record.copy,
            error: record.copy.error ? new Error(record.copy.error) : undefined,
        };
        return { member, ...(copy ? { copy } : {}) };
    });
    const outcomes = [...globals, ...databases];
    const members = outcomes.map((x) => x.member);
    const set = setDocument({
        key: plan.key,
        o,
        server: planServer(plan),
        startedAt: new Date(plan.plannedAt),
        finishedAt: ctx.now(),
        members,
        env: ctx.env,
    });
    await writeSetDocument(s3, o, set, s3Error);
    ctx.log.info(`set: s3://${o.s3.bucket}/${set.key}${set.failed.length ? `, failed: ${set.failed.join(', ')}` : ''}`);
    const copyFailure = await writeCopySet(o, ctx, { set, outcomes, at, single: false });
    return { set, bucket: o.s3.bucket, outcomes, failure: set_close_failureOf(set.key, members) ?? copyFailure };
}
function set_close_failureOf(key, members) {
    const failed = members.filter((m) => m.status === 'failed');
    if (!failed.length)
        return undefined;
    const what = failed.map((m) => `${m.kind === 'globals' ? 'the globals' : `"${m.database}"`} (${m.error})`);
    return new errors/* UserError */.yo(`set close: ${failed.length} of ${members.length} members failed or did not end: ${what.join('; ')}. The set ${key} records them and sets/latest.json was not moved`);
}

;// CONCATENATED MODULE: ./src/commands/set-close.ts
/** set close: the set made by several jobs, written once every planned member is checked. */




const setCloseCommand = {
    verb: 'set-close',
    async run(raw, ctx) {
        const r = await closeSet(parseSetCloseOptions(raw, ctx.env), ctx);
        const outputs = setOutputs(r);
        return {
            outputs,
            summary: setSummary(r),
            text: setText(r),
            json: { ...(0,command/* outputsJson */.p)('set-close', outputs), set: r.set },
            report: `closed set ${r.set.key}: ${r.set.members.length} members${r.set.failed.length ? `, failed: ${r.set.failed.join(', ')}` : ''}`,
            failure: r.failure,
        };
    },
};

// EXTERNAL MODULE: ./src/options/backup-selector.ts
var backup_selector = __webpack_require__(8718);
// EXTERNAL MODULE: ./src/options/thaw.ts
var thaw = __webpack_require__(2176);
// EXTERNAL MODULE: ./src/store/download.ts
var download = __webpack_require__(413);
// EXTERNAL MODULE: ./src/store/readable.ts
var readable = __webpack_require__(7521);
;// CONCATENATED MODULE: ./src/commands/thaw.ts
/** thaw: ask S3 to restore an archived backup (RestoreObject) and, with wait, wait until it is readable. */







function parseThawVerbOptions(raw, env = process.env) {
    return {
        ...(0,parse/* common */.sh)(raw, env),
        backup: (0,backup_selector/* parseBackupSelector */.J)('backup', (0,parse/* value */.Uq)(raw, env, 'backup') || 'latest'),
        thaw: (0,thaw/* parseThawOptions */.i)(raw, env, true),
    };
}
const thawCommand = {
    verb: 'thaw',
    async run(raw, ctx) {
        const o = parseThawVerbOptions(raw, ctx.env);
        const s3 = (0,client/* clientFor */.$)(ctx, o.s3);
        const { entry } = await (0,download/* chooseBackup */.S)(o, o.backup, s3, ctx);
        const where = { s3, bucket: o.s3.bucket, key: entry.key, endpoint: o.s3.endpoint };
        const state = await (0,readable/* ensureReadable */.H)(where, o.thaw, ctx, 'thaw');
        // a multi-stream backup: its data parts too
        for (const part of entry.parts ?? [])
            await (0,readable/* ensureReadable */.H)({ ...where, key: part.key }, o.thaw, ctx, 'thaw');
        const line = `${entry.key} is readable (${state.storageClass}${state.state === 'readable' && state.restoredUntil ? `, restored until ${state.restoredUntil}` : ''})`;
        const outputs = { key: entry.key, 'storage-class': state.storageClass, readable: 'true' };
        return { outputs, summary: `${line}\n`, text: line, json: (0,command/* outputsJson */.p)('thaw', outputs), report: line };
    },
};

// EXTERNAL MODULE: external "node:fs"
var external_node_fs_ = __webpack_require__(3024);
// EXTERNAL MODULE: external "node:path"
var external_node_path_ = __webpack_require__(6760);
var external_node_path_default = /*#__PURE__*/__webpack_require__.n(external_node_path_);
// EXTERNAL MODULE: ./src/stream/decode.ts
var decode = __webpack_require__(8368);
// EXTERNAL MODULE: ./src/store/parts.ts + 1 modules
var store_parts = __webpack_require__(7);
// EXTERNAL MODULE: ./src/restore/restore-parts.ts
var restore_parts = __webpack_require__(1487);
// EXTERNAL MODULE: ./src/restore/early-counts.ts
var early_counts = __webpack_require__(5322);
// EXTERNAL MODULE: ./src/encryption/decrypt.ts
var decrypt = __webpack_require__(3720);
// EXTERNAL MODULE: ./src/postgres/argv.ts
var argv = __webpack_require__(5553);
// EXTERNAL MODULE: ./src/postgres/catalog.ts + 1 modules
var postgres_catalog = __webpack_require__(7295);
// EXTERNAL MODULE: ./src/core/compare.ts
var compare = __webpack_require__(3164);
;// CONCATENATED MODULE: ./src/core/sql.ts
/**
 * Splits user assertions into statements (pure): semicolons end statements except inside quotes, dollar quotes,
 * quoted identifiers and comments.
 */
function splitStatements(sql) {
    const out = [];
    let start = 0;
    let i = 0;
    while (i < sql.length) {
        const c = sql[i];
        const next = sql[i + 1];
        if (c === '-' && next === '-') {
            const end = sql.indexOf('\n', i);
            i = end < 0 ? sql.length : end + 1;
        }
        else if (c === '/' && next === '*') {
            const end = sql.indexOf('*/', i + 2);
            i = end < 0 ? sql.length : end + 2;
        }
        else if (c === "'" || c === '"') {
            let j = i + 1;
            while (j < sql.length) {
                if (sql[j] === c && sql[j + 1] === c)
                    j += 2;
                else if (sql[j] === c)
                    break;
                else
                    j++;
            }
            i = j + 1;
        }
        else if (c === '$') {
            const m = /^\$([A-Za-z_][A-Za-z_0-9]*)?\$/.exec(sql.slice(i));
            if (m) {
                const end = sql.indexOf(m[0], i + m[0].length);
                i = end < 0 ? sql.length : end + m[0].length;
            }
            else
                i++;
        }
        else if (c === ';') {
            out.push(sql.slice(start, i));
            start = ++i;
        }
        else
            i++;
    }
    out.push(sql.slice(start));
    return out.map((s) => s.trim()).filter((s) => s.replace(/--[^\n]*|\/\*[\s\S]*?\*\//g, '').trim());
}
/** A single true / non-zero value passes. */
function isTruthy(value) {
    if (value === true)
        return true;
    if (typeof value === 'number')
        return value !== 0;
    if (typeof value === 'bigint')
        return value !== 0n;
    if (typeof value === 'string')
        return (['t', 'true', 'yes', 'on'].includes(value.toLowerCase()) || (/^-?\d+(\.\d+)?$/.test(value) && Number(value) !== 0));
    return false;
}

// EXTERNAL MODULE: ./src/commands/restore-all.ts + 1 modules
var restore_all = __webpack_require__(5325);
;// CONCATENATED MODULE: ./src/commands/validate-set.ts
/**
 * validate --all: the drill of a whole backup set on a throwaway server. The set is restored as restore --all does it
 * (every member proven first, the globals, then every database under its own name); then the set's roles must be
 * present and every database must match its manifest. The databases the drill created are dropped (unless keep).
 */







/** The drill's restore: restore --all's defaults, every database, the globals when the server lacks their roles. */
function restoreOptionsOf(o) {
    if (o.name)
        throw new errors/* UserError */.yo('name: a drill of a set (all) restores every database of it; leave name out');
    return {
        ...o,
        backup: 'latest',
        clean: false,
        // the drill compares with the manifest itself, its roles too
        compare: false,
        noOwner: false,
        noAcl: false,
        jobs: 1,
        decodedCopy: false,
        createDatabase: false,
        singleTransaction: false,
        yes: true,
        tables: [],
        schemas: [],
        schemaOnly: false,
        dataOnly: false,
        all: true,
        databases: [],
        withGlobals: 'auto',
    };
}
async function validateSet(o, ctx) {
    const started = ctx.now();
    let restored;
    const checks = [];
    let tablesChecked = 0;
    let rowsChecked = 0;
    let major = 0;
    const t0 = performance.now();
    let restoreSeconds = 0;
    let compareSeconds = 0;
    try {
        restored = await (0,restore_all/* restoreAll */.I)(restoreOptionsOf(o), ctx, undefined, true);
        restoreSeconds = (performance.now() - t0) / 1000;
        checks.push({ check: 'restore', expected: 'restores cleanly', found: 'restored', ok: true });
        const compared = await compareSet(o, restored);
        compareSeconds = (performance.now() - t0) / 1000 - restoreSeconds;
        checks.push(...compared.checks);
        ({ tablesChecked, rowsChecked, major } = compared);
    }
    catch (err) {
        if (ctx.signal.aborted || !(err instanceof Error) || /target untouched|set:|databases:/.test(err.message))
            throw err;
        checks.push({ check: 'restore', expected: 'restores cleanly', found: (0,errors/* oneLine */.TN)(err), ok: false });
    }
    finally {
        if (restored && !o.keep)
            await dropCreated(o, ctx, restored.created);
    }
    const mismatches = checks.filter((c) => !c.ok).length;
    return {
        status: mismatches ? 'failed' : 'passed',
        key: restored?.setKey ?? o.set,
        sha256: '',
        checks,
        tablesChecked,
        rowsChecked,
        mismatches,
        durationSeconds: (ctx.now().getTime() - started.getTime()) / 1000,
        restoredMajor: major,
        scratchDatabase: restored?.created.join(',') ?? '',
        kept: o.keep,
        startedAt: started.toISOString(),
        ...(restored ? setEvidence(restored, restoreSeconds, compareSeconds) : {}),
    };
}
/** The set drill's stages (the restore's own is what remains of restore --all after its download and proof). */
function setEvidence(r, restoreAllSeconds, compare) {
    const { download, proof } = r.fetched;
    const tablesOf = (db) => (r.manifests[db]?.tables ?? []).map((t) => `${t.schema}.${t.name}`);
    return {
        stages: { download, proof, restore: Math.max(0, restoreAllSeconds - download - proof), compare },
        tables: r.databases.flatMap((db) => tablesOf(db).map((t) => `${db}: ${t}`)),
        members: r.proven.map((m) => ({ ...m, tables: tablesOf(m.database) })),
    };
}
/** The set's roles present; each database against its manifest (checks named by database). */
async function compareSet(o, r) {
    const checks = [];
    let tablesChecked = 0;
    let rowsChecked = 0;
    const admin = await (0,introspect/* connect */.Ng)(o.connection);
    let major;
    try {
        major = (await (0,introspect/* serverInfo */.CR)(admin)).major;
        const present = await (0,postgres_admin/* existingRoles */.b9)(admin, r.globalRoles);
        const missing = r.globalRoles.filter((n) => !present.has(n));
        checks.push({
            check: 'roles',
            expected: `${(0,format/* plural */.LS)(r.globalRoles.length, 'role')} of the globals`,
            found: missing.length ? `missing ${missing.join(', ')}` : `${r.globalRoles.length} present`,
            ok: missing.length === 0,
        });
    }
    finally {
        await admin.end().catch(() => undefined);
    }
    for (const name of r.databases) {
        const manifest = r.manifests[name];
        if (!manifest) {
            checks.push({ check: `${name}: manifest`, expected: 'a manifest (.meta)', found: 'none', ok: false });
            continue;
        }
        const db = await (0,introspect/* connect */.Ng)({ ...o.connection, database: name });
        try {
            const catalog = await (0,postgres_catalog/* describeCatalog */.Nn)(db, manifest.options ?? { schemas: [], excludeTables: [] });
            catalog.tables = await (0,postgres_catalog/* countRows */.BO)(db, catalog.tables, r.counted.get(name));
            const compared = (0,compare/* compareToManifest */.o)(manifest, catalog, { sameMajor: major === manifest.database.serverMajor });
            checks.push(...compared.checks.map((c) => ({ ...c, check: `${name}: ${c.check}` })));
            tablesChecked += compared.tablesChecked;
            rowsChecked += compared.rowsChecked;
        }
        finally {
            await db.end().catch(() => undefined);
        }
    }
    return { checks, tablesChecked, rowsChecked, major };
}
async function dropCreated(o, ctx, names) {
    if (!names.length)
        return;
    const admin = await (0,introspect/* connect */.Ng)(o.connection, names.includes(o.connection.database) ? 'postgres' : o.connection.database);
    try {
        for (const n of names) {
            await (0,postgres_admin/* dropDatabase */.Zi)(admin, n, true).catch((err) => ctx.log.warning(`could not drop the drill's database "${n}": ${(0,errors/* errorMessage */.gJ)(err)}`));
        }
    }
    finally {
        await admin.end().catch(() => undefined);
    }
}

// EXTERNAL MODULE: external "node:os"
var external_node_os_ = __webpack_require__(8161);
var external_node_os_default = /*#__PURE__*/__webpack_require__.n(external_node_os_);
;// CONCATENATED MODULE: ./src/core/drill-record.ts

const NO_STAGES = { download: 0, proof: 0, restore: 0, compare: 0 };
/** The result with the recovery-time check added when max-restore-time is set (a drill over it fails). */
function withRestoreTime(r, maxSeconds) {
    if (r.status === 'not-verified' || !r.stages)
        return r;
    const check = (0,core_drill/* restoreTimeCheck */.kr)(r.stages, maxSeconds);
    if (!check)
        return r;
    const checks = [...r.checks, check];
    const mismatches = checks.filter((c) => !c.ok).length;
    return { ...r, checks, mismatches, status: mismatches ? 'failed' : 'passed' };
}
/** The records of one drill: the first is the drill's own (the backup's, or the set's). */
function drillRecords(r, c) {
    const stages = r.stages ?? NO_STAGES;
    const firstFailed = r.checks.find((x) => !x.ok);
    const base = {
        schema: 's3-backup/drill-record/v1',
        kind: r.members ? 'set' : 'backup',
        status: r.status,
        ...(r.reason
            ? { reason: r.reason }
            : firstFailed
                ? { reason: `${firstFailed.check}: expected ${firstFailed.expected}, found ${firstFailed.found}` }
                : {}),
        key: r.key,
        sha256: r.sha256,
        ...(r.members ? { set: r.key, members: r.members.map(({ tables: _t, ...m }) => m) } : {}),
        startedAt: r.startedAt ?? c.finishedAt.toISOString(),
        finishedAt: c.finishedAt.toISOString(),
        stages,
        recoverySeconds: (0,core_drill/* recoveryOf */.rU)(stages),
        ...(c.maxRestoreSeconds !== undefined ? { maxRestoreSeconds: c.maxRestoreSeconds } : {}),
        checks: r.checks,
        tables: r.tables ?? [],
        tablesChecked: r.tablesChecked,
        rowsChecked: r.rowsChecked,
        mismatches: r.mismatches,
        restoredMajor: r.restoredMajor,
        runner: c.runner,
        tool: { name: 's3-backup', version: c.version },
    };
    return [base, ...(r.members ?? []).flatMap((m) => member(base, r, m))];
}
/** A database of a set drill: its own checks (named by database) and tables, the set's stages and verdict on time. */
function member(set, r, m) {
    const prefix = `${m.database}: `;
    const own = r.checks.filter((x) => x.check.startsWith(prefix));
    if (!own.length)
        return []; // the globals: their roles are the set's check
    const shared = r.checks.filter((x) => x.check === 'restore' || x.check === 'recovery time');
    const checks = [...shared, ...own];
    const mismatches = checks.filter((x) => !x.ok).length;
    const firstFailed = checks.find((x) => !x.ok);
    const { members: _m, reason: _r, ...rest } = set;
    return [
        {
            ...rest,
            kind: 'member',
            status: mismatches ? 'failed' : 'passed',
            ...(firstFailed
                ? { reason: `${firstFailed.check}: expected ${firstFailed.expected}, found ${firstFailed.found}` }
                : {}),
            key: m.key,
            sha256: m.sha256,
            database: m.database,
            checks,
            tables: m.tables,
            tablesChecked: m.tables.length,
            // the rows compared: the expected counts of its "rows of" checks
            rowsChecked: own.reduce((n, x) => n + (x.check.startsWith(`${prefix}rows of `) ? Number(x.expected) || 0 : 0), 0),
            mismatches,
        },
    ];
}

// EXTERNAL MODULE: ./src/core/archive-tiers.ts
var archive_tiers = __webpack_require__(529);
;// CONCATENATED MODULE: ./src/drill/evidence.ts
/**
 * A drill's evidence: its records appended in the bucket (and in the copy destination when copy-to is set), its
 * in-toto statement written to files for an attestation step, and the recent records for the recovery-time trend.
 * Writing evidence never changes a drill's verdict: a record that cannot be written is a warning.
 */








/** The places a drill's records go: where it read the backup, and the other site when copy-to is set. */
function sites(o) {
    return o.copy && o.from !== 'copy' ? [o.s3, o.copy.s3] : [o.s3];
}
/** Appends every record at every site; returns the keys written at the first. */
async function appendDrills(o, ctx, records) {
    const written = [];
    for (const site of sites(o)) {
        const s3 = (0,client/* clientFor */.$)(ctx, site);
        const keys = [];
        for (const record of records) {
            try {
                keys.push(await (0,store_drills/* appendDrill */.s)(s3, site.bucket, site.prefix, record));
            }
            catch (err) {
                ctx.log.warning(`could not record the drill of ${record.key} in s3://${site.bucket}: ${(0,errors/* errorMessage */.gJ)(err)}`);
            }
        }
        written.push(keys);
    }
    if (written[0]?.length)
        ctx.log.info(`drill recorded: s3://${o.s3.bucket}/${written[0].join(', ')}`);
    return written[0] ?? [];
}
/** The newest records where the drill read (the trend of the job summary); [] when they cannot be read. */
async function recentDrills(o, ctx, limit) {
    try {
        return await (0,store_drills/* readDrills */.f)((0,client/* clientFor */.$)(ctx, o.s3), o.s3.bucket, o.s3.prefix, { limit });
    }
    catch (err) {
        ctx.log.warning(`could not read the drill history: ${(0,errors/* errorMessage */.gJ)(err)}`);
        return [];
    }
}
/** Writes the statement of a drill that ran into the run's temporary directory; undefined when it proves nothing. */
function writeStatement(ctx, record) {
    const statement = (0,core_drill/* drillStatement */.z6)(record);
    if (!statement)
        return undefined;
    const base = external_node_path_default().join(ctx.tempDir || external_node_os_default().tmpdir(), `s3-backup-drill-${(0,naming/* stamp */.iE)(new Date(record.finishedAt))}`);
    const files = {
        statement: `${base}.intoto.json`,
        predicate: `${base}.predicate.json`,
        subjects: `${base}.subjects.sha256`,
    };
    (0,external_node_fs_.writeFileSync)(files.statement, `${JSON.stringify(statement, null, 2)}\n`);
    (0,external_node_fs_.writeFileSync)(files.predicate, `${JSON.stringify((0,core_drill/* drillPredicate */.hd)(record), null, 2)}\n`);
    (0,external_node_fs_.writeFileSync)(files.subjects, (0,core_drill/* subjectChecksums */.lc)(record));
    ctx.log.info(`drill statement (in-toto): ${files.statement}`);
    return files;
}

;// CONCATENATED MODULE: ./src/commands/validate-evidence.ts
/**
 * What every drill leaves behind, passed, failed or not verified: max-restore-time applied, the records appended (in
 * the copy too), the in-toto statement written, the recent records read back for the recovery-time trend.
 */







/** A drill that stopped before its checks: "not verified" (cancellations and a pending thaw are not drills). */
function notVerified(o, err, started) {
    if ((0,errors/* cancellationOf */.zg)(err) || err instanceof archive_tiers/* ThawPendingError */.cY)
        throw err;
    return {
        status: 'not-verified',
        key: o.all ? `set ${o.set}` : o.backup,
        sha256: '',
        checks: [],
        tablesChecked: 0,
        rowsChecked: 0,
        mismatches: 0,
        durationSeconds: 0,
        restoredMajor: 0,
        scratchDatabase: '',
        kept: o.keep,
        startedAt: started.toISOString(),
        reason: (0,errors/* oneLine */.TN)(err),
    };
}
async function drillEvidence(o, ctx, ran) {
    const result = withRestoreTime(ran, o.maxRestoreSeconds);
    const records = drillRecords(result, {
        finishedAt: ctx.now(),
        runner: (0,core_drill/* drillRunner */.Ir)(ctx.env, external_node_os_default().hostname()),
        version: version/* TOOL_VERSION */.w,
        maxRestoreSeconds: o.maxRestoreSeconds,
    });
    const written = await appendDrills(o, ctx, records);
    let files;
    try {
        files = writeStatement(ctx, records[0]);
    }
    catch (err) {
        ctx.log.warning(`could not write the drill statement: ${(0,errors/* oneLine */.TN)(err)}`);
    }
    const trend = written.length ? await recentDrills(o, ctx, 30) : [];
    return { result, ...(files ? { files } : {}), records: written, trend };
}

// EXTERNAL MODULE: ./src/restore/temp-space.ts
var temp_space = __webpack_require__(89);
// EXTERNAL MODULE: ./src/core/temp-dirs.ts
var temp_dirs = __webpack_require__(634);
// EXTERNAL MODULE: ./src/core/restore-plan.ts
var restore_plan = __webpack_require__(701);
;// CONCATENATED MODULE: ./src/commands/validate.ts





























/** The drill restores as one pg_restore (or psql) reading the decoding stream. */
const DRILL_PLAN = {
    steps: [{ source: 'stream', jobs: 1 }],
    why: 'one pg_restore reads the decoding stream (no decoded copy)',
};
/** The assertions: a path to a file, or the SQL itself. */
function assertionsText(input) {
    if (!input?.trim())
        return '';
    const candidate = input.trim();
    if (!candidate.includes('\n') && /\.(sql|psql)$/i.test(candidate)) {
        if (!(0,external_node_fs_.existsSync)(candidate))
            throw new errors/* UserError */.yo(`validation-sql: file ${candidate} does not exist; give a path to an .sql file or the SQL itself`);
        return (0,external_node_fs_.readFileSync)(candidate, 'utf8');
    }
    return input;
}
async function validate(o, ctx) {
    const started = ctx.now();
    const s3 = (0,client/* clientFor */.$)(ctx, o.s3);
    const assertions = splitStatements(assertionsText(o.validationSql));
    const chosen = await (0,readable/* chooseReadable */.G)(o, s3, ctx, 'validate', true);
    const { entry, manifest } = chosen;
    if (!manifest)
        throw new errors/* UserError */.yo(`validate: ${entry.key} has no manifest (.meta) to compare with; validate needs backups written by s3-backup`);
    const decryption = await (0,decrypt/* openDecryption */.C)(o, chosen); // a missing or unusable key fails before the download
    const major = await serverMajor(o.connection);
    const tool = entry.format === 'custom' ? 'pg_restore' : 'psql';
    const bin = await (0,tools/* findPgBin */.mQ)({
        tool,
        required: entry.format === 'custom' ? manifest.pgDump.major : 0,
        pgBinDir: o.pgBinDir,
        because: `the backup was written by pg_dump ${manifest.pgDump.version}`,
        install: ctx.installClient,
    });
    const stored = entry.size + (entry.parts ?? []).reduce((n, p) => n + p.size, 0);
    await (0,temp_space/* checkTempSpace */.v)((0,temp_dirs/* tempDirOf */.l3)(o, ctx), (0,restore_plan/* tempNeed */.XG)(stored, DRILL_PLAN, undefined), `validating ${entry.key}`, ctx);
    // the checksum (and the decryption) must pass before anything else counts
    const { proven, parts } = await (0,store_parts/* fetchBackupProven */.N)(o, chosen, decryption, s3, ctx);
    const scratch = `s3b_validate_${(0,naming/* stamp */.iE)(started).toLowerCase()}_${Math.random().toString(36).slice(2, 6)}`;
    const drill = { o, ctx, entry, manifest, major, scratch, command: external_node_path_default().join(bin.dir, tool), parts };
    let outcome;
    try {
        outcome = await restoreAndCompare(drill, proven, assertions);
    }
    finally {
        await Promise.all([proven.fetched.cleanup(), ...parts.map((p) => p.fetched.cleanup())]);
    }
    const mismatches = outcome.checks.filter((c) => !c.ok).length;
    const durationSeconds = (ctx.now().getTime() - started.getTime()) / 1000;
    ctx.log.info(`validation of ${entry.key}: ${outcome.checks.length - mismatches}/${outcome.checks.length} checks passed in ${durationSeconds.toFixed(1)} s`);
    const { restoreSeconds, compareSeconds, ...checked } = outcome;
    return {
        status: mismatches ? 'failed' : 'passed',
        key: entry.key,
        sha256: proven.fetched.sha256,
        ...checked,
        mismatches,
        durationSeconds,
        restoredMajor: major,
        scratchDatabase: scratch,
        kept: o.keep,
        startedAt: started.toISOString(),
        stages: { ...proven.seconds, restore: restoreSeconds, compare: compareSeconds },
        tables: (manifest.tables ?? []).map((t) => `${t.schema}.${t.name}`),
    };
}
async function serverMajor(c) {
    const admin = await (0,introspect/* connect */.Ng)(c);
    try {
        return (await (0,introspect/* serverInfo */.CR)(admin)).major;
    }
    finally {
        await admin.end().catch(() => undefined);
    }
}
/** A scratch database: created, restored into, compared, then dropped (unless `keep`). */
async function restoreAndCompare(d, proven, assertions) {
    const { o, ctx } = d;
    const adminClient = await (0,introspect/* connect */.Ng)(o.connection);
    try {
        await (0,postgres_admin/* createDatabase */.cD)(adminClient, d.scratch).catch((err) => {
            throw new errors/* UserError */.yo(`validate: could not create the scratch database on ${o.connection.host}:${o.connection.port}: ${(0,introspect/* describePgError */.Ry)(err, o.connection).message}`);
        });
        ctx.log.info(`restoring ${d.entry.key} into scratch database "${d.scratch}" (PostgreSQL ${d.major})`);
        if (!d.parts.length)
            ctx.log.info(`restore path: ${DRILL_PLAN.why}`);
        // owners and grants name roles: create the missing ones on this throwaway server (plain SQL applies them)
        if (d.entry.format === 'plain')
            await (0,postgres_admin/* createMissingRoles */._g)(adminClient, d.manifest.roles ?? []);
        const t0 = performance.now();
        const scratch = { ...o.connection, database: d.scratch };
        const { value: restore, counted } = await (0,early_counts/* countingEarly */.b)(scratch, d.manifest, (onPartLoaded) => restoreScratch(d, proven, onPartLoaded));
        const restoreSeconds = (performance.now() - t0) / 1000;
        if (!restore.ok)
            return { checks: [restore], tablesChecked: 0, rowsChecked: 0, restoreSeconds, compareSeconds: 0 };
        const compared = await compareScratch(d, assertions, counted);
        const compareSeconds = (performance.now() - t0) / 1000 - restoreSeconds;
        return { ...compared, checks: [restore, ...compared.checks], restoreSeconds, compareSeconds };
    }
    finally {
        if (!o.keep) {
            await (0,postgres_admin/* dropDatabase */.Zi)(adminClient, d.scratch, d.major >= 13).catch((err) => ctx.log.warning(`could not drop the scratch database "${d.scratch}": ${(0,errors/* errorMessage */.gJ)(err)}`));
        }
        await adminClient.end().catch(() => undefined);
    }
}
/** The restore itself is the first check: a backup that does not restore fails the drill, with the tool's words. */
async function restoreScratch(d, proven, onPartLoaded) {
    const scratchConn = { ...d.o.connection, database: d.scratch };
    const dbUrl = (0,connection/* connectionUrl */.C7)(scratchConn);
    const args = d.entry.format === 'custom'
        ? (0,argv/* pgRestoreArgs */.VZ)({ dbUrl, clean: false, noOwner: true, noAcl: true, jobs: 1, singleTransaction: false })
        : (0,argv/* psqlRestoreArgs */.ue)({ dbUrl, singleTransaction: false });
    const env = (0,connection/* toolEnv */.oW)(scratchConn, d.ctx.env);
    try {
        if (d.parts.length) {
            const flags = { clean: false, noOwner: true, noAcl: true, jobs: 1, singleTransaction: false };
            // the data parts as many at a time as there are cores (as restore's jobs auto), indexes with 2 jobs
            const loads = (0,parse/* autoRestoreJobs */.Q3)();
            const r = { proven, parts: d.parts, manifestParts: d.manifest.parts ?? [], jobs: 2, loads, log: d.ctx.log };
            const told = {
                ...(d.ctx.onProgress ? { onProgress: d.ctx.onProgress } : {}),
                ...(onPartLoaded ? { onPartLoaded } : {}),
            };
            await (0,restore_parts/* restoreParts */.n)({ ...r, ...told }, { flags, dbUrl, command: d.command, env, signal: d.ctx.signal });
        }
        else
            await (0,decode/* decodeInto */.zT)(proven.spec(), { name: external_node_path_default().basename(d.command), command: d.command, args, env });
        return { check: 'restore', expected: 'restores cleanly', found: 'restored', ok: true };
    }
    catch (err) {
        if (d.ctx.signal.aborted)
            throw d.ctx.signal.reason;
        return { check: 'restore', expected: 'restores cleanly', found: (0,errors/* oneLine */.TN)(err), ok: false };
    }
}
/** The restored database against the manifest, then the user's assertions, each true or a failed check. */
async function compareScratch(d, assertions, counted) {
    const db = await (0,introspect/* connect */.Ng)({ ...d.o.connection, database: d.scratch });
    try {
        const catalog = await (0,postgres_catalog/* describeCatalog */.Nn)(db, d.manifest.options ?? { schemas: [], excludeTables: [] });
        catalog.tables = await (0,postgres_catalog/* countRows */.BO)(db, catalog.tables, counted);
        const compared = (0,compare/* compareToManifest */.o)(d.manifest, catalog, { sameMajor: d.major === d.manifest.database.serverMajor });
        const checks = [...compared.checks];
        for (const statement of assertions)
            checks.push(await assertion(db, statement));
        return { checks, tablesChecked: compared.tablesChecked, rowsChecked: compared.rowsChecked };
    }
    finally {
        await db.end().catch(() => undefined);
    }
}
async function assertion(db, statement) {
    const text = statement
        .replace(/--[^\n]*|\/\*[\s\S]*?\*\//g, ' ')
        .replace(/\s+/g, ' ')
        .trim();
    const label = `assertion: ${text.length > 200 ? `${text.slice(0, 200)}…` : text}`;
    try {
        const { value, shape } = await (0,postgres_admin/* runAssertion */.qd)(db, statement);
        return { check: label, expected: 'true', found: shape, ok: isTruthy(value) };
    }
    catch (err) {
        return { check: label, expected: 'true', found: `error: ${(0,errors/* errorMessage */.gJ)(err)}`, ok: false };
    }
}
/** One line for a failed validation, naming every mismatch. */
function failureLine(r) {
    const bad = r.checks.filter((c) => !c.ok).map((c) => `${c.check}: expected ${c.expected}, found ${c.found}`);
    return `validation of ${r.key} failed: ${r.mismatches} mismatch${r.mismatches === 1 ? '' : 'es'} — ${bad.join('; ')}`;
}
const validateCommand = {
    verb: 'validate',
    async run(raw, ctx) {
        const options = (0,parse/* parseValidateOptions */.Uv)(raw, ctx.env);
        const started = ctx.now();
        let ran;
        let stopped;
        try {
            ran = options.all ? await validateSet(options, ctx) : await validate(options, ctx);
        }
        catch (err) {
            ran = notVerified(options, err, started);
            stopped = err;
        }
        const { result, files, records, trend } = await drillEvidence(options, ctx, ran);
        const outputs = {
            ...(0,results/* validateOutputs */.FD)(result),
            'drill-statement': files?.statement ?? '',
            'drill-predicate': files?.predicate ?? '',
            'drill-subjects': files?.subjects ?? '',
        };
        const summary = result.status === 'not-verified' ? notVerifiedSummary(result) : (0,results/* validateSummary */.nd)(result);
        return {
            // the report comes first, pass or fail: the table of checks is what the reader needs
            outputs,
            summary: `${summary}${evidenceLines(files?.statement, records)}${recoveryTrend(trend)}`,
            text: [
                ...result.checks.filter((c) => !c.ok).map((c) => `✗ ${c.check}: expected ${c.expected}, found ${c.found}`),
                result.status === 'not-verified'
                    ? `not verified: ${result.reason}`
                    : `${result.status}: ${result.checks.length - result.mismatches}/${result.checks.length} checks, ${(0,format/* plural */.LS)(result.tablesChecked, 'table')}, ${(0,format/* plural */.LS)(result.rowsChecked, 'row')} (${result.key})`,
            ].join('\n'),
            json: { ...(0,command/* outputsJson */.p)('validate', outputs), checks: result.checks },
            report: `validated ${result.key}: ${(0,format/* plural */.LS)(result.tablesChecked, 'table')}, ${(0,format/* plural */.LS)(result.rowsChecked, 'row')} as the manifest says (restored into PostgreSQL ${result.restoredMajor})`,
            failure: stopped !== undefined
                ? stopped
                : result.status === 'failed'
                    ? new errors/* UserError */.yo(failureLine(result))
                    : undefined,
        };
    },
};

// EXTERNAL MODULE: external "node:child_process"
var external_node_child_process_ = __webpack_require__(1421);
// EXTERNAL MODULE: external "node:stream"
var external_node_stream_ = __webpack_require__(7075);
// EXTERNAL MODULE: external "node:stream/promises"
var promises_ = __webpack_require__(6466);
// EXTERNAL MODULE: ./src/postgres/process.ts
var postgres_process = __webpack_require__(4898);
;// CONCATENATED MODULE: ./src/commands/verify.ts




















const PLAIN_END = '-- PostgreSQL database dump complete';
/** Streams the decoded bytes through JavaScript and keeps the tail (plain dumps end with a marker). */
async function decodedTail(spec) {
    let tail = Buffer.alloc(0);
    let bytes = 0;
    const sink = new external_node_stream_.Writable({
        write(chunk, _e, cb) {
            bytes += chunk.length;
            tail = Buffer.concat([tail, chunk]).subarray(-4096);
            cb();
        },
    });
    if (spec.decompress.kind === 'process') {
        const stages = spec.stages ?? [];
        const child = (0,external_node_child_process_.spawn)(spec.decompress.command, [...spec.decompress.args, ...(stages.length ? [] : [spec.file])], {
            stdio: ['pipe', 'pipe', 'pipe'],
        });
        // decrypted bytes are fed to zstd's stdin; otherwise zstd reads the file itself
        const feed = stages.length
            ? (0,promises_.pipeline)([(0,external_node_fs_.createReadStream)(spec.file), ...stages, child.stdin])
            : endInput(child.stdin);
        let stderr = '';
        child.stderr.on('data', (d) => (stderr += d));
        const exited = new Promise((resolve, reject) => child.once('close', (code, signal) => code === 0 ? resolve() : reject(new postgres_process/* ToolError */.v4('zstd', code, signal, stderr))));
        await Promise.all([(0,promises_.pipeline)(child.stdout, sink), exited, feed]);
    }
    else {
        await (0,promises_.pipeline)([
            (0,external_node_fs_.createReadStream)(spec.file),
            ...(spec.stages ?? []),
            ...(spec.decompress.kind === 'stream' ? [spec.decompress.create()] : []),
            sink,
        ]);
    }
    return { bytes, tail: tail.toString('utf8') };
}
async function verify(o, ctx) {
    const started = ctx.now();
    const s3 = (0,client/* clientFor */.$)(ctx, o.s3);
    const chosen = await (0,readable/* chooseReadable */.G)(o, s3, ctx, 'verify');
    const { entry, manifest } = chosen;
    const decryption = await (0,decrypt/* openDecryption */.C)(o, chosen); // a missing or unusable key fails before the download
    const bin = entry.format === 'custom'
        ? await (0,tools/* findPgBin */.mQ)({
            tool: 'pg_restore',
            required: manifest?.pgDump.major ?? 0,
            pgBinDir: o.pgBinDir,
            because: `the backup was written by pg_dump ${manifest?.pgDump.version ?? '(unknown)'}`,
            install: ctx.installClient,
        })
        : undefined;
    const stored = entry.size + (entry.parts ?? []).reduce((n, p) => n + p.size, 0);
    await (0,temp_space/* checkTempSpace */.v)((0,temp_dirs/* tempDirOf */.l3)(o, ctx), stored + restore_plan/* HEAD_ALLOWANCE */.Y0, `verifying ${entry.key}`, ctx);
    // the checksum, and the whole decryption, before a byte is decoded
    const { proven, parts } = await (0,store_parts/* fetchBackupProven */.N)(o, chosen, decryption, s3, ctx);
    const { fetched, decompress, spec: specOf } = proven;
    try {
        const spec = specOf();
        try {
            if (bin) {
                ctx.log.info(`reading every block with pg_restore ${bin.version} (${decompress.label})`);
                // a multi-stream backup: its schema part, then every data part
                for (const s of [spec, ...parts.map((p) => p.spec())])
                    await (0,decode/* decodeInto */.zT)(s, {
                        name: 'pg_restore',
                        command: external_node_path_default().join(bin.dir, 'pg_restore'),
                        args: ['--file=/dev/null'],
                    });
            }
            else {
                const { bytes, tail } = await decodedTail(spec);
                ctx.log.info(`decoded ${bytes} bytes of SQL (${decompress.label})`);
                if (!tail.includes(PLAIN_END))
                    throw new Error(`the SQL ends early: "${PLAIN_END}" is missing (truncated dump)`);
            }
        }
        catch (err) {
            if (ctx.signal.aborted)
                throw ctx.signal.reason;
            throw new errors/* UserError */.yo(`verify: ${entry.key} does not decode: ${(0,errors/* errorMessage */.gJ)(err).replace(/\s*\n\s*/g, ' — ')}`);
        }
        const durationSeconds = (ctx.now().getTime() - started.getTime()) / 1000;
        return { key: entry.key, sha256: fetched.sha256, bytes: fetched.bytes, durationSeconds };
    }
    finally {
        await Promise.all([fetched.cleanup(), ...parts.map((p) => p.fetched.cleanup())]);
    }
}
/** Nothing to feed: the consumer reads the file itself, its stdin just ends. */
function endInput(stdin) {
    stdin.end();
    return Promise.resolve();
}
const verifyCommand = {
    verb: 'verify',
    async run(raw, ctx) {
        const result = await verify((0,parse/* parseVerifyOptions */.lW)(raw, ctx.env), ctx);
        const outputs = (0,results/* verifyOutputs */.ce)(result);
        return {
            outputs,
            summary: (0,results/* verifySummary */.Il)(result),
            // the one line saying so (stdout): the log does not repeat it
            text: `verified ${result.key} in ${result.durationSeconds.toFixed(1)} s: sha256 ${result.sha256}, every byte decodes`,
            json: (0,command/* outputsJson */.p)('verify', outputs),
            report: `verified ${result.key}: sha256 ${result.sha256}, ${(0,format/* formatBytes */.z3)(result.bytes)} decoded`,
        };
    },
};

;// CONCATENATED MODULE: ./src/commands/index.ts
/**
 * Every verb's command. Adding a verb: its row in the verb table (options/verbs.ts), its inputs' rows (options/spec.ts),
 * its file here, and its line below.
 */
















/** Every verb's command; the compiler refuses a verb of the verb table (options/verbs.ts) without one. */
const COMMANDS = {
    backup: backupCommand,
    plan: planCommand,
    'set-close': setCloseCommand,
    restore: restore/* restoreCommand */.O,
    list: listCommand,
    check: checkCommand,
    verify: verifyCommand,
    validate: validateCommand,
    thaw: thawCommand,
    prune: pruneCommand,
    lifecycle: lifecycle_lifecycleCommand,
    'bucket-init': bucketInitCommand,
    'bucket-audit': bucketAuditCommand,
    'bucket-replicate': bucketReplicateCommand,
    'iam-policy': iamPolicyCommand,
    cost: costCommand,
};
function commandFor(verb) {
    return Object.hasOwn(COMMANDS, verb) ? COMMANDS[verb] : undefined;
}


/***/ })

};
