// Node's I/O modules required from inside the sandbox directory are recording mocks.
import { test, after } from 'node:test';
import assert from 'node:assert/strict';
import { installMocks, uninstallMocks } from '../../../server/src/profile/mocks/install';
import { makeSandbox } from './sandbox-helpers';

const box = makeSandbox();
after(() => {
  uninstallMocks();
  box.dispose();
});

test('fs, fs/promises, net, http, https, http2, dns, tls, dgram, child_process and worker_threads are mocked and counted', async () => {
  const rec = installMocks({ sandboxDir: box.dir });
  const user = box.load('builtins.js', `
    const fs = require('fs');
    const fsp = require('node:fs/promises');
    const net = require('net');
    const http = require('node:http');
    const https = require('https');
    const http2 = require('http2');
    const dns = require('dns');
    const tls = require('tls');
    const dgram = require('dgram');
    const cp = require('node:child_process');
    const wt = require('worker_threads');
    const once = (em, ev) => new Promise((r) => em.once(ev, (...a) => r(a)));
    module.exports = async () => ({
      text: fs.readFileSync('/definitely/not/here.txt', 'utf8'),
      buf: fs.readFileSync('/nope'),
      exists: fs.existsSync('/nope'),
      isFile: fs.statSync('/nope').isFile(),
      cbRead: await new Promise((r) => fs.readFile('/nope', 'utf8', (e, d) => r([e, d]))),
      written: fs.writeFileSync('/root/forbidden.txt', 'x'),
      pRead: await fsp.readFile('/nope', 'utf8'),
      netConnect: (await once(net.connect(5432, 'db'), 'connect')).length,
      httpStatus: (await new Promise((r) => http.get('http://example.invalid/', (res) => r(res.statusCode)))),
      httpsReq: typeof https.request('https://example.invalid/').end,
      h2: (await once(http2.connect('https://example.invalid').request({}), 'response'))[0][':status'],
      dnsLookup: await new Promise((r) => dns.lookup('example.invalid', (e, addr) => r(addr))),
      tlsConnect: (await once(tls.connect(443, 'example.invalid'), 'secureConnect')).length,
      dgramSend: await new Promise((r) => dgram.createSocket('udp4').send('x', 53, 'h', (e, n) => r(n))),
      execOut: await new Promise((r) => cp.exec('rm -rf /', (e, out) => r(out))),
      execSync: cp.execSync('ls', { encoding: 'utf8' }),
      spawnExit: (await once(cp.spawn('ls'), 'close'))[0],
      worker: await new wt.Worker('/nope.js').terminate(),
    });
  `);
  const out = await user();
  assert.equal(out.text, '{}');
  assert.ok(Buffer.isBuffer(out.buf));
  assert.equal(out.exists, true);
  assert.equal(out.isFile, true);
  assert.deepEqual(out.cbRead, [null, '{}']);
  assert.equal(out.pRead, '{}');
  assert.equal(out.httpStatus, 200);
  assert.equal(out.h2, 200);
  assert.equal(out.dnsLookup, '127.0.0.1');
  assert.equal(out.dgramSend, 0);
  assert.equal(out.execOut, '');
  assert.equal(out.execSync, '');
  assert.equal(out.spawnExit, 0);
  assert.equal(out.worker, 0);
  const hits = Object.fromEntries(rec.hits().map((h) => [h.module, h.calls]));
  for (const m of ['fs', 'fs/promises', 'net', 'http', 'https', 'http2', 'dns', 'tls', 'dgram', 'child_process', 'worker_threads']) {
    assert.ok((hits[m] ?? 0) > 0, `${m} was counted`);
  }
  assert.equal(hits.fs, 6, 'six fs calls were made');
  rec.reset();
  assert.deepEqual(rec.hits(), []);
});
