/**
 * The matching engine: who can go (hard filters) and who should go (a weighted soft score), with
 * an explanation per candidate. Pure: the backend calls it with its roster index (roster-index.ts:
 * a grid per role, kept current person by person), the active assignments and the deployment
 * history; tests call it with hand-made rosters.
 */
import type { Settings } from '../domain/settings';
import {
  ROLE_REQUIRED_TRAINING,
  SCENE_ROLES,
  type AssignmentStatus,
  type LanguageTag,
  type ResponderRole,
  WEEKDAYS,
  type DeclineReason,
} from '../domain/vocabulary';
import { languageName } from '../domain/languages';
import { fromMinutes, localClock } from './local-time';
import { ACTIVE_ASSIGNMENT_STATUSES } from '../assignments/lifecycle';
import {
  CELL_LAT,
  CELL_LON,
  dayNumber,
  languageKey,
  speaksLanguage,
  type Cell,
  type Entry,
  type LanguageKey,
  type RosterIndex,
} from './roster-index';

export {
  ROLE_TRAINING,
  buildRosterIndex,
  type MatchProfile,
  type RosterIndex,
} from './roster-index';

// ---------- inputs ----------

export type MatchSettings = Pick<
  Settings,
  | 'roadFactor'
  | 'carSpeedKmh'
  | 'transitSpeedKmh'
  | 'matchWeightTravel'
  | 'matchWeightLanguage'
  | 'matchWeightRoleFit'
  | 'matchWeightTraining'
  | 'matchWeightFairness'
>;

export interface MatchIncident {
  /** Its own assignees are never "busy elsewhere" for it, and its declines rank last. */
  id?: string;
  lat: number;
  lon: number;
  language: LanguageTag;
}

/** Assignment statuses that keep a person busy (defined with the lifecycle). */
export { ACTIVE_ASSIGNMENT_STATUSES };
/** Assignment statuses that mean the person actually went out (for fairness). */
const DEPLOYED_STATUSES: readonly AssignmentStatus[] = [
  'accepted',
  'en_route',
  'on_scene',
  'departed',
  'released',
];

export interface AssignmentLike {
  incidentId: string;
  responderId: string;
  role: string;
  status: AssignmentStatus;
  createdAt: string;
  statusChangedAt: string;
  declineReason?: DeclineReason | null;
}

export interface ActiveAssignment {
  incidentId: string;
  role: string;
  status: AssignmentStatus;
}

export interface DeploymentHistory {
  lastDeployedAt: number | null;
  hoursThisWeek: number;
}

export interface AssignmentSummary {
  active: Map<string, ActiveAssignment>;
  history: Map<string, DeploymentHistory>;
  /** incident id -> responder id -> why they said no (declined, no answer, wrong number). */
  declined?: Map<string, Map<string, DeclineReason>>;
}

const WEEK_MS = 7 * 86_400_000;

/**
 * Who is busy now, when each person last went out and for how many hours in the last 7 days.
 * An assignment still running counts up to `now`; a finished one up to when it ended.
 */
export function summarizeAssignments(
  assignments: readonly AssignmentLike[],
  now: number,
): AssignmentSummary {
  const active = new Map<string, ActiveAssignment>();
  const history = new Map<string, DeploymentHistory>();
  const declined = new Map<string, Map<string, DeclineReason>>();
  for (const a of assignments) {
    if (a.status === 'declined') {
      const forIncident = declined.get(a.incidentId) ?? new Map<string, DeclineReason>();
      forIncident.set(a.responderId, a.declineReason ?? 'other');
      declined.set(a.incidentId, forIncident);
    }
    if (ACTIVE_ASSIGNMENT_STATUSES.includes(a.status)) {
      const prev = active.get(a.responderId);
      if (
        !prev ||
        ACTIVE_ASSIGNMENT_STATUSES.indexOf(a.status) >
          ACTIVE_ASSIGNMENT_STATUSES.indexOf(prev.status)
      )
        active.set(a.responderId, { incidentId: a.incidentId, role: a.role, status: a.status });
    }
    if (!DEPLOYED_STATUSES.includes(a.status)) continue;
    const start = Date.parse(a.createdAt);
    if (!Number.isFinite(start)) continue;
    const h = history.get(a.responderId) ?? { lastDeployedAt: null, hoursThisWeek: 0 };
    h.lastDeployedAt = Math.max(h.lastDeployedAt ?? -Infinity, start);
    const finished = a.status === 'departed' || a.status === 'released';
    const end = finished ? Date.parse(a.statusChangedAt) : now;
    const from = Math.max(start, now - WEEK_MS);
    if (Number.isFinite(end) && end > from)
      h.hoursThisWeek += (Math.min(end, now) - from) / 3_600_000;
    history.set(a.responderId, h);
  }
  return { active, history, declined };
}

