import { useMemo, useState, type KeyboardEvent } from 'react';
import { geocode, type GeocodeCandidate } from '../../../../shared/geo/geocoder';
import { useI18n } from '../../i18n/I18nProvider';
import { fromCandidate, withInput, type LocationDraft } from './location-draft';

interface Props {
  id: string;
  value: LocationDraft;
  onChange: (next: LocationDraft) => void;
  /** A place was picked: the map brings it into view. */
  onPicked: (lat: number, lon: number) => void;
  invalid: boolean;
  describedBy: string;
  required?: boolean;
}

/**
 * ARIA 1.2 combobox over the offline geocoder: the input owns focus, the suggestions are a
 * listbox referenced by aria-controls, the active one is announced with aria-activedescendant.
 * ArrowDown/ArrowUp move, Enter picks (the first suggestion if none is active), Esc closes.
 */
export function LocationCombobox({
  id,
  value,
  onChange,
  onPicked,
  invalid,
  describedBy,
  required,
}: Props) {
  const { t, label } = useI18n();
  const [open, setOpen] = useState(false);
  const [active, setActive] = useState(-1);
  const candidates = useMemo<GeocodeCandidate[]>(
    () => (value.picked && !open ? [] : geocode(value.input, 8)),
    [value.input, value.picked, open],
  );
  const listId = `${id}-listbox`;
  const expanded = open && candidates.length > 0;
  const optionId = (i: number) => `${id}-option-${i}`;

  const pick = (c: GeocodeCandidate) => {
    onChange(fromCandidate(c));
    setOpen(false);
    setActive(-1);
    onPicked(c.lat, c.lon);
  };

  const onKeyDown = (event: KeyboardEvent<HTMLInputElement>) => {
    switch (event.key) {
      case 'ArrowDown':
        event.preventDefault();
        if (!expanded) {
          setOpen(true);
          setActive(0);
        } else setActive((a) => Math.min(candidates.length - 1, a + 1));
        return;
      case 'ArrowUp':
        event.preventDefault();
        if (expanded) setActive((a) => Math.max(0, a - 1));
        return;
      case 'Enter': {
        if (!expanded) return; // the form's Enter-to-save handles it
        event.preventDefault();
        event.stopPropagation();
        const c = candidates[active >= 0 ? active : 0];
        if (c) pick(c);
        return;
      }
      case 'Escape':
        if (!expanded) return; // the form's Esc-to-cancel handles it
        event.preventDefault();
        event.stopPropagation();
        setOpen(false);
        setActive(-1);
        return;
      case 'Tab':
        setOpen(false);
        return;
    }
  };

  const showNoMatch = open && value.input.trim().length >= 2 && candidates.length === 0;

  return (
    <div className="combobox">
      <input
        id={id}
        type="text"
        role="combobox"
        aria-autocomplete="list"
        aria-expanded={expanded}
        aria-controls={listId}
        aria-activedescendant={expanded && active >= 0 ? optionId(active) : undefined}
        aria-invalid={invalid || undefined}
        aria-describedby={describedBy}
        aria-required={required || undefined}
        autoComplete="off"
        spellCheck={false}
        maxLength={200}
        value={value.input}
        onChange={(e) => {
          onChange(withInput(value, e.target.value));
          setOpen(true);
          setActive(-1);
        }}
        onKeyDown={onKeyDown}
        onBlur={() => setOpen(false)}
      />
      <ul
        id={listId}
        role="listbox"
        aria-label={t('intake.suggestions')}
        className="combobox__list"
        hidden={!expanded}
      >
        {expanded &&
          candidates.map((c, i) => (
            <li
              key={`${c.kind}|${c.name}|${c.precision}|${i}`}
              id={optionId(i)}
              role="option"
              aria-selected={i === active}
              className={`combobox__option${i === active ? ' is-active' : ''}`}
              // mousedown, not click: the input must not lose focus (and close the list) first
              onMouseDown={(e) => {
                e.preventDefault();
                pick(c);
              }}
            >
              <span className="combobox__label">{c.label}</span>
              <span className="combobox__precision">{label('precision', c.precision)}</span>
            </li>
          ))}
      </ul>
      {showNoMatch && (
        <p className="field-hint" role="status">
          {t('intake.noMatch')}
        </p>
      )}
    </div>
  );
}
