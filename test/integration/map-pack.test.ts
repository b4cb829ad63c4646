import { spawnSync } from 'node:child_process';
import {
  copyFileSync,
  mkdtempSync,
  readFileSync,
  readdirSync,
  rmSync,
  utimesSync,
  writeFileSync,
} from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { VectorTile } from '@mapbox/vector-tile';
import { PbfReader } from 'pbf';
import { FetchSource, PMTiles, bytesToHeader } from 'pmtiles';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { openMapPack } from '../../backend/map-pack/pack-reader';
import { closeAllPacks } from '../../backend/map-pack/pack-store';
import { mapPackFetchResponse } from '../../backend/map-pack/http';
import { servePackRange } from '../../backend/map-pack/serve';
import {
  buildStreetIndex,
  openStreetIndex,
  streetIndexPath,
} from '../../backend/map-pack/street-index';
import { openPackWithIndex } from '../../backend/map-pack/open-pack';
import { startWebHost, type WebHost } from '../../backend/web/host';
import { haversineKm } from '../../shared/geo/distance';
import { geocode } from '../../shared/geo/geocoder';
import { TOWNS } from '../../shared/geo/places';
import { tempBackend, value } from './helpers';

const root = join(import.meta.dirname, '..', '..');
const fixtures = join(root, 'test', 'fixtures', 'map-packs');
const PACKS = ['test-streets.pmtiles', 'test-streets.mbtiles'] as const;
let work: string;
const copyOf = (name: string) => {
  const to = join(work, name);
  copyFileSync(join(fixtures, name), to);
  return to;
};

beforeAll(() => {
  work = mkdtempSync(join(tmpdir(), 'map-pack-it-'));
});
afterAll(() => rmSync(work, { recursive: true, force: true }));

const holyoke = TOWNS.find((t) => t.name === 'Holyoke')!;
const metres = (a: { lat: number; lon: number }, b: { lat: number; lon: number }) =>
  haversineKm(a, b) * 1000;

describe.each(PACKS)('reading %s', (name) => {
  it('reports its zooms, bounds and layers and returns decodable street tiles', async () => {
    const reader = await openMapPack(copyOf(name));
    const info = await reader.info();
    expect(info).toMatchObject({ minZoom: 10, maxZoom: 14 });
    expect(info.format).toBe(name.endsWith('.pmtiles') ? 'pmtiles' : 'mbtiles');
    const [w, s, e, n] = info.bounds;
    expect(w < holyoke.lon && holyoke.lon < e && s < holyoke.lat && holyoke.lat < n).toBe(true);
    const tiles = await reader.tilesAt(14);
    expect(tiles.length).toBeGreaterThan(10);
    const names = new Set<string>();
    for (const t of tiles) {
      const bytes = await reader.getTile(t.z, t.x, t.y);
      const vt = new VectorTile(new PbfReader(bytes!));
      const roads = vt.layers.roads ?? vt.layers.transportation;
      for (let i = 0; roads && i < roads.length; i++)
        names.add(String(roads.feature(i).properties.name));
    }
    expect(names).toContain('Main Street');
    expect(names).toContain('Dwight Street');
    expect(await reader.getTile(14, 0, 0)).toBeNull();
    await reader.close();
  });

  it('indexes the same streets per town from either format', async () => {
    const pack = await openPackWithIndex(copyOf(name));
    const streets = pack.index.streets();
    expect(streets).toContainEqual(
      expect.objectContaining({ name: 'Main Street', town: 'Holyoke' }),
    );
    expect(streets).toContainEqual(
      expect.objectContaining({ name: 'Main Street', town: 'Springfield' }),
    );
    expect(streets).toContainEqual(
      expect.objectContaining({ name: 'King Street', town: 'Northampton' }),
    );
    expect(new Set(streets.map((s) => s.town))).toEqual(
      new Set(['Holyoke', 'Springfield', 'Northampton', 'Greenfield']),
    );
    expect(pack.index.counts().landmarks).toBe(4);
    await pack.close();
  });

  it('geocodes streets, intersections and landmarks over the pack', async () => {
    const pack = await openPackWithIndex(copyOf(name));
    const streets = pack.index;
    const [main] = geocode('Main St, Holyoke', 8, { streets });
    expect(main).toMatchObject({ name: 'Main Street', precision: 'street', town: 'Holyoke' });
    expect(metres(main!, holyoke)).toBeLessThan(20);
    const [corner] = geocode('Main & Dwight, Holyoke', 8, { streets });
    expect(corner).toMatchObject({
      precision: 'intersection',
      name: 'Main Street & Dwight Street',
    });
    expect(metres(corner!, { lat: holyoke.lat + 200 / 111_320, lon: holyoke.lon })).toBeLessThan(
      25,
    );
    const [high] = geocode('High St near the library', 8, { streets });
    expect(high).toMatchObject({ name: 'High Street', town: 'Holyoke' });
    // Snapping a point to the nearest street uses the R*Tree.
    const snapped = streets.nearestStreet(holyoke.lat + 0.0005, holyoke.lon + 0.0001, 60);
    expect(snapped?.name).toBe('Main Street');
    await pack.close();
  });
});

