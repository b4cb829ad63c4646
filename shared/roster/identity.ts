/**
 * Who a row is: a name as people are called, whether two names are one person, and whether the
 * person may be texted. Pure, shared by the planner and the row reader.
 */
import { fold, nameKey } from './normalize';

/**
 * A name as people are called. "García, Ana" (the way rosters sort) is turned around to
 * "Ana García"; "Ana María García" stays. Several commas, a suffix after the comma
 * ("Pérez, Jr.") or anything but letters around it ('Ana, "la jefa"') are left as written.
 */
export function personName(text: string): { name: string; reordered: boolean } {
  const name = text.replace(/\s+/g, ' ').trim();
  const m = /^([^,]+),\s*([^,]+)$/.exec(name);
  const namelike = (t: string) => /^\p{L}[\p{L}\s.'’-]*$/u.test(t.trim());
  if (!m || !namelike(m[1]!) || !namelike(m[2]!) || /^(jr|sr|ii|iii|iv)\.?$/i.test(m[2]!.trim()))
    return { name, reordered: false };
  return { name: `${m[2]!.trim()} ${m[1]!.trim()}`, reordered: true };
}

/** Same person by name: equal, or one name's words all within the other's ("Ana" ~ "Ana Prueba"). */
export function sameName(a: string, b: string): boolean {
  const x = nameKey(a).split(' ').filter(Boolean);
  const y = nameKey(b).split(' ').filter(Boolean);
  if (!x.length || !y.length) return false;
  const [short, long] = x.length <= y.length ? [x, y] : [y, x];
  return short.every((w) => long.includes(w));
}

// ---------- text messages ----------

const OPTED_OUT =
  /^(unsubscribed|opted out|opt out|optout|opted_out|stop|stopped|do not text|no texts|no text|bouncing|bounced|never subscribed|not subscribed|no|false|n|0|dado de baja|no textos|no mensajes)$/;
const OPTED_IN = /^(subscribed|opted in|opt in|opted_in|yes|true|y|1|si|suscrito|suscrita)$/;

/**
 * A text-message status as exports write it (Action Network `can2_sms_status`, Mobilize
 * "SMS opt-in status"): true when the person must not be texted, false when they may be,
 * undefined when unknown.
 */
export function textsOptedOut(cell: string): boolean | undefined {
  const f = fold(cell.replace(/_/g, ' '));
  if (!f) return undefined;
  if (OPTED_OUT.test(f)) return true;
  if (OPTED_IN.test(f)) return false;
  return undefined;
}
