import type { ReactNode } from 'react';

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
