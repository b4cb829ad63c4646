import { createCipheriv, createDecipheriv } from 'node:crypto';
import type { AesGcm } from '../../shared/sync/crypto';

const TAG_BYTES = 16;
const view = (b: Buffer) => new Uint8Array(b.buffer, b.byteOffset, b.length);

/** Node's OpenSSL AES-256-GCM in the same wire format as the pure implementation. */
export const nativeAesGcm: AesGcm = {
  encrypt(key, nonce, aad, plaintext) {
    const cipher = createCipheriv('aes-256-gcm', key, nonce, { authTagLength: TAG_BYTES });
    cipher.setAAD(aad);
    return view(Buffer.concat([cipher.update(plaintext), cipher.final(), cipher.getAuthTag()]));
  },
  decrypt(key, nonce, aad, sealed) {
    if (sealed.length < TAG_BYTES) throw new Error('ciphertext too short');
    const decipher = createDecipheriv('aes-256-gcm', key, nonce, { authTagLength: TAG_BYTES });
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
