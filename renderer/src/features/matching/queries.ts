import type { ApiInput } from '../../../../shared/api/contract';
import type { EntityRef, SubscribeOptions } from '../../lib/query-cache';
import { useQuery } from '../../lib/useQuery';

/**
 * A plan or a ranking for one incident changes with that incident's own row or team, not with
 * other incidents or a note: incident refs count only for the incident asked about.
 */
const OWN_INCIDENT: SubscribeOptions = {
  concerns: (input: unknown, ref: EntityRef) =>
    ref.entity !== 'incident' ||
    (ref.id === (input as { incidentId: string }).incidentId && ref.via !== 'activity'),
};

/** The roles an incident needs and who fills them. */
export function useTeamPlan(incidentId: string) {
  return useQuery('getTeamPlan', { incidentId }, ['incident'], OWN_INCIDENT);
}

/** Ranked candidates for one role; `null` while the role is not known yet. */
export function useCandidateMatch(input: ApiInput<'matchCandidates'> | null) {
  return useQuery(
    'matchCandidates',
    input,
    ['responder', 'assignment', 'incident', 'setting'],
    OWN_INCIDENT,
  );
}
