import { describe, expect, it } from 'vitest';
import countiesJson from '../../shared/geo/data/western-mass-counties.json';
import { GEO_ATTRIBUTION } from '../../shared/geo/attribution';
import { haversineKm } from '../../shared/geo/distance';
import { geocode, nearestTown, parseLatLon } from '../../shared/geo/geocoder';
import { PLACES, TOWNS } from '../../shared/geo/places';
import {
  WESTERN_MASS_BOUNDS,
  WESTERN_MASS_CENTER,
  countyAt,
  isInWesternMass,
} from '../../shared/geo/region';

/** [query, expected top name, lat, lon] with coordinates from general knowledge, not the data. */
const KNOWN: ReadonlyArray<readonly [string, string, number, number]> = [
  ['Florence', 'Florence', 42.33, -72.67],
  ['Turners Falls', 'Turners Falls', 42.6, -72.56],
  ['Indian Orchard', 'Indian Orchard', 42.16, -72.51],
  ['01060', '01060', 42.32, -72.63],
  ['N. Adams', 'North Adams', 42.7, -73.11],
  ['holyoke ma', 'Holyoke', 42.2, -72.62],
  ['Gt Barrington', 'Great Barrington', 42.2, -73.36],
  ['Shelburne Falls', 'Shelburne Falls', 42.6, -72.74],
  ['Chicopee', 'Chicopee', 42.15, -72.61],
  ['Westfield', 'Westfield', 42.13, -72.75],
  ['Easthampton', 'Easthampton', 42.27, -72.67],
  ['Amherst', 'Amherst', 42.37, -72.52],
  ['Greenfield', 'Greenfield', 42.59, -72.6],
  ['Pittsfield', 'Pittsfield', 42.45, -73.25],
  ['Lee', 'Lee', 42.3, -73.25],
  ['Lenox', 'Lenox', 42.36, -73.28],
  ['Orange', 'Orange', 42.59, -72.31],
  ['Ware', 'Ware', 42.26, -72.24],
  ['Palmer', 'Palmer', 42.16, -72.33],
  ['Ludlow', 'Ludlow', 42.16, -72.48],
  ['Agawam', 'Agawam', 42.07, -72.62],
  ['West Springfield', 'West Springfield', 42.11, -72.62],
  ['Longmeadow', 'Longmeadow', 42.05, -72.58],
  ['Southwick', 'Southwick', 42.05, -72.77],
  ['Huntington', 'Huntington', 42.24, -72.88],
  ['Williamsburg', 'Williamsburg', 42.39, -72.73],
  ['Hadley', 'Hadley', 42.34, -72.59],
  ['South Hadley', 'South Hadley', 42.26, -72.57],
  ['Belchertown', 'Belchertown', 42.28, -72.4],
  ['Deerfield', 'Deerfield', 42.54, -72.6],
  ['Montague', 'Montague', 42.54, -72.53],
  ['Springfield', 'Springfield', 42.1, -72.59],
  ['Northampton', 'Northampton', 42.32, -72.63],
  ['Sheffield', 'Sheffield', 42.11, -73.35],
  ['Williamstown', 'Williamstown', 42.71, -73.2],
  ['Sunderland', 'Sunderland', 42.47, -72.58],
  ['Feeding Hills', 'Feeding Hills', 42.07, -72.68],
  ['Leeds', 'Leeds', 42.35, -72.7],
  ['Housatonic', 'Housatonic', 42.25, -73.37],
  ['Millers Falls', 'Millers Falls', 42.58, -72.49],
  ['01002', '01002', 42.37, -72.48],
  ['01301', '01301', 42.6, -72.6],
  ['01201', '01201', 42.45, -73.25],
  ['01062', '01062', 42.33, -72.68],
  ['01040', '01040', 42.2, -72.62],
  ['01151', '01151', 42.16, -72.51],
  ['Mason Square', 'Mason Square', 42.11, -72.57],
  ['Sixteen Acres', 'Sixteen Acres', 42.11, -72.5],
];

