declare module 'vt-pbf' {
  import type { LegacyTile } from 'geojson-vt';
  /** Serializes geojson-vt tiles (one per layer name) to an uncompressed MVT buffer. */
  export function fromGeojsonVt(
    layers: Record<string, LegacyTile>,
    options?: { version?: number; extent?: number },
  ): Uint8Array;
}
