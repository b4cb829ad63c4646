import type { ApiInput } from '../../../../shared/api/contract';
import { useQuery } from '../../lib/useQuery';

/** The printable rally briefing for one incident, in the chosen paper size and languages. */
export function useBriefing(input: ApiInput<'getBriefing'>) {
  return useQuery('getBriefing', input, ['incident', 'assignment', 'setting']);
}
