// Export: the CSV has one line per version with exact raw values, quotes untrusted text correctly and
// defuses spreadsheet formulas; the JSON is the view itself.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { CSV_COLUMNS, csvCell, exportFileName, historyToCsv, historyToJson } from '../../client/src/panel/export';
import { basicHistory, hostileHistory } from '../fixtures/history/index';

// A small RFC 4180 reader, enough to read back what the exporter wrote.
function parseCsv(text: string): string[][] {
  const rows: string[][] = [];
  let row: string[] = [];
  let cell = '';
  let quoted = false;
  for (let i = 0; i < text.length; i++) {
    const c = text[i]!;
    if (quoted) {
      if (c === '"' && text[i + 1] === '"') (cell += '"'), i++;
      else if (c === '"') quoted = false;
      else cell += c;
    } else if (c === '"') quoted = true;
    else if (c === ',') row.push(cell), (cell = '');
    else if (c === '\r' && text[i + 1] === '\n') row.push(cell), rows.push(row), (row = []), (cell = ''), i++;
    else cell += c;
  }
  return rows;
}

test('the CSV reads back to the same versions and numbers', () => {
  const view = basicHistory();
  const rows = parseCsv(historyToCsv(view));
  assert.deepEqual(rows[0], [...CSV_COLUMNS]);
  assert.equal(rows.length, view.versions.length + 1);
  const col = (name: (typeof CSV_COLUMNS)[number]): number => CSV_COLUMNS.indexOf(name);
  view.versions.forEach((v, i) => {
    const r = rows[i + 1]!;
    assert.equal(r.length, CSV_COLUMNS.length);
    assert.equal(r[col('versionId')], v.id);
    assert.equal(r[col('medianNs')], v.medianNs === undefined ? '' : String(v.medianNs));
    assert.equal(r[col('ci95HighNs')], v.ci95Ns ? String(v.ci95Ns[1]) : '');
    assert.equal(r[col('reasoning')], v.verdict?.reasoning ?? '');
  });
});

test('untrusted text with quotes, commas and markup survives; formulas are defused', () => {
  const view = hostileHistory();
  view.versions[1]!.verdict!.reasoning = 'line one, "quoted"\r\nline two';
  view.versions[0]!.baselines = ['=HYPERLINK("http://x")'];
  const rows = parseCsv(historyToCsv(view));
  const col = (name: (typeof CSV_COLUMNS)[number]): number => CSV_COLUMNS.indexOf(name);
  assert.equal(rows[2]![col('reasoning')], 'line one, "quoted"\r\nline two');
  assert.equal(rows[2]![col('commit')], view.versions[1]!.commit);
  assert.equal(rows[1]![col('baselines')], `'=HYPERLINK("http://x")`);
  for (const f of ['=1+1', '+1', '-1', '@SUM(A1)']) assert.equal(csvCell(f)[0] === "'" || csvCell(f).startsWith(`"'`), true, f);
  assert.equal(csvCell(-5), '-5', 'negative numbers stay numbers');
});

test('the JSON export parses back to the view, and file names are safe', () => {
  const view = hostileHistory();
  assert.deepEqual(JSON.parse(historyToJson(view)), view);
  assert.match(exportFileName(view, 'csv'), /^[A-Za-z0-9_.-]+-history\.csv$/);
  assert.equal(exportFileName(basicHistory(), 'json'), 'CsvParser.parseRows-history.json');
});
