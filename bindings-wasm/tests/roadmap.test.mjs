// Loading, saving and evaluating roadmaps through the binding. The expected statuses and
// counts of the bundled UK roadmap are worked out by hand below from its data
// (data/uk-digital-2026.json) and the rules of docs/status-rules.md; `cargo run --example
// report -- --as-of DATE --format json` gives the same numbers, as a cross-check.
import test from 'node:test';
import assert from 'node:assert/strict';
import { rt, fixture, fixtureText, articleRoadmap } from './helpers.mjs';

const { Roadmap } = rt;

function isPlain(value) {
  // Plain data all the way down: objects with Object.prototype, arrays, strings, finite
  // numbers, booleans, null. No Map, no BigInt, no Date, no undefined.
  if (value === null) return true;
  switch (typeof value) {
    case 'string': case 'boolean': return true;
    case 'number': return Number.isFinite(value);
    case 'object':
      if (Array.isArray(value)) return value.every(isPlain);
      return Object.getPrototypeOf(value) === Object.prototype && Object.values(value).every(isPlain);
    default: return false;
  }
}

function counted(counts) {
  return Object.fromEntries(Object.entries(counts).filter(([, n]) => n > 0));
}

test('the bundled roadmap: metadata and shape', () => {
  const r = Roadmap.ukDigital2026();
  assert.equal(r.id, 'uk-digital-2026');
  assert.equal(r.published, '2026-01-19');
  assert.equal(r.title, 'A roadmap for modern digital government');
  const data = r.toObject();
  assert.ok(isPlain(data));
  const kinds = {};
  for (const n of data.nodes) kinds[n.kind] = (kinds[n.kind] ?? 0) + 1;
  assert.deepEqual(kinds, { section: 6, subcategory: 2, area: 30, commitment: 65, milestone: 5 });
  assert.equal(r.node('customerfirst-priority-services').deadline.phrase, 'by March 2028');
  assert.equal(r.node('no-such-node'), null);
});

// As of 2026-11-24. Working through the 48 commitments with the rule table (milestones
// are not scored; staleness only flags, it never changes a status):
//   met_on_time 2   digital-assurance-measures ("in April", delivered 04-30),
//                   supplier-information-service ("in March of this year", delivered 03-31)
//   met 10          delivered with no deadline: local-government-architecture-model,
//                   govuk-app-local-services-pilot, responsible-ai-advisory-panel,
//                   returnship-programme, ai-accelerator, funding-model-pilots,
//                   central-digital-platform, find-a-tender-spending-data,
//                   digital-commercial-centre-of-excellence, atrs-records-analysis
//   in_progress_no_deadline 7  legacy-technology-approach (latest "progressing" 06-04),
//                   atrs-departmental-engagement, digital-performance-framework, and the four
//                   reported in progress only on 2026-01-19 (probation-speech-translation-ai,
//                   ai-exemplars, legacy-remediation, get-approval-to-spend: stale, flagged)
//   due_now 8       windows open on 11-24 with no delivery: three HMRC services and
//                   digital-workforce-2030-strategy ("throughout 2026"/"in 2026"),
//                   supply-chain-security ("towards the end of 2026"), secret-community-cloud
//                   ("later this year"), spend-control-assurance ("around the end of the
//                   year"), central-cloud-contract ("around the end of 2026")
//   replanned 1     responsible-ai-procurement-guidance ("approach changed": a new approach)
//   behind 2        extract-local-authority-rollout ("from May onwards", ongoing 06-04),
//                   senior-digital-assessment ("from April this year", in development 06-04):
//                   evidence dated after the start says it does not apply yet
//   delayed 1       digital-sourcing-strategy ("in March", "under review" on 06-04, after it)
//   overdue_unconfirmed 3  central-local-leadership ("summer 2026", scheduled 06-04),
//                   inclusive-service-principles ("this summer", underway 06-04): no report
//                   after 31 August; annual-performance-data-sharing ("from this August
//                   onwards", nothing reported, 30 from-grace days long gone)
//   not_yet_due 3   customerfirst-priority-services ("by March 2028"), treasury-finance-data
//                   ("by October 2028"), digital-leaders-on-boards ("from the end of this
//                   year onwards"): nothing reported, deadline ahead
//   no_evidence 11  the rest: nothing reported and no dated deadline
// Score = (2·1 + 10·1 + 7·0.8 + 8·0.5 + 1·0.5 + 2·0.5 + 1·0.25 + 3·0) / 34 = 23.35 / 34,
// amber (0.5 ≤ score < 0.8). Due: met_on_time 2 + due_now 8 + behind 2 + delayed 1 +
// overdue_unconfirmed 3 = 16 (the re-plan has no dated deadline); met on time 2, share 0.125.
const NOV_24 = {
  met_on_time: 2, met: 10, in_progress_no_deadline: 7, due_now: 8, replanned: 1,
  behind: 2, delayed: 1, overdue_unconfirmed: 3, not_yet_due: 3, no_evidence: 11,
};

