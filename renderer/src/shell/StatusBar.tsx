import type { RelayState } from '../../../shared/api/contract';
import { useI18n } from '../i18n/I18nProvider';
import { NetworkButton, RelayStatus } from '../features/sync/RelayStatus';

interface Props {
  relay: RelayState | undefined;
  dispatcherName: string;
  deviceId: string | undefined;
  openIncidents: number | undefined;
  connected: boolean;
}

/** The bottom line: relay, who is dispatching, this device, how many incidents are open. */
export function StatusBar({ relay, dispatcherName, deviceId, openIncidents, connected }: Props) {
  const { t } = useI18n();
  return (
    <footer className="status-bar" aria-label={t('statusBar.label')} data-testid="status-bar">
      {/* Only the relay state is a live region: the rest changes rarely and would be noise. */}
      <span role="status" className="status-bar__live">
        <RelayStatus relay={relay} />
      </span>
      <span className="status-bar__item">
        {t('statusBar.dispatcher')}:{' '}
        <strong>{dispatcherName || t('header.dispatcherUnset')}</strong>
      </span>
      <span className="status-bar__item">
        {t('statusBar.device')}:{' '}
        <code title={deviceId}>{deviceId ? deviceId.slice(0, 8) : '…'}</code>
      </span>
      <span className="status-bar__item">
        {t('statusBar.openIncidents')}:{' '}
        <strong data-testid="open-count">{openIncidents ?? '…'}</strong>
      </span>
      {!connected && (
        <span className="status-bar__item status-bar__warning">{t('statusBar.disconnected')}</span>
      )}
      <NetworkButton />
    </footer>
  );
}
