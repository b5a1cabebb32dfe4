export const id = 320;
export const ids = [320];
export const modules = {

/***/ 529:
/***/ ((__unused_webpack_module, __webpack_exports__, __webpack_require__) => {

/* harmony export */ __webpack_require__.d(__webpack_exports__, {
/* harmony export */   CP: () => (/* binding */ ARCHIVE_CLASSES),
/* harmony export */   Cb: () => (/* binding */ archiveState),
/* harmony export */   Vv: () => (/* binding */ THAW_TIERS),
/* harmony export */   WD: () => (/* binding */ requestedMessage),
/* harmony export */   cY: () => (/* binding */ ThawPendingError),
/* harmony export */   eF: () => (/* binding */ typicalWait),
/* harmony export */   gm: () => (/* binding */ nextThawStep),
/* harmony export */   w_: () => (/* binding */ EXIT_THAW_PENDING)
/* harmony export */ });
/* unused harmony export parseRestoreHeader */
/* harmony import */ var _errors_js__WEBPACK_IMPORTED_MODULE_0__ = __webpack_require__(4296);

/** Storage classes whose objects need a restore request before a GET. */
const ARCHIVE_CLASSES = ['GLACIER', 'DEEP_ARCHIVE'];
const THAW_TIERS = ['Standard', 'Bulk', 'Expedited'];
/** The exit status of a run that stopped because an archived backup is being thawed: run again later. */
const EXIT_THAW_PENDING = 75;
/** A restore was requested (or is under way) and the object is not readable yet: a distinct exit status. */
class ThawPendingError extends _errors_js__WEBPACK_IMPORTED_MODULE_0__/* .UserError */ .yo {
    name = 'ThawPendingError';
    exitCode = EXIT_THAW_PENDING;
}
/** x-amz-restore: `ongoing-request="false", expiry-date="Fri, 21 Dec 2012 00:00:00 GMT"`. */
function parseRestoreHeader(header) {
    if (!header)
        return undefined;
    const ongoing = /ongoing-request\s*=\s*"?(true|false)"?/i.exec(header);
    if (!ongoing)
        return undefined;
    const expiry = /expiry-date\s*=\s*"([^"]*)"/i.exec(header)?.[1];
    return { ongoing: ongoing[1].toLowerCase() === 'true', ...(expiry ? { expiry } : {}) };
}
/** The class that matters for a thaw: GLACIER / DEEP_ARCHIVE, or Intelligent-Tiering's archive tier by its name. */
function archiveClassOf(h) {
    const sc = (h.storageClass ?? 'STANDARD').toUpperCase();
    if (ARCHIVE_CLASSES.includes(sc))
        return sc;
    if (sc === 'INTELLIGENT_TIERING' && h.archiveStatus) {
        return h.archiveStatus.toUpperCase() === 'DEEP_ARCHIVE_ACCESS' ? 'DEEP_ARCHIVE' : 'GLACIER';
    }
    return undefined;
}
function archiveState(h) {
    const storageClass = (h.storageClass ?? 'STANDARD').toUpperCase();
    const archived = archiveClassOf(h);
    if (!archived)
        return { state: 'readable', storageClass };
    const restore = parseRestoreHeader(h.restore);
    if (!restore)
        return { state: 'archived', storageClass };
    if (restore.ongoing)
        return { state: 'thawing', storageClass };
    return { state: 'readable', storageClass, ...(restore.expiry ? { restoredUntil: restore.expiry } : {}) };
}
/** AWS's published restore times per class and retrieval tier. */
const WAITS = {
    GLACIER: { Expedited: '1-5 minutes', Standard: '3-5 hours', Bulk: '5-12 hours' },
    DEEP_ARCHIVE: { Standard: 'within 12 hours', Bulk: 'within 48 hours' },
};
/** The provider's typical wait, for the message; undefined when the tier does not exist for the class. */
function typicalWait(storageClass, tier) {
    const cls = storageClass === 'DEEP_ARCHIVE' ? 'DEEP_ARCHIVE' : 'GLACIER';
    return WAITS[cls][tier];
}
/** What to do next for an object in a given state (the state machine restore, verify, validate and thaw share). */
function nextThawStep(key, s, c, verb) {
    if (s.state === 'readable')
        return { do: 'read' };
    const again = `run the same ${verb} again then${c.wait ? '' : ' (or add --wait to wait for it)'}`;
    if (s.state === 'thawing') {
        if (c.wait)
            return { do: 'poll' };
        return {
            do: 'pending',
            message: `${key} is in ${s.storageClass} and S3 is restoring it (a restore request is under way): ${again}`,
        };
    }
    if (!c.thaw) {
        return {
            do: 'refuse',
            message: `${key} is in ${s.storageClass}: S3 must restore it before it can be read; run again with --thaw (thaw-tier ${c.tier}: typically ${typicalWait(s.storageClass, c.tier) ?? 'hours'}), or choose a backup in an instant class`,
        };
    }
    if (!typicalWait(s.storageClass, c.tier)) {
        return {
            do: 'refuse',
            message: `thaw-tier: ${c.tier} retrieval does not exist for ${s.storageClass}; use Standard (within 12 hours) or Bulk (within 48 hours)`,
        };
    }
    return { do: 'request' };
}
/** The message after a restore was requested (or found under way) and the run stops. */
function requestedMessage(key, storageClass, c, verb, already) {
    const what = already ? 'a restore was already under way' : `restore requested (${c.tier} tier, ${c.days} days)`;
    return `${key} is in ${storageClass}: ${what}; S3 typically takes ${typicalWait(storageClass, c.tier) ?? 'hours'}: run the same ${verb} again then (or add --wait to wait for it)`;
}


/***/ }),

/***/ 133:
/***/ ((__unused_webpack_module, __webpack_exports__, __webpack_require__) => {

/* harmony export */ __webpack_require__.d(__webpack_exports__, {
/* harmony export */   DJ: () => (/* binding */ healthcheckPing),
/* harmony export */   KC: () => (/* binding */ healthcheckTarget)
/* harmony export */ });
/* unused harmony exports MAX_BODY, clip */
/* harmony import */ var _errors_js__WEBPACK_IMPORTED_MODULE_0__ = __webpack_require__(4296);

/** What we send as a body at most (the service keeps 100 kB). */
const MAX_BODY = 10_000;
function healthcheckTarget(url) {
    let u;
    try {
        u = new URL(url);
    }
    catch {
        throw new _errors_js__WEBPACK_IMPORTED_MODULE_0__/* .UserError */ .yo("healthcheck-url: not a URL; use the check's ping URL, e.g. https://hc-ping.com/<uuid>");
    }
    if (!['https:', 'http:'].includes(u.protocol) || u.pathname.replace(/\/+$/, '') === '') {
        throw new _errors_js__WEBPACK_IMPORTED_MODULE_0__/* .UserError */ .yo("healthcheck-url: not a ping URL; use the check's ping URL, e.g. https://hc-ping.com/<uuid>");
    }
    if (/\/(start|fail|log|\d{1,3})\/?$/.test(u.pathname)) {
        throw new _errors_js__WEBPACK_IMPORTED_MODULE_0__/* .UserError */ .yo("healthcheck-url: give the check's ping URL itself, without /start, /fail or an exit code: s3-backup adds them");
    }
    return { url, host: u.host };
}
/** Keeps the end of a body within MAX_BODY bytes (the last lines matter most). */
function clip(text, max = MAX_BODY) {
    const buf = Buffer.from(text, 'utf8');
    if (buf.length <= max)
        return text;
    const tail = buf
        .subarray(buf.length - max + 20)
        .toString('utf8')
        .replace(/^[^\n]*\n/, '');
    return `[… earlier lines cut]\n${tail}`;
}
function healthcheckPing(t, kind, rid, body) {
    const u = new URL(t.url);
    const path = u.pathname.replace(/\/+$/, '');
    u.pathname = kind === 'success' ? path : `${path}/${kind}`;
    u.searchParams.set('rid', rid.toLowerCase());
    return {
        method: 'POST',
        url: u.toString(),
        headers: { 'content-type': 'text/plain; charset=utf-8' },
        body: clip(body),
    };
}


/***/ }),

/***/ 5949:
/***/ ((__unused_webpack_module, __webpack_exports__, __webpack_require__) => {

/* harmony export */ __webpack_require__.d(__webpack_exports__, {
/* harmony export */   B: () => (/* binding */ TLS_ENV_VARS),
/* harmony export */   x: () => (/* binding */ settingsFromEnv)
/* harmony export */ });
/* harmony import */ var _libpq_settings_js__WEBPACK_IMPORTED_MODULE_0__ = __webpack_require__(2257);
/** What the pg tools read from their own environment rather than from the URL we give them. */

/** The PG* variables of TLS_SETTINGS: an empty one means "not set" to us, so the tools must not see it either. */
const TLS_ENV_VARS = Object.values(_libpq_settings_js__WEBPACK_IMPORTED_MODULE_0__/* .TLS_SETTINGS */ .w).flatMap((s) => (s.env ? [s.env] : []));
/**
 * The settings that came from PG* variables (not the URL) and that the pg tools read from their own environment:
 * left out of their URL, so that a tool whose libpq predates a setting (sslcertmode, sslnegotiation) is not handed an
 * option it rejects. File settings are not among them: those travel in the URL, made absolute.
 */
function settingsFromEnv(params, env) {
    return Object.entries(_libpq_settings_js__WEBPACK_IMPORTED_MODULE_0__/* .TLS_SETTINGS */ .w).flatMap(([name, spec]) => params[name] === undefined && spec.env && !spec.path && env[spec.env]?.trim() ? [name] : []);
}


/***/ }),

/***/ 2257:
/***/ ((__unused_webpack_module, __webpack_exports__, __webpack_require__) => {

/* harmony export */ __webpack_require__.d(__webpack_exports__, {
/* harmony export */   Bl: () => (/* binding */ tlsSettings),
/* harmony export */   D_: () => (/* binding */ resolveLibpqParams),
/* harmony export */   w: () => (/* binding */ TLS_SETTINGS)
/* harmony export */ });
/* harmony import */ var node_path__WEBPACK_IMPORTED_MODULE_0__ = __webpack_require__(6760);
/* harmony import */ var node_path__WEBPACK_IMPORTED_MODULE_0___default = /*#__PURE__*/__webpack_require__.n(node_path__WEBPACK_IMPORTED_MODULE_0__);
/* harmony import */ var _errors_js__WEBPACK_IMPORTED_MODULE_1__ = __webpack_require__(4296);
/* harmony import */ var _redact_js__WEBPACK_IMPORTED_MODULE_2__ = __webpack_require__(2258);
/** libpq's TLS settings: read from the URL and the PG* variables, checked, and resolved to what libpq would use. */



const SSL_MODES = ['disable', 'allow', 'prefer', 'require', 'verify-ca', 'verify-full'];
const TLS_VERSIONS = ['TLSv1', 'TLSv1.1', 'TLSv1.2', 'TLSv1.3'];
/** Every libpq setting this module gives meaning to. */
const TLS_SETTINGS = {
    sslmode: { env: 'PGSSLMODE', values: SSL_MODES },
    sslrootcert: { env: 'PGSSLROOTCERT', path: true },
    sslcert: { env: 'PGSSLCERT', path: true },
    sslkey: { env: 'PGSSLKEY', path: true },
    sslpassword: {},
    sslcrl: { env: 'PGSSLCRL', path: true },
    sslcrldir: { env: 'PGSSLCRLDIR', path: true },
    sslcertmode: { env: 'PGSSLCERTMODE', values: ['disable', 'allow'] },
    ssl_min_protocol_version: { env: 'PGSSLMINPROTOCOLVERSION', values: TLS_VERSIONS, caseInsensitive: true },
    ssl_max_protocol_version: { env: 'PGSSLMAXPROTOCOLVERSION', values: TLS_VERSIONS, caseInsensitive: true },
    sslnegotiation: { env: 'PGSSLNEGOTIATION', values: ['postgres', 'direct'] },
    connect_timeout: { env: 'PGCONNECT_TIMEOUT', integer: true },
};
function list(values) {
    return values.length > 1 ? `${values.slice(0, -1).join(', ')} or ${values.at(-1)}` : (values[0] ?? '');
}
/**
 * The URL's parameters with the PG* variables folded in (the URL wins, as in libpq), checked, with relative file
 * names made absolute against `cwd`. What the tools get in their URL, and what our own connection reads.
 * `input` names where the URL came from, for errors ("database-url").
 */
function resolveLibpqParams(params, env, o) {
    return checkParams(params, env, o.input, o.cwd);
}
function checkParams(params, env, input, cwd) {
    const out = { ...params };
    const source = {};
    for (const g of givenSettings(params, env, input)) {
        source[g.name] = g.where;
        out[g.name] = checkValue(g, cwd);
    }
    checkCombinations(out, source);
    if (out.sslpassword !== undefined)
        checkPassword(out.sslpassword, input);
    return out;
}
/** The settings given, in TLS_SETTINGS order: from the URL, else from a PG* variable that is not empty. */
function givenSettings(params, env, input) {
    return Object.entries(TLS_SETTINGS).flatMap(([name, spec]) => {
        const fromUrl = params[name];
        if (fromUrl !== undefined)
            return [{ name, spec, value: fromUrl, where: `${input}: ${name}` }];
        if (!spec.env)
            return [];
        const fromEnv = env[spec.env]?.trim();
        return fromEnv ? [{ name, spec, value: fromEnv, where: spec.env }] : [];
    });
}
/** One setting checked on its own: a listed value in its canonical spelling, a file name made absolute against `cwd`. */
function checkValue({ name, spec, value: v, where }, cwd) {
    let out = v;
    const shown = JSON.stringify(v).slice(1, -1);
    if (name === 'sslcertmode' && v === 'require') {
        throw new _errors_js__WEBPACK_IMPORTED_MODULE_1__/* .UserError */ .yo(`${where}=require is not supported (s3-backup cannot tell whether the server asked for a certificate): use allow`);
    }
    if (spec.values) {
        const canonical = spec.values.find((x) => (spec.caseInsensitive ? x.toLowerCase() === v.toLowerCase() : x === v));
        if (canonical === undefined && !(spec.caseInsensitive && v === '')) {
            throw new _errors_js__WEBPACK_IMPORTED_MODULE_1__/* .UserError */ .yo(`${where}=${shown} is not valid: use ${list(spec.values)}`);
        }
        if (canonical !== undefined)
            out = canonical;
    }
    if (spec.integer && !/^\s*[-+]?\d+\s*$/.test(v)) {
        throw new _errors_js__WEBPACK_IMPORTED_MODULE_1__/* .UserError */ .yo(`${where}=${shown} is not valid: use a whole number of seconds (0: wait forever)`);
    }
    if (cwd && spec.path && v !== '' && !(name === 'sslrootcert' && v === 'system') && !(0,node_path__WEBPACK_IMPORTED_MODULE_0__.isAbsolute)(v))
        out = (0,node_path__WEBPACK_IMPORTED_MODULE_0__.resolve)(cwd, v);
    return out;
}
/** Settings libpq refuses together; sslrootcert=system also sets sslmode's default. */
function checkCombinations(out, source) {
    if (out.sslrootcert === 'system') {
        // libpq 16: the system's CAs only with the host name checked
        if (out.sslmode === undefined)
            out.sslmode = 'verify-full';
        else if (out.sslmode !== 'verify-full') {
            throw new _errors_js__WEBPACK_IMPORTED_MODULE_1__/* .UserError */ .yo(`${source.sslmode}=${out.sslmode} may not be used with sslrootcert=system: use sslmode=verify-full`);
        }
    }
    if (out.sslnegotiation === 'direct' && !['require', 'verify-ca', 'verify-full'].includes(out.sslmode ?? 'prefer')) {
        throw new _errors_js__WEBPACK_IMPORTED_MODULE_1__/* .UserError */ .yo(`${source.sslnegotiation}=direct needs sslmode require, verify-ca or verify-full (it is ${out.sslmode ?? 'prefer'})`);
    }
    const min = TLS_VERSIONS.indexOf(out.ssl_min_protocol_version);
    const max = TLS_VERSIONS.indexOf(out.ssl_max_protocol_version);
    if (min >= 0 && max >= 0 && min > max) {
        throw new _errors_js__WEBPACK_IMPORTED_MODULE_1__/* .UserError */ .yo(`ssl_min_protocol_version=${out.ssl_min_protocol_version} is above ssl_max_protocol_version=${out.ssl_max_protocol_version}`);
    }
}
function checkPassword(password, input) {
    (0,_redact_js__WEBPACK_IMPORTED_MODULE_2__/* .addSecret */ .Ck)(password);
    // the pg tools get it in a service file (see toolEnv), which libpq reads line by line, trimming each line
    if (/[\r\n]/.test(password) || password !== password.trim() || password.length > 200) {
        throw new _errors_js__WEBPACK_IMPORTED_MODULE_1__/* .UserError */ .yo(`${input}: sslpassword has a line break, leading or trailing spaces, or over 200 characters: pg tools cannot be given it`);
    }
}
/** Our own default when neither the URL nor PGCONNECT_TIMEOUT sets one (the tools get the same in PGCONNECT_TIMEOUT). */
const DEFAULT_CONNECT_TIMEOUT_S = 15;
/** What libpq would use, from resolved parameters and the home directory (undefined: libpq finds none). */
function tlsSettings(params, home) {
    const p = checkParams(params, {}, 'database-url', undefined);
    const file = (setting, fallback) => {
        const path = p[setting];
        if (path)
            return { path, setting, given: true };
        return home && fallback ? { path: (0,node_path__WEBPACK_IMPORTED_MODULE_0__.join)(home, '.postgresql', fallback), setting, given: false } : undefined;
    };
    const timeout = p.connect_timeout === undefined ? DEFAULT_CONNECT_TIMEOUT_S : Number.parseInt(p.connect_timeout.trim(), 10);
    return {
        mode: p.sslmode ?? 'prefer',
        rootCert: p.sslrootcert === 'system' ? 'system' : file('sslrootcert', 'root.crt'),
        cert: file('sslcert', 'postgresql.crt'),
        key: file('sslkey', 'postgresql.key'),
        // libpq's default CRL file only when neither sslcrl nor sslcrldir is set
        crl: p.sslcrldir ? file('sslcrl', undefined) : file('sslcrl', 'root.crl'),
        ...(p.sslcrldir ? { crlDir: p.sslcrldir } : {}),
        ...(p.sslpassword !== undefined ? { password: p.sslpassword } : {}),
        sendCert: p.sslcertmode !== 'disable',
        // libpq's default minimum is TLSv1.2; an empty setting means none
        minVersion: p.ssl_min_protocol_version === undefined ? 'TLSv1.2' : (p.ssl_min_protocol_version || 'TLSv1'),
        ...(p.ssl_max_protocol_version ? { maxVersion: p.ssl_max_protocol_version } : {}),
        negotiation: p.sslnegotiation === 'direct' ? 'direct' : 'postgres',
        connectTimeoutMs: timeout > 0 ? Math.max(timeout, 2) * 1000 : 0,
    };
}


/***/ }),

/***/ 2607:
/***/ ((__unused_webpack_module, __webpack_exports__, __webpack_require__) => {

/* harmony export */ __webpack_require__.d(__webpack_exports__, {
/* harmony export */   DB: () => (/* binding */ parseChecksumLine),
/* harmony export */   EJ: () => (/* binding */ claimsPrefix),
/* harmony export */   ID: () => (/* binding */ joinKey),
/* harmony export */   OV: () => (/* binding */ latestPointerKey),
/* harmony export */   P8: () => (/* binding */ basename),
/* harmony export */   Rn: () => (/* binding */ manifestKey),
/* harmony export */   Rq: () => (/* binding */ checksumKey),
/* harmony export */   Ut: () => (/* binding */ checksumLine),
/* harmony export */   Z9: () => (/* binding */ claimObjectKey),
/* harmony export */   _Z: () => (/* binding */ latestCopyKey),
/* harmony export */   eT: () => (/* binding */ backupKey),
/* harmony export */   iE: () => (/* binding */ stamp),
/* harmony export */   iG: () => (/* binding */ normalizePrefix),
/* harmony export */   iQ: () => (/* binding */ rebaseKey),
/* harmony export */   lG: () => (/* binding */ parseBackupKey),
/* harmony export */   ll: () => (/* binding */ newestFirst),
/* harmony export */   ly: () => (/* binding */ extensionFor),
/* harmony export */   zN: () => (/* binding */ CLAIMS_FOLDER)
/* harmony export */ });
/* unused harmony export isClaimKey */
const COMPRESSION_EXT = { zstd: '.zst', gzip: '.gz', none: '' };
const FORMAT_EXT = { custom: '.dump', plain: '.sql' };
function extensionFor(format, compression, encryption) {
    return FORMAT_EXT[format] + COMPRESSION_EXT[compression] + (encryption ? `.${encryption}` : '');
}
const pad = (n, w = 2) => String(n).padStart(w, '0');
/** UTC YYYYMMDD_HHMMSS */
function stamp(at) {
    return (`${at.getUTCFullYear()}${pad(at.getUTCMonth() + 1)}${pad(at.getUTCDate())}_` +
        `${pad(at.getUTCHours())}${pad(at.getUTCMinutes())}${pad(at.getUTCSeconds())}`);
}
function normalizePrefix(prefix) {
    return prefix.replace(/^\/+|\/+$/g, '');
}
function joinKey(prefix, basename) {
    const p = normalizePrefix(prefix);
    return p ? `${p}/${basename}` : basename;
}
/** `seq` 1 (or none) is the plain key; 2, 3 … add `_2`, `_3` … before the extension. */
function backupKey(o) {
    const seq = o.seq ?? 1;
    if (!Number.isInteger(seq) || seq < 1)
        throw new RangeError(`backup key sequence must be a whole number ≥ 1, got ${seq}`);
    return joinKey(o.prefix, `${o.name}_${o.environment}_${stamp(o.at)}${seq > 1 ? `_${seq}` : ''}${extensionFor(o.format, o.compression, o.encryption)}`);
}
/**
 * Where runs claim a key before writing it: <prefix>/.claims/<key's basename>/<run id>. A folder of its own so that a
 * policy can allow deleting claims (and nothing else) with one trailing wildcard; nothing that lists backups parses
 * these as backups, and prune touches only keys directly under the prefix.
 */
const CLAIMS_FOLDER = '.claims';
const claimsPrefix = (key) => joinKey(dirname(key), `${CLAIMS_FOLDER}/${basename(key)}/`);
const claimObjectKey = (key, runId) => `${claimsPrefix(key)}${runId}`;
const isClaimKey = (key) => key.split('/').includes(CLAIMS_FOLDER);
function dirname(key) {
    const slash = key.lastIndexOf('/');
    return slash >= 0 ? key.slice(0, slash) : '';
}
const checksumKey = (key) => `${key}.sha256`;
const manifestKey = (key) => `${key}.meta`;
const latestPointerKey = (prefix) => joinKey(prefix, 'latest.json');
const latestCopyKey = (prefix, ext) => joinKey(prefix, `latest-backup${ext}`);
function basename(key) {
    return key.slice(key.lastIndexOf('/') + 1);
}
/** A key under one prefix (the primary's), under another (the copy's) instead. */
function rebaseKey(key, from, to) {
    const base = joinKey(from, '');
    return joinKey(to, key.startsWith(base) ? key.slice(base.length) : basename(key));
}
/** `sha256sum -c` format: "<hex>  <basename>\n" */
function checksumLine(sha256, key) {
    return `${sha256}  ${basename(key)}\n`;
}
/** Reads a .sha256 sidecar; undefined when it is not in sha256sum format. */
function parseChecksumLine(text) {
    const m = /^([0-9a-f]{64}) [ *](.+?)\s*$/im.exec(text.trim());
    return m ? { sha256: m[1].toLowerCase(), file: m[2] } : undefined;
}
const KEY_RE = /^(.+)_(\d{4})(\d{2})(\d{2})_(\d{2})(\d{2})(\d{2})(?:_([2-9]|[1-9]\d{1,5}))?\.(dump|sql)(?:\.(zst|gz))?(?:\.(age|gpg))?$/;
/** A backup object's key → its parts; undefined for sidecars, pointers and anything we did not write. */
function parseBackupKey(key) {
    const slash = key.lastIndexOf('/');
    const m = KEY_RE.exec(key.slice(slash + 1));
    if (!m)
        return undefined;
    const [, stem, y, mo, d, h, mi, s, seq, fmt, comp, enc] = m;
    const at = new Date(Date.UTC(+y, +mo - 1, +d, +h, +mi, +s));
    if (Number.isNaN(at.getTime()) || stamp(at) !== `${y}${mo}${d}_${h}${mi}${s}`)
        return undefined;
    const format = fmt === 'dump' ? 'custom' : 'plain';
    const compression = comp === 'zst' ? 'zstd' : comp === 'gz' ? 'gzip' : 'none';
    const encryption = enc;
    return {
        key,
        prefix: slash >= 0 ? key.slice(0, slash) : '',
        stem: stem,
        at,
        stamp: stamp(at),
        seq: seq ? Number(seq) : 1,
        format,
        compression,
        ...(encryption ? { encryption } : {}),
        ext: extensionFor(format, compression, encryption),
    };
}
/** Newest first: by time, then by sequence (…_10 after …_9 of the same second), then by key. */
function newestFirst(a, b) {
    return b.at.getTime() - a.at.getTime() || (b.seq ?? 1) - (a.seq ?? 1) || (a.key < b.key ? 1 : a.key > b.key ? -1 : 0);
}


/***/ }),

