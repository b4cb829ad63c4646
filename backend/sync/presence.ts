import { openJson, sealJsonPadded, type NetworkKeys } from '../../shared/sync/crypto';
import { PresencePayloadSchema, type Peer } from '../../shared/sync/protocol';

/**
 * "Who is online": each console's dispatcher name, sealed under the network key (padded, so its
 * size says nothing about the name) and forwarded by the relay, which cannot read it.
 */
export function sealPresence(keys: NetworkKeys, deviceId: string, name: string): string {
  return sealJsonPadded(keys, 'presence', deviceId, { v: 1, name: name.slice(0, 80) });
}

/** The named peers other than `selfId`: device id -> dispatcher name. */
export function namedPeers(
  keys: NetworkKeys,
  selfId: string,
  peers: readonly Peer[],
): Map<string, string> {
  const named = new Map<string, string>();
  for (const peer of peers) {
    if (peer.deviceId === selfId || !peer.presence) continue;
    try {
      const { id, value } = openJson(keys, 'presence', peer.presence);
      const payload = PresencePayloadSchema.safeParse(value);
      if (id === peer.deviceId && payload.success) named.set(peer.deviceId, payload.data.name);
    } catch {
      // a console of another key, or garbage: not a dispatcher we can name
    }
  }
  return named;
}
