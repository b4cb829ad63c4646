/**
 * The one-page rally briefing as HTML: pure, self-contained (inline CSS with an @page size, an
 * inline SVG map, no external resources), every value escaped. English and Spanish side by side,
 * or one language per copy. Shared facts (meeting point, team, hotlines) sit in a band at the top
 * with bilingual labels; the text sections follow in one column per language.
 */
import { label, translate, type Locale, type MessageKey } from '../i18n';
import type { BriefingContent, StandingSection } from './content';
import { escapeHtml } from './escape';
import { formatClock } from './format';
import { renderMiniMapSvg } from './map-svg';
import {
  pageDocument,
  pageFragment,
  sheetCss,
  type PageLanguages,
  type PagePart,
  type Paper,
} from './page';

export interface BriefingRenderOptions {
  paper: Paper;
  /** ['en','es'] side by side, or one language. */
  languages: PageLanguages;
}

export interface RenderedPage {
  html: string;
  fragment: string;
  title: string;
}

const ROOT = 'rb';

const STANDING_SECTIONS: { key: StandingSection; heading: MessageKey }[] = [
  { key: 'deescalation', heading: 'briefing.deescalation' },
  { key: 'rights', heading: 'briefing.rights' },
  { key: 'songs', heading: 'briefing.songs' },
  { key: 'safety', heading: 'briefing.safety' },
];

function css(paper: Paper): string {
  const r = `.${ROOT}`;
  return (
    sheetCss(ROOT, paper) +
    `${r}-head{display:flex;justify-content:space-between;align-items:flex-end;border-bottom:3px solid #111;padding-bottom:4pt;margin-bottom:6pt;gap:8pt}` +
    `${r}-head h1{font-size:16pt;line-height:1.1}` +
    `${r}-head h1 .${ROOT}-alt{font-weight:normal}` +
    `${r}-meta{text-align:right;font-size:8pt;color:#333}` +
    `${r}-band{display:flex;gap:8pt;margin-bottom:6pt}` +
    `${r}-mapbox{flex:0 0 auto;width:3.25in}` +
    `${r}-mapbox svg{display:block;width:100%;height:auto}` +
    `${r}-mapbox figcaption{font-size:7pt;color:#444;margin-top:2pt}` +
    `${r}-facts{flex:1 1 auto;display:flex;flex-direction:column;gap:5pt;min-width:0}` +
    `${r}-box{border:1.5px solid #111;border-radius:4pt;padding:4pt 6pt}` +
    `${r} h2{font-size:9.5pt;text-transform:uppercase;letter-spacing:.03em;margin-bottom:2pt}` +
    `${r}-big{font-size:13pt;font-weight:bold;line-height:1.15}` +
    `${r}-small{font-size:7.5pt;color:#333}` +
    `${r}-when{margin-top:3pt;padding-top:3pt;border-top:1px solid #999}` +
    `${r}-hot p{display:flex;justify-content:space-between;gap:6pt}` +
    `${r}-hot b{font-size:11.5pt;white-space:nowrap}` +
    `${r}-team{margin-bottom:6pt}` +
    `${r}-team ul{list-style:none;padding:0;display:grid;grid-template-columns:repeat(3,1fr);gap:1pt 10pt}` +
    `${r}-team li b{font-size:10pt}` +
    `${r}-lead{margin-top:3pt;font-weight:bold;font-size:10pt}` +
    `${r}-missing{border:2px dashed #b03a2e;background:#fdf1ef;padding:3pt 6pt;margin-bottom:6pt;font-size:8.5pt}` +
    `${r}-missing h2{color:#b03a2e}` +
    `${r}-cols{display:grid;gap:10pt;flex:1 1 auto;min-height:0}` +
    `${r}-cols--2{grid-template-columns:1fr 1fr}` +
    `${r}-cols--1 ${r}-col{column-count:2;column-gap:12pt}` +
    `${r}-col{min-width:0}` +
    `${r}-col section{break-inside:avoid;margin-bottom:5pt}` +
    `${r}-col h3{font-size:9.5pt;border-bottom:1px solid #111;margin-bottom:2pt;text-transform:uppercase}` +
    `${r}-col li{margin-bottom:1pt}` +
    `${r}-lang{font-size:7.5pt;font-weight:bold;color:#fff;background:#111;display:inline-block;padding:0 4pt;border-radius:2pt;margin-bottom:3pt}` +
    `${r}-foot{border-top:1.5px solid #111;padding-top:3pt;margin-top:4pt;font-size:8pt;font-weight:bold;text-align:center}` +
    `${r}-cols{overflow:hidden}` +
    `${r}--one ${r}-col{font-size:10.5pt;line-height:1.32}` +
    `${r}--one ${r}-team{font-size:10pt}` +
    `${r}--both ${r}-col{font-size:8.1pt;line-height:1.2}` +
    `${r}--both ${r}-team{font-size:8.3pt}` +
    `${r}--dense ${r}-col{font-size:7.6pt;line-height:1.16}` +
    `${r}--dense ${r}-col li{margin-bottom:0}` +
    `${r}-next{margin-top:auto;font-weight:bold;text-align:right;font-size:9pt}` +
    `${r}-sheet2{break-before:page;margin-top:12pt}` +
    `@media print{${r}-sheet2{margin-top:0}}`
  );
}