/***/ 4620:
/***/ ((__unused_webpack_module, __webpack_exports__, __webpack_require__) => {

/* harmony export */ __webpack_require__.d(__webpack_exports__, {
/* harmony export */   $C: () => (/* binding */ AUTO_MIN_PART),
/* harmony export */   gH: () => (/* binding */ S3_MIN_PART),
/* harmony export */   mm: () => (/* binding */ choosePartSize),
/* harmony export */   tS: () => (/* binding */ taggingHeader)
/* harmony export */ });
/* unused harmony export MIB */
/** Pure decisions taken before a backup starts. */
const MIB = 2 ** 20;
const AUTO_MIN_PART = 8 * MIB;
/** S3's smallest part (but the last). */
const S3_MIN_PART = 5 * MIB;
const MAX_PARTS = 10_000;
/**
 * Part size so that 10,000 parts cover at least the database's on-disk size (an uncompressed dump can be larger
 * than the data — bytea doubles as hex — so `none` gets twice the room), never below `floor`, rounded to a MiB. The
 * floor is 8 MiB (the AWS CLI's part size; memory is about part size × (queue + 2)); the streams of a multi-stream
 * backup take S3's smallest, 5 MiB, so that their buffers together stay near one stream's (measured: peak RSS of 4
 * streams 205 MiB at 8 MiB parts, 165 MiB at 5 MiB, one stream 162–171 MiB, no slower).
 */
function choosePartSize(databaseSize, compression, override, maxParts = MAX_PARTS, floor = AUTO_MIN_PART) {
    if (override)
        return override;
    const cover = compression === 'none' ? databaseSize * 2 : databaseSize;
    // maxParts: the provider's limit (Scaleway: 1,000)
    const needed = Math.ceil(cover / maxParts / MIB) * MIB;
    return Math.max(floor, needed);
}
/** "application_name" style key-value tags → S3 Tagging header. */
function taggingHeader(tags) {
    const entries = Object.entries(tags);
    if (!entries.length)
        return undefined;
    return entries.map(([k, v]) => `${encodeURIComponent(k)}=${encodeURIComponent(v)}`).join('&');
}


/***/ }),

/***/ 8201:
/***/ ((__unused_webpack_module, __webpack_exports__, __webpack_require__) => {

/* harmony export */ __webpack_require__.d(__webpack_exports__, {
/* harmony export */   j: () => (/* binding */ PROFILES),
/* harmony export */   x: () => (/* binding */ PROVIDERS)
/* harmony export */ });
/**
 * S3-compatible providers: what users otherwise learn from bug reports, settled once. A profile fills in what the
 * user did not say (endpoint from region or account, path-style, checksum mode, part limit, bulk delete, tagging,
 * lifecycle and Object Lock support, storage-class names); every explicit input overrides it.
 *
 * The values follow each provider's S3-compatibility documentation at the time of writing. The tests prove the
 * requests each profile makes the SDK send and run the data path with each profile's settings against a local
 * S3 server; they cannot prove that the provider itself accepts them (no network here).
 */
const PROVIDERS = ['aws', 'r2', 'b2', 'spaces', 'gcs', 'minio', 'scaleway', 'wasabi'];
const AWS_CLASSES = [
    'STANDARD',
    'REDUCED_REDUNDANCY',
    'STANDARD_IA',
    'ONEZONE_IA',
    'INTELLIGENT_TIERING',
    'GLACIER',
    'DEEP_ARCHIVE',
    'GLACIER_IR',
    'EXPRESS_ONEZONE',
];
const PROFILES = {
    aws: {
        name: 'aws',
        label: 'Amazon S3',
        defaultRegion: 'us-east-1',
        forcePathStyle: false,
        requestChecksum: 'WHEN_SUPPORTED',
        maxParts: 10_000,
        bulkDelete: true,
        tagging: true,
        lifecycle: 'tags',
        objectLock: true,
        storageClasses: AWS_CLASSES,
        archive: { instant: { class: 'GLACIER_IR', minDays: 90 }, deep: { class: 'DEEP_ARCHIVE', minDays: 180 } },
        note: 'SDK defaults (CRC32 per request), virtual-hosted addressing',
    },
    r2: {
        name: 'r2',
        label: 'Cloudflare R2',
        needs: 'account-id',
        defaultRegion: 'auto',
        endpoint: ({ accountId }) => `https://${accountId}.r2.cloudflarestorage.com`,
        forcePathStyle: true,
        requestChecksum: 'WHEN_REQUIRED',
        maxParts: 10_000,
        bulkDelete: true,
        tagging: false,
        lifecycle: 'prefix',
        objectLock: false,
        storageClasses: ['STANDARD', 'STANDARD_IA'],
        archive: {},
        note: 'region auto; no object tagging, lifecycle by prefix only (retention by prune)',
    },
    b2: {
        name: 'b2',
        label: 'Backblaze B2',
        needs: 'region',
        defaultRegion: '',
        endpoint: ({ region }) => `https://s3.${region}.backblazeb2.com`,
        forcePathStyle: false,
        requestChecksum: 'WHEN_REQUIRED',
        maxParts: 10_000,
        bulkDelete: true,
        tagging: false,
        lifecycle: 'none',
        objectLock: true,
        storageClasses: ['STANDARD'],
        archive: {},
        note: "rejects the SDK default checksums; lifecycle rules only through B2's own API (retention by prune)",
    },
    spaces: {
        name: 'spaces',
        label: 'DigitalOcean Spaces',
        needs: 'region',
        defaultRegion: '',
        endpoint: ({ region }) => `https://${region}.digitaloceanspaces.com`,
        forcePathStyle: false,
        requestChecksum: 'WHEN_REQUIRED',
        maxParts: 10_000,
        bulkDelete: true,
        tagging: true,
        lifecycle: 'prefix',
        objectLock: false,
        storageClasses: ['STANDARD'],
        archive: {},
        note: 'lifecycle by prefix only (retention by prune)',
    },
    gcs: {
        name: 'gcs',
        label: 'Google Cloud Storage (XML API, HMAC keys)',
        defaultRegion: 'auto',
        endpoint: () => 'https://storage.googleapis.com',
        forcePathStyle: true,
        requestChecksum: 'WHEN_REQUIRED',
        maxParts: 10_000,
        bulkDelete: false,
        tagging: false,
        lifecycle: 'none',
        objectLock: false,
        storageClasses: ['STANDARD', 'NEARLINE', 'COLDLINE', 'ARCHIVE'],
        archive: {},
        note: "no S3 multi-object delete (one DeleteObject per key), no x-amz-tagging, lifecycle in GCS's own format",
    },
    minio: {
        name: 'minio',
        label: 'MinIO',
        needs: 'endpoint',
        defaultRegion: 'us-east-1',
        forcePathStyle: true,
        requestChecksum: 'WHEN_SUPPORTED',
        maxParts: 10_000,
        bulkDelete: true,
        tagging: true,
        lifecycle: 'tags',
        objectLock: true,
        storageClasses: ['STANDARD', 'REDUCED_REDUNDANCY'],
        archive: {},
        note: 'path-style; set endpoint',
    },
    scaleway: {
        name: 'scaleway',
        label: 'Scaleway Object Storage',
        needs: 'region',
        defaultRegion: '',
        endpoint: ({ region }) => `https://s3.${region}.scw.cloud`,
        forcePathStyle: false,
        requestChecksum: 'WHEN_REQUIRED',
        maxParts: 1_000,
        bulkDelete: true,
        tagging: true,
        lifecycle: 'tags',
        objectLock: true,
        storageClasses: ['STANDARD', 'ONEZONE_IA', 'GLACIER'],
        archive: {},
        note: 'at most 1,000 parts per upload (part size grows to fit)',
    },
    wasabi: {
        name: 'wasabi',
        label: 'Wasabi',
        defaultRegion: 'us-east-1',
        endpoint: ({ region }) => `https://s3.${region}.wasabisys.com`,
        forcePathStyle: false,
        requestChecksum: 'WHEN_REQUIRED',
        maxParts: 10_000,
        bulkDelete: true,
        tagging: true,
        lifecycle: 'none',
        objectLock: true,
        storageClasses: ['STANDARD'],
        archive: {},
        note: 'no lifecycle API (retention by prune); Wasabi bills 90 days minimum per object',
    },
};


/***/ }),

/***/ 8421:
/***/ ((__unused_webpack_module, __webpack_exports__, __webpack_require__) => {

/* harmony export */ __webpack_require__.d(__webpack_exports__, {
/* harmony export */   BJ: () => (/* binding */ copiesCount),
/* harmony export */   JV: () => (/* reexport safe */ _simulate_js__WEBPACK_IMPORTED_MODULE_3__.JV),
/* harmony export */   ap: () => (/* reexport safe */ _prices_js__WEBPACK_IMPORTED_MODULE_2__.ap),
/* harmony export */   bJ: () => (/* binding */ planFor),
/* harmony export */   dR: () => (/* binding */ usd),
/* harmony export */   jA: () => (/* binding */ estimate),
/* harmony export */   jM: () => (/* binding */ oneRuleForAll),
/* harmony export */   q9: () => (/* binding */ price)
/* harmony export */ });
/* harmony import */ var _errors_js__WEBPACK_IMPORTED_MODULE_0__ = __webpack_require__(4296);
/* harmony import */ var _lifecycle_rules_js__WEBPACK_IMPORTED_MODULE_1__ = __webpack_require__(5388);
/* harmony import */ var _prices_js__WEBPACK_IMPORTED_MODULE_2__ = __webpack_require__(4902);
/* harmony import */ var _simulate_js__WEBPACK_IMPORTED_MODULE_3__ = __webpack_require__(9562);





function price(lives, sizeGB, prices, label) {
    const byClass = new Map();
    let objectDays = 0;
    for (const segs of lives) {
        for (const seg of segs) {
            const p = prices[seg.storageClass];
            if (!p)
                throw new _errors_js__WEBPACK_IMPORTED_MODULE_0__/* .UserError */ .yo(`prices: no price for storage class ${seg.storageClass}; add ${seg.storageClass}=<USD per GB-month>`);
            const c = byClass.get(seg.storageClass) ?? {
                storageClass: seg.storageClass,
                gb: 0,
                storageUsd: 0,
                minimumUsd: 0,
            };
            const days = seg.to - seg.from;
            // an object smaller than the class's minimum billable size is billed as that size
            const billedGB = Math.max(sizeGB, (p.minBytes ?? 0) / 1e9);
            c.gb += (sizeGB * days) / _simulate_js__WEBPACK_IMPORTED_MODULE_3__/* .WINDOW_DAYS */ .F4;
            c.storageUsd += (billedGB * p.perGBMonth * days) / _prices_js__WEBPACK_IMPORTED_MODULE_2__/* .DAYS_PER_MONTH */ .lN;
            c.minimumUsd += (billedGB * p.perGBMonth * Math.max(0, p.minDays - days)) / _prices_js__WEBPACK_IMPORTED_MODULE_2__/* .DAYS_PER_MONTH */ .lN;
            byClass.set(seg.storageClass, c);
            objectDays += days;
        }
    }
    const months = _simulate_js__WEBPACK_IMPORTED_MODULE_3__/* .WINDOW_DAYS */ .F4 / _prices_js__WEBPACK_IMPORTED_MODULE_2__/* .DAYS_PER_MONTH */ .lN;
    const classes = [...byClass.values()].map((c) => ({
        ...c,
        storageUsd: c.storageUsd / months,
        minimumUsd: c.minimumUsd / months,
    }));
    return {
        label,
        classes,
        totalUsd: classes.reduce((a, c) => a + c.storageUsd + c.minimumUsd, 0),
        backups: objectDays / _simulate_js__WEBPACK_IMPORTED_MODULE_3__/* .WINDOW_DAYS */ .F4,
    };
}
/**
 * The arithmetic often quoted for 7/4/12: 7 dailies in STANDARD, 4 weeklies in GLACIER_IR, 12 monthlies in
 * DEEP_ARCHIVE, counted as copies (it forgets that each backup lives through every class before it expires).
 */
function copiesCount(sizeGB, prices = _prices_js__WEBPACK_IMPORTED_MODULE_2__/* .AWS_US_EAST_1 */ .zd) {
    const classes = [
        { storageClass: 'STANDARD', gb: 7 * sizeGB, storageUsd: 7 * sizeGB * prices.STANDARD.perGBMonth, minimumUsd: 0 },
        {
            storageClass: 'GLACIER_IR',
            gb: 4 * sizeGB,
            storageUsd: 4 * sizeGB * prices.GLACIER_IR.perGBMonth,
            minimumUsd: 0,
        },
        {
            storageClass: 'DEEP_ARCHIVE',
            gb: 12 * sizeGB,
            storageUsd: 12 * sizeGB * prices.DEEP_ARCHIVE.perGBMonth,
            minimumUsd: 0,
        },
    ];
    return {
        label: '7 + 4 + 12 copies counted once each (7 STANDARD, 4 GLACIER_IR, 12 DEEP_ARCHIVE)',
        classes,
        totalUsd: classes.reduce((a, c) => a + c.storageUsd, 0),
        backups: 23,
    };
}
/** The cheapest plan per tier for this input (the one the lifecycle rules write). */
function planFor(i) {
    return (0,_lifecycle_rules_js__WEBPACK_IMPORTED_MODULE_1__/* .tierPlans */ .Xs)(i.policy, { archive: i.archive, storageClasses: i.storageClasses, lifecycle: i.lifecycle }, i.transitions, {
        uploadClass: i.storageClass,
        prices: i.prices,
        noncurrentDays: i.noncurrentDays,
    });
}
/** This tool's figures for a policy: S3 lifecycle by tier tags, and prune after each backup. */
function estimate(i) {
    return {
        lifecycle: price((0,_simulate_js__WEBPACK_IMPORTED_MODULE_3__/* .simulate */ .JV)({ kind: 'lifecycle', policy: i.policy, transitions: i.transitions, archive: i.archive, plans: planFor(i) }, i.storageClass, i.noncurrentDays), i.sizeGB, i.prices, 'lifecycle rules by tier tag'),
        prune: price((0,_simulate_js__WEBPACK_IMPORTED_MODULE_3__/* .simulate */ .JV)({ kind: 'prune', policy: i.policy }, i.storageClass, i.noncurrentDays), i.sizeGB, i.prices, 'prune after each backup'),
    };
}
/** One lifecycle rule for every daily: GLACIER_IR at 30 days, DEEP_ARCHIVE at 90, expired at 365. */
function oneRuleForAll(sizeGB, prices = _prices_js__WEBPACK_IMPORTED_MODULE_2__/* .AWS_US_EAST_1 */ .zd) {
    return price((0,_simulate_js__WEBPACK_IMPORTED_MODULE_3__/* .simulate */ .JV)({ kind: 'one-rule' }, 'STANDARD', 0), sizeGB, prices, 'every daily to GLACIER_IR at 30 days, DEEP_ARCHIVE at 90, expired at 365');
}
const usd = (n) => `$${n < 10 ? n.toFixed(2) : n.toFixed(0)}`;



/***/ }),

/***/ 5388:
/***/ ((__unused_webpack_module, __webpack_exports__, __webpack_require__) => {

/* harmony export */ __webpack_require__.d(__webpack_exports__, {
/* harmony export */   EM: () => (/* binding */ lifecycleRules),
/* harmony export */   E_: () => (/* binding */ archiveAfter30Plans),
/* harmony export */   IC: () => (/* binding */ ruleId),
/* harmony export */   X2: () => (/* binding */ DEFAULT_NONCURRENT_DAYS),
/* harmony export */   Xs: () => (/* binding */ tierPlans),
/* harmony export */   ub: () => (/* binding */ mergeRules),
/* harmony export */   wk: () => (/* binding */ tierDays)
/* harmony export */ });
/* unused harmony export normalizeFilter */
/* harmony import */ var _storage_plan_js__WEBPACK_IMPORTED_MODULE_0__ = __webpack_require__(459);
/* harmony import */ var _prices_js__WEBPACK_IMPORTED_MODULE_1__ = __webpack_require__(4902);
/* harmony import */ var _policy_js__WEBPACK_IMPORTED_MODULE_2__ = __webpack_require__(2738);



const RULE_PREFIX = 's3-backup:';
const ABORT_INCOMPLETE_DAYS = 7;
/**
 * Days a versioned bucket keeps what expired or was pruned: a mistaken prune or delete is seen by the next daily
 * run (check, monitors) and can be undone over a weekend; longer protection is Object Lock's.
 */
const DEFAULT_NONCURRENT_DAYS = 3;
/** The wait before an archive transition in the archive-after-30-days alternative (archiveAfter30Plans). */
const TRANSITION_AFTER_DAYS = 30;
/**
 * Days each tier lives: dailies keep-daily days, weeklies (keep-weekly + 1) weeks, monthlies keep-monthly × 365/12
 * days, yearlies keep-yearly × 366 days. A coarser tier never expires before a finer one (a monthly is also its
 * week's and day's backup).
 */
function tierDays(p) {
    const daily = Math.max(1, p.keepDaily, p.keepLast);
    const weekly = Math.max(daily, p.keepWeekly ? (p.keepWeekly + 1) * 7 : 0);
    const monthly = Math.max(weekly, p.keepMonthly ? Math.round((p.keepMonthly * 365) / 12) : 0);
    const yearly = Math.max(monthly, p.keepYearly * 366);
    return { daily, weekly, monthly, yearly };
}
/**
 * The cheapest plan per tier (see plan.ts), minimum-duration charges included: with 7/4/12 on AWS, dailies stay in
 * STANDARD (a week there costs less than GLACIER_IR's 90-day minimum), weeklies and monthlies move to GLACIER_IR
 * after their first day. Every tier stays readable without a thaw as long as a finer tier still counts on it: only
 * yearlies reach the deep archive, after the monthlies' days.
 */
function tierPlans(p, provider, transitions = true, o = {}) {
    const days = tierDays(p);
    const uploadClass = o.uploadClass ?? 'STANDARD';
    const { instant, deep } = provider.archive;
    const ctx = {
        uploadClass,
        prices: o.prices ?? _prices_js__WEBPACK_IMPORTED_MODULE_1__/* .AWS_US_EAST_1 */ .zd,
        noncurrentDays: o.noncurrentDays ?? DEFAULT_NONCURRENT_DAYS,
        instant: [
            ...(instant ? [instant.class] : []),
            // the infrequent-access classes where tier rules can move backups to them
            ...(provider.lifecycle === 'tags' ? (provider.storageClasses ?? []) : []).filter((c) => c === 'STANDARD_IA' || (o.oneZone && c === 'ONEZONE_IA')),
        ],
        deep: deep?.class,
        readsAfterUpload: o.readsAfterUpload ?? 1,
    };
    return _policy_js__WEBPACK_IMPORTED_MODULE_2__/* .TIERS */ .iB.map((tier) => {
        const expireDays = days[tier];
        const thawFree = tier === 'yearly' ? days.monthly : expireDays;
        const plan = transitions ? (0,_storage_plan_js__WEBPACK_IMPORTED_MODULE_0__/* .cheapestPlan */ .rK)(expireDays, thawFree, ctx).transitions : [];
        return { tier, expireDays, uploadClass, transitions: plan };
    });
}
/**
 * A common plan, priced by `cost` as an alternative: everything uploaded in STANDARD, GLACIER_IR after 30 days only
 * where its minimum is then met, DEEP_ARCHIVE for yearlies after their GLACIER_IR minimum.
 */
function archiveAfter30Plans(p, provider, transitions = true) {
    const days = tierDays(p);
    return _policy_js__WEBPACK_IMPORTED_MODULE_2__/* .TIERS */ .iB.map((tier) => {
        const expireDays = days[tier];
        const plan = { tier, expireDays, uploadClass: 'STANDARD', transitions: [] };
        const { instant, deep } = provider.archive;
        if (!transitions)
            return plan;
        let at = TRANSITION_AFTER_DAYS;
        if (instant && expireDays - at >= instant.minDays) {
            plan.transitions.push({ days: at, storageClass: instant.class });
            at += instant.minDays;
        }
        if (tier === 'yearly' && deep && expireDays - at >= deep.minDays)
            plan.transitions.push({ days: at, storageClass: deep.class });
        return plan;
    });
}
const ruleId = (prefix, name) => `${RULE_PREFIX}${prefix}:${name}`;
const keyPrefix = (prefix) => (prefix ? `${prefix}/` : '');
function lifecycleRules(o) {
    const rules = [];
    if (o.provider.lifecycle === 'tags') {
        const plans = tierPlans(o.policy, o.provider, o.transitions ?? true, { noncurrentDays: o.noncurrentDays });
        for (const plan of plans) {
            rules.push({
                ID: ruleId(o.prefix, plan.tier),
                Status: 'Enabled',
                Filter: { And: { Prefix: keyPrefix(o.prefix), Tags: [{ Key: _policy_js__WEBPACK_IMPORTED_MODULE_2__/* .TIER_TAG */ .AM, Value: plan.tier }] } },
                Expiration: { Days: plan.expireDays },
                ...(plan.transitions.length
                    ? {
                        Transitions: plan.transitions.map((t) => ({
                            Days: t.days,
                            StorageClass: t.storageClass,
                        })),
                    }
                    : {}),
            });
        }
    }
    rules.push({
        ID: ruleId(o.prefix, 'cleanup'),
        Status: 'Enabled',
        Filter: { Prefix: keyPrefix(o.prefix) },
        AbortIncompleteMultipartUpload: { DaysAfterInitiation: ABORT_INCOMPLETE_DAYS },
        // versioning keeps what expired or was pruned as a noncurrent version: for this long, then it goes too
        NoncurrentVersionExpiration: { NoncurrentDays: o.noncurrentDays ?? DEFAULT_NONCURRENT_DAYS },
        Expiration: { ExpiredObjectDeleteMarker: true },
    });
    return rules;
}
const isOurs = (prefix, id) => ['cleanup', ..._policy_js__WEBPACK_IMPORTED_MODULE_2__/* .TIERS */ .iB].some((name) => id === ruleId(prefix, name));
function rulePrefix(r) {
    return (r.Filter?.Prefix ??
        r.Filter?.And?.Prefix ??
        r.Prefix ??
        (r.Filter && !r.Filter.Tag && !r.Filter.And ? '' : undefined));
}
/**
 * Ceph RGW echoes an And filter as { Prefix, Tag } side by side, which S3 itself refuses on the way back in: the
 * same filter in the standard form, with nothing else changed.
 */
function normalizeFilter(r) {
    const f = r.Filter;
    if (!f || f.And || f.Tag === undefined || f.Prefix === undefined)
        return r;
    return { ...r, Filter: { And: { Prefix: f.Prefix, Tags: [f.Tag] } } };
}
/** get → merge → put: our rules for this prefix are replaced, every other rule stays as it was. */
function mergeRules(existing, ours, prefix) {
    const others = existing.filter((r) => !isOurs(prefix, r.ID)).map(normalizeFilter);
    const replaced = existing.filter((r) => isOurs(prefix, r.ID)).map((r) => r.ID);
    const ourPrefix = keyPrefix(prefix);
    const overlapping = others
        .filter((r) => r.Status === 'Enabled' && !r.ID?.startsWith(RULE_PREFIX))
        .filter((r) => {
        const p = rulePrefix(r);
        return p !== undefined && (ourPrefix.startsWith(p) || p.startsWith(ourPrefix));
    })
        .filter((r) => r.Expiration?.Days || r.Expiration?.Date || r.Transitions?.length)
        .map((r) => r.ID ?? '(no id)');
    return {
        rules: [...others, ...ours],
        replaced,
        added: ours.map((r) => r.ID).filter((id) => !replaced.includes(id)),
        kept: others.map((r) => r.ID ?? '(no id)'),
        overlapping,
    };
}


/***/ }),

