import { expect, test } from 'vitest';
import { addSecret, redact } from '../../src/core/redact.js';
import { parseDatabaseUrl } from '../../src/core/database-url.js';

test('registered secrets and their URL-encoded forms are masked', () => {
  addSecret('p@ss:w/rd#1');
  expect(redact('a p@ss:w/rd#1 b p%40ss%3Aw%2Frd%231 c')).toBe('a *** b *** c');
});

test('a password inside any postgres URL is masked, registered or not', () => {
  expect(redact('could not connect to postgresql://u:unregistered@h/db')).toBe(
    'could not connect to postgresql://u:***@h/db',
  );
});

test('parsing a URL registers its password', () => {
  parseDatabaseUrl('database-url', 'postgresql://u:Zq9%26xx@h/db');
  expect(redact('Zq9&xx')).toBe('***');
});
