// Which post-data entries of a multi-stream backup's schema part may be built as soon as one data part is loaded.
import { describe, expect, test } from 'vitest';
import { earlyByPart, parseTocDeps, useList } from '../../src/restore/early-post-data.js';

// as pg_restore --list --verbose prints it (dependencies under their entry, tab after the semicolon)
const ALL = `;
; Archive created at 2026-12-03 20:34:56 UTC
;     dbname: shop
;
; Selected TOC Entries:
;
5; 2615 2200 SCHEMA - public pg_database_owner
7; 1255 16400 FUNCTION public lower_email(text) app
;\tdepends on: 5
20; 1259 16385 TABLE public orders app
;\tdepends on: 5
21; 1259 16390 TABLE public customers app
;\tdepends on: 5
22; 1259 16395 TABLE public audit app
;\tdepends on: 5
23; 1259 16399 MATERIALIZED VIEW public order_totals app
;\tdepends on: 20 5
24; 1259 16401 TABLE a b c app
25; 1259 16402 TABLE a b c app
26; 1259 16410 TABLE sales Order Lines app
;\tdepends on: 5
3001; 0 16385 TABLE DATA public orders app
;\tdepends on: 20
`;

const POST = `;
; Selected TOC Entries:
;
3101; 2606 16420 CONSTRAINT public orders orders_pkey app
;\tdepends on: 20
3102; 2606 16421 CONSTRAINT public customers customers_pkey app
;\tdepends on: 21
3103; 1259 16422 INDEX public orders_customer app
;\tdepends on: 20 20
3104; 1259 16423 INDEX public customers_email app
;\tdepends on: 21 7
3105; 2606 16424 FK CONSTRAINT public orders orders_customer_fkey app
;\tdepends on: 20 21 3102
3106; 1259 16425 INDEX public order_totals_id app
;\tdepends on: 23
3107; 1259 16426 INDEX public audit_at app
;\tdepends on: 22
3108; 1259 16427 INDEX a b_c_id app
;\tdepends on: 24
3109; 2620 16428 TRIGGER public orders orders_touch app
;\tdepends on: 20 7
3110; 1259 16429 INDEX public orders_twice app
;\tdepends on: 20 3103
3111; 1259 16430 INDEX sales order_lines_id app
;\tdepends on: 26
3112; 2606 16431 CONSTRAINT public nothing_pkey app
3113; 0 0 COMMENT public INDEX orders_customer app
;\tdepends on: 3103
`;

describe('the listing with its dependencies', () => {
  test('each entry with its id, its type (of one word or several) and what it depends on', () => {
    const items = parseTocDeps(POST);
    expect(items).toHaveLength(13);
    expect(items[0]).toMatchObject({ id: 3101, desc: 'CONSTRAINT', namespace: 'public', deps: [20] });
    expect(items.find((e) => e.id === 3105)).toMatchObject({ desc: 'FK CONSTRAINT', deps: [20, 21, 3102] });
    expect(items.find((e) => e.id === 3112)?.deps).toEqual([]);
    expect(parseTocDeps(ALL).find((e) => e.id === 26)).toMatchObject({ desc: 'TABLE', namespace: 'sales' });
  });

  test('a list file carries the lines as listed, in order', () => {
    const items = parseTocDeps(POST).slice(0, 2);
    expect(useList(items)).toBe(`${items[0]!.line}\n${items[1]!.line}\n`);
  });
});

describe('what a loaded part allows early', () => {
  const early = (partTables: string[][]) => {
    const byPart = earlyByPart(parseTocDeps(ALL), parseTocDeps(POST), partTables);
    return Object.fromEntries([...byPart].map(([part, items]) => [part, items.map((e) => e.id)]));
  };

  test("a part's own indexes and key constraints, in the listing's order, also on a function", () => {
    expect(early([['public.orders'], ['public.customers']])).toEqual({ 1: [3101, 3103], 2: [3102, 3104] });
  });

  test('what spans tables, a trigger, an index on another entry, a view refreshed later: the post-data step', () => {
    const ids = Object.values(early([['public.orders', 'public.customers', 'public.audit']])).flat();
    for (const id of [3105, 3106, 3109, 3110, 3113]) expect(ids).not.toContain(id);
    expect(ids).toContain(3107);
  });

  test('a table in no data part (its rows in the schema part), or none at all: the post-data step', () => {
    expect(early([['public.orders']])).toEqual({ 1: [3101, 3103] });
    expect(early([])).toEqual({});
  });

  test('names the listing cannot tell apart are left to the post-data step', () => {
    // "a b"."c" and "a"."b c" are both listed as "TABLE a b c"
    expect(early([['a.b c'], ['a b.c']])).toEqual({});
  });

  test('a name with spaces, when no other table is listed alike, is matched', () => {
    expect(early([['sales.Order Lines']])).toEqual({ 1: [3111] });
    expect(early([['sales.Order']])).toEqual({});
  });
});
