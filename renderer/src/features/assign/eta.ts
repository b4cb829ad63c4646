/** Longest ETA a dispatcher may enter; anything above two hours asks to be confirmed first. */
export const ETA_MAX_MINUTES = 600;
export const ETA_CONFIRM_ABOVE_MINUTES = 120;

export type EtaEntry =
  | { kind: 'none' }
  | { kind: 'ok'; minutes: number }
  | { kind: 'confirm'; minutes: number }
  | { kind: 'invalid' };

/**
 * Reads what the dispatcher typed in the ETA box: empty means "no ETA", a whole number from 1
 * to 120 is taken as it is, 121 to 600 needs a second look (a slip like "158" for "8" must not
 * reach the timeline unnoticed), anything else is refused.
 */
export function readEta(typed: string): EtaEntry {
  const text = typed.trim();
  if (text === '') return { kind: 'none' };
  if (!/^\d+$/.test(text)) return { kind: 'invalid' };
  const minutes = Number(text);
  if (minutes < 1 || minutes > ETA_MAX_MINUTES) return { kind: 'invalid' };
  return minutes > ETA_CONFIRM_ABOVE_MINUTES
    ? { kind: 'confirm', minutes }
    : { kind: 'ok', minutes };
}
