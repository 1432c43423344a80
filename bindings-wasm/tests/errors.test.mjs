// Errors: every failure is a real JS Error with a name, the core's stable code, its kind
// and where it happened; the shared bad-file fixtures give the same code and location as
// in Rust; and no failure leaves the module unusable.
import test from 'node:test';
import assert from 'node:assert/strict';
import { rt, fixture, fixtureText, articleRoadmap } from './helpers.mjs';

const { Roadmap } = rt;

/** Run `f`, which must throw; return what it threw. */
function thrown(f) {
  try {
    f();
  } catch (e) {
    return e;
  }
  assert.fail('expected a throw');
}

function assertRoadmapError(e, { name, code, kind }) {
  assert.ok(e instanceof Error, `threw ${typeof e}: ${e}`);
  assert.equal(e.name, name);
  assert.equal(e.code, code);
  assert.equal(e.kind, kind);
  assert.equal(typeof e.message, 'string');
  assert.ok(e.message.length > 0);
  assert.equal(typeof e.stack, 'string');
  assert.ok(Array.isArray(e.problems));
  assert.deepEqual(Object.keys(e.location).sort(), ['column', 'field', 'file', 'line', 'path']);
  for (const key of ['file', 'line', 'column', 'path', 'field']) assert.equal(e[key], e.location[key]);
}

test('a refused phrase is a DeadlineError with its reason and span', () => {
  const e = thrown(() => rt.parseDeadline('by Marchh 2026', '2026-01-19'));
  assertRoadmapError(e, { name: 'DeadlineError', code: 'unrecognised_word', kind: 'deadline' });
  assert.deepEqual([e.start, e.end], [3, 9]);
  assert.deepEqual(e.span, { start: 3, end: 9 });
  assert.equal(e.phrase, 'by Marchh 2026');
  assert.match(e.message, /Marchh/);
  // The message is the core's bare message: no code or span in front of it.
  assert.ok(!e.message.startsWith('unrecognised_word'), e.message);
  assert.equal(String(e).split(':')[0], 'DeadlineError');
  // An en dash is 3 bytes but 1 UTF-16 unit: the core's byte span 13..17 is 11..15 in a
  // JS string, and slices the word out of it.
  const dash = thrown(() => rt.parseDeadline('Q1 2026–27 blah', '2026-01-19'));
  assert.deepEqual([dash.code, dash.start, dash.end], ['unrecognised_word', 11, 15]);
  assert.equal(dash.phrase.slice(dash.start, dash.end), 'blah');
  const empty = thrown(() => rt.parseDeadline('   ', '2026-01-19'));
  assert.equal(empty.code, 'empty');
  const long = thrown(() => rt.parseDeadline('by March 2028 '.repeat(100), '2026-01-19'));
  assert.equal(long.code, 'too_long');
  const edtf = thrown(() => rt.parseEdtf('2026-99-99', '2026-01-19'));
  assert.equal(edtf.name, 'DeadlineError');
});

