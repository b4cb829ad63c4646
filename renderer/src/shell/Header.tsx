import { useT } from '../i18n/I18nProvider';
import { DispatcherName } from './DispatcherName';
import { LanguageSwitch } from './LanguageSwitch';

interface Props {
  networkName: string;
  dispatcherName: string;
  onDispatcherSaved: () => void;
  onNewIncident: () => void;
  onShowShortcuts: () => void;
}

export function Header({
  networkName,
  dispatcherName,
  onDispatcherSaved,
  onNewIncident,
  onShowShortcuts,
}: Props) {
  const t = useT();
  return (
    <header className="app-header">
      <div className="app-header__left">
        <h1 className="app-header__title">{networkName}</h1>
        <button
          type="button"
          className="new-incident-button"
          aria-keyshortcuts="N Alt+N"
          onClick={onNewIncident}
          data-testid="new-incident-button"
        >
          <span aria-hidden="true">+</span>
          {t('newIncident.button')} <kbd>N</kbd>
        </button>
      </div>
      <div className="app-header__tools">
        <DispatcherName name={dispatcherName} onSaved={onDispatcherSaved} />
        <LanguageSwitch />
        <button
          type="button"
          className="link-button"
          aria-keyshortcuts="?"
          onClick={onShowShortcuts}
        >
          {t('shortcuts.button')} <kbd>?</kbd>
        </button>
      </div>
    </header>
  );
}
