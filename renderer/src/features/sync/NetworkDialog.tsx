import { useState, type FormEvent, type ReactNode } from 'react';
import { JoinNetworkInput, type SyncStatus } from '../../../../shared/api/contract';
import { isInsecureRelayUrl } from '../../../../shared/sync/transport';
import { useBridge } from '../../api/BridgeProvider';
import { formatDateTime } from '../../lib/format-time';
import { useI18n } from '../../i18n/I18nProvider';
import { maxLengths } from '../../lib/forms/contract-schema';
import { formMessage, useContractForm } from '../../lib/forms/useContractForm';
import { TextField, textFieldWiring } from '../../ui/Field';
import { Modal } from '../../ui/Modal';
import {
  RELAY_TONE,
  TONE_GLYPH,
  peersText,
  pendingText,
  noticeText,
  problemText,
  relayStateText,
} from './relayText';
import { useSyncStatus } from './queries';
import { ChangePassphrase, RejoinWithNewPassphrase } from './PassphraseChange';
import { useErrorText } from '../../lib/error-text';

type T = ReturnType<typeof useI18n>['t'];

/** What the last join attempt turned into, read from the live relay state. */
function connectionMessage(
  t: T,
  status: SyncStatus,
  attempt: { network: string; url: string } | null,
): { kind: 'ok' | 'info' | 'error'; text: string } | null {
  const network = status.network ?? attempt?.network ?? '';
  const url = status.relayUrl ?? attempt?.url ?? '';
  const state = status.relay.state;
  if (state === 'wrong_passphrase')
    return { kind: 'error', text: t('sync.errorWrongPassphrase', { network }) };
  if (state === 'protocol_too_old') return { kind: 'error', text: t('sync.errorProtocol') };
  const notice = noticeText(t, status.relay);
  if (notice) return { kind: state === 'connected' ? 'info' : 'error', text: notice };
  const last = status.problems.at(-1);
  if ((state === 'reconnecting' || state === 'offline') && last?.code === 'unreachable')
    return { kind: 'error', text: t('sync.errorUnreachable', { url }) };
  if (!attempt) return null;
  if (state === 'connected') return { kind: 'ok', text: t('sync.joined', { network }) };
  if (state === 'connecting' || state === 'reconnecting')
    return { kind: 'info', text: t('sync.joinedWaiting', { network }) };
  return null;
}

function Row({ name, children, testId }: { name: string; children: ReactNode; testId?: string }) {
  return (
    <div className="field-row">
      <dt>{name}</dt>
      <dd data-testid={testId}>{children}</dd>
    </div>
  );
}

/**
 * The relay network: live sync status (state, queue, log position, waiting changes, problems),
 * joining a network (the passphrase goes to the backend once and is cleared from the form at
 * once; it is never shown again nor stored by the UI), and leaving it.
 */
const NETWORK_FIELDS = ['relayUrl', 'network', 'passphrase', 'invite'] as const;
export const NETWORK_NAME_MAX = 64;
/**
 * Limits from the joinNetwork schema. The network name has no max() of its own: its pattern
 * allows 1-64 characters, which is what the box accepts.
 */
const LIMITS = {
  ...maxLengths(JoinNetworkInput, ['relayUrl', 'passphrase', 'invite']),
  network: NETWORK_NAME_MAX,
};

