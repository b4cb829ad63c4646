/**
 * The rally briefing's CONTENT, pure and language-neutral (codes, not labels): what one printed
 * page tells a rally lead and the team. Built only from what is safe to hand out on paper:
 *
 * - what happened: incident type, agency, SALUTE size and activity, when it was seen. Never the
 *   caller's name or phone, never the free-text description, never names or counts of the people
 *   affected (only "people are affected"), never plates. The activity text is scrubbed of the
 *   caller's name, the affected first names and anything that looks like a phone number.
 * - the meeting point, coarsened (settings.coarsenLocationsOutside) to a block and the nearest
 *   village or town, with the map point snapped to a ~500 m grid: never the exact point.
 * - the team by role, first names (or initials) only, and how to reach the rally lead.
 * - the network's standing text from settings, in English and Spanish.
 * - `missing`: what the page could not say (no team, no lead, ...), so it prints what it has.
 */
import { incidentRef } from './ref';
import type { Settings } from '../domain/settings';
import type { Agency, IncidentType, LocationPrecision, ResponderRole } from '../domain/vocabulary';
import { coarsenMeetingPoint, type MeetingPoint } from './coarsen';

export interface BriefingIncident {
  id: string;
  type: IncidentType;
  location: {
    text: string;
    streetText: string | null;
    lat: number;
    lon: number;
    precision: LocationPrecision;
    town: string | null;
  } | null;
  salute: {
    agentsCount: number | null;
    vehiclesCount: number | null;
    activity: string;
    agency: Agency;
    timeSeen: string | null;
  };
  affectedAdults: number;
  affectedChildren: number;
  affectedFirstNames: string;
  reporterName: string;
  reporterPhone: string;
  callReceivedAt: string;
}

export interface BriefingTeamInput {
  /** The responder's full name as on the roster; only the first name (or initials) is printed. */
  name: string;
  role: ResponderRole;
  /** The lead's phone (original formatting), printed so the team can reach the lead. */
  phone?: string | null;
  /** Print initials instead of the first name. */
  initialsOnly?: boolean;
}

export interface BriefingTeamMember {
  name: string;
  role: ResponderRole;
  isLead: boolean;
}

export type StandingSection = 'deescalation' | 'rights' | 'songs' | 'safety';
export type StandingText = Record<StandingSection, string[]>;

export const MISSING_CODES = [
  'location',
  'meeting_place',
  'team',
  'rally_lead',
  'lead_phone',
  'legal_hotline',
  'network_hotline',
] as const;
export type MissingCode = (typeof MISSING_CODES)[number];

export interface BriefingContent {
  incidentRef: string;
  networkName: string;
  printedAt: string;
  happened: {
    type: IncidentType;
    agency: Agency;
    /** Scrubbed free text, as reported (not translated). */
    activity: string;
    agentsCount: number | null;
    vehiclesCount: number | null;
    seenAt: string;
    peopleAffected: boolean;
  };
  meeting: MeetingPoint | null;
  team: BriefingTeamMember[];
  lead: { name: string; phone: string | null } | null;
  hotlines: { legal: string; network: string };
  standing: { en: StandingText; es: StandingText };
  missing: MissingCode[];
}

export interface BriefingOptions {
  coarsen: boolean;
  nowMs: number;
  /** A public meeting place the dispatcher chose (e.g. "steps of City Hall"); printed as is. */
  meetingPlace?: string | null;
}

export type BriefingSettings = Pick<
  Settings,
  | 'networkName'
  | 'briefingNetworkHotline'
  | 'briefingLegalHotline'
  | 'briefingDeescalationEn'
  | 'briefingDeescalationEs'
  | 'briefingRightsEn'
  | 'briefingRightsEs'
  | 'briefingSongsEn'
  | 'briefingSongsEs'
  | 'briefingSafetyEn'
  | 'briefingSafetyEs'
>;

/** Team order on the page: the lead first, then by role importance at a scene. */
const ROLE_ORDER: readonly ResponderRole[] = [
  'rally_lead',
  'legal_observer',
  'song_leader',
  'faith_leader',
  'interpreter',
  'documenter',
  'medic',
  'family_support',
  'rally_responder',
  'verifier',
  'driver',
];

