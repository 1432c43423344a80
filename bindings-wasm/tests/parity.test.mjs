// The parity test (docs/parity.md): the cases of tests/fixtures/parity.json, called through
// the JS package. bindings-python/tests/test_parity.py runs the same cases through Python;
// both check the same expected values, so the two bindings agree where both pass.
//
// CALLS maps each canonical (Python) name to the call, by the JS name the contract gives
// (camelCase, `jsName`); a missing name fails the case instead of falling back to another.
// PARITY_PKG overrides the package path (default: this repository's bindings-wasm/pkg).
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { createRequire } from 'node:module';
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import path from 'node:path';

// As helpers.mjs, which loads the package on import; here its path may be overridden.
const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..', '..');
const require = createRequire(import.meta.url);
const rt = require(path.resolve(process.env.PARITY_PKG ?? path.join(root, 'bindings-wasm', 'pkg')));
const fixtureText = (name) => readFileSync(path.join(root, 'tests', 'fixtures', name), 'utf8');

const LANG = 'js';
const FIXTURE = JSON.parse(fixtureText('parity.json'));
const SHAPES = FIXTURE.shapes;

/** The contract's JS name of a Python name: `to_flat_csv` → `toFlatCsv`. */
export function jsName(name) {
  return name.replace(/_([a-z0-9])/g, (_, c) => c.toUpperCase());
}

/** The function `name` of `target` (a method is bound), or a failure naming what exists. */
function fn(target, name, what) {
  const js = jsName(name);
  const f = target[js];
  if (typeof f !== 'function') {
    const proto = typeof target === 'function' ? target : Object.getPrototypeOf(target);
    const near = Object.getOwnPropertyNames(proto).filter((k) => typeof proto[k] === 'function' && k !== 'constructor');
    throw new ParityFailure(`${what} has no ${js} (for Python's ${name}); it has ${near.join(', ')}`);
  }
  return f.bind(target);
}

class ParityFailure extends Error {}

function roadmap(name) {
  if (name === 'uk_digital_2026') return rt.Roadmap.ukDigital2026();
  return rt.Roadmap.fromJson(JSON.stringify(FIXTURE.roadmaps[name]));
}

const R = rt.Roadmap;
const method = (a, name) => fn(roadmap(a.roadmap), name, 'a Roadmap');
const opt = (a, ...names) => Object.fromEntries(names.filter((n) => n in a).map((n) => [jsName(n), a[n]]));

const CALLS = {
  parse_deadline: (a) => fn(rt, 'parse_deadline', 'the package')(a.phrase, a.written_on),
  // Python's deadline.judge(as_of, delivered_on): a Deadline is plain data in JS
  'Deadline.judge': (a) => rt.judgeDeadline(rt.parseDeadline(a.phrase, a.written_on), a.as_of, a.delivered_on),
  parse_edtf: (a) => fn(rt, 'parse_edtf', 'the package')(a.edtf, a.written_on),
  parse_deadlines: (a) => fn(rt, 'parse_deadlines', 'the package')(a.phrases, a.written_on, opt(a, 'as_of', 'delivered_on')),
  'Roadmap.uk_digital_2026': () => fn(R, 'uk_digital_2026', 'Roadmap')(),
  'Roadmap.from_json': (a) => fn(R, 'from_json', 'Roadmap')(a.text),
  'Roadmap.to_json': (a) => method(a, 'to_json')(),
  'Roadmap.to_csv_tables': (a) => method(a, 'to_csv_tables')(),
  'Roadmap.from_csv_tables': (a) => fn(R, 'from_csv_tables', 'Roadmap')(a.tables),
  'Roadmap.to_flat_csv': (a) => method(a, 'to_flat_csv')(),
  'Roadmap.from_flat_csv': (a) => fn(R, 'from_flat_csv', 'Roadmap')(a.text, roadmap(a.base)),
  'Roadmap.validate': (a) => method(a, 'validate')() ?? null,
  'Roadmap.problems': (a) => method(a, 'problems')(),
  'Roadmap.evaluate': (a) => method(a, 'evaluate')(a.as_of, a.rules),
  'Roadmap.history': (a) => method(a, 'history')(a.start, a.end, a.step, a.rules),
  'Roadmap.changes': (a) => method(a, 'changes')(a.since, a.as_of, a.rules),
  'Roadmap.report': (a) => method(a, 'report')(a.as_of, opt(a, 'format', 'since', 'rules')),
};

