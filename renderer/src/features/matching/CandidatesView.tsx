import { useEffect, useId, useMemo, useState } from 'react';
import type { Incident } from '../../../../shared/api/schemas';
import { RESPONDER_ROLES, type ResponderRole } from '../../../../shared/domain/vocabulary';
import { placeName } from '../../lib/format-incident';
import { useIncidentDetail } from '../board/queries';
import { useCandidateMatch, useTeamPlan } from './queries';
import { useI18n } from '../../i18n/I18nProvider';
import type { CandidateOverlay } from '../map/CandidateLines';
import { CandidateItem } from './CandidateItem';
import { excludedSummary } from './explain';
import { TeamPlanPanel } from './TeamPlanPanel';
import { useErrorText } from '../../lib/error-text';

interface Props {
  incidentId: string;
  /** What the map should draw (null when nothing is shown). */
  onOverlay: (overlay: CandidateOverlay | null) => void;
}

const LIMIT = 20;

/**
 * For the selected incident: ranked candidates for one role with their explanations (the role
 * defaults to the first open slot of the team plan), busy and off-duty people apart and marked
 * in words, and the team plan with "Suggest a team".
 */
export function CandidatesView({ incidentId, onOverlay }: Props) {
  const i18n = useI18n();
  const describeError = useErrorText();
  const { t, label } = i18n;
  const roleId = useId();

  const detail = useIncidentDetail(incidentId);
  const plan = useTeamPlan(incidentId);
  const [chosen, setChosen] = useState<{ incidentId: string; role: ResponderRole } | null>(null);
  const chosenRole = chosen?.incidentId === incidentId ? chosen.role : null;
  // Asked at once, with the incident and its plan: without a chosen role the backend ranks for
  // the plan's first open slot (and an interpreter slot's language), so no round trip waits.
  const match = useCandidateMatch({
    incidentId,
    limit: LIMIT,
    ...(chosenRole ? { role: chosenRole } : {}),
  });
  const role = chosenRole ?? match.data?.role ?? null;

  const incident: Incident | undefined = detail.data?.incident;
  const overlay = useMemo<CandidateOverlay | null>(
    () =>
      incident && match.data
        ? {
            key: `${incidentId}:${role}`,
            incident: { lat: incident.location.lat, lon: incident.location.lon },
            candidates: match.data.candidates,
            busy: match.data.busy,
            unavailable: match.data.unavailable,
          }
        : null,
    [incident, match.data, incidentId, role],
  );
  useEffect(() => {
    if (overlay) onOverlay(overlay);
  }, [overlay, onOverlay]);
  useEffect(() => () => onOverlay(null), [onOverlay]);

  const excluded = match.data ? excludedSummary(t, match.data.excludedCounts) : null;

  return (
    <div className="candidates" data-testid="candidates-view" data-incident-id={incidentId}>
      {incident && (
        <p className="candidates__for">
          {t('candidates.for', {
            type: label('incidentType', incident.type),
            place: placeName(incident),
            language: label('lang', incident.language),
          })}
        </p>
      )}
      <div className="candidates__role">
        <label htmlFor={roleId}>{t('candidates.role')}</label>
        <select
          id={roleId}
          value={role ?? ''}
          onChange={(e) => setChosen({ incidentId, role: e.target.value as ResponderRole })}
          data-testid="candidate-role"
        >
          {!role && <option value="">{t('candidates.loading')}</option>}
          {RESPONDER_ROLES.map((r) => (
            <option key={r} value={r}>
              {label('role', r)}
            </option>
          ))}
        </select>
      </div>
      {(detail.error ?? plan.error ?? match.error) && (
        <p role="alert" className="error-text">
          {describeError((detail.error ?? plan.error ?? match.error)!)}
        </p>
      )}
      {match.loading && !match.data && <p className="muted">{t('candidates.loading')}</p>}
      {match.data && (
        <>
          <h3 className="panel-subheading" id="ranked-heading">
            {t('candidates.ranked', {
              shown: match.data.candidates.length,
              eligible: match.data.eligibleCount,
            })}
          </h3>
          {match.data.candidates.length === 0 ? (
            <p className="muted">{t('candidates.none')}</p>
          ) : (
            <ol className="candidate-list" aria-labelledby="ranked-heading">
              {match.data.candidates.map((c, i) => (
                <CandidateItem
                  key={c.responderId}
                  candidate={c}
                  rank={i + 1}
                  incidentId={incidentId}
                  {...(c.declinedHere
                    ? {
                        kind: 'declined' as const,
                        testId: 'declined-item',
                        marker: t('candidates.declinedMarker', {
                          reason: label('declineReason', c.declinedHere),
                        }),
                      }
                    : {})}
                />
              ))}
            </ol>
          )}
          {excluded && <p className="candidates__excluded">{excluded}</p>}
          {match.data.busy.length > 0 && (
            <>
              <h3 className="panel-subheading" id="busy-heading">
                {t('candidates.busyHeading', { count: match.data.busy.length })}
              </h3>
              <ul className="candidate-list" aria-labelledby="busy-heading">
                {match.data.busy.map((c) => (
                  <CandidateItem
                    key={c.responderId}
                    candidate={c}
                    kind="busy"
                    incidentId={incidentId}
                    testId="busy-item"
                    marker={t('candidates.busyMarker', {
                      status: label('assignmentStatus', c.busyWith.status),
                    })}
                  />
                ))}
              </ul>
            </>
          )}
          {match.data.unavailable.length > 0 && (
            <>
              <h3 className="panel-subheading" id="unavailable-heading">
                {t('candidates.unavailableHeading', { count: match.data.unavailable.length })}
              </h3>
              <ul className="candidate-list" aria-labelledby="unavailable-heading">
                {match.data.unavailable.map((c) => (
                  <CandidateItem
                    key={c.responderId}
                    candidate={c}
                    kind="unavailable"
                    incidentId={incidentId}
                    testId="unavailable-item"
                    marker={t('candidates.unavailableMarker')}
                  />
                ))}
              </ul>
            </>
          )}
        </>
      )}
      {plan.data && (
        <TeamPlanPanel
          incidentId={incidentId}
          plan={plan.data}
          onPlanChanged={plan.reload}
          onPickRole={(r) => setChosen({ incidentId, role: r })}
        />
      )}
    </div>
  );
}
