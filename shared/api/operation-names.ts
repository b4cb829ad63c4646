/**
 * The names of the contract's operations, in a module with no dependencies, so the sandboxed
 * Electron preload (which cannot load packages such as zod) can bridge exactly these names.
 * shared/api/contract.ts fails to compile if this list and the contract differ.
 */
export const API_OPERATION_NAMES = [
  'getSession',
  'setDispatcherName',
  'updateSettings',
  'listIncidents',
  'getIncident',
  'createIncident',
  'updateIncident',
  'transitionIncident',
  'addIncidentNote',
  'correctActivity',
  'findMergeCandidates',
  'mergeIncidents',
  'splitIncident',
  'listTimings',
  'listResponders',
  'getResponder',
  'createResponder',
  'updateResponder',
  'listActivity',
] as const;
export type ApiOperationName = (typeof API_OPERATION_NAMES)[number];