/***/ 2738:
/***/ ((__unused_webpack_module, __webpack_exports__, __webpack_require__) => {

/* harmony export */ __webpack_require__.d(__webpack_exports__, {
/* harmony export */   AM: () => (/* binding */ TIER_TAG),
/* harmony export */   Ay: () => (/* binding */ parseRetention),
/* harmony export */   FX: () => (/* binding */ markSeen),
/* harmony export */   K9: () => (/* binding */ formatReason),
/* harmony export */   Ri: () => (/* binding */ selectRetention),
/* harmony export */   cN: () => (/* binding */ POLICY_KEYS),
/* harmony export */   dC: () => (/* binding */ policyFromValues),
/* harmony export */   iB: () => (/* binding */ TIERS),
/* harmony export */   iZ: () => (/* binding */ tierFromSeen),
/* harmony export */   ic: () => (/* binding */ tierFor),
/* harmony export */   wy: () => (/* binding */ describePolicy),
/* harmony export */   zj: () => (/* binding */ DEFAULT_POLICY)
/* harmony export */ });
/* unused harmony exports dayOf, monthOf, isoWeekOf, PERIODS */
/* harmony import */ var _errors_js__WEBPACK_IMPORTED_MODULE_0__ = __webpack_require__(4296);
/* harmony import */ var _naming_js__WEBPACK_IMPORTED_MODULE_1__ = __webpack_require__(2607);


const DEFAULT_POLICY = {
    keepLast: 0,
    keepDaily: 7,
    keepWeekly: 4,
    keepMonthly: 12,
    keepYearly: 0,
};
const POLICY_KEYS = [
    'keep-last',
    'keep-daily',
    'keep-weekly',
    'keep-monthly',
    'keep-yearly',
];
const FIELD = {
    'keep-last': 'keepLast',
    'keep-daily': 'keepDaily',
    'keep-weekly': 'keepWeekly',
    'keep-monthly': 'keepMonthly',
    'keep-yearly': 'keepYearly',
};
const MAX_KEEP = 10_000;
const TIERS = ['daily', 'weekly', 'monthly', 'yearly'];
const TIER_TAG = 's3-backup-tier';
const pad = (n) => String(n).padStart(2, '0');
const dayOf = (d) => `${d.getUTCFullYear()}-${pad(d.getUTCMonth() + 1)}-${pad(d.getUTCDate())}`;
const monthOf = (d) => `${d.getUTCFullYear()}-${pad(d.getUTCMonth() + 1)}`;
const yearOf = (d) => String(d.getUTCFullYear());
/** ISO 8601 week: weeks start on Monday; week 1 holds the year's first Thursday. "2025-W01" */
function isoWeekOf(d) {
    const t = new Date(Date.UTC(d.getUTCFullYear(), d.getUTCMonth(), d.getUTCDate()));
    const dow = t.getUTCDay() || 7;
    t.setUTCDate(t.getUTCDate() + 4 - dow); // the Thursday of this week decides the year
    const yearStart = Date.UTC(t.getUTCFullYear(), 0, 1);
    const week = Math.ceil(((t.getTime() - yearStart) / 86_400_000 + 1) / 7);
    return `${t.getUTCFullYear()}-W${pad(week)}`;
}
/** The rules and their periods, coarsest last. */
const PERIODS = [
    { rule: 'keep-daily', tier: 'daily', of: dayOf },
    { rule: 'keep-weekly', tier: 'weekly', of: isoWeekOf },
    { rule: 'keep-monthly', tier: 'monthly', of: monthOf },
    { rule: 'keep-yearly', tier: 'yearly', of: yearOf },
];
/**
 * A backup's tier, decided before it is uploaded from the earlier backups' times: the first backup of a new year is
 * yearly, of a new month monthly, of a new ISO week weekly, anything else daily.
 */
function tierFor(at, earlier) {
    const seen = new Set();
    // the same instant counts as earlier: keys carry whole seconds, so a backup taken in this very second is earlier
    for (const e of earlier)
        if (e.getTime() <= at.getTime())
            markSeen(seen, e);
    return tierFromSeen(at, seen);
}
/** The periods a backup at `at` represents, as keys of one set ("monthly:2025-03" …). */
function markSeen(seen, at) {
    for (const p of PERIODS)
        seen.add(`${p.tier}:${p.of(at)}`);
}
/** tierFor over the periods already seen (an incremental form for long simulations). */
function tierFromSeen(at, seen) {
    for (const p of [...PERIODS].reverse()) {
        if (p.tier === 'daily')
            break;
        if (!seen.has(`${p.tier}:${p.of(at)}`))
            return p.tier;
    }
    return 'daily';
}
function policyFromValues(values, base = DEFAULT_POLICY) {
    const out = { ...base };
    for (const key of POLICY_KEYS) {
        const text = values[key]?.trim();
        if (!text)
            continue;
        if (/^-\d+$/.test(text))
            throw new _errors_js__WEBPACK_IMPORTED_MODULE_0__/* .UserError */ .yo(`${key}: ${text} is negative; it must be 0 (off) or more, up to ${MAX_KEEP}`);
        if (!/^\d+$/.test(text))
            throw new _errors_js__WEBPACK_IMPORTED_MODULE_0__/* .UserError */ .yo(`${key}: "${text}" is not a whole number; use 0 (off) to ${MAX_KEEP}`);
        const n = Number(text);
        if (n > MAX_KEEP)
            throw new _errors_js__WEBPACK_IMPORTED_MODULE_0__/* .UserError */ .yo(`${key}: ${n} is out of range; use 0 (off) to ${MAX_KEEP}`);
        out[FIELD[key]] = n;
    }
    if (!out.keepLast && !out.keepDaily && !out.keepWeekly && !out.keepMonthly && !out.keepYearly) {
        throw new _errors_js__WEBPACK_IMPORTED_MODULE_0__/* .UserError */ .yo('retention: every keep-* rule is 0, which would keep only the newest backup; set at least one (e.g. keep-daily 7)');
    }
    return out;
}
/**
 * The backup input `retention`: empty or "off" = no pruning; "on"/"default" = keep-daily 7, keep-weekly 4,
 * keep-monthly 12; or rules "keep-daily=14, keep-monthly=24" (one per line or comma-separated; rules not named keep
 * their default, 0 turns one off).
 */
function parseRetention(input, text) {
    const v = text.trim();
    if (!v || /^(off|false|no|none)$/i.test(v))
        return undefined;
    if (/^(on|true|yes|default)$/i.test(v))
        return { ...DEFAULT_POLICY };
    const values = {};
    for (const item of v
        .split(/[\n,]/)
        .map((s) => s.trim())
        .filter(Boolean)) {
        const m = /^([a-z-]+)\s*[=:]\s*(\S+)$/i.exec(item) ?? /^([a-z-]+)\s+(\S+)$/i.exec(item);
        const key = m?.[1]?.toLowerCase();
        if (!m || !POLICY_KEYS.includes(key)) {
            throw new _errors_js__WEBPACK_IMPORTED_MODULE_0__/* .UserError */ .yo(`${input}: "${item}" is not a rule; use off, on, or ${POLICY_KEYS.map((k) => `${k}=N`).join(', ')}`);
        }
        values[key] = m[2];
    }
    return policyFromValues(values);
}
function describePolicy(p) {
    const parts = POLICY_KEYS.filter((k) => p[FIELD[k]] > 0).map((k) => `${k} ${p[FIELD[k]]}`);
    return parts.join(', ');
}
/** A backup without a checksum this young may be one whose sidecars are being written right now. */
const IN_PROGRESS_MS = 24 * 3_600_000;
function formatReason(r) {
    switch (r.rule) {
        case 'newest':
            return 'newest good backup';
        case 'latest.json':
            return 'latest.json points here';
        case 'keep-last':
            return `keep-last #${r.n}`;
        case 'in-progress':
            return 'no checksum yet, younger than a day (may be in progress)';
        default:
            return `${r.rule} #${r.n} (${r.period})`;
    }
}
/**
 * Which backups of ONE database to keep (pure). Newest first in the result. The newest good backup and the one
 * latest.json names are always kept; every kept backup carries at least one reason, every deleted one none.
 */
function selectRetention(backups, policy, o) {
    const seq = (key) => (0,_naming_js__WEBPACK_IMPORTED_MODULE_1__/* .parseBackupKey */ .lG)(key)?.seq ?? 1;
    const sorted = [...backups].sort((a, b) => (0,_naming_js__WEBPACK_IMPORTED_MODULE_1__/* .newestFirst */ .ll)({ ...a, seq: seq(a.key) }, { ...b, seq: seq(b.key) }));
    const reasons = new Map(sorted.map((b) => [b.key, []]));
    const good = sorted.filter((b) => b.good);
    if (good[0])
        reasons.get(good[0].key).push({ rule: 'newest' });
    if (o.latestKey && reasons.has(o.latestKey))
        reasons.get(o.latestKey).push({ rule: 'latest.json' });
    for (const [i, b] of good.slice(0, policy.keepLast).entries())
        reasons.get(b.key).push({ rule: 'keep-last', n: i + 1 });
    for (const p of PERIODS) {
        const limit = policy[FIELD[p.rule]];
        if (!limit)
            continue;
        const seen = new Set();
        for (const b of good) {
            const period = p.of(b.at);
            if (seen.has(period))
                continue; // an older backup of a period already represented
            seen.add(period);
            if (seen.size > limit)
                break;
            reasons.get(b.key).push({ rule: p.rule, period, n: seen.size });
        }
    }
    for (const b of sorted) {
        if (!b.good && o.now.getTime() - b.at.getTime() < IN_PROGRESS_MS)
            reasons.get(b.key).push({ rule: 'in-progress' });
    }
    return sorted.map((b) => {
        const rs = reasons.get(b.key);
        const keep = rs.length > 0;
        return {
            key: b.key,
            at: b.at,
            good: b.good,
            keep,
            reasons: rs,
            ...(keep ? {} : { why: b.good ? 'expired' : 'incomplete' }),
        };
    });
}


/***/ }),

/***/ 4902:
/***/ ((__unused_webpack_module, __webpack_exports__, __webpack_require__) => {

/* harmony export */ __webpack_require__.d(__webpack_exports__, {
/* harmony export */   ap: () => (/* binding */ parsePrices),
/* harmony export */   lN: () => (/* binding */ DAYS_PER_MONTH),
/* harmony export */   zd: () => (/* binding */ AWS_US_EAST_1)
/* harmony export */ });
/* harmony import */ var _errors_js__WEBPACK_IMPORTED_MODULE_0__ = __webpack_require__(4296);

const MIN_BILLABLE_BYTES = 128 * 1024;
/**
 * us-east-1 list prices (first 50 TB tier), per GB-month, minimum storage durations, minimum billable object sizes
 * and retrieval fees (GLACIER and DEEP_ARCHIVE: the standard thaw tier).
 */
const AWS_US_EAST_1 = {
    STANDARD: { perGBMonth: 0.023, minDays: 0 },
    INTELLIGENT_TIERING: { perGBMonth: 0.023, minDays: 0 },
    STANDARD_IA: { perGBMonth: 0.0125, minDays: 30, minBytes: MIN_BILLABLE_BYTES, retrievalPerGB: 0.01 },
    ONEZONE_IA: { perGBMonth: 0.01, minDays: 30, minBytes: MIN_BILLABLE_BYTES, retrievalPerGB: 0.01 },
    GLACIER_IR: { perGBMonth: 0.004, minDays: 90, minBytes: MIN_BILLABLE_BYTES, retrievalPerGB: 0.03 },
    GLACIER: { perGBMonth: 0.0036, minDays: 90, retrievalPerGB: 0.01 },
    DEEP_ARCHIVE: { perGBMonth: 0.00099, minDays: 180, retrievalPerGB: 0.02 },
    REDUCED_REDUNDANCY: { perGBMonth: 0.024, minDays: 0 },
    EXPRESS_ONEZONE: { perGBMonth: 0.11, minDays: 0 },
};
const DAYS_PER_MONTH = 365.25 / 12;
/** "STANDARD=0.021, GLACIER_IR=0.0036" (or JSON {"STANDARD":0.021}) over the default table. */
function parsePrices(input, text, base = AWS_US_EAST_1) {
    const out = { ...base };
    const v = text.trim();
    if (!v)
        return out;
    let pairs;
    if (v.startsWith('{')) {
        try {
            pairs = Object.entries(JSON.parse(v)).map(([k, x]) => [k, String(x)]);
        }
        catch {
            throw new _errors_js__WEBPACK_IMPORTED_MODULE_0__/* .UserError */ .yo(`${input}: not valid JSON; use CLASS=price pairs, e.g. STANDARD=0.023, GLACIER_IR=0.004`);
        }
    }
    else {
        pairs = v
            .split(/[\n,]/)
            .map((s) => s.trim())
            .filter(Boolean)
            .map((item) => {
            const eq = item.indexOf('=');
            if (eq <= 0)
                throw new _errors_js__WEBPACK_IMPORTED_MODULE_0__/* .UserError */ .yo(`${input}: "${item}" is not CLASS=price (USD per GB-month), e.g. STANDARD=0.023`);
            return [item.slice(0, eq).trim(), item.slice(eq + 1).trim()];
        });
    }
    for (const [cls, price] of pairs) {
        const n = Number(price);
        if (!/^\d*\.?\d+$/.test(price) || !Number.isFinite(n))
            throw new _errors_js__WEBPACK_IMPORTED_MODULE_0__/* .UserError */ .yo(`${input}: "${price}" for ${cls} is not a price in USD per GB-month`);
        const key = cls.toUpperCase();
        out[key] = { ...out[key], perGBMonth: n, minDays: out[key]?.minDays ?? 0 };
    }
    return out;
}


/***/ }),

/***/ 9562:
/***/ ((__unused_webpack_module, __webpack_exports__, __webpack_require__) => {

/* harmony export */ __webpack_require__.d(__webpack_exports__, {
/* harmony export */   F4: () => (/* binding */ WINDOW_DAYS),
/* harmony export */   JV: () => (/* binding */ simulate),
/* harmony export */   QK: () => (/* binding */ windowTiers)
/* harmony export */ });
/* harmony import */ var _lifecycle_rules_js__WEBPACK_IMPORTED_MODULE_0__ = __webpack_require__(5388);
/* harmony import */ var _storage_plan_js__WEBPACK_IMPORTED_MODULE_1__ = __webpack_require__(459);
/* harmony import */ var _policy_js__WEBPACK_IMPORTED_MODULE_2__ = __webpack_require__(2738);



const WARMUP_DAYS = 3 * 366;
const WINDOW_DAYS = 365;
const DAY_MS = 86_400_000;
const TOTAL = WARMUP_DAYS + WINDOW_DAYS;
const SIM_START = new Date(Date.UTC(2021, 0, 1, 3));
const dayDates = (start, from, count) => Array.from({ length: count }, (_, i) => new Date(start.getTime() + (from + i) * DAY_MS));
const ONE_RULE = [
    { days: 30, storageClass: 'GLACIER_IR' },
    { days: 90, storageClass: 'DEEP_ARCHIVE' },
];
/** The tier of each backup of the window, decided as the backup does: from the backups before it. */
function windowTiers(start = SIM_START) {
    const dates = dayDates(start, 0, TOTAL);
    const seen = new Set();
    const tiers = [];
    for (let i = 0; i < TOTAL; i++) {
        const tier = (0,_policy_js__WEBPACK_IMPORTED_MODULE_2__/* .tierFromSeen */ .iZ)(dates[i], seen);
        (0,_policy_js__WEBPACK_IMPORTED_MODULE_2__/* .markSeen */ .FX)(seen, dates[i]);
        if (i >= WARMUP_DAYS)
            tiers.push(tier);
    }
    return tiers;
}
/** S3 lifecycle rules by tier tag: each backup's tier decides its upload class, transitions and expiry. */
function lifecycleLives(s, storageClass, noncurrentDays, start) {
    const all = s.plans ??
        (0,_lifecycle_rules_js__WEBPACK_IMPORTED_MODULE_0__/* .tierPlans */ .Xs)(s.policy, { archive: s.archive }, s.transitions, { uploadClass: storageClass, noncurrentDays });
    const plans = new Map(all.map((p) => [p.tier, p]));
    return windowTiers(start).map((tier) => {
        const plan = plans.get(tier);
        return (0,_storage_plan_js__WEBPACK_IMPORTED_MODULE_1__/* .life */ .FD)(plan.uploadClass, plan.transitions, plan.expireDays, noncurrentDays);
    });
}
/** Prune after every backup: an object lives until the first prune that lets it go. */
function pruneLives(s, storageClass, noncurrentDays, start) {
    const p = s.policy;
    const longest = p.keepLast + p.keepDaily + p.keepWeekly * 7 + p.keepMonthly * 31 + p.keepYearly * 366 + 31;
    const until = TOTAL + longest;
    const dates = dayDates(start, 0, until);
    const deletedOn = new Map();
    let alive = [];
    for (let i = 0; i < until; i++) {
        alive.push(i);
        const decisions = (0,_policy_js__WEBPACK_IMPORTED_MODULE_2__/* .selectRetention */ .Ri)(alive.map((j) => ({ key: String(j), at: dates[j], good: true })), s.policy, { now: dates[i], latestKey: String(i) });
        const keep = new Set(decisions.filter((d) => d.keep).map((d) => Number(d.key)));
        for (const j of alive)
            if (!keep.has(j))
                deletedOn.set(j, i);
        alive = alive.filter((j) => keep.has(j));
    }
    const lives = [];
    for (let i = WARMUP_DAYS; i < TOTAL; i++)
        lives.push((0,_storage_plan_js__WEBPACK_IMPORTED_MODULE_1__/* .life */ .FD)(storageClass, [], (deletedOn.get(i) ?? until) - i, noncurrentDays));
    return lives;
}
/** The life of every backup created in the window, as class segments (days from the window's start). */
function simulate(s, storageClass, noncurrentDays, start = SIM_START) {
    if (s.kind === 'lifecycle')
        return lifecycleLives(s, storageClass, noncurrentDays, start);
    if (s.kind === 'prune')
        return pruneLives(s, storageClass, noncurrentDays, start);
    return Array.from({ length: WINDOW_DAYS }, () => (0,_storage_plan_js__WEBPACK_IMPORTED_MODULE_1__/* .life */ .FD)(storageClass, ONE_RULE, 365, noncurrentDays));
}


/***/ }),

/***/ 459:
/***/ ((__unused_webpack_module, __webpack_exports__, __webpack_require__) => {

/* harmony export */ __webpack_require__.d(__webpack_exports__, {
/* harmony export */   FD: () => (/* binding */ life),
/* harmony export */   rK: () => (/* binding */ cheapestPlan)
/* harmony export */ });
/* unused harmony exports lifeUsdPerGB, candidates */
/* harmony import */ var _prices_js__WEBPACK_IMPORTED_MODULE_0__ = __webpack_require__(4902);

/**
 * The first day a lifecycle rule moves a backup to an instant class: day 0 would move it at the first midnight
 * (UTC), possibly minutes after the upload, while the newest backup is the one verified, drilled and restored.
 */
const EARLIEST_TRANSITION_DAYS = 1;
/** S3 moves nothing from STANDARD to STANDARD_IA or ONEZONE_IA before it is 30 days old. */
const IA_AFTER_DAYS = 30;
const IA_CLASSES = new Set(['STANDARD_IA', 'ONEZONE_IA']);
/** One object's segments: uploaded in `cls`, moved by the transitions before `end`, then kept noncurrent. */
function life(cls, transitions, end, noncurrentDays) {
    const segs = [];
    let from = 0;
    let current = cls;
    for (const t of transitions.filter((t) => t.days < end)) {
        segs.push({ storageClass: current, from, to: t.days });
        from = t.days;
        current = t.storageClass;
    }
    segs.push({ storageClass: current, from, to: end + noncurrentDays });
    return segs;
}
/**
 * USD per GB of one object's life: each segment billed at least its class's minimum storage duration, plus `reads`
 * whole reads on the first day at the upload class's retrieval fee. Undefined when a class has no price.
 */
function lifeUsdPerGB(segs, prices, reads = 0) {
    let usd = 0;
    for (const s of segs) {
        const p = prices[s.storageClass];
        if (!p)
            return undefined;
        usd += (p.perGBMonth * Math.max(s.to - s.from, p.minDays)) / _prices_js__WEBPACK_IMPORTED_MODULE_0__/* .DAYS_PER_MONTH */ .lN;
    }
    return usd + reads * (prices[segs[0].storageClass]?.retrievalPerGB ?? 0);
}
const earliest = (from, to) => from === 'STANDARD' && IA_CLASSES.has(to) ? IA_AFTER_DAYS : EARLIEST_TRANSITION_DAYS;
/**
 * Every plan worth pricing from one upload class: stay; one move to an instant class; then, after `thawFreeDays`,
 * the deep archive.
 */
function candidates(expireDays, thawFreeDays, ctx, uploadClass = ctx.uploadClass) {
    const out = [[]];
    for (const cls of ctx.instant) {
        const days = earliest(uploadClass, cls);
        if (cls !== uploadClass && days < expireDays)
            out.push([{ days, storageClass: cls }]);
    }
    const deep = ctx.deep;
    if (!deep || thawFreeDays >= expireDays)
        return out;
    for (const base of [...out]) {
        const last = base.at(-1);
        const stay = last ? [last.days + 1, last.days + (ctx.prices[last.storageClass]?.minDays ?? 0)] : [1];
        for (const at of new Set(stay.map((d) => Math.max(thawFreeDays, d))))
            if (at < expireDays)
                out.push([...base, { days: at, storageClass: deep }]);
    }
    return out;
}
/** The cheapest candidate over every upload class allowed. */
function cheapestPlan(expireDays, thawFreeDays, ctx) {
    let best;
    for (const uploadClass of [ctx.uploadClass, ...(ctx.uploadAlternatives ?? [])]) {
        for (const transitions of candidates(expireDays, thawFreeDays, ctx, uploadClass)) {
            const segs = life(uploadClass, transitions, expireDays, ctx.noncurrentDays);
            const usdPerGB = lifeUsdPerGB(segs, ctx.prices, ctx.readsAfterUpload);
            if (usdPerGB === undefined)
                continue;
            // a cheaper plan must be cheaper by more than rounding: the simpler one wins a tie
            if (!best || usdPerGB < best.usdPerGB - 1e-9)
                best = { uploadClass, transitions, usdPerGB };
        }
    }
    return best ?? { uploadClass: ctx.uploadClass, transitions: [], usdPerGB: Number.NaN };
}


/***/ }),

