import { useState, type FormEvent } from 'react';
import type { Responder } from '../../../../shared/api/schemas';
import { useBridge } from '../../api/BridgeProvider';
import { formMessage, useContractForm } from '../../lib/forms/useContractForm';
import { useI18n } from '../../i18n/I18nProvider';
import { FieldError, FormAlert, TextField } from '../../ui/Field';
import { Modal } from '../../ui/Modal';
import {
  FIELD_ID,
  LIMITS,
  ORDER,
  buildResponderFields,
  changedFields,
  draftOf,
  errorId,
  serverPath,
  type Draft,
} from './responder-draft';
import {
  AvailabilitySection,
  LanguagesSection,
  PhonesSection,
  RolesSection,
  TrainingsSection,
} from './ResponderSections';
import { TownCombobox } from './TownCombobox';
import { useErrorText } from '../../lib/error-text';

interface Props {
  /** Null: add a new responder. */
  responder: Responder | null;
  onClose: () => void;
  onSaved: (
    responder: Responder,
    what: 'created' | 'updated' | 'deactivated' | 'reactivated',
  ) => void;
}

/**
 * Add or edit a responder: every field of the roster, keyboard-operable (a native dialog, Esc
 * cancels, Enter saves). Errors from the API's fieldErrors show at their fields. Responders are
 * never deleted: the dialog deactivates (and reactivates) them.
 */
