import { z } from 'zod';
import { DEFAULT_STANDING_TEXT, HOTLINE_MAX, STANDING_TEXT_MAX } from '../briefing/standing-text';

const standing = (fallback: string) =>
  z.string().max(STANDING_TEXT_MAX, `At most ${STANDING_TEXT_MAX} characters`).default(fallback);
const hotline = (fallback: string) =>
  z
    .string()
    .trim()
    .max(HOTLINE_MAX)
    .regex(/^[0-9+()\-. ext]*$/, 'Digits, spaces and + ( ) - . only')
    .default(fallback);

/**
 * Network-wide settings, synced like any other entity (one op per changed key). Defaults are what
 * a new network gets; every value is bounded so a typo cannot disable a safety rule.
 */
export const SettingsSchema = z.object({
  networkName: z.string().trim().min(1).max(80).default('Pioneer Valley Rapid Response (demo)'),
  tileUrl: z
    .string()
    .trim()
    .max(300)
    .regex(
      /^https:\/\/[^\s]+\{z\}[^\s]*$/,
      'Tile URL must be https:// and contain {z}, {x} and {y}',
    )
    .default('https://tile.openstreetmap.org/{z}/{x}/{y}.png'),
  tileAttribution: z.string().max(300).default('© OpenStreetMap contributors'),
  purgeReporterAfterHours: z.number().int().min(1).max(168).default(12),
  verificationOverdueMinutes: z.number().int().min(1).max(240).default(15),
  duplicateRadiusMeters: z.number().int().min(50).max(5000).default(400),
  duplicateWindowMinutes: z
    .number()
    .int()
    .min(5)
    .max(24 * 60)
    .default(45),
  checkInOverdueMinutes: z.number().int().min(5).max(240).default(20),
  coarsenLocationsOutside: z.boolean().default(true),
  roadFactor: z.number().min(1).max(3).default(1.35),
  carSpeedKmh: z.number().min(10).max(120).default(55),
  transitSpeedKmh: z.number().min(3).max(60).default(15),
  /**
   * Matching weights (shared/matching): how much each soft factor counts in a candidate's score.
   * Relative to each other; 0 turns a factor off. Hard filters (training, risk flag, max travel,
   * availability) never depend on these.
   */
  matchWeightTravel: z.number().min(0).max(10).default(3),
  matchWeightLanguage: z.number().min(0).max(10).default(2),
  matchWeightRoleFit: z.number().min(0).max(10).default(1),
  matchWeightTraining: z.number().min(0).max(10).default(1),
  matchWeightFairness: z.number().min(0).max(10).default(1.5),
  // ---- Rally briefings and shifts: the network's standing text, one point per line.
  briefingNetworkHotline: hotline(DEFAULT_STANDING_TEXT.briefingNetworkHotline),
  briefingLegalHotline: hotline(DEFAULT_STANDING_TEXT.briefingLegalHotline),
  briefingDeescalationEn: standing(DEFAULT_STANDING_TEXT.briefingDeescalationEn),
  briefingDeescalationEs: standing(DEFAULT_STANDING_TEXT.briefingDeescalationEs),
  briefingRightsEn: standing(DEFAULT_STANDING_TEXT.briefingRightsEn),
  briefingRightsEs: standing(DEFAULT_STANDING_TEXT.briefingRightsEs),
  briefingSongsEn: standing(DEFAULT_STANDING_TEXT.briefingSongsEn),
  briefingSongsEs: standing(DEFAULT_STANDING_TEXT.briefingSongsEs),
  briefingSafetyEn: standing(DEFAULT_STANDING_TEXT.briefingSafetyEn),
  briefingSafetyEs: standing(DEFAULT_STANDING_TEXT.briefingSafetyEs),
  /** Minutes without input before the console locks behind the dispatcher's PIN. */
  idleLockMinutes: z.number().int().min(1).max(60).default(5),
});
export type Settings = z.output<typeof SettingsSchema>;
export type SettingKey = keyof Settings;

export const DEFAULT_SETTINGS: Settings = SettingsSchema.parse({});
