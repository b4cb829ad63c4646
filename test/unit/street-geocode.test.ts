import { describe, expect, it } from 'vitest';
import { haversineKm } from '../../shared/geo/distance';
import { geocode, outsideRegion } from '../../shared/geo/geocoder';
import { TOWNS } from '../../shared/geo/places';
import { crossingPoint, nearestPointOnLine } from '../../shared/geo/polyline';
import { memoryStreetLookup, type StreetLookup } from '../../shared/geo/street-lookup';
import { streetName, streetOfAddress, streetQueryParts } from '../../shared/geo/street-name';
import { foldTokens } from '../../shared/geo/normalize';
import { testPackLayers } from '../../scripts/map-pack/synthetic-streets';

/** The synthetic test-pack streets, indexed in memory with the town they were laid out in. */
function testLookup(): StreetLookup {
  const layers = testPackLayers();
  const townOf = (lon: number, lat: number) =>
    TOWNS.reduce((best, t) =>
      haversineKm({ lat, lon }, t) < haversineKm({ lat, lon }, best) ? t : best,
    ).name;
  const segments = layers.roads.features.map((f) => {
    const name = String(f.properties?.name);
    const [lon, lat] = f.geometry.coordinates[0] as [number, number];
    const key = streetName(name)!;
    return {
      name,
      town: townOf(lon, lat),
      line: f.geometry.coordinates as Array<[number, number]>,
      key: key.key,
      base: key.base,
    };
  });
  const landmarks = layers.pois.features.map((f) => {
    const [lon, lat] = f.geometry.coordinates as [number, number];
    const name = String(f.properties?.name);
    const kind = String(f.properties?.kind);
    return { name, kind, lat, lon, town: townOf(lon, lat), words: foldTokens(`${name} ${kind}`) };
  });
  return memoryStreetLookup(segments, landmarks);
}

const town = (name: string) => TOWNS.find((t) => t.name === name)!;
const metres = (a: { lat: number; lon: number }, b: { lat: number; lon: number }) =>
  haversineKm(a, b) * 1000;

describe('street names', () => {
  it('gives "Main Street", "MAIN ST." and "main st" one key', () => {
    expect(streetName('Main Street')).toEqual({ key: 'main st', base: 'main', typed: true });
    expect(streetName('MAIN ST.')?.key).toBe('main st');
    expect(streetName('Dwight')).toEqual({ key: 'dwight', base: 'dwight', typed: false });
    expect(streetName('N. Pleasant Ave')?.key).toBe('north pleasant ave');
  });

  it('drops house numbers and units, and splits corners and landmarks', () => {
    expect(streetOfAddress('12 Main St')).toBe('Main St');
    expect(streetOfAddress('Apt 2, 12-14 Main St')).toBe('Main St');
    expect(streetOfAddress('Main St #3')).toBe('Main St');
    expect(streetQueryParts('Main & Dwight')).toEqual({ streets: ['Main', 'Dwight'], near: null });
    expect(streetQueryParts('Main St and Dwight St').streets).toEqual(['Main St', 'Dwight St']);
    expect(streetQueryParts('High St near the library')).toEqual({
      streets: ['High St'],
      near: 'the library',
    });
  });
});

describe('polyline geometry', () => {
  const line: Array<[number, number]> = [
    [-72.6, 42.2],
    [-72.6, 42.21],
  ];
  it('finds the nearest point of a line and its distance', () => {
    const p = nearestPointOnLine(line, { lat: 42.205, lon: -72.599 })!;
    expect(p.lon).toBeCloseTo(-72.6, 6);
    expect(p.lat).toBeCloseTo(42.205, 6);
    expect(p.distanceM).toBeGreaterThan(75);
    expect(p.distanceM).toBeLessThan(90);
  });
  it('finds where two lines cross, and refuses lines that do not meet', () => {
    const across: Array<[number, number]> = [
      [-72.61, 42.203],
      [-72.59, 42.203],
    ];
    const x = crossingPoint(line, across)!;
    expect(x.distanceM).toBe(0);
    expect(x.lat).toBeCloseTo(42.203, 6);
    const far: Array<[number, number]> = [
      [-72.58, 42.203],
      [-72.57, 42.203],
    ];
    expect(crossingPoint(line, far)).toBeNull();
  });
});

describe('honest precision without a street index', () => {
  it('keeps the typed street at the town point with precision town', () => {
    const [c] = geocode('Main St, Holyoke');
    expect(c).toMatchObject({ name: 'Holyoke', precision: 'town', streetText: 'Main St' });
    expect(c?.label).toBe('Main St, Holyoke');
  });
  it('never calls a point street-precise unless it lies on the street', () => {
    for (const q of ['12 Main St, Holyoke', 'Main & Dwight, Holyoke', '5 Avenue A Turners Falls'])
      for (const c of geocode(q)) expect(['street', 'intersection']).not.toContain(c.precision);
  });
});

