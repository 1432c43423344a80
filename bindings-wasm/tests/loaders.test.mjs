// The loaders report every problem of an input at once, and what the package writes it
// reads back equal. The same bad tables as core/tests/loaders.rs and the Python test_files,
// with the problems counted by hand.
import test from 'node:test';
import assert from 'node:assert/strict';
import { rt } from './helpers.mjs';

const roadmapCsv = 'id,title,publisher,published\nplan,Plan,Us,2026-01-19\n';
// Line 3 a weight that is no number; line 4 an unknown kind and 30 February; line 5 a
// deadline's date without its phrase; line 6 three fields under seven; updates.csv line 2
// month 13, line 3 no node.
const badTables = {
  roadmap: roadmapCsv,
  nodes: 'id,kind,parent,title,weight,deadline,deadline_written_on\n'
    + 'svc,section,,Services,,,\n'
    + 'web,area,svc,Web,heavy,,\n'
    + 'portal,chapter,web,Portal,,by March 2027,2026-02-30\n'
    + 'app,commitment,web,App,2,,2026-01-19\n'
    + 'x,area,svc\n'
    + 'api,commitment,web,API,,,\n',
  updates: 'node,date,status\nportal,2026-13-01,started\n,2026-03-01,done\napi,2026-03-01,done\n',
};
const badAt = [
  ['invalid_number', 'nodes.csv', 3, 'weight'],
  ['unknown_value', 'nodes.csv', 4, 'kind'],
  ['invalid_date', 'nodes.csv', 4, 'deadline_written_on'],
  ['missing_field', 'nodes.csv', 5, 'deadline'],
  ['ragged_row', 'nodes.csv', 6, null],
  ['invalid_date', 'updates.csv', 2, 'date'],
  ['missing_field', 'updates.csv', 3, 'node'],
];

const where = (e) => e.problems.map((p) => [p.code, p.location.file, p.location.line, p.location.field]);

test('every problem of the tables at once', () => {
  assert.throws(() => rt.Roadmap.fromCsvTables(badTables), (e) => {
    assert.ok(e instanceof Error);
    assert.equal(e.name, 'FormatError');
    assert.deepEqual(where(e), badAt);
    assert.deepEqual([e.code, e.line, e.field], ['invalid_number', 3, 'weight']);
    return true;
  });
});

test('the list of problems is capped, with the rest counted', () => {
  let nodes = 'id,kind,title\n';
  for (let i = 0; i < 250; i += 1) nodes += `n${i},chapter,T\n`;
  assert.throws(() => rt.Roadmap.fromCsvTables({ roadmap: roadmapCsv, nodes }), (e) => {
    assert.equal(e.problems.length, 101);
    assert.equal(e.problems[99].location.line, 101);
    assert.equal(e.problems[100].code, 'too_many_problems');
    assert.equal(e.problems[100].message, '150 more problems were found and are not listed (at most 100 are)');
    return true;
  });
});

test('every problem of a JSON document and of a flat sheet', () => {
  const json = '{"id": "plan", "title": "Plan", "publisher": "Us", "published": "2026-02-30",\n'
    + ' "nodes": [{"id": "s", "kind": "chapter", "title": "S"}, {"id": "a", "kind": "area"}]}\n';
  assert.throws(() => rt.Roadmap.fromJson(json), (e) => {
    assert.equal(e.name, 'FormatError');
    assert.deepEqual(e.problems.map((p) => [p.code, p.location.path, p.location.line]), [
      ['invalid_date', 'published', 1],
      ['unknown_value', 'nodes[0].kind', 2],
      ['missing_field', 'nodes[1]', 2],
    ]);
    return true;
  });
  const base = rt.Roadmap.fromJson('{"id": "plan", "title": "Plan", "publisher": "Us", "published": "2026-01-19"}');
  assert.throws(() => rt.Roadmap.fromFlatCsv('section,area,id,title,status,status_date\n,,c1,One,,\nS,A,c2,Two,done,2026-02-30\n', base), (e) => {
    assert.deepEqual(where(e), [
      ['blank_field', 'tracker.csv', 2, 'section'],
      ['blank_field', 'tracker.csv', 2, 'area'],
      ['invalid_date', 'tracker.csv', 3, 'status_date'],
    ]);
    return true;
  });
});

test('what the package writes reads back equal, in every form', () => {
  const uk = rt.Roadmap.ukDigital2026();
  assert.deepEqual(rt.Roadmap.fromJson(uk.toJson()).toObject(), uk.toObject());
  assert.deepEqual(rt.Roadmap.fromCsvTables(uk.toCsvTables()).toObject(), uk.toObject());
  // A roadmap read from a flat sheet, with its own base, and an empty column kept.
  const base = rt.Roadmap.fromJson('{"id": "plan", "title": "Plan", "publisher": "Us", "published": "2026-01-19"}');
  const flat = rt.Roadmap.fromFlatCsv('section,area,id,title,status,status_date,Lead\nServices,Web,portal,Portal,done,2026-03-01,\n', base);
  assert.deepEqual(flat.toObject().nodes[2].extra, { Lead: '' });
  for (const again of [
    rt.Roadmap.fromFlatCsv(flat.toFlatCsv(), flat),
    rt.Roadmap.fromCsvTables(flat.toCsvTables()),
    rt.Roadmap.fromJson(flat.toJson()),
  ]) {
    assert.deepEqual(again.toObject(), flat.toObject());
  }
});
