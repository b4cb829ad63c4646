import { MapContainer, Pane, ZoomControl } from 'react-leaflet';
import type { Responder } from '../../../../shared/api/schemas';
import type { MapResponderPoints } from '../../../../shared/api/map-points';
import { WESTERN_MASS_BOUNDS } from '../../../../shared/geo/region';
import { useI18n } from '../../i18n/I18nProvider';
import { CountyLabels, CountyOutlines } from './CountiesLayer';
import { FocusOnRequest, type FocusRequest } from './FocusOnRequest';
import { IncidentClusters, type ClusterDropHandlers } from './IncidentClusters';
import { AssignmentLines } from './AssignmentLines';
import type { AssignmentView } from '../../../../shared/api/assignments';
import { PickPoint } from './PickPoint';
import { PlaceLabels } from './PlaceLabels';
import { ResizeWatcher } from './ResizeWatcher';
import { ResponderClusters } from './ResponderClusters';
import type { MapIncident } from './queries';
import { CandidateLines, type CandidateOverlay } from './CandidateLines';
import { StatusTileLayer } from './StatusTileLayer';
import { StreetPackLayer } from './StreetPackLayer';

interface Props {
  tileUrl: string;
  tileAttribution: string;
  incidents: readonly MapIncident[];
  /** Home points of the assigned responders, by id (for assignment lines). */
  responderHomes: ReadonlyMap<string, Pick<Responder, 'homeLat' | 'homeLon'>>;
  /** Every active responder as map points (clustered); undefined while loading. */
  responderPoints: MapResponderPoints | undefined;
  showResponders: boolean;
  selectedIncidentId: string | null;
  selectedResponderId: string | null;
  focus: FocusRequest | null;
  onSelectIncident: (id: string) => void;
  onSelectResponder: (id: string) => void;
  onTilesFailed: () => void;
  onTilesLoaded: () => void;
  /** While the intake form is open: map clicks and the draggable pin set its point. */
  picking?: {
    point: { lat: number; lon: number } | null;
    onPick: (lat: number, lon: number) => void;
  } | null;
  /** The selected incident's candidates with travel lines (null: none). */
  candidates?: CandidateOverlay | null;
  /** Active assignments (lines home -> incident) and drag-to-assign on markers. */
  assignments?: readonly AssignmentView[];
  overdueIncidentIds?: ReadonlySet<string>;
  drop?: ClusterDropHandlers;
}

const [[south, west], [north, east]] = WESTERN_MASS_BOUNDS;
/** Panning stops a little outside the four counties (incidents just over a line still show). */
const MAX_BOUNDS: [[number, number], [number, number]] = [
  [south - 1, west - 1.5],
  [north + 1, east + 1.5],
];

/**
 * The map: offline county outlines and place names first (always there), street tiles on top
 * when reachable, then responders and incidents, each clustered in an index of its own.
 */
export function MapView(props: Props) {
  const { t, locale } = useI18n();
  return (
    <div className="map-view" data-testid="map" role="region" aria-label={t('map.label')}>
      <MapContainer
        // Opens fitted to the four counties (about zoom 9-9.5 on a laptop screen).
        bounds={WESTERN_MASS_BOUNDS}
        boundsOptions={{ padding: [12, 12] }}
        zoomSnap={0.25}
        minZoom={7}
        maxZoom={18}
        maxBounds={MAX_BOUNDS}
        preferCanvas
        zoomControl={false}
        className="map-view__map"
      >
        {/* Keyed by language: Leaflet reads the titles once, when the control is made. */}
        <ZoomControl key={locale} zoomInTitle={t('map.zoomIn')} zoomOutTitle={t('map.zoomOut')} />
        <StreetPackLayer />
        <StatusTileLayer
          url={props.tileUrl}
          attribution={props.tileAttribution}
          onTilesFailed={props.onTilesFailed}
          onTilesLoaded={props.onTilesLoaded}
        />
        <CountyOutlines />
        <Pane name="labels" style={{ zIndex: '450', pointerEvents: 'none' }}>
          <CountyLabels />
          <PlaceLabels />
        </Pane>
        {props.showResponders && props.responderPoints && (
          <ResponderClusters
            points={props.responderPoints}
            selectedId={props.selectedResponderId}
            onSelect={props.onSelectResponder}
          />
        )}
        <CandidateLines overlay={props.candidates ?? null} />
        <AssignmentLines
          assignments={props.assignments ?? []}
          incidents={props.incidents}
          responders={props.responderHomes}
          selectedIncidentId={props.selectedIncidentId}
        />
        <IncidentClusters
          incidents={props.incidents}
          selectedId={props.selectedIncidentId}
          onSelect={props.onSelectIncident}
          {...(props.overdueIncidentIds ? { overdueIds: props.overdueIncidentIds } : {})}
          {...(props.drop ? { drop: props.drop } : {})}
        />
        {props.picking && (
          <PickPoint
            point={props.picking.point}
            onPick={props.picking.onPick}
            label={t('map.pickPin')}
          />
        )}
        <FocusOnRequest request={props.focus} />
        <ResizeWatcher />
      </MapContainer>
    </div>
  );
}
