// rows.js (the objects of evaluate()) on its own: the compiled loop, and the generic loop
// that a page gets when its Content Security Policy forbids compiling code from text
// (here a vm context with code generation from strings turned off, as such a policy does).
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import path from 'node:path';
import vm from 'node:vm';
import { root, rt } from './helpers.mjs';

const source = readFileSync(path.join(root, 'bindings-wasm', 'pkg', 'node', 'rows.js'), 'utf8');

/** decodeRows from the package's rows.js, in a fresh context. */
function load(strings) {
  const context = vm.createContext({ exports: {} }, { codeGeneration: { strings } });
  vm.runInContext(source, context);
  // Count the loops compiled (each `new Function`).
  vm.runInContext('compiles = 0; Function = new Proxy(Function, { construct(f, a) { compiles++; return Reflect.construct(f, a); } });', context);
  const decodeRows = (...args) => context.exports.decodeRows(...args);
  decodeRows.compiles = () => context.compiles;
  return decodeRows;
}

/** The columns of `records` (all with the keys of the first, in order), as rows.rs sends them. */
function encode(records) {
  const names = Object.keys(records[0]);
  const strings = [];
  const string = (s) => (strings.push(s), strings.length - 1);
  const tags = [];
  const values = [];
  for (const name of names) {
    for (const r of records) {
      const v = r[name];
      if (v === null) (tags.push(0), values.push(0));
      else if (v === false) (tags.push(1), values.push(0));
      else if (v === true) (tags.push(2), values.push(0));
      else if (typeof v === 'number') (tags.push(3), values.push(v));
      else (tags.push(4), values.push(string(v)));
    }
  }
  const keys = names.map(string);
  let end = 0;
  const ends = strings.map((s) => (end += s.length)); // UTF-16 units, as JS counts them
  return [Uint32Array.from(keys), strings.join(''), Uint32Array.from(ends), records.length,
    Uint8Array.from(tags), Float64Array.from(values)];
}

// Every kind of cell, and non-ASCII text (a surrogate pair).
const RECORDS = [
  { id: 'a', days: -3, due: true, note: null, text: 'é😀x' },
  { id: 'b', days: null, due: false, note: 'n', text: '' },
];
// A field named like Object's prototype slot stays an own property, as JSON.parse makes it.
const PROTO = JSON.parse('[{"__proto__": "p", "k": 1}, {"__proto__": null, "k": 2}]');

for (const strings of [true, false]) {
  const way = strings ? 'compiled' : 'generic (no code from strings)';

  test(`decodeRows, ${way}: the records as JSON.parse makes them`, () => {
    const decodeRows = load(strings);
    const got = decodeRows(...encode(RECORDS));
    // Objects of another context: compare as JSON text, which keeps key order.
    assert.equal(JSON.stringify(got), JSON.stringify(RECORDS));
    assert.deepEqual(Object.keys(got[1]), ['id', 'days', 'due', 'note', 'text']);
    // The same shape twice (a kept loop) and another shape after it.
    assert.equal(JSON.stringify(decodeRows(...encode(RECORDS.slice(1)))), JSON.stringify(RECORDS.slice(1)));
    assert.equal(JSON.stringify(decodeRows(...encode([{ x: 1 }]))), '[{"x":1}]');
    // One loop per shape when code may be compiled; an attempt, refused, otherwise.
    assert.equal(decodeRows.compiles(), strings ? 2 : 1);
  });

  test(`decodeRows, ${way}: a field named __proto__ is an own property`, () => {
    const got = load(strings)(...encode(PROTO));
    assert.equal(JSON.stringify(got), JSON.stringify(PROTO));
    assert.equal(Object.getPrototypeOf(got[0]) === null, false);
    assert.equal(Object.getOwnPropertyDescriptor(got[0], '__proto__').value, 'p');
    assert.equal(Object.getOwnPropertyDescriptor(got[1], '__proto__').value, null);
    assert.equal(got[1].k, 2);
  });

  test(`decodeRows, ${way}: no records`, () => {
    assert.deepEqual(Array.from(load(strings)(...encode([{ a: 1 }]).map((x, i) => (i === 3 ? 0 : x)))), []);
  });
}

test('evaluate() of the bundled roadmap is JSON.parse of evaluateJson()', () => {
  const r = rt.Roadmap.ukDigital2026();
  assert.deepEqual(r.evaluate('2026-11-24'), JSON.parse(r.evaluateJson('2026-11-24')));
});
