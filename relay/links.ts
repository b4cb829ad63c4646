import {
  LINK_EV,
  LinkAckSchema,
  LinkPutSchema,
  LinkRevokeSchema,
  type LinkAnswer,
} from '../shared/sync/link-protocol';
import type { RelayContext } from './context';
import type { Connection } from './connection';
import type { StoredAnswer } from './link-store';

/** The responder-link events a console may send on its authenticated socket. */
export const LINK_EVENTS: readonly string[] = [
  LINK_EV.put,
  LINK_EV.revoke,
  LINK_EV.pull,
  LINK_EV.ack,
];

/** Most waiting answers one `link_pull` sends (the console pulls again after acknowledging). */
const PULL_LIMIT = 200;
const PURGE_EVERY_MS = 60_000;
let lastPurgeMs = 0;

/** Forgets expired links now and then; called from the link handlers, never on a timer. */
export async function purgeExpiredLinks(ctx: RelayContext, nowMs = Date.now()): Promise<void> {
  if (nowMs - lastPurgeMs < PURGE_EVERY_MS) return;
  lastPurgeMs = nowMs;
  await ctx.store.links.purge(nowMs);
}

export const toLinkAnswer = (a: StoredAnswer): LinkAnswer => ({ ...a });

/**
 * `link_put`, `link_revoke`, `link_pull`, `link_ack` (shared/sync/link-protocol.ts). Only a
 * welcomed socket may use them, and only for its own network's links; the relay stores sealed
 * bytes it cannot open.
 */
export function attachLinkHandlers(ctx: RelayContext, c: Connection): void {
  const { store, log } = ctx;
  const { socket, conn, state } = c;

  c.on(LINK_EV.put, async (raw) => {
    if (!c.admit()) return;
    if (!state.network) return c.violation('not_authenticated', 'Say hello first');
    const put = c.parse(LinkPutSchema, raw, 'link put');
    if (!put) return;
    const outcome = await store.links.put(state.network, put.linkId, put.envelope, put.expiresAtMs);
    log({ event: 'link.put', conn, network: state.network, outcome });
    await purgeExpiredLinks(ctx);
  });

  c.on(LINK_EV.revoke, async (raw) => {
    if (!c.admit()) return;
    if (!state.network) return c.violation('not_authenticated', 'Say hello first');
    const revoke = c.parse(LinkRevokeSchema, raw, 'link revoke');
    if (!revoke) return;
    await store.links.revoke(state.network, revoke.linkId, Date.now());
    log({ event: 'link.revoke', conn, network: state.network });
  });

  c.on(LINK_EV.pull, async () => {
    if (!c.admit()) return;
    if (!state.network) return c.violation('not_authenticated', 'Say hello first');
    const waiting = await store.links.pending(state.network, PULL_LIMIT);
    for (const answer of waiting) socket.emit(LINK_EV.answer, toLinkAnswer(answer));
  });

  c.on(LINK_EV.ack, async (raw) => {
    if (!c.admit()) return;
    if (!state.network) return c.violation('not_authenticated', 'Say hello first');
    const ack = c.parse(LinkAckSchema, raw, 'link ack');
    if (!ack) return;
    await store.links.ack(state.network, ack.answers);
  });
}
