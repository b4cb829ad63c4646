import type { ActivityEntry } from '../../../../shared/api/schemas';
import { translate, type Locale } from '../../../../shared/i18n';

/**
 * Who wrote a timeline entry, in the reader's language. The log stores a responder's answer by
 * link with the English actor "<name> via responder link" (other versions read it as is); its
 * params say `via: 'link'` and the name, so it is worded here instead.
 */
export function timelineActor(
  locale: Locale,
  entry: Pick<ActivityEntry, 'actor' | 'params'>,
): string {
  const name = entry.params.name;
  return entry.params.via === 'link' && typeof name === 'string'
    ? translate(locale, 'timeline.actorViaLink', { name })
    : entry.actor;
}
