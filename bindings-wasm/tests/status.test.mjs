// The status rules through the binding: every example of docs/status-rules.md (both
// tables: the rule table and the edge cases), run on a one-commitment roadmap built as a
// plain object, must give the status, rating and rule the document shows, as the Rust
// test core/tests/status_rules_doc.rs checks. The table itself must match statusRules().
import test from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { rt, root, articleRoadmap } from './helpers.mjs';

const doc = readFileSync(path.join(root, 'docs', 'status-rules.md'), 'utf8');

function table(header) {
  const lines = doc.split('\n');
  const at = lines.findIndex((l) => l.startsWith(header));
  assert.ok(at >= 0, `no table ${header}`);
  const rows = [];
  for (const line of lines.slice(at + 2)) {
    if (!line.startsWith('|')) break;
    rows.push(line.trim().replace(/^\||\|$/g, '').split('|').map((c) => c.trim()));
  }
  return rows;
}

const unquote = (cell) => cell.trim().replace(/^`|`$/g, '');

/** A one-commitment roadmap, the rules and the as-of date of a documented example. */
function example(text) {
  const roadmap = {
    id: 'doc', title: 'Doc', publisher: 'Us', published: '2026-01-01',
    sources: [{ id: 'src', title: 'A source' }],
    nodes: [
      { id: 's', kind: 'section', title: 'S' },
      { id: 'a', kind: 'area', parent: 's', title: 'A' },
    ],
    updates: [],
  };
  const commitment = { id: 'c', kind: 'commitment', parent: 'a', title: 'C' };
  const rules = {};
  let asOf;
  for (const clause of unquote(text).split('; ')) {
    let m;
    if ((m = clause.match(/^deadline "([^"]*)" (\d{4}-\d\d-\d\d)$/))) {
      commitment.deadline = { phrase: m[1], written_on: m[2] };
    } else if ((m = clause.match(/^update (\S+) "([^"]*)"(?: delivered (\S+))?(?: new "([^"]*)" (\d{4}-\d\d-\d\d))?$/))) {
      roadmap.updates.push({
        node: 'c', date: m[1], status: m[2], source: 'src',
        ...(m[3] ? { delivered_on: m[3] } : {}),
        ...(m[4] ? { new_deadline: { phrase: m[4], written_on: m[5] } } : {}),
      });
    } else if (clause === 'expectation') {
      commitment.expectation = true;
    } else if ((m = clause.match(/^rules (.*)$/))) {
      for (const setting of m[1].split(/[ ,]+/).filter(Boolean)) {
        const [key, value] = setting.split('=');
        if (key === 'grace_days') rules.grace_days = Number(value);
        else if (key === 'staleness_days') rules.staleness_days = value === 'none' ? null : Number(value);
        else if (key === 'from_grace_days') rules.from_grace_days = Number(value);
        else if (key === 'vocabularies') rules.vocabularies = value.split('+');
        else throw new Error(`unknown rule option ${key}`);
      }
    } else if ((m = clause.match(/^as of (\d{4}-\d\d-\d\d)$/))) {
      asOf = m[1];
    } else {
      throw new Error(`cannot read clause ${JSON.stringify(clause)}`);
    }
  }
  roadmap.nodes.push(commitment);
  assert.ok(asOf, 'an example needs an as-of date');
  return { roadmap, rules, asOf };
}

function run(text) {
  const { roadmap, rules, asOf } = example(text);
  const r = rt.Roadmap.fromObject(roadmap);
  const s = r.statusOf('c', asOf, rules);
  // The evaluation and the report say the same as statusOf.
  const e = r.evaluate(asOf, rules);
  assert.deepEqual(e.commitments[0], s);
  return s;
}

test('the rule table matches statusRules(), in order', () => {
  const rows = table('| rule | when |');
  const rules = rt.statusRules();
  assert.equal(rows.length, 27);
  assert.equal(rules.length, rows.length);
  rows.forEach(([id, when, status, rag], i) => {
    assert.deepEqual(rules[i], { id: unquote(id), when, status: unquote(status), rag });
  });
});

test('every example of the rule table gives its rule, status and rating', () => {
  for (const [id, , status, rag, ex] of table('| rule | when |')) {
    const s = run(ex);
    assert.deepEqual([s.rule, s.status, s.rag], [unquote(id), unquote(status), rag], ex);
    assert.equal(typeof s.reason, 'string');
    assert.ok(s.reason.endsWith('.') && !s.reason.includes(`rule ${unquote(id)}`), s.reason);
    assert.ok('evidence_date' in s && 'evidence_age_days' in s);
  }
});

test('every worked situation gives its status, rating and rule', () => {
  const rows = table('| situation | example |');
  assert.ok(rows.length >= 8, `${rows.length} situations`);
  for (const [what, ex, status, rag, rule] of rows) {
    const s = run(ex);
    assert.deepEqual([s.status, s.rag, s.rule], [unquote(status), rag, unquote(rule)], `${what}: ${ex}`);
  }
});

test('every reader\'s sentence is the one the core writes', () => {
  const rows = table('| status | example | sentence |');
  assert.ok(rows.length >= 10, `${rows.length} sentences`);
  for (const [status, ex, sentence] of rows) {
    const s = run(ex);
    assert.deepEqual([s.status, s.reason], [unquote(status), sentence], ex);
  }
});

test('every edge case gives its status, rating and rule', () => {
  const rows = table('| case | example |');
  assert.ok(rows.length >= 30, `${rows.length} edge cases`);
  for (const [what, ex, status, rag, rule] of rows) {
    const s = run(ex);
    assert.deepEqual([s.status, s.rag, s.rule], [unquote(status), rag, unquote(rule)], `${what}: ${ex}`);
  }
});

test('defaultRules() is the documented default, and a changed copy is accepted back', () => {
  const rules = rt.defaultRules();
  assert.equal(rules.staleness_days, 180);
  assert.equal(rules.grace_days, 0);
  assert.equal(rules.from_grace_days, 30);
  assert.deepEqual(rules.thresholds, { green: 0.8, amber: 0.5 });
  assert.deepEqual(rules.vocabularies, ['roadmap-tracker', 'rag']);
  assert.equal(rules.weights.met_late, 0.75);
  assert.equal(rules.weights.not_started, null);
  // Passing the whole object back changes nothing; passing it as JSON text neither.
  const r = articleRoadmap();
  const base = r.scores('2026-11-24');
  assert.deepEqual(r.scores('2026-11-24', rules), base);
  assert.deepEqual(r.scores('2026-11-24', JSON.stringify(rules)), base);
});

test('from_grace_days decides when a silent `from` deadline turns red (docs/status-rules.md, Options)', () => {
  // "from this August onwards" (2026-01-19), nothing reported: 14 days after the start it
  // is due now under the default 30 from-grace days, overdue (unconfirmed) with 7.
  const r = articleRoadmap();
  const id = 'annual-performance-data-sharing';
  const s = r.statusOf(id, '2026-08-15');
  assert.deepEqual([s.status, s.rag, s.rule], ['due_now', 'amber', 'within-grace']);
  const strict = r.statusOf(id, '2026-08-15', { from_grace_days: 7 });
  assert.deepEqual([strict.status, strict.rag, strict.rule], ['overdue_unconfirmed', 'red', 'overdue-unconfirmed']);
  // "in development" on 4 June, after the April start, is behind whatever the grace.
  const senior = r.statusOf('senior-digital-assessment', '2026-06-04', { from_grace_days: 400 });
  assert.deepEqual([senior.status, senior.rag, senior.rule], ['behind', 'amber', 'behind']);
});
