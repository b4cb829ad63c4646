import { and, asc, eq, sql } from 'drizzle-orm';
import type { BackendContext } from '../context';
import { responders } from '../../db/schema';
import { responderFromRow } from '../rows';
import { ftsPrefixMatch } from '../fts-match';
import { mutate } from '../mutation';
import { uuidv7 } from '../../shared/ids';
import { refusal } from '../refusal';
import type { ApiOutput, ApiParsedInput } from '../../shared/api/contract';
import { REVIEW_MARK } from '../../shared/roster/import-notes';
import type { Responder } from '../../shared/api/schemas';

export function loadResponder(ctx: BackendContext, id: string): Responder {
  const row = ctx.db.select().from(responders).where(eq(responders.id, id)).get();
  if (!row) throw refusal('not_found', 'error.notFound.responder');
  return responderFromRow(row);
}

export function listResponders(
  ctx: BackendContext,
  input: ApiParsedInput<'listResponders'>,
): ApiOutput<'listResponders'> {
  const where = [];
  if (!input.includeInactive) where.push(eq(responders.active, true));
  if (input.town) where.push(eq(responders.homeTown, input.town));
  if (input.role)
    where.push(
      sql`EXISTS (SELECT 1 FROM json_each(${responders.roles}) WHERE value = ${input.role})`,
    );
  if (input.needsReview)
    where.push(
      sql`(${responders.notes} LIKE ${`${REVIEW_MARK}%`} OR ${responders.notes} LIKE ${`%\n${REVIEW_MARK}%`})`,
    );
  const match = ftsPrefixMatch(input.query);
  if (match)
    where.push(
      sql`${responders}.rowid IN (SELECT rowid FROM responders_fts WHERE responders_fts MATCH ${match})`,
    );
  else if (input.query) where.push(sql`0`); // only punctuation: nothing matches
  return ctx.db
    .select()
    .from(responders)
    .where(where.length ? and(...where) : undefined)
    .orderBy(asc(responders.name))
    .limit(input.limit)
    .all()
    .map(responderFromRow);
}

export function getResponder(
  ctx: BackendContext,
  input: ApiParsedInput<'getResponder'>,
): ApiOutput<'getResponder'> {
  return loadResponder(ctx, input.id);
}

export function createResponder(
  ctx: BackendContext,
  input: ApiParsedInput<'createResponder'>,
): ApiOutput<'createResponder'> {
  const now = new Date(ctx.now()).toISOString();
  const id = uuidv7(ctx.now());
  mutate(ctx, {
    activity: {
      kind: 'responder.created',
      message: `Responder added: ${input.name} (${input.homeTown})`,
      params: { name: input.name, town: input.homeTown },
      entity: 'responder',
      entityId: id,
      incidentId: null,
    },
    changes: [
      {
        entity: 'responder',
        id,
        create: true,
        fields: { ...input, createdAt: now, updatedAt: now },
      },
    ],
  });
  return loadResponder(ctx, id);
}

export function updateResponder(
  ctx: BackendContext,
  input: ApiParsedInput<'updateResponder'>,
): ApiOutput<'updateResponder'> {
  const before = loadResponder(ctx, input.id);
  const changed = Object.keys(input.changes);
  const deactivating = input.changes.active === false && before.active;
  mutate(ctx, {
    activity: {
      kind: deactivating ? 'responder.deactivated' : 'responder.updated',
      message: deactivating
        ? `Responder deactivated: ${before.name}`
        : `Responder ${before.name} changed: ${changed.join(', ')}`,
      params: { name: before.name, fields: changed.join(', ') },
      entity: 'responder',
      entityId: before.id,
      incidentId: null,
    },
    changes: [
      {
        entity: 'responder',
        id: before.id,
        create: false,
        fields: { ...input.changes, updatedAt: new Date(ctx.now()).toISOString() },
      },
    ],
  });
  return loadResponder(ctx, before.id);
}
