import { z } from 'zod';
import { Empty, op } from './operation';
import { Id } from './schemas';
import {
  BriefingOutputSchema,
  DispatcherNameSchema,
  EndShiftOutputSchema,
  HandoffBriefSchema,
  PageLanguagesSchema,
  PaperSchema,
  EnteredPinSchema,
  NewPinSchema,
  ConsolePassphraseSchema,
  ShiftMetricsSchema,
  ShiftSchema,
  ShiftStateSchema,
} from './shift-schemas';
import { NEW_PIN_MESSAGE, PIN_MAX_DIGITS, PIN_MIN_DIGITS } from '../shifts/pin-rules';

/** Dispatch shifts (sign-on, lock, hand-off, metrics) and the printed pages they produce. */
export const shiftOperations = {
  getBriefing: op(
    z.strictObject({
      incidentId: Id,
      paper: PaperSchema.default('letter'),
      languages: PageLanguagesSchema.default(['en', 'es']),
      /** A public meeting place chosen by the dispatcher, printed instead of the block. */
      meetingPlace: z.string().trim().max(120).optional(),
    }),
    BriefingOutputSchema,
    'The one-page rally briefing for an incident (self-contained HTML) and what it is missing.',
  ),
  getShiftState: op(
    Empty,
    ShiftStateSchema,
    'Who is on shift at this console, whether it is locked, and any unacknowledged hand-off.',
  ),
  signOn: op(
    z
      .strictObject({
        name: DispatcherNameSchema,
        pin: EnteredPinSchema,
        /** First sign-on on this console: registers the name with this PIN. */
        newDispatcher: z.boolean().default(false),
        /** Ends a shift still open on this console (its brief is written automatically). */
        takeOver: z.boolean().default(false),
        /** Needed to take over while the console is locked: the console passphrase. */
        consolePassphrase: ConsolePassphraseSchema.optional(),
      })
      .superRefine((input, issues) => {
        if (input.newDispatcher && !NewPinSchema.safeParse(input.pin).success)
          issues.addIssue({
            code: 'custom',
            path: ['pin'],
            message: NEW_PIN_MESSAGE,
            params: { kind: 'fieldError.newPin', min: PIN_MIN_DIGITS, max: PIN_MAX_DIGITS },
          });
      }),
    ShiftStateSchema,
    'Signs a dispatcher on with name and PIN (rate-limited) and starts their shift.',
  ),
  previewHandoff: op(
    z.strictObject({ notes: z.string().trim().max(2000).default('') }),
    HandoffBriefSchema,
    'The hand-off brief that ending the shift now would write (nothing is stored).',
  ),
  endShift: op(
    z.strictObject({
      notes: z.string().trim().max(2000).default(''),
      /** Required when the brief has items needing attention (overdue verifications, check-ins). */
      confirmAttention: z.boolean().default(false),
    }),
    EndShiftOutputSchema,
    'Ends the shift on this console and writes the automatic hand-off brief.',
  ),
  acknowledgeHandoff: op(
    z.strictObject({ shiftId: Id }),
    ShiftSchema,
    'The arriving dispatcher acknowledges a hand-off brief (recorded).',
  ),
  lockConsole: op(Empty, ShiftStateSchema, 'Locks the console behind the PIN (idle lock).'),
  unlockConsole: op(
    z.strictObject({ pin: z.string().max(PIN_MAX_DIGITS) }),
    ShiftStateSchema,
    "Unlocks the console with the on-shift dispatcher's PIN (rate-limited).",
  ),
  getShiftMetrics: op(
    z.strictObject({ shiftId: Id.optional() }),
    ShiftMetricsSchema,
    'p50/p90 of the four dispatch intervals in a shift (the open one by default) vs the 60 s target.',
  ),
  getHandoffBriefPage: op(
    z.strictObject({
      shiftId: Id,
      paper: PaperSchema.default('letter'),
      locale: z.enum(['en', 'es']).default('en'),
    }),
    BriefingOutputSchema.omit({ missing: true }),
    'A hand-off brief as a printable page (self-contained HTML).',
  ),
  listShifts: op(
    z.strictObject({ limit: z.number().int().min(1).max(200).default(20) }),
    z.array(ShiftSchema),
    'Recent shifts on every console, newest first.',
  ),
} as const;
