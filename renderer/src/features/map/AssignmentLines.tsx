import { useEffect, useMemo } from 'react';
import L from 'leaflet';
import type { AssignmentView } from '../../../../shared/api/assignments';
import type { Responder } from '../../../../shared/api/schemas';
import type { AssignmentStatus } from '../../../../shared/domain/vocabulary';
import { useI18n } from '../../i18n/I18nProvider';
import { escapeHtml } from './escapeHtml';
import { useLayerGroup } from './useLayerGroup';

interface Props {
  /** Active assignments of open incidents. */
  assignments: readonly AssignmentView[];
  incidents: readonly { id: string; location: { lat: number; lon: number } }[];
  responders: ReadonlyMap<string, Pick<Responder, 'homeLat' | 'homeLon'>>;
  selectedIncidentId: string | null;
}

/** Not yet moving: thin dashes; moving: solid; there: thick. Overdue lines turn red. */
const WEIGHT: Partial<Record<AssignmentStatus, number>> = {
  proposed: 2,
  notified: 2,
  accepted: 3,
  en_route: 3,
  on_scene: 5,
};

/**
 * Lines from assigned responders' home points to their incident: green (the candidate lines are
 * blue), with each line's status in a tooltip in words; the selected incident's team is labelled.
 */
export function AssignmentLines({ assignments, incidents, responders, selectedIncidentId }: Props) {
  const { t, label } = useI18n();
  const group = useLayerGroup();
  // SVG (the map prefers canvas): lines get classes, and tests and screen captures can find them.
  const renderer = useMemo(() => L.svg({ padding: 0.5 }), []);

  useEffect(() => {
    group.clearLayers();
    const byId = new Map(incidents.map((i) => [i.id, i]));
    const points = new Map<
      string,
      { lat: number; lon: number; lines: string[]; selected: boolean; overdue: boolean }
    >();
    for (const a of assignments) {
      const incident = byId.get(a.incidentId);
      const home = responders.get(a.responderId);
      if (!incident || !home) continue;
      const selected = a.incidentId === selectedIncidentId;
      const waiting = a.status === 'proposed' || a.status === 'notified';
      const color = a.checkInOverdue ? '#b42318' : '#1b7a3d';
      const line = L.polyline(
        [
          [home.homeLat, home.homeLon],
          [incident.location.lat, incident.location.lon],
        ],
        {
          color,
          weight: WEIGHT[a.status] ?? 2,
          opacity: selected ? 0.95 : 0.55,
          ...(waiting ? { dashArray: '4 6' } : {}),
          className: `assignment-line assignment-line--${a.status}`,
          renderer,
        },
      );
      const text =
        t('map.assignedLine', {
          name: a.responderName,
          status: label('assignmentStatus', a.status),
          role: label('role', a.role),
        }) + (a.checkInOverdue ? ` · ${t('map.checkInOverdue')}` : '');
      line.bindTooltip(escapeHtml(text), { sticky: true, className: 'assignment-label' });
      line.addTo(group);
      // People of one town share a home point: one dot, one label listing them all.
      const key = `${home.homeLat.toFixed(4)},${home.homeLon.toFixed(4)}`;
      const point = points.get(key) ?? {
        lat: home.homeLat,
        lon: home.homeLon,
        lines: [],
        selected: false,
        overdue: false,
      };
      point.lines.push(text);
      point.selected ||= selected;
      point.overdue ||= a.checkInOverdue;
      points.set(key, point);
    }
    for (const point of points.values()) {
      const color = point.overdue ? '#b42318' : '#1b7a3d';
      const dot = L.circleMarker([point.lat, point.lon], {
        radius: 5,
        weight: 2,
        color,
        fillColor: '#ffffff',
        fillOpacity: 1,
        renderer,
      });
      dot.bindTooltip(point.lines.map(escapeHtml).join('<br>'), {
        direction: 'left',
        offset: [-6, 0],
        className: 'assignment-label',
      });
      dot.addTo(group);
    }
    // The selected incident's team: one permanent label under its marker (no pile of labels).
    const selected = selectedIncidentId ? byId.get(selectedIncidentId) : undefined;
    const teamLines = assignments
      .filter((a) => a.incidentId === selectedIncidentId && responders.has(a.responderId))
      .map(
        (a) =>
          t('map.assignedLine', {
            name: a.responderName,
            status: label('assignmentStatus', a.status),
            role: label('role', a.role),
          }) + (a.checkInOverdue ? ` · ${t('map.checkInOverdue')}` : ''),
      );
    if (selected && teamLines.length > 0) {
      const anchor = L.circleMarker([selected.location.lat, selected.location.lon], {
        radius: 1,
        opacity: 0,
        fillOpacity: 0,
        interactive: false,
        renderer,
      });
      anchor.bindTooltip(teamLines.map(escapeHtml).join('<br>'), {
        permanent: true,
        direction: 'bottom',
        offset: [0, 8],
        className: 'assignment-label assignment-label--team',
      });
      anchor.addTo(group);
    }
  }, [assignments, incidents, responders, selectedIncidentId, group, renderer, t, label]);

  return null;
}
