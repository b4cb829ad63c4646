import { useCallback } from 'react';
import type { Incident } from '../../../../shared/api/schemas';
import { useBridge } from '../../api/BridgeProvider';
import { placeName } from '../../lib/format-incident';
import { focusSoon } from '../../lib/focusSoon';
import { useI18n } from '../../i18n/I18nProvider';
import { useConsoleDispatch, useConsoleState } from '../../shell/ConsoleStore';
import { IntakeForm } from './IntakeForm';

const NEW_INCIDENT_BUTTON = '[data-testid="new-incident-button"]';

/** "New incident" (button or N): opens the form, or returns focus to the one already open. */
export function useOpenIntake(): () => void {
  const { intake } = useConsoleState();
  const dispatch = useConsoleDispatch();
  const open = !!intake;
  return useCallback(() => {
    if (open) focusSoon('#intake-type');
    else dispatch({ type: 'openIntake', openedAt: Date.now() });
  }, [open, dispatch]);
}

/**
 * The intake form wired to the console: its draft lives in the console store (the map sets the
 * point), and a save selects the new incident, then asks the backend for incidents it may
 * duplicate; the merge review (MergeStep) takes over from there.
 */
export function IntakePanel({ purgeHours }: { purgeHours: number }) {
  const { t, label } = useI18n();
  const { bridge } = useBridge();
  const { intake } = useConsoleState();
  const dispatch = useConsoleDispatch();
  if (!intake) return null;

  const onSaved = async (incident: Incident) => {
    dispatch({
      type: 'intakeSaved',
      incident,
      announcement: t('intake.saved', {
        type: label('incidentType', incident.type),
        place: placeName(incident),
      }),
    });
    const found = await bridge.api.findMergeCandidates({ incidentId: incident.id });
    if (found.ok && found.value.length > 0) {
      dispatch({ type: 'reviewMerge', reportId: incident.id, candidates: found.value });
    } else {
      focusSoon('#details-heading');
    }
  };

  return (
    <IntakeForm
      openedAt={intake.openedAt}
      location={intake.location}
      onLocationChange={(location) => dispatch({ type: 'setIntakeLocation', location })}
      onPlacePicked={(lat, lon) => dispatch({ type: 'focusMap', at: { lat, lon, zoom: 13 } })}
      purgeHours={purgeHours}
      onSaved={(incident) => void onSaved(incident)}
      onCancel={() => {
        dispatch({ type: 'closeIntake' });
        focusSoon(NEW_INCIDENT_BUTTON);
      }}
    />
  );
}
