// Speed: evaluate a generated roadmap of 100,000 commitments as of a date, in Node through
// the WASM package, and the same work natively (the `bench_evaluate` example of the core crate,
// built with `cargo run --release`), on the same JSON file.
//
//   bash bindings-wasm/build.sh && node benches/wasm_evaluate.mjs [commitments]
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
const N = Number(process.argv[2] ?? 100_000);
const AS_OF = '2026-11-24';
const RUNS = 5;

// The mix of core/benches/status.rs: deadlines (one in fourteen has none) and zero to two
// updates each, deterministic from the same LCG.
const PHRASES = ['in March', 'in April', 'summer 2026', 'by March 2028', 'by October 2028',
  'from April this year', 'from May onwards', 'towards the end of 2026', 'around the end of 2026',
  'later this year', 'in 2026', 'throughout 2026', 'in due course'];
const LABELS = ['scheduled', 'in progress', 'ongoing', 'launched', 'delivered', 'approach changed',
  'under review', 'dropped'];

function generate(n) {
  let seed = 0x9e3779b97f4a7c15n;
  const next = (k) => {
    seed = (seed * 6364136223846793005n + 1442695040888963407n) & 0xffffffffffffffffn;
    return Number((seed >> 33n) % BigInt(k));
  };
  const day = (offset) => new Date(Date.UTC(2026, 0, 1 + offset)).toISOString().slice(0, 10);
  const perArea = 100;
  const areas = Math.max(1, Math.ceil(n / perArea / 10));
  const nodes = [];
  const updates = [];
  let c = 0;
  for (let s = 0; c < n; s++) {
    nodes.push({ id: `s${s}`, kind: 'section', title: 'Section' });
    for (let a = 0; a < areas && c < n; a++) {
      nodes.push({ id: `s${s}-a${a}`, kind: 'area', parent: `s${s}`, title: 'Area' });
      for (let k = 0; k < perArea && c < n; k++, c++) {
        const node = { id: `c${c}`, kind: 'commitment', parent: `s${s}-a${a}`, title: 'Commitment' };
        const pick = next(PHRASES.length + 1);
        if (pick < PHRASES.length) node.deadline = { phrase: PHRASES[pick], written_on: day(18) };
        nodes.push(node);
        const ups = next(3);
        for (let u = 0; u < ups; u++) {
          updates.push({ node: node.id, date: day(18 + next(300)), status: LABELS[next(LABELS.length)], source: 'src' });
        }
      }
    }
  }
  return {
    id: 'generated', title: 'Generated', publisher: 'Bench', published: day(0),
    sources: [{ id: 'src', title: 'Source' }], nodes, updates,
  };
}

// One untimed run first, as the native side does: the first call of a kind compiles and
// tiers up the JS it runs (rows.js compiles its loop for the record shape) and grows the
// module's memory, and took 320 to 720 ms where the runs after it take about 200.
function time(f) {
  const times = [];
  let result = f();
  for (let i = 0; i < RUNS; i++) {
    const t = performance.now();
    result = f();
    times.push(performance.now() - t);
  }
  times.sort((a, b) => a - b);
  return { ms: times[Math.floor(RUNS / 2)], result };
}

const file = path.join(root, 'target', `bench-roadmap-${N}.json`);
mkdirSync(path.dirname(file), { recursive: true });
writeFileSync(file, JSON.stringify(generate(N)));

const text = readFileSync(file, 'utf8');
const load = time(() => rt.Roadmap.fromJson(text));
const roadmap = load.result;
// The first call prepares the roadmap (kept for the next ones): timed apart.
const prepare = time(() => rt.Roadmap.fromJson(text).scores(AS_OF));
// Each run keeps nothing of the last (as the native side drops its evaluation and text
// inside the timed call): a kept result would be live while the next is built, and the
// engine would trace it again in every collection.
const evaluate = time(() => roadmap.evaluate(AS_OF).commitments.length);
const scores = time(() => roadmap.scores(AS_OF).length);
const e = roadmap.evaluate(AS_OF);
console.log(`WASM (Node ${process.version}): ${e.commitments.length} commitments, as of ${AS_OF}, median of ${RUNS}`);
console.log(`  load JSON       ${load.ms.toFixed(1)} ms`);
console.log(`  load + prepare + scores ${prepare.ms.toFixed(1)} ms`);
console.log(`  evaluate        ${evaluate.ms.toFixed(1)} ms   (parse every deadline, judge, score, reasons, into JS objects)`);
console.log(`  scores only     ${scores.ms.toFixed(1)} ms`);

const native = execFileSync('cargo', ['run', '-q', '--release', '-p', 'roadmap-tracker', '--example', 'bench_evaluate', '--', file, AS_OF, String(RUNS)], { cwd: root, encoding: 'utf8' });
console.log(native.trimEnd());
const nat = Object.fromEntries(native.split('\n').map((l) => l.match(/^\s+(\S.*?)\s{2,}([\d.]+) ms/)).filter(Boolean).map((m) => [m[1], Number(m[2])]));
const ratio = (a, b) => (b ? `${(a / b).toFixed(2)}×` : '?');
console.log(`ratio WASM/native: evaluate ${ratio(evaluate.ms, nat['evaluate + JSON'])} (against native evaluate + JSON text), ` +
  `${ratio(evaluate.ms, nat['evaluate'])} (against native evaluate alone); scores ${ratio(scores.ms, nat['scores only'])}`);
