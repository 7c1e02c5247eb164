// Network attack class: every route to a TCP, UDP and Unix-socket listener on this machine (the bundle's
// require, createRequire from "a package", net.Socket through process.stdout, _http_client, http.Agent,
// tls, http2, dynamic import, process.binding, fetch, dgram, dns.Resolver, child_process, inspector.open)
// reaches nothing — with every layer, and without the namespaces (mocks and lockdown alone).
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { networkAttack, type Mode } from './attack-kit';

for (const mode of ['auto', 'off'] as Mode[]) {
  test(`no route reaches a listener on 127.0.0.1 (isolation ${mode})`, async () => {
    const r = await networkAttack(mode);
    assert.equal(r.reached, 0, `connections or datagrams reached the listeners:\n${r.rows.map((x) => `${x.route} => ${x.outcome}`).join('\n')}`);
    assert.ok(r.rows.length >= 17, `every route was tried (${r.rows.length})`);
    assert.equal(r.outcome.ok, false);
    if (!r.outcome.ok) assert.match(r.outcome.error.message, /network attack finished/, 'the attack ran to its end');
    for (const route of ['process.binding("tcp_wrap")', 'inspector.open()', '_http_client.ClientRequest']) {
      assert.match(r.rows.find((x) => x.route === route)?.outcome ?? '', /blocked: SandboxBlocked/, route);
    }
  });
}
