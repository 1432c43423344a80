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

// The counts worked out in roadmap.test.mjs.
const NOV_24 = {
  met_on_time: 2, met: 10, in_progress_no_deadline: 7, due_now: 8, replanned: 1,
  behind: 2, delayed: 1, overdue_unconfirmed: 3, not_yet_due: 3, no_evidence: 11,
};
const JAN_19 = { met: 4, in_progress_no_deadline: 4, not_yet_due: 14, no_evidence: 26 };

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
  assert.match(await page.textContent('h1'), /roadmap for digital government/i);
  assert.equal(await page.inputValue('#as-of'), '2026-11-24');
  assert.deepEqual(await counts(page), NOV_24);
  assert.equal(await page.getAttribute('#overall', 'data-rag'), 'amber');
  assert.match(await page.textContent('#overall'), /48 commitments: score 0\.69, 2 of 16 due met on time/);
  assert.equal(await page.locator('#roadmap section.group.section').count(), 6);
  assert.equal(await page.locator('#roadmap li.item').count(), 52);
  assert.equal(await page.locator('#roadmap li.item.milestone').count(), 4);
  assert.match(await page.textContent('#shown'), /Showing 52 of 52/);
  assert.equal(await statusOf(page, 'central-local-leadership'), 'overdue_unconfirmed');
  const leadership = page.locator('#roadmap li.item[data-id="central-local-leadership"]');
  // The core's window text (Deadline::window_text), as the report prints it.
  assert.equal(await leadership.locator('.window').textContent(), '2026-06-01..2026-08-31');
  assert.match(await leadership.locator('.reason').textContent(), /nothing has been reported since/);
  assert.equal(await page.getAttribute('#roadmap [data-id="outcome-funding"]', 'data-rag'), 'green');
  assert.equal(await page.getAttribute('#roadmap [data-id="digital-performance-measurement"]', 'data-rag'), 'red');
  const lanes = await page.locator('#timeline .lane').count();
  assert.ok(lanes >= 20, `${lanes} timeline lanes`);
  assert.equal(await page.locator('#timeline .lane[data-id="central-local-leadership"] .bar.status-overdue_unconfirmed').count(), 1);
  ok('the bundled roadmap renders with the counts of 2026-11-24');

  // 2. Another as-of date: the statuses change.
  await page.fill('#as-of', '2026-01-19');
  await page.waitForFunction(() => document.querySelector('#roadmap li.item[data-id="central-local-leadership"]')?.dataset.status === 'no_evidence');
  assert.deepEqual(await counts(page), JAN_19);
  assert.equal(await page.getAttribute('#overall', 'data-rag'), 'green');
  assert.equal(await statusOf(page, 'supplier-information-service'), 'not_yet_due');
  assert.match(page.url(), /as-of=2026-01-19/);
  await page.fill('#as-of', '2026-06-04');
  await page.waitForFunction(() => document.querySelector('#roadmap li.item[data-id="central-local-leadership"]')?.dataset.status === 'due_now');
  assert.equal(await statusOf(page, 'supplier-information-service'), 'met_on_time');
  assert.equal(await statusOf(page, 'digital-sourcing-strategy'), 'delayed');
  await page.fill('#as-of', '2026-11-24');
  await page.waitForFunction(() => document.querySelector('#roadmap li.item[data-id="central-local-leadership"]')?.dataset.status === 'overdue_unconfirmed');
  ok('changing the as-of date changes the statuses (2026-01-19, 2026-06-04, back to 2026-11-24)');

  // 3. Filters: status, section, owner, then clear.
  await page.selectOption('#filter-status', 'overdue_unconfirmed');
  assert.match(await page.textContent('#shown'), /Showing 3 of 52/);
  assert.deepEqual(
    (await page.$$eval('#roadmap li.item', (els) => els.map((e) => e.dataset.id))).sort(),
    ['annual-performance-data-sharing', 'central-local-leadership', 'inclusive-service-principles'],
  );
  assert.equal(await page.locator('#timeline .lane').count(), 3);
  await page.selectOption('#filter-status', '');
  await page.selectOption('#filter-section', 'funding');
  assert.match(await page.textContent('#shown'), /Showing 11 of 52/);
  assert.equal(await page.locator('#roadmap section.group.section').count(), 1);
  await page.selectOption('#filter-section', '');
  await page.selectOption('#filter-owner', 'GDS Local');
  const gds = await page.$$eval('#roadmap li.item', (els) => els.map((e) => e.dataset.id));
  assert.ok(gds.includes('central-local-leadership'), gds.join(', '));
  await page.click('#reset');
  assert.match(await page.textContent('#shown'), /Showing 52 of 52/);
  ok('filters by status (3 overdue, unconfirmed), section (11 in funding) and owner, and clearing them');

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
  assert.deepEqual(await counts(page), JAN_19);
  ok('works offline once loaded (server stopped, browser offline)');

  assert.deepEqual(pageErrors.filter((e) => !/Failed to load resource/.test(e)), []);
  console.log(`\nbrowser test passed (${step} checks); screenshot: ${screenshot}`);
} finally {
  await context.close();
  server.closeAllConnections?.();
  server.close();
  rmSync(profile, { recursive: true, force: true });
}
