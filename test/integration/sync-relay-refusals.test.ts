import { afterEach, describe, expect, it } from 'vitest';
import { syncControllerFor } from '../../backend/sync/controller';
import { hashInviteCode, newInviteCode } from '../../relay/invites';
import { peekSealed, PAD_MIN_BYTES, paddedSealedChars } from '../../shared/sync/crypto';
import { harness, relayState, settled, status, waitFor, type Harness } from './sync-helpers';
import { sampleIncident, value } from './helpers';
type RelayLogRecord = Record<string, unknown>;

/**
 * What a console does with the relay's refusals, and what it tells the relay: https only to
 * another computer, invite codes, pushes held (not hammered) while the relay has no room,
 * random batch ids, blob sizes padded to buckets.
 */
let h: Harness | undefined;
afterEach(async () => {
  await h?.cleanup();
  h = undefined;
});

describe('console side of relay refusals', () => {
  it('refuses http:// to a relay on another computer, with a field error; loopback and https are fine', async () => {
    h = await harness();
    const c = await h.console('Ana', { join: false });
    for (const relayUrl of ['http://relay.example.org', 'http://192.0.2.10:8787']) {
      const result = await c.call('joinNetwork', {
        relayUrl,
        network: 'pioneer-valley',
        passphrase: 'correct horse battery staple',
      });
      expect(result.ok).toBe(false);
      if (result.ok) continue;
      expect(result.error.code).toBe('invalid_input');
      expect(result.error.fieldErrors?.relayUrl).toMatch(/https:\/\//);
    }
    expect(status(c).configured).toBe(false);
    const ws = await c.call('joinNetwork', {
      relayUrl: 'ws://relay.example.org',
      network: 'pioneer-valley',
      passphrase: 'correct horse battery staple',
    });
    expect(ws.ok).toBe(false);
    const local = await c.call('joinNetwork', {
      relayUrl: `http://localhost:${h.port}`,
      network: 'pioneer-valley',
      passphrase: 'correct horse battery staple',
    });
    expect(local.ok).toBe(true);
    await waitFor(() => relayState(c).state === 'connected', 'loopback relay');
  });

  it('a closed relay turns a console away in words until it presents an invite code, once', async () => {
    h = await harness({}, { openRegistration: false });
    const refused = await h.console('Ana');
    await waitFor(() => relayState(refused).notice, 'the refusal');
    expect(relayState(refused).notice?.kind).toBe('sync.problem.network_not_allowed');
    expect(status(refused).problems.at(-1)?.code).toBe('network_not_allowed');

    const code = newInviteCode();
    h.relay.store.createInvite('pioneer-valley', hashInviteCode(code), Date.now() + 60_000);
    const wrong = await h.console('Beto', { invite: 'abcd-efgh-jkmn-pqrs-tuvw-xyz2' });
    await waitFor(() => relayState(wrong).notice, 'the invite refusal');
    expect(relayState(wrong).notice?.kind).toBe('sync.problem.invite_invalid');

    const invited = await h.console('Carmen', { invite: code });
    await waitFor(() => relayState(invited).state === 'connected', 'the invited console');
    // The network is registered now: the code is spent, the passphrase is what counts.
    const later = await h.console('Dora');
    await waitFor(() => relayState(later).state === 'connected', 'a later console');
  });

  it('a push past the quota stays queued, is not re-sent at a 10 ms pace, and goes once there is room', async () => {
    const refusals: RelayLogRecord[] = [];
    const options = {
      quota: { maxBlobs: 2 },
      log: (r: RelayLogRecord) => {
        if (r.event === 'push.refused') refusals.push(r);
      },
    };
    h = await harness({}, options);
    const a = await h.console('Ana');
    await waitFor(() => relayState(a).state === 'connected', 'connect');
    for (let i = 0; i < 3; i++) {
      value(await a.call('createIncident', { ...sampleIncident, description: `report ${i}` }));
      await waitFor(() => relayState(a).pendingChanges === 0 || refusals.length > 0, 'a push');
    }
    await waitFor(() => relayState(a).notice, 'the quota notice');
    expect(relayState(a).notice?.kind).toBe('sync.problem.quota_exceeded');
    const waiting = relayState(a).pendingChanges;
    expect(waiting).toBeGreaterThan(0);
    await new Promise((r) => setTimeout(r, 1500));
    expect(refusals).toHaveLength(1);
    expect(relayState(a).pendingChanges).toBe(waiting);

    // The operator raises the quota and restarts: the console re-sends at once on reconnect.
    options.quota.maxBlobs = 1000;
    await h.restartRelay();
    await settled([a]);
    expect(relayState(a).notice).toBeUndefined();
    expect(refusals).toHaveLength(1);
  });

  it('pushes random batch ids and blobs padded to size buckets', async () => {
    h = await harness();
    const a = await h.console('Ana');
    const b = await h.console('Beto');
    for (let i = 0; i < 5; i++)
      value(
        await a.call('createIncident', { ...sampleIncident, description: 'x'.repeat(i * 300) }),
      );
    await settled([a, b]);
    const items = h.relay.store.read('pioneer-valley', 0, 1000, 1e9);
    expect(items.length).toBeGreaterThan(0);
    const buckets = new Set(
      [PAD_MIN_BYTES, 1024, 2048, 4096, 8192, 16384, 32768].map((b) => paddedSealedChars(b)),
    );
    for (const item of items) {
      expect(buckets.has(item.blob.length)).toBe(true);
      // A v4 UUID: random, no creation time in it.
      expect(peekSealed(item.blob).id).toMatch(/^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-/);
    }
    expect(syncControllerFor(b.ctx).status().counters.applied).toBeGreaterThanOrEqual(5);
  });
});
