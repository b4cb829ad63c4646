import { describe, expect, it } from 'vitest';
import { judgeLog } from '../../backend/sync/log-identity';
import { isInsecureRelayUrl } from '../../shared/sync/transport';

describe('judging the relay log at the welcome', () => {
  const id = '0b8f6c1e-1111-4aaa-8bbb-000000000001';
  it('the same log at or past the position is normal', () => {
    expect(judgeLog({ logId: id, lastSeq: 7 }, { logId: id, headSeq: 7 })).toBe('same');
    expect(judgeLog({ logId: id, lastSeq: 7 }, { logId: id, headSeq: 9 })).toBe('same');
  });
  it('the same log behind the position was restored from an older copy', () => {
    expect(judgeLog({ logId: id, lastSeq: 7 }, { logId: id, headSeq: 3 })).toBe('restored');
    // A relay too old to send an id: the head alone still tells a restore.
    expect(judgeLog({ logId: null, lastSeq: 7 }, { headSeq: 3 })).toBe('restored');
  });
  it('another id, or an id where none was known but the console has a position, is a new log', () => {
    expect(judgeLog({ logId: id, lastSeq: 7 }, { logId: 'other', headSeq: 50 })).toBe('new_log');
    expect(judgeLog({ logId: null, lastSeq: 7 }, { logId: id, headSeq: 7 })).toBe('new_log');
    expect(judgeLog({ logId: null, lastSeq: 0 }, { logId: id, headSeq: 12 })).toBe('same');
  });
});

describe('relay transport', () => {
  it('refuses clear text only to another computer', () => {
    for (const url of [
      'http://relay.example.org',
      'http://192.0.2.1:8787',
      'ws://relay.example.org',
    ])
      expect(isInsecureRelayUrl(url)).toBe(true);
    for (const url of [
      'https://relay.example.org',
      'wss://relay.example.org',
      'http://localhost:8787',
      'http://127.0.0.1:8787',
      'http://127.3.4.5',
      'http://[::1]:8787',
      'http://relay.localhost',
    ])
      expect(isInsecureRelayUrl(url)).toBe(false);
  });
});