// ---------- outputs ----------

export const EXCLUSION_REASONS = [
  'inactive',
  'missing_role',
  'too_far',
  'training',
  'avoids_scenes',
  'language',
  'unavailable',
  'busy',
  'taken',
] as const;
export type ExclusionReason = (typeof EXCLUSION_REASONS)[number];

export type ExplanationPart =
  | { kind: 'travel'; params: { minutes: number; mode: 'car' | 'transit'; from: string } }
  | { kind: 'speaks'; params: { language: LanguageTag } }
  | { kind: 'does_not_speak'; params: { language: LanguageTag } }
  | { kind: 'role'; params: { role: ResponderRole; trainedOn: string | null } }
  | { kind: 'on_call'; params: Record<string, never> }
  | { kind: 'off_duty'; params: Record<string, never> }
  | { kind: 'available_until'; params: { until: string } }
  | { kind: 'last_deployed'; params: { days: number } }
  | { kind: 'never_deployed'; params: Record<string, never> }
  | { kind: 'hours_this_week'; params: { hours: number } }
  | { kind: 'declined_here'; params: { reason: DeclineReason } };

export interface Candidate {
  responderId: string;
  name: string;
  role: ResponderRole;
  homeTown: string;
  homeLat: number;
  homeLon: number;
  hasCar: boolean;
  onCall: boolean;
  distanceKm: number;
  travelMinutes: number;
  /** 0-100. */
  score: number;
  components: {
    travel: number;
    language: number;
    roleFit: number;
    training: number;
    fairness: number;
  };
  explanation: { parts: ExplanationPart[]; text: string };
  /** Already said no to this incident (declined, no answer, wrong number): ranked last. */
  declinedHere?: DeclineReason;
}

export interface BusyCandidate extends Candidate {
  busyWith: ActiveAssignment;
}

export interface MatchResult {
  candidates: Candidate[];
  /** Would qualify, but already on an active assignment. */
  busy: BusyCandidate[];
  /** Would qualify, but off duty / outside their availability right now. */
  unavailable: Candidate[];
  /** How many people each hard filter removed (first failing filter counts). */
  excludedCounts: Record<ExclusionReason, number>;
  /** Everyone who passed every filter (candidates holds the best `limit` of them). */
  eligibleCount: number;
}

export interface MatchRequest {
  incident: MatchIncident;
  role: ResponderRole;
  limit: number;
  now: number;
  settings: MatchSettings;
  assignments?: AssignmentSummary;
  /** For an interpreter: the language they must speak (defaults to the incident's). */
  language?: LanguageTag;
  /** People already chosen for other slots. */
  exclude?: ReadonlySet<string>;
  /**
   * false: stop scanning once no remaining cell can beat the current top `limit` (nearest cells
   * come first). The candidates are the same; excludedCounts, eligibleCount, busy and unavailable
   * then cover only what was scanned. Team suggestion uses it: it needs exact counts only for
   * slots it cannot fill, and those never fill their top list, so they are always scanned fully.
   */
  countAll?: boolean;
  timeZone?: string;
}

