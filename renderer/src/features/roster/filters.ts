import type { LanguageCode, ResponderRole } from '../../../../shared/domain/vocabulary';

/** The roster panel's search and filters; the backend applies them over everyone (pageResponders). */
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
