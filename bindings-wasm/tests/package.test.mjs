// The package as a user gets it: `npm pack` of bindings-wasm/pkg, installed (offline) into a
// fresh project, then used the ways its package.json promises: require() and import in
// Node (the "node" condition, CommonJS), the web build's ES module with init(), and the
// TypeScript declarations under Node's own module resolution.
import test, { before, after } from 'node:test';
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { root } from './helpers.mjs';

const pkg = path.join(root, 'bindings-wasm', 'pkg');
const tsc = path.join(root, 'bindings-wasm', 'node_modules', '.bin', 'tsc');
let project;
let packed;

function run(command, args, options = {}) {
  return execFileSync(command, args, { cwd: project, encoding: 'utf8', ...options });
}

before(() => {
  project = mkdtempSync(path.join(tmpdir(), 'roadmap-tracker-consumer-'));
  [packed] = JSON.parse(run('npm', ['pack', '--json', '--pack-destination', project], { cwd: pkg }));
  writeFileSync(path.join(project, 'package.json'), JSON.stringify({ name: 'consumer', private: true }));
  run('npm', ['install', '--offline', '--no-audit', '--no-fund', `./${packed.filename}`]);
});

after(() => rmSync(project, { recursive: true, force: true }));

test('the tarball holds both builds, their declarations and rows.js, and nothing else', () => {
  const files = packed.files.map((f) => f.path).sort();
  const build = (dir) => ['package.json', 'roadmap_tracker.d.ts', 'roadmap_tracker.js', 'roadmap_tracker_bg.wasm',
    'roadmap_tracker_bg.wasm.d.ts', 'rows.js'].map((f) => `${dir}/${f}`);
  assert.deepEqual(files, ['README.md', ...build('node'), 'package.json', ...build('web')].sort());
  assert.equal(packed.name, 'roadmap-tracker');
});

test('require() gives the Node build, ready at once', () => {
  const out = run('node', ['-e', `
    const rt = require('roadmap-tracker');
    const top = rt.Roadmap.ukDigital2026().scores('2026-11-24')[0];
    console.log(JSON.stringify([rt.version(), top.total]));`]);
  // 65 commitments in the bundled roadmap (data/README.md).
  assert.deepEqual(JSON.parse(out), ['0.1.0', 65]);
});

test('import gives the same build, with named exports', () => {
  const out = run('node', ['--input-type=module', '-e', `
    import { Roadmap, parseDeadline } from 'roadmap-tracker';
    const e = Roadmap.ukDigital2026().evaluate('2026-11-24');
    console.log(JSON.stringify([parseDeadline('summer 2026', '2026-01-19').latest, e.commitments.length]));`]);
  // 65 commitments and 5 milestones.
  assert.deepEqual(JSON.parse(out), ['2026-08-31', 70]);
});

test('the web build runs after init() with the module bytes', () => {
  const out = run('node', ['--input-type=module', '-e', `
    import init, { Roadmap } from 'roadmap-tracker/web';
    import { readFileSync } from 'node:fs';
    const wasm = new URL(import.meta.resolve('roadmap-tracker/web/roadmap_tracker_bg.wasm'));
    await init({ module_or_path: readFileSync(wasm) });
    console.log(Roadmap.ukDigital2026().statusOf('lgam-first-version', '2026-11-24').status);`]);
  // Published in April 2026, no deadline: met.
  assert.equal(out.trim(), 'met');
});

test('TypeScript finds the declarations through the exports map', () => {
  writeFileSync(path.join(project, 'index.mts'), `
    import { Roadmap, type Evaluation } from 'roadmap-tracker';
    import init, { parseDeadline } from 'roadmap-tracker/web';
    const e: Evaluation = Roadmap.ukDigital2026().evaluate('2026-11-24');
    await init();
    export const counts: [number, string | null] = [e.commitments.length, parseDeadline('summer 2026', '2026-01-19').latest];
  `);
  writeFileSync(path.join(project, 'tsconfig.json'), JSON.stringify({
    compilerOptions: {
      strict: true, noEmit: true, module: 'nodenext', moduleResolution: 'nodenext',
      target: 'es2022', lib: ['esnext', 'dom'], types: [],
    },
    files: ['index.mts'],
  }));
  run(tsc, ['-p', '.']);
});