export function explanationText(part: ExplanationPart): string {
  switch (part.kind) {
    case 'travel':
      return `~${part.params.minutes} min ${part.params.mode === 'car' ? 'by car' : 'without a car'} from ${part.params.from}`;
    case 'speaks':
      return `speaks ${languageName(part.params.language)}`;
    case 'does_not_speak':
      return `does not speak ${languageName(part.params.language)}`;
    case 'role': {
      const role = part.params.role.replace(/_/g, ' ');
      return part.params.trainedOn ? `${role} (trained ${part.params.trainedOn})` : role;
    }
    case 'on_call':
      return 'on call now';
    case 'off_duty':
      return 'off duty now';
    case 'available_until':
      return `available until ${part.params.until}`;
    case 'last_deployed':
      return part.params.days === 0
        ? 'last deployed today'
        : `last deployed ${part.params.days} day${part.params.days === 1 ? '' : 's'} ago`;
    case 'never_deployed':
      return 'not deployed recently';
    case 'hours_this_week':
      return `${part.params.hours} h out this week`;
    case 'declined_here':
      return `already asked: ${part.params.reason.replace(/_/g, ' ')}`;
  }
}

const DAY_MS = 86_400_000;
const dayMs = (day: number) =>
  Date.UTC(Math.floor(day / 10_000), (Math.floor(day / 100) % 100) - 1, day % 100, 12);

function emptyCounts(): Record<ExclusionReason, number> {
  return Object.fromEntries(EXCLUSION_REASONS.map((r) => [r, 0])) as Record<
    ExclusionReason,
    number
  >;
}

/** Keeps the best `limit` items, best first, by insertion into a short sorted array. */
class TopK<T extends Candidate> {
  readonly items: T[] = [];
  constructor(private readonly limit: number) {}
  /** The score an item must reach to possibly enter (ties are decided by `better`). */
  threshold(): number {
    return this.items.length < this.limit ? -Infinity : this.items[this.items.length - 1]!.score;
  }
  offer(item: T) {
    if (this.limit <= 0) return;
    const items = this.items;
    if (items.length === this.limit && !better(item, items[items.length - 1]!)) return;
    let i = items.length;
    while (i > 0 && better(item, items[i - 1]!)) i--;
    items.splice(i, 0, item);
    if (items.length > this.limit) items.pop();
  }
}

/** Ranking order: score, then nearer, then name, then id (so the order is total and stable). */
function better(a: Candidate, b: Candidate): boolean {
  if (a.score !== b.score) return a.score > b.score;
  if (a.travelMinutes !== b.travelMinutes) return a.travelMinutes < b.travelMinutes;
  if (a.name !== b.name) return a.name < b.name;
  return a.responderId < b.responderId;
}

const KM_PER_DEG_LAT = 111.195; // on the 6371.0088 km sphere

/**
 * Ranked candidates for one role at one incident. Hard filters, in the order they are counted:
 * inactive, missing the role, beyond their own max travel, missing a current required training,
 * the personal-risk flag for a scene role, (interpreters) not speaking the language, outside
 * their availability unless on call, already on an active assignment.
 *
 * Distances: great-circle distance computed with the local flat-earth (equirectangular)
 * formula, which at Western Mass scales (< 250 km) differs from haversine by far less than the
 * road factor's own uncertainty and costs one square root instead of five trig calls.
 * Cells are visited nearest first, so the best list fills early and, from then on, the score of
 * a person who cannot beat its last entry is never computed (only their filters are, so the
 * excluded counts stay exact).
 */
