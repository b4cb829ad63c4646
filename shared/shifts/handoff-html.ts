/**
 * The hand-off brief as one printable page (same approach as the rally briefing: pure, scoped
 * inline CSS with an @page size, an inline SVG chart, every value escaped).
 */
import { label, translate, type Locale, type MessageKey } from '../i18n';
import { escapeHtml } from '../briefing/escape';
import { formatClock, formatDuration } from '../briefing/format';
import { pageDocument, pageFragment, sheetCss, type PagePart, type Paper } from '../briefing/page';
import type { RenderedPage } from '../briefing/html';
import { renderMetricsChartSvg } from './chart-svg';
import type { HandoffBrief } from './handoff';

const ROOT = 'hb';

export interface HandoffRenderOptions {
  paper: Paper;
  locale: Locale;
  acknowledged?: { by: string; at: string } | null;
}

function css(paper: Paper): string {
  const r = `.${ROOT}`;
  return (
    sheetCss(ROOT, paper) +
    `${r}-head{display:flex;justify-content:space-between;align-items:flex-end;border-bottom:3px solid #111;padding-bottom:4pt;margin-bottom:6pt}` +
    `${r}-head h1{font-size:16pt}` +
    `${r}-meta{text-align:right;font-size:8.5pt}` +
    `${r} h2{font-size:10pt;text-transform:uppercase;border-bottom:1px solid #111;margin:6pt 0 3pt}` +
    `${r}-grid{display:grid;grid-template-columns:1fr 1fr;gap:0 14pt}` +
    `${r} table{width:100%;border-collapse:collapse;font-size:8.5pt}` +
    `${r} td,${r} th{text-align:left;padding:1.5pt 3pt;border-bottom:0.5px solid #bbb;vertical-align:top}` +
    `${r} th{font-size:8pt;color:#333}` +
    `${r}-over{color:#fff;background:#b03a2e;font-weight:bold;padding:0 3pt;border-radius:2pt;font-size:7.5pt}` +
    `${r}-attn{border:2px solid #b03a2e;background:#fdf1ef;padding:3pt 6pt;margin-bottom:4pt}` +
    `${r}-attn h2{border:0;color:#b03a2e;margin-top:0}` +
    `${r}-notes{white-space:pre-wrap;border:1px solid #111;padding:4pt 6pt;min-height:2.2em}` +
    `${r}-chart svg{display:block;width:100%;max-width:5.5in;height:auto}` +
    `${r}-ack{margin-top:auto;border-top:1.5px solid #111;padding-top:3pt;font-weight:bold;display:flex;justify-content:space-between}`
  );
}

