import type { Responder } from '../shared/api/schemas';
import {
  LANGUAGES,
  RESPONDER_ROLES,
  ROLE_REQUIRED_TRAINING,
  WEEKDAYS,
  type LanguageCode,
  type ResponderRole,
  type TrainingKind,
} from '../shared/domain/vocabulary';
import { DEMO_TOWNS, seededRandom } from '../backend/demo/demo-network';

/**
 * A synthetic statewide-size roster spread over Western Mass town centres (weighted by the demo
 * network's town weights, jittered a few km), with realistic mixes of roles, languages,
 * trainings, availability and travel limits. Invented people, 555 numbers.
 */
export function syntheticRoster(count: number, seed = 42): Responder[] {
  const rand = seededRandom(seed);
  const totalWeight = DEMO_TOWNS.reduce((n, t) => n + t.weight, 0);
  const pickTown = () => {
    let x = rand() * totalWeight;
    for (const t of DEMO_TOWNS) if ((x -= t.weight) <= 0) return t;
    return DEMO_TOWNS[0]!;
  };
  const out: Responder[] = [];
  for (let i = 0; i < count; i++) {
    const town = pickTown();
    const roles = new Set<ResponderRole>(['rally_responder']);
    for (const role of RESPONDER_ROLES) if (rand() < 0.12) roles.add(role);
    const languages = new Set<LanguageCode>(['en']);
    if (rand() < 0.45) languages.add('es');
    if (rand() < 0.08) languages.add('pt');
    if (rand() < 0.06) languages.add('ht');
    if (rand() < 0.03) languages.add(LANGUAGES[Math.floor(rand() * LANGUAGES.length)]!);
    const trainings: { kind: TrainingKind; completedOn: string; expiresOn: string | null }[] = [];
    for (const role of roles) {
      const kind = ROLE_REQUIRED_TRAINING[role];
      if (!kind || trainings.some((t) => t.kind === kind) || rand() < 0.1) continue;
      const y = 2024 + Math.floor(rand() * 3);
      const m = String(1 + Math.floor(rand() * 12)).padStart(2, '0');
      trainings.push({ kind, completedOn: `${y}-${m}-10`, expiresOn: `${y + 2}-${m}-10` });
    }
    const evening = rand() < 0.5;
    const id = `00000000-0000-7000-8000-${String(i).padStart(12, '0')}`;
    const suffix = String(i % 10000).padStart(4, '0');
    out.push({
      id,
      name: `Synthetic Person ${i}`,
      phones: [{ e164: `+1413555${suffix}`, original: `413-555-${suffix}`, label: '' }],
      languages: [...languages],
      roles: [...roles],
      trainings,
      homeTown: town.name,
      homeLat: town.lat + (rand() - 0.5) * 0.08,
      homeLon: town.lon + (rand() - 0.5) * 0.1,
      availability: WEEKDAYS.filter(() => rand() < 0.5).map((day) =>
        evening ? { day, start: '17:00', end: '23:00' } : { day, start: '08:00', end: '18:00' },
      ),
      onCall: rand() < 0.2,
      hasCar: rand() < 0.7,
      maxTravelMinutes: [15, 20, 30, 45, 60, 90][Math.floor(rand() * 6)]!,
      avoidEnforcementScenes: rand() < 0.08,
      notes: '',
      active: rand() > 0.05,
      createdAt: '2026-01-01T00:00:00.000Z',
      updatedAt: '2026-01-01T00:00:00.000Z',
    });
  }
  return out;
}
