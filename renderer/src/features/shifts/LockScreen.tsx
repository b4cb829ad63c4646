import { useState, type FormEvent } from 'react';
import type { ShiftState } from '../../../../shared/api/shift-schemas';
import { useBridge } from '../../api/BridgeProvider';
import { useT } from '../../i18n/I18nProvider';
import { useErrorText } from '../../lib/error-text';

/**
 * The idle lock. Rendered INSTEAD of the workspace (the map and lists are unmounted, not covered),
 * so nothing on the screen shows incidents or responders until the PIN is entered. The backend
 * rate-limits wrong PINs.
 */
export function LockScreen({
  dispatcherName,
  onUnlocked,
}: {
  dispatcherName: string;
  onUnlocked: (state: ShiftState) => void;
}) {
  const t = useT();
  const describeError = useErrorText();
  const { bridge } = useBridge();
  const [pin, setPin] = useState('');
  const [error, setError] = useState<string | null>(null);

  const submit = async (event: FormEvent) => {
    event.preventDefault();
    const result = await bridge.api.unlockConsole({ pin });
    setPin('');
    if (!result.ok) {
      setError(describeError(result.error));
      return;
    }
    setError(null);
    onUnlocked(result.value);
  };

  return (
    <main className="lock-screen" data-testid="lock-screen" aria-labelledby="lock-title">
      <form className="lock-screen__box shift-form" onSubmit={(e) => void submit(e)}>
        <h2 id="lock-title">{t('shift.lockedTitle')}</h2>
        <p>{t('shift.lockedIntro', { name: dispatcherName })}</p>
        <p className="muted">{t('shift.lockedHidden')}</p>
        <label>
          PIN
          <input
            type="password"
            inputMode="numeric"
            autoComplete="off"
            maxLength={12}
            autoFocus
            value={pin}
            onChange={(e) => setPin(e.target.value.replace(/\D/g, ''))}
          />
        </label>
        {error && (
          <p role="alert" className="field-error">
            {error}
          </p>
        )}
        <button type="submit">{t('shift.unlock')}</button>
      </form>
    </main>
  );
}
