import { useRef, useState, type FormEvent, type KeyboardEvent, type ReactNode } from 'react';
import type { ApiInput } from '../../../../shared/api/contract';
import type { Incident } from '../../../../shared/api/schemas';
import {
  AGENCIES,
  INCIDENT_TYPES,
  LANGUAGES,
  TRIAGE_LEVELS,
  type Agency,
  type IncidentType,
  type LanguageCode,
  type TriageLevel,
} from '../../../../shared/domain/vocabulary';
import type { MessageKey } from '../../../../shared/i18n';
import { useBridge } from '../../api/BridgeProvider';
import { Modal } from '../../ui/Modal';
import { useI18n } from '../../i18n/I18nProvider';
import { LocationCombobox } from './LocationCombobox';
import { isOutsideRegion, type LocationDraft } from './location-draft';

/** Text limits, the same as the backend's schema (shared/api/schemas.ts). */
const LIMITS = {
  activity: 500,
  equipment: 300,
  vehiclesPlates: 300,
  affectedFirstNames: 120,
  description: 4000,
  reporterName: 80,
  reporterPhone: 40,
  outsideRegionReason: 300,
  streetText: 200,
} as const;

type FieldKey =
  | 'type'
  | 'triage'
  | 'location'
  | 'streetText'
  | 'outsideRegionReason'
  | 'salute.agentsCount'
  | 'salute.vehiclesCount'
  | 'salute.activity'
  | 'salute.agency'
  | 'salute.timeSeen'
  | 'salute.equipment'
  | 'vehiclesPlates'
  | 'affectedAdults'
  | 'affectedChildren'
  | 'affectedFirstNames'
  | 'language'
  | 'description'
  | 'reporterName'
  | 'reporterPhone';

/** In tab order: the first field with an error gets focus after a refused save. */
const FIELD_ORDER: FieldKey[] = [
  'type',
  'triage',
  'location',
  'streetText',
  'outsideRegionReason',
  'salute.agentsCount',
  'salute.vehiclesCount',
  'salute.activity',
  'salute.agency',
  'salute.timeSeen',
  'salute.equipment',
  'vehiclesPlates',
  'affectedAdults',
  'affectedChildren',
  'affectedFirstNames',
  'language',
  'description',
  'reporterName',
  'reporterPhone',
];

const fieldId = (key: FieldKey) => `intake-${key.replace('.', '-')}`;

interface Values {
  type: IncidentType | '';
  triage: TriageLevel | '';
  streetText: string;
  outsideRegionReason: string;
  agentsCount: string;
  vehiclesCount: string;
  activity: string;
  agency: Agency;
  timeSeen: string;
  equipment: string;
  vehiclesPlates: string;
  affectedAdults: string;
  affectedChildren: string;
  affectedFirstNames: string;
  language: LanguageCode;
  description: string;
  reporterName: string;
  reporterPhone: string;
}

const INITIAL: Values = {
  type: '',
  triage: '',
  streetText: '',
  outsideRegionReason: '',
  agentsCount: '',
  vehiclesCount: '',
  activity: '',
  agency: 'unknown',
  timeSeen: '',
  equipment: '',
  vehiclesPlates: '',
  affectedAdults: '',
  affectedChildren: '',
  affectedFirstNames: '',
  language: 'es',
  description: '',
  reporterName: '',
  reporterPhone: '',
};

/** "14:05" today; a time more than 12 h ahead means last night (a call just after midnight). */
export function timeSeenIso(hhmm: string, nowMs: number): string | null {
  const m = /^(\d{2}):(\d{2})$/.exec(hhmm);
  if (!m) return null;
  const d = new Date(nowMs);
  d.setHours(Number(m[1]), Number(m[2]), 0, 0);
  if (d.getTime() - nowMs > 12 * 3_600_000) d.setDate(d.getDate() - 1);
  return d.toISOString();
}

