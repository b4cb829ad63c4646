import { useId, useState, type FormEvent } from 'react';
import type { Incident } from '../../../../shared/api/schemas';
import { RESPONDER_ROLES, type ResponderRole } from '../../../../shared/domain/vocabulary';
import { useI18n } from '../../i18n/I18nProvider';
import { Modal } from '../../ui/Modal';
import { incidentName } from '../../lib/format-incident';
import type { DragResponder } from './assign-request';

interface Props {
  who: DragResponder;
  incidents: readonly Incident[];
  defaultIncidentId: string | null;
  onAssign: (incidentId: string, role: ResponderRole | null) => void;
  onCancel: () => void;
}

/**
 * The keyboard twin of a drag: pick the incident (the selected one first) and the role (the
 * best open slot unless changed); Enter assigns, Esc cancels.
 */
export function AssignDialog({ who, incidents, defaultIncidentId, onAssign, onCancel }: Props) {
  const i18n = useI18n();
  const { t, label } = i18n;
  const open = incidents.filter((i) => i.status !== 'closed' && !i.mergedIntoId);
  const first = open.find((i) => i.id === defaultIncidentId) ?? open[0];
  const [incidentId, setIncidentId] = useState(first?.id ?? '');
  const [role, setRole] = useState<ResponderRole | ''>(who.role ?? '');
  const incidentSelect = useId();
  const roleSelect = useId();
  const submit = (e: FormEvent) => {
    e.preventDefault();
    if (incidentId) onAssign(incidentId, role || null);
  };
  return (
    <Modal
      title={t('assign.dialogTitle', { name: who.name })}
      titleId="assign-title"
      testId="assign-dialog"
      onCancel={onCancel}
    >
      <form onSubmit={submit} className="assign-form">
        {open.length === 0 ? (
          <p role="alert">{t('assign.noIncidents')}</p>
        ) : (
          <>
            <label htmlFor={incidentSelect}>{t('assign.incident')}</label>
            <select
              id={incidentSelect}
              value={incidentId}
              data-autofocus
              onChange={(e) => setIncidentId(e.target.value)}
              onKeyDown={(e) => {
                // A select swallows Enter in some browsers: make Enter assign from here too.
                if (e.key === 'Enter') submit(e);
              }}
            >
              {open.map((i) => (
                <option key={i.id} value={i.id}>
                  {incidentName(i18n, i)} ({label('status', i.status)})
                </option>
              ))}
            </select>
            <label htmlFor={roleSelect}>{t('assign.role')}</label>
            <select
              id={roleSelect}
              value={role}
              onChange={(e) => setRole(e.target.value as ResponderRole | '')}
              onKeyDown={(e) => {
                if (e.key === 'Enter') submit(e);
              }}
            >
              <option value="">{t('assign.bestSlot')}</option>
              {RESPONDER_ROLES.map((r) => (
                <option key={r} value={r}>
                  {label('role', r)}
                </option>
              ))}
            </select>
            <p className="field-hint">{t('assign.enterHint')}</p>
          </>
        )}
        <div className="modal__actions">
          <button type="submit" className="button button--primary" disabled={!incidentId}>
            {t('assign.submit')} <kbd>Enter</kbd>
          </button>
          <button type="button" className="button" onClick={onCancel}>
            {t('assign.cancel')} <kbd>Esc</kbd>
          </button>
        </div>
      </form>
    </Modal>
  );
}
