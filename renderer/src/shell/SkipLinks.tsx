import type { MouseEvent } from 'react';
import { useI18n } from '../i18n/I18nProvider';
import { focusSoon } from '../lib/focusSoon';
import { focusCandidates } from './useConsoleShortcuts';

/**
 * The first Tab stops of the page, shown only when focused: straight to the board, the selected
 * incident's details or its candidates, past the header and the map (same as B, D and C).
 */
export function SkipLinks() {
  const { t } = useI18n();
  const go = (e: MouseEvent, action: () => void) => {
    e.preventDefault();
    action();
  };
  return (
    <nav className="skip-links" aria-label={t('skip.label')}>
      <a
        href="#incident-board"
        onClick={(e) => go(e, () => focusSoon('[data-testid="incident-list"]'))}
      >
        {t('skip.board')}
      </a>
      <a href="#details-heading" onClick={(e) => go(e, () => focusSoon('#details-heading'))}>
        {t('skip.details')}
      </a>
      <a href="#candidates-tabpanel" onClick={(e) => go(e, focusCandidates)}>
        {t('skip.candidates')}
      </a>
    </nav>
  );
}
