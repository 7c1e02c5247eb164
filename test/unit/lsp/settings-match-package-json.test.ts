// The settings module's defaults and enums are package.json's: every `perflens.*` key in
// contributes.configuration has the same default in DEFAULT_SETTINGS, and every default has a key there.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import * as path from 'node:path';
import { DEFAULT_SETTINGS, OBJECT_INJECTION_MODES, REJECT_SEVERITIES } from '../../../server/src/settings';

/** Settings owned by a library rather than PerfLens (vscode-languageclient reads `<id>.trace.server`). */
const LIBRARY_OWNED = new Set(['perflens.trace.server']);

const manifest = JSON.parse(readFileSync(path.join(__dirname, '../../../package.json'), 'utf8')) as {
  contributes: { configuration: { properties: Record<string, { default: unknown; enum?: unknown[] }> } };
};
const properties = manifest.contributes.configuration.properties;

function flatten(value: unknown, prefix: string, out: Map<string, unknown>): Map<string, unknown> {
  if (typeof value === 'object' && value !== null && !Array.isArray(value)) {
    for (const [k, v] of Object.entries(value)) flatten(v, `${prefix}.${k}`, out);
  } else out.set(prefix, value);
  return out;
}

test('every default equals package.json, and every package.json setting has a default here', () => {
  const defaults = flatten(DEFAULT_SETTINGS, 'perflens', new Map());
  for (const [key, value] of defaults) {
    assert.ok(key in properties, `${key} is not contributed in package.json`);
    assert.deepEqual(properties[key]!.default, value, `default of ${key}`);
  }
  for (const key of Object.keys(properties)) {
    if (!LIBRARY_OWNED.has(key)) assert.ok(defaults.has(key), `${key} has no default in server/src/settings.ts`);
  }
});

test('the enums the reader accepts are the ones package.json offers', () => {
  assert.deepEqual(properties['perflens.security.objectInjection']!.enum, [...OBJECT_INJECTION_MODES]);
  assert.deepEqual(properties['perflens.diagnostics.rejectSeverity']!.enum, [...REJECT_SEVERITIES]);
});
