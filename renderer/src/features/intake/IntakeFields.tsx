import type { MessageKey } from '../../../../shared/i18n';
import type { ContractForm } from '../../lib/forms/useContractForm';
import { useT } from '../../i18n/I18nProvider';
import { FieldError, RequiredMark } from '../../ui/Field';
import { fieldId, type FieldKey, type Values } from './intake-values';

/** What every intake field needs: the values, a setter and the form's error machinery. */
export interface IntakeKit {
  values: Values;
  set: <K extends keyof Values>(key: K, value: Values[K]) => void;
  form: ContractForm<FieldKey>;
}

export function FieldLabel({
  field,
  text,
  required = false,
}: {
  field: FieldKey;
  text: MessageKey;
  required?: boolean;
}) {
  const t = useT();
  return (
    <label htmlFor={fieldId(field)}>
      {t(text)}
      {required && <RequiredMark title={t('intake.required')} />}
    </label>
  );
}

export function IntakeFieldError({ kit, field }: { kit: IntakeKit; field: FieldKey }) {
  return <FieldError id={kit.form.errorId(field)} message={kit.form.errorAt(field)} />;
}

/**
 * A text box with its limit from the schema and a live "12 / 300" counter. Nothing is cut: text
 * over the limit (a long paste) stays, marked, with an alert saying how much to shorten.
 */
export function TextField(props: {
  kit: IntakeKit;
  field: FieldKey;
  name: keyof Values;
  text: MessageKey;
  max: number;
  multiline?: boolean;
  className?: string;
}) {
  const t = useT();
  const { kit, field, name, max } = props;
  const id = fieldId(field);
  const value = kit.values[name] as string;
  const counterId = `${id}-count`;
  const overId = `${id}-over`;
  const over = value.length - max;
  const common = {
    id,
    value,
    'aria-invalid': kit.form.errorAt(field) || over > 0 ? true : undefined,
    'aria-describedby': [kit.form.describedBy(field, counterId), over > 0 ? overId : '']
      .filter(Boolean)
      .join(' '),
  };
  return (
    <div className={`form-field ${props.className ?? ''}`}>
      <FieldLabel field={field} text={props.text} />
      {props.multiline ? (
        <textarea {...common} rows={3} onChange={(e) => kit.set(name, e.target.value as never)} />
      ) : (
        <input
          {...common}
          type="text"
          autoComplete="off"
          onChange={(e) => kit.set(name, e.target.value as never)}
        />
      )}
      <span
        id={counterId}
        className={`field-counter${over > 0 ? ' field-counter--over' : ''}`}
        aria-label={t('intake.max', { max })}
      >
        {t('intake.chars', { count: value.length, max })}
      </span>
      {over > 0 && (
        <p id={overId} role="alert" className="field-error" data-testid="over-limit">
          {t('intake.overLimit', { over, max })}
        </p>
      )}
      <IntakeFieldError kit={kit} field={field} />
    </div>
  );
}

/** A small number box (people, agents, vehicles); empty means "not known". */
export function CountField(props: {
  kit: IntakeKit;
  field: FieldKey;
  name: keyof Values;
  text: MessageKey;
}) {
  const { kit, field, name } = props;
  return (
    <div className="form-field form-field--count">
      <FieldLabel field={field} text={props.text} />
      <input
        id={fieldId(field)}
        type="text"
        inputMode="numeric"
        pattern="[0-9]*"
        autoComplete="off"
        maxLength={3}
        value={kit.values[name] as string}
        aria-invalid={kit.form.errorAt(field) ? true : undefined}
        aria-describedby={kit.form.describedBy(field)}
        onChange={(e) => kit.set(name, e.target.value as never)}
      />
      <IntakeFieldError kit={kit} field={field} />
    </div>
  );
}

/** A labelled select over a fixed vocabulary. */
export function SelectField<V extends string>(props: {
  kit: IntakeKit;
  field: FieldKey;
  text: MessageKey;
  value: V;
  options: readonly V[];
  optionLabel: (value: V) => string;
  onChange: (value: V) => void;
  invalidable?: boolean;
}) {
  const { kit, field } = props;
  return (
    <div className="form-field">
      <FieldLabel field={field} text={props.text} />
      <select
        id={fieldId(field)}
        value={props.value}
        aria-invalid={props.invalidable && kit.form.errorAt(field) ? true : undefined}
        aria-describedby={kit.form.describedBy(field)}
        onChange={(e) => props.onChange(e.target.value as V)}
      >
        {props.options.map((option) => (
          <option key={option} value={option}>
            {props.optionLabel(option)}
          </option>
        ))}
      </select>
      <IntakeFieldError kit={kit} field={field} />
    </div>
  );
}
