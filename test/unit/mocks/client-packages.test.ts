// Common network and database clients required from the sandbox are mocks, even when not installed.
import { test, after } from 'node:test';
import assert from 'node:assert/strict';
import { installMocks, uninstallMocks } from '../../../server/src/profile/mocks/install';
import { makeSandbox } from './sandbox-helpers';

const box = makeSandbox();
after(() => {
  uninstallMocks();
  box.dispose();
});

test('axios, node-fetch, undici, pg, mysql2, mongodb, ioredis, redis, @aws-sdk/* and openai return plausible values and count calls', async () => {
  const rec = installMocks({ sandboxDir: box.dir });
  const user = box.load('clients.js', `
    const axios = require('axios');
    const nodeFetch = require('node-fetch');
    const undici = require('undici');
    const { Pool } = require('pg');
    const mysql = require('mysql2/promise');
    const { MongoClient } = require('mongodb');
    const Redis = require('ioredis');
    const { createClient } = require('redis');
    const { S3Client, PutObjectCommand } = require('@aws-sdk/client-s3');
    const { DynamoDBClient } = require('@aws-sdk/client-dynamodb');
    const OpenAI = require('openai').default;
    module.exports = async () => {
      const pool = new Pool();
      const conn = await mysql.createConnection({});
      const mongo = await new MongoClient('mongodb://x').connect();
      const redis = createClient();
      await redis.connect();
      return {
        axios: (await axios.get('http://example.invalid')).status,
        axiosData: (await axios.create().post('http://example.invalid', {})).data,
        nodeFetch: await (await nodeFetch('http://example.invalid')).json(),
        undici: (await undici.request('http://example.invalid')).statusCode,
        pg: (await pool.query('select 1')).rows,
        mysql: (await conn.query('select 1'))[0],
        mongo: await mongo.db('d').collection('c').find({}).toArray(),
        ioredis: await new Redis().get('missing'),
        redis: await redis.set('k', 'v'),
        s3: (await new S3Client({}).send(new PutObjectCommand({ Bucket: 'b' }))).$metadata.httpStatusCode,
        dynamo: typeof new DynamoDBClient({}).send,
        openai: (await new OpenAI({ apiKey: 'x' }).chat.completions.create({ messages: [] })).choices[0].message.role,
      };
    };
  `);
  const out = await user();
  assert.equal(out.axios, 200);
  assert.deepEqual(out.axiosData, {});
  assert.deepEqual(out.nodeFetch, {});
  assert.equal(out.undici, 200);
  assert.equal(out.pg.length, 1, '`select 1` has no table: one row');
  assert.equal(out.mysql.length, 1);
  assert.deepEqual(out.mongo, []);
  assert.equal(out.ioredis, null);
  assert.equal(out.redis, 'OK');
  assert.equal(out.s3, 200);
  assert.equal(out.openai, 'assistant');
  const hits = Object.fromEntries(rec.hits().map((h) => [h.module, h.calls]));
  for (const m of ['axios', 'node-fetch', 'undici', 'pg', 'mysql2', 'mongodb', 'ioredis', 'redis', '@aws-sdk/client-s3', 'openai']) {
    assert.ok((hits[m] ?? 0) > 0, `${m} was counted`);
  }
  assert.equal(hits['@aws-sdk/client-dynamodb'], undefined, 'a client never called is not listed');
});
