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
  return (
    <ChoiceSection
      form={form}
      field="languages"
      legend={`${t('roster.languages')} *`}
      options={LANGUAGES}
      chosen={draft.languages}
      optionLabel={(code) => label('lang', code)}
      onChange={(next) => set('languages', next)}
    />
  );
}

/** The roles they can take on a team. */
export function RolesSection({ draft, set, form }: SectionProps) {
  const { t, label } = useI18n();
  return (
    <ChoiceSection
      form={form}
      field="roles"
      legend={t('roster.roles')}
      options={RESPONDER_ROLES}
      chosen={draft.roles}
      optionLabel={(code) => label('role', code)}
      onChange={(next) => set('roles', next)}
    />
  );
}

/** A group of checkboxes over a vocabulary; the group takes focus when it is invalid. */
function ChoiceSection<V extends string>(props: {
  form: ContractForm<string>;
  field: 'languages' | 'roles';
  legend: string;
  options: readonly V[];
  chosen: V[];
  optionLabel: (value: V) => string;
  onChange: (next: V[]) => void;
}) {
  const { invalid, describedBy, fieldError } = errorKit(props.form);
  return (
    <fieldset
      id={`responder-${props.field}`}
      tabIndex={-1}
      className="form-group checkbox-grid"
      aria-invalid={invalid(props.field)}
      aria-describedby={describedBy(props.field)}
    >
      <legend>{props.legend}</legend>
      {props.options.map((code) => (
        <label key={code} className="checkbox-label">
          <input
            type="checkbox"
            checked={props.chosen.includes(code)}
            onChange={(e) => props.onChange(toggle(props.chosen, code, e.target.checked))}
          />{' '}
          {props.optionLabel(code)}
        </label>
      ))}
      {fieldError(props.field)}
    </fieldset>
  );
}

/** One date or time box in a repeated row, with its error from the path it saves to. */
function RowInput(props: {
  form: ContractForm<string>;
  id: string;
  label: string;
  type: 'date' | 'time';
  path: string;
  value: string;
  onChange: (value: string) => void;
}) {
  const { invalid, describedBy, fieldError } = errorKit(props.form);
  return (
    <div className="form-field">
      <label htmlFor={props.id}>{props.label}</label>
      <input
        id={props.id}
        type={props.type}
        value={props.value}
        aria-invalid={invalid(props.path)}
        aria-describedby={describedBy(props.path)}
        onChange={(e) => props.onChange(e.target.value)}
      />
      {fieldError(props.path)}
    </div>
  );
}

/** Trainings with completion and expiry dates (matching checks expiry). */
export function TrainingsSection({ draft, set, form }: SectionProps) {
  const { t, label } = useI18n();
  const { fieldError } = errorKit(form);
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
            <RowInput
              form={form}
              id={`responder-training-done-${i}`}
              label={t('roster.completedOn')}
              type="date"
              path={`trainings.${i}.completedOn`}
              value={row.completedOn}
              onChange={(value) => update({ completedOn: value })}
            />
            <RowInput
              form={form}
              id={`responder-training-expires-${i}`}
              label={t('roster.expiresOn')}
              type="date"
              path={`trainings.${i}.expiresOn`}
              value={row.expiresOn}
              onChange={(value) => update({ expiresOn: value })}
            />
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
  const { fieldError } = errorKit(form);
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
            <RowInput
              form={form}
              id={`responder-start-${i}`}
              label={t('roster.from')}
              type="time"
              path={`availability.${i}.start`}
              value={row.start}
              onChange={(value) => update({ start: value })}
            />
            <RowInput
              form={form}
              id={`responder-end-${i}`}
              label={t('roster.until')}
              type="time"
              path={`availability.${i}.end`}
              value={row.end}
              onChange={(value) => update({ end: value })}
            />
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
