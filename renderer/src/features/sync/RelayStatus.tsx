import { useState } from 'react';
import { createPortal } from 'react-dom';
import type { RelayState } from '../../../../shared/api/contract';
import { useI18n } from '../../i18n/I18nProvider';
import { useShiftState } from '../shifts/queries';
import { NetworkDialog } from './NetworkDialog';
import {
  RELAY_TONE,
  TONE_GLYPH,
  noticeText,
  peersText,
  pendingText,
  relayStateText,
} from './relayText';
import { useSyncStatus } from './queries';
import { SyncNotices } from './SyncNotices';
import './sync.css';

/**
 * The status bar's relay part: the state in words (with a shape, never colour alone), changes
 * waiting, the other dispatchers online and open conflicts.
 */
export function RelayStatus({ relay }: { relay: RelayState | undefined }) {
  const { t } = useI18n();
  const sync = useSyncStatus();
  const live = relay ?? sync.data?.relay;
  const tone = live ? RELAY_TONE[live.state] : 'neutral';
  const conflicts = sync.data?.openConflicts ?? 0;
  const notice = noticeText(t, live);

  return (
    <>
      <span
        className={`status-bar__item relay-status relay-status--${tone}`}
        data-testid="relay-state"
        data-state={live?.state ?? 'unknown'}
      >
        <span className="relay-status__glyph" aria-hidden="true">
          {TONE_GLYPH[tone]}
        </span>
        {t('statusBar.relay')}: <strong>{live ? relayStateText(t, live.state) : '…'}</strong>
        {live && live.pendingChanges > 0 && (
          <>
            {' · '}
            <span data-testid="relay-pending">{pendingText(t, live.pendingChanges)}</span>
          </>
        )}
      </span>
      {notice && (
        <span className="status-bar__item status-bar__warning" data-testid="relay-notice">
          ⚠ {notice}
        </span>
      )}
      {live && live.state !== 'local_only' && (
        <span
          className="status-bar__item relay-peers"
          data-testid="relay-peers"
          title={t('sync.peersLabel')}
        >
          {peersText(t, live.peers)}
        </span>
      )}
      {conflicts > 0 && (
        <span className="status-bar__item status-bar__warning" data-testid="sync-conflicts">
          ⚠{' '}
          {conflicts === 1
            ? t('sync.oneConflictOpen')
            : t('sync.conflictsOpen', { count: conflicts })}
        </span>
      )}
      <SyncNotices />
    </>
  );
}

/**
 * Opens the network dialog. Offered only while a dispatcher is on shift and the console is
 * unlocked: joining another relay sends this console's whole log there.
 */
export function NetworkButton() {
  const { t } = useI18n();
  const shift = useShiftState();
  const [open, setOpen] = useState(false);
  const canManage = !!shift.data?.shift && !shift.data.locked;
  if (!canManage) return null;
  return (
    <>
      <button
        type="button"
        className="link-button relay-status__open"
        aria-haspopup="dialog"
        onClick={() => setOpen(true)}
        data-testid="network-button"
      >
        {t('sync.openDialog')}
      </button>
      {open && createPortal(<NetworkDialog onClose={() => setOpen(false)} />, document.body)}
    </>
  );
}
