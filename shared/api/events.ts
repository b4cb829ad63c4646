import { z } from 'zod';
import { RelayStateSchema } from './sync';
import { ImportProgressSchema } from './roster-matching';

/** Everything the backend pushes to open consoles. Panels refetch what a `changed` event names. */
export const ENTITY_NAMES = [
  'incident',
  'responder',
  'assignment',
  'setting',
  'activity',
  'timing',
  'shift',
  'responderLink',
] as const;
export type EntityName = (typeof ENTITY_NAMES)[number];

export const BackendEventSchema = z.discriminatedUnion('type', [
  z.object({
    type: z.literal('changed'),
    entities: z.array(
      z.object({
        entity: z.enum(ENTITY_NAMES),
        id: z.string(),
        /** Named because an activity entry or an assignment is about it; its row is unchanged. */
        via: z.enum(['activity', 'assignment']).optional(),
      }),
    ),
    origin: z.enum(['local', 'remote']),
  }),
  z.object({ type: z.literal('relay'), relay: RelayStateSchema }),
  /** A roster import running on this console: the dialog's progress bar. */
  z.object({ type: z.literal('importProgress'), progress: ImportProgressSchema }),
]);
export type BackendEvent = z.output<typeof BackendEventSchema>;
