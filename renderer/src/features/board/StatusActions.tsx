import { useEffect, useRef, useState, type FormEvent } from 'react';
import type { Incident } from '../../../../shared/api/schemas';
import {
  allowedTransitions,
  isVerificationOutcome,
} from '../../../../shared/domain/incident-status';
import type { IncidentStatus } from '../../../../shared/domain/vocabulary';
import { useBridge } from '../../api/BridgeProvider';
import { useI18n } from '../../i18n/I18nProvider';
import { useAssignmentList } from '../assign/queries';
import { isActiveAssignment } from '../../../../shared/assignments/lifecycle';
import { useErrorText } from '../../lib/error-text';

/**
 * Buttons for exactly the next steps the workflow allows (shared/domain/incident-status.ts).
 * A verification outcome first asks, inline, who verified (the incident's assigned verifiers are
 * filled in) and for a note. Every change sends
 * the status the dispatcher saw (expectedFrom), so a stale board is refused, not overwritten.
 */
export function StatusActions({ incident }: { incident: Incident }) {
  const { t, label } = useI18n();
  const describeError = useErrorText();
  const { bridge } = useBridge();
  const [outcome, setOutcome] = useState<IncidentStatus | null>(null);
  const [verifier, setVerifier] = useState('');
  const [note, setNote] = useState('');
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const [announce, setAnnounce] = useState('');
  const [seenStatus, setSeenStatus] = useState(incident.status);
  const rootRef = useRef<HTMLDivElement>(null);
  const team = useAssignmentList({ incidentId: incident.id, activeOnly: true });
  const focusAfterChange = useRef(false);
  // Keep the keyboard in the workflow: once the new status arrives, focus its first next step.
  useEffect(() => {
    if (!focusAfterChange.current) return;
    focusAfterChange.current = false;
    rootRef.current?.querySelector<HTMLElement>('button')?.focus();
  }, [incident.status]);
  if (seenStatus !== incident.status) {
    // The incident moved on (here or on another console): drop a half-open outcome form.
    setSeenStatus(incident.status);
    setOutcome(null);
  }

  const verifiers = (team.data ?? [])
    .filter((a) => a.role === 'verifier' && isActiveAssignment(a.status))
    .map((a) => a.responderName);
  const next = allowedTransitions(incident.status, incident.heldFromStatus);
  const outcomes = next.filter(isVerificationOutcome);
  const steps = next.filter((s) => !isVerificationOutcome(s));

  const go = async (to: IncidentStatus, extra: { verifiedBy?: string; note?: string } = {}) => {
    setBusy(true);
    setError(null);
    const result = await bridge.api.transitionIncident({
      id: incident.id,
      to,
      expectedFrom: incident.status,
      ...(extra.verifiedBy ? { verifiedBy: extra.verifiedBy } : {}),
      ...(extra.note ? { note: extra.note } : {}),
    });
    setBusy(false);
    if (!result.ok) {
      setError(describeError(result.error));
      return;
    }
    setOutcome(null);
    setVerifier('');
    setNote('');
    setAnnounce(t('status.changed', { status: label('status', to) }));
    focusAfterChange.current = true;
  };

  const stepLabel = (to: IncidentStatus) => {
    if (incident.status === 'on_hold' && to === incident.heldFromStatus)
      return t('status.backTo', { status: label('status', to) });
    if (to === 'on_hold') return t('status.hold');
    return label('status', to);
  };

  const submitOutcome = (e: FormEvent) => {
    e.preventDefault();
    if (outcome) void go(outcome, { verifiedBy: verifier.trim(), note: note.trim() });
  };

  return (
    <div className="status-actions" data-status-actions ref={rootRef}>
      {next.length === 0 ? (
        <p className="muted">{t('status.none')}</p>
      ) : (
        <>
          {outcomes.length > 0 && (
            <div role="group" aria-labelledby="outcomes-label" className="status-actions__group">
              <span id="outcomes-label" className="status-actions__label">
                {t('status.outcomes')}
              </span>
              {outcomes.map((to) => (
                <button
                  key={to}
                  type="button"
                  className={`button status-button status-button--${to}`}
                  aria-expanded={outcome === to}
                  aria-controls="outcome-form"
                  disabled={busy}
                  onClick={() => {
                    setOutcome(to);
                    setError(null);
                    // The assigned verifier is filled in: Enter records at once, typing replaces.
                    setVerifier(verifiers.join(', '));
                    requestAnimationFrame(() =>
                      document.getElementById('outcome-verifier')?.focus(),
                    );
                  }}
                >
                  {label('verification', to as never)}
                </button>
              ))}
            </div>
          )}
          {outcome && (
            <form
              id="outcome-form"
              className="outcome-form"
              onSubmit={submitOutcome}
              onKeyDown={(e) => {
                if (e.key === 'Escape') {
                  e.preventDefault();
                  setOutcome(null);
                }
              }}
            >
              <label htmlFor="outcome-verifier">{t('status.verifier')}</label>
              <input
                id="outcome-verifier"
                value={verifier}
                maxLength={80}
                autoComplete="off"
                list={verifiers.length ? 'outcome-verifiers' : undefined}
                onFocus={(e) => e.currentTarget.select()}
                onChange={(e) => setVerifier(e.target.value)}
              />
              {verifiers.length > 0 && (
                <datalist id="outcome-verifiers">
                  {verifiers.map((name) => (
                    <option key={name} value={name} />
                  ))}
                </datalist>
              )}
              <label htmlFor="outcome-note">{t('status.note')}</label>
              <input
                id="outcome-note"
                value={note}
                maxLength={2000}
                autoComplete="off"
                onChange={(e) => setNote(e.target.value)}
              />
              <div className="outcome-form__actions">
                <button type="submit" className="button button--primary" disabled={busy}>
                  {t('status.record', { outcome: label('verification', outcome as never) })}
                </button>
                <button type="button" className="button" onClick={() => setOutcome(null)}>
                  {t('status.cancel')}
                </button>
              </div>
            </form>
          )}
          {steps.length > 0 && (
            <div role="group" aria-labelledby="steps-label" className="status-actions__group">
              <span id="steps-label" className="status-actions__label">
                {t('status.actions')}
              </span>
              {steps.map((to) => (
                <button
                  key={to}
                  type="button"
                  className={`button status-button status-button--${to}`}
                  disabled={busy}
                  onClick={() => void go(to)}
                >
                  {stepLabel(to)}
                </button>
              ))}
            </div>
          )}
        </>
      )}
      {error && (
        <p role="alert" className="form-alert" data-testid="status-error">
          {error}
        </p>
      )}
      <p className="visually-hidden" role="status">
        {announce}
      </p>
    </div>
  );
}
