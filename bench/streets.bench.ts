import { copyFileSync, mkdtempSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { FeatureCollection, LineString } from 'geojson';
import { openMapPack } from '../backend/map-pack/pack-reader';
import { buildStreetIndex, openStreetIndex } from '../backend/map-pack/street-index';
import { writeMbtiles } from '../scripts/map-pack/mbtiles-writer';
import { buildMvtTiles } from '../scripts/map-pack/mvt-tiles';
import { syntheticStreetNetwork } from '../scripts/map-pack/synthetic-streets';
import { geocode } from '../shared/geo/geocoder';
import { timeRuns, type BenchResult } from './bench-kit';

/**
 * Street-level geocoding and pack indexing.
 *
 * - streets.geocode: median/p99 of geocode() with the SQLite street index over a synthetic
 *   network (80 streets around each of the 101 town centres, cut into pieces by the z14 tiles,
 *   ~20,000 segments), cycling street, intersection and "near" queries.
 * - streets.index_*: time to index a pack. Indexing reads every tile of the highest zoom,
 *   decodes its road layer and inserts the pieces, so its cost grows with the bytes of those
 *   tiles; the 100 MB figure is ms per MB measured here times 100. A real extract spends part of
 *   its bytes on lower zooms and on layers the indexer never decodes (buildings, land use), so
 *   the figure is an upper estimate. cpu_ms (process CPU time per build) is reported beside the
 *   wall-clock median because on a loaded machine the wall clock mostly measures the wait.
 */
const round = (x: number) => Math.round(x * 1000) / 1000;

async function indexTiming(
  bench: string,
  pack: string,
): Promise<BenchResult & { segments: number }> {
  const reader = await openMapPack(pack);
  let segments = 0;
  const cpu0 = process.cpuUsage();
  const runs = await timeRuns(
    async () => {
      segments = (await buildStreetIndex(reader, `${pack}.streets.sqlite`)).segments;
    },
    5,
    1,
  );
  const cpu = process.cpuUsage(cpu0);
  const cpuMs = (cpu.user + cpu.system) / 1000 / 6; // 5 timed runs + 1 warm-up
  await reader.close();
  const mb = statSync(pack).size / 1e6;
  return {
    bench,
    n: segments,
    segments,
    pack_mb: round(mb),
    ...runs,
    ms_per_mb: round(runs.median_ms / mb),
    est_100mb_s: round(((runs.median_ms / mb) * 100) / 1000),
    cpu_ms: round(cpuMs),
    est_100mb_cpu_s: round(((cpuMs / mb) * 100) / 1000),
  };
}

export default async function streetsBench(): Promise<BenchResult[]> {
  const dir = mkdtempSync(join(tmpdir(), 'streets-bench-'));
  try {
    const fixture = join(dir, 'test-streets.pmtiles');
    copyFileSync(
      join(import.meta.dirname, '..', 'test', 'fixtures', 'map-packs', 'test-streets.pmtiles'),
      fixture,
    );
    const small = await indexTiming('streets.index_test_pack', fixture);

    const network = syntheticStreetNetwork(80, 1);
    const roads: FeatureCollection<LineString> = {
      type: 'FeatureCollection',
      features: network.map((s) => ({
        type: 'Feature',
        properties: { name: s.name, class: 'minor' },
        geometry: { type: 'LineString', coordinates: s.line },
      })),
    };
    const benchPack = join(dir, 'bench-streets.mbtiles');
    const tiles = buildMvtTiles({ transportation: roads }, 14, 14);
    writeMbtiles(
      benchPack,
      tiles,
      { west: -73.6, south: 41.9, east: -72.0, north: 42.8 },
      {
        name: 'bench',
        attribution: 'synthetic',
        vector_layers: [{ id: 'transportation', fields: { name: 'String', class: 'String' } }],
      },
    );
    const large = await indexTiming('streets.index_bench_pack', benchPack);

    const index = openStreetIndex(benchPack)!;
    const names = [...new Set(network.filter((s) => s.town === 'Holyoke').map((s) => s.name))];
    const queries = [
      `${names[0]}, Holyoke`,
      `12 ${names[5]}, Springfield`,
      `${names[20]} & ${names[21]}, Northampton`,
      `${names[2]}, Greenfield`,
      `${names[7]} near the library`,
      'Main St, Pittsfield',
      'Holyoke',
    ];
    let q = 0;
    const geocodeRuns = await timeRuns(
      () => geocode(queries[q++ % queries.length]!, 8, { streets: index }),
      700,
      70,
    );
    index.close();
    // The built-in gazetteer alone (towns, villages, neighborhoods, places), as intake asks it
    // on every keystroke before a street pack is installed.
    const typed = ['holyoke ma', 'Nortampton', '12 Main St, Holyoke', 's', 'xyzzy'];
    let t = 0;
    const gazetteerRuns = await timeRuns(() => geocode(typed[t++ % typed.length]!), 1000, 100);
    return [
      { bench: 'streets.geocode', n: large.segments, ...geocodeRuns, target_ms: 5 },
      { bench: 'geocode.gazetteer', n: typed.length, ...gazetteerRuns, target_ms: 1 },
      small,
      large,
    ];
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

if (import.meta.url === `file://${process.argv[1]}`) {
  for (const r of await streetsBench()) console.log(JSON.stringify(r));
}
