import { useCallback } from 'react';
import { LocationSchema } from '../../../../shared/api/schemas';
import { geocode, type GeocodeCandidate } from '../../../../shared/geo/geocoder';
import { maxLengthAt } from '../../lib/forms/contract-schema';
import { useI18n } from '../../i18n/I18nProvider';
import { Combobox } from '../../ui/Combobox';
import { fromCandidate, withInput, type LocationDraft } from './location-draft';

const LOCATION_TEXT_MAX = maxLengthAt(LocationSchema, 'text');

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
 * The intake's place box: the shared combobox over the offline geocoder. Picking a suggestion
 * resolves the place and brings it into view on the map; typing drops a resolved place.
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
  const { input, picked } = value;
  // A picked place shows no list until the dispatcher asks for one again.
  const getOptions = useCallback(
    (open: boolean): GeocodeCandidate[] => (picked && !open ? [] : geocode(input, 8)),
    [input, picked],
  );
  return (
    <Combobox
      id={id}
      listId={`${id}-listbox`}
      optionId={(i) => `${id}-option-${i}`}
      listLabel={t('intake.suggestions')}
      text={input}
      onTextChange={(text) => onChange(withInput(value, text))}
      getOptions={getOptions}
      optionKey={(c, i) => `${c.kind}|${c.name}|${c.precision}|${i}`}
      renderOption={(c) => (
        <>
          <span className="combobox__label">{c.label}</span>
          <span className="combobox__precision">{label('precision', c.precision)}</span>
        </>
      )}
      onPick={(c) => {
        onChange(fromCandidate(c));
        onPicked(c.lat, c.lon);
      }}
      invalid={invalid}
      describedBy={describedBy}
      inputProps={{
        'aria-required': required || undefined,
        spellCheck: false,
        maxLength: LOCATION_TEXT_MAX,
      }}
      footer={({ open, options }) =>
        open && input.trim().length >= 2 && options.length === 0 ? (
          <p className="field-hint" role="status">
            {t('intake.noMatch')}
          </p>
        ) : null
      }
    />
  );
}
