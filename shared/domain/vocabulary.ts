/**
 * The network's controlled vocabulary. Stored values are these stable English codes; every label a
 * person sees comes from the i18n dictionaries (shared/i18n), so renaming a label never touches data.
 */
import { KNOWN_LANGUAGES } from './languages';
export const INCIDENT_TYPES = [
  'home_raid',
  'workplace_raid',
  'arrest',
  'vehicle_stop',
  'courthouse',
  'checkin_detention',
  'sighting',
  'labor_abuse',
  'other',
] as const;
export type IncidentType = (typeof INCIDENT_TYPES)[number];

/** Slow cases share the queue but never get alarm styling. */
export const SLOW_INCIDENT_TYPES: readonly IncidentType[] = ['labor_abuse', 'checkin_detention'];

export const TRIAGE_LEVELS = ['do_not_share', 'verify_first', 'mobilize_now'] as const;
export type TriageLevel = (typeof TRIAGE_LEVELS)[number];

export const INCIDENT_STATUSES = [
  'new',
  'triaged',
  'verifying',
  'confirmed',
  'other_agency',
  'false_alarm',
  'unverified',
  'mobilizing',
  'on_scene',
  'stood_down',
  'follow_up',
  'closed',
  'on_hold',
] as const;
export type IncidentStatus = (typeof INCIDENT_STATUSES)[number];

export const VERIFICATION_OUTCOMES = [
  'confirmed',
  'other_agency',
  'false_alarm',
  'unverified',
] as const;
export type VerificationOutcome = (typeof VERIFICATION_OUTCOMES)[number];

export const AGENCIES = [
  'ice_ero',
  'hsi',
  'cbp',
  'local_police',
  'state_police',
  'unknown',
] as const;
export type Agency = (typeof AGENCIES)[number];

export const RESPONDER_ROLES = [
  'verifier',
  'legal_observer',
  'documenter',
  'rally_responder',
  'rally_lead',
  'faith_leader',
  'song_leader',
  'interpreter',
  'medic',
  'driver',
  'family_support',
] as const;
export type ResponderRole = (typeof RESPONDER_ROLES)[number];

/** Roles that put a person at an enforcement scene; the personal-risk flag excludes them. */
export const SCENE_ROLES: readonly ResponderRole[] = [
  'verifier',
  'legal_observer',
  'documenter',
  'rally_responder',
  'rally_lead',
  'faith_leader',
  'song_leader',
  'medic',
];

/**
 * The languages offered first in pickers (ISO 639-1; 'ht' Haitian Creole); labels live in i18n.
 * People may speak any other language too: stored languages are open tags (see languages.ts).
 */
export const LANGUAGES = [
  'en',
  'es',
  'pt',
  'ht',
  'fr',
  'vi',
  'ar',
  'zh',
  'ne',
  'sw',
  'ru',
  'qu',
] as const;
export type LanguageCode = (typeof LANGUAGES)[number];
/** Any language a person speaks: an ISO 639 code when known, else the name as written. */
export type LanguageTag = string;

/** English names, for logs, CSV export and explanations stored in English (UI labels are i18n). */
export const LANGUAGE_ENGLISH_NAMES: Readonly<Record<LanguageTag, string>> = Object.fromEntries(
  Object.entries(KNOWN_LANGUAGES).map(([code, info]) => [code, info.en]),
);

export const TRAININGS = [
  'sanctuary_in_the_streets',
  'legal_observer',
  'know_your_rights',
  'verifier',
  'de_escalation',
  'first_aid',
  'interpreter',
] as const;
export type TrainingKind = (typeof TRAININGS)[number];

/** A role listed here may only be filled by someone whose named training is current. */
export const ROLE_REQUIRED_TRAINING: Partial<Record<ResponderRole, TrainingKind>> = {
  verifier: 'verifier',
  legal_observer: 'legal_observer',
  rally_lead: 'sanctuary_in_the_streets',
  rally_responder: 'sanctuary_in_the_streets',
  medic: 'first_aid',
};

export const ASSIGNMENT_STATUSES = [
  'proposed',
  'notified',
  'accepted',
  'declined',
  'en_route',
  'on_scene',
  'departed',
  'released',
] as const;
export type AssignmentStatus = (typeof ASSIGNMENT_STATUSES)[number];

export const DECLINE_REASONS = ['unavailable', 'no_answer', 'wrong_number', 'other'] as const;
export type DeclineReason = (typeof DECLINE_REASONS)[number];

export const LOCATION_PRECISIONS = [
  'exact',
  'intersection',
  'street',
  'village',
  'town',
  'zip',
] as const;
export type LocationPrecision = (typeof LOCATION_PRECISIONS)[number];
/** Precisions that put the point on the street itself; the others are a town or village point. */
export function isStreetPrecise(precision: LocationPrecision): boolean {
  return precision === 'exact' || precision === 'intersection' || precision === 'street';
}

export const WEEKDAYS = ['mon', 'tue', 'wed', 'thu', 'fri', 'sat', 'sun'] as const;
export type Weekday = (typeof WEEKDAYS)[number];

export const OPEN_INCIDENT_STATUSES: readonly IncidentStatus[] = INCIDENT_STATUSES.filter(
  (s) => s !== 'closed',
);
