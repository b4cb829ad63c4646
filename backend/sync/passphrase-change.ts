import type { BackendContext } from '../context';
import type { ApiOutput, ApiParsedInput } from '../../shared/api/contract';
import type { ApiErrorCode } from '../../shared/api/result';
import type { RotationRefusal } from '../../shared/api/sync';
import { inEnglish, refusal } from '../refusal';
import { keysFromSecret } from '../../shared/sync/crypto';
import { openShift } from '../shifts/handlers';
import { findPin, verifyPinRateLimited } from '../shifts/pin';
import { nativeAesGcm } from './native-aes-gcm';
import { probeKeys } from './rekey';
import type { SyncEngine } from './connection';

/** What this needs of the console's sync controller (./controller.ts). */
export interface SyncKeeper {
  joined(): { relayUrl: string; network: string; secret: Uint8Array } | null;
  readonly running: SyncEngine | null;
  deriveSecret(passphrase: string, network: string): Promise<Uint8Array>;
  rekey(secret: Uint8Array, epoch: number | null, fromSnapshot: boolean): void;
  status(): ApiOutput<'getSyncStatus'>;
}

/**
 * Changing the network passphrase from this console, and re-joining after another console did.
 *
 * Keys come from the passphrase alone (shared/sync/crypto.ts): a new passphrase is a new
 * encryption key and a new relay token; the relay numbers the epochs and keeps only the new
 * token's hash. So the new passphrase must differ from the current one (the same one would
 * give the same keys), and a console that has never heard of the rotation joins with the new
 * passphrase exactly as it joins today.
 *
 * Crash safety: the new secret is stored only after the relay has switched epochs. A console
 * stopped in between keeps its old secret; at its next start the relay tells it to re-join, and
 * the new passphrase (which its dispatcher just typed) re-keys it like any other console.
 */
function refuse(reason: RotationRefusal, code: ApiErrorCode = 'refused', field?: string): never {
  const kind = `sync.rotate.refused.${reason}` as const;
  throw refusal(code, kind, {}, field ? { [field]: inEnglish(kind) } : undefined);
}

const sameBytes = (a: Uint8Array, b: Uint8Array) =>
  a.length === b.length && a.every((byte, i) => byte === b[i]);

async function checkPin(ctx: BackendContext, pin: string): Promise<void> {
  const shift = openShift(ctx);
  if (!shift) throw refusal('refused', 'error.shift.nobodyOn');
  const row = findPin(ctx.db, shift.dispatcherName);
  if (!row) throw refusal('refused', 'sync.rotate.refused.no_pin');
  await verifyPinRateLimited(ctx.db, row, pin, ctx.now, ctx.pinHashCost);
}

export async function rotatePassphrase(
  ctx: BackendContext,
  sync: SyncKeeper,
  input: ApiParsedInput<'rotateNetworkPassphrase'>,
): Promise<ApiOutput<'rotateNetworkPassphrase'>> {
  const joined = sync.joined();
  const engine = sync.running;
  if (!joined || !engine) refuse('not_joined');
  const state = engine.relayState().state;
  if (state === 'passphrase_changed') refuse('lost_race');
  if (state !== 'connected') refuse('offline', 'unavailable');
  if (engine.epoch === null) refuse('relay_cannot_rotate');
  await checkPin(ctx, input.pin);
  const secret = await sync.deriveSecret(input.passphrase, joined.network);
  if (sameBytes(secret, joined.secret)) refuse('same_passphrase', 'invalid_input', 'passphrase');
  if (sync.running !== engine) refuse('busy');
  const newKeys = keysFromSecret(secret, joined.network, nativeAesGcm);
  const result = await engine.rotateTo(newKeys);
  if (result.outcome === 'interrupted') {
    // Whether the relay switched is known only to the relay: the new token answers it.
    const probe = await probeKeys(joined.relayUrl, newKeys);
    if (probe.answer === 'welcome') {
      sync.rekey(secret, probe.epoch, false);
      return sync.status();
    }
    refuse(probe.answer === 'refused' ? 'failed' : 'interrupted', 'unavailable');
  }
  if (result.outcome !== 'rotated')
    refuse(result.outcome, result.outcome === 'offline' ? 'unavailable' : 'refused');
  sync.rekey(secret, result.epoch, false);
  return sync.status();
}

export async function rejoinNetwork(
  sync: SyncKeeper,
  input: ApiParsedInput<'rejoinNetwork'>,
): Promise<ApiOutput<'rejoinNetwork'>> {
  const joined = sync.joined();
  if (!joined) refuse('not_joined');
  const secret = await sync.deriveSecret(input.passphrase, joined.network);
  const probe = await probeKeys(joined.relayUrl, keysFromSecret(secret, joined.network));
  if (probe.answer === 'unreachable') refuse('unreachable', 'unavailable');
  if (probe.answer === 'refused') refuse('wrong_new_passphrase', 'invalid_input', 'passphrase');
  // Already on these keys (the console re-keyed, or the passphrase never changed): nothing to do
  // beyond reconnecting.
  sync.rekey(secret, probe.epoch, !sameBytes(secret, joined.secret));
  return sync.status();
}
