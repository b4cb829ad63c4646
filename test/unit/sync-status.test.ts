import { describe, expect, it } from 'vitest';
import { relayStateOf, SyncReport, type ConnectionFacts } from '../../backend/sync/status';
import { peopleText } from '../../shared/api/text';

const facts = (over: Partial<ConnectionFacts> = {}): ConnectionFacts => ({
  fatal: null,
  welcomed: false,
  everConnected: false,
  disconnectedAt: null,
  peers: [],
  ...over,
});
const state = (f: ConnectionFacts, nowMs = 100_000) => relayStateOf(f, 3, 15_000, nowMs).state;

describe('the relay state a console shows (backend/sync/status.ts)', () => {
  it('walks connecting, connected, reconnecting, then offline after the grace period', () => {
    expect(state(facts())).toBe('connecting');
    expect(state(facts({ welcomed: true, everConnected: true }))).toBe('connected');
    const lost = facts({ everConnected: true, disconnectedAt: 100_000 });
    expect(state(lost, 100_000 + 14_999)).toBe('reconnecting');
    expect(state(lost, 100_000 + 15_000)).toBe('offline');
  });

  it('lets a fatal relay error win, and names each peer once, sorted', () => {
    expect(state(facts({ fatal: 'wrong_passphrase', welcomed: true }))).toBe('wrong_passphrase');
    expect(state(facts({ fatal: 'relay_too_old' }))).toBe('protocol_too_old');
    expect(state(facts({ fatal: 'network_not_allowed' }))).toBe('offline');
    const connected = relayStateOf(
      facts({ welcomed: true, peers: ['Luz', 'Ana', 'Luz'] }),
      3,
      15_000,
      0,
    );
    expect(connected).toEqual({ state: 'connected', pendingChanges: 3, peers: ['Ana', 'Luz'] });
  });

  it('keeps the latest 20 problems, each with its English wording and its text for people', () => {
    const report = new SyncReport(() => Date.parse('2026-11-28T14:00:00Z'));
    for (let seq = 1; seq <= 25; seq++)
      report.note('malformed', peopleText('sync.issue.skippedChange', { seq, detail: 'x' }), false);
    expect(report.problems).toHaveLength(20);
    expect(report.problems[0]!.message).toBe('Change #6 from the relay was skipped: x');
    expect(report.problems.at(-1)!.text).toEqual({
      kind: 'sync.issue.skippedChange',
      params: { seq: 25, detail: 'x' },
    });
  });
});
