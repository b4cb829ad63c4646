import { useEffect, useRef } from 'react';

export type ShortcutAction =
  | 'newIncident'
  | 'help'
  | 'search'
  | 'board'
  | 'history'
  | 'status'
  | 'note'
  | 'details'
  | 'candidates';

/** Single keys that work when focus is not in a text field (so typing is never hijacked). */
const PLAIN_KEYS: Record<string, ShortcutAction> = {
  n: 'newIncident',
  '?': 'help',
  '/': 'search',
  b: 'board',
  h: 'history',
  s: 'status',
  a: 'note',
  d: 'details',
  c: 'candidates',
};

export function isTextEntry(el: Element | null): boolean {
  if (!el) return false;
  if (el instanceof HTMLTextAreaElement || el instanceof HTMLSelectElement) return true;
  if (el instanceof HTMLInputElement) {
    return !['checkbox', 'radio', 'button', 'submit', 'reset', 'range', 'color'].includes(el.type);
  }
  return (el as HTMLElement).isContentEditable === true;
}

/**
 * The console's keyboard shortcuts (listed in the "?" overlay). Alt+N opens intake from anywhere,
 * even inside a text field; the single keys only when focus is not in one, and never while a
 * modal dialog is open.
 */
export function useGlobalShortcuts(onAction: (action: ShortcutAction) => void): void {
  const handler = useRef(onAction);
  useEffect(() => {
    handler.current = onAction;
  });
  useEffect(() => {
    const onKeyDown = (event: KeyboardEvent) => {
      if (event.defaultPrevented || event.isComposing) return;
      if (document.querySelector('dialog[open]')) return;
      if (event.altKey && !event.ctrlKey && !event.metaKey && event.code === 'KeyN') {
        event.preventDefault();
        handler.current('newIncident');
        return;
      }
      if (event.ctrlKey || event.metaKey || event.altKey) return;
      if (isTextEntry(document.activeElement)) return;
      const action = PLAIN_KEYS[event.key.length === 1 ? event.key.toLowerCase() : ''];
      if (!action) return;
      // "?" needs Shift on most layouts; other letters with Shift are left alone.
      if (event.shiftKey && action !== 'help') return;
      event.preventDefault();
      handler.current(action);
    };
    window.addEventListener('keydown', onKeyDown);
    return () => window.removeEventListener('keydown', onKeyDown);
  }, []);
}
