import { and, desc, eq } from 'drizzle-orm';
import type { BackendContext, Handlers } from '../context';
import { activityLog } from '../../db/schema';
import { activityFromRow } from '../rows';
import type { ApiOutput, ApiParsedInput } from '../../shared/api/contract';

export function listActivity(
  ctx: BackendContext,
  input: ApiParsedInput<'listActivity'>,
): ApiOutput<'listActivity'> {
  const where = [];
  if (input.incidentId) where.push(eq(activityLog.incidentId, input.incidentId));
  if (input.entityId) where.push(eq(activityLog.entityId, input.entityId));
  return ctx.db
    .select()
    .from(activityLog)
    .where(where.length ? and(...where) : undefined)
    .orderBy(desc(activityLog.hlc))
    .limit(input.limit)
    .all()
    .map(activityFromRow);
}

export const activityHandlers = {
  listActivity,
} satisfies Partial<Handlers>;
