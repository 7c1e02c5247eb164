// Both sides of the panel accept only well-formed messages: anything else is ignored, never acted on.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { isHostToPanelMessage, isPanelToHostMessage } from '../../client/src/panel/messages';
import { basicHistory, generatedHistory, hostileHistory } from '../fixtures/history/index';
import { historyMessage } from './harness';

test('host messages built from the fixtures pass validation', () => {
  for (const view of [basicHistory(), hostileHistory(), generatedHistory(50)]) assert.equal(isHostToPanelMessage(historyMessage(view)), true);
  assert.equal(isHostToPanelMessage({ type: 'history', target: null, view: null, functions: [] }), true);
  assert.equal(isHostToPanelMessage({ type: 'error', message: 'server down' }), true);
});

test('malformed host messages are rejected', () => {
  const good = historyMessage(basicHistory());
  const mutate = (f: (m: any) => void): unknown => {
    const m = structuredClone(good);
    f(m);
    return m;
  };
  const bad: Array<[string, unknown]> = [
    ['null', null],
    ['unknown type', { type: 'eval', code: 'x' }],
    ['NaN median', mutate((m) => (m.view.versions[1].medianNs = NaN))],
    ['string median', mutate((m) => (m.view.versions[1].medianNs = '12'))],
    ['CI of one number', mutate((m) => (m.view.versions[1].ci95Ns = [1]))],
    ['unknown verdict', mutate((m) => (m.view.versions[1].verdict.recommendation = 'MAYBE'))],
    ['reasoning not text', mutate((m) => (m.view.versions[1].verdict.reasoning = { html: '<b>' }))],
    ['baselines missing', mutate((m) => delete m.view.versions[1].baselines)],
    ['versions not a list', mutate((m) => (m.view.versions = {}))],
    ['empty target uri', mutate((m) => (m.target.uri = ''))],
    ['functions not a list', mutate((m) => (m.functions = null))],
    ['error without text', { type: 'error' }],
  ];
  for (const [why, m] of bad) assert.equal(isHostToPanelMessage(m), false, why);
});

test('page messages: the four kinds pass, malformed ones do not', () => {
  const target = { uri: 'file:///w/a.ts', qualifiedName: 'f' };
  for (const m of [{ type: 'ready' }, { type: 'ready', target }, { type: 'selectFunction', target }, { type: 'openDiff', versionId: 'v1' }, { type: 'export', format: 'csv' }])
    assert.equal(isPanelToHostMessage(m), true, JSON.stringify(m));
  for (const m of [
    { type: 'openDiff', versionId: '' },
    { type: 'openDiff', versionId: 3 },
    { type: 'export', format: 'xml' },
    { type: 'selectFunction', target: { uri: 'file:///w/a.ts' } },
    { type: 'ready', target: 'f' },
    { type: 'runCommand', command: 'rm' },
    'ready',
  ])
    assert.equal(isPanelToHostMessage(m), false, JSON.stringify(m));
});
