import { z } from 'zod';

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
});
export type Settings = z.output<typeof SettingsSchema>;
export type SettingKey = keyof Settings;

export const DEFAULT_SETTINGS: Settings = SettingsSchema.parse({});
