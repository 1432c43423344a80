// The hostile-input corpus (tests/fixtures/hostile/cases.jsonl), with the same cases and
// expectations as core/tests/hostile.rs and the Python test: each case gives its error
// code or its safe output, every failure is a real Error, and the module stays usable.
import test from 'node:test';
import assert from 'node:assert/strict';
import { rt, fixtureText } from './helpers.mjs';

const cases = fixtureText('hostile', 'cases.jsonl')
  .split('\n')
  .filter((line) => line.trim() !== '')
  .map((line) => JSON.parse(line));
const minimalJson = fixtureText('minimal', 'roadmap.json');
const minimalTable = (name) => fixtureText('minimal', name);

const text = (c, key) => (c.repeat ? c.repeat.text.repeat(c.repeat.times) : c[key]);
const bytes = (c) => Uint8Array.from(Buffer.from(c.bytes_b64, 'base64'));

/** A byte offset of the fixtures as a UTF-16 index, the unit of JS positions. */
const utf16 = (s, byte) => Buffer.from(s).subarray(0, byte).toString('utf8').length;

function checkDeadline(call, expect, phrase) {
  if (expect.error) {
    assert.throws(call, (e) => {
      assert.ok(e instanceof Error);
      assert.equal(e.code, expect.error);
      if ('start' in expect) assert.deepEqual([e.start, e.end], [utf16(phrase, expect.start), utf16(phrase, expect.end)]);
      return true;
    });
    return;
  }
  const d = call();
  assert.deepEqual([d.earliest, d.latest], [expect.earliest, expect.latest]);
}

function checkRoadmap(call, expect) {
  if (expect.error) {
    assert.throws(call, (e) => {
      assert.ok(e instanceof Error);
      const codes = [e.code, ...(e.problems ?? []).map((p) => p.code)];
      assert.ok(codes.includes(expect.error), `${codes} should include ${expect.error}`);
      return true;
    });
    return;
  }
  assert.equal(call().toObject().nodes.length, expect.nodes);
}

/** One CSV row split into cells (quotes and doubled quotes handled). */
function cells(line) {
  const out = [];
  let cell = '';
  let quoted = false;
  for (let i = 0; i < line.length; i += 1) {
    const ch = line[i];
    if (quoted) {
      if (ch === '"' && line[i + 1] === '"') { cell += '"'; i += 1; }
      else if (ch === '"') quoted = false;
      else cell += ch;
    } else if (ch === '"') quoted = true;
    else if (ch === ',') { out.push(cell); cell = ''; }
    else cell += ch;
  }
  out.push(cell);
  return out;
}

test('the hostile corpus has at least 100 cases', () => {
  assert.ok(cases.length >= 100);
});

for (const c of cases) {
  test(`hostile: ${c.id}`, () => {
    const e = c.expect;
    switch (c.target) {
      case 'deadline':
        checkDeadline(() => rt.parseDeadline(text(c, 'phrase'), c.written_on), e, text(c, 'phrase'));
        break;
      case 'edtf':
        checkDeadline(() => rt.parseEdtf(text(c, 'edtf'), c.written_on), e, text(c, 'edtf'));
        break;
      case 'json':
        checkRoadmap(() => rt.Roadmap.fromJson(bytes(c)), e);
        break;
      case 'nodes_csv':
        checkRoadmap(() => rt.Roadmap.fromCsvTables({
          roadmap: minimalTable('roadmap.csv'),
          sources: minimalTable('sources.csv'),
          updates: minimalTable('updates.csv'),
          nodes: bytes(c),
        }), e);
        break;
      case 'flat_csv': {
        const base = rt.Roadmap.fromJson(minimalJson);
        const sheet = Buffer.from(c.bytes_b64, 'base64').toString('utf8');
        checkRoadmap(() => rt.Roadmap.fromFlatCsv(sheet, base), e);
        break;
      }
      case 'csv_export': {
        const doc = JSON.parse(minimalJson);
        doc.nodes[1].title = c.value;
        const tables = rt.Roadmap.fromJson(JSON.stringify(doc)).toCsvTables();
        const nodes = tables.nodes;
        // The area's title: third line, fourth column (the value has no newline).
        const line = nodes.split('\n')[2];
        assert.equal(cells(line)[3], e.cell);
        const back = rt.Roadmap.fromCsvTables(tables).toObject();
        assert.equal(back.nodes[1].title, c.value);
        break;
      }
      case 'sheet':
        // Published sheets (Sheet) are read in Rust and Python; the package has no Sheet.
        break;
      default:
        assert.fail(`unknown target ${c.target}`);
    }
    // The module is still usable after whatever happened.
    assert.equal(rt.parseDeadline('summer 2026', '2026-01-19').latest, '2026-08-31');
  });
}
