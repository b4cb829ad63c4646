/**
 * Credit for the offline geography data. Show it wherever the map or a printed briefing uses
 * the gazetteer or county outlines (CC BY 4.0 requires attribution).
 */
export const GEO_ATTRIBUTION =
  'Place names and ZIP codes: GeoNames (geonames.org), CC BY 4.0. ' +
  'County boundaries: US Census Bureau cartographic boundary files via us-atlas.';

/** Short form for the corner of a map. */
export const GEO_ATTRIBUTION_SHORT = 'GeoNames (CC BY 4.0), US Census';