function parseCount(text: string, max: number): number | null | 'invalid' {
  const s = text.trim();
  if (!s) return null;
  if (!/^\d+$/.test(s)) return 'invalid';
  const n = Number(s);
  return n > max ? 'invalid' : n;
}

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
  const { t, label, locale } = useI18n();
  const { bridge } = useBridge();
  const [values, setValues] = useState<Values>(INITIAL);
  const [errors, setErrors] = useState<Partial<Record<FieldKey, string>>>({});
  const [summary, setSummary] = useState<string | null>(null);
  const [saving, setSaving] = useState(false);
  const [confirmDiscard, setConfirmDiscard] = useState(false);
  const formRef = useRef<HTMLFormElement>(null);

  const set = <K extends keyof Values>(key: K, value: Values[K]) =>
    setValues((v) => ({ ...v, [key]: value }));

  const dirty =
    props.location.input.trim() !== '' ||
    props.location.picked !== null ||
    (Object.keys(INITIAL) as (keyof Values)[]).some((k) => values[k] !== INITIAL[k]);
  const outside = isOutsideRegion(props.location);

  const focusField = (key: FieldKey) => {
    const form = formRef.current;
    if (!form) return;
    const el =
      key === 'triage'
        ? form.querySelector<HTMLElement>('input[name="triage"]')
        : form.querySelector<HTMLElement>(`#${fieldId(key)}`);
    el?.focus();
  };

  const validate = (): Partial<Record<FieldKey, string>> => {
    const e: Partial<Record<FieldKey, string>> = {};
    if (!values.type) e.type = t('intake.typeRequired');
    if (!values.triage) e.triage = t('intake.triageRequired');
    if (!props.location.picked) e.location = t('intake.locationRequired');
    else if (outside && !values.outsideRegionReason.trim())
      e.outsideRegionReason = t('intake.reasonRequired');
    const counts: [FieldKey, string, number][] = [
      ['salute.agentsCount', values.agentsCount, 500],
      ['salute.vehiclesCount', values.vehiclesCount, 200],
      ['affectedAdults', values.affectedAdults, 500],
      ['affectedChildren', values.affectedChildren, 500],
    ];
    for (const [key, text, max] of counts)
      if (parseCount(text, max) === 'invalid') e[key] = t('intake.countInvalid', { max });
    return e;
  };

  const refuse = (e: Partial<Record<FieldKey, string>>, message: string) => {
    setErrors(e);
    setSummary(message);
    const first = FIELD_ORDER.find((k) => e[k]);
    if (first) focusField(first);
  };

  const submit = async (event?: FormEvent) => {
    event?.preventDefault();
    if (saving) return;
    const local = validate();
    if (Object.keys(local).length > 0) {
      refuse(local, t('intake.fixFields'));
      return;
    }
    const picked = props.location.picked!;
    const num = (s: string) => {
      const n = parseCount(s, 500);
      return typeof n === 'number' ? n : null;
    };
    const input: ApiInput<'createIncident'> = {
      type: values.type as IncidentType,
      triage: values.triage as TriageLevel,
      location: { ...picked, streetText: values.streetText.trim() || picked.streetText || null },
      salute: {
        agentsCount: num(values.agentsCount),
        vehiclesCount: num(values.vehiclesCount),
        activity: values.activity,
        agency: values.agency,
        timeSeen: values.timeSeen ? timeSeenIso(values.timeSeen, Date.now()) : null,
        equipment: values.equipment,
      },
      vehiclesPlates: values.vehiclesPlates,
      affectedAdults: num(values.affectedAdults) ?? 0,
      affectedChildren: num(values.affectedChildren) ?? 0,
      affectedFirstNames: values.affectedFirstNames,
      language: values.language,
      description: values.description,
      reporterName: values.reporterName,
      reporterPhone: values.reporterPhone,
      outsideRegionReason: outside ? values.outsideRegionReason.trim() : null,
      callReceivedAt: new Date(props.openedAt).toISOString(),
    };
    setSaving(true);
    const result = await bridge.api.createIncident(input);
    setSaving(false);
    if (result.ok) {
      props.onSaved(result.value);
      return;
    }
    const e: Partial<Record<FieldKey, string>> = {};
    for (const [path, message] of Object.entries(result.error.fieldErrors ?? {})) {
      const key =
        FIELD_ORDER.find((k) => path === k || path.startsWith(`${k}.`)) ??
        (path.startsWith('location') ? 'location' : undefined);
      if (key && !e[key]) e[key] = message;
    }
    refuse(e, t('intake.errorSummary', { message: result.error.message }));
  };

  const requestCancel = () => {
    if (dirty) setConfirmDiscard(true);
    else props.onCancel();
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

  // ----- small helpers for consistent, accessible fields -----
  const describedBy = (key: FieldKey, ...extra: string[]) =>
    [...extra, errors[key] ? `${fieldId(key)}-error` : ''].filter(Boolean).join(' ') || undefined;
  const errorText = (key: FieldKey) =>
    errors[key] ? (
      <p id={`${fieldId(key)}-error`} className="field-error">
        {errors[key]}
      </p>
    ) : null;
  const labelFor = (key: FieldKey, text: MessageKey, required = false) => (
    <label htmlFor={fieldId(key)}>
      {t(text)}
      {required && <RequiredMark title={t('intake.required')} />}
    </label>
  );
  const textInput = (
    key: FieldKey,
    name: keyof Values,
    text: MessageKey,
    max: number,
    opts: { multiline?: boolean; autoComplete?: string; className?: string } = {},
  ) => {
    const id = fieldId(key);
    const value = values[name] as string;
    const counterId = `${id}-count`;
    const common = {
      id,
      value,
      maxLength: max,
      'aria-invalid': errors[key] ? true : undefined,
      'aria-describedby': describedBy(key, counterId),
    };
    return (
      <div className={`form-field ${opts.className ?? ''}`}>
        {labelFor(key, text)}
        {opts.multiline ? (
          <textarea {...common} rows={3} onChange={(e) => set(name, e.target.value as never)} />
        ) : (
          <input
            {...common}
            type="text"
            autoComplete={opts.autoComplete ?? 'off'}
            onChange={(e) => set(name, e.target.value as never)}
          />
        )}
        <span id={counterId} className="field-counter" aria-label={t('intake.max', { max })}>
          {t('intake.chars', { count: value.length, max })}
        </span>
        {errorText(key)}
      </div>
    );
  };
  const countInput = (key: FieldKey, name: keyof Values, text: MessageKey) => (
    <div className="form-field form-field--count">
      {labelFor(key, text)}
      <input
        id={fieldId(key)}
        type="text"
        inputMode="numeric"
        pattern="[0-9]*"
        autoComplete="off"
        maxLength={3}
        value={values[name] as string}
        aria-invalid={errors[key] ? true : undefined}
        aria-describedby={describedBy(key)}
        onChange={(e) => set(name, e.target.value as never)}
      />
      {errorText(key)}
    </div>
  );

  const opened = new Date(props.openedAt).toLocaleTimeString(locale === 'es' ? 'es-US' : 'en-US', {
    hour: 'numeric',
    minute: '2-digit',
  });
  const picked = props.location.picked;

  return (
    <section className="intake" aria-labelledby="intake-heading" data-testid="intake-form">
      <h2 id="intake-heading" className="panel-heading">
        {t('intake.heading')}
      </h2>
      <p className="intake__intro muted">{t('intake.intro', { time: opened })}</p>
      {summary && (
        <p role="alert" className="form-alert" data-testid="intake-error">
          {summary}
        </p>
      )}
      <form
        ref={formRef}
        className="intake__form"
        noValidate
        onSubmit={submit}
        onKeyDown={onKeyDown}
        aria-labelledby="intake-heading"
      >
        <div className="form-field">
          {labelFor('type', 'intake.type', true)}
          <select
            id={fieldId('type')}
            value={values.type}
            aria-required
            aria-invalid={errors.type ? true : undefined}
            aria-describedby={describedBy('type')}
            autoFocus
            onChange={(e) => set('type', e.target.value as IncidentType | '')}
          >
            <option value="">{t('intake.choose')}</option>
            {INCIDENT_TYPES.map((type) => (
              <option key={type} value={type}>
                {label('incidentType', type)}
              </option>
            ))}
          </select>
          {errorText('type')}
        </div>

        <fieldset
          className="form-field radio-group"
          aria-invalid={errors.triage ? true : undefined}
          aria-describedby={describedBy('triage')}
          aria-required
          role="radiogroup"
          aria-labelledby="intake-triage-legend"
        >
          <legend id="intake-triage-legend">
            {t('intake.triage')}
            <RequiredMark title={t('intake.required')} />
          </legend>
          {TRIAGE_LEVELS.map((level) => (
            <label key={level} className={`radio radio--${level}`}>
              <input
                type="radio"
                name="triage"
                value={level}
                checked={values.triage === level}
                onChange={() => set('triage', level)}
              />{' '}
              {label('triage', level)}
            </label>
          ))}
          {errorText('triage')}
        </fieldset>

        <div className="form-field">
          {labelFor('location', 'intake.location', true)}
          <LocationCombobox
            id={fieldId('location')}
            value={props.location}
            onChange={props.onLocationChange}
            onPicked={props.onPlacePicked}
            invalid={Boolean(errors.location)}
            describedBy={describedBy(
              'location',
              'intake-location-hint',
              'intake-location-precision',
            )!}
            required
          />
          <p id="intake-location-hint" className="field-hint">
            {t('intake.locationHint')}
          </p>
          <p id="intake-location-precision" className="field-hint" aria-live="polite">
            {picked && (
              <>
                <strong>
                  {t('intake.precision', { precision: label('precision', picked.precision) })}
                </strong>
                {picked.town && picked.town !== picked.text ? ` · ${picked.town}` : ''} ·{' '}
                {t('intake.pickedAt', { lat: picked.lat.toFixed(4), lon: picked.lon.toFixed(4) })}.{' '}
                {t('intake.pinHint')}
              </>
            )}
          </p>
          {errorText('location')}
          {outside && (
            <p className="form-warning" role="alert" data-testid="outside-region-warning">
              {t('intake.outsideRegion')}
            </p>
          )}
        </div>
        {outside &&
          textInput(
            'outsideRegionReason',
            'outsideRegionReason',
            'intake.outsideReason',
            LIMITS.outsideRegionReason,
          )}
        {textInput('streetText', 'streetText', 'intake.streetText', LIMITS.streetText)}

        <fieldset className="form-group">
          <legend>{t('intake.salute')}</legend>
          <div className="form-row">
            {countInput('salute.agentsCount', 'agentsCount', 'intake.agents')}
            {countInput('salute.vehiclesCount', 'vehiclesCount', 'intake.vehicles')}
          </div>
          {textInput('salute.activity', 'activity', 'intake.activity', LIMITS.activity)}
          <div className="form-row">
            <div className="form-field">
              {labelFor('salute.agency', 'intake.agency')}
              <select
                id={fieldId('salute.agency')}
                value={values.agency}
                aria-invalid={errors['salute.agency'] ? true : undefined}
                aria-describedby={describedBy('salute.agency')}
                onChange={(e) => set('agency', e.target.value as Agency)}
              >
                {AGENCIES.map((a) => (
                  <option key={a} value={a}>
                    {label('agency', a)}
                  </option>
                ))}
              </select>
              {errorText('salute.agency')}
            </div>
            <div className="form-field">
              {labelFor('salute.timeSeen', 'intake.timeSeen')}
              <input
                id={fieldId('salute.timeSeen')}
                type="time"
                value={values.timeSeen}
                aria-invalid={errors['salute.timeSeen'] ? true : undefined}
                aria-describedby={describedBy('salute.timeSeen')}
                onChange={(e) => set('timeSeen', e.target.value)}
              />
              {errorText('salute.timeSeen')}
            </div>
          </div>
          {textInput('salute.equipment', 'equipment', 'intake.equipment', LIMITS.equipment)}
          {textInput('vehiclesPlates', 'vehiclesPlates', 'intake.plates', LIMITS.vehiclesPlates)}
        </fieldset>

        <fieldset className="form-group">
          <legend>{t('intake.people')}</legend>
          <div className="form-row">
            {countInput('affectedAdults', 'affectedAdults', 'intake.adults')}
            {countInput('affectedChildren', 'affectedChildren', 'intake.children')}
          </div>
          {textInput(
            'affectedFirstNames',
            'affectedFirstNames',
            'intake.firstNames',
            LIMITS.affectedFirstNames,
          )}
          <div className="form-field">
            {labelFor('language', 'intake.language')}
            <select
              id={fieldId('language')}
              value={values.language}
              aria-describedby={describedBy('language')}
              onChange={(e) => set('language', e.target.value as LanguageCode)}
            >
              {LANGUAGES.map((code) => (
                <option key={code} value={code}>
                  {label('lang', code)}
                </option>
              ))}
            </select>
            {errorText('language')}
          </div>
        </fieldset>

        {textInput('description', 'description', 'intake.description', LIMITS.description, {
          multiline: true,
        })}

        <fieldset
          className="form-group form-group--sensitive"
          aria-describedby="intake-callback-hint"
        >
          <legend>{t('intake.callback')}</legend>
          <p id="intake-callback-hint" className="field-hint">
            {t('intake.callbackHint', { hours: props.purgeHours })}
          </p>
          <div className="form-row">
            {textInput('reporterName', 'reporterName', 'intake.reporterName', LIMITS.reporterName)}
            {textInput(
              'reporterPhone',
              'reporterPhone',
              'intake.reporterPhone',
              LIMITS.reporterPhone,
              { autoComplete: 'off' },
            )}
          </div>
        </fieldset>

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
          onCancel={() => {
            setConfirmDiscard(false);
            requestAnimationFrame(() => focusField('type'));
          }}
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
            <button
              type="button"
              className="button"
              data-autofocus
              onClick={() => {
                setConfirmDiscard(false);
                requestAnimationFrame(() => focusField('type'));
              }}
            >
              {t('intake.keepEditing')}
            </button>
          </div>
        </Modal>
      )}
    </section>
  );
}

function RequiredMark({ title }: { title: string }): ReactNode {
  return (
    <span className="required-mark">
      {' '}
      <abbr title={title} aria-label={title}>
        *
      </abbr>
    </span>
  );
}
