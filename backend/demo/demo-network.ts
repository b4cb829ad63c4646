import type { ApiInput } from '../../shared/api/contract';
import type {
  IncidentStatus,
  LanguageCode,
  ResponderRole,
  TrainingKind,
} from '../../shared/domain/vocabulary';

/**
 * A FICTIONAL demo network. Every name is invented by pairing common given names and family names
 * at random; every phone number is in the 555 range reserved for fiction. Nothing here describes a
 * real person. Deterministic (seeded) so screenshots and tests are stable.
 */
export const DEMO_TOWNS: { name: string; lat: number; lon: number; weight: number }[] = [
  { name: 'Springfield', lat: 42.1015, lon: -72.5898, weight: 14 },
  { name: 'Holyoke', lat: 42.2043, lon: -72.6162, weight: 10 },
  { name: 'Chicopee', lat: 42.1487, lon: -72.6079, weight: 6 },
  { name: 'Northampton', lat: 42.3251, lon: -72.6412, weight: 8 },
  { name: 'Florence', lat: 42.3334, lon: -72.6737, weight: 4 },
  { name: 'Easthampton', lat: 42.2668, lon: -72.669, weight: 4 },
  { name: 'Amherst', lat: 42.3732, lon: -72.5199, weight: 7 },
  { name: 'Westfield', lat: 42.1251, lon: -72.7495, weight: 4 },
  { name: 'West Springfield', lat: 42.107, lon: -72.6204, weight: 3 },
  { name: 'Greenfield', lat: 42.5876, lon: -72.5995, weight: 5 },
  { name: 'Turners Falls', lat: 42.6043, lon: -72.5565, weight: 3 },
  { name: 'Pittsfield', lat: 42.4501, lon: -73.2454, weight: 5 },
  { name: 'North Adams', lat: 42.7009, lon: -73.1087, weight: 2 },
  { name: 'Great Barrington', lat: 42.1959, lon: -73.362, weight: 2 },
  { name: 'Ludlow', lat: 42.16, lon: -72.4759, weight: 2 },
  { name: 'Agawam', lat: 42.0695, lon: -72.6148, weight: 2 },
  { name: 'South Hadley', lat: 42.2584, lon: -72.5748, weight: 2 },
  { name: 'Hadley', lat: 42.3418, lon: -72.5887, weight: 1 },
  { name: 'Belchertown', lat: 42.2771, lon: -72.4009, weight: 1 },
  { name: 'Palmer', lat: 42.1584, lon: -72.3287, weight: 1 },
  { name: 'Ware', lat: 42.2598, lon: -72.2398, weight: 1 },
  { name: 'Orange', lat: 42.5904, lon: -72.3098, weight: 1 },
  { name: 'Lee', lat: 42.3043, lon: -73.2482, weight: 1 },
  { name: 'Shelburne Falls', lat: 42.6043, lon: -72.7393, weight: 1 },
];

const GIVEN = [
  'Ana',
  'Luis',
  'Marisol',
  'Jorge',
  'Rosa',
  'Carlos',
  'Yesenia',
  'Miguel',
  'Daniela',
  'José',
  'Fabiola',
  'Ricardo',
  'Lucía',
  'Andrés',
  'Beatriz',
  'Tomás',
  'Camila',
  'Héctor',
  'Paola',
  'Rafael',
  'Guerline',
  'Jean-Marc',
  'Nadège',
  'Wilner',
  'Roselande',
  'João',
  'Fernanda',
  'Thiago',
  'Larissa',
  'Priscila',
  'Sam',
  'Maggie',
  'Owen',
  'Ruth',
  'Eli',
  'Hannah',
  'Dev',
  'Noor',
  'Kim',
  'Tess',
];
const FAMILY = [
  'Alvarado',
  'Benítez',
  'Cardona',
  'Delgado',
  'Espinal',
  'Figueroa',
  'Galarza',
  'Henao',
  'Irizarry',
  'Jaramillo',
  'Lozada',
  'Montalvo',
  'Nieves',
  'Ocasio',
  'Pagán',
  'Quiñones',
  'Rosario',
  'Santana',
  'Toledo',
  'Valentín',
  'Belizaire',
  'Charles',
  'Dorvil',
  'Joseph',
  'Pierre-Louis',
  'Alves',
  'Barbosa',
  'Cunha',
  'Moreira',
  'Teixeira',
  'Abbott',
  'Brennan',
  'Coughlin',
  'Dwyer',
  'Ellsworth',
  'Fairbanks',
  'Greer',
  'Hollis',
  'Kowalczyk',
  'Nakamura',
];

