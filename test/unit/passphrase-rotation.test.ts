import { describe, expect, it } from 'vitest';
import {
  firstHeldSeq,
  parseRetiredTokens,
  retireToken,
  RETIRED_TOKENS_KEPT,
  rotationVerdict,
  snapshotPartPlace,
} from '../../shared/sync/rotation';
import { ROTATION_REFUSALS } from '../../shared/api/sync';
import { isMessageKey } from '../../shared/i18n';

describe('passphrase rotation rules', () => {
  const network = { epoch: 3, head: 120 };
  const parts = { held: 2, needed: 2 };

  it('rotates only to the next epoch, over the whole log, with every part stored', () => {
    expect(rotationVerdict(network, { epoch: 4, coversSeq: 120 }, parts)).toBe('rotated');
    // Another console moved the network first (or this one is an epoch behind).
    expect(rotationVerdict(network, { epoch: 3, coversSeq: 120 }, parts)).toBe('epoch_moved');
    expect(rotationVerdict(network, { epoch: 5, coversSeq: 120 }, parts)).toBe('epoch_moved');
    // A blob landed after the snapshot was sealed: deleting the log would lose it.
    expect(rotationVerdict(network, { epoch: 4, coversSeq: 119 }, parts)).toBe('behind');
    expect(rotationVerdict(network, { epoch: 4, coversSeq: 120 }, { held: 1, needed: 2 })).toBe(
      'incomplete',
    );
    expect(rotationVerdict(network, { epoch: 4, coversSeq: 120 }, { held: 0, needed: null })).toBe(
      'incomplete',
    );
  });

  it('decides the race deterministically: once one rotation commits, the other names a used epoch', () => {
    const first = rotationVerdict({ epoch: 1, head: 10 }, { epoch: 2, coversSeq: 10 }, parts);
    const second = rotationVerdict({ epoch: 2, head: 10 }, { epoch: 2, coversSeq: 10 }, parts);
    expect([first, second]).toEqual(['rotated', 'epoch_moved']);
  });

  it("stages the next epoch's snapshot parts and refuses parts from a console of a retired epoch", () => {
    expect(snapshotPartPlace(2, undefined)).toBe('current');
    expect(snapshotPartPlace(2, 2, 2)).toBe('current');
    expect(snapshotPartPlace(2, 3, 2)).toBe('staged');
    expect(snapshotPartPlace(2, 4, 2)).toBe('stale');
    // The loser of a race: welcomed at 1, its rotation snapshot names 2, the network is at 2.
    expect(snapshotPartPlace(2, 2, 1)).toBe('stale');
    expect(snapshotPartPlace(2, undefined, 1)).toBe('stale');
  });

  it('remembers a bounded list of retired tokens, newest first', () => {
    let retired: string[] = [];
    for (let i = 0; i < RETIRED_TOKENS_KEPT + 3; i++) retired = retireToken(retired, `t${i}`);
    expect(retired).toHaveLength(RETIRED_TOKENS_KEPT);
    expect(retired[0]).toBe(`t${RETIRED_TOKENS_KEPT + 2}`);
    expect(retireToken(['a', 'b'], 'b')).toEqual(['b', 'a']);
    expect(parseRetiredTokens(JSON.stringify(retired))).toEqual(retired);
    expect(parseRetiredTokens('not json')).toEqual([]);
    expect(parseRetiredTokens('{"a":1}')).toEqual([]);
  });

  it('says a log emptied by a rotation starts past its head', () => {
    expect(firstHeldSeq(5, 40)).toBe(5);
    expect(firstHeldSeq(null, 40)).toBe(41);
    expect(firstHeldSeq(null, 0)).toBe(0);
  });

  it('words every refusal reason for people', () => {
    for (const reason of ROTATION_REFUSALS)
      expect(isMessageKey(`sync.rotate.refused.${reason}`)).toBe(true);
  });
});
