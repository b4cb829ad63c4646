import { useMemo } from 'react';
import L from 'leaflet';
import type { FeatureCollection, Geometry } from 'geojson';
import { GeoJSON, Marker } from 'react-leaflet';
import countiesJson from '../../../../shared/geo/data/western-mass-counties.json';
import { GEO_ATTRIBUTION_SHORT } from '../../../../shared/geo/attribution';

interface CountyProps {
  fips: string;
  name: string;
}
const counties = countiesJson as unknown as FeatureCollection<Geometry, CountyProps>;

const COUNTY_STYLE: L.PathOptions = {
  className: 'county-outline',
  color: '#4b5d73',
  weight: 1.5,
  opacity: 0.9,
  fillColor: '#dfe7ee',
  fillOpacity: 0.14,
  interactive: true,
};

/** A label point per county: the center of the bounds of its outline. */
function labelPoints(): { name: string; at: L.LatLng }[] {
  return counties.features.map((feature) => ({
    name: feature.properties.name,
    at: L.geoJSON(feature).getBounds().getCenter(),
  }));
}

/**
 * The offline base map: the four county outlines. Drawn with SVG (not the shared canvas) so each
 * outline carries the `county-outline` class. Always renders, with or without street tiles.
 */
export function CountyOutlines() {
  // GeoJSON forwards its options to each polygon; spread so Path-only options pass the typing.
  const pathOptions = useMemo<L.PathOptions>(
    () => ({ renderer: L.svg({ padding: 0.5 }), className: 'county-outline' }),
    [],
  );
  return (
    <GeoJSON
      data={counties}
      {...pathOptions}
      style={() => COUNTY_STYLE}
      attribution={GEO_ATTRIBUTION_SHORT}
      onEachFeature={(feature: { properties: CountyProps }, layer) => {
        layer.bindTooltip(`${feature.properties.name} County`, {
          sticky: true,
          className: 'county-tooltip',
        });
        // Shapes are scenery for the keyboard: never a Tab stop.
        layer.on('add', () => {
          const el = (layer as L.Path).getElement();
          el?.setAttribute('tabindex', '-1');
          el?.setAttribute('focusable', 'false');
        });
      }}
    />
  );
}

/** County names, large and faint; render inside the labels pane. */
export function CountyLabels() {
  const labels = useMemo(labelPoints, []);
  return (
    <>
      {labels.map(({ name, at }) => (
        <Marker
          key={name}
          position={at}
          interactive={false}
          keyboard={false}
          icon={L.divIcon({
            className: 'county-label',
            html: `<span>${name}</span>`,
            iconSize: undefined,
          })}
        />
      ))}
    </>
  );
}
