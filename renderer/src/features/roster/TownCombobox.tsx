import { useMemo, useState, type KeyboardEvent } from 'react';
import { geocode, type GeocodeCandidate } from '../../../../shared/geo/geocoder';
import { useI18n } from '../../i18n/I18nProvider';

export interface HomeBase {
  homeTown: string;
  homeLat: number;
  homeLon: number;
}

interface Props {
  id: string;
  /** The text in the box; `picked` is the place it names, null until one is chosen. */
  text: string;
  picked: HomeBase | null;
  onChange: (text: string, picked: HomeBase | null) => void;
  invalid: boolean;
  describedBy: string;
}

/** A town, village or ZIP as a coarse point: any street part of the query is dropped. */
export function toHomeBase(c: GeocodeCandidate): HomeBase {
  return {
    homeTown: c.kind === 'zip' ? (c.town ?? c.name) : c.name,
    homeLat: c.lat,
    homeLon: c.lon,
  };
}

/**
 * Home town over the offline geocoder (ARIA 1.2 combobox): type, ArrowDown/ArrowUp through
 * the places, Enter picks (the first one if none is active), Esc closes the list.
 */
export function TownCombobox({ id, text, picked, onChange, invalid, describedBy }: Props) {
  const { t } = useI18n();
  const [open, setOpen] = useState(false);
  const [active, setActive] = useState(-1);
  const options = useMemo(
    () =>
      open && !picked
        ? geocode(text, 6).filter((c) => c.kind !== 'coordinates' && c.county !== '')
        : [],
    [text, open, picked],
  );
  const listId = `${id}-list`;
  const expanded = options.length > 0;

  const pick = (c: GeocodeCandidate) => {
    const base = toHomeBase(c);
    onChange(base.homeTown, base);
    setOpen(false);
    setActive(-1);
  };

  const onKeyDown = (e: KeyboardEvent<HTMLInputElement>) => {
    if (e.key === 'ArrowDown' && expanded) {
      setActive((a) => Math.min(options.length - 1, a + 1));
    } else if (e.key === 'ArrowUp' && expanded) {
      setActive((a) => Math.max(0, a - 1));
    } else if (e.key === 'Enter' && expanded) {
      pick(options[Math.max(0, active)]!);
    } else if (e.key === 'Escape' && expanded) {
      setOpen(false);
      e.stopPropagation();
    } else return;
    e.preventDefault();
  };

  return (
    <div className="combobox">
      <input
        id={id}
        type="text"
        role="combobox"
        autoComplete="off"
        aria-autocomplete="list"
        aria-expanded={expanded}
        aria-controls={listId}
        aria-activedescendant={expanded && active >= 0 ? `${listId}-${active}` : undefined}
        aria-invalid={invalid || undefined}
        aria-describedby={describedBy}
        value={text}
        onChange={(e) => {
          onChange(e.target.value, null);
          setOpen(true);
          setActive(-1);
        }}
        onKeyDown={onKeyDown}
        onBlur={() => setOpen(false)}
      />
      <ul
        id={listId}
        role="listbox"
        aria-label={t('roster.townSuggestions')}
        className="combobox__list"
        hidden={!expanded}
      >
        {options.map((c, i) => (
          <li
            key={`${c.name}-${c.lat}-${c.lon}`}
            id={`${listId}-${i}`}
            role="option"
            aria-selected={i === active}
            className={`combobox__option${i === active ? ' is-active' : ''}`}
            onMouseDown={(e) => {
              e.preventDefault();
              pick(c);
            }}
          >
            {c.label}
          </li>
        ))}
      </ul>
    </div>
  );
}
