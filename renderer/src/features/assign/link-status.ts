import type { ResponderLinkView } from '../../../../shared/api/links';
import type { MessageKey } from '../../../../shared/i18n/en';

/** The one line a dispatcher reads about a link: answered, opened, waiting, or dead. */
export function linkStatusText(
  link: ResponderLinkView,
  time: (iso: string) => string,
): { key: MessageKey; params: Record<string, string | number> } {
  if (link.lastAnswerKind && link.lastAnswerAt) {
    const answer = `link.answer.${link.lastAnswerKind}` as MessageKey;
    const params = { answer, time: time(link.lastAnswerAt) };
    return link.lastEtaMinutes
      ? { key: 'link.status.answeredEta', params: { ...params, eta: link.lastEtaMinutes } }
      : { key: 'link.status.answered', params };
  }
  if (!link.live) return { key: 'link.status.dead', params: {} };
  if (link.openedAt) return { key: 'link.status.opened', params: { time: time(link.openedAt) } };
  return { key: 'link.status.waiting', params: {} };
}
