import { z } from 'zod';
import { Empty, op } from './operation';
import { patchOf } from './patch';
import { IdempotencyKey } from './idempotency';
import { Id, ResponderFieldsSchema, ResponderSchema } from './schemas';
import { RESPONDER_ROLES } from '../domain/vocabulary';
import { LanguageTagSchema } from '../domain/languages';
import {
  CommitRosterImportInput,
  CommitRosterImportOutput,
  ExportRosterOutput,
  PlanRosterImportInput,
  RosterImportPlanSchema,
  UndoImportMergeInput,
  UndoImportMergeOutput,
} from './roster-matching';

export const ListRespondersInput = z.strictObject({
  query: z.string().trim().max(100).default(''),
  includeInactive: z.boolean().default(false),
  town: z.string().trim().max(80).default(''),
  role: z.enum(RESPONDER_ROLES).optional(),
  /** Only people whose notes hold an import review line (⚑): the "needs review" list. */
  needsReview: z.boolean().default(false),
  limit: z.number().int().min(1).max(5000).default(1000),
});

/** The most rows one page of the roster carries: what a screen shows, many times over. */
export const ROSTER_PAGE_MAX = 500;

/**
 * One page of the roster in name order, filtered in the database over everyone (no cap): the
 * roster panel asks for the rows in view and says "N of M" from the totals.
 */
export const PageRespondersInput = z.strictObject({
  query: z.string().trim().max(100).default(''),
  status: z.enum(['active', 'inactive', 'all']).default('active'),
  town: z.string().trim().max(80).default(''),
  role: z.enum(RESPONDER_ROLES).optional(),
  language: LanguageTagSchema.optional(),
  /** On call now ('on') or not ('off'). */
  duty: z.enum(['on', 'off']).optional(),
  offset: z.number().int().min(0).max(10_000_000).default(0),
  limit: z.number().int().min(1).max(ROSTER_PAGE_MAX).default(100),
});
export const ResponderPageSchema = z.object({
  /** Everyone matching the search and filters. */
  total: z.number().int(),
  /** Everyone with the same status (active, inactive or all), before search and filters. */
  population: z.number().int(),
  offset: z.number().int(),
  rows: z.array(ResponderSchema),
});

/** The roster: responders, and CSV import and export. */
export const rosterOperations = {
  listResponders: op(ListRespondersInput, z.array(ResponderSchema), 'The roster, filtered.'),
  pageResponders: op(
    PageRespondersInput,
    ResponderPageSchema,
    'One page of the roster in name order, searched and filtered over everyone, with totals.',
  ),
  locateResponder: op(
    PageRespondersInput.omit({ offset: true, limit: true }).extend({ id: Id }).strict(),
    z.object({ index: z.number().int().nullable() }),
    "Where a responder sits in the roster's name order under a search and filters (null: not shown).",
  ),
  getResponder: op(z.strictObject({ id: Id }), ResponderSchema, 'One responder.'),
  createResponder: op(
    ResponderFieldsSchema.extend({ idempotencyKey: IdempotencyKey }).strict(),
    ResponderSchema,
    'Adds a responder to the roster.',
  ),
  updateResponder: op(
    z.strictObject({ id: Id, changes: patchOf(ResponderFieldsSchema) }),
    ResponderSchema,
    'Edits a responder. Deactivate with { active: false }; responders are never deleted.',
  ),
  planRosterImport: op(
    PlanRosterImportInput,
    RosterImportPlanSchema,
    'Dry run of a roster CSV import: column mapping, rows to add, likely duplicates, problem rows by line. Writes nothing.',
  ),
  commitRosterImport: op(
    CommitRosterImportInput,
    CommitRosterImportOutput,
    'Imports the good rows of a roster CSV in one transaction; duplicates merged or skipped per line.',
  ),
  undoImportMerge: op(
    UndoImportMergeInput,
    UndoImportMergeOutput,
    'Undoes one merge of an import: the responder goes back to how it was, the merged row is added as its own person.',
  ),
  exportRoster: op(
    Empty,
    ExportRosterOutput,
    'The whole roster as CSV in the columns import reads.',
  ),
} as const;
