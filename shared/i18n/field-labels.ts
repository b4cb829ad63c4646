import type { SettingKey } from '../domain/settings';
import type { MessageKey } from './en';

/** The label of each network setting, as the settings notice names it. */
export const SETTING_LABEL_KEYS: Record<SettingKey, MessageKey> = {
  networkName: 'setting.networkName',
  tileUrl: 'setting.tileUrl',
  tileAttribution: 'setting.tileAttribution',
  purgeReporterAfterHours: 'setting.purgeReporterAfterHours',
  verificationOverdueMinutes: 'setting.verificationOverdueMinutes',
  duplicateRadiusMeters: 'setting.duplicateRadiusMeters',
  duplicateWindowMinutes: 'setting.duplicateWindowMinutes',
  checkInOverdueMinutes: 'setting.checkInOverdueMinutes',
  coarsenLocationsOutside: 'setting.coarsenLocationsOutside',
  roadFactor: 'setting.roadFactor',
  carSpeedKmh: 'setting.carSpeedKmh',
  transitSpeedKmh: 'setting.transitSpeedKmh',
  matchWeightTravel: 'setting.matchWeightTravel',
  matchWeightLanguage: 'setting.matchWeightLanguage',
  matchWeightRoleFit: 'setting.matchWeightRoleFit',
  matchWeightTraining: 'setting.matchWeightTraining',
  matchWeightFairness: 'setting.matchWeightFairness',
  briefingNetworkHotline: 'shift.networkHotline',
  briefingLegalHotline: 'shift.legalHotline',
  briefingDeescalationEn: 'shift.deescalationEn',
  briefingDeescalationEs: 'shift.deescalationEs',
  briefingRightsEn: 'shift.rightsEn',
  briefingRightsEs: 'shift.rightsEs',
  briefingSongsEn: 'shift.songsEn',
  briefingSongsEs: 'shift.songsEs',
  briefingSafetyEn: 'shift.safetyEn',
  briefingSafetyEs: 'shift.safetyEs',
  idleLockMinutes: 'shift.idleLockMinutes',
};

/** The label of each free-text field two consoles can edit at once (shared/sync FREE_TEXT_FIELDS). */
export const TEXT_FIELD_LABEL_KEYS: Record<string, MessageKey> = {
  description: 'intake.description',
  activity: 'intake.activity',
  notes: 'rosterField.notes',
};
