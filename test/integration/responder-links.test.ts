import { readFileSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import type { ConsoleBackend } from '../../backend/console-backend';
import { linkChannelOf } from '../../backend/links/channel';
import type { ApiInput } from '../../shared/api/contract';
import { activityMessage } from '../../shared/i18n';
import { sampleIncident, sampleResponder, value } from './helpers';
import { harness, waitFor, type Harness } from './sync-helpers';
import { phone } from './responder-phone';

let h: Harness;
afterEach(() => h?.cleanup());

const incidentInput: ApiInput<'createIncident'> = {
  ...sampleIncident,
  description: 'Two vans outside the Zapata family home',
  reporterName: 'Caller Quintanilla',
  reporterPhone: '(413) 555-0188',
  affectedFirstNames: 'Maribel, Tomasito',
  location: {
    text: '17 Pine St, Florence',
    streetText: '17 Pine St',
    lat: 42.3334,
    lon: -72.6737,
    precision: 'exact',
    town: 'Northampton',
  },
};

async function twoConsolesAndAnAssignment() {
  h = await harness();
  const a = await h.console('Dispatcher Alma');
  const b = await h.console('Dispatcher Beto');
  const incident = value(await a.call('createIncident', incidentInput));
  const responder = value(
    await a.call('createResponder', { ...sampleResponder, name: 'Dana Ejemplo' }),
  );
  const assignment = value(
    await a.call('createAssignment', {
      incidentId: incident.id,
      responderId: responder.id,
      role: 'verifier',
      overrideReason: 'test network',
    }),
  );
  await waitFor(
    async () => (await b.call('listAssignments', { incidentId: incident.id })).ok,
    'the assignment on B',
  );
  await waitFor(async () => {
    const r = await b.call('listAssignments', { incidentId: incident.id });
    return r.ok && r.value.length === 1;
  }, 'the assignment on B');
  return { a, b, incident, responder, assignment };
}

const assignmentOn = async (c: ConsoleBackend, incidentId: string) =>
  value(await c.call('listAssignments', { incidentId }))[0]!;
const activityOf = async (c: ConsoleBackend, incidentId: string) =>
  value(await c.call('listActivity', { incidentId } as never)) as unknown as {
    kind: string;
    message: string;
    actor: string;
    params: Record<string, string | number | null>;
  }[];

function relayFilesText(h: Harness): string {
  const dir = join(h.dir, 'relay');
  return readdirSync(dir)
    .map((f) => readFileSync(join(dir, f)).toString('latin1'))
    .join('\n');
}

describe('responder links', () => {
  it('a phone opens the envelope and accepts with an ETA; both consoles apply it once, via link', async () => {
    const { a, b, incident, assignment } = await twoConsolesAndAnAssignment();
    const link = value(await a.call('createResponderLink', { assignmentId: assignment.id }));
    expect(link.url).toMatch(/^http:\/\/127\.0\.0\.1:\d+\/r\/#[\w-]{22}\.[\w-]{43}$/);
    const p = phone(link.url);
    const envelope = await waitFor(() => p.open().catch(() => null), 'the envelope on the relay');
    expect(envelope).toMatchObject({
      role: 'verifier',
      incidentType: 'home_raid',
      greeting: 'Dana',
    });
    const shown = JSON.stringify(envelope);
    for (const secret of [
      'Zapata',
      'Quintanilla',
      '555-0188',
      'Maribel',
      'Tomasito',
      '17 Pine',
      'vans',
    ])
      expect(shown).not.toContain(secret);
    expect(envelope.meetingPoint).toBe('Pine St');

    expect((await p.answer({ kind: 'opened' })).status).toBe(202);
    const sent = await p.answer({ kind: 'accept', etaMinutes: 8 });
    expect(sent.status).toBe(202);
    for (const c of [a, b]) {
      const after = await waitFor(async () => {
        const x = await assignmentOn(c, incident.id);
        return x.status === 'accepted' ? x : null;
      }, 'accepted on a console');
      const eta = (Date.parse(after.etaAt!) - Date.parse(after.statusChangedAt)) / 60_000;
      expect(eta).toBe(8);
      const links = value(await c.call('listResponderLinks', { incidentId: incident.id }));
      expect(links[0]).toMatchObject({ lastAnswerKind: 'accept', lastEtaMinutes: 8, live: true });
      expect(links[0]!.openedAt).not.toBeNull();
    }
    // Both consoles applied the answer; the ops share one id, so each log holds it once.
    await waitFor(async () => {
      for (const c of [a, b]) {
        const entries = (await activityOf(c, incident.id)).filter((e) => e.kind === 'link.answer');
        if (entries.length !== 1) return false;
      }
      return true;
    }, 'one answer entry on each console');
    const entry = (await activityOf(b, incident.id)).find((e) => e.kind === 'link.answer')!;
    expect(entry.actor).toBe('Dana Ejemplo via responder link');
    expect(entry.message).toContain('accepted (ETA 8 min)');
    const spanish = activityMessage('es', entry);
    expect(spanish).toContain('por el enlace para responder: aceptó (llega en 8 min)');
    expect(spanish).not.toMatch(/via responder link|accepted/);

    // The copied alert text carries the link.
    const alert = value(await a.call('getAlertText', { assignmentId: assignment.id }));
    expect(alert.text).toContain(link.url);
  });

  it("lands a verifier's field report as a verification note, and the relay's files hold no plaintext", async () => {
    const { a, b, incident, assignment } = await twoConsolesAndAnAssignment();
    const link = value(await a.call('createResponderLink', { assignmentId: assignment.id }));
    const p = phone(link.url);
    await waitFor(() => p.open().catch(() => null), 'the envelope');
    await p.answer({ kind: 'on_scene' });
    await p.answer({
      kind: 'report',
      report: {
        outcome: 'confirmed',
        count: 6,
        activity: 'Knocking on doors of the Birchwood apartments',
        agency: 'Vests marked POLICE ERO',
        vehicles: 'Grey Ford Explorer MA 5XQ-Z55',
        equipment: 'Battering ram',
      },
    });
    for (const c of [a, b]) {
      const note = await waitFor(
        async () => (await activityOf(c, incident.id)).find((e) => e.kind === 'verification.note'),
        'the field report',
      );
      expect(note.message).toContain('outcome: confirmed; count: 6');
      expect(note.message).toContain('Grey Ford Explorer MA 5XQ-Z55');
      const spanish = activityMessage('es', note);
      expect(spanish).toContain('resultado: ICE confirmado; cantidad: 6');
      expect(spanish).toContain('; vehículos/placas: Grey Ford Explorer MA 5XQ-Z55');
      expect(spanish).not.toMatch(/responder link|outcome|\{/);
    }
    const files = relayFilesText(h);
    for (const plain of [
      'Birchwood',
      '5XQ-Z55',
      'Battering',
      'Pine St',
      '555-0117',
      'verifier',
      'Dana',
    ])
      expect(files).not.toContain(plain);
  });

  it('applies a replayed answer once and refuses a tampered one', async () => {
    const { a, b, incident, assignment } = await twoConsolesAndAnAssignment();
    const link = value(await a.call('createResponderLink', { assignmentId: assignment.id }));
    const p = phone(link.url);
    await waitFor(() => p.open().catch(() => null), 'the envelope');
    const first = await p.answer({ kind: 'accept', etaMinutes: 5 });
    await waitFor(async () => (await assignmentOn(a, incident.id)).status === 'accepted', 'accept');
    // The same POST again: the relay knows the answer id.
    const again = await p.post(first.body);
    expect(again.status).toBe(202);
    expect(await again.json()).toEqual({ ok: true, duplicate: true });
    // The same sealed bytes under a fresh outer id: the id inside the seal does not match.
    const relabelled = await p.post({ ...first.body, answerId: crypto.randomUUID() });
    expect(relabelled.status).toBe(202);
    // A flipped byte: GCM refuses it.
    const bytes = first.body.sealed.split('');
    bytes[30] = bytes[30] === 'A' ? 'B' : 'A';
    expect((await p.post({ answerId: crypto.randomUUID(), sealed: bytes.join('') })).status).toBe(
      202,
    );
    for (const c of [a, b])
      await waitFor(
        () => linkChannelOf(c.ctx)!.outcomes.filter((o) => o === 'tampered').length === 2,
        'both forgeries refused',
      );
    for (const c of [a, b]) {
      const entries = (await activityOf(c, incident.id)).filter((e) => e.kind === 'link.answer');
      expect(entries).toHaveLength(1);
    }
    // A wrong key opens nothing.
    const wrong = phone(link.url.replace(/\.[\w-]{43}$/, `.${'A'.repeat(43)}`));
    await expect(wrong.open()).rejects.toThrow();
  });

  it('a revoked link says unavailable and takes no answers; a release kills the link too', async () => {
    const { a, b, incident, assignment } = await twoConsolesAndAnAssignment();
    const link = value(await a.call('createResponderLink', { assignmentId: assignment.id }));
    const p = phone(link.url);
    await waitFor(() => p.open().catch(() => null), 'the envelope');
    value((await b.call('revokeResponderLink', { linkId: link.linkId })) as never);
    await waitFor(async () => (await p.getEnvelope()).status === 404, 'revoked at the relay');
    expect(await (await p.getEnvelope()).json()).toEqual({ error: 'unavailable' });
    expect((await p.answer({ kind: 'accept', etaMinutes: 3 })).status).toBe(404);
    expect((await assignmentOn(a, incident.id)).status).toBe('proposed');

    const second = value(await a.call('createResponderLink', { assignmentId: assignment.id }));
    const q = phone(second.url);
    await waitFor(() => q.open().catch(() => null), 'the second envelope');
    value(
      await a.call('advanceAssignment', {
        id: assignment.id,
        to: 'released',
        expectedFrom: 'proposed',
      }),
    );
    await waitFor(
      async () => (await q.getEnvelope()).status === 404,
      'released: dead at the relay',
    );
    const links = value(await b.call('listResponderLinks', { assignmentId: assignment.id }));
    await waitFor(
      async () =>
        value(await b.call('listResponderLinks', { assignmentId: assignment.id })).every(
          (l) => !l.live,
        ),
      'both links dead on B',
    );
    expect(links).toHaveLength(2);
    expect((await a.call('createResponderLink', { assignmentId: assignment.id })).ok).toBe(false);
  });

  it('closing the incident kills its links on every console and at the relay', async () => {
    const { a, b, incident, assignment } = await twoConsolesAndAnAssignment();
    const link = value(await a.call('createResponderLink', { assignmentId: assignment.id }));
    const p = phone(link.url);
    await waitFor(() => p.open().catch(() => null), 'the envelope');
    await waitFor(
      async () => value(await b.call('listResponderLinks', {})).length === 1,
      'the link on B',
    );
    const closed = await b.call('transitionIncident', { id: incident.id, to: 'closed' });
    if (!closed.ok) throw new Error(closed.error.message);
    await waitFor(async () => (await p.getEnvelope()).status === 404, 'dead at the relay');
    expect((await p.answer({ kind: 'on_scene' })).status).toBe(404);
    for (const c of [a, b])
      await waitFor(
        async () => value(await c.call('listResponderLinks', {}))[0]?.live === false,
        'dead on a console',
      );
    expect((await assignmentOn(a, incident.id)).status).not.toBe('on_scene');
  });

  it('an expired link reveals nothing, and the relay limits requests per link', async () => {
    const { a, b, assignment } = await twoConsolesAndAnAssignment();
    const link = value(await a.call('createResponderLink', { assignmentId: assignment.id }));
    const p = phone(link.url);
    await waitFor(() => p.open().catch(() => null), 'the envelope');
    // Both consoles tell the relay about a live link; let B's put land before aging it.
    await waitFor(
      async () => value(await b.call('listResponderLinks', {})).length === 1,
      'the link on B',
    );
    await new Promise((r) => setTimeout(r, 300));
    // The relay's own clock decides: move this link's expiry into the past.
    h.relay.store.db
      .prepare('UPDATE links SET expires_at = ? WHERE link_id = ?')
      .run(Date.now() - 1, p.linkId);
    const expired = await p.getEnvelope();
    expect(expired.status).toBe(404);
    expect(await expired.json()).toEqual({ error: 'unavailable' });
    expect((await p.answer({ kind: 'accept', etaMinutes: 3 })).status).toBe(404);
    const unknown = await fetch(`${p.origin}/r/api/${'x'.repeat(22)}`);
    expect(unknown.status).toBe(404);
    expect(await unknown.json()).toEqual({ error: 'unavailable' });

    const statuses: number[] = [];
    for (let i = 0; i < 65; i++) statuses.push((await p.getEnvelope()).status);
    expect(statuses).toContain(429);
  });

  it('serves the page with a strict CSP, under 100 KB', async () => {
    h = await harness();
    const base = `http://127.0.0.1:${h.port}`;
    let total = 0;
    for (const path of ['/r/', '/r/page.js', '/r/page.css']) {
      const res = await fetch(base + path);
      expect(res.status).toBe(200);
      expect(res.headers.get('content-security-policy')).toContain("default-src 'none'");
      expect(res.headers.get('cache-control')).toBe('no-store');
      total += (await res.arrayBuffer()).byteLength;
    }
    expect(total).toBeLessThan(100 * 1024);
  });
});
