// Security lint of one file: ESLint's Linter in-process with eslint-plugin-security, the SDL
// rules and our own (super-linear regex, parameter-keyed object injection); findings carry offsets.

import { Linter, type ESLint, type Rule } from 'eslint';
import * as path from 'node:path';
import * as tsParser from '@typescript-eslint/parser';
import { objectInjectionRule } from './object-injection';
import { keepFsFilename, keepInsecureRandom, refineRule } from './refine';
import { exponentialRegexRule, polynomialRegexRule } from './super-linear-regex';

/** How much a finding matters: `error` for code execution, `warning` for injection sinks, `info` for noisy heuristics. */
export type Severity = 'error' | 'warning' | 'info';

/** One security problem in a file. */
export interface SecurityFinding {
  /** ESLint rule id, e.g. `no-eval`, `security/detect-child-process`, `perflens/exponential-regex`. */
  ruleId: string;
  severity: Severity;
  message: string;
  /** 1-based line. */
  line: number;
  /** 1-based column (UTF-16 units). */
  column: number;
  /** UTF-16 offset into the text passed to lintSecurity. */
  offset: number;
}

/** Per-call choices; the rule set itself is fixed (see docs/security-rules.md). */
export interface SecurityOptions {
  /**
   * `parameters` (default): only `obj[key]` where the key is a function parameter
   * (`perflens/object-injection`); `all`: every `obj[variable]` (`security/detect-object-injection`); `off`: none.
   */
  objectInjection?: 'off' | 'parameters' | 'all';
  /** Rule ids to skip, e.g. `['@microsoft/sdl/no-insecure-random']`. */
  disabledRules?: string[];
}

/** One enabled rule: its id, its severity, and the reason it is on at that level. */
export interface SecurityRule {
  id: string;
  severity: Severity;
  why: string;
}

// Loaded one by one rather than through the SDL plugin's index, which also pulls in
// eslint-plugin-react and eslint-plugin-n for configs we do not use (slower start).
// Literal require() calls so a bundler can see every module.
const upstreamSecurity = require('eslint-plugin-security') as ESLint.Plugin;
const securityPlugin: ESLint.Plugin = {
  ...upstreamSecurity,
  rules: {
    ...upstreamSecurity.rules,
    'detect-non-literal-fs-filename': refineRule(upstreamSecurity.rules!['detect-non-literal-fs-filename'] as Rule.RuleModule, keepFsFilename),
  },
};
const SDL_RULES: Record<string, Rule.RuleModule> = {
  'no-cookies': require('@microsoft/eslint-plugin-sdl/lib/rules/no-cookies'),
  'no-document-domain': require('@microsoft/eslint-plugin-sdl/lib/rules/no-document-domain'),
  'no-document-write': require('@microsoft/eslint-plugin-sdl/lib/rules/no-document-write'),
  'no-electron-node-integration': require('@microsoft/eslint-plugin-sdl/lib/rules/no-electron-node-integration'),
  'no-html-method': require('@microsoft/eslint-plugin-sdl/lib/rules/no-html-method'),
  'no-inner-html': require('@microsoft/eslint-plugin-sdl/lib/rules/no-inner-html'),
  'no-insecure-random': refineRule(require('@microsoft/eslint-plugin-sdl/lib/rules/no-insecure-random'), keepInsecureRandom),
  'no-insecure-url': require('@microsoft/eslint-plugin-sdl/lib/rules/no-insecure-url'),
  'no-msapp-exec-unsafe': require('@microsoft/eslint-plugin-sdl/lib/rules/no-msapp-exec-unsafe'),
  'no-postmessage-star-origin': require('@microsoft/eslint-plugin-sdl/lib/rules/no-postmessage-star-origin'),
  'no-unsafe-alloc': require('@microsoft/eslint-plugin-sdl/lib/rules/no-unsafe-alloc'),
  'no-winjs-html-unsafe': require('@microsoft/eslint-plugin-sdl/lib/rules/no-winjs-html-unsafe'),
};

