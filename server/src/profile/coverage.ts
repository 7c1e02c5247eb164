// The blocks of one function, found in its source: the body, each branch of an if, loop bodies, case
// clauses, catch blocks, ternary arms, the right side of && || ??, nested callbacks, and the code that
// continues after a statement that may jump out (V8 counts these "continuation" blocks too). The sandbox
// child looks up V8's block counts at these positions to say how many blocks the inputs reached.

import ts from 'typescript';
import type { LocatedFunction } from '../locate/types';
import { findFunctionNode } from './inputs/checker';
import type { CodeBlock } from './sandbox/contract';

/** The blocks of `fn` in `text` (0-based positions in the original file), or an empty list when it cannot be found. */
export function functionBlocks(file: string, text: string, fn: LocatedFunction): CodeBlock[] {
  const sf = ts.createSourceFile(file, text, ts.ScriptTarget.Latest, true);
  const node = findFunctionNode(sf, fn.nodeStart, fn.nodeEnd) as ts.FunctionLikeDeclaration | undefined;
  if (!node?.body) return [];
  const blocks: CodeBlock[] = [];
  const add = (n: ts.Node): void => {
    // A position inside the block: its first statement, so it lies within V8's range for the block.
    const inner = ts.isBlock(n) && n.statements.length > 0 ? n.statements[0] : n;
    const at = inner === n && ts.isBlock(n) ? n.getStart(sf) + 1 : inner.getStart(sf);
    const p = sf.getLineAndCharacterOfPosition(at);
    blocks.push({ line: p.line, column: p.character, startLine: sf.getLineAndCharacterOfPosition(n.getStart(sf)).line, endLine: sf.getLineAndCharacterOfPosition(n.end).line });
  };
  const continuation = (list: readonly ts.Statement[]): void => {
    list.forEach((st, k) => {
      const next = list[k + 1];
      if (next && (ts.isIfStatement(st) || ts.isIterationStatement(st, false) || ts.isSwitchStatement(st) || ts.isTryStatement(st))) add(next);
    });
  };
  const visit = (n: ts.Node): void => {
    if (ts.isIfStatement(n)) {
      add(n.thenStatement);
      if (n.elseStatement) add(n.elseStatement);
    } else if (ts.isIterationStatement(n, false)) add(n.statement);
    else if (ts.isCaseClause(n) || ts.isDefaultClause(n)) {
      if (n.statements.length > 0) add(n.statements[0]);
    } else if (ts.isCatchClause(n)) add(n.block);
    else if (ts.isConditionalExpression(n)) {
      add(n.whenTrue);
      add(n.whenFalse);
    } else if (ts.isBinaryExpression(n) && LOGICAL.has(n.operatorToken.kind)) add(n.right);
    else if (n !== node && ts.isFunctionLike(n) && (n as ts.FunctionLikeDeclaration).body) add((n as ts.FunctionLikeDeclaration).body!);
    if (ts.isBlock(n) || ts.isSourceFile(n) || ts.isModuleBlock(n)) continuation(n.statements);
    else if (ts.isCaseClause(n) || ts.isDefaultClause(n)) continuation(n.statements);
    ts.forEachChild(n, visit);
  };
  add(node.body);
  visit(node.body);
  return blocks;
}

const LOGICAL = new Set([
  ts.SyntaxKind.AmpersandAmpersandToken,
  ts.SyntaxKind.BarBarToken,
  ts.SyntaxKind.QuestionQuestionToken,
  ts.SyntaxKind.AmpersandAmpersandEqualsToken,
  ts.SyntaxKind.BarBarEqualsToken,
  ts.SyntaxKind.QuestionQuestionEqualsToken,
]);
