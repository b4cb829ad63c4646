import type { InputHTMLAttributes, ReactNode } from 'react';

/** A field's error, linked from the field by aria-describedby. Renders nothing without one. */
export function FieldError({ id, message }: { id: string; message: string | undefined }) {
  return message ? (
    <p id={id} className="field-error">
      {message}
    </p>
  ) : null;
}

/** The form's summary of a refused save, read out at once. */
export function FormAlert({ message, testId }: { message: string | null; testId?: string }) {
  return message ? (
    <p role="alert" className="form-alert" data-testid={testId}>
      {message}
    </p>
  ) : null;
}

/** The asterisk after a required field's label, with its meaning spoken and shown on hover. */
export function RequiredMark({ title }: { title: string }): ReactNode {
  return (
    <span className="required-mark">
      {' '}
      <abbr title={title} aria-label={title}>
        *
      </abbr>
    </span>
  );
}

/**
 * A labelled text input with its hint and error: `hintId` is the hint's id, which the caller
 * names in the input's aria-describedby (with the error's) so both are read with the field.
 */
export function TextField({
  label,
  hint,
  hintId,
  error,
  ...input
}: { id: string; label: ReactNode; hint: ReactNode; hintId: string; error: ReactNode } & Omit<
  InputHTMLAttributes<HTMLInputElement>,
  'id'
>) {
  return (
    <div className="form-field">
      <label htmlFor={input.id}>{label}</label>
      <input {...input} />
      <p id={hintId} className="field-hint">
        {hint}
      </p>
      {error}
    </div>
  );
}
