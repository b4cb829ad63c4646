import { z } from 'zod';
import { Empty, op } from './operation';
import { patchOf } from './patch';
import { IdempotencyKey } from './idempotency';
import { Id, ResponderFieldsSchema, ResponderSchema } from './schemas';
import { RESPONDER_ROLES } from '../domain/vocabulary';
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

/**
 * Every active responder as a map point, compact: [id, lat, lon, onCall (1/0)]. The map clusters
 * all of them; names come with getResponder when a point is hovered or selected.
 */
export const ResponderPointsOutput = z.array(
  z.tuple([Id, z.number(), z.number(), z.union([z.literal(0), z.literal(1)])]),
);

/** The roster: responders, and CSV import and export. */
export const rosterOperations = {
  listResponders: op(ListRespondersInput, z.array(ResponderSchema), 'The roster, filtered.'),
  listResponderPoints: op(
    Empty,
    ResponderPointsOutput,
    'Every active responder as a map point [id, lat, lon, onCall].',
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