test('bad arguments are ArgumentErrors naming the argument', () => {
  const summer = rt.parseDeadline('summer 2026', '2026-01-19');
  const cases = [
    [() => rt.parseDeadline('summer 2026', '2026-02-30'), 'writtenOn', /February 2026 has 28 days/],
    [() => rt.parseDeadline('summer 2026', '19/01/2026'), 'writtenOn', /YYYY-MM-DD/],
    [() => rt.parseDeadline('summer 2026', new Date(NaN)), 'writtenOn', /invalid Date/],
    [() => rt.parseDeadline('summer 2026', 20260119), 'writtenOn', /string or a Date/],
    [() => rt.parseDeadline(undefined, '2026-01-19'), 'phrase', /must be a string/],
    [() => rt.parseDeadline(42, '2026-01-19'), 'phrase', /must be a string/],
    [() => rt.parseDeadlines('summer 2026', '2026-01-19'), 'phrases', /array of strings/],
    [() => rt.parseDeadlines(['summer 2026', 7], '2026-01-19'), 'phrases[1]', /must be a string/],
    [() => rt.parseDeadline('summer 2026'), 'writtenOn', /required/],
    [() => rt.parseEdtf('2026-22', null), 'writtenOn', /required/],
    [() => rt.parseDeadlines(['summer 2026']), 'writtenOn', /required/],
    [() => rt.judgeDeadline(summer, '2026-13-01'), 'asOf', /month 13/],
    [() => rt.judgeDeadline(summer, '2026-06-01', 'soon'), 'deliveredOn', /YYYY-MM-DD/],
    [() => rt.judgeDeadline('summer 2026', '2026-06-01'), 'deadline.phrase', /must be a string/],
    [() => articleRoadmap().history('2026-02-01', '2026-01-01'), 'to', /before it starts/],
    [() => articleRoadmap().changes(null), 'since', /required/],
    [() => articleRoadmap().evaluate('2026-11-24', { grace: 3 }), 'rules', /grace/],
    [() => articleRoadmap().report('2026-11-24', { since: 'yesterday' }), 'since', /YYYY-MM-DD/],
    [() => Roadmap.fromObject('{}'), 'object', /roadmap object/],
    [() => Roadmap.fromCsvTables({ nodes: 5 }), 'tables.nodes', /string or a Uint8Array/],
  ];
  for (const [f, path, message] of cases) {
    const e = thrown(f);
    assertRoadmapError(e, { name: 'ArgumentError', code: 'invalid_argument', kind: 'argument' });
    assert.equal(e.path, path, e.message);
    assert.match(e.message, message);
    assert.equal(e.problems.length, 1);
    assert.equal(e.problems[0].code, 'invalid_argument');
  }
});

test('an unknown step or format argument is an ArgumentError naming it, as in Python', () => {
  const r = articleRoadmap();
  for (const [f, path, names] of [
    [() => r.history('2026-01-01', '2026-02-01', 'hourly'), 'step', /daily/],
    [() => r.report('2026-11-24', { format: 'pdf' }), 'format', /markdown/],
  ]) {
    const e = thrown(f);
    assertRoadmapError(e, { name: 'ArgumentError', code: 'invalid_argument', kind: 'argument' });
    assert.equal(e.path, path);
    assert.match(e.message, names);
  }
});

test('an unknown table name in the data is the core\'s FormatError unknown_value', () => {
  const e = thrown(() => Roadmap.fromCsvTables({ notes: '' }));
  assertRoadmapError(e, { name: 'FormatError', code: 'unknown_value', kind: 'format' });
  assert.match(e.message, /nodes/);
});

test('a malformed roadmap is a FormatError with the line and column, or the JSON path', () => {
  const syntax = thrown(() => Roadmap.fromJson('{"id": "x",\n "title": }'));
  assertRoadmapError(syntax, { name: 'FormatError', code: 'json_syntax', kind: 'format' });
  assert.equal(syntax.line, 2);
  assert.equal(typeof syntax.column, 'number');
  const date = thrown(() => Roadmap.fromObject({ id: 'plan', title: 'Plan', publisher: 'Us', published: '2026-02-30' }));
  assertRoadmapError(date, { name: 'FormatError', code: 'invalid_date', kind: 'format' });
  assert.equal(date.path, 'published');
  assert.match(date.message, /February 2026 has 28 days/);
  const deep = thrown(() => Roadmap.fromJson('['.repeat(100000)));
  assert.equal(deep.name, 'FormatError');
});

