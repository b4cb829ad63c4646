/**
 * Standard base64 (RFC 4648, with padding) for Uint8Array, without Node's Buffer, so shared/ stays
 * usable in the renderer and in the sandboxed preload. Decoding refuses anything that is not
 * canonical base64 (wrong length, stray characters), so a mangled blob is an error, never garbage.
 */
const ALPHABET = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/';
const LOOKUP = new Int16Array(128).fill(-1);
for (let i = 0; i < ALPHABET.length; i++) LOOKUP[ALPHABET.charCodeAt(i)] = i;

const OUTSIDE_ALPHABET = /[^A-Za-z0-9+/=]/;

/**
 * Standard base64 text: a length that is a multiple of 4, only alphabet characters, and `=` only
 * as one or two trailing pads. A search for any character outside the class is ~8x faster than
 * matching the whole string against an anchored pattern, which matters for megabyte blobs that
 * both the relay and every console check.
 */
export function isBase64Text(text: string): boolean {
  if (text.length % 4 !== 0 || OUTSIDE_ALPHABET.test(text)) return false;
  const pad = text.indexOf('=');
  const n = text.length;
  return pad === -1 || pad === n - 1 || (pad === n - 2 && text.charCodeAt(n - 1) === 61);
}

/**
 * Node's Buffer codec when the host has one (the backend, relay and CLI), found by feature
 * detection rather than import so this module still loads in the renderer. It is ~10x faster,
 * which matters when a console catches up on tens of thousands of changes. Input is still
 * checked for canonical form first, since Buffer itself skips stray characters.
 */
interface HostBuffer {
  from(data: string, encoding: 'base64'): Uint8Array;
  from(data: Uint8Array): { toString(encoding: 'base64'): string };
}
const hostBuffer = (globalThis as { Buffer?: HostBuffer }).Buffer;

export function bytesToBase64(bytes: Uint8Array): string {
  if (hostBuffer) return hostBuffer.from(bytes).toString('base64');
  let out = '';
  const chunk: string[] = [];
  let i = 0;
  for (; i + 2 < bytes.length; i += 3) {
    const n = (bytes[i]! << 16) | (bytes[i + 1]! << 8) | bytes[i + 2]!;
    chunk.push(
      ALPHABET[(n >> 18) & 63]! +
        ALPHABET[(n >> 12) & 63]! +
        ALPHABET[(n >> 6) & 63]! +
        ALPHABET[n & 63]!,
    );
    if (chunk.length === 4096) {
      out += chunk.join('');
      chunk.length = 0;
    }
  }
  out += chunk.join('');
  const rest = bytes.length - i;
  if (rest === 1) {
    const n = bytes[i]! << 16;
    out += ALPHABET[(n >> 18) & 63]! + ALPHABET[(n >> 12) & 63]! + '==';
  } else if (rest === 2) {
    const n = (bytes[i]! << 16) | (bytes[i + 1]! << 8);
    out += ALPHABET[(n >> 18) & 63]! + ALPHABET[(n >> 12) & 63]! + ALPHABET[(n >> 6) & 63]! + '=';
  }
  return out;
}

export function base64ToBytes(text: string): Uint8Array {
  if (text.length % 4 !== 0) throw new RangeError('Not base64: length is not a multiple of 4');
  const padding = text.endsWith('==') ? 2 : text.endsWith('=') ? 1 : 0;
  if (hostBuffer) {
    // Node's decoder skips characters outside the alphabet (each skip shortens the output) and
    // reads - and _ as base64url. So the output length plus a search for - and _ refuses exactly
    // what isBase64Text refuses, at a fraction of the cost on megabytes of catch-up (a property
    // test pins the equivalence).
    if (text.indexOf('-') !== -1 || text.indexOf('_') !== -1)
      throw new RangeError('Not base64: unexpected characters');
    const b = hostBuffer.from(text, 'base64');
    if (b.length !== (text.length / 4) * 3 - padding)
      throw new RangeError('Not base64: unexpected characters');
    return new Uint8Array(b.buffer, b.byteOffset, b.length);
  }
  if (!isBase64Text(text)) throw new RangeError('Not base64: unexpected characters');
  const out = new Uint8Array((text.length / 4) * 3 - padding);
  let o = 0;
  for (let i = 0; i < text.length; i += 4) {
    const a = decodeChar(text, i);
    const b = decodeChar(text, i + 1);
    const c = text[i + 2] === '=' && i + 4 === text.length ? 0 : decodeChar(text, i + 2);
    const d = text[i + 3] === '=' && i + 4 === text.length ? 0 : decodeChar(text, i + 3);
    const n = (a << 18) | (b << 12) | (c << 6) | d;
    if (o < out.length) out[o++] = (n >> 16) & 255;
    if (o < out.length) out[o++] = (n >> 8) & 255;
    if (o < out.length) out[o++] = n & 255;
  }
  return out;
}

function decodeChar(text: string, index: number): number {
  const code = text.charCodeAt(index);
  const v = code < 128 ? LOOKUP[code]! : -1;
  if (v < 0) throw new RangeError(`Not base64: unexpected character at ${index}`);
  return v;
}
