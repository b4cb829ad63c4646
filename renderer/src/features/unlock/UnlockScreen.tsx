import { useState, type FormEvent } from 'react';
import type { ApiResult } from '../../../../shared/api/result';
import type { StartupState } from '../../../../shared/api/startup';
import { LOCALES, type Locale } from '../../../../shared/i18n';
import { useBridge } from '../../api/BridgeProvider';
import { formatDateTime } from '../../lib/format-time';
import { useI18n } from '../../i18n/I18nProvider';
import { faultMessage, unlockErrorMessage } from './unlock-messages';

interface Props {
  state: Exclude<StartupState, { state: 'open' }>;
  onState: (state: StartupState) => void;
  onRetry: () => void;
}

/**
 * The first screen: the console passphrase (Enter submits), the first-run set-up, or a storage
 * fault with what to do and the backups to restore. A wrong passphrase is said in words; the
 * field is cleared and focused for another try.
 */
export function UnlockScreen({ state, onState, onRetry }: Props) {
  const { t, locale, setLocale } = useI18n();
  const { bridge } = useBridge();
  const [passphrase, setPassphrase] = useState('');
  const [confirm, setConfirm] = useState('');
  const [remember, setRemember] = useState(false);
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);

  const run = async (call: () => Promise<ApiResult<StartupState>>) => {
    setBusy(true);
    setError(null);
    const result = await call();
    setBusy(false);
    setPassphrase('');
    setConfirm('');
    if (!result.ok) return setError(unlockErrorMessage(t, locale, result.error));
    onState(result.value);
  };

  const creating = state.state === 'first_run';
  const submit = (event: FormEvent) => {
    event.preventDefault();
    if (busy) return;
    void run(() =>
      creating
        ? bridge.api.createDatabase({ passphrase, confirm })
        : bridge.api.unlockDatabase({ passphrase, remember }),
    );
  };
  const fault = state.state === 'storage_fault' ? state.fault : null;
  const canUnlock = !fault || fault.kind === 'wal_missing';

  return (
    <main className="unlock-screen" data-testid="unlock-screen" aria-labelledby="unlock-title">
      <div className="unlock-screen__box">
        <label className="unlock-screen__language">
          {t('language.label')}
          <select value={locale} onChange={(e) => setLocale(e.target.value as Locale)}>
            {LOCALES.map((l) => (
              <option key={l} value={l}>
                {t(`language.${l}`)}
              </option>
            ))}
          </select>
        </label>
        <h1 id="unlock-title">
          {fault
            ? t('unlock.faultHeading')
            : creating
              ? t('unlock.createHeading')
              : t('unlock.heading')}
        </h1>
        {fault && (
          <p role="alert" data-testid="storage-fault" data-fault={fault.kind}>
            {faultMessage(t, fault)}
          </p>
        )}
        {!fault && <p>{creating ? t('unlock.createIntro') : t('unlock.intro')}</p>}
        {state.state === 'first_run' && state.plaintextFound && <p>{t('unlock.plaintextFound')}</p>}
        {(canUnlock || state.state === 'storage_fault') && (
          <form onSubmit={submit} aria-busy={busy}>
            <label>
              {t('unlock.passphrase')}
              <input
                type="password"
                autoComplete={creating ? 'new-password' : 'current-password'}
                autoFocus
                required
                value={passphrase}
                onChange={(e) => setPassphrase(e.target.value)}
                aria-invalid={error ? true : undefined}
                aria-describedby={error ? 'unlock-error' : undefined}
              />
            </label>
            {creating && (
              <label>
                {t('unlock.confirm')}
                <input
                  type="password"
                  autoComplete="new-password"
                  required
                  value={confirm}
                  onChange={(e) => setConfirm(e.target.value)}
                />
              </label>
            )}
            {state.state === 'needs_passphrase' && state.canRemember && (
              <label className="unlock-screen__check">
                <input
                  type="checkbox"
                  checked={remember}
                  onChange={(e) => setRemember(e.target.checked)}
                />
                {t('unlock.remember')}
              </label>
            )}
            {error && (
              <p id="unlock-error" role="alert" className="field-error" data-testid="unlock-error">
                {error}
              </p>
            )}
            {canUnlock && (
              <button type="submit" className="button button--primary" disabled={busy}>
                {busy ? t('unlock.working') : creating ? t('unlock.create') : t('unlock.submit')}
              </button>
            )}
            {fault?.kind === 'wal_missing' && (
              <button
                type="button"
                className="button"
                disabled={busy}
                onClick={() =>
                  void run(() => bridge.api.unlockDatabase({ passphrase, acceptMissingWal: true }))
                }
              >
                {t('unlock.acceptWalLoss')}
              </button>
            )}
          </form>
        )}
        {state.state === 'storage_fault' && (
          <section aria-labelledby="restore-title">
            <h2 id="restore-title">{t('unlock.restoreHeading')}</h2>
            {state.backups.length === 0 ? (
              <p>{t('unlock.noBackups')}</p>
            ) : (
              <>
                <p>{t('unlock.restoreIntro')}</p>
                <ul className="unlock-screen__backups">
                  {state.backups.slice(0, 5).map((backup) => (
                    <li key={backup.name}>
                      <button
                        type="button"
                        className="button"
                        disabled={busy || passphrase === ''}
                        onClick={() =>
                          void run(() =>
                            bridge.api.restoreBackup({ name: backup.name, passphrase }),
                          )
                        }
                      >
                        {t('unlock.restore', { time: formatDateTime(locale, backup.takenAt) })}
                      </button>
                    </li>
                  ))}
                </ul>
              </>
            )}
            <button type="button" className="button" onClick={onRetry}>
              {t('unlock.retry')}
            </button>
          </section>
        )}
      </div>
    </main>
  );
}
