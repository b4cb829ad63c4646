import type { IncomingMessage, ServerResponse } from 'node:http';
import { readFileSync } from 'node:fs';
import { LINK_ID_PATTERN } from '../shared/links/format';
import { AnswerPostSchema, LINK_EV } from '../shared/sync/link-protocol';
import type { RelayContext } from './context';
import { purgeExpiredLinks } from './links';

/**
 * The responder page and its two API routes, next to /health on the relay's HTTP server:
 *   GET  /r/                      the page (static; the key stays in the fragment, never sent)
 *   GET  /r/api/<linkId>          the sealed envelope, or 404 when unknown, revoked or expired
 *   POST /r/api/<linkId>/answers  a sealed answer, forwarded to the network's consoles
 * Every "not available" looks the same, so a wrong id reveals nothing. Requests are limited
 * per client address and per link.
 */
const asset = (name: string) => readFileSync(new URL(`./responder-page/${name}`, import.meta.url));
const PAGE = {
  '/r/': { body: asset('index.html'), type: 'text/html; charset=utf-8' },
  '/r/page.js': { body: asset('page.js'), type: 'text/javascript; charset=utf-8' },
  '/r/page.css': { body: asset('page.css'), type: 'text/css; charset=utf-8' },
} as Record<string, { body: Buffer; type: string }>;

export const RESPONDER_PAGE_CSP =
  "default-src 'none'; script-src 'self'; style-src 'self'; connect-src 'self'; img-src 'self'; " +
  "base-uri 'none'; form-action 'none'; frame-ancestors 'none'";

const SECURITY_HEADERS = {
  'content-security-policy': RESPONDER_PAGE_CSP,
  'cache-control': 'no-store',
  'referrer-policy': 'no-referrer',
  'x-content-type-options': 'nosniff',
  'x-frame-options': 'DENY',
  'cross-origin-resource-policy': 'same-origin',
};

/** Bodies are one sealed answer: a few kilobytes. */
const MAX_BODY_BYTES = 32 * 1024;
/** Answers one link may ever take (a busy verifier sends a few dozen). */
const MAX_ANSWERS_PER_LINK = 300;

/** Fixed one-minute windows; enough to stop a flood without remembering anyone for long. */
class Windows {
  private counts = new Map<string, number>();
  private windowStart = 0;
  constructor(private readonly perMinute: number) {}
  admit(key: string, nowMs: number): boolean {
    if (nowMs - this.windowStart >= 60_000) {
      this.counts.clear();
      this.windowStart = nowMs;
    }
    const n = (this.counts.get(key) ?? 0) + 1;
    this.counts.set(key, n);
    return n <= this.perMinute;
  }
}

export interface LinkHttpLimits {
  perAddressPerMinute: number;
  perLinkPerMinute: number;
}
export const DEFAULT_LINK_HTTP_LIMITS: LinkHttpLimits = {
  perAddressPerMinute: 120,
  perLinkPerMinute: 60,
};

export function linkHttpHandler(ctx: () => RelayContext, limits = DEFAULT_LINK_HTTP_LIMITS) {
  const byAddress = new Windows(limits.perAddressPerMinute);
  const byLink = new Windows(limits.perLinkPerMinute);

  const reply = (res: ServerResponse, status: number, body: unknown) => {
    res.writeHead(status, { ...SECURITY_HEADERS, 'content-type': 'application/json' });
    res.end(JSON.stringify(body));
  };
  const unavailable = (res: ServerResponse) => reply(res, 404, { error: 'unavailable' });

  /** Returns true when it answered the request (anything under /r/). */
  return (req: IncomingMessage, res: ServerResponse): boolean => {
    const path = (req.url ?? '').split('?')[0]!;
    if (path === '/r') {
      res.writeHead(301, { location: '/r/' });
      res.end();
      return true;
    }
    if (!path.startsWith('/r/')) return false;
    const nowMs = Date.now();
    if (!byAddress.admit(req.socket.remoteAddress ?? '?', nowMs)) {
      reply(res, 429, { error: 'rate_limited' });
      return true;
    }
    const page = PAGE[path];
    if (page && req.method === 'GET') {
      res.writeHead(200, { ...SECURITY_HEADERS, 'content-type': page.type });
      res.end(page.body);
      return true;
    }
    const match = /^\/r\/api\/([^/]+)(\/answers)?$/.exec(path);
    const linkId = match?.[1] ?? '';
    if (!match || !LINK_ID_PATTERN.test(linkId)) {
      unavailable(res);
      return true;
    }
    if (!byLink.admit(linkId, nowMs)) {
      reply(res, 429, { error: 'rate_limited' });
      return true;
    }
    const answering = match[2] !== undefined;
    const handle = answering && req.method === 'POST' ? postAnswer : getEnvelope;
    if (!answering && req.method !== 'GET') {
      unavailable(res);
      return true;
    }
    handle(ctx(), req, res, linkId, nowMs).catch((error: unknown) => {
      ctx().logFailure('link.http', error);
      if (!res.headersSent) reply(res, 500, { error: 'internal' });
    });
    return true;
  };

  async function getEnvelope(
    c: RelayContext,
    _req: IncomingMessage,
    res: ServerResponse,
    linkId: string,
    nowMs: number,
  ) {
    const link = await c.store.links.live(linkId, nowMs);
    if (!link) return unavailable(res);
    reply(res, 200, { envelope: link.envelope, expiresAtMs: link.expiresAtMs });
  }

  async function postAnswer(
    c: RelayContext,
    req: IncomingMessage,
    res: ServerResponse,
    linkId: string,
    nowMs: number,
  ) {
    const body = await readBody(req);
    if (body === null) return reply(res, 413, { error: 'too_large' });
    let parsed;
    try {
      parsed = AnswerPostSchema.safeParse(JSON.parse(body));
    } catch {
      parsed = null;
    }
    if (!parsed?.success) return reply(res, 400, { error: 'invalid' });
    const link = await c.store.links.live(linkId, nowMs);
    if (!link) return unavailable(res);
    if ((await c.store.links.answerCount(linkId)) >= MAX_ANSWERS_PER_LINK)
      return reply(res, 429, { error: 'rate_limited' });
    const answer = { linkId, ...parsed.data, receivedAtMs: nowMs };
    const fresh = await c.store.links.addAnswer(link.network, answer);
    if (fresh) c.io.to(link.network).emit(LINK_EV.answer, answer);
    c.log({ event: 'link.answer', network: link.network, duplicate: !fresh });
    reply(res, 202, { ok: true, duplicate: !fresh });
    await purgeExpiredLinks(c, nowMs);
  }
}

function readBody(req: IncomingMessage): Promise<string | null> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    let size = 0;
    req.on('data', (chunk: Buffer) => {
      size += chunk.length;
      if (size > MAX_BODY_BYTES) {
        resolve(null);
        req.destroy();
        return;
      }
      chunks.push(chunk);
    });
    req.on('end', () => resolve(Buffer.concat(chunks).toString('utf8')));
    req.on('error', reject);
  });
}
