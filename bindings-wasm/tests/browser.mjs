// The browser test of the web tracker (examples/web/): serves the repository on 127.0.0.1,
// drives Debian's Chromium (/usr/bin/chromium) with playwright-core (which downloads no
// browser), and checks, as a reader would meet them: a missing package build and a
// missing trailing slash; the summary in the report's words, sources on every item and in
// the footer, the counts, collapsible sections with empty areas left out, heading sizes,
// delayed drawn red; the timeline at 1400 px and 390 px (axis and bars on one scale, every
// dated item drawn, the rest listed, a legend); bad dates in a shared link; a year typed
// digit by digit; filters in the address and in the counts; the deadline box in plain
// words; a 10,000-character phrase; accessibility basics; the service worker's update
// prompt and offline use; evaluate() under a Content Security Policy without 'unsafe-eval'.
// Saves screenshots to target/web-screenshot*.png.
//
// Run after bindings-wasm/build.sh:  node bindings-wasm/tests/browser.mjs
//
// The bundled roadmap changes as evidence is added, so the page is checked against the core
// (the Node build of the same package) for everything the core decides: the counts, the
// ratings, the summary, which items a filter shows. The status tables themselves are tested
// in the core and the bindings on a fixed fixture. The few single items checked by name are
// ones whose status the data settles; their expectations are worked out by hand from
// data/uk-digital-2026.json and docs/status-rules.md in the comments where they are used.
import assert from 'node:assert/strict';
import { mkdtempSync, mkdirSync, rmSync } from 'node:fs';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { chromium } from 'playwright-core';
import { serve } from '../../examples/web/serve.mjs';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..', '..');
const executablePath = process.env.CHROMIUM ?? '/usr/bin/chromium';
const screenshot = path.join(root, 'target', 'web-screenshot.png');
const phoneShot = path.join(root, 'target', 'web-screenshot-390.png');
// The report as the core makes it (the Node build of the same package): the page must show
// its sentences word for word.
const rt = createRequire(import.meta.url)('../pkg/node/roadmap_tracker.js');
const bundled = rt.Roadmap.ukDigital2026();
const CORE_NOV_24 = bundled.report('2026-11-24', { format: 'dict' });
const CORE_JAN_19 = bundled.report('2026-01-19', { format: 'dict' });
const ROWS_NOV_24 = bundled.report('2026-11-24', { format: 'rows' });

// The bundled roadmap's shape (data/README.md): 65 commitments (one of them an expectation)
// and 5 milestones, 70 items.
const COMMITMENTS = 65;
const ITEMS = 70;
assert.equal(ROWS_NOV_24.length, ITEMS);

/** The counts table the page shows without filters: the binding commitments by status, as
 * the core's evaluation gives them (statuses with none left out). */
function coreCounts(asOf) {
  const counts = {};
  for (const c of bundled.evaluate(asOf).commitments) {
    if (c.kind === 'commitment' && !c.expectation) counts[c.status] = (counts[c.status] ?? 0) + 1;
  }
  return counts;
}
const NOV_24 = coreCounts('2026-11-24');
const JAN_19 = coreCounts('2026-01-19');
/** The core's rating of every section, sub-category and area with something to track
 * (the page leaves the others out), by id. */
function groupRatings(report) {
  const out = {};
  const tracked = (n) => Boolean(n.status) || (n.children ?? []).some(tracked);
  const walk = (n) => {
    if (!n.status && tracked(n)) out[n.id] = n.score.rag;
    for (const c of n.children ?? []) walk(c);
  };
  report.sections.forEach(walk);
  return out;
}

let step = 0;
const ok = (what) => console.log(`ok ${++step} - ${what}`);

async function counts(page) {
  return page.$$eval('#counts tbody tr', (rows) =>
    Object.fromEntries(rows.map((r) => [r.dataset.status, Number(r.querySelector('td').textContent)])));
}

/** Whether a report row has dates on the deadline its status is judged against (a
 * re-plan's new deadline once set, else the deadline as written). */
function hasJudgedDates(r) {
  return r.new_deadline ? Boolean(r.new_earliest || r.new_latest) : Boolean(r.earliest || r.latest);
}

async function statusOf(page, id) {
  return page.getAttribute(`#roadmap li.item[data-id="${id}"]`, 'data-status');
}

