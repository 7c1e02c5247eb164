// Layer 8 of the sandbox: text that leaves the sandbox layer (error messages, warnings, the child's
// console lines) carries no secrets. Applied in the parent, where the child cannot interfere: every
// value of an environment variable the child did not get, and anything shaped like a credential,
// becomes `[redacted]` before it reaches the CLI's JSON, the hover, the log or the history.

/** What replaces a secret. */
export const REDACTED = '[redacted]';

// Shapes of credentials that are unmistakable on their own. Each pattern is bounded (no nested
// quantifiers) so hostile text cannot make redaction itself slow.
const CREDENTIAL_PATTERNS: RegExp[] = [
  // user:password@ in a URL (postgres://u:pw@host, https://token@host)
  /(?<=[a-z][a-z0-9+.-]{0,30}:\/\/)[^\s/@:]{1,200}(?::[^\s/@]{0,200})?(?=@)/gi,
  /-----BEGIN [A-Z ]{0,40}PRIVATE KEY-----[\s\S]{0,10000}?(?:-----END [A-Z ]{0,40}PRIVATE KEY-----|$)/g,
  /\bAKIA[0-9A-Z]{16}\b/g, // AWS access key id
  /\b(?:gh[pousr]_[A-Za-z0-9]{30,255}|github_pat_[A-Za-z0-9_]{30,255})\b/g, // GitHub tokens
  /\bxox[abposr]-[A-Za-z0-9-]{10,200}\b/g, // Slack tokens
  /\bsk-(?:proj-|ant-)?[A-Za-z0-9_-]{20,200}\b/g, // OpenAI / Anthropic style API keys
  /\beyJ[A-Za-z0-9_-]{8,2000}\.[A-Za-z0-9_-]{8,4000}\.[A-Za-z0-9_-]{8,2000}\b/g, // JWTs
  /\b(?:Bearer|Basic)\s+[A-Za-z0-9._~+/=-]{16,2000}/g,
  // NAME=value and "name": "value" where the name says it is a secret (not `secret:true` in prose)
  /(?<=\b[\w.-]{0,40}(?:password|passwd|secret|token|api[_-]?key|access[_-]?key|private[_-]?key|credential)s?(?:\s{0,3}=\s{0,3}|["']\s{0,3}:\s{0,3})["']?)[^\s"',;}]{4,500}/gi,
];

/** Environment values shorter than this are not redacted: `1`, `true` or `en` would hit every text. */
const MIN_SECRET_LENGTH = 6;

/** Removes secrets from text. */
export type Redactor = (text: string) => string;

// Variables whose values are paths or names everybody may see; redacting them would only blank out
// file paths in messages (PWD is the workspace) without hiding anything.
const PUBLIC_VARIABLES = /^(PWD|OLDPWD|HOME|SHELL|USER|LOGNAME|HOSTNAME|TERM|TERM_PROGRAM|COLORTERM|TMPDIR|TEMP|TMP|EDITOR|VISUAL|PAGER|LANGUAGE|SHLVL|_|XDG_\w+|NODE|npm_\w+|INIT_CWD)$/;
const PLAIN_PATH = /^\/[\w./-]*$/;

/**
 * A redactor for one run: `withheld` are the environment variables the child was not given (the
 * parent's own secrets are among them). Their values are removed, longest first so a value containing
 * another goes whole; plain paths and the public variables above are kept.
 */
export function makeRedactor(withheld: Record<string, string | undefined>): Redactor {
  const candidates = Object.entries(withheld)
    .filter(([name, v]) => typeof v === 'string' && !PUBLIC_VARIABLES.test(name) && !PLAIN_PATH.test(v) && v.trim().length >= MIN_SECRET_LENGTH)
    .map(([, v]) => v as string);
  const values = [...new Set(candidates)].sort((a, b) => b.length - a.length);
  return (input: string): string => {
    let out = input;
    for (const v of values) if (out.includes(v)) out = out.split(v).join(REDACTED);
    for (const re of CREDENTIAL_PATTERNS) out = out.replace(re, REDACTED);
    return out;
  };
}