test('an inconsistent roadmap is a ValidationError listing every problem', () => {
  const json = {
    id: 'plan', title: 'Plan', publisher: 'Us', published: '2026-01-19',
    nodes: [
      { id: 's', kind: 'section', title: 'S' },
      { id: 's', kind: 'section', title: 'S again' },
      { id: 'a', kind: 'area', parent: 'nowhere', title: 'A' },
    ],
    updates: [{ node: 'ghost', date: '2026-01-01', status: 'met' }],
  };
  const e = thrown(() => Roadmap.fromObject(json));
  assertRoadmapError(e, { name: 'ValidationError', code: 'duplicate_id', kind: 'validation' });
  assert.deepEqual([e.path, e.field], ['nodes[1]', 'id']);
  const codes = e.problems.map((p) => `${p.code} at ${p.location.path}.${p.location.field}`);
  assert.ok(codes.includes('duplicate_id at nodes[1].id'), codes.join('; '));
  assert.ok(codes.includes('unknown_parent at nodes[2].parent'), codes.join('; '));
  assert.ok(codes.some((c) => c.startsWith('unknown_node at updates[0]')), codes.join('; '));
  // Read without validating, the same problems are listed as data.
  const loose = Roadmap.fromJson(JSON.stringify(json), { validate: false });
  assert.deepEqual(loose.problems().map((p) => p.code), e.problems.map((p) => p.code));
  assert.deepEqual(articleRoadmap().problems(), []);
  assert.equal(articleRoadmap().validate(), undefined);
  assert.equal(thrown(() => loose.validate()).name, 'ValidationError');
});

test('validate() and problems() read labels with the rules given', () => {
  // "Promise kept" is a PolitiFact label: unknown to the default rules, read under rules
  // with that vocabulary.
  const data = JSON.parse(articleRoadmap().toJson());
  data.updates = [{ ...data.updates[0], status: 'Promise kept' }];
  const r = Roadmap.fromObject(data);
  assert.deepEqual(r.problems().map((p) => p.code), ['unknown_label']);
  assert.equal(thrown(() => r.validate()).name, 'ValidationError');
  const rules = { vocabularies: ['roadmap-tracker', 'politifact'] };
  assert.deepEqual(r.problems(rules), []);
  assert.equal(r.validate(rules), undefined);
});

test('an unknown status label makes its node unreadable, with the error at the update', () => {
  const r = articleRoadmap();
  const first = r.toObject().updates[0].node;
  const e = r.evaluate('2026-11-24', { vocabularies: ['okr'] });
  const s = e.commitments.find((c) => c.node === first);
  assert.deepEqual([s.status, s.rag, s.rule], ['unreadable', 'grey', 'unreadable']);
  assert.deepEqual([s.error.code, s.error.kind], ['unknown_label', 'vocabulary']);
  assert.deepEqual([s.error.location.path, s.error.location.field], ['updates[0]', 'status']);
  // Nodes with no updates are still judged.
  assert.ok(e.commitments.some((c) => c.status !== 'unreadable'));
});

test('a roadmap deadline the engine refuses makes the node unreadable, with the error', () => {
  const json = {
    id: 'plan', title: 'Plan', publisher: 'Us', published: '2026-01-19',
    nodes: [
      { id: 's', kind: 'section', title: 'S' },
      { id: 'a', kind: 'area', parent: 's', title: 'A' },
      { id: 'c', kind: 'commitment', parent: 'a', title: 'C', deadline: { phrase: 'by Marchh 2026', written_on: '2026-01-19' } },
    ],
  };
  const s = Roadmap.fromObject(json).statusOf('c', '2026-06-01');
  assert.deepEqual([s.status, s.rag], ['unreadable', 'grey']);
  // The same code as the phrase refused on its own (no umbrella `deadline` code).
  const e = s.error;
  assert.deepEqual([e.code, e.kind], ['unrecognised_word', 'deadline']);
  assert.equal(e.location.path, 'nodes[2].deadline');
  assert.equal(e.location.field, 'phrase');
  assert.equal(e.phrase, 'by Marchh 2026');
  assert.deepEqual([e.span.start, e.span.end], [3, 9]);
  assert.match(s.reason, /^Cannot be judged: /);
});

