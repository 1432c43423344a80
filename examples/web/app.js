// The web tracker: the bundled UK roadmap evaluated in the browser by the WASM module.
// Everything about deadlines and statuses comes from the module; this file only arranges
// it on the page. Served from the repository root, so the package built by
// bindings-wasm/build.sh is at ../../bindings-wasm/pkg/web/.
import init, { Roadmap, parseDeadline, judgeDeadline, windowText } from '../../bindings-wasm/pkg/web/roadmap_tracker.js';

const RAG_TEXT = { green: 'Green', amber: 'Amber', red: 'Red', grey: 'Not rated' };

const $ = (id) => document.getElementById(id);
const state = { roadmap: null, report: null, rows: [], section: '', owner: '', status: '' };

/** Build an element: el('p', {class: 'x'}, 'text', child). */
function el(tag, attrs = {}, ...children) {
  const node = document.createElement(tag);
  for (const [k, v] of Object.entries(attrs)) {
    if (v === null || v === undefined || v === false) continue;
    if (k === 'class') node.className = v;
    else if (k === 'text') node.textContent = v;
    else node.setAttribute(k, v === true ? '' : v);
  }
  for (const c of children.flat()) {
    if (c === null || c === undefined || c === false) continue;
    node.append(c instanceof Node ? c : document.createTextNode(String(c)));
  }
  return node;
}

const statusLabel = (s) => s.replaceAll('_', ' ');
// A score's counts have every derived status as a key, in the library's order.
const statusesIn = (counts) => Object.keys(counts).filter((k) => counts[k] > 0);
const ragBadge = (rag, extra = '') => el('span', { class: `badge rag-${rag}` }, `${RAG_TEXT[rag] ?? rag}${extra}`);

function today() {
  const d = new Date();
  return `${d.getFullYear()}-${String(d.getMonth() + 1).padStart(2, '0')}-${String(d.getDate()).padStart(2, '0')}`;
}

function formatDate(iso) {
  if (!iso) return '';
  const [y, m, d] = iso.split('-').map(Number);
  return new Date(Date.UTC(y, m - 1, d)).toLocaleDateString('en-GB', { day: 'numeric', month: 'short', year: 'numeric', timeZone: 'UTC' });
}

// The report's rows (`format: 'rows'`): every commitment and milestone with its section,
// sub-category and area, as the core lists them.
function matches(row) {
  if (state.section && row.section_id !== state.section) return false;
  if (state.owner && !row.owners.includes(state.owner)) return false;
  if (state.status && row.status !== state.status) return false;
  return true;
}

function fillSelect(select, values, label) {
  const current = select.value;
  select.replaceChildren(el('option', { value: '' }, label), ...values.map(([v, text]) => el('option', { value: v }, text)));
  select.value = values.some(([v]) => v === current) ? current : '';
}

function renderSummary(report) {
  const s = report.score;
  const score = s.score === null ? 'no score' : `score ${s.score.toFixed(2)}`;
  const share = s.met_on_time_share === null ? 'nothing due yet' : `${s.met_on_time} of ${s.due} due met on time`;
  $('overall').replaceChildren(
    ragBadge(s.rag), ` ${s.total} commitments: ${score}, ${share}.`,
  );
  $('overall').dataset.rag = s.rag;
  const body = $('counts').tBodies[0];
  body.replaceChildren(...statusesIn(s.counts).map((k) =>
    el('tr', { 'data-status': k },
      el('th', { scope: 'row' }, el('span', { class: `dot status-${k}`, 'aria-hidden': 'true' }), statusLabel(k)),
      el('td', { class: 'num' }, String(s.counts[k])))));
}

function nodeScore(score) {
  if (!score) return '';
  const counts = statusesIn(score.counts).map((k) => `${score.counts[k]} ${statusLabel(k)}`);
  return `${score.total} commitment${score.total === 1 ? '' : 's'}${counts.length ? `: ${counts.join(', ')}` : ''}`;
}

function commitmentItem(node, children, level) {
  const st = node.status;
  const d = node.deadline;
  return el('li', { class: `item ${node.kind}`, 'data-id': node.id, 'data-status': st.status },
    el('div', { class: 'item-head' },
      el(`h${level}`, { class: 'item-title' }, node.kind === 'milestone' ? 'Milestone: ' : '', node.title),
      el('span', { class: `badge status status-${st.status}`, 'data-rag': st.rag }, statusLabel(st.status))),
    el('dl', { class: 'facts' },
      el('dt', {}, 'Deadline'),
      el('dd', {}, d ? [el('q', {}, d.phrase), ` (written ${formatDate(d.written_on)}): `, el('span', { class: 'window' }, windowText(d))] : 'none given'),
      node.owners.length ? [el('dt', {}, 'Owner'), el('dd', {}, node.owners.join(', '))] : null,
      el('dt', {}, 'Why'),
      el('dd', { class: 'reason' }, st.reason)),
    children.length ? el('ul', { class: 'milestones' }, children) : null);
}

