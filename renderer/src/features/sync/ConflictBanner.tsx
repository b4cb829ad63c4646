import { useState, type FormEvent } from 'react';
import { textFieldLabel } from '../../../../shared/i18n';
import type { ConflictView } from '../../../../shared/api/contract';
import {
  ASSIGNMENT_STATUSES,
  INCIDENT_STATUSES,
  RESPONDER_ROLES,
  VERIFICATION_OUTCOMES,
} from '../../../../shared/domain/vocabulary';
import { useBridge } from '../../api/BridgeProvider';
import { placeName } from '../../lib/format-incident';
import { formatDateTime } from '../../lib/format-time';
import { useIncidentDetail } from '../board/queries';
import { useResponder } from '../roster/queries';
import { useConflictList } from './queries';
import { useI18n } from '../../i18n/I18nProvider';
import './sync.css';
import { useErrorText } from '../../lib/error-text';

const isOneOf = <T extends string>(list: readonly T[], value: unknown): value is T =>
  typeof value === 'string' && (list as readonly string[]).includes(value);

/**
 * Sync conflicts people must settle, on the selected incident: both versions with who made them
 * and when (and which one the consoles show now), and "Resolve" with a note. Nothing here is
 * resolved silently: the note is a synced activity entry that clears the banner everywhere.
 */
export function ConflictBanner({ incidentId }: { incidentId: string }) {
  const conflicts = useConflictList(incidentId);
  const open = conflicts.data ?? [];
  if (open.length === 0) return null;
  return (
    <div className="conflict-banners" data-testid="conflict-banners">
      {open.map((c) => (
        <ConflictItem
          key={c.id}
          conflict={c}
          incidentId={incidentId}
          onResolved={conflicts.reload}
        />
      ))}
    </div>
  );
}

function ConflictItem({
  conflict,
  incidentId,
  onResolved,
}: {
  conflict: ConflictView;
  incidentId: string;
  onResolved: () => void;
}) {
  const { t, label, locale } = useI18n();
  const describeError = useErrorText();
  const { bridge } = useBridge();
  const responder = useResponder(conflict.responderId ?? null);
  const otherId =
    conflict.kind === 'double_assignment'
      ? conflict.incidentId === incidentId
        ? conflict.otherIncidentId
        : conflict.incidentId
      : null;
  const other = useIncidentDetail(otherId ?? null);
  const [resolving, setResolving] = useState(false);
  const [note, setNote] = useState('');
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);

  const headingId = `conflict-${conflict.id}-heading`;
  const noteId = `conflict-${conflict.id}-note`;

  const incidentName = (id: string | undefined) => {
    if (!id || id === incidentId) return t('conflict.thisIncident');
    const inc = other.data?.incident;
    return inc && inc.id === id
      ? `${label('incidentType', inc.type)} · ${placeName(inc)}`
      : id.slice(0, 8);
  };

  const versionText = (v: ConflictView['versions'][number]) => {
    if (conflict.kind === 'concurrent_text')
      return t('conflict.textVersion', {
        field: v.field ? textFieldLabel(locale, v.field) : '',
        text: v.value ?? '',
      });
    if (
      conflict.kind === 'status_transition' ||
      (conflict.kind === 'invariant_repair' && !v.assignmentId)
    )
      return t('conflict.ruleVersion', {
        value: isOneOf(INCIDENT_STATUSES, v.value) ? label('status', v.value) : (v.value ?? '?'),
      });
    if (conflict.kind === 'verification_outcome') {
      const outcome = isOneOf(VERIFICATION_OUTCOMES, v.value)
        ? label('verification', v.value)
        : (v.value ?? '?');
      return [
        t('conflict.outcomeVersion', { outcome }),
        v.verifiedBy ? t('conflict.verifiedBy', { name: v.verifiedBy }) : null,
      ]
        .filter(Boolean)
        .join(', ');
    }
    return t('conflict.assignmentVersion', {
      incident: incidentName(v.incidentId),
      role: isOneOf(RESPONDER_ROLES, v.role) ? label('role', v.role) : (v.role ?? '?'),
      status: isOneOf(ASSIGNMENT_STATUSES, v.value)
        ? label('assignmentStatus', v.value)
        : (v.value ?? '?'),
    });
  };

  const resolve = async (event?: FormEvent) => {
    event?.preventDefault();
    setBusy(true);
    const result = await bridge.api.resolveConflict({ id: conflict.id, note });
    setBusy(false);
    if (!result.ok) {
      setError(describeError(result.error, 'note'));
      return;
    }
    setError(null);
    setNote('');
    setResolving(false);
    onResolved();
  };

  const summary =
    conflict.kind === 'double_assignment'
      ? t('conflict.double_assignment', {
          responder: responder.data?.name ?? t('conflict.aResponder'),
        })
      : t(`conflict.${conflict.kind}`);

  return (
    <section
      className="conflict-banner"
      aria-labelledby={headingId}
      data-testid="conflict-banner"
      data-kind={conflict.kind}
    >
      <div role="alert">
        <h3 id={headingId} className="conflict-banner__heading">
          <span aria-hidden="true">⚠ </span>
          {t('conflict.heading')}
        </h3>
        <p className="conflict-banner__summary">{summary}</p>
        <ol className="conflict-banner__versions">
          {conflict.versions.map((v) => (
            <li
              key={v.opId}
              className={`conflict-version${v.kept === false ? ' conflict-version--lost' : ''}`}
              data-testid="conflict-version"
            >
              <span className="conflict-version__value">{versionText(v)}</span>
              <span className="conflict-version__who">
                {t('conflict.by', { actor: v.actor, time: formatDateTime(locale, v.at) })}
              </span>
              {v.kept !== undefined && (
                <span
                  className={`conflict-version__tag conflict-version__tag--${v.kept ? 'kept' : 'lost'}`}
                >
                  {v.kept ? t('conflict.kept') : t('conflict.overwritten')}
                </span>
              )}
            </li>
          ))}
        </ol>
      </div>
      {resolving ? (
        <form className="conflict-banner__form" onSubmit={(e) => void resolve(e)}>
          <label htmlFor={noteId}>{t('conflict.noteLabel')}</label>
          <textarea
            id={noteId}
            rows={2}
            value={note}
            maxLength={2000}
            autoFocus
            aria-invalid={error ? true : undefined}
            aria-describedby={error ? `${noteId}-error` : undefined}
            onChange={(e) => setNote(e.target.value)}
            onKeyDown={(e) => {
              if (e.key === 'Enter' && (e.ctrlKey || e.metaKey)) {
                e.preventDefault();
                void resolve();
              }
              if (e.key === 'Escape') {
                e.preventDefault();
                setResolving(false);
              }
            }}
          />
          {error && (
            <p id={`${noteId}-error`} role="alert" className="field-error">
              {error}
            </p>
          )}
          <div className="conflict-banner__actions">
            <button type="submit" className="button button--primary button--small" disabled={busy}>
              {t('conflict.markResolved')}
            </button>
            <button
              type="button"
              className="button button--small"
              onClick={() => {
                setResolving(false);
                setError(null);
              }}
            >
              {t('conflict.cancel')}
            </button>
          </div>
        </form>
      ) : (
        <div className="conflict-banner__actions">
          <button
            type="button"
            className="button button--small"
            onClick={() => setResolving(true)}
            data-testid="conflict-resolve"
          >
            {t('conflict.resolve')}
          </button>
        </div>
      )}
    </section>
  );
}