describe('gazetteer data', () => {
  it('has the 101 municipalities of the four counties, once each', () => {
    expect(TOWNS).toHaveLength(101);
    expect(new Set(TOWNS.map((t) => t.name)).size).toBe(101);
    const perCounty = (c: string) => TOWNS.filter((t) => t.county === c).length;
    expect([
      perCounty('Berkshire'),
      perCounty('Franklin'),
      perCounty('Hampden'),
      perCounty('Hampshire'),
    ]).toEqual([32, 26, 23, 20]);
  });

  it('places every entry inside the four counties, with a town for non-towns', () => {
    for (const p of PLACES) {
      expect(['town', 'village', 'neighborhood', 'zip']).toContain(p.kind);
      expect(isInWesternMass(p.lat, p.lon), `${p.name} at ${p.lat},${p.lon}`).toBe(true);
      if (p.kind !== 'town') expect(p.town, p.name).toBeTruthy();
      if (p.kind === 'town') expect(p.population, p.name).toBeGreaterThan(0);
      if (p.kind === 'zip') expect(p.name).toMatch(/^\d{5}$/);
    }
  });

  it('assigns villages to their municipality, not the nearest town center', () => {
    const village = (name: string) => PLACES.find((p) => p.name === name && p.kind === 'village');
    expect(village('Turners Falls')?.town).toBe('Montague');
    expect(village('Florence')?.town).toBe('Northampton');
    expect(village('Feeding Hills')?.town).toBe('Agawam');
  });

  it('credits its sources', () => {
    expect(GEO_ATTRIBUTION).toMatch(/GeoNames/);
    expect(GEO_ATTRIBUTION).toMatch(/CC BY 4\.0/);
    expect(GEO_ATTRIBUTION).toMatch(/Census/);
  });
});

describe('geocode: known places', () => {
  it.each(KNOWN)('%s -> %s near %f,%f', (query, name, lat, lon) => {
    const [top] = geocode(query);
    expect(top?.name).toBe(name);
    expect(haversineKm(top ?? { lat: 0, lon: 0 }, { lat, lon })).toBeLessThan(3);
  });
});

describe('geocode: query forms', () => {
  const topName = (q: string) => geocode(q)[0]?.name;

  it('returns nothing for empty or blank text', () => {
    expect(geocode('')).toEqual([]);
    expect(geocode('   ')).toEqual([]);
  });

  it('ignores case, punctuation and the state', () => {
    for (const q of [
      'HOLYOKE',
      'holyoke, MA',
      'Holyoke, Mass.',
      'holyoke massachusetts',
      ' holyoke. ',
    ]) {
      expect(topName(q), q).toBe('Holyoke');
    }
  });

  it('completes prefixes while typing', () => {
    expect(topName('turn')).toBe('Turners Falls');
    expect(topName('shelb')).toBe('Shelburne');
    expect(topName('northa')).toBe('Northampton');
    expect(topName('indian or')).toBe('Indian Orchard');
    expect(geocode('turn')[0]?.precision).toBe('village');
  });

  it('expands abbreviations and nicknames', () => {
    expect(topName('N Adams')).toBe('North Adams');
    expect(topName('S. Hadley')).toBe('South Hadley');
    expect(topName('E Longmeadow')).toBe('East Longmeadow');
    expect(topName('W. Springfield')).toBe('West Springfield');
    expect(topName('Mt Washington')).toBe('Mount Washington');
    expect(topName('Gr. Barrington')).toBe('Great Barrington');
    expect(topName('Spfld')).toBe('Springfield');
    expect(topName('noho')).toBe('Northampton');
    expect(topName('the flats')).toBe('The Flats');
    expect(topName('flats')).toBe('The Flats');
  });

  it('tolerates small typos but ranks them below exact and prefix matches', () => {
    expect(topName('Nortampton')).toBe('Northampton');
    expect(topName('Pittsfeild')).toBe('Pittsfield');
    expect(topName('Chicopie')).toBe('Chicopee');
    expect(topName('Grenfield')).toBe('Greenfield');
    expect(topName('West Sprinfield')).toBe('West Springfield');
    const typo = geocode('Nortampton')[0]?.score ?? 0;
    const exact = geocode('Northampton')[0]?.score ?? 0;
    const prefix = geocode('Northam')[0]?.score ?? 0;
    expect(typo).toBeLessThan(prefix);
    expect(prefix).toBeLessThan(exact);
    // Short names get no typo matching: "Le" variants must not turn into noise.
    expect(geocode('Lxe')).toEqual([]);
  });

  it('breaks ties by size: the bigger town first', () => {
    const names = geocode('north').map((c) => c.name);
    expect(names.indexOf('Northampton')).toBeLessThan(names.indexOf('Northfield'));
    expect(topName('spring')).toBe('Springfield');
  });

  it('looks up a ZIP with zip precision and its postal place as town', () => {
    const [c] = geocode('01060');
    expect(c).toMatchObject({ name: '01060', kind: 'zip', precision: 'zip', town: 'Northampton' });
    expect(c?.label).toBe('01060 (ZIP, Northampton)');
  });

  it('labels villages with their municipality', () => {
    const [c] = geocode('Turners Falls');
    expect(c).toMatchObject({
      kind: 'village',
      precision: 'village',
      town: 'Montague',
      county: 'Franklin',
    });
    expect(c?.label).toBe('Turners Falls (village, Montague)');
    const [n] = geocode('Forest Park');
    expect(n).toMatchObject({ kind: 'neighborhood', precision: 'village', town: 'Springfield' });
  });

  it('keeps a place name qualified by its town', () => {
    expect(geocode('Forest Park Springfield')[0]?.name).toBe('Forest Park');
    expect(geocode('Florence, Northampton')[0]?.name).toBe('Florence');
  });

  it('returns nothing for places outside the four counties', () => {
    expect(geocode('Athol')).toEqual([]); // Worcester County
    expect(geocode('Worcester')).toEqual([]);
    expect(geocode('Boston')[0]?.name).toBe('Boston Road'); // a Springfield neighborhood, by prefix
  });
});

