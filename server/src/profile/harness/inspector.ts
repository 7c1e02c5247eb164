// The sandbox child's one door to V8's profilers: an in-process node:inspector session with a
// promise-returning post. Used by the coverage pass (harness/coverage.ts) and the line profile
// (lines/pass.ts). Node's permission model (20–24) refuses the connection: those children run without it.
import { Session } from 'node:inspector';

/** Sends one inspector protocol command; resolves with its result. */
export type Post = (method: string, params?: Record<string, unknown>) => Promise<Record<string, unknown>>;

/** Opens an in-process inspector session; throws when Node forbids it (ERR_ACCESS_DENIED under the permission model). */
export function openSession(): { post: Post; close: () => void } {
  const session = new Session();
  session.connect();
  const post: Post = (method, params = {}) =>
    new Promise((ok, fail) => session.post(method, params, (err, res) => (err ? fail(err) : ok((res ?? {}) as Record<string, unknown>))));
  return { post, close: () => session.disconnect() };
}