/***/ 1128:
/***/ ((__unused_webpack_module, __webpack_exports__, __webpack_require__) => {

/* harmony export */ __webpack_require__.d(__webpack_exports__, {
/* harmony export */   BH: () => (/* binding */ sentryFromDsn),
/* harmony export */   UF: () => (/* binding */ checkTimezone),
/* harmony export */   YA: () => (/* binding */ checkCrontab),
/* harmony export */   cg: () => (/* binding */ sentryFromCheckinUrl),
/* harmony export */   pq: () => (/* binding */ sentryCheckIn)
/* harmony export */ });
/* harmony import */ var _errors_js__WEBPACK_IMPORTED_MODULE_0__ = __webpack_require__(4296);

/** Sentry's slug rule: lower-case letters, digits, "-" and "_", at most 50. */
function checkSlug(input, slug) {
    if (!/^[a-z0-9][a-z0-9_-]{0,49}$/.test(slug)) {
        throw new _errors_js__WEBPACK_IMPORTED_MODULE_0__/* .UserError */ .yo(`${input}: "${slug}" is not a monitor slug; use lower-case letters, digits, "-" and "_" (at most 50), as shown on the monitor's page`);
    }
    return slug;
}
/** https://<key>@<host>[/<path>]/<project> → the cron check-in endpoint of that project. */
function sentryFromDsn(dsn, slug) {
    const bad = () => new _errors_js__WEBPACK_IMPORTED_MODULE_0__/* .UserError */ .yo('sentry-dsn: not a Sentry DSN; copy it from Settings → Projects → Client Keys (DSN): https://<key>@<org>.ingest.sentry.io/<project>');
    let u;
    try {
        u = new URL(dsn);
    }
    catch {
        throw bad();
    }
    const m = /^(.*)\/(\d+)\/?$/.exec(u.pathname);
    if (!['https:', 'http:'].includes(u.protocol) || !u.username || !m)
        throw bad();
    const publicKey = decodeURIComponent(u.username);
    checkSlug('sentry-monitor-slug', slug);
    return {
        url: `${u.protocol}//${u.host}${m[1]}/api/${m[2]}/cron/${encodeURIComponent(slug)}/${encodeURIComponent(publicKey)}/`,
        slug,
        publicKey,
        host: u.host,
    };
}
/** A Sentry Crons check-in URL (SENTRY_CRON_CHECKIN_URL): https://<host>/api/<project>/cron/<slug>/<key>/ */
function sentryFromCheckinUrl(url) {
    let u;
    try {
        u = new URL(url);
    }
    catch {
        throw new _errors_js__WEBPACK_IMPORTED_MODULE_0__/* .UserError */ .yo("sentry-checkin-url: not a URL; use the monitor's check-in URL https://<org>.ingest.sentry.io/api/<project>/cron/<slug>/<key>/");
    }
    if (/\/api\/0\/(organizations\/[^/]+\/)?monitors\//.test(u.pathname)) {
        throw new _errors_js__WEBPACK_IMPORTED_MODULE_0__/* .UserError */ .yo("sentry-checkin-url: this is Sentry's deprecated check-in API; use the ingest URL https://<org>.ingest.sentry.io/api/<project>/cron/<slug>/<key>/ (or sentry-dsn with sentry-monitor-slug)");
    }
    const m = /\/api\/\d+\/cron\/([^/]+)\/([^/]+)\/?$/.exec(u.pathname);
    if (!['https:', 'http:'].includes(u.protocol) || !m) {
        throw new _errors_js__WEBPACK_IMPORTED_MODULE_0__/* .UserError */ .yo('sentry-checkin-url: not a Sentry cron check-in URL; use https://<org>.ingest.sentry.io/api/<project>/cron/<slug>/<key>/');
    }
    const slug = checkSlug('sentry-checkin-url', decodeURIComponent(m[1]));
    u.search = '';
    u.hash = '';
    return { url: u.toString(), slug, publicKey: decodeURIComponent(m[2]), host: u.host };
}
function checkCrontab(input, value) {
    const v = value.trim().replace(/\s+/g, ' ');
    const field = /^[0-9A-Za-z*/,?-]+$/;
    const fields = v.split(' ');
    if (!(fields.length === 5 && fields.every((f) => field.test(f))) &&
        !/^@(yearly|annually|monthly|weekly|daily|hourly)$/.test(v)) {
        throw new _errors_js__WEBPACK_IMPORTED_MODULE_0__/* .UserError */ .yo(`${input}: "${value}" is not a crontab of five fields; use the workflow's schedule, e.g. "0 3 * * *"`);
    }
    return v;
}
function checkTimezone(input, value) {
    // the default needs no look-up (the first one costs a start-up's worth of time zone data)
    if (value === 'UTC')
        return value;
    try {
        new Intl.DateTimeFormat('en', { timeZone: value });
        return value;
    }
    catch {
        throw new _errors_js__WEBPACK_IMPORTED_MODULE_0__/* .UserError */ .yo(`${input}: "${value}" is not a time zone; use an IANA name such as UTC or Europe/Berlin`);
    }
}
function sentryCheckIn(t, c) {
    const body = {
        check_in_id: c.checkInId.replace(/-/g, ''),
        monitor_slug: t.slug,
        status: c.status,
        environment: c.environment,
        ...(c.durationSeconds !== undefined ? { duration: Math.round(c.durationSeconds * 1000) / 1000 } : {}),
        ...(c.monitorConfig ? { monitor_config: c.monitorConfig } : {}),
    };
    return { method: 'POST', url: t.url, headers: { 'content-type': 'application/json' }, body: JSON.stringify(body) };
}


/***/ }),

/***/ 887:
/***/ ((__unused_webpack_module, __webpack_exports__, __webpack_require__) => {

/* harmony export */ __webpack_require__.d(__webpack_exports__, {
/* harmony export */   CL: () => (/* binding */ latestSetPointerKey),
/* harmony export */   FV: () => (/* binding */ parseSetKey),
/* harmony export */   KM: () => (/* binding */ SET_VERSION),
/* harmony export */   L8: () => (/* binding */ SET_SCHEMA),
/* harmony export */   X4: () => (/* binding */ GLOBALS_NAME),
/* harmony export */   dQ: () => (/* binding */ SETS_FOLDER),
/* harmony export */   k$: () => (/* binding */ setsPrefix),
/* harmony export */   qL: () => (/* binding */ setKey),
/* harmony export */   tO: () => (/* binding */ latestNamePointerKey),
/* harmony export */   ud: () => (/* binding */ parseBackupSet)
/* harmony export */ });
/* harmony import */ var _naming_js__WEBPACK_IMPORTED_MODULE_0__ = __webpack_require__(2607);

const GLOBALS_NAME = '_globals';
const SET_SCHEMA = 's3-backup/set';
const SET_VERSION = 1;
const SETS_FOLDER = 'sets';
const LATEST_FOLDER = 'latest';
const setsPrefix = (prefix) => (0,_naming_js__WEBPACK_IMPORTED_MODULE_0__/* .joinKey */ .ID)(prefix, `${SETS_FOLDER}/`);
function setKey(o) {
    const seq = o.seq ?? 1;
    return (0,_naming_js__WEBPACK_IMPORTED_MODULE_0__/* .joinKey */ .ID)(o.prefix, `${SETS_FOLDER}/${o.environment}_${(0,_naming_js__WEBPACK_IMPORTED_MODULE_0__/* .stamp */ .iE)(o.at)}${seq > 1 ? `_${seq}` : ''}.json`);
}
const latestSetPointerKey = (prefix) => (0,_naming_js__WEBPACK_IMPORTED_MODULE_0__/* .joinKey */ .ID)(prefix, `${SETS_FOLDER}/latest.json`);
const latestNamePointerKey = (prefix, name) => (0,_naming_js__WEBPACK_IMPORTED_MODULE_0__/* .joinKey */ .ID)(prefix, `${LATEST_FOLDER}/${name}.json`);
const SET_KEY_RE = /(?:^|\/)sets\/(.+)_(\d{8}_\d{6})(?:_(\d+))?\.json$/;
/** A set document's key → its environment, stamp and sequence; undefined for anything else (latest.json included). */
function parseSetKey(key) {
    const m = SET_KEY_RE.exec(key);
    return m ? { environment: m[1], stamp: m[2], seq: m[3] ? Number(m[3]) : 1 } : undefined;
}
function parseBackupSet(text) {
    const doc = JSON.parse(text);
    if (doc.schema !== SET_SCHEMA || typeof doc.version !== 'number' || !Array.isArray(doc.members)) {
        throw new Error('not an s3-backup set document');
    }
    if (Math.floor(doc.version) > SET_VERSION) {
        throw new Error(`set version ${doc.version} is newer than this tool understands (${SET_VERSION}): upgrade s3-backup`);
    }
    return doc;
}


/***/ }),

/***/ 8718:
/***/ ((__unused_webpack_module, __webpack_exports__, __webpack_require__) => {

/* harmony export */ __webpack_require__.d(__webpack_exports__, {
/* harmony export */   J: () => (/* binding */ parseBackupSelector)
/* harmony export */ });
/* harmony import */ var _core_errors_js__WEBPACK_IMPORTED_MODULE_0__ = __webpack_require__(4296);
/* harmony import */ var _core_naming_js__WEBPACK_IMPORTED_MODULE_1__ = __webpack_require__(2607);
/**
 * The `backup` input (restore, verify, validate): latest, an object key, or a date meaning the newest backup at or
 * before it. A date is checked as a calendar date before anything is listed: JavaScript's Date rolls 2025-13-45 over
 * into 2026-02-14 and 2025-02-30 into March, which would pick a backup nobody asked for.
 */


const FORMS = 'latest, an object key, or a date: YYYYMMDD, YYYY-MM-DD, YYYYMMDD_HHMMSS or ISO 8601 (2025-01-30T03:00:00Z)';
const MONTHS = [
    'January',
    'February',
    'March',
    'April',
    'May',
    'June',
    'July',
    'August',
    'September',
    'October',
    'November',
    'December',
];
const daysIn = (year, month) => new Date(Date.UTC(year, month, 0)).getUTCDate();
/** What is wrong with a calendar date and time, or undefined when it exists. */
function dateProblem(y, mo, d, h = 0, mi = 0, s = 0) {
    if (mo < 1 || mo > 12)
        return `there is no month ${mo}`;
    const days = daysIn(y, mo);
    if (d < 1 || d > days)
        return `${MONTHS[mo - 1]} ${y} has ${days} days`;
    if (h > 23)
        return `there is no hour ${h}`;
    if (mi > 59)
        return `there is no minute ${mi}`;
    if (s > 59)
        return `there is no second ${s}`;
    return undefined;
}
const DAY = [/^(\d{4})(\d{2})(\d{2})$/, /^(\d{4})-(\d{2})-(\d{2})$/];
const STAMP = /^(\d{4})(\d{2})(\d{2})_(\d{2})(\d{2})(\d{2})$/;
const ISO = /^(\d{4})-(\d{2})-(\d{2})T(\d{2}):(\d{2})(?::(\d{2})(?:\.\d{1,9})?)?(?:[zZ]|([+-])(\d{2}):?(\d{2}))?$/;
/** The parts of a selector written as a date (any of the forms above), or undefined when it is not one. */
function dateParts(text) {
    const m = DAY[0].exec(text) ?? DAY[1].exec(text) ?? STAMP.exec(text) ?? ISO.exec(text);
    return m ? m.slice(1).map((p) => (p === undefined || p === '+' || p === '-' ? NaN : Number(p))) : undefined;
}
/** The `backup` input, checked: latest, a backup's key (or file name), or a real date. */
function parseBackupSelector(input, text) {
    if (text === 'latest')
        return text;
    const parts = dateParts(text);
    if (parts) {
        const [y, mo, d, h, mi, s, , offH, offM] = parts.map((n) => (Number.isNaN(n) ? 0 : n));
        const problem = dateProblem(y, mo, d, h, mi, s) ?? (offH > 23 || offM > 59 ? `the UTC offset is out of range` : undefined);
        if (problem)
            throw new _core_errors_js__WEBPACK_IMPORTED_MODULE_0__/* .UserError */ .yo(`${input}: "${text}" is not a real date (${problem}); use ${FORMS}`);
        return text;
    }
    if ((0,_core_naming_js__WEBPACK_IMPORTED_MODULE_1__/* .parseBackupKey */ .lG)(text))
        return text;
    if (/^\d{4}\D?\d{1,2}\D?\d{1,2}/.test(text))
        throw new _core_errors_js__WEBPACK_IMPORTED_MODULE_0__/* .UserError */ .yo(`${input}: "${text}" is not a date this tool reads; use ${FORMS}`);
    throw new _core_errors_js__WEBPACK_IMPORTED_MODULE_0__/* .UserError */ .yo(`${input}: "${text}" is not ${FORMS}`);
}


/***/ }),

/***/ 1729:
/***/ ((__unused_webpack_module, __webpack_exports__, __webpack_require__) => {

/* harmony export */ __webpack_require__.d(__webpack_exports__, {
/* harmony export */   k: () => (/* binding */ withCopy)
/* harmony export */ });
/* unused harmony export parseCopyTo */
/* harmony import */ var _core_errors_js__WEBPACK_IMPORTED_MODULE_0__ = __webpack_require__(4296);
/* harmony import */ var _core_providers_js__WEBPACK_IMPORTED_MODULE_1__ = __webpack_require__(8201);
/* harmony import */ var _input_value_js__WEBPACK_IMPORTED_MODULE_2__ = __webpack_require__(30);
/* harmony import */ var _keys_js__WEBPACK_IMPORTED_MODULE_3__ = __webpack_require__(4240);
/* harmony import */ var _s3_js__WEBPACK_IMPORTED_MODULE_4__ = __webpack_require__(4526);
/* harmony import */ var _values_js__WEBPACK_IMPORTED_MODULE_5__ = __webpack_require__(2262);
/* harmony import */ var _core_input_ref_js__WEBPACK_IMPORTED_MODULE_6__ = __webpack_require__(7571);







const COPY_INPUTS = [
    'copy-endpoint',
    'copy-region',
    'copy-provider',
    'copy-force-path-style',
    'copy-storage-class',
    'copy-access-key-id',
    'copy-secret-access-key',
    'copy-session-token',
];
/** s3://bucket/prefix → bucket and prefix (no prefix: the environment, as for the primary). */
function parseCopyTo(text) {
    const m = /^s3:\/\/([^/\s]+)(?:\/(.*))?$/.exec(text);
    if (!m)
        throw new _core_errors_js__WEBPACK_IMPORTED_MODULE_0__/* .UserError */ .yo(`copy-to: "${text}" is not an s3:// URI; use s3://bucket/prefix`);
    const bucket = m[1];
    if (!/^[a-z0-9][a-z0-9.-]{1,61}[a-z0-9]$/.test(bucket)) {
        throw new _core_errors_js__WEBPACK_IMPORTED_MODULE_0__/* .UserError */ .yo(`copy-to: "${bucket}" is not a valid bucket name (3-63 lower-case letters, digits, "." and "-")`);
    }
    const rest = m[2]?.trim();
    return { bucket, ...(rest ? { prefix: (0,_keys_js__WEBPACK_IMPORTED_MODULE_3__/* .parsePrefix */ .A1)('copy-to', rest) || '/' } : {}) };
}
function credentials(raw, env) {
    const accessKeyId = (0,_input_value_js__WEBPACK_IMPORTED_MODULE_2__/* .value */ .U)(raw, env, 'copy-access-key-id');
    const secretAccessKey = (0,_input_value_js__WEBPACK_IMPORTED_MODULE_2__/* .value */ .U)(raw, env, 'copy-secret-access-key');
    const sessionToken = (0,_input_value_js__WEBPACK_IMPORTED_MODULE_2__/* .value */ .U)(raw, env, 'copy-session-token');
    if (!accessKeyId && !secretAccessKey && !sessionToken)
        return undefined;
    if (!accessKeyId || !secretAccessKey) {
        throw new _core_errors_js__WEBPACK_IMPORTED_MODULE_0__/* .UserError */ .yo(`${accessKeyId ? 'copy-secret-access-key' : 'copy-access-key-id'} is empty: the copy's credentials are copy-access-key-id and copy-secret-access-key together (or S3_BACKUP_COPY_ACCESS_KEY_ID and S3_BACKUP_COPY_SECRET_ACCESS_KEY)`);
    }
    return { accessKeyId, secretAccessKey, ...(sessionToken ? { sessionToken } : {}) };
}
/** The copy's S3 settings through the primary's parser, with copy-* inputs only (none of the primary's variables). */
function copyS3(raw, env, primary, target) {
    const names = {
        bucket: target.bucket,
        prefix: target.prefix,
        endpoint: (0,_input_value_js__WEBPACK_IMPORTED_MODULE_2__/* .value */ .U)(raw, env, 'copy-endpoint') || undefined,
        region: (0,_input_value_js__WEBPACK_IMPORTED_MODULE_2__/* .value */ .U)(raw, env, 'copy-region') || undefined,
        provider: (0,_input_value_js__WEBPACK_IMPORTED_MODULE_2__/* .value */ .U)(raw, env, 'copy-provider') || undefined,
        'force-path-style': (0,_input_value_js__WEBPACK_IMPORTED_MODULE_2__/* .value */ .U)(raw, env, 'copy-force-path-style') || undefined,
    };
    const copyRaw = (name) => (name in names ? names[name] : name === 's3-timeout' ? raw(name) : undefined);
    try {
        return (0,_s3_js__WEBPACK_IMPORTED_MODULE_4__.s3)(copyRaw, {}, primary.prefix);
    }
    catch (err) {
        if (!(err instanceof _core_errors_js__WEBPACK_IMPORTED_MODULE_0__/* .UserError */ .yo))
            throw err;
        if (err.message.startsWith('account-id')) {
            throw new _core_errors_js__WEBPACK_IMPORTED_MODULE_0__/* .UserError */ .yo('copy-endpoint is empty: provider r2 needs the copy endpoint (https://<account id>.r2.cloudflarestorage.com)');
        }
        // the same rules, in the copy's words
        throw new _core_errors_js__WEBPACK_IMPORTED_MODULE_0__/* .UserError */ .yo(err.message.replace(/^(endpoint|region|provider|force-path-style|account-id)\b/, 'copy-$1'));
    }
}
/** copy-to and its settings; undefined when copy-to is not set (and then no copy-* input may be). */
function parseCopyOptions(raw, env, primary) {
    const to = (0,_input_value_js__WEBPACK_IMPORTED_MODULE_2__/* .value */ .U)(raw, env, 'copy-to');
    if (!to) {
        const stray = COPY_INPUTS.find((name) => (0,_input_value_js__WEBPACK_IMPORTED_MODULE_2__/* .value */ .U)(raw, env, name));
        if (stray)
            throw new _core_errors_js__WEBPACK_IMPORTED_MODULE_0__/* .UserError */ .yo(`${stray} is set but copy-to is empty: set ${(0,_core_input_ref_js__WEBPACK_IMPORTED_MODULE_6__/* .inputRef */ .i)('copy-to')} (s3://bucket/prefix) or remove ${stray}`);
        return undefined;
    }
    const target = parseCopyTo(to);
    const provider = (0,_input_value_js__WEBPACK_IMPORTED_MODULE_2__/* .value */ .U)(raw, env, 'copy-provider');
    if (provider)
        (0,_values_js__WEBPACK_IMPORTED_MODULE_5__/* .parseEnum */ .nL)('copy-provider', provider, _core_providers_js__WEBPACK_IMPORTED_MODULE_1__/* .PROVIDERS */ .x);
    const place = copyS3(raw, env, primary, target);
    const creds = credentials(raw, env);
    const sameService = place.provider.name === primary.provider.name && place.endpoint === primary.endpoint;
    if (!creds && !sameService) {
        throw new _core_errors_js__WEBPACK_IMPORTED_MODULE_0__/* .UserError */ .yo(`copy-access-key-id is empty: a copy on another provider or endpoint needs its own credentials; set copy-access-key-id and copy-secret-access-key (or S3_BACKUP_COPY_ACCESS_KEY_ID and S3_BACKUP_COPY_SECRET_ACCESS_KEY)`);
    }
    if (place.bucket === primary.bucket && place.prefix === primary.prefix && sameService) {
        throw new _core_errors_js__WEBPACK_IMPORTED_MODULE_0__/* .UserError */ .yo(`copy-to: s3://${place.bucket}/${place.prefix} is where the backups go already; choose another bucket or prefix`);
    }
    const classText = (0,_input_value_js__WEBPACK_IMPORTED_MODULE_2__/* .value */ .U)(raw, env, 'copy-storage-class');
    const classes = place.provider.name === 'aws' ? AWS_CLASSES : place.provider.storageClasses;
    return {
        s3: creds ? { ...place, credentials: creds } : place,
        storageClass: (0,_values_js__WEBPACK_IMPORTED_MODULE_5__/* .parseEnum */ .nL)('copy-storage-class', classText || 'STANDARD', classes),
        serverSide: !creds && sameService && place.region === primary.region,
    };
}
/** A copy on AWS: the classes of AWS but REDUCED_REDUNDANCY and EXPRESS_ONEZONE. */
const AWS_CLASSES = _core_providers_js__WEBPACK_IMPORTED_MODULE_1__/* .PROFILES */ .j.aws.storageClasses.filter((c) => c !== 'REDUCED_REDUNDANCY' && c !== 'EXPRESS_ONEZONE');
function parseSource(raw, env) {
    const text = (0,_input_value_js__WEBPACK_IMPORTED_MODULE_2__/* .value */ .U)(raw, env, 'from');
    return text ? (0,_values_js__WEBPACK_IMPORTED_MODULE_5__/* .parseEnum */ .nL)('from', text, ['primary', 'copy']) : 'default';
}
/** The copy's settings, and `from`: with from: copy, the verb's S3 place is the copy's. */
function withCopy(raw, env, base) {
    const copy = parseCopyOptions(raw, env, base.s3);
    const from = parseSource(raw, env);
    if (from === 'copy' && !copy) {
        throw new _core_errors_js__WEBPACK_IMPORTED_MODULE_0__/* .UserError */ .yo(`from: copy, but copy-to is empty: set ${(0,_core_input_ref_js__WEBPACK_IMPORTED_MODULE_6__/* .inputRef */ .i)('copy-to')} (s3://bucket/prefix) and the copy credentials`);
    }
    if (!copy)
        return { ...base, from };
    if (from === 'copy')
        return { ...base, s3: copy.s3, copy, from };
    // asked for neither: a download that fails on the primary goes on from the copy (from: primary reads only it)
    return { ...base, copy, from, ...(from === 'default' ? { other: copy.s3 } : {}) };
}


/***/ }),

