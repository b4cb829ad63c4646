/** Times and durations on printed pages, in the network's time zone and the page's language. */
import { NETWORK_TIME_ZONE } from '../matching/local-time';
import type { Locale } from '../i18n';

const cache = new Map<string, Intl.DateTimeFormat>();

export function formatClock(iso: string, locale: Locale, withDay = true): string {
  const key = `${locale}|${withDay}`;
  let f = cache.get(key);
  if (!f) {
    f = new Intl.DateTimeFormat(locale === 'es' ? 'es-US' : 'en-US', {
      timeZone: NETWORK_TIME_ZONE,
      ...(withDay ? { weekday: 'short', month: 'short', day: 'numeric' } : {}),
      hour: 'numeric',
      minute: '2-digit',
    });
    cache.set(key, f);
  }
  const ms = Date.parse(iso);
  return Number.isFinite(ms) ? f.format(ms) : '?';
}

/** 45 s, 2 min 5 s, 1 h 12 min, 3 d 4 h. */
export function formatDuration(ms: number): string {
  const s = Math.max(0, Math.round(ms / 1000));
  if (s < 60) return `${s} s`;
  if (s < 3600) {
    const m = Math.floor(s / 60);
    const rest = s % 60;
    return rest && m < 10 ? `${m} min ${rest} s` : `${m} min`;
  }
  const h = Math.floor(s / 3600);
  if (h < 48) {
    const m = Math.floor((s % 3600) / 60);
    return m ? `${h} h ${m} min` : `${h} h`;
  }
  const d = Math.floor(h / 24);
  return h % 24 ? `${d} d ${h % 24} h` : `${d} d`;
}
