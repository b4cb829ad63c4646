import { useEffect, useRef } from 'react';
import L from 'leaflet';
import type { Responder } from '../../../../shared/api/schemas';
import { useI18n } from '../../i18n/I18nProvider';
import { escapeHtml } from './escapeHtml';
import { useLayerGroup } from './useLayerGroup';

interface Props {
  responders: readonly Responder[];
  selectedId: string | null;
  onSelect: (id: string) => void;
}

/**
 * Responders as small canvas dots (the map is created with preferCanvas), cheap enough for a
 * statewide roster. On call = filled, off duty = hollow, and the tooltip says which in words.
 */
export function ResponderDots({ responders, selectedId, onSelect }: Props) {
  const { t } = useI18n();
  const group = useLayerGroup();
  const select = useRef(onSelect);
  useEffect(() => {
    select.current = onSelect;
  });

  useEffect(() => {
    group.clearLayers();
    for (const r of responders) {
      const selected = r.id === selectedId;
      const dot = L.circleMarker([r.homeLat, r.homeLon], {
        radius: selected ? 8 : 4,
        weight: selected ? 3 : 1.5,
        color: selected ? '#1d3557' : '#2a6f4e',
        fillColor: '#2a6f4e',
        fillOpacity: r.onCall ? 0.9 : 0.15,
      });
      const duty = r.onCall ? t('responders.onCall') : t('responders.offDuty');
      dot.bindTooltip(
        escapeHtml(`${t('map.responderMarker', { name: r.name, town: r.homeTown })} (${duty})`),
      );
      dot.on('click', () => select.current(r.id));
      dot.addTo(group);
      if (selected) dot.bringToFront();
    }
  }, [responders, selectedId, group, t]);

  return null;
}
