import { describe, expect, it } from 'vitest';
import {
  allowedTransitions,
  checkTransition,
  isVerificationOutcome,
} from '../../shared/domain/incident-status';
import { INCIDENT_STATUSES, type IncidentStatus } from '../../shared/domain/vocabulary';

const ALLOWED: [IncidentStatus, IncidentStatus][] = [
  ['new', 'triaged'],
  ['new', 'verifying'],
  ['new', 'mobilizing'],
  ['new', 'follow_up'],
  ['new', 'closed'],
  ['new', 'on_hold'],
  ['triaged', 'verifying'],
  ['triaged', 'mobilizing'],
  ['triaged', 'follow_up'],
  ['triaged', 'closed'],
  ['triaged', 'on_hold'],
  ['verifying', 'confirmed'],
  ['verifying', 'other_agency'],
  ['verifying', 'false_alarm'],
  ['verifying', 'unverified'],
  ['verifying', 'on_hold'],
  ['confirmed', 'mobilizing'],
  ['confirmed', 'follow_up'],
  ['confirmed', 'stood_down'],
  ['confirmed', 'closed'],
  ['confirmed', 'on_hold'],
  ['other_agency', 'mobilizing'],
  ['other_agency', 'follow_up'],
  ['other_agency', 'closed'],
  ['other_agency', 'on_hold'],
  ['false_alarm', 'follow_up'],
  ['false_alarm', 'closed'],
  ['false_alarm', 'on_hold'],
  ['unverified', 'verifying'],
  ['unverified', 'mobilizing'],
  ['unverified', 'follow_up'],
  ['unverified', 'closed'],
  ['unverified', 'on_hold'],
  ['mobilizing', 'on_scene'],
  ['mobilizing', 'stood_down'],
  ['mobilizing', 'on_hold'],
  ['on_scene', 'stood_down'],
  ['on_scene', 'on_hold'],
  ['stood_down', 'follow_up'],
  ['stood_down', 'closed'],
  ['stood_down', 'mobilizing'],
  ['stood_down', 'on_hold'],
  ['follow_up', 'closed'],
  ['follow_up', 'on_hold'],
];

describe('incident status machine', () => {
  it.each(ALLOWED)('allows %s -> %s', (from, to) => {
    expect(checkTransition(from, to)).toEqual({ ok: true });
  });

  it('refuses every transition not in the table, with a message naming the allowed ones', () => {
    const allowed = new Set(ALLOWED.map(([a, b]) => `${a}>${b}`));
    let refused = 0;
    for (const from of INCIDENT_STATUSES) {
      if (from === 'on_hold') continue;
      for (const to of INCIDENT_STATUSES) {
        if (allowed.has(`${from}>${to}`)) continue;
        const r = checkTransition(from, to);
        expect(r.ok, `${from} -> ${to}`).toBe(false);
        refused++;
      }
    }
    expect(refused).toBeGreaterThan(100);
    const r = checkTransition('new', 'on_scene');
    expect(r.ok).toBe(false);
    if (!r.ok) expect(r.reason).toMatch(/Cannot go from "new" to "on scene".*triaged, verifying/);
  });

  it('a verification outcome can only follow verifying', () => {
    expect(checkTransition('new', 'confirmed').ok).toBe(false);
    expect(checkTransition('mobilizing', 'false_alarm').ok).toBe(false);
    expect(isVerificationOutcome('confirmed')).toBe(true);
    expect(isVerificationOutcome('mobilizing')).toBe(false);
  });

  it('closed is final', () => {
    expect(allowedTransitions('closed')).toEqual([]);
    const r = checkTransition('closed', 'new');
    expect(r.ok).toBe(false);
    if (!r.ok) expect(r.reason).toMatch(/closed/);
  });

  it('on hold returns to where it was, or onward from there', () => {
    expect(checkTransition('on_hold', 'verifying', 'verifying').ok).toBe(true);
    expect(checkTransition('on_hold', 'confirmed', 'verifying').ok).toBe(true);
    expect(checkTransition('on_hold', 'on_scene', 'verifying').ok).toBe(false);
    expect(checkTransition('on_hold', 'closed', 'mobilizing').ok).toBe(true);
    expect(checkTransition('verifying', 'verifying').ok).toBe(false);
  });
});
