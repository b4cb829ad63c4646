import type { ResponderRole } from '../../../../shared/domain/vocabulary';

/** The MIME type of a responder being dragged (its JSON rides along for other windows). */
export const RESPONDER_DRAG_TYPE = 'application/x-rr-responder';

/** A person picked up from a candidate list, the roster or the status board. */
export interface DragResponder {
  responderId: string;
  name: string;
  /** The role the source showed (a candidate list's role); omitted = best open slot. */
  role?: ResponderRole;
  /** Whether the source showed them busy elsewhere when the drag began (stale-board check). */
  expectedBusy?: boolean;
  /** The source's explanation, and the incident it was computed for. */
  explanation?: string;
  explainedFor?: string;
}

export interface AssignRequest {
  incidentId: string;
  responderId: string;
  name: string;
  role?: ResponderRole;
  expectedBusy?: boolean;
  overrideReason?: string;
}

/**
 * The request for putting `who` on `incidentId`, by drop or by the keyboard dialog alike. `role`
 * null or omitted lets the backend pick the best open slot.
 */
export function assignRequestFor(
  who: DragResponder,
  incidentId: string,
  role: ResponderRole | null | undefined,
): AssignRequest {
  return {
    incidentId,
    responderId: who.responderId,
    name: who.name,
    ...(role ? { role } : {}),
    ...(who.expectedBusy !== undefined ? { expectedBusy: who.expectedBusy } : {}),
  };
}