// "summer 2026 😀": the emoji is refused. "summer 2026 " is 12 bytes and 12 UTF-16 units;
// the emoji is 4 bytes and 2 units (a surrogate pair). The core's span (12, 16) is
// (12, 14) here, so that phrase.slice(start, end) is the emoji; the same in a thrown
// error, in an unreadable status, in the report and in validate()'s problems.
const UNREADABLE = {
  id: 'plan', title: 'Plan', publisher: 'Us', published: '2026-01-19',
  nodes: [
    { id: 's', kind: 'section', title: 'S' },
    { id: 'a', kind: 'area', parent: 's', title: 'A' },
    { id: 'kiosk', kind: 'commitment', parent: 'a', title: 'Kiosk', deadline: { phrase: 'summer 2026 😀', written_on: '2026-01-19' } },
    { id: 'app', kind: 'commitment', parent: 'a', title: 'App' },
  ],
  updates: [{ node: 'app', date: '2026-04-02', status: 'sort of done' }],
};

test('spans in unreadable statuses and in validate() are UTF-16 units', () => {
  const r = Roadmap.fromObject(UNREADABLE); // it loads
  const span = { start: 12, end: 14 };
  const e = r.evaluate('2026-06-01');
  const kiosk = e.commitments[0];
  assert.equal(kiosk.status, 'unreadable');
  assert.deepEqual(kiosk.error.span, span);
  assert.equal(kiosk.error.phrase.slice(span.start, span.end), '😀');
  assert.deepEqual(kiosk.error.problems[0].span, span);
  assert.deepEqual(r.statusOf('kiosk', '2026-06-01').error.span, span);
  const report = r.report('2026-06-01', { format: 'dict' });
  assert.deepEqual(report.sections[0].children[0].children[0].status.error.span, span);
  // The JSON text keeps the core's bytes, as the core's documents do.
  assert.deepEqual(JSON.parse(r.evaluateJson('2026-06-01')).commitments[0].error.span, { start: 12, end: 16 });
  const v = thrown(() => r.validate());
  assertRoadmapError(v, { name: 'ValidationError', code: 'unrecognised_word', kind: 'validation' });
  assert.deepEqual(v.problems.map((p) => [p.code, p.location.path, p.location.field]), [
    ['unrecognised_word', 'nodes[2].deadline', 'phrase'],
    ['unknown_label', 'updates[0]', 'status'],
  ]);
  assert.equal(v.problems[0].message, 'the deadline of "kiosk": "😀" is not expected here');
  assert.deepEqual(v.problems[0].span, span);
  assert.deepEqual([v.start, v.end], [12, 14]);
  assert.deepEqual(r.problems().map((p) => p.span ?? null), [span, null]);
});