export function NetworkDialog({ onClose }: { onClose: () => void }) {
  const { t, locale } = useI18n();
  const describeError = useErrorText();
  const { bridge } = useBridge();
  const sync = useSyncStatus(1000);
  const status = sync.data;

  const [relayUrl, setRelayUrl] = useState<string | null>(null);
  const [network, setNetwork] = useState<string | null>(null);
  const [passphrase, setPassphrase] = useState('');
  const [invite, setInvite] = useState('');
  const form = useContractForm({
    order: NETWORK_FIELDS,
    fieldId: (key) => `net-${key}`,
  });
  const { errors } = form;
  const [busy, setBusy] = useState(false);
  const [attempt, setAttempt] = useState<{ network: string; url: string } | null>(null);
  const [confirmLeave, setConfirmLeave] = useState(false);
  const [left, setLeft] = useState(false);

  // Pre-filled from the current network until the dispatcher types (never the passphrase).
  const urlValue = relayUrl ?? status?.relayUrl ?? '';
  const networkValue = network ?? status?.network ?? '';

  const join = async (event: FormEvent) => {
    event.preventDefault();
    if (busy) return;
    form.clear();
    setLeft(false);
    const insecure = formMessage('sync.errorInsecureRelay');
    if (isInsecureRelayUrl(urlValue.trim())) {
      setPassphrase('');
      form.refuse({ relayUrl: insecure }, insecure);
      return;
    }
    setBusy(true);
    const secret = passphrase;
    setPassphrase('');
    const result = await bridge.api.joinNetwork({
      relayUrl: urlValue,
      network: networkValue,
      passphrase: secret,
      ...(invite.trim() ? { invite: invite.trim() } : {}),
    });
    setBusy(false);
    if (!result.ok) {
      // The backend's transport refusal, in the reader's language.
      const { error } = result;
      if (error.fieldErrors?.relayUrl && isInsecureRelayUrl(urlValue.trim()))
        form.refuse({ relayUrl: insecure }, insecure);
      else form.refuseFromServer(error, describeError(error, 'relayUrl'));
      setAttempt(null);
      return;
    }
    setAttempt({ network: result.value.network ?? networkValue, url: result.value.relayUrl ?? '' });
    setRelayUrl(null);
    setNetwork(null);
    setInvite('');
    sync.reload();
  };

  const leave = async () => {
    const result = await bridge.api.leaveNetwork({});
    setConfirmLeave(false);
    if (!result.ok) {
      form.setSummary(describeError(result.error));
      return;
    }
    setAttempt(null);
    setLeft(true);
    sync.reload();
  };

  const message = status ? connectionMessage(t, status, attempt) : null;
  const tone = status ? RELAY_TONE[status.relay.state] : 'neutral';

  return (
    <Modal
      title={t('sync.dialogTitle')}
      titleId="network-dialog-title"
      describedBy="network-dialog-intro"
      onCancel={onClose}
      className="modal--network"
      testId="network-dialog"
    >
      <p id="network-dialog-intro" className="muted network-dialog__intro">
        {t('sync.dialogIntro')}
      </p>

      <section aria-labelledby="net-status-heading" className="network-dialog__section">
        <h3 id="net-status-heading" className="panel-subheading">
          {t('sync.statusHeading')}
        </h3>
        {sync.error && (
          <p role="alert" className="form-alert">
            {describeError(sync.error)}
          </p>
        )}
        {!status ? (
          <p className="muted">…</p>
        ) : (
          <>
            <p
              className={`network-dialog__state relay-status relay-status--${tone}`}
              data-testid="network-state"
            >
              <span className="relay-status__glyph" aria-hidden="true">
                {TONE_GLYPH[tone]}
              </span>
              <strong>{relayStateText(t, status.relay.state)}</strong>
              {status.relay.pendingChanges > 0 &&
                ` · ${pendingText(t, status.relay.pendingChanges)}`}
              {status.relay.state === 'connected' && ` · ${peersText(t, status.relay.peers)}`}
            </p>
            {!status.configured ? (
              <p className="muted">{t('sync.notJoined')}</p>
            ) : (
              <dl className="field-list network-dialog__details" data-testid="sync-details">
                <Row name={t('sync.network')}>{status.network}</Row>
                <Row name={t('sync.relayUrl')}>
                  <code>{status.relayUrl}</code>
                </Row>
                <Row name={t('sync.lastSeq')} testId="sync-last-seq">
                  {status.lastSeq}
                </Row>
                <Row name={t('sync.pending')} testId="sync-pending">
                  {status.relay.pendingChanges}
                </Row>
                <Row name={t('sync.waitingOps')}>
                  {status.waitingOpsCount}
                  {status.waitingOps.length > 0 && (
                    <ul className="network-dialog__list">
                      {status.waitingOps.slice(0, 5).map((w) => (
                        <li key={w.opId}>
                          {t(`sync.waiting.${w.reason}`)}: {w.detail}
                        </li>
                      ))}
                    </ul>
                  )}
                </Row>
                <Row name={t('sync.openConflicts')}>{status.openConflicts}</Row>
                {status.epoch !== null && (
                  <Row name={t('sync.epoch')} testId="sync-epoch">
                    {status.epoch}
                  </Row>
                )}
              </dl>
            )}
            {status.configured && (
              <p className="field-hint">{t('sync.counters', { ...status.counters })}</p>
            )}
            {status.configured && (
              <>
                <h4 className="network-dialog__minor">{t('sync.problemsHeading')}</h4>
                {status.problems.length === 0 ? (
                  <p className="muted">{t('sync.problemsNone')}</p>
                ) : (
                  <ul className="network-dialog__list" data-testid="sync-problems">
                    {[...status.problems]
                      .reverse()
                      .slice(0, 5)
                      .map((p, i) => (
                        <li key={`${p.at}-${i}`}>
                          <time dateTime={p.at}>{formatDateTime(locale, p.at)}</time> ·{' '}
                          {problemText(t, p)}
                        </li>
                      ))}
                  </ul>
                )}
              </>
            )}
          </>
        )}
        {message && (
          <p
            role={message.kind === 'error' ? 'alert' : 'status'}
            className={message.kind === 'error' ? 'form-alert' : 'network-dialog__ok'}
            data-testid="network-message"
          >
            {message.text}
          </p>
        )}
        {left && (
          <p role="status" className="network-dialog__ok" data-testid="network-message">
            {t('sync.left')}
          </p>
        )}
      </section>

      {status?.relay.state === 'passphrase_changed' && (
        <RejoinWithNewPassphrase onRejoined={sync.reload} />
      )}
      {status?.configured && status.relay.state !== 'passphrase_changed' && (
        <ChangePassphrase status={status} onChanged={sync.reload} />
      )}

      <form
        className="network-dialog__section network-form"
        onSubmit={(e) => void join(e)}
        aria-labelledby="net-join-heading"
        noValidate
      >
        <h3 id="net-join-heading" className="panel-subheading">
          {status?.configured ? t('sync.rejoinHeading') : t('sync.joinHeading')}
        </h3>
        <TextField
          label={t('sync.relayUrl')}
          hint={t('sync.relayUrlHint')}
          {...textFieldWiring(form, 'net', 'relayUrl')}
          type="url"
          inputMode="url"
          autoComplete="off"
          spellCheck={false}
          value={urlValue}
          maxLength={LIMITS.relayUrl}
          data-autofocus
          onChange={(e) => setRelayUrl(e.target.value)}
        />
        <TextField
          label={t('sync.network')}
          hint={t('sync.networkHint')}
          {...textFieldWiring(form, 'net', 'network')}
          type="text"
          autoComplete="off"
          spellCheck={false}
          value={networkValue}
          maxLength={LIMITS.network}
          onChange={(e) => setNetwork(e.target.value)}
        />
        <TextField
          label={t('sync.passphrase')}
          hint={t('sync.passphraseHint')}
          {...textFieldWiring(form, 'net', 'passphrase')}
          type="password"
          autoComplete="off"
          value={passphrase}
          maxLength={LIMITS.passphrase}
          onChange={(e) => setPassphrase(e.target.value)}
        />
        <TextField
          label={t('sync.invite')}
          hint={t('sync.inviteHint')}
          {...textFieldWiring(form, 'net', 'invite')}
          type="text"
          autoComplete="off"
          spellCheck={false}
          value={invite}
          maxLength={LIMITS.invite}
          onChange={(e) => setInvite(e.target.value)}
          data-testid="network-invite"
        />
        {form.summary && Object.keys(errors).length === 0 && (
          <p role="alert" className="form-alert" data-testid="network-form-error">
            {form.summary}
          </p>
        )}
        <div className="modal__actions network-form__actions">
          {status?.configured &&
            (confirmLeave ? (
              <div className="network-dialog__confirm" role="group" aria-labelledby="net-leave-q">
                <p id="net-leave-q">{t('sync.leaveConfirm', { network: status.network ?? '' })}</p>
                <button
                  type="button"
                  className="button button--danger"
                  onClick={() => void leave()}
                  data-testid="network-leave-confirm"
                >
                  {t('sync.leaveYes')}
                </button>
                <button type="button" className="button" onClick={() => setConfirmLeave(false)}>
                  {t('sync.leaveNo')}
                </button>
              </div>
            ) : (
              <button
                type="button"
                className="button network-form__leave"
                onClick={() => setConfirmLeave(true)}
              >
                {t('sync.leave')}
              </button>
            ))}
          <button type="button" className="button" onClick={onClose}>
            {t('sync.close')}
          </button>
          <button
            type="submit"
            className="button button--primary"
            disabled={busy}
            data-testid="network-join"
          >
            {busy ? t('sync.joining') : t('sync.join')}
          </button>
        </div>
      </form>
    </Modal>
  );
}