function validIso(iso) {
  const t = new Date(`${iso}T00:00:00Z`);
  return /^\d{4}-\d\d-\d\d$/.test(iso) && t.toISOString().slice(0, 10) === iso;
}

async function waitReady(page) {
  await page.waitForSelector('body[data-ready]', { timeout: 30_000 });
  assert.equal(await page.getAttribute('body', 'data-ready'), 'true', await page.textContent('#load-error'));
}


// A "new version" of the page, published while the test runs (step 9).
let published = 1;
const { server, url } = await serve(0, '127.0.0.1', {
  rewrite: (p, body) => {
    if (published === 1) return body;
    if (p.endsWith('/examples/web/sw.js')) return Buffer.concat([body, Buffer.from(`\n// version ${published}\n`)]);
    if (p.endsWith('/examples/web/') || p.endsWith('/examples/web/index.html')) {
      return Buffer.from(body.toString().replace('<body>', `<body data-build="${published}">`));
    }
    return body;
  },
});
const profile = mkdtempSync(path.join(tmpdir(), 'roadmap-tracker-chromium-'));
const context = await chromium.launchPersistentContext(profile, {
  executablePath,
  headless: true,
  locale: 'en-GB',
  args: [
    '--headless',
    '--no-sandbox',
    '--disable-gpu',
    '--disable-background-networking',
    '--disable-component-update',
    '--no-first-run',
  ],
  viewport: { width: 1400, height: 900 },
});
const pageErrors = [];
const watch = (page) => {
  page.on('pageerror', (e) => pageErrors.push(`page error: ${e.message}`));
  page.on('console', (m) => { if (m.type() === 'error') pageErrors.push(`console error: ${m.text()}`); });
};
const color = (page, selector) => page.$eval(selector, (e) => getComputedStyle(e).borderLeftColor);
try {
  const page = context.pages()[0] ?? (await context.newPage());
  watch(page);

  // 0. A missing package build: a clear message, not "Loading…" for ever.
  await page.route('**/bindings-wasm/pkg/web/roadmap_tracker.js', (r) => r.fulfill({ status: 404, body: 'not found' }));
  await page.goto(`${url}/examples/web/?as-of=2026-11-24`);
  await page.waitForSelector('body[data-ready]', { timeout: 30_000 });
  assert.equal(await page.getAttribute('body', 'data-ready'), 'error');
  assert.ok(await page.isVisible('#load-error'));
  assert.match(await page.textContent('#load-error'), /package did not load .*bash bindings-wasm\/build\.sh/);
  await page.unroute('**/bindings-wasm/pkg/web/roadmap_tracker.js');
  pageErrors.length = 0; // the 404 and the failed import were the point
  ok('a missing package build says so, and how to build it');

  // 1. The bundled roadmap as of 2026-11-24, asked for without the trailing slash.
  await page.goto(`${url}/examples/web?as-of=2026-11-24`);
  await waitReady(page);
  assert.equal(new URL(page.url()).pathname, '/examples/web/');
  assert.equal(await page.textContent('h1'), CORE_NOV_24.roadmap.title);
  assert.match(await page.textContent('h1'), /roadmap for modern digital government/i);
  assert.equal(await page.title(), 'A roadmap for modern digital government: progress tracker');
  assert.equal(await page.getAttribute('link[rel="icon"]', 'href'), 'favicon.svg');
  assert.match(await page.getAttribute('meta[property="og:title"]', 'content'), /roadmap for modern digital government/);
  assert.ok(await page.getAttribute('meta[property="og:description"]', 'content'));
  assert.equal(await page.inputValue('#as-of'), '2026-11-24');
  const table = await counts(page);
  assert.deepEqual(table, NOV_24);
  assert.equal(await page.getAttribute('#overall', 'data-rag'), CORE_NOV_24.summary.rating);
  // The summary is the report's, word for word; its counts agree with the table, in order.
  const lines = await page.$$eval('#summary-lines li', (els) => els.map((e) => e.textContent));
  assert.deepEqual(lines, CORE_NOV_24.summary.lines);
  // The headline, worked by hand commitment by commitment (core/tests/status_bundled.rs;
  // the same counts through both bindings in tests/fixtures/parity.json).
  assert.equal(lines[1], '2 of 16 due met on time; 6 overdue (3 confirmed late, 3 unconfirmed).');
  const overall = lines[0].match(/^Overall rating: (green|amber|red|grey) \(\d+ out of 100\), over (\d+) commitments: (.*)\.$/);
  assert.ok(overall, lines[0]);
  assert.equal(overall[1], CORE_NOV_24.summary.rating);
  assert.equal(Number(overall[2]), COMMITMENTS);
  assert.deepEqual(overall[3].split(', ').map((part) => Number(part.split(' ')[0])), Object.values(table));
  assert.equal(await page.locator('#roadmap details.group.section').count(), 6);
  assert.equal(await page.locator('#roadmap details.group.section[open]').count(), 0, 'sections start closed');
  assert.equal(await page.locator('#roadmap li.item').count(), ITEMS);
  assert.equal(await page.locator('#roadmap li.item.milestone').count(), 5);
  assert.match(await page.textContent('#shown'), new RegExp(`Showing ${ITEMS} of ${ITEMS}`));
  // Every item's status and every group's rating is the core's.
  assert.deepEqual(
    Object.fromEntries(await page.$$eval('#roadmap li.item', (els) => els.map((e) => [e.dataset.id, e.dataset.status]))),
    Object.fromEntries(ROWS_NOV_24.map((r) => [r.id, r.status])),
  );
  assert.deepEqual(
    Object.fromEntries(await page.$$eval('#roadmap .group', (els) => els.map((e) => [e.dataset.id, e.dataset.rag]))),
    groupRatings(CORE_NOV_24),
  );
  // The joint leadership structures (worked by hand): no deadline of their own; both
  // reports are dated 2026-Q2, so visible from 30 June. The quarterly report re-plans to
  // "Summer 2026" (written 30 June: 1 June to 31 August), and the magazine's "scheduled",
  // stored later, is the report. The new deadline has passed and no report is dated after
  // it (2026-Q2 starts 1 April): overdue, unconfirmed.
  assert.equal(await statusOf(page, 'central-local-leadership'), 'overdue_unconfirmed');
  const leadership = page.locator('#roadmap li.item[data-id="central-local-leadership"]');
  // The core's reader's sentence, as it is.
  assert.equal(await leadership.locator('.reason').textContent(), bundled.statusOf('central-local-leadership', '2026-11-24').reason);
  assert.match(await leadership.locator('.update').textContent(), /^April–June 2026, “scheduled”: /);
  // The sourcing strategy (worked by hand): "in March", written 30 June 2026, is March
  // 2026; the core's window text (Deadline::window_text), as the report prints it.
  const sourcing = page.locator('#roadmap li.item[data-id="digital-sourcing-strategy"]');
  assert.equal(await sourcing.locator('.window').textContent(), '2026-03-01..2026-03-31');
  // Empty areas are left out and named.
  const emptyGroups = await page.$$eval('#roadmap .group', (els) => els.filter((g) => !g.querySelector('li.item')).length);
  assert.equal(emptyGroups, 0);
  assert.match(await page.textContent('#left-out'), /Left out, with no commitments: .*Child safeguarding/);
  ok('the roadmap renders from its address without the trailing slash, with the summary in the report\'s words and the counts of 2026-11-24; sections closed, empty areas left out');

  // 2. Sources on every item and in the footer; the score explained.
  const unsourced = await page.$$eval('#roadmap li.item', (els) => els.filter((e) => !e.querySelector(':scope > .facts .sources a[href^="http"]')).map((e) => e.dataset.id));
  assert.deepEqual(unsourced, []);
  // The report behind the leadership structures is the magazine's (see step 1), linked;
  // the deadline's source is the roadmap, linked.
  const csw = 'https://www.civilserviceworld.com/news/article/six-months-on-how-is-the-digital-roadmap-progressing';
  assert.equal(await leadership.locator('.sources').textContent(), 'update: Six months on: how is the digital roadmap progressing; deadline: A roadmap for modern digital government');
  assert.equal(await leadership.locator(`.sources a[href="${csw}"]`).count(), 1);
  assert.equal(await leadership.locator('.sources a[href="https://roadmap-for-modern-digital-government.campaign.gov.uk/"]').count(), 1);
  assert.ok(await page.locator('#sources a[href="https://roadmap-for-modern-digital-government.campaign.gov.uk/"]').count() >= 1);
  assert.ok(await page.locator(`#sources a[href="${csw}"]`).count() >= 1);
  // The latest evidence (worked by hand): the last dated source is of 23 June, but the
  // article and the quarterly report are dated 2026-Q2, evidence from 30 June.
  assert.equal(CORE_NOV_24.summary.latest_evidence, '2026-06-30');
  assert.equal(await page.textContent('#evidence-line'), 'Evidence last updated 30 June 2026.');
  assert.deepEqual(await page.$$eval('#notes p', (els) => els.map((e) => e.textContent)), CORE_NOV_24.summary.notes);
  assert.match(await page.textContent('#notes'), /out of 100/);
  // A re-plan's new deadline on the items that have one, in the core's words; none on the
  // others. The leadership structures had no deadline in the roadmap; their re-plan set
  // "Summer 2026" on 30 June 2026.
  const replanned = ROWS_NOV_24.filter((r) => r.new_deadline).map((r) => ({
    id: r.id,
    // The phrase is a <q>: its quotation marks are the stylesheet's, not text.
    text: `${r.new_deadline} (written ${new Date(`${r.new_deadline_written_on}T00:00:00Z`).toLocaleDateString('en-GB', { day: 'numeric', month: 'long', year: 'numeric', timeZone: 'UTC' })}): ${rt.windowText({ phrase: r.new_deadline, written_on: r.new_deadline_written_on })}`,
  }));
  assert.ok(replanned.some((r) => r.id === 'central-local-leadership' && r.text.startsWith('Summer 2026 (written 30 June 2026): ')));
  const shownNew = await page.$$eval('#roadmap li.item', (els) => els
    .map((e) => ({ id: e.dataset.id, dd: e.querySelector(':scope > .facts .new-deadline') }))
    .filter((x) => x.dd)
    .map((x) => ({ id: x.id, text: x.dd.textContent })));
  assert.deepEqual(shownNew, replanned);
  ok('sources linked on every item and in the footer, evidence date, the score and rules explained; re-planned deadlines shown');

  // 3. Headings by level, and delayed drawn red (item, badge and bar alike).
  const size = (sel) => page.$eval(sel, (e) => parseFloat(getComputedStyle(e).fontSize));
  const [section, area, item] = [await size('#roadmap .group.section .group-title'), await size('#roadmap .group.area .group-title'), await size('#roadmap .item-title')];
  assert.ok(section > area && area > item, `heading sizes ${section} > ${area} > ${item}`);
  const red = 'rgb(195, 38, 30)';
  // The sourcing strategy (worked by hand): due in March 2026 (written 30 June); the
  // latest report, the magazine's "under review" (2026-Q2, from 30 June; it replaces the
  // letter's "paused" of on or before 24 April), is paused and dated after March: delayed.
  assert.equal(await statusOf(page, 'digital-sourcing-strategy'), 'delayed');
  assert.equal(await color(page, '#roadmap li.item[data-id="digital-sourcing-strategy"]'), red);
  assert.equal(await page.$eval('#roadmap li.item[data-id="digital-sourcing-strategy"] .badge', (e) => getComputedStyle(e).color), red);
  assert.equal(await page.$eval('#timeline .lane[data-id="digital-sourcing-strategy"] .bar', (e) => getComputedStyle(e).backgroundColor), red);
  ok(`headings shrink by level (${section}px > ${area}px > ${item}px); delayed past its deadline is red everywhere`);

  // 4. The timeline: every dated item drawn, the rest listed, a legend, labels whole. An
  // item is drawn by the deadline its status is judged against: a re-plan's new one once
  // set (the leadership structures: none in the roadmap, "Summer 2026" after the re-plan).
  const dated = ROWS_NOV_24.filter(hasJudgedDates).length;
  assert.ok(dated > 0 && dated < ITEMS, `${dated} dated`);
  assert.equal(await page.locator('#timeline .lanes .lane').count(), dated);
  assert.deepEqual(
    (await page.$$eval('#timeline .lanes .lane', (els) => els.map((e) => e.dataset.id))).sort(),
    ROWS_NOV_24.filter(hasJudgedDates).map((r) => r.id).sort(),
  );
  assert.match(await page.getAttribute('#timeline .lane[data-id="central-local-leadership"] .bar', 'title'), /: re-planned to “Summer 2026”, /);
  assert.equal(await page.locator('#timeline-left-out li').count(), ITEMS - dated);
  assert.match(await page.textContent('#timeline-shown'), new RegExp(`^${dated} of ${ITEMS} .* ${ITEMS - dated} have none`));
  assert.equal(await page.locator('#legend li').count(), 6);
  const cut = await page.$$eval('#timeline .lane-label', (els) => els.filter((e) => e.scrollWidth > e.clientWidth + 1 || getComputedStyle(e).textOverflow === 'ellipsis').length);
  assert.equal(cut, 0);
  ok(`the timeline draws all ${dated} dated items, lists the other ${ITEMS - dated}, has a legend and whole labels`);

  // 5. At 390 px: the axis and the bars share one scale; nothing widens the page.
  await page.setViewportSize({ width: 390, height: 844 });
  const geo = await page.evaluate(() => {
    const box = (s) => document.querySelector(s).getBoundingClientRect();
    return {
      axisNow: box('#timeline .axis .now-line').left, laneNow: box('#timeline .lanes .now-line').left,
      axisWidth: box('#timeline .track.axis').width, laneWidth: box('#timeline .lanes .track').width,
      y2027: box('#timeline .tick[data-year="2027"]').left, page: document.documentElement.scrollWidth,
    };
  });
  assert.ok(Math.abs(geo.axisNow - geo.laneNow) < 1, JSON.stringify(geo));
  assert.ok(Math.abs(geo.axisWidth - geo.laneWidth) < 1, JSON.stringify(geo));
  assert.ok(geo.axisNow < geo.y2027, `24 November 2026 is left of the 2027 tick: ${JSON.stringify(geo)}`);
  assert.ok(geo.page <= 390, `page ${geo.page}px wide at 390`);
  mkdirSync(path.dirname(screenshot), { recursive: true });
  await page.screenshot({ path: phoneShot, fullPage: false });
  await page.locator('#timeline-section').screenshot({ path: phoneShot.replace('.png', '-timeline.png') });
  await page.setViewportSize({ width: 1400, height: 900 });
  ok(`at 390 px the as-of line is at the same place on the axis and the bars (${geo.axisNow.toFixed(1)}px), left of 2027; screenshots saved`);

  // 6. Bad dates in a shared link: a message, and the page still shows a roadmap.
  for (const bad of ['2026-02-30', '2026-13-45', 'yesterday']) {
    await page.goto(`${url}/examples/web/?as-of=${bad}`);
    await waitReady(page);
    assert.match(await page.textContent('#as-of-message'), /is not a real date/);
    assert.ok(await page.isHidden('#load-error'));
    assert.equal(await page.locator('#roadmap li.item').count(), ITEMS);
    assert.ok(validIso(await page.inputValue('#as-of')));
  }
  ok('a bad date in the link (2026-02-30, 2026-13-45, yesterday) gives a message and a working page');

  // 7. A year typed digit by digit: no evaluation of year 2, 20 or 202, and no alert.
  await page.goto(`${url}/examples/web/?as-of=2026-11-24`);
  await waitReady(page);
  await page.evaluate(() => {
    window.seen = [];
    new MutationObserver(() => window.seen.push(document.body.dataset.asOf)).observe(document.body, { attributes: true, attributeFilter: ['data-as-of'] });
  });
  await page.click('#as-of');
  await page.keyboard.type('24112027', { delay: 30 });
  await page.waitForFunction(() => document.body.dataset.asOf === '2027-11-24');
  const seen = await page.evaluate(() => window.seen);
  assert.ok(seen.every((d) => Number(d.slice(0, 4)) >= 1900), seen.join(', '));
  assert.equal(await page.textContent('#as-of-message'), '');
  assert.ok(await page.isHidden('#load-error'));
  ok(`typing a year digit by digit evaluates only whole years (${seen.join(', ')})`);

  // 8. Another as-of date: the statuses change. Worked by hand: the supplier information
  // service's deadline ("in March of this year") and its report ("launched", delivered
  // March 2026) both come from the magazine, written and visible from 30 June; so on
  // 19 January and 4 June it has neither (no evidence), and on 24 November it was met on
  // time (delivered within March 2026). The sourcing strategy: on 19 January nothing; on
  // 4 June the letter's "paused" (on or before 24 April, so visible from 24 April) and no
  // deadline known yet (written 30 June): paused; on 24 November delayed (step 3). The
  // leadership structures: no deadline and nothing visible before 30 June, so no evidence
  // on 19 January and 4 June.
  await page.fill('#as-of', '2026-01-19');
  await page.waitForFunction(() => document.querySelector('#roadmap li.item[data-id="supplier-information-service"]')?.dataset.status === 'no_evidence');
  assert.deepEqual(await counts(page), JAN_19);
  assert.equal(await page.getAttribute('#overall', 'data-rag'), CORE_JAN_19.summary.rating);
  assert.deepEqual(await page.$$eval('#summary-lines li', (els) => els.map((e) => e.textContent)), CORE_JAN_19.summary.lines);
  assert.equal(await statusOf(page, 'digital-sourcing-strategy'), 'no_evidence');
  assert.equal(await statusOf(page, 'central-local-leadership'), 'no_evidence');
  assert.match(page.url(), /as-of=2026-01-19/);
  await page.fill('#as-of', '2026-06-04');
  await page.waitForFunction(() => document.querySelector('#roadmap li.item[data-id="digital-sourcing-strategy"]')?.dataset.status === 'paused');
  assert.equal(await statusOf(page, 'supplier-information-service'), 'no_evidence');
  assert.equal(await statusOf(page, 'central-local-leadership'), 'no_evidence');
  assert.deepEqual(await counts(page), coreCounts('2026-06-04'));
  await page.fill('#as-of', '2026-11-24');
  await page.waitForFunction(() => document.querySelector('#roadmap li.item[data-id="supplier-information-service"]')?.dataset.status === 'met_on_time');
  assert.equal(await statusOf(page, 'digital-sourcing-strategy'), 'delayed');
  assert.equal(await statusOf(page, 'central-local-leadership'), 'overdue_unconfirmed');
  ok('changing the as-of date changes the statuses (2026-01-19, 2026-06-04, back to 2026-11-24)');

  // 9. Filters: in the counts and the address; a shared link opens filtered.
  // The items the core finds overdue, unconfirmed on 24 November; among them, worked by
  // hand: the leadership structures (step 1); the inclusive service principles ("this
  // summer", written 30 June: 1 June to 31 August; the only report, "underway", 2026-Q2, is
  // not dated after it); the annual sharing of performance data ("from this August
  // onwards": from 1 August, 30 days' grace, nothing reported).
  const overdue = ROWS_NOV_24.filter((r) => r.status === 'overdue_unconfirmed');
  for (const id of ['central-local-leadership', 'inclusive-service-principles', 'annual-performance-data-sharing']) {
    assert.ok(overdue.some((r) => r.id === id), id);
  }
  await page.selectOption('#filter-status', 'overdue_unconfirmed');
  assert.match(await page.textContent('#shown'), new RegExp(`Showing ${overdue.length} of ${ITEMS}`));
  assert.deepEqual(
    (await page.$$eval('#roadmap li.item', (els) => els.map((e) => e.dataset.id))).sort(),
    overdue.map((r) => r.id).sort(),
  );
  assert.deepEqual(await counts(page), { overdue_unconfirmed: overdue.filter((r) => r.kind === 'commitment').length });
  assert.match(page.url(), /status=overdue_unconfirmed/);
  assert.equal(await page.locator('#timeline .lanes .lane').count(), overdue.filter(hasJudgedDates).length);
  assert.equal(await page.locator('#roadmap details.group.section:not([open])').count(), 0, 'filtered sections open');
  await page.selectOption('#filter-status', '');
  await page.selectOption('#filter-section', 'funding');
  // 12 of the commitments are in the funding section (data/README.md), no milestones.
  const funding = ROWS_NOV_24.filter((r) => r.section_id === 'funding').length;
  assert.equal(funding, 12);
  assert.match(await page.textContent('#shown'), new RegExp(`Showing ${funding} of ${ITEMS}`));
  assert.equal(await page.locator('#roadmap details.group.section').count(), 1);
  await page.selectOption('#filter-section', '');
  await page.selectOption('#filter-owner', 'GDS Local');
  const gds = await page.$$eval('#roadmap li.item', (els) => els.map((e) => e.dataset.id));
  assert.ok(gds.includes('central-local-leadership'), gds.join(', '));
  assert.match(page.url(), /owner=GDS(\+|%20)Local/);
  await page.click('#reset');
  assert.match(await page.textContent('#shown'), new RegExp(`Showing ${ITEMS} of ${ITEMS}`));
  assert.deepEqual(await counts(page), NOV_24);
  assert.doesNotMatch(page.url(), /owner=|status=|section=/);
  await page.goto(`${url}/examples/web/?as-of=2026-11-24&section=funding&status=met`);
  await waitReady(page);
  assert.equal(await page.inputValue('#filter-section'), 'funding');
  assert.equal(await page.inputValue('#filter-status'), 'met');
  assert.ok((await page.$$eval('#roadmap li.item', (els) => els.every((e) => e.dataset.status === 'met'))));
  assert.equal(await page.locator('#roadmap li.item').count(), ROWS_NOV_24.filter((r) => r.section_id === 'funding' && r.status === 'met').length);
  await page.click('#reset');
  ok(`filters show in the counts (${overdue.length} overdue, unconfirmed) and the address, and a filtered link opens filtered`);

  // 10. The deadline box in plain words; a refused phrase; a 10,000-character one.
  await page.fill('#phrase', 'towards the end of 2026');
  const window = page.locator('#phrase-result .window');
  assert.equal(await window.getAttribute('data-earliest'), '2026-09-01');
  assert.equal(await window.getAttribute('data-latest'), '2026-12-31');
  assert.equal(await window.textContent(), '2026-09-01..2026-12-31');
  // 24 November to 31 December: 37 days left, said as such.
  assert.match(await page.textContent('#phrase-result .judgment'), /^due now \(37 days left\)$/);
  const plain = await page.$eval('#phrase-result > dl', (e) => e.textContent);
  assert.doesNotMatch(plain, /EDTF|rule|[a-z]+-[a-z]+-[a-z]+/);
  await page.fill('#phrase', 'by Marchh 2026');
  assert.equal(await page.getAttribute('#phrase-result .error', 'data-code'), 'unrecognised_word');
  assert.equal(await page.textContent('#phrase-result mark'), 'Marchh');
  await page.fill('#written-on', '2026-06-04');
  await page.fill('#phrase', 'this summer');
  assert.equal(await window.getAttribute('data-earliest'), '2026-06-01');
  assert.equal(await window.getAttribute('data-latest'), '2026-08-31');
  assert.match(await page.textContent('#phrase-result .judgment'), /^overdue \(\d+ days late\)$/);
  for (const long of ['x'.repeat(10_000), 'by March '.repeat(1_111) + 'x']) {
    await page.fill('#phrase', long);
    const echo = await page.textContent('#phrase-result');
    assert.ok(echo.length < 1_000, `${echo.length} characters echoed`);
    assert.match(echo, /characters; the first 200 shown/);
    const wide = await page.evaluate(() => document.documentElement.scrollWidth);
    assert.ok(wide <= 1400, `page ${wide}px wide`);
  }
  await page.setViewportSize({ width: 390, height: 844 });
  assert.ok((await page.evaluate(() => document.documentElement.scrollWidth)) <= 390);
  await page.setViewportSize({ width: 1400, height: 900 });
  await page.fill('#written-on', '2026-01-19');
  ok('the deadline box speaks plainly ("37 days left", "days late"); refused and 10,000-character phrases are capped and wrapped');

  // 11. Accessibility basics: labels, language, heading order, keyboard, contrast.
  await page.click('#expand-all');
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
    const background = (e) => {
      for (let n = e; n; n = n.parentElement) {
        const bg = getComputedStyle(n).backgroundColor;
        if (bg !== 'rgba(0, 0, 0, 0)') return bg;
      }
      return 'rgb(255, 255, 255)';
    };
    const seen = new Set();
    for (const b of document.querySelectorAll('.badge, a, .reason, .hint, .group-counts, .footer p, #summary-lines li')) {
      const st = getComputedStyle(b);
      const bg = background(b);
      const key = `${st.color}/${bg}`;
      if (seen.has(key)) continue;
      seen.add(key);
      const [l1, l2] = [lum(rgb(st.color)), lum(rgb(bg))].sort((x, y) => y - x);
      const ratio = (l1 + 0.05) / (l2 + 0.05);
      if (ratio < 4.5) problems.push(`contrast ${ratio.toFixed(2)} for ${b.textContent.slice(0, 30)} (${key})`);
    }
    return { problems, pairs: seen.size };
  });
  assert.deepEqual(a11y.problems, []);
  assert.ok(a11y.pairs >= 6, `${a11y.pairs} colour pairs checked`);
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
  ok(`accessibility basics: labels, lang, heading order, ${a11y.pairs} text colour pairs at 4.5:1 or more, keyboard order`);

  // 12. The screenshot, as of the tracking date, one section open, a phrase typed.
  await page.click('#roadmap details.group.section summary');
  await page.fill('#phrase', 'by March 2028');
  await page.screenshot({ path: screenshot, fullPage: true });
  ok(`screenshot saved: ${screenshot}`);

  // 13. An update: the page is fresh on reload (network first), and a new service worker
  // offers a reload.
  await page.evaluate(() => navigator.serviceWorker.ready);
  await page.reload();
  await waitReady(page);
  assert.ok(await page.evaluate(() => Boolean(navigator.serviceWorker.controller)), 'the service worker controls the page');
  published = 2;
  await page.reload();
  await waitReady(page);
  assert.equal(await page.getAttribute('body', 'data-build'), '2', 'the reloaded page is the new one');
  await page.evaluate(async () => (await navigator.serviceWorker.getRegistration()).update());
  await page.waitForSelector('#update-banner:not([hidden])', { timeout: 20_000 });
  await Promise.all([page.waitForEvent('load'), page.click('#update-reload')]);
  await waitReady(page);
  ok('after an update the page is the new one, and the new service worker is offered with a Reload button');

  // 13b. Under a Content Security Policy without 'unsafe-eval' (only 'wasm-unsafe-eval', as a
  // strict page running WebAssembly has), rows.js cannot compile its loop: evaluate() must
  // still give the objects of JSON.parse(evaluateJson()), key order included. A page of its
  // own, outside the service worker's scope; its refused compile is a console error by
  // design, so it is not watched.
  {
    const csp = await context.newPage();
    const policy = "default-src 'self'; script-src 'self' 'wasm-unsafe-eval'";
    await csp.route('**/csp/', (r) => r.fulfill({
      status: 200,
      headers: { 'Content-Type': 'text/html; charset=utf-8', 'Content-Security-Policy': policy },
      body: '<!doctype html><title>csp</title><script type="module" src="test.js"></script>',
    }));
    await csp.route('**/csp/test.js', (r) => r.fulfill({
      status: 200,
      headers: { 'Content-Type': 'text/javascript', 'Content-Security-Policy': policy },
      body: `import init, { Roadmap } from '/bindings-wasm/pkg/web/roadmap_tracker.js';
let compiles = true;
try { new Function('return 1'); } catch { compiles = false; }
await init();
const r = Roadmap.ukDigital2026();
const objects = r.evaluate('2026-11-24');
const same = JSON.stringify(objects) === JSON.stringify(JSON.parse(r.evaluateJson('2026-11-24')));
document.body.dataset.result = JSON.stringify({ compiles, same, n: objects.commitments.length });`,
    }));
    await csp.goto(`${url}/csp/`);
    await csp.waitForSelector('body[data-result]', { state: 'attached', timeout: 30_000 });
    const result = JSON.parse(await csp.getAttribute('body', 'data-result'));
    assert.deepEqual(result, { compiles: false, same: true, n: ITEMS });
    await csp.close();
    ok("evaluate() under a CSP without 'unsafe-eval' gives the same objects");
  }

  // 14. Offline once loaded: the service worker serves everything with the server gone.
  server.closeAllConnections();
  await new Promise((resolve) => server.close(resolve));
  await context.setOffline(true);
  await page.goto(`${url}/examples/web/?as-of=2026-01-19`);
  await waitReady(page);
  assert.deepEqual(await counts(page), JAN_19);
  ok('works offline once loaded (server stopped, browser offline)');

  assert.deepEqual(pageErrors.filter((e) => !/Failed to load resource/.test(e)), []);
  console.log(`\nbrowser test passed (${step} checks); screenshots: ${screenshot}, ${phoneShot}`);
} finally {
  await context.close();
  server.closeAllConnections?.();
  server.close();
  rmSync(profile, { recursive: true, force: true });
}
