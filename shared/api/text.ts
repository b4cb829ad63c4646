import { z } from 'zod';

/**
 * Text meant for people, as data: a message key of shared/i18n and its parameters. The backend
 * sends these and the renderer words them in the reader's language (shared/i18n `textFor`), so
 * no English sentence is built where the reader's language is unknown. Parameters that are
 * vocabulary codes (an incident type, a role) are shown as their labels.
 */
export const PeopleTextSchema = z.object({
  kind: z.string(),
  params: z.record(z.string(), z.union([z.string(), z.number()])),
});
export type PeopleText = z.output<typeof PeopleTextSchema>;

export const peopleText = (kind: string, params: PeopleText['params'] = {}): PeopleText => ({
  kind,
  params,
});
