import { randomUUID } from 'node:crypto';
import { openEnvelope, sealAnswer } from '../../shared/links/seal';

/**
 * A responder's phone without a browser: what relay/responder-page/page.js does, over plain
 * fetch and the shared seal functions (the E2E test drives the real page).
 */
export function phone(url: string) {
  const parsed = new URL(url);
  const [linkId, key] = parsed.hash.slice(1).split('.') as [string, string];
  const origin = parsed.origin;
  const post = (body: unknown) =>
    fetch(`${origin}/r/api/${linkId}/answers`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify(body),
    });
  return {
    linkId,
    key,
    origin,
    getEnvelope: () => fetch(`${origin}/r/api/${linkId}`),
    async open(): Promise<Record<string, unknown>> {
      const res = await fetch(`${origin}/r/api/${linkId}`);
      if (res.status !== 200) throw new Error(`envelope: HTTP ${res.status}`);
      const { envelope } = (await res.json()) as { envelope: string };
      return (await openEnvelope(key, linkId, envelope)) as Record<string, unknown>;
    },
    /** Seals and posts one answer; returns the HTTP status, the body sent (for replays) and its id. */
    async answer(fields: Record<string, unknown>) {
      const answerId = randomUUID();
      const sealed = await sealAnswer(key, linkId, { v: 1, answerId, ...fields });
      const body = { answerId, sealed };
      const res = await post(body);
      return { status: res.status, body, answerId, json: (await res.json()) as unknown };
    },
    post,
  };
}
