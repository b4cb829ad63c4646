import { z } from 'zod';
import { op } from './operation';
import { PeopleTextSchema } from './text';
import { IdempotencyKey } from './idempotency';
import { AssignmentSchema, Id, IsoTime } from './schemas';
import { CandidateSchema } from './roster-matching';
import { ASSIGNMENT_STATUSES, DECLINE_REASONS, RESPONDER_ROLES } from '../domain/vocabulary';

/** Schemas of the assignment operations (drag-to-assign, lifecycle, check-ins, board, alerts). */
export const AssignmentViewSchema = AssignmentSchema.extend({
  responderName: z.string(),
  responderTown: z.string(),
  /** English; `incidentText` is the same for people, worded in the reader's language. */
  incidentLabel: z.string(),
  incidentText: PeopleTextSchema,
  checkInOverdue: z.boolean(),
  /** Still "proposed" past the check-in limit: nobody told the responder yet. */
  proposalStale: z.boolean(),
});
export type AssignmentView = z.output<typeof AssignmentViewSchema>;

export const CreateAssignmentInput = z.strictObject({
  incidentId: Id,
  responderId: Id,
  /** Defaults to the best-fitting open slot of the incident's team plan. */
  role: z.enum(RESPONDER_ROLES).optional(),
  /** Required when the assignment trips a guard (busy elsewhere, off duty, training, risk). */
  overrideReason: z.string().trim().min(3, 'Say why (at least 3 characters)').max(300).optional(),
  /** What the dispatcher saw when the drag began; a different state now means a stale board. */
  expectedBusy: z.boolean().optional(),
  idempotencyKey: IdempotencyKey,
});

export const AdvanceAssignmentInput = z
  .strictObject({
    id: Id,
    to: z.enum(ASSIGNMENT_STATUSES),
    expectedFrom: z.enum(ASSIGNMENT_STATUSES),
    etaMinutes: z.number().int().min(1).max(600).optional(),
    declineReason: z.enum(DECLINE_REASONS).optional(),
    note: z.string().trim().max(500).optional(),
  })
  .refine((a) => a.to !== 'declined' || a.declineReason !== undefined, {
    message: 'Choose why they declined',
    path: ['declineReason'],
    params: { kind: 'fieldError.declineReason' },
  });

export const AdvanceAssignmentOutput = z.object({
  assignment: AssignmentViewSchema,
  /** After a decline: the best remaining candidate for the same role, if any. */
  nextCandidate: CandidateSchema.nullable(),
});

export const ResponderBoardGroup = z.enum([
  'available',
  'proposed',
  'notified',
  'en_route',
  'on_scene',
  'off_duty',
]);
export const ResponderBoardRowSchema = z.object({
  responderId: Id,
  name: z.string(),
  town: z.string(),
  roles: z.array(z.enum(RESPONDER_ROLES)),
  group: ResponderBoardGroup,
  assignmentId: Id.nullable(),
  incidentId: Id.nullable(),
  incidentLabel: z.string().nullable(),
  incidentText: PeopleTextSchema.nullable(),
  role: z.enum(RESPONDER_ROLES).nullable(),
  since: IsoTime.nullable(),
  checkInOverdue: z.boolean(),
  proposalStale: z.boolean(),
});
export const ResponderBoardSchema = z.object({
  /** Each group's first people by name (as many as asked for), groups in board order. */
  rows: z.array(ResponderBoardRowSchema),
  /** Everyone in each group, over the whole roster (after the town and role filters). */
  counts: z.record(ResponderBoardGroup, z.number().int()),
  /** Every town an active responder lives in, for the filter. */
  towns: z.array(z.string()),
});

/** The most people one group of the board lists at once. */
export const BOARD_GROUP_MAX = 500;
const GroupLimit = z.number().int().min(1).max(BOARD_GROUP_MAX);
export const ResponderBoardInput = z.strictObject({
  town: z.string().trim().max(80).default(''),
  role: z.enum(RESPONDER_ROLES).optional(),
  /** People listed per group unless `limits` says otherwise for it. */
  limit: GroupLimit.default(50),
  limits: z
    .strictObject(
      Object.fromEntries(ResponderBoardGroup.options.map((g) => [g, GroupLimit.optional()])) as {
        [G in z.infer<typeof ResponderBoardGroup>]: z.ZodOptional<typeof GroupLimit>;
      },
    )
    .default({}),
});

export const AlertTextSchema = z.object({
  text: z.string(),
  locales: z.array(z.enum(['en', 'es'])),
});

/** Assignments: who goes where, their lifecycle, check-ins, the board and alerts. */
export const assignmentOperations = {
  createAssignment: op(
    CreateAssignmentInput,
    AssignmentViewSchema,
    'Assigns a responder to an incident (drag or keyboard). Guards need an override reason.',
  ),
  advanceAssignment: op(
    AdvanceAssignmentInput,
    AdvanceAssignmentOutput,
    'One step of the assignment lifecycle; a decline offers the next candidate.',
  ),
  logCheckIn: op(
    z.strictObject({ id: Id, note: z.string().trim().max(500).optional() }),
    AssignmentViewSchema,
    'Records that a responder in the field checked in.',
  ),
  undoLastAssignmentAction: op(
    z.strictObject({}),
    z.object({ undone: PeopleTextSchema }),
    "Reverses this console's last assignment action with a compensating change; `undone` words what was undone.",
  ),
  listAssignments: op(
    z.strictObject({ incidentId: Id.optional(), activeOnly: z.boolean().default(false) }),
    z.array(AssignmentViewSchema),
    'Assignments, newest first, with names and overdue check-in flags.',
  ),
  getResponderBoard: op(
    ResponderBoardInput,
    ResponderBoardSchema,
    'Everyone active today grouped by status, with incident, role and time in status.',
  ),
  getAlertText: op(
    z.strictObject({ assignmentId: Id }),
    AlertTextSchema,
    "A ready-to-send alert in the responder's language.",
  ),
} as const;
