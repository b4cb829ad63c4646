import type { Incident } from '../../../../shared/api/schemas';
import type { PatchSpec } from '../../lib/query-cache';

interface ListInput {
  limit?: number;
}

/**
 * An incident list (newest report first, as listIncidents orders it) with changed incidents
 * folded in: `fresh` holds those of `ids` that still match the list's filters, so the others
 * leave it. A list cut at its limit holds the newest `limit`: a row coming in pushes the oldest
 * out, but a row leaving frees a place nobody here can fill: undefined, so that it is refetched.
 */
export function patchIncidentList(
  list: readonly Incident[],
  fresh: readonly Incident[],
  ids: readonly string[],
  limit: number,
): Incident[] | undefined {
  const changed = new Set(ids);
  const kept = new Set(fresh.map((i) => i.id));
  if (list.length >= limit && list.some((i) => changed.has(i.id) && !kept.has(i.id)))
    return undefined;
  const merged = [...list.filter((i) => !changed.has(i.id)), ...fresh];
  merged.sort((a, b) =>
    a.callReceivedAt < b.callReceivedAt ? 1 : a.callReceivedAt > b.callReceivedAt ? -1 : 0,
  );
  return merged.slice(0, limit);
}

/** listIncidents entries learn of a change by asking for the changed incidents only. */
export const INCIDENT_LIST_PATCH: PatchSpec = {
  entity: 'incident',
  inputFor: (input, ids) => ({ ...(input as object), ids }),
  merge: (data, fresh, ids, input) =>
    patchIncidentList(
      data as Incident[],
      fresh as Incident[],
      ids,
      (input as ListInput).limit ?? DEFAULT_LIST_LIMIT,
    ),
};

/** listIncidents' default length (shared/api/incidents.ts). */
const DEFAULT_LIST_LIMIT = 500;
