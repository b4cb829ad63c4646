import { useState, type FormEvent, type KeyboardEvent } from 'react';
import type { Incident } from '../../../../shared/api/schemas';
import { useBridge } from '../../api/BridgeProvider';
import { formMessage, useContractForm } from '../../lib/forms/useContractForm';
import { useI18n } from '../../i18n/I18nProvider';
import { FormAlert } from '../../ui/Field';
import { Modal } from '../../ui/Modal';
import { TextField, type IntakeKit } from './IntakeFields';
import {
  CallbackSection,
  LocationSection,
  PeopleSection,
  SaluteSection,
  TypeAndTriage,
} from './IntakeSections';
import {
  FIELD_ORDER,
  INITIAL,
  LIMITS,
  createIncidentInput,
  fieldId,
  isDirty,
  validateIntake,
  type Values,
} from './intake-values';
import type { LocationDraft } from './location-draft';
import { useErrorText } from '../../lib/error-text';

interface Props {
  /** When the form opened: the call-received time. */
  openedAt: number;
  location: LocationDraft;
  onLocationChange: (next: LocationDraft) => void;
  onPlacePicked: (lat: number, lon: number) => void;
  purgeHours: number;
  onSaved: (incident: Incident) => void;
  onCancel: () => void;
}

/**
 * The hotline intake form. Keyboard first: fields in call order, Enter saves (Ctrl+Enter in text
 * boxes), Esc cancels (asking first when anything was typed). Errors are shown at their fields,
 * in the dispatcher's language for the checks made here, the backend's words for the rest.
 */
export function IntakeForm(props: Props) {
  const { t, locale } = useI18n();
  const describeError = useErrorText();
  const { bridge } = useBridge();
  const [values, setValues] = useState<Values>(INITIAL);
  const [saving, setSaving] = useState(false);
  const [confirmDiscard, setConfirmDiscard] = useState(false);
  const form = useContractForm({
    order: FIELD_ORDER,
    fieldId,
    // The triage radios share one name; the first one takes focus for the group.
    focusTarget: (key, el) =>
      key === 'triage'
        ? (el?.querySelector<HTMLElement>('input[name="triage"]') ?? null)
        : (el?.querySelector<HTMLElement>(`#${fieldId(key)}`) ?? null),
  });
  const { formRef, focusField } = form;

  const set = <K extends keyof Values>(key: K, value: Values[K]) =>
    setValues((v) => ({ ...v, [key]: value }));
  const kit: IntakeKit = { values, set, form };

  const submit = async (event?: FormEvent) => {
    event?.preventDefault();
    if (saving) return;
    const local = validateIntake(values, props.location, formMessage);
    const picked = props.location.picked;
    if (Object.keys(local).length > 0 || !picked) {
      form.refuse(local, formMessage('intake.fixFields'));
      return;
    }
    const input = createIncidentInput(
      values,
      { ...props.location, picked },
      props.openedAt,
      Date.now(),
    );
    setSaving(true);
    const result = await bridge.api.createIncident(input);
    setSaving(false);
    if (result.ok) {
      props.onSaved(result.value);
      return;
    }
    form.refuseFromServer(
      result.error,
      formMessage('intake.errorSummary', { message: describeError(result.error) }),
    );
  };

  const requestCancel = () => {
    if (isDirty(values, props.location)) setConfirmDiscard(true);
    else props.onCancel();
  };
  const keepEditing = () => {
    setConfirmDiscard(false);
    requestAnimationFrame(() => focusField('type'));
  };

  const onKeyDown = (event: KeyboardEvent<HTMLFormElement>) => {
    if (event.defaultPrevented) return;
    const target = event.target as HTMLElement;
    if (event.key === 'Escape') {
      event.preventDefault();
      requestCancel();
      return;
    }
    if (event.key !== 'Enter' || event.shiftKey || event.altKey) return;
    if (target.tagName === 'BUTTON') return;
    if (target.tagName === 'TEXTAREA' && !(event.ctrlKey || event.metaKey)) return;
    event.preventDefault();
    formRef.current?.requestSubmit();
  };

  const opened = new Date(props.openedAt).toLocaleTimeString(locale === 'es' ? 'es-US' : 'en-US', {
    hour: 'numeric',
    minute: '2-digit',
  });

  return (
    <section className="intake" aria-labelledby="intake-heading" data-testid="intake-form">
      <h2 id="intake-heading" className="panel-heading">
        {t('intake.heading')}
      </h2>
      <p className="intake__intro muted">{t('intake.intro', { time: opened })}</p>
      <FormAlert message={form.summary} testId="intake-error" />
      <form
        ref={formRef}
        className="intake__form"
        noValidate
        onSubmit={submit}
        onKeyDown={onKeyDown}
        aria-labelledby="intake-heading"
      >
        <TypeAndTriage kit={kit} />
        <LocationSection
          kit={kit}
          location={props.location}
          onLocationChange={props.onLocationChange}
          onPlacePicked={props.onPlacePicked}
        />
        <SaluteSection kit={kit} />
        <PeopleSection kit={kit} />
        <TextField
          kit={kit}
          field="description"
          name="description"
          text="intake.description"
          max={LIMITS.description}
          multiline
        />
        <CallbackSection kit={kit} purgeHours={props.purgeHours} />

        <div className="form-actions">
          <button type="submit" className="button button--primary" disabled={saving}>
            {saving ? t('intake.saving') : t('intake.save')} <kbd>Enter</kbd>
          </button>
          <button type="button" className="button" onClick={requestCancel}>
            {t('intake.cancel')} <kbd>Esc</kbd>
          </button>
        </div>
        <p className="field-hint">{t('intake.keysHint')}</p>
      </form>
      {confirmDiscard && (
        <Modal
          title={t('intake.discardTitle')}
          titleId="discard-title"
          describedBy="discard-body"
          testId="discard-dialog"
          onCancel={keepEditing}
        >
          <p id="discard-body">{t('intake.discardBody')}</p>
          <div className="modal__actions">
            <button
              type="button"
              className="button button--danger"
              onClick={() => {
                setConfirmDiscard(false);
                props.onCancel();
              }}
            >
              {t('intake.discard')}
            </button>
            <button type="button" className="button" data-autofocus onClick={keepEditing}>
              {t('intake.keepEditing')}
            </button>
          </div>
        </Modal>
      )}
    </section>
  );
}
