/**
 * Shared scaffolding for printed pages (rally briefing, hand-off brief): paper sizes, the @page
 * rule and the self-contained document wrapper. Pages are one fixed-size sheet (overflow hidden),
 * so the printout is always exactly one page; the content builders keep text bounded.
 */
import { escapeHtml } from './escape';

export type Paper = 'letter' | 'a4';
export type PageLanguages = readonly ('en' | 'es')[];

export const PAPER: Record<Paper, { size: string; margin: string; width: string; height: string }> =
  {
    letter: { size: 'letter', margin: '0.4in', width: '7.7in', height: '10.1in' },
    a4: { size: 'A4', margin: '10mm', width: '190mm', height: '274mm' },
  };

export interface PagePart {
  /** CSS, every rule scoped under the page's root class, plus the @page rule. */
  css: string;
  /** The sheet's markup. */
  body: string;
}

/**
 * The fragment the console shows in its print preview: the scoped <style> and the sheet. The
 * page's own stylesheet (console.css) hides everything else under @media print.
 */
export function pageFragment(part: PagePart): string {
  return `<style>${part.css}</style>${part.body}`;
}

/** A complete, self-contained HTML document (no external resources) for headless PDF printing. */
export function pageDocument(part: PagePart, title: string, lang: string): string {
  return (
    `<!doctype html><html lang="${escapeHtml(lang)}"><head><meta charset="utf-8">` +
    `<meta http-equiv="Content-Security-Policy" content="default-src 'none'; style-src 'unsafe-inline'; img-src data:">` +
    `<title>${escapeHtml(title)}</title><style>html,body{margin:0;padding:0;background:#fff}${part.css}</style></head>` +
    `<body>${part.body}</body></html>`
  );
}

/** Base CSS of a sheet: size, fonts, and print colors. `root` is the scoping class. */
export function sheetCss(root: string, paper: Paper): string {
  const p = PAPER[paper];
  return (
    `@page{size:${p.size};margin:${p.margin}}` +
    `.${root}{box-sizing:border-box;width:${p.width};height:${p.height};overflow:hidden;` +
    `font-family:"Liberation Sans","Helvetica Neue",Helvetica,Arial,"DejaVu Sans",sans-serif;` +
    `color:#111;background:#fff;font-size:9pt;line-height:1.28;display:flex;flex-direction:column;` +
    `-webkit-print-color-adjust:exact;print-color-adjust:exact}` +
    `.${root} *{box-sizing:border-box}` +
    `.${root} h1,.${root} h2,.${root} h3,.${root} p,.${root} ul,.${root} ol,.${root} figure{margin:0;padding:0}` +
    `.${root} ul{padding-left:1.1em}`
  );
}