describe('geocode with a street index', () => {
  const streets = testLookup();

  it('places "Main St, Holyoke" on Main Street, nearest the town centre', () => {
    const [c, next] = geocode('Main St, Holyoke', 8, { streets });
    expect(c).toMatchObject({
      kind: 'street',
      name: 'Main Street',
      precision: 'street',
      town: 'Holyoke',
      county: 'Hampden',
      streetText: 'Main St',
    });
    // Main Street runs through the synthetic centre (within its 15 m bend).
    expect(metres(c!, town('Holyoke'))).toBeLessThan(20);
    // Today's candidate stays, ranked below: the town point with the street kept.
    expect(next).toMatchObject({ name: 'Holyoke', precision: 'town', streetText: 'Main St' });
  });

  it('places a street that misses the centre on the street, not at the centre', () => {
    const [c] = geocode('45 High St, Holyoke', 8, { streets });
    expect(c).toMatchObject({ name: 'High Street', precision: 'street' });
    const d = metres(c!, town('Holyoke'));
    expect(d).toBeGreaterThan(380); // High Street lies 400 m east of the centre
    expect(d).toBeLessThan(430);
  });

  it('resolves "Main & Dwight, Holyoke" to the intersection', () => {
    const [c] = geocode('Main & Dwight, Holyoke', 8, { streets });
    expect(c).toMatchObject({
      kind: 'intersection',
      precision: 'intersection',
      name: 'Main Street & Dwight Street',
      town: 'Holyoke',
    });
    // Dwight Street is laid out 200 m north of the centre, crossing Main Street.
    const h = town('Holyoke');
    expect(metres(c!, { lat: h.lat + 200 / 111_320, lon: h.lon })).toBeLessThan(25);
  });

  it('tells apart the same street name in two towns', () => {
    const [s] = geocode('Main St, Springfield', 8, { streets });
    expect(s).toMatchObject({ name: 'Main Street', town: 'Springfield', precision: 'street' });
    expect(metres(s!, town('Springfield'))).toBeLessThan(20);
    const [x] = geocode('Main St & State St, Springfield', 8, { streets });
    expect(x?.precision).toBe('intersection');
    expect(x?.town).toBe('Springfield');
  });

  it('places "High St near the library" by the library, in the town that has both', () => {
    const [c] = geocode('High St near the library', 8, { streets });
    expect(c).toMatchObject({ name: 'High Street', town: 'Holyoke', precision: 'street' });
    expect(c?.label).toContain('Holyoke Public Library');
    const h = town('Holyoke');
    const library = {
      lat: h.lat + 350 / 111_320,
      lon: h.lon + 450 / (111_320 * Math.cos((h.lat * Math.PI) / 180)),
    };
    expect(metres(c!, library)).toBeLessThan(70);
  });

  it('falls back to the honest town point for a street the index does not have', () => {
    const [c] = geocode('Nonesuch St, Holyoke', 8, { streets });
    expect(c).toMatchObject({ name: 'Holyoke', precision: 'town', streetText: 'Nonesuch St' });
  });

  it('places a village address near the village, on its street', () => {
    // Northampton's Main Street passes over 1 km from Florence: another street, so the village point.
    const [c] = geocode('Main St, Florence', 8, { streets });
    expect(c).toMatchObject({ name: 'Florence', precision: 'village' });
  });
});

describe('out of region in words', () => {
  it('says Boston is outside Western Mass and still offers the local Boston Road', () => {
    expect(outsideRegion('Boston')).toEqual({ name: 'Boston', state: 'MA' });
    expect(geocode('Boston')[0]?.name).toBe('Boston Road');
    expect(outsideRegion('Hartford, CT')).toEqual({ name: 'Hartford', state: 'CT' });
    expect(outsideRegion('12 Main St, Worcester')).toEqual({ name: 'Worcester', state: 'MA' });
  });
  it('stays quiet for local places, including names found on both sides of the line', () => {
    expect(outsideRegion('Holyoke')).toBeNull();
    expect(outsideRegion('Springfield')).toBeNull();
    expect(outsideRegion('Richmond')).toBeNull(); // Richmond, Berkshire County
    expect(outsideRegion('Granby')).toBeNull(); // Granby, Hampshire County
    expect(outsideRegion('42.36, -71.06')).toBeNull();
    expect(outsideRegion('')).toBeNull();
  });
});
