import { answerAad, envelopeAad } from './format';

/**
 * AES-GCM sealing for responder links over WebCrypto (globalThis.crypto: browsers and Node both
 * have it), byte-compatible with the responder page's own copy in relay/responder-page/page.js.
 */
const IV_BYTES = 12;
const encoder = new TextEncoder();

export function toBase64Url(bytes: Uint8Array): string {
  let binary = '';
  for (const b of bytes) binary += String.fromCharCode(b);
  return btoa(binary).replace(/\+/g, '-').replace(/\//g, '_').replace(/=+$/, '');
}

export function fromBase64Url(text: string): Uint8Array {
  const binary = atob(text.replace(/-/g, '+').replace(/_/g, '/'));
  const bytes = new Uint8Array(binary.length);
  for (let i = 0; i < binary.length; i++) bytes[i] = binary.charCodeAt(i);
  return bytes;
}

const randomBytes = (n: number) => globalThis.crypto.getRandomValues(new Uint8Array(n));

/** A new link: 128-bit id (what the relay sees) and 256-bit key (what it never sees). */
export function newLinkSecrets(): { linkId: string; key: string } {
  return { linkId: toBase64Url(randomBytes(16)), key: toBase64Url(randomBytes(32)) };
}

const importKey = (key: string) =>
  globalThis.crypto.subtle.importKey(
    'raw',
    fromBase64Url(key) as Uint8Array<ArrayBuffer>,
    'AES-GCM',
    false,
    ['encrypt', 'decrypt'],
  );

async function sealText(key: string, aad: string, plaintext: string): Promise<string> {
  const iv = randomBytes(IV_BYTES);
  const sealed = await globalThis.crypto.subtle.encrypt(
    { name: 'AES-GCM', iv, additionalData: encoder.encode(aad) },
    await importKey(key),
    encoder.encode(plaintext),
  );
  const out = new Uint8Array(IV_BYTES + sealed.byteLength);
  out.set(iv);
  out.set(new Uint8Array(sealed), IV_BYTES);
  return toBase64Url(out);
}

/** Throws when the key is wrong or the bytes were changed (GCM authenticates both). */
async function openText(key: string, aad: string, blob: string): Promise<string> {
  const bytes = fromBase64Url(blob);
  const plain = await globalThis.crypto.subtle.decrypt(
    { name: 'AES-GCM', iv: bytes.slice(0, IV_BYTES), additionalData: encoder.encode(aad) },
    await importKey(key),
    bytes.slice(IV_BYTES),
  );
  return new TextDecoder().decode(plain);
}

export const sealEnvelope = (key: string, linkId: string, value: unknown) =>
  sealText(key, envelopeAad(linkId), JSON.stringify(value));
export const openEnvelope = async (key: string, linkId: string, blob: string): Promise<unknown> =>
  JSON.parse(await openText(key, envelopeAad(linkId), blob));
export const sealAnswer = (key: string, linkId: string, value: unknown) =>
  sealText(key, answerAad(linkId), JSON.stringify(value));
export const openAnswer = async (key: string, linkId: string, blob: string): Promise<unknown> =>
  JSON.parse(await openText(key, answerAad(linkId), blob));
