/** Label a clicked map point with the nearest municipality center. */
import { haversineKm } from './distance';
import { TOWNS, type Place } from './places';

/**
 * The 'town' entry whose center is nearest. Town centers are points, not boundaries, so near a
 * town line this can name the neighbor; say "near X" rather than "in X" when showing it.
 */
export function nearestTown(lat: number, lon: number): Place {
  let best = TOWNS[0];
  let bestKm = Infinity;
  for (const town of TOWNS) {
    const d = haversineKm({ lat, lon }, town);
    if (d < bestKm) {
      best = town;
      bestKm = d;
    }
  }
  if (!best) throw new Error('gazetteer has no towns');
  return best;
}
