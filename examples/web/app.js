// The web tracker: the bundled UK roadmap evaluated in the browser by the WASM module.
// Everything about deadlines, statuses, the summary and its sentences comes from the
// module; this file only arranges it on the page. Served from the repository root, so the
// package built by bindings-wasm/build.sh is at ../../bindings-wasm/pkg/web/.
const PACKAGE = '../../bindings-wasm/pkg/web/roadmap_tracker.js';

const RAG_TEXT = { green: 'Green', amber: 'Amber', red: 'Red', grey: 'Not rated' };
const FILTERS = { section: 'filter-section', owner: 'filter-owner', status: 'filter-status' };
/** A phrase longer than this is echoed cut, with its length said. */
const ECHO_LIMIT = 200;

const $ = (id) => document.getElementById(id);
const state = { rt: null, roadmap: null, report: null, rows: [], asOf: '', section: '', owner: '', status: '' };

/** Build an element: el('p', {class: 'x'}, 'text', child). */
function el(tag, attrs = {}, ...children) {
  const node = document.createElement(tag);
  for (const [k, v] of Object.entries(attrs)) {
    if (v === null || v === undefined || v === false) continue;
    if (k === 'class') node.className = v;
    else node.setAttribute(k, v === true ? '' : v);
  }
  for (const c of children.flat(Infinity)) {
    if (c === null || c === undefined || c === false) continue;
    node.append(c instanceof Node ? c : document.createTextNode(String(c)));
  }
  return node;
}

