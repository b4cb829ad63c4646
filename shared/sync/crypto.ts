import { gcm } from '@noble/ciphers/aes.js';
import { randomBytes } from '@noble/ciphers/utils.js';
import { scrypt, scryptAsync } from '@noble/hashes/scrypt.js';
import { hkdf } from '@noble/hashes/hkdf.js';
import { sha256 } from '@noble/hashes/sha2.js';
import { bytesToHex, hexToBytes, utf8ToBytes } from '@noble/hashes/utils.js';
import { base64ToBytes, bytesToBase64 } from './base64';

/**
 * End-to-end encryption of everything a console sends through the relay.
 *
 * passphrase --scrypt(salt = sha256("rrc-salt:" + network))--> network secret (32 bytes)
 *   network secret --HKDF-SHA256 "rrc-enc-v1"-->  AES-256-GCM key   (never leaves the console)
 *   network secret --HKDF-SHA256 "rrc-auth-v1"--> relay auth token  (the relay stores its hash)
 *
 * HKDF outputs are independent, so the relay, which sees the auth token, learns nothing about the
 * encryption key; recovering the passphrase from the token costs a full scrypt per guess.
 *
 * A sealed blob is `version(1) | kind(1) | id(16) | nonce(12) | ciphertext+tag`, base64. The id
 * (the batch id for ops, the op id for a single op, the device id for presence) travels in the clear so the receiver can rebuild
 * the associated data, which binds network + kind + id: a ciphertext cannot be replayed into
 * another network, swapped onto another op id, or passed off as a presence message. Every
 * message gets a fresh random 96-bit nonce (collision odds stay negligible far beyond the
 * 2^32 messages per key NIST allows for random nonces; a network will never approach that).
 */
export const SEALED_VERSION = 1;
/** `op`: one op (protocol 1); `ops`: one pushed batch of ops (protocol 2); `presence`: a name. */
export const SEAL_KIND = { op: 1, presence: 2, ops: 3, snapshot: 4 } as const;
export type SealKind = keyof typeof SEAL_KIND;

export interface ScryptParams {
  N: number;
  r: number;
  p: number;
}
/** ~0.7 s and 128 MiB on a laptop; paid once when a console joins a network. */
export const DEFAULT_SCRYPT: ScryptParams = { N: 2 ** 17, r: 8, p: 1 };

/**
 * The AES-256-GCM primitive. The pure default (@noble/ciphers) runs anywhere, the renderer
 * included; the backend plugs in Node's native implementation (backend/sync/native-aes-gcm.ts),
 * about 20x faster, which matters when a console catches up on tens of thousands of changes.
 * Both produce the same bytes: ciphertext followed by the 16-byte tag.
 */
export interface AesGcm {
  encrypt(key: Uint8Array, nonce: Uint8Array, aad: Uint8Array, plaintext: Uint8Array): Uint8Array;
  decrypt(key: Uint8Array, nonce: Uint8Array, aad: Uint8Array, sealed: Uint8Array): Uint8Array;
}

export const nobleAesGcm: AesGcm = {
  encrypt: (key, nonce, aad, plaintext) => gcm(key, nonce, aad).encrypt(plaintext),
  decrypt: (key, nonce, aad, sealed) => gcm(key, nonce, aad).decrypt(sealed),
};

export interface NetworkKeys {
  network: string;
  /** Which AES-GCM implementation seals and opens (default: the pure one). */
  aes?: AesGcm;
  /** AES-256-GCM key. */
  encKey: Uint8Array;
  /** Hex token the relay authenticates a console by (it stores only sha256 of it). */
  authToken: string;
}

export class SyncCryptoError extends Error {
  constructor(
    readonly code: 'malformed' | 'tampered_or_wrong_key' | 'wrong_kind',
    message: string,
  ) {
    super(message);
    this.name = 'SyncCryptoError';
  }
}

export const NETWORK_NAME_PATTERN = /^[a-z0-9][a-z0-9._-]{0,63}$/;

