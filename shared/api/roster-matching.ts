/**
 * Contract schemas for the roster import/export and matching operations. Kept apart
 * from schemas.ts so the roster and matching modules own their shapes; roster.ts and matching.ts
 * declare the operations.
 */
import { z } from 'zod';
import { Id, ResponderFieldsSchema } from './schemas';
import { RESPONDER_ROLES, ASSIGNMENT_STATUSES, DECLINE_REASONS } from '../domain/vocabulary';
import { LanguageTagSchema } from '../domain/languages';
import { ROSTER_FIELDS } from '../roster/columns';
import { PROBLEM_KINDS, WARNING_KINDS } from '../roster/import-notes';
import { EXCLUSION_REASONS } from '../matching/engine';
import { TeamPlanSchema, TeamSlotSchema } from '../matching/team';

// ---------- roster import / export ----------

/** One entry per CSV column: the responder field it feeds, or null to ignore the column. */
export const ColumnMappingSchema = z.array(z.enum(ROSTER_FIELDS).nullable()).max(200);

const MAX_CSV_CHARS = 20_000_000;
const csvText = z.string().max(MAX_CSV_CHARS, 'The file is too large (20 MB at most)');
const csvBase64 = z
  .string()
  .max(Math.ceil((MAX_CSV_CHARS * 4) / 3) + 4, 'The file is too large (20 MB at most)')
  .regex(/^[A-Za-z0-9+/=\s]*$/, 'Not base64 data');

export const PlanRosterImportInput = z
  .strictObject({
    /** Text already decoded (CLI, tests). */
    csvText: csvText.optional(),
    /** The file's raw bytes, so the encoding (UTF-8, BOM, Windows-1252) can be detected. */
    csvBase64: csvBase64.optional(),
    /** Omit for the suggested mapping. */
    mapping: ColumnMappingSchema.optional(),
  })
  .refine((v) => (v.csvText === undefined) !== (v.csvBase64 === undefined), {
    message: 'Give the file as csvText or csvBase64 (one of them)',
    path: ['csvBase64'],
  });

export const DuplicateActionSchema = z.enum(['merge', 'skip', 'add']);

/** A reason or warning for people: `{kind, params}`, translated under `importNote.<kind>`. */
const ImportNoteSchema = z.object({
  kind: z.enum([...PROBLEM_KINDS, ...WARNING_KINDS]),
  params: z.record(z.string(), z.union([z.string(), z.number()])),
});
const SummaryPartSchema = z.object({
  kind: z.string(),
  params: z.record(z.string(), z.union([z.string(), z.number()])),
});
const PlannedRowSchema = z.object({
  line: z.number().int(),
  fields: ResponderFieldsSchema,
  warnings: z.array(ImportNoteSchema),
});
const RowProblemSchema = z.object({
  line: z.number().int(),
  kind: z.enum(PROBLEM_KINDS),
  params: z.record(z.string(), z.union([z.string(), z.number()])),
  /** The same in English (CLI, logs). */
  reason: z.string(),
});

export const RosterImportPlanSchema = z.object({
  encoding: z.string(),
  delimiter: z.string(),
  headers: z.array(z.string()),
  mapping: ColumnMappingSchema,
  mappingNotes: z.array(ImportNoteSchema),
  mappingProblems: z.array(z.string()),
  totalRows: z.number().int(),
  rowsToAdd: z.array(PlannedRowSchema),
  duplicates: z.array(
    PlannedRowSchema.extend({
      matchedBy: z.enum(['phone', 'name_town', 'phone_and_name']),
      match: z.discriminatedUnion('kind', [
        z.object({
          kind: z.literal('roster'),
          responderId: z.string(),
          name: z.string(),
          homeTown: z.string(),
        }),
        z.object({
          kind: z.literal('file'),
          line: z.number().int(),
          name: z.string(),
          homeTown: z.string(),
        }),
      ]),
      proposedAction: z.enum(['merge', 'review']),
    }),
  ),
  problems: z.array(RowProblemSchema),
  summary: z.array(SummaryPartSchema),
});

export const CommitRosterImportInput = z
  .strictObject({
    csvText: csvText.optional(),
    csvBase64: csvBase64.optional(),
    mapping: ColumnMappingSchema,
    /** Per duplicate line ("12": "merge"); lines not named take the proposed action. */
    decisions: z
      .record(
        z.string().regex(/^\d{1,7}$/, 'Decisions are keyed by line number'),
        DuplicateActionSchema,
      )
      .default({}),
  })
  .refine((v) => (v.csvText === undefined) !== (v.csvBase64 === undefined), {
    message: 'Give the file as csvText or csvBase64 (one of them)',
    path: ['csvBase64'],
  });