describe('street index cache', () => {
  it('is rebuilt when the pack file changes, and reused otherwise', async () => {
    const path = copyOf('test-streets.mbtiles');
    const reader = await openMapPack(path);
    await buildStreetIndex(reader);
    expect(openStreetIndex(path)).not.toBeNull();
    openStreetIndex(path)?.close();
    utimesSync(path, new Date(), new Date(Date.now() + 60_000));
    expect(openStreetIndex(path)).toBeNull();
    await reader.close();
    expect(streetIndexPath(path)).toBe(`${path}.streets.sqlite`);
  });
});

describe('serving byte ranges', () => {
  it('answers Range requests the way a PMTiles reader needs', async () => {
    const path = copyOf('test-streets.pmtiles');
    const head = await servePackRange(path, 'bytes=0-126');
    expect(head.status).toBe(206);
    expect(head.headers['Content-Range']).toMatch(/^bytes 0-126\/\d+$/);
    expect(head.body?.length).toBe(127);
    const header = bytesToHeader(head.body!.buffer.slice(0, 127) as ArrayBuffer);
    expect(header).toMatchObject({ specVersion: 3, minZoom: 10, maxZoom: 14 });
    const size = Number(head.headers['Content-Range']!.split('/')[1]);
    expect((await servePackRange(path, 'bytes=-10')).body?.length).toBe(10);
    expect((await servePackRange(path, `bytes=${size - 5}-`)).body?.length).toBe(5);
    expect((await servePackRange(path, `bytes=${size}-`)).status).toBe(416);
    expect((await servePackRange(path, 'bytes=0-1,5-9')).status).toBe(416);
    expect((await servePackRange(path, 'bytes=0-9', 'POST')).status).toBe(405);
    const whole = await servePackRange(path, undefined);
    expect(whole.status).toBe(200);
    expect(whole.body?.length).toBe(size);
    expect((await servePackRange(join(work, 'missing.pmtiles'), 'bytes=0-1')).status).toBe(404);
  });
});

