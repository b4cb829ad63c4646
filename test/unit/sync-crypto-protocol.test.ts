import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import {
  deriveNetworkSecretSync,
  hashAuthToken,
  keysFromSecret,
  open,
  openJson,
  peekSealed,
  seal,
  sealJson,
  SyncCryptoError,
} from '../../shared/sync/crypto';
import { base64ToBytes, bytesToBase64, isBase64Text } from '../../shared/sync/base64';
import {
  AckSchema,
  BroadcastSchema,
  CatchUpSchema,
  HelloSchema,
  OpBatchEnvelopeSchema,
  OpEntrySchema,
  OpEnvelopeSchema,
  PageSchema,
  PushSchema,
  RelayErrorSchema,
} from '../../shared/sync/protocol';
import { uuidv7 } from '../../shared/ids';

const P = { N: 1024, r: 8, p: 1 };
const keysFor = (pass: string, net = 'pioneer-valley') =>
  keysFromSecret(deriveNetworkSecretSync(pass, net, P), net);
const k = keysFor('correct horse battery staple');

describe('sync crypto', () => {
  it('round-trips any bytes, with a fresh nonce every time', () => {
    fc.assert(
      fc.property(fc.uint8Array({ maxLength: 2000 }), (bytes) => {
        const id = uuidv7();
        const a = seal(k, 'op', id, bytes);
        const b = seal(k, 'op', id, bytes);
        expect(a).not.toEqual(b);
        expect(open(k, 'op', a)).toEqual({ id, plaintext: bytes });
      }),
      { numRuns: 50 },
    );
  });

  it('derives the key and the relay token separately and deterministically', () => {
    const again = keysFor('correct horse battery staple');
    expect(again.authToken).toBe(k.authToken);
    expect(Buffer.from(again.encKey).equals(Buffer.from(k.encKey))).toBe(true);
    expect(k.authToken).not.toContain(Buffer.from(k.encKey).toString('hex').slice(0, 16));
    expect(keysFor('correct horse battery staple', 'holyoke').authToken).not.toBe(k.authToken);
    expect(hashAuthToken(k.authToken)).toMatch(/^[0-9a-f]{64}$/);
    expect(hashAuthToken(k.authToken)).not.toBe(k.authToken);
  });

  it('detects tampering anywhere in the blob', () => {
    const id = uuidv7();
    const blob = sealJson(k, 'op', id, { description: 'Two vans on Main St' });
    const bytes = base64ToBytes(blob);
    for (let i = 2; i < bytes.length; i += 3) {
      const copy = bytes.slice();
      copy[i]! ^= 0x40;
      expect(() => open(k, 'op', bytesToBase64(copy))).toThrow(SyncCryptoError);
    }
    expect(() => open(k, 'op', blob.slice(0, 40))).toThrow(SyncCryptoError);
    expect(() => open(k, 'op', 'not base64!')).toThrow(/base64/);
  });

  it('refuses the wrong key, another network, another op id, or another kind (AAD)', () => {
    const id = uuidv7();
    const blob = sealJson(k, 'op', id, { x: 1 });
    expect(() => open(keysFor('wrong passphrase!!'), 'op', blob)).toThrow(/authentication/);
    // Same passphrase on another network: different keys AND different associated data.
    const otherNet = { ...k, network: 'holyoke' };
    expect(() => open(otherNet, 'op', blob)).toThrow(/authentication/);
    // Swap the clear op id: the AAD no longer matches.
    const bytes = base64ToBytes(blob);
    bytes.set(base64ToBytes(sealJson(k, 'op', uuidv7(), {})).subarray(2, 18), 2);
    expect(() => open(k, 'op', bytesToBase64(bytes))).toThrow(/authentication/);
    expect(() => open(k, 'presence', blob)).toThrow(/Expected a presence/);
    expect(peekSealed(blob)).toEqual({ kind: 'op', id });
    expect(openJson(k, 'op', blob)).toEqual({ id, value: { x: 1 } });
  });

  it('base64 matches Node for any input and rejects non-canonical text', () => {
    fc.assert(
      fc.property(fc.uint8Array({ maxLength: 300 }), (bytes) => {
        const b64 = bytesToBase64(bytes);
        expect(b64).toBe(Buffer.from(bytes).toString('base64'));
        expect(base64ToBytes(b64)).toEqual(bytes);
      }),
    );
    expect(() => base64ToBytes('abc')).toThrow();
    expect(() => base64ToBytes('ab$=')).toThrow();
  });

  it('tells base64 text from anything else, pads only at the end', () => {
    for (const good of ['', 'QUJD', 'QUI=', 'QQ==', 'ab+/cd09'])
      expect([good, isBase64Text(good)]).toEqual([good, true]);
    for (const bad of ['QUJ', 'QU=D', 'Q===', '=QUI', 'QUI!', 'QU I', 'QUJDé===', 'QQ=A'])
      expect([bad, isBase64Text(bad)]).toEqual([bad, false]);
    for (const bad of ['QU=D', 'QQ=A', 'QUI!'])
      expect(() => base64ToBytes(bad)).toThrow(/Not base64/);
  });

  it("decodes with Node's Buffer exactly what isBase64Text accepts, and nothing else", () => {
    const char = fc.constantFrom(...'ABQZaqz09+/=-_ $.%\n\té'.split(''));
    fc.assert(
      fc.property(fc.array(char, { maxLength: 16 }), (chars) => {
        const text = chars.join('');
        let decoded = true;
        try {
          base64ToBytes(text);
        } catch {
          decoded = false;
        }
        expect(decoded).toBe(isBase64Text(text));
      }),
      { numRuns: 20_000 },
    );
  });
});

