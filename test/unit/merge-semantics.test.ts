import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import {
  mergeSet,
  repairHlc,
  SET_FIELDS,
  statusDerivedFields,
  statusMergeNeedsPerson,
  type SetDelta,
} from '../../shared/sync/merge-semantics';
import { encodeHlc } from '../../shared/clock/hlc';

const keyOf = SET_FIELDS.responder!.roles!;
const hlc = (n: number, device = '11111111-1111-4111-8111-111111111111') =>
  encodeHlc({ wallMs: 1_800_000_000_000 + n, counter: 0, deviceId: device });
const IMPLICIT = hlc(0);

/** Applies deltas one by one the way the apply path does, keeping the clocks it writes. */
function applyAll(start: string[], deltas: { delta: SetDelta; hlc: string }[]) {
  let stored: unknown[] = start;
  const clocks = new Map<string, string>();
  for (const { delta, hlc: at } of deltas) {
    const result = mergeSet({
      field: 'roles',
      stored,
      keyOf,
      clocks,
      implicit: IMPLICIT,
      delta,
      hlc: at,
    });
    for (const [name, clock] of result.clockWrites) clocks.set(name, clock);
    stored = result.value;
  }
  return stored;
}

describe('add-wins sets (shared/sync/merge-semantics)', () => {
  it('gives the same set whatever order the deltas arrive in, and applying one twice changes nothing', () => {
    const element = fc.constantFrom('verifier', 'driver', 'legal_observer', 'rally_lead');
    const delta = fc.record({
      add: fc.array(element, { maxLength: 2 }),
      remove: fc.array(fc.record({ key: element, seen: fc.nat(20).map((n) => hlc(n)) }), {
        maxLength: 2,
      }),
    });
    fc.assert(
      fc.property(
        fc.array(delta, { minLength: 1, maxLength: 6 }).chain((ds) =>
          fc.tuple(
            fc.constant(ds.map((d, i) => ({ delta: d, hlc: hlc(21 + i) }))),
            fc.shuffledSubarray(
              ds.map((d, i) => ({ delta: d, hlc: hlc(21 + i) })),
              { minLength: ds.length, maxLength: ds.length },
            ),
          ),
        ),
        ([inOrder, shuffled]) => {
          const start = ['verifier'];
          const expected = applyAll(start, inOrder);
          expect(applyAll(start, shuffled)).toEqual(expected);
          expect(applyAll(start, [...inOrder, ...inOrder])).toEqual(expected);
        },
      ),
    );
  });

  it('keeps an element added concurrently with a removal that had not seen it', () => {
    const removal = {
      delta: { add: [], remove: [{ key: 'verifier', seen: IMPLICIT }] },
      hlc: hlc(5),
    };
    const addition = { delta: { add: ['verifier'], remove: [] }, hlc: hlc(4) };
    expect(applyAll(['verifier'], [addition, removal])).toEqual(['verifier']);
    expect(applyAll(['verifier'], [removal, addition])).toEqual(['verifier']);
    expect(applyAll(['verifier'], [removal])).toEqual([]);
  });
});

describe('status merges', () => {
  it('a status without closedAt clears it, and leaves fields the op set alone', () => {
    expect(statusDerivedFields({ status: 'mobilizing' })).toEqual({
      status: 'mobilizing',
      closedAt: null,
      heldFromStatus: null,
    });
    expect(statusDerivedFields({ status: 'closed', closedAt: 'x' })).toEqual({
      status: 'closed',
      closedAt: 'x',
      heldFromStatus: null,
    });
    expect(statusDerivedFields({ description: 'd' })).toEqual({ description: 'd' });
  });

  it('asks a person only when the winner is not a step allowed from the replaced status', () => {
    expect(statusMergeNeedsPerson('closed', 'mobilizing')).toBe(true);
    expect(statusMergeNeedsPerson('mobilizing', 'on_scene')).toBe(false);
    expect(statusMergeNeedsPerson('confirmed', 'false_alarm')).toBe(false);
  });

  it('a repair clock follows both ops and is the same from either order', () => {
    const a = hlc(3, '22222222-2222-4222-8222-222222222222');
    const b = hlc(3, '33333333-3333-4333-8333-333333333333');
    expect(repairHlc(a, b)).toBe(repairHlc(b, a));
    expect(repairHlc(a, b) > b).toBe(true);
  });
});
