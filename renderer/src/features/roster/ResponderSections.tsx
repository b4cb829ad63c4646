import {
  LANGUAGES,
  RESPONDER_ROLES,
  TRAININGS,
  WEEKDAYS,
  type TrainingKind,
  type Weekday,
} from '../../../../shared/domain/vocabulary';
import type { ContractForm } from '../../lib/forms/useContractForm';
import { useI18n } from '../../i18n/I18nProvider';
import { FieldError } from '../../ui/Field';
import { LIMITS, toggle, type Draft, type TrainingRow, type WindowRow } from './responder-draft';

export interface SectionProps {
  draft: Draft;
  set: <K extends keyof Draft>(key: K, value: Draft[K]) => void;
  form: ContractForm<string>;
}

/** The per-path helpers the sections' inputs use. */
export function errorKit(form: ContractForm<string>) {
  return {
    invalid: (path: string) => (form.errorAt(path) ? true : undefined),
    describedBy: (path: string) => form.describedBy(path),
    fieldError: (path: string) => (
      <FieldError id={form.errorId(path)} message={form.errorAt(path)} />
    ),
  };
}

/** Up to the schema's limit of phones, each normalized to E.164 on save, with a label. */
export function PhonesSection({ draft, set, form }: SectionProps) {
  const { t } = useI18n();
  const { invalid, describedBy, fieldError } = errorKit(form);
  return (
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
              maxLength={LIMITS['phones.0.original']}
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
              maxLength={LIMITS['phones.0.label']}
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
      {draft.phones.length < LIMITS.phones && (
        <button
          type="button"
          className="button button--small"
          onClick={() => set('phones', [...draft.phones, { text: '', label: '' }])}
        >
          {t('roster.addPhone')}
        </button>
      )}
    </fieldset>
  );
}

/** The languages they speak (at least one). */
export function LanguagesSection({ draft, set, form }: SectionProps) {
  const { t, label } = useI18n();
  const { invalid, describedBy, fieldError } = errorKit(form);
  return (
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
  );
}

/** The roles they can take on a team. */
export function RolesSection({ draft, set, form }: SectionProps) {
  const { t, label } = useI18n();
  const { invalid, describedBy, fieldError } = errorKit(form);
  return (
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
  );
}

/** Trainings with completion and expiry dates (matching checks expiry). */
export function TrainingsSection({ draft, set, form }: SectionProps) {
  const { t, label } = useI18n();
  const { invalid, describedBy, fieldError } = errorKit(form);
  return (
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
  );
}

/** Weekly availability windows. */
export function AvailabilitySection({ draft, set, form }: SectionProps) {
  const { t, label } = useI18n();
  const { invalid, describedBy, fieldError } = errorKit(form);
  return (
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
          set('availability', [...draft.availability, { day: 'mon', start: '18:00', end: '22:00' }])
        }
      >
        {t('roster.addWindow')}
      </button>
    </fieldset>
  );
}
