import { useState, type FormEvent } from 'react';
import type { ShiftState } from '../../../../shared/api/shift-schemas';
import { useBridge } from '../../api/BridgeProvider';
import { Modal } from '../../ui/Modal';
import { useT } from '../../i18n/I18nProvider';
import { useErrorText } from '../../lib/error-text';

interface Props {
  dispatchers: string[];
  onSignedOn: (state: ShiftState) => void;
}

/** Shown while nobody is on shift: name + PIN (4-8 digits); new dispatchers set their PIN here. */
export function SignOnDialog({ dispatchers, onSignedOn }: Props) {
  const t = useT();
  const describeError = useErrorText();
  const { bridge } = useBridge();
  const [name, setName] = useState('');
  const [pin, setPin] = useState('');
  const [confirm, setConfirm] = useState('');
  const [isNew, setIsNew] = useState(dispatchers.length === 0);
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);

  const submit = async (event: FormEvent) => {
    event.preventDefault();
    if (isNew && pin !== confirm) {
      setError(t('shift.pinMismatch'));
      return;
    }
    setBusy(true);
    const result = await bridge.api.signOn({ name, pin, newDispatcher: isNew });
    setBusy(false);
    setPin('');
    setConfirm('');
    if (!result.ok) {
      setError(describeError(result.error));
      return;
    }
    setError(null);
    onSignedOn(result.value);
  };

  return (
    <Modal
      title={t('shift.signOnTitle')}
      titleId="sign-on-title"
      describedBy="sign-on-intro"
      onCancel={() => undefined}
      testId="sign-on-dialog"
    >
      <form className="shift-form" onSubmit={(e) => void submit(e)}>
        <p id="sign-on-intro">{t('shift.signOnIntro')}</p>
        {dispatchers.length > 0 && (
          <p className="muted">{t('shift.known', { names: dispatchers.join(', ') })}</p>
        )}
        <label>
          {t('shift.name')}
          <input
            type="text"
            name="name"
            list="sign-on-names"
            autoComplete="off"
            maxLength={60}
            value={name}
            required
            data-autofocus
            onChange={(e) => setName(e.target.value)}
          />
          <datalist id="sign-on-names">
            {dispatchers.map((d) => (
              <option key={d} value={d} />
            ))}
          </datalist>
        </label>
        <label>
          {t('shift.pin')}
          <input
            type="password"
            name="pin"
            inputMode="numeric"
            autoComplete="off"
            pattern={isNew ? '[0-9]{6,12}' : '[0-9]{4,12}'}
            maxLength={12}
            required
            value={pin}
            onChange={(e) => setPin(e.target.value.replace(/\D/g, ''))}
          />
        </label>
        <label className="checkbox-row">
          <input type="checkbox" checked={isNew} onChange={(e) => setIsNew(e.target.checked)} />
          {t('shift.newDispatcher')}
        </label>
        {isNew && (
          <label>
            {t('shift.pinConfirm')}
            <input
              type="password"
              name="pin-confirm"
              inputMode="numeric"
              autoComplete="off"
              pattern="[0-9]{6,12}"
              maxLength={12}
              required
              value={confirm}
              onChange={(e) => setConfirm(e.target.value.replace(/\D/g, ''))}
            />
          </label>
        )}
        {error && (
          <p role="alert" className="field-error" data-testid="sign-on-error">
            {error}
          </p>
        )}
        <div className="modal__actions">
          <button type="submit" disabled={busy}>
            {t('shift.signOn')}
          </button>
        </div>
      </form>
    </Modal>
  );
}
