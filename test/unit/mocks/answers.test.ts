// The client mocks answer like the real thing (issue 11, rule 4): a lookup by id finds its row about
// half the time, INSERT … RETURNING returns one row, rows and HTTP bodies follow the planned shapes,
// Redis get after set hits, and answers the user scripted win.
import { test, after } from 'node:test';
import assert from 'node:assert/strict';
import { installMocks, uninstallMocks } from '../../../server/src/profile/mocks/install';
import { setAnswers } from '../../../server/src/profile/mocks/answers';
import { makeSandbox } from './sandbox-helpers';
import type { ValueRecipe } from '../../../server/src/profile/inputs/recipe';

const box = makeSandbox();
after(() => {
  setAnswers(undefined);
  uninstallMocks();
  box.dispose();
});

const ROW: ValueRecipe = { kind: 'object', fields: [{ name: 'id', value: { kind: 'format', format: 'uuid' } }, { name: 'email', value: { kind: 'format', format: 'email' } }] };

test('pg: SELECT … WHERE id = $1 hits about half the time with that id; INSERT … RETURNING gives one row; LIMIT is honoured', async () => {
  setAnswers({ rows: [{ module: 'pg', row: ROW }], http: [], scripted: {} });
  installMocks({ sandboxDir: box.dir });
  const run = box.load('pg-user.js', `
    const { Pool } = require('pg');
    const pool = new Pool();
    module.exports = async () => {
      const found = [];
      for (let k = 0; k < 40; k++) found.push((await pool.query('SELECT * FROM users WHERE id = $1', ['u-' + k])).rows);
      const inserted = (await pool.query('INSERT INTO users (email) VALUES ($1) RETURNING *', ['a@b.co'])).rows;
      const plain = (await pool.query('UPDATE users SET active = false')).rows;
      const page = (await pool.query('SELECT * FROM users LIMIT $1', [7])).rows;
      return { found, inserted, plain, page };
    };
  `);
  const out = await run();
  const hits = out.found.filter((rows: unknown[]) => rows.length === 1);
  assert.ok(hits.length >= 10 && hits.length <= 30, `${hits.length} of 40 lookups found a row`);
  assert.ok(out.found.every((rows: Array<{ id: string }>, k: number) => rows.length === 0 || rows[0].id === `u-${k}`), 'a found row carries the looked-up id');
  assert.equal(out.inserted.length, 1);
  assert.match(out.inserted[0].email, /@/, 'rows are shaped by the planned row type');
  assert.deepEqual(out.plain, []);
  assert.equal(out.page.length, 7);
});

test('Redis: get after set hits, incr counts, del removes; axios answers 200 with the planned body', async () => {
  setAnswers({ rows: [], http: [{ module: 'axios', data: { kind: 'array', sized: true, element: ROW } }], scripted: {} });
  installMocks({ sandboxDir: box.dir });
  const run = box.load('redis-user.js', `
    const Redis = require('ioredis');
    const axios = require('axios');
    module.exports = async () => {
      const r = new Redis();
      const miss = await r.get('k');
      await r.set('k', 'v');
      const hit = await r.get('k');
      await r.incr('n'); await r.incr('n');
      const n = await r.get('n');
      await r.del('k');
      const gone = await r.get('k');
      const res = await axios.get('https://api.example.com/users');
      return { miss, hit, n, gone, status: res.status, data: res.data };
    };
  `);
  const out = await run();
  assert.deepEqual([out.miss, out.hit, out.n, out.gone], [null, 'v', '2', null]);
  assert.equal(out.status, 200);
  assert.ok(Array.isArray(out.data) && out.data.length > 0 && /@/.test(out.data[0].email), JSON.stringify(out.data));
});

test('scripted answers replace a method, as a promise for promise APIs and through callbacks', async () => {
  setAnswers({ rows: [], http: [], scripted: { pg: { query: "({ rows: [{ id: args[1][0], scripted: true }], rowCount: 1 })" }, fs: { readFileSync: "'hello ' + call" } } });
  installMocks({ sandboxDir: box.dir });
  const run = box.load('scripted-user.js', `
    const { Pool } = require('pg');
    const fs = require('fs');
    module.exports = async () => {
      const viaPromise = (await new Pool().query('SELECT 1', [42])).rows[0];
      const viaCallback = await new Promise((ok) => new Pool().query('SELECT 1', [7], (err, res) => ok(res.rows[0])));
      return { viaPromise, viaCallback, text: fs.readFileSync('/x', 'utf8') };
    };
  `);
  const out = await run();
  assert.deepEqual(out.viaPromise, { id: 42, scripted: true });
  assert.deepEqual(out.viaCallback, { id: 7, scripted: true });
  assert.equal(out.text, 'hello 1', 'the first scripted call of fs');
});
