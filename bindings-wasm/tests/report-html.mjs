// The HTML report (`report --format html`) as a newsroom would publish it, checked in
// Debian's Chromium with JavaScript switched off: it renders whole from one file (no
// request but the page itself), has no script, its links are web addresses or anchors
// that exist, its ids are unique, its headings go down one level at a time, its tables
// have headers, every text colour is at least 4.5:1 against its background, and it prints.
// Also checks that `report --help` exits 0 with the usage on standard output. Saves
// target/report.html, target/report-screenshot.png and target/report-print.pdf.
//
// Run from the repository (needs cargo):  node bindings-wasm/tests/report-html.mjs
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { mkdirSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { chromium } from 'playwright-core';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..', '..');
const target = path.join(root, 'target');
const executablePath = process.env.CHROMIUM ?? '/usr/bin/chromium';
let step = 0;
const ok = (what) => console.log(`ok ${++step} - ${what}`);

const cargo = (...args) => spawnSync('cargo', ['run', '-q', '--locked', '-p', 'roadmap-tracker', '--example', 'report', '--', ...args],
  { cwd: root, encoding: 'utf8', maxBuffer: 64 * 1024 * 1024 });

const help = cargo('--help');
assert.equal(help.status, 0, help.stderr);
assert.match(help.stdout, /^usage: report /);
assert.equal(help.stderr, '');
ok('report --help prints the usage to standard output and exits 0');

const made = cargo('--as-of', '2026-11-24', '--since', '2026-06-04', '--format', 'html');
assert.equal(made.status, 0, made.stderr);
const html = made.stdout;
mkdirSync(target, { recursive: true });
const file = path.join(target, 'report.html');
writeFileSync(file, html);
assert.doesNotMatch(html, /<script|<link |<iframe|<img |@import|url\(/i);
ok(`report --format html: ${html.length} bytes, no script and nothing loaded from elsewhere`);

const browser = await chromium.launch({ executablePath, headless: true, args: ['--no-sandbox', '--disable-gpu', '--no-first-run'] });
try {
  const context = await browser.newContext({ javaScriptEnabled: false, viewport: { width: 1200, height: 900 } });
  const page = await context.newPage();
  const requests = [];
  page.on('request', (r) => requests.push(r.url()));
  await page.goto(pathToFileURL(file).href);
  assert.deepEqual(requests, [pathToFileURL(file).href]);
  assert.match(await page.title(), /^A roadmap for modern digital government: progress as of 24 November 2026$/);
  assert.equal(await page.getAttribute('html', 'lang'), 'en-GB');
  assert.equal(await page.textContent('#summary'), 'Summary');
  assert.ok(await page.locator('main table').count() >= 10);
  ok('renders from the one file with JavaScript off: title, language, summary, tables');

  const facts = await page.evaluate(() => {
    const problems = [];
    const ids = [...document.querySelectorAll('[id]')].map((e) => e.id);
    const dup = ids.filter((id, i) => ids.indexOf(id) !== i);
    if (dup.length) problems.push(`duplicate ids: ${dup.join(', ')}`);
    const links = [...document.querySelectorAll('a')];
    for (const a of links) {
      const href = a.getAttribute('href') ?? '';
      if (href.startsWith('#')) {
        if (!document.getElementById(decodeURIComponent(href.slice(1)))) problems.push(`anchor ${href} goes nowhere`);
      } else if (!/^https?:\/\/[^\s]+$/.test(href)) problems.push(`link ${href} is not a web address`);
      if (!a.textContent.trim()) problems.push(`link ${href} has no text`);
    }
    let last = 0;
    for (const h of document.querySelectorAll('h1, h2, h3, h4, h5, h6')) {
      const level = Number(h.tagName[1]);
      if (level > last + 1) problems.push(`${h.tagName} "${h.textContent.slice(0, 30)}" after h${last}`);
      last = level;
    }
    for (const t of document.querySelectorAll('table')) {
      if (!t.querySelector('thead th[scope="col"]') || !t.querySelector('tbody th[scope="row"]')) problems.push('a table without headers');
    }
    const rgb = (s) => (s.match(/[\d.]+/g) ?? []).slice(0, 3).map(Number);
    const lum = ([r, g, b]) => {
      const f = (v) => { v /= 255; return v <= 0.03928 ? v / 12.92 : ((v + 0.055) / 1.055) ** 2.4; };
      return 0.2126 * f(r) + 0.7152 * f(g) + 0.0722 * f(b);
    };
    const background = (e) => {
      for (let n = e; n; n = n.parentElement) {
        const bg = getComputedStyle(n).backgroundColor;
        if (bg !== 'rgba(0, 0, 0, 0)') return bg;
      }
      return 'rgb(255, 255, 255)';
    };
    const pairs = new Set();
    const walker = document.createTreeWalker(document.body, NodeFilter.SHOW_TEXT);
    while (walker.nextNode()) {
      const e = walker.currentNode.parentElement;
      if (!walker.currentNode.textContent.trim() || !e) continue;
      const key = `${getComputedStyle(e).color}/${background(e)}`;
      if (pairs.has(key)) continue;
      pairs.add(key);
      const [l1, l2] = [lum(rgb(getComputedStyle(e).color)), lum(rgb(background(e)))].sort((x, y) => y - x);
      const ratio = (l1 + 0.05) / (l2 + 0.05);
      if (ratio < 4.5) problems.push(`contrast ${ratio.toFixed(2)} for "${e.textContent.slice(0, 30)}" (${key})`);
    }
    return {
      problems,
      links: links.length,
      web: links.filter((a) => /^https?:/.test(a.getAttribute('href'))).length,
      pairs: pairs.size,
      wide: document.documentElement.scrollWidth,
    };
  });
  assert.deepEqual(facts.problems, []);
  assert.ok(facts.web >= 2, `${facts.web} web links`);
  assert.ok(facts.pairs >= 5, `${facts.pairs} colour pairs`);
  assert.ok(facts.wide <= 1200, `${facts.wide}px wide`);
  ok(`${facts.links} links (${facts.web} to the web) all resolve; ids unique; headings in order; tables with headers; ${facts.pairs} text colour pairs at 4.5:1 or more`);

  // The sources: the roadmap, in the header and the footer.
  // The roadmap's own source in the bundled data (data/README.md): its campaign site.
  const roadmapUrl = 'https://roadmap-for-modern-digital-government.campaign.gov.uk/';
  assert.ok(await page.locator(`header a[href="${roadmapUrl}"]`).count() === 1);
  assert.ok(await page.locator(`footer a[href="${roadmapUrl}"]`).count() === 1);
  assert.match(await page.textContent('footer'), /out of 100.*green at 80 or more/s);
  ok('the roadmap is linked in the header and the footer, which explains the score and the rating');

  await page.screenshot({ path: path.join(target, 'report-screenshot.png'), fullPage: false });
  await page.setViewportSize({ width: 390, height: 844 });
  const phone = await page.evaluate(() => document.documentElement.scrollWidth);
  assert.ok(phone <= 390, `${phone}px wide at 390`);
  await page.emulateMedia({ media: 'print' });
  const pdf = await page.pdf({ path: path.join(target, 'report-print.pdf'), format: 'A4' });
  assert.ok(pdf.length > 10_000);
  ok(`fits a 390 px phone; prints (${pdf.length} bytes of A4 PDF); screenshot target/report-screenshot.png`);
} finally {
  await browser.close();
}
console.log(`\nreport HTML test passed (${step} checks)`);