export const CommitRosterImportOutput = z.object({
  added: z.number().int(),
  merged: z.number().int(),
  skipped: z.number().int(),
  /** People imported with warnings (their notes carry the review lines). */
  review: z.number().int(),
  problems: z.array(RowProblemSchema),
  /** Per imported line, what could not be read. */
  warnings: z.array(z.object({ line: z.number().int(), warnings: z.array(ImportNoteSchema) })),
  lines: z.object({
    added: z.array(z.number().int()),
    merged: z.array(z.number().int()),
    skipped: z.array(z.number().int()),
  }),
  /** Activity entries of the merges, for undoMergedImport. */
  merges: z.array(z.object({ line: z.number().int(), activityId: z.string() })),
  summary: z.array(SummaryPartSchema),
});

export const UndoImportMergeInput = z.strictObject({ activityId: Id });
export const UndoImportMergeOutput = z.object({ restoredId: Id, addedId: Id });

/** Progress of a long plan or commit, pushed as events while it runs. */
export const ImportProgressSchema = z.object({
  phase: z.enum(['plan', 'commit']),
  done: z.number().int(),
  total: z.number().int(),
});

export type ImportProgress = z.output<typeof ImportProgressSchema>;

export const ExportRosterOutput = z.object({ csv: z.string(), fileName: z.string() });

// ---------- matching ----------

export const ExplanationPartSchema = z.object({
  kind: z.string(),
  params: z.record(z.string(), z.union([z.string(), z.number(), z.boolean(), z.null()])),
});

export const CandidateSchema = z.object({
  responderId: z.string(),
  name: z.string(),
  role: z.enum(RESPONDER_ROLES),
  homeTown: z.string(),
  homeLat: z.number(),
  homeLon: z.number(),
  hasCar: z.boolean(),
  onCall: z.boolean(),
  distanceKm: z.number(),
  travelMinutes: z.number(),
  score: z.number(),
  components: z.object({
    travel: z.number(),
    language: z.number(),
    roleFit: z.number(),
    training: z.number(),
    fairness: z.number(),
  }),
  explanation: z.object({ parts: z.array(ExplanationPartSchema), text: z.string() }),
  /** Already said no to this incident: ranked last and marked. */
  declinedHere: z.enum(DECLINE_REASONS).optional(),
});
export type CandidateView = z.output<typeof CandidateSchema>;

export const BusyCandidateSchema = CandidateSchema.extend({
  busyWith: z.object({
    incidentId: z.string(),
    role: z.string(),
    status: z.enum(ASSIGNMENT_STATUSES),
  }),
});

export const ExcludedCountsSchema = z.record(z.enum(EXCLUSION_REASONS), z.number().int());

export const MatchCandidatesInput = z.strictObject({
  incidentId: Id,
  /** Absent: the first open slot of the incident's team plan (and its language). */
  role: z.enum(RESPONDER_ROLES).optional(),
  limit: z.number().int().min(1).max(200).default(20),
  /** Interpreters: the language needed (defaults to the incident's). */
  language: LanguageTagSchema.optional(),
});

export const MatchCandidatesOutput = z.object({
  /** The role ranked (the one asked for, or the first open slot's). */
  role: z.enum(RESPONDER_ROLES),
  candidates: z.array(CandidateSchema),
  busy: z.array(BusyCandidateSchema),
  unavailable: z.array(CandidateSchema),
  excludedCounts: ExcludedCountsSchema,
  eligibleCount: z.number().int(),
});

export const UnfilledReasonSchema = z.object({
  code: z.enum(['none_found', 'short', 'below_minimum']),
  found: z.number().int(),
  needed: z.number().int(),
  minimum: z.number().int(),
  excluded: z.array(z.object({ reason: z.enum(EXCLUSION_REASONS), count: z.number().int() })),
  text: z.string(),
});

export const SuggestTeamOutput = z.object({
  isDefaultPlan: z.boolean(),
  slots: z.array(
    z.object({
      role: z.enum(RESPONDER_ROLES),
      alternatives: z.array(z.enum(RESPONDER_ROLES)),
      needed: z.number().int(),
      minimum: z.number().int(),
      language: LanguageTagSchema.nullable(),
      filled: z.array(CandidateSchema),
      unfilledReason: UnfilledReasonSchema.nullable(),
    }),
  ),
});

export const TeamPlanView = z.object({
  incidentId: Id,
  slots: TeamPlanSchema,
  /** True when no plan was saved and these are the defaults for the incident's type and triage. */
  isDefault: z.boolean(),
  defaultSlots: TeamPlanSchema,
});

export const UpdateTeamPlanInput = z.strictObject({
  incidentId: Id,
  /** The new plan; null goes back to the default for the incident's type and triage. */
  slots: z.array(TeamSlotSchema).max(20).nullable(),
});