/** "Meeting point / Punto de encuentro" when both languages print, else the one label. */
const both = (langs: PageLanguages, key: MessageKey, params?: Record<string, string | number>) =>
  langs
    .map(
      (l, i) =>
        `<span lang="${l}"${i > 0 ? ` class="${ROOT}-alt"` : ''}>${escapeHtml(translate(l, key, params))}</span>`,
    )
    .join(' / ');

const list = (items: readonly string[]) =>
  items.length ? `<ul>${items.map((i) => `<li>${escapeHtml(i)}</li>`).join('')}</ul>` : '';

/** Which part of each language column a sheet carries (a heavy briefing splits them). */
type ColumnPart = 'all' | 'happened' | 'standing';

function languageColumn(
  c: BriefingContent,
  l: Locale,
  showTag: boolean,
  part: ColumnPart = 'all',
): string {
  const t = (key: MessageKey, params?: Record<string, string | number>) =>
    escapeHtml(translate(l, key, params));
  const h = c.happened;
  const happened: string[] = [
    t('briefing.happenedLine', {
      type: label(l, 'incidentType', h.type),
      agency: label(l, 'agency', h.agency),
    }),
    t('briefing.seen', { time: formatClock(h.seenAt, l) }),
  ];
  if (h.agentsCount !== null || h.vehiclesCount !== null)
    happened.push(
      t('briefing.size', { agents: h.agentsCount ?? '?', vehicles: h.vehiclesCount ?? '?' }),
    );
  if (h.activity) happened.push(t('briefing.activity', { text: h.activity }));
  if (h.peopleAffected) happened.push(t('briefing.peopleAffected'));
  const sections = STANDING_SECTIONS.map(({ key, heading }) => {
    const items = c.standing[l][key];
    return items.length ? `<section><h3>${t(heading)}</h3>${list(items)}</section>` : '';
  }).join('');
  return (
    `<div class="${ROOT}-col" lang="${l}">` +
    (showTag ? `<span class="${ROOT}-lang">${l === 'es' ? 'ESPAÑOL' : 'ENGLISH'}</span>` : '') +
    (part !== 'standing'
      ? `<section><h3>${t('briefing.whatHappened')}</h3>${happened.map((p) => `<p>${p}</p>`).join('')}</section>`
      : '') +
    (part !== 'happened' ? sections : '') +
    `</div>`
  );
}

