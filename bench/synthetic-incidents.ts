import { INCIDENT_TYPES } from '../shared/domain/vocabulary';
import { DEMO_TOWNS } from '../backend/demo/demo-network';

/**
 * The fields of one synthetic incident in a demo town (invented, no caller): reported within the
 * last two days when open, within the last year when closed. The board bench writes them through
 * mutate(); the statewide seed writes them straight to SQL.
 */
export function syntheticIncidentFields(
  rand: () => number,
  now: number,
  i: number,
  closed: boolean,
  label: string,
) {
  const town = DEMO_TOWNS[Math.floor(rand() * DEMO_TOWNS.length)]!;
  const at = new Date(now - Math.floor(rand() * (closed ? 365 : 2) * 86_400_000)).toISOString();
  return {
    type: INCIDENT_TYPES[Math.floor(rand() * INCIDENT_TYPES.length)]!,
    triage: 'verify_first',
    status: closed ? 'closed' : rand() < 0.5 ? 'new' : 'verifying',
    statusChangedAt: at,
    verificationOutcome: null,
    verifiedBy: null,
    verifiedAt: null,
    locationText: town.name,
    streetText: null,
    lat: town.lat + (rand() - 0.5) * 0.06,
    lon: town.lon + (rand() - 0.5) * 0.08,
    precision: 'town',
    town: town.name,
    agentsCount: null,
    vehiclesCount: null,
    activity: '',
    agency: 'unknown',
    timeSeen: null,
    equipment: '',
    vehiclesPlates: '',
    affectedAdults: 1,
    affectedChildren: 0,
    affectedFirstNames: '',
    language: 'es',
    description: `${label} ${i} near ${town.name}`,
    reporterName: '',
    reporterPhone: '',
    reporterPurgedAt: null,
    outsideRegionReason: null,
    mergedIntoId: null,
    heldFromStatus: null,
    callReceivedAt: at,
    createdAt: at,
    createdBy: 'bench',
    updatedAt: at,
    closedAt: closed ? at : null,
  };
}
