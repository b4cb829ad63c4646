import { useState, type FormEvent } from 'react';
import { RotatePassphraseInput, type SyncStatus } from '../../../../shared/api/contract';
import { useBridge } from '../../api/BridgeProvider';
import { useI18n } from '../../i18n/I18nProvider';
import { maxLengths } from '../../lib/forms/contract-schema';
import { formMessage, useContractForm } from '../../lib/forms/useContractForm';
import { useErrorText } from '../../lib/error-text';
import { FormAlert, TextField, textFieldWiring } from '../../ui/Field';

const MIN_PASSPHRASE = 10;
const LIMITS = maxLengths(RotatePassphraseInput, ['passphrase', 'pin']);

const ROTATE_FIELDS = ['passphrase', 'repeat', 'pin'] as const;

/**
 * "Change network passphrase": on a console joined and connected, the new passphrase twice
 * (the join rules) and the on-shift dispatcher's PIN. Offline, it says why it cannot. Entered
 * text is cleared as soon as it is sent; nothing here is stored by the UI.
 */
export function ChangePassphrase({
  status,
  onChanged,
}: {
  status: SyncStatus;
  onChanged: () => void;
}) {
  const { t } = useI18n();
  const { bridge } = useBridge();
  const describeError = useErrorText();
  const [open, setOpen] = useState(false);
  const [passphrase, setPassphrase] = useState('');
  const [repeat, setRepeat] = useState('');
  const [pin, setPin] = useState('');
  const [busy, setBusy] = useState(false);
  const [done, setDone] = useState<number | null>(null);
  const form = useContractForm({ order: ROTATE_FIELDS, fieldId: (key) => `rot-${key}` });
  const connected = status.relay.state === 'connected';

  const submit = async (event: FormEvent) => {
    event.preventDefault();
    if (busy) return;
    form.clear();
    setDone(null);
    if (passphrase.length < MIN_PASSPHRASE) {
      const short = formMessage('sync.rotate.tooShort');
      return form.refuse({ passphrase: short }, short);
    }
    if (passphrase !== repeat) {
      const differ = formMessage('sync.rotate.mismatch');
      setRepeat('');
      return form.refuse({ repeat: differ }, differ);
    }
    setBusy(true);
    const secret = passphrase;
    setPassphrase('');
    setRepeat('');
    const enteredPin = pin;
    setPin('');
    const result = await bridge.api.rotateNetworkPassphrase({
      passphrase: secret,
      pin: enteredPin,
    });
    setBusy(false);
    if (!result.ok) {
      // The backend's reason in the reader's language, at the field it is about.
      const text = describeError(result.error);
      if (result.error.fieldErrors?.passphrase) form.refuse({ passphrase: text }, text);
      else if (result.error.fieldErrors?.pin) form.refuse({ pin: text }, text);
      else form.refuse({}, text);
      return;
    }
    setDone(result.value.epoch ?? null);
    setOpen(false);
    onChanged();
  };

  const field = (key: (typeof ROTATE_FIELDS)[number]) => ({
    ...textFieldWiring(form, 'rot', key),
    autoComplete: 'off',
  });

  return (
    <section
      aria-labelledby="rot-heading"
      className="network-dialog__section"
      data-testid="rotate-section"
    >
      <h3 id="rot-heading" className="panel-subheading">
        {t('sync.rotate.heading')}
      </h3>
      {done !== null && (
        <p role="status" className="network-dialog__ok" data-testid="rotate-done">
          {t('sync.rotate.done', { epoch: done })}
        </p>
      )}
      {!connected ? (
        <p className="muted" data-testid="rotate-offline">
          {t('sync.rotate.offlineHint')}
        </p>
      ) : !open ? (
        <button
          type="button"
          className="button"
          aria-expanded={false}
          aria-controls="rot-form"
          onClick={() => setOpen(true)}
          data-testid="rotate-open"
        >
          {t('sync.rotate.submit')}
        </button>
      ) : (
        <form
          id="rot-form"
          className="network-form"
          onSubmit={(e) => void submit(e)}
          aria-labelledby="rot-heading"
          noValidate
        >
          <p className="field-hint">{t('sync.rotate.intro')}</p>
          <TextField
            {...field('passphrase')}
            label={t('sync.rotate.passphrase')}
            hint={t('sync.passphraseHint')}
            type="password"
            value={passphrase}
            maxLength={LIMITS.passphrase}
            data-autofocus
            onChange={(e) => setPassphrase(e.target.value)}
          />
          <TextField
            {...field('repeat')}
            label={t('sync.rotate.repeat')}
            hint=""
            type="password"
            value={repeat}
            maxLength={LIMITS.passphrase}
            onChange={(e) => setRepeat(e.target.value)}
          />
          <TextField
            {...field('pin')}
            label={t('sync.rotate.pin')}
            hint={t('sync.rotate.pinHint')}
            type="password"
            inputMode="numeric"
            value={pin}
            maxLength={LIMITS.pin}
            onChange={(e) => setPin(e.target.value)}
          />
          <FormAlert
            message={Object.keys(form.errors).length === 0 ? form.summary : null}
            testId="rotate-error"
          />
          <div className="modal__actions network-form__actions">
            <button type="button" className="button" onClick={() => setOpen(false)}>
              {t('sync.rotate.cancel')}
            </button>
            <button
              type="submit"
              className="button button--danger"
              disabled={busy}
              data-testid="rotate-submit"
            >
              {busy ? t('sync.rotate.working') : t('sync.rotate.submit')}
            </button>
          </div>
        </form>
      )}
    </section>
  );
}