export function briefingPagePart(c: BriefingContent, options: BriefingRenderOptions): PagePart {
  const langs: PageLanguages = options.languages.length ? options.languages : ['en'];
  const first = langs[0]!;
  const standingChars = langs
    .flatMap((l) => Object.values(c.standing[l]).flat())
    .reduce((n, s) => n + s.length, 0);
  const dense = standingChars > (langs.length > 1 ? 2600 : 1800) || c.team.length > 9;
  // Past what even the condensed sheet holds, the standing text flows to a second sheet marked
  // "continued" instead of being cut by the fixed page size.
  const load =
    standingChars +
    c.happened.activity.length * langs.length +
    c.team.length * (langs.length > 1 ? 90 : 60) +
    c.missing.length * 120;
  const twoSheets = load > (langs.length > 1 ? 3000 : 2400);

  const map = c.meeting
    ? renderMiniMapSvg({
        center: c.meeting.point,
        radiusMeters: c.meeting.radiusMeters,
        widthPx: 320,
        heightPx: 215,
        spanKm: 18,
        title: translate(first, 'briefing.mapTitle'),
      })
    : '';
  const meeting = c.meeting
    ? `<p class="${ROOT}-big" data-field="meeting-point">${escapeHtml(c.meeting.label)}</p>` +
      (c.meeting.near ? `<p>${escapeHtml(c.meeting.near)}</p>` : '') +
      `<p class="${ROOT}-small">${both(langs, c.meeting.coarsened ? 'briefing.approximateArea' : 'briefing.exactPoint')}</p>`
    : `<p>${both(langs, 'briefing.missing.location')}</p>`;

  const roleLabel = (role: Parameters<typeof label<'role'>>[2]) =>
    langs.map((l) => escapeHtml(label(l, 'role', role))).join(' / ');
  const team = c.team.length
    ? `<ul>${c.team.map((m) => `<li><b>${escapeHtml(m.name)}</b>: ${roleLabel(m.role)}</li>`).join('')}</ul>`
    : `<p>${both(langs, 'briefing.noTeam')}</p>`;
  const lead = c.lead
    ? `${both(langs, 'briefing.reachLead')}: ${escapeHtml(c.lead.name)}, ` +
      (c.lead.phone ? escapeHtml(c.lead.phone) : both(langs, 'briefing.viaHotline'))
    : c.team.length
      ? both(langs, 'briefing.noLead')
      : '';

  const missing = c.missing.length
    ? `<div class="${ROOT}-missing" role="note"><h2>${both(langs, 'briefing.missingHeading')}</h2>` +
      `<ul>${c.missing.map((m) => `<li>${both(langs, `briefing.missing.${m}` as MessageKey)}</li>`).join('')}</ul></div>`
    : '';

  const sheetClass = `${ROOT} ${ROOT}--${options.paper}${langs.length > 1 ? ` ${ROOT}--both` : ` ${ROOT}--one`}${dense && !twoSheets ? ` ${ROOT}--dense` : ''}`;
  const head = (continued: boolean) =>
    `<header class="${ROOT}-head"><h1>${both(langs, 'briefing.title')}` +
    (continued ? ` <span class="${ROOT}-alt">(${both(langs, 'briefing.continued')})</span>` : '') +
    `</h1>` +
    `<div class="${ROOT}-meta"><div><b>${escapeHtml(c.networkName)}</b></div>` +
    `<div>${both(langs, 'briefing.ref', { ref: c.incidentRef })}</div>` +
    `<div>${escapeHtml(translate(first, 'briefing.printed', { time: formatClock(c.printedAt, first) }))}</div></div></header>`;
  const columns = (part: ColumnPart) =>
    `<div class="${ROOT}-cols ${ROOT}-cols--${langs.length > 1 ? 2 : 1}">` +
    langs.map((l) => languageColumn(c, l, langs.length > 1, part)).join('') +
    `</div>`;

  const body =
    `<article class="${sheetClass}" lang="${first}" data-page="rally-briefing">` +
    head(false) +
    `<section class="${ROOT}-band">` +
    (map
      ? `<figure class="${ROOT}-mapbox">${map}<figcaption>${both(langs, 'briefing.mapNote')}</figcaption></figure>`
      : '') +
    `<div class="${ROOT}-facts">` +
    `<div class="${ROOT}-box"><h2>${both(langs, 'briefing.meetingPoint')}</h2>${meeting}` +
    `<p class="${ROOT}-when"><b>${both(langs, 'briefing.time')}:</b> ${both(langs, 'briefing.meetNow')}</p></div>` +
    `<div class="${ROOT}-box ${ROOT}-hot"><h2>${both(langs, 'briefing.hotlines')}</h2>` +
    `<p><span>${both(langs, 'briefing.legalHotline')}</span><b>${escapeHtml(c.hotlines.legal || '—')}</b></p>` +
    `<p><span>${both(langs, 'briefing.networkHotline')}</span><b>${escapeHtml(c.hotlines.network || '—')}</b></p></div>` +
    `</div></section>` +
    `<section class="${ROOT}-box ${ROOT}-team"><h2>${both(langs, 'briefing.team')}</h2>${team}` +
    (lead ? `<p class="${ROOT}-lead">${lead}</p>` : '') +
    `</section>` +
    missing +
    columns(twoSheets ? 'happened' : 'all') +
    (twoSheets
      ? `<p class="${ROOT}-next" data-field="continued-overleaf">${both(langs, 'briefing.continuedOverleaf')}</p>`
      : '') +
    `<footer class="${ROOT}-foot">${both(langs, 'briefing.footer')}</footer>` +
    `</article>` +
    (twoSheets
      ? `<article class="${sheetClass} ${ROOT}-sheet2" lang="${first}" data-page="rally-briefing-continued">` +
        head(true) +
        columns('standing') +
        `<footer class="${ROOT}-foot">${both(langs, 'briefing.footer')}</footer>` +
        `</article>`
      : '');
  return { css: css(options.paper), body };
}

export function renderBriefingHtml(
  content: BriefingContent,
  options: BriefingRenderOptions,
): RenderedPage {
  const part = briefingPagePart(content, options);
  const langs = options.languages.length ? options.languages : ['en'];
  const title = `${langs.map((l) => translate(l as Locale, 'briefing.title')).join(' / ')} ${content.incidentRef}`;
  return {
    html: pageDocument(part, title, langs[0]!),
    fragment: pageFragment(part),
    title,
  };
}
