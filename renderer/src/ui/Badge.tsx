import type { ReactNode } from 'react';

/** A labelled badge: the text carries the meaning, the color only repeats it. */
export function Badge({
  kind,
  value,
  children,
}: {
  kind: string;
  value: string;
  children: ReactNode;
}) {
  return <span className={`badge badge--${kind} badge--${kind}-${value}`}>{children}</span>;
}
