// A recording mock of Prisma's client (`@prisma/client`). The real client needs its generated engine and
// a database; this one answers each model delegate's queries with rows shaped like the model (the type
// of the call, planned on the server: inputs/mockShapes.ts) through answers.ts `prismaAnswer`. Queries
// return promises (Prisma's are lazy thenables; `await` cannot tell them apart).
import { prismaAnswer } from './answers';
import { recorded, type MockScope } from './record';

/** The delegate methods Prisma generates for every model. */
const MODEL_METHODS = [
  'findUnique', 'findUniqueOrThrow', 'findFirst', 'findFirstOrThrow', 'findMany', 'create', 'createMany', 'createManyAndReturn',
  'update', 'updateMany', 'upsert', 'delete', 'deleteMany', 'count', 'aggregate', 'groupBy',
] as const;

export function prismaMock(scope: MockScope): unknown {
  const delegates = new Map<string, Record<string, unknown>>();
  const delegate = (model: string): Record<string, unknown> => {
    let d = delegates.get(model);
    if (!d) {
      d = Object.fromEntries(MODEL_METHODS.map((m) => [m, recorded(scope, (arg?: unknown) => Promise.resolve(prismaAnswer(model, m, arg)))]));
      delegates.set(model, d);
    }
    return d;
  };
  class PrismaClient {
    $transaction: (arg: unknown) => Promise<unknown>;
    constructor(_options?: unknown) {
      // Any lower-case property is a model (`prisma.user`); the $-methods are the client's own.
      const client = new Proxy(this, {
        get: (t, key, recv) => (typeof key === 'string' && !(key in t) && /^[a-z]/.test(key) ? delegate(key) : Reflect.get(t, key, recv)),
      });
      // An array of queries settles them all; a function gets the client as its transaction.
      this.$transaction = recorded(scope, (arg: unknown) => (typeof arg === 'function' ? Promise.resolve((arg as (tx: unknown) => unknown)(client)) : Promise.all(arg as unknown[])));
      return client;
    }
    $connect = recorded(scope, () => Promise.resolve());
    $disconnect = recorded(scope, () => Promise.resolve());
    $on(): void {}
    $use(): void {}
    $extends(): this {
      return this;
    }
    $queryRaw = recorded(scope, () => Promise.resolve(Array.from({ length: 10 }, () => prismaAnswer('', 'findUniqueOrThrow', undefined))));
    $queryRawUnsafe = this.$queryRaw;
    $executeRaw = recorded(scope, () => Promise.resolve(1));
    $executeRawUnsafe = this.$executeRaw;
  }
  const Prisma = {
    PrismaClientKnownRequestError: class PrismaClientKnownRequestError extends Error {
      code = 'P2025';
    },
    sql: (strings: TemplateStringsArray, ...values: unknown[]) => ({ strings, values }),
    join: (values: unknown[]) => values,
    raw: (s: string) => s,
  };
  return { __esModule: true, PrismaClient, Prisma, default: { PrismaClient, Prisma } };
}
