import { useEffect, useId, useRef, useState, type KeyboardEvent } from 'react';
import { EtaForm } from './EtaForm';
import { overrideText } from './override-text';
import type { AssignmentView } from '../../../../shared/api/assignments';
import type { ApiError } from '../../../../shared/api/result';
import { textFor } from '../../../../shared/i18n';
import type { CandidateView } from '../../../../shared/api/roster-matching';
import type { Incident } from '../../../../shared/api/schemas';
import {
  isActiveAssignment,
  nextAssignmentStatuses,
  primaryNextStatus,
} from '../../../../shared/assignments/lifecycle';
import { formatDuration } from '../../../../shared/domain/board';
import {
  DECLINE_REASONS,
  type AssignmentStatus,
  type DeclineReason,
  type ResponderRole,
} from '../../../../shared/domain/vocabulary';
import { useBridge } from '../../api/BridgeProvider';
import { useTeamPlan } from '../matching/queries';
import { useAssignmentList } from './queries';
import { useNow } from '../../lib/useNow';
import { useI18n } from '../../i18n/I18nProvider';
import { Badge } from '../../ui/Badge';
import { explanationLine } from '../matching/explain';
import { useAssign } from './AssignProvider';
import { ResponderLinkControls } from './ResponderLinkControls';
import { useErrorText } from '../../lib/error-text';

export interface SlotFill {
  role: ResponderRole;
  needed: number;
  filled: number;
}

/** Fills the plan's slots with the active assignments (each person counts once). */
export function fillSlots(
  slots: readonly { role: ResponderRole; alternatives: readonly ResponderRole[]; needed: number }[],
  assignments: readonly { role: ResponderRole; status: AssignmentStatus }[],
): SlotFill[] {
  const pool = assignments.filter((a) => isActiveAssignment(a.status)).map((a) => a.role);
  return slots.map((slot) => {
    const roles = [slot.role, ...slot.alternatives];
    let filled = 0;
    for (let i = 0; i < pool.length && filled < slot.needed;) {
      if (roles.includes(pool[i]!)) {
        pool.splice(i, 1);
        filled++;
      } else i++;
    }
    return { role: slot.role, needed: slot.needed, filled };
  });
}

/**
 * The incident's team: slots filled and open, each assignment with its status in words, time in
 * status, ETA and overdue check-in; one-click lifecycle steps, check-in, copy alert, undo, and
 * after a decline the next candidate on offer.
 */
