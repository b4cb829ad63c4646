import type { Location } from '../../../../shared/api/schemas';
import type { GeocodeCandidate } from '../../../../shared/geo/geocoder';
import { isInWesternMass } from '../../../../shared/geo/region';
import { nearestTown } from '../../../../shared/geo/nearest-town';

/** The intake form's location while it is being entered: what is typed, and what was chosen. */
export interface LocationDraft {
  /** The text in the location box, exactly as typed. */
  input: string;
  /** The resolved place or point; null until a suggestion is picked or the map is clicked. */
  picked: Location | null;
}

export const EMPTY_LOCATION: LocationDraft = { input: '', picked: null };

const coords = (lat: number, lon: number) => `${lat.toFixed(5)}, ${lon.toFixed(5)}`;

/** What the box shows once a suggestion is picked. */
export function candidateInput(c: GeocodeCandidate): string {
  return c.streetText ? c.label : c.name;
}

export function fromCandidate(c: GeocodeCandidate): LocationDraft {
  return {
    input: candidateInput(c),
    picked: {
      text: c.name,
      streetText: c.streetText,
      lat: c.lat,
      lon: c.lon,
      precision: c.precision,
      town: c.town,
    },
  };
}

/** A click or a pin drag on the map: an exact point, keeping the place name and street. */
export function withMapPoint(draft: LocationDraft, lat: number, lon: number): LocationDraft {
  const inside = isInWesternMass(lat, lon);
  const town = inside ? nearestTown(lat, lon).name : null;
  const text = draft.picked?.text ?? (draft.input.trim() || coords(lat, lon));
  return {
    input: draft.input.trim() ? draft.input : text,
    picked: {
      text,
      streetText: draft.picked?.streetText ?? null,
      lat: Math.round(lat * 1e6) / 1e6,
      lon: Math.round(lon * 1e6) / 1e6,
      precision: 'exact',
      town: draft.picked?.town && inside ? draft.picked.town : town,
    },
  };
}

/**
 * Typing in the box: a geocoded choice no longer matches and is dropped; a point set on the map
 * is kept (the dispatcher is just naming it).
 */
export function withInput(draft: LocationDraft, input: string): LocationDraft {
  if (draft.picked?.precision === 'exact' && input.trim())
    return { input, picked: { ...draft.picked, text: input.trim().slice(0, 200) } };
  return { input, picked: null };
}

export function isOutsideRegion(draft: LocationDraft): boolean {
  return draft.picked !== null && !isInWesternMass(draft.picked.lat, draft.picked.lon);
}
