// Speed: load a generated roadmap of 200,000 commitments in Node through the WASM package
// (from JSON text, and from the tidy CSV tables), and the same loads natively (the
// `bench_load` example of the core crate, built with `cargo run --release`), on the same
// files.
//
//   bash bindings-wasm/build.sh && node benches/wasm_load.mjs [commitments]
//
// Not run by CI (it takes a minute and its numbers depend on the machine).
import { createRequire } from 'node:module';
import { readFileSync, writeFileSync, mkdirSync } from 'node:fs';
import { execFileSync } from 'node:child_process';
import { performance } from 'node:perf_hooks';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const rt = createRequire(import.meta.url)(path.join(root, 'bindings-wasm', 'pkg'));
const N = Number(process.argv[2] ?? 200_000);
const RUNS = 3;

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

function median(f) {
  const times = [];
  let out;
  for (let i = 0; i < RUNS; i++) {
    const t = performance.now();
    out = f();
    times.push(performance.now() - t);
  }
  times.sort((a, b) => a - b);
  return [times[Math.floor(times.length / 2)], out];
}

const dir = path.join(root, 'target', 'bench-load');
mkdirSync(path.join(dir, 'tables'), { recursive: true });
const file = path.join(dir, `roadmap-${N}.json`);
writeFileSync(file, JSON.stringify(generate(N)));
const text = readFileSync(file, 'utf8');

const [json, roadmap] = median(() => rt.Roadmap.fromJson(text));
const tables = roadmap.toCsvTables();
for (const [name, csv] of Object.entries(tables)) writeFileSync(path.join(dir, 'tables', `${name}.csv`), csv);
const [csv] = median(() => rt.Roadmap.fromCsvTables(tables));
console.log(`wasm (Node ${process.version}): ${N} commitments, median of ${RUNS}`);
console.log(`  fromJson       ${json.toFixed(0)} ms`);
console.log(`  fromCsvTables  ${csv.toFixed(0)} ms`);

const run = (...args) => execFileSync('cargo', ['run', '--quiet', '--release', '-p', 'roadmap-tracker',
  '--example', 'bench_load', '--', ...args], { cwd: root, encoding: 'utf8' }).trim();
const nativeJson = run('json', file, String(RUNS));
const nativeCsv = run('tables', path.join(dir, 'tables'), String(RUNS));
console.log(nativeJson);
console.log(nativeCsv);
const ms = (line) => Number(/([\d.]+) ms/.exec(line)[1]);
console.log(`ratio wasm/native: json ${(json / ms(nativeJson)).toFixed(2)}x, csv ${(csv / ms(nativeCsv)).toFixed(2)}x`);