/** Every rule lintSecurity may run, with its severity. The order is the order of docs/security-rules.md. */
export const SECURITY_RULES: readonly SecurityRule[] = [
  { id: 'no-eval', severity: 'error', why: 'runs a string as code' },
  { id: 'no-implied-eval', severity: 'error', why: 'setTimeout/setInterval/execScript with a string run it as code' },
  { id: 'no-new-func', severity: 'error', why: 'new Function(...) runs a string as code' },
  { id: 'security/detect-child-process', severity: 'error', why: 'child_process.exec with a non-literal command is shell injection' },
  { id: 'security/detect-bidi-characters', severity: 'error', why: 'bidirectional control characters hide code from reviewers (Trojan Source)' },
  { id: 'perflens/exponential-regex', severity: 'error', why: 'nested or ambiguous repetition: one crafted string blocks the event loop' },
  { id: 'perflens/polynomial-regex', severity: 'warning', why: 'adjacent overlapping repetitions: quadratic time on long inputs' },
  { id: 'perflens/object-injection', severity: 'warning', why: 'a parameter, or an element iterated from one, names the property read or written: prototype pollution' },
  { id: 'security/detect-object-injection', severity: 'warning', why: 'any variable names the property (only with objectInjection: "all")' },
  { id: 'security/detect-non-literal-require', severity: 'warning', why: 'require() of a computed path loads attacker-chosen code' },
  { id: 'security/detect-non-literal-regexp', severity: 'warning', why: 'new RegExp(input) lets the input choose a catastrophic pattern' },
  { id: 'security/detect-buffer-noassert', severity: 'warning', why: 'noAssert reads/writes past the buffer' },
  { id: 'security/detect-new-buffer', severity: 'warning', why: 'new Buffer(n) is uninitialised memory' },
  { id: 'security/detect-pseudoRandomBytes', severity: 'warning', why: 'crypto.pseudoRandomBytes is not cryptographically strong' },
  { id: 'security/detect-disable-mustache-escape', severity: 'warning', why: 'turning off template escaping allows XSS' },
  { id: 'security/detect-no-csrf-before-method-override', severity: 'warning', why: 'methodOverride before csrf bypasses CSRF protection' },
  { id: 'security/detect-invisible-characters', severity: 'warning', why: 'invisible characters in identifiers or strings hide behaviour' },
  { id: '@microsoft/sdl/no-inner-html', severity: 'warning', why: 'innerHTML/outerHTML/insertAdjacentHTML are XSS sinks' },
  { id: '@microsoft/sdl/no-document-write', severity: 'warning', why: 'document.write is an XSS sink' },
  { id: '@microsoft/sdl/no-html-method', severity: 'warning', why: 'jQuery-style .html(x) is an XSS sink' },
  { id: '@microsoft/sdl/no-document-domain', severity: 'warning', why: 'writing document.domain weakens the same-origin policy' },
  { id: '@microsoft/sdl/no-postmessage-star-origin', severity: 'warning', why: 'postMessage(..., "*") sends data to any origin' },
  { id: '@microsoft/sdl/no-unsafe-alloc', severity: 'warning', why: 'Buffer.allocUnsafe returns uninitialised memory' },
  { id: '@microsoft/sdl/no-electron-node-integration', severity: 'warning', why: 'nodeIntegration gives web content Node access' },
  { id: '@microsoft/sdl/no-msapp-exec-unsafe', severity: 'warning', why: 'MSApp.execUnsafeLocalFunction bypasses HTML sanitising' },
  { id: '@microsoft/sdl/no-winjs-html-unsafe', severity: 'warning', why: 'WinJS setInnerHTMLUnsafe bypasses HTML sanitising' },
  { id: 'security/detect-non-literal-fs-filename', severity: 'info', why: 'path traversal, but most fs calls with a variable path are fine (path.join/resolve paths are not reported)' },
  { id: 'security/detect-possible-timing-attacks', severity: 'info', why: 'string comparison of secrets; a name-based guess' },
  { id: '@microsoft/sdl/no-insecure-random', severity: 'info', why: 'Math.random is not for secrets; in benchmarked code it rarely is one (delays and jitter are not reported)' },
  { id: '@microsoft/sdl/no-insecure-url', severity: 'info', why: 'http:// URLs in code; often test data' },
  { id: '@microsoft/sdl/no-cookies', severity: 'info', why: 'document.cookie use; prefer other storage' },
];

const SEVERITY_OF = new Map(SECURITY_RULES.map((r) => [r.id, r.severity]));

const PLUGINS: Record<string, ESLint.Plugin> = {
  security: securityPlugin,
  '@microsoft/sdl': { rules: SDL_RULES },
  perflens: {
    rules: {
      'exponential-regex': exponentialRegexRule,
      'polynomial-regex': polynomialRegexRule,
      'object-injection': objectInjectionRule,
    },
  },
};

