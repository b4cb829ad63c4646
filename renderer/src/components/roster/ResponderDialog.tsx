import { useRef, useState, type FormEvent } from 'react';
import type { Responder, ResponderFields } from '../../../../shared/api/schemas';
import {
  LANGUAGES,
  RESPONDER_ROLES,
  TRAININGS,
  WEEKDAYS,
  type LanguageTag,
  type ResponderRole,
  type TrainingKind,
  type Weekday,
} from '../../../../shared/domain/vocabulary';
import { normalizePhone } from '../../../../shared/roster/normalize';
import { useBridge } from '../../api/BridgeProvider';
import { useI18n } from '../../i18n/I18nProvider';
import { Modal } from '../Modal';
import { TownCombobox, type HomeBase } from './TownCombobox';

interface Props {
  /** Null: add a new responder. */
  responder: Responder | null;
  onClose: () => void;
  onSaved: (
    responder: Responder,
    what: 'created' | 'updated' | 'deactivated' | 'reactivated',
  ) => void;
}

interface PhoneRow {
  text: string;
  label: string;
  /** Kept from the stored phone: an opt-out of texts survives an edit. */
  noTexts?: boolean;
}
interface TrainingRow {
  kind: TrainingKind;
  completedOn: string;
  expiresOn: string;
}
interface WindowRow {
  day: Weekday;
  start: string;
  end: string;
}
interface Draft {
  name: string;
  phones: PhoneRow[];
  languages: LanguageTag[];
  roles: ResponderRole[];
  trainings: TrainingRow[];
  townText: string;
  home: HomeBase | null;
  availability: WindowRow[];
  onCall: boolean;
  hasCar: boolean;
  maxTravelMinutes: string;
  avoidEnforcementScenes: boolean;
  notes: string;
}

function draftOf(r: Responder | null): Draft {
  if (!r)
    return {
      name: '',
      phones: [{ text: '', label: '' }],
      languages: [],
      roles: [],
      trainings: [],
      townText: '',
      home: null,
      availability: [],
      onCall: false,
      hasCar: false,
      maxTravelMinutes: '30',
      avoidEnforcementScenes: false,
      notes: '',
    };
  return {
    name: r.name,
    phones: r.phones.length
      ? r.phones.map((p) => ({ text: p.original || p.e164, label: p.label, noTexts: p.noTexts }))
      : [{ text: '', label: '' }],
    languages: [...r.languages],
    roles: [...r.roles],
    trainings: r.trainings.map((tr) => ({
      kind: tr.kind,
      completedOn: tr.completedOn ?? '',
      expiresOn: tr.expiresOn ?? '',
    })),
    townText: r.homeTown,
    home: { homeTown: r.homeTown, homeLat: r.homeLat, homeLon: r.homeLon },
    availability: r.availability.map((w) => ({ ...w })),
    onCall: r.onCall,
    hasCar: r.hasCar,
    maxTravelMinutes: String(r.maxTravelMinutes),
    avoidEnforcementScenes: r.avoidEnforcementScenes,
    notes: r.notes,
  };
}

/** Field paths in form order: the first one with an error gets focus. */
const ORDER = [
  'name',
  'phones',
  'languages',
  'roles',
  'trainings',
  'homeTown',
  'availability',
  'maxTravelMinutes',
  'notes',
];
const FIELD_ID: Record<string, string> = {
  name: 'responder-name',
  phones: 'responder-phone-0',
  languages: 'responder-languages',
  roles: 'responder-roles',
  trainings: 'responder-trainings',
  homeTown: 'responder-town',
  availability: 'responder-availability',
  maxTravelMinutes: 'responder-travel',
  notes: 'responder-notes',
};

const toggle = <T,>(list: T[], item: T, on: boolean) =>
  on ? (list.includes(item) ? list : [...list, item]) : list.filter((x) => x !== item);

/**
 * Add or edit a responder: every field of the roster, keyboard-operable (a native dialog, Esc
 * cancels, Enter saves). Errors from the API's fieldErrors show at their fields. Responders are
 * never deleted: the dialog deactivates (and reactivates) them.
 */
