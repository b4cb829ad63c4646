import { useCallback, useEffect, useState, type ReactNode } from 'react';
import type { StartupState } from '../../../../shared/api/startup';
import { DEFAULT_SETTINGS } from '../../../../shared/domain/settings';
import { useBridge } from '../../api/BridgeProvider';
import { useI18n } from '../../i18n/I18nProvider';
import { DemoBanner } from './DemoBanner';
import { errorText } from '../../lib/error-text';
import { UnlockScreen } from './UnlockScreen';
import './unlock.css';

/**
 * Nothing of the console renders until its encrypted database is open: the unlock screen (or the
 * first-run passphrase set-up, or a storage fault in words) comes first, in both shells.
 */
export function UnlockGate({ children }: { children: ReactNode }) {
  const { t, locale } = useI18n();
  const { bridge } = useBridge();
  const [state, setState] = useState<StartupState | null>(null);
  const [error, setError] = useState<string | null>(null);

  const refresh = useCallback(async () => {
    const result = await bridge.api.getStartupState({});
    if (result.ok) setState(result.value);
    else setError(t('unlock.error', { message: errorText(locale, result.error) }));
  }, [bridge, t, locale]);
  useEffect(() => void refresh(), [refresh]);

  // The page was served before the database (and its tile server setting) could be read: its
  // Content-Security-Policy allows the default tiles only. A console using other tiles reloads
  // once after unlocking, so the page gets the policy for its own tile server.
  const opened = async (next: StartupState) => {
    setState(next);
    if (next.state !== 'open') return;
    const session = await bridge.api.getSession({});
    if (session.ok && session.value.settings.tileUrl !== DEFAULT_SETTINGS.tileUrl)
      window.location.reload();
  };

  if (state?.state === 'open')
    return (
      <>
        {state.demo && <DemoBanner />}
        {children}
      </>
    );
  if (!state)
    return (
      <main className="unlock-screen" aria-busy="true">
        {error ? <p role="alert">{error}</p> : <p>{t('app.loading')}</p>}
      </main>
    );
  return (
    <UnlockScreen
      state={state}
      onState={(next) => void opened(next)}
      onRetry={() => void refresh()}
    />
  );
}