describe('the installed pack through the backend and the browser host', () => {
  let env: ReturnType<typeof tempBackend>;
  let host: WebHost | undefined;
  afterEach(async () => {
    await host?.close();
    host = undefined;
    await closeAllPacks();
    env?.cleanup();
  });

  it('imports a pack, reports it, geocodes with it and serves it with the token only', async () => {
    env = tempBackend();
    expect(value(await env.backend.call('getMapPackStatus', {}))).toEqual({ installed: null });
    const status = value(
      await env.backend.call('importMapPack', { path: join(fixtures, 'test-streets.pmtiles') }),
    );
    expect(status.installed).toMatchObject({
      fileName: 'test-streets.pmtiles',
      format: 'pmtiles',
      towns: 4,
      path: 'map-pack/test-streets.pmtiles',
    });
    expect(status.installed!.streetSegments).toBeGreaterThan(20);
    expect(status.installed!.attribution).toMatch(/^Synthetic test streets/);
    const [top] = value(
      await env.backend.call('geocodeStreets', { query: 'Main & Dwight, Holyoke' }),
    );
    expect(top).toMatchObject({ precision: 'intersection', town: 'Holyoke' });

    host = await startWebHost({ backend: env.backend, staticDir: join(env.dir, 'none') });
    const base = `http://127.0.0.1:${host.port}/map-pack/test-streets.pmtiles`;
    expect((await fetch(base, { headers: { Range: 'bytes=0-126' } })).status).toBe(403);
    expect((await fetch(`${base}?token=wrong`)).status).toBe(403);
    const ranged = await fetch(`${base}?token=${host.token}`, {
      headers: { Range: 'bytes=0-126' },
    });
    expect(ranged.status).toBe(206);
    expect((await ranged.arrayBuffer()).byteLength).toBe(127);
    const other = `http://127.0.0.1:${host.port}/map-pack/console.sqlite?token=${host.token}`;
    expect((await fetch(other)).status).toBe(404);

    // The renderer's own reader (pmtiles over fetch + Range) gets a street tile from the host.
    const pm = new PMTiles(new FetchSource(`${base}?token=${host.token}`));
    const h = await pm.getHeader();
    expect(h.maxZoom).toBe(14);
    const x = Math.floor(((holyoke.lon + 180) / 360) * 2 ** 14);
    const latRad = (holyoke.lat * Math.PI) / 180;
    const y = Math.floor(
      ((1 - Math.log(Math.tan(latRad) + 1 / Math.cos(latRad)) / Math.PI) / 2) * 2 ** 14,
    );
    const tile = await pm.getZxy(14, x, y);
    const roads = new VectorTile(new PbfReader(new Uint8Array(tile!.data))).layers.roads!;
    const names = Array.from({ length: roads.length }, (_, i) => roads.feature(i).properties.name);
    expect(names).toContain('Main Street');
    const mvt = await fetch(
      `http://127.0.0.1:${host.port}/map-pack/tiles/14/${x}/${y}.mvt?token=${host.token}`,
    );
    expect(mvt.status).toBe(200);
    expect(mvt.headers.get('content-type')).toBe('application/vnd.mapbox-vector-tile');

    // Electron's app:// handler answers the same request shape without the token.
    const viaApp = await mapPackFetchResponse(
      env.backend.ctx,
      new Request('app://console/map-pack/test-streets.pmtiles', {
        headers: { Range: 'bytes=0-6' },
      }),
    );
    expect(viaApp.status).toBe(206);
    expect(new TextDecoder().decode(await viaApp.arrayBuffer())).toBe('PMTiles');
  });

  it('refuses a pack with damaged street tiles and leaves nothing installed', async () => {
    env = tempBackend();
    const damaged = join(env.dir, 'damaged.pmtiles');
    const bytes = readFileSync(join(fixtures, 'test-streets.pmtiles'));
    bytes.fill(0, bytes.length - 400); // the last tiles (highest zoom, where streets are read)
    writeFileSync(damaged, bytes);
    const r = await env.backend.call('importMapPack', { path: damaged });
    expect(r.ok).toBe(false);
    if (!r.ok) expect(r.error.message).toMatch(/could not be read/);
    expect(value(await env.backend.call('getMapPackStatus', {}))).toEqual({ installed: null });
    expect(readdirSync(join(env.dir, 'map-packs'))).toEqual([]);
  });

  it('refuses a file that is not a map pack, with a message at the field', async () => {
    env = tempBackend();
    const fake = join(env.dir, 'notes.pmtiles');
    writeFileSync(fake, 'not a pack');
    const r = await env.backend.call('importMapPack', { path: fake });
    expect(r.ok).toBe(false);
    if (!r.ok) expect(r.error.fieldErrors?.path).toMatch(/not a PMTiles or MBTiles/);
    const txt = await env.backend.call('importMapPack', { path: join(env.dir, 'console.sqlite') });
    expect(txt.ok).toBe(false);
    expect(value(await env.backend.call('getMapPackStatus', {}))).toEqual({ installed: null });
  });
});

describe('command line', () => {
  const tsx = join(root, 'node_modules', '.bin', 'tsx');
  const run = (script: string, ...args: string[]) =>
    spawnSync(tsx, [join(root, 'scripts', script), ...args], {
      cwd: root,
      encoding: 'utf8',
      timeout: 60_000,
    });
  const rows = (out: string) =>
    out
      .split('\n')
      .filter(Boolean)
      .map((l) => JSON.parse(l) as Record<string, unknown>);

  it('map-pack streets prints one JSON object a line with name and town', () => {
    const r = run('map-pack.ts', 'streets', copyOf('test-streets.mbtiles'));
    expect(r.status).toBe(0);
    const streets = rows(r.stdout);
    expect(streets).toContainEqual(
      expect.objectContaining({ name: 'Dwight Street', town: 'Holyoke' }),
    );
    for (const s of streets)
      expect(Object.keys(s)).toEqual(expect.arrayContaining(['name', 'town']));
  });

  it('geocode --pack places the street; a bad pack is a usage error', () => {
    const r = run('geocode.ts', '--pack', copyOf('test-streets.pmtiles'), 'Main St, Holyoke');
    expect(r.status).toBe(0);
    expect(rows(r.stdout)[0]).toMatchObject({
      kind: 'street',
      precision: 'street',
      town: 'Holyoke',
    });
    const bad = join(work, 'bad.pmtiles');
    writeFileSync(bad, 'nope');
    const b = run('geocode.ts', '--pack', bad, 'Main St, Holyoke');
    expect(b.status).toBe(2);
    expect(b.stderr).toMatch(/cannot read map pack/);
  });
});
