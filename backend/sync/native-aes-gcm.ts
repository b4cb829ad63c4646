import { createCipheriv, createDecipheriv, createSecretKey, type KeyObject } from 'node:crypto';
import type { AesGcm } from '../../shared/sync/crypto';

const TAG_BYTES = 16;
const view = (b: Buffer) => new Uint8Array(b.buffer, b.byteOffset, b.length);

// Turning raw key bytes into a KeyObject costs more than a whole small encryption: do it once.
const keyObjects = new WeakMap<Uint8Array, KeyObject>();
function keyObject(key: Uint8Array): KeyObject {
  let k = keyObjects.get(key);
  if (!k) {
    k = createSecretKey(key);
    keyObjects.set(key, k);
  }
  return k;
}

/** Node's OpenSSL AES-256-GCM in the same wire format as the pure implementation. */
export const nativeAesGcm: AesGcm = {
  encrypt(key, nonce, aad, plaintext) {
    const cipher = createCipheriv('aes-256-gcm', keyObject(key), nonce, {
      authTagLength: TAG_BYTES,
    });
    cipher.setAAD(aad);
    return view(Buffer.concat([cipher.update(plaintext), cipher.final(), cipher.getAuthTag()]));
  },
  decrypt(key, nonce, aad, sealed) {
    if (sealed.length < TAG_BYTES) throw new Error('ciphertext too short');
    const decipher = createDecipheriv('aes-256-gcm', keyObject(key), nonce, {
      authTagLength: TAG_BYTES,
    });
    decipher.setAAD(aad);
    decipher.setAuthTag(sealed.subarray(sealed.length - TAG_BYTES));
    return view(
      Buffer.concat([
        decipher.update(sealed.subarray(0, sealed.length - TAG_BYTES)),
        decipher.final(),
      ]),
    );
  },
};