/**
 * After the passphrase was changed on another console: the new passphrase, checked with the
 * relay before anything changes here (a wrong one leaves this console as it is).
 */
export function RejoinWithNewPassphrase({ onRejoined }: { onRejoined: () => void }) {
  const { t } = useI18n();
  const { bridge } = useBridge();
  const describeError = useErrorText();
  const [passphrase, setPassphrase] = useState('');
  const [busy, setBusy] = useState(false);
  const [done, setDone] = useState(false);
  const form = useContractForm({
    order: ['passphrase'] as const,
    fieldId: () => 'rejoin-passphrase',
  });

  const submit = async (event: FormEvent) => {
    event.preventDefault();
    if (busy) return;
    form.clear();
    if (passphrase.length < MIN_PASSPHRASE) {
      const short = formMessage('sync.rotate.tooShort');
      return form.refuse({ passphrase: short }, short);
    }
    setBusy(true);
    const secret = passphrase;
    setPassphrase('');
    const result = await bridge.api.rejoinNetwork({ passphrase: secret });
    setBusy(false);
    if (!result.ok) {
      const text = describeError(result.error);
      form.refuse(result.error.fieldErrors?.passphrase ? { passphrase: text } : {}, text);
      return;
    }
    setDone(true);
    onRejoined();
  };

  if (done)
    return (
      <p role="status" className="network-dialog__ok" data-testid="rejoin-done">
        {t('sync.rejoin.done')}
      </p>
    );
  return (
    <form
      className="network-dialog__section network-form"
      onSubmit={(e) => void submit(e)}
      aria-labelledby="rejoin-heading"
      noValidate
      data-testid="rejoin-form"
    >
      <h3 id="rejoin-heading" className="panel-subheading">
        {t('sync.rejoin.heading')}
      </h3>
      <TextField
        {...textFieldWiring(form, 'rejoin', 'passphrase')}
        label={t('sync.rejoin.passphrase')}
        hint={t('sync.passphraseHint')}
        type="password"
        autoComplete="off"
        value={passphrase}
        maxLength={LIMITS.passphrase}
        data-autofocus
        onChange={(e) => setPassphrase(e.target.value)}
      />
      <FormAlert
        message={Object.keys(form.errors).length === 0 ? form.summary : null}
        testId="rejoin-error"
      />
      <div className="modal__actions network-form__actions">
        <button
          type="submit"
          className="button button--primary"
          disabled={busy}
          data-testid="rejoin-submit"
        >
          {busy ? t('sync.rejoin.working') : t('sync.rejoin.submit')}
        </button>
      </div>
    </form>
  );
}
