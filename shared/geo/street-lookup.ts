/**
 * The seam between the pure geocoder and a street index that lives elsewhere (the backend's
 * SQLite cache built from a map pack, or an in-memory list in tests and benchmarks). The
 * geocoder only ever asks these two questions, synchronously.
 */
import type { Polyline } from './polyline';
import type { StreetName } from './street-name';

export interface StreetSegment {
  /** The street's name as the map pack spells it ("Main Street", "Main St"). */
  name: string;
  /** Municipality the segment was indexed under. */
  town: string;
  line: Polyline;
}

export interface Landmark {
  name: string;
  /** The pack's class or kind ("library", "school"); '' when it has none. */
  kind: string;
  town: string;
  lat: number;
  lon: number;
}

export interface StreetLookup {
  /**
   * Segments of the named street: by `key` when `name.typed`, else every street of that `base`
   * ("Dwight" finds Dwight St). In `town` when given, otherwise in every town.
   */
  segments(name: StreetName, town: string | null): readonly StreetSegment[];
  /** Landmarks whose name or kind contains every one of the folded `words`. */
  landmarks(words: readonly string[], town: string | null): readonly Landmark[];
}

/** A StreetLookup over segments and landmarks held in memory (tests, benchmarks, small packs). */
export function memoryStreetLookup(
  segments: readonly (StreetSegment & { key: string; base: string })[],
  landmarks: readonly (Landmark & { words: readonly string[] })[] = [],
): StreetLookup {
  const byBase = new Map<string, (StreetSegment & { key: string })[]>();
  for (const s of segments) {
    const list = byBase.get(s.base) ?? [];
    list.push(s);
    byBase.set(s.base, list);
  }
  return {
    segments(name, town) {
      return (byBase.get(name.base) ?? []).filter(
        (s) => (!name.typed || s.key === name.key) && (town === null || s.town === town),
      );
    },
    landmarks(words, town) {
      return landmarks.filter(
        (l) =>
          (town === null || l.town === town) &&
          words.every((w) => l.words.some((lw) => lw.startsWith(w))),
      );
    },
  };
}
