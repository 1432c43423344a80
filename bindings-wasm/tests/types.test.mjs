// The TypeScript declarations against what the package really returns: for each result
// interface of roadmap_tracker.d.ts (written by hand in src/types.d.ts), the keys an object
// has at run time must be the keys the interface declares, required ones always present.
// tests/types.ts checks the other direction (the declarations type real usage) with tsc.
import test from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { rt, root, articleRoadmap } from './helpers.mjs';

const dts = readFileSync(path.join(root, 'bindings-wasm', 'pkg', 'node', 'roadmap_tracker.d.ts'), 'utf8');

/** The fields of a multi-line `export interface Name {` block: name → optional. */
function fields(name) {
  const lines = dts.split('\n');
  const at = lines.indexOf(`export interface ${name} {`);
  assert.ok(at >= 0, `no interface ${name} in the declarations`);
  const out = new Map();
  for (const line of lines.slice(at + 1)) {
    if (line.startsWith('}')) break;
    const m = line.match(/^ {4}([A-Za-z_]+)(\??):/);
    if (m) out.set(m[1], m[2] === '?');
  }
  assert.ok(out.size > 0, `interface ${name} has no fields`);
  return out;
}

function assertShape(name, value) {
  const declared = fields(name);
  const keys = Object.keys(value);
  for (const key of keys) assert.ok(declared.has(key), `${name}: ${key} is returned but not declared`);
  for (const [key, optional] of declared) {
    if (!optional) assert.ok(keys.includes(key), `${name}: ${key} is declared but not returned`);
  }
}

test('deadline results have the declared keys', () => {
  assertShape('Deadline', rt.parseDeadline('by the end of March 2028', '2026-01-19'));
  assertShape('Deadline', rt.parseEdtf('2026-22', '2026-01-19'));
  assertShape('Judgment', rt.judgeDeadline(rt.parseDeadline('summer 2026', '2026-01-19'), '2026-11-24'));
  const [good, bad] = rt.parseDeadlines(['in March', 'when pigs fly'], '2026-01-19', { asOf: '2026-11-24' });
  assert.equal(good.ok, true);
  assertShape('Deadline', good.deadline);
  assertShape('Judgment', good.judgment);
  assert.equal(bad.ok, false);
  assertShape('ErrorData', bad.error);
  assertShape('Span', bad.error.span);
  let thrown;
  try {
    rt.parseDeadline('when pigs fly', '2026-01-19');
  } catch (e) {
    thrown = e;
  }
  // `message` is an Error's own property, not enumerable.
  assertShape('ErrorData', { ...thrown, message: thrown.message });
  assert.deepEqual({ ...thrown, message: thrown.message }, bad.error);
});

test('roadmap results have the declared keys', () => {
  const r = articleRoadmap();
  const e = r.evaluate('2026-11-24');
  assertShape('Evaluation', e);
  for (const c of e.commitments) assertShape('CommitmentStatus', c);
  for (const s of e.scores) assertShape('NodeScore', s);
  assertShape('CommitmentStatus', r.statusOf('central-local-leadership', '2026-11-24'));
  assertShape('History', r.history('2026-01-19', '2026-11-24'));
  const changes = r.changes('2026-06-01', '2026-11-24');
  assert.ok(changes.length > 0);
  for (const c of changes) assertShape('Change', c);
  const report = r.report('2026-11-24', { since: '2026-06-01', format: 'dict' });
  assertShape('Report', report);
  const walk = (node) => {
    assertShape('ReportNode', node);
    if (node.deadline) assertShape('ReportDeadline', node.deadline);
    node.children.forEach(walk);
  };
  report.sections.forEach(walk);
  const rows = r.report('2026-11-24', { format: 'rows' });
  assert.equal(rows.length, 52);
  for (const row of rows) assertShape('ReportRow', row);
  assertShape('Rules', rt.defaultRules());
  const data = r.toObject();
  data.nodes.push({ ...data.nodes[0] }); // a duplicate id
  data.updates[0].node = 'nowhere'; // a dangling reference
  const problems = rt.Roadmap.fromJson(JSON.stringify(data), { validate: false }).problems();
  assert.equal(problems.length, 2);
  for (const p of problems) {
    assertShape('Problem', p);
    assertShape('Location', p.location);
  }
});
