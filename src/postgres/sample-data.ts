/** The demo's sample shop: two tables of made-up customers and orders, and their row counts. */
import pg from 'pg';

const SAMPLE = `
CREATE TABLE customers (id serial PRIMARY KEY, name text NOT NULL, email text UNIQUE, created_at timestamptz DEFAULT now());
CREATE TABLE orders (id bigserial PRIMARY KEY, customer_id int REFERENCES customers(id), total numeric(12,2), items jsonb);
INSERT INTO customers (name, email) SELECT 'Customer ' || g, 'c' || g || '@example.com' FROM generate_series(1, 2000) g;
INSERT INTO orders (customer_id, total, items)
  SELECT 1 + (g % 2000), round((g * 7.31)::numeric % 500, 2), jsonb_build_array(jsonb_build_object('sku', 'SKU-' || (g % 97), 'qty', 1 + g % 5))
  FROM generate_series(1, 20000) g;
`;

export async function counts(url: string): Promise<Record<string, number>> {
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  try {
    const out: Record<string, number> = {};
    for (const t of ['customers', 'orders']) {
      out[t] = Number((await client.query(`SELECT count(*) AS n FROM ${t}`)).rows[0].n);
    }
    return out;
  } finally {
    await client.end();
  }
}

/** The database `shop` with the sample data, and `shop_restored`, empty, to restore into. */
export async function seedShop(base: string): Promise<void> {
  const admin = new pg.Client({ connectionString: `${base}/postgres` });
  await admin.connect();
  await admin.query('CREATE DATABASE shop');
  await admin.query('CREATE DATABASE shop_restored');
  await admin.end();
  const shop = new pg.Client({ connectionString: `${base}/shop` });
  await shop.connect();
  await shop.query(SAMPLE);
  await shop.end();
}