/** Network names are case-insensitive for people; the canonical form feeds every derivation. */
export function normalizeNetworkName(name: string): string {
  return name.trim().toLowerCase();
}

export function networkSalt(network: string): Uint8Array {
  return sha256(utf8ToBytes(`rrc-salt:${network}`));
}

/** The slow step: passphrase -> 32-byte network secret (the key material a console stores). */
export async function deriveNetworkSecret(
  passphrase: string,
  network: string,
  params: ScryptParams = DEFAULT_SCRYPT,
): Promise<Uint8Array> {
  return scryptAsync(utf8ToBytes(passphrase.normalize('NFC')), networkSalt(network), {
    ...params,
    dkLen: 32,
    maxmem: 2 ** 30,
  });
}

export function deriveNetworkSecretSync(
  passphrase: string,
  network: string,
  params: ScryptParams = DEFAULT_SCRYPT,
): Uint8Array {
  return scrypt(utf8ToBytes(passphrase.normalize('NFC')), networkSalt(network), {
    ...params,
    dkLen: 32,
    maxmem: 2 ** 30,
  });
}

/** The fast step: network secret -> encryption key and relay token (separate HKDF labels). */
export function keysFromSecret(secret: Uint8Array, network: string, aes?: AesGcm): NetworkKeys {
  if (secret.length !== 32) throw new RangeError('The network secret must be 32 bytes');
  const salt = networkSalt(network);
  const encKey = hkdf(sha256, secret, salt, utf8ToBytes(`rrc-enc-v1:${network}`), 32);
  const auth = hkdf(sha256, secret, salt, utf8ToBytes(`rrc-auth-v1:${network}`), 32);
  return { network, encKey, authToken: bytesToHex(auth), ...(aes ? { aes } : {}) };
}

/** What the relay keeps instead of the token. */
export function hashAuthToken(token: string): string {
  return bytesToHex(sha256(utf8ToBytes(`rrc-token:${token}`)));
}

function uuidToBytes(id: string): Uint8Array {
  const hex = id.replace(/-/g, '');
  if (!/^[0-9a-f]{32}$/i.test(hex)) throw new RangeError(`Not a UUID: ${id.slice(0, 40)}`);
  return hexToBytes(hex.toLowerCase());
}

function bytesToUuid(b: Uint8Array): string {
  const h = bytesToHex(b);
  return `${h.slice(0, 8)}-${h.slice(8, 12)}-${h.slice(12, 16)}-${h.slice(16, 20)}-${h.slice(20)}`;
}

function associatedData(network: string, kind: number, id: string): Uint8Array {
  return utf8ToBytes(`rrc-aad-v${SEALED_VERSION}\u0000${network}\u0000${kind}\u0000${id}`);
}

const HEADER = 1 + 1 + 16 + 12;
const TAG = 16;
/** Bytes a sealed blob adds to its plaintext before base64: header and tag. */
export const SEALED_OVERHEAD_BYTES = HEADER + TAG;

/** Encrypts `plaintext` for the network under a fresh nonce; returns the base64 blob. */
export function seal(keys: NetworkKeys, kind: SealKind, id: string, plaintext: Uint8Array): string {
  const kindByte = SEAL_KIND[kind];
  const nonce = randomBytes(12);
  const ct = (keys.aes ?? nobleAesGcm).encrypt(
    keys.encKey,
    nonce,
    associatedData(keys.network, kindByte, id.toLowerCase()),
    plaintext,
  );
  const out = new Uint8Array(HEADER + ct.length);
  out[0] = SEALED_VERSION;
  out[1] = kindByte;
  out.set(uuidToBytes(id), 2);
  out.set(nonce, 18);
  out.set(ct, HEADER);
  return bytesToBase64(out);
}

/** Reads the clear header (kind and id) of a blob without decrypting it. */
export function peekSealed(blob: string): { kind: SealKind; id: string } {
  const { kind, id } = parseSealed(blob);
  return { kind, id };
}

