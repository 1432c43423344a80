// Every exported function and method called with every JS type in every argument
// position: each call either returns or throws a real Error with a string `code` (never
// a WebAssembly trap such as `memory access out of bounds` or `unreachable`), and the
// module is still usable after each call.
import test from 'node:test';
import assert from 'node:assert/strict';
import { rt } from './helpers.mjs';

const values = {
  undefined,
  null: null,
  number: 7,
  bigint: 7n,
  boolean: true,
  string: 'x',
  symbol: Symbol('s'),
  object: {},
  array: [],
  function: () => {},
};

const uk = rt.Roadmap.ukDigital2026();

/** The callables: module functions, Roadmap's static functions, its methods on `uk`. */
function callables() {
  const out = [];
  for (const [name, f] of Object.entries(rt)) {
    if (typeof f === 'function' && name !== 'Roadmap' && !/^[A-Z]/.test(name)) {
      out.push([name, (...a) => f(...a), f.length]);
    }
  }
  for (const name of Object.getOwnPropertyNames(rt.Roadmap)) {
    const f = rt.Roadmap[name];
    if (typeof f === 'function' && !['length', 'name', 'prototype', '__wrap'].includes(name)) {
      out.push([`Roadmap.${name}`, (...a) => f.apply(rt.Roadmap, a), f.length]);
    }
  }
  const proto = rt.Roadmap.prototype;
  for (const name of Object.getOwnPropertyNames(proto)) {
    const d = Object.getOwnPropertyDescriptor(proto, name);
    if (name === 'constructor' || name === 'free' || name.startsWith('__') || typeof d.value !== 'function') continue;
    out.push([`roadmap.${name}`, (...a) => uk[name](...a), d.value.length]);
  }
  return out;
}

function check(label, call) {
  try {
    call();
  } catch (e) {
    assert.ok(e instanceof Error, `${label}: threw a non-Error ${String(e)}`);
    assert.ok(!(e instanceof WebAssembly.RuntimeError), `${label}: trapped: ${e.message}`);
    // wasm-bindgen's own class check (a `base` that is not a Roadmap) throws before the
    // call reaches the package; everything else is the package's typed error.
    if (/^expected instance of Roadmap$/.test(e.message)) return;
    assert.equal(typeof e.code, 'string', `${label}: error without a code: ${e.message}`);
  }
  assert.equal(rt.parseDeadline('summer 2026', '2026-01-19').latest, '2026-08-31', `${label} left the module unusable`);
}

test('every export has been found', () => {
  const names = callables().map(([n]) => n);
  for (const n of ['parseDeadline', 'parseDeadlines', 'judgeDeadline', 'Roadmap.fromJson', 'Roadmap.fromFlatCsv', 'roadmap.node', 'roadmap.statusOf', 'roadmap.history', 'roadmap.report']) {
    assert.ok(names.includes(n), `${n} missing from ${names}`);
  }
});

for (const [name, call, arity] of callables()) {
  test(`${name} with every JS type in each argument`, () => {
    for (let position = 0; position < Math.max(arity, 1) + 1; position += 1) {
      for (const [type, value] of Object.entries(values)) {
        const args = new Array(position).fill(undefined);
        args.push(value);
        check(`${name}(argument ${position} = ${type})`, () => call(...args));
      }
    }
  });
}

test('the issue reproducers are typed errors', () => {
  for (const call of [() => uk.node(7), () => uk.statusOf(7, '2026-11-24'), () => uk.node({}), () => uk.statusOf(7n), () => uk.node(Symbol('s'))]) {
    assert.throws(call, (e) => e.code === 'invalid_argument' && !(e instanceof WebAssembly.RuntimeError));
  }
  assert.equal(uk.node('no-such-node'), null);
});

test('a lone surrogate is refused, not turned into U+FFFD', () => {
  for (const call of [
    () => rt.parseDeadline('by March 2027\ud800', '2026-01-19'),
    () => rt.Roadmap.fromJson('{"id": "\udc00"}'),
    () => uk.node('a\ud800'),
    () => rt.Roadmap.fromFlatCsv('section,area,id,title\nS\ud800,A,c1,T\n', uk),
  ]) {
    assert.throws(call, (e) => e.code === 'invalid_argument' && /surrogate/.test(e.message));
  }
});

test('a long text (read by the engine\'s encoder) keeps every character, and a lone surrogate is still refused', () => {
  const json = uk.toJson(); // over 4096 units, with text beyond ASCII
  assert.ok(json.length > 4096 && /[^\x00-\x7f]/.test(json));
  assert.equal(rt.Roadmap.fromJson(json).toJson(), json);
  const withFffd = json.replace('"title": "', '"title": "\ufffd\u00e9\ud83d\ude00 ');
  assert.equal(rt.Roadmap.fromJson(withFffd).toJson(), withFffd);
  const lone = json.replace('"title": "', '"title": "\ud800');
  assert.throws(() => rt.Roadmap.fromJson(lone), (e) => e.code === 'invalid_argument' && /surrogate/.test(e.message));
});

test('a history too long for memory is refused before it is built', () => {
  assert.throws(() => uk.history('1000-01-01', '9999-12-31', 'daily'), (e) => e.code === 'too_large');
});
