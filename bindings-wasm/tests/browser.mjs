// The browser test of the web tracker (examples/web/): serves the repository on 127.0.0.1,
// drives Debian's Chromium (/usr/bin/chromium) with playwright-core (which downloads no
// browser), and checks that the bundled roadmap renders with the right counts, that
// changing the as-of date changes the statuses, that the filters work, that a typed phrase
// shows its window (and a refused one its reason, after which the module still works),
// that the page works offline once loaded, and some accessibility basics. Saves a
// screenshot to target/web-screenshot.png and prints its path.
//
// Run after bindings-wasm/build.sh:  node bindings-wasm/tests/browser.mjs
// The expected counts are worked out by hand in roadmap.test.mjs.
import assert from 'node:assert/strict';
import { mkdtempSync, mkdirSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { chromium } from 'playwright-core';
import { serve } from '../../examples/web/serve.mjs';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..', '..');
const executablePath = process.env.CHROMIUM ?? '/usr/bin/chromium';
const screenshot = path.join(root, 'target', 'web-screenshot.png');

// The bundled roadmap's shape (data/README.md): 65 commitments and 5 milestones, 12 of the
// commitments in the funding section. Statuses are asserted only where the data settles them
// under any reading of the rules (the full status tables are tested in the core and the
// bindings on a fixed fixture, tests/fixtures/uk-digital-2026-article.json).
const COMMITMENTS = 65;
const ITEMS = 70;
const sum = (counts) => Object.values(counts).reduce((a, b) => a + b, 0);

let step = 0;
const ok = (what) => console.log(`ok ${++step} - ${what}`);

async function counts(page) {
  return page.$$eval('#counts tbody tr', (rows) =>
    Object.fromEntries(rows.map((r) => [r.dataset.status, Number(r.querySelector('td').textContent)])));
}

async function statusOf(page, id) {
  return page.getAttribute(`#roadmap li.item[data-id="${id}"]`, 'data-status');
}

async function waitReady(page) {
  await page.waitForSelector('body[data-ready]', { timeout: 30_000 });
  assert.equal(await page.getAttribute('body', 'data-ready'), 'true', await page.textContent('#load-error'));
}

const { server, url } = await serve(0);
const profile = mkdtempSync(path.join(tmpdir(), 'roadmap-tracker-chromium-'));
const context = await chromium.launchPersistentContext(profile, {
  executablePath,
  headless: true,
  args: [
    '--headless',
    '--no-sandbox',
    '--disable-gpu',
    '--disable-background-networking',
    '--disable-component-update',
    '--no-first-run',
  ],
  viewport: { width: 1280, height: 900 },
});
const pageErrors = [];
try {
  const page = context.pages()[0] ?? (await context.newPage());
  page.on('pageerror', (e) => pageErrors.push(`page error: ${e.message}`));
  page.on('console', (m) => { if (m.type() === 'error') pageErrors.push(`console error: ${m.text()}`); });

  // 1. The bundled roadmap as of 2026-11-24.
  await page.goto(`${url}/examples/web/?as-of=2026-11-24`);
  await waitReady(page);
  assert.match(await page.textContent('h1'), /roadmap for modern digital government/i);
  assert.equal(await page.inputValue('#as-of'), '2026-11-24');
  assert.equal(sum(await counts(page)), COMMITMENTS);
  assert.match(await page.textContent('#overall'), new RegExp(`${COMMITMENTS} commitments: score`));
  assert.equal(await page.locator('#roadmap section.group.section').count(), 6);
  assert.equal(await page.locator('#roadmap li.item').count(), ITEMS);
  assert.equal(await page.locator('#roadmap li.item.milestone').count(), 5);
  assert.match(await page.textContent('#shown'), new RegExp(`Showing ${ITEMS} of ${ITEMS}`));
  // "in March of this year" (the article's words, 2026-Q2) is March 2026; launched in
  // March 2026: on time. The sourcing strategy, due in March, under review since: delayed.
  assert.equal(await statusOf(page, 'supplier-information-service'), 'met_on_time');
  assert.equal(await statusOf(page, 'digital-sourcing-strategy'), 'delayed');
  const sourcing = page.locator('#roadmap li.item[data-id="digital-sourcing-strategy"]');
  // The core's window text (Deadline::window_text), as the report prints it.
  assert.equal(await sourcing.locator('.window').textContent(), '2026-03-01..2026-03-31');
  assert.match(await sourcing.locator('.reason').textContent(), /under review/);
  // One lane per dated deadline: 21 nodes have a deadline, two of them without a date
  // ("shortly", "in due course").
  assert.equal(await page.locator('#timeline .lane').count(), 19);
  assert.equal(await page.locator('#timeline .lane[data-id="digital-sourcing-strategy"] .bar.status-delayed').count(), 1);
  ok('the bundled roadmap renders as of 2026-11-24');

  // 2. Another as-of date: the statuses change.
  // On 19 January nothing the article says is known: no update, no deadline yet.
  await page.fill('#as-of', '2026-01-19');
  await page.waitForFunction(() => document.querySelector('#roadmap li.item[data-id="supplier-information-service"]')?.dataset.status === 'no_evidence');
  assert.equal(sum(await counts(page)), COMMITMENTS);
  assert.match(page.url(), /as-of=2026-01-19/);
  await page.fill('#as-of', '2026-11-24');
  await page.waitForFunction(() => document.querySelector('#roadmap li.item[data-id="supplier-information-service"]')?.dataset.status === 'met_on_time');
  ok('changing the as-of date changes the statuses (2026-01-19, back to 2026-11-24)');

  // 3. Filters: status, section, owner, then clear.
  await page.selectOption('#filter-status', 'delayed');
  assert.match(await page.textContent('#shown'), new RegExp(`Showing 1 of ${ITEMS}`));
  assert.deepEqual(
    await page.$$eval('#roadmap li.item', (els) => els.map((e) => e.dataset.id)),
    ['digital-sourcing-strategy'],
  );
  assert.equal(await page.locator('#timeline .lane').count(), 1);
  await page.selectOption('#filter-status', '');
  await page.selectOption('#filter-section', 'funding');
  assert.match(await page.textContent('#shown'), new RegExp(`Showing 12 of ${ITEMS}`));
  assert.equal(await page.locator('#roadmap section.group.section').count(), 1);
  await page.selectOption('#filter-section', '');
  await page.selectOption('#filter-owner', 'GDS Local');
  const gds = await page.$$eval('#roadmap li.item', (els) => els.map((e) => e.dataset.id));
  assert.ok(gds.includes('central-local-leadership'), gds.join(', '));
  await page.click('#reset');
  assert.match(await page.textContent('#shown'), new RegExp(`Showing ${ITEMS} of ${ITEMS}`));
  ok('filters by status (1 delayed), section (12 in funding) and owner, and clearing them');

  // 4. A deadline phrase and its window; a refused phrase; then a good one again.
  await page.fill('#phrase', 'towards the end of 2026');
  const window = page.locator('#phrase-result .window');
  assert.equal(await window.getAttribute('data-earliest'), '2026-09-01');
  assert.equal(await window.getAttribute('data-latest'), '2026-12-31');
  assert.equal(await window.textContent(), '2026-09-01..2026-12-31');
  assert.match(await page.textContent('#phrase-result .judgment'), /due now/);
  await page.fill('#phrase', 'by Marchh 2026');
  assert.equal(await page.getAttribute('#phrase-result .error', 'data-code'), 'unrecognised_word');
  assert.equal(await page.textContent('#phrase-result mark'), 'Marchh');
  await page.fill('#written-on', '2026-06-04');
  await page.fill('#phrase', 'this summer');
  assert.equal(await window.getAttribute('data-earliest'), '2026-06-01');
  assert.equal(await window.getAttribute('data-latest'), '2026-08-31');
  assert.match(await page.textContent('#phrase-result .judgment'), /overdue/);
  ok('a typed phrase shows its window and judgment; a refused one marks the bad word; the module still works after it');

  // 5. Accessibility basics: labels, language, heading order, keyboard, contrast.
  const a11y = await page.evaluate(() => {
    const problems = [];
    if (!document.documentElement.lang) problems.push('no lang');
    for (const c of document.querySelectorAll('input, select, textarea')) {
      if (!document.querySelector(`label[for="${c.id}"]`)) problems.push(`no label for #${c.id}`);
    }
    let last = 0;
    for (const h of document.querySelectorAll('h1, h2, h3, h4, h5, h6')) {
      const level = Number(h.tagName[1]);
      if (level > last + 1) problems.push(`heading ${h.tagName} "${h.textContent.trim().slice(0, 30)}" after h${last}`);
      last = level;
    }
    const rgb = (s) => (s.match(/[\d.]+/g) ?? []).slice(0, 3).map(Number);
    const lum = ([r, g, b]) => {
      const f = (v) => { v /= 255; return v <= 0.03928 ? v / 12.92 : ((v + 0.055) / 1.055) ** 2.4; };
      return 0.2126 * f(r) + 0.7152 * f(g) + 0.0722 * f(b);
    };
    const seen = new Set();
    for (const b of document.querySelectorAll('.badge')) {
      const st = getComputedStyle(b);
      let bg = st.backgroundColor;
      if (bg === 'rgba(0, 0, 0, 0)') bg = 'rgb(255, 255, 255)';
      const key = `${st.color}/${bg}`;
      if (seen.has(key)) continue;
      seen.add(key);
      const [l1, l2] = [lum(rgb(st.color)), lum(rgb(bg))].sort((x, y) => y - x);
      const ratio = (l1 + 0.05) / (l2 + 0.05);
      if (ratio < 4.5) problems.push(`contrast ${ratio.toFixed(2)} for ${b.textContent} (${key})`);
    }
    return { problems, pairs: seen.size };
  });
  assert.deepEqual(a11y.problems, []);
  assert.ok(a11y.pairs >= 4, `${a11y.pairs} colour pairs checked`);
  await page.goto(`${url}/examples/web/?as-of=2026-11-24`);
  await waitReady(page);
  await page.keyboard.press('Tab');
  assert.equal(await page.evaluate(() => document.activeElement.className), 'skip');
  await page.keyboard.press('Enter');
  await page.keyboard.press('Tab');
  assert.equal(await page.evaluate(() => document.activeElement.id), 'as-of');
  // The date field has a stop per part (day, month, year); then come the filters in order.
  const order = [];
  for (let i = 0; i < 8 && order.length < 4; i++) {
    await page.keyboard.press('Tab');
    const id = await page.evaluate(() => document.activeElement.id);
    if (id !== 'as-of') order.push(id);
  }
  assert.deepEqual(order, ['filter-section', 'filter-owner', 'filter-status', 'reset']);
  ok(`accessibility basics: labels, lang, heading order, ${a11y.pairs} badge colour pairs at 4.5:1 or more, keyboard order`);

  // 6. The screenshot, as of the tracking date with a phrase typed.
  await page.fill('#phrase', 'by March 2028');
  mkdirSync(path.dirname(screenshot), { recursive: true });
  await page.screenshot({ path: screenshot, fullPage: true });
  ok(`screenshot saved: ${screenshot}`);

  // 7. Offline once loaded: the service worker serves everything with the server gone.
  await page.evaluate(() => navigator.serviceWorker.ready);
  await page.reload();
  await waitReady(page);
  assert.ok(await page.evaluate(() => Boolean(navigator.serviceWorker.controller)), 'the service worker controls the page');
  server.closeAllConnections();
  await new Promise((resolve) => server.close(resolve));
  await context.setOffline(true);
  await page.goto(`${url}/examples/web/?as-of=2026-01-19`);
  await waitReady(page);
  assert.equal(sum(await counts(page)), COMMITMENTS);
  assert.equal(await statusOf(page, 'supplier-information-service'), 'no_evidence');
  ok('works offline once loaded (server stopped, browser offline)');

  assert.deepEqual(pageErrors.filter((e) => !/Failed to load resource/.test(e)), []);
  console.log(`\nbrowser test passed (${step} checks); screenshot: ${screenshot}`);
} finally {
  await context.close();
  server.closeAllConnections?.();
  server.close();
  rmSync(profile, { recursive: true, force: true });
}
