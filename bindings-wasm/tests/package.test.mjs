// The package as a user gets it: `npm pack` of bindings-wasm/pkg, installed (offline) into a
// fresh project, then used the ways its package.json promises: require() and import in
// Node (the "node" condition, CommonJS), the web build's ES module with init(), and the
// TypeScript declarations under Node's own module resolution.
import test, { before, after } from 'node:test';
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
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

test('the tarball holds both builds with one copy of the wasm, the licences, and nothing else', () => {
  const files = packed.files.map((f) => f.path).sort();
  const build = (dir) => ['package.json', 'roadmap_tracker.d.ts', 'roadmap_tracker.js', 'rows.js'].map((f) => `${dir}/${f}`);
  assert.deepEqual(files, ['LICENSE', 'LICENSE-APACHE', 'LICENSE-MIT', 'README.md', ...build('node'), 'package.json',
    ...build('web'), 'web/roadmap_tracker_bg.wasm', 'web/roadmap_tracker_bg.wasm.d.ts'].sort());
  assert.equal(packed.files.filter((f) => f.path.endsWith('.wasm')).length, 1);
  assert.equal(packed.name, 'roadmap-tracker');
});

test('package.json names the workspace repository and licence', () => {
  const manifest = JSON.parse(readFileSync(path.join(pkg, 'package.json'), 'utf8'));
  const cargo = readFileSync(path.join(root, 'Cargo.toml'), 'utf8');
  const field = (name) => cargo.match(new RegExp(`^${name} = "([^"]+)"`, 'm'))?.[1];
  assert.equal(manifest.repository.url, field('repository'));
  assert.equal(manifest.license, field('license'));
  assert.match(readFileSync(path.join(pkg, 'LICENSE-MIT'), 'utf8'), /^MIT License/);
  assert.match(readFileSync(path.join(pkg, 'LICENSE-APACHE'), 'utf8'), /Apache License\s+Version 2\.0/);
});

test('every relative link of the README is a file in the package', () => {
  const readme = readFileSync(path.join(pkg, 'README.md'), 'utf8');
  const links = [...readme.matchAll(/\]\(([^)]+)\)/g)].map((m) => m[1]);
  assert.ok(links.length >= 3, links.join(', '));
  const shipped = new Set(packed.files.map((f) => f.path));
  for (const link of links) {
    if (/^https?:/.test(link)) continue;
    assert.ok(shipped.has(link), `README links to ${link}, which the package does not hold`);
  }
});

test('require() gives the Node build, ready at once', () => {
  const out = run('node', ['-e', `
    const rt = require('roadmap-tracker');
    const top = rt.Roadmap.ukDigital2026().scores('2026-11-24')[0];
    let guarded;
    try { rt.parseDeadline('by Marchh 2026', '2026-01-19'); } catch (e) { guarded = rt.isRoadmapError(e) && e.code; }
    console.log(JSON.stringify([rt.version(), top.total, guarded, rt.isRoadmapError(new Error('x'))]));`]);
  // 65 commitments in the bundled roadmap (data/README.md).
  assert.deepEqual(JSON.parse(out), ['0.1.0', 65, 'unrecognised_word', false]);
});

test('import gives the same build, with named exports', () => {
  const out = run('node', ['--input-type=module', '-e', `
    import { Roadmap, parseDeadline, isRoadmapError } from 'roadmap-tracker';
    const e = Roadmap.ukDigital2026().evaluate('2026-11-24');
    console.log(JSON.stringify([parseDeadline('summer 2026', '2026-01-19').latest, e.commitments.length, typeof isRoadmapError]));`]);
  // 65 commitments and 5 milestones.
  assert.deepEqual(JSON.parse(out), ['2026-08-31', 70, 'function']);
});

test('the web build runs after init() with the module bytes', () => {
  const out = run('node', ['--input-type=module', '-e', `
    import init, { Roadmap } from 'roadmap-tracker/web';
    import { readFileSync } from 'node:fs';
    const wasm = new URL(import.meta.resolve('roadmap-tracker/web/roadmap_tracker_bg.wasm'));
    await init({ module_or_path: readFileSync(wasm) });
    const html = Roadmap.ukDigital2026().report('2026-11-24', { format: 'html' });
    console.log(Roadmap.ukDigital2026().statusOf('lgam-first-version', '2026-11-24').status, html.startsWith('<!doctype html>'));`]);
  // Published in April 2026, no deadline: met.
  assert.equal(out.trim(), 'met true');
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

test('a browser project type-checks under tsc --strict with lib ["dom", "es2022"] and no Node types', () => {
  const dir = path.join(project, 'browser');
  mkdirSync(dir, { recursive: true });
  writeFileSync(path.join(dir, 'page.ts'), `
    import init, { Roadmap, isRoadmapError, parseDeadline, type ErrorCode, type Report, type ReportSummary } from 'roadmap-tracker';
    export async function page(): Promise<string> {
      await init();
      const roadmap = Roadmap.ukDigital2026();
      const report: Report = roadmap.report('2026-11-24', { format: 'dict', since: '2026-06-04' });
      const summary: ReportSummary = report.summary;
      const html: string = roadmap.report('2026-11-24', { format: 'html' });
      let code: ErrorCode | null = null;
      try {
        parseDeadline('by Marchh 2026', '2026-01-19');
      } catch (e) {
        if (isRoadmapError(e)) code = e.code;
      }
      // @ts-expect-error: not an error code
      const wrong: ErrorCode = 'no_such_code';
      void wrong;
      roadmap.free();
      return [summary.lines[0], html.length, code].join(' ');
    }
  `);
  writeFileSync(path.join(dir, 'tsconfig.json'), JSON.stringify({
    compilerOptions: {
      strict: true, noEmit: true, module: 'esnext', moduleResolution: 'bundler',
      target: 'es2022', lib: ['dom', 'es2022'], types: [],
    },
    files: ['page.ts'],
  }));
  assert.ok(!existsSync(path.join(project, 'node_modules', '@types', 'node')), 'no Node types installed');
  run(tsc, ['-p', dir]);
});