describe('relay protocol schemas', () => {
  const blob = sealJson(k, 'op', uuidv7(), { a: 1 });
  const hello = {
    v: 1,
    minV: 1,
    network: 'pioneer-valley',
    token: k.authToken,
    deviceId: uuidv7(),
    presence: null,
    lastSeq: 0,
  };
  it('accepts well-formed messages', () => {
    expect(HelloSchema.safeParse(hello).success).toBe(true);
    expect(PushSchema.safeParse({ batchId: 'b1', blobs: [blob] }).success).toBe(true);
    expect(AckSchema.safeParse({ batchId: 'b1', seqs: [1, 2] }).success).toBe(true);
    expect(BroadcastSchema.safeParse({ items: [{ seq: 3, blob }] }).success).toBe(true);
    expect(CatchUpSchema.safeParse({ fromSeq: 0 }).success).toBe(true);
    expect(PageSchema.safeParse({ fromSeq: 0, items: [], more: false, headSeq: 0 }).success).toBe(
      true,
    );
    expect(
      RelayErrorSchema.safeParse({ code: 'wrong_passphrase', message: 'x', fatal: true }).success,
    ).toBe(true);
  });
  it('rejects malformed ones', () => {
    const bad: [
      typeof HelloSchema | typeof PushSchema | typeof CatchUpSchema | typeof BroadcastSchema,
      unknown,
    ][] = [
      [HelloSchema, { ...hello, network: 'Has Spaces' }],
      [HelloSchema, { ...hello, token: 'short' }],
      [HelloSchema, { ...hello, deviceId: 'x' }],
      [HelloSchema, { ...hello, lastSeq: -1 }],
      [HelloSchema, null],
      [PushSchema, { batchId: 'b', blobs: [] }],
      [PushSchema, { batchId: 'b', blobs: ['%%%'.repeat(20)] }],
      [PushSchema, { batchId: 'b', blobs: new Array(1001).fill(blob) }],
      [PushSchema, { batchId: 'b'.repeat(65), blobs: [blob] }],
      [CatchUpSchema, { fromSeq: 1.5 }],
      [BroadcastSchema, { items: [{ seq: 0, blob }] }],
      [RelayErrorSchema as never, { code: 'new_code_from_the_future', message: '', fatal: false }],
    ];
    for (const [schema, message] of bad) expect(schema.safeParse(message).success).toBe(false);
  });
  it('checks a batch envelope as a whole and each of its ops on its own', () => {
    expect(OpBatchEnvelopeSchema.safeParse({ v: 2, ops: [] }).success).toBe(false);
    expect(OpBatchEnvelopeSchema.safeParse({ v: 1, ops: [{}] }).success).toBe(false);
    expect(OpBatchEnvelopeSchema.safeParse({ v: 2, ops: new Array(1001).fill({}) }).success).toBe(
      false,
    );
    expect(OpBatchEnvelopeSchema.safeParse({ v: 2, ops: [{ future: 1 }] }).success).toBe(true);
    expect(OpEntrySchema.safeParse({ op: { v: 1 }, knownSeq: 0 }).success).toBe(false);
  });
  it('validates the op inside the envelope', () => {
    expect(OpEnvelopeSchema.safeParse({ v: 1, op: { v: 1 }, knownSeq: 0 }).success).toBe(false);
    expect(OpEnvelopeSchema.safeParse({ v: 2, op: {}, knownSeq: 0 }).success).toBe(false);
  });
});

describe('native AES-GCM', () => {
  it('is byte-compatible with the pure implementation both ways', async () => {
    const { nativeAesGcm } = await import('../../backend/sync/native-aes-gcm');
    const { keysFromSecret, sealJson, openJson } = await import('../../shared/sync/crypto');
    const secret = new Uint8Array(32).fill(7);
    const pure = keysFromSecret(secret, 'net-a');
    const native = keysFromSecret(secret, 'net-a', nativeAesGcm);
    const id = '01900000-0000-7000-8000-000000000042';
    expect(openJson(native, 'op', sealJson(pure, 'op', id, { x: 1 })).value).toEqual({ x: 1 });
    expect(openJson(pure, 'op', sealJson(native, 'op', id, { y: 'ñ' })).value).toEqual({ y: 'ñ' });
    const blob = sealJson(native, 'op', id, { z: 2 });
    const tampered = blob.slice(0, -4) + (blob.slice(-4) === 'AAAA' ? 'BBBB' : 'AAAA');
    expect(() => openJson(native, 'op', tampered)).toThrow(/failed authentication|malformed/);
    expect(() => openJson(keysFromSecret(secret, 'net-b', nativeAesGcm), 'op', blob)).toThrow(
      /failed authentication/,
    );
  });
});
