import { useCallback, useEffect, useMemo, useState } from 'react';
import { LocationSchema } from '../../../../shared/api/schemas';
import { geocode, outsideRegion, type GeocodeCandidate } from '../../../../shared/geo/geocoder';
import { looksLikeStreetText } from '../../../../shared/geo/street';
import { useBridge } from '../../api/BridgeProvider';
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
 * The intake's place box: the shared combobox over the offline geocoder (and the installed street
 * pack's index, asked through the backend). Picking a suggestion resolves the place and brings it
 * into view on the map; typing drops a resolved place. A place outside the region ("Boston") is
 * said in words above the local matches, and Enter then picks only a suggestion moved to.
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
  /** A place suggestion worded in the reader's language; addresses keep what was typed. */
  const candidateLabel = (c: GeocodeCandidate) => {
    if (c.streetText) return c.label;
    const where = c.town ?? c.county;
    switch (c.kind) {
      case 'town':
        return t('geocode.label.town', { name: c.name, county: c.county });
      case 'village':
      case 'neighborhood':
      case 'zip':
        return t(`geocode.label.${c.kind}`, { name: c.name, where });
      default:
        return c.label;
    }
  };
  const { input, picked } = value;
  const streets = useStreetCandidates(input, !picked);
  const outside = useMemo(() => outsideRegion(input), [input]);
  // A picked place shows no list until the dispatcher asks for one again.
  const getOptions = useCallback(
    (open: boolean): GeocodeCandidate[] =>
      picked && !open ? [] : [...streets, ...geocode(input, 8)].slice(0, 8),
    [input, picked, streets],
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
          <span className="combobox__label">{candidateLabel(c)}</span>
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
      enterPicksFirst={!outside}
      footer={({ open, options }) => (
        <>
          {open && outside && (
            <p className="field-hint" role="status" data-testid="location-outside-region">
              {t('geocode.outsideRegion', { place: outside.name, state: outside.state })}
            </p>
          )}
          {open && input.trim().length >= 2 && options.length === 0 && (
            <p className="field-hint" role="status">
              {t('intake.noMatch')}
            </p>
          )}
        </>
      )}
    />
  );
}

const NO_STREETS: GeocodeCandidate[] = [];

/**
 * Street-precise candidates from the installed street pack (its index lives in the backend),
 * asked for once typing pauses; [] without a pack, or while the answer is for older text.
 */
function useStreetCandidates(input: string, active: boolean): GeocodeCandidate[] {
  const { bridge } = useBridge();
  const [hits, setHits] = useState<{ input: string; list: GeocodeCandidate[] }>({
    input: '',
    list: [],
  });
  const wanted = active && (looksLikeStreetText(input) || /\snear\s/i.test(input));
  useEffect(() => {
    if (!wanted) return;
    let live = true;
    const timer = setTimeout(() => {
      void bridge.api.geocodeStreets({ query: input.slice(0, 200), limit: 8 }).then((r) => {
        if (!live || !r.ok) return;
        const list = r.value.filter((c) => c.kind === 'street' || c.kind === 'intersection');
        setHits({ input, list });
      });
    }, 150);
    return () => {
      live = false;
      clearTimeout(timer);
    };
  }, [bridge, input, wanted]);
  return wanted && hits.input === input ? hits.list : NO_STREETS;
}
