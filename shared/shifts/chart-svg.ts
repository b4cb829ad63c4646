/**
 * A small inline SVG bar chart of the shift metrics: for each interval a p50 bar and a p90 bar in
 * seconds, with the 60 s target as a dashed line. Bars past the axis end are cut with an arrow.
 * Pure and escaped: used on the shift screen and in the printed hand-off brief.
 */
import { translate, type Locale, type MessageKey } from '../i18n';
import { escapeHtml } from '../briefing/escape';
import type { ShiftMetrics } from './metrics';

export function renderMetricsChartSvg(
  metrics: ShiftMetrics,
  locale: Locale,
  size: { width: number } = { width: 460 },
): string {
  const w = size.width;
  const labelW = Math.round(w * 0.42);
  const rowH = 30;
  const top = 16;
  const h = top + metrics.intervals.length * rowH + 18;
  const plotW = w - labelW - 44;
  const maxS = Math.max(
    120,
    ...metrics.intervals.flatMap((i) => [i.p90Ms ?? 0, i.p50Ms ?? 0]).map((ms) => ms / 1000),
  );
  const axisS = Math.min(600, Math.ceil(maxS / 60) * 60);
  const x = (s: number) => labelW + (Math.min(s, axisS) / axisS) * plotW;
  const r1 = (n: number) => Math.round(n * 10) / 10;
  const t = (key: MessageKey) => translate(locale, key);
  const parts: string[] = [];
  metrics.intervals.forEach((row, i) => {
    const y = top + i * rowH;
    const name = translate(locale, `metrics.kind.${row.kind}` as MessageKey);
    parts.push(
      `<text x="0" y="${y + 12}" font-size="10" fill="#111">${escapeHtml(name)}</text>` +
        `<text x="0" y="${y + 24}" font-size="8.5" fill="#444">n=${row.count}${
          row.withinTarget === null ? '' : `, ${Math.round(row.withinTarget * 100)}% ≤ 60 s`
        }</text>`,
    );
    const bar = (ms: number | null, dy: number, color: string, tag: string) => {
      if (ms === null) return '';
      const s = ms / 1000;
      const end = x(s);
      const cut = s > axisS ? `<path d="M${r1(end)},${y + dy} l5,4 l-5,4 z" fill="${color}"/>` : '';
      return (
        `<rect x="${labelW}" y="${y + dy}" width="${r1(Math.max(1, end - labelW))}" height="9" fill="${color}"/>` +
        cut +
        `<text x="${r1(end + (cut ? 8 : 3))}" y="${y + dy + 8}" font-size="8.5" fill="#111">${tag} ${Math.round(s)} s</text>`
      );
    };
    if (row.count === 0)
      parts.push(`<text x="${labelW}" y="${y + 14}" font-size="9" fill="#666">—</text>`);
    parts.push(bar(row.p50Ms, 3, '#7f9cb8', 'p50'), bar(row.p90Ms, 15, '#1f4e79', 'p90'));
  });
  const tx = r1(x(60));
  const axisY = top + metrics.intervals.length * rowH;
  parts.push(
    `<line x1="${labelW}" y1="${top - 4}" x2="${labelW}" y2="${axisY}" stroke="#111"/>`,
    `<line x1="${tx}" y1="${top - 6}" x2="${tx}" y2="${axisY}" stroke="#b03a2e" stroke-width="1.5" stroke-dasharray="4 3"/>`,
    `<text x="${tx}" y="${top - 7}" font-size="8.5" text-anchor="middle" fill="#b03a2e">${escapeHtml(t('metrics.target'))}</text>`,
    `<text x="${labelW}" y="${axisY + 12}" font-size="8.5" fill="#444">0</text>`,
    `<text x="${r1(x(axisS))}" y="${axisY + 12}" font-size="8.5" text-anchor="end" fill="#444">${axisS} s</text>`,
  );
  return (
    `<svg xmlns="http://www.w3.org/2000/svg" class="metrics-chart" role="img" viewBox="0 0 ${w} ${h}" width="${w}" height="${h}" ` +
    `font-family="Helvetica, Arial, sans-serif"><title>${escapeHtml(t('metrics.chartTitle'))}</title>${parts.join('')}</svg>`
  );
}
