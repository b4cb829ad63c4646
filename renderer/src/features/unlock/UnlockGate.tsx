import { useCallback, useEffect, useState, type ReactNode } from 'react';
import type { StartupState } from '../../../../shared/api/startup';
import { useBridge } from '../../api/BridgeProvider';
import { useI18n } from '../../i18n/I18nProvider';
import { DemoBanner } from './DemoBanner';
import { UnlockScreen } from './UnlockScreen';
import './unlock.css';

/**
 * Nothing of the console renders until its encrypted database is open: the unlock screen (or the
 * first-run passphrase set-up, or a storage fault in words) comes first, in both shells.
 */
export function UnlockGate({ children }: { children: ReactNode }) {
  const { t } = useI18n();
  const { bridge } = useBridge();
  const [state, setState] = useState<StartupState | null>(null);
  const [error, setError] = useState<string | null>(null);

  const refresh = useCallback(async () => {
    const result = await bridge.api.getStartupState({});
    if (result.ok) setState(result.value);
    else setError(t('unlock.error', { message: result.error.message }));
  }, [bridge, t]);
  useEffect(() => void refresh(), [refresh]);

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
  return <UnlockScreen state={state} onState={setState} onRetry={() => void refresh()} />;
}
