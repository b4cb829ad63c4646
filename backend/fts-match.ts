/**
 * An FTS5 MATCH expression for what someone typed in a search box: every word must begin a word
 * of the row ("hol" finds Holyoke, "jose 12" finds "José ... 12..."), case and accents ignored by
 * the tables' tokenizer. Words are quoted, so FTS syntax in the input is just text. Null when the
 * input has no word characters.
 */
export function ftsPrefixMatch(input: string): string | null {
  const words = input.match(/[\p{L}\p{N}]+/gu);
  if (!words) return null;
  return words.map((w) => `"${w}"*`).join(' ');
}
