import { useState } from 'react';
import type { Shift } from '../../../../shared/api/shift-schemas';
import { useBridge } from '../../api/BridgeProvider';
import { PrintPortal } from '../briefing/PrintPortal';
import { Modal } from '../../ui/Modal';
import { useHandoffBriefPage } from './queries';
import { useI18n } from '../../i18n/I18nProvider';
import { useErrorText } from '../../lib/error-text';

/**
 * The hand-off brief the previous dispatcher left, shown to the arriving dispatcher: read it,
 * print it, acknowledge it (recorded on the shift, attributed to the arriving dispatcher).
 */
export function HandoffDialog({
  shift,
  onClose,
  onAcknowledged,
}: {
  shift: Shift;
  onClose: () => void;
  onAcknowledged: () => void;
}) {
  const { t, locale } = useI18n();
  const describeError = useErrorText();
  const { bridge } = useBridge();
  const [error, setError] = useState<string | null>(null);
  const page = useHandoffBriefPage({ shiftId: shift.id, locale });

  const acknowledge = async () => {
    const result = await bridge.api.acknowledgeHandoff({ shiftId: shift.id });
    if (!result.ok) {
      setError(describeError(result.error));
      return;
    }
    onAcknowledged();
  };

  return (
    <Modal
      title={t('shift.handoffTitle', { name: shift.dispatcherName })}
      titleId="handoff-title"
      onCancel={onClose}
      className="modal--wide"
      testId="handoff-dialog"
    >
      {page.data && (
        <>
          <div
            className="briefing-preview"
            data-testid="handoff-preview"
            dangerouslySetInnerHTML={{ __html: page.data.fragment }}
          />
          <PrintPortal fragment={page.data.fragment} />
        </>
      )}
      {page.error && <p role="alert">{describeError(page.error)}</p>}
      {error && (
        <p role="alert" className="field-error">
          {error}
        </p>
      )}
      <div className="modal__actions">
        <button type="button" onClick={() => window.print()} disabled={!page.data}>
          {t('shift.printBrief')}
        </button>
        <button type="button" onClick={onClose}>
          {t('briefing.close')}
        </button>
        <button
          type="button"
          className="is-primary"
          data-autofocus
          data-testid="acknowledge-handoff"
          onClick={() => void acknowledge()}
        >
          {t('shift.acknowledge')}
        </button>
      </div>
    </Modal>
  );
}
