import { DispatcherName } from './DispatcherName';
import { LanguageSwitch } from './LanguageSwitch';

interface Props {
  networkName: string;
  dispatcherName: string;
  onDispatcherSaved: () => void;
}

export function Header({ networkName, dispatcherName, onDispatcherSaved }: Props) {
  return (
    <header className="app-header">
      <h1 className="app-header__title">{networkName}</h1>
      <div className="app-header__tools">
        <DispatcherName name={dispatcherName} onSaved={onDispatcherSaved} />
        <LanguageSwitch />
      </div>
    </header>
  );
}
