import { describe, expect, it } from 'vitest';
import type { ResponderLinkView } from '../../../../shared/api/links';
import { linkStatusText } from './link-status';

const base: ResponderLinkView = {
  linkId: 'a'.repeat(22),
  assignmentId: '0190a5b0-0000-7000-8000-000000000001',
  incidentId: '0190a5b0-0000-7000-8000-000000000002',
  url: 'https://relay.example/r/#x.y',
  expiresAt: '2026-12-01T23:00:00.000Z',
  revokedAt: null,
  live: true,
  openedAt: null,
  lastAnswerKind: null,
  lastAnswerAt: null,
  lastEtaMinutes: null,
  createdAt: '2026-12-01T14:00:00.000Z',
};
const time = (iso: string) => iso.slice(11, 16);

describe('link status line', () => {
  it('says waiting, then opened, then the answer with its ETA', () => {
    expect(linkStatusText(base, time)).toEqual({ key: 'link.status.waiting', params: {} });
    const opened = { ...base, openedAt: '2026-12-01T14:01:00.000Z' };
    expect(linkStatusText(opened, time)).toEqual({
      key: 'link.status.opened',
      params: { time: '14:01' },
    });
    const accepted = {
      ...opened,
      lastAnswerKind: 'accept' as const,
      lastAnswerAt: '2026-12-01T14:02:00.000Z',
      lastEtaMinutes: 8,
    };
    expect(linkStatusText(accepted, time)).toEqual({
      key: 'link.status.answeredEta',
      params: { answer: 'link.answer.accept', time: '14:02', eta: 8 },
    });
  });

  it('a dead link without an answer says it no longer works', () => {
    expect(linkStatusText({ ...base, live: false }, time).key).toBe('link.status.dead');
  });
});
