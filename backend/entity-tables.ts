import { getTableColumns } from 'drizzle-orm';
import type { SQLiteTable } from 'drizzle-orm/sqlite-core';
import {
  activityLog,
  assignments,
  incidents,
  responders,
  settings,
  shifts,
  timings,
  responderLinks,
} from '../db/schema';
import type { EntityName } from '../shared/api/events';

/** Which table holds each synced entity, and which of its fields an op may set. */
export const ENTITY_TABLES: Record<EntityName, SQLiteTable> = {
  incident: incidents,
  responder: responders,
  assignment: assignments,
  setting: settings,
  activity: activityLog,
  timing: timings,
  shift: shifts,
  responderLink: responderLinks,
};

const writableFields = (table: SQLiteTable, only?: string[]): ReadonlySet<string> =>
  new Set(
    Object.keys(getTableColumns(table)).filter((f) => f !== 'id' && (!only || only.includes(f))),
  );

/**
 * Activity entries are created by their op (never by a change) and only their strike-through
 * fields can change afterwards: the log is append-only.
 */
export const WRITABLE_FIELDS: Record<EntityName, ReadonlySet<string>> = {
  incident: writableFields(incidents),
  responder: writableFields(responders),
  assignment: writableFields(assignments),
  setting: writableFields(settings),
  activity: writableFields(activityLog, ['struckAt', 'struckBy', 'correction']),
  timing: writableFields(timings),
  shift: writableFields(shifts),
  responderLink: writableFields(responderLinks),
};