export function ResponderDialog({ responder, onClose, onSaved }: Props) {
  const { bridge } = useBridge();
  const { t, label } = useI18n();
  const [draft, setDraft] = useState<Draft>(() => draftOf(responder));
  const [errors, setErrors] = useState<Record<string, string>>({});
  const [summary, setSummary] = useState<string | null>(null);
  const [saving, setSaving] = useState(false);
  const formRef = useRef<HTMLFormElement>(null);
  const set = <K extends keyof Draft>(key: K, value: Draft[K]) =>
    setDraft((d) => ({ ...d, [key]: value }));

  /** The message for a field path, or for anything under it ("phones" finds "phones.0.e164"). */
  const errorAt = (path: string): string | undefined =>
    errors[path] ??
    Object.entries(errors).find(([key]) => key.startsWith(`${path}.`))?.[1] ??
    undefined;
  const errId = (path: string) => `responder-error-${path.replace(/\./g, '-')}`;
  const fieldError = (path: string) => {
    const message = errorAt(path);
    return message ? (
      <p id={errId(path)} className="field-error">
        {message}
      </p>
    ) : null;
  };
  const invalid = (path: string) => (errorAt(path) ? true : undefined);
  const describedBy = (path: string) => (errorAt(path) ? errId(path) : undefined);

  const showErrors = (fieldErrors: Record<string, string>, message: string) => {
    setErrors(fieldErrors);
    setSummary(message);
    const first = ORDER.find((f) =>
      Object.keys(fieldErrors).some((k) => k === f || k.startsWith(`${f}.`)),
    );
    requestAnimationFrame(() => {
      const el =
        (first && document.getElementById(FIELD_ID[first] ?? '')) ||
        formRef.current?.querySelector<HTMLElement>('[aria-invalid="true"]');
      (el as HTMLElement | null)?.focus();
    });
  };

  /** Client-side checks the API cannot make for us (raw phones, the picked town). */
  const build = (): { fields: ResponderFields } | { errors: Record<string, string> } => {
    const errs: Record<string, string> = {};
    const phones: ResponderFields['phones'] = [];
    draft.phones.forEach((row, i) => {
      if (!row.text.trim()) return;
      const parsed = normalizePhone(row.text);
      if (!parsed.ok) errs[`phones.${i}`] = parsed.reason;
      else
        phones.push({
          e164: parsed.value.e164,
          original: parsed.value.original,
          label: row.label.trim() || parsed.value.label,
          ...(row.noTexts ? { noTexts: true } : {}),
        });
    });
    if (!draft.home) {
      errs.homeTown = draft.townText.trim() ? t('roster.townPick') : t('roster.townRequired');
    }
    const travel = Number(draft.maxTravelMinutes);
    if (Object.keys(errs).length) return { errors: errs };
    return {
      fields: {
        name: draft.name,
        phones,
        languages: draft.languages,
        roles: draft.roles,
        trainings: draft.trainings.map((tr) => ({
          kind: tr.kind,
          // An empty date is an undated training (imported as "trained, date not given").
          completedOn: tr.completedOn || null,
          expiresOn: tr.expiresOn || null,
        })),
        homeTown: draft.home!.homeTown,
        homeLat: draft.home!.homeLat,
        homeLon: draft.home!.homeLon,
        availability: draft.availability,
        onCall: draft.onCall,
        hasCar: draft.hasCar,
        maxTravelMinutes: Number.isFinite(travel) && draft.maxTravelMinutes !== '' ? travel : NaN,
        avoidEnforcementScenes: draft.avoidEnforcementScenes,
        notes: draft.notes,
        active: responder?.active ?? true,
      },
    };
  };

  const submit = async (event: FormEvent) => {
    event.preventDefault();
    if (saving) return;
    const built = build();
    if ('errors' in built) {
      showErrors(built.errors, t('roster.notSaved'));
      return;
    }
    setSaving(true);
    let result;
    if (responder) {
      const changes: Partial<ResponderFields> = {};
      for (const [key, value] of Object.entries(built.fields) as [
        keyof ResponderFields,
        unknown,
      ][]) {
        if (JSON.stringify(value) !== JSON.stringify(responder[key]))
          (changes as Record<string, unknown>)[key] = value;
      }
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
      const fieldErrors: Record<string, string> = {};
      for (const [key, message] of Object.entries(result.error.fieldErrors ?? {}))
        fieldErrors[key.replace(/^changes\./, '').replace(/^homeL(at|on)$/, 'homeTown')] = message;
      showErrors(fieldErrors, result.error.message);
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
      setSummary(result.error.message);
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
        {summary && (
          <p role="alert" className="form-alert">
            {summary}
          </p>
        )}
        {responder && !responder.active && (
          <p className="form-warning">{t('roster.inactiveNote')}</p>
        )}
        <div className="responder-form__grid">
          <div className="form-field">
            <label htmlFor="responder-name">{t('roster.name')} *</label>
            <input
              id="responder-name"
              type="text"
              data-autofocus
              maxLength={80}
              value={draft.name}
              aria-invalid={invalid('name')}
              aria-describedby={describedBy('name')}
              onChange={(e) => set('name', e.target.value)}
            />
            <p className="field-hint">{t('roster.nameHint')}</p>
            {fieldError('name')}
          </div>

          <div className="form-field">
            <label htmlFor="responder-town">{t('roster.town')} *</label>
            <TownCombobox
              id="responder-town"
              text={draft.townText}
              picked={draft.home}
              onChange={(text, home) => setDraft((d) => ({ ...d, townText: text, home }))}
              invalid={!!errorAt('homeTown')}
              describedBy={`responder-town-hint ${describedBy('homeTown') ?? ''}`.trim()}
            />
            <p id="responder-town-hint" className="field-hint">
              {t('roster.townHint')}
            </p>
            {fieldError('homeTown')}
          </div>
        </div>

        <fieldset className="form-group" aria-describedby={describedBy('phones')}>
          <legend>{t('roster.phones')}</legend>
          {draft.phones.map((row, i) => (
            <div key={i} className="responder-form__row">
              <div className="form-field">
                <label htmlFor={`responder-phone-${i}`}>{t('roster.phoneN', { n: i + 1 })}</label>
                <input
                  id={`responder-phone-${i}`}
                  type="tel"
                  value={row.text}
                  maxLength={40}
                  aria-invalid={invalid(`phones.${i}`)}
                  aria-describedby={describedBy(`phones.${i}`)}
                  onChange={(e) =>
                    set(
                      'phones',
                      draft.phones.map((p, j) => (j === i ? { ...p, text: e.target.value } : p)),
                    )
                  }
                />
                {fieldError(`phones.${i}`)}
              </div>
              <div className="form-field responder-form__small">
                <label htmlFor={`responder-phone-label-${i}`}>{t('roster.phoneLabel')}</label>
                <input
                  id={`responder-phone-label-${i}`}
                  type="text"
                  maxLength={20}
                  value={row.label}
                  onChange={(e) =>
                    set(
                      'phones',
                      draft.phones.map((p, j) => (j === i ? { ...p, label: e.target.value } : p)),
                    )
                  }
                />
              </div>
              <button
                type="button"
                className="button button--small"
                aria-label={t('roster.removePhone', { n: i + 1 })}
                onClick={() =>
                  set(
                    'phones',
                    draft.phones.filter((_, j) => j !== i),
                  )
                }
              >
                {t('roster.remove')}
              </button>
            </div>
          ))}
          {draft.phones.length < 4 && (
            <button
              type="button"
              className="button button--small"
              onClick={() => set('phones', [...draft.phones, { text: '', label: '' }])}
            >
              {t('roster.addPhone')}
            </button>
          )}
        </fieldset>

        <fieldset
          id="responder-languages"
          tabIndex={-1}
          className="form-group checkbox-grid"
          aria-invalid={invalid('languages')}
          aria-describedby={describedBy('languages')}
        >
          <legend>{t('roster.languages')} *</legend>
          {LANGUAGES.map((code) => (
            <label key={code} className="checkbox-label">
              <input
                type="checkbox"
                checked={draft.languages.includes(code)}
                onChange={(e) => set('languages', toggle(draft.languages, code, e.target.checked))}
              />{' '}
              {label('lang', code)}
            </label>
          ))}
          {fieldError('languages')}
        </fieldset>

        <fieldset
          id="responder-roles"
          tabIndex={-1}
          className="form-group checkbox-grid"
          aria-invalid={invalid('roles')}
          aria-describedby={describedBy('roles')}
        >
          <legend>{t('roster.roles')}</legend>
          {RESPONDER_ROLES.map((code) => (
            <label key={code} className="checkbox-label">
              <input
                type="checkbox"
                checked={draft.roles.includes(code)}
                onChange={(e) => set('roles', toggle(draft.roles, code, e.target.checked))}
              />{' '}
              {label('role', code)}
            </label>
          ))}
          {fieldError('roles')}
        </fieldset>

        <fieldset id="responder-trainings" tabIndex={-1} className="form-group">
          <legend>{t('roster.trainings')}</legend>
          {draft.trainings.length === 0 && <p className="muted">{t('roster.noTrainings')}</p>}
          {draft.trainings.map((row, i) => {
            const update = (patch: Partial<TrainingRow>) =>
              set(
                'trainings',
                draft.trainings.map((r, j) => (j === i ? { ...r, ...patch } : r)),
              );
            return (
              <div key={i} className="responder-form__row">
                <div className="form-field">
                  <label htmlFor={`responder-training-${i}`}>{t('roster.trainingKind')}</label>
                  <select
                    id={`responder-training-${i}`}
                    value={row.kind}
                    onChange={(e) => update({ kind: e.target.value as TrainingKind })}
                  >
                    {TRAININGS.map((k) => (
                      <option key={k} value={k}>
                        {label('training', k)}
                      </option>
                    ))}
                  </select>
                </div>
                <div className="form-field">
                  <label htmlFor={`responder-training-done-${i}`}>{t('roster.completedOn')}</label>
                  <input
                    id={`responder-training-done-${i}`}
                    type="date"
                    value={row.completedOn}
                    aria-invalid={invalid(`trainings.${i}.completedOn`)}
                    aria-describedby={describedBy(`trainings.${i}.completedOn`)}
                    onChange={(e) => update({ completedOn: e.target.value })}
                  />
                  {fieldError(`trainings.${i}.completedOn`)}
                </div>
                <div className="form-field">
                  <label htmlFor={`responder-training-expires-${i}`}>{t('roster.expiresOn')}</label>
                  <input
                    id={`responder-training-expires-${i}`}
                    type="date"
                    value={row.expiresOn}
                    aria-invalid={invalid(`trainings.${i}.expiresOn`)}
                    aria-describedby={describedBy(`trainings.${i}.expiresOn`)}
                    onChange={(e) => update({ expiresOn: e.target.value })}
                  />
                  {fieldError(`trainings.${i}.expiresOn`)}
                </div>
                <button
                  type="button"
                  className="button button--small"
                  aria-label={t('roster.removeTraining', { n: i + 1 })}
                  onClick={() =>
                    set(
                      'trainings',
                      draft.trainings.filter((_, j) => j !== i),
                    )
                  }
                >
                  {t('roster.remove')}
                </button>
              </div>
            );
          })}
          {fieldError('trainings')}
          <button
            type="button"
            className="button button--small"
            onClick={() =>
              set('trainings', [
                ...draft.trainings,
                { kind: 'sanctuary_in_the_streets', completedOn: '', expiresOn: '' },
              ])
            }
          >
            {t('roster.addTraining')}
          </button>
        </fieldset>

        <fieldset id="responder-availability" tabIndex={-1} className="form-group">
          <legend>{t('roster.availability')}</legend>
          {draft.availability.length === 0 && <p className="muted">{t('roster.noAvailability')}</p>}
          {draft.availability.map((row, i) => {
            const update = (patch: Partial<WindowRow>) =>
              set(
                'availability',
                draft.availability.map((r, j) => (j === i ? { ...r, ...patch } : r)),
              );
            return (
              <div key={i} className="responder-form__row">
                <div className="form-field">
                  <label htmlFor={`responder-day-${i}`}>{t('roster.day')}</label>
                  <select
                    id={`responder-day-${i}`}
                    value={row.day}
                    onChange={(e) => update({ day: e.target.value as Weekday })}
                  >
                    {WEEKDAYS.map((d) => (
                      <option key={d} value={d}>
                        {label('weekday', d)}
                      </option>
                    ))}
                  </select>
                </div>
                <div className="form-field">
                  <label htmlFor={`responder-start-${i}`}>{t('roster.from')}</label>
                  <input
                    id={`responder-start-${i}`}
                    type="time"
                    value={row.start}
                    aria-invalid={invalid(`availability.${i}.start`)}
                    aria-describedby={describedBy(`availability.${i}.start`)}
                    onChange={(e) => update({ start: e.target.value })}
                  />
                  {fieldError(`availability.${i}.start`)}
                </div>
                <div className="form-field">
                  <label htmlFor={`responder-end-${i}`}>{t('roster.until')}</label>
                  <input
                    id={`responder-end-${i}`}
                    type="time"
                    value={row.end}
                    aria-invalid={invalid(`availability.${i}.end`)}
                    aria-describedby={describedBy(`availability.${i}.end`)}
                    onChange={(e) => update({ end: e.target.value })}
                  />
                  {fieldError(`availability.${i}.end`)}
                </div>
                <button
                  type="button"
                  className="button button--small"
                  aria-label={t('roster.removeWindow', { n: i + 1 })}
                  onClick={() =>
                    set(
                      'availability',
                      draft.availability.filter((_, j) => j !== i),
                    )
                  }
                >
                  {t('roster.remove')}
                </button>
              </div>
            );
          })}
          {fieldError('availability')}
          <button
            type="button"
            className="button button--small"
            onClick={() =>
              set('availability', [
                ...draft.availability,
                { day: 'mon', start: '18:00', end: '22:00' },
              ])
            }
          >
            {t('roster.addWindow')}
          </button>
        </fieldset>

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
              min={5}
              max={240}
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
            maxLength={1000}
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