// As of 2026-01-19 (publication) only the updates of that day are visible, and the
// deadlines written on 2026-06-04 are not yet known:
//   met 4          legacy-technology-approach ("published"), funding-model-pilots,
//                  central-digital-platform, digital-commercial-centre-of-excellence
//   in_progress_no_deadline 4  probation-speech-translation-ai, ai-exemplars,
//                  legacy-remediation, get-approval-to-spend (fresh on that day)
//   not_yet_due 14 every deadline written on 2026-01-19 with nothing reported
//   no_evidence 26 the rest
// Score = (4·1 + 4·0.8) / 8 = 0.9, green; nothing is due, so the share is null.
const JAN_19 = { met: 4, in_progress_no_deadline: 4, not_yet_due: 14, no_evidence: 26 };

test('evaluate as of 2026-11-24: every count, the score and the rating', () => {
  const e = articleRoadmap().evaluate('2026-11-24');
  assert.ok(isPlain(e));
  assert.equal(e.as_of, '2026-11-24');
  assert.equal(e.commitments.length, 52, '48 commitments and 4 milestones');
  assert.equal(e.scores.length, 1 + 6 + 2 + 28);
  const top = e.scores[0];
  assert.equal(top.node, null);
  assert.equal(top.kind, 'roadmap');
  assert.deepEqual(counted(top.counts), NOV_24);
  assert.equal(Object.keys(top.counts).length, 21, 'every status is a key');
  assert.equal(top.total, 48);
  assert.equal(top.counted, 34);
  assert.ok(Math.abs(top.score - 23.35 / 34) < 1e-12, `${top.score}`);
  assert.equal(top.rag, 'amber');
  assert.equal(top.due, 16);
  assert.equal(top.met_on_time, 2);
  assert.equal(top.met_on_time_share, 0.125);
  // The headline is the same count, defined once in the core.
  assert.deepEqual(
    [top.headline.due, top.headline.met_on_time, top.headline.overdue_confirmed, top.headline.overdue_unconfirmed],
    [16, 2, 3, 3],
  );
});

// evaluate() sends the commitment statuses across as columns (bindings-wasm/src/rows.rs),
// evaluateJson() as the core's JSON text: the two must be the same data, keys in the same
// order, on every date and whatever the text holds.
function assertSameAsJson(r, asOf, rules) {
  const objects = r.evaluate(asOf, rules);
  const parsed = JSON.parse(r.evaluateJson(asOf, rules));
  assert.ok(isPlain(objects));
  assert.deepStrictEqual(objects, parsed, `as of ${asOf}`);
  assert.equal(JSON.stringify(objects), JSON.stringify(parsed), `key order as of ${asOf}`);
  return objects;
}

test('evaluate() is the same data as JSON.parse(evaluateJson()), on every kind of date', () => {
  const r = articleRoadmap();
  for (const asOf of ['2025-12-31', '2026-01-19', '2026-06-04', '2026-11-24', '2028-10-31', '2031-01-01']) {
    assertSameAsJson(r, asOf);
  }
  assertSameAsJson(r, '2026-11-24', { grace_days: 30, staleness_days: null, from_grace_days: 7 });
});

