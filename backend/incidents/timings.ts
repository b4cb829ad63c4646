import { and, gte, lte } from 'drizzle-orm';
import type { BackendContext } from '../context';
import { timings } from '../../db/schema';
import { uuidv7 } from '../../shared/ids';
import type { ApiOutput, ApiParsedInput } from '../../shared/api/contract';
import type { OpChange } from '../../shared/sync/op';
import type { Timing } from '../../shared/api/schemas';

/** One measured interval (call to saved, saved to first dispatch...), created with the op that ends it. */
export function timingChange(
  ctx: BackendContext,
  incidentId: string,
  kind: Timing['kind'],
  startedAt: string,
  endedAt: string,
): OpChange {
  return {
    entity: 'timing',
    id: uuidv7(ctx.now()),
    create: true,
    fields: {
      incidentId,
      kind,
      startedAt,
      endedAt,
      durationMs: Math.max(0, Date.parse(endedAt) - Date.parse(startedAt)),
      actor: ctx.actor(),
    },
  };
}

export function listTimings(
  ctx: BackendContext,
  input: ApiParsedInput<'listTimings'>,
): ApiOutput<'listTimings'> {
  const where = [];
  if (input.since) where.push(gte(timings.endedAt, input.since));
  if (input.until) where.push(lte(timings.endedAt, input.until));
  return ctx.db
    .select()
    .from(timings)
    .where(where.length ? and(...where) : undefined)
    .orderBy(timings.endedAt)
    .all() as ApiOutput<'listTimings'>;
}