export function handoffPagePart(brief: HandoffBrief, options: HandoffRenderOptions): PagePart {
  const l = options.locale;
  const t = (key: MessageKey, params?: Record<string, string | number>) =>
    escapeHtml(translate(l, key, params));
  const none = `<p>${t('handoff.none')}</p>`;
  const over = `<span class="${ROOT}-over">${t('handoff.overdue')}</span>`;
  const table = (head: string[], rows: string[][]) =>
    rows.length
      ? `<table>${head.some(Boolean) ? `<thead><tr>${head.map((h) => `<th>${h}</th>`).join('')}</tr></thead>` : ''}<tbody>` +
        rows.map((r) => `<tr>${r.map((c) => `<td>${c}</td>`).join('')}</tr>`).join('') +
        `</tbody></table>`
      : none;
  const ref = (r: string) => `<b>${escapeHtml(r)}</b>`;
  const type = (code: Parameters<typeof label<'incidentType'>>[2]) =>
    escapeHtml(label(l, 'incidentType', code));
  const status = (code: Parameters<typeof label<'status'>>[2]) =>
    escapeHtml(label(l, 'status', code));

  const openRows = brief.openIncidents.map((i) => [
    ref(i.ref),
    `${type(i.type)}<br>${escapeHtml(i.place)}`,
    status(i.status),
    `${t('handoff.openFor', { age: formatDuration(i.ageMs) })}<br>${t('handoff.inStatus', { age: formatDuration(i.statusAgeMs) })}`,
  ]);
  const verifRows = brief.pendingVerifications.map((v) => [
    ref(v.ref),
    `${type(v.type)}, ${escapeHtml(v.place)}`,
    `${t('handoff.waiting', { age: formatDuration(v.ageMs) })} ${v.overdue ? over : ''}`,
  ]);
  const outRows = brief.respondersOut.map((r) => [
    `<b>${escapeHtml(r.name)}</b>`,
    escapeHtml(label(l, 'role', r.role)),
    `${escapeHtml(label(l, 'assignmentStatus', r.status))}, ${ref(r.ref)} ${escapeHtml(r.place)}`,
    `${t('handoff.lastCheckIn', { age: formatDuration(r.sinceCheckInMs) })} ${r.overdue ? over : ''}`,
  ]);
  const proposalRows = brief.staleProposals.map((p) => [
    `<b>${escapeHtml(p.name)}</b>`,
    escapeHtml(label(l, 'role', p.role)),
    `${ref(p.ref)} ${escapeHtml(p.place)}`,
    `${t('handoff.proposedFor', { age: formatDuration(p.proposedForMs) })} ${over}`,
  ]);
  const followRows = brief.followUps.map((f) => [
    ref(f.ref),
    `${type(f.type)}, ${escapeHtml(f.place)}`,
    status(f.status),
    t('handoff.inStatus', { age: formatDuration(f.statusAgeMs) }),
  ]);
  const attention = brief.attention.length
    ? `<div class="${ROOT}-attn" role="note"><h2>${t('handoff.attention')}</h2><ul>` +
      brief.attention
        .map((a) => `<li>${t(`handoff.attention.${a.kind}` as MessageKey, { what: a.what })}</li>`)
        .join('') +
      `</ul></div>`
    : '';
  const ack = options.acknowledged
    ? t('handoff.acknowledged', {
        name: options.acknowledged.by,
        time: formatClock(options.acknowledged.at, l),
      })
    : t('handoff.notAcknowledged');

  const body =
    `<article class="${ROOT}" lang="${l}" data-page="handoff-brief">` +
    `<header class="${ROOT}-head"><h1>${t('handoff.title')}</h1><div class="${ROOT}-meta">` +
    t('handoff.shift', {
      name: brief.dispatcherName,
      from: formatClock(brief.startedAt, l),
      to: formatClock(brief.endedAt, l),
    }) +
    `</div></header>` +
    attention +
    `<h2>${t('handoff.notes', { name: brief.dispatcherName })}</h2>` +
    `<div class="${ROOT}-notes">${brief.notes ? escapeHtml(brief.notes) : t('handoff.noNotes')}</div>` +
    `<div class="${ROOT}-grid"><section><h2>${t('handoff.openIncidents', { count: brief.openIncidents.length })}</h2>` +
    table(['', '', '', ''], openRows) +
    `</section><section><h2>${t('handoff.pendingVerifications', { count: brief.pendingVerifications.length })}</h2>` +
    table(['', '', ''], verifRows) +
    `<h2>${t('handoff.respondersOut', { count: brief.respondersOut.length })}</h2>` +
    table(['', '', '', ''], outRows) +
    (proposalRows.length
      ? `<h2>${t('handoff.staleProposals', { count: proposalRows.length })}</h2>` +
        table(['', '', '', ''], proposalRows)
      : '') +
    `<h2>${t('handoff.followUps', { count: brief.followUps.length })}</h2>` +
    table(['', '', '', ''], followRows) +
    `</section></div>` +
    `<h2>${t('metrics.heading')}</h2><div class="${ROOT}-chart">${renderMetricsChartSvg(brief.metrics, l, { width: 520 })}</div>` +
    `<footer class="${ROOT}-ack"><span>${ack}</span><span>${t('handoff.footer')}</span></footer>` +
    `</article>`;
  return { css: css(options.paper), body };
}

export function renderHandoffHtml(
  brief: HandoffBrief,
  options: HandoffRenderOptions,
): RenderedPage {
  const part = handoffPagePart(brief, options);
  const title = `${translate(options.locale, 'handoff.title')}: ${brief.dispatcherName}`;
  return { html: pageDocument(part, title, options.locale), fragment: pageFragment(part), title };
}