describe('geocode: street addresses', () => {
  it('keeps the street as typed at the town point, precision town (no street index)', () => {
    const [c] = geocode('12 Main St, Holyoke');
    expect(c).toMatchObject({
      name: 'Holyoke',
      kind: 'town',
      precision: 'town',
      streetText: '12 Main St',
    });
    expect(c?.label).toBe('12 Main St, Holyoke');
  });

  it('keeps the street as typed and locates the place (no comma)', () => {
    const [c] = geocode('45 Pleasant St Northampton');
    expect(c).toMatchObject({
      name: 'Northampton',
      precision: 'town',
      streetText: '45 Pleasant St',
    });
  });

  it('prefers the longest place name and handles state and ZIP tails', () => {
    expect(geocode('9 Main St South Hadley')[0]).toMatchObject({
      name: 'South Hadley',
      streetText: '9 Main St',
    });
    expect(geocode('100 Northampton St Easthampton')[0]).toMatchObject({
      name: 'Easthampton',
      streetText: '100 Northampton St',
    });
    expect(geocode('12 Main St., Holyoke, MA 01040')[0]).toMatchObject({
      name: 'Holyoke',
      streetText: '12 Main St.',
    });
    expect(geocode('5 Avenue A Turners Falls')[0]).toMatchObject({
      name: 'Turners Falls',
      precision: 'village',
      streetText: '5 Avenue A',
    });
  });

  it('completes the place part while typing an address', () => {
    expect(geocode('12 Main St Holy')[0]).toMatchObject({ name: 'Holyoke', precision: 'town' });
  });
});

