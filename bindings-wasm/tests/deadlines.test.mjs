// The shared golden corpus (tests/fixtures/deadlines.jsonl), checked field by field as
// core/tests/deadline_corpus.rs checks it: window, granularity, named unit, part,
// qualifiers, EDTF rendering and read-back, judgments, and refusals with their code and
// byte span. The expected values are the fixture's, worked out by hand from
// docs/deadlines.md; nothing here is copied from the library's output.
import test from 'node:test';
import assert from 'node:assert/strict';
import { rt, fixtureText, articleRoadmap } from './helpers.mjs';

const cases = fixtureText('deadlines.jsonl')
  .split('\n')
  .filter((line) => line.trim() !== '')
  .map((line) => JSON.parse(line));

test('the corpus is the shared one: at least 526 cases, 78 refused, 115 with judgments', () => {
  // Lower bounds: the corpus only grows (real-document cases are appended to it).
  assert.ok(cases.length >= 526, `${cases.length} cases`);
  assert.ok(cases.filter((c) => c.error).length >= 78);
  assert.ok(cases.filter((c) => c.judge).length >= 115);
  assert.equal(new Set(cases.map((c) => c.id)).size, cases.length, 'ids are unique');
});

const enc = new TextEncoder();
/** A byte offset of the fixtures as a UTF-16 index, the unit of JS positions. */
const utf16 = (phrase, byte) => new TextDecoder().decode(enc.encode(phrase).slice(0, byte)).length;

/** Every difference between what the binding gives and what the case expects. */
function check(c) {
  const fails = [];
  const fail = (what) => fails.push(`${c.id} (${JSON.stringify(c.phrase)}): ${what}`);
  let d;
  try {
    d = rt.parseDeadline(c.phrase, c.written_on);
  } catch (e) {
    if (!c.error) {
      fail(`refused: ${e.name} ${e.code}: ${e.message}`);
      return fails;
    }
    if (!(e instanceof Error) || e.name !== 'DeadlineError') fail(`threw ${e}, expected a DeadlineError`);
    if (e.code !== c.error.code) fail(`error ${e.code} (${e.message}), expected ${c.error.code}`);
    if ('start' in c.error && (e.start !== utf16(c.phrase, c.error.start) || e.end !== utf16(c.phrase, c.error.end))) {
      fail(`span ${e.start}..${e.end}, expected bytes ${c.error.start}..${c.error.end}`);
    }
    if (e.phrase !== c.phrase) fail(`error phrase ${JSON.stringify(e.phrase)}`);
    return fails;
  }
  if (c.error) {
    fail(`accepted as ${d.kind} ${d.earliest}..${d.latest}, expected error ${c.error.code}`);
    return fails;
  }
  const expect = {
    kind: c.kind,
    earliest: c.earliest,
    latest: c.latest,
    granularity: c.granularity,
    named: c.named,
    approximate: c.approximate,
    uncertain: c.uncertain ?? false,
  };
  if ('part' in c) expect.part = c.part;
  if ('edtf' in c) expect.edtf = c.edtf;
  for (const [field, want] of Object.entries(expect)) {
    if (d[field] !== want) fail(`${field} ${JSON.stringify(d[field])}, expected ${JSON.stringify(want)}`);
  }
  if (d.phrase !== c.phrase || d.written_on !== c.written_on) fail('phrase or written_on not echoed');
  // Every rendering reads back to the same window.
  if (d.edtf !== null) {
    try {
      const back = rt.parseEdtf(d.edtf, c.written_on);
      if (back.earliest !== d.earliest || back.latest !== d.latest) {
        fail(`EDTF ${d.edtf} reads back as ${back.earliest}..${back.latest}`);
      }
    } catch (e) {
      fail(`EDTF ${d.edtf} does not read back: ${e.message}`);
    }
  }
  for (const j of c.judge ?? []) {
    const got = rt.judgeDeadline(d, j.as_of, j.delivered_on);
    if (got.state !== j.state) {
      fail(`judged ${got.state} as of ${j.as_of} (delivered ${j.delivered_on}), expected ${j.state}`);
    }
  }
  return fails;
}

test('every case, one phrase at a time', () => {
  const failures = cases.flatMap(check);
  assert.deepEqual(failures, [], `${failures.length} failures:\n${failures.join('\n')}`);
});

test('the same cases as batches, grouped by written_on, agree with one at a time', () => {
  const byDate = new Map();
  for (const c of cases) {
    if (!byDate.has(c.written_on)) byDate.set(c.written_on, []);
    byDate.get(c.written_on).push(c);
  }
  let seen = 0;
  for (const [writtenOn, group] of byDate) {
    const results = rt.parseDeadlines(group.map((c) => c.phrase), writtenOn);
    assert.equal(results.length, group.length);
    group.forEach((c, i) => {
      const r = results[i];
      seen += 1;
      if (c.error) {
        assert.equal(r.ok, false, c.id);
        assert.equal(r.error.code, c.error.code, c.id);
        assert.equal(r.error.name, 'DeadlineError');
        if ('start' in c.error) assert.deepEqual([r.error.start, r.error.end], [utf16(c.phrase, c.error.start), utf16(c.phrase, c.error.end)], c.id);
      } else {
        assert.equal(r.ok, true, c.id);
        assert.equal(r.judgment, undefined, 'no judgment without asOf');
        assert.deepEqual([r.deadline.kind, r.deadline.earliest, r.deadline.latest], [c.kind, c.earliest, c.latest], c.id);
      }
    });
  }
  assert.equal(seen, cases.length);
});

test('batch judgments (asOf, deliveredOn) agree with the corpus', () => {
  let judged = 0;
  for (const c of cases) {
    for (const j of c.judge ?? []) {
      const [r] = rt.parseDeadlines([c.phrase], c.written_on, { asOf: j.as_of, deliveredOn: j.delivered_on });
      assert.equal(r.ok, true);
      assert.equal(r.judgment.state, j.state, `${c.id} as of ${j.as_of}`);
      judged += 1;
    }
  }
  assert.ok(judged >= 115, `${judged} judgments`);
});

test('a span in UTF-16 indices slices the offending word out of the phrase', () => {
  // Every refused case with a span: the fixture's byte span and the error's UTF-16 span
  // name the same text.
  let checked = 0;
  for (const c of cases.filter((c) => c.error && 'start' in c.error)) {
    try {
      rt.parseDeadline(c.phrase, c.written_on);
      assert.fail(`${c.id} accepted`);
    } catch (e) {
      const bytes = enc.encode(c.phrase).slice(c.error.start, c.error.end);
      assert.equal(c.phrase.slice(e.start, e.end), new TextDecoder().decode(bytes), c.id);
      checked += 1;
    }
  }
  assert.ok(checked > 20, `${checked} spans`);
});

test('windowText is the core\'s window, of a deadline or of a report\'s deadline', () => {
  const w = (phrase) => rt.windowText(rt.parseDeadline(phrase, '2026-01-19'));
  assert.deepEqual(
    ['summer 2026', 'by October 2028', 'from April 2026', '31 March 2026', 'in due course'].map(w),
    ['2026-06-01..2026-08-31', '..2028-10-31', '2026-04-01..', '2026-03-31', 'no date'],
  );
  const row = articleRoadmap().report('2026-11-24', { format: 'rows' }).find((r) => r.id === 'central-local-leadership');
  assert.equal(rt.windowText({ phrase: row.deadline, written_on: row.deadline_written_on }), '2026-06-01..2026-08-31');
});
