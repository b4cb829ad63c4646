import type { Incident } from '../../../shared/api/schemas';
import type { IncidentType } from '../../../shared/domain/vocabulary';
import type { I18n } from '../i18n/I18nProvider';

/** A one-character glyph per incident type for map markers; the text label always goes with it. */
export const TYPE_GLYPHS: Record<IncidentType, string> = {
  home_raid: '⌂',
  workplace_raid: '⚒',
  arrest: '⊗',
  vehicle_stop: '⇆',
  courthouse: '⚖',
  checkin_detention: '☐',
  sighting: '◉',
  labor_abuse: '$',
  other: '•',
};

export function incidentTown(i18n: I18n, incident: Incident): string {
  return incident.location.town ?? incident.location.text ?? i18n.t('incidents.noTown');
}

/** "Turners Falls (Montague)": the place as given, plus its town when that differs. */
export function placeName(incident: {
  location: Pick<Incident['location'], 'text' | 'town'>;
}): string {
  const { text, town } = incident.location;
  return town && town.toLowerCase() !== text.toLowerCase() ? `${text} (${town})` : text;
}

/** "Home raid - New - Holyoke": the accessible name of an incident's marker. */
export function incidentMarkerName(
  i18n: I18n,
  incident: Pick<Incident, 'type' | 'status'> & {
    location: Pick<Incident['location'], 'text' | 'town'>;
  },
): string {
  return i18n.t('map.incidentMarker', {
    type: i18n.label('incidentType', incident.type),
    status: i18n.label('status', incident.status),
    town: placeName(incident),
  });
}

/** Newest first by when the call came in. */
export function newestFirst(a: Incident, b: Incident): number {
  return Date.parse(b.callReceivedAt) - Date.parse(a.callReceivedAt);
}

/** "Home raid · Turners Falls (Montague)" in the reader's language. */
export function incidentName(
  i18n: Pick<I18n, 'label' | 't'>,
  incident: Pick<Incident, 'type' | 'location'> | undefined,
): string {
  if (!incident) return '?';
  return `${i18n.label('incidentType', incident.type)} · ${placeName(incident)}`;
}