test('evaluate() keeps text beyond ASCII exactly: accents, symbols, surrogate pairs', () => {
  const data = articleRoadmap().toObject();
  // Labels that are not ASCII, including characters outside the BMP (two UTF-16 units
  // each), read by a custom vocabulary: they come back in `label` and in `reason`, so that
  // string boundaries in the column text are tested after every kind of character.
  const labels = ['réalisée ✓', 'en cours 😀', '𝔡𝔢𝔩𝔦𝔳𝔢𝔯𝔢𝔡', 'ß'];
  const states = ['delivered', 'in_progress', 'delivered', 'planned'];
  data.updates.forEach((u, i) => { u.status = labels[i % labels.length]; });
  const rules = {
    vocabularies: [{ name: 'test', labels: Object.fromEntries(labels.map((l, i) => [l, states[i]])) }],
  };
  const r = Roadmap.fromObject(data);
  const e = assertSameAsJson(r, '2026-11-24', rules);
  const labelled = e.commitments.filter((c) => c.label !== null);
  assert.ok(labelled.length >= 20, `${labelled.length} labelled`);
  for (const c of labelled) {
    assert.ok(labels.includes(c.label), c.label);
    assert.ok(c.reason.includes(c.label), c.reason);
  }
  assert.deepEqual(new Set(labelled.map((c) => c.label)), new Set(labels));
});

test('evaluate() of a roadmap with no commitments has an empty list', () => {
  const r = Roadmap.fromObject({
    id: 'empty', title: 'Empty', publisher: 'Us', published: '2026-01-01', sources: [],
    nodes: [{ id: 's', kind: 'section', title: 'S' }], updates: [],
  });
  const e = assertSameAsJson(r, '2026-11-24');
  assert.deepEqual(e.commitments, []);
});

test('evaluate as of 2026-01-19: fewer updates visible, other statuses', () => {
  const r = articleRoadmap();
  const top = r.scores('2026-01-19')[0];
  assert.deepEqual(counted(top.counts), JAN_19);
  assert.ok(Math.abs(top.score - 0.9) < 1e-12);
  assert.equal(top.rag, 'green');
  assert.equal(top.due, 0);
  assert.equal(top.met_on_time_share, null);
});

test('one commitment through the year: central-local-leadership', () => {
  // "summer 2026" written 2026-06-04 (window 2026-06-01..2026-08-31), "scheduled" on 06-04.
  const r = articleRoadmap();
  const at = (d) => {
    const s = r.statusOf('central-local-leadership', d);
    return [s.status, s.rag, s.rule];
  };
  assert.deepEqual(at('2026-01-19'), ['no_evidence', 'grey', 'no-evidence']); // deadline not yet written
  assert.deepEqual(at('2026-06-04'), ['due_now', 'amber', 'due-now']);
  assert.deepEqual(at('2026-08-31'), ['due_now', 'amber', 'due-now']);
  assert.deepEqual(at('2026-09-01'), ['overdue_unconfirmed', 'red', 'overdue-unconfirmed']);
  const s = r.statusOf('central-local-leadership', '2026-11-24');
  assert.equal(s.days, 85); // 2026-08-31 to 2026-11-24
  assert.equal(s.update_date, '2026-06-04');
  assert.equal(s.label, 'scheduled');
  assert.equal(s.reported, 'planned');
  assert.equal(s.evidence_date, '2026-06-04');
  assert.equal(s.evidence_age_days, 173);
  assert.match(s.reason, /^Due between 1 June and 31 August 2026; the last report, scheduled on 4 June 2026/);
  assert.equal(r.statusOf('funding', '2026-11-24'), null, 'a section has no status');
});

test('an area score by hand: outcome-funding as of 2026-11-24', () => {
  // funding-model-pilots met (1.0), digital-assurance-measures met_on_time (1.0),
  // treasury-finance-data not_yet_due (not counted): score 1, green; due 1 (the on-time one).
  const s = articleRoadmap().scores('2026-11-24').find((x) => x.node === 'outcome-funding');
  assert.deepEqual(
    [s.kind, s.score, s.rag, s.total, s.counted, s.due, s.met_on_time, s.met_on_time_share],
    ['area', 1, 'green', 3, 2, 1, 1, 1],
  );
});

