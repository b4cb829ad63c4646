import { z } from 'zod';
import { Empty, op } from './operation';
import { patchOf } from './patch';
import { Id, SettingsSchema } from './schemas';
import { RelayStateSchema } from './sync';

/**
 * The name stored (and written into the activity log) while nobody has named themselves: the
 * renderer shows it as "no dispatcher signed on" in the reader's language, never as a name.
 */
export const DEFAULT_DISPATCHER = 'Dispatcher';

export const SessionSchema = z.object({
  deviceId: Id,
  dispatcherName: z.string(),
  relay: RelayStateSchema,
  settings: SettingsSchema,
  mode: z.enum(['electron', 'browser']),
});
export type Session = z.output<typeof SessionSchema>;

/** Who is on this console, and the network settings. */
export const sessionOperations = {
  getSession: op(
    Empty,
    SessionSchema,
    'Who is on this console, its device id, relay state and settings.',
  ),
  setDispatcherName: op(
    z.strictObject({ name: z.string().trim().min(1, 'Name is required').max(60) }),
    SessionSchema,
    'Names the dispatcher that changes on this console are attributed to.',
  ),
  updateSettings: op(patchOf(SettingsSchema), SettingsSchema, 'Changes network settings.'),
} as const;
