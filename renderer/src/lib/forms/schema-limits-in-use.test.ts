import { describe, expect, it } from 'vitest';
import { JoinNetworkInput } from '../../../../shared/api/contract';
import { LocationSchema } from '../../../../shared/api/schemas';
import { SettingsSchema } from '../../../../shared/domain/settings';
import { maxLengthAt, maxLengths, maxValueAt, minValueAt } from './contract-schema';

// The dialogs read these at module load, so a limit the schema lacks would blank the console:
// every read the views make is checked here (intake and roster have their own tests).
describe('schema limits the views read', () => {
  it('settings: hotlines, standing text and the idle lock range', () => {
    expect(maxLengthAt(SettingsSchema, 'briefingNetworkHotline')).toBeGreaterThan(0);
    expect(maxLengthAt(SettingsSchema, 'briefingRightsEn')).toBeGreaterThan(0);
    expect(minValueAt(SettingsSchema, 'idleLockMinutes')).toBeLessThan(
      maxValueAt(SettingsSchema, 'idleLockMinutes'),
    );
  });
  it('network: relay address and passphrase', () => {
    expect(maxLengths(JoinNetworkInput, ['relayUrl', 'passphrase'])).toEqual({
      relayUrl: 300,
      passphrase: 500,
    });
  });
  it('network name: no max() of its own, so the pattern must allow exactly 64', () => {
    const name = JoinNetworkInput.shape.network;
    expect(name.safeParse('a'.repeat(64)).success).toBe(true);
    expect(name.safeParse('a'.repeat(65)).success).toBe(false);
  });
  it('location text', () => {
    expect(maxLengthAt(LocationSchema, 'text')).toBe(200);
  });
});
