import { useId, useRef, useState } from 'react';
import { useI18n } from '../../i18n/I18nProvider';
import { readEta } from './eta';

interface Props {
  onConfirm: (etaMinutes: number | undefined) => void;
  onCancel: () => void;
}

/**
 * The "en route" ETA question. The box starts empty (a placeholder shows an example) and selects
 * its text on focus, so typing replaces rather than appends; more than two hours asks to be
 * confirmed with a second Enter (or corrected by typing over the selected value).
 */
export function EtaForm({ onConfirm, onCancel }: Props) {
  const { t } = useI18n();
  const [eta, setEta] = useState('');
  const [confirming, setConfirming] = useState<number | null>(null);
  const [invalid, setInvalid] = useState(false);
  const etaId = useId();
  const hintId = useId();
  const entry = readEta(eta);
  const inputRef = useRef<HTMLInputElement>(null);
  // After a warning the typed value is selected: the correction replaces it.
  const warn = (show: () => void) => {
    show();
    inputRef.current?.select();
  };

  return (
    <form
      className="team-member__ask"
      onSubmit={(e) => {
        e.preventDefault();
        if (entry.kind === 'invalid') return warn(() => setInvalid(true));
        if (entry.kind === 'confirm' && confirming !== entry.minutes) {
          return warn(() => setConfirming(entry.minutes));
        }
        onConfirm(entry.kind === 'none' ? undefined : entry.minutes);
      }}
    >
      <label htmlFor={etaId}>{t('crew.etaMinutes')}</label>
      <input
        id={etaId}
        ref={inputRef}
        type="text"
        inputMode="numeric"
        placeholder={t('crew.etaPlaceholder')}
        value={eta}
        autoFocus
        aria-invalid={invalid || undefined}
        aria-describedby={invalid || confirming !== null ? hintId : undefined}
        onFocus={(e) => e.currentTarget.select()}
        onChange={(e) => {
          setEta(e.target.value);
          setInvalid(false);
          setConfirming(null);
        }}
      />
      <button type="submit" className="button button--small button--primary">
        {confirming !== null ? t('crew.etaConfirmLong') : t('crew.confirmEnRoute')}
      </button>
      <button type="button" className="button button--small" onClick={onCancel}>
        {t('crew.cancel')}
      </button>
      {(invalid || confirming !== null) && (
        <p id={hintId} role="alert" className="team-member__ask-hint">
          {invalid ? t('crew.etaInvalid') : t('crew.etaLong', { minutes: confirming ?? 0 })}
        </p>
      )}
    </form>
  );
}
