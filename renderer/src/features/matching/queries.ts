import type { ApiInput } from '../../../../shared/api/contract';
import { useQuery } from '../../lib/useQuery';

/** The roles an incident needs and who fills them. */
export function useTeamPlan(incidentId: string) {
  return useQuery('getTeamPlan', { incidentId }, ['incident']);
}

/** Ranked candidates for one role; `null` while the role is not known yet. */
export function useCandidateMatch(input: ApiInput<'matchCandidates'> | null) {
  return useQuery('matchCandidates', input, ['responder', 'assignment', 'incident', 'setting']);
}
