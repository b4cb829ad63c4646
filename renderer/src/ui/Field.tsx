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

/** What a form knows of its fields' errors (lib/forms useContractForm gives these). */
interface FieldErrors {
  errorAt: (path: string) => string | undefined;
  errorId: (path: string) => string;
  describedBy: (path: string, ...extra: string[]) => string | undefined;
}

/**
 * The ids, error and ARIA links of a TextField for one form field: the input is `${prefix}-${key}`,
 * its hint `${prefix}-${key}-hint`, and both the hint and any error are read with the field.
 */
export function textFieldWiring(form: FieldErrors, prefix: string, key: string) {
  const hintId = `${prefix}-${key}-hint`;
  return {
    id: `${prefix}-${key}`,
    hintId,
    error: <FieldError id={form.errorId(key)} message={form.errorAt(key)} />,
    'aria-invalid': form.errorAt(key) ? (true as const) : undefined,
    'aria-describedby': form.describedBy(key, hintId),
  };
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
