// Redaction: values of withheld environment variables and credential-shaped text never leave the
// sandbox layer; paths and ordinary messages stay readable.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { makeRedactor, REDACTED } from '../../../server/src/profile/sandbox/redact';

const redact = makeRedactor({ API_TOKEN: 'tok-9f8e7d6c5b', DATABASE_URL: 'postgres://app:s3cretpw@db:5432/x', PWD: '/work/project', FLAG: 'on' });

test('withheld environment values are replaced wherever they appear', () => {
  assert.equal(redact('sent tok-9f8e7d6c5b to the log'), `sent ${REDACTED} to the log`);
  assert.ok(!redact('Error: cannot reach postgres://app:s3cretpw@db:5432/x').includes('s3cretpw'));
});

test('credential shapes are redacted without any environment', () => {
  const r = makeRedactor({});
  for (const secret of ['https://user:hunter2@example.invalid/', 'AKIAABCDEFGHIJKLMNOP', 'ghp_abcdefghijklmnopqrstuvwxyz0123456789', 'sk-proj-abcdefghijklmnopqrstuvwx', 'eyJhbGciOiJIUzI1NiJ9.eyJzdWIiOiIxMjM0NTY3ODkwIn0.abcdefghijklmnop', 'password=correct-horse', '-----BEGIN RSA PRIVATE KEY-----\nMIIE\n-----END RSA PRIVATE KEY-----']) {
    const out = r(`value: ${secret} end`);
    assert.ok(out.includes(REDACTED), out);
    assert.ok(!out.includes(secret), out);
  }
});

test('paths, short values and ordinary messages stay as they are', () => {
  const text = 'TypeError: secret:true:number at /work/project/src/a.ts:3 (flag on)';
  assert.equal(redact(text), text);
});
