/**
 * Text folding shared by the gazetteer index and the queries, so that both sides agree on what
 * "the same name" means: case, accents, punctuation and common local abbreviations are ignored.
 */

/** Lowercase, strip accents, drop apostrophes, turn every other non-alphanumeric into a space. */
export function foldText(text: string): string {
  return text
    .normalize('NFD')
    .replace(/\p{M}+/gu, '')
    .toLowerCase()
    .replace(/['’`]/g, '')
    .replace(/[^\p{L}\p{N}]+/gu, ' ')
    .trim();
}

export function foldTokens(text: string): string[] {
  const folded = foldText(text);
  return folded ? folded.split(' ') : [];
}

/**
 * Token-level abbreviations and local nicknames. Single letters only ever mean a compass
 * direction here because no place in the gazetteer has a one-letter word.
 */
const ABBREVIATIONS: Readonly<Record<string, string>> = {
  n: 'north',
  no: 'north',
  s: 'south',
  so: 'south',
  e: 'east',
  w: 'west',
  mt: 'mount',
  mtn: 'mount',
  gt: 'great',
  gr: 'great',
  grt: 'great',
  ctr: 'center',
  cntr: 'center',
  hts: 'heights',
  spfld: 'springfield',
  spgfld: 'springfield',
  sprfld: 'springfield',
  spfd: 'springfield',
  wspfld: 'west springfield',
  noho: 'northampton',
  ehampton: 'easthampton',
};

/** Words that never help tell places apart: "The Flats" is found by "flats". */
const NOISE = new Set(['the']);

/** Trailing words naming the state, dropped from queries ("Holyoke, MA"). */
const STATE_WORDS = new Set(['ma', 'mass', 'massachusetts', 'us', 'usa']);

export function isStateWord(token: string): boolean {
  return STATE_WORDS.has(token);
}

/** Folded key of a gazetteer name; the index stores this once per place. */
export function nameKey(name: string): string {
  return foldTokens(name)
    .filter((t) => !NOISE.has(t))
    .join(' ');
}

/**
 * Folded query keys to try, best guess first. The last token is also kept unexpanded because
 * the user may still be typing it ("no" on its way to "Northampton", "s" to "Southwick").
 */
export function queryKeys(tokens: readonly string[]): string[] {
  const words = tokens.filter((t) => !NOISE.has(t));
  if (words.length === 0) return [];
  const expand = (t: string) => ABBREVIATIONS[t] ?? t;
  const all = words.map(expand).join(' ');
  const keepLast = [...words.slice(0, -1).map(expand), words[words.length - 1]].join(' ');
  return all === keepLast ? [all] : [all, keepLast];
}

/** Drop trailing state words ("ma", "mass") while something else remains. */
export function stripState(tokens: readonly string[]): string[] {
  const out = [...tokens];
  while (out.length > 1 && isStateWord(out[out.length - 1] ?? '')) out.pop();
  return out;
}
