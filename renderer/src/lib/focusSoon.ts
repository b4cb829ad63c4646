/** Focuses the first element matching one of the selectors, in order, after React has rendered. */
export function focusSoon(...selectors: string[]): void {
  requestAnimationFrame(() => {
    for (const selector of selectors) {
      const el = document.querySelector<HTMLElement>(selector);
      if (el) return el.focus();
    }
  });
}

/**
 * Focuses the first element `pick` returns once it exists (panels refetch after a change, so the
 * target may appear a few frames later); gives up after `timeoutMs`.
 */
export function focusWhenShown(pick: () => HTMLElement | null | undefined, timeoutMs = 2000): void {
  const until = performance.now() + timeoutMs;
  const attempt = () => {
    const el = pick();
    if (el && el.isConnected) {
      el.focus();
      if (document.activeElement === el) return;
    }
    if (performance.now() < until) requestAnimationFrame(attempt);
  };
  requestAnimationFrame(attempt);
}
