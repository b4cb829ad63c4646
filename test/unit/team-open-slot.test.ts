import { describe, expect, it } from 'vitest';
import { firstOpenSlot, TeamPlanSchema } from '../../shared/matching/team';

const plan = TeamPlanSchema.parse([
  { role: 'rally_lead', needed: 1 },
  { role: 'faith_leader', needed: 1, alternatives: ['song_leader'] },
  { role: 'rally_responder', needed: 3 },
]);

describe('the first open slot of a team plan', () => {
  it('skips slots already filled, counting alternatives, and falls back to the first slot', () => {
    expect(firstOpenSlot(plan, [])!.role).toBe('rally_lead');
    expect(firstOpenSlot(plan, [{ role: 'rally_lead' }])!.role).toBe('faith_leader');
    expect(firstOpenSlot(plan, [{ role: 'rally_lead' }, { role: 'song_leader' }])!.role).toBe(
      'rally_responder',
    );
    const full = [
      { role: 'rally_lead' },
      { role: 'faith_leader' },
      ...Array.from({ length: 3 }, () => ({ role: 'rally_responder' })),
    ];
    expect(firstOpenSlot(plan, full)!.role).toBe('rally_lead');
    expect(firstOpenSlot([], [])).toBeNull();
  });
});
