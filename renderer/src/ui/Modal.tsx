import { useEffect, useRef, type ReactNode } from 'react';

interface Props {
  /** Accessible name of the dialog. */
  title: string;
  titleId: string;
  /** Esc, or the close control: the "safe" answer of the dialog. */
  onCancel: () => void;
  children: ReactNode;
  className?: string;
  testId?: string;
  describedBy?: string;
}

/**
 * A modal dialog on the native <dialog> element: showModal() makes the rest of the page inert
 * (focus is trapped inside), Esc fires `cancel`, and focus returns to where it was on close.
 * The first element with `data-autofocus` (or the first focusable) gets focus on open.
 */
export function Modal({
  title,
  titleId,
  onCancel,
  children,
  className,
  testId,
  describedBy,
}: Props) {
  const ref = useRef<HTMLDialogElement>(null);
  const cancel = useRef(onCancel);
  useEffect(() => {
    cancel.current = onCancel;
  });

  useEffect(() => {
    const dialog = ref.current;
    if (!dialog) return;
    const returnTo = document.activeElement as HTMLElement | null;
    if (!dialog.open) dialog.showModal();
    const first =
      dialog.querySelector<HTMLElement>('[data-autofocus]') ??
      dialog.querySelector<HTMLElement>('button, input, select, textarea, [tabindex="0"]');
    first?.focus();
    const onCancelEvent = (event: Event) => {
      event.preventDefault();
      cancel.current();
    };
    dialog.addEventListener('cancel', onCancelEvent);
    return () => {
      dialog.removeEventListener('cancel', onCancelEvent);
      if (dialog.open) dialog.close();
      // Give focus back unless the caller already moved it somewhere meaningful.
      if (returnTo && document.activeElement === document.body && returnTo.isConnected)
        returnTo.focus();
    };
  }, []);

  return (
    <dialog
      ref={ref}
      className={`modal ${className ?? ''}`}
      aria-labelledby={titleId}
      aria-describedby={describedBy}
      data-testid={testId}
    >
      <h2 id={titleId} className="modal__title">
        {title}
      </h2>
      {children}
    </dialog>
  );
}
