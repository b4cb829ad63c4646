import type { Socket } from 'socket.io-client';
import { gt } from 'drizzle-orm';
import type { BackendContext } from '../context';
import { responderLinks } from '../../db/schema';
import { LINK_EV, LinkAnswerSchema, type LinkAnswer } from '../../shared/sync/link-protocol';
import { applyLinkAnswer, type AnswerOutcome } from './apply';
import { isLinkLive } from './queries';

const channels = new WeakMap<BackendContext, LinkChannel>();

/** The running channel of a console, if it is connected to a relay. */
export const linkChannelOf = (ctx: BackendContext): LinkChannel | undefined => channels.get(ctx);

/** Links that expired this long ago are no longer told to the relay (it forgot them). */
const FORGET_AFTER_MS = 86_400_000;

/**
 * The console's side of responder links on its relay socket (backend/sync/connection.ts hands
 * it the socket). After each welcome it pulls the answers waiting on the relay; it keeps the
 * relay's copy of this network's links in step with the database (live links are put, dead
 * ones revoked), whichever console made or killed them; and it applies each answer through the
 * mutation path (./apply.ts), then acknowledges it, one answer at a time.
 */
export class LinkChannel {
  private socket: Socket | null = null;
  private welcomed = false;
  /** What this connection told the relay, by link id: the envelope put, or 'revoked'. */
  private told = new Map<string, string>();
  private pending: ReturnType<typeof setTimeout> | null = null;
  private queue: Promise<unknown> = Promise.resolve();
  private unobserve: (() => void) | null = null;
  /** Outcomes of the answers handled, for tests and the sync counters. */
  readonly outcomes: AnswerOutcome[] = [];

  constructor(private readonly ctx: BackendContext) {}

  attach(socket: Socket): void {
    this.socket = socket;
    channels.set(this.ctx, this);
    this.unobserve?.();
    // Any change may kill a link (a release, a closed incident) or make one: tell the relay.
    this.unobserve = this.ctx.changes.observe((refs) => {
      if (refs.some((r) => r.entity !== 'activity')) this.reconcileSoon();
    });
    socket.on(LINK_EV.answer, (raw: unknown) => {
      const parsed = LinkAnswerSchema.safeParse(raw);
      if (parsed.success) this.enqueue(parsed.data);
    });
  }

  onWelcome(): void {
    this.welcomed = true;
    this.told.clear();
    this.reconcile();
    this.socket?.emit(LINK_EV.pull, {});
  }

  onDisconnect(): void {
    this.welcomed = false;
  }

  stop(): void {
    this.unobserve?.();
    this.unobserve = null;
    if (this.pending) clearTimeout(this.pending);
    this.socket = null;
    this.welcomed = false;
    if (channels.get(this.ctx) === this) channels.delete(this.ctx);
  }

  reconcileSoon(): void {
    if (this.pending || !this.welcomed) return;
    this.pending = setTimeout(() => {
      this.pending = null;
      this.reconcile();
    }, 0);
  }

  private reconcile(): void {
    const socket = this.socket;
    if (!socket || !this.welcomed) return;
    const nowMs = this.ctx.now();
    const rows = this.ctx.db
      .select()
      .from(responderLinks)
      .where(gt(responderLinks.expiresAt, new Date(nowMs - FORGET_AFTER_MS).toISOString()))
      .all();
    for (const row of rows) {
      const live = isLinkLive(this.ctx, row, nowMs);
      const want = live ? row.sealedEnvelope : 'revoked';
      if (this.told.get(row.id) === want) continue;
      this.told.set(row.id, want);
      if (live)
        socket.emit(LINK_EV.put, {
          linkId: row.id,
          envelope: row.sealedEnvelope,
          expiresAtMs: Date.parse(row.expiresAt),
        });
      else socket.emit(LINK_EV.revoke, { linkId: row.id });
    }
  }

  private enqueue(answer: LinkAnswer): void {
    this.queue = this.queue.then(async () => {
      try {
        const outcome = await this.ctx.changes.batch(() => applyLinkAnswer(this.ctx, answer));
        this.outcomes.push(outcome);
        if (outcome !== 'later')
          this.socket?.emit(LINK_EV.ack, {
            answers: [{ linkId: answer.linkId, answerId: answer.answerId }],
          });
      } catch {
        this.outcomes.push('refused');
      }
    });
  }

  /** Resolves when every answer received so far has been handled (tests). */
  settled(): Promise<unknown> {
    return this.queue;
  }
}