export function matchCandidates(index: RosterIndex, req: MatchRequest): MatchResult {
  const { incident, role, settings: w } = req;
  const grid = index.byRole[role];
  const clock = localClock(req.now, req.timeZone);
  const today = dayNumber(clock.date);
  const requiredKind = ROLE_REQUIRED_TRAINING[role];
  const mustSpeakCode = role === 'interpreter' ? (req.language ?? incident.language) : null;
  const weightSum =
    w.matchWeightTravel +
    w.matchWeightLanguage +
    w.matchWeightRoleFit +
    w.matchWeightTraining +
    w.matchWeightFairness;
  const norm = weightSum > 0 ? 1 / weightSum : 0;
  const q: Scan = {
    req,
    role,
    incidentLat: incident.lat,
    incidentLon: incident.lon,
    kmPerDegLon: KM_PER_DEG_LAT * Math.cos((incident.lat * Math.PI) / 180),
    today,
    todayMs: dayMs(today),
    dayIndex: WEEKDAYS.indexOf(clock.day),
    nowMinutes: clock.minutes,
    hasRequired: !!requiredKind,
    isScene: SCENE_ROLES.includes(role),
    mustSpeak: mustSpeakCode ? languageKey(mustSpeakCode) : null,
    incidentLanguage: languageKey(incident.language),
    incidentId: incident.id ?? null,
    active: req.assignments?.active.size ? req.assignments.active : null,
    declinedHere: (incident.id && req.assignments?.declined?.get(incident.id)) || null,
    declined: new TopK<Candidate>(req.limit),
    history: req.assignments?.history ?? null,
    exclude: req.exclude && req.exclude.size > 0 ? req.exclude : null,
    wTravel: w.matchWeightTravel * norm,
    wLanguage: w.matchWeightLanguage * norm,
    wRoleFit: w.matchWeightRoleFit * norm,
    wTraining: w.matchWeightTraining * norm,
    wFairness: w.matchWeightFairness * norm,
    restMax: (w.matchWeightRoleFit + w.matchWeightTraining + w.matchWeightFairness) * norm,
    carFactor: (w.roadFactor / w.carSpeedKmh) * 60,
    transitFactor: (w.roadFactor / w.transitSpeedKmh) * 60,
    top: new TopK<Candidate>(req.limit),
    busy: new TopK<BusyCandidate>(req.limit),
    unavailable: new TopK<Candidate>(req.limit),
    taken: 0,
    tooFar: 0,
    training: 0,
    avoidsScenes: 0,
    language: 0,
    offDuty: 0,
    busyCount: 0,
    eligible: 0,
  };

  // Cells nearest first; a cell none of whose members could arrive in time is skipped whole.
  const cells: { cell: Cell; minKm: number }[] = [];
  for (const cell of grid.cells) {
    const nearLat = Math.min(Math.max(q.incidentLat, cell.lat0), cell.lat0 + CELL_LAT);
    const nearLon = Math.min(Math.max(q.incidentLon, cell.lon0), cell.lon0 + CELL_LON);
    const dy = (nearLat - q.incidentLat) * KM_PER_DEG_LAT;
    const dx = (nearLon - q.incidentLon) * q.kmPerDegLon;
    const minKm = Math.max(0, Math.sqrt(dx * dx + dy * dy) - 0.3);
    if (
      minKm * q.carFactor > cell.maxCarMinutes &&
      minKm * q.transitFactor > cell.maxTransitMinutes
    ) {
      q.tooFar += cell.car.length + cell.transit.length;
      continue;
    }
    cells.push({ cell, minKm });
  }
  cells.sort((a, b) => a.minKm - b.minKm);
  const fastest = Math.min(q.carFactor, q.transitFactor);
  for (let i = 0; i < cells.length; i++) {
    const { cell, minKm } = cells[i]!;
    if (req.countAll === false && q.top.threshold() !== -Infinity) {
      const best = q.wTravel * Math.exp(-(minKm * fastest) / 30) + q.wLanguage + q.restMax;
      if (Math.round(best * 1000) / 10 < q.top.threshold()) break;
    }
    scanList(cell.car, q, minKm * q.carFactor);
    scanList(cell.transit, q, minKm * q.transitFactor);
  }

  const excludedCounts = emptyCounts();
  excludedCounts.inactive = grid.inactive;
  excludedCounts.missing_role = index.activeCount - grid.active;
  excludedCounts.too_far = q.tooFar;
  excludedCounts.training = q.training;
  excludedCounts.avoids_scenes = q.avoidsScenes;
  excludedCounts.language = q.language;
  excludedCounts.unavailable = q.offDuty;
  excludedCounts.busy = q.busyCount;
  excludedCounts.taken = q.taken;
  return {
    // Someone who already said no to this incident comes after everyone else, marked.
    candidates: [...q.top.items, ...q.declined.items].slice(0, Math.max(0, req.limit)),
    busy: q.busy.items,
    unavailable: q.unavailable.items,
    excludedCounts,
    eligibleCount: q.eligible,
  };
}

