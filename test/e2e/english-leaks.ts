import type { Page } from 'playwright-core';
import { en } from '../../shared/i18n/en';
import { es } from '../../shared/i18n/es';

/**
 * The console's own English phrases: every stretch of an English message between its
 * placeholders that has at least three words, unless the Spanish message has the same stretch
 * (a proper name, a code). One of these on a Spanish screen is English that leaked through.
 */
export function englishUiPhrases(): string[] {
  const spanish = Object.values(es).join('\n');
  const phrases = new Set<string>();
  for (const value of Object.values(en)) {
    for (const chunk of value.split(/\{\w+\}/)) {
      const phrase = chunk.replace(/\s+/g, ' ').trim();
      if (phrase.split(' ').filter((w) => /[a-z]/i.test(w)).length < 3) continue;
      if (spanish.includes(phrase)) continue;
      phrases.add(phrase);
    }
  }
  return [...phrases];
}

/**
 * What a reader meets on the page as it stands: visible text, and the names and hints a screen
 * reader speaks (aria-label, title, placeholder). The print view and the briefing preview's
 * page are left out: the briefing prints English and Spanish by design.
 */
export async function readableTexts(page: Page): Promise<string[]> {
  return page.evaluate(() => {
    const skip = (el: Element | null) => !!el?.closest('.print-root, .briefing-preview');
    const out: string[] = [];
    const walker = document.createTreeWalker(document.body, NodeFilter.SHOW_TEXT);
    for (let node = walker.nextNode(); node; node = walker.nextNode()) {
      const parent = node.parentElement;
      const text = node.textContent?.replace(/\s+/g, ' ').trim();
      if (!text || !parent || skip(parent)) continue;
      if (parent.closest('[hidden], template, script, style')) continue;
      const box = parent.getBoundingClientRect();
      const srOnly = parent.closest('.sr-only, .visually-hidden, [aria-live]');
      if (box.width === 0 && box.height === 0 && !srOnly) continue;
      out.push(text);
    }
    for (const el of document.querySelectorAll('[aria-label], [title], [placeholder]')) {
      if (skip(el)) continue;
      for (const name of ['aria-label', 'title', 'placeholder']) {
        const value = el.getAttribute(name)?.trim();
        if (value) out.push(value);
      }
    }
    return out;
  });
}

/** The English UI phrases found on the page, each with the text it was found in. */
export async function englishLeaks(page: Page, phrases: readonly string[]): Promise<string[]> {
  const texts = await readableTexts(page);
  const leaks = new Set<string>();
  for (const text of texts)
    for (const phrase of phrases) if (text.includes(phrase)) leaks.add(`"${phrase}" in "${text}"`);
  return [...leaks];
}
