// `perflens analyze`: static analysis of every function of a file (complexity, security, types).
import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { Engine, type FileAnalysis, type FunctionAnalysis } from '../engine';
import { findWorkspaceRoot } from '../workspace';
import { ExitCode, stringOption, type CliCommand, type CliIO } from './command';
import { formatTable } from './table';

export const analyzeCommand: CliCommand = {
  name: 'analyze',
  usage: 'perflens analyze <file> [--function <qualifiedName>] [--json] [--no-types]',
  details: [
    'Qualified names: `f`, `outer.inner`, `Class.method`, `Class.get value`, `obj.method`, `default`.',
    'Lines in findings are 1-based; `range` in --json output uses 0-based LSP positions.',
    'Exit codes: 0 analysed, 2 missing file or function, or bad usage.',
  ].join('\n'),
  options: {
    function: { type: 'string', short: 'f', valueName: '<qualifiedName>', description: 'analyse only this function' },
    json: { type: 'boolean', description: 'print JSON (the schema is in the README)' },
    'no-types': { type: 'boolean', description: 'skip the TypeScript type check (faster)' },
  },
  positionals: { min: 1, max: 1, names: 'one <file>' },
  async run(ctx) {
    const file = resolve(ctx.io.cwd, ctx.positionals[0]!);
    const text = readSource(file, ctx.io);
    if (text === undefined) return ExitCode.usage;
    const engine = new Engine({ workspaceRoot: findWorkspaceRoot(file) });
    const report = await engine.analyze(file, text, { typeCheck: ctx.values['no-types'] !== true });
    const wanted = stringOption(ctx, 'function');
    const functions = wanted === undefined ? report.functions : report.functions.filter((f) => f.fn.qualifiedName === wanted);
    if (wanted !== undefined && functions.length === 0) {
      ctx.io.err(functionNotFound(wanted, report));
      return ExitCode.usage;
    }
    if (ctx.values.json) ctx.io.out(JSON.stringify(toJson(report, functions), null, 2));
    else ctx.io.out(toText(report, functions));
    return ExitCode.ok;
  },
};

/** Reads a source file, or prints the one-line error and returns undefined. */
export function readSource(file: string, io: CliIO): string | undefined {
  try {
    return readFileSync(file, 'utf8');
  } catch (err) {
    const code = (err as NodeJS.ErrnoException).code;
    io.err(code === 'ENOENT' ? `perflens: no such file: ${file}` : `perflens: cannot read ${file}: ${(err as Error).message}`);
    return undefined;
  }
}

/** The one-line message for a qualified name that is not in the file, with the closest hint we have. */
export function functionNotFound(wanted: string, report: Pick<FileAnalysis, 'file' | 'syntaxErrors'> & { functions: { fn: { qualifiedName: string } }[] }): string {
  const names = report.functions.map((f) => f.fn.qualifiedName);
  const close = names.filter((n) => n.toLowerCase().includes(wanted.toLowerCase()) || wanted.toLowerCase().includes(n.toLowerCase()));
  const hint = close.length ? ` Did you mean ${close.slice(0, 3).map((n) => `"${n}"`).join(', ')}?` : names.length ? ` It has: ${names.slice(0, 6).join(', ')}${names.length > 6 ? ', ...' : ''}.` : '';
  const broken = report.syntaxErrors.length ? ` (the file has a syntax error at line ${report.syntaxErrors[0]!.line + 1})` : '';
  return `perflens: no function "${wanted}" in ${report.file}${broken}.${hint}`;
}

function toJson(report: FileAnalysis, functions: FunctionAnalysis[]) {
  return {
    file: report.file,
    syntaxErrors: report.syntaxErrors.map((e) => ({ message: e.message, line: e.line + 1, character: e.character + 1 })),
    functions: functions.map((f) => ({
      name: f.fn.name,
      qualifiedName: f.fn.qualifiedName,
      kind: f.fn.kind,
      range: f.fn.range,
      hash: f.fn.hash,
      exported: f.fn.exported,
      async: f.fn.async,
      complexity: f.complexity,
      security: f.security.map(({ ruleId, severity, message, line, column }) => ({ ruleId, severity, message, line, column })),
      correctness: {
        syntaxValid: f.correctness.syntaxValid,
        typeErrors: f.correctness.typeErrors.map(({ message, line, character, code }) => ({ message, line, character, code })),
      },
    })),
    moduleFindings: report.moduleSecurity.map(({ ruleId, severity, message, line }) => ({ ruleId, severity, message, line })),
    problems: report.problems,
  };
}

function toText(report: FileAnalysis, functions: FunctionAnalysis[]): string {
  const rows = functions.map((f) => [
    f.fn.qualifiedName,
    String(f.fn.range.start.line + 1),
    String(f.complexity.cyclomatic),
    String(f.complexity.cognitive),
    String(Math.round(f.complexity.maintainability)),
    f.complexity.grade,
    String(f.complexity.nesting),
    f.security.length ? `${f.security.length} (${[...new Set(f.security.map((s) => s.ruleId))].join(', ')})` : '-',
    f.correctness.typeErrors.length ? String(f.correctness.typeErrors.length) : '-',
  ]);
  const lines = [
    formatTable(['function', 'line', 'CC', 'cog', 'MI', 'grade', 'nest', 'security', 'type errors'], rows),
  ];
  for (const f of functions) {
    for (const s of f.security) lines.push(`  ${f.fn.qualifiedName}:${s.line}  ${s.severity}  ${s.ruleId}  ${s.message}`);
    for (const t of f.correctness.typeErrors) lines.push(`  ${f.fn.qualifiedName}:${t.line}  type error TS${t.code}  ${t.message}`);
  }
  for (const e of report.syntaxErrors) lines.push(`syntax error at line ${e.line + 1}:${e.character + 1}: ${e.message}`);
  for (const p of report.problems) lines.push(`warning: ${p}`);
  if (functions.length === 0) lines.push('no functions found');
  return lines.join('\n');
}
