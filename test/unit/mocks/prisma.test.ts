// Prisma's client required from the sandbox is a mock that answers like the generated client: model
// delegates on any model name, lookups that find a row about half the time with the looked-up key set,
// lists of `take` rows, creates that return the created row, counts for the *Many writes, transactions.
import { test, after } from 'node:test';
import assert from 'node:assert/strict';
import { installMocks, uninstallMocks } from '../../../server/src/profile/mocks/install';
import { makeSandbox } from './sandbox-helpers';

const box = makeSandbox();
after(() => {
  uninstallMocks();
  box.dispose();
});

test('@prisma/client answers model queries like the real client and counts its calls', async () => {
  const rec = installMocks({ sandboxDir: box.dir });
  const run = box.load('prisma-user.js', `
    const { PrismaClient } = require('@prisma/client');
    module.exports = async () => {
      const prisma = new PrismaClient();
      const found = [];
      for (let i = 0; i < 40; i++) found.push(await prisma.user.findUnique({ where: { id: 7 } }));
      const many = await prisma.order.findMany({ take: 3 });
      const created = await prisma.user.create({ data: { name: 'Ada', email: 'ada@example.com' } });
      const counted = await prisma.user.deleteMany({ where: {} });
      const [a, b] = await prisma.$transaction([prisma.user.count(), prisma.user.findFirstOrThrow()]);
      const inTx = await prisma.$transaction(async (tx) => tx.user.findMany({ take: 2 }));
      return { found, many, created, counted, a, b, inTx };
    };
  `) as () => Promise<Record<string, any>>;
  const r = await run();
  const hits = r.found.filter((x: unknown) => x !== null);
  assert.ok(hits.length > 5 && hits.length < 35, `a lookup by id finds its row about half the time (${hits.length} of 40)`);
  assert.ok(hits.every((x: { id: unknown }) => x.id === 7), 'the found row has the id looked up');
  assert.equal(r.many.length, 3);
  assert.equal(r.created.name, 'Ada');
  assert.equal(r.created.email, 'ada@example.com');
  assert.deepEqual(r.counted, { count: 1 });
  assert.equal(typeof r.a, 'number');
  assert.equal(typeof r.b, 'object');
  assert.equal(r.inTx.length, 2);
  const calls = rec.hits().find((h) => h.module === '@prisma/client')?.calls ?? 0;
  assert.ok(calls >= 46, `calls counted: ${calls}`);
});
