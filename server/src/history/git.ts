// Git facts about a file, for version records and for the intent of a change. Reads only, via `git`
// with execFile (no shell); outside a repository, or without git installed, everything is undefined.
import { execFile } from 'node:child_process';
import { basename, dirname } from 'node:path';

/** Where a version was seen. */
export interface GitInfo {
  /** Short hash of HEAD. */
  commit: string;
  branch?: string;
  /** Author of the last commit touching the file. */
  author?: string;
  /** The version is uncommitted work on top of `commit` (its source is not in the file at HEAD). */
  workingTree?: boolean;
}

function git(cwd: string, args: string[], timeoutMs = 3000, trim = true): Promise<string | undefined> {
  return new Promise((resolve) => {
    execFile('git', args, { cwd, timeout: timeoutMs, maxBuffer: 16 << 20, windowsHide: true }, (err, stdout) => {
      resolve(err ? undefined : trim ? stdout.trim() : stdout);
    });
  });
}

/**
 * HEAD, branch and last author of `file`; undefined outside a git repository. With `source` (one
 * function's text, possibly from an unsaved buffer), also whether that text is uncommitted work: it is
 * when the file at HEAD does not contain it.
 */
export async function gitInfo(file: string, source?: string): Promise<GitInfo | undefined> {
  const cwd = dirname(file);
  const head = await git(cwd, ['log', '-1', '--format=%h%x1f%an', '--', file]);
  const commit = await git(cwd, ['rev-parse', '--short', 'HEAD']);
  if (!commit) return undefined;
  const branch = await git(cwd, ['rev-parse', '--abbrev-ref', 'HEAD']);
  const author = head ? head.split('\x1f')[1] : undefined;
  const info: GitInfo = { commit, branch: branch && branch !== 'HEAD' ? branch : undefined, author: author || undefined };
  if (source !== undefined && !isCommitted(source, await fileAtHead(file))) info.workingTree = true;
  return info;
}

/** The text of `file` at HEAD; undefined when it is not committed (or outside git). */
export function fileAtHead(file: string): Promise<string | undefined> {
  return git(dirname(file), ['show', `HEAD:./${basename(file)}`], 3000, false);
}

/** Whether a function's source is part of the file as committed at HEAD. */
export function isCommitted(source: string, atHead: string | undefined): boolean {
  return atHead !== undefined && atHead.includes(source);
}

/**
 * Subjects of the last `limit` commits that touched lines `startLine`–`endLine` (1-based) of `file`,
 * newest first: part of a change's stated intent. Empty outside git or when git is slow.
 */
export async function commitMessagesTouching(file: string, startLine: number, endLine: number, limit = 5): Promise<string[]> {
  // -L always prints the patch on older git; mark subject lines so they can be picked out of it.
  const out = await git(dirname(file), ['log', `-n${limit}`, '--format=%x1e%s', `-L${startLine},${endLine}:${file}`], 5000);
  return out ? out.split('\n').filter((l) => l.startsWith('\x1e')).map((l) => l.slice(1)) : [];
}
