// Speed: load a generated roadmap of 200,000 commitments in Node through the WASM package
// (from JSON text, and from the tidy CSV tables), and the same loads natively (the
// `bench_load` example of the core crate, built with `cargo run --release`), on the same
// files.
//
//   bash bindings-wasm/build.sh && node benches/wasm_load.mjs [commitments]
//
// Not run by CI (it takes a minute or two and its numbers depend on the machine).
import { createRequire } from 'node:module';
import { readFileSync, writeFileSync, mkdirSync } from 'node:fs';
import { execFileSync } from 'node:child_process';
import { performance } from 'node:perf_hooks';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const rt = createRequire(import.meta.url)(path.join(root, 'bindings-wasm', 'pkg'));
const N = Number(process.argv[2] ?? 200_000);
const RUNS = 5;

// Sections of ten areas of a hundred commitments, each with a deadline and one update.
function generate(n) {
  const nodes = [];
  const updates = [];
  let c = 0;
  for (let s = 0; c < n; s++) {
    nodes.push({ id: `s${s}`, kind: 'section', title: `Section ${s}` });
    for (let a = 0; a < 10 && c < n; a++) {
      nodes.push({ id: `s${s}-a${a}`, kind: 'area', parent: `s${s}`, title: `Area ${a}` });
      for (let k = 0; k < 100 && c < n; k++, c++) {
        nodes.push({
          id: `c${c}`, kind: 'commitment', parent: `s${s}-a${a}`, title: `Commitment ${c}`,
          owners: ['Team'], deadline: { phrase: 'by March 2028', written_on: '2026-01-19' },
        });
        updates.push({ node: `c${c}`, date: '2026-06-04', status: 'in progress', source: 'src' });
      }
    }
  }
  return {
    id: 'generated', title: 'Generated', publisher: 'Bench', published: '2026-01-19',
    sources: [{ id: 'src', title: 'Source' }], nodes, updates,
  };
}

// One load: wall-clock and process CPU milliseconds (on a shared machine the wall clock
// swings by a factor of two from run to run; CPU time much less).
// The roadmap is freed after the clock stops (the native side drops it after timing too).
function timed(f) {
  const cpu = process.cpuUsage();
  const t = performance.now();
  const out = f();
  const wall = performance.now() - t;
  const used = process.cpuUsage(cpu);
  out.free();
  return [wall, (used.user + used.system) / 1000];
}

const median = (xs) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];

const dir = path.join(root, 'target', 'bench-load');
mkdirSync(path.join(dir, 'tables'), { recursive: true });
const file = path.join(dir, `roadmap-${N}.json`);
writeFileSync(file, JSON.stringify(generate(N)));
const text = readFileSync(file, 'utf8');
const tables = rt.Roadmap.fromJson(text).toCsvTables();
for (const [name, csv] of Object.entries(tables)) writeFileSync(path.join(dir, 'tables', `${name}.csv`), csv);

// The native loads run one at a time between the WASM ones, so that both sides see the
// same load on the machine.
const run = (...args) => execFileSync('cargo', ['run', '--quiet', '--release', '-p', 'roadmap-tracker',
  '--example', 'bench_load', '--', ...args], { cwd: root, encoding: 'utf8' }).trim();
const native = (line) => [Number(/([\d.]+) ms/.exec(line)[1]), Number(/([\d.]+) ms CPU/.exec(line)?.[1] ?? NaN)];
const results = { json: [], csv: [], nativeJson: [], nativeCsv: [] };
for (let i = 0; i < RUNS; i++) {
  results.json.push(timed(() => rt.Roadmap.fromJson(text)));
  results.nativeJson.push(native(run('json', file, '1')));
  results.csv.push(timed(() => rt.Roadmap.fromCsvTables(tables)));
  results.nativeCsv.push(native(run('tables', path.join(dir, 'tables'), '1')));
}
const ms = (rows, k) => median(rows.map((r) => r[k]));
console.log(`${N} commitments, medians of ${RUNS}, WASM in Node ${process.version} and native (release), interleaved`);
for (const [name, wasm, nat] of [['fromJson', 'json', 'nativeJson'], ['fromCsvTables', 'csv', 'nativeCsv']]) {
  const [w, c, nw, nc] = [ms(results[wasm], 0), ms(results[wasm], 1), ms(results[nat], 0), ms(results[nat], 1)];
  console.log(`  ${name.padEnd(14)} wasm ${w.toFixed(0)} ms (${c.toFixed(0)} ms CPU), native ${nw.toFixed(0)} ms (${nc.toFixed(0)} ms CPU): ` +
    `${(w / nw).toFixed(2)}x wall, ${(c / nc).toFixed(2)}x CPU`);
}
