/**
 * Responder links on the relay (shared/links): per link id, its network, the sealed envelope
 * and when it dies; per answer, its sealed bytes until a console acknowledges it. None of it can
 * be opened here. A revoke is sticky: a console that has not heard of it yet cannot bring the
 * link back with a late put.
 */
type Awaitable<T> = T | Promise<T>;

export interface LiveLink {
  network: string;
  envelope: string;
  expiresAtMs: number;
}

export interface StoredAnswer {
  linkId: string;
  answerId: string;
  sealed: string;
  receivedAtMs: number;
}

export type PutOutcome = 'stored' | 'revoked' | 'other_network';

export interface LinkStore {
  put(
    network: string,
    linkId: string,
    envelope: string,
    expiresAtMs: number,
  ): Awaitable<PutOutcome>;
  revoke(network: string, linkId: string, nowMs: number): Awaitable<void>;
  /** The link if it exists, is not revoked and has not expired; otherwise null. */
  live(linkId: string, nowMs: number): Awaitable<LiveLink | null>;
  /** Stores an answer once; false when that answer id was already received for the link. */
  addAnswer(network: string, answer: StoredAnswer): Awaitable<boolean>;
  answerCount(linkId: string): Awaitable<number>;
  pending(network: string, limit: number): Awaitable<StoredAnswer[]>;
  ack(network: string, answers: readonly { linkId: string; answerId: string }[]): Awaitable<void>;
  /** Forgets links (and their answers) that expired before `nowMs`. */
  purge(nowMs: number): Awaitable<void>;
}
