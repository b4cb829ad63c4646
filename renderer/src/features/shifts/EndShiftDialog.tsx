import { useState } from 'react';
import type { MessageKey } from '../../../../shared/i18n';
import { useBridge } from '../../api/BridgeProvider';
import { Modal } from '../../ui/Modal';
import { useHandoffPreview } from './queries';
import { useT } from '../../i18n/I18nProvider';
import { useErrorText } from '../../lib/error-text';

/**
 * Ending a shift: notes for the next dispatcher, a look at what the hand-off brief will say, and,
 * when items need attention (overdue verifications or check-ins), an explicit confirmation first.
 */
export function EndShiftDialog({ onClose, onEnded }: { onClose: () => void; onEnded: () => void }) {
  const t = useT();
  const describeError = useErrorText();
  const { bridge } = useBridge();
  const [notes, setNotes] = useState('');
  const [confirmed, setConfirmed] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const preview = useHandoffPreview();
  const attention = preview.data?.attention ?? [];

  const end = async () => {
    setBusy(true);
    const result = await bridge.api.endShift({ notes, confirmAttention: confirmed });
    setBusy(false);
    if (!result.ok) {
      setError(describeError(result.error));
      return;
    }
    onEnded();
  };

  return (
    <Modal
      title={t('shift.endTitle')}
      titleId="end-shift-title"
      onCancel={onClose}
      testId="end-shift-dialog"
    >
      <div className="shift-form">
        {preview.data && (
          <ul className="muted">
            <li>{t('handoff.openIncidents', { count: preview.data.openIncidents.length })}</li>
            <li>
              {t('handoff.pendingVerifications', {
                count: preview.data.pendingVerifications.length,
              })}
            </li>
            <li>{t('handoff.respondersOut', { count: preview.data.respondersOut.length })}</li>
            <li>{t('handoff.followUps', { count: preview.data.followUps.length })}</li>
          </ul>
        )}
        {attention.length > 0 && (
          <div className="shift-attention" role="alert" data-testid="end-shift-attention">
            <strong>{t('shift.attention')}</strong>
            <ul>
              {attention.map((a) => (
                <li key={`${a.kind}:${a.what}`}>
                  {t(`handoff.attention.${a.kind}` as MessageKey, { what: a.what })}
                </li>
              ))}
            </ul>
            <label className="checkbox-row">
              <input
                type="checkbox"
                checked={confirmed}
                onChange={(e) => setConfirmed(e.target.checked)}
                data-testid="confirm-attention"
              />
              {t('shift.confirmAttention')}
            </label>
          </div>
        )}
        <label>
          {t('shift.notes')}
          <textarea
            value={notes}
            maxLength={2000}
            data-autofocus
            data-testid="handoff-notes"
            onChange={(e) => setNotes(e.target.value)}
          />
        </label>
        {error && (
          <p role="alert" className="field-error">
            {error}
          </p>
        )}
        <div className="modal__actions">
          <button type="button" onClick={onClose}>
            {t('shift.cancel')}
          </button>
          <button
            type="button"
            className="is-primary"
            disabled={busy || (attention.length > 0 && !confirmed)}
            onClick={() => void end()}
            data-testid="confirm-end-shift"
          >
            {t('shift.confirmEnd')}
          </button>
        </div>
      </div>
    </Modal>
  );
}