/***/ 4491:
/***/ ((__unused_webpack_module, __webpack_exports__, __webpack_require__) => {

/* harmony export */ __webpack_require__.d(__webpack_exports__, {
/* harmony export */   N: () => (/* binding */ parseMaxRestoreTime),
/* harmony export */   s: () => (/* binding */ parseRequireDrill)
/* harmony export */ });
/* harmony import */ var _core_errors_js__WEBPACK_IMPORTED_MODULE_0__ = __webpack_require__(4296);
/* harmony import */ var _input_value_js__WEBPACK_IMPORTED_MODULE_1__ = __webpack_require__(30);
/* harmony import */ var _values_js__WEBPACK_IMPORTED_MODULE_2__ = __webpack_require__(2262);
/** The drill's evidence inputs: max-restore-time (validate) and require-drill (check). */



/** A duration in seconds; `ms` allowed besides parseDuration's units (500ms, 1m30s). Empty: undefined. */
function durationOrMs(input, text) {
    const t = text.trim();
    if (!t)
        return undefined;
    const ms = /^(\d+)ms$/i.exec(t);
    if (!ms)
        return (0,_values_js__WEBPACK_IMPORTED_MODULE_2__/* .parseDuration */ .E9)(input, t);
    if (Number(ms[1]) <= 0)
        throw new _core_errors_js__WEBPACK_IMPORTED_MODULE_0__/* .UserError */ .yo(`${input}: "${text}" must be longer than zero`);
    return Number(ms[1]) / 1000;
}
/** max-restore-time: a drill whose recovery (download to compared) takes longer fails. */
function parseMaxRestoreTime(raw, env) {
    const seconds = durationOrMs('max-restore-time', (0,_input_value_js__WEBPACK_IMPORTED_MODULE_1__/* .value */ .U)(raw, env, 'max-restore-time'));
    return seconds === undefined ? {} : { maxRestoreSeconds: seconds };
}
/** require-drill: check fails unless a passing drill this recent proved the newest backup (or one within max-age). */
function parseRequireDrill(raw, env) {
    const text = (0,_input_value_js__WEBPACK_IMPORTED_MODULE_1__/* .value */ .U)(raw, env, 'require-drill');
    return text.trim() ? { requireDrillSeconds: (0,_values_js__WEBPACK_IMPORTED_MODULE_2__/* .parseDuration */ .E9)('require-drill', text) } : {};
}


/***/ }),

/***/ 30:
/***/ ((__unused_webpack_module, __webpack_exports__, __webpack_require__) => {


// EXPORTS
__webpack_require__.d(__webpack_exports__, {
  U: () => (/* binding */ value)
});

// EXTERNAL MODULE: ./src/core/redact.ts
var redact = __webpack_require__(2258);
// EXTERNAL MODULE: ./src/core/errors.ts
var errors = __webpack_require__(4296);
// EXTERNAL MODULE: ./src/options/spec.ts
var options_spec = __webpack_require__(2739);
;// CONCATENATED MODULE: ./src/options/raw.ts


/** The action's inputs, as the runner passes them (INPUT_<NAME>, trimmed like core.getInput). */
function actionInputs(env = process.env) {
    return (name) => {
        const v = env[`INPUT_${name.replace(/ /g, '_').toUpperCase()}`];
        if (v === undefined)
            return undefined;
        const text = v.trim();
        // the runner fills a declared default of "" itself: "" given and "" defaulted look the same
        if (!text && !inputSpec(name).default)
            return undefined;
        return text;
    };
}
/** The one line for an input given empty. */
function emptyInputError(spec) {
    const instead = spec.default
        ? `leave it out to use the default (${spec.default})`
        : spec.env
            ? `leave it out to fall back to ${spec.env.join(', ')}`
            : 'leave it out';
    return new errors/* UserError */.yo(`${spec.name}: given empty (""); give a value or ${instead} — an unset variable or secret in a script or workflow expands to ""`);
}

;// CONCATENATED MODULE: ./src/options/input-value.ts
/** One input's value: given, or from its environment variables, or its default (the spec's order). */



/** Value of an input, falling back to its environment variables, then its default. Given empty: an error. */
function value(raw, env, name) {
    const spec = (0,options_spec/* inputSpec */.mm)(name);
    const given = raw(name);
    let v = given?.trim() ?? '';
    if (given !== undefined && !v)
        throw emptyInputError(spec);
    if (!v && spec.env)
        for (const e of spec.env)
            if (env[e]?.trim()) {
                v = env[e].trim();
                break;
            }
    if (!v)
        v = spec.default;
    if (spec.secret)
        (0,redact/* addSecret */.Ck)(v);
    return v;
}


/***/ }),