// ---------------------------------------------------------------------------------------
// Checking (the same as in test_parity.py)

/** A result as JSON-like data: a Roadmap as its JSON form, `undefined` as null. */
function plain(value) {
  if (value instanceof rt.Roadmap) return JSON.parse(value.toJson());
  if (value === undefined) return null;
  if (Array.isArray(value)) return value.map(plain);
  if (value && typeof value === 'object') {
    return Object.fromEntries(Object.entries(value).map(([k, v]) => [k, plain(v)]));
  }
  return value;
}

const isObject = (v) => v !== null && typeof v === 'object' && !Array.isArray(v);
const keysAre = (o, ...ks) => isObject(o) && Object.keys(o).length === ks.length && ks.every((k) => k in o);

/** The expected value for this language: `{"$lang": {"python": a, "js": b}}` is b. */
function resolve(expected) {
  if (keysAre(expected, '$lang')) return resolve(expected.$lang[LANG]);
  if (Array.isArray(expected)) return expected.map(resolve);
  if (isObject(expected)) return Object.fromEntries(Object.entries(expected).map(([k, v]) => [k, resolve(v)]));
  return expected;
}

const show = (v) => JSON.stringify(v);
const sorted = (o) => Object.keys(o).sort();

function same(actual, expected, where, partial) {
  if (keysAre(expected, '$approx')) {
    const ok = typeof actual === 'number' && Math.abs(actual - expected.$approx) <= 1e-9;
    return ok ? [] : [`${where}: ${show(actual)} is not about ${expected.$approx}`];
  }
  if (isObject(expected)) {
    if (!isObject(actual)) return [`${where}: expected an object, got ${show(actual)}`];
    const out = [];
    if (!partial && show(sorted(actual)) !== show(sorted(expected))) {
      out.push(`${where}: keys ${show(sorted(actual))} != ${show(sorted(expected))}`);
    }
    for (const [k, v] of Object.entries(expected)) {
      if (!(k in actual)) out.push(`${where}.${k}: missing`);
      else out.push(...same(actual[k], v, `${where}.${k}`, partial));
    }
    return out;
  }
  if (Array.isArray(expected)) {
    if (!Array.isArray(actual)) return [`${where}: expected a list, got ${show(actual)}`];
    if (actual.length !== expected.length) {
      return [`${where}: ${actual.length} items, expected ${expected.length}: ${show(actual)}`];
    }
    return expected.flatMap((x, i) => same(actual[i], x, `${where}[${i}]`, partial));
  }
  return actual === expected ? [] : [`${where}: ${show(actual)} != ${show(expected)}`];
}

function shapeErrors(actual, shape, where) {
  if (typeof shape === 'string' && shape.startsWith('$')) return shapeErrors(actual, SHAPES[shape.slice(1)], where);
  if (shape === null) return [];
  if (Array.isArray(shape)) {
    if (!Array.isArray(actual)) return [`${where}: expected a list, got ${show(actual)}`];
    if (shape.length === 0) return actual.length === 0 ? [] : [`${where}: expected an empty list`];
    return actual.flatMap((item, i) => shapeErrors(item, shape[0], `${where}[${i}]`));
  }
  if (!isObject(actual)) return [`${where}: expected an object, got ${show(actual)}`];
  const required = Object.keys(shape).filter((k) => !k.startsWith('?'));
  const allowed = new Set([...required, ...Object.keys(shape).filter((k) => k.startsWith('?')).map((k) => k.slice(1))]);
  const out = [];
  const missing = required.filter((k) => !(k in actual)).sort();
  if (missing.length) out.push(`${where}: missing keys ${show(missing)}`);
  const extra = Object.keys(actual).filter((k) => !allowed.has(k)).sort();
  if (extra.length) out.push(`${where}: unexpected keys ${show(extra)}`);
  for (const [k, sub] of Object.entries(shape)) {
    const key = k.replace(/^\?/, '');
    if (key in actual) out.push(...shapeErrors(actual[key], sub, `${where}.${key}`));
  }
  return out;
}

