import type { z } from 'zod';
import type { ApiResult } from './result';
import { API_OPERATION_NAMES, type ApiOperationName } from './operation-names';
import { assignmentOperations } from './assignments';
import { incidentOperations } from './incidents';
import { matchingOperations } from './matching';
import { rosterOperations } from './roster';
import { sessionOperations } from './session';
import { shiftOperations } from './shifts';
import { syncOperations } from './sync';
import { startupContract } from './startup';
import { mapPackOperations } from './map-pack';
import { linkOperations } from './links';
import { mapPointOperations } from './map-points';

export {
  CreateIncidentInput,
  IncidentDetailSchema,
  IncidentSummarySchema,
  ListIncidentsInput,
  MergeCandidateSchema,
  type IncidentDetail,
  type MergeCandidateView,
} from './incidents';
export { ListRespondersInput } from './roster';
export { SessionSchema, type Session } from './session';
export {
  ConflictSchema,
  ConflictVersionSchema,
  JoinNetworkInput,
  RelayStateSchema,
  RotatePassphraseInput,
  SyncStatusSchema,
  type ConflictView,
  type RelayState,
  type SyncStatus,
} from './sync';

/**
 * THE contract between the renderer and the backend: every area's operations (shared/api/<area>.ts)
 * in one table. The preload (Electron), the browser-mode host and the backend dispatcher all derive
 * their channels from it, and validate every argument with its `input` schema. Adding an operation
 * to an area's table is the only way to add one.
 */
export const apiContract = {
  ...startupContract,
  ...sessionOperations,
  ...incidentOperations,
  ...rosterOperations,
  ...syncOperations,
  ...matchingOperations,
  ...assignmentOperations,
  ...shiftOperations,
  ...mapPackOperations,
  ...linkOperations,
  ...mapPointOperations,
} as const;

export type ApiContract = typeof apiContract;
export type ApiName = keyof ApiContract;
export const API_NAMES: readonly ApiName[] = API_OPERATION_NAMES;
// Compile-time check that the dependency-free name list and the contract agree both ways.
type Missing = Exclude<ApiName, ApiOperationName> | Exclude<ApiOperationName, ApiName>;
const namesMatchContract: [Missing] extends [never] ? true : Missing = true;
void namesMatchContract;
/** What a caller passes (defaults may be omitted). */
export type ApiInput<N extends ApiName> = z.input<ApiContract[N]['input']>;
/** What the handler receives after validation. */
export type ApiParsedInput<N extends ApiName> = z.output<ApiContract[N]['input']>;
export type ApiOutput<N extends ApiName> = z.output<ApiContract[N]['output']>;

/** The renderer's view of the backend: one named async function per operation. */
export type ConsoleApi = {
  [N in ApiName]: (input: ApiInput<N>) => Promise<ApiResult<ApiOutput<N>>>;
};

export function isApiName(name: unknown): name is ApiName {
  return typeof name === 'string' && Object.prototype.hasOwnProperty.call(apiContract, name);
}
