import { focusSoon, focusWhenShown } from '../lib/focusSoon';
import { useGlobalShortcuts, type ShortcutAction } from '../lib/useGlobalShortcuts';
import { useOpenIntake } from '../features/intake/IntakePanel';
import { useConsoleDispatch, useConsoleState } from './ConsoleStore';

/**
 * What each console shortcut does. While a call is being taken only "new incident" and help act:
 * the board's targets are not on screen.
 */
export function useConsoleShortcuts(showHelp: () => void): void {
  const { intake } = useConsoleState();
  const dispatch = useConsoleDispatch();
  const openIntake = useOpenIntake();
  useGlobalShortcuts((action: ShortcutAction) => {
    if (action === 'newIncident') return openIntake();
    if (action === 'help') return showHelp();
    if (intake) return;
    switch (action) {
      case 'search':
        return focusSoon('#board-search');
      case 'board':
        return focusSoon('[data-testid="incident-list"]');
      case 'history':
        return dispatch({ type: 'toggleHistory' });
      case 'status':
        return focusSoon('[data-status-actions] button', '#details-heading');
      case 'note':
        return focusSoon('#note-text');
      case 'details':
        return focusSoon('#details-heading');
      case 'candidates':
        return focusCandidates();
    }
  });
}

/** The candidates tab, then its best candidate once the ranking has loaded. */
export function focusCandidates(): void {
  const tab = document.getElementById('candidates-tab');
  if (tab && tab.getAttribute('aria-selected') !== 'true') tab.click();
  focusWhenShown(() => document.querySelector<HTMLElement>('[data-testid="candidate-item"]'));
}