function parseSealed(blob: string): { kind: SealKind; id: string; bytes: Uint8Array } {
  let bytes: Uint8Array;
  try {
    bytes = base64ToBytes(blob);
  } catch {
    throw new SyncCryptoError('malformed', 'The encrypted change is not valid base64');
  }
  if (bytes.length < HEADER + TAG)
    throw new SyncCryptoError('malformed', 'The encrypted change is truncated');
  if (bytes[0] !== SEALED_VERSION)
    throw new SyncCryptoError('malformed', `Unknown encryption format version ${bytes[0]}`);
  const kind = (Object.keys(SEAL_KIND) as SealKind[]).find((k) => SEAL_KIND[k] === bytes[1]);
  if (!kind) throw new SyncCryptoError('malformed', `Unknown sealed message kind ${bytes[1]}`);
  return { kind, id: bytesToUuid(bytes.subarray(2, 18)), bytes };
}

/** Decrypts and authenticates a blob; throws SyncCryptoError on any tampering or wrong key. */
export function open(
  keys: NetworkKeys,
  expectedKind: SealKind,
  blob: string,
): { id: string; plaintext: Uint8Array } {
  const { kind, id, bytes } = parseSealed(blob);
  if (kind !== expectedKind)
    throw new SyncCryptoError('wrong_kind', `Expected a ${expectedKind} message, got ${kind}`);
  const nonce = bytes.subarray(18, HEADER);
  try {
    const plaintext = (keys.aes ?? nobleAesGcm).decrypt(
      keys.encKey,
      nonce,
      associatedData(keys.network, bytes[1]!, id),
      bytes.subarray(HEADER),
    );
    return { id, plaintext };
  } catch {
    throw new SyncCryptoError(
      'tampered_or_wrong_key',
      'An encrypted change failed authentication: it was altered, or sealed with another key or network',
    );
  }
}

const encoder = new TextEncoder();
const decoder = new TextDecoder('utf-8', { fatal: true });

export function sealJson(keys: NetworkKeys, kind: SealKind, id: string, value: unknown): string {
  return seal(keys, kind, id, encoder.encode(JSON.stringify(value)));
}

/**
 * Padding, so the relay sees a handful of sizes instead of each blob's exact length: the JSON
 * text is followed by spaces up to the next bucket, powers of two from 512 bytes to 32 KiB,
 * then steps of 16 KiB. JSON.parse ignores trailing whitespace, so every reader, old ones
 * included, opens a padded blob exactly as an unpadded one: no new format version is needed.
 */
export const PAD_MIN_BYTES = 512;
export const PAD_STEP_BYTES = 16 * 1024;
const PAD_POWER_MAX = 32 * 1024;

export function paddedLength(bytes: number): number {
  if (bytes <= PAD_MIN_BYTES) return PAD_MIN_BYTES;
  if (bytes <= PAD_POWER_MAX) return 2 ** Math.ceil(Math.log2(bytes));
  return Math.ceil(bytes / PAD_STEP_BYTES) * PAD_STEP_BYTES;
}

/** Base64 characters of a blob sealing `plaintextBytes` of padded JSON (for batch size caps). */
export function paddedSealedChars(plaintextBytes: number): number {
  return Math.ceil((paddedLength(plaintextBytes) + SEALED_OVERHEAD_BYTES) / 3) * 4;
}

/** As sealJson, with the plaintext padded to its size bucket. */
export function sealJsonPadded(
  keys: NetworkKeys,
  kind: SealKind,
  id: string,
  value: unknown,
): string {
  const text = encoder.encode(JSON.stringify(value));
  const padded = new Uint8Array(paddedLength(text.length)).fill(0x20);
  padded.set(text);
  return seal(keys, kind, id, padded);
}

export function openJson(
  keys: NetworkKeys,
  kind: SealKind,
  blob: string,
): { id: string; value: unknown } {
  const { id, plaintext } = open(keys, kind, blob);
  try {
    return { id, value: JSON.parse(decoder.decode(plaintext)) as unknown };
  } catch {
    throw new SyncCryptoError(
      'malformed',
      'An encrypted change decrypted to something that is not JSON',
    );
  }
}

export { bytesToHex, hexToBytes };