test('the shared bad fixtures give the same code and location as in Rust', () => {
  const cases = JSON.parse(fixtureText('bad', 'cases.json'));
  assert.ok(cases.length >= 25, `${cases.length} cases`);
  const minimal = {};
  for (const t of ['roadmap', 'sources', 'nodes', 'updates']) minimal[`${t}.csv`] = fixture('minimal', `${t}.csv`);
  const base = Roadmap.fromObject({ ...JSON.parse(fixtureText('minimal', 'roadmap.json')), nodes: [], updates: [] });
  const failures = [];
  for (const c of cases) {
    const bytes = new Uint8Array(fixture('bad', c.file));
    let e;
    try {
      if (c.format === 'json') Roadmap.fromJson(bytes);
      else if (c.format === 'csv') Roadmap.fromCsvTables({ ...minimal, [c.table]: bytes });
      else Roadmap.fromFlatCsv(new TextDecoder().decode(bytes), base);
      failures.push(`${c.file}: loaded, expected ${c.code}`);
      continue;
    } catch (err) {
      e = err;
    }
    if (!(e instanceof Error) || !Array.isArray(e.problems)) {
      failures.push(`${c.file}: threw ${e}`);
      continue;
    }
    const p = e.problems.find((x) => x.code === c.code);
    if (!p) {
      failures.push(`${c.file}: expected ${c.code} (${c.why}), got ${e.name} ${e.code}: ${e.message}`);
      continue;
    }
    const at = p.location;
    if (c.format !== 'json' && at.file !== c.table) failures.push(`${c.file}: file ${at.file}, expected ${c.table}`);
    if (c.path !== undefined && at.path !== c.path) failures.push(`${c.file}: path ${at.path}, expected ${c.path}`);
    if (c.line !== undefined && at.line !== c.line) failures.push(`${c.file}: line ${at.line}, expected ${c.line}`);
    if (c.field !== undefined && at.field !== c.field) failures.push(`${c.file}: field ${at.field}, expected ${c.field}`);
    if (!p.message) failures.push(`${c.file}: no message`);
    if (e.name !== { format: 'FormatError', validation: 'ValidationError', deadline: 'DeadlineError', vocabulary: 'VocabularyError', metric: 'MetricError', argument: 'ArgumentError' }[e.kind]) {
      failures.push(`${c.file}: name ${e.name} for kind ${e.kind}`);
    }
  }
  assert.deepEqual(failures, []);
});

test('the module stays usable after every kind of bad call', () => {
  const r = articleRoadmap();
  const good = () => {
    const d = rt.parseDeadline('towards the end of 2026', '2026-01-19');
    assert.deepEqual([d.earliest, d.latest], ['2026-09-01', '2026-12-31']);
    const top = r.scores('2026-11-24')[0];
    assert.equal(top.total, 48);
    assert.equal(top.counts.overdue_unconfirmed, 3);
  };
  good();
  const bad = [
    () => rt.parseDeadline('by Marchh 2026', '2026-01-19'),
    () => rt.parseDeadline('x'.repeat(1_000_000), '2026-01-19'),
    () => rt.parseDeadline('\u0000\uffff\ud800', '2026-01-19'),
    () => rt.parseDeadline('31 February 2026', '2026-01-19'),
    () => rt.parseDeadline('Q5 2026', '2026-01-19'),
    () => rt.parseDeadline('summer 2026', '0000-01-01'),
    () => rt.parseDeadline('summer 9999', '9999-12-31'),
    () => rt.parseEdtf('../..', '2026-01-19'),
    () => rt.judgeDeadline(rt.parseDeadline('summer 2026', '2026-01-19'), {}),
    () => rt.judgeDeadline({ phrase: 'by Marchh 2026', written_on: '2026-01-19' }, '2026-06-01'),
    () => Roadmap.fromJson('{'),
    () => Roadmap.fromJson('['.repeat(100000)),
    () => Roadmap.fromJson(new Uint8Array([0xff, 0xfe, 0x00])),
    () => Roadmap.fromCsvTables({ 'notes.csv': '' }),
    () => Roadmap.fromCsvTables({ nodes: 'id\n' }),
    () => Roadmap.fromFlatCsv('"unterminated', r),
    () => r.evaluate('not a date'),
    () => r.evaluate('2026-11-24', '{"grace_days": -1}'),
    () => r.evaluate('2026-11-24', { thresholds: { green: 2, amber: 0.5 } }),
    () => r.history('2026-01-01', '2025-01-01'),
    () => r.history('1000-01-01', '9999-12-31', 'daily'),
  ];
  for (const f of bad) {
    let e;
    try {
      f();
    } catch (err) {
      e = err;
    }
    // Most refuse; the odd one may succeed (an extreme year is still a year). None traps.
    if (e !== undefined) {
      assert.ok(e instanceof Error, `threw a non-Error: ${e}`);
      assert.notEqual(e.name, 'RuntimeError', `a wasm trap: ${e.message}`);
      assert.equal(typeof e.code, 'string', `${e.name}: ${e.message}`);
    }
    good();
  }
});
