import type { RelayState } from '../../../../shared/api/contract';
import { isMessageKey, type MessageKey, type MessageParams } from '../../../../shared/i18n';

type T = (key: MessageKey, params?: MessageParams) => string;
export type RelayStateName = RelayState['state'];

/** How bad a relay state is; drives the glyph and colour (the text always says it too). */
export type RelayTone = 'ok' | 'busy' | 'warn' | 'error' | 'neutral';

export const RELAY_TONE: Record<RelayStateName, RelayTone> = {
  local_only: 'neutral',
  connecting: 'busy',
  connected: 'ok',
  reconnecting: 'busy',
  offline: 'warn',
  wrong_passphrase: 'error',
  protocol_too_old: 'error',
  passphrase_changed: 'error',
};

/** A shape per tone, so the state never rests on colour alone (aria-hidden: the text says it). */
export const TONE_GLYPH: Record<RelayTone, string> = {
  ok: '●',
  busy: '◐',
  warn: '○',
  error: '✕',
  neutral: '▭',
};

export const relayStateText = (t: T, state: RelayStateName): string => t(`sync.state.${state}`);

export const pendingText = (t: T, count: number): string =>
  count === 1 ? t('sync.oneWaiting') : t('sync.pendingWaiting', { count });

export const peersText = (t: T, peers: readonly string[]): string =>
  peers.length === 0 ? t('sync.peersNone') : t('sync.peers', { names: peers.join(', ') });

/** The whole relay state in one sentence, e.g. "Relay: Offline, 3 changes waiting". */
export function relaySummary(t: T, relay: RelayState): string {
  const parts = [t('sync.statusLabel', { state: relayStateText(t, relay.state) })];
  if (relay.pendingChanges > 0) parts.push(pendingText(t, relay.pendingChanges));
  return parts.join(', ');
}

const PROBLEM_KEYS: Record<string, MessageKey> = {
  tampered: 'sync.problem.tampered',
  undecryptable: 'sync.problem.undecryptable',
  clock_drift: 'sync.problem.clock_drift',
  unreachable: 'sync.problem.unreachable',
  wrong_passphrase: 'sync.problem.wrong_passphrase',
  network_not_allowed: 'sync.problem.network_not_allowed',
  invite_invalid: 'sync.problem.invite_invalid',
  invite_used: 'sync.problem.invite_used',
  invite_expired: 'sync.problem.invite_expired',
  quota_exceeded: 'sync.problem.quota_exceeded',
  disk_full: 'sync.problem.disk_full',
  rate_limited: 'sync.problem.rate_limited',
  too_large: 'sync.problem.too_large',
  internal: 'sync.problem.internal',
  relay_log_reset: 'sync.problem.relay_log_reset',
  protocol_too_old: 'sync.problem.protocol_too_old',
  relay_too_old: 'sync.problem.relay_too_old',
  not_authenticated: 'sync.problem.not_authenticated',
  invalid_message: 'sync.problem.invalid_message',
  rejoin_required: 'sync.problem.rejoin_required',
};

/** The relay state's notice (a refusal, a resync) in the reader's language, or null. */
export function noticeText(t: T, relay: RelayState | undefined): string | null {
  const notice = relay?.notice;
  return notice && isMessageKey(notice.kind) ? t(notice.kind, notice.params) : null;
}

/** A problem from getSyncStatus in the reader's language, keeping the backend's detail. */
export function problemText(
  t: T,
  problem: { code: string; message: string; text?: { kind: string; params: MessageParams } },
): string {
  const key = PROBLEM_KEYS[problem.code];
  const { text } = problem;
  const detail = text && isMessageKey(text.kind) ? t(text.kind, text.params) : null;
  // A relay's own message is English, so it is never shown: the code says it in any language.
  if (!key) return detail ?? t('sync.problem.other', { code: problem.code });
  return detail ? `${t(key)} (${detail})` : t(key);
}