/** A link for a web address from the data; anything else is plain text. */
const link = (text, url) => (/^https?:\/\//.test(url ?? '') ? el('a', { href: url }, text) : text);

const statusLabel = (s) => s.replaceAll('_', ' ');
const ragBadge = (rag) => el('span', { class: `badge rag-${rag}` }, RAG_TEXT[rag] ?? rag);

function today() {
  const d = new Date();
  return `${d.getFullYear()}-${String(d.getMonth() + 1).padStart(2, '0')}-${String(d.getDate()).padStart(2, '0')}`;
}

/**
 * A calendar date the tracker can use: `YYYY-MM-DD`, a real day, year 1900 to 2199.
 * A year still being typed (0002, 0020, 0202) is not one, and is not evaluated.
 */
function validDate(iso) {
  const m = /^(\d{4})-(\d{2})-(\d{2})$/.exec(iso ?? '');
  if (!m) return false;
  const [y, mo, d] = m.slice(1).map(Number);
  if (y < 1900 || y > 2199) return false;
  const t = new Date(Date.UTC(y, mo - 1, d));
  return t.getUTCFullYear() === y && t.getUTCMonth() === mo - 1 && t.getUTCDate() === d;
}

function formatDate(iso) {
  if (!iso) return '';
  // Evidence dates keep the source's precision: "2026-06", "2026-Q2", "2026", "..2026-04-24".
  if (iso.startsWith('..')) return `on or before ${formatDate(iso.slice(2))}`;
  const quarter = iso.match(/^(\d{4})-Q([1-4])$/);
  if (quarter) return `${['January–March', 'April–June', 'July–September', 'October–December'][quarter[2] - 1]} ${quarter[1]}`;
  const [y, m, d] = iso.split('-').map(Number);
  const parts = d ? { day: 'numeric', month: 'long', year: 'numeric' } : m ? { month: 'long', year: 'numeric' } : { year: 'numeric' };
  return new Date(Date.UTC(y, (m || 1) - 1, d || 1)).toLocaleDateString('en-GB', { ...parts, timeZone: 'UTC' });
}

/** Text cut to `limit` characters, saying so. */
function capped(text, limit = ECHO_LIMIT) {
  if (text.length <= limit) return text;
  return `${text.slice(0, limit)}… (${text.length.toLocaleString('en-GB')} characters; the first ${limit} shown)`;
}

function matches(row) {
  if (state.section && row.section_id !== state.section) return false;
  if (state.owner && !row.owners.includes(state.owner)) return false;
  if (state.status && row.status !== state.status) return false;
  return true;
}
const filtered = () => Boolean(state.section || state.owner || state.status);

function fillSelect(select, values, label, wanted) {
  select.replaceChildren(el('option', { value: '' }, label), ...values.map(([v, text]) => el('option', { value: v }, text)));
  select.value = values.some(([v]) => v === wanted) ? wanted : '';
}

/** The date and filters in the address, so a shared link opens the same view. */
function writeUrl() {
  const url = new URL(location.href);
  url.searchParams.set('as-of', state.asOf);
  for (const key of Object.keys(FILTERS)) {
    if (state[key]) url.searchParams.set(key, state[key]);
    else url.searchParams.delete(key);
  }
  history.replaceState(null, '', url);
}

function say(message) {
  $('as-of-message').textContent = message;
  $('as-of-message').classList.toggle('error-text', Boolean(message));
}

function renderSummary(report) {
  const s = report.summary;
  $('as-of-line').replaceChildren('As of ', el('strong', {}, formatDate(report.as_of)), report.since ? `, with changes since ${formatDate(report.since)}` : '', ':');
  $('summary-lines').replaceChildren(...s.lines.map((line) => el('li', {}, line)));
  $('overall').textContent = s.lines[0] ?? '';
  $('overall').dataset.rag = s.rating;
  // Without filters, the core's headline counts; with them, the commitments shown.
  const counts = {};
  if (filtered()) {
    for (const r of state.rows) if (r.kind === 'commitment' && matches(r)) counts[r.status] = (counts[r.status] ?? 0) + 1;
  } else {
    for (const [k, n] of Object.entries(report.score.counts)) if (n > 0) counts[k] = n;
  }
  const order = Object.keys(report.score.counts);
  $('counts-caption').textContent = filtered() ? 'Commitments shown, by status (milestones are not counted)' : 'Commitments by status (milestones are not counted)';
  $('counts').tBodies[0].replaceChildren(...order.filter((k) => counts[k]).map((k) =>
    el('tr', { 'data-status': k },
      el('th', { scope: 'row' }, el('span', { class: `dot status-${k}`, 'aria-hidden': 'true' }), statusLabel(k)),
      el('td', { class: 'num' }, String(counts[k])))));
}

function renderFooter(report) {
  const s = report.summary;
  const r = report.roadmap;
  $('evidence-line').textContent = s.latest_evidence
    ? `Evidence last updated ${formatDate(s.latest_evidence)}.`
    : 'No progress has been reported yet.';
  const items = [el('li', {}, link(r.title, r.url), ` (${r.publisher}, ${formatDate(r.published)}): the commitments and their deadlines.`)];
  for (const src of s.sources) {
    if (src.url && src.url === r.url) continue;
    const who = [src.publisher, formatDate(src.date)].filter(Boolean).join(', ');
    items.push(el('li', {}, link(src.title, src.url), who ? ` (${who})` : '', `: the progress reports behind ${src.statuses} status${src.statuses === 1 ? '' : 'es'}.`));
  }
  $('sources').replaceChildren(...items);
  $('notes').replaceChildren(el('h3', {}, 'How the statuses and the score are reached'), ...s.notes.map((n) => el('p', {}, n)));
}

function nodeScore(score) {
  const counts = Object.keys(score.counts).filter((k) => score.counts[k] > 0).map((k) => `${score.counts[k]} ${statusLabel(k)}`);
  return `${score.total} commitment${score.total === 1 ? '' : 's'}${counts.length ? `: ${counts.join(', ')}` : ''}`;
}

/** "(37 days from now)", "(85 days late)": the deadline engine's day count in words. */
function daysWords(state, days) {
  if (days === null || days === undefined) return '';
  const n = `${Math.abs(days)} day${Math.abs(days) === 1 ? '' : 's'}`;
  if (state === 'overdue' || state === 'met_late' || state === 'should_have_started') return ` (${n} late)`;
  if (state === 'met_early') return ` (${n} early)`;
  if (state === 'due_now') return ` (${n} left)`;
  if (state === 'not_yet_due' || state === 'not_started_yet') return ` (${n} from now)`;
  return '';
}

function commitmentItem(node, children, level) {
  const st = node.status;
  const d = node.deadline;
  const nd = node.new_deadline;
  const u = node.update;
  const roadmap = state.report.roadmap;
  return el('li', { class: `item ${node.kind}`, 'data-id': node.id, 'data-status': st.status, 'data-rag': st.rag },
    el('div', { class: 'item-head' },
      el(`h${level}`, { class: 'item-title' }, node.kind === 'milestone' ? 'Milestone: ' : '', node.title),
      el('span', { class: `badge status status-${st.status}`, 'data-rag': st.rag }, statusLabel(st.status))),
    el('dl', { class: 'facts' },
      node.owners.length ? [el('dt', {}, 'Owner'), el('dd', {}, node.owners.join(', '))] : null,
      el('dt', {}, 'Deadline'),
      el('dd', {}, d ? [el('q', {}, d.phrase), ` (written ${formatDate(d.written_on)}): `, el('span', { class: 'window' }, state.rt.windowText(d))] : 'none given'),
      // A re-plan's deadline, which the status is judged against once it is set.
      nd ? [el('dt', {}, 'Re-planned to'),
        el('dd', { class: 'new-deadline' }, el('q', {}, nd.phrase), ` (written ${formatDate(nd.written_on)}): `, el('span', { class: 'window' }, state.rt.windowText(nd)))] : null,
      el('dt', {}, 'Why'),
      el('dd', { class: 'reason' }, st.reason),
      el('dt', {}, 'Latest update'),
      el('dd', { class: 'update' }, u ? `${formatDate(u.date)}, “${u.label}”${u.note ? `: ${u.note}` : ''}` : 'no progress report yet'),
      el('dt', {}, 'Sources'),
      el('dd', { class: 'sources' },
        u ? ['update: ', link(u.source_title, u.source_url), '; '] : null,
        'deadline: ', link(roadmap.title, roadmap.url))),
    children.length ? el('ul', { class: 'milestones' }, children) : null);
}

function renderRoadmap(report) {
  const all = state.rows;
  const shown = all.filter(matches);
  const shownIds = new Set(shown.map((r) => r.id));
  $('shown').textContent = `Showing ${shown.length} of ${all.length} commitments and milestones.`;
  const hasShown = (n) => shownIds.has(n.id) || n.children.some(hasShown);
  const open = new Set([...document.querySelectorAll('#roadmap details[open]')].map((d) => d.dataset.id));
  const item = (n, level) => {
    if (!hasShown(n)) return null;
    const kids = n.children.filter((c) => c.status).map((c) => item(c, Math.min(level + 1, 6))).filter(Boolean);
    return commitmentItem(n, kids, level);
  };
  // A section, sub-category or area with something shown: heading with its rating and
  // counts, then its contents. Groups with nothing to track are left out (and named).
  const group = (n, level) => {
    if (!hasShown(n)) return null;
    const items = n.children.filter((c) => c.status).map((c) => item(c, Math.min(level + 1, 6))).filter(Boolean);
    const groups = n.children.filter((c) => !c.status).map((c) => group(c, Math.min(level + 1, 5))).filter(Boolean);
    const heading = el(`h${level}`, { id: `h-${n.id}`, class: `group-title level-${level}` }, n.title, ' ', ragBadge(n.score.rag));
    const body = [el('p', { class: 'group-counts' }, nodeScore(n.score)), items.length ? el('ul', { class: 'items' }, items) : null, groups];
    if (n.kind === 'section') {
      return el('details', { class: `group ${n.kind}`, 'data-id': n.id, 'data-rag': n.score.rag, open: filtered() || open.has(n.id) },
        el('summary', {}, heading), el('section', { 'aria-labelledby': `h-${n.id}` }, body));
    }
    return el('div', { class: `group ${n.kind}`, 'data-id': n.id, 'data-rag': n.score.rag }, heading, body);
  };
  $('roadmap').replaceChildren(...report.sections.map((s) => group(s, 3)).filter(Boolean));
  const empty = report.summary.empty_groups;
  $('left-out').textContent = empty.length ? `Left out, with no commitments: ${empty.join('; ')}.` : '';
}

function dayNumber(iso) {
  const [y, m, d] = iso.split('-').map(Number);
  return Date.UTC(y, m - 1, d) / 86400000;
}

const LEGEND = [
  ['green', 'Delivered, started or on course'],
  ['amber', 'Due now, behind, re-planned, late or delivered differently'],
  ['red', 'Overdue, delayed or dropped'],
  ['grey', 'Not yet due, no evidence, or not rated'],
];

/** The deadline a row's status is judged against, as the report dates it: a re-plan's new
 * deadline once one is set, else the deadline as written. */
function judged(r) {
  return r.new_deadline
    ? { replanned: true, phrase: r.new_deadline, written_on: r.new_deadline_written_on, earliest: r.new_earliest, latest: r.new_latest }
    : { replanned: false, phrase: r.deadline, written_on: r.deadline_written_on, earliest: r.earliest, latest: r.latest };
}

function renderTimeline(report) {
  const candidates = state.rows.filter(matches).map((r) => ({ r, w: judged(r) }));
  const dated = candidates.filter(({ w }) => w.earliest || w.latest);
  const undated = candidates.filter(({ w }) => !(w.earliest || w.latest));
  const box = $('timeline');
  $('legend').replaceChildren(
    ...LEGEND.map(([rag, text]) => el('li', {}, el('span', { class: `swatch rag-${rag}`, 'aria-hidden': 'true' }), text)),
    el('li', {}, el('span', { class: 'swatch open', 'aria-hidden': 'true' }), 'Fading end: the window has no first or last day'),
    el('li', {}, el('span', { class: 'swatch now-key', 'aria-hidden': 'true' }), 'Dashed line: the as-of date'));
  $('timeline-shown').textContent = `${dated.length} of ${candidates.length} commitments and milestones have a dated deadline and are drawn${undated.length ? `; ${undated.length} have none and are listed below the chart` : ''}.`;
  $('timeline-left-out').replaceChildren(undated.length
    ? el('details', { class: 'left-out' }, el('summary', {}, `Not drawn: ${undated.length} with no dated deadline`),
      el('ul', {}, undated.map(({ r, w }) => el('li', { 'data-id': r.id }, r.title, ': ', w.phrase ? [el('q', {}, w.phrase), ' has no date'] : 'no deadline given'))))
    : '');
  if (!dated.length) {
    box.replaceChildren(el('p', {}, 'No dated deadlines match the filters.'));
    return;
  }
  const start = Math.min(...dated.map(({ w }) => dayNumber(w.earliest ?? w.written_on)), dayNumber(report.as_of));
  const end = Math.max(...dated.map(({ w }) => dayNumber(w.latest ?? w.earliest)), dayNumber(report.as_of)) + 31;
  const pct = (day) => `${(((day - start) / (end - start)) * 100).toFixed(3)}%`;
  const years = [];
  for (let y = new Date(start * 86400000).getUTCFullYear() + 1; Date.UTC(y, 0, 1) / 86400000 < end; y++) years.push(y);
  const now = dayNumber(report.as_of);
  // The axis is a lane like the others (label column, then track), so its dates line up
  // with the bars at every width.
  const axis = el('div', { class: 'lane axis-lane', 'aria-hidden': 'true' },
    el('span', { class: 'lane-label' }),
    el('span', { class: 'track axis' },
      years.map((y) => el('span', { class: 'tick', 'data-year': y, style: `left:${pct(Date.UTC(y, 0, 1) / 86400000)}` }, String(y))),
      el('span', { class: 'now', style: `left:${pct(now)}` }, `as of ${formatDate(report.as_of)}`),
      el('span', { class: 'now-line', style: `left:${pct(now)}` })));
  const lanes = dated.map(({ r, w }) => {
    const from = dayNumber(w.earliest ?? w.written_on);
    const to = w.latest ? dayNumber(w.latest) + 1 : end;
    const label = `${r.title}: ${w.replanned ? 're-planned to ' : ''}“${w.phrase}”, ${state.rt.windowText({ phrase: w.phrase, written_on: w.written_on })}; ${statusLabel(r.status)}`;
    return el('li', { class: 'lane', 'data-id': r.id },
      el('span', { class: 'lane-label', title: r.title }, r.title),
      el('span', { class: 'track' },
        el('span', {
          class: `bar status-${r.status}${w.earliest ? '' : ' open-start'}${w.latest ? '' : ' open-end'}`,
          'data-rag': r.rag,
          style: `left:${pct(from)};width:${pct(start + Math.max(to - from, 2))}`,
          title: label,
        }, el('span', { class: 'visually-hidden' }, label)),
        el('span', { class: 'now-line', style: `left:${pct(now)}`, 'aria-hidden': 'true' })));
  });
  box.replaceChildren(el('div', { class: 'timeline-inner' }, axis, el('ul', { class: 'lanes' }, lanes)));
}

const KIND_WORDS = {
  by: 'by a date: due on or before its last day',
  during: 'during a period: due within the window',
  from: 'from a date: should start then',
  ongoing: 'ongoing: no date',
  past: 'already past when written',
  none: 'no date',
};

function renderPhrase() {
  const out = $('phrase-result');
  const phrase = $('phrase').value;
  const writtenOn = $('written-on').value;
  if (!phrase.trim()) {
    out.replaceChildren(el('p', { class: 'hint' }, 'Type a phrase such as “summer 2026”, “by the end of Q3 2026-27” or “in due course”.'));
    return;
  }
  if (!validDate(writtenOn)) {
    out.replaceChildren(el('p', { class: 'error' }, 'Give the date the phrase was written on (a real day, years 1900 to 2199).'));
    return;
  }
  const asOf = state.asOf;
  try {
    const d = state.rt.parseDeadline(phrase, writtenOn);
    const j = state.rt.judgeDeadline(d, asOf);
    out.replaceChildren(el('dl', { class: 'facts reading', 'data-kind': d.kind },
      el('dt', {}, 'Phrase'), el('dd', { class: 'quoted' }, el('q', {}, capped(phrase))),
      el('dt', {}, 'Read as'), el('dd', { class: 'window', 'data-earliest': d.earliest ?? '', 'data-latest': d.latest ?? '' }, state.rt.windowText(d)),
      el('dt', {}, 'Meaning'), el('dd', {}, `${KIND_WORDS[d.kind] ?? d.kind}${d.approximate ? '; approximate' : ''}${d.uncertain ? '; uncertain' : ''}`),
      el('dt', {}, `On ${formatDate(asOf)}`), el('dd', { class: 'judgment' }, `${statusLabel(j.state)}${daysWords(j.state, j.days)}`)),
    el('details', { class: 'technical' }, el('summary', {}, 'Technical details'),
      el('dl', { class: 'facts' },
        el('dt', {}, 'EDTF'), el('dd', {}, el('code', {}, d.edtf ?? '—')),
        el('dt', {}, 'Conventions applied'), el('dd', {}, d.rules.join(', ') || '—'),
        el('dt', {}, 'Judgment rule'), el('dd', {}, j.rule))));
  } catch (e) {
    const parts = [];
    // A refused phrase's span is in UTF-16 units: it slices the JS string.
    if (state.rt.isRoadmapError(e) && e.name === 'DeadlineError' && typeof e.start === 'number' && phrase.length <= ECHO_LIMIT) {
      parts.push(el('p', { class: 'quoted' }, phrase.slice(0, e.start), el('mark', {}, phrase.slice(e.start, e.end)), phrase.slice(e.end)));
    } else {
      parts.push(el('p', { class: 'quoted' }, el('q', {}, capped(phrase))));
    }
    out.replaceChildren(el('div', { class: 'error', 'data-code': e.code ?? '' },
      el('p', {}, el('strong', {}, 'Not read: '), capped(e.message, 300)),
      parts));
  }
}

/** Evaluate as of `asOf` and draw everything; on a bad date keep what is shown. */
function render(asOf) {
  let report;
  let rows;
  try {
    report = state.roadmap.report(asOf, { format: 'dict' });
    rows = state.roadmap.report(asOf, { format: 'rows' });
  } catch (e) {
    say(`${asOf} could not be used (${e.message}); still showing ${formatDate(state.asOf) || 'nothing'}.`);
    return false;
  }
  Object.assign(state, { report, rows, asOf });
  document.body.dataset.asOf = asOf;
  const owners = [...new Set(rows.flatMap((r) => r.owners))].sort((a, b) => a.localeCompare(b));
  const statuses = Object.keys(report.score.counts).filter((k) => rows.some((r) => r.status === k));
  fillSelect($(FILTERS.section), report.sections.filter((s) => rows.some((r) => r.section_id === s.id)).map((s) => [s.id, s.title]), 'All sections', state.section);
  fillSelect($(FILTERS.owner), owners.map((o) => [o, o]), 'All owners', state.owner);
  fillSelect($(FILTERS.status), statuses.map((k) => [k, statusLabel(k)]), 'All statuses', state.status);
  readFilters();
  renderFooter(report);
  redraw();
  renderPhrase();
  return true;
}

function readFilters() {
  for (const [key, id] of Object.entries(FILTERS)) state[key] = $(id).value;
}

function redraw() {
  renderSummary(state.report);
  renderTimeline(state.report);
  renderRoadmap(state.report);
  writeUrl();
}

/** The as-of field changed: use the date if it is a real one, else say why and keep the last. */
function asOfChanged(final) {
  const value = $('as-of').value;
  if (validDate(value)) {
    if (value !== state.asOf && render(value)) say('');
    return;
  }
  // A year being typed digit by digit is not an error until the field is left.
  if (final) {
    say(`That is not a date the tracker can use (a real day, years 1900 to 2199); still showing ${formatDate(state.asOf)}.`);
    $('as-of').value = state.asOf;
  }
}

function watchForUpdates(registration) {
  const offer = (worker) => {
    $('update-banner').hidden = false;
    $('update-reload').onclick = () => worker.postMessage('skip-waiting');
  };
  if (registration.waiting && navigator.serviceWorker.controller) offer(registration.waiting);
  registration.addEventListener('updatefound', () => {
    const worker = registration.installing;
    worker?.addEventListener('statechange', () => {
      if (worker.state === 'installed' && navigator.serviceWorker.controller) offer(worker);
    });
  });
  let reloading = false;
  navigator.serviceWorker.addEventListener('controllerchange', () => {
    if (!$('update-banner').hidden && !reloading) {
      reloading = true;
      location.reload();
    }
  });
}

async function main() {
  try {
    state.rt = await import(PACKAGE);
    await state.rt.default();
  } catch (e) {
    throw new Error(`the roadmap-tracker package did not load from ${new URL(PACKAGE, location.href).pathname} (${e.message}). Build it with “bash bindings-wasm/build.sh” and serve the repository root.`);
  }
  state.roadmap = state.rt.Roadmap.ukDigital2026();
  $('roadmap-title').textContent = state.roadmap.title;
  document.title = `${state.roadmap.title}: progress tracker`;
  $('roadmap-meta').textContent = `${state.roadmap.publisher}, published ${formatDate(state.roadmap.published)}.`;
  const params = new URL(location.href).searchParams;
  for (const key of Object.keys(FILTERS)) state[key] = params.get(key) ?? '';
  const asked = params.get('as-of');
  let start = today();
  if (asked !== null && validDate(asked)) start = asked;
  $('as-of').value = start;
  $('written-on').value = state.roadmap.published;
  if (!render(start)) render(today());
  if (asked !== null && !validDate(asked)) {
    say(`The link's date “${capped(asked, 40)}” is not a real date (YYYY-MM-DD, years 1900 to 2199); showing ${formatDate(state.asOf)} instead.`);
  }
  $('as-of').addEventListener('input', () => asOfChanged(false));
  $('as-of').addEventListener('change', () => asOfChanged(false));
  $('as-of').addEventListener('blur', () => asOfChanged(true));
  for (const id of Object.values(FILTERS)) {
    $(id).addEventListener('change', () => { readFilters(); redraw(); });
  }
  $('controls').addEventListener('reset', (ev) => {
    ev.preventDefault();
    for (const id of Object.values(FILTERS)) $(id).value = '';
    readFilters();
    redraw();
  });
  const openAll = (open) => { for (const d of document.querySelectorAll('#roadmap details.section')) d.open = open; };
  $('expand-all').addEventListener('click', () => openAll(true));
  $('collapse-all').addEventListener('click', () => openAll(false));
  $('controls').addEventListener('submit', (ev) => ev.preventDefault());
  $('phrase-form').addEventListener('submit', (ev) => ev.preventDefault());
  $('phrase').addEventListener('input', renderPhrase);
  $('written-on').addEventListener('change', renderPhrase);
  document.body.dataset.ready = 'true';
  if ('serviceWorker' in navigator) {
    // Cache the page, the module and the wasm, so the tracker opens offline next time.
    navigator.serviceWorker.register('sw.js').then(watchForUpdates).catch(() => {});
  }
}

main().catch((e) => {
  $('load-error').hidden = false;
  $('load-error').textContent = `The tracker could not start: ${e && e.message ? e.message : e}`;
  $('roadmap-meta').textContent = '';
  document.body.dataset.ready = 'error';
});