/** Extensions we lint; the Linter only needs one to pick TS/JSX parsing. */
const EXTENSIONS = new Set(['.js', '.mjs', '.cjs', '.jsx', '.ts', '.mts', '.cts', '.tsx']);

const IMPLIED_EVAL_GLOBALS: Linter.Globals = Object.fromEntries(
  ['setTimeout', 'setInterval', 'setImmediate', 'execScript', 'window', 'self', 'global', 'globalThis'].map((g) => [g, 'readonly'] as const),
);

// One Linter for the process (it keeps no per-file state) and one config per option set; the
// Linter still re-normalises the config on each verify, which measured about 1 ms.
let linter: Linter | undefined;
const configs = new Map<string, Linter.Config[]>();

/**
 * Rules that only look for certain characters (same sets as the rules use): when the text has
 * none, they are left out of the run. Together they took a third of the rule time on a
 * 300-line file, scanning every token for characters that are almost never there.
 */
const CHARACTER_RULES: readonly { id: string; chars: RegExp }[] = [
  { id: 'security/detect-bidi-characters', chars: /[\u061C\u200E\u200F\u202A-\u202E\u2066-\u2069]/u },
  { id: 'security/detect-invisible-characters', chars: /[\u3164\uFFA0]/u },
];

function configFor(options: SecurityOptions, jsx: boolean, text: string): Linter.Config[] {
  const mode = options.objectInjection ?? 'parameters';
  const disabled = [...(options.disabledRules ?? [])];
  for (const rule of CHARACTER_RULES) if (!rule.chars.test(text)) disabled.push(rule.id);
  disabled.sort();
  const key = `${mode}|${jsx}|${disabled.join(',')}`;
  let config = configs.get(key);
  if (config) return config;
  const skip = new Set(disabled);
  if (mode !== 'parameters') skip.add('perflens/object-injection');
  if (mode !== 'all') skip.add('security/detect-object-injection');
  const rules: Linter.RulesRecord = {};
  for (const rule of SECURITY_RULES) {
    if (!skip.has(rule.id)) rules[rule.id] = rule.severity === 'error' ? 'error' : 'warn';
  }
  config = [
    {
      files: [`**/*{${[...EXTENSIONS].join(',')}}`],
      languageOptions: {
        parser: tsParser,
        ecmaVersion: 'latest',
        sourceType: 'module',
        // no-implied-eval only recognises setTimeout & co. when they resolve to declared globals.
        globals: IMPLIED_EVAL_GLOBALS,
        // No `project`: type-aware parsing would cost a TS program per lint; checkTypes has that job.
        parserOptions: { ecmaFeatures: { jsx } },
      },
      linterOptions: { reportUnusedDisableDirectives: 'off' },
      plugins: PLUGINS,
      rules,
    },
  ];
  configs.set(key, config);
  return config;
}

/**
 * Lints one file's text (an unsaved buffer is fine) with the security rules and returns the
 * findings in source order. Never throws: a file that does not parse gives [] (the locator
 * reports syntax errors), as does an extension that is not JS/TS.
 */
export function lintSecurity(file: string, text: string, options: SecurityOptions = {}): SecurityFinding[] {
  const ext = path.extname(file).toLowerCase();
  if (!EXTENSIONS.has(ext)) return [];
  try {
    linter ??= new Linter({ configType: 'flat' });
    // A relative stand-in name: the Linter matches configs against it, and an absolute path
    // outside its cwd would match nothing.
    const messages = linter.verify(text, configFor(options, ext === '.tsx' || ext === '.jsx', text), { filename: `file${ext}` });
    if (messages.some((m) => m.fatal)) return [];
    const sourceCode = linter.getSourceCode();
    // ESLint strips a byte-order mark before computing positions; our offsets are into `text`.
    const bom = text.charCodeAt(0) === 0xfeff ? 1 : 0;
    const findings: SecurityFinding[] = [];
    for (const m of messages) {
      if (!m.ruleId) continue;
      const severity = SEVERITY_OF.get(m.ruleId) ?? (m.severity === 2 ? 'error' : 'warning');
      const offset = sourceCode.getIndexFromLoc({ line: m.line, column: m.column - 1 }) + bom;
      findings.push({ ruleId: m.ruleId, severity, message: m.message, line: m.line, column: m.column, offset });
    }
    return findings;
  } catch {
    // A rule crashing on unusual syntax must not take the editor's analysis down with it.
    return [];
  }
}
