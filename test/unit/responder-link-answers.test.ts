import { describe, expect, it } from 'vitest';
import { answerSummary, fieldReportText, planAnswer } from '../../shared/links/answer-plan';
import {
  newLinkSecrets,
  openAnswer,
  openEnvelope,
  sealAnswer,
  sealEnvelope,
} from '../../shared/links/seal';
import { LINK_ID_PATTERN, LINK_KEY_PATTERN, type Answer } from '../../shared/links/format';
import { answerOpId } from '../../backend/links/apply';

const answer = (kind: Answer['kind'], extra: Partial<Answer> = {}): Answer => ({
  v: 1,
  answerId: '0f8fad5b-d9cb-469f-a165-70867728950e',
  kind,
  ...extra,
});

describe('responder link answers', () => {
  it('an accept from a proposal or a notification is an acceptance with its ETA', () => {
    expect(planAnswer('proposed', answer('accept', { etaMinutes: 8 }))).toEqual({
      step: 'accepted',
      etaMinutes: 8,
    });
    expect(planAnswer('notified', answer('en_route', { etaMinutes: 4 }))).toEqual({
      step: 'en_route',
      etaMinutes: 4,
    });
    expect(planAnswer('on_scene', answer('leaving'))).toEqual({
      step: 'departed',
      etaMinutes: null,
    });
  });

  it('a step the lifecycle forbids changes nothing and says why', () => {
    const plan = planAnswer('released', answer('accept', { etaMinutes: 5 }));
    expect(plan.step).toBeNull();
    expect(plan).toMatchObject({ refused: expect.stringContaining('released') });
    expect(planAnswer('accepted', answer('accept'))).toMatchObject({
      step: null,
      refused: 'already accepted',
    });
    expect(planAnswer('accepted', answer('opened'))).toEqual({ step: null, refused: null });
  });

  it('words answers and field reports for the timeline', () => {
    expect(answerSummary(answer('accept', { etaMinutes: 8 }))).toBe('accepted (ETA 8 min)');
    expect(answerSummary(answer('decline', { reason: 'no_answer' }))).toBe(
      'declined (reason: no answer)',
    );
    expect(
      fieldReportText({
        outcome: 'other_agency',
        count: null,
        activity: '',
        agency: 'State police',
        vehicles: 'two cruisers',
        equipment: '',
      }),
    ).toBe('outcome: other agency; agency/uniform: State police; vehicles/plates: two cruisers');
  });

  it('seals open only with the right key, the right link and the right purpose', async () => {
    const { linkId, key } = newLinkSecrets();
    expect(linkId).toMatch(LINK_ID_PATTERN);
    expect(key).toMatch(LINK_KEY_PATTERN);
    const sealed = await sealEnvelope(key, linkId, { hello: 'there' });
    expect(sealed).not.toContain('there');
    expect(await openEnvelope(key, linkId, sealed)).toEqual({ hello: 'there' });
    const other = newLinkSecrets();
    await expect(openEnvelope(other.key, linkId, sealed)).rejects.toThrow();
    await expect(openEnvelope(key, other.linkId, sealed)).rejects.toThrow();
    // An envelope cannot pass for an answer (different additional data).
    await expect(openAnswer(key, linkId, sealed)).rejects.toThrow();
    const reply = await sealAnswer(key, linkId, { kind: 'accept' });
    expect(await openAnswer(key, linkId, reply)).toEqual({ kind: 'accept' });
  });

  it('derives the same op id for the same answer on every console, a different one otherwise', () => {
    const id = answerOpId(
      'a'.repeat(22),
      '0f8fad5b-d9cb-469f-a165-70867728950e',
      1_764_000_000_000,
    );
    expect(id).toMatch(/^[0-9a-f]{8}-[0-9a-f]{4}-7[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/);
    expect(
      answerOpId('a'.repeat(22), '0f8fad5b-d9cb-469f-a165-70867728950e', 1_764_000_000_000),
    ).toBe(id);
    expect(
      answerOpId('b'.repeat(22), '0f8fad5b-d9cb-469f-a165-70867728950e', 1_764_000_000_000),
    ).not.toBe(id);
  });
});