/** Mulberry32: tiny, seedable, good enough for demo data. */
export function seededRandom(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

const pick = <T>(rand: () => number, items: readonly T[]): T =>
  items[Math.floor(rand() * items.length)]!;

function pickTown(rand: () => number) {
  const total = DEMO_TOWNS.reduce((s, t) => s + t.weight, 0);
  let r = rand() * total;
  for (const town of DEMO_TOWNS) {
    r -= town.weight;
    if (r <= 0) return town;
  }
  return DEMO_TOWNS[0]!;
}

const ROLE_TRAINING: Partial<Record<ResponderRole, TrainingKind>> = {
  verifier: 'verifier',
  legal_observer: 'legal_observer',
  rally_lead: 'sanctuary_in_the_streets',
  rally_responder: 'sanctuary_in_the_streets',
  medic: 'first_aid',
  interpreter: 'interpreter',
};

export function demoResponders(count = 150, seed = 2026): ApiInput<'createResponder'>[] {
  const rand = seededRandom(seed);
  const people: ApiInput<'createResponder'>[] = [];
  const used = new Set<string>();
  for (let i = 0; i < count; i++) {
    let name = '';
    do name = `${pick(rand, GIVEN)} ${pick(rand, FAMILY)}`;
    while (used.has(name));
    used.add(name);
    const town = pickTown(rand);
    const languages: LanguageCode[] = ['en'];
    const l = rand();
    if (l < 0.45) languages.push('es');
    else if (l < 0.55) languages.push('pt');
    else if (l < 0.63) languages.push('ht');
    if (rand() < 0.1 && !languages.includes('es')) languages.push('es');
    const roles = new Set<ResponderRole>(['rally_responder']);
    const extra: ResponderRole[] = [
      'verifier',
      'legal_observer',
      'documenter',
      'rally_lead',
      'faith_leader',
      'song_leader',
      'medic',
      'driver',
      'family_support',
    ];
    for (const role of extra) if (rand() < 0.16) roles.add(role);
    if (languages.length > 1 && rand() < 0.5) roles.add('interpreter');
    const trainedYear = 2025 + Math.floor(rand() * 2);
    const trainedMonth = String(1 + Math.floor(rand() * 10)).padStart(2, '0');
    const trainings: { kind: TrainingKind; completedOn: string; expiresOn: string | null }[] = [
      ...new Set([...roles].map((r) => ROLE_TRAINING[r]).filter((t): t is TrainingKind => !!t)),
    ].map((kind) => ({
      kind,
      completedOn: `${trainedYear}-${trainedMonth}-15`,
      expiresOn: `${trainedYear + 2}-${trainedMonth}-15`,
    }));
    if (rand() < 0.6)
      trainings.push({
        kind: 'know_your_rights',
        completedOn: `2025-0${1 + Math.floor(rand() * 9)}-01`,
        expiresOn: null,
      });
    const evenings = rand() < 0.6;
    const availability = (['mon', 'tue', 'wed', 'thu', 'fri', 'sat', 'sun'] as const)
      .filter(() => rand() < 0.6)
      .map((day) =>
        evenings ? { day, start: '17:00', end: '23:00' } : { day, start: '08:00', end: '18:00' },
      );
    const phoneSuffix = String(100 + i).padStart(4, '0');
    people.push({
      name,
      phones: [
        { e164: `+1413555${phoneSuffix}`, original: `(413) 555-${phoneSuffix}`, label: 'mobile' },
      ],
      languages,
      roles: [...roles],
      trainings,
      homeTown: town.name,
      homeLat: Math.round((town.lat + (rand() - 0.5) * 0.02) * 1e4) / 1e4,
      homeLon: Math.round((town.lon + (rand() - 0.5) * 0.02) * 1e4) / 1e4,
      availability,
      onCall: rand() < 0.3,
      hasCar: rand() < 0.7,
      maxTravelMinutes: pick(rand, [15, 20, 30, 45, 60]),
      avoidEnforcementScenes: rand() < 0.08,
      notes: '',
      active: rand() > 0.04,
    });
  }
  return people;
}

/** One step of a demo incident's history: the status it moved to, and how long ago. */
export interface DemoStatusStep {
  to: IncidentStatus;
  minutesAgo: number;
}

/**
 * A handful of fictional reports spread over the four counties, minutes to days old. Each was
 * entered `ageMinutes` ago, a minute after its call, and moved through `statusPath` at the times
 * given (oldest first, each after the entry), so the board's timers read like a shift under way.
 */
export function demoIncidents(
  nowMs: number,
): (ApiInput<'createIncident'> & { ageMinutes: number; statusPath: DemoStatusStep[] })[] {
  const at = (minutesAgo: number) => new Date(nowMs - minutesAgo * 60_000).toISOString();
  return [
    {
      ageMinutes: 6,
      statusPath: [{ to: 'verifying', minutesAgo: 5 }],
      type: 'home_raid',
      triage: 'verify_first',
      location: {
        text: 'Turners Falls',
        streetText: 'Avenue A',
        lat: 42.6043,
        lon: -72.5565,
        precision: 'street',
        town: 'Montague',
      },
      salute: {
        agentsCount: 4,
        vehiclesCount: 2,
        activity: 'Agents knocking at a door, one person detained',
        agency: 'ice_ero',
        timeSeen: at(8),
        equipment: 'Vests marked POLICE',
      },
      vehiclesPlates: 'Dark SUV, partial plate 7X?',
      affectedAdults: 2,
      affectedChildren: 1,
      language: 'es',
      description: 'Caller saw agents at a neighbor’s home. Asked for observers.',
      reporterName: 'Demo caller',
      reporterPhone: '(413) 555-0199',
      callReceivedAt: at(7),
    },
    {
      ageMinutes: 25,
      statusPath: [
        { to: 'verifying', minutesAgo: 24 },
        { to: 'confirmed', minutesAgo: 15 },
        { to: 'mobilizing', minutesAgo: 13 },
      ],
      type: 'vehicle_stop',
      triage: 'mobilize_now',
      location: {
        text: 'Holyoke',
        streetText: 'High St & Dwight St',
        lat: 42.2046,
        lon: -72.6052,
        precision: 'street',
        town: 'Holyoke',
      },
      salute: {
        agentsCount: 3,
        vehiclesCount: 2,
        activity: 'Traffic stop, driver questioned',
        agency: 'ice_ero',
        timeSeen: at(27),
        equipment: '',
      },
      affectedAdults: 1,
      language: 'es',
      description: 'Stop in front of a bakery; crowd forming.',
      callReceivedAt: at(26),
    },
    {
      ageMinutes: 50,
      statusPath: [],
      type: 'sighting',
      triage: 'verify_first',
      location: {
        text: 'Springfield',
        streetText: 'Main St, Indian Orchard',
        lat: 42.1587,
        lon: -72.5051,
        precision: 'street',
        town: 'Springfield',
      },
      salute: { vehiclesCount: 1, activity: 'Unmarked van parked for an hour', agency: 'unknown' },
      language: 'es',
      description: 'Unconfirmed: van seen near the park.',
      callReceivedAt: at(51),
    },
    {
      ageMinutes: 180,
      statusPath: [{ to: 'triaged', minutesAgo: 176 }],
      type: 'courthouse',
      triage: 'mobilize_now',
      location: {
        text: 'Northampton',
        streetText: 'Hampshire County Courthouse area',
        lat: 42.3188,
        lon: -72.6297,
        precision: 'street',
        town: 'Northampton',
      },
      salute: {
        agentsCount: 2,
        activity: 'Plainclothes officers waiting outside court',
        agency: 'hsi',
      },
      language: 'pt',
      description: 'Court accompaniment requested.',
      callReceivedAt: at(181),
    },
    {
      ageMinutes: 60 * 26,
      statusPath: [
        { to: 'triaged', minutesAgo: 60 * 26 - 12 },
        { to: 'follow_up', minutesAgo: 60 * 23 },
      ],
      type: 'labor_abuse',
      triage: 'do_not_share',
      location: {
        text: 'Pittsfield',
        streetText: null,
        lat: 42.4501,
        lon: -73.2454,
        precision: 'town',
        town: 'Pittsfield',
      },
      language: 'es',
      description: 'Wage theft at a restaurant; workers want a meeting with the workers center.',
      callReceivedAt: at(60 * 26 + 1),
    },
    {
      ageMinutes: 60 * 48,
      statusPath: [{ to: 'triaged', minutesAgo: 60 * 47 + 30 }],
      type: 'checkin_detention',
      triage: 'verify_first',
      location: {
        text: 'Chicopee',
        streetText: null,
        lat: 42.1487,
        lon: -72.6079,
        precision: 'town',
        town: 'Chicopee',
      },
      language: 'ht',
      description: 'Check-in accompaniment next week; family asked for support.',
      callReceivedAt: at(60 * 48 + 1),
    },
  ];
}