const LOCATION = ['file', 'line', 'column', 'path', 'field'];
const isRoadmapError = (e) => e instanceof Error && typeof e.code === 'string' && typeof e.kind === 'string';

function errorFields(e) {
  const fields = { class: e?.name ?? typeof e };
  if (!isRoadmapError(e)) return fields;
  for (const name of ['code', 'kind', 'message', 'location', 'problems', 'phrase', 'span']) {
    if (e[name] !== undefined || ['location', 'problems', 'code', 'kind', 'message'].includes(name)) {
      fields[name] = plain(e[name]);
    }
  }
  return fields;
}

function flatCopies(e) {
  const out = [];
  const location = e.location ?? {};
  for (const k of LOCATION) {
    if ((e[k] ?? null) !== (location[k] ?? null)) out.push(`error.${k} = ${show(e[k])} but location.${k} = ${show(location[k])}`);
  }
  if (e.span) {
    for (const k of ['start', 'end']) {
      if (e[k] !== e.span[k]) out.push(`error.${k} = ${show(e[k])} but span.${k} = ${show(e.span[k])}`);
    }
  }
  return out;
}

function runCase(c) {
  const call = CALLS[c.call];
  if ('error' in c) {
    const expected = resolve(c.error);
    let value;
    try {
      value = call(c.args);
    } catch (e) {
      if (e instanceof ParityFailure) return [e.message];
      const out = [...same(errorFields(e), expected, 'error', true)];
      if (isRoadmapError(e)) {
        out.push(...flatCopies(e));
        out.push(...shapeErrors(plain(e.location), SHAPES.problem.location, 'error.location'));
        out.push(...shapeErrors(plain(e.problems), ['$problem'], 'error.problems'));
      }
      if (!(e instanceof Error)) out.push(`thrown value is not an Error: ${show(e)}`);
      return out;
    }
    return [`expected ${expected.class}, got a result: ${show(plain(value))}`];
  }
  let value;
  try {
    value = plain(call(c.args));
  } catch (e) {
    return [e instanceof ParityFailure ? e.message : `threw ${e?.name}: ${e?.message} (${show(errorFields(e))})`];
  }
  if (c.parse === 'json') value = JSON.parse(value);
  const out = [];
  if ('shape' in c) out.push(...shapeErrors(value, c.shape, 'result'));
  if ('result' in c) out.push(...same(value, resolve(c.result), 'result', false));
  if ('match' in c) out.push(...same(value, resolve(c.match), 'result', true));
  if ('startswith' in c && !(typeof value === 'string' && value.startsWith(c.startswith))) {
    out.push(`result does not start with ${show(c.startswith)}: ${show(value)}`);
  }
  if ('endswith' in c && !(typeof value === 'string' && value.endsWith(c.endswith))) {
    out.push(`result does not end with ${show(c.endswith)}: ${show(value)}`);
  }
  for (const part of c.contains ?? []) {
    if (!(typeof value === 'string' && value.includes(part))) out.push(`result does not contain ${show(part)}: ${show(value)}`);
  }
  return out;
}

for (const c of FIXTURE.cases) {
  const only = c.only ?? LANG;
  test(c.id, { skip: only !== LANG ? `${c.call} is ${only}-only (docs/parity.md)` : false }, () => {
    assert.ok(c.call in CALLS, `no JS call for ${c.call}`);
    const problems = runCase(c);
    assert.deepEqual(problems, [], problems.join('\n'));
  });
}

test('every call is covered', () => {
  const called = new Set(FIXTURE.cases.filter((c) => (c.only ?? LANG) === LANG).map((c) => c.call));
  assert.deepEqual([...called].sort(), Object.keys(CALLS).sort());
});