describe('coordinates', () => {
  it('parses pasted lat, lon in common forms', () => {
    expect(parseLatLon('42.33, -72.67')).toEqual({ lat: 42.33, lon: -72.67 });
    expect(parseLatLon('42.33,-72.67')).toEqual({ lat: 42.33, lon: -72.67 });
    expect(parseLatLon('42.33 -72.67')).toEqual({ lat: 42.33, lon: -72.67 });
    expect(parseLatLon('42.33N 72.67W')).toEqual({ lat: 42.33, lon: -72.67 });
    expect(parseLatLon('42.3251° N, 72.6412° W')).toEqual({ lat: 42.3251, lon: -72.6412 });
    expect(parseLatLon('N42.33 W72.67')).toEqual({ lat: 42.33, lon: -72.67 });
  });

  it('rejects text that is not a coordinate pair', () => {
    expect(parseLatLon('')).toBeNull();
    expect(parseLatLon('holyoke')).toBeNull();
    expect(parseLatLon('01060')).toBeNull();
    expect(parseLatLon('12 34')).toBeNull(); // could be a house number
    expect(parseLatLon('95.0, -72.6')).toBeNull();
    expect(parseLatLon('42.3, -190')).toBeNull();
    expect(parseLatLon('72.67W 42.33N')).toBeNull(); // longitude first is ambiguous: refuse
  });

  it('geocodes pasted coordinates as one exact candidate', () => {
    const result = geocode('42.3251, -72.6412');
    expect(result).toHaveLength(1);
    expect(result[0]).toMatchObject({
      kind: 'coordinates',
      precision: 'exact',
      lat: 42.3251,
      lon: -72.6412,
      county: 'Hampshire',
      town: 'Northampton',
    });
    const boston = geocode('42.36,-71.06')[0];
    expect(boston).toMatchObject({ kind: 'coordinates', county: '', town: null });
  });
});

describe('region and distance', () => {
  it('knows what is inside Western Mass', () => {
    expect(isInWesternMass(42.1015, -72.5898)).toBe(true); // Springfield
    expect(isInWesternMass(42.45, -73.25)).toBe(true); // Pittsfield
    expect(isInWesternMass(42.6, -72.56)).toBe(true); // Turners Falls
    expect(isInWesternMass(42.36, -71.06)).toBe(false); // Boston
    expect(isInWesternMass(42.65, -73.75)).toBe(false); // Albany, NY
    expect(isInWesternMass(41.76, -72.67)).toBe(false); // Hartford, CT
    expect(isInWesternMass(42.26, -71.8)).toBe(false); // Worcester
    expect(isInWesternMass(Number.NaN, -72.6)).toBe(false);
  });

  it('names the county of a point', () => {
    expect(countyAt(42.1015, -72.5898)).toBe('Hampden');
    expect(countyAt(42.3251, -72.6412)).toBe('Hampshire');
    expect(countyAt(42.5876, -72.5995)).toBe('Franklin');
    expect(countyAt(42.45, -73.25)).toBe('Berkshire');
  });

  it('has bounds that contain the county outlines and a center inside them', () => {
    const [[s, w], [n, e]] = WESTERN_MASS_BOUNDS;
    expect(s).toBeLessThan(n);
    expect(w).toBeLessThan(e);
    for (const f of countiesJson.features) {
      for (const ring of f.geometry.coordinates) {
        for (const [lon = 0, lat = 0] of ring) {
          expect(lat).toBeGreaterThanOrEqual(s);
          expect(lat).toBeLessThanOrEqual(n);
          expect(lon).toBeGreaterThanOrEqual(w);
          expect(lon).toBeLessThanOrEqual(e);
        }
      }
    }
    expect(isInWesternMass(WESTERN_MASS_CENTER.lat, WESTERN_MASS_CENTER.lon)).toBe(true);
  });

  it('computes great-circle distances', () => {
    const springfield = { lat: 42.1015, lon: -72.5898 };
    const northampton = { lat: 42.3251, lon: -72.6412 };
    expect(haversineKm(springfield, springfield)).toBe(0);
    expect(haversineKm(springfield, northampton)).toBeCloseTo(25.2, 0);
    expect(haversineKm(springfield, northampton)).toBeCloseTo(
      haversineKm(northampton, springfield),
      9,
    );
    // One degree of latitude is about 111.2 km.
    expect(haversineKm({ lat: 42, lon: -72 }, { lat: 43, lon: -72 })).toBeCloseTo(111.2, 0);
  });

  it('labels a map point with the nearest town', () => {
    expect(nearestTown(42.2043, -72.6162).name).toBe('Holyoke');
    expect(nearestTown(42.705, -73.11).name).toBe('North Adams');
    expect(nearestTown(42.27, -72.67).name).toBe('Easthampton');
  });
});