function renderRoadmap(report) {
  const all = state.rows;
  const shown = all.filter(matches);
  const shownIds = new Set(shown.map((r) => r.id));
  $('shown').textContent = `Showing ${shown.length} of ${all.length} commitments and milestones.`;
  const hasShown = (n) => shownIds.has(n.id) || n.children.some(hasShown);
  // A commitment (or milestone) with the milestones below it that match the filters.
  const item = (n, level) => {
    if (!hasShown(n)) return null;
    const kids = n.children.filter((c) => c.status).map((c) => item(c, Math.min(level + 1, 6))).filter(Boolean);
    return commitmentItem(n, kids, level);
  };
  // A section, sub-category or area: heading with its rating, its counts, then contents.
  // With no filter, every group shows, empty areas included; with one, only those with a match.
  const active = Boolean(state.section || state.owner || state.status);
  const group = (n, level) => {
    if (active && !hasShown(n)) return null;
    const items = n.children.filter((c) => c.status).map((c) => item(c, Math.min(level + 1, 6))).filter(Boolean);
    const groups = n.children.filter((c) => !c.status).map((c) => group(c, Math.min(level + 1, 5))).filter(Boolean);
    return el(level === 3 ? 'section' : 'div',
      { class: `group ${n.kind}`, 'data-id': n.id, 'data-rag': n.score.rag, 'aria-labelledby': `h-${n.id}` },
      el(`h${level}`, { id: `h-${n.id}`, class: 'group-title' }, n.title, ' ', ragBadge(n.score.rag)),
      el('p', { class: 'group-counts' }, nodeScore(n.score)),
      items.length ? el('ul', { class: 'items' }, items) : null,
      groups);
  };
  $('roadmap').replaceChildren(...report.sections.map((s) => group(s, 3)).filter(Boolean));
}

function dayNumber(iso) {
  const [y, m, d] = iso.split('-').map(Number);
  return Date.UTC(y, m - 1, d) / 86400000;
}

function renderTimeline(report) {
  const dated = state.rows.filter((r) => matches(r) && (r.earliest || r.latest));
  const box = $('timeline');
  box.replaceChildren();
  if (!dated.length) {
    box.append(el('p', { role: 'listitem' }, 'No dated deadlines match the filters.'));
    return;
  }
  const start = Math.min(...dated.map((r) => dayNumber(r.earliest ?? r.deadline_written_on)), dayNumber(report.as_of));
  const end = Math.max(...dated.map((r) => dayNumber(r.latest ?? r.earliest)), dayNumber(report.as_of)) + 31;
  const pct = (day) => `${(((day - start) / (end - start)) * 100).toFixed(2)}%`;
  const years = [];
  for (let y = new Date(start * 86400000).getUTCFullYear() + 1; Date.UTC(y, 0, 1) / 86400000 < end; y++) years.push(y);
  box.append(el('div', { class: 'axis', 'aria-hidden': 'true' },
    years.map((y) => el('span', { class: 'tick', style: `left:${pct(Date.UTC(y, 0, 1) / 86400000)}` }, String(y))),
    el('span', { class: 'now', style: `left:${pct(dayNumber(report.as_of))}` }, `as of ${formatDate(report.as_of)}`)));
  for (const r of dated) {
    const from = dayNumber(r.earliest ?? r.deadline_written_on);
    const to = r.latest ? dayNumber(r.latest) + 1 : end;
    const label = `${r.title}: “${r.deadline}”, ${windowText({ phrase: r.deadline, written_on: r.deadline_written_on })}; ${statusLabel(r.status)}`;
    box.append(el('div', { class: 'lane', role: 'listitem', 'data-id': r.id },
      el('span', { class: 'lane-label' }, r.title),
      el('span', { class: 'track' },
        el('span', {
          class: `bar status-${r.status}${r.earliest ? '' : ' open-start'}${r.latest ? '' : ' open-end'}`,
          style: `left:${pct(from)};width:${pct(start + Math.max(to - from, 2))}`,
          title: label,
        }, el('span', { class: 'visually-hidden' }, label)),
        el('span', { class: 'now-line', style: `left:${pct(dayNumber(report.as_of))}`, 'aria-hidden': 'true' }))));
  }
}