export function ResponderDialog({ responder, onClose, onSaved }: Props) {
  const { bridge } = useBridge();
  const { t } = useI18n();
  const describeError = useErrorText();
  const [draft, setDraft] = useState<Draft>(() => draftOf(responder));
  const [saving, setSaving] = useState(false);
  const form = useContractForm({
    order: ORDER,
    fieldId: (key) => FIELD_ID[key] ?? key,
    errorId,
    serverPath,
  });
  const { formRef } = form;
  const set = <K extends keyof Draft>(key: K, value: Draft[K]) =>
    setDraft((d) => ({ ...d, [key]: value }));
  const invalid = (path: string) => (form.errorAt(path) ? true : undefined);
  const describedBy = (path: string) => form.describedBy(path);
  const fieldError = (path: string) => (
    <FieldError id={errorId(path)} message={form.errorAt(path)} />
  );

  const submit = async (event: FormEvent) => {
    event.preventDefault();
    if (saving) return;
    const built = buildResponderFields(draft, responder, formMessage);
    if ('errors' in built) {
      form.refuse(built.errors, formMessage('roster.notSaved'));
      return;
    }
    setSaving(true);
    let result;
    if (responder) {
      const changes = changedFields(built.fields, responder);
      if (Object.keys(changes).length === 0) {
        setSaving(false);
        onClose();
        return;
      }
      result = await bridge.api.updateResponder({ id: responder.id, changes });
    } else {
      result = await bridge.api.createResponder(built.fields);
    }
    setSaving(false);
    if (!result.ok) {
      form.refuseFromServer(result.error, describeError(result.error));
      return;
    }
    onSaved(result.value, responder ? 'updated' : 'created');
  };

  const setActive = async (active: boolean) => {
    if (!responder) return;
    setSaving(true);
    const result = await bridge.api.updateResponder({ id: responder.id, changes: { active } });
    setSaving(false);
    if (!result.ok) {
      form.setSummary(describeError(result.error));
      return;
    }
    onSaved(result.value, active ? 'reactivated' : 'deactivated');
  };

  const title = responder ? t('roster.editTitle', { name: responder.name }) : t('roster.addTitle');

  return (
    <Modal
      title={title}
      titleId="responder-dialog-title"
      onCancel={onClose}
      className="modal--wide"
      testId="responder-dialog"
    >
      <form ref={formRef} className="responder-form" onSubmit={(e) => void submit(e)} noValidate>
        <FormAlert message={form.summary} />
        {responder && !responder.active && (
          <p className="form-warning">{t('roster.inactiveNote')}</p>
        )}
        <div className="responder-form__grid">
          <TextField
            id="responder-name"
            label={`${t('roster.name')} *`}
            hint={t('roster.nameHint')}
            hintId="responder-name-hint"
            error={fieldError('name')}
            type="text"
            data-autofocus
            maxLength={LIMITS.name}
            value={draft.name}
            aria-invalid={invalid('name')}
            aria-describedby={`responder-name-hint ${describedBy('name') ?? ''}`.trim()}
            onChange={(e) => set('name', e.target.value)}
          />

          <div className="form-field">
            <label htmlFor="responder-town">{t('roster.town')} *</label>
            <TownCombobox
              id="responder-town"
              text={draft.townText}
              picked={draft.home}
              onChange={(text, home) => setDraft((d) => ({ ...d, townText: text, home }))}
              invalid={!!form.errorAt('homeTown')}
              describedBy={`responder-town-hint ${describedBy('homeTown') ?? ''}`.trim()}
            />
            <p id="responder-town-hint" className="field-hint">
              {t('roster.townHint')}
            </p>
            {fieldError('homeTown')}
          </div>
        </div>

        <PhonesSection draft={draft} set={set} form={form} />

        <LanguagesSection draft={draft} set={set} form={form} />

        <RolesSection draft={draft} set={set} form={form} />

        <TrainingsSection draft={draft} set={set} form={form} />

        <AvailabilitySection draft={draft} set={set} form={form} />

        <div className="responder-form__grid">
          <div className="responder-form__checks">
            <label className="checkbox-label">
              <input
                type="checkbox"
                checked={draft.onCall}
                onChange={(e) => set('onCall', e.target.checked)}
              />{' '}
              {t('roster.onCallNow')}
            </label>
            <label className="checkbox-label">
              <input
                type="checkbox"
                checked={draft.hasCar}
                onChange={(e) => set('hasCar', e.target.checked)}
              />{' '}
              {t('roster.hasCar')}
            </label>
            <label className="checkbox-label">
              <input
                type="checkbox"
                checked={draft.avoidEnforcementScenes}
                onChange={(e) => set('avoidEnforcementScenes', e.target.checked)}
              />{' '}
              {t('roster.avoidScenes')}
            </label>
          </div>
          <div className="form-field">
            <label htmlFor="responder-travel">{t('roster.maxTravel')}</label>
            <input
              id="responder-travel"
              type="number"
              min={LIMITS.travelMin}
              max={LIMITS.travelMax}
              value={draft.maxTravelMinutes}
              aria-invalid={invalid('maxTravelMinutes')}
              aria-describedby={describedBy('maxTravelMinutes')}
              onChange={(e) => set('maxTravelMinutes', e.target.value)}
            />
            {fieldError('maxTravelMinutes')}
          </div>
        </div>

        <div className="form-field">
          <label htmlFor="responder-notes">{t('roster.notes')}</label>
          <textarea
            id="responder-notes"
            rows={2}
            maxLength={LIMITS.notes}
            value={draft.notes}
            aria-invalid={invalid('notes')}
            aria-describedby={`responder-notes-hint ${describedBy('notes') ?? ''}`.trim()}
            onChange={(e) => set('notes', e.target.value)}
          />
          <p id="responder-notes-hint" className="field-hint">
            {t('roster.notesHint')}
          </p>
          {fieldError('notes')}
        </div>

        <div className="modal__actions responder-form__actions">
          {responder &&
            (responder.active ? (
              <button
                type="button"
                className="button button--danger responder-form__deactivate"
                disabled={saving}
                onClick={() => void setActive(false)}
              >
                {t('roster.deactivate')}
              </button>
            ) : (
              <button
                type="button"
                className="button responder-form__deactivate"
                disabled={saving}
                onClick={() => void setActive(true)}
              >
                {t('roster.reactivate')}
              </button>
            ))}
          <button type="button" className="button" onClick={onClose}>
            {t('roster.cancel')}
          </button>
          <button type="submit" className="button button--primary" disabled={saving}>
            {saving ? t('roster.saving') : responder ? t('roster.save') : t('roster.add')}
          </button>
        </div>
      </form>
    </Modal>
  );
}
