import { useState, type FormEvent } from 'react';
import { useBridge } from '../api/BridgeProvider';
import { useT } from '../i18n/I18nProvider';
import { useShiftState } from '../features/shifts/queries';
import { useErrorText } from '../lib/error-text';

interface Props {
  name: string;
  onSaved: () => void;
}

/** Shows who is dispatching on this console and lets them set their name. */
export function DispatcherName({ name, onSaved }: Props) {
  const t = useT();
  const describeError = useErrorText();
  const { bridge } = useBridge();
  const shift = useShiftState();
  const onShift = !!shift.data?.shift;
  const [editing, setEditing] = useState(false);
  const [draft, setDraft] = useState(name);
  const [error, setError] = useState<string | null>(null);

  const save = async (event: FormEvent) => {
    event.preventDefault();
    const result = await bridge.api.setDispatcherName({ name: draft });
    if (!result.ok) {
      setError(describeError(result.error, 'name'));
      return;
    }
    setError(null);
    setEditing(false);
    onSaved();
  };

  if (editing) {
    return (
      <form className="dispatcher-name dispatcher-name--editing" onSubmit={save}>
        <label htmlFor="dispatcher-name-input">{t('header.nameLabel')}</label>
        <input
          id="dispatcher-name-input"
          value={draft}
          maxLength={60}
          autoFocus
          aria-invalid={error ? true : undefined}
          aria-describedby={error ? 'dispatcher-name-error' : undefined}
          onChange={(e) => setDraft(e.target.value)}
          onKeyDown={(e) => {
            if (e.key === 'Escape') setEditing(false);
          }}
        />
        <button type="submit">{t('header.saveName')}</button>
        <button type="button" onClick={() => setEditing(false)}>
          {t('header.cancel')}
        </button>
        {error && (
          <span id="dispatcher-name-error" role="alert" className="field-error">
            {error}
          </span>
        )}
      </form>
    );
  }

  return (
    <div className="dispatcher-name">
      <span className="dispatcher-name__label">{t('header.dispatcher')}:</span>{' '}
      <strong data-testid="dispatcher-name">{name || t('header.dispatcherUnset')}</strong>{' '}
      {/* On shift, who is dispatching changes only by signing on (every change is attributed). */}
      {!onShift && (
        <button
          type="button"
          className="link-button"
          onClick={() => {
            setDraft(name);
            setEditing(true);
          }}
        >
          {name ? t('header.changeName') : t('header.setName')}
        </button>
      )}
    </div>
  );
}