test('the report as data: tree, deadlines, statuses, changes', () => {
  const r = articleRoadmap();
  const report = r.report('2026-11-24', { since: '2026-06-04', format: 'dict' });
  assert.ok(isPlain(report));
  assert.equal(report.as_of, '2026-11-24');
  assert.equal(report.since, '2026-06-04');
  assert.deepEqual(report.sections.map((s) => s.id), ['services', 'ai', 'infrastructure', 'talent', 'funding', 'transparency']);
  assert.deepEqual(counted(report.score.counts), NOV_24);
  const rows = [];
  const walk = (n) => { if (n.status) rows.push(n); n.children.forEach(walk); };
  report.sections.forEach(walk);
  assert.equal(rows.length, 52);
  // The same commitments as the core's flat rows, in the same order, with their groups.
  const flat = r.report('2026-11-24', { since: '2026-06-04', format: 'rows' });
  assert.deepEqual(flat.map((x) => x.id), rows.map((n) => n.id));
  const row = flat.find((x) => x.id === 'central-local-leadership');
  assert.deepEqual([row.section_id, row.status, row.earliest, row.latest], ['services', 'overdue_unconfirmed', '2026-06-01', '2026-08-31']);
  const leadership = rows.find((n) => n.id === 'central-local-leadership');
  assert.deepEqual(leadership.deadline, {
    phrase: 'summer 2026', written_on: '2026-06-04', kind: 'during',
    earliest: '2026-06-01', latest: '2026-08-31', granularity: 'season', edtf: '2026-22',
  });
  assert.equal(leadership.status.status, 'overdue_unconfirmed');
  // Since 2026-06-04 nothing new was reported, so only status changes are listed;
  // central-local-leadership went from due_now to overdue_unconfirmed when summer ended.
  const change = report.changes.find((c) => c.node === 'central-local-leadership');
  assert.deepEqual([change.from, change.to, change.updates], ['due_now', 'overdue_unconfirmed', []]);
  // The rendered forms come from the same report; text is the default, as in Python.
  const text = r.report('2026-11-24');
  assert.equal(r.report('2026-11-24', { format: 'text' }), text);
  assert.match(text, /central-local-leadership|Set up joint central and local government leadership/);
  const json = JSON.parse(r.report('2026-11-24', { format: 'json' }));
  assert.deepEqual(json.score, r.report('2026-11-24', { format: 'dict' }).score);
  assert.match(r.report('2026-11-24', { format: 'csv' }).split('\n')[0], /status/);
  assert.match(r.report('2026-11-24', { format: 'markdown' }), /^#/m);
});

test('history and changes', () => {
  const r = articleRoadmap();
  const h = r.history('2026-01-19', '2026-11-24', 'weekly');
  assert.ok(isPlain(h));
  assert.equal(h.dates.length, 45); // 2026-01-19 + 44 weeks = 2026-11-23
  assert.equal(h.dates.at(-1), '2026-11-23');
  const runs = h.commitments.find((t) => t.node === 'central-local-leadership').runs;
  assert.deepEqual(runs.map((x) => x.status), ['no_evidence', 'due_now', 'overdue_unconfirmed']);
  assert.equal(runs[1].start, '2026-06-08'); // the first Monday of the series after 06-04
  assert.equal(runs[2].start, '2026-09-07');
  const monthly = r.history('2026-01-19', '2026-11-24');
  assert.equal(monthly.step, 'monthly');
  assert.equal(monthly.dates.length, 11);
  // Without a start, the history starts at publication (the core's default, as in Python).
  assert.deepEqual(r.history(null, '2026-11-24'), monthly);
  assert.equal(r.history(undefined, '2026-11-24', 'weekly').from, r.published);
  const changes = r.changes('2026-01-19', '2026-06-04');
  const sis = changes.find((c) => c.node === 'supplier-information-service');
  assert.deepEqual([sis.from, sis.to, sis.updates.length], ['not_yet_due', 'met_on_time', 1]);
});

test('JSON round trip, and a roadmap from a plain object', () => {
  const r = articleRoadmap();
  const text = r.toJson();
  const again = Roadmap.fromJson(text);
  assert.equal(again.toJson(), text);
  assert.deepEqual(Roadmap.fromObject(JSON.parse(text)).toObject(), r.toObject());
  // Bytes are read too.
  assert.equal(Roadmap.fromJson(new TextEncoder().encode(text)).toJson(), text);
});

test('the minimal fixture loads the same from JSON, CSV tables and a tracker sheet', () => {
  const fromJson = Roadmap.fromJson(fixtureText('minimal', 'roadmap.json'));
  const tables = {};
  for (const t of ['roadmap', 'sources', 'nodes', 'updates']) tables[t] = fixtureText('minimal', `${t}.csv`);
  const fromCsv = Roadmap.fromCsvTables(tables);
  assert.deepEqual(fromCsv.toObject(), fromJson.toObject());
  // Keys may carry .csv, and values may be bytes.
  const bytes = Object.fromEntries(Object.entries(tables).map(([k, v]) => [`${k}.csv`, new TextEncoder().encode(v)]));
  assert.deepEqual(Roadmap.fromCsvTables(bytes).toObject(), fromJson.toObject());
  const base = Roadmap.fromObject({ ...fromJson.toObject(), nodes: [], updates: [] });
  const fromTracker = Roadmap.fromFlatCsv(fixtureText('minimal', 'tracker.csv'), base);
  // The sheet holds titles for sections and areas, not their sources: the ids are slugs
  // of the titles, and the commitment and its update (which has no note column in the
  // sheet) are the same as in the JSON.
  const t = fromTracker.toObject();
  assert.deepEqual(t.nodes.map((n) => n.id), ['services', 'front-door', 'portal']);
  assert.deepEqual(fromTracker.node('portal'), fromJson.node('portal'));
  const withoutNote = fromJson.toObject().updates.map(({ note, ...u }) => u);
  assert.deepEqual(t.updates, withoutNote);
  const out = fromJson.toCsvTables();
  // The keys of Python's to_csv_tables.
  assert.deepEqual(Object.keys(out).sort(), ['metrics', 'nodes', 'observations', 'roadmap', 'sources', 'updates']);
  // In name order.
  assert.deepEqual(Object.keys(out), ['metrics', 'nodes', 'observations', 'roadmap', 'sources', 'updates']);
  assert.deepEqual(Roadmap.fromCsvTables(out).toObject(), fromJson.toObject());
  const sheet = fromJson.toFlatCsv();
  assert.equal(Roadmap.fromFlatCsv(sheet, base).toFlatCsv(), sheet);
  assert.ok(fixture('minimal', 'roadmap.json').length > 0);
});

test('the bundled roadmap survives the CSV tables unchanged', () => {
  const r = articleRoadmap();
  assert.deepEqual(Roadmap.fromCsvTables(r.toCsvTables()).toObject(), r.toObject());
});

test('dates may be Date objects (their local calendar day); an omitted asOf means today', () => {
  const r = articleRoadmap();
  const byString = r.statusOf('central-local-leadership', '2026-11-24');
  assert.deepEqual(r.statusOf('central-local-leadership', new Date(2026, 10, 24)), byString);
  const d = rt.parseDeadline('this summer', new Date(2026, 0, 19));
  assert.deepEqual([d.written_on, d.earliest, d.latest], ['2026-01-19', '2026-06-01', '2026-08-31']);
  const now = new Date();
  const today = `${now.getFullYear()}-${String(now.getMonth() + 1).padStart(2, '0')}-${String(now.getDate()).padStart(2, '0')}`;
  assert.equal(r.evaluate().as_of, today);
  assert.equal(r.history(null, null).to, today);
  // writtenOn is never today: a phrase is read against the date of the document.
  assert.throws(() => rt.parseDeadline('in due course'), { name: 'ArgumentError', path: 'writtenOn' });
});
