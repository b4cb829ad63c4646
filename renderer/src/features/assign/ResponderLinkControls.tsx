import { useState } from 'react';
import type { AssignmentView } from '../../../../shared/api/assignments';
import type { ResponderLinkView } from '../../../../shared/api/links';
import type { MessageKey } from '../../../../shared/i18n/en';
import { useBridge } from '../../api/BridgeProvider';
import { useI18n } from '../../i18n/I18nProvider';
import { useAssign } from './AssignProvider';
import { useResponderLinks } from './queries';
import { linkStatusText } from './link-status';
import { useErrorText } from '../../lib/error-text';

/**
 * One assignment's responder link in the team panel: make it, copy it, show it as a QR code,
 * revoke it, and read what the phone answered ("accepted via link 14:02, ETA 8 min") as it
 * lands.
 */
export function ResponderLinkControls({
  a,
  disabled,
  onError,
}: {
  a: AssignmentView;
  disabled: boolean;
  onError: (message: string | null) => void;
}) {
  const { t, locale } = useI18n();
  const describeError = useErrorText();
  const { bridge } = useBridge();
  const { announce } = useAssign();
  const links = useResponderLinks({ assignmentId: a.id });
  const [qr, setQr] = useState<string | null>(null);
  const latest = links.data?.[0] ?? null;
  const live = latest?.live ? latest : null;
  const statusText = latest ? wordLinkStatus(latest, t, locale) : null;

  const make = async () => {
    onError(null);
    const r = await bridge.api.createResponderLink({ assignmentId: a.id });
    if (!r.ok) return onError(describeError(r.error));
    announce(t('link.made', { name: a.responderName }));
    links.reload();
  };
  const copy = async () => {
    if (!live) return;
    try {
      await navigator.clipboard.writeText(live.url);
      announce(t('link.copied', { name: a.responderName }));
    } catch {
      onError(t('link.copyFailed', { url: live.url }));
    }
  };
  const showQr = async () => {
    if (!live) return;
    if (qr) return setQr(null);
    const r = await bridge.api.getResponderLinkQr({ linkId: live.linkId });
    if (!r.ok) return onError(describeError(r.error));
    setQr(r.value.dataUrl);
  };
  const revoke = async () => {
    if (!live) return;
    const r = await bridge.api.revokeResponderLink({ linkId: live.linkId });
    if (!r.ok) return onError(describeError(r.error));
    setQr(null);
    announce(t('link.revoked', { name: a.responderName }));
    links.reload();
  };
  const action = (key: MessageKey) =>
    t('crew.actionLabel', { action: t(key), name: a.responderName });

  return (
    <div className="team-member__link">
      {statusText && (
        <span className="team-member__link-status" data-testid="link-status">
          {statusText}
        </span>
      )}
      {!disabled && (
        <span className="team-member__actions">
          {live ? (
            <>
              <button
                type="button"
                className="button button--small"
                aria-label={action('link.copy')}
                onClick={() => void copy()}
              >
                {t('link.copy')}
              </button>
              <button
                type="button"
                className="button button--small"
                aria-label={action('link.qr')}
                aria-expanded={qr !== null}
                onClick={() => void showQr()}
              >
                {t('link.qr')}
              </button>
              <button
                type="button"
                className="button button--small"
                aria-label={action('link.revoke')}
                onClick={() => void revoke()}
              >
                {t('link.revoke')}
              </button>
            </>
          ) : (
            <button
              type="button"
              className="button button--small"
              data-testid="make-link"
              aria-label={action('link.make')}
              onClick={() => void make()}
            >
              {t('link.make')}
            </button>
          )}
        </span>
      )}
      {qr && live && (
        <img
          className="team-member__qr"
          src={qr}
          width={180}
          height={180}
          alt={t('link.qrAlt', { name: a.responderName })}
        />
      )}
    </div>
  );
}

/** The status board's view: each assignment's latest link, worded ("link opened 14:01"). */
export function useLinkStatusLines(): ReadonlyMap<string, string> {
  const { t, locale } = useI18n();
  const links = useResponderLinks({});
  const lines = new Map<string, string>();
  for (const link of links.data ?? [])
    if (!lines.has(link.assignmentId))
      lines.set(link.assignmentId, wordLinkStatus(link, t, locale));
  return lines;
}

function wordLinkStatus(
  link: ResponderLinkView,
  t: ReturnType<typeof useI18n>['t'],
  locale: string,
): string {
  const time = (iso: string) =>
    new Date(iso).toLocaleTimeString(locale, { hour: '2-digit', minute: '2-digit' });
  const status = linkStatusText(link, time);
  const answer = status.params.answer;
  return t(status.key, {
    ...status.params,
    ...(answer ? { answer: t(answer as MessageKey) } : {}),
  });
}
