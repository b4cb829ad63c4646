import { z } from 'zod';
import type { ApiOperationName } from './operation-names';

/**
 * The creates a lost reply could make the renderer send twice. Each takes an optional
 * `idempotencyKey` (a UUID the renderer mints once per create and sends again on a retry): the
 * backend applies the first call and answers every later call with the same key with the first
 * call's result, so a write whose reply was lost is never applied twice.
 */
export const IDEMPOTENT_OPERATIONS = [
  'createIncident',
  'createResponder',
  'createAssignment',
  'addIncidentNote',
] as const satisfies readonly ApiOperationName[];
export type IdempotentOperationName = (typeof IDEMPOTENT_OPERATIONS)[number];

export const IdempotencyKey = z.uuid({ message: 'Not a valid idempotency key' }).optional();

export function isIdempotentOperation(name: string): name is IdempotentOperationName {
  return (IDEMPOTENT_OPERATIONS as readonly string[]).includes(name);
}
