// A deterministic database of a chosen plain-dump size, generated inside the server (INSERT … SELECT over
// generate_series: no data crosses the wire). pgbench's four tables plus an `events` table with text, numeric and
// jsonb columns; values come from hashint8extended()/md5() of the row number, so every run produces the same bytes
// and the dump compresses like application data (timestamps, repeated words, JSON keys, some hex) rather than
// like zeros or like random noise. Regular (logged) tables, primary keys and one secondary index, then
// VACUUM (FREEZE, ANALYZE) so pg_dump never has to set hint bits while it is being timed.

const WORDS = [
  'the',
  'order',
  'was',
  'shipped',
  'to',
  'customer',
  'after',
  'payment',
  'confirmed',
  'by',
  'bank',
  'and',
  'warehouse',
  'in',
  'berlin',
  'paris',
  'lisbon',
  'oslo',
  'delayed',
  'because',
  'of',
  'weather',
  'stock',
  'low',
  'invoice',
  'sent',
  'email',
  'reminder',
  'refund',
  'requested',
  'support',
  'ticket',
  'opened',
  'closed',
  'user',
  'changed',
  'address',
  'phone',
  'number',
  'discount',
  'applied',
  'coupon',
  'expired',
  'gift',
  'card',
  'balance',
  'updated',
  'manually',
  'note',
  'from',
  'agent',
  'please',
  'check',
  'again',
  'tomorrow',
  'morning',
  'priority',
  'high',
  'normal',
  'express',
  'delivery',
  'standard',
  'return',
  'label',
]; // 64 words: 6 bits each
const KINDS = ['page_view', 'click', 'purchase', 'signup', 'login', 'logout', 'refund', 'search'];
const STATUSES = ['ok', 'ok', 'ok', 'ok', 'pending', 'failed', 'ok', 'retry'];
const AGENTS = [
  'Mozilla/5.0 (Windows NT 10.0; Win64; x64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/124.0 Safari/537.36',
  'Mozilla/5.0 (Macintosh; Intel Mac OS X 14_4) AppleWebKit/605.1.15 (KHTML, like Gecko) Version/17.4 Safari/605.1.15',
  'Mozilla/5.0 (X11; Linux x86_64; rv:125.0) Gecko/20100101 Firefox/125.0',
  'Mozilla/5.0 (iPhone; CPU iPhone OS 17_4 like Mac OS X) AppleWebKit/605.1.15 Mobile/15E148',
  'okhttp/4.12.0',
  'python-requests/2.31.0',
  'curl/8.5.0',
  'Go-http-client/2.0',
];
const TAGS = [
  'new',
  'vip',
  'mobile',
  'web',
  'api',
  'promo',
  'eu',
  'us',
  'apac',
  'beta',
  'trial',
  'b2b',
  'b2c',
  'gift',
  'bulk',
  'test',
];

const arr = (xs) => `ARRAY[${xs.map((x) => `'${x.replace(/'/g, "''")}'`).join(',')}]::text[]`;
const W = arr(WORDS);
const bits = (h, shift, mask) => `((${h} >> ${shift}) & ${mask})`;
const words = (h, n, from = 0) =>
  Array.from({ length: n }, (_, k) => `(${W})[1 + ${bits(h, from + 6 * k, 63)}]`).join(` || ' ' || `);

const DDL = `
CREATE TABLE pgbench_branches (bid int NOT NULL, bbalance int, filler char(88));
CREATE TABLE pgbench_tellers (tid int NOT NULL, bid int, tbalance int, filler char(84));
CREATE TABLE pgbench_accounts (aid int NOT NULL, bid int, abalance int, filler char(84));
CREATE TABLE pgbench_history (tid int, bid int, aid int, delta int, mtime timestamp, filler char(22));
CREATE TABLE events (
  id bigint NOT NULL,
  account_id int NOT NULL,
  created_at timestamptz NOT NULL,
  kind text NOT NULL,
  status text NOT NULL,
  amount numeric(12,2),
  payload jsonb NOT NULL,
  note text
);`;

