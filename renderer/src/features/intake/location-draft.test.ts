import { describe, expect, it } from 'vitest';
import type { GeocodeCandidate } from '../../../../shared/geo/geocoder';
import {
  EMPTY_LOCATION,
  fromCandidate,
  isOutsideRegion,
  withInput,
  withMapPoint,
} from './location-draft';

const holyoke = {
  name: 'Holyoke',
  label: 'Holyoke, Hampden County',
  streetText: null,
  lat: 42.2043,
  lon: -72.6162,
  precision: 'town',
  town: 'Holyoke',
} as unknown as GeocodeCandidate;

describe('location draft', () => {
  it('a picked suggestion fills the box with its name and resolves the place', () => {
    const draft = fromCandidate(holyoke);
    expect(draft.input).toBe('Holyoke');
    expect(draft.picked).toMatchObject({ text: 'Holyoke', lat: 42.2043, town: 'Holyoke' });
  });

  it('typing after picking a suggestion drops it (it no longer matches)', () => {
    expect(withInput(fromCandidate(holyoke), 'Holyo').picked).toBeNull();
  });

  it('a map click with nothing typed names the point by its coordinates and nearest town', () => {
    const draft = withMapPoint(EMPTY_LOCATION, 42.2043, -72.6162);
    expect(draft.input).toBe('42.20430, -72.61620');
    expect(draft.picked).toMatchObject({ precision: 'exact', town: 'Holyoke' });
  });

  it('typing after a map click renames the point and keeps it', () => {
    const pinned = withMapPoint(EMPTY_LOCATION, 42.2043, -72.6162);
    const named = withInput(pinned, 'Behind the mill');
    expect(named.picked).toMatchObject({
      text: 'Behind the mill',
      lat: 42.2043,
      precision: 'exact',
    });
  });

  it('keeps the place name when the pin is moved', () => {
    const moved = withMapPoint(fromCandidate(holyoke), 42.21, -72.62);
    expect(moved.input).toBe('Holyoke');
    expect(moved.picked).toMatchObject({ text: 'Holyoke', lat: 42.21, precision: 'exact' });
  });

  it('flags a point outside the four counties', () => {
    expect(isOutsideRegion(withMapPoint(EMPTY_LOCATION, 40.7, -74.0))).toBe(true);
    expect(isOutsideRegion(withMapPoint(EMPTY_LOCATION, 42.2043, -72.6162))).toBe(false);
    expect(isOutsideRegion(EMPTY_LOCATION)).toBe(false);
  });
});