/** Query constants and running tallies of one match, with a fixed shape for the hot loop. */
interface Scan {
  req: MatchRequest;
  role: ResponderRole;
  incidentLat: number;
  incidentLon: number;
  kmPerDegLon: number;
  today: number;
  todayMs: number;
  dayIndex: number;
  nowMinutes: number;
  hasRequired: boolean;
  isScene: boolean;
  mustSpeak: LanguageKey | null;
  incidentLanguage: LanguageKey;
  incidentId: string | null;
  active: Map<string, ActiveAssignment> | null;
  declinedHere: Map<string, DeclineReason> | null;
  declined: TopK<Candidate>;
  history: Map<string, DeploymentHistory> | null;
  exclude: ReadonlySet<string> | null;
  wTravel: number;
  wLanguage: number;
  wRoleFit: number;
  wTraining: number;
  wFairness: number;
  restMax: number;
  carFactor: number;
  transitFactor: number;
  top: TopK<Candidate>;
  busy: TopK<BusyCandidate>;
  unavailable: TopK<Candidate>;
  taken: number;
  tooFar: number;
  training: number;
  avoidsScenes: number;
  language: number;
  offDuty: number;
  busyCount: number;
  eligible: number;
}

/** Module-level (not a closure, not a nested loop) so V8 optimizes it as a whole. */
function scanList(entries: readonly Entry[], q: Scan, minMinutes: number): void {
  for (let i = 0; i < entries.length; i++) {
    const e = entries[i]!;
    if (e.maxTravelMinutes < minMinutes) {
      // Sorted by max travel: nobody further down this list can arrive in time either.
      q.tooFar += entries.length - i;
      return;
    }
    if (q.exclude !== null && q.exclude.has(e.r.id)) {
      q.taken++;
      continue;
    }
    const dy = (e.lat - q.incidentLat) * KM_PER_DEG_LAT;
    const dx = (e.lon - q.incidentLon) * q.kmPerDegLon;
    const km = Math.sqrt(dx * dx + dy * dy);
    const minutes = km * (e.hasCar ? q.carFactor : q.transitFactor);
    if (minutes > e.maxTravelMinutes) {
      q.tooFar++;
      continue;
    }
    if (q.hasRequired && !(e.reqDone > 0 && e.reqDone <= q.today && e.reqExpires >= q.today)) {
      q.training++;
      continue;
    }
    if (q.isScene && e.avoidScenes) {
      q.avoidsScenes++;
      continue;
    }
    if (q.mustSpeak !== null && !speaksLanguage(e, q.mustSpeak)) {
      q.language++;
      continue;
    }
    let until = -1;
    if (!e.onCall) {
      const win = e.windows;
      for (let k = 0; k < win.length; k += 3) {
        if (
          win[k] === q.dayIndex &&
          win[k + 1]! <= q.nowMinutes &&
          q.nowMinutes < win[k + 2]! &&
          win[k + 2]! > until
        )
          until = win[k + 2]!;
      }
    }
    const isAvailable = e.onCall || until >= 0;
    const busyWith = q.active !== null ? q.active.get(e.r.id) : undefined;
    if (busyWith !== undefined && busyWith.incidentId === q.incidentId) {
      // Already on this incident: part of its team, neither a candidate nor busy elsewhere.
      q.taken++;
      continue;
    }
    const declinedReason = q.declinedHere !== null ? q.declinedHere.get(e.r.id) : undefined;
    let list: TopK<Candidate>;
    if (!isAvailable) {
      q.offDuty++;
      list = q.unavailable;
    } else if (busyWith) {
      q.busyCount++;
      list = q.busy;
    } else if (declinedReason !== undefined) {
      list = q.declined;
    } else {
      q.eligible++;
      list = q.top;
    }
    // Upper bound on the score before computing the rest of it.
    const threshold = list.threshold();
    const travel = Math.exp(-minutes / 30);
    const speaks = speaksLanguage(e, q.incidentLanguage);
    const bound = q.wTravel * travel + (speaks ? q.wLanguage : 0) + q.restMax;
    if (Math.round(bound * 1000) / 10 < threshold) continue;
    const candidate = scoreCandidate(e, q, km, minutes, travel, speaks, until, isAvailable);
    if (candidate.score < threshold) continue;
    if (list === q.declined) {
      const parts = candidate.explanation.parts;
      parts.unshift({ kind: 'declined_here', params: { reason: declinedReason! } });
      candidate.declinedHere = declinedReason;
      candidate.explanation.text = parts.map(explanationText).join(' · ');
    }
    if (list === q.busy) q.busy.offer({ ...candidate, busyWith: busyWith! });
    else list.offer(candidate);
  }
}

