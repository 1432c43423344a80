// Deadlines found in running text: spans in UTF-16 units (so `text.slice(start, end)` is
// the expression), each deadline in the shape parseDeadline gives, and the errors. The
// expected values are worked out by hand from docs/deadlines.md.
import test from 'node:test';
import assert from 'node:assert/strict';
import { rt } from './helpers.mjs';

test('two expressions in a sentence, with their cues', () => {
  const text = 'The service launched in March 2025 and will close by the end of 2027.';
  const found = rt.findDeadlines(text, '2026-01-19');
  assert.deepEqual(found.map((f) => f.text), ['in March 2025', 'by the end of 2027']);
  assert.deepEqual([found[0].start, found[0].end], [21, 34]);
  assert.deepEqual(found[0].cues, ['launched', 'in']);
  assert.equal(found[0].deadline.kind, 'past');
  assert.deepEqual([found[0].deadline.earliest, found[0].deadline.latest], ['2025-03-01', '2025-03-31']);
  assert.equal(found[1].deadline.kind, 'by');
  assert.equal(found[1].deadline.latest, '2027-12-31');
  assert.equal(text.slice(found[1].start, found[1].end), 'by the end of 2027');
});

test('spans count UTF-16 units', () => {
  // "Café opens ín " is 14 UTF-16 units but 16 bytes; the emoji before "by" is two units.
  const text = 'Café opens ín summer 2026 — 🚀 by 1 July 2027.';
  const found = rt.findDeadlines(text, '2026-06-04');
  assert.deepEqual(found.map((f) => [f.start, f.end]), [[14, 25], [31, 45]]);
  assert.deepEqual(found.map((f) => text.slice(f.start, f.end)), ['summer 2026', 'by 1 July 2027']);
});

test('a malformed expression is refused with its span', () => {
  const text = 'Équipe: launch on 31 February 2026.';
  assert.throws(() => rt.findDeadlines(text, '2026-01-19'), (e) => {
    assert.equal(e.name, 'DeadlineError');
    assert.equal(e.code, 'impossible_date');
    assert.equal(text.slice(e.start, e.end), '31 February 2026');
    return true;
  });
});

test('no expression is an error of its own; a no-date marker is kind none', () => {
  assert.throws(() => rt.findDeadlines('A new strategy.', '2026-01-19'), (e) => e.code === 'no_deadline_found');
  const [marker] = rt.findDeadlines('We will say more in due course.', '2026-01-19');
  assert.equal(marker.text, 'in due course');
  assert.equal(marker.deadline.kind, 'none');
});
