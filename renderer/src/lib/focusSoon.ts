/** Focuses the first element matching one of the selectors, in order, after React has rendered. */
export function focusSoon(...selectors: string[]): void {
  requestAnimationFrame(() => {
    for (const selector of selectors) {
      const el = document.querySelector<HTMLElement>(selector);
      if (el) return el.focus();
    }
  });
}