function scoreCandidate(
  e: Entry,
  q: Scan,
  km: number,
  minutes: number,
  travel: number,
  speaks: boolean,
  until: number,
  isAvailable: boolean,
): Candidate {
  const r = e.r;
  const language = speaks ? 1 : 0;
  const roleFit = 1 / (1 + 0.15 * (e.roleCount - 1));
  const done = e.practiceDone;
  const practisedDay = done > 0 && done <= q.today && e.practiceExpires >= q.today ? done : 0;
  const training = practisedDay
    ? Math.exp(-Math.max(0, q.todayMs - dayMs(practisedDay)) / (730 * DAY_MS))
    : 0;
  const h = q.history?.get(r.id);
  const daysSince =
    h?.lastDeployedAt != null ? Math.max(0, (q.req.now - h.lastDeployedAt) / DAY_MS) : null;
  const hours = h?.hoursThisWeek ?? 0;
  const fairness =
    0.5 * (daysSince === null ? 1 : Math.min(1, daysSince / 7)) + 0.5 * Math.max(0, 1 - hours / 12);
  const raw =
    q.wTravel * travel +
    q.wLanguage * language +
    q.wRoleFit * roleFit +
    q.wTraining * training +
    q.wFairness * fairness;
  const score = Math.round(raw * 1000) / 10;

  const trainedOn = practisedDay
    ? `${Math.floor(practisedDay / 10_000)}-${String(Math.floor(practisedDay / 100) % 100).padStart(2, '0')}`
    : null;
  const incidentLanguage = q.incidentLanguage.tag;
  const parts: ExplanationPart[] = [
    {
      kind: 'travel',
      params: {
        minutes: Math.max(1, Math.round(minutes)),
        mode: r.hasCar ? 'car' : 'transit',
        from: r.homeTown,
      },
    },
    speaks
      ? { kind: 'speaks', params: { language: incidentLanguage } }
      : { kind: 'does_not_speak', params: { language: incidentLanguage } },
    { kind: 'role', params: { role: q.role, trainedOn } },
  ];
  if (!isAvailable) parts.push({ kind: 'off_duty', params: {} });
  else if (r.onCall) parts.push({ kind: 'on_call', params: {} });
  else parts.push({ kind: 'available_until', params: { until: fromMinutes(until) } });
  if (daysSince === null) parts.push({ kind: 'never_deployed', params: {} });
  else parts.push({ kind: 'last_deployed', params: { days: Math.floor(daysSince) } });
  if (hours >= 0.5) parts.push({ kind: 'hours_this_week', params: { hours: Math.round(hours) } });

  return {
    responderId: r.id,
    name: r.name,
    role: q.role,
    homeTown: r.homeTown,
    homeLat: r.homeLat,
    homeLon: r.homeLon,
    hasCar: r.hasCar,
    onCall: r.onCall,
    distanceKm: Math.round(km * 10) / 10,
    travelMinutes: Math.round(minutes * 10) / 10,
    score,
    components: {
      travel: round3(travel),
      language,
      roleFit: round3(roleFit),
      training: round3(training),
      fairness: round3(fairness),
    },
    explanation: { parts, text: parts.map(explanationText).join(' · ') },
  };
}

const round3 = (x: number) => Math.round(x * 1000) / 1000;
