import { useState, type ReactNode } from 'react';
import type { Settings } from '../../../../shared/domain/settings';
import { useBridge } from '../../api/BridgeProvider';
import { Modal } from '../../ui/Modal';
import { formatDateTime } from '../../lib/format-time';
import { useI18n } from '../../i18n/I18nProvider';
import { EndShiftDialog } from './EndShiftDialog';
import { HandoffDialog } from './HandoffDialog';
import { LockScreen } from './LockScreen';
import { MetricsView } from './MetricsView';
import { SettingsDialog } from '../settings/SettingsDialog';
import { SignOnDialog } from './SignOnDialog';
import { useIdleLock } from './useIdleLock';
import { useShiftMetrics, useShiftState } from './queries';
import './shifts.css';
import { useErrorText } from '../../lib/error-text';

interface Props {
  settings: Settings;
  /** Reloads the session (dispatcher name, settings) after a sign-on or a settings change. */
  onSessionChanged: () => void;
  /** The workspace: map and lists. Rendered only while a dispatcher is on shift and unlocked. */
  children: ReactNode;
}

/**
 * Dispatch shifts around the workspace: the sign-on dialog while nobody is on shift, the idle
 * lock (the workspace is UNMOUNTED, not covered), the shift bar (who, since when, metrics,
 * lock, briefing settings, end shift / hand off) and the hand-off brief to acknowledge.
 */
export function ShiftGate({ settings, onSessionChanged, children }: Props) {
  const { t, locale } = useI18n();
  const describeError = useErrorText();
  const { bridge } = useBridge();
  const state = useShiftState();
  const [dialog, setDialog] = useState<'end' | 'metrics' | 'settings' | null>(null);
  const [handoffDismissed, setHandoffDismissed] = useState<string | null>(null);
  const s = state.data;
  const shift = s?.shift ?? null;
  const unlocked = shift !== null && !s?.locked;

  const lock = async () => {
    setDialog(null);
    await bridge.api.lockConsole({});
    state.reload();
  };
  useIdleLock(unlocked, settings.idleLockMinutes, () => void lock());

  const metrics = useShiftMetrics(dialog === 'metrics' && !!shift);

  const changed = () => {
    state.reload();
    onSessionChanged();
  };

  if (!s) {
    return (
      <div className="workspace-placeholder" data-testid="shift-loading">
        {state.error && (
          <p role="alert" className="app-alert">
            {describeError(state.error)}
          </p>
        )}
      </div>
    );
  }

  const pending = s.pendingHandoff;
  const showHandoff = unlocked && pending !== null && handoffDismissed !== pending.id;

  return (
    <>
      {shift && (
        <section className="shift-bar" aria-label={t('shift.panel')} data-testid="shift-bar">
          <span className="shift-bar__who" data-testid="shift-who">
            {t('shift.onShift', {
              name: shift.dispatcherName,
              time: formatDateTime(locale, shift.startedAt),
            })}
          </span>
          {unlocked && (
            <>
              {pending && !showHandoff && (
                <button type="button" onClick={() => setHandoffDismissed(null)}>
                  {t('shift.handoffTitle', { name: pending.dispatcherName })}
                </button>
              )}
              <button
                type="button"
                data-testid="shift-metrics-button"
                onClick={() => setDialog('metrics')}
              >
                {t('shift.metrics')}
              </button>
              <button type="button" onClick={() => setDialog('settings')}>
                {t('shift.settings')}
              </button>
              <button type="button" data-testid="lock-now" onClick={() => void lock()}>
                {t('shift.lockNow')}
              </button>
              <button
                type="button"
                className="is-primary"
                data-testid="end-shift-button"
                onClick={() => setDialog('end')}
              >
                {t('shift.end')}
              </button>
            </>
          )}
        </section>
      )}
      {unlocked ? (
        children
      ) : shift ? (
        <LockScreen dispatcherName={shift.dispatcherName} onUnlocked={() => state.reload()} />
      ) : (
        <div className="workspace-placeholder" />
      )}
      {!shift && <SignOnDialog dispatchers={s.dispatchers} onSignedOn={changed} />}
      {showHandoff && (
        <HandoffDialog
          shift={pending}
          onClose={() => setHandoffDismissed(pending.id)}
          onAcknowledged={() => state.reload()}
        />
      )}
      {unlocked && dialog === 'end' && (
        <EndShiftDialog
          onClose={() => setDialog(null)}
          onEnded={() => {
            setDialog(null);
            changed();
          }}
        />
      )}
      {unlocked && dialog === 'metrics' && (
        <Modal
          title={t('shift.metrics')}
          titleId="shift-metrics-title"
          onCancel={() => setDialog(null)}
          className="modal--settings"
          testId="shift-metrics-dialog"
        >
          {metrics.data && <MetricsView metrics={metrics.data} />}
          {metrics.error && <p role="alert">{describeError(metrics.error)}</p>}
          <div className="modal__actions">
            <button type="button" data-autofocus onClick={() => setDialog(null)}>
              {t('briefing.close')}
            </button>
          </div>
        </Modal>
      )}
      {unlocked && dialog === 'settings' && (
        <SettingsDialog
          settings={settings}
          onClose={() => setDialog(null)}
          onSaved={onSessionChanged}
        />
      )}
    </>
  );
}
