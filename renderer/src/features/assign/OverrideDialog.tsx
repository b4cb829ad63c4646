import { useId, useState, type FormEvent } from 'react';
import { useI18n } from '../../i18n/I18nProvider';
import { Modal } from '../../ui/Modal';

interface Props {
  name: string;
  /** The guard messages (busy elsewhere, off duty, missing training, avoids scenes). */
  guards: readonly string[];
  error: string | null;
  busy: boolean;
  onConfirm: (reason: string) => void;
  onCancel: () => void;
}

/** Asks for the reason an assignment goes ahead despite its guards. Esc cancels. */
export function OverrideDialog({ name, guards, error, busy, onConfirm, onCancel }: Props) {
  const { t } = useI18n();
  const [reason, setReason] = useState('');
  const reasonId = useId();
  const submit = (e: FormEvent) => {
    e.preventDefault();
    onConfirm(reason.trim());
  };
  return (
    <Modal
      title={t('assign.overrideTitle', { name })}
      titleId="override-title"
      testId="override-dialog"
      describedBy="override-intro"
      onCancel={onCancel}
    >
      <form onSubmit={submit} className="assign-form">
        <p id="override-intro">{t('assign.overrideIntro')}</p>
        <ul className="override-guards" data-testid="override-guards">
          {guards.map((g) => (
            <li key={g}>{g}</li>
          ))}
        </ul>
        <label htmlFor={reasonId}>{t('assign.overrideReason')}</label>
        <input
          id={reasonId}
          type="text"
          value={reason}
          maxLength={300}
          data-autofocus
          aria-invalid={error ? true : undefined}
          onChange={(e) => setReason(e.target.value)}
        />
        {error && (
          <p role="alert" className="field-error">
            {error}
          </p>
        )}
        <div className="modal__actions">
          <button type="submit" className="button button--primary" disabled={busy}>
            {t('assign.overrideConfirm')}
          </button>
          <button type="button" className="button" onClick={onCancel}>
            {t('assign.cancel')} <kbd>Esc</kbd>
          </button>
        </div>
      </form>
    </Modal>
  );
}
