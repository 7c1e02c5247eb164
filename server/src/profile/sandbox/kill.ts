// Ending a sandbox run: the child, and every process it started, whatever session it moved to.
import type { ChildProcess } from 'node:child_process';
import { readdirSync, readFileSync } from 'node:fs';

/**
 * Kills a child and everything it started. The group kill (the child leads its group: spawned detached)
 * does not reach bwrap's inner process, which runs in a session of its own; bwrap's --die-with-parent
 * takes it along, except when the kill lands between its fork and its prctl: then the inner process and
 * the user's code live on, holding the result pipe open. So on Linux the whole tree is stopped first (a
 * stopped process cannot fork), then killed.
 */
export function killGroup(child: ChildProcess): void {
  const pid = child.pid;
  // Only while it runs: once reaped, its pid may already belong to somebody else.
  if (pid !== undefined && process.platform === 'linux' && child.exitCode === null && child.signalCode === null) {
    for (const p of frozenTree(pid)) signal(p, 'SIGKILL');
  }
  try {
    if (pid !== undefined && process.platform !== 'win32') process.kill(-pid, 'SIGKILL');
    else child.kill('SIGKILL');
  } catch {
    child.kill('SIGKILL');
  }
}

function signal(pid: number, sig: NodeJS.Signals): boolean {
  try {
    process.kill(pid, sig);
    return true;
  } catch {
    return false;
  }
}

/** `root` and its descendants, each sent SIGSTOP; repeated until a pass finds no new process. */
function frozenTree(root: number): number[] {
  const stopped = new Set<number>();
  for (let pass = 0; pass < 5; pass++) {
    const tree = [root, ...descendantsOf(root)].filter((p) => !stopped.has(p));
    if (tree.length === 0) break;
    for (const p of tree) if (signal(p, 'SIGSTOP')) stopped.add(p);
  }
  return [...stopped];
}

/** Every process below `root`, from the parent ids in /proc (no /proc/<pid>/task/<tid>/children on every kernel). */
function descendantsOf(root: number): number[] {
  const children = new Map<number, number[]>();
  let entries: string[];
  try {
    entries = readdirSync('/proc');
  } catch {
    return [];
  }
  for (const e of entries) {
    if (!/^\d+$/.test(e)) continue;
    try {
      const stat = readFileSync(`/proc/${e}/stat`, 'utf8');
      const ppid = Number(stat.slice(stat.lastIndexOf(')') + 2).split(' ')[1]);
      const list = children.get(ppid) ?? [];
      list.push(Number(e));
      children.set(ppid, list);
    } catch {
      // gone meanwhile
    }
  }
  const out: number[] = [];
  const walk = (p: number): void => {
    for (const c of children.get(p) ?? []) {
      out.push(c);
      walk(c);
    }
  };
  walk(root);
  return out;
}