/** The SELECT producing rows lo..hi of a table; `n` = number of accounts (for foreign-key-like columns). */
function selectSql(table, lo, hi, n) {
  const series = `generate_series(${lo}::bigint, ${hi}::bigint) AS s(i)`;
  switch (table) {
    case 'pgbench_accounts':
      return `SELECT i::int, (1 + (i - 1) / 100000)::int, (hashint8(i) % 100000)::int, md5(i::text) FROM ${series}`;
    case 'pgbench_history': {
      const h = 'hashint8extended(i, 1)';
      return `SELECT (1 + ${bits(h, 0, 1023)})::int, (1 + ${bits(h, 10, 255)})::int,
        (1 + abs(${h} % ${n}))::int, (${bits(h, 20, 8191)} - 4096)::int,
        timestamp '2024-01-01' + i * interval '397 milliseconds', left(md5(i::text || 'h'), 10) FROM ${series}`;
    }
    case 'events': {
      const h = 'hashint8extended(i, 7)';
      const g = 'hashint8extended(i, 11)';
      return `SELECT i, (1 + abs(${h} % ${n}))::int,
        timestamptz '2023-01-01 00:00:00+00' + i * interval '250 milliseconds',
        (${arr(KINDS)})[1 + ${bits(h, 8, 7)}], (${arr(STATUSES)})[1 + ${bits(h, 11, 7)}],
        (${bits(h, 14, 1048575)} / 100.0)::numeric(12,2),
        jsonb_build_object(
          'ip', '10.' || ${bits(h, 34, 255)} || '.' || ${bits(h, 42, 255)} || '.' || ${bits(g, 50, 255)},
          'ua', (${arr(AGENTS)})[1 + ${bits(h, 58, 7)}],
          'session', left(md5(i::text), 16),
          'items', ${bits(h, 20, 15)},
          'tags', jsonb_build_array((${arr(TAGS)})[1 + ${bits(g, 0, 15)}], (${arr(TAGS)})[1 + ${bits(g, 4, 15)}]),
          'v', 2),
        ${words(g, 8, 8)} FROM ${series}`;
    }
    default:
      throw new Error(`no generator for ${table}`);
  }
}

/** Share of the plain dump each big table should make up. */
const SHARES = { pgbench_accounts: 0.3, pgbench_history: 0.15, events: 0.55 };

/** Column widths in COPY text: bpchar columns are padded to their declared width (its ::text form is trimmed). */
const COLUMNS = {
  pgbench_accounts: [null, null, null, 84],
  pgbench_history: [null, null, null, null, null, 22],
  events: [null, null, null, null, null, null, null, null],
};

/** Average COPY-text bytes per row of `table` (sampled; tab-separated, newline-terminated, as pg_dump writes it). */
async function bytesPerRow(pgc, table) {
  const sample = 20000;
  const cols = COLUMNS[table];
  const names = cols.map((_, k) => `c${k}`);
  const len = cols.map((w, k) => (w ? String(w) : `coalesce(octet_length(c${k}::text), 2)`)).join(' + ');
  const r = await pgc.query(
    `SELECT sum(${len} + ${cols.length})::float8 AS b FROM (${selectSql(table, 1, sample, 1_000_000)}) AS t(${names.join(', ')})`,
  );
  return r.rows[0].b / sample;
}

async function pool(tasks, concurrency) {
  let next = 0;
  const worker = async () => {
    while (next < tasks.length) await tasks[next++]();
  };
  await Promise.all(Array.from({ length: concurrency }, worker));
}

/**
 * Creates database `db` and fills it so that its plain dump is about `sizeMiB` MiB.
 * `pgs` is the server handle from servers.mjs; `log(msg)` prints progress.
 */