/***/ 4240:
/***/ ((__unused_webpack_module, __webpack_exports__, __webpack_require__) => {

/* harmony export */ __webpack_require__.d(__webpack_exports__, {
/* harmony export */   $q: () => (/* binding */ parseName),
/* harmony export */   A1: () => (/* binding */ parsePrefix),
/* harmony export */   Nq: () => (/* binding */ parseEnvironment)
/* harmony export */ });
/* harmony import */ var _core_errors_js__WEBPACK_IMPORTED_MODULE_0__ = __webpack_require__(4296);
/**
 * The inputs that become parts of object keys — prefix (one or more folders), environment and name (parts of every
 * backup's file name) — checked by one rule: no empty segment, no "." or "..", only characters that are safe in an
 * S3 key. A key such as `../x/…` or `a//b/…` is legal for S3 but means something else to every tool that maps keys
 * to paths (aws s3 sync, rclone, a restore script): it is refused, not written.
 */

/** S3's "safe characters" for key names: letters, digits and ! - _ . * ' ( ). */
const PREFIX_SEGMENT = /^[A-Za-z0-9!_.*'()-]+$/;
/** environment: no "_" (it separates name, environment and time in every file name). */
const ENVIRONMENT = /^[A-Za-z0-9][A-Za-z0-9.-]*$/;
const NAME = /^[A-Za-z0-9][A-Za-z0-9._-]*$/;
const dotsOnly = (s) => /^\.+$/.test(s);
/** The prefix as keys use it: no leading or trailing "/" ("/" alone: the bucket's root, ""), every segment safe. */
function parsePrefix(input, text) {
    const prefix = text.replace(/^\/+|\/+$/g, '');
    if (!prefix)
        return '';
    for (const segment of prefix.split('/')) {
        if (!segment)
            throw new _core_errors_js__WEBPACK_IMPORTED_MODULE_0__/* .UserError */ .yo(`${input}: "${text}" has an empty folder ("//"); use e.g. backups/shop`);
        if (dotsOnly(segment)) {
            throw new _core_errors_js__WEBPACK_IMPORTED_MODULE_0__/* .UserError */ .yo(`${input}: "${text}" has the folder "${segment}", which tools that map keys to paths read as a path step; use e.g. backups/shop`);
        }
        if (!PREFIX_SEGMENT.test(segment)) {
            throw new _core_errors_js__WEBPACK_IMPORTED_MODULE_0__/* .UserError */ .yo(`${input}: "${text}" has the folder "${segment}": folders may hold only letters, digits and ! - _ . * ' ( ) (S3's safe characters), separated by "/"`);
        }
    }
    return prefix;
}
function parseEnvironment(input, text) {
    if (!ENVIRONMENT.test(text)) {
        throw new _core_errors_js__WEBPACK_IMPORTED_MODULE_0__/* .UserError */ .yo(`${input}: "${text}" may hold only letters, digits, "." and "-", starting with a letter or digit (it is part of every key)`);
    }
    return text;
}
function parseName(input, text) {
    if (!NAME.test(text)) {
        throw new _core_errors_js__WEBPACK_IMPORTED_MODULE_0__/* .UserError */ .yo(`${input}: "${text}" may hold only letters, digits, ".", "_" and "-", starting with a letter or digit (it is part of every key)`);
    }
    return text;
}


/***/ }),

/***/ 4426:
/***/ ((__unused_webpack_module, __webpack_exports__, __webpack_require__) => {

/* harmony export */ __webpack_require__.d(__webpack_exports__, {
/* harmony export */   U: () => (/* binding */ parseMonitorOptions),
/* harmony export */   s: () => (/* binding */ parseReportOptions)
/* harmony export */ });
/* harmony import */ var _core_errors_js__WEBPACK_IMPORTED_MODULE_0__ = __webpack_require__(4296);
/* harmony import */ var _core_healthcheck_js__WEBPACK_IMPORTED_MODULE_1__ = __webpack_require__(133);
/* harmony import */ var _core_sentry_js__WEBPACK_IMPORTED_MODULE_2__ = __webpack_require__(1128);
/* harmony import */ var _core_redact_js__WEBPACK_IMPORTED_MODULE_3__ = __webpack_require__(2258);
/* harmony import */ var _parse_js__WEBPACK_IMPORTED_MODULE_4__ = __webpack_require__(8863);
/* harmony import */ var _values_js__WEBPACK_IMPORTED_MODULE_5__ = __webpack_require__(2262);
/* harmony import */ var _core_input_ref_js__WEBPACK_IMPORTED_MODULE_6__ = __webpack_require__(7571);







/** The monitors a run reports to; undefined when none is configured. */
function parseMonitorOptions(raw, env = process.env) {
    const dsn = (0,_parse_js__WEBPACK_IMPORTED_MODULE_4__/* .value */ .Uq)(raw, env, 'sentry-dsn');
    const slug = (0,_parse_js__WEBPACK_IMPORTED_MODULE_4__/* .value */ .Uq)(raw, env, 'sentry-monitor-slug');
    const checkinUrl = (0,_parse_js__WEBPACK_IMPORTED_MODULE_4__/* .value */ .Uq)(raw, env, 'sentry-checkin-url');
    const hcUrl = (0,_parse_js__WEBPACK_IMPORTED_MODULE_4__/* .value */ .Uq)(raw, env, 'healthcheck-url');
    const schedule = (0,_parse_js__WEBPACK_IMPORTED_MODULE_4__/* .value */ .Uq)(raw, env, 'sentry-monitor-schedule');
    if (checkinUrl && (dsn || slug)) {
        throw new _core_errors_js__WEBPACK_IMPORTED_MODULE_0__/* .UserError */ .yo('sentry-checkin-url and sentry-dsn/sentry-monitor-slug name the same monitor twice: set one of them (SENTRY_CRON_CHECKIN_URL counts as sentry-checkin-url)');
    }
    if (dsn && !slug)
        throw new _core_errors_js__WEBPACK_IMPORTED_MODULE_0__/* .UserError */ .yo('sentry-dsn is set but sentry-monitor-slug is empty: set the slug of the cron monitor');
    if (slug && !dsn)
        throw new _core_errors_js__WEBPACK_IMPORTED_MODULE_0__/* .UserError */ .yo("sentry-monitor-slug is set but sentry-dsn is empty: set the DSN of the monitor's project");
    const target = checkinUrl ? (0,_core_sentry_js__WEBPACK_IMPORTED_MODULE_2__/* .sentryFromCheckinUrl */ .cg)(checkinUrl) : dsn ? (0,_core_sentry_js__WEBPACK_IMPORTED_MODULE_2__/* .sentryFromDsn */ .BH)(dsn, slug) : undefined;
    if (target)
        (0,_core_redact_js__WEBPACK_IMPORTED_MODULE_3__/* .addSecret */ .Ck)(target.publicKey);
    if (schedule && !target)
        throw new _core_errors_js__WEBPACK_IMPORTED_MODULE_0__/* .UserError */ .yo(`sentry-monitor-schedule is set but no Sentry monitor is: set ${(0,_core_input_ref_js__WEBPACK_IMPORTED_MODULE_6__/* .inputRef */ .i)('sentry-dsn')} and ${(0,_core_input_ref_js__WEBPACK_IMPORTED_MODULE_6__/* .inputRef */ .i)('sentry-monitor-slug')}`);
    // parsed even when unused, so a typo never hides
    const margin = (0,_values_js__WEBPACK_IMPORTED_MODULE_5__/* .parseInteger */ .cG)('sentry-checkin-margin', (0,_parse_js__WEBPACK_IMPORTED_MODULE_4__/* .value */ .Uq)(raw, env, 'sentry-checkin-margin'), 1, 40_320);
    const maxRuntime = (0,_values_js__WEBPACK_IMPORTED_MODULE_5__/* .parseInteger */ .cG)('sentry-max-runtime', (0,_parse_js__WEBPACK_IMPORTED_MODULE_4__/* .value */ .Uq)(raw, env, 'sentry-max-runtime'), 1, 40_320);
    const timezone = (0,_core_sentry_js__WEBPACK_IMPORTED_MODULE_2__/* .checkTimezone */ .UF)('sentry-timezone', (0,_parse_js__WEBPACK_IMPORTED_MODULE_4__/* .value */ .Uq)(raw, env, 'sentry-timezone'));
    const monitorConfig = schedule
        ? {
            schedule: { type: 'crontab', value: (0,_core_sentry_js__WEBPACK_IMPORTED_MODULE_2__/* .checkCrontab */ .YA)('sentry-monitor-schedule', schedule) },
            checkin_margin: margin,
            max_runtime: maxRuntime,
            timezone,
        }
        : undefined;
    const healthcheck = hcUrl ? (0,_core_healthcheck_js__WEBPACK_IMPORTED_MODULE_1__/* .healthcheckTarget */ .KC)(hcUrl) : undefined;
    if (!target && !healthcheck)
        return undefined;
    return {
        ...(target ? { sentry: { target, ...(monitorConfig ? { monitorConfig } : {}) } } : {}),
        ...(healthcheck ? { healthcheck } : {}),
        environment: (0,_parse_js__WEBPACK_IMPORTED_MODULE_4__/* .value */ .Uq)(raw, env, 'environment'),
    };
}
function parseReportOptions(raw, env = process.env) {
    return {
        trendCount: (0,_values_js__WEBPACK_IMPORTED_MODULE_5__/* .parseInteger */ .cG)('trend-count', (0,_parse_js__WEBPACK_IMPORTED_MODULE_4__/* .value */ .Uq)(raw, env, 'trend-count'), 0, 100),
        shrinkThreshold: (0,_values_js__WEBPACK_IMPORTED_MODULE_5__/* .parsePercent */ .lo)('shrink-threshold', (0,_parse_js__WEBPACK_IMPORTED_MODULE_4__/* .value */ .Uq)(raw, env, 'shrink-threshold')),
    };
}


/***/ }),

/***/ 8863:
/***/ ((__unused_webpack_module, __webpack_exports__, __webpack_require__) => {


// EXPORTS
__webpack_require__.d(__webpack_exports__, {
  Q3: () => (/* binding */ autoRestoreJobs),
  sh: () => (/* binding */ common),
  k3: () => (/* binding */ parseBackupOptions),
  Ic: () => (/* binding */ parseListOptions),
  A9: () => (/* binding */ parseRestoreOptions),
  Uv: () => (/* binding */ parseValidateOptions),
  lW: () => (/* binding */ parseVerifyOptions),
  Uq: () => (/* reexport */ input_value/* value */.U)
});

// EXTERNAL MODULE: ./src/core/plan.ts
var plan = __webpack_require__(4620);
// EXTERNAL MODULE: external "node:os"
var external_node_os_ = __webpack_require__(8161);
// EXTERNAL MODULE: ./src/core/errors.ts
var errors = __webpack_require__(4296);
// EXTERNAL MODULE: external "node:fs"
var external_node_fs_ = __webpack_require__(3024);
// EXTERNAL MODULE: ./src/core/redact.ts
var redact = __webpack_require__(2258);
;// CONCATENATED MODULE: ./src/options/encryption-keys.ts



const BLOCK = /-----BEGIN PGP (PUBLIC|PRIVATE) KEY BLOCK-----[\s\S]*?-----END PGP \1 KEY BLOCK-----/g;
const AGE_RECIPIENT = /^age1[0-9a-z]+$/;
const AGE_IDENTITY = /^AGE-SECRET-KEY-(?:PQ-)?1[0-9A-Z]+$/;
const SSH_KEY = /^(ssh-ed25519|ssh-rsa|ecdsa-sha2-\S+|sk-ssh-\S+)$/;
/** An OpenPGP packet starts with a byte whose high bit is set (old or new packet format). */
const looksBinaryPgp = (b) => b.length > 2 && (b[0] & 0x80) !== 0;
/** Splits a value into what it holds; a token that names a readable file is replaced by the file's content. */
function scan(input, text, depth = 0) {
    const found = {
        ageRecipients: [],
        ageIdentities: [],
        publicBlocks: [],
        privateBlocks: [],
        binary: [],
        unknown: 0,
        ssh: 0,
    };
    const rest = text.replace(BLOCK, (block, kind) => {
        (kind === 'PUBLIC' ? found.publicBlocks : found.privateBlocks).push(block.replace(/\r\n/g, '\n'));
        return '\n';
    });
    if (/-----BEGIN PGP /.test(rest)) {
        throw new errors/* UserError */.yo(`${input}: holds an OpenPGP armor block without its END line (copy the whole block, from -----BEGIN to -----END)`);
    }
    for (const rawLine of rest.split(/\r?\n/)) {
        const line = rawLine.trim();
        if (!line || line.startsWith('#'))
            continue; // age-keygen's "# created:" / "# public key:" comments
        const tokens = line.split(/[\s,]+/).filter(Boolean);
        if (SSH_KEY.test(tokens[0])) {
            found.ssh++;
            continue;
        }
        for (const token of tokens) {
            if (AGE_RECIPIENT.test(token))
                found.ageRecipients.push(token);
            else if (AGE_IDENTITY.test(token))
                found.ageIdentities.push(token);
            else if (depth === 0 && isFile(token))
                merge(found, scanFile(input, token, depth + 1));
            else
                found.unknown++;
        }
    }
    return found;
}
function isFile(p) {
    try {
        return (0,external_node_fs_.existsSync)(p) && (0,external_node_fs_.statSync)(p).isFile();
    }
    catch {
        return false;
    }
}
function scanFile(input, file, depth) {
    let bytes;
    try {
        bytes = (0,external_node_fs_.readFileSync)(file);
    }
    catch (err) {
        throw new errors/* UserError */.yo(`${input}: cannot read ${file}: ${(0,errors/* errorMessage */.gJ)(err)}`);
    }
    if (looksBinaryPgp(bytes)) {
        const none = scan(input, '', depth);
        none.binary.push(new Uint8Array(bytes));
        return none;
    }
    return scan(input, bytes.toString('utf8'), depth);
}
function merge(into, from) {
    into.ageRecipients.push(...from.ageRecipients);
    into.ageIdentities.push(...from.ageIdentities);
    into.publicBlocks.push(...from.publicBlocks);
    into.privateBlocks.push(...from.privateBlocks);
    into.binary.push(...from.binary);
    into.unknown += from.unknown;
    into.ssh += from.ssh;
}
/** Secret forms are registered for redaction before anything can print them: the whole value and each key line. */
function registerSecrets(found) {
    for (const id of found.ageIdentities)
        (0,redact/* addSecret */.Ck)(id);
    for (const block of found.privateBlocks) {
        (0,redact/* addSecret */.Ck)(block);
        for (const line of block.split('\n'))
            if (line.trim().length >= 16 && !line.startsWith('-----'))
                (0,redact/* addSecret */.Ck)(line.trim());
    }
}
/** `encryption-recipients` → the method and its public keys; undefined when empty. */
function parseRecipients(input, value) {
    if (!value.trim())
        return undefined;
    const found = scan(input, value);
    registerSecrets(found);
    if (found.ageIdentities.length) {
        throw new errors/* UserError */.yo(`${input}: holds an age identity (AGE-SECRET-KEY-…), which is the secret half: give its recipient instead (age-keygen -y key.txt prints it); the backup job should never hold the secret key`);
    }
    if (found.privateBlocks.length) {
        throw new errors/* UserError */.yo(`${input}: holds an OpenPGP PRIVATE key block: give the public key instead (gpg --armor --export <id>); the backup job should never hold the private key`);
    }
    if (found.ssh) {
        throw new errors/* UserError */.yo(`${input}: SSH keys are not supported as age recipients here: use an age recipient (age1…, from age-keygen) or an OpenPGP public key`);
    }
    if (found.unknown) {
        throw new errors/* UserError */.yo(`${input}: ${found.unknown} entr${found.unknown === 1 ? 'y is' : 'ies are'} neither an age recipient (age1…), an armored OpenPGP public key block nor a readable key file`);
    }
    const pgp = found.publicBlocks.length + found.binary.length;
    if (found.ageRecipients.length && pgp) {
        throw new errors/* UserError */.yo(`${input}: mixes age recipients and OpenPGP keys; a backup is encrypted with one method: give only age1… recipients or only OpenPGP public keys`);
    }
    if (found.ageRecipients.length)
        return { method: 'age', recipients: [...new Set(found.ageRecipients)] };
    if (pgp)
        return { method: 'gpg', armored: found.publicBlocks, binary: found.binary };
    throw new errors/* UserError */.yo(`${input}: no age recipient or OpenPGP public key found`);
}
/** `decryption-key` (+ `decryption-passphrase`) → the secret keys; undefined when empty. */
function parseDecryptionKey(input, value, passphrase) {
    if (!value.trim()) {
        if (passphrase)
            throw new errors/* UserError */.yo(`decryption-passphrase is set but ${input} is empty: set ${input} to the OpenPGP private key it unlocks`);
        return undefined;
    }
    const found = scan(input, value);
    registerSecrets(found);
    if (found.ageIdentities.length === 0 && found.privateBlocks.length === 0 && found.binary.length === 0) {
        if (found.ageRecipients.length) {
            throw new errors/* UserError */.yo(`${input}: holds an age recipient (age1…), the public half: give the identity (the AGE-SECRET-KEY-1… line of the key file)`);
        }
        if (found.publicBlocks.length) {
            throw new errors/* UserError */.yo(`${input}: holds an OpenPGP PUBLIC key: give the private key (gpg --armor --export-secret-keys <id>)`);
        }
        throw new errors/* UserError */.yo(`${input}: is neither an age identity (AGE-SECRET-KEY-1…), an armored OpenPGP private key block nor a readable key file`);
    }
    if (found.unknown) {
        throw new errors/* UserError */.yo(`${input}: ${found.unknown} entr${found.unknown === 1 ? 'y is' : 'ies are'} neither an age identity (AGE-SECRET-KEY-1…), an armored OpenPGP private key block nor a readable key file`);
    }
    // binary key files: public or private is only known once parsed (decrypt.ts says which)
    return {
        age: [...new Set(found.ageIdentities)],
        armored: found.privateBlocks,
        binary: found.binary,
        ...(passphrase ? { passphrase } : {}),
    };
}

// EXTERNAL MODULE: ./src/options/values.ts
var values = __webpack_require__(2262);
// EXTERNAL MODULE: ./src/core/retention/policy.ts
var policy = __webpack_require__(2738);
// EXTERNAL MODULE: ./src/core/retention/lifecycle-rules.ts
var lifecycle_rules = __webpack_require__(5388);
// EXTERNAL MODULE: ./src/core/input-ref.ts
var input_ref = __webpack_require__(7571);
;// CONCATENATED MODULE: ./src/options/object-lock.ts





/** object-lock-mode + object-lock-days ("30", or "daily=7, weekly=35, monthly=365, yearly=366"). */
function parseObjectLock(modeText, daysText, retention, provider) {
    if (!modeText.trim()) {
        if (daysText.trim())
            throw new errors/* UserError */.yo(`object-lock-days is set but object-lock-mode is empty: set ${(0,input_ref/* inputRef */.i)('object-lock-mode')} to governance or compliance`);
        return undefined;
    }
    const mode = (0,values/* parseEnum */.nL)('object-lock-mode', modeText, [
        'governance',
        'compliance',
    ]).toUpperCase();
    if (!provider.objectLock)
        throw new errors/* UserError */.yo(`object-lock-mode: provider ${provider.name} has no S3 Object Lock; leave object-lock-mode empty`);
    const days = (0,lifecycle_rules/* tierDays */.wk)(retention ?? policy/* DEFAULT_POLICY */.zj);
    const v = daysText.trim();
    if (/^\d+$/.test(v)) {
        const n = (0,values/* parseInteger */.cG)('object-lock-days', v, 1, 36_500);
        for (const t of policy/* TIERS */.iB)
            days[t] = n;
    }
    else if (v) {
        for (const item of v
            .split(/[\n,]/)
            .map((s) => s.trim())
            .filter(Boolean)) {
            const m = /^(daily|weekly|monthly|yearly)\s*=\s*(\S+)$/i.exec(item);
            if (!m)
                throw new errors/* UserError */.yo(`object-lock-days: "${item}" is not tier=days; use e.g. daily=7, weekly=35, monthly=365, yearly=366, or one number`);
            days[m[1].toLowerCase()] = (0,values/* parseInteger */.cG)('object-lock-days', m[2], 1, 36_500);
        }
    }
    return { mode, days };
}

// EXTERNAL MODULE: ./src/options/keys.ts
var keys = __webpack_require__(4240);
// EXTERNAL MODULE: ./src/options/backup-selector.ts
var backup_selector = __webpack_require__(8718);
// EXTERNAL MODULE: ./src/core/retention/cost.ts
var cost = __webpack_require__(8421);
// EXTERNAL MODULE: ./src/core/libpq-env.ts
var libpq_env = __webpack_require__(5949);
// EXTERNAL MODULE: ./src/core/libpq-settings.ts
var libpq_settings = __webpack_require__(2257);
;// CONCATENATED MODULE: ./src/core/database-url.ts


function parseDatabaseUrl(input, raw) {
    let url;
    try {
        // libpq accepts an empty host (postgresql:///db, postgresql://u@/db?host=/socket); WHATWG URL does not
        url = new URL(raw.replace(/^(postgres(?:ql)?:\/\/(?:[^/?#@]*@)?)(?=[/?#]|$)/, '$1localhost'));
    }
    catch {
        throw new errors/* UserError */.yo(`${input}: not a URL; use e.g. postgresql://app@db.example.com:5432/shop (a password goes after the user name, app:PASSWORD@…, percent-encoded)`);
    }
    if (url.protocol !== 'postgresql:' && url.protocol !== 'postgres:') {
        throw new errors/* UserError */.yo(`${input}: scheme "${url.protocol}" is not postgresql:; use e.g. postgresql://app@db.example.com:5432/shop (a password goes after the user name, app:PASSWORD@…, percent-encoded)`);
    }
    const params = {};
    for (const [k, v] of url.searchParams)
        params[k] = v;
    const password = url.password ? decodeURIComponent(url.password) : params.password;
    delete params.password;
    const host = params.host ?? (url.hostname ? decodeURIComponent(url.hostname) : 'localhost');
    delete params.host;
    const portText = params.port ?? url.port;
    delete params.port;
    const user = params.user ?? (url.username ? decodeURIComponent(url.username) : 'postgres');
    delete params.user;
    const database = params.dbname ?? (decodeURIComponent(url.pathname.replace(/^\//, '')) || user);
    delete params.dbname;
    const port = portText ? Number(portText) : 5432;
    if (!Number.isInteger(port) || port <= 0 || port > 65535)
        throw new errors/* UserError */.yo(`${input}: port "${portText}" is not a port number`);
    (0,redact/* addSecret */.Ck)(password);
    return { host, port, user, database, password, params };
}
// the TLS variables and PGCONNECT_TIMEOUT are read by resolveLibpqParams (./tls/settings.ts), for URLs too
const PARAM_ENV = {
    PGAPPNAME: 'application_name',
    PGOPTIONS: 'options',
};
/** The libpq environment (PGHOST, PGPORT, PGUSER, PGPASSWORD, PGDATABASE …) as a Connection, or undefined if unset. */
function connectionFromEnv(env) {
    if (!env.PGHOST && !env.PGDATABASE && !env.PGUSER && !env.PGPORT)
        return undefined;
    const user = env.PGUSER ?? 'postgres';
    const params = {};
    for (const [name, param] of Object.entries(PARAM_ENV))
        if (env[name])
            params[param] = env[name];
    (0,redact/* addSecret */.Ck)(env.PGPASSWORD);
    return {
        host: env.PGHOST ?? 'localhost',
        port: env.PGPORT ? Number(env.PGPORT) : 5432,
        user,
        database: env.PGDATABASE ?? user,
        password: env.PGPASSWORD,
        params,
    };
}

;// CONCATENATED MODULE: ./src/options/database-url.ts
/**
 * database-url (or the libpq PG* variables), checked before anything reads it: a URL that a reserved character in
 * the password cuts somewhere else (`host "pa" not found`), a port out of range. The password is never part of a
 * message. (sslmode, the other TLS settings and connect_timeout are checked by resolveLibpqParams, ../postgres/tls.ts.)
 */



const ENCODE_HINT = 'percent-encode it, e.g. encodeURIComponent(password) in JavaScript or urllib.parse.quote(password, safe="") in Python: ' +
    '"@" → %40, "#" → %23, "/" → %2F, "?" → %3F, "%" → %25';
/** Characters a URL reserves, and a "%" that does not start a %XX escape. */
const NEEDS_ENCODING = /[@#/?[\]\s]|%(?![0-9A-Fa-f]{2})/;
/** What may follow the "@" of the user info: host (or [IPv6]), port, /database, ?query. */
const AFTER_AT = /^(?:\[[0-9A-Fa-f:.]*\]|[^/?#@[\]\s:]*)(?::([^/?#@]*))?(?:\/[^?#@]*)?(?:\?[^#]*)?$/;
const HOST_PORT = /^(?:\[[0-9A-Fa-f:.]*\]|[^/?#@[\]\s:]*)(?::([^/?#@]*))?/;
function checkPort(input, text) {
    if (text === undefined || text === '')
        return;
    if (!/^\d+$/.test(text))
        throw new errors/* UserError */.yo(`${input}: the port "${text}" is not a number; use 1 to 65535 (PostgreSQL's default is 5432)`);
    const port = Number(text);
    if (port < 1 || port > 65535)
        throw new errors/* UserError */.yo(`${input}: the port ${port} is out of range; use 1 to 65535 (PostgreSQL's default is 5432)`);
}
/** The raw URL's user info and what follows it, found the way a reader means it even when the password is not encoded. */
function checkRawUrl(input, url) {
    const m = /^postgres(?:ql)?:\/\/(.*)$/is.exec(url);
    if (!m)
        return; // the scheme is parseDatabaseUrl's to report
    const rest = m[1];
    // the first "@" that a host can follow; else the first one followed by a host and a "#…" (refused below)
    const after = (re) => {
        for (let i = rest.indexOf('@'); i >= 0; i = rest.indexOf('@', i + 1))
            if (re.test(rest.slice(i + 1)))
                return i;
        return -1;
    };
    let at = after(AFTER_AT);
    if (at < 0)
        at = after(new RegExp(`${AFTER_AT.source.slice(0, -1)}#`));
    if (at < 0 && rest.includes('@')) {
        throw new errors/* UserError */.yo(`${input}: the URL holds an "@" that cannot end the user name and password; if it is in the password, ${ENCODE_HINT}`);
    }
    const userinfo = at >= 0 ? rest.slice(0, at) : '';
    const colon = userinfo.indexOf(':');
    const user = colon >= 0 ? userinfo.slice(0, colon) : userinfo;
    const password = colon >= 0 ? userinfo.slice(colon + 1) : '';
    (0,redact/* addSecret */.Ck)(password);
    if (NEEDS_ENCODING.test(password)) {
        throw new errors/* UserError */.yo(`${input}: the password holds a character that must be percent-encoded in a URL (@ # / ? [ ] %, or a space); ${ENCODE_HINT}`);
    }
    if (NEEDS_ENCODING.test(user)) {
        throw new errors/* UserError */.yo(`${input}: the user name holds a character that must be percent-encoded in a URL (@ # / ? [ ] %, or a space); ${ENCODE_HINT.replace('(password)', '(user)').replace('(password,', '(user,')}`);
    }
    const tail = rest.slice(at + 1);
    if (tail.includes('#')) {
        throw new errors/* UserError */.yo(`${input}: "#" has no meaning in a PostgreSQL URL; if it belongs to the password or another value, percent-encode it as %23`);
    }
    checkPort(input, HOST_PORT.exec(tail)?.[1]);
    checkPort(input, /[?&]port=([^&]*)/.exec(tail)?.[1]);
}
/** PGPORT as libpq would read it (the TLS variables and PGCONNECT_TIMEOUT are checked with the URL's settings). */
function checkEnv(env) {
    if (env.PGPORT)
        checkPort('PGPORT', env.PGPORT.trim());
}
/** database-url, checked; then the libpq variables; undefined when neither names a database. */
function parseConnection(input, url, env) {
    checkEnv(env);
    if (!url)
        return connectionFromEnv(env);
    checkRawUrl(input, url);
    return parseDatabaseUrl(input, url);
}

// EXTERNAL MODULE: ./src/options/input-value.ts + 1 modules
var input_value = __webpack_require__(30);
;// CONCATENATED MODULE: ./src/options/connection.ts
/** The database connection inputs: database-url (or the PG* variables), PGPASSWORD, and libpq's TLS settings. */







function connection(raw, env) {
    const url = (0,input_value/* value */.U)(raw, env, 'database-url');
    // an unencoded password, a port out of range: refused before anything reads the URL otherwise
    const c = parseConnection('database-url', url, env);
    // as libpq: a URL without a password takes PGPASSWORD (the pg tools get it from us, never from argv)
    if (c && c.password === undefined && env.PGPASSWORD) {
        c.password = env.PGPASSWORD;
        (0,redact/* addSecret */.Ck)(c.password);
    }
    if (!c) {
        throw new errors/* UserError */.yo(`database-url is empty: set ${(0,input_ref/* inputRef */.i)('database-url')}, or the PG* variables`);
    }
    // the TLS settings of the URL and the PG* variables, as libpq reads them: the same for our client and the pg tools
    return {
        ...c,
        params: (0,libpq_settings/* resolveLibpqParams */.D_)(c.params, env, { input: url ? 'database-url' : 'PG* variables', cwd: process.cwd() }),
        fromEnv: (0,libpq_env/* settingsFromEnv */.x)(c.params, env),
    };
}

// EXTERNAL MODULE: ./src/options/s3.ts
var s3 = __webpack_require__(4526);
// EXTERNAL MODULE: ./src/options/thaw.ts
var thaw = __webpack_require__(2176);
;// CONCATENATED MODULE: ./src/options/temp-dir.ts
/** temp-dir and decoded-copy: where a read-back's download goes, and whether a restore decodes to a file first. */



function parseTempDir(raw, env) {
    const dir = (0,input_value/* value */.U)(raw, env, 'temp-dir').trim();
    if (dir && !dir.startsWith('/') && !/^[A-Za-z]:[\\/]/.test(dir))
        throw new errors/* UserError */.yo(`temp-dir: "${dir}" is not an absolute path: give the directory's full path`);
    return dir ? { tempDir: dir } : {};
}
function parseDecodedCopy(raw, env) {
    return { decodedCopy: (0,values/* parseBool */.q6)('decoded-copy', (0,input_value/* value */.U)(raw, env, 'decoded-copy')) };
}

// EXTERNAL MODULE: ./src/options/copy.ts
var copy = __webpack_require__(1729);
;// CONCATENATED MODULE: ./src/options/databases.ts



/** PostgreSQL's identifier limit (NAMEDATALEN - 1 bytes). */
const MAX_NAME_BYTES = 63;
function databaseNames(input, text) {
    const names = [...new Set((0,values/* parseList */.E1)(text))];
    for (const n of names) {
        if (Buffer.byteLength(n) > MAX_NAME_BYTES)
            throw new errors/* UserError */.yo(`${input}: "${n}" is longer than PostgreSQL's 63-byte limit for a database name`);
        if (/[\0\r\n]/.test(n))
            throw new errors/* UserError */.yo(`${input}: "${n}" holds a control character; no database has one`);
    }
    return names;
}
function parseDatabases(input, text) {
    const items = (0,values/* parseList */.E1)(text);
    if (!items.length)
        return { kind: 'single' };
    if (items.some((i) => i.toLowerCase() === 'all')) {
        if (items.length > 1)
            throw new errors/* UserError */.yo(`${input}: "all" cannot be combined with names; use all with exclude-databases, or a list`);
        return { kind: 'all' };
    }
    return { kind: 'list', names: databaseNames(input, text) };
}
/** Default: one per core, at least 2 (a dump waits on its server as much as on the CPU), at most 8. */
function defaultJobs(cores = (0,external_node_os_.availableParallelism)()) {
    return Math.min(8, Math.max(2, cores));
}
function parseSetInputs(text) {
    const databases = parseDatabases('databases', text.databases);
    const excludeDatabases = databaseNames('exclude-databases', text.excludeDatabases);
    if (excludeDatabases.length && databases.kind === 'single')
        throw new errors/* UserError */.yo('exclude-databases: needs databases (a list or all); set databases: all');
    if (databases.kind === 'list') {
        const left = databases.names.filter((n) => !excludeDatabases.includes(n));
        if (!left.length)
            throw new errors/* UserError */.yo('exclude-databases: leaves none of the databases listed; nothing to back up');
    }
    if (text.name && databases.kind !== 'single')
        throw new errors/* UserError */.yo('name: cannot be used with databases (a list or all): each database is named by itself');
    const globals = (0,values/* parseEnum */.nL)('globals', text.globals, ['auto', 'true', 'false']) !== 'false';
    const jobs = text.jobs.toLowerCase() === 'auto' ? defaultJobs() : (0,values/* parseInteger */.cG)('jobs', text.jobs, 1, 64);
    return { databases, excludeDatabases, globals, jobs };
}

// EXTERNAL MODULE: ./src/core/set-format.ts
var set_format = __webpack_require__(887);
;// CONCATENATED MODULE: ./src/options/restore-all.ts






function parseRestoreAllInputs(raw, env) {
    const all = (0,values/* parseBool */.q6)('all', (0,input_value/* value */.U)(raw, env, 'all'));
    const setText = (0,input_value/* value */.U)(raw, env, 'set');
    const databasesText = (0,input_value/* value */.U)(raw, env, 'databases');
    // set's default is latest: only another value asks for a set
    const setGiven = Boolean(setText) && setText !== 'latest';
    if (!all && (setGiven || databasesText)) {
        throw new errors/* UserError */.yo(`${setGiven ? 'set' : 'databases'}: only with all (a whole-server restore); set all: true`);
    }
    const selection = parseDatabases('databases', databasesText);
    const set = !setText || setText === 'latest' || (0,set_format/* parseSetKey */.FV)(setText) ? setText || 'latest' : parseSetDate(setText);
    return {
        all,
        set,
        databases: selection.kind === 'list' ? selection.names : [],
        withGlobals: (0,values/* parseEnum */.nL)('with-globals', (0,input_value/* value */.U)(raw, env, 'with-globals'), ['auto', 'true', 'false']),
    };
}
function parseSetDate(text) {
    const date = (0,backup_selector/* parseBackupSelector */.J)('set', text);
    if (date === 'latest' || /\.(dump|sql)/.test(date)) {
        throw new errors/* UserError */.yo(`set: "${text}" is not latest, a date or a set key (<prefix>/sets/<environment>_<stamp>.json)`);
    }
    return date;
}
/** validate's all and set: a drill of a whole backup set. */
function validateSetInputs(raw, env) {
    const all = (0,values/* parseBool */.q6)('all', (0,input_value/* value */.U)(raw, env, 'all'));
    const setText = (0,input_value/* value */.U)(raw, env, 'set');
    if (!all && setText && setText !== 'latest')
        throw new errors/* UserError */.yo('set: only with all (a drill of a backup set); set all: true');
    return {
        all,
        set: !setText || setText === 'latest' || (0,set_format/* parseSetKey */.FV)(setText) ? setText || 'latest' : parseSetDate(setText),
    };
}

// EXTERNAL MODULE: ./src/options/drill.ts
var drill = __webpack_require__(4491);
;// CONCATENATED MODULE: ./src/options/streams.ts
/** The `streams` input: 1, a number of data streams, or auto (chosen at backup time from the cores and the size). */


const MAX_STREAMS = 32;
function parseStreams(text, o) {
    const v = text.trim().toLowerCase();
    if (v === 'auto' || v === '')
        return 'auto';
    if (!/^\d+$/.test(v))
        throw new errors/* UserError */.yo(`streams: "${text}" is neither auto nor a whole number; use auto or 1 to ${MAX_STREAMS}`);
    const n = (0,values/* parseInteger */.cG)('streams', v, 1, MAX_STREAMS);
    if (n === 1)
        return 1;
    if (o.format !== 'custom')
        throw new errors/* UserError */.yo(`streams: ${n} streams need format custom (pg_restore); set streams to 1 for a plain dump`);
    if (o.latestCopy)
        throw new errors/* UserError */.yo(`streams: latest-copy keeps one object and ${n} streams write several; set streams to 1`);
    return n;
}

;// CONCATENATED MODULE: ./src/options/parse.ts

/**
 * Raw input values (from action inputs or CLI flags, same names) → one typed options object per verb.
 * Everything is validated here, so the core never sees a bad value.
 */





















// zstd 1: on 2 cores the compressor competes with pg_dump's server backend; level 3 compressed the benchmark's data
// no better (263 vs 266 MiB) for 1.4× the CPU (npm run bench, rows (c) and (c z3))
const DEFAULT_LEVEL = { zstd: 1, gzip: 6, none: 0 };
const LEVEL_RANGE = { zstd: [1, 19], gzip: [1, 9], none: [0, 0] };
const MAX_PART_SIZE = 5 * 2 ** 30;
function environmentName(raw, env) {
    return (0,keys/* parseEnvironment */.Nq)('environment', (0,input_value/* value */.U)(raw, env, 'environment'));
}
function common(raw, env) {
    const environment = environmentName(raw, env);
    const nameText = (0,input_value/* value */.U)(raw, env, 'name');
    const name = nameText ? (0,keys/* parseName */.$q)('name', nameText) : undefined;
    return { s3: (0,s3.s3)(raw, env, environment), environment, name };
}
function parseBackupOptions(raw, env = process.env) {
    const conn = connection(raw, env);
    const base = (0,copy/* withCopy */.k)(raw, env, common(raw, env));
    const compression = (0,values/* parseEnum */.nL)('compression', (0,input_value/* value */.U)(raw, env, 'compression'), ['zstd', 'gzip', 'none']);
    const levelText = (0,input_value/* value */.U)(raw, env, 'compression-level');
    const [lo, hi] = LEVEL_RANGE[compression];
    const compressionLevel = levelText && compression !== 'none'
        ? (0,values/* parseInteger */.cG)('compression-level', levelText, lo, hi)
        : DEFAULT_LEVEL[compression];
    const sseText = (0,input_value/* value */.U)(raw, env, 'sse');
    const sse = sseText ? (0,values/* parseEnum */.nL)('sse', sseText, ['AES256', 'aws:kms']) : undefined;
    const sseKmsKeyId = (0,input_value/* value */.U)(raw, env, 'sse-kms-key-id') || undefined;
    if (sseKmsKeyId && sse !== 'aws:kms')
        throw new errors/* UserError */.yo(`sse-kms-key-id is set but sse is not aws:kms: set ${(0,input_ref/* inputRef */.i)('sse', 'aws:kms')}`);
    const partText = (0,input_value/* value */.U)(raw, env, 'part-size');
    const partSize = partText ? (0,values/* parseSize */.DB)('part-size', partText) : undefined;
    if (partSize !== undefined && (partSize < plan/* S3_MIN_PART */.gH || partSize > MAX_PART_SIZE)) {
        throw new errors/* UserError */.yo(`part-size: ${partText} is out of range; S3 parts are 5MiB to 5GiB`);
    }
    const latestCopy = (0,values/* parseBool */.q6)('latest-copy', (0,input_value/* value */.U)(raw, env, 'latest-copy'));
    const format = (0,values/* parseEnum */.nL)('format', (0,input_value/* value */.U)(raw, env, 'format'), ['custom', 'plain']);
    if (latestCopy && (0,input_value/* value */.U)(raw, env, 'databases'))
        throw new errors/* UserError */.yo('latest-copy: one fixed name cannot hold several databases; leave it off with databases');
    return {
        ...base,
        connection: conn,
        format,
        compression,
        compressionLevel,
        excludeTables: (0,values/* parseList */.E1)((0,input_value/* value */.U)(raw, env, 'exclude-table')),
        schemas: (0,values/* parseList */.E1)((0,input_value/* value */.U)(raw, env, 'schema')),
        storageClass: (0,values/* parseEnum */.nL)('storage-class', (0,input_value/* value */.U)(raw, env, 'storage-class'), base.s3.provider.storageClasses),
        sse,
        sseKmsKeyId,
        tags: backupTags((0,input_value/* value */.U)(raw, env, 'tags')),
        partSize,
        queueSize: (0,values/* parseInteger */.cG)('queue-size', (0,input_value/* value */.U)(raw, env, 'queue-size'), 1, 64),
        streams: parseStreams((0,input_value/* value */.U)(raw, env, 'streams'), { format, latestCopy }),
        latestCopy,
        pgBinDir: (0,input_value/* value */.U)(raw, env, 'pg-bin-dir') || undefined,
        rowCounts: (0,values/* parseEnum */.nL)('row-counts', (0,input_value/* value */.U)(raw, env, 'row-counts'), ['exact', 'estimate', 'off']),
        stallTimeoutMs: (0,values/* parseDuration */.E9)('pg-stall-timeout', (0,input_value/* value */.U)(raw, env, 'pg-stall-timeout')) * 1000,
        encryption: parseRecipients('encryption-recipients', (0,input_value/* value */.U)(raw, env, 'encryption-recipients')),
        ...retentionAndLock(raw, env, base),
        ...parseSetInputs({
            databases: (0,input_value/* value */.U)(raw, env, 'databases'),
            excludeDatabases: (0,input_value/* value */.U)(raw, env, 'exclude-databases'),
            globals: (0,input_value/* value */.U)(raw, env, 'globals'),
            jobs: (0,input_value/* value */.U)(raw, env, 'jobs'),
            name: base.name,
        }),
    };
}
/** The user's tags: the tier tag is the tool's own, and S3 allows ten tags an object. */
function backupTags(text) {
    const tags = (0,values/* parseTags */.rL)('tags', text);
    if (policy/* TIER_TAG */.AM in tags)
        throw new errors/* UserError */.yo(`tags: ${policy/* TIER_TAG */.AM} is set by s3-backup itself (the retention tier); remove it`);
    if (Object.keys(tags).length > 9)
        throw new errors/* UserError */.yo('tags: at most 9 (S3 allows 10 per object and s3-backup adds its tier tag)');
    return tags;
}
function retentionAndLock(raw, env, base) {
    const retention = (0,policy/* parseRetention */.Ay)('retention', (0,input_value/* value */.U)(raw, env, 'retention'));
    const objectLock = parseObjectLock((0,input_value/* value */.U)(raw, env, 'object-lock-mode'), (0,input_value/* value */.U)(raw, env, 'object-lock-days'), retention, base.s3.provider);
    return {
        retention,
        objectLock,
        audit: (0,values/* parseBool */.q6)('audit', (0,input_value/* value */.U)(raw, env, 'audit')),
        prices: (0,cost/* parsePrices */.ap)('prices', (0,input_value/* value */.U)(raw, env, 'prices')),
    };
}
/** jobs auto for one database's restore (and the loads of a drill): the cores, at most 8. */
const autoRestoreJobs = () => Math.min(8, (0,external_node_os_.availableParallelism)());
/** decryption-key + decryption-passphrase, for every verb that reads backups back (restore, verify, validate). */
function parseDecryptionOptions(raw, env = process.env) {
    const passphrase = (0,input_value/* value */.U)(raw, env, 'decryption-passphrase') || undefined;
    return { decryption: parseDecryptionKey('decryption-key', (0,input_value/* value */.U)(raw, env, 'decryption-key'), passphrase) };
}
function parseRestoreOptions(raw, env = process.env) {
    const conn = connection(raw, env);
    const base = (0,copy/* withCopy */.k)(raw, env, common(raw, env));
    const jobsText = (0,input_value/* value */.U)(raw, env, 'jobs');
    const whole = parseRestoreAllInputs(raw, env);
    const singleTransaction = (0,values/* parseBool */.q6)('single-transaction', (0,input_value/* value */.U)(raw, env, 'single-transaction'));
    // auto: for a whole server, databases at once; for one database, pg_restore's jobs; both from the cores
    const auto = jobsText.toLowerCase() === 'auto';
    const jobs = auto
        ? whole.all
            ? defaultJobs()
            : singleTransaction
                ? 1
                : autoRestoreJobs()
        : (0,values/* parseInteger */.cG)('jobs', jobsText, 1, 64);
    if (singleTransaction && jobs > 1) {
        throw new errors/* UserError */.yo('single-transaction cannot be combined with jobs > 1 (pg_restore refuses it): choose one');
    }
    const backup = (0,backup_selector/* parseBackupSelector */.J)('backup', (0,input_value/* value */.U)(raw, env, 'backup') || 'latest');
    const clean = (0,values/* parseBool */.q6)('clean', (0,input_value/* value */.U)(raw, env, 'clean'));
    return {
        ...base,
        connection: conn,
        backup,
        clean,
        ...restoreSelection(raw, env, clean),
        ...whole,
        ...(auto && !whole.all ? { autoJobs: true } : {}),
        compare: (0,values/* parseBool */.q6)('compare', (0,input_value/* value */.U)(raw, env, 'compare')),
        noOwner: (0,values/* parseBool */.q6)('no-owner', (0,input_value/* value */.U)(raw, env, 'no-owner')),
        noAcl: (0,values/* parseBool */.q6)('no-acl', (0,input_value/* value */.U)(raw, env, 'no-acl')),
        jobs,
        createDatabase: (0,values/* parseBool */.q6)('create-database', (0,input_value/* value */.U)(raw, env, 'create-database')),
        singleTransaction,
        yes: (0,values/* parseBool */.q6)('yes', (0,input_value/* value */.U)(raw, env, 'yes')),
        pgBinDir: (0,input_value/* value */.U)(raw, env, 'pg-bin-dir') || undefined,
        ...parseTempDir(raw, env),
        ...parseDecodedCopy(raw, env),
        ...parseDecryptionOptions(raw, env),
        thaw: (0,thaw/* parseThawOptions */.i)(raw, env),
    };
}
/** table / schema / schema-only / data-only: what pg_restore accepts together. */
function restoreSelection(raw, env, clean) {
    const schemaOnly = (0,values/* parseBool */.q6)('schema-only', (0,input_value/* value */.U)(raw, env, 'schema-only'));
    const dataOnly = (0,values/* parseBool */.q6)('data-only', (0,input_value/* value */.U)(raw, env, 'data-only'));
    if (schemaOnly && dataOnly) {
        throw new errors/* UserError */.yo('schema-only and data-only exclude each other: set one (neither restores both)');
    }
    if (dataOnly && clean) {
        throw new errors/* UserError */.yo('data-only cannot be combined with clean (pg_restore refuses it): empty the tables yourself');
    }
    return {
        tables: (0,values/* parseList */.E1)((0,input_value/* value */.U)(raw, env, 'table')),
        schemas: (0,values/* parseList */.E1)((0,input_value/* value */.U)(raw, env, 'schema')),
        schemaOnly,
        dataOnly,
    };
}
function parseVerifyOptions(raw, env = process.env) {
    return {
        ...(0,copy/* withCopy */.k)(raw, env, common(raw, env)),
        backup: (0,backup_selector/* parseBackupSelector */.J)('backup', (0,input_value/* value */.U)(raw, env, 'backup') || 'latest'),
        pgBinDir: (0,input_value/* value */.U)(raw, env, 'pg-bin-dir') || undefined,
        ...parseTempDir(raw, env),
        ...parseDecryptionOptions(raw, env),
        thaw: (0,thaw/* parseThawOptions */.i)(raw, env),
    };
}
function parseValidateOptions(raw, env = process.env) {
    const conn = connection(raw, env);
    return {
        ...parseVerifyOptions(raw, env),
        connection: conn,
        validationSql: (0,input_value/* value */.U)(raw, env, 'validation-sql') || undefined,
        keep: (0,values/* parseBool */.q6)('keep', (0,input_value/* value */.U)(raw, env, 'keep')),
        ...validateSetInputs(raw, env),
        ...(0,drill/* parseMaxRestoreTime */.N)(raw, env),
    };
}
function parseListOptions(raw, env = process.env) {
    return (0,copy/* withCopy */.k)(raw, env, common(raw, env));
}


/***/ }),

/***/ 4526:
/***/ ((__unused_webpack_module, __webpack_exports__, __webpack_require__) => {

/* harmony export */ __webpack_require__.d(__webpack_exports__, {
/* harmony export */   s3: () => (/* binding */ s3)
/* harmony export */ });
/* harmony import */ var _core_errors_js__WEBPACK_IMPORTED_MODULE_0__ = __webpack_require__(4296);
/* harmony import */ var _core_providers_js__WEBPACK_IMPORTED_MODULE_1__ = __webpack_require__(8201);
/* harmony import */ var _input_value_js__WEBPACK_IMPORTED_MODULE_2__ = __webpack_require__(30);
/* harmony import */ var _keys_js__WEBPACK_IMPORTED_MODULE_3__ = __webpack_require__(4240);
/* harmony import */ var _values_js__WEBPACK_IMPORTED_MODULE_4__ = __webpack_require__(2262);
/* harmony import */ var _core_input_ref_js__WEBPACK_IMPORTED_MODULE_5__ = __webpack_require__(7571);






const EXAMPLE_REGION = { b2: 'us-west-004', spaces: 'nyc3', scaleway: 'fr-par' };
function s3(raw, env, environment) {
    const bucket = (0,_input_value_js__WEBPACK_IMPORTED_MODULE_2__/* .value */ .U)(raw, env, 'bucket');
    if (!bucket)
        throw new _core_errors_js__WEBPACK_IMPORTED_MODULE_0__/* .UserError */ .yo(`bucket is empty: set ${(0,_core_input_ref_js__WEBPACK_IMPORTED_MODULE_5__/* .inputRef */ .i)('bucket')}`);
    if (!/^[a-z0-9][a-z0-9.-]{1,61}[a-z0-9]$/.test(bucket)) {
        throw new _core_errors_js__WEBPACK_IMPORTED_MODULE_0__/* .UserError */ .yo(`bucket: "${bucket}" is not a valid bucket name (3-63 lower-case letters, digits, "." and "-")`);
    }
    const provider = _core_providers_js__WEBPACK_IMPORTED_MODULE_1__/* .PROFILES */ .j[(0,_values_js__WEBPACK_IMPORTED_MODULE_4__/* .parseEnum */ .nL)('provider', (0,_input_value_js__WEBPACK_IMPORTED_MODULE_2__/* .value */ .U)(raw, env, 'provider') || 'aws', _core_providers_js__WEBPACK_IMPORTED_MODULE_1__/* .PROVIDERS */ .x)];
    const explicitRegion = (0,_input_value_js__WEBPACK_IMPORTED_MODULE_2__/* .value */ .U)(raw, env, 'region');
    const region = explicitRegion || provider.defaultRegion || 'us-east-1';
    let endpoint = (0,_input_value_js__WEBPACK_IMPORTED_MODULE_2__/* .value */ .U)(raw, env, 'endpoint') || undefined;
    if (endpoint && !/^https?:\/\/[^\s/]+/.test(endpoint)) {
        throw new _core_errors_js__WEBPACK_IMPORTED_MODULE_0__/* .UserError */ .yo(`endpoint: "${endpoint}" is not an http(s) URL; use e.g. https://s3.example.com`);
    }
    if (!endpoint && provider.needs === 'endpoint') {
        throw new _core_errors_js__WEBPACK_IMPORTED_MODULE_0__/* .UserError */ .yo(`endpoint is empty: provider ${provider.name} needs its URL (e.g. https://minio.example.com:9000)`);
    }
    if (!endpoint && provider.endpoint) {
        if (provider.needs === 'region' && !explicitRegion) {
            throw new _core_errors_js__WEBPACK_IMPORTED_MODULE_0__/* .UserError */ .yo(`region is empty: provider ${provider.name} builds its endpoint from the region (e.g. ${EXAMPLE_REGION[provider.name]}); set region or endpoint`);
        }
        const accountId = (0,_input_value_js__WEBPACK_IMPORTED_MODULE_2__/* .value */ .U)(raw, env, 'account-id');
        if (provider.needs === 'account-id' && !/^[0-9a-f]{32}$/i.test(accountId)) {
            throw new _core_errors_js__WEBPACK_IMPORTED_MODULE_0__/* .UserError */ .yo(accountId
                ? `account-id: "${accountId}" is not a Cloudflare account id (32 hex digits)`
                : `account-id is empty: provider ${provider.name} builds its endpoint from your Cloudflare account id; set account-id (or CLOUDFLARE_ACCOUNT_ID) or endpoint`);
        }
        endpoint = provider.endpoint({ region, accountId });
    }
    // "/" is the bucket's root; not given: the environment
    const prefixText = (0,_input_value_js__WEBPACK_IMPORTED_MODULE_2__/* .value */ .U)(raw, env, 'prefix');
    const fps = (0,_input_value_js__WEBPACK_IMPORTED_MODULE_2__/* .value */ .U)(raw, env, 'force-path-style');
    const checksum = (0,_input_value_js__WEBPACK_IMPORTED_MODULE_2__/* .value */ .U)(raw, env, 'request-checksum');
    // aws with a custom endpoint: the conservative settings every S3-compatible server takes
    const custom = provider.name === 'aws' && Boolean(endpoint);
    const requestChecksum = checksum
        ? (0,_values_js__WEBPACK_IMPORTED_MODULE_4__/* .parseEnum */ .nL)('request-checksum', checksum, ['when-supported', 'when-required'])
        : custom || provider.requestChecksum === 'WHEN_REQUIRED'
            ? 'when-required'
            : 'when-supported';
    return {
        bucket,
        prefix: prefixText ? (0,_keys_js__WEBPACK_IMPORTED_MODULE_3__/* .parsePrefix */ .A1)('prefix', prefixText) : environment,
        endpoint,
        region,
        forcePathStyle: fps ? (0,_values_js__WEBPACK_IMPORTED_MODULE_4__/* .parseBool */ .q6)('force-path-style', fps) : custom || provider.forcePathStyle,
        requestChecksum: requestChecksum === 'when-required' ? 'WHEN_REQUIRED' : 'WHEN_SUPPORTED',
        provider,
        timeoutMs: (0,_values_js__WEBPACK_IMPORTED_MODULE_4__/* .parseDuration */ .E9)('s3-timeout', (0,_input_value_js__WEBPACK_IMPORTED_MODULE_2__/* .value */ .U)(raw, env, 's3-timeout')) * 1000,
    };
}


/***/ }),

/***/ 2176:
/***/ ((__unused_webpack_module, __webpack_exports__, __webpack_require__) => {

/* harmony export */ __webpack_require__.d(__webpack_exports__, {
/* harmony export */   i: () => (/* binding */ parseThawOptions)
/* harmony export */ });
/* harmony import */ var _core_errors_js__WEBPACK_IMPORTED_MODULE_0__ = __webpack_require__(4296);
/* harmony import */ var _core_archive_tiers_js__WEBPACK_IMPORTED_MODULE_1__ = __webpack_require__(529);
/* harmony import */ var _input_value_js__WEBPACK_IMPORTED_MODULE_2__ = __webpack_require__(30);
/* harmony import */ var _values_js__WEBPACK_IMPORTED_MODULE_3__ = __webpack_require__(2262);
/** Inputs of archive tiers: thaw (ask S3 to restore), wait, thaw-tier, thaw-days, thaw-timeout, thaw-poll-interval. */




/** The tier's spelling is S3's (Standard); any case is accepted. */
function tierOf(text) {
    const found = _core_archive_tiers_js__WEBPACK_IMPORTED_MODULE_1__/* .THAW_TIERS */ .Vv.find((t) => t.toLowerCase() === text.trim().toLowerCase());
    return found ?? (0,_values_js__WEBPACK_IMPORTED_MODULE_3__/* .parseEnum */ .nL)('thaw-tier', text, _core_archive_tiers_js__WEBPACK_IMPORTED_MODULE_1__/* .THAW_TIERS */ .Vv);
}
/** `thaw`: set for the thaw verb (which always asks), read from the input for restore, verify and validate. */
function parseThawOptions(raw, env, thaw) {
    const asked = thaw ?? (0,_values_js__WEBPACK_IMPORTED_MODULE_3__/* .parseBool */ .q6)('thaw', (0,_input_value_js__WEBPACK_IMPORTED_MODULE_2__/* .value */ .U)(raw, env, 'thaw'));
    const wait = (0,_values_js__WEBPACK_IMPORTED_MODULE_3__/* .parseBool */ .q6)('wait', (0,_input_value_js__WEBPACK_IMPORTED_MODULE_2__/* .value */ .U)(raw, env, 'wait'));
    if (wait && !asked)
        throw new _core_errors_js__WEBPACK_IMPORTED_MODULE_0__/* .UserError */ .yo('wait needs thaw: add --thaw (thaw: true) to ask S3 to restore the backup');
    const timeoutSeconds = (0,_values_js__WEBPACK_IMPORTED_MODULE_3__/* .parseDuration */ .E9)('thaw-timeout', (0,_input_value_js__WEBPACK_IMPORTED_MODULE_2__/* .value */ .U)(raw, env, 'thaw-timeout'));
    const pollSeconds = (0,_values_js__WEBPACK_IMPORTED_MODULE_3__/* .parseDuration */ .E9)('thaw-poll-interval', (0,_input_value_js__WEBPACK_IMPORTED_MODULE_2__/* .value */ .U)(raw, env, 'thaw-poll-interval'));
    if (pollSeconds > timeoutSeconds)
        throw new _core_errors_js__WEBPACK_IMPORTED_MODULE_0__/* .UserError */ .yo('thaw-poll-interval is longer than thaw-timeout: the wait would end before the first look');
    return {
        thaw: asked,
        wait,
        tier: tierOf((0,_input_value_js__WEBPACK_IMPORTED_MODULE_2__/* .value */ .U)(raw, env, 'thaw-tier')),
        // S3 accepts any number of days; past a month the restored copy costs more than it is worth for a restore
        days: (0,_values_js__WEBPACK_IMPORTED_MODULE_3__/* .parseInteger */ .cG)('thaw-days', (0,_input_value_js__WEBPACK_IMPORTED_MODULE_2__/* .value */ .U)(raw, env, 'thaw-days'), 1, 365),
        timeoutSeconds,
        pollSeconds,
    };
}


/***/ }),

/***/ 2262:
/***/ ((__unused_webpack_module, __webpack_exports__, __webpack_require__) => {

/* harmony export */ __webpack_require__.d(__webpack_exports__, {
/* harmony export */   DB: () => (/* binding */ parseSize),
/* harmony export */   E1: () => (/* binding */ parseList),
/* harmony export */   E9: () => (/* binding */ parseDuration),
/* harmony export */   cG: () => (/* binding */ parseInteger),
/* harmony export */   lo: () => (/* binding */ parsePercent),
/* harmony export */   nL: () => (/* binding */ parseEnum),
/* harmony export */   q6: () => (/* binding */ parseBool),
/* harmony export */   rL: () => (/* binding */ parseTags)
/* harmony export */ });
/* harmony import */ var _core_errors_js__WEBPACK_IMPORTED_MODULE_0__ = __webpack_require__(4296);
/** Strict parsers for input values. Each throws a UserError naming the input and what it accepts. */

function parseBool(input, value) {
    const v = value.trim().toLowerCase();
    if (['true', 'yes', '1', 'on'].includes(v))
        return true;
    if (['false', 'no', '0', 'off', ''].includes(v))
        return false;
    throw new _core_errors_js__WEBPACK_IMPORTED_MODULE_0__/* .UserError */ .yo(`${input}: "${value}" is not a boolean; use true or false`);
}
function parseEnum(input, value, allowed) {
    const v = value.trim();
    const hit = allowed.find((a) => a.toLowerCase() === v.toLowerCase());
    if (hit === undefined)
        throw new _core_errors_js__WEBPACK_IMPORTED_MODULE_0__/* .UserError */ .yo(`${input}: "${value}" is not one of ${allowed.join(', ')}`);
    return hit;
}
function parseInteger(input, value, min, max) {
    const v = value.trim();
    if (!/^-?\d+$/.test(v))
        throw new _core_errors_js__WEBPACK_IMPORTED_MODULE_0__/* .UserError */ .yo(`${input}: "${value}" is not a whole number; use ${min} to ${max}`);
    const n = Number(v);
    if (n < 0 && min >= 0)
        throw new _core_errors_js__WEBPACK_IMPORTED_MODULE_0__/* .UserError */ .yo(`${input}: ${n} is negative; it must be ${min} or more, up to ${max}`);
    if (n < min || n > max)
        throw new _core_errors_js__WEBPACK_IMPORTED_MODULE_0__/* .UserError */ .yo(`${input}: ${n} is out of range; use ${min} to ${max}`);
    return n;
}
const UNITS = {
    '': 1,
    b: 1,
    k: 1e3,
    kb: 1e3,
    m: 1e6,
    mb: 1e6,
    g: 1e9,
    gb: 1e9,
    t: 1e12,
    tb: 1e12,
    kib: 2 ** 10,
    mib: 2 ** 20,
    gib: 2 ** 30,
    tib: 2 ** 40,
};
/** "16MiB", "64MB", "1.5GiB", "16777216" → bytes. */
function parseSize(input, value) {
    const m = /^\s*(\d+(?:\.\d+)?)\s*([a-z]*)\s*$/i.exec(value);
    const unit = m ? UNITS[m[2].toLowerCase()] : undefined;
    if (!m || unit === undefined) {
        throw new _core_errors_js__WEBPACK_IMPORTED_MODULE_0__/* .UserError */ .yo(`${input}: "${value}" is not a size; use e.g. 16MiB, 64MB or a number of bytes`);
    }
    return Math.round(Number(m[1]) * unit);
}
/** One per line or comma-separated; blanks dropped. */
function parseList(value) {
    return value
        .split(/[\n,]/)
        .map((s) => s.trim())
        .filter(Boolean);
}
/** key=value pairs → record; S3 tag limits checked. */
function parseTags(input, value) {
    const tags = {};
    for (const item of parseList(value)) {
        const eq = item.indexOf('=');
        if (eq <= 0)
            throw new _core_errors_js__WEBPACK_IMPORTED_MODULE_0__/* .UserError */ .yo(`${input}: "${item}" is not key=value`);
        const key = item.slice(0, eq).trim();
        const val = item.slice(eq + 1).trim();
        if (key.length > 128 || val.length > 256) {
            throw new _core_errors_js__WEBPACK_IMPORTED_MODULE_0__/* .UserError */ .yo(`${input}: "${key}" is too long (S3 allows keys of 128 and values of 256 characters)`);
        }
        tags[key] = val;
    }
    if (Object.keys(tags).length > 10)
        throw new _core_errors_js__WEBPACK_IMPORTED_MODULE_0__/* .UserError */ .yo(`${input}: S3 allows at most 10 tags per object`);
    return tags;
}
const DURATION_UNITS = { s: 1, m: 60, h: 3600, d: 86400, w: 604800 };
/** "26h", "90m", "1d12h", "2w" → seconds. A bare number is refused: minutes or hours? Say which. */
function parseDuration(input, value) {
    const v = value.trim().toLowerCase().replace(/\s+/g, '');
    const parts = [...v.matchAll(/(\d+(?:\.\d+)?)([smhdw])/g)];
    if (!v || parts.map((p) => p[0]).join('') !== v) {
        throw new _core_errors_js__WEBPACK_IMPORTED_MODULE_0__/* .UserError */ .yo(`${input}: "${value}" is not a duration; use a number with a unit: 26h, 90m, 2d, 1d12h (s, m, h, d, w)`);
    }
    const seconds = parts.reduce((sum, p) => sum + Number(p[1]) * DURATION_UNITS[p[2]], 0);
    if (seconds <= 0)
        throw new _core_errors_js__WEBPACK_IMPORTED_MODULE_0__/* .UserError */ .yo(`${input}: "${value}" must be longer than zero`);
    return Math.round(seconds);
}
/** "25%", "25", "0" → 25; 0 to 100. */
function parsePercent(input, value) {
    const m = /^\s*(\d+(?:\.\d+)?)\s*%?\s*$/.exec(value);
    const n = m ? Number(m[1]) : NaN;
    if (!m || n > 100)
        throw new _core_errors_js__WEBPACK_IMPORTED_MODULE_0__/* .UserError */ .yo(`${input}: "${value}" is not a percentage from 0 to 100, e.g. 25%`);
    return n;
}


/***/ }),

/***/ 4181:
/***/ ((__unused_webpack_module, __webpack_exports__, __webpack_require__) => {


// EXPORTS
__webpack_require__.d(__webpack_exports__, {
  $: () => (/* binding */ clientFor),
  q: () => (/* binding */ createS3Client)
});

// EXTERNAL MODULE: ./node_modules/@aws-sdk/client-s3/dist-cjs/index.js
var dist_cjs = __webpack_require__(3711);
// EXTERNAL MODULE: ./src/s3/describe-error.ts
var describe_error = __webpack_require__(2974);
;// CONCATENATED MODULE: ./src/s3/conditional.ts

/** The server does not implement conditional writes (as opposed to: the object exists, 412). */
function refusedAsUnsupported(err) {
    const status = err?.$metadata?.httpStatusCode;
    const code = (0,describe_error/* s3ErrorCode */.az)(err) ?? '';
    if (status === 501 || code === 'NotImplemented')
        return true;
    return status === 400 && /if-none-match|conditional/i.test(`${code} ${err?.message ?? ''}`);
}
function withoutIfNoneMatch(request) {
    const headers = Object.fromEntries(Object.entries(request.headers).filter(([name]) => name.toLowerCase() !== 'if-none-match'));
    return Object.assign(Object.create(Object.getPrototypeOf(request)), request, { headers });
}
/** Adds the fallback to a client: requests that carry If-None-Match keep it until the server refuses it once. */
function conditionalWriteFallback(client) {
    let unsupported = false;
    client.middlewareStack.add((next) => async (args) => {
        const request = args.request;
        if (!request?.headers || !Object.keys(request.headers).some((h) => h.toLowerCase() === 'if-none-match'))
            return next(args);
        const plain = withoutIfNoneMatch(request);
        if (unsupported)
            return next({ ...args, request: plain });
        try {
            return await next(args);
        }
        catch (err) {
            if (!refusedAsUnsupported(err))
                throw err;
            unsupported = true;
            return next({ ...args, request: plain });
        }
    }, 
    // before retries and signing: the request sent again is signed again, without the header
    { step: 'build', name: 'conditionalWriteFallback' });
}

// EXTERNAL MODULE: ./src/s3/multipart.ts
var multipart = __webpack_require__(6242);
// EXTERNAL MODULE: ./src/s3/transport.ts
var transport = __webpack_require__(8835);
;// CONCATENATED MODULE: ./src/s3/client.ts
/** The only place that builds an S3 client. Provider quirks are settled here. */




function createS3Client(o, extra = {}) {
    const timeoutMs = o.timeoutMs ?? transport/* DEFAULT_TIMEOUT_MS */.t1;
    const client = new dist_cjs.S3Client({
        region: o.region,
        ...(o.endpoint ? { endpoint: o.endpoint } : {}),
        forcePathStyle: o.forcePathStyle,
        ...(o.credentials ? { credentials: o.credentials } : {}),
        requestChecksumCalculation: o.requestChecksum,
        responseChecksumValidation: o.requestChecksum,
        // parts and sidecars are retried with backoff by the SDK; a dump is never restarted halfway
        maxAttempts: extra.maxAttempts ?? 5,
        // s3-timeout: connect and idle timeouts, and the run's signal on every request
        requestHandler: (0,transport/* requestHandler */.OX)(timeoutMs, extra.signal),
    });
    conditionalWriteFallback(client);
    (0,transport/* watchTimeouts */.gB)(client, timeoutMs);
    (0,multipart/* settleLostCompletes */.SW)(client);
    return client;
}
/** The run's client for a destination: the context's seam (the host's, bound to the run's signal) or a new one. */
function clientFor(ctx, o) {
    return (ctx.s3Client ?? createS3Client)(o);
}


/***/ }),

/***/ 2974:
/***/ ((__unused_webpack_module, __webpack_exports__, __webpack_require__) => {

/* harmony export */ __webpack_require__.d(__webpack_exports__, {
/* harmony export */   az: () => (/* binding */ s3ErrorCode),
/* harmony export */   c4: () => (/* binding */ isNotFound),
/* harmony export */   ov: () => (/* binding */ shortCode),
/* harmony export */   ye: () => (/* binding */ describeS3Error),
/* harmony export */   z7: () => (/* binding */ s3ErrorsOf)
/* harmony export */ });
/* harmony import */ var _core_errors_js__WEBPACK_IMPORTED_MODULE_0__ = __webpack_require__(4296);
/* harmony import */ var _core_redact_js__WEBPACK_IMPORTED_MODULE_1__ = __webpack_require__(2258);
/* harmony import */ var _transport_js__WEBPACK_IMPORTED_MODULE_2__ = __webpack_require__(8835);
/** S3 failures → one line with the S3 error code and what to do. */



function s3ErrorCode(err) {
    const e = err;
    // the HTTP handler names ECONNRESET and EPIPE "TimeoutError" (so that they are retried): the code says what happened
    if (e?.name === 'TimeoutError' && e.code && e.code !== 'ETIMEDOUT')
        return e.code;
    return e?.Code ?? (e?.name && e.name !== 'Error' ? e.name : undefined) ?? e?.code;
}
/** "AccessDenied 403", "403" (a HEAD error has no body, so no code), "ECONNRESET": for notes about a side request. */
function shortCode(err) {
    const code = s3ErrorCode(err);
    const status = err?.$metadata?.httpStatusCode;
    return [code === 'Unknown' ? undefined : code, status].filter(Boolean).join(' ') || 'error';
}
function isNotFound(err) {
    const e = err;
    return e?.$metadata?.httpStatusCode === 404 || ['NoSuchKey', 'NotFound'].includes(s3ErrorCode(err) ?? '');
}
function describeS3Error(err, where) {
    const cancelled = (0,_core_errors_js__WEBPACK_IMPORTED_MODULE_0__/* .cancellationOf */ .zg)(err);
    if (cancelled)
        return cancelled;
    if (err instanceof _core_errors_js__WEBPACK_IMPORTED_MODULE_0__/* .UserError */ .yo)
        return err;
    const described = describe(err, where);
    const notes = err?.$notes;
    if (!notes?.length)
        return described;
    const message = `${described.message.replace(/\.$/, '')}; ${notes.join('; ')}`;
    return described instanceof _core_errors_js__WEBPACK_IMPORTED_MODULE_0__/* .UserError */ .yo
        ? new _core_errors_js__WEBPACK_IMPORTED_MODULE_0__/* .UserError */ .yo(message, { cause: err })
        : new Error((0,_core_redact_js__WEBPACK_IMPORTED_MODULE_1__/* .redact */ .E$)(message), { cause: err });
}
/** The host (and port) of an endpoint URL, for messages. */
function hostOf(endpoint) {
    try {
        return endpoint ? new URL(endpoint).host : undefined;
    }
    catch {
        return undefined;
    }
}
function describe(err, where) {
    const target = `s3://${where.bucket}${where.key ? `/${where.key}` : ''}`;
    const timeout = (0,_transport_js__WEBPACK_IMPORTED_MODULE_2__/* .timeoutOf */ .Rq)(err);
    if (timeout)
        return describeTimeout(err, timeout, where, target);
    const code = s3ErrorCode(err) ?? 'Error';
    const status = err?.$metadata?.httpStatusCode;
    const tail = `${where.action} ${target} failed (${code}${status ? ` ${status}` : ''})`;
    if (status === 301 || code === 'PermanentRedirect')
        return new _core_errors_js__WEBPACK_IMPORTED_MODULE_0__/* .UserError */ .yo(wrongRegion(err, tail), { cause: err });
    const known = knownCause(code, where, tail);
    if (known)
        return new _core_errors_js__WEBPACK_IMPORTED_MODULE_0__/* .UserError */ .yo(known, { cause: err });
    const msg = err?.message ?? String(err);
    return new Error((0,_core_redact_js__WEBPACK_IMPORTED_MODULE_1__/* .redact */ .E$)(`${tail}: ${msg}`), { cause: err });
}
/** A request that timed out (s3-timeout): which phase, against which peer, after how many attempts. */
function describeTimeout(err, timeout, where, target) {
    const peer = timeout.peer ?? hostOf(where.endpoint) ?? 'S3';
    const seconds = timeout.timeoutMs !== undefined ? `${timeout.timeoutMs / 1000}s` : 'the s3-timeout';
    const attempts = err?.$metadata?.attempts;
    const tries = attempts && attempts > 1 ? ` on each of ${attempts} attempts` : '';
    const what = timeout.phase === 'connect'
        ? `no connection to ${peer} within ${seconds}${tries}`
        : timeout.neverAnswered
            ? `${peer} accepted the connection but sent nothing for ${seconds}`
            : `nothing moved to or from ${peer} for ${seconds}${tries}`;
    return new _core_errors_js__WEBPACK_IMPORTED_MODULE_0__/* .UserError */ .yo(`${where.action} ${target} failed: ${what} (s3-timeout); check the endpoint and the network, or raise s3-timeout for a slow link`, { cause: err });
}
/** The message for an error code whose cause and remedy are known (a user error), else undefined. */
function knownCause(code, where, tail) {
    switch (code) {
        case 'NoSuchBucket':
            return `bucket: "${where.bucket}" does not exist (NoSuchBucket): create it or fix the bucket input`;
        case 'SignatureDoesNotMatch':
        case 'InvalidAccessKeyId':
        case 'InvalidClientTokenId':
        case 'ExpiredToken':
            return `${tail}: S3 rejected the credentials; check AWS_ACCESS_KEY_ID / AWS_SECRET_ACCESS_KEY (or the role assumed)`;
        case 'AccessDenied':
        case 'Forbidden':
            return `${tail}: the credentials lack permission for this; see the least-privilege policy in the README`;
        case 'PreconditionFailed':
        case 'ConditionalRequestConflict':
            return `${tail}: the object was written by another run meanwhile (If-None-Match: * refused this write); nothing was overwritten`;
        case 'InvalidObjectState':
            return `${tail}: the object is in an archive tier (GLACIER or DEEP_ARCHIVE) and must be restored first: run again with --thaw (see thaw-tier)`;
        case 'CredentialsProviderError':
            return `no AWS credentials found: set AWS_ACCESS_KEY_ID and AWS_SECRET_ACCESS_KEY, or use aws-actions/configure-aws-credentials`;
        case 'ECONNREFUSED':
        case 'ENOTFOUND':
        case 'EAI_AGAIN':
        case 'ETIMEDOUT':
            return `${tail}: cannot reach ${where.endpoint ?? 'S3'} (${code}); check the endpoint and region inputs`;
        default:
            return undefined;
    }
}
/** describeS3Error bound to one destination: `(err, action, key?)` → the one line. */
function s3ErrorsOf(s3) {
    return (err, action, key) => describeS3Error(err, { bucket: s3.bucket, key, endpoint: s3.endpoint, action });
}
/** A bucket in another region than the client's: S3 answers 301 and names the bucket's region in a header. */
function wrongRegion(err, tail) {
    const headers = err?.$response?.headers;
    const region = headers?.['x-amz-bucket-region'];
    return region
        ? `${tail}: the bucket is in ${region}: set region to ${region} (--region ${region}, or AWS_REGION)`
        : `${tail}: the bucket is in another region, which S3 did not name: set region to the bucket's region (aws s3api get-bucket-location --bucket …)`;
}


/***/ }),

/***/ 6242:
/***/ ((__unused_webpack_module, __webpack_exports__, __webpack_require__) => {

/* harmony export */ __webpack_require__.d(__webpack_exports__, {
/* harmony export */   SW: () => (/* binding */ settleLostCompletes),
/* harmony export */   VZ: () => (/* binding */ UPLOAD_MARKER),
/* harmony export */   gp: () => (/* binding */ addNote),
/* harmony export */   sL: () => (/* binding */ completedByLooking)
/* harmony export */ });
/* unused harmony export multipartETag */
/* harmony import */ var node_crypto__WEBPACK_IMPORTED_MODULE_0__ = __webpack_require__(7598);
/* harmony import */ var node_crypto__WEBPACK_IMPORTED_MODULE_0___default = /*#__PURE__*/__webpack_require__.n(node_crypto__WEBPACK_IMPORTED_MODULE_0__);
/* harmony import */ var _aws_sdk_client_s3__WEBPACK_IMPORTED_MODULE_2__ = __webpack_require__(3711);
/* harmony import */ var _describe_error_js__WEBPACK_IMPORTED_MODULE_1__ = __webpack_require__(2974);
/**
 * A CompleteMultipartUpload whose answer was lost. The server completed the object, the client saw a reset and sent
 * the request again: AWS answers the repeat with 200, MinIO, Ceph and others with NoSuchUpload. Whenever a Complete
 * finally fails, we look instead of guessing: HeadObject, and
 *  - the object is there with our size and our multipart ETag (MD5 of the parts' MD5s, "-" and the part count):
 *    the upload succeeded, and the Complete returns as if the answer had arrived;
 *  - something else is there that this run's upload created (our marker in its metadata): it is removed, so no
 *    backup stays without its sidecars;
 *  - nothing is there, or an object that is not ours: the failure stands.
 * A middleware on the client does it, so lib-storage's Upload (and every other multipart upload) gets it unchanged.
 */



/** x-amz-meta-s3-backup-upload: a random value per upload, so an object can be recognised as this run's own. */
const UPLOAD_MARKER = 's3-backup-upload';
/** The ETag S3 gives a multipart object: MD5 of the concatenated binary MD5s of its parts, "-", the part count. */
function multipartETag(partETags) {
    const md5 = (0,node_crypto__WEBPACK_IMPORTED_MODULE_0__.createHash)('md5');
    for (const etag of partETags) {
        const hex = etag.replace(/"/g, '').toLowerCase();
        if (!/^[0-9a-f]{32}$/.test(hex))
            return undefined; // not an MD5 (e.g. SSE-KMS): cannot be recomputed
        md5.update(Buffer.from(hex, 'hex'));
    }
    return `${md5.digest('hex')}-${partETags.length}`;
}
const plainETag = (etag) => etag?.replace(/"/g, '').toLowerCase();
/** Outputs that were settled by looking after a lost answer (the backup logs it). */
const settledByLooking = new WeakSet();
function completedByLooking(output) {
    return Boolean(output && settledByLooking.has(output));
}
/** Lines added to an S3 error's message (what was found or cleaned up after it). */
function addNote(err, note) {
    if (err && typeof err === 'object') {
        const e = err;
        e.$notes = [...(e.$notes ?? []), note];
    }
}
function byteLength(body) {
    if (typeof body === 'string')
        return Buffer.byteLength(body);
    const b = body;
    return typeof b?.byteLength === 'number' ? b.byteLength : undefined;
}
async function settle(client, input, tracked, failure) {
    const where = `s3://${input.Bucket}/${input.Key}`;
    let head;
    try {
        head = await client.send(new _aws_sdk_client_s3__WEBPACK_IMPORTED_MODULE_2__.HeadObjectCommand({ Bucket: input.Bucket, Key: input.Key }));
    }
    catch (err) {
        if ((0,_describe_error_js__WEBPACK_IMPORTED_MODULE_1__/* .isNotFound */ .c4)(err))
            return undefined; // nothing there: the upload did not complete
        const looked = `could not check whether the server completed ${where} anyway (HeadObject: ${(0,_describe_error_js__WEBPACK_IMPORTED_MODULE_1__/* .shortCode */ .ov)(err)})`;
        // this run's own upload (its key is new): better gone than there without sidecars
        if (tracked?.marker === undefined)
            addNote(failure, `${looked}; if it exists, it has no sidecars`);
        else
            await remove(client, input, failure, looked);
        return undefined;
    }
    const parts = input.MultipartUpload?.Parts ?? [];
    const expectedETag = multipartETag(parts.map((p) => p.ETag ?? ''));
    const sizes = parts.map((p) => tracked?.sizes.get(p.PartNumber ?? 0));
    const expectedSize = sizes.every((s) => s !== undefined) ? sizes.reduce((a, b) => a + b, 0) : undefined;
    const sameETag = expectedETag !== undefined && plainETag(head.ETag) === expectedETag;
    const sameSize = expectedSize === undefined || head.ContentLength === expectedSize;
    if (sameETag && sameSize) {
        const output = {
            $metadata: { httpStatusCode: 200 },
            Bucket: input.Bucket,
            Key: input.Key,
            ETag: head.ETag,
            ...(head.VersionId ? { VersionId: head.VersionId } : {}),
        };
        settledByLooking.add(output);
        return output;
    }
    const ours = tracked?.marker !== undefined && head.Metadata?.[UPLOAD_MARKER] === tracked.marker;
    if (!ours) {
        addNote(failure, `${where} exists but is not this run's upload: left as it is`);
        return undefined;
    }
    const found = `the server had completed ${where} with other content (ETag ${plainETag(head.ETag)}, ${head.ContentLength} bytes; ` +
        `expected ${expectedETag ?? 'an MD5-based ETag'}, ${expectedSize ?? 'unknown'} bytes)`;
    await remove(client, input, failure, found);
    return undefined;
}
async function remove(client, input, failure, why) {
    const where = `s3://${input.Bucket}/${input.Key}`;
    try {
        await client.send(new _aws_sdk_client_s3__WEBPACK_IMPORTED_MODULE_2__.DeleteObjectCommand({ Bucket: input.Bucket, Key: input.Key }));
        addNote(failure, `${why}: removed ${where}`);
    }
    catch (err) {
        addNote(failure, `${why}, and removing ${where} failed (${(0,_describe_error_js__WEBPACK_IMPORTED_MODULE_1__/* .shortCode */ .ov)(err)}): delete it, it has no sidecars`);
    }
}
/** Installs the look-after-a-failed-Complete middleware (and the bookkeeping it needs) on a client. */
function settleLostCompletes(client) {
    const uploads = new Map();
    client.middlewareStack.add((next, context) => async (args) => {
        const input = args.input;
        switch (context.commandName) {
            case 'CreateMultipartUploadCommand': {
                const result = await next(args);
                const id = result.output.UploadId;
                const metadata = input.Metadata;
                if (id)
                    uploads.set(id, { marker: metadata?.[UPLOAD_MARKER], sizes: new Map() });
                return result;
            }
            case 'UploadPartCommand':
            case 'UploadPartCopyCommand': {
                const result = await next(args);
                const range = /^bytes=(\d+)-(\d+)$/.exec(String(input.CopySourceRange ?? ''));
                const size = range ? Number(range[2]) - Number(range[1]) + 1 : byteLength(input.Body);
                if (size !== undefined)
                    uploads.get(String(input.UploadId))?.sizes.set(Number(input.PartNumber), size);
                return result;
            }
            case 'CompleteMultipartUploadCommand': {
                const id = String(input.UploadId);
                try {
                    const result = await next(args);
                    uploads.delete(id);
                    return result;
                }
                catch (err) {
                    const output = await settle(client, input, uploads.get(id), err);
                    if (!output)
                        throw err;
                    uploads.delete(id);
                    return { output: output, response: undefined };
                }
            }
            case 'AbortMultipartUploadCommand': {
                const result = await next(args);
                uploads.delete(String(input.UploadId));
                return result;
            }
            default:
                return next(args);
        }
    }, 
    // outside the retry loop: a Complete has failed only when its retries have
    { step: 'initialize', priority: 'low', name: 's3BackupSettleLostCompletes' });
}


/***/ }),

/***/ 8835:
/***/ ((__unused_webpack_module, __webpack_exports__, __webpack_require__) => {

/* harmony export */ __webpack_require__.d(__webpack_exports__, {
/* harmony export */   JH: () => (/* binding */ transportOf),
/* harmony export */   OX: () => (/* binding */ requestHandler),
/* harmony export */   Rq: () => (/* binding */ timeoutOf),
/* harmony export */   VO: () => (/* binding */ CLEANUP_GRACE_MS),
/* harmony export */   gB: () => (/* binding */ watchTimeouts),
/* harmony export */   t1: () => (/* binding */ DEFAULT_TIMEOUT_MS)
/* harmony export */ });
/* unused harmony exports PIECE, inPieces, S3TimeoutError */
/* harmony import */ var node_stream__WEBPACK_IMPORTED_MODULE_0__ = __webpack_require__(7075);
/* harmony import */ var node_stream__WEBPACK_IMPORTED_MODULE_0___default = /*#__PURE__*/__webpack_require__.n(node_stream__WEBPACK_IMPORTED_MODULE_0__);
/* harmony import */ var _smithy_node_http_handler__WEBPACK_IMPORTED_MODULE_1__ = __webpack_require__(1279);
/**
 * How every S3 request travels: bounded in time (s3-timeout) and bound to the run's cancellation.
 *
 * - s3-timeout is the connect timeout and the socket idle timeout of @smithy/node-http-handler: a request fails when
 *   no connection is made within it, or when no byte moves either way on its socket for that long. A multipart part
 *   on a slow link is never cut while bytes flow (the handler's requestTimeout, a total deadline, is not used).
 *   Node refreshes a socket's idle timer when a write completes, not while one is in progress: a part handed over
 *   as one 16 MiB write on a slow link looks idle until the whole part is sent. Bodies are therefore written in
 *   64 KiB pieces (the SDK still sees the buffer, so the request stays retryable); once the last piece is handed to
 *   the kernel, what is buffered there must drain and the answer come within s3-timeout.
 * - A request that timed out is retried by the SDK once the endpoint has answered anything on this client; an endpoint
 *   that accepted the connection and never answered fails at the first timeout, instead of five times in a row.
 * - Every read and every part's body gets the run's signal (SIGINT/SIGTERM aborts it at once). DELETE requests
 *   (aborting a multipart upload, removing what a failed run wrote) are the cleanup, and a request that creates an
 *   object or an upload (PutObject, CopyObject, Create/CompleteMultipartUpload) must end before it: abandoned on its
 *   way, it can still land on the server, and nobody would know to remove it. Both keep a few seconds after the
 *   signal to finish.
 */


const DEFAULT_TIMEOUT_MS = 60_000;
/** How long cleanup requests may still run after the run was cancelled. */
const CLEANUP_GRACE_MS = 5_000;
/** NodeHttpHandler whose requests also stop when the run is cancelled. */
class RunHttpHandler extends _smithy_node_http_handler__WEBPACK_IMPORTED_MODULE_1__.NodeHttpHandler {
    run;
    constructor(options, run) {
        super(options);
        this.run = run;
    }
    handle(request, options = {}) {
        request = inPieces(request);
        if (!this.run)
            return super.handle(request, options);
        const bound = request.method === 'DELETE' || createsObject(request) ? this.run.cleanup : this.run.signal;
        const own = options.abortSignal;
        const abortSignal = own ? AbortSignal.any([own, bound]) : bound;
        return super.handle(request, { ...options, abortSignal });
    }
}
/** A PUT or POST that is not a part's body (UploadPart, UploadPartCopy): its object or upload may outlive an abort. */
function createsObject(request) {
    return request.method === 'POST' || (request.method === 'PUT' && request.query?.partNumber === undefined);
}
const PIECE = 64 * 1024;
/** The same request, its body (a buffer larger than PIECE) written as a stream of PIECE-sized writes. */
function inPieces(request) {
    const body = request.body;
    const bytes = typeof body === 'string'
        ? Buffer.from(body)
        : body instanceof Uint8Array
            ? Buffer.from(body.buffer, body.byteOffset, body.byteLength)
            : undefined;
    if (!bytes || bytes.length <= PIECE)
        return request;
    function* pieces() {
        for (let offset = 0; offset < bytes.length; offset += PIECE)
            yield bytes.subarray(offset, offset + PIECE);
    }
    // a plain copy: the handler reads only the request's fields; the SDK keeps the original for a retry
    return { ...request, body: node_stream__WEBPACK_IMPORTED_MODULE_0__.Readable.from(pieces(), { objectMode: false }) };
}
/** Aborts CLEANUP_GRACE_MS after `run` aborts. */
function cleanupSignal(run, graceMs) {
    const controller = new AbortController();
    const arm = () => {
        setTimeout(() => controller.abort(new Error(`the cleanup after cancellation ran past ${graceMs / 1000}s`)), graceMs).unref();
    };
    if (run.aborted)
        arm();
    else
        run.addEventListener('abort', arm, { once: true });
    return controller.signal;
}
function requestHandler(timeoutMs, signal, graceMs = CLEANUP_GRACE_MS) {
    return new RunHttpHandler({ connectionTimeout: timeoutMs, socketTimeout: timeoutMs }, signal ? { signal, cleanup: cleanupSignal(signal, graceMs) } : undefined);
}
/** An S3 request that timed out at an endpoint that had never answered: not retried. */
class S3TimeoutError extends Error {
    $peer;
    $timeoutMs;
    $phase;
    $neverAnswered;
    name = 'S3TimeoutError';
    constructor($peer, $timeoutMs, $phase, $neverAnswered) {
        super($phase === 'connect'
            ? `no connection to ${$peer} within ${$timeoutMs / 1000}s`
            : `nothing received from ${$peer} for ${$timeoutMs / 1000}s`);
        this.$peer = $peer;
        this.$timeoutMs = $timeoutMs;
        this.$phase = $phase;
        this.$neverAnswered = $neverAnswered;
    }
}
/**
 * Whether an error is a connect or idle timeout. The handler also names ECONNRESET and EPIPE "TimeoutError" (so the
 * SDK retries them): those are resets, not timeouts.
 */
function timeoutOf(err) {
    const e = err;
    if (!e)
        return undefined;
    const isTimeout = e.name === 'S3TimeoutError' || (e.name === 'TimeoutError' && (!e.code || e.code === 'ETIMEDOUT'));
    if (!isTimeout)
        return undefined;
    const phase = e.$phase ?? (/establish a connection|connect ETIMEDOUT/.test(e.message ?? '') ? 'connect' : 'idle');
    return { peer: e.$peer, timeoutMs: e.$timeoutMs, phase, neverAnswered: e.$neverAnswered ?? false };
}
const transports = new WeakMap();
/** The client's timeout and peer, for errors raised outside the SDK's middleware (a response body that stalls). */
function transportOf(client) {
    return transports.get(client);
}
/** Names the peer and the timeout on timeout errors, and stops the retries of an endpoint that never answered. */
function watchTimeouts(client, timeoutMs) {
    const transport = { timeoutMs };
    transports.set(client, transport);
    let answered = false;
    client.middlewareStack.add((next) => async (args) => {
        const request = args.request;
        const peer = `${request.hostname ?? 'S3'}${request.port ? `:${request.port}` : ''}`;
        transport.peer = peer;
        try {
            const out = await next(args);
            answered = true;
            return out;
        }
        catch (err) {
            const timeout = timeoutOf(err);
            if (!timeout)
                throw err;
            if (!answered)
                throw new S3TimeoutError(peer, timeoutMs, timeout.phase, true);
            throw Object.assign(err, { $peer: peer, $timeoutMs: timeoutMs, $phase: timeout.phase });
        }
    }, 
    // inside the retry loop and below the deserializer: sees every attempt, and only transport failures as errors
    { step: 'deserialize', priority: 'low', name: 's3BackupTimeouts' });
}


/***/ })

};
