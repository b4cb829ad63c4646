import { describe, expect, it } from 'vitest';
import {
  deriveNetworkSecretSync,
  keysFromSecret,
  openJson,
  paddedLength,
  paddedSealedChars,
  sealJson,
  sealJsonPadded,
} from '../../shared/sync/crypto';
import { uuidv7 } from '../../shared/ids';

const keys = keysFromSecret(
  deriveNetworkSecretSync('a long passphrase', 'net', { N: 1024, r: 8, p: 1 }),
  'net',
);

describe('blob padding', () => {
  it('rounds sizes up to a few buckets', () => {
    expect([1, 512, 513, 1000, 1025, 32_768, 32_769, 49_153].map(paddedLength)).toEqual([
      512, 512, 1024, 1024, 2048, 32_768, 49_152, 65_536,
    ]);
  });

  it('gives changes of different sizes the same blob size, and today’s reader opens them unchanged', () => {
    const short = { v: 2, ops: [{ note: 'Vans on Main St' }] };
    const long = { v: 2, ops: [{ note: 'Two unmarked vans and four agents on Main St, Holyoke' }] };
    const a = sealJsonPadded(keys, 'ops', uuidv7(), short);
    const b = sealJsonPadded(keys, 'ops', uuidv7(), long);
    expect(a.length).toBe(b.length);
    expect(sealJson(keys, 'ops', uuidv7(), short).length).not.toBe(
      sealJson(keys, 'ops', uuidv7(), long).length,
    );
    expect(a.length).toBe(paddedSealedChars(JSON.stringify(long).length));
    // openJson is the reader consoles already run: trailing spaces are invisible to JSON.parse.
    expect(openJson(keys, 'ops', a).value).toEqual(short);
    expect(openJson(keys, 'ops', b).value).toEqual(long);
  });
});
