import type { ResponderRole } from '../domain/vocabulary';

/** What to bring, by role, in the responder's language: a short, fixed list (no incident data). */
const COMMON = {
  en: ['Charged phone', 'Water', 'ID only if you are a citizen or have status'],
  es: ['Teléfono cargado', 'Agua', 'Identificación solo si es ciudadano/a o tiene estatus'],
};
const BY_ROLE: Partial<Record<ResponderRole, { en: string[]; es: string[] }>> = {
  verifier: { en: ['Notebook and pen'], es: ['Libreta y bolígrafo'] },
  legal_observer: {
    en: ['Legal observer vest or hat', 'Notebook and pen'],
    es: ['Chaleco o gorra de observador legal', 'Libreta y bolígrafo'],
  },
  documenter: { en: ['Spare battery'], es: ['Batería extra'] },
  medic: { en: ['First-aid kit'], es: ['Botiquín'] },
  interpreter: { en: ['Notebook and pen'], es: ['Libreta y bolígrafo'] },
  rally_lead: { en: ['Sign or banner'], es: ['Cartel o pancarta'] },
};

export function whatToBring(role: ResponderRole, locale: 'en' | 'es'): string[] {
  return [...COMMON[locale], ...(BY_ROLE[role]?.[locale] ?? [])];
}
