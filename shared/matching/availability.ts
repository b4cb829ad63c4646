/**
 * Whether a responder can be asked right now: on call, inside one of their weekly availability
 * windows (and until when), or off duty. The one definition the roster and the candidates share.
 */
import type { z } from 'zod';
import type { AvailabilityWindowSchema } from '../api/schemas';
import { WEEKDAYS } from '../domain/vocabulary';
import { fromMinutes, localClock, NETWORK_TIME_ZONE, toMinutes } from './local-time';

export type AvailabilityNow =
  { kind: 'on_call' } | { kind: 'available_until'; until: string } | { kind: 'off_duty' };

export function availabilityNow(
  responder: {
    onCall: boolean;
    availability: readonly z.output<typeof AvailabilityWindowSchema>[];
  },
  now: number,
  timeZone = NETWORK_TIME_ZONE,
): AvailabilityNow {
  if (responder.onCall) return { kind: 'on_call' };
  const clock = localClock(now, timeZone);
  let until = -1;
  for (const w of responder.availability) {
    if (WEEKDAYS.indexOf(w.day) !== WEEKDAYS.indexOf(clock.day)) continue;
    const start = toMinutes(w.start);
    const end = toMinutes(w.end);
    if (start <= clock.minutes && clock.minutes < end && end > until) until = end;
  }
  return until >= 0 ? { kind: 'available_until', until: fromMinutes(until) } : { kind: 'off_duty' };
}