export function TeamPanel({ incident }: { incident: Incident }) {
  const i18n = useI18n();
  const describeError = useErrorText();
  const { t, label } = i18n;
  const { bridge } = useBridge();
  const { announce, assign } = useAssign();
  const team = useAssignmentList({ incidentId: incident.id, activeOnly: false });
  const plan = useTeamPlan(incident.id);
  const { reload } = team;
  const now = useNow(15_000);
  const [error, setError] = useState<string | null>(null);
  const [offer, setOffer] = useState<{
    role: ResponderRole;
    candidate: CandidateView | null;
  } | null>(null);

  const all = team.data ?? [];
  const active = all.filter((a) => isActiveAssignment(a.status));
  const past = all.filter((a) => !isActiveAssignment(a.status));
  const slots = plan.data ? fillSlots(plan.data.slots, all) : [];
  const needed = slots.reduce((n, s) => n + s.needed, 0);
  const filled = slots.reduce((n, s) => n + s.filled, 0);
  const closed = incident.status === 'closed';

  const run = async (
    call: () => Promise<{ ok: true; value: unknown } | { ok: false; error: ApiError }>,
    said: string,
  ) => {
    setError(null);
    const result = await call();
    if (!result.ok) {
      setError(describeError(result.error));
      return null;
    }
    announce(said);
    reload();
    return result.value;
  };

  const advance = async (
    a: AssignmentView,
    to: AssignmentStatus,
    extra: { etaMinutes?: number; declineReason?: DeclineReason } = {},
  ) => {
    const value = (await run(
      () => bridge.api.advanceAssignment({ id: a.id, to, expectedFrom: a.status, ...extra }),
      t('crew.advanced', { name: a.responderName, status: label('assignmentStatus', to) }),
    )) as { nextCandidate: CandidateView | null } | null;
    if (value && to === 'declined') setOffer({ role: a.role, candidate: value.nextCandidate });
    else if (value) setOffer(null);
  };

  return (
    <section className="team" aria-labelledby="team-heading" data-testid="team-panel">
      <h3 className="panel-subheading" id="team-heading">
        {t('crew.heading')}
        {plan.data && (
          <span className="team__summary" data-testid="team-summary">
            {' '}
            · {t('crew.summary', { filled, needed, open: Math.max(0, needed - filled) })}
          </span>
        )}
      </h3>
      {slots.length > 0 && (
        <ul className="team__slots" aria-label={t('team.slotsLabel')}>
          {slots.map((s) => (
            <li
              key={s.role}
              className={`team__slot${s.filled >= s.needed ? ' team__slot--full' : ''}`}
            >
              {t('crew.slot', { role: label('role', s.role), filled: s.filled, needed: s.needed })}
            </li>
          ))}
        </ul>
      )}
      {team.error && (
        <p role="alert" className="error-text">
          {describeError(team.error)}
        </p>
      )}
      {team.data && active.length === 0 && <p className="muted">{t('crew.empty')}</p>}
      {active.length > 0 && (
        <ul className="team__list" aria-label={t('crew.listLabel')} data-testid="team-list">
          {active.map((a) => (
            <TeamRow
              key={a.id}
              a={a}
              now={now}
              disabled={closed}
              onAdvance={(to, extra) => void advance(a, to, extra)}
              onCheckIn={() =>
                void run(
                  () => bridge.api.logCheckIn({ id: a.id }),
                  t('crew.checkedIn', { name: a.responderName }),
                )
              }
              onError={setError}
            />
          ))}
        </ul>
      )}
      {offer && (
        <div className="team__offer" data-testid="next-candidate">
          {offer.candidate ? (
            <>
              <p>
                {t('crew.nextHint', {
                  role: label('role', offer.role),
                  name: offer.candidate.name,
                  why: explanationLine(i18n, offer.candidate.explanation),
                })}
              </p>
              <button
                type="button"
                className="button button--small button--primary"
                onClick={async () => {
                  const c = offer.candidate!;
                  const done = await assign({
                    incidentId: incident.id,
                    responderId: c.responderId,
                    name: c.name,
                    role: offer.role,
                    expectedBusy: false,
                  });
                  if (done) setOffer(null);
                }}
              >
                {t('crew.offerNext', { name: offer.candidate.name })}
              </button>
            </>
          ) : (
            <p>{t('crew.noNext', { role: label('role', offer.role) })}</p>
          )}
        </div>
      )}
      {error && (
        <p role="alert" className="form-alert">
          {error}
        </p>
      )}
      <div className="team__tools">
        <button
          type="button"
          className="button button--small"
          data-testid="undo-assignment"
          onClick={async () => {
            setError(null);
            const r = await bridge.api.undoLastAssignmentAction({});
            if (!r.ok) return setError(describeError(r.error));
            setOffer(null);
            announce(t('crew.undone', { what: textFor(i18n.locale, r.value.undone) }));
            reload();
          }}
        >
          {t('crew.undo')}
        </button>
      </div>
      {past.length > 0 && (
        <details className="team__past">
          <summary>{t('crew.past', { count: past.length })}</summary>
          <ul>
            {past.map((a) => (
              <li key={a.id}>
                {a.responderName} · {label('role', a.role)} · {label('assignmentStatus', a.status)}
                {a.declineReason
                  ? ` · ${t('crew.declined', { reason: label('declineReason', a.declineReason) })}`
                  : ''}
              </li>
            ))}
          </ul>
        </details>
      )}
    </section>
  );
}

interface RowProps {
  a: AssignmentView;
  now: number;
  disabled: boolean;
  onAdvance: (
    to: AssignmentStatus,
    extra?: { etaMinutes?: number; declineReason?: DeclineReason },
  ) => void;
  onCheckIn: () => void;
  onError: (message: string | null) => void;
}