export const lines = (text: string): string[] =>
  text
    .split(/\r?\n/)
    .map((l) => l.trim())
    .filter(Boolean);

/** "Ana María Rosario" -> "Ana"; initials: "A. R." */
export function printedName(fullName: string, initialsOnly = false): string {
  const words = fullName.trim().split(/\s+/).filter(Boolean);
  if (words.length === 0) return '?';
  if (initialsOnly) return words.map((w) => `${w[0]!.toUpperCase()}.`).join(' ');
  return words[0]!;
}

const escapeRegExp = (s: string) => s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');

/**
 * Removes what must never reach paper from a free-text field: phone-like digit runs, the caller's
 * name and the affected people's first names (whole words, any case).
 */
export function scrubFreeText(text: string, forbiddenNames: readonly string[]): string {
  let out = text.replace(/\+?\d[\d\s().-]{5,}\d/g, '…');
  const words = forbiddenNames
    .flatMap((n) => n.split(/[\s,;/]+/))
    .map((w) => w.trim())
    .filter((w) => w.length >= 2);
  for (const word of new Set(words)) {
    out = out.replace(new RegExp(`(?<![\\p{L}])${escapeRegExp(word)}(?![\\p{L}])`, 'giu'), '…');
  }
  return out.replace(/\s+/g, ' ').trim();
}

export function buildBriefing(
  incident: BriefingIncident,
  team: readonly BriefingTeamInput[],
  settings: BriefingSettings,
  options: BriefingOptions,
): BriefingContent {
  const missing: MissingCode[] = [];
  const meeting = incident.location
    ? coarsenMeetingPoint(incident.location, {
        coarsen: options.coarsen,
        meetingPlace: options.meetingPlace ?? null,
      })
    : null;
  if (!meeting) missing.push('location');
  else if (!options.meetingPlace?.trim() && meeting.approximate) missing.push('meeting_place');

  const members = [...team]
    .sort(
      (a, b) =>
        ROLE_ORDER.indexOf(a.role) - ROLE_ORDER.indexOf(b.role) || a.name.localeCompare(b.name),
    )
    .map((m) => ({
      name: printedName(m.name, m.initialsOnly),
      role: m.role,
      isLead: m.role === 'rally_lead',
    }));
  const leadInput = team.find((m) => m.role === 'rally_lead');
  const lead = leadInput
    ? {
        name: printedName(leadInput.name, leadInput.initialsOnly),
        phone: leadInput.phone?.trim() || null,
      }
    : null;
  if (members.length === 0) missing.push('team');
  else if (!lead) missing.push('rally_lead');
  if (lead && !lead.phone) missing.push('lead_phone');
  if (!settings.briefingLegalHotline.trim()) missing.push('legal_hotline');
  if (!settings.briefingNetworkHotline.trim()) missing.push('network_hotline');

  const forbidden = [incident.reporterName, incident.affectedFirstNames];
  return {
    incidentRef: incidentRef(incident.id),
    networkName: settings.networkName,
    printedAt: new Date(options.nowMs).toISOString(),
    happened: {
      type: incident.type,
      agency: incident.salute.agency,
      activity: scrubFreeText(incident.salute.activity, forbidden),
      agentsCount: incident.salute.agentsCount,
      vehiclesCount: incident.salute.vehiclesCount,
      seenAt: incident.salute.timeSeen ?? incident.callReceivedAt,
      peopleAffected: incident.affectedAdults + incident.affectedChildren > 0,
    },
    meeting,
    team: members,
    lead,
    hotlines: {
      legal: settings.briefingLegalHotline.trim(),
      network: settings.briefingNetworkHotline.trim(),
    },
    standing: {
      en: {
        deescalation: lines(settings.briefingDeescalationEn),
        rights: lines(settings.briefingRightsEn),
        songs: lines(settings.briefingSongsEn),
        safety: lines(settings.briefingSafetyEn),
      },
      es: {
        deescalation: lines(settings.briefingDeescalationEs),
        rights: lines(settings.briefingRightsEs),
        songs: lines(settings.briefingSongsEs),
        safety: lines(settings.briefingSafetyEs),
      },
    },
    missing,
  };
}
