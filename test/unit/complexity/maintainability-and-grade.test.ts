// Maintainability index stays on its 0–100 scale and falls as a function grows; the letter grade
// follows the documented bands (docs/metrics.md).
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { measureOne } from './measure-source';
import { grade, maintainability } from '../../../server/src/analyze/complexity/scores';

/** A function with `n` if-statements, each a few operators long. */
function growing(n: number): string {
  const lines = [];
  for (let i = 0; i < n; i++) lines.push(`  if (x > ${i} && y !== ${i}) { total += x * ${i} - y; }`);
  return `function f(x: number, y: number) {\n  let total = 0;\n${lines.join('\n')}\n  return total;\n}`;
}

test('maintainability falls as the same function grows, and stays within [0, 100]', () => {
  let previous = 101;
  for (const n of [0, 1, 5, 20, 80, 400]) {
    const m = measureOne(growing(n), 'f');
    assert.ok(m.maintainability >= 0 && m.maintainability <= 100, `n=${n}: ${m.maintainability}`);
    assert.ok(m.maintainability < previous, `n=${n}: ${m.maintainability} !< ${previous}`);
    previous = m.maintainability;
  }
});

test('maintainability is clamped at both ends of the scale', () => {
  // V and SLOC floored at 1 (ln 1 = 0): (171 − 0.23) · 100 / 171
  assert.equal(maintainability(0, 1, 0), 99.87);
  assert.equal(maintainability(1e12, 500, 1e6), 0);
});

test('a trivially small function grades A; a sprawling one grades F', () => {
  assert.equal(measureOne('const id = (x: number) => x;', 'id').grade, 'A');
  const big = measureOne(growing(45), 'f'); // 91 decision points
  assert.ok(big.cyclomatic > 40);
  assert.equal(big.grade, 'F');
});

test('grade is the worst of the cyclomatic, cognitive and maintainability bands', () => {
  assert.equal(grade(5, 5, 100), 'A');
  assert.equal(grade(6, 0, 100), 'B');
  assert.equal(grade(20, 0, 100), 'C');
  assert.equal(grade(21, 0, 100), 'D');
  assert.equal(grade(41, 0, 100), 'F');
  assert.equal(grade(1, 16, 100), 'D'); // past SonarSource's default limit of 15
  assert.equal(grade(1, 41, 100), 'F');
  assert.equal(grade(1, 0, 19.99), 'C');
  assert.equal(grade(1, 0, 9.99), 'E');
  assert.equal(grade(12, 30, 15), 'E');
});
