// Guards of the parent processes (the `perflens` CLI and the language server), which run with no
// sandbox of their own: no signal may open an inspector in them, and SIGINT/SIGTERM are a
// cancellation — the sandbox layer kills its children and removes their temp dirs on the way out.

let guarded = false;

/**
 * Installs the guards once per process. A SIGUSR1 listener keeps Node from opening its inspector on
 * 127.0.0.1:9229 (which would let any process of the same user run code here); on Node versions that
 * know `--disable-sigusr1` the entries may pass it too, and the listener is then harmless.
 */
export function guardParentProcess(log: (line: string) => void = () => undefined): void {
  if (guarded) return;
  guarded = true;
  process.on('SIGUSR1', () => log('perflens: ignored SIGUSR1 (the inspector stays closed)'));
}

/**
 * Calls `cancel` on SIGINT and SIGTERM instead of letting Node exit at once; a second signal exits
 * with the usual code (130 or 143). Returns a function that removes the handlers.
 */
export function onCancelSignal(cancel: (signal: 'SIGINT' | 'SIGTERM') => void): () => void {
  let seen = false;
  const handler = (signal: 'SIGINT' | 'SIGTERM') => {
    if (seen) process.exit(signal === 'SIGINT' ? 130 : 143);
    seen = true;
    cancel(signal);
  };
  process.on('SIGINT', handler);
  process.on('SIGTERM', handler);
  return () => {
    process.removeListener('SIGINT', handler);
    process.removeListener('SIGTERM', handler);
  };
}

/** The exit code of a run cancelled by a signal: 130 for SIGINT, 143 for SIGTERM (128 + signal number). */
export const CANCELLED_EXIT = { SIGINT: 130, SIGTERM: 143 } as const;
