import type { Responder } from '../../../../shared/api/schemas';
import type { LanguageCode, ResponderRole } from '../../../../shared/domain/vocabulary';

/** Lower-case and strip accents so "chicopee" finds "Chicopee" and "jose" finds "José". */
export function searchText(value: string): string {
  return value
    .normalize('NFD')
    .replace(/\p{Diacritic}/gu, '')
    .toLowerCase()
    .trim();
}

export interface RosterFilters {
  query: string;
  role: ResponderRole | '';
  language: LanguageCode | '';
  duty: '' | 'on' | 'off';
  status: 'active' | 'inactive' | 'all';
}
export const NO_ROSTER_FILTERS: RosterFilters = {
  query: '',
  role: '',
  language: '',
  duty: '',
  status: 'active',
};

/** The roster narrowed by the panel's filters (pure, so it is cheap to test and to re-run). */
export function filterRoster(all: readonly Responder[], f: RosterFilters): Responder[] {
  const needle = searchText(f.query);
  return all.filter(
    (r) =>
      (f.status === 'all' || r.active === (f.status === 'active')) &&
      (!f.role || r.roles.includes(f.role)) &&
      (!f.language || r.languages.includes(f.language)) &&
      (!f.duty || r.onCall === (f.duty === 'on')) &&
      (!needle || searchText(`${r.name} ${r.homeTown}`).includes(needle)),
  );
}
