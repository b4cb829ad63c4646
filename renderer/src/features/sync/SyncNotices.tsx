import { useState } from 'react';
import { isMessageKey, settingLabels } from '../../../../shared/i18n';
import { useI18n } from '../../i18n/I18nProvider';
import { formatDateTime } from '../../lib/format-time';
import { useSyncStatus } from './queries';
import './sync.css';

const DISMISSED_KEY = 'console.settingsNoticeDismissed';

function dismissedOpId(): string | null {
  try {
    return window.localStorage.getItem(DISMISSED_KEY);
  } catch {
    return null;
  }
}

/**
 * Sync facts a dispatcher must see without opening the network dialog: this console is behind
 * because it cannot store what others send (disk full, refused changes), and a network setting
 * was changed on another console (shown until dismissed; a newer change shows again).
 */
export function SyncNotices() {
  const { t, locale } = useI18n();
  const sync = useSyncStatus();
  const [dismissed, setDismissed] = useState(dismissedOpId);
  const behind = sync.data?.behind ?? null;
  const change = sync.data?.settingChanges?.[0] ?? null;
  const showChange = change && change.opId !== dismissed;
  if (!behind && !showChange) return null;
  return (
    <>
      {behind && (
        <span
          className="status-bar__item status-bar__warning"
          role="status"
          data-testid="sync-behind"
          data-reason={behind.reason}
        >
          ⚠ {isMessageKey(behind.text.kind) ? t(behind.text.kind, behind.text.params) : ''}
        </span>
      )}
      {showChange && (
        <span
          className="status-bar__item status-bar__warning"
          role="status"
          data-testid="settings-changed"
        >
          ⓘ{' '}
          {t('sync.settingsChangedBy', {
            actor: change.actor,
            keys: settingLabels(locale, change.keys),
          })}{' '}
          · <time dateTime={change.at}>{formatDateTime(locale, change.at)}</time>{' '}
          <button
            type="button"
            className="link-button"
            onClick={() => {
              try {
                window.localStorage.setItem(DISMISSED_KEY, change.opId);
              } catch {
                // Without storage the notice is dismissed until the console restarts.
              }
              setDismissed(change.opId);
            }}
          >
            {t('sync.settingsNoticeDismiss')}
          </button>
        </span>
      )}
    </>
  );
}
