import { useCallback } from 'react';
import { geocode, type GeocodeCandidate } from '../../../../shared/geo/geocoder';
import { useI18n } from '../../i18n/I18nProvider';
import { Combobox } from '../../ui/Combobox';

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
 * Home town: the shared combobox over the offline geocoder, offering places only (a responder's
 * home base is a coarse point; any street part of the query is dropped).
 */
export function TownCombobox({ id, text, picked, onChange, invalid, describedBy }: Props) {
  const { t } = useI18n();
  // Towns, villages and ZIPs only: a home base is never a street or a raw coordinate.
  const getOptions = useCallback(
    (open: boolean) =>
      open && !picked
        ? geocode(text, 6).filter((c) => c.kind !== 'coordinates' && c.county !== '')
        : [],
    [text, picked],
  );
  const listId = `${id}-list`;
  return (
    <Combobox
      id={id}
      listId={listId}
      optionId={(i) => `${listId}-${i}`}
      listLabel={t('roster.townSuggestions')}
      text={text}
      onTextChange={(next) => onChange(next, null)}
      getOptions={getOptions}
      optionKey={(c) => `${c.name}-${c.lat}-${c.lon}`}
      renderOption={(c) => c.label}
      onPick={(c) => {
        const base = toHomeBase(c);
        onChange(base.homeTown, base);
      }}
      invalid={invalid}
      describedBy={describedBy}
    />
  );
}