function renderPhrase() {
  const out = $('phrase-result');
  const phrase = $('phrase').value;
  const writtenOn = $('written-on').value;
  const asOf = $('as-of').value;
  if (!phrase.trim()) {
    out.replaceChildren(el('p', { class: 'hint' }, 'Type a phrase such as “summer 2026”, “by the end of Q3 2026-27” or “in due course”.'));
    return;
  }
  try {
    const d = parseDeadline(phrase, writtenOn);
    const j = judgeDeadline(d, asOf);
    out.replaceChildren(el('dl', { class: 'facts reading', 'data-kind': d.kind },
      el('dt', {}, 'Window'), el('dd', { class: 'window', 'data-earliest': d.earliest ?? '', 'data-latest': d.latest ?? '' }, windowText(d)),
      el('dt', {}, 'Kind'), el('dd', {}, d.kind),
      el('dt', {}, 'Unit named'), el('dd', {}, `${statusLabel(d.named)}${d.part ? ` (${statusLabel(d.part)})` : ''}${d.approximate ? ', approximate' : ''}${d.uncertain ? ', uncertain' : ''}`),
      el('dt', {}, 'EDTF'), el('dd', {}, el('code', {}, d.edtf ?? '—')),
      el('dt', {}, `As of ${formatDate(asOf)}`), el('dd', { class: 'judgment' }, `${statusLabel(j.state)}${j.days === null ? '' : ` (${j.days} day${j.days === 1 ? '' : 's'})`}`),
      el('dt', {}, 'Conventions applied'), el('dd', {}, d.rules.join(', ') || '—')));
  } catch (e) {
    const parts = [];
    // A refused phrase's span is in UTF-16 units: it slices the JS string.
    if (e.name === 'DeadlineError' && typeof e.start === 'number') {
      parts.push(el('p', { class: 'quoted' }, phrase.slice(0, e.start), el('mark', {}, phrase.slice(e.start, e.end)), phrase.slice(e.end)));
    }
    out.replaceChildren(el('div', { class: 'error', 'data-code': e.code ?? '' },
      el('p', {}, el('strong', {}, `Not read (${statusLabel(e.code ?? 'error')}): `), e.message),
      parts));
  }
}

function render() {
  const asOf = $('as-of').value;
  try {
    state.report = state.roadmap.report(asOf, { format: 'dict' });
    state.rows = state.roadmap.report(asOf, { format: 'rows' });
  } catch (e) {
    $('load-error').hidden = false;
    $('load-error').textContent = `${e.name}: ${e.message}`;
    return;
  }
  $('load-error').hidden = true;
  const report = state.report;
  const all = state.rows;
  fillSelect($('filter-section'), report.sections.map((s) => [s.id, s.title]), 'All sections');
  const owners = [...new Set(all.flatMap((r) => r.owners))].sort((a, b) => a.localeCompare(b));
  fillSelect($('filter-owner'), owners.map((o) => [o, o]), 'All owners');
  const statuses = Object.keys(report.score.counts).filter((k) => all.some((r) => r.status === k));
  fillSelect($('filter-status'), statuses.map((k) => [k, statusLabel(k)]), 'All statuses');
  state.section = $('filter-section').value;
  state.owner = $('filter-owner').value;
  state.status = $('filter-status').value;
  renderSummary(report);
  renderTimeline(report);
  renderRoadmap(report);
  renderPhrase();
  const url = new URL(location.href);
  url.searchParams.set('as-of', asOf);
  history.replaceState(null, '', url);
}

async function main() {
  await init();
  state.roadmap = Roadmap.ukDigital2026();
  $('roadmap-title').textContent = state.roadmap.title;
  $('roadmap-meta').textContent = `${state.roadmap.publisher}, published ${formatDate(state.roadmap.published)}.`;
  const asked = new URL(location.href).searchParams.get('as-of');
  $('as-of').value = /^\d{4}-\d\d-\d\d$/.test(asked ?? '') ? asked : today();
  $('written-on').value = state.roadmap.published;
  $('as-of').addEventListener('change', () => { if ($('as-of').value) render(); });
  for (const id of ['filter-section', 'filter-owner', 'filter-status']) {
    $(id).addEventListener('change', () => {
      state.section = $('filter-section').value;
      state.owner = $('filter-owner').value;
      state.status = $('filter-status').value;
      renderTimeline(state.report);
      renderRoadmap(state.report);
    });
  }
  $('controls').addEventListener('reset', (ev) => {
    ev.preventDefault();
    for (const id of ['filter-section', 'filter-owner', 'filter-status']) $(id).value = '';
    Object.assign(state, { section: '', owner: '', status: '' });
    renderTimeline(state.report);
    renderRoadmap(state.report);
  });
  $('controls').addEventListener('submit', (ev) => ev.preventDefault());
  $('phrase-form').addEventListener('submit', (ev) => ev.preventDefault());
  $('phrase').addEventListener('input', renderPhrase);
  $('written-on').addEventListener('change', renderPhrase);
  render();
  document.body.dataset.ready = 'true';
  if ('serviceWorker' in navigator) {
    // Cache the page, the module and the wasm, so the tracker opens offline next time.
    navigator.serviceWorker.register('sw.js').catch(() => {});
  }
}

main().catch((e) => {
  $('load-error').hidden = false;
  $('load-error').textContent = `The tracker could not start: ${e && e.message ? e.message : e}`;
  document.body.dataset.ready = 'error';
});