function TeamRow({ a, now, disabled, onAdvance, onCheckIn, onError }: RowProps) {
  const { t, label, locale } = useI18n();
  const describeError = useErrorText();
  const { bridge } = useBridge();
  const { announce } = useAssign();
  const [asking, setAsking] = useState<'declined' | 'en_route' | null>(null);
  const [reason, setReason] = useState<DeclineReason>('unavailable');
  const [alertText, setAlertText] = useState<string | null>(null);
  const alertRef = useRef<HTMLTextAreaElement>(null);
  const reasonId = useId();
  const next = nextAssignmentStatuses(a.status);
  const primary = primaryNextStatus(a.status);
  const inField = a.status === 'en_route' || a.status === 'on_scene';

  useEffect(() => {
    if (alertText !== null) alertRef.current?.select();
  }, [alertText]);

  const step = (to: AssignmentStatus) => {
    if (to === 'declined' || to === 'en_route') setAsking(to);
    else onAdvance(to);
  };
  const copyAlert = async () => {
    onError(null);
    const r = await bridge.api.getAlertText({ assignmentId: a.id });
    if (!r.ok) return onError(describeError(r.error));
    try {
      await navigator.clipboard.writeText(r.value.text);
      setAlertText(null);
      announce(t('crew.copied', { name: a.responderName }));
    } catch {
      setAlertText(r.value.text);
      announce(t('crew.copyFallback'));
    }
  };
  const onKeyDown = (e: KeyboardEvent<HTMLLIElement>) => {
    if (e.target !== e.currentTarget || disabled) return;
    if (e.key === 'Enter' && primary) {
      e.preventDefault();
      step(primary);
    } else if (e.key.toLowerCase() === 'c' && inField) {
      e.preventDefault();
      onCheckIn();
    }
  };

  return (
    <li
      className={`team-member${a.checkInOverdue || a.proposalStale ? ' team-member--overdue' : ''}`}
      tabIndex={0}
      data-testid="team-member"
      data-assignment-id={a.id}
      data-status={a.status}
      aria-label={`${a.responderName}, ${label('role', a.role)}, ${label('assignmentStatus', a.status)}${a.checkInOverdue ? `, ${t('crew.overdue')}` : ''}${a.proposalStale ? `, ${t('crew.proposalStale')}` : ''}`}
      onKeyDown={onKeyDown}
    >
      <div className="team-member__top">
        <span className="team-member__name">{a.responderName}</span>
        <span className="team-member__role">{label('role', a.role)}</span>
        <Badge kind="assignment" value={a.status}>
          {label('assignmentStatus', a.status)}
        </Badge>
        {a.checkInOverdue && (
          <Badge kind="alert" value="checkin">
            {t('crew.overdue')}
          </Badge>
        )}
        {a.proposalStale && (
          <Badge kind="alert" value="proposal">
            {t('crew.proposalStale')}
          </Badge>
        )}
      </div>
      <div className="team-member__meta">
        <span>
          {t('crew.inStatus', {
            duration: formatDuration(Math.max(0, now - Date.parse(a.statusChangedAt))),
          })}
        </span>
        {a.etaAt && (
          <span>
            {t('crew.eta', {
              time: new Date(a.etaAt).toLocaleTimeString(locale, {
                hour: '2-digit',
                minute: '2-digit',
              }),
            })}
          </span>
        )}
        {a.overrideReason && <span>{overrideText(locale, a.overrideReason)}</span>}
      </div>
      <ResponderLinkControls a={a} disabled={disabled} onError={onError} />
      {!disabled && (
        <div className="team-member__actions">
          {next.map((to) => (
            <button
              key={to}
              type="button"
              className={`button button--small${to === primary ? ' button--primary' : ''}`}
              aria-label={t('crew.actionLabel', {
                action: t(`crew.to.${to}`),
                name: a.responderName,
              })}
              aria-expanded={to === 'declined' || to === 'en_route' ? asking === to : undefined}
              onClick={() => step(to)}
            >
              {t(`crew.to.${to}`)}
            </button>
          ))}
          {inField && (
            <button
              type="button"
              className="button button--small"
              aria-label={t('crew.actionLabel', {
                action: t('crew.checkIn'),
                name: a.responderName,
              })}
              onClick={onCheckIn}
            >
              {t('crew.checkIn')}
            </button>
          )}
          <button
            type="button"
            className="button button--small"
            aria-label={t('crew.actionLabel', {
              action: t('crew.copyAlert'),
              name: a.responderName,
            })}
            onClick={() => void copyAlert()}
          >
            {t('crew.copyAlert')}
          </button>
        </div>
      )}
      {asking === 'declined' && (
        <form
          className="team-member__ask"
          onSubmit={(e) => {
            e.preventDefault();
            setAsking(null);
            onAdvance('declined', { declineReason: reason });
          }}
        >
          <label htmlFor={reasonId}>{t('crew.declineReason', { name: a.responderName })}</label>
          <select
            id={reasonId}
            value={reason}
            autoFocus
            onChange={(e) => setReason(e.target.value as DeclineReason)}
          >
            {DECLINE_REASONS.map((r) => (
              <option key={r} value={r}>
                {label('declineReason', r)}
              </option>
            ))}
          </select>
          <button type="submit" className="button button--small button--primary">
            {t('crew.confirmDecline')}
          </button>
          <button type="button" className="button button--small" onClick={() => setAsking(null)}>
            {t('crew.cancel')}
          </button>
        </form>
      )}
      {asking === 'en_route' && (
        <EtaForm
          onCancel={() => setAsking(null)}
          onConfirm={(etaMinutes) => {
            setAsking(null);
            onAdvance('en_route', etaMinutes === undefined ? {} : { etaMinutes });
          }}
        />
      )}
      {alertText !== null && (
        <div className="team-member__alert">
          <p role="status">{t('crew.copyFallback')}</p>
          <textarea
            ref={alertRef}
            readOnly
            rows={4}
            aria-label={t('crew.alertText', { name: a.responderName })}
            value={alertText}
          />
        </div>
      )}
    </li>
  );
}