export async function generateDatabase(pgs, db, sizeMiB, log, { concurrency = 2 } = {}) {
  const t0 = Date.now();
  await pgs.query('postgres', `DROP DATABASE IF EXISTS "${db}"`);
  await pgs.query('postgres', `CREATE DATABASE "${db}"`);
  const admin = await pgs.connect(db);
  const target = sizeMiB * 2 ** 20;
  let rows;
  try {
    await admin.query(DDL);
    // the row count of accounts sets `n`, which the other tables reference: size it first
    const bpr = {};
    for (const t of Object.keys(SHARES)) bpr[t] = await bytesPerRow(admin, t);
    rows = Object.fromEntries(
      Object.entries(SHARES).map(([t, share]) => [t, Math.max(1000, Math.round((target * share) / bpr[t]))]),
    );
    const branches = Math.max(1, Math.ceil(rows.pgbench_accounts / 100000));
    await admin.query(`INSERT INTO pgbench_branches SELECT i, 0, NULL FROM generate_series(1, ${branches}) i`);
    await admin.query(
      `INSERT INTO pgbench_tellers SELECT i, 1 + (i - 1) / 10, 0, NULL FROM generate_series(1, ${branches * 10}) i`,
    );
    log(
      `  rows: ${Object.entries(rows)
        .map(([t, n]) => `${t} ${n.toLocaleString('en-US')} (≈${bpr[t].toFixed(0)} B/row)`)
        .join(', ')}`,
    );
  } finally {
    await admin.end().catch(() => {});
  }

  // ~64 MiB chunks, two connections (2 cores: one backend each)
  const n = rows.pgbench_accounts;
  const tasks = [];
  const chunkBytes = 64 * 2 ** 20;
  for (const [t, count] of Object.entries(rows)) {
    const chunks = Math.max(1, Math.round((target * SHARES[t]) / chunkBytes));
    const per = Math.ceil(count / chunks);
    for (let lo = 1; lo <= count; lo += per) {
      const hi = Math.min(count, lo + per - 1);
      tasks.push(async () => {
        const c = await pgs.connect(db);
        try {
          await c.query(`INSERT INTO ${t} ${selectSql(t, lo, hi, n)}`);
        } finally {
          await c.end().catch(() => {});
        }
      });
    }
  }
  let done = 0;
  const total = tasks.length;
  const wrapped = tasks.map((task) => async () => {
    await task();
    done++;
    if (done % Math.max(1, Math.round(total / 10)) === 0 || done === total) {
      log(`  loaded ${done}/${total} chunks (${((Date.now() - t0) / 1000).toFixed(0)} s)`);
    }
  });
  await pool(wrapped, concurrency);

  const ddl = [
    'ALTER TABLE pgbench_branches ADD PRIMARY KEY (bid)',
    'ALTER TABLE pgbench_tellers ADD PRIMARY KEY (tid)',
    'ALTER TABLE pgbench_accounts ADD PRIMARY KEY (aid)',
    'ALTER TABLE events ADD PRIMARY KEY (id)',
    'CREATE INDEX events_account_created ON events (account_id, created_at)',
  ];
  await pool(
    ddl.map((sql) => () => pgs.query(db, sql)),
    concurrency,
  );
  const tables = ['pgbench_branches', 'pgbench_tellers', 'pgbench_accounts', 'pgbench_history', 'events'];
  await pool(
    tables.map((t) => () => pgs.query(db, `VACUUM (FREEZE, ANALYZE) ${t}`)),
    concurrency,
  );
  await pgs.query(db, 'CHECKPOINT');
  const [{ size }] = await pgs.query(db, 'SELECT pg_database_size(current_database())::float8 AS size');
  log(
    `  generated "${db}" in ${((Date.now() - t0) / 1000).toFixed(1)} s: database ${(size / 2 ** 20).toFixed(0)} MiB on disk`,
  );
  return { db, rows, databaseBytes: size, seconds: (Date.now() - t0) / 1000 };
}
